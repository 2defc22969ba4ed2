#!/usr/bin/env python3
"""Makes the information-criterion fixtures Tests/Fixtures/ic-*.json and the
Old Faithful data file Tests/Fixtures/faithful-waiting.txt.

Run from the repository root:

    python3 Tests/Fixtures/make_ic_fixtures.py

Data sets:
- "faithful": R's faithful$waiting (272 integer waiting times, minutes),
  written by make_ic_fixtures.R into faithful-waiting.txt;
- "three": the "three" data set of make_em_fixtures.py (n = 600, drawn from
  .2/.5/.3, -4/0/5, 1/0.7/1.5 with numpy.random.default_rng(20250103),
  rounded to 6 decimals).

For each data set, each K in 1..4 and each variance model ("per-component",
"shared") this script

1. builds EMLab's quantile start (Initialization.quantile): sort the data, cut
   it into K rank groups [j*n//K, (j+1)*n//K), and start each component at its
   group's share, mean and sd (divisor n; a group with no spread takes the sd
   of the whole data); for "shared" the sds are pooled, sd^2 = sum_k w_k sd_k^2,
   as EMLab puts a start into the model's form;
2. fits scikit-learn's GaussianMixture from that start to its fixed point
   (reg_covar=0; own rule at tol=1e-14, then one warm-started iteration at a
   time until no parameter moves by more than 1e-14, relative) and records
   gm.bic(X), gm.aic(X) (lower is better) and the log-likelihood;
3. runs make_ic_fixtures.R, which fits R mclust's em() from the same start
   and records mclust's BIC (2 loglik - p log n, larger is better) and ICL
   (mclust:::icl.Mclust: BIC + 2 sum_i log z_i,MAP);
4. checks that the two tools reached the same maximum (parameters to 1e-7,
   log-likelihood to 1e-10, relative) and writes ic-<data set>.json.

scikit-learn, numpy and R/mclust/jsonlite are needed only to make these
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
R_SCRIPT = os.path.join(HERE, "make_ic_fixtures.R")
FAITHFUL = os.path.join(HERE, "faithful-waiting.txt")

STEP_TOLERANCE = 1e-14
MAX_ITERATIONS = 200_000
AGREEMENT = 1e-7
COMPONENTS = [1, 2, 3, 4]
VARIANCES = ["per-component", "shared"]


def draw_three():
    rng = np.random.default_rng(20250103)
    weights, means, sds = [0.2, 0.5, 0.3], [-4.0, 0.0, 5.0], [1.0, 0.7, 1.5]
    labels = rng.choice(3, size=600, p=weights)
    x = rng.normal(np.asarray(means)[labels], np.asarray(sds)[labels])
    return [float(v) for v in np.round(x, 6)]


def read_faithful():
    subprocess.run(["Rscript", R_SCRIPT, "faithful", FAITHFUL], check=True)
    with open(FAITHFUL) as f:
        lines = f.read().split()
    assert lines[0] == "waiting"
    return [float(v) for v in lines[1:]]


def population_sd(values):
    v = np.asarray(values, dtype=float)
    return float(np.sqrt(np.mean((v - v.mean()) ** 2))) if len(v) > 1 else 0.0


def quantile_start(data, k, variance):
    s = sorted(data)
    n = len(s)
    overall = population_sd(s)
    weights, means, sds = [], [], []
    for j in range(k):
        group = s[j * n // k:(j + 1) * n // k]
        weights.append(len(group) / n)
        means.append(math.fsum(group) / len(group))
        sd = population_sd(group)
        sds.append(sd if sd > 0 else overall)
    if variance == "shared":
        pooled = math.sqrt(sum(w * sd * sd for w, sd in zip(weights, sds)))
        sds = [pooled] * k
    return {"weights": weights, "means": means, "sds": sds}


def log_likelihood(data, weights, means, sds):
    x = np.asarray(data)[:, None]
    w, m, s = (np.asarray(v, dtype=float)[None, :] for v in (weights, means, sds))
    terms = np.log(w) - 0.5 * math.log(2 * math.pi) - np.log(s) - 0.5 * ((x - m) / s) ** 2
    top = terms.max(axis=1)
    return math.fsum((top + np.log(np.exp(terms - top[:, None]).sum(axis=1))).tolist())


def sklearn_parameters(gm, k, shared):
    weights = gm.weights_.ravel()
    means = gm.means_.ravel()
    cov = gm.covariances_.ravel()
    sds = np.full(k, math.sqrt(cov[0])) if shared else np.sqrt(cov)
    return np.concatenate([weights, means, sds])


def run_sklearn(data, k, variance, start):
    shared = variance == "shared"
    X = np.asarray(data).reshape(-1, 1)
    precisions = 1.0 / np.asarray(start["sds"]) ** 2
    gm = GaussianMixture(
        n_components=k, covariance_type="tied" if shared else "full", tol=1e-14, reg_covar=0.0,
        max_iter=MAX_ITERATIONS, n_init=1, weights_init=np.asarray(start["weights"]),
        means_init=np.asarray(start["means"]).reshape(k, 1),
        precisions_init=precisions[:1].reshape(1, 1) if shared else precisions.reshape(k, 1, 1),
        random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm.fit(X)
        iterations = gm.n_iter_
        gm.set_params(warm_start=True, max_iter=1, tol=0.0)
        previous = sklearn_parameters(gm, k, shared)
        step = math.inf
        while iterations < MAX_ITERATIONS:
            gm.fit(X)
            iterations += 1
            current = sklearn_parameters(gm, k, shared)
            step = float(np.max(np.abs(current - previous) / np.abs(previous)))
            previous = current
            if step <= STEP_TOLERANCE:
                break
    if step > STEP_TOLERANCE:
        raise RuntimeError(f"scikit-learn did not settle for k={k} {variance} (last step {step})")
    p = sklearn_parameters(gm, k, shared)
    weights, means, sds = p[:k], p[k:2 * k], p[2 * k:]
    order = np.argsort(means)
    weights, means, sds = weights[order], means[order], sds[order]
    return {
        "tool": f"scikit-learn {sklearn.__version__} GaussianMixture",
        "logLikelihood": log_likelihood(data, weights, means, sds),
        "toolLogLikelihood": float(gm.score(X)) * len(data),
        "parameters": int(gm._n_parameters()),
        "bic": float(gm.bic(X)),
        "aic": float(gm.aic(X)),
        "weights": [float(v) for v in weights],
        "means": [float(v) for v in means],
        "sds": [float(v) for v in sds],
        "iterations": int(iterations),
    }


def run_mclust(data, models):
    with tempfile.TemporaryDirectory() as tmp:
        request, answer = os.path.join(tmp, "request.json"), os.path.join(tmp, "answer.json")
        with open(request, "w") as f:
            json.dump({"data": data, "models": models}, f)
        subprocess.run(["Rscript", R_SCRIPT, "fit", request, answer], check=True)
        with open(answer) as f:
            result = json.load(f)
    if result["parsedData"] != data:
        raise RuntimeError("R did not parse the data exactly")
    return result


def relative(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def number(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ValueError(v)
    return repr(v)


def numbers(values):
    return "[" + ", ".join(number(v) for v in values) + "]"


def entry_text(e, keys):
    parts = []
    for key in keys:
        v = e[key]
        if isinstance(v, str):
            parts.append(f'"{key}": {json.dumps(v)}')
        elif isinstance(v, list):
            parts.append(f'"{key}": {numbers(v)}')
        elif isinstance(v, int) and not isinstance(v, bool):
            parts.append(f'"{key}": {v}')
        else:
            parts.append(f'"{key}": {number(v)}')
    return "{" + ", ".join(parts) + "}"


def write_fixture(path, fixture):
    lines = ["{", f'  "name": {json.dumps(fixture["name"])},', f'  "source": {json.dumps(fixture["source"])},',
             f'  "n": {fixture["n"]},']
    data = fixture["data"]
    rows = [", ".join(number(v) for v in data[i:i + 10]) for i in range(0, len(data), 10)]
    lines.append('  "data": [\n' + ",\n".join("    " + r for r in rows) + "\n  ],")
    lines.append('  "models": [')
    model_texts = []
    for m in fixture["models"]:
        text = "    {" + f'"k": {m["k"]}, "variance": {json.dumps(m["variance"])},\n'
        text += "     \"start\": " + entry_text(m["start"], ["weights", "means", "sds"]) + ",\n"
        text += "     \"sklearn\": " + entry_text(m["sklearn"], ["tool", "logLikelihood", "toolLogLikelihood", "parameters", "bic", "aic",
                                                                 "weights", "means", "sds", "iterations"]) + ",\n"
        text += "     \"mclust\": " + entry_text(m["mclust"], ["tool", "logLikelihood", "toolLogLikelihood", "parameters",
                                                               "bic", "icl", "weights", "means", "sds", "iterations"]) + "}"
        model_texts.append(text)
    lines.append(",\n".join(model_texts))
    lines.append("  ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if json.loads(text) != fixture:
        raise RuntimeError(f"{path}: JSON does not round-trip")
    with open(path, "w") as f:
        f.write(text)


def main():
    data_sets = [
        ("faithful", "R datasets::faithful$waiting (Azzalini & Bowman 1990), 272 values", read_faithful()),
        ("three", "make_em_fixtures.py's 'three' set: n = 600, .2/.5/.3, -4/0/5, 1/0.7/1.5, seed 20250103", draw_three()),
    ]
    print("data set   K  variance        rel.diff params  rel.diff loglik  BIC sklearn       BIC mclust        ICL mclust")
    for name, source, data in data_sets:
        models = [{"k": k, "variance": v, "start": quantile_start(data, k, v)} for k in COMPONENTS for v in VARIANCES]
        mclust = run_mclust(data, models)
        mclust_tool = mclust["tool"] + f" ({mclust['rVersion']})"
        for model, answer in zip(models, mclust["models"]):
            assert answer["k"] == model["k"] and answer["variance"] == model["variance"]
            sk = run_sklearn(data, model["k"], model["variance"], model["start"])
            mc = {"tool": mclust_tool, **{key: answer[key] for key in ("logLikelihood", "toolLogLikelihood", "parameters",
                                                                        "bic", "icl", "weights", "means", "sds", "iterations")}}
            params = relative(sk["weights"] + sk["means"] + sk["sds"], mc["weights"] + mc["means"] + mc["sds"])
            ll = abs(sk["logLikelihood"] - mc["logLikelihood"]) / abs(mc["logLikelihood"])
            if params > AGREEMENT or ll > 1e-10 or sk["parameters"] != mc["parameters"]:
                raise RuntimeError(f"{name} k={model['k']} {model['variance']}: tools disagree "
                                   f"(parameters {params:.3g}, log-likelihood {ll:.3g})")
            model["sklearn"], model["mclust"] = sk, mc
            print(f"{name:<10} {model['k']}  {model['variance']:<14} {params:>16.2e} {ll:>16.2e}  "
                  f"{sk['bic']:<17.10g} {mc['bic']:<17.10g} {mc['icl']:.10g}")
        path = os.path.join(HERE, f"ic-{name}.json")
        write_fixture(path, {"name": name, "source": source, "n": len(data), "data": data, "models": models})
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
