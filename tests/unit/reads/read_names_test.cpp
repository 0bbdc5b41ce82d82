// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>

#include "genoveil/core/error.hpp"
#include "genoveil/hts/sam_ptr.hpp"
#include "genoveil/reads/read_names.hpp"

using namespace genoveil;
using namespace genoveil::reads;

namespace {

hts::BamPtr rec(const std::string& name, std::uint16_t flag, const std::string& sa = "") {
    hts::BamPtr b(bam_init1());
    REQUIRE(bam_set1(b.get(), name.size(), name.c_str(), flag, 0, 10, 60, 0, nullptr, 0, 20, 0, 0, nullptr, nullptr, 64) >= 0);
    if (!sa.empty()) REQUIRE(bam_aux_append(b.get(), "SA", 'Z', static_cast<int>(sa.size() + 1), reinterpret_cast<const std::uint8_t*>(sa.c_str())) == 0);
    return b;
}

}  // namespace

TEST_SUITE("reads") {
TEST_CASE("reads: counter names: mates match on coordinate order and entries are released") {
    CounterNamer n(false);
    auto a1 = rec("a", BAM_FPAIRED | BAM_FREAD1);
    auto b1 = rec("b", BAM_FPAIRED | BAM_FREAD1, "chr2,5,+,10M,60,0;");
    auto a2 = rec("a", BAM_FPAIRED | BAM_FREAD2);
    auto b2 = rec("b", BAM_FPAIRED | BAM_FREAD2);
    auto bs = rec("b", BAM_FPAIRED | BAM_FREAD1 | BAM_FSUPPLEMENTARY);
    CHECK(n.number(a1.get()) == 1);
    CHECK(n.number(b1.get()) == 2);
    CHECK(n.open() == 2);
    CHECK(n.number(a2.get()) == 1);
    CHECK(n.open() == 1);
    CHECK(n.number(b2.get()) == 2);
    CHECK(n.open() == 1);  // b waits for the supplementary its SA announced
    CHECK(n.number(bs.get()) == 2);
    CHECK(n.open() == 0);
    CHECK(n.peak() == 2);
}

TEST_CASE("reads: counter names: name-grouped input keeps only the current template") {
    CounterNamer n(true);
    auto a1 = rec("a", BAM_FPAIRED | BAM_FREAD1);
    auto a2 = rec("a", BAM_FPAIRED | BAM_FREAD2);
    auto b1 = rec("b", BAM_FPAIRED | BAM_FREAD1);
    CHECK(n.number(a1.get()) == 1);
    CHECK(n.number(a2.get()) == 1);
    CHECK(n.number(b1.get()) == 2);
    CHECK(n.open() == 0);
}

TEST_CASE("reads: read name modes") {
    CHECK(parse_name_mode("hmac") == NameMode::hmac);
    CHECK(parse_name_mode("counter") == NameMode::counter);
    CHECK(parse_name_mode("keep") == NameMode::keep);
    CHECK_THROWS_AS((void)parse_name_mode("hash"), usage_error);
}
}
