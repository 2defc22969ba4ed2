#!/usr/bin/env python3
"""Makes the EM reference fixtures Tests/Fixtures/em-*.json.

Run from the repository root:

    python3 Tests/Fixtures/make_em_fixtures.py

For each data set below and each variance model ("per-component", "shared")
this script

1. draws the data with numpy (np.random.default_rng(seed)), rounded to 6
   decimals so the JSON holds them exactly, and builds the start: weights
   1/K, means the data's quantiles at (j - 0.5)/K (numpy's default "linear"
   rule, R's type 7), every sd the overall sd of the data (divisor n, as in
   EMLab's Initialization.standardDeviation);
2. writes data + start to Tests/Fixtures/em-<name>.json (references empty);
3. fits scikit-learn's GaussianMixture from that start;
4. runs make_em_fixtures.R (Rscript) on the file for R mixtools' normalmixEM;
5. checks the two answers agree, and rewrites the file with both references.

Convergence. Both tools stop on a log-likelihood change, and at tolerances
like 1e-14 that change hits rounding noise while slow EM runs (the "overlap"
data) are still ~1e-4 (relative) away from the fixed point. So each tool runs
with its own rule first (scikit-learn tol=1e-14, mixtools epsilon=1e-14), and
is then stepped one iteration at a time with the same tool (scikit-learn
warm_start, max_iter=1; mixtools maxit=1 from the previous answer) until one
iteration moves no weight, mean or sd by more than STEP_TOLERANCE, relative.
"iterations" counts both stages.

The stored logLikelihood is recomputed from each tool's final parameters by
log-sum-exp (here in numpy for scikit-learn, in R for mixtools).

scikit-learn, numpy and R/mixtools/jsonlite are needed only to make these
fixtures; EMLab does not depend on them.
"""

import json
import math
import os
import subprocess
import tempfile
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

HERE = os.path.dirname(os.path.abspath(__file__))
R_SCRIPT = os.path.join(HERE, "make_em_fixtures.R")

STEP_TOLERANCE = 1e-14      # stop when one iteration moves every parameter by <= this, relative
MAX_ITERATIONS = 100_000
AGREEMENT = 1e-7            # required max relative difference between the tools' parameters

# name, seed, n, weights, means, sds
DATA_SETS = [
    ("separated", 20250101, 500, [0.3, 0.7], [5.0, 15.0], [2.0, 2.0]),
    ("overlap", 20250102, 800, [0.5, 0.5], [0.0, 2.0], [1.0, 1.5]),
    ("three", 20250103, 600, [0.2, 0.5, 0.3], [-4.0, 0.0, 5.0], [1.0, 0.7, 1.5]),
]
VARIANCES = ["per-component", "shared"]


def draw(seed, n, weights, means, sds):
    rng = np.random.default_rng(seed)
    labels = rng.choice(len(weights), size=n, p=weights)
    x = rng.normal(np.asarray(means)[labels], np.asarray(sds)[labels])
    return [float(v) for v in np.round(x, 6)]


def start_for(data, k):
    x = np.asarray(data)
    means = [float(np.quantile(x, (j + 0.5) / k)) for j in range(k)]
    sd = float(np.std(x))  # divisor n
    return {"weights": [1.0 / k] * k, "means": means, "sds": [sd] * k}


def log_likelihood(data, weights, means, sds):
    """Sum over points of log Σ_k w_k N(x; μ_k, σ_k²), by log-sum-exp."""
    x = np.asarray(data)[:, None]
    w, m, s = (np.asarray(v, dtype=float)[None, :] for v in (weights, means, sds))
    terms = np.log(w) - 0.5 * math.log(2 * math.pi) - np.log(s) - 0.5 * ((x - m) / s) ** 2
    top = terms.max(axis=1)
    per_point = top + np.log(np.exp(terms - top[:, None]).sum(axis=1))
    return math.fsum(per_point.tolist())


