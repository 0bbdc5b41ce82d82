// SPDX-License-Identifier: MIT
// The input side of `genoveil reads`: opens SAM/BAM/CRAM (a path, "-" for stdin, or a URL the
// user named), checks that it is alignment data and not truncated, reads the header, and returns
// records either as a stream or, with regions, through the index (each record once even when
// it overlaps several regions).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <htslib/sam.h>

#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/hts/sam_ptr.hpp"
#include "genoveil/select/region_set.hpp"

namespace genoveil::reads {

/// Make sure htslib cannot fetch a CRAM reference over the network (DESIGN.md 2.5): htslib
/// 1.16 falls back to the EBI MD5 service when REF_PATH is unset or empty, so in that case
/// REF_PATH is set to a path that cannot exist. A REF_PATH the user set is left alone.
void forbid_remote_references();

class ReadSource {
public:
    /// Throws input_error (not alignment data, truncated, bad header), io_error, usage_error
    /// (regions on a stream or without an index). `reference` ("" for none) decodes CRAM.
    ReadSource(const std::string& path, hts::ThreadPool& pool, const std::string& reference,
               const select::RegionSet* regions);

    [[nodiscard]] sam_hdr_t* header() const { return hdr_.get(); }
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] bool is_cram() const { return cram_; }

    /// Next record; false at the end; input_error on malformed or undecodable data.
    bool next(bam1_t* b);
    [[nodiscard]] std::uint64_t records() const { return records_; }
    /// Records in the whole file per its index (regions only), for the report.
    [[nodiscard]] std::optional<std::uint64_t> indexed_total() const { return indexed_total_; }

private:
    std::string name_;
    bool cram_ = false;
    bool bgzf_ = false;  // BAM or bgzip-compressed SAM
    bool has_reference_ = false;
    hts::FilePtr fp_;
    hts::SamHdrPtr hdr_;
    hts::IdxPtr idx_;
    hts::ItrPtr itr_;
    std::uint64_t records_ = 0;
    std::optional<std::uint64_t> indexed_total_;
};

}  // namespace genoveil::reads
