// SPDX-License-Identifier: MIT
// read_groups (release --groups): any bytes are read or refused with a genoveil error; an
// accepted table gives sorted, valid group names, a group (or -1) for every sample, and sizes
// that add up to the samples counted.
#include <algorithm>
#include <numeric>

#include "fuzz_files.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/release/groups.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<std::string> samples{"S1", "S2", "NA12878", "x y", "", "S1\t"};
    const std::string path = genoveil::fuzz::write_scratch(
        "groups.tsv", std::string_view(reinterpret_cast<const char*>(data), size));
    try {
        const auto g = genoveil::release::read_groups(path, samples);
        if (!std::is_sorted(g.names.begin(), g.names.end())) genoveil::fuzz::violated("group names not sorted");
        if (std::adjacent_find(g.names.begin(), g.names.end()) != g.names.end())
            genoveil::fuzz::violated("a group name appears twice");
        for (const auto& n : g.names)
            if (n.empty() || n.size() > 32 ||
                !std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
                genoveil::fuzz::violated("an invalid group name was accepted");
        if (g.of_sample.size() != samples.size() || g.size.size() != g.names.size())
            genoveil::fuzz::violated("group tables have the wrong size");
        std::int64_t counted = 0;
        for (const int k : g.of_sample) {
            if (k < -1 || k >= static_cast<int>(g.names.size())) genoveil::fuzz::violated("group index out of range");
            if (k >= 0) ++counted;
        }
        if (std::accumulate(g.size.begin(), g.size.end(), std::int64_t{0}) != counted)
            genoveil::fuzz::violated("group sizes do not add up");
    } catch (const genoveil::error&) {
    }
    return 0;
}
