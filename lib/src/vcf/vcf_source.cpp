// SPDX-License-Identifier: MIT
#include "genoveil/vcf/vcf_source.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <sys/stat.h>

#include <htslib/bgzf.h>
#include <htslib/kseq.h>

#include "genoveil/core/error.hpp"

namespace genoveil::vcf {

namespace {

bool seekable_regular(const std::string& path) {
    struct stat st {};
    return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

VcfSource::VcfSource(const std::string& path, hts::ThreadPool& pool, const select::RegionSet* regions)
    : name_(path == "-" ? "<stdin>" : path), regions_(regions) {
    fp_.reset(hts_open(path.c_str(), "r"));
    if (!fp_) {
        if (errno == ENOEXEC) throw input_error(name_, 0, "", "not a VCF or BCF file (unrecognised format)");
        throw io_error(errno_message(name_));
    }
    const htsFormat* fmt = hts_get_format(fp_.get());
    if (fmt->format != htsExactFormat::vcf && fmt->format != htsExactFormat::bcf) {
        if (fmt->category == htsFormatCategory::sequence_data)
            throw input_error(name_, 0, "", "this is sequence data (SAM/BAM/CRAM), not VCF/BCF; use 'genoveil reads'");
        throw input_error(name_, 0, "", "not a VCF or BCF file");
    }
    bcf_ = fmt->format == htsExactFormat::bcf;
    if (fmt->compression == htsCompression::bgzf && seekable_regular(path)) {
        const int eof = bgzf_check_EOF(hts_get_bgzfp(fp_.get()));
        if (eof == 0) throw input_error(name_, 0, "", "truncated: the BGZF end-of-file marker is missing");
    }
    pool.attach(fp_.get());
    hdr_.reset(bcf_hdr_read(fp_.get()));
    if (!hdr_) throw input_error(name_, 0, "header", "missing or malformed VCF header (no #CHROM line?)");

    if (regions_ == nullptr) return;
    if (path == "-") throw usage_error("-r/-R need an indexed file, not standard input; use -t/-T to filter a stream");
    if (bcf_) {
        idx_.reset(bcf_index_load(path.c_str()));
    } else {
        tbx_.reset(tbx_index_load3(path.c_str(), nullptr, HTS_IDX_SILENT_FAIL));
    }
    hts_idx_t* idx = bcf_ ? idx_.get() : (tbx_ ? tbx_->idx : nullptr);
    if (idx == nullptr) throw usage_error(name_ + ": -r/-R need an index (.csi or .tbi); make one with 'bcftools index'");

    // Queue the merged intervals in the order of the header's contigs (the file's order).
    std::vector<std::pair<int, std::pair<int, select::Interval>>> order;  // (rid, (tid, iv))
    for (const auto& [contig, ivs] : regions_->contigs()) {
        const int rid = bcf_hdr_name2id(hdr_.get(), contig.c_str());
        if (rid < 0) throw usage_error("a region names a contig that the input header does not declare");
        const int tid = bcf_ ? rid : tbx_name2id(tbx_.get(), contig.c_str());
        if (tid < 0) continue;  // declared, but the file has no records there
        for (const auto& iv : ivs) order.push_back({rid, {tid, iv}});
    }
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second.second.beg < b.second.second.beg;
    });
    for (const auto& o : order) queue_.push_back(o.second);

