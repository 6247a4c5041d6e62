/* Benchmark of the whole job: each stage alone on one core (library calls,
 * CPU time, best of 3), then `wirealign report` itself at --jobs 1 and 2
 * (wall and CPU time, best of 3) and its peak memory.
 * Run as: bench_report CORPUS_FILE DATA_DIR CORPUS_DIR (see tests/bench/run.sh). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "wirealign.h"

extern char **environ;

typedef struct corpus {
    char **paths;
    char **data;
    size_t *lens;
    size_t n, bytes;
} corpus;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load(corpus *c, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (c->n == cap) {
            cap = cap ? cap * 2 : 1024;
            c->paths = realloc(c->paths, cap * sizeof *c->paths);
        }
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        c->paths[c->n] = malloc(n);
        snprintf(c->paths[c->n], n, "%s/%s", dir, e->d_name);
        c->n++;
    }
    closedir(d);
    qsort(c->paths, c->n, sizeof *c->paths, cmp_str);
    c->data = calloc(c->n, sizeof *c->data);
    c->lens = calloc(c->n, sizeof *c->lens);
    for (size_t i = 0; i < c->n; i++) {
        FILE *f = fopen(c->paths[i], "rb");
        if (!f)
            return -1;
        fseek(f, 0, SEEK_END);
        long sz = ftell(f);
        fseek(f, 0, SEEK_SET);
        c->data[i] = malloc((size_t)sz + 1);
        c->lens[i] = fread(c->data[i], 1, (size_t)sz, f);
        fclose(f);
        c->bytes += c->lens[i];
    }
    return 0;
}

static double cpu_now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static double wall_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Set when a stage could not run: the program then exits 2. */
static int stage_failed;

static void print_rate(const char *what, size_t bytes, double secs)
{
    if (secs < 0) {
        /* most often a bench binary older than the data files: `make bench`
         * rebuilds it */
        fprintf(stderr, "bench_report: the %s stage failed to open or run\n", what);
        stage_failed = 1;
        return;
    }
    printf("report: %-22s %8.1f MB/s (%zu bytes, %.3f s)\n", what,
           secs > 0 ? bytes / 1e6 / secs : 0.0, bytes, secs);
    fflush(stdout);
}

/* Stage 1: reading (decode from bytes in memory). */
static double stage_text(const corpus *c, wa_text **texts)
{
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < c->n; i++) {
            wa_text_free(texts[i]);
            texts[i] = NULL;
        }
        double t0 = cpu_now();
        for (size_t i = 0; i < c->n; i++)
            if (wa_text_decode(&texts[i], c->data[i], c->lens[i], NULL, NULL) != 0)
                texts[i] = NULL;
        double t = cpu_now() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

/* Sentence splitting. */
static double stage_split(const corpus *c, wa_text **texts, const char *data)
{
    wa_splitter *sp = NULL;
    wa_split_opts o = {0};
    o.data_dir = data;
    if (wa_splitter_open(&sp, &o, NULL) != 0)
        return -1;
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        double t0 = cpu_now();
        for (size_t i = 0; i < c->n; i++) {
            if (!texts[i])
                continue;
            size_t len, n;
            const char *s = wa_text_data(texts[i], &len);
            wa_span *sp_out = NULL;
            if (wa_split(sp, s, len, &sp_out, &n, NULL) == 0)
                wa_free(sp_out);
        }
        double t = cpu_now() - t0;
        if (t < best)
            best = t;
    }
    wa_splitter_free(sp);
    return best;
}

/* Name mentions: found, counted with their antecedents, clustered. */
static double stage_names(const corpus *c, wa_text **texts, const char *data)
{
    wa_names_opts o = {0};
    o.data_dir = data;
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        wa_names *nm = NULL;
        if (wa_names_open(&nm, &o, NULL) != 0)
            return -1;
        double t0 = cpu_now();
        for (size_t i = 0; i < c->n; i++) {
            size_t len;
            if (texts[i]) {
                const char *s = wa_text_data(texts[i], &len);
                wa_names_add_text(nm, c->paths[i], s, len, NULL, 0, NULL);
            }
        }
        wa_names_cluster(nm, NULL);
        double t = cpu_now() - t0;
        wa_names_free(nm);
        if (t < best)
            best = t;
    }
    return best;
}

/* The proofreader, after learning the set (learning is timed too). */
static double stage_check(const corpus *c, wa_text **texts, const char *data)
{
    const char *dirs[] = {"/usr/share/hunspell", NULL};
    wa_check_opts o = {0};
    o.lang = "fr";
    o.data_dir = data;
    o.dict_dirs = dirs;
    o.thes_idx = "/usr/share/mythes/th_en_US_v2.idx";
    o.thes_dat = "/usr/share/mythes/th_en_US_v2.dat";
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        wa_checker *ck = NULL;
        if (wa_checker_open(&ck, &o, NULL) != 0)
            return -1;
        double t0 = cpu_now();
        for (size_t i = 0; i < c->n; i++) {
            size_t len;
            if (texts[i]) {
                const char *s = wa_text_data(texts[i], &len);
                wa_check_learn(ck, s, len);
            }
        }
        for (size_t i = 0; i < c->n; i++) {
            if (!texts[i])
                continue;
            size_t len, n;
            const char *s = wa_text_data(texts[i], &len);
            wa_finding *f = NULL;
            if (wa_check(ck, s, len, &f, &n, NULL) == 0)
                wa_findings_free(f, n);
        }
        double t = cpu_now() - t0;
        wa_checker_free(ck);
        if (t < best)
            best = t;
    }
    return best;
}

