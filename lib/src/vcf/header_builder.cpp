// SPDX-License-Identifier: MIT
#include "genoveil/vcf/header_builder.hpp"

#include <algorithm>
#include <set>

#include "genoveil/core/error.hpp"
#include "genoveil/core/version.hpp"
#include "genoveil/vcf/header_descriptions.hpp"

namespace genoveil::vcf {

namespace {

const char* fill_definition(const std::string& tag) {
    if (tag == "AC")
        return "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count in the output genotypes, for each ALT allele\">";
    if (tag == "AN")
        return "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Number of alleles in called output genotypes\">";
    if (tag == "AF")
        return "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency in the output genotypes, for each ALT allele\">";
    if (tag == "NS")
        return "##INFO=<ID=NS,Number=1,Type=Integer,Description=\"Number of output samples with a called genotype\">";
    throw internal_error("no definition for fill tag");
}

std::string id_of(const bcf_hrec_t* h) {
    const int i = bcf_hrec_find_key(const_cast<bcf_hrec_t*>(h), "ID");
    return i < 0 ? std::string() : std::string(h->vals[i]);
}

/// "##KEY=<A=x,B=y>" keeping only the listed attributes, in the listed order. A listed
/// "Description" is never copied (free text): it is the fixed kept_description of KIND.
std::string structured(const bcf_hrec_t* h, std::initializer_list<const char*> attrs,
                       DefinitionKind kind = DefinitionKind::info) {
    std::string s = std::string("##") + h->key + "=<";
    bool first = true;
    for (const char* a : attrs) {
        const std::string attr = a;
        std::string value;
        if (attr == "Description") {
            value = kept_description(kind, id_of(h));
        } else {
            const int i = bcf_hrec_find_key(const_cast<bcf_hrec_t*>(h), a);
            if (i < 0) continue;
            value = h->vals[i];
        }
        if (!first) s += ',';
        first = false;
        s += attr + "=" + value;
    }
    return s + ">";
}

std::string category(const bcf_hrec_t* h) {
    const std::string key = h->key;
    if (key == "SAMPLE" || key == "PEDIGREE" || key == "fileDate" || key == "source" || key == "reference")
        return key;
    if (key.ends_with("Command") || key.ends_with("CommandLine") || key.ends_with("Version") ||
        key == "GATKCommandLine" || key == "commandline")
        return "tool provenance";
    if (h->type == BCF_HL_INFO) return "INFO definitions";
    if (h->type == BCF_HL_FMT) return "FORMAT definitions";
    return "other";
}

}  // namespace

std::vector<std::string> provenance_lines(const std::string& command, const std::string& redacted_args,
                                          const std::string& policy_digest) {
    return {"##genoveil_" + command + "Version=" + version_tag(),
            "##genoveil_" + command + "Command=" + command + (redacted_args.empty() ? "" : " ") +
                redacted_args + "; policy=" + policy_digest};
}

HeaderResult build_header(const bcf_hdr_t* in, const core::VcfPolicy& policy,
                          const std::vector<std::string>& samples, const std::vector<std::string>& provenance) {
    HeaderResult r;
    const std::set<std::string> fill(policy.fill_tags.begin(), policy.fill_tags.end());
    std::set<std::string> info_defined, format_defined;

    std::vector<std::string> filters, alts, contigs, infos, formats;
    for (int i = 0; i < in->nhrec; ++i) {
        const bcf_hrec_t* h = in->hrec[i];
        ++r.lines_in;
        const std::string key = h->key;
        if (h->type == BCF_HL_GEN && key == "fileformat") continue;  // re-emitted below
        if (h->type == BCF_HL_FLT) {
            if (id_of(h) != "PASS") filters.push_back(structured(h, {"ID", "Description"}, DefinitionKind::filter));
            continue;
        }
        if (h->type == BCF_HL_STR && key == "ALT") {
            alts.push_back(structured(h, {"ID", "Description"}, DefinitionKind::alt));
            continue;
        }
        if (h->type == BCF_HL_CTG) {
            contigs.push_back(structured(h, {"ID", "length"}));
            continue;
        }
        if (h->type == BCF_HL_INFO) {
            const std::string id = id_of(h);
            info_defined.insert(id);
            const bool kept = std::find(policy.keep_info.begin(), policy.keep_info.end(), id) != policy.keep_info.end();
            if (kept && !fill.count(id)) {
                infos.push_back(structured(h, {"ID", "Number", "Type", "Description"}, DefinitionKind::info));
                continue;
            }
        }
        if (h->type == BCF_HL_FMT) {
            const std::string id = id_of(h);
            format_defined.insert(id);
            const bool kept = !policy.sites_only && std::find(policy.keep_format.begin(), policy.keep_format.end(), id) !=
                                                        policy.keep_format.end();
            if (kept) {
                formats.push_back(structured(h, {"ID", "Number", "Type", "Description"}, DefinitionKind::format));
                continue;
            }
        }
        ++r.removed[category(h)];
    }
    for (const auto& k : policy.keep_info) {
        if (info_defined.count(k)) {
            if (!fill.count(k)) r.keep_info.push_back(k);
        } else if (!fill.count(k)) {
            r.undefined_kept.push_back("INFO/" + k);
        }
    }
    for (const auto& k : policy.keep_format) {
        if (format_defined.count(k))
            r.keep_format.push_back(k);
        else
            r.undefined_kept.push_back("FORMAT/" + k);
    }
    const char* version = bcf_hdr_get_version(in);
    {
        hts::HdrPtr h(bcf_hdr_init("w"));
        if (!h) throw io_error("out of memory building the output header");
        if (bcf_hdr_set_version(h.get(), version ? version : "VCFv4.2") < 0)
            throw internal_error("cannot set the VCF version");
        auto append = [&](const std::string& line) {
            if (bcf_hdr_append(h.get(), line.c_str()) < 0)
                throw input_error("", 0, "header", "a kept header line could not be rebuilt");
        };
        for (const auto& l : filters) append(l);
        for (const auto& l : alts) append(l);
        for (const auto& l : contigs) append(l);
        for (const auto& l : infos) append(l);
        for (const auto& t : policy.fill_tags) append(fill_definition(t));
        for (const auto& l : formats) append(l);
        for (const auto& l : provenance) append(l);
        if (!policy.sites_only)
            for (const auto& s : samples)
                if (bcf_hdr_add_sample(h.get(), s.c_str()) < 0) throw internal_error("cannot add a sample");
        if (bcf_hdr_sync(h.get()) < 0) throw internal_error("cannot synchronise the output header");
        r.out = std::move(h);
    }
    r.lines_out = static_cast<std::size_t>(r.out->nhrec);
    return r;
}

}  // namespace genoveil::vcf
