#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each vcf option does what the manual says, checked against bcftools where it can compute the
# same thing, and command-line options override the policy file.
source "$(dirname "$0")/lib.sh"
need bcftools python3
need_eur

fixture="$TEST_DATA/vcf/leak.vcf"
make_key k.key
records() { grep -v '^#' "$1"; }

# --ids
"$GENOVEIL" vcf --ids keep -o keep.vcf "$fixture"
expect_eq "$(records keep.vcf | cut -f3 | tr '\n' ' ')" "rs123;PRIVATEID_777 chr1_2000_JDOE_VAR . rs9999 " "--ids keep"
"$GENOVEIL" vcf --ids drop -o drop.vcf "$fixture"
expect_eq "$(records drop.vcf | cut -f3 | sort -u)" "." "--ids drop"
pass "--ids keep|drop"

# --keep-info / --keep-format keep exactly what is asked, with definitions.
"$GENOVEIL" vcf --keep-info DP,END --keep-format GT,DP --keep-order -o kept.vcf "$fixture"
expect_eq "$(records kept.vcf | cut -f8,9 | tr '\t\n' '| ')" "DP=30|GT:DP DP=25|GT:DP END=3500|GT .|GT " "kept INFO/FORMAT"
grep -q '^##INFO=<ID=DP,' kept.vcf && grep -q '^##INFO=<ID=END,' kept.vcf && grep -q '^##FORMAT=<ID=DP,' kept.vcf || fail "definitions of kept fields missing"
grep -q 'ID=NOTE' kept.vcf && fail "definition of a dropped INFO field kept"
expect_eq "$(records kept.vcf | head -n1 | cut -f10-)" "$(printf '0|1:10\t0/0:12\t1/1:8')" "kept FORMAT values"
pass "--keep-info, --keep-format"

# --sites-only, --fill-tags: same AC/AN/AF/NS as bcftools +fill-tags on the genotypes.
"$GENOVEIL" vcf --key-file k.key --fill-tags AC,AN,AF,NS -o filled.vcf "$EUR"
bcftools +fill-tags filled.vcf -- -t AC,AN,AF,NS 2>/dev/null | bcftools query -f '%POS %AC %AN %AF %NS\n' >bcf.tags
bcftools query -f '%POS %AC %AN %AF %NS\n' filled.vcf >ours.tags
cmp -s bcf.tags ours.tags || fail "--fill-tags differ from bcftools +fill-tags: $(diff bcf.tags ours.tags | head -n 4)"
"$GENOVEIL" vcf --key-file k.key --sites-only --fill-tags AC,AN -o sites.vcf "$EUR"
expect_eq "$(bcftools query -l sites.vcf | wc -l)" 0 "--sites-only samples"
cmp -s <(bcftools query -f '%POS %AC %AN\n' sites.vcf) <(cut -d' ' -f1-3 ours.tags) || fail "--sites-only tags differ"
grep -q '^##FORMAT' sites.vcf && fail "--sites-only kept a FORMAT definition"
pass "--fill-tags equals bcftools +fill-tags; --sites-only keeps them without genotypes"

# --unphase
"$GENOVEIL" vcf --unphase --report u.json -o u.vcf "$fixture"
grep -q '|' <(records u.vcf | cut -f10-) && fail "--unphase left a phased genotype"
expect_eq "$(json u.json "r['fields']['genotypes_unphased']")" 1 "report genotypes_unphased"
pass "--unphase"

# -s / -S with ^, and --keep-order.
"$GENOVEIL" vcf --key-file k.key --keep-order --map-out m1.tsv -s MRN00067890,PATIENT_JDOE_1975 -o s.vcf "$fixture"
expect_eq "$(cut -f1 m1.tsv | tail -n +2 | tr '\n' ' ')" "PATIENT_JDOE_1975 MRN00067890 " "-s map rows (input order)"
expect_eq "$(bcftools query -l s.vcf | tr '\n' ' ')" "$(cut -f2 m1.tsv | tail -n +2 | tr '\n' ' ')" "--keep-order columns"
printf 'PATIENT_JDOE_1975\n' >drop.txt
"$GENOVEIL" vcf --key-file k.key --map-out m2.tsv -S ^drop.txt --report s.json -o S.vcf "$fixture"
expect_eq "$(cut -f1 m2.tsv | tail -n +2 | tr '\n' ' ')" "MRN00067890 Sample_JaneRoe_03 " "-S ^file"
expect_eq "$(json s.json "r['samples']['removed_by_subset']")" 1 "report removed_by_subset"
pass "-s, -S, ^, --keep-order"

