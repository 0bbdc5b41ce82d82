// SPDX-License-Identifier: MIT
#include "genoveil/core/policy.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/pseudonym.hpp"

namespace genoveil::core {

namespace {

struct Profile {
    const char* name;
    const char* description;
    Policy (*make)();
};

Policy make_minimal() { return Policy{}; }

Policy make_sites() {
    Policy p;
    p.name = "sites";
    p.vcf.sites_only = true;
    p.vcf.keep_format.clear();
    p.vcf.fill_tags = {"AC", "AN"};
    return p;
}

constexpr Profile profiles[] = {
    {"minimal", "deny by default: pseudonymous samples in keyed order, GT only, rs IDs, no INFO",
     make_minimal},
    {"sites", "sites only: no samples, rs IDs, AC and AN recomputed from the genotypes", make_sites},
};

[[noreturn]] void bad(const std::string& origin, const std::string& key, const std::string& what) {
    throw usage_error(origin + ": " + key + ": " + what);
}

std::vector<std::string> string_list(const toml::node& n, const std::string& origin,
                                     const std::string& key) {
    const auto* arr = n.as_array();
    if (arr == nullptr) bad(origin, key, "expected an array of strings");
    std::vector<std::string> out;
    for (const auto& e : *arr) {
        const auto s = e.value<std::string>();
        if (!s) bad(origin, key, "expected an array of strings");
        out.push_back(*s);
    }
    return out;
}

bool boolean(const toml::node& n, const std::string& origin, const std::string& key) {
    const auto b = n.value_exact<bool>();
    if (!b) bad(origin, key, "expected true or false");
    return *b;
}

std::string string(const toml::node& n, const std::string& origin, const std::string& key) {
    const auto s = n.value_exact<std::string>();
    if (!s) bad(origin, key, "expected a string");
    return *s;
}

void apply_vcf(const toml::table& t, VcfPolicy& v, const std::string& origin) {
    for (const auto& [k, node] : t) {
        const std::string key(k.str());
        const std::string path = "vcf." + key;
        if (key == "ids") {
            try {
                v.ids = parse_id_mode(string(node, origin, path));
            } catch (const usage_error& e) {
                bad(origin, path, e.what());
            }
        } else if (key == "keep_info") {
            v.keep_info = string_list(node, origin, path);
        } else if (key == "keep_format") {
            v.keep_format = string_list(node, origin, path);
        } else if (key == "sites_only") {
            v.sites_only = boolean(node, origin, path);
        } else if (key == "fill_tags") {
            v.fill_tags = string_list(node, origin, path);
        } else if (key == "min_mac") {
            const auto i = node.value_exact<std::int64_t>();
            if (!i || *i < 0 || *i > 0xffffffffLL) bad(origin, path, "expected a non-negative integer");
            v.min_mac = static_cast<std::uint32_t>(*i);
        } else if (key == "unphase") {
            v.unphase = boolean(node, origin, path);
        } else if (key == "keep_order") {
            v.keep_order = boolean(node, origin, path);
        } else {
            bad(origin, path, "unknown key");
        }
    }
}

}  // namespace

std::vector<std::string> builtin_profiles() {
    std::vector<std::string> names;
    for (const auto& p : profiles) names.emplace_back(p.name);
    return names;
}

std::string describe_profile(const std::string& name) {
    for (const auto& p : profiles)
        if (name == p.name) return p.description;
    throw usage_error("unknown policy profile '" + name + "'");
}

std::string to_string(IdMode m) {
    switch (m) {
        case IdMode::rs: return "rs";
        case IdMode::keep: return "keep";
        case IdMode::drop: return "drop";
    }
    return "rs";
}

IdMode parse_id_mode(const std::string& s) {
    if (s == "rs") return IdMode::rs;
    if (s == "keep") return IdMode::keep;
    if (s == "drop") return IdMode::drop;
    throw usage_error("ids must be one of rs, keep, drop");
}

void validate(const VcfPolicy& v) {
    static const std::set<std::string> fillable{"AC", "AN", "AF", "NS"};
    for (const auto& t : v.fill_tags)
        if (!fillable.count(t)) throw usage_error("fill-tags: '" + t + "' is not one of AC, AN, AF, NS");
    for (const auto& f : v.keep_format)
        if (f.empty() || f.find_first_of(":;,= \t") != std::string::npos)
            throw usage_error("keep-format: not a FORMAT key name");
    for (const auto& f : v.keep_info)
        if (f.empty() || f.find_first_of(":;,= \t") != std::string::npos)
            throw usage_error("keep-info: not an INFO key name");
    if (!v.keep_format.empty() && v.keep_format.front() != "GT" &&
        std::find(v.keep_format.begin(), v.keep_format.end(), "GT") != v.keep_format.end())
        throw usage_error("keep-format: GT must come first when it is kept");
}

namespace {
thread_local int g_base_depth = 0;  // bounds `base` chains (a file naming itself, or a cycle)
}

Policy parse_policy(const std::string& text, const std::string& origin) {
    toml::table t;
    try {
        t = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream m;
        m << origin << ": line " << e.source().begin.line << ": " << e.description();
        throw usage_error(m.str());
    }
    Policy p;
    if (const auto* base = t.get("base")) {
        if (g_base_depth >= 8) bad(origin, "base", "chain of base policies is too deep (a cycle?)");
        ++g_base_depth;
        try {
            std::string name = string(*base, origin, "base");
            // A relative file name is relative to the policy file that names it.
            const auto names = builtin_profiles();
            const bool builtin = std::find(names.begin(), names.end(), name) != names.end();
            const auto slash = origin.rfind('/');
            if (!builtin && !name.empty() && name.front() != '/' && slash != std::string::npos)
                name = origin.substr(0, slash + 1) + name;
            p = load_policy(name);
        } catch (...) {
            --g_base_depth;
            throw;
        }
        --g_base_depth;
    }
    for (const auto& [k, node] : t) {
        const std::string key(k.str());
        if (key == "base") continue;
        if (key == "name") {
            p.name = string(node, origin, key);
        } else if (key == "vcf") {
            const auto* tab = node.as_table();
            if (tab == nullptr) bad(origin, key, "expected a table [vcf]");
            apply_vcf(*tab, p.vcf, origin);
        } else if (key == "reads") {
            const auto* tab = node.as_table();
            if (tab == nullptr) bad(origin, key, "expected a table [reads]");
            apply_reads_policy(*tab, p.reads, origin);
        } else {
            bad(origin, key, "unknown key");
        }
    }
    try {
        validate(p.vcf);
    } catch (const usage_error& e) {
        throw usage_error(origin + ": " + e.what());
    }
    return p;
}

Policy load_policy(const std::string& name_or_file) {
    for (const auto& p : profiles)
        if (name_or_file == p.name) return p.make();
    std::ifstream in(name_or_file);
    if (!in) {
        if (name_or_file.find('/') == std::string::npos && name_or_file.find(".toml") == std::string::npos)
            throw usage_error("unknown policy '" + name_or_file + "' (see 'genoveil policy list')");
        throw usage_error(errno_message(name_or_file) + " (policy file)");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_policy(ss.str(), name_or_file);
}

std::string to_toml(const Policy& p) {
    std::ostringstream o;
    o << "name = " << toml_quote(p.name) << "\n\n";
    o << "[vcf]\n";
    o << "ids = \"" << to_string(p.vcf.ids) << "\"\n";
    o << "keep_info = " << toml_list(p.vcf.keep_info) << "\n";
    o << "keep_format = " << toml_list(p.vcf.keep_format) << "\n";
    o << "sites_only = " << (p.vcf.sites_only ? "true" : "false") << "\n";
    o << "fill_tags = " << toml_list(p.vcf.fill_tags) << "\n";
    o << "min_mac = " << p.vcf.min_mac << "\n";
    o << "unphase = " << (p.vcf.unphase ? "true" : "false") << "\n";
    o << "keep_order = " << (p.vcf.keep_order ? "true" : "false") << "\n";
    o << "\n" << reads_policy_toml(p.reads);
    return o.str();
}

std::string toml_quote(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string toml_list(const std::vector<std::string>& xs) {
    std::string s = "[";
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (i) s += ", ";
        s += toml_quote(xs[i]);
    }
    return s + "]";
}

std::string policy_digest(const Policy& p) { return "sha256:" + crypto::sha256_hex(to_toml(p)); }

}  // namespace genoveil::core
