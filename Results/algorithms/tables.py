#!/usr/bin/env python3
"""Tables for Results/algorithms/README.md, from the study's runs.csv.

    python3 Results/algorithms/tables.py

Every fit is judged by the study itself against its data set's reference
maximum (Experiments/algorithms.toml's [reference] table; runs.csv's
logLikelihoodReference): the highest l of the data set's twelve fits (six
schemes, two starts) and of plain EM from the truth, the quantile start, a
5-point grid of means and 3 k-means++ starts, each polished by Newton steps.
runs.csv carries turboEM's failure types (turbosimMethods.Rd) as columns:
  failError        the fit stopped non-finite or degenerate;
  failNotConverged it stopped at the cap (20,000 E-step passes);
  failWorse        it converged more than 1e-6*max(1, |l_ref|) below the reference.
Standard library only.
"""
import csv
import math
import os
import statistics
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(HERE, "runs.csv"))))
SCHEMES = ["em", "squarem", "anderson", "daarem", "qn", "pem"]


def scheme(r):
    return r["estimator"].removeprefix("wn-")


def dataset(r):
    return (r["truth"], int(r["n"]), int(r["replicate"]))


def failure(r):
    for kind in ("Error", "NotConverged", "Worse"):
        if r["fail" + kind] == "1":
            return kind[0].lower() + kind[1:]
    return None


def shortfall(r):
    return float(r["logLikelihoodReference"]) - float(r["logLikelihood"])


def cell(r):
    return (r["truth"], int(r["n"]), r["init"])


by = defaultdict(list)
for r in rows:
    by[(cell(r), scheme(r))].append(r)
INITS = ["quantile", "far"]
cells = sorted({cell(r) for r in rows}, key=lambda c: (INITS.index(c[2]), c[0] == "walker-ni", c[1], c[0]))


def median(values):
    return statistics.median(values) if values else math.nan


print("## 1. Median E-step passes per fit (all fits), and EM's over each scheme's")
print()
print("| init | truth | n | λ (EM, median) | 1/(1−λ) | EM | " + " | ".join(SCHEMES[1:]) + " |")
print("|---|---|---|---|---|---|" + "---|" * (len(SCHEMES) - 1))
speedups = defaultdict(list)
for c in cells:
    em = by[(c, "em")]
    lam = median([float(r["rateTheoretical"]) for r in em if r["rateTheoretical"]])
    em_steps = median([int(r["eSteps"]) for r in em])
    parts = []
    for s in SCHEMES[1:]:
        steps = median([int(r["eSteps"]) for r in by[(c, s)]])
        parts.append(f"{steps:g} ({em_steps / steps:.1f}×)")
        if math.isfinite(lam) and lam < 1 and c[0] != "walker-ni" and c[2] == "quantile" and all(r["stopReason"] == "converged" for r in em):
            speedups[s].append((1 / (1 - lam), em_steps / steps))
    print(f"| {c[2]} | {c[0]} | {c[1]} | {lam:.4f} | {1 / (1 - lam):.0f} | {em_steps:g} | " + " | ".join(parts) + " |")
print()

print("## 2. Failures per scheme over all fits (rate ± Monte Carlo SE)")
print()
print("| init | scheme | fits | failError | failNotConverged | failWorse | median shortfall l_ref − l of failWorse |")
print("|---|---|---|---|---|---|---|")
for init, s in [(i, s) for i in INITS for s in SCHEMES]:
    fits = [r for r in rows if scheme(r) == s and r["init"] == init]
    n = len(fits)
    kinds = [failure(r) for r in fits]
    out = []
    for kind in ("error", "notConverged", "worse"):
        p = kinds.count(kind) / n
        out.append(f"{p:.3f} ± {math.sqrt(p * (1 - p) / n):.3f} ({kinds.count(kind)})")
    short = [shortfall(r) for r, k in zip(fits, kinds) if k == "worse"]
    print(f"| {init} | {s} | {n} | " + " | ".join(out) + f" | {median(short):.3g} |")
print()

print("## 3. Where each scheme fails (cells with any failure: error / notConverged / worse, of the fits)")
print()
print("| init | truth | n | " + " | ".join(SCHEMES) + " |")
print("|---|---|---|" + "---|" * len(SCHEMES))
for c in cells:
    parts = []
    for s in SCHEMES:
        kinds = [failure(r) for r in by[(c, s)]]
        parts.append(f"{kinds.count('error')}/{kinds.count('notConverged')}/{kinds.count('worse')} of {len(kinds)}")
    if any(not p.startswith("0/0/0") for p in parts):
        print(f"| {c[2]} | {c[0]} | {c[1]} | " + " | ".join(parts) + " |")
print()

print("## 4. Speed-up against 1/(1 − λ): least-squares slope of log(EM's E-steps / the scheme's) on log(1/(1 − λ)) over the two-component cells, quantile start, where every EM fit converged")
print()
print("| scheme | cells | slope | speed-up at the smallest 1/(1−λ) | at the largest |")
print("|---|---|---|---|---|")
for s in SCHEMES[1:]:
    pts = sorted(speedups[s])
    xs = [math.log(a) for a, _ in pts]
    ys = [math.log(b) for _, b in pts]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    print(f"| {s} | {len(pts)} | {slope:.2f} | {pts[0][1]:.1f}× at {pts[0][0]:.0f} | {pts[-1][1]:.1f}× at {pts[-1][0]:.0f} |")
print()

print("## 5. Walker & Ni's means-only model (n = 10,000): fits ending with μ2 > μ3 (the mean-swapped maximum)")
print()
print("| init | scheme | fits | median E-steps | μ2 > μ3 | failWorse |")
print("|---|---|---|---|---|---|")
for init, s in [(i, s) for i in INITS for s in SCHEMES]:
    fits = by[(("walker-ni", 10000, init), s)]
    swapped = sum(1 for r in fits if float(r["mean2"]) > float(r["mean3"]))
    worse = sum(1 for r in fits if failure(r) == "worse")
    print(f"| {init} | {s} | {len(fits)} | {median([int(r['eSteps']) for r in fits]):g} | {swapped} | {worse} |")
print()

print("## 6. Where each scheme ends from each start: fits ending on merged components (runs.csv `merged`: two components within 0.1 data sds in mean and sd, the ridge of identical components where EM's map has a saddle)")
print()
print("| init | " + " | ".join(SCHEMES) + " |")
print("|---|" + "---|" * len(SCHEMES))
for init in INITS:
    parts = []
    for s in SCHEMES:
        fits = [r for r in rows if scheme(r) == s and r["init"] == init]
        parts.append(f"{sum(r['merged'] == '1' for r in fits)} of {len(fits)}")
    print(f"| {init} | " + " | ".join(parts) + " |")
print()

print("## 7. Where the reference maximum came from: data sets (per truth group) whose reference no fit of the study reached within ε (`referenceHits` = 0: only the extra starts, polished, found it), and the median number of the study's twelve fits that reached it")
print()
print("| truth | n | data sets | reached by no fit | median fits reaching it (of 12) |")
print("|---|---|---|---|---|")
sets = {}
for r in rows:
    sets.setdefault(dataset(r), r)
for key in sorted({(t, n) for t, n, _ in sets}, key=lambda c: (c[0] == "walker-ni", c[1], c[0])):
    group = [r for d, r in sets.items() if d[:2] == key]
    none = sum(1 for r in group if r["referenceHits"] == "0")
    print(f"| {key[0]} | {key[1]} | {len(group)} | {none} | {median([int(r['referenceHits']) for r in group]):g} |")
