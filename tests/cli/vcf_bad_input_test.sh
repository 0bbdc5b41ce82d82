#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad input: exit 1, exactly one line on stderr naming file (and record where there is one),
# and no output file or temporary file left behind. Usage errors exit 2 the same way.
source "$(dirname "$0")/lib.sh"
need bcftools bgzip
need_eur

make_key k.key
mkdir out
bcftools view --no-version -Oz -o good.vcf.gz "$EUR"
size=$(stat -c %s good.vcf.gz)
head -c $((size / 2)) good.vcf.gz >truncated.vcf.gz
head -c $((size - 28)) good.vcf.gz >no_eof.vcf.gz          # cut exactly the BGZF EOF block
head -c 200000 /dev/urandom >garbage.bin 2>/dev/null || dd if=/dev/urandom of=garbage.bin bs=1000 count=200 2>/dev/null
: >empty.vcf
fixture="$TEST_DATA/vcf/leak.vcf"
awk 'BEGIN{FS=OFS="\t"} !/^#/ && NR>0 && ++n==2 {NF=NF-1} {print}' "$fixture" >few_columns.vcf
awk 'BEGIN{FS=OFS="\t"} !/^#/ && ++n==3 {$0=$0"\t0/0"} {print}' "$fixture" >many_columns.vcf
sed 's/\tGT:DP:SID\t/\tGT:XX:SID\t/' "$fixture" >undefined_format.vcf
grep -v '^#CHROM' "$fixture" >no_chrom_line.vcf
sed 's/^chr2\t500/chrUn\t500/' "$fixture" >undefined_contig.vcf
sed 's/\t0|1:10:/\t0|7:10:/' "$fixture" >bad_allele.vcf
sed 's/\t0|1:10:/\tA|B:10:/' "$fixture" >bad_gt.vcf
sed 's/\tLowQual\t/\tNoSuchFilter\t/' "$fixture" >undefined_filter.vcf
sed 's/^chr1\t1000\t/chr1\tx1000\t/' "$fixture" >bad_pos.vcf
cp k.key open.key && chmod 644 open.key
head -c 31 k.key >short.key && chmod 600 short.key

check() {  # check NAME EXPECTED_CODE ARGS...
    local name=$1 code=$2; shift 2
    expect_clean_failure "$code" out "$GENOVEIL" vcf "$@"
    pass "$name: exit $code, one stderr line, nothing left in the output directory"
}
for f in truncated.vcf.gz no_eof.vcf.gz garbage.bin empty.vcf few_columns.vcf many_columns.vcf \
         undefined_format.vcf no_chrom_line.vcf undefined_contig.vcf bad_allele.vcf bad_gt.vcf \
         undefined_filter.vcf bad_pos.vcf; do
    check "$f" 1 --key-file k.key -Oz -W --map-out out/map.tsv --report out/r.json -o out/x.vcf.gz "$f"
done
check "unreadable key file (mode 644)" 1 --key-file open.key -o out/x.vcf "$fixture"
check "short key file" 1 --key-file short.key -o out/x.vcf "$fixture"
check "missing key file" 1 --key-file nope.key -o out/x.vcf "$fixture"
check "missing input" 1 -o out/x.vcf nope.vcf
check "output directory missing" 1 -o out/no/such/dir.vcf "$fixture"
check "unknown option" 2 --no-such-option -o out/x.vcf "$fixture"
check "bad -O" 2 -O q -o out/x.vcf "$fixture"
check "-W to stdout" 2 -W "$fixture"
check "-W on plain VCF" 2 -W -o out/x.vcf "$fixture"
check "unknown fill tag" 2 --fill-tags XY -o out/x.vcf "$fixture"
check "unknown sample" 2 -s nobody -o out/x.vcf "$fixture"
check "bad region" 2 -r chr1:x-y -o out/x.vcf.gz good.vcf.gz
check "unknown policy" 2 --policy nosuch -o out/x.vcf "$fixture"

# Messages name the file and the record.
"$GENOVEIL" vcf few_columns.vcf >/dev/null 2>msg || true
grep -q 'few_columns.vcf: record 2: samples: fewer sample columns' msg || fail "message does not name file, record and field: $(cat msg)"
"$GENOVEIL" vcf undefined_format.vcf >/dev/null 2>msg || true
grep -q 'record 1: FORMAT: key not defined' msg || fail "undefined FORMAT message: $(cat msg)"
"$GENOVEIL" vcf garbage.bin >/dev/null 2>msg || true
grep -q 'garbage.bin: not a VCF or BCF file' msg || fail "garbage message: $(cat msg)"
pass "messages name file, record and field"

# The map is never overwritten.
echo keep >out/map.tsv
expect_clean_failure 1 out "$GENOVEIL" vcf --map-out out/map.tsv -o out/y.vcf "$fixture"
expect_eq "$(cat out/map.tsv)" keep "existing map"
pass "an existing map file is never overwritten"

# A write to a full device fails with exit 1.
rc=0; "$GENOVEIL" vcf -o /dev/full "$EUR" 2>err || rc=$?
[ "$rc" -eq 1 ] || fail "/dev/full: exit $rc"
pass "/dev/full: exit 1 ($(cat err))"
