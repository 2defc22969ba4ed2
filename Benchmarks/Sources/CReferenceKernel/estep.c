#include "CReferenceKernel.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#ifndef EMLAB_C_MARCH
#define EMLAB_C_MARCH "unknown"
#endif

const char *emlab_c_march(void) { return EMLAB_C_MARCH; }

#define HALF_LOG_TWO_PI 0.91893853320467274178
/* GCC/Clang vector extensions: eight doubles, one ymm pair or one zmm. */
typedef double v8d __attribute__((vector_size(64)));
typedef int64_t v8l __attribute__((vector_size(64)));
#define W 8            /* points per block */
#define FLUSH 64       /* blocks between logs of the running products (K <= 8) */

#if defined(__clang__) && __has_builtin(__builtin_elementwise_fma) && __has_builtin(__builtin_elementwise_max)
#define VFMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define VMAX(a, b) __builtin_elementwise_max((a), (b))
#else
static inline v8d VFMA(v8d a, v8d b, v8d c) { v8d r; for (int l = 0; l < W; l++) r[l] = fma(a[l], b[l], c[l]); return r; }
static inline v8d VMAX(v8d a, v8d b) { v8d r; for (int l = 0; l < W; l++) r[l] = a[l] < b[l] ? b[l] : a[l]; return r; }
#endif

static inline v8d splat(double v) { return (v8d){v, v, v, v, v, v, v, v}; }

/* e^x for x <= 0 (below -745.13 -> 0): Cody-Waite reduction, 1 + r + r^2 P(r)
   with P of degree 9, 2^n applied as 2^(n+56) * 2^-56 so subnormal results
   round once. The same method and constants as EMLab's EStepKernel.exp. */
static inline v8d poly_exp(v8d x) {
    const double shifter = 6755399441055744.0;
    x = VMAX(x, splat(-746.0));
    const v8d kf = VFMA(x, splat(1.4426950408889634), splat(shifter));
    const v8d n = kf - shifter;
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
    const v8d e = 1.0 + VFMA(r * r, p, r);
    const v8d scale = (v8d)(((v8l)kf + (1023 + 56)) << 52);
    return (e * scale) * 0x1p-56;
}

/* One block of W points (keep = 0 for padding lanes). K is a constant
   wherever this is inlined from the switch below. */
static inline __attribute__((always_inline))
void block(v8d x, size_t K, const double *restrict a, const double *restrict c,
           const double *restrict mu, v8d keep, v8d *restrict t,
           v8d *restrict N, v8d *restrict S, v8d *restrict Q, v8d *m_out, v8d *s_out) {
    v8d m = splat(-INFINITY);
    for (size_t j = 0; j < K; j++) {
        const v8d d = x - mu[j];
        t[j] = a[j] - (d * d) * c[j];
        m = VMAX(m, t[j]);
    }
    v8d s = splat(0);
    for (size_t j = 0; j < K; j++) {
        t[j] = poly_exp(t[j] - m);
        s += t[j];
    }
    const v8d inv = (1.0 / s) * keep;
    for (size_t j = 0; j < K; j++) {
        const v8d d = x - mu[j];
        const v8d g = t[j] * inv;
        const v8d gd = g * d;
        N[j] += g;
        S[j] += gd;
        Q[j] = VFMA(gd, d, Q[j]);
    }
    *m_out = m;
    *s_out = s;
}

