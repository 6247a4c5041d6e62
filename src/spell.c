/* Hunspell behind a verdict cache: the only file that includes hunspell.h. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hunspell/hunspell.h>
#include "spell_internal.h"
#include "util/util.h"
#include "wirealign/spell.h"

/* Hunspell refuses longer words anyway (MAXWORDUTF8LEN). */
#define MAX_WORD 100

/* Cache entry bits (the map's value, as an integer). */
enum {
    C_SPELL_DONE = 1,
    C_SPELL_OK = 2,
    C_MORPH_DONE = 4,
    C_MORPH_SHIFT = 3
};

/* One dictionary known to a share: its form filter, built once. */
typedef struct share_dict {
    char *dic;
    sp_forms *forms;
    int built;
} share_dict;

#define SHARE_DICTS 8

struct wa_spell_share {
    pthread_mutex_t mu;
    /* dictionary id (one byte) + word -> C_* bits, as in a speller's cache */
    wa_map *verdicts;
    /* dictionary id + word -> close word (malloc'd), or &close_none */
    wa_map *close;
    share_dict dicts[SHARE_DICTS];
    size_t ndicts;
};

static char close_none;

struct wa_speller {
    Hunhandle *h;
    const char *lang;
    char *dic_path, *aff_path;
    wa_map *cache;
    iconv_t to_dic;   /* UTF-8 -> dictionary encoding; (iconv_t)-1 if UTF-8 */
    iconv_t from_dic; /* dictionary encoding -> UTF-8 */
    char word[4 * MAX_WORD + 8];
    /* Letter trigrams of the dictionary's stems (bit set over tri_index
     * triples), built on the first wa_spell_close(): a candidate with an
     * unseen trigram is no word, without asking Hunspell. */
    unsigned char *tri;
    int tri_state; /* 0 not built, 1 built, -1 unavailable */
    /* Every form the affix rules can make (spell_forms.c), built with the
     * trigrams or after FORMS_AFTER verdict misses; NULL when unavailable. */
    sp_forms *forms;
    int forms_built;
    int forms_owned; /* built by this speller, not the share's */
    size_t misses;
    int added; /* wa_spell_add() was used: the filter no longer holds */
    wa_spell_share *share; /* NULL, or shared caches (borrowed) */
    char sid;              /* this dictionary's id in the share */
    wa_buf skey;           /* scratch: sid + word */
};

#define FORMS_AFTER 2000

static const char *const fr_names[] = {"fr_FR", "fr", NULL};
static const char *const en_names[] = {"en_US", "en_GB", "en", NULL};

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Checks the .dic's first line: an optional BOM, then a word count. */
static int check_dic(const char *path, wa_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return wa_fail(err, WA_EIO, "%s: %s", path, strerror(errno));
    char line[64];
    size_t got = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[got] = '\0';
    const char *p = line;
    if (got >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    const char *digits = p;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p == digits || (*p != '\n' && *p != '\r' && *p != ' ' && *p != '\t' && *p != '/'))
        return wa_fail(err, WA_EDATA,
                       "%s: not a Hunspell dictionary (the first line must be the word count)",
                       path);
    return 0;
}

/* Checks that the .aff is text and returns its SET encoding in enc
 * ("ISO8859-1" when absent, Hunspell's default). */
static int check_aff(const char *path, char *enc, size_t encsz, wa_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return wa_fail(err, WA_EIO, "%s: %s", path, strerror(errno));
    static const size_t cap = 65536;
    char *buf = wa_malloc(cap + 1);
    if (!buf) {
        fclose(f);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    size_t got = fread(buf, 1, cap, f);
    fclose(f);
    buf[got] = '\0';
    int rc = 0;
    snprintf(enc, encsz, "ISO8859-1");
    if (got == 0)
        rc = wa_fail(err, WA_EDATA, "%s: empty affix file", path);
    /* NUL or other control bytes mean it is not a text file. */
    for (size_t i = 0; !rc && i < got; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            rc = wa_fail(err, WA_EDATA, "%s: not a Hunspell affix file (binary data)", path);
    }
    for (char *line = buf; !rc && line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "SET", 3) != 0 || (line[3] != ' ' && line[3] != '\t'))
            continue;
        char *v = line + 4;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t k = strcspn(v, " \t\r\n");
        if (k == 0 || k >= encsz)
            rc = wa_fail(err, WA_EDATA, "%s: malformed SET line", path);
        else {
            memcpy(enc, v, k);
            enc[k] = '\0';
        }
        break;
    }
    free(buf);
    return rc;
}

/* iconv names for Hunspell's encoding names. */
static const char *iconv_name(const char *enc)
{
    if (strncmp(enc, "microsoft-", 10) == 0)
        return enc + 10;
    return enc;
}

static int is_utf8_name(const char *enc)
{
    return strcmp(enc, "UTF-8") == 0 || strcmp(enc, "utf-8") == 0 || strcmp(enc, "UTF8") == 0;
}

