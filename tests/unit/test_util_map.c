/* Unit tests of the hash map: keys on both sides of the in-slot limit (11
 * bytes), keys holding NUL bytes, growth, and iteration. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"

/* Key i: i % 40 bytes (0 to 39, across the 11-byte limit), the base-26
 * digits of i, lowest first, then 'a' (distinct from 3 bytes up). */
static size_t make_key(size_t i, char *out)
{
    size_t n = i % 40, x = i;
    for (size_t k = 0; k < n; k++, x /= 26)
        out[k] = (char)('a' + x % 26);
    return n;
}

Test(util_map, keys_across_the_inline_limit_survive_growth)
{
    wa_map *m = wa_map_new(4);
    cr_assert_not_null(m);
    char k[64];
    size_t made = 0;
    /* keys of 0 to 2 bytes repeat: the map keeps the first */
    for (size_t i = 1; i <= 5000; i++) {
        size_t n = make_key(i, k);
        int created;
        void **v = wa_map_put(m, k, n, &created);
        cr_assert_not_null(v);
        if (created) {
            *v = (void *)(uintptr_t)i;
            made++;
        }
    }
    cr_assert_eq(wa_map_count(m), made);
    for (size_t i = 1; i <= 5000; i++) {
        size_t n = make_key(i, k);
        void **v = wa_map_get(m, k, n);
        cr_assert_not_null(v, "key %zu (%zu bytes) lost", i, n);
        size_t first = (uintptr_t)*v;
        char k2[64];
        cr_assert_eq(make_key(first, k2), n);
        cr_assert_eq(memcmp(k, k2, n), 0);
    }
    wa_map_free(m);
}

Test(util_map, iteration_gives_each_key_once_terminated)
{
    wa_map *m = wa_map_new(4);
    const char *keys[] = {"", "a", "elevenbytes", "twelve bytes", "a much longer key of forty bytes or so", NULL};
    for (int i = 0; keys[i]; i++)
        *wa_map_put(m, keys[i], strlen(keys[i]), NULL) = (void *)(uintptr_t)(i + 1);
    unsigned seen = 0;
    size_t it = 0, kl;
    const char *k;
    void **v;
    while (wa_map_next(m, &it, &k, &kl, &v)) {
        int i = (int)(uintptr_t)*v - 1;
        cr_assert(i >= 0 && keys[i]);
        cr_assert_eq(kl, strlen(keys[i]));
        cr_assert_str_eq(k, keys[i]); /* NUL-terminated, inline or not */
        cr_assert_eq(seen & (1u << i), 0);
        seen |= 1u << i;
    }
    cr_assert_eq(seen, 0x1Fu);
    wa_map_free(m);
}

Test(util_map, keys_with_nul_bytes_are_compared_whole)
{
    wa_map *m = wa_map_new(4);
    const char a[] = {'x', '\0', 'y'}, b[] = {'x', '\0', 'z'};
    *wa_map_put(m, a, sizeof a, NULL) = (void *)1;
    cr_assert_null(wa_map_get(m, b, sizeof b));
    cr_assert_null(wa_map_get(m, a, 1));
    cr_assert_not_null(wa_map_get(m, a, sizeof a));
    uint64_t h = 42, h2 = 43; /* binary keys, as repeated_lines uses */
    *wa_map_put(m, (const char *)&h, sizeof h, NULL) = (void *)2;
    cr_assert_null(wa_map_get(m, (const char *)&h2, sizeof h2));
    cr_assert_eq((uintptr_t)*wa_map_get(m, (const char *)&h, sizeof h), 2);
    wa_map_free(m);
}
