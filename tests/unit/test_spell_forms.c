/* Unit tests of the word-form filter behind the close-word search: it must
 * never rule out a word Hunspell accepts, and must rule out most others. */
#include <criterion/criterion.h>
#include <hunspell/hunspell.h>
#include <string.h>
#include "samples.h"
#include "spell_internal.h"
#include "util/util.h"

#define AFF "/usr/share/hunspell/fr_FR.aff"
#define DIC "/usr/share/hunspell/fr_FR.dic"

static size_t to_cp(const char *w, int32_t *cp, size_t cap)
{
    size_t n = strlen(w), i = 0, k = 0;
    while (i < n && k < cap)
        cp[k++] = wa_utf8_next(w, n, &i);
    return k;
}

/* Calls fn(w, ctx) on every word of the sample wires (runs of letters,
 * valid UTF-8, under 100 bytes), NUL-terminated. */
static void each_sample_word(void (*fn)(const char *w, void *ctx), void *ctx)
{
    for (int k = 0; sample_wires[k]; k++) {
        char *text;
        size_t len;
        cr_assert_eq(wa_read_file(sample_wires[k], &text, &len, NULL), 0, "%s", sample_wires[k]);
        for (size_t a = 0; a < len;) {
            size_t b = a;
            while (b < len && ((unsigned char)text[b] >= 0x80 ||
                               (text[b] >= 'a' && text[b] <= 'z') ||
                               (text[b] >= 'A' && text[b] <= 'Z')))
                b++;
            if (b > a && b - a < 100 && wa_utf8_valid_prefix(text + a, b - a) == b - a) {
                char w[128];
                memcpy(w, text + a, b - a);
                w[b - a] = '\0';
                fn(w, ctx);
            }
            a = b + 1;
        }
        free(text);
    }
}

typedef struct word_check {
    sp_forms *f;
    Hunhandle *h;
    size_t words, counted;
} word_check;

/* A word Hunspell accepts passes the filter. */
static void accepted_passes(const char *w, void *ctx)
{
    word_check *c = ctx;
    int32_t cp[128];
    if (Hunspell_spell(c->h, w)) {
        c->counted++;
        cr_expect_eq(sp_forms_maybe(c->f, cp, to_cp(w, cp, 128)), 1, "%s", w);
    }
}

/* Every word of the samples that Hunspell accepts, and inflected forms made
 * by the affix rules (plurals, feminines, conjugations, unit prefixes),
 * pass the filter. */
Test(spell_forms, never_rules_out_a_dictionary_word)
{
    sp_forms *f = sp_forms_build(AFF, DIC);
    cr_assert_not_null(f);
    Hunhandle *h = Hunspell_create(AFF, DIC);
    cr_assert_not_null(h);
    static const char *const forms[] = {
        "dépendances", "mangeraient", "finissions", "internationales", "kilomètres",
        "Parisiennes", "GOUVERNEMENT", "Gouvernement", "réélus", "œuvres", "eussions",
        "mégaoctets", "centimètre", "négociatrices", "affrontements", NULL};
    int32_t cp[128];
    size_t accepted = 0;
    for (int i = 0; forms[i]; i++) {
        cr_assert_neq(Hunspell_spell(h, forms[i]), 0, "%s", forms[i]);
        cr_expect_eq(sp_forms_maybe(f, cp, to_cp(forms[i], cp, 128)), 1, "%s", forms[i]);
    }
    word_check c = {f, h, 0, 0};
    each_sample_word(accepted_passes, &c);
    accepted = c.counted;
    cr_assert_gt(accepted, 1000);
    Hunspell_destroy(h);
    sp_forms_free(f);
}

/* It rules out most one-letter edits of a word, the candidates the
 * close-word search would otherwise check with Hunspell one by one. */
Test(spell_forms, rules_out_most_non_words)
{
    sp_forms *f = sp_forms_build(AFF, DIC);
    cr_assert_not_null(f);
    const char *w = "gouvernement";
    int32_t cp[64];
    size_t n = to_cp(w, cp, 64), tried = 0, passed = 0;
    for (size_t p = 0; p < n; p++) {
        int32_t keep = cp[p];
        for (int32_t c = 'a'; c <= 'z'; c++) {
            if (c == keep)
                continue;
            cp[p] = c;
            tried++;
            passed += (size_t)sp_forms_maybe(f, cp, n);
        }
        cp[p] = keep;
    }
    cr_expect_lt(passed * 50, tried, "%zu of %zu substitutions pass", passed, tried);
    /* letters it does not know, apostrophes: never ruled out */
    n = to_cp("aujourd'xyz", cp, 64);
    cr_expect_eq(sp_forms_maybe(f, cp, n), 1);
    n = to_cp("\xce\xb1\xce\xb2", cp, 64);
    cr_expect_eq(sp_forms_maybe(f, cp, n), 1);
    sp_forms_free(f);
}

/* English: prefixes and suffixes combine; number compounds (COMPOUNDRULE)
 * hold digits, which the filter never rules out. */
Test(spell_forms, english_forms)
{
    const char *aff = "/usr/share/hunspell/en_US.aff", *dic = "/usr/share/hunspell/en_US.dic";
    sp_forms *f = sp_forms_build(aff, dic);
    cr_assert_not_null(f);
    Hunhandle *h = Hunspell_create(aff, dic);
    static const char *const forms[] = {"reconsidered", "unhappiness", "running", "lengthy",
                                        "Fights", "EVENTS", "21st", "relabeled", NULL};
    int32_t cp[64];
    for (int i = 0; forms[i]; i++) {
        cr_assert_neq(Hunspell_spell(h, forms[i]), 0, "%s", forms[i]);
        cr_expect_eq(sp_forms_maybe(f, cp, to_cp(forms[i], cp, 64)), 1, "%s", forms[i]);
    }
    cr_expect_eq(sp_forms_maybe(f, cp, to_cp("lenghty", cp, 64)), 0);
    Hunspell_destroy(h);
    sp_forms_free(f);
}

