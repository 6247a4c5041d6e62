/* Unit tests of the text module: encodings (BOM, forced, detected, fallback),
 * binary refusal, invalid bytes, line ends, mojibake repair (the cases of
 * tests/cases/text-mojibake.txt plus generated ones), NFC, the offset map,
 * line/column, warnings and pathological sizes. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wirealign.h"

#define FFFD "\xef\xbf\xbd"

/* ---- helpers ---------------------------------------------------------- */

static wa_text *decode_opts(const char *s, size_t n, const wa_text_opts *o)
{
    wa_text *t = NULL;
    wa_error err = {0};
    int rc = wa_text_decode(&t, s, n, o, &err);
    cr_assert_eq(rc, 0, "decode failed (%d): %s", rc, err.message);
    cr_assert_not_null(t);
    return t;
}

static wa_text *decode(const char *s, size_t n) { return decode_opts(s, n, NULL); }

static wa_text *decode_enc(const char *s, size_t n, const char *enc)
{
    wa_text_opts o = {0};
    o.encoding = enc;
    return decode_opts(s, n, &o);
}

static const char *text_of(const wa_text *t) { return wa_text_data(t, NULL); }

/* Converts with iconv (test side); caller frees. */
static char *conv(const char *to, const char *from, const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open(to, from);
    cr_assert_neq(cd, (iconv_t)-1, "iconv %s -> %s", from, to);
    size_t cap = n * 4 + 16;
    char *out = malloc(cap), *op = out, *ip = (char *)s;
    size_t il = n, ol = cap;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    cr_assert_neq(r, (size_t)-1, "iconv failed %s -> %s: %s", from, to, strerror(errno));
    iconv_close(cd);
    *outlen = cap - ol;
    out[*outlen] = '\0';
    return out;
}

/* UTF-8 encoding of the windows-1252 (holes as C1 controls, like Windows)
 * or Latin-1 reading of each byte of s: one layer of mojibake. */
static char *mojibake(const char *s, int cp1252)
{
    static const uint16_t high[32] = {
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    };
    size_t n = strlen(s);
    char *out = malloc(n * 3 + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        unsigned b = (unsigned char)s[i];
        unsigned cp = cp1252 && b >= 0x80 && b < 0xA0 ? high[b - 0x80] : b;
        if (cp < 0x80) {
            *o++ = (char)cp;
        } else if (cp < 0x800) {
            *o++ = (char)(0xC0 | cp >> 6);
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xE0 | cp >> 12);
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *o = '\0';
    return out;
}

static char *normalized(const char *s, size_t n, const char *enc, size_t *len)
{
    wa_text *t = enc ? decode_enc(s, n, enc) : decode(s, n);
    size_t l;
    const char *d = wa_text_data(t, &l);
    char *copy = strndup(d, l);
    if (len)
        *len = l;
    wa_text_free(t);
    return copy;
}

static void expect_text(const char *in, const char *want)
{
    char *got = normalized(in, strlen(in), NULL, NULL);
    cr_expect_str_eq(got, want, "input \"%s\"", in);
    free(got);
}

typedef struct warnings {
    int n;
    char last[512];
    char all[4096];
} warnings;

static void collect(void *ctx, const char *msg)
{
    warnings *w = ctx;
    w->n++;
    snprintf(w->last, sizeof w->last, "%s", msg);
    size_t l = strlen(w->all);
    snprintf(w->all + l, sizeof w->all - l, "%s\n", msg);
}

/* ---- UTF-8 and basic normalization -------------------------------------- */

Test(text, valid_utf8_untouched)
{
    const char *s = "L\xc3\xa9gende \xc2\xab ok \xc2\xbb\n";
    wa_text *t = decode(s, strlen(s));
    size_t len;
    cr_assert_str_eq(wa_text_data(t, &len), s);
    cr_assert_eq(len, strlen(s));
    cr_assert_str_eq(wa_text_encoding(t), "UTF-8");
    cr_assert_str_eq(wa_text_encoding_source(t), "valid-utf8");
    cr_assert_eq(wa_text_confidence(t), 100);
    cr_assert_eq(wa_text_replaced(t), 0);
    for (size_t i = 0; i <= len; i++)
        cr_assert_eq(wa_text_source_offset(t, i), i);
    wa_text_free(t);
}

Test(text, ascii_is_utf8)
{
    wa_text *t = decode("hello\n", 6);
    cr_assert_str_eq(wa_text_encoding_source(t), "valid-utf8");
    wa_text_free(t);
}

Test(text, empty_input)
{
    wa_text *t = decode("", 0);
    size_t len = 99;
    const char *s = wa_text_data(t, &len);
    cr_assert_not_null(s);
    cr_assert_eq(len, 0);
    cr_assert_str_eq(s, "");
    cr_assert_str_eq(wa_text_encoding(t), "UTF-8");
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.lines, 0);
    cr_assert_eq(wa_text_source_offset(t, 0), 0);
    size_t line, col;
    wa_text_line_col(t, 0, &line, &col);
    cr_assert_eq(line, 1);
    cr_assert_eq(col, 1);
    size_t n = 5;
    wa_text_repairs(t, &n);
    cr_assert_eq(n, 0);
    wa_text_free(t);
}

Test(text, whitespace_only)
{
    const char in[] = " \t\r\n \r\n";
    wa_text *t = decode(in, sizeof in - 1);
    cr_assert_str_eq(text_of(t), " \t\n \n");
    wa_text_free(t);
}

Test(text, crlf_and_invalid_map_back)
{
    /* Mostly UTF-8 (four good sequences per bad one) stays UTF-8. */
    const char in[] = "ab\r\ncd\xff" "ef \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    wa_text *t = decode(in, sizeof in - 1);
    size_t len;
    const char *s = wa_text_data(t, &len);
    cr_assert_str_eq(s, "ab\ncd" FFFD "ef \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
    cr_assert_str_eq(wa_text_encoding_source(t), "mostly-utf8");
    cr_assert_eq(wa_text_confidence(t), 80);
    cr_assert_eq(wa_text_replaced(t), 1);
    cr_assert_eq(wa_text_source_offset(t, 2), 2);  /* the LF: the CR */
    cr_assert_eq(wa_text_source_offset(t, 3), 4);  /* 'c' */
    cr_assert_eq(wa_text_source_offset(t, 5), 6);  /* U+FFFD: the bad byte */
    cr_assert_eq(wa_text_source_offset(t, 6), 6);  /* inside U+FFFD */
    cr_assert_eq(wa_text_source_offset(t, 8), 7);  /* 'e' */
    cr_assert_eq(wa_text_source_offset(t, len), sizeof in - 1);
    cr_assert_eq(wa_text_source_offset(t, len + 100), sizeof in - 1);
    wa_text_free(t);
}

Test(text, line_ends)
{
    const char in[] = "a\r\r\nb\rc\n\rd\r";
    wa_text *t = decode(in, sizeof in - 1);
    cr_assert_str_eq(text_of(t), "a\n\nb\nc\n\nd\n");
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.crlf, 1);
    cr_assert_eq(st.cr, 4);
    cr_assert_eq(st.lines, 6);
    /* output a0 \n1 \n2 b3 \n4 c5 \n6 \n7 d8 \n9; input a0 \r1 \r2 \n3 b4 \r5 c6 \n7 \r8 d9 \r10 */
    cr_assert_eq(wa_text_source_offset(t, 2), 2); /* the LF of CRLF: its CR */
    cr_assert_eq(wa_text_source_offset(t, 3), 4); /* 'b' */
    cr_assert_eq(wa_text_source_offset(t, 5), 6); /* 'c' */
    cr_assert_eq(wa_text_source_offset(t, 8), 9); /* 'd' */
    wa_text_free(t);
}

