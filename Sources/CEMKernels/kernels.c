// The E-step's vector kernels, one body compiled at several instruction-set
// levels and dispatched once by CPU features. See include/CEMKernels.h for
// the contract and Sources/EMLab/Fitting/EStepKernel.swift for the method.
//
// Exactness: every multiply-add the algorithm fuses is written as
// VFMA (one rounding: an instruction where the level has FMA, libm's exact
// `fma` where it does not), and contraction of any other a*b + c is off, so
// every level computes the same bits.
#include "CEMKernels.h"
#include "dispatch.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
// The always-inlined helpers pass 512-bit vectors between themselves; they
// are never called across a function boundary, so the ABI warning is moot.
#pragma clang diagnostic ignored "-Wpsabi"
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#if !defined(__clang__) || !__has_builtin(__builtin_elementwise_fma)
#error "CEMKernels needs Clang's __builtin_elementwise_fma (the Swift toolchain's clang has it)"
#endif

typedef double v8d __attribute__((vector_size(64)));
typedef int64_t v8l __attribute__((vector_size(64)));
/// The same vector in caller memory, which is only 8-byte aligned.
typedef v8d v8d_u __attribute__((aligned(8)));
enum { W = 8 };

#define VFMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define INLINE static inline __attribute__((always_inline))

INLINE v8d splat(double v) { return (v8d){v, v, v, v, v, v, v, v}; }
INLINE v8d load(const double *p) { v8d v; memcpy(&v, p, sizeof v); return v; }
INLINE void store(double *p, v8d v) { memcpy(p, &v, sizeof v); }

/// Lane by lane `when ? a : b` (a comparison yields all-ones or zero lanes).
INLINE v8d lane_select(v8l when, v8d a, v8d b) { return (v8d)(((v8l)a & when) | ((v8l)b & ~when)); }

/// e^x for x ≤ 0 and NaN (below −745.13… → 0): Cody–Waite reduction by
/// fdlibm's split of ln 2, 1 + r + r²·P(r) with P of degree 9 (a Chebyshev
/// fit to (e^r − 1 − r)/r² on |r| ≤ ln2/2), and 2^n applied as
/// 2^(n+56)·2^−56 so a subnormal result rounds once. NaN stays NaN.
INLINE v8d vexp(v8d x) {
    const double shifter = 6755399441055744.0; // 1.5·2^52
    x = lane_select(x < -746.0, splat(-746.0), x);
    const v8d kf = VFMA(x, splat(1.4426950408889634), splat(shifter));
    const v8d n = kf - splat(shifter);
    v8d r = VFMA(n, splat(-6.93147180369123816490e-01), x);
    r = VFMA(n, splat(-1.90821492927058770002e-10), r);
    v8d p = VFMA(splat(2.510037611136142e-08), r, splat(2.7620076242527254e-07));
    p = VFMA(p, r, splat(2.7557268479724004e-06));
    p = VFMA(p, r, splat(2.4801521321606647e-05));
    p = VFMA(p, r, splat(0.00019841269863040922));
    p = VFMA(p, r, splat(0.0013888888917197209));
    p = VFMA(p, r, splat(0.008333333333330065));
    p = VFMA(p, r, splat(0.041666666666624164));
    p = VFMA(p, r, splat(0.16666666666666669));
    p = VFMA(p, r, splat(0.5000000000000001));
    const v8d e = splat(1.0) + VFMA(r * r, p, r);
    // The low bits of kf's pattern hold n: (pattern + 1023 + 56)·2^52,
    // wrapping, is the pattern of 2^(n+56).
    const uint64_t bias = 1023 + 56;
    typedef uint64_t v8u __attribute__((vector_size(64)));
    const v8u pattern = (v8u)kf;
    const v8d scale = (v8d)((pattern + bias) * (uint64_t)((uint64_t)1 << 52));
    return (e * scale) * splat(0x1p-56);
}

INLINE v8d log_lanes(v8d v) {
    v8d out;
    for (int l = 0; l < W; l++) out[l] = log(v[l]);
    return out;
}

typedef struct {
    const double *offset, *half_precision, *mean;
    v8d_u *terms, *n_sum, *s_sum, *q_sum;
} pass_state;

