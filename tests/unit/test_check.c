/* Unit tests of the check module: the annotated French cases with
 * precision/recall floors, each category on small texts, options, errors. */
#include <criterion/criterion.h>
#include <string.h>
#include "check_eval.h"
#include "util/util.h"

static const char *const dict_dirs[] = {"/usr/share/hunspell", NULL};

static wa_checker *open_ck(unsigned cats)
{
    wa_check_opts o = {.lang = "fr", .data_dir = "dictionaries", .dict_dirs = dict_dirs,
                       .thes_idx = "/usr/share/mythes/th_en_US_v2.idx",
                       .thes_dat = "/usr/share/mythes/th_en_US_v2.dat", .categories = cats};
    wa_checker *ck = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_checker_open(&ck, &o, &err), 0, "%s", err.message);
    return ck;
}

Test(check, annotated_cases_reach_the_floors, .timeout = 120)
{
    wa_checker *ck = open_ck(0);
    ev_score s;
    cr_assert_eq(ev_run(ck, "tests/cases/check-fr.txt", &s, stderr), 0);
    ev_print(&s, stderr);
    cr_assert_gt(s.cases, 150);
    cr_assert_geq(ev_precision(&s), 0.90, "precision %.3f", ev_precision(&s));
    cr_assert_geq(ev_recall(&s), 0.90, "recall %.3f", ev_recall(&s));
    cr_assert_geq(s.spun_found * 100, s.spun_total * 90, "spun %d/%d", s.spun_found, s.spun_total);
    cr_assert_leq(s.clean_flags * 40, s.clean_lines * 4, "%d flags on %d clean lines",
                  s.clean_flags, s.clean_lines);
    cr_assert_leq(s.sugg_wrong * 5, s.sugg_total, "%d wrong first suggestions", s.sugg_wrong);
    wa_checker_free(ck);
}

/* Checks `text` and returns the findings of one category joined as
 * "word>suggestion;word;...". */
static void run(wa_checker *ck, const char *text, int cat, char *out, size_t cap)
{
    wa_finding *f;
    size_t n;
    cr_assert_eq(wa_check(ck, text, strlen(text), &f, &n, NULL), 0);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if ((int)f[i].category != cat)
            continue;
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%.*s%s%s;", (int)(f[i].span.end - f[i].span.start),
                 text + f[i].span.start, f[i].nsuggestions ? ">" : "",
                 f[i].nsuggestions ? f[i].suggestions[0] : "");
        if (i)
            cr_assert_geq(f[i].span.start, f[i - 1].span.start, "sorted by position");
    }
    wa_findings_free(f, n);
}

Test(check, categories)
{
    wa_checker *ck = open_ck(0);
    char got[1024];
    run(ck, "Ils sont restés le lengthy de la route.", WA_CHECK_LOANWORD, got, sizeof got);
    cr_assert_str_eq(got, "lengthy>long;");
    run(ck, "Les affrontements frontaliersentre les deux pays.", WA_CHECK_GLUED, got, sizeof got);
    cr_assert_str_eq(got, "frontaliersentre>frontaliers entre;");
    run(ck, "Il a parlé dans un communiqué. un communiqué, a-t-il dit.", WA_CHECK_REPEAT, got,
        sizeof got);
    cr_assert_str_eq(got, "un communiqué;");
    run(ck, "Il a vu le le chat. Nous nous sommes vus.", WA_CHECK_REPEAT, got, sizeof got);
    cr_assert_str_eq(got, "le;");
    run(ck, "Le gouvernement a pris une décision desormais connue.", WA_CHECK_SPELLING, got,
        sizeof got);
    cr_assert_str_eq(got, "desormais>désormais;");
    run(ck, "Texte.\nclick here for restriction\nSuite.", WA_CHECK_BOILERPLATE, got, sizeof got);
    cr_assert_str_eq(got, "click here for restriction;");
    /* names, quotes and accepted anglicisms are left alone */
    run(ck, "« We will not back down », a dit Joe Biden après les midterms à Long Island.",
        WA_CHECK_LOANWORD, got, sizeof got);
    cr_assert_str_eq(got, "");
    wa_checker_free(ck);
}

