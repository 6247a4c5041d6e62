/* Spun media and organisation names: runs of words aligned with the known
 * names (words kept, swapped for thesaurus neighbours or other English
 * words, split in two, added or dropped), the best explained name kept. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check_internal.h"
#include "check_media.h"

enum { MAX_NAME_WORDS = 10, MAX_RUN_WORDS = 16, MAX_CANDIDATES = 96 };

/* A word with what the strong relation reads of it, looked up once. */
typedef struct wordrel {
    const char *s;
    size_t n;
    const wa_synonym *syn; /* its thesaurus entry */
    size_t nsyn;
    int spun; /* a word or a substitute of the spinner list */
} wordrel;

typedef struct mname {
    char *text;  /* as listed */
    char *key;   /* folded, without a leading "the" */
    char *lembuf; /* the lemmas of the words, one after the other */
    unsigned char nw, the, ncontent;
    unsigned short off[MAX_NAME_WORDS], len[MAX_NAME_WORDS];
    wordrel lem[MAX_NAME_WORDS]; /* the lemmas, n 0 for none (64 bytes or more);
                                    looked up by ck_media_index (content words) */
    unsigned char conn[MAX_NAME_WORDS]; /* a connector: the, of, for... */
    unsigned char head[MAX_NAME_WORDS]; /* a media or organisation head word */
} mname;

/* A list of name indexes. */
typedef struct idlist {
    uint32_t *id;
    size_t n, cap;
} idlist;

struct ck_media {
    wa_thesaurus *th;
    const wa_map *classes; /* word-classes.txt (borrowed) */
    char titles[CK_MEDIA_TITLES][CK_MEDIA_TITLE_BYTES]; /* en-newspaper-titles, byte order */
    size_t ntitles;
    mname *names;
    size_t nnames, capnames;
    wa_map *byword; /* lemma of a content word -> idlist index + 1 */
    wa_map *bysyn;  /* thesaurus neighbour of a content word -> idlist index + 1 */
    idlist *lists;
    size_t nlists, caplists;
    wa_map *memo;   /* "a\1b" -> 1 related, 2 not */
    wa_map *spin;   /* "a\1b" -> 1: b is a spinner substitute of a (both ways) */
    wa_map *spinners; /* every word and substitute of the spinner list -> 1 */
    wa_map *spun_by;/* word -> index + 1 into subs: its substitutes */
    wa_buf *subs;   /* NUL-separated substitutes */
    wa_map *runs;   /* run key -> result + 1 (0: no name), for names that repeat */
    wa_map *headmemo; /* word -> title index + 1, or 0 */
    size_t nsubs, capsubs;
    wa_buf key;
};

/* Whether the folded word s[0..n) is in one of the word classes cls (bits
 * 1u << CK_CL_*) of word-classes.txt. */
static int in_class(const ck_media *m, unsigned cls, const char *s, size_t n)
{
    return (ck_classes_of(m->classes, s, n) & cls) != 0;
}

#define CONNECTOR (1u << CK_CL_NAME_CONNECTOR)
#define HEAD ((1u << CK_CL_MEDIA_HEAD) | (1u << CK_CL_ORG_HEAD))

/* English lemma of a folded word into out: children -> child, parties ->
 * party, stones -> stone, borders -> border; "ss", "us", "is" endings kept. */
static size_t lemma(const ck_media *m, const char *w, size_t n, char *out, size_t cap)
{
    static const char *const irregular[][2] = {{"children", "child"}, {"men", "man"},
                                               {"women", "woman"},    {"people", "person"},
                                               {"mice", "mouse"},     {"feet", "foot"},
                                               {NULL, NULL}};
    if (n == 0 || n >= cap)
        return 0;
    if (in_class(m, 1u << CK_CL_INVARIANT_PLURAL, w, n)) {
        memcpy(out, w, n);
        return n;
    }
    for (int i = 0; irregular[i][0]; i++)
        if (strlen(irregular[i][0]) == n && memcmp(irregular[i][0], w, n) == 0) {
            size_t l = strlen(irregular[i][1]);
            memcpy(out, irregular[i][1], l);
            return l;
        }
    memcpy(out, w, n);
    if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0) {
        out[n - 3] = 'y';
        return n - 2;
    }
    if (n > 4 && (memcmp(w + n - 4, "ches", 4) == 0 || memcmp(w + n - 4, "shes", 4) == 0 ||
                  memcmp(w + n - 3, "xes", 3) == 0 || memcmp(w + n - 4, "sses", 4) == 0))
        return n - 2;
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
        w[n - 2] != '\'')
        return n - 1;
    if (n > 3 && w[n - 1] == 's' && w[n - 2] == '\'')
        return n - 2; /* possessive */
    return n;
}

/* ------------------------------------------------------------------ */
/* Building */

