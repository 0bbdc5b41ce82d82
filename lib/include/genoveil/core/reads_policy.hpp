// SPDX-License-Identifier: MIT
// The [reads] section of a policy (DESIGN.md 2.3): what `genoveil reads` keeps.
#pragma once

#include <string>
#include <vector>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace genoveil::core {

struct ReadsPolicy {
    std::string read_names = "hmac";          ///< hmac | counter | keep
    std::vector<std::string> keep_tags{"RG"}; ///< aux tags kept (RG rewritten to the new ID); "*" = all
    std::vector<std::string> drop_tags;       ///< aux tags removed even when keep_tags has them or "*"
    std::string qual_bins = "none";           ///< illumina8 | illumina4 | binary | none
    bool drop_quals = false;
    bool drop_unmapped = false;
    bool drop_secondary = false;
    bool drop_supplementary = false;
    bool mask_variants = false;
    std::string soft_clips = "mask";          ///< mask | trim (with mask_variants)
};

/// Apply the keys of a [reads] table; throws usage_error naming "reads.<key>".
void apply_reads_policy(const toml::table& t, ReadsPolicy& r, const std::string& origin);
/// Canonical TOML of the section, starting with "[reads]".
[[nodiscard]] std::string reads_policy_toml(const ReadsPolicy& r);
/// Reject impossible values.
void validate(const ReadsPolicy& r);

}  // namespace genoveil::core
