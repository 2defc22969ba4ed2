#!/usr/bin/env python3
"""Tables for Results/convergence/README.md, from the study's own files.

    python3 Results/convergence/tables.py [path/to/emlab]

1. population.csv: `emlab theory` for every truth of Experiments/convergence.toml
   under the model its estimators fit (free weights and per-component variances
   for the two-component truths; fixed weights and known σ for the symmetric
   ones), at each n of the study: the population rate λ, its eigenvalues, and the
   iterations |Δℓ| < 1e-10 needs from the population quantile start.
2. Markdown tables on standard output, from summary.csv and population.csv.

Standard library only; the numbers come from emlab.
"""
import csv
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EMLAB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", ".build", "release", "emlab")

try:
    import tomllib
except ImportError:  # Python < 3.11
    sys.exit("tables.py needs Python 3.11 or later (tomllib)")

with open(os.path.join(HERE, "..", "..", "Experiments", "convergence.toml"), "rb") as f:
    experiment = tomllib.load(f)

summary = list(csv.DictReader(open(os.path.join(HERE, "summary.csv"))))
sizes = sorted({int(r["n"]) for r in summary})

population = []
for name, truth in experiment["truths"].items():
    symmetric = name.startswith("sym-")
    for n in sizes:
        if not any(r["truth"] == name and int(r["n"]) == n for r in summary):
            continue
        args = [EMLAB, "theory", "--weights", ",".join(map(str, truth["weights"])),
                "--means=" + ",".join(map(str, truth["means"])), "--sds", ",".join(map(str, truth["sds"])),
                "-n", str(n), "--tol", "1e-10", "--format", "json"]
        if symmetric:
            args += ["--variance", "known", "--fixed-weights"]
        out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
        population.append({"truth": name, "n": n, "rate": out["rateTheoretical"],
                           "rate2": out["rateEigenvalues"][1] if len(out["rateEigenvalues"]) > 1 else "",
                           "iterationsPredicted": out["iterationsPredicted"],
                           "startGapPerObservation": out["startGapPerObservation"]})

with open(os.path.join(HERE, "population.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["truth", "n", "rate", "rate2", "iterationsPredicted", "startGapPerObservation"],
                       lineterminator="\n")
    w.writeheader()
    for row in population:
        w.writerow({k: repr(v) if isinstance(v, float) else v for k, v in row.items()})

pop = {(p["truth"], p["n"]): p for p in population}


def cell(truth, n, estimator):
    for r in summary:
        if r["truth"] == truth and int(r["n"]) == n and r["estimator"] == estimator:
            return r
    return None


def num(x, digits=4):
    if x in ("", None):
        return "–"
    v = float(x)
    if not math.isfinite(v):
        return "–"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.{digits}g}"


print("## Two components: rates\n")
print("| truth | n | λ population | λ at the MLE (median) | empirical, EM (median) | EM iterations (median) | predicted (median) | population prediction | cap | gap left, \\|Δℓ\\| (median) | gap left, Aitken (median) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name in experiment["truths"]:
    if name.startswith("sym-"):
        continue
    for n in sizes:
        r = cell(name, n, "em-loglik")
        a = cell(name, n, "em-aitken")
        if r is None:
            continue
        p = pop[(name, n)]
        print(f"| {name} | {n} | {num(p['rate'], 6)} | {num(r['rateTheoreticalMedian'], 6)} | {num(r['rateEmpiricalMedian'], 6)} | "
              f"{num(r['iterationsMedian'])} | {num(r['iterationsPredictedMedian'])} | {num(p['iterationsPredicted'])} | "
              f"{num(r['stop_iteration-cap'], 3)} | {num(r['logLikelihoodGapMedian'], 3)} | {num(a['logLikelihoodGapMedian'], 3)} |")

print("\n## Two components: SQUAREM against EM (median E-steps)\n")
print("| truth | n | EM \\|Δℓ\\| | SQUAREM \\|Δℓ\\| | saving | EM Aitken | SQUAREM Aitken | saving | degenerate EM / SQUAREM |")
print("|---|---|---|---|---|---|---|---|---|")
for name in experiment["truths"]:
    if name.startswith("sym-"):
        continue
    for n in sizes:
        e, s, ea, sa = (cell(name, n, x) for x in ["em-loglik", "squarem-loglik", "em-aitken", "squarem-aitken"])
        if e is None:
            continue
        def saving(x, y):
            return f"{float(x['eStepsMedian']) / float(y['eStepsMedian']):.1f}×" if x["eStepsMedian"] and y["eStepsMedian"] else "–"
        print(f"| {name} | {n} | {num(e['eStepsMedian'])} | {num(s['eStepsMedian'])} | {saving(e, s)} | "
              f"{num(ea['eStepsMedian'])} | {num(sa['eStepsMedian'])} | {saving(ea, sa)} | {num(e['stop_degenerate'], 3)} / {num(s['stop_degenerate'], 3)} |")

print("\n## The symmetric model\n")
print("| θ | n | λ population | second eigenvalue | λ at the MLE (median) | empirical (median) | EM iterations (median) | SQUAREM E-steps (median) |")
print("|---|---|---|---|---|---|---|---|")
for name, truth in experiment["truths"].items():
    if not name.startswith("sym-"):
        continue
    for n in sizes:
        r, s = cell(name, n, "sym-em"), cell(name, n, "sym-squarem")
        if r is None:
            continue
        p = pop[(name, n)]
        print(f"| {truth['means'][0]} | {n} | {num(p['rate'], 6)} | {num(p['rate2'], 6)} | {num(r['rateTheoreticalMedian'], 6)} | "
              f"{num(r['rateEmpiricalMedian'], 6)} | {num(r['iterationsMedian'])} | {num(s['eStepsMedian'])} |")