static int cmp_title(const void *a, const void *b) { return strcmp(a, b); }

/* The words of class en-newspaper-titles into m->titles, in byte order
 * (the first related one is the suggestion). */
static int read_titles(ck_media *m)
{
    size_t it = 0, kl;
    const char *k;
    void **v;
    while (wa_map_next(m->classes, &it, &k, &kl, &v)) {
        if (!((uintptr_t)*v & (1u << CK_CL_NEWSPAPER_TITLE)))
            continue;
        if (m->ntitles == sizeof m->titles / sizeof m->titles[0] || kl >= sizeof m->titles[0])
            return WA_EDATA;
        memcpy(m->titles[m->ntitles], k, kl);
        m->titles[m->ntitles++][kl] = '\0';
    }
    qsort(m->titles, m->ntitles, sizeof m->titles[0], cmp_title);
    return 0;
}

int ck_media_open(ck_media **out, wa_thesaurus *th, const wa_map *classes)
{
    *out = NULL;
    ck_media *m = wa_calloc(1, sizeof *m);
    if (!m)
        return WA_ENOMEM;
    m->th = th;
    m->classes = classes;
    int rc = read_titles(m);
    if (rc) {
        free(m);
        return rc;
    }
    wa_buf_init(&m->key);
    m->byword = wa_map_new(2048);
    m->bysyn = wa_map_new(16384);
    m->memo = wa_map_new(1024);
    m->spin = wa_map_new(2048);
    m->spinners = wa_map_new(1024);
    m->spun_by = wa_map_new(512);
    m->runs = wa_map_new(1024);
    m->headmemo = wa_map_new(256);
    if (!m->byword || !m->bysyn || !m->memo || !m->spin || !m->spinners || !m->spun_by ||
        !m->runs || !m->headmemo) {
        ck_media_free(m);
        return WA_ENOMEM;
    }
    *out = m;
    return 0;
}

void ck_media_free(ck_media *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nnames; i++) {
        free(m->names[i].text);
        free(m->names[i].key);
        free(m->names[i].lembuf);
    }
    free(m->names);
    for (size_t i = 0; i < m->nlists; i++)
        free(m->lists[i].id);
    free(m->lists);
    wa_map_free(m->byword);
    wa_map_free(m->bysyn);
    wa_map_free(m->memo);
    wa_map_free(m->spin);
    wa_map_free(m->spinners);
    wa_map_free(m->spun_by);
    if (m->runs) {
        size_t it = 0, l;
        const char *k;
        void **val;
        while (wa_map_next(m->runs, &it, &k, &l, &val))
            free(*val);
    }
    wa_map_free(m->runs);
    wa_map_free(m->headmemo);
    for (size_t i = 0; i < m->nsubs; i++)
        wa_buf_free(&m->subs[i]);
    free(m->subs);
    wa_buf_free(&m->key);
    free(m);
}

/* Adds name id to the list of key in map (once). */
static int index_add(ck_media *m, wa_map *map, const char *k, size_t kl, uint32_t id)
{
    int created;
    void **v = wa_map_put(map, k, kl, &created);
    if (!v)
        return WA_ENOMEM;
    if (created) {
        if (wa_grow(&m->lists, &m->caplists, m->nlists, sizeof *m->lists, 1024))
            return WA_ENOMEM;
        m->lists[m->nlists] = (idlist){NULL, 0, 0};
        *v = (void *)(uintptr_t)++m->nlists;
    }
    idlist *l = &m->lists[(uintptr_t)*v - 1];
    if (l->n && l->id[l->n - 1] == id)
        return 0;
    if (wa_grow(&l->id, &l->cap, l->n, sizeof *l->id, 4))
        return WA_ENOMEM;
    l->id[l->n++] = id;
    return 0;
}

/* The lemmas of the words of nm (key and words set) into nm->lem, once:
 * every alignment with the name compares them. */
static int name_lemmas(const ck_media *m, mname *nm)
{
    char buf[MAX_NAME_WORDS * 64];
    size_t used = 0, len[MAX_NAME_WORDS];
    for (size_t j = 0; j < nm->nw; j++) {
        len[j] = lemma(m, nm->key + nm->off[j], nm->len[j], buf + used, 64);
        used += len[j];
    }
    if (!(nm->lembuf = wa_strndup(buf, used)))
        return WA_ENOMEM;
    used = 0;
    for (size_t j = 0; j < nm->nw; j++) {
        nm->lem[j] = (wordrel){nm->lembuf + used, len[j], NULL, 0, 0};
        used += len[j];
    }
    return 0;
}

