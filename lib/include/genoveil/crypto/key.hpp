// SPDX-License-Identifier: MIT
// Pseudonym keys: 32 random bytes in a file of their own, like an ssh private key.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace genoveil::crypto {

inline constexpr std::size_t key_size = 32;

/// 32 secret bytes, wiped with OPENSSL_cleanse on destruction. Not copyable.
class SecretKey {
public:
    SecretKey() = default;
    ~SecretKey();
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;

    [[nodiscard]] const std::uint8_t* data() const { return bytes_.data(); }
    [[nodiscard]] std::uint8_t* data() { return bytes_.data(); }
    [[nodiscard]] static constexpr std::size_t size() { return key_size; }
    /// False for an ephemeral key made by random_key().
    [[nodiscard]] bool from_file() const { return from_file_; }
    void set_from_file(bool v) { from_file_ = v; }

private:
    std::array<std::uint8_t, key_size> bytes_{};
    bool from_file_ = false;
};

/// A fresh key from the OpenSSL private DRBG; crypto_error if the RNG fails.
[[nodiscard]] SecretKey random_key();

/// Load a key file. Refused (crypto_error) when the file is not a regular file, can be read or
/// written by group or others, or does not hold exactly 32 bytes. Core dumps are disabled
/// for the rest of the process once a key is loaded. Messages never include key bytes.
[[nodiscard]] SecretKey load_key(const std::string& path);

/// Write a new key to `path` with mode 0600; never overwrites an existing file (io_error).
void write_new_key(const std::string& path);

/// Disable core dumps (RLIMIT_CORE = 0, not dumpable) so key material cannot reach one.
void disable_core_dumps() noexcept;

}  // namespace genoveil::crypto
