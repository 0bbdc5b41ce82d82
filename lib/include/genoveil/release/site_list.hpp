// SPDX-License-Identifier: MIT
// The released universe: a public list of sites (CHROM, POS, REF, ALT), from a VCF/BCF or a
// TSV file, or taken from the input itself (--sites-from-input, which does not protect site
// presence). Its size M fixes the noise before any genotype is read.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace genoveil::release {

struct Site {
    std::string chrom;
    std::int64_t pos = 0;  ///< 1-based
    std::string ref;
    std::string alt;       ///< comma-separated ALT alleles
    int n_allele = 2;
    bool haploid = false;  ///< on a contig with haploid cells (see genotype_classes.hpp)
};

class SiteList {
public:
    /// Read a VCF/BCF (by content) or a TSV "CHROM POS REF ALT" file (lines starting with '#'
    /// skipped). Duplicate sites are an input_error.
    static SiteList read(const std::string& path);
    /// All records of a VCF/BCF input, in file order (for --sites-from-input).
    static SiteList from_input(const std::string& path);

    void add(Site s, const std::string& file, std::uint64_t line);
    /// Mark the sites on these contigs as carrying haploid cells.
    void mark_haploid(const std::vector<std::string>& contigs);

    [[nodiscard]] std::size_t size() const { return sites_.size(); }
    [[nodiscard]] const std::vector<Site>& sites() const { return sites_; }
    /// Index of the site with this key, or -1.
    [[nodiscard]] long find(std::string_view chrom, std::string_view pos, std::string_view ref,
                            std::string_view alt) const;
    /// "sha256:<hex>" of the canonical list (one "CHROM\tPOS\tREF\tALT\n" per site, in order).
    [[nodiscard]] std::string digest() const;
    /// Contig names in first-appearance order.
    [[nodiscard]] const std::vector<std::string>& contigs() const { return contigs_; }

private:
    std::vector<Site> sites_;
    std::unordered_map<std::string, long> index_;
    std::vector<std::string> contigs_;
};

}  // namespace genoveil::release
