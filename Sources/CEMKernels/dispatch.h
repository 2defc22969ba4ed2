// CEMKernels' private dispatch: which compiled level of a kernel runs.
// Included by the .c files of the target only (not part of its public header).
#ifndef EMLAB_CEMKERNELS_DISPATCH_H
#define EMLAB_CEMKERNELS_DISPATCH_H

#include "CEMKernels.h"

/// The level a call runs at: the one asked for, capped at the CPU's own (a
/// level above the CPU's runs as the CPU's, which computes the same bits).
static inline emlab_kernel_level emlab_effective_level(emlab_kernel_level level) {
    const emlab_kernel_level highest = emlab_kernel_selected_level();
    return level < highest ? level : highest;
}

/// The compiled variant of kernel NAME (NAME_avx512, NAME_avx2 or
/// NAME_baseline) for LEVEL, as a function to call: `EMLAB_PICK(level, f)(args)`.
#if defined(__x86_64__)
#define EMLAB_PICK(LEVEL, NAME)                                                              \
    (emlab_effective_level(LEVEL) == EMLAB_KERNEL_AVX512     ? NAME##_avx512                 \
     : emlab_effective_level(LEVEL) == EMLAB_KERNEL_AVX2_FMA ? NAME##_avx2                   \
                                                             : NAME##_baseline)
#else
#define EMLAB_PICK(LEVEL, NAME) ((void)(LEVEL), NAME##_baseline)
#endif

#endif
