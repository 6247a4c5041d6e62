/* Internal plumbing shared by the modules: errors, growable buffers, a string
 * hash map, UTF-8 helpers.  Not part of the public API. */
#ifndef WA_UTIL_H
#define WA_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "wirealign/common.h"

/* Fills err (when not NULL) with code and a printf-style message; returns
 * code so that callers can write `return wa_fail(err, WA_EIO, ...)`. */
int wa_fail(wa_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Allocation that never returns NULL silently: callers check and map NULL
 * to WA_ENOMEM. Plain wrappers so that the allocator can be swapped once. */
void *wa_malloc(size_t n);
void *wa_calloc(size_t n, size_t size);
void *wa_realloc(void *p, size_t n);
char *wa_strndup(const char *s, size_t n);
/* Room for element n of an array: `arrp` points to the array pointer (any
 * type), *cap is its capacity in elements of `size` bytes.  When n is past
 * it, the array doubles (to `first` from empty).  Returns 0, or -1 with the
 * array unchanged when out of memory. */
int wa_grow(void *arrp, size_t *cap, size_t n, size_t size, size_t first);

/* Eight bytes from p, the first in the low byte (whatever the byte order). */
static inline uint64_t wa_load_le64(const void *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
#else
    const unsigned char *b = p;
    uint64_t x = 0;
    for (int k = 0; k < 8; k++)
        x |= (uint64_t)b[k] << (8 * k);
    return x;
#endif
}

/* The index of the first byte (in memory order) of an 8-byte word read
 * with memcpy whose bit 7 is set in mask (mask != 0, bits 7 only). */
static inline size_t wa_first_marked_byte(uint64_t mask)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(mask) >> 3;
#else
    unsigned char b[8];
    memcpy(b, &mask, 8);
    size_t k = 0;
    while (k < 7 && !(b[k] & 0x80))
        k++;
    return k;
#endif
}

/* Bit 7 set in each byte of the 8-byte word x that is an ASCII letter
 * (A-Z, a-z): the byte with bit 5 set (lower case) lies in 'a'..'z' and
 * had bit 7 clear.  No byte carries into the next one. */
static inline uint64_t wa_ascii_letter_bits(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t low = (x | ones * 0x20) & ~high;
    uint64_t from_a = low + ones * (0x80 - 'a'); /* bit 7: low >= 'a' */
    uint64_t to_z = ones * (0x80 + 'z') - low;   /* bit 7: low <= 'z' */
    return from_a & to_z & ~x & high;
}

/* Where the run of ASCII letters at s[i] ends (at most n); *lower gets 1
 * when a lower-case letter is in it, 0 otherwise.  Eight bytes at a time:
 * a branch per byte mispredicts at the end of every word. */
static inline size_t wa_ascii_letters_end(const char *s, size_t n, size_t i, int *lower)
{
    *lower = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t high = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t letters = wa_ascii_letter_bits(x), other = ~letters & high;
        /* the letters before the first other byte; bit 5 (<< 2) lower case */
        uint64_t before = other ? (other & (0 - other)) - 1 : ~(uint64_t)0;
        *lower |= (letters & before & (x << 2)) != 0;
        if (other)
            return i + wa_first_marked_byte(other);
    }
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            break;
        *lower |= c >= 'a';
    }
    return i;
}

/* A growable byte buffer, always NUL-terminated after a successful append.
 * `failed` is sticky: once an allocation fails every append is a no-op and
 * the caller checks it once at the end. */
typedef struct wa_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} wa_buf;

