// SPDX-License-Identifier: MIT
// genoveil release: options -> ReleaseOptions -> genoveil::release::run_release.
#include <iostream>

#include "commands.hpp"
#include "common/cli.hpp"
#include "common/shared_options.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/core/progress.hpp"
#include "genoveil/release/release.hpp"

namespace genoveil::tools {

int main_release(int argc, char** argv) {
    CLI::App app{"Differentially private allele-count summary of a cohort for a public site list: noisy "
                 "genotype-class counts and the AC, AN, AF, nhomalt derived from them, with a privacy-budget ledger.",
                 "release"};
    style(app);
    release::ReleaseOptions o;
    std::string output_type;
    bool quiet = false;
    std::uint64_t predict = 0, seed = 0;
    app.add_option("IN", o.input, "Cohort VCF/BCF, '-' for standard input [-]")->type_name("FILE")->group(group::io);
    app.add_option("-o,--output", o.output, "Output sites-only VCF, '-' for standard output [-]")->type_name("FILE")->group(group::io);
    app.add_option("-O,--output-type", output_type, "v, z, b or u, optional level digit [from the output name]")
        ->type_name("TYPE")->group(group::io);
    app.add_flag("-W{csi},--write-index{csi}", o.write_index, "Index the output (--write-index=tbi for tabix)")->group(group::io);
    app.add_option("--report", o.report, "JSON report (steward only: holds exact cohort figures)")->type_name("FILE")->group(group::io);
    app.add_option("--sites", o.sites, "Public site list: VCF/BCF or TSV CHROM POS REF ALT (the released universe)")
        ->type_name("FILE")->group(group::subset);
    app.add_flag("--sites-from-input", o.sites_from_input, "Release the input's own sites (site presence NOT protected)")
        ->group(group::subset);
    app.add_option("--absent", o.absent, "Listed sites missing from the input count as: missing or homref [missing]")
        ->check(CLI::IsMember({"missing", "homref"}))->type_name("RULE")->group(group::subset);
    app.add_option("--groups", o.groups, "TSV SAMPLE<TAB>GROUP: counts per group (INFO suffix _GROUP); others not counted")
        ->type_name("FILE")->group(group::subset);
    std::string haploid;
    app.add_option("--haploid-contigs", haploid, "Contigs with haploid cells [X,Y,MT,M,chrX,chrY,chrM,chrMT]")
        ->type_name("LIST")->group(group::subset);
    app.add_flag("--raw", o.raw, "Also publish the noisy cells before post-processing (INFO NOISY), for analysts")
        ->group(group::deid);
    app.add_option("--mechanism", o.mechanism, "gaussian (zCDP, default) or laplace (pure epsilon, small panels)")
        ->check(CLI::IsMember({"gaussian", "laplace"}))->type_name("NAME")->group(group::deid);
    app.add_option("--rho", o.rho, "zCDP budget of this release, exact decimal [0.25]")->type_name("RHO")->group(group::deid);
    app.add_option("--epsilon", o.epsilon, "Budget as epsilon (with --delta for gaussian)")->type_name("EPS")->group(group::deid);
    app.add_option("--delta", o.delta, "delta for --epsilon, and for the reported guarantee [1e-9]")->type_name("DELTA")->group(group::deid);
    app.add_option("--ledger", o.ledger, "Privacy-budget ledger of the dataset (created if missing; required)")
        ->type_name("FILE")->group(group::deid);
    app.add_option("--budget-cap", o.budget_cap, "Lifetime rho cap of the dataset [1]")->type_name("RHO")->group(group::deid);
    app.add_option("--predict", predict, "Print the noise and expected SE of AF for a planning cohort of N; spend nothing")
        ->type_name("N")->group(group::deid);
    app.add_option("--seed", seed, "TESTS ONLY: deterministic noise; stamps the output NOT PRIVATE")->type_name("INT")->group(group::deid);
    app.add_option("-@,--threads", o.threads, "Worker threads for the counting pass [1]")->check(CLI::Range(1, 1024))
        ->type_name("INT")->group(group::perf);
    app.add_flag("--no-version", o.no_version, "Do not add genoveil provenance to the output header")->group(group::general);
    app.add_flag("-q,--quiet", quiet, "No progress line on a terminal")->group(group::general);

    return run_command(app, argc, argv, [&] {
        int level = -1;
        parse_vcf_output_type(output_type, o.output_type, level);
        o.level = level;
        o.progress = core::Progress::wanted(quiet);
        if (app.count("--seed")) o.seed = seed;
        if (app.count("--haploid-contigs")) o.haploid_contigs = split_list(haploid);
        if (app.count("--predict")) {
            if (predict == 0) throw usage_error("--predict needs a planning cohort size above 0");
            std::cout << release::predict_release(o, predict);
            return 0;
        }
        o.command_args = redacted_args(app, {"--output", "--report", "--sites", "--groups", "--ledger"});
        release::run_release(o);
        return 0;
    });
}

}  // namespace genoveil::tools
