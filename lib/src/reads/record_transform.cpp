// SPDX-License-Identifier: MIT
#include "genoveil/reads/record_transform.hpp"

#include <cstdlib>
#include <cstring>
#include <new>


namespace genoveil::reads {

Counters& Counters::operator+=(const Counters& o) {
    reads_in += o.reads_in;
    reads_out += o.reads_out;
    names_rewritten += o.names_rewritten;
    filtered_unmapped += o.filtered_unmapped;
    filtered_secondary += o.filtered_secondary;
    filtered_supplementary += o.filtered_supplementary;
    filtered_exclude_bed += o.filtered_exclude_bed;
    filtered_targets += o.filtered_targets;
    rg_tags_rewritten += o.rg_tags_rewritten;
    rg_tags_unknown_id += o.rg_tags_unknown_id;
    reads_quals_binned += o.reads_quals_binned;
    reads_quals_dropped += o.reads_quals_dropped;
    unmapped_blanked += o.unmapped_blanked;
    unmapped_bases_blanked += o.unmapped_bases_blanked;
    md_nm_recomputed += o.md_nm_recomputed;
    mc_rewritten += o.mc_rewritten;
    sa_rewritten += o.sa_rewritten;
    mask += o.mask;
    tags_dropped += o.tags_dropped;
    return *this;
}

namespace {

constexpr std::uint16_t tag_rg = tag_code('R', 'G');
constexpr std::uint16_t tag_md = tag_code('M', 'D');
constexpr std::uint16_t tag_nm = tag_code('N', 'M');
constexpr std::uint16_t tag_mc = tag_code('M', 'C');
constexpr std::uint16_t tag_sa = tag_code('S', 'A');

void put_z(std::vector<std::uint8_t>& aux, char a, char b, std::string_view v) {
    aux.push_back(static_cast<std::uint8_t>(a));
    aux.push_back(static_cast<std::uint8_t>(b));
    aux.push_back('Z');
    aux.insert(aux.end(), v.begin(), v.end());
    aux.push_back(0);
}

void put_i(std::vector<std::uint8_t>& aux, char a, char b, std::int64_t v) {
    aux.push_back(static_cast<std::uint8_t>(a));
    aux.push_back(static_cast<std::uint8_t>(b));
    aux.push_back('i');
    const auto x = static_cast<std::int32_t>(v);
    std::uint8_t bytes[4];
    std::memcpy(bytes, &x, 4);  // little-endian, as BAM
    aux.insert(aux.end(), bytes, bytes + 4);
}

// SA:Z:(rname,pos,strand,CIGAR,mapQ,NM;)+ with each CIGAR masked and NM 0.
bool rewrite_sa(std::string_view in, bool trim, std::string& out) {
    out.clear();
    std::string cig;
    std::size_t start = 0;
    while (start < in.size()) {
        auto semi = in.find(';', start);
        if (semi == std::string_view::npos) semi = in.size();
        const std::string_view entry = in.substr(start, semi - start);
        start = semi + 1;
        std::string_view f[6];
        std::size_t n = 0, s = 0;
        while (n < 6) {
            const auto comma = entry.find(',', s);
            f[n++] = entry.substr(s, comma == std::string_view::npos ? std::string_view::npos : comma - s);
            if (comma == std::string_view::npos) break;
            s = comma + 1;
        }
        if (n != 6 || !masked_cigar_string(f[3], trim, cig)) return false;
        out.append(f[0]).append(",").append(f[1]).append(",").append(f[2]).append(",");
        out.append(cig).append(",").append(f[4]).append(",0;");
    }
    return !out.empty();
}

}  // namespace

Verdict filter(const TransformConfig& cfg, const bam1_t* b) {
    const auto flag = b->core.flag;
    if (cfg.drop_unmapped && (flag & BAM_FUNMAP)) return Verdict::unmapped;
    if (cfg.drop_secondary && (flag & BAM_FSECONDARY)) return Verdict::secondary;
    if (cfg.drop_supplementary && (flag & BAM_FSUPPLEMENTARY)) return Verdict::supplementary;
    if (cfg.exclude == nullptr && cfg.targets == nullptr) return Verdict::keep;
    bool placed = b->core.tid >= 0 && b->core.pos >= 0;
    const char* contig = placed ? sam_hdr_tid2name(cfg.hdr, b->core.tid) : nullptr;
    placed = placed && contig != nullptr;
    const std::int64_t beg = b->core.pos;
    const std::int64_t end = (flag & BAM_FUNMAP) || b->core.n_cigar == 0 ? beg + 1 : bam_endpos(b);
    if (cfg.exclude && placed && cfg.exclude->overlaps(contig, beg, end)) return Verdict::exclude_bed;
    if (cfg.targets) {
        const bool in = placed && cfg.targets->overlaps(contig, beg, end);
        if (cfg.targets_exclude ? in : !in) return Verdict::targets;
    }
    return Verdict::keep;
}

bool needs_reference(const bam1_t* b) {
    return (b->core.flag & BAM_FUNMAP) == 0 && b->core.tid >= 0 && b->core.n_cigar > 0;
}

void reference_span(const bam1_t* b, std::int64_t& beg, std::int64_t& end) {
    const std::uint32_t* cig = bam_get_cigar(b);
    const std::uint32_t n = b->core.n_cigar;
    std::int64_t lead = 0, trail = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto op = bam_cigar_op(cig[i]);
        if (op == BAM_CSOFT_CLIP) lead += bam_cigar_oplen(cig[i]);
        else if (op != BAM_CHARD_CLIP) break;
    }
    for (std::uint32_t i = n; i > 0; --i) {
        const auto op = bam_cigar_op(cig[i - 1]);
        if (op == BAM_CSOFT_CLIP) trail += bam_cigar_oplen(cig[i - 1]);
        else if (op != BAM_CHARD_CLIP) break;
    }
    beg = b->core.pos - lead;
    end = bam_endpos(b) + trail;
}

