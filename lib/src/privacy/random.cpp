// SPDX-License-Identifier: MIT
// Randomness for the noise samplers: OpenSSL RAND_priv_bytes behind a per-instance buffer, a
// seeded ChaCha20 stream for tests, and a bit reservoir. Integer-only (covered by the
// no-floating-point lint).
#include "genoveil/privacy/random.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "genoveil/core/error.hpp"

namespace genoveil::privacy {

namespace {

std::string openssl_reason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return {};
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return std::string(" (") + text + ")";
}

}  // namespace

// ---- OpenSslSource -----------------------------------------------------------------------------

OpenSslSource::OpenSslSource() : generator_(&RAND_priv_bytes) {}

OpenSslSource::OpenSslSource(RawGenerator generator) : generator_(generator) {
    if (generator_ == nullptr) throw usage_error("privacy: OpenSslSource needs a generator");
}

OpenSslSource::~OpenSslSource() { OPENSSL_cleanse(buffer_.data(), buffer_.size()); }

void OpenSslSource::refill() {
    if (generator_(buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
        failed_ = true;
        OPENSSL_cleanse(buffer_.data(), buffer_.size());
        pos_ = buffer_.size();
        throw crypto_error("the random number generator (OpenSSL RAND_priv_bytes) failed" + openssl_reason() +
                           "; no noise was drawn");
    }
    pos_ = 0;
}

void OpenSslSource::fill(std::uint8_t* out, std::size_t n) {
    if (failed_)
        throw crypto_error("the random number generator failed earlier in this run; no noise was drawn");
    while (n > 0) {
        if (pos_ == buffer_.size()) refill();
        const std::size_t take = std::min(n, buffer_.size() - pos_);
        std::memcpy(out, buffer_.data() + pos_, take);
        // Bytes handed out must not linger in the buffer: they determine noise values.
        OPENSSL_cleanse(buffer_.data() + pos_, take);
        pos_ += take;
        out += take;
        n -= take;
    }
}

// ---- SeededTestSource --------------------------------------------------------------------------

struct SeededTestSource::Impl {
    EVP_CIPHER_CTX* ctx = nullptr;
    ~Impl() { EVP_CIPHER_CTX_free(ctx); }
};

SeededTestSource::SeededTestSource(std::uint64_t seed) : impl_(std::make_unique<Impl>()) {
    // key = SHA-256("genoveil privacy test source v1" || seed as 8 little-endian bytes)
    static constexpr char label[] = "genoveil privacy test source v1";
    std::uint8_t material[sizeof label - 1 + 8];
    std::memcpy(material, label, sizeof label - 1);
    for (int i = 0; i < 8; ++i)
        material[sizeof label - 1 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seed >> (8 * i));
    unsigned char key[32];
    unsigned int key_len = 0;
    if (EVP_Digest(material, sizeof material, key, &key_len, EVP_sha256(), nullptr) != 1 || key_len != 32)
        throw crypto_error("privacy: SHA-256 failed while seeding the test source" + openssl_reason());
    const unsigned char iv[16] = {};  // 32-bit block counter 0, nonce 0
    impl_->ctx = EVP_CIPHER_CTX_new();
    const bool ok =
        impl_->ctx != nullptr && EVP_EncryptInit_ex(impl_->ctx, EVP_chacha20(), nullptr, key, iv) == 1;
    OPENSSL_cleanse(key, sizeof key);
    if (!ok) throw crypto_error("privacy: ChaCha20 unavailable for the test source" + openssl_reason());
}

SeededTestSource::~SeededTestSource() = default;

void SeededTestSource::fill(std::uint8_t* out, std::size_t n) {
    // The keystream is the encryption of zero bytes.
    std::memset(out, 0, n);
    while (n > 0) {
        const int chunk = static_cast<int>(std::min<std::size_t>(n, 1u << 20));
        int written = 0;
        if (EVP_EncryptUpdate(impl_->ctx, out, &written, out, chunk) != 1 || written != chunk)
            throw crypto_error("privacy: ChaCha20 failed in the test source" + openssl_reason());
        out += chunk;
        n -= static_cast<std::size_t>(chunk);
    }
}

// ---- RandomBits --------------------------------------------------------------------------------

RandomBits::~RandomBits() {
    OPENSSL_cleanse(buffer_.data(), buffer_.size());
    OPENSSL_cleanse(&reservoir_, sizeof reservoir_);
}

std::uint64_t RandomBits::next_word() {
    if (pos_ == buffer_.size()) {
        try {
            source_.fill(buffer_.data(), buffer_.size());
        } catch (...) {
            // Whatever the failed source wrote is garbage: never hand it out.
            OPENSSL_cleanse(buffer_.data(), buffer_.size());
            throw;
        }
        pos_ = 0;
    }
    std::uint64_t word = 0;
    for (int i = 7; i >= 0; --i) word = (word << 8) | buffer_[pos_ + static_cast<std::size_t>(i)];
    std::memset(buffer_.data() + pos_, 0, 8);  // consumed bytes do not linger
    pos_ += 8;
    return word;
}

std::uint64_t RandomBits::bits_slow(unsigned k) {
    if (k > 64) throw usage_error("privacy: RandomBits::bits(k) needs k <= 64");
    if (k == 0) return 0;
    if (k == available_) {  // exactly the rest of the word (k may be 64)
        const std::uint64_t r = reservoir_;
        reservoir_ = 0;
        available_ = 0;
        return r;
    }
    // Use up the remaining bits, then take the rest from a fresh word. Clear the reservoir
    // first so that a failing source leaves nothing behind to be reused.
    const std::uint64_t low = reservoir_;
    const unsigned have = available_;  // < k
    reservoir_ = 0;
    available_ = 0;
    const std::uint64_t word = next_word();
    const unsigned need = k - have;  // 1..64
    const std::uint64_t high = need == 64 ? word : word & ((std::uint64_t{1} << need) - 1);
    reservoir_ = need == 64 ? 0 : word >> need;
    available_ = 64 - need;
    return have == 0 ? high : low | (high << have);
}

}  // namespace genoveil::privacy