static inline __attribute__((always_inline))
double pass(const double *restrict x, size_t n, size_t K, const double *restrict a,
            const double *restrict c, const double *restrict mu,
            double *restrict nk, double *restrict sk, double *restrict qk) {
    v8d t[EMLAB_C_MAX_COMPONENTS], N[EMLAB_C_MAX_COMPONENTS], S[EMLAB_C_MAX_COMPONENTS], Q[EMLAB_C_MAX_COMPONENTS];
    for (size_t j = 0; j < K; j++) { N[j] = splat(0); S[j] = splat(0); Q[j] = splat(0); }
    v8d msum = splat(0), prod = splat(1), logs = splat(0), m, s;
    size_t bits = 0;
    while (bits < 64 && ((size_t)1 << bits) <= K) bits++;
    const size_t flush = K <= 8 ? FLUSH : (1000 / bits > 0 ? 1000 / bits : 1);
    size_t since = 0, i = 0;
    for (; i + W <= n; i += W) {
        v8d xi;
        memcpy(&xi, x + i, sizeof xi);
        block(xi, K, a, c, mu, splat(1), t, N, S, Q, &m, &s);
        msum += m;
        prod *= s;
        if (++since == flush) {
            for (int l = 0; l < W; l++) logs[l] += log(prod[l]);
            prod = splat(1);
            since = 0;
        }
    }
    if (i < n) {
        v8d tail = splat(x[n - 1]), keep = splat(0);
        for (size_t l = 0; i + l < n; l++) { tail[l] = x[i + l]; keep[l] = 1; }
        block(tail, K, a, c, mu, keep, t, N, S, Q, &m, &s);
        for (int l = 0; l < W; l++) if (keep[l] != 0) { msum[l] += m[l]; prod[l] *= s[l]; }
    }
    double ll = 0;
    for (int l = 0; l < W; l++) ll += msum[l] + logs[l] + log(prod[l]);
    for (size_t j = 0; j < K; j++) {
        double sn = 0, ss = 0, sq = 0;
        for (int l = 0; l < W; l++) { sn += N[j][l]; ss += S[j][l]; sq += Q[j][l]; }
        nk[j] = sn; sk[j] = ss; qk[j] = sq;
    }
    return ll;
}

double emlab_c_estep(const double *x, size_t n, size_t k,
                     const double *weights, const double *means, const double *sds,
                     double *nk, double *sk, double *qk) {
    double a[EMLAB_C_MAX_COMPONENTS], c[EMLAB_C_MAX_COMPONENTS];
    if (k > EMLAB_C_MAX_COMPONENTS) return NAN;
    for (size_t j = 0; j < k; j++) {
        a[j] = log(weights[j]) - log(sds[j]) - HALF_LOG_TWO_PI;
        c[j] = 0.5 * (1.0 / (sds[j] * sds[j]));
    }
    switch (k) {
    case 1: return pass(x, n, 1, a, c, means, nk, sk, qk);
    case 2: return pass(x, n, 2, a, c, means, nk, sk, qk);
    case 3: return pass(x, n, 3, a, c, means, nk, sk, qk);
    case 4: return pass(x, n, 4, a, c, means, nk, sk, qk);
    case 5: return pass(x, n, 5, a, c, means, nk, sk, qk);
    case 6: return pass(x, n, 6, a, c, means, nk, sk, qk);
    case 7: return pass(x, n, 7, a, c, means, nk, sk, qk);
    case 8: return pass(x, n, 8, a, c, means, nk, sk, qk);
    default: return pass(x, n, k, a, c, means, nk, sk, qk);
    }
}

double emlab_c_estep_libm(const double *x, size_t n, size_t k,
                          const double *weights, const double *means, const double *sds,
                          double *nk, double *sk, double *qk) {
    double a[EMLAB_C_MAX_COMPONENTS], c[EMLAB_C_MAX_COMPONENTS], t[EMLAB_C_MAX_COMPONENTS];
    if (k > EMLAB_C_MAX_COMPONENTS) return NAN;
    for (size_t j = 0; j < k; j++) {
        a[j] = log(weights[j]) - log(sds[j]) - HALF_LOG_TWO_PI;
        c[j] = 0.5 * (1.0 / (sds[j] * sds[j]));
        nk[j] = 0; sk[j] = 0; qk[j] = 0;
    }
    double ll = 0;
    for (size_t i = 0; i < n; i++) {
        const double xi = x[i];
        double largest = -INFINITY;
        for (size_t j = 0; j < k; j++) {
            const double d = xi - means[j];
            t[j] = a[j] - d * d * c[j];
            if (t[j] > largest) largest = t[j];
        }
        double total = 0;
        for (size_t j = 0; j < k; j++) {
            t[j] = exp(t[j] - largest);
            total += t[j];
        }
        ll += largest + log(total);
        const double inverse = 1 / total;
        for (size_t j = 0; j < k; j++) {
            const double g = t[j] * inverse;
            const double d = xi - means[j];
            nk[j] += g;
            sk[j] += g * d;
            qk[j] += g * d * d;
        }
    }
    return ll;
}