/* Agreement tells from Hunspell's morphology, each with a legitimate twin. */
Test(check, agreement_rules_and_their_traps)
{
    wa_checker *ck = open_ck(0);
    char got[1024];
    static const struct {
        const char *text, *want;
    } cases[] = {
        /* an intransitive infinitive cannot follow a clitic "la" */
        {"Les soldats sont arrivés à la chopper du convoi.", "chopper"},
        {"Il veut la placer en tête.", ""},
        {"Le flipper du café a été vendu.", ""},
        /* an infinitive-only word after a determiner that is never a pronoun */
        {"Selon un observer de la mission, tout est calme.", "observer"},
        {"Ils sont venus pour l'observer de près.", ""},
        /* a count above one, or a plural determiner, before a singular-only noun */
        {"Le texte a été adopté après 14 ballot au Sénat.", "ballot"},
        {"Les raid se sont intensifiés.", "raid"},
        {"Un homme de 45 ans a été interpellé au 12 rue de la Paix.", ""},
        {"En 2024 record de chaleur, et 1,5 million d'habitants.", ""},
        {"Des crash tests et les start-up, puis l'article 49 accord.", ""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        run(ck, cases[k].text, WA_CHECK_LOANWORD, got, sizeof got);
        char word[64];
        size_t l = strcspn(got, ">;");
        snprintf(word, sizeof word, "%.*s", (int)l, got);
        cr_assert_str_eq(word, cases[k].want, "%s: got \"%s\"", cases[k].text, got);
        size_t semis = 0;
        for (const char *c = got; *c; c++)
            semis += *c == ';';
        cr_assert_eq(semis, *cases[k].want ? 1u : 0u, "%s: got \"%s\"", cases[k].text, got);
    }
    wa_checker_free(ck);
}

Test(check, only_selected_categories)
{
    wa_checker *ck = open_ck(1u << WA_CHECK_GLUED);
    char got[256];
    run(ck, "le lengthy frontaliersentre", WA_CHECK_LOANWORD, got, sizeof got);
    cr_assert_str_eq(got, "");
    run(ck, "le lengthy frontaliersentre", WA_CHECK_GLUED, got, sizeof got);
    cr_assert_str_eq(got, "frontaliersentre>frontaliers entre;");
    wa_checker_free(ck);
}

Test(check, lines_repeated_across_documents)
{
    wa_checker *ck = open_ck(1u << WA_CHECK_BOILERPLATE);
    const char *a = "Premier texte.\nAgence Zeta Presse\n", *b = "Second texte.\nAgence Zeta Presse\n";
    char got[256];
    run(ck, a, WA_CHECK_BOILERPLATE, got, sizeof got);
    cr_assert_str_eq(got, "", "one document alone: not boilerplate");
    cr_assert_eq(wa_check_learn(ck, a, strlen(a)), 0);
    cr_assert_eq(wa_check_learn(ck, b, strlen(b)), 0);
    run(ck, a, WA_CHECK_BOILERPLATE, got, sizeof got);
    cr_assert_str_eq(got, "Agence Zeta Presse;");
    wa_checker_free(ck);
}

Test(check, names_and_parse)
{
    cr_assert_str_eq(wa_check_category_name(WA_CHECK_LOANWORD), "loanword");
    cr_assert_eq(wa_check_category_parse("glued"), WA_CHECK_GLUED);
    cr_assert_eq(wa_check_category_parse("nope"), -1);
}

Test(check, bad_setup_is_an_error_naming_the_file)
{
    wa_checker *ck = NULL;
    wa_error err = {0};
    wa_check_opts o = {.lang = "fr", .data_dir = "/nonexistent", .dict_dirs = dict_dirs,
                       .thes_idx = "/usr/share/mythes/th_en_US_v2.idx",
                       .thes_dat = "/usr/share/mythes/th_en_US_v2.dat"};
    cr_assert_eq(wa_checker_open(&ck, &o, &err), WA_ENOTFOUND);
    cr_assert(strstr(err.message, "/nonexistent/"), "%s", err.message);
    o.data_dir = "dictionaries";
    o.lang = "de";
    cr_assert_eq(wa_checker_open(&ck, &o, &err), WA_EINVAL);
    o.lang = "fr";
    const char *bad[] = {"tests/cases/dict/corrupt", NULL};
    o.dict_dirs = bad;
    cr_assert_eq(wa_checker_open(&ck, &o, &err), WA_EDATA);
    cr_assert(strstr(err.message, "corrupt/fr_FR.dic"), "%s", err.message);
    o.dict_dirs = dict_dirs;
    o.thes_idx = "tests/cases/thes/garbage.idx";
    cr_assert_eq(wa_checker_open(&ck, &o, &err), WA_EDATA);
    cr_assert_null(ck);
}

/* tests/cases/check-variant.txt: every marked name variant is found with
 * its exact span (and suggestion when given), and nothing else is. */
Test(check, variant_cases, .timeout = 120)
{
    wa_checker *ck = open_ck(1u << WA_CHECK_VARIANT);
    FILE *f = fopen("tests/cases/check-variant.txt", "r");
    cr_assert_not_null(f);
    char line[4096], text[4096];
    int cases = 0, marks = 0, missed = 0, wrong_sugg = 0, extra = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        ev_expect ex[16];
        size_t nex = ev_parse(line, text, sizeof text, ex, 16);
        wa_finding *fd = NULL;
        size_t nf = 0;
        cr_assert_eq(wa_check(ck, text, strlen(text), &fd, &nf, NULL), 0);
        cases++;
        marks += (int)nex;
        for (size_t k = 0; k < nex; k++) {
            cr_assert_eq(ex[k].category, WA_CHECK_VARIANT, "bad mark in: %s", line);
            const wa_finding *m = NULL;
            for (size_t i = 0; i < nf && !m; i++)
                if (fd[i].span.start == ex[k].start && fd[i].span.end == ex[k].end)
                    m = &fd[i];
            if (!m) {
                missed++;
                fprintf(stderr, "variant miss: \"%.*s\" in: %s\n", (int)(ex[k].end - ex[k].start),
                        text + ex[k].start, text);
            } else if (ex[k].sugg[0] &&
                       (!m->nsuggestions || strcmp(m->suggestions[0], ex[k].sugg) != 0)) {
                wrong_sugg++;
                fprintf(stderr, "variant suggestion: \"%.*s\" -> %s, expected %s\n",
                        (int)(ex[k].end - ex[k].start), text + ex[k].start,
                        m->nsuggestions ? m->suggestions[0] : "(none)", ex[k].sugg);
            }
        }
        for (size_t i = 0; i < nf; i++) {
            int marked = 0;
            for (size_t k = 0; k < nex; k++)
                marked |= fd[i].span.start == ex[k].start && fd[i].span.end == ex[k].end;
            if (!marked) {
                extra++;
                fprintf(stderr, "variant false alarm: \"%.*s\" (%s) in: %s\n",
                        (int)(fd[i].span.end - fd[i].span.start), text + fd[i].span.start,
                        fd[i].message, text);
            }
        }
        wa_findings_free(fd, nf);
    }
    fclose(f);
    fprintf(stderr, "check-variant: %d cases, %d marks, %d missed, %d wrong suggestions, %d false alarms\n",
            cases, marks, missed, wrong_sugg, extra);
    cr_assert_gt(cases, 40);
    cr_assert_eq(missed, 0);
    cr_assert_eq(wrong_sugg, 0);
    cr_assert_eq(extra, 0);
    wa_checker_free(ck);
}

