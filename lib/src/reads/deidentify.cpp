// SPDX-License-Identifier: MIT
// Orchestration of `genoveil reads`: keys, outputs reserved, header phase, then the record
// pipeline
//   serial reader (decode, counter names, reference bases for masking)
//   -> parallel transform (filters, pseudonyms, masking, qualities, tags)
//   -> serial in-order writer,
// then index, map and report, each committed atomically.
// htslib's sam_parse1/sam_format1 are never called from the parallel stage: records are decoded
// by sam_read1 in the serial reader and encoded by sam_write1 in the serial writer, both with
// htslib's own thread pool for BGZF (and SAM/CRAM) work, so no header scratch memory is shared
// between threads.
#include "genoveil/reads/deidentify.hpp"

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <optional>

#include <htslib/hfile.h>
#include <oneapi/tbb/enumerable_thread_specific.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/run_outputs.hpp"
#include "genoveil/core/output_file.hpp"
#include "genoveil/core/progress.hpp"
#include "genoveil/core/version.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/hts/sam_ptr.hpp"
#include "genoveil/pipeline/pipeline.hpp"
#include "genoveil/reads/header_scrub.hpp"
#include "genoveil/reads/read_source.hpp"
#include "genoveil/reads/record_transform.hpp"
#include "genoveil/reads/reference.hpp"

namespace genoveil::reads {

namespace {

constexpr std::size_t batch_records = 2048;
constexpr std::size_t batch_bytes = 1 << 20;

struct Batch {
    std::vector<hts::BamPtr> recs;
    std::vector<char> keep;
    std::vector<std::uint64_t> ids;        // counter names
    std::vector<std::string> refs;         // reference bases per record (masking)
    std::vector<std::int64_t> ref_beg;
    std::vector<char> has_ref;
    std::size_t n = 0;
    std::uint64_t first_record = 0;
    Counters counters;
};

void check_options(const ReadsOptions& o, const std::string& format) {
    if (o.threads < 1 || o.threads > 1024) throw usage_error("--threads must be between 1 and 1024");
    if (format != "sam" && format != "bam" && format != "cram") throw usage_error("-O takes sam, bam or cram");
    const auto& r = o.policy.reads;
    core::validate(r);
    if (r.mask_variants && o.reference.empty()) throw usage_error("--mask-variants needs --reference FA");
    if (!o.write_index.empty()) {
        if (core::is_stdio(o.output)) throw usage_error("-W needs an output file (-o), not standard output");
        if (format == "sam") throw usage_error("-W needs BAM or CRAM output");
        if (o.write_index != "csi" && o.write_index != "bai")
            throw usage_error("-W takes csi or bai (CRAM output is always indexed with .crai)");
    }
    if (!o.regions.empty() && !o.regions_file.empty()) throw usage_error("give -r or -R, not both");
    if (!o.targets.empty() && !o.targets_file.empty()) throw usage_error("give -t or -T, not both");
}

std::string open_mode(const std::string& format) {
    if (format == "bam") return "wb";
    if (format == "cram") return "wc";
    return "w";
}

nlohmann::json count_map(const std::map<std::string, std::uint64_t>& m) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m) j[k] = v;
    return j;
}

}  // namespace

std::string infer_reads_format(const std::string& path) {
    if (path.ends_with(".bam")) return "bam";
    if (path.ends_with(".cram")) return "cram";
    return "sam";
}