int ck_media_add(ck_media *m, const char *name, size_t n)
{
    m->key.len = 0;
    ck_fold(name, n, &m->key);
    if (m->key.failed)
        return WA_ENOMEM;
    const char *k = m->key.data;
    size_t kl = m->key.len, the = 0;
    if (kl > 4 && memcmp(k, "the ", 4) == 0)
        the = 4;
    mname nm;
    memset(&nm, 0, sizeof nm);
    nm.the = the > 0;
    size_t start = the;
    for (size_t i = the; i <= kl; i++) {
        if (i < kl && k[i] != ' ')
            continue;
        if (i > start) {
            if (nm.nw == MAX_NAME_WORDS)
                return WA_EDATA;
            nm.off[nm.nw] = (unsigned short)(start - the);
            nm.len[nm.nw] = (unsigned short)(i - start);
            nm.conn[nm.nw] = (unsigned char)in_class(m, CONNECTOR, k + start, i - start);
            nm.head[nm.nw] = (unsigned char)in_class(m, HEAD, k + start, i - start);
            nm.ncontent += !nm.conn[nm.nw];
            nm.nw++;
        }
        start = i + 1;
    }
    if (nm.ncontent == 0)
        return WA_EDATA;
    if (wa_grow(&m->names, &m->capnames, m->nnames, sizeof *m->names, 512))
        return WA_ENOMEM;
    nm.text = wa_strndup(name, n);
    nm.key = wa_strndup(k + the, kl - the);
    if (!nm.text || !nm.key || name_lemmas(m, &nm)) {
        free(nm.text);
        free(nm.key);
        return WA_ENOMEM;
    }
    uint32_t id = (uint32_t)m->nnames;
    m->names[m->nnames++] = nm;
    for (size_t i = 0; i < nm.nw; i++)
        if (!nm.conn[i] && nm.lem[i].n &&
            index_add(m, m->byword, nm.lem[i].s, nm.lem[i].n, id))
            return WA_ENOMEM;
    return 0;
}

/* Lemma of a one- or two-word phrase (the last word reduced). */
static size_t phrase_lemma(const ck_media *m, const char *w, size_t n, char *out, size_t cap)
{
    const char *sp = memchr(w, ' ', n);
    if (!sp)
        return lemma(m, w, n, out, cap);
    size_t head = (size_t)(sp - w) + 1;
    if (head >= cap)
        return 0;
    memcpy(out, w, head);
    size_t l = lemma(m, w + head, n - head, out + head, cap - head);
    return l ? head + l : 0;
}

static int spin_pair(ck_media *m, const char *a, size_t an, const char *b, size_t bn)
{
    char key[130];
    if (an + bn + 1 >= sizeof key)
        return 0;
    for (int dir = 0; dir < 2; dir++) {
        const char *x = dir ? b : a, *y = dir ? a : b;
        size_t xn = dir ? bn : an, yn = dir ? an : bn;
        memcpy(key, x, xn);
        key[xn] = '\1';
        memcpy(key + xn + 1, y, yn);
        void **v = wa_map_put(m->spin, key, an + bn + 1, NULL);
        void **w = wa_map_put(m->spinners, x, xn, NULL);
        if (!v || !w)
            return WA_ENOMEM;
        *v = *w = (void *)1;
    }
    return 0;
}

static int spin_related(const ck_media *m, const char *a, size_t an, const char *b, size_t bn)
{
    char key[130];
    if (an + bn + 1 >= sizeof key)
        return 0;
    memcpy(key, a, an);
    key[an] = '\1';
    memcpy(key + an + 1, b, bn);
    return wa_map_get(m->spin, key, an + bn + 1) != NULL;
}

/* The word s[0..n) with its thesaurus entry (none if the look-up fails)
 * and whether the spinner list has it. */
static void look_up(ck_media *m, wordrel *x, const char *s, size_t n)
{
    *x = (wordrel){s, n, NULL, 0, wa_map_get(m->spinners, s, n) != NULL};
    if (wa_thesaurus_lookup(m->th, s, n, &x->syn, &x->nsyn))
        x->nsyn = 0;
}

int ck_media_spin(ck_media *m, const char *line, size_t n)
{
    m->key.len = 0;
    ck_fold(line, n, &m->key);
    if (m->key.failed)
        return WA_ENOMEM;
    const char *k = m->key.data;
    size_t kl = m->key.len, bar = 0;
    while (bar < kl && k[bar] != '|')
        bar++;
    char word[64];
    size_t wl = bar < kl ? lemma(m, k, bar, word, sizeof word) : 0;
    if (!wl || memchr(k, ' ', bar))
        return WA_EDATA;
    int created;
    void **v = wa_map_put(m->spun_by, word, wl, &created);
    if (!v)
        return WA_ENOMEM;
    if (created) {
        if (wa_grow(&m->subs, &m->capsubs, m->nsubs, sizeof *m->subs, 256))
            return WA_ENOMEM;
        wa_buf_init(&m->subs[m->nsubs]);
        *v = (void *)(uintptr_t)++m->nsubs;
    }
    wa_buf *subs = &m->subs[(uintptr_t)*v - 1];
    for (size_t a = bar + 1; a <= kl;) {
        size_t b = a;
        while (b < kl && k[b] != '|')
            b++;
        char sub[64];
        size_t sl = b > a ? phrase_lemma(m, k + a, b - a, sub, sizeof sub) : 0;
        if (!sl || memchr(sub, '\1', sl))
            return WA_EDATA;
        int rc = spin_pair(m, word, wl, sub, sl);
        if (rc)
            return rc;
        wa_buf_add(subs, sub, sl);
        wa_buf_addc(subs, '\0');
        if (subs->failed)
            return WA_ENOMEM;
        a = b + 1;
    }
    return 0;
}