def em_step(data, weights, means, sds, shared):
    """One textbook EM iteration (diagnostic only: how far an answer is from a fixed point)."""
    x = np.asarray(data)[:, None]
    w, m, s = (np.asarray(v, dtype=float)[None, :] for v in (weights, means, sds))
    terms = np.log(w) - np.log(s) - 0.5 * ((x - m) / s) ** 2
    resp = np.exp(terms - terms.max(axis=1, keepdims=True))
    resp /= resp.sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    new_m = (resp * x).sum(axis=0) / nk
    squares = (resp * (x - new_m) ** 2).sum(axis=0)
    new_s = np.full(len(nk), math.sqrt(squares.sum() / len(data))) if shared else np.sqrt(squares / nk)
    return nk / len(data), new_m, new_s


def flat(ref):
    return np.concatenate([np.asarray(ref["weights"]), np.asarray(ref["means"]), np.asarray(ref["sds"])])


def relative_difference(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.abs(b)))


def sklearn_parameters(gm, k, shared):
    weights = gm.weights_.ravel()
    means = gm.means_.ravel()
    cov = gm.covariances_.ravel()
    sds = np.full(k, math.sqrt(cov[0])) if shared else np.sqrt(cov)
    return weights, means, sds


def run_sklearn(data, k, variance, start):
    shared = variance == "shared"
    X = np.asarray(data).reshape(-1, 1)
    precisions = 1.0 / np.asarray(start["sds"]) ** 2
    gm = GaussianMixture(
        n_components=k,
        covariance_type="tied" if shared else "full",
        tol=1e-14,
        reg_covar=0.0,
        max_iter=MAX_ITERATIONS,
        n_init=1,
        weights_init=np.asarray(start["weights"]),
        means_init=np.asarray(start["means"]).reshape(k, 1),
        precisions_init=precisions[:1].reshape(1, 1) if shared else precisions.reshape(k, 1, 1),
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm.fit(X)  # stage 1: scikit-learn's own stopping rule
        iterations = gm.n_iter_
        stage1_means = np.sort(gm.means_.ravel())
        # stage 2: one EM iteration per fit() call, continuing from the current parameters
        gm.set_params(warm_start=True, max_iter=1, tol=0.0)
        previous = np.concatenate(sklearn_parameters(gm, k, shared))
        step = math.inf
        while iterations < MAX_ITERATIONS:
            gm.fit(X)
            assert gm.n_iter_ == 1
            iterations += 1
            current = np.concatenate(sklearn_parameters(gm, k, shared))
            step = relative_difference(current, previous)
            previous = current
            if step <= STEP_TOLERANCE:
                break
    if step > STEP_TOLERANCE:
        raise RuntimeError(f"scikit-learn did not settle within {MAX_ITERATIONS} iterations (last step {step})")

    weights, means, sds = sklearn_parameters(gm, k, shared)
    order = np.argsort(means)
    weights, means, sds = weights[order], means[order], sds[order]
    ref = {
        "tool": f"scikit-learn {sklearn.__version__} GaussianMixture",
        "weights": [float(v) for v in weights],
        "means": [float(v) for v in means],
        "sds": [float(v) for v in sds],
        "logLikelihood": log_likelihood(data, weights, means, sds),
        "iterations": int(iterations),
    }
    extra = {
        "scoreTimesN": float(gm.score(X)) * len(data),
        "stage1Means": stage1_means,
        "lastStep": step,
    }
    return ref, extra


def run_mixtools(path, data, start):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "mixtools.json")
        subprocess.run(["Rscript", R_SCRIPT, path, out, repr(STEP_TOLERANCE), str(MAX_ITERATIONS)], check=True)
        with open(out) as f:
            answer = json.load(f)
    # The R side must have read exactly the numbers we wrote.
    if answer["parsedData"] != data or answer["parsedStart"] != start:
        raise RuntimeError("R did not parse the fixture's data/start exactly")
    ref = {key: answer[key] for key in ("tool", "weights", "means", "sds", "logLikelihood", "iterations")}
    return ref, answer


