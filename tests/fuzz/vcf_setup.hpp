// SPDX-License-Identifier: MIT
// The `genoveil vcf` record path outside the pipeline, for the VCF harnesses: a fixed input
// header, a policy, and the same configuration steps run_vcf takes (sample plan, output header,
// minimizer settings), then per line the same work as the pipeline's transform stage.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <htslib/vcf.h>

#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/core/policy.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/select/region_set.hpp"
#include "genoveil/vcf/genotype_tags.hpp"
#include "genoveil/vcf/header_builder.hpp"
#include "genoveil/vcf/record_minimizer.hpp"
#include "genoveil/vcf/sample_plan.hpp"

namespace genoveil::fuzz {

inline const char* vcf_header_text() {
    return "##fileformat=VCFv4.3\n"
           "##FILTER=<ID=PASS,Description=\"All filters passed\">\n"
           "##FILTER=<ID=LowQual,Description=\"Low quality\">\n"
           "##FILTER=<ID=q10,Description=\"Quality below 10\">\n"
           "##ALT=<ID=DEL,Description=\"Deletion\">\n"
           "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
           "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n"
           "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position\">\n"
           "##INFO=<ID=SID,Number=1,Type=String,Description=\"Sample identifier\">\n"
           "##INFO=<ID=DB,Number=0,Type=Flag,Description=\"dbSNP\">\n"
           "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
           "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
           "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
           "##FORMAT=<ID=GQ,Number=1,Type=Float,Description=\"Genotype quality\">\n"
           "##FORMAT=<ID=SID,Number=1,Type=String,Description=\"Sample identifier\">\n"
           "##contig=<ID=chr1,length=100000>\n"
           "##contig=<ID=chr2,length=50000>\n"
           "##contig=<ID=chrM,length=16569>\n"
           "##SAMPLE=<ID=NA00001,Description=\"participant\">\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA00001\tNA00002\tNA00003\n";
}

/// Does the FORMAT column (the 9th) of a VCF line name a key twice?
inline bool duplicate_format_key(std::string_view line) {
    std::size_t start = 0;
    for (int col = 0; col < 8; ++col) {
        start = line.find('\t', start);
        if (start == std::string_view::npos) return false;
        ++start;
    }
    const auto end = line.find('\t', start);
    const std::string_view format = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::vector<std::string_view> keys;
    std::size_t k = 0;
    while (k <= format.size()) {
        const auto colon = format.find(':', k);
        const auto key = format.substr(k, colon == std::string_view::npos ? std::string_view::npos : colon - k);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
        keys.push_back(key);
        if (colon == std::string_view::npos) break;
        k = colon + 1;
    }
    return false;
}

/// What the harness varies; the defaults are the `minimal` profile.
struct VcfChoice {
    core::VcfPolicy policy;
    vcf::SampleSelection samples;
    bool text_out = true;
    bool targets = false;
    bool targets_exclude = false;
    bool exclude = false;
};

class VcfSetup {
public:
    /// Throws usage_error for combinations run_vcf refuses.
    explicit VcfSetup(const VcfChoice& c) {
        in_.reset(bcf_hdr_init("r"));
        std::string text = vcf_header_text();
        if (!in_ || bcf_hdr_parse(in_.get(), text.data()) != 0) violated("the fixed VCF header does not parse");
        const auto& pol = c.policy;
        core::validate(pol);
        crypto::SecretKey key;
        std::memset(key.data(), 7, key.size());
        crypto::Hmac hmac(key);
        const int n_in = bcf_hdr_nsamples(in_.get());
        std::vector<std::string> names;
        for (int i = 0; i < n_in; ++i) names.emplace_back(in_->samples[i]);
        const vcf::SamplePlan plan = vcf::make_sample_plan(names, c.samples, hmac, pol.keep_order);
        const bool need_gt = !pol.fill_tags.empty() || pol.min_mac > 0;
        if (need_gt && (n_in == 0 || plan.order.empty())) throw usage_error("no samples to count");
        if (need_gt && !pol.sites_only && std::find(pol.keep_format.begin(), pol.keep_format.end(), "GT") == pol.keep_format.end())
            throw usage_error("GT needed");
        if (!pol.sites_only && pol.keep_format.empty()) throw usage_error("keep-format empty");
        hr_ = vcf::build_header(in_.get(), pol, plan.out_names, vcf::provenance_lines("vcf", "", core::policy_digest(core::Policy{})));

        mc.in = in_.get();
        mc.out = hr_.out.get();
        mc.n_in_samples = n_in;
        mc.order = plan.order;
        mc.emit_samples = !pol.sites_only;
        mc.count_alleles = need_gt;
        mc.min_mac = pol.min_mac;
        mc.keep_info = hr_.keep_info;
        mc.keep_format = pol.sites_only ? (need_gt ? std::vector<std::string>{"GT"} : std::vector<std::string>{}) : hr_.keep_format;
        if (mc.emit_samples && mc.keep_format.empty()) throw usage_error("no kept FORMAT key defined");
        mc.ids = pol.ids;
        mc.unphase = pol.unphase;
        if (c.targets) {
            targets_ = select::parse_region_list("chr1:100-2000,chr2:5-5,chrM");
            mc.targets = &*targets_;
            mc.targets_exclude = c.targets_exclude;
        }
        if (c.exclude) {
            exclude_ = select::parse_region_list("chr1:500-600,chr2:1-10");
            mc.exclude = &*exclude_;
        }
        mc.file = "fuzz.vcf";
        for (const auto& t : pol.fill_tags) {
            fill.ac |= t == "AC";
            fill.an |= t == "AN";
            fill.af |= t == "AF";
            fill.ns |= t == "NS";
        }
        const bool gt_only = mc.keep_format.empty() || (mc.keep_format.size() == 1 && mc.keep_format[0] == "GT");
        direct_text = c.text_out && gt_only && mc.keep_info.empty() && !fill.any();
        text_out = c.text_out;
        parse_.reset(bcf_hdr_dup(hr_.out.get()));
        rec_.reset(bcf_init());
    }

