/* Unit tests of the spell module: dictionary search and checks, encodings,
 * verdicts, morphology, suggestions. */
#include <criterion/criterion.h>
#include <string.h>
#include "wirealign.h"

static const char *const sys_dirs[] = {"/usr/share/hunspell", NULL};

static wa_speller *open_lang(const char *lang)
{
    wa_speller *sp = NULL;
    wa_error err = {0};
    wa_speller_opts o = {.lang = lang, .dict_dirs = sys_dirs};
    cr_assert_eq(wa_speller_open(&sp, &o, &err), 0, "%s", err.message);
    return sp;
}

static int ok(wa_speller *sp, const char *w) { return wa_spell(sp, w, strlen(w)); }

Test(spell, french_and_english_verdicts)
{
    wa_speller *fr = open_lang("fr"), *en = open_lang("en");
    cr_assert_eq(ok(fr, "situation"), 1);
    cr_assert_eq(ok(fr, "affrontements"), 1);
    cr_assert_eq(ok(fr, "Azerbaïdjan"), 1);
    cr_assert_eq(ok(fr, "lengthy"), 0);
    cr_assert_eq(ok(fr, "fight"), 0);
    cr_assert_eq(ok(en, "lengthy"), 1);
    cr_assert_eq(ok(en, "events"), 1);
    cr_assert_eq(ok(en, "situation"), 1);
    cr_assert_eq(ok(en, "affrontements"), 0);
    /* Cached answers are the same answers. */
    cr_assert_eq(ok(fr, "situation"), 1);
    cr_assert_eq(ok(fr, "lengthy"), 0);
    cr_assert_str_eq(wa_speller_lang(fr), "fr");
    cr_assert(strstr(wa_speller_dic_path(fr), "fr") != NULL);
    wa_speller_free(fr);
    wa_speller_free(en);
}

static int common(wa_speller *sp, const char *w) { return wa_spell_common_word(sp, w, strlen(w)); }

/* 2 only for a word whose every reading is a verb of the second person
 * plural: an imperative cannot start a name.  First names that are verb
 * forms of another person (marie, régis, élise) or nouns (pierre) stay 1. */
Test(spell, common_word_verdicts)
{
    wa_speller *fr = open_lang("fr"), *en = open_lang("en");
    const char *const imperative[] = {"retrouvez", "connectez", "mangez", "abonnez",
                                      "découvrez", "suivez", "cliquez", NULL};
    for (int i = 0; imperative[i]; i++)
        cr_expect_eq(common(fr, imperative[i]), 2, "%s", imperative[i]);
    const char *const plain[] = {"pierre", "marie", "régis", "élise", "olivier", "marine",
                                 "nez", "chez", "rose", "maison", NULL};
    for (int i = 0; plain[i]; i++)
        cr_expect_eq(common(fr, plain[i]), 1, "%s", plain[i]);
    cr_expect_eq(common(fr, "pashinyan"), 0);
    cr_expect_eq(common(fr, "sanchez"), 0);
    /* en_US has no morphology: known words are 1 */
    cr_expect_eq(common(en, "visit"), 1);
    cr_expect_eq(common(en, "follow"), 1);
    wa_speller_free(fr);
    wa_speller_free(en);
}

Test(spell, morphology_gives_gender)
{
    wa_speller *fr = open_lang("fr");
    unsigned m = wa_spell_morph(fr, "scenario", 8);
    cr_assert(m & WA_MORPH_NOUN);
    cr_assert(m & WA_MORPH_NOUN_MAS);
    cr_assert_not(m & WA_MORPH_NOUN_FEM);
    m = wa_spell_morph(fr, "situation", 9);
    cr_assert(m & WA_MORPH_NOUN_FEM);
    cr_assert_not(m & WA_MORPH_NOUN_MAS);
    cr_assert_eq(wa_spell_morph(fr, "xqzw", 4), 0);
    /* morph and spell share one cache entry without clobbering each other */
    cr_assert_eq(ok(fr, "scenario"), 1);
    cr_assert(wa_spell_morph(fr, "scenario", 8) & WA_MORPH_NOUN_MAS);
    wa_speller_free(fr);
}

Test(spell, morphology_gives_adjective_gender_and_verb_forms)
{
    wa_speller *fr = open_lang("fr");
    unsigned m = wa_spell_morph(fr, "sure", 4); /* sur, sure: adjective, feminine */
    cr_assert(m & WA_MORPH_ADJ_FEM);
    cr_assert_not(m & (WA_MORPH_ADJ_MAS | WA_MORPH_NOUN | WA_MORPH_VERB));
    m = wa_spell_morph(fr, "grand", 5); /* noun and adjective, masculine */
    cr_assert(m & WA_MORPH_ADJ_MAS);
    cr_assert(m & WA_MORPH_NOUN_MAS);
    cr_assert_not(m & (WA_MORPH_ADJ_FEM | WA_MORPH_NOUN_FEM));
    m = wa_spell_morph(fr, "pressure", 8); /* je pressure, il pressure: finite only */
    cr_assert(m & WA_MORPH_VERB);
    cr_assert(m & WA_MORPH_FINITE);
    cr_assert_not(m & (WA_MORPH_NONFINITE | WA_MORPH_NOUN | WA_MORPH_ADJ | WA_MORPH_OTHER));
    m = wa_spell_morph(fr, "flipper", 7); /* noun, and an infinitive */
    cr_assert(m & WA_MORPH_NONFINITE);
    cr_assert_not(m & WA_MORPH_FINITE);
    m = wa_spell_morph(fr, "entre", 5); /* a preposition, and a finite verb */
    cr_assert(m & WA_MORPH_OTHER);
    cr_assert(m & WA_MORPH_FINITE);
    wa_speller_free(fr);
}

