// SPDX-License-Identifier: MIT
// Static lint of the privacy module (privacy.md 8, 9.2 item 7):
//  * no floating-point type (double, float, long double) and no <cmath>/<cfloat> in any privacy
//    source or header, so that no code path can turn a true count or a noise value into a
//    double (Mironov 2012);
//  * one randomness path: no <random>, rand(), RAND_bytes, std::mt19937, ... anywhere in the
//    module (only RAND_priv_bytes behind OpenSslSource, and the documented test source).
// Exception: accounting.{hpp,cpp} compute conversions on PUBLIC parameters (rho, epsilon,
// delta, sigma^2) and need floating point; they are listed below by name and checked for the
// RNG rule only. A new file that needs floating point must be added here with a reason.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Files allowed to use floating point, and why.
const std::set<std::string> float_allowed = {
    "accounting.cpp",  // CKS conversion, planning and previews on public parameters only
    "accounting.hpp",
};

// Removes comments and the contents of string and character literals.
std::string strip_comments_and_literals(const std::string& src) {
    std::string out;
    out.reserve(src.size());
    for (std::size_t i = 0; i < src.size(); ++i) {
        const char c = src[i];
        const char next = i + 1 < src.size() ? src[i + 1] : '\0';
        if (c == '/' && next == '/') {
            while (i < src.size() && src[i] != '\n') ++i;
            out.push_back('\n');
        } else if (c == '/' && next == '*') {
            i += 2;
            while (i + 1 < src.size() && !(src[i] == '*' && src[i + 1] == '/')) ++i;
            ++i;
            out.push_back(' ');
        } else if (c == '"' || c == '\'') {
            const char quote = c;
            out.push_back(quote);
            for (++i; i < src.size() && src[i] != quote; ++i)
                if (src[i] == '\\') ++i;
            out.push_back(quote);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::set<std::string> identifiers(const std::string& code) {
    std::set<std::string> ids;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty() && !(cur[0] >= '0' && cur[0] <= '9')) ids.insert(cur);
        cur.clear();
    };
    for (char c : code) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
            cur.push_back(c);
        else
            flush();
    }
    flush();
    return ids;
}

struct Finding {
    std::string file, what;
};

// The code without #include lines (header names are checked separately).
std::string without_includes(const std::string& code) {
    std::istringstream in(code);
    std::string line, out;
    while (std::getline(in, line))
        if (line.find("#include") == std::string::npos) out += line + "\n";
    return out;
}

std::vector<Finding> lint(const std::string& name, const std::string& source) {
    std::vector<Finding> found;
    const std::string code = strip_comments_and_literals(source);
    const std::set<std::string> ids = identifiers(without_includes(code));
    if (!float_allowed.count(name)) {
        for (const char* banned : {"double", "float", "float_t", "double_t"})
            if (ids.count(banned))
                found.push_back({name, std::string("floating-point type '") + banned + "'"});
        for (const char* header : {"<cmath>", "<math.h>", "<cfloat>", "<float.h>"})
            if (code.find(header) != std::string::npos)
                found.push_back({name, std::string("include ") + header});
    }
    for (const char* rng : {"rand", "srand", "rand_r", "drand48", "lrand48", "random_device", "mt19937",
                            "mt19937_64", "minstd_rand", "minstd_rand0", "default_random_engine", "ranlux24",
                            "ranlux48", "knuth_b", "RAND_bytes", "arc4random", "getrandom"})
        if (ids.count(rng)) found.push_back({name, std::string("random number generator '") + rng + "'"});
    if (code.find("<random>") != std::string::npos) found.push_back({name, "include <random>"});
    return found;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_SUITE("privacy") {

TEST_CASE("lint: the scanner sees code, not comments or strings") {
    CHECK(lint("x.cpp", "int f() { double d = 1; return d; }").size() == 1);
    CHECK(lint("x.cpp", "// double\n/* float */ const char* s = \"double\"; char c = 'f';").empty());
    CHECK(lint("x.cpp", "long double x;").size() == 1);
    CHECK(lint("x.cpp", "#include <cmath>\n").size() == 1);
    CHECK(lint("x.cpp", "int doubled = 2; int floats = 3;").empty());
    CHECK(lint("accounting.cpp", "double rho;").empty());
    CHECK(lint("accounting.cpp", "int r = rand();").size() == 1);
    CHECK(lint("x.cpp", "std::mt19937 gen;").size() == 1);
    CHECK(lint("x.cpp", "#include <random>").size() == 1);
    CHECK(lint("x.cpp", "RAND_priv_bytes(buf, n);").empty());
    CHECK(lint("x.cpp", "#include <openssl/rand.h>\n").empty());
}

TEST_CASE("lint: no floating point in the samplers, one RNG path in the privacy module") {
    const fs::path root = fs::path(GENOVEIL_TEST_DATA).parent_path().parent_path();
    const fs::path dirs[] = {root / "lib" / "src" / "privacy",
                             root / "lib" / "include" / "genoveil" / "privacy"};
    std::set<std::string> scanned;
    std::vector<Finding> findings;
    for (const fs::path& dir : dirs) {
        REQUIRE(fs::is_directory(dir));
        for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
            if (!e.is_regular_file()) continue;
            const std::string ext = e.path().extension().string();
            if (ext != ".cpp" && ext != ".hpp" && ext != ".h") continue;
            const std::string name = e.path().filename().string();
            scanned.insert(name);
            for (const Finding& f : lint(name, read(e.path()))) findings.push_back(f);
        }
    }
    for (const Finding& f : findings) FAIL_CHECK(f.file << ": " << f.what);
    CHECK(findings.empty());
    // The lint is not vacuous: the sampler and randomness files were scanned.
    for (const char* must : {"samplers.cpp", "samplers.hpp", "random.cpp", "random.hpp", "rational.cpp",
                             "rational.hpp"})
        CHECK_MESSAGE(scanned.count(must) == 1, must);
}

}  // TEST_SUITE
