// SPDX-License-Identifier: MIT
// Base-quality binning (--qual-bins). Each scheme maps every Phred value to a bin value; the
// tables are written out in man/genoveil-reads.1 and must stay in step with qual_bins.cpp.
//   illumina8: 0-1 kept, 2-9 -> 6, 10-19 -> 15, 20-24 -> 22, 25-29 -> 27, 30-34 -> 33,
//              35-39 -> 37, >= 40 -> 40
//   illumina4: 0-2 -> 2, 3-14 -> 12, 15-30 -> 23, >= 31 -> 37
//   binary:    0-19 -> 10, >= 20 -> 30
//   none:      identity
// The BAM "missing quality" marker (0xff) is never changed.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace genoveil::reads {

enum class QualBins { none, illumina8, illumina4, binary };

/// "none", "illumina8", "illumina4", "binary"; usage_error otherwise.
[[nodiscard]] QualBins parse_qual_bins(const std::string& s);

using QualTable = std::array<std::uint8_t, 256>;

/// The lookup table of a scheme: out = table[in].
[[nodiscard]] QualTable qual_table(QualBins bins);

}  // namespace genoveil::reads
