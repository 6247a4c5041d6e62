/* Benchmark of the names stages: name keys per second (first time and
 * cached), mention finding on the corpus, and the time and peak memory to
 * cluster one million generated mentions.
 * Usage: bench_names CORPUS_FILE DATA_DIR [CORPUS_DIR]; one core, CPU time
 * (clock()), best of 3 except the million-mention run (once, memory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "wirealign.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    size_t got;
    while (s && (got = fread(s + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            s = realloc(s, cap);
        }
    }
    fclose(f);
    *len = n;
    return s;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* A deterministic generator (64-bit LCG). */
static unsigned long long seed = 88172645463325252ULL;
static unsigned next(void)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(seed >> 33);
}

static const char *const syl[] = {
    "ka", "ro", "mi", "sha", "tel", "vin", "dor", "gu", "lep", "zan", "bri", "ost", "un",
    "far", "ek", "ni", "pa", "shi", "nyan", "ko", "lov", "mar", "tsu", "ber", "dim", "ga",
    "hor", "is", "jan", "kul", "lem", "mos", "nor", "pet", "rus", "sel", "tam", "ul",
    "vor", "zel"};
#define NSYL (sizeof syl / sizeof *syl)
static const char *const first[] = {
    "Sergei", "Nikol", "Ilham", "Maria", "Vladimir", "Dmitri", "Anna", "Olga", "Ivan",
    "Ali", "Hassan", "Yulia", "Viktor", "Petro", "Ararat", "Suren", "Robert", "Levon",
    "Mikheil", "Irakli", "Kim", "Xi", "Recep", "Ahmed", "Omar", "Layla", "Farid", "Nadia",
    "Giorgi", "Tamar", "Elena", "Pavel", "Oleg", "Igor", "Boris", "Yusuf", "Emine",
    "Javad", "Ebrahim", "Ruslan"};
#define NFIRST (sizeof first / sizeof *first)

/* French-press spelling of an English-press form: sh -> ch, u -> ou,
 * y -> i, final -ov -> -off. */
static void frenchify(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; in[i] && o + 4 < cap; i++) {
        if (in[i] == 's' && in[i + 1] == 'h') {
            out[o++] = 'c';
            out[o++] = 'h';
            i++;
        } else if (in[i] == 'u' && (i == 0 || in[i - 1] != 'o')) {
            out[o++] = 'o';
            out[o++] = 'u';
        } else if (in[i] == 'y') {
            out[o++] = 'i';
        } else {
            out[o++] = in[i];
        }
    }
    out[o] = '\0';
}

#define NENT 20000
#define NMENTIONS 1000000
#define PER_DOC 200

static void run_million(const char *data)
{
    static char surname[NENT][32];
    static int firstname[NENT];
    for (int e = 0; e < NENT; e++) {
        unsigned a = next() % NSYL, b = next() % NSYL, c = next() % NSYL;
        snprintf(surname[e], sizeof surname[e], "%c%s%s%s", 'A' + (int)(next() % 26), syl[a],
                 syl[b], syl[c]);
        firstname[e] = (int)(next() % NFIRST);
    }
    double before = peak_mb();
    wa_names_opts o = {0};
    o.data_dir = data;
    wa_names *nm = NULL;
    wa_error err = {0};
    if (wa_names_open(&nm, &o, &err)) {
        fprintf(stderr, "bench_names: %s\n", err.message);
        exit(2);
    }
    char form[128], fr[64], doc[32];
    clock_t t0 = clock();
    for (long m = 0; m < NMENTIONS; m++) {
        /* Popular entities come up far more often (a cubed uniform draw). */
        double u = (double)(next() % 1000000) / 1000000.0;
        int e = (int)(u * u * u * NENT);
        unsigned kind = next() % 10;
        const char *sn = surname[e];
        frenchify(sn, fr, sizeof fr);
        switch (kind) {
        case 0: case 1: case 2:
            snprintf(form, sizeof form, "%s %s", first[firstname[e]], sn);
            break;
        case 3: case 4:
            snprintf(form, sizeof form, "%s %s", first[firstname[e]], fr);
            break;
        case 5: case 6:
            snprintf(form, sizeof form, "%s", sn);
            break;
        case 7:
            snprintf(form, sizeof form, "%s", fr);
            break;
        case 8:
            snprintf(form, sizeof form, "%c. %s", first[firstname[e]][0], sn);
            break;
        default:
            /* A relative: another first name, same surname. */
            snprintf(form, sizeof form, "%s %s", first[(firstname[e] + 7) % NFIRST], sn);
            break;
        }
        snprintf(doc, sizeof doc, "doc%05ld", m / PER_DOC);
        if (wa_names_add(nm, doc, form, strlen(form), 1, &err)) {
            fprintf(stderr, "bench_names: %s\n", err.message);
            exit(2);
        }
    }
    double t_add = (double)(clock() - t0) / CLOCKS_PER_SEC;
    t0 = clock();
    if (wa_names_cluster(nm, &err)) {
        fprintf(stderr, "bench_names: %s\n", err.message);
        exit(2);
    }
    double t_cluster = (double)(clock() - t0) / CLOCKS_PER_SEC;
    size_t ents = wa_names_entity_count(nm);
    t0 = clock();
    char *out = NULL;
    size_t len = 0;
    if (wa_names_write(nm, WA_NAMES_TSV, &out, &len, &err)) {
        fprintf(stderr, "bench_names: %s\n", err.message);
        exit(2);
    }
    double t_write = (double)(clock() - t0) / CLOCKS_PER_SEC;
    size_t rows = 0;
    for (size_t i = 0; i < len; i++)
        rows += out[i] == '\n';
    free(out);
    double after = peak_mb();
    printf("names: cluster %d mentions (%zu table rows, %zu entities, %d documents) in %.2f s "
           "(count %.2f s + cluster %.2f s), tsv %.2f s; peak memory %.0f MB (%.0f MB before)\n",
           NMENTIONS, rows - 1, ents, NMENTIONS / PER_DOC, t_add + t_cluster, t_add, t_cluster,
           t_write, after, before);
    wa_names_free(nm);
}

