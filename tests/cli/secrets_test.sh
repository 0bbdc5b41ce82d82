#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Secrets hygiene (issue 5), for every command:
#  - keys only from a file: no option takes a key value, and argv/environ of a running genoveil
#    hold the key file's name, never its bytes;
#  - the key's bytes (raw, hex, base64, base32, at every alignment) appear in no output, header,
#    provenance, report, map, stdout or stderr, of successful and of failing runs;
#  - core dumps are off once a key is loaded (RLIMIT_CORE 0 and not dumpable), checked on a
#    running process paused on a FIFO;
#  - key and map files are created 0600 (whatever the umask) and never overwritten;
#  - temporaries are created 0600, hidden, in the output's own directory.
source "$(dirname "$0")/lib.sh"
need python3 bcftools samtools bgzip setpriv

mkdir -p data outs
# A planted key of printable bytes (easy to find if quoted anywhere) and a random one.
printf 'GENOVEIL-PLANTED-SECRET-KEY-0042' >planted.key
chmod 600 planted.key
make_key random.key
python3 "$TEST_DATA/reads/gen_reads.py" --pairs 200 data/in.sam data/ref.fa
samtools faidx data/ref.fa
samtools view --no-PG -b -o data/in.bam data/in.sam
vcf="$TEST_DATA/vcf/leak.vcf"

# scan KEYFILE FILE...: fail when any form of the key occurs in any file.
scan() {
    python3 - "$@" <<'PY' || fail "key material found (see above)"
import base64, binascii, sys
key = open(sys.argv[1], "rb").read()
assert len(key) == 32
needles = {"raw": key, "raw-16": key[:16], "raw-16b": key[16:]}
needles["hex"] = binascii.hexlify(key)
needles["HEX"] = needles["hex"].upper()
for off in range(3):  # base64 of a key embedded anywhere in a longer stream
    chunk = key[off:off + 27]
    needles["b64@%d" % off] = base64.b64encode(chunk)
    needles["b64url@%d" % off] = base64.urlsafe_b64encode(chunk)
for off in range(5):
    needles["b32@%d" % off] = base64.b32encode(key[off:off + 25]).rstrip(b"=")
    needles["b32lc@%d" % off] = needles["b32@%d" % off].lower()
bad = False
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    for name, n in needles.items():
        if n and n in data:
            print("key material (%s) in %s" % (name, path), file=sys.stderr)
            bad = True
sys.exit(1 if bad else 0)
PY
}

