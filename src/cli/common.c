/* Diagnostics, option helpers and input reading shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

cli_globals cli_g;

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("wirealign: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("wirealign: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

const char *cli_input_name(const char *path)
{
    return (!path || strcmp(path, "-") == 0) ? "<stdin>" : path;
}

const char *cli_opt_value(int argc, char **argv, int *i, const char *name,
                          int *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=') {
        return a + n + 1;
    }
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        if (missing)
            *missing = 1;
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

int cli_common_option(int argc, char **argv, int *i)
{
    int missing = 0;
    const char *v;
    if ((v = cli_opt_value(argc, argv, i, "--data-dir", &missing))) {
        cli_g.data_dir_flag = v;
        return 1;
    }
    if ((v = cli_opt_value(argc, argv, i, "--dict", &missing))) {
        cli_g.dict_flag = v;
        return 1;
    }
    if (missing) {
        cli_error("option %s needs a value", argv[*i]);
        return -1;
    }
    return 0;
}

static void warn_cb(void *ctx, const char *msg)
{
    cli_warn("%s: %s", (const char *)ctx, msg);
}

wa_text *cli_read_text(const char *path, const wa_text_opts *opts)
{
    wa_text_opts o = {0};
    if (opts)
        o = *opts;
    o.warn = warn_cb;
    o.warn_ctx = (void *)cli_input_name(path);
    wa_text *t = NULL;
    wa_error err = {0};
    if (wa_text_read_file(&t, path, &o, &err) != 0) {
        cli_error("%s", err.message);
        return NULL;
    }
    return t;
}
