// SPDX-License-Identifier: MIT
#include "common/cli.hpp"

#include <cstdio>
#include <iostream>
#include <new>

#include "genoveil/core/error.hpp"

namespace genoveil::tools {

void print_error(const std::string& cmd, const std::string& msg) {
    std::fflush(stdout);
    std::cerr << cmd << ": error: " << msg << std::endl;
}

void style(CLI::App& app) {
    app.get_formatter()->column_width(34);
    app.set_help_flag("-h,--help", "Print this help and exit")->group(group::general);
}

int run_command(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
    const std::string cmd = app.get_name().empty() ? "genoveil" : "genoveil " + app.get_name();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return success;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return success;
    } catch (const CLI::Success&) {
        return success;
    } catch (const CLI::ParseError& e) {
        print_error(cmd, std::string(e.what()) + " (see '" + cmd + " --help')");
        return usage;
    }
    try {
        return body();
    } catch (const usage_error& e) {
        print_error(cmd, e.what());
        return usage;
    } catch (const internal_error& e) {
        print_error(cmd, std::string("internal error: ") + e.what());
        return internal;
    } catch (const error& e) {
        print_error(cmd, e.what());
        return failure;
    } catch (const std::bad_alloc&) {
        print_error(cmd, "out of memory");
        return failure;
    } catch (const std::exception& e) {
        print_error(cmd, std::string("internal error: ") + e.what());
        return internal;
    }
}

std::string redacted_args(const CLI::App& app, const std::set<std::string>& sensitive) {
    std::string out;
    auto add = [&](const std::string& s) {
        if (!out.empty()) out += ' ';
        out += s;
    };
    std::string positional;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->count() == 0 || opt == app.get_help_ptr()) continue;
        // Options that cannot change the output bytes are not recorded, so that outputs made
        // with any thread count are identical.
        if (opt->check_name("--threads") || opt->check_name("--quiet")) continue;
        if (!opt->nonpositional()) {
            for (std::size_t i = 0; i < opt->results().size(); ++i) positional += positional.empty() ? "<redacted>" : " <redacted>";
            continue;
        }
        const std::string name = opt->get_name();
        const bool secret = sensitive.count(name) > 0;
        if (opt->get_type_size_max() == 0) {  // a flag
            const auto& r = opt->results();
            if (!r.empty() && r.back() != "true" && r.back() != "1" && !r.back().empty())
                add(name + "=" + (secret ? std::string("<redacted>") : r.back()));
            else
                add(name);
            continue;
        }
        for (const auto& v : opt->results()) add(name + " " + (secret ? std::string("<redacted>") : v));
    }
    if (!positional.empty()) add(positional);
    return out;
}

}  // namespace genoveil::tools
