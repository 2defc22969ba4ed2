"""Independent NumPy implementations of four EM accelerators, and the
fixture EMLab's AcceleratorsTests compares its first iterates with.

Written from the papers and the R packages' code, not from EMLab's Swift:
  - AA(m): Walker & Ni (2011), SIAM J Numer Anal 49:1715-1735, eq. (1.2),
    undamped; a step outside the parameter space is replaced by the EM step
    and the history cleared (EMLab's stated rule; the paper has none).
  - DAAREM: Henderson & Varadhan (2019), JCGS 28:834-846, as the R package
    daarem 0.7 (R/daarem_base_objfn.R, R/DampingFind.R), objective = l;
    lag = min(order, ceil(p/2)).
  - QN: Zhou, Alexander & Lange (2011), Stat Comput 21:261-273, as turboEM
    2025.1's accelerate/bodyQuasiNewton (q = 2, pconstr fallback F(F(x))).
  - PEM: Berlinet & Roland (2009), Stat Comput 19:35-47, as turboEM's
    bodyParaEM (geometric, l = 10, h = 0.1, a = 1.5).
The EM map: a 1-D Gaussian mixture, free weights, per-component variances,
on theta = (pi_1..pi_{K-1}, mu_1..mu_K, sigma2_1..sigma2_K).

Each scheme returns its accepted points: AA every x_k; DAAREM x_0, F(x_0),
then each new x; QN x_0, q EM steps, then each chosen point; PEM x_0, l EM
steps, then each cycle's p2.

Run: python3 accelerators_numpy.py  (writes accelerators.json beside it)
"""
import json
import math
import os

import numpy as np


def unpack(theta, k):
    w = np.append(theta[: k - 1], 1 - theta[: k - 1].sum())
    return w, theta[k - 1 : 2 * k - 1], theta[2 * k - 1 :]


def em_map(x, theta, k):
    """F(theta) and l(theta), by a log-sum-exp E-step and the closed-form M-step."""
    w, mu, var = unpack(theta, k)
    logp = np.log(w) - 0.5 * np.log(2 * np.pi * var) - 0.5 * (x[:, None] - mu) ** 2 / var
    top = logp.max(axis=1, keepdims=True)
    lse = top[:, 0] + np.log(np.exp(logp - top).sum(axis=1))
    gamma = np.exp(logp - lse[:, None])
    nk = gamma.sum(axis=0)
    new_mu = (gamma * x[:, None]).sum(axis=0) / nk
    new_var = (gamma * (x[:, None] - new_mu) ** 2).sum(axis=0) / nk
    return np.concatenate([(nk / len(x))[: k - 1], new_mu, new_var]), float(lse.sum())


def loglik(x, theta, k):
    return em_map(x, theta, k)[1]


def inside(theta, k):
    w, mu, var = unpack(theta, k)
    return bool(np.all(np.isfinite(theta)) and np.all(w > 0) and np.all(w <= 1) and np.all(var > 0))


def anderson(x, theta, k, m, steps):
    accepted = [theta]
    fs, gs = [], []
    while len(accepted) < steps:
        g, _ = em_map(x, theta, k)
        f = g - theta
        fs.append(f)
        gs.append(g)
        mk = min(m, len(fs) - 1)
        if mk == 0:
            new = g
        else:
            dF = np.column_stack([fs[i + 1] - fs[i] for i in range(len(fs) - 1 - mk, len(fs) - 1)])
            dG = np.column_stack([gs[i + 1] - gs[i] for i in range(len(gs) - 1 - mk, len(gs) - 1)])
            gamma = np.linalg.lstsq(dF, f, rcond=None)[0]
            new = g - dG @ gamma
            if not inside(new, k):
                new = g
                fs, gs = [f], [g]
        theta = new
        accepted.append(theta)
    return accepted


