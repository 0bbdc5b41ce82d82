// SPDX-License-Identifier: MIT
#include "genoveil/select/region_set.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>

#include "genoveil/core/error.hpp"

namespace genoveil::select {

namespace {

constexpr std::int64_t max_pos = std::numeric_limits<std::int32_t>::max() * std::int64_t{1024};

bool to_int(std::string_view s, std::int64_t& out) {
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const auto p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

}  // namespace

void RegionSet::add(const std::string& contig, std::int64_t beg, std::int64_t end) {
    if (end <= beg) return;
    by_contig_[contig].push_back({beg, end});
}

void RegionSet::finish() {
    for (auto& [name, v] : by_contig_) {
        std::sort(v.begin(), v.end(), [](const Interval& a, const Interval& b) { return a.beg < b.beg; });
        std::vector<Interval> merged;
        for (const auto& iv : v) {
            if (!merged.empty() && iv.beg <= merged.back().end)
                merged.back().end = std::max(merged.back().end, iv.end);
            else
                merged.push_back(iv);
        }
        v.swap(merged);
    }
}

bool RegionSet::overlaps(std::string_view contig, std::int64_t beg, std::int64_t end) const {
    const auto it = by_contig_.find(contig);
    if (it == by_contig_.end()) return false;
    const auto& v = it->second;
    // First interval ending after beg; it overlaps when it also starts before end.
    const auto p = std::upper_bound(v.begin(), v.end(), beg,
                                    [](std::int64_t b, const Interval& iv) { return b < iv.end; });
    return p != v.end() && p->beg < std::max(end, beg + 1);
}

RegionSet parse_region_list(std::string_view list) {
    RegionSet set;
    std::size_t index = 0;
    for (auto item : split(list, ',')) {
        ++index;
        // Commas separate entries, so positions carry no thousands separators.
        if (item.empty()) throw usage_error("region list: entry " + std::to_string(index) + " is empty");
        const auto colon = item.rfind(':');
        std::string contig(item);
        std::int64_t beg = 0, end = max_pos;
        if (colon != std::string_view::npos) {
            const auto range = item.substr(colon + 1);
            contig = std::string(item.substr(0, colon));
            const auto dash = range.find('-');
            std::int64_t b = 0, e = 0;
            const bool ok_b = to_int(range.substr(0, dash), b) && b >= 1;
            bool ok_e = true;
            if (dash == std::string_view::npos) {
                e = b;
            } else if (dash + 1 == range.size()) {
                e = max_pos;
            } else {
                ok_e = to_int(range.substr(dash + 1), e) && e >= b;
            }
            if (!ok_b || !ok_e || contig.empty())
                throw usage_error("region list: entry " + std::to_string(index) +
                                  " is not CHR, CHR:POS, CHR:BEG-END or CHR:BEG-");
            beg = b - 1;
            end = e;
        }
        set.add(contig, beg, end);
    }
    set.finish();
    return set;
}

bool parse_region_line(std::string_view line, bool bed, const std::string& file, std::uint64_t line_no,
                       std::string& contig, std::int64_t& beg, std::int64_t& end) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#' || line.substr(0, 5) == "track" || line.substr(0, 7) == "browser")
        return false;
    const auto cols = split(line, '\t');
    if (cols[0].empty()) throw input_error(file, line_no, "column 1", "empty contig name");
    contig.assign(cols[0]);
    if (bed) {
        if (cols.size() < 3) throw input_error(file, line_no, "", "BED line has fewer than 3 columns");
        if (!to_int(cols[1], beg) || beg < 0 || beg > max_pos)
            throw input_error(file, line_no, "column 2", "not a valid BED start");
        if (!to_int(cols[2], end) || end < beg || end > max_pos)
            throw input_error(file, line_no, "column 3", "not a valid BED end");
        return true;
    }
    if (cols.size() < 2) throw input_error(file, line_no, "", "expected CHROM<TAB>POS[<TAB>END]");
    std::int64_t b = 0, e = 0;
    if (!to_int(cols[1], b) || b < 1 || b > max_pos)
        throw input_error(file, line_no, "column 2", "not a valid 1-based position");
    e = b;
    if (cols.size() >= 3 && !cols[2].empty() && (!to_int(cols[2], e) || e < b || e > max_pos))
        throw input_error(file, line_no, "column 3", "not a valid end position");
    beg = b - 1;
    end = e;
    return true;
}

RegionSet read_region_file(const std::string& path, bool force_bed) {
    const bool bed = force_bed || path.ends_with(".bed") || path.ends_with(".bed.gz") ||
                     path.ends_with(".bed.bgz");
    htsFile* fp = hts_open(path.c_str(), "r");
    if (fp == nullptr) throw io_error(errno_message(path));
    RegionSet set;
    kstring_t line = KS_INITIALIZE;
    std::uint64_t n = 0;
    std::string contig;
    std::int64_t beg = 0, end = 0;
    int r = 0;
    try {
        while ((r = hts_getline(fp, KS_SEP_LINE, &line)) >= 0) {
            ++n;
            if (parse_region_line(std::string_view(line.s, line.l), bed, path, n, contig, beg, end))
                set.add(contig, beg, end);
        }
    } catch (...) {
        ks_free(&line);
        hts_close(fp);
        throw;
    }
    ks_free(&line);
    hts_close(fp);
    if (r < -1) throw input_error(path, n + 1, "", "read error or corrupt compressed data");
    set.finish();
    return set;
}

std::optional<RegionSet> region_option(const std::string& list, const std::string& file, bool& negate) {
    negate = false;
    std::string s = !list.empty() ? list : file;
    if (s.empty()) return std::nullopt;
    if (s.front() == '^') {
        negate = true;
        s.erase(0, 1);
    }
    return !list.empty() ? parse_region_list(s) : read_region_file(s);
}

}  // namespace genoveil::select
