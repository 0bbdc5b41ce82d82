# SPDX-License-Identifier: MIT
# Leak harness (issue 5): plant identifier strings in every free-text place of generated VCF
# and SAM fixtures, run a command, decode everything it wrote and fail on any planted string.
# Source it after lib.sh. Any command can use it:
#
#   here=$(cd "$(dirname "$0")" && pwd)   # before lib.sh, which changes directory
#   source "$here/lib.sh"
#   source "$here/leak_harness.sh"
#   leak_make_vcf in.vcf                   # fixture with identifiers in every field
#   leak_make_sam in.sam ref.fa            # fixture (and its reference) likewise
#   leak_run vcf-default out -- "$GENOVEIL" vcf -o out/x.vcf.gz --report out/r.json in.vcf
#
# leak_run LABEL DIR -- CMD...: runs CMD with stdout and stderr saved in DIR, then decodes every
# file in DIR (VCF/BCF with `bcftools view`, SAM/BAM/CRAM with `samtools view -h`, SEQ and QUAL
# columns left out, anything else as bytes, gunzipped when compressed) and fails with the token
# and the file when a planted identifier appears. Files named *.map (the steward's own
# original->pseudonym table, which holds identifiers by design) are skipped.
#
# Each token names the field it was planted in (lower case with underscores, so it can never
# be part of a base32 pseudonym), so a failure says where the leak came from.

LEAK_TOKENS=(
    # VCF header
    gvleak_filedate gvleak_source gvleak_reference_path gvleak_contig_assembly gvleak_contig_url
    gvleak_sample_line gvleak_sample_desc gvleak_pedigree gvleak_tool_command gvleak_gatk_command
    gvleak_comment gvleak_free_header gvleak_info_desc gvleak_format_desc gvleak_meta_line
    # VCF body
    gvleak_sample_name_a gvleak_sample_name_b gvleak_id_column gvleak_info_value gvleak_info_key
    gvleak_format_value gvleak_format_key
    # SAM header
    gvleak_hd_extra gvleak_sq_uri gvleak_sq_assembly gvleak_sq_species gvleak_sq_desc
    gvleak_rg_id gvleak_rg_sample gvleak_rg_library gvleak_rg_unit gvleak_rg_desc gvleak_rg_centre
    gvleak_rg_date gvleak_rg_program gvleak_pg_id gvleak_pg_name gvleak_pg_command gvleak_pg_desc
    gvleak_co_line gvleak_other_record
    # SAM body
    gvleak_qname gvleak_aux_barcode gvleak_aux_cell gvleak_aux_umi gvleak_aux_comment
    gvleak_aux_xa gvleak_aux_custom gvleak_aux_rg_unknown gvleak_aux_mi gvleak_aux_ox
    # definitions that are kept, with free-text descriptions
    gvleak_filter_desc gvleak_alt_desc gvleak_gt_desc
)

# Known leaks, reported but not failed until fixed (then leak_known_check fails until the token
# is taken off this list). None at present.
LEAK_KNOWN=()
LEAK_KNOWN_SEEN=()

# leak_make_vcf FILE: a VCF with a token in every header line type and every free-text column.
leak_make_vcf() {
    cat >"$1" <<'VCF'
##fileformat=VCFv4.2
##fileDate=gvleak_filedate
##source=gvleak_source
##reference=file:///home/gvleak_reference_path/ref.fa
##contig=<ID=chr1,length=1000000,assembly=gvleak_contig_assembly,URL=http://gvleak_contig_url/>
##contig=<ID=chr2,length=500000>
##FILTER=<ID=LowQual,Description="Low quality, set by gvleak_filter_desc">
##ALT=<ID=DEL,Description="Deletion gvleak_alt_desc">
##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth gvleak_info_desc">
##INFO=<ID=NOTE,Number=1,Type=String,Description="Note">
##INFO=<ID=gvleak_info_key,Number=1,Type=String,Description="Custom">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype called by gvleak_gt_desc">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth gvleak_format_desc">
##FORMAT=<ID=SID,Number=1,Type=String,Description="Sample id">
##FORMAT=<ID=gvleak_format_key,Number=1,Type=String,Description="Custom">
##SAMPLE=<ID=gvleak_sample_line,Description="gvleak_sample_desc">
##PEDIGREE=<Child=gvleak_pedigree,Mother=gvleak_sample_name_b>
##bcftools_viewCommand=view -s gvleak_tool_command in.vcf
##GATKCommandLine=<ID=HaplotypeCaller,CommandLine="HaplotypeCaller -I gvleak_gatk_command.bam">
##comment=gvleak_comment
##gvleak_meta_line=1
##free text gvleak_free_header
VCF
    printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tgvleak_sample_name_a\tgvleak_sample_name_b\tplain_sample\n' >>"$1"
    local info="DP=12;NOTE=gvleak_info_value;gvleak_info_key=x"
    local fmt="GT:DP:SID:gvleak_format_key"
    printf 'chr1\t100\trs1;gvleak_id_column\tA\tG\t50\tPASS\t%s\t%s\t0|1:5:gvleak_format_value:x\t0/0:3:gvleak_format_value:x\t1/1:7:y:z\n' "$info" "$fmt" >>"$1"
    printf 'chr1\t200\tgvleak_id_column\tC\tT,A\t.\tLowQual\t%s\t%s\t0/2:5:a:b\t1|0:3:gvleak_format_value:c\t./.:.:.:.\n' "$info" "$fmt" >>"$1"
    printf 'chr2\t300\t.\tG\t.\t.\t.\t.\tGT\t0/0\t0/0\t0/0\n' >>"$1"
}

