// SPDX-License-Identifier: MIT
#include "genoveil/reads/variant_mask.hpp"

#include <algorithm>

#include <htslib/sam.h>

namespace genoveil::reads {

MaskCounts& MaskCounts::operator+=(const MaskCounts& o) {
    reads_changed += o.reads_changed;
    substituted += o.substituted;
    inserted_removed += o.inserted_removed;
    deleted_filled += o.deleted_filled;
    clip_masked += o.clip_masked;
    clip_trimmed += o.clip_trimmed;
    return *this;
}

namespace {

void push_op(std::vector<std::uint32_t>& out, std::uint32_t op, std::uint32_t len) {
    if (len == 0) return;
    if (!out.empty() && bam_cigar_op(out.back()) == op) {
        out.back() = bam_cigar_gen(bam_cigar_oplen(out.back()) + len, op);
        return;
    }
    out.push_back(bam_cigar_gen(len, op));
}

// The operation an input operation becomes; -1 when it disappears.
int mapped_op(std::uint32_t op, bool trim_clips) {
    switch (op) {
        case BAM_CMATCH: case BAM_CEQUAL: case BAM_CDIFF: case BAM_CDEL: return BAM_CMATCH;
        case BAM_CINS: case BAM_CPAD: return -1;
        case BAM_CSOFT_CLIP: return trim_clips ? -1 : BAM_CSOFT_CLIP;
        case BAM_CREF_SKIP: return BAM_CREF_SKIP;
        case BAM_CHARD_CLIP: return BAM_CHARD_CLIP;
        default: return -1;
    }
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

}  // namespace

void masked_cigar(const std::uint32_t* cigar, std::size_t n_cigar, bool trim_clips, std::vector<std::uint32_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < n_cigar; ++i) {
        const int op = mapped_op(bam_cigar_op(cigar[i]), trim_clips);
        if (op >= 0) push_op(out, static_cast<std::uint32_t>(op), bam_cigar_oplen(cigar[i]));
    }
}

bool masked_cigar_string(std::string_view in, bool trim_clips, std::string& out) {
    out.clear();
    if (in.empty()) return false;
    if (in == "*") {
        out.push_back('*');
        return true;
    }
    std::vector<std::uint32_t> ops, res;
    std::uint64_t len = 0;
    bool digits = false;
    for (const char c : in) {
        if (c >= '0' && c <= '9') {
            len = len * 10 + static_cast<std::uint64_t>(c - '0');
            if (len > (1U << 28) - 1) return false;
            digits = true;
            continue;
        }
        const char* codes = BAM_CIGAR_STR;
        int op = -1;
        for (int k = 0; codes[k] != '\0'; ++k)
            if (codes[k] == c) op = k;
        if (op < 0 || !digits) return false;
        ops.push_back(bam_cigar_gen(static_cast<std::uint32_t>(len), static_cast<std::uint32_t>(op)));
        len = 0;
        digits = false;
    }
    if (digits) return false;
    masked_cigar(ops.data(), ops.size(), trim_clips, res);
    for (const auto c : res) {
        out.append(std::to_string(bam_cigar_oplen(c)));
        out.push_back(bam_cigar_opchr(c));
    }
    if (out.empty()) out.push_back('*');
    return true;
}

void mask_alignment(const std::uint32_t* cigar, std::size_t n_cigar, std::string_view seq, const std::uint8_t* qual,
                    std::int64_t pos, const RefSpan& ref, bool trim_clips, MaskedRead& out, MaskCounts& counts) {
    out.cigar.clear();
    out.seq.clear();
    out.qual.clear();
    const bool has_seq = !seq.empty();
    const bool has_qual = has_seq && qual != nullptr;
    const MaskCounts before = counts;

    // Reference positions of the leading soft clip: it would cover [pos - len, pos).
    std::int64_t rpos = pos;
    std::size_t first_aligned = 0;
    std::int64_t lead = 0;
    for (std::size_t i = 0; i < n_cigar; ++i) {
        const auto op = bam_cigar_op(cigar[i]);
        if (op == BAM_CSOFT_CLIP) lead += bam_cigar_oplen(cigar[i]);
        if (op != BAM_CSOFT_CLIP && op != BAM_CHARD_CLIP) {
            first_aligned = i;
            break;
        }
        first_aligned = i + 1;
    }
    std::int64_t clip_pos = pos - lead;  // reference position for the next leading clipped base
    std::size_t qi = 0;                  // index into the input read
    const std::size_t qlen = seq.size();
    auto emit = [&](char base, std::uint8_t q) {
        out.seq.push_back(base);
        if (has_qual) out.qual.push_back(q);
    };
    auto filled_qual = [&](std::int64_t refpos) -> std::uint8_t {
        if (!has_qual || qlen == 0) return 0xff;
        return qual[mix(static_cast<std::uint64_t>(refpos)) % qlen];
    };

    for (std::size_t i = 0; i < n_cigar; ++i) {
        const std::uint32_t op = bam_cigar_op(cigar[i]);
        const std::uint32_t len = bam_cigar_oplen(cigar[i]);
        const int nop = mapped_op(op, trim_clips);
        if (nop >= 0) push_op(out.cigar, static_cast<std::uint32_t>(nop), len);
        switch (op) {
            case BAM_CMATCH: case BAM_CEQUAL: case BAM_CDIFF:
                for (std::uint32_t k = 0; k < len; ++k, ++rpos, ++qi) {
                    if (!has_seq) continue;
                    const char rb = ref.at(rpos);
                    const char qb = upper(seq[qi]);
                    const char nb = qb == 'N' ? 'N' : rb;
                    if (nb != qb) ++counts.substituted;
                    emit(nb, has_qual ? qual[qi] : 0xff);
                }
                break;
            case BAM_CINS:
                if (has_seq) counts.inserted_removed += len;
                qi += len;
                break;
            case BAM_CDEL:
                for (std::uint32_t k = 0; k < len; ++k, ++rpos) {
                    if (!has_seq) continue;
                    emit(ref.at(rpos), filled_qual(rpos));
                    ++counts.deleted_filled;
                }
                break;
            case BAM_CREF_SKIP: rpos += len; break;
            case BAM_CSOFT_CLIP: {
                const bool leading = i < first_aligned;
                std::int64_t cp = leading ? clip_pos : rpos;
                for (std::uint32_t k = 0; k < len; ++k, ++qi, ++cp) {
                    if (!has_seq) continue;
                    if (trim_clips) {
                        ++counts.clip_trimmed;
                        continue;
                    }
                    const char nb = ref.at(cp);
                    if (nb != upper(seq[qi])) ++counts.clip_masked;
                    emit(nb, has_qual ? qual[qi] : 0xff);
                }
                if (leading) clip_pos = cp;
                break;
            }
            default: break;  // H, P: no bases
        }
    }
    const bool cigar_changed =
        out.cigar.size() != n_cigar || !std::equal(out.cigar.begin(), out.cigar.end(), cigar);
    if (cigar_changed || counts.substituted != before.substituted || counts.clip_masked != before.clip_masked ||
        counts.inserted_removed != before.inserted_removed || counts.clip_trimmed != before.clip_trimmed)
        ++counts.reads_changed;
}

void md_nm(const std::vector<std::uint32_t>& cigar, std::string_view seq, std::int64_t pos, const RefSpan& ref,
           std::string& md, std::int64_t& nm) {
    md.clear();
    nm = 0;
    std::int64_t rpos = pos;
    std::size_t qi = 0;
    std::uint64_t run = 0;
    for (const auto c : cigar) {
        const auto op = bam_cigar_op(c);
        const auto len = bam_cigar_oplen(c);
        if (op == BAM_CMATCH || op == BAM_CEQUAL || op == BAM_CDIFF) {
            for (std::uint32_t k = 0; k < len; ++k, ++rpos, ++qi) {
                const char rb = ref.at(rpos);
                if (qi < seq.size() && upper(seq[qi]) == rb && rb != 'N') {
                    ++run;
                } else {
                    md += std::to_string(run);
                    md += rb;
                    run = 0;
                    ++nm;
                }
            }
        } else if (op == BAM_CREF_SKIP || op == BAM_CDEL) {
            rpos += len;
        } else if (op == BAM_CINS || op == BAM_CSOFT_CLIP) {
            qi += len;
        }
    }
    md += std::to_string(run);
}

}  // namespace genoveil::reads
