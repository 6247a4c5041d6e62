/* Unit tests of the split module: the case files through the library, the
 * lossless invariant on random and adversarial input, errors, linear time. */
#define _DEFAULT_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "split_internal.h"
#include "util/util.h"
#include "wirealign.h"

#define DATA "dictionaries"

static wa_splitter *open_lang(const char *lang)
{
    wa_split_opts o = {lang, DATA, NULL, NULL};
    wa_splitter *sp = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_splitter_open(&sp, &o, &err), 0, "%s", err.message);
    return sp;
}

/* ------------------------------------------------------------ invariant */

/* Checks what wa_split promises: spans in order, non-empty, not
 * overlapping, trimmed, on code point boundaries, and covering every
 * non-space code point. Returns NULL or a description of the violation. */
static const char *check_spans(const char *s, size_t len, const wa_span *v, size_t n)
{
    static char why[200];
    size_t prev_end = 0;
    for (size_t k = 0; k < n; k++) {
        if (v[k].start >= v[k].end || v[k].end > len)
            return snprintf(why, sizeof why, "span %zu empty or out of range", k), why;
        if (v[k].start < prev_end)
            return snprintf(why, sizeof why, "span %zu overlaps or is out of order", k), why;
        size_t i = v[k].start;
        int32_t first = wa_utf8_next(s, len, &i);
        if (wa_split_is_space(first))
            return snprintf(why, sizeof why, "span %zu starts with a space", k), why;
        if (((unsigned char)s[v[k].start] & 0xC0) == 0x80 ||
            (v[k].end < len && ((unsigned char)s[v[k].end] & 0xC0) == 0x80))
            return snprintf(why, sizeof why, "span %zu cuts a character", k), why;
        size_t j = v[k].end - 1;
        while (j > v[k].start && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        size_t jj = j;
        int32_t last = wa_utf8_next(s, len, &jj);
        if (wa_split_is_space(last))
            return snprintf(why, sizeof why, "span %zu ends with a space", k), why;
        prev_end = v[k].end;
    }
    size_t k = 0, i = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = wa_utf8_next(s, len, &i);
        if (wa_split_is_space(cp))
            continue;
        while (k < n && v[k].end <= at)
            k++;
        if (k >= n || v[k].start > at)
            return snprintf(why, sizeof why, "byte %zu (non-space) is in no span", at), why;
    }
    return NULL;
}

/* ------------------------------------------------------------ case files */

typedef struct tcase {
    char *title;
    wa_buf in;
    wa_buf exp; /* expected sentences, each followed by '\n' */
} tcase;

static void unescape(wa_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] == '{' && i + 6 <= n && memcmp(s + i, "{nbsp}", 6) == 0) {
            wa_buf_add(b, "\xc2\xa0", 2);
            i += 6;
        } else if (s[i] == '{' && i + 7 <= n && memcmp(s + i, "{nnbsp}", 7) == 0) {
            wa_buf_add(b, "\xe2\x80\xaf", 3);
            i += 7;
        } else if (s[i] == '{' && i + 5 <= n && memcmp(s + i, "{tab}", 5) == 0) {
            wa_buf_addc(b, '\t');
            i += 5;
        } else {
            wa_buf_addc(b, s[i++]);
        }
    }
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Parses a case file (format at the top of tests/cases/split-fr.txt). */
static tcase *read_cases(const char *path, size_t *ncases)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    wa_buf all;
    wa_buf_init(&all);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        wa_buf_add(&all, chunk, got);
    fclose(f);
    tcase *v = NULL;
    size_t n = 0, cap = 0;
    int part = 0;
    size_t pending_blank = 0; /* blank input lines not yet known to be inner */
    for (size_t i = 0; i < all.len;) {
        size_t e = i;
        while (e < all.len && all.data[e] != '\n')
            e++;
        const char *line = all.data + i;
        size_t ln = e - i;
        i = e + 1;
        if (ln >= 4 && memcmp(line, "=== ", 4) == 0) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                v = realloc(v, cap * sizeof *v);
            }
            memset(&v[n], 0, sizeof v[n]);
            v[n].title = wa_strndup(line + 4, ln - 4);
            wa_buf_init(&v[n].in);
            wa_buf_init(&v[n].exp);
            n++;
            part = 1;
            pending_blank = 0;
            continue;
        }
        if (part == 0)
            continue;
        tcase *c = &v[n - 1];
        if (part == 1 && ln == 3 && memcmp(line, "---", 3) == 0) {
            part = 2;
            continue;
        }
        if (part == 1) {
            if (blank(line, ln)) {
                pending_blank++;
                continue;
            }
            for (; pending_blank; pending_blank--)
                wa_buf_addc(&c->in, '\n');
            unescape(&c->in, line, ln);
            wa_buf_addc(&c->in, '\n');
        } else if (!blank(line, ln)) {
            unescape(&c->exp, line, ln);
            wa_buf_addc(&c->exp, '\n');
        }
    }
    wa_buf_free(&all);
    *ncases = n;
    return v;
}

