// SPDX-License-Identifier: MIT
// Typed errors thrown by libgenoveil. The library never prints or exits; tools/main.cpp maps
// each type to an exit status (usage_error -> 2, internal_error -> 3, every other -> 1).
// Messages name the file, record number and field, never an identifying value.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace genoveil {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad option values, bad region strings, conflicting options. Exit status 2.
class usage_error : public error {
public:
    using error::error;
};

/// Malformed input. The message is "FILE: record N: FIELD: what is wrong".
class input_error : public error {
public:
    using error::error;
    input_error(const std::string& file, std::uint64_t record, const std::string& field,
                const std::string& what);
};

/// open/read/write/close/rename failures; carries the errno text where there is one.
class io_error : public error {
public:
    using error::error;
};

/// Key material, OpenSSL and randomness failures.
class crypto_error : public error {
public:
    using error::error;
};

/// A broken invariant inside genoveil (a bug). Exit status 3.
class internal_error : public error {
public:
    using error::error;
};

/// "PATH: strerror(errno)" for the current errno.
[[nodiscard]] std::string errno_message(const std::string& path);

/// Message for a failed htslib write. With a thread pool the failing write ran on another
/// thread, so errno may say nothing: callers clear errno before writing, and it is quoted only
/// when set.
[[nodiscard]] std::string write_failure(const std::string& path);

}  // namespace genoveil
