/* Diagnostics, option helpers and input reading shared by the commands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "util/util.h"

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

int cli_other_arg(const char *cmd, const char *arg, int missing, void (*help)(FILE *))
{
    if (missing) {
        cli_error("%s: option %s needs a value", cmd, arg);
        return EXIT_ERROR;
    }
    if (strcmp(arg, "--help") == 0) {
        help(stdout);
        return EXIT_OK;
    }
    if (arg[0] == '-' && arg[1] != '\0') {
        cli_error("%s: unknown option '%s' (see wirealign %s --help)", cmd, arg, cmd);
        return EXIT_ERROR;
    }
    return -1;
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

/* --files-from: the expanded argument vector and the strings it points
 * into (the lists' text, "./"-prefixed copies), kept until
 * cli_files_from_free(). */
static char **ff_argv;
static char **ff_owned;
static size_t ff_nowned;

static char *read_list(const char *path, size_t *len)
{
    int use_stdin = strcmp(path, "-") == 0;
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return NULL;
    }
    wa_buf b;
    wa_buf_init(&b);
    char chunk[65536];
    size_t got;
    errno = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        wa_buf_add(&b, chunk, got);
    int bad = ferror(f), saved = errno;
    if (!use_stdin)
        fclose(f);
    if (bad || b.failed) {
        cli_error("%s: %s", cli_input_name(path),
                  b.failed ? "out of memory" : saved ? strerror(saved) : "read error");
        wa_buf_free(&b);
        return NULL;
    }
    return wa_buf_steal(&b, len);
}

/* Splits a list in place into entries (NUL-separated when it holds a NUL,
 * else one per line, a trailing CR dropped); empty entries are skipped.
 * Appends them to v (room for one entry per separator, plus one). */
static void split_list(char *s, size_t len, char **v, int *n)
{
    char sep = memchr(s, '\0', len) ? '\0' : '\n';
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != sep)
            continue;
        size_t end = i;
        if (sep == '\n' && end > start && s[end - 1] == '\r')
            end--;
        s[end] = '\0';
        if (end > start)
            v[(*n)++] = s + start;
        start = i + 1;
    }
}

static int is_files_from(const char *a)
{
    return strncmp(a, "--files-from", 12) == 0 && (a[12] == '\0' || a[12] == '=');
}

int cli_expand_files_from(int *argc, char ***argv)
{
    int ac = *argc;
    char **av = *argv;
    size_t nlists = 0;
    for (int i = 1; i < ac; i++)
        nlists += is_files_from(av[i]);
    if (!nlists)
        return 0;
    char **lists = calloc(nlists, sizeof *lists);
    size_t *lens = calloc(nlists, sizeof *lens);
    int rc = -1;
    size_t nl = 0, cap = (size_t)ac + 1;
    if (!lists || !lens) {
        cli_error("out of memory");
        goto done;
    }
    /* Read every list; the command's own arguments keep their order. */
    for (int i = 1; i < ac; i++) {
        if (!is_files_from(av[i]))
            continue;
        int missing = 0;
        const char *v = cli_opt_value(ac, av, &i, "--files-from", &missing);
        if (!v) {
            cli_error("option --files-from needs a value");
            goto done;
        }
        if (!(lists[nl] = read_list(v, &lens[nl])))
            goto done;
        for (size_t k = 0; k < lens[nl]; k++)
            cap += lists[nl][k] == '\n' || lists[nl][k] == '\0';
        cap++;
        nl++;
    }
    if (!(ff_argv = malloc(cap * sizeof *ff_argv))) {
        cli_error("out of memory");
        goto done;
    }
    int n = 0;
    for (int i = 0; i < ac; i++) {
        if (i > 0 && is_files_from(av[i])) {
            i += av[i][12] == '\0';
            continue;
        }
        ff_argv[n++] = av[i];
    }
    int first = n;
    for (size_t k = 0; k < nl; k++)
        split_list(lists[k], lens[k], ff_argv, &n);
    ff_argv[n] = NULL;
    /* An entry that looks like an option is a file: "-x" becomes "./-x". */
    size_t ndash = 0;
    for (int k = first; k < n; k++)
        ndash += ff_argv[k][0] == '-';
    if (!(ff_owned = calloc(nl + ndash, sizeof *ff_owned))) {
        cli_error("out of memory");
        goto done;
    }
    for (size_t k = 0; k < nl; k++) {
        ff_owned[ff_nowned++] = lists[k];
        lists[k] = NULL;
    }
    for (int k = first; k < n; k++) {
        if (ff_argv[k][0] != '-')
            continue;
        size_t l = strlen(ff_argv[k]);
        char *p = malloc(l + 3);
        if (!p) {
            cli_error("out of memory");
            goto done;
        }
        memcpy(p, "./", 2);
        memcpy(p + 2, ff_argv[k], l + 1);
        ff_owned[ff_nowned++] = p;
        ff_argv[k] = p;
    }
    if (n == first) {
        cli_warn("--files-from: the list names no file; nothing to do");
        rc = 1;
        goto done;
    }
    *argc = n;
    *argv = ff_argv;
    rc = 0;
done:
    if (lists)
        for (size_t k = 0; k < nl; k++)
            free(lists[k]);
    free(lists);
    free(lens);
    return rc;
}

void cli_files_from_free(void)
{
    for (size_t k = 0; k < ff_nowned; k++)
        free(ff_owned[k]);
    free(ff_owned);
    free(ff_argv);
    ff_owned = NULL;
    ff_argv = NULL;
    ff_nowned = 0;
}
