/* A Bloom filter over every word form a Hunspell dictionary can produce (a
 * superset: affix conditions ignored), to rule out close-word candidates
 * without asking Hunspell. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "spell_internal.h"
#include "util/util.h"

/* 2^25 bits (4 MB), 4 probes: under 1 % false positives up to about 3.5
 * million forms (French: about 1.5 million with conditions ignored). */
#define BLOOM_BITS 25
#define BLOOM_K 4

/* Longer words are left to Hunspell. */
#define MAX_QUERY 128

struct sp_forms {
    uint64_t *bits; /* in mem, at a multiple of 64 bytes */
    uint64_t *mem;
    /* Hunspell breaks words only at hyphens (its default BREAK table) and
     * converts no '-' or '_' on input (ICONV): then a word with hyphens or
     * underscores can be judged from its pieces (see sp_forms_maybe). */
    int plain_breaks, plain_underscore;
    /* The endings of every form that can have a second-person plural
     * reading (see note_endings), or NULL when the rules do not tell. */
    wa_map *endings; /* folded UTF-8 ending -> 1 */
    size_t max_ending; /* the longest, in code points */
};

/* The tag of a second-person plural verb form in the morphological fields
 * (Grammalecte's, as spell.c's parse_morph reads them). */
#define SECOND_PLURAL_TAG "po:2pl"

enum { FLAG_CHAR, FLAG_LONG, FLAG_NUM, FLAG_UTF8 };

typedef struct rule {
    const char *strip, *add, *cont; /* NUL-terminated, in the store */
    size_t so, ao, co;              /* their offsets while the store grows */
    size_t slen, alen, clen;
    int elided;   /* a prefix ending in an apostrophe (l', qu'): its own token */
    int second_plural; /* its morphological fields hold SECOND_PLURAL_TAG */
    int cont_pfx; /* the continuation flags name a prefix that is not elided */
    int cont_sfx; /* the continuation flags name a suffix */
    int32_t *acp; /* the added letters, folded for hashing */
    size_t nacp;
} rule;

typedef struct affset {
    int prefix;
    int useful; /* a prefix set with a rule that is not elided */
    rule *r;
    size_t n, cap;
} affset;

typedef struct aff {
    int mode;
    wa_map *flags; /* flag text -> index + 1 into sets */
    affset *sets;
    size_t nsets, capsets;
    char **af; /* AF aliases, 1-based in the files */
    size_t naf, capaf;
    int unusable;
    int custom_breaks;     /* a BREAK pattern other than - ^- -$ */
    int morph_aliases;     /* AM lines: rules name their fields by number */
    int converts_dash;     /* an ICONV pattern holds '-' */
    int converts_underscore; /* an ICONV pattern holds '_' */
    wa_map *cflags; /* flags named by COMPOUNDRULE patterns -> 1 once a stem
                     * without digits carries it */
    wa_buf rules;   /* the COMPOUNDRULE patterns, one a line */
    wa_buf store; /* rule strings, NUL-separated */
} aff;

/* Next flag of a flag string f[*i..n): sets *fl to its length; 0 at the end. */
static int next_flag(int mode, const char *f, size_t n, size_t *i, size_t *fl)
{
    if (*i >= n)
        return 0;
    size_t a = *i;
    switch (mode) {
    case FLAG_LONG:
        *fl = a + 2 <= n ? 2 : n - a;
        break;
    case FLAG_NUM: {
        size_t b = a;
        while (b < n && f[b] != ',')
            b++;
        *fl = b - a;
        *i = b < n ? b + 1 : b;
        return 1;
    }
    case FLAG_UTF8: {
        size_t b = a;
        wa_utf8_next(f, n, &b);
        *fl = b - a;
        break;
    }
    default:
        *fl = 1;
    }
    *i = a + *fl;
    return 1;
}

static affset *set_of(const aff *A, const char *f, size_t n)
{
    void **v = wa_map_get(A->flags, f, n);
    return v ? &A->sets[(uintptr_t)*v - 1] : NULL;
}

