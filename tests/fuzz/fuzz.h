/* Helpers shared by the fuzz targets: invariant checks that abort (so that
 * libFuzzer and the replay driver report them), the data folder, and a
 * byte reader for the option bytes some targets take from the input. */
#ifndef WA_FUZZ_H
#define WA_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wirealign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when an invariant does not hold. */
#define FUZZ_CHECK(cond, ...)                                                  \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz invariant failed at %s:%d: %s: ", __FILE__, \
                    __LINE__, #cond);                                          \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* The wirealign data folder: $WA_FUZZ_DATA, else "dictionaries" (make runs
 * the targets from the top of the tree). */
static inline const char *fuzz_data_dir(void)
{
    const char *d = getenv("WA_FUZZ_DATA");
    return d && *d ? d : "dictionaries";
}

/* Whether s[0..n) is strict UTF-8 (no overlongs, surrogates, > U+10FFFF)
 * without NUL bytes.  Written here, not taken from the library, so that a
 * bug there cannot hide itself. */
static inline int fuzz_utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c == 0)
            return 0;
        if (c < 0x80) { i++; continue; }
        size_t len;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (len > n - i)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* Whether offset `o` of s[0..n) is on a UTF-8 character boundary. */
static inline int fuzz_boundary(const char *s, size_t n, size_t o)
{
    return o == 0 || o == n || (o < n && ((unsigned char)s[o] & 0xC0) != 0x80);
}

/* Copies s[0..n) into a new heap buffer of exactly n bytes (plus nothing),
 * so that ASan catches reads past the end.  Never NULL (aborts). */
static inline char *fuzz_exact_copy(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    FUZZ_CHECK(p != NULL, "out of memory");
    if (n)
        memcpy(p, s, n);
    return p;
}

#endif
