/* A string-keyed hash map (open addressing, linear probing) used for the
 * verdict and key caches and for clustering. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

/* A slot: 32 bytes.  Keys of up to INLINE_MAX bytes live in the slot
 * itself (with their NUL), so that a lookup reads one cache line; longer
 * keys are malloc'd and their pointer is kept in `in`.  len1 is the key
 * length plus one, 0 for an empty slot. */
#define INLINE_MAX 11
typedef struct slot {
    uint64_t hash;
    void *value;
    char in[INLINE_MAX + 1]; /* at offset 16: a long key's pointer stays aligned,
                                where LeakSanitizer looks for it */
    uint32_t len1;
} slot;

/* Long keys are copied into chunks that the map frees together (the map
 * never drops a key before it is freed): one allocation per chunk, not one
 * per key.  A chunk starts with the pointer to the one before; chunks
 * double from CHUNK_MIN to CHUNK_MAX bytes, so a small map stays small. */
#define CHUNK_MIN 512
#define CHUNK_MAX 65536

struct wa_map {
    slot *slots;
    size_t cap; /* power of two */
    size_t count;
    char *chunk;      /* the newest chunk, NULL at first */
    size_t chunk_used; /* bytes used in it */
    size_t chunk_cap;
};

static const char *slot_key(const slot *s)
{
    if (s->len1 - 1 <= INLINE_MAX)
        return s->in;
    const char *p;
    memcpy(&p, s->in, sizeof p);
    return p;
}

uint64_t wa_hash(const char *s, size_t n)
{
    /* FNV-1a, 64-bit, then a final mix so that low bits are usable. */
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* The map's own hash: eight bytes at a time, each step one 64x64->128
 * multiply folded to 64 bits (the wyhash/rapidhash construction).  Keys are
 * mostly words of a few bytes, for which FNV's byte-at-a-time chain of
 * multiplies cost more than the table look-up itself.  Not stable across
 * byte orders: nothing outside the map may depend on it (wa_hash is the
 * stable one). */
static inline uint64_t fold_mul(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128; /* GCC and Clang, 64-bit */
    u128 r = (u128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
#else
    uint64_t r = a * b;
    return r ^ (r >> 32) ^ (((a >> 32) * (b >> 32)) << 1);
#endif
}

static inline uint64_t load8(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t load4(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static inline uint64_t map_hash(const char *s, size_t n)
{
    const uint64_t k0 = 0x2d358dccaa6c78a5ULL, k1 = 0x8bb84b93962eacc9ULL,
                   k2 = 0x4b33a62ed433d4a3ULL;
    uint64_t h = (uint64_t)n * k2, a = 0, b = 0;
    while (n > 16) {
        h = fold_mul(load8(s) ^ k0, load8(s + 8) ^ h);
        s += 16;
        n -= 16;
    }
    if (n >= 8) {
        a = load8(s);
        b = load8(s + n - 8);
    } else if (n >= 4) {
        a = load4(s);
        b = load4(s + n - 4);
    } else if (n > 0) {
        a = ((uint64_t)(unsigned char)s[0] << 16) | ((uint64_t)(unsigned char)s[n >> 1] << 8) |
            (unsigned char)s[n - 1];
    }
    h = fold_mul(a ^ k0, b ^ h ^ k1);
    return fold_mul(h ^ k1, k2);
}

uint64_t wa_map_hash(const char *s, size_t n) { return map_hash(s, n); }

wa_map *wa_map_new(size_t hint)
{
    wa_map *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    size_t cap = 16;
    while (cap < hint * 2)
        cap *= 2;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    m->cap = cap;
    return m;
}

void wa_map_free(wa_map *m)
{
    if (!m)
        return;
    for (char *c = m->chunk; c;) {
        char *prev;
        memcpy(&prev, c, sizeof prev);
        free(c);
        c = prev;
    }
    free(m->slots);
    free(m);
}

/* Whether the n bytes at a and b are equal: words of up to 16 bytes with
 * two loads each (overlapping), longer ones with memcmp. */
static inline int key_eq(const char *a, const char *b, size_t n)
{
    if (n >= 8 && n <= 16)
        return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
    if (n >= 4 && n < 8)
        return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (a[i] != b[i])
                return 0;
        return 1;
    }
    return memcmp(a, b, n) == 0;
}

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline slot *find(const wa_map *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        slot *s = &m->slots[i];
        if (!s->len1)
            return s;
        if (s->hash == h && s->len1 == klen + 1 && key_eq(slot_key(s), key, klen))
            return s;
    }
}

static int grow(wa_map *m)
{
    size_t cap = m->cap * 2;
    slot *old = m->slots;
    size_t oldcap = m->cap;
    slot *fresh = calloc(cap, sizeof *fresh);
    if (!fresh)
        return -1;
    m->slots = fresh;
    m->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].len1) {
            size_t mask = cap - 1, j = old[i].hash & mask;
            while (fresh[j].len1)
                j = (j + 1) & mask;
            fresh[j] = old[i];
        }
    free(old);
    return 0;
}

