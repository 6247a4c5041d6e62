/* Fuzz target: sentence splitting (wa_split, wa_split_each) on any bytes.
 * Input: byte 0 chooses the options (bits 0-1: the language fr, en, de or
 * it; bit 2: the input is split as is, without wa_text, to exercise
 * invalid UTF-8); the rest are the wire's bytes.  Checks the lossless
 * invariant (spans in order, non-empty, not overlapping, trimmed, on
 * character boundaries, covering every non-space character) and that
 * running ICU on every chunk gives the same split. */
#include "fuzz.h"
#include "split_internal.h"

static wa_splitter *splitter(int lang)
{
    static const char *const langs[] = {"fr", "en", "de", "it"};
    static wa_splitter *pool[4];
    if (!pool[lang]) {
        wa_split_opts o = {langs[lang], fuzz_data_dir(), NULL, NULL};
        wa_error err = {0};
        FUZZ_CHECK(wa_splitter_open(&pool[lang], &o, &err) == 0, "%s", err.message);
    }
    return pool[lang];
}

/* White space as the splitter sees it, decoding like the library (an
 * invalid byte is one U+FFFD, not space). */
static int space_at(const char *s, size_t n, size_t i, size_t *next)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[i] < 0x80) {
        *next = i + 1;
        return wa_split_is_space(p[i]);
    }
    size_t len = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : p[i] >= 0xC2 ? 2 : 1;
    if (len > n - i || len == 1 || !fuzz_utf8_ok(s + i, len)) {
        *next = i + 1;
        return 0;
    }
    uint32_t cp = p[i] & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (p[i + k] & 0x3F);
    *next = i + len;
    return wa_split_is_space((int32_t)cp);
}

static void check(const char *s, size_t n, const wa_span *v, size_t nv, int valid)
{
    size_t prev = 0;
    for (size_t k = 0; k < nv; k++) {
        FUZZ_CHECK(v[k].start < v[k].end && v[k].end <= n, "span %zu [%zu,%zu) of %zu", k,
                   v[k].start, v[k].end, n);
        FUZZ_CHECK(v[k].start >= prev, "span %zu overlaps or is out of order", k);
        if (valid)
            FUZZ_CHECK(fuzz_boundary(s, n, v[k].start) && fuzz_boundary(s, n, v[k].end),
                       "span %zu cuts a character", k);
        size_t nx;
        FUZZ_CHECK(!space_at(s, n, v[k].start, &nx), "span %zu starts with a space", k);
        prev = v[k].end;
    }
    /* Every non-space character is in a span. */
    size_t k = 0, i = 0;
    while (i < n) {
        size_t nx;
        int sp = space_at(s, n, i, &nx);
        if (!sp) {
            while (k < nv && v[k].end <= i)
                k++;
            FUZZ_CHECK(k < nv && v[k].start <= i, "byte %zu (not space) is in no span", i);
        }
        i = nx;
    }
}

static int count_cb(void *ctx, wa_span span)
{
    (void)span;
    ++*(size_t *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned sel = data[0];
    wa_splitter *sp = splitter(sel & 3);
    const char *in = (const char *)data + 1;
    size_t in_len = size - 1;
    wa_text *t = NULL;
    const char *s = in;
    size_t n = in_len;
    int valid = 0;
    if (!(sel & 4)) {
        if (wa_text_decode(&t, in, in_len, NULL, NULL) != 0)
            return 0;
        s = wa_text_data(t, &n);
        valid = 1;
    }
    char *copy = fuzz_exact_copy(s, n);
    wa_span *v = NULL, *w = NULL;
    size_t nv = 0, nw = 0, counted = 0;
    wa_error err = {0};
    FUZZ_CHECK(wa_split(sp, copy, n, &v, &nv, &err) == 0, "%s", err.message);
    FUZZ_CHECK(nv == 0 || v != NULL, "no spans for count %zu", nv);
    check(copy, n, v, nv, valid);
    FUZZ_CHECK(wa_split_each(sp, copy, n, count_cb, &counted, &err) == 0, "%s", err.message);
    FUZZ_CHECK(counted == nv, "wa_split_each gave %zu sentences, wa_split %zu", counted, nv);
    wa_split_icu_always(sp, 1);
    FUZZ_CHECK(wa_split(sp, copy, n, &w, &nw, &err) == 0, "%s", err.message);
    wa_split_icu_always(sp, 0);
    FUZZ_CHECK(nw == nv, "ICU on every chunk: %zu sentences, not %zu", nw, nv);
    for (size_t k = 0; k < nv; k++)
        FUZZ_CHECK(v[k].start == w[k].start && v[k].end == w[k].end,
                   "ICU on every chunk changes sentence %zu", k);
    wa_free(v);
    wa_free(w);
    free(copy);
    wa_text_free(t);
    return 0;
}
