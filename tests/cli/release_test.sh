#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# genoveil release: the ledger (over-budget refusal before anything is written, free identical
# repeats, charged changes, concurrent runs never overspend, tamper evidence), real 1000 Genomes
# data with groups, and the stamps of --sites-from-input and --seed.
source "$(dirname "$0")/lib.sh"
need bcftools python3
need_eur

python3 "$TEST_DATA/release/make_cohort.py" 30 400 11 c
head -n 200 c.sites.tsv >half.tsv
tail -n 200 c.sites.tsv >other.tsv
lines() { if [ -e "$1" ]; then wc -l <"$1"; else echo 0; fi; }

# Charge, repeat for free with identical bytes, refuse over the cap.
"$GENOVEIL" release --sites c.sites.tsv --ledger a.ledger --rho 0.6 -o r1.vcf c.vcf
expect_eq "$(lines a.ledger)" 1 "ledger entries after the first release"
expect_eq "$(stat -c %a a.ledger) $(stat -c %a a.ledger.seed)" "600 600" "ledger and seed modes"
"$GENOVEIL" release --sites c.sites.tsv --ledger a.ledger --rho 0.6 -o r2.vcf c.vcf
cmp -s r1.vcf r2.vcf || fail "a repeated request did not return the same bytes"
expect_eq "$(lines a.ledger)" 1 "a repeat was charged"
cp a.ledger a.before
mkdir out
expect_clean_failure 1 out "$GENOVEIL" release --sites half.tsv --ledger a.ledger --rho 0.6 -o out/r3.vcf --report out/r3.json c.vcf
cmp -s a.ledger a.before || fail "a refused release changed the ledger"
"$GENOVEIL" release --sites half.tsv --ledger a.ledger --rho 0.6 -o out/r3.vcf c.vcf 2>err || true
grep -q 'budget exceeded' err || fail "refusal does not say why: $(cat err)"
pass "charged once, repeated free and identical, refused over the cap without output or ledger change"

# Raising the cap takes the explicit flag on every run, and the raised cap is on record.
cp a.ledger raised.ledger && cp a.ledger.seed raised.ledger.seed && cp a.ledger.head raised.ledger.head
"$GENOVEIL" release --sites half.tsv --ledger raised.ledger --rho 0.6 --budget-cap 1.5 -o raised.vcf c.vcf
expect_eq "$(tail -n1 raised.ledger | python3 -c 'import json,sys; print(json.load(sys.stdin)["cap"])')" 1.5 "raised cap on record"
expect_clean_failure 1 out "$GENOVEIL" release --sites c.sites.tsv --ledger raised.ledger --rho 0.01 -o out/r5.vcf c.vcf
pass "a raised cap is recorded in the entry and does not carry over to the next run"

# A changed request is charged; changed data is a changed request with fresh noise.
"$GENOVEIL" release --sites c.sites.tsv --ledger a.ledger --rho 0.3 -o r4.vcf c.vcf
expect_eq "$(lines a.ledger)" 2 "a changed rho was not charged"
sed '0,/\t0\/0\t/s//\t1\/1\t/' c.vcf >c2.vcf
cmp -s c.vcf c2.vcf && fail "test data not changed"
"$GENOVEIL" release --sites c.sites.tsv --ledger b.ledger --rho 0.3 -o d1.vcf c.vcf
"$GENOVEIL" release --sites c.sites.tsv --ledger b.ledger --rho 0.3 -o d2.vcf c2.vcf
expect_eq "$(lines b.ledger)" 2 "changed data was not charged"
cmp -s <(grep -v '^#' d1.vcf) <(grep -v '^#' d2.vcf) && fail "changed data reused the same noise"
python3 - a.ledger <<'PY'
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
assert sum(x["rho_charged"] for x in e) <= 1.0, e
assert e[1]["prev"].startswith("sha256:") and e[0]["prev"] == "", e
assert all(k in e[0] for k in ("dataset", "sites", "mechanism", "rho_charged", "sigma2", "request", "relation", "time")), e[0]
assert [x["cap"] for x in e] == ["1", "1"], e
PY
pass "changed requests and changed data are charged; the ledger chains entries"

