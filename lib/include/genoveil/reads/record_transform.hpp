// SPDX-License-Identifier: MIT
// The per-record work of `genoveil reads`, run by the parallel pipeline stage: filters, name
// pseudonym, variant masking, quality binning, aux tag allowlist (RG rewritten, MC/SA/NM/MD
// kept consistent with masking), then one rebuild of the BAM record.
// The configuration is read-only and shared; each thread has its own Worker.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <htslib/sam.h>

#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/reads/aux_tags.hpp"
#include "genoveil/reads/name_hasher.hpp"
#include "genoveil/reads/qual_bins.hpp"
#include "genoveil/reads/read_names.hpp"
#include "genoveil/reads/variant_mask.hpp"
#include "genoveil/select/region_set.hpp"

namespace genoveil::reads {

struct TransformConfig {
    NameMode names = NameMode::hmac;
    const TagPolicy* tags = nullptr;
    QualTable qual{};
    bool bin_quals = false;
    bool drop_quals = false;
    bool mask = false;
    bool trim_clips = false;
    bool drop_unmapped = false;
    bool drop_secondary = false;
    bool drop_supplementary = false;
    const select::RegionSet* exclude = nullptr;
    const select::RegionSet* targets = nullptr;
    bool targets_exclude = false;
    const sam_hdr_t* hdr = nullptr;
    const std::unordered_map<std::string, std::string>* rg_ids = nullptr;
};

struct Counters {
    std::uint64_t reads_in = 0;
    std::uint64_t reads_out = 0;
    std::uint64_t names_rewritten = 0;
    std::uint64_t filtered_unmapped = 0;
    std::uint64_t filtered_secondary = 0;
    std::uint64_t filtered_supplementary = 0;
    std::uint64_t filtered_exclude_bed = 0;
    std::uint64_t filtered_targets = 0;
    std::uint64_t rg_tags_rewritten = 0;
    std::uint64_t rg_tags_unknown_id = 0;   ///< RG values with no @RG line (pseudonymized too)
    std::uint64_t reads_quals_binned = 0;
    std::uint64_t reads_quals_dropped = 0;
    std::uint64_t unmapped_blanked = 0;     ///< masking: reads without an alignment set to N
    std::uint64_t unmapped_bases_blanked = 0;
    std::uint64_t md_nm_recomputed = 0;
    std::uint64_t mc_rewritten = 0;
    std::uint64_t sa_rewritten = 0;
    MaskCounts mask;
    TagCounts tags_dropped;
    Counters& operator+=(const Counters& o);
};

enum class Verdict { keep, unmapped, secondary, supplementary, exclude_bed, targets };

/// Which filter, if any, removes the record.
[[nodiscard]] Verdict filter(const TransformConfig& cfg, const bam1_t* b);

/// Does masking need reference bases for this record (a mapped record with a CIGAR)?
[[nodiscard]] bool needs_reference(const bam1_t* b);

/// The reference span masking reads for `b`: the aligned span widened by the soft clips.
void reference_span(const bam1_t* b, std::int64_t& beg, std::int64_t& end);

struct Worker {
    explicit Worker(const crypto::SecretKey& key) : names(key) {}
    NameHasher names;
    MaskedRead masked;
    std::string name, text, md;
    std::vector<std::uint8_t> aux, data;
    std::vector<std::uint32_t> cigar;
};

/// Thrown by transform() for a record it cannot rewrite; the caller adds file and record number.
struct MalformedRecord {
    const char* field;
    const char* what;
};

/// Rewrite a kept record in place. `counter_id` is used with NameMode::counter; `ref` is the
/// reference for masking (nullptr when not masking or the record has no alignment).
void transform(const TransformConfig& cfg, bam1_t* b, std::uint64_t counter_id, const RefSpan* ref, Worker& w,
               Counters& c);

}  // namespace genoveil::reads
