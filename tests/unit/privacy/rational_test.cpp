// SPDX-License-Identifier: MIT
// Exact decimals and rationals (privacy.md 3.6: parse epsilon and rho exactly, never via double).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "genoveil/core/error.hpp"
#include "genoveil/privacy/rational.hpp"

namespace gp = genoveil::privacy;

namespace {
gp::Rational dec(const char* text) { return gp::parse_decimal(text, "--rho"); }
}  // namespace

TEST_SUITE("privacy") {

TEST_CASE("rational: decimal strings parse to exact reduced fractions") {
    CHECK(dec("0.25") == gp::make_rational(1, 4));
    CHECK(gp::to_string(dec("0.25")) == "1/4");
    CHECK(gp::to_string(dec("1")) == "1");
    CHECK(gp::to_string(dec("0")) == "0");
    CHECK(gp::to_string(dec("000.000")) == "0");
    CHECK(gp::to_string(dec(".5")) == "1/2");
    CHECK(gp::to_string(dec("2.")) == "2");
    CHECK(gp::to_string(dec("0.1")) == "1/10");  // not 0.1000000000000000055511...
    CHECK(gp::to_string(dec("1e-9")) == "1/1000000000");
    CHECK(gp::to_string(dec("2.5E-3")) == "1/400");
    CHECK(gp::to_string(dec("1e+2")) == "100");
    CHECK(gp::to_string(dec("12.3400000000000000000000000000000000000000000")) == "617/50");
    CHECK(gp::to_string(dec("0.0000000000000000000000000000001")) == "1/10000000000000000000000000000000");
    const gp::Rational r = dec("3.14159");
    CHECK(r.num == 314159);
    CHECK(r.den == 100000);
}

TEST_CASE("rational: malformed or out-of-range decimals are usage errors naming the option") {
    for (const char* bad : {"", "-0.25", "+1", "abc", "0.2.5", "1e", "1e-", "0x10", "inf", "nan", " 1", "1 ",
                            "1/4", "e5", ".", "1e99999", "1e40", "1e-40"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS((void)dec(bad), genoveil::usage_error);
    }
    try {
        (void)dec("-1");
        FAIL("no throw");
    } catch (const genoveil::usage_error& e) {
        CHECK(std::string(e.what()).find("--rho") != std::string::npos);
    }
    CHECK_THROWS_AS((void)dec("123456789012345678901234567890123456789012345"), genoveil::usage_error);
}

TEST_CASE("rational: NUM/DEN round-trips through to_string") {
    for (const char* text : {"1/4", "3", "617/50", "1/1000000000"}) {
        const gp::Rational r = gp::parse_rational(text, "ledger");
        CHECK(gp::to_string(r) == text);
    }
    CHECK(gp::parse_rational("2/4", "x") == gp::make_rational(1, 2));
    CHECK(gp::parse_rational("0.5", "x") == gp::make_rational(1, 2));
    CHECK_THROWS_AS((void)gp::parse_rational("1/0", "x"), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::parse_rational("1/", "x"), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::parse_rational("0.5/2", "x"), genoveil::usage_error);
}

TEST_CASE("rational: exact arithmetic, comparisons and overflow checks") {
    const gp::Rational a = gp::make_rational(1, 3), b = gp::make_rational(1, 6);
    CHECK(a + b == gp::make_rational(1, 2));
    CHECK(a * b == gp::make_rational(1, 18));
    CHECK(a / b == gp::make_rational(2));
    CHECK(b < a);
    CHECK(a > b);
    CHECK(gp::make_rational(2, 4) == gp::make_rational(1, 2));
    CHECK_THROWS_AS((void)gp::make_rational(1, 0), genoveil::usage_error);
    CHECK_THROWS_AS((void)(a / gp::make_rational(0)), genoveil::usage_error);
    // Comparison of fractions whose cross products exceed 128 bits.
    const gp::UInt128 big = gp::uint128_max - 2;
    const gp::Rational x = gp::make_rational(big, big - 1), y = gp::make_rational(big - 1, big - 2);
    CHECK(x < y);  // (n)/(n-1) decreases in n
    CHECK_FALSE(x == y);
    // Overflow is an internal error, never a silent wrap.
    const gp::Rational h = gp::make_rational(gp::uint128_max, 1);
    CHECK_THROWS_AS((void)(h + h), genoveil::internal_error);
    CHECK_THROWS_AS((void)(h * gp::make_rational(2)), genoveil::internal_error);
    CHECK_THROWS_AS((void)gp::detail::mul_checked(gp::uint128_max, 2, "t"), genoveil::internal_error);
    CHECK_THROWS_AS((void)gp::detail::add_checked(gp::uint128_max, 1, "t"), genoveil::internal_error);
    CHECK_THROWS_AS((void)gp::detail::sub_checked(1, 2, "t"), genoveil::internal_error);
}

TEST_CASE("rational: integer helpers") {
    CHECK(gp::isqrt(0) == 0);
    CHECK(gp::isqrt(1) == 1);
    CHECK(gp::isqrt(3) == 1);
    CHECK(gp::isqrt(4) == 2);
    CHECK(gp::isqrt(10000) == 100);
    CHECK(gp::isqrt(10001) == 100);
    CHECK(gp::isqrt(std::uint64_t{1} << 40) == (std::uint64_t{1} << 20));
    CHECK(gp::isqrt(std::numeric_limits<std::uint64_t>::max()) == 4294967295u);
    for (std::uint64_t n = 0; n < 5000; ++n) {
        const std::uint64_t r = gp::isqrt(n);
        CHECK((r * r <= n && (r + 1) * (r + 1) > n));
    }
    CHECK(gp::ceil_div(7, 2) == 4);
    CHECK(gp::ceil_div(8, 2) == 4);
    CHECK(gp::ceil_div(0, 5) == 0);
    CHECK(gp::bit_width(0) == 0);
    CHECK(gp::bit_width(1) == 1);
    CHECK(gp::bit_width(255) == 8);
    CHECK(gp::bit_width(gp::uint128_max) == 128);
    CHECK(gp::to_string(gp::uint128_max) == "340282366920938463463374607431768211455");
}

}  // TEST_SUITE
