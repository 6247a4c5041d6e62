/* Unit tests of the token module: the cases of tests/cases/token-fr.txt,
 * flags, and reuse of one tokenizer. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samples.h"
#include "wirealign.h"

static wa_tokenizer *open_tk(const char *lang)
{
    wa_tokenizer *tk = NULL;
    wa_error err = {0};
    wa_tokenizer_opts o = {.lang = lang, .data_dir = "dictionaries"};
    cr_assert_eq(wa_tokenizer_open(&tk, &o, &err), 0, "%s", err.message);
    return tk;
}

/* Joins the tokens of s as "a | b | c". */
static void joined(wa_tokenizer *tk, const char *s, char *out, size_t cap)
{
    const wa_token *t;
    size_t n;
    wa_error err = {0};
    cr_assert_eq(wa_tokenize(tk, s, strlen(s), &t, &n, &err), 0, "%s", err.message);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        cr_assert_lt(t[i].start, t[i].end);
        cr_assert_leq(t[i].end, strlen(s));
        if (i)
            cr_assert_geq(t[i].start, t[i - 1].end);
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%.*s", i ? " | " : "", (int)(t[i].end - t[i].start),
                 s + t[i].start);
    }
}

Test(token, case_file)
{
    FILE *f = fopen("tests/cases/token-fr.txt", "r");
    cr_assert_not_null(f);
    wa_tokenizer *tk = open_tk("fr");
    char line[1024], got[2048];
    int cases = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#')
            continue;
        char *arrow = strstr(line, "=>");
        if (!arrow)
            continue;
        *arrow = '\0';
        const char *want = arrow + 2;
        while (*want == ' ')
            want++;
        size_t in_len = strlen(line);
        while (in_len && line[in_len - 1] == ' ')
            line[--in_len] = '\0';
        joined(tk, line, got, sizeof got);
        cases++;
        if (strcmp(got, want) != 0) {
            bad++;
            cr_log_error("'%s': got '%s', want '%s'", line, got, want);
        }
    }
    fclose(f);
    wa_tokenizer_free(tk);
    cr_assert_gt(cases, 10);
    cr_assert_eq(bad, 0, "%d of %d tokenizer cases differ", bad, cases);
}

Test(token, flags)
{
    wa_tokenizer *tk = open_tk("fr");
    const char *s = "L'ONU et Haut-Karabakh élève";
    const wa_token *t;
    size_t n;
    cr_assert_eq(wa_tokenize(tk, s, strlen(s), &t, &n, NULL), 0);
    cr_assert_eq(n, 5);
    cr_assert(t[0].flags & WA_TOK_ELISION);
    cr_assert(t[0].flags & WA_TOK_CAP);
    cr_assert(t[1].flags & WA_TOK_UPPER);
    cr_assert_not(t[2].flags & (WA_TOK_CAP | WA_TOK_UPPER));
    cr_assert(t[3].flags & WA_TOK_COMPOUND);
    cr_assert(t[3].flags & WA_TOK_CAP);
    cr_assert_not(t[3].flags & WA_TOK_UPPER);
    cr_assert(t[2].flags & WA_TOK_ASCII);
    cr_assert_not(t[4].flags & WA_TOK_ASCII);
    wa_tokenizer_free(tk);
}

Test(token, english_keeps_apostrophes_and_reuse)
{
    wa_tokenizer *tk = open_tk("en");
    char got[256];
    joined(tk, "don't l'Armenian", got, sizeof got);
    cr_assert_str_eq(got, "don't | l'Armenian");
    joined(tk, "second call", got, sizeof got);
    cr_assert_str_eq(got, "second | call");
    wa_tokenizer_free(tk);
    wa_tokenizer *bad = NULL;
    wa_tokenizer_opts o = {.lang = "xx"};
    cr_assert_eq(wa_tokenizer_open(&bad, &o, NULL), WA_EINVAL);
    cr_assert_null(bad);
}

#include "token_internal.h"
#include "util/util.h"
#include <unistd.h>

/* Opens a tokenizer of lang over a temporary data folder whose
 * elisions.txt holds `text`; *rc gets what wa_tokenizer_open returned. */