/* A flag field, with AF aliases resolved. */
static void resolve(const aff *A, const char *f, size_t n, const char **out, size_t *on)
{
    *out = f;
    *on = n;
    if (!A->naf || n == 0)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i] < '0' || f[i] > '9')
            return;
        k = k * 10 + (size_t)(f[i] - '0');
        if (k > A->naf)
            return;
    }
    if (k >= 1) {
        *out = A->af[k - 1];
        *on = strlen(*out);
    }
}

static size_t field(const char *s, size_t n, size_t *i, const char **out)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
        (*i)++;
    size_t a = *i;
    while (*i < n && s[*i] != ' ' && s[*i] != '\t' && s[*i] != '\r')
        (*i)++;
    *out = s + a;
    return *i - a;
}

/* Whether the blank-separated fields of s[0..n) include tag. */
static int has_field(const char *s, size_t n, const char *tag)
{
    const char *f;
    size_t tl = strlen(tag);
    for (size_t i = 0, l; (l = field(s, n, &i, &f)) > 0;)
        if (l == tl && memcmp(f, tag, tl) == 0)
            return 1;
    return 0;
}

static size_t keep(aff *A, const char *s, size_t n)
{
    size_t at = A->store.len;
    wa_buf_add(&A->store, s, n);
    wa_buf_addc(&A->store, '\0');
    return at;
}

static int32_t fold(int32_t c);

/* Whether a BREAK pattern other than the hyphen (alone, or anchored at
 * either end) can match a word that sp_forms_maybe judges (one made only
 * of letters it folds, hyphens and underscores): French's dot, middle dot
 * and apostrophes cannot. */
