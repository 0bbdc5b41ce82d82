#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile inputs (tests/data/bad/README.md): every file of the table against every streaming
# command (vcf and reads as a path and on standard input; release as a path). Per case: the exit status of the table,
# exactly one stderr line on failure, no crash, no hang (30 s), nothing left behind in the run's
# fresh directory on failure and only the asked-for outputs on success. Policy files go through
# --policy (usage error) and `policy check` (exit 1). Known bugs (a `!` in the table) are
# reported, not failed, until they are fixed; then the mark must go.
source "$(dirname "$0")/lib.sh"
need bgzip gzip samtools bcftools python3

bad="$SOURCE_DIR/tests/data/bad"
table="$bad/README.md"
bash "$bad/make_bad.sh" "$TEST_TMP/gen" >/dev/null
make_key key
good_vcf="$TEST_TMP/good.vcf"
printf '##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n##contig=<ID=chr1,length=1000>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\nchr1\t5\t.\tA\tG\t.\t.\t.\tGT\t0/1\n' >"$good_vcf"
good_sam="$TEST_TMP/good.sam"
printf '@SQ\tSN:chr1\tLN:1000\nr1\t0\tchr1\t5\t30\t4M\t*\t0\t0\tACGT\tIIII\n' >"$good_sam"

resolve() {  # table name -> path
    case "$1" in
        gen:*) echo "$TEST_TMP/gen/${1#gen:}" ;;
        /*) echo "$1" ;;
        *) echo "$bad/$1" ;;
    esac
}

n_cases=0 n_known=0
failures=()
known=()
note_fail() { failures+=("$*"); echo "FAIL: $*" >&2; }

# run_case LABEL EXPECT(0|1|2 with optional !) STDIN_FILE|"" ARGS...: run genoveil in a fresh
# directory with outputs named there, then check the outcome.
run_case() {
    local label=$1 expect=$2 stdin=$3
    shift 3
    local want=${expect%!} is_known=0
    [ "$want" != "$expect" ] && is_known=1
    n_cases=$((n_cases + 1))
    local dir="$TEST_TMP/run"
    rm -rf "$dir"
    mkdir "$dir"
    local rc=0
    if [ -n "$stdin" ]; then
        (cd "$dir" && timeout 30 "$GENOVEIL" "$@" <"$stdin" >"$CAP/stdout" 2>"$CAP/stderr") || rc=$?
    else
        (cd "$dir" && timeout 30 "$GENOVEIL" "$@" </dev/null >"$CAP/stdout" 2>"$CAP/stderr") || rc=$?
    fi
    local problem=""
    if [ "$rc" -eq 124 ]; then
        problem="hung (killed after 30 s)"
    elif [ "$rc" -gt 128 ]; then
        problem="died of signal $((rc - 128))"
    elif [ "$rc" -ne "$want" ]; then
        problem="exit $rc, expected $want ($(head -c 200 "$CAP/stderr" | tr '\n' ' '))"
    elif [ "$want" -ne 0 ]; then
        local lines
        lines=$(wc -l <"$CAP/stderr")
        [ "$lines" -eq 1 ] || problem="$lines lines on stderr, expected 1: $(head -c 300 "$CAP/stderr" | tr '\n' '|')"
        [ -z "$(ls -A "$dir")" ] || problem="${problem:+$problem; }left behind: $(ls -A "$dir" | tr '\n' ' ')"
    else
        [ ! -s "$CAP/stderr" ] || problem="succeeded but wrote to stderr: $(head -c 200 "$CAP/stderr")"
        local left
        left=$(ls -A "$dir" | grep -E '\.tmp\.' || true)
        [ -z "$left" ] || problem="${problem:+$problem; }temporary files left: $left"
    fi
    if [ "$is_known" -eq 1 ]; then
        if [ -n "$problem" ]; then
            n_known=$((n_known + 1))
            known+=("$label: $problem")
        else
            note_fail "$label: marked as a known bug (!) in tests/data/bad/README.md but behaves correctly now: remove the mark"
        fi
    elif [ -n "$problem" ]; then
        note_fail "$label: $problem"
    fi
}

rows=0
seen=()
while IFS= read -r line; do
    [[ "$line" == "| "* ]] || continue  # table rows only
    IFS='|' read -r _ file vcf vcf_in reads reads_in release _ <<<"$line"
    file=$(echo "$file" | xargs)
    case "$file" in ""|file|---) continue ;; esac
    vcf=$(echo "$vcf" | xargs); vcf_in=$(echo "$vcf_in" | xargs)
    reads=$(echo "$reads" | xargs); reads_in=$(echo "$reads_in" | xargs); release=$(echo "$release" | xargs)
    path=$(resolve "$file")
    [ -e "$path" ] || { note_fail "$file: listed in the table but missing (install samtools-test and htslib-test, or rerun make_bad.sh)"; continue; }
    rows=$((rows + 1))
    seen+=("$(basename "$path")")
    if [[ "$file" == *.toml ]]; then
        run_case "vcf --policy $file" "$vcf" "" vcf -q --policy "$path" -o out.vcf.gz --report r.json "$good_vcf"
        run_case "reads --policy $file" "$reads" "" reads -q --policy "$path" -o out.bam --report r.json "$good_sam"
        run_case "policy check $file" 1 "" policy check "$path"
        continue
    fi
    vcf_args=(vcf -q --key-file "$TEST_TMP/key" -o out.vcf.gz --report r.json --map-out map.tsv)
    reads_args=(reads -q --key-file "$TEST_TMP/key" -o out.bam --report r.json --map-out map.tsv)
    release_args=(release -q --sites-from-input --ledger l.ledger -o out.vcf.gz --report r.json)
    [ "$vcf" = - ] || run_case "vcf $file" "$vcf" "" "${vcf_args[@]}" "$path"
    [ "$vcf_in" = - ] || run_case "vcf < $file" "$vcf_in" "$path" "${vcf_args[@]}" -
    [ "$reads" = - ] || run_case "reads $file" "$reads" "" "${reads_args[@]}" "$path"
    [ "$reads_in" = - ] || run_case "reads < $file" "$reads_in" "$path" "${reads_args[@]}" -
    [ "$release" = - ] || run_case "release $file" "$release" "" "${release_args[@]}" "$path"
done <"$table"

# Every hostile file has a row: nothing in tests/data/bad/ or from make_bad.sh goes untested.
for f in "$bad"/* "$TEST_TMP"/gen/*; do
    b=$(basename "$f")
    case "$b" in README.md|make_bad.sh) continue ;; esac
    in_list "$b" "${seen[@]}" || note_fail "$b has no row in tests/data/bad/README.md"
done

for k in "${known[@]}"; do echo "known bug: $k"; done
[ "$rows" -ge 90 ] || note_fail "only $rows rows read from the table"
if [ ${#failures[@]} -gt 0 ]; then
    echo "hostile_input_test: ${#failures[@]} of $n_cases cases failed" >&2
    exit 1
fi
pass "$rows hostile files, $n_cases cases ($n_known known bugs reported above)"
