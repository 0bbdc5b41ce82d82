// SPDX-License-Identifier: MIT
// The randomness path: RandomBits bit accounting, the OpenSSL source's buffering and
// fail-closed behaviour, the seeded test source, and RNG failure injection through every
// sampler (privacy.md 3.1, 8, 9.2 item 8).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <openssl/rand.h>

#include "genoveil/core/error.hpp"
#include "genoveil/privacy/random.hpp"
#include "genoveil/privacy/samplers.hpp"

namespace gp = genoveil::privacy;

namespace {

// Hands out 0, 1, 2, ... as bytes and counts what was asked for.
class CountingSource final : public gp::ByteSource {
public:
    void fill(std::uint8_t* out, std::size_t n) override {
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(next_++);
        bytes_ += n;
    }
    std::size_t bytes() const { return bytes_; }

private:
    std::uint64_t next_ = 0;
    std::size_t bytes_ = 0;
};

// Delivers `budget` random bytes (from the seeded stream), then fails like a broken RNG.
class FailingSource final : public gp::ByteSource {
public:
    explicit FailingSource(std::size_t budget) : budget_(budget), inner_(42) {}
    void fill(std::uint8_t* out, std::size_t n) override {
        if (n > budget_) throw genoveil::crypto_error("injected RNG failure");
        budget_ -= n;
        inner_.fill(out, n);
    }

private:
    std::size_t budget_;
    gp::SeededTestSource inner_;
};

int g_calls = 0;
int counting_rand(unsigned char* buf, int num) {
    ++g_calls;
    return RAND_priv_bytes(buf, num);
}
int broken_rand(unsigned char* buf, int num) {
    std::memset(buf, 0xAB, static_cast<std::size_t>(num));  // garbage that must never be used
    return 0;
}
int g_good_calls_left = 0;
int flaky_rand(unsigned char* buf, int num) {
    if (g_good_calls_left-- > 0) return RAND_priv_bytes(buf, num);
    return 0;
}

}  // namespace

