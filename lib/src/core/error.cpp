// SPDX-License-Identifier: MIT
#include "genoveil/core/error.hpp"

#include <cerrno>
#include <cstring>

namespace genoveil {

namespace {
std::string format_input(const std::string& file, std::uint64_t record, const std::string& field,
                         const std::string& what) {
    std::string m = file.empty() ? std::string("-") : file;
    if (record > 0) m += ": record " + std::to_string(record);
    if (!field.empty()) m += ": " + field;
    m += ": " + what;
    return m;
}
}  // namespace

input_error::input_error(const std::string& file, std::uint64_t record, const std::string& field,
                         const std::string& what)
    : error(format_input(file, record, field, what)) {}

std::string errno_message(const std::string& path) {
    const int e = errno;
    return path + ": " + std::strerror(e);
}

std::string write_failure(const std::string& path) {
    if (errno != 0) return errno_message(path);
    return path + ": write failed (I/O error; is the device full?)";
}

}  // namespace genoveil