int ck_media_index(ck_media *m)
{
    for (size_t id = 0; id < m->nnames; id++) {
        mname *nm = &m->names[id];
        for (size_t i = 0; i < nm->nw; i++) {
            if (nm->conn[i])
                continue;
            const char *lem = nm->lem[i].s;
            size_t ll = nm->lem[i].n;
            look_up(m, &nm->lem[i], lem, ll);
            void **sv = ll ? wa_map_get(m->spun_by, lem, ll) : NULL;
            if (sv) {
                const wa_buf *b = &m->subs[(uintptr_t)*sv - 1];
                for (size_t q = 0; q < b->len; q += strlen(b->data + q) + 1) {
                    const char *sub = b->data + q;
                    size_t sl = strlen(sub);
                    const char *sp = memchr(sub, ' ', sl);
                    /* a two-word substitute is found by its last word */
                    if (sp && index_add(m, m->bysyn, sp + 1, sl - (size_t)(sp + 1 - sub),
                                        (uint32_t)id))
                        return WA_ENOMEM;
                    if (!sp && index_add(m, m->bysyn, sub, sl, (uint32_t)id))
                        return WA_ENOMEM;
                }
            }
            const wa_synonym *syn;
            size_t ns;
            if (!ll || wa_thesaurus_lookup(m->th, lem, ll, &syn, &ns))
                continue;
            for (size_t k = 0; k < ns; k++) {
                char sl[64];
                if (syn[k].len >= sizeof sl || memchr(syn[k].text, ' ', syn[k].len))
                    continue;
                size_t l = 0;
                for (; l < syn[k].len; l++) {
                    char c = syn[k].text[l];
                    sl[l] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
                if (index_add(m, m->bysyn, sl, l, (uint32_t)id))
                    return WA_ENOMEM;
            }
        }
    }
    return 0;
}

const char *ck_media_text(const ck_media *m, size_t i, int *has_the)
{
    if (has_the)
        *has_the = m->names[i].the;
    return m->names[i].text;
}

/* ------------------------------------------------------------------ */
/* Word relations */

/* Whether b is in the synonyms s[0..n); strict: only true synonyms of a
 * noun or adjective sense (names are made of those), not the file's generic
 * or similar terms. */
static int syn_in(const wa_synonym *s, size_t n, const char *b, size_t bn, int strict)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i].len != bn ||
            (strict && (s[i].loose || (s[i].pos != WA_POS_NOUN && s[i].pos != WA_POS_ADJ))))
            continue;
        size_t k = 0;
        while (k < bn && (s[i].text[k] | 0x20) == (b[k] | 0x20))
            k++;
        if (k == bn)
            return 1;
    }
    return 0;
}

/* Whether b is a synonym of a (syn_in). */
static int syn_has(ck_media *m, const char *a, size_t an, const char *b, size_t bn, int strict)
{
    const wa_synonym *s;
    size_t n;
    return !wa_thesaurus_lookup(m->th, a, an, &s, &n) && syn_in(s, n, b, bn, strict);
}

/* Whether b is a weaker neighbour of a: a generic term or another sense in
 * the thesaurus, either way, or a synonym of one of a's first 40. */
static int weakly_related(ck_media *m, const char *a, size_t an, const char *b, size_t bn)
{
    if (syn_has(m, a, an, b, bn, 0) || syn_has(m, b, bn, a, an, 0))
        return 1;
    const wa_synonym *s;
    size_t n;
    if (wa_thesaurus_lookup(m->th, a, an, &s, &n))
        return 0;
    for (size_t i = 0; i < n && i < 40; i++) {
        char mid[64];
        if (s[i].len >= sizeof mid || memchr(s[i].text, ' ', s[i].len))
            continue;
        memcpy(mid, s[i].text, s[i].len);
        if (syn_has(m, mid, s[i].len, b, bn, 0))
            return 1;
    }
    return 0;
}

/* Whether b is a true noun or adjective synonym of a (or a of b) in the
 * thesaurus, or a substitute of the spinner list (either way). */
