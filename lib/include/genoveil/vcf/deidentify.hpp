// SPDX-License-Identifier: MIT
// `genoveil vcf`: de-identify and minimize a VCF/BCF stream in one pass.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "genoveil/core/policy.hpp"

namespace genoveil::vcf {

struct VcfOptions {
    std::string input = "-";
    std::string output = "-";
    char output_type = 0;          ///< 'v' 'z' 'b' 'u'; 0 = from the output name
    int level = -1;                ///< compression level 0-9, -1 = htslib default
    int threads = 1;
    std::string write_index;       ///< "", "csi" or "tbi"
    core::Policy policy;
    std::string key_file;          ///< empty: ephemeral random key
    std::string map_out;
    std::string report;
    std::string samples;           ///< -s list, may start with ^
    std::string samples_file;      ///< -S file, may start with ^
    std::string regions, regions_file;
    std::string targets, targets_file;  ///< may start with ^
    std::string exclude_bed;
    bool no_version = false;
    bool progress = false;
    std::string command_args;      ///< redacted options for provenance
};

/// Run the command. Writes the outputs atomically; returns the report (also written to
/// options.report when set). Throws genoveil errors.
nlohmann::json run_vcf(const VcfOptions& options);

/// Output type from a file name: .bcf -> 'b', .vcf.gz/.vcf.bgz/.gz -> 'z', else 'v'.
[[nodiscard]] char infer_output_type(const std::string& path);

/// htslib open mode for an output type letter and compression level (-1 = default).
[[nodiscard]] std::string write_mode(char type, int level);

}  // namespace genoveil::vcf
