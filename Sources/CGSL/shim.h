// CGSL — the only C in EMLab. Not a stable API: Swift code outside
// Sources/EMLab/Random must not import this module.
//
// GSL exposes its generator types as global mutable pointers
// (`gsl_rng_mt19937`, ...), which Swift 6 treats as shared mutable state.
// The accessors below reach them from C so no such global leaks into Swift.
#ifndef EMLAB_CGSL_SHIM_H
#define EMLAB_CGSL_SHIM_H

#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_version.h>

/// The generator type whose GSL name is `name`, or NULL when GSL has none.
static inline const gsl_rng_type *emlab_rng_type_named(const char *name) {
    const gsl_rng_type **types = gsl_rng_types_setup();
    for (const gsl_rng_type **t = types; *t != NULL; t++) {
        if (strcmp((*t)->name, name) == 0) return *t;
    }
    return NULL;
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

#endif
