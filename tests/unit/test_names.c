/* Unit tests of the names module: mentions, clustering scored with B-cubed
 * on tests/cases/names-docs/, exact merge of sharded tables, formats. */
#define _DEFAULT_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "names_internal.h"
#include "wirealign.h"

#define DATA "dictionaries"
#define DOCS "tests/cases/names-docs"

/* The gold documents: tests/cases/names-docs, or the folder in
 * WA_NAMES_DOCS (to score another set by hand:
 * WA_NAMES_DOCS=DIR build/unit-tests --filter 'names/bcubed*'). */
static const char *docs_dir(void)
{
    const char *d = getenv("WA_NAMES_DOCS");
    return d && *d ? d : DOCS;
}
#define MIN_BCUBED_F1 0.95

static wa_names *open_names(const char *prefer, int keep)
{
    wa_names_opts o = {0};
    o.data_dir = DATA;
    o.prefer = prefer;
    o.keep_mentions = keep;
    wa_names *nm = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_names_open(&nm, &o, &err), 0, "%s", err.message);
    return nm;
}

static wa_splitter *open_split(void)
{
    wa_split_opts o = {0};
    o.lang = "fr";
    o.data_dir = DATA;
    wa_splitter *sp = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_splitter_open(&sp, &o, &err), 0, "%s", err.message);
    return sp;
}

static void add_text(wa_names *nm, wa_splitter *sp, const char *doc, const char *s, size_t n)
{
    wa_span *sent = NULL;
    size_t ns = 0;
    wa_error err = {0};
    cr_assert_eq(wa_split(sp, s, n, &sent, &ns, &err), 0, "%s", err.message);
    cr_assert_eq(wa_names_add_text(nm, doc, s, n, sent, ns, &err), 0, "%s", err.message);
    wa_free(sent);
}

static char *table(wa_names *nm, int format)
{
    wa_error err = {0};
    cr_assert_eq(wa_names_cluster(nm, &err), 0, "%s", err.message);
    char *out = NULL;
    size_t len = 0;
    cr_assert_eq(wa_names_write(nm, format, &out, &len, &err), 0, "%s", err.message);
    cr_assert_eq(strlen(out), len);
    return out;
}

/* The mentions of a text, as "form|form|..." . */
static char *mentions(wa_names *nm, const char *s)
{
    wa_mention *m = NULL;
    size_t n = 0;
    wa_error err = {0};
    cr_assert_eq(wa_names_find(nm, s, strlen(s), NULL, 0, &m, &n, &err), 0, "%s",
                 err.message);
    static char buf[2048];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        cr_assert(m[i].span.end <= strlen(s) && m[i].span.start < m[i].span.end);
        size_t l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%.*s", i ? "|" : "",
                 (int)(m[i].span.end - m[i].span.start), s + m[i].span.start);
    }
    wa_free(m);
    return buf;
}

/* A tiny dictionary standing in for Hunspell. */
static int pretend_dictionary(void *ctx, const char *w, size_t n)
{
    (void)ctx;
    static const char *const words[] = {"pierre", "marine", "maison", "blanche", "selon",
                                        "le", NULL};
    for (int k = 0; words[k]; k++)
        if (strlen(words[k]) == n && !memcmp(words[k], w, n))
            return 1;
    return 0;
}

