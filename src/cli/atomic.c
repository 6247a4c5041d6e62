/* Output files written atomically (a temporary file in the same directory,
 * renamed into place when complete) and spool files that vanish on exit. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

/* Temporary files to remove when a signal ends the process.  Only the main
 * thread changes the list, with signals blocked. */
#define MAX_PENDING 8
static char *volatile pending[MAX_PENDING];
static int handlers_installed;

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ};
#define NSIG_HANDLED (sizeof fatal_signals / sizeof *fatal_signals)

static void on_fatal_signal(int sig)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < NSIG_HANDLED; i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void install_handlers(void)
{
    if (handlers_installed)
        return;
    handlers_installed = 1;
    for (size_t i = 0; i < NSIG_HANDLED; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        /* A signal the caller chose to ignore (nohup, trap '') stays ignored. */
        if (sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(fatal_signals[i], &sa, NULL);
    }
}

static void pending_set(char *path, char *replace)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] == replace) {
            pending[i] = path;
            return;
        }
}

/* The mkstemp(3) template "dir/.name.XXXXXX" (six X that mkstemp replaces)
 * for a temporary file next to path. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    size_t n = dirlen + 1 + strlen(base) + 8;
    char *t = malloc(n);
    if (!t)
        return NULL;
    snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    return t;
}

int cli_out_open(cli_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_error("%s: is a directory", path);
        return -1;
    }
    o->tmp = temp_name(path);
    if (!o->tmp) {
        cli_error("%s: out of memory", path);
        return -1;
    }
    install_handlers();
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(o->tmp);
    if (fd >= 0)
        pending_set(o->tmp, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        cli_error("%s: cannot create a file in its folder: %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    /* mkstemp makes the file private; give it the usual mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        cli_out_abort(o);
        cli_error("%s: %s", path, strerror(errno));
        return -1;
    }
    o->path = path;
    return 0;
}

void cli_out_abort(cli_out *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp) {
        sigset_t old;
        block_signals(&old);
        unlink(o->tmp);
        pending_set(NULL, o->tmp);
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(o->tmp);
        o->tmp = NULL;
    }
}

int cli_out_commit(cli_out *o)
{
    int bad = fflush(o->f) != 0 || ferror(o->f);
    int saved = errno;
    if (!bad && fsync(fileno(o->f)) != 0 && errno != EINVAL) {
        bad = 1;
        saved = errno;
    }
    if (fclose(o->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    o->f = NULL;
    if (!bad && rename(o->tmp, o->path) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        cli_error("%s: cannot write: %s (the previous file, if any, is left as it was)",
                  o->path, strerror(saved));
        cli_out_abort(o);
        return -1;
    }
    sigset_t old;
    block_signals(&old);
    pending_set(NULL, o->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(o->tmp);
    o->tmp = NULL;
    return 0;
}

FILE *cli_spool_open(const char *near)
{
    char *t = temp_name(near ? near : "./spool");
    if (t) {
        sigset_t old;
        install_handlers();
        block_signals(&old);
        int fd = mkstemp(t);
        /* Unlinked at once: it disappears however the process ends. */
        if (fd >= 0)
            unlink(t);
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(t);
        if (fd >= 0) {
            FILE *f = fdopen(fd, "w+");
            if (f)
                return f;
            close(fd);
        }
    }
    return tmpfile();
}
