// SPDX-License-Identifier: MIT
#include "genoveil/vcf/genotype.hpp"

#include <algorithm>
#include <limits>

namespace genoveil::vcf {

GtStatus scan_gt(std::string_view gt, int n_allele, AlleleCounts* counts) {
    std::size_t i = 0;
    const std::size_t n = gt.size();
    if (n == 0) return GtStatus::malformed;
    bool called = false;
    std::int32_t pending[64];
    int n_pending = 0;
    while (true) {
        if (i >= n) return GtStatus::malformed;  // an allele is required here
        if (gt[i] == '.') {
            ++i;
        } else {
            if (gt[i] < '0' || gt[i] > '9') return GtStatus::malformed;
            std::int64_t a = 0;
            std::size_t digits = 0;
            while (i < n && gt[i] >= '0' && gt[i] <= '9') {
                a = a * 10 + (gt[i] - '0');
                if (++digits > 9) return GtStatus::malformed;
                ++i;
            }
            if (a >= n_allele) return GtStatus::allele_out_of_range;
            if (n_pending == 64) return GtStatus::malformed;  // ploidy beyond any real genome
            pending[n_pending++] = static_cast<std::int32_t>(a);
            called = true;
        }
        if (i == n) break;
        if (gt[i] != '/' && gt[i] != '|') return GtStatus::malformed;
        ++i;
    }
    if (counts != nullptr) {
        for (int k = 0; k < n_pending; ++k) ++counts->ac[static_cast<std::size_t>(pending[k])];
        counts->an += n_pending;
        if (called) ++counts->ns;
    }
    return GtStatus::ok;
}

std::int64_t minor_allele_count(const AlleleCounts& c) {
    std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
    int observed = 0;
    for (auto v : c.ac) {
        if (v > 0) {
            ++observed;
            smallest = std::min<std::int64_t>(smallest, v);
        }
    }
    return observed >= 2 ? smallest : 0;
}

}  // namespace genoveil::vcf
