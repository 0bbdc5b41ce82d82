// SPDX-License-Identifier: MIT
#include "genoveil/core/error.hpp"
#include "genoveil/hts/hts_ptr.hpp"

namespace genoveil::hts {

ThreadPool::ThreadPool(int threads) {
    if (threads > 1) {
        pool_.pool = hts_tpool_init(threads);
        if (pool_.pool == nullptr) throw io_error("cannot start the htslib thread pool");
    }
}

ThreadPool::~ThreadPool() {
    if (pool_.pool) hts_tpool_destroy(pool_.pool);
}

void ThreadPool::attach(htsFile* f) {
    if (pool_.pool && f) hts_set_opt(f, HTS_OPT_THREAD_POOL, &pool_);
}

}  // namespace genoveil::hts
