#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Output is byte-identical for --threads 1 and --threads 4 (and 2), for SAM, BAM, CRAM, with
# masking, counter names and an index, and across two runs with the same key file.
source "$(dirname "$0")/lib.sh"
need samtools python3

python3 "$TEST_DATA/reads/gen_reads.py" --pairs 12000 --seed 11 in.sam ref.fa
samtools faidx ref.fa
samtools view -b -o in.bam in.sam
make_key k.key

run() {  # run NAME THREADS ARGS...
    local name=$1 t=$2
    shift 2
    "$GENOVEIL" reads -q --key-file k.key -@ "$t" "$@" --report "$name.$t.json" -o "$name.$t.${name##*_}"
}
cases=(
    "def_bam|in.bam"
    "def_sam|in.sam"
    "def_cram|in.bam"
    "mask_bam|--mask-variants --reference ref.fa --keep-tags RG,MC,SA,NM,MD in.bam"
    "trim_bam|--mask-variants --soft-clips trim --reference ref.fa --qual-bins illumina8 in.sam"
    "counter_bam|--read-names counter --drop-tags BC,RX in.bam"
    "idx_bam|-W in.bam"
)
for c in "${cases[@]}"; do
    name=${c%%|*}
    read -r -a args <<<"${c#*|}"
    for t in 1 4 2; do run "$name" "$t" "${args[@]}"; done
    ext=${name##*_}
    cmp "$name.1.$ext" "$name.4.$ext" || fail "$name: -@1 and -@4 outputs differ"
    cmp "$name.1.$ext" "$name.2.$ext" || fail "$name: -@1 and -@2 outputs differ"
    cmp "$name.1.json" "$name.4.json" || fail "$name: -@1 and -@4 reports differ"
    [ "$(samtools view -c "$name.1.$ext")" -gt 20000 ] || fail "$name: output too small to test threading"
done
cmp idx_bam.1.bam.csi idx_bam.4.bam.csi || fail "-W: indexes differ between thread counts"
pass "byte-identical output for 1, 2 and 4 threads (SAM, BAM, CRAM, masking, counter, index)"

"$GENOVEIL" reads -q --key-file k.key -@ 1 in.bam --report again.json -o again.bam
cmp again.bam def_bam.1.bam || fail "two runs with the same key differ"
"$GENOVEIL" reads -q in.bam -o eph1.sam
"$GENOVEIL" reads -q in.bam -o eph2.sam
if cmp -s <(samtools view eph1.sam | cut -f1) <(samtools view eph2.sam | cut -f1); then
    fail "ephemeral keys gave the same names twice"
fi
pass "same key reproduces the bytes; ephemeral keys do not link"
echo "reads_threads_test: ok"