def number(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError(v)
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError(v)
    return repr(v)


def numbers(values, per_line=None, indent=""):
    items = [number(v) for v in values]
    if per_line is None:
        return "[" + ", ".join(items) + "]"
    rows = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[\n" + ",\n".join(indent + "  " + r for r in rows) + "\n" + indent + "]"


def write_fixture(path, fixture):
    """JSON with the schema's key order, short numeric arrays on one line, data 8 per line."""
    s = fixture["start"]
    lines = [
        "{",
        f'  "name": {json.dumps(fixture["name"])},',
        f'  "variance": {json.dumps(fixture["variance"])},',
        f'  "k": {fixture["k"]},',
        f'  "data": {numbers(fixture["data"], per_line=8, indent="  ")},',
        f'  "start": {{"weights": {numbers(s["weights"])}, "means": {numbers(s["means"])}, "sds": {numbers(s["sds"])}}},',
    ]
    refs = fixture["references"]
    if refs:
        lines.append('  "references": [')
        for i, r in enumerate(refs):
            lines += [
                "    {",
                f'      "tool": {json.dumps(r["tool"])},',
                f'      "weights": {numbers(r["weights"])},',
                f'      "means": {numbers(r["means"])},',
                f'      "sds": {numbers(r["sds"])},',
                f'      "logLikelihood": {number(r["logLikelihood"])},',
                f'      "iterations": {int(r["iterations"])}',
                "    }" + ("," if i + 1 < len(refs) else ""),
            ]
        lines.append("  ]")
    else:
        lines.append('  "references": []')
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if json.loads(text) != fixture:
        raise RuntimeError(f"{path}: JSON does not round-trip")
    with open(path, "w") as f:
        f.write(text)


def main():
    summary = []
    for name, seed, n, true_w, true_m, true_s in DATA_SETS:
        data = draw(seed, n, true_w, true_m, true_s)
        k = len(true_w)
        start = start_for(data, k)
        for variance in VARIANCES:
            fixture_name = f"{name}-{variance}"
            path = os.path.join(HERE, f"em-{fixture_name}.json")
            fixture = {"name": fixture_name, "variance": variance, "k": k, "data": data,
                       "start": start, "references": []}
            write_fixture(path, fixture)

            sk, sk_extra = run_sklearn(data, k, variance, start)
            mx, mx_extra = run_mixtools(path, data, start)

            param_diff = relative_difference(flat(sk), flat(mx))
            ll_diff = abs(sk["logLikelihood"] - mx["logLikelihood"]) / abs(mx["logLikelihood"])
            if param_diff > AGREEMENT or ll_diff > 1e-10:
                raise RuntimeError(f"{fixture_name}: tools disagree (parameters {param_diff:.3g}, "
                                   f"log-likelihood {ll_diff:.3g})")

            # Diagnostics: distance of each answer from an EM fixed point (one textbook EM step),
            # and the tools' own log-likelihoods against the recomputed ones.
            residuals = []
            for ref in (sk, mx):
                w1, m1, s1 = em_step(data, ref["weights"], ref["means"], ref["sds"], variance == "shared")
                residuals.append(relative_difference(np.concatenate([w1, m1, s1]), flat(ref)))
            summary.append({
                "fixture": fixture_name,
                "params": param_diff,
                "loglik": ll_diff,
                "sk_iter": sk["iterations"], "mx_iter": mx["iterations"],
                "sk_stage1_off": relative_difference(sk_extra["stage1Means"], sk["means"]),
                "mx_stage1_off": relative_difference(mx_extra["stage1Means"], mx["means"]),
                "sk_residual": residuals[0], "mx_residual": residuals[1],
                "sk_score": abs(sk_extra["scoreTimesN"] - sk["logLikelihood"]) / abs(sk["logLikelihood"]),
                "mx_own": abs(mx_extra["toolLogLikelihood"] - mx["logLikelihood"]) / abs(mx["logLikelihood"]),
                "loglik_value": sk["logLikelihood"],
            })

            fixture["references"] = [sk, mx]
            write_fixture(path, fixture)
            print(f"wrote {os.path.relpath(path)}", flush=True)

    print("\nfixture                       rel.diff params  rel.diff logL  iters skl/mix  "
          "EM-step residual skl/mix   stage-1 means off skl/mix   score*n / mixtools-own vs recomputed")
    for s in summary:
        print(f"{s['fixture']:<29} {s['params']:>15.2e} {s['loglik']:>14.2e}  {s['sk_iter']:>5}/{s['mx_iter']:<5}  "
              f"{s['sk_residual']:>10.2e} / {s['mx_residual']:<10.2e}  "
              f"{s['sk_stage1_off']:>10.2e} / {s['mx_stage1_off']:<10.2e}  "
              f"{s['sk_score']:.2e} / {s['mx_own']:.2e}")


if __name__ == "__main__":
    main()
