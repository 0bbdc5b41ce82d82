// SPDX-License-Identifier: MIT
// Exact non-negative rationals and checked 128-bit integer arithmetic for the privacy module.
//
// Privacy parameters (rho, epsilon, sigma^2, Laplace scales) are carried as exact fractions
// num/den so that the noise actually added and the budget recorded in the ledger are derived
// without floating point (privacy.md 3.6, 8). Nothing in this header or in rational.cpp uses
// floating point; conversions to double for reporting live in accounting.hpp.
//
// Overflow anywhere in these operations throws genoveil::internal_error (fail closed,
// privacy.md 8); malformed user input throws genoveil::usage_error.
// All functions are pure and thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace genoveil::privacy {

/// Unsigned 128-bit integer (GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ using UInt128 = unsigned __int128;

inline constexpr UInt128 uint128_max = ~UInt128{0};

namespace detail {

/// a + b, throwing internal_error("<what>: ... overflow") if the sum does not fit.
[[nodiscard]] UInt128 add_checked(UInt128 a, UInt128 b, const char* what);
/// a * b, throwing internal_error on overflow.
[[nodiscard]] UInt128 mul_checked(UInt128 a, UInt128 b, const char* what);
/// a - b for a >= b, throwing internal_error if a < b.
[[nodiscard]] UInt128 sub_checked(UInt128 a, UInt128 b, const char* what);

}  // namespace detail

/// Greatest common divisor; gcd(0, 0) = 0.
[[nodiscard]] UInt128 gcd(UInt128 a, UInt128 b) noexcept;

/// ceil(a / b) without overflow. Throws usage_error if b = 0.
[[nodiscard]] UInt128 ceil_div(UInt128 a, UInt128 b);

/// floor(sqrt(n)), computed with integers only.
[[nodiscard]] std::uint64_t isqrt(std::uint64_t n) noexcept;

/// Number of bits needed to write n (0 for n = 0).
[[nodiscard]] unsigned bit_width(UInt128 n) noexcept;

/// Decimal text of n.
[[nodiscard]] std::string to_string(UInt128 n);

/// A non-negative fraction num/den, always stored reduced with den >= 1.
/// Build it with make_rational() or a parse function so the invariant holds.
struct Rational {
    UInt128 num = 0;
    UInt128 den = 1;

    [[nodiscard]] bool is_zero() const noexcept { return num == 0; }
};

/// num/den reduced to lowest terms. Throws usage_error if den = 0.
[[nodiscard]] Rational make_rational(UInt128 num, UInt128 den = 1);

/// Exact value of a decimal number such as "0.25", "1", "2.5e-3", ".5" or "1E2"
/// (digits, optional fraction, optional exponent; no sign, no spaces, no hex, inf or nan).
/// Never goes through double. `what` names the option in error messages (e.g. "--rho").
/// Throws usage_error for malformed text, a negative sign, or a value whose exact fraction
/// does not fit in 128 bits (more than ~38 significant digits).
[[nodiscard]] Rational parse_decimal(std::string_view text, std::string_view what);

/// Like parse_decimal(), and also accepts the "NUM/DEN" form written by to_string().
[[nodiscard]] Rational parse_rational(std::string_view text, std::string_view what);

/// "num/den", or "num" when den = 1. parse_rational(to_string(r)) == r.
[[nodiscard]] std::string to_string(const Rational& r);

/// Exact comparisons (cross products are formed in 256 bits, so they never overflow).
[[nodiscard]] std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept;
[[nodiscard]] bool operator==(const Rational& a, const Rational& b) noexcept;

/// Exact arithmetic; the result is reduced. Overflow throws internal_error. Division by zero
/// throws usage_error. Used for zCDP composition (rho's add) and pure -> zCDP (rho = eps^2/2).
[[nodiscard]] Rational operator+(const Rational& a, const Rational& b);
[[nodiscard]] Rational operator*(const Rational& a, const Rational& b);
[[nodiscard]] Rational operator/(const Rational& a, const Rational& b);

}  // namespace genoveil::privacy
