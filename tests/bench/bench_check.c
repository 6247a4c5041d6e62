/* Benchmark of `check` (all categories, French): MB/s on one core over the
 * corpus, one wire at a time: the documents of CORPUS_DIR (read into
 * memory first, in name order), or CORPUS_FILE cut into documents of about
 * 64 KB at line ends when there is no CORPUS_DIR; CPU time, best of ROUNDS
 * (the shared virtual machines here vary by a third from one run to the
 * next: more rounds give the quiet window more chances).
 * Run as: bench_check CORPUS_FILE DATA_DIR CORPUS_DIR. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include "wirealign.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every regular file of dir, in name order, into one buffer; the
 * document starts go to *starts (n + 1 entries).  Returns the buffer or
 * NULL. */
static char *slurp_dir(const char *dir, size_t **starts, size_t *n, size_t *len)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t nn = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (nn == cap) {
            cap = cap ? cap * 2 : 1024;
            names = realloc(names, cap * sizeof *names);
        }
        names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    if (!nn)
        return NULL;
    qsort(names, nn, sizeof *names, cmp_name);
    size_t total = 0, bcap = 1 << 20;
    char *buf = malloc(bcap);
    *starts = malloc((nn + 1) * sizeof **starts);
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t fl = 0;
        char *f = slurp(path, &fl);
        (*starts)[i] = total;
        if (f) {
            while (total + fl > bcap)
                buf = realloc(buf, bcap *= 2);
            memcpy(buf + total, f, fl);
            total += fl;
            free(f);
        }
        free(names[i]);
    }
    (*starts)[nn] = total;
    free(names);
    *n = nn;
    *len = total;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_check CORPUS_FILE DATA_DIR [CORPUS_DIR]\n");
        return 2;
    }
    size_t len, *starts = NULL, ndocs = 0;
    char *s = argc > 3 ? slurp_dir(argv[3], &starts, &ndocs, &len) : NULL;
    if (!s) {
        s = slurp(argv[1], &len);
        if (!s) {
            fprintf(stderr, "bench_check: %s: cannot read\n", argv[1]);
            return 2;
        }
        /* documents of about 64 KB, cut at line ends */
        size_t cap = len / 65536 + 2;
        starts = malloc((cap + 1) * sizeof *starts);
        for (size_t a = 0; a < len;) {
            size_t b = a + 65536 < len ? a + 65536 : len;
            while (b < len && s[b - 1] != '\n')
                b++;
            starts[ndocs++] = a;
            a = b;
        }
        starts[ndocs] = len;
    }
    const char *dirs[] = {"/usr/share/hunspell", "/usr/local/share/hunspell", NULL};
    wa_check_opts o = {.lang = "fr", .data_dir = argv[2], .dict_dirs = dirs,
                       .thes_idx = "/usr/share/mythes/th_en_US_v2.idx",
                       .thes_dat = "/usr/share/mythes/th_en_US_v2.dat"};
    wa_checker *ck = NULL;
    wa_error err = {0};
    if (wa_checker_open(&ck, &o, &err) != 0) {
        fprintf(stderr, "bench_check: %s\n", err.message);
        free(s);
        return 2;
    }
    double best = 1e30, first = 0;
    size_t findings = 0;
    enum { ROUNDS = 5 };
    for (int round = 0; round < ROUNDS; round++) {
        clock_t t0 = clock();
        findings = 0;
        for (size_t k = 0; k < ndocs; k++) {
            wa_finding *f;
            size_t n;
            if (wa_check(ck, s + starts[k], starts[k + 1] - starts[k], &f, &n, &err) != 0) {
                fprintf(stderr, "bench_check: %s\n", err.message);
                return 2;
            }
            findings += n;
            wa_findings_free(f, n);
        }
        double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (t < best)
            best = t;
        if (round == 0)
            first = t;
    }
    /* The first round also fills the caches (verdicts, close words): it is
     * what a one-shot run over this corpus costs. */
    printf("check: %.1f MB/s (%zu bytes in %zu documents, %.3f s, %zu findings; first round "
           "%.1f MB/s)\n",
           len / best / 1e6, len, ndocs, best, findings, len / first / 1e6);
    wa_checker_free(ck);
    free(s);
    free(starts);
    return 0;
}
