/* A string-keyed hash map (open addressing, linear probing) used for the
 * verdict and key caches and for clustering. */
#include <stdlib.h>
#include <string.h>
#include "util.h"

typedef struct slot {
    char *key;
    size_t klen;
    uint64_t hash;
    void *value;
} slot;

struct wa_map {
    slot *slots;
    size_t cap; /* power of two */
    size_t count;
};

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
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

static slot *find(const wa_map *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
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
        if (old[i].key)
            *find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
    free(old);
    return 0;
}

void **wa_map_get(const wa_map *m, const char *key, size_t klen)
{
    slot *s = find(m, key, klen, wa_hash(key, klen));
    return s->key ? &s->value : NULL;
}

void **wa_map_put(wa_map *m, const char *key, size_t klen, int *created)
{
    uint64_t h = wa_hash(key, klen);
    slot *s = find(m, key, klen, h);
    if (created)
        *created = 0;
    if (s->key)
        return &s->value;
    if ((m->count + 1) * 10 > m->cap * 7) {
        if (grow(m))
            return NULL;
        s = find(m, key, klen, h);
    }
    s->key = wa_strndup(key, klen);
    if (!s->key)
        return NULL;
    s->klen = klen;
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
        if (s->key) {
            *key = s->key;
            *klen = s->klen;
            *value = &s->value;
            return 1;
        }
    }
    return 0;
}
