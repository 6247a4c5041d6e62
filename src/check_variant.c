/* The proofreader's `variant` category: names spelled two ways for one
 * entity within a document (Pachinian / Pashinyan), and exonyms of another
 * language beside the text's own (Moscow beside Moscou in French), on top
 * of the names module's mentions and clustering. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_internal.h"

/* One word of a mention (split at spaces and hyphens). */
typedef struct vword {
    size_t start, end;  /* byte span in the text */
    size_t mention;     /* index into the mention array */
    size_t group;       /* spelling group, (size_t)-1 when not compared */
    size_t spelling;    /* index into the spelling table */
    int caps;           /* written in capitals (a headline, a dateline) */
} vword;

/* A spelling of a group: its folded form, how often it is written (words
 * in capitals do not vote) and where first. */
typedef struct vspell {
    size_t group;
    char *fold;     /* ck_fold, accents kept */
    char *bare;     /* ck_fold, accents dropped: what capitals are compared on */
    size_t count;
    size_t first;   /* index of the first word written so */
} vspell;

typedef struct vgroup {
    size_t entity;
    char *key;
    size_t rep;  /* the first word of the group, for the matcher */
    size_t best; /* dominant spelling, (size_t)-1 when only capitals */
    size_t parent; /* union-find over groups whose keys the matcher joins */
} vgroup;

typedef struct vstate {
    vword *w;
    size_t nw, capw;
    vspell *sp;
    size_t nsp, capsp;
    vgroup *g;
    size_t ng, capg;
    wa_map *gmap; /* "entity\tkey" -> group + 1 */
    wa_map *smap; /* "group\tfold" -> spelling + 1 */
    wa_buf b;
} vstate;

/* Accent-free lower case (Latin-1 letters to their base letter). */
static void bare_fold(const char *s, size_t n, wa_buf *out)
{
    static const char base[] = "aaaaaaeceeeeiiiidnooooo/ouuuuyty";
    wa_buf tmp;
    wa_buf_init(&tmp);
    ck_fold(s, n, &tmp);
    for (size_t i = 0; i < tmp.len; i++) {
        unsigned char c = (unsigned char)tmp.data[i];
        if (c == 0xC3 && i + 1 < tmp.len && (unsigned char)tmp.data[i + 1] >= 0xA0) {
            wa_buf_addc(out, base[(unsigned char)tmp.data[i + 1] - 0xA0]);
            i++;
        } else {
            wa_buf_addc(out, (char)c);
        }
    }
    wa_buf_free(&tmp);
}

/* Written in capitals: two letters or more and no lower-case ASCII or
 * Latin-1 letter. */
static int all_caps(const char *s, size_t n)
{
    int letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0xA0)
            return 0;
        if ((c >= 'A' && c <= 'Z') || c >= 0xC0)
            letters++;
    }
    return letters >= 2;
}

static size_t nchars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* Cuts a mention into words at spaces, hyphens and apostrophes. */
static int add_words(vstate *st, const char *s, const wa_mention *m, size_t mi)
{
    size_t a = m->span.start;
    for (size_t i = m->span.start; i <= m->span.end; i++) {
        int sep = i == m->span.end || s[i] == ' ' || s[i] == '-' || s[i] == '\'' ||
                  s[i] == '\n' || (unsigned char)s[i] == 0xE2 || (unsigned char)s[i] == 0xC2;
        if (!sep)
            continue;
        if (i > a) {
            if (wa_grow(&st->w, &st->capw, st->nw, sizeof *st->w, 32))
                return WA_ENOMEM;
            st->w[st->nw++] = (vword){a, i, mi, (size_t)-1, 0, all_caps(s + a, i - a)};
        }
        /* skip the rest of a multi-byte separator (’, no-break spaces) */
        if (i < m->span.end && ((unsigned char)s[i] == 0xE2 || (unsigned char)s[i] == 0xC2)) {
            size_t j = i;
            wa_utf8_next(s, m->span.end, &j);
            i = j - 1;
        }
        a = i + 1;
    }
    return 0;
}