/* Finds NAME.dic/.aff in the search list; fills dic and aff. */
static int find_dict(const wa_speller_opts *o, const char *const *names, char *dic,
                     char *aff, size_t sz, wa_error *err)
{
    const char *single[2] = {o->dict_name, NULL};
    if (o->dict_name)
        names = single;
    for (const char *const *d = o->dict_dirs; *d; d++)
        for (const char *const *nm = names; *nm; nm++) {
            if ((size_t)snprintf(dic, sz, "%s/%s.dic", *d, *nm) >= sz)
                continue;
            if (!is_file(dic))
                continue;
            snprintf(aff, sz, "%s/%s.aff", *d, *nm);
            if (!is_file(aff))
                return wa_fail(err, WA_ENOTFOUND, "%s: missing (needed beside %s)", aff, dic);
            return 0;
        }
    char tried[400] = "";
    size_t used = 0;
    for (const char *const *d = o->dict_dirs; *d && used + 4 < sizeof tried; d++) {
        int w = snprintf(tried + used, sizeof tried - used, "%s%s", used ? ", " : "", *d);
        if (w < 0)
            break;
        used += (size_t)w;
        if (used >= sizeof tried)
            used = sizeof tried - 1;
    }
    return wa_fail(err, WA_ENOTFOUND, "no Hunspell dictionary for '%s' (%s.dic) in: %s",
                   o->lang ? o->lang : "fr", names[0], used ? tried : "(no folders)");
}

int wa_spell_share_new(wa_spell_share **out, wa_error *err)
{
    *out = NULL;
    wa_spell_share *sh = wa_calloc(1, sizeof *sh);
    if (!sh || !(sh->verdicts = wa_map_new(1 << 14)) || !(sh->close = wa_map_new(1024))) {
        if (sh) {
            wa_map_free(sh->verdicts);
            free(sh);
        }
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&sh->mu, NULL);
    *out = sh;
    return 0;
}

void wa_spell_share_free(wa_spell_share *sh)
{
    if (!sh)
        return;
    size_t it = 0;
    const char *k;
    size_t kl;
    void **v;
    while (wa_map_next(sh->close, &it, &k, &kl, &v))
        if (*v != &close_none)
            free(*v);
    wa_map_free(sh->close);
    wa_map_free(sh->verdicts);
    for (size_t i = 0; i < sh->ndicts; i++) {
        free(sh->dicts[i].dic);
        sp_forms_free(sh->dicts[i].forms);
    }
    pthread_mutex_destroy(&sh->mu);
    free(sh);
}

/* Gives the speller its dictionary's id in the share (by .dic path).  A
 * share full of dictionaries leaves the speller unshared. */
static int share_register(wa_spell_share *sh, wa_speller *sp)
{
    int rc = 0;
    pthread_mutex_lock(&sh->mu);
    size_t i = 0;
    while (i < sh->ndicts && strcmp(sh->dicts[i].dic, sp->dic_path) != 0)
        i++;
    if (i == sh->ndicts && i < SHARE_DICTS) {
        if (!(sh->dicts[i].dic = wa_strndup(sp->dic_path, strlen(sp->dic_path))))
            rc = WA_ENOMEM;
        else
            sh->ndicts++;
    }
    if (!rc && i < sh->ndicts) {
        sp->share = sh;
        sp->sid = (char)('A' + i);
    }
    pthread_mutex_unlock(&sh->mu);
    return rc;
}

/* The share's key for a word (in sp->skey); NULL when out of memory. */
static const char *share_key(wa_speller *sp, const char *w, size_t n)
{
    sp->skey.len = 0;
    wa_buf_addc(&sp->skey, sp->sid);
    wa_buf_add(&sp->skey, w, n);
    return sp->skey.failed ? NULL : sp->skey.data;
}

/* The shared cache bits of a word (0 when unknown). */
static uintptr_t share_get(wa_speller *sp, const char *w, size_t n)
{
    if (!sp->share || sp->added)
        return 0;
    const char *k = share_key(sp, w, n);
    if (!k)
        return 0;
    pthread_mutex_lock(&sp->share->mu);
    void **v = wa_map_get(sp->share->verdicts, k, n + 1);
    uintptr_t bits = v ? (uintptr_t)*v : 0;
    pthread_mutex_unlock(&sp->share->mu);
    return bits;
}

/* Adds bits to the shared entry of a word. */
static void share_put(wa_speller *sp, const char *w, size_t n, uintptr_t bits)
{
    if (!sp->share || sp->added)
        return;
    const char *k = share_key(sp, w, n);
    if (!k)
        return;
    pthread_mutex_lock(&sp->share->mu);
    void **v = wa_map_put(sp->share->verdicts, k, n + 1, NULL);
    if (v)
        *v = (void *)((uintptr_t)*v | bits);
    pthread_mutex_unlock(&sp->share->mu);
}

/* The form filter of the speller's dictionary: the share's (built once for
 * every speller of that dictionary) or the speller's own. */
static sp_forms *forms_of(wa_speller *sp)
{
    if (sp->forms_built)
        return sp->forms;
    sp->forms_built = 1;
    if (!sp->share) {
        sp->forms = sp_forms_build(sp->aff_path, sp->dic_path);
        sp->forms_owned = 1;
        return sp->forms;
    }
    wa_spell_share *sh = sp->share;
    share_dict *d = &sh->dicts[sp->sid - 'A'];
    pthread_mutex_lock(&sh->mu);
    if (!d->built) {
        d->forms = sp_forms_build(sp->aff_path, sp->dic_path);
        d->built = 1;
    }
    sp->forms = d->forms;
    pthread_mutex_unlock(&sh->mu);
    return sp->forms;
}

