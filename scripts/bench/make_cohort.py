#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Assemble a large cohort VCF from real 1000 Genomes genotypes (bio-eagle-examples).

The source has 379 samples x 2000 sites. Output column block k of site i takes the genotypes of
source site (i + 277k) mod 2000, so every row holds real, varied genotype vectors (no repeated
blocks that would compress unrealistically well). Sites are laid out on contig 21 every 400 bp.
Usage: make_cohort.py SOURCE.vcf.gz N_SAMPLES_MIN N_SITES > cohort.vcf
"""
import gzip
import sys

src, min_samples, n_sites = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows, names = [], []
with gzip.open(src, "rt") as f:
    for line in f:
        if line.startswith("##"):
            continue
        cols = line.rstrip("\n").split("\t")
        if line.startswith("#CHROM"):
            names = cols[9:]
            continue
        rows.append((cols[3], cols[4], "\t".join(cols[9:])))
blocks = -(-min_samples // len(names))
out = sys.stdout
out.write("##fileformat=VCFv4.2\n##contig=<ID=21,length=48099611>\n")
out.write('##INFO=<ID=PR,Number=0,Type=Flag,Description="Provisional reference allele">\n')
out.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
out.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT")
for k in range(blocks):
    out.write("".join(f"\tS{k}_{n}" for n in names))
out.write("\n")
n = len(rows)
for i in range(n_sites):
    ref, alt, _ = rows[i % n]
    gts = "\t".join(rows[(i + 277 * k) % n][2] for k in range(blocks))
    out.write(f"21\t{400 * i + 1}\trs{1000000 + i}\t{ref}\t{alt}\t.\tPASS\tPR\tGT\t{gts}\n")
