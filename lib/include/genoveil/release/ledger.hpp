// SPDX-License-Identifier: MIT
// The privacy-budget ledger of one dataset: an append-only JSON Lines file, one entry per
// charged release, each holding the SHA-256 of the previous line and an HMAC of itself under
// the seed (tamper evidence: no entry can be edited, removed or reordered unnoticed), and a
// secret 32-byte seed beside it (<ledger>.seed, mode 0600) from which the noise of each
// request is derived, so that asking the same request again returns the same bytes for free.
// The ledger is locked (flock, exclusive) from open() to destruction: concurrent releases on one
// ledger run one after the other and can never both spend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genoveil/crypto/key.hpp"

namespace genoveil::release {

class Ledger {
public:
    /// Open (creating if needed, mode 0600) and lock the ledger and its seed. Verifies the hash
    /// chain; a broken chain or unparsable line is an input_error naming the line.
    explicit Ledger(std::string path);
    ~Ledger();
    Ledger(const Ledger&) = delete;
    Ledger& operator=(const Ledger&) = delete;

    [[nodiscard]] const std::vector<nlohmann::json>& entries() const { return entries_; }
    /// Sum of rho charged so far, rounded up.
    [[nodiscard]] double spent() const;
    /// The entry whose "request" equals this digest, if any.
    [[nodiscard]] std::optional<nlohmann::json> find_request(const std::string& request) const;
    /// Entries with the same "plan" digest (request without the input checksum).
    [[nodiscard]] bool has_plan(const std::string& plan) const;
    /// Append an entry (adds "release", "prev", "mac") and flush it to disk (fsync).
    void append(nlohmann::json entry);

    [[nodiscard]] const crypto::SecretKey& seed() const { return seed_; }

private:
    std::string path_;
    int fd_ = -1;
    std::vector<nlohmann::json> entries_;
    std::string last_line_hash_;
    crypto::SecretKey seed_;
};

}  // namespace genoveil::release