int wa_speller_open(wa_speller **out, const wa_speller_opts *opts, wa_error *err)
{
    *out = NULL;
    if (!opts || !opts->dict_dirs)
        return wa_fail(err, WA_EINVAL, "no dictionary folders given");
    const char *lang = opts->lang ? opts->lang : "fr";
    const char *const *names;
    if (strcmp(lang, "fr") == 0)
        names = fr_names;
    else if (strcmp(lang, "en") == 0)
        names = en_names;
    else
        return wa_fail(err, WA_EINVAL, "unknown language '%s' (fr or en)", lang);
    char dic[4096], aff[4096], enc[64];
    int rc = find_dict(opts, names, dic, aff, sizeof dic, err);
    if (rc)
        return rc;
    if ((rc = check_dic(dic, err)) || (rc = check_aff(aff, enc, sizeof enc, err)))
        return rc;
    wa_speller *sp = wa_calloc(1, sizeof *sp);
    if (!sp)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    sp->lang = names == fr_names ? "fr" : "en";
    sp->to_dic = sp->from_dic = (iconv_t)-1;
    if (!is_utf8_name(enc)) {
        sp->to_dic = iconv_open(iconv_name(enc), "UTF-8");
        sp->from_dic = iconv_open("UTF-8", iconv_name(enc));
        if (sp->to_dic == (iconv_t)-1 || sp->from_dic == (iconv_t)-1) {
            wa_speller_free(sp);
            return wa_fail(err, WA_EENCODING, "%s: unknown encoding '%s' in SET", aff, enc);
        }
    }
    sp->dic_path = wa_strndup(dic, strlen(dic));
    sp->aff_path = wa_strndup(aff, strlen(aff));
    sp->cache = wa_map_new(4096);
    if (!sp->dic_path || !sp->aff_path || !sp->cache) {
        wa_speller_free(sp);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    sp->h = Hunspell_create(aff, dic);
    if (!sp->h) {
        wa_speller_free(sp);
        return wa_fail(err, WA_ELIB, "%s: Hunspell could not load it", dic);
    }
    wa_buf_init(&sp->skey);
    if (opts->share && share_register(opts->share, sp) != 0) {
        wa_speller_free(sp);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    *out = sp;
    return 0;
}

void wa_speller_free(wa_speller *sp)
{
    if (!sp)
        return;
    if (sp->h)
        Hunspell_destroy(sp->h);
    if (sp->to_dic != (iconv_t)-1)
        iconv_close(sp->to_dic);
    if (sp->from_dic != (iconv_t)-1)
        iconv_close(sp->from_dic);
    wa_map_free(sp->cache);
    free(sp->dic_path);
    free(sp->aff_path);
    free(sp->tri);
    if (sp->forms_owned)
        sp_forms_free(sp->forms);
    wa_buf_free(&sp->skey);
    free(sp);
}

const char *wa_speller_dic_path(const wa_speller *sp) { return sp->dic_path; }

const char *wa_speller_lang(const wa_speller *sp) { return sp->lang; }

/* Puts the word, NUL-terminated, in the dictionary's encoding into
 * sp->word.  Returns 0, or -1 when it cannot be represented. */
static int to_dic(wa_speller *sp, const char *w, size_t n)
{
    if (n == 0 || n > MAX_WORD)
        return -1;
    if (sp->to_dic == (iconv_t)-1) {
        if (memchr(w, '\0', n))
            return -1;
        memcpy(sp->word, w, n);
        sp->word[n] = '\0';
        return 0;
    }
    char *in = (char *)w, *o = sp->word;
    size_t inleft = n, outleft = sizeof sp->word - 1;
    iconv(sp->to_dic, NULL, NULL, NULL, NULL);
    if (iconv(sp->to_dic, &in, &inleft, &o, &outleft) == (size_t)-1)
        return -1;
    *o = '\0';
    return 0;
}

/* Converts a dictionary-encoded string to a fresh UTF-8 string. */
static char *from_dic(wa_speller *sp, const char *s)
{
    size_t n = strlen(s);
    if (sp->from_dic == (iconv_t)-1)
        return wa_strndup(s, n);
    size_t cap = n * 4 + 1, outleft = cap - 1;
    char *res = wa_malloc(cap), *o = res, *in = (char *)s;
    size_t inleft = n;
    if (!res)
        return NULL;
    iconv(sp->from_dic, NULL, NULL, NULL, NULL);
    if (iconv(sp->from_dic, &in, &inleft, &o, &outleft) == (size_t)-1) {
        free(res);
        return wa_strndup("", 0);
    }
    *o = '\0';
    return res;
}

static void **slot_for(wa_speller *sp, const char *w, size_t n)
{
    return wa_map_put(sp->cache, w, n, NULL);
}

/* Whether the form filter rules the word out: exactly Hunspell's "no" for
 * the words it can judge, at a fraction of the cost of a rejection. */
static int forms_reject(wa_speller *sp, const char *w, size_t n)
{
    if (sp->added || n > MAX_WORD)
        return 0;
    /* Built once the misses show a real workload: a few lookups do not
     * pay for it. */
    if (!sp->forms_built && ++sp->misses < FORMS_AFTER)
        return 0;
    if (!forms_of(sp))
        return 0;
    int32_t cp[MAX_WORD + 2];
    size_t nc = 0;
    for (size_t i = 0; i < n;) {
        int32_t c = wa_utf8_next(w, n, &i);
        if (c <= 0)
            return 0;
        cp[nc++] = c;
    }
    return !sp_forms_maybe(sp->forms, cp, nc);
}

int wa_spell(wa_speller *sp, const char *w, size_t n)
{
    void **v = wa_map_get(sp->cache, w, n);
    uintptr_t bits = v ? (uintptr_t)*v : 0;
    if (bits & C_SPELL_DONE)
        return (bits & C_SPELL_OK) != 0;
    uintptr_t shared = share_get(sp, w, n);
    int ok;
    if (shared & C_SPELL_DONE) {
        ok = (shared & C_SPELL_OK) != 0;
    } else {
        ok = !forms_reject(sp, w, n) && to_dic(sp, w, n) == 0 &&
             Hunspell_spell(sp->h, sp->word) != 0;
        share_put(sp, w, n, C_SPELL_DONE | (ok ? C_SPELL_OK : 0));
    }
    if (!v && !(v = slot_for(sp, w, n)))
        return WA_ENOMEM;
    *v = (void *)((uintptr_t)*v | C_SPELL_DONE | (ok ? C_SPELL_OK : 0));
    return ok;
}

/* A verb form tag of fr_FR's po: field (Grammalecte's tags): finite forms
 * (indicative ipre/iimp/ipsi/ifut, subjunctive spre/simp, conditional
 * cond, imperative impe) or not (infinitive infi, participles ppre/ppas);
 * 0 for any other value. */
static unsigned verb_form(const char *v, size_t n)
{
    static const char *const finite[] = {"ipre", "iimp", "ipsi", "ifut", "spre",
                                         "simp", "cond", "impe", NULL};
    static const char *const nonfinite[] = {"infi", "ppre", "ppas", NULL};
    if (n != 4)
        return 0;
    for (int i = 0; finite[i]; i++)
        if (memcmp(v, finite[i], 4) == 0)
            return WA_MORPH_FINITE;
    for (int i = 0; nonfinite[i]; i++)
        if (memcmp(v, nonfinite[i], 4) == 0)
            return WA_MORPH_NONFINITE | (i > 0 ? WA_MORPH_PARTICIPLE : 0);
    return 0;
}

/* Parses one Hunspell analysis ("st:x po:nom is:fem is:sg ...") into bits.
 * Gender and number attach to the reading's part of speech. */
static unsigned parse_morph(const char *a)
{
    unsigned bits = WA_MORPH_KNOWN, pos = 0;
    int mas = 0, fem = 0;
    for (const char *p = a; (p = strstr(p, ":")) != NULL; p++) {
        if (p < a + 2)
            continue;
        const char *tag = p - 2, *val = p + 1;
        size_t vl = strcspn(val, " \t");
        if (strncmp(tag, "po", 2) == 0) {
            unsigned form = verb_form(val, vl);
            if (form)
                bits |= form;
            else if (vl >= 1 && val[0] >= '1' && val[0] <= '3') {
                /* the person of a verb form: 1sg, 3pl, 1isg... */
                if (vl == 3 && memcmp(val, "2pl", 3) == 0)
                    bits |= WA_MORPH_SECOND_PLURAL;
                continue;
            }
            else if (vl >= 3 && strncmp(val, "nom", 3) == 0)
                pos |= WA_MORPH_NOUN;
            else if (vl >= 2 && strncmp(val, "v", 1) == 0 && val[1] >= '0' && val[1] <= '9') {
                pos |= WA_MORPH_VERB;
                /* "v1_it_q_zz": i intransitive, t direct object, n indirect... */
                if (vl >= 5 && val[2] == '_' && val[4] == 't')
                    pos |= WA_MORPH_TRANSITIVE;
            }
            else if (vl >= 3 && strncmp(val, "adj", 3) == 0)
                pos |= WA_MORPH_ADJ;
            else if (vl >= 3 && strncmp(val, "adv", 3) == 0)
                pos |= WA_MORPH_ADV;
            else
                pos |= WA_MORPH_OTHER;
        } else if (strncmp(tag, "is", 2) == 0) {
            if (vl == 3 && strncmp(val, "mas", 3) == 0)
                mas = 1;
            else if (vl == 3 && strncmp(val, "fem", 3) == 0)
                fem = 1;
            else if (vl == 3 && strncmp(val, "epi", 3) == 0)
                mas = fem = 1;
            else if (vl == 2 && strncmp(val, "pl", 2) == 0)
                bits |= WA_MORPH_PLURAL;
            else if (vl == 2 && strncmp(val, "sg", 2) == 0)
                bits |= WA_MORPH_SINGULAR;
            else if (vl == 3 && strncmp(val, "inv", 3) == 0)
                bits |= WA_MORPH_PLURAL | WA_MORPH_SINGULAR;
        }
    }
    bits |= pos;
    if (pos & WA_MORPH_NOUN) {
        if (mas)
            bits |= WA_MORPH_NOUN_MAS;
        if (fem)
            bits |= WA_MORPH_NOUN_FEM;
    }
    if (pos & WA_MORPH_ADJ) {
        if (mas)
            bits |= WA_MORPH_ADJ_MAS;
        if (fem)
            bits |= WA_MORPH_ADJ_FEM;
    }
    return bits;
}

unsigned wa_spell_morph(wa_speller *sp, const char *w, size_t n)
{
    void **v = wa_map_get(sp->cache, w, n);
    uintptr_t bits = v ? (uintptr_t)*v : 0;
    if (bits & C_MORPH_DONE)
        return (unsigned)(bits >> C_MORPH_SHIFT);
    unsigned m = 0;
    uintptr_t shared = share_get(sp, w, n);
    if (shared & C_MORPH_DONE) {
        m = (unsigned)(shared >> C_MORPH_SHIFT);
    } else {
        if (to_dic(sp, w, n) == 0) {
            char **list = NULL;
            int k = Hunspell_analyze(sp->h, &list, sp->word);
            for (int i = 0; i < k; i++)
                m |= parse_morph(list[i]);
            if (list)
                Hunspell_free_list(sp->h, &list, k);
        }
        share_put(sp, w, n, C_MORPH_DONE | ((uintptr_t)m << C_MORPH_SHIFT));
    }
    if (!v && !(v = slot_for(sp, w, n)))
        return 0;
    *v = (void *)((uintptr_t)*v | C_MORPH_DONE | ((uintptr_t)m << C_MORPH_SHIFT));
    return m;
}

int wa_spell_common_word(void *ctx, const char *w, size_t n)
{
    wa_speller *sp = ctx;
    if (wa_spell(sp, w, n) != 1)
        return 0;
    /* Most words cannot end as a second-person plural form does: they
     * need no analysis (the filter, once built, knows the endings) */
    if (!sp->added && sp->forms_built && !sp_forms_second_plural_maybe(sp->forms, w, n))
        return 1;
    unsigned m = wa_spell_morph(sp, w, n);
    const unsigned other = WA_MORPH_NOUN | WA_MORPH_ADJ | WA_MORPH_ADV | WA_MORPH_OTHER;
    return (m & WA_MORPH_VERB) && (m & WA_MORPH_SECOND_PLURAL) && !(m & other) ? 2 : 1;
}

int wa_spell_suggest(wa_speller *sp, const char *w, size_t n, char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (to_dic(sp, w, n) != 0)
        return 0;
    char **list = NULL;
    int k = Hunspell_suggest(sp->h, &list, sp->word);
    if (k <= 0) {
        if (list)
            Hunspell_free_list(sp->h, &list, k < 0 ? 0 : k);
        return 0;
    }
    char **res = wa_calloc((size_t)k, sizeof *res);
    int rc = 0;
    if (!res)
        rc = WA_ENOMEM;
    for (int i = 0; !rc && i < k; i++)
        if (!(res[i] = from_dic(sp, list[i])))
            rc = WA_ENOMEM;
    Hunspell_free_list(sp->h, &list, k);
    if (rc) {
        wa_spell_list_free(res, res ? (size_t)k : 0);
        return rc;
    }
    *out = res;
    *count = (size_t)k;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Close words: bounded candidate generation instead of Hunspell_suggest,
 * which takes tens of milliseconds per word (its n-gram pass). */

/* The dictionary's verdict on a close-word candidate whose trigrams pass
 * (tri_edit_ok): the form filter, then Hunspell, without the cache
 * (candidates are mostly non-words that would only bloat it). */
static int known_raw(wa_speller *sp, const int32_t *cp, size_t n)
{
    if (!sp_forms_maybe(sp->forms, cp, n))
        return 0;
    char buf[4 * MAX_WORD + 8];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (len + 4 >= sizeof buf)
            return 0;
        len += (size_t)wa_utf8_encode(cp[i], buf + len);
    }
    return to_dic(sp, buf, len) == 0 && Hunspell_spell(sp->h, sp->word) != 0;
}

/* A letter's class for trigrams: 0 the word boundary, 1-26 a-z (either
 * case), 27-58 Latin-1 letters folded to lower case, 59 oe, 60 apostrophe
 * or hyphen, 61 anything else. */
static int tri_index(int32_t c)
{
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a' + 1);
    if (c >= 'A' && c <= 'Z')
        return (int)(c - 'A' + 1);
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        c += 0x20;
    if (c >= 0xE0 && c <= 0xFF)
        return (int)(c - 0xE0 + 27);
    if (c == 0x153 || c == 0x152)
        return 59;
    if (c == '\'' || c == '-' || c == 0x2019)
        return 60;
    return 61;
}

#define TRI(a, b, c) (((size_t)(a) << 12) | ((size_t)(b) << 6) | (size_t)(c))

static void tri_word(unsigned char *bits, const char *s, size_t n)
{
    int a = 0, b = 0;
    for (size_t i = 0; i <= n;) {
        int c = 0;
        if (i < n) {
            int32_t cp = wa_utf8_next(s, n, &i);
            c = cp > 0 ? tri_index(cp) : 61;
        } else {
            i++;
        }
        size_t k = TRI(a, b, c);
        bits[k >> 3] |= (unsigned char)(1u << (k & 7));
        a = b;
        b = c;
    }
}

/* Reads the stems of the .dic (the text before '/' or white space). */
static void tri_build(wa_speller *sp)
{
    sp->tri_state = -1;
    char *text = NULL;
    size_t len;
    if (wa_read_file(sp->dic_path, &text, &len, NULL) != 0)
        return;
    unsigned char *bits = wa_calloc(1, (size_t)1 << 15);
    if (!bits) {
        free(text);
        return;
    }
    int first = 1;
    for (size_t a = 0; a < len;) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        size_t e = a;
        while (e < b && text[e] != '/' && text[e] != '\t' && text[e] != ' ' && text[e] != '\r')
            e++;
        if (!first && e > a) {
            char *u = NULL;
            if (sp->from_dic == (iconv_t)-1) {
                tri_word(bits, text + a, e - a);
            } else {
                char save = text[e];
                text[e] = '\0';
                u = from_dic(sp, text + a);
                text[e] = save;
                if (u)
                    tri_word(bits, u, strlen(u));
                free(u);
            }
        }
        first = 0;
        a = b + 1;
    }
    free(text);
    sp->tri = bits;
    sp->tri_state = 1;
    forms_of(sp);
}

/* A word's trigram verdicts, for its close-word candidates: pre[k]
 * when every trigram ending before letter k passes, suf[k] when every one
 * ending at k or after does (the last ends at n, on the word's end).  A
 * candidate keeps the word's letters before the edit and, shifted, after
 * it, so only the trigrams that touch the edit need a look-up (the letters
 * from p to e, and two more). */
typedef struct tri_frame {
    unsigned char pre[MAX_WORD + 3], suf[MAX_WORD + 3];
    int off; /* no trigram table: everything passes */
} tri_frame;

static int tri_at(const wa_speller *sp, const int32_t *cp, size_t n, size_t j)
{
    int a = j >= 2 ? tri_index(cp[j - 2]) : 0, b = j >= 1 ? tri_index(cp[j - 1]) : 0,
        c = j < n ? tri_index(cp[j]) : 0;
    size_t k = TRI(a, b, c);
    return (sp->tri[k >> 3] >> (k & 7)) & 1;
}

static void tri_frame_make(const wa_speller *sp, const int32_t *cp, size_t n, tri_frame *fr)
{
    fr->off = sp->tri_state != 1;
    fr->pre[0] = 1;
    for (size_t j = 0; j <= n; j++)
        fr->pre[j + 1] = fr->pre[j] && (fr->off || tri_at(sp, cp, n, j));
    fr->suf[n + 1] = 1;
    for (size_t j = n + 1; j-- > 0;)
        fr->suf[j] = fr->suf[j + 1] && (fr->off || tri_at(sp, cp, n, j));
}

/* Whether every trigram of candidate t (m letters) is in the table, t
 * made from the frame's word by an edit at p: t[j] is the word's letter j
 * before p, and letter j + shift from e on. */
static int tri_edit_ok(const wa_speller *sp, const tri_frame *fr, const int32_t *t, size_t m,
                       size_t p, size_t e, long shift)
{
    if (!fr->pre[p])
        return 0;
    if (e + 2 <= m && !fr->suf[(size_t)((long)e + 2 + shift)])
        return 0;
    if (fr->off)
        return 1;
    for (size_t j = p; j < e + 2 && j <= m; j++)
        if (!tri_at(sp, t, m, j))
            return 0;
    return 1;
}

/* Up to two distinct words found at one level. */
typedef struct found2 {
    int32_t w[2][MAX_WORD + 2];
    size_t n[2];
    int count;
} found2;

static void found_add(found2 *f, const int32_t *cp, size_t n)
{
    for (int i = 0; i < f->count; i++)
        if (f->n[i] == n && memcmp(f->w[i], cp, n * sizeof *cp) == 0)
            return;
    if (f->count < 2) {
        memcpy(f->w[f->count], cp, n * sizeof *cp);
        f->n[f->count] = n;
    }
    f->count++;
}

static const int32_t *accent_class(int32_t c)
{
    static const int32_t a[] = {'a', 0xE0, 0xE2, 0xE4, 0}, e[] = {'e', 0xE9, 0xE8, 0xEA, 0xEB, 0},
                         i[] = {'i', 0xEE, 0xEF, 0}, o[] = {'o', 0xF4, 0xF6, 0},
                         u[] = {'u', 0xF9, 0xFB, 0xFC, 0}, c_[] = {'c', 0xE7, 0};
    static const int32_t *const all[] = {a, e, i, o, u, c_, NULL};
    for (int k = 0; all[k]; k++)
        for (int j = 0; all[k][j]; j++)
            if (all[k][j] == c)
                return all[k];
    return NULL;
}

/* Words differing in the accents of exactly `changes` (1 or 2) letters
 * (fr: the trigrams of the word cp as it was given). */
static void accent_level(wa_speller *sp, const tri_frame *fr, int32_t *cp, size_t n, int changes,
                         found2 *f)
{
    for (size_t p = 0; p < n && f->count < 2 && fr->pre[p]; p++) {
        const int32_t *cls = accent_class(cp[p]);
        if (!cls)
            continue;
        int32_t keep = cp[p];
        for (int j = 0; cls[j] && f->count < 2; j++) {
            if (cls[j] == keep)
                continue;
            cp[p] = cls[j];
            if (changes == 1) {
                if (tri_edit_ok(sp, fr, cp, n, p, p + 1, 0) && known_raw(sp, cp, n))
                    found_add(f, cp, n);
                continue;
            }
            for (size_t q = p + 1; q < n && f->count < 2; q++) {
                const int32_t *c2 = accent_class(cp[q]);
                if (!c2)
                    continue;
                int32_t keep2 = cp[q];
                for (int k = 0; c2[k] && f->count < 2; k++) {
                    if (c2[k] == keep2)
                        continue;
                    cp[q] = c2[k];
                    if (tri_edit_ok(sp, fr, cp, n, p, q + 1, 0) && known_raw(sp, cp, n))
                        found_add(f, cp, n);
                }
                cp[q] = keep2;
            }
        }
        cp[p] = keep;
    }
}

/* The letters tried by substitution and insertion: a-z and the accented
 * letters of French, so that "dfaut" finds both "faut" and "défaut" and is
 * left without a suggestion rather than given the wrong one. */
static const int32_t edit_letters[] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k',
                                       'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v',
                                       'w', 'x', 'y', 'z', 0xE9, 0xE8, 0xEA, 0xE0, 0xE2, 0xE7,
                                       0xF4, 0xEE, 0xFB, 0xF9, 0xEF, 0xEB, 0};

