// SPDX-License-Identifier: MIT
// Version strings of genoveil and the libraries it was built and runs with.
#pragma once

#include <string>

namespace genoveil {

/// "0.1.0"
[[nodiscard]] std::string version();
/// One line per component: genoveil, htslib, OpenSSL, oneTBB (for --version).
[[nodiscard]] std::string version_report();
/// Compact form for provenance: "0.1.0+htslib-1.16+openssl-3.0.x".
[[nodiscard]] std::string version_tag();

}  // namespace genoveil
