// SPDX-License-Identifier: MIT
#include "genoveil/reads/read_names.hpp"

#include <algorithm>
#include <cstring>

#include "genoveil/core/error.hpp"

namespace genoveil::reads {

NameMode parse_name_mode(const std::string& s) {
    if (s == "hmac") return NameMode::hmac;
    if (s == "counter") return NameMode::counter;
    if (s == "keep") return NameMode::keep;
    throw usage_error("read-names must be hmac, counter or keep");
}

std::uint32_t announced_records(const bam1_t* b) {
    std::uint32_t n = 0;
    // bam_aux_get takes a non-const record but does not modify it.
    bam1_t* m = const_cast<bam1_t*>(b);
    if (const std::uint8_t* sa = bam_aux_get(m, "SA"); sa != nullptr && *sa == 'Z') {
        const char* s = reinterpret_cast<const char*>(sa + 1);
        for (; *s; ++s)
            if (*s == ';') ++n;
    }
    if (const std::uint8_t* nh = bam_aux_get(m, "NH"); nh != nullptr) {
        const std::int64_t v = bam_aux2i(nh);
        if (v > 1 && v < 1000000) n += static_cast<std::uint32_t>(v - 1);
    }
    return n;
}

std::uint64_t CounterNamer::number(const bam1_t* b) {
    const std::string_view name(bam_get_qname(b));
    if (grouped_) {
        if (next_ == 0 || name != last_) {
            last_.assign(name);
            last_id_ = ++next_;
        }
        return last_id_;
    }
    const std::uint16_t flag = b->core.flag;
    const bool primary = (flag & (BAM_FSECONDARY | BAM_FSUPPLEMENTARY)) == 0;
    const std::uint8_t want_primaries = (flag & BAM_FPAIRED) ? 2 : 1;
    auto it = open_.find(name);
    if (it == open_.end()) {
        it = open_.emplace(std::string(name), Entry{}).first;
        it->second.id = ++next_;
        it->second.expected = want_primaries;
        peak_ = std::max(peak_, open_.size());
    }
    Entry& e = it->second;
    ++e.seen;
    if (primary) {
        ++e.primaries;
        e.expected += announced_records(b);
    }
    const std::uint64_t id = e.id;
    if (e.primaries >= want_primaries && e.seen >= e.expected) open_.erase(it);
    return id;
}

}  // namespace genoveil::reads