/* Words one edit away.  A position whose letters before fail the
 * trigrams ends each kind of edit: every later candidate keeps them. */
static void edit_level(wa_speller *sp, const tri_frame *fr, const int32_t *cp, size_t n,
                       found2 *f)
{
    int32_t t[MAX_WORD + 2];
    for (size_t p = 0; p < n && f->count < 2 && fr->pre[p]; p++) { /* deletion */
        memcpy(t, cp, p * sizeof *t);
        memcpy(t + p, cp + p + 1, (n - p - 1) * sizeof *t);
        if (tri_edit_ok(sp, fr, t, n - 1, p, p, 1) && known_raw(sp, t, n - 1))
            found_add(f, t, n - 1);
    }
    memcpy(t, cp, n * sizeof *t);
    for (size_t p = 0; p + 1 < n && f->count < 2 && fr->pre[p]; p++) { /* transposition */
        if (t[p] == t[p + 1])
            continue;
        int32_t x = t[p];
        t[p] = t[p + 1];
        t[p + 1] = x;
        if (tri_edit_ok(sp, fr, t, n, p, p + 2, 0) && known_raw(sp, t, n))
            found_add(f, t, n);
        t[p + 1] = t[p];
        t[p] = x;
    }
    for (size_t p = 0; p < n && f->count < 2 && fr->pre[p]; p++) { /* substitution */
        int32_t keep = t[p];
        for (const int32_t *l = edit_letters; *l && f->count < 2; l++) {
            if (*l == keep)
                continue;
            t[p] = *l;
            if (tri_edit_ok(sp, fr, t, n, p, p + 1, 0) && known_raw(sp, t, n))
                found_add(f, t, n);
        }
        t[p] = keep;
    }
    for (size_t p = 0; p <= n && f->count < 2 && n + 1 <= MAX_WORD && fr->pre[p]; p++) {
        memcpy(t, cp, p * sizeof *t); /* insertion */
        memcpy(t + p + 1, cp + p, (n - p) * sizeof *t);
        for (const int32_t *l = edit_letters; *l && f->count < 2; l++) {
            t[p] = *l;
            if (tri_edit_ok(sp, fr, t, n + 1, p, p + 1, -1) && known_raw(sp, t, n + 1))
                found_add(f, t, n + 1);
        }
    }
}

