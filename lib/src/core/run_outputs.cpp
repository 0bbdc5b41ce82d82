// SPDX-License-Identifier: MIT
#include "genoveil/core/run_outputs.hpp"

#include "genoveil/core/json_file.hpp"
#include "genoveil/core/version.hpp"

namespace genoveil::core {

RunOutputs::RunOutputs(const std::string& output, const std::string& index_path, const std::string& map_out,
                       const std::string& report_path) {
    if (!is_stdio(output)) out = std::make_unique<OutputFile>(output, Clobber::allow);
    if (!index_path.empty()) idx = std::make_unique<OutputFile>(index_path, Clobber::allow);
    if (!map_out.empty()) map = std::make_unique<OutputFile>(map_out, Clobber::refuse, 0600);
    if (!report_path.empty()) report = std::make_unique<OutputFile>(report_path, Clobber::allow);
}

void RunOutputs::commit(const std::vector<std::pair<std::string, std::string>>& map_rows, const nlohmann::json& rep) {
    if (map) write_map(*map, map_rows);
    if (report) write_json(*report, rep);
    for (OutputFile* f : {out.get(), idx.get(), map.get(), report.get()})
        if (f != nullptr) f->commit();
}

nlohmann::json report_preamble(const std::string& command, const Policy& policy, bool key_from_file) {
    nlohmann::json rep;
    rep["command"] = command;
    rep["version"] = version();
    rep["policy"] = policy.name;
    rep["policy_digest"] = policy_digest(policy);
    rep["key"] = key_from_file ? "key file" : "ephemeral (pseudonyms cannot be linked to any other run)";
    return rep;
}

nlohmann::json removed_by_regions(bool regions, std::optional<std::uint64_t> indexed_total, std::uint64_t read) {
    if (!regions) return 0;
    if (!indexed_total) return nullptr;
    return *indexed_total >= read ? *indexed_total - read : 0;
}

}  // namespace genoveil::core
