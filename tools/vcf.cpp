// SPDX-License-Identifier: MIT
// genoveil vcf: options -> VcfOptions -> genoveil::vcf::run_vcf.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "common/cli.hpp"
#include "common/shared_options.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/vcf/deidentify.hpp"

namespace genoveil::tools {

namespace {

struct Args {
    vcf::VcfOptions o;
    StreamArgs stream;
    std::string ids;
    std::string keep_info, keep_format, fill_tags;
    std::uint32_t min_mac = 0;
    bool sites_only = false, unphase = false, keep_order = false;
};


}  // namespace

int main_vcf(int argc, char** argv) {
    CLI::App app{"De-identify and minimize a VCF/BCF stream: keyed sample pseudonyms in a keyed order, "
                 "a scrubbed header, and only the fields the policy keeps.",
                 "vcf"};
    style(app);
    Args a;
    add_stream_options(app, a.stream, "VCF: v (plain), z (bgzf), b (BCF), u (uncompressed BCF), with an optional level digit (-Oz6)");
    app.add_option("-s,--samples", a.o.samples, "Keep only these samples (comma-separated; ^ to exclude)")
        ->type_name("LIST")->group(group::subset);
    app.add_option("-S,--samples-file", a.o.samples_file, "Keep only the samples listed in FILE (^FILE to exclude)")
        ->type_name("FILE")->group(group::subset);
    app.add_option("--ids", a.ids, "ID column: rs (keep rs numbers only), keep, drop [policy: rs]")
        ->check(CLI::IsMember({"rs", "keep", "drop"}))->type_name("MODE")->group(group::deid);
    app.add_option("--keep-info", a.keep_info, "INFO keys to keep (comma-separated) [policy: none]")
        ->type_name("LIST")->group(group::deid);
    app.add_option("--keep-format", a.keep_format, "FORMAT keys to keep, GT first [policy: GT]")
        ->type_name("LIST")->group(group::deid);
    app.add_flag("--sites-only", a.sites_only, "Drop samples and genotypes")->group(group::deid);
    app.add_option("--fill-tags", a.fill_tags, "Recompute INFO tags from the output genotypes: AC,AN,AF,NS")
        ->type_name("LIST")->group(group::deid);
    app.add_option("--min-mac", a.min_mac, "Drop sites whose minor allele count in the output is below INT")
        ->type_name("INT")->group(group::deid);
    app.add_flag("--unphase", a.unphase, "Write every genotype unphased")->group(group::deid);
    app.add_flag("--keep-order", a.keep_order, "Keep the input sample order (default: a keyed shuffle)")->group(group::deid);

    return run_command(app, argc, argv, [&] {
        apply_stream_options(app, a.stream, a.o.policy);
        auto& v = a.o.policy.vcf;
        if (app.count("--ids")) v.ids = core::parse_id_mode(a.ids);
        if (app.count("--keep-info")) v.keep_info = split_list(a.keep_info);
        if (app.count("--keep-format")) v.keep_format = split_list(a.keep_format);
        if (app.count("--sites-only")) v.sites_only = true;
        if (app.count("--fill-tags")) v.fill_tags = split_list(a.fill_tags);
        if (app.count("--min-mac")) v.min_mac = a.min_mac;
        if (app.count("--unphase")) v.unphase = true;
        if (app.count("--keep-order")) v.keep_order = true;

        copy_stream_options(a.stream, a.o);
        parse_vcf_output_type(a.stream.output_type, a.o.output_type, a.o.level);
        a.o.command_args = redacted_args(app, sensitive_options());
        vcf::run_vcf(a.o);
        return 0;
    });
}

}  // namespace genoveil::tools
