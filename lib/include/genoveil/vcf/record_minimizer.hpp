// SPDX-License-Identifier: MIT
// Text-level minimization of one VCF data line, before htslib parses it: drop ID entries that
// are not rs numbers, INFO entries and FORMAT keys not kept, reorder and subset sample columns,
// unphase. Parsing only what is kept is what makes the pass cheap, and it guarantees htslib
// never meets (and never adds to the shared header) a key the output does not define.
// Also applies the streaming filters (--exclude-bed, -t/-T, --min-mac) and validates the
// columns: CHROM, FILTER and FORMAT keys must be declared, POS and QUAL numeric, REF and ALT
// alleles well formed, GT values strictly valid (see genotype.hpp), sample columns complete.
// minimize() is const on the config and may run on many threads with separate Scratch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include "genoveil/core/policy.hpp"
#include "genoveil/select/region_set.hpp"
#include "genoveil/vcf/counters.hpp"
#include "genoveil/vcf/genotype.hpp"

namespace genoveil::vcf {

struct MinimizerConfig {
    const bcf_hdr_t* in = nullptr;     ///< input header: FORMAT and FILTER must be defined here
    const bcf_hdr_t* out = nullptr;    ///< output header: CHROM must be a contig here
    int n_in_samples = 0;
    std::vector<int> order;            ///< input sample column per output column (kept samples)
    bool emit_samples = true;          ///< false: sites only (genotypes may still be counted)
    bool count_alleles = false;        ///< count GT alleles of the kept samples into Scratch
    std::uint32_t min_mac = 0;         ///< drop sites whose minor allele count is below
    std::vector<std::string> keep_info;
    std::vector<std::string> keep_format;  ///< kept FORMAT keys (GT only, when counting in sites-only mode)
    core::IdMode ids = core::IdMode::rs;
    bool unphase = false;
    const select::RegionSet* targets = nullptr;  ///< keep records whose POS is inside
    bool targets_exclude = false;                ///< ... or outside, with ^
    const select::RegionSet* exclude = nullptr;  ///< drop records overlapping these
    std::string file;                            ///< input name for messages
};

/// Per-thread reusable state (caches of the last FORMAT/FILTER/CHROM seen).
struct Scratch {
    std::vector<std::size_t> col;     // sample column starts
    std::string last_format;
    std::vector<int> sel;             // input FORMAT indices kept, in order
    int gt_sel = -1;                  // position of GT within sel, or -1
    std::size_t n_format_keys = 0;
    std::string out_format;
    std::string last_filter;
    std::string last_chrom;
    AlleleCounts counts;              // of the last kept record, when counting
};

enum class Verdict { keep, drop_exclude, drop_target, drop_min_mac };

/// Minimize `line` (no trailing newline; modified in place) into `out` (cleared first).
/// Throws input_error naming file, record and field on malformed content.
Verdict minimize(const MinimizerConfig& cfg, char* line, std::size_t len, std::uint64_t record,
                 kstring_t* out, Scratch& scratch, Counters& counters);

}  // namespace genoveil::vcf
