// CEMKernels: EMLab's hot loops in C — the E-step pass (with, on demand,
// the exact change of the log-likelihood from other parameters) and its exp, the
// information pass's loop, the quantile start's selection split, labelling
// and group sums, and the number parse of runs.csv re-reads — compiled for several x86-64
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
#include <stdint.h>

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

/// The per-component constants of the exact change (one entry per
/// component), for the pass's parameters θ' = (π', μ', σ') and a reference
/// θ = (π, μ, σ): `log_ratio[j]` = log(π_j/π'_j) + log(σ'_j/σ_j) (the
/// weights as the caller takes them: EMLab divides each set by its sum),
/// `inverse_sd[j]` = 1/σ'_j, `sd_step[j]` = (σ'_j − σ_j)/σ_j,
/// `mean_step[j]` = (μ'_j − μ_j)/σ_j. Sources/EMLab/Fitting/LogLikelihoodChange.swift
/// documents the method.
typedef struct {
    const double *log_ratio, *inverse_sd, *sd_step, *mean_step;
} emlab_change_shape;

/// `emlab_estep_pass` (the same bits in `work` and `lanes`) that also sums,
/// per point, ℓ_i(θ') − ℓ_i(θ) = −log1p(Σ_j γ'_j expm1(y_j)), with γ' the
/// pass's responsibilities and y_j = log(π_j φ_j(x_i) / (π'_j φ'_j(x_i)))
/// formed from the parameter differences in `shape`.
/// `change_lanes`: 16 doubles; on return, the 8 lanes' compensated sums of
/// those terms, then their 8 compensations (Neumaier). The caller adds them.
void emlab_estep_change_pass(emlab_kernel_level level, const double *x, size_t n, size_t k,
                             const double *offset, const double *half_precision, const double *mean,
                             const emlab_change_shape *shape, double *work, double *lanes, double *change_lanes);

/// e^x in place over `count` doubles (a multiple of 8), x ≤ 0 or NaN: the
/// E-step's exp, for other passes that need the same function.
void emlab_exp_in_place(emlab_kernel_level level, double *values, size_t count);

/// The variance coordinates of the score.
typedef enum {
    EMLAB_VARIANCE_KNOWN = 0,
    EMLAB_VARIANCE_SHARED = 1,
    EMLAB_VARIANCE_PER_COMPONENT = 2
} emlab_variance_model;

/// The per-component constants of the information pass (one entry per component).
typedef struct {
    const double *mean, *offset, *half_precision;
    /// σ_k², 1/σ_k² and 1/(2σ_k⁴) of the score's variance coordinate.
    const double *variance, *inverse_variance, *variance_scale;
    /// 1/π_k, the weight coordinates' score scale (used when `weights_free`).
    const double *weight_scale;
    /// Whether the K − 1 free weights are score coordinates.
    int weights_free;
    /// An `emlab_variance_model`: which variances are coordinates.
    int variance_model;
} emlab_score_shape;

/// The sample information pass (Sources/EMLab/Fitting/Information/MixtureInformation.swift
/// documents it): over blocks of 8 points, the responsibilities by the pass's
/// exp, 5 weighted moments per component, the p score entries, and the upper
/// triangle of Σ m mᵀ. `work` holds, as 8-lane vectors: the moments (5k), two
/// scratch blocks (2k), the score (p) and the Gram triangle (p(p+1)/2); the
/// moments and the triangle are accumulated into. The score's p coordinates
/// are those of FreeParameterLayout: the K − 1 free weights (when
/// `weights_free`), the K means, then the K variances, the shared one, or
/// none (`variance_model`).
void emlab_information_pass(emlab_kernel_level level, const double *x, size_t n, size_t k,
                            const emlab_score_shape *shape, double *work);

/// The quantile start's labelling pass (Sources/EMLab/Fitting/RankGroups.swift):
/// labels[i] = the number of the `cuts` ascending cut values x[i] is above;
/// below[j] = the number of points below cut[j]. Returns the number of points
/// equal to some cut value and writes their indices, ascending, to `tied`
/// (room for n).
size_t emlab_rank_labels(emlab_kernel_level level, const double *x, size_t n, const double *cut, size_t cuts,
                         uint8_t *labels, size_t *below, size_t *tied);

/// Per lane l, the sum over the points i ≡ l (mod 8) with labels[i] == label,
/// in order, of (x[i] − center)^power, power 1 or 2 (the other points add
/// +0). The caller sums the 8 lanes.
void emlab_group_lane_sums(emlab_kernel_level level, const double *x, const uint8_t *labels, size_t n,
                           uint8_t label, double center, int power, double *lanes);

/// The values of x[0..<n] below `pivot`, to `below` (their count to
/// `below_count`), and those above it, to `above`, each side in an order
/// of the level's own (only which values go where is defined). `below` and
/// `above` need room for n + 8 values: the vector levels store whole vectors.
void emlab_partition(emlab_kernel_level level, const double *x, size_t n, double pivot, double *below,
                     size_t *below_count, double *above, size_t *above_count);

/// Parses `length` bytes (fewer than 64) as Swift's `Double(String)` does:
/// strtod in the C locale over the whole text; 0 (no value) for an empty or
/// long text, bytes left over, or a result out of range. 1 and the value otherwise.
int emlab_parse_double(const char *text, size_t length, double *value);

#ifdef __cplusplus
}
#endif

#endif
