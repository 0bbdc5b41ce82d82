// SPDX-License-Identifier: MIT
// minimize() with the defaults of the `minimal` profile: every VCF data line genoveil reads goes
// through it first. Lines are fed in order with one Scratch, so the caches of the last FORMAT,
// FILTER and CHROM are exercised too. Checks on each kept record: it parses back with htslib,
// INFO is '.', FORMAT is GT, the column count matches the output samples, IDs are rs numbers.
#include "vcf_setup.hpp"

namespace {

genoveil::fuzz::VcfSetup& setup() {
    static genoveil::fuzz::VcfSetup s{genoveil::fuzz::VcfChoice{}};
    return s;
}

void check_kept(std::string_view out, std::size_t n_samples) {
    std::vector<std::string_view> cols;
    std::size_t start = 0;
    while (true) {
        const auto tab = out.find('\t', start);
        cols.push_back(out.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    if (cols.size() != 9 + n_samples) genoveil::fuzz::violated("wrong number of output columns");
    if (cols[7] != ".") genoveil::fuzz::violated("INFO survived the minimal profile");
    if (cols[8] != "GT") genoveil::fuzz::violated("FORMAT other than GT survived the minimal profile");
    const std::string_view id = cols[2];
    if (id != ".") {
        std::size_t s = 0;
        while (s <= id.size()) {
            const auto semi = id.find(';', s);
            const auto tok = id.substr(s, semi == std::string_view::npos ? std::string_view::npos : semi - s);
            if (tok.size() < 3 || tok.substr(0, 2) != "rs" || tok.find_first_not_of("0123456789", 2) != std::string_view::npos)
                genoveil::fuzz::violated("an ID other than an rs number survived");
            if (semi == std::string_view::npos) break;
            s = semi + 1;
        }
    }
    for (std::size_t i = 9; i < cols.size(); ++i)
        if (cols[i].find_first_not_of("0123456789./|") != std::string_view::npos)
            genoveil::fuzz::violated("a genotype column holds more than a GT value");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& s = setup();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    genoveil::fuzz::for_each_line(s, text, [&](std::string_view out) { check_kept(out, s.n_out_samples()); });
    return 0;
}