/* The close word of a word without hyphens, as code points; 1 when found
 * (in *out, *nout), 0 when none, or WA_ENOMEM. */
static int close_plain(wa_speller *sp, int32_t *cp, size_t nc, int32_t *out, size_t *nout)
{
    if (nc < 2)
        return 0;
    if (sp->tri_state == 0)
        tri_build(sp);
    found2 *f = wa_calloc(1, sizeof *f);
    if (!f)
        return WA_ENOMEM;
    tri_frame fr;
    tri_frame_make(sp, cp, nc, &fr);
    accent_level(sp, &fr, cp, nc, 1, f);
    if (f->count == 0)
        accent_level(sp, &fr, cp, nc, 2, f);
    if (f->count == 0 && nc >= 5)
        edit_level(sp, &fr, cp, nc, f);
    int rc = 0;
    if (f->count == 1) {
        memcpy(out, f->w[0], f->n[0] * sizeof *out);
        *nout = f->n[0];
        rc = 1;
    }
    free(f);
    return rc;
}

/* Letters a French or English word can hold (the filter's alphabet). */
static int word_letter(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) || c == 0x152 || c == 0x153 ||
           c == '\'' || c == 0x2019;
}

static int close_search(wa_speller *sp, const char *w, size_t n, char **out);

int wa_spell_close(wa_speller *sp, const char *w, size_t n, char **out)
{
    *out = NULL;
    if (!sp->share || sp->added)
        return close_search(sp, w, n, out);
    const char *k = share_key(sp, w, n);
    if (!k)
        return WA_ENOMEM;
    wa_spell_share *sh = sp->share;
    pthread_mutex_lock(&sh->mu);
    void **v = wa_map_get(sh->close, k, n + 1);
    int rc = 0;
    if (v && *v != &close_none && !(*out = wa_strndup(*v, strlen(*v))))
        rc = WA_ENOMEM;
    pthread_mutex_unlock(&sh->mu);
    if (v || rc)
        return rc;
    if ((rc = close_search(sp, w, n, out)))
        return rc;
    char *keep = *out ? wa_strndup(*out, strlen(*out)) : NULL;
    if (*out && !keep)
        return 0; /* not shared: no harm */
    if (!(k = share_key(sp, w, n))) {
        free(keep);
        return 0;
    }
    pthread_mutex_lock(&sh->mu);
    int created;
    v = wa_map_put(sh->close, k, n + 1, &created);
    if (v && created)
        *v = keep ? (void *)keep : (void *)&close_none;
    else
        free(keep);
    pthread_mutex_unlock(&sh->mu);
    return 0;
}

