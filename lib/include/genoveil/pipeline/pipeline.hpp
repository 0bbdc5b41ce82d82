// SPDX-License-Identifier: MIT
// The record pipeline: a serial in-order source fills recycled batches, a parallel stage
// transforms them, a serial in-order sink writes them. At most `tokens` batches are alive, so
// memory is bounded by tokens x batch size, never by the input. Because both serial stages keep
// submission order and the transform of a batch depends only on the batch, the output is the
// same for any thread count. An exception in any stage cancels the pipeline and is rethrown to
// the caller of run().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

namespace genoveil::pipeline {

struct Settings {
    int threads = 1;          ///< worker threads for the transform stage (>= 1)
    std::size_t tokens = 0;   ///< batches in flight; 0 = 3 x threads + 1
};

/// A fixed set of reusable batches. The source takes one, the sink gives it back.
template <class Batch>
class BatchPool {
public:
    template <class Make>
    BatchPool(std::size_t n, Make make) {
        for (std::size_t i = 0; i < n; ++i) {
            all_.push_back(make());
            free_.push_back(all_.back().get());
        }
    }
    Batch* take() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (free_.empty()) return nullptr;
        Batch* b = free_.back();
        free_.pop_back();
        return b;
    }
    void give(Batch* b) {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(b);
    }

private:
    std::mutex mutex_;
    std::vector<std::unique_ptr<Batch>> all_;  // owns every batch, also those in flight
    std::vector<Batch*> free_;
};

/// Stage callbacks. `fill` returns false at end of input (the batch is then unused and goes
/// back to the pool); `transform` runs concurrently on different batches; `drain` sees batches
/// in the order `fill` produced them.
template <class Batch>
struct Stages {
    std::function<bool(Batch&)> fill;
    std::function<void(Batch&)> transform;
    std::function<void(Batch&)> drain;
};

template <class Batch, class Make>
void run(const Settings& settings, Make make_batch, const Stages<Batch>& stages) {
    const int threads = settings.threads < 1 ? 1 : settings.threads;
    const std::size_t tokens = settings.tokens ? settings.tokens : static_cast<std::size_t>(3 * threads + 1);
    BatchPool<Batch> pool(tokens, make_batch);
    // Allow as many threads as asked even beyond the core count (TBB caps at the core count).
    oneapi::tbb::global_control allow(oneapi::tbb::global_control::max_allowed_parallelism,
                                      static_cast<std::size_t>(threads));
    oneapi::tbb::task_arena arena(threads);
    arena.execute([&] {
        oneapi::tbb::parallel_pipeline(
            tokens,
            oneapi::tbb::make_filter<void, Batch*>(
                oneapi::tbb::filter_mode::serial_in_order,
                [&](oneapi::tbb::flow_control& fc) -> Batch* {
                    Batch* b = pool.take();
                    if (b == nullptr) throw std::logic_error("pipeline: batch pool exhausted");
                    if (!stages.fill(*b)) {
                        pool.give(b);
                        fc.stop();
                        return nullptr;
                    }
                    return b;
                }) &
                oneapi::tbb::make_filter<Batch*, Batch*>(oneapi::tbb::filter_mode::parallel,
                                                         [&](Batch* b) -> Batch* {
                                                             stages.transform(*b);
                                                             return b;
                                                         }) &
                oneapi::tbb::make_filter<Batch*, void>(oneapi::tbb::filter_mode::serial_in_order,
                                                       [&](Batch* b) {
                                                           stages.drain(*b);
                                                           pool.give(b);
                                                       }));
    });
}

}  // namespace genoveil::pipeline
