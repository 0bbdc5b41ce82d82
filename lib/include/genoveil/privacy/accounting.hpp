// SPDX-License-Identifier: MIT
// Privacy accounting (privacy.md 5): noise parameters from a budget, zCDP -> (epsilon, delta)
// conversion, the exact curve of one discrete Gaussian, and the utility preview.
//
// FLOATING POINT: this is the only part of the privacy module that uses double, and only on
// PUBLIC parameters (rho, epsilon, delta, sigma^2, number of sites, planning cohort size),
// never on a private count or a noise value. accounting.cpp is therefore excluded from the
// no-floating-point lint that covers the samplers (tests/unit/privacy/lint_test.cpp).
//
// Rounding: every reported privacy loss is rounded in the conservative direction: delta and
// epsilon UP, the rho allowed for a target (epsilon, delta) DOWN. Noise parameters are chosen
// in exact rational arithmetic and rounded toward more noise (privacy.md 3.6, 8); the rho or
// epsilon actually spent is returned exactly for the ledger.
//
// Errors: usage_error for parameters outside the documented domain (negative, NaN, a budget
// too small for the sampler limits); internal_error on exact-arithmetic overflow.
// Thread safety: all functions are pure and re-entrant (they assume the default
// round-to-nearest floating-point mode, which genoveil never changes).
#pragma once

#include <cstdint>
#include <span>

#include "genoveil/privacy/rational.hpp"

