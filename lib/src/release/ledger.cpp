// SPDX-License-Identifier: MIT
#include "genoveil/release/ledger.hpp"

#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/privacy/accounting.hpp"

namespace genoveil::release {

namespace {

std::string read_all(int fd, const std::string& path) {
    std::string text;
    char buf[65536];
    if (::lseek(fd, 0, SEEK_SET) < 0) throw io_error(errno_message(path));
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw io_error(errno_message(path));
        if (n == 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

void write_file_0600(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throw io_error(errno_message(tmp));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw io_error(errno_message(path));
    }
}

/// HMAC-SHA256 under the ledger's seed: an entry cannot be edited without the seed.
std::string mac_of(const crypto::SecretKey& seed, const std::string& body) {
    crypto::Hmac h(seed);
    const crypto::Digest d = h.mac("ledger-entry", body);
    return "hmac-sha256:" + crypto::base32(d.data(), 30);
}

/// Every field the ledger reads back has the type it is read as, so that a damaged or
/// hand-made line is an input_error naming its field, never an exception from deep inside.
void check_entry(const nlohmann::json& e, const std::string& path, std::uint64_t line_no) {
    for (const char* key : {"prev", "mac", "request", "plan", "rho_exact"})
        if (e.contains(key) && !e[key].is_string()) throw input_error(path, line_no, key, "not a string");
    if (!e.contains("rho_charged") || !e["rho_charged"].is_number()) throw input_error(path, line_no, "rho_charged", "missing");
    const double rho = e["rho_charged"].get<double>();
    if (!(rho >= 0) || !std::isfinite(rho)) throw input_error(path, line_no, "rho_charged", "not a finite non-negative number");
    if (e.contains("rho_exact")) {
        try {
            (void)privacy::parse_rational(e["rho_exact"].get<std::string>(), "rho_exact");
        } catch (const usage_error&) {
            throw input_error(path, line_no, "rho_exact", "not an exact fraction");
        }
    }
}

}  // namespace

Ledger::Ledger(std::string path) : path_(std::move(path)) {
    // Open (or create) and lock. A run that created the ledger and charged nothing removes it
    // again (see the destructor), so whoever waited for the lock may now hold a file that is no
    // longer at the path: check the inode after locking and start over if it changed.
    while (true) {
        created_file_ = false;
        fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
        if (fd_ < 0 && errno == ENOENT) {
            fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
            if (fd_ < 0 && errno == EEXIST) continue;  // created meanwhile by another run
            created_file_ = fd_ >= 0;
        }
        if (fd_ < 0) throw io_error(errno_message(path_) + " (ledger)");
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno != EINTR) {
                const std::string m = errno_message(path_);
                ::close(fd_);
                throw io_error(m + " (locking the ledger)");
            }
        }
        struct stat held {}, now {};
        if (::fstat(fd_, &held) == 0 && ::lstat(path_.c_str(), &now) == 0 && held.st_dev == now.st_dev &&
            held.st_ino == now.st_ino)
            break;
        ::close(fd_);
    }
    try {
        const std::string text = read_all(fd_, path_);
        const std::string seed_path = path_ + ".seed";
        if (!exists(seed_path)) {
            if (!text.empty()) throw input_error(path_, 0, "", "its seed file (.seed) is missing; restore it from the backup");
            crypto::write_new_key(seed_path);  // RAND_priv_bytes; mode 0600; never overwrites
            created_seed_ = true;
        }
        seed_ = crypto::load_key(seed_path);
        std::string prev;
        std::uint64_t line_no = 0;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto nl = text.find('\n', start);
            if (nl == std::string::npos) throw input_error(path_, line_no + 1, "", "incomplete last line");
            const std::string line = text.substr(start, nl - start);
            ++line_no;
            nlohmann::json e = nlohmann::json::parse(line, nullptr, false);
            if (e.is_discarded() || !e.is_object()) throw input_error(path_, line_no, "", "not a JSON object");
            check_entry(e, path_, line_no);
            if (e.value("prev", std::string()) != prev)
                throw input_error(path_, line_no, "prev", "hash chain broken: the ledger was edited");
            nlohmann::json body = e;
            body.erase("mac");
            if (e.value("mac", std::string()) != mac_of(seed_, body.dump()))
                throw input_error(path_, line_no, "mac", "entry does not match its MAC: the ledger was edited");
            entries_.push_back(std::move(e));
            prev = "sha256:" + crypto::sha256_hex(line);
            start = nl + 1;
        }
        last_line_hash_ = prev;
        // The head pins the number of entries and the last hash: truncation is noticed.
        const std::string head_path = path_ + ".head";
        std::string head;
        if (exists(head_path)) {
            std::ifstream in(head_path);
            std::getline(in, head);
        }
        const std::string want = head_line();
        if (head.empty() ? !entries_.empty() : head != want)
            throw input_error(path_, 0, "", "does not match its head file (.head): entries were removed or the files were mixed up");
    } catch (...) {
        remove_if_unused();
        ::close(fd_);
        throw;
    }
}

