#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Synthetic cohort with known genotype-class counts, for the release tests.

make_cohort.py N_SAMPLES N_SITES SEED OUT_PREFIX writes
  OUT_PREFIX.vcf        the cohort (contig 1, biallelic SNVs, ~2% missing calls)
  OUT_PREFIX.sites.tsv  the site list (CHROM POS REF ALT)
  OUT_PREFIX.truth.tsv  POS, n(0/0), n(0/1), n(1/1), n(missing) per site
Deterministic for a given seed. No real data.
"""
import random
import sys

n, m, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(seed)
with open(out + ".vcf", "w") as vcf, open(out + ".sites.tsv", "w") as sites, open(out + ".truth.tsv", "w") as truth:
    vcf.write("##fileformat=VCFv4.2\n##contig=<ID=1,length=249000000>\n")
    vcf.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    vcf.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(f"S{i}" for i in range(n)) + "\n")
    for s in range(m):
        pos = 1000 + 10 * s
        p = rng.uniform(0.01, 0.5)
        counts = [0, 0, 0, 0]
        gts = []
        for _ in range(n):
            if rng.random() < 0.02:
                gts.append("./.")
                counts[3] += 1
                continue
            a = (rng.random() < p) + (rng.random() < p)
            counts[a] += 1
            gts.append(("0/0", "0/1", "1/1")[a] if a != 1 or rng.random() < 0.5 else "1|0")
        vcf.write(f"1\t{pos}\t.\tA\tG\t.\tPASS\t.\tGT\t" + "\t".join(gts) + "\n")
        sites.write(f"1\t{pos}\tA\tG\n")
        truth.write(f"{pos}\t{counts[0]}\t{counts[1]}\t{counts[2]}\t{counts[3]}\n")
