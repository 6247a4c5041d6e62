/* Scoring of `check` on an annotated case file (tests/cases/check-fr.txt):
 * shared by the unit test (tests/unit/test_check.c) and the scorer
 * (tests/tools/score_check.c).  Header-only: static functions. */
#ifndef WA_CHECK_EVAL_H
#define WA_CHECK_EVAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wirealign.h"

enum { EV_SPUN = 1, EV_CLEAN, EV_TRICKY, EV_BOILER };

typedef struct ev_expect {
    size_t start, end;
    int category;
    char sugg[128];
} ev_expect;

typedef struct ev_score {
    int tp, fp, fn;           /* loanword + boilerplate spans */
    int spun_total, spun_found; /* loanword expectations in spun lines */
    int clean_lines, clean_flags; /* any finding on clean lines */
    int sugg_total, sugg_right, sugg_wrong, sugg_none;
    int cases;
} ev_score;

/* Turns a case line into its text (markers removed, "\n" to a line break)
 * and its expectations.  Returns the number of expectations. */
static size_t ev_parse(const char *line, char *text, size_t cap, ev_expect *ex, size_t maxex)
{
    size_t o = 0, nex = 0;
    const char *p = line;
    while (*p && o + 4 < cap) {
        if (p[0] == '\\' && p[1] == 'n') {
            text[o++] = '\n';
            p += 2;
        } else if (p[0] == '[' && p[1] == '[') {
            const char *close = strstr(p, "]]");
            const char *bar = strchr(p, '|');
            if (!close || !bar || bar > close) {
                text[o++] = *p++;
                continue;
            }
            size_t start = o;
            for (const char *q = p + 2; q < bar && o + 4 < cap; q++)
                text[o++] = *q;
            const char *cat = bar + 1, *bar2 = memchr(cat, '|', (size_t)(close - cat));
            char name[32];
            size_t cl = (size_t)((bar2 ? bar2 : close) - cat);
            snprintf(name, sizeof name, "%.*s", (int)cl, cat);
            if (nex < maxex) {
                ex[nex].start = start;
                ex[nex].end = o;
                ex[nex].category = wa_check_category_parse(name);
                ex[nex].sugg[0] = '\0';
                if (bar2)
                    snprintf(ex[nex].sugg, sizeof ex[nex].sugg, "%.*s", (int)(close - bar2 - 1),
                             bar2 + 1);
                nex++;
            }
            p = close + 2;
        } else {
            text[o++] = *p++;
        }
    }
    text[o] = '\0';
    return nex;
}

static int ev_scored(int cat) { return cat == WA_CHECK_LOANWORD || cat == WA_CHECK_BOILERPLATE; }

static int ev_overlap(size_t a, size_t b, size_t c, size_t d) { return a < d && c < b; }

/* Runs every case of `path` through the checker and fills *sc; prints
 * misses and false alarms to `log` when not NULL.  Returns 0, or -1 when
 * the file cannot be read. */
static int ev_run(wa_checker *ck, const char *path, ev_score *sc, FILE *log)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    memset(sc, 0, sizeof *sc);
    char line[4096], text[4096];
    int section = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "## ", 3) == 0) {
            section = strcmp(line + 3, "spun") == 0     ? EV_SPUN
                      : strcmp(line + 3, "clean") == 0  ? EV_CLEAN
                      : strcmp(line + 3, "tricky") == 0 ? EV_TRICKY
                                                        : EV_BOILER;
            continue;
        }
        if (line[0] == '#' || line[0] == '\0')
            continue;
        ev_expect ex[16];
        size_t nex = ev_parse(line, text, sizeof text, ex, 16);
        wa_finding *fd = NULL;
        size_t nf = 0;
        if (wa_check(ck, text, strlen(text), &fd, &nf, NULL) != 0)
            continue;
        sc->cases++;
        if (section == EV_CLEAN) {
            sc->clean_lines++;
            for (size_t i = 0; i < nf; i++)
                if (fd[i].category != WA_CHECK_REPEAT) {
                    sc->clean_flags++;
                    if (log)
                        fprintf(log, "clean flag: %s: \"%.*s\" in: %s\n",
                                wa_check_category_name(fd[i].category),
                                (int)(fd[i].span.end - fd[i].span.start), text + fd[i].span.start,
                                text);
                }
        }
        for (size_t i = 0; i < nf; i++) {
            if (!ev_scored(fd[i].category))
                continue;
            int hit = 0;
            for (size_t k = 0; k < nex; k++)
                hit |= ex[k].category == (int)fd[i].category &&
                       ev_overlap(fd[i].span.start, fd[i].span.end, ex[k].start, ex[k].end);
            if (hit)
                continue;
            sc->fp++;
            if (log && section != EV_CLEAN)
                fprintf(log, "false alarm: %s: \"%.*s\" in: %s\n",
                        wa_check_category_name(fd[i].category),
                        (int)(fd[i].span.end - fd[i].span.start), text + fd[i].span.start, text);
        }
        for (size_t k = 0; k < nex; k++) {
            if (!ev_scored(ex[k].category))
                continue;
            const wa_finding *m = NULL;
            for (size_t i = 0; i < nf && !m; i++)
                if ((int)fd[i].category == ex[k].category &&
                    ev_overlap(fd[i].span.start, fd[i].span.end, ex[k].start, ex[k].end))
                    m = &fd[i];
            if (section == EV_SPUN && ex[k].category == WA_CHECK_LOANWORD) {
                sc->spun_total++;
                sc->spun_found += m != NULL;
            }
            if (!m) {
                sc->fn++;
                if (log)
                    fprintf(log, "miss: %s: \"%.*s\" in: %s\n",
                            wa_check_category_name((wa_check_category)ex[k].category),
                            (int)(ex[k].end - ex[k].start), text + ex[k].start, text);
                continue;
            }
            sc->tp++;
            if (ex[k].sugg[0]) {
                sc->sugg_total++;
                if (m->nsuggestions == 0)
                    sc->sugg_none++;
                else if (strcmp(m->suggestions[0], ex[k].sugg) == 0)
                    sc->sugg_right++;
                else {
                    sc->sugg_wrong++;
                    if (log)
                        fprintf(log, "wrong suggestion: \"%.*s\" -> %s (expected %s)\n",
                                (int)(ex[k].end - ex[k].start), text + ex[k].start,
                                m->suggestions[0], ex[k].sugg);
                }
            }
        }
        wa_findings_free(fd, nf);
    }
    fclose(f);
    return 0;
}

static double ev_precision(const ev_score *s)
{
    return s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1.0;
}

static double ev_recall(const ev_score *s)
{
    return s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1.0;
}

static void ev_print(const ev_score *s, FILE *out)
{
    fprintf(out,
            "check-fr: %d cases; loanword+boilerplate: precision %.3f recall %.3f (tp %d, fp %d, "
            "fn %d)\n"
            "check-fr: garbled words found in spun lines: %d/%d (%.1f%%); flags on %d clean "
            "lines: %d\n"
            "check-fr: first suggestions: %d right, %d wrong, %d none (of %d annotated)\n",
            s->cases, ev_precision(s), ev_recall(s), s->tp, s->fp, s->fn, s->spun_found,
            s->spun_total, s->spun_total ? 100.0 * s->spun_found / s->spun_total : 100.0,
            s->clean_lines, s->clean_flags, s->sugg_right, s->sugg_wrong, s->sugg_none,
            s->sugg_total);
}

#endif
