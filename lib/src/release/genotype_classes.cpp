// SPDX-License-Identifier: MIT
#include "genoveil/release/genotype_classes.hpp"

namespace genoveil::release {

int classify_gt(std::string_view gt, const ClassLayout& layout) {
    std::size_t i = 0;
    const std::size_t n = gt.size();
    if (n == 0) return -1;
    int alleles[2] = {0, 0};
    int ploidy = 0;
    bool missing = false;
    while (true) {
        if (i >= n) return -1;
        if (gt[i] == '.') {
            missing = true;
            ++i;
        } else {
            if (gt[i] < '0' || gt[i] > '9') return -1;
            long a = 0;
            int digits = 0;
            while (i < n && gt[i] >= '0' && gt[i] <= '9') {
                a = a * 10 + (gt[i] - '0');
                if (++digits > 9) return -1;
                ++i;
            }
            if (a >= layout.n_allele) return -1;
            if (ploidy < 2) alleles[ploidy] = static_cast<int>(a);
        }
        ++ploidy;
        if (i == n) break;
        if (gt[i] != '/' && gt[i] != '|') return -1;
        ++i;
    }
    if (missing || ploidy > 2) return layout.missing_index();
    if (ploidy == 1) return layout.haploid ? layout.haploid_index(alleles[0]) : layout.missing_index();
    return ClassLayout::diploid_index(alleles[0], alleles[1]);
}

}  // namespace genoveil::release
