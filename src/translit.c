/* Name keys (ICU transliterators plus wirealign's rule files), token-aware
 * name matching with vetoes, and curated aliases. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include "translit_internal.h"

/* Surname similarity below which two names differ, and first-name
 * similarity below which two first names are different names.  Fixed: the
 * decision never depends on the input. */
#define SURNAME_MIN 0.85
#define GIVEN_MIN 0.82
/* Score a name in no alias entry needs to join an entry by a variant. */
#define ALIAS_FUZZY_MIN 0.92

/* Script transliterators, opened on first use. */
enum {
    SC_RUSSIAN, SC_UKRAINIAN, SC_SERBIAN, SC_BELARUSIAN, SC_AZERI, SC_ARMENIAN,
    SC_GEORGIAN, SC_GREEK, SC_HEBREW, SC_ARABIC, SC_PERSIAN, SC_HAN, SC_OTHER,
    SC_COUNT
};

static const char *const script_ids[SC_COUNT] = {
    "Russian-Latin/BGN; Any-Latin",
    "uk-uk_Latn/BGN; Any-Latin",
    "Serbian-Latin/BGN; Any-Latin",
    "Belarusian-Latin/BGN; Any-Latin",
    "az_Cyrl-az/BGN; Any-Latin",
    "Armenian-Latin/BGN; Any-Latin",
    "Georgian-Latin/BGN; Any-Latin",
    "Greek-Latin/BGN; Any-Latin",
    "Hebrew-Latin/BGN; Any-Latin",
    "Arabic-Latin/BGN; Any-Latin",
    "Persian-Latin/BGN; Any-Latin",
    "Han-Latin/Names; Any-Latin",
    "Any-Latin",
};

typedef struct alias_var {
    char *form;
    char lang[4];
    wa_pname p;
} alias_var;

typedef struct alias_ent {
    char *id;
    alias_var *v;
    size_t n, cap;
} alias_ent;

struct wa_translit {
    UTransliterator *prefold;
    int ascii_plain; /* prefold.txt folds ASCII as ascii_fold does */
    UTransliterator *phonetic;
    UTransliterator *script[SC_COUNT];
    wa_map *cache;    /* raw token -> wa_tokinfo* */
    wa_map *titles;   /* folded word -> (void*)1 */
    wa_map *particles;
    wa_map *markers;  /* folded word -> canonical marker (char*) */
    wa_map *surfirst; /* folded family names written first */
    alias_ent *alias;
    size_t nalias, alias_cap;
    wa_map *alias_ids;  /* id -> index + 1 */
    wa_map *alias_keys; /* concatenated key -> index + 1 */
    size_t alias_conflicts;
    int loading_default;
    /* scratch UTF-16 buffers */
    UChar *u16;
    int32_t u16cap;
};

/* ------------------------------------------------------------------ */
/* ICU plumbing */

static int ensure_u16(wa_translit *t, int32_t need)
{
    if (need <= t->u16cap)
        return 0;
    int32_t cap = t->u16cap ? t->u16cap : 256;
    while (cap < need)
        cap *= 2;
    UChar *p = realloc(t->u16, (size_t)cap * sizeof *p);
    if (!p)
        return -1;
    t->u16 = p;
    t->u16cap = cap;
    return 0;
}

/* Runs tr over t->u16[0..*len) in place, growing the buffer as needed. */
static int run_trans(wa_translit *t, UTransliterator *tr, int32_t *len,
                     wa_error *err)
{
    for (int attempt = 0; attempt < 4; attempt++) {
        int32_t cap = *len * 8 + 64;
        if (ensure_u16(t, cap * 2))
            return wa_fail(err, WA_ENOMEM, "out of memory");
        /* Keep the input after the working area so a retry can restart. */
        UChar *save = t->u16 + cap;
        memcpy(save, t->u16, (size_t)*len * sizeof(UChar));
        UErrorCode st = U_ZERO_ERROR;
        int32_t textlen = *len, limit = *len;
        utrans_transUChars(tr, t->u16, &textlen, cap, 0, &limit, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            memcpy(t->u16, save, (size_t)*len * sizeof(UChar));
            if (ensure_u16(t, cap * 8))
                return wa_fail(err, WA_ENOMEM, "out of memory");
            continue;
        }
        if (U_FAILURE(st))
            return wa_fail(err, WA_ELIB, "ICU transliteration failed: %s",
                           u_errorName(st));
        *len = textlen;
        return 0;
    }
    return wa_fail(err, WA_ELIB, "ICU transliteration output too long");
}

static int pick_script(const UChar *s, int32_t n)
{
    int found = -1;
    UErrorCode st = U_ZERO_ERROR;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        UScriptCode sc = uscript_getScript(c, &st);
        if (U_FAILURE(st) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED ||
            sc == USCRIPT_LATIN)
            continue;
        switch (sc) {
        case USCRIPT_CYRILLIC:
            if (found < 0)
                found = SC_RUSSIAN;
            /* Letters that only one Cyrillic language has decide. */
            if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491 || c == 0x406 ||
                c == 0x407 || c == 0x404 || c == 0x490)
                found = SC_UKRAINIAN;
            else if (c == 0x452 || c == 0x45B || c == 0x45F || c == 0x459 || c == 0x45A ||
                     c == 0x458 || c == 0x453 || c == 0x45C || c == 0x455)
                found = SC_SERBIAN;
            else if (c == 0x45E || c == 0x40E)
                found = SC_BELARUSIAN;
            else if (c == 0x4D9 || c == 0x4D8 || c == 0x493 || c == 0x4B9 || c == 0x4BB ||
                     c == 0x49D)
                found = SC_AZERI;
            break;
        case USCRIPT_ARMENIAN: return SC_ARMENIAN;
        case USCRIPT_GEORGIAN: return SC_GEORGIAN;
        case USCRIPT_GREEK: return SC_GREEK;
        case USCRIPT_HEBREW: return SC_HEBREW;
        case USCRIPT_ARABIC:
            /* Persian letters: pe, che, zhe, gaf, Farsi yeh, keheh. */
            if (c == 0x67E || c == 0x686 || c == 0x698 || c == 0x6AF || c == 0x6CC ||
                c == 0x6A9)
                return SC_PERSIAN;
            if (found < 0)
                found = SC_ARABIC;
            break;
        case USCRIPT_HAN: return SC_HAN;
        default:
            if (found < 0)
                found = SC_OTHER;
            break;
        }
    }
    return found;
}

static int script_trans(wa_translit *t, int sc, UTransliterator **out,
                        wa_error *err)
{
    if (!t->script[sc]) {
        UErrorCode st = U_ZERO_ERROR;
        UChar id[128];
        u_uastrncpy(id, script_ids[sc], 127);
        id[127] = 0;
        t->script[sc] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st) && sc != SC_OTHER) {
            /* An ICU without this BGN table: the general one will do. */
            int rc = script_trans(t, SC_OTHER, out, err);
            return rc;
        }
        if (U_FAILURE(st))
            return wa_fail(err, WA_ELIB, "ICU transliterator '%s': %s",
                           script_ids[sc], u_errorName(st));
    }
    *out = t->script[sc];
    return 0;
}

