// SPDX-License-Identifier: MIT
// A one-line progress meter on stderr, redrawn at most twice a second. Only the serial writer
// stage calls it, so it needs no locking.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace genoveil::core {

class Progress {
public:
    Progress(bool enabled, std::string label) : enabled_(enabled), label_(std::move(label)) {}
    ~Progress() { finish(); }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void update(std::uint64_t records);
    void finish();

    /// True when stderr is a terminal and the user did not ask for quiet.
    [[nodiscard]] static bool wanted(bool quiet);

private:
    bool enabled_;
    bool drawn_ = false;
    std::string label_;
    std::chrono::steady_clock::time_point last_{};
    std::uint64_t records_ = 0;
};

}  // namespace genoveil::core
