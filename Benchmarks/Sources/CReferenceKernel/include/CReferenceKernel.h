#ifndef EMLAB_C_REFERENCE_KERNEL_H
#define EMLAB_C_REFERENCE_KERNEL_H

#include <stddef.h>

/// Largest K the C kernels take (their work space is on the stack).
#define EMLAB_C_MAX_COMPONENTS 64

/// The yardstick: one fused E-step pass over x[0..<n] for a K-component
/// 1-D Gaussian mixture, the contract of EMLab's SufficientStatistics.accumulate:
/// per point the log-terms t_k = log w_k - log s_k - log(2 pi)/2 - (x-m_k)^2/(2 s_k^2),
/// their log-sum-exp, the responsibilities g_k, and
/// nk[k] = sum g_k, sk[k] = sum g_k (x - m_k), qk[k] = sum g_k (x - m_k)^2.
/// Returns the log-likelihood (NaN for K > EMLAB_C_MAX_COMPONENTS).
///
/// The same algorithm as EMLab's fast pass, in C with GCC/Clang vector
/// extensions (8-double vectors, no intrinsics, IEEE arithmetic, no
/// fast-math): blocks of 8 points, an inline polynomial exp, fused
/// multiply-adds, one log per lane every 64 blocks (of the product of the
/// per-point sums), and K = 1...8 compiled as constants. Finite inputs only
/// (no fallback path).
double emlab_c_estep(const double *x, size_t n, size_t k,
                     const double *weights, const double *means, const double *sds,
                     double *nk, double *sk, double *qk);

/// The same pass written the obvious way: one point at a time, libm exp
/// for every term and one libm log per point.
double emlab_c_estep_libm(const double *x, size_t n, size_t k,
                          const double *weights, const double *means, const double *sds,
                          double *nk, double *sk, double *qk);

/// The -march the C kernels were compiled with ("native" unless
/// EMLAB_BENCH_C_MARCH was set when the package was built).
const char *emlab_c_march(void);

#endif