/// One block of sixteen points (x0, x1); keep is 1 for real points and 0 for padding.
INLINE void block(const pass_state *st, size_t k, v8d x0, v8d x1, v8d keep0, v8d keep1,
                  v8d *m0_out, v8d *s0_out, v8d *m1_out, v8d *s1_out, v8d *inverse0_out, v8d *inverse1_out) {
    v8d m0 = splat(-INFINITY), m1 = m0;
    for (size_t j = 0; j < k; j++) {
        const v8d mean = splat(st->mean[j]), offset = splat(st->offset[j]), c = splat(st->half_precision[j]);
        const v8d d0 = x0 - mean, d1 = x1 - mean;
        const v8d t0 = offset - (d0 * d0) * c;
        const v8d t1 = offset - (d1 * d1) * c;
        st->terms[2 * j] = t0;
        st->terms[2 * j + 1] = t1;
        m0 = lane_select(m0 < t0, t0, m0);
        m1 = lane_select(m1 < t1, t1, m1);
    }
    v8d s0 = splat(0), s1 = splat(0);
    for (size_t j = 0; j < k; j++) {
        const v8d e0 = vexp(st->terms[2 * j] - m0);
        const v8d e1 = vexp(st->terms[2 * j + 1] - m1);
        st->terms[2 * j] = e0;
        st->terms[2 * j + 1] = e1;
        s0 += e0;
        s1 += e1;
    }
    const v8d inverse0 = (splat(1.0) / s0) * keep0;
    const v8d inverse1 = (splat(1.0) / s1) * keep1;
    for (size_t j = 0; j < k; j++) {
        const v8d mean = splat(st->mean[j]);
        const v8d d0 = x0 - mean, d1 = x1 - mean;
        const v8d g0 = st->terms[2 * j] * inverse0;
        const v8d g1 = st->terms[2 * j + 1] * inverse1;
        const v8d gd0 = g0 * d0, gd1 = g1 * d1;
        st->n_sum[j] += g0 + g1;
        st->s_sum[j] += gd0 + gd1;
        st->q_sum[j] = VFMA(gd1, d1, VFMA(gd0, d0, st->q_sum[j]));
    }
    *m0_out = m0; *s0_out = s0; *m1_out = m1; *s1_out = s1;
    *inverse0_out = inverse0; *inverse1_out = inverse1;
}

// ---------------------------------------------------------------------------
// The exact change of the log-likelihood, fused into the pass (issue 19).
//
// For the pass's parameters θ' and a reference θ, per point (Dempster, Laird
// & Rubin 1977: f(x; θ)/f(x; θ') = Σ_k γ'_k · π_k φ_k(x) / (π'_k φ'_k(x)),
// γ' the responsibilities at θ', which the pass has already):
//
//     u' = (x − μ'_k)/σ'_k,   v = u − u' = (μ'_k − μ_k)/σ_k + ((σ'_k − σ_k)/σ_k)·u'
//     y_k = log(π_k φ_k / (π'_k φ'_k)) = B_k − v·(u' + v/2),  B_k = log(π_k/π'_k) + log(σ'_k/σ_k)
//     ℓ_i(θ') − ℓ_i(θ) = −log1p(Σ_k γ'_k expm1(y_k))
//
// Every quantity is formed from differences of parameters, never from a
// difference of two large log-densities, so each term is accurate relative
// to itself; the terms are summed per lane with Neumaier's compensation.
// ---------------------------------------------------------------------------

/// Below this |y| the short series give expm1(y) (relative truncation
/// < 1.2e-18); above it, the general formula.
#define CHANGE_SERIES_BOUND 0x1p-10

/// e^y − 1 for |y| ≤ 2^−10: the Taylor series to y⁵/120, y + y²·P(y)
/// (relative truncation |y|⁵/720 < 1.2e-18).
INLINE v8d expm1_series(v8d y) {
    v8d p = VFMA(splat(1.0 / 120), y, splat(1.0 / 24));
    p = VFMA(p, y, splat(1.0 / 6));
    p = VFMA(p, y, splat(0.5));
    return VFMA(y * y, p, y);
}

/// e^y − 1 for any y, by the pass's exp of −|y|: z − 1 for y ≤ 0, (1 − z)/z
/// for y > 0 (z = e^−|y|; 1 − z is exact for z ≥ ½). Used for
/// |y| > 2^−10, where its relative error is below ~2^10 ulp.
INLINE v8d expm1_wide(v8d y) {
    const v8l positive = (v8l)(y > splat(0.0));
    const v8d z = vexp(lane_select(positive, -y, y));
    return lane_select(positive, (splat(1.0) - z) / z, z - splat(1.0));
}

