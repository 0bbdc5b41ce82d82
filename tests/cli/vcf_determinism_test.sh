#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Output is byte-identical for any --threads and for two runs with the same key file, in every
# output type; a different key gives different, unlinkable names; no key gives a fresh key.
source "$(dirname "$0")/lib.sh"
need bcftools
need_eur

make_key a.key
make_key b.key
# A few thousand records so that batches really run in parallel.
bcftools view --no-version "$EUR" >one.vcf
{ cat one.vcf; for shift in 1 2 3; do grep -v '^#' one.vcf | awk -v s=$shift 'BEGIN{OFS="\t"}{$2=$2+s*30000000; print}'; done; } >in.vcf
bcftools view --no-version -Oz -o in.vcf.gz in.vcf
bcftools view --no-version -Ob -o in.bcf in.vcf

for input in in.vcf in.vcf.gz in.bcf; do
    for type in v z b; do
        for t in 1 2 4; do
            "$GENOVEIL" vcf --key-file a.key --fill-tags AC,AN,AF,NS --min-mac 2 -@ "$t" -O "$type" -o "o.$t" "$input"
        done
        cmp -s o.1 o.2 || fail "$input -O$type: --threads 1 and 2 differ"
        cmp -s o.1 o.4 || fail "$input -O$type: --threads 1 and 4 differ"
        mv o.1 "first.$input.$type"
    done
done
pass "byte-identical for --threads 1, 2, 4 (VCF, bgzf, BCF in; v, z, b out)"

"$GENOVEIL" vcf --key-file a.key -Oz -@ 2 -o again.gz in.vcf.gz
"$GENOVEIL" vcf --key-file a.key -Oz -@ 2 -o again2.gz in.vcf.gz
cmp -s again.gz again2.gz || fail "two runs with the same key differ"
pass "two runs with the same key are byte-identical"

"$GENOVEIL" vcf --key-file b.key -o b.vcf in.vcf
"$GENOVEIL" vcf --key-file a.key -o a.vcf in.vcf
[ -z "$(comm -12 <(bcftools query -l a.vcf | sort) <(bcftools query -l b.vcf | sort))" ] || fail "two keys share a pseudonym"
"$GENOVEIL" vcf -o e1.vcf in.vcf
"$GENOVEIL" vcf -o e2.vcf in.vcf
[ -z "$(comm -12 <(bcftools query -l e1.vcf | sort) <(bcftools query -l e2.vcf | sort))" ] || fail "ephemeral keys repeat"
pass "different keys (and runs without a key) give unlinkable pseudonyms"

# GENOVEIL_KEY_FILE stands in for --key-file.
GENOVEIL_KEY_FILE=a.key "$GENOVEIL" vcf -o env.vcf in.vcf
cmp -s <(grep -v '^##genoveil_vcfCommand' env.vcf) <(grep -v '^##genoveil_vcfCommand' a.vcf) || fail "GENOVEIL_KEY_FILE not used"
pass "GENOVEIL_KEY_FILE"
