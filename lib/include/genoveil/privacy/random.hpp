// SPDX-License-Identifier: MIT
// The one randomness path of the privacy module (privacy.md 3.1, 8).
//
//   ByteSource      interface: "give me n uniform random bytes, or throw".
//   OpenSslSource   the production source: OpenSSL RAND_priv_bytes (the DRBG OpenSSL keeps for
//                   secret values), buffered 4 KiB per instance, fail-closed.
//   SeededTestSource deterministic ChaCha20 keystream from a 64-bit seed. FOR TESTS ONLY:
//                   anything drawn from it is reproducible and therefore NOT private; a
//                   deterministic mode of a command must stamp its output as non-private.
//   RandomBits      turns a ByteSource into k-bit draws without wasting bits.
//
// No other random number generator may be used for noise (no std::random_device, no <random>
// engines, no rand()).
//
// Thread safety: none of these objects may be shared between threads without external locking.
// Give each thread its own source and RandomBits (privacy.md 8: one buffer per thread). They are
// neither copyable nor movable, so random bytes can never be duplicated by accident. For the
// same reason, do not draw from a source created before a fork() in both processes: the
// buffered bytes would be the same in parent and child.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace genoveil::privacy {

/// A source of uniform random bytes.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    /// Writes exactly `n` uniform random bytes to `out`, or throws genoveil::crypto_error.
    /// After a throw the source stays failed: every later call throws too (fail closed), and
    /// `out` must be treated as garbage.
    virtual void fill(std::uint8_t* out, std::size_t n) = 0;

protected:
    ByteSource() = default;
};

/// Production source over OpenSSL RAND_priv_bytes, refilled 4 KiB at a time. Bytes are wiped
/// from the buffer (OPENSSL_cleanse) as they are handed out, and the rest on destruction.
class OpenSslSource final : public ByteSource {
public:
    /// Signature of RAND_priv_bytes: returns 1 on success.
    using RawGenerator = int (*)(unsigned char* buf, int num);

    /// The production source (RAND_priv_bytes).
    OpenSslSource();
    /// Test hook for failure injection: `generator` replaces RAND_priv_bytes. Any return value
    /// other than 1 makes fill() throw crypto_error. Never pass a non-cryptographic generator.
    explicit OpenSslSource(RawGenerator generator);
    ~OpenSslSource() override;

    void fill(std::uint8_t* out, std::size_t n) override;

    static constexpr std::size_t buffer_size = 4096;

private:
    void refill();

    RawGenerator generator_;
    std::array<std::uint8_t, buffer_size> buffer_{};
    std::size_t pos_ = buffer_size;
    bool failed_ = false;
};

/// Deterministic source for tests: the ChaCha20 keystream under a key derived from `seed`
/// (SHA-256 of a domain label and the seed). Same seed, same bytes on every platform.
/// Output produced with it is NOT differentially private.
class SeededTestSource final : public ByteSource {
public:
    explicit SeededTestSource(std::uint64_t seed);
    ~SeededTestSource() override;

    void fill(std::uint8_t* out, std::size_t n) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// k-bit uniform draws from a ByteSource. Bytes are fetched 256 at a time, read as
/// little-endian 64-bit words, and each word's bits are used low to high with none wasted.
/// Holds a reference to `source`, which must outlive it. Not thread-safe. The buffer is wiped
/// (OPENSSL_cleanse) on destruction and after a source failure.
class RandomBits {
public:
    explicit RandomBits(ByteSource& source) noexcept : source_(source) {}
    ~RandomBits();
    RandomBits(const RandomBits&) = delete;
    RandomBits& operator=(const RandomBits&) = delete;

    /// A uniform integer in [0, 2^k), 0 <= k <= 64 (k = 0 draws nothing and returns 0).
    /// Throws crypto_error if the source fails (buffered bits are discarded, and the source
    /// itself stays failed), and usage_error if k > 64.
    [[nodiscard]] std::uint64_t bits(unsigned k) {
        if (k != 0 && k < available_) {  // fast path: enough bits left in the current word
            const std::uint64_t r = reservoir_ & ((std::uint64_t{1} << k) - 1);
            reservoir_ >>= k;
            available_ -= k;
            return r;
        }
        return bits_slow(k);
    }

    /// Bytes fetched from the source per refill.
    static constexpr std::size_t refill_bytes = 256;

private:
    std::uint64_t bits_slow(unsigned k);
    std::uint64_t next_word();

    ByteSource& source_;
    std::array<std::uint8_t, refill_bytes> buffer_{};
    std::size_t pos_ = refill_bytes;
    std::uint64_t reservoir_ = 0;
    unsigned available_ = 0;
};

}  // namespace genoveil::privacy