Test(text, nul_becomes_replacement)
{
    const char in[] = "a\0b";
    warnings w = {0};
    wa_text_opts o = {0};
    o.warn = collect;
    o.warn_ctx = &w;
    wa_text *t = decode_opts(in, 3, &o);
    size_t len;
    cr_assert_eq(memcmp(wa_text_data(t, &len), "a" FFFD "b", 5), 0);
    cr_assert_eq(len, 5);
    cr_assert_eq(strlen(text_of(t)), 5, "no NUL inside the text");
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.nul, 1);
    cr_assert_eq(wa_text_replaced(t), 1);
    cr_assert_eq(wa_text_source_offset(t, 4), 2);
    cr_assert_eq(w.n, 1);
    cr_assert(strstr(w.last, "NUL") && strstr(w.last, "line 1, column 2"), "%s", w.last);
    wa_text_free(t);
}

/* Invalid UTF-8 of every kind, one U+FFFD per maximal subpart. */
Test(text, invalid_utf8_kinds)
{
    static const struct { const char *in; const char *out; size_t bad, bytes; } cases[] = {
        {"a\xc0\xaf" "b", "a" FFFD FFFD "b", 2, 2},              /* overlong '/' */
        {"a\xe0\x80\xaf" "b", "a" FFFD FFFD FFFD "b", 3, 3},     /* overlong, 3 bytes */
        {"a\xf0\x80\x80\xaf" "b", "a" FFFD FFFD FFFD FFFD "b", 4, 4},
        {"a\xed\xa0\x80" "b", "a" FFFD FFFD FFFD "b", 3, 3},     /* surrogate D800 */
        {"a\xed\xbf\xbf" "b", "a" FFFD FFFD FFFD "b", 3, 3},     /* surrogate DFFF */
        {"a\xe2\x82" "b", "a" FFFD "b", 1, 2},                   /* truncated euro */
        {"a\xe2\x82", "a" FFFD, 1, 2},                           /* truncated at end */
        {"a\xf0\x9f\x98" "b", "a" FFFD "b", 1, 3},               /* truncated emoji */
        {"a\xf4\x90\x80\x80" "b", "a" FFFD FFFD FFFD FFFD "b", 4, 4}, /* > U+10FFFF */
        {"a\xf5\x80" "b", "a" FFFD FFFD "b", 2, 2},              /* F5 never valid */
        {"a\x80\xbf" "b", "a" FFFD FFFD "b", 2, 2},              /* lone continuations */
        {"a\xfe\xff" "b", "a" FFFD FFFD "b", 2, 2},
        {"a\xc3" "b", "a" FFFD "b", 1, 1},                       /* missing continuation */
        {"\xc3\xa9\xc3", "\xc3\xa9" FFFD, 1, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        wa_text *t = decode_enc(cases[k].in, strlen(cases[k].in), "UTF-8");
        cr_expect_str_eq(text_of(t), cases[k].out, "case %zu", k);
        wa_text_stats st;
        wa_text_get_stats(t, &st);
        cr_expect_eq(st.invalid, cases[k].bad, "case %zu: %zu invalid", k, st.invalid);
        cr_expect_eq(st.invalid_bytes, cases[k].bytes, "case %zu: %zu bytes", k, st.invalid_bytes);
        /* The character after the damage maps back to its own byte. */
        size_t len;
        const char *s = wa_text_data(t, &len);
        if (s[len - 1] == 'b')
            cr_expect_eq(wa_text_source_offset(t, len - 1), strlen(cases[k].in) - 1, "case %zu", k);
        wa_text_free(t);
    }
}

Test(text, invalid_warning_counts)
{
    warnings w = {0};
    wa_text_opts o = {0};
    o.encoding = "utf-8";
    o.warn = collect;
    o.warn_ctx = &w;
    const char in[] = "ok\nx\xff\xfe y\xc0";
    wa_text *t = decode_opts(in, sizeof in - 1, &o);
    cr_assert_eq(w.n, 1);
    cr_assert(strstr(w.last, "3 invalid byte sequences (3 bytes)") != NULL, "%s", w.last);
    cr_assert(strstr(w.last, "line 2, column 2") != NULL, "%s", w.last);
    wa_text_free(t);
}

/* ---- BOMs --------------------------------------------------------------- */

static void check_bom(const char *bom, size_t bomlen, const char *enc, const char *name)
{
    const char *txt = "L\xc3\xa9o \xe2\x80\x99 \xf0\x9f\x98\x80 z\n";
    size_t n;
    char *body = conv(enc, "UTF-8", txt, strlen(txt), &n);
    char *in = malloc(bomlen + n);
    memcpy(in, bom, bomlen);
    memcpy(in + bomlen, body, n);
    wa_text_opts o = {0};
    o.encoding = "latin1"; /* a BOM wins over a forced encoding */
    wa_text *t = decode_opts(in, bomlen + n, &o);
    cr_assert_str_eq(text_of(t), txt, "%s", name);
    cr_assert_str_eq(wa_text_encoding(t), name);
    cr_assert_str_eq(wa_text_encoding_source(t), "bom");
    cr_assert_eq(wa_text_confidence(t), 100);
    cr_assert_eq(wa_text_source_offset(t, 0), bomlen, "%s: first char after the BOM", name);
    /* 'z' is the next to last character. */
    size_t len;
    wa_text_data(t, &len);
    size_t unit = strstr(name, "32") ? 4 : strstr(name, "16") ? 2 : 1;
    cr_assert_eq(wa_text_source_offset(t, len - 2), bomlen + n - 2 * unit, "%s", name);
    wa_text_free(t);
    free(body);
    free(in);
}

Test(text, boms)
{
    check_bom("\xef\xbb\xbf", 3, "UTF-8", "UTF-8");
    check_bom("\xff\xfe", 2, "UTF-16LE", "UTF-16LE");
    check_bom("\xfe\xff", 2, "UTF-16BE", "UTF-16BE");
    check_bom("\xff\xfe\0\0", 4, "UTF-32LE", "UTF-32LE");
    check_bom("\0\0\xfe\xff", 4, "UTF-32BE", "UTF-32BE");
}

Test(text, bom_only)
{
    wa_text *t = decode("\xef\xbb\xbf", 3);
    size_t len;
    wa_text_data(t, &len);
    cr_assert_eq(len, 0);
    wa_text_free(t);
    t = decode("\xff\xfe", 2);
    wa_text_data(t, &len);
    cr_assert_eq(len, 0);
    cr_assert_str_eq(wa_text_encoding(t), "UTF-16LE");
    wa_text_free(t);
}

/* ---- forced encodings --------------------------------------------------- */

Test(text, forced_latin1_and_cp1252)
{
    const char in[] = "caf\xe9 \x80 \x92 \x81";
    char *a = normalized(in, sizeof in - 1, "ISO-8859-1", NULL);
    cr_assert_str_eq(a, "caf\xc3\xa9 \xc2\x80 \xc2\x92 \xc2\x81");
    free(a);
    wa_text *t = decode_enc(in, sizeof in - 1, "windows-1252");
    /* 0x81 is undefined in windows-1252: U+FFFD, counted. */
    cr_assert_str_eq(text_of(t), "caf\xc3\xa9 \xe2\x82\xac \xe2\x80\x99 " FFFD);
    cr_assert_eq(wa_text_replaced(t), 1);
    cr_assert_str_eq(wa_text_encoding_source(t), "forced");
    cr_assert_str_eq(wa_text_encoding(t), "windows-1252");
    wa_text_free(t);
}

Test(text, forced_other_single_byte)
{
    /* KOI8-R "Привет", ISO-8859-2 "Łódź", ISO-8859-7 "Αθήνα". */
    char *a = normalized("\xf0\xd2\xc9\xd7\xc5\xd4", 6, "KOI8-R", NULL);
    cr_assert_str_eq(a, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
    free(a);
    a = normalized("\xa3\xf3\x64\xbc", 4, "ISO-8859-2", NULL);
    cr_assert_str_eq(a, "\xc5\x81\xc3\xb3\x64\xc5\xba");
    free(a);
    a = normalized("\xc1\xe8\xde\xed\xe1", 5, "ISO-8859-7", NULL);
    cr_assert_str_eq(a, "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1");
    free(a);
}

Test(text, forced_multibyte_and_stateful)
{
    const char *txt = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e (Japanese) \xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\r\nok";
    const char *want = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e (Japanese) \xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\nok";
    const char *encs[] = {"SHIFT_JIS", "EUC-JP", "ISO-2022-JP", "GB18030", "UTF-7", "UTF-16", "UCS-2LE"};
    for (size_t k = 0; k < sizeof encs / sizeof encs[0]; k++) {
        size_t n;
        char *in = conv(encs[k], "UTF-8", txt, strlen(txt), &n);
        wa_text *t = decode_enc(in, n, encs[k]);
        cr_expect_str_eq(text_of(t), want, "%s", encs[k]);
        /* Every character maps back to where it starts in the input: the
         * input from there re-decodes to the rest of the text. */
        size_t len;
        const char *s = wa_text_data(t, &len);
        size_t ok = wa_text_source_offset(t, len - 2); /* "ok" */
        size_t okw = strstr(encs[k], "16") || strstr(encs[k], "UCS-2") ? 2 : 1;
        cr_expect(ok + 2 * okw == n, "%s: 'ok' at %zu of %zu", encs[k], ok, n);
        for (size_t x = 0; x < len; x++) {
            if (((unsigned char)s[x] & 0xC0) == 0x80)
                continue;
            size_t o = wa_text_source_offset(t, x);
            cr_expect(o <= n, "%s offset %zu -> %zu", encs[k], x, o);
            if (x + 1 < len)
                cr_expect(o <= wa_text_source_offset(t, x + 1), "%s: monotonic", encs[k]);
        }
        wa_text_free(t);
        free(in);
    }
}

Test(text, forced_utf16_no_bom_and_utf8_alias)
{
    char *a = normalized("h\0i\0", 4, "utf-16le", NULL);
    cr_assert_str_eq(a, "hi");
    free(a);
    a = normalized("\0h\0i", 4, "UTF16BE", NULL);
    cr_assert_str_eq(a, "hi");
    free(a);
    a = normalized("\xc3\xa9", 2, "utf8", NULL);
    cr_assert_str_eq(a, "\xc3\xa9");
    free(a);
}

Test(text, forced_skips_binary_check)
{
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    wa_text *t = decode_enc(png, sizeof png - 1, "latin1");
    cr_assert_eq(strncmp(text_of(t), "\xc2\x89PNG\n\x1a\n" FFFD, 11), 0, "%s", text_of(t));
    wa_text_free(t);
}

Test(text, unknown_encoding)
{
    wa_text *t = (wa_text *)1;
    wa_error err = {0};
    wa_text_opts o = {0};
    o.encoding = "NO-SUCH-ENCODING-42";
    cr_assert_eq(wa_text_decode(&t, "abc", 3, &o, &err), WA_EENCODING);
    cr_assert_null(t);
    cr_assert_eq(err.code, WA_EENCODING);
    cr_assert(strstr(err.message, "NO-SUCH-ENCODING-42") != NULL, "%s", err.message);
    cr_assert(strchr(err.message, '\n') == NULL);
    /* Even with a BOM the name is checked. */
    cr_assert_eq(wa_text_decode(&t, "\xef\xbb\xbf" "abc", 6, &o, &err), WA_EENCODING);
    /* And a name too long for any encoding. */
    char longname[200];
    memset(longname, 'A', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    o.encoding = longname;
    cr_assert_eq(wa_text_decode(&t, "abc", 3, &o, &err), WA_EENCODING);
}

/* ---- detection ---------------------------------------------------------- */

static const char *FRENCH =
    "Le pr\xc3\xa9sident arm\xc3\xa9nien a d\xc3\xa9\x63lar\xc3\xa9 jeudi que l\xe2\x80\x99"
    "accord conclu \xc3\xa0 Gen\xc3\xa8ve \xc3\xa9tait \xc2\xab une \xc3\xa9tape d\xc3\xa9"
    "cisive \xc2\xbb pour la r\xc3\xa9gion. Le ministre fran\xc3\xa7\x61is des Affaires "
    "\xc3\xa9trang\xc3\xa8res s\xe2\x80\x99" "est f\xc3\xa9licit\xc3\xa9 de cette avanc\xc3\xa9\x65, "
    "o\xc3\xb9 l\xe2\x80\x99on a vu na\xc3\xae" "tre un espoir de paix durable.\n";

Test(text, detect_windows_1252)
{
    size_t n;
    char *in = conv("WINDOWS-1252", "UTF-8", FRENCH, strlen(FRENCH), &n);
    wa_text *t = decode(in, n);
    cr_assert_str_eq(text_of(t), FRENCH);
    cr_assert_str_eq(wa_text_encoding(t), "windows-1252");
    cr_assert_str_eq(wa_text_encoding_source(t), "detected");
    cr_assert(wa_text_confidence(t) >= 15 && wa_text_confidence(t) <= 100);
    /* Every character maps to the one byte it came from. */
    size_t len;
    const char *s = wa_text_data(t, &len);
    size_t chars = 0;
    for (size_t x = 0; x < len; x++) {
        if (((unsigned char)s[x] & 0xC0) == 0x80)
            continue;
        cr_assert_eq(wa_text_source_offset(t, x), chars, "offset %zu", x);
        chars++;
    }
    cr_assert_eq(chars, n);
    wa_text_free(t);
    free(in);
}

Test(text, detect_latin1_without_c1_reads_as_cp1252)
{
    const char *s = "Le pr\xc3\xa9sident a \xc3\xa9t\xc3\xa9 r\xc3\xa9\xc3\xa9lu \xc3\xa0 "
                    "une large majorit\xc3\xa9, a d\xc3\xa9\x63lar\xc3\xa9 le porte-parole "
                    "du minist\xc3\xa8re de l'Int\xc3\xa9rieur.\n";
    size_t n;
    char *in = conv("ISO-8859-1", "UTF-8", s, strlen(s), &n);
    wa_text *t = decode(in, n);
    cr_assert_str_eq(text_of(t), s);
    cr_assert_str_eq(wa_text_encoding(t), "windows-1252");
    wa_text_free(t);
    free(in);
}

Test(text, detect_koi8r)
{
    const char *s = "\xd0\x9c\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80 \xd0\xb8\xd0\xbd"
                    "\xd0\xbe\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b\xd1\x85 "
                    "\xd0\xb4\xd0\xb5\xd0\xbb \xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd0\xb8 "
                    "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb1\xd1\x8b\xd0\xbb \xd0\xb2 \xd0\x95\xd1\x80"
                    "\xd0\xb5\xd0\xb2\xd0\xb0\xd0\xbd \xd0\xb4\xd0\xbb\xd1\x8f \xd0\xbf\xd0\xb5"
                    "\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb2 "
                    "\xd1\x81 \xd0\xbf\xd1\x80\xd0\xb5\xd0\xbc\xd1\x8c\xd0\xb5\xd1\x80\xd0\xbe"
                    "\xd0\xbc.\n";
    size_t n;
    char *in = conv("KOI8-R", "UTF-8", s, strlen(s), &n);
    wa_text *t = decode(in, n);
    cr_assert_str_eq(wa_text_encoding_source(t), "detected");
    cr_assert_str_eq(text_of(t), s, "read as %s", wa_text_encoding(t));
    wa_text_free(t);
    free(in);
}

Test(text, fallback_windows_1252)
{
    /* Too little for ICU to be sure of anything. */
    const char in[] = "x\xe9y";
    warnings w = {0};
    wa_text_opts o = {0};
    o.warn = collect;
    o.warn_ctx = &w;
    wa_text *t = decode_opts(in, 3, &o);
    cr_assert_str_eq(text_of(t), "x\xc3\xa9y");
    cr_assert_str_eq(wa_text_encoding(t), "windows-1252");
    const char *src = wa_text_encoding_source(t);
    cr_assert(strcmp(src, "fallback") == 0 || strcmp(src, "detected") == 0, "%s", src);
    if (strcmp(src, "fallback") == 0) {
        cr_assert_eq(wa_text_confidence(t), 0);
        cr_assert(strstr(w.all, "not recognized") != NULL, "%s", w.all);
    }
    wa_text_free(t);
}

Test(text, mostly_utf8_threshold)
{
    /* 3 good multi-byte characters per bad byte: a legacy encoding. */
    const char in[] = "\xc3\xa9\xc3\xa9\xc3\xa9 \xe9";
    wa_text *t = decode(in, sizeof in - 1);
    cr_assert_str_neq(wa_text_encoding_source(t), "mostly-utf8");
    cr_assert_str_neq(wa_text_encoding_source(t), "valid-utf8");
    /* Read as windows-1252 the UTF-8 is mojibake, which is repaired. */
    cr_assert_str_eq(text_of(t), "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9");
    wa_text_free(t);
}

static void check_wide(const char *enc, const char *txt, const char *name)
{
    size_t n;
    char *in = conv(enc, "UTF-8", txt, strlen(txt), &n);
    wa_text *t = decode(in, n);
    cr_assert_str_eq(wa_text_encoding(t), name, "%s", txt);
    cr_assert_str_eq(wa_text_encoding_source(t), "detected");
    cr_assert(wa_text_confidence(t) > 0);
    cr_assert_str_eq(text_of(t), txt);
    wa_text_free(t);
    free(in);
}

Test(text, utf16_and_utf32_without_bom)
{
    const char *fr = "Le pr\xc3\xa9sident a d\xc3\xa9\x63lar\xc3\xa9 : \xc2\xab Non. \xc2\xbb\n";
    const char *ru = "\xd0\x9c\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80 \xd0\xb8\xd0\xbd"
                     "\xd0\xbe\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b\xd1\x85 "
                     "\xd0\xb4\xd0\xb5\xd0\xbb, 2023.\n";
    check_wide("UTF-16LE", fr, "UTF-16LE");
    check_wide("UTF-16BE", fr, "UTF-16BE");
    check_wide("UTF-16LE", ru, "UTF-16LE");
    check_wide("UTF-16BE", ru, "UTF-16BE");
    check_wide("UTF-32LE", fr, "UTF-32LE");
    check_wide("UTF-32BE", ru, "UTF-32BE");
    check_wide("UTF-16LE", "ok", "UTF-16LE");
}

Test(text, utf16_offsets_and_surrogates)
{
    const char *txt = "a\xf0\x9f\x98\x80" "b\r\nc\xc3\xa9" "d";
    size_t n;
    char *in = conv("UTF-16LE", "UTF-8", txt, strlen(txt), &n);
    wa_text *t = decode_enc(in, n, "UTF-16LE");
    cr_assert_str_eq(text_of(t), "a\xf0\x9f\x98\x80" "b\nc\xc3\xa9" "d");
    /* output: a(0) emoji(1..4) b(5) \n(6) c(7) é(8,9) d(10) */
    static const size_t want[][2] = {{0, 0}, {1, 2}, {5, 6}, {6, 8}, {7, 12}, {8, 14}, {10, 16}, {11, 18}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        cr_expect_eq(wa_text_source_offset(t, want[k][0]), want[k][1], "offset %zu", want[k][0]);
    wa_text_free(t);
    free(in);
}

Test(text, utf16_invalid_units)
{
    /* lone high surrogate, lone low surrogate, odd trailing byte */
    const char in[] = "a\0\x00\xd8" "b\0\x00\xdc" "c\0d";
    wa_text *t = decode_enc(in, sizeof in - 1, "UTF-16LE");
    cr_assert_str_eq(text_of(t), "a" FFFD "b" FFFD "c" FFFD);
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.invalid, 3);
    cr_assert_eq(wa_text_source_offset(t, 4), 4);  /* 'b' */
    cr_assert_eq(wa_text_source_offset(t, 8), 8);  /* 'c' */
    cr_assert_eq(wa_text_source_offset(t, 9), 10); /* the odd byte */
    wa_text_free(t);
}

/* ---- binary input ------------------------------------------------------- */

static void expect_binary(const char *in, size_t n, const char *what)
{
    wa_text *t = (wa_text *)1;
    wa_error err = {0};
    int rc = wa_text_decode(&t, in, n, NULL, &err);
    cr_expect_eq(rc, WA_EINPUT, "%s: rc %d", what, rc);
    cr_expect_null(t, "%s", what);
    cr_expect(strstr(err.message, "binary") != NULL, "%s: %s", what, err.message);
}

Test(text, binary_refused)
{
    char buf[4096];
    memcpy(buf, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    for (size_t i = 16; i < sizeof buf; i++)
        buf[i] = (char)(i * 7919 % 251);
    expect_binary(buf, sizeof buf, "png");
    expect_binary("\x7f" "ELF\x02\x01\x01", 7, "elf");
    expect_binary("%PDF-1.4\n", 9, "pdf");
    expect_binary("\x1f\x8b\x08\0", 4, "gzip");
    expect_binary("PK\x03\x04\x14\0", 6, "zip");
    /* No magic, but random bytes: full of control bytes. */
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (char)(x >> 16);
    }
    expect_binary(buf, sizeof buf, "random");
    memset(buf, 0, 64);
    expect_binary(buf, 64, "zeros");
}

Test(text, few_controls_are_text)
{
    const char in[] = "page 1\fpage 2\x1b[0m \x01\x02 ok\n";
    wa_text *t = decode(in, sizeof in - 1);
    cr_assert_str_eq(text_of(t), in);
    wa_text_free(t);
}

/* ---- mojibake ----------------------------------------------------------- */

static int repaired_count(const char *in)
{
    wa_text *t = decode(in, strlen(in));
    size_t n;
    wa_text_repairs(t, &n);
    wa_text_free(t);
    return (int)n;
}

Test(text, mojibake_case_file)
{
    FILE *f = fopen("tests/cases/text-mojibake.txt", "r");
    cr_assert_not_null(f, "tests/cases/text-mojibake.txt (run from the top directory)");
    char line[4096];
    int clean = 0, pairs = 0, generated = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        cr_assert(line[1] == ' ', "line %d: bad case", lineno);
        const char *body = line + 2;
        if (line[0] == '=' || line[0] == '!') {
            expect_text(body, body);
            cr_expect_eq(repaired_count(body), 0, "line %d: clean text repaired", lineno);
            clean++;
            if (line[0] == '!')
                continue;
            /* Its mojibake, windows-1252 1 to 3 layers and Latin-1. */
            char *m = strdup(body);
            for (int layer = 1; layer <= 3; layer++) {
                char *next = mojibake(m, 1);
                free(m);
                m = next;
                char *got = normalized(m, strlen(m), NULL, NULL);
                cr_expect_str_eq(got, body, "line %d, %d layer(s) of \"%s\"", lineno, layer, m);
                free(got);
                generated++;
            }
            free(m);
            m = mojibake(body, 0);
            char *got = normalized(m, strlen(m), NULL, NULL);
            cr_expect_str_eq(got, body, "line %d, Latin-1 \"%s\"", lineno, m);
            free(got);
            free(m);
            generated++;
        } else if (line[0] == '~') {
            char *tab = strchr(body, '\t');
            cr_assert_not_null(tab, "line %d: no tab", lineno);
            *tab = '\0';
            expect_text(body, tab + 1);
            pairs++;
        } else {
            cr_assert_fail("line %d: unknown case kind '%c'", lineno, line[0]);
        }
    }
    fclose(f);
    cr_assert(clean >= 50 && pairs >= 20, "%d clean, %d pairs", clean, pairs);
    cr_log_info("mojibake: %d clean lines, %d explicit pairs, %d generated", clean, pairs, generated);
}

Test(text, mojibake_no_repair_option)
{
    const char *in = "Azerba\xc3\x83\xc2\xaf" "djan";
    wa_text_opts o = {0};
    o.no_repair = 1;
    wa_text *t = decode_opts(in, strlen(in), &o);
    cr_assert_str_eq(text_of(t), in);
    size_t n;
    wa_text_repairs(t, &n);
    cr_assert_eq(n, 0);
    wa_text_free(t);
}

Test(text, mojibake_repairs_reported)
{
    /* "ligne 1\nl’Azerbaïdjan, été" with mojibake */
    const char *in = "ligne 1\nl\xc3\xa2\xe2\x82\xac\xe2\x84\xa2" "Azerba\xc3\x83\xc2\xaf" "djan, "
                     "\xc3\x83\xc6\x92\xc3\x82\xc2\xa9t\xc3\x83\xc2\xa9";
    warnings w = {0};
    wa_text_opts o = {0};
    o.warn = collect;
    o.warn_ctx = &w;
    wa_text *t = decode_opts(in, strlen(in), &o);
    const char *want = "ligne 1\nl\xe2\x80\x99" "Azerba\xc3\xaf" "djan, \xc3\xa9t\xc3\xa9";
    cr_assert_str_eq(text_of(t), want);
    size_t n;
    const wa_repair *r = wa_text_repairs(t, &n);
    cr_assert_eq(n, 4);
    /* ’ */
    cr_assert_eq(r[0].span.start, 9);
    cr_assert_eq(r[0].span.end, 12);
    cr_assert_eq(r[0].source.start, 9);
    cr_assert_eq(r[0].source.end, 17);
    cr_assert_eq(r[0].layers, 1);
    size_t olen;
    const char *orig = wa_text_repair_original(t, 0, &olen);
    cr_assert_eq(olen, 8);
    cr_assert_eq(memcmp(orig, "\xc3\xa2\xe2\x82\xac\xe2\x84\xa2", 8), 0);
    /* ï */
    cr_assert_eq(r[1].span.end - r[1].span.start, 2);
    cr_assert_eq(r[1].layers, 1);
    /* é (double) then é (single) */
    cr_assert_eq(r[2].layers, 2);
    cr_assert_eq(r[3].layers, 1);
    size_t line, col;
    wa_text_line_col(t, r[1].span.start, &line, &col);
    cr_assert_eq(line, 2);
    cr_assert_eq(col, 9);
    cr_assert_eq(w.n, 4);
    cr_assert(strstr(w.all, "line 2, column 2: repaired mojibake") != NULL, "%s", w.all);
    cr_assert_null(wa_text_repair_original(t, 4, &olen));
    /* Offsets through repairs: 'A' of Azerbaïdjan and 'd' after ï. */
    cr_assert_eq(wa_text_source_offset(t, 12), 17);
    cr_assert_eq(wa_text_source_offset(t, 20), 27);
    cr_assert_eq(wa_text_source_offset(t, 18), 23); /* ï: its mojibake */
    cr_assert_eq(wa_text_source_offset(t, 19), 23); /* inside ï */
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.repairs, 4);
    wa_text_free(t);
}

Test(text, mojibake_warnings_capped)
{
    char in[4096] = "";
    for (int k = 0; k < 30; k++)
        strcat(in, "\xc3\x83\xc2\xa9t\xc3\x83\xc2\xa9 ");
    warnings w = {0};
    wa_text_opts o = {0};
    o.warn = collect;
    o.warn_ctx = &w;
    wa_text *t = decode_opts(in, strlen(in), &o);
    size_t n;
    wa_text_repairs(t, &n);
    cr_assert_eq(n, 60);
    cr_assert_eq(w.n, 11);
    cr_assert(strstr(w.last, "50 more") != NULL, "%s", w.last);
    wa_text_free(t);
}

Test(text, mojibake_weak_needs_evidence)
{
    /* Alone, an accented capital + ” at a word end is left as is ... */
    cr_assert_eq(repaired_count("A MANH\xc3\x83\xe2\x80\x9d E"), 0);
    /* ... but not in a text that certainly has mojibake. */
    cr_assert_eq(repaired_count("A MANH\xc3\x83\xe2\x80\x9d E, \xc3\x83\xc2\xa9t\xc3\x83\xc2\xa9"), 3);
}

Test(text, mojibake_in_legacy_input)
{
    /* A windows-1252 file that holds UTF-8 mojibake too: both fixed. */
    const char in[] = "Le pr\xe9sident de l'\xc3\x89lys\xc3\xa9" "e a parl\xe9 \xe0 la t\xe9l\xe9vision "
                      "fran\xe7" "aise, l\xe0 o\xf9 l'on \xe9tait.";
    wa_text *t = decode(in, sizeof in - 1);
    cr_assert_str_eq(wa_text_encoding(t), "windows-1252");
    cr_assert(strstr(text_of(t), "l'\xc3\x89lys\xc3\xa9" "e a parl\xc3\xa9") != NULL, "%s", text_of(t));
    wa_text_free(t);
}

Test(text, mojibake_pathological_run)
{
    /* 1 MB of mojibake in a single run, and of lone Ã characters. */
    size_t n = 1 << 20;
    char *in = malloc(n + 1);
    for (size_t i = 0; i + 4 <= n; i += 4)
        memcpy(in + i, "\xc3\x83\xc2\xa9", 4);
    wa_text *t = decode(in, n);
    size_t len;
    wa_text_data(t, &len);
    cr_assert_eq(len, n / 2);
    wa_text_free(t);
    for (size_t i = 0; i + 2 <= n; i += 2)
        memcpy(in + i, "\xc3\x83", 2);
    t = decode(in, n);
    wa_text_data(t, &len);
    cr_assert_eq(len, n);
    wa_text_free(t);
    free(in);
}

/* ---- NFC ---------------------------------------------------------------- */

Test(text, nfc)
{
    /* e + combining acute, A + ring, Angstrom sign, Hangul jamo, reordered
     * marks (dot below 220 after acute 230). */
    const char in[] = "caf" "e\xcc\x81" " A\xcc\x8a \xe2\x84\xab \xe1\x84\x80\xe1\x85\xa1 "
                      "q\xcc\x81\xcc\xa3.";
    wa_text *t = decode(in, sizeof in - 1);
    const char *want = "caf\xc3\xa9 \xc3\x85 \xc3\x85 \xea\xb0\x80 q\xcc\xa3\xcc\x81.";
    cr_assert_str_eq(text_of(t), want);
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.nfc_changes, 5);
    /* é maps to 'e'; the space after it to the space after the mark. */
    cr_assert_eq(wa_text_source_offset(t, 3), 3);
    cr_assert_eq(wa_text_source_offset(t, 4), 3);
    cr_assert_eq(wa_text_source_offset(t, 5), 6);
    cr_assert_eq(wa_text_source_offset(t, 6), 7); /* Å from A + ring */
    cr_assert_eq(wa_text_source_offset(t, 8), 10);
    size_t len;
    wa_text_data(t, &len);
    cr_assert_eq(wa_text_source_offset(t, len - 1), sizeof in - 2); /* '.' */
    size_t line, col;
    wa_text_line_col(t, 5, &line, &col);
    cr_assert_eq(col, 5);
    wa_text_free(t);
}

