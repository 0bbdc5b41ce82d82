// SPDX-License-Identifier: MIT
// genoveil keygen: create key files.
#include <iostream>

#include "commands.hpp"
#include "common/cli.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/crypto/key.hpp"

namespace genoveil::tools {

int main_keygen(int argc, char** argv) {
    CLI::App app{"Create keys. A key file is written with mode 0600 and never overwrites an existing file.", "keygen"};
    style(app);
    app.require_subcommand(1);
    std::string out;
    CLI::App* pseud = app.add_subcommand("pseudonym", "32-byte secret for keyed pseudonyms (HMAC-SHA256)");
    pseud->add_option("-o,--output", out, "Key file to create")->required()->type_name("FILE");
    pseud->set_help_flag("-h,--help", "Print this help and exit");
    return run_command(app, argc, argv, [&] {
        if (out == "-") throw usage_error("a key is never written to standard output; give a file name");
        crypto::write_new_key(out);
        std::cerr << "genoveil keygen: wrote a new pseudonym key (mode 0600); keep it secret and backed up\n";
        return 0;
    });
}

}  // namespace genoveil::tools
