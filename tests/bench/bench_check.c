/* Benchmark of `check` (all categories, French): MB/s on one core over the
 * corpus, cut into documents of about 64 KB at line ends; CPU time, best of
 * 3.  Run as: bench_check CORPUS_FILE DATA_DIR CORPUS_DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_check CORPUS_FILE DATA_DIR [CORPUS_DIR]\n");
        return 2;
    }
    size_t len;
    char *s = slurp(argv[1], &len);
    if (!s) {
        fprintf(stderr, "bench_check: %s: cannot read\n", argv[1]);
        return 2;
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
    for (int round = 0; round < 3; round++) {
        clock_t t0 = clock();
        findings = 0;
        for (size_t a = 0; a < len;) {
            size_t b = a + 65536 < len ? a + 65536 : len;
            while (b < len && s[b - 1] != '\n')
                b++;
            wa_finding *f;
            size_t n;
            if (wa_check(ck, s + a, b - a, &f, &n, &err) != 0) {
                fprintf(stderr, "bench_check: %s\n", err.message);
                return 2;
            }
            findings += n;
            wa_findings_free(f, n);
            a = b;
        }
        double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (t < best)
            best = t;
        if (round == 0)
            first = t;
    }
    /* The first round also fills the caches (verdicts, close words): it is
     * what a one-shot run over this corpus costs. */
    printf("check: %.1f MB/s (%zu bytes, %.3f s, %zu findings; first round %.1f MB/s)\n",
           len / best / 1e6, len, best, findings, len / first / 1e6);
    wa_checker_free(ck);
    free(s);
    return 0;
}
