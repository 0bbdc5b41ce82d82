#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Nothing lost: on real 1000 Genomes genotypes (bio-eagle-examples), every genotype of every kept
# sample and site equals the input's (samples matched through --map-out), and the record count
# equals the input's minus what --min-mac, --exclude-bed, -t and -r removed, each as the report
# says and as bcftools computes independently.
source "$(dirname "$0")/lib.sh"
need bcftools python3
need_eur

make_key k.key
bcftools view --no-version -Oz -o in.vcf.gz "$EUR"
bcftools index -t in.vcf.gz
n_in=$(bcftools view -H in.vcf.gz | wc -l)

# Defaults: every record, every genotype.
"$GENOVEIL" vcf --key-file k.key --map-out map.tsv --report rep.json -Oz -o out.vcf.gz in.vcf.gz
expect_eq "$(stat -c %a map.tsv)" 600 "map mode"
expect_eq "$(head -n1 map.tsv)" "$(printf 'original\tpseudonym')" "map header"
expect_eq "$(($(wc -l <map.tsv) - 1))" "$(bcftools query -l in.vcf.gz | wc -l)" "map rows"
# The map is in input order, so selecting the pseudonyms in that order restores the input's columns.
tail -n +2 map.tsv | cut -f2 >pseudonyms.txt
tail -n +2 map.tsv | cut -f1 | diff -q - <(bcftools query -l in.vcf.gz) >/dev/null || fail "map not in input order"
bcftools query -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' in.vcf.gz >in.gt
bcftools view -S pseudonyms.txt out.vcf.gz | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' >out.gt
cmp -s in.gt out.gt || fail "genotypes differ after mapping pseudonyms back ($(diff in.gt out.gt | head -c 300))"
# The default order is a keyed shuffle, not the input order.
bcftools query -l out.vcf.gz | diff -q - pseudonyms.txt >/dev/null && fail "samples were not shuffled"
expect_eq "$(json rep.json "r['records']['read']")" "$n_in" "report records read"
expect_eq "$(json rep.json "r['records']['written']")" "$n_in" "report records written"
pass "all $n_in records and $(wc -l <pseudonyms.txt) samples' genotypes identical"

# --min-mac: the same sites bcftools keeps with -c INT:minor (all sites are biallelic here).
"$GENOVEIL" vcf --key-file k.key --min-mac 20 --report mac.json -o mac.vcf in.vcf.gz
want=$(bcftools view -H -c 20:minor in.vcf.gz | wc -l)
got=$(grep -vc '^#' mac.vcf)
expect_eq "$got" "$want" "--min-mac 20 record count"
expect_eq "$(json mac.json "r['records']['removed']['min_mac']")" "$((n_in - want))" "report min_mac"
cmp -s <(bcftools view -H -c 20:minor in.vcf.gz | cut -f1-5) <(grep -v '^#' mac.vcf | cut -f1-5) || fail "--min-mac kept other sites"
pass "--min-mac removed $((n_in - want)), as bcftools -c 20:minor"

# --exclude-bed: drop records overlapping the intervals.
printf '21\t38400000\t38600000\n22\t17000000\t17100000\n' >sensitive.bed
"$GENOVEIL" vcf --key-file k.key --exclude-bed sensitive.bed --report bed.json -o bed.vcf in.vcf.gz
want=$(bcftools view -H -T ^sensitive.bed in.vcf.gz | wc -l)
expect_eq "$(grep -vc '^#' bed.vcf)" "$want" "--exclude-bed record count"
expect_eq "$(json bed.json "r['records']['removed']['exclude_bed']")" "$((n_in - want))" "report exclude_bed"
[ "$want" -lt "$n_in" ] || fail "the BED removed nothing: test is not testing"
pass "--exclude-bed removed $((n_in - want))"

# -t (streaming) and -r (index jump).
"$GENOVEIL" vcf --key-file k.key -t 22 --report t.json -o t.vcf in.vcf.gz
want=$(bcftools view -H -t 22 in.vcf.gz | wc -l)
expect_eq "$(grep -vc '^#' t.vcf)" "$want" "-t record count"
expect_eq "$(json t.json "r['records']['removed']['targets']")" "$((n_in - want))" "report targets"
"$GENOVEIL" vcf --key-file k.key -r 21:38000000-40000000,22 --report r.json -o r.vcf in.vcf.gz
want=$(bcftools view -H -r 21:38000000-40000000,22 in.vcf.gz | wc -l)
expect_eq "$(grep -vc '^#' r.vcf)" "$want" "-r record count"
expect_eq "$(json r.json "r['records']['removed']['regions']")" "$((n_in - want))" "report regions"
# Overlapping regions return each record once.
"$GENOVEIL" vcf --key-file k.key -r 22:1-17000000,22:16000000-18000000 -o r2.vcf in.vcf.gz
expect_eq "$(grep -vc '^#' r2.vcf)" "$(bcftools view -H -r 22 in.vcf.gz | wc -l)" "overlapping -r"
pass "-t and -r select what bcftools selects; the report counts what they removed"

# All of them at once: the counts add up.
"$GENOVEIL" vcf --key-file k.key --min-mac 15 --exclude-bed sensitive.bed -t ^22:17200000-17300000 --report all.json -o all.vcf in.vcf.gz
python3 - all.json "$(grep -vc '^#' all.vcf)" "$n_in" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); out = int(sys.argv[2]); n = int(sys.argv[3])
rm = r['records']['removed']
total = rm['min_mac'] + rm['exclude_bed'] + rm['targets']
assert r['records']['read'] == n, r
assert r['records']['written'] == out, (r, out)
assert n - total == out, (n, rm, out)
assert min(rm['min_mac'], rm['exclude_bed'], rm['targets']) > 0, rm
PY
pass "combined filters: read - removed == written"

# bcftools reads every output type of the real data without a warning, index included.
for type in v z b u; do
    "$GENOVEIL" vcf --key-file k.key -O "$type" -o "real.$type" in.vcf.gz
    bcftools view --no-version "real.$type" 2>warn.txt | grep -vc '^#' >n.txt
    [ ! -s warn.txt ] || fail "bcftools warned on -O$type: $(head -c 300 warn.txt)"
    expect_eq "$(cat n.txt)" "$n_in" "-O$type records"
done
"$GENOVEIL" vcf --key-file k.key -Oz -W -o real.idx.vcf.gz in.vcf.gz
bcftools index -n real.idx.vcf.gz >n.txt 2>warn.txt
[ ! -s warn.txt ] || fail "bcftools index warned: $(cat warn.txt)"
expect_eq "$(cat n.txt)" "$n_in" "records counted through the index"
pass "bcftools reads -Ov/-Oz/-Ob/-Ou outputs and the index without warnings"
