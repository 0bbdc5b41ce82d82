#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Options of genoveil reads: quality bins (the man page tables), --drop-quals, --keep-tags /
# --drop-tags, the filters (counts checked against samtools view), --exclude-bed, -r on indexed
# input, -t/-T, -W, a policy file with a [reads] section, and the report's counts.
source "$(dirname "$0")/lib.sh"
need samtools python3

python3 "$TEST_DATA/reads/gen_reads.py" --pairs 2000 --seed 3 in.sam ref.fa
samtools view -b -o in.bam in.sam
samtools index in.bam
total=$(samtools view -c in.bam)

# Quality bins: one read whose qualities are Q0..Q60, mapped through each table.
qual=$(python3 -c 'print("".join(chr(33+q) for q in range(61)))')
seq=$(printf 'A%.0s' $(seq 61))
printf '@SQ\tSN:c\tLN:1000\nq1\t0\tc\t1\t60\t61M\t*\t0\t0\t%s\t%s\n' "$seq" "$qual" >q.sam
quals_of() { samtools view "$1" | cut -f11 | python3 -c 'import sys; print(",".join(str(ord(c)-33) for c in sys.stdin.read().strip()))'; }
expect() {  # expect SCHEME Q0..Q60 as comma list
    "$GENOVEIL" reads -q --qual-bins "$1" q.sam -o "q_$1.sam"
    expect_eq "$(quals_of "q_$1.sam")" "$2" "--qual-bins $1"
}
r() { python3 -c "import sys; f=lambda q: $1; print(','.join(str(f(q)) for q in range(61)))"; }
expect illumina8 "$(r '(q if q<2 else 6 if q<10 else 15 if q<20 else 22 if q<25 else 27 if q<30 else 33 if q<35 else 37 if q<40 else 40)')"
expect illumina4 "$(r '(2 if q<3 else 12 if q<15 else 23 if q<31 else 37)')"
expect binary "$(r '(10 if q<20 else 30)')"
expect none "$(r 'q')"
"$GENOVEIL" reads -q --drop-quals in.bam -o dq.sam --report dq.json
expect_eq "$(samtools view dq.sam | cut -f11 | sort -u)" "*" "--drop-quals"
expect_eq "$(json dq.json 'r["qualities"]["reads_dropped"]')" "$(samtools view -c -F 4 in.bam | awk -v t="$total" -v s="$(samtools view in.bam | awk '$11=="*"' | wc -l)" '{print t - s}')" "reads with qualities dropped"
pass "quality bins and --drop-quals"

# Tags.
tags_of() { samtools view "$1" | cut -f12- | tr '\t' '\n' | cut -c1-2 | sort -u | tr '\n' ' '; }
"$GENOVEIL" reads -q --keep-tags RG,NM,MC in.bam -o kt.sam
expect_eq "$(tags_of kt.sam)" "MC NM RG " "--keep-tags RG,NM,MC"
"$GENOVEIL" reads -q --drop-tags BC,RX,OQ,XZ,CO in.bam -o dt.sam --report dt.json
expect_eq "$(tags_of dt.sam)" "MC NH NM RG SA " "--drop-tags"
expect_eq "$(json dt.json 'sorted(r["tags"]["dropped_by_tag"])')" "['BC', 'CO', 'OQ', 'RX', 'XZ']" "report: tags dropped"
expect_eq "$(json dt.json 'r["tags"]["dropped_by_tag"]["OQ"]')" "$(samtools view in.bam | grep -c $'\tOQ:Z:')" "report: OQ count"
"$GENOVEIL" reads -q --keep-tags '*' in.bam -o all.sam
expect_eq "$(tags_of all.sam)" "BC CO MC NH NM OQ RG RX SA XZ " "--keep-tags '*'"
[ "$(samtools view all.sam | grep -c 'RGSECRET' || true)" -eq 0 ] || fail "RG values not rewritten with --keep-tags '*'"
pass "--keep-tags / --drop-tags"

