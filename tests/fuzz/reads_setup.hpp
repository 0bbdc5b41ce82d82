// SPDX-License-Identifier: MIT
// The `genoveil reads` record path outside the pipeline, for the reads harnesses: a fixed input
// header scrubbed as run_reads does, a synthetic reference, a configuration picked from two
// bytes, then per record the work of the reader stage (counter names, reference bases) and of
// the transform stage (filters, transform). After each transform the record is checked:
// consistent lengths, well-formed aux data holding only kept tags, a CIGAR that matches SEQ,
// masked bases equal to the reference, and a SAM text form that htslib reads back.
#pragma once

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <htslib/sam.h>

#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/sam_ptr.hpp"
#include "genoveil/reads/header_scrub.hpp"
#include "genoveil/reads/qual_bins.hpp"
#include "genoveil/reads/read_names.hpp"
#include "genoveil/reads/record_transform.hpp"
#include "genoveil/select/region_set.hpp"

namespace genoveil::fuzz {

inline const char* sam_header_text() {
    return "@HD\tVN:1.6\tSO:coordinate\n"
           "@SQ\tSN:chr1\tLN:2000\tUR:file:///home/alice/ref.fa\n"
           "@SQ\tSN:chr2\tLN:300\n"
           "@RG\tID:rg1\tSM:alice\tPL:ILLUMINA\tPU:FLOWCELL1.1\n"
           "@RG\tID:rg2\tSM:bob\tPL:ILLUMINA\n"
           "@PG\tID:bwa\tPN:bwa\tCL:bwa mem /home/alice/ref.fa alice_R1.fq\n"
           "@CO\tpatient alice\n";
}

class ReadsSetup {
public:
    /// Configuration from two bytes (see the harnesses' seed corpora).
    ReadsSetup(std::uint8_t a, std::uint8_t b) {
        const std::string text = sam_header_text();
        in_.reset(sam_hdr_parse(text.size(), text.c_str()));
        if (!in_) violated("the fixed SAM header does not parse");
        std::memset(key_.data(), 9, key_.size());
        crypto::Hmac hmac(key_);
        names_ = a % 3 == 0 ? reads::NameMode::hmac : a % 3 == 1 ? reads::NameMode::counter : reads::NameMode::keep;
        hdr_ = reads::scrub_header(in_.get(), hmac, reads::pg_line("fuzz", "genoveil reads", "sha256:0"),
                                   names_ == reads::NameMode::hmac, "fuzz.sam");
        if (names_ == reads::NameMode::counter) counter_.emplace(hdr_.name_grouped);
        static const std::vector<std::vector<std::string>> keeps{
            {"RG"}, {"*"}, {"RG", "BC", "MD", "NM", "MC", "SA", "XA", "NH"}, {}, {"*"}};
        const auto& keep = keeps[(b >> 5) % keeps.size()];
        tags_ = std::make_unique<reads::TagPolicy>(keep, (b >> 5) % keeps.size() == 4 ? std::vector<std::string>{"RG", "BC"}
                                                                                      : std::vector<std::string>{});
        cfg.names = names_;
        cfg.mask = a & 4;
        cfg.trim_clips = a & 8;
        if (cfg.mask)
            for (const auto& t : reads::base_revealing_tags()) tags_->drop(t);
        cfg.tags = tags_.get();
        const auto bins = static_cast<reads::QualBins>((a >> 4) & 3);
        cfg.qual = reads::qual_table(bins);
        cfg.bin_quals = bins != reads::QualBins::none;
        cfg.drop_quals = a & 64;
        cfg.drop_unmapped = a & 128;
        cfg.drop_secondary = b & 1;
        cfg.drop_supplementary = b & 2;
        if (b & 4) {
            exclude_ = select::parse_region_list("chr1:100-200,chr2:250-");
            cfg.exclude = &*exclude_;
        }
        if (b & 8) {
            targets_ = select::parse_region_list("chr1:1-1000,chr2");
            cfg.targets = &*targets_;
            cfg.targets_exclude = b & 16;
        }
        cfg.hdr = in_.get();
        cfg.rg_ids = &hdr_.rg_ids;
        // A deterministic reference with some N.
        std::uint32_t x = 12345;
        for (int tid = 0; tid < sam_hdr_nref(in_.get()); ++tid) {
            std::string s(static_cast<std::size_t>(sam_hdr_tid2len(in_.get(), tid)), 'A');
            for (auto& c : s) {
                x = x * 1103515245u + 12345u;
                c = "ACGTACGTACGTACGN"[(x >> 16) & 15];
            }
            ref_.push_back(std::move(s));
        }
        worker_ = std::make_unique<reads::Worker>(key_);
    }

    [[nodiscard]] sam_hdr_t* in_header() const { return in_.get(); }

