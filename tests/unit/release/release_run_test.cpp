// SPDX-License-Identifier: MIT
// Fail-closed behaviour of a whole release (privacy.md 9.2 item 8) and the ledger's evidence.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"
#include "genoveil/release/ledger.hpp"
#include "genoveil/release/noise_source.hpp"
#include "genoveil/release/release.hpp"

using namespace genoveil;

namespace {

std::string dir(const char* tag) {
    const std::string d = "/tmp/genoveil_release_test_" + std::to_string(::getpid()) + "_" + tag;
    ::mkdir(d.c_str(), 0700);
    return d;
}

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool exists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}

class FailingSource final : public privacy::ByteSource {
public:
    void fill(std::uint8_t*, std::size_t) override { throw crypto_error("injected RNG failure"); }
};

release::ReleaseOptions options(const std::string& d) {
    write(d + "/in.vcf",
          "##fileformat=VCFv4.2\n##contig=<ID=1,length=1000>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n"
          "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ta\tb\n"
          "1\t10\t.\tA\tG\t.\t.\t.\tGT\t0/1\t1/1\n1\t20\t.\tC\tT\t.\t.\t.\tGT\t0/0\t./.\n");
    write(d + "/sites.tsv", "1\t10\tA\tG\n1\t20\tC\tT\n1\t30\tG\tA\n");
    release::ReleaseOptions o;
    o.input = d + "/in.vcf";
    o.output = d + "/out.vcf";
    o.report = d + "/out.json";
    o.sites = d + "/sites.tsv";
    o.ledger = d + "/l.ledger";
    return o;
}

}  // namespace

TEST_SUITE("release") {
TEST_CASE("an RNG failure aborts the release: no output, no report, nothing in the ledger") {
    const std::string d = dir("rng");
    release::ReleaseOptions o = options(d);
    o.noise_factory = [](const crypto::SecretKey&, const std::string&) { return std::make_unique<FailingSource>(); };
    CHECK_THROWS_AS(release::run_release(o), crypto_error);
    CHECK_FALSE(exists(o.output));
    CHECK_FALSE(exists(o.report));
    CHECK(read(o.ledger).empty());
    // The same request with working randomness is then charged normally.
    o.noise_factory = nullptr;
    const auto rep = release::run_release(o);
    CHECK(exists(o.output));
    CHECK(rep["ledger"]["release"] == 1);
}

TEST_CASE("the keyed noise stream is deterministic per (seed, request) and differs otherwise") {
    crypto::SecretKey a = crypto::random_key(), b = crypto::random_key();
    std::uint8_t x[64], y[64], z[64], w[64];
    release::KeyedStreamSource(a, "r1").fill(x, 64);
    release::KeyedStreamSource(a, "r1").fill(y, 64);
    release::KeyedStreamSource(a, "r2").fill(z, 64);
    release::KeyedStreamSource(b, "r1").fill(w, 64);
    CHECK(std::equal(x, x + 64, y));
    CHECK_FALSE(std::equal(x, x + 64, z));
    CHECK_FALSE(std::equal(x, x + 64, w));
}

TEST_CASE("ledger entries are chained and MACed; spent() adds what was charged") {
    const std::string d = dir("ledger");
    const std::string p = d + "/x.ledger";
    {
        release::Ledger l(p);
        l.append({{"rho_charged", 0.25}, {"request", "r1"}, {"plan", "p1"}});
        l.append({{"rho_charged", 0.5}, {"request", "r2"}, {"plan", "p2"}});
        CHECK(l.spent() >= 0.75);
        CHECK(l.spent() < 0.75 + 1e-12);
    }
    release::Ledger again(p);  // verifies on open
    REQUIRE(again.entries().size() == 2);
    CHECK(again.find_request("r2").has_value());
    CHECK_FALSE(again.find_request("r3").has_value());
    CHECK(again.has_plan("p1"));
}
}
