// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "genoveil/reads/aux_tags.hpp"

using namespace genoveil::reads;

TEST_SUITE("reads") {
TEST_CASE("reads: aux tags: allowlist, * and drop list") {
    TagPolicy p({"RG", "NM"}, {});
    CHECK(p.keeps(tag_code('R', 'G')));
    CHECK(p.keeps(tag_code('N', 'M')));
    CHECK_FALSE(p.keeps(tag_code('B', 'C')));
    TagPolicy all({"*"}, {"BC", "RX"});
    CHECK(all.keeps(tag_code('X', 'Z')));
    CHECK_FALSE(all.keeps(tag_code('B', 'C')));
    CHECK_FALSE(all.keeps(tag_code('R', 'X')));
    all.drop("XZ");
    CHECK_FALSE(all.keeps(tag_code('X', 'Z')));
}

TEST_CASE("reads: aux tags: entry sizes of every SAM type, and malformed entries") {
    auto size_of = [](std::vector<std::uint8_t> v) { return aux_entry_size(v.data(), v.data() + v.size()); };
    CHECK(size_of({'X', 'A', 'A', 'z'}) == 4);
    CHECK(size_of({'X', 'c', 'c', 1}) == 4);
    CHECK(size_of({'X', 's', 's', 1, 0}) == 5);
    CHECK(size_of({'X', 'i', 'i', 1, 0, 0, 0}) == 7);
    CHECK(size_of({'X', 'f', 'f', 1, 0, 0, 0}) == 7);
    CHECK(size_of({'X', 'd', 'd', 1, 0, 0, 0, 0, 0, 0, 0}) == 11);
    CHECK(size_of({'X', 'Z', 'Z', 'a', 'b', 0, 'Y'}) == 6);
    CHECK(size_of({'X', 'H', 'H', '1', 'F', 0}) == 6);
    CHECK(size_of({'X', 'B', 'B', 'S', 2, 0, 0, 0, 1, 0, 2, 0}) == 12);
    CHECK(size_of({'X', 'Z', 'Z', 'a', 'b'}) == 0);              // no NUL
    CHECK(size_of({'X', 'Q', 'Q', 1}) == 0);                     // unknown type
    CHECK(size_of({'X', 'B', 'B', 'S', 9, 0, 0, 0, 1, 0}) == 0); // array runs past the end
    CHECK(size_of({'X', 'B', 'B', 'Q', 1, 0, 0, 0, 1}) == 0);    // unknown element type
    CHECK(size_of({'X', 'i', 'i'}) == 0);
}

TEST_CASE("reads: aux tags: counts merge by tag") {
    TagCounts a, b;
    a.add(tag_code('B', 'C'));
    a.add(tag_code('B', 'C'));
    b.add(tag_code('B', 'C'));
    b.add(tag_code('O', 'Q'), 5);
    a += b;
    const auto m = a.by_name();
    CHECK(m.at("BC") == 3);
    CHECK(m.at("OQ") == 5);
    CHECK(m.size() == 2);
}
}
