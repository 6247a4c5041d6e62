/* Name mentions in text, their counts per document, clustering into
 * entities with blocking, and alias tables (tsv, json, Solr). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include "names_internal.h"
#include "wirealign/names.h"
#include "translit_internal.h"

/* Above this many names in one block, compare only within sub-blocks
 * (same first letter of the first token's key). */
#define BLOCK_ALL_PAIRS 200
/* Members compared on each side when two clusters are about to merge. */
#define CONFLICT_CHECK 48

/* How often a form occurs in a document; for a lone surname, also the
 * full name it follows there (its antecedent), NO_ANTE when none. */
typedef struct dcount {
    uint32_t doc;
    uint32_t ante;
    unsigned long long count;
} dcount;

#define NO_ANTE UINT32_MAX
/* No key number (see parsed). */
#define NO_KEY UINT32_MAX

/* A name form parsed once per handle (wa_names.parses): the variants of
 * that form borrow it, in every later document of a reset handle too. */
typedef struct parsed {
    wa_pname p; /* its tokens and key follow the record */
    char *key; /* full key */
    /* The handle's numbers (wa_names.keyids) of the surname key and of the
     * first name's key of a full name, for find_antecedents; NO_KEY for
     * none (no surname key; a lone word; a first name that is an
     * initial). */
    uint32_t sur, first;
} parsed;

/* What counting a mention reads comes first, in one cache line or two. */
typedef struct variant {
    dcount *dc;
    size_t ndc, capdc;
    unsigned long long total;
    /* Copied from the form's parsed record, whose pointers they borrow
     * (p.tok, key): filled by parse_variant. */
    int parsed;
    uint32_t sur, first;
    wa_pname p;
    char *key;
    char *form;
    size_t flen;
    size_t entity; /* entity id when not split, 0 when split */
    /* Split variants: the entity of each dc[] entry. */
    size_t *split_ent;
    size_t nsplit;
} variant;

typedef struct erow {
    size_t var;
    const char *form; /* the variant's form, for sorting */
    size_t flen;
    dcount *dc; /* the variant's own when not split (own == 0) */
    size_t ndc;
    int own;
    unsigned long long count;
} erow;

typedef struct entity {
    size_t canon; /* variant index of the canonical form */
    erow *rows;
    size_t nrows, caprows;
    unsigned long long count;
} entity;

/* What finding mentions asks about a word as written, kept per handle so
 * that a word seen before costs one look-up.  The verdicts are bits in the
 * map's value itself, each with a bit telling it is known (0: nothing
 * asked yet): a record or the token info behind a pointer would cost a
 * cache miss more on every word. */
enum {
    WI_TOKEN = 1,  /* the verdicts from the token info are known: */
    WI_TITLE = 2,  /* titles.txt */
    WI_FIRST = 4,  /* folded, it starts an alias phrase (phrase_first) */
    WI_PART_SHIFT = 3, /* 2 bits: particle kinds of its fold (fold_particle) */
    WI_COMMON = 32, /* is_common is known, */
    WI_COMMON_SHIFT = 6, /* its 2 bits here, */
    WI_FUNC = 256, /* is_function_word is known, */
    WI_FUNC_SHIFT = 9 /* its 2 bits here */
};

typedef struct docm {
    wa_mention *m;
    size_t *var;
    uint32_t *ante;
    size_t n, cap;
} docm;

/* The words of names/particles-in-text.txt (ASCII lower case, 1 to 5
 * letters), each with its kinds: PART_INSIDE for every word, PART_START
 * for one that may start a name.  An open-addressing table keyed by the
 * word's letters packed into an integer (at most 40 bits), so that a word
 * of the text is looked up without a copy or a string compare. */
enum { MAX_PARTICLES = 64, PART_SLOTS = 128 };
enum { PART_INSIDE = 1, PART_START = 2 };
typedef struct particles {
    uint64_t slot[PART_SLOTS]; /* key << 2 | kinds; 0 when empty */
    size_t nword;
} particles;

struct wa_names {
    struct word *wbuf; /* find_mentions' words, kept from one text to the next */
    size_t wcap;
    wa_translit *tl;
    int own_tl; /* tl opened here (not wa_names_opts.translit) */
    wa_common_word_fn common;
    void *common_ctx;
    wa_map *common_list;  /* names/common-words.txt: function words */
    wa_map *pronouns;     /* names/pronouns.txt: subject pronouns */
    wa_elisions elis;     /* elisions.txt, every language: left out of names */
    wa_map *winfo;        /* word as written -> WI_* bits (what find_mentions asks) */
    particles part;       /* particles inside a name or starting one */
    wa_map *known;        /* gazetteer and alias tokens, folded */
    wa_map *phrases;      /* alias forms of several words, lower case */
    wa_map *phrase_first; /* folded first words of those forms */
    wa_map *phrase_second; /* their second words, as in phrases */
    size_t max_phrase;    /* the most words in one of them */
    int prefer;           /* 0 none, 1 en, 2 fr */
    int keep;
    wa_map *vmap; /* form -> index + 1 */
    wa_map *parses; /* form -> parsed, kept by wa_names_reset */
    wa_map *keyids; /* token key -> its number (parsed.sur, .first) */
    uint32_t nkeys;
    variant *v;
    size_t nv, capv;
    wa_map *dmap; /* doc name -> index + 1 */
    char **docs;
    docm *dm;
    size_t ndocs, capdocs;
    entity *ent;
    size_t nent;
    int clustered;
    size_t compared; /* pairs of names compared by the last clustering */
    int broken; /* a reset ran out of memory: every add fails */
    wa_buf scratch;
};

/* ------------------------------------------------------------------ */
/* Set-up */

static int load_words(wa_map *m, const char *path, int required, wa_error *err)
{
    char *text = NULL;
    size_t len;
    int rc = wa_read_text_file(path, &text, &len, err);
    if (rc)
        return (rc == WA_ENOTFOUND && !required) ? 0 : rc;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\r' || line[l - 1] == ' '))
            line[--l] = '\0';
        if (l && line[0] != '#') {
            void **slot = wa_map_put(m, line, l, NULL);
            if (!slot) {
                free(text);
                return wa_fail(err, WA_ENOMEM, "out of memory");
            }
            *slot = (void *)1;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return 0;
}

static int lower_word(const char *s, size_t n, wa_buf *b);

static int add_known(wa_names *nm, const char *s, size_t n, wa_buf *low, wa_error *err)
{
    if (lower_word(s, n, low))
        return 0;
    if (low->len && !wa_map_put(nm->known, low->data, low->len, NULL))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    return 0;
}

/* Lower case, runs of spaces as one, ’ as ': how phrases are compared. */
static void phrase_norm(wa_buf *b)
{
    size_t o = 0;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (c == 0xE2 && i + 2 < b->len && (unsigned char)b->data[i + 1] == 0x80 &&
            (unsigned char)b->data[i + 2] == 0x99) {
            b->data[o++] = '\'';
            i += 2;
        } else if (c == ' ' && (o == 0 || b->data[o - 1] == ' ')) {
            continue;
        } else {
            b->data[o++] = (char)c;
        }
    }
    while (o && b->data[o - 1] == ' ')
        o--;
    b->len = o;
}

/* Puts the second word of a phrase (lower case, normalized) in
 * nm->phrase_second; -1 when out of memory. */
static int add_second(wa_names *nm, const char *p, size_t n)
{
    const char *sp = memchr(p, ' ', n);
    if (!sp)
        return 0;
    const char *w2 = sp + 1, *end = memchr(w2, ' ', n - (size_t)(w2 - p));
    size_t l2 = end ? (size_t)(end - w2) : n - (size_t)(w2 - p);
    return wa_map_put(nm->phrase_second, w2, l2, NULL) ? 0 : -1;
}

/* Names are never common words: every word of the gazetteer (names a wire
 * may use) and every alias form as written (Chine, Royaume-Uni), lower
 * case, goes into nm->known.  Alias forms of several words go into
 * nm->phrases, so that "Union européenne" is read whole in a text. */
static int load_known(wa_names *nm, const char *dir, wa_error *err)
{
    wa_buf low;
    wa_buf_init(&low);
    int arc = 0;
    for (size_t i = 0; i < wa_tl_alias_count(nm->tl) && !arc; i++)
        for (size_t j = 0; j < wa_tl_alias_variants(nm->tl, i) && !arc; j++) {
            const char *f = wa_tl_alias_variant(nm->tl, i, j, NULL);
            arc = add_known(nm, f, strlen(f), &low, err);
            if (arc || !strchr(f, ' ') || lower_word(f, strlen(f), &low))
                continue;
            phrase_norm(&low);
            size_t words = 1;
            for (size_t k = 0; k < low.len; k++)
                words += low.data[k] == ' ';
            void **slot = wa_map_put(nm->phrases, low.data, low.len, NULL);
            size_t fl = strcspn(f, " ");
            const wa_tokinfo *ti = wa_tl_token(nm->tl, f, fl, err);
            if (!ti) {
                arc = err ? err->code : WA_ENOMEM;
                break;
            }
            if (!slot || (ti->flen && !wa_map_put(nm->phrase_first, ti->fold, ti->flen, NULL)) ||
                add_second(nm, low.data, low.len)) {
                arc = wa_fail(err, WA_ENOMEM, "out of memory");
                break;
            }
            *slot = (void *)(intptr_t)words;
            if (words > nm->max_phrase)
                nm->max_phrase = words;
        }
    wa_buf_free(&low);
    if (arc)
        return arc;
    char path[4096];
    snprintf(path, sizeof path, "%s/gazetteer.txt", dir);
    wa_map *lines = wa_map_new(256);
    if (!lines)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    int rc = load_words(lines, path, 0, err);
    size_t it = 0;
    const char *k;
    size_t kl;
    void **val;
    while (!rc && wa_map_next(lines, &it, &k, &kl, &val)) {
        size_t i = 0;
        while (i < kl && !rc) {
            while (i < kl && (k[i] == ' ' || k[i] == '-'))
                i++;
            size_t st = i;
            while (i < kl && k[i] != ' ' && k[i] != '-')
                i++;
            if (i > st) {
                wa_buf lw;
                wa_buf_init(&lw);
                rc = add_known(nm, k + st, i - st, &lw, err);
                wa_buf_free(&lw);
            }
        }
    }
    wa_map_free(lines);
    return rc;
}

static size_t part_home(uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 57) & (PART_SLOTS - 1);
}

/* The kinds of the word whose packed letters are key, 0 for none. */
static int part_kinds(const particles *p, uint64_t key)
{
    for (size_t i = part_home(key); p->slot[i]; i = (i + 1) & (PART_SLOTS - 1))
        if (p->slot[i] >> 2 == key)
            return (int)(p->slot[i] & 3);
    return 0;
}

/* The letters of s[0..n) in lower case packed into an integer, or 0 when
 * s is not 1 to 5 ASCII letters. */
static uint64_t part_key(const char *s, size_t n)
{
    uint64_t key = 0;
    if (n < 1 || n > 5)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
        key = key << 8 | (c | 0x20);
    }
    return key;
}

/* One "WORD inside|start" line of names/particles-in-text.txt.  A word
 * counts only when its token info says particle too (particles.txt), as
 * particle_in() asks of a word of the text. */
static int particle_line(void *ctx, const char *line, size_t n)
{
    wa_names *nm = ctx;
    particles *p = &nm->part;
    size_t wl = strcspn(line, " \t");
    const char *kind = line + wl + strspn(line + wl, " \t");
    int start = strcmp(kind, "start") == 0;
    if ((!start && strcmp(kind, "inside") != 0) || wl < 1 || wl > 5 ||
        p->nword == MAX_PARTICLES || wl == n)
        return WA_EDATA;
    for (size_t i = 0; i < wl; i++)
        if (line[i] < 'a' || line[i] > 'z')
            return WA_EDATA;
    const wa_tokinfo *ti = wa_tl_token(nm->tl, line, wl, NULL);
    if (!ti)
        return WA_ENOMEM;
    if (!(ti->flags & WA_TK_PARTICLE))
        return 0;
    uint64_t key = part_key(line, wl);
    size_t i = part_home(key);
    while (p->slot[i] && p->slot[i] >> 2 != key)
        i = (i + 1) & (PART_SLOTS - 1);
    if (!p->slot[i])
        p->nword++;
    p->slot[i] = key << 2 | (uint64_t)(p->slot[i] & 3) | PART_INSIDE | (start ? PART_START : 0);
    return 0;
}

/* Needs nm->tl. */
static int load_particles(wa_names *nm, const char *dir, wa_error *err)
{
    return wa_read_list(dir, "names/particles-in-text.txt", particle_line, nm, err);
}