Test(text, nfc_already_normalized_untouched)
{
    const char *s = "\xc3\xa9 \xe2\x80\x99 \xe1\xba\xbf \xd5\x80 \xe4\xb8\xad \xf0\x9f\x98\x80 "
                    "q\xcc\xa3\xcc\x81 x\xcc\x81"; /* ccc in order, no composition */
    wa_text *t = decode(s, strlen(s));
    cr_assert_str_eq(text_of(t), s);
    wa_text_stats st;
    wa_text_get_stats(t, &st);
    cr_assert_eq(st.nfc_changes, 0);
    wa_text_free(t);
}

Test(text, nfc_after_transcoding_and_repair)
{
    /* NFD in UTF-16 and NFD inside mojibake: both end in NFC. */
    const char *nfd = "Arme\xcc\x81nie\n";
    size_t n;
    char *in = conv("UTF-16BE", "UTF-8", nfd, strlen(nfd), &n);
    char *got = normalized(in, n, "UTF-16BE", NULL);
    cr_assert_str_eq(got, "Arm\xc3\xa9nie\n");
    free(got);
    free(in);
    /* mojibake of "é" right before a combining mark */
    got = normalized("e\xcc\x81t\xc3\x83\xc2\xa9", 8, NULL, NULL);
    cr_assert_str_eq(got, "\xc3\xa9t\xc3\xa9");
    free(got);
}

