#!/usr/bin/env python3
"""The Python side of the EMLab benchmarks: scikit-learn's GaussianMixture and
a NumPy vectorised EM iteration on the same 1-D problems as emlab-benchmarks.

    cd Benchmarks && make sklearn
    # which is
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 sklearn_compare.py [--threads N]

OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on shared machines (they pin
OpenBLAS to a core type); they are unset for this one command so NumPy's BLAS
picks its own kernels. BLAS/OpenMP pools are limited to one thread by default
(EMLab's figures are single-threaded); `--threads 0` leaves them alone.

Prints ns per sample per iteration:
  1. sklearn GaussianMixture (1-D, K = 2 and 5, N = 10^6, max_iter=50, tol=0,
     init_params='random_from_data', reg_covar=0): fit time / n_iter_;
  2. one NumPy log-sum-exp EM iteration (E-step + shifted sufficient
     statistics, the contract of EMLab's SufficientStatistics.accumulate);
  3. a default sklearn fit of n = 1000, K = 2 (per-fit time, n_iter_).
"""
import argparse
import os
import statistics
import sys
import time
import warnings

import numpy as np

PROBLEMS = {
    # truth (weights, means, sds) and the parameters the E-step is evaluated at,
    # exactly as in emlab-benchmarks.
    2: (([0.3, 0.7], [0.0, 4.0], [1.0, 1.5]),
        ([0.4, 0.6], [0.5, 3.5], [1.2, 1.3])),
    5: (([0.1, 0.2, 0.3, 0.25, 0.15], [-8.0, -3.0, 0.0, 4.0, 9.0], [1.0, 1.5, 1.0, 2.0, 1.2]),
        ([0.2] * 5, [-7.0, -2.5, 0.5, 3.0, 8.0], [1.5] * 5)),
}
HALF_LOG_TWO_PI = 0.5 * np.log(2 * np.pi)


def sample(truth, n, rng):
    weights, means, sds = (np.asarray(v) for v in truth)
    k = rng.choice(len(weights), size=n, p=weights)
    return means[k] + sds[k] * rng.standard_normal(n)


def numpy_iteration(x, weights, means, sds):
    """One E-step pass: log-terms, log-sum-exp, responsibilities, N_k, S_k, Q_k about the
    current means. Returns (log-likelihood, N, S, Q)."""
    d = x[:, None] - means[None, :]                                  # n×K
    t = (np.log(weights) - np.log(sds) - HALF_LOG_TWO_PI) - 0.5 * d * d / (sds * sds)
    m = t.max(axis=1, keepdims=True)
    e = np.exp(t - m)
    s = e.sum(axis=1, keepdims=True)
    ll = float((m[:, 0] + np.log(s[:, 0])).sum())
    g = e / s
    gd = g * d
    return ll, g.sum(axis=0), gd.sum(axis=0), (gd * d).sum(axis=0)


def numpy_reference_ll(x, weights, means, sds):
    """Plain per-point check of the log-likelihood (float64, math.fsum)."""
    import math
    t = (np.log(weights) - np.log(sds) - HALF_LOG_TWO_PI) - 0.5 * ((x[:, None] - means) / sds) ** 2
    m = t.max(axis=1)
    return math.fsum(m + np.log(np.exp(t - m[:, None]).sum(axis=1)))


def timed(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="BLAS/OpenMP threads (0 = leave as is; default 1)")
    parser.add_argument("--n", type=int, default=1_000_000, help="sample size for parts 1 and 2 (default 10^6)")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per figure (median; default 5)")
    args = parser.parse_args()

    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_limits, threadpool_info

    limiter = threadpool_limits(limits=args.threads) if args.threads > 0 else None
    pools = ", ".join(f"{p['internal_api']} {p['num_threads']}" for p in threadpool_info()) or "none"
    warnings.simplefilter("ignore", ConvergenceWarning)

    n = args.n
    print("# scikit-learn / NumPy side of the EMLab benchmarks")
    print()
    print(f"Python {sys.version.split()[0]}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}; "
          f"thread pools: {pools}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
          f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '(unset)')}. Medians of {args.repeats} runs.")
    print()
    print(f"## ns / sample / iteration, N = {n:,}")
    print()
    print("| K | scikit-learn GaussianMixture (50 iterations) | n_iter_ | NumPy log-sum-exp iteration |")
    print("|---|---|---|---|")
    rng = np.random.default_rng(2024)
    for k, (truth, at) in PROBLEMS.items():
        x = sample(truth, n, rng)
        weights, means, sds = (np.asarray(v, dtype=float) for v in at)

        # NumPy: check once against a plain evaluation, then time.
        ll, nk, _, _ = numpy_iteration(x, weights, means, sds)
        reference = numpy_reference_ll(x, weights, means, sds)
        assert abs(ll - reference) <= 1e-9 * abs(reference), (ll, reference)
        assert abs(nk.sum() - n) <= 1e-9 * n
        numpy_ns = timed(lambda: numpy_iteration(x, weights, means, sds), args.repeats)

        X = x.reshape(-1, 1)
        iterations = []

        def fit():
            gm = GaussianMixture(n_components=k, max_iter=50, tol=0.0, reg_covar=0.0,
                                 init_params="random_from_data", random_state=0)
            gm.fit(X)
            iterations.append(gm.n_iter_)

        fit_ns = timed(fit, args.repeats)
        n_iter = iterations[-1]
        print(f"| {k} | {fit_ns / n / n_iter:.2f} | {n_iter} | {numpy_ns / n:.2f} |")
    print()

    # A default fit of a small data set: the per-fit cost.
    small = sample(PROBLEMS[2][0], 1000, np.random.default_rng(5)).reshape(-1, 1)
    iterations = []

    def small_fit():
        gm = GaussianMixture(n_components=2, random_state=0)
        gm.fit(small)
        iterations.append(gm.n_iter_)

    small_ns = timed(small_fit, max(args.repeats, 51))
    print("## Per-fit time, n = 1000, K = 2, scikit-learn defaults (k-means init, tol 1e-3)")
    print()
    print("| quantity | value |")
    print("|---|---|")
    print(f"| one fit | {small_ns / 1e3:.0f} µs |")
    print(f"| n_iter_ | {iterations[-1]} |")
    print(f"| per iteration | {small_ns / 1e3 / max(iterations[-1], 1):.0f} µs |")
    print()
    if limiter is not None:
        limiter.restore_original_limits()


if __name__ == "__main__":
    main()
