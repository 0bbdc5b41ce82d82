// SPDX-License-Identifier: MIT
#include "genoveil/core/json_file.hpp"

#include <fstream>

#include "genoveil/core/error.hpp"

namespace genoveil::core {

namespace {
void write_text(OutputFile& out, const std::string& text) {
    std::ofstream f(out.temp_path(), std::ios::binary | std::ios::trunc);
    f << text;
    f.flush();
    if (!f) throw io_error(errno_message(out.path()));
}
}  // namespace

void write_json(OutputFile& out, const nlohmann::json& j) { write_text(out, j.dump(2) + "\n"); }

void write_map(OutputFile& out, const std::vector<std::pair<std::string, std::string>>& rows) {
    std::string text = "original\tpseudonym\n";
    for (const auto& [a, b] : rows) text += a + "\t" + b + "\n";
    write_text(out, text);
}

}  // namespace genoveil::core
