// SPDX-License-Identifier: MIT
// Scratch files for harnesses whose code under test reads a path: a private directory under
// TMPDIR, made once per process, and a helper that writes the fuzzer's bytes to a file in it.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <unistd.h>

#include "fuzz_input.hpp"

namespace genoveil::fuzz {

/// A directory (mode 0700) for this process's scratch files, removed at exit when empty.
inline const std::string& scratch_dir() {
    static const std::string dir = [] {
        const char* t = std::getenv("TMPDIR");
        std::string d = std::string(t && *t ? t : "/tmp") + "/genoveil-fuzz-XXXXXX";
        if (::mkdtemp(d.data()) == nullptr) violated("cannot create a scratch directory");
        return d;
    }();
    return dir;
}

/// Write `bytes` to scratch_dir()/name (mode 0600, replaced) and return the path.
inline std::string write_scratch(const std::string& name, std::string_view bytes) {
    const std::string path = scratch_dir() + "/" + name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) violated("cannot write a scratch file");
    std::size_t put = 0;
    while (put < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + put, bytes.size() - put);
        if (n <= 0) violated("cannot write a scratch file");
        put += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return path;
}

/// Remove scratch_dir()/name if present.
inline void remove_scratch(const std::string& name) { ::unlink((scratch_dir() + "/" + name).c_str()); }

}  // namespace genoveil::fuzz