/* The report stage: render every document, spool, write the page. */
static double stage_render(const corpus *c, wa_text **texts)
{
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        FILE *spool = tmpfile(), *out = fopen("/dev/null", "w");
        wa_report *r = NULL;
        wa_report_opts o = {0};
        o.spool = spool;
        wa_report_open(&r, &o, NULL);
        double t0 = cpu_now();
        for (size_t i = 0; i < c->n; i++) {
            if (!texts[i])
                continue;
            wa_report_doc d = {0};
            d.name = c->paths[i];
            d.index = i;
            d.text = wa_text_data(texts[i], &d.len);
            d.encoding = wa_text_encoding(texts[i]);
            wa_report_part *p = NULL;
            if (wa_report_render(&p, &d, 1, NULL) == 0)
                wa_report_add(r, p, NULL, NULL);
        }
        wa_report_write_html(r, out, NULL);
        double t = cpu_now() - t0;
        wa_report_free(r);
        fclose(spool);
        fclose(out);
        if (t < best)
            best = t;
    }
    return best;
}

/* Runs the CLI once; returns 0 and the wall and CPU seconds it took. */
static int run_job(const char *bin, const corpus *c, int jobs, const char *page, double *wall,
                   double *cpu)
{
    size_t argc = c->n + 8;
    char **argv = calloc(argc, sizeof *argv);
    char jobs_s[16];
    snprintf(jobs_s, sizeof jobs_s, "%d", jobs);
    size_t k = 0;
    argv[k++] = (char *)bin;
    argv[k++] = "report";
    argv[k++] = "--jobs";
    argv[k++] = jobs_s;
    argv[k++] = "-o";
    argv[k++] = (char *)page;
    for (size_t i = 0; i < c->n; i++)
        argv[k++] = c->paths[i];
    argv[k] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    struct rusage before, after;
    getrusage(RUSAGE_CHILDREN, &before);
    double t0 = wall_now();
    pid_t pid;
    int rc = posix_spawn(&pid, bin, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    free(argv);
    if (rc != 0)
        return -1;
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    *wall = wall_now() - t0;
    getrusage(RUSAGE_CHILDREN, &after);
    *cpu = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec) +
           (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
           (double)(after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
           (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_report CORPUS_FILE DATA_DIR CORPUS_DIR\n");
        return 2;
    }
    corpus c = {0};
    if (load(&c, argv[3]) != 0 || c.n == 0) {
        fprintf(stderr, "bench_report: %s: cannot read the corpus\n", argv[3]);
        return 2;
    }
    /* The CLI next to this program's folder: BUILD/bench/.. */
    char bin[PATH_MAX];
    snprintf(bin, sizeof bin, "%s", argv[0]);
    char *slash = strrchr(bin, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(bin, ".");
    strncat(bin, "/../wirealign", sizeof bin - strlen(bin) - 1);

    printf("report: corpus of %zu files, %zu bytes\n", c.n, c.bytes);
    /* Wall times on a shared machine depend on what else runs. */
    FILE *la = fopen("/proc/loadavg", "r");
    char load[64] = "";
    if (la) {
        if (fgets(load, sizeof load, la))
            load[strcspn(load, " ")] = '\0';
        fclose(la);
    }
    printf("report: machine: %ld cores, load average %s at the start\n",
           sysconf(_SC_NPROCESSORS_ONLN), load[0] ? load : "unknown");
    wa_text **texts = calloc(c.n, sizeof *texts);
    print_rate("text (1 core)", c.bytes, stage_text(&c, texts));
    print_rate("split (1 core)", c.bytes, stage_split(&c, texts, argv[2]));
    print_rate("names (1 core)", c.bytes, stage_names(&c, texts, argv[2]));
    print_rate("check (1 core)", c.bytes, stage_check(&c, texts, argv[2]));
    print_rate("html page (1 core)", c.bytes, stage_render(&c, texts));
    for (size_t i = 0; i < c.n; i++)
        wa_text_free(texts[i]);
    free(texts);

    char page[] = "/tmp/wirealign-bench-XXXXXX";
    int fd = mkstemp(page);
    if (fd < 0)
        return 2;
    close(fd);
    double wall1 = 0;
    for (int jobs = 1; jobs <= 2; jobs++) {
        double best_wall = 1e30, best_cpu = 1e30;
        for (int round = 0; round < 3; round++) {
            double w, u;
            if (run_job(bin, &c, jobs, page, &w, &u) != 0) {
                fprintf(stderr, "bench_report: %s report failed\n", bin);
                unlink(page);
                return 2;
            }
            if (w < best_wall)
                best_wall = w;
            if (u < best_cpu)
                best_cpu = u;
        }
        char what[64];
        snprintf(what, sizeof what, "whole job --jobs %d", jobs);
        printf("report: %-22s %8.1f MB/s wall, %.1f MB/s per CPU second (%zu bytes, %.3f s)",
               what, c.bytes / 1e6 / best_wall, c.bytes / 1e6 / best_cpu, c.bytes, best_wall);
        if (jobs == 1)
            wall1 = best_wall;
        else
            printf(", x%.2f of --jobs 1", wall1 / best_wall);
        printf("\n");
        fflush(stdout);
    }
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("report: peak memory of the whole job %.1f MB (largest run)\n", ru.ru_maxrss / 1024.0);
    unlink(page);
    return stage_failed ? 2 : 0;
}
