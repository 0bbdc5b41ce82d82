// SPDX-License-Identifier: MIT
// RAII owners for htslib objects. Every htslib call whose status matters is checked by the
// caller right after it returns; these types only guarantee release.
#pragma once

#include <memory>

#include <htslib/hts.h>
#include <htslib/kstring.h>
#include <htslib/tbx.h>
#include <htslib/thread_pool.h>
#include <htslib/vcf.h>

namespace genoveil::hts {

struct HtsFileCloser {
    void operator()(htsFile* f) const noexcept { hts_close(f); }
};
struct BcfHdrFree {
    void operator()(bcf_hdr_t* h) const noexcept { bcf_hdr_destroy(h); }
};
struct Bcf1Free {
    void operator()(bcf1_t* r) const noexcept { bcf_destroy(r); }
};
struct IdxFree {
    void operator()(hts_idx_t* i) const noexcept { hts_idx_destroy(i); }
};
struct TbxFree {
    void operator()(tbx_t* t) const noexcept { tbx_destroy(t); }
};
struct ItrFree {
    void operator()(hts_itr_t* i) const noexcept { hts_itr_destroy(i); }
};

using FilePtr = std::unique_ptr<htsFile, HtsFileCloser>;
using HdrPtr = std::unique_ptr<bcf_hdr_t, BcfHdrFree>;
using RecPtr = std::unique_ptr<bcf1_t, Bcf1Free>;
using IdxPtr = std::unique_ptr<hts_idx_t, IdxFree>;
using TbxPtr = std::unique_ptr<tbx_t, TbxFree>;
using ItrPtr = std::unique_ptr<hts_itr_t, ItrFree>;

/// An owned kstring_t.
class KString {
public:
    KString() = default;
    ~KString() { ks_free(&s_); }
    KString(const KString&) = delete;
    KString& operator=(const KString&) = delete;
    KString(KString&& o) noexcept : s_(o.s_) { o.s_ = KS_INITIALIZE; }
    KString& operator=(KString&& o) noexcept {
        if (this != &o) {
            ks_free(&s_);
            s_ = o.s_;
            o.s_ = KS_INITIALIZE;
        }
        return *this;
    }
    kstring_t* get() { return &s_; }
    const kstring_t* get() const { return &s_; }
    kstring_t& operator*() { return s_; }
    kstring_t* operator->() { return &s_; }
    const kstring_t* operator->() const { return &s_; }
    void clear() { s_.l = 0; }

private:
    kstring_t s_ = KS_INITIALIZE;
};

/// An htslib thread pool for BGZF work, shared by the input and output files.
class ThreadPool {
public:
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;
    /// Attach to a file; no-op when the pool has no threads.
    void attach(htsFile* f);

private:
    htsThreadPool pool_{nullptr, 0};
};

}  // namespace genoveil::hts
