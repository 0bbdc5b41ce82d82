// SPDX-License-Identifier: MIT
#include "genoveil/reads/qual_bins.hpp"

#include "genoveil/core/error.hpp"

namespace genoveil::reads {

QualBins parse_qual_bins(const std::string& s) {
    if (s == "none") return QualBins::none;
    if (s == "illumina8") return QualBins::illumina8;
    if (s == "illumina4") return QualBins::illumina4;
    if (s == "binary") return QualBins::binary;
    throw usage_error("qual-bins must be illumina8, illumina4, binary or none");
}

namespace {

std::uint8_t bin(QualBins b, unsigned q) {
    switch (b) {
        case QualBins::none: return static_cast<std::uint8_t>(q);
        case QualBins::illumina8:
            if (q < 2) return static_cast<std::uint8_t>(q);
            if (q < 10) return 6;
            if (q < 20) return 15;
            if (q < 25) return 22;
            if (q < 30) return 27;
            if (q < 35) return 33;
            if (q < 40) return 37;
            return 40;
        case QualBins::illumina4:
            if (q < 3) return 2;
            if (q < 15) return 12;
            if (q < 31) return 23;
            return 37;
        case QualBins::binary: return q < 20 ? 10 : 30;
    }
    return static_cast<std::uint8_t>(q);
}

}  // namespace

QualTable qual_table(QualBins bins) {
    QualTable t{};
    for (unsigned q = 0; q < 256; ++q) t[q] = q == 0xff ? 0xff : bin(bins, q);
    return t;
}

}  // namespace genoveil::reads
