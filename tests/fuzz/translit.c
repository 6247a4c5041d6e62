/* Fuzz target: name keys and matching (wa_translit_key, wa_translit_match,
 * wa_translit_alias) on any bytes.  Input: two names separated by the first
 * TAB (no TAB: the input against itself). */
#include "fuzz.h"

static wa_translit *handle(void)
{
    static wa_translit *t;
    if (!t) {
        wa_translit_opts o = {0};
        o.data_dir = fuzz_data_dir();
        wa_error err = {0};
        FUZZ_CHECK(wa_translit_open(&t, &o, &err) == 0, "%s", err.message);
    }
    return t;
}

static void check_key(wa_translit *t, const char *s, size_t n)
{
    char *k = NULL;
    wa_error err = {0};
    FUZZ_CHECK(wa_translit_key(t, s, n, &k, &err) == 0, "%s", err.message);
    FUZZ_CHECK(k != NULL, "no key");
    for (const char *p = k; *p; p++)
        FUZZ_CHECK((*p >= 'a' && *p <= 'z') || *p == ' ', "key byte %02x in '%s'",
                   (unsigned char)*p, k);
    FUZZ_CHECK(k[0] != ' ' && (!k[0] || k[strlen(k) - 1] != ' '), "key '%s' padded", k);
    wa_free(k);
    (void)wa_translit_alias(t, s, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wa_translit *t = handle();
    char *in = fuzz_exact_copy((const char *)data, size);
    const char *tab = memchr(in, '\t', size);
    size_t an = tab ? (size_t)(tab - in) : size;
    const char *b = tab ? tab + 1 : in;
    size_t bn = tab ? size - an - 1 : size;
    check_key(t, in, an);
    check_key(t, b, bn);
    wa_match ab, ba;
    wa_error err = {0};
    FUZZ_CHECK(wa_translit_match(t, in, an, b, bn, &ab, &err) == 0, "%s", err.message);
    FUZZ_CHECK(wa_translit_match(t, b, bn, in, an, &ba, &err) == 0, "%s", err.message);
    FUZZ_CHECK(ab.score >= 0.0 && ab.score <= 1.0, "score %f", ab.score);
    FUZZ_CHECK(ab.reason && *ab.reason, "no reason");
    FUZZ_CHECK(ab.same == (ab.score >= WA_MATCH_THRESHOLD) || !ab.same, "same below threshold");
    FUZZ_CHECK(ab.same == ba.same, "match is not symmetric");
    free(in);
    return 0;
}
