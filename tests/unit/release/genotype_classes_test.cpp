// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "genoveil/release/genotype_classes.hpp"
#include "genoveil/release/postprocess.hpp"

using namespace genoveil::release;

TEST_SUITE("release") {
TEST_CASE("every genotype falls in exactly one cell; the layout depends only on public facts") {
    const ClassLayout bi{2, false};
    CHECK(bi.cells() == 4);
    CHECK(classify_gt("0/0", bi) == 0);
    CHECK(classify_gt("0/1", bi) == 1);
    CHECK(classify_gt("1|0", bi) == 1);
    CHECK(classify_gt("1/1", bi) == 2);
    CHECK(classify_gt("./.", bi) == 3);
    CHECK(classify_gt("0/.", bi) == 3);
    CHECK(classify_gt("1", bi) == 3);      // haploid on a diploid-only contig counts as missing
    CHECK(classify_gt("0/1/1", bi) == 3);  // polyploid: missing
    CHECK(classify_gt("0/2", bi) == -1);
    CHECK(classify_gt("A/B", bi) == -1);
    const ClassLayout x{2, true};
    CHECK(x.cells() == 6);
    CHECK(classify_gt("1", x) == 4);
    CHECK(classify_gt("0", x) == 3);
    CHECK(classify_gt(".", x) == 5);
    const ClassLayout tri{3, false};
    CHECK(tri.cells() == 7);
    CHECK(classify_gt("0/2", tri) == 3);  // VCF G order: 00 01 11 02 12 22
    CHECK(classify_gt("2/1", tri) == 4);
    CHECK(classify_gt("2/2", tri) == 5);
}

TEST_CASE("projection: non-negative integers summing to the total, closest to the noisy counts") {
    CHECK(project({10, 20, 30}, 60) == std::vector<std::int64_t>{10, 20, 30});
    CHECK(project({-5, 50, 10, 3}, 60) == std::vector<std::int64_t>{0, 49, 9, 2});
    const auto p = project({-100, -50, 3, 1000}, 100);
    CHECK(p == std::vector<std::int64_t>{0, 0, 0, 100});
    const auto q = project({1, 1, 1}, 10);
    CHECK(q[0] + q[1] + q[2] == 10);
    CHECK(project({5, 5}, 0) == std::vector<std::int64_t>{0, 0});
    CHECK(median({5, 1, 9, 3}) == 3);
    CHECK(median({}) == 0);
}

TEST_CASE("derived counts: AC, AN and nhomalt from diploid and haploid cells") {
    const ClassLayout x{2, true};  // 00 01 11 | hap0 hap1 | missing
    const Derived d = derive({10, 5, 2, 3, 4, 7}, x);
    CHECK(d.an == 2 * (10 + 5 + 2) + 3 + 4);
    CHECK(d.ac == std::vector<std::int64_t>{5 + 2 * 2 + 4});
    CHECK(d.nhomalt == std::vector<std::int64_t>{2});
    const ClassLayout tri{3, false};  // 00 01 11 02 12 22 | missing
    const Derived t = derive({1, 2, 3, 4, 5, 6, 9}, tri);
    CHECK(t.an == 2 * 21);
    CHECK(t.ac == std::vector<std::int64_t>{2 + 2 * 3 + 5, 4 + 5 + 2 * 6});
    CHECK(t.nhomalt == std::vector<std::int64_t>{3, 6});
}
}