void wa_buf_init(wa_buf *b);
void wa_buf_free(wa_buf *b);
int wa_buf_reserve(wa_buf *b, size_t extra);
/* The appends' slow path: grows the buffer, then appends. */
void wa_buf_add_grow(wa_buf *b, const char *s, size_t n);
/* Appends: inline when the bytes fit, the common case. */
static inline void wa_buf_add(wa_buf *b, const char *s, size_t n)
{
    if (n < b->cap - b->len && b->data && !b->failed) {
        if (n)
            memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    wa_buf_add_grow(b, s, n);
}
static inline void wa_buf_addc(wa_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->failed) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    wa_buf_add_grow(b, &c, 1);
}
static inline void wa_buf_adds(wa_buf *b, const char *s) { wa_buf_add(b, s, strlen(s)); }
/* Appends v in decimal (what printf's %llu, %zu or %u would write). */
void wa_buf_add_uint(wa_buf *b, unsigned long long v);
void wa_buf_printf(wa_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s as the body of a JSON string (no surrounding quotes); bytes
 * that are not UTF-8 become \ufffd, so the JSON is valid whatever s holds. */
void wa_buf_add_json(wa_buf *b, const char *s, size_t n);
/* Takes the data out of the buffer (caller frees with free()/wa_free()). */
char *wa_buf_steal(wa_buf *b, size_t *len);

/* A hash map from byte strings to a pointer or an integer value.  Keys are
 * copied into the map; values are the caller's.  Open addressing with
 * linear probing; grows at 70 % load. */
typedef struct wa_map wa_map;

wa_map *wa_map_new(size_t hint);
void wa_map_free(wa_map *m);
/* Returns the slot's value pointer for key, or NULL when absent. */
void **wa_map_get(const wa_map *m, const char *key, size_t klen);
/* Returns the value slot for key, inserting it (value NULL) when absent;
 * *created tells which (may be NULL).  Returns NULL only on ENOMEM. */
void **wa_map_put(wa_map *m, const char *key, size_t klen, int *created);
size_t wa_map_count(const wa_map *m);
/* Starts loading key's slot into the cache, for a look-up a little later:
 * in a loop over words, prefetching a few words ahead hides the cache miss
 * a big map costs on each rare word.  Changes nothing. */
void wa_map_prefetch(const wa_map *m, const char *key, size_t klen);
/* Iterates: call with *it = 0 first; returns 0 at the end.  The key pointer
 * is borrowed, valid until the map is freed or grows. */
int wa_map_next(const wa_map *m, size_t *it, const char **key, size_t *klen,
                void ***value);

uint64_t wa_hash(const char *s, size_t n);
/* The map's own hash: a few loads and multiplies for a short key, but not
 * stable across byte orders (for tables built and read in one process). */
uint64_t wa_map_hash(const char *s, size_t n);

/* Reads a whole file into *out (NUL-terminated; caller frees with free()).
 * Returns 0, WA_ENOTFOUND, WA_EIO or WA_ENOMEM; err names the file. */
int wa_read_file(const char *path, char **out, size_t *len, wa_error *err);
/* Like wa_read_file, for a data file that must be text (lists, rules,
 * tables): also returns WA_EDATA, with "PATH:LINE: ..." in err, when the
 * file holds a NUL byte (binary) or is not valid UTF-8.  A leading UTF-8
 * BOM is kept (callers that care skip it). */
int wa_read_text_file(const char *path, char **out, size_t *len, wa_error *err);

/* Called for each entry of a list file (trimmed, without comments); returns
 * 0 or a WA_E* code. */
typedef int (*wa_line_fn)(void *ctx, const char *line, size_t n);

/* Reads dir/name: UTF-8, one entry a line, '#' comments and blank lines
 * skipped.  Errors name the file (and line). */
int wa_read_list(const char *dir, const char *name, wa_line_fn fn, void *ctx, wa_error *err);

/* The next blank-separated word of [*p, end): its start, with its length
 * in *n, *p moved past it; NULL when only blanks are left. */
const char *wa_next_word(const char **p, const char *end, size_t *n);

/* Whether s[0..n) is 1 to max lower-case ASCII letters. */
int wa_lower_ascii_word(const char *s, size_t n, size_t max);

/* Elided words (the part before the apostrophe: l, qu, jusqu), from
 * dir/elisions.txt: those of one language, or of all when lang is NULL. */
enum { WA_ELISION_MAX = 8, WA_ELISION_COUNT = 32 };
typedef struct wa_elisions {
    char form[WA_ELISION_COUNT][WA_ELISION_MAX];
    size_t n;
} wa_elisions;
/* Returns 0, or WA_E* with err naming the file (and line). */
int wa_elisions_read(const char *dir, const char *lang, wa_elisions *out, wa_error *err);
/* Whether s[0..n) is one of the forms, ASCII case aside. */
int wa_elision_is(const wa_elisions *e, const char *s, size_t n);

/* UTF-8: decodes one code point at s[*i] (advancing *i); returns -1 for an
 * invalid sequence (advancing by one byte).  `n` bounds the read.  ASCII is
 * decoded inline (most of the text); the rest in wa_utf8_next_multi. */
int32_t wa_utf8_next_multi(const char *s, size_t n, size_t *i);
static inline int32_t wa_utf8_next(const char *s, size_t n, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    return wa_utf8_next_multi(s, n, i);
}
/* Length of the valid UTF-8 prefix of s (== n when all valid). */
size_t wa_utf8_valid_prefix(const char *s, size_t n);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t wa_utf8_encode(int32_t cp, char *out);

#endif
