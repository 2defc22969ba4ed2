#include "CReferenceKernel.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define HALF_LOG_TWO_PI 0.91893853320467274178
#define W 8            /* points per block */
#define FLUSH 64       /* blocks between logs of the running products (K <= 8) */

static inline uint64_t bits_of(double v) { uint64_t u; memcpy(&u, &v, sizeof u); return u; }
static inline double double_of(uint64_t u) { double v; memcpy(&v, &u, sizeof v); return v; }

/* e^x for x <= 0 (NaN -> NaN, below -745.13 -> 0): Cody-Waite reduction,
   1 + r + r^2 P(r) with P of degree 9, 2^n applied in two halves so the
   subnormal results round once. The same method and constants as EMLab. */
static inline double poly_exp(double x) {
    const double shifter = 6755399441055744.0;
    x = x < -746.0 ? -746.0 : x;
    const double kf = fma(x, 1.4426950408889634, shifter);
    const double n = kf - shifter;
    double r = fma(n, -6.93147180369123816490e-01, x);
    r = fma(n, -1.90821492927058770002e-10, r);
    double p = fma(2.510037611136142e-08, r, 2.7620076242527254e-07);
    p = fma(p, r, 2.7557268479724004e-06);
    p = fma(p, r, 2.4801521321606647e-05);
    p = fma(p, r, 0.00019841269863040922);
    p = fma(p, r, 0.0013888888917197209);
    p = fma(p, r, 0.008333333333330065);
    p = fma(p, r, 0.041666666666624164);
    p = fma(p, r, 0.16666666666666669);
    p = fma(p, r, 0.5000000000000001);
    const double e = 1.0 + fma(r * r, p, r);
    const int64_t i = (int64_t)(bits_of(kf) - 0x4338000000000000ull);
    const int64_t half = i >> 1;
    const double a = double_of((uint64_t)(half + 1023) << 52);
    const double b = double_of((uint64_t)(i - half + 1023) << 52);
    return (e * a) * b;
}

/* One block of W points (keep[l] = 0 for padding lanes). K is a constant
   wherever this is inlined from the switch below. */
static inline __attribute__((always_inline))
void block(const double *restrict x, size_t K, const double *restrict a, const double *restrict c,
           const double *restrict mu, const double *restrict keep,
           double (*restrict N)[W], double (*restrict S)[W], double (*restrict Q)[W],
           double *restrict msum, double *restrict prod) {
    double t[EMLAB_C_MAX_COMPONENTS][W];
    double m[W], s[W], inv[W];
    for (int l = 0; l < W; l++) m[l] = -INFINITY;
    for (size_t j = 0; j < K; j++)
        for (int l = 0; l < W; l++) {
            const double d = x[l] - mu[j];
            t[j][l] = a[j] - (d * d) * c[j];
            m[l] = m[l] < t[j][l] ? t[j][l] : m[l];
        }
    for (int l = 0; l < W; l++) s[l] = 0;
    for (size_t j = 0; j < K; j++)
        for (int l = 0; l < W; l++) {
            t[j][l] = poly_exp(t[j][l] - m[l]);
            s[l] += t[j][l];
        }
    for (int l = 0; l < W; l++) {
        inv[l] = (1.0 / s[l]) * keep[l];
        msum[l] += keep[l] != 0 ? m[l] : 0.0;
        prod[l] *= keep[l] != 0 ? s[l] : 1.0;
    }
    for (size_t j = 0; j < K; j++)
        for (int l = 0; l < W; l++) {
            const double d = x[l] - mu[j];
            const double g = t[j][l] * inv[l];
            const double gd = g * d;
            N[j][l] += g;
            S[j][l] += gd;
            Q[j][l] = fma(gd, d, Q[j][l]);
        }
}

static inline __attribute__((always_inline))
double pass(const double *restrict x, size_t n, size_t K, const double *restrict a,
            const double *restrict c, const double *restrict mu,
            double *restrict nk, double *restrict sk, double *restrict qk) {
    double N[EMLAB_C_MAX_COMPONENTS][W], S[EMLAB_C_MAX_COMPONENTS][W], Q[EMLAB_C_MAX_COMPONENTS][W];
    double msum[W], prod[W], logs[W];
    const double ones[W] = {1, 1, 1, 1, 1, 1, 1, 1};
    for (size_t j = 0; j < K; j++)
        for (int l = 0; l < W; l++) { N[j][l] = 0; S[j][l] = 0; Q[j][l] = 0; }
    for (int l = 0; l < W; l++) { msum[l] = 0; prod[l] = 1; logs[l] = 0; }
    size_t bits = 0;
    while (bits < 64 && ((size_t)1 << bits) <= K) bits++;
    const size_t flush = K <= 8 ? FLUSH : (1000 / bits > 0 ? 1000 / bits : 1);
    size_t since = 0, i = 0;
    for (; i + W <= n; i += W) {
        block(x + i, K, a, c, mu, ones, N, S, Q, msum, prod);
        if (++since == flush) {
            for (int l = 0; l < W; l++) { logs[l] += log(prod[l]); prod[l] = 1; }
            since = 0;
        }
    }
    if (i < n) {
        double tail[W], keep[W];
        for (int l = 0; l < W; l++) {
            const int real = i + (size_t)l < n;
            tail[l] = real ? x[i + l] : x[n - 1];
            keep[l] = real ? 1.0 : 0.0;
        }
        block(tail, K, a, c, mu, keep, N, S, Q, msum, prod);
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