    /// One decoded record through the reader and transform stages. Returns false where the
    /// pipeline would stop with an input error.
    bool record(bam1_t* b) {
        std::uint64_t id = 0;
        if (counter_) id = counter_->number(b);
        // Reader stage: reference bases for masking.
        std::string bases;
        reads::RefSpan span;
        bool has_ref = false;
        if (cfg.mask && reads::needs_reference(b) && reads::filter(cfg, b) == reads::Verdict::keep) {
            const int tid = b->core.tid;
            if (tid < 0 || static_cast<std::size_t>(tid) >= ref_.size()) return false;
            const auto len = static_cast<std::int64_t>(ref_[static_cast<std::size_t>(tid)].size());
            if (bam_endpos(b) > len) return false;
            std::int64_t beg = 0, end = 0;
            reads::reference_span(b, beg, end);
            beg = std::max<std::int64_t>(beg, 0);
            end = std::min(end, len);
            if (end > beg) bases = ref_[static_cast<std::size_t>(tid)].substr(static_cast<std::size_t>(beg), static_cast<std::size_t>(end - beg));
            span.seq = bases.data();
            span.beg = beg;
            span.end = beg + static_cast<std::int64_t>(bases.size());
            has_ref = true;
        }
        // Transform stage.
        if (reads::filter(cfg, b) != reads::Verdict::keep) return true;
        const bool mapped_before = reads::needs_reference(b);
        const std::int64_t pos_before = b->core.pos;
        const std::int64_t end_before = mapped_before ? bam_endpos(b) : 0;
        try {
            reads::transform(cfg, b, id, has_ref ? &span : nullptr, *worker_, counters_);
        } catch (const reads::MalformedRecord&) {
            return false;
        }
        check(b, has_ref, mapped_before, pos_before, end_before);
        return true;
    }

private:
    void check(bam1_t* b, bool masked, bool mapped, std::int64_t pos, std::int64_t end) {
        const auto& c = b->core;
        const std::int64_t need = static_cast<std::int64_t>(c.l_qname) + 4 * static_cast<std::int64_t>(c.n_cigar) +
                                  (c.l_qseq + 1) / 2 + c.l_qseq;
        if (c.l_qseq < 0 || need > b->l_data) violated("record lengths exceed its data");
        if (c.l_qname < 1 || b->data[c.l_qname - 1] != 0) violated("QNAME not NUL-terminated");
        if (names_ == reads::NameMode::hmac && std::strlen(bam_get_qname(b)) != 24) violated("QNAME is not a pseudonym");
        // Aux: well formed, only kept tags.
        const std::uint8_t* p = bam_get_aux(b);
        const std::uint8_t* e = b->data + b->l_data;
        while (p < e) {
            const std::size_t n = reads::aux_entry_size(p, e);
            if (n == 0) violated("transform wrote malformed aux data");
            if (!tags_->keeps(reads::tag_code(static_cast<char>(p[0]), static_cast<char>(p[1]))))
                violated("a tag outside the allowlist survived");
            p += n;
        }
        if (mapped && c.l_qseq > 0 && c.n_cigar > 0 && bam_cigar2qlen(static_cast<int>(c.n_cigar), bam_get_cigar(b)) != c.l_qseq)
            violated("CIGAR and SEQ lengths disagree after transform");
        if (masked) {
            if (c.pos != pos || bam_endpos(b) != end) violated("masking moved the alignment");
            const std::string& ref = ref_[static_cast<std::size_t>(c.tid)];
            const std::uint32_t* cig = bam_get_cigar(b);
            const std::uint8_t* seq = bam_get_seq(b);
            std::int64_t r = c.pos, q = 0;
            for (std::uint32_t i = 0; i < c.n_cigar; ++i) {
                const int op = bam_cigar_op(cig[i]);
                const std::int64_t len = bam_cigar_oplen(cig[i]);
                if (op == BAM_CINS || op == BAM_CDEL || op == BAM_CPAD || op == BAM_CDIFF)
                    violated("a masked alignment still has I, D, P or X");
                if (op == BAM_CMATCH || op == BAM_CEQUAL) {
                    for (std::int64_t k = 0; k < len && q + k < c.l_qseq; ++k) {
                        const char base = seq_nt16_str[bam_seqi(seq, q + k)];
                        const std::int64_t at = r + k;
                        const char want = at >= 0 && at < static_cast<std::int64_t>(ref.size()) ? ref[static_cast<std::size_t>(at)] : 'N';
                        if (base != want && base != 'N') violated("a masked base differs from the reference");
                    }
                }
                if (bam_cigar_type(op) & 1) q += len;
                if (bam_cigar_type(op) & 2) r += len;
            }
        }
        if (cfg.mask && !mapped) {
            for (std::int32_t k = 0; k < c.l_qseq; ++k)
                if (bam_seqi(bam_get_seq(b), k) != 15) violated("an unaligned read kept bases under masking");
        }
        // The writer's view: SAM text that htslib reads back with the output header. Only for
        // records that came from SAM text: a binary record may hold values (a negative PNEXT,
        // tabs in QNAME) that htslib passes through BAM untouched but that SAM cannot express.
        text_.l = 0;
        if (sam_format1(hdr_.out.get(), b, &text_) < 0) violated("sam_format1 failed on a transformed record");
        if (!roundtrip) return;
        if (!back_) back_.reset(bam_init1());
        const std::string copy(text_.s, text_.l);  // sam_parse1 tokenizes in place
        if (sam_parse1(&text_, hdr_.out.get(), back_.get()) < 0) {
            std::fprintf(stderr, "record: %s\n", copy.c_str());
            violated("a transformed record does not parse back");
        }
    }

    crypto::SecretKey key_;
    hts::SamHdrPtr in_;
    reads::NameMode names_;
    reads::ScrubbedHeader hdr_;
    std::unique_ptr<reads::TagPolicy> tags_;
    std::optional<select::RegionSet> exclude_, targets_;
    std::optional<reads::CounterNamer> counter_;
    std::vector<std::string> ref_;
    std::unique_ptr<reads::Worker> worker_;
    reads::Counters counters_;
    kstring_t text_ = KS_INITIALIZE;
    hts::BamPtr back_;

public:
    reads::TransformConfig cfg;
    bool roundtrip = true;  ///< check that the SAM text of each output record parses back
    ~ReadsSetup() { ks_free(&text_); }
    ReadsSetup(const ReadsSetup&) = delete;
    ReadsSetup& operator=(const ReadsSetup&) = delete;
};

}  // namespace genoveil::fuzz
