// SPDX-License-Identifier: MIT
// The files one de-identifying run writes, reserved together before any input is read (so a
// missing directory or an existing map fails early) and committed together at the end: the
// main output (a temporary beside it, unless it goes to standard output), its index, the
// steward's map (0600, never overwritten) and the JSON report. Also the report fields that
// every command shares.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "genoveil/core/output_file.hpp"
#include "genoveil/core/policy.hpp"

namespace genoveil::core {

struct RunOutputs {
    /// `index_path` and the map and report paths may be empty (not asked for).
    RunOutputs(const std::string& output, const std::string& index_path, const std::string& map_out,
               const std::string& report);

    std::unique_ptr<OutputFile> out, idx, map, report;

    /// Write the map rows and the report into their temporaries, then rename every file into
    /// place: the data first, so that an index, map or report never stands without it.
    void commit(const std::vector<std::pair<std::string, std::string>>& map_rows, const nlohmann::json& rep);
};

/// {"command", "version", "policy", "policy_digest", "key"} of a report.
[[nodiscard]] nlohmann::json report_preamble(const std::string& command, const Policy& policy, bool key_from_file);

/// Records left out by -r/-R: the indexed total minus what was read, null when the index gives
/// no total, 0 without regions.
[[nodiscard]] nlohmann::json removed_by_regions(bool regions, std::optional<std::uint64_t> indexed_total,
                                                std::uint64_t read);

}  // namespace genoveil::core
