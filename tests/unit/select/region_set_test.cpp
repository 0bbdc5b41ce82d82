// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <fstream>
#include <unistd.h>

#include "genoveil/core/error.hpp"
#include "genoveil/select/region_set.hpp"

using namespace genoveil;
using namespace genoveil::select;

TEST_SUITE("select") {
TEST_CASE("region lists are 1-based inclusive and merged") {
    const RegionSet r = parse_region_list("chr1:100-200,chr1:150-300,chr2,chr3:50,chr4:10-");
    CHECK_FALSE(r.contains("chr1", 98));   // position 99
    CHECK(r.contains("chr1", 99));         // position 100
    CHECK(r.contains("chr1", 299));        // position 300
    CHECK_FALSE(r.contains("chr1", 300));  // position 301
    CHECK(r.contigs().at("chr1").size() == 1);
    CHECK(r.contains("chr2", 0));
    CHECK(r.contains("chr2", 200000000));
    CHECK(r.contains("chr3", 49));
    CHECK_FALSE(r.contains("chr3", 50));
    CHECK(r.contains("chr4", 1000000000));
    CHECK_FALSE(r.contains("chrX", 5));
}

TEST_CASE("overlaps uses half-open intervals") {
    RegionSet r;
    r.add("c", 10, 20);
    r.add("c", 40, 50);
    r.finish();
    CHECK(r.overlaps("c", 19, 25));
    CHECK_FALSE(r.overlaps("c", 20, 40));
    CHECK(r.overlaps("c", 0, 11));
    CHECK_FALSE(r.overlaps("c", 0, 10));
    CHECK(r.overlaps("c", 45, 46));
    CHECK(r.overlaps("c", 0, 100));
}

TEST_CASE("bad region strings are usage errors that name the entry, not the text") {
    for (const char* bad : {"chr1:x-y", "chr1:0-5", "chr1:9-5", ":1-2", "a,,b"}) {
        CHECK_THROWS_AS((void)parse_region_list(bad), usage_error);
    }
    try {
        (void)parse_region_list("chr1,chr2:5-1");
    } catch (const usage_error& e) {
        CHECK(std::string(e.what()).find("entry 2") != std::string::npos);
    }
}

TEST_CASE("region file lines: BED is 0-based, tab files are 1-based; malformed lines name line and column") {
    std::string c;
    std::int64_t b = 0, e = 0;
    CHECK(parse_region_line("chr1\t10\t20", true, "f", 1, c, b, e));
    CHECK((c == "chr1" && b == 10 && e == 20));
    CHECK(parse_region_line("chr1\t10\t20", false, "f", 1, c, b, e));
    CHECK((b == 9 && e == 20));
    CHECK(parse_region_line("chr1\t10", false, "f", 1, c, b, e));
    CHECK((b == 9 && e == 10));
    CHECK_FALSE(parse_region_line("# comment", true, "f", 1, c, b, e));
    CHECK_FALSE(parse_region_line("track name=x", true, "f", 1, c, b, e));
    CHECK_FALSE(parse_region_line("", true, "f", 1, c, b, e));
    try {
        parse_region_line("chr1\tten\t20", true, "f.bed", 7, c, b, e);
        FAIL("no error");
    } catch (const input_error& err) {
        CHECK(std::string(err.what()) == "f.bed: record 7: column 2: not a valid BED start");
    }
    CHECK_THROWS_AS(parse_region_line("chr1\t20\t10", true, "f", 1, c, b, e), input_error);
    CHECK_THROWS_AS(parse_region_line("chr1\t5", true, "f", 1, c, b, e), input_error);
    CHECK_THROWS_AS(parse_region_line("chr1\t0", false, "f", 1, c, b, e), input_error);
}

TEST_CASE("read_region_file reads BED by extension") {
    const std::string p = "/tmp/genoveil_regions_" + std::to_string(::getpid()) + ".bed";
    std::ofstream(p) << "track x\nchr1\t0\t10\nchr1\t5\t15\nchr2\t100\t101\n";
    const RegionSet r = read_region_file(p);
    CHECK(r.contains("chr1", 0));
    CHECK(r.contains("chr1", 14));
    CHECK_FALSE(r.contains("chr1", 15));
    CHECK(r.contains("chr2", 100));
    ::unlink(p.c_str());
    CHECK_THROWS_AS((void)read_region_file(p), io_error);
}
}
