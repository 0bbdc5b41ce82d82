// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cstring>

#include "genoveil/crypto/pseudonym.hpp"

using namespace genoveil::crypto;

namespace {
SecretKey counting_key() {
    SecretKey k;
    for (std::size_t i = 0; i < k.size(); ++i) k.data()[i] = static_cast<std::uint8_t>(i);
    return k;
}
}  // namespace

TEST_SUITE("crypto") {
TEST_CASE("HMAC-SHA256 over DOMAIN:NAME matches an independent implementation") {
    // Expected values computed with Python's hmac module (key = bytes 0..31).
    SecretKey k = counting_key();
    Hmac h(k);
    const Digest d = h.mac(domain::sample, "NA12878");
    static const std::uint8_t want[] = {0x27, 0xe2, 0xe2, 0x55, 0xdc, 0x74, 0x8d, 0xc4};
    CHECK(std::memcmp(d.data(), want, sizeof want) == 0);
    CHECK(pseudonym(h, domain::sample, "NA12878") == "E7ROEVO4OSG4IDSONNN5XBTV");
    CHECK(pseudonym(h, domain::read, "NA12878") == "C3GSGLB4YKSHA7Y5OIBX6YCB");
}

TEST_CASE("pseudonyms are deterministic per key and domain, and differ across keys") {
    SecretKey a = counting_key();
    SecretKey b = counting_key();
    b.data()[0] ^= 1;
    Hmac ha(a), hb(b);
    CHECK(pseudonym(ha, domain::sample, "x") == pseudonym(ha, domain::sample, "x"));
    CHECK(pseudonym(ha, domain::sample, "x") != pseudonym(hb, domain::sample, "x"));
    CHECK(pseudonym(ha, domain::sample, "x") != pseudonym(ha, domain::read_group, "x"));
    CHECK(pseudonym(ha, domain::sample, "x").size() == 24);
}

TEST_CASE("base32 follows RFC 4648") {
    const auto b32 = [](const char* s) { return base32(reinterpret_cast<const std::uint8_t*>(s), std::strlen(s)); };
    CHECK(b32("fooba") == "MZXW6YTB");
    CHECK(b32("") == "");
    CHECK(b32("foobarbaz\x01") == "MZXW6YTBOJRGC6QB");
    CHECK_THROWS(b32("foo"));
}

TEST_CASE("SHA-256 known answer") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
}
