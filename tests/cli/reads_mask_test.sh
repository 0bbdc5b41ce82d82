#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Variant masking (issue 3) on real 1000 Genomes reads with their reference region (Debian
# package samtools-test: mpileup.1.bam, chr17:1-4200 of hs37d5) and on synthetic data:
#   bcftools mpileup | call -mv finds variants in the input and none in the masked output;
#   read count, flags and positions unchanged; depth (samtools depth -a -J, deletions counted)
#   unchanged; MC equals the mate's new CIGAR; NM/MD agree with samtools calmd; no fixed
#   quality marks the filled bases.
source "$(dirname "$0")/lib.sh"
need samtools bcftools python3
MP=/usr/share/samtools/test/mpileup
[ -r "$MP/mpileup.1.bam" ] && [ -r "$MP/mpileup.ref.fa" ] || fail "real data missing: install samtools-test (scripts/install-deps)"

cp "$MP/mpileup.ref.fa" real.fa
samtools faidx real.fa
calls() { bcftools mpileup -f "$2" "$1" 2>/dev/null | bcftools call -mv 2>/dev/null | grep -vc '^#' || true; }
pos_fields() { samtools view "$1" | cut -f2-4,7-9; }

for bam in mpileup.1.bam mpileup.2.bam mpileup.3.bam; do
    in=$MP/$bam
    before=$(calls "$in" real.fa)
    [ "$before" -gt 0 ] || fail "$bam: the input should show variants (got $before)"
    "$GENOVEIL" reads -q --mask-variants --reference real.fa "$in" -o "m_$bam" --report "m_$bam.json"
    samtools index "m_$bam"
    after=$(calls "m_$bam" real.fa)
    expect_eq "$after" "0" "$bam: variants called after masking (input had $before)"
    cmp -s <(pos_fields "$in") <(pos_fields "m_$bam") || fail "$bam: flags or positions changed"
    cmp -s <(samtools depth -a -J "$in") <(samtools depth -a -J "m_$bam") || fail "$bam: depth changed"
    [ "$(json "m_$bam.json" 'r["masking"]["bases_masked"]')" -gt 0 ] || fail "$bam: report shows no masked base"
    # Trimming soft clips: positions and depth still unchanged (clips never count in depth).
    "$GENOVEIL" reads -q --mask-variants --soft-clips trim --reference real.fa "$in" -o "t_$bam"
    expect_eq "$(calls "t_$bam" real.fa)" "0" "$bam (trim): variants after masking"
    cmp -s <(pos_fields "$in") <(pos_fields "t_$bam") || fail "$bam (trim): flags or positions changed"
    cmp -s <(samtools depth -a -J "$in") <(samtools depth -a -J "t_$bam") || fail "$bam (trim): depth changed"
    [ "$(samtools view -F 4 "t_$bam" | awk '$6 ~ /S/' | grep -c . || true)" -eq 0 ] || fail "$bam (trim): soft clips remain"
    echo "  $bam: $before variants before, 0 after"
done
pass "real data: no variant left, positions and depth unchanged"

# Synthetic data with planted heterozygous SNPs, indels, clips, splices, supplementary reads.
python3 "$TEST_DATA/reads/gen_reads.py" --pairs 3000 --seed 5 syn.sam syn.fa
samtools faidx syn.fa
samtools sort -o syn.bam syn.sam 2>/dev/null
samtools index syn.bam
[ "$(calls syn.bam syn.fa)" -gt 20 ] || fail "synthetic input should show the planted SNPs"
"$GENOVEIL" reads -q --mask-variants --reference syn.fa --keep-tags RG,MC,SA,NM,MD,NH syn.bam -o ms.bam --report ms.json
samtools index ms.bam
expect_eq "$(calls ms.bam syn.fa)" "0" "synthetic: variants after masking"
cmp -s <(pos_fields syn.bam) <(pos_fields ms.bam) || fail "synthetic: flags or positions changed"
# No I, D, X, = or P left; splices kept.
[ "$(samtools view ms.bam | cut -f6 | grep -c '[IDX=P]' || true)" -eq 0 ] || fail "masked CIGARs still hold I/D/X/=/P"
[ "$(samtools view ms.bam | cut -f6 | grep -c 'N' || true)" -gt 0 ] || fail "splice N operations were lost"
# MC of every paired primary equals the CIGAR of its mate in the output.
samtools view -F 0x904 ms.bam | awk -F'\t' '{mc=""; for (i=12;i<=NF;i++) if ($i ~ /^MC:Z:/) mc=substr($i,6);
    key=$1; if (int($2/64)%2 == 1) r1[key]=$6 "|" mc; else r2[key]=$6 "|" mc}
    END {bad=0; n=0; for (k in r1) if (k in r2) {split(r1[k],a,"|"); split(r2[k],b,"|"); n++;
         if (a[2] != b[1] || b[2] != a[1]) bad++} print n, bad}' >mc.txt
read -r npairs nbad <mc.txt
[ "$npairs" -gt 2000 ] || fail "too few pairs checked for MC ($npairs)"
expect_eq "$nbad" "0" "pairs whose MC disagrees with the mate's CIGAR"
# NM/MD as samtools calmd computes them for the new alignment.
nm_of() { awk -F'\t' '{nm="-"; for (i=12;i<=NF;i++) if ($i ~ /^NM:i:/) nm=$i; print nm}'; }
samtools view ms.bam | nm_of >nm_ours.txt
samtools calmd -b ms.bam syn.fa 2>/dev/null | samtools view | nm_of >nm_calmd.txt
paste nm_ours.txt nm_calmd.txt | awk '$1 != "-"' >nm_pairs.txt
[ "$(wc -l <nm_pairs.txt)" -gt 5000 ] || fail "too few NM tags written"
[ "$(awk '$1 != $2' nm_pairs.txt | wc -l)" -eq 0 ] || fail "NM differs from samtools calmd"
# SA entries carry masked CIGARs (no I/D).
[ "$(samtools view ms.bam | grep -o 'SA:Z:[^[:space:]]*' | grep -c '[0-9][ID]' || true)" -eq 0 ] || fail "SA CIGARs not masked"
pass "synthetic: MC, SA, NM consistent; CIGARs plain"

# Qualities do not mark edits: the filled bases of 50M3D50M reads are not one constant value.
samtools view syn.bam | awk '$6 == "50M3D50M" {print $1}' | sort >del_names.txt
[ "$(wc -l <del_names.txt)" -gt 20 ] || fail "too few deletion reads in the fixture"
"$GENOVEIL" reads -q --read-names keep --mask-variants --reference syn.fa syn.bam -o keepnames.sam
awk -F'\t' 'NR==FNR {d[$1]=1; next} !/^@/ && ($1 in d) && $6 == "103M" {print substr($11, 51, 3)}' del_names.txt keepnames.sam \
    | fold -w1 | sort -u | wc -l >distinct.txt
[ "$(cat distinct.txt)" -gt 5 ] || fail "filled bases use only $(cat distinct.txt) quality values: a marker"
pass "filled bases take varied qualities (no marker value)"

# Unmapped reads cannot be masked against the reference: their bases become N.
[ "$(samtools view -f 4 ms.bam | cut -f10 | grep -c '[ACGT]' || true)" -eq 0 ] || fail "unmapped reads still carry bases"
[ "$(json ms.json 'r["masking"]["unaligned_reads_set_to_N"]')" -gt 0 ] || fail "report: unaligned reads"
pass "unmapped reads set to N"
echo "reads_mask_test: ok"
