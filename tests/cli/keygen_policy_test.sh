#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# keygen: 32 random bytes, mode 0600, never overwritten, never printed. policy: list, show,
# check (exit 1 naming the key for unknown keys and wrong types).
source "$(dirname "$0")/lib.sh"
need python3

"$GENOVEIL" keygen pseudonym -o a.key 2>err
expect_eq "$(stat -c %a a.key)" 600 "key mode"
expect_eq "$(stat -c %s a.key)" 32 "key size"
"$GENOVEIL" keygen pseudonym -o b.key 2>/dev/null
cmp -s a.key b.key && fail "two keys are equal"
cp a.key a.copy
expect_clean_failure 1 . "$GENOVEIL" keygen pseudonym -o a.key
cmp -s a.key a.copy || fail "keygen overwrote a key"
python3 - a.key err <<'PY'
import sys
key = open(sys.argv[1], 'rb').read()
err = open(sys.argv[2], 'rb').read()
assert key.hex() not in err.decode(errors='replace').lower(), "key printed"
PY
expect_clean_failure 2 . "$GENOVEIL" keygen pseudonym
expect_clean_failure 2 . "$GENOVEIL" keygen nosuchtype -o c.key
pass "keygen pseudonym"

# Group- or world-readable keys are refused, whatever the command.
chmod 640 b.key
expect_clean_failure 1 . "$GENOVEIL" vcf --key-file b.key "$TEST_DATA/vcf/leak.vcf"
"$GENOVEIL" vcf --key-file b.key "$TEST_DATA/vcf/leak.vcf" >/dev/null 2>msg || true
grep -q "chmod 600" msg || fail "refusal does not say how to fix it"
pass "keys readable by group are refused"

"$GENOVEIL" policy list >list.txt
grep -q '^minimal' list.txt && grep -q '^sites' list.txt || fail "policy list"
"$GENOVEIL" policy show >show.txt
grep -q '^# digest: sha256:[0-9a-f]\{64\}$' show.txt || fail "policy show digest"
grep -q '^keep_format = \["GT"\]$' show.txt || fail "policy show content"
# The shown policy is itself a valid policy file with the same digest.
tail -n +2 show.txt >roundtrip.toml
"$GENOVEIL" policy check roundtrip.toml >check.txt
grep -q "$(head -n1 show.txt | sed 's/# digest: //')" check.txt || fail "round trip changes the digest"
pass "policy list/show, round trip"

printf '[vcf]\nkeep_infoo = ["DP"]\n' >unknown.toml
expect_clean_failure 1 . "$GENOVEIL" policy check unknown.toml
"$GENOVEIL" policy check unknown.toml >/dev/null 2>msg || true
grep -q 'vcf.keep_infoo: unknown key' msg || fail "unknown key not named"
printf '[vcf]\nmin_mac = "five"\n' >type.toml
"$GENOVEIL" policy check type.toml >/dev/null 2>msg || true
grep -q 'vcf.min_mac: expected a non-negative integer' msg || fail "wrong type not named"
printf '[vcf\n' >syntax.toml
"$GENOVEIL" policy check syntax.toml >/dev/null 2>msg || true
grep -q 'syntax.toml: line 1' msg || fail "syntax error not located"
printf '[reads]\nqual_bins = "fancy"\n' >reads.toml
expect_clean_failure 1 . "$GENOVEIL" policy check reads.toml
# Commands treat a bad policy as a usage error.
expect_clean_failure 2 . "$GENOVEIL" vcf --policy unknown.toml "$TEST_DATA/vcf/leak.vcf"
pass "policy check names the bad key"
