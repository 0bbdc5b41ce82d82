// SPDX-License-Identifier: MIT
// Small file writers shared by commands: JSON reports and steward-only TSV maps, both written
// through OutputFile so a failed run leaves neither.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "genoveil/core/output_file.hpp"

namespace genoveil::core {

/// Write pretty JSON (two-space indent, trailing newline) to the temporary of `out`.
void write_json(OutputFile& out, const nlohmann::json& j);

/// Write "original<TAB>pseudonym" with that header line to the temporary of `out`.
void write_map(OutputFile& out, const std::vector<std::pair<std::string, std::string>>& rows);

}  // namespace genoveil::core
