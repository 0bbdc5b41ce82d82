// SPDX-License-Identifier: MIT
#include "genoveil/reads/read_source.hpp"

#include <cerrno>
#include <cstdlib>
#include <sys/stat.h>
#include <vector>

#include <htslib/bgzf.h>
#include <htslib/cram.h>

#include "genoveil/core/error.hpp"

namespace genoveil::reads {

void forbid_remote_references() {
    const char* p = std::getenv("REF_PATH");
    // /dev/null is not a directory, so no file can be found below it.
    if (p == nullptr || *p == '\0') setenv("REF_PATH", "/dev/null/genoveil-no-remote-reference", 1);
}

namespace {

bool regular_file(const std::string& path) {
    struct stat st {};
    return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string region_string(const std::string& contig, const select::Interval& iv) {
    const bool braces = contig.find_first_of(":,{}") != std::string::npos;
    std::string s;
    if (braces) s.push_back('{');
    s.append(contig);
    if (braces) s.push_back('}');
    const std::int64_t end = std::min<std::int64_t>(iv.end, HTS_POS_MAX - 1);
    s.push_back(':');
    s.append(std::to_string(iv.beg + 1));
    s.push_back('-');
    s.append(std::to_string(end));
    return s;
}

}  // namespace

ReadSource::ReadSource(const std::string& path, hts::ThreadPool& pool, const std::string& reference,
                       const select::RegionSet* regions)
    : name_(path == "-" ? "<stdin>" : path), has_reference_(!reference.empty()) {
    fp_.reset(hts_open(path.c_str(), "r"));
    if (!fp_) {
        if (errno == ENOEXEC) throw input_error(name_, 0, "", "not a SAM, BAM or CRAM file (unrecognised format)");
        throw io_error(errno_message(name_));
    }
    const htsFormat* fmt = hts_get_format(fp_.get());
    if (fmt->format == htsExactFormat::empty_format) throw input_error(name_, 0, "", "the input is empty");
    if (fmt->format != htsExactFormat::sam && fmt->format != htsExactFormat::bam &&
        fmt->format != htsExactFormat::cram) {
        if (fmt->category == htsFormatCategory::variant_data)
            throw input_error(name_, 0, "", "this is variant data (VCF/BCF), not SAM/BAM/CRAM; use 'genoveil vcf'");
        throw input_error(name_, 0, "", "not a SAM, BAM or CRAM file");
    }
    cram_ = fmt->format == htsExactFormat::cram;
    bgzf_ = fmt->compression == htsCompression::bgzf && !cram_;
    if (bgzf_ && regular_file(path)) {
        if (bgzf_check_EOF(hts_get_bgzfp(fp_.get())) == 0)
            throw input_error(name_, 0, "", "truncated: the BGZF end-of-file marker is missing");
    }
    if (cram_ && regular_file(path) && cram_check_EOF(fp_->fp.cram) == 0)
        throw input_error(name_, 0, "", "truncated: the CRAM end-of-file container is missing");
    if (cram_ && has_reference_ && hts_set_fai_filename(fp_.get(), reference.c_str()) != 0)
        throw io_error(reference + ": cannot use this reference for CRAM decoding");
    hdr_.reset(sam_hdr_read(fp_.get()));
    if (!hdr_) throw input_error(name_, 0, "header", "missing or malformed SAM header");
    // SAM text is parsed in the serial reader stage: htslib 1.16's multi-threaded SAM reader
    // (enabled by attaching a pool) deadlocks here together with the TBB pipeline. BAM and
    // CRAM decoding use the pool.
    if (fmt->format != htsExactFormat::sam) pool.attach(fp_.get());

    if (regions == nullptr) return;
    if (path == "-") throw usage_error("-r/-R need an indexed file, not standard input; use -t/-T to filter a stream");
    idx_.reset(sam_index_load(fp_.get(), path.c_str()));
    if (!idx_) throw usage_error(name_ + ": -r/-R need an index (.bai, .csi or .crai); make one with 'samtools index'");
    std::vector<std::string> regs;
    for (const auto& [contig, ivs] : regions->contigs()) {
        if (sam_hdr_name2tid(hdr_.get(), contig.c_str()) < 0)
            throw usage_error("a region names a contig that the input header does not declare");
        for (const auto& iv : ivs) regs.push_back(region_string(contig, iv));
    }
    std::vector<char*> ptrs;
    for (auto& r : regs) ptrs.push_back(r.data());
    itr_.reset(sam_itr_regarray(idx_.get(), hdr_.get(), ptrs.data(), static_cast<unsigned>(ptrs.size())));
    if (!itr_) throw usage_error("the regions cannot be resolved against the index");

    std::uint64_t total = 0;
    const int nseq = hts_idx_nseq(idx_.get());
    bool known = nseq > 0;
    for (int t = 0; t < nseq; ++t) {
        std::uint64_t mapped = 0, unmapped = 0;
        if (hts_idx_get_stat(idx_.get(), t, &mapped, &unmapped) == 0)
            total += mapped + unmapped;
        else
            known = false;
    }
    total += hts_idx_get_n_no_coor(idx_.get());
    if (known) indexed_total_ = total;
}

bool ReadSource::next(bam1_t* b) {
    const int r = itr_ ? sam_itr_next(fp_.get(), itr_.get(), b) : sam_read1(fp_.get(), hdr_.get(), b);
    if (r >= 0) {
        ++records_;
        return true;
    }
    if (r == -1) {
        // A stream cannot be checked up front: at its end, the last block must have been the
        // end-of-file marker (BGZF) or container (CRAM). Region queries stop early on purpose.
        if (!itr_ && bgzf_ && hts_get_bgzfp(fp_.get())->no_eof_block)
            throw input_error(name_, records_ + 1, "", "truncated: the stream ended without the BGZF end-of-file marker");
        if (!itr_ && cram_ && cram_eof(fp_->fp.cram) == 2)
            throw input_error(name_, records_ + 1, "", "truncated: the stream ended without the CRAM end-of-file container");
        return false;
    }
    if (cram_ && !has_reference_)
        throw input_error(name_, records_ + 1, "", "cannot decode CRAM: give its reference with --reference FA "
                                                   "(genoveil never fetches references over the network)");
    throw input_error(name_, records_ + 1, "", "read error: truncated or malformed record");
}

}  // namespace genoveil::reads