static size_t find_root(vgroup *g, size_t x)
{
    while (g[x].parent != x)
        x = g[x].parent = g[g[x].parent].parent;
    return x;
}

/* Puts each word in a group: same entity, same key; then joins groups of
 * one entity whose words the matcher takes for the same name (close keys),
 * but never through an alias entry (Artsakh is no spelling of Karabakh). */
static int group_words(vstate *st, wa_translit *tl, const char *s, const wa_mention *m,
                       wa_error *err)
{
    for (size_t i = 0; i < st->nw; i++) {
        vword *w = &st->w[i];
        /* Initials ("N." is no spelling of "Nikol"), short words and
         * acronyms (DD, NIS), words with digits (IPv4, NFSv3). */
        if (w->caps || nchars(s + w->start, w->end - w->start) < 4 ||
            has_digit(s + w->start, w->end - w->start))
            continue;
        char *key = NULL;
        int rc = wa_translit_key(tl, s + w->start, w->end - w->start, &key, err);
        if (rc)
            return rc;
        if (!key[0] || strchr(key, ' ')) {
            wa_free(key);
            continue; /* titles, particles */
        }
        st->b.len = 0;
        size_t ent = m[w->mention].entity;
        wa_buf_add(&st->b, (const char *)&ent, sizeof ent);
        wa_buf_add(&st->b, key, strlen(key));
        int created;
        void **v = st->b.failed ? NULL : wa_map_put(st->gmap, st->b.data, st->b.len, &created);
        if (!v || wa_grow(&st->g, &st->capg, st->ng, sizeof *st->g, 32)) {
            wa_free(key);
            return wa_fail(err, WA_ENOMEM, "out of memory");
        }
        if (created) {
            st->g[st->ng] = (vgroup){ent, key, i, (size_t)-1, st->ng};
            *v = (void *)(uintptr_t)++st->ng;
        } else {
            wa_free(key);
        }
        w->group = (uintptr_t)*v - 1;
    }
    /* Close keys within an entity: few groups each, compare them all. */
    for (size_t a = 0; a < st->ng; a++)
        for (size_t b = a + 1; b < st->ng; b++) {
            if (st->g[a].entity != st->g[b].entity || find_root(st->g, a) == find_root(st->g, b))
                continue;
            if (strlen(st->g[a].key) < 3 || strlen(st->g[b].key) < 3)
                continue;
            const vword *wa = &st->w[st->g[a].rep], *wb = &st->w[st->g[b].rep];
            const char *sa = s + wa->start, *sb = s + wb->start;
            size_t la = wa->end - wa->start, lb = wb->end - wb->start;
            wa_match mt;
            int rc = wa_translit_match(tl, sa, la, sb, lb, &mt, err);
            if (rc)
                return rc;
            if (!mt.same || wa_translit_alias(tl, sa, la) || wa_translit_alias(tl, sb, lb))
                continue;
            st->g[find_root(st->g, b)].parent = find_root(st->g, a);
        }
    for (size_t i = 0; i < st->nw; i++)
        if (st->w[i].group != (size_t)-1)
            st->w[i].group = find_root(st->g, st->w[i].group);
    return 0;
}

