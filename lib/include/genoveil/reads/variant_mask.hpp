// SPDX-License-Identifier: MIT
// Variant masking (--mask-variants): rewrite one alignment so that it agrees with the reference
// everywhere it is aligned, without changing where it is aligned.
//   M = X          read base -> reference base (a read N stays N; a reference N makes an N)
//   I              bases removed
//   D              filled with the reference bases (becomes M)
//   N H            kept
//   S              mask: bases -> the reference bases the clip would cover (N off the contig)
//                  trim: removed from the read
//   P              dropped
// Adjacent equal operations are merged, so the result is a plain M/N/S/H CIGAR. POS, the
// reference span and so TLEN and the mate's PNEXT are unchanged; only the CIGAR (and the MC
// tag of the mate, rewritten with masked_cigar_string) change.
// Qualities: a substituted base keeps its own quality; a filled base takes the quality of a
// base of the same read chosen by a hash of its reference position. No fixed value marks an
// edit and the read's quality distribution is unchanged.
// Pure functions over plain buffers; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace genoveil::reads {

/// Upper-case reference bases for [beg, end) of one contig; positions outside read as 'N'.
struct RefSpan {
    const char* seq = nullptr;
    std::int64_t beg = 0;
    std::int64_t end = 0;
    [[nodiscard]] char at(std::int64_t pos) const { return pos >= beg && pos < end ? seq[pos - beg] : 'N'; }
};

struct MaskCounts {
    std::uint64_t reads_changed = 0;     ///< reads whose SEQ or CIGAR changed
    std::uint64_t substituted = 0;       ///< aligned bases set to the reference base
    std::uint64_t inserted_removed = 0;  ///< inserted bases removed
    std::uint64_t deleted_filled = 0;    ///< deleted reference bases filled in
    std::uint64_t clip_masked = 0;       ///< soft-clipped bases set to the reference
    std::uint64_t clip_trimmed = 0;      ///< soft-clipped bases removed
    MaskCounts& operator+=(const MaskCounts& o);
};

/// The rewritten alignment. `seq` is ASCII (empty for SEQ '*'); `qual` is empty when the read
/// has no qualities (0xff) or no SEQ.
struct MaskedRead {
    std::vector<std::uint32_t> cigar;
    std::string seq;
    std::vector<std::uint8_t> qual;
};

/// Mask one mapped alignment starting at 0-based `pos`. `seq` is ASCII (empty for '*');
/// `qual` is nullptr when missing. `ref` must cover the aligned span and, for the best
/// masking of soft clips, the clipped flanks.
void mask_alignment(const std::uint32_t* cigar, std::size_t n_cigar, std::string_view seq,
                    const std::uint8_t* qual, std::int64_t pos, const RefSpan& ref, bool trim_clips,
                    MaskedRead& out, MaskCounts& counts);

/// The CIGAR transform alone, on BAM-encoded operations.
void masked_cigar(const std::uint32_t* cigar, std::size_t n_cigar, bool trim_clips, std::vector<std::uint32_t>& out);

/// The CIGAR transform on a CIGAR string (for MC and SA). False when `in` is not a CIGAR.
[[nodiscard]] bool masked_cigar_string(std::string_view in, bool trim_clips, std::string& out);

/// MD and NM of an alignment made of M, N, S and H operations against `ref`.
void md_nm(const std::vector<std::uint32_t>& cigar, std::string_view seq, std::int64_t pos, const RefSpan& ref,
           std::string& md, std::int64_t& nm);

}  // namespace genoveil::reads
