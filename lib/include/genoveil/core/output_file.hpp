// SPDX-License-Identifier: MIT
// Atomic output files: data goes to a temporary file in the destination's directory, created
// with mode 0600, and is renamed over the final name only by commit(). A run that fails or is
// interrupted (SIGINT, SIGTERM, SIGPIPE, SIGHUP) leaves neither a partial file nor the temporary.
// An existing target that is not a regular file (a device such as /dev/null, a FIFO) is written
// directly: there is nothing to rename over it.
#pragma once

#include <string>

namespace genoveil::core {

enum class Clobber { allow, refuse };

class OutputFile {
public:
    /// Reserve a temporary name beside `path`. With Clobber::refuse an existing `path` is an
    /// io_error now and commit() never replaces a file that appeared meanwhile.
    /// `final_mode` is applied (minus the umask) at commit; 0600 stays 0600.
    OutputFile(std::string path, Clobber clobber, unsigned final_mode = 0666);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    [[nodiscard]] const std::string& temp_path() const { return temp_; }
    [[nodiscard]] const std::string& path() const { return path_; }

    /// Give the temporary its final mode and move it to path(). Throws io_error.
    void commit();
    /// True when writing straight to a device or FIFO.
    [[nodiscard]] bool direct() const { return direct_; }
    /// Remove the temporary (also done by the destructor when not committed).
    void discard() noexcept;

private:
    std::string path_;
    std::string temp_;
    Clobber clobber_;
    unsigned final_mode_;
    bool done_ = false;
    bool direct_ = false;
    int slot_ = -1;
};

/// Install handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that remove every live temporary
/// and then die of the same signal. Idempotent.
void install_signal_cleanup();

/// True for "-" (stdout/stdin).
[[nodiscard]] inline bool is_stdio(const std::string& path) { return path == "-" || path.empty(); }

}  // namespace genoveil::core
