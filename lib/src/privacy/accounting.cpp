// SPDX-License-Identifier: MIT
// Privacy accounting on PUBLIC parameters. This is deliberately the only file of the privacy
// module that uses floating point: it never sees a private count or a noise value, and it is
// excluded from the no-floating-point lint by name (tests/unit/privacy/lint_test.cpp).
//
// Conservative rounding is done without changing the FPU rounding mode: results of + - * / are
// rounded to nearest and then moved one ulp in the safe direction when the exact error (from
// error-free transformations: TwoSum, FMA residuals) shows the rounding went the wrong way.
// exp/log1p/log are evaluated in long double and rounded outward with a margin that covers
// the long double error.
#include "genoveil/privacy/accounting.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "genoveil/core/error.hpp"
#include "genoveil/privacy/samplers.hpp"

namespace genoveil::privacy {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double dbl_max = std::numeric_limits<double>::max();
constexpr double tiny = std::numeric_limits<double>::denorm_min();
// Bound on the relative error of glibc's expl/log1pl/logl on x86-64 long double (a few ulps of
// a 64-bit significand), with room to spare.
constexpr long double ld_rel_err = 0x1p-60L;

double next_up(double x) { return std::nextafter(x, inf); }
double next_down(double x) { return std::nextafter(x, -inf); }

// ---- directed rounding of the basic operations ----

double add_dir(double a, double b, bool up) {
    const double s = a + b;
    if (std::isinf(s)) {
        if (std::isinf(a) || std::isinf(b)) return s;
        if (up && s < 0) return -dbl_max;
        if (!up && s > 0) return dbl_max;
        return s;
    }
    const double bb = s - a;
    const double err = (a - (s - bb)) + (b - bb);  // exact: a + b = s + err
    if (up && err > 0) return next_up(s);
    if (!up && err < 0) return next_down(s);
    return s;
}

double add_up(double a, double b) { return add_dir(a, b, true); }
double sub_up(double a, double b) { return add_dir(a, -b, true); }

double mul_dir(double a, double b, bool up) {
    const double p = a * b;
    if (std::isinf(p)) {
        if (std::isinf(a) || std::isinf(b)) return p;
        if (up && p < 0) return -dbl_max;
        if (!up && p > 0) return dbl_max;
        return p;
    }
    if (p == 0) {
        if (a == 0 || b == 0) return p;
        const bool positive = std::signbit(a) == std::signbit(b);  // underflowed to zero
        if (up && positive) return tiny;
        if (!up && !positive) return -tiny;
        return p;
    }
    const double err = std::fma(a, b, -p);  // exact: a * b = p + err
    if (up && err > 0) return next_up(p);
    if (!up && err < 0) return next_down(p);
    return p;
}

double mul_up(double a, double b) { return mul_dir(a, b, true); }
double mul_down(double a, double b) { return mul_dir(a, b, false); }

double div_dir(double a, double b, bool up) {
    const double q = a / b;
    if (std::isinf(q) || std::isnan(q)) {
        if (std::isinf(q) && std::isfinite(a) && b != 0) {
            if (up && q < 0) return -dbl_max;
            if (!up && q > 0) return dbl_max;
        }
        return q;
    }
    if (q == 0) {
        if (a == 0 || std::isinf(b)) return q;
        const bool positive = std::signbit(a) == std::signbit(b);
        if (up && positive) return tiny;
        if (!up && !positive) return -tiny;
        return q;
    }
    const double r = std::fma(-q, b, a);  // exact remainder: a = q b + r, true quotient q + r/b
    const bool above = r != 0 && (r > 0) == (b > 0);
    const bool below = r != 0 && (r > 0) != (b > 0);
    if (up && above) return next_up(q);
    if (!up && below) return next_down(q);
    return q;
}

double div_up(double a, double b) { return div_dir(a, b, true); }
double div_down(double a, double b) { return div_dir(a, b, false); }

// A double >= v + |v| rel (up) or <= v - |v| rel (down).
double round_ld(long double v, long double rel, bool up) {
    if (std::isnan(v)) return static_cast<double>(v);
    const long double w = up ? v + std::fabs(v) * rel : v - std::fabs(v) * rel;
    double d = static_cast<double>(w);
    if (up && static_cast<long double>(d) < w) d = next_up(d);
    if (!up && static_cast<long double>(d) > w) d = next_down(d);
    return d;
}

double exp_up(double x) { return round_ld(std::exp(static_cast<long double>(x)), ld_rel_err, true); }
double log1p_up(double x) { return round_ld(std::log1p(static_cast<long double>(x)), ld_rel_err, true); }

// ---- helpers ----

void require(bool ok, const std::string& message) {
    if (!ok) throw usage_error(message);
}

bool negative_or_nan(double x) { return std::isnan(x) || x < 0; }

std::uint64_t bits_of(double x) { return std::bit_cast<std::uint64_t>(x); }
double from_bits(std::uint64_t b) { return std::bit_cast<double>(b); }

// Bisection over non-negative doubles by their bit patterns (which order like the values):
// at most 64 steps, ends with two adjacent doubles lo < hi where ok(lo) != ok(hi).
template <class Pred>
void bisect_doubles(double& lo, double& hi, Pred&& hi_side) {
    std::uint64_t l = bits_of(lo), h = bits_of(hi);
    while (h - l > 1) {
        const std::uint64_t m = l + (h - l) / 2;
        if (hi_side(from_bits(m)))
            h = m;
        else
            l = m;
    }
    lo = from_bits(l);
    hi = from_bits(h);
}

double u128_to_double(UInt128 v, bool up) {
    const unsigned width = bit_width(v);
    if (width <= 53) return static_cast<double>(static_cast<std::uint64_t>(v));
    const unsigned shift = width - 53;
    UInt128 m = v >> shift;
    const bool inexact = (v & ((UInt128{1} << shift) - 1)) != 0;
    if (up && inexact) ++m;  // at most 2^53, still exact
    return std::ldexp(static_cast<double>(static_cast<std::uint64_t>(m)), static_cast<int>(shift));
}

// The CKS objective at a given alpha, evaluated so that the result is >= the exact value of
//   exp((alpha-1)(alpha rho - eps) + alpha ln(1 - 1/alpha)) / (alpha-1)
// with high probability tight to a few ulps. Two evaluations, the larger one wins:
//  * every double operation rounded up, in the order OpenDP uses (same value wherever
//    OpenDP's own arithmetic is tight);
//  * a long double evaluation with an explicit error bound (rigorous, also for alpha > 2^53
//    where alpha - 1 is not exact in double).
double cks_objective_up(double alpha, double rho, double eps) {
    const double a1 = sub_up(alpha, 1.0);
    const double t1 = mul_up(a1, sub_up(mul_up(alpha, rho), eps));
    const double t2 = mul_up(alpha, log1p_up(-(1.0 / alpha)));
    const double compatible = div_up(exp_up(add_up(t1, t2)), a1);

    const long double a = alpha, r = rho, e = eps;
    const long double am1 = a - 1.0L;
    const long double lg = a * std::log1p(-1.0L / a);
    const long double log_am1 = std::log(am1);
    const long double exponent = am1 * (a * r - e) + lg - log_am1;
    const long double bound = 0x1p-58L * (am1 * (a * r + e) + std::fabs(lg) + std::fabs(log_am1) + 1.0L);
    const double rigorous = round_ld(std::exp(exponent + bound), ld_rel_err, true);

    return std::max(compatible, rigorous);
}

}  // namespace