Test(names, mentions_strip_titles_articles_common_words)
{
    wa_names *nm = open_names(NULL, 0);
    cr_expect_str_eq(mentions(nm, "Le Premier ministre arménien Nikol Pachinian a appelé "
                                  "Bakou et l'Azerbaïdjan."),
                     "Nikol Pachinian|Bakou|Azerbaïdjan");
    cr_expect_str_eq(mentions(nm, "Selon le ministre de la Défense Sergueï Choïgou, "
                                  "d’Erevan à Moscou."),
                     "Sergueï Choïgou|Erevan|Moscou");
    cr_expect_str_eq(mentions(nm, "Russian Defence Minister Sergei Shoigu met Putin's aide "
                                  "in the Soudan du Sud with Ursula von der Leyen."),
                     "Sergei Shoigu|Putin|Soudan du Sud|Ursula von der Leyen");
    cr_expect_str_eq(mentions(nm, "La Russie a négocié. Mais Bachar al-Assad refuse. "
                                  "Le Conseil de sécurité se réunit."),
                     "Russie|Bachar al-Assad");
    cr_expect_str_eq(mentions(nm, "M. Poutine a reçu V. Orban au Kremlin."),
                     "Poutine|V. Orban|Kremlin");
    cr_expect_str_eq(mentions(nm, "Pas de nom ici, 2021 et 6.500 morts."), "");
    /* A first name that is also a word stays when a name follows it; a
     * function word never does. */
    wa_names *sp = NULL;
    wa_names_opts so = {0};
    so.data_dir = DATA;
    so.is_common_word = pretend_dictionary;
    wa_error e2 = {0};
    cr_assert_eq(wa_names_open(&sp, &so, &e2), 0, "%s", e2.message);
    cr_expect_str_eq(mentions(sp, "Pierre Moscovici a parlé. Marine Le Pen aussi. Selon "
                                  "Reuters, Maison Blanche. Pierre a dit."),
                     "Pierre Moscovici|Marine Le Pen|Reuters");
    wa_names_free(sp);
    /* With the French dictionary: an imperative before a name goes, even
     * hyphenated (web boilerplate: "Connectez-vous", "Retrouvez"); a first
     * name that is a noun or another verb form stays. */
    wa_speller *fr = NULL;
    static const char *const dirs[] = {"/usr/share/hunspell", NULL};
    wa_speller_opts fo = {.lang = "fr", .dict_dirs = dirs};
    cr_assert_eq(wa_speller_open(&fr, &fo, &e2), 0, "%s", e2.message);
    so.is_common_word = wa_spell_common_word;
    so.common_ctx = fr;
    cr_assert_eq(wa_names_open(&sp, &so, &e2), 0, "%s", e2.message);
    cr_expect_str_eq(mentions(sp, "Retrouvez Emmanuel Macron ce soir. Connectez-vous Arménie "
                                  "et Azerbaïdjan. Abonnez-vous Nikol Pashinyan. Son type "
                                  "Connectez-vous Erevan affirme. À Bakou Connectez-vous "
                                  "Nikol Pachinian."),
                     "Emmanuel Macron|Arménie|Azerbaïdjan|Nikol Pashinyan|Erevan|Bakou|"
                     "Nikol Pachinian");
    /* A subject pronoun cuts a run too (a lost sentence end), but not an
     * acronym written in capitals (US Army) nor Le in a surname. */
    cr_expect_str_eq(mentions(sp, "Dans l’Artsakh. Chloé Il ne s’agit pas. Nikol Pachinian Elle "
                                  "a dit. Marine Le Pen et la US Army."),
                     "Artsakh|Chloé|Nikol Pachinian|Marine Le Pen|US Army");
    cr_expect_str_eq(mentions(sp, "Marie Dupont est venue. Régis Debray aussi. Pierre "
                                  "Moscovici a parlé. Jean-Pierre Raffarin et Haut-Karabakh."),
                     "Marie Dupont|Régis Debray|Pierre Moscovici|Jean-Pierre Raffarin|"
                     "Haut-Karabakh");
    wa_names_free(sp);
    wa_speller_free(fr);
    /* Alias forms with lower-case words are read whole. */
    cr_expect_str_eq(mentions(nm, "L'Union européenne et l'Arabie saoudite saluent la "
                                  "Côte d’Ivoire. Les Nations unies aussi."),
                     "Union européenne|Arabie saoudite|Côte d’Ivoire|Nations unies");
    /* ... with a typographic apostrophe before their last word too, in a
     * form of several words (the table writes "l'Atlantique"). */
    cr_expect_str_eq(mentions(nm, "Selon l’Organisation du traité de l’Atlantique nord, "
                                  "l'Agence internationale de l’énergie atomique attend."),
                     "Organisation du traité de l’Atlantique nord|"
                     "Agence internationale de l’énergie atomique");
    wa_names_free(nm);
}

Test(names, mentions_kept_with_entities)
{
    wa_names *nm = open_names(NULL, 1);
    const char *a = "Nikol Pachinian a parlé. Pachinian a insisté.";
    const char *b = "Nikol Pashinyan spoke in Yerevan.";
    wa_error err = {0};
    cr_assert_eq(wa_names_add_text(nm, "a", a, strlen(a), NULL, 0, &err), 0);
    cr_assert_eq(wa_names_add_text(nm, "b", b, strlen(b), NULL, 0, &err), 0);
    cr_assert_eq(wa_names_cluster(nm, &err), 0);
    const wa_mention *m;
    size_t n;
    cr_assert_eq(wa_names_mentions(nm, "a", &m, &n), 0);
    cr_assert_eq(n, 2);
    cr_expect_eq(m[0].span.start, 0);
    cr_expect_eq(m[1].span.start, strlen("Nikol Pachinian a parlé. "));
    cr_expect_neq(m[0].entity, 0);
    cr_expect_eq(m[0].entity, m[1].entity);
    size_t e = wa_names_entity_of(nm, "b", "Nikol  Pashinyan", 16);
    cr_expect_eq(e, m[0].entity);
    cr_expect_neq(wa_names_entity_of(nm, "b", "Yerevan", 7), e);
    cr_expect_eq(wa_names_entity_of(nm, "a", "Yerevan", 7), 0);
    cr_expect_str_eq(wa_names_canonical(nm, e), "Nikol Pachinian");
    cr_expect_eq(wa_names_mentions(nm, "zzz", &m, &n), WA_ENOTFOUND);
    wa_names_free(nm);
}

