#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The leak harness (leak_harness.sh) on `vcf`, `reads` and `release` with their default options,
# for each output type, with the report (and ledger) written too; and a self-check that the harness does find a
# planted identifier when one survives (--keep-info, --read-names keep).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/leak_harness.sh"
need bcftools samtools python3

leak_make_vcf in.vcf
leak_make_sam in.sam ref.fa
make_key k.key
printf 'gvleak_sample_name_a\tpopA\ngvleak_sample_name_b\tpopB\nplain_sample\tpopA\n' >groups.tsv

for out in x.vcf x.vcf.gz x.bcf; do
    leak_run "vcf -o $out" "out-vcf-$out" -- "$GENOVEIL" vcf --key-file k.key --report "out-vcf-$out/r.json" \
        --map-out "out-vcf-$out/m.map" -o "out-vcf-$out/$out" in.vcf
done
leak_run "vcf to stdout" out-vcf-stdout -- "$GENOVEIL" vcf in.vcf
for out in x.sam x.bam x.cram; do
    leak_run "reads -o $out" "out-reads-$out" -- "$GENOVEIL" reads --key-file k.key --report "out-reads-$out/r.json" \
        --map-out "out-reads-$out/m.map" -o "out-reads-$out/$out" in.sam
done
leak_run "reads to stdout" out-reads-stdout -- "$GENOVEIL" reads in.sam
leak_run "reads --mask-variants" out-reads-mask -- "$GENOVEIL" reads --key-file k.key --mask-variants \
    --reference ref.fa -o out-reads-mask/x.bam in.sam
# release: the output, the ledger (with its seed and head files) and the report are all scanned.
for out in x.vcf x.vcf.gz; do
    leak_run "release -o $out" "out-release-$out" -- "$GENOVEIL" release --sites-from-input --rho 0.5 \
        --ledger "out-release-$out/l.ledger" --report "out-release-$out/r.json" -o "out-release-$out/$out" in.vcf
done
leak_run "release --sites --groups" out-release-groups -- "$GENOVEIL" release --sites in.vcf --groups groups.tsv \
    --rho 0.5 --ledger out-release-groups/l.ledger -o out-release-groups/x.bcf in.vcf

leak_known_check

# The map is the one place identifiers belong: it must hold them (and it is skipped above).
grep -q gvleak_sample_name_a out-vcf-x.vcf/m.map || fail "the vcf map does not list the original sample names"
grep -q gvleak_rg_sample out-reads-x.bam/m.map || fail "the reads map does not list the original sample"

# Self-check: the harness catches what survives when an option keeps it.
(leak_run "self-check vcf --keep-info NOTE" self-vcf -- "$GENOVEIL" vcf --keep-info NOTE -o self-vcf/x.vcf in.vcf) \
    >/dev/null 2>&1 && fail "the harness missed INFO/NOTE kept by --keep-info"
(leak_run "self-check reads --read-names keep" self-reads -- "$GENOVEIL" reads --read-names keep -o self-reads/x.bam in.sam) \
    >/dev/null 2>&1 && fail "the harness missed read names kept by --read-names keep"
pass "the harness reports identifiers that an option keeps"
echo "leak_harness_test: ok"
