// SPDX-License-Identifier: MIT
// Shared pieces of every command front-end: parse with CLI11, map errors to exit status, print
// messages as "genoveil <cmd>: error: ...", record redacted options for provenance.
#pragma once

#include <functional>
#include <set>
#include <string>

#include <CLI/CLI.hpp>

namespace genoveil::tools {

enum Exit : int { success = 0, failure = 1, usage = 2, internal = 3 };

/// Parse argv with `app`, then call `body`. Help goes to stdout with status 0; parse errors to
/// stderr with status 2; genoveil errors as the exit codes of DESIGN.md.
int run_command(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

/// Print "genoveil <cmd>: error: <msg>" after flushing stdout.
void print_error(const std::string& cmd, const std::string& msg);

/// The options the user gave, in a canonical order, with the values of `sensitive` options and
/// every positional argument replaced by <redacted>. Flags appear by name only.
[[nodiscard]] std::string redacted_args(const CLI::App& app, const std::set<std::string>& sensitive);

/// Option groups, in the order help shows them.
namespace group {
inline constexpr const char* io = "Input/Output";
inline constexpr const char* subset = "Subset";
inline constexpr const char* filter = "Filter";
inline constexpr const char* deid = "De-identification";
inline constexpr const char* crypto = "Crypto";
inline constexpr const char* perf = "Performance";
inline constexpr const char* general = "General";
}  // namespace group

/// Help formatter shared by all commands (wider columns).
void style(CLI::App& app);

}  // namespace genoveil::tools
