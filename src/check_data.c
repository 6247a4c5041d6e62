/* The proofreader's data: word lists and patterns from dictionaries/, case
 * folding, and glob matching of boilerplate lines. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_internal.h"

/* Space, tab, CR and LF: the ASCII bytes that fold to a space. */
static inline int blank(unsigned char c)
{
    const uint64_t blanks = 1ull << ' ' | 1ull << '\t' | 1ull << '\r' | 1ull << '\n';
    return c <= ' ' && (blanks >> c & 1);
}

/* Printable ASCII bytes folded (capitals to lower case); 0 for the others
 * (space and control bytes, non-ASCII), which fold_other() takes. */
#define FOLD1(c) (unsigned char)((c) > ' ' && (c) < 0x80 ? ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c)) : 0)
#define FOLD4(c) FOLD1(c), FOLD1((c) + 1), FOLD1((c) + 2), FOLD1((c) + 3)
#define FOLD16(c) FOLD4(c), FOLD4((c) + 4), FOLD4((c) + 8), FOLD4((c) + 12)
static const unsigned char fold_ascii[256] = {FOLD16(0x00), FOLD16(0x10), FOLD16(0x20), FOLD16(0x30),
                                              FOLD16(0x40), FOLD16(0x50), FOLD16(0x60), FOLD16(0x70)};

/* A byte that is not printable ASCII (nor a blank) at s[i], with what
 * follows it, folded at *o: Latin-1 capitals (not ×) and Œ to lower case,
 * ’ to ', no-break spaces to a space (*space set, nothing written), any
 * other byte as it is.  Returns the bytes read. */
static size_t fold_other(const char *s, size_t n, size_t i, char **o, int *space)
{
    unsigned char c = (unsigned char)s[i];
    unsigned char d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    unsigned char e = i + 2 < n ? (unsigned char)s[i + 2] : 0;
    if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) {
        *(*o)++ = (char)c;
        *(*o)++ = (char)(d + 0x20);
        return 2;
    }
    if (c == 0xC5 && d == 0x92) { /* Œ */
        *(*o)++ = (char)0xC5;
        *(*o)++ = (char)0x93;
        return 2;
    }
    if (c == 0xE2 && d == 0x80 && e == 0x99) { /* ’ */
        *(*o)++ = '\'';
        return 3;
    }
    if (c == 0xC2 && d == 0xA0) { /* nbsp */
        *space = 1;
        return 2;
    }
    if (c == 0xE2 && d == 0x80 && e == 0xAF) { /* narrow nbsp */
        *space = 1;
        return 3;
    }
    *(*o)++ = (char)c;
    return 1;
}

void ck_fold(const char *s, size_t n, wa_buf *out)
{
    /* Folding never lengthens the text: reserve once, write in place. */
    if (wa_buf_reserve(out, n + 1) != 0)
        return;
    char *o = out->data + out->len;
    const char *start = out->data;
    int space = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (blank(c)) {
            space = 1;
            i++;
            continue;
        }
        if (space && o > start)
            *o++ = ' ';
        space = 0;
        if (!fold_ascii[c]) {
            i += fold_other(s, n, i, &o, &space);
            continue;
        }
        /* a run of printable ASCII, the common case */
        unsigned char f;
        while (i < n && (f = fold_ascii[(unsigned char)s[i]]) != 0) {
            *o++ = (char)f;
            i++;
        }
    }
    *o = '\0';
    out->len = (size_t)(o - out->data);
}

int ck_glob(const char *p, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p == '#' && *s >= '0' && *s <= '9') {
            while (s[1] >= '0' && s[1] <= '9')
                s++;
            p++;
            s++;
        } else if (*p == *s) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

const char *const ck_class_names[CK_NCLASSES] = {
    "fr-governors", "fr-feminine-determiners", "fr-masculine-determiners", "fr-no-elision",
    "run-connectors", "en-institution-words", "en-run-particles", "run-leading-articles",
    "en-remembered-article", "fr-short-function-words", "fr-doubled-ok", "fr-articles",
    "fr-definite-articles", "fr-prepositions", "fr-cardinals", "fr-plural-determiners",
    "fr-number-labels", "en-function-words", "en-media-heads", "fr-prenominal-adjectives",
    "en-name-connectors", "en-organisation-heads", "en-newspaper-titles", "en-invariant-plurals"};

typedef struct class_reader {
    wa_map *m;
    unsigned seen; /* the classes with a word */
    char unknown[64];
} class_reader;

/* One "NAME: word word ..." line. */
static int class_line(void *ctx, const char *line, size_t n)
{
    class_reader *r = ctx;
    const char *colon = memchr(line, ':', n);
    if (!colon)
        return WA_EDATA;
    size_t nl = (size_t)(colon - line);
    int c = 0;
    while (c < CK_NCLASSES &&
           (strlen(ck_class_names[c]) != nl || memcmp(ck_class_names[c], line, nl) != 0))
        c++;
    if (c == CK_NCLASSES) {
        snprintf(r->unknown, sizeof r->unknown, "%.*s", (int)(nl < 60 ? nl : 60), line);
        return WA_EDATA;
    }
    const char *p = colon + 1, *w;
    size_t wl;
    while ((w = wa_next_word(&p, line + n, &wl))) {
        void **v = wa_map_put(r->m, w, wl, NULL);
        if (!v)
            return WA_ENOMEM;
        *v = (void *)((uintptr_t)*v | (1u << c));
        r->seen |= 1u << c;
    }
    return 0;
}

int ck_classes_read(const char *dir, wa_map **out, wa_error *err)
{
    class_reader r = {wa_map_new(256), 0, ""};
    *out = NULL;
    if (!r.m)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    int rc = wa_read_list(dir, "word-classes.txt", class_line, &r, err);
    if (rc == WA_EDATA && r.unknown[0] && err) {
        /* "PATH:LINE: malformed entry" says where; say what */
        char where[600];
        snprintf(where, sizeof where, "%s", err->message);
        char *m = strstr(where, ": malformed entry");
        if (m)
            *m = '\0';
        wa_fail(err, rc, "%s: unknown word class '%s'", where, r.unknown);
    }
    for (int c = 0; !rc && c < CK_NCLASSES; c++)
        if (!(r.seen & (1u << c)))
            rc = wa_fail(err, WA_EDATA, "%s/word-classes.txt: no words for class '%s'", dir,
                         ck_class_names[c]);
    if (rc) {
        wa_map_free(r.m);
        return rc;
    }
    *out = r.m;
    return 0;
}

unsigned ck_classes_of(const wa_map *classes, const char *w, size_t n)
{
    void **v = n ? wa_map_get(classes, w, n) : NULL;
    return v ? (unsigned)(uintptr_t)*v : 0;
}