/* Adds counted forms ("DOC|FORM|COUNT" rows) and clusters. */
typedef struct counted {
    const char *doc, *form;
    unsigned long count;
} counted;

static void add_counted(wa_names *nm, const counted *rows, size_t n)
{
    wa_error err = {0};
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(wa_names_add(nm, rows[i].doc, rows[i].form, strlen(rows[i].form),
                                  rows[i].count, &err), 0, "%s", err.message);
    cr_assert_eq(wa_names_cluster(nm, &err), 0, "%s", err.message);
}

/* A lone word joins the only full name it matches in documents without
 * that name, unless it is far more frequent alone (over ten times) than
 * the full names it matches: then it is an entity of its own. */
Test(names, lone_word_far_more_frequent_stays_itself)
{
    wa_names *nm = open_names(NULL, 0);
    const counted rows[] = {{"d1", "Nostress Media Ltd Erevan", 1}, {"d2", "Erevan", 7},
                            {"d3", "Erevan", 5},  {"d4", "Nikol Pashinyan", 1},
                            {"d5", "Pashinyan", 3}};
    add_counted(nm, rows, sizeof rows / sizeof *rows);
    cr_expect_neq(wa_names_entity_of(nm, "d2", "Erevan", 6),
                  wa_names_entity_of(nm, "d1", "Nostress Media Ltd Erevan", 25), "12 > 10 x 1");
    cr_expect_eq(wa_names_entity_of(nm, "d5", "Pashinyan", 9),
                 wa_names_entity_of(nm, "d4", "Nikol Pashinyan", 15), "3 <= 10 x 1");
    wa_names_free(nm);
}

Test(names, surname_alone_goes_to_the_person_of_its_document)
{
    wa_names *nm = open_names(NULL, 0);
    const counted rows[] = {{"d1", "Heydar Aliyev", 2}, {"d1", "Aliyev", 3},
                            {"d2", "Ilham Aliyev", 1},  {"d2", "Aliyev", 1},
                            {"d3", "Aliyev", 1}};
    add_counted(nm, rows, sizeof rows / sizeof *rows);
    size_t h = wa_names_entity_of(nm, "d1", "Heydar Aliyev", 13);
    size_t i = wa_names_entity_of(nm, "d2", "Ilham Aliyev", 12);
    cr_expect_neq(h, i);
    cr_expect_eq(wa_names_entity_of(nm, "d1", "Aliyev", 6), h);
    cr_expect_eq(wa_names_entity_of(nm, "d2", "Aliyev", 6), i);
    size_t lone = wa_names_entity_of(nm, "d3", "Aliyev", 6);
    cr_expect(lone != h && lone != i && lone != 0, "no person of that name in d3");
    cr_expect_eq(wa_names_entity_count(nm), 3);
    wa_names_free(nm);
}

Test(names, canonical_prefers_language_on_ties)
{
    const char *prefs[] = {"en", "fr"};
    const char *want[] = {"Sergei Shoigu", "Sergueï Choïgou"};
    for (int k = 0; k < 2; k++) {
        wa_names *nm = open_names(prefs[k], 0);
        wa_error err = {0};
        cr_assert_eq(wa_names_add(nm, "x", "Sergueï Choïgou", strlen("Sergueï Choïgou"), 2, &err), 0);
        cr_assert_eq(wa_names_add(nm, "y", "Sergei Shoigu", 13, 2, &err), 0);
        cr_assert_eq(wa_names_add(nm, "y", "Shoigu", 6, 9, &err), 0);
        cr_assert_eq(wa_names_cluster(nm, &err), 0);
        cr_assert_eq(wa_names_entity_count(nm), 1);
        cr_expect_str_eq(wa_names_canonical(nm, 1), want[k]);
        wa_names_free(nm);
    }
    wa_names_opts o = {0};
    o.data_dir = DATA;
    o.prefer = "de";
    wa_names *nm = NULL;
    wa_error err = {0};
    cr_expect_eq(wa_names_open(&nm, &o, &err), WA_EINVAL);
}

/* ---- documents with gold entities ---- */

typedef struct gold {
    char *doc;
    size_t start, end;
    char ent[64];
} gold;

