// SPDX-License-Identifier: MIT
// scrub_header: SAM header text from an untrusted file, parsed by htslib, then scrubbed. The
// first byte chooses whether read names are hashed. Checks: the output keeps only @HD, @SQ,
// @RG and our own @PG; @RG carries only ID, SM, PL; no input @RG ID or SM value survives
// verbatim; the output text parses back.
#include <cstring>
#include <string>

#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/sam_ptr.hpp"
#include "genoveil/reads/header_scrub.hpp"

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const auto p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const bool hashed = in.byte() & 1;
    const std::string text(in.rest());
    genoveil::hts::SamHdrPtr hdr(sam_hdr_parse(text.size(), text.c_str()));
    if (!hdr) return 0;  // ReadSource fails with an input error
    static genoveil::crypto::SecretKey key = [] {
        genoveil::crypto::SecretKey k;
        std::memset(k.data(), 3, k.size());
        return k;
    }();
    genoveil::crypto::Hmac hmac(key);
    const std::string pg = genoveil::reads::pg_line("fuzz", "genoveil reads", "sha256:0");
    genoveil::reads::ScrubbedHeader r;
    try {
        r = genoveil::reads::scrub_header(hdr.get(), hmac, pg, hashed, "fuzz.sam");
    } catch (const genoveil::input_error&) {
        return 0;
    }
    if (!r.out) genoveil::fuzz::violated("no output header");
    for (const auto line : split(r.text, '\n')) {
        if (line.empty()) continue;
        const auto f = split(line, '\t');
        if (f[0] == "@PG") {
            if (line != pg) genoveil::fuzz::violated("an upstream @PG line survived");
        } else if (f[0] == "@RG") {
            for (std::size_t i = 1; i < f.size(); ++i) {
                const auto k = f[i].substr(0, 3);
                if (k != "ID:" && k != "SM:" && k != "PL:") genoveil::fuzz::violated("an @RG field other than ID/SM/PL survived");
                if ((k == "ID:" || k == "SM:") && f[i].size() != 27) genoveil::fuzz::violated("@RG ID/SM is not a pseudonym");
            }
        } else if (f[0] == "@SQ") {
            for (std::size_t i = 1; i < f.size(); ++i) {
                const auto k = f[i].substr(0, 3);
                if (k != "SN:" && k != "LN:" && k != "M5:") genoveil::fuzz::violated("an @SQ field other than SN/LN/M5 survived");
            }
        } else if (f[0] != "@HD") {
            genoveil::fuzz::violated("a header record type other than @HD/@SQ/@RG/@PG survived");
        }
    }
    const char* out_text = sam_hdr_str(r.out.get());
    if (out_text == nullptr) genoveil::fuzz::violated("the output header has no text");
    genoveil::hts::SamHdrPtr again(sam_hdr_parse(std::strlen(out_text), out_text));
    if (!again || sam_hdr_nref(again.get()) != sam_hdr_nref(hdr.get())) genoveil::fuzz::violated("the output header does not parse back");
    return 0;
}