/* The sentences as `wirealign split` prints them. */
static void render(const char *s, const wa_span *v, size_t n, wa_buf *out)
{
    for (size_t k = 0; k < n; k++) {
        for (size_t i = v[k].start; i < v[k].end; i++)
            wa_buf_addc(out, s[i] == '\n' ? ' ' : s[i]);
        wa_buf_addc(out, '\n');
    }
}

/* Runs a case file through the library.  Every case must pass, except
 * those whose title starts with "[known failure]": they are run and
 * reported, and one that passes is reported so that the mark goes. */
static void run_case_file(const char *lang)
{
    char path[256];
    snprintf(path, sizeof path, "tests/cases/split-%s.txt", lang);
    size_t n;
    tcase *v = read_cases(path, &n);
    wa_splitter *sp = open_lang(lang);
    size_t fails = 0, known = 0, fixed = 0;
    for (size_t k = 0; k < n; k++) {
        wa_span *spans;
        size_t ns;
        const char *s = v[k].in.data ? v[k].in.data : "";
        cr_assert_eq(wa_split(sp, s, v[k].in.len, &spans, &ns, NULL), 0);
        const char *bad = check_spans(s, v[k].in.len, spans, ns);
        cr_expect(bad == NULL, "%s case '%s': %s", lang, v[k].title, bad);
        wa_buf got;
        wa_buf_init(&got);
        render(s, spans, ns, &got);
        int ok = got.len == v[k].exp.len && (got.len == 0 || memcmp(got.data, v[k].exp.data, got.len) == 0);
        int marked = strncmp(v[k].title, "[known failure]", 15) == 0;
        if (!ok && !marked) {
            fails++;
            cr_log_error("%s case '%s' fails\n--- input:\n%s--- expected:\n%s--- got:\n%s", lang,
                         v[k].title, s, v[k].exp.data ? v[k].exp.data : "",
                         got.data ? got.data : "");
        } else if (!ok) {
            known++;
        } else if (marked) {
            fixed++;
            cr_log_warn("%s case '%s' now passes: remove its [known failure] mark", lang,
                        v[k].title);
        }
        wa_buf_free(&got);
        wa_free(spans);
        wa_buf_free(&v[k].in);
        wa_buf_free(&v[k].exp);
        free(v[k].title);
    }
    free(v);
    wa_splitter_free(sp);
    cr_log_info("split-%s: %zu cases, %zu failing, %zu known failures", lang, n, fails, known);
    cr_expect_geq(n, strcmp(lang, "fr") == 0 ? 300 : strcmp(lang, "en") == 0 ? 150 : 20,
                  "too few %s cases", lang);
    cr_expect_eq(fails, 0, "%zu %s cases fail (see the log above)", fails, lang);
    cr_expect_eq(fixed, 0, "%zu %s cases marked [known failure] pass", fixed, lang);
}

Test(split_cases, french) { run_case_file("fr"); }
Test(split_cases, english) { run_case_file("en"); }
Test(split_cases, german) { run_case_file("de"); }

/* ------------------------------------------------------------ behaviour */

