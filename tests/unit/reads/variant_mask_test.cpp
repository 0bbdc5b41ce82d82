// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <htslib/sam.h>

#include "genoveil/reads/variant_mask.hpp"

using namespace genoveil::reads;

namespace {

std::vector<std::uint32_t> cig(const std::string& s) {
    std::vector<std::uint32_t> v;
    std::uint32_t n = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            n = n * 10 + static_cast<std::uint32_t>(c - '0');
            continue;
        }
        v.push_back(bam_cigar_gen(n, static_cast<std::uint32_t>(std::string(BAM_CIGAR_STR).find(c))));
        n = 0;
    }
    return v;
}

std::string str(const std::vector<std::uint32_t>& v) {
    std::string s;
    for (auto c : v) s += std::to_string(bam_cigar_oplen(c)) + bam_cigar_opchr(c);
    return s;
}

// Reference "ACGTACGTAC GGTTAACCGG" starting at position 100.
const std::string ref_bases = "ACGTACGTACGGTTAACCGG";
RefSpan ref{ref_bases.c_str(), 100, 120};

}  // namespace

TEST_SUITE("reads") {
TEST_CASE("reads: mask: mismatches become the reference, a read N stays N") {
    const auto c = cig("8M");
    const std::string seq = "ACTTNCGT";  // pos 102 G->T mismatch, 104 N
    const std::vector<std::uint8_t> q{30, 31, 32, 33, 2, 35, 36, 37};
    MaskedRead out;
    MaskCounts n;
    mask_alignment(c.data(), c.size(), seq, q.data(), 100, ref, false, out, n);
    CHECK(out.seq == "ACGTNCGT");
    CHECK(str(out.cigar) == "8M");
    CHECK(out.qual == q);  // a substituted base keeps its own quality
    CHECK(n.substituted == 1);
    CHECK(n.reads_changed == 1);
}

TEST_CASE("reads: mask: insertions removed, deletions filled, N and H kept, =/X merged") {
    const auto c = cig("2H3=2I2X3D2M4N3M");
    const std::string seq = "ACGTTTTAACTAC";  // 3 + 2 + 2 + 2 + 3 = 12 ... plus one
    MaskedRead out;
    MaskCounts n;
    mask_alignment(c.data(), c.size(), seq.substr(0, 12), nullptr, 100, ref, false, out, n);
    CHECK(str(out.cigar) == "2H10M4N3M");
    // ref 100..109 then skip 110..113 then 114..116
    CHECK(out.seq == ref_bases.substr(0, 10) + ref_bases.substr(14, 3));
    CHECK(out.qual.empty());
    CHECK(n.inserted_removed == 2);
    CHECK(n.deleted_filled == 3);
}

TEST_CASE("reads: mask: soft clips masked against the flanks or trimmed; N beyond the contig") {
    const auto c = cig("3S4M2S");
    const std::string seq = "TTTACGTGG";
    const std::vector<std::uint8_t> q{10, 11, 12, 13, 14, 15, 16, 17, 18};
    MaskedRead out;
    MaskCounts n;
    mask_alignment(c.data(), c.size(), seq, q.data(), 101, ref, false, out, n);
    CHECK(str(out.cigar) == "3S4M2S");
    CHECK(out.seq == "NNA" + ref_bases.substr(1, 4) + ref_bases.substr(5, 2));
    mask_alignment(c.data(), c.size(), seq, q.data(), 101, ref, true, out, n);
    CHECK(str(out.cigar) == "4M");
    CHECK(out.seq == ref_bases.substr(1, 4));
    CHECK(out.qual == std::vector<std::uint8_t>{13, 14, 15, 16});
    CHECK(n.clip_trimmed == 5);
}

TEST_CASE("reads: mask: filled bases take qualities of the read itself, not a fixed marker") {
    const auto c = cig("4M6D4M");
    const std::string seq = "ACGTCGGT";
    const std::vector<std::uint8_t> q{11, 12, 13, 14, 15, 16, 17, 18};
    MaskedRead out;
    MaskCounts n;
    mask_alignment(c.data(), c.size(), seq, q.data(), 100, ref, false, out, n);
    REQUIRE(out.qual.size() == 14);
    for (std::size_t i = 4; i < 10; ++i) CHECK((out.qual[i] >= 11 && out.qual[i] <= 18));
    bool all_same = true;
    for (std::size_t i = 5; i < 10; ++i) all_same = all_same && out.qual[i] == out.qual[4];
    CHECK_FALSE(all_same);
}

TEST_CASE("reads: mask: CIGAR strings for MC and SA") {
    std::string out;
    CHECK(masked_cigar_string("5S10M2I3M1D4M", false, out));
    CHECK(out == "5S18M");
    CHECK(masked_cigar_string("5S10M2I3M1D4M", true, out));
    CHECK(out == "18M");
    CHECK(masked_cigar_string("60H40M", true, out));
    CHECK(out == "60H40M");
    CHECK(masked_cigar_string("*", false, out));
    CHECK(out == "*");
    CHECK_FALSE(masked_cigar_string("10Q", false, out));
    CHECK_FALSE(masked_cigar_string("M10", false, out));
    CHECK_FALSE(masked_cigar_string("", false, out));
}

TEST_CASE("reads: mask: MD and NM of the masked alignment") {
    std::string md;
    std::int64_t nm = -1;
    md_nm(cig("4M2N3M"), "ACGTGTA", 100, ref, md, nm);
    CHECK(md == "7");
    CHECK(nm == 0);
    md_nm(cig("2S4M"), "GGACNT", 100, ref, md, nm);
    CHECK(md == "2G1");
    CHECK(nm == 1);
}
}
