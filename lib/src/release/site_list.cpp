// SPDX-License-Identifier: MIT
#include "genoveil/release/site_list.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/hts_ptr.hpp"

namespace genoveil::release {

namespace {

std::string key(std::string_view chrom, std::string_view pos, std::string_view ref, std::string_view alt) {
    std::string k;
    k.reserve(chrom.size() + pos.size() + ref.size() + alt.size() + 3);
    k.append(chrom).push_back('\t');
    k.append(pos).push_back('\t');
    k.append(ref).push_back('\t');
    k.append(alt);
    return k;
}

bool printable_word(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

/// A site must be writable as a VCF record: CHROM a word, REF bases, ALT "." or a list of
/// non-empty alleles without spaces. Checked on reading, before any genotype is counted.
void check_site(const Site& s, const std::string& file, std::uint64_t line) {
    if (!printable_word(s.chrom)) throw input_error(file, line, "CHROM", "empty or contains spaces or control characters");
    if (s.pos < 1) throw input_error(file, line, "POS", "not a positive integer");
    if (s.ref.empty() || !std::all_of(s.ref.begin(), s.ref.end(), [](char c) { return std::strchr("ACGTNacgtn", c) != nullptr && c != 0; }))
        throw input_error(file, line, "REF", "not a base sequence");
    if (s.alt == ".") return;
    std::size_t start = 0;
    while (true) {
        const auto comma = s.alt.find(',', start);
        const std::string_view allele = std::string_view(s.alt).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!printable_word(allele) || allele == ".") throw input_error(file, line, "ALT", "empty or malformed allele");
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}

int alleles_of(std::string_view alt) {
    if (alt == ".") return 1;
    return 2 + static_cast<int>(std::count(alt.begin(), alt.end(), ','));
}

SiteList read_vcf(const std::string& path) {
    hts::FilePtr fp(hts_open(path.c_str(), "r"));
    if (!fp) throw io_error(errno_message(path));
    hts::HdrPtr hdr(bcf_hdr_read(fp.get()));
    if (!hdr) throw input_error(path, 0, "header", "missing or malformed VCF header");
    hts::RecPtr rec(bcf_init());
    SiteList list;
    std::uint64_t n = 0;
    int r = 0;
    while ((r = bcf_read(fp.get(), hdr.get(), rec.get())) == 0) {
        ++n;
        if (bcf_unpack(rec.get(), BCF_UN_STR) < 0 || rec->errcode)
            throw input_error(path, n, "", "malformed record");
        if (rec->n_allele < 1 || rec->d.allele == nullptr || rec->d.allele[0] == nullptr)
            throw input_error(path, n, "REF", "missing (too few columns?)");
        Site s;
        s.chrom = bcf_seqname_safe(hdr.get(), rec.get());
        s.pos = rec->pos + 1;
        s.ref = rec->d.allele[0];
        for (unsigned i = 1; i < rec->n_allele; ++i) {
            if (i > 1) s.alt += ',';
            s.alt += rec->d.allele[i];
        }
        if (rec->n_allele < 2) s.alt.assign(1, '.');
        s.n_allele = static_cast<int>(std::max(rec->n_allele, 1u));
        check_site(s, path, n);
        list.add(std::move(s), path, n);
    }
    if (r < -1) throw input_error(path, n + 1, "", "read error: truncated or corrupt data");
    return list;
}

}  // namespace

void SiteList::add(Site s, const std::string& file, std::uint64_t line) {
    const std::string k = key(s.chrom, std::to_string(s.pos), s.ref, s.alt);
    if (!index_.emplace(k, static_cast<long>(sites_.size())).second)
        throw input_error(file, line, "", "site listed twice");
    if (std::find(contigs_.begin(), contigs_.end(), s.chrom) == contigs_.end()) contigs_.push_back(s.chrom);
    sites_.push_back(std::move(s));
}

void SiteList::mark_haploid(const std::vector<std::string>& contigs) {
    for (auto& s : sites_) s.haploid = std::find(contigs.begin(), contigs.end(), s.chrom) != contigs.end();
}

long SiteList::find(std::string_view chrom, std::string_view pos, std::string_view ref, std::string_view alt) const {
    const auto it = index_.find(key(chrom, pos, ref, alt));
    return it == index_.end() ? -1 : it->second;
}

std::string SiteList::digest() const {
    std::string text;
    for (const auto& s : sites_) text += s.chrom + "\t" + std::to_string(s.pos) + "\t" + s.ref + "\t" + s.alt + "\n";
    return "sha256:" + crypto::sha256_hex(text);
}

SiteList SiteList::from_input(const std::string& path) { return read_vcf(path); }

SiteList SiteList::read(const std::string& path) {
    {
        hts::FilePtr probe(hts_open(path.c_str(), "r"));
        if (!probe) throw io_error(errno_message(path) + " (site list)");
        const htsFormat* f = hts_get_format(probe.get());
        if (f->format == htsExactFormat::vcf || f->format == htsExactFormat::bcf) {
            probe.reset();
            return read_vcf(path);
        }
    }
    hts::FilePtr fp(hts_open(path.c_str(), "r"));
    if (!fp) throw io_error(errno_message(path) + " (site list)");
    SiteList list;
    kstring_t line = KS_INITIALIZE;
    std::uint64_t n = 0;
    int r = 0;
    try {
        while ((r = hts_getline(fp.get(), KS_SEP_LINE, &line)) >= 0) {
            ++n;
            std::string_view l(line.s, line.l);
            if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
            if (l.empty() || l.front() == '#') continue;
            std::string_view cols[4];
            std::size_t start = 0;
            for (int c = 0; c < 4; ++c) {
                const auto tab = l.find('\t', start);
                if (c < 3 && tab == std::string_view::npos)
                    throw input_error(path, n, "", "expected CHROM<TAB>POS<TAB>REF<TAB>ALT");
                cols[c] = l.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
                start = tab == std::string_view::npos ? l.size() : tab + 1;
            }
            Site s;
            s.chrom.assign(cols[0]);
            const auto res = std::from_chars(cols[1].data(), cols[1].data() + cols[1].size(), s.pos);
            if (res.ec != std::errc() || res.ptr != cols[1].data() + cols[1].size() || s.pos < 1)
                throw input_error(path, n, "POS", "not a valid position");
            s.ref.assign(cols[2]);
            s.alt.assign(cols[3]);
            if (s.chrom.empty() || s.ref.empty() || s.alt.empty()) throw input_error(path, n, "", "empty column");
            s.n_allele = alleles_of(s.alt);
            check_site(s, path, n);
            list.add(std::move(s), path, n);
        }
    } catch (...) {
        ks_free(&line);
        throw;
    }
    ks_free(&line);
    if (r < -1) throw input_error(path, n + 1, "", "read error");
    return list;
}

}  // namespace genoveil::release