static int strong(const ck_media *m, const wordrel *a, const wordrel *b)
{
    return (a->spun && b->spun && spin_related(m, a->s, a->n, b->s, b->n)) ||
           syn_in(a->syn, a->nsyn, b->s, b->n, 1) || syn_in(b->syn, b->nsyn, a->s, a->n, 1);
}

/* strong() of two words not looked up yet. */
static int strongly_related(ck_media *m, const char *a, size_t an, const char *b, size_t bn)
{
    wordrel x, y;
    look_up(m, &x, a, an);
    look_up(m, &y, b, bn);
    return strong(m, &x, &y);
}

/* Memo values of related(): the relation + 1, or NOT_STRONG when only
 * "not 2" is known yet.  RELATED_KEY: the bytes of a memo key "a\1b". */
enum { NOT_STRONG = 4, RELATED_KEY = 130 };

/* How two English words (lemmas) are related: 2 strongly_related, 1
 * weakly_related, 0 not.  With weak 0 the caller cannot tell 1 from 0 and
 * gets 0 for both (the costly weak search is left out).  Memoized. */
static int related(ck_media *m, const char *a, size_t an, const char *b, size_t bn, int weak)
{
    char key[RELATED_KEY];
    if (an + bn + 1 >= sizeof key)
        return 0;
    memcpy(key, a, an);
    key[an] = '\1';
    memcpy(key + an + 1, b, bn);
    void **v = wa_map_get(m->memo, key, an + bn + 1);
    uintptr_t known = v ? (uintptr_t)*v : 0;
    if (known == NOT_STRONG && !weak)
        return 0;
    if (known && known != NOT_STRONG)
        return (int)known - 1;
    int r = 0;
    if (!known && strongly_related(m, a, an, b, bn))
        r = 2;
    else if (weak)
        r = weakly_related(m, a, an, b, bn);
    uintptr_t store = r || weak ? (uintptr_t)r + 1 : NOT_STRONG;
    if ((v = wa_map_put(m->memo, key, an + bn + 1, NULL)))
        *v = (void *)store;
    return r;
}

/* ------------------------------------------------------------------ */
/* Alignment */

/* A cell of the alignment: its score and what the path did. */
typedef struct cell {
    int score; /* INT32_MIN: unreachable */
    unsigned char kept, swapped, odd, missing, extra, first;
    unsigned char kept_head, swapped_head, odd_head, known_only, any_known;
} cell;

enum { S_KEPT = 10, S_KEPT_CONN = 3, S_SWAP = 7, S_SPLIT = 8, S_ODD = 3, S_MISS = -6,
       S_MISS_CONN = -1, S_EXTRA = -5, S_EXTRA_CONN = -1 };

typedef struct rword {
    char lem[64];
    size_t ll;
    int conn;
    wordrel as[2]; /* the lemma and the word as written (if other) looked up;
                      not for a connector */
} rword;

/* A run (words and their lemmas) against one name, with what each run word
 * is to each name word, looked up once: the filter and the alignment ask
 * for the same pairs. */
typedef struct pairing {
    ck_media *m;
    const mname *nm;
    const ck_mword *w;
    const rword *rw;
    size_t n;
    signed char rel[MAX_RUN_WORDS][MAX_NAME_WORDS]; /* related(); -1: not asked yet */
} pairing;

/* Whether run word i has the lemma of name word j. */
static int same_lemma(const pairing *p, size_t i, size_t j)
{
    const mname *nm = p->nm;
    return p->rw[i].ll == nm->lem[j].n &&
           memcmp(p->rw[i].lem, nm->lem[j].s, nm->lem[j].n) == 0;
}

/* Whether run words i and i + 1 spell name word j: "with out" for "without". */
static int split_of(const pairing *p, size_t i, size_t j)
{
    const ck_mword *w = p->w;
    const char *nk = p->nm->key + p->nm->off[j];
    return i + 1 < p->n && w[i].len + w[i + 1].len == p->nm->len[j] &&
           memcmp(w[i].s, nk, w[i].len) == 0 &&
           memcmp(w[i + 1].s, nk + w[i].len, w[i + 1].len) == 0;
}

/* Whether run words i and i + 1 are a spinner substitute of name word j:
 * "medical doctors" for "doctors". */
static int phrase_of(const pairing *p, size_t i, size_t j)
{
    const ck_mword *w = p->w;
    const rword *rw = p->rw;
    if (i + 1 >= p->n || rw[i + 1].conn || !p->nm->lem[j].spun)
        return 0;
    char ph[130];
    size_t pl = w[i].len + 1 + rw[i + 1].ll;
    if (pl >= sizeof ph)
        return 0;
    memcpy(ph, w[i].s, w[i].len);
    ph[w[i].len] = ' ';
    memcpy(ph + w[i].len + 1, rw[i + 1].lem, rw[i + 1].ll);
    return spin_related(p->m, p->nm->lem[j].s, p->nm->lem[j].n, ph, pl);
}

