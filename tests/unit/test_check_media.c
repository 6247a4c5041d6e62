/* Unit tests of spun-name matching (src/check_media.c): kept words in
 * order, thesaurus and spinner swaps, split words, changed word counts,
 * "The", inflections, the best explained name, malformed spinner lines. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "check_internal.h"
#include "check_media.h"

static wa_thesaurus *th;
static wa_map *classes;
static ck_media *m;

static int add(void *c, const char *s, size_t n) { return ck_media_add(c, s, n); }
static int spin(void *c, const char *s, size_t n) { return ck_media_spin(c, s, n); }

static void setup(void)
{
    wa_thesaurus_opts o = {"/usr/share/mythes/th_en_US_v2.idx",
                           "/usr/share/mythes/th_en_US_v2.dat"};
    wa_error err = {0};
    cr_assert_eq(wa_thesaurus_open(&th, &o, &err), 0, "%s", err.message);
    cr_assert_eq(ck_classes_read("dictionaries", &classes, &err), 0, "%s", err.message);
    cr_assert_eq(ck_media_open(&m, th, classes), 0);
    cr_assert_eq(wa_read_list("dictionaries", "media-names.txt", add, m, &err), 0, "%s",
                 err.message);
    cr_assert_eq(wa_read_list("dictionaries", "spin-synonyms.txt", spin, m, &err), 0, "%s",
                 err.message);
    cr_assert_eq(ck_media_index(m), 0);
}

static void teardown(void)
{
    ck_media_free(m);
    wa_map_free(classes);
    wa_thesaurus_free(th);
}

/* Runs the words of `run` (space-separated, lower case; '+' before a word
 * marks it known, '^' odd English) and returns the name found or "". */
static const char *match(const char *run, int the_before, size_t *first, size_t *last)
{
    static char buf[256];
    ck_mword w[16];
    size_t n = 0;
    snprintf(buf, sizeof buf, "%s", run);
    for (char *p = strtok(buf, " "); p && n < 16; p = strtok(NULL, " ")) {
        int known = 0, odd = 0;
        for (; *p == '+' || *p == '^'; p++)
            known |= *p == '+', odd |= *p == '^';
        w[n++] = (ck_mword){p, strlen(p), (unsigned char)odd, (unsigned char)known, 0};
    }
    ck_mmatch mm;
    int r = ck_media_spun(m, w, n, the_before, &mm);
    cr_assert_geq(r, 0);
    if (!r)
        return "";
    if (first)
        *first = mm.first, *last = mm.last;
    return ck_media_text(m, mm.name, NULL);
}

TestSuite(check_media, .init = setup, .fini = teardown);

Test(check_media, swaps_splits_and_counts)
{
    cr_assert_str_eq(match("related press", 0, NULL, NULL), "Associated Press");
    cr_assert_str_eq(match("human rights view", 0, NULL, NULL), "Human Rights Watch");
    cr_assert_str_eq(match("save the kids", 0, NULL, NULL), "Save the Children");
    size_t a = 0, b = 0;
    /* two words for one ("with out"), an extra word before the name */
    cr_assert_str_eq(match("medical doctors with out borders", 0, &a, &b),
                     "Doctors Without Borders");
    cr_assert_eq(b, 5);
    /* words before the name (a French acronym, "Selon") are not part of it */
    cr_assert_str_eq(match("ong human rights view", 0, &a, &b), "Human Rights Watch");
    cr_assert_eq(a, 1);
    /* the name that explains most words: Financial Times, not any "X Times" */
    cr_assert_str_eq(match("monetary occasions", 0, NULL, NULL), "Financial Times");
}

Test(check_media, real_names_and_inflections_are_not_spun)
{
    cr_assert_str_eq(match("rolling stones", 0, NULL, NULL), "");
    cr_assert_str_eq(match("+human +rights +watch", 0, NULL, NULL), "");
    cr_assert_str_eq(match("new york", 0, NULL, NULL), "");
    cr_assert_str_eq(match("times square", 0, NULL, NULL), "");
    /* an arbitrary English word for a head word is not enough */
    cr_assert_str_eq(match("^evening post", 0, NULL, NULL), "");
    cr_assert_str_eq(match("daily show", 0, NULL, NULL), "");
}

/* A weak neighbour (a generic term or another sense: assist for protect, a
 * verb sense) counts for a word that is not odd English; asked first for an
 * odd one (where the aligner does not look for weak neighbours), the memo
 * must not answer "unrelated" later. */
Test(check_media, weak_neighbours_after_a_strong_only_question)
{
    cr_assert_str_eq(match("committee to ^assist journalists", 0, NULL, NULL),
                     "Committee to Protect Journalists");
    cr_assert_str_eq(match("committee to assist journalists", 0, NULL, NULL),
                     "Committee to Protect Journalists");
    cr_assert_str_eq(match("committee to banana journalists", 0, NULL, NULL), "");
}

Test(check_media, one_word_names_need_the)
{
    cr_assert_str_eq(match("protector", 1, NULL, NULL), "The Guardian");
    cr_assert_str_eq(match("protector", 0, NULL, NULL), "");
}

Test(check_media, head_words_for_unknown_titles)
{
    cr_assert_str_eq(ck_media_head_for(m, "occasions", 9), "times");
    cr_assert_str_eq(ck_media_head_for(m, "submit", 6), "post");
    cr_assert_null(ck_media_head_for(m, "card", 4));
    cr_assert_null(ck_media_head_for(m, "times", 5));
}

Test(check_media, malformed_spinner_lines)
{
    cr_assert_eq(ck_media_spin(m, "two words|x", 11), WA_EDATA);
    cr_assert_eq(ck_media_spin(m, "word|", 5), WA_EDATA);
    cr_assert_eq(ck_media_spin(m, "word", 4), WA_EDATA);
    cr_assert_eq(ck_media_spin(m, "word|sub", 8), 0);
}