nlohmann::json run_reads(const ReadsOptions& o) {
    const std::string format = o.format.empty() ? infer_reads_format(o.output) : o.format;
    check_options(o, format);
    const auto& pol = o.policy.reads;
    forbid_remote_references();
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
    std::optional<Reference> reference;
    if (pol.mask_variants) reference.emplace(o.reference);

    // Reserve every output up front so a missing directory or an existing map fails early.
    const std::string idx_ext = format == "cram" ? "crai" : o.write_index;
    core::RunOutputs files(o.output, o.write_index.empty() ? "" : o.output + "." + idx_ext, o.map_out, o.report);

    hts::ThreadPool pool(o.threads);
    ReadSource src(o.input, pool, o.reference, regions ? &*regions : nullptr);
    sam_hdr_t* in_hdr = src.header();
    if (reference) reference->bind(in_hdr);

    const NameMode names = parse_name_mode(pol.read_names);
    const std::string pg = o.no_version ? std::string()
                                        : pg_line(version_tag(), "genoveil reads" + (o.command_args.empty() ? std::string() : " " + o.command_args),
                                                  core::policy_digest(o.policy));
    const ScrubbedHeader hdr = scrub_header(in_hdr, hmac, pg, names == NameMode::hmac, src.name());

    TagPolicy tags(pol.keep_tags, pol.drop_tags);
    if (pol.mask_variants)
        for (const auto& t : base_revealing_tags()) tags.drop(t);
    TransformConfig cfg;
    cfg.names = names;
    cfg.tags = &tags;
    const QualBins bins = parse_qual_bins(pol.qual_bins);
    cfg.qual = qual_table(bins);
    cfg.bin_quals = bins != QualBins::none;
    cfg.drop_quals = pol.drop_quals;
    cfg.mask = pol.mask_variants;
    cfg.trim_clips = pol.soft_clips == "trim";
    cfg.drop_unmapped = pol.drop_unmapped;
    cfg.drop_secondary = pol.drop_secondary;
    cfg.drop_supplementary = pol.drop_supplementary;
    cfg.exclude = exclude_set ? &*exclude_set : nullptr;
    cfg.targets = targets ? &*targets : nullptr;
    cfg.targets_exclude = targets_negate;
    cfg.hdr = in_hdr;
    cfg.rg_ids = &hdr.rg_ids;

    // Output.
    const std::string out_name = core::is_stdio(o.output) ? std::string("<stdout>") : o.output;
    const std::string out_path = files.out ? files.out->temp_path() : std::string("-");
    // CRAM writes the file's name into its 20-byte file ID; open through hFILE so that the ID is
    // a fixed word instead of the (temporary) output path: no path in the file, same bytes
    // from run to run.
    hts::FilePtr out;
    if (format == "cram") {
        hFILE* hf = hopen(out_path.c_str(), "w");
        if (hf == nullptr) throw io_error(errno_message(out_name));
        out.reset(hts_hopen(hf, "genoveil", open_mode(format).c_str()));
        if (!out) {
            if (hclose(hf) != 0) {}
            throw io_error(errno_message(out_name));
        }
    } else {
        out.reset(hts_open(out_path.c_str(), open_mode(format).c_str()));
    }
    if (!out) throw io_error(errno_message(out_name));
    // CRAM output is written without reference-based compression (no_ref): htslib 1.16 writes
    // the reference's absolute path into every @SQ UR field when it encodes against a FASTA,
    // which would leak a local path; a no_ref CRAM also decodes without any reference.
    if (format == "cram" && hts_set_opt(out.get(), CRAM_OPT_NO_REF, 1) != 0)
        throw io_error(out_name + ": cannot configure the CRAM writer");
    // CRAM encoding stays on this thread: htslib's threaded CRAM writer tunes its codecs from
    // containers finished in whatever order the threads end, so its bytes vary with -@.
    if (format != "cram") pool.attach(out.get());
    errno = 0;
    if (sam_hdr_write(out.get(), hdr.out.get()) < 0) throw io_error(write_failure(out_name) + " (writing the header)");
    if (files.idx) {
        const int min_shift = format == "bam" && o.write_index == "bai" ? 0 : 14;
        if (sam_idx_init(out.get(), hdr.out.get(), min_shift, files.idx->temp_path().c_str()) < 0)
            throw io_error(o.output + ": cannot start the index");
    }

    std::optional<CounterNamer> counter;
    if (names == NameMode::counter) counter.emplace(hdr.name_grouped);
    oneapi::tbb::enumerable_thread_specific<Worker> workers([&key] { return Worker(key); });
    Counters totals;
    core::Progress progress(o.progress, "genoveil reads");

    pipeline::Stages<Batch> stages;
    stages.fill = [&](Batch& b) {
        b.n = 0;
        b.first_record = src.records() + 1;
        std::size_t bytes = 0;
        while (b.n < batch_records && bytes < batch_bytes) {
            if (b.recs.size() <= b.n) {
                b.recs.emplace_back(bam_init1());
                if (!b.recs.back()) throw std::bad_alloc();
                b.ids.push_back(0);
                b.refs.emplace_back();
                b.ref_beg.push_back(0);
                b.has_ref.push_back(0);
            }
            bam1_t* rec = b.recs[b.n].get();
            if (!src.next(rec)) break;
            bytes += static_cast<std::size_t>(rec->l_data);
            if (counter) b.ids[b.n] = counter->number(rec);
            b.has_ref[b.n] = 0;
            // Reads that a filter removes need no reference (and may lie on contigs it lacks).
            if (reference && needs_reference(rec) && filter(cfg, rec) == Verdict::keep) {
                const int tid = rec->core.tid;
                if (!reference->has(tid))
                    throw input_error(src.name(), src.records(), "RNAME",
                                      "the reference FASTA has no sequence for the contig this read is aligned to");
                const std::int64_t len = reference->length(tid);
                if (bam_endpos(rec) > len)
                    throw input_error(src.name(), src.records(), "POS",
                                      "the alignment runs past the end of the reference sequence");
                std::int64_t beg = 0, end = 0;
                reference_span(rec, beg, end);
                beg = std::max<std::int64_t>(beg, 0);
                end = std::min(end, len);
                b.refs[b.n].clear();
                reference->fetch(tid, beg, end, b.refs[b.n]);
                b.ref_beg[b.n] = beg;
                b.has_ref[b.n] = 1;
            }
            ++b.n;
        }
        return b.n > 0;
    };
    stages.transform = [&](Batch& b) {
        Worker& w = workers.local();
        b.counters = Counters{};
        b.keep.assign(b.n, 0);
        for (std::size_t i = 0; i < b.n; ++i) {
            bam1_t* rec = b.recs[i].get();
            Counters& c = b.counters;
            ++c.reads_in;
            switch (filter(cfg, rec)) {
                case Verdict::keep: break;
                case Verdict::unmapped: ++c.filtered_unmapped; continue;
                case Verdict::secondary: ++c.filtered_secondary; continue;
                case Verdict::supplementary: ++c.filtered_supplementary; continue;
                case Verdict::exclude_bed: ++c.filtered_exclude_bed; continue;
                case Verdict::targets: ++c.filtered_targets; continue;
            }
            RefSpan span;
            if (b.has_ref[i]) {
                span.seq = b.refs[i].data();
                span.beg = b.ref_beg[i];
                span.end = b.ref_beg[i] + static_cast<std::int64_t>(b.refs[i].size());
            }
            try {
                transform(cfg, rec, b.ids[i], b.has_ref[i] ? &span : nullptr, w, c);
            } catch (const MalformedRecord& e) {
                throw input_error(src.name(), b.first_record + i, e.field, e.what);
            }
            b.keep[i] = 1;
        }
    };
    stages.drain = [&](Batch& b) {
        errno = 0;
        for (std::size_t i = 0; i < b.n; ++i)
            if (b.keep[i] && sam_write1(out.get(), hdr.out.get(), b.recs[i].get()) < 0)
                throw io_error(files.idx ? out_name + ": cannot write a record (-W needs coordinate-sorted input)"
                                        : write_failure(out_name));
        totals += b.counters;
        progress.update(totals.reads_in);
    };
    pipeline::run<Batch>(pipeline::Settings{o.threads, 0}, [] { return std::make_unique<Batch>(); }, stages);
    progress.finish();

    if (files.idx && sam_idx_save(out.get()) < 0)
        throw io_error(o.output + ": cannot write the index (-W needs coordinate-sorted input)");
    errno = 0;
    if (hts_close(out.release()) != 0) throw io_error(write_failure(out_name) + " (closing)");

    nlohmann::json rep = core::report_preamble("genoveil reads", o.policy, key.from_file());
    nlohmann::json filtered;
    filtered["unmapped"] = totals.filtered_unmapped;
    filtered["secondary"] = totals.filtered_secondary;
    filtered["supplementary"] = totals.filtered_supplementary;
    filtered["exclude_bed"] = totals.filtered_exclude_bed;
    filtered["targets"] = totals.filtered_targets;
    filtered["regions"] = core::removed_by_regions(regions.has_value(), src.indexed_total(), totals.reads_in);
    rep["reads"] = {{"in", totals.reads_in}, {"out", totals.reads_out}, {"filtered", filtered}};
    nlohmann::json names_j = {{"mode", pol.read_names}, {"rewritten", totals.names_rewritten}};
    if (counter) names_j["counter_peak_open_templates"] = counter->peak();
    rep["names"] = names_j;
    rep["tags"] = {{"kept", pol.keep_tags},
                   {"dropped_by_tag", count_map(totals.tags_dropped.by_name())},
                   {"rg_rewritten", totals.rg_tags_rewritten},
                   {"rg_without_header_line", totals.rg_tags_unknown_id}};
    rep["qualities"] = {{"bins", pol.qual_bins},
                        {"reads_binned", totals.reads_quals_binned},
                        {"dropped", pol.drop_quals},
                        {"reads_dropped", totals.reads_quals_dropped}};
    if (pol.mask_variants) {
        const auto& m = totals.mask;
        rep["masking"] = {{"soft_clips", pol.soft_clips},
                          {"reads_changed", m.reads_changed},
                          {"bases_masked", m.substituted + m.clip_masked + m.deleted_filled},
                          {"mismatches_replaced", m.substituted},
                          {"inserted_bases_removed", m.inserted_removed},
                          {"deleted_bases_filled", m.deleted_filled},
                          {"soft_clip_bases_masked", m.clip_masked},
                          {"soft_clip_bases_trimmed", m.clip_trimmed},
                          {"unaligned_reads_set_to_N", totals.unmapped_blanked},
                          {"unaligned_bases_set_to_N", totals.unmapped_bases_blanked},
                          {"nm_md_recomputed", totals.md_nm_recomputed},
                          {"mc_rewritten", totals.mc_rewritten},
                          {"sa_rewritten", totals.sa_rewritten}};
    } else {
        rep["masking"] = nullptr;
    }
    rep["header"] = {{"lines_in", hdr.lines_in},
                     {"lines_out", hdr.lines_out},
                     {"removed", count_map(hdr.removed)},
                     {"read_groups", hdr.read_groups},
                     {"samples", hdr.samples}};

    files.commit(hdr.map, rep);
    return rep;
}

}  // namespace genoveil::reads
