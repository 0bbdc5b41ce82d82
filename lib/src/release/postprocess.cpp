// SPDX-License-Identifier: MIT
#include "genoveil/release/postprocess.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace genoveil::release {

std::int64_t median(std::vector<std::int64_t> v) {
    if (v.empty()) return 0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>((v.size() - 1) / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

std::vector<std::int64_t> project(const std::vector<std::int64_t>& noisy, std::int64_t total) {
    const std::size_t k = noisy.size();
    std::vector<std::int64_t> out(k, 0);
    if (k == 0 || total <= 0) return out;
    // Euclidean projection onto {x >= 0, sum x = total}: x = max(v - theta, 0).
    std::vector<double> u(noisy.begin(), noisy.end());
    std::sort(u.begin(), u.end(), std::greater<>());
    double cumulative = 0, theta = 0;
    for (std::size_t j = 0; j < k; ++j) {
        cumulative += u[j];
        const double t = (cumulative - static_cast<double>(total)) / static_cast<double>(j + 1);
        if (u[j] - t > 0) theta = t;
    }
    std::vector<double> x(k);
    for (std::size_t i = 0; i < k; ++i) x[i] = std::max(static_cast<double>(noisy[i]) - theta, 0.0);
    // Largest remainder: floors first, then one more to the largest fractional parts.
    std::int64_t assigned = 0;
    std::vector<std::pair<double, std::size_t>> rest;
    for (std::size_t i = 0; i < k; ++i) {
        const double f = std::floor(x[i]);
        out[i] = static_cast<std::int64_t>(f);
        assigned += out[i];
        rest.push_back({x[i] - f, i});
    }
    std::stable_sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t j = 0; assigned < total && j < rest.size(); ++j, ++assigned) ++out[rest[j].second];
    for (std::size_t i = 0; assigned > total && i < k; ++i)  // only from rounding error
        while (out[i] > 0 && assigned > total) --out[i], --assigned;
    return out;
}

Derived derive(const std::vector<std::int64_t>& cells, const ClassLayout& layout) {
    Derived d;
    const int alts = layout.n_allele - 1;
    d.ac.assign(static_cast<std::size_t>(std::max(alts, 0)), 0);
    d.nhomalt.assign(d.ac.size(), 0);
    for (int hi = 0; hi < layout.n_allele; ++hi) {
        for (int lo = 0; lo <= hi; ++lo) {
            const std::int64_t n = cells[static_cast<std::size_t>(ClassLayout::diploid_index(lo, hi))];
            d.an += 2 * n;
            if (lo > 0) d.ac[static_cast<std::size_t>(lo - 1)] += n;
            if (hi > 0) d.ac[static_cast<std::size_t>(hi - 1)] += n;
            if (lo == hi && lo > 0) d.nhomalt[static_cast<std::size_t>(lo - 1)] += n;
        }
    }
    for (int a = 0; a < layout.haploid_cells(); ++a) {
        const std::int64_t n = cells[static_cast<std::size_t>(layout.haploid_index(a))];
        d.an += n;
        if (a > 0) d.ac[static_cast<std::size_t>(a - 1)] += n;
    }
    return d;
}

}  // namespace genoveil::release