static int break_matters(const char *p, size_t n)
{
    if (n && p[0] == '^')
        p++, n--;
    if (n && p[n - 1] == '$')
        n--;
    if (n == 1 && p[0] == '-')
        return 0;
    for (size_t i = 0; i < n;) {
        int32_t c = wa_utf8_next(p, n, &i);
        int32_t f = fold(c);
        if (!((f >= 0 && f != '\'') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

static void parse_line(aff *A, const char *s, size_t n)
{
    size_t i = 0;
    const char *f0, *f1, *f2, *f3;
    size_t l0 = field(s, n, &i, &f0);
    if (l0 == 0)
        return;
    if (l0 == 4 && memcmp(f0, "FLAG", 4) == 0) {
        size_t l1 = field(s, n, &i, &f1);
        if (l1 == 4 && memcmp(f1, "long", 4) == 0)
            A->mode = FLAG_LONG;
        else if (l1 == 3 && memcmp(f1, "num", 3) == 0)
            A->mode = FLAG_NUM;
        else if (l1 == 5 && memcmp(f1, "UTF-8", 5) == 0)
            A->mode = FLAG_UTF8;
        return;
    }
    if ((l0 == 3 && memcmp(f0, "SET", 3) == 0)) {
        size_t l1 = field(s, n, &i, &f1);
        if (!(l1 == 5 && (memcmp(f1, "UTF-8", 5) == 0 || memcmp(f1, "utf-8", 5) == 0)))
            A->unusable = 1;
        return;
    }
    if ((l0 == 6 && memcmp(f0, "IGNORE", 6) == 0) ||
        (l0 >= 8 && memcmp(f0, "COMPOUND", 8) == 0 && !(l0 == 11 && memcmp(f0, "COMPOUNDMIN", 11) == 0) &&
         !(l0 == 12 && memcmp(f0, "COMPOUNDRULE", 12) == 0))) {
        A->unusable = 1; /* word forms are not all in the .dic */
        return;
    }
    if (l0 == 12 && memcmp(f0, "COMPOUNDRULE", 12) == 0) {
        /* Compounds of the pieces these flags mark (numbers in en_US):
         * kept for the check in rules_need_digits(). */
        size_t l1 = field(s, n, &i, &f1);
        if (l1 == 0 || (l1 < 4 && f1[0] >= '0' && f1[0] <= '9' && A->mode != FLAG_NUM &&
                        wa_map_count(A->cflags) == 0 && A->rules.len == 0))
            return; /* the count line */
        wa_buf_add(&A->rules, f1, l1);
        wa_buf_addc(&A->rules, '\n');
        size_t k = 0, fl;
        while (next_flag(A->mode, f1, l1, &k, &fl)) {
            const char *x = f1 + k - fl;
            if (fl == 1 && (*x == '*' || *x == '?' || *x == '(' || *x == ')'))
                continue;
            if (!wa_map_put(A->cflags, x, fl, NULL))
                A->unusable = 1;
        }
        return;
    }
    if (l0 == 5 && memcmp(f0, "BREAK", 5) == 0) {
        size_t l1 = field(s, n, &i, &f1);
        if (l1 && (f1[0] < '0' || f1[0] > '9') && break_matters(f1, l1))
            A->custom_breaks = 1;
        return;
    }
    if (l0 == 2 && memcmp(f0, "AM", 2) == 0) {
        A->morph_aliases = 1;
        return;
    }
    if (l0 == 5 && memcmp(f0, "ICONV", 5) == 0) {
        size_t l1 = field(s, n, &i, &f1);
        if (memchr(f1, '-', l1))
            A->converts_dash = 1;
        if (memchr(f1, '_', l1))
            A->converts_underscore = 1;
        return;
    }
    if (l0 == 15 && memcmp(f0, "COMPLEXPREFIXES", 15) == 0) {
        A->unusable = 1; /* two prefixes: not listed */
        return;
    }
    if (l0 == 2 && memcmp(f0, "AF", 2) == 0) {
        size_t l1 = field(s, n, &i, &f1);
        int count_line = 1;
        for (size_t k = 0; k < l1; k++)
            if (f1[k] < '0' || f1[k] > '9')
                count_line = 0;
        if (count_line && A->naf == 0 && A->capaf == 0)
            return;
        if (A->naf == A->capaf) {
            size_t cap = A->capaf ? A->capaf * 2 : 64;
            char **p = wa_realloc(A->af, cap * sizeof *p);
            if (!p) {
                A->unusable = 1;
                return;
            }
            A->af = p;
            A->capaf = cap;
        }
        if (!(A->af[A->naf] = wa_strndup(f1, l1)))
            A->unusable = 1;
        else
            A->naf++;
        return;
    }
    int pfx = l0 == 3 && memcmp(f0, "PFX", 3) == 0;
    if (!pfx && !(l0 == 3 && memcmp(f0, "SFX", 3) == 0))
        return;
    size_t l1 = field(s, n, &i, &f1), l2 = field(s, n, &i, &f2), l3 = field(s, n, &i, &f3);
    if (!l1 || !l2 || !l3)
        return;
    int created;
    void **v = wa_map_put(A->flags, f1, l1, &created);
    if (!v) {
        A->unusable = 1;
        return;
    }
    if (created) {
        if (wa_grow(&A->sets, &A->capsets, A->nsets, sizeof *A->sets, 64)) {
            A->unusable = 1;
            return;
        }
        memset(&A->sets[A->nsets], 0, sizeof A->sets[0]);
        A->sets[A->nsets].prefix = pfx;
        *v = (void *)(uintptr_t)++A->nsets;
        /* The header line (SFX X Y 12): no rule. */
        if ((l2 == 1 && (*f2 == 'Y' || *f2 == 'N')))
            return;
    }
    affset *set = &A->sets[(uintptr_t)*v - 1];
    if (l2 == 1 && (*f2 == 'Y' || *f2 == 'N'))
        return;
    /* A rule: strip add[/cont] condition ... */
    const char *slash = memchr(f3, '/', l3);
    size_t alen = slash ? (size_t)(slash - f3) : l3;
    rule r;
    memset(&r, 0, sizeof r);
    r.slen = l2 == 1 && *f2 == '0' ? 0 : l2;
    r.alen = alen == 1 && *f3 == '0' ? 0 : alen;
    r.clen = slash ? l3 - alen - 1 : 0;
    const char *f4;
    field(s, n, &i, &f4); /* the condition: the morphological fields follow */
    r.second_plural = has_field(s + i, n - i, SECOND_PLURAL_TAG);
    r.so = keep(A, f2, r.slen);
    r.ao = keep(A, f3, r.alen);
    r.co = keep(A, slash ? slash + 1 : "", r.clen);
    r.strip = r.add = r.cont = NULL;
    if (wa_grow(&set->r, &set->cap, set->n, sizeof *set->r, 8)) {
        A->unusable = 1;
        return;
    }
    set->r[set->n++] = r;
}

/* Whether a flag field names a prefix set that is not only elisions. */
static int has_prefix(const aff *A, const char *fl, size_t fn)
{
    const char *f;
    size_t k, i = 0, len;
    resolve(A, fl, fn, &f, &k);
    while (next_flag(A->mode, f, k, &i, &len)) {
        const affset *set = set_of(A, f + i - len, len);
        if (set && set->useful)
            return 1;
    }
    return 0;
}

/* Whether a flag field names a suffix set. */
static int has_suffix(const aff *A, const char *fl, size_t fn)
{
    const char *f;
    size_t k, i = 0, len;
    resolve(A, fl, fn, &f, &k);
    while (next_flag(A->mode, f, k, &i, &len)) {
        const affset *set = set_of(A, f + i - len, len);
        if (set && !set->prefix)
            return 1;
    }
    return 0;
}

static void aff_free(aff *A)
{
    for (size_t k = 0; k < A->nsets; k++) {
        for (size_t j = 0; j < A->sets[k].n; j++)
            free(A->sets[k].r[j].acp);
        free(A->sets[k].r);
    }
    free(A->sets);
    for (size_t k = 0; k < A->naf; k++)
        free(A->af[k]);
    free(A->af);
    wa_map_free(A->flags);
    wa_map_free(A->cflags);
    wa_buf_free(&A->rules);
    wa_buf_free(&A->store);
}

static int has_prefix(const aff *A, const char *fl, size_t fn);
static int has_suffix(const aff *A, const char *fl, size_t fn);

/* The store has stopped growing: point the rules into it. */
static void aff_fix(aff *A)
{
    for (size_t k = 0; k < A->nsets; k++)
        for (size_t j = 0; j < A->sets[k].n; j++) {
            rule *r = &A->sets[k].r[j];
            r->strip = A->store.data + r->so;
            r->add = A->store.data + r->ao;
            r->cont = A->store.data + r->co;
            r->elided = memchr(r->add, '\'', r->alen) != NULL ||
                        (r->alen >= 3 && strstr(r->add, "\xe2\x80\x99") != NULL);
            if (A->sets[k].prefix && !r->elided)
                A->sets[k].useful = 1;
        }
    for (size_t k = 0; k < A->nsets; k++)
        for (size_t j = 0; j < A->sets[k].n; j++) {
            rule *r = &A->sets[k].r[j];
            r->cont_pfx = r->clen && has_prefix(A, r->cont, r->clen);
            r->cont_sfx = r->clen && has_suffix(A, r->cont, r->clen);
            r->acp = wa_malloc((r->alen + 1) * sizeof *r->acp);
            if (!r->acp) {
                A->unusable = 1;
                continue;
            }
            for (size_t i = 0; i < r->alen;) {
                int32_t c = wa_utf8_next(r->add, r->alen, &i);
                int32_t f = fold(c);
                r->acp[r->nacp++] = f >= 0 ? f : c;
            }
        }
}

/* Notes which COMPOUNDRULE flags a stem without digits carries. */
static void note_compound(aff *A, const char *w, size_t n, const char *fl, size_t fn)
{
    if (!wa_map_count(A->cflags))
        return;
    for (size_t j = 0; j < n; j++)
        if (w[j] >= '0' && w[j] <= '9')
            return;
    const char *f;
    size_t k, i = 0, len;
    resolve(A, fl, fn, &f, &k);
    while (next_flag(A->mode, f, k, &i, &len)) {
        void **v = wa_map_get(A->cflags, f + i - len, len);
        if (v)
            *v = (void *)1;
    }
}

/* Whether every COMPOUNDRULE needs a piece whose stems all hold a digit:
 * then every compound holds one, and the filter, which never rules out a
 * word with a digit, stays right. */
static int rules_need_digits(const aff *A)
{
    const char *r = A->rules.data;
    for (size_t a = 0; a < A->rules.len;) {
        const char *nl = memchr(r + a, '\n', A->rules.len - a);
        size_t b = (size_t)(nl - r), k = a, fl;
        int ok = 0;
        while (!ok && next_flag(A->mode, r, b, &k, &fl)) {
            const char *x = r + k - fl;
            if (fl == 1 && (*x == '*' || *x == '?' || *x == '(' || *x == ')'))
                continue;
            int optional = k < b && (r[k] == '*' || r[k] == '?');
            void **v = wa_map_get(A->cflags, x, fl);
            if (!optional && v && *v == NULL)
                ok = 1;
        }
        if (!ok)
            return 0;
        a = b + 1;
    }
    return 1;
}

/* Folds a code point for hashing: lower case (ASCII, Latin-1, oe, ae), the
 * apostrophes to '.  Returns -1 for one the filter does not know. */
static int32_t fold(int32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c;
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7)
        return c;
    if (c == 0x152 || c == 0x153)
        return 0x153;
    if (c == '\'' || c == 0x2019 || c == 0x2BC)
        return '\'';
    return -1;
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* The filter is blocked: a form's BLOOM_K bits all lie in one block of
 * 512 bits (a cache line), chosen by the hash's top bits, so that a query
 * reads one line of the 4 MB rather than BLOOM_K lines scattered over it;
 * nine bits of the hash per probe place the bits in the block. */
#define BLOCK_WORDS 8

static uint64_t *bloom_block(const uint64_t *bits, uint64_t h)
{
    uint64_t block = (h >> 40) & ((((uint64_t)1 << BLOOM_BITS) >> 9) - 1);
    return (uint64_t *)bits + block * BLOCK_WORDS;
}

static void bloom_set(uint64_t *bits, uint64_t h)
{
    uint64_t *b = bloom_block(bits, h);
    for (int k = 0; k < BLOOM_K; k++) {
        unsigned bit = (unsigned)(h >> (9 * k)) & 511;
        b[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

static int bloom_has(const uint64_t *bits, uint64_t h)
{
    const uint64_t *b = bloom_block(bits, h);
    for (int k = 0; k < BLOOM_K; k++) {
        unsigned bit = (unsigned)(h >> (9 * k)) & 511;
        if (!(b[bit >> 6] & ((uint64_t)1 << (bit & 63))))
            return 0;
    }
    return 1;
}

static uint64_t hash_step(uint64_t h, int32_t c)
{
    return (h ^ (uint64_t)(uint32_t)c) * 0x100000001b3ULL;
}

/* The forms being listed.  Setting a form's bits misses the cache (its
 * block is anywhere in the 4 MB), so each block is prefetched when the
 * form comes and its bits are set PENDING forms later, once the line is
 * there: the misses overlap instead of coming one after the other. */
enum { PENDING = 16 };

typedef struct gen {
    const aff *A;
    uint64_t *bits;
    uint64_t pending[PENDING];
    size_t npending;
} gen;

static void add_form(gen *g, uint64_t h)
{
#if defined(__GNUC__)
    __builtin_prefetch(bloom_block(g->bits, h), 1);
#endif
    uint64_t *slot = &g->pending[g->npending++ % PENDING];
    if (g->npending > PENDING)
        bloom_set(g->bits, *slot);
    *slot = h;
}

/* Sets the bits of the forms still pending. */
static void flush_forms(gen *g)
{
    size_t n = g->npending < PENDING ? g->npending : PENDING;
    for (size_t i = 0; i < n; i++)
        bloom_set(g->bits, g->pending[i]);
    g->npending = 0;
}

/* Adds a UTF-8 form (folded; unknown letters kept as they are). */
static void emit(gen *g, const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n;) {
        int32_t c = wa_utf8_next(s, n, &i);
        int32_t f = fold(c);
        h = hash_step(h, f >= 0 ? f : c);
    }
    add_form(g, mix(h));
}


static int ends_with(const char *s, size_t n, const char *t, size_t tn)
{
    return tn <= n && memcmp(s + n - tn, t, tn) == 0;
}

/* Applies the suffixes of flag field fl to form; emits each result and,
 * when depth allows, the suffixes of the rule's continuation flags. */
static void suffixes(gen *g, const char *form, size_t n, const char *fl, size_t fn, int depth,
                     const char *pflags, size_t pn);

static void prefixes(gen *g, const char *form, size_t n, const char *fl, size_t fn, int with_sfx)
{
    const aff *A = g->A;
    const char *f;
    size_t k;
    resolve(A, fl, fn, &f, &k);
    size_t i = 0, len;
    while (next_flag(A->mode, f, k, &i, &len)) {
        const affset *set = set_of(A, f + i - len, len);
        if (!set || !set->useful)
            continue;
        for (size_t j = 0; j < set->n; j++) {
            const rule *r = &set->r[j];
            /* Elided articles and pronouns (l', qu') are separate tokens. */
            if (r->elided)
                continue;
            if (r->slen > n || memcmp(form, r->strip, r->slen) != 0)
                continue;
            size_t m = r->alen + n - r->slen;
            char buf[512];
            if (m >= sizeof buf)
                continue;
            memcpy(buf, r->add, r->alen);
            memcpy(buf + r->alen, form + r->slen, n - r->slen);
            emit(g, buf, m);
            if (with_sfx && r->clen)
                suffixes(g, buf, m, r->cont, r->clen, 1, NULL, 0);
        }
    }
}

static void suffixes(gen *g, const char *form, size_t n, const char *fl, size_t fn, int depth,
                     const char *pflags, size_t pn)
{
    const aff *A = g->A;
    const char *f;
    size_t k;
    resolve(A, fl, fn, &f, &k);
    /* The hash of each prefix of the form, so that a rule's form is hashed
     * from where its strip starts (hs[i] is valid at character starts). */
    uint64_t hs[512];
    if (n >= sizeof hs / sizeof *hs)
        return;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n;) {
        hs[i] = h;
        int32_t c = wa_utf8_next(form, n, &i);
        int32_t fc = fold(c);
        h = hash_step(h, fc >= 0 ? fc : c);
    }
    hs[n] = h;
    size_t i = 0, len;
    while (next_flag(A->mode, f, k, &i, &len)) {
        const affset *set = set_of(A, f + i - len, len);
        if (!set || set->prefix)
            continue;
        for (size_t j = 0; j < set->n; j++) {
            const rule *r = &set->r[j];
            if (!ends_with(form, n, r->strip, r->slen))
                continue;
            size_t m = n - r->slen + r->alen;
            char buf[512];
            if (m >= sizeof buf)
                continue;
            uint64_t x = hs[n - r->slen];
            for (size_t a = 0; a < r->nacp; a++)
                x = hash_step(x, r->acp[a]);
            add_form(g, mix(x));
            int more = (depth > 0 && r->cont_sfx) || pn || r->cont_pfx;
            if (!more)
                continue;
            memcpy(buf, form, n - r->slen);
            memcpy(buf + n - r->slen, r->add, r->alen);
            if (depth > 0 && r->cont_sfx)
                suffixes(g, buf, m, r->cont, r->clen, depth - 1, pflags, pn);
            /* prefixes of the stem (cross product) and of the rule */
            if (pn)
                prefixes(g, buf, m, pflags, pn, 0);
            if (r->cont_pfx)
                prefixes(g, buf, m, r->cont, r->clen, 0);
        }
    }
}

/* A folded copy of code points cp[0..n) in UTF-8 into out (room for
 * 4 * n bytes); its length. */
static size_t folded_utf8(const int32_t *cp, size_t n, char *out)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t f = fold(cp[i]);
        len += (size_t)wa_utf8_encode(f >= 0 ? f : cp[i], out + len);
    }
    return len;
}

/* Lists in f->endings what the suffix rules tagged SECOND_PLURAL_TAG add:
 * a form with such a reading ends so.  Left NULL (nothing ruled out) when
 * that does not hold: a prefix rule is tagged, a tagged rule takes more
 * suffixes, the fields are aliased (AM), or the .dic tags stems. */
static void note_endings(sp_forms *f, const aff *A, const char *dic, size_t dl)
{
    size_t tl = strlen(SECOND_PLURAL_TAG);
    for (size_t i = 0; i + tl <= dl; i++)
        if (dic[i] == SECOND_PLURAL_TAG[0] && memcmp(dic + i, SECOND_PLURAL_TAG, tl) == 0)
            return;
    if (A->morph_aliases || !(f->endings = wa_map_new(64)))
        return;
    for (size_t k = 0; k < A->nsets; k++)
        for (size_t j = 0; j < A->sets[k].n; j++) {
            const rule *r = &A->sets[k].r[j];
            if (!r->second_plural)
                continue;
            char key[4 * 64];
            if (A->sets[k].prefix || r->cont_sfx || r->nacp > 64 ||
                !wa_map_put(f->endings, key, folded_utf8(r->acp, r->nacp, key), NULL)) {
                wa_map_free(f->endings);
                f->endings = NULL;
                return;
            }
            if (r->nacp > f->max_ending)
                f->max_ending = r->nacp;
        }
}

sp_forms *sp_forms_build(const char *aff_path, const char *dic_path)
{
    char *at = NULL, *dt = NULL;
    size_t al, dl;
    if (wa_read_file(aff_path, &at, &al, NULL) != 0)
        return NULL;
    if (wa_read_file(dic_path, &dt, &dl, NULL) != 0) {
        free(at);
        return NULL;
    }
    aff A;
    memset(&A, 0, sizeof A);
    A.mode = FLAG_CHAR;
    wa_buf_init(&A.store);
    wa_buf_init(&A.rules);
    A.flags = wa_map_new(512);
    A.cflags = wa_map_new(16);
    sp_forms *res = NULL;
    gen g;
    memset(&g, 0, sizeof g);
    if (!A.flags || !A.cflags)
        goto done;
    for (size_t a = 0; a < al;) {
        const char *nl = memchr(at + a, '\n', al - a);
        size_t b = nl ? (size_t)(nl - at) : al;
        parse_line(&A, at + a, b - a);
        a = b + 1;
    }
    if (A.unusable || A.store.failed)
        goto done;
    aff_fix(&A);
    res = wa_calloc(1, sizeof *res);
    if (!res || !(res->mem = wa_calloc(((size_t)1 << (BLOOM_BITS - 6)) + BLOCK_WORDS,
                                       sizeof *res->bits))) {
        free(res);
        res = NULL;
        goto done;
    }
    res->plain_breaks = !A.custom_breaks && !A.converts_dash;
    res->plain_underscore = !A.converts_underscore;
    /* blocks on cache lines */
    res->bits = (uint64_t *)(((uintptr_t)res->mem + 63) & ~(uintptr_t)63);
    g.A = &A;
    g.bits = res->bits;
    int first = 1;
    for (size_t a = 0; a < dl;) {
        const char *nl = memchr(dt + a, '\n', dl - a);
        size_t b = nl ? (size_t)(nl - dt) : dl;
        const char *line = dt + a;
        size_t ln = b - a;
        a = b + 1;
        if (first) { /* the word count */
            first = 0;
            continue;
        }
        size_t e = 0;
        while (e < ln && line[e] != '/' && line[e] != '\t' && line[e] != ' ' && line[e] != '\r')
            e++;
        if (e == 0)
            continue;
        const char *fl = "";
        size_t fn = 0;
        if (e < ln && line[e] == '/') {
            fl = line + e + 1;
            while (fl + fn < line + ln && fl[fn] != '\t' && fl[fn] != ' ' && fl[fn] != '\r')
                fn++;
        }
        note_compound(&A, line, e, fl, fn);
        emit(&g, line, e);
        if (fn) {
            int pf = has_prefix(&A, fl, fn);
            suffixes(&g, line, e, fl, fn, 1, fl, pf ? fn : 0);
            if (pf)
                prefixes(&g, line, e, fl, fn, 1);
        }
    }
    flush_forms(&g);
    note_endings(res, &A, dt, dl);
    if (!rules_need_digits(&A)) {
        sp_forms_free(res);
        res = NULL;
    }
done:
    aff_free(&A);
    free(at);
    free(dt);
    return res;
}

void sp_forms_free(sp_forms *f)
{
    if (!f)
        return;
    wa_map_free(f->endings);
    free(f->mem);
    free(f);
}

/* Whether the folded letters w[0..n), holding hyphens, can be cut into
 * pieces that may each be forms, with hyphens between them dropped: how
 * Hunspell accepts a word it does not know whole (a word whose pieces are
 * accepted, split at a hyphen, a leading or a trailing hyphen removed,
 * recursively).  Pieces may hold hyphens themselves (arc-en-ciel). */
static int pieces_maybe(const sp_forms *f, const int32_t *w, size_t n)
{
    unsigned char reach[MAX_QUERY + 1];
    memset(reach, 0, n + 1);
    reach[0] = 1;
    for (size_t i = 0; i < n; i++) {
        if (!reach[i])
            continue;
        if (w[i] == '-')
            reach[i + 1] = 1;
        uint64_t h = 0xcbf29ce484222325ULL;
        for (size_t j = i; j < n; j++) {
            h = hash_step(h, w[j]);
            size_t end = j + 1;
            int cut = end == n || w[end] == '-' || w[j] == '-';
            if (cut && !reach[end] && bloom_has(f->bits, mix(h)))
                reach[end] = 1;
        }
    }
    return reach[n];
}

int sp_forms_maybe(const sp_forms *f, const int32_t *cp, size_t n)
{
    if (!f || n == 0 || n > MAX_QUERY)
        return 1;
    int32_t w[MAX_QUERY];
    int dashes = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = fold(cp[i]);
        /* Letters the filter does not fold (Hunspell converts their case),
         * dots and digits (abbreviations, numbers) and apostrophes (elided
         * prefixes are not listed) are left to Hunspell; an underscore is
         * a letter like any other for it. */
        if (c < 0 && cp[i] == '_' && f->plain_underscore)
            c = '_';
        else if (c < 0 && cp[i] == '-' && f->plain_breaks)
            c = '-', dashes = 1;
        if (c < 0 || c == '\'')
            return 1;
        w[i] = c;
    }
    if (dashes)
        return pieces_maybe(f, w, n);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = hash_step(h, w[i]);
    return bloom_has(f->bits, mix(h));
}

int sp_forms_second_plural_maybe(const sp_forms *f, const char *w, size_t n)
{
    if (!f || !f->endings || n > MAX_QUERY)
        return 1;
    int32_t cp[MAX_QUERY];
    size_t nc = 0;
    for (size_t i = 0; i < n;)
        cp[nc++] = wa_utf8_next(w, n, &i);
    char buf[4 * MAX_QUERY];
    for (size_t k = 0; k <= f->max_ending && k <= nc; k++) {
        size_t len = folded_utf8(cp + nc - k, k, buf);
        if (wa_map_get(f->endings, buf, len))
            return 1;
    }
    return 0;
}
