/* Data-path search: where wirealign's dictionaries/ and the Hunspell
 * dictionaries are looked for, and --show-paths. */
#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

#ifndef WA_DATADIR
#define WA_DATADIR "/usr/local/share/wirealign"
#endif

/* A folder is a wirealign data folder when it holds this file. */
#define MARKER "WIREALIGN_DATA"

#define MAX_CANDIDATES 32

typedef struct candidate {
    char path[PATH_MAX];
    const char *why;
} candidate;

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int has_marker(const char *dir)
{
    char p[PATH_MAX + sizeof MARKER + 1];
    size_t n = strlen(dir);
    if (n >= PATH_MAX)
        return 0;
    memcpy(p, dir, n);
    memcpy(p + n, "/" MARKER, sizeof MARKER + 1);
    return access(p, R_OK) == 0;
}

/* Appends dir + suffix as a candidate, skipping paths too long to hold. */
static void put(candidate *c, size_t *n, const char *why, const char *dir,
                const char *suffix)
{
    size_t a = strlen(dir), b = strlen(suffix);
    if (*n >= MAX_CANDIDATES || a + b >= PATH_MAX)
        return;
    memcpy(c[*n].path, dir, a);
    memcpy(c[*n].path + a, suffix, b + 1);
    c[(*n)++].why = why;
}

static void exe_dir(char *out, size_t n)
{
    char buf[PATH_MAX];
    ssize_t got = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (got > 0) {
        buf[got] = '\0';
    } else if (cli_g.argv0 && realpath(cli_g.argv0, buf)) {
        /* resolved */
    } else {
        snprintf(out, n, ".");
        return;
    }
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    snprintf(out, n, "%.*s", (int)(n - 1), buf);
}

static size_t data_candidates(candidate *c)
{
    size_t n = 0;
    if (cli_g.data_dir_flag)
        put(c, &n, "--data-dir", cli_g.data_dir_flag, "");
    const char *env = getenv("WIREALIGN_DATA");
    if (env && *env)
        put(c, &n, "WIREALIGN_DATA", env, "");
    put(c, &n, "install path", WA_DATADIR, "");
    char exe[PATH_MAX];
    exe_dir(exe, sizeof exe);
    put(c, &n, "next to the executable (in-tree build)", exe, "/../dictionaries");
    put(c, &n, "next to the executable (installed tree)", exe, "/../share/wirealign");
    return n;
}

const char *cli_data_dir(void)
{
    static char chosen[PATH_MAX];
    if (chosen[0])
        return chosen;
    candidate c[MAX_CANDIDATES];
    size_t n = data_candidates(c);
    for (size_t i = 0; i < n; i++)
        if (has_marker(c[i].path)) {
            memcpy(chosen, c[i].path, sizeof chosen);
            return chosen;
        }
    fprintf(stderr, "wirealign: data directory not found (no %s file in:", MARKER);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s %s", i ? "," : "", c[i].path);
    fprintf(stderr, "); use --data-dir or WIREALIGN_DATA\n");
    return NULL;
}

static size_t dict_candidates(candidate *c)
{
    static char dicpath[8192];
    size_t n = 0;
    if (cli_g.dict_flag)
        put(c, &n, "--dict", cli_g.dict_flag, "");
    const char *env = getenv("DICPATH");
    if (env && *env) {
        snprintf(dicpath, sizeof dicpath, "%s", env);
        for (char *tok = strtok(dicpath, ":"); tok && n < MAX_CANDIDATES - 8;
             tok = strtok(NULL, ":"))
            put(c, &n, "DICPATH", tok, "");
    }
    static const char *sys[] = {"/usr/share/hunspell", "/usr/local/share/hunspell",
                                "/usr/share/myspell", "/usr/share/myspell/dicts"};
    candidate d[MAX_CANDIDATES];
    size_t nd = data_candidates(d);
    for (size_t i = 0; i < nd; i++)
        if (has_marker(d[i].path)) {
            put(c, &n, "data directory", d[i].path, "/hunspell");
            break;
        }
    for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
        put(c, &n, "system", sys[i], "");
    return n;
}

const char *const *cli_dict_dirs(void)
{
    static candidate c[MAX_CANDIDATES];
    static const char *list[MAX_CANDIDATES + 1];
    if (list[0])
        return list;
    size_t n = dict_candidates(c);
    for (size_t i = 0; i < n; i++)
        list[i] = c[i].path;
    list[n] = NULL;
    return list;
}

void cli_show_paths(FILE *out)
{
    candidate c[MAX_CANDIDATES];
    size_t n = data_candidates(c);
    int found = 0;
    fprintf(out, "data directory (needs %s), searched in order:\n", MARKER);
    for (size_t i = 0; i < n; i++) {
        int ok = has_marker(c[i].path);
        fprintf(out, "  %s %s  (%s)\n", ok && !found ? "*" : (ok ? "+" : "-"),
                c[i].path, c[i].why);
        found |= ok;
    }
    fprintf(out, "  chosen: %s\n", found ? cli_data_dir() : "(none)");
    n = dict_candidates(c);
    fprintf(out, "hunspell dictionaries, searched in order:\n");
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  %s %s  (%s)\n", is_dir(c[i].path) ? "+" : "-", c[i].path,
                c[i].why);
    fprintf(out, "(* chosen, + present, - absent)\n");
}

int cli_find_thesaurus(const char *base, char *idx, char *dat, size_t sz)
{
    if (base) {
        snprintf(idx, sz, "%s.idx", base);
        snprintf(dat, sz, "%s.dat", base);
        return 0;
    }
    const char *data = cli_data_dir();
    if (!data)
        return -1;
    const char *dirs[] = {data, "/usr/share/mythes", "/usr/local/share/mythes", NULL};
    for (int i = 0; dirs[i]; i++) {
        snprintf(idx, sz, "%s%s/th_en_US_v2.idx", dirs[i], i == 0 ? "/mythes" : "");
        snprintf(dat, sz, "%s%s/th_en_US_v2.dat", dirs[i], i == 0 ? "/mythes" : "");
        if (access(idx, R_OK) == 0)
            return 0;
    }
    cli_error("thesaurus th_en_US_v2.idx not found (in %s/mythes, /usr/share/mythes, "
              "/usr/local/share/mythes); install mythes-en-us or use --thesaurus",
              data);
    return -1;
}