/* strong() within related()'s bound on the memo key: a longer pair is
 * not related. */
static int strong_pair(const ck_media *m, const wordrel *a, const wordrel *b)
{
    return a->n + b->n + 1 < RELATED_KEY && strong(m, a, b);
}

/* p->rel of a pair whose strong relation is known absent, the weak one
 * not asked yet. */
enum { REL_NOT_STRONG = 3 };

/* How run word i is related to name word j (related(), by its lemma or as
 * written).  The weak relation counts only where odd English does not, and
 * is asked only if weak: else 1 and 0 may both come back as 0. */
static int pair_rel(pairing *p, size_t i, size_t j, int weak)
{
    signed char *r = &p->rel[i][j];
    const ck_mword *w = &p->w[i];
    int counts = !w->odd && !w->quoted;
    weak = weak && counts;
    if (*r >= 0 && (*r != REL_NOT_STRONG || !weak))
        return *r == REL_NOT_STRONG ? 0 : *r;
    const rword *rw = &p->rw[i];
    const wordrel *b = &p->nm->lem[j];
    int rel;
    if (weak) {
        rel = related(p->m, rw->lem, rw->ll, b->s, b->n, 1);
        if (rel < 2 && rw->ll != w->len) {
            int r2 = related(p->m, w->s, w->len, b->s, b->n, 1);
            rel = r2 > rel ? r2 : rel;
        }
    } else {
        /* what related() would tell as 2, without its memo: the words are
         * looked up already, and most pairs are asked only once */
        rel = strong_pair(p->m, &rw->as[0], b) ||
                      (rw->ll != w->len && strong_pair(p->m, &rw->as[1], b))
                  ? 2
                  : 0;
    }
    *r = (signed char)(rel == 0 && counts && !weak ? REL_NOT_STRONG : rel);
    return rel;
}

static void relax(cell *to, const cell *from, int add)
{
    if (from->score == INT32_MIN)
        return;
    if (to->score == INT32_MIN || from->score + add > to->score) {
        *to = *from;
        to->score = from->score + add;
    }
}

/* Aligns the run words with the name; fills *best with the best path that
 * covers the whole name. */
static void align(pairing *p, cell *best, size_t *end)
{
    cell dp[MAX_RUN_WORDS + 1][MAX_NAME_WORDS + 1];
    const mname *nm = p->nm;
    const ck_mword *w = p->w;
    const rword *rw = p->rw;
    size_t n = p->n, N = nm->nw;
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= N; j++)
            dp[i][j].score = INT32_MIN;
    for (size_t i = 0; i <= n; i++) {
        memset(&dp[i][0], 0, sizeof dp[i][0]);
        dp[i][0].first = (unsigned char)i;
        dp[i][0].known_only = 1;
    }
    best->score = INT32_MIN;
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= N; j++) {
            cell *c = &dp[i][j];
            if (c->score == INT32_MIN)
                continue;
            if (j == N) {
                if (best->score == INT32_MIN || c->score > best->score) {
                    *best = *c;
                    *end = i;
                }
                continue;
            }
            /* a name word missing from the run */
            cell t = *c;
            if (nm->conn[j]) {
                relax(&dp[i][j + 1], &t, S_MISS_CONN);
            } else {
                t.missing++;
                relax(&dp[i][j + 1], &t, S_MISS);
            }
            if (i == n)
                continue;
            /* a run word added inside the name */
            if (j > 0) {
                t = *c;
                if (rw[i].conn) {
                    relax(&dp[i + 1][j], &t, S_EXTRA_CONN);
                } else {
                    t.extra++;
                    relax(&dp[i + 1][j], &t, S_EXTRA);
                }
            }
            /* the run word for the name word */
            t = *c;
            t.known_only &= w[i].known;
            t.any_known |= w[i].known;
            if (same_lemma(p, i, j)) {
                if (nm->conn[j]) {
                    relax(&dp[i + 1][j + 1], &t, S_KEPT_CONN);
                } else {
                    t.kept++;
                    t.kept_head |= nm->head[j];
                    relax(&dp[i + 1][j + 1], &t, S_KEPT);
                }
                continue;
            }
            if (nm->conn[j] || rw[i].conn)
                continue;
            /* two run words for one */
            if (split_of(p, i, j) || phrase_of(p, i, j)) {
                cell u = t;
                u.known_only &= w[i + 1].known;
                u.swapped++;
                u.swapped_head |= nm->head[j];
                relax(&dp[i + 2][j + 1], &u, S_SPLIT);
            }
            int rel = pair_rel(p, i, j, 1);
            if (rel == 2) {
                cell u = t;
                u.swapped++;
                u.swapped_head |= nm->head[j];
                relax(&dp[i + 1][j + 1], &u, S_SWAP);
            } else if ((w[i].odd || rel == 1) && !w[i].quoted) {
                cell u = t;
                u.odd++;
                u.odd_head |= nm->head[j];
                relax(&dp[i + 1][j + 1], &u, S_ODD);
            }
        }
}

