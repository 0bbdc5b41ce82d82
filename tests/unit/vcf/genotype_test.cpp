// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "genoveil/vcf/genotype.hpp"

using namespace genoveil::vcf;

TEST_SUITE("vcf") {
TEST_CASE("valid genotypes are counted") {
    AlleleCounts c;
    c.reset(3);
    for (const char* gt : {"0/1", "1|2", "./.", "0", "0|1", "2/2/2", "./1"}) CHECK(scan_gt(gt, 3, &c) == GtStatus::ok);
    // alleles: 0,1 | 1,2 | - | 0 | 0,1 | 2,2,2 | 1
    CHECK(c.ac == std::vector<std::int32_t>{3, 4, 4});
    CHECK(c.an == 11);
    CHECK(c.ns == 6);
}

TEST_CASE("anything but digits, dots and separators is rejected") {
    for (const char* gt : {"", "A/B", "0/", "/", "0//1", "|0|1", "/1", "0/1x", " 0/1", "0-1", "1a", "0/1/", "0:1", "-1/0",
                           "1234567890/0", "0|PATIENT"}) {
        CAPTURE(gt);
        CHECK(scan_gt(gt, 2, nullptr) == GtStatus::malformed);
    }
}

TEST_CASE("allele indices must name one of the record's alleles") {
    CHECK(scan_gt("0/2", 2, nullptr) == GtStatus::allele_out_of_range);
    CHECK(scan_gt("0/1", 2, nullptr) == GtStatus::ok);
    CHECK(scan_gt("1", 1, nullptr) == GtStatus::allele_out_of_range);
    CHECK(scan_gt(".", 1, nullptr) == GtStatus::ok);
}

TEST_CASE("minor allele count: smallest non-zero count, 0 when at most one allele is seen") {
    AlleleCounts c;
    c.ac = {10, 3};
    CHECK(minor_allele_count(c) == 3);
    c.ac = {10, 0};
    CHECK(minor_allele_count(c) == 0);
    c.ac = {0, 0};
    CHECK(minor_allele_count(c) == 0);
    c.ac = {2, 9};
    CHECK(minor_allele_count(c) == 2);
    c.ac = {50, 0, 1};  // an unseen ALT does not make the site rare; the singleton does
    CHECK(minor_allele_count(c) == 1);
    c.ac = {0, 7, 8};
    CHECK(minor_allele_count(c) == 7);
}
}
