// SPDX-License-Identifier: MIT
#include "genoveil/vcf/sample_plan.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>

#include "genoveil/core/error.hpp"

namespace genoveil::vcf {

SampleSelection parse_sample_list(const std::string& spec) {
    SampleSelection sel;
    if (spec.empty()) return sel;
    sel.all = false;
    std::string s = spec;
    if (s.front() == '^') {
        sel.exclude = true;
        s.erase(0, 1);
    }
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto p = s.find(',', start);
        const auto item = s.substr(start, p == std::string::npos ? std::string::npos : p - start);
        if (!item.empty()) sel.names.push_back(item);
        if (p == std::string::npos) break;
        start = p + 1;
    }
    return sel;
}

SampleSelection read_sample_file(const std::string& spec) {
    SampleSelection sel;
    sel.all = false;
    std::string path = spec;
    if (!path.empty() && path.front() == '^') {
        sel.exclude = true;
        path.erase(0, 1);
    }
    htsFile* fp = hts_open(path.c_str(), "r");
    if (fp == nullptr) throw io_error(errno_message(path) + " (samples file)");
    kstring_t line = KS_INITIALIZE;
    int r = 0;
    while ((r = hts_getline(fp, KS_SEP_LINE, &line)) >= 0) {
        std::string l(line.s, line.l);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        const auto ws = l.find_first_of(" \t");
        if (ws != std::string::npos) l.resize(ws);
        if (!l.empty() && l.front() != '#') sel.names.push_back(l);
    }
    ks_free(&line);
    hts_close(fp);
    if (r < -1) throw io_error(path + ": read error");
    return sel;
}

SamplePlan make_sample_plan(const std::vector<std::string>& input_names, const SampleSelection& sel,
                            crypto::Hmac& hmac, bool keep_order) {
    std::vector<char> keep(input_names.size(), sel.all || sel.exclude ? 1 : 0);
    if (!sel.all) {
        std::unordered_map<std::string, int> index;
        for (std::size_t i = 0; i < input_names.size(); ++i) index.emplace(input_names[i], static_cast<int>(i));
        for (std::size_t j = 0; j < sel.names.size(); ++j) {
            const auto it = index.find(sel.names[j]);
            if (it == index.end())
                throw usage_error("sample list entry " + std::to_string(j + 1) + " is not a sample of the input");
            keep[static_cast<std::size_t>(it->second)] = sel.exclude ? 0 : 1;
        }
    }
    SamplePlan plan;
    std::vector<std::string> pseud(input_names.size());
    for (std::size_t i = 0; i < input_names.size(); ++i) {
        if (!keep[i]) {
            ++plan.removed_by_subset;
            continue;
        }
        pseud[i] = crypto::pseudonym(hmac, crypto::domain::sample, input_names[i]);
        plan.order.push_back(static_cast<int>(i));
        plan.mapping.emplace_back(input_names[i], pseud[i]);
    }
    if (!keep_order)
        std::sort(plan.order.begin(), plan.order.end(),
                  [&](int a, int b) { return pseud[static_cast<std::size_t>(a)] < pseud[static_cast<std::size_t>(b)]; });
    for (int i : plan.order) plan.out_names.push_back(pseud[static_cast<std::size_t>(i)]);
    return plan;
}

}  // namespace genoveil::vcf
