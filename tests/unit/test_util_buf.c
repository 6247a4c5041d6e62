/* Unit tests of the growable buffer's guarantees that other modules rely on. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"

Test(util_buf, reserve_alone_leaves_it_terminated)
{
    wa_buf b;
    wa_buf_init(&b);
    cr_assert_eq(wa_buf_reserve(&b, 100), 0);
    size_t len = 1;
    char *s = wa_buf_steal(&b, &len);
    cr_assert_eq(len, 0);
    cr_assert_str_eq(s, "");
    free(s);
}

Test(util_buf, terminated_after_every_append)
{
    wa_buf b;
    wa_buf_init(&b);
    for (int i = 0; i < 1000; i++) {
        wa_buf_addc(&b, (char)('a' + i % 26));
        cr_assert_eq(b.data[b.len], '\0');
    }
    cr_assert_eq(b.len, 1000);
    cr_assert_eq(b.failed, 0);
    wa_buf_free(&b);
}

Test(util_buf, steal_of_empty_buffer_is_empty_string)
{
    wa_buf b;
    wa_buf_init(&b);
    size_t len = 7;
    char *s = wa_buf_steal(&b, &len);
    cr_assert_not_null(s);
    cr_assert_eq(len, 0);
    cr_assert_eq(s[0], '\0');
    free(s);
}

Test(util_buf, json_escapes_and_replaces_bytes_that_are_not_utf8)
{
    wa_buf b;
    wa_buf_init(&b);
    const char s[] = "a\"b\\c\td\001\n\xc3\xa9\xffx\xe2\x82";
    wa_buf_add_json(&b, s, sizeof s - 1);
    cr_assert_str_eq(b.data, "a\\\"b\\\\c\\td\\u0001\\n\xc3\xa9\\ufffdx\\ufffd\\ufffd");
    wa_buf_free(&b);
}

Test(util_buf, add_uint_writes_what_printf_writes)
{
    const unsigned long long vals[] = {0, 1, 9, 10, 99, 100, 4096, 1234567890123ULL,
                                       18446744073709551615ULL};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        wa_buf b;
        wa_buf_init(&b);
        wa_buf_adds(&b, "n=");
        wa_buf_add_uint(&b, vals[i]);
        char want[64];
        snprintf(want, sizeof want, "n=%llu", vals[i]);
        cr_assert_str_eq(b.data, want);
        cr_assert_eq(b.len, strlen(want));
        wa_buf_free(&b);
    }
}

Test(util_buf, appends_across_growth_keep_every_byte)
{
    /* Appends of every size from 0 to 200 cross the point where the
     * inline path gives way to growth many times. */
    wa_buf b;
    wa_buf_init(&b);
    char src[256];
    for (int i = 0; i < 256; i++)
        src[i] = (char)('A' + i % 23);
    size_t total = 0;
    for (size_t n = 0; n <= 200; n++) {
        wa_buf_add(&b, src, n);
        total += n;
        cr_assert_eq(b.len, total);
        cr_assert_eq(b.data[b.len], '\0');
        cr_assert_eq(memcmp(b.data + total - n, src, n), 0);
    }
    wa_buf_free(&b);
}

Test(util_buf, a_failed_buffer_ignores_appends)
{
    wa_buf b;
    wa_buf_init(&b);
    wa_buf_adds(&b, "abc");
    b.failed = 1;
    wa_buf_adds(&b, "def");
    wa_buf_addc(&b, 'g');
    wa_buf_add_uint(&b, 42);
    cr_assert_eq(b.len, 3);
    cr_assert_str_eq(b.data, "abc");
    wa_buf_free(&b);
}

/* wa_grow: room for element n, the capacity doubling from `first`, the
 * elements already there kept. */
Test(util_grow, doubles_and_keeps_elements)
{
    int *a = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 1000; n++) {
        cr_assert_eq(wa_grow(&a, &cap, n, sizeof *a, 4), 0);
        cr_assert_gt(cap, n);
        a[n] = (int)n * 3;
    }
    cr_expect_eq(cap, 1024, "4 doubled up to the first power past 999");
    for (size_t n = 0; n < 1000; n++)
        cr_assert_eq(a[n], (int)n * 3);
    /* no growth below the capacity; growth to n + 1 past a jump */
    cr_expect_eq(wa_grow(&a, &cap, 10, sizeof *a, 4), 0);
    cr_expect_eq(cap, 1024);
    cr_expect_eq(wa_grow(&a, &cap, 5000, sizeof *a, 4), 0);
    cr_expect_eq(cap, 5001);
    /* an impossible size fails and leaves the array alone */
    int *keep = a;
    cr_expect_eq(wa_grow(&a, &cap, 5001, SIZE_MAX / 2, 4), -1);
    cr_expect_eq(a, keep);
    cr_expect_eq(cap, 5001);
    free(a);
}