/// log(1 + s) for |s| ≤ 2^−9: the series to s⁶/6, s + s²·P(s) (relative
/// truncation |s|⁶/7 < 8e-18). With every |y| ≤ 2^−10, |s| ≤ 2^−9.
INLINE v8d log1p_series(v8d s) {
    v8d p = VFMA(splat(-1.0 / 6), s, splat(0.2));
    p = VFMA(p, s, splat(-0.25));
    p = VFMA(p, s, splat(1.0 / 3));
    p = VFMA(p, s, splat(-0.5));
    return VFMA(s * s, p, s);
}

/// log(1 + s) for any s > −1, by libm's log (the one the pass already
/// uses): Kahan's log(w)·s/(w − 1), w = 1 + s, which cancels the rounding
/// of w (Goldberg 1991, "What every computer scientist should know about
/// floating-point arithmetic", Theorem 4).
static inline double log1p_wide(double s) {
    const double w = 1.0 + s;
    return w == 1.0 ? s : log(w) * s / (w - 1.0);
}

INLINE int any_lane(v8l mask) {
    return (mask[0] | mask[1] | mask[2] | mask[3] | mask[4] | mask[5] | mask[6] | mask[7]) != 0;
}

typedef struct {
    const double *log_ratio, *inverse_sd, *sd_step, *mean_step;
    v8d sum, compensation;
} change_state;

enum { CHANGE_MAX_K = 8 };

/// y_k = log(π_k φ_k / (π'_k φ'_k)) at the eight points `x`.
INLINE v8d change_exponent(const pass_state *st, const change_state *ch, size_t j, v8d x) {
    const v8d u = (x - splat(st->mean[j])) * splat(ch->inverse_sd[j]);
    const v8d v = VFMA(splat(ch->sd_step[j]), u, splat(ch->mean_step[j]));
    return VFMA(-v, VFMA(splat(0.5), v, u), splat(ch->log_ratio[j]));
}

/// −log1p(Σ_k γ'_k expm1(y_k)) of eight points by the general formulas:
/// expm1_wide in the lanes with |y| > 2^−10, log1p_wide where |s| > 2^−9.
INLINE v8d change_wide(const pass_state *st, const change_state *ch, size_t k, v8d x, v8d inverse, size_t h,
                       const v8d *y_saved) {
    v8d total = splat(0.0);
    for (size_t j = 0; j < k; j++) {
        const v8d gamma = st->terms[2 * j + h] * inverse;
        const v8d y = k <= CHANGE_MAX_K ? y_saved[j] : change_exponent(st, ch, j, x);
        const v8l far = (v8l)(__builtin_elementwise_abs(y) > splat(CHANGE_SERIES_BOUND));
        total = VFMA(gamma, lane_select(far, expm1_wide(y), expm1_series(y)), total);
    }
    v8d change = -log1p_series(total);
    for (int l = 0; l < W; l++)
        if (!(__builtin_fabs(total[l]) <= 0x1p-9)) change[l] = -log1p_wide(total[l]);
    return change;
}

/// Adds ℓ_i(θ') − ℓ_i(θ) of the sixteen points (x0, x1) of the block just
/// done — its exps are in st->terms, its 1/s·keep are `inverse0/1` — to the
/// lanes' compensated sums. Padding lanes have γ' = 0 and add −log1p(0) = 0.
/// The general formulas run only for a half with some |y| > 2^−10, and then
/// only in their lanes, so a lane's result never depends on another's.
INLINE void change_block(const pass_state *st, change_state *ch, size_t k, v8d x0, v8d x1, v8d inverse0,
                         v8d inverse1) {
    v8d y0_saved[CHANGE_MAX_K], y1_saved[CHANGE_MAX_K];
    v8d total0 = splat(0.0), total1 = splat(0.0);
    v8l wide0 = (v8l){0}, wide1 = (v8l){0};
    for (size_t j = 0; j < k; j++) {
        const v8d y0 = change_exponent(st, ch, j, x0), y1 = change_exponent(st, ch, j, x1);
        if (k <= CHANGE_MAX_K) { y0_saved[j] = y0; y1_saved[j] = y1; }
        wide0 |= (v8l)(__builtin_elementwise_abs(y0) > splat(CHANGE_SERIES_BOUND));
        wide1 |= (v8l)(__builtin_elementwise_abs(y1) > splat(CHANGE_SERIES_BOUND));
        total0 = VFMA(st->terms[2 * j] * inverse0, expm1_series(y0), total0);
        total1 = VFMA(st->terms[2 * j + 1] * inverse1, expm1_series(y1), total1);
    }
    v8d change0, change1;
    if (!any_lane(wide0 | wide1)) {
        change0 = -log1p_series(total0);
        change1 = -log1p_series(total1);
    } else {
        // Some |y| is large (a far point, or a long step): those halves again by the general formulas.
        change0 = any_lane(wide0) ? change_wide(st, ch, k, x0, inverse0, 0, y0_saved) : -log1p_series(total0);
        change1 = any_lane(wide1) ? change_wide(st, ch, k, x1, inverse1, 1, y1_saved) : -log1p_series(total1);
    }
    // Neumaier's compensated sum (Neumaier 1974, ZAMM 54(1)), lane by lane,
    // of the block's two points per lane.
    const v8d change = change0 + change1;
    const v8d sum = ch->sum + change;
    const v8l larger = (v8l)(__builtin_elementwise_abs(ch->sum) >= __builtin_elementwise_abs(change));
    ch->compensation += lane_select(larger, (ch->sum - sum) + change, (change - sum) + ch->sum);
    ch->sum = sum;
}

