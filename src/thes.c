/* A plain C reader of MyThes thesaurus files (.idx/.dat), mapped in memory,
 * with a cache of parsed entries. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/util.h"
#include "wirealign/thes.h"

typedef struct mapped {
    const char *p;
    size_t len;
} mapped;

/* A cached lookup: the synonyms (pointing into the mapped .dat). */
typedef struct entry {
    size_t n;
    wa_synonym syn[];
} entry;

struct wa_thesaurus {
    mapped idx, dat;
    size_t body; /* offset of the first "word|offset" line in .idx */
    wa_map *cache; /* word -> entry, or the handle itself for an unknown word */
};

static int map_file(const char *path, mapped *m, wa_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return wa_fail(err, errno == ENOENT ? WA_ENOTFOUND : WA_EIO, "%s: %s", path,
                       strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return wa_fail(err, WA_EDATA, "%s: not a thesaurus file (empty or not a file)", path);
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return wa_fail(err, WA_EIO, "%s: %s", path, strerror(errno));
    m->p = p;
    m->len = (size_t)st.st_size;
    return 0;
}

static void unmap(mapped *m)
{
    if (m->p)
        munmap((void *)m->p, m->len);
    m->p = NULL;
}

/* Offset just past the line starting at i. */
static size_t next_line(const mapped *m, size_t i)
{
    const char *nl = memchr(m->p + i, '\n', m->len - i);
    return nl ? (size_t)(nl - m->p) + 1 : m->len;
}

static int header_ok(const mapped *m)
{
    /* First line: an encoding name (letters, digits, '-'), short. */
    size_t e = next_line(m, 0);
    if (e < 2 || e > 40)
        return 0;
    for (size_t i = 0; i + 1 < e; i++) {
        char c = m->p[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '\r'))
            return 0;
    }
    return 1;
}

int wa_thesaurus_open(wa_thesaurus **out, const wa_thesaurus_opts *opts, wa_error *err)
{
    *out = NULL;
    if (!opts || !opts->idx_path || !opts->dat_path)
        return wa_fail(err, WA_EINVAL, "thesaurus paths not given");
    wa_thesaurus *th = wa_calloc(1, sizeof *th);
    if (!th)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    int rc = map_file(opts->idx_path, &th->idx, err);
    if (!rc)
        rc = map_file(opts->dat_path, &th->dat, err);
    if (!rc && !header_ok(&th->idx))
        rc = wa_fail(err, WA_EDATA, "%s: not a MyThes index (first line must be the encoding)",
                     opts->idx_path);
    if (!rc && !header_ok(&th->dat))
        rc = wa_fail(err, WA_EDATA, "%s: not a MyThes data file (first line must be the encoding)",
                     opts->dat_path);
    if (!rc) {
        size_t l2 = next_line(&th->idx, 0);
        th->body = next_line(&th->idx, l2);
        if (l2 >= th->idx.len || th->idx.p[l2] < '0' || th->idx.p[l2] > '9')
            rc = wa_fail(err, WA_EDATA, "%s: not a MyThes index (second line must be the count)",
                         opts->idx_path);
    }
    if (!rc && !(th->cache = wa_map_new(1024)))
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
    if (rc) {
        wa_thesaurus_free(th);
        return rc;
    }
    *out = th;
    return 0;
}

void wa_thesaurus_free(wa_thesaurus *th)
{
    if (!th)
        return;
    if (th->cache) {
        size_t it = 0, kl;
        const char *k;
        void **v;
        while (wa_map_next(th->cache, &it, &k, &kl, &v))
            if (*v != (void *)th)
                free(*v);
        wa_map_free(th->cache);
    }
    unmap(&th->idx);
    unmap(&th->dat);
    free(th);
}

/* Compares the key with the word of the index line starting at i. */
static int cmp_line(const mapped *m, size_t i, const char *key, size_t klen)
{
    size_t j = 0;
    while (i + j < m->len && m->p[i + j] != '|' && m->p[i + j] != '\n' && j < klen) {
        unsigned char a = (unsigned char)key[j], b = (unsigned char)m->p[i + j];
        if (a != b)
            return a < b ? -1 : 1;
        j++;
    }
    int line_done = i + j >= m->len || m->p[i + j] == '|' || m->p[i + j] == '\n';
    if (j == klen)
        return line_done ? 0 : -1;
    return 1;
}