static void expect_split(wa_splitter *sp, const char *in, const char *want)
{
    wa_span *v;
    size_t n;
    cr_assert_eq(wa_split(sp, in, strlen(in), &v, &n, NULL), 0);
    wa_buf got;
    wa_buf_init(&got);
    for (size_t k = 0; k < n; k++) {
        wa_buf_add(&got, in + v[k].start, v[k].end - v[k].start);
        wa_buf_addc(&got, '|');
    }
    cr_expect_str_eq(got.data ? got.data : "", want, "input: %s", in);
    wa_buf_free(&got);
    wa_free(v);
}

Test(split, offsets_are_bytes_into_the_input)
{
    wa_splitter *sp = open_lang("fr");
    const char *s = "  «\xc2\xa0Non\xc2\xa0!\xc2\xa0» a-t-il dit.\n\nÉtape deux. ";
    wa_span *v;
    size_t n;
    cr_assert_eq(wa_split(sp, s, strlen(s), &v, &n, NULL), 0);
    cr_assert_eq(n, 2);
    cr_expect_eq(v[0].start, 2);
    cr_expect_eq(memcmp(s + v[0].start, "«", 2), 0);
    cr_expect_eq(s[v[0].end - 1], '.');
    cr_expect_eq(memcmp(s + v[1].start, "Étape", 6), 0);
    cr_expect_eq(v[1].end, strlen(s) - 1);
    wa_free(v);
    wa_splitter_free(sp);
}

Test(split, empty_and_blank_inputs_have_no_sentence)
{
    wa_splitter *sp = open_lang("fr");
    wa_span *v = (wa_span *)1;
    size_t n = 7;
    cr_assert_eq(wa_split(sp, "", 0, &v, &n, NULL), 0);
    cr_expect_eq(n, 0);
    cr_expect_null(v);
    cr_assert_eq(wa_split(sp, " \n\n\t\xc2\xa0 ", 7, &v, &n, NULL), 0);
    cr_expect_eq(n, 0);
    wa_splitter_free(sp);
}

Test(split, cjk_and_armenian_full_stops_come_from_icu)
{
    wa_splitter *sp = open_lang("fr");
    expect_split(sp, "你好。我很好。", "你好。|我很好。|");
    expect_split(sp, "Բարեւ։ Ինչպես ես։", "Բարեւ։|Ինչպես ես։|");
    /* Opening brackets go with the sentence they open. */
    expect_split(sp, "我很好。「你好。」她说。", "我很好。|「你好。」|她说。|");
    /* A chunk cut inside a long run of CJK text is no boundary. */
    wa_buf b;
    wa_buf_init(&b);
    for (int k = 0; k < 30000; k++)
        wa_buf_adds(&b, "好");
    wa_buf_adds(&b, "。");
    wa_span *v;
    size_t n;
    cr_assert_eq(wa_split(sp, b.data, b.len, &v, &n, NULL), 0);
    cr_expect_eq(n, 1);
    wa_free(v);
    wa_buf_free(&b);
    wa_splitter_free(sp);
}

Test(split, icu_suppression_words_still_end_sentences)
{
    /* fr@ss=standard would keep these together. */
    wa_splitter *sp = open_lang("fr");
    expect_split(sp, "Il a relevé ses taux. Les marchés reculent.",
                 "Il a relevé ses taux.|Les marchés reculent.|");
    expect_split(sp, "Disparus en mer. Les recherches continuent.",
                 "Disparus en mer.|Les recherches continuent.|");
    wa_splitter_free(sp);
}

static int stop_after_one(void *ctx, wa_span span)
{
    (void)span;
    int *count = ctx;
    return ++*count == 1 ? 42 : 0;
}

Test(split, each_stops_when_the_callback_says_so)
{
    wa_splitter *sp = open_lang("en");
    int count = 0;
    const char *s = "One. Two. Three.";
    cr_expect_eq(wa_split_each(sp, s, strlen(s), stop_after_one, &count, NULL), 42);
    cr_expect_eq(count, 1);
    cr_expect_eq(wa_split_each(sp, s, strlen(s), NULL, NULL, NULL), WA_EINVAL);
    wa_splitter_free(sp);
}