/// The whole pass; `k` is a constant wherever the dispatch below inlines it.
INLINE void pass(const double *x, size_t n, size_t k, const double *offset, const double *half_precision,
                 const double *mean, double *work, double *lanes, change_state *ch) {
    v8d_u *w = (v8d_u *)(void *)work;
    pass_state st = {offset, half_precision, mean, w, w + 2 * k, w + 3 * k, w + 4 * k};
    v8d_u t[2 * 8], ns[8], ss[8], qs[8];
    // Small K: the terms and sums live in locals (registers), copied out at the end.
    const int local = k <= 8;
    if (local) { st.terms = t; st.n_sum = ns; st.s_sum = ss; st.q_sum = qs; }
    for (size_t j = 0; j < k; j++) { st.n_sum[j] = splat(0); st.s_sum[j] = splat(0); st.q_sum[j] = splat(0); }
    // s ≤ K per lane: K^(interval + 1) < 2^1023 keeps the running products finite.
    size_t bits = 0;
    while (bits < 64 && ((size_t)1 << bits) <= k) bits++;
    const size_t interval = k <= 8 ? 64 : (960 / bits > 1 ? 960 / bits : 1);
    const v8d one = splat(1.0);
    v8d maxima = splat(0), log_products = splat(0), product0 = one, product1 = one;
    v8d m0, s0, m1, s1, inverse0, inverse1;
    size_t since = 0, i = 0;
    for (; i + 2 * W <= n; i += 2 * W) {
        const v8d x0 = load(x + i), x1 = load(x + i + W);
        block(&st, k, x0, x1, one, one, &m0, &s0, &m1, &s1, &inverse0, &inverse1);
        if (ch) change_block(&st, ch, k, x0, x1, inverse0, inverse1);
        maxima += m0 + m1;
        product0 *= s0;
        product1 *= s1;
        if (++since == interval) {
            log_products += log_lanes(product0) + log_lanes(product1);
            product0 = one;
            product1 = one;
            since = 0;
        }
    }
    if (i < n) {
        // The last 1…15 points, padded with copies of the last one; padding
        // lanes get γ = 0, m = 0 and s = 1.
        v8d x0 = splat(x[n - 1]), x1 = x0, keep0 = splat(0), keep1 = splat(0);
        for (size_t lane = 0; i + lane < n; lane++) {
            if (lane < W) { x0[lane] = x[i + lane]; keep0[lane] = 1; }
            else { x1[lane - W] = x[i + lane]; keep1[lane - W] = 1; }
        }
        block(&st, k, x0, x1, keep0, keep1, &m0, &s0, &m1, &s1, &inverse0, &inverse1);
        if (ch) change_block(&st, ch, k, x0, x1, inverse0, inverse1);
        maxima += m0 * keep0 + m1 * keep1;
        product0 *= s0 * keep0 + (one - keep0);
        product1 *= s1 * keep1 + (one - keep1);
    }
    log_products += log_lanes(product0) + log_lanes(product1);
    if (local) {
        for (size_t j = 0; j < k; j++) { w[2 * k + j] = ns[j]; w[3 * k + j] = ss[j]; w[4 * k + j] = qs[j]; }
    }
    store(lanes, maxima + log_products);
}

INLINE void exp_in_place(double *values, size_t count) {
    for (size_t i = 0; i + W <= count; i += W) store(values + i, vexp(load(values + i)));
}

