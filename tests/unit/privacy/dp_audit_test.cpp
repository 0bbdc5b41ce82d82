// SPDX-License-Identifier: MIT
// Mechanism-level privacy checks (privacy.md 9.2 items 5-7):
//   5. the Google-style (epsilon, delta) test on real samples, with negative controls that must
//      be detected;
//   6. the exact white-box privacy loss against the accounting;
//   7. the lattice/support (Mironov) regression at run time (the static half is lint_test.cpp).
//
// Randomness: the production path (OpenSslSource -> RandomBits -> sampler), fresh on every run;
// GENOVEIL_TEST_SEED=<integer> switches to SeededTestSource to replay a failure.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "genoveil/privacy/accounting.hpp"
#include "genoveil/privacy/random.hpp"
#include "genoveil/privacy/rational.hpp"
#include "genoveil/privacy/samplers.hpp"

namespace gp = genoveil::privacy;

namespace {

std::unique_ptr<gp::ByteSource> test_source() {
    if (const char* seed = std::getenv("GENOVEIL_TEST_SEED"))
        return std::make_unique<gp::SeededTestSource>(std::stoull(seed));
    return std::make_unique<gp::OpenSslSource>();
}

using Noise = std::function<std::int64_t(gp::RandomBits&)>;

constexpr std::int64_t window = 400;  // outputs are counted on [-window, window] (+ two overflow bins)

// Histogram of released values true_count + noise, centred on `center`.
std::vector<double> histogram(gp::RandomBits& rng, const Noise& noise, std::int64_t true_count, std::size_t n,
                              std::int64_t center = 0) {
    std::vector<double> h(static_cast<std::size_t>(2 * window + 3), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t y = true_count + noise(rng);  // the released noisy count
        const std::int64_t idx = std::clamp<std::int64_t>(y - center + window + 1, 0, 2 * window + 2);
        h[static_cast<std::size_t>(idx)] += 1;
    }
    return h;
}

// Google's VerifyApproximateDp statistic: sum_y max(0, h_x(y) - e^eps h_x'(y)) / N, both
// directions, the larger one.
double test_value(const std::vector<double>& hx, const std::vector<double>& hy, double eps, double n) {
    const double e = std::exp(eps);
    double a = 0, b = 0;
    for (std::size_t i = 0; i < hx.size(); ++i) {
        a += std::max(0.0, hx[i] - e * hy[i]);
        b += std::max(0.0, hy[i] - e * hx[i]);
    }
    return std::max(a, b) / n;
}

struct Verdict {
    int passed = 0;  // runs with test value < delta + tolerance
    std::vector<double> values;
    std::string text() const {
        std::ostringstream os;
        os << passed << "/9 runs below the threshold; values";
        for (double v : values) os << ' ' << v;
        return os.str();
    }
};

// privacy.md 9.1/9.2 item 5: N = 10^6 outputs per input, 9 runs, tolerance 0.0025.
Verdict audit(gp::RandomBits& rng, const Noise& noise, std::int64_t distance, double eps, double delta) {
    constexpr std::size_t n = 1000000;
    constexpr double tolerance = 0.0025;
    Verdict v;
    for (int run = 0; run < 9; ++run) {
        const auto hx = histogram(rng, noise, 0, n);
        const auto hy = histogram(rng, noise, distance, n);
        const double value = test_value(hx, hy, eps, static_cast<double>(n));
        v.values.push_back(value);
        if (value < delta + tolerance) ++v.passed;
    }
    return v;
}

// ---- exact pmfs for the white-box checks (long double, test-only) ----

long double laplace_log_pmf(long double t, std::int64_t x) {
    return std::log(std::tanh(1.0L / (2.0L * t))) - std::fabs(static_cast<long double>(x)) / t;
}

struct GaussPmf {
    std::int64_t radius;
    std::vector<long double> p;
    explicit GaussPmf(long double sigma2) {
        radius = static_cast<std::int64_t>(std::ceil(40.0L * std::sqrt(sigma2))) + 40;
        long double z = 0;
        for (std::int64_t x = -radius; x <= radius; ++x) {
            const long double w = std::exp(-static_cast<long double>(x * x) / (2.0L * sigma2));
            p.push_back(w);
            z += w;
        }
        for (long double& v : p) v /= z;
    }
    long double operator()(std::int64_t x) const {
        return std::llabs(x) > radius ? 0.0L : p[static_cast<std::size_t>(x + radius)];
    }
};

}  // namespace

