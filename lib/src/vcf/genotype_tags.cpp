// SPDX-License-Identifier: MIT
#include "genoveil/vcf/genotype_tags.hpp"

#include <vector>

#include "genoveil/core/error.hpp"

namespace genoveil::vcf {

void fill_tags(const bcf_hdr_t* hdr, bcf1_t* rec, const FillTags& which, const AlleleCounts& c) {
    const int n_alt = static_cast<int>(rec->n_allele) - 1;
    if (static_cast<int>(c.ac.size()) != n_alt + 1) throw internal_error("allele counts do not match the record");
    bool ok = true;
    if (which.an) ok &= bcf_update_info_int32(hdr, rec, "AN", &c.an, 1) == 0;
    if (which.ac && n_alt > 0) ok &= bcf_update_info_int32(hdr, rec, "AC", c.ac.data() + 1, n_alt) == 0;
    if (which.af && n_alt > 0) {
        std::vector<float> af(static_cast<std::size_t>(n_alt));
        for (std::size_t i = 0; i < af.size(); ++i) {
            if (c.an > 0)
                af[i] = static_cast<float>(static_cast<double>(c.ac[i + 1]) / static_cast<double>(c.an));
            else
                bcf_float_set_missing(af[i]);
        }
        ok &= bcf_update_info_float(hdr, rec, "AF", af.data(), n_alt) == 0;
    }
    if (which.ns) ok &= bcf_update_info_int32(hdr, rec, "NS", &c.ns, 1) == 0;
    if (!ok) throw internal_error("cannot write a filled INFO tag");
}

}  // namespace genoveil::vcf
