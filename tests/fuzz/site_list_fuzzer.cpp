// SPDX-License-Identifier: MIT
// SiteList::read on TSV site lists (release --sites): any bytes are read or refused with a
// genoveil error, never a crash; an accepted list finds each of its sites at its own index and
// has a stable digest.
#include "fuzz_files.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/release/site_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = genoveil::fuzz::write_scratch(
        "sites.tsv", std::string_view(reinterpret_cast<const char*>(data), size));
    try {
        const auto list = genoveil::release::SiteList::read(path);
        const auto& sites = list.sites();
        if (sites.size() != list.size()) genoveil::fuzz::violated("size() disagrees with sites()");
        for (std::size_t i = 0; i < sites.size(); ++i) {
            const auto& s = sites[i];
            if (list.find(s.chrom, std::to_string(s.pos), s.ref, s.alt) != static_cast<long>(i))
                genoveil::fuzz::violated("a listed site is not found at its own index");
            if (s.n_allele < 1 || s.ref.empty() || s.alt.empty()) genoveil::fuzz::violated("a site without REF or ALT was accepted");
        }
        if (list.digest() != list.digest()) genoveil::fuzz::violated("digest is not stable");
    } catch (const genoveil::error&) {
    }
    return 0;
}
