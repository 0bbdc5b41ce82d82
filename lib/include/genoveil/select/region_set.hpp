// SPDX-License-Identifier: MIT
// A set of genomic intervals per contig, merged and sorted, for -r/-R (index jump), -t/-T
// (streaming filter) and --exclude-bed. Coordinates are 0-based half-open inside; the parsers
// convert from the 1-based inclusive region syntax and from 0-based BED.
// Lookups are const and safe from many threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genoveil::select {

struct Interval {
    std::int64_t beg;  ///< 0-based, inclusive
    std::int64_t end;  ///< 0-based, exclusive
};

class RegionSet {
public:
    /// Add [beg, end) on `contig`. Call finish() before any lookup.
    void add(const std::string& contig, std::int64_t beg, std::int64_t end);
    /// Sort and merge overlapping or adjacent intervals.
    void finish();

    [[nodiscard]] bool empty() const { return by_contig_.empty(); }
    /// Does [beg, end) overlap any interval on `contig`?
    [[nodiscard]] bool overlaps(std::string_view contig, std::int64_t beg, std::int64_t end) const;
    /// Is the 0-based position inside an interval?
    [[nodiscard]] bool contains(std::string_view contig, std::int64_t pos) const {
        return overlaps(contig, pos, pos + 1);
    }
    [[nodiscard]] const std::map<std::string, std::vector<Interval>, std::less<>>& contigs() const {
        return by_contig_;
    }

private:
    std::map<std::string, std::vector<Interval>, std::less<>> by_contig_;
};

/// Parse a comma-separated region list "chr", "chr:pos", "chr:beg-end", "chr:beg-" (1-based,
/// inclusive; no thousands separators). Throws usage_error naming the bad entry's index.
[[nodiscard]] RegionSet parse_region_list(std::string_view list);

/// Read a regions file. Files ending in .bed / .bed.gz are BED (0-based half-open, at least
/// three columns); others are tab-separated CHROM POS [END] (1-based inclusive), as in bcftools.
/// Lines starting with '#', "track" or "browser", and empty lines, are skipped.
/// Throws input_error naming file, line and column.
[[nodiscard]] RegionSet read_region_file(const std::string& path, bool force_bed = false);

/// The set named by -r/-t (`list`) or -R/-T (`file`), whichever is given; none when neither is.
/// A leading '^' (bcftools' exclusion) is stripped and sets `negate`.
[[nodiscard]] std::optional<RegionSet> region_option(const std::string& list, const std::string& file, bool& negate);

/// Parse one line of a region file (exposed for tests and fuzzing). Returns false for lines to
/// skip; throws input_error(file, line_no, ...) on a malformed line.
bool parse_region_line(std::string_view line, bool bed, const std::string& file, std::uint64_t line_no,
                       std::string& contig, std::int64_t& beg, std::int64_t& end);

}  // namespace genoveil::select
