// SPDX-License-Identifier: MIT
// RAII owners for the SAM/BAM/CRAM side of htslib and for FASTA indexes. As in hts_ptr.hpp,
// callers check every status right after the call; these types only guarantee release.
#pragma once

#include <memory>

#include <htslib/faidx.h>
#include <htslib/sam.h>

namespace genoveil::hts {

struct SamHdrFree {
    void operator()(sam_hdr_t* h) const noexcept { sam_hdr_destroy(h); }
};
struct BamFree {
    void operator()(bam1_t* b) const noexcept { bam_destroy1(b); }
};
struct FaiFree {
    void operator()(faidx_t* f) const noexcept { fai_destroy(f); }
};

using SamHdrPtr = std::unique_ptr<sam_hdr_t, SamHdrFree>;
using BamPtr = std::unique_ptr<bam1_t, BamFree>;
using FaiPtr = std::unique_ptr<faidx_t, FaiFree>;

}  // namespace genoveil::hts