TEST_SUITE("privacy") {

TEST_CASE("dp audit: discrete Laplace count at epsilon = ln 3, with negative controls") {
    auto src = test_source();
    gp::RandomBits rng(*src);
    const double eps = std::log(3.0);
    // Scale t = 9103/10000 >= 1/ln 3 = 0.91024 (rounded up), so the true epsilon is <= ln 3.
    const gp::DiscreteLaplace honest(9103, 10000);
    REQUIRE(10000.0 / 9103.0 <= eps);
    const Noise honest_noise = [&](gp::RandomBits& r) { return honest(r); };

    const Verdict ok = audit(rng, honest_noise, 1, eps, 0.0);
    MESSAGE("DLAP honest (t = 0.9103, Delta = 1): " << ok.text());
    CHECK(ok.passed >= 5);

    // Negative control 1: scale x 0.85 (true epsilon ~ 1.18 ln 3) must be caught.
    const gp::DiscreteLaplace narrow(9103 * 85, 10000 * 100);
    const Verdict c1 = audit(rng, [&](gp::RandomBits& r) { return narrow(r); }, 1, eps, 0.0);
    MESSAGE("DLAP control scale x 0.85: " << c1.text());
    CHECK(c1.passed <= 4);
    for (double v : c1.values) CHECK(v > 0.1);  // indicative 0.138-0.139

    // Negative control 2: inputs 2 Delta apart while Delta is claimed.
    const Verdict c2 = audit(rng, honest_noise, 2, eps, 0.0);
    MESSAGE("DLAP control inputs 2 Delta apart: " << c2.text());
    CHECK(c2.passed <= 4);
    for (double v : c2.values) CHECK(v > 0.4);  // indicative ~0.5
}

TEST_CASE("dp audit: discrete Gaussian count at the (epsilon, delta) of CKS Theorem 7") {
    auto src = test_source();
    gp::RandomBits rng(*src);
    const double eps = std::log(3.0);
    const gp::DiscreteGaussian honest(4, 1);  // sigma^2 = 4, Delta = 1 (rho = 1/8)
    const double delta = gp::discrete_gaussian_delta(gp::make_rational(4), 1, eps);
    MESSAGE("DGAUSS sigma^2 = 4: exact delta(ln 3) = " << delta);
    const Noise honest_noise = [&](gp::RandomBits& r) { return honest(r); };

    const Verdict ok = audit(rng, honest_noise, 1, eps, delta);
    MESSAGE("DGAUSS honest: " << ok.text());
    CHECK(ok.passed >= 5);

    // sigma x 0.85 (sigma^2 x 0.7225) with the same claimed (epsilon, delta): must be caught.
    const gp::DiscreteGaussian narrow(4 * 7225, 10000);
    const Verdict c1 = audit(rng, [&](gp::RandomBits& r) { return narrow(r); }, 1, eps, delta);
    MESSAGE("DGAUSS control sigma x 0.85: " << c1.text());
    CHECK(c1.passed <= 4);

    const Verdict c2 = audit(rng, honest_noise, 2, eps, delta);
    MESSAGE("DGAUSS control inputs 2 Delta apart: " << c2.text());
    CHECK(c2.passed <= 4);
}

TEST_CASE("dp audit: white-box privacy loss of discrete Laplace equals Delta/t and the ledger epsilon") {
    struct T {
        std::uint64_t a, b;
    };
    for (T t : {T{1, 3}, T{9103, 10000}, T{7, 3}, T{10, 1}, T{30, 7}}) {
        CAPTURE(t.a);
        CAPTURE(t.b);
        const long double scale = static_cast<long double>(t.a) / static_cast<long double>(t.b);
        for (std::int64_t d : {1, 2, 3}) {
            // max over the whole support window of |ln P(y - x) / P(y - x - D)|
            long double worst = 0;
            const auto w = static_cast<std::int64_t>(60 * scale) + 10;
            for (std::int64_t y = -w; y <= w; ++y)
                worst = std::max(worst, std::fabs(laplace_log_pmf(scale, y) - laplace_log_pmf(scale, y - d)));
            const auto want = static_cast<double>(d / scale);
            CHECK(static_cast<double>(worst) == doctest::Approx(want).epsilon(1e-12));
        }
    }
    // The ledger side: for M sites the histogram has L1 sensitivity M (one cell per site moves
    // by 1), so the worst-case loss is M * (1/t), which must equal epsilon_used exactly.
    const gp::LaplacePlan plan = gp::plan_laplace(3, gp::parse_decimal("0.7", "--epsilon"));
    const long double t = static_cast<long double>(plan.scale_num) / static_cast<long double>(plan.scale_den);
    long double per_site = 0;
    for (std::int64_t y = -200; y <= 200; ++y)
        per_site = std::max(per_site, std::fabs(laplace_log_pmf(t, y) - laplace_log_pmf(t, y - 1)));
    const double total = static_cast<double>(3 * per_site);
    CHECK(total == doctest::Approx(0.7).epsilon(1e-12));
    CHECK(total == doctest::Approx(gp::to_double_up(plan.epsilon_used)).epsilon(1e-12));
}

TEST_CASE("dp audit: white-box discrete Gaussian - exact delta(eps) and Renyi divergence = alpha rho_used") {
    // The ledger records rho_used = M / (2 sigma^2). For M = 5 sites and rho = 0.625: sigma^2 = 4.
    const gp::GaussianPlan plan = gp::plan_gaussian(5, gp::parse_decimal("0.625", "--rho"));
    REQUIRE(plan.sigma2 == 4);
    const long double rho_used =
        static_cast<long double>(plan.rho_used.num) / static_cast<long double>(plan.rho_used.den);
    const GaussPmf pmf(static_cast<long double>(plan.sigma2));

    // Renyi divergence of one site, D_alpha(N_Z(0, s2) || N_Z(1, s2)); over M sites it adds up.
    // For the discrete Gaussian it equals alpha / (2 s2) exactly at integer alpha and is at most
    // that otherwise, so M * D_alpha = alpha * rho_used: the recorded rho is exact, not loose.
    auto renyi = [&](long double a) {
        long double s = 0;
        for (std::int64_t y = -pmf.radius; y <= pmf.radius; ++y) {
            const long double p = pmf(y), q = pmf(y - 1);
            if (p > 0 && q > 0) s += std::exp(a * std::log(p) + (1 - a) * std::log(q));
        }
        return std::log(s) / (a - 1);
    };
    for (long double a : {2.0L, 3.0L, 5.0L}) {
        CAPTURE(static_cast<double>(a));
        const auto want = static_cast<double>(a * rho_used);
        CHECK(static_cast<double>(5 * renyi(a)) == doctest::Approx(want).epsilon(1e-9));
    }
    for (long double a : {1.5L, 2.5L, 10.7L}) {
        CAPTURE(static_cast<double>(a));
        CHECK(5 * renyi(a) <= a * rho_used * (1 + 1e-12L));
    }

    // Exact delta(eps) of one coordinate from the pmf, against CKS Theorem 7 in the library,
    // and dominated by the zCDP conversion of the single-site rho = 1/(2 sigma^2).
    for (double eps : {0.0, 0.25, 0.5, 1.0, std::log(3.0), 2.0, 4.0}) {
        CAPTURE(eps);
        long double direct = 0;
        for (std::int64_t y = -pmf.radius; y <= pmf.radius + 1; ++y)
            direct += std::max(0.0L, pmf(y) - std::exp(static_cast<long double>(eps)) * pmf(y - 1));
        const double thm7 = gp::discrete_gaussian_delta(gp::make_rational(plan.sigma2), 1, eps);
        CHECK(thm7 == doctest::Approx(static_cast<double>(direct)).epsilon(1e-9));
        CHECK(static_cast<long double>(thm7) >= direct * (1 - 1e-15L));
        CHECK(thm7 <= gp::cdp_delta(gp::to_double_up(gp::make_rational(1, 2 * plan.sigma2)), eps));
    }
}

TEST_CASE("dp audit: Mironov regression - outputs for x and x+1 are integers on the same support") {
    static_assert(std::is_same_v<decltype(std::declval<const gp::DiscreteGaussian&>()(
                                     std::declval<gp::RandomBits&>())),
                                 std::int64_t>,
                  "noise must be an integer, never a double");
    static_assert(std::is_same_v<decltype(std::declval<const gp::DiscreteLaplace&>()(
                                     std::declval<gp::RandomBits&>())),
                                 std::int64_t>,
                  "noise must be an integer, never a double");
    auto src = test_source();
    gp::RandomBits rng(*src);
    constexpr std::size_t n = 200000;
    struct Case {
        const char* name;
        Noise noise;
        std::function<long double(std::int64_t)> pmf;
    };
    const gp::DiscreteLaplace lap(7, 3);
    const gp::DiscreteGaussian g2(2, 1), g100(100, 1);
    const GaussPmf p2(2.0L), p100(100.0L);
    const std::vector<Case> cases = {
        {"DLAP t=7/3", [&](gp::RandomBits& r) { return lap(r); },
         [](std::int64_t x) { return std::exp(laplace_log_pmf(7.0L / 3.0L, x)); }},
        {"DGAUSS s2=2", [&](gp::RandomBits& r) { return g2(r); }, [&](std::int64_t x) { return p2(x); }},
        {"DGAUSS s2=100", [&](gp::RandomBits& r) { return g100(r); },
         [&](std::int64_t x) { return p100(x); }},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto hx = histogram(rng, c.noise, 1000, n, 1000);  // true count x
        const auto hy = histogram(rng, c.noise, 1001, n, 1000);  // true count x + 1
        // Every integer whose expected count is >= 20 under both inputs must be observed under
        // both: no porous, input-dependent output set.
        std::size_t checked = 0;
        for (std::int64_t y = 1000 - window + 1; y <= 1000 + window - 1; ++y) {
            const long double ex = n * c.pmf(y - 1000), ey = n * c.pmf(y - 1001);
            if (ex < 20 || ey < 20) continue;
            const auto idx = static_cast<std::size_t>(y - 1000 + window + 1);
            CHECK(hx[idx] > 0);
            CHECK(hy[idx] > 0);
            ++checked;
        }
        CHECK(checked >= 5);
    }
}

}  // TEST_SUITE
