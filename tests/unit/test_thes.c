/* Unit tests of the thesaurus reader: a tiny file of our own, the system's
 * mythes-en-us, and bad files. */
#include <criterion/criterion.h>
#include <string.h>
#include "wirealign.h"

static wa_thesaurus *open_th(const char *idx, const char *dat)
{
    wa_thesaurus *th = NULL;
    wa_error err = {0};
    wa_thesaurus_opts o = {idx, dat};
    cr_assert_eq(wa_thesaurus_open(&th, &o, &err), 0, "%s", err.message);
    return th;
}

static int has(const wa_synonym *s, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (s[i].len == strlen(w) && memcmp(s[i].text, w, s[i].len) == 0)
            return (int)i + 1;
    return 0;
}

Test(thes, tiny_file)
{
    wa_thesaurus *th = open_th("tests/cases/thes/th_test.idx", "tests/cases/thes/th_test.dat");
    const wa_synonym *s;
    size_t n;
    cr_assert_eq(wa_thesaurus_lookup(th, "Alpha", 5, &s, &n), 0);
    cr_assert_eq(n, 3);
    cr_assert_eq(has(s, n, "first"), 1);
    cr_assert_eq(s[1].len, 1); /* "a (generic term)" -> "a", loose */
    cr_assert(s[1].loose);
    cr_assert_eq(s[2].pos, WA_POS_ADJ);
    cr_assert_eq(s[2].meaning, 1);
    cr_assert_eq(wa_thesaurus_lookup(th, "beta", 4, &s, &n), 0);
    cr_assert_eq(n, 1, "antonyms are left out");
    cr_assert_eq(wa_thesaurus_lookup(th, "gamma", 5, &s, &n), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(wa_thesaurus_lookup(th, "alph", 4, &s, &n), 0);
    cr_assert_eq(n, 0, "a prefix is not a match");
    wa_thesaurus_free(th);
}

Test(thes, mythes_en_us)
{
    wa_thesaurus *th = open_th("/usr/share/mythes/th_en_US_v2.idx",
                               "/usr/share/mythes/th_en_US_v2.dat");
    const wa_synonym *s;
    size_t n;
    cr_assert_eq(wa_thesaurus_lookup(th, "lengthy", 7, &s, &n), 0);
    cr_assert(has(s, n, "long"));
    cr_assert(has(s, n, "protracted"));
    cr_assert_eq(wa_thesaurus_lookup(th, "fight", 5, &s, &n), 0);
    cr_assert(has(s, n, "combat"));
    cr_assert_eq(wa_thesaurus_lookup(th, "level", 5, &s, &n), 0);
    cr_assert(has(s, n, "point"));
    cr_assert_eq(wa_thesaurus_lookup(th, "occasion", 8, &s, &n), 0);
    cr_assert(has(s, n, "time"));
    /* first and last entries of the index are reachable */
    cr_assert_eq(wa_thesaurus_lookup(th, "'s gravenhage", 13, &s, &n), 0);
    cr_assert_gt(n, 0);
    cr_assert_eq(wa_thesaurus_lookup(th, "zzzzzz", 6, &s, &n), 0);
    cr_assert_eq(n, 0);
    wa_thesaurus_free(th);
}

Test(thes, bad_files_name_the_file)
{
    wa_thesaurus *th = NULL;
    wa_error err = {0};
    wa_thesaurus_opts o = {"/nonexistent/th.idx", "tests/cases/thes/th_test.dat"};
    cr_assert_eq(wa_thesaurus_open(&th, &o, &err), WA_ENOTFOUND);
    cr_assert(strstr(err.message, "/nonexistent/th.idx"));
    wa_thesaurus_opts g = {"tests/cases/thes/garbage.idx", "tests/cases/thes/th_test.dat"};
    cr_assert_eq(wa_thesaurus_open(&th, &g, &err), WA_EDATA);
    cr_assert(strstr(err.message, "garbage.idx"));
    cr_assert_null(th);
}
