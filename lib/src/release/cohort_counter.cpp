// SPDX-License-Identifier: MIT
#include "genoveil/release/cohort_counter.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "genoveil/core/error.hpp"

namespace genoveil::release {

using sv = std::string_view;

namespace {

bool valid_pos(sv p) {
    if (p.empty() || p.size() > 18 || p.front() == '0') return false;
    return std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_qual(sv q) {
    if (q == ".") return true;
    double v = 0;
    const auto r = std::from_chars(q.data(), q.data() + q.size(), v);
    return !q.empty() && r.ec == std::errc() && r.ptr == q.data() + q.size();
}

}  // namespace

CohortCounter::CohortCounter(const SiteList& sites, std::vector<int> group_of, int n_groups, std::string file)
    : sites_(sites), group_of_(std::move(group_of)), n_groups_(n_groups), file_(std::move(file)) {}

bool CohortCounter::count(sv line, std::uint64_t rec, SiteCounts& out, CountScratch& s) const {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\0') != sv::npos) throw input_error(file_, rec, "", "contains a NUL byte");
    sv col[9];
    std::size_t pos = 0;
    int ncol = 0;
    for (; ncol < 9; ++ncol) {
        const auto tab = line.find('\t', pos);
        col[ncol] = line.substr(pos, tab == sv::npos ? sv::npos : tab - pos);
        if (tab == sv::npos) {
            pos = line.size() + 1;
            ++ncol;
            break;
        }
        pos = tab + 1;
    }
    if (ncol < 8) throw input_error(file_, rec, "", "fewer than 8 tab-separated columns");
    // Every record, listed or not, has a valid POS and QUAL: a malformed file stops the run.
    if (!valid_pos(col[1])) throw input_error(file_, rec, "POS", "not a positive integer (without leading zeros)");
    if (!valid_qual(col[5])) throw input_error(file_, rec, "QUAL", "not a number or '.'");
    const long site = sites_.find(col[0], col[1], col[3], col[4]);
    if (site < 0) return false;
    const Site& listed = sites_.sites()[static_cast<std::size_t>(site)];
    const ClassLayout layout{listed.n_allele, listed.haploid};
    const auto cells = static_cast<std::size_t>(layout.cells());
    out.site = site;
    out.cells.assign(cells * static_cast<std::size_t>(n_groups_), 0);

    const auto n = group_of_.size();
    if (n == 0) return true;
    if (ncol < 9 || pos > line.size()) throw input_error(file_, rec, "FORMAT", "no FORMAT or sample columns");
    if (col[8] != s.last_format) {
        s.last_format.assign(col[8]);
        s.gt_index = -1;
        std::size_t start = 0;
        int index = 0;
        while (start <= col[8].size()) {
            const auto p = col[8].find(':', start);
            if (col[8].substr(start, p == sv::npos ? sv::npos : p - start) == "GT") {
                if (s.gt_index >= 0) {
                    s.last_format.clear();
                    throw input_error(file_, rec, "FORMAT", "GT appears twice");
                }
                s.gt_index = index;
            }
            if (p == sv::npos) break;
            start = p + 1;
            ++index;
        }
    }
    if (s.gt_index < 0) throw input_error(file_, rec, "FORMAT", "no GT on a listed site");
    std::size_t at = pos;
    for (std::size_t j = 0; j < n; ++j) {
        if (at > line.size()) throw input_error(file_, rec, "samples", "fewer sample columns than the header declares");
        const void* tab = std::memchr(line.data() + at, '\t', line.size() - at);
        const std::size_t end = tab ? static_cast<std::size_t>(static_cast<const char*>(tab) - line.data()) : line.size();
        const int g = group_of_[j];
        if (g >= 0) {
            sv sample = line.substr(at, end - at);
            for (int k = 0; k < s.gt_index; ++k) {  // move to the GT sub-field
                const auto colon = sample.find(':');
                sample = colon == sv::npos ? sv(".") : sample.substr(colon + 1);
            }
            const auto colon = sample.find(':');
            const sv gt = colon == sv::npos ? sample : sample.substr(0, colon);
            const int cell = classify_gt(gt.empty() ? sv(".") : gt, layout);
            if (cell < 0) throw input_error(file_, rec, "FORMAT/GT", "not a valid genotype for this site");
            ++out.cells[static_cast<std::size_t>(g) * cells + static_cast<std::size_t>(cell)];
        }
        at = end + 1;
    }
    if (at <= line.size()) throw input_error(file_, rec, "samples", "more sample columns than the header declares");
    return true;
}

}  // namespace genoveil::release
