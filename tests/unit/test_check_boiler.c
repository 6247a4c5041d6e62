/* Unit tests of the boilerplate line classifier (src/check_boiler.c): cues
 * from dictionaries/boilerplate-cues.txt, quotes, reader address, counts,
 * the threshold on interface lines and on news lines, malformed cue files. */
#define _DEFAULT_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_boiler.h"
#include "check_internal.h"

static ck_boiler *open_b(void)
{
    ck_boiler *b = NULL;
    wa_error err = {0};
    cr_assert_eq(ck_boiler_open(&b, "dictionaries", &err), 0, "%s", err.message);
    return b;
}

static int score(ck_boiler *b, const char *line)
{
    wa_buf k;
    wa_buf_init(&k);
    ck_fold(line, strlen(line), &k);
    cr_assert(!k.failed);
    int sc = ck_boiler_score(b, k.data ? k.data : "", k.len, line[0] >= 'a' && line[0] <= 'z');
    wa_buf_free(&k);
    return sc;
}

Test(check_boiler, interface_lines_reach_the_threshold)
{
    ck_boiler *b = open_b();
    const char *yes[] = {"Votre inscription est confirmée : connectez-vous pour continuer.",
                         "Commentaires (7)",
                         "Copier le lien",
                         "Accepter et continuer",
                         "Activez les notifications de notre application",
                         "Sign up to our newsletter",
                         "Vous devez être abonné pour lire cet article.",
                         NULL};
    for (int i = 0; yes[i]; i++)
        cr_assert_geq(score(b, yes[i]), CK_BOILER_THRESHOLD, "%s: %d", yes[i], score(b, yes[i]));
    ck_boiler_free(b);
}

Test(check_boiler, news_lines_stay_below)
{
    ck_boiler *b = open_b();
    const char *no[] = {"Le réseau social compte 3 millions d'abonnés.",
                        "La CNIL a sanctionné le site pour ses cookies publicitaires.",
                        "« Abonnez-vous à ma chaîne », répétait l'influenceur.",
                        "Copier le modèle allemand",
                        "Le ministre n'a fait aucun commentaire.",
                        "",
                        "...",
                        NULL};
    for (int i = 0; no[i]; i++)
        cr_assert_lt(score(b, no[i]), CK_BOILER_THRESHOLD, "%s: %d", no[i], score(b, no[i]));
    ck_boiler_free(b);
}

Test(check_boiler, signals_add_up)
{
    ck_boiler *b = open_b();
    /* the reader addressed, a count, a pure label each raise the score */
    cr_assert_gt(score(b, "Vous devez accepter les cookies."),
                 score(b, "Il faut accepter les cookies."));
    cr_assert_gt(score(b, "Commentaires (12)"), score(b, "Commentaires récents du ministre"));
    cr_assert_gt(score(b, "© Agence Zeta 2024"), score(b, "Agence Zeta 2024"));
    /* a hard-wrapped sentence's tail starts in lower case */
    cr_assert_lt(score(b, "vous soyez connecté pour accéder au site"),
                 score(b, "Vous devez être connecté pour accéder au site"));
    ck_boiler_free(b);
}

Test(check_boiler, is_the_score_against_the_threshold)
{
    ck_boiler *b = open_b();
    /* ck_boiler_is() refuses lines without an interface cue or a © before
     * scoring them: it must say what the score says */
    const char *lines[] = {"Votre inscription est confirmée : connectez-vous pour continuer.",
                           "Commentaires (7)", "Copier le lien", "Copier le modèle allemand",
                           "Il a continué à afficher ses opinions.", "Afficher les commentaires",
                           "« Abonnez-vous à ma chaîne », répétait l'influenceur.",
                           "Abonnements et newsletters", "Le ministre s'est abonné au journal.",
                           "Les abonnés de la chaîne", "© Agence Zeta 2024", "Agence Zeta 2024",
                           "..., le 14 janvier. © Thomas Samson / AFP", "en savoir plus",
                           "Pour en savoir plus sur la réforme, il faudra attendre.",
                           "Sign up to our newsletter", "follow us", "", "...", NULL};
    wa_buf k;
    wa_buf_init(&k);
    int answers[2] = {0, 0}; /* lines refused, lines taken */
    for (int i = 0; lines[i]; i++)
        for (int lower = 0; lower <= 1; lower++) {
            k.len = 0;
            ck_fold(lines[i], strlen(lines[i]), &k);
            cr_assert(!k.failed);
            const char *f = k.data ? k.data : "";
            int sc = ck_boiler_score(b, f, k.len, lower);
            int is = ck_boiler_is(b, f, k.len, lower);
            cr_assert_eq(is, sc >= CK_BOILER_THRESHOLD, "%s (%d): %d", lines[i], lower, sc);
            answers[is != 0]++;
        }
    /* both answers among the lines, the interface ones and the © ones */
    cr_assert_geq(answers[0], 10);
    cr_assert_geq(answers[1], 6);
    wa_buf_free(&k);
    ck_boiler_free(b);
}

Test(check_boiler, malformed_cue_file_names_file_and_line)
{
    char dir[] = "/tmp/wa-boiler-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/boilerplate-cues.txt", dir);
    const char *bad[] = {"site 2 cookie*\nsite x newsletter\n", "site 2 cookie*\nkind 2 word\n",
                         "site 2 cookie*\nsite 2\n", "site 2 cookie*\nsite 12 abonné\n", NULL};
    for (int i = 0; bad[i]; i++) {
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f);
        fputs(bad[i], f);
        fclose(f);
        ck_boiler *b = NULL;
        wa_error err = {0};
        cr_assert_eq(ck_boiler_open(&b, dir, &err), WA_EDATA, "case %d", i);
        cr_assert_null(b);
        cr_assert(strstr(err.message, "boilerplate-cues.txt:2"), "%s", err.message);
    }
    ck_boiler *b = NULL;
    wa_error err = {0};
    remove(path);
    cr_assert_eq(ck_boiler_open(&b, dir, &err), WA_ENOTFOUND);
    rmdir(dir);
}
