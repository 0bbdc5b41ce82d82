// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <htslib/vcf.h>

#include "genoveil/core/policy.hpp"
#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/vcf/header_builder.hpp"
#include "genoveil/vcf/header_descriptions.hpp"

using namespace genoveil::vcf;

TEST_SUITE("vcf") {
TEST_CASE("kept definitions get fixed descriptions, never the input's") {
    CHECK(kept_description(DefinitionKind::format, "GT") == "\"Genotype\"");
    CHECK(kept_description(DefinitionKind::info, "END") ==
          "\"End position on the chromosome of the variant described in this record\"");
    CHECK(kept_description(DefinitionKind::alt, "DEL") == "\"Deletion relative to the reference\"");
    CHECK(kept_description(DefinitionKind::filter, "PASS") == "\"All filters passed\"");
    const std::string removed = "\"Defined in the input; its description was removed by genoveil\"";
    CHECK(kept_description(DefinitionKind::filter, "LowQual") == removed);
    CHECK(kept_description(DefinitionKind::info, "GT") == removed);  // GT is a FORMAT key only
    CHECK(kept_description(DefinitionKind::format, "PATIENT_42") == removed);
}

TEST_CASE("build_header writes no input description") {
    genoveil::hts::HdrPtr in(bcf_hdr_init("r"));
    REQUIRE(in);
    for (const char* line : {"##FILTER=<ID=LowQual,Description=\"set by secret_pipeline_x\">",
                             "##ALT=<ID=DEL,Description=\"secret_alt_note\">",
                             "##contig=<ID=chr1,length=1000,assembly=secret_assembly>",
                             "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"secret_gt_note\">"})
        REQUIRE(bcf_hdr_append(in.get(), line) == 0);
    REQUIRE(bcf_hdr_add_sample(in.get(), "S1") == 0);
    REQUIRE(bcf_hdr_sync(in.get()) == 0);
    const auto policy = genoveil::core::load_policy("minimal").vcf;
    const HeaderResult r = build_header(in.get(), policy, {"P1"}, {});
    kstring_t ks{0, 0, nullptr};
    REQUIRE(bcf_hdr_format(r.out.get(), 0, &ks) == 0);
    const std::string text(ks.s, ks.l);
    free(ks.s);
    CHECK(text.find("secret") == std::string::npos);
    CHECK(text.find("##FILTER=<ID=LowQual,Description=\"Defined in the input; its description was removed by genoveil\">") !=
          std::string::npos);
    CHECK(text.find("##ALT=<ID=DEL,Description=\"Deletion relative to the reference\">") != std::string::npos);
    CHECK(text.find("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">") != std::string::npos);
    CHECK(text.find("##contig=<ID=chr1,length=1000>") != std::string::npos);
}
}
