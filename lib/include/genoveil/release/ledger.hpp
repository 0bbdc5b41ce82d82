// SPDX-License-Identifier: MIT
// The privacy-budget ledger of one dataset: an append-only JSON Lines file, one entry per
// charged release, each holding the SHA-256 of the previous line and an HMAC of itself under
// the seed, a secret 32-byte seed beside it (<ledger>.seed, mode 0600) from which the noise of
// each request is derived, so that asking the same request again returns the same bytes for
// free, and a head file (<ledger>.head, mode 0600: entry count and last hash, MAC'd) so that
// cutting entries off the end is noticed too. Deleting all three files starts a new dataset:
// keep them with the steward, backed up.
// The ledger is locked (flock, exclusive) from open() to destruction: concurrent releases on one
// ledger run one after the other and can never both spend. A run that creates the ledger and
// charges nothing (refused, or failed on bad input) removes the files it created.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genoveil/crypto/key.hpp"
#include "genoveil/privacy/rational.hpp"

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
    /// Sum of rho charged so far, rounded up (exact when the fractions allow).
    [[nodiscard]] double spent() const;
    /// Would charging `rho` more keep the total within `cap`? Exact rational arithmetic on the
    /// recorded "rho_exact" values; if that overflows, rounded-up doubles.
    [[nodiscard]] bool fits(const privacy::Rational& rho, const privacy::Rational& cap) const;
    /// HMAC of `text` under the seed, for fingerprints that must not be guessable.
    [[nodiscard]] std::string keyed_digest(const std::string& text) const;
    /// The entry whose "request" equals this digest, if any.
    [[nodiscard]] std::optional<nlohmann::json> find_request(const std::string& request) const;
    /// Entries with the same "plan" digest (request without the input checksum).
    [[nodiscard]] bool has_plan(const std::string& plan) const;
    /// Append an entry (adds "release", "prev", "mac") and flush it to disk (fsync).
    void append(nlohmann::json entry);

    [[nodiscard]] const crypto::SecretKey& seed() const { return seed_; }

private:
    void write_head() const;
    /// A ledger (and seed) that this run created and never charged is removed again, so that a
    /// failed or refused first release leaves nothing behind.
    void remove_if_unused() noexcept;
    [[nodiscard]] std::string head_line() const;

    std::string path_;
    int fd_ = -1;
    bool created_file_ = false;
    bool created_seed_ = false;
    std::vector<nlohmann::json> entries_;
    std::string last_line_hash_;
    crypto::SecretKey seed_;
};

}  // namespace genoveil::release
