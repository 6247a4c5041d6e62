/* Fuzz target: the proofreader (wa_check) on valid UTF-8 (the input when it
 * is, else what wa_text_decode makes of it), French or English (byte 0,
 * bit 0), with the system's Hunspell dictionaries and thesaurus.  Checks:
 * findings sorted by position, spans inside the text on character
 * boundaries, known categories, one-line UTF-8 messages and suggestions. */
#include "fuzz.h"

static wa_checker *checkers[2];
static unsigned long runs;

static const char *env_or(const char *name, const char *def)
{
    const char *v = getenv(name);
    return v && *v ? v : def;
}

static void open_checker(unsigned li)
{
    static const char *dicts[3];
    dicts[0] = env_or("WA_FUZZ_DICT", "/usr/share/hunspell");
    wa_check_opts o = {0};
    o.lang = li ? "en" : "fr";
    o.data_dir = fuzz_data_dir();
    o.dict_dirs = dicts;
    o.thes_idx = env_or("WA_FUZZ_THES_IDX", "/usr/share/mythes/th_en_US_v2.idx");
    o.thes_dat = env_or("WA_FUZZ_THES_DAT", "/usr/share/mythes/th_en_US_v2.dat");
    wa_error err;
    FUZZ_CHECK(wa_checker_open(&checkers[li], &o, &err) == 0, "open: %s", err.message);
}

/* Opening a checker takes seconds under the sanitizers: do it before the
 * first input, outside libFuzzer's per-input time limit. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    open_checker(0);
    open_checker(1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 32768)
        return 0;
    unsigned li = data[0] & 1;
    wa_error err;
    /* The verdict caches grow with every new word: start afresh now and
     * then so that memory stays bounded over a long run. */
    if (++runs % 20000 == 0)
        for (int k = 0; k < 2; k++) {
            wa_checker_free(checkers[k]);
            checkers[k] = NULL;
        }
    if (!checkers[li])
        open_checker(li);
    size_t len;
    char *s = fuzz_utf8_input(data + 1, size - 1, &len);
    if (!s)
        return 0;
    wa_finding *f = NULL;
    size_t n = 0;
    int rc = wa_check(checkers[li], s, len, &f, &n, &err);
    FUZZ_CHECK(rc == 0, "wa_check: %d %s", rc, err.message);
    FUZZ_CHECK(n == 0 || f != NULL, "NULL findings with count %zu", n);
    size_t prev = 0;
    for (size_t k = 0; k < n; k++) {
        size_t a = f[k].span.start, b = f[k].span.end;
        FUZZ_CHECK(a <= b && b <= len, "finding %zu [%zu,%zu) past %zu", k, a, b, len);
        FUZZ_CHECK(a >= prev, "finding %zu at %zu before the one before (%zu)", k, a, prev);
        FUZZ_CHECK(fuzz_boundary(s, len, a) && fuzz_boundary(s, len, b),
                   "finding %zu [%zu,%zu) splits a character", k, a, b);
        FUZZ_CHECK((unsigned)f[k].category < WA_CHECK_NCATEGORIES, "finding %zu: category %d",
                   k, (int)f[k].category);
        FUZZ_CHECK(wa_check_category_name(f[k].category) != NULL, "no category name");
        FUZZ_CHECK(f[k].message && *f[k].message && !strchr(f[k].message, '\n') &&
                       fuzz_utf8_ok(f[k].message, strlen(f[k].message)),
                   "finding %zu: message empty, not one line or not UTF-8", k);
        FUZZ_CHECK(f[k].nsuggestions == 0 || f[k].suggestions, "NULL suggestions");
        for (size_t j = 0; j < f[k].nsuggestions; j++)
            FUZZ_CHECK(f[k].suggestions[j] &&
                           fuzz_utf8_ok(f[k].suggestions[j], strlen(f[k].suggestions[j])),
                       "finding %zu: suggestion %zu NULL or not UTF-8", k, j);
        prev = a;
    }
    wa_findings_free(f, n);
    free(s);
    return 0;
}