/// The score coordinates, as FreeParameterLayout lays them out: the K − 1
/// free weights, then the K means, then the variances (K, one shared, or none).
INLINE size_t score_count(size_t k, int weights_free, int variance_model) {
    return (weights_free ? k - 1 : 0) + k +
           (variance_model == EMLAB_VARIANCE_PER_COMPONENT ? k : variance_model == EMLAB_VARIANCE_SHARED ? 1 : 0);
}

/// The loop over the data of the information pass. `m` (5k moments) and `g`
/// (the p(p+1)/2 Gram triangle) are accumulated into; `t`, `dev` (chunk·k
/// each) and `r` (p) are scratch. Called with constant k and model, every
/// index into the sums is a constant and they can live in registers; called
/// with variables, the same operations run in the same order, so both give
/// the same bits.
///
/// The points go in chunks of `chunk` blocks of 8: first every block's
/// responsibilities (the exps and the division, independent from block to
/// block, so they overlap in the pipeline), then every block's moments,
/// score and Gram update, in block order (each lane's sums are taken in the
/// same order whatever the chunk).
INLINE void information_loop(const double *x, size_t n, size_t k, int weights_free, int variance_model,
                             const emlab_score_shape *sh, v8d_u *m, v8d_u *g, v8d_u *t, v8d_u *dev, v8d_u *r,
                             size_t chunk) {
    const size_t weight_count = weights_free ? k - 1 : 0;
    const size_t p = score_count(k, weights_free, variance_model);
    for (size_t start = 0; start < n; start += chunk * W) {
        const size_t left = (n - start + W - 1) / W, blocks = left < chunk ? left : chunk;
        for (size_t b = 0; b < blocks; b++) {
            const size_t i = start + b * W;
            v8d_u *tb = t + b * k, *db = dev + b * k;
            v8d xv, keep;
            if (i + W <= n) {
                xv = load(x + i);
                keep = splat(1.0);
            } else {
                xv = splat(x[i]);
                keep = splat(0.0);
                for (size_t lane = 0; i + lane < n; lane++) { xv[lane] = x[i + lane]; keep[lane] = 1; }
            }
            v8d largest = splat(-INFINITY);
            for (size_t j = 0; j < k; j++) {
                const v8d d = xv - splat(sh->mean[j]);
                db[j] = d;
                const v8d term = splat(sh->offset[j]) - (d * d) * splat(sh->half_precision[j]);
                tb[j] = term;
                largest = lane_select(largest < term, term, largest);
            }
            v8d total = splat(0.0);
            for (size_t j = 0; j < k; j++) tb[j] = vexp(tb[j] - largest);
            for (size_t j = 0; j < k; j++) total += tb[j];
            const v8d inverse = keep / total;
            for (size_t j = 0; j < k; j++) tb[j] = tb[j] * inverse;   // γ_j
        }
        for (size_t b = 0; b < blocks; b++) {
            const v8d_u *tb = t + b * k, *db = dev + b * k;
            for (size_t c = 0; c < p; c++) r[c] = splat(0.0);
            for (size_t j = 0; j < k; j++) {
                const v8d gamma = tb[j], d = db[j];
                const v8d gd = gamma * d, gd2 = gd * d;
                m[5 * j] += gamma; m[5 * j + 1] += gd; m[5 * j + 2] += gd2;
                m[5 * j + 3] += gd2 * d; m[5 * j + 4] += (gd2 * d) * d;
                if (weights_free) {
                    if (j < k - 1) r[j] += gamma * splat(sh->weight_scale[j]);
                    else {
                        const v8d last = gamma * splat(sh->weight_scale[k - 1]);
                        for (size_t c = 0; c < k - 1; c++) r[c] -= last;
                    }
                }
                r[weight_count + j] += gd * splat(sh->inverse_variance[j]);
                if (variance_model != EMLAB_VARIANCE_KNOWN) {
                    const size_t v = weight_count + k + (variance_model == EMLAB_VARIANCE_PER_COMPONENT ? j : 0);
                    r[v] += (gd2 - gamma * splat(sh->variance[j])) * splat(sh->variance_scale[j]);
                }
            }
            size_t pair = 0;
            for (size_t a = 0; a < p; a++) {
                const v8d ra = r[a];
                for (size_t c = a; c < p; c++, pair++) g[pair] = VFMA(ra, r[c], g[pair]);
            }
        }
    }
}