# Tamper evidence.
sed '2s/"rho_charged":[0-9.e-]*/"rho_charged":0.0/' a.ledger >t.ledger && cp a.ledger.seed t.ledger.seed
cmp -s a.ledger t.ledger && fail "tamper edit did not apply"
rc=0; "$GENOVEIL" release --sites half.tsv --ledger t.ledger --rho 0.01 -o t.vcf c.vcf 2>err || rc=$?
expect_eq "$rc" 1 "tampered ledger"
grep -q 'the ledger was edited' err || fail "tampering not named: $(cat err)"
# Cutting the last entry off (and a missing seed) is noticed as well.
head -n 1 a.ledger >cut.ledger && cp a.ledger.seed cut.ledger.seed && cp a.ledger.head cut.ledger.head
rc=0; "$GENOVEIL" release --sites half.tsv --ledger cut.ledger --rho 0.01 -o t.vcf c.vcf 2>err || rc=$?
expect_eq "$rc" 1 "truncated ledger"
grep -q 'entries were removed' err || fail "truncation not named: $(cat err)"
cp a.ledger noseed.ledger
rc=0; "$GENOVEIL" release --sites half.tsv --ledger noseed.ledger --rho 0.01 -o t.vcf c.vcf 2>err || rc=$?
expect_eq "$rc" 1 "ledger without its seed"
grep -q 'seed file' err || fail "missing seed not named: $(cat err)"
[ ! -e noseed.ledger.seed ] || fail "a new seed was made for an existing ledger"
pass "an edited or truncated ledger, or one without its seed, is refused"

# Four default releases (rho 0.25) fit the default cap exactly; a fifth does not.
for i in 1 2 3 4 5; do
    sed -n "$((i * 10)),$((i * 10 + 5))p" c.sites.tsv >"q$i.tsv"
done
for i in 1 2 3 4; do "$GENOVEIL" release --sites "q$i.tsv" --ledger four.ledger -o "q$i.vcf" c.vcf; done
expect_clean_failure 1 out "$GENOVEIL" release --sites q5.tsv --ledger four.ledger -o out/q5.vcf c.vcf
pass "four releases at rho 0.25 fit cap 1 exactly"

# Changing the haploid contigs changes the cells: a new request, charged, fresh noise.
"$GENOVEIL" release --sites c.sites.tsv --ledger h.ledger --rho 0.1 -o h1.vcf c.vcf
"$GENOVEIL" release --sites c.sites.tsv --ledger h.ledger --rho 0.1 --haploid-contigs 1 -o h2.vcf c.vcf
expect_eq "$(lines h.ledger)" 2 "--haploid-contigs change charged"

# Standard output: the same bytes as a file output of the same request (a free repeat).
"$GENOVEIL" release --no-version --sites c.sites.tsv --ledger o.ledger -o o1.vcf c.vcf
"$GENOVEIL" release --no-version --sites c.sites.tsv --ledger o.ledger c.vcf >o2.vcf
cmp -s o1.vcf o2.vcf || fail "stdout output differs from the file output of the same request"
expect_eq "$(lines o.ledger)" 1 "stdout repeat charged"
pass "--haploid-contigs is part of the request; stdout output"

# Concurrent runs on one ledger never overspend: 4 distinct requests of 0.4 against cap 1.
for i in 1 2 3 4; do
    sed -n "$((i * 50)),$((i * 50 + 40))p" c.sites.tsv >"s$i.tsv"
    "$GENOVEIL" release --sites "s$i.tsv" --ledger conc.ledger --rho 0.4 -@ 2 -o "conc$i.vcf" c.vcf 2>"conc$i.err" &
done
ok=0; for i in 1 2 3 4; do wait -n && ok=$((ok + 1)) || true; done
expect_eq "$ok" 2 "concurrent releases that succeeded"
expect_eq "$(lines conc.ledger)" 2 "concurrent ledger entries"
expect_eq "$(ls conc*.vcf | wc -l)" 2 "concurrent outputs"
pass "four concurrent releases of 0.4 under cap 1: exactly two charged"

# Real data with groups; totals equal the sum of groups; bcftools reads it cleanly.
bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\n' "$EUR" >eur.sites.tsv
bcftools query -l "$EUR" | awk '{g = ($1 ~ /_HG/) ? "HG" : "NA"; print $1 "\t" g}' >groups.tsv
"$GENOVEIL" release --sites eur.sites.tsv --groups groups.tsv --ledger eur.ledger --report eur.json -W -Oz -o eur.vcf.gz "$EUR"
bcftools view -H eur.vcf.gz 2>warn.txt | wc -l >n.txt
[ ! -s warn.txt ] || fail "bcftools warned: $(head -c 300 warn.txt)"
expect_eq "$(cat n.txt)" 2000 "released sites"
[ -s eur.vcf.gz.csi ] || fail "-W index"
bcftools query -f '%AN\t%AN_HG\t%AN_NA\t%AC\t%AC_HG\t%AC_NA\n' eur.vcf.gz | awk '$1 != $2 + $3 || $4 != $5 + $6 {bad++} END {exit bad > 0}' \
    || fail "group counts do not add up to the totals"
