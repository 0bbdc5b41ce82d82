// SPDX-License-Identifier: MIT
// Accounting: the OpenDP known-answer vectors (privacy.md 9.3), the conversion table of 5.2,
// conservative rounding, parameter planning (4.3, 5.4) and the utility preview (4.4).
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "genoveil/core/error.hpp"
#include "genoveil/privacy/accounting.hpp"
#include "genoveil/privacy/rational.hpp"

namespace gp = genoveil::privacy;

namespace {

// Distance in units in the last place between two finite doubles of the same sign.
std::int64_t ulps_between(double a, double b) {
    const auto ia = std::bit_cast<std::int64_t>(a), ib = std::bit_cast<std::int64_t>(b);
    return ia > ib ? ia - ib : ib - ia;
}

gp::Rational dec(const char* text) { return gp::parse_decimal(text, "test"); }

}  // namespace

TEST_SUITE("privacy") {

TEST_CASE("accounting: cdp_delta agrees with the OpenDP known answers and is conservative") {
    // expected: OpenDP (privacy.md 9.3). truth: the same CKS infimum computed independently with
    // mpmath at 50 significant digits (bisection on alpha, then the objective), for the same
    // double inputs.
    //
    // Criterion: truth <= ours <= OpenDP + 1 ulp, and within 1 ulp of OpenDP wherever OpenDP's
    // own value is the correctly rounded-up evaluation. Ours is the CKS objective with every
    // operation rounded up (correctly, via error-free transformations and long double
    // transcendentals) and a rigorous long double bound; OpenDP's published values also carry
    // the slack of its 53-bit arbitrary-precision exp/ln_1p, which puts two of them 3 ulps and
    // 1067 ulps (2.4e-13 relative, the extreme-alpha vector) above ours. Being tighter than
    // OpenDP while staying above the exact value is the conservative direction that matters.
    struct Vector {
        double rho, eps, expected;
        long double truth;
        std::int64_t max_ulps_below;  // how far below OpenDP we may be (0: within 1 ulp either way)
    };
    const Vector vectors[] = {
        {0.05, 0.25, 0.0817727531036956, 0.08177275310369552573785L, 3},
        {0.5, 0.0, 0.5588356393474351, 0.5588356393474346335898L, 1},
        {1.0 / 32, 0.0, 0.1508457845622862, 0.1508457845622860902129L, 1},
        {5e-30, 1e-13, 2.619676329730346e-234, 2.619676329729555554074e-234L, 1100},  // extreme alpha
    };
    for (const Vector& v : vectors) {
        CAPTURE(v.rho);
        CAPTURE(v.eps);
        const double got = gp::cdp_delta(v.rho, v.eps);
        CAPTURE(ulps_between(got, v.expected));
        CHECK(static_cast<long double>(got) >= v.truth);              // conservative
        CHECK(got <= std::nextafter(v.expected, 1.0));                  // never looser than OpenDP + 1 ulp
        CHECK(ulps_between(got, v.expected) <= v.max_ulps_below);
    }
}

TEST_CASE("accounting: cdp_epsilon by bisection matches the known answer and rounds up") {
    // rho = 1/32 is a Gaussian mechanism with sensitivity 1 and scale 4.
    const double eps = gp::cdp_epsilon(1.0 / 32, 1e-3);
    CHECK(ulps_between(eps, 0.6880024554878085) <= 1);
    CHECK(static_cast<long double>(eps) >= 0.6880024554878083925552L);  // mpmath, 50 digits
    CHECK(gp::cdp_delta(1.0 / 32, eps) <= 1e-3);
    CHECK(gp::cdp_delta(1.0 / 32, std::nextafter(eps, 0.0)) > 1e-3);
    // delta(0) for rho = 0.5 maps back to epsilon 0 (OpenDP edge case).
    CHECK(gp::cdp_epsilon(0.5, gp::cdp_delta(0.5, 0.0)) == 0.0);
    // Round trip over a grid: the epsilon reported always meets the delta it claims.
    for (double rho : {1e-6, 1e-3, 0.01, 0.25, 1.0, 10.0}) {
        for (double delta : {1e-12, 1e-9, 1e-6, 1e-3, 0.1}) {
            CAPTURE(rho);
            CAPTURE(delta);
            const double e = gp::cdp_epsilon(rho, delta);
            CHECK(gp::cdp_delta(rho, e) <= delta);
            CHECK(e <= gp::classical_epsilon(rho, delta));  // CKS is tighter than the classical bound
        }
    }
}

TEST_CASE("accounting: edge cases and bad parameters of the conversion") {
    CHECK(gp::cdp_delta(0.0, 0.0) == 0.0);
    CHECK(gp::cdp_delta(0.1, std::numeric_limits<double>::infinity()) == 0.0);
    CHECK(gp::cdp_delta(std::numeric_limits<double>::infinity(), 1.0) == 1.0);
    CHECK(gp::cdp_delta(0.1, 0.1) > 0.0);
    CHECK(gp::cdp_delta(100.0, 0.0) <= 1.0);
    CHECK(gp::cdp_epsilon(0.0, 1e-9) == 0.0);
    CHECK(std::isinf(gp::cdp_epsilon(0.1, 0.0)));
    CHECK_THROWS_AS((void)gp::cdp_delta(-0.1, 1.0), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::cdp_delta(0.1, -1.0), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::cdp_delta(std::nan(""), 1.0), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::cdp_epsilon(0.1, 1.5), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::max_rho_for(0.0, 1e-9), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::max_rho_for(1.0, 0.0), genoveil::usage_error);
}

TEST_CASE("accounting: the zCDP -> (epsilon, delta) table of privacy.md 5.2 to 3 decimals") {
    struct Row {
        double rho, eps_1e6, eps_1e9, classical_1e9, mu;
    };
    const Row table[] = {
        {0.01, 0.622, 0.810, 0.920, 0.141}, {0.05, 1.472, 1.882, 2.086, 0.316},
        {0.1, 2.142, 2.715, 2.979, 0.447},  {0.25, 3.542, 4.437, 4.802, 0.707},
        {0.5, 5.222, 6.474, 6.938, 1.000},  {1.0, 7.766, 9.521, 10.105, 1.414},
    };
    auto three_decimals = [](double got, double want) { return std::fabs(got - want) <= 0.0005 + 1e-12; };
    for (const Row& r : table) {
        CAPTURE(r.rho);
        CHECK(three_decimals(gp::cdp_epsilon(r.rho, 1e-6), r.eps_1e6));
        CHECK(three_decimals(gp::cdp_epsilon(r.rho, 1e-9), r.eps_1e9));
        CHECK(three_decimals(gp::classical_epsilon(r.rho, 1e-9), r.classical_1e9));
        CHECK(three_decimals(gp::gdp_mu(r.rho), r.mu));
    }
}

TEST_CASE("accounting: max_rho_for is the largest rho meeting (epsilon, delta), rounded down") {
    for (double eps : {0.5, 1.0, 4.437, 10.0}) {
        for (double delta : {1e-9, 1e-6}) {
            CAPTURE(eps);
            CAPTURE(delta);
            const double rho = gp::max_rho_for(eps, delta);
            CHECK(rho > 0);
            CHECK(gp::cdp_epsilon(rho, delta) <= eps);
            CHECK(gp::cdp_epsilon(std::nextafter(rho, 1e300), delta) > eps);
        }
    }
    // The default budget: rho = 0.25 gives epsilon ~4.437 at 1e-9, so the inverse lands there.
    CHECK(std::fabs(gp::max_rho_for(4.4366842, 1e-9) - 0.25) < 1e-6);
}

TEST_CASE("accounting: exact rational <-> double conversions bracket the value") {
    const gp::Rational third = gp::make_rational(1, 3);
    CHECK(gp::to_double_down(third) < gp::to_double_up(third));
    CHECK(static_cast<long double>(gp::to_double_down(third)) <= 1.0L / 3);
    CHECK(static_cast<long double>(gp::to_double_up(third)) >= 1.0L / 3);
    CHECK(gp::to_double_up(dec("0.25")) == 0.25);
    CHECK(gp::to_double_down(dec("0.25")) == 0.25);
    const gp::Rational huge = gp::make_rational((gp::UInt128{1} << 100) + 1, 3);
    CHECK(gp::to_double_up(huge) > gp::to_double_down(huge));
}

TEST_CASE("accounting: pure epsilon -> zCDP and advanced composition") {
    CHECK(gp::pure_epsilon_to_rho(dec("0.5")) == gp::make_rational(1, 8));
    CHECK(gp::pure_epsilon_to_rho(dec("2")) == gp::make_rational(2));
    CHECK(gp::pure_epsilon_to_rho(0.5) >= 0.125);
    CHECK(gp::pure_epsilon_to_rho(0.5) <= std::nextafter(0.125, 1.0));

    // Few large epsilons: the plain sum wins.
    const std::vector<double> few(10, 0.1);
    CHECK(gp::advanced_composition_epsilon(few, 1e-6) == doctest::Approx(1.0).epsilon(1e-12));
    // Many small epsilons: sum eps tanh(eps/2) + sqrt(2 sum eps^2 ln(e + sqrt(sum eps^2)/delta')).
    const std::vector<double> many(1000, 0.01);
    const double s_tanh = 1000 * 0.01 * std::tanh(0.005), s2 = 1000 * 0.01 * 0.01;
    const double want = std::min(s_tanh + std::sqrt(2 * s2 * std::log(1e6)),
                                 s_tanh + std::sqrt(2 * s2 * std::log(std::exp(1.0) + std::sqrt(s2) / 1e-6)));
    const double got = gp::advanced_composition_epsilon(many, 1e-6);
    CHECK(got == doctest::Approx(want).epsilon(1e-12));
    CHECK(got >= want * (1 - 1e-15));
    CHECK(got < 10.0);
}

TEST_CASE("accounting: the discrete Laplace known answers of privacy.md 9.3") {
    auto six = [](double got, double want) { return std::fabs(got - want) <= 5e-7; };
    CHECK(six(gp::discrete_laplace_pmf(gp::make_rational(1), 0), 0.462117));
    CHECK(six(gp::discrete_laplace_variance(gp::make_rational(1)), 1.841347));
    CHECK(six(gp::discrete_laplace_pmf(gp::make_rational(2), 0), 0.244919));
    CHECK(six(gp::discrete_laplace_variance(gp::make_rational(2)), 7.835396));
    CHECK(six(gp::discrete_laplace_pmf(gp::make_rational(10), 0), 0.049958));
    CHECK(six(gp::discrete_laplace_variance(gp::make_rational(10)), 199.833417));
    // privacy.md 3.7 variances.
    CHECK(std::fabs(gp::discrete_laplace_variance(gp::make_rational(1, 2)) - 0.362) < 5e-4);
    CHECK(std::fabs(gp::discrete_laplace_variance(gp::make_rational(7, 3)) - 10.72) < 5e-3);
    // pmf facts: ln P(k+1)/P(k) = -1/t, and the pmf sums to 1.
    const gp::Rational t = gp::make_rational(7, 3);
    CHECK(std::log(gp::discrete_laplace_pmf(t, 5) / gp::discrete_laplace_pmf(t, 4)) ==
          doctest::Approx(-3.0 / 7).epsilon(1e-12));
    double total = 0;
    for (int x = -400; x <= 400; ++x) total += gp::discrete_laplace_pmf(t, x);
    CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("accounting: sigma^2 = ceil(M / (2 rho)) and rho_used = M / (2 sigma^2)") {
    const gp::GaussianPlan p = gp::plan_gaussian(1000, dec("0.25"));
    CHECK(p.sigma2 == 2000);
    CHECK(p.rho_used == gp::make_rational(1, 4));
    const gp::GaussianPlan q = gp::plan_gaussian(3, dec("0.7"));
    CHECK(q.sigma2 == 3);  // ceil(3 / 1.4) = ceil(2.14...)
    CHECK(q.rho_used == gp::make_rational(1, 2));
    CHECK(q.rho_used <= dec("0.7"));
    // sigma^2 is always rounded toward more noise: rho_used <= rho, and one less would overspend.
    for (std::uint64_t m : {1ull, 7ull, 1000ull, 12345ull}) {
        for (const char* rho : {"0.001", "0.013", "0.25", "1", "3.7"}) {
            const gp::GaussianPlan g = gp::plan_gaussian(m, dec(rho));
            CHECK(g.rho_used <= dec(rho));
            if (g.sigma2 > 1) CHECK(gp::make_rational(m, 2 * (g.sigma2 - 1)) > dec(rho));
        }
    }
    CHECK_THROWS_AS((void)gp::plan_gaussian(1000000, dec("1e-9")), genoveil::usage_error);  // sigma^2 > 2^40
    CHECK_THROWS_AS((void)gp::plan_gaussian(0, dec("0.25")), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::plan_gaussian(10, dec("0")), genoveil::usage_error);
}

TEST_CASE("accounting: planning from --epsilon --delta never exceeds the target") {
    const gp::GaussianPlan p = gp::plan_gaussian_for_epsilon_delta(1000, dec("4.437"), dec("1e-9"));
    const double eps = gp::cdp_epsilon(gp::to_double_up(p.rho_used), 1e-9);
    CHECK(eps <= 4.437);
    CHECK(gp::cdp_epsilon(gp::to_double_up(gp::make_rational(1000, 2 * (p.sigma2 - 1))), 1e-9) > 4.437);
    CHECK(p.sigma2 >= 1990);
    CHECK(p.sigma2 <= 2000);
    CHECK_THROWS_AS((void)gp::plan_gaussian_for_epsilon_delta(1000, dec("1"), dec("1")),
                    genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::plan_gaussian_for_epsilon_delta(1000, dec("0"), dec("1e-9")),
                    genoveil::usage_error);
}

TEST_CASE("accounting: pure-epsilon discrete Laplace plan") {
    const gp::LaplacePlan p = gp::plan_laplace(10, dec("0.5"));
    CHECK(p.scale_num == 20);
    CHECK(p.scale_den == 1);
    CHECK(p.epsilon_used == dec("0.5"));
    CHECK(p.rho_used == gp::make_rational(1, 8));
    const gp::LaplacePlan q = gp::plan_laplace(3, dec("0.7"));
    CHECK(q.scale_num == 30);
    CHECK(q.scale_den == 7);
    CHECK(q.epsilon_used == dec("0.7"));
    // A scale that does not fit exactly is rounded up: epsilon_used <= epsilon.
    const gp::Rational odd = dec("0.1234567890123456789012345");
    const gp::LaplacePlan r = gp::plan_laplace(1000, odd);
    CHECK(r.epsilon_used <= odd);
    CHECK(r.scale_den <= (1u << 20));
    CHECK(gp::to_double_up(r.epsilon_used) == doctest::Approx(0.1234567890123).epsilon(1e-6));
}

TEST_CASE("accounting: predicted SD of AF = sqrt(5) sigma / (2n), the table of privacy.md 4.4") {
    struct Row {
        const char* rho;
        std::uint64_t sites, n;
        double sd;
    };
    const Row rows[] = {{"0.25", 1000, 10000, 0.0050}, {"0.25", 10000, 10000, 0.016},
                        {"0.25", 10000, 100000, 0.0016}, {"0.25", 1000000, 10000, 0.158},
                        {"1.0", 10000, 10000, 0.008},    {"1.0", 1000000, 500000, 0.0016}};
    for (const Row& r : rows) {
        CAPTURE(r.sites);
        const gp::GaussianPlan p = gp::plan_gaussian(r.sites, dec(r.rho));
        const double sd = gp::predicted_af_sd(p.sigma2, r.n);
        CHECK(std::fabs(sd - r.sd) <= 0.05 * r.sd);  // the table shows 2-3 significant digits
    }
    CHECK(gp::predicted_af_sd(2000, 10000) == doctest::Approx(0.005).epsilon(1e-12));
    CHECK_THROWS_AS((void)gp::predicted_af_sd(2000, 0), genoveil::usage_error);
}

TEST_CASE("accounting: the exact discrete Gaussian curve is dominated by the zCDP conversion") {
    // CKS: N_Z(0, sigma^2) with sensitivity D is D^2/(2 sigma^2)-zCDP, so the zCDP-derived
    // delta(eps) must be at least the exact delta(eps) of Theorem 7.
    for (std::uint64_t s2 : {1ull, 4ull, 50ull, 2000ull}) {
        for (double eps : {0.0, 0.1, 0.5, 1.0, 3.0}) {
            CAPTURE(s2);
            CAPTURE(eps);
            const double exact = gp::discrete_gaussian_delta(gp::make_rational(s2), 1, eps);
            const double zcdp = gp::cdp_delta(gp::to_double_up(gp::make_rational(1, 2 * s2)), eps);
            CHECK(exact >= 0.0);
            CHECK(exact <= zcdp);
        }
    }
    CHECK_THROWS_AS((void)gp::discrete_gaussian_delta(gp::make_rational(0), 1, 1.0), genoveil::usage_error);
    CHECK_THROWS_AS((void)gp::discrete_gaussian_delta(gp::make_rational(1), 0, 1.0), genoveil::usage_error);
}

}  // TEST_SUITE