/* Binary search of the sorted index; returns the .dat offset or -1. */
static long long find_offset(const wa_thesaurus *th, const char *key, size_t klen)
{
    const mapped *m = &th->idx;
    size_t lo = th->body, hi = m->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid > lo && m->p[mid - 1] != '\n')
            mid--;
        int c = cmp_line(m, mid, key, klen);
        if (c == 0) {
            const char *bar = memchr(m->p + mid, '|', m->len - mid);
            if (!bar)
                return -1;
            return strtoll(bar + 1, NULL, 10);
        }
        if (c < 0)
            hi = mid;
        else
            lo = next_line(m, mid);
    }
    return -1;
}

static unsigned char pos_of(const char *s, size_t n)
{
    if (n >= 6 && memcmp(s, "(noun)", 6) == 0)
        return WA_POS_NOUN;
    if (n >= 6 && memcmp(s, "(verb)", 6) == 0)
        return WA_POS_VERB;
    if (n >= 5 && memcmp(s, "(adj)", 5) == 0)
        return WA_POS_ADJ;
    if (n >= 5 && memcmp(s, "(adv)", 5) == 0)
        return WA_POS_ADV;
    return WA_POS_OTHER;
}

/* Parses the entry at offset off of .dat into a fresh entry. */
static entry *parse(const wa_thesaurus *th, size_t off, const char *key, size_t klen)
{
    const mapped *m = &th->dat;
    if (off >= m->len || cmp_line(m, off, key, klen) != 0)
        return NULL;
    size_t line = next_line(m, off);
    const char *bar = memchr(m->p + off, '|', line - off);
    long meanings = bar ? strtol(bar + 1, NULL, 10) : 0;
    if (meanings <= 0 || meanings > 1000)
        return NULL;
    /* Count synonyms first (bars on the meaning lines). */
    size_t count = 0, p = line;
    for (long k = 0; k < meanings && p < m->len; k++) {
        size_t e = next_line(m, p);
        for (size_t i = p; i < e; i++)
            count += m->p[i] == '|';
        p = e;
    }
    entry *en = wa_malloc(sizeof *en + count * sizeof(wa_synonym));
    if (!en)
        return NULL;
    en->n = 0;
    p = line;
    for (long k = 0; k < meanings && p < m->len; k++) {
        size_t e = next_line(m, p), end = e;
        while (end > p && (m->p[end - 1] == '\n' || m->p[end - 1] == '\r'))
            end--;
        unsigned char pos = pos_of(m->p + p, end - p);
        size_t i = p;
        while (i < end && m->p[i] != '|')
            i++;
        while (i < end) {
            size_t a = ++i;
            while (i < end && m->p[i] != '|')
                i++;
            size_t b = i;
            unsigned char loose = 0;
            const char *paren = memchr(m->p + a, '(', b - a);
            if (paren) {
                size_t pl = (size_t)(m->p + b - paren);
                if (pl >= 9 && memcmp(paren, "(antonym)", 9) == 0)
                    continue;
                loose = pl >= 9 && memcmp(paren, "(similar", 8) == 0   ? WA_SYN_SIMILAR
                        : pl >= 9 && memcmp(paren, "(related", 8) == 0 ? WA_SYN_RELATED
                                                                       : WA_SYN_GENERIC;
                b = (size_t)(paren - m->p);
            }
            while (b > a && m->p[b - 1] == ' ')
                b--;
            if (b > a && en->n < count)
                en->syn[en->n++] = (wa_synonym){m->p + a, b - a, (unsigned short)k, pos, loose};
        }
        p = e;
    }
    return en;
}

int wa_thesaurus_lookup(wa_thesaurus *th, const char *w, size_t len, const wa_synonym **out,
                        size_t *n)
{
    *out = NULL;
    *n = 0;
    char key[128];
    if (len == 0 || len >= sizeof key)
        return 0;
    for (size_t i = 0; i < len; i++)
        key[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
    int created;
    void **v = wa_map_put(th->cache, key, len, &created);
    if (!v)
        return WA_ENOMEM;
    if (created) {
        long long off = find_offset(th, key, len);
        entry *en = off >= 0 ? parse(th, (size_t)off, key, len) : NULL;
        *v = en ? (void *)en : (void *)th;
    }
    if (*v == (void *)th)
        return 0;
    entry *en = *v;
    *out = en->syn;
    *n = en->n;
    return 0;
}
