// SPDX-License-Identifier: MIT
// Header phase of `genoveil vcf`: from the input header and the policy, build the header the
// output carries (allow-list: fileformat, contig ID+length, FILTER and ALT definitions, the
// INFO/FORMAT definitions of kept fields, genoveil provenance) and the header the minimized
// records are parsed with (same, plus the samples when genotypes are still needed for
// --fill-tags or --min-mac in sites-only mode).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "genoveil/core/policy.hpp"
#include "genoveil/hts/hts_ptr.hpp"

namespace genoveil::vcf {

struct HeaderResult {
    hts::HdrPtr out;                         ///< records are parsed and written with it
    std::vector<std::string> keep_info;      ///< INFO keys kept that the input defines
    std::vector<std::string> keep_format;    ///< FORMAT keys kept that the input defines
    std::vector<std::string> undefined_kept; ///< asked-for keys the input does not define
    std::size_t lines_in = 0;
    std::size_t lines_out = 0;
    std::map<std::string, std::size_t> removed;  ///< by category, never by value
};

/// `samples` are the output column names (ignored when the policy is sites-only);
/// `provenance` lines are appended verbatim.
[[nodiscard]] HeaderResult build_header(const bcf_hdr_t* in, const core::VcfPolicy& policy,
                                        const std::vector<std::string>& samples,
                                        const std::vector<std::string>& provenance);

/// Provenance lines: ##genoveil_<cmd>Version and ##genoveil_<cmd>Command (no date).
[[nodiscard]] std::vector<std::string> provenance_lines(const std::string& command,
                                                        const std::string& redacted_args,
                                                        const std::string& policy_digest);

}  // namespace genoveil::vcf
