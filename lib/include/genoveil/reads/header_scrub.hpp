// SPDX-License-Identifier: MIT
// The header phase of `genoveil reads` (DESIGN.md 2.3): from the input SAM header keep
//   @HD  VN, SO, GO, SS   (SO:queryname becomes SO:unsorted GO:query when names are hashed,
//                          since keyed pseudonyms do not keep the name order)
//   @SQ  SN, LN, M5       (in input order, so reference ids are unchanged)
//   @RG  ID -> pseudonym(rg, ID), SM -> pseudonym(sample, SM), PL
// and drop everything else: upstream @PG, @CO, every other field and record type. Our own @PG
// line, when given, is appended last.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <htslib/sam.h>

#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/sam_ptr.hpp"

namespace genoveil::reads {

struct ScrubbedHeader {
    hts::SamHdrPtr out;
    std::string text;                                      ///< the output header text
    std::unordered_map<std::string, std::string> rg_ids;   ///< input @RG ID -> pseudonym
    std::vector<std::pair<std::string, std::string>> map;  ///< "sample:NAME" / "rg:ID" -> pseudonym
    std::uint64_t lines_in = 0;
    std::uint64_t lines_out = 0;
    std::map<std::string, std::uint64_t> removed;          ///< "@PG", "@CO", "@RG fields", ...
    std::size_t read_groups = 0;
    std::size_t samples = 0;
    bool name_grouped = false;                             ///< SO:queryname or GO:query in the input
};

/// Build the output header. `pg_line` is a complete "@PG\t..." line or empty (--no-version).
/// `hashed_names` says whether read names become keyed pseudonyms (affects @HD SO).
/// Throws input_error on a header htslib cannot parse back or whose @SQ lines do not match
/// the reference list.
[[nodiscard]] ScrubbedHeader scrub_header(sam_hdr_t* in, crypto::Hmac& hmac, const std::string& pg_line,
                                          bool hashed_names, const std::string& file);

/// One @PG line: ID:genoveil-reads PN:genoveil VN:<version> CL:<command> DS:policy=<digest>.
[[nodiscard]] std::string pg_line(const std::string& version, const std::string& command_line,
                                  const std::string& policy_digest);

}  // namespace genoveil::reads
