/* wirealign key: print the transliteration key of names. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign key [--all] [--aliases FILE] [NAME...]\n\n"
            "Prints the key of each NAME (or of each line of standard input): the\n"
            "keys of its words, titles and particles left out, joined by spaces.\n"
            "Spelling variants of one name share a key: 'Sergueï Choïgou', 'Sergei\n"
            "Shoigu' and 'Сергей Шойгу' all give 'sergei xoigu'.\n\n"
            "  --all                 print NAME<TAB>KEY<TAB>ALIAS-ID (or -)\n"
            "  --aliases FILE        read more aliases (format of dictionaries/aliases.tsv)\n"
            "  --no-default-aliases  do not read dictionaries/aliases.tsv\n"
            "  --help                this help\n");
}

static int print_key(wa_translit *t, const char *name, size_t n, int all)
{
    char *key = NULL;
    wa_error err = {0};
    if (wa_translit_key(t, name, n, &key, &err) != 0) {
        cli_error("%s", err.message);
        return -1;
    }
    if (all) {
        const char *id = wa_translit_alias(t, name, n);
        printf("%.*s\t%s\t%s\n", (int)n, name, key, id ? id : "-");
    } else {
        printf("%s\n", key);
    }
    wa_free(key);
    return 0;
}

int cmd_key(int argc, char **argv)
{
    cli_alias_opts ao = {0};
    int all = 0, nnames = 0;
    char **names = argv + 1;
    for (int i = 1; i < argc; i++) {
        int rc = cli_name_command_option(argc, argv, &i, &ao);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if (strcmp(argv[i], "--help") == 0) {
            help(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            cli_error("key: unknown option '%s'", argv[i]);
            return EXIT_ERROR;
        } else {
            names[nnames++] = argv[i];
        }
    }
    wa_translit *t = cli_open_translit(&ao);
    if (!t)
        return EXIT_ERROR;
    int status = EXIT_OK;
    if (nnames) {
        for (int k = 0; k < nnames; k++)
            if (print_key(t, names[k], strlen(names[k]), all))
                status = EXIT_ERROR;
    } else {
        wa_text *in = cli_read_text(NULL, NULL);
        if (!in) {
            wa_translit_free(t);
            return EXIT_ERROR;
        }
        size_t len;
        const char *s = wa_text_data(in, &len);
        for (size_t at = 0; at < len;) {
            const char *nl = memchr(s + at, '\n', len - at);
            size_t end = nl ? (size_t)(nl - s) : len;
            if (end > at && print_key(t, s + at, end - at, all))
                status = EXIT_ERROR;
            at = end + 1;
        }
        wa_text_free(in);
    }
    wa_translit_free(t);
    if (fflush(stdout) != 0) {
        cli_error("write error on standard output");
        return EXIT_ERROR;
    }
    return status;
}
