// SPDX-License-Identifier: MIT
// build_header and make_sample_plan: a VCF header from an untrusted file, parsed by htslib as
// bcf_hdr_read does, then rebuilt under a policy whose INFO/FORMAT keep lists come from the
// first byte. Checks: only allow-listed line types survive, no input sample name survives, and
// the output header text parses back with the same samples and contigs.
#include <algorithm>
#include <cstring>
#include <string>

#include <htslib/vcf.h>

#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/core/policy.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/vcf/header_builder.hpp"
#include "genoveil/vcf/sample_plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const std::uint8_t choice = in.byte();
    std::string text(in.rest());
    genoveil::hts::HdrPtr hdr(bcf_hdr_init("r"));
    if (!hdr || bcf_hdr_parse(hdr.get(), text.data()) != 0) return 0;  // VcfSource: input error

    genoveil::core::VcfPolicy pol;
    pol.sites_only = choice & 1;
    if (choice & 2) pol.keep_info = {"DP", "AF", "SID"};
    if (choice & 4) pol.keep_format = {"GT", "DP", "AD", "SID"};
    if (choice & 8) pol.fill_tags = {"AC", "AN", "AF", "NS"};
    pol.keep_order = choice & 16;

    static genoveil::crypto::SecretKey key = [] {
        genoveil::crypto::SecretKey k;
        std::memset(k.data(), 5, k.size());
        return k;
    }();
    genoveil::crypto::Hmac hmac(key);
    std::vector<std::string> names;
    for (int i = 0; i < bcf_hdr_nsamples(hdr.get()); ++i) names.emplace_back(hdr->samples[i]);
    genoveil::vcf::SamplePlan plan;
    genoveil::vcf::HeaderResult r;
    try {
        plan = genoveil::vcf::make_sample_plan(names, genoveil::vcf::SampleSelection{}, hmac, pol.keep_order);
        r = genoveil::vcf::build_header(hdr.get(), pol, plan.out_names, genoveil::vcf::provenance_lines("vcf", "", "sha256:0"));
    } catch (const genoveil::input_error&) {
        return 0;
    } catch (const genoveil::usage_error&) {
        return 0;
    }
    kstring_t out = KS_INITIALIZE;
    if (bcf_hdr_format(r.out.get(), 0, &out) < 0) genoveil::fuzz::violated("the output header cannot be formatted");
    const std::string_view o(out.s, out.l);
    std::size_t start = 0;
    while (start < o.size()) {
        const auto nl = o.find('\n', start);
        const auto line = o.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? o.size() : nl + 1;
        static const char* allowed[] = {"##fileformat=", "##FILTER=<", "##ALT=<",       "##contig=<",
                                        "##INFO=<",      "##FORMAT=<", "##genoveil_vcf", "#CHROM\t"};
        bool ok = false;
        for (const char* a : allowed) ok = ok || line.substr(0, std::strlen(a)) == a;
        if (!ok) genoveil::fuzz::violated("a header line type outside the allowlist survived");
        if (line.substr(0, 7) == "#CHROM\t") {
            std::size_t cs = 0;
            int col = 0;
            while (cs <= line.size()) {
                const auto tab = line.find('\t', cs);
                const auto field = line.substr(cs, tab == std::string_view::npos ? std::string_view::npos : tab - cs);
                if (++col > 9 && std::find(names.begin(), names.end(), field) != names.end() &&
                    std::find(plan.out_names.begin(), plan.out_names.end(), field) == plan.out_names.end())
                    genoveil::fuzz::violated("an input sample name survived in #CHROM");
                if (tab == std::string_view::npos) break;
                cs = tab + 1;
            }
        }
    }
    genoveil::hts::HdrPtr again(bcf_hdr_init("r"));
    std::string copy(o);
    if (!again || bcf_hdr_parse(again.get(), copy.data()) != 0) genoveil::fuzz::violated("the output header does not parse back");
    if (bcf_hdr_nsamples(again.get()) != (pol.sites_only ? 0 : static_cast<int>(plan.out_names.size())))
        genoveil::fuzz::violated("sample count changed");
    ks_free(&out);
    return 0;
}
