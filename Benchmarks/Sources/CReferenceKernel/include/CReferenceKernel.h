#ifndef EMLAB_C_REFERENCE_KERNEL_H
#define EMLAB_C_REFERENCE_KERNEL_H

#include <stddef.h>

/// Largest K the C kernel takes (its per-point work space is on the stack).
#define EMLAB_C_MAX_COMPONENTS 64

/// One fused E-step pass over x[0..<n] for a K-component 1-D Gaussian
/// mixture, the contract of EMLab's SufficientStatistics.accumulate:
/// per point the log-terms t_k = log w_k - log s_k - log(2 pi)/2 - (x-m_k)^2/(2 s_k^2),
/// their log-sum-exp (libm exp and log), the responsibilities g_k, and
/// nk[k] = sum g_k, sk[k] = sum g_k (x - m_k), qk[k] = sum g_k (x - m_k)^2.
/// Returns the log-likelihood. Plain C, one point at a time.
double emlab_c_estep(const double *x, size_t n, size_t k,
                     const double *weights, const double *means, const double *sds,
                     double *nk, double *sk, double *qk);

#endif
