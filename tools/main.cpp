// SPDX-License-Identifier: MIT
// genoveil: one binary, one table of commands (bcftools style). The only place that exits.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <htslib/hts_log.h>

#include "commands.hpp"
#include "genoveil/core/version.hpp"

namespace {

using Entry = int (*)(int, char**);

struct Command {
    const char* name;
    Entry run;           // nullptr: a section heading
    const char* help;
};

// Commands are delivered issue by issue; the table lists what this build has.
constexpr Command commands[] = {
    {nullptr, nullptr, "De-identification"},
    {"vcf", genoveil::tools::main_vcf, "de-identify and minimize a VCF/BCF stream"},
    {"reads", genoveil::tools::main_reads, "de-identify a SAM/BAM/CRAM stream, optionally masking variants"},
    {nullptr, nullptr, "Aggregate release"},
    {"release", genoveil::tools::main_release, "differentially private allele-count summary with a budget ledger"},
    {nullptr, nullptr, "Keys and policies"},
    {"keygen", genoveil::tools::main_keygen, "create keys (pseudonym)"},
    {"policy", genoveil::tools::main_policy, "list, show and check policies"},
};

void usage(std::FILE* out) {
    std::fprintf(out,
                 "\nProgram: genoveil (de-identify and minimize genomic data for sharing)\n"
                 "Version: %s\n\n"
                 "Usage:   genoveil <command> [options]\n",
                 genoveil::version().c_str());
    for (const auto& c : commands) {
        if (c.run == nullptr)
            std::fprintf(out, "\n  -- %s\n", c.help);
        else
            std::fprintf(out, "     %-12s %s\n", c.name, c.help);
    }
    std::fprintf(out,
                 "\n  genoveil help <command>     options of one command\n"
                 "  genoveil --version          versions of genoveil and its libraries\n\n"
                 "  Each command has a man page: man genoveil-<command>\n\n");
}

const Command* find(const char* name) {
    for (const auto& c : commands)
        if (c.run != nullptr && std::strcmp(c.name, name) == 0) return &c;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    // htslib messages can quote record content; genoveil reports errors itself.
    hts_set_log_level(HTS_LOG_OFF);
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const std::string arg = argv[1];
    if (arg == "--version" || arg == "version") {
        std::cout << genoveil::version_report();
        return 0;
    }
    if (arg == "-h" || arg == "--help") {
        usage(stdout);
        return 0;
    }
    if (arg == "help") {
        if (argc < 3) {
            usage(stdout);
            return 0;
        }
        const Command* c = find(argv[2]);
        if (c == nullptr) {
            std::fprintf(stderr, "genoveil: error: unknown command '%s'\n", argv[2]);
            return 2;
        }
        char help[] = "--help";
        char* args[] = {argv[2], help, nullptr};
        return c->run(2, args);
    }
    const Command* c = find(argv[1]);
    if (c == nullptr) {
        std::fprintf(stderr, "genoveil: error: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    const int status = c->run(argc - 1, argv + 1);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        if (status == 0) {
            std::fprintf(stderr, "genoveil %s: error: writing to standard output failed\n", c->name);
            return 1;
        }
    }
    return status;
}