    std::uint64_t total = 0;
    const int nseq = hts_idx_nseq(idx);
    for (int t = 0; t < nseq; ++t) {
        std::uint64_t mapped = 0, unmapped = 0;
        if (hts_idx_get_stat(idx, t, &mapped, &unmapped) == 0) total += mapped + unmapped;
    }
    if (nseq > 0) indexed_total_ = total;
}

bool VcfSource::advance_region() {
    if (next_region_ >= queue_.size()) return false;
    const auto& [tid, iv] = queue_[next_region_++];
    if (tid != cur_tid_) {
        cur_tid_ = tid;
        prev_end_ = -1;
    }
    const hts_pos_t end = std::min<std::int64_t>(iv.end, HTS_POS_MAX);
    if (bcf_)
        itr_.reset(bcf_itr_queryi(idx_.get(), tid, iv.beg, end));
    else
        itr_.reset(tbx_itr_queryi(tbx_.get(), tid, iv.beg, end));
    if (!itr_) throw io_error(name_ + ": index query failed");
    return true;
}

bool VcfSource::fail_read(int r) {
    if (r == -1) {
        // End of a BGZF stream without the EOF block: the input was cut at a block boundary.
        const BGZF* b = hts_get_bgzfp(fp_.get());
        if (b != nullptr && b->no_eof_block) throw input_error(name_, 0, "", "truncated: the BGZF end-of-file marker is missing");
        return false;
    }
    throw input_error(name_, records_ + 1, "", "read error: truncated or corrupt data");
}

bool VcfSource::skip_duplicate(std::int64_t pos0) {
    // Intervals are merged and sorted, so a record returned again by this interval began before
    // the previous interval's end and was returned by it.
    return pos0 < prev_end_;
}

bool VcfSource::next_line(kstring_t* line) {
    if (regions_ == nullptr) {
        while (true) {
            const int r = hts_getline(fp_.get(), KS_SEP_LINE, line);
            if (r < 0) return fail_read(r);
            if (line->l == 0 || (line->l == 1 && line->s[0] == '\r')) continue;
            if (line->s[0] == '#') throw input_error(name_, records_ + 1, "", "header line after the data lines");
            ++records_;
            return true;
        }
    }
    while (true) {
        if (!itr_) {
            if (!advance_region()) return false;
        }
        const int r = tbx_itr_next(fp_.get(), tbx_.get(), itr_.get(), line);
        if (r < 0) {
            if (r < -1) return fail_read(r);
            prev_end_ = queue_[next_region_ - 1].second.end;
            itr_.reset();
            continue;
        }
        // POS is the second column.
        const char* tab = static_cast<const char*>(std::memchr(line->s, '\t', line->l));
        std::int64_t pos1 = 0;
        if (tab) std::from_chars(tab + 1, line->s + line->l, pos1);
        if (skip_duplicate(pos1 - 1)) continue;
        ++records_;
        return true;
    }
}

bool VcfSource::next_record(bcf1_t* rec) {
    if (regions_ == nullptr) {
        const int r = bcf_read(fp_.get(), hdr_.get(), rec);
        if (r < 0) return fail_read(r);
        ++records_;
        return true;
    }
    while (true) {
        if (!itr_) {
            if (!advance_region()) return false;
        }
        const int r = bcf_itr_next(fp_.get(), itr_.get(), rec);
        if (r < 0) {
            if (r < -1) return fail_read(r);
            prev_end_ = queue_[next_region_ - 1].second.end;
            itr_.reset();
            continue;
        }
        if (skip_duplicate(rec->pos)) continue;
        ++records_;
        return true;
    }
}

bool VcfSource::fill(RawBatch& b, std::size_t max_records, std::size_t max_bytes) {
    b.n = 0;
    b.first_record = records_ + 1;
    std::size_t bytes = 0;
    while (b.n < max_records && bytes < max_bytes) {
        if (b.lines.size() <= b.n) b.lines.emplace_back();
        if (bcf_ && b.in_recs.size() <= b.n) b.in_recs.emplace_back(bcf_init());
        if (bcf_) {
            if (!next_record(b.in_recs[b.n].get())) break;
            bytes += b.in_recs[b.n]->shared.l + b.in_recs[b.n]->indiv.l;
        } else {
            if (!next_line(b.lines[b.n].get())) break;
            bytes += b.lines[b.n]->l;
        }
        ++b.n;
    }
    return b.n > 0;
}

}  // namespace genoveil::vcf