# Filters, against samtools.
"$GENOVEIL" reads -q --drop-unmapped --drop-secondary --drop-supplementary in.bam -o f.bam --report f.json
expect_eq "$(samtools view -c f.bam)" "$(samtools view -c -F 0x904 in.bam)" "flag filters"
expect_eq "$(json f.json 'r["reads"]["filtered"]["unmapped"]')" "$(samtools view -c -f 4 in.bam)" "report: unmapped"
expect_eq "$(json f.json 'r["reads"]["filtered"]["secondary"]')" "$(samtools view -c -f 0x100 -F 4 in.bam)" "report: secondary"
expect_eq "$(json f.json 'r["reads"]["filtered"]["supplementary"]')" "$(samtools view -c -f 0x800 -F 0x104 in.bam)" "report: supplementary"
expect_eq "$(json f.json 'r["reads"]["in"]')" "$total" "report: reads in"
expect_eq "$(json f.json 'r["reads"]["out"]')" "$(samtools view -c f.bam)" "report: reads out"
pass "--drop-unmapped/secondary/supplementary match samtools view -F"

printf 'chrA\t1000\t5000\nchrB\t100\t200\n' >ex.bed
"$GENOVEIL" reads -q --exclude-bed ex.bed in.bam -o ex.bam --report ex.json
overl=$(samtools view -c -L ex.bed in.bam)
expect_eq "$(json ex.json 'r["reads"]["filtered"]["exclude_bed"]')" "$overl" "exclude-bed count (samtools -L)"
expect_eq "$(samtools view -c ex.bam)" "$((total - overl))" "exclude-bed output"
expect_eq "$(samtools view -c -L ex.bed ex.bam)" "0" "nothing overlaps the excluded intervals"
pass "--exclude-bed"

"$GENOVEIL" reads -q -r chrB:1000-8000,chrA:100-900 in.bam -o reg.bam --report reg.json
expect_eq "$(samtools view -c reg.bam)" "$(samtools view -c -M in.bam chrB:1000-8000 chrA:100-900)" "-r regions"
expect_eq "$(json reg.json 'r["reads"]["filtered"]["regions"]')" "$((total - $(samtools view -c reg.bam)))" "report: regions"
printf 'chrB\t1000\t8000\n' >reg.txt
"$GENOVEIL" reads -q -R reg.txt in.bam -o regf.bam
expect_eq "$(samtools view -c regf.bam)" "$(samtools view -c in.bam chrB:1000-8000)" "-R regions file"
"$GENOVEIL" reads -q -t chrB in.bam -o tg.bam
expect_eq "$(samtools view -c tg.bam)" "$(samtools view -c in.bam chrB)" "-t targets"
"$GENOVEIL" reads -q -t ^chrB in.bam -o ntg.bam
expect_eq "$(samtools view -c ntg.bam)" "$((total - $(samtools view -c in.bam chrB)))" "-t ^targets"
pass "-r/-R regions and -t targets"

# Index and policy file.
"$GENOVEIL" reads -q -W in.bam -o w.bam
[ -s w.bam.csi ] || fail "-W wrote no .csi"
expect_eq "$(samtools view -c w.bam chrA:100-900)" "$(samtools view -c in.bam chrA:100-900)" "query through our index"
"$GENOVEIL" reads -q --write-index=bai in.bam -o wb.bam
[ -s wb.bam.bai ] || fail "--write-index=bai wrote no .bai"
"$GENOVEIL" reads -q -W -O cram in.bam -o w.cram
[ -s w.cram.crai ] || fail "-W wrote no .crai for CRAM"
cat >pol.toml <<'TOML'
[reads]
read_names = "counter"
keep_tags = ["RG", "NM"]
qual_bins = "binary"
drop_secondary = true
TOML
"$GENOVEIL" reads -q --policy pol.toml in.bam -o pol.sam --report pol.json
expect_eq "$(tags_of pol.sam)" "NM RG " "policy keep_tags"
expect_eq "$(samtools view pol.sam | cut -f11 | fold -w1 | sort -u | grep -v '\*' | tr -d '\n')" "+?" "policy qual_bins binary (Q10 '+', Q30 '?')"
expect_eq "$(samtools view -c -f 0x100 pol.sam)" "0" "policy drop_secondary"
expect_eq "$(samtools view pol.sam | head -1 | cut -f1)" "1" "policy read_names counter"
"$GENOVEIL" reads -q --policy pol.toml --read-names hmac --keep-tags RG in.bam -o polo.sam
expect_eq "$(tags_of polo.sam)" "RG " "command line overrides the policy"
printf '[reads]\nkeep_tags = ["toolong"]\n' >bad.toml
rc=0; "$GENOVEIL" reads -q --policy bad.toml in.bam -o bad.sam 2>/dev/null || rc=$?
expect_eq "$rc" "2" "bad policy file"
[ ! -e bad.sam ] || fail "bad policy left an output"
pass "-W, policy file and overrides"
echo "reads_options_test: ok"
