#include "CReferenceKernel.h"
#include <math.h>

double emlab_c_estep(const double *x, size_t n, size_t k,
                     const double *weights, const double *means, const double *sds,
                     double *nk, double *sk, double *qk) {
    const double half_log_two_pi = 0.91893853320467274178;
    double a[EMLAB_C_MAX_COMPONENTS], c[EMLAB_C_MAX_COMPONENTS], t[EMLAB_C_MAX_COMPONENTS];
    if (k > EMLAB_C_MAX_COMPONENTS) return NAN;
    for (size_t j = 0; j < k; j++) {
        a[j] = log(weights[j]) - log(sds[j]) - half_log_two_pi;
        c[j] = 0.5 / (sds[j] * sds[j]);
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
