/* Unit tests of the text module: normalization and the offset map. */
#include <criterion/criterion.h>
#include <string.h>
#include "wirealign.h"

static wa_text *decode(const char *s, size_t n)
{
    wa_text *t = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_text_decode(&t, s, n, NULL, &err), 0, "%s", err.message);
    return t;
}

Test(text, valid_utf8_untouched)
{
    const char *s = "L\xc3\xa9gende \xc2\xab ok \xc2\xbb\n";
    wa_text *t = decode(s, strlen(s));
    size_t len;
    cr_assert_str_eq(wa_text_data(t, &len), s);
    cr_assert_eq(wa_text_replaced(t), 0);
    cr_assert_eq(wa_text_source_offset(t, 3), 3);
    wa_text_free(t);
}

Test(text, crlf_and_invalid_map_back)
{
    /* Mostly UTF-8 (four good sequences per bad one) stays UTF-8. */
    const char in[] = "ab\r\ncd\xff" "ef \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    wa_text *t = decode(in, sizeof in - 1);
    size_t len;
    const char *s = wa_text_data(t, &len);
    cr_assert_str_eq(s, "ab\ncd\xef\xbf\xbd" "ef \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
    cr_assert_eq(wa_text_replaced(t), 1);
    /* 'c' is at 3 in the output and at 4 in the input. */
    cr_assert_eq(wa_text_source_offset(t, 3), 4);
    /* 'e' after the 3-byte replacement is at 8, and at 7 in the input. */
    cr_assert_eq(wa_text_source_offset(t, 8), 7);
    cr_assert_eq(wa_text_source_offset(t, len), sizeof in - 1);
    wa_text_free(t);
}

Test(text, nul_becomes_replacement)
{
    const char in[] = "a\0b";
    wa_text *t = decode(in, 3);
    size_t len;
    cr_assert_eq(memcmp(wa_text_data(t, &len), "a\xef\xbf\xbd" "b", 5), 0);
    cr_assert_eq(len, 5);
    wa_text_free(t);
}

Test(text, line_col_counts_characters)
{
    const char *s = "ab\n\xc3\xa9t\xc3\xa9";
    wa_text *t = decode(s, strlen(s));
    size_t line, col;
    wa_text_line_col(t, 6, &line, &col); /* the second é */
    cr_assert_eq(line, 2);
    cr_assert_eq(col, 3);
    wa_text_free(t);
}