def damping_find(uy_sq, d, aa, kappa, sk, ftf, lam_start, r_start, maxit=10):
    keep = d > 0
    d, uy_sq = d[keep], uy_sq[keep]
    pw = kappa - sk
    target = math.exp(-0.5 * math.log1p(aa**pw))
    d_sq = d * d
    ls_norm = math.sqrt(float(np.sum(uy_sq / d_sq)))
    vk = target * ls_norm
    if vk == 0:
        return lam_start, r_start
    lam = lam_start - r_start / vk
    lo = ls_norm * (ls_norm - vk) / float(np.sum(uy_sq / (d_sq * d_sq)))
    up = ftf / vk
    l_stop = math.exp(-0.5 * math.log1p(aa ** (pw + 0.5)))
    u_stop = math.exp(-0.5 * math.log1p(aa ** (pw - 0.5)))
    for _ in range(maxit):
        if lam <= lo or lam >= up:
            lam = max(0.0001 * up, math.sqrt(lo * up))
        d_lam = (d / (d_sq + lam)) ** 2
        s_norm = math.sqrt(float(np.sum(uy_sq * d_lam)))
        phi = s_norm - vk
        phi_der = -float(np.sum(uy_sq * d_lam / (d_sq + lam))) / s_norm
        ratio = phi / phi_der
        if l_stop * ls_norm <= s_norm <= u_stop * ls_norm:
            break
        if phi < 0:
            up = lam
        lo = max(lo, lam - ratio)
        lam = lam - s_norm * ratio / vk
    return lam, s_norm * ratio


def daarem(x, par, k, steps, order=5, mon_tol=0.01, kappa=25.0, alpha=1.2):
    p = len(par)
    nlag = min(order, math.ceil(p / 2))
    Fdiff = np.zeros((p, nlag))
    Xdiff = np.zeros((p, nlag))
    xold = par
    xnew, l_old = em_map(x, xold, k)
    l_new = loglik(x, xnew, k)
    accepted = [xold, xnew]
    fold = xnew - xold
    count, shrink, lam, r, ell_star = 0, 0.0, 100000.0, 0.0, l_new
    while len(accepted) < steps:
        count += 1
        fnew = em_map(x, xnew, k)[0] - xnew
        Fdiff[:, count - 1] = fnew - fold
        Xdiff[:, count - 1] = xnew - xold
        Ft, Xt = Fdiff[:, :count], Xdiff[:, :count]
        u, dvec, vt = np.linalg.svd(Ft, full_matrices=False)
        uy = u.T @ fnew
        ftf = math.sqrt(float(np.sum(uy * uy * dvec * dvec)))
        lam, r = damping_find(uy * uy, dvec, alpha, kappa, shrink, ftf, lam, r)
        gamma = vt.T @ (dvec * uy / (dvec * dvec + lam))
        propose = (xnew - Xt @ gamma) + (fnew - Ft @ gamma)
        fold, xold_prev = fnew, xnew
        if inside(propose, k) and not math.isnan(loglik(x, propose, k)):
            l_prop = loglik(x, propose, k)
            if l_prop >= l_new - mon_tol:
                xnew, l_new = propose, l_prop
                shrink += 1
            else:
                xnew = fnew + xold_prev
                l_new = loglik(x, xnew, k)
        else:
            xnew = fnew + xold_prev
            l_new = loglik(x, xnew, k)
            count = 0
        xold = xold_prev
        if count == nlag:
            count = 0
            if l_new < ell_star:
                shrink = max(shrink - nlag, -2 * kappa)
            ell_star = l_new
        accepted.append(xnew)
    return accepted


