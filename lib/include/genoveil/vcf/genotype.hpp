// SPDX-License-Identifier: MIT
// Genotype text: strict validation of GT values and allele counting, done on the text before
// (or instead of) htslib parsing. A GT value that passes holds only digits, '.', '/' and '|',
// so nothing but a genotype can travel in it.
//
// Minor allele count: the smallest non-zero count among the site's alleles in the output
// genotypes; 0 when at most one allele is observed (monomorphic or all missing). --min-mac
// drops a site when that count is below its value.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace genoveil::vcf {

struct AlleleCounts {
    std::vector<std::int32_t> ac;  ///< per allele, REF first
    std::int32_t an = 0;           ///< called alleles
    std::int32_t ns = 0;           ///< samples with at least one called allele

    void reset(int n_allele) {
        ac.assign(static_cast<std::size_t>(n_allele < 1 ? 1 : n_allele), 0);
        an = 0;
        ns = 0;
    }
};

enum class GtStatus { ok, malformed, allele_out_of_range };

/// Validate one GT value (alleles '.' or 0-based indices below n_allele, separated by '/' or
/// '|'; VCF 4.4's leading phase indicator is refused because htslib 1.16 readers drop such
/// records) and, when `counts` is given, add its alleles.
[[nodiscard]] GtStatus scan_gt(std::string_view gt, int n_allele, AlleleCounts* counts);

/// Minor allele count as defined above.
[[nodiscard]] std::int64_t minor_allele_count(const AlleleCounts& counts);

}  // namespace genoveil::vcf