enum { INFORMATION_MAX_K = 4, INFORMATION_MAX_P = 3 * INFORMATION_MAX_K - 1, INFORMATION_CHUNK = 8 };

/// The loop with K and the model as constants and its sums in locals, so the
/// compiler keeps them in registers rather than in `work` (about 3× faster at
/// K = 2, issue 12); copied in from `work` and back, which is exact.
INLINE void information_fixed(const double *x, size_t n, size_t k, int weights_free, int variance_model,
                              const emlab_score_shape *sh, v8d_u *work) {
    const size_t p = score_count(k, weights_free, variance_model), pairs = p * (p + 1) / 2;
    v8d m[5 * INFORMATION_MAX_K], g[INFORMATION_MAX_P * (INFORMATION_MAX_P + 1) / 2];
    v8d t[INFORMATION_CHUNK * INFORMATION_MAX_K], dev[INFORMATION_CHUNK * INFORMATION_MAX_K], r[INFORMATION_MAX_P];
    v8d_u *work_g = work + 5 * k + 2 * k + p;
    for (size_t q = 0; q < 5 * k; q++) m[q] = work[q];
    for (size_t q = 0; q < pairs; q++) g[q] = work_g[q];
    information_loop(x, n, k, weights_free, variance_model, sh, m, g, t, dev, r, INFORMATION_CHUNK);
    for (size_t q = 0; q < 5 * k; q++) work[q] = m[q];
    for (size_t q = 0; q < pairs; q++) work_g[q] = g[q];
}

INLINE void information_pass(const double *x, size_t n, size_t k, const emlab_score_shape *sh, double *work) {
    v8d_u *w = (v8d_u *)(void *)work;
    const int free = sh->weights_free != 0, model = sh->variance_model;
#define EMLAB_FIXED(K, FREE, MODEL)                                                                        \
    case (K) * 16 + (FREE) * 4 + (MODEL): information_fixed(x, n, K, FREE, MODEL, sh, w); return;
#define EMLAB_FIXED_K(K)                                                                                   \
    EMLAB_FIXED(K, 0, 0) EMLAB_FIXED(K, 0, 1) EMLAB_FIXED(K, 0, 2)                                          \
    EMLAB_FIXED(K, 1, 0) EMLAB_FIXED(K, 1, 1) EMLAB_FIXED(K, 1, 2)
    if (model >= 0 && model <= 2) {
        switch (k * 16 + (size_t)free * 4 + (size_t)model) {
            EMLAB_FIXED_K(1) EMLAB_FIXED_K(2) EMLAB_FIXED_K(3) EMLAB_FIXED_K(4)
        default: break;
        }
    }
#undef EMLAB_FIXED_K
#undef EMLAB_FIXED
    // Any other K: the same loop on the caller's memory.
    const size_t p = score_count(k, free, model);
    v8d_u *m = w, *t = m + 5 * k, *dev = t + k, *r = dev + k, *g = r + p;
    information_loop(x, n, k, free, model, sh, m, g, t, dev, r, 1);
}

typedef uint8_t v8u8 __attribute__((vector_size(8)));

/// The quantile start's labelling pass (RankGroups.labels): for 8 points at
/// a time, the number of cut values each is above, the count below each cut
/// value, and the indices of the points equal to one (rare: they need their
/// stable rank, which the caller works out).
INLINE size_t rank_labels(const double *x, size_t n, const double *cut, size_t cuts, uint8_t *labels,
                          size_t *below, size_t *tied) {
    size_t tied_count = 0, i = 0;
    for (size_t j = 0; j < cuts; j++) below[j] = 0;
    for (; i + W <= n; i += W) {
        const v8d v = load(x + i);
        v8l past = (v8l){0}, equal = (v8l){0};
        for (size_t j = 0; j < cuts; j++) {
            const v8d t = splat(cut[j]);
            past -= (v8l)(v > t);
            const v8l less = (v8l)(v < t);
            below[j] -= (size_t)(less[0] + less[1] + less[2] + less[3] + less[4] + less[5] + less[6] + less[7]);
            equal |= (v8l)(v == t);
        }
        const v8u8 narrow = __builtin_convertvector(past, v8u8);
        memcpy(labels + i, &narrow, sizeof narrow);
        if (equal[0] | equal[1] | equal[2] | equal[3] | equal[4] | equal[5] | equal[6] | equal[7])
            for (size_t lane = 0; lane < W; lane++)
                if (equal[lane]) tied[tied_count++] = i + lane;
    }
    for (; i < n; i++) {
        uint8_t past = 0;
        int equal = 0;
        for (size_t j = 0; j < cuts; j++) {
            past += x[i] > cut[j];
            below[j] += x[i] < cut[j];
            equal |= x[i] == cut[j];
        }
        labels[i] = past;
        if (equal) tied[tied_count++] = i;
    }
    return tied_count;
}

