#!/usr/bin/env python3
"""Tables for Results/inference/README.md, from the study's summary.csv.

    python3 Results/inference/tables.py [path/to/summary.csv]

Prints Markdown: coverage (± its Monte Carlo SE) per parameter and the mean
interval width for each interval estimator, and the share of replicates in
which AIC, BIC and ICL chose the true K (± MCSE), with the shares over and under.
Standard library only; every number comes from summary.csv.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "summary.csv")
rows = list(csv.DictReader(open(path, newline="")))
PARAMETERS = ["weight1", "mean1", "mean2", "sd1", "sd2"]   # weight2's interval is weight1's mirrored: the same coverage


def cell(row, p):
    if row.get(f"{p}_coverageN", "0") in ("", "0"):
        return "—"
    return f"{float(row[p + '_coverage']):.3f} ± {float(row[p + '_coverageSE']):.3f}"


print("### Coverage of nominal 95 % intervals (± Monte Carlo SE)\n")
print("| truth | estimator | n | " + " | ".join(PARAMETERS) + " | intervals / replicates | width mean1 | width sd1 |")
print("|---|---|---|" + "---|" * len(PARAMETERS) + "---|---|---|")
for r in rows:
    if r.get("weight1_coverageN", "") == "":
        continue
    if not r["estimator"].startswith(("wald", "bootstrap")):
        continue
    counts = min(int(r[f"{p}_coverageN"]) for p in PARAMETERS)
    width = lambda p: f"{float(r[p + '_width']):.3g}" if r[p + "_width"] else "—"
    print(f"| {r['truth']} | {r['estimator']} | {r['n']} | " + " | ".join(cell(r, p) for p in PARAMETERS)
          + f" | {counts} / {r['replicates']} | {width('mean1')} | {width('sd1')} |")

print("\n### Choosing K among 1–4: share choosing the true K (± MCSE), over / under\n")
print("| truth (K) | variance | n | replicates | AIC | BIC | ICL |")
print("|---|---|---|---|---|---|---|")
K = {"one": 1, "separated": 2, "overlap": 2, "three": 3}
for r in rows:
    if r.get("ecrBIC", "") == "":
        continue
    def crit(c):
        return (f"{float(r['ecr' + c]):.3f} ± {float(r['ecr' + c + 'SE']):.3f} "
                f"({float(r['over' + c]):.2f} / {float(r['under' + c]):.2f})")
    variance = r["estimator"].replace("select-", "")
    print(f"| {r['truth']} ({K.get(r['truth'], '?')}) | {variance} | {r['n']} | {r['replicates']} | "
          + " | ".join(crit(c) for c in ["AIC", "BIC", "ICL"]) + " |")
