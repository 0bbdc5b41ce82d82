// SPDX-License-Identifier: MIT
#include "genoveil/reads/header_scrub.hpp"

#include <set>
#include <string_view>

#include "genoveil/core/error.hpp"

namespace genoveil::reads {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> f;
    std::size_t start = 0;
    while (true) {
        const auto p = line.find('\t', start);
        f.push_back(line.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return f;
}

// Tabs and newlines cannot occur in a header value; anything else is kept as given.
std::string clean(std::string_view v) {
    std::string s(v);
    for (auto& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

}  // namespace

std::string pg_line(const std::string& version, const std::string& command_line, const std::string& policy_digest) {
    return "@PG\tID:genoveil-reads\tPN:genoveil\tVN:" + clean(version) + "\tCL:" + clean(command_line) +
           "\tDS:policy=" + clean(policy_digest);
}

ScrubbedHeader scrub_header(sam_hdr_t* in, crypto::Hmac& hmac, const std::string& pg, bool hashed_names,
                            const std::string& file) {
    ScrubbedHeader r;
    const char* raw = sam_hdr_str(in);
    const std::string_view text = raw ? std::string_view(raw, sam_hdr_length(in)) : std::string_view();
    std::string hd, sq, rg;
    std::set<std::string> samples_seen;
    std::int64_t n_sq = 0;
    auto removed = [&](const std::string& what) { ++r.removed[what]; };

    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(start, nl - start);
        start = nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        ++r.lines_in;
        const auto f = split_tabs(line);
        const std::string_view type = f[0];
        if (type == "@HD") {
            std::string out = "@HD";
            bool qname_sorted = false;
            for (std::size_t i = 1; i < f.size(); ++i) {
                const auto k = f[i].substr(0, 3);
                if (f[i] == "SO:queryname") qname_sorted = true;
                if (f[i] == "GO:query") r.name_grouped = true;
                if (k == "VN:" || k == "SO:" || k == "GO:" || k == "SS:") {
                    if (hashed_names && (k == "SO:" || k == "SS:") && qname_sorted) continue;
                    out += '\t';
                    out += clean(f[i]);
                } else {
                    removed("@HD fields");
                }
            }
            if (qname_sorted) {
                r.name_grouped = true;
                if (hashed_names) {
                    out += "\tSO:unsorted";
                    if (out.find("\tGO:") == std::string::npos) out += "\tGO:query";
                }
            }
            hd = out + "\n";
        } else if (type == "@SQ") {
            std::string out = "@SQ";
            for (std::size_t i = 1; i < f.size(); ++i) {
                const auto k = f[i].substr(0, 3);
                if (k == "SN:" || k == "LN:" || k == "M5:") {
                    out += '\t';
                    out += clean(f[i]);
                } else {
                    removed("@SQ fields");
                }
            }
            sq += out + "\n";
            ++n_sq;
        } else if (type == "@RG") {
            std::string id, sm, pl;
            bool has_id = false, has_sm = false, has_pl = false;
            for (std::size_t i = 1; i < f.size(); ++i) {
                const auto k = f[i].substr(0, 3);
                const auto v = f[i].substr(std::min<std::size_t>(3, f[i].size()));
                if (k == "ID:") {
                    id = std::string(v);
                    has_id = true;
                } else if (k == "SM:") {
                    sm = std::string(v);
                    has_sm = true;
                } else if (k == "PL:") {
                    pl = clean(v);
                    has_pl = true;
                } else {
                    removed("@RG fields");
                }
            }
            if (!has_id) throw input_error(file, 0, "header @RG", "a read group has no ID");
            if (r.rg_ids.count(id)) throw input_error(file, 0, "header @RG", "two read groups have the same ID");
            const std::string new_id = crypto::pseudonym(hmac, crypto::domain::read_group, id);
            r.rg_ids.emplace(id, new_id);
            r.map.emplace_back("rg:" + id, new_id);
            std::string out = "@RG\tID:" + new_id;
            if (has_sm) {
                const std::string new_sm = crypto::pseudonym(hmac, crypto::domain::sample, sm);
                out += "\tSM:" + new_sm;
                if (samples_seen.insert(sm).second) r.map.emplace_back("sample:" + sm, new_sm);
            }
            if (has_pl) out += "\tPL:" + pl;
            rg += out + "\n";
            ++r.read_groups;
        } else {
            removed(std::string(type.substr(0, 3)));
        }
    }
    r.samples = samples_seen.size();
    if (n_sq != sam_hdr_nref(in))
        throw input_error(file, 0, "header @SQ", "the @SQ lines do not match the reference list of the file");
    r.text = hd + sq + rg;
    if (!pg.empty()) r.text += pg + "\n";
    r.out.reset(sam_hdr_parse(r.text.size(), r.text.c_str()));
    if (!r.out) throw input_error(file, 0, "header", "the scrubbed header cannot be parsed");
    if (sam_hdr_nref(r.out.get()) != sam_hdr_nref(in))
        throw input_error(file, 0, "header @SQ", "the @SQ lines do not match the reference list of the file");
    for (const char* p = r.text.c_str(); *p; ++p)
        if (*p == '\n') ++r.lines_out;
    return r;
}

}  // namespace genoveil::reads