namespace genoveil::privacy {

// ---- exact <-> double -------------------------------------------------------------------------

/// A double >= r (at most a few ulps above). For reporting an exact rho or epsilon.
[[nodiscard]] double to_double_up(const Rational& r);
/// A double <= r (at most a few ulps below). For turning a user's target into a bound.
[[nodiscard]] double to_double_down(const Rational& r);

// ---- zCDP <-> (epsilon, delta) -----------------------------------------------------------------

/// CKS 2020 conversion: delta(eps) = inf_{alpha > 1} exp((alpha-1)(alpha rho - eps)) / (alpha-1)
/// * (1 - 1/alpha)^alpha, evaluated in log space and rounded up; never above 1.
/// The search over alpha (bisection on the derivative over [1.01, (eps+1)/(2 rho) + 2]) and the
/// order of the rounded-up operations follow the convention of OpenDP's cdp_delta; every
/// operation is rounded up exactly, so the result is within 1 ulp of OpenDP's published vectors
/// or below them by OpenDP's own rounding slack (3 ulps and, for the extreme-alpha vector,
/// 2.4e-13 relative), and never below the exact value: it is also at least a rigorous long
/// double bound on the same expression.
/// rho = 0 or eps = +inf give 0; rho = +inf gives 1. Throws usage_error if rho or eps is
/// negative or NaN.
[[nodiscard]] double cdp_delta(double rho, double epsilon);

/// Smallest double eps with cdp_delta(rho, eps) <= delta, by bisection on eps (so rounded up).
/// rho = 0 gives 0; delta = 0 gives +inf. Throws usage_error unless 0 <= delta <= 1 and rho >= 0.
[[nodiscard]] double cdp_epsilon(double rho, double delta);

/// Largest double rho with cdp_epsilon(rho, delta) <= epsilon, by bisection (rounded down).
/// For `--epsilon E --delta D`. Throws usage_error unless epsilon > 0 and 0 < delta < 1.
[[nodiscard]] double max_rho_for(double epsilon, double delta);

/// The classical, looser bound eps = rho + 2 sqrt(rho ln(1/delta)), rounded up.
[[nodiscard]] double classical_epsilon(double rho, double delta);

/// Gaussian-DP parameter mu = sqrt(2 rho) (Dong-Roth-Su), rounded up.
[[nodiscard]] double gdp_mu(double rho);

/// Pure eps-DP implies (eps^2/2)-zCDP. Exact version for the ledger...
[[nodiscard]] Rational pure_epsilon_to_rho(const Rational& epsilon);
/// ...and the double version, rounded up.
[[nodiscard]] double pure_epsilon_to_rho(double epsilon);

/// Advanced composition of pure eps_i-DP mechanisms (Kairouz-Oh-Viswanath 2017, heterogeneous
/// form as in privacy.md 5.1) with slack delta_prime in (0, 1): the smallest of the three
/// bounds, rounded up. The total delta is delta_prime (pure mechanisms have delta_i = 0).
[[nodiscard]] double advanced_composition_epsilon(std::span<const double> epsilons, double delta_prime);

/// Exact privacy curve of ONE discrete Gaussian N_Z(0, sigma^2) with integer L2 sensitivity
/// `sensitivity` (CKS 2020 Theorem 7):
///   delta(eps) = P[X >= floor(eps sigma^2/D - D/2) + 1] - e^eps P[X >= floor(eps sigma^2/D + D/2) + 1],
/// computed as a sum of non-negative terms over the support window |x| <= 40 sigma + D, in long
/// double, rounded up. Cost O(sigma). For tests and reports; releases are accounted in zCDP.
/// Throws usage_error if sigma^2 = 0 or > 2^40, sensitivity = 0, or eps is negative/NaN.
[[nodiscard]] double discrete_gaussian_delta(const Rational& sigma2, std::uint64_t sensitivity,
                                             double epsilon);

/// Exact-formula facts of the discrete Laplace with scale t = a/b > 0 (privacy.md 3.7), for
/// previews and tests: P(X = x) = tanh(1/(2t)) e^(-|x|/t) and Var = 2a/(1-a)^2 with
/// a = e^(-1/t). Computed in long double, rounded to nearest. Throw usage_error if t = 0.
[[nodiscard]] double discrete_laplace_pmf(const Rational& scale, std::int64_t x);
[[nodiscard]] double discrete_laplace_variance(const Rational& scale);

// ---- parameter planning ------------------------------------------------------------------------

/// Discrete Gaussian noise for the genotype-class histogram of `sites` public sites
/// (add/remove one individual, L2 sensitivity sqrt(sites); privacy.md 4.3).
struct GaussianPlan {
    std::uint64_t sites = 0;
    std::uint64_t sigma2 = 0;  ///< integer noise variance parameter (q = 1 for DiscreteGaussian)
    Rational rho_used;         ///< exactly sites / (2 sigma2) <= the budget
};

/// sigma^2 = ceil(sites / (2 rho)) exactly, rho_used = sites / (2 sigma^2) <= rho.
/// Throws usage_error if sites = 0, rho = 0, or sigma^2 would exceed 2^40 (the sampler limit).
[[nodiscard]] GaussianPlan plan_gaussian(std::uint64_t sites, const Rational& rho);

/// For `--epsilon E --delta D`: the smallest integer sigma^2 whose rho_used = sites/(2 sigma^2)
/// converts (cdp_epsilon, with rho_used rounded up) to an epsilon <= E at delta D. E and D are
/// first rounded down to doubles. Throws usage_error unless E > 0 and 0 < D < 1, or if sigma^2
/// would exceed 2^40.
[[nodiscard]] GaussianPlan plan_gaussian_for_epsilon_delta(std::uint64_t sites, const Rational& epsilon,
                                                           const Rational& delta);

/// Pure-epsilon discrete Laplace noise for `sites` sites (L1 sensitivity = sites).
struct LaplacePlan {
    std::uint64_t sites = 0;
    std::uint64_t scale_num = 0;  ///< DLAP scale t = scale_num / scale_den >= sites / epsilon
    std::uint64_t scale_den = 1;
    Rational epsilon_used;  ///< exactly sites / t <= epsilon
    Rational rho_used;      ///< epsilon_used^2 / 2 (for a zCDP ledger)
};

/// t = sites/epsilon, kept exact when it fits in 64-bit numerator and denominator, otherwise
/// rounded UP to a multiple of 2^-20. Throws usage_error if sites = 0 or epsilon = 0, or if t
/// does not fit.
[[nodiscard]] LaplacePlan plan_laplace(std::uint64_t sites, const Rational& epsilon);

/// Predicted standard deviation of a released allele frequency, sqrt(5) sigma / (2 n)
/// (privacy.md 4.3): use a user-supplied planning n, never the private cohort size.
/// Throws usage_error if n = 0.
[[nodiscard]] double predicted_af_sd(std::uint64_t sigma2, std::uint64_t n);

}  // namespace genoveil::privacy
