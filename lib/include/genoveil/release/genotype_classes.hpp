// SPDX-License-Identifier: MIT
// The genotype-class histogram of one site (privacy.md 4.2): one cell per unordered diploid
// genotype in VCF "G" order, one per haploid allele on contigs that carry haploid calls (X, Y,
// mitochondria by default), and one for missing. The cells depend only on public facts (the
// number of alleles and the contig), so every individual adds exactly 1 to exactly one cell:
// L1 = L2 = 1 per site. A haploid call on a diploid-only contig counts as missing.
#pragma once

#include <cstdint>
#include <string_view>

namespace genoveil::release {

struct ClassLayout {
    int n_allele = 2;
    bool haploid = false;  ///< the contig carries haploid cells
    [[nodiscard]] int diploid() const { return n_allele * (n_allele + 1) / 2; }
    [[nodiscard]] int haploid_cells() const { return haploid ? n_allele : 0; }
    [[nodiscard]] int cells() const { return diploid() + haploid_cells() + 1; }
    /// Diploid genotype a/b (any order) in VCF G order: index = hi*(hi+1)/2 + lo.
    [[nodiscard]] static int diploid_index(int a, int b) {
        const int lo = a < b ? a : b, hi = a < b ? b : a;
        return hi * (hi + 1) / 2 + lo;
    }
    [[nodiscard]] int haploid_index(int a) const { return diploid() + a; }
    [[nodiscard]] int missing_index() const { return diploid() + haploid_cells(); }
};

/// Cell of one GT value, or -1 when the value is not a valid genotype or names an allele the
/// site does not have. A genotype with any missing allele, or of ploidy above 2, counts as
/// missing.
[[nodiscard]] int classify_gt(std::string_view gt, const ClassLayout& layout);

}  // namespace genoveil::release
