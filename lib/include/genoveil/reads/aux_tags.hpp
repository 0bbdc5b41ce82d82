// SPDX-License-Identifier: MIT
// Aux (optional field) handling for `genoveil reads`: which tags survive (--keep-tags /
// --drop-tags), a walker over the raw BAM aux bytes that accepts every type of the SAM spec
// (A c C s S i I f d Z H B) and rejects anything else as malformed, and per-tag counters for
// the report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace genoveil::reads {

/// Two tag characters packed into one number ('R' << 8 | 'G').
[[nodiscard]] constexpr std::uint16_t tag_code(char a, char b) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(a) << 8) | static_cast<unsigned char>(b));
}
[[nodiscard]] std::string tag_name(std::uint16_t code);

/// Tags whose values carry read bases or the original alignment; `--mask-variants` removes
/// them even when kept, since they would give back what masking took away
/// (R2 E2 U2 CS CT OA XA MM ML Mm Ml).
[[nodiscard]] const std::vector<std::string>& base_revealing_tags();

/// The keep/drop decision for every tag, precomputed.
class TagPolicy {
public:
    /// `keep` may contain "*" (every tag); `drop` always wins.
    TagPolicy(const std::vector<std::string>& keep, const std::vector<std::string>& drop);
    [[nodiscard]] bool keeps(std::uint16_t code) const { return keep_[code] != 0; }
    void drop(const std::string& tag);

private:
    std::vector<std::uint8_t> keep_ = std::vector<std::uint8_t>(65536, 0);
};

/// Counts per tag (few distinct tags, so a flat list).
class TagCounts {
public:
    void add(std::uint16_t code, std::uint64_t n = 1);
    TagCounts& operator+=(const TagCounts& o);
    /// Sorted by tag name.
    [[nodiscard]] std::map<std::string, std::uint64_t> by_name() const;
    void clear() { items_.clear(); }

private:
    std::vector<std::pair<std::uint16_t, std::uint64_t>> items_;
};

/// Size in bytes of the aux entry starting at `p` (tag, type and value), or 0 when the entry is
/// malformed, has an unknown type or runs past `end`.
[[nodiscard]] std::size_t aux_entry_size(const std::uint8_t* p, const std::uint8_t* end);

}  // namespace genoveil::reads
