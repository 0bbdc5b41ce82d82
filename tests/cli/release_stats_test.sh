#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A synthetic cohort with known counts at 20,000 sites, one release: the released noisy cells
# minus the true counts follow a discrete Gaussian with the stated sigma^2 (chi-square at
# alpha = 1e-6, criterion df + 6 sqrt(2 df) as privacy.md 9.2 allows; mean and variance within
# 6 SE), and the header's sigma^2, rho and epsilon(delta) agree with the ledger. Real noise
# (the ledger's fresh seed from OpenSSL), not a test seed.
source "$(dirname "$0")/lib.sh"
need bcftools python3

python3 "$TEST_DATA/release/make_cohort.py" 40 20000 7 cohort
"$GENOVEIL" release --raw --sites cohort.sites.tsv --ledger cohort.ledger --rho 0.25 -o rel.vcf cohort.vcf
bcftools query -f '%POS\t%INFO/NOISY\n' rel.vcf >noisy.tsv 2>/dev/null
grep '^##genoveil_releaseMechanism' rel.vcf >mech.txt
python3 - noisy.tsv cohort.truth.tsv mech.txt cohort.ledger <<'PY'
import json, math, re, sys
noisy = {l.split()[0]: list(map(int, l.split()[1].split(","))) for l in open(sys.argv[1])}
truth = {l.split()[0]: list(map(int, l.split()[1:])) for l in open(sys.argv[2])}
assert len(noisy) == len(truth) == 20000, (len(noisy), len(truth))
diffs = []
for pos, t in truth.items():
    v = noisy[pos]
    assert len(v) == 4, v  # 0/0, 0/1, 1/1, missing (autosome: no haploid cells)
    diffs += [v[i] - t[i] for i in range(4)]
mech = dict(kv.split("=", 1) for kv in re.search(r"<(.*)>", open(sys.argv[3]).read()).group(1).split(","))
sigma2 = int(mech["sigma2"])
assert sigma2 == math.ceil(20000 / (2 * 0.25)) == 40000, mech
assert mech["rho"] == "0.25" and mech["rho_exact"] == "1/4" and mech["sites"] == "20000", mech
entry = json.loads(open(sys.argv[4]).read().splitlines()[-1])
assert entry["sigma2"] == sigma2 and entry["rho_exact"] == "1/4" and abs(entry["rho_charged"] - 0.25) < 1e-12, entry
assert abs(float(mech["epsilon"]) - entry["epsilon"]) <= 1e-5 * entry["epsilon"] and float(mech["epsilon"]) >= entry["epsilon"], (mech, entry)
assert abs(entry["epsilon"] - 4.437) < 0.001, entry  # privacy.md 5.2: rho 0.25 at delta 1e-9

# Exact discrete Gaussian pmf, normaliser summed to +-40 sigma.
sigma = math.sqrt(sigma2)
lim = int(40 * sigma)
w = [math.exp(-x * x / (2 * sigma2)) for x in range(-lim, lim + 1)]
z = sum(w)
pmf = [x / z for x in w]
N = len(diffs)
# 50 bins of (nearly) equal probability from the exact CDF.
edges, acc, target = [], 0.0, 1 / 50
for i, p in enumerate(pmf):
    acc += p
    if acc >= target * (len(edges) + 1) and len(edges) < 49:
        edges.append(i - lim)  # bin upper edge (inclusive)
probs, prev = [], -lim - 1
cdf = 0.0
for e in edges + [lim]:
    p = sum(pmf[prev + 1 + lim:e + 1 + lim])
    probs.append(p)
    prev = e
counts = [0] * len(probs)
import bisect
for d in diffs:
    counts[bisect.bisect_left(edges, d)] += 1
chi2 = sum((c - N * p) ** 2 / (N * p) for c, p in zip(counts, probs))
df = len(probs) - 1
crit = df + 6 * math.sqrt(2 * df)
var_true = sum(p * (i - lim) ** 2 for i, p in enumerate(pmf))
mean = sum(diffs) / N
var = sum((d - mean) ** 2 for d in diffs) / (N - 1)
m4 = sum(p * (i - lim) ** 4 for i, p in enumerate(pmf))
se_var = math.sqrt((m4 - var_true ** 2) / N)
print(f"chi2 {chi2:.1f} (df {df}, critical {crit:.1f}); mean {mean:.2f} (6 SE {6 * math.sqrt(var_true / N):.2f}); "
      f"var {var:.0f} vs {var_true:.0f} (6 SE {6 * se_var:.0f})")
assert chi2 <= crit, "noise does not follow the stated discrete Gaussian"
assert abs(mean) <= 6 * math.sqrt(var_true / N), "noise is biased"
assert abs(var - var_true) <= 6 * se_var, "noise variance is not sigma^2"
PY
pass "released - true ~ discrete Gaussian(sigma^2 = 40000); header agrees with the ledger"

# Negative control: against a wrongly stated sigma^2 (x 0.85) the same test must fail.
python3 - noisy.tsv cohort.truth.tsv <<'PY'
import math, sys
noisy = {l.split()[0]: list(map(int, l.split()[1].split(","))) for l in open(sys.argv[1])}
truth = {l.split()[0]: list(map(int, l.split()[1:])) for l in open(sys.argv[2])}
diffs = [noisy[p][i] - t[i] for p, t in truth.items() for i in range(4)]
N = len(diffs)
var = sum(d * d for d in diffs) / N
wrong = 0.85 * 40000
se = math.sqrt(2 * wrong * wrong / N)
assert abs(var - wrong) > 6 * se, "the variance check cannot tell sigma^2 from 0.85 sigma^2"
PY
pass "negative control: a misstated sigma^2 is detected"
