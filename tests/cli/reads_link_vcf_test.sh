#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One key, one person, one pseudonym (DESIGN.md 2.4): the @RG SM that `genoveil reads` writes
# equals the sample name `genoveil vcf` writes for the same original name under the same key
# file; another key gives another pseudonym; --map-out of both agree.
source "$(dirname "$0")/lib.sh"
need samtools python3

python3 "$TEST_DATA/reads/gen_reads.py" --pairs 50 in.sam ref.fa
cat >in.vcf <<'VCF'
##fileformat=VCFv4.2
##contig=<ID=chrA,length=60000>
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	PATIENT_SECRET_0042	OTHER_PERSON
chrA	151	.	A	C	50	PASS	.	GT	0/1	0/0
VCF
make_key k1.key
make_key k2.key

"$GENOVEIL" reads -q --key-file k1.key in.sam -o r1.sam --map-out r1.map
"$GENOVEIL" vcf --key-file k1.key in.vcf -o v1.vcf --map-out v1.map
sm=$(grep '^@RG' r1.sam | head -1 | tr '\t' '\n' | sed -n 's/^SM://p')
[[ $sm =~ ^[A-Z2-7]{24}$ ]] || fail "SM is not a pseudonym: '$sm'"
vcf_samples=$(grep '^#CHROM' v1.vcf | cut -f10- | tr '\t' '\n')
grep -qx "$sm" <<<"$vcf_samples" || fail "reads SM $sm is not one of the vcf samples: $vcf_samples"
expect_eq "$(grep -c "^sample:PATIENT_SECRET_0042	$sm\$" r1.map)" "1" "reads map row"
expect_eq "$(grep -c "^PATIENT_SECRET_0042	$sm\$" v1.map)" "1" "vcf map row (same pseudonym)"
# Both read groups carry the same SM; their IDs differ.
expect_eq "$(grep '^@RG' r1.sam | tr '\t' '\n' | grep -c "^SM:$sm\$")" "2" "SM of both read groups"
expect_eq "$(grep '^@RG' r1.sam | cut -f2 | sort -u | wc -l)" "2" "distinct read-group IDs"
pass "reads SM == vcf sample pseudonym under one key"

"$GENOVEIL" reads -q --key-file k2.key in.sam -o r2.sam
sm2=$(grep '^@RG' r2.sam | head -1 | tr '\t' '\n' | sed -n 's/^SM://p')
[ "$sm2" != "$sm" ] || fail "two keys gave the same SM pseudonym"
GENOVEIL_KEY_FILE=k1.key "$GENOVEIL" reads -q in.sam -o r3.sam
sm3=$(grep '^@RG' r3.sam | head -1 | tr '\t' '\n' | sed -n 's/^SM://p')
expect_eq "$sm3" "$sm" "GENOVEIL_KEY_FILE gives the key file's pseudonym"
pass "different keys do not link; GENOVEIL_KEY_FILE works"
echo "reads_link_vcf_test: ok"