    /// One record through minimize and, as in the pipeline, vcf_parse / fill_tags / vcf_format
    /// unless the minimized text is the output. Returns the verdict; the output text is in
    /// `out()`. Malformed input ends in input_error, as in the pipeline.
    vcf::Verdict record(std::string_view line, std::uint64_t recno) {
        // The pipeline hands minimize a kstring: NUL-terminated, length without the NUL.
        buf_.assign(line.begin(), line.end());
        buf_.push_back('\0');
        const auto v = vcf::minimize(mc, buf_.data(), line.size(), recno, work_.get(), scratch_, counters_);
        if (v != vcf::Verdict::keep) return v;
        if (work_->l != std::strlen(work_->s)) {
            // Bug "nul-byte" (fixed): CHROM and FILTER are checked against the header through
            // c_str(), so "chr1\0ANY TEXT" passes and the text after the NUL is written out.
            if (known_bug("nul-byte")) return vcf::Verdict::drop_exclude;
            violated("minimized record contains a NUL byte (text after it escapes validation)");
        }
        if (std::memchr(work_->s, '\n', work_->l) != nullptr) violated("minimized record contains a newline");
        kept_.assign(work_->s, work_->l);  // vcf_parse tokenizes its input in place
        // Bugs found by fuzzing and fixed since (vcf: "refuse NUL bytes, empty CHROM/FILTER, ..."),
        // each with its regression input in the
        // corpus; the GENOVEIL_FUZZ_KNOWN_BUGS switches (fuzz_input.hpp) only matter for a
        // campaign on an older tree:
        //  "leading-phase": VCF 4.4 GT values such as "|0|1" pass scan_gt and are written as they
        //    are, but htslib 1.16 (and so bcftools) cannot read them;
        //  "empty-field": Scratch's caches of the last CHROM, FILTER and FORMAT start as "", so an
        //    empty CHROM or FILTER column matches the cache, is never validated, and is written;
        //  "dup-format": a FORMAT key given twice ("GT:GT") is accepted and only the last GT of
        //    each sample is validated: the first one is copied unchecked.
        const bool leading_phase = kept_.find("\t|") != std::string::npos || kept_.find("\t/") != std::string::npos;
        const bool empty_field = kept_.empty() || kept_.front() == '\t' || kept_.find("\t\t") != std::string::npos;
        const bool dup_format = duplicate_format_key(kept_);
        if ((leading_phase && known_bug("leading-phase")) || (empty_field && known_bug("empty-field")) ||
            (dup_format && known_bug("dup-format")))
            return vcf::Verdict::drop_exclude;  // tolerated: no further check on this record
        // Every kept record must be readable by htslib with the output header: in the text fast
        // path the minimized text is written as it is, so a reader must accept it.
        bcf1_t* rec = rec_.get();
        const int pr = vcf_parse(work_.get(), parse_.get(), rec);
        if (pr != 0 || rec->errcode) {
            if (direct_text) {
                std::fprintf(stderr, "minimized record: %s\n", kept_.c_str());
                violated("minimize accepted a record that htslib cannot parse (text fast path)");
            }
            throw input_error(mc.file, recno, "", "htslib parse failure");
        }
        if (fill.any()) fill_tags(hr_.out.get(), rec, fill, scratch_.counts);
        text_.clear();
        if (vcf_format(hr_.out.get(), rec, text_.get()) < 0) {
            std::fprintf(stderr, "minimized record: %s\n", kept_.c_str());
            violated("vcf_format failed on a parsed record");
        }
        return v;
    }

    /// The minimized text of the last kept record.
    [[nodiscard]] std::string_view out() const { return kept_; }
    [[nodiscard]] std::size_t n_out_samples() const { return mc.emit_samples ? mc.order.size() : 0; }

    vcf::MinimizerConfig mc;
    vcf::FillTags fill;
    bool direct_text = false;
    bool text_out = true;

private:
    hts::HdrPtr in_;
    vcf::HeaderResult hr_;
    hts::HdrPtr parse_;
    hts::RecPtr rec_;
    std::optional<select::RegionSet> targets_, exclude_;
    vcf::Scratch scratch_;
    vcf::Counters counters_;
    std::vector<char> buf_;
    std::string kept_;
    hts::KString work_, text_;
};

/// Feed `text` line by line (as hts_getline splits it) with one Scratch, as one worker does.
template <class OnKept>
void for_each_line(VcfSetup& s, std::string_view text, OnKept on_kept) {
    std::size_t start = 0;
    std::uint64_t recno = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? text.size() : nl + 1;
        if (line.empty() || (line.size() == 1 && line[0] == '\r')) continue;
        try {
            if (s.record(line, ++recno) == vcf::Verdict::keep) on_kept(s.out());
        } catch (const input_error&) {
            // Malformed: the pipeline would stop here with exit 1.
            return;
        }
    }
}

}  // namespace genoveil::fuzz
