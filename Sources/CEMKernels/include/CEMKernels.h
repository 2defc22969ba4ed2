// CEMKernels: the E-step's vector kernels in C (and the information pass's loop), compiled for several x86-64
// levels and chosen once at run time by the CPU's features (as NumPy and
// OpenBLAS dispatch), so every build of EMLab — `swift build -c release`,
// `swift run`, a package depending on EMLab, the Makefile — runs the fused
// multiply-adds as instructions wherever the CPU has them.
//
// Every variant performs the same IEEE operations in the same order, with
// each multiply-add fused (one rounding), so every variant — and a CPU
// without FMA, where the fused operation is libm's exact `fma` — returns the
// same bits. The file is compiled with floating-point contraction off, so
// no other multiply and add is fused.
//
// The Swift side is Sources/EMLab/Fitting/EStepKernel.swift; the algorithm
// is documented there.
#ifndef EMLAB_CEMKERNELS_H
#define EMLAB_CEMKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction-set levels a kernel is compiled for.
typedef enum {
    /// The compiler's default target (on x86-64: SSE2; fused multiply-adds are libm calls).
    EMLAB_KERNEL_BASELINE = 0,
    /// x86-64 with AVX2 and FMA (the features of x86-64-v3 the kernel uses).
    EMLAB_KERNEL_AVX2_FMA = 1,
    /// x86-64 with AVX-512 F/DQ/VL/BW on top of AVX2 and FMA (x86-64-v4).
    EMLAB_KERNEL_AVX512 = 2,
} emlab_kernel_level;

/// The level chosen for this CPU (the highest it supports).
emlab_kernel_level emlab_kernel_selected_level(void);

/// Whether this CPU can run the given level.
int emlab_kernel_supports(emlab_kernel_level level);

/// A short name of a level: "baseline", "avx2-fma", "avx512".
const char *emlab_kernel_level_name(emlab_kernel_level level);

/// One E-step pass over `n` points and `k` components.
///
/// - `offset[j]` = log π_j − log σ_j − ½ log 2π, `half_precision[j]` = ½/σ_j²,
///   `mean[j]` = μ_j.
/// - `work`: 5·k·8 doubles of scratch; on return, the 8 lanes of the sums
///   N_j, S_j and Q_j are at work + (2k + j)·8, (3k + j)·8 and (4k + j)·8.
/// - `lanes`: 8 doubles; on return, per lane, the sum of the maxima plus
///   the logs of the products of the sums (the log-likelihood is their sum).
///
/// The caller sums lanes (so the order of that sum is the caller's).
void emlab_estep_pass(emlab_kernel_level level, const double *x, size_t n, size_t k,
                      const double *offset, const double *half_precision, const double *mean,
                      double *work, double *lanes);

/// e^x in place over `count` doubles (a multiple of 8), x ≤ 0 or NaN: the
/// E-step's exp, for other passes that need the same function.
void emlab_exp_in_place(emlab_kernel_level level, double *values, size_t count);

/// The per-component constants of the information pass (one entry per component).
typedef struct {
    const double *mean, *offset, *half_precision;
    /// σ_k², 1/σ_k² and 1/(2σ_k⁴) of the score's variance coordinate.
    const double *variance, *inverse_variance, *variance_scale;
    /// 1/π_k, the weight coordinates' score scale (used when `weights_free`).
    const double *weight_scale;
    /// The score coordinate of μ_k, and of σ_k² (−1 when the variance is not a coordinate).
    const long *mean_index, *variance_index;
    int weights_free;
} emlab_score_shape;

/// The sample information pass (Sources/EMLab/Fitting/Information/MixtureInformation.swift
/// documents it): over blocks of 8 points, the responsibilities by the pass's
/// exp, 5 weighted moments per component, the p score entries, and the upper
/// triangle of Σ m mᵀ. `work` holds, as 8-lane vectors: the moments (5k), two
/// scratch blocks (2k), the score (p) and the Gram triangle (p(p+1)/2); the
/// moments and the triangle are accumulated into.
void emlab_information_pass(emlab_kernel_level level, const double *x, size_t n, size_t k, size_t p,
                            const emlab_score_shape *shape, double *work);

#ifdef __cplusplus
}
#endif

#endif
