// SPDX-License-Identifier: MIT
// Exact samplers (privacy.md 3.1-3.5, after Canonne-Kamath-Steinke 2020, Algorithms 1-3).
//
// Integer and rational arithmetic only. This file must never contain floating-point types: the
// lint test (tests/unit/privacy/lint_test.cpp) fails the build's tests if it does. The reason is
// Mironov 2012: floating-point noise has a porous, input-dependent output set.
#include "genoveil/privacy/samplers.hpp"

#include <bit>
#include <limits>

#include "genoveil/core/error.hpp"

namespace genoveil::privacy {

namespace {

constexpr UInt128 u64_max = std::numeric_limits<std::uint64_t>::max();
constexpr UInt128 i64_max = static_cast<UInt128>(std::numeric_limits<std::int64_t>::max());

// Rejection sampling on bit_width(m-1) bits: each try succeeds with probability > 1/2.
std::uint64_t uniform_below_u64(RandomBits& rng, std::uint64_t m) {
    if (m <= 1) return 0;
    const unsigned k = static_cast<unsigned>(std::bit_width(m - 1));
    for (;;) {
        const std::uint64_t r = rng.bits(k);
        if (r < m) return r;
    }
}

UInt128 uniform_below_unchecked(RandomBits& rng, UInt128 m) {
    if (m - 1 <= u64_max) return uniform_below_u64(rng, static_cast<std::uint64_t>(m));
    const unsigned k_high = bit_width((m - 1) >> 64);  // 1..64 bits above the low word
    for (;;) {
        const UInt128 high = rng.bits(k_high);
        const UInt128 r = (high << 64) | rng.bits(64);
        if (r < m) return r;
    }
}

bool bernoulli_unchecked(RandomBits& rng, UInt128 num, UInt128 den) {
    if (num == 0) return false;
    if (num >= den) return true;
    return uniform_below_unchecked(rng, den) < num;
}

bool bernoulli_exp1_unchecked(RandomBits& rng, UInt128 num, UInt128 den) {
    // K = first k with Bernoulli(x/k) false; P(K > k) = x^k / k!, so P(K odd) = e^-x.
    if (num == 0) return true;
    std::uint64_t k = 1;
    if (den <= u64_max) {
        // 64-bit fast path (the common case); falls through to 128 bits if den*k overflows.
        const auto n64 = static_cast<std::uint64_t>(num), d64 = static_cast<std::uint64_t>(den);
        for (;;) {
            std::uint64_t dk = 0;
            if (__builtin_mul_overflow(d64, k, &dk)) break;
            if (n64 < dk && uniform_below_u64(rng, dk) >= n64) return (k & 1) == 1;
            ++k;
        }
    }
    while (bernoulli_unchecked(rng, num, detail::mul_checked(den, k, "BEXP1 den*k"))) ++k;
    return (k & 1) == 1;
}

bool bernoulli_exp_unchecked(RandomBits& rng, UInt128 num, UInt128 den) {
    // e^-x = (e^-1)^floor-ish * e^-rest: peel off whole units while x > 1.
    while (num > den) {
        if (!bernoulli_exp1_unchecked(rng, 1, 1)) return false;
        num -= den;
    }
    return bernoulli_exp1_unchecked(rng, num, den);
}

std::uint64_t geometric_e1_unchecked(RandomBits& rng) {
    std::uint64_t k = 0;
    while (bernoulli_exp1_unchecked(rng, 1, 1)) {
        if (k == std::numeric_limits<std::uint64_t>::max()) throw internal_error("privacy: GEO_E1 overflow");
        ++k;
    }
    return k;
}

UInt128 geometric_unchecked(RandomBits& rng, UInt128 num, UInt128 den) {
    // U + den*V is geometric with parameter 1/den (U the fractional part, V the whole part);
    // dividing by num turns rate 1/den into rate num/den (CKS 2020, Algorithm 2).
    UInt128 u = 0;
    for (;;) {
        u = uniform_below_unchecked(rng, den);
        if (bernoulli_exp1_unchecked(rng, u, den)) break;
    }
    const std::uint64_t v = geometric_e1_unchecked(rng);
    const UInt128 total = detail::add_checked(u, detail::mul_checked(den, v, "GEO den*V"), "GEO U+den*V");
    return total / num;
}

void require(bool ok, const char* message) {
    if (!ok) throw usage_error(message);
}

std::int64_t laplace_draw(RandomBits& rng, std::uint64_t a, std::uint64_t b) {
    if (a == 0) return 0;
    for (;;) {
        const bool positive = rng.bits(1) == 1;
        const UInt128 g = geometric_unchecked(rng, b, a);  // rate 1/t = b/a
        if (!positive && g == 0) continue;                 // 0 would otherwise get double mass
        if (g > i64_max) throw internal_error("privacy: discrete Laplace draw exceeds 64 bits");
        const auto magnitude = static_cast<std::int64_t>(g);
        return positive ? magnitude : -magnitude;
    }
}

}  // namespace

UInt128 uniform_below(RandomBits& rng, UInt128 m) {
    require(m >= 1, "privacy: UNIFORM_BELOW needs m >= 1");
    return uniform_below_unchecked(rng, m);
}

bool bernoulli(RandomBits& rng, UInt128 num, UInt128 den) {
    require(den >= 1 && num <= den, "privacy: BERNOULLI needs 0 <= num <= den, den >= 1");
    return bernoulli_unchecked(rng, num, den);
}

bool bernoulli_exp1(RandomBits& rng, UInt128 num, UInt128 den) {
    require(den >= 1 && num <= den, "privacy: BEXP1 needs 0 <= num/den <= 1, den >= 1");
    return bernoulli_exp1_unchecked(rng, num, den);
}

bool bernoulli_exp(RandomBits& rng, UInt128 num, UInt128 den) {
    require(den >= 1, "privacy: BEXP needs den >= 1");
    return bernoulli_exp_unchecked(rng, num, den);
}

std::uint64_t geometric_e1(RandomBits& rng) { return geometric_e1_unchecked(rng); }

UInt128 geometric(RandomBits& rng, UInt128 num, UInt128 den) {
    require(num >= 1 && den >= 1, "privacy: GEO needs num >= 1 and den >= 1");
    return geometric_unchecked(rng, num, den);
}

// ---- discrete Laplace --------------------------------------------------------------------------

DiscreteLaplace::DiscreteLaplace(std::uint64_t a, std::uint64_t b) : a_(a), b_(b) {
    require(b >= 1, "privacy: discrete Laplace scale a/b needs b >= 1");
}

std::int64_t DiscreteLaplace::operator()(RandomBits& rng) const { return laplace_draw(rng, a_, b_); }

std::vector<std::int64_t> DiscreteLaplace::sample(RandomBits& rng, std::size_t count) const {
    std::vector<std::int64_t> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(laplace_draw(rng, a_, b_));
    return out;
}

std::int64_t discrete_laplace(RandomBits& rng, std::uint64_t a, std::uint64_t b) {
    return DiscreteLaplace(a, b)(rng);
}

// ---- discrete Gaussian -------------------------------------------------------------------------

DiscreteGaussian::DiscreteGaussian(std::uint64_t p, std::uint64_t q) : p_(p), q_(q), t_(1), tq_(0), den_(0) {
    require(q >= 1 && q <= max_den, "privacy: discrete Gaussian sigma^2 = p/q needs 1 <= q <= 2^16");
    require(UInt128{p} <= UInt128{max_sigma2} * q,
            "privacy: discrete Gaussian sigma^2 = p/q must not exceed 2^40");
    // t = floor(sigma) + 1 = isqrt(floor(p/q)) + 1: any t > 0 is correct; this one keeps the
    // acceptance rate high (CKS 2020, Algorithm 3).
    t_ = isqrt(p / q) + 1;
    tq_ = UInt128{t_} * q;
    // den = 2 p q t^2 <= 2 * 2^56 * 2^16 * (2^20 + 1)^2 < 2^114 within the limits, which leaves
    // room for den * k in BEXP1 up to k = 2^14 (P(K > 30) < 10^-32).
    den_ = detail::mul_checked(detail::mul_checked(UInt128{2} * p, q, "DGAUSS den"), UInt128{t_} * t_,
                               "DGAUSS den");
}

std::int64_t DiscreteGaussian::operator()(RandomBits& rng) const {
    if (p_ == 0) return 0;
    for (;;) {
        const std::int64_t y = laplace_draw(rng, t_, 1);
        const UInt128 magnitude = y < 0 ? UInt128(-static_cast<UInt128>(y)) : static_cast<UInt128>(y);
        // Accept with probability exp(-(|y| - sigma^2/t)^2 / (2 sigma^2)) = exp(-num/den) with
        // num = (|y| t q - p)^2 and den = 2 p q t^2, all exact integers.
        const UInt128 x = detail::mul_checked(magnitude, tq_, "DGAUSS |Y|*t*q");
        const UInt128 diff = x >= p_ ? x - p_ : p_ - x;
        const UInt128 num = detail::mul_checked(diff, diff, "DGAUSS (|Y|tq - p)^2");
        if (bernoulli_exp_unchecked(rng, num, den_)) return y;
    }
}

std::vector<std::int64_t> DiscreteGaussian::sample(RandomBits& rng, std::size_t count) const {
    std::vector<std::int64_t> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back((*this)(rng));
    return out;
}

std::int64_t discrete_gaussian(RandomBits& rng, std::uint64_t p, std::uint64_t q) {
    return DiscreteGaussian(p, q)(rng);
}

}  // namespace genoveil::privacy