void transform(const TransformConfig& cfg, bam1_t* b, std::uint64_t counter_id, const RefSpan* ref, Worker& w,
               Counters& c) {
    // 1. Name.
    const std::string_view old_name(bam_get_qname(b));
    bool rename = true;
    switch (cfg.names) {
        case NameMode::hmac: w.names.pseudonym(crypto::domain::read, old_name, w.name); break;
        case NameMode::counter: w.name = std::to_string(counter_id); break;
        case NameMode::keep: rename = false; break;
    }
    if (rename) ++c.names_rewritten;
    const std::string_view name = rename ? std::string_view(w.name) : old_name;

    // 2. Sequence, CIGAR, qualities.
    const std::int32_t l_qseq = b->core.l_qseq;
    const std::uint8_t* old_qual = bam_get_qual(b);
    const bool has_qual = l_qseq > 0 && old_qual[0] != 0xff;
    const bool mapped = needs_reference(b);
    bool masked = false, blanked = false;
    if (cfg.mask) {
        if (mapped && ref != nullptr) {
            // BAM decoding does not check this; masking walks SEQ by the CIGAR.
            if (l_qseq > 0 && bam_cigar2qlen(static_cast<int>(b->core.n_cigar), bam_get_cigar(b)) != l_qseq)
                throw MalformedRecord{"CIGAR", "the CIGAR does not match the length of SEQ"};
            w.text.resize(static_cast<std::size_t>(l_qseq));
            const std::uint8_t* s = bam_get_seq(b);
            for (std::int32_t i = 0; i < l_qseq; ++i) w.text[static_cast<std::size_t>(i)] = seq_nt16_str[bam_seqi(s, i)];
            mask_alignment(bam_get_cigar(b), b->core.n_cigar, w.text, has_qual ? old_qual : nullptr, b->core.pos,
                           *ref, cfg.trim_clips, w.masked, c.mask);
            masked = true;
        } else if (!mapped && l_qseq > 0) {
            blanked = true;
            ++c.unmapped_blanked;
            c.unmapped_bases_blanked += static_cast<std::uint64_t>(l_qseq);
        }
    }
    const std::size_t n_cigar = masked ? w.masked.cigar.size() : b->core.n_cigar;
    const std::uint32_t* cigar = masked ? w.masked.cigar.data() : bam_get_cigar(b);
    const std::size_t new_len = masked ? w.masked.seq.size() : static_cast<std::size_t>(l_qseq);

    // 3. Aux tags.
    w.aux.clear();
    const std::uint8_t* p = bam_get_aux(b);
    const std::uint8_t* end = b->data + b->l_data;
    bool want_md = false, want_nm = false;
    std::string rewritten;
    while (p < end) {
        const std::size_t size = aux_entry_size(p, end);
        if (size == 0) throw MalformedRecord{"aux", "malformed optional field (unknown type or truncated)"};
        const std::uint16_t code = tag_code(static_cast<char>(p[0]), static_cast<char>(p[1]));
        const bool is_z = p[2] == 'Z';
        const std::string_view zval = is_z ? std::string_view(reinterpret_cast<const char*>(p + 3), size - 4) : "";
        if (!cfg.tags->keeps(code)) {
            c.tags_dropped.add(code);
        } else if (code == tag_rg) {
            if (!is_z) {
                c.tags_dropped.add(code);
            } else {
                const auto it = cfg.rg_ids->find(std::string(zval));
                if (it != cfg.rg_ids->end()) {
                    put_z(w.aux, 'R', 'G', it->second);
                } else {
                    ++c.rg_tags_unknown_id;
                    w.names.pseudonym(crypto::domain::read_group, zval, rewritten);
                    put_z(w.aux, 'R', 'G', rewritten);
                }
                ++c.rg_tags_rewritten;
            }
        } else if (cfg.mask && (code == tag_md || code == tag_nm)) {
            if (masked && !w.masked.seq.empty()) {
                (code == tag_md ? want_md : want_nm) = true;
            } else {
                c.tags_dropped.add(code);
            }
        } else if (cfg.mask && code == tag_mc) {
            if (is_z && masked_cigar_string(zval, cfg.trim_clips, rewritten)) {
                put_z(w.aux, 'M', 'C', rewritten);
                ++c.mc_rewritten;
            } else {
                c.tags_dropped.add(code);
            }
        } else if (cfg.mask && code == tag_sa) {
            if (is_z && rewrite_sa(zval, cfg.trim_clips, rewritten)) {
                put_z(w.aux, 'S', 'A', rewritten);
                ++c.sa_rewritten;
            } else {
                c.tags_dropped.add(code);
            }
        } else {
            w.aux.insert(w.aux.end(), p, p + size);
        }
        p += size;
    }
    if (want_nm || want_md) {
        std::int64_t nm = 0;
        md_nm(w.masked.cigar, w.masked.seq, b->core.pos, *ref, w.md, nm);
        if (want_nm) put_i(w.aux, 'N', 'M', nm);
        if (want_md) put_z(w.aux, 'M', 'D', w.md);
        ++c.md_nm_recomputed;
    }

    // 4. Rebuild the record: qname (NUL-padded to 4 bytes), cigar, seq, qual, aux.
    const std::size_t l_name = name.size() + 1;
    const std::size_t extranul = (4 - l_name % 4) % 4;
    if (l_name + extranul > 255) throw MalformedRecord{"QNAME", "read name longer than 254 characters"};
    const std::size_t seq_bytes = (new_len + 1) / 2;
    const std::size_t total = l_name + extranul + 4 * n_cigar + seq_bytes + new_len + w.aux.size();
    w.data.assign(total, 0);
    std::uint8_t* d = w.data.data();
    std::memcpy(d, name.data(), name.size());
    d += l_name + extranul;
    if (n_cigar) std::memcpy(d, cigar, 4 * n_cigar);
    d += 4 * n_cigar;
    if (masked) {
        for (std::size_t i = 0; i < new_len; ++i) {
            const std::uint8_t v = seq_nt16_table[static_cast<unsigned char>(w.masked.seq[i])];
            d[i / 2] = static_cast<std::uint8_t>(d[i / 2] | (i % 2 ? v : v << 4));
        }
    } else if (blanked) {
        for (std::size_t i = 0; i < new_len; ++i) d[i / 2] = static_cast<std::uint8_t>(d[i / 2] | (i % 2 ? 15 : 15 << 4));
    } else if (seq_bytes) {
        std::memcpy(d, bam_get_seq(b), seq_bytes);
    }
    d += seq_bytes;
    const std::uint8_t* src_qual = masked ? w.masked.qual.data() : old_qual;
    const bool qual_present = masked ? !w.masked.qual.empty() : has_qual;
    if (new_len > 0) {
        if (cfg.drop_quals || !qual_present) {
            std::memset(d, 0xff, new_len);
            if (cfg.drop_quals && qual_present) ++c.reads_quals_dropped;
        } else if (cfg.bin_quals) {
            for (std::size_t i = 0; i < new_len; ++i) d[i] = cfg.qual[src_qual[i]];
            ++c.reads_quals_binned;
        } else {
            std::memcpy(d, src_qual, new_len);
        }
    }
    d += new_len;
    if (!w.aux.empty()) std::memcpy(d, w.aux.data(), w.aux.size());

    if (b->m_data < total) {
        auto* nd = static_cast<std::uint8_t*>(std::realloc(b->data, total));
        if (nd == nullptr) throw std::bad_alloc();
        b->data = nd;
        b->m_data = total;
    }
    std::memcpy(b->data, w.data.data(), total);
    b->l_data = static_cast<int>(total);
    b->core.l_qname = static_cast<std::uint16_t>(l_name + extranul);
    b->core.l_extranul = static_cast<std::uint8_t>(extranul);
    b->core.n_cigar = static_cast<std::uint32_t>(n_cigar);
    b->core.l_qseq = static_cast<std::int32_t>(new_len);
    ++c.reads_out;
}

}  // namespace genoveil::reads