static int open_rules(const char *dir, const char *name, UTransliterator **out,
                      wa_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/translit/%s", dir, name);
    char *text = NULL;
    size_t len = 0;
    int rc = wa_read_text_file(path, &text, &len, err);
    if (rc)
        return rc;
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &st);
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u) {
        free(text);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &st);
    free(text);
    if (U_FAILURE(st)) {
        free(u);
        return wa_fail(err, WA_EDATA, "%s: not valid UTF-8", path);
    }
    UParseError pe;
    memset(&pe, 0, sizeof pe);
    UChar id[32];
    u_uastrcpy(id, "wirealign-rules");
    *out = utrans_openU(id, -1, UTRANS_FORWARD, u, ulen, &pe, &st);
    if (U_FAILURE(st)) {
        char ctx[64] = "";
        u_austrncpy(ctx, pe.preContext, sizeof ctx - 1);
        /* pe.offset is a character offset; report the line it falls on. */
        int line = 1;
        for (int32_t i = 0; i < ulen && i < pe.offset; i++)
            if (u[i] == '\n')
                line++;
        free(u);
        return wa_fail(err, WA_EDATA, "%s:%d: bad rule (%s) near '%s'", path, line,
                       u_errorName(st), ctx);
    }
    free(u);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Word lists */

static int fold_word(wa_translit *t, const char *s, size_t n, wa_buf *out,
                     wa_error *err);

/* Reads a list file: one entry per line, '#' comments; "WORD<TAB>VALUE"
 * stores VALUE (copied) for maps that want one. */
