// SPDX-License-Identifier: MIT
#include "genoveil/vcf/header_descriptions.hpp"

#include <array>
#include <utility>

namespace genoveil::vcf {

namespace {

using Entry = std::pair<std::string_view, std::string_view>;

// Reserved keys of the VCF 4.3 specification (sections 1.4.2, 1.6.1 and 1.6.2), described in
// our own words.
constexpr std::array kInfo{
    Entry{"AA", "Ancestral allele"},
    Entry{"AC", "Allele count in genotypes, for each ALT allele"},
    Entry{"AD", "Total read depth for each allele"},
    Entry{"ADF", "Read depth for each allele on the forward strand"},
    Entry{"ADR", "Read depth for each allele on the reverse strand"},
    Entry{"AF", "Allele frequency, for each ALT allele"},
    Entry{"AN", "Total number of alleles in called genotypes"},
    Entry{"BQ", "RMS base quality"},
    Entry{"CIGAR", "CIGAR string describing how to align each ALT allele to the reference allele"},
    Entry{"DB", "dbSNP membership"},
    Entry{"DP", "Combined depth across samples"},
    Entry{"END", "End position on the chromosome of the variant described in this record"},
    Entry{"H2", "HapMap2 membership"},
    Entry{"H3", "HapMap3 membership"},
    Entry{"MQ", "RMS mapping quality"},
    Entry{"MQ0", "Number of MAPQ == 0 reads"},
    Entry{"NS", "Number of samples with data"},
    Entry{"SB", "Strand bias"},
    Entry{"SOMATIC", "Somatic mutation"},
    Entry{"VALIDATED", "Validated by follow-up experiment"},
    Entry{"1000G", "1000 Genomes membership"},
    Entry{"SVTYPE", "Type of structural variant"},
    Entry{"SVLEN", "Difference in length between REF and ALT alleles"},
    Entry{"IMPRECISE", "Imprecise structural variation"},
    Entry{"CIPOS", "Confidence interval around POS for imprecise variants"},
    Entry{"CIEND", "Confidence interval around END for imprecise variants"},
};

constexpr std::array kFormat{
    Entry{"AD", "Read depth for each allele"},
    Entry{"ADF", "Read depth for each allele on the forward strand"},
    Entry{"ADR", "Read depth for each allele on the reverse strand"},
    Entry{"DP", "Read depth"},
    Entry{"EC", "Expected alternate allele counts"},
    Entry{"FT", "Filter indicating if this genotype was called"},
    Entry{"GL", "Genotype likelihoods"},
    Entry{"GP", "Genotype posterior probabilities"},
    Entry{"GQ", "Conditional genotype quality"},
    Entry{"GT", "Genotype"},
    Entry{"HQ", "Haplotype quality"},
    Entry{"MQ", "RMS mapping quality"},
    Entry{"PL", "Phred-scaled genotype likelihoods rounded to the closest integer"},
    Entry{"PP", "Phred-scaled genotype posterior probabilities rounded to the closest integer"},
    Entry{"PQ", "Phasing quality"},
    Entry{"PS", "Phase set"},
};

constexpr std::array kAlt{
    Entry{"DEL", "Deletion relative to the reference"},
    Entry{"INS", "Insertion of novel sequence relative to the reference"},
    Entry{"DUP", "Region of elevated copy number relative to the reference"},
    Entry{"INV", "Inversion of reference sequence"},
    Entry{"CNV", "Copy number variable region"},
    Entry{"DUP:TANDEM", "Tandem duplication"},
    Entry{"DEL:ME", "Deletion of mobile element relative to the reference"},
    Entry{"INS:ME", "Insertion of a mobile element relative to the reference"},
    Entry{"NON_REF", "Any possible alternative allele at this location"},
    Entry{"*", "Any possible alternative allele at this location"},
};

template <std::size_t N>
std::string_view find(const std::array<Entry, N>& table, std::string_view id) {
    for (const auto& [key, text] : table)
        if (key == id) return text;
    return {};
}

std::string quoted(std::string_view text) {
    std::string s;
    s.reserve(text.size() + 2);
    s.push_back('"');
    s.append(text);
    s.push_back('"');
    return s;
}

}  // namespace

std::string kept_description(DefinitionKind kind, std::string_view id) {
    std::string_view text;
    switch (kind) {
    case DefinitionKind::filter:
        if (id == "PASS") text = "All filters passed";
        break;
    case DefinitionKind::alt: text = find(kAlt, id); break;
    case DefinitionKind::info: text = find(kInfo, id); break;
    case DefinitionKind::format: text = find(kFormat, id); break;
    }
    if (!text.empty()) return quoted(text);
    return quoted("Defined in the input; its description was removed by genoveil");
}

}  // namespace genoveil::vcf