/// Lane sums of (x_i − center)^power (power 1 or 2) over the points whose
/// label is `label`, point i in lane i mod 8; the others add their value
/// with its bits masked off, +0.
INLINE void group_lane_sums(const double *x, const uint8_t *labels, size_t n, uint8_t label, double center,
                            int power, double *lanes) {
    v8d sum = splat(0.0);
    const v8d c = splat(center);
    size_t i = 0;
    for (; i + W <= n; i += W) {
        v8u8 g;
        memcpy(&g, labels + i, sizeof g);
        const v8l keep = __builtin_convertvector(g == (v8u8){label, label, label, label, label, label, label, label}, v8l);
        v8d d = load(x + i) - c;
        if (power == 2) d = d * d;
        sum += (v8d)((v8l)d & keep);
    }
    for (size_t lane = 0; i + lane < n; lane++) {
        double d = x[i + lane] - center;
        if (power == 2) d = d * d;
        sum[lane] += labels[i + lane] == label ? d : 0.0;
    }
    store(lanes, sum);
}

INLINE void change_start(change_state *ch, const emlab_change_shape *shape) {
    ch->log_ratio = shape->log_ratio; ch->inverse_sd = shape->inverse_sd;
    ch->sd_step = shape->sd_step; ch->mean_step = shape->mean_step;
    ch->sum = splat(0.0); ch->compensation = splat(0.0);
}

INLINE void change_finish(const change_state *ch, double *change_lanes) {
    store(change_lanes, ch->sum);
    store(change_lanes + W, ch->compensation);
}

/// The pass with K a constant for K ≤ 8 (the terms and sums then live in registers).
#define EMLAB_PASS_BY_K(CH)                                                                                 \
    switch (k) {                                                                                            \
    case 1: pass(x, n, 1, a, c, mu, work, lanes, CH); break;                                                \
    case 2: pass(x, n, 2, a, c, mu, work, lanes, CH); break;                                                \
    case 3: pass(x, n, 3, a, c, mu, work, lanes, CH); break;                                                \
    case 4: pass(x, n, 4, a, c, mu, work, lanes, CH); break;                                                \
    case 5: pass(x, n, 5, a, c, mu, work, lanes, CH); break;                                                \
    case 6: pass(x, n, 6, a, c, mu, work, lanes, CH); break;                                                \
    case 7: pass(x, n, 7, a, c, mu, work, lanes, CH); break;                                                \
    case 8: pass(x, n, 8, a, c, mu, work, lanes, CH); break;                                                \
    default: pass(x, n, k, a, c, mu, work, lanes, CH); break;                                               \
    }

// One set of entry points per level. The inlined bodies take the level's
// target features, so VFMA is an instruction wherever the level has FMA.
#define EMLAB_LEVEL(SUFFIX, ATTRIBUTES)                                                                     \
    ATTRIBUTES static void estep_##SUFFIX(const double *x, size_t n, size_t k, const double *a,            \
                                          const double *c, const double *mu, double *work, double *lanes) { \
        EMLAB_PASS_BY_K(NULL)                                                                               \
    }                                                                                                       \
    ATTRIBUTES static void estep_change_##SUFFIX(const double *x, size_t n, size_t k, const double *a,     \
                                                 const double *c, const double *mu,                         \
                                                 const emlab_change_shape *shape, double *work,             \
                                                 double *lanes, double *change_lanes) {                     \
        change_state ch;                                                                                    \
        change_start(&ch, shape);                                                                           \
        EMLAB_PASS_BY_K(&ch)                                                                                \
        change_finish(&ch, change_lanes);                                                                   \
    }                                                                                                       \
    ATTRIBUTES static void exp_##SUFFIX(double *v, size_t count) { exp_in_place(v, count); }              \
    ATTRIBUTES static void information_##SUFFIX(const double *x, size_t n, size_t k,                           \
                                                const emlab_score_shape *sh, double *work) {                   \
        information_pass(x, n, k, sh, work);                                                                  \
    }                                                                                                       \
    ATTRIBUTES static size_t labels_##SUFFIX(const double *x, size_t n, const double *cut, size_t cuts,        \
                                             uint8_t *labels, size_t *below, size_t *tied) {                \
        return rank_labels(x, n, cut, cuts, labels, below, tied);                                           \
    }                                                                                                       \
    ATTRIBUTES static void group_##SUFFIX(const double *x, const uint8_t *labels, size_t n, uint8_t label,   \
                                          double center, int power, double *lanes) {                        \
        if (power == 2) group_lane_sums(x, labels, n, label, center, 2, lanes);                             \
        else group_lane_sums(x, labels, n, label, center, 1, lanes);                                        \
    }

