// SPDX-License-Identifier: MIT
// The option family shared by the streaming commands (DESIGN.md 2.1), declared once.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "genoveil/core/policy.hpp"
#include "genoveil/core/progress.hpp"

namespace genoveil::tools {

struct StreamArgs {
    std::string input = "-";
    std::string output = "-";
    std::string output_type;
    int threads = 1;
    std::string write_index;
    std::string policy = "minimal";
    std::string key_file;
    std::string map_out;
    std::string report;
    std::string regions, regions_file, targets, targets_file, exclude_bed;
    bool no_version = false;
    bool quiet = false;
};

/// Declare IN, -o, -O, -@, -W, --policy, --key-file, --map-out, --report, -r/-R, -t/-T,
/// --exclude-bed, --no-version, -q. `type_help` explains -O for this command.
void add_stream_options(CLI::App& app, StreamArgs& a, const std::string& type_help);

/// Load the policy named by --policy; the key file from GENOVEIL_KEY_FILE when --key-file is
/// absent.
void apply_stream_options(const CLI::App& app, StreamArgs& a, core::Policy& policy);

/// Copy the shared family into a command's options (vcf::VcfOptions, reads::ReadsOptions).
template <class Options>
void copy_stream_options(const StreamArgs& s, Options& o) {
    o.input = s.input;
    o.output = s.output;
    o.threads = s.threads;
    o.key_file = s.key_file;
    o.map_out = s.map_out;
    o.report = s.report;
    o.regions = s.regions;
    o.regions_file = s.regions_file;
    o.targets = s.targets;
    o.targets_file = s.targets_file;
    o.exclude_bed = s.exclude_bed;
    o.no_version = s.no_version;
    o.progress = core::Progress::wanted(s.quiet);
    o.write_index = s.write_index;
}

/// "z", "z6", "b", "u", "v", "vcf", "vcf.gz", "bcf", "ubcf" -> type letter and level.
void parse_vcf_output_type(const std::string& s, char& type, int& level);

/// "a,b,,c" -> {"a", "b", "c"}: the comma-separated lists of every command.
[[nodiscard]] std::vector<std::string> split_list(const std::string& s);

/// Options whose values never appear in provenance.
[[nodiscard]] const std::set<std::string>& sensitive_options();

}  // namespace genoveil::tools
