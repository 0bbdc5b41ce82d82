// SPDX-License-Identifier: MIT
// Post-processing of noisy histograms (privacy.md 7). It only ever sees released (noisy)
// values, so floating point is allowed here and costs no privacy.
#pragma once

#include <cstdint>
#include <vector>

#include "genoveil/release/genotype_classes.hpp"

namespace genoveil::release {

/// Median of the values (the lower of the two middle ones for an even count); 0 when empty.
[[nodiscard]] std::int64_t median(std::vector<std::int64_t> values);

/// Project a noisy histogram onto non-negative integers that sum to `total`: least-squares
/// projection onto the simplex, then largest-remainder rounding (ties to the lower index).
[[nodiscard]] std::vector<std::int64_t> project(const std::vector<std::int64_t>& noisy, std::int64_t total);

/// Counts derived from a consistent histogram.
struct Derived {
    std::vector<std::int64_t> ac;       ///< per ALT allele
    std::int64_t an = 0;
    std::vector<std::int64_t> nhomalt;  ///< individuals homozygous for each ALT allele
};
[[nodiscard]] Derived derive(const std::vector<std::int64_t>& cells, const ClassLayout& layout);

}  // namespace genoveil::release
