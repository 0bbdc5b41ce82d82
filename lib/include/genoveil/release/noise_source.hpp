// SPDX-License-Identifier: MIT
// Randomness for one release: an AES-256-CTR keystream under a key derived from the ledger's
// secret seed and the request digest, HMAC-SHA256(seed, "release-noise:" + request). The seed
// comes from OpenSSL's private DRBG (RAND_priv_bytes); the same request gets the same noise,
// so a repeat costs nothing and reveals nothing new, while any change gets fresh noise.
#pragma once

#include <memory>
#include <string>

#include "genoveil/crypto/key.hpp"
#include "genoveil/privacy/random.hpp"

namespace genoveil::release {

class KeyedStreamSource final : public privacy::ByteSource {
public:
    KeyedStreamSource(const crypto::SecretKey& seed, const std::string& request);
    ~KeyedStreamSource() override;
    void fill(std::uint8_t* out, std::size_t n) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace genoveil::release
