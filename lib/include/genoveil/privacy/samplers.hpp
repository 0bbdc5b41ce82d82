// SPDX-License-Identifier: MIT
// Exact samplers over integers and rationals (Canonne, Kamath, Steinke 2020; privacy.md 3.1-3.5).
//
// Every distribution here is sampled EXACTLY: parameters are integers or ratios of integers,
// every comparison is an integer comparison, and no value ever passes through floating point.
// The only randomness is RandomBits over a ByteSource (random.hpp); in production that is
// OpenSslSource (RAND_priv_bytes).
//
// Errors, common to every function:
//   * usage_error     parameters outside the documented domain;
//   * crypto_error    the random source failed; nothing is returned (fail closed);
//   * internal_error  a checked 128-bit operation overflowed (cannot happen within the
//                     documented limits except with negligible probability, < 2^-100).
// Thread safety: functions are re-entrant; the RandomBits passed in must not be shared between
// threads. Run time depends on the value drawn (a timing side channel, privacy.md 2): never log
// per-draw timings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "genoveil/privacy/random.hpp"
#include "genoveil/privacy/rational.hpp"

namespace genoveil::privacy {

/// UNIFORM_BELOW(m): uniform on {0, ..., m-1} by rejection of bit_width(m-1)-bit draws (never
/// "r mod m"). m = 1 returns 0 without drawing. Requires m >= 1.
[[nodiscard]] UInt128 uniform_below(RandomBits& rng, UInt128 m);

/// BERNOULLI(num, den): true with probability num/den. Requires den >= 1 and num <= den.
/// num = 0 and num = den are decided without drawing.
[[nodiscard]] bool bernoulli(RandomBits& rng, UInt128 num, UInt128 den);

/// BEXP1(num, den): true with probability exp(-num/den), for 0 <= num/den <= 1
/// (von Neumann's alternating series). Requires den >= 1 and num <= den.
[[nodiscard]] bool bernoulli_exp1(RandomBits& rng, UInt128 num, UInt128 den);

/// BEXP(num, den): true with probability exp(-num/den) for any num/den >= 0 (den >= 1).
[[nodiscard]] bool bernoulli_exp(RandomBits& rng, UInt128 num, UInt128 den);

/// GEO_E1: P(k) = (1 - e^-1) e^-k on {0, 1, ...}.
[[nodiscard]] std::uint64_t geometric_e1(RandomBits& rng);

/// GEO(num, den): P(g) = (1 - e^-x) e^(-g x) on {0, 1, ...} with x = num/den > 0.
/// Requires num >= 1 and den >= 1.
[[nodiscard]] UInt128 geometric(RandomBits& rng, UInt128 num, UInt128 den);

/// Discrete Laplace (two-sided geometric) with scale t = a/b:
/// P(X = x) = (1 - e^(-1/t)) / (1 + e^(-1/t)) * e^(-|x|/t). A mechanism with L1 sensitivity
/// D adding this noise is (D/t)-DP. Domain: b >= 1, any a; a = 0 (scale 0) always gives 0
/// without drawing. Parameters are validated once at construction; sampling is const.
class DiscreteLaplace {
public:
    DiscreteLaplace(std::uint64_t a, std::uint64_t b);

    [[nodiscard]] std::int64_t operator()(RandomBits& rng) const;
    /// `count` independent draws. On any exception no vector is returned (nothing produced).
    [[nodiscard]] std::vector<std::int64_t> sample(RandomBits& rng, std::size_t count) const;

    [[nodiscard]] std::uint64_t scale_num() const noexcept { return a_; }
    [[nodiscard]] std::uint64_t scale_den() const noexcept { return b_; }

private:
    std::uint64_t a_;
    std::uint64_t b_;
};

/// Discrete Gaussian N_Z(0, sigma^2) with sigma^2 = p/q:
/// P(X = x) = e^(-x^2 / (2 sigma^2)) / sum_y e^(-y^2 / (2 sigma^2)).
/// A histogram with L2 sensitivity D noised with it is D^2/(2 sigma^2)-zCDP.
/// Domain (the limits under which every intermediate fits in 128 bits, privacy.md 3.6):
///   1 <= q <= 2^16 and p/q <= 2^40 (sigma <= 2^20). p = 0 always gives 0 without drawing.
/// Parameters are validated once at construction (usage_error otherwise); sampling is const.
class DiscreteGaussian {
public:
    static constexpr std::uint64_t max_sigma2 = std::uint64_t{1} << 40;
    static constexpr std::uint64_t max_den = std::uint64_t{1} << 16;

    DiscreteGaussian(std::uint64_t p, std::uint64_t q);

    [[nodiscard]] std::int64_t operator()(RandomBits& rng) const;
    /// `count` independent draws. On any exception no vector is returned (nothing produced).
    [[nodiscard]] std::vector<std::int64_t> sample(RandomBits& rng, std::size_t count) const;

    [[nodiscard]] std::uint64_t sigma2_num() const noexcept { return p_; }
    [[nodiscard]] std::uint64_t sigma2_den() const noexcept { return q_; }

private:
    std::uint64_t p_;
    std::uint64_t q_;
    std::uint64_t t_;  // proposal scale floor(sigma) + 1
    UInt128 tq_;       // t * q
    UInt128 den_;      // 2 p q t^2
};

/// DLAP(a, b): one discrete Laplace draw with scale a/b (see DiscreteLaplace).
[[nodiscard]] std::int64_t discrete_laplace(RandomBits& rng, std::uint64_t a, std::uint64_t b);

/// DGAUSS(p, q): one discrete Gaussian draw with sigma^2 = p/q (see DiscreteGaussian).
[[nodiscard]] std::int64_t discrete_gaussian(RandomBits& rng, std::uint64_t p, std::uint64_t q);

}  // namespace genoveil::privacy