Test(text, nfc_long_combining_run)
{
    size_t n = 2 * 200000 + 1;
    char *in = malloc(n + 1);
    in[0] = 'a';
    for (size_t i = 1; i < n; i += 2)
        memcpy(in + i, i % 4 == 1 ? "\xcc\x81" : "\xcc\xa3", 2);
    wa_text *t = decode(in, n);
    size_t len;
    wa_text_data(t, &len);
    cr_assert(len > 0 && len <= n);
    cr_assert(wa_text_source_offset(t, len - 1) < n);
    wa_text_free(t);
    free(in);
}

/* ---- offsets: round trips over random documents -------------------------- */

static const char *PIECES[] = {
    "a", "Z", " ", ".", "\n", "\r\n", "\r", "\xc3\xa9", "\xe2\x80\x99", "\xc2\xab", "\xe2\x82\xac",
    "\xd0\x96", "\xd5\x80", "\xf0\x9f\x98\x80", "e\xcc\x81", "\xc3\x83\xc2\xa9", /* mojibake é */
    "\xc3\xa2\xe2\x82\xac\xe2\x84\xa2", /* mojibake ’ */ "Arm", "\t",
};

/* Builds a random document from PIECES (those the encoding can hold). */
static size_t random_doc(char *out, size_t cap, uint32_t *seed, int latin_only)
{
    size_t n = 0;
    for (;;) {
        *seed = *seed * 1103515245u + 12345u;
        const char *p = PIECES[(*seed >> 16) % (sizeof PIECES / sizeof PIECES[0])];
        if (latin_only && (strstr(p, "\xd0") || strstr(p, "\xd5") || strstr(p, "\xf0") ||
                           strstr(p, "\xcc")))
            continue;
        size_t l = strlen(p);
        if (n + l >= cap)
            break;
        memcpy(out + n, p, l);
        n += l;
    }
    out[n] = '\0';
    return n;
}

