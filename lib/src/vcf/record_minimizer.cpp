// SPDX-License-Identifier: MIT
#include "genoveil/vcf/record_minimizer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <string_view>

#include "genoveil/core/error.hpp"

namespace genoveil::vcf {

namespace {

using sv = std::string_view;

bool is_rs(sv id) {
    if (id.size() < 3 || id[0] != 'r' || id[1] != 's') return false;
    return std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void put(kstring_t* out, sv s) { kputsn(s.data(), s.size(), out); }

[[noreturn]] void fail(const MinimizerConfig& cfg, std::uint64_t rec, const char* field, const char* what) {
    throw input_error(cfg.file, rec, field, what);
}

bool defined(const bcf_hdr_t* h, int type, const std::string& key) {
    const int id = bcf_hdr_id2int(h, BCF_DT_ID, key.c_str());
    return id >= 0 && bcf_hdr_idinfo_exists(h, type, id);
}

void write_id(const MinimizerConfig& cfg, sv id, kstring_t* out, Counters& c) {
    if (cfg.ids == core::IdMode::keep || id == ".") {
        put(out, id);
        if (id != ".") c.ids_kept += 1 + static_cast<std::uint64_t>(std::count(id.begin(), id.end(), ';'));
        return;
    }
    bool any = false;
    std::size_t start = 0;
    while (start <= id.size()) {
        const auto p = id.find(';', start);
        const sv tok = id.substr(start, p == sv::npos ? sv::npos : p - start);
        if (!tok.empty()) {
            if (cfg.ids == core::IdMode::rs && is_rs(tok)) {
                if (any) kputc(';', out);
                put(out, tok);
                any = true;
                ++c.ids_kept;
            } else {
                ++c.ids_removed;
            }
        }
        if (p == sv::npos) break;
        start = p + 1;
    }
    if (!any) kputc('.', out);
}

void write_info(const MinimizerConfig& cfg, sv info, kstring_t* out, Counters& c) {
    if (info == ".") {
        kputc('.', out);
        return;
    }
    bool any = false;
    std::size_t start = 0;
    while (start <= info.size()) {
        const auto p = info.find(';', start);
        const sv entry = info.substr(start, p == sv::npos ? sv::npos : p - start);
        if (!entry.empty()) {
            const sv key = entry.substr(0, entry.find('='));
            const bool keep = std::find(cfg.keep_info.begin(), cfg.keep_info.end(), key) != cfg.keep_info.end();
            if (keep) {
                if (any) kputc(';', out);
                put(out, entry);
                any = true;
            } else {
                ++c.info_entries_removed;
            }
        }
        if (p == sv::npos) break;
        start = p + 1;
    }
    if (!any) kputc('.', out);
}

/// Length covered on the reference: REF length, or END - POS + 1 when INFO has END.
std::int64_t ref_span(sv ref, sv info, std::int64_t pos1) {
    std::int64_t span = static_cast<std::int64_t>(ref.size());
    std::size_t start = 0;
    while (start < info.size()) {
        const auto p = info.find(';', start);
        const sv entry = info.substr(start, p == sv::npos ? sv::npos : p - start);
        if (entry.size() > 4 && entry.substr(0, 4) == "END=") {
            std::int64_t end = 0;
            const auto r = std::from_chars(entry.data() + 4, entry.data() + entry.size(), end);
            if (r.ec == std::errc() && end >= pos1) span = std::max(span, end - pos1 + 1);
        }
        if (p == sv::npos) break;
        start = p + 1;
    }
    return span;
}

void prepare_format(const MinimizerConfig& cfg, sv format, std::uint64_t rec, Scratch& s) {
    if (format == s.last_format) return;
    s.last_format.assign(format);
    s.sel.clear();
    s.gt_sel = -1;
    s.out_format.clear();
    s.n_format_keys = 0;
    std::size_t start = 0;
    int index = 0;
    std::string key;
    std::vector<std::string> seen;
    while (start <= format.size()) {
        const auto p = format.find(':', start);
        key.assign(format.substr(start, p == sv::npos ? sv::npos : p - start));
        if (key.empty()) fail(cfg, rec, "FORMAT", "empty key");
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            s.last_format.clear();
            fail(cfg, rec, "FORMAT", "a key appears twice");
        }
        seen.push_back(key);
        if (!defined(cfg.in, BCF_HL_FMT, key)) {
            s.last_format.clear();
            fail(cfg, rec, "FORMAT", "key not defined in the header");
        }
        ++s.n_format_keys;
        if (std::find(cfg.keep_format.begin(), cfg.keep_format.end(), key) != cfg.keep_format.end()) {
            if (key == "GT") s.gt_sel = static_cast<int>(s.sel.size());
            if (!s.out_format.empty()) s.out_format += ':';
            s.out_format += key;
            s.sel.push_back(index);
        }
        ++index;
        if (p == sv::npos) break;
        start = p + 1;
    }
}

void check_filter(const MinimizerConfig& cfg, sv filter, std::uint64_t rec, Scratch& s) {
    if (filter == "." || filter == "PASS" || filter == s.last_filter) return;
    std::size_t start = 0;
    std::string key;
    while (start <= filter.size()) {
        const auto p = filter.find(';', start);
        key.assign(filter.substr(start, p == sv::npos ? sv::npos : p - start));
        if (key.empty() || !defined(cfg.in, BCF_HL_FLT, key)) fail(cfg, rec, "FILTER", "filter not defined in the header");
        if (p == sv::npos) break;
        start = p + 1;
    }
    s.last_filter.assign(filter);
}

struct SampleContext {
    const MinimizerConfig& cfg;
    const Scratch& s;
    int n_allele;
    AlleleCounts* counts;  // null when not counting
    std::uint64_t rec;
};

void check_gt(const SampleContext& x, sv gt) {
    switch (scan_gt(gt, x.n_allele, x.counts)) {
        case GtStatus::ok: return;
        case GtStatus::allele_out_of_range:
            fail(x.cfg, x.rec, "FORMAT/GT", "allele index is not one of the record's alleles");
        case GtStatus::malformed: fail(x.cfg, x.rec, "FORMAT/GT", "not a valid genotype");
    }
}

/// Validate (and count) one sample's GT and, when emitting, copy its kept sub-fields.
void do_sample(const SampleContext& x, sv col, kstring_t* out, Counters& c) {
    const Scratch& s = x.s;
    const bool emit = x.cfg.emit_samples;
    const auto copy_field = [&](sv f, bool gt) {
        if (f.empty()) f = ".";
        if (gt) check_gt(x, f);
        if (!emit) return;
        if (gt && x.cfg.unphase && f.find('|') != sv::npos) {
            const std::size_t at = out->l;
            put(out, f);
            for (std::size_t i = at; i < out->l; ++i)
                if (out->s[i] == '|') out->s[i] = '/';
            ++c.genotypes_unphased;
        } else {
            put(out, f);
        }
    };
    if (s.sel.size() == 1 && s.sel[0] == 0) {  // the common case: FORMAT starts with the one kept key
        const void* colon = std::memchr(col.data(), ':', col.size());
        const std::size_t n = colon ? static_cast<std::size_t>(static_cast<const char*>(colon) - col.data()) : col.size();
        copy_field(col.substr(0, n), s.gt_sel == 0);
        return;
    }
    // General case: walk the sub-fields once.
    std::size_t next = 0;  // index into sel
    std::size_t start = 0;
    int field = 0;
    std::size_t written = 0;
    while (next < s.sel.size()) {
        sv f;
        if (start <= col.size()) {
            const auto p = col.find(':', start);
            f = col.substr(start, p == sv::npos ? sv::npos : p - start);
            start = p == sv::npos ? col.size() + 1 : p + 1;
        } else {
            f = ".";  // trailing sub-fields may be omitted in VCF
        }
        if (field == s.sel[next]) {
            if (emit && written++) kputc(':', out);
            copy_field(f, static_cast<int>(next) == s.gt_sel);
            ++next;
        }
        ++field;
    }
}

bool is_bases(sv a) {
    return !a.empty() && std::all_of(a.begin(), a.end(), [](char ch) {
        switch (ch) {
            case 'A': case 'C': case 'G': case 'T': case 'N':
            case 'a': case 'c': case 'g': case 't': case 'n': return true;
            default: return false;
        }
    });
}

/// ALT alleles: bases, '*', '.', <SYMBOLIC>, or a breakend; returns the number of alleles
/// (REF included), or 0 when malformed.
int count_alleles(sv alt) {
    if (alt == ".") return 1;
    int n = 1;
    std::size_t start = 0;
    while (start <= alt.size()) {
        const auto p = alt.find(',', start);
        const sv a = alt.substr(start, p == sv::npos ? sv::npos : p - start);
        const bool symbolic = a.size() > 2 && a.front() == '<' && a.back() == '>' &&
                              std::all_of(a.begin() + 1, a.end() - 1, [](char ch) {
                                  return std::isalnum(static_cast<unsigned char>(ch)) || ch == ':' || ch == '_' ||
                                         ch == '.' || ch == '-' || ch == '*';
                              });
        const bool breakend = a.find_first_of("[]") != sv::npos &&
                              std::all_of(a.begin(), a.end(), [](char ch) {
                                  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '[' || ch == ']' ||
                                         ch == ':' || ch == '_' || ch == '.' || ch == '-' || ch == '<' || ch == '>';
                              });
        const bool single_breakend = a.size() > 1 && (a.front() == '.' || a.back() == '.') &&
                                     is_bases(a.front() == '.' ? a.substr(1) : a.substr(0, a.size() - 1));
        if (!(is_bases(a) || a == "*" || symbolic || breakend || single_breakend)) return 0;
        ++n;
        if (p == sv::npos) break;
        start = p + 1;
    }
    return n;
}

bool is_qual(sv q) {
    if (q == ".") return true;
    double v = 0;
    const auto r = std::from_chars(q.data(), q.data() + q.size(), v);
    return r.ec == std::errc() && r.ptr == q.data() + q.size();
}

}  // namespace

Verdict minimize(const MinimizerConfig& cfg, char* line, std::size_t len, std::uint64_t rec, kstring_t* out,
                 Scratch& s, Counters& c) {
    out->l = 0;
    if (len > 0 && line[len - 1] == '\r') --len;
    // A NUL would end a C-string lookup early while the bytes after it were copied out.
    if (std::memchr(line, '\0', len) != nullptr) fail(cfg, rec, "", "contains a NUL byte");
    const sv text(line, len);
    sv fixed[9];
    std::size_t pos = 0;
    int ncol = 0;
    for (; ncol < 9; ++ncol) {
        const auto tab = text.find('\t', pos);
        fixed[ncol] = text.substr(pos, tab == sv::npos ? sv::npos : tab - pos);
        if (tab == sv::npos) {
            pos = text.size() + 1;
            ++ncol;
            break;
        }
        pos = tab + 1;
    }
    if (ncol < 8) fail(cfg, rec, "", "fewer than 8 tab-separated columns");
    const sv chrom = fixed[0], posf = fixed[1], id = fixed[2], ref = fixed[3], info = fixed[7];

    if (chrom.empty()) fail(cfg, rec, "CHROM", "empty");
    if (fixed[6].empty()) fail(cfg, rec, "FILTER", "empty");
    if (chrom != s.last_chrom) {
        const std::string name(chrom);
        if (name.empty() || bcf_hdr_name2id(cfg.out, name.c_str()) < 0)
            fail(cfg, rec, "CHROM", "contig not declared in the header (##contig)");
        s.last_chrom = name;
    }
    std::int64_t pos1 = 0;
    {
        const auto r = std::from_chars(posf.data(), posf.data() + posf.size(), pos1);
        if (r.ec != std::errc() || r.ptr != posf.data() + posf.size() || pos1 < 0)
            fail(cfg, rec, "POS", "not a valid position");
    }
    if (cfg.targets != nullptr) {
        const bool in = cfg.targets->contains(chrom, pos1 - 1);
        if (in == cfg.targets_exclude) {
            ++c.removed_targets;
            return Verdict::drop_target;
        }
    }
    if (cfg.exclude != nullptr) {
        const std::int64_t span = ref_span(ref, info, pos1);
        if (cfg.exclude->overlaps(chrom, pos1 - 1, pos1 - 1 + std::max<std::int64_t>(span, 1))) {
            ++c.removed_exclude_bed;
            return Verdict::drop_exclude;
        }
    }
    check_filter(cfg, fixed[6], rec, s);
    if (!is_bases(ref)) fail(cfg, rec, "REF", "not a sequence of bases");
    const int n_allele = count_alleles(fixed[4]);
    if (n_allele == 0) fail(cfg, rec, "ALT", "not a list of alleles");
    if (!is_qual(fixed[5])) fail(cfg, rec, "QUAL", "not a number");

    put(out, chrom);
    kputc('\t', out);
    put(out, posf);
    kputc('\t', out);
    write_id(cfg, id, out, c);
    for (int i = 3; i <= 6; ++i) {
        kputc('\t', out);
        put(out, fixed[i]);
    }
    kputc('\t', out);
    write_info(cfg, info, out, c);

    if (cfg.n_in_samples == 0) return Verdict::keep;
    if (ncol < 9 || pos > text.size())
        fail(cfg, rec, "FORMAT", "no FORMAT or sample columns but the header declares samples");

    // Sample column starts; exactly n_in_samples columns.
    const auto n = static_cast<std::size_t>(cfg.n_in_samples);
    s.col.resize(n + 1);
    std::size_t at = pos;
    for (std::size_t i = 0; i < n; ++i) {
        if (at > text.size()) fail(cfg, rec, "samples", "fewer sample columns than the header declares");
        s.col[i] = at;
        const void* tab = std::memchr(text.data() + at, '\t', text.size() - at);
        at = tab ? static_cast<std::size_t>(static_cast<const char*>(tab) - text.data()) + 1 : text.size() + 1;
    }
    if (at <= text.size()) fail(cfg, rec, "samples", "more sample columns than the header declares");
    s.col[n] = text.size() + 1;

    prepare_format(cfg, fixed[8], rec, s);
    if (cfg.emit_samples) c.format_fields_removed += s.n_format_keys - s.sel.size();
    AlleleCounts* counts = nullptr;
    if (cfg.count_alleles) {
        s.counts.reset(n_allele);
        counts = &s.counts;
        if (s.gt_sel < 0) fail(cfg, rec, "FORMAT", "no GT to count alleles from");
    }
    const SampleContext x{cfg, s, n_allele, counts, rec};
    if (cfg.emit_samples) {
        kputc('\t', out);
        if (s.sel.empty()) {
            // None of the kept keys in this record: keep the columns, every value missing.
            kputsn(cfg.keep_format.front().data(), cfg.keep_format.front().size(), out);
            for (std::size_t i = 0; i < cfg.order.size(); ++i) kputsn("\t.", 2, out);
        } else {
            kputsn(s.out_format.data(), s.out_format.size(), out);
        }
    }
    if (!s.sel.empty()) {
        for (int idx : cfg.order) {
            const auto i = static_cast<std::size_t>(idx);
            if (cfg.emit_samples) kputc('\t', out);
            do_sample(x, text.substr(s.col[i], s.col[i + 1] - 1 - s.col[i]), out, c);
        }
    }
    if (cfg.min_mac > 0 && minor_allele_count(s.counts) < cfg.min_mac) {
        ++c.removed_min_mac;
        return Verdict::drop_min_mac;
    }
    return Verdict::keep;
}

}  // namespace genoveil::vcf
