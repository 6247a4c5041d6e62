/* Pathological inputs as ratios: for each stage, the per-byte CPU cost of
 * text without a sentence end, of one giant line, of one word repeated and
 * (for text) of dense invalid bytes and mojibake, against ordinary text of
 * the same size made from the corpus.  A ratio near 1 means no blow-up; the
 * figures are printed, never asserted.  CPU time (clock()), best of 3.
 * Run as: bench_pathological CORPUS_FILE DATA_DIR CORPUS_DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "wirealign.h"
#include "util/util.h"

#define MB (1000u * 1000u)

/* The whole file (the library's reader); NULL on failure. */
static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    return wa_read_file(path, &buf, len, NULL) == 0 ? buf : NULL;
}

/* The kinds of input; each is made `size` bytes long, ending on a UTF-8
 * character boundary. */
enum { ORDINARY, NO_PERIOD, ONE_LINE, ONE_WORD, INVALID, MOJIBAKE, NKINDS };
static const char *const kind_name[NKINDS] = {
    "ordinary", "no-period", "one-line", "one-word", "invalid-bytes", "mojibake"};

static char *make_input(int kind, const char *corpus, size_t clen, size_t size, size_t *len)
{
    char *p = malloc(size + 1);
    if (!p)
        return NULL;
    size_t n = 0;
    if (kind == ONE_WORD) {
        while (n + 4 <= size) {
            memcpy(p + n, "mot ", 4);
            n += 4;
        }
    } else if (kind == MOJIBAKE) {
        /* UTF-8 read as Latin-1 and encoded again: every non-ASCII byte
         * becomes two. */
        for (size_t i = 0; n + 2 <= size; i++) {
            unsigned char c = (unsigned char)corpus[i % clen];
            if (c < 0x80) {
                p[n++] = (char)c;
            } else {
                p[n++] = (char)(0xC0 | (c >> 6));
                p[n++] = (char)(0x80 | (c & 0x3F));
            }
        }
    } else {
        for (size_t i = 0; i < size; i++) {
            char c = corpus[i % clen];
            if (kind != ORDINARY && (c == '.' || c == '!' || c == '?'))
                c = ' ';
            if (kind == ONE_LINE && c == '\n')
                c = ' ';
            if (kind == INVALID && i % 16 == 15)
                c = (char)0xFF;
            p[i] = c;
        }
        n = size;
    }
    /* End on a character boundary. */
    while (n > 0 && ((unsigned char)p[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0 && ((unsigned char)p[n - 1] & 0x80))
        n--;
    p[n] = '\0';
    *len = n;
    return p;
}

typedef struct stage {
    const char *name;
    size_t size;    /* bytes of input per run */
    unsigned kinds; /* bit set of the kinds it is measured on */
    int (*run)(void *ctx, const char *s, size_t n);
    void *ctx;
} stage;

static int run_text(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    wa_text *t = NULL;
    int rc = wa_text_decode(&t, s, n, NULL, NULL);
    wa_text_free(t);
    return rc;
}

static int run_split(void *ctx, const char *s, size_t n)
{
    wa_span *sp = NULL;
    size_t k;
    int rc = wa_split(ctx, s, n, &sp, &k, NULL);
    wa_free(sp);
    return rc;
}

static int run_token(void *ctx, const char *s, size_t n)
{
    const wa_token *t;
    size_t k;
    return wa_tokenize(ctx, s, n, &t, &k, NULL);
}

static int run_names(void *ctx, const char *s, size_t n)
{
    wa_mention *m = NULL;
    size_t k;
    int rc = wa_names_find(ctx, s, n, NULL, 0, &m, &k, NULL);
    wa_free(m);
    return rc;
}

static int run_check(void *ctx, const char *s, size_t n)
{
    wa_finding *f = NULL;
    size_t k = 0;
    int rc = wa_check(ctx, s, n, &f, &k, NULL);
    wa_findings_free(f, k);
    return rc;
}

/* Best of 3 CPU seconds, or a negative value on failure. */
static double best_of_3(const stage *st, const char *s, size_t n)
{
    double best = 1e30;
    for (int r = 0; r < 3; r++) {
        clock_t c0 = clock();
        if (st->run(st->ctx, s, n) != 0)
            return -1;
        double dt = (double)(clock() - c0) / CLOCKS_PER_SEC;
        if (dt < best)
            best = dt;
    }
    return best > 1e-6 ? best : 1e-6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pathological CORPUS_FILE DATA_DIR [CORPUS_DIR]\n");
        return 2;
    }
    size_t clen;
    char *corpus = slurp(argv[1], &clen);
    if (!corpus || clen == 0) {
        fprintf(stderr, "bench_pathological: %s: cannot read (or empty)\n", argv[1]);
        return 2;
    }
    wa_error err = {0};
    wa_split_opts so = {0};
    so.data_dir = argv[2];
    wa_splitter *sp = NULL;
    wa_tokenizer *tk = NULL;
    wa_names *nm = NULL;
    wa_checker *ck = NULL;
    wa_names_opts no = {0};
    no.data_dir = argv[2];
    const char *dirs[] = {"/usr/share/hunspell", NULL};
    wa_tokenizer_opts to = {.lang = "fr", .data_dir = argv[2]};
    wa_check_opts co = {0};
    co.data_dir = argv[2];
    co.dict_dirs = dirs;
    co.thes_idx = "/usr/share/mythes/th_en_US_v2.idx";
    co.thes_dat = "/usr/share/mythes/th_en_US_v2.dat";
    if (wa_splitter_open(&sp, &so, &err) || wa_tokenizer_open(&tk, &to, &err) ||
        wa_names_open(&nm, &no, &err) || wa_checker_open(&ck, &co, &err)) {
        fprintf(stderr, "bench_pathological: %s\n", err.message);
        return 2;
    }
    const unsigned all_but_text = (1u << NO_PERIOD) | (1u << ONE_LINE) | (1u << ONE_WORD);
    stage stages[] = {
        {"text", 50 * MB, all_but_text | (1u << INVALID) | (1u << MOJIBAKE), run_text, NULL},
        {"split", 50 * MB, all_but_text, run_split, sp},
        {"token", 20 * MB, all_but_text, run_token, tk},
        {"names", 10 * MB, all_but_text, run_names, nm},
        {"check", 4 * MB, all_but_text, run_check, ck},
    };
    int status = 0;
    for (size_t k = 0; k < sizeof stages / sizeof *stages; k++) {
        const stage *st = &stages[k];
        size_t n;
        char *s = make_input(ORDINARY, corpus, clen, st->size, &n);
        double t0 = s ? best_of_3(st, s, n) : -1;
        free(s);
        if (t0 < 0) {
            fprintf(stderr, "bench_pathological: %s failed on ordinary text\n", st->name);
            status = 1;
            continue;
        }
        printf("pathological %s (%.0f MB each): ordinary %.1f MB/s; per-byte cost vs ordinary:",
               st->name, (double)st->size / MB, (double)n / MB / t0);
        double base = t0 / (double)n;
        for (int kind = 1; kind < NKINDS; kind++) {
            if (!(st->kinds & (1u << kind)))
                continue;
            size_t m;
            char *p = make_input(kind, corpus, clen, st->size, &m);
            double t = p ? best_of_3(st, p, m) : -1;
            free(p);
            if (t < 0) {
                printf(" %s FAILED", kind_name[kind]);
                status = 1;
            } else {
                printf(" %s %.2f", kind_name[kind], (t / (double)m) / base);
            }
        }
        printf("\n");
        fflush(stdout);
    }
    wa_checker_free(ck);
    wa_names_free(nm);
    wa_tokenizer_free(tk);
    wa_splitter_free(sp);
    free(corpus);
    return status;
}
