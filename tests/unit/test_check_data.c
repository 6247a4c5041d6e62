/* Unit tests of check's list reader (ck_read_list): entries trimmed,
 * comments and blank lines skipped, and a list that is not text (binary
 * junk, NUL bytes, Latin-1) refused as a whole with WA_EDATA naming it. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_internal.h"

static char dir[64];

static void write_list(const char *bytes, size_t n)
{
    strcpy(dir, "/tmp/wa-test-list-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/gazetteer.txt", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static void remove_list(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/gazetteer.txt", dir);
    unlink(path);
    rmdir(dir);
}

/* Collects entries as "entry|entry|". */
static int collect(void *ctx, const char *s, size_t n)
{
    wa_buf *b = ctx;
    cr_assert_eq(strlen(s), n, "an entry is NUL-terminated at its length");
    wa_buf_add(b, s, n);
    wa_buf_addc(b, '|');
    return 0;
}

Test(check_data, list_entries_trimmed_comments_skipped)
{
    static const char list[] = "# comment\n\n  Kyiv \r\nNew  York\t\n\t# indented comment\n"
                               "Besan\xc3\xa7on\nlast without newline";
    write_list(list, sizeof list - 1);
    wa_buf b;
    wa_buf_init(&b);
    wa_error err = {0};
    cr_assert_eq(ck_read_list(dir, "gazetteer.txt", collect, &b, &err), 0, "%s", err.message);
    cr_assert_str_eq(b.data, "Kyiv|New  York|Besan\xc3\xa7on|last without newline|");
    wa_buf_free(&b);
    remove_list();
}

Test(check_data, list_that_is_not_text_refused_naming_it)
{
    static const struct {
        const char *bytes;
        size_t n;
        const char *what;
    } rows[] = {
        {"\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0", 20, "gazetteer.txt:1: NUL byte"},
        {"Paris\nLyon\nNi\0ce\n", 17, "gazetteer.txt:3: NUL byte"},
        {"Paris\nBesan\xe7on\n", 15, "gazetteer.txt:2: not valid UTF-8"},
        {"Paris\n\xed\xa0\x80\n", 10, "gazetteer.txt:2: not valid UTF-8"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        write_list(rows[i].bytes, rows[i].n);
        wa_buf b;
        wa_buf_init(&b);
        wa_error err = {0};
        cr_assert_eq(ck_read_list(dir, "gazetteer.txt", collect, &b, &err), WA_EDATA,
                     "row %zu", i);
        cr_assert(strstr(err.message, rows[i].what), "row %zu: %s", i, err.message);
        cr_assert(strstr(err.message, dir), "row %zu: %s", i, err.message);
        cr_assert_eq(b.len, 0, "row %zu: no entry taken from a refused list", i);
        wa_buf_free(&b);
        remove_list();
    }
}

Test(check_data, overlong_line_is_an_error)
{
    char list[1100];
    memset(list, 'a', sizeof list);
    list[sizeof list - 1] = '\n';
    write_list(list, sizeof list);
    wa_buf b;
    wa_buf_init(&b);
    wa_error err = {0};
    cr_assert_eq(ck_read_list(dir, "gazetteer.txt", collect, &b, &err), WA_EDATA);
    cr_assert(strstr(err.message, "gazetteer.txt:1: line too long"), "%s", err.message);
    wa_buf_free(&b);
    remove_list();
}