/* Counts the spellings of each group and picks the dominant one. */
static int count_spellings(vstate *st, const char *s, wa_error *err)
{
    wa_buf fold;
    wa_buf_init(&fold);
    for (size_t i = 0; i < st->nw; i++) {
        vword *w = &st->w[i];
        if (w->group == (size_t)-1)
            continue;
        fold.len = 0;
        if (w->caps)
            bare_fold(s + w->start, w->end - w->start, &fold);
        else
            ck_fold(s + w->start, w->end - w->start, &fold);
        st->b.len = 0;
        wa_buf_add(&st->b, (const char *)&w->group, sizeof w->group);
        wa_buf_addc(&st->b, w->caps ? 'C' : 'w');
        wa_buf_add(&st->b, fold.data, fold.len);
        int created;
        void **v = st->b.failed || fold.failed ? NULL
                                               : wa_map_put(st->smap, st->b.data, st->b.len, &created);
        if (!v || wa_grow(&st->sp, &st->capsp, st->nsp, sizeof *st->sp, 32)) {
            wa_buf_free(&fold);
            return wa_fail(err, WA_ENOMEM, "out of memory");
        }
        if (created) {
            vspell *p = &st->sp[st->nsp];
            memset(p, 0, sizeof *p);
            p->group = w->group;
            p->first = i;
            p->fold = wa_strndup(fold.data, fold.len);
            wa_buf bare;
            wa_buf_init(&bare);
            bare_fold(s + w->start, w->end - w->start, &bare);
            p->bare = bare.failed ? NULL : wa_strndup(bare.data, bare.len);
            wa_buf_free(&bare);
            if (!p->fold || !p->bare) {
                free(p->fold);
                free(p->bare);
                wa_buf_free(&fold);
                return wa_fail(err, WA_ENOMEM, "out of memory");
            }
            *v = (void *)(uintptr_t)++st->nsp;
        }
        w->spelling = (uintptr_t)*v - 1;
        if (!w->caps)
            st->sp[w->spelling].count++;
    }
    wa_buf_free(&fold);
    for (size_t k = 0; k < st->nsp; k++) {
        vspell *p = &st->sp[k];
        if (!p->count)
            continue;
        vgroup *g = &st->g[p->group];
        if (g->best == (size_t)-1 || p->count > st->sp[g->best].count ||
            (p->count == st->sp[g->best].count && p->first < st->sp[g->best].first))
            g->best = k;
    }
    return 0;
}

/* Two spellings of one name stay close in letters, not only in sound:
 * at most two edits (a letter inserted, deleted, replaced, two swapped)
 * and at most 30 % of the longer one (Pachinian / Pashinyan, Poutine /
 * Putin; not Thai / They, Manual / Emmanuel). */
static int close_spellings(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 60 || nb > 60 || (na > nb ? na - nb : nb - na) > 2)
        return 0;
    unsigned char d[62][62];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = (unsigned char)i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = (unsigned char)j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            unsigned c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1u < c)
                c = d[i - 1][j] + 1u;
            if (d[i][j - 1] + 1u < c)
                c = d[i][j - 1] + 1u;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1u < c)
                c = d[i - 2][j - 2] + 1u;
            d[i][j] = (unsigned char)c;
        }
    size_t dist = d[na][nb], longer = na > nb ? na : nb;
    return dist <= 2 && dist * 10 <= longer * 3;
}

/* Whether two folded spellings differ only in the accent of their first
 * letter (Etats / États: French typography may leave capitals bare). */
static int capital_accent_only(const char *a, const char *b)
{
    size_t i = 0, j = 0, na = strlen(a), nb = strlen(b);
    int32_t ca = wa_utf8_next(a, na, &i), cb = wa_utf8_next(b, nb, &j);
    if (ca == cb || strcmp(a + i, b + j) != 0)
        return 0;
    char x[5], y[5];
    wa_buf p, q;
    wa_buf_init(&p);
    wa_buf_init(&q);
    x[wa_utf8_encode(ca, x)] = '\0';
    y[wa_utf8_encode(cb, y)] = '\0';
    bare_fold(x, strlen(x), &p);
    bare_fold(y, strlen(y), &q);
    int same = !p.failed && !q.failed && p.len == q.len && memcmp(p.data, q.data, p.len) == 0;
    wa_buf_free(&p);
    wa_buf_free(&q);
    return same;
}

/* Whether word i is spelled otherwise than its group's dominant spelling.
 * Two dictionary words are two words, not two spellings of a name
 * (Licence / License). */