/* Sentence starts come from the splitter: after an abbreviation or at a
 * hard-wrapped line break a capitalized English word is a name, at a real
 * sentence start it is looked at. */
Test(check, sentence_starts_from_the_splitter)
{
    wa_checker *ck = open_ck(1u << WA_CHECK_LOANWORD);
    char got[1024];
    const char *names[] = {
        "Il a été soigné par le Dr. Brown dans la nuit.",
        "Le texte a été approuvé par le sénateur\nBrown lors du vote de mardi.",
        "Il a rencontré M. Fight dans la nuit.",
        "Selon J. Smith, le vote aura lieu.",
        "Le Pr. Green dirige le service depuis mars.",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        run(ck, names[i], WA_CHECK_LOANWORD, got, sizeof got);
        cr_expect_str_eq(got, "", "%s", names[i]);
    }
    run(ck, "Les combats ont cessé. Fight reprend dans la ville.", WA_CHECK_LOANWORD, got,
        sizeof got);
    cr_expect_str_eq(got, "Fight>combat;");
    run(ck, "Titre du jour\nFight reprend dans la ville.", WA_CHECK_LOANWORD, got, sizeof got);
    cr_expect_str_eq(got, "Fight>combat;", "a headline line ends a sentence");
    wa_checker_free(ck);
}

