// SPDX-License-Identifier: MIT
// Reads a VCF/BCF stream or, with regions, jumps through its index. Text input yields raw data
// lines (parsed later, in parallel); BCF input yields records. Overlapping regions are merged
// and a record overlapping two regions is returned once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/select/region_set.hpp"

namespace genoveil::vcf {

/// The raw records of one pipeline batch, recycled from batch to batch: text lines for VCF
/// input, records for BCF input (formatted to text by the workers).
struct RawBatch {
    std::vector<hts::KString> lines;
    std::vector<hts::RecPtr> in_recs;  ///< BCF input only
    std::size_t n = 0;                 ///< records in this batch
    std::uint64_t first_record = 0;    ///< 1-based number of the first
};

class VcfSource {
public:
    /// Open `path` ("-" for stdin) and read its header. With `regions`, the input must be
    /// indexed (.csi/.tbi beside it). Throws input_error / io_error / usage_error.
    VcfSource(const std::string& path, hts::ThreadPool& pool, const select::RegionSet* regions);

    [[nodiscard]] const bcf_hdr_t* header() const { return hdr_.get(); }
    [[nodiscard]] bool is_bcf() const { return bcf_; }
    [[nodiscard]] const std::string& name() const { return name_; }

    /// Next data line (text input). False at the end. Empty lines are skipped.
    bool next_line(kstring_t* line);
    /// Next record (BCF input). False at the end.
    bool next_record(bcf1_t* rec);
    /// Fill `b` with the next records, up to `max_records` or about `max_bytes` of data.
    /// False at the end (b.n == 0).
    bool fill(RawBatch& b, std::size_t max_records, std::size_t max_bytes);

    /// Records of the whole file per the index statistics, when regions were used and the
    /// index records them; lets the report say how many the regions left out.
    [[nodiscard]] std::optional<std::uint64_t> indexed_total() const { return indexed_total_; }

    /// Number of data records returned so far.
    [[nodiscard]] std::uint64_t records() const { return records_; }

private:
    bool advance_region();
    bool fail_read(int r);
    bool skip_duplicate(std::int64_t pos0);

    std::string name_;
    hts::FilePtr fp_;
    hts::HdrPtr hdr_;
    bool bcf_ = false;
    std::uint64_t records_ = 0;

    // region iteration
    const select::RegionSet* regions_ = nullptr;
    hts::IdxPtr idx_;
    hts::TbxPtr tbx_;
    hts::ItrPtr itr_;
    std::vector<std::pair<int, select::Interval>> queue_;  // (tid, interval), in file order
    std::size_t next_region_ = 0;
    int cur_tid_ = -1;
    std::int64_t prev_end_ = -1;  // end of the previous interval on the current contig
    std::optional<std::uint64_t> indexed_total_;
};

}  // namespace genoveil::vcf