static int off_spelling(const vstate *st, size_t i, const ck_variant_cb *cb)
{
    const vword *w = &st->w[i];
    if (w->group == (size_t)-1)
        return 0;
    size_t best = st->g[w->group].best;
    if (best == (size_t)-1 || best == w->spelling)
        return 0;
    const vspell *mine = &st->sp[w->spelling], *dom = &st->sp[best];
    if (strcmp(mine->fold, dom->fold) == 0 || !close_spellings(mine->bare, dom->bare) ||
        capital_accent_only(mine->fold, dom->fold))
        return 0;
    if (cb->common && cb->common(cb->ctx, mine->fold, strlen(mine->fold)) &&
        cb->common(cb->ctx, dom->fold, strlen(dom->fold)))
        return 0;
    return 1;
}

/* Appends word w respelled as the dominant spelling (in capitals when w
 * is). */
static void respell(const vstate *st, const char *s, const vword *w, wa_buf *out)
{
    const vword *model = &st->w[st->sp[st->g[w->group].best].first];
    const char *m = s + model->start;
    size_t n = model->end - model->start;
    if (!w->caps) {
        wa_buf_add(out, m, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)m[i];
        if (c >= 'a' && c <= 'z') {
            wa_buf_addc(out, (char)(c - 32));
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)m[i + 1] >= 0xA0 &&
                   (unsigned char)m[i + 1] != 0xB7 && (unsigned char)m[i + 1] != 0xBF) {
            wa_buf_addc(out, (char)c);
            wa_buf_addc(out, (char)(m[i + 1] - 0x20));
            i++;
        } else {
            wa_buf_addc(out, (char)c);
        }
    }
}

/* "once", "twice", "3 times" into buf (32 bytes). */
static const char *times(size_t n, char *buf)
{
    if (n == 0)
        return "only in capitals";
    if (n == 1)
        return "once";
    if (n == 2)
        return "twice";
    snprintf(buf, 32, "%zu times", n);
    return buf;
}

static void state_free(vstate *st)
{
    for (size_t i = 0; i < st->nsp; i++) {
        free(st->sp[i].fold);
        free(st->sp[i].bare);
    }
    for (size_t i = 0; i < st->ng; i++)
        wa_free(st->g[i].key);
    free(st->w);
    free(st->sp);
    free(st->g);
    wa_map_free(st->gmap);
    wa_map_free(st->smap);
    wa_buf_free(&st->b);
}

/* Exonyms: a mention that is an alias variant tagged with another language
 * than the text's, in an entity the text also names with a form tagged
 * with its own language (Moscow beside Moscou in French).  Only mentions
 * of entities written more than one way (varied) are looked at. */
static int exonyms(wa_translit *tl, const char *lang, const char *s, const wa_mention *m,
                   size_t nm, const unsigned char *flagged, const unsigned char *varied,
                   size_t nent, const ck_variant_cb *cb, wa_error *err)
{
    const char **tag = wa_calloc(nm, sizeof *tag), **usual = wa_calloc(nm, sizeof *usual);
    size_t *own = wa_calloc(nent + 1, sizeof *own); /* mention index + 1 */
    if (!tag || !own || !usual) {
        free(tag);
        free(usual);
        free(own);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < nm; i++) {
        tag[i] = "";
        if (!m[i].entity || !varied[m[i].entity])
            continue;
        usual[i] = wa_translit_alias_usual(tl, s + m[i].span.start,
                                           m[i].span.end - m[i].span.start, lang, &tag[i]);
        if (!usual[i])
            tag[i] = "";
        if (strcmp(tag[i], lang) == 0 && !own[m[i].entity])
            own[m[i].entity] = i + 1;
    }
    for (size_t i = 0; i < nm; i++) {
        if (flagged[i] || !tag[i][0] || strcmp(tag[i], lang) == 0 || !own[m[i].entity])
            continue;
        if (cb->english && cb->english(cb->ctx, m[i].span.start, m[i].span.end))
            continue;
        const wa_mention *o = &m[own[m[i].entity] - 1];
        char msg[300];
        snprintf(msg, sizeof msg, "\"%.*s\" is the %s form; this text writes \"%.*s\"",
                 (int)(m[i].span.end - m[i].span.start), s + m[i].span.start,
                 strcmp(tag[i], "en") == 0   ? "English"
                 : strcmp(tag[i], "de") == 0 ? "German"
                                             : "French",
                 (int)(o->span.end - o->span.start), s + o->span.start);
        /* The alias file's form: the text's own may be a dateline in
         * capitals. */
        cb->emit(cb->ctx, m[i].span.start, m[i].span.end, msg, usual[i]);
    }
    free(tag);
    free(usual);
    free(own);
    return 0;
}