int wa_names_open(wa_names **out, const wa_names_opts *opts, wa_error *err)
{
    *out = NULL;
    if (!opts || !opts->data_dir)
        return wa_fail(err, WA_EINVAL, "names: no data directory given");
    int prefer = 0;
    if (opts->prefer && strcmp(opts->prefer, "en") == 0)
        prefer = 1;
    else if (opts->prefer && strcmp(opts->prefer, "fr") == 0)
        prefer = 2;
    else if (opts->prefer && *opts->prefer)
        return wa_fail(err, WA_EINVAL, "names: --prefer must be en or fr, not '%s'",
                       opts->prefer);
    wa_names *nm = calloc(1, sizeof *nm);
    if (!nm)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    nm->prefer = prefer;
    nm->keep = opts->keep_mentions;
    nm->common = opts->is_common_word;
    nm->common_ctx = opts->common_ctx;
    wa_buf_init(&nm->scratch);
    int rc;
    if ((rc = wa_elisions_read(opts->data_dir, NULL, &nm->elis, err)))
        goto fail;
    wa_translit_opts to = {0};
    to.data_dir = opts->data_dir;
    to.alias_files = opts->alias_files;
    to.no_default_aliases = opts->no_default_aliases;
    nm->own_tl = !opts->translit;
    if (opts->translit)
        nm->tl = opts->translit;
    else if ((rc = wa_translit_open(&nm->tl, &to, err)))
        goto fail;
    if ((rc = load_particles(nm, opts->data_dir, err)))
        goto fail;
    nm->vmap = wa_map_new(1024);
    nm->dmap = wa_map_new(64);
    nm->known = wa_map_new(1024);
    nm->phrases = wa_map_new(256);
    nm->phrase_first = wa_map_new(256);
    nm->phrase_second = wa_map_new(256);
    nm->winfo = wa_map_new(4096);
    nm->parses = wa_map_new(1024);
    nm->keyids = wa_map_new(1024);
    if (!nm->vmap || !nm->dmap || !nm->known || !nm->phrases ||
        !nm->phrase_first || !nm->phrase_second || !nm->winfo || !nm->parses ||
        !nm->keyids) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto fail;
    }
    {
        /* The word list: function words and sentence starters, never
         * names; and the whole test when no dictionary is given. */
        char path[4096];
        snprintf(path, sizeof path, "%s/names/common-words.txt", opts->data_dir);
        nm->common_list = wa_map_new(512);
        nm->pronouns = wa_map_new(64);
        if (!nm->common_list || !nm->pronouns) {
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
            goto fail;
        }
        if ((rc = load_words(nm->common_list, path, 1, err)))
            goto fail;
        snprintf(path, sizeof path, "%s/names/pronouns.txt", opts->data_dir);
        if ((rc = load_words(nm->pronouns, path, 1, err)))
            goto fail;
    }
    if ((rc = load_known(nm, opts->data_dir, err)))
        goto fail;
    *out = nm;
    return 0;
fail:
    wa_names_free(nm);
    return rc;
}

static void free_results(wa_names *nm)
{
    for (size_t i = 0; i < nm->nent; i++) {
        for (size_t r = 0; r < nm->ent[i].nrows; r++)
            if (nm->ent[i].rows[r].own)
                free(nm->ent[i].rows[r].dc);
        free(nm->ent[i].rows);
    }
    free(nm->ent);
    nm->ent = NULL;
    nm->nent = 0;
    for (size_t i = 0; i < nm->nv; i++) {
        variant *v = &nm->v[i];
        free(v->split_ent);
        v->split_ent = NULL;
        v->nsplit = 0;
        v->entity = 0;
    }
    nm->clustered = 0;
}

/* Frees the documents and counts (not the maps holding their indices). */
static void free_counts(wa_names *nm)
{
    free_results(nm);
    for (size_t i = 0; i < nm->nv; i++) {
        free(nm->v[i].form);
        free(nm->v[i].dc);
    }
    free(nm->v);
    nm->v = NULL;
    nm->nv = nm->capv = 0;
    for (size_t i = 0; i < nm->ndocs; i++) {
        free(nm->docs[i]);
        free(nm->dm[i].m);
        free(nm->dm[i].var);
        free(nm->dm[i].ante);
    }
    free(nm->docs);
    free(nm->dm);
    nm->docs = NULL;
    nm->dm = NULL;
    nm->ndocs = nm->capdocs = 0;
}

void wa_names_reset(wa_names *nm)
{
    if (!nm)
        return;
    free_counts(nm);
    /* small: a reset handle mostly serves one document */
    wa_map *v = wa_map_new(64), *d = wa_map_new(16);
    /* Out of memory: the old maps point at freed entries, so the handle
     * refuses every later add instead. */
    if (v && d) {
        wa_map_free(nm->vmap);
        wa_map_free(nm->dmap);
        nm->vmap = v;
        nm->dmap = d;
    } else {
        wa_map_free(v);
        wa_map_free(d);
        nm->broken = 1;
    }
}

void wa_names_free(wa_names *nm)
{
    if (!nm)
        return;
    free_counts(nm);
    free(nm->wbuf);
    wa_map_free(nm->vmap);
    wa_map_free(nm->dmap);
    wa_map_free(nm->common_list);
    wa_map_free(nm->pronouns);
    wa_map_free(nm->winfo);
    if (nm->parses) {
        size_t it = 0;
        const char *k;
        size_t kl;
        void **v;
        while (wa_map_next(nm->parses, &it, &k, &kl, &v))
            free(*v);
        wa_map_free(nm->parses);
    }
    wa_map_free(nm->keyids);
    wa_map_free(nm->known);
    wa_map_free(nm->phrases);
    wa_map_free(nm->phrase_first);
    wa_map_free(nm->phrase_second);
    if (nm->own_tl)
        wa_translit_free(nm->tl);
    wa_buf_free(&nm->scratch);
    free(nm);
}

wa_translit *wa_names_translit(wa_names *nm) { return nm->tl; }

/* ------------------------------------------------------------------ */
/* Counting */

static long doc_index(wa_names *nm, const char *doc, wa_error *err)
{
    if (nm->broken)
        return wa_fail(err, WA_ENOMEM, "out of memory (after wa_names_reset)");
    if (!doc)
        doc = "";
    size_t dl = strlen(doc);
    int created;
    void **slot = wa_map_put(nm->dmap, doc, dl, &created);
    if (!slot)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (!created)
        return (long)(intptr_t)*slot - 1;
    if (nm->ndocs == nm->capdocs) {
        size_t nc = nm->capdocs ? nm->capdocs * 2 : 16;
        char **d = realloc(nm->docs, nc * sizeof *d);
        if (!d)
            return wa_fail(err, WA_ENOMEM, "out of memory");
        nm->docs = d;
        docm *m = realloc(nm->dm, nc * sizeof *m);
        if (!m)
            return wa_fail(err, WA_ENOMEM, "out of memory");
        nm->dm = m;
        nm->capdocs = nc;
    }
    nm->docs[nm->ndocs] = wa_strndup(doc, dl);
    if (!nm->docs[nm->ndocs])
        return wa_fail(err, WA_ENOMEM, "out of memory");
    memset(&nm->dm[nm->ndocs], 0, sizeof nm->dm[nm->ndocs]);
    *slot = (void *)(intptr_t)(nm->ndocs + 1);
    return (long)nm->ndocs++;
}

/* Appends s[0..n) to b with its white space runs collapsed to one space
 * and trimmed. */
static void normalize_into(wa_buf *b, const char *s, size_t n)
{
    size_t at = b->len;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        /* U+00A0 and U+202F (no-break spaces) count as spaces too. */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            space = 1;
            i++;
            continue;
        }
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0xAF) {
            space = 1;
            i += 2;
            continue;
        }
        if (space && b->len > at)
            wa_buf_addc(b, ' ');
        space = 0;
        wa_buf_addc(b, (char)c);
    }
}

/* The normalized form of s[0..n) into nm->scratch. */
static void normalize_form(wa_names *nm, const char *s, size_t n)
{
    nm->scratch.len = 0;
    normalize_into(&nm->scratch, s, n);
}

