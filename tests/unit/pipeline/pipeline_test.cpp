// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "genoveil/pipeline/pipeline.hpp"

using namespace genoveil;

namespace {
struct Batch {
    int first = 0;
    std::vector<long> values;
};
}  // namespace

TEST_SUITE("pipeline") {
TEST_CASE("batches reach the sink in source order at every thread count, memory bounded by tokens") {
    for (int threads : {1, 2, 4, 8}) {
        int next = 0;
        std::vector<long> seen;
        std::atomic<int> alive{0}, max_alive{0};
        std::atomic<int> made{0};
        pipeline::Stages<Batch> st;
        st.fill = [&](Batch& b) {
            if (next >= 2000) return false;
            b.first = next;
            b.values.assign(7, 0);
            next += 7;
            const int a = ++alive;
            int m = max_alive.load();
            while (a > m && !max_alive.compare_exchange_weak(m, a)) {
            }
            return true;
        };
        st.transform = [&](Batch& b) {
            // Uneven work so that later batches often finish first.
            if (b.first % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
            for (std::size_t i = 0; i < b.values.size(); ++i) b.values[i] = (b.first + static_cast<long>(i)) * 3;
        };
        st.drain = [&](Batch& b) {
            seen.insert(seen.end(), b.values.begin(), b.values.end());
            --alive;
        };
        const std::size_t tokens = 5;
        pipeline::run<Batch>(pipeline::Settings{threads, tokens}, [&] { ++made; return std::make_unique<Batch>(); }, st);
        REQUIRE(seen.size() >= 2000);
        bool ordered = true;
        for (std::size_t i = 0; i < seen.size(); ++i) ordered &= seen[i] == static_cast<long>(i) * 3;
        CHECK_MESSAGE(ordered, "threads=" << threads);
        CHECK(made.load() == static_cast<int>(tokens));
        CHECK(max_alive.load() <= static_cast<int>(tokens));
    }
}

TEST_CASE("an exception in any stage reaches the caller and stops the pipeline") {
    for (int where = 0; where < 3; ++where) {
        int next = 0;
        pipeline::Stages<Batch> st;
        st.fill = [&](Batch& b) {
            if (where == 0 && next == 50) throw std::runtime_error("fill");
            b.first = next++;
            return next < 100000;
        };
        st.transform = [&](Batch& b) {
            if (where == 1 && b.first == 50) throw std::runtime_error("transform");
        };
        st.drain = [&](Batch& b) {
            if (where == 2 && b.first == 50) throw std::runtime_error("drain");
        };
        CHECK_THROWS_AS(pipeline::run<Batch>(pipeline::Settings{3, 0}, [] { return std::make_unique<Batch>(); }, st),
                        std::runtime_error);
        CHECK(next < 100000);
    }
}
}
