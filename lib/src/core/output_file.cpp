// SPDX-License-Identifier: MIT
#include "genoveil/core/output_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genoveil/core/error.hpp"

namespace genoveil::core {

namespace {

// Temporaries live in fixed slots so the signal handler can reach them without allocating.
constexpr int max_slots = 16;
constexpr std::size_t max_path = 4096;
struct Slot {
    std::atomic<bool> used{false};
    char path[max_path]{};
};
std::array<Slot, max_slots> g_slots;

int claim_slot(const std::string& p) {
    if (p.size() >= max_path) return -1;
    for (int i = 0; i < max_slots; ++i) {
        bool expected = false;
        if (g_slots[i].used.compare_exchange_strong(expected, true)) {
            std::memcpy(g_slots[i].path, p.c_str(), p.size() + 1);
            return i;
        }
    }
    return -1;
}

void release_slot(int i) {
    if (i >= 0) g_slots[i].used.store(false);
}

extern "C" void cleanup_handler(int sig) {
    for (auto& s : g_slots)
        if (s.used.load()) ::unlink(s.path);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

std::string dir_of(const std::string& p) {
    const auto slash = p.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return p.substr(0, slash);
}

std::string base_of(const std::string& p) {
    const auto slash = p.rfind('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool exists(const std::string& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0;
}

}  // namespace

void install_signal_cleanup() {
    static std::atomic<bool> done{false};
    if (done.exchange(true)) return;
    struct sigaction sa {};
    sa.sa_handler = cleanup_handler;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::sigaction(sig, &sa, nullptr);
}

OutputFile::OutputFile(std::string path, Clobber clobber, unsigned final_mode)
    : path_(std::move(path)), clobber_(clobber), final_mode_(final_mode) {
    if (path_.empty() || path_.back() == '/') throw usage_error("output path is empty or a directory");
    if (clobber_ == Clobber::refuse && exists(path_))
        throw io_error(path_ + ": exists; refusing to overwrite it");
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) throw io_error(path_ + ": is a directory");
        direct_ = true;
        temp_ = path_;
        return;
    }
    std::string tmpl = dir_of(path_) + "/." + base_of(path_) + ".tmp.XXXXXX";
    std::string buf = tmpl;
    const int fd = ::mkstemp(buf.data());  // mode 0600
    if (fd < 0) throw io_error(errno_message(path_) + " (cannot create a temporary file beside it)");
    ::close(fd);
    temp_ = buf;
    slot_ = claim_slot(temp_);
}

OutputFile::~OutputFile() {
    if (!done_) discard();
}

void OutputFile::discard() noexcept {
    if (done_) return;
    if (!direct_) ::unlink(temp_.c_str());
    release_slot(slot_);
    done_ = true;
}

void OutputFile::commit() {
    if (done_) throw internal_error("output committed twice");
    if (direct_) {
        done_ = true;
        return;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    const mode_t mode = final_mode_ == 0600 ? 0600 : (final_mode_ & ~mask);
    if (::chmod(temp_.c_str(), mode) != 0) throw io_error(errno_message(path_));
    if (clobber_ == Clobber::refuse) {
        // link() fails with EEXIST instead of replacing: no silent overwrite even in a race.
        if (::link(temp_.c_str(), path_.c_str()) != 0) {
            const std::string m = errno == EEXIST ? path_ + ": exists; refusing to overwrite it"
                                                  : errno_message(path_);
            throw io_error(m);
        }
        ::unlink(temp_.c_str());
    } else if (::rename(temp_.c_str(), path_.c_str()) != 0) {
        throw io_error(errno_message(path_));
    }
    release_slot(slot_);
    done_ = true;
}

}  // namespace genoveil::core
