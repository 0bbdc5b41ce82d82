// SPDX-License-Identifier: MIT
// Read-name rewriting (--read-names).
//   hmac     pseudonym(key, "read", QNAME): 120 bits, 24 base32 characters. Every record of a
//            template (both mates, secondary and supplementary alignments) has the same QNAME,
//            so they get the same pseudonym wherever they are in the file. Stateless, parallel.
//   counter  1, 2, 3, ... in order of first appearance of each template. Needs memory:
//            - input grouped by name (@HD SO:queryname or GO:query): only the current template;
//            - otherwise one entry per template that is still open: an entry is opened by the
//              first record of a template and closed once its primary records (one, or two for
//              a pair) and the supplementary / secondary records announced by their SA and NH
//              tags have all been seen. On coordinate-sorted pairs that is the templates whose
//              mate is still ahead (about insert size x depth, plus pairs with a distant or
//              unmapped mate); a template whose mate never appears (filtered upstream, -r) stays
//              until the end. About 80 bytes plus the name length per open entry.
//            A record of a closed template that still shows up later gets a new number.
//   keep     unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <htslib/sam.h>

namespace genoveil::reads {

enum class NameMode { hmac, counter, keep };

[[nodiscard]] NameMode parse_name_mode(const std::string& s);

/// Serial counter naming; call in input order.
class CounterNamer {
public:
    explicit CounterNamer(bool name_grouped) : grouped_(name_grouped) {}
    /// The number of the template of `b` (read before any filtering or tag removal).
    std::uint64_t number(const bam1_t* b);
    /// Templates currently held in memory, and the most ever held.
    [[nodiscard]] std::size_t open() const { return open_.size(); }
    [[nodiscard]] std::size_t peak() const { return peak_; }

private:
    struct Entry {
        std::uint64_t id = 0;
        std::uint32_t seen = 0;
        std::uint32_t expected = 0;  // records announced so far
        std::uint8_t primaries = 0;  // primary records seen
    };
    bool grouped_;
    std::uint64_t next_ = 0;
    std::string last_;
    std::uint64_t last_id_ = 0;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> open_;
    std::size_t peak_ = 0;
};

/// Records a primary record announces besides itself: the number of SA entries plus NH - 1.
[[nodiscard]] std::uint32_t announced_records(const bam1_t* b);

}  // namespace genoveil::reads
