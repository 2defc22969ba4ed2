// Parsing a decimal number from bytes, as Swift's Double(String) does, for
// re-reading runs.csv without a String per field (CSVRecord.number).
#define _GNU_SOURCE
#include "CEMKernels.h"
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

int emlab_parse_double(const char *text, size_t length, double *value) {
    char copy[64];
    if (length == 0 || length >= sizeof copy) return 0;
    memcpy(copy, text, length);
    copy[length] = 0;
    pthread_once(&c_locale_once, make_c_locale);
    if (c_locale == (locale_t)0) return 0;
    char *end = NULL;
    errno = 0;
    const double result = strtod_l(copy, &end, c_locale);
    // Swift's runtime (_swift_stdlib_strtod_clocale) rejects a result out of
    // range: ERANGE with ±HUGE_VAL or ±0.
    if (errno == ERANGE && (result == HUGE_VAL || result == -HUGE_VAL || result == 0.0)) return 0;
    if (end != copy + length) return 0;
    *value = result;
    return 1;
}