static int close_search(wa_speller *sp, const char *w, size_t n, char **out)
{
    *out = NULL;
    int32_t cp[MAX_WORD + 2], res[MAX_WORD + 2];
    size_t nc = 0, nres = 0;
    /* Parts between hyphens: [part[k], part[k + 1] - 1). */
    size_t part[MAX_WORD + 2], nparts = 0;
    part[nparts++] = 0;
    for (size_t i = 0; i < n;) {
        if (nc >= MAX_WORD)
            return 0;
        int32_t c = wa_utf8_next(w, n, &i);
        if (c == '-') {
            part[nparts++] = nc + 1;
        } else if (!word_letter(c)) {
            /* Other scripts, digits, signs: no French or English misspelling. */
            return 0;
        }
        cp[nc++] = c;
    }
    part[nparts] = nc + 1;
    int rc;
    if (nparts == 1) {
        rc = close_plain(sp, cp, nc, res, &nres);
    } else {
        /* A compound: one edit fixes one part.  Search the one part the
         * dictionary rejects, then check the whole. */
        size_t bad = nparts, pos = 0;
        for (size_t k = 0; k < nparts; k++) {
            size_t a = part[k], b = part[k + 1] - 1;
            char buf[4 * MAX_WORD + 8];
            size_t len = 0;
            for (size_t i = a; i < b; i++)
                len += wa_utf8_encode(cp[i], buf + len);
            if (b > a && wa_spell(sp, buf, len) == 1)
                continue;
            if (bad < nparts || b == a)
                return 0;
            bad = k;
        }
        if (bad == nparts)
            return 0;
        int32_t fix[MAX_WORD + 2];
        size_t nfix = 0, a = part[bad], b = part[bad + 1] - 1;
        rc = close_plain(sp, cp + a, b - a, fix, &nfix);
        if (rc == 1) {
            if (nc - (b - a) + nfix > MAX_WORD)
                return 0;
            memcpy(res, cp, a * sizeof *res);
            pos = a;
            memcpy(res + pos, fix, nfix * sizeof *res);
            pos += nfix;
            memcpy(res + pos, cp + b, (nc - b) * sizeof *res);
            nres = pos + nc - b;
            char buf[4 * MAX_WORD + 8];
            size_t len = 0;
            for (size_t i = 0; i < nres; i++)
                len += wa_utf8_encode(res[i], buf + len);
            if (to_dic(sp, buf, len) != 0 || Hunspell_spell(sp->h, sp->word) == 0)
                rc = 0;
        }
    }
    if (rc != 1)
        return rc;
    char buf[4 * MAX_WORD + 8];
    size_t len = 0;
    for (size_t i = 0; i < nres; i++)
        len += wa_utf8_encode(res[i], buf + len);
    if (!(*out = wa_strndup(buf, len)))
        return WA_ENOMEM;
    return 0;
}

void wa_spell_list_free(char **list, size_t count)
{
    if (!list)
        return;
    for (size_t i = 0; i < count; i++)
        free(list[i]);
    free(list);
}

int wa_spell_add(wa_speller *sp, const char *w, size_t n)
{
    if (to_dic(sp, w, n) != 0)
        return 0;
    Hunspell_add(sp->h, sp->word);
    sp->added = 1;
    /* Forget cached verdicts: the word (and its capitalized forms) changed. */
    void **v = wa_map_get(sp->cache, w, n);
    if (v)
        *v = (void *)((uintptr_t)*v & ~(uintptr_t)(C_SPELL_DONE | C_SPELL_OK));
    if (n > 0 && (unsigned char)w[0] < 0x80 && w[0] >= 'a' && w[0] <= 'z') {
        char cap[MAX_WORD + 1];
        memcpy(cap, w, n);
        cap[0] = (char)(w[0] - 'a' + 'A');
        if ((v = wa_map_get(sp->cache, cap, n)))
            *v = (void *)((uintptr_t)*v & ~(uintptr_t)(C_SPELL_DONE | C_SPELL_OK));
    }
    return 0;
}
