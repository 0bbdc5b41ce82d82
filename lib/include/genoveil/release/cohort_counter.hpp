// SPDX-License-Identifier: MIT
// Counting pass of `genoveil release`: for each input data line on the site list, the
// genotype-class histogram of every group. Lines not on the list are skipped. count() is const
// on the counter and may run on many threads, each with its own CountScratch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "genoveil/release/genotype_classes.hpp"
#include "genoveil/release/site_list.hpp"

namespace genoveil::release {

struct SiteCounts {
    long site = -1;                    ///< index in the site list
    std::vector<std::int64_t> cells;   ///< groups x layout.cells(), group-major
};

struct CountScratch {
    std::vector<std::size_t> col;
    std::string last_format;
    int gt_index = -1;
};

class CohortCounter {
public:
    /// `group_of[j]` is the group of input sample column j, or -1 when the sample is not counted.
    CohortCounter(const SiteList& sites, std::vector<int> group_of, int n_groups, std::string file);

    /// Count one data line (no newline). Returns false when the line is not on the list.
    /// Throws input_error naming file, record and field on a malformed line.
    bool count(std::string_view line, std::uint64_t record, SiteCounts& out, CountScratch& scratch) const;

    [[nodiscard]] int groups() const { return n_groups_; }

private:
    const SiteList& sites_;
    std::vector<int> group_of_;
    int n_groups_;
    std::string file_;
};

}  // namespace genoveil::release