/* A copy of a long key, NUL-terminated, in the map's chunks. */
static char *key_copy(wa_map *m, const char *key, size_t klen)
{
    size_t need = klen + 1;
    if (!m->chunk || m->chunk_cap - m->chunk_used < need) {
        size_t room = m->chunk_cap ? m->chunk_cap * 2 : CHUNK_MIN;
        if (room > CHUNK_MAX)
            room = CHUNK_MAX;
        size_t cap = sizeof(char *) + (need > room ? need : room);
        char *c = malloc(cap);
        if (!c)
            return NULL;
        memcpy(c, &m->chunk, sizeof m->chunk);
        m->chunk = c;
        m->chunk_used = sizeof(char *);
        m->chunk_cap = cap;
    }
    char *p = m->chunk + m->chunk_used;
    memcpy(p, key, klen);
    p[klen] = '\0';
    m->chunk_used += need;
    return p;
}

void **wa_map_get(const wa_map *m, const char *key, size_t klen)
{
    slot *s = find(m, key, klen, map_hash(key, klen));
    return s->len1 ? &s->value : NULL;
}

void wa_map_prefetch(const wa_map *m, const char *key, size_t klen)
{
#if defined(__GNUC__)
    __builtin_prefetch(&m->slots[map_hash(key, klen) & (m->cap - 1)]);
#else
    (void)m, (void)key, (void)klen;
#endif
}

void **wa_map_put(wa_map *m, const char *key, size_t klen, int *created)
{
    if (created)
        *created = 0;
    if (klen >= UINT32_MAX)
        return NULL;
    uint64_t h = map_hash(key, klen);
    slot *s = find(m, key, klen, h);
    if (s->len1)
        return &s->value;
    if ((m->count + 1) * 10 > m->cap * 7) {
        if (grow(m))
            return NULL;
        s = find(m, key, klen, h);
    }
    if (klen <= INLINE_MAX) {
        memcpy(s->in, key, klen);
        s->in[klen] = '\0';
    } else {
        char *p = key_copy(m, key, klen);
        if (!p)
            return NULL;
        memcpy(s->in, &p, sizeof p);
    }
    s->len1 = (uint32_t)klen + 1;
    s->hash = h;
    s->value = NULL;
    m->count++;
    if (created)
        *created = 1;
    return &s->value;
}

size_t wa_map_count(const wa_map *m) { return m->count; }

int wa_map_next(const wa_map *m, size_t *it, const char **key, size_t *klen,
                void ***value)
{
    while (*it < m->cap) {
        slot *s = &m->slots[(*it)++];
        if (s->len1) {
            *key = slot_key(s);
            *klen = s->len1 - 1;
            *value = &s->value;
            return 1;
        }
    }
    return 0;
}
