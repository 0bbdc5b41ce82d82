// SPDX-License-Identifier: MIT
#include "genoveil/core/reads_policy.hpp"

#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/policy.hpp"

namespace genoveil::core {

namespace {

[[noreturn]] void bad(const std::string& origin, const std::string& key, const std::string& what) {
    throw usage_error(origin + ": reads." + key + ": " + what);
}

std::string str(const toml::node& n, const std::string& origin, const std::string& key) {
    const auto s = n.value_exact<std::string>();
    if (!s) bad(origin, key, "expected a string");
    return *s;
}

bool boolean(const toml::node& n, const std::string& origin, const std::string& key) {
    const auto b = n.value_exact<bool>();
    if (!b) bad(origin, key, "expected true or false");
    return *b;
}

}  // namespace

void apply_reads_policy(const toml::table& t, ReadsPolicy& r, const std::string& origin) {
    for (const auto& [k, node] : t) {
        const std::string key(k.str());
        if (key == "read_names") {
            r.read_names = str(node, origin, key);
        } else if (key == "keep_tags" || key == "drop_tags") {
            const auto* arr = node.as_array();
            if (arr == nullptr) bad(origin, key, "expected an array of strings");
            auto& list = key == "keep_tags" ? r.keep_tags : r.drop_tags;
            list.clear();
            for (const auto& e : *arr) {
                const auto s = e.value<std::string>();
                if (!s) bad(origin, key, "expected an array of strings");
                list.push_back(*s);
            }
        } else if (key == "qual_bins") {
            r.qual_bins = str(node, origin, key);
        } else if (key == "drop_quals") {
            r.drop_quals = boolean(node, origin, key);
        } else if (key == "drop_unmapped") {
            r.drop_unmapped = boolean(node, origin, key);
        } else if (key == "drop_secondary") {
            r.drop_secondary = boolean(node, origin, key);
        } else if (key == "drop_supplementary") {
            r.drop_supplementary = boolean(node, origin, key);
        } else if (key == "mask_variants") {
            r.mask_variants = boolean(node, origin, key);
        } else if (key == "soft_clips") {
            r.soft_clips = str(node, origin, key);
        } else {
            bad(origin, key, "unknown key");
        }
    }
    try {
        validate(r);
    } catch (const usage_error& e) {
        throw usage_error(origin + ": " + e.what());
    }
}

void validate(const ReadsPolicy& r) {
    static const std::set<std::string> names{"hmac", "counter", "keep"};
    static const std::set<std::string> bins{"illumina8", "illumina4", "binary", "none"};
    static const std::set<std::string> clips{"mask", "trim"};
    if (!names.count(r.read_names)) throw usage_error("read-names must be hmac, counter or keep");
    if (!bins.count(r.qual_bins)) throw usage_error("qual-bins must be illumina8, illumina4, binary or none");
    if (!clips.count(r.soft_clips)) throw usage_error("soft-clips must be mask or trim");
    // SAM tags are [A-Za-z][A-Za-z0-9]; keep_tags may also hold "*" (every tag).
    auto is_tag = [](const std::string& t) {
        auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
        return t.size() == 2 && alpha(t[0]) && (alpha(t[1]) || (t[1] >= '0' && t[1] <= '9'));
    };
    for (const auto& t : r.keep_tags)
        if (t != "*" && !is_tag(t)) throw usage_error("keep-tags: a tag is two characters, [A-Za-z][A-Za-z0-9], or *");
    for (const auto& t : r.drop_tags)
        if (!is_tag(t)) throw usage_error("drop-tags: a tag is two characters, [A-Za-z][A-Za-z0-9]");
}

std::string reads_policy_toml(const ReadsPolicy& r) {
    std::ostringstream o;
    o << "[reads]\n";
    o << "read_names = \"" << r.read_names << "\"\n";
    o << "keep_tags = " << toml_list(r.keep_tags) << "\n";
    o << "drop_tags = " << toml_list(r.drop_tags) << "\n";
    o << "qual_bins = \"" << r.qual_bins << "\"\n";
    o << "drop_quals = " << (r.drop_quals ? "true" : "false") << "\n";
    o << "drop_unmapped = " << (r.drop_unmapped ? "true" : "false") << "\n";
    o << "drop_secondary = " << (r.drop_secondary ? "true" : "false") << "\n";
    o << "drop_supplementary = " << (r.drop_supplementary ? "true" : "false") << "\n";
    o << "mask_variants = " << (r.mask_variants ? "true" : "false") << "\n";
    o << "soft_clips = \"" << r.soft_clips << "\"\n";
    return o.str();
}

}  // namespace genoveil::core
