/* Benchmark of the sentence splitter against a bare ICU sentence
 * BreakIterator on the same text, plus the no-period pathological ratio.
 * Usage: bench_split CORPUS_FILE DATA_DIR [CORPUS_DIR]; one core, CPU time
 * (clock()), best of 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include "split_internal.h"
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

static int count_span(void *ctx, wa_span sp)
{
    (void)sp;
    ++*(size_t *)ctx;
    return 0;
}

/* Best of 3 CPU seconds for wa_split_each over s; *nsent gets the count. */
static double time_split(wa_splitter *sp, const char *s, size_t len, size_t *nsent)
{
    double best = 1e30;
    for (int r = 0; r < 3; r++) {
        size_t n = 0;
        clock_t t0 = clock();
        if (wa_split_each(sp, s, len, count_span, &n, NULL) != 0) {
            fprintf(stderr, "bench_split: wa_split failed\n");
            exit(2);
        }
        double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (dt < best)
            best = dt;
        *nsent = n;
    }
    return best;
}

/* Bare ICU: UTF-8 to UTF-16 (timed or not), then every boundary. */
static double time_icu(UBreakIterator *bi, const char *s, size_t len, int with_conversion,
                       size_t *nb)
{
    double best = 1e30;
    UChar *u = malloc((len + 1) * sizeof *u);
    int32_t n16 = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (!with_conversion)
        u_strFromUTF8WithSub(u, (int32_t)len + 1, &n16, s, (int32_t)len, 0xFFFD, NULL, &st);
    for (int r = 0; r < 3; r++) {
        clock_t t0 = clock();
        st = U_ZERO_ERROR;
        if (with_conversion)
            u_strFromUTF8WithSub(u, (int32_t)len + 1, &n16, s, (int32_t)len, 0xFFFD, NULL, &st);
        ubrk_setText(bi, u, n16, &st);
        size_t k = 0;
        ubrk_first(bi);
        while (ubrk_next(bi) != UBRK_DONE)
            k++;
        double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (U_FAILURE(st)) {
            fprintf(stderr, "bench_split: ICU: %s\n", u_errorName(st));
            exit(2);
        }
        if (dt < best)
            best = dt;
        *nb = k;
    }
    free(u);
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_split CORPUS_FILE DATA_DIR [CORPUS_DIR]\n");
        return 2;
    }
    size_t len;
    char *s = read_all(argv[1], &len);
    if (!s || len == 0 || len > (size_t)INT32_MAX / 2) {
        fprintf(stderr, "bench_split: %s: cannot read (or empty, or too large)\n", argv[1]);
        return 2;
    }
    wa_split_opts o = {"fr", argv[2], NULL, NULL};
    wa_splitter *sp = NULL;
    wa_error err = {0};
    if (wa_splitter_open(&sp, &o, &err) != 0) {
        fprintf(stderr, "bench_split: %s\n", err.message);
        return 2;
    }
    double mb = (double)len / 1e6;
    size_t nsent, nb;
    double t = time_split(sp, s, len, &nsent);
    printf("split: %.1f MB/s (%zu bytes, %.3f s, %zu sentences)\n", mb / t, len, t, nsent);

    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "fr", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "bench_split: ICU: %s\n", u_errorName(st));
        return 2;
    }
    double ti = time_icu(bi, s, len, 1, &nb);
    double tx = time_icu(bi, s, len, 0, &nb);
    printf("split-icu-bare: %.1f MB/s with UTF-16 conversion, %.1f MB/s without (%zu boundaries)\n",
           mb / ti, mb / tx, nb);
    printf("split-vs-icu: %.2f of bare ICU with conversion, %.2f without (target >= 0.33)\n",
           ti / t, tx / t);
    /* The same split with ICU run on every chunk, even where it cannot
     * change the result (the default skips those chunks). */
    wa_split_icu_always(sp, 1);
    size_t nsent2;
    double ta = time_split(sp, s, len, &nsent2);
    wa_split_icu_always(sp, 0);
    printf("split-icu-every-chunk: %.1f MB/s (%.3f s, %zu sentences%s); %.2f of bare ICU with "
           "conversion, %.2f without\n", mb / ta, ta, nsent2,
           nsent2 == nsent ? ", same split" : ", DIFFERENT SPLIT", ti / ta, tx / ta);
    ubrk_close(bi);

    /* 50 MB without a single sentence-ending mark, from the same bytes. */
    size_t plen = 50u * 1000 * 1000;
    char *p = malloc(plen);
    for (size_t i = 0; i < plen; i++) {
        char c = s[i % len];
        p[i] = (c == '.' || c == '!' || c == '?') ? ' ' : c;
    }
    /* Do not cut a UTF-8 sequence at the end. */
    while (plen > 0 && ((unsigned char)p[plen - 1] & 0x80))
        plen--;
    size_t np;
    double tp = time_split(sp, p, plen, &np);
    double ratio = (tp / (double)plen) / (t / (double)len);
    printf("split-no-period: %.1f MB/s (%zu bytes, %.3f s, %zu sentences); per-byte cost %.2f "
           "of ordinary text (target <= 1)\n", (double)plen / 1e6 / tp, plen, tp, np, ratio);
    free(p);
    free(s);
    wa_splitter_free(sp);
    return 0;
}
