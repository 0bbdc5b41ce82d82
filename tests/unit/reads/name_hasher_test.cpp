// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "genoveil/crypto/key.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/reads/name_hasher.hpp"

using namespace genoveil;

TEST_SUITE("reads") {
TEST_CASE("reads: name hasher: same pseudonyms as crypto::pseudonym, in every domain") {
    crypto::SecretKey key = crypto::random_key();
    crypto::Hmac h(key);
    reads::NameHasher fast(key);
    std::string out;
    for (const std::string& name : std::vector<std::string>{"", "a", "M04321:77:FLOWCELLX9:1:1101:15589:1331",
                                   std::string(200, 'x'), std::string(55, 'y'), std::string(64, 'z')}) {
        for (auto dom : {crypto::domain::read, crypto::domain::sample, crypto::domain::read_group}) {
            fast.pseudonym(dom, name, out);
            CHECK(out == crypto::pseudonym(h, dom, name));
            CHECK(out.size() == 24);
        }
    }
}
}