/* For each character of the output: the source offsets are monotonic, and
 * the input between one character's offset and the next converts back to
 * that character, unless the character is a line end, a repair or came
 * from NFC. */
static void check_round_trip(const char *in, size_t n, const char *enc, const char *dec_enc)
{
    wa_text *t = decode_enc(in, n, dec_enc);
    size_t len, nrep;
    const char *s = wa_text_data(t, &len);
    const wa_repair *rep = wa_text_repairs(t, &nrep);
    size_t prev = 0, x = 0;
    iconv_t cd = iconv_open("UTF-8", enc);
    cr_assert_neq(cd, (iconv_t)-1);
    while (x < len) {
        size_t y = x + 1;
        while (y < len && ((unsigned char)s[y] & 0xC0) == 0x80)
            y++;
        size_t a = wa_text_source_offset(t, x), b = wa_text_source_offset(t, y);
        cr_assert(a >= prev && a <= b && b <= n, "%s: offsets %zu -> %zu..%zu", enc, x, a, b);
        prev = a;
        int special = s[x] == '\n' || (y - x == 2 && ((unsigned char)s[x] == 0xCC));
        for (size_t k = 0; k < nrep; k++)
            if (x >= rep[k].span.start && x < rep[k].span.end)
                special = 1;
        /* A character composed by NFC maps to more input than itself. */
        if (!special) {
            char buf[64], *ip = (char *)in + a, *op = buf;
            size_t il = b - a, ol = sizeof buf;
            iconv(cd, NULL, NULL, NULL, NULL);
            size_t r = iconv(cd, &ip, &il, &op, &ol);
            size_t got = sizeof buf - ol;
            int same = r != (size_t)-1 && got == y - x && memcmp(buf, s + x, got) == 0;
            int composed = r != (size_t)-1 && got > y - x; /* e + U+0301 -> é */
            cr_assert(same || composed, "%s: char at %zu (%zu bytes) <- input %zu..%zu", enc, x,
                      y - x, a, b);
        }
        x = y;
    }
    iconv_close(cd);
    wa_text_free(t);
}

