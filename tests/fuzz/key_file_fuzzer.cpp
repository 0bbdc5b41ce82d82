// SPDX-License-Identifier: MIT
// load_key: key files. The bytes go to a mode-0600 temporary file; exactly 32 bytes must load,
// anything else must be refused with crypto_error, and the message must not quote the file.
#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <string>
#include <unistd.h>

#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/crypto/key.hpp"

namespace {

struct TempFile {
    std::string path;
    TempFile() {
        const char* dir = std::getenv("TMPDIR");
        path = std::string(dir && *dir ? dir : "/tmp") + "/genoveil-key-fuzz-XXXXXX";
        const int fd = ::mkstemp(path.data());  // mode 0600
        if (fd < 0) genoveil::fuzz::violated("cannot create a temporary file");
        ::close(fd);
    }
    ~TempFile() { ::unlink(path.c_str()); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const TempFile tmp;
    const std::string& path = tmp.path;
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) genoveil::fuzz::violated("cannot rewrite the temporary key file");
    std::size_t put = 0;
    while (put < size) {
        const ssize_t n = ::write(fd, data + put, size - put);
        if (n <= 0) genoveil::fuzz::violated("cannot write the temporary key file");
        put += static_cast<std::size_t>(n);
    }
    ::close(fd);
    try {
        const auto key = genoveil::crypto::load_key(path);
        if (size != genoveil::crypto::key_size) genoveil::fuzz::violated("a key file of the wrong size was accepted");
        if (std::memcmp(key.data(), data, size) != 0) genoveil::fuzz::violated("key bytes differ from the file");
        if (!key.from_file()) genoveil::fuzz::violated("loaded key not marked as from a file");
    } catch (const genoveil::crypto_error& e) {
        if (size == genoveil::crypto::key_size) genoveil::fuzz::violated("a 32-byte key file was refused");
        // The message names the file, never its content: messages are printable ASCII, so a
        // key file whose first 8 bytes include a control or non-ASCII byte must not show up.
        if (size >= 8) {
            const std::string head(reinterpret_cast<const char*>(data), 8);
            const bool binary = std::any_of(head.begin(), head.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f; });
            if (binary && std::string(e.what()).find(head) != std::string::npos)
                genoveil::fuzz::violated("error message quotes key file bytes");
        }
    }
    return 0;
}
