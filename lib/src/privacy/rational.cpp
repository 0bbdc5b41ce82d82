// SPDX-License-Identifier: MIT
// Exact rationals and checked 128-bit arithmetic. Integer-only by design: this file is covered
// by the no-floating-point lint (tests/unit/privacy/lint_test.cpp).
#include "genoveil/privacy/rational.hpp"

#include <algorithm>
#include <utility>

#include "genoveil/core/error.hpp"

namespace genoveil::privacy {

namespace detail {

UInt128 add_checked(UInt128 a, UInt128 b, const char* what) {
    UInt128 r = 0;
    if (__builtin_add_overflow(a, b, &r))
        throw internal_error(std::string("privacy: 128-bit overflow in ") + what);
    return r;
}

UInt128 mul_checked(UInt128 a, UInt128 b, const char* what) {
    UInt128 r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        throw internal_error(std::string("privacy: 128-bit overflow in ") + what);
    return r;
}

UInt128 sub_checked(UInt128 a, UInt128 b, const char* what) {
    if (a < b) throw internal_error(std::string("privacy: negative intermediate in ") + what);
    return a - b;
}

}  // namespace detail

namespace {

struct Wide {
    UInt128 hi;
    UInt128 lo;
};

// Full 256-bit product, so that comparisons of fractions never overflow.
Wide mul_wide(UInt128 x, UInt128 y) noexcept {
    const UInt128 mask = ~std::uint64_t{0};
    const UInt128 x0 = x & mask, x1 = x >> 64, y0 = y & mask, y1 = y >> 64;
    const UInt128 p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    const UInt128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
    return Wide{p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (mid << 64) | (p00 & mask)};
}

[[noreturn]] void bad_number(std::string_view text, std::string_view what, const char* why) {
    throw usage_error(std::string(what) + ": '" + std::string(text) + "' " + why);
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// 10^e, or false if it does not fit.
bool pow10(unsigned e, UInt128& out) noexcept {
    UInt128 r = 1;
    for (unsigned i = 0; i < e; ++i)
        if (__builtin_mul_overflow(r, UInt128{10}, &r)) return false;
    out = r;
    return true;
}

}  // namespace

UInt128 gcd(UInt128 a, UInt128 b) noexcept {
    while (b != 0) {
        const UInt128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

UInt128 ceil_div(UInt128 a, UInt128 b) {
    if (b == 0) throw usage_error("privacy: division by zero");
    return a / b + (a % b != 0 ? 1 : 0);
}

std::uint64_t isqrt(std::uint64_t n) noexcept {
    // Bit-by-bit square root: exact, no floating point.
    std::uint64_t root = 0;
    std::uint64_t rem = n;
    std::uint64_t bit = std::uint64_t{1} << 62;
    while (bit > rem) bit >>= 2;
    while (bit != 0) {
        if (rem >= root + bit) {
            rem -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return root;
}

unsigned bit_width(UInt128 n) noexcept {
    unsigned w = 0;
    while (n != 0) {
        ++w;
        n >>= 1;
    }
    return w;
}

std::string to_string(UInt128 n) {
    if (n == 0) return "0";
    std::string s;
    while (n != 0) {
        s.push_back(static_cast<char>('0' + static_cast<int>(n % 10)));
        n /= 10;
    }
    std::reverse(s.begin(), s.end());
    return s;
}

Rational make_rational(UInt128 num, UInt128 den) {
    if (den == 0) throw usage_error("privacy: fraction with a zero denominator");
    if (num == 0) return Rational{0, 1};
    const UInt128 g = gcd(num, den);
    return Rational{num / g, den / g};
}

Rational parse_decimal(std::string_view text, std::string_view what) {
    if (text.empty()) bad_number(text, what, "is empty; expected a decimal number such as 0.25");
    if (text.front() == '-') bad_number(text, what, "must not be negative");
    std::size_t i = 0;
    const std::size_t n = text.size();
    std::string_view int_digits, frac_digits;
    const std::size_t int_start = i;
    while (i < n && is_digit(text[i])) ++i;
    int_digits = text.substr(int_start, i - int_start);
    if (i < n && text[i] == '.') {
        ++i;
        const std::size_t frac_start = i;
        while (i < n && is_digit(text[i])) ++i;
        frac_digits = text.substr(frac_start, i - frac_start);
    }
    if (int_digits.empty() && frac_digits.empty())
        bad_number(text, what, "is not a decimal number (expected e.g. 0.25 or 1e-3)");
    long exponent = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
        const std::size_t exp_start = i;
        while (i < n && is_digit(text[i])) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > 1000) bad_number(text, what, "has an exponent out of range");
            ++i;
        }
        if (i == exp_start) bad_number(text, what, "has an empty exponent");
        if (negative) exponent = -exponent;
    }
    if (i != n) bad_number(text, what, "is not a decimal number (expected e.g. 0.25 or 1e-3)");

    // Trailing zeros of the fraction do not change the value; dropping them keeps "0.2500" exact
    // even when the digit string is long.
    while (!frac_digits.empty() && frac_digits.back() == '0') frac_digits.remove_suffix(1);
    UInt128 num = 0;
    auto push_digit = [&](char c) {
        if (num == 0 && c == '0') return;
        if (__builtin_mul_overflow(num, UInt128{10}, &num) ||
            __builtin_add_overflow(num, UInt128(static_cast<unsigned>(c - '0')), &num))
            bad_number(text, what, "has too many significant digits");
    };
    for (char c : int_digits) push_digit(c);
    for (char c : frac_digits) push_digit(c);
    if (num == 0) return Rational{0, 1};
    const long scale = exponent - static_cast<long>(frac_digits.size());
    UInt128 p = 1;
    if (!pow10(static_cast<unsigned>(scale < 0 ? -scale : scale), p))
        bad_number(text, what, "is too large or too small to be represented exactly");
    if (scale >= 0) {
        if (__builtin_mul_overflow(num, p, &num)) bad_number(text, what, "is too large");
        return Rational{num, 1};
    }
    return make_rational(num, p);
}

Rational parse_rational(std::string_view text, std::string_view what) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return parse_decimal(text, what);
    const std::string_view a = text.substr(0, slash), b = text.substr(slash + 1);
    auto all_digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
    };
    if (!all_digits(a) || !all_digits(b)) bad_number(text, what, "is not a fraction NUM/DEN");
    const Rational num = parse_decimal(a, what), den = parse_decimal(b, what);
    if (den.is_zero()) bad_number(text, what, "has a zero denominator");
    return make_rational(num.num, den.num);
}

std::string to_string(const Rational& r) {
    if (r.den == 1) return to_string(r.num);
    return to_string(r.num) + "/" + to_string(r.den);
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept {
    const Wide l = mul_wide(a.num, b.den), r = mul_wide(b.num, a.den);
    if (l.hi != r.hi) return l.hi < r.hi ? std::strong_ordering::less : std::strong_ordering::greater;
    if (l.lo != r.lo) return l.lo < r.lo ? std::strong_ordering::less : std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

bool operator==(const Rational& a, const Rational& b) noexcept { return (a <=> b) == 0; }

Rational operator+(const Rational& a, const Rational& b) {
    const UInt128 g = gcd(a.den, b.den);
    const UInt128 den = detail::mul_checked(a.den / g, b.den, "rational addition");
    const UInt128 num =
        detail::add_checked(detail::mul_checked(a.num, b.den / g, "rational addition"),
                            detail::mul_checked(b.num, a.den / g, "rational addition"), "rational addition");
    return make_rational(num, den);
}

Rational operator*(const Rational& a, const Rational& b) {
    if (a.is_zero() || b.is_zero()) return Rational{0, 1};
    // Cross-cancel first so that products of reduced fractions overflow as late as possible.
    const UInt128 g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den);
    return make_rational(detail::mul_checked(a.num / g1, b.num / g2, "rational multiplication"),
                         detail::mul_checked(a.den / g2, b.den / g1, "rational multiplication"));
}

Rational operator/(const Rational& a, const Rational& b) {
    if (b.is_zero()) throw usage_error("privacy: division by a zero fraction");
    return a * Rational{b.den, b.num};
}

}  // namespace genoveil::privacy
