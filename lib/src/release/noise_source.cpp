// SPDX-License-Identifier: MIT
#include "genoveil/release/noise_source.hpp"

#include <cstring>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/pseudonym.hpp"

namespace genoveil::release {

struct KeyedStreamSource::Impl {
    EVP_CIPHER_CTX* ctx = nullptr;
    ~Impl() { EVP_CIPHER_CTX_free(ctx); }
};

KeyedStreamSource::KeyedStreamSource(const crypto::SecretKey& seed, const std::string& request)
    : impl_(std::make_unique<Impl>()) {
    crypto::Hmac h(seed);
    crypto::Digest key = h.mac("release-noise", request);
    static const unsigned char iv[16] = {0};  // the key is unique per request; the counter starts at 0
    impl_->ctx = EVP_CIPHER_CTX_new();
    const bool ok = impl_->ctx != nullptr && EVP_EncryptInit_ex(impl_->ctx, EVP_aes_256_ctr(), nullptr, key.data(), iv) == 1;
    OPENSSL_cleanse(key.data(), key.size());
    if (!ok) throw crypto_error("OpenSSL: cannot start the AES-256-CTR noise stream");
}

KeyedStreamSource::~KeyedStreamSource() = default;

void KeyedStreamSource::fill(std::uint8_t* out, std::size_t n) {
    static const unsigned char zeros[4096] = {0};
    while (n > 0) {
        const int chunk = static_cast<int>(n < sizeof zeros ? n : sizeof zeros);
        int len = 0;
        if (EVP_EncryptUpdate(impl_->ctx, out, &len, zeros, chunk) != 1 || len != chunk)
            throw crypto_error("OpenSSL: the noise stream failed");
        out += chunk;
        n -= static_cast<std::size_t>(chunk);
    }
}

}  // namespace genoveil::release
