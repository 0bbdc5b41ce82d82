// SPDX-License-Identifier: MIT
#include "common/cli.hpp"

#include <cstdio>
#include <iostream>
#include <algorithm>
#include <memory>
#include <new>
#include <vector>

#include "genoveil/core/error.hpp"

namespace genoveil::tools {

void print_error(const std::string& cmd, const std::string& msg) {
    std::fflush(stdout);
    std::cerr << cmd << ": error: " << msg << std::endl;
}

namespace {

/// Help shows the option groups in the fixed order of `group`, whatever order they were declared in.
class GroupOrderFormatter : public CLI::Formatter {
public:
    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override {
        if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
        // "Usage: genoveil vcf [OPTIONS] [IN]", with the parent commands for subcommands.
        std::string full;
        for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) full = a->get_name() + (full.empty() ? "" : " " + full);
        if (name.empty() || name == app->get_name()) name = full;
        if (name.rfind("genoveil", 0) != 0) name = "genoveil " + name;
        return make_description(app) + make_usage(app, std::move(name)) + make_positionals(app) +
               ordered_groups(app, mode) + make_subcommands(app, mode) + "\n" + make_footer(app);
    }

    /// "-W,--write-index[=FMT]" where CLI11 would print a flag's default value after every
    /// name ("-W{csi},--write-index{csi}").
    std::string make_option_name(const CLI::Option* opt, bool positional) const override {
        std::string name = CLI::Formatter::make_option_name(opt, positional);
        std::string out;
        bool had_value = false;
        for (std::size_t i = 0; i < name.size(); ++i) {
            if (name[i] == '{') {
                const std::size_t close = name.find('}', i);
                if (close != std::string::npos) {
                    had_value = true;
                    i = close;
                    continue;
                }
            }
            out.push_back(name[i]);
        }
        return had_value ? out + "[=FMT]" : out;
    }

private:
    std::string ordered_groups(const CLI::App* app, CLI::AppFormatMode mode) const {
        const std::vector<std::string> present = app->get_groups();
        std::vector<std::string> order{group::io,     group::subset, group::filter, group::deid,
                                       group::crypto, group::perf,   group::general};
        for (const auto& g : present)
            if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
        std::string out;
        for (const auto& g : order) {
            if (g.empty() || std::find(present.begin(), present.end(), g) == present.end()) continue;
            const auto opts = app->get_options([&](const CLI::Option* opt) {
                return opt->get_group() == g && opt->nonpositional() &&
                       (mode != CLI::AppFormatMode::Sub || opt->get_configurable());
            });
            if (!opts.empty()) out += make_group(g, false, opts) + "\n";
        }
        return out;
    }
};

/// bcftools users write -Wtbi / -Wcsi (an attached optional value); CLI11 would read that as
/// -W -t bi. Rewrite those spellings to --write-index=FMT before parsing.
std::vector<std::string> normalised_args(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) {  // CLI11 takes the arguments in reverse order
        std::string a = argv[i];
        if (a.rfind("-W", 0) == 0 && a.size() > 2 && a.rfind("--", 0) != 0) {
            std::string fmt = a.substr(2);
            if (!fmt.empty() && fmt.front() == '=') fmt.erase(0, 1);
            a = "--write-index=" + fmt;
        }
        args.push_back(a);
    }
    return args;
}

}  // namespace

void style(CLI::App& app) {
    auto fmt = std::make_shared<GroupOrderFormatter>();
    fmt->column_width(34);
    app.formatter(fmt);
    app.set_help_flag("-h,--help", "Print this help and exit")->group(group::general);
}

int run_command(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
    const std::string cmd = app.get_name().empty() ? "genoveil" : "genoveil " + app.get_name();
    try {
        std::vector<std::string> args = normalised_args(argc, argv);
        app.parse(args);
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
