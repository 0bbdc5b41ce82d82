// SPDX-License-Identifier: MIT
#include "genoveil/crypto/pseudonym.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "genoveil/core/error.hpp"

namespace genoveil::crypto {

struct Hmac::Impl {
    EVP_MAC* mac = nullptr;
    EVP_MAC_CTX* ctx = nullptr;
    ~Impl() {
        EVP_MAC_CTX_free(ctx);
        EVP_MAC_free(mac);
    }
};

Hmac::Hmac(const SecretKey& key) : impl_(std::make_unique<Impl>()) {
    impl_->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (impl_->mac == nullptr) throw crypto_error("OpenSSL: HMAC is not available");
    impl_->ctx = EVP_MAC_CTX_new(impl_->mac);
    char digest_name[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                           OSSL_PARAM_construct_end()};
    if (impl_->ctx == nullptr || EVP_MAC_init(impl_->ctx, key.data(), key.size(), params) != 1)
        throw crypto_error("OpenSSL: cannot initialise HMAC-SHA256");
}

Hmac::~Hmac() = default;

Digest Hmac::mac(std::string_view dom, std::string_view message) {
    Digest out{};
    std::size_t len = 0;
    static constexpr unsigned char colon = ':';
    // Re-initialising with a null key keeps the key and resets the state.
    if (EVP_MAC_init(impl_->ctx, nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(impl_->ctx, reinterpret_cast<const unsigned char*>(dom.data()), dom.size()) != 1 ||
        EVP_MAC_update(impl_->ctx, &colon, 1) != 1 ||
        EVP_MAC_update(impl_->ctx, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1 ||
        EVP_MAC_final(impl_->ctx, out.data(), &len, out.size()) != 1 || len != out.size())
        throw crypto_error("OpenSSL: HMAC-SHA256 failed");
    return out;
}

std::string base32(const std::uint8_t* bytes, std::size_t n) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    if (n % 5 != 0) throw internal_error("base32 input is not a multiple of 5 bytes");
    std::string out;
    out.reserve(n / 5 * 8);
    for (std::size_t i = 0; i < n; i += 5) {
        std::uint64_t v = 0;
        for (std::size_t j = 0; j < 5; ++j) v = (v << 8) | bytes[i + j];
        for (int s = 35; s >= 0; s -= 5) out.push_back(alphabet[(v >> s) & 31]);
    }
    return out;
}

std::string pseudonym(Hmac& h, std::string_view dom, std::string_view name) {
    const Digest d = h.mac(dom, name);
    return base32(d.data(), 15);
}

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw crypto_error("OpenSSL: SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 15]);
    }
    return out;
}

}  // namespace genoveil::crypto