Test(text, offset_round_trips)
{
    uint32_t seed = 42;
    char doc[2048];
    for (int iter = 0; iter < 40; iter++) {
        size_t n = random_doc(doc, sizeof doc, &seed, 0);
        check_round_trip(doc, n, "UTF-8", "UTF-8");
        size_t m;
        char *w = conv("UTF-16LE", "UTF-8", doc, n, &m);
        check_round_trip(w, m, "UTF-16LE", "UTF-16LE");
        free(w);
        w = conv("UTF-16BE", "UTF-8", doc, n, &m);
        check_round_trip(w, m, "UTF-16BE", "UTF-16BE");
        free(w);
        w = conv("UTF-32LE", "UTF-8", doc, n, &m);
        check_round_trip(w, m, "UTF-32LE", "UTF-32LE");
        free(w);
        w = conv("GB18030", "UTF-8", doc, n, &m);
        check_round_trip(w, m, "GB18030", "GB18030");
        free(w);
        n = random_doc(doc, sizeof doc, &seed, 1);
        w = conv("WINDOWS-1252", "UTF-8", doc, n, &m);
        check_round_trip(w, m, "WINDOWS-1252", "windows-1252");
        free(w);
    }
}

Test(text, offsets_inside_characters)
{
    const char *s = "x\xe2\x82\xac" "y";
    wa_text *t = decode(s, strlen(s));
    cr_assert_eq(wa_text_source_offset(t, 2), 2); /* same bytes: identity */
    wa_text_free(t);
    size_t n;
    char *in = conv("UTF-16LE", "UTF-8", s, strlen(s), &n);
    t = decode_enc(in, n, "UTF-16LE");
    cr_assert_eq(wa_text_source_offset(t, 1), 2);
    cr_assert_eq(wa_text_source_offset(t, 2), 2); /* inside € */
    cr_assert_eq(wa_text_source_offset(t, 3), 2);
    cr_assert_eq(wa_text_source_offset(t, 4), 4); /* y */
    wa_text_free(t);
    free(in);
}