expect_eq "$(json eur.json "sorted(r['groups'])")" "['HG', 'NA']" "report groups"
grep -q '^##INFO=<ID=nhomalt_HG,' <(bcftools view -h eur.vcf.gz) || fail "per-group nhomalt definition"
pass "1000 Genomes data with groups: totals = sum of groups; bcftools reads it without warnings"

# Stamps: --sites-from-input, --seed; --laplace header; --predict spends nothing.
"$GENOVEIL" release --sites-from-input --ledger f.ledger --report f.json -o f.vcf c.vcf
grep -q 'presence=site presence not protected' f.vcf || fail "--sites-from-input not stamped in the header"
expect_eq "$(json f.json "r['site_presence']")" "not protected" "--sites-from-input in the report"
"$GENOVEIL" release --seed 5 --sites c.sites.tsv --ledger s1.ledger --report s.json -o s1.vcf c.vcf
"$GENOVEIL" release --seed 5 --sites c.sites.tsv --ledger s2.ledger -o s2.vcf c.vcf
grep -q '^##genoveil_releaseNotice=NOT PRIVATE: deterministic test seed' s1.vcf || fail "--seed not stamped"
expect_eq "$(json s.json "r['notice']")" "NOT PRIVATE: deterministic test seed" "--seed in the report"
cmp -s <(grep -v Command s1.vcf) <(grep -v Command s2.vcf) || fail "--seed is not deterministic"
"$GENOVEIL" release --mechanism laplace --epsilon 1 --sites half.tsv --ledger l.ledger -o l.vcf c.vcf
grep -q 'Mechanism=discrete_laplace,relation=add_remove,scale=200/1,epsilon=1,delta=0' l.vcf || fail "Laplace header: $(grep Mechanism l.vcf)"
before=$(ls | wc -l)
"$GENOVEIL" release --predict 10000 --sites c.sites.tsv --rho 0.25 >pred.txt
grep -q '^sigma2	800$' pred.txt || fail "--predict sigma2: $(cat pred.txt)"
grep -q '^expected SE of AF at n=10000	0.003' pred.txt || fail "--predict SE: $(cat pred.txt)"
expect_eq "$(ls | wc -l)" "$((before + 1))" "--predict created files"
pass "stamps, Laplace header, --predict"

# A malformed site list is refused before any genotype is read, naming file, line and field
# (never the value), and a ledger that the refused run created is gone again.
printf 'chr1\t100\tA\tG\nchr1\t200\tPATIENT_X\tG\n' >badsites.tsv
expect_clean_failure 1 out "$GENOVEIL" release --sites badsites.tsv --ledger out/new.ledger -o out/x.vcf c.vcf
grep -q 'badsites.tsv: record 2: REF: not a base sequence' "$CAP/last_stderr" || fail "bad REF not located: $(cat "$CAP/last_stderr")"
grep -q PATIENT_X "$CAP/last_stderr" && fail "the error quotes the value"
printf 'chr1\t0\tA\tG\n' >badsites.tsv
expect_clean_failure 1 out "$GENOVEIL" release --sites badsites.tsv --ledger out/new.ledger -o out/x.vcf c.vcf
printf 'chr1\t100\tA\tG,\n' >badsites.tsv
expect_clean_failure 1 out "$GENOVEIL" release --sites badsites.tsv --ledger out/new.ledger -o out/x.vcf c.vcf
pass "malformed site lists: refused early, located, nothing left behind"

# Usage: no public site list or no ledger is refused.
expect_clean_failure 2 out "$GENOVEIL" release --ledger x.ledger -o out/x.vcf c.vcf
expect_clean_failure 2 out "$GENOVEIL" release --sites c.sites.tsv -o out/x.vcf c.vcf
expect_clean_failure 2 out "$GENOVEIL" release --sites c.sites.tsv --ledger out/x.ledger --rho 0 -o out/x.vcf c.vcf
pass "a site list and a ledger are required"