static int load_list(wa_translit *t, const char *dir, const char *name,
                     wa_map *m, int with_value, wa_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/names/%s", dir, name);
    char *text = NULL;
    size_t len = 0;
    int rc = wa_read_text_file(path, &text, &len, err);
    if (rc)
        return rc;
    wa_buf f;
    wa_buf_init(&f);
    int lineno = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *tab = strchr(line, '\t');
        char *value = NULL;
        if (tab) {
            *tab = '\0';
            value = tab + 1;
            value[strcspn(value, "\r \t")] = '\0';
        }
        size_t wl = strlen(line);
        while (wl && (line[wl - 1] == ' ' || line[wl - 1] == '\r'))
            wl--;
        if (wl) {
            if (with_value && (!value || !*value)) {
                rc = wa_fail(err, WA_EDATA, "%s:%d: expected WORD<TAB>VALUE", path,
                             lineno);
                break;
            }
            f.len = 0;
            if ((rc = fold_word(t, line, wl, &f, err)))
                break;
            if (f.len) {
                void **slot = wa_map_put(m, f.data, f.len, NULL);
                char *v = with_value ? wa_strndup(value, strlen(value)) : NULL;
                if (!slot || (with_value && !v)) {
                    free(v);
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
                if (with_value) {
                    free(*slot);
                    *slot = v;
                } else {
                    *slot = (void *)1;
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    wa_buf_free(&f);
    free(text);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Token keys */

/* The fold of an ASCII token into u (*len characters): what prefold.txt
 * makes of ASCII (its replacements and Latin-ASCII leave ASCII as it is,
 * Lower lower-cases, and whatever is not a-z then goes), so that most
 * tokens need no ICU transliteration.  0 for a token that is not all
 * ASCII. */
static int ascii_fold(const char *s, size_t n, UChar *u, int32_t *len)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    int32_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        if (c >= 'a' && c <= 'z')
            u[k++] = (UChar)c;
    }
    *len = k;
    return 1;
}

/* The letters prefold_plain tries in pairs, and its longest probe. */
static const char probe_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
enum { PROBE_K = sizeof probe_letters - 1, PROBE_MAX = PROBE_K * PROBE_K + 1 };

/* Whether prefold.txt folds probe[0, n) (ASCII, n <= PROBE_MAX) as
 * ascii_fold does; 0 also when out of memory. */
static int prefold_same(wa_translit *t, const char *probe, size_t n)
{
    UChar want[PROBE_MAX];
    int32_t wl = 0, ulen = 0;
    UErrorCode st = U_ZERO_ERROR;
    ascii_fold(probe, n, want, &wl);
    if (ensure_u16(t, (int32_t)n * 2 + 64))
        return 0;
    u_strFromUTF8WithSub(t->u16, t->u16cap, &ulen, probe, (int32_t)n, 0xFFFD, NULL, &st);
    return !U_FAILURE(st) && !run_trans(t, t->prefold, &ulen, NULL) && ulen == wl &&
           memcmp(t->u16, want, (size_t)wl * sizeof *want) == 0;
}

/* Whether prefold.txt folds ASCII as ascii_fold does, tried on every
 * ASCII byte before and after a letter and on every pair of letters: a
 * rule for ASCII added to the file turns the shortcut off, so that the
 * file stays the rule.  0 also when out of memory. */
static int prefold_plain(wa_translit *t)
{
    for (int c = 0; c < 128; c++) {
        const char before[2] = {(char)c, 'q'}, after[2] = {'q', (char)c};
        if (!prefold_same(t, before, 2) || !prefold_same(t, after, 2))
            return 0;
    }
    /* Each pair of letters once (a de Bruijn sequence: each letter,
     * each letter followed by every later one, the first again). */
    char probe[PROBE_MAX];
    size_t n = 0;
    for (int i = 0; i < PROBE_K; i++) {
        probe[n++] = probe_letters[i];
        for (int j = i + 1; j < PROBE_K; j++) {
            probe[n++] = probe_letters[i];
            probe[n++] = probe_letters[j];
        }
    }
    probe[n++] = probe_letters[0];
    return prefold_same(t, probe, n);
}

/* Transliterates one token to folded ASCII (script rules + prefold.txt);
 * leaves the UTF-16 result in t->u16 with *len. */
static int fold_u16(wa_translit *t, const char *s, size_t n, int32_t *len,
                    wa_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    if (ensure_u16(t, (int32_t)n * 2 + 64))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    /* ASCII, most tokens: no script, and prefold.txt's work done in C. */
    if (t->ascii_plain && ascii_fold(s, n, t->u16, len))
        return 0;
    u_strFromUTF8WithSub(t->u16, t->u16cap, &ulen, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return wa_fail(err, WA_ELIB, "UTF-8 conversion failed: %s", u_errorName(st));
    int sc = pick_script(t->u16, ulen);
    if (sc >= 0) {
        UTransliterator *tr;
        int rc = script_trans(t, sc, &tr, err);
        if (rc)
            return rc;
        if ((rc = run_trans(t, tr, &ulen, err)))
            return rc;
    }
    int rc = run_trans(t, t->prefold, &ulen, err);
    if (rc)
        return rc;
    *len = ulen;
    return 0;
}

static void u16_to_ascii(const UChar *u, int32_t n, wa_buf *out)
{
    for (int32_t i = 0; i < n; i++)
        if (u[i] >= 'a' && u[i] <= 'z')
            wa_buf_addc(out, (char)u[i]);
}

static int fold_word(wa_translit *t, const char *s, size_t n, wa_buf *out,
                     wa_error *err)
{
    int32_t len;
    int rc = fold_u16(t, s, n, &len, err);
    if (rc)
        return rc;
    u16_to_ascii(t->u16, len, out);
    return out->failed ? wa_fail(err, WA_ENOMEM, "out of memory") : 0;
}

const wa_tokinfo *wa_tl_token(wa_translit *t, const char *s, size_t n,
                              wa_error *err)
{
    int created = 0;
    void **slot = wa_map_put(t->cache, s, n, &created);
    if (!slot) {
        wa_fail(err, WA_ENOMEM, "out of memory");
        return NULL;
    }
    if (!created && *slot)
        return *slot;
    wa_buf fold, key, alt;
    wa_buf_init(&fold);
    wa_buf_init(&key);
    wa_buf_init(&alt);
    int32_t len;
    wa_tokinfo *ti = NULL;
    if (fold_u16(t, s, n, &len, err))
        goto done;
    u16_to_ascii(t->u16, len, &fold);
    if (run_trans(t, t->phonetic, &len, err))
        goto done;
    u16_to_ascii(t->u16, len, &key);
    /* The German reading: j is y and z is ts (Jelzin, Jazenjuk, Juri). */
    if (fold.len && (memchr(fold.data, 'j', fold.len) || memchr(fold.data, 'z', fold.len))) {
        int32_t al = 0;
        if (ensure_u16(t, (int32_t)fold.len * 2 + 16)) {
            wa_fail(err, WA_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < fold.len; i++) {
            char c = fold.data[i];
            if (c == 'j') {
                t->u16[al++] = 'y';
            } else if (c == 'z' && !(i && fold.data[i - 1] == 't')) {
                t->u16[al++] = 't';
                t->u16[al++] = 's';
            } else {
                t->u16[al++] = (UChar)c;
            }
        }
        if (run_trans(t, t->phonetic, &al, err))
            goto done;
        u16_to_ascii(t->u16, al, &alt);
        if (alt.len == key.len && !memcmp(alt.data, key.data, key.len))
            alt.len = 0;
    }
    if (fold.failed || key.failed || alt.failed || fold.len > 65535 || key.len > 65535 ||
        alt.len > 65535) {
        wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    ti = malloc(sizeof *ti + fold.len + key.len + alt.len + 3);
    if (!ti) {
        wa_fail(err, WA_ENOMEM, "out of memory");
        goto done;
    }
    char *p = (char *)(ti + 1);
    memcpy(p, key.data ? key.data : "", key.len);
    p[key.len] = '\0';
    ti->key = p;
    ti->klen = (unsigned short)key.len;
    p += key.len + 1;
    memcpy(p, fold.data ? fold.data : "", fold.len);
    p[fold.len] = '\0';
    ti->fold = p;
    ti->flen = (unsigned short)fold.len;
    p += fold.len + 1;
    memcpy(p, alt.len ? alt.data : "", alt.len);
    p[alt.len] = '\0';
    ti->alt = alt.len ? p : NULL;
    ti->alen = (unsigned short)alt.len;
    ti->flags = 0;
    ti->marker = NULL;
    if (fold.len) {
        if (wa_map_get(t->titles, fold.data, fold.len))
            ti->flags |= WA_TK_TITLE;
        if (wa_map_get(t->particles, fold.data, fold.len))
            ti->flags |= WA_TK_PARTICLE;
        if (wa_map_get(t->surfirst, fold.data, fold.len))
            ti->flags |= WA_TK_SURFIRST;
        void **mk = wa_map_get(t->markers, fold.data, fold.len);
        /* A marker must be written as one: "II" or "Jr", never a plain
         * lower-case word that happens to fold the same ("fils" aside). */
        if (mk) {
            ti->flags |= WA_TK_MARKER;
            ti->marker = *mk;
        }
    }
    *slot = ti;
done:
    wa_buf_free(&fold);
    wa_buf_free(&key);
    wa_buf_free(&alt);
    return ti;
}

/* ------------------------------------------------------------------ */
/* Parsing names into tokens */

typedef struct rtok {
    size_t s, e;
    int after_comma;
    int joined; /* written right after the previous token with a hyphen */
} rtok;

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}

static int is_token_char(int32_t c)
{
    if (c < 0)
        return 0;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    int8_t ct = u_charType(c);
    return (ct >= U_UPPERCASE_LETTER && ct <= U_OTHER_LETTER) ||
           ct == U_NON_SPACING_MARK || ct == U_COMBINING_SPACING_MARK ||
           ct == U_ENCLOSING_MARK || ct == U_DECIMAL_DIGIT_NUMBER ||
           c == 0x02B9 || c == 0x02BA || c == 0x02BB;
}

/* Splits a name into raw tokens: runs of letters, digits and inner
 * apostrophes.  "d'Estaing" and "l'Ossétie" give a particle token. */
static size_t split_raw(const char *s, size_t n, rtok **out, size_t *cap)
{
    size_t nt = 0, i = 0;
    int comma = 0;
    while (i < n) {
        size_t at = i;
        int32_t c = wa_utf8_next(s, n, &i);
        if (c == ',') {
            comma = 1;
            continue;
        }
        if (!is_token_char(c))
            continue;
        size_t start = at, end = i;
        while (i < n) {
            size_t j = i;
            int32_t d = wa_utf8_next(s, n, &j);
            if (is_token_char(d)) {
                end = i = j;
                continue;
            }
            if (is_apostrophe(d) && j < n) {
                size_t k = j;
                int32_t e = wa_utf8_next(s, n, &k);
                if (is_token_char(e)) {
                    /* Elided article: d'Estaing, l'Ossétie. */
                    if (end - start == 1 && strchr("dDlL", s[start])) {
                        if (wa_grow(&*out, &*cap, nt, sizeof **out, 8))
                            return (size_t)-1;
                        (*out)[nt++] = (rtok){start, end, comma, 0};
                        start = j;
                    }
                    end = i = k;
                    continue;
                }
            }
            break;
        }
        if (wa_grow(&*out, &*cap, nt, sizeof **out, 8))
            return (size_t)-1;
        int joined = 0;
        if (nt && start > 0) {
            size_t p = (*out)[nt - 1].e;
            size_t q = p;
            int32_t h = p < n ? wa_utf8_next(s, n, &q) : -1;
            joined = (h == '-' || h == 0x2010 || h == 0x2011) && q == start;
        }
        (*out)[nt++] = (rtok){start, end, comma, joined};
    }
    return nt;
}

void wa_pname_free(wa_pname *p)
{
    if (!p)
        return;
    free(p->tok);
    memset(p, 0, sizeof *p);
    p->alias = -1;
}

static void concat_keys(const wa_pname *p, wa_buf *b)
{
    for (size_t i = 0; i < p->ntok; i++)
        wa_buf_add(b, p->tok[i].info->key, p->tok[i].info->klen);
}

static int lookup_alias(wa_translit *t, const wa_pname *p)
{
    if (!t->nalias || !p->ntok)
        return -1;
    wa_buf b;
    wa_buf_init(&b);
    concat_keys(p, &b);
    if (p->marker)
        wa_buf_adds(&b, p->marker);
    int idx = -1;
    if (!b.failed && b.len) {
        void **v = wa_map_get(t->alias_keys, b.data, b.len);
        if (v)
            idx = (int)(intptr_t)*v - 1;
    }
    wa_buf_free(&b);
    return idx;
}

int wa_tl_parse(wa_translit *t, const char *s, size_t n, wa_pname *out,
                wa_error *err)
{
    memset(out, 0, sizeof *out);
    out->alias = -1;
    rtok *raw = NULL;
    size_t cap = 0;
    size_t nr = split_raw(s, n, &raw, &cap);
    if (nr == (size_t)-1) {
        free(raw);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    if (nr == 0) {
        free(raw);
        return 0;
    }
    const wa_tokinfo **info = malloc(nr * sizeof *info);
    wa_ptok *tok = malloc(nr * sizeof *tok);
    if (!info || !tok) {
        free(raw);
        free(info);
        free(tok);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < nr; i++) {
        info[i] = wa_tl_token(t, s + raw[i].s, raw[i].e - raw[i].s, err);
        if (!info[i]) {
            free(raw);
            free(info);
            free(tok);
            return err ? err->code : WA_ENOMEM;
        }
    }
    /* "Putin, Vladimir": the part after the comma goes first, unless it is
     * only a marker ("Martin Luther King, Jr."). */
    size_t firstc = nr;
    for (size_t i = 0; i < nr; i++)
        if (raw[i].after_comma) {
            firstc = i;
            break;
        }
    size_t *order = malloc(nr * sizeof *order);
    if (!order) {
        free(raw);
        free(info);
        free(tok);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    int only_markers = 1;
    for (size_t i = firstc; i < nr; i++)
        if (!(info[i]->flags & WA_TK_MARKER))
            only_markers = 0;
    size_t k = 0;
    if (firstc > 0 && firstc < nr && !only_markers) {
        for (size_t i = firstc; i < nr; i++)
            order[k++] = i;
        raw[firstc].joined = 0;
        for (size_t i = 0; i < firstc; i++)
            order[k++] = i;
    } else {
        for (size_t i = 0; i < nr; i++)
            order[k++] = i;
    }
    size_t lo = 0, hi = nr;
    /* Leading titles and particles ("le président", "M.", "al-"). */
    while (hi - lo > 1 && (info[order[lo]]->flags & (WA_TK_TITLE | WA_TK_PARTICLE)))
        lo++;
    /* Trailing generation markers. */
    while (hi - lo > 1 && (info[order[hi - 1]]->flags & WA_TK_MARKER)) {
        out->marker = info[order[hi - 1]]->marker;
        hi--;
    }
    size_t nt = 0;
    for (int pass = 0; pass < 2 && nt == 0; pass++) {
        /* Second pass, for a name of nothing but particles: keep them. */
        size_t prev_kept = (size_t)-1;
        for (size_t j = lo; j < hi; j++) {
            size_t i = order[j];
            if (pass == 0 && (info[i]->flags & WA_TK_PARTICLE))
                out->particles++;
            if ((pass == 0 && (info[i]->flags & WA_TK_PARTICLE)) || info[i]->klen == 0)
                continue;
            tok[nt].info = info[i];
            tok[nt].initial = info[i]->flen == 1;
            tok[nt].joined = raw[i].joined && prev_kept == j - 1;
            prev_kept = j;
            nt++;
        }
    }
    free(order);
    free(raw);
    free(info);
    out->tok = tok;
    out->ntok = nt;
    out->alias = lookup_alias(t, out);
    return 0;
}

void wa_tl_fullkey(const wa_pname *p, wa_buf *b)
{
    for (size_t i = 0; i < p->ntok; i++) {
        if (i)
            wa_buf_addc(b, ' ');
        wa_buf_add(b, p->tok[i].info->key, p->tok[i].info->klen);
    }
    if (p->marker) {
        if (p->ntok)
            wa_buf_addc(b, ' ');
        wa_buf_adds(b, p->marker);
    }
}

/* ------------------------------------------------------------------ */
/* Similarity of keys */

static int isvowel(int c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Cost of writing one key letter for another: the substitutions press
 * romanizations make cost little, the rest costs 1. */
static double sub_cost(int a, int b)
{
    if (a == b)
        return 0;
    if (a > b) {
        int c = a;
        a = b;
        b = c;
    }
    if (isvowel(a) && isvowel(b)) {
        if ((a == 'o' && b == 'u') || (a == 'e' && b == 'i'))
            return 0.3;
        if (a == 'a' && b == 'e')
            return 0.4;
        return 0.5;
    }
    switch (a << 8 | b) {
    case 'g' << 8 | 'k': return 0.4; /* Gaddafi / Kadhafi */
    case 'd' << 8 | 't': return 0.4;
    case 'b' << 8 | 'p': return 0.4;
    case 'f' << 8 | 'v': return 0.4;
    case 'u' << 8 | 'v': return 0.4; /* French ou for English w: Sinouar */
    case 'h' << 8 | 'k': return 0.5;
    case 'g' << 8 | 'h': return 0.5; /* Lougansk / Luhansk */
    case 'h' << 8 | 'x': return 0.5; /* German ch for kh: Michail */
    case 'g' << 8 | 'x': return 0.5; /* French ge/gi: Serge / Serzh */
    case 'm' << 8 | 'n': return 0.6;
    case 'f' << 8 | 'p': return 0.6; /* Josep / Joseph, Ispahan / Isfahan */
    case 'i' << 8 | 'x': return 0.7; /* German j for y: Juri / Yuri */
    case 's' << 8 | 'x': return 0.8;
    case 'l' << 8 | 'r': return 0.8;
    default: return 1.0;
    }
}

static double indel_cost(int c)
{
    if (c == 'h')
        return 0.4;
    if (isvowel(c))
        return 0.6;
    return 1.0;
}

/* Key bytes for the cost tables: a..z, and 26 for any other byte (no
 * cheap substitution involves one). */
enum { KEY_OTHER = 26 };

static int key_class(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : KEY_OTHER;
}

/* sub_cost and indel_cost by key class, filled once: wa_tl_keysim looks
 * them up in its inner loop, run for every cell of every pair of names
 * compared, where the branches of sub_cost cost most of its time.  Equal
 * bytes cost 0 whatever their class; the caller tests that first. */
static double sub_tab[KEY_OTHER + 1][KEY_OTHER + 1], indel_tab[KEY_OTHER + 1];
static pthread_once_t cost_once = PTHREAD_ONCE_INIT;

static void fill_cost_tables(void)
{
    for (int x = 0; x <= KEY_OTHER; x++) {
        indel_tab[x] = indel_cost(x < KEY_OTHER ? 'a' + x : 0);
        for (int y = 0; y <= KEY_OTHER; y++)
            sub_tab[x][y] = x < KEY_OTHER && y < KEY_OTHER ? sub_cost('a' + x, 'a' + y) : 1.0;
    }
}

double wa_tl_keysim(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == bn && memcmp(a, b, an) == 0)
        return 1.0;
    if (!an || !bn)
        return 0.0;
    if (an > 200)
        an = 200;
    if (bn > 200)
        bn = 200;
    pthread_once(&cost_once, fill_cost_tables);
    double row0[201], row1[201], bdel[200];
    unsigned char bcls[200];
    double *prev = row0, *cur = row1;
    prev[0] = 0;
    for (size_t j = 1; j <= bn; j++) {
        bcls[j - 1] = (unsigned char)key_class((unsigned char)b[j - 1]);
        bdel[j - 1] = indel_tab[bcls[j - 1]];
        prev[j] = prev[j - 1] + bdel[j - 1];
    }
    for (size_t i = 1; i <= an; i++) {
        unsigned char ca = (unsigned char)a[i - 1];
        const double *sub = sub_tab[key_class(ca)];
        double adel = indel_tab[key_class(ca)];
        cur[0] = prev[0] + adel;
        for (size_t j = 1; j <= bn; j++) {
            double cost = (unsigned char)b[j - 1] == ca ? 0.0 : sub[bcls[j - 1]];
            double best = prev[j - 1] + cost;
            double del = prev[j] + adel;
            double ins = cur[j - 1] + bdel[j - 1];
            if (del < best)
                best = del;
            if (ins < best)
                best = ins;
            cur[j] = best;
        }
        double *tmp = prev;
        prev = cur;
        cur = tmp;
    }
    double maxlen = (double)(an > bn ? an : bn);
    double sim = 1.0 - prev[bn] / maxlen;
    return sim < 0 ? 0 : sim;
}

static int bytes_eq(const char *a, size_t an, const char *b, size_t bn)
{
    return a && b && an == bn && memcmp(a, b, an) == 0;
}

/* Equal keys, the German reading of either side included. */
static int key_eq(const wa_tokinfo *a, const wa_tokinfo *b)
{
    return bytes_eq(a->key, a->klen, b->key, b->klen) ||
           bytes_eq(a->alt, a->alen, b->key, b->klen) ||
           bytes_eq(a->key, a->klen, b->alt, b->alen);
}

/* One key is the other plus more letters: Niger / Nigeria, Zakharov /
 * Zakharova, George / Georgia. */
static int extends(const wa_tokinfo *a, const wa_tokinfo *b)
{
    const wa_tokinfo *s = a->klen < b->klen ? a : b, *l = a->klen < b->klen ? b : a;
    /* A final e is no extension: pronounced or not depending on the
     * language (Douchanbé / Dushanbe). */
    if (l->klen == s->klen + 1 && l->key[s->klen] == 'e')
        return 0;
    return s->klen >= 2 && s->klen < l->klen && memcmp(s->key, l->key, s->klen) == 0;
}

/* Russian feminine and masculine forms of one surname: Navalnaïa /
 * Navalny, Politkovskaïa / Politkovski (keys "...ai" and "...i"). */
static int gendered(const wa_tokinfo *a, const wa_tokinfo *b)
{
    const wa_tokinfo *f = a->klen > b->klen ? a : b, *m = a->klen > b->klen ? b : a;
    if (f->klen == m->klen + 1 && f->klen >= 4 && f->key[f->klen - 1] == 'i' &&
        f->key[f->klen - 2] == 'a' && m->key[m->klen - 1] == 'i' &&
        memcmp(f->key, m->key, m->klen - 1) == 0)
        return 1;
    /* Greek -os / -ou: Papadopoulos / Papadopoulou. */
    if (f->klen >= 5 && m->klen == f->klen - 1 && f->key[f->klen - 2] == 'o' &&
        f->key[f->klen - 1] == 's' && m->key[m->klen - 1] == 'u' &&
        memcmp(f->key, m->key, m->klen - 1) == 0)
        return 1;
    /* Ukrainian and Polish -ska / -ski: Zelenska / Zelensky. */
    if (a->klen == b->klen && a->klen >= 5 &&
        memcmp(a->key, b->key, a->klen - 1) == 0 && a->key[a->klen - 2] == 'k') {
        char x = a->key[a->klen - 1], y = b->key[b->klen - 1];
        return (x == 'a' && y == 'i') || (x == 'i' && y == 'a');
    }
    return 0;
}

static double tok_sim(const wa_ptok *a, const wa_ptok *b)
{
    const wa_tokinfo *x = a->info, *y = b->info;
    if (key_eq(x, y))
        return 1.0;
    double s = wa_tl_keysim(x->key, x->klen, y->key, y->klen);
    if (x->alt) {
        double t = wa_tl_keysim(x->alt, x->alen, y->key, y->klen);
        if (t > s)
            s = t;
    }
    if (y->alt) {
        double t = wa_tl_keysim(x->key, x->klen, y->alt, y->alen);
        if (t > s)
            s = t;
    }
    return s;
}

/* An initial against a token: the first letter of either spelling. */
static int initial_ok(const wa_ptok *ini, const wa_ptok *full)
{
    char c = ini->info->fold[0];
    char k = ini->info->key[0];
    char fc = full->info->flen ? full->info->fold[0] : 0;
    char fk = full->info->klen ? full->info->key[0] : 0;
    return c == fc || k == fk || c == fk || k == fc;
}

/* Compatibility of two first-name tokens: 0 when they cannot be the same
 * name, else a similarity. */
static double given_compat(const wa_ptok *a, const wa_ptok *b)
{
    if (a->initial && b->initial)
        return initial_ok(a, b) ? 1.0 : 0.0;
    if (a->initial)
        return initial_ok(a, b) ? 0.95 : 0.0;
    if (b->initial)
        return initial_ok(b, a) ? 0.95 : 0.0;
    if (key_eq(a->info, b->info))
        return 1.0;
    /* Alexandr / Alexandra, Ali / Alim: a first name that extends another
     * is another name, except for one letter other than a (Kirill /
     * Kyrylo, the Ukrainian form). */
    if (extends(a->info, b->info)) {
        const wa_tokinfo *l = a->info->klen > b->info->klen ? a->info : b->info;
        size_t ext = (size_t)abs((int)a->info->klen - (int)b->info->klen);
        if (ext > 1 || !isvowel(l->key[l->klen - 1]) || l->key[l->klen - 1] == 'a')
            return 0.0;
    }
    double s = tok_sim(a, b);
    return s >= GIVEN_MIN ? s : 0.0;
}

static int concat_eq(const wa_ptok *a, size_t na, const wa_ptok *b, size_t nb)
{
    size_t i = 0, j = 0, ii = 0, jj = 0;
    if (!na || !nb)
        return 0;
    for (;;) {
        while (i < na && ii >= a[i].info->klen) {
            i++;
            ii = 0;
        }
        while (j < nb && jj >= b[j].info->klen) {
            j++;
            jj = 0;
        }
        if (i == na || j == nb)
            return i == na && j == nb;
        if (a[i].info->key[ii] != b[j].info->key[jj])
            return 0;
        ii++;
        jj++;
    }
}

/* First names of two names with an agreeing surname: returns a factor in
 * (0,1], or 0 when they cannot be one person. */
/* Similarity of the concatenated keys of two token lists. */
static double concat_sim(const wa_ptok *a, size_t na, const wa_ptok *b, size_t nb)
{
    char x[256], y[256];
    size_t xl = 0, yl = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t k = 0; k < a[i].info->klen && xl < sizeof x; k++)
            x[xl++] = a[i].info->key[k];
    for (size_t i = 0; i < nb; i++)
        for (size_t k = 0; k < b[i].info->klen && yl < sizeof y; k++)
            y[yl++] = b[i].info->key[k];
    return wa_tl_keysim(x, xl, y, yl);
}

static double given_score(const wa_ptok *a, size_t na, const wa_ptok *b, size_t nb)
{
    if (!na || !nb)
        return 0.95;
    if (concat_eq(a, na, b, nb))
        return 1.0;
    /* Compound first names written in one or two words: Abdelaziz /
     * Abdul Aziz, Abdel-Fattah / Abdelfattah. */
    int initials = 0;
    for (size_t i = 0; i < na; i++)
        initials |= a[i].initial;
    for (size_t i = 0; i < nb; i++)
        initials |= b[i].initial;
    if ((na > 1 || nb > 1) && !initials) {
        double c = concat_sim(a, na, b, nb);
        if (c >= 0.88)
            return c;
    }
    if (na == nb) {
        double sum = 0;
        for (size_t i = 0; i < na; i++) {
            double c = given_compat(&a[i], &b[i]);
            if (c <= 0)
                return 0.0;
            sum += c;
        }
        return sum / (double)na;
    }
    const wa_ptok *s = na < nb ? a : b, *l = na < nb ? b : a;
    size_t ns = na < nb ? na : nb, nl = na < nb ? nb : na;
    if (ns == 1) {
        /* One first name against several: it is one of them (Tayyip
         * Erdogan, Vladimir Vladimirovitch Poutine). */
        double best = 0;
        for (size_t k = 0; k < nl; k++) {
            /* Not the second half of a compound: Marine is not Jean-Marie. */
            if (l[k].joined)
                continue;
            double c = given_compat(&s[0], &l[k]);
            if (c > best)
                best = c;
        }
        return best > 0 ? best * 0.98 : 0.0;
    }
    /* Several on both sides: the shorter list in order inside the longer;
     * a skipped initial means a different person (George W. Bush /
     * George H. W. Bush). */
    size_t i = 0;
    double sum = 0;
    for (size_t j = 0; j < nl; j++) {
        double c = i < ns ? given_compat(&s[i], &l[j]) : 0.0;
        if (c > 0) {
            sum += c;
            i++;
        } else if (l[j].initial) {
            return 0.0;
        }
    }
    if (i < ns)
        return 0.0;
    return sum / (double)ns * 0.98;
}

/* Two names of two words each, the same words in the other order: a
 * family name written first or last (Orbán Viktor / Viktor Orbán, Ishiba
 * Shigeru / Shigeru Ishiba).  Not across a particle: Hamad bin Khalifa is
 * the son of Khalifa bin Hamad. */
static int same_words_swapped(const wa_pname *a, const wa_pname *b)
{
    if (a->ntok != 2 || b->ntok != 2 || a->particles || b->particles)
        return 0;
    for (size_t i = 0; i < 2; i++)
        if (a->tok[i].initial || b->tok[i].initial)
            return 0;
    if (key_eq(a->tok[0].info, b->tok[0].info) || key_eq(a->tok[1].info, b->tok[1].info))
        return 0; /* one word in place: not a swap */
    return key_eq(a->tok[0].info, b->tok[1].info) && key_eq(a->tok[1].info, b->tok[0].info);
}

static void compare_plain(const wa_pname *a, const wa_pname *b, wa_match *m)
{
    m->same = 0;
    m->score = 0;
    if (!a->ntok || !b->ntok) {
        m->reason = "no letters";
        return;
    }
    if ((a->marker || b->marker) && !(a->marker && b->marker && !strcmp(a->marker, b->marker))) {
        m->reason = "generation markers differ";
        return;
    }
    if (concat_eq(a->tok, a->ntok, b->tok, b->ntok)) {
        m->score = 1.0;
        m->same = 1;
        m->reason = "equal keys";
        return;
    }
    if (same_words_swapped(a, b)) {
        m->score = 0.95;
        m->same = 1;
        m->reason = "the same two names in the other order";
        return;
    }
    const wa_ptok *sa = &a->tok[a->ntok - 1], *sb = &b->tok[b->ntok - 1];
    /* A lone family name against a name that starts with it: Xi / Xi
     * Jinping, Kim / Kim Jong-un. */
    if ((a->ntok == 1) != (b->ntok == 1)) {
        const wa_pname *one = a->ntok == 1 ? a : b, *full = a->ntok == 1 ? b : a;
        if ((full->tok[0].info->flags & WA_TK_SURFIRST) && !one->tok[0].initial &&
            key_eq(one->tok[0].info, full->tok[0].info)) {
            m->score = 0.95;
            m->same = 1;
            m->reason = "family name written first";
            return;
        }
    }
    if (sa->initial || sb->initial) {
        m->reason = "surname is an initial";
        return;
    }
    /* One name is the other plus more names at the end: Abiy Ahmed / Abiy
     * Ahmed Ali, Ashraf Ghani / Ashraf Ghani Ahmadzai, Mohammed bin Salman
     * / Mohammed bin Salman Al Saud.  Two words at least must agree. */
    {
        const wa_pname *s = a->ntok < b->ntok ? a : b, *l = a->ntok < b->ntok ? b : a;
        size_t k = 0;
        while (k < s->ntok && !s->tok[k].initial && key_eq(s->tok[k].info, l->tok[k].info))
            k++;
        if (s->ntok >= 2 && k == s->ntok && s->ntok < l->ntok) {
            m->score = 0.95;
            m->same = 1;
            m->reason = "one name continues the other";
            return;
        }
    }
    double s = tok_sim(sa, sb);
    if (s < 1.0 && (extends(sa->info, sb->info) || gendered(sa->info, sb->info))) {
        m->score = s * 0.5;
        m->reason = "one name extends the other";
        return;
    }
    if (s < SURNAME_MIN) {
        m->score = s;
        m->reason = "surnames differ";
        return;
    }
    double g = given_score(a->tok, a->ntok - 1, b->tok, b->ntok - 1);
    if (g <= 0) {
        m->score = s * 0.5;
        m->reason = "first names differ";
        return;
    }
    m->score = s * (0.9 + 0.1 * g);
    m->same = m->score >= WA_MATCH_THRESHOLD;
    if (!m->same)
        m->reason = "surnames differ";
    else if (a->ntok == 1 || b->ntok == 1)
        m->reason = s == 1.0 ? "equal surname keys, first name on one side"
                             : "close surnames, first name on one side";
    else
        m->reason = s == 1.0 ? "equal surname keys, compatible first names"
                             : "close keys";
}

void wa_tl_compare(wa_translit *t, const wa_pname *a, const wa_pname *b,
                   wa_match *m)
{
    if (a->alias >= 0 && b->alias >= 0) {
        m->same = a->alias == b->alias;
        m->score = m->same ? 1.0 : 0.0;
        m->reason = m->same ? "alias" : "different alias entries";
        return;
    }
    if (a->alias >= 0 || b->alias >= 0) {
        /* The other name must match one of the entry's variants. */
        const wa_pname *al = a->alias >= 0 ? a : b, *o = a->alias >= 0 ? b : a;
        const alias_ent *e = &t->alias[al->alias];
        wa_match best = {0, 0, "no alias variant matches"};
        for (size_t j = 0; j < e->n; j++) {
            wa_match r;
            /* Whole names only: "Corée" is not "République de Corée". */
            if (e->v[j].p.ntok != o->ntok)
                continue;
            /* Georgiana extends Georgia: another name, whatever the
             * other variants look like. */
            const wa_tokinfo *x = e->v[j].p.tok[o->ntok - 1].info, *y = o->tok[o->ntok - 1].info;
            if (!key_eq(x, y) && (extends(x, y) || gendered(x, y))) {
                m->same = 0;
                m->score = 0.5 * wa_tl_keysim(x->key, x->klen, y->key, y->klen);
                m->reason = "extends an alias variant";
                return;
            }
            compare_plain(&e->v[j].p, o, &r);
            if (r.score > best.score || (r.same && !best.same))
                best = r;
        }
        /* The entry lists the names it knows: a name it does not list must
         * be very close to one of them. */
        if (best.same && best.score < ALIAS_FUZZY_MIN)
            best.same = 0;
        best.reason = best.same ? "matches an alias variant" : "no alias variant matches";
        *m = best;
        return;
    }
    compare_plain(a, b, m);
}

int wa_tl_conflict(wa_translit *t, const wa_pname *a, const wa_pname *b)
{
    (void)t;
    if (a->alias >= 0 && b->alias >= 0)
        return a->alias != b->alias;
    if ((a->marker || b->marker) && !(a->marker && b->marker && !strcmp(a->marker, b->marker)))
        return 1;
    if (!a->ntok || !b->ntok)
        return 0;
    if (concat_eq(a->tok, a->ntok, b->tok, b->ntok))
        return 0;
    const wa_ptok *sa = &a->tok[a->ntok - 1], *sb = &b->tok[b->ntok - 1];
    if (!key_eq(sa->info, sb->info) &&
        (extends(sa->info, sb->info) || gendered(sa->info, sb->info)))
        return 1;
    if (tok_sim(sa, sb) < SURNAME_MIN)
        return 0; /* different surnames: no opinion on first names */
    return given_score(a->tok, a->ntok - 1, b->tok, b->ntok - 1) <= 0;
}

/* ------------------------------------------------------------------ */
/* Aliases */

static int add_alias_form(wa_translit *t, size_t ent, const char *form, size_t n,
                          const char *lang, const char *path, int lineno,
                          wa_error *err)
{
    alias_ent *e = &t->alias[ent];
    if (wa_grow(&e->v, &e->cap, e->n, sizeof *e->v, 4))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    alias_var *v = &e->v[e->n];
    memset(v, 0, sizeof *v);
    v->form = wa_strndup(form, n);
    if (!v->form)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    snprintf(v->lang, sizeof v->lang, "%s", lang);
    int rc = wa_tl_parse(t, form, n, &v->p, err);
    if (rc) {
        free(v->form);
        return rc;
    }
    if (!v->p.ntok) {
        free(v->form);
        wa_pname_free(&v->p);
        return wa_fail(err, WA_EDATA, "%s:%d: alias '%.*s' has no letters", path, lineno,
                       (int)n, form);
    }
    wa_buf b;
    wa_buf_init(&b);
    concat_keys(&v->p, &b);
    if (v->p.marker)
        wa_buf_adds(&b, v->p.marker);
    int created;
    void **slot = b.failed ? NULL : wa_map_put(t->alias_keys, b.data, b.len, &created);
    wa_buf_free(&b);
    if (!slot) {
        free(v->form);
        wa_pname_free(&v->p);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    if (!created && (size_t)(intptr_t)*slot - 1 != ent && t->loading_default)
        t->alias_conflicts++;
    *slot = (void *)(intptr_t)(ent + 1);
    v->p.alias = (int)ent;
    e->n++;
    return 0;
}

static int load_aliases(wa_translit *t, const char *path, wa_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = wa_read_text_file(path, &text, &len, err);
    if (rc)
        return rc;
    if (wa_utf8_valid_prefix(text, len) != len) {
        free(text);
        return wa_fail(err, WA_EDATA, "%s: not valid UTF-8", path);
    }
    int lineno = 0;
    for (char *line = text; line && *line && !rc;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        char *p = line;
        while (*p == ' ')
            p++;
        if (*p && *p != '#') {
            char *tab = strchr(p, '\t');
            if (!tab || tab == p) {
                rc = wa_fail(err, WA_EDATA, "%s:%d: expected ID<TAB>NAME[<TAB>NAME...]",
                             path, lineno);
                break;
            }
            size_t idlen = (size_t)(tab - p);
            int created;
            void **slot = wa_map_put(t->alias_ids, p, idlen, &created);
            if (!slot) {
                rc = wa_fail(err, WA_ENOMEM, "out of memory");
                break;
            }
            if (created) {
                if (wa_grow(&t->alias, &t->alias_cap, t->nalias, sizeof *t->alias, 64)) {
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
                alias_ent *e = &t->alias[t->nalias];
                memset(e, 0, sizeof *e);
                e->id = wa_strndup(p, idlen);
                if (!e->id) {
                    rc = wa_fail(err, WA_ENOMEM, "out of memory");
                    break;
                }
                *slot = (void *)(intptr_t)(++t->nalias);
            }
            size_t ent = (size_t)(intptr_t)*slot - 1;
            char *f = tab + 1;
            while (f && !rc) {
                char *next = strchr(f, '\t');
                size_t fl = next ? (size_t)(next - f) : strlen(f);
                while (fl && f[fl - 1] == ' ')
                    fl--;
                while (fl && *f == ' ') {
                    f++;
                    fl--;
                }
                char lang[4] = "";
                if (fl > 3 && f[2] == ':' && f[0] >= 'a' && f[0] <= 'z' && f[1] >= 'a' &&
                    f[1] <= 'z') {
                    lang[0] = f[0];
                    lang[1] = f[1];
                    f += 3;
                    fl -= 3;
                }
                if (fl)
                    rc = add_alias_form(t, ent, f, fl, lang, path, lineno, err);
                f = next ? next + 1 : NULL;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return rc;
}

size_t wa_tl_alias_count(const wa_translit *t) { return t->nalias; }
const char *wa_tl_alias_id(const wa_translit *t, size_t i) { return t->alias[i].id; }
size_t wa_tl_alias_variants(const wa_translit *t, size_t i) { return t->alias[i].n; }
size_t wa_tl_alias_conflicts(const wa_translit *t) { return t->alias_conflicts; }

const char *wa_tl_alias_variant(const wa_translit *t, size_t i, size_t j,
                                const char **lang)
{
    if (lang)
        *lang = t->alias[i].v[j].lang;
    return t->alias[i].v[j].form;
}

const char *wa_tl_alias_lang(wa_translit *t, const char *s, size_t n)
{
    wa_pname p;
    if (wa_tl_parse(t, s, n, &p, NULL))
        return "";
    const char *lang = "";
    if (p.alias >= 0) {
        const alias_ent *e = &t->alias[p.alias];
        for (size_t j = 0; j < e->n; j++)
            if (strlen(e->v[j].form) == n && memcmp(e->v[j].form, s, n) == 0) {
                lang = e->v[j].lang;
                break;
            }
    }
    wa_pname_free(&p);
    return lang;
}

/* ------------------------------------------------------------------ */
/* Public API */

int wa_translit_open(wa_translit **out, const wa_translit_opts *opts, wa_error *err)
{
    *out = NULL;
    if (!opts || !opts->data_dir)
        return wa_fail(err, WA_EINVAL, "translit: no data directory given");
    wa_translit *t = calloc(1, sizeof *t);
    if (!t)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    int rc = WA_ENOMEM;
    t->cache = wa_map_new(1024);
    t->titles = wa_map_new(128);
    t->particles = wa_map_new(64);
    t->markers = wa_map_new(32);
    t->surfirst = wa_map_new(256);
    t->alias_ids = wa_map_new(256);
    t->alias_keys = wa_map_new(2048);
    if (!t->cache || !t->titles || !t->particles || !t->markers || !t->surfirst ||
        !t->alias_ids || !t->alias_keys) {
        wa_fail(err, WA_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = open_rules(opts->data_dir, "prefold.txt", &t->prefold, err)) ||
        (rc = open_rules(opts->data_dir, "phonetic.txt", &t->phonetic, err)))
        goto fail;
    t->ascii_plain = prefold_plain(t);
    if ((rc = load_list(t, opts->data_dir, "titles.txt", t->titles, 0, err)) ||
        (rc = load_list(t, opts->data_dir, "particles.txt", t->particles, 0, err)) ||
        (rc = load_list(t, opts->data_dir, "markers.txt", t->markers, 1, err)) ||
        (rc = load_list(t, opts->data_dir, "surname-first.txt", t->surfirst, 0, err)))
        goto fail;
    if (!opts->no_default_aliases) {
        char path[4096];
        snprintf(path, sizeof path, "%s/aliases.tsv", opts->data_dir);
        t->loading_default = 1;
        rc = load_aliases(t, path, err);
        t->loading_default = 0;
        if (rc)
            goto fail;
    }
    for (size_t i = 0; opts->alias_files && opts->alias_files[i]; i++)
        if ((rc = load_aliases(t, opts->alias_files[i], err)))
            goto fail;
    *out = t;
    return 0;
fail:
    wa_translit_free(t);
    return rc;
}

static void free_map_values(wa_map *m)
{
    if (!m)
        return;
    size_t it = 0;
    const char *k;
    size_t kl;
    void **v;
    while (wa_map_next(m, &it, &k, &kl, &v))
        free(*v);
    wa_map_free(m);
}

void wa_translit_free(wa_translit *t)
{
    if (!t)
        return;
    if (t->prefold)
        utrans_close(t->prefold);
    if (t->phonetic)
        utrans_close(t->phonetic);
    for (int i = 0; i < SC_COUNT; i++)
        if (t->script[i])
            utrans_close(t->script[i]);
    for (size_t i = 0; i < t->nalias; i++) {
        for (size_t j = 0; j < t->alias[i].n; j++) {
            free(t->alias[i].v[j].form);
            wa_pname_free(&t->alias[i].v[j].p);
        }
        free(t->alias[i].v);
        free(t->alias[i].id);
    }
    free(t->alias);
    free_map_values(t->cache);
    wa_map_free(t->titles);
    wa_map_free(t->particles);
    wa_map_free(t->surfirst);
    free_map_values(t->markers);
    wa_map_free(t->alias_ids);
    wa_map_free(t->alias_keys);
    free(t->u16);
    free(t);
}

int wa_translit_key(wa_translit *t, const char *name, size_t len, char **out,
                    wa_error *err)
{
    *out = NULL;
    wa_pname p;
    int rc = wa_tl_parse(t, name, len, &p, err);
    if (rc)
        return rc;
    wa_buf b;
    wa_buf_init(&b);
    wa_tl_fullkey(&p, &b);
    wa_pname_free(&p);
    if (b.failed) {
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    *out = wa_buf_steal(&b, NULL);
    return *out ? 0 : wa_fail(err, WA_ENOMEM, "out of memory");
}

int wa_translit_match(wa_translit *t, const char *a, size_t alen, const char *b,
                      size_t blen, wa_match *out, wa_error *err)
{
    wa_pname pa, pb;
    int rc = wa_tl_parse(t, a, alen, &pa, err);
    if (rc)
        return rc;
    if ((rc = wa_tl_parse(t, b, blen, &pb, err))) {
        wa_pname_free(&pa);
        return rc;
    }
    wa_tl_compare(t, &pa, &pb, out);
    wa_pname_free(&pa);
    wa_pname_free(&pb);
    return 0;
}

const char *wa_translit_alias(wa_translit *t, const char *name, size_t len)
{
    wa_pname p;
    if (wa_tl_parse(t, name, len, &p, NULL))
        return NULL;
    const char *id = p.alias >= 0 ? t->alias[p.alias].id : NULL;
    wa_pname_free(&p);
    return id;
}

const char *wa_translit_alias_usual(wa_translit *t, const char *name, size_t len,
                                    const char *lang, const char **tag)
{
    if (tag)
        *tag = "";
    wa_pname p;
    if (wa_tl_parse(t, name, len, &p, NULL))
        return NULL;
    const char *form = NULL;
    if (p.alias >= 0) {
        const alias_ent *e = &t->alias[p.alias];
        wa_buf a, b;
        wa_buf_init(&a);
        wa_buf_init(&b);
        wa_tl_fullkey(&p, &a);
        for (size_t j = 0; j < e->n; j++) {
            if (lang && !form && strcmp(e->v[j].lang, lang) == 0)
                form = e->v[j].form;
            /* The tag of a variant the name is; when several are (Ukraine
             * is both en: and fr:), the one of `lang` wins. */
            if (tag && e->v[j].lang[0] && (!**tag || (lang && strcmp(*tag, lang) != 0))) {
                b.len = 0;
                wa_tl_fullkey(&e->v[j].p, &b);
                if (!a.failed && !b.failed && a.len == b.len && memcmp(a.data, b.data, a.len) == 0)
                    *tag = e->v[j].lang;
            }
        }
        wa_buf_free(&a);
        wa_buf_free(&b);
    }
    wa_pname_free(&p);
    return form;
}

size_t wa_translit_cached(const wa_translit *t) { return wa_map_count(t->cache); }
