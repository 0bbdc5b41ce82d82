// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <dirent.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/output_file.hpp"

using namespace genoveil;
using core::Clobber;
using core::OutputFile;

namespace {
std::string fresh_dir(const char* tag) {
    const std::string d = "/tmp/genoveil_out_test_" + std::to_string(::getpid()) + "_" + tag;
    ::mkdir(d.c_str(), 0700);
    return d;
}
int entries(const std::string& dir) {
    int n = 0;
    DIR* d = ::opendir(dir.c_str());
    while (const dirent* e = ::readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++n;
    ::closedir(d);
    return n;
}
bool exists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}
}  // namespace

TEST_SUITE("core") {
TEST_CASE("data goes to a 0600 temporary beside the target and appears only on commit") {
    const std::string dir = fresh_dir("commit");
    const std::string target = dir + "/out.vcf";
    {
        OutputFile f(target, Clobber::allow);
        CHECK(f.temp_path().rfind(dir + "/.out.vcf.tmp.", 0) == 0);
        struct stat st {};
        REQUIRE(::stat(f.temp_path().c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        std::ofstream(f.temp_path()) << "data\n";
        CHECK_FALSE(exists(target));
        f.commit();
    }
    CHECK(exists(target));
    CHECK(entries(dir) == 1);
    ::unlink(target.c_str());
    ::rmdir(dir.c_str());
}

TEST_CASE("an uncommitted output leaves nothing behind") {
    const std::string dir = fresh_dir("discard");
    {
        OutputFile f(dir + "/out.vcf", Clobber::allow);
        std::ofstream(f.temp_path()) << "partial";
    }
    CHECK(entries(dir) == 0);
    ::rmdir(dir.c_str());
}

TEST_CASE("Clobber::refuse never replaces an existing file, keeps mode 0600") {
    const std::string dir = fresh_dir("refuse");
    const std::string target = dir + "/map.tsv";
    {
        OutputFile f(target, Clobber::refuse, 0600);
        std::ofstream(f.temp_path()) << "a\tb\n";
        f.commit();
    }
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_THROWS_AS(OutputFile(target, Clobber::refuse, 0600), io_error);
    // A file that appears between reservation and commit is not replaced either.
    const std::string late = dir + "/late.tsv";
    OutputFile f(late, Clobber::refuse, 0600);
    std::ofstream(late) << "someone else";
    CHECK_THROWS_AS(f.commit(), io_error);
    std::ifstream in(late);
    std::string content;
    std::getline(in, content);
    CHECK(content == "someone else");
    f.discard();
    ::unlink(late.c_str());
    ::unlink(target.c_str());
    ::rmdir(dir.c_str());
}

TEST_CASE("a missing directory is an io_error; devices are written directly") {
    CHECK_THROWS_AS(OutputFile("/nonexistent-dir-for-genoveil/x.vcf", Clobber::allow), io_error);
    OutputFile dev("/dev/null", Clobber::allow);
    CHECK(dev.direct());
    CHECK(dev.temp_path() == "/dev/null");
    dev.commit();
    CHECK(exists("/dev/null"));
}
}
