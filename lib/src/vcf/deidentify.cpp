// SPDX-License-Identifier: MIT
// Orchestration of `genoveil vcf`: header phase, then the record pipeline
//   serial reader (raw lines or BCF records) -> parallel minimize/parse/transform/format
//   -> serial in-order writer,
// then index, map and report, each committed atomically.
#include "genoveil/vcf/deidentify.hpp"

#include <algorithm>
#include <cerrno>
#include <memory>
#include <optional>

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/run_outputs.hpp"
#include "genoveil/core/output_file.hpp"
#include "genoveil/core/progress.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/pipeline/pipeline.hpp"
#include "genoveil/vcf/genotype_tags.hpp"
#include "genoveil/vcf/header_builder.hpp"
#include "genoveil/vcf/record_minimizer.hpp"
#include "genoveil/vcf/sample_plan.hpp"
#include "genoveil/vcf/vcf_source.hpp"

namespace genoveil::vcf {

namespace {

constexpr std::size_t batch_records = 1024;
constexpr std::size_t batch_bytes = 1 << 20;

struct Batch : RawBatch {
    std::vector<hts::RecPtr> recs;  // parsed output records
    std::vector<char> keep;
    hts::KString text;  // formatted VCF text of the kept records
    hts::KString work;
    Counters counters;
};

// htslib's vcf_parse uses scratch memory inside the header (bcf_hdr_t::mem), so each worker
// parses with its own copy of the output header; the copies have identical dictionaries.
struct ThreadState {
    hts::HdrPtr parse;
    Scratch scratch;
};


[[noreturn]] void parse_failure(const std::string& file, std::uint64_t rec, int errcode) {
    if (errcode & BCF_ERR_CTG_UNDEF) throw input_error(file, rec, "CHROM", "contig not declared in the header");
    if (errcode & BCF_ERR_TAG_UNDEF) throw input_error(file, rec, "INFO/FORMAT", "tag not defined in the header");
    if (errcode & BCF_ERR_NCOLS) throw input_error(file, rec, "", "wrong number of columns");
    if (errcode & BCF_ERR_LIMITS) throw input_error(file, rec, "", "a value exceeds the limits of the VCF/BCF format");
    if (errcode & BCF_ERR_CHAR) throw input_error(file, rec, "", "invalid character");
    if (errcode & BCF_ERR_CTG_INVALID) throw input_error(file, rec, "CHROM", "invalid contig");
    if (errcode & BCF_ERR_TAG_INVALID) throw input_error(file, rec, "INFO/FORMAT", "invalid tag");
    throw input_error(file, rec, "", "malformed record (the kept fields, such as GT, could not be parsed)");
}

void check_options(const VcfOptions& o, char type) {
    if (o.threads < 1 || o.threads > 1024) throw usage_error("--threads must be between 1 and 1024");
    if (o.level > 9) throw usage_error("compression level must be 0-9");
    if (!o.write_index.empty()) {
        if (core::is_stdio(o.output)) throw usage_error("-W needs an output file (-o), not standard output");
        if (type != 'z' && type != 'b') throw usage_error("-W needs compressed output (-Oz or -Ob)");
        if (o.write_index == "tbi" && type != 'z') throw usage_error("-W=tbi needs -Oz; BCF is indexed with csi");
        if (o.write_index != "csi" && o.write_index != "tbi") throw usage_error("-W takes csi or tbi");
    }
    if (!o.regions.empty() && !o.regions_file.empty()) throw usage_error("give -r or -R, not both");
    if (!o.targets.empty() && !o.targets_file.empty()) throw usage_error("give -t or -T, not both");
    if (!o.samples.empty() && !o.samples_file.empty()) throw usage_error("give -s or -S, not both");
    const auto& v = o.policy.vcf;
    const bool need_gt = !v.fill_tags.empty() || v.min_mac > 0;
    if (need_gt && !v.sites_only && std::find(v.keep_format.begin(), v.keep_format.end(), "GT") == v.keep_format.end())
        throw usage_error("fill-tags and min-mac count the output genotypes, so FORMAT/GT must be kept");
    if (!v.sites_only && v.keep_format.empty())
        throw usage_error("keep-format is empty; to drop genotypes use --sites-only");
    core::validate(v);
}

}  // namespace

std::string write_mode(char type, int level) {
    std::string m = "w";
    switch (type) {
        case 'z': m += 'z'; break;
        case 'b': m += 'b'; break;
        case 'u': m += "bu"; break;
        default: break;
    }
    if (level >= 0 && (type == 'z' || type == 'b')) m += static_cast<char>('0' + level);
    return m;
}

char infer_output_type(const std::string& path) {
    if (path.ends_with(".bcf")) return 'b';
    if (path.ends_with(".gz") || path.ends_with(".bgz")) return 'z';
    return 'v';
}

nlohmann::json run_vcf(const VcfOptions& o) {
    const char type = o.output_type ? o.output_type : infer_output_type(o.output);
    check_options(o, type);
    const auto& pol = o.policy.vcf;
    core::install_signal_cleanup();

    // Keys first: a bad key file must fail before anything is read or created.
    const crypto::SecretKey key = o.key_file.empty() ? crypto::random_key() : crypto::load_key(o.key_file);
    crypto::Hmac hmac(key);

    bool regions_negate = false, targets_negate = false;
    const auto regions = select::region_option(o.regions, o.regions_file, regions_negate);
    if (regions_negate) throw usage_error("-r/-R do not take '^'; use -t/-T to exclude");
    const auto targets = select::region_option(o.targets, o.targets_file, targets_negate);
    std::optional<select::RegionSet> exclude_set;
    if (!o.exclude_bed.empty()) exclude_set = select::read_region_file(o.exclude_bed, true);

    // Reserve every output up front so a missing directory or an existing map fails early.
    core::RunOutputs files(o.output, o.write_index.empty() ? "" : o.output + "." + o.write_index, o.map_out, o.report);

    hts::ThreadPool pool(o.threads);
    VcfSource src(o.input, pool, regions ? &*regions : nullptr);
    const bcf_hdr_t* in_hdr = src.header();
    const int n_in = bcf_hdr_nsamples(in_hdr);

    std::vector<std::string> names;
    for (int i = 0; i < n_in; ++i) names.emplace_back(in_hdr->samples[i]);
    const SampleSelection sel = !o.samples_file.empty() ? read_sample_file(o.samples_file) : parse_sample_list(o.samples);
    const SamplePlan plan = make_sample_plan(names, sel, hmac, pol.keep_order);

    const bool need_gt = !pol.fill_tags.empty() || pol.min_mac > 0;
    if (need_gt && (n_in == 0 || plan.order.empty()))
        throw usage_error("fill-tags and min-mac (from the options or the policy) count genotypes, and the output has no samples to count");
    const auto prov = o.no_version ? std::vector<std::string>{}
                                   : provenance_lines("vcf", o.command_args, core::policy_digest(o.policy));
    const HeaderResult hr = build_header(in_hdr, pol, plan.out_names, prov);
    const bool has_gt = std::find(hr.keep_format.begin(), hr.keep_format.end(), "GT") != hr.keep_format.end() ||
                        (pol.sites_only && bcf_hdr_idinfo_exists(in_hdr, BCF_HL_FMT, bcf_hdr_id2int(in_hdr, BCF_DT_ID, "GT")));
    if (need_gt && !has_gt)
        throw usage_error("fill-tags and min-mac need FORMAT/GT, which the input header does not define");

    MinimizerConfig mc;
    mc.in = in_hdr;
    mc.out = hr.out.get();
    mc.n_in_samples = n_in;
    mc.order = plan.order;
    mc.emit_samples = !pol.sites_only;
    mc.count_alleles = need_gt;
    mc.min_mac = pol.min_mac;
    mc.keep_info = hr.keep_info;
    mc.keep_format = pol.sites_only ? (need_gt ? std::vector<std::string>{"GT"} : std::vector<std::string>{}) : hr.keep_format;
    if (mc.emit_samples && n_in > 0 && mc.keep_format.empty())
        throw input_error(src.name(), 0, "header", "has samples but defines none of the FORMAT keys to keep (use --sites-only to drop genotypes)");
    mc.ids = pol.ids;
    mc.unphase = pol.unphase;
    mc.targets = targets ? &*targets : nullptr;
    mc.targets_exclude = targets_negate;
    mc.exclude = exclude_set ? &*exclude_set : nullptr;
    mc.file = src.name();

    FillTags fill;
    for (const auto& t : pol.fill_tags) {
        fill.ac |= t == "AC";
        fill.an |= t == "AN";
        fill.af |= t == "AF";
        fill.ns |= t == "NS";
    }
    // The minimizer's text is already the output record when nothing else changes it: GT-only
    // (or no) genotypes, no INFO kept, no tags to fill, text output. Otherwise htslib parses it
    // and writes the record.
    const bool text_out = type == 'v' || type == 'z';
    const bool gt_only = mc.keep_format.empty() || (mc.keep_format.size() == 1 && mc.keep_format[0] == "GT");
    const bool direct_text = text_out && gt_only && mc.keep_info.empty() && !fill.any();

    // Output.
    const std::string out_path = files.out ? files.out->temp_path() : std::string("-");
    hts::FilePtr out(hts_open(out_path.c_str(), write_mode(type, o.level).c_str()));
    if (!out) throw io_error(errno_message(core::is_stdio(o.output) ? std::string("<stdout>") : o.output));
    if (type != 'v') pool.attach(out.get());  // plain text is not compressed: no pool to give it
    errno = 0;
    if (bcf_hdr_write(out.get(), hr.out.get()) < 0) throw io_error(write_failure(o.output) + " (writing the header)");

    const bool bcf_in = src.is_bcf();
    oneapi::tbb::enumerable_thread_specific<ThreadState> states;
    Counters totals;
    core::Progress progress(o.progress, "genoveil vcf");
    const std::string out_name = core::is_stdio(o.output) ? std::string("<stdout>") : o.output;

    pipeline::Stages<Batch> stages;
    stages.fill = [&](Batch& b) {
        if (!src.fill(b, batch_records, batch_bytes)) return false;
        while (b.recs.size() < b.n) b.recs.emplace_back(bcf_init());
        return true;
    };
    stages.transform = [&](Batch& b) {
        ThreadState& st = states.local();
        b.counters = Counters{};
        b.text.clear();
        b.keep.assign(b.n, 0);
        for (std::size_t i = 0; i < b.n; ++i) {
            const std::uint64_t recno = b.first_record + i;
            kstring_t* line = b.lines[i].get();
            if (bcf_in) {
                line->l = 0;
                if (vcf_format(in_hdr, b.in_recs[i].get(), line) < 0)
                    throw input_error(src.name(), recno, "", "record cannot be decoded");
                if (line->l && line->s[line->l - 1] == '\n') line->s[--line->l] = '\0';
            }
            ++b.counters.records_in;
            if (minimize(mc, line->s, line->l, recno, b.work.get(), st.scratch, b.counters) != Verdict::keep) continue;
            b.keep[i] = 1;
            ++b.counters.records_out;
            if (direct_text) {
                kputsn(b.work->s, b.work->l, b.text.get());
                kputc('\n', b.text.get());
                continue;
            }
            bcf1_t* rec = b.recs[i].get();
            if (!st.parse) {
                st.parse.reset(bcf_hdr_dup(hr.out.get()));
                if (!st.parse) throw std::bad_alloc();
            }
            if (vcf_parse(b.work.get(), st.parse.get(), rec) != 0 || rec->errcode)
                parse_failure(src.name(), recno, rec->errcode);
            if (fill.any()) {
                fill_tags(hr.out.get(), rec, fill, st.scratch.counts);
                ++b.counters.records_tags_filled;
            }
            if (text_out && vcf_format(hr.out.get(), rec, b.text.get()) < 0)
                throw internal_error("cannot format an output record");
        }
    };
    stages.drain = [&](Batch& b) {
        errno = 0;
        if (text_out) {
            if (b.text->l > 0 && vcf_write_line(out.get(), b.text.get()) != 0) throw io_error(write_failure(out_name));
        } else {
            for (std::size_t i = 0; i < b.n; ++i)
                if (b.keep[i] && bcf_write(out.get(), hr.out.get(), b.recs[i].get()) != 0)
                    throw io_error(write_failure(out_name));
        }
        totals += b.counters;
        progress.update(totals.records_in);
    };
    pipeline::run<Batch>(pipeline::Settings{o.threads, 0}, [] { return std::make_unique<Batch>(); }, stages);
    progress.finish();

    errno = 0;
    if (hts_close(out.release()) != 0) throw io_error(write_failure(out_name) + " (closing)");
    if (files.idx) {
        const int min_shift = o.write_index == "tbi" ? 0 : 14;
        if (bcf_index_build3(files.out->temp_path().c_str(), files.idx->temp_path().c_str(), min_shift, o.threads) != 0)
            throw io_error(o.output + ": cannot build the index");
    }

    nlohmann::json rep = core::report_preamble("genoveil vcf", o.policy, key.from_file());
    nlohmann::json removed;
    removed["min_mac"] = totals.removed_min_mac;
    removed["exclude_bed"] = totals.removed_exclude_bed;
    removed["targets"] = totals.removed_targets;
    removed["regions"] = core::removed_by_regions(regions.has_value(), src.indexed_total(), totals.records_in);
    rep["records"] = {{"read", totals.records_in}, {"written", totals.records_out}, {"removed", removed}};
    rep["samples"] = {{"input", n_in},
                      {"output", pol.sites_only ? 0 : plan.order.size()},
                      {"removed_by_subset", plan.removed_by_subset},
                      {"pseudonymized", plan.order.size()},
                      {"order", pol.keep_order ? "input order" : "keyed shuffle"},
                      {"genotypes", pol.sites_only ? "dropped (sites only)" : "kept"}};
    rep["header"] = {{"lines_in", hr.lines_in}, {"lines_out", hr.lines_out}, {"removed", hr.removed}};
    rep["fields"] = {{"ids_kept", totals.ids_kept},
                     {"ids_removed", totals.ids_removed},
                     {"info_entries_removed", totals.info_entries_removed},
                     {"format_fields_removed", totals.format_fields_removed},
                     {"genotypes_unphased", totals.genotypes_unphased},
                     {"records_tags_filled", totals.records_tags_filled}};
    rep["kept_fields_not_in_input"] = hr.undefined_kept;

    // In sites-only output no pseudonym appears, so the map has nothing to resolve.
    files.commit(pol.sites_only ? decltype(plan.mapping){} : plan.mapping, rep);
    return rep;
}

}  // namespace genoveil::vcf