def quasi_newton(x, par, k, steps, q=2):
    accepted = [par]
    U = []
    for _ in range(q):
        pnew = em_map(x, par, k)[0]
        U.append(pnew - par)
        par = pnew
        accepted.append(par)
    pnew = em_map(x, par, k)[0]
    U = U[1:] + [pnew - par]
    pnew2 = em_map(x, pnew, k)[0]
    V = U[1:] + [pnew2 - pnew]
    while len(accepted) < steps:
        Um, Vm = np.column_stack(U), np.column_stack(V)
        try:
            y = np.linalg.solve(Um.T @ (Um - Vm), Um.T @ (par - pnew))
            p_next = pnew - Vm @ y
        except np.linalg.LinAlgError:
            p_next = pnew2
        if not inside(p_next, k):
            p_next = pnew2
        if np.any(p_next != pnew2) and loglik(x, pnew2, k) > loglik(x, p_next, k):
            p_next = pnew2
        par = p_next
        accepted.append(par)
        pnew = em_map(x, par, k)[0]
        U = U[1:] + [pnew - par]
        pnew2 = em_map(x, pnew, k)[0]
        V = V[1:] + [pnew2 - pnew]
    return accepted


def parabolic(x, par, k, steps, l=10, h=0.1, a=1.5):
    accepted = [par]
    for i in range(1, l + 1):
        par = em_map(x, par, k)[0]
        accepted.append(par)
        if i == l - 2:
            p0 = par
        elif i == l - 1:
            p1 = par
    p2 = par
    while len(accepted) < steps:
        L2 = loglik(x, p2, k)
        i = 0
        t = 1 + a**i * h
        pnew = (1 - t) ** 2 * p0 + 2 * t * (1 - t) * p1 + t**2 * p2
        ok = inside(pnew, k)
        Lnew = loglik(x, pnew, k) if ok else float("nan")
        if not ok or math.isnan(Lnew) or Lnew <= L2:
            p0 = p2
            p1 = em_map(x, p0, k)[0]
            p2 = em_map(x, p1, k)[0]
        else:
            while Lnew > L2:
                pold, L2 = pnew, Lnew
                i += 1
                t = 1 + a**i * h
                pnew = (1 - t) ** 2 * p0 + 2 * t * (1 - t) * p1 + t**2 * p2
                ok = inside(pnew, k)
                Lnew = loglik(x, pnew, k) if ok else float("nan")
                if not ok or math.isnan(Lnew):
                    pnew, Lnew = pold, L2
            p0, p1 = p1, p2
            p2 = em_map(x, em_map(x, pold, k)[0], k)[0]
        accepted.append(p2)
    return accepted


DATASETS = [
    # name, seed, n, (weights, means, sds) of the truth, start (weights, means, sds)
    ("overlap", 1, 200, ([0.5, 0.5], [0.0, 1.5], [1.0, 1.0]), ([0.5, 0.5], [-0.5, 2.0], [1.0, 1.0])),
    ("unequal", 2, 200, ([0.2, 0.8], [0.0, 3.0], [1.0, 1.5]), ([0.5, 0.5], [1.0, 2.0], [1.0, 1.0])),
    ("three", 3, 300, ([0.3, 0.4, 0.3], [-2.0, 0.0, 3.0], [1.0, 1.0, 1.0]), ([0.25, 0.25, 0.5], [-1.0, 0.5, 1.5], [1.0, 1.0, 1.0])),
]


def main():
    out = []
    for name, seed, n, (tw, tm, ts), (sw, sm, ss) in DATASETS:
        rng = np.random.default_rng(seed)
        z = rng.choice(len(tw), size=n, p=tw)
        x = rng.normal(np.array(tm)[z], np.array(ts)[z])
        k = len(sm)
        theta0 = np.array(sw[: k - 1] + sm + [s * s for s in ss])
        runs = {
            "anderson": anderson(x, theta0, k, 3, 10),
            "daarem": daarem(x, theta0, k, 10),
            "qn": quasi_newton(x, theta0, k, 8),
            "pem": parabolic(x, theta0, k, 15),
        }
        out.append({
            "name": name, "data": [float(v) for v in x],
            "start": {"weights": sw, "means": sm, "sds": ss},
            "iterates": {s: [[float(v) for v in th] for th in r] for s, r in runs.items()},
        })
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "accelerators.json")
    with open(path, "w") as f:
        json.dump({"generator": "accelerators_numpy.py (numpy %s)" % np.__version__, "datasets": out}, f, indent=1)


if __name__ == "__main__":
    main()
