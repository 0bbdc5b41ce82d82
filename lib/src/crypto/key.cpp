// SPDX-License-Identifier: MIT
#include "genoveil/crypto/key.hpp"

#include <cerrno>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"

namespace genoveil::crypto {

SecretKey::~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

SecretKey::SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_), from_file_(other.from_file_) {
    OPENSSL_cleanse(other.bytes_.data(), other.bytes_.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        bytes_ = other.bytes_;
        from_file_ = other.from_file_;
        OPENSSL_cleanse(other.bytes_.data(), other.bytes_.size());
    }
    return *this;
}

void disable_core_dumps() noexcept {
    struct rlimit rl {0, 0};
    ::setrlimit(RLIMIT_CORE, &rl);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

SecretKey random_key() {
    disable_core_dumps();
    SecretKey k;
    if (RAND_priv_bytes(k.data(), static_cast<int>(k.size())) != 1)
        throw crypto_error("the random number generator failed; no key was made");
    return k;
}

SecretKey load_key(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) throw crypto_error(errno_message(path) + " (key file)");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw crypto_error(path + ": key file is not a regular file");
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        throw crypto_error(path + ": key file is accessible by group or others; run 'chmod 600' on it");
    }
    disable_core_dumps();
    SecretKey k;
    std::uint8_t extra = 0;
    std::size_t got = 0;
    while (got < k.size()) {
        const ssize_t n = ::read(fd, k.data() + got, k.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    const ssize_t more = got == k.size() ? ::read(fd, &extra, 1) : 0;
    ::close(fd);
    OPENSSL_cleanse(&extra, 1);
    if (got != k.size() || more != 0)
        throw crypto_error(path + ": not a genoveil key (expected exactly 32 bytes; make one with 'genoveil keygen pseudonym')");
    k.set_from_file(true);
    return k;
}

void write_new_key(const std::string& path) {
    SecretKey k = random_key();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST) throw io_error(path + ": exists; refusing to overwrite a key file");
        throw io_error(errno_message(path));
    }
    std::size_t put = 0;
    while (put < k.size()) {
        const ssize_t n = ::write(fd, k.data() + put, k.size() - put);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        put += static_cast<std::size_t>(n);
    }
    const bool ok = put == k.size() && ::fsync(fd) == 0;
    const bool closed = ::close(fd) == 0;
    if (!ok || !closed) {
        const std::string m = errno_message(path);
        ::unlink(path.c_str());
        throw io_error(m);
    }
}

}  // namespace genoveil::crypto
