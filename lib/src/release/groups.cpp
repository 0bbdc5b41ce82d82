// SPDX-License-Identifier: MIT
#include "genoveil/release/groups.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "genoveil/core/error.hpp"
#include "genoveil/crypto/pseudonym.hpp"

namespace genoveil::release {

Groups read_groups(const std::string& path, const std::vector<std::string>& samples) {
    Groups g;
    if (path.empty()) {
        g.names = {""};
        g.of_sample.assign(samples.size(), 0);
        g.size = {static_cast<std::int64_t>(samples.size())};
        return g;
    }
    std::ifstream in(path);
    if (!in) throw io_error(errno_message(path) + " (groups)");
    std::map<std::string, std::string> group_of;
    std::string line, text;
    std::uint64_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) throw input_error(path, n, "", "expected SAMPLE<TAB>GROUP");
        const std::string sample = line.substr(0, tab), group = line.substr(tab + 1);
        if (group.empty() || group.size() > 32 ||
            !std::all_of(group.begin(), group.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
            throw input_error(path, n, "column 2", "group names are 1-32 letters, digits or '_'");
        if (!group_of.emplace(sample, group).second) throw input_error(path, n, "column 1", "sample listed twice");
    }
    std::set<std::string> names;
    for (const auto& [s, grp] : group_of) names.insert(grp);
    g.names.assign(names.begin(), names.end());
    g.size.assign(g.names.size(), 0);
    for (const auto& s : samples) {
        const auto it = group_of.find(s);
        if (it == group_of.end()) {
            g.of_sample.push_back(-1);
            continue;
        }
        const int idx = static_cast<int>(std::lower_bound(g.names.begin(), g.names.end(), it->second) - g.names.begin());
        g.of_sample.push_back(idx);
        ++g.size[static_cast<std::size_t>(idx)];
    }
    for (const auto& [s, grp] : group_of) text += s + "\t" + grp + "\n";
    g.digest = "sha256:" + crypto::sha256_hex(text);
    return g;
}


}  // namespace genoveil::release