/* Whether the best path of a name is a spun form of it. */
static int acceptable(const mname *nm, const cell *c, int the_before)
{
    int nc = nm->ncontent;
    if (c->swapped + c->odd == 0 || c->known_only)
        return 0; /* the name itself, inflected or not */
    if (c->missing > (nc >= 4 ? 1 : 0) || c->extra > 1 || c->odd > 1)
        return 0;
    /* a word swapped outside the thesaurus and the spinner list: only
     * beside two kept words, and never for the head word ("Evening Post"
     * may be a real paper, not a spun "Washington Post") */
    if (c->odd && (c->kept < 2 || c->odd_head))
        return 0;
    if (c->kept == 0) {
        /* every word swapped: only thesaurus neighbours, and a one-word
         * name only after "The" in the text as in the name */
        if (nc == 1)
            return nm->the && the_before && c->swapped == 1 && c->swapped_head;
        return c->swapped == nc && c->swapped_head;
    }
    return 2 * (c->kept + c->swapped) >= nc;
}

/* Whether the run spells the whole name, every word kept in a row: that
 * path scores the most any path can, and only paths that keep every word
 * score as much, so the best path swaps nothing: not a spun name. */
static int whole_name(const pairing *p)
{
    size_t N = p->nm->nw;
    for (size_t i = 0; i + N <= p->n; i++) {
        size_t j = 0;
        while (j < N && same_lemma(p, i + j, j))
            j++;
        if (j == N)
            return 1;
    }
    return 0;
}

/* Whether run word i may stand for content word j of the name on some
 * path: kept, spelt in two words, swapped for a neighbour or, if odd, as
 * odd English.  Unless costly, only what needs no look-up is tried. */
static int may_stand_for(pairing *p, size_t i, size_t j, int odd, int costly)
{
    if (same_lemma(p, i, j))
        return 1;
    if (p->rw[i].conn)
        return 0;
    if (split_of(p, i, j) || (odd && p->w[i].odd && !p->w[i].quoted))
        return 1;
    if (!costly)
        return 0;
    int rel = pair_rel(p, i, j, odd);
    return rel == 2 || (odd && rel == 1 && !p->w[i].quoted) || phrase_of(p, i, j);
}

/* Whether no path of the alignment can be acceptable(), told before the
 * alignment asks the thesaurus about every pair of words: the name is in
 * the run as it is, or more of its content words than acceptable() lets go
 * missing have no run word that may stand for them.  With fewer than two
 * name words kept (in the run at all), acceptable() takes no odd word, and
 * with none it lets none go missing.  Most candidates fail so, and most of
 * those on the first word that nothing stands for. */
static int hopeless(pairing *p)
{
    const mname *nm = p->nm;
    if (whole_name(p))
        return 1;
    unsigned char open[MAX_NAME_WORDS];
    int kept = 0, unsure = 0;
    for (size_t j = 0; j < nm->nw; j++) {
        open[j] = !nm->conn[j];
        for (size_t i = 0; i < p->n && open[j]; i++)
            open[j] = !same_lemma(p, i, j);
        kept += !nm->conn[j] && !open[j];
    }
    int odd = kept >= 2, lim = kept && nm->ncontent >= 4 ? 1 : 0;
    for (size_t j = 0; j < nm->nw; j++) {
        for (size_t i = 0; i < p->n && open[j]; i++)
            open[j] = !may_stand_for(p, i, j, odd, 0);
        unsure += open[j];
    }
    for (size_t j = 0; j < nm->nw && unsure > lim; j++) {
        if (!open[j])
            continue;
        size_t i = 0;
        while (i < p->n && !may_stand_for(p, i, j, odd, 1))
            i++;
        unsure--;
        if (i == p->n && --lim < 0)
            return 1;
    }
    return 0;
}

static int spun_uncached(ck_media *m, const ck_mword *w, size_t n, int the_before, ck_mmatch *out);

/* Memo entry of a run: name + 1 (0 for none), first, last, score. */
typedef struct runmemo {
    uint32_t name;
    unsigned char first, last;
    int score;
} runmemo;