/* Marks the entities whose mentions are not all written alike (case
 * aside): only they can hold a variant. */
static int mark_varied(const char *s, const wa_mention *m, size_t nm, unsigned char *varied,
                       size_t nent)
{
    size_t *first = wa_calloc(nent + 1, sizeof *first);
    wa_buf a, b;
    wa_buf_init(&a);
    wa_buf_init(&b);
    if (!first)
        return WA_ENOMEM;
    for (size_t i = 0; i < nm; i++) {
        size_t e = m[i].entity;
        if (!e || e > nent || varied[e])
            continue;
        if (!first[e]) {
            first[e] = i + 1;
            continue;
        }
        const wa_mention *f = &m[first[e] - 1];
        a.len = b.len = 0;
        ck_fold(s + f->span.start, f->span.end - f->span.start, &a);
        ck_fold(s + m[i].span.start, m[i].span.end - m[i].span.start, &b);
        if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
            varied[e] = 1;
    }
    int rc = a.failed || b.failed ? WA_ENOMEM : 0;
    wa_buf_free(&a);
    wa_buf_free(&b);
    free(first);
    return rc;
}

int ck_variants(wa_names *nm, const char *lang, const char *s, size_t len, const wa_span *sent,
                size_t nsent, const wa_mention *found, size_t nfound, const ck_variant_cb *cb,
                wa_error *err)
{
    wa_names_reset(nm);
    int rc = found ? wa_names_add_mentions(nm, "", s, len, found, nfound, err)
                   : wa_names_add_text(nm, "", s, len, sent, nsent, err);
    if (!rc)
        rc = wa_names_cluster(nm, err);
    const wa_mention *m = NULL;
    size_t n = 0;
    if (rc || wa_names_mentions(nm, "", &m, &n) || n < 2)
        return rc;
    wa_translit *tl = wa_names_translit(nm);
    vstate st;
    memset(&st, 0, sizeof st);
    wa_buf_init(&st.b);
    st.gmap = wa_map_new(64);
    st.smap = wa_map_new(64);
    size_t nent = wa_names_entity_count(nm);
    unsigned char *flagged = wa_calloc(n, 1), *varied = wa_calloc(nent + 1, 1);
    if (!st.gmap || !st.smap || !flagged || !varied || mark_varied(s, m, n, varied, nent)) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n && !rc; i++)
        if (m[i].entity && varied[m[i].entity] &&
            !(cb->english && cb->english(cb->ctx, m[i].span.start, m[i].span.end)))
            rc = add_words(&st, s, &m[i], i) ? wa_fail(err, WA_ENOMEM, "out of memory") : 0;
    if (rc || (rc = group_words(&st, tl, s, m, err)) || (rc = count_spellings(&st, s, err)))
        goto done;
    wa_buf sug;
    wa_buf_init(&sug);
    for (size_t i = 0; i < st.nw;) {
        size_t mi = st.w[i].mention, j = i;
        int off = 0;
        while (j < st.nw && st.w[j].mention == mi)
            off |= off_spelling(&st, j++, cb);
        if (off) {
            /* The mention respelled word by word; the message names the
             * first word that differs. */
            sug.len = 0;
            size_t at = m[mi].span.start, first = (size_t)-1;
            for (size_t k = i; k < j; k++) {
                if (!off_spelling(&st, k, cb))
                    continue;
                if (first == (size_t)-1)
                    first = k;
                wa_buf_add(&sug, s + at, st.w[k].start - at);
                respell(&st, s, &st.w[k], &sug);
                at = st.w[k].end;
            }
            wa_buf_add(&sug, s + at, m[mi].span.end - at);
            wa_buf_addc(&sug, '\0');
            const vword *fw = &st.w[first];
            const vspell *dom = &st.sp[st.g[fw->group].best], *mine = &st.sp[fw->spelling];
            const vword *model = &st.w[dom->first];
            char msg[400], t1[32], t2[32];
            snprintf(msg, sizeof msg, "\"%.*s\": the text writes \"%.*s\" %s, \"%.*s\" %s",
                     (int)(m[mi].span.end - m[mi].span.start), s + m[mi].span.start,
                     (int)(model->end - model->start), s + model->start, times(dom->count, t1),
                     (int)(fw->end - fw->start), s + fw->start, times(mine->count, t2));
            if (!sug.failed)
                cb->emit(cb->ctx, m[mi].span.start, m[mi].span.end, msg, sug.data);
            flagged[mi] = 1;
        }
        i = j;
    }
    wa_buf_free(&sug);
    rc = exonyms(tl, lang, s, m, n, flagged, varied, nent, cb, err);