/* Reads a document, removes [[text|ENTITY]] markup, records gold spans. */
static char *read_doc(const char *path, const char *doc, gold *g, size_t *ng, size_t cap)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    static char raw[65536];
    size_t n = fread(raw, 1, sizeof raw - 1, f);
    fclose(f);
    raw[n] = '\0';
    char *out = malloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (raw[i] == '[' && raw[i + 1] == '[') {
            char *bar = strchr(raw + i, '|'), *close = strstr(raw + i, "]]");
            cr_assert(bar && close && bar < close, "%s: bad markup at %zu", path, i);
            cr_assert(*ng < cap);
            gold *x = &g[(*ng)++];
            x->doc = strdup(doc);
            x->start = o;
            memcpy(out + o, raw + i + 2, (size_t)(bar - raw - i - 2));
            o += (size_t)(bar - raw - i - 2);
            x->end = o;
            snprintf(x->ent, sizeof x->ent, "%.*s", (int)(close - bar - 1), bar + 1);
            i = (size_t)(close - raw) + 2;
        } else {
            out[o++] = raw[i++];
        }
    }
    out[o] = '\0';
    return out;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t list_docs(char **names, size_t cap)
{
    DIR *d = opendir(docs_dir());
    cr_assert_not_null(d, "cannot open %s", docs_dir());
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strlen(e->d_name) > 4 && !strcmp(e->d_name + strlen(e->d_name) - 4, ".txt") && n < cap)
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    return n;
}

Test(names, bcubed_on_gold_documents)
{
    char *files[64];
    size_t nf = list_docs(files, 64);
    cr_assert_geq(nf, 10);
    static gold g[2048];
    size_t ng = 0;
    wa_names *nm = open_names(NULL, 1);
    wa_splitter *sp = open_split();
    for (size_t k = 0; k < nf; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", docs_dir(), files[k]);
        char *text = read_doc(path, files[k], g, &ng, 2048);
        add_text(nm, sp, files[k], text, strlen(text));
        free(text);
    }
    wa_error err = {0};
    cr_assert_eq(wa_names_cluster(nm, &err), 0, "%s", err.message);
    /* System entity of each gold mention: the kept mention with its span;
     * none gives a fresh entity of its own. */
    size_t *sys = calloc(ng, sizeof *sys);
    size_t fresh = (size_t)1 << 40, missing = 0;
    char report[8192] = "";
    for (size_t i = 0; i < ng; i++) {
        const wa_mention *m;
        size_t n;
        cr_assert_eq(wa_names_mentions(nm, g[i].doc, &m, &n), 0);
        sys[i] = fresh++;
        for (size_t j = 0; j < n; j++)
            if (m[j].span.start == g[i].start && m[j].span.end == g[i].end)
                sys[i] = m[j].entity;
        if (sys[i] >= ((size_t)1 << 40)) {
            missing++;
            size_t l = strlen(report);
            snprintf(report + l, sizeof report - l, "  not found: %s %zu-%zu (%s)\n", g[i].doc,
                     g[i].start, g[i].end, g[i].ent);
        }
    }
    double P = 0, R = 0;
    for (size_t i = 0; i < ng; i++) {
        size_t same_sys = 0, same_gold = 0, both = 0;
        for (size_t j = 0; j < ng; j++) {
            int s = sys[i] == sys[j], gg = !strcmp(g[i].ent, g[j].ent);
            same_sys += s;
            same_gold += gg;
            both += s && gg;
        }
        P += (double)both / (double)same_sys;
        R += (double)both / (double)same_gold;
        if (both != same_sys || both != same_gold) {
            size_t l = strlen(report);
            if (l < sizeof report - 200)
                snprintf(report + l, sizeof report - l,
                         "  %s %zu-%zu gold %s: system entity %zu holds %zu, gold %zu, both %zu\n",
                         g[i].doc, g[i].start, g[i].end, g[i].ent, sys[i] < fresh ? sys[i] : 0,
                         same_sys, same_gold, both);
        }
    }
    P /= (double)ng;
    R /= (double)ng;
    double F = 2 * P * R / (P + R);
    fprintf(stderr, "names B-cubed: %zu gold mentions in %zu documents, %zu not found; "
                    "P %.3f R %.3f F1 %.3f\n%s",
            ng, nf, missing, P, R, F, report);
    cr_expect_geq(F, MIN_BCUBED_F1, "B-cubed F1 %.3f:\n%s", F, report);
    cr_expect_gt(ng, 150);
    free(sys);
    for (size_t i = 0; i < ng; i++)
        free(g[i].doc);
    for (size_t k = 0; k < nf; k++)
        free(files[k]);
    wa_splitter_free(sp);
    wa_names_free(nm);
}

/* ---- merging ---- */

/* Feeds nm the documents picked, unclustered. */
static void feed(wa_names *nm, char **files, const size_t *pick, size_t npick)
{
    wa_splitter *sp = open_split();
    static gold g[2048];
    for (size_t k = 0; k < npick; k++) {
        char path[512];
        size_t ng = 0;
        snprintf(path, sizeof path, "%s/%s", docs_dir(), files[pick[k]]);
        char *text = read_doc(path, files[pick[k]], g, &ng, 2048);
        add_text(nm, sp, files[pick[k]], text, strlen(text));
        for (size_t i = 0; i < ng; i++)
            free(g[i].doc);
        free(text);
    }
    wa_splitter_free(sp);
}

