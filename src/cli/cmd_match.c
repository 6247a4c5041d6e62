/* wirealign match: decide, for pairs of names, whether they are the same
 * person or place; --evaluate scores the decisions against a gold column. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign match [--explain] [--evaluate] [--aliases FILE] [FILE...]\n\n"
            "Reads lines 'A<TAB>B' and writes 'A<TAB>B<TAB>SCORE<TAB>same|diff', SCORE\n"
            "in [0,1]; the decision threshold is fixed (%.2f).  Empty lines and lines\n"
            "starting with '#' are skipped; a third column is ignored unless\n"
            "--evaluate is given.\n\n"
            "  --explain             add a column saying why\n"
            "  --evaluate            read the third column as the expected answer\n"
            "                        (same|diff), print only the pairs decided wrongly,\n"
            "                        then precision, recall and F1 of 'same'\n"
            "  --aliases FILE        read more aliases (format of dictionaries/aliases.tsv)\n"
            "  --no-default-aliases  do not read dictionaries/aliases.tsv\n"
            "  --help                this help\n",
            WA_MATCH_THRESHOLD);
}

typedef struct tally {
    size_t tp, fp, fn, tn, bad;
} tally;

/* Splits a line at tabs into at most 3 fields. */
static int fields(const char *s, size_t n, const char **f, size_t *fl)
{
    int k = 0;
    size_t at = 0;
    while (k < 3) {
        const char *tab = memchr(s + at, '\t', n - at);
        size_t end = tab ? (size_t)(tab - s) : n;
        f[k] = s + at;
        fl[k] = end - at;
        k++;
        if (!tab)
            break;
        at = end + 1;
    }
    return k;
}

static int run(wa_translit *t, const char *name, const char *s, size_t len,
               int explain, int evaluate, tally *ty)
{
    int status = EXIT_OK;
    size_t lineno = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(s + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - s) : len;
        const char *line = s + at;
        size_t ll = end - at;
        at = end + 1;
        lineno++;
        if (ll && line[ll - 1] == '\r')
            ll--;
        if (ll == 0 || line[0] == '#')
            continue;
        const char *f[3];
        size_t fl[3];
        int nf = fields(line, ll, f, fl);
        if (nf < 2 || (evaluate && nf < 3)) {
            cli_error("%s:%zu: expected %s", name, lineno,
                      evaluate ? "A<TAB>B<TAB>same|diff" : "A<TAB>B");
            status = EXIT_ERROR;
            continue;
        }
        int want = -1;
        if (evaluate) {
            if (fl[2] >= 4 && memcmp(f[2], "same", 4) == 0)
                want = 1;
            else if (fl[2] >= 4 && memcmp(f[2], "diff", 4) == 0)
                want = 0;
            else {
                cli_error("%s:%zu: third column must be same or diff", name, lineno);
                status = EXIT_ERROR;
                continue;
            }
        }
        wa_match m;
        wa_error err = {0};
        if (wa_translit_match(t, f[0], fl[0], f[1], fl[1], &m, &err) != 0) {
            cli_error("%s:%zu: %s", name, lineno, err.message);
            status = EXIT_ERROR;
            continue;
        }
        if (evaluate) {
            if (m.same && want)
                ty->tp++;
            else if (m.same)
                ty->fp++;
            else if (want)
                ty->fn++;
            else
                ty->tn++;
            if (m.same == want)
                continue;
            printf("%s:%zu: wrong: %.*s\t%.*s\t%.3f\t%s (expected %s; %s)\n", name, lineno,
                   (int)fl[0], f[0], (int)fl[1], f[1], m.score, m.same ? "same" : "diff",
                   want ? "same" : "diff", m.reason);
            continue;
        }
        printf("%.*s\t%.*s\t%.3f\t%s", (int)fl[0], f[0], (int)fl[1], f[1], m.score,
               m.same ? "same" : "diff");
        if (explain)
            printf("\t%s", m.reason);
        putchar('\n');
    }
    return status;
}

int cmd_match(int argc, char **argv)
{
    cli_alias_opts ao = {0};
    int explain = 0, evaluate = 0, nfiles = 0;
    char **files = argv + 1;
    for (int i = 1; i < argc; i++) {
        int rc = cli_name_command_option(argc, argv, &i, &ao);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if (strcmp(argv[i], "--explain") == 0) {
            explain = 1;
        } else if (strcmp(argv[i], "--evaluate") == 0) {
            evaluate = 1;
        } else {
            int ex = cli_other_arg("match", argv[i], 0, help);
            if (ex >= 0)
                return ex;
            files[nfiles++] = argv[i];
        }
    }
    wa_translit *t = cli_open_translit(&ao);
    if (!t)
        return EXIT_ERROR;
    int status = EXIT_OK;
    tally ty = {0};
    for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        const char *path = nfiles ? files[k] : NULL;
        wa_text *in = cli_read_text(path, NULL);
        if (!in) {
            status = EXIT_ERROR;
            continue;
        }
        size_t len;
        const char *s = wa_text_data(in, &len);
        if (run(t, s ? cli_input_name(path) : "", s, len, explain, evaluate, &ty))
            status = EXIT_ERROR;
        wa_text_free(in);
    }
    if (evaluate) {
        double p = ty.tp + ty.fp ? (double)ty.tp / (double)(ty.tp + ty.fp) : 1.0;
        double r = ty.tp + ty.fn ? (double)ty.tp / (double)(ty.tp + ty.fn) : 1.0;
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        printf("pairs %zu  tp %zu  fp %zu  fn %zu  tn %zu  precision %.3f  recall %.3f  "
               "F1 %.3f\n",
               ty.tp + ty.fp + ty.fn + ty.tn, ty.tp, ty.fp, ty.fn, ty.tn, p, r, f1);
    }
    wa_translit_free(t);
    if (fflush(stdout) != 0) {
        cli_error("write error on standard output");
        return EXIT_ERROR;
    }
    return status;
}