EMLAB_LEVEL(baseline, )
#if defined(__x86_64__)
EMLAB_LEVEL(avx2, __attribute__((target("avx2,fma"))))
EMLAB_LEVEL(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma"))))
#endif

int emlab_kernel_supports(emlab_kernel_level level) {
    switch (level) {
    case EMLAB_KERNEL_BASELINE: return 1;
#if defined(__x86_64__)
    // __builtin_cpu_supports also checks that the OS saves the AVX/AVX-512 state (XGETBV).
    case EMLAB_KERNEL_AVX2_FMA:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case EMLAB_KERNEL_AVX512:
        return emlab_kernel_supports(EMLAB_KERNEL_AVX2_FMA) && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
               __builtin_cpu_supports("avx512bw");
#endif
    default: return 0;
    }
}

emlab_kernel_level emlab_kernel_selected_level(void) {
    // Chosen once; a race only computes the same answer twice.
    static int chosen = -1;
    int level = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (level < 0) {
#if defined(__x86_64__)
        __builtin_cpu_init();
#endif
        level = emlab_kernel_supports(EMLAB_KERNEL_AVX512)     ? EMLAB_KERNEL_AVX512
                : emlab_kernel_supports(EMLAB_KERNEL_AVX2_FMA) ? EMLAB_KERNEL_AVX2_FMA
                                                               : EMLAB_KERNEL_BASELINE;
        // EMLAB_KERNEL=baseline|avx2-fma caps the level: how a test shows that a
        // CPU without FMA (or without AVX-512) computes the same bytes.
        const char *cap = getenv("EMLAB_KERNEL");
        if (cap != NULL) {
            for (int l = EMLAB_KERNEL_BASELINE; l < level; l++)
                if (strcmp(cap, emlab_kernel_level_name((emlab_kernel_level)l)) == 0) { level = l; break; }
        }
        __atomic_store_n(&chosen, level, __ATOMIC_RELAXED);
    }
    return (emlab_kernel_level)level;
}

const char *emlab_kernel_level_name(emlab_kernel_level level) {
    switch (level) {
    case EMLAB_KERNEL_BASELINE: return "baseline";
    case EMLAB_KERNEL_AVX2_FMA: return "avx2-fma";
    case EMLAB_KERNEL_AVX512: return "avx512";
    default: return "unknown";
    }
}

void emlab_estep_pass(emlab_kernel_level level, const double *x, size_t n, size_t k, const double *offset,
                      const double *half_precision, const double *mean, double *work, double *lanes) {
    EMLAB_PICK(level, estep)(x, n, k, offset, half_precision, mean, work, lanes);
}

void emlab_estep_change_pass(emlab_kernel_level level, const double *x, size_t n, size_t k, const double *offset,
                             const double *half_precision, const double *mean, const emlab_change_shape *shape,
                             double *work, double *lanes, double *change_lanes) {
    EMLAB_PICK(level, estep_change)(x, n, k, offset, half_precision, mean, shape, work, lanes, change_lanes);
}

void emlab_exp_in_place(emlab_kernel_level level, double *values, size_t count) {
    EMLAB_PICK(level, exp)(values, count);
}

void emlab_information_pass(emlab_kernel_level level, const double *x, size_t n, size_t k,
                            const emlab_score_shape *shape, double *work) {
    EMLAB_PICK(level, information)(x, n, k, shape, work);
}

size_t emlab_rank_labels(emlab_kernel_level level, const double *x, size_t n, const double *cut, size_t cuts,
                         uint8_t *labels, size_t *below, size_t *tied) {
    return EMLAB_PICK(level, labels)(x, n, cut, cuts, labels, below, tied);
}

void emlab_group_lane_sums(emlab_kernel_level level, const double *x, const uint8_t *labels, size_t n,
                           uint8_t label, double center, int power, double *lanes) {
    EMLAB_PICK(level, group)(x, labels, n, label, center, power, lanes);
}
