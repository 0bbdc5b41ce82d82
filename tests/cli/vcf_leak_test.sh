#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Leak test: identifiers planted in sample names, ##SAMPLE, ##PEDIGREE, tool command lines,
# dates, reference paths, contig attributes, IDs, free-text INFO and string FORMAT fields must
# not survive the defaults, in any output type, nor reach the report, the map's stdout or stderr.
source "$(dirname "$0")/lib.sh"
need bcftools python3

fixture="$TEST_DATA/vcf/leak.vcf"
# Every planted identifier (case-insensitive search).
planted=(PATIENT_JDOE JDOE MRN00012345 MRN00067890 Jane Roe alice HospitalX hospital_x secret
         PRIVATEID BARCODE_ carrier family_of seen_by deleted_in 1975 20240305 2024 hg38_private
         Oslo clinic "Date=" "/home/" "/data/" "file://" Sample_JaneRoe PipelineOf)

scan() {  # scan FILE LABEL: fail on any planted identifier
    local hit
    for id in "${planted[@]}"; do
        if hit=$(grep -i -n -F -- "$id" "$1"); then fail "$2 leaks '$id': $hit"; fi
    done
}

make_key k.key
for type in v z b u; do
    "$GENOVEIL" vcf --key-file k.key --report "rep.$type.json" -O "$type" -o "out.$type" "$fixture" 2>"err.$type"
    bcftools view --no-version "out.$type" >"out.$type.txt" 2>bcftools.err
    [ ! -s bcftools.err ] || fail "bcftools warned on -O$type output: $(cat bcftools.err)"
    # bgzf/BCF: also scan the raw decompressed bytes, not only bcftools' rendering.
    case $type in
        z|b) zcat -f "out.$type" >"out.$type.raw" ;;
        *) cp "out.$type" "out.$type.raw" ;;
    esac
    scan "out.$type.txt" "-O$type output (via bcftools)"
    scan "out.$type.raw" "-O$type output (raw bytes)"
    scan "rep.$type.json" "report"
    scan "err.$type" "stderr"
    [ "$(grep -vc '^#' "out.$type.txt")" -eq 4 ] || fail "-O$type: expected 4 records"
done
pass "no planted identifier in v/z/b/u outputs, reports or stderr"

# The header keeps only the allow-list.
grep '^##' out.v.txt | cut -d= -f1 | sort -u >keys.txt
printf '%s\n' '##FILTER' '##FORMAT' '##contig' '##fileformat' '##genoveil_vcfCommand' '##genoveil_vcfVersion' >want.txt
diff -u want.txt keys.txt || fail "header holds more than the allow-list"
grep -q '^##contig=<ID=chr1,length=248956422>$' out.v.txt || fail "contig line not reduced to ID and length"
pass "header reduced to the allow-list"

# Sample names are 24-character base32 pseudonyms; INFO is '.', FORMAT is GT, IDs rs only.
bcftools query -l out.v.txt >names.txt
[ "$(wc -l <names.txt)" -eq 3 ] || fail "expected 3 samples"
grep -qvE '^[A-Z2-7]{24}$' names.txt && fail "a sample name is not a pseudonym: $(cat names.txt)"
expect_eq "$(grep -v '^#' out.v.txt | cut -f3,8,9 | sort -u | tr '\t\n' '| ')" \
    ".|.|GT rs123|.|GT rs9999|.|GT " "ID/INFO/FORMAT columns"
pass "pseudonyms, rs-only IDs, no INFO, GT only"

# Errors never quote record content: a malformed record carrying an identifier.
sed 's/^chr1\t2000\t.*/chr1\t2000\tx\tC\tT\t.\t.\tNOTE=PATIENT_JDOE_1975\tGT:SID\t0\/1:PATIENT_JDOE_1975/' "$fixture" >bad.vcf
rc=0; "$GENOVEIL" vcf bad.vcf >/dev/null 2>err.bad || rc=$?
[ "$rc" -eq 1 ] || fail "a record with too few sample columns must fail with 1 (got $rc)"
scan err.bad "error message"
grep -q 'record 2' err.bad || fail "error does not name the record: $(cat err.bad)"
pass "error messages name the record, not its content"

# Provenance redacts every path and sensitive value.
"$GENOVEIL" vcf --key-file k.key --map-out map.tsv --report r.json -s PATIENT_JDOE_1975,MRN00067890 \
    --exclude-bed /dev/null -o prov.vcf "$fixture" 2>/dev/null
grep '^##genoveil_vcfCommand' prov.vcf >cmd.txt
scan cmd.txt "provenance"
for word in k.key map.tsv r.json prov.vcf leak.vcf; do grep -qF "$word" cmd.txt && fail "provenance shows '$word'"; done
grep -q 'Date' prov.vcf && fail "provenance carries a date"
pass "provenance redacts paths and sample lists"
