// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>

#include "genoveil/core/error.hpp"
#include "genoveil/vcf/sample_plan.hpp"

using namespace genoveil;
using namespace genoveil::vcf;

namespace {
crypto::SecretKey zero_key() { return crypto::SecretKey{}; }
const std::vector<std::string> names{"alice", "bob", "carol", "dave", "erin"};
}  // namespace

TEST_SUITE("vcf") {
TEST_CASE("columns are ordered by pseudonym, a keyed shuffle; the map stays in input order") {
    crypto::SecretKey k = zero_key();
    crypto::Hmac h(k);
    const SamplePlan p = make_sample_plan(names, parse_sample_list(""), h, false);
    REQUIRE(p.order.size() == 5);
    CHECK(std::is_sorted(p.out_names.begin(), p.out_names.end()));
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(p.mapping[i].first == names[i]);
        CHECK(p.out_names[i] == crypto::pseudonym(h, crypto::domain::sample, names[static_cast<std::size_t>(p.order[i])]));
    }
    const SamplePlan kept = make_sample_plan(names, parse_sample_list(""), h, true);
    CHECK(kept.order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("-s subsets, ^ excludes, and names outside the header are refused without being echoed") {
    crypto::SecretKey k = zero_key();
    crypto::Hmac h(k);
    const SamplePlan s = make_sample_plan(names, parse_sample_list("dave,bob"), h, true);
    CHECK(s.order == std::vector<int>{1, 3});
    CHECK(s.removed_by_subset == 3);
    const SamplePlan x = make_sample_plan(names, parse_sample_list("^dave,bob"), h, true);
    CHECK(x.order == std::vector<int>{0, 2, 4});
    try {
        (void)make_sample_plan(names, parse_sample_list("bob,mallory"), h, true);
        FAIL("no error");
    } catch (const usage_error& e) {
        const std::string m = e.what();
        CHECK(m.find("entry 2") != std::string::npos);
        CHECK(m.find("mallory") == std::string::npos);
    }
}
}