int ck_media_spun(ck_media *m, const ck_mword *w, size_t n, int the_before, ck_mmatch *out)
{
    if (n == 0 || n > MAX_RUN_WORDS)
        return 0;
    /* the key: the words with their flags; names repeat in a text */
    char key[512];
    size_t kl = 0;
    key[kl++] = (char)('0' + (the_before != 0));
    for (size_t i = 0; i < n; i++) {
        if (kl + w[i].len + 2 >= sizeof key)
            return spun_uncached(m, w, n, the_before, out);
        key[kl++] = (char)(1 + w[i].odd + 2 * w[i].known + 4 * w[i].quoted);
        memcpy(key + kl, w[i].s, w[i].len);
        kl += w[i].len;
    }
    void **v = wa_map_get(m->runs, key, kl);
    if (v) {
        const runmemo *r = *v;
        if (!r->name)
            return 0;
        *out = (ck_mmatch){r->name - 1, r->first, r->last, r->score};
        return 1;
    }
    int found = spun_uncached(m, w, n, the_before, out);
    if (found < 0)
        return found;
    if (wa_map_count(m->runs) > 65536) {
        size_t it = 0, l;
        const char *k;
        void **val;
        while (wa_map_next(m->runs, &it, &k, &l, &val))
            free(*val);
        wa_map_free(m->runs);
        if (!(m->runs = wa_map_new(1024)))
            return WA_ENOMEM;
    }
    runmemo *r = wa_malloc(sizeof *r);
    if (!r)
        return WA_ENOMEM;
    *r = found ? (runmemo){(uint32_t)out->name + 1, (unsigned char)out->first,
                           (unsigned char)out->last, out->score}
               : (runmemo){0, 0, 0, 0};
    if (!(v = wa_map_put(m->runs, key, kl, NULL))) {
        free(r);
        return WA_ENOMEM;
    }
    *v = r;
    return found;
}

static int spun_uncached(ck_media *m, const ck_mword *w, size_t n, int the_before, ck_mmatch *out)
{
    rword rw[MAX_RUN_WORDS];
    uint32_t cand[MAX_CANDIDATES];
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        rw[i].ll = lemma(m, w[i].s, w[i].len, rw[i].lem, sizeof rw[i].lem);
        rw[i].conn = in_class(m, CONNECTOR, w[i].s, w[i].len);
    }
    /* names sharing a word first, then names with a neighbour of a word */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            if (rw[i].conn || !rw[i].ll)
                continue;
            void **v = pass ? wa_map_get(m->bysyn, rw[i].lem, rw[i].ll)
                            : wa_map_get(m->byword, rw[i].lem, rw[i].ll);
            if (!v)
                continue;
            const idlist *l = &m->lists[(uintptr_t)*v - 1];
            for (size_t k = 0; k < l->n; k++) {
                size_t q = 0;
                while (q < nc && cand[q] != l->id[k])
                    q++;
                if (q == nc && nc < MAX_CANDIDATES)
                    cand[nc++] = l->id[k];
            }
        }
    for (size_t i = 0; nc && i < n; i++) {
        if (rw[i].conn)
            continue;
        look_up(m, &rw[i].as[0], rw[i].lem, rw[i].ll);
        if (rw[i].ll != w[i].len) /* else the word as written is not asked */
            look_up(m, &rw[i].as[1], w[i].s, w[i].len);
    }
    int found = 0;
    pairing p = {m, NULL, w, rw, n, {{0}}};
    for (size_t q = 0; q < nc; q++) {
        p.nm = &m->names[cand[q]];
        memset(p.rel, -1, sizeof p.rel);
        if (hopeless(&p))
            continue;
        cell c;
        memset(&c, 0, sizeof c);
        size_t end = 0;
        align(&p, &c, &end);
        if (c.score == INT32_MIN || !acceptable(p.nm, &c, the_before && c.first == 0))
            continue;
        /* the best explained name; on a tie, the one with more kept words,
         * then the one listed first */
        int sc = c.score * 4 + c.kept;
        if (!found || sc > out->score || (sc == out->score && cand[q] < out->name)) {
            *out = (ck_mmatch){cand[q], c.first, end, sc};
            found = 1;
        }
    }
    return found;
}

const char *ck_media_head_for(ck_media *m, const char *w, size_t n)
{
    void **v = wa_map_get(m->headmemo, w, n);
    if (v)
        return (uintptr_t)*v ? m->titles[(uintptr_t)*v - 1] : NULL;
    char wl[64];
    size_t wn = lemma(m, w, n, wl, sizeof wl);
    int found = -1;
    int own = in_class(m, 1u << CK_CL_NEWSPAPER_TITLE, w, n);
    for (size_t i = 0; wn && !own && i < m->ntitles && found < 0; i++) {
        char hl[64];
        size_t hn = lemma(m, m->titles[i], strlen(m->titles[i]), hl, sizeof hl);
        if (strongly_related(m, hl, hn, wl, wn))
            found = (int)i;
    }
    if ((v = wa_map_put(m->headmemo, w, n, NULL)))
        *v = (void *)(uintptr_t)(found + 1);
    return found >= 0 ? m->titles[found] : NULL;
}
