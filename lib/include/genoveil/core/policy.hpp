// SPDX-License-Identifier: MIT
// Policies: what each command keeps. A policy is a built-in profile or a TOML file that starts
// from a profile (`base`, default "minimal") and overrides some keys. Command-line options
// override the policy. The canonical text of the effective policy is hashed (SHA-256) into
// provenance so that a recipient can tell exactly which rules produced a file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "genoveil/core/reads_policy.hpp"

namespace genoveil::core {

enum class IdMode { rs, keep, drop };

struct VcfPolicy {
    IdMode ids = IdMode::rs;                       ///< ID column: rs numbers only, all, none
    std::vector<std::string> keep_info;            ///< INFO keys kept (default none)
    std::vector<std::string> keep_format{"GT"};    ///< FORMAT keys kept
    bool sites_only = false;                       ///< drop samples and FORMAT
    std::vector<std::string> fill_tags;            ///< recompute from output: AC AN AF NS
    std::uint32_t min_mac = 0;                     ///< drop sites whose minor allele count < this
    bool unphase = false;                          ///< write every GT unphased
    bool keep_order = false;                       ///< keep input sample order (no keyed shuffle)
};

struct Policy {
    std::string name = "minimal";
    VcfPolicy vcf;
    ReadsPolicy reads;
};

/// Names of the built-in profiles.
[[nodiscard]] std::vector<std::string> builtin_profiles();
/// One-line description of a built-in profile.
[[nodiscard]] std::string describe_profile(const std::string& name);

/// A built-in profile by name, or a TOML policy file by path (names win when both exist only
/// if the argument has no '/' and no ".toml" suffix). Throws usage_error with the key path on
/// unknown keys, wrong types or bad values.
[[nodiscard]] Policy load_policy(const std::string& name_or_file);
/// Parse TOML text; `origin` names the source in messages.
[[nodiscard]] Policy parse_policy(const std::string& text, const std::string& origin);

/// Canonical TOML of the whole effective policy (every key, fixed order).
[[nodiscard]] std::string to_toml(const Policy& p);
/// "sha256:<hex>" of to_toml(p).
[[nodiscard]] std::string policy_digest(const Policy& p);

[[nodiscard]] std::string to_string(IdMode m);
[[nodiscard]] IdMode parse_id_mode(const std::string& s);

/// A TOML basic string: double quotes, with backslash escapes for quotes, backslashes and
/// control characters.
[[nodiscard]] std::string toml_quote(const std::string& s);
/// ["a", "b"]
[[nodiscard]] std::string toml_list(const std::vector<std::string>& xs);

/// Check the VCF section for impossible values (fill-tags outside AC,AN,AF,NS, ...).
void validate(const VcfPolicy& v);

}  // namespace genoveil::core