/* ---- line and column ---------------------------------------------------- */

Test(text, line_col_counts_characters)
{
    const char *s = "ab\n\xc3\xa9t\xc3\xa9\n\nz";
    wa_text *t = decode(s, strlen(s));
    static const size_t cases[][3] = {
        {0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 1}, {5, 2, 2}, {6, 2, 3}, {8, 2, 4},
        {9, 3, 1}, {10, 4, 1}, {11, 4, 2}, {500, 4, 2},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t line, col;
        wa_text_line_col(t, cases[k][0], &line, &col);
        cr_expect_eq(line, cases[k][1], "offset %zu: line %zu", cases[k][0], line);
        cr_expect_eq(col, cases[k][2], "offset %zu: col %zu", cases[k][0], col);
    }
    wa_text_free(t);
}

Test(text, line_col_many_calls)
{
    /* 20,000 lines, 20,000 look-ups in no particular order (their cost is
     * bench_text's, not a unit test's). */
    size_t n = 20000 * 50;
    char *in = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        in[i] = i % 50 == 49 ? '\n' : (char)('a' + i % 26);
    wa_text *t = decode(in, n);
    for (size_t k = 0; k < 20000; k++) {
        size_t line, col, off = (k * 7919) % n;
        wa_text_line_col(t, off, &line, &col);
        cr_assert_eq(line, off / 50 + 1);
        cr_assert_eq(col, off % 50 + 1);
    }
    wa_text_free(t);
    free(in);
}

