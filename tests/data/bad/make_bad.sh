#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Generate the binary and large hostile inputs of tests/data/bad/ (see README.md) into OUTDIR.
# Deterministic: the same tools give the same bytes on every run (no timestamps, fixed seeds).
#   tests/data/bad/make_bad.sh OUTDIR
# Needs bgzip, gzip, samtools, bcftools and python3 (scripts/install-deps).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make_bad.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# A valid VCF large enough for several BGZF blocks (about 200 KB of text, 4 blocks).
python3 - >big.vcf <<'PY'
print("##fileformat=VCFv4.2")
print('##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">')
print('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">')
print("##contig=<ID=chr1,length=10000000>")
print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join("S%d" % i for i in range(20)))
x = 7
for i in range(2000):
    gts = []
    for s in range(20):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        gts.append("0/0 0/1 1/1 0|1".split()[(x >> 16) & 3])
    print("chr1\t%d\trs%d\tA\tG\t50\tPASS\tDP=%d\tGT\t%s" % (1000 + 10 * i, i, i % 90, "\t".join(gts)))
PY
bgzip -c big.vcf >big.vcf.gz
size=$(stat -c %s big.vcf.gz)
# BSIZE (bytes 16-17 of a block header) + 1 = the block's size.
first_block=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(18); print(int.from_bytes(d[16:18],"little")+1)' big.vcf.gz)

head -c 10 big.vcf.gz >"$out/bgzf_trunc_in_header.vcf.gz"
head -c 2000 big.vcf.gz >"$out/bgzf_trunc_in_block.vcf.gz"
head -c "$first_block" big.vcf.gz >"$out/bgzf_trunc_at_block.vcf.gz"
head -c $((size / 2)) big.vcf.gz >"$out/bgzf_trunc_half.vcf.gz"
head -c $((size - 28)) big.vcf.gz >"$out/bgzf_no_eof.vcf.gz"
head -c $((size - 10)) big.vcf.gz >"$out/bgzf_trunc_in_eof.vcf.gz"
# Bad CRC32 in the first block (its last 8 bytes are CRC32 and ISIZE).
python3 - big.vcf.gz "$first_block" "$out/bgzf_bad_crc.vcf.gz" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
end = int(sys.argv[2])
d[end - 8] ^= 0xff
open(sys.argv[3], "wb").write(d)
PY
# Corrupt deflate data inside the second block.
python3 - big.vcf.gz "$first_block" "$out/bgzf_bad_deflate.vcf.gz" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
at = int(sys.argv[2]) + 18 + 100
for i in range(at, at + 64):
    d[i] ^= 0x5a
open(sys.argv[3], "wb").write(d)
PY
gzip -n -c big.vcf >"$out/gzip_not_bgzf.vcf.gz"
head -c 3000 "$out/gzip_not_bgzf.vcf.gz" >"$out/gzip_not_bgzf_truncated.vcf.gz"
: | bgzip -c >"$out/bgzf_empty.vcf.gz"
: >"$out/empty"