/* Repeats across a sentence boundary are defects only when the second copy
 * starts its sentence in lower case. */
Test(check, repeats_and_sentence_boundaries)
{
    wa_checker *ck = open_ck(1u << WA_CHECK_REPEAT);
    char got[1024];
    struct {
        const char *text, *want;
    } cases[] = {
        {"Il a parlé dans un communiqué. un communiqué, a-t-il dit.", "un communiqué;"},
        {"La réunion a eu lieu à Paris. à Paris, les manifestants ont défilé.", "à Paris;"},
        {"Nous voulons la paix. La paix est possible, a-t-il dit.", ""},
        {"Il a dit non. Non, a-t-il répété.", ""},
        {"Le vote est reporté. Le vote aura lieu en mai.", ""},
        {"Il a vu le\nle chat dans la rue, a dit le témoin.", "le;"},
        {"Il a vu le le chat. Nous nous sommes vus.", "le;"},
        {"Le texte parle de la paix, de la paix et encore de la guerre.", "de la paix;"},
        {"Titre du jour\nTitre du jour est le nom de la rubrique.", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run(ck, cases[i].text, WA_CHECK_REPEAT, got, sizeof got);
        cr_expect_str_eq(got, cases[i].want, "%s", cases[i].text);
    }
    wa_checker_free(ck);
}

/* wa_check_split with the splitter's spans gives what wa_check gives. */
Test(check, given_spans_same_findings)
{
    wa_checker *ck = open_ck(0);
    wa_split_opts so = {0};
    so.lang = "fr";
    so.data_dir = "dictionaries";
    wa_splitter *sp = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_splitter_open(&sp, &so, &err), 0, "%s", err.message);
    const char *text = "Le ministre a jugé que la scenario restait tendue. Selon le Dr. Brown, "
                       "les deux events ont repris. dans un communiqué. un communiqué, a dit "
                       "Nikol Pachinian. Pashinyan a ensuite parlé.";
    wa_span *sent;
    size_t ns;
    cr_assert_eq(wa_split(sp, text, strlen(text), &sent, &ns, &err), 0);
    wa_finding *a, *b;
    size_t na, nb;
    cr_assert_eq(wa_check(ck, text, strlen(text), &a, &na, &err), 0);
    cr_assert_eq(wa_check_split(ck, text, strlen(text), sent, ns, &b, &nb, &err), 0);
    cr_assert_geq(na, 4);
    cr_assert_eq(na, nb);
    for (size_t i = 0; i < na; i++) {
        cr_expect_eq(a[i].span.start, b[i].span.start);
        cr_expect_eq(a[i].category, b[i].category);
    }
    wa_findings_free(a, na);
    wa_findings_free(b, nb);
    wa_free(sent);
    wa_splitter_free(sp);
    wa_checker_free(ck);
}

/* Findings of one checker on a text, as "start:category;..." . */
static char *finding_list(wa_finding *f, size_t n)
{
    char *out = malloc(n * 32 + 1);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(out + len, "%zu:%d;", f[i].span.start, (int)f[i].category);
    return out;
}

