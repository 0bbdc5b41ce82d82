#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the synthetic seed corpora of the libFuzzer harnesses into corpus/<harness>/seed_*.

Deterministic; rerun after changing a seed. Regression inputs (crash_*, regress_*) found by
fuzzing live beside the seeds and are never touched by this script."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(harness, name, data):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, "seed_" + name), "wb") as f:
        f.write(data)


VCF_LINES = [
    "chr1\t100\trs123;id7\tA\tG\t50\tPASS\tDP=10;SID=alice\tGT:DP:SID\t0|1:10:alice\t1/1:3:bob\t./.:.:carol",
    "chr1\t150\t.\tAC\tA,ACC\t.\tLowQual;q10\tAF=0.1,0.2;DB\tGT:AD\t0/2:1,2,3\t1|2:0,1,1\t./.:.",
    "chr2\t7\trs9\tN\t<DEL>\t3.5e1\t.\tEND=900\tGT\t0\t1\t.",
    "chr2\t8\t.\tG\tG]chr1:100]\t.\t.\t.\tGT:GQ\t|0|1:5\t/1/0:.\t0/1/1:7.5",
    "chrM\t16000\tid1;rs77;rs\tT\t*,.T,T.\t0\tPASS\t.\tGT\t0|0\t1|0\t.|.",
    "chr1\t600\t.\ta\tc\t.\t.\t.\tGT:SID\t0/1\t1/1:x\t0/0:y:z",
]


def vcf():
    for i, l in enumerate(VCF_LINES):
        write("vcf_record", "line%d" % i, l + "\n")
    write("vcf_record", "all", "\n".join(VCF_LINES) + "\n")
    configs = [bytes([0, 0, 0, 0, 0]), bytes([0x21, 0x1a, 0x0f, 0x07, 0x05]), bytes([0x04, 0x02, 0x03, 0, 0x0b]),
               bytes([0xd8, 0x09, 0, 0x3f, 0x1f]), bytes([0x02, 0x30, 0x08, 0x01, 0x03])]
    for i, c in enumerate(configs):
        write("vcf_record_config", "cfg%d" % i, c + ("\n".join(VCF_LINES) + "\n").encode())


def gt():
    for i, (n, g) in enumerate([(2, "0/1"), (2, "|0|1"), (2, "./."), (1, "0"), (3, "0|2|1"), (12, "10/3"),
                                 (2, "1/."), (4, "3")]):
        write("scan_gt", "gt%d" % i, bytes([n - 1]) + g.encode())


def regions():
    for i, s in enumerate(["chr1", "chr1:100-200,chr2:5", "chr1:100-", "chrUn_xyz:1-1,chr1:5-10,chr1:8-20",
                           "HLA-A*01:01:1-100", "chr1:1-2147483647"]):
        write("region_list", "list%d" % i, s)
    write("region_line", "bed", b"\x01" + b"track name=x\n#comment\nchr1\t0\t100\nchr1\t50\t150\tname\t0\t+\nchr2\t10\t10\n")
    write("region_line", "tsv", b"\x00" + b"chr1\t100\nchr1\t200\t300\nchr2\t5\t\n\r\nbrowser x\n")


POLICY_MINIMAL = """name = "minimal"

[vcf]
ids = "rs"
keep_info = []
keep_format = ["GT"]
sites_only = false
fill_tags = []
min_mac = 0
unphase = false
keep_order = false

[reads]
read_names = "hmac"
keep_tags = ["RG"]
drop_tags = []
qual_bins = "none"
drop_quals = false
drop_unmapped = false
drop_secondary = false
drop_supplementary = false
mask_variants = false
soft_clips = "mask"
"""


def policy():
    write("policy", "minimal", POLICY_MINIMAL)
    write("policy", "override", 'base = "minimal"\nname = "site-x"\n[vcf]\nkeep_info = ["DP", "AF"]\n'
                                'fill_tags = ["AC", "AN"]\nmin_mac = 3\n[reads]\nqual_bins = "illumina8"\n')
    write("policy", "unknown_key", 'name = "x"\ncolour = "blue"\n')
    write("policy", "wrong_type", '[vcf]\nmin_mac = "three"\nsites_only = 1\n')
    write("policy", "quoted", 'name = "a\\"b\\u0001c"\n[vcf]\nkeep_format = ["GT", "DP"]\nids = "keep"\n')


