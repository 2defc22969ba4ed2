"""Traces of a small, independent NumPy EM for `emlab audit`'s tests and README.

Run from this folder: `python3 make_audit_fixtures.py` (NumPy only). It reads
../faithful-waiting.txt (Old Faithful's 272 waiting times) and writes, for a
1-D Gaussian mixture with K = 2 (and one K = 3 run on a drawn sample):

- numpy-em.csv           correct EM, every digit (Python repr), with ℓ
- numpy-em-rounded.csv   the same run written with 4 decimals (f"{v:.4f}")
- numpy-unbiased.csv     the variance divided by Σγ − 1 (unbiased-variance)
- numpy-old-mean.csv     the variance about the previous mean (variance-from-old-mean)
- numpy-hard.csv         each point wholly to its likeliest component (hard-assignments)
- numpy-no-constant.csv  correct EM, its ℓ column without the n·log(2π)/2 constant
- numpy-means-twice.csv  a bug outside the catalogue: the means take twice EM's step
- three.txt, numpy-em-three.csv, numpy-unbiased-three.csv  K = 3 on 300 values drawn here

This is not EMLab's engine: it is the plain textbook E- and M-step in NumPy
(responsibilities from the densities, closed-form updates), written apart
from EMLab so its traces test the audit independently.
"""

import csv
import numpy as np

LOG2PI = np.log(2 * np.pi)


def log_densities(x, pi, mu, sigma):
    """n × K array of log(π_k N(x_i; μ_k, σ_k²))."""
    z = (x[:, None] - mu[None, :]) / sigma[None, :]
    return np.log(pi)[None, :] - np.log(sigma)[None, :] - 0.5 * LOG2PI - 0.5 * z * z


def em(x, pi, mu, sigma, iterations, bug=None, constant=True):
    rows = []
    for t in range(iterations + 1):
        logp = log_densities(x, pi, mu, sigma)
        top = logp.max(axis=1, keepdims=True)
        total = top[:, 0] + np.log(np.exp(logp - top).sum(axis=1))
        ll = total.sum() + (0 if constant else 0.5 * len(x) * LOG2PI)
        rows.append([t, ll, *pi, *mu, *sigma])
        if t == iterations:
            break
        gamma = np.exp(logp - total[:, None])
        if bug == "hard":
            gamma = np.eye(len(mu))[gamma.argmax(axis=1)]
        nk = gamma.sum(axis=0)
        new_mu = (gamma * x[:, None]).sum(axis=0) / nk
        if bug == "means-twice":
            new_mu = mu + 2 * (new_mu - mu)
        centre = mu if bug == "old-mean" else new_mu
        squares = (gamma * (x[:, None] - centre[None, :]) ** 2).sum(axis=0)
        var = squares / (nk - 1) if bug == "unbiased" else squares / nk
        pi, mu, sigma = nk / len(x), new_mu, np.sqrt(var)
    return rows


def write(name, rows, k, fmt=repr):
    with open(name, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["iteration", "logLikelihood"] + [f"{p}{j + 1}" for p in ("weight", "mean", "sd") for j in range(k)])
        for r in rows:
            w.writerow([r[0]] + [fmt(float(v)) for v in r[1:]])


x = np.loadtxt("../faithful-waiting.txt", skiprows=1)
start = (np.array([0.5, 0.5]), np.array([55.0, 80.0]), np.array([10.0, 10.0]))
write("numpy-em.csv", em(x, *start, 30), 2)
write("numpy-em-rounded.csv", em(x, *start, 30), 2, fmt=lambda v: f"{v:.4f}")
write("numpy-unbiased.csv", em(x, *start, 30, bug="unbiased"), 2)
write("numpy-old-mean.csv", em(x, *start, 30, bug="old-mean"), 2)
write("numpy-hard.csv", em(x, *start, 30, bug="hard"), 2)
write("numpy-no-constant.csv", em(x, *start, 30, constant=False), 2)
write("numpy-means-twice.csv", em(x, *start, 10, bug="means-twice"), 2)

rng = np.random.default_rng(20261204)
labels = rng.choice(3, size=300, p=[0.3, 0.4, 0.3])
three = np.round(rng.normal(np.array([-4.0, 0.0, 5.0])[labels], np.array([1.0, 0.8, 1.5])[labels]), 6)
np.savetxt("three.txt", three, fmt="%.6f", header="value", comments="")
start3 = (np.full(3, 1 / 3), np.array([-3.0, 1.0, 4.0]), np.full(3, 2.0))
write("numpy-em-three.csv", em(three, *start3, 40), 3)
write("numpy-unbiased-three.csv", em(three, *start3, 40, bug="unbiased"), 3)
