// The split at the heart of the quantile start's selection (RankGroups in
// Sources/EMLab/Fitting/RankGroups.swift): values below a pivot to one
// buffer, values above it to another. Only which values land where matters
// (their order within a side never reaches a result), so each level may
// pack them its own way: AVX-512 and AVX2 compress 8 or 4 lanes at a time
// with a full-width store (hence the 8 values of slack), the baseline goes
// one value at a time, branch-free.
#include "CEMKernels.h"
#include "dispatch.h"
#include <stdint.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

static void partition_baseline(const double *x, size_t n, double pivot, double *below, size_t *below_count,
                               double *above, size_t *above_count) {
    size_t lower = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        const double v = x[i];
        below[lower] = v;
        above[upper] = v;
        lower += v < pivot;
        upper += v > pivot;
    }
    *below_count = lower;
    *above_count = upper;
}

#if defined(__x86_64__)
__attribute__((target("avx2,popcnt")))
static void partition_avx2(const double *x, size_t n, double pivot, double *below, size_t *below_count,
                           double *above, size_t *above_count) {
    // For each 4-bit mask, the 32-bit lanes that move the chosen doubles to the front.
    static const int32_t pack[16][8] = {
        {0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7}, {2, 3, 0, 1, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
        {4, 5, 0, 1, 2, 3, 6, 7}, {0, 1, 4, 5, 2, 3, 6, 7}, {2, 3, 4, 5, 0, 1, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
        {6, 7, 0, 1, 2, 3, 4, 5}, {0, 1, 6, 7, 2, 3, 4, 5}, {2, 3, 6, 7, 0, 1, 4, 5}, {0, 1, 2, 3, 6, 7, 4, 5},
        {4, 5, 6, 7, 0, 1, 2, 3}, {0, 1, 4, 5, 6, 7, 2, 3}, {2, 3, 4, 5, 6, 7, 0, 1}, {0, 1, 2, 3, 4, 5, 6, 7},
    };
    const __m256d p = _mm256_set1_pd(pivot);
    size_t lower = 0, upper = 0, i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d v = _mm256_loadu_pd(x + i);
        const int lt = _mm256_movemask_pd(_mm256_cmp_pd(v, p, _CMP_LT_OQ));
        const int gt = _mm256_movemask_pd(_mm256_cmp_pd(v, p, _CMP_GT_OQ));
        const __m256i vi = _mm256_castpd_si256(v);
        _mm256_storeu_si256((__m256i *)(void *)(below + lower),
                            _mm256_permutevar8x32_epi32(vi, _mm256_loadu_si256((const __m256i *)(const void *)pack[lt])));
        _mm256_storeu_si256((__m256i *)(void *)(above + upper),
                            _mm256_permutevar8x32_epi32(vi, _mm256_loadu_si256((const __m256i *)(const void *)pack[gt])));
        lower += (size_t)__builtin_popcount((unsigned)lt);
        upper += (size_t)__builtin_popcount((unsigned)gt);
    }
    size_t tail_lower = 0, tail_upper = 0;
    partition_baseline(x + i, n - i, pivot, below + lower, &tail_lower, above + upper, &tail_upper);
    *below_count = lower + tail_lower;
    *above_count = upper + tail_upper;
}

__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,popcnt")))
static void partition_avx512(const double *x, size_t n, double pivot, double *below, size_t *below_count,
                             double *above, size_t *above_count) {
    const __m512d p = _mm512_set1_pd(pivot);
    size_t lower = 0, upper = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m512d v = _mm512_loadu_pd(x + i);
        const __mmask8 lt = _mm512_cmp_pd_mask(v, p, _CMP_LT_OQ), gt = _mm512_cmp_pd_mask(v, p, _CMP_GT_OQ);
        // Compress in a register, then store whole: the compressing store
        // to memory is microcoded and slow on some CPUs (AMD Zen 4).
        _mm512_storeu_pd(below + lower, _mm512_maskz_compress_pd(lt, v));
        _mm512_storeu_pd(above + upper, _mm512_maskz_compress_pd(gt, v));
        lower += (size_t)__builtin_popcount((unsigned)lt);
        upper += (size_t)__builtin_popcount((unsigned)gt);
    }
    size_t tail_lower = 0, tail_upper = 0;
    partition_baseline(x + i, n - i, pivot, below + lower, &tail_lower, above + upper, &tail_upper);
    *below_count = lower + tail_lower;
    *above_count = upper + tail_upper;
}
#endif

void emlab_partition(emlab_kernel_level level, const double *x, size_t n, double pivot, double *below,
                     size_t *below_count, double *above, size_t *above_count) {
    EMLAB_PICK(level, partition)(x, n, pivot, below, below_count, above, above_count);
}
