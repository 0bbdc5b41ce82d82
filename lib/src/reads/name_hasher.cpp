// SPDX-License-Identifier: MIT
// HMAC-SHA256 (RFC 2104) with precomputed inner and outer states. The SHA256_* functions are
// deprecated in OpenSSL 3 but remain its fastest path for copying a hash state (a plain struct
// copy; EVP_MD_CTX_copy_ex allocates).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "genoveil/reads/name_hasher.hpp"

#include <array>
#include <cstdint>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "genoveil/crypto/pseudonym.hpp"

namespace genoveil::reads {

struct NameHasher::State {
    SHA256_CTX inner{};
    SHA256_CTX outer{};
    ~State() { OPENSSL_cleanse(this, sizeof(*this)); }
};

NameHasher::NameHasher(const crypto::SecretKey& key) : s_(std::make_unique<State>()) {
    std::array<unsigned char, 64> ipad{}, opad{};
    // Keys are 32 bytes, shorter than the SHA-256 block, so they are used as they are.
    for (std::size_t i = 0; i < 64; ++i) {
        const unsigned char k = i < key.size() ? key.data()[i] : 0;
        ipad[i] = static_cast<unsigned char>(k ^ 0x36);
        opad[i] = static_cast<unsigned char>(k ^ 0x5c);
    }
    SHA256_Init(&s_->inner);
    SHA256_Update(&s_->inner, ipad.data(), ipad.size());
    SHA256_Init(&s_->outer);
    SHA256_Update(&s_->outer, opad.data(), opad.size());
    OPENSSL_cleanse(ipad.data(), ipad.size());
    OPENSSL_cleanse(opad.data(), opad.size());
}

NameHasher::~NameHasher() = default;
NameHasher::NameHasher(NameHasher&&) noexcept = default;
NameHasher& NameHasher::operator=(NameHasher&&) noexcept = default;

void NameHasher::pseudonym(std::string_view dom, std::string_view name, std::string& out) {
    static constexpr unsigned char colon = ':';
    unsigned char ih[SHA256_DIGEST_LENGTH];
    unsigned char oh[SHA256_DIGEST_LENGTH];
    SHA256_CTX c = s_->inner;
    SHA256_Update(&c, dom.data(), dom.size());
    SHA256_Update(&c, &colon, 1);
    SHA256_Update(&c, name.data(), name.size());
    SHA256_Final(ih, &c);
    c = s_->outer;
    SHA256_Update(&c, ih, sizeof ih);
    SHA256_Final(oh, &c);
    OPENSSL_cleanse(&c, sizeof c);
    out = crypto::base32(oh, 15);
}

}  // namespace genoveil::reads