// ---- exact <-> double -------------------------------------------------------------------------

double to_double_up(const Rational& r) {
    return div_up(u128_to_double(r.num, true), u128_to_double(r.den, false));
}

double to_double_down(const Rational& r) {
    return div_down(u128_to_double(r.num, false), u128_to_double(r.den, true));
}

// ---- zCDP <-> (epsilon, delta) -----------------------------------------------------------------

double cdp_delta(double rho, double epsilon) {
    require(!negative_or_nan(rho), "privacy: rho must be a non-negative number");
    require(!negative_or_nan(epsilon), "privacy: epsilon must be a non-negative number");
    if (rho == 0 || std::isinf(epsilon)) return 0.0;
    if (std::isinf(rho)) return 1.0;

    // The objective is convex in alpha with derivative (2 alpha - 1) rho - eps + ln(1 - 1/alpha),
    // so its minimiser is where the derivative changes sign; it is below (eps + 1)/(2 rho) + 2.
    // Any alpha > 1 gives a valid bound, so the search itself needs no directed rounding. The
    // lower end 1.01 avoids the numerically delicate alpha -> 1 region, which only matters when
    // eps <= rho, where delta is large anyway (CKS 2020; the same choice as OpenDP).
    double a_hi = add_up(div_up(add_up(epsilon, 1.0), mul_down(2.0, rho)), 2.0);
    if (!std::isfinite(a_hi)) a_hi = dbl_max;
    double a_lo = 1.01;
    for (;;) {
        const double mid = a_lo + (a_hi - a_lo) / 2.0;
        if (mid == a_lo || mid == a_hi) break;
        const double slope = (2.0 * mid - 1.0) * rho - epsilon + std::log1p(-(1.0 / mid));
        if (std::signbit(slope))
            a_lo = mid;
        else
            a_hi = mid;
    }
    return std::min(cks_objective_up(a_hi, rho, epsilon), 1.0);
}

