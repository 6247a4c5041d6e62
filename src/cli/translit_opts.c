/* Options shared by the name commands (key, match, names): --aliases FILE
 * (repeatable) and --no-default-aliases, and opening a translit handle. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int cli_alias_option(int argc, char **argv, int *i, cli_alias_opts *o)
{
    int missing = 0;
    const char *v = cli_opt_value(argc, argv, i, "--aliases", &missing);
    if (v) {
        if (o->n + 1 >= sizeof o->files / sizeof *o->files) {
            cli_error("too many --aliases files");
            return -1;
        }
        o->files[o->n++] = v;
        o->files[o->n] = NULL;
        return 1;
    }
    if (missing) {
        cli_error("option --aliases needs a value");
        return -1;
    }
    if (strcmp(argv[*i], "--no-default-aliases") == 0) {
        o->no_default = 1;
        return 1;
    }
    return 0;
}

int cli_name_command_option(int argc, char **argv, int *i, cli_alias_opts *o)
{
    int rc = cli_common_option(argc, argv, i);
    return rc ? rc : cli_alias_option(argc, argv, i, o);
}

wa_translit *cli_open_translit(const cli_alias_opts *o)
{
    const char *dir = cli_data_dir();
    if (!dir)
        return NULL;
    wa_translit_opts to = {0};
    to.data_dir = dir;
    to.alias_files = o->n ? o->files : NULL;
    to.no_default_aliases = o->no_default;
    wa_translit *t = NULL;
    wa_error err = {0};
    if (wa_translit_open(&t, &to, &err) != 0) {
        cli_error("%s", err.message);
        return NULL;
    }
    return t;
}