/* A handle fed the documents picked, unclustered. */
static wa_names *shard(char **files, const size_t *pick, size_t npick)
{
    wa_names *nm = open_names(NULL, 0);
    feed(nm, files, pick, npick);
    return nm;
}

static char *run_docs(char **files, size_t nf, const size_t *pick, size_t npick)
{
    (void)nf;
    wa_names *nm = shard(files, pick, npick);
    char *t = table(nm, WA_NAMES_TSV);
    wa_names_free(nm);
    return t;
}

static char *merge(char **tables, size_t n)
{
    wa_names *nm = open_names(NULL, 0);
    wa_error err = {0};
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(wa_names_add_table(nm, tables[i], strlen(tables[i]), "t", &err), 0, "%s",
                     err.message);
    char *t = table(nm, WA_NAMES_TSV);
    wa_names_free(nm);
    return t;
}

/* A handle on a borrowed name-key handle (wa_names_opts.translit) gives
 * the table of a handle with its own, whether the lender has already
 * transliterated the names or not; it does not free what it borrowed. */
Test(names, borrowed_translit_equals_own)
{
    char *files[64];
    size_t nf = list_docs(files, 64);
    size_t all[64];
    for (size_t k = 0; k < nf; k++)
        all[k] = k;
    char *own = run_docs(files, nf, all, nf);
    for (int warm = 0; warm < 2; warm++) {
        wa_names *lender = warm ? shard(files, all, nf) : open_names(NULL, 0);
        wa_names_opts o = {0};
        o.data_dir = DATA;
        o.translit = wa_names_translit(lender);
        wa_names *nm = NULL;
        wa_error err = {0};
        cr_assert_eq(wa_names_open(&nm, &o, &err), 0, "%s", err.message);
        cr_assert_eq(wa_names_translit(nm), o.translit);
        feed(nm, files, all, nf);
        char *t = table(nm, WA_NAMES_TSV);
        cr_expect_str_eq(t, own, "borrowed name keys (lender warm: %d) differ", warm);
        wa_free(t);
        wa_names_free(nm);
        cr_assert_geq(wa_translit_cached(wa_names_translit(lender)), 1);
        wa_names_free(lender);
    }
    wa_free(own);
    for (size_t k = 0; k < nf; k++)
        free(files[k]);
}

Test(names, sharded_then_merged_equals_one_run)
{
    char *files[64];
    size_t nf = list_docs(files, 64);
    size_t all[64], s1[64], s2[64], s3[64], n1 = 0, n2 = 0, n3 = 0;
    for (size_t k = 0; k < nf; k++) {
        all[k] = nf - 1 - k; /* order of documents must not matter either */
        if (k % 3 == 0)
            s1[n1++] = k;
        else if (k % 3 == 1)
            s2[n2++] = k;
        else
            s3[n3++] = k;
    }
    char *one = run_docs(files, nf, all, nf);
    char *t1 = run_docs(files, nf, s1, n1), *t2 = run_docs(files, nf, s2, n2),
         *t3 = run_docs(files, nf, s3, n3);
    char *abc[] = {t1, t2, t3}, *cba[] = {t3, t2, t1};
    char *m1 = merge(abc, 3), *m2 = merge(cba, 3);
    cr_expect_str_eq(m1, one, "sharded and merged differs from one run");
    cr_expect_str_eq(m2, one, "merge is not commutative");
    char *ab[] = {t1, t2};
    char *m12 = merge(ab, 2);
    char *left[] = {m12, t3};
    char *bc[] = {t2, t3};
    char *m23 = merge(bc, 2);
    char *right[] = {t1, m23};
    char *l = merge(left, 2), *r = merge(right, 2);
    cr_expect_str_eq(l, one, "(t1+t2)+t3 differs");
    cr_expect_str_eq(r, one, "t1+(t2+t3) differs");
    char *again[] = {one};
    char *idem = merge(again, 1);
    cr_expect_str_eq(idem, one, "merging one table changes it");
    char *ptrs[] = {one, t1, t2, t3, m1, m2, m12, m23, l, r, idem};
    for (size_t i = 0; i < sizeof ptrs / sizeof *ptrs; i++)
        wa_free(ptrs[i]);
    for (size_t k = 0; k < nf; k++)
        free(files[k]);
}

/* Handles merged in memory (wa_names_merge, as report --jobs does) give
 * the table of one run, in any order; a handle is not merged into itself. */