done:
    free(flagged);
    free(varied);
    state_free(&st);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Whether a document can hold a variant at all, from its capitalized
 * words, before the names stage runs (most texts cannot: each name is
 * written one way). */

/* What the pre-test knows of a word of a few letters or more, not in
 * capitals (the words it compares): the numbers of its skeleton and of its
 * folded form.  8 bytes, so that the table stays in cache. */
typedef struct vtok {
    uint32_t skel; /* index into last */
    uint32_t form; /* index into form */
} vtok;

/* A folded form: what two words are compared on. */
typedef struct vform {
    char *bare;   /* folded without accents */
    int namelike; /* no dictionary word */
} vform;

/* The forms of one document met so far, chained per skeleton. */
typedef struct vnode {
    size_t form, skel;
    size_t next; /* index + 1, 0 at the end */
} vnode;

enum { VT_FOREIGN = 1, VT_SKIP = 2 };

/* A word's value in the map: (index + 1 into tok) << VT_BITS | its flags
 * (VT_SKIP: no index), so that the pre-test reads one slot per word and
 * words it skips or stops at cost no other read. */
enum { VT_BITS = 2 };

/* How many words ahead the map's slot is fetched (as check.c does for its
 * word verdicts). */
enum { VT_AHEAD = 4 };

struct ck_vcache {
    wa_map *map;   /* word or pair of words -> its value (VT_BITS) */
    wa_map *skels; /* skeleton hash -> index + 1 into skel */
    wa_map *forms; /* folded word -> index + 1 into form */
    vtok *tok;
    size_t n, cap;
    size_t *last; /* per skeleton: its chain in this document (index + 1
                     into node of the last form met, 0: none) */
    size_t nskel, capskel;
    vform *form;
    size_t nform, capform;
    vnode *node; /* per document */
    size_t nnode, capnode;
    wa_buf b;
};

int ck_vcache_new(ck_vcache **out)
{
    ck_vcache *vc = wa_calloc(1, sizeof *vc);
    if (!vc)
        return WA_ENOMEM;
    vc->map = wa_map_new(1024);
    vc->skels = wa_map_new(1024);
    vc->forms = wa_map_new(1024);
    wa_buf_init(&vc->b);
    if (!vc->map || !vc->skels || !vc->forms) {
        ck_vcache_free(vc);
        return WA_ENOMEM;
    }
    *out = vc;
    return 0;
}

void ck_vcache_free(ck_vcache *vc)
{
    if (!vc)
        return;
    wa_map_free(vc->map);
    wa_map_free(vc->skels);
    wa_map_free(vc->forms);
    for (size_t i = 0; i < vc->nform; i++)
        free(vc->form[i].bare);
    free(vc->tok);
    free(vc->last);
    free(vc->form);
    free(vc->node);
    wa_buf_free(&vc->b);
    free(vc);
}

/* The consonant skeleton of a key, with the consonants the matcher counts
 * as close in one class (as the names module blocks its clustering). */