/* Starts loading the cache line at p, for a read a little later. */
static inline void prefetch(const void *p)
{
#if defined(__GNUC__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

static long variant_index(wa_names *nm, const char *form, size_t n, wa_error *err)
{
    int created;
    void **slot = wa_map_put(nm->vmap, form, n, &created);
    if (!slot)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (!created)
        return (long)(intptr_t)*slot - 1;
    if (wa_grow(&nm->v, &nm->capv, nm->nv, sizeof *nm->v, 256))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    variant *v = &nm->v[nm->nv];
    memset(v, 0, sizeof *v);
    v->p.alias = -1;
    v->form = wa_strndup(form, n);
    if (!v->form)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    v->flen = n;
    *slot = (void *)(intptr_t)(nm->nv + 1);
    return (long)nm->nv++;
}

static int count_in(wa_names *nm, size_t vi, uint32_t doc, uint32_t ante,
                    unsigned long long count, wa_error *err)
{
    variant *v = &nm->v[vi];
    /* Documents arrive one after the other: the last entry is the usual
     * hit.  Duplicates from tables are merged when clustering. */
    if (v->ndc && v->dc[v->ndc - 1].doc == doc && v->dc[v->ndc - 1].ante == ante) {
        v->dc[v->ndc - 1].count += count;
    } else {
        if (wa_grow(&v->dc, &v->capdc, v->ndc, sizeof *v->dc, 2))
            return wa_fail(err, WA_ENOMEM, "out of memory");
        v->dc[v->ndc++] = (dcount){doc, ante, count};
    }
    v->total += count;
    return 0;
}

/* Counts a form in a document, with the form of its antecedent (or NULL). */
static int add_obs(wa_names *nm, const char *doc, const char *form, size_t n,
                   unsigned long long count, const char *ante, size_t alen, wa_error *err)
{
    uint32_t a = NO_ANTE;
    if (memchr(form, '\0', n) || (ante && memchr(ante, '\0', alen)))
        return wa_fail(err, WA_EINVAL, "names: NUL byte in a name");
    if (ante) {
        normalize_form(nm, ante, alen);
        if (nm->scratch.failed)
            return wa_fail(err, WA_ENOMEM, "out of memory");
        if (!nm->scratch.len)
            return wa_fail(err, WA_EINVAL, "names: empty antecedent form");
        long ai = variant_index(nm, nm->scratch.data, nm->scratch.len, err);
        if (ai < 0)
            return (int)ai;
        a = (uint32_t)ai;
    }
    normalize_form(nm, form, n);
    if (nm->scratch.failed)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (!nm->scratch.len)
        return wa_fail(err, WA_EINVAL, "names: empty name form");
    if (nm->clustered)
        free_results(nm);
    long d = doc_index(nm, doc, err);
    if (d < 0)
        return (int)d;
    long vi = variant_index(nm, nm->scratch.data, nm->scratch.len, err);
    if (vi < 0)
        return (int)vi;
    return count ? count_in(nm, (size_t)vi, (uint32_t)d, a, count, err) : 0;
}

int wa_names_add(wa_names *nm, const char *doc, const char *form, size_t n,
                 unsigned long long count, wa_error *err)
{
    return add_obs(nm, doc, form, n, count, NULL, 0, err);
}

/* ------------------------------------------------------------------ */
/* Finding mentions */

static inline int is_upper_start(const char *s, size_t n, size_t at)
{
    unsigned char a = (unsigned char)s[at];
    if (a < 0x80)
        return a >= 'A' && a <= 'Z';
    size_t i = at;
    int32_t c = wa_utf8_next(s, n, &i);
    return c > 0 && (u_isupper(c) || u_istitle(c));
}

static int is_letter_multi(int32_t c)
{
    return c >= 0 && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
}

static inline int is_letter(int32_t c)
{
    if (c >= 0 && c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return is_letter_multi(c);
}

static int is_apos(int32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
static int is_hyphen(int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

/* A word of the text: letters and digits, joined by inner hyphens and
 * apostrophes; `dot` when an initial is followed by a full stop. */
typedef struct word {
    size_t s, e;     /* the word, elided article excluded */
    size_t ws;       /* where the word started (with the article) */
    uintptr_t info;           /* the handle's WI_* bits for the word, once read */
    unsigned char cap;        /* starts with an upper-case letter */
    unsigned char digit;      /* starts with a digit */
    unsigned char initial;    /* one upper-case letter followed by '.' */
    unsigned char gap_ok;     /* joined to the previous word by one space only */
    unsigned char sent_start; /* first word of a sentence (or after an opening mark) */
    unsigned char poss;       /* ended by an English possessive 's: the name ends */
    unsigned char info_read;  /* info was read from the handle */
    /* Verdicts on the word, worked out once when first asked: -1 not yet,
     * else 0 or 1 (see the word_* functions). */
    signed char v_glued, v_part[2];
} word;

/* Both particle verdicts on a word from its particle kinds. */
static void set_particle(word *w, int kinds)
{
    w->v_part[0] = (kinds & PART_INSIDE) != 0;
    w->v_part[1] = (kinds & PART_START) != 0;
}

/* Lower-cases a word into b (ICU full case mapping). */
static int lower_word(const char *s, size_t n, wa_buf *b)
{
    UChar stack[128], low[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0;
    b->len = 0;
    if (n > 120)
        n = 120;
    /* ASCII lower-cases byte by byte (what ICU's root mapping does). */
    size_t k = 0;
    while (k < n && (unsigned char)s[k] < 0x80)
        k++;
    if (k == n) {
        if (wa_buf_reserve(b, n))
            return -1;
        for (k = 0; k < n; k++) {
            char c = s[k];
            b->data[k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        b->len = n;
        b->data[n] = '\0';
        return 0;
    }
    u_strFromUTF8WithSub(stack, 128, &ul, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return -1;
    int32_t ll = u_strToLower(low, 256, stack, ul, "", &st);
    if (U_FAILURE(st))
        return -1;
    char out[1024];
    int32_t ol = 0;
    u_strToUTF8(out, sizeof out, &ol, low, ll, &st);
    if (U_FAILURE(st))
        return -1;
    wa_buf_add(b, out, (size_t)ol);
    return b->failed ? -1 : 0;
}

static int common_one(wa_names *nm, const char *w, size_t n)
{
    if (!n)
        return 1;
    if (nm->common) {
        int v = nm->common(nm->common_ctx, w, n);
        return v < 0 ? 0 : v > 2 ? 1 : v;
    }
    return wa_map_get(nm->common_list, w, n) != NULL;
}

/* The verdict on a hyphenated word (whole: the verdict on it whole): common
 * when all its parts are, an imperative when its first part is
 * (Connectez-vous, Abonnez-vous). */
static int hyphenated_common(wa_names *nm, const char *w, size_t n, int whole)
{
    int all = 1, first = 0;
    for (size_t i = 0; i < n && all;) {
        size_t j = i;
        while (j < n && w[j] != '-')
            j++;
        int v = j > i ? common_one(nm, w + i, j - i) : 1;
        if (i == 0)
            first = v;
        all = v != 0;
        i = j + 1;
    }
    if (first == 2 && (whole || all))
        return 2;
    return whole ? whole : all;
}

/* Is the word at s[0..n) a common word rather than a name?  Names the
 * gazetteer or the alias table know never are; a hyphenated word is common
 * when all its parts are (Connectez-vous, not Haut-Karabakh).  2 for a
 * common word that cannot start a name (see wa_common_word_fn). */
static int is_common(wa_names *nm, const char *s, size_t n, wa_error *err)
{
    wa_buf low;
    wa_buf_init(&low);
    if (lower_word(s, n, &low)) {
        wa_buf_free(&low);
        return 0;
    }
    int verdict = 0;
    (void)err;
    int known = wa_map_get(nm->known, low.data, low.len) != NULL;
    if (!known) {
        verdict = common_one(nm, low.data, low.len);
        if (memchr(low.data, '-', low.len))
            verdict = hyphenated_common(nm, low.data, low.len, verdict);
    }
    wa_buf_free(&low);
    return verdict;
}

/* Is the word in names/common-words.txt (Selon, Mais, Les: never a name)?
 * 1 when it is, with 2 added for a subject pronoun (names/pronouns.txt). */
static int is_function_word(wa_names *nm, const char *s, size_t n)
{
    wa_buf low;
    wa_buf_init(&low);
    int v = 0;
    if (!lower_word(s, n, &low) && low.len) {
        v = wa_map_get(nm->common_list, low.data, low.len) != NULL;
        if (wa_map_get(nm->pronouns, low.data, low.len))
            v |= 2;
    }
    wa_buf_free(&low);
    return v;
}

/* The particle kinds (PART_INSIDE, PART_START) of a word of 1 to 5 ASCII
 * letters, which folds to its lower case: its letters are looked up as
 * they are, with no token info.  -1 for any other word. */
static int ascii_particle(const particles *p, const char *s, size_t n)
{
    uint64_t key = part_key(s, n);
    return key ? part_kinds(p, key) : -1;
}

/* The particle kinds of a word by its token info. */
static int fold_particle(const particles *p, const wa_tokinfo *ti)
{
    if (!ti || !(ti->flags & WA_TK_PARTICLE))
        return 0;
    uint64_t key = part_key(ti->fold, ti->flen);
    return key ? part_kinds(p, key) : 0;
}

/* Whether s[0..n) is a particle that may stand inside a name, or start
 * one (at_start).  Particles are short: do not transliterate every word. */
static int is_particle_word(wa_names *nm, const char *s, size_t n, int at_start,
                            wa_error *err)
{
    if (n > 5)
        return 0;
    int kinds = ascii_particle(&nm->part, s, n);
    if (kinds < 0)
        kinds = fold_particle(&nm->part, wa_tl_token(nm->tl, s, n, err));
    return (kinds & (at_start ? PART_START : PART_INSIDE)) != 0;
}

typedef struct words {
    word *w;
    size_t n, cap;
} words;

/* The next word's slot (not counted until the caller increments n), or
 * NULL on ENOMEM. */
static word *next_word(words *ws)
{
    if (ws->n >= ws->cap && wa_grow(&ws->w, &ws->cap, ws->n, sizeof *ws->w, 256))
        return NULL;
    return &ws->w[ws->n];
}

/* Cuts the text into words, noting sentence starts (from `sent`, or from
 * . ! ? and line breaks) and opening marks (quotes, brackets, dashes). */
static int scan_words(const wa_names *nm, const char *s, size_t len, const wa_span *sent,
                      size_t nsent, words *ws)
{
    size_t i = 0, si = 0;
    int start_pending = 1; /* the next word starts a sentence */
    int gap_spaces = 0, gap_other = 0;
    /* The first sentence not ended before the position, sent[si]: its
     * start and end (SIZE_MAX past the last one). */
    size_t s_start = SIZE_MAX, s_end = 0;
    while (i < len) {
        size_t at = i;
        int32_t c = wa_utf8_next(s, len, &i);
        if (sent) {
            if (at >= s_end) {
                while (si < nsent && sent[si].end <= at)
                    si++;
                s_start = si < nsent ? sent[si].start : SIZE_MAX;
                s_end = si < nsent ? sent[si].end : SIZE_MAX;
            }
            if (at == s_start)
                start_pending = 1;
        }
        if (c == ' ') { /* the usual gap */
            gap_spaces++;
            continue;
        }
        int isdigit_ = c >= '0' && c <= '9';
        if (!is_letter(c) && !isdigit_) {
            if (c == 0xA0 || c == 0x202F)
                gap_spaces++;
            else if (c == '\n' && gap_other == 0 && gap_spaces == 0)
                gap_spaces++; /* one line break may split a name */
            else
                gap_other++;
            switch (c) {
            case '.': case '!': case '?': case 0x2026: case '\n':
                if (!sent)
                    start_pending = 1;
                break;
            /* After an opening quote, bracket or dash a capital means
             * little (« Nous..., (Reportage...). */
            case 0xAB: case 0x201C: case '"': case '(': case '[':
            case 0x2014: case 0x2013: case ':': case 0x2018:
                start_pending = 1;
                break;
            default:
                break;
            }
            continue;
        }
        word *w = next_word(ws);
        if (!w)
            return -1;
        memset(w, 0, sizeof *w);
        w->v_glued = w->v_part[0] = w->v_part[1] = -1;
        w->ws = at;
        w->digit = isdigit_;
        size_t end = i;
        /* The first character that is not a letter: an elided article
         * ends there when it is an apostrophe. */
        size_t nonletter = isdigit_ ? at : (size_t)-1;
        int hyphen = 0; /* an ASCII '-' inside: glued_particle looks for one */
        while (end < len) {
            int lower;
            end = wa_ascii_letters_end(s, len, end, &lower);
            if (end >= len)
                break;
            unsigned char a = (unsigned char)s[end];
            if (a < 0x80) { /* not a letter: the run above took those */
                if (a >= '0' && a <= '9') {
                    if (nonletter == (size_t)-1)
                        nonletter = end;
                    end++;
                    continue;
                }
                if (a != '-' && a != '\'')
                    break;
            } else if (a >= 0xC3 && a <= 0xC5 && end + 1 < len &&
                       ((unsigned char)s[end + 1] & 0xC0) == 0x80 &&
                       !(a == 0xC3 && ((unsigned char)s[end + 1] & 0xDF) == 0x97)) {
                /* U+00C0-U+017F but the signs x and / (U+00D7, U+00F7):
                 * Latin letters (accented French letters, oe). */
                end += 2;
                continue;
            }
            size_t j = end;
            int32_t d = wa_utf8_next(s, len, &j);
            if (is_letter(d)) {
                end = j;
                continue;
            }
            if (d >= '0' && d <= '9') {
                if (nonletter == (size_t)-1)
                    nonletter = end;
                end = j;
                continue;
            }
            if ((is_hyphen(d) || is_apos(d)) && j < len) {
                size_t k = j;
                int32_t e = wa_utf8_next(s, len, &k);
                if (is_letter(e) || (e >= '0' && e <= '9')) {
                    if (nonletter == (size_t)-1)
                        nonletter = end;
                    hyphen |= d == '-';
                    end = k;
                    continue;
                }
            }
            break;
        }
        w->s = at;
        w->e = end;
        /* Elided article: l'Azerbaïdjan, d'Erevan, qu'Erevan. */
        if (nonletter != (size_t)-1) {
            size_t k = nonletter;
            int32_t d = wa_utf8_next(s, end, &k);
            if (is_apos(d) && wa_elision_is(&nm->elis, s + at, nonletter - at) && k < end)
                w->s = k;
        }
        /* English possessive: Putin's.  The endings are compared first,
         * whole: they are rare, where the length and a last 's' are not. */
        const char *t = s + w->e;
        if (w->e >= 4 && memcmp(t - 2, "'s", 2) == 0 && w->e - w->s > 3) {
            w->e -= 2;
            w->poss = 1;
        } else if (w->e >= 4 && memcmp(t - 4, "\xE2\x80\x99s", 4) == 0 && w->e - w->s > 5) {
            w->e -= 4;
            w->poss = 1;
        }
        w->cap = !w->digit && is_upper_start(s, len, w->s);
        /* "V." initial: one upper-case letter and a full stop. */
        size_t one = w->s;
        wa_utf8_next(s, len, &one);
        if (one == w->e && w->cap && w->e < len && s[w->e] == '.') /* one letter first: rare */
            w->initial = 1;
        w->gap_ok = gap_other == 0 && gap_spaces == 1;
        if (!hyphen)
            w->v_glued = 0;
        /* Particles are short; one of ASCII letters needs no token info
         * (is_particle_word). */
        int kinds = w->e - w->s > 5 ? 0 : ascii_particle(&nm->part, s + w->s, w->e - w->s);
        if (kinds >= 0)
            set_particle(w, kinds);
        /* The words whose bits find_mentions reads (capitalized ones, and
         * particles it cannot tell without their token info): their
         * look-ups come after the whole text is cut, time enough for the
         * prefetch to hide the cache miss. */
        if (w->cap || (!w->digit && w->v_part[0] < 0))
            wa_map_prefetch(nm->winfo, s + w->s, w->e - w->s);
        w->sent_start = start_pending;
        start_pending = 0;
        gap_spaces = gap_other = 0;
        ws->n++;
        i = end;
        if (w->initial) {
            i = w->e + 1; /* the initial's full stop */
            gap_spaces = 0;
            gap_other = 0;
        }
    }
    return 0;
}

typedef struct mlist {
    wa_mention *m;
    size_t n, cap;
} mlist;

static int push_mention(mlist *ml, size_t s, size_t e)
{
    if (wa_grow(&ml->m, &ml->cap, ml->n, sizeof *ml->m, 64))
        return -1;
    ml->m[ml->n++] = (wa_mention){{s, e}, 0};
    return 0;
}

/* A word that starts lower case but is a particle glued to a name with a
 * hyphen: al-Assad, el-Sissi, bin-Laden. */
static int glued_particle(wa_names *nm, const char *s, const word *w, wa_error *err)
{
    for (size_t k = w->s; k < w->e; k++)
        if (s[k] == '-' && k + 1 < w->e)
            return is_particle_word(nm, s + w->s, k - w->s, 1, err) &&
                   is_upper_start(s, w->e, k + 1);
    return 0;
}

/* The handle's WI_* bits for a word as written, read once per word of
 * the text (0 when out of memory: every verdict is worked out again). */
static uintptr_t word_info(wa_names *nm, const char *s, word *w)
{
    if (!w->info_read) {
        void **slot = wa_map_put(nm->winfo, s + w->s, w->e - w->s, NULL);
        w->info = slot ? (uintptr_t)*slot : 0;
        w->info_read = 1;
    }
    return w->info;
}

/* Adds verdicts worked out on a word to its bits and the handle's (looked
 * up again: the map may have grown since they were read). */
static uintptr_t word_learn(wa_names *nm, const char *s, word *w, uintptr_t bits)
{
    void **slot = wa_map_get(nm->winfo, s + w->s, w->e - w->s);
    if (slot)
        *slot = (void *)((uintptr_t)*slot | bits);
    return w->info |= bits;
}

/* The word's bits with the verdicts from its token info (WI_TOKEN), unless
 * the token info fails. */
static uintptr_t word_token(wa_names *nm, const char *s, word *w, wa_error *err)
{
    uintptr_t info = word_info(nm, s, w);
    if (info & WI_TOKEN)
        return info;
    const wa_tokinfo *ti = wa_tl_token(nm->tl, s + w->s, w->e - w->s, err);
    if (!ti)
        return info;
    uintptr_t bits = WI_TOKEN | (uintptr_t)fold_particle(&nm->part, ti) << WI_PART_SHIFT;
    if (ti->flags & WA_TK_TITLE)
        bits |= WI_TITLE;
    if (ti->flen && wa_map_get(nm->phrase_first, ti->fold, ti->flen))
        bits |= WI_FIRST;
    return word_learn(nm, s, w, bits);
}

/* The verdicts on a word, each worked out once per word as written. */
static int title_word(wa_names *nm, const char *s, word *w, wa_error *err)
{
    return (word_token(nm, s, w, err) & WI_TITLE) != 0;
}

static int word_common(wa_names *nm, const char *s, word *w, wa_error *err)
{
    uintptr_t info = word_info(nm, s, w);
    if (!(info & WI_COMMON)) {
        uintptr_t v = (uintptr_t)is_common(nm, s + w->s, w->e - w->s, err);
        info = word_learn(nm, s, w, WI_COMMON | v << WI_COMMON_SHIFT);
    }
    return (int)(info >> WI_COMMON_SHIFT & 3);
}

static int word_func(wa_names *nm, const char *s, word *w)
{
    uintptr_t info = word_info(nm, s, w);
    if (!(info & WI_FUNC)) {
        uintptr_t v = (uintptr_t)is_function_word(nm, s + w->s, w->e - w->s);
        info = word_learn(nm, s, w, WI_FUNC | v << WI_FUNC_SHIFT);
    }
    return (int)(info >> WI_FUNC_SHIFT & 3);
}

static int word_glued(wa_names *nm, const char *s, word *w, wa_error *err)
{
    if (w->v_glued < 0)
        w->v_glued = (signed char)glued_particle(nm, s, w, err);
    return w->v_glued;
}

/* is_particle_word, with the word's token info: scan_words answered for
 * the words that need none. */
static inline int word_particle(wa_names *nm, const char *s, word *w, int at_start,
                                wa_error *err)
{
    if (w->v_part[at_start] < 0)
        set_particle(w, (int)(word_token(nm, s, w, err) >> WI_PART_SHIFT & 3));
    return w->v_part[at_start];
}

/* Whether word a of the run [a, b) is followed, over particles, by a
 * capitalized word that is neither a title nor a common word. */
static int name_follows(wa_names *nm, const char *s, word *w, size_t a, size_t b,
                        wa_error *err)
{
    size_t k = a + 1;
    while (k < b && word_particle(nm, s, &w[k], 0, err))
        k++;
    return k < b && w[k].cap && !w[k].initial && !title_word(nm, s, &w[k], err) &&
           !word_common(nm, s, &w[k], err);
}

/* Whether a capitalized word can never be part of a name: an imperative,
 * or a subject pronoun written Il, They (not IT, WE: acronyms). */
static int breaks_name(wa_names *nm, const char *s, word *w, wa_error *err)
{
    if (!w->cap || w->initial)
        return 0;
    if (word_common(nm, s, w, err) == 2)
        return 1;
    unsigned char second = w->e - w->s > 1 ? (unsigned char)s[w->s + 1] : 0;
    return (word_func(nm, s, w) & 2) && second >= 'a' && second <= 'z';
}

/* Turns a run of words [a, b) into mentions after stripping titles and
 * common words; appends them to ml when something is left. */
static int emit(wa_names *nm, const char *s, word *w, size_t a, size_t b, mlist *ml,
                wa_error *err)
{
    /* No name holds an imperative (Retrouvez Emmanuel Macron, "son type
     * Connectez-vous Erevan", "Azerbaïdjan Connectez-vous") or a subject
     * pronoun ("Chloé Il ne s'agit"): the run is cut there, wherever it
     * stands. */
    for (size_t k = a; k < b; k++)
        if (breaks_name(nm, s, &w[k], err)) {
            int rc = emit(nm, s, w, a, k, ml, err);
            return rc ? rc : emit(nm, s, w, k + 1, b, ml, err);
        }
    /* Leading titles, and a common word that only has its capital because
     * it starts the sentence. */
    for (;;) {
        if (a >= b)
            return 0;
        if (w[a].cap && title_word(nm, s, &w[a], err)) {
            a++;
            continue;
        }
        /* A function word goes; a dictionary word goes unless a name
         * follows it (Pierre Moscovici, Marine Le Pen, Olivier Faure). */
        if (w[a].sent_start && w[a].cap && !w[a].initial &&
            (word_func(nm, s, &w[a]) ||
             (word_common(nm, s, &w[a], err) && !name_follows(nm, s, w, a, b, err)))) {
            a++;
            continue;
        }
        if (!w[a].cap && !word_glued(nm, s, &w[a], err) &&
            !word_particle(nm, s, &w[a], 1, err)) {
            a++;
            continue;
        }
        break;
    }
    /* "Russian Defence Minister Sergei Shoigu": what stands before the last
     * title word of the run describes the name. */
    for (size_t k = b; k-- > a + 1;)
        if (w[k - 1].cap && title_word(nm, s, &w[k - 1], err)) {
            a = k;
            break;
        }
    /* Trailing particles and initials. */
    while (b > a && (!w[b - 1].cap || w[b - 1].initial) &&
           !word_glued(nm, s, &w[b - 1], err))
        b--;
    if (b <= a)
        return 0;
    /* Drop what is only common words or titles (Affaires, Conseil de
     * Sécurité, Maison Blanche), and lone letters. */
    int content = 0;
    for (size_t k = a; k < b; k++) {
        if (!w[k].cap || w[k].initial)
            continue;
        if (title_word(nm, s, &w[k], err))
            continue;
        if (word_common(nm, s, &w[k], err))
            continue;
        content++;
    }
    if (!content)
        return 0;
    if (b - a == 1) {
        size_t one = w[a].s;
        wa_utf8_next(s, w[a].e, &one);
        if (one == w[a].e)
            return 0;
    }
    size_t end = w[b - 1].e;
    if (w[b - 1].initial)
        end++;
    return push_mention(ml, w[a].s, end) ? wa_fail(err, WA_ENOMEM, "out of memory") : 0;
}

/* Whether a word (with its elided article) is the second word of some
 * alias phrase, as the loop of phrase_at would lower-case and normalize
 * it: most phrases a first word might start end there. */
static int phrase_second(wa_names *nm, const char *s, const word *w)
{
    wa_buf low;
    wa_buf_init(&low);
    int found = !lower_word(s + w->ws, w->e - w->ws, &low);
    if (found) {
        phrase_norm(&low);
        found = !low.failed && wa_map_get(nm->phrase_second, low.data, low.len) != NULL;
    }
    wa_buf_free(&low);
    return found;
}

/* The number of words of the longest alias phrase starting at word i, or
 * 0.  The first word is read without its elided article, the others with
 * it (Côte d'Ivoire). */
static size_t phrase_at(wa_names *nm, const char *s, word *w, size_t nw, size_t i)
{
    if (!nm->max_phrase || i + 1 >= nw || !w[i + 1].gap_ok)
        return 0;
    /* Cheap first tests: the first word (key cache) starts some phrase,
     * the next one is the second word of some phrase. */
    if (!(word_token(nm, s, &w[i], NULL) & WI_FIRST) || !phrase_second(nm, s, &w[i + 1]))
        return 0;
    wa_buf b, low, norm;
    wa_buf_init(&b);
    wa_buf_init(&low);
    wa_buf_init(&norm);
    size_t best = 0;
    for (size_t k = i; k < nw && k - i < nm->max_phrase; k++) {
        if (k > i && (!w[k].gap_ok || w[k].sent_start || w[k - 1].poss || w[k].digit))
            break;
        size_t st = k == i ? w[k].s : w[k].ws;
        if (lower_word(s + st, w[k].e - st, &low))
            break;
        if (k > i)
            wa_buf_addc(&b, ' ');
        wa_buf_add(&b, low.data, low.len);
        if (k > i) {
            /* normalized in a copy: b goes on with the words as written */
            norm.len = 0;
            wa_buf_add(&norm, b.data, b.len);
            phrase_norm(&norm);
            if (!b.failed && !norm.failed && wa_map_get(nm->phrases, norm.data, norm.len))
                best = k - i + 1;
        }
    }
    wa_buf_free(&b);
    wa_buf_free(&low);
    wa_buf_free(&norm);
    return best;
}

static int find_mentions(wa_names *nm, const char *s, size_t len, const wa_span *sent,
                         size_t nsent, mlist *ml, wa_error *err)
{
    words ws = {nm->wbuf, 0, nm->wcap};
    int rc = scan_words(nm, s, len, sent, nsent, &ws);
    nm->wbuf = ws.w;
    nm->wcap = ws.cap;
    if (rc)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    word *w = ws.w;
    for (size_t i = 0; i < ws.n && !rc;) {
        int starts = !w[i].digit &&
                     (w[i].cap || word_glued(nm, s, &w[i], err) ||
                      word_particle(nm, s, &w[i], 1, err));
        if (!starts) {
            i++;
            continue;
        }
        /* A known name of several words, lower-case words included:
         * Union européenne, Arabie saoudite, Côte d'Ivoire. */
        size_t ph = w[i].cap ? phrase_at(nm, s, w, ws.n, i) : 0;
        /* ...also after a title or a sentence-initial common word: Les
         * Nations unies. */
        if (!ph && w[i].cap && i + 1 < ws.n && w[i + 1].gap_ok && w[i + 1].cap &&
            !w[i + 1].sent_start &&
            (title_word(nm, s, &w[i], err) ||
             (w[i].sent_start && word_common(nm, s, &w[i], err))) &&
            (ph = phrase_at(nm, s, w, ws.n, i + 1)))
            i++;
        if (ph) {
            if (push_mention(ml, w[i].s, w[i + ph - 1].e)) {
                rc = wa_fail(err, WA_ENOMEM, "out of memory");
                break;
            }
            i += ph;
            continue;
        }
        size_t j = i + 1;
        while (j < ws.n && !w[j - 1].poss && w[j].gap_ok && !w[j].digit && !w[j].sent_start) {
            if (w[j].cap || word_glued(nm, s, &w[j], err)) {
                j++;
                continue;
            }
            /* Particles, when a capitalized word follows: Soudan du Sud,
             * Ursula von der Leyen. */
            size_t k = j;
            while (k < ws.n && w[k].gap_ok && !w[k].cap &&
                   word_particle(nm, s, &w[k], 0, err))
                k++;
            if (k > j && k < ws.n && w[k].gap_ok && w[k].cap && !w[k].sent_start) {
                j = k;
                continue;
            }
            break;
        }
        rc = emit(nm, s, w, i, j, ml, err);
        i = j;
    }
    return rc;
}

int wa_names_find(wa_names *nm, const char *s, size_t len, const wa_span *sent,
                  size_t nsent, wa_mention **out, size_t *n, wa_error *err)
{
    mlist ml = {0};
    *out = NULL;
    *n = 0;
    int rc = find_mentions(nm, s, len, sent, nsent, &ml, err);
    if (rc) {
        free(ml.m);
        return rc;
    }
    *out = ml.m;
    *n = ml.n;
    return 0;
}

/* The surname key of a parsed name: its last token's key, or NULL. */
static const wa_tokinfo *surname_of(const wa_pname *p)
{
    if (!p->ntok || p->tok[p->ntok - 1].initial)
        return NULL;
    return p->tok[p->ntok - 1].info;
}

/* The handle's number of a token key (the next one for a new key), or
 * NO_KEY when out of memory. */
static uint32_t key_number(wa_names *nm, const wa_tokinfo *ti)
{
    int created;
    void **slot = wa_map_put(nm->keyids, ti->key, ti->klen, &created);
    if (!slot)
        return NO_KEY;
    if (created)
        *slot = (void *)(uintptr_t)nm->nkeys++;
    return (uint32_t)(uintptr_t)*slot;
}

/* Parses a form into a new record *out: one allocation with its tokens
 * and its key, so that they come into the cache together. */
static int parse_form(wa_names *nm, const char *form, size_t n, parsed **out, wa_error *err)
{
    wa_pname p;
    int rc = wa_tl_parse(nm->tl, form, n, &p, err);
    if (rc)
        return rc;
    wa_buf kb;
    wa_buf_init(&kb);
    wa_tl_fullkey(&p, &kb);
    size_t tsize = p.ntok * sizeof *p.tok;
    parsed *pr = kb.failed ? NULL : malloc(sizeof *pr + tsize + kb.len + 1);
    if (pr) {
        pr->p = p;
        pr->p.tok = (wa_ptok *)(pr + 1);
        if (tsize)
            memcpy(pr->p.tok, p.tok, tsize);
        pr->key = (char *)(pr + 1) + tsize;
        if (kb.len)
            memcpy(pr->key, kb.data, kb.len);
        pr->key[kb.len] = '\0';
    }
    wa_pname_free(&p);
    wa_buf_free(&kb);
    if (!pr)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    const wa_tokinfo *sn = surname_of(&pr->p);
    pr->sur = pr->first = NO_KEY;
    int ok = 1;
    if (sn && sn->klen)
        ok = (pr->sur = key_number(nm, sn)) != NO_KEY;
    if (ok && pr->p.ntok >= 2 && !pr->p.tok[0].initial)
        ok = (pr->first = key_number(nm, pr->p.tok[0].info)) != NO_KEY;
    if (!ok) {
        free(pr);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    *out = pr;
    return 0;
}

static int parse_variant(wa_names *nm, variant *v, wa_error *err)
{
    if (v->parsed)
        return 0;
    void **slot = wa_map_put(nm->parses, v->form, v->flen, NULL);
    if (!slot)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (!*slot) {
        parsed *fresh = NULL;
        int rc = parse_form(nm, v->form, v->flen, &fresh, err);
        if (rc)
            return rc;
        *slot = fresh;
    }
    const parsed *pr = *slot;
    v->p = pr->p;
    v->key = pr->key;
    v->sur = pr->sur;
    v->first = pr->first;
    v->parsed = 1;
    /* A reset handle clusters its names right after (as find_antecedents
     * did, reading their keys, before key numbers). */
    for (size_t k = 0; k < pr->p.ntok; k++)
        prefetch(pr->p.tok[k].info);
    return 0;
}

/* What find_antecedents compares of one mention: the numbers of its
 * surname key and of its first name's key (parsed.sur, .first), renumbered
 * from 0 per document so that the passes index arrays. */
typedef struct akeys {
    uint32_t sur, first;
    int full; /* two content tokens or more */
} akeys;

/* The document's number of the handle's key number x (NO_KEY stays):
 * tab, of cap (a power of two) pairs, maps one to the other. */
static uint32_t doc_key(uint32_t *tab, size_t cap, uint32_t x, uint32_t *nid)
{
    if (x == NO_KEY)
        return NO_KEY;
    size_t i = (size_t)(x * 0x9E3779B1u) & (cap - 1);
    while (tab[2 * i] != NO_KEY && tab[2 * i] != x)
        i = (i + 1) & (cap - 1);
    if (tab[2 * i] == NO_KEY) {
        tab[2 * i] = x;
        tab[2 * i + 1] = (*nid)++;
    }
    return tab[2 * i + 1];
}

/* Numbers the keys of the mentions (see akeys); *nid is how many. */
static int number_keys(wa_names *nm, const size_t *vis, size_t n, akeys *k, uint32_t *nid,
                       wa_error *err)
{
    size_t cap = 8; /* at least twice the keys: two per mention at most */
    while (cap < 4 * n)
        cap *= 2;
    uint32_t *tab = malloc(2 * cap * sizeof *tab);
    if (!tab)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    for (size_t i = 0; i < cap; i++)
        tab[2 * i] = NO_KEY;
    *nid = 0;
    for (size_t i = 0; i < n; i++) {
        const variant *v = &nm->v[vis[i]];
        k[i].full = v->p.ntok >= 2;
        k[i].sur = doc_key(tab, cap, v->sur, nid);
        k[i].first = doc_key(tab, cap, v->first, nid);
    }
    free(tab);
    return 0;
}

/* One kind of antecedent: by surname (by_first 0), or, for a lone word
 * still without one, by first name (by_first 1: son fils Ilham).  last
 * has room for every key number. */
static void find_by(const akeys *k, const size_t *vis, size_t n, uint32_t nid, uint32_t *last,
                    uint32_t *antes, int by_first)
{
    for (int pass = 0; pass < 2; pass++) {
        /* Pass 0 forwards (nearest before), pass 1 backwards (first after)
         * for the lone surnames still without one. */
        for (uint32_t id = 0; id < nid; id++)
            last[id] = NO_ANTE;
        for (size_t j = 0; j < n; j++) {
            size_t i = pass ? n - 1 - j : j;
            uint32_t id = by_first && k[i].full ? k[i].first : k[i].sur;
            if (k[i].sur == NO_KEY || id == NO_KEY)
                continue;
            /* Forwards, the first full name stays: a wire names its
             * subject first, and a lone surname after "son fils Seif
             * al-Islam Kadhafi" is the subject again.  Backwards, the
             * nearest one after wins. */
            if (k[i].full) {
                if (pass == 1 || last[id] == NO_ANTE)
                    last[id] = (uint32_t)vis[i];
            } else if (antes[i] == NO_ANTE) {
                antes[i] = last[id];
            }
        }
    }
}

/* For each lone surname of a document, the full name with that surname
 * key it refers to: the first one before it, else the nearest after it;
 * for a lone word that is no surname there, the full name whose first
 * name it is, chosen the same way. */
static int find_antecedents(wa_names *nm, const size_t *vis, size_t n, uint32_t *antes,
                            wa_error *err)
{
    for (size_t i = 0; i < n; i++)
        antes[i] = NO_ANTE;
    akeys *k = malloc((n ? n : 1) * sizeof *k);
    uint32_t *last = malloc((n ? 2 * n : 1) * sizeof *last);
    uint32_t nid = 0;
    int rc = !k || !last ? wa_fail(err, WA_ENOMEM, "out of memory")
                         : number_keys(nm, vis, n, k, &nid, err);
    if (!rc) {
        find_by(k, vis, n, nid, last, antes, 0);
        find_by(k, vis, n, nid, last, antes, 1);
    }
    free(k);
    free(last);
    return rc;
}

static int add_found(wa_names *nm, const char *doc, const char *s, mlist ml, wa_error *err);

int wa_names_add_text(wa_names *nm, const char *doc, const char *s, size_t len,
                      const wa_span *sent, size_t nsent, wa_error *err)
{
    mlist ml = {0};
    int rc = find_mentions(nm, s, len, sent, nsent, &ml, err);
    if (rc) {
        free(ml.m);
        return rc;
    }
    return add_found(nm, doc, s, ml, err);
}

int wa_names_add_mentions(wa_names *nm, const char *doc, const char *s, size_t len,
                          const wa_mention *m, size_t n, wa_error *err)
{
    mlist ml = {0};
    ml.m = malloc((n ? n : 1) * sizeof *ml.m);
    if (!ml.m)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (m[i].span.start >= m[i].span.end || m[i].span.end > len) {
            free(ml.m);
            return wa_fail(err, WA_EINVAL, "names: mention %zu lies outside the text", i);
        }
        ml.m[i].span = m[i].span;
        ml.m[i].entity = 0;
    }
    ml.n = ml.cap = n;
    return add_found(nm, doc, s, ml, err);
}

/* The variant of each mention (vis), parsed.  In passes, so that the
 * look-ups of each pass (in big maps and arrays for a handle that serves
 * many documents) were prefetched by the one before: the forms with their
 * vmap slots, the variants with their records and (new ones) their parses
 * slots, then the parses with the variants' last count (count_in). */
static int mention_variants(wa_names *nm, const char *s, const mlist *ml, size_t *vis,
                            wa_error *err)
{
    wa_buf *f = &nm->scratch;
    f->len = 0;
    for (size_t i = 0; i < ml->n; i++) {
        size_t at = f->len;
        normalize_into(f, s + ml->m[i].span.start, ml->m[i].span.end - ml->m[i].span.start);
        if (f->failed)
            return wa_fail(err, WA_ENOMEM, "out of memory");
        vis[i] = f->len; /* where form i ends, for now */
        wa_map_prefetch(nm->vmap, f->data + at, f->len - at);
    }
    for (size_t i = 0, at = 0; i < ml->n; i++) {
        size_t end = vis[i], nv = nm->nv;
        long vi = variant_index(nm, f->data + at, end - at, err);
        if (vi < 0)
            return (int)vi;
        if (nm->nv > nv)
            wa_map_prefetch(nm->parses, f->data + at, end - at);
        else
            prefetch(&nm->v[vi].parsed);
        vis[i] = (size_t)vi;
        at = end;
    }
    for (size_t i = 0; i < ml->n; i++) {
        variant *v = &nm->v[vis[i]];
        int rc = parse_variant(nm, v, err);
        if (rc)
            return rc;
        if (v->ndc)
            prefetch(&v->dc[v->ndc - 1]);
    }
    return 0;
}

/* Counts the mentions ml (consumed) of document doc. */
static int add_found(wa_names *nm, const char *doc, const char *s, mlist ml, wa_error *err)
{
    int rc = 0;
    if (nm->clustered)
        free_results(nm);
    long d = doc_index(nm, doc, err);
    if (d < 0) {
        free(ml.m);
        return (int)d;
    }
    docm *dm = &nm->dm[d];
    size_t *vis = malloc((ml.n ? ml.n : 1) * sizeof *vis);
    uint32_t *antes = malloc((ml.n ? ml.n : 1) * sizeof *antes);
    if (!vis || !antes) {
        free(vis);
        free(antes);
        free(ml.m);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    rc = mention_variants(nm, s, &ml, vis, err);
    if (!rc)
        rc = find_antecedents(nm, vis, ml.n, antes, err);
    for (size_t i = 0; i < ml.n && !rc; i++) {
        rc = count_in(nm, vis[i], (uint32_t)d, antes[i], 1, err);
        if (!rc && nm->keep) {
            if (dm->n == dm->cap) {
                size_t nc = dm->cap ? dm->cap * 2 : 64;
                wa_mention *m = realloc(dm->m, nc * sizeof *m);
                if (m)
                    dm->m = m;
                size_t *var = m ? realloc(dm->var, nc * sizeof *var) : NULL;
                if (var)
                    dm->var = var;
                uint32_t *an = var ? realloc(dm->ante, nc * sizeof *an) : NULL;
                if (!an) {
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
                dm->ante = an;
                dm->cap = nc;
            }
            dm->m[dm->n] = ml.m[i];
            dm->ante[dm->n] = antes[i];
            dm->var[dm->n++] = vis[i];
        }
    }
    free(vis);
    free(antes);
    free(ml.m);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Reading tables back */

static int unescape(const char *s, size_t n, wa_buf *b)
{
    b->len = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n) {
            int hi = s[i + 1], lo = s[i + 2];
            int h = hi >= '0' && hi <= '9' ? hi - '0' : (hi | 0x20) - 'a' + 10;
            int l = lo >= '0' && lo <= '9' ? lo - '0' : (lo | 0x20) - 'a' + 10;
            if (h < 0 || h > 15 || l < 0 || l > 15)
                return -1;
            wa_buf_addc(b, (char)(h * 16 + l));
            i += 2;
        } else if (s[i] == '%') {
            return -1;
        } else {
            wa_buf_addc(b, s[i]);
        }
    }
    wa_buf_addc(b, '\0');
    b->len--;
    return b->failed ? -1 : 0;
}

int wa_names_merge(wa_names *dst, const wa_names *src, wa_error *err)
{
    if (dst == src)
        return wa_fail(err, WA_EINVAL, "names: a handle merged into itself");
    for (size_t vi = 0; vi < src->nv; vi++) {
        const variant *v = &src->v[vi];
        for (size_t k = 0; k < v->ndc; k++) {
            const dcount *dc = &v->dc[k];
            const variant *a = dc->ante != NO_ANTE ? &src->v[dc->ante] : NULL;
            int rc = add_obs(dst, src->docs[dc->doc], v->form, v->flen, dc->count,
                             a ? a->form : NULL, a ? a->flen : 0, err);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int wa_names_add_table(wa_names *nm, const char *tsv, size_t len, const char *name,
                       wa_error *err)
{
    if (!name)
        name = "<table>";
    wa_buf doc, ante;
    wa_buf_init(&doc);
    wa_buf_init(&ante);
    size_t lineno = 0;
    int rc = 0;
    for (size_t at = 0; at < len && !rc;) {
        const char *nl = memchr(tsv + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - tsv) : len;
        const char *line = tsv + at;
        size_t ll = end - at;
        at = end + 1;
        lineno++;
        if (ll && line[ll - 1] == '\r')
            ll--;
        if (!ll || line[0] == '#')
            continue;
        const char *f[6];
        size_t fl[6];
        int nf = 0;
        for (size_t p = 0; nf < 6;) {
            const char *tab = memchr(line + p, '\t', ll - p);
            size_t fe = tab ? (size_t)(tab - line) : ll;
            f[nf] = line + p;
            fl[nf++] = fe - p;
            if (!tab)
                break;
            p = fe + 1;
        }
        if (memchr(line, '\0', ll)) {
            rc = wa_fail(err, WA_EDATA, "%s:%zu: NUL byte in the table", name, lineno);
            break;
        }
        if (nf != 6) {
            rc = wa_fail(err, WA_EDATA,
                         "%s:%zu: expected 6 tab-separated fields (entity, canonical, "
                         "variant, key, count, documents)",
                         name, lineno);
            break;
        }
        char *endp;
        char num[32];
        if (fl[4] == 0 || fl[4] >= sizeof num) {
            rc = wa_fail(err, WA_EDATA, "%s:%zu: bad count", name, lineno);
            break;
        }
        memcpy(num, f[4], fl[4]);
        num[fl[4]] = '\0';
        unsigned long long total = strtoull(num, &endp, 10);
        if (*endp || num[0] == '-') {
            rc = wa_fail(err, WA_EDATA, "%s:%zu: bad count '%s'", name, lineno, num);
            break;
        }
        unsigned long long sum = 0;
        const char *d = f[5];
        size_t dl = fl[5];
        for (size_t p = 0; p < dl && !rc;) {
            const char *semi = memchr(d + p, ';', dl - p);
            size_t pe = semi ? (size_t)(semi - d) : dl, next = pe + 1;
            /* DOC=COUNT, or DOC=COUNT@ANTECEDENT for a lone surname. */
            const char *at = memchr(d + p, '@', pe - p);
            if (at) {
                if (unescape(at + 1, (size_t)(d + pe - at - 1), &ante) || !ante.len) {
                    rc = wa_fail(err, WA_EDATA, "%s:%zu: bad antecedent in documents", name,
                                 lineno);
                    break;
                }
                pe = (size_t)(at - d);
            }
            const char *eq = NULL;
            for (size_t q = pe; q > p; q--)
                if (d[q - 1] == '=') {
                    eq = d + q - 1;
                    break;
                }
            if (!eq || eq == d + p) {
                rc = wa_fail(err, WA_EDATA, "%s:%zu: expected DOC=COUNT in documents", name,
                             lineno);
                break;
            }
            size_t cl = (size_t)(d + pe - eq - 1);
            if (!cl || cl >= sizeof num) {
                rc = wa_fail(err, WA_EDATA, "%s:%zu: bad document count", name, lineno);
                break;
            }
            memcpy(num, eq + 1, cl);
            num[cl] = '\0';
            unsigned long long c = strtoull(num, &endp, 10);
            if (*endp || num[0] == '-') {
                rc = wa_fail(err, WA_EDATA, "%s:%zu: bad document count '%s'", name, lineno,
                             num);
                break;
            }
            if (unescape(d + p, (size_t)(eq - d - p), &doc)) {
                rc = wa_fail(err, WA_EDATA, "%s:%zu: bad %%-escape in a document name", name,
                             lineno);
                break;
            }
            rc = add_obs(nm, doc.data, f[2], fl[2], c, at ? ante.data : NULL, at ? ante.len : 0,
                         err);
            sum += c;
            p = next;
        }
        if (!rc && sum != total)
            rc = wa_fail(err, WA_EDATA, "%s:%zu: count %llu but documents add up to %llu",
                         name, lineno, total, sum);
    }
    wa_buf_free(&doc);
    wa_buf_free(&ante);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Clustering */

typedef struct uf {
    size_t *parent;
    size_t *next; /* member lists, circular per root */
    size_t *size;
    size_t *rank; /* position in byte order of forms: the root is the first */
} uf;

static size_t uf_find(uf *u, size_t x)
{
    while (u->parent[x] != x) {
        u->parent[x] = u->parent[u->parent[x]];
        x = u->parent[x];
    }
    return x;
}

/* Would merging the clusters of a and b put together two names that
 * cannot be one entity? */
static int clusters_conflict(wa_names *nm, uf *u, size_t ra, size_t rb)
{
    size_t x = ra;
    for (int i = 0; i < CONFLICT_CHECK; i++) {
        size_t y = rb;
        for (int j = 0; j < CONFLICT_CHECK; j++) {
            if (wa_tl_conflict(nm->tl, &nm->v[x].p, &nm->v[y].p))
                return 1;
            y = u->next[y];
            if (y == rb)
                break;
        }
        x = u->next[x];
        if (x == ra)
            break;
    }
    return 0;
}

static int uf_union(wa_names *nm, uf *u, size_t a, size_t b, int check)
{
    size_t ra = uf_find(u, a), rb = uf_find(u, b);
    if (ra == rb)
        return 1;
    if (check && clusters_conflict(nm, u, ra, rb))
        return 0;
    if (u->rank[rb] < u->rank[ra]) {
        size_t t = ra;
        ra = rb;
        rb = t;
    }
    u->parent[rb] = ra;
    u->size[ra] += u->size[rb];
    size_t na = u->next[ra];
    u->next[ra] = u->next[rb];
    u->next[rb] = na;
    return 1;
}

/* The block of a name: the consonant skeleton of its surname key, with the
 * consonants the matcher counts as close put in one class. */
static void skeleton(const char *k, size_t n, wa_buf *b)
{
    b->len = 0;
    char last = 0;
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        switch (c) {
        case 'a': case 'e': case 'i': case 'o': case 'u': case 'h': continue;
        case 'g': c = 'k'; break;
        case 'd': c = 't'; break;
        case 'b': c = 'p'; break;
        case 'v': c = 'f'; break;
        case 'x': case 'z': c = 's'; break;
        case 'm': c = 'n'; break;
        default: break;
        }
        if (c == last)
            continue;
        wa_buf_addc(b, c);
        last = c;
    }
    if (!b->len)
        wa_buf_add(b, k, n);
}

typedef struct vec {
    size_t *a;
    size_t n, cap;
} vec;

static int vec_push(vec *v, size_t x)
{
    if (wa_grow(&v->a, &v->cap, v->n, sizeof *v->a, 4))
        return -1;
    v->a[v->n++] = x;
    return 0;
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return c;
    return (an > bn) - (an < bn);
}

/* Sort records carry what they are sorted on (qsort has no context). */
typedef struct ord {
    const char *form;
    size_t flen;
    size_t idx;
} ord;

static int cmp_ord(const void *a, const void *b)
{
    const ord *x = a, *y = b;
    int c = cmp_bytes(x->form, x->flen, y->form, y->flen);
    if (c)
        return c;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static int cmp_dc(const void *a, const void *b)
{
    const dcount *x = a, *y = b;
    if (x->doc != y->doc)
        return (x->doc > y->doc) - (x->doc < y->doc);
    return (x->ante > y->ante) - (x->ante < y->ante);
}

/* Counts come mostly in document order already (one document after the
 * other), where sorting would change nothing. */
static int dc_sorted(const dcount *dc, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (cmp_dc(&dc[i - 1], &dc[i]) > 0)
            return 0;
    return 1;
}

static int same(wa_names *nm, size_t a, size_t b)
{
    nm->compared++;
    wa_match m;
    wa_tl_compare(nm->tl, &nm->v[a].p, &nm->v[b].p, &m);
    return m.same;
}

/* The first entry of dc[0, n) (sorted by document) for document doc, or n. */
static size_t first_of_doc(const dcount *dc, size_t n, uint32_t doc)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (dc[mid].doc < doc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static unsigned long long count_in_doc(const variant *v, uint32_t doc)
{
    size_t lo = first_of_doc(v->dc, v->ndc, doc);
    unsigned long long c = 0;
    for (; lo < v->ndc && v->dc[lo].doc == doc; lo++)
        c += v->dc[lo].count;
    return c;
}

/* A cluster's counts per document, merged once for the lone words that
 * look at it document by document (a common surname, thousands of times). */
typedef struct cmemo {
    dcount *dc; /* doc and count only, by document */
    size_t n;
    unsigned long long total;
    int ok;
} cmemo;

static int cmp_dc_doc(const void *a, const void *b)
{
    const dcount *x = a, *y = b;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

/* The merged counts of the cluster holding x, or NULL on ENOMEM. */
static const cmemo *cluster_counts(wa_names *nm, uf *u, cmemo *memo, size_t x)
{
    cmemo *m = &memo[uf_find(u, x)];
    if (m->ok)
        return m;
    size_t n = 0;
    unsigned long long total = 0;
    size_t y = x;
    do {
        n += nm->v[y].ndc;
        total += nm->v[y].total;
        y = u->next[y];
    } while (y != x);
    dcount *dc = malloc((n ? n : 1) * sizeof *dc);
    if (!dc)
        return NULL;
    n = 0;
    y = x;
    do {
        for (size_t k = 0; k < nm->v[y].ndc; k++)
            dc[n++] = nm->v[y].dc[k];
        y = u->next[y];
    } while (y != x);
    qsort(dc, n, sizeof *dc, cmp_dc_doc);
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        if (k && dc[k - 1].doc == dc[j].doc)
            dc[k - 1].count += dc[j].count;
        else
            dc[k++] = dc[j];
    }
    m->dc = dc;
    m->n = k;
    m->total = total;
    m->ok = 1;
    return m;
}

/* Whether the lone-word cluster sroot may join the only full-name cluster
 * it matches, in the documents where no full name comes before it: not
 * when the lone word alone is far more frequent than the full names it
 * matches (`matched` mentions): Erevan 5,000 times against "Nostress Media
 * Ltd Erevan" 20 times, a footer glued to a sentence, is an entity of its
 * own. */
static int lone_may_join(const wa_names *nm, const uf *u, size_t sroot,
                         unsigned long long matched)
{
    enum { LONE_RATIO = 10 };
    unsigned long long lone = 0;
    size_t x = sroot;
    do {
        lone += nm->v[x].total;
        x = u->next[x];
    } while (x != sroot);
    return lone <= LONE_RATIO * matched;
}

static unsigned long long memo_in_doc(const cmemo *m, uint32_t doc)
{
    size_t lo = first_of_doc(m->dc, m->n, doc);
    return lo < m->n && m->dc[lo].doc == doc ? m->dc[lo].count : 0;
}

static void memo_drop(cmemo *m)
{
    free(m->dc);
    memset(m, 0, sizeof *m);
}

/* Language of a form for --prefer: the alias tag when there is one, else
 * spellings typical of French (ou, tch, dj, accents, -ine) or English (sh,
 * zh, w, y before a vowel, j not after d).  >0 French, <0 English. */
static int form_lang(wa_names *nm, const variant *v)
{
    const char *tag = wa_tl_alias_lang(nm->tl, v->form, v->flen);
    if (tag && !strcmp(tag, "fr"))
        return 10;
    if (tag && !strcmp(tag, "en"))
        return -10;
    int score = 0;
    const char *s = v->form;
    size_t n = v->flen;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)(s[i] | (s[i] >= 'A' && s[i] <= 'Z' ? 0x20 : 0));
        unsigned char d = i + 1 < n ? (unsigned char)(s[i + 1] | 0x20) : 0;
        unsigned char e = i + 2 < n ? (unsigned char)(s[i + 2] | 0x20) : 0;
        if (c == 0xC3)
            score += 2; /* é è ï ô ç ... */
        else if (c == 'o' && d == 'u')
            score++;
        else if (c == 't' && d == 'c' && e == 'h')
            score++;
        else if (c == 'd' && d == 'j')
            score++;
        else if (c == 's' && d == 'h')
            score--;
        else if (c == 'z' && d == 'h')
            score--;
        else if (c == 'w')
            score--;
        else if (c == 'y' && (d == 'a' || d == 'e' || d == 'o' || d == 'u'))
            score--;
        else if (c == 'j' && (i == 0 || (s[i - 1] | 0x20) != 'd'))
            score--;
    }
    if (n > 3 && !memcmp(s + n - 3, "ine", 3))
        score++;
    return score;
}

/* Adds variant var's row with the counts dc[0, ndc), which the row owns
 * when own (then only if it succeeds) and borrows from the variant
 * otherwise. */
static int add_row(entity *e, size_t var, dcount *dc, size_t ndc, int own)
{
    if (wa_grow(&e->rows, &e->caprows, e->nrows, sizeof *e->rows, 4))
        return -1;
    erow *r = &e->rows[e->nrows];
    r->var = var;
    r->form = NULL;
    r->flen = 0;
    r->dc = dc;
    r->ndc = ndc;
    r->own = own;
    r->count = 0;
    for (size_t i = 0; i < ndc; i++)
        r->count += dc[i].count;
    e->count += r->count;
    e->nrows++;
    return 0;
}

/* The entity of cluster root, made if it has none yet; NULL on ENOMEM. */
static entity *root_entity(wa_names *nm, size_t *entity_of_root, size_t *capent, size_t root)
{
    if (entity_of_root[root] == (size_t)-1) {
        if (wa_grow(&nm->ent, capent, nm->nent, sizeof *nm->ent, 64))
            return NULL;
        memset(&nm->ent[nm->nent], 0, sizeof nm->ent[nm->nent]);
        entity_of_root[root] = nm->nent++;
    }
    return &nm->ent[entity_of_root[root]];
}

/* A split variant (rank r) gives a row to each root its documents go to,
 * in the order the roots first come, with that root's documents in order.
 * met[root] == r + 1 marks a root done. */
static int add_split_rows(wa_names *nm, size_t i, size_t r, size_t *entity_of_root,
                          size_t *capent, size_t *met)
{
    variant *v = &nm->v[i];
    for (size_t d = 0; d < v->ndc; d++) {
        size_t root = v->split_ent[d];
        if (met[root] == r + 1)
            continue;
        met[root] = r + 1;
        size_t nsel = 0;
        for (size_t q = d; q < v->ndc; q++)
            nsel += v->split_ent[q] == root;
        dcount *sel = malloc(nsel * sizeof *sel);
        if (!sel)
            return -1;
        nsel = 0;
        for (size_t q = d; q < v->ndc; q++)
            if (v->split_ent[q] == root)
                sel[nsel++] = v->dc[q];
        entity *en = root_entity(nm, entity_of_root, capent, root);
        if (!en || add_row(en, i, sel, nsel, 1)) {
            free(sel);
            return -1;
        }
    }
    return 0;
}

static int cmp_row(const void *a, const void *b)
{
    const erow *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return cmp_bytes(x->form, x->flen, y->form, y->flen);
}

static void pick_canonical(wa_names *nm, entity *e)
{
    size_t maxtok = 0;
    for (size_t r = 0; r < e->nrows; r++)
        if (nm->v[e->rows[r].var].p.ntok > maxtok)
            maxtok = nm->v[e->rows[r].var].p.ntok;
    size_t need = maxtok >= 2 ? 2 : 0;
    size_t best = (size_t)-1;
    unsigned long long bc = 0;
    int bl = 0;
    for (size_t r = 0; r < e->nrows; r++) {
        const variant *v = &nm->v[e->rows[r].var];
        if (v->p.ntok < need)
            continue;
        unsigned long long c = e->rows[r].count;
        int lang = nm->prefer ? form_lang(nm, v) : 0;
        if (nm->prefer == 1)
            lang = -lang;
        int better;
        if (best == (size_t)-1 || c > bc)
            better = 1;
        else if (c < bc)
            better = 0;
        else if (nm->prefer && lang != bl)
            better = lang > bl;
        else
            better = cmp_bytes(v->form, v->flen, nm->v[e->rows[best].var].form,
                               nm->v[e->rows[best].var].flen) < 0;
        if (better) {
            best = r;
            bc = c;
            bl = lang;
        }
    }
    e->canon = e->rows[best].var;
}

/* Puts the entities in the byte order of their canonical forms, entities
 * with one canonical form in the order they were made (that of the first
 * variant met, in rank order), into sorted, and old_to_new[k] = new index
 * + 1.  The forms are distinct and rank[] is their byte order, so a
 * counting sort on the canonical variant's rank does it without comparing
 * a form.  at holds nv entries. */
static void sort_entities(const wa_names *nm, const size_t *rank, size_t *at, entity *sorted,
                          size_t *old_to_new)
{
    memset(at, 0, nm->nv * sizeof *at);
    for (size_t k = 0; k < nm->nent; k++)
        at[rank[nm->ent[k].canon]]++;
    size_t sum = 0;
    for (size_t r = 0; r < nm->nv; r++) {
        size_t c = at[r];
        at[r] = sum;
        sum += c;
    }
    for (size_t k = 0; k < nm->nent; k++) {
        size_t to = at[rank[nm->ent[k].canon]]++;
        sorted[to] = nm->ent[k];
        old_to_new[k] = to + 1;
    }
}

size_t wa_names_compared(const wa_names *nm) { return nm->compared; }

int wa_names_cluster(wa_names *nm, wa_error *err)
{
    free_results(nm);
    nm->compared = 0;
    size_t nv = nm->nv;
    int rc = 0;
    size_t *order = malloc((nv ? nv : 1) * sizeof *order);
    ord *ords = malloc((nv ? nv : 1) * sizeof *ords);
    uf u = {0};
    u.parent = malloc((nv ? nv : 1) * sizeof(size_t));
    u.next = malloc((nv ? nv : 1) * sizeof(size_t));
    u.size = malloc((nv ? nv : 1) * sizeof(size_t));
    u.rank = malloc((nv ? nv : 1) * sizeof(size_t));
    wa_map *blocks = wa_map_new(nv + 16);
    /* The blocks in the order they were made, so that pass 1 (whose
     * unions are refused on a conflict, and so depend on their order) does
     * not depend on the map's hash. */
    vec **blist = malloc((3 * nv + 1) * sizeof *blist); /* at most one per name and pass below */
    size_t nblist = 0;
    wa_map *alias_first = wa_map_new(64);
    size_t *entity_of_root = NULL, *met = NULL;
    char *has_multi = NULL;
    wa_buf sk;
    wa_buf_init(&sk);
    if (!order || !ords || !u.parent || !u.next || !u.size || !u.rank || !blocks || !blist ||
        !alias_first) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nv; i++)
        ords[i] = (ord){nm->v[i].form, nm->v[i].flen, i};
    qsort(ords, nv, sizeof *ords, cmp_ord);
    for (size_t i = 0; i < nv; i++)
        order[i] = ords[i].idx;
    for (size_t r = 0; r < nv; r++) {
        size_t i = order[r];
        variant *v = &nm->v[i];
        u.parent[i] = u.next[i] = i;
        u.size[i] = 1;
        u.rank[i] = r;
        /* Documents in index order, duplicates (from tables) merged. */
        if (v->ndc > 1 && !dc_sorted(v->dc, v->ndc))
            qsort(v->dc, v->ndc, sizeof *v->dc, cmp_dc);
        size_t k = 0;
        for (size_t j = 0; j < v->ndc; j++) {
            if (k && v->dc[k - 1].doc == v->dc[j].doc && v->dc[k - 1].ante == v->dc[j].ante)
                v->dc[k - 1].count += v->dc[j].count;
            else
                v->dc[k++] = v->dc[j];
        }
        v->ndc = k;
        if ((rc = parse_variant(nm, v, err)))
            goto done;
    }
    /* Alias entries: one cluster each. */
    for (size_t r = 0; r < nv; r++) {
        size_t i = order[r];
        if (nm->v[i].p.alias < 0)
            continue;
        int a = nm->v[i].p.alias;
        int created;
        void **slot = wa_map_put(alias_first, (const char *)&a, sizeof a, &created);
        if (!slot) {
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
            goto done;
        }
        if (created)
            *slot = (void *)(intptr_t)(i + 1);
        else
            uf_union(nm, &u, (size_t)(intptr_t)*slot - 1, i, 0);
    }
    /* Blocks on the surname skeleton; a name of three words or more is
     * also in the block of its next-to-last word (Abiy Ahmed Ali meets
     * Abiy Ahmed)... */
    for (size_t r = 0; r < 3 * nv; r++) {
        size_t i = order[r % nv];
        const wa_pname *p = &nm->v[i].p;
        size_t at = r < nv ? p->ntok : r < 2 * nv ? p->ntok - 1 : 1;
        if (r >= nv && r < 2 * nv && p->ntok < 3)
            continue;
        /* ...and a name with its family name first (Xi Jinping) is also in
         * the block of its first word, where a lone "Xi" looks. */
        if (r >= 2 * nv &&
            (p->ntok < 2 || !(p->tok[0].info->flags & WA_TK_SURFIRST)))
            continue;
        if (!p->ntok || p->tok[at - 1].initial)
            continue;
        const wa_tokinfo *s = p->tok[at - 1].info;
        skeleton(s->key, s->klen, &sk);
        void **slot = sk.failed ? NULL : wa_map_put(blocks, sk.data, sk.len, NULL);
        if (!slot) {
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
            goto done;
        }
        if (!*slot) {
            *slot = calloc(1, sizeof(vec));
            if (!*slot) {
                rc = wa_fail(err, WA_ENOMEM, "out of memory");
                goto done;
            }
            blist[nblist++] = *slot;
        }
        if (vec_push(*slot, i)) {
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
            goto done;
        }
    }
    /* Pass 1: full names with full names, lone words with lone words. */
    for (size_t bi = 0; bi < nblist; bi++) {
        vec *b = blist[bi];
        int all = b->n <= BLOCK_ALL_PAIRS;
        for (size_t x = 0; x < b->n; x++) {
            size_t i = b->a[x];
            const wa_pname *pi = &nm->v[i].p;
            for (size_t y = x + 1; y < b->n; y++) {
                size_t j = b->a[y];
                const wa_pname *pj = &nm->v[j].p;
                if ((pi->ntok == 1) != (pj->ntok == 1))
                    continue;
                if (!all) {
                    /* Big block: first letters must agree. */
                    if (pi->tok[0].info->key[0] != pj->tok[0].info->key[0])
                        continue;
                }
                if (uf_find(&u, i) == uf_find(&u, j))
                    continue;
                if (same(nm, i, j))
                    uf_union(nm, &u, i, j, 1);
            }
        }
    }
    /* Pass 2: a lone word (Pashinyan, Aliyev) joins the full-name cluster
     * it matches.  Each of its (document, antecedent) counts goes to the
     * cluster of the full name it follows in that document when that name
     * matches it (same surname, or the lone word is its first name: son
     * fils Ilham); otherwise to the only matching cluster; otherwise, when
     * several people share the surname, to the one most mentioned in that
     * document; otherwise it stays on its own. */
    has_multi = calloc(nv ? nv : 1, 1);
    if (!has_multi) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nv; i++)
        if (nm->v[i].p.ntok >= 2)
            has_multi[uf_find(&u, i)] = 1;
    {
        typedef struct cand {
            size_t sroot;
            vec roots;
            unsigned long long matched; /* mentions of the full names matched */
        } cand;
        cand *cs = NULL;
        size_t ncs = 0, capcs = 0;
        wa_map *cidx = wa_map_new(64);
        cmemo *memo = calloc(nv ? nv : 1, sizeof *memo);
        if (!cidx || !memo) {
            wa_map_free(cidx);
            free(memo);
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
            goto done;
        }
        /* Every lone-word cluster gets an entry, with its candidates. */
        for (size_t r = 0; r < nv && !rc; r++) {
            size_t i = order[r];
            const wa_pname *p = &nm->v[i].p;
            if (p->ntok != 1 || has_multi[uf_find(&u, i)] || p->tok[0].initial)
                continue;
            size_t sroot = uf_find(&u, i);
            int created;
            void **cs_slot = wa_map_put(cidx, (const char *)&sroot, sizeof sroot, &created);
            if (!cs_slot) {
                rc = wa_fail(err, WA_ENOMEM, "out of memory");
                break;
            }
            if (created) {
                if (wa_grow(&cs, &capcs, ncs, sizeof *cs, 16)) {
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
                cs[ncs].sroot = sroot;
                memset(&cs[ncs].roots, 0, sizeof cs[ncs].roots);
                cs[ncs].matched = 0;
                *cs_slot = (void *)(intptr_t)(ncs + 1);
                ncs++;
            }
            cand *c = &cs[(size_t)(intptr_t)*cs_slot - 1];
            const wa_tokinfo *s = p->tok[0].info;
            skeleton(s->key, s->klen, &sk);
            void **slot = wa_map_get(blocks, sk.data, sk.len);
            vec *b = slot ? *slot : NULL;
            for (size_t y = 0; b && y < b->n; y++) {
                size_t j = b->a[y];
                if (nm->v[j].p.ntok < 2 || !same(nm, i, j))
                    continue;
                c->matched += nm->v[j].total;
                size_t cr = uf_find(&u, j);
                int dup = 0;
                for (size_t q = 0; q < c->roots.n; q++)
                    if (c->roots.a[q] == cr)
                        dup = 1;
                if (!dup && vec_push(&c->roots, cr)) {
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
            }
        }
        for (size_t c = 0; c < ncs && !rc; c++) {
            size_t sroot = cs[c].sroot;
            vec *roots = &cs[c].roots;
            /* Targets of every count, decided before any merge. */
            size_t target = (size_t)-1;
            int uniform = 1;
            int only_ok = roots->n == 1 && lone_may_join(nm, &u, sroot, cs[c].matched);
            size_t x = sroot;
            do {
                variant *v = &nm->v[x];
                v->split_ent = malloc((v->ndc ? v->ndc : 1) * sizeof *v->split_ent);
                if (!v->split_ent) {
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
                v->nsplit = v->ndc;
                for (size_t d = 0; d < v->ndc; d++) {
                    size_t to = sroot;
                    size_t ante = v->dc[d].ante;
                    int done_ = 0;
                    if (ante != NO_ANTE) {
                        size_t ar = uf_find(&u, ante), q = 0;
                        while (q < roots->n && roots->a[q] != ar)
                            q++;
                        const wa_pname *ap = &nm->v[ante].p;
                        if (q < roots->n ||
                            (ap->ntok >= 2 && !ap->tok[0].initial &&
                             ap->tok[0].info->klen == v->p.tok[0].info->klen &&
                             !memcmp(ap->tok[0].info->key, v->p.tok[0].info->key,
                                     ap->tok[0].info->klen))) {
                            to = ar;
                            done_ = 1;
                        }
                    }
                    if (!done_ && only_ok) {
                        to = roots->a[0];
                    } else if (!done_ && roots->n > 1) {
                        size_t best = (size_t)-1;
                        unsigned long long bc = 0, bt = 0;
                        for (size_t q = 0; q < roots->n; q++) {
                            const cmemo *cm = cluster_counts(nm, &u, memo, roots->a[q]);
                            if (!cm) {
                                rc = wa_fail(err, WA_ENOMEM, "out of memory");
                                break;
                            }
                            unsigned long long cnt = memo_in_doc(cm, v->dc[d].doc);
                            if (!cnt)
                                continue;
                            unsigned long long tot = cm->total;
                            if (best == (size_t)-1 || cnt > bc || (cnt == bc && tot > bt) ||
                                (cnt == bc && tot == bt && u.rank[roots->a[q]] < u.rank[best])) {
                                best = roots->a[q];
                                bc = cnt;
                                bt = tot;
                            }
                        }
                        if (best != (size_t)-1)
                            to = best;
                    }
                    /* Roots for now; turned into entity ids below. */
                    v->split_ent[d] = to;
                    if (target == (size_t)-1)
                        target = to;
                    else if (target != to)
                        uniform = 0;
                }
                x = u.next[x];
            } while (x != sroot && !rc);
            if (rc || !uniform)
                continue;
            /* Everything goes one way: a plain merge, no split. */
            x = sroot;
            do {
                free(nm->v[x].split_ent);
                nm->v[x].split_ent = NULL;
                nm->v[x].nsplit = 0;
                x = u.next[x];
            } while (x != sroot);
            if (target != (size_t)-1 && target != sroot)
            {
                /* The merged cluster's counts change. */
                memo_drop(&memo[uf_find(&u, sroot)]);
                memo_drop(&memo[uf_find(&u, target)]);
                uf_union(nm, &u, sroot, target, 1);
            }
        }
        for (size_t c = 0; c < ncs; c++)
            free(cs[c].roots.a);
        free(cs);
        for (size_t i = 0; i < nv; i++)
            memo_drop(&memo[i]);
        free(memo);
        wa_map_free(cidx);
        if (rc)
            goto done;
    }
    /* Entities: one per cluster root, rows per variant (split variants
     * give a row to each entity their documents went to). */
    entity_of_root = malloc((nv ? nv : 1) * sizeof *entity_of_root);
    met = calloc(nv ? nv : 1, sizeof *met);
    if (!entity_of_root || !met) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nv; i++)
        entity_of_root[i] = (size_t)-1;
    nm->ent = NULL;
    size_t capent = 0;
    for (size_t r = 0; r < nv && !rc; r++) {
        size_t i = order[r];
        variant *v = &nm->v[i];
        if (!v->total || !v->ndc)
            continue;
        if (!v->nsplit) {
            /* The one row borrows the variant's counts. */
            entity *en = root_entity(nm, entity_of_root, &capent, uf_find(&u, i));
            if (!en || add_row(en, i, v->dc, v->ndc, 0))
                rc = wa_fail(err, WA_ENOMEM, "out of memory");
            continue;
        }
        /* The clusters are final: a split variant's targets become their
         * roots once, not at every look of the loop below over its
         * documents (quadratic in them for a name split many ways). */
        for (size_t q = 0; q < v->nsplit; q++)
            v->split_ent[q] = uf_find(&u, v->split_ent[q]);
        if (add_split_rows(nm, i, r, entity_of_root, &capent, met))
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
    }
    if (rc)
        goto done;
    for (size_t k = 0; k < nm->nent; k++) {
        entity *e = &nm->ent[k];
        for (size_t r = 0; r < e->nrows; r++) {
            e->rows[r].form = nm->v[e->rows[r].var].form;
            e->rows[r].flen = nm->v[e->rows[r].var].flen;
        }
        qsort(e->rows, e->nrows, sizeof *e->rows, cmp_row);
        pick_canonical(nm, e);
    }
    /* Ids in the order of canonical forms. */
    size_t *old_to_new = malloc((nm->nent ? nm->nent : 1) * sizeof *old_to_new);
    entity *sorted = malloc((nm->nent ? nm->nent : 1) * sizeof *sorted);
    if (!old_to_new || !sorted) {
        free(old_to_new);
        free(sorted);
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    sort_entities(nm, u.rank, met, sorted, old_to_new);
    /* Variant -> entity id. */
    for (size_t i = 0; i < nv; i++) {
        variant *v = &nm->v[i];
        if (v->nsplit) {
            for (size_t d = 0; d < v->nsplit; d++)
                v->split_ent[d] = old_to_new[entity_of_root[uf_find(&u, v->split_ent[d])]];
        } else if (v->total) {
            v->entity = old_to_new[entity_of_root[uf_find(&u, i)]];
        }
    }
    free(nm->ent);
    nm->ent = sorted;
    free(old_to_new);
    /* Kept mentions get their entity. */
    for (size_t d = 0; d < nm->ndocs; d++)
        for (size_t k = 0; k < nm->dm[d].n; k++) {
            const variant *v = &nm->v[nm->dm[d].var[k]];
            size_t id = v->entity;
            for (size_t q = 0; q < v->nsplit; q++)
                if (v->dc[q].doc == d && v->dc[q].ante == nm->dm[d].ante[k])
                    id = v->split_ent[q];
            nm->dm[d].m[k].entity = id;
        }
    nm->clustered = 1;
done:
    if (blocks) {
        size_t it2 = 0;
        const char *k;
        size_t kl;
        void **val;
        while (wa_map_next(blocks, &it2, &k, &kl, &val)) {
            vec *b = *val;
            if (b)
                free(b->a);
            free(b);
        }
        wa_map_free(blocks);
    }
    free(blist);
    wa_map_free(alias_first);
    free(order);
    free(ords);
    free(u.parent);
    free(u.next);
    free(u.size);
    free(u.rank);
    free(entity_of_root);
    free(met);
    free(has_multi);
    wa_buf_free(&sk);
    if (rc)
        free_results(nm);
    return rc;
}

size_t wa_names_entity_count(const wa_names *nm) { return nm->clustered ? nm->nent : 0; }

const char *wa_names_canonical(const wa_names *nm, size_t id)
{
    if (!nm->clustered || id == 0 || id > nm->nent)
        return NULL;
    return nm->v[nm->ent[id - 1].canon].form;
}

size_t wa_names_variant_count(const wa_names *nm, size_t id)
{
    if (!nm->clustered || id == 0 || id > nm->nent)
        return 0;
    return nm->ent[id - 1].nrows;
}

const char *wa_names_variant(const wa_names *nm, size_t id, size_t k, unsigned long long *count,
                             size_t *docs)
{
    if (k >= wa_names_variant_count(nm, id))
        return NULL;
    const erow *row = &nm->ent[id - 1].rows[k];
    if (count)
        *count = row->count;
    if (docs)
        *docs = row->ndc;
    return nm->v[row->var].form;
}

size_t wa_names_entity_of(const wa_names *nm, const char *doc, const char *form, size_t n)
{
    if (!nm->clustered)
        return 0;
    void **dv = wa_map_get(nm->dmap, doc ? doc : "", doc ? strlen(doc) : 0);
    if (!dv)
        return 0;
    uint32_t d = (uint32_t)((intptr_t)*dv - 1);
    wa_buf b;
    wa_buf_init(&b);
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = form[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && b.len)
            wa_buf_addc(&b, ' ');
        space = 0;
        wa_buf_addc(&b, c);
    }
    void **vv = b.failed || !b.len ? NULL : wa_map_get(nm->vmap, b.data, b.len);
    wa_buf_free(&b);
    if (!vv)
        return 0;
    const variant *v = &nm->v[(size_t)(intptr_t)*vv - 1];
    if (!count_in_doc(v, d))
        return 0;
    for (size_t q = 0; q < v->nsplit; q++)
        if (v->dc[q].doc == d)
            return v->split_ent[q];
    return v->entity;
}

int wa_names_mentions(const wa_names *nm, const char *doc, const wa_mention **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    void **dv = wa_map_get(nm->dmap, doc ? doc : "", doc ? strlen(doc) : 0);
    if (!dv || !nm->keep)
        return WA_ENOTFOUND;
    const docm *dm = &nm->dm[(size_t)(intptr_t)*dv - 1];
    *out = dm->m;
    *n = dm->n;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Writing tables */

static void add_escaped_doc(wa_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%' || c == ';' || c == '=' || c == '@' || c == '\t' || c == '\n' ||
            c == '\r')
            wa_buf_printf(b, "%%%02X", c);
        else
            wa_buf_addc(b, (char)c);
    }
}

/* Tabs and line breaks cannot be in a form (white space is collapsed);
 * the form is written as is. */

typedef struct dname {
    const char *name;
    const char *ante; /* antecedent form or NULL */
    unsigned long long count;
} dname;

static int cmp_dname(const void *a, const void *b)
{
    const dname *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c || x->ante == y->ante)
        return c;
    if (!x->ante || !y->ante)
        return x->ante ? 1 : -1;
    return strcmp(x->ante, y->ante);
}

static void add_solr_term(wa_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',' || s[i] == '\\' || (s[i] == '=' && i + 1 < n && s[i + 1] == '>'))
            wa_buf_addc(b, '\\');
        wa_buf_addc(b, s[i]);
    }
}

int wa_names_write(const wa_names *nm, int format, char **out, size_t *len, wa_error *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    if (format < WA_NAMES_TSV || format > WA_NAMES_SOLR_EQUIV)
        return wa_fail(err, WA_EINVAL, "names: unknown output format %d", format);
    wa_buf b;
    wa_buf_init(&b);
    if (format == WA_NAMES_TSV)
        wa_buf_adds(&b, "# wirealign names 1\tentity\tcanonical\tvariant\tkey\tcount\tdocuments\n");
    else if (format == WA_NAMES_JSON)
        wa_buf_adds(&b, "[");
    else
        wa_buf_adds(&b, "# wirealign names: Solr/Elasticsearch synonyms\n");
    size_t nent = nm->clustered ? nm->nent : 0;
    for (size_t k = 0; k < nent; k++) {
        const entity *e = &nm->ent[k];
        const variant *cv = &nm->v[e->canon];
        if (format == WA_NAMES_JSON) {
            wa_buf_printf(&b, "%s\n{\"id\":%zu,\"canonical\":\"", k ? "," : "", k + 1);
            wa_buf_add_json(&b, cv->form, cv->flen);
            wa_buf_printf(&b, "\",\"count\":%llu,\"variants\":[", e->count);
        }
        if (format == WA_NAMES_SOLR || format == WA_NAMES_SOLR_EQUIV) {
            if (e->nrows < 2)
                continue;
            if (format == WA_NAMES_SOLR_EQUIV) {
                add_solr_term(&b, cv->form, cv->flen);
                for (size_t r = 0; r < e->nrows; r++)
                    if (e->rows[r].var != e->canon) {
                        wa_buf_adds(&b, ", ");
                        add_solr_term(&b, nm->v[e->rows[r].var].form, nm->v[e->rows[r].var].flen);
                    }
            } else {
                int first = 1;
                for (size_t r = 0; r < e->nrows; r++)
                    if (e->rows[r].var != e->canon) {
                        if (!first)
                            wa_buf_adds(&b, ", ");
                        first = 0;
                        add_solr_term(&b, nm->v[e->rows[r].var].form, nm->v[e->rows[r].var].flen);
                    }
                wa_buf_adds(&b, " => ");
                add_solr_term(&b, cv->form, cv->flen);
            }
            wa_buf_addc(&b, '\n');
            continue;
        }
        for (size_t r = 0; r < e->nrows; r++) {
            const erow *row = &e->rows[r];
            const variant *v = &nm->v[row->var];
            dname *dc = malloc((row->ndc ? row->ndc : 1) * sizeof *dc);
            if (!dc) {
                wa_buf_free(&b);
                return wa_fail(err, WA_ENOMEM, "out of memory");
            }
            for (size_t d = 0; d < row->ndc; d++)
                dc[d] = (dname){nm->docs[row->dc[d].doc],
                                row->dc[d].ante == NO_ANTE ? NULL : nm->v[row->dc[d].ante].form,
                                row->dc[d].count};
            if (row->ndc > 1)
                qsort(dc, row->ndc, sizeof *dc, cmp_dname);
            if (format == WA_NAMES_TSV) {
                wa_buf_add_uint(&b, k + 1);
                wa_buf_addc(&b, '\t');
                wa_buf_add(&b, cv->form, cv->flen);
                wa_buf_addc(&b, '\t');
                wa_buf_add(&b, v->form, v->flen);
                wa_buf_addc(&b, '\t');
                wa_buf_adds(&b, v->key);
                wa_buf_addc(&b, '\t');
                wa_buf_add_uint(&b, row->count);
                wa_buf_addc(&b, '\t');
                for (size_t d = 0; d < row->ndc; d++) {
                    if (d)
                        wa_buf_addc(&b, ';');
                    add_escaped_doc(&b, dc[d].name);
                    wa_buf_addc(&b, '=');
                    wa_buf_add_uint(&b, dc[d].count);
                    if (dc[d].ante) {
                        wa_buf_addc(&b, '@');
                        add_escaped_doc(&b, dc[d].ante);
                    }
                }
                wa_buf_addc(&b, '\n');
            } else {
                wa_buf_adds(&b, r ? ",{\"form\":\"" : "{\"form\":\"");
                wa_buf_add_json(&b, v->form, v->flen);
                wa_buf_adds(&b, "\",\"key\":\"");
                wa_buf_adds(&b, v->key);
                wa_buf_printf(&b, "\",\"count\":%llu,\"documents\":{", row->count);
                for (size_t d = 0; d < row->ndc; d++) {
                    unsigned long long c = dc[d].count;
                    while (d + 1 < row->ndc && !strcmp(dc[d + 1].name, dc[d].name))
                        c += dc[++d].count;
                    wa_buf_adds(&b, b.data[b.len - 1] == '{' ? "\"" : ",\"");
                    wa_buf_add_json(&b, dc[d].name, strlen(dc[d].name));
                    wa_buf_printf(&b, "\":%llu", c);
                }
                wa_buf_adds(&b, "}}");
            }
            free(dc);
        }
        if (format == WA_NAMES_JSON)
            wa_buf_adds(&b, "]}");
    }
    if (format == WA_NAMES_JSON)
        wa_buf_adds(&b, "\n]\n");
    if (b.failed) {
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    *out = wa_buf_steal(&b, len);
    return *out ? 0 : wa_fail(err, WA_ENOMEM, "out of memory");
}
