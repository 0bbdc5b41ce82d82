// SPDX-License-Identifier: MIT
// The reads record transforms on SAM text: the first two bytes pick the configuration (name
// mode, masking, clip handling, quality bins, filters, tag allowlist); the rest is SAM lines,
// decoded by htslib's sam_parse1 against a fixed header (as sam_read1 does) and fed in order
// through the reader and transform stages of `genoveil reads`. See reads_setup.hpp for the checks.
#include "reads_setup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const std::uint8_t a = in.byte(), b = in.byte();
    genoveil::fuzz::ReadsSetup s(a, b);
    const std::string_view text = in.rest();
    genoveil::hts::BamPtr rec(bam_init1());
    kstring_t line = KS_INITIALIZE;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        const std::string_view l = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? text.size() : nl + 1;
        if (l.empty() || l.front() == '@') continue;
        line.l = 0;
        kputsn(l.data(), l.size(), &line);
        if (sam_parse1(&line, s.in_header(), rec.get()) < 0) break;  // htslib rejects it: exit 1
        if (!s.record(rec.get())) break;
    }
    ks_free(&line);
    return 0;
}
