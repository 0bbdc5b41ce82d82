// SPDX-License-Identifier: MIT
#include "genoveil/reads/reference.hpp"

#include <cstdlib>

#include "genoveil/core/error.hpp"

namespace genoveil::reads {

namespace {
constexpr std::int64_t chunk_bits = 16;  // 64 KiB
constexpr std::size_t cache_chunks = 64;
}  // namespace

Reference::Reference(const std::string& path) : path_(path) {
    fai_.reset(fai_load3(path.c_str(), nullptr, nullptr, FAI_CREATE));
    if (!fai_) throw io_error(path + ": cannot open the reference FASTA or its .fai index");
}

void Reference::bind(const sam_hdr_t* hdr) {
    const int n = sam_hdr_nref(hdr);
    names_.assign(static_cast<std::size_t>(n), std::string());
    len_.assign(static_cast<std::size_t>(n), -1);
    for (int i = 0; i < n; ++i) {
        const char* name = sam_hdr_tid2name(hdr, i);
        names_[i] = name ? name : "";
        if (name && faidx_has_seq(fai_.get(), name)) len_[i] = faidx_seq_len(fai_.get(), name);  // int in htslib 1.16; contigs < 2^31
    }
}

const Reference::Chunk& Reference::chunk(int tid, std::int64_t index) {
    for (auto it = cache_.begin(); it != cache_.end(); ++it)
        if (it->tid == tid && it->index == index) {
            if (it != cache_.begin()) cache_.splice(cache_.begin(), cache_, it);
            return cache_.front();
        }
    const std::int64_t beg = index << chunk_bits;
    const std::int64_t end = std::min(len_[tid], (index + 1) << chunk_bits);
    hts_pos_t got = 0;
    char* s = faidx_fetch_seq64(fai_.get(), names_[tid].c_str(), beg, end - 1, &got);
    if (s == nullptr || got != end - beg) {
        std::free(s);
        throw io_error(path_ + ": cannot read the reference sequence");
    }
    Chunk c{tid, index, std::string(s, static_cast<std::size_t>(got))};
    std::free(s);
    for (auto& ch : c.bases)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
    if (cache_.size() >= cache_chunks) cache_.pop_back();
    cache_.push_front(std::move(c));
    return cache_.front();
}

void Reference::fetch(int tid, std::int64_t beg, std::int64_t end, std::string& out) {
    while (beg < end) {
        const std::int64_t index = beg >> chunk_bits;
        const Chunk& c = chunk(tid, index);
        const std::int64_t cbeg = index << chunk_bits;
        const std::int64_t take = std::min<std::int64_t>(end, cbeg + static_cast<std::int64_t>(c.bases.size())) - beg;
        if (take <= 0) throw io_error(path_ + ": reference sequence shorter than its index says");
        out.append(c.bases, static_cast<std::size_t>(beg - cbeg), static_cast<std::size_t>(take));
        beg += take;
    }
}

}  // namespace genoveil::reads
