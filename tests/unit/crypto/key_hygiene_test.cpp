// SPDX-License-Identifier: MIT
// Secrets hygiene of key handling (issue 5): what a key file must be before it is read, what the
// process looks like once a key is loaded, that moved-from keys hold no copy, that messages never
// quote key bytes, and that key, map and temporary files stay 0600 whatever the umask.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/output_file.hpp"
#include "genoveil/crypto/key.hpp"

using namespace genoveil;

namespace {

// A key made of printable bytes, so that a message quoting any of it would be easy to spot.
constexpr char planted[] = "PLANTED-KEY-BYTES-0123456789abcd";
static_assert(sizeof(planted) - 1 == crypto::key_size);

std::string scratch_dir() {
    std::string d = "/tmp/genoveil_hygiene_" + std::to_string(::getpid()) + "_XXXXXX";
    REQUIRE(::mkdtemp(d.data()) != nullptr);
    return d;
}

void write_file(const std::string& path, const std::string& bytes, mode_t mode) {
    ::unlink(path.c_str());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    REQUIRE(::fchmod(fd, mode) == 0);
    ::close(fd);
}

mode_t mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

/// Set the umask for a scope.
struct Umask {
    explicit Umask(mode_t m) : old(::umask(m)) {}
    ~Umask() { ::umask(old); }
    mode_t old;
};

void remove_tree(const std::string& d) {
    const std::string cmd = "rm -rf '" + d + "'";
    CHECK(std::system(cmd.c_str()) == 0);
}

}  // namespace

TEST_SUITE("crypto") {
TEST_CASE("hygiene: any group or other permission bit refuses the key, naming the file, never its bytes") {
    const std::string d = scratch_dir();
    const std::string p = d + "/k.key";
    for (const mode_t m : {0640, 0604, 0620, 0602, 0610, 0601, 0660, 0644}) {
        CAPTURE(m);
        write_file(p, planted, m);
        try {
            (void)crypto::load_key(p);
            FAIL("a key with mode " << m << " was loaded");
        } catch (const crypto_error& e) {
            const std::string msg = e.what();
            CHECK(msg.find(p) != std::string::npos);
            CHECK(msg.find("PLANTED") == std::string::npos);
            CHECK(msg.find("0123456789") == std::string::npos);
        }
    }
    write_file(p, planted, 0400);
    CHECK(crypto::load_key(p).from_file());
    remove_tree(d);
}

TEST_CASE("hygiene: symlinks, directories and FIFOs are not key files") {
    const std::string d = scratch_dir();
    write_file(d + "/real.key", planted, 0600);
    REQUIRE(::symlink((d + "/real.key").c_str(), (d + "/link.key").c_str()) == 0);
    CHECK_THROWS_AS((void)crypto::load_key(d + "/link.key"), crypto_error);
    REQUIRE(::mkdir((d + "/dir.key").c_str(), 0700) == 0);
    CHECK_THROWS_AS((void)crypto::load_key(d + "/dir.key"), crypto_error);
    REQUIRE(::mkfifo((d + "/fifo.key").c_str(), 0600) == 0);
    // O_NONBLOCK is not used by load_key, so a FIFO without a writer would block: give it one.
    const int w = ::open((d + "/fifo.key").c_str(), O_RDWR | O_NONBLOCK);
    REQUIRE(w >= 0);
    CHECK_THROWS_AS((void)crypto::load_key(d + "/fifo.key"), crypto_error);
    ::close(w);
    remove_tree(d);
}

TEST_CASE("hygiene: a wrong-size key file is refused without quoting its content") {
    const std::string d = scratch_dir();
    const std::string p = d + "/short.key";
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{33}, std::size_t{64}}) {
        CAPTURE(n);
        std::string bytes;
        while (bytes.size() < n) bytes += planted;
        bytes.resize(n);
        write_file(p, bytes, 0600);
        try {
            (void)crypto::load_key(p);
            FAIL("a key file of " << n << " bytes was loaded");
        } catch (const crypto_error& e) {
            const std::string msg = e.what();
            CHECK(msg.find("PLANTED") == std::string::npos);
            CHECK(msg.find("KEY-BYTES") == std::string::npos);
        }
    }
    remove_tree(d);
}

TEST_CASE("hygiene: once a key is loaded the process cannot dump core") {
    const std::string d = scratch_dir();
    write_file(d + "/k.key", planted, 0600);
    const crypto::SecretKey k = crypto::load_key(d + "/k.key");
    CHECK(std::memcmp(k.data(), planted, crypto::key_size) == 0);
    struct rlimit rl {};
    REQUIRE(::getrlimit(RLIMIT_CORE, &rl) == 0);
    CHECK(rl.rlim_cur == 0);
    CHECK(rl.rlim_max == 0);
    CHECK(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
    remove_tree(d);
}

TEST_CASE("hygiene: a moved-from key holds no copy of the secret") {
    const std::string d = scratch_dir();
    write_file(d + "/k.key", planted, 0600);
    crypto::SecretKey a = crypto::load_key(d + "/k.key");
    crypto::SecretKey b(std::move(a));
    const auto zero = [](const crypto::SecretKey& k) {
        return std::all_of(k.data(), k.data() + k.size(), [](std::uint8_t x) { return x == 0; });
    };
    CHECK(zero(a));  // NOLINT(bugprone-use-after-move): the point of the test
    CHECK(std::memcmp(b.data(), planted, crypto::key_size) == 0);
    crypto::SecretKey c;
    c = std::move(b);
    CHECK(zero(b));  // NOLINT(bugprone-use-after-move)
    CHECK(std::memcmp(c.data(), planted, crypto::key_size) == 0);
    remove_tree(d);
}

TEST_CASE("hygiene: new keys, maps and temporaries are 0600 even with umask 000") {
    const std::string d = scratch_dir();
    const Umask open_umask(0);
    crypto::write_new_key(d + "/new.key");
    CHECK(mode_of(d + "/new.key") == 0600);
    {
        core::OutputFile map(d + "/map.tsv", core::Clobber::refuse, 0600);
        CHECK(map.temp_path().rfind(d + "/.", 0) == 0);  // beside the target, hidden
        CHECK(mode_of(map.temp_path()) == 0600);
        map.commit();
    }
    CHECK(mode_of(d + "/map.tsv") == 0600);
    {
        core::OutputFile out(d + "/out.vcf", core::Clobber::allow);
        CHECK(out.temp_path().rfind(d + "/.", 0) == 0);
        CHECK(mode_of(out.temp_path()) == 0600);  // the temporary, whatever the final mode
    }
    // Never overwritten: neither the key nor the map.
    CHECK_THROWS_AS(crypto::write_new_key(d + "/new.key"), io_error);
    CHECK_THROWS_AS(core::OutputFile(d + "/map.tsv", core::Clobber::refuse, 0600), io_error);
    remove_tree(d);
}
}