static uint64_t skeleton_hash(const char *k)
{
    char b[128];
    size_t n = 0;
    char last = 0;
    for (const char *p = k; *p && n + 1 < sizeof b; p++) {
        char c = *p;
        switch (c) {
        case 'a': case 'e': case 'i': case 'o': case 'u': case 'h': case 'y': case 'w':
        case ' ': case '-':
            continue;
        case 'g': case 'q': case 'c': c = 'k'; break;
        case 'd': c = 't'; break;
        case 'b': c = 'p'; break;
        case 'v': c = 'f'; break;
        case 'x': case 'z': case 'j': c = 's'; break;
        case 'm': c = 'n'; break;
        default: break;
        }
        if (c == last)
            continue;
        b[n++] = c;
        last = c;
    }
    return wa_hash(b, n);
}

/* The number of key in map (index + 1 as value), a new one (*created set)
 * when it has none yet: 0, or -1 (out of memory, or past 32 bits). */
static int number_of(wa_map *map, const char *key, size_t n, size_t count, uint32_t *out,
                     int *created)
{
    void **v = count < UINT32_MAX ? wa_map_put(map, key, n, created) : NULL;
    if (!v)
        return -1;
    if (*created)
        *v = (void *)(uintptr_t)(count + 1);
    *out = (uint32_t)((uintptr_t)*v - 1);
    return 0;
}

/* The numbers of the skeleton and of the folded form of word s (n
 * bytes), new ones when first met.  (The tables grow first: a number
 * given out always has its entry.) */
static int vtok_new(ck_vcache *vc, wa_translit *tl, const char *s, size_t n,
                    const ck_variant_cb *cb, vtok *t, wa_error *err)
{
    char *key = NULL;
    int rc = wa_translit_key(tl, s, n, &key, err);
    if (rc)
        return rc;
    uint64_t h = skeleton_hash(key);
    wa_free(key);
    int created;
    if (wa_grow(&vc->last, &vc->capskel, vc->nskel, sizeof *vc->last, 32) ||
        number_of(vc->skels, (const char *)&h, sizeof h, vc->nskel, &t->skel, &created))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (created)
        vc->last[vc->nskel++] = 0;
    vc->b.len = 0;
    ck_fold(s, n, &vc->b);
    if (vc->b.failed || wa_grow(&vc->form, &vc->capform, vc->nform, sizeof *vc->form, 32) ||
        number_of(vc->forms, vc->b.data, vc->b.len, vc->nform, &t->form, &created))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (created)
        vc->form[vc->nform++] = (vform){NULL, 0};
    vform *f = &vc->form[t->form];
    if (f->bare)
        return 0; /* else first met, or left without it by an error */
    f->namelike = !cb->common || !cb->common(cb->ctx, vc->b.data, vc->b.len);
    vc->b.len = 0;
    bare_fold(s, n, &vc->b);
    if (vc->b.failed || !(f->bare = wa_strndup(vc->b.data, vc->b.len)))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    return 0;
}

/* The map's value of word s (n bytes; pair: two words), computed at its
 * first look-up: 0 on success with *out set, or an error. */
static int vtok_of(ck_vcache *vc, wa_translit *tl, const char *lang, const char *s, size_t n,
                   int pair, const ck_variant_cb *cb, uintptr_t *out, wa_error *err)
{
    int created;
    void **v = wa_map_put(vc->map, s, n, &created);
    if (!v)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    if (!created && *v) {
        *out = (uintptr_t)*v;
        return 0;
    } /* else first met, or left unset by an error */
    uintptr_t val = 0;
    const char *tag = "";
    wa_translit_alias_usual(tl, s, n, lang, &tag);
    if (tag[0] && strcmp(tag, lang) != 0)
        val |= VT_FOREIGN;
    if (pair || memchr(s, '-', n) || all_caps(s, n) || nchars(s, n) < 4 || has_digit(s, n)) {
        val |= VT_SKIP;
    } else {
        vtok t;
        int rc = vtok_new(vc, tl, s, n, cb, &t, err);
        if (rc)
            return rc;
        if (wa_grow(&vc->tok, &vc->cap, vc->n, sizeof *vc->tok, 32))
            return wa_fail(err, WA_ENOMEM, "out of memory");
        vc->tok[vc->n++] = t;
        val |= (uintptr_t)vc->n << VT_BITS;
    }
    *out = val;
    *wa_map_get(vc->map, s, n) = (void *)val; /* the map may have grown */
    return 0;
}

