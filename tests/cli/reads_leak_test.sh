#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Leak test (issue 3): identifiers planted in @RG (SM LB PU CN DT DS), @PG CL, @CO, @SQ UR/AS,
# instrument/flowcell read names and tags (BC RX OQ, a custom Z tag, CO) must not appear
# anywhere in the output outside SEQ/QUAL with the defaults, in SAM, BAM and CRAM, nor in the
# report, and the map holds sample and read-group mappings only.
source "$(dirname "$0")/lib.sh"
need samtools python3

python3 "$TEST_DATA/reads/gen_reads.py" --pairs 300 in.sam ref.fa
samtools view -b -o in.bam in.sam
make_key k.key

# Values planted by gen_reads.py (see tests/data/reads/README.md).
secrets=(PATIENT_SECRET_0042 LIBSECRET FLOWCELLX9 SECRETCENTER 2019-04-0 SECRETSTUDY alice.secret
         SECRETREF SECRETASM M04321 ACGTTGCA-SECRETBC UMISECRET CUSTOMSECRET SECRETCOMMENT RGSECRET
         bwa)
# Tags that must be gone.
tags=(BC RX OQ XZ CO NM MC SA)

# Output as text with SEQ (10) and QUAL (11) removed from alignment lines.
strip_seq_qual() { awk -F'\t' 'BEGIN{OFS="\t"} /^@/ {print; next} {$10=""; $11=""; print}'; }

# The planted OQ strings of the input (quality strings are checked outside QUAL too).
grep -m 20 -oE 'OQ:Z:[^[:space:]]+' in.sam | cut -c6- >oq.txt
[ "$(wc -l <oq.txt)" -ge 10 ] || fail "fixture has no OQ values"

check_text() {
    local what=$1 file=$2
    for s in "${secrets[@]}"; do
        if grep -qF -- "$s" "$file"; then fail "$what: planted identifier '$s' leaked"; fi
    done
    for t in "${tags[@]}"; do
        if grep -qP "\t$t:[A-Za-z]:" "$file"; then fail "$what: tag $t survived"; fi
    done
    if grep -qF -f oq.txt "$file"; then fail "$what: an OQ value leaked"; fi
    # Header: only @HD, @SQ (SN LN M5), @RG (ID SM PL) and our @PG.
    [ "$(grep -vE '^@(HD|SQ|RG|PG)' "$file" | grep -c '^@' || true)" -eq 0 ] || fail "$what: unexpected header record type"
    [ "$(grep '^@SQ' "$file" | grep -cvP '^@SQ\tSN:[^\t]+\tLN:[0-9]+(\tM5:[0-9a-f]{32})?$' || true)" -eq 0 ] || fail "$what: @SQ has extra fields"
    [ "$(grep '^@RG' "$file" | grep -cvP '^@RG\tID:[A-Z2-7]{24}\tSM:[A-Z2-7]{24}\tPL:ILLUMINA$' || true)" -eq 0 ] || fail "$what: @RG has extra fields"
    [ "$(grep -c '^@PG' "$file")" -eq 1 ] || fail "$what: expected exactly our @PG line"
    grep -q $'^@PG\tID:genoveil-reads\tPN:genoveil\tVN:' "$file" || fail "$what: no genoveil @PG"
    # Read names: 24-character base32 pseudonyms.
    [ "$(grep -v '^@' "$file" | cut -f1 | grep -cvE '^[A-Z2-7]{24}$' || true)" -eq 0 ] || fail "$what: a read name is not a pseudonym"
    # Every alignment line keeps only the RG tag.
    [ "$(grep -v '^@' "$file" | cut -f12- | grep -cvE '^RG:Z:[A-Z2-7]{24}$' || true)" -eq 0 ] || fail "$what: tags other than RG remain"
}

"$GENOVEIL" reads -q --key-file k.key in.bam -o out.sam --report rep.json --map-out map.tsv
strip_seq_qual <out.sam >out.txt
check_text "SAM output" out.txt
pass "SAM output has no planted identifier"

"$GENOVEIL" reads -q --key-file k.key in.sam -o out.bam
samtools view -h --no-PG out.bam | strip_seq_qual >bam.txt
check_text "BAM output" bam.txt
pass "BAM output has no planted identifier"

"$GENOVEIL" reads -q --key-file k.key -O cram in.bam -o out.cram
env -u REF_PATH samtools view -h --no-PG out.cram | strip_seq_qual >cram.txt
check_text "CRAM output" cram.txt
pass "CRAM output has no planted identifier (and decodes without a reference)"

# With masking and every option that keeps more, the header still scrubs.
"$GENOVEIL" reads -q --key-file k.key --mask-variants --reference ref.fa in.bam -o masked.sam
strip_seq_qual <masked.sam >masked.txt
check_text "masked output" masked.txt
pass "masked output has no planted identifier"

# Report and map: counts only / steward mappings only.
for s in "${secrets[@]}"; do
    if grep -qF -- "$s" rep.json; then fail "report leaks '$s'"; fi
done
expect_eq "$(json rep.json 'r["tags"]["dropped_by_tag"]["BC"]')" "$(grep -v '^@' in.sam | grep -c $'\tBC:Z:')" "BC tags dropped"
expect_eq "$(json rep.json 'r["names"]["rewritten"]')" "$(grep -vc '^@' in.sam)" "names rewritten"
expect_eq "$(stat -c %a map.tsv)" "600" "map mode"
expect_eq "$(sed -n 1p map.tsv)" $'original\tpseudonym' "map header"
expect_eq "$(tail -n +2 map.tsv | cut -f1 | sort | tr '\n' ' ')" "rg:RGSECRET.L1 rg:RGSECRET.L2 sample:PATIENT_SECRET_0042 " "map rows"
if grep -q M04321 map.tsv; then fail "map lists read names"; fi
pass "report holds counts only; map holds samples and read groups only"

# Provenance: options recorded, paths redacted, no threads, policy digest present.
"$GENOVEIL" reads -q -@ 2 --key-file k.key --reference ref.fa --exclude-bed /dev/null --qual-bins illumina8 in.bam -o prov.sam
pg=$(grep '^@PG' prov.sam)
for s in k.key ref.fa /dev/null prov.sam in.bam "$TEST_TMP"; do
    if grep -qF -- "$s" <<<"$pg"; then fail "@PG CL shows '$s'"; fi
done
grep -qF -- '--qual-bins illumina8' <<<"$pg" || fail "@PG CL lacks the options: $pg"
grep -qF -- '--reference <redacted>' <<<"$pg" || fail "@PG CL does not redact --reference: $pg"
if grep -qF -- '--threads' <<<"$pg"; then fail "@PG CL records --threads"; fi
grep -qE 'DS:policy=sha256:[0-9a-f]{64}$' <<<"$pg" || fail "@PG lacks the policy digest: $pg"
"$GENOVEIL" reads -q --no-version in.bam -o nover.sam
[ "$(grep -c '^@PG' nover.sam)" -eq 0 ] || fail "--no-version still writes @PG"
pass "provenance redacted; --no-version writes none"
echo "reads_leak_test: ok"