Test(split, invalid_utf8_does_not_fail)
{
    wa_splitter *sp = open_lang("fr");
    const char s[] = "Il pleut\xff. \xc3 Le \x80\x80 vent.\xe2\x80";
    wa_span *v;
    size_t n;
    cr_assert_eq(wa_split(sp, s, sizeof s - 1, &v, &n, NULL), 0);
    cr_expect_geq(n, 1);
    cr_expect_eq(v[n - 1].end, sizeof s - 1);
    wa_free(v);
    wa_splitter_free(sp);
}

/* ------------------------------------------------------------ set-up */

static void warn_count(void *ctx, const char *msg)
{
    (void)msg;
    ++*(int *)ctx;
}

Test(split_open, languages)
{
    wa_splitter *sp = NULL;
    wa_error err = {0};
    wa_split_opts o = {"xx", DATA, NULL, NULL};
    cr_expect_eq(wa_splitter_open(&sp, &o, &err), WA_EINVAL);
    cr_expect_null(sp);
    cr_expect(strstr(err.message, "'xx'") != NULL, "%s", err.message);
    o.lang = "french!";
    cr_expect_eq(wa_splitter_open(&sp, &o, &err), WA_EINVAL);
    int warned = 0;
    o.lang = "it"; /* no list of its own: the common list and a warning */
    o.warn = warn_count;
    o.warn_ctx = &warned;
    cr_assert_eq(wa_splitter_open(&sp, &o, &err), 0, "%s", err.message);
    cr_expect_eq(warned, 1);
    cr_expect_str_eq(wa_splitter_lang(sp), "it");
    expect_split(sp, "Il Dr. Rossi è arrivato. Poi è partito.",
                 "Il Dr. Rossi è arrivato.|Poi è partito.|");
    wa_splitter_free(sp);
    warned = 0;
    o.lang = "de";
    cr_assert_eq(wa_splitter_open(&sp, &o, &err), 0, "%s", err.message);
    cr_expect_eq(warned, 0);
    expect_split(sp, "Am 3. Oktober kam er. Das war gut.", "Am 3. Oktober kam er.|Das war gut.|");
    wa_splitter_free(sp);
    o.lang = "fr-CA";
    warned = 0;
    cr_assert_eq(wa_splitter_open(&sp, &o, &err), 0, "%s", err.message);
    cr_expect_eq(warned, 0);
    cr_expect_str_eq(wa_splitter_lang(sp), "fr");
    wa_splitter_free(sp);
    o.lang = NULL;
    cr_assert_eq(wa_splitter_open(&sp, &o, &err), 0);
    cr_expect_str_eq(wa_splitter_lang(sp), "fr");
    wa_splitter_free(sp);
}