void Ledger::remove_if_unused() noexcept {
    if (!entries_.empty()) return;
    if (created_seed_) ::unlink((path_ + ".seed").c_str());
    if (created_file_) ::unlink(path_.c_str());
}

std::string Ledger::head_line() const {
    const std::string body = std::to_string(entries_.size()) + " " + last_line_hash_;
    return body + " " + mac_of(seed_, "head:" + body);
}

void Ledger::write_head() const { write_file_0600(path_ + ".head", head_line() + "\n"); }

std::string Ledger::keyed_digest(const std::string& text) const {
    crypto::Hmac h(seed_);
    const crypto::Digest d = h.mac("dataset", text);
    return "hmac-sha256:" + crypto::base32(d.data(), 30);
}

bool Ledger::fits(const privacy::Rational& rho, const privacy::Rational& cap) const {
    try {
        privacy::Rational total = rho;
        for (const auto& e : entries_) total = total + privacy::parse_rational(e.value("rho_exact", std::string("0")), "rho_exact");
        return total <= cap;
    } catch (const internal_error&) {  // fractions too large to add exactly
        const double r = std::nextafter(spent() + privacy::to_double_up(rho), HUGE_VAL);
        return r <= privacy::to_double_down(cap);
    }
}

Ledger::~Ledger() {
    remove_if_unused();          // still under the lock
    if (fd_ >= 0) ::close(fd_);  // releases the lock
}

double Ledger::spent() const {
    double total = 0;
    for (const auto& e : entries_) total = std::nextafter(total + e["rho_charged"].get<double>(), HUGE_VAL);
    return total;
}

std::optional<nlohmann::json> Ledger::find_request(const std::string& request) const {
    for (const auto& e : entries_)
        if (e.value("request", std::string()) == request) return e;
    return std::nullopt;
}

bool Ledger::has_plan(const std::string& plan) const {
    for (const auto& e : entries_)
        if (e.value("plan", std::string()) == plan) return true;
    return false;
}

void Ledger::append(nlohmann::json entry) {
    entry["release"] = entries_.size() + 1;
    entry["prev"] = last_line_hash_;
    entry.erase("mac");
    entry["mac"] = mac_of(seed_, entry.dump());
    const std::string line = entry.dump();
    const std::string data = line + "\n";
    if (::lseek(fd_, 0, SEEK_END) < 0) throw io_error(errno_message(path_));
    std::size_t put = 0;
    while (put < data.size()) {
        const ssize_t n = ::write(fd_, data.data() + put, data.size() - put);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw io_error(errno_message(path_) + " (ledger)");
        put += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) throw io_error(errno_message(path_) + " (ledger)");
    last_line_hash_ = "sha256:" + crypto::sha256_hex(line);
    entries_.push_back(std::move(entry));
    write_head();
}

}  // namespace genoveil::release
