#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The man pages must not drift from the binary:
#   - every command of `genoveil --help` has a page man/genoveil-<command>.1 (vcf, keygen,
#     policy and release must; a missing page of `reads`, still being written, is only noted),
#     is named in man/genoveil.1, and every page names a command the binary has;
#   - every long option printed by `genoveil <command> --help`, and by the --help of each of its
#     subcommands, appears in the command's page; every long option in the page's OPTIONS
#     section is one that --help prints;
#   - every subcommand appears in the page as "genoveil <command> <subcommand>";
#   - every key of `genoveil policy show` is documented as "<key> = ..." in genoveil-policy.1;
#   - every page renders with `groff -man -Tutf8 -ww` without a warning.
# Needs groff (Debian package groff-base); fails, never skips, when it is missing.
# Environment: GENOVEIL (the binary), SOURCE_DIR (the repository root).
set -euo pipefail

: "${GENOVEIL:?set GENOVEIL to the genoveil binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the repository root}"
man_dir=$SOURCE_DIR/man
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

if ! command -v groff >/dev/null 2>&1; then
    echo "FAIL: groff is not installed, so the man pages cannot be checked (apt-get install groff-base)" >&2
    exit 1
fi
if [[ ! -x $GENOVEIL ]]; then
    echo "FAIL: GENOVEIL=$GENOVEIL is not an executable" >&2
    exit 1
fi

# The roff source as plain words: no comments, "\-" as "-", no font changes or zero-width
# escapes, so that "\fB\-\-key\-file\fR" reads "--key-file".
normalise() {
    sed -e '/^[.'"'"'][[:space:]]*\\"/d' \
        -e 's/\\-/-/g' \
        -e 's/\\f\[[^]]*\]//g' -e 's/\\f(..//g' -e 's/\\f.//g' \
        -e 's/\\&//g' -e 's/\\%//g' -e 's/\\c//g' -e 's/\\(dq/"/g' \
        "$1"
}

# Long options in a help text, one per line.
long_options() {
    grep -oE -- '--[A-Za-z0-9][A-Za-z0-9-]*' <<<"$1" | sort -u || true
}

# Subcommand names in a CLI11 help text: the indented words under "Subcommands:".
subcommands() {
    awk '/^Subcommands:/ { on = 1; next } on && /^[[:space:]]*$/ { on = 0 }
         on && /^  [a-z]/ { print $1 }' <<<"$1"
}

# Does the text hold this long option as a whole word?
has_option() {
    grep -qE -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|\$)" <<<"$1"
}

check_render() {
    local page=$1 warnings
    if ! warnings=$(groff -man -Tutf8 -ww "$page" 2>&1 >/dev/null); then
        fail "$page: groff failed: $warnings"
    elif [[ -n $warnings ]]; then
        fail "$page: groff warnings:"$'\n'"$warnings"
    fi
}

if ! top_help=$("$GENOVEIL" --help); then
    echo "FAIL: '$GENOVEIL --help' failed" >&2
    exit 1
fi
# The command table of `genoveil --help`: "     <name>   <one-line help>".
mapfile -t commands < <(grep -E '^ {5}[a-z][a-z0-9-]* {2,}' <<<"$top_help" | awk '{ print $1 }')
if [[ ${#commands[@]} -eq 0 ]]; then
    echo "FAIL: no command found in '$GENOVEIL --help'" >&2
    exit 1
fi

# The suite page.
suite_page=$man_dir/genoveil.1
if [[ ! -f $suite_page ]]; then
    fail "$suite_page is missing"
else
    check_render "$suite_page"
    suite_text=$(normalise "$suite_page")
    for cmd in "${commands[@]}"; do
        grep -qE "^\.B $cmd\$" <<<"$suite_text" || fail "$suite_page: command '$cmd' is not in the command list"
    done
fi

# The command pages: every command needs one. Only `reads` may still lack its page (it is being
# written): that is named on stderr, and the page is checked once it exists.
declare -A checked=()
for cmd in vcf keygen policy release "${commands[@]}"; do
    [[ -n ${checked[$cmd]:-} ]] && continue
    checked[$cmd]=1
    page=$man_dir/genoveil-$cmd.1
    if [[ ! -f $page ]]; then
        case $cmd in
            reads) echo "note: command '$cmd' has no man page yet ($page)" >&2 ;;
            *) fail "command '$cmd' has no man page $page" ;;
        esac
        continue
    fi
    if [[ " ${commands[*]} " != *" $cmd "* ]]; then
        fail "'$GENOVEIL --help' does not list '$cmd'"
        continue
    fi
    check_render "$page"
    text=$(normalise "$page")

    if ! help=$("$GENOVEIL" "$cmd" --help); then
        fail "'$GENOVEIL $cmd --help' failed"
        continue
    fi
    all_help=$help
    while read -r sub; do
        [[ -z $sub ]] && continue
        if ! sub_help=$("$GENOVEIL" "$cmd" "$sub" --help); then
            fail "'$GENOVEIL $cmd $sub --help' failed"
            continue
        fi
        all_help+=$'\n'$sub_help
        grep -qF "genoveil $cmd $sub" <<<"$text" || fail "$page: subcommand '$sub' is not shown as 'genoveil $cmd $sub'"
    done < <(subcommands "$help")

    # Every option of --help is documented.
    while read -r opt; do
        [[ -z $opt ]] && continue
        has_option "$text" "$opt" || fail "$page: option $opt of '$cmd --help' is not documented"
    done < <(long_options "$all_help")

    # Every option documented under OPTIONS exists.
    options_section=$(awk '/^\.SH +"?OPTIONS"?[[:space:]]*$/ { on = 1; next } /^\.SH / { on = 0 } on' <<<"$text")
    [[ -n $options_section ]] || fail "$page: no OPTIONS section"
    while read -r opt; do
        [[ -z $opt ]] && continue
        has_option "$all_help" "$opt" || fail "$page: OPTIONS documents $opt, which '$cmd --help' does not print"
    done < <(long_options "$options_section")
done

# Every key of the effective policy is documented in the policy page.
policy_page=$man_dir/genoveil-policy.1
if [[ -f $policy_page ]]; then
    if ! policy_toml=$("$GENOVEIL" policy show minimal); then
        fail "'$GENOVEIL policy show minimal' failed"
    else
        policy_text=$(normalise "$policy_page")
        while read -r key; do
            [[ -z $key ]] && continue
            grep -qE "(^|[^a-z_])$key = " <<<"$policy_text" ||
                fail "$policy_page: policy key '$key' of 'policy show' is not documented as '$key = ...'"
        done < <(grep -oE '^[a-z_]+ = ' <<<"$policy_toml" | sed 's/ = $//' | sort -u)
    fi
fi

# Pages for commands this build does not have.
for page in "$man_dir"/genoveil-*.1; do
    [[ -e $page ]] || continue
    name=${page##*/genoveil-}
    name=${name%.1}
    [[ -n ${checked[$name]:-} ]] || fail "$page documents '$name', which '$GENOVEIL --help' does not list"
done

if ((failures > 0)); then
    echo "man_test: $failures failure(s)" >&2
    exit 1
fi
echo "man_test: ok (${#checked[@]} command pages and genoveil.1)"