static void run_keys(const char *data)
{
    enum { N = 20000 };
    static char names[N][64];
    for (int i = 0; i < N; i++)
        snprintf(names[i], sizeof names[i], "%s %c%s%s%s", first[next() % NFIRST],
                 'A' + (int)(next() % 26), syl[next() % NSYL], syl[next() % NSYL],
                 syl[next() % NSYL]);
    wa_translit_opts o = {0};
    o.data_dir = data;
    double fresh = 1e30, cached = 1e30;
    for (int r = 0; r < 3; r++) {
        wa_translit *t = NULL;
        wa_error err = {0};
        if (wa_translit_open(&t, &o, &err)) {
            fprintf(stderr, "bench_names: %s\n", err.message);
            exit(2);
        }
        clock_t t0 = clock();
        for (int i = 0; i < N; i++) {
            char *k = NULL;
            wa_translit_key(t, names[i], strlen(names[i]), &k, NULL);
            free(k);
        }
        double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (dt < fresh)
            fresh = dt;
        t0 = clock();
        for (int rep = 0; rep < 10; rep++)
            for (int i = 0; i < N; i++) {
                char *k = NULL;
                wa_translit_key(t, names[i], strlen(names[i]), &k, NULL);
                free(k);
            }
        dt = (double)(clock() - t0) / CLOCKS_PER_SEC / 10;
        if (dt < cached)
            cached = dt;
        wa_translit_free(t);
    }
    printf("names: key %.0f names/s first time (%d distinct names), %.0f names/s cached\n",
           N / fresh, N, N / cached);
}

static void run_text(const char *corpus, const char *data)
{
    size_t len = 0;
    char *s = read_all(corpus, &len);
    if (!s) {
        fprintf(stderr, "bench_names: cannot read %s\n", corpus);
        exit(2);
    }
    wa_split_opts so = {0};
    so.lang = "fr";
    so.data_dir = data;
    wa_splitter *sp = NULL;
    wa_error err = {0};
    if (wa_splitter_open(&sp, &so, &err)) {
        fprintf(stderr, "bench_names: %s\n", err.message);
        exit(2);
    }
    wa_span *sent = NULL;
    size_t ns = 0;
    wa_split(sp, s, len, &sent, &ns, &err);
    double best = 1e30, first_time = 0;
    size_t ents = 0;
    for (int r = 0; r < 3; r++) {
        wa_names_opts o = {0};
        o.data_dir = data;
        wa_names *nm = NULL;
        if (wa_names_open(&nm, &o, &err)) {
            fprintf(stderr, "bench_names: %s\n", err.message);
            exit(2);
        }
        clock_t t0 = clock();
        if (wa_names_add_text(nm, "corpus", s, len, sent, ns, &err) ||
            wa_names_cluster(nm, &err)) {
            fprintf(stderr, "bench_names: %s\n", err.message);
            exit(2);
        }
        double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (r == 0)
            first_time = dt;
        if (dt < best)
            best = dt;
        ents = wa_names_entity_count(nm);
        wa_names_free(nm);
    }
    printf("names: find + cluster mentions in text %.1f MB/s (%zu bytes, %.2f s; %.2f s with "
           "a fresh key cache), %zu entities; the word-list common-word test\n",
           (double)len / 1e6 / best, len, best, first_time, ents);
    free(sent);
    wa_splitter_free(sp);
    free(s);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_names CORPUS_FILE DATA_DIR [CORPUS_DIR]\n");
        return 2;
    }
    run_million(argv[2]);
    run_keys(argv[2]);
    run_text(argv[1], argv[2]);
    return 0;
}
