// SPDX-License-Identifier: MIT
// --fill-tags: write AC, AN, AF, NS, computed from the output genotypes (counted on the text by
// the minimizer), into a parsed record.
#pragma once

#include <htslib/vcf.h>

#include "genoveil/vcf/genotype.hpp"

namespace genoveil::vcf {

struct FillTags {
    bool ac = false, an = false, af = false, ns = false;
    [[nodiscard]] bool any() const { return ac || an || af || ns; }
};

/// Write the requested tags. `hdr` must define them (the header builder adds them).
void fill_tags(const bcf_hdr_t* hdr, bcf1_t* rec, const FillTags& which, const AlleleCounts& counts);

}  // namespace genoveil::vcf