Test(names, handles_merged_equal_one_run)
{
    char *files[64];
    size_t nf = list_docs(files, 64);
    size_t all[64], s1[64], s2[64], n1 = 0, n2 = 0;
    for (size_t k = 0; k < nf; k++) {
        all[k] = k;
        if (k % 2)
            s1[n1++] = k;
        else
            s2[n2++] = k;
    }
    char *one = run_docs(files, nf, all, nf);
    wa_names *a = shard(files, s1, n1), *b = shard(files, s2, n2);
    wa_error err = {0};
    for (int order = 0; order < 2; order++) {
        wa_names *m = open_names(NULL, 0);
        cr_assert_eq(wa_names_merge(m, order ? b : a, &err), 0, "%s", err.message);
        cr_assert_eq(wa_names_merge(m, order ? a : b, &err), 0, "%s", err.message);
        char *t = table(m, WA_NAMES_TSV);
        cr_expect_str_eq(t, one, "merged handles (order %d) differ from one run", order);
        wa_free(t);
        wa_names_free(m);
    }
    cr_expect_eq(wa_names_merge(a, a, &err), WA_EINVAL);
    wa_names_free(a);
    wa_names_free(b);
    wa_free(one);
    for (size_t k = 0; k < nf; k++)
        free(files[k]);
}

/* wa_names_variant gives the rows of the tsv table: same entities, forms,
 * counts and number of document entries, in the same order. */
Test(names, variants_are_the_table_rows)
{
    char *files[64];
    size_t nf = list_docs(files, 64), all[64];
    for (size_t k = 0; k < nf; k++)
        all[k] = k;
    wa_names *nm = shard(files, all, nf);
    char *tsv = table(nm, WA_NAMES_TSV); /* clusters */
    size_t rows = 0, last_id = 0, k = 0;
    char *save = NULL;
    for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *f[6], *fs = NULL;
        size_t nfield = 0;
        for (char *p = strtok_r(line, "\t", &fs); p && nfield < 6; p = strtok_r(NULL, "\t", &fs))
            f[nfield++] = p;
        cr_assert_eq(nfield, 6);
        size_t id = strtoul(f[0], NULL, 10), docs = 1;
        for (const char *p = f[5]; *p; p++)
            docs += *p == ';';
        /* rows of one entity are adjacent: k counts within the entity */
        k = id == last_id ? k + 1 : 0;
        last_id = id;
        unsigned long long count = 0;
        size_t d = 0;
        const char *form = wa_names_variant(nm, id, k, &count, &d);
        cr_assert_not_null(form, "entity %zu variant %zu missing", id, k);
        cr_expect_str_eq(form, f[2]);
        cr_expect_eq(count, strtoull(f[4], NULL, 10), "%s", f[2]);
        cr_expect_eq(d, docs, "%s", f[2]);
        cr_expect_str_eq(wa_names_canonical(nm, id), f[1]);
        rows++;
    }
    size_t total = 0;
    for (size_t id = 1; id <= wa_names_entity_count(nm); id++)
        total += wa_names_variant_count(nm, id);
    cr_expect_eq(total, rows);
    cr_expect_gt(rows, 10);
    cr_expect_null(wa_names_variant(nm, 0, 0, NULL, NULL));
    cr_expect_null(wa_names_variant(nm, 1, wa_names_variant_count(nm, 1), NULL, NULL));
    wa_free(tsv);
    wa_names_free(nm);
    for (size_t k = 0; k < nf; k++)
        free(files[k]);
}

Test(names, formats)
{
    wa_names *nm = open_names("en", 0);
    wa_error err = {0};
    cr_assert_eq(wa_names_add(nm, "a;b=c%.txt", "Pachinian", 9, 2, &err), 0);
    cr_assert_eq(wa_names_add(nm, "x", "Nikol Pashinyan", 15, 3, &err), 0);
    cr_assert_eq(wa_names_add(nm, "x", "Moscou", 6, 1, &err), 0);
    char *tsv = table(nm, WA_NAMES_TSV);
    cr_expect(strstr(tsv, "1\tMoscou\tMoscou\tmosku\t1\tx=1\n") != NULL, "%s", tsv);
    cr_expect(strstr(tsv, "2\tNikol Pashinyan\tPachinian\tpaxinian\t2\ta%3Bb%3Dc%25.txt=2\n") !=
                  NULL,
              "%s", tsv);
    char *json = table(nm, WA_NAMES_JSON);
    cr_expect(strstr(json, "{\"id\":2,\"canonical\":\"Nikol Pashinyan\",\"count\":5,") != NULL,
              "%s", json);
    cr_expect(strstr(json, "\"documents\":{\"a;b=c%.txt\":2}") != NULL, "%s", json);
    char *solr = table(nm, WA_NAMES_SOLR);
    cr_expect(strstr(solr, "\nPachinian => Nikol Pashinyan\n") != NULL, "%s", solr);
    cr_expect(strstr(solr, "Moscou") == NULL, "one-variant entities are no synonyms");
    char *eq = table(nm, WA_NAMES_SOLR_EQUIV);
    cr_expect(strstr(eq, "\nNikol Pashinyan, Pachinian\n") != NULL, "%s", eq);
    char *out;
    size_t len;
    cr_expect_eq(wa_names_write(nm, 9, &out, &len, &err), WA_EINVAL);
    /* The tsv reads back into the same table, escapes included. */
    wa_names *back = open_names("en", 0);
    cr_assert_eq(wa_names_add_table(back, tsv, strlen(tsv), "tsv", &err), 0, "%s", err.message);
    char *tsv2 = table(back, WA_NAMES_TSV);
    cr_expect_str_eq(tsv2, tsv);
    wa_free(tsv), wa_free(tsv2), wa_free(json), wa_free(solr), wa_free(eq);
    wa_names_free(back);
    wa_names_free(nm);
}

