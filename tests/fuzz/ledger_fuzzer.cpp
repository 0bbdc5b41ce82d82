// SPDX-License-Identifier: MIT
// The privacy-budget ledger (release --ledger). The first byte picks a mode:
//  even: the rest is a ledger file beside a fixed seed; opening it either succeeds or is refused
//        with a genoveil error (an edited or damaged ledger), never a crash or a foreign
//        exception, and an opened ledger answers spent() and fits().
//  odd:  the rest is JSON lines; every object that append() takes goes into a fresh ledger,
//        which must then open again with the same entries and the same spent budget: a ledger
//        that genoveil wrote never locks its steward out.
#include <cmath>
#include <string>

#include "fuzz_files.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/privacy/rational.hpp"
#include "genoveil/release/ledger.hpp"

namespace {

constexpr char kSeed[33] = "0123456789abcdef0123456789ABCDEF";

void fresh_files() {
    for (const char* f : {"l.ledger", "l.ledger.seed", "l.ledger.head", "l.ledger.head.tmp"}) genoveil::fuzz::remove_scratch(f);
}

void query(const genoveil::release::Ledger& l) {
    const double s = l.spent();
    if (!(s >= 0) || std::isnan(s)) genoveil::fuzz::violated("spent() is negative or NaN");
    (void)l.fits(genoveil::privacy::Rational{1, 4}, genoveil::privacy::Rational{1, 1});
    (void)l.find_request("sha256:x");
    (void)l.has_plan("sha256:y");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const bool append_mode = (in.byte() & 1) != 0;
    const std::string_view rest = in.rest();
    fresh_files();
    const std::string path = genoveil::fuzz::scratch_dir() + "/l.ledger";
    if (!append_mode) {
        genoveil::fuzz::write_scratch("l.ledger.seed", std::string_view(kSeed, 32));
        genoveil::fuzz::write_scratch("l.ledger", rest);
        try {
            const genoveil::release::Ledger l(path);
            query(l);
        } catch (const genoveil::error&) {
        }
        return 0;
    }
    std::size_t appended = 0;
    double spent = 0;
    {
        genoveil::release::Ledger l(path);
        std::size_t start = 0;
        while (start < rest.size() && appended < 16) {
            std::size_t nl = rest.find('\n', start);
            if (nl == std::string_view::npos) nl = rest.size();
            const auto e = nlohmann::json::parse(rest.substr(start, nl - start), nullptr, false);
            start = nl + 1;
            if (e.is_discarded() || !e.is_object()) continue;
            // append() is given what release builds: a charge that is a finite number.
            if (!e.contains("rho_charged") || !e["rho_charged"].is_number()) continue;
            const double rho = e["rho_charged"].get<double>();
            if (!(rho >= 0) || !std::isfinite(rho)) continue;
            if (e.contains("rho_exact") && !e["rho_exact"].is_string()) continue;
            try {
                l.append(e);
                ++appended;
            } catch (const genoveil::error&) {
            }
        }
        spent = l.spent();
    }
    try {
        const genoveil::release::Ledger again(path);
        if (again.entries().size() != appended) genoveil::fuzz::violated("reopened ledger lost or gained entries");
        if (again.spent() != spent) genoveil::fuzz::violated("reopened ledger reports another spent budget");
        query(again);
    } catch (const genoveil::error& e) {
        // Refusing its own entries is a bug, except for a rho_exact that is not a fraction,
        // which release never writes.
        if (std::string(e.what()).find("rho_exact") == std::string::npos)
            genoveil::fuzz::violated("a ledger written by append() does not open again");
    }
    return 0;
}
