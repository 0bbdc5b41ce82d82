// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/policy.hpp"

using namespace genoveil;
using namespace genoveil::core;

TEST_SUITE("core") {
TEST_CASE("the minimal profile is deny-by-default") {
    const Policy p = load_policy("minimal");
    CHECK(p.vcf.ids == IdMode::rs);
    CHECK(p.vcf.keep_info.empty());
    CHECK(p.vcf.keep_format == std::vector<std::string>{"GT"});
    CHECK_FALSE(p.vcf.keep_order);
    CHECK(p.reads.keep_tags == std::vector<std::string>{"RG"});
    CHECK(p.reads.read_names == "hmac");
}

TEST_CASE("a policy file overrides its base key by key") {
    const Policy p = parse_policy("base = \"sites\"\nname = \"x\"\n[vcf]\nmin_mac = 5\nkeep_info = [\"DP\"]\n", "t.toml");
    CHECK(p.name == "x");
    CHECK(p.vcf.sites_only);  // from the base
    CHECK(p.vcf.min_mac == 5);
    CHECK(p.vcf.keep_info == std::vector<std::string>{"DP"});
}

TEST_CASE("unknown keys, wrong types and bad values name the key") {
    const auto message = [](const std::string& text) {
        try {
            (void)parse_policy(text, "p.toml");
        } catch (const usage_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("[vcf]\nkeepinfo = []\n") == "p.toml: vcf.keepinfo: unknown key");
    CHECK(message("[vcf]\nunphase = 1\n") == "p.toml: vcf.unphase: expected true or false");
    CHECK(message("[vcf]\nmin_mac = -1\n") == "p.toml: vcf.min_mac: expected a non-negative integer");
    CHECK(message("[vcf]\nids = \"some\"\n").find("vcf.ids") != std::string::npos);
    CHECK(message("color = \"red\"\n") == "p.toml: color: unknown key");
    CHECK(message("[vcf]\nfill_tags = [\"XY\"]\n").find("fill-tags") != std::string::npos);
    CHECK(message("[reads]\nqual_bins = \"x\"\n").find("qual-bins") != std::string::npos);
    CHECK(message("[vcf\n").find("p.toml: line 1") == 0);
}

TEST_CASE("the canonical TOML round-trips and the digest follows every change") {
    Policy p = load_policy("minimal");
    const std::string d0 = policy_digest(p);
    CHECK(d0.rfind("sha256:", 0) == 0);
    CHECK(d0.size() == 7 + 64);
    CHECK(policy_digest(parse_policy(to_toml(p), "round-trip")) == d0);
    p.vcf.min_mac = 1;
    CHECK(policy_digest(p) != d0);
    p.vcf.min_mac = 0;
    CHECK(policy_digest(p) == d0);
    p.vcf.keep_info = {"quote\"back\\slash"};
    CHECK(parse_policy(to_toml(p), "rt").vcf.keep_info == p.vcf.keep_info);
}

TEST_CASE("toml_quote escapes quotes, backslashes and control characters") {
    CHECK(toml_quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\u000A\"");
}
}
