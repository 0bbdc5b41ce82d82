// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/reads/header_scrub.hpp"

using namespace genoveil;
using namespace genoveil::reads;

namespace {
hts::SamHdrPtr parse(const std::string& text) {
    hts::SamHdrPtr h(sam_hdr_parse(text.size(), text.c_str()));
    REQUIRE(h);
    return h;
}
}  // namespace

TEST_SUITE("reads") {
TEST_CASE("reads: header scrub keeps @HD, @SQ SN/LN/M5, @RG ID/SM/PL and drops the rest") {
    const auto in = parse(
        "@HD\tVN:1.6\tSO:coordinate\n"
        "@SQ\tSN:chr1\tLN:1000\tM5:0123456789abcdef0123456789abcdef\tUR:file:///home/alice/ref.fa\tAS:x\n"
        "@RG\tID:lane1\tSM:ALICE\tLB:lib7\tPU:FC.1\tCN:Oslo\tDT:2019-01-01\tDS:study\tPL:ILLUMINA\n"
        "@PG\tID:bwa\tPN:bwa\tCL:bwa mem /home/alice/x.fq\n"
        "@CO\tALICE was here\n");
    crypto::SecretKey key = crypto::random_key();
    crypto::Hmac h(key);
    const auto r = scrub_header(in.get(), h, pg_line("v1", "genoveil reads -o <redacted>", "sha256:00"), true, "t");
    const std::string rg = crypto::pseudonym(h, crypto::domain::read_group, "lane1");
    const std::string sm = crypto::pseudonym(h, crypto::domain::sample, "ALICE");
    CHECK(r.text == "@HD\tVN:1.6\tSO:coordinate\n"
                    "@SQ\tSN:chr1\tLN:1000\tM5:0123456789abcdef0123456789abcdef\n"
                    "@RG\tID:" + rg + "\tSM:" + sm + "\tPL:ILLUMINA\n"
                    "@PG\tID:genoveil-reads\tPN:genoveil\tVN:v1\tCL:genoveil reads -o <redacted>\tDS:policy=sha256:00\n");
    CHECK(r.rg_ids.at("lane1") == rg);
    REQUIRE(r.map.size() == 2);
    CHECK(r.map[0].first == "rg:lane1");
    CHECK(r.map[1] == std::pair<std::string, std::string>("sample:ALICE", sm));
    CHECK(r.removed.at("@PG") == 1);
    CHECK(r.removed.at("@CO") == 1);
    CHECK(r.removed.at("@RG fields") == 5);
    CHECK(r.lines_in == 5);
    CHECK(r.lines_out == 4);
    CHECK(sam_hdr_nref(r.out.get()) == 1);
}

TEST_CASE("reads: header scrub: name order and duplicate read groups") {
    crypto::SecretKey key = crypto::random_key();
    crypto::Hmac h(key);
    const auto qn = parse("@HD\tVN:1.6\tSO:queryname\n");
    const auto hashed = scrub_header(qn.get(), h, "", true, "t");
    CHECK(hashed.text == "@HD\tVN:1.6\tSO:unsorted\tGO:query\n");
    CHECK(hashed.name_grouped);
    const auto counter = scrub_header(qn.get(), h, "", false, "t");
    CHECK(counter.text == "@HD\tVN:1.6\tSO:queryname\n");
    const auto dup = parse("@RG\tID:a\n@RG\tID:a\n");
    CHECK_THROWS_AS((void)scrub_header(dup.get(), h, "", true, "t"), input_error);
}
}
