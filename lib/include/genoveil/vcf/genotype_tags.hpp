// SPDX-License-Identifier: MIT
// Record-level work on parsed genotypes: validate GT allele indices, count alleles in the
// output samples, drop sites below --min-mac, write --fill-tags, and finally strip genotypes
// that were parsed only to compute those (sites-only mode).
//
// Minor allele count: the smallest non-zero count among the site's alleles in the output
// genotypes; 0 when at most one allele is observed (monomorphic or all missing). A site is
// dropped when that count is below --min-mac.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <htslib/vcf.h>

#include "genoveil/vcf/counters.hpp"

namespace genoveil::vcf {

struct GenotypeConfig {
    const bcf_hdr_t* parse = nullptr;
    const bcf_hdr_t* out = nullptr;
    int gt_id = -1;                 ///< GT in the parse header, -1 when not parsed
    std::uint32_t min_mac = 0;
    bool fill_ac = false, fill_an = false, fill_af = false, fill_ns = false;
    bool strip_samples = false;     ///< genotypes were parsed for counting only
    std::string file;
};

struct AlleleCounts {
    std::vector<std::int32_t> ac;  ///< per allele, REF first
    std::int32_t an = 0;
    std::int32_t ns = 0;
};

/// Count alleles of `rec` (unpacked here). Throws input_error on an allele index that is not
/// one of the record's alleles.
void count_alleles(const GenotypeConfig& cfg, bcf1_t* rec, std::uint64_t record, AlleleCounts& counts);

/// Minor allele count as defined above.
[[nodiscard]] std::int64_t minor_allele_count(const AlleleCounts& counts);

/// Apply --min-mac, --fill-tags and the sites-only strip. Returns false when the site is dropped.
bool process_genotypes(const GenotypeConfig& cfg, bcf1_t* rec, std::uint64_t record, AlleleCounts& scratch,
                       Counters& counters);

}  // namespace genoveil::vcf
