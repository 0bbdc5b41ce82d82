// SPDX-License-Identifier: MIT
// Keyed pseudonyms: HMAC-SHA256(key, DOMAIN ":" NAME), first 120 bits in RFC 4648 base32
// (24 characters, no padding). The same key and name give the same pseudonym in every
// command (`vcf` samples, `reads` SM), different keys give unlinkable ones.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "genoveil/crypto/key.hpp"

namespace genoveil::crypto {

/// Domain-separation labels (DESIGN.md 2.4).
namespace domain {
inline constexpr std::string_view sample = "sample";
inline constexpr std::string_view read = "read";
inline constexpr std::string_view read_group = "rg";
}  // namespace domain

using Digest = std::array<std::uint8_t, 32>;

/// One HMAC-SHA256 context bound to a key. Not thread-safe: give each thread its own.
class Hmac {
public:
    explicit Hmac(const SecretKey& key);
    ~Hmac();
    Hmac(const Hmac&) = delete;
    Hmac& operator=(const Hmac&) = delete;

    /// HMAC over DOMAIN ":" MESSAGE.
    [[nodiscard]] Digest mac(std::string_view dom, std::string_view message);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// RFC 4648 base32 (A-Z2-7) of `n` bytes, n a multiple of 5 so no padding is needed.
[[nodiscard]] std::string base32(const std::uint8_t* bytes, std::size_t n);

/// The 24-character pseudonym of `name` in domain `dom`.
[[nodiscard]] std::string pseudonym(Hmac& h, std::string_view dom, std::string_view name);

/// Lower-case hex SHA-256 of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace genoveil::crypto
