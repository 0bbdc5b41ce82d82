// SPDX-License-Identifier: MIT
// Keyed read-name pseudonyms at stream speed. The result is exactly crypto::pseudonym(hmac,
// domain, name) (HMAC-SHA256, first 120 bits in base32), but the HMAC key pads are absorbed
// once, so each name costs two SHA-256 compressions and two state copies instead of a full
// OpenSSL EVP_MAC round (which dominated the per-record cost). One per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "genoveil/crypto/key.hpp"

namespace genoveil::reads {

class NameHasher {
public:
    explicit NameHasher(const crypto::SecretKey& key);
    ~NameHasher();
    NameHasher(const NameHasher&) = delete;
    NameHasher& operator=(const NameHasher&) = delete;
    NameHasher(NameHasher&&) noexcept;
    NameHasher& operator=(NameHasher&&) noexcept;

    /// Write the 24-character pseudonym of `name` in domain `dom` to `out`.
    void pseudonym(std::string_view dom, std::string_view name, std::string& out);

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace genoveil::reads
