// SPDX-License-Identifier: MIT
// Helpers shared by the libFuzzer harnesses: a cursor over the fuzzer's bytes that hands out
// small integers and flags (for configuration) and the rest as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include <htslib/hts_log.h>

namespace genoveil::fuzz {

/// genoveil silences htslib's log (tools/main.cpp); so do the harnesses.
inline const bool htslib_quiet = (hts_set_log_level(HTS_LOG_OFF), true);

class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}

    /// Next byte, or 0 once the input is used up.
    std::uint8_t byte() {
        if (n_ == 0) return 0;
        --n_;
        return *p_++;
    }
    std::uint32_t u32() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | byte();
        return v;
    }
    /// Up to `n` bytes as a view (fewer when the input ends first).
    std::string_view take(std::size_t n) {
        if (n > n_) n = n_;
        const std::string_view v(reinterpret_cast<const char*>(p_), n);
        p_ += n;
        n_ -= n;
        return v;
    }
    /// Everything that is left.
    std::string_view rest() { return take(n_); }
    [[nodiscard]] std::size_t left() const { return n_; }

private:
    const std::uint8_t* p_;
    std::size_t n_;
};

/// A broken invariant: print it and abort so that libFuzzer records the input as a crash.
[[noreturn]] inline void violated(const char* what) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
}

/// Long campaigns can step over bugs that are already reported and not fixed yet, so that the
/// fuzzer keeps exploring: GENOVEIL_FUZZ_KNOWN_BUGS holds the ids (comma-separated) to tolerate.
/// CI never sets it, so the regression inputs of those bugs fail until the fix lands.
inline bool known_bug(std::string_view id) {
    const char* env = std::getenv("GENOVEIL_FUZZ_KNOWN_BUGS");
    return env != nullptr && std::string_view(env).find(id) != std::string_view::npos;
}

}  // namespace genoveil::fuzz
