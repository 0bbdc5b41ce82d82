#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad input (issue 3): truncated BAM, garbage, SAM with a bad CIGAR, CRAM without its reference,
# a reference missing a read's contig, malformed aux data: exit 1, exactly one line on stderr,
# no output file and no temporary left behind. Usage mistakes: exit 2, same cleanliness.
source "$(dirname "$0")/lib.sh"
need samtools python3

mkdir -p data out
python3 "$TEST_DATA/reads/gen_reads.py" --pairs 400 data/in.sam data/ref.fa
samtools faidx data/ref.fa
samtools view -b -o data/in.bam data/in.sam
make_key data/k.key

run_fail() {  # run_fail CODE ARGS...: output into out/, which must stay empty
    local code=$1
    shift
    expect_clean_failure "$code" out "$GENOVEIL" reads -q "$@" -o out/result.bam --report out/report.json --map-out out/map.tsv
}

# Truncated BAM: as a file (no EOF marker) and as a stream (cut mid-record).
size=$(stat -c %s data/in.bam)
head -c $((size / 2)) data/in.bam >data/trunc.bam
run_fail 1 data/trunc.bam
expect_clean_failure 1 out bash -c "cat data/trunc.bam | '$GENOVEIL' reads -q -o out/result.bam -"
# A stream that ends cleanly between BGZF blocks but without the end-of-file marker, and
# truncated CRAM (samtools-test quickcheck fixtures), as files and as streams.
Q=/usr/share/samtools/test/quickcheck
[ -r $Q/1.quickcheck.badeof.bam ] || fail "samtools-test is not installed (scripts/install-deps)"
expect_clean_failure 1 out bash -c "'$GENOVEIL' reads -q -o out/result.bam - <$Q/1.quickcheck.badeof.bam"
run_fail 1 $Q/1.quickcheck.badeof.bam
run_fail 1 $Q/5.quickcheck.scramble30.truncated.cram
expect_clean_failure 1 out bash -c "'$GENOVEIL' reads -q -o out/result.bam - <$Q/5.quickcheck.scramble30.truncated.cram"
pass "truncated BAM and CRAM (files and streams)"

# Garbage, empty input, a VCF.
head -c 5000 /dev/urandom >data/garbage.bin
run_fail 1 data/garbage.bin
grep -q 'garbage.bin: not a SAM, BAM or CRAM file' "$CAP/last_stderr" || fail "garbage is not named as such: $(cat "$CAP/last_stderr")"
printf 'this is not\tan alignment file\n' >data/garbage.txt
run_fail 1 data/garbage.txt
: >data/empty.sam
run_fail 1 data/empty.sam
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' >data/x.vcf
run_fail 1 data/x.vcf
pass "garbage, empty and VCF input"

# SAM with a bad CIGAR, and with a CIGAR that does not match SEQ.
awk 'BEGIN{OFS="\t"} !/^@/ && ++n == 50 {$6 = "10M5Q"} {print}' data/in.sam >data/badcigar.sam
run_fail 1 data/badcigar.sam
awk 'BEGIN{OFS="\t"} !/^@/ && ++n == 50 && $6 != "*" {$6 = "7M"} {print}' data/in.sam >data/lencigar.sam
run_fail 1 data/lencigar.sam
# An aux field with an unknown type.
awk 'BEGIN{OFS="\t"} !/^@/ && ++n == 60 {$0 = $0 "\tXY:Q:1"} {print}' data/in.sam >data/badaux.sam
run_fail 1 data/badaux.sam
pass "bad CIGAR and bad aux fields"

# CRAM that needs its reference, with the reference gone (htslib would otherwise try the EBI).
mkdir -p data/refdir
cp data/ref.fa data/refdir/ref.fa
samtools view -C -T data/refdir/ref.fa -o data/refbased.cram data/in.bam
rm -rf data/refdir
expect_clean_failure 1 out env -u REF_PATH -u REF_CACHE HOME="$TEST_TMP/data" \
    "$GENOVEIL" reads -q data/refbased.cram -o out/result.bam
[ ! -e data/.cache/hts-ref ] || fail "htslib created a reference cache (a network lookup was attempted)"
# With --reference the same file decodes.
"$GENOVEIL" reads -q --reference data/ref.fa data/refbased.cram -o data/fromcram.bam
expect_eq "$(samtools view -c data/fromcram.bam)" "$(samtools view -c data/in.bam)" "CRAM decoded with --reference"
pass "CRAM without its reference fails cleanly, with it decodes"

# Reference missing the contig of some reads.
samtools faidx data/ref.fa chrA >data/chrA.fa
samtools faidx data/chrA.fa
run_fail 1 --mask-variants --reference data/chrA.fa data/in.bam
# ... fine when those reads are filtered out first.
"$GENOVEIL" reads -q --mask-variants --reference data/chrA.fa -t ^chrB --drop-unmapped data/in.bam -o data/onlyA.bam
[ "$(samtools view -c data/onlyA.bam)" -gt 0 ] || fail "filtered masking wrote nothing"
pass "reference missing a read's contig"

# Usage and environment errors.
run_fail 2 --mask-variants data/in.bam
run_fail 2 --keep-tags RG --drop-tags BC data/in.bam
run_fail 2 -O vcf data/in.bam
run_fail 2 --keep-tags RGX data/in.bam
run_fail 2 --qual-bins illumina9 data/in.bam
run_fail 2 -r chrA data/in.sam
chmod 644 data/k.key
run_fail 1 --key-file data/k.key data/in.bam
chmod 600 data/k.key
touch data/existing.map
expect_clean_failure 1 out "$GENOVEIL" reads -q data/in.bam -o out/result.bam --map-out data/existing.map
[ ! -s data/existing.map ] || fail "an existing map was overwritten"
expect_clean_failure 1 out "$GENOVEIL" reads -q data/in.bam -o out/no/such/dir/result.bam
expect_clean_failure 1 out "$GENOVEIL" reads -q data/missing.bam -o out/result.bam
pass "usage and environment errors"
echo "reads_bad_input_test: ok"