Test(split_open, data_errors_name_the_file)
{
    wa_splitter *sp = NULL;
    wa_error err = {0};
    wa_split_opts o = {"fr", "/nonexistent-wirealign", NULL, NULL};
    cr_expect_eq(wa_splitter_open(&sp, &o, &err), WA_ENOTFOUND);
    cr_expect(strstr(err.message, "common.txt") != NULL, "%s", err.message);
    o.data_dir = NULL;
    cr_expect_eq(wa_splitter_open(&sp, &o, &err), WA_EINVAL);

    char dir[] = "/tmp/wa-split-XXXXXX";
    cr_assert(mkdtemp(dir));
    char sub[64], file[96];
    snprintf(sub, sizeof sub, "%s/abbrev", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(file, sizeof file, "%s/common.txt", sub);
    FILE *f = fopen(file, "w");
    cr_assert(f);
    fputs("# a comment\nM. title\nfoo bar\n", f);
    fclose(f);
    o.data_dir = dir;
    cr_expect_eq(wa_splitter_open(&sp, &o, &err), WA_EDATA);
    cr_expect(strstr(err.message, "common.txt:3") != NULL, "%s", err.message);
    f = fopen(file, "w");
    fputs("etc abbr\n", f);
    fclose(f);
    cr_expect_eq(wa_splitter_open(&sp, &o, &err), WA_EDATA);
    cr_expect(strstr(err.message, "common.txt:1") != NULL, "%s", err.message);
    unlink(file);
    rmdir(sub);
    rmdir(dir);
}

/* ------------------------------------------------------------ properties */

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

static void check_text(wa_splitter *sp, const char *s, size_t len)
{
    wa_span *v;
    size_t n;
    cr_assert_eq(wa_split(sp, s, len, &v, &n, NULL), 0);
    const char *bad = check_spans(s, len, v, n);
    if (bad) {
        wa_buf hex;
        wa_buf_init(&hex);
        for (size_t i = 0; i < len && i < 400; i++)
            wa_buf_printf(&hex, "%02x", (unsigned char)s[i]);
        cr_assert_fail("%s; input (%zu bytes, hex): %s", bad, len, hex.data ? hex.data : "");
    }
    wa_free(v);
}

Test(split_property, random_bytes_through_text)
{
    wa_splitter *sp = open_lang("fr");
    rng_state = 0x9E3779B97F4A7C15ull;
    char buf[600];
    int checked = 0;
    for (int it = 0; it < 3000; it++) {
        size_t len = rnd() % sizeof buf;
        /* Half the inputs lean to ASCII punctuation and UTF-8 lead bytes. */
        for (size_t i = 0; i < len; i++) {
            uint32_t r = rnd();
            if (it & 1)
                buf[i] = (char)r;
            else
                buf[i] = ". !?\n\"(»«ab A1\xc2\xa0\xe2\x80\xa6"[r % 22];
        }
        wa_text *t = NULL;
        if (wa_text_decode(&t, buf, len, NULL, NULL) != 0)
            continue;
        size_t n;
        const char *s = wa_text_data(t, &n);
        check_text(sp, s, n);
        checked++;
        wa_text_free(t);
    }
    cr_expect_gt(checked, 1000);
    wa_splitter_free(sp);
}

Test(split_property, adversarial_token_mixes)
{
    static const char *tok[] = {
        ".", "!", "?", "…", "...", "?!", "«", "»", "\xc2\xa0", "\xe2\x80\xaf", " ", " ", " ",
        "\n", "\n\n", "(", ")", "[", "]", "\"", "“", "”", "'", "’", "-", " - ", "— ", "1.",
        "6.500", "2,5 %", "18h30", "13.09.2026", "M.", "Mme", "etc.", "J.-P.", "U.S.", "G.",
        "Le", "les", "eBay", "jeudi.Les", "www.x.fr", "a@b.c", "Yahoo!", "Inc.", ":", ",", ";",
        "Il", "dit", "PARIS (AFP) - ", "MOSCOU", "(Reuters)", "• ", "- ", "12)", "taux.",
        "。", "։", "Ab", "x", "\t", "[...]", "(...)", "plan B.", "a.m.", "St.", "1er", "XIXe s.",
    };
    const size_t ntok = sizeof tok / sizeof *tok;
    for (int l = 0; l < 2; l++) {
        wa_splitter *sp = open_lang(l ? "en" : "fr");
        rng_state = 0xD1B54A32D192ED03ull + (uint64_t)l;
        wa_buf b;
        wa_buf_init(&b);
        for (int it = 0; it < 3000; it++) {
            b.len = 0;
            size_t n = rnd() % 120;
            for (size_t k = 0; k < n; k++)
                wa_buf_adds(&b, tok[rnd() % ntok]);
            check_text(sp, b.data ? b.data : "", b.len);
        }
        wa_buf_free(&b);
        wa_splitter_free(sp);
    }
}

/* ------------------------------------------------------- pathological */

static char *repeat(const char *unit, size_t total)
{
    size_t u = strlen(unit);
    char *s = malloc(total + 1);
    for (size_t i = 0; i < total; i++)
        s[i] = unit[i % u];
    s[total] = '\0';
    return s;
}

static size_t count_spans(wa_splitter *sp, const char *s, size_t len)
{
    wa_span *v;
    size_t n;
    cr_assert_eq(wa_split(sp, s, len, &v, &n, NULL), 0);
    cr_assert_null(check_spans(s, len, v, n), "%s", check_spans(s, len, v, n));
    wa_free(v);
    return n;
}

/* A long line without a period, brackets that never close and many quotes
 * split losslessly, into as many sentences as the text has.  (Their cost
 * per byte against ordinary text is `make bench`'s bench_pathological: a
 * performance figure, not a unit test.) */
Test(split_pathological, big_inputs_split_losslessly, .timeout = 120)
{
    wa_splitter *sp = open_lang("fr");
    const size_t big = 1u << 20;
    const char *unit = "Le ministre a parlé. M. Dupont (AFP) a dit « non ». Les taux montent.\n";
    size_t units = big / strlen(unit);
    char *normal = repeat(unit, units * strlen(unit));
    char *noperiod = repeat("sans point ni virgule le texte continue encore ", big);
    char *brackets = repeat("( « [ \" (", big);
    char *quotes = repeat("« Non. » a dit X. ", big);
    cr_expect_eq(count_spans(sp, normal, units * strlen(unit)), 3 * units,
                 "three sentences per line, M. is no sentence end");
    cr_expect_eq(count_spans(sp, noperiod, big), 1);
    cr_expect_geq(count_spans(sp, brackets, big), 1);
    cr_expect_geq(count_spans(sp, quotes, big), big / strlen("« Non. » a dit X. "));
    free(normal);
    free(noperiod);
    free(brackets);
    free(quotes);
    wa_splitter_free(sp);
}

/* Skipping ICU on chunks without a terminator the rules do not know must
 * not change anything: compare with ICU run everywhere. */
static void same_with_icu_everywhere(wa_splitter *sp, const char *s, size_t len)
{
    wa_span *a, *b;
    size_t na, nb;
    wa_split_icu_always(sp, 0);
    cr_assert_eq(wa_split(sp, s, len, &a, &na, NULL), 0);
    wa_split_icu_always(sp, 1);
    cr_assert_eq(wa_split(sp, s, len, &b, &nb, NULL), 0);
    wa_split_icu_always(sp, 0);
    cr_assert_eq(na, nb, "%zu vs %zu sentences for: %.*s", na, nb, (int)(len < 300 ? len : 300), s);
    for (size_t k = 0; k < na; k++)
        cr_assert(a[k].start == b[k].start && a[k].end == b[k].end,
                  "sentence %zu differs for: %.*s", k, (int)(len < 300 ? len : 300), s);
    wa_free(a);
    wa_free(b);
}

Test(split_property, icu_skip_changes_nothing)
{
    static const char *tok[] = {
        ".", "!", "?", "…", " ", " ", "\n", "\n\n", "\r", "。", "։", "।", "؟", "！", "？",
        "\xe2\x80\xa8", "\xe2\x80\xa9", "\xc2\x85", "Le", "chat", "«", "»", "(", ")", "M.",
        "你好", "Բարեւ", "नमस्ते", "\"", "1.", "A", "b",
    };
    const size_t ntok = sizeof tok / sizeof *tok;
    wa_splitter *sp = open_lang("fr");
    rng_state = 0x243F6A8885A308D3ull;
    wa_buf b;
    wa_buf_init(&b);
    for (int it = 0; it < 2000; it++) {
        b.len = 0;
        size_t n = rnd() % 80;
        for (size_t k = 0; k < n; k++)
            wa_buf_adds(&b, tok[rnd() % ntok]);
        same_with_icu_everywhere(sp, b.data ? b.data : "", b.len);
    }
    /* Chunks: a long text mixing scripts far apart. */
    b.len = 0;
    for (int k = 0; k < 20000; k++)
        wa_buf_adds(&b, k % 997 == 0 ? "你好。我很好。" : "Le vent souffle. M. Dupont part\n");
    same_with_icu_everywhere(sp, b.data, b.len);
    wa_buf_free(&b);
    const char *samples[] = {"samples/fr-reuters-ceasefire.txt", "samples/fr-afp-style.txt",
                             "samples/fr-blog-rewrite.txt"};
    for (size_t k = 0; k < 3; k++) {
        wa_text *t = NULL;
        cr_assert_eq(wa_text_read_file(&t, samples[k], NULL, NULL), 0);
        size_t len;
        const char *s = wa_text_data(t, &len);
        same_with_icu_everywhere(sp, s, len);
        wa_text_free(t);
    }
    wa_splitter_free(sp);
}