Test(spell, morphology_gives_transitivity_and_participles)
{
    wa_speller *fr = open_lang("fr");
    /* flipper (v1_i____zz) is intransitive; placer (v1__tnq__a) takes an object */
    cr_assert_not(wa_spell_morph(fr, "flipper", 7) & WA_MORPH_TRANSITIVE);
    cr_assert(wa_spell_morph(fr, "placer", 6) & WA_MORPH_TRANSITIVE);
    cr_assert(wa_spell_morph(fr, "scanner", 7) & WA_MORPH_TRANSITIVE);
    cr_assert_not(wa_spell_morph(fr, "scenario", 8) & WA_MORPH_TRANSITIVE);
    /* an infinitive is non-finite but no participle; "placé" is a participle */
    cr_assert_not(wa_spell_morph(fr, "placer", 6) & WA_MORPH_PARTICIPLE);
    unsigned m = wa_spell_morph(fr, "placé", strlen("placé"));
    cr_assert(m & WA_MORPH_PARTICIPLE);
    cr_assert(m & WA_MORPH_NONFINITE);
    wa_speller_free(fr);
}

Test(spell, suggestions)
{
    wa_speller *fr = open_lang("fr");
    char **list;
    size_t n;
    cr_assert_eq(wa_spell_suggest(fr, "minist\xc3\xa9re", 10, &list, &n), 0);
    cr_assert_gt(n, 0);
    cr_assert_str_eq(list[0], "minist\xc3\xa8re"); /* ministére -> ministère */
    wa_spell_list_free(list, n);
    cr_assert_eq(wa_spell_suggest(fr, "desormais", 9, &list, &n), 0);
    cr_assert_gt(n, 0);
    cr_assert_str_eq(list[0], "d\xc3\xa9sormais");
    wa_spell_list_free(list, n);
    wa_speller_free(fr);
}

static char *close_word(wa_speller *sp, const char *w)
{
    char *c = NULL;
    cr_assert_eq(wa_spell_close(sp, w, strlen(w), &c), 0);
    return c;
}

/* The one close word, or none: accents first, then one edit on words of
 * five letters or more; two candidates at one level give none. */
Test(spell, close_words)
{
    wa_speller *fr = open_lang("fr");
    struct {
        const char *in, *want;
    } cases[] = {
        {"desormais", "d\xc3\xa9sormais"},          /* accents */
        {"minist\xc3\xa9re", "minist\xc3\xa8re"},   /* ministére */
        {"deja", "d\xc3\xa9j\xc3\xa0"},              /* two accents */
        {"administation", "administration"},         /* a letter left out */
        {"gouvernment", NULL},                       /* gouvernement or gouvernent */
        {"conf\xc3\xa9rrence", "conf\xc3\xa9rence"},   /* a letter doubled */
        {"parlemnet", "parlement"},                  /* two letters swapped */
        {"prsident", "pr\xc3\xa9sident"},            /* an accented letter lost */
        {"dfaut", NULL},                             /* faut or défaut: none */
        {"xqzwvk", NULL},                            /* nothing near */
        {"abc", NULL},                               /* too short for an edit */
        {"multi-architerctures", "multi-architectures"}, /* the part that is wrong */
        {"dependances-multi-architerctures", NULL}, /* two parts wrong: none */
        {"dependances", "d\xc3\xa9pendances"},    /* plural of a stem */
        {"kilometres", "kilom\xc3\xa8tres"},       /* unit prefix + plural */
        {"\xce\xb1\xce\xb2\xce\xb3\xce\xb4\xce\xb5", NULL}, /* Greek: no French misspelling */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *c = close_word(fr, cases[i].in);
        if (cases[i].want)
            cr_expect(c && strcmp(c, cases[i].want) == 0, "%s -> %s, expected %s", cases[i].in,
                      c ? c : "(none)", cases[i].want);
        else
            cr_expect_null(c, "%s -> %s, expected none", cases[i].in, c);
        wa_free(c);
    }
    /* the search does not fill the verdict cache with candidates */
    cr_assert_eq(ok(fr, "gouvernement"), 1);
    wa_speller_free(fr);
}

