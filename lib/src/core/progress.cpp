// SPDX-License-Identifier: MIT
#include "genoveil/core/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace genoveil::core {

bool Progress::wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

void Progress::update(std::uint64_t records) {
    records_ = records;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    drawn_ = true;
    std::fprintf(stderr, "\r%s: %llu records", label_.c_str(), static_cast<unsigned long long>(records));
    std::fflush(stderr);
}

void Progress::finish() {
    if (!enabled_ || !drawn_) return;
    std::fprintf(stderr, "\r%s: %llu records, done\n", label_.c_str(), static_cast<unsigned long long>(records_));
    drawn_ = false;
}

}  // namespace genoveil::core
