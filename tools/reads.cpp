// SPDX-License-Identifier: MIT
// genoveil reads: options -> ReadsOptions -> genoveil::reads::run_reads.
#include <string>
#include <vector>

#include "commands.hpp"
#include "common/cli.hpp"
#include "common/shared_options.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/reads/deidentify.hpp"

namespace genoveil::tools {

namespace {

struct Args {
    reads::ReadsOptions o;
    StreamArgs stream;
    std::string read_names, keep_tags, drop_tags, qual_bins, soft_clips;
    bool drop_quals = false, drop_unmapped = false, drop_secondary = false, drop_supplementary = false;
    bool mask_variants = false;
};


// -O for reads: sam, bam or cram (any case).
std::string parse_reads_output_type(std::string s) {
    for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (s.empty() || s == "sam" || s == "bam" || s == "cram") return s;
    throw usage_error("-O: expected sam, bam or cram");
}

}  // namespace

int main_reads(int argc, char** argv) {
    CLI::App app{"De-identify and minimize a SAM/BAM/CRAM stream: a scrubbed header, keyed read-name and "
                 "read-group pseudonyms, an aux tag allowlist, optional quality binning and, with "
                 "--mask-variants, read bases rewritten to the reference.",
                 "reads"};
    style(app);
    Args a;
    add_stream_options(app, a.stream, "sam, bam or cram");
    app.get_option("--write-index")->description("Index the output: .csi, or .bai with --write-index=bai; CRAM gets .crai");
    app.get_option("--targets")->description("Only reads overlapping these regions, streaming (^ to exclude)");
    app.add_option("--reference", a.o.reference, "Reference FASTA, for --mask-variants and to decode CRAM input (never fetched remotely)")
        ->type_name("FA")->group(group::io);
    app.add_option("--read-names", a.read_names, "Read names: hmac (keyed pseudonym), counter, keep [policy: hmac]")
        ->check(CLI::IsMember({"hmac", "counter", "keep"}))->type_name("MODE")->group(group::deid);
    app.add_option("--keep-tags", a.keep_tags, "Aux tags to keep, comma-separated, * for all [policy: RG]")
        ->type_name("LIST")->group(group::deid);
    app.add_option("--drop-tags", a.drop_tags, "Keep every aux tag except these (comma-separated)")
        ->type_name("LIST")->group(group::deid);
    app.add_option("--qual-bins", a.qual_bins, "Bin base qualities: illumina8, illumina4, binary, none [policy: none]")
        ->check(CLI::IsMember({"illumina8", "illumina4", "binary", "none"}))->type_name("SCHEME")->group(group::deid);
    app.add_flag("--drop-quals", a.drop_quals, "Remove base qualities (QUAL '*')")->group(group::deid);
    app.add_flag("--mask-variants", a.mask_variants, "Rewrite read bases to the reference (needs --reference)")
        ->group(group::deid);
    app.add_option("--soft-clips", a.soft_clips, "With --mask-variants: mask (to reference) or trim soft clips [policy: mask]")
        ->check(CLI::IsMember({"mask", "trim"}))->type_name("MODE")->group(group::deid);
    app.add_flag("--drop-unmapped", a.drop_unmapped, "Drop unmapped reads")->group(group::filter);
    app.add_flag("--drop-secondary", a.drop_secondary, "Drop secondary alignments")->group(group::filter);
    app.add_flag("--drop-supplementary", a.drop_supplementary, "Drop supplementary alignments")->group(group::filter);

    return run_command(app, argc, argv, [&] {
        apply_stream_options(app, a.stream, a.o.policy);
        auto& r = a.o.policy.reads;
        if (app.count("--keep-tags") && app.count("--drop-tags")) throw usage_error("give --keep-tags or --drop-tags, not both");
        if (app.count("--read-names")) r.read_names = a.read_names;
        if (app.count("--keep-tags")) {
            r.keep_tags = split_list(a.keep_tags);
            r.drop_tags.clear();
        }
        if (app.count("--drop-tags")) {
            r.keep_tags = {"*"};
            r.drop_tags = split_list(a.drop_tags);
        }
        if (app.count("--qual-bins")) r.qual_bins = a.qual_bins;
        if (app.count("--drop-quals")) r.drop_quals = true;
        if (app.count("--mask-variants")) r.mask_variants = true;
        if (app.count("--soft-clips")) r.soft_clips = a.soft_clips;
        if (app.count("--drop-unmapped")) r.drop_unmapped = true;
        if (app.count("--drop-secondary")) r.drop_secondary = true;
        if (app.count("--drop-supplementary")) r.drop_supplementary = true;

        copy_stream_options(a.stream, a.o);
        a.o.format = parse_reads_output_type(a.stream.output_type);
        a.o.command_args = redacted_args(app, sensitive_options());
        reads::run_reads(a.o);
        return 0;
    });
}

}  // namespace genoveil::tools
