/* Benchmark of wa_text_decode: MB/s on one core over the corpus as UTF-8,
 * as windows-1252 (converted here with iconv), as UTF-16LE and as UTF-8
 * mojibake; whole file and cut into 64 KB documents; CPU time, best of 3.
 * Run as: bench_text CORPUS_FILE DATA_DIR CORPUS_DIR. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "wirealign.h"
#include "util/util.h"

/* The whole file (the library's reader); NULL on failure. */
static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    return wa_read_file(path, &buf, len, NULL) == 0 ? buf : NULL;
}

/* Converts UTF-8 to `to`; characters it cannot hold become '?'. */
static char *convert(const char *s, size_t n, const char *to, size_t *outlen)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 4 + 16;
    char *out = malloc(cap), *op = out, *ip = (char *)s;
    size_t il = n, ol = cap;
    while (out && il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno != EILSEQ && errno != EINVAL)
            break;
        /* skip one UTF-8 character, write '?' */
        size_t k = 1;
        while (k < il && ((unsigned char)ip[k] & 0xC0) == 0x80)
            k++;
        ip += k;
        il -= k;
        *op++ = '?';
        ol--;
    }
    iconv_close(cd);
    *outlen = cap - ol;
    return out;
}

/* UTF-8 text read as windows-1252 and written out as UTF-8 again. */
static char *mojibake(const char *s, size_t n, size_t *outlen)
{
    size_t m;
    char *l1 = convert(s, n, "UTF-8", &m); /* a copy */
    char *cp = NULL;
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (l1 && cd != (iconv_t)-1) {
        size_t cap = m * 3 + 16;
        cp = malloc(cap);
        char *op = cp, *ip = l1;
        size_t il = m, ol = cap;
        while (cp && il > 0) {
            if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
                break;
            /* the five undefined bytes: C1 controls, as Windows does */
            *op++ = (char)0xC2;
            *op++ = *ip++;
            il--;
            ol -= 2;
        }
        *outlen = cap - ol;
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(l1);
    return cp;
}

/* Decodes s whole (chunk == 0) or in chunks cut at line ends; returns the
 * best CPU time of 3 rounds, or -1 on failure. */
static double run(const char *s, size_t n, size_t chunk, const char *enc, size_t *repairs)
{
    double best = 1e30;
    wa_text_opts o = {0};
    o.encoding = enc;
    for (int round = 0; round < 3; round++) {
        size_t rep = 0;
        clock_t t0 = clock();
        for (size_t at = 0; at < n;) {
            size_t len = chunk ? chunk : n - at;
            if (at + len > n)
                len = n - at;
            while (chunk && at + len < n && s[at + len - 1] != '\n' && len < 2 * chunk)
                len++;
            wa_text *t = NULL;
            wa_error err = {0};
            if (wa_text_decode(&t, s + at, len, &o, &err) != 0) {
                fprintf(stderr, "bench_text: %s\n", err.message);
                return -1;
            }
            size_t k;
            wa_text_repairs(t, &k);
            rep += k;
            wa_text_free(t);
            at += len;
        }
        double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (dt < best)
            best = dt;
        *repairs = rep;
    }
    return best;
}

static void report(const char *what, const char *s, size_t n, size_t chunk, const char *enc)
{
    size_t repairs = 0;
    double t = run(s, n, chunk, enc, &repairs);
    if (t < 0)
        return;
    printf("text (%s): %.1f MB/s (%zu bytes, %.3f s, %zu repairs)\n", what,
           t > 0 ? (double)n / 1e6 / t : 0.0, n, t, repairs);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text CORPUS_FILE [DATA_DIR CORPUS_DIR]\n");
        return 2;
    }
    size_t n;
    char *s = slurp(argv[1], &n);
    if (!s) {
        fprintf(stderr, "bench_text: %s: cannot read\n", argv[1]);
        return 2;
    }
    size_t n1252, n16, nmoj;
    char *cp1252 = convert(s, n, "WINDOWS-1252", &n1252);
    char *u16 = convert(s, n, "UTF-16LE", &n16);
    char *moj = mojibake(s, n, &nmoj);
    if (!cp1252 || !u16 || !moj) {
        fprintf(stderr, "bench_text: iconv cannot convert the corpus\n");
        return 2;
    }
    report("UTF-8", s, n, 0, NULL);
    report("UTF-8, 64 KB documents", s, n, 65536, NULL);
    report("windows-1252, detected", cp1252, n1252, 0, NULL);
    report("windows-1252, detected, 64 KB documents", cp1252, n1252, 65536, NULL);
    report("UTF-16LE, detected", u16, n16, 0, NULL);
    report("UTF-8 mojibake, repaired", moj, nmoj, 0, NULL);
    /* Quality: the repaired corpus against the original, line by line. */
    wa_text *a = NULL, *b = NULL;
    size_t na, nb;
    if (wa_text_decode(&a, s, n, NULL, NULL) == 0 &&
        wa_text_decode(&b, moj, nmoj, NULL, NULL) == 0) {
        const char *x = wa_text_data(a, &na), *y = wa_text_data(b, &nb);
        size_t lines = 0, differ = 0;
        while (*x || *y) {
            const char *ex = strchr(x, '\n'), *ey = strchr(y, '\n');
            size_t lx = ex ? (size_t)(ex - x) : strlen(x), ly = ey ? (size_t)(ey - y) : strlen(y);
            lines++;
            differ += lx != ly || memcmp(x, y, lx) != 0;
            x += lx + (ex != NULL);
            y += ly + (ey != NULL);
        }
        printf("text (mojibake repair quality): %zu of %zu lines identical to the original\n",
               lines - differ, lines);
    }
    wa_text_free(a);
    wa_text_free(b);
    free(s);
    free(cp1252);
    free(u16);
    free(moj);
    return 0;
}