Test(spell, latin1_dictionary_gets_converted_words)
{
    const char *dirs[] = {"tests/cases/dict/latin1", NULL};
    wa_speller_opts o = {.lang = "fr", .dict_dirs = dirs};
    wa_speller *sp = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_speller_open(&sp, &o, &err), 0, "%s", err.message);
    cr_assert_eq(ok(sp, "caf\xc3\xa9"), 1);        /* café in UTF-8 */
    cr_assert_eq(ok(sp, "\xc3\xa9l\xc3\xa8ves"), 1); /* élèves */
    cr_assert_eq(ok(sp, "cafe"), 0);
    cr_assert_eq(ok(sp, "\xe2\x82\xac"), 0); /* € has no Latin-1 form */
    char **list;
    size_t n;
    cr_assert_eq(wa_spell_suggest(sp, "cafz", 4, &list, &n), 0);
    cr_assert_gt(n, 0);
    cr_assert_str_eq(list[0], "caf\xc3\xa9");
    wa_spell_list_free(list, n);
    cr_assert_eq(ok(sp, "chien"), 0);
    cr_assert_eq(wa_spell_add(sp, "chien", 5), 0);
    cr_assert_eq(ok(sp, "chien"), 1);
    wa_speller_free(sp);
}

static void expect_fail(const char *dir, const char *lang, int code, const char *needle)
{
    const char *dirs[] = {dir, NULL};
    wa_speller_opts o = {.lang = lang, .dict_dirs = dirs};
    wa_speller *sp = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_speller_open(&sp, &o, &err), code, "%s: %s", dir, err.message);
    cr_assert_null(sp);
    cr_assert(strstr(err.message, needle) != NULL, "'%s' lacks '%s'", err.message, needle);
}

Test(spell, bad_dictionaries_are_errors_naming_the_file)
{
    expect_fail("tests/cases/dict/corrupt", "fr", WA_EDATA, "corrupt/fr_FR.dic");
    expect_fail("tests/cases/dict/noaff", "fr", WA_ENOTFOUND, "noaff/fr_FR.aff");
    expect_fail("tests/cases/dict/binaryaff", "fr", WA_EDATA, "binaryaff/fr_FR.aff");
    expect_fail("/nonexistent/dicts", "fr", WA_ENOTFOUND, "/nonexistent/dicts");
    expect_fail("/usr/share/hunspell", "de", WA_EINVAL, "'de'");
}

#include <pthread.h>

/* Words checked by the threads of spell_share_threads: dictionary words,
 * inflected forms, English, misspellings, names. */
static const char *const share_words[] = {
    "situation", "affrontements", "lengthy", "fight", "dependances", "d\xc3\xa9pendances",
    "administation", "parlemnet", "Azerba\xc3\xaf" "djan", "GOUVERNEMENT", "kilometres", "xqzwvk",
    "porte-parole", "multi-architerctures", "events", "ceasefire", "mangeraient", NULL};

typedef struct share_run {
    wa_spell_share *share;
    int verdict[32];
    unsigned morph[32];
    char *close[32];
} share_run;

static void *share_thread(void *arg)
{
    share_run *r = arg;
    wa_speller *sp = NULL;
    wa_error err = {0};
    wa_speller_opts o = {.lang = "fr", .dict_dirs = sys_dirs, .share = r->share};
    if (wa_speller_open(&sp, &o, &err) != 0)
        return NULL;
    for (int round = 0; round < 3; round++)
        for (int i = 0; share_words[i]; i++) {
            const char *w = share_words[i];
            r->verdict[i] = wa_spell(sp, w, strlen(w));
            r->morph[i] = wa_spell_morph(sp, w, strlen(w));
            wa_free(r->close[i]);
            r->close[i] = NULL;
            wa_spell_close(sp, w, strlen(w), &r->close[i]);
        }
    wa_speller_free(sp);
    return NULL;
}

/* Spellers of two threads sharing their caches give what a speller alone
 * gives. */
Test(spell, spell_share_threads)
{
    share_run alone = {0}, t[2] = {{0}, {0}};
    share_thread(&alone);
    wa_spell_share *sh = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_spell_share_new(&sh, &err), 0);
    pthread_t tid[2];
    for (int k = 0; k < 2; k++) {
        t[k].share = sh;
        cr_assert_eq(pthread_create(&tid[k], NULL, share_thread, &t[k]), 0);
    }
    for (int k = 0; k < 2; k++)
        pthread_join(tid[k], NULL);
    int found = 0;
    for (int i = 0; share_words[i]; i++)
        for (int k = 0; k < 2; k++) {
            cr_expect_eq(t[k].verdict[i], alone.verdict[i], "%s", share_words[i]);
            cr_expect_eq(t[k].morph[i], alone.morph[i], "%s", share_words[i]);
            cr_expect((!t[k].close[i] && !alone.close[i]) ||
                          (t[k].close[i] && alone.close[i] &&
                           strcmp(t[k].close[i], alone.close[i]) == 0),
                      "%s: %s / %s", share_words[i], t[k].close[i] ? t[k].close[i] : "-",
                      alone.close[i] ? alone.close[i] : "-");
            found += t[k].close[i] != NULL;
        }
    cr_assert_gt(found, 4);
    for (int i = 0; share_words[i]; i++) {
        wa_free(alone.close[i]);
        for (int k = 0; k < 2; k++)
            wa_free(t[k].close[i]);
    }
    wa_spell_share_free(sh);
}