Test(names, reset_gives_a_fresh_handle)
{
    wa_names *nm = open_names(NULL, 1), *fresh = open_names(NULL, 1);
    wa_error err = {0};
    const char *a = "Nikol Pachinian et Vladimir Poutine.", *b = "Ilham Aliyev a Bakou.";
    cr_assert_eq(wa_names_add_text(nm, "a", a, strlen(a), NULL, 0, &err), 0);
    char *t1 = table(nm, WA_NAMES_TSV);
    wa_names_reset(nm);
    cr_expect_eq(wa_names_entity_count(nm), 0);
    const wa_mention *m;
    size_t n;
    cr_expect_eq(wa_names_mentions(nm, "a", &m, &n), WA_ENOTFOUND);
    cr_assert_eq(wa_names_add_text(nm, "b", b, strlen(b), NULL, 0, &err), 0);
    cr_assert_eq(wa_names_add_text(fresh, "b", b, strlen(b), NULL, 0, &err), 0);
    char *t2 = table(nm, WA_NAMES_TSV), *t3 = table(fresh, WA_NAMES_TSV);
    cr_expect_str_eq(t2, t3);
    cr_expect(strstr(t2, "Pachinian") == NULL && strstr(t1, "Pachinian") != NULL);
    wa_free(t1), wa_free(t2), wa_free(t3);
    wa_names_free(nm);
    wa_names_free(fresh);
}

Test(names, malformed_tables)
{
    const char *bad[] = {
        "1\tA\tA\ta\t2\n",                   /* 5 fields */
        "1\tA\tA\ta\tx\td=1\n",              /* bad count */
        "1\tA\tA\ta\t2\td=1\n",              /* documents do not add up */
        "1\tA\tA\ta\t1\td1\n",               /* no DOC=COUNT */
        "1\tA\tA\ta\t1\td%zz=1\n",           /* bad escape */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wa_names *nm = open_names(NULL, 0);
        wa_error err = {0};
        char text[256];
        snprintf(text, sizeof text, "# comment\n%s", bad[i]);
        cr_expect_eq(wa_names_add_table(nm, text, strlen(text), "t.tsv", &err), WA_EDATA,
                     "case %zu", i);
        cr_expect(strstr(err.message, "t.tsv:2:") != NULL, "case %zu: %s", i, err.message);
        wa_names_free(nm);
    }
}

/* ---- scaling: blocking keeps clustering from comparing all pairs ---- */

static size_t cluster_pairs(size_t nnames)
{
    wa_names *nm = open_names(NULL, 0);
    static const char *syl[] = {"ka", "ro", "mi", "sha", "tel", "vin", "dor", "gu", "lep",
                                "zan", "bri", "ost", "un", "far", "ek", "ni"};
    wa_error err = {0};
    char name[64];
    for (size_t i = 0; i < nnames; i++) {
        size_t x = i * 2654435761u;
        /* Surnames from 16^5 syllable strings: blocks stay small, as they
         * do for real names. */
        snprintf(name, sizeof name, "%c%s%s %c%s%s%s%s", 'A' + (int)(x % 26),
                 syl[(x >> 5) % 16], syl[(x >> 9) % 16], 'B' + (int)((x >> 13) % 24),
                 syl[(x >> 17) % 16], syl[(x >> 21) % 16], syl[(i / 16) % 16], syl[i % 16]);
        cr_assert_eq(wa_names_add(nm, "d", name, strlen(name), 1, &err), 0);
    }
    cr_assert_eq(wa_names_cluster(nm, &err), 0);
    size_t compared = wa_names_compared(nm);
    wa_names_free(nm);
    return compared;
}

/* Clustering compares names within blocks only: far fewer pairs than all
 * of them (counted, not timed; all pairs of 32,000 names are 512 million). */
Test(names, clustering_scales_with_blocks, .timeout = 120)
{
    size_t sizes[] = {8000, 32000};
    for (int k = 0; k < 2; k++) {
        size_t n = sizes[k], pairs = cluster_pairs(n), all = n * (n - 1) / 2;
        fprintf(stderr, "cluster %zu names: %zu comparisons of %zu pairs\n", n, pairs, all);
        cr_expect_gt(pairs, 0);
        cr_expect_lt(pairs * 1000, all, "%zu names: %zu comparisons", n, pairs);
    }
}