/* Adds the word of value val to the skeletons seen in this document; 1
 * when a word of the same skeleton was seen spelled otherwise but close
 * (close_spellings) and one of the two is no dictionary word, 0, or -1
 * (out of memory). */
static int skel_add(ck_vcache *vc, wa_translit *tl, uintptr_t val)
{
    if (val & VT_SKIP)
        return 0;
    const vtok *t = &vc->tok[(val >> VT_BITS) - 1];
    size_t *last = &vc->last[t->skel];
    if (wa_grow(&vc->node, &vc->capnode, vc->nnode, sizeof *vc->node, 32))
        return -1;
    for (size_t x = *last; x; x = vc->node[x - 1].next) {
        size_t of = vc->node[x - 1].form;
        if (of == t->form)
            return 0; /* met already */
        /* close, and taken for one name by the matcher that will group them */
        const vform *o = &vc->form[of], *f = &vc->form[t->form];
        wa_match mt;
        if ((o->namelike || f->namelike) && close_spellings(o->bare, f->bare) &&
            (wa_translit_match(tl, o->bare, strlen(o->bare), f->bare, strlen(f->bare), &mt,
                               NULL) != 0 ||
             mt.same))
            return 1;
    }
    vc->node[vc->nnode] = (vnode){t->form, t->skel, *last};
    *last = ++vc->nnode;
    return 0;
}

int ck_variant_possible(ck_vcache *vc, wa_translit *tl, const char *lang, const char *s,
                        const wa_span *w, size_t nw, const ck_variant_cb *cb, wa_error *err)
{
    int found = 0, rc = 0;
    /* the chains of the document before */
    for (size_t i = 0; i < vc->nnode; i++)
        vc->last[vc->node[i].skel] = 0;
    vc->nnode = 0;
    for (size_t i = 0; i < nw && !found && !rc; i++) {
        if (i + VT_AHEAD < nw)
            wa_map_prefetch(vc->map, s + w[i + VT_AHEAD].start,
                            w[i + VT_AHEAD].end - w[i + VT_AHEAD].start);
        uintptr_t val;
        if ((rc = vtok_of(vc, tl, lang, s + w[i].start, w[i].end - w[i].start, 0, cb, &val, err)))
            break;
        if (val & VT_FOREIGN) {
            found = 1;
            break;
        }
        /* Hyphenated: the parts are the words compared (Haut-Karabakh). */
        const char *hy = memchr(s + w[i].start, '-', w[i].end - w[i].start);
        if (hy) {
            size_t a = w[i].start;
            for (size_t j = w[i].start; j <= w[i].end && !found && !rc; j++) {
                if (j < w[i].end && s[j] != '-')
                    continue;
                if (j > a && !(s[a] >= 'a' && s[a] <= 'z')) { /* al-Assad: Assad */
                    uintptr_t part;
                    if (!(rc = vtok_of(vc, tl, lang, s + a, j - a, 0, cb, &part, err)))
                        found = skel_add(vc, tl, part);
                }
                a = j + 1;
            }
            continue;
        }
        /* two capitalized words in a row: "West Bank", "New Delhi" */
        if (i + 1 < nw && w[i + 1].start > w[i].end && w[i + 1].start - w[i].end == 1 &&
            s[w[i].end] == ' ') {
            uintptr_t pair;
            if ((rc = vtok_of(vc, tl, lang, s + w[i].start, w[i + 1].end - w[i].start, 1, cb,
                              &pair, err)))
                break;
            if (pair & VT_FOREIGN) {
                found = 1;
                break;
            }
        }
        found = skel_add(vc, tl, val);
    }
    if (found < 0)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    return rc ? rc : found;
}
