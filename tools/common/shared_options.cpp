// SPDX-License-Identifier: MIT
#include "common/shared_options.hpp"

#include <cstdlib>

#include "common/cli.hpp"
#include "genoveil/core/error.hpp"

namespace genoveil::tools {

void add_stream_options(CLI::App& app, StreamArgs& a, const std::string& type_help) {
    app.add_option("IN", a.input, "Input file, '-' for standard input [-]")->type_name("FILE")->group(group::io);
    app.add_option("-o,--output", a.output, "Output file, '-' for standard output [-]")->type_name("FILE")->group(group::io);
    app.add_option("-O,--output-type", a.output_type, "Output type; " + type_help + " [from the output name]")
        ->type_name("TYPE")->group(group::io);
    app.add_flag("-W{csi},--write-index{csi}", a.write_index,
                 "Index the output (--write-index=tbi for a tabix index)")->group(group::io);
    app.add_option("--map-out", a.map_out, "Write the steward's original->pseudonym table to FILE (mode 0600, never overwritten)")
        ->type_name("FILE")->group(group::io);
    app.add_option("--report", a.report, "Write a JSON report of what was changed (counts only) to FILE")
        ->type_name("FILE")->group(group::io);
    app.add_option("-r,--regions", a.regions, "Only these regions, by index jump (chr, chr:beg-end, comma-separated)")
        ->type_name("REG")->group(group::subset);
    app.add_option("-R,--regions-file", a.regions_file, "Regions from FILE (CHROM POS [END], or BED if .bed)")
        ->type_name("FILE")->group(group::subset);
    app.add_option("-t,--targets", a.targets, "Only records whose POS is in these regions, streaming (^ to exclude)")
        ->type_name("REG")->group(group::filter);
    app.add_option("-T,--targets-file", a.targets_file, "Targets from FILE (^FILE to exclude)")
        ->type_name("FILE")->group(group::filter);
    app.add_option("--exclude-bed", a.exclude_bed, "Drop records overlapping the intervals of this BED file")
        ->type_name("FILE")->group(group::filter);
    app.add_option("--policy", a.policy, "Built-in profile or TOML policy file; options override it [minimal]")
        ->type_name("NAME|FILE")->group(group::deid);
    app.add_option("--key-file", a.key_file, "Pseudonym key (or GENOVEIL_KEY_FILE); without one, an ephemeral key")
        ->type_name("FILE")->group(group::crypto);
    app.add_option("-@,--threads", a.threads, "Worker threads; the output is identical for any value [1]")
        ->type_name("INT")->check(CLI::Range(1, 1024))->group(group::perf);
    app.add_flag("--no-version", a.no_version, "Do not add genoveil provenance to the output header")->group(group::general);
    app.add_flag("-q,--quiet", a.quiet, "No progress line on a terminal")->group(group::general);
}

void apply_stream_options(const CLI::App& app, StreamArgs& a, core::Policy& policy) {
    policy = core::load_policy(a.policy);
    if (app.count("--key-file") == 0) {
        if (const char* env = std::getenv("GENOVEIL_KEY_FILE"); env != nullptr && *env != '\0') a.key_file = env;
    }
}

void parse_vcf_output_type(const std::string& s, char& type, int& level) {
    type = 0;
    level = -1;
    if (s.empty()) return;
    if (s == "vcf") {
        type = 'v';
    } else if (s == "vcf.gz") {
        type = 'z';
    } else if (s == "bcf") {
        type = 'b';
    } else if (s == "ubcf") {
        type = 'u';
    } else if ((s.size() == 1 || (s.size() == 2 && s[1] >= '0' && s[1] <= '9')) &&
               std::string("vzbu").find(s[0]) != std::string::npos) {
        type = s[0];
        if (s.size() == 2) level = s[1] - '0';
    } else {
        throw usage_error("-O: expected v, z, b or u (optionally followed by a level 0-9), or vcf, vcf.gz, bcf, ubcf");
    }
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto p = s.find(',', start);
        const auto item = s.substr(start, p == std::string::npos ? std::string::npos : p - start);
        if (!item.empty()) out.push_back(item);
        if (p == std::string::npos) break;
        start = p + 1;
    }
    return out;
}

const std::set<std::string>& sensitive_options() {
    static const std::set<std::string> s{"--output",       "--key-file",     "--map-out",      "--report",
                                         "--samples",      "--samples-file", "--regions-file", "--targets-file",
                                         "--regions",      "--targets",
                                         "--exclude-bed",  "--policy",       "--reference"};
    return s;
}

}  // namespace genoveil::tools
