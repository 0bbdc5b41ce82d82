// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "genoveil/core/error.hpp"
#include "genoveil/reads/qual_bins.hpp"

using namespace genoveil::reads;

TEST_SUITE("reads") {
TEST_CASE("reads: qual bins: the tables of the man page") {
    const auto i8 = qual_table(QualBins::illumina8);
    CHECK(i8[0] == 0);
    CHECK(i8[1] == 1);
    CHECK(i8[2] == 6);
    CHECK(i8[9] == 6);
    CHECK(i8[10] == 15);
    CHECK(i8[19] == 15);
    CHECK(i8[20] == 22);
    CHECK(i8[24] == 22);
    CHECK(i8[25] == 27);
    CHECK(i8[29] == 27);
    CHECK(i8[30] == 33);
    CHECK(i8[34] == 33);
    CHECK(i8[35] == 37);
    CHECK(i8[39] == 37);
    CHECK(i8[40] == 40);
    CHECK(i8[93] == 40);
    const auto i4 = qual_table(QualBins::illumina4);
    CHECK(i4[0] == 2);
    CHECK(i4[2] == 2);
    CHECK(i4[3] == 12);
    CHECK(i4[14] == 12);
    CHECK(i4[15] == 23);
    CHECK(i4[30] == 23);
    CHECK(i4[31] == 37);
    const auto bin = qual_table(QualBins::binary);
    CHECK(bin[19] == 10);
    CHECK(bin[20] == 30);
    const auto none = qual_table(QualBins::none);
    for (unsigned q = 0; q < 256; ++q) CHECK(none[q] == q);
    for (auto b : {QualBins::illumina8, QualBins::illumina4, QualBins::binary}) CHECK(qual_table(b)[0xff] == 0xff);
}

TEST_CASE("reads: qual bins: names") {
    CHECK(parse_qual_bins("illumina8") == QualBins::illumina8);
    CHECK(parse_qual_bins("none") == QualBins::none);
    CHECK_THROWS_AS((void)parse_qual_bins("illumina"), genoveil::usage_error);
}
}
