/* Unit tests of check's list reader (wa_read_list): entries trimmed,
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

/* Writes NAME with the bytes given into a new temporary folder, dir. */
static void write_file(const char *name, const char *bytes, size_t n)
{
    strcpy(dir, "/tmp/wa-test-list-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static void remove_file(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    rmdir(dir);
}

static void write_list(const char *bytes, size_t n) { write_file("gazetteer.txt", bytes, n); }
static void remove_list(void) { remove_file("gazetteer.txt"); }

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
    cr_assert_eq(wa_read_list(dir, "gazetteer.txt", collect, &b, &err), 0, "%s", err.message);
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
        cr_assert_eq(wa_read_list(dir, "gazetteer.txt", collect, &b, &err), WA_EDATA,
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
    cr_assert_eq(wa_read_list(dir, "gazetteer.txt", collect, &b, &err), WA_EDATA);
    cr_assert(strstr(err.message, "gazetteer.txt:1: line too long"), "%s", err.message);
    wa_buf_free(&b);
    remove_list();
}

/* ---- word classes (word-classes.txt) ------------------------------------ */

static void write_classes(const char *text)
{
    write_file("word-classes.txt", text, strlen(text));
}

static void remove_classes(void) { remove_file("word-classes.txt"); }

/* Every class, one word each ("w0", "w1", ...), plus extra lines. */
static char *all_classes(const char *extra)
{
    wa_buf b;
    wa_buf_init(&b);
    wa_buf_adds(&b, "# comment\n\n");
    for (int c = 0; c < CK_NCLASSES; c++)
        wa_buf_printf(&b, "%s: w%d\n", ck_class_names[c], c);
    wa_buf_adds(&b, extra);
    return b.data;
}

Test(check_data, word_classes_read_as_bits)
{
    char *text = all_classes("fr-governors: la l'  de\nfr-feminine-determiners: la\n");
    write_classes(text);
    free(text);
    wa_map *m = NULL;
    wa_error err = {0};
    cr_assert_eq(ck_classes_read(dir, &m, &err), 0, "%s", err.message);
    cr_expect_eq(ck_classes_of(m, "la", 2), (1u << CK_CL_GOVERNOR) | (1u << CK_CL_FEM_DET));
    cr_expect_eq(ck_classes_of(m, "l'", 2), 1u << CK_CL_GOVERNOR);
    cr_expect_eq(ck_classes_of(m, "de", 2), 1u << CK_CL_GOVERNOR, "two spaces between words");
    cr_expect_eq(ck_classes_of(m, "w5", 2), 1u << 5);
    cr_expect_eq(ck_classes_of(m, "le", 2), 0);
    cr_expect_eq(ck_classes_of(m, "", 0), 0);
    wa_map_free(m);
    remove_classes();
}

Test(check_data, word_classes_missing_or_unknown_class_is_an_error)
{
    /* no fr-governors line */
    write_classes("fr-feminine-determiners: la\n");
    wa_map *m = NULL;
    wa_error err = {0};
    cr_assert_eq(ck_classes_read(dir, &m, &err), WA_EDATA);
    cr_assert_null(m);
    cr_expect(strstr(err.message, "word-classes.txt") && strstr(err.message, "fr-governors"),
              "%s", err.message);
    remove_classes();
    /* a class the program does not know, on the line after the two header
     * lines and one line per class */
    char want[128];
    snprintf(want, sizeof want, "word-classes.txt:%d: unknown word class 'fr-gouverneurs'",
             CK_NCLASSES + 3);
    char *text = all_classes("fr-gouverneurs: le\n");
    write_classes(text);
    free(text);
    cr_assert_eq(ck_classes_read(dir, &m, &err), WA_EDATA);
    cr_expect(strstr(err.message, want), "%s", err.message);
    remove_classes();
    /* a line without a colon */
    text = all_classes("just words\n");
    write_classes(text);
    free(text);
    cr_assert_eq(ck_classes_read(dir, &m, &err), WA_EDATA);
    snprintf(want, sizeof want, "word-classes.txt:%d: malformed entry", CK_NCLASSES + 3);
    cr_expect(strstr(err.message, want), "%s", err.message);
    remove_classes();
}

/* The shipped file has every class. */
Test(check_data, shipped_word_classes_are_complete)
{
    wa_map *m = NULL;
    wa_error err = {0};
    cr_assert_eq(ck_classes_read("dictionaries", &m, &err), 0, "%s", err.message);
    cr_expect_eq(ck_classes_of(m, "the", 3),
                 (1u << CK_CL_CONNECTOR) | (1u << CK_CL_RUN_LEAD) |
                     (1u << CK_CL_REMEMBERED_ARTICLE) | (1u << CK_CL_EN_FUNCTION) |
                     (1u << CK_CL_NAME_CONNECTOR));
    cr_expect(ck_classes_of(m, "d'après", strlen("d'après")) & (1u << CK_CL_RUN_LEAD));
    /* the media lexicon of check_media.c */
    cr_expect_eq(ck_classes_of(m, "times", 5),
                 (1u << CK_CL_MEDIA_HEAD) | (1u << CK_CL_NEWSPAPER_TITLE));
    cr_expect_eq(ck_classes_of(m, "foundation", 10), 1u << CK_CL_ORG_HEAD);
    cr_expect_eq(ck_classes_of(m, "&", 1), 1u << CK_CL_NAME_CONNECTOR);
    cr_expect_eq(ck_classes_of(m, "headquarters", 12), 1u << CK_CL_INVARIANT_PLURAL);
    wa_map_free(m);
}