double cdp_epsilon(double rho, double delta) {
    require(!negative_or_nan(rho), "privacy: rho must be a non-negative number");
    require(!negative_or_nan(delta) && delta <= 1.0, "privacy: delta must be in [0, 1]");
    if (rho == 0) return 0.0;
    if (delta == 0 || std::isinf(rho)) return inf;
    if (cdp_delta(rho, 0.0) <= delta) return 0.0;
    // Start from the classical bound (valid for the exact conversion) and widen if the rounded
    // conversion disagrees.
    double hi = classical_epsilon(rho, delta);
    while (cdp_delta(rho, hi) > delta) {
        hi = hi * 2.0;
        if (!std::isfinite(hi)) return inf;
    }
    double lo = 0.0;
    bisect_doubles(lo, hi, [&](double e) { return cdp_delta(rho, e) <= delta; });
    return hi;
}

double max_rho_for(double epsilon, double delta) {
    require(!negative_or_nan(epsilon) && epsilon > 0 && std::isfinite(epsilon),
            "privacy: epsilon must be a positive number");
    require(!negative_or_nan(delta) && delta > 0 && delta < 1, "privacy: delta must be in (0, 1)");
    double hi = epsilon;
    while (cdp_epsilon(hi, delta) <= epsilon) {
        hi *= 2.0;
        require(std::isfinite(hi), "privacy: no finite rho matches this epsilon and delta");
    }
    double lo = 0.0;
    bisect_doubles(lo, hi, [&](double r) { return cdp_epsilon(r, delta) > epsilon; });
    return lo;
}

double classical_epsilon(double rho, double delta) {
    require(!negative_or_nan(rho), "privacy: rho must be a non-negative number");
    require(!negative_or_nan(delta) && delta > 0 && delta <= 1.0, "privacy: delta must be in (0, 1]");
    const long double r = rho;
    const long double v = r + 2.0L * std::sqrt(r * -std::log(static_cast<long double>(delta)));
    return round_ld(v, ld_rel_err, true);
}

double gdp_mu(double rho) {
    require(!negative_or_nan(rho), "privacy: rho must be a non-negative number");
    return round_ld(std::sqrt(2.0L * rho), ld_rel_err, true);
}

Rational pure_epsilon_to_rho(const Rational& epsilon) { return epsilon * epsilon * make_rational(1, 2); }

double pure_epsilon_to_rho(double epsilon) {
    require(!negative_or_nan(epsilon), "privacy: epsilon must be a non-negative number");
    return div_up(mul_up(epsilon, epsilon), 2.0);
}

double advanced_composition_epsilon(std::span<const double> epsilons, double delta_prime) {
    require(delta_prime > 0 && delta_prime < 1, "privacy: the slack delta' must be in (0, 1)");
    long double sum = 0, sum_sq = 0, sum_tanh = 0;
    for (double e : epsilons) {
        require(!negative_or_nan(e) && std::isfinite(e), "privacy: epsilons must be non-negative numbers");
        const long double x = e;
        sum += x;
        sum_sq += x * x;
        sum_tanh += x * std::tanh(x / 2.0L);  // eps (1 - e^-eps) / (1 + e^-eps)
    }
    const long double dp = delta_prime;
    const long double b2 = sum_tanh + std::sqrt(2.0L * sum_sq * std::log(1.0L / dp));
    const long double b3 =
        sum_tanh + std::sqrt(2.0L * sum_sq * std::log(std::exp(1.0L) + std::sqrt(sum_sq) / dp));
    return round_ld(std::min({sum, b2, b3}), 0x1p-56L, true);
}

