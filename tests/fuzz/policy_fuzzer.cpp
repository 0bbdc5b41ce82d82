// SPDX-License-Identifier: MIT
// parse_policy: TOML policy files. An accepted policy must survive a round trip through its
// canonical TOML with the same digest (the digest is what provenance records).
#include "fuzz_input.hpp"
#include "genoveil/core/error.hpp"
#include "genoveil/core/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    genoveil::fuzz::Input in(data, size);
    const std::string text(in.rest());
    genoveil::core::Policy p;
    try {
        p = genoveil::core::parse_policy(text, "fuzz.toml");
    } catch (const genoveil::usage_error&) {
        return 0;
    }
    const std::string canonical = genoveil::core::to_toml(p);
    genoveil::core::Policy q;
    try {
        q = genoveil::core::parse_policy(canonical, "canonical.toml");
    } catch (const genoveil::usage_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        genoveil::fuzz::violated("the canonical TOML of an accepted policy is rejected");
    }
    if (genoveil::core::policy_digest(p) != genoveil::core::policy_digest(q))
        genoveil::fuzz::violated("policy digest changes across a canonical round trip");
    return 0;
}