/* ---- pathological sizes ------------------------------------------------- */

Test(text, huge_line, .timeout = 60)
{
    /* A 10 MB line reads like 10 MB of short lines: same bytes out, and the
     * last offset's line and column right.  (Cost per byte against short
     * lines: bench_pathological's one-line ratio.) */
    size_t n = 10u << 20;
    char *one = malloc(n), *many = malloc(n);
    for (size_t i = 0; i < n; i++) {
        one[i] = i % 7 == 6 ? ' ' : 'x';
        many[i] = i % 70 == 69 ? '\n' : one[i];
    }
    memcpy(one + n / 2, "\xc3\xa9", 2);
    memcpy(many + n / 2, "\xc3\xa9", 2);
    wa_text *t = decode(one, n), *tm = decode(many, n);
    size_t line, col, len, lm;
    const char *d = wa_text_data(t, &len), *dm = wa_text_data(tm, &lm);
    cr_assert_eq(len, n);
    cr_assert_eq(lm, n);
    cr_assert(memcmp(d, one, n) == 0 && memcmp(dm, many, n) == 0, "bytes changed");
    wa_text_line_col(tm, lm, &line, &col);
    cr_assert_eq(line, n / 70 + 1);
    wa_text_free(tm);
    wa_text_line_col(t, len, &line, &col);
    cr_assert_eq(line, 1);
    cr_assert_eq(col, n); /* n bytes, one of them a 2-byte char, +1 */
    wa_text_free(t);
    free(one);
    free(many);
}

Test(text, huge_legacy_input, .timeout = 60)
{
    /* 8 MB of windows-1252 comes out as the same text in UTF-8, every é
     * converted.  (Its cost: bench_text and bench_pathological.) */
    size_t n = 8u << 20;
    char *a = malloc(n), *b = malloc(n * 2);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        a[i] = i % 11 == 5 ? (char)0xe9 : i % 60 == 59 ? '.' : 'r';
        if (a[i] == (char)0xe9) {
            b[m++] = (char)0xc3;
            b[m++] = (char)0xa9;
        } else {
            b[m++] = a[i];
        }
    }
    wa_text *t = decode(a, n);
    size_t len;
    const char *d = wa_text_data(t, &len);
    cr_assert_eq(len, m);
    cr_assert(memcmp(d, b, m) == 0, "windows-1252 text converted wrongly");
    wa_text_free(t);
    free(a);
    free(b);
}

/* ---- files --------------------------------------------------------------- */

Test(text, read_file_errors)
{
    wa_text *t = (wa_text *)1;
    wa_error err = {0};
    cr_assert_eq(wa_text_read_file(&t, "tests/no/such/file.txt", NULL, &err), WA_ENOTFOUND);
    cr_assert_null(t);
    cr_assert(strstr(err.message, "tests/no/such/file.txt") != NULL, "%s", err.message);
    cr_assert_eq(wa_text_read_file(&t, "tests", NULL, &err), WA_EIO);
    cr_assert(strstr(err.message, "tests: is a directory") != NULL, "%s", err.message);
}

Test(text, read_file_names_the_file_on_decode_errors)
{
    char path[] = "/tmp/wa-text-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fwrite("\x7f" "ELF\x02\x01\x01\0\0\0", 1, 10, f);
    fclose(f);
    wa_text *t = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_text_read_file(&t, path, NULL, &err), WA_EINPUT);
    cr_assert(strstr(err.message, path) == err.message, "%s", err.message);
    cr_assert(strstr(err.message, "ELF") != NULL, "%s", err.message);
    remove(path);
}

/* ---- idempotence ---------------------------------------------------------- */

/* Decoding the normalized text again gives it back unchanged, whatever the
 * input (random pieces of mojibake, broken bytes, BOMs, marks, line ends). */
Test(text, decoding_twice_changes_nothing)
{
    static const char *bits[] = {
        "a", "Z", " ", "\r", "\n", "\r\n", "\xc3", "\xa9", "\x83", "\xc2", "\xe2", "\x80", "\x99",
        "\xef\xbb\xbf", "\xf0\x9f", "\xcc\x81", "\xed\xa0\x80", "\xe9", "\x92", "\xc3\x83",
        "\xc3\xa2\xe2\x82\xac", "\xc3\x83\xc2\xa9", "e\xcc\x81\xcc\xa3", "\xe1\x84\x80\xe1\x85\xa1",
        "\xc3\x83 ", "\xe2\x80\x9d", "\xef\xbf\xbd",
    };
    const char *encs[] = {NULL, "UTF-8", "windows-1252", "UTF-16LE", "GB18030", "UTF-7"};
    uint32_t x = 7;
    for (int it = 0; it < 3000; it++) {
        char buf[400];
        size_t n = 0;
        x = x * 1103515245u + 12345u;
        int k = (int)((x >> 16) % 40);
        for (int j = 0; j < k; j++) {
            x = x * 1103515245u + 12345u;
            char c = (char)(x >> 8);
            const char *p = (x >> 20) & 1 ? bits[(x >> 8) % (sizeof bits / sizeof *bits)] : &c;
            size_t l = p == &c ? 1 : strlen(p);
            if (n + l < sizeof buf) {
                memcpy(buf + n, p, l);
                n += l;
            }
        }
        wa_text_opts o = {0};
        o.encoding = encs[it % 6];
        wa_text *t = NULL;
        if (wa_text_decode(&t, buf, n, &o, NULL) != 0)
            continue; /* binary: refused */
        size_t len;
        const char *s = wa_text_data(t, &len);
        wa_text *t2 = NULL;
        cr_assert_eq(wa_text_decode(&t2, s, len, NULL, NULL), 0, "iteration %d", it);
        size_t len2;
        const char *s2 = wa_text_data(t2, &len2);
        cr_assert(len2 == len && memcmp(s, s2, len) == 0, "iteration %d (%s): \"%s\" -> \"%s\"", it,
                  o.encoding ? o.encoding : "detected", s, s2);
        wa_text_free(t2);
        wa_text_free(t);
    }
}
