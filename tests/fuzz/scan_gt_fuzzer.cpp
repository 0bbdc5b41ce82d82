// SPDX-License-Identifier: MIT
// scan_gt: one GT value from untrusted VCF text. The first byte picks the number of alleles of
// the record; the rest is the value. Checks: a value that passes holds only digits, '.', '/'
// and '|'; counted alleles are in range and AN is their sum.
#include <algorithm>

#include "fuzz_input.hpp"
#include "genoveil/vcf/genotype.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const int n_allele = 1 + in.byte() % 12;
    const std::string_view gt = in.rest();

    genoveil::vcf::AlleleCounts counts;
    counts.reset(n_allele);
    const auto status = genoveil::vcf::scan_gt(gt, n_allele, &counts);
    const auto again = genoveil::vcf::scan_gt(gt, n_allele, nullptr);
    if (status != again) genoveil::fuzz::violated("scan_gt depends on whether it counts");
    if (status == genoveil::vcf::GtStatus::ok) {
        const bool clean = std::all_of(gt.begin(), gt.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '|';
        });
        if (!clean) genoveil::fuzz::violated("a GT value with other characters was accepted");
        if (counts.ac.size() != static_cast<std::size_t>(n_allele)) genoveil::fuzz::violated("allele vector resized");
        std::int64_t sum = 0;
        for (auto v : counts.ac) {
            if (v < 0) genoveil::fuzz::violated("negative allele count");
            sum += v;
        }
        if (sum != counts.an) genoveil::fuzz::violated("AN is not the sum of the allele counts");
        if (counts.ns > 1) genoveil::fuzz::violated("one GT counted as several samples");
        (void)genoveil::vcf::minor_allele_count(counts);
    } else if (counts.an != 0 || counts.ns != 0) {
        genoveil::fuzz::violated("a rejected GT value was counted");
    }
    return 0;
}
