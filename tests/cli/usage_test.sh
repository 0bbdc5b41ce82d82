#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every command: --help on stdout with exit 0; an unknown option on stderr with exit 2;
# dispatcher help, version, unknown command.
source "$(dirname "$0")/lib.sh"

commands=$("$GENOVEIL" --help | awk '/^     [a-z]/{print $1}')
[ -n "$commands" ] || fail "genoveil --help lists no command"
for c in $commands; do
    out=$("$GENOVEIL" "$c" --help) || fail "$c --help exited non-zero"
    [ -n "$out" ] || fail "$c --help printed nothing on stdout"
    grep -qE '^ *-[^ ]*[{]' <<<"$out" && fail "$c --help shows a flag's default after its name: $(grep -- '{' <<<"$out" | head -n1)"
    "$GENOVEIL" help "$c" >/dev/null || fail "genoveil help $c"
    rc=0; "$GENOVEIL" "$c" --no-such-option >so 2>se || rc=$?
    expect_eq "$rc" 2 "$c with an unknown option"
    [ ! -s so ] || fail "$c usage error printed on stdout"
    expect_eq "$(wc -l <se)" 1 "$c usage error lines"
done
pass "help and usage errors of: $(echo $commands)"

"$GENOVEIL" --version >v.txt
for lib in genoveil htslib OpenSSL oneTBB; do grep -q "^$lib [0-9]" v.txt || fail "--version lacks $lib"; done
rc=0; "$GENOVEIL" >/dev/null 2>&1 || rc=$?; expect_eq "$rc" 2 "no command"
rc=0; "$GENOVEIL" nosuch >/dev/null 2>&1 || rc=$?; expect_eq "$rc" 2 "unknown command"
pass "version and dispatcher errors"