# Deterministic noise: 64 KiB raw, and the same bytes inside valid BGZF.
python3 - "$out/noise.bin" <<'PY'
import sys
x = 12345
b = bytearray()
for i in range(65536):
    x = (x * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
    b.append(x >> 56)
open(sys.argv[1], "wb").write(b)
PY
bgzip -c "$out/noise.bin" >"$out/noise_in_bgzf.gz"
# Noise after a valid VCF header, and after a valid record.
{ head -n 5 big.vcf; head -c 4096 "$out/noise.bin"; } >"$out/noise_after_header.vcf"
{ head -n 6 big.vcf; head -c 4096 "$out/noise.bin"; } >"$out/noise_after_record.vcf"
# A NUL byte inside a record.
{ head -n 6 big.vcf; printf 'chr1\t99999\t.\tA\tG\t5\t.\t.\tGT'; for i in $(seq 20); do printf '\t0/1'; done; printf '\n' ; } |
    python3 -c 'import sys; d=sys.stdin.buffer.read(); i=d.rfind(b"\t0/1"); sys.stdout.buffer.write(d[:i+2]+b"\0"+d[i+3:])' >"$out/nul_in_record.vcf"

# NUL bytes that cut a header-checked name short: CHROM and FILTER followed by an identifier.
python3 - "$here/header_only.vcf" "$out" <<'PY'
import sys
h = open(sys.argv[1]).read()
open(sys.argv[2] + "/nul_in_chrom.vcf", "w").write(h + "chr1\0JANE_DOE_MRN123\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\t0/0\t1/1\n")
open(sys.argv[2] + "/nul_in_filter.vcf", "w").write(h + "chr1\t100\t.\tA\tG\t50\tLowQual\0JANE_DOE\t.\tGT\t0/1\t0/0\t1/1\n")
PY
# A 1 MB INFO value (legal VCF: genoveil must stream it, not choke on it).
python3 - "$here/header_only.vcf" "$out/info_1mb.vcf" <<'PY'
import sys
h = open(sys.argv[1]).read()
v = "PATIENT" * ((1 << 20) // 7 + 1)
open(sys.argv[2], "w").write(h + "chr1\t100\t.\tA\tG\t50\tPASS\tDP=3;NOTE=%s\tGT\t0/1\t0/0\t1/1\n" % v[: 1 << 20])
PY
# BCF: valid, truncated, and with bad magic.
bcftools view --no-version -Ob -o good.bcf big.vcf
bsize=$(stat -c %s good.bcf)
head -c $((bsize / 2)) good.bcf >"$out/bcf_truncated.bcf"
bgzip -dc good.bcf | python3 -c 'import sys; d=bytearray(sys.stdin.buffer.read()); d[0:5]=b"BCF\x09\x09"; sys.stdout.buffer.write(d)' |
    bgzip -c >"$out/bcf_bad_magic.bcf"

# Alignments: a small valid SAM -> BAM / CRAM, then damaged copies.
python3 - >reads.sam <<'PY'
print("@HD\tVN:1.6\tSO:coordinate")
print("@SQ\tSN:chr1\tLN:20000")
print("@RG\tID:rg1\tSM:PATIENT_JDOE\tPL:ILLUMINA")
x = 99
ref = []
for i in range(20000):
    x = (x * 1103515245 + 12345) & 0x7fffffff
    ref.append("ACGT"[(x >> 16) & 3])
ref = "".join(ref)
open("ref.fa", "w").write(">chr1\n" + "\n".join(ref[i:i + 60] for i in range(0, len(ref), 60)) + "\n")
for i in range(3000):
    pos = 1 + (i * 6) % 19800
    seq = ref[pos - 1:pos + 99]
    print("read%05d\t0\tchr1\t%d\t60\t100M\t*\t0\t0\t%s\t%s\tRG:Z:rg1" % (i, pos, seq, "I" * 100))
PY
samtools view --no-PG -b -o reads.bam reads.sam
rsize=$(stat -c %s reads.bam)
head -c $((rsize / 2)) reads.bam >"$out/bam_truncated.bam"
head -c $((rsize - 28)) reads.bam >"$out/bam_no_eof.bam"
bgzip -dc reads.bam | python3 -c 'import sys; d=bytearray(sys.stdin.buffer.read()); d[0:4]=b"BAM\x02"; sys.stdout.buffer.write(d)' |
    bgzip -c >"$out/bam_bad_magic.bam"
rfirst=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(18); print(int.from_bytes(d[16:18],"little")+1)' reads.bam)
python3 - reads.bam "$rfirst" "$out/bam_bad_crc.bam" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[int(sys.argv[2]) - 8] ^= 0xff
open(sys.argv[3], "wb").write(d)
PY
# A BAM whose header declares a huge l_text (bytes 4-7 after the magic).
bgzip -dc reads.bam | python3 -c 'import sys; d=bytearray(sys.stdin.buffer.read()); d[4:8]=(0x7ffffff0).to_bytes(4,"little"); sys.stdout.buffer.write(d)' |
    bgzip -c >"$out/bam_huge_header_length.bam"
# CRAM encoded against a reference that is then gone (fixed path so the bytes are the same).
refdir=/tmp/genoveil-make-bad-ref
rm -rf "$refdir"
mkdir -p "$refdir"
cp ref.fa "$refdir/ref.fa"
samtools faidx "$refdir/ref.fa"
# (written under a relative name: CRAM's file id holds the output name)
samtools view --no-PG -C -T "$refdir/ref.fa" -o cram_without_reference.cram reads.bam
mv cram_without_reference.cram "$out/"
rm -rf "$refdir"
csize=$(stat -c %s "$out/cram_without_reference.cram")
head -c $((csize / 2)) "$out/cram_without_reference.cram" >"$out/cram_truncated.cram"
# SAM text gzipped (not BGZF) and a SAM with an unterminated last line.
gzip -n -c reads.sam >"$out/sam_gzip_not_bgzf.sam.gz"
head -c $(( $(stat -c %s reads.sam) - 50 )) reads.sam >"$out/sam_cut_mid_line.sam"
echo "make_bad.sh: wrote $(ls "$out" | wc -l) files to $out"
