// SPDX-License-Identifier: MIT
// The reads record transforms on binary BAM records: the bytes are laid out as bam_read1 would
// leave them (any QNAME bytes, any CIGAR operation codes, SEQ '*' with a CIGAR, raw aux bytes),
// with only the checks bam_read1 and sam_read1 make (lengths, CIGAR/SEQ agreement for mapped
// reads with a SEQ, reference ids in range). The first two bytes pick the configuration.
#include <cstdlib>

#include "reads_setup.hpp"

namespace {

using genoveil::fuzz::Input;

/// Build one record; false when the input is used up or bam_read1 would reject it.
bool next_record(Input& in, bam1_t* b, int n_ref) {
    if (in.left() < 8) return false;
    std::string qname(in.take(in.byte() % 32));
    qname.push_back('\0');
    const std::size_t extranul = (4 - qname.size() % 4) % 4;
    qname.append(extranul, '\0');
    const std::uint16_t flag = static_cast<std::uint16_t>(in.byte() << 8 | in.byte());
    const int tid = static_cast<int>(in.byte() % (n_ref + 1)) - 1;
    const auto pos = static_cast<std::int32_t>(static_cast<std::int16_t>(in.byte() << 8 | in.byte()));
    const std::uint8_t mapq = in.byte();
    const std::uint32_t n_cigar = in.byte() % 9;
    std::vector<std::uint32_t> cigar(n_cigar);
    for (auto& op : cigar) {
        const std::uint16_t v = static_cast<std::uint16_t>(in.byte() << 8 | in.byte());
        op = static_cast<std::uint32_t>(v >> 4) << BAM_CIGAR_SHIFT | (v & 0xf);
    }
    const std::uint8_t lq = in.byte();
    std::int32_t l_qseq = lq % 80;
    std::int64_t rlen = 0, qlen = 0;
    for (const auto op : cigar) {
        const int type = bam_cigar_type(bam_cigar_op(op));
        if (type & 1) qlen += bam_cigar_oplen(op);
        if (type & 2) rlen += bam_cigar_oplen(op);
    }
    if (lq & 0x80) l_qseq = static_cast<std::int32_t>(qlen);
    if (l_qseq > 4000) return false;
    if (n_cigar > 0 && l_qseq > 0 && !(flag & BAM_FUNMAP) && qlen != l_qseq) return false;  // bam_read1
    std::string seq(in.take(static_cast<std::size_t>((l_qseq + 1) / 2)));
    seq.resize(static_cast<std::size_t>((l_qseq + 1) / 2), '\x11');
    std::string qual(in.take(static_cast<std::size_t>(l_qseq)));
    qual.resize(static_cast<std::size_t>(l_qseq), '\xff');
    const std::string aux(in.take(in.byte() % 96));
    const int mtid = static_cast<int>(in.byte() % (n_ref + 1)) - 1;
    const auto mpos = static_cast<std::int32_t>(static_cast<std::int16_t>(in.byte() << 8 | in.byte()));

    const std::size_t l_data = qname.size() + 4 * n_cigar + seq.size() + qual.size() + aux.size();
    // Exactly the record's size, so that reading past its end is caught.
    auto* data = static_cast<std::uint8_t*>(std::malloc(l_data ? l_data : 1));
    if (!data) std::abort();
    std::uint8_t* d = data;
    std::memcpy(d, qname.data(), qname.size());
    d += qname.size();
    if (n_cigar) std::memcpy(d, cigar.data(), 4 * n_cigar);
    d += 4 * n_cigar;
    std::memcpy(d, seq.data(), seq.size());
    d += seq.size();
    std::memcpy(d, qual.data(), qual.size());
    d += qual.size();
    std::memcpy(d, aux.data(), aux.size());
    std::free(b->data);
    b->data = data;
    b->m_data = static_cast<std::uint32_t>(l_data ? l_data : 1);
    b->l_data = static_cast<int>(l_data);
    b->core.tid = tid;
    b->core.pos = pos;
    b->core.flag = flag;
    b->core.qual = mapq;
    b->core.l_qname = static_cast<std::uint16_t>(qname.size());
    b->core.l_extranul = static_cast<std::uint8_t>(extranul);
    b->core.n_cigar = n_cigar;
    b->core.l_qseq = l_qseq;
    b->core.mtid = mtid;
    b->core.mpos = mpos;
    b->core.isize = 0;
    b->core.bin = static_cast<std::uint16_t>(hts_reg2bin(pos, pos + (rlen > 0 ? rlen : 1), 14, 5));
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Input in(data, size);
    const std::uint8_t a = in.byte(), b = in.byte();
    genoveil::fuzz::ReadsSetup s(a, b);
    s.roundtrip = false;
    const int n_ref = sam_hdr_nref(s.in_header());
    genoveil::hts::BamPtr rec(bam_init1());
    while (next_record(in, rec.get(), n_ref))
        if (!s.record(rec.get())) break;
    return 0;
}
