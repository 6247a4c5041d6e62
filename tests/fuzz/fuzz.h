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

/* Like FUZZ_CHECK, for a property whose failure is known and reported
 * but not fixed yet: when the comma-separated list in $WA_FUZZ_SOFT holds
 * `name`, a failure is printed (once) and the run goes on, so that a long
 * campaign can look for other problems; otherwise it aborts. */
#define FUZZ_SOFT_CHECK(name, cond, ...)                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            const char *soft_ = getenv("WA_FUZZ_SOFT");                        \
            if (!soft_ || !strstr(soft_, name))                                \
                FUZZ_CHECK(cond, __VA_ARGS__);                                 \
            static int told_;                                                  \
            if (!told_++)                                                      \
                fprintf(stderr, "fuzz: known failure %s seen (going on)\n", name); \
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

/* Decodes one character of s[*i..n) as the library's readers do (strict,
 * one byte per invalid sequence, which then reads as U+FFFD); advances *i. */
static inline uint32_t fuzz_next(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    unsigned c = (unsigned char)s[j];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 1) {
        *i = j + 1;
        return c;
    }
    if (len && len <= n - j && fuzz_utf8_ok(s + j, len)) {
        uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < len; k++)
            cp = (cp << 6) | ((unsigned char)s[j + k] & 0x3F);
        *i = j + len;
        return cp;
    }
    *i = j + 1;
    return 0xFFFD;
}

/* Unicode White_Space. */
static inline int fuzz_is_space(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

/* The input as valid UTF-8, the way the pipeline hands text to the later
 * stages: a copy of exactly its size when it is valid UTF-8 without NUL,
 * else what wa_text_decode() makes of it.  NULL when the input is refused
 * (binary).  Caller frees with free(). */
static inline char *fuzz_utf8_input(const uint8_t *data, size_t size, size_t *len)
{
    if (fuzz_utf8_ok((const char *)data, size)) {
        *len = size;
        return fuzz_exact_copy((const char *)data, size);
    }
    wa_text *t = NULL;
    if (wa_text_decode(&t, (const char *)data, size, NULL, NULL) != 0)
        return NULL;
    const char *s = wa_text_data(t, len);
    char *copy = fuzz_exact_copy(s, *len);
    wa_text_free(t);
    return copy;
}

#endif
