#!/usr/bin/env python3
"""Tables for Results/remedies/README.md, from the study's summary.csv.

    python3 Results/remedies/tables.py [path/to/summary.csv]

Prints Markdown, per data set (truth, n): for each estimator the share of
replicates whose selected fit collapsed or degenerated (± Monte Carlo SE
√(p(1−p)/R)), the bias and RMSE (± MCSE) of the narrowest true component's
sd and of its weight, the mean Wald coverage of the sds, and how often the
remedy was active and changed the fit (± MCSE). Standard library only;
every number comes from summary.csv.
"""
import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "summary.csv")
rows = list(csv.DictReader(open(path, newline="")))
# The narrow component of each truth (1-based), whose sd collapses first.
NARROW = {"narrow2": 2, "narrow3": 3, "separated": 1}


def num(row, key):
    value = row.get(key, "")
    return float(value) if value not in ("", None) else math.nan


def rate(row, key, count):
    p = num(row, key)
    return f"{p:.3f} ± {math.sqrt(p * (1 - p) / count):.3f}"


def estimate(row, key):
    value, se = num(row, key), num(row, key + "SE")
    return "—" if math.isnan(value) else f"{value:+.4f} ± {se:.4f}" if key.endswith("bias") else f"{value:.4f} ± {se:.4f}"


seen = []
for row in rows:
    key = (row["truth"], row["n"])
    if key not in seen:
        seen.append(key)
for truth, n in seen:
    block = [r for r in rows if r["truth"] == truth and r["n"] == n]
    narrow = NARROW.get(truth)
    print(f"\n### {truth}, n = {n}\n")
    header = ["estimator", "collapsed", "degenerate"]
    if narrow:
        header += [f"sd{narrow} bias", f"sd{narrow} RMSE", f"weight{narrow} RMSE", "sd coverage (mean)"]
    header += ["active", "changed"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in block:
        count = float(r["replicates"])
        cells = [r["estimator"], rate(r, "rate_collapsed", count), rate(r, "stop_degenerate", count)]
        if narrow:
            coverages = [num(r, c) for c in r if c.startswith("sd") and c.endswith("_coverage") and r[c] != ""]
            cells += [
                estimate(r, f"sd{narrow}_bias"), estimate(r, f"sd{narrow}_rmse"), estimate(r, f"weight{narrow}_rmse"),
                f"{sum(coverages) / len(coverages):.3f}" if coverages else "—",
            ]
        remedies = float(r["remedyN"] or 0)
        cells += [rate(r, "rate_remedyActive", remedies) if remedies else "", rate(r, "rate_remedyChanged", remedies) if remedies else ""]
        print("| " + " | ".join(cells) + " |")
