// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/key.hpp"

using namespace genoveil;

namespace {
std::string temp_name(const char* tag) {
    return "/tmp/genoveil_key_test_" + std::to_string(::getpid()) + "_" + tag;
}
}  // namespace

TEST_SUITE("crypto") {
TEST_CASE("a new key is 32 bytes, mode 0600, loadable, and never overwritten") {
    const std::string p = temp_name("new");
    ::unlink(p.c_str());
    crypto::write_new_key(p);
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(st.st_size == 32);
    const crypto::SecretKey k = crypto::load_key(p);
    CHECK(k.from_file());
    CHECK_THROWS_AS(crypto::write_new_key(p), io_error);
    const crypto::SecretKey again = crypto::load_key(p);
    CHECK(std::equal(k.data(), k.data() + 32, again.data()));
    ::unlink(p.c_str());
}

TEST_CASE("keys readable by group or others, of the wrong size, or missing are refused") {
    const std::string p = temp_name("bad");
    ::unlink(p.c_str());
    crypto::write_new_key(p);
    ::chmod(p.c_str(), 0640);
    CHECK_THROWS_AS((void)crypto::load_key(p), crypto_error);
    ::chmod(p.c_str(), 0604);
    CHECK_THROWS_AS((void)crypto::load_key(p), crypto_error);
    ::chmod(p.c_str(), 0600);
    { std::ofstream(p, std::ios::app) << "x"; }  // 33 bytes
    CHECK_THROWS_AS((void)crypto::load_key(p), crypto_error);
    ::unlink(p.c_str());
    CHECK_THROWS_AS((void)crypto::load_key(p), crypto_error);
    try {
        (void)crypto::load_key(p);
    } catch (const crypto_error& e) {
        CHECK(std::string(e.what()).find(p) != std::string::npos);  // names the file
    }
}

TEST_CASE("random keys differ") {
    const crypto::SecretKey a = crypto::random_key(), b = crypto::random_key();
    CHECK_FALSE(std::equal(a.data(), a.data() + 32, b.data()));
    CHECK_FALSE(a.from_file());
}
}
