// SPDX-License-Identifier: MIT
// `genoveil reads`: de-identify and minimize a SAM/BAM/CRAM stream in one pass (DESIGN.md 2.3):
// scrubbed header, keyed read-name pseudonyms, an aux tag allowlist, optional quality binning,
// record filters and, with --mask-variants, reads rewritten to the reference.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "genoveil/core/policy.hpp"

namespace genoveil::reads {

struct ReadsOptions {
    std::string input = "-";
    std::string output = "-";
    std::string format;            ///< "sam", "bam", "cram"; empty = from the output name
    int threads = 1;
    std::string write_index;       ///< "", "csi" or "bai" (BAM); CRAM always gets .crai
    core::Policy policy;           ///< with the command-line overrides applied
    std::string key_file;          ///< empty: ephemeral random key
    std::string map_out;
    std::string report;
    std::string reference;         ///< FASTA: masking, CRAM in and out
    std::string regions, regions_file;
    std::string targets, targets_file;  ///< may start with ^
    std::string exclude_bed;
    bool no_version = false;
    bool progress = false;
    std::string command_args;      ///< redacted options for provenance
};

/// Run the command. Every output is written atomically; returns the report (also written to
/// options.report when set). Throws genoveil errors.
nlohmann::json run_reads(const ReadsOptions& options);

/// Output format from a file name: .bam -> "bam", .cram -> "cram", else "sam".
[[nodiscard]] std::string infer_reads_format(const std::string& path);

}  // namespace genoveil::reads
