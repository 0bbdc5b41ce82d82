// SPDX-License-Identifier: MIT
// minimize() under fuzzer-chosen settings: the first bytes pick the policy (IDs, INFO and
// FORMAT keys kept, sites-only, fill-tags, min-mac, unphase, sample order and subset), the
// output type (text fast path or htslib formatting) and the -t / --exclude-bed filters; the
// rest is VCF data lines, fed in order as in vcf_record_fuzzer.
#include "vcf_setup.hpp"

namespace {

using genoveil::fuzz::Input;

genoveil::fuzz::VcfChoice choose(Input& in) {
    genoveil::fuzz::VcfChoice c;
    auto& p = c.policy;
    const std::uint8_t a = in.byte(), b = in.byte(), f = in.byte(), i = in.byte(), s = in.byte();
    p.ids = (a & 3) == 0 ? genoveil::core::IdMode::rs : (a & 3) == 1 ? genoveil::core::IdMode::keep : genoveil::core::IdMode::drop;
    p.sites_only = a & 4;
    p.unphase = a & 8;
    p.keep_order = a & 16;
    c.text_out = !(a & 32);
    c.targets = a & 64;
    c.exclude = a & 128;
    c.targets_exclude = b & 1;
    p.min_mac = (b >> 1) & 3;
    static const std::vector<std::vector<std::string>> formats{
        {"GT"}, {"GT", "DP"}, {"GT", "AD", "SID"}, {"DP"}, {"GT", "XX"}, {"GQ", "AD"}, {}, {"GT", "GQ", "DP", "AD"}};
    p.keep_format = formats[(b >> 3) % formats.size()];
    static const char* tags[] = {"AC", "AN", "AF", "NS"};
    p.fill_tags.clear();
    for (int k = 0; k < 4; ++k)
        if (f & (1 << k)) p.fill_tags.emplace_back(tags[k]);
    static const char* infos[] = {"DP", "AF", "END", "SID", "DB", "XX"};
    p.keep_info.clear();
    for (int k = 0; k < 6; ++k)
        if (i & (1 << k)) p.keep_info.emplace_back(infos[k]);
    static const char* names[] = {"NA00001", "NA00002", "NA00003"};
    if (s & 1) {
        c.samples.all = false;
        c.samples.exclude = s & 2;
        for (int k = 0; k < 3; ++k)
            if (s & (4 << k)) c.samples.names.emplace_back(names[k]);
    }
    return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Input in(data, size);
    const auto choice = choose(in);
    std::unique_ptr<genoveil::fuzz::VcfSetup> s;
    try {
        s = std::make_unique<genoveil::fuzz::VcfSetup>(choice);
    } catch (const genoveil::usage_error&) {
        return 0;  // run_vcf refuses this combination before reading any record
    }
    const std::string_view text = in.rest();
    genoveil::fuzz::for_each_line(*s, text, [&](std::string_view out) {
        if (!s->mc.emit_samples && std::count(out.begin(), out.end(), '\t') != 7)
            genoveil::fuzz::violated("sites-only output kept sample columns");
    });
    return 0;
}
