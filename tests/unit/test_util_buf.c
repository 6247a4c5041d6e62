/* Unit tests of the growable buffer's guarantees that other modules rely on. */
#include <criterion/criterion.h>
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