# The same sample has the same pseudonym whatever else is selected.
expect_eq "$(grep MRN00067890 m1.tsv | cut -f2)" "$(grep MRN00067890 m2.tsv | cut -f2)" "stable pseudonym"
pass "pseudonyms depend only on key and name"

# Policy file, and options overriding it.
cat >p.toml <<'TOML'
base = "minimal"
name = "test-profile"
[vcf]
ids = "drop"
keep_info = ["DP"]
unphase = true
TOML
"$GENOVEIL" vcf --policy p.toml -o p.vcf "$fixture"
expect_eq "$(records p.vcf | cut -f3,8 | head -n1)" "$(printf '.\tDP=30')" "policy file applied"
grep -q '|' <(records p.vcf | cut -f10-) && fail "policy unphase not applied"
"$GENOVEIL" vcf --policy p.toml --ids rs --keep-info END -o p2.vcf "$fixture"
expect_eq "$(records p2.vcf | cut -f3,8 | head -n3 | tr '\t\n' '| ')" "rs123|. .|. .|END=3500 " "options override policy"
d1=$(grep -o 'policy=sha256:[0-9a-f]*' p.vcf); d2=$(grep -o 'policy=sha256:[0-9a-f]*' p2.vcf)
[ "$d1" != "$d2" ] || fail "the policy digest does not reflect overrides"
expect_eq "$d1" "policy=$("$GENOVEIL" policy show p.toml | head -n1 | sed 's/# digest: //')" "digest equals policy show"
pass "policy file, overrides and digest"

# Built-in 'sites' profile.
"$GENOVEIL" vcf --policy sites -o ps.vcf "$EUR"
expect_eq "$(bcftools query -l ps.vcf | wc -l)" 0 "sites profile has no samples"
grep -q '^##INFO=<ID=AC,' ps.vcf || fail "sites profile fills AC"
pass "built-in sites profile"

# -W writes a usable index (csi by default, tbi on request); BCF too.
"$GENOVEIL" vcf -Oz -W -o idx.vcf.gz "$EUR"
[ -s idx.vcf.gz.csi ] || fail "-W did not write idx.vcf.gz.csi"
expect_eq "$(bcftools view -H -r 22 idx.vcf.gz | wc -l)" "$(bcftools view -H -t 22 "$EUR" | wc -l)" "query through the csi"
"$GENOVEIL" vcf -Oz --write-index=tbi -o tbi.vcf.gz "$EUR"
[ -s tbi.vcf.gz.tbi ] || fail "--write-index=tbi"
"$GENOVEIL" vcf -Ob -W -o idx.bcf "$EUR"
[ -s idx.bcf.csi ] || fail "-W on BCF"
expect_eq "$(bcftools view -H -r 21 idx.bcf | wc -l)" "$(bcftools view -H -t 21 "$EUR" | wc -l)" "query through the BCF csi"
pass "-W csi/tbi indexes are usable"

# Pipes: stdin to stdout, and into bcftools.
expect_eq "$(cat "$EUR" | "$GENOVEIL" vcf - | bcftools view -H | wc -l)" 2000 "stdin to stdout"
expect_eq "$(bcftools view -Ou "$EUR" | "$GENOVEIL" vcf -Ou - | bcftools view -H | wc -l)" 2000 "BCF pipe"
pass "pipes"

# A downstream pipe closed early ends quietly.
rc=0; "$GENOVEIL" vcf "$EUR" 2>pipe.err | head -n 1 >/dev/null || rc=$?
[ ! -s pipe.err ] || fail "closed pipe printed: $(cat pipe.err)"
pass "closed pipe ends quietly"
