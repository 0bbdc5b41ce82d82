// SPDX-License-Identifier: MIT
// Which input samples are written, under which pseudonym, in which column order.
#pragma once

#include <string>
#include <vector>

#include "genoveil/crypto/pseudonym.hpp"

namespace genoveil::vcf {

struct SamplePlan {
    std::vector<int> order;               ///< input column index of each output column
    std::vector<std::string> out_names;   ///< pseudonym of each output column
    /// (original, pseudonym) of every kept sample, in input order, for --map-out.
    std::vector<std::pair<std::string, std::string>> mapping;
    std::size_t removed_by_subset = 0;
};

/// Parse a -s list ("A,B" or "^A,B") or read a -S file (one name per line, first column;
/// a leading '^' on the argument excludes). An empty spec selects every sample.
struct SampleSelection {
    std::vector<std::string> names;
    bool exclude = false;
    bool all = true;
};
[[nodiscard]] SampleSelection parse_sample_list(const std::string& spec);
[[nodiscard]] SampleSelection read_sample_file(const std::string& spec);

/// Build the plan. Samples named in `sel` but absent from `input_names` are a usage_error that
/// gives the entry's position in the list, never the name. Columns are ordered by pseudonym (a
/// keyed random permutation) unless keep_order is set.
[[nodiscard]] SamplePlan make_sample_plan(const std::vector<std::string>& input_names,
                                          const SampleSelection& sel, crypto::Hmac& hmac,
                                          bool keep_order);

}  // namespace genoveil::vcf