static wa_tokenizer *open_with(const char *lang, const char *text, int *rc, wa_error *err)
{
    char dir[] = "/tmp/wa-test-elis-XXXXXX", path[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/elisions.txt", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    wa_tokenizer *tk = NULL;
    wa_tokenizer_opts o = {.lang = lang, .data_dir = dir};
    *rc = wa_tokenizer_open(&tk, &o, err);
    unlink(path);
    rmdir(dir);
    return tk;
}

/* The elided words come from elisions.txt, for the tokenizer's language
 * only: no built-in list. */
Test(token, elisions_from_the_data_file)
{
    wa_error err = {0};
    int rc;
    wa_tokenizer *tk = open_with("fr", "# test\nen: don\nfr: l\nfr:   qu   \n", &rc, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    char got[256];
    joined(tk, "l'Arménie d'Erevan qu'Erevan don't", got, sizeof got);
    cr_assert_str_eq(got, "l' | Arménie | d'Erevan | qu' | Erevan | don't");
    const wa_token *t;
    size_t n;
    cr_assert_eq(wa_tokenize(tk, "L’Arménie", strlen("L’Arménie"), &t, &n, &err), 0);
    cr_assert_eq(n, 2);
    cr_assert(t[0].flags & WA_TOK_ELISION);
    wa_tokenizer_free(tk);
    tk = open_with("en", "fr: l d\n", &rc, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    joined(tk, "l'Arménie", got, sizeof got);
    cr_assert_str_eq(got, "l'Arménie");
    wa_tokenizer_free(tk);
    /* no data directory: no elision split */
    wa_tokenizer_opts o = {.lang = "fr"};
    cr_assert_eq(wa_tokenizer_open(&tk, &o, &err), 0);
    joined(tk, "l'Arménie", got, sizeof got);
    cr_assert_str_eq(got, "l'Arménie");
    wa_tokenizer_free(tk);
}

/* A malformed or missing elisions.txt is an error naming the file. */
Test(token, elisions_file_errors)
{
    static const char *const bad[] = {"fr l d\n", ": l\n", "fr: L\n", "fr: abcdefgh\n",
                                      "fr: l'\n", "fr: é\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wa_error err = {0};
        int rc;
        wa_tokenizer *tk = open_with("fr", bad[i], &rc, &err);
        cr_assert_eq(rc, WA_EDATA, "[%s]: %d", bad[i], rc);
        cr_assert_null(tk);
        cr_assert(strstr(err.message, "elisions.txt:1:"), "%s", err.message);
    }
    char many[1024] = "fr:";
    for (int i = 0; i < 33; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), " %c%c", 'a' + i / 26, 'a' + i % 26);
    wa_error err = {0};
    int rc;
    cr_assert_null(open_with("fr", many, &rc, &err));
    cr_assert_eq(rc, WA_EDATA);
    wa_tokenizer *tk = NULL;
    wa_tokenizer_opts o = {.lang = "fr", .data_dir = "/nonexistent-wa-dir"};
    cr_assert_eq(wa_tokenizer_open(&tk, &o, &err), WA_ENOTFOUND);
    cr_assert(strstr(err.message, "/nonexistent-wa-dir/elisions.txt"), "%s", err.message);
    cr_assert_null(tk);
}

/* Compares wa_tokenize() (fast path) with ICU alone on s: same spans, same
 * flags. */
static void same_as_icu(wa_tokenizer *a, wa_tokenizer *b, const char *s, size_t len)
{
    const wa_token *t1, *t2;
    size_t n1, n2;
    wa_error err = {0};
    cr_assert_eq(wa_tokenize(a, s, len, &t1, &n1, &err), 0);
    cr_assert_eq(wa_tokenize_icu(b, s, len, &t2, &n2, &err), 0);
    cr_assert_eq(n1, n2, "[%.*s]: %zu tokens, ICU %zu", (int)len, s, n1, n2);
    for (size_t i = 0; i < n1; i++)
        cr_assert(t1[i].start == t2[i].start && t1[i].end == t2[i].end &&
                      t1[i].flags == t2[i].flags,
                  "[%.*s]: token %zu [%zu,%zu) %u, ICU [%zu,%zu) %u", (int)len, s, i,
                  t1[i].start, t1[i].end, t1[i].flags, t2[i].start, t2[i].end, t2[i].flags);
}

/* The fast path gives ICU's words: on random strings over the characters
 * it knows (and a few it hands to ICU), and on the samples. */
Test(token, fast_path_equals_icu)
{
    static const char *const pieces[] = {
        "a", "B", "\xc3\xa9", "\xc3\x89", "\xc5\x93", "\xc4\x87", "1", "_", "@", "#", ".", ",",
        ";", ":", "'", "\xe2\x80\x99", "\xe2\x80\x98", "-", "\"", " ", "\n", "\t",
        "\xc2\xa0", "\xe2\x80\xaf", "\xc2\xab", "\xc2\xbb", "\xc2\xb7", "\xc2\xb5",
        "\xe2\x80\x94", "\xe2\x80\xa6", "\xc3\x97", "\xc3\xb7", "\xe2\x80\x93",
        "\xe2\x80\x9c", "\xe2\x80\x9d", "(", ")", "Q", "\xc5\xb8", "l'", "qu\xe2\x80\x99", "aujourd'hui",
        "www.x.fr", "a@b.fr", "\xcc\x81" /* combining acute: ICU */, "\xce\xb1" /* alpha: ICU */,
        "\xe0\xb8\x81" /* Thai: ICU */, NULL};
    size_t np = 0;
    while (pieces[np])
        np++;
    const char *langs[] = {"fr", "en"};
    for (int l = 0; l < 2; l++) {
        wa_tokenizer *a = open_tk(langs[l]), *b = open_tk(langs[l]);
        unsigned seed = 12345;
        char buf[256];
        for (int round = 0; round < 20000; round++) {
            size_t len = 0, parts = 1 + (seed >> 16) % 12;
            for (size_t k = 0; k < parts; k++) {
                seed = seed * 1103515245u + 12345u;
                const char *p = pieces[(seed >> 16) % np];
                size_t pl = strlen(p);
                if (len + pl >= sizeof buf)
                    break;
                memcpy(buf + len, p, pl);
                len += pl;
            }
            same_as_icu(a, b, buf, len);
        }
        for (int k = 0; sample_wires[k]; k++) {
            char *text;
            size_t tl;
            cr_assert_eq(wa_read_file(sample_wires[k], &text, &tl, NULL), 0);
            same_as_icu(a, b, text, tl);
            free(text);
        }
        wa_tokenizer_free(a);
        wa_tokenizer_free(b);
    }
}
