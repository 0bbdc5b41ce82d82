// SPDX-License-Identifier: MIT
// genoveil policy: list built-in profiles, show an effective policy, check a policy file.
#include <iostream>

#include "commands.hpp"
#include "common/cli.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/core/policy.hpp"

namespace genoveil::tools {

int main_policy(int argc, char** argv) {
    CLI::App app{"List, show and check policies. A policy is a built-in profile or a TOML file that starts "
                 "from one ('base = \"minimal\"') and overrides keys.",
                 "policy"};
    style(app);
    app.require_subcommand(1);
    std::string show_name = "minimal", check_file;
    CLI::App* list = app.add_subcommand("list", "List the built-in profiles");
    CLI::App* show = app.add_subcommand("show", "Print the effective policy as TOML, with its digest");
    show->add_option("POLICY", show_name, "Profile name or TOML file [minimal]")->type_name("NAME|FILE");
    CLI::App* check = app.add_subcommand("check", "Check a policy file; exit 1 and name the key when it is wrong");
    check->add_option("FILE", check_file, "Policy file")->required()->type_name("FILE");
    for (CLI::App* s : {list, show, check}) s->set_help_flag("-h,--help", "Print this help and exit");

    return run_command(app, argc, argv, [&] {
        if (list->parsed()) {
            for (const auto& n : core::builtin_profiles())
                std::cout << n << "\t" << core::describe_profile(n) << "\n";
        } else if (show->parsed()) {
            const core::Policy p = core::load_policy(show_name);
            std::cout << "# digest: " << core::policy_digest(p) << "\n" << core::to_toml(p);
        } else if (check->parsed()) {
            try {
                const core::Policy p = core::load_policy(check_file);
                std::cout << check_file << ": ok (" << core::policy_digest(p) << ")\n";
            } catch (const usage_error& e) {
                print_error("genoveil policy check", e.what());
                return 1;
            }
        }
        return 0;
    });
}

}  // namespace genoveil::tools
