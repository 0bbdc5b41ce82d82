// SPDX-License-Identifier: MIT
// --groups: a TSV of SAMPLE<TAB>GROUP lines (blank lines and '#' comments skipped) that splits
// the cohort into groups released side by side. Samples not listed are not counted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace genoveil::release {

struct Groups {
    std::vector<std::string> names;  ///< sorted; {""} without --groups
    std::vector<int> of_sample;      ///< group of each input column, -1 when not listed
    std::vector<std::int64_t> size;  ///< counted samples per group
    std::string digest = "none";     ///< "sha256:..." of the canonical table, "none" without one
};

/// Read the groups file (`path` empty: one unnamed group of every sample). Group names are
/// 1-32 letters, digits or '_'; a sample listed twice is an input_error naming the line.
[[nodiscard]] Groups read_groups(const std::string& path, const std::vector<std::string>& samples);

}  // namespace genoveil::release
