/* Unit tests of loanword suggestions: senses that fit the context (a noun
 * after a determiner, the determiner's gender and number), weak thesaurus
 * links (more general terms) left out, no suggestion rather than a wrong
 * one. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "wirealign.h"

static const char *const dict_dirs[] = {"/usr/share/hunspell", NULL};

/* The first suggestion for the loanword `word` in `text`, "" for none,
 * "-" when the word is not flagged. */
static const char *first_sugg(const char *text, const char *word)
{
    static char out[128];
    wa_check_opts o = {.lang = "fr", .data_dir = "dictionaries", .dict_dirs = dict_dirs,
                       .thes_idx = "/usr/share/mythes/th_en_US_v2.idx",
                       .thes_dat = "/usr/share/mythes/th_en_US_v2.dat",
                       .categories = 1u << WA_CHECK_LOANWORD};
    wa_checker *ck = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_checker_open(&ck, &o, &err), 0, "%s", err.message);
    wa_finding *f;
    size_t n;
    cr_assert_eq(wa_check(ck, text, strlen(text), &f, &n, NULL), 0);
    snprintf(out, sizeof out, "-");
    for (size_t i = 0; i < n; i++)
        if (f[i].span.end - f[i].span.start == strlen(word) &&
            memcmp(text + f[i].span.start, word, strlen(word)) == 0)
            snprintf(out, sizeof out, "%s", f[i].nsuggestions ? f[i].suggestions[0] : "");
    wa_findings_free(f, n);
    wa_checker_free(ck);
    return out;
}

Test(check_suggest, fitting_senses_are_suggested)
{
    cr_assert_str_eq(first_sugg("Les soldats ont campé le lengthy de la rivière.", "lengthy"), "long");
    cr_assert_str_eq(first_sugg("La threat terroriste reste élevée.", "threat"), "menace");
    /* a plural noun: its own entry lists a singular, made plural */
    cr_assert_str_eq(first_sugg("Les deux armées ont renforcé leurs troops à la frontière.", "troops"),
                     "forces");
    /* a word that is only an English verb was spun through a verb */
    cr_assert_str_eq(first_sugg("Le ministre a présenté le prepare de mesures.", "prepare"), "train");
}

Test(check_suggest, wrong_leads_give_no_suggestion)
{
    /* "long" is a verb sense of ache (to long), the context wants a noun */
    cr_assert_str_eq(first_sugg("Les prix du ache ont augmenté.", "ache"), "");
    /* "conclusion" is only a more general term of overthrow */
    cr_assert_str_eq(first_sugg("La tentative de overthrow a échoué.", "overthrow"), "");
    /* "la base" cannot stand after "le" */
    cr_assert_str_eq(first_sugg("Sur le ground, la situation se dégrade.", "ground"), "");
}
