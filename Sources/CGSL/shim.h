// CGSL — EMLab's shim over GSL (the other C is the E-step kernels in
// Sources/CEMKernels). Not a stable API: only the thin wrappers in
// Sources/EMLab/Random (random numbers) and Sources/EMLab/Support/GSL*.swift
// (linear algebra, eigenvalues, quadrature, distribution functions) import
// this module.
//
// GSL exposes its generator types as global mutable pointers
// (`gsl_rng_mt19937`, ...), which Swift 6 treats as shared mutable state.
// The accessors below reach them from C so no such global leaks into Swift.
#ifndef EMLAB_CGSL_SHIM_H
#define EMLAB_CGSL_SHIM_H

#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>

/// The generator type whose GSL name is `name`, or NULL when GSL has none.
/// The last type found is kept per thread: a study makes a generator per
/// data set, always of the same type, and the list is long.
static inline const gsl_rng_type *emlab_rng_type_named(const char *name) {
    static _Thread_local const gsl_rng_type *last = NULL;
    if (last != NULL && strcmp(last->name, name) == 0) return last;
    const gsl_rng_type **types = gsl_rng_types_setup();
    for (const gsl_rng_type **t = types; *t != NULL; t++) {
        if (strcmp((*t)->name, name) == 0) return last = *t;
    }
    return NULL;
}

/// A generator of type `T` whose state is not yet set: gsl_rng_alloc without
/// its seeding with the default seed, which the caller's gsl_rng_set would
/// only overwrite (for mt19937 that is 624 steps per data set). The caller
/// must call gsl_rng_set before drawing; gsl_rng_free frees it (the struct
/// is gsl_rng.h's public one). NULL when memory runs out.
static inline gsl_rng *emlab_rng_alloc_unset(const gsl_rng_type *T) {
    gsl_rng *r = (gsl_rng *)malloc(sizeof(gsl_rng));
    if (r == NULL) return NULL;
    r->state = calloc(1, T->size);
    if (r->state == NULL) { free(r); return NULL; }
    r->type = T;
    return r;
}

/// The number of generator types GSL knows.
static inline int emlab_rng_type_count(void) {
    const gsl_rng_type **types = gsl_rng_types_setup();
    int n = 0;
    while (types[n] != NULL) n++;
    return n;
}

/// The GSL name of generator type `i`, 0 <= i < emlab_rng_type_count().
static inline const char *emlab_rng_type_name(int i) {
    return gsl_rng_types_setup()[i]->name;
}

/// Switch GSL's abort-on-error handler off: statuses are returned, and Swift turns them into errors.
static inline void emlab_gsl_disable_abort(void) {
    gsl_set_error_handler_off();
}

/// GSL's version string, e.g. "2.7.1".
static inline const char *emlab_gsl_version(void) {
    return gsl_version;
}

// NumPy's legacy seeding (RandomState(seed), np.random.seed(seed)) and GSL's
// gsl_rng_set on mt19937 both run Matsumoto & Nishimura's init_genrand, except
// that GSL replaces seed 0 by 4357. To replay NumPy's seed 0, EMLab writes
// init_genrand(seed) into the generator's state itself. GSL keeps that state
// type private (rng/mt.c: `typedef struct { unsigned long mt[624]; int mti; }
// mt_state_t;`), so it is mirrored here and checked against gsl_rng_size.

/// Mirror of GSL's private mt19937 state (rng/mt.c, mt_state_t).
typedef struct { unsigned long mt[624]; int mti; } emlab_mt19937_state_t;

/// Sets an mt19937 generator to init_genrand(seed), seed 0 included
/// (numpy/random/src/mt19937/mt19937.c, mt19937_seed). Returns 0, or -1 when
/// `r` is not an mt19937 generator with the mirrored state layout.
static inline int emlab_mt19937_init_genrand(gsl_rng *r, unsigned long seed) {
    if (strcmp(gsl_rng_name(r), "mt19937") != 0 || gsl_rng_size(r) != sizeof(emlab_mt19937_state_t)) return -1;
    emlab_mt19937_state_t *state = (emlab_mt19937_state_t *)gsl_rng_state(r);
    state->mt[0] = seed & 0xffffffffUL;
    for (int i = 1; i < 624; i++) {
        state->mt[i] = (1812433253UL * (state->mt[i - 1] ^ (state->mt[i - 1] >> 30)) + (unsigned long)i) & 0xffffffffUL;
    }
    state->mti = 624; /* the next draw regenerates the whole block, as in NumPy */
    return 0;
}

#endif