# leak_make_sam FILE REF: a coordinate-sorted SAM with tokens in every header record and field
# and in every text aux tag, plus the reference FASTA (and .fai) it aligns to.
leak_make_sam() {
    python3 - "$1" "$2" <<'PY'
import sys
sam, ref = sys.argv[1], sys.argv[2]
x = 7
bases = []
for i in range(3000):
    x = (x * 1103515245 + 12345) & 0x7fffffff
    bases.append("ACGT"[(x >> 16) & 3])
seq = "".join(bases)
with open(ref, "w") as f:
    f.write(">chr1\n" + "\n".join(seq[i:i + 60] for i in range(0, len(seq), 60)) + "\n")
aux = "\t".join(["RG:Z:gvleak_rg_id", "BC:Z:ACGT-gvleak_aux_barcode", "CB:Z:gvleak_aux_cell", "UB:Z:gvleak_aux_umi",
                 "CO:Z:gvleak_aux_comment", "XA:Z:chr1,+100,50M,0,gvleak_aux_xa;", "ZZ:Z:gvleak_aux_custom",
                 "MI:Z:gvleak_aux_mi", "OX:Z:gvleak_aux_ox"])
with open(sam, "w") as f:
    f.write("@HD\tVN:1.6\tSO:coordinate\tZZ:gvleak_hd_extra\n")
    f.write("@SQ\tSN:chr1\tLN:3000\tUR:file:///home/gvleak_sq_uri/ref.fa\tAS:gvleak_sq_assembly\tSP:gvleak_sq_species\tDS:gvleak_sq_desc\n")
    f.write("@RG\tID:gvleak_rg_id\tSM:gvleak_rg_sample\tLB:gvleak_rg_library\tPU:gvleak_rg_unit\tDS:gvleak_rg_desc\tCN:gvleak_rg_centre\tDT:gvleak_rg_date\tPG:gvleak_rg_program\tPL:ILLUMINA\n")
    f.write("@PG\tID:gvleak_pg_id\tPN:gvleak_pg_name\tCL:bwa mem gvleak_pg_command.fq\tDS:gvleak_pg_desc\tVN:1\n")
    f.write("@CO\tgvleak_co_line\n")
    f.write("@CO\tsecond comment gvleak_other_record\n")
    for i in range(40):
        pos = 1 + 60 * i
        name = "gvleak_qname_%d" % i
        s = seq[pos - 1:pos + 49]
        extra = "\tRG:Z:gvleak_aux_rg_unknown" if i == 7 else ""
        f.write("%s\t%d\tchr1\t%d\t60\t50M\t*\t0\t0\t%s\t%s\t%s%s\n" % (name, 0 if i % 2 else 16, pos, s, "I" * 50,
                                                                 aux if i != 7 else aux.replace("RG:Z:gvleak_rg_id\t", ""), extra))
PY
    samtools faidx "$2"
}

# leak_decode FILE: print FILE in the form a reader would see it.
leak_decode() {
    local f=$1
    case "$f" in
        *.vcf|*.vcf.gz|*.bcf) bcftools view --no-version "$f" 2>/dev/null || zcat -f "$f" ;;
        *.sam|*.bam|*.cram)
            # Header, and records without SEQ (10) and QUAL (11): masked bases are not text.
            samtools view --no-PG -h "$f" 2>/dev/null | awk 'BEGIN{FS=OFS="\t"} /^@/{print; next} {$10="*"; $11="*"; print}' ;;
        *) zcat -f "$f" ;;
    esac
}

# leak_scan LABEL FILE...: fail when a planted token is in any decoded file (case-insensitive).
leak_scan() {
    local label=$1 f t hits=""
    shift
    for f in "$@"; do
        case "$f" in *.map) continue ;; esac
        leak_decode "$f" >"$CAP/leak.decoded" || true
        # Also the raw bytes (gunzipped), for what a decoder would hide.
        zcat -f "$f" >"$CAP/leak.raw" 2>/dev/null || cp "$f" "$CAP/leak.raw"
        for t in "${LEAK_TOKENS[@]}"; do
            local where=""
            if grep -qiF -- "$t" "$CAP/leak.decoded"; then
                where="$(basename "$f")"
            elif [[ "$f" != *.sam && "$f" != *.bam && "$f" != *.cram ]] && grep -qiaF -- "$t" "$CAP/leak.raw"; then
                where="$(basename "$f") (raw bytes)"
            fi
            [ -n "$where" ] || continue
            if in_list "$t" "${LEAK_KNOWN[@]}"; then
                echo "known leak: $label: $t in $where"
                LEAK_KNOWN_SEEN+=("$t")
            else
                hits+="$t in $where; "
            fi
        done
    done
    rm -f "$CAP/leak.decoded" "$CAP/leak.raw"
    [ -z "$hits" ] || fail "$label leaks: $hits"
}

# leak_run LABEL DIR -- CMD...: run, then scan every file in DIR (stdout and stderr included).
leak_run() {
    local label=$1 dir=$2
    shift 2
    [ "$1" = -- ] && shift
    mkdir -p "$dir"
    local rc=0
    "$@" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || rc=$?
    [ "$rc" -eq 0 ] || fail "$label: exit $rc: $(head -c 300 "$dir/stderr.txt")"
    local files=()
    while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -type f | sort)
    leak_scan "$label" "${files[@]}"
    pass "$label: no planted identifier in ${#files[@]} files"
}

# leak_known_check: after all runs, fail when a known leak no longer shows (it was fixed: take it
# off LEAK_KNOWN so that it fails from now on).
leak_known_check() {
    local t
    for t in "${LEAK_KNOWN[@]}"; do
        in_list "$t" "${LEAK_KNOWN_SEEN[@]}" ||
            fail "known leak $t no longer shows: it is fixed, take it off LEAK_KNOWN in leak_harness.sh"
    done
}