/* Mentions given by the caller (report finds them once for both stages)
 * give the findings wa_check finds them for; learned lines copied from
 * another checker count as if learned directly; a shared spell cache
 * changes nothing. */
Test(check, given_mentions_learned_copies_and_shared_cache_same_findings, .timeout = 120)
{
    static const char *const files[] = {
        "samples/fr-reuters-ceasefire.txt", "samples/fr-translated-agency-wire.txt",
        "samples/fr-afp-style.txt", "samples/fr-blog-rewrite.txt",
        "samples/fr-spun-machine-translation.txt", "(variants)", NULL};
    wa_spell_share *share = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_spell_share_new(&share, &err), 0);
    wa_check_opts o = {.lang = "fr", .data_dir = "dictionaries", .dict_dirs = dict_dirs,
                       .thes_idx = "/usr/share/mythes/th_en_US_v2.idx",
                       .thes_dat = "/usr/share/mythes/th_en_US_v2.dat"};
    wa_checker *plain = open_ck(0), *teacher = NULL, *pupil = NULL;
    o.spell_share = share;
    cr_assert_eq(wa_checker_open(&teacher, &o, &err), 0, "%s", err.message);
    cr_assert_eq(wa_checker_open(&pupil, &o, &err), 0, "%s", err.message);
    wa_names_opts no = {.data_dir = "dictionaries"};
    wa_names *nm = NULL;
    cr_assert_eq(wa_names_open(&nm, &no, &err), 0, "%s", err.message);
    wa_split_opts so = {.lang = "fr", .data_dir = "dictionaries"};
    wa_splitter *sp = NULL;
    cr_assert_eq(wa_splitter_open(&sp, &so, &err), 0, "%s", err.message);
    char *text[6];
    size_t len[6];
    static const char variant_text[] =
        "Le Premier ministre arménien Nikol Pachinian a rencontré Ilham Aliev. Pachinian a "
        "déclaré que la paix était proche. Selon Pashinyan, les deux events ont repris.";
    for (int k = 0; files[k]; k++) {
        if (k == 5) {
            text[k] = malloc(sizeof variant_text);
            memcpy(text[k], variant_text, sizeof variant_text);
            len[k] = strlen(variant_text);
        } else {
            cr_assert_eq(wa_read_file(files[k], &text[k], &len[k], NULL), 0);
        }
        cr_assert_eq(wa_check_learn(plain, text[k], len[k]), 0);
        cr_assert_eq(wa_check_learn(teacher, text[k], len[k]), 0);
    }
    cr_assert_eq(wa_check_learn_from(pupil, teacher), 0);
    size_t total = 0, variants = 0;
    for (int k = 0; files[k]; k++) {
        wa_span *sent;
        size_t ns, nm_, na, nb;
        wa_mention *m;
        wa_finding *a, *b;
        cr_assert_eq(wa_split(sp, text[k], len[k], &sent, &ns, &err), 0);
        cr_assert_eq(wa_names_find(nm, text[k], len[k], sent, ns, &m, &nm_, &err), 0);
        cr_assert_eq(wa_check(plain, text[k], len[k], &a, &na, &err), 0);
        cr_assert_eq(wa_check_mentions(pupil, text[k], len[k], sent, ns, m, nm_, &b, &nb, &err),
                     0);
        char *la = finding_list(a, na), *lb = finding_list(b, nb);
        cr_expect_str_eq(la, lb, "%s", files[k]);
        total += na;
        for (size_t i = 0; i < na; i++)
            variants += a[i].category == WA_CHECK_VARIANT;
        free(la);
        free(lb);
        wa_findings_free(a, na);
        wa_findings_free(b, nb);
        wa_free(m);
        wa_free(sent);
    }
    cr_assert_gt(total, 20);
    cr_assert_gt(variants, 0);
    for (int k = 0; files[k]; k++)
        free(text[k]);
    wa_splitter_free(sp);
    wa_names_free(nm);
    wa_checker_free(plain);
    wa_checker_free(teacher);
    wa_checker_free(pupil);
    wa_spell_share_free(share);
}