# run_all KEYFILE TAG: run every command (successes and failures), keep every byte it produced,
# decoded where it is compressed or binary.
run_all() {
    local key=$1 tag=$2 d="outs/$2"
    rm -rf "$d"
    mkdir -p "$d"
    local n=0
    run() {  # run NAME ARGS...: stdout, stderr kept; any status accepted
        n=$((n + 1))
        local name=$1
        shift
        "$GENOVEIL" "$@" >"$d/$n.$name.stdout" 2>"$d/$n.$name.stderr" || true
    }
    run vcf-v vcf --key-file "$key" -o "$d/a.vcf" --report "$d/a.json" --map-out "$d/a.map" "$vcf"
    run vcf-z vcf --key-file "$key" -Oz -W -o "$d/b.vcf.gz" --report "$d/b.json" "$vcf"
    run vcf-b vcf --key-file "$key" -Ob -o "$d/c.bcf" --fill-tags AC,AN --keep-info DP "$vcf"
    run vcf-stdout vcf --key-file "$key" --keep-order --sites-only "$vcf"
    GENOVEIL_KEY_FILE=$key run vcf-env vcf -o "$d/e.vcf" --report "$d/e.json" "$vcf"
    run vcf-bad-input vcf --key-file "$key" -o "$d/f.vcf" "$SOURCE_DIR/tests/data/bad/gt_identifier.vcf"
    run vcf-bad-option vcf --key-file "$key" --no-such-option "$vcf"
    run vcf-key-as-input vcf --key-file "$key" "$key"
    run vcf-key-as-policy vcf --key-file "$key" --policy "$key" "$vcf"
    run vcf-key-as-samples vcf --key-file "$key" -S "$key" "$vcf"
    run vcf-key-as-regions vcf --key-file "$key" -T "$key" "$vcf"
    run vcf-key-as-bed vcf --key-file "$key" --exclude-bed "$key" "$vcf"
    run reads-sam reads --key-file "$key" -o "$d/g.sam" --report "$d/g.json" --map-out "$d/g.map" data/in.sam
    run reads-bam reads --key-file "$key" -W -o "$d/h.bam" --mask-variants --reference data/ref.fa data/in.bam
    run reads-cram reads --key-file "$key" -o "$d/i.cram" --read-names counter data/in.bam
    run reads-stdout reads --key-file "$key" data/in.bam
    GENOVEIL_KEY_FILE=$key run reads-env reads -o "$d/j.sam" data/in.sam
    run reads-bad-input reads --key-file "$key" -o "$d/k.bam" "$SOURCE_DIR/tests/data/bad/cigar_longer_than_seq.sam"
    run reads-key-as-input reads --key-file "$key" "$key"
    run reads-key-as-reference reads --key-file "$key" --mask-variants --reference "$key" data/in.bam
    run reads-key-as-regions reads --key-file "$key" -T "$key" data/in.bam
    run policy-check-key policy check "$key"
    run policy-show-key policy show "$key"
    run policy-list policy list
    run keygen keygen pseudonym -o "$d/new.key"
    run keygen-existing keygen pseudonym -o "$key"
    run help-vcf help vcf
    run version --version
    # Decode what is compressed or binary.
    [ ! -s "$d/b.vcf.gz" ] || bgzip -dc "$d/b.vcf.gz" >"$d/b.vcf.txt"
    [ ! -s "$d/c.bcf" ] || bcftools view "$d/c.bcf" >"$d/c.bcf.txt"
    [ ! -s "$d/h.bam" ] || samtools view -h "$d/h.bam" >"$d/h.bam.txt"
    [ ! -s "$d/i.cram" ] || samtools view -h "$d/i.cram" >"$d/i.cram.txt"
    local produced
    produced=$(ls "$d" | wc -l)
    [ "$produced" -gt 60 ] || fail "$tag: only $produced files produced"
    scan "$key" $(find "$d" -type f ! -name new.key)
    pass "$tag key: no trace in $(find "$d" -type f | wc -l) outputs of $n runs (raw, hex, base64, base32)"
}
run_all planted.key planted
run_all random.key random
# keygen: the new key's bytes are in its file only, not in what keygen printed.
scan outs/random/new.key outs/random/*keygen*.std*
pass "keygen prints nothing of the key it makes"

# No option takes a key value; only files and the environment.
for cmd in vcf reads; do
    "$GENOVEIL" "$cmd" --help >help.txt
    grep -Eq -- '--key-file' help.txt || fail "$cmd: no --key-file option"
    if grep -Eo -- '--[a-z-]*key[a-z-]*' help.txt | grep -vx -- '--key-file' >/dev/null; then
        fail "$cmd: an option other than --key-file mentions a key: $(grep -Eo -- '--[a-z-]*key[a-z-]*' help.txt | sort -u | tr '\n' ' ')"
    fi
    expect_clean_failure 2 outs "$GENOVEIL" "$cmd" --key "$(cat planted.key)" "$vcf"
done
pass "keys are taken only from a file (--key-file or GENOVEIL_KEY_FILE)"

# A running genoveil, paused on a FIFO after loading its key: argv/environ, core dumps, and the
# temporaries it has created.
paused() {  # paused CMD HEAD_INPUT OUT_NAME AS_USER...: start, wait for the temporaries
    local cmd=$1 part=$2 name=$3
    shift 3
    rm -rf run fifo
    mkdir run
    chmod 777 run
    mkfifo fifo
    chmod 666 fifo
    (cat "$part"; sleep 60) >fifo &
    feeder=$!
    (umask 000; exec "$@" env GENOVEIL_KEY_FILE="$TEST_TMP/user.key" "$GENOVEIL" "$cmd" -q \
        -o "run/$name" --map-out run/map.tsv --report run/r.json fifo) 2>"$CAP/paused.err" &
    pid=$!
    local i
    for i in $(seq 200); do
        [ "$(ls -A run | grep -c '\.tmp\.')" -ge 3 ] && break
        sleep 0.1
    done
    [ "$(ls -A run | grep -c '\.tmp\.')" -ge 3 ] || { kill "$pid" "$feeder"; fail "$cmd: temporaries did not appear: $(ls -A run)"; }
    # The genoveil process itself (env execs into it, setpriv too).
    for i in $(seq 50); do
        [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$GENOVEIL")" ] && break
        sleep 0.1
    done
}
finish() {
    kill "$pid" "$feeder" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    wait "$feeder" 2>/dev/null || true
    [ -z "$(ls -A run)" ] || fail "temporaries left after the run was killed: $(ls -A run)"
}
head -n 40 "$vcf" >data/part.vcf
head -n 300 data/in.sam >data/part.sam
as_nobody=()
[ "$(id -u)" -ne 0 ] || as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
cp planted.key user.key
[ "$(id -u)" -ne 0 ] || chown 65534 user.key
chmod 600 user.key
chmod 755 .
for c in "vcf data/part.vcf x.vcf.gz" "reads data/part.sam x.bam"; do
    set -- $c
    paused "$1" "$2" "$3" "${as_nobody[@]}"
    # Temporaries: hidden, beside the outputs, 0600 although the umask is 000.
    for t in run/.*.tmp.*; do
        [ "$(stat -c %a "$t")" = 600 ] || fail "$1: temporary $t has mode $(stat -c %a "$t")"
    done
    compgen -G "run/.$3.tmp.*" >/dev/null || fail "$1: no temporary of the output beside it: $(ls -A run)"
    compgen -G "run/.map.tsv.tmp.*" >/dev/null || fail "$1: no temporary of the map beside it"
    # Core dumps off: RLIMIT_CORE 0 and not dumpable (a non-dumpable process's /proc entries
    # belong to root even when it runs as another user).
    grep -E '^Max core file size +0 +0 ' "/proc/$pid/limits" >/dev/null || fail "$1: core dumps not disabled: $(grep core "/proc/$pid/limits")"
    if [ "${#as_nobody[@]}" -gt 0 ]; then
        [ "$(awk '/^Uid:/{print $2}' "/proc/$pid/status")" = 65534 ] || fail "$1: not running as nobody"
        [ "$(stat -c %u "/proc/$pid/environ")" = 0 ] || fail "$1: the process is dumpable (its /proc entries belong to uid $(stat -c %u "/proc/$pid/environ"))"
    fi
    # argv and environ name the key file, never hold the key.
    tr '\0' '\n' <"/proc/$pid/cmdline" >argv.txt
    tr '\0' '\n' <"/proc/$pid/environ" >environ.txt
    scan planted.key argv.txt environ.txt
    grep -q 'user.key' environ.txt || fail "$1: GENOVEIL_KEY_FILE not seen in the environment"
    finish
    pass "$1: paused mid-stream: 0600 hidden temporaries beside the outputs, core dumps off, no key on argv or environ"
done

# Key and map files: 0600 whatever the umask, never overwritten.
rm -rf perm && mkdir perm
(umask 000; "$GENOVEIL" keygen pseudonym -o perm/k.key 2>/dev/null)
expect_eq "$(stat -c %a perm/k.key)" 600 "keygen mode with umask 000"
cp perm/k.key perm/k.copy
expect_clean_failure 1 perm "$GENOVEIL" keygen pseudonym -o perm/k.key
cmp -s perm/k.key perm/k.copy || fail "keygen overwrote an existing key"
(umask 000; "$GENOVEIL" vcf -q --key-file perm/k.key --map-out perm/v.map -o perm/v.vcf "$vcf")
(umask 000; "$GENOVEIL" reads -q --key-file perm/k.key --map-out perm/r.map -o perm/r.bam data/in.sam)
expect_eq "$(stat -c %a perm/v.map)" 600 "vcf map mode with umask 000"
expect_eq "$(stat -c %a perm/r.map)" 600 "reads map mode with umask 000"
cp perm/v.map perm/v.copy
expect_clean_failure 1 perm "$GENOVEIL" vcf -q --key-file perm/k.key --map-out perm/v.map -o perm/v2.vcf "$vcf"
expect_clean_failure 1 perm "$GENOVEIL" reads -q --key-file perm/k.key --map-out perm/v.map -o perm/r2.bam data/in.sam
cmp -s perm/v.map perm/v.copy || fail "a map file was overwritten"
pass "key and map files: 0600 with umask 000, never overwritten"
echo "secrets_test: ok"