double discrete_gaussian_delta(const Rational& sigma2, std::uint64_t sensitivity, double epsilon) {
    require(!sigma2.is_zero() && sigma2 <= make_rational(std::uint64_t{1} << 40),
            "privacy: sigma^2 must be in (0, 2^40]");
    require(sensitivity >= 1 && sensitivity <= (std::uint64_t{1} << 20),
            "privacy: sensitivity must be in [1, 2^20]");
    require(!negative_or_nan(epsilon), "privacy: epsilon must be a non-negative number");
    if (std::isinf(epsilon)) return 0.0;
    const long double s2 = static_cast<long double>(sigma2.num) / static_cast<long double>(sigma2.den);
    const long double d = static_cast<long double>(sensitivity);
    const auto window = static_cast<std::int64_t>(std::ceil(40.0L * std::sqrt(s2))) +
                        static_cast<std::int64_t>(sensitivity) + 1;
    auto weight = [&](std::int64_t x) {
        const long double lx = static_cast<long double>(x);
        return std::exp(-(lx * lx) / (2.0L * s2));
    };
    // Neumaier summation keeps the sum accurate to a few long double ulps.
    struct Sum {
        long double s = 0, c = 0;
        void add(long double v) {
            const long double t = s + v;
            c += std::fabs(s) >= std::fabs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        long double value() const { return s + c; }
    };
    Sum z;
    z.add(1.0L);
    for (std::int64_t x = window; x >= 1; --x) z.add(2.0L * weight(x));  // small terms first
    // delta = sum over y of max(0, P(y) - e^eps P(y + D)); the positive terms are exactly
    // y >= floor(eps sigma^2 / D - D/2) + 1 (Theorem 7). Start a little below that index so
    // floating-point error in the floor cannot drop a term; the max(0, .) removes extras.
    const long double first = std::floor(static_cast<long double>(epsilon) * s2 / d - d / 2.0L);
    // Beyond the window every term is below e^-800: the true delta is positive but smaller than
    // the smallest double, so the rounded-up answer is that smallest double.
    if (first > static_cast<long double>(window)) return tiny;
    const auto start = static_cast<std::int64_t>(std::max(first - 1.0L, static_cast<long double>(-window)));
    const std::int64_t stop = window;
    Sum delta;
    for (std::int64_t y = stop; y >= start; --y) {
        const long double ly = static_cast<long double>(y);
        const long double arg = static_cast<long double>(epsilon) - (2.0L * ly * d + d * d) / (2.0L * s2);
        if (arg >= 0) continue;
        delta.add(weight(y) * -std::expm1(arg));
    }
    const double result = round_ld(delta.value() / z.value(), 0x1p-56L, true);
    return std::min(result, 1.0);
}

double discrete_laplace_pmf(const Rational& scale, std::int64_t x) {
    require(!scale.is_zero(), "privacy: the discrete Laplace scale must be positive");
    const long double inv_t = static_cast<long double>(scale.den) / static_cast<long double>(scale.num);
    const long double magnitude = std::fabs(static_cast<long double>(x));
    return static_cast<double>(std::tanh(inv_t / 2.0L) * std::exp(-magnitude * inv_t));
}

double discrete_laplace_variance(const Rational& scale) {
    require(!scale.is_zero(), "privacy: the discrete Laplace scale must be positive");
    const long double inv_t = static_cast<long double>(scale.den) / static_cast<long double>(scale.num);
    const long double a = std::exp(-inv_t), one_minus_a = -std::expm1(-inv_t);
    return static_cast<double>(2.0L * a / (one_minus_a * one_minus_a));
}

// ---- parameter planning ------------------------------------------------------------------------

GaussianPlan plan_gaussian(std::uint64_t sites, const Rational& rho) {
    require(sites >= 1, "privacy: the site list is empty");
    require(!rho.is_zero(), "privacy: rho must be positive");
    UInt128 numer = 0;
    require(!__builtin_mul_overflow(UInt128{sites}, rho.den, &numer) && rho.num <= uint128_max / 2,
            "privacy: rho has too many digits");
    const UInt128 sigma2 = ceil_div(numer, 2 * rho.num);  // ceil(M / (2 rho)), rounded toward more noise
    require(sigma2 <= DiscreteGaussian::max_sigma2,
            "privacy: rho " + to_string(rho) + " is too small for " + std::to_string(sites) +
                " sites: sigma^2 = ceil(M/(2 rho)) would exceed 2^40 (raise rho or release fewer sites)");
    GaussianPlan plan;
    plan.sites = sites;
    plan.sigma2 = static_cast<std::uint64_t>(sigma2);
    plan.rho_used = make_rational(sites, 2 * sigma2);
    return plan;
}

GaussianPlan plan_gaussian_for_epsilon_delta(std::uint64_t sites, const Rational& epsilon,
                                             const Rational& delta) {
    require(sites >= 1, "privacy: the site list is empty");
    require(sites <= (std::uint64_t{1} << 53), "privacy: too many sites");
    const double eps = to_double_down(epsilon), del = to_double_down(delta);
    require(eps > 0, "privacy: epsilon must be positive");
    require(del > 0 && delta < make_rational(1), "privacy: delta must be in (0, 1)");
    const double rho_max = max_rho_for(eps, del);
    require(rho_max > 0, "privacy: no rho > 0 meets this epsilon and delta");
    const double start = std::ceil(div_up(static_cast<double>(sites), 2.0 * rho_max));
    require(start <= static_cast<double>(DiscreteGaussian::max_sigma2),
            "privacy: epsilon/delta too small for this many sites: sigma^2 would exceed 2^40");
    auto epsilon_of = [&](std::uint64_t s2) {
        return cdp_epsilon(to_double_up(make_rational(sites, UInt128{2} * s2)), del);
    };
    std::uint64_t s2 = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(start));
    while (epsilon_of(s2) > eps) {
        ++s2;
        require(s2 <= DiscreteGaussian::max_sigma2,
                "privacy: epsilon/delta too small for this many sites: sigma^2 would exceed 2^40");
    }
    while (s2 > 1 && epsilon_of(s2 - 1) <= eps) --s2;
    GaussianPlan plan;
    plan.sites = sites;
    plan.sigma2 = s2;
    plan.rho_used = make_rational(sites, UInt128{2} * s2);
    return plan;
}

