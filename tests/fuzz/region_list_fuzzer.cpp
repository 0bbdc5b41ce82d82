// SPDX-License-Identifier: MIT
// parse_region_list: -r/-t arguments ("chr1:100-200,chr2"). Accepted lists must give merged,
// sorted, non-empty intervals that the lookups agree with.
#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/select/region_set.hpp"

namespace {

void check(const genoveil::select::RegionSet& set) {
    for (const auto& [contig, ivs] : set.contigs()) {
        for (std::size_t i = 0; i < ivs.size(); ++i) {
            const auto& iv = ivs[i];
            if (iv.beg < 0 || iv.end <= iv.beg) genoveil::fuzz::violated("empty or negative interval kept");
            if (i > 0 && ivs[i - 1].end >= iv.beg) genoveil::fuzz::violated("intervals not merged or not sorted");
            if (!set.contains(contig, iv.beg) || !set.contains(contig, iv.end - 1))
                genoveil::fuzz::violated("an interval does not contain its own ends");
            if (set.contains(contig, iv.end) && (i + 1 == ivs.size() || ivs[i + 1].beg > iv.end))
                genoveil::fuzz::violated("an interval contains its exclusive end");
            if (iv.beg > 0 && set.contains(contig, iv.beg - 1) && (i == 0 || ivs[i - 1].end < iv.beg))
                genoveil::fuzz::violated("an interval contains the position before it");
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    try {
        const auto set = genoveil::select::parse_region_list(in.rest());
        check(set);
    } catch (const genoveil::usage_error&) {
    }
    return 0;
}
