// SPDX-License-Identifier: MIT
#include "genoveil/core/version.hpp"

#include <htslib/hts.h>
#include <openssl/crypto.h>
#include <oneapi/tbb/version.h>

namespace genoveil {

std::string version() { return GENOVEIL_VERSION; }

std::string version_report() {
    std::string r = "genoveil " + version() + "\n";
    r += std::string("htslib ") + hts_version() + "\n";
    r += std::string("OpenSSL ") + OpenSSL_version(OPENSSL_VERSION_STRING) + "\n";
    r += std::string("oneTBB ") + TBB_runtime_version() + "\n";
    return r;
}

std::string version_tag() {
    return version() + "+htslib-" + hts_version() + "+openssl-" +
           OpenSSL_version(OPENSSL_VERSION_STRING);
}

}  // namespace genoveil