/* wa_names_reset forgets documents and forms; what is added afterwards
 * clusters as in a fresh handle, and the translit handle stays usable. */
Test(names, reset_then_translit_handle)
{
    wa_names *nm = open_names(NULL, 1);
    wa_error err = {0};
    const char *a = "Nikol Pachinian a parlé. Vladimir Poutine a répondu.";
    const char *b = "Sergei Shoigu a parlé. Choïgou a répondu.";
    cr_assert_eq(wa_names_add_text(nm, "a", a, strlen(a), NULL, 0, &err), 0);
    cr_assert_eq(wa_names_cluster(nm, &err), 0);
    cr_assert_eq(wa_names_entity_count(nm), 2);
    for (int round = 0; round < 3; round++) {
        wa_names_reset(nm);
        cr_assert_eq(wa_names_entity_count(nm), 0);
        const wa_mention *m;
        size_t n;
        cr_assert_eq(wa_names_mentions(nm, "a", &m, &n), WA_ENOTFOUND);
        cr_assert_eq(wa_names_add_text(nm, "b", b, strlen(b), NULL, 0, &err), 0);
        cr_assert_eq(wa_names_cluster(nm, &err), 0);
        cr_assert_eq(wa_names_entity_count(nm), 1, "round %d", round);
        cr_assert_eq(wa_names_mentions(nm, "b", &m, &n), 0);
        cr_assert_eq(n, 2);
        cr_assert_eq(m[0].entity, m[1].entity);
        cr_assert_eq(wa_names_entity_of(nm, "b", "Nikol Pachinian", 15), 0);
    }
    char *k = NULL;
    cr_assert_eq(wa_translit_key(wa_names_translit(nm), "Choïgou", strlen("Choïgou"), &k, &err), 0);
    cr_assert_str_eq(k, "xoigu");
    wa_free(k);
    wa_names_free(nm);
}

/* Mentions found once and handed to wa_names_add_mentions() count as
 * wa_names_add_text() counts them; a mention outside the text is refused. */
Test(names, add_mentions_equals_add_text)
{
    const char *s = "Le Premier ministre arménien Nikol Pachinian a rencontré Ilham Aliev "
                    "à Bruxelles. Pachinian a ensuite parlé à Charles Michel.";
    size_t n = strlen(s);
    wa_names *a = open_names(NULL, 1), *b = open_names(NULL, 1);
    wa_splitter *sp = open_split();
    add_text(a, sp, "d1", s, n);
    wa_span *sent = NULL;
    size_t ns = 0, nm = 0;
    wa_mention *m = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_split(sp, s, n, &sent, &ns, &err), 0);
    cr_assert_eq(wa_names_find(b, s, n, sent, ns, &m, &nm, &err), 0);
    cr_assert_geq(nm, 4);
    cr_assert_eq(wa_names_add_mentions(b, "d1", s, n, m, nm, &err), 0, "%s", err.message);
    char *ta = table(a, WA_NAMES_TSV), *tb = table(b, WA_NAMES_TSV);
    cr_expect_str_eq(ta, tb);
    wa_mention bad = {{n - 2, n + 5}, 0};
    cr_expect_eq(wa_names_add_mentions(b, "d2", s, n, &bad, 1, &err), WA_EINVAL);
    wa_free(ta);
    wa_free(tb);
    wa_free(m);
    wa_free(sent);
    wa_splitter_free(sp);
    wa_names_free(a);
    wa_names_free(b);
}

/* names/particles-in-text.txt: a bad line is an error naming the file and
 * line; a word dropped from it no longer joins a name in running text. */
Test(names, particles_in_text_file)
{
    char dir[] = "/tmp/wa-data-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp -R " DATA "/. %s/ && printf 'de inside\\nvan within\\n' > "
             "%s/names/particles-in-text.txt", dir, dir);
    cr_assert_eq(system(cmd), 0);
    wa_names_opts o = {0};
    o.data_dir = dir;
    wa_names *nm = NULL;
    wa_error err = {0};
    cr_expect_eq(wa_names_open(&nm, &o, &err), WA_EDATA);
    cr_expect(strstr(err.message, "particles-in-text.txt:2:") != NULL, "%s", err.message);
    cr_expect_null(nm);
    /* without "von": Ursula and Leyen part */
    snprintf(cmd, sizeof cmd, "printf 'der inside\\nde inside\\n' > %s/names/particles-in-text.txt",
             dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(wa_names_open(&nm, &o, &err), 0, "%s", err.message);
    cr_expect_str_eq(mentions(nm, "Il a vu Ursula von der Leyen et Charles de Gaulle."),
                     "Ursula|Leyen|Charles de Gaulle");
    wa_names_free(nm);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
