// SPDX-License-Identifier: MIT
#include "genoveil/reads/aux_tags.hpp"

#include <algorithm>
#include <cstring>

namespace genoveil::reads {

std::string tag_name(std::uint16_t code) {
    return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
}

const std::vector<std::string>& base_revealing_tags() {
    static const std::vector<std::string> t{"R2", "E2", "U2", "CS", "CT", "OA", "XA", "MM", "ML", "Mm", "Ml"};
    return t;
}

TagPolicy::TagPolicy(const std::vector<std::string>& keep, const std::vector<std::string>& drop_list) {
    for (const auto& t : keep) {
        if (t == "*") {
            std::fill(keep_.begin(), keep_.end(), std::uint8_t{1});
            break;
        }
        if (t.size() == 2) keep_[tag_code(t[0], t[1])] = 1;
    }
    for (const auto& t : drop_list) drop(t);
}

void TagPolicy::drop(const std::string& tag) {
    if (tag.size() == 2) keep_[tag_code(tag[0], tag[1])] = 0;
}

void TagCounts::add(std::uint16_t code, std::uint64_t n) {
    for (auto& [c, k] : items_)
        if (c == code) {
            k += n;
            return;
        }
    items_.emplace_back(code, n);
}

TagCounts& TagCounts::operator+=(const TagCounts& o) {
    for (const auto& [c, k] : o.items_) add(c, k);
    return *this;
}

std::map<std::string, std::uint64_t> TagCounts::by_name() const {
    std::map<std::string, std::uint64_t> m;
    for (const auto& [c, k] : items_) m[tag_name(c)] += k;
    return m;
}

namespace {
std::size_t type_size(std::uint8_t t) {
    switch (t) {
        case 'A': case 'c': case 'C': return 1;
        case 's': case 'S': return 2;
        case 'i': case 'I': case 'f': return 4;
        case 'd': return 8;
        default: return 0;
    }
}
}  // namespace

std::size_t aux_entry_size(const std::uint8_t* p, const std::uint8_t* end) {
    if (end - p < 4) return 0;
    const std::uint8_t type = p[2];
    if (const std::size_t s = type_size(type)) return end - p >= static_cast<std::ptrdiff_t>(3 + s) ? 3 + s : 0;
    if (type == 'Z' || type == 'H') {
        const void* nul = std::memchr(p + 3, 0, static_cast<std::size_t>(end - (p + 3)));
        if (nul == nullptr) return 0;
        return static_cast<std::size_t>(static_cast<const std::uint8_t*>(nul) - p) + 1;
    }
    if (type == 'B') {
        if (end - p < 8) return 0;
        const std::size_t es = type_size(p[3]);
        if (es == 0 || p[3] == 'A' || p[3] == 'd') return 0;
        std::uint32_t n = 0;
        std::memcpy(&n, p + 4, 4);  // little-endian hosts only, as htslib's own BAM code
        const std::size_t total = 8 + static_cast<std::size_t>(n) * es;
        if (static_cast<std::size_t>(end - p) < total) return 0;
        return total;
    }
    return 0;
}

}  // namespace genoveil::reads