LaplacePlan plan_laplace(std::uint64_t sites, const Rational& epsilon) {
    require(sites >= 1, "privacy: the site list is empty");
    require(!epsilon.is_zero(), "privacy: epsilon must be positive");
    constexpr UInt128 u64_max = std::numeric_limits<std::uint64_t>::max();
    UInt128 a = 0;
    require(!__builtin_mul_overflow(UInt128{sites}, epsilon.den, &a), "privacy: epsilon has too many digits");
    UInt128 b = epsilon.num;
    {
        const UInt128 g = gcd(a, b);
        a /= g;
        b /= g;
    }
    if (a > u64_max || b > u64_max) {
        // Round t = a/b UP to a multiple of 2^-20: a larger scale only adds privacy.
        constexpr UInt128 grid = UInt128{1} << 20;
        UInt128 scaled = 0;
        require(!__builtin_mul_overflow(a, grid, &scaled), "privacy: epsilon has too many digits");
        a = ceil_div(scaled, b);
        b = grid;
        const UInt128 g = gcd(a, b);
        a /= g;
        b /= g;
        require(a <= u64_max, "privacy: the Laplace scale sites/epsilon is too large");
    }
    LaplacePlan plan;
    plan.sites = sites;
    plan.scale_num = static_cast<std::uint64_t>(a);
    plan.scale_den = static_cast<std::uint64_t>(b);
    plan.epsilon_used = make_rational(UInt128{sites} * b, a);
    plan.rho_used = pure_epsilon_to_rho(plan.epsilon_used);
    return plan;
}

double predicted_af_sd(std::uint64_t sigma2, std::uint64_t n) {
    require(n >= 1, "privacy: the planning cohort size must be positive");
    return std::sqrt(5.0 * static_cast<double>(sigma2)) / (2.0 * static_cast<double>(n));
}

}  // namespace genoveil::privacy
