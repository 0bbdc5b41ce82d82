// SPDX-License-Identifier: MIT
// What `genoveil vcf` did, counted per action. Batches count on their own and the in-order
// writer adds them up, so the totals do not depend on the thread count.
#pragma once

#include <cstdint>

namespace genoveil::vcf {

struct Counters {
    std::uint64_t records_in = 0;
    std::uint64_t records_out = 0;
    std::uint64_t removed_exclude_bed = 0;
    std::uint64_t removed_targets = 0;
    std::uint64_t removed_min_mac = 0;
    std::uint64_t ids_kept = 0;
    std::uint64_t ids_removed = 0;
    std::uint64_t info_entries_removed = 0;
    std::uint64_t format_fields_removed = 0;  ///< FORMAT keys removed, summed over records
    std::uint64_t genotypes_unphased = 0;
    std::uint64_t records_tags_filled = 0;

    Counters& operator+=(const Counters& o) {
        records_in += o.records_in;
        records_out += o.records_out;
        removed_exclude_bed += o.removed_exclude_bed;
        removed_targets += o.removed_targets;
        removed_min_mac += o.removed_min_mac;
        ids_kept += o.ids_kept;
        ids_removed += o.ids_removed;
        info_entries_removed += o.info_entries_removed;
        format_fields_removed += o.format_fields_removed;
        genotypes_unphased += o.genotypes_unphased;
        records_tags_filled += o.records_tags_filled;
        return *this;
    }
};

}  // namespace genoveil::vcf