def keys():
    write("key_file", "key32", bytes(range(32)))
    write("key_file", "key31", bytes(range(31)))
    write("key_file", "key33", bytes(range(33)))
    write("key_file", "empty", b"")


SAM_LINES = [
    "r001\t99\tchr1\t7\t30\t8M2I4M1D3M\t=\t37\t39\tTTAGATAAAGGATACTG\t*\tRG:Z:rg1\tNM:i:3\tMD:Z:4A3^T3\tBC:Z:ACGT",
    "r001\t147\tchr1\t37\t30\t9M\t=\t7\t-39\tCAGCGGCAT\tIIIIIIIII\tRG:Z:rg1\tMC:Z:8M2I4M1D3M",
    "r002\t0\tchr1\t9\t30\t3S6M1P1I4M\t*\t0\t0\tAAAAGATAAGGATA\t*\tSA:Z:chr2,100,+,5S9M,30,1;",
    "r003\t2064\tchr2\t9\t30\t5H6M\t*\t0\t0\tAGCTAA\t*\tRG:Z:unknown\tXA:Z:chr1,+5,6M,0;",
    "r004\t4\t*\t0\t0\t*\t*\t0\t0\tACGTNACGT\t#########\tRG:Z:rg2\tNH:i:2",
    "r005\t256\tchr2\t250\t0\t10M5N20M\t*\t0\t0\t*\t*",
    "r006\t16\tchr1\t1990\t60\t5M6S\t*\t0\t0\tGGGGGTTTTTT\tABCDEFGHIJK\tRG:Z:rg2\tXY:B:c,1,-2,3\tZF:f:1.5\tZH:H:1AE301",
]


def sam():
    body = "\n".join(SAM_LINES) + "\n"
    for i, cfg in enumerate([(0, 0), (4, 0x40), (4 | 8 | 16, 0x20), (1 | 4 | 0x20 | 0x40, 0x0f), (2 | 0x80, 0x13 | 0x60),
                             (0x34, 0x80)]):
        write("reads_sam", "cfg%d" % i, bytes(cfg) + body.encode())
    for i, l in enumerate(SAM_LINES):
        write("reads_sam", "line%d" % i, bytes([4, 0x40]) + (l + "\n").encode())


def bam_record(qname, flag, tid, pos, cigar, seq_len, aux, mtid=0, mpos=0, consistent=True):
    out = bytes([len(qname)]) + qname
    out += struct.pack(">H", flag)
    out += bytes([tid + 1])
    out += struct.pack(">h", pos)
    out += bytes([30, len(cigar)])
    for length, op in cigar:
        out += struct.pack(">H", (length << 4) | op)
    out += bytes([0x80 if consistent else seq_len])
    n = seq_len
    out += bytes([0x12, 0x48] * ((n + 1) // 2))[: (n + 1) // 2]
    out += bytes([30] * n)
    out += bytes([len(aux)]) + aux
    out += bytes([mtid + 1]) + struct.pack(">h", mpos)
    return out


def bam():
    rg = b"RGZrg1\x00"
    recs = [
        bam_record(b"read1", 99, 0, 6, [(8, 0), (2, 1), (4, 0), (1, 2), (3, 0)], 17, rg + b"NMC\x03" + b"MDZ4A3^T3\x00"),
        bam_record(b"read2", 0, 1, 9, [(3, 4), (6, 0), (1, 6), (1, 1), (4, 0)], 14, b"SAZchr2,100,+,5S9M,30,1;\x00"),
        bam_record(b"read3", 4, -1, -1, [], 9, b"RGZrg2\x00NHC\x02", consistent=False),
        bam_record(b"read4", 0, 0, 100, [(10, 0)], 0, b"XYBc\x03\x00\x00\x00\x01\xfe\x03", consistent=False),
        bam_record(b"read5", 0, 0, 50, [(5, 0), (3, 11), (5, 0)], 10, b"ZZQ1"),
    ]
    for i, cfg in enumerate([(0, 0), (4, 0x40), (4 | 8, 0x20), (1 | 4 | 0x30, 0x0f)]):
        write("reads_bam", "cfg%d" % i, bytes(cfg) + b"".join(recs))


SAM_HEADER = ("@HD\tVN:1.6\tSO:queryname\n@SQ\tSN:chr1\tLN:2000\tUR:/home/alice/ref.fa\tAS:GRCh38\n"
              "@SQ\tSN:chr2\tLN:300\tM5:0123456789abcdef0123456789abcdef\n"
              "@RG\tID:rg1\tSM:alice\tPL:ILLUMINA\tPU:FC1.1\tDT:2020-01-01\n@RG\tID:rg2\tSM:alice\tLB:lib1\n"
              "@PG\tID:bwa\tPN:bwa\tCL:bwa mem ref.fa alice.fq\n@CO\tpatient alice, born 1970\n")


def headers():
    write("reads_header", "hashed", b"\x01" + SAM_HEADER.encode())
    write("reads_header", "kept", b"\x00" + SAM_HEADER.replace("queryname", "coordinate").encode())
    vh = ("##fileformat=VCFv4.2\n##fileDate=20200101\n##source=caller\n##reference=file:///home/alice/ref.fa\n"
          "##FILTER=<ID=LowQual,Description=\"low\">\n##ALT=<ID=DEL,Description=\"Deletion\">\n"
          "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
          "##INFO=<ID=SID,Number=1,Type=String,Description=\"id\">\n"
          "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
          "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"AD\">\n"
          "##contig=<ID=chr1,length=1000,assembly=b38,md5=abc>\n"
          "##SAMPLE=<ID=alice,Sex=F>\n##PEDIGREE=<Child=alice,Mother=carol>\n"
          "##GATKCommandLine=<ID=x,CommandLine=\"gatk -I /home/alice.bam\">\n"
          "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\talice\tbob\tcarol\n")
    for i, c in enumerate([0, 2 | 4, 1 | 8, 16 | 8 | 4 | 2]):
        write("vcf_header", "choice%d" % i, bytes([c]) + vh.encode())
    write("vcf_header", "sites", b"\x00" + b"##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")


def release_inputs():
    write("site_list", "tsv", "#CHROM\tPOS\tREF\tALT\nchr1\t100\tA\tG\nchr1\t200\tC\tT,A\nchrX\t5\tG\t<DEL>\n")
    write("site_list", "crlf", "1\t10\tA\tC\r\n1\t11\tAC\tA\r\n")
    write("site_list", "duplicate", "chr1\t100\tA\tG\nchr1\t100\tA\tG\n")
    write("site_list", "vcf", "##fileformat=VCFv4.2\n##contig=<ID=chr1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
          "chr1\t100\t.\tA\tG\t.\t.\t.\n")
    write("groups", "basic", "S1\tEUR\nS2\tAFR\n# comment\n\nNA12878\tEUR\n")
    write("groups", "bad", "S1\tEUR\nS1\tAFR\nx y\tbad name\n")
    entry = ('{"dataset":"hmac-sha256:AAAA","sites":"sha256:bb","mechanism":"discrete_gaussian","rho_charged":0.25,'
             '"rho_exact":"1/4","sigma2":40,"request":"sha256:r1","plan":"sha256:p1","cap":"1"}')
    write("ledger", "append", "\x01" + entry + "\n" + entry.replace("0.25", "0.5").replace("1/4", "1/2") + "\n")
    write("ledger", "append_odd", "\x01" + '{"rho_charged":1e308,"rho_exact":"99999999999999999999/3"}\n{"rho_charged":0}\n')
    write("ledger", "raw", "\x00" + entry + "\n")
    write("ledger", "raw_types", "\x00" + '{"prev":5,"rho_charged":"x","mac":[]}\n')


if __name__ == "__main__":
    vcf()
    gt()
    regions()
    policy()
    keys()
    sam()
    bam()
    headers()
    release_inputs()