/* Words with hyphens are judged by their pieces, words with underscores
 * whole, in both dictionaries: whatever Hunspell accepts (whole forms with
 * hyphens, pieces split at hyphens, a hyphen at either end, any case)
 * passes; man-page options and C identifiers, which Hunspell takes long to
 * refuse, are ruled out. */
Test(spell_forms, hyphens_and_underscores)
{
    static const char *const dicts[][2] = {
        {AFF, DIC}, {"/usr/share/hunspell/en_US.aff", "/usr/share/hunspell/en_US.dic"}};
    static const char *const words[] = {
        "arc-en-ciel", "Arc-en-Ciel", "PEUT-ÊTRE", "peut-être", "rendez-vous", "dites-moi",
        "a-t-il", "va-t-elle", "celle-ci", "grand-mères", "porte-monnaie", "sous-marins",
        "Jean-Pierre", "-ci", "ci-", "--version", "vis-à-vis", "side-by-side", "e-mail",
        "well-known", "WELL-KNOWN", "mother-in-law", "x-ray", "self-esteem-boost",
        "porte-xyzzy", "vi-cmd-mode-string", "add-to-archive", "no-unquote", "fix--fixable",
        "UID_MIN", "no_proxy", "_", "__TIME__", "mot_de_passe", "abc-", NULL};
    const char *ruled_out[] = {"porte-xyzzy", "vi-cmd-mode-string", "UID_MIN", "no_proxy",
                               "__TIME__", NULL};
    int32_t cp[64];
    for (int d = 0; d < 2; d++) {
        sp_forms *f = sp_forms_build(dicts[d][0], dicts[d][1]);
        cr_assert_not_null(f);
        Hunhandle *h = Hunspell_create(dicts[d][0], dicts[d][1]);
        cr_assert_not_null(h);
        int accepted = 0;
        for (int i = 0; words[i]; i++) {
            int maybe = sp_forms_maybe(f, cp, to_cp(words[i], cp, 64));
            if (Hunspell_spell(h, words[i])) {
                accepted++;
                cr_expect_eq(maybe, 1, "%s (%s)", words[i], dicts[d][1]);
            }
        }
        cr_expect_gt(accepted, 10, "%s", dicts[d][1]);
        for (int i = 0; ruled_out[i]; i++)
            cr_expect_eq(sp_forms_maybe(f, cp, to_cp(ruled_out[i], cp, 64)), 0, "%s (%s)",
                         ruled_out[i], dicts[d][1]);
        Hunspell_destroy(h);
        sp_forms_free(f);
    }
}

/* A word Hunspell's analysis tags po:2pl is not ruled out; counts the
 * words ruled out. */
static void tagged_passes(const char *w, void *ctx)
{
    word_check *c = ctx;
    char **list = NULL;
    int n = Hunspell_analyze(c->h, &list, w), has = 0;
    for (int i = 0; i < n; i++)
        has |= strstr(list[i], "po:2pl") != NULL;
    Hunspell_free_list(c->h, &list, n);
    int maybe = sp_forms_second_plural_maybe(c->f, w, strlen(w));
    c->words++;
    c->counted += !maybe;
    if (has)
        cr_expect_eq(maybe, 1, "%s", w);
}

/* Whether a word can have a second-person plural reading (po:2pl), told
 * from the endings of the suffix rules so tagged: never "no" for a word
 * Hunspell's analysis tags so (checked on every word of the samples and on
 * traps), "no" for most other words; English has no such tag. */
Test(spell_forms, second_plural_endings)
{
    sp_forms *f = sp_forms_build(AFF, DIC);
    cr_assert_not_null(f);
    Hunhandle *h = Hunspell_create(AFF, DIC);
    static const char *const tagged[] = {"rappelez", "Connectez", "fîtes", "FÎTES", "êtes",
                                         "faites", "dites", "chantâtes", "seriez", NULL};
    for (int i = 0; tagged[i]; i++)
        cr_expect_eq(sp_forms_second_plural_maybe(f, tagged[i], strlen(tagged[i])), 1, "%s",
                     tagged[i]);
    static const char *const untagged[] = {"maison", "gouvernement", "président", "rapide",
                                           "arménien", NULL};
    for (int i = 0; untagged[i]; i++)
        cr_expect_eq(sp_forms_second_plural_maybe(f, untagged[i], strlen(untagged[i])), 0, "%s",
                     untagged[i]);
    word_check c = {f, h, 0, 0};
    each_sample_word(tagged_passes, &c);
    size_t words = c.words, ruled_out = c.counted;
    cr_expect_gt(ruled_out * 2, words, "%zu of %zu words ruled out", ruled_out, words);
    Hunspell_destroy(h);
    sp_forms_free(f);
    const char *aff = "/usr/share/hunspell/en_US.aff", *dic = "/usr/share/hunspell/en_US.dic";
    f = sp_forms_build(aff, dic);
    cr_assert_not_null(f);
    cr_expect_eq(sp_forms_second_plural_maybe(f, "running", 7), 0);
    sp_forms_free(f);
}

/* Dictionaries it cannot list (here: not UTF-8) give no filter. */
Test(spell_forms, unusable_dictionary_gives_none)
{
    cr_expect_null(sp_forms_build("tests/cases/dict/latin1/fr_FR.aff",
                                  "tests/cases/dict/latin1/fr_FR.dic"));
    cr_expect_null(sp_forms_build("/nonexistent.aff", "/nonexistent.dic"));
}
