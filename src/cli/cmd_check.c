/* wirealign check: proofread wires, report findings like a compiler or as
 * JSON lines. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "util/util.h"

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign check [--lang fr|en] [--format gcc|jsonl] [--only CATEGORY,...]\n"
            "                       [--thesaurus BASE] [--aliases FILE] [FILE...]\n\n"
            "Proofreads wires: garbled English in French (loanword), leftover site lines\n"
            "(boilerplate), misspellings (spelling), words run together (glued), doubled\n"
            "words and fragments (repeat), a name spelled two ways in one text or an\n"
            "exonym of another language beside the text's own (variant).\n\n"
            "  --lang L         language of the wires: fr (default) or en\n"
            "  --format F       gcc (default): FILE:LINE:COL: CATEGORY: message [-> suggestion]\n"
            "                   jsonl: one JSON object per finding\n"
            "  --only LIST      report only these categories (comma-separated)\n"
            "  --thesaurus BASE the MyThes files BASE.idx and BASE.dat (default: found in\n"
            "                   <data>/mythes, /usr/share/mythes, /usr/local/share/mythes)\n"
            "  --aliases FILE   more name aliases for variant (format of aliases.tsv);\n"
            "                   repeatable.  --no-default-aliases: not aliases.tsv\n"
            "  --help           this help\n\n"
            "Exit status: 0 nothing found, 1 findings, 2 error.  A summary goes to stderr.\n");
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int parse_only(const char *list, unsigned *cats)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    *cats = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        int c = wa_check_category_parse(tok);
        if (c < 0) {
            cli_error("check: unknown category '%s' (loanword, boilerplate, spelling, glued, "
                      "repeat, variant)",
                      tok);
            return -1;
        }
        *cats |= 1u << c;
    }
    if (!*cats) {
        cli_error("check: --only needs at least one category");
        return -1;
    }
    return 0;
}

static void print_json_string(wa_buf *b, const char *s, size_t n)
{
    wa_buf_addc(b, '"');
    wa_buf_add_json(b, s, n);
    wa_buf_addc(b, '"');
}

static void report(const char *name, const wa_text *t, const wa_finding *f, int jsonl, wa_buf *b)
{
    size_t len, line, col;
    const char *s = wa_text_data(t, &len);
    wa_text_line_col(t, f->span.start, &line, &col);
    const char *cat = wa_check_category_name(f->category);
    b->len = 0;
    if (!jsonl) {
        wa_buf_printf(b, "%s:%zu:%zu: %s: %s", name, line, col, cat, f->message);
        if (f->nsuggestions)
            wa_buf_printf(b, " -> %s", f->suggestions[0]);
        wa_buf_addc(b, '\n');
    } else {
        wa_buf_adds(b, "{\"file\":");
        print_json_string(b, name, strlen(name));
        wa_buf_printf(b, ",\"line\":%zu,\"col\":%zu,\"start\":%zu,\"end\":%zu,\"category\":\"%s\","
                         "\"word\":",
                      line, col, f->span.start, f->span.end, cat);
        print_json_string(b, s + f->span.start, f->span.end - f->span.start);
        wa_buf_adds(b, ",\"message\":");
        print_json_string(b, f->message, strlen(f->message));
        wa_buf_adds(b, ",\"suggestions\":[");
        for (size_t i = 0; i < f->nsuggestions; i++) {
            if (i)
                wa_buf_addc(b, ',');
            print_json_string(b, f->suggestions[i], strlen(f->suggestions[i]));
        }
        wa_buf_adds(b, "]}\n");
    }
    fwrite(b->data, 1, b->len, stdout);
}

int cmd_check(int argc, char **argv)
{
    const char *lang = "fr", *format = "gcc", *thes = NULL;
    unsigned cats = 0;
    int nfiles = 0;
    cli_alias_opts ao = {0};
    char **files = argv + 1;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        int rc = cli_name_command_option(argc, argv, &i, &ao);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if ((v = cli_opt_value(argc, argv, &i, "--lang", &missing))) {
            lang = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--format", &missing))) {
            format = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--only", &missing))) {
            if (parse_only(v, &cats))
                return EXIT_ERROR;
        } else if ((v = cli_opt_value(argc, argv, &i, "--thesaurus", &missing))) {
            thes = v;
        } else {
            int ex = cli_other_arg("check", argv[i], missing, help);
            if (ex >= 0)
                return ex;
            files[nfiles++] = argv[i];
        }
    }
    if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0) {
        cli_error("check: unknown language '%s' (fr or en)", lang);
        return EXIT_ERROR;
    }
    int jsonl = strcmp(format, "jsonl") == 0;
    if (!jsonl && strcmp(format, "gcc") != 0) {
        cli_error("check: unknown format '%s' (gcc or jsonl)", format);
        return EXIT_ERROR;
    }
    if (cli_g.dict_flag && !is_dir(cli_g.dict_flag)) {
        cli_error("%s: no such dictionary folder (--dict)", cli_g.dict_flag);
        return EXIT_ERROR;
    }
    const char *data = cli_data_dir();
    if (!data)
        return EXIT_ERROR;
    char idx[4096], dat[4096];
    if (cli_find_thesaurus(thes, idx, dat, sizeof idx))
        return EXIT_ERROR;
    wa_check_opts o = {.lang = lang, .data_dir = data, .dict_dirs = cli_dict_dirs(),
                       .thes_idx = idx, .thes_dat = dat, .categories = cats,
                       .alias_files = ao.n ? ao.files : NULL,
                       .no_default_aliases = ao.no_default};
    wa_checker *ck = NULL;
    wa_error err = {0};
    if (wa_checker_open(&ck, &o, &err) != 0) {
        cli_error("%s", err.message);
        return EXIT_ERROR;
    }
    int count = nfiles ? nfiles : 1;
    wa_text **texts = calloc((size_t)count, sizeof *texts);
    if (!texts) {
        wa_checker_free(ck);
        cli_error("out of memory");
        return EXIT_ERROR;
    }
    int status = EXIT_OK;
    for (int k = 0; k < count; k++) {
        texts[k] = cli_read_text(nfiles ? files[k] : NULL, NULL);
        if (!texts[k]) {
            status = EXIT_ERROR;
            continue;
        }
        size_t len;
        const char *s = wa_text_data(texts[k], &len);
        if (count > 1 && wa_check_learn(ck, s, len) != 0) {
            cli_error("out of memory");
            status = EXIT_ERROR;
        }
    }
    size_t total = 0, per[WA_CHECK_NCATEGORIES] = {0};
    wa_buf line;
    wa_buf_init(&line);
    for (int k = 0; k < count; k++) {
        if (!texts[k])
            continue;
        const char *name = cli_input_name(nfiles ? files[k] : NULL);
        size_t len, n;
        const char *s = wa_text_data(texts[k], &len);
        wa_finding *f = NULL;
        if (wa_check(ck, s, len, &f, &n, &err) != 0) {
            cli_error("%s: %s", name, err.message);
            status = EXIT_ERROR;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            report(name, texts[k], &f[i], jsonl, &line);
            per[f[i].category]++;
        }
        total += n;
        wa_findings_free(f, n);
    }
    wa_buf_free(&line);
    for (int k = 0; k < count; k++)
        wa_text_free(texts[k]);
    free(texts);
    wa_checker_free(ck);
    if (fflush(stdout) != 0) {
        cli_error("write error on standard output");
        return EXIT_ERROR;
    }
    fprintf(stderr, "wirealign: check: %zu finding%s", total, total == 1 ? "" : "s");
    const char *sep = " (";
    for (int c = 0; c < WA_CHECK_NCATEGORIES; c++)
        if (per[c]) {
            fprintf(stderr, "%s%s %zu", sep, wa_check_category_name((wa_check_category)c), per[c]);
            sep = ", ";
        }
    fprintf(stderr, "%s in %d file%s\n", total ? ")" : "", count, count == 1 ? "" : "s");
    if (status == EXIT_OK && total)
        status = EXIT_FINDINGS;
    return status;
}