TEST_SUITE("privacy") {

TEST_CASE("random: RandomBits takes bits little-endian and wastes none") {
    CountingSource src;
    gp::RandomBits rng(src);
    CHECK(rng.bits(0) == 0);
    CHECK(src.bytes() == 0);  // k = 0 draws nothing
    // Bytes 0x00, 0x01, ..., 0x07 form the first word 0x0706050403020100.
    CHECK(rng.bits(8) == 0x00);
    CHECK(src.bytes() == gp::RandomBits::refill_bytes);  // fetched in blocks
    CHECK(rng.bits(8) == 0x01);
    CHECK(rng.bits(4) == 0x2);
    CHECK(rng.bits(4) == 0x0);
    CHECK(rng.bits(16) == 0x0403);
    // 24 bits left (0x070605); asking for 32 takes them plus 8 bits of the next word (0x08).
    CHECK(rng.bits(32) == 0x08070605u);
    CHECK(rng.bits(56) == 0x0F0E0D0C0B0A09u);
    CHECK(rng.bits(64) == 0x1716151413121110u);
    CHECK_THROWS_AS((void)rng.bits(65), genoveil::usage_error);
}

TEST_CASE("random: every fetched bit is used exactly once") {
    CountingSource src;
    gp::RandomBits rng(src);
    // Draw the first 3 blocks' bits in odd-sized pieces and rebuild the byte stream from them.
    const std::size_t total_bits = 3 * gp::RandomBits::refill_bytes * 8;
    std::vector<int> stream;
    const unsigned sizes[] = {1, 7, 13, 64, 3, 33, 5, 60, 2};
    std::size_t drawn = 0, i = 0;
    while (drawn < total_bits) {
        const unsigned k = static_cast<unsigned>(std::min<std::size_t>(sizes[i++ % 9], total_bits - drawn));
        const std::uint64_t v = rng.bits(k);
        for (unsigned b = 0; b < k; ++b) stream.push_back(static_cast<int>((v >> b) & 1));
        drawn += k;
    }
    CHECK(src.bytes() == 3 * gp::RandomBits::refill_bytes);
    for (std::size_t byte = 0; byte < stream.size() / 8; ++byte) {
        int value = 0;
        for (int b = 7; b >= 0; --b) value = (value << 1) | stream[byte * 8 + static_cast<std::size_t>(b)];
        REQUIRE(value == static_cast<int>(byte % 256));
    }
}

TEST_CASE("random: SeededTestSource is deterministic per seed") {
    gp::SeededTestSource a(7), b(7), c(8);
    std::vector<std::uint8_t> x(10000), y(10000), z(10000);
    a.fill(x.data(), 1);
    a.fill(x.data() + 1, x.size() - 1);  // chunking does not matter
    b.fill(y.data(), y.size());
    c.fill(z.data(), z.size());
    CHECK(x == y);
    CHECK(x != z);
    // Roughly balanced bits (a smoke test, not a randomness test).
    std::size_t ones = 0;
    for (std::uint8_t v : x) ones += static_cast<std::size_t>(__builtin_popcount(v));
    CHECK(ones > 39000);
    CHECK(ones < 41000);
}

TEST_CASE("random: OpenSslSource refills its buffer 4 KiB at a time") {
    g_calls = 0;
    gp::OpenSslSource src(&counting_rand);
    std::vector<std::uint8_t> buf(10000);
    src.fill(buf.data(), buf.size());
    CHECK(g_calls == 3);  // ceil(10000 / 4096)
    src.fill(buf.data(), 2288);  // uses up the third block exactly
    CHECK(g_calls == 3);
    src.fill(buf.data(), 1);
    CHECK(g_calls == 4);
    // The production constructor works and gives different bytes each time.
    gp::OpenSslSource real;
    std::vector<std::uint8_t> p(64), q(64);
    real.fill(p.data(), p.size());
    real.fill(q.data(), q.size());
    CHECK(p != q);
}

TEST_CASE("random: a failing RAND_priv_bytes throws crypto_error and the source stays failed") {
    gp::OpenSslSource src(&broken_rand);
    std::uint8_t byte = 0;
    CHECK_THROWS_AS(src.fill(&byte, 1), genoveil::crypto_error);
    CHECK_THROWS_AS(src.fill(&byte, 1), genoveil::crypto_error);
    gp::RandomBits rng(src);
    CHECK_THROWS_AS((void)rng.bits(1), genoveil::crypto_error);

    // A generator that recovers after failing once: the source must not recover (fail closed).
    g_good_calls_left = 1;
    gp::OpenSslSource flaky(&flaky_rand);
    std::vector<std::uint8_t> buf(4096);
    flaky.fill(buf.data(), buf.size());  // first block is fine
    CHECK_THROWS_AS(flaky.fill(buf.data(), 1), genoveil::crypto_error);
    g_good_calls_left = 100;
    CHECK_THROWS_AS(flaky.fill(buf.data(), 1), genoveil::crypto_error);
}

TEST_CASE("random: RNG failure injection - every sampler throws crypto_error and produces nothing") {
    // privacy.md 9.2 item 8 at library level: the failure surfaces as crypto_error (exit 1 in the
    // CLI), and no partial result is returned.
    SUBCASE("immediate failure") {
        FailingSource src(0);
        gp::RandomBits rng(src);
        CHECK_THROWS_AS((void)gp::uniform_below(rng, 10), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::bernoulli(rng, 1, 3), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::bernoulli_exp1(rng, 1, 2), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::bernoulli_exp(rng, 7, 3), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::geometric_e1(rng), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::geometric(rng, 1, 3), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::discrete_laplace(rng, 7, 3), genoveil::crypto_error);
        CHECK_THROWS_AS((void)gp::discrete_gaussian(rng, 100, 1), genoveil::crypto_error);
        // Draw-free cases never touch the source.
        CHECK(gp::uniform_below(rng, 1) == 0);
        CHECK(gp::bernoulli(rng, 0, 5) == false);
        CHECK(gp::bernoulli(rng, 5, 5) == true);
        CHECK(gp::bernoulli_exp(rng, 0, 5) == true);
        CHECK(gp::discrete_laplace(rng, 0, 1) == 0);
        CHECK(gp::discrete_gaussian(rng, 0, 1) == 0);
    }
    SUBCASE("failure in the middle of a batch: no vector is returned") {
        FailingSource src(100000);  // enough for a few thousand draws, not for a million
        gp::RandomBits rng(src);
        const gp::DiscreteGaussian noise(2000, 1);
        std::vector<std::int64_t> out{-1};
        CHECK_THROWS_AS(out = noise.sample(rng, 1000000), genoveil::crypto_error);
        CHECK(out == std::vector<std::int64_t>{-1});  // untouched: nothing was produced
        CHECK_THROWS_AS((void)noise(rng), genoveil::crypto_error);  // and it stays failed
        const gp::DiscreteLaplace lap(10, 1);
        CHECK_THROWS_AS(out = lap.sample(rng, 10), genoveil::crypto_error);
        CHECK(out == std::vector<std::int64_t>{-1});
    }
    SUBCASE("the production source with a failing RAND_priv_bytes") {
        g_good_calls_left = 2;
        gp::OpenSslSource src(&flaky_rand);
        gp::RandomBits rng(src);
        const gp::DiscreteGaussian noise(100, 1);
        std::vector<std::int64_t> out;
        CHECK_THROWS_AS(out = noise.sample(rng, 1000000), genoveil::crypto_error);
        CHECK(out.empty());
        g_good_calls_left = 100;  // the generator "recovers"; the source must not
        CHECK_THROWS_AS((void)noise(rng), genoveil::crypto_error);
    }
}

}  // TEST_SUITE
