#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Interruption and resource faults, for `vcf` and `reads`:
#  - SIGINT / SIGTERM / SIGHUP while the run is paused mid-stream on a FIFO: the temporary output
#    is removed and the process dies of that signal (non-zero status);
#  - `genoveil ... | head -n1` on a large input ends quietly (no stderr; SIGPIPE status is fine);
#  - /dev/full as output file and as standard output: exit 1 and one clear line;
#  - unreadable input, a directory as input, a missing output directory: exit 1, one line.
source "$(dirname "$0")/lib.sh"
need python3 timeout mkfifo

mkdir -p data out
# A large VCF (about 12 MB, 40k records x 100 samples) and a large SAM (about 20 MB).
python3 - data/big.vcf <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n")
    f.write("##contig=<ID=chr1,length=100000000>\n")
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join("S%03d" % i for i in range(100)) + "\n")
    gts = ["0/0", "0/1", "1/1", "0|1"]
    for i in range(40000):
        f.write("chr1\t%d\trs%d\tA\tG\t50\tPASS\t.\tGT\t%s\n" % (100 + 7 * i, i, "\t".join(gts[(i * 7 + s) % 4] for s in range(100))))
PY
python3 "$TEST_DATA/reads/gen_reads.py" --pairs 60000 data/big.sam data/ref.fa
head -n 2000 data/big.vcf >data/part.vcf
head -n 2000 data/big.sam >data/part.sam

# wait_for_temp DIR: until a temporary file (.NAME.tmp.XXXXXX) appears in DIR (20 s at most).
wait_for_temp() {
    local i
    for i in $(seq 200); do
        compgen -G "$1/.*.tmp.*" >/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# interrupted CMD SIGNAL PART OUTNAME EXTRA...: feed PART through a FIFO and then hold the FIFO
# open, so the run is mid-stream; signal it; check status and the output directory.
interrupted() {
    local cmd=$1 sig=$2 part=$3 name=$4
    shift 4
    rm -rf out fifo
    mkdir out
    mkfifo fifo
    (cat "$part"; sleep 60) >fifo &
    local feeder=$!
    "$GENOVEIL" "$cmd" -q "$@" -o "out/$name" --report out/r.json fifo 2>"$CAP/stderr" &
    local pid=$!
    wait_for_temp out || { kill -9 "$pid" "$feeder" 2>/dev/null; fail "$cmd: no temporary output appeared"; }
    sleep 0.5  # let it consume what the FIFO had
    kill -0 "$pid" 2>/dev/null || fail "$cmd: ended before the signal"
    kill -"$sig" "$pid"
    local rc=0
    timeout 20 tail --pid="$pid" -f /dev/null || fail "$cmd: still running 20 s after SIG$sig"
    wait "$pid" || rc=$?
    kill "$feeder" 2>/dev/null || true
    wait "$feeder" 2>/dev/null || true
    [ "$rc" -ne 0 ] || fail "$cmd SIG$sig: exit status 0"
    local signum
    signum=$(kill -l "$sig")
    [ "$rc" -eq $((128 + signum)) ] || fail "$cmd SIG$sig: status $rc, expected death by the signal ($((128 + signum)))"
    [ -z "$(ls -A out)" ] || fail "$cmd SIG$sig: left behind: $(ls -A out | tr '\n' ' ')"
    pass "$cmd $* SIG$sig mid-stream: status $rc, temporary removed, no output"
}
for sig in INT TERM HUP; do
    interrupted vcf "$sig" data/part.vcf x.vcf.gz
    interrupted reads "$sig" data/part.sam x.bam
done
interrupted vcf INT data/part.vcf x.bcf -@ 3
interrupted reads TERM data/part.sam x.cram -@ 3

# A closed pipe downstream ends the run quietly.
quiet_head() {  # quiet_head CMD INPUT EXTRA...
    local cmd=$1 in=$2
    shift 2
    local rc
    rc=$( { "$GENOVEIL" "$cmd" -q "$@" "$in" 2>"$CAP/stderr"; echo $? >"$CAP/rc"; } | head -n1 >"$CAP/first"; cat "$CAP/rc")
    [ -s "$CAP/first" ] || fail "$cmd | head: no first line"
    [ ! -s "$CAP/stderr" ] || fail "$cmd | head -n1: stderr not empty: $(head -n3 "$CAP/stderr")"
    [ "$rc" -eq 0 ] || [ "$rc" -eq 141 ] || fail "$cmd | head -n1: status $rc (0 or 141 for SIGPIPE expected)"
    pass "$cmd $* | head -n1: quiet, status $rc"
}
quiet_head vcf data/big.vcf
quiet_head vcf data/big.vcf -Ov -@ 3
quiet_head reads data/big.sam
quiet_head reads data/big.sam -@ 3

# A full device: exit 1 and one line that says what happened: ENOSPC where the failing write
# ran on this thread, and "write failed ... is the device full?" where it ran on a compression
# thread (errno is not carried across; a stale errno must never be quoted instead).
full() {  # full CMD INPUT EXTRA...
    local cmd=$1 in=$2
    shift 2
    local where rc
    for where in file stdout; do
        rc=0
        if [ "$where" = file ]; then
            "$GENOVEIL" "$cmd" -q "$@" -o /dev/full "$in" >/dev/null 2>"$CAP/err" || rc=$?
        else
            "$GENOVEIL" "$cmd" -q "$@" "$in" >/dev/full 2>"$CAP/err" || rc=$?
        fi
        [ "$rc" -eq 1 ] || fail "$cmd $* to /dev/full ($where): status $rc, expected 1"
        [ "$(wc -l <"$CAP/err")" -eq 1 ] || fail "$cmd $* to /dev/full ($where): expected one stderr line: $(cat "$CAP/err")"
        grep -qE 'No space left on device|write failed \(I/O error; is the device full\?\)' "$CAP/err" ||
            fail "$cmd $* to /dev/full ($where): message does not say the device is full: $(cat "$CAP/err")"
        [ -z "$(ls -A out)" ] || fail "$cmd to /dev/full: left files in out/"
    done
    pass "$cmd $* to /dev/full (as -o and as stdout): exit 1, one line"
}
rm -rf out && mkdir out
full vcf data/big.vcf
full vcf data/big.vcf -Oz -@ 2
full reads data/big.sam
full reads data/big.sam -O bam -@ 2
full reads data/big.sam -O cram

# Unreadable input: root reads any file, so drop to nobody for this case.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    need setpriv
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
fi
mkdir -p locked && chmod 777 locked
cp data/part.vcf locked/secret.vcf && cp data/part.sam locked/secret.sam
chmod 000 locked/secret.vcf locked/secret.sam
mkdir -p locked/out && chmod 777 locked/out
for c in "vcf secret.vcf x.vcf part.vcf" "reads secret.sam x.bam part.sam"; do
    set -- $c
    expect_clean_failure 1 locked/out "${as_user[@]}" "$GENOVEIL" "$1" -q -o "locked/out/$3" "locked/$2"
    pass "$1: unreadable input: exit 1, one line"
    expect_clean_failure 1 out "$GENOVEIL" "$1" -q -o "out/$3" data
    pass "$1: a directory as input: exit 1, one line"
    expect_clean_failure 1 out "$GENOVEIL" "$1" -q -o "out/no/such/dir/$3" "data/$4"
    pass "$1: missing output directory: exit 1, one line"
done
echo "interrupt_test: ok"
