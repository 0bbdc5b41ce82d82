// SPDX-License-Identifier: MIT
// The reference FASTA for --mask-variants: which header contigs it has, and the bases a read
// needs, fetched in 64 KiB chunks kept in a small cache. Called only from the serial reader
// stage (faidx is not thread-safe); the copies it hands out are read by the workers.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include <htslib/sam.h>

#include "genoveil/hts/sam_ptr.hpp"

namespace genoveil::reads {

class Reference {
public:
    /// Open FASTA `path` (plain or bgzip) with its .fai (created beside it when missing).
    explicit Reference(const std::string& path);

    /// Match the reference list of `hdr` by name. Contigs the FASTA lacks are allowed until a
    /// read needs one.
    void bind(const sam_hdr_t* hdr);

    [[nodiscard]] bool has(int tid) const { return tid >= 0 && static_cast<std::size_t>(tid) < len_.size() && len_[tid] >= 0; }
    [[nodiscard]] std::int64_t length(int tid) const { return len_[tid]; }

    /// Append the upper-case bases of [beg, end) of contig `tid` to `out` (the range must lie
    /// inside the contig). Throws io_error when the FASTA cannot be read.
    void fetch(int tid, std::int64_t beg, std::int64_t end, std::string& out);

    [[nodiscard]] const std::string& path() const { return path_; }

private:
    struct Chunk {
        int tid;
        std::int64_t index;
        std::string bases;
    };
    const Chunk& chunk(int tid, std::int64_t index);

    std::string path_;
    hts::FaiPtr fai_;
    std::vector<std::string> names_;
    std::vector<std::int64_t> len_;  // -1: not in the FASTA
    std::list<Chunk> cache_;         // most recently used first
};

}  // namespace genoveil::reads
