// SPDX-License-Identifier: MIT
// parse_region_line: lines of -R/-T region files and --exclude-bed BED files. The first byte
// chooses BED or CHROM POS [END]; the rest is split into lines and fed in order, as
// read_region_file does, into a RegionSet.
#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/select/region_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const bool bed = in.byte() & 1;
    const std::string_view text = in.rest();
    genoveil::select::RegionSet set;
    std::string contig;
    std::size_t start = 0;
    std::uint64_t line_no = 0;
    while (start <= text.size()) {
        const auto nl = text.find('\n', start);
        const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        ++line_no;
        std::int64_t beg = -1, end = -1;
        try {
            if (genoveil::select::parse_region_line(line, bed, "fuzz.bed", line_no, contig, beg, end)) {
                if (contig.empty()) genoveil::fuzz::violated("empty contig accepted");
                if (beg < 0 || end < beg) genoveil::fuzz::violated("accepted interval is negative or reversed");
                set.add(contig, beg, end);
            }
        } catch (const genoveil::input_error&) {
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    set.finish();
    for (const auto& [name, ivs] : set.contigs())
        for (const auto& iv : ivs)
            if (!set.overlaps(name, iv.beg, iv.end)) genoveil::fuzz::violated("interval does not overlap itself");
    return 0;
}
