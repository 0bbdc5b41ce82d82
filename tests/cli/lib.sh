# SPDX-License-Identifier: MIT
# Helpers for the CLI tests. Each *_test.sh sources this file; ctest provides GENOVEIL,
# TEST_DATA, TEST_TMP and SOURCE_DIR. A failed assertion ends the test with exit 1.
set -euo pipefail

: "${GENOVEIL:?GENOVEIL must point at the genoveil binary}"
: "${TEST_DATA:?TEST_DATA must point at tests/data}"
: "${TEST_TMP:?TEST_TMP must name a scratch directory}"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# need TOOL...: a missing oracle is a failure, never a skip.
need() { for t in "$@"; do command -v "$t" >/dev/null 2>&1 || fail "required tool '$t' is not installed (run scripts/install-deps)"; done; }

rm -rf "$TEST_TMP" "$TEST_TMP.cap"
mkdir -p "$TEST_TMP" "$TEST_TMP.cap"
cd "$TEST_TMP"
CAP="$TEST_TMP.cap"

EUR=/usr/share/doc/bio-eagle/examples/EUR_test.vcf.gz
need_eur() { [ -r "$EUR" ] || fail "real 1000 Genomes data missing: install bio-eagle-examples (scripts/install-deps)"; }

# in_list NEEDLE ITEM...: NEEDLE equals one of the items. Never `printf ... | grep -q`: under
# pipefail, grep -q exiting at the first match can SIGPIPE the producer and fail the pipeline.
in_list() {
    local needle=$1 item
    shift
    for item in "$@"; do [ "$item" = "$needle" ] && return 0; done
    return 1
}

expect_eq() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }

# A fresh key file with mode 0600.
make_key() { rm -f "$1"; "$GENOVEIL" keygen pseudonym -o "$1" 2>/dev/null; }

# expect_clean_failure CODE DIR CMD...: CMD exits with CODE, prints exactly one line on
# stderr, and leaves DIR exactly as it was (no output, no temporary file). The stderr line is
# left in $CAP/last_stderr for further checks.
expect_clean_failure() {
    local code=$1 dir=$2; shift 2
    local before after rc=0
    before=$(ls -A "$dir" | sort)
    timeout 60 "$@" >"$CAP/stdout" 2>"$CAP/stderr" || rc=$?
    [ "$rc" -eq "$code" ] || { cat "$CAP/stderr" >&2; fail "'$*' exited $rc, expected $code"; }
    local lines
    lines=$(wc -l <"$CAP/stderr")
    [ "$lines" -eq 1 ] || { cat "$CAP/stderr" >&2; fail "'$*' printed $lines lines on stderr, expected 1"; }
    after=$(ls -A "$dir" | sort)
    [ "$before" == "$after" ] || fail "'$*' left files behind: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    rm -f "$CAP/stdout"
    mv "$CAP/stderr" "$CAP/last_stderr"
}

# json FILE EXPR: evaluate a Python expression on the parsed JSON document `r`.
json() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }
