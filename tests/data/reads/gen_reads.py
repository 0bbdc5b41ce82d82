#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Deterministic synthetic paired-end alignments and their reference, for genoveil reads tests
and benchmarks. Nothing here comes from a real person: bases come from a fixed linear
congruential generator, so the same arguments always give the same bytes on any Python 3.

    gen_reads.py --pairs N [--seed S] [--contig-len L] OUT.sam REF.fa

The SAM is coordinate-sorted and holds, on purpose, everything genoveil reads must handle:
planted heterozygous SNPs (about half the reads carry the alternate base), insertions,
deletions, soft clips, a spliced read, unmapped mates, supplementary and secondary records
with SA/MC tags, two read groups, identifying header lines and tags (see README.md).
"""
import argparse


class Lcg:
    """64-bit LCG (Knuth MMIX constants); upper bits used."""

    def __init__(self, seed):
        self.s = (seed * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)

    def next(self, n):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        return (self.s >> 33) % n


BASES = "ACGT"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--contig-len", type=int, default=60000)
    ap.add_argument("sam")
    ap.add_argument("ref")
    a = ap.parse_args()
    rng = Lcg(a.seed)
    contigs = [("chrA", a.contig_len), ("chrB", a.contig_len // 2)]
    ref = {}
    with open(a.ref, "w") as f:
        for name, length in contigs:
            seq = "".join(BASES[rng.next(4)] for _ in range(length))
            ref[name] = seq
            f.write(">%s synthetic\n" % name)
            for i in range(0, length, 60):
                f.write(seq[i:i + 60] + "\n")
    # Heterozygous SNPs every 400 bp, alternate base = next base in ACGT.
    snps = {name: {p: BASES[(BASES.index(ref[name][p]) + 1) % 4] for p in range(150, length - 150, 400)}
            for name, length in contigs}

    def qual(n):
        return "".join(chr(33 + 2 + rng.next(40)) for _ in range(n))

    def read_seq(name, pos, length):
        s = list(ref[name][pos:pos + length])
        for p, alt in snps[name].items():
            if pos <= p < pos + length and rng.next(2):
                s[p - pos] = alt
        return "".join(s)

    def shape(name, pos):
        """(cigar, seq, ref_span) of a 100-base read at pos."""
        k = rng.next(40)
        if k == 0:  # insertion
            return "50M2I48M", read_seq(name, pos, 50) + "GT" + read_seq(name, pos + 50, 48), 98
        if k == 1:  # deletion
            return "50M3D50M", read_seq(name, pos, 50) + read_seq(name, pos + 53, 50), 103
        if k in (2, 3):  # soft clip at the start (random bases)
            return "5S95M", "".join(BASES[rng.next(4)] for _ in range(5)) + read_seq(name, pos, 95), 95
        if k == 4:  # soft clip at the end
            return "93M7S", read_seq(name, pos, 93) + "".join(BASES[rng.next(4)] for _ in range(7)), 93
        if k == 5:  # spliced
            return "40M200N60M", read_seq(name, pos, 40) + read_seq(name, pos + 240, 60), 300
        return "100M", read_seq(name, pos, 100), 100

    recs = []
    rg_ids = ["RGSECRET.L1", "RGSECRET.L2"]
    for i in range(a.pairs):
        c = 0 if rng.next(3) else 1
        name, length = contigs[c]
        pos1 = 10 + rng.next(length - 800)
        insert = 250 + rng.next(100)
        pos2 = pos1 + insert - 100
        qname = "M04321:77:FLOWCELLX9:1:%d:%d:%d" % (1101 + i % 7, 1000 + rng.next(30000), 1000 + i)
        rg = rg_ids[i % 2]
        c1, s1, sp1 = shape(name, pos1)
        c2, s2, sp2 = shape(name, pos2)
        tlen = pos2 + sp2 - pos1
        common = "RG:Z:%s\tBC:Z:ACGTTGCA-SECRETBC\tRX:Z:UMISECRET%d\tXZ:Z:CUSTOMSECRET\tCO:Z:free text SECRETCOMMENT" % (rg, i)
        if i % 50 == 7:  # mate unmapped, placed at read 1
            recs.append((c, pos1, "%s\t73\t%s\t%d\t60\t%s\t=\t%d\t0\t%s\t%s\t%s\tNM:i:0" %
                         (qname, name, pos1 + 1, c1, pos1 + 1, s1, qual(len(s1)), common)))
            s = "".join(BASES[rng.next(4)] for _ in range(100))
            recs.append((c, pos1, "%s\t133\t%s\t%d\t0\t*\t=\t%d\t0\t%s\t%s\t%s" %
                         (qname, name, pos1 + 1, pos1 + 1, s, qual(100), common)))
            continue
        sa1 = ""
        if i % 40 == 3:  # read 1 also has a supplementary alignment on the other contig
            oname, olen = contigs[1 - c]
            opos = 10 + rng.next(olen - 200)
            sa1 = "\tSA:Z:%s,%d,+,60S40M,60,0;" % (oname, opos + 1)
            recs.append((1 - c, opos, "%s\t2113\t%s\t%d\t60\t60H40M\t%s\t%d\t0\t%s\t%s\t%s\tSA:Z:%s,%d,+,%s,60,0;" %
                         (qname, oname, opos + 1, name, pos2 + 1, read_seq(oname, opos, 40), qual(40), common,
                          name, pos1 + 1, c1)))
        recs.append((c, pos1, "%s\t99\t%s\t%d\t60\t%s\t=\t%d\t%d\t%s\t%s\t%s\tMC:Z:%s\tNM:i:0\tOQ:Z:%s%s" %
                     (qname, name, pos1 + 1, c1, pos2 + 1, tlen, s1, qual(len(s1)), common, c2, qual(len(s1)), sa1)))
        secondary = i % 60 == 11  # read 2 has a secondary alignment; NH:i:2 says so, as aligners do
        nh = "\tNH:i:2" if secondary else ""
        recs.append((c, pos2, "%s\t147\t%s\t%d\t60\t%s\t=\t%d\t%d\t%s\t%s\t%s\tMC:Z:%s\tNM:i:0%s" %
                     (qname, name, pos2 + 1, c2, pos1 + 1, -tlen, s2, qual(len(s2)), common, c1, nh)))
        if secondary:
            spos = 10 + rng.next(length - 200)
            recs.append((c, spos, "%s\t419\t%s\t%d\t0\t100M\t=\t%d\t0\t*\t*\t%s\tNH:i:2" %
                         (qname, name, spos + 1, pos1 + 1, common)))
    recs.sort(key=lambda r: (r[0], r[1]))
    with open(a.sam, "w") as f:
        f.write("@HD\tVN:1.6\tSO:coordinate\n")
        for name, length in contigs:
            f.write("@SQ\tSN:%s\tLN:%d\tUR:file:///home/alice.secret/refs/SECRETREF.fa\tAS:SECRETASM\tSP:Human\n" % (name, length))
        for k, rg in enumerate(rg_ids):
            f.write("@RG\tID:%s\tSM:PATIENT_SECRET_0042\tLB:LIBSECRET%d\tPU:FLOWCELLX9.%d\tCN:SECRETCENTER\t"
                    "DT:2019-04-0%dT10:00:00\tDS:SECRETSTUDY\tPL:ILLUMINA\n" % (rg, k, k + 1, k + 1))
        f.write("@PG\tID:bwa\tPN:bwa\tVN:0.7.17\tCL:bwa mem /home/alice.secret/PATIENT_SECRET_0042_R1.fq.gz\n")
        f.write("@CO\tsequenced for PATIENT_SECRET_0042 at SECRETCENTER\n")
        for r in recs:
            f.write(r[2] + "\n")


if __name__ == "__main__":
    main()
