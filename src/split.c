/* Sentence splitting for wire text: candidate boundaries from ICU's sentence
 * BreakIterator and from wirealign's own scan, each decided by context rules. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "split_internal.h"
#include "util/util.h"
#include "wirealign/split.h"

/* Kinds of list entries (the files in dictionaries/abbrev/). */
enum { AB_TITLE = 1, AB_ABBR = 2, AB_NUM = 3, AB_FINAL = 4, AB_LIST = 5 };
enum {
    W_START = 1, W_JOIN = 2, W_LABEL = 4, W_LINE = 8, W_SAY = 16, W_PRENAME = 32, W_ORDINAL = 64,
    W_WHEN = 128, W_CLOCK = 256
};

/* How the punctuation before a candidate boundary behaves. */
enum {
    C_PLAIN,    /* a period after an ordinary word or number */
    C_QUEST,    /* ? or ! */
    C_ELLIPSIS, /* ... or U+2026 */
    C_TITLE,    /* an abbreviation that never ends a sentence (M., Dr.) */
    C_ABBR,     /* an abbreviation that may end one (a.m., U.S.) */
    C_FINAL,    /* an abbreviation that often ends one (etc., Inc., Fla.) */
    C_LISTEND,  /* an abbreviation closing an enumeration (etc., usw.) */
    C_NUM,      /* an abbreviation before a number only (art. 5) */
    C_INITIAL,  /* a capital initial (J., J.-P., G.) */
    C_LISTMARK, /* "1." or "II." opening a line */
    C_NUMBER    /* a period after a number: "1. le retrait, 2. ..." */
};

/* What follows a candidate boundary. */
enum {
    NX_END, NX_LOWER, NX_UPPER, NX_DIGIT, NX_OTHER, NX_TERM, NX_PUNCT,
    NX_OPEN_UPPER, NX_OPEN_LOWER, NX_DASH_UPPER, NX_DASH_LOWER, NX_SYMBOL
};

typedef struct next_info {
    int kind;
    int nl;          /* line feeds between the boundary and the token */
    int list;        /* the token opens a list item at a line start */
    int start;       /* a sentence opener (Le, The): 1, elided (L') 2, before a capital 3,
                        an adverb by its ending before a comma (Concrètement,) 4 */
    int mixed;       /* a lowercase-initial word with a capital in it (eBay) */
    int initial;     /* a capital letter followed by '.' */
    int upper_lower; /* a capital followed by a lowercase letter */
    int paren;       /* the token is opened by ( or [ */
    int then_lower;  /* a capitalized word followed by a lowercase word */
    int then_say;    /* a verb of saying among the next four words */
    int ordinal;     /* a word that makes "N." before it an ordinal (Oktober) */
    int when;        /* a day, month or time zone (Monday, EST): goes on a time */
    int detailed;    /* start, then_lower, then_say, ordinal and when are set
                        (upper_details(): only the rules that read them pay
                        for their look-ups) */
    size_t pos;      /* first byte of the token */
} next_info;

/* A matched bracket or quotation: [a, b] are the byte offsets of the opening
 * and of the closing character. */
typedef struct region {
    size_t a, b;
} region;

typedef struct open_mark {
    size_t pos;
    int kind;
} open_mark;

enum { K_PAREN, K_SQUARE, K_CURLY, K_GUIL, K_DQ, K_LOW9, K_STRAIGHT, K_N };

/* Brackets longer than this do not suppress boundaries inside them (an
 * unbalanced "(" matched far away must not swallow a paragraph). */
#define PAREN_MAX 600
#define QUOTE_MAX 2000
#define ENCL_MAX 1000
/* UTF-8 bytes handed to ICU at a time. */
#define ICU_CHUNK 32768
/* Slots of a list's hint (see hint_of()). */
#define HINT_BITS 12

/* For each slot, the flags of the list's entries of ASCII and U+00C0..U+00FF
 * (1 for an abbreviation) whose lower-cased form hashes there (hint_slot();
 * a word with other characters is always looked up): a word whose slot lacks
 * a flag has no case variant in the list with it, and most words before a
 * period or at a line start are in no list, so most look-ups end here,
 * without the map's cache misses. */
typedef struct hint {
    uint16_t v[1 << HINT_BITS];
} hint;

struct wa_splitter {
    char lang[16];
    wa_map *abbr;  /* "M." -> AB_* */
    wa_map *words; /* "Le" -> W_* flags */
    hint abbr_hint, words_hint;
    char endings[16][8]; /* `ending` entries: -ment, -ally */
    size_t nendings;
    UBreakIterator *bi;
    UChar *u16;
    size_t u16cap;
    size_t *foreign; /* ICU boundaries after punctuation the rules leave to ICU */
    size_t nforeign, capforeign;
    region *supp; /* regions inside which boundaries are suppressed */
    size_t nsupp, capsupp;
    region *encl; /* regions a line break inside is not a boundary */
    size_t nencl, capencl;
    open_mark *stk;
    size_t nstk, capstk;
    int icu_always; /* run ICU even where it cannot change the result */
    size_t *icu_at; /* where the text holds a character ICU may break after */
    size_t nicu_at, capicu_at;
    size_t *brk;
    size_t nbrk, capbrk;
};

/* State of one wa_split call. */
typedef struct ctx {
    wa_splitter *sp;
    const char *s;
    size_t len;
    size_t wrap_w;     /* wrap width in characters when hard-wrapped, else 0 */
    size_t ks, ke;     /* sweep positions in supp and encl */
    size_t ls;         /* start of the current line */
    size_t line_first; /* first non-space byte of the current line */
    size_t dl_at;      /* where dateline_at() last looked (SIZE_MAX: nowhere) */
    size_t dl_end;     /* and what it found */
    size_t term_b;     /* boundary position of the last punctuation candidate */
} ctx;

/* ---------------------------------------------------------------- chars */

/* The code point at i and, in *next (may be NULL), the offset after it; -1
 * at len, U+FFFD for an invalid sequence.  ASCII inline, the rest in
 * dec_multi(). */
static int32_t dec_multi(const char *s, size_t len, size_t i, size_t *next)
{
    if (i >= len) {
        if (next)
            *next = len;
        return -1;
    }
    size_t j = i;
    int32_t cp = wa_utf8_next_multi(s, len, &j);
    if (next)
        *next = j;
    return cp < 0 ? 0xFFFD : cp;
}

static inline int32_t dec(const char *s, size_t len, size_t i, size_t *next)
{
    if (i < len && (unsigned char)s[i] < 0x80) {
        if (next)
            *next = i + 1;
        return (unsigned char)s[i];
    }
    return dec_multi(s, len, i, next);
}

/* The code point ending at i (exclusive) and not before lo; -1 at lo.
 * ASCII inline, the rest in dec_back_multi(). */
static int32_t dec_back_multi(const char *s, size_t lo, size_t i, size_t *start)
{
    if (i <= lo) {
        *start = lo;
        return -1;
    }
    size_t j = i - 1;
    int k = 0;
    while (j > lo && k < 3 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
        k++;
    }
    size_t e = j;
    int32_t cp = wa_utf8_next(s, i, &e);
    if (cp < 0 || e != i) {
        *start = i - 1;
        return 0xFFFD;
    }
    *start = j;
    return cp;
}

static inline int32_t dec_back(const char *s, size_t lo, size_t i, size_t *start)
{
    if (i > lo && (unsigned char)s[i - 1] < 0x80) {
        *start = i - 1;
        return (unsigned char)s[i - 1];
    }
    return dec_back_multi(s, lo, i, start);
}

int wa_split_is_space(int32_t c)
{
    if (c < 0)
        return 0;
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return u_isUWhiteSpace(c);
}

static inline int is_hspace(int32_t c) { return c != '\n' && wa_split_is_space(c); }

static inline int is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return u_isUUppercase(c) || u_istitle(c);
}

static inline int is_lower(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return u_isULowercase(c);
}

static inline int is_letter(int32_t c)
{
    if (c < 0)
        return 0;
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return u_isUAlphabetic(c);
}

static inline int is_digit(int32_t c)
{
    if (c < 0)
        return 0;
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return u_isdigit(c);
}

static inline int is_alnum(int32_t c) { return is_letter(c) || is_digit(c); }

static inline int is_term(int32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

/* Closing brackets and quotes (straight quotes are decided by context). */
static inline int is_closer(int32_t c)
{
    return c == 0xBB || c == 0x201D || c == 0x2019 || c == ')' || c == ']' || c == '}' ||
           c == 0x203A || c == 0x300D || c == 0x300F;
}

static inline int is_opener(int32_t c)
{
    return c == 0xAB || c == 0x201C || c == 0x201E || c == 0x2018 || c == '(' || c == '[' ||
           c == '{' || c == 0x2039 || c == 0xBF || c == 0xA1;
}

static inline int is_apos(int32_t c) { return c == '\'' || c == 0x2019; }

static inline int is_dash(int32_t c)
{
    return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015 ||
           c == 0x2212;
}

static inline int is_bullet(int32_t c)
{
    return c == 0x2022 || c == 0xB7 || c == 0x2023 || c == 0x25AA || c == 0x25CF ||
           c == 0x25A0 || c == 0x25BA || c == 0x25E6 || c == '*' || c == 0x2043 ||
           c == 0x25B8 || c == 0x2219 || c == 0x25B6 || c == 0x2192 || c == 0x27A2;
}

static inline int is_vowel(int32_t c)
{
    if (c >= 0x80)
        return 1; /* accented letters: count as vowels (conservative) */
    c |= 32;
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* ---------------------------------------------------------------- lists */

static int set_flag(wa_map *m, const char *k, size_t n, intptr_t v, int or_flags)
{
    void **slot = wa_map_put(m, k, n, NULL);
    if (!slot)
        return WA_ENOMEM;
    intptr_t old = (intptr_t)*slot;
    *slot = (void *)(or_flags ? (old | v) : v);
    return 0;
}

static intptr_t map_val(const wa_map *m, const char *k, size_t n)
{
    void **slot = wa_map_get(m, k, n);
    return slot ? (intptr_t)*slot : 0;
}

/* Case variants of a short UTF-8 string: mode 0 lowercases the first code
 * point, 1 lowercases all, 2 keeps the first and lowercases the rest.
 * Returns the length written to out (at most cap), or 0 when too long.
 * ASCII is copied byte by byte (what u_tolower and wa_utf8_encode give). */
static size_t case_variant(const char *w, size_t n, int mode, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        if (o + 4 > cap)
            return 0;
        int lower = mode == 1 || (mode == 0) == (i == 0);
        unsigned char b = (unsigned char)w[i];
        if (b < 0x80) {
            out[o++] = (char)(lower && b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
        } else {
            int32_t c = dec(w, n, i, &i);
            o += wa_utf8_encode(lower ? u_tolower(c) : c, out + o);
        }
    }
    return o;
}

static int all_caps(const char *w, size_t n)
{
    size_t i = 0;
    int up = 0;
    while (i < n) {
        int32_t c = dec(w, n, i, &i);
        if (is_lower(c))
            return 0;
        if (is_upper(c))
            up++;
    }
    return up >= 2;
}

/* Looks a word up with the case variants the list format documents: as
 * written, with a lowercase first letter, and, for an all-capitals word, in
 * lowercase and capitalized. */
static intptr_t lookup(const wa_map *m, const char *w, size_t n)
{
    char buf[128];
    intptr_t v = map_val(m, w, n);
    if (v || n == 0 || n > 96)
        return v;
    size_t k;
    int32_t c0 = dec(w, n, 0, NULL);
    if (is_upper(c0) && (k = case_variant(w, n, 0, buf, sizeof buf)) && (v = map_val(m, buf, k)))
        return v;
    if (all_caps(w, n)) {
        if ((k = case_variant(w, n, 1, buf, sizeof buf)) && (v = map_val(m, buf, k)))
            return v;
        if ((k = case_variant(w, n, 2, buf, sizeof buf)) && (v = map_val(m, buf, k)))
            return v;
    }
    return 0;
}

/* The hint slot of the word [w, w + n): its lower-cased form's, which the
 * case variants lookup() tries share with it when it is made of ASCII and
 * U+00C0..U+00FF (u_tolower keeps those there, at the same length:
 * U+00C0..U+00DE but U+00D7 gain 0x20); -1 for a word with other
 * characters or a long one. */
static int hint_slot(const char *w, size_t n)
{
    unsigned char buf[64];
    if (n > sizeof buf)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)w[i];
        if (b < 0x80) {
            buf[i] = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            continue;
        }
        unsigned char b2 = i + 1 < n ? (unsigned char)w[i + 1] : 0;
        if (b != 0xC3 || (b2 & 0xC0) != 0x80)
            return -1;
        buf[i] = b;
        buf[++i] = (unsigned char)(b2 <= 0x9E && b2 != 0x97 ? b2 + 0x20 : b2);
    }
    return (int)(wa_map_hash((const char *)buf, n) >> (64 - HINT_BITS));
}

/* The flags a case variant of the word may have in the list (all of them
 * when the hint cannot tell). */
static unsigned hint_of(const hint *h, const char *w, size_t n)
{
    int k = hint_slot(w, n);
    return k < 0 ? ~0u : h->v[k];
}

static void hint_add(hint *h, const char *w, size_t n, unsigned flags)
{
    int k = hint_slot(w, n);
    if (k >= 0)
        h->v[k] |= (uint16_t)flags;
}

/* The flags among `want` of the word [w, w + n) in the words list. */
static intptr_t word_flags(const wa_splitter *sp, const char *w, size_t n, unsigned want)
{
    if (!(hint_of(&sp->words_hint, w, n) & want))
        return 0;
    return lookup(sp->words, w, n) & (intptr_t)want;
}

static intptr_t lookup_abbr(const wa_splitter *sp, const char *w, size_t n, char term)
{
    char buf[128];
    if (n == 0 || n + 1 > sizeof buf)
        return 0;
    memcpy(buf, w, n);
    buf[n] = term;
    if (!hint_of(&sp->abbr_hint, buf, n + 1))
        return 0;
    return lookup(sp->abbr, buf, n + 1);
}

static int load_list(wa_splitter *sp, const char *path, wa_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return wa_fail(err, WA_ENOTFOUND, "%s: cannot open the sentence-splitter list", path);
    wa_buf b;
    wa_buf_init(&b);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        wa_buf_add(&b, chunk, got);
    int rd = ferror(f);
    fclose(f);
    if (rd) {
        wa_buf_free(&b);
        return wa_fail(err, WA_EIO, "%s: read error", path);
    }
    if (b.failed) {
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    int rc = 0;
    size_t lineno = 0, i = 0;
    while (i < b.len && rc == 0) {
        size_t e = i;
        while (e < b.len && b.data[e] != '\n')
            e++;
        lineno++;
        const char *p = b.data + i, *end = b.data + e;
        i = e + 1;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
            end--;
        if (p == end || *p == '#')
            continue;
        const char *we = p;
        while (we < end && *we != ' ' && *we != '\t')
            we++;
        const char *kp = we;
        while (kp < end && (*kp == ' ' || *kp == '\t'))
            kp++;
        size_t wn = (size_t)(we - p), kn = (size_t)(end - kp);
        char last = p[wn - 1];
        int ab = 0, wf = 0;
        if (kn == 5 && memcmp(kp, "title", 5) == 0) ab = AB_TITLE;
        else if (kn == 4 && memcmp(kp, "abbr", 4) == 0) ab = AB_ABBR;
        else if (kn == 5 && memcmp(kp, "final", 5) == 0) ab = AB_FINAL;
        else if (kn == 4 && memcmp(kp, "list", 4) == 0) ab = AB_LIST;
        else if (kn == 3 && memcmp(kp, "num", 3) == 0) ab = AB_NUM;
        else if (kn == 5 && memcmp(kp, "start", 5) == 0) wf = W_START;
        else if (kn == 4 && memcmp(kp, "join", 4) == 0) wf = W_JOIN;
        else if (kn == 5 && memcmp(kp, "label", 5) == 0) wf = W_LABEL;
        else if (kn == 4 && memcmp(kp, "line", 4) == 0) wf = W_LINE;
        else if (kn == 3 && memcmp(kp, "say", 3) == 0) wf = W_SAY;
        else if (kn == 7 && memcmp(kp, "prename", 7) == 0) wf = W_PRENAME;
        else if (kn == 7 && memcmp(kp, "ordinal", 7) == 0) wf = W_ORDINAL;
        else if (kn == 4 && memcmp(kp, "when", 4) == 0) wf = W_WHEN;
        else if (kn == 5 && memcmp(kp, "clock", 5) == 0) wf = W_CLOCK;
        int ending = kn == 6 && memcmp(kp, "ending", 6) == 0;
        if (ending) {
            if (!wa_lower_ascii_word(p, wn, sizeof sp->endings[0] - 1) ||
                sp->nendings == sizeof sp->endings / sizeof sp->endings[0]) {
                rc = wa_fail(err, WA_EDATA, "%s:%zu: an ending is 1 to 7 lower-case ASCII "
                             "letters, at most 16 of them", path, lineno);
            } else {
                memcpy(sp->endings[sp->nendings], p, wn);
                sp->endings[sp->nendings++][wn] = '\0';
            }
        } else if ((!ab && !wf) || wn > 64) {
            rc = wa_fail(err, WA_EDATA, "%s:%zu: expected 'ENTRY KIND' with KIND one of "
                         "title, abbr, final, list, num, start, join, label, line, say, prename, ordinal, when, clock, ending", path, lineno);
        } else if (ab && last != '.' && last != '!' && last != '?') {
            rc = wa_fail(err, WA_EDATA, "%s:%zu: an abbreviation entry must end with its "
                         "final '.', '!' or '?'", path, lineno);
        } else if (ab) {
            rc = set_flag(sp->abbr, p, wn, ab, 0);
            hint_add(&sp->abbr_hint, p, wn, 1);
        } else {
            rc = set_flag(sp->words, p, wn, wf, 1);
            hint_add(&sp->words_hint, p, wn, (unsigned)wf);
        }
        if (rc == WA_ENOMEM)
            wa_fail(err, rc, "out of memory");
    }
    wa_buf_free(&b);
    return rc;
}

/* ---------------------------------------------------------------- open */

static int file_exists(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

int wa_splitter_open(wa_splitter **out, const wa_split_opts *opts, wa_error *err)
{
    *out = NULL;
    const char *lang = (opts && opts->lang && *opts->lang) ? opts->lang : "fr";
    if (!opts || !opts->data_dir)
        return wa_fail(err, WA_EINVAL, "the splitter needs a data directory");
    /* A language code: 2-3 letters, then optional -subtags. */
    size_t n = 0;
    while (lang[n] && ((lang[n] | 32) >= 'a' && (lang[n] | 32) <= 'z'))
        n++;
    int ok = (n == 2 || n == 3) && strlen(lang) < 16;
    for (size_t i = n; ok && lang[i]; i++)
        ok = lang[i] == '-' || lang[i] == '_' || (lang[i] >= '0' && lang[i] <= '9') ||
             ((lang[i] | 32) >= 'a' && (lang[i] | 32) <= 'z');
    char primary[4] = {0};
    for (size_t i = 0; ok && i < n; i++)
        primary[i] = (char)(lang[i] | 32);
    if (!ok || uloc_getISO3Language(primary)[0] == '\0')
        return wa_fail(err, WA_EINVAL, "unknown language '%s' (a language code such as fr, en, de)",
                       lang);

    wa_splitter *sp = wa_calloc(1, sizeof *sp);
    if (!sp)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    memcpy(sp->lang, primary, sizeof primary);
    int rc = 0;
    sp->abbr = wa_map_new(512);
    sp->words = wa_map_new(512);
    if (!sp->abbr || !sp->words) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto fail;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/abbrev/common.txt", opts->data_dir);
    if ((rc = load_list(sp, path, err)) != 0)
        goto fail;
    snprintf(path, sizeof path, "%s/abbrev/%s.txt", opts->data_dir, primary);
    if (file_exists(path)) {
        if ((rc = load_list(sp, path, err)) != 0)
            goto fail;
    } else if (opts->warn) {
        char msg[600];
        snprintf(msg, sizeof msg, "no sentence-splitter list for language '%s' (abbrev/%s.txt); "
                 "using the common list and generic rules", primary, primary);
        opts->warn(opts->warn_ctx, msg);
    }
    UErrorCode st = U_ZERO_ERROR;
    /* Plain locale: no "@ss=standard" (its French suppressions eat real
     * boundaries after words like "taux."). */
    sp->bi = ubrk_open(UBRK_SENTENCE, primary, NULL, 0, &st);
    if (U_FAILURE(st)) {
        rc = wa_fail(err, WA_ELIB, "ICU sentence break iterator: %s", u_errorName(st));
        goto fail;
    }
    *out = sp;
    return 0;
fail:
    wa_splitter_free(sp);
    return rc;
}

void wa_splitter_free(wa_splitter *sp)
{
    if (!sp)
        return;
    wa_map_free(sp->abbr);
    wa_map_free(sp->words);
    if (sp->bi)
        ubrk_close(sp->bi);
    free(sp->u16);
    free(sp->foreign);
    free(sp->supp);
    free(sp->encl);
    free(sp->stk);
    free(sp->brk);
    free(sp->icu_at);
    free(sp);
}

const char *wa_splitter_lang(const wa_splitter *sp) { return sp->lang; }

void wa_split_icu_always(wa_splitter *sp, int on) { sp->icu_always = on; }

/* ---------------------------------------------------------------- arrays */

static int grow(void **p, size_t *cap, size_t need, size_t elsz)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *q = wa_realloc(*p, nc * elsz);
    if (!q)
        return WA_ENOMEM;
    *p = q;
    *cap = nc;
    return 0;
}

static int push_size(size_t **arr, size_t *n, size_t *cap, size_t v)
{
    if (grow((void **)arr, cap, *n + 1, sizeof **arr))
        return WA_ENOMEM;
    (*arr)[(*n)++] = v;
    return 0;
}

/* Adds [a, b] to a list of regions kept sorted by start, dropping the
 * regions it contains (brackets nest, so those are the most recent ones). */
static int push_region(region **arr, size_t *n, size_t *cap, size_t a, size_t b)
{
    while (*n > 0 && (*arr)[*n - 1].a > a)
        (*n)--;
    if (grow((void **)arr, cap, *n + 1, sizeof **arr))
        return WA_ENOMEM;
    (*arr)[*n].a = a;
    (*arr)[*n].b = b;
    (*n)++;
    return 0;
}

/* ---------------------------------------------------------------- ICU */

/* Where to end an ICU chunk starting at pos: after a line feed if there is
 * one in the second half, else after a space, else on a code point start. */
static size_t chunk_end(const char *s, size_t len, size_t pos)
{
    if (len - pos <= ICU_CHUNK)
        return len;
    size_t hi = pos + ICU_CHUNK, lo = pos + ICU_CHUNK / 2;
    for (size_t k = hi; k > lo; k--)
        if (s[k - 1] == '\n')
            return k;
    for (size_t k = hi; k > lo; k--)
        if (s[k - 1] == ' ')
            return k;
    size_t k = hi;
    while (k > lo && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* ICU breaks only after paragraph separators and sentence terminators
 * (UAX #29, SB4 and SB11).  Those the rules decide themselves (LF, . ! ?
 * and U+2026) are dropped by foreign_boundary(), so ICU can only contribute
 * in a chunk holding another one: CR, NEL, U+2028/9, or a terminator of
 * another script (U+3002, U+0589, U+0964, U+061F, U+FF01...).  pass1()
 * records where those are; icu_pass() skips the chunks without one. */
static int icu_relevant(int32_t cp)
{
    if (cp == '\r')
        return 1;
    if (cp < 0x80 || cp == 0x2026)
        return 0;
    int sb = u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);
    return sb == U_SB_STERM || sb == U_SB_ATERM || sb == U_SB_SEP || sb == U_SB_CR;
}

/* True when an ICU boundary at u16 index b follows a terminator the rules
 * do not handle themselves (CJK, Armenian, Devanagari full stops, CR,
 * U+2029...): back over spaces, closing punctuation and marks as UAX #29
 * sees them, the character there must be such a terminator.  Boundaries
 * after . ! ? U+2026 and line feeds are the rules' own, and a boundary ICU
 * reports at the end of a chunk after anything else is not one. */
static int foreign_boundary(const UChar *u, int32_t b)
{
    int32_t k = b;
    while (k > 0) {
        UChar32 c = u[k - 1];
        int32_t w = 1;
        if (U16_IS_TRAIL(c) && k >= 2 && U16_IS_LEAD(u[k - 2])) {
            c = U16_GET_SUPPLEMENTARY(u[k - 2], c);
            w = 2;
        }
        if (c == '\n' || c == 0x2028 || c == 0x85)
            return 0; /* a lone U+2028 or NEL is taken as a space */
        int sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
        if (sb == U_SB_SP || sb == U_SB_CLOSE || sb == U_SB_EXTEND || sb == U_SB_FORMAT) {
            k -= w;
            continue;
        }
        if (c == '.' || c == '!' || c == '?' || c == 0x2026)
            return 0;
        return icu_relevant(c);
    }
    return 0;
}

static int icu_pass(wa_splitter *sp, const char *s, size_t len, wa_error *err)
{
    sp->nforeign = 0;
    size_t pos = 0, ia = 0;
    while (pos < len) {
        size_t end = chunk_end(s, len, pos);
        while (ia < sp->nicu_at && sp->icu_at[ia] < pos)
            ia++;
        if (!sp->icu_always && !(ia < sp->nicu_at && sp->icu_at[ia] < end)) {
            pos = end;
            continue;
        }
        if (grow((void **)&sp->u16, &sp->u16cap, end - pos + 1, sizeof *sp->u16))
            return wa_fail(err, WA_ENOMEM, "out of memory");
        UChar *u = sp->u16;
        int32_t n = 0;
        size_t i = pos;
        while (i < end) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                u[n++] = c;
                i++;
                continue;
            }
            int32_t cp = wa_utf8_next(s, end, &i);
            if (cp < 0)
                cp = 0xFFFD;
            U16_APPEND_UNSAFE(u, n, cp);
        }
        UErrorCode st = U_ZERO_ERROR;
        ubrk_setText(sp->bi, u, n, &st);
        if (U_FAILURE(st))
            return wa_fail(err, WA_ELIB, "ICU sentence break iterator: %s", u_errorName(st));
        int32_t b;
        size_t u8 = pos; /* UTF-8 offset of u16 index k16 */
        int32_t k16 = 0;
        ubrk_first(sp->bi);
        while ((b = ubrk_next(sp->bi)) != UBRK_DONE) {
            if ((b == n && end == len) || !foreign_boundary(u, b))
                continue;
            /* UAX #29 counts opening brackets as "Close": ICU puts 「 and
             * « after the break ("。「" then "你好"); move them to the next
             * sentence. */
            int32_t q = b;
            while (q > 0) {
                UChar c = u[q - 1];
                int8_t t = u_charType(c);
                if (u_isUWhiteSpace(c) || t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION)
                    q--;
                else
                    break;
            }
            while (q < b && u_isUWhiteSpace(u[q]))
                q++;
            if (q > 0 && q < b)
                b = q;
            while (k16 < b) {
                int32_t cp = dec(s, end, u8, &u8);
                k16 += cp >= 0x10000 ? 2 : 1;
            }
            if (push_size(&sp->foreign, &sp->nforeign, &sp->capforeign, u8))
                return wa_fail(err, WA_ENOMEM, "out of memory");
        }
        pos = end;
    }
    return 0;
}

/* ---------------------------------------------------------------- words */

/* The last word of [lo, hi): letters back from hi (hi is the end of the
 * word); returns its start, or hi when there is none. */
static size_t word_start_back(const char *s, size_t lo, size_t hi, size_t maxb)
{
    size_t i = hi, st;
    while (i > lo && hi - i < maxb) {
        int32_t c = dec_back(s, lo, i, &st);
        if (!is_letter(c))
            break;
        i = st;
    }
    return i;
}

/* Byte length of the word (letters and digits) starting at i. */
static size_t word_len(const char *s, size_t len, size_t i, size_t maxb)
{
    size_t j = i, nx;
    while (j < len && j - i < maxb) {
        int32_t c = dec(s, len, j, &nx);
        if (!is_alnum(c))
            break;
        j = nx;
    }
    return j - i;
}

static size_t char_count(const char *s, size_t a, size_t b)
{
    size_t n = b - a, i = a;
    /* Code points = bytes - continuation bytes (10xxxxxx), 8 at a time. */
    for (; i + 8 <= b; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t cont = (x >> 7) & ~(x >> 6) & 0x0101010101010101ull;
        n -= (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < b; i++)
        n -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return n;
}

/* A list item marker at i (a line start): a dash or bullet then a space,
 * "12." or "12)" then a space, "a)" then a space. */
static int list_marker(const char *s, size_t len, size_t i)
{
    size_t j;
    int32_t c = dec(s, len, i, &j);
    if (is_dash(c) || is_bullet(c))
        return is_hspace(dec(s, len, j, NULL));
    if (is_digit(c)) {
        size_t k = i, nd = 0;
        while (k < len && s[k] >= '0' && s[k] <= '9' && nd < 4) {
            k++;
            nd++;
        }
        if (nd <= 3 && k < len && (s[k] == '.' || s[k] == ')'))
            return is_hspace(dec(s, len, k + 1, NULL));
        return 0;
    }
    if (is_letter(c) && j < len && s[j] == ')')
        return is_hspace(dec(s, len, j + 1, NULL));
    return 0;
}

/* A sentence adverb by its ending (`ending` entries: Concrètement,
 * Additionally): eight letters or more (Clément, Kelly are names). */
static int adverb_ending(const wa_splitter *sp, const char *w, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += ((unsigned char)w[i] & 0xC0) != 0x80;
    if (letters < 8)
        return 0;
    for (size_t k = 0; k < sp->nendings; k++) {
        size_t el = strlen(sp->endings[k]);
        if (n > el && memcmp(w + n - el, sp->endings[k], el) == 0)
            return 1;
    }
    return 0;
}

/* A sentence opener at i: the word [i, i + n), whose list flags as written
 * are wf, or the word and an apostrophe (L'). */
static int is_start_word(const ctx *c, size_t i, size_t n, intptr_t wf)
{
    const char *s = c->s;
    if (n == 0 || n > 40)
        return 0;
    size_t j;
    int32_t a = dec(s, c->len, i + n, &j);
    if (is_apos(a)) {
        char buf[48];
        memcpy(buf, s + i, n);
        buf[n] = '\'';
        if (word_flags(c->sp, buf, n + 1, W_START))
            return 2;
        return n > 1 && (wf & W_START);
    }
    if (!(wf & W_START))
        return a == ',' && adverb_ending(c->sp, s + i, n) ? 4 : 0;
    /* "Le Pen", "La Fontaine", "De Gaulle": a capitalized word after the
     * opener makes it a name particle rather than a sentence start. */
    size_t k = j;
    int32_t d;
    if (a != ' ' && a != 0xA0)
        return 1;
    while ((d = dec(s, c->len, k, &k)) >= 0 && is_hspace(d))
        ;
    return is_upper(d) ? 3 : 1;
}

/* "Smith asked", "Foreign Minister Sergei Lavrov asked": a verb of saying
 * after at most four capitalized words from i, before any punctuation. */
static int say_ahead(const ctx *c, size_t i)
{
    const char *s = c->s;
    size_t len = c->len, j, i0 = i;
    for (int w = 0; w < 5 && i < len && i - i0 < 160; w++) {
        size_t n = word_len(s, len, i, 40);
        if (n == 0)
            return 0;
        if (w > 0 && word_flags(c->sp, s + i, n, W_SAY))
            return 1;
        if (!is_upper(dec(s, len, i, NULL)))
            return 0; /* only names and titles before the verb */
        i += n;
        int32_t d = dec(s, len, i, &j);
        if (d == '-' || is_apos(d)) {
            i = j;
            w--;
            continue;
        }
        if (!is_hspace(d))
            return 0;
        while ((d = dec(s, len, i, &j)) >= 0 && is_hspace(d))
            i = j;
    }
    return 0;
}

/* Fills the fields of an NX_UPPER token that take word look-ups: start,
 * ordinal, when, then_lower and then_say.  next_token() leaves them to the
 * rules that read them; a second call does nothing. */
static void upper_details(const ctx *c, next_info *ni)
{
    if (ni->kind != NX_UPPER || ni->detailed)
        return;
    ni->detailed = 1;
    const char *s = c->s;
    size_t len = c->len, i = ni->pos, j;
    size_t wl = word_len(s, len, i, 40);
    intptr_t wf = wl ? word_flags(c->sp, s + i, wl, W_START | W_ORDINAL | W_WHEN) : 0;
    ni->start = is_start_word(c, i, wl, wf);
    ni->ordinal = (wf & W_ORDINAL) != 0;
    ni->when = (wf & W_WHEN) != 0;
    /* A capitalized word then a lowercase one: a sentence is going
     * on ("Police said"; not "Chief Executive", "General Hospital"). */
    size_t k = i;
    int32_t d = 0;
    for (int w = 0; w < 3; w++) {
        size_t k0 = k;
        while (k - k0 < 64 && (d = dec(s, len, k, &j)) >= 0 &&
               (is_alnum(d) || d == '-' || is_apos(d)))
            k = j;
        if (k == k0 || !is_hspace(d))
            break;
        while ((d = dec(s, len, k, &j)) >= 0 && is_hspace(d))
            k = j;
        if (is_lower(d)) {
            ni->then_lower = 1;
            /* "9 a.m. Moscow time": the place of a time zone */
            size_t tl = word_len(s, len, k, 40);
            if (tl && word_flags(c->sp, s + k, tl, W_CLOCK))
                ni->when = 1;
            break;
        }
        if (!is_upper(d) || w == 0)
            break;
    }
    ni->then_say = say_ahead(c, i);
}

static void next_token(const ctx *c, size_t b, next_info *ni)
{
    const char *s = c->s;
    size_t len = c->len, i = b, j;
    int32_t cp;
    memset(ni, 0, sizeof *ni);
    while ((cp = dec(s, len, i, &j)) >= 0 && wa_split_is_space(cp)) {
        if (cp == '\n')
            ni->nl++;
        else if (cp == 0x2029)
            ni->nl += 2;
        i = j;
    }
    ni->pos = i;
    if (cp < 0) {
        ni->kind = NX_END;
        return;
    }
    if (is_term(cp)) {
        ni->kind = NX_TERM;
        return;
    }
    if (ni->nl > 0 && list_marker(s, len, i))
        ni->list = 1;
    int opened = 0;
    if (cp == '"' || cp == '\'') {
        int32_t n2 = dec(s, len, j, NULL);
        opened = is_alnum(n2) || n2 == 0xA0 || n2 == 0x202F || n2 == '\'' || n2 == '"';
        if (!opened) {
            ni->kind = NX_PUNCT;
            return;
        }
    }
    if (opened || is_opener(cp)) {
        ni->paren = cp == '(' || cp == '[';
        while ((cp = dec(s, len, i, &j)) >= 0 &&
               (is_opener(cp) || is_hspace(cp) || cp == '"' || cp == '\''))
            i = j;
        if (is_upper(cp) || is_digit(cp) || (is_letter(cp) && !is_lower(cp)))
            ni->kind = NX_OPEN_UPPER;
        else if (is_lower(cp))
            ni->kind = NX_OPEN_LOWER;
        else
            ni->kind = NX_SYMBOL;
        return;
    }
    if (is_dash(cp) || is_bullet(cp)) {
        while ((cp = dec(s, len, i, &j)) >= 0 && (is_dash(cp) || is_bullet(cp) || is_hspace(cp)))
            i = j;
        if (is_upper(cp) || is_digit(cp) || is_opener(cp) || cp == '"' ||
            (is_letter(cp) && !is_lower(cp)))
            ni->kind = NX_DASH_UPPER;
        else if (is_lower(cp))
            ni->kind = NX_DASH_LOWER;
        else
            ni->kind = NX_SYMBOL;
        return;
    }
    if (is_digit(cp)) {
        ni->kind = NX_DIGIT;
        return;
    }
    if (is_upper(cp)) {
        ni->kind = NX_UPPER;
        int32_t c2 = dec(s, len, j, NULL);
        ni->initial = c2 == '.';
        ni->upper_lower = is_lower(c2) || (is_apos(c2) && is_letter(dec(s, len, j + (c2 == '\'' ? 1 : 3), NULL)));
        return;
    }
    if (is_lower(cp)) {
        ni->kind = NX_LOWER;
        size_t k = j;
        while (k < len && k - i < 24) {
            int32_t d = dec(s, len, k, &k);
            if (!is_letter(d))
                break;
            if (is_upper(d)) {
                ni->mixed = 1;
                break;
            }
        }
        return;
    }
    if (is_letter(cp)) {
        ni->kind = NX_OTHER;
        return;
    }
    if (is_closer(cp) || cp == ',' || cp == ';' || cp == ':')
        ni->kind = NX_PUNCT;
    else
        ni->kind = NX_SYMBOL;
}

/* ---------------------------------------------------------------- classes */

/* The token before a period at t: non-space characters back to a space, an
 * opening bracket or quote or an apostrophe, at most 64 bytes, trailing
 * closing brackets and quotes dropped. */
static void word_before(const ctx *c, size_t t, size_t *w0, size_t *w1)
{
    const char *s = c->s;
    size_t i = t, st;
    size_t lo = c->ls;
    while (i > lo && t - i < 64) {
        int32_t cp = dec_back(s, lo, i, &st);
        if (wa_split_is_space(cp) || is_opener(cp) || is_apos(cp) || cp == '"')
            break;
        i = st;
    }
    size_t e = t;
    while (e > i) {
        int32_t cp = dec_back(s, i, e, &st);
        if (!(is_closer(cp) || cp == '"' || cp == '\''))
            break;
        e = st;
    }
    *w0 = i;
    *w1 = e;
}

/* A label noun before the single letter at w0 ("plan B."). */
static int label_before(const ctx *c, size_t w0)
{
    const char *s = c->s;
    size_t i = w0, st;
    while (i > c->ls) {
        int32_t cp = dec_back(s, c->ls, i, &st);
        if (!is_hspace(cp))
            break;
        i = st;
    }
    size_t ws = word_start_back(s, c->ls, i, 40);
    if (ws == i)
        return 0;
    return word_flags(c->sp, s + ws, i - ws, W_LABEL) != 0;
}

static int word_class(const ctx *c, size_t w0, const char *w, size_t n);

static int roman(const char *w, size_t n)
{
    if (n == 0 || n > 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("IVXLC", w[i]))
            return 0;
    return 1;
}

/* How a single period at t behaves; *generic gets the class the word has
 * without the lists (what a "num" abbreviation is before a non-number). */
static int classify_period(const ctx *c, size_t t, int *generic)
{
    size_t w0, w1;
    word_before(c, t, &w0, &w1);
    *generic = C_PLAIN;
    /* "(..., NDLR)." : the period follows a bracket, not the word. */
    if (w1 == w0 || w1 - w0 > 60 || w1 != t)
        return C_PLAIN;
    const char *w = c->s + w0;
    size_t n = w1 - w0;
    intptr_t ab = lookup_abbr(c->sp, w, n, '.');
    int cls = word_class(c, w0, w, n);
    *generic = cls;
    if (ab == AB_TITLE)
        return C_TITLE;
    if (ab == AB_ABBR)
        return C_ABBR;
    if (ab == AB_FINAL)
        return C_FINAL;
    if (ab == AB_LIST)
        return C_LISTEND;
    if (ab == AB_NUM)
        return C_NUM;
    return cls;
}

/* The class of the word [w, w+n) at w0 from its shape alone. */
static int word_class(const ctx *c, size_t w0, const char *w, size_t n)
{
    size_t nl = 0, nu = 0, nlow = 0, nd = 0, ndot = 0, nhy = 0, noth = 0, nv = 0;
    size_t seg = 0, maxseg = 0;
    size_t i = 0;
    while (i < n) {
        int32_t cp = dec(w, n, i, &i);
        if (is_letter(cp)) {
            nl++;
            seg++;
            if (seg > maxseg)
                maxseg = seg;
            nu += is_upper(cp);
            nlow += is_lower(cp);
            nv += is_vowel(cp);
        } else if (is_digit(cp)) {
            nd++;
        } else if (cp == '.') {
            ndot++;
            seg = 0;
        } else if (cp == '-') {
            nhy++;
            seg = 0;
        } else if (cp == ',') {
            noth += nd == 0;
        } else {
            noth++;
        }
    }
    int at_line_start = w0 == c->line_first;
    if (nd > 0 && nl == 0 && noth == 0 && nhy == 0) {
        if (at_line_start && nd <= 3 && ndot == 0)
            return C_LISTMARK;
        return C_NUMBER;
    }
    if (noth || nd)
        return C_PLAIN;
    if (ndot == 0 && nhy == 0) {
        if (nl == 1) {
            if (nu == 1)
                return label_before(c, w0) ? C_PLAIN : C_INITIAL;
            return C_ABBR;
        }
        if (at_line_start && roman(w, n))
            return C_LISTMARK;
        if (nlow == nl && nl <= 4 && nv == 0)
            return C_ABBR;
        return C_PLAIN;
    }
    /* Letters with inner periods or hyphens: U.S, J.-P, e.g, Ph.D; a
     * longer segment makes it a domain or a compound word. */
    if (ndot > 0 && maxseg <= 2) {
        if (nu == nl && maxseg == 1)
            return nl >= 3 ? C_FINAL : C_INITIAL; /* O.N.U. is no one's initials */
        return C_ABBR;
    }
    if (ndot == 0 && nhy > 0 && maxseg == 1 && nu == nl)
        return C_INITIAL; /* J-P */
    return C_PLAIN;
}

/* ---------------------------------------------------------------- decide */

static int decide(const ctx *c, int cls, int generic, int quoted, next_info *ni)
{
    int k = ni->kind;
    if (k == NX_END || ni->nl >= 2)
        return 1;
    if (k == NX_TERM || k == NX_PUNCT)
        return 0;
    if (ni->list && ni->nl >= 1)
        return 1;
    /* A closing quote then lowercase: an incise ("», a-t-il dit",
     * "» s'est interrogé"), never a new sentence. */
    if (quoted && k == NX_LOWER && !ni->mixed)
        return 0;
    /* "Why now?" Pashinyan asked. */
    if (quoted && k == NX_UPPER && (cls == C_QUEST || cls == C_ELLIPSIS)) {
        upper_details(c, ni);
        if (ni->then_say)
            return 0;
    }
    if (cls == C_NUM)
        cls = k == NX_DIGIT ? C_TITLE : generic;
    if (cls == C_NUMBER || cls == C_INITIAL || cls == C_LISTEND || cls == C_FINAL || cls == C_ABBR)
        upper_details(c, ni);
    switch (cls) {
    case C_TITLE:
    case C_LISTMARK:
        return 0;
    case C_NUMBER:
        if (k == NX_LOWER)
            return ni->mixed;
        if (k == NX_UPPER && ni->ordinal)
            return 0; /* "am 3. Oktober" */
        /* fall through */
    case C_PLAIN:
        if (k == NX_OPEN_LOWER && ni->paren)
            return 0;
        return 1;
    case C_QUEST:
        if (k == NX_LOWER)
            return ni->mixed;
        return k != NX_OPEN_LOWER && k != NX_DASH_LOWER;
    case C_ELLIPSIS:
        return k == NX_UPPER || k == NX_OTHER || k == NX_OPEN_UPPER || k == NX_DASH_UPPER ||
               (k == NX_LOWER && ni->mixed);
    case C_INITIAL:
        /* "J. Clément, ...": after an initial, no adverb by its ending */
        if (k == NX_UPPER && (ni->initial || ni->start == 3 || ni->start == 4))
            return 0;
        /* fall through */
    case C_LISTEND:
        /* "..., le Portugal, etc. M. Barrot a salué": no name or word with
         * a capital goes on a sentence after its enumeration closed */
        if (cls == C_LISTEND && (k == NX_UPPER || k == NX_OPEN_UPPER))
            return 1;
        /* fall through */
    case C_FINAL:
        /* "at 8 p.m. Results are due"; not "at 8 p.m. Monday in Paris" */
        if (cls == C_FINAL && k == NX_UPPER && ni->then_lower && !ni->when)
            return 1;
        /* fall through */
    case C_ABBR:
        if (ni->start || ni->mixed || (k == NX_OPEN_UPPER && !ni->paren))
            return 1;
        /* An abbreviation ending a line of unwrapped text ends it, unless it
         * is an initial ("signé par J." / "Dupont"). */
        return ni->nl == 1 && !c->wrap_w && cls != C_INITIAL &&
               (k == NX_UPPER || k == NX_DIGIT || k == NX_OTHER || k == NX_DASH_UPPER);
    }
    return 1;
}

static size_t line_dateline(ctx *c);

static int suppressed(ctx *c, size_t t, size_t b)
{
    const wa_splitter *sp = c->sp;
    if (t < line_dateline(c))
        return 1;
    while (c->ks < sp->nsupp && sp->supp[c->ks].b < b)
        c->ks++;
    return c->ks < sp->nsupp && sp->supp[c->ks].a < t;
}

static int add_break(ctx *c, size_t at)
{
    wa_splitter *sp = c->sp;
    if (sp->nbrk && sp->brk[sp->nbrk - 1] >= at)
        return 0;
    return push_size(&sp->brk, &sp->nbrk, &sp->capbrk, at);
}

/* A straight quote at i closes when what follows is space, punctuation or
 * the end. */
static int straight_closes(const char *s, size_t len, size_t i)
{
    int32_t n = dec(s, len, i + 1, NULL);
    return n < 0 || wa_split_is_space(n) || is_term(n) || is_closer(n) || n == ',' ||
           n == ';' || n == ':' || n == ')' || n == '"' || n == '\'';
}

/* A token glued to a period (jeudi.Les) that is part of a URL, a domain or
 * an e-mail address. */
static int url_like(const ctx *c, size_t t, size_t r)
{
    const char *s = c->s;
    size_t a = t, b = r, st;
    while (a > c->ls && t - a < 200) {
        int32_t cp = dec_back(s, c->ls, a, &st);
        if (wa_split_is_space(cp))
            break;
        a = st;
    }
    while (b < c->len && b - r < 200) {
        int32_t cp = dec(s, c->len, b, &st);
        if (wa_split_is_space(cp))
            break;
        b = st;
    }
    for (size_t i = a; i < b; i++) {
        if (s[i] == '@')
            return 1;
        if (s[i] == '/' && i + 1 < b && s[i + 1] == '/')
            return 1;
        if (i + 4 <= b && (s[i] | 32) == 'w' && (s[i + 1] | 32) == 'w' &&
            (s[i + 2] | 32) == 'w' && s[i + 3] == '.')
            return 1;
        if (i >= r && s[i] == '.' && i + 1 < b && s[i + 1] >= 'a' && s[i + 1] <= 'z')
            return 1;
    }
    return 0;
}

/* A period, ? or ! glued to the next word: "jeudi.Les". */
static int missing_space(ctx *c, size_t t, size_t r, int np, int nq, int nell)
{
    const char *s = c->s;
    next_info ni;
    next_token(c, r, &ni);
    int32_t at = dec(s, c->len, r, NULL);
    int quote_open = ni.kind == NX_OPEN_UPPER && (at == 0xAB || at == 0x201C);
    if (!quote_open && (ni.kind != NX_UPPER || !ni.upper_lower))
        return 0;
    upper_details(c, &ni);
    size_t st;
    int32_t prev = dec_back(s, c->ls, t, &st);
    if (nell) {
        if (!is_letter(prev))
            return 0;
    } else if (nq) {
        if (!is_letter(prev) && !is_hspace(prev))
            return 0; /* "premier?Personne", French spacing "maintenant ?«" */
        size_t w0, w1;
        word_before(c, t, &w0, &w1);
        if (lookup_abbr(c->sp, s + w0, w1 - w0, s[t]) && !ni.start)
            return 0;
    } else if (np == 1) {
        size_t m0, m1;
        word_before(c, t, &m0, &m1);
        /* iOS.It, ONU.L'Arménie; not M.Dupont or U.S.Army. */
        int mixed_word = is_upper(prev) && m1 - m0 >= 2 && !memchr(s + m0, '.', m1 - m0);
        if (!(is_lower(prev) || is_digit(prev) || prev == 0xBB || prev == 0x201D ||
              prev == ')' || prev == '"' || mixed_word))
            return 0;
        int generic;
        int cls = classify_period(c, t, &generic);
        if (cls == C_NUM)
            cls = generic;
        if (cls == C_TITLE || cls == C_LISTMARK)
            return 0;
        if ((cls == C_ABBR || cls == C_INITIAL || cls == C_FINAL || cls == C_LISTEND) && !ni.start)
            return 0;
        size_t w0, w1;
        word_before(c, t, &w0, &w1);
        if (w1 - w0 < 2 && is_alnum(prev))
            return 0;
    } else {
        return 0;
    }
    if (url_like(c, t, r) || suppressed(c, t, r))
        return 0;
    return add_break(c, r);
}

/* A footnote call glued to the period, "[1]" or "[12]": the offset after
 * it, or 0. */
static size_t footnote_mark(const char *s, size_t len, size_t i)
{
    if (i >= len || s[i] != '[')
        return 0;
    size_t k = i + 1;
    while (k < len && k - i <= 4 && s[k] >= '0' && s[k] <= '9')
        k++;
    return (k > i + 1 && k < len && s[k] == ']') ? k + 1 : 0;
}

static int term_candidate(ctx *c, size_t t, size_t r, int np, int nq, int nell)
{
    const char *s = c->s;
    size_t len = c->len, j;
    int32_t c1 = dec(s, len, r, &j);
    /* (...) and [...] are never boundaries. */
    if ((np >= 2 || nell) && !nq && (c1 == ')' || c1 == ']')) {
        size_t st;
        int32_t p = dec_back(s, c->ls, t, &st);
        if (p == '(' || p == '[')
            return 0;
    }
    if (c1 >= 0 && !wa_split_is_space(c1) && !is_closer(c1) &&
        !((c1 == '"' || c1 == '\'') && straight_closes(s, len, r)) && !footnote_mark(s, len, r))
        return missing_space(c, t, r, np, nq, nell);
    /* The boundary goes after closing quotes and brackets, French spacing
     * included: "? »" stays with its sentence. */
    size_t b = r;
    int quoted = 0;
    for (;;) {
        size_t k = b;
        int32_t cp;
        while ((cp = dec(s, len, k, &j)) >= 0 && is_hspace(cp))
            k = j;
        if (cp >= 0 && (is_closer(cp) || ((cp == '"' || cp == '\'') && straight_closes(s, len, k)))) {
            quoted |= cp != ')' && cp != ']' && cp != '}';
            b = j;
            continue;
        }
        size_t fn = footnote_mark(s, len, k);
        if (fn && k == b) {
            b = fn;
            continue;
        }
        break;
    }
    c->term_b = b;
    int cls, generic = C_PLAIN;
    if (nq) {
        cls = C_QUEST;
        if (!nell && np == 0) {
            size_t w0, w1;
            word_before(c, t, &w0, &w1);
            if (lookup_abbr(c->sp, s + w0, w1 - w0, s[t]))
                cls = C_ABBR;
        }
    } else if (nell || np >= 2) {
        cls = C_ELLIPSIS;
    } else {
        cls = classify_period(c, t, &generic);
    }
    next_info ni;
    next_token(c, b, &ni);
    if (!decide(c, cls, generic, quoted, &ni))
        return 0;
    if (ni.nl < 2 && suppressed(c, t, b))
        return 0;
    return add_break(c, b);
}

/* ---------------------------------------------------------------- lines */

/* Is position i inside a bracket or quotation that spans it? */
static int enclosed(ctx *c, size_t i)
{
    const wa_splitter *sp = c->sp;
    while (c->ke < sp->nencl && sp->encl[c->ke].b < i)
        c->ke++;
    return c->ke < sp->nencl && sp->encl[c->ke].a < i;
}

static int line_is_list(const ctx *c, size_t a0) { return list_marker(c->s, c->len, a0); }

/* A line that stands alone even without final punctuation: an agency
 * trailer in parentheses, a line in capitals, a byline or credit. */
static int structural_line(const ctx *c, size_t a0, size_t a1)
{
    const char *s = c->s;
    size_t st;
    int32_t first = dec(s, a1, a0, NULL);
    int32_t last = dec_back(s, a0, a1, &st);
    if (first == '(' && last == ')')
        return 1;
    if (first == 0xA9)
        return 1;
    if (all_caps(s + a0, a1 - a0))
        return 1;
    size_t wl = word_len(s, a1, a0, 40);
    if (wl && a1 - a0 <= 100 && word_flags(c->sp, s + a0, wl, W_LINE))
        return 1;
    return 0;
}

static int wrapped(const ctx *c, size_t a0, size_t a1, const next_info *ni)
{
    size_t w = c->wrap_w;
    if (!w)
        return 0;
    size_t alen = char_count(c->s, a0, a1);
    size_t j = ni->pos, nx;
    while (j < c->len && j - ni->pos < 64) {
        int32_t cp = dec(c->s, c->len, j, &nx);
        if (wa_split_is_space(cp))
            break;
        j = nx;
    }
    size_t blen = char_count(c->s, ni->pos, j);
    return alen + 1 + blen > w && alen * 2 >= w && alen <= w + w / 4 + 10;
}

static size_t dateline_at(ctx *c, size_t i);

/* Without wrap statistics (a paragraph of two lines gives none): the
 * paragraph's last line continues the line [a0, a1) before it when it ends
 * a sentence, the sentence begun before ends on it sooner than the line
 * before is long, and the line before has the length of a wrapped one ("... par le président de la commission électorale\nDenis
 * Kadima, selon son entourage."); a headline is followed by a longer line
 * or by none. */
static int short_last_line(const ctx *c, size_t a0, size_t a1, const next_info *ni)
{
    /* Hard wraps are at 60 to 80 columns: a longer line is a paragraph of
     * its own whose period was lost, a shorter one a title or a tag line.
     * A line ending in a bracket is a caption with its credit. */
    enum { WRAPPED_MIN = 45, WRAPPED_MAX = 90 };
    const char *s = c->s;
    size_t alen = char_count(s, a0, a1), st0;
    if (alen < WRAPPED_MIN || alen > WRAPPED_MAX || is_closer(dec_back(s, a0, a1, &st0)))
        return 0;
    size_t e = ni->pos;
    while (e < c->len && s[e] != '\n')
        e++;
    size_t k = e < c->len ? e + 1 : e, kj;
    int32_t cp;
    while ((cp = dec(s, c->len, k, &kj)) >= 0 && is_hspace(cp))
        k = kj;
    if (cp >= 0 && cp != '\n')
        return 0; /* not the paragraph's last line */
    size_t b1 = e, st;
    while (b1 > ni->pos && wa_split_is_space(dec_back(s, ni->pos, b1, &st)))
        b1 = st;
    int32_t last = b1 > ni->pos ? dec_back(s, ni->pos, b1, &st) : -1;
    while (last >= 0 && is_closer(last) && st > ni->pos)
        last = dec_back(s, ni->pos, st, &st);
    if (!is_term(last) || char_count(s, ni->pos, b1) > WRAPPED_MAX)
        return 0; /* a longer line is a paragraph of its own */
    /* The sentence the line before begins ends on this line: where the
     * first period, ! or ? before a capital (or the line's end) falls. */
    size_t i = ni->pos, e1 = b1, nx;
    while (i < b1) {
        int32_t cp = dec(s, b1, i, &nx);
        i = nx;
        if (!is_term(cp))
            continue;
        size_t j = i;
        int32_t d;
        while ((d = dec(s, b1, j, &nx)) >= 0 && is_closer(d))
            j = nx;
        if (d < 0 || !is_hspace(d))
            continue;
        while ((d = dec(s, b1, j, &nx)) >= 0 && is_hspace(d))
            j = nx;
        if (is_upper(d)) {
            e1 = i;
            break;
        }
    }
    return char_count(s, ni->pos, e1) < alen;
}

/* Whether [a, b) holds a letter or a digit before a line feed. */
static int has_alnum(const char *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && s[i] != '\n') {
        int32_t cp = dec(s, b, i, &i);
        if (is_alnum(cp))
            return 1;
    }
    return 0;
}

/* A line break after a line [a0, a1) without final punctuation. */
static int decide_joint(ctx *c, size_t nlpos, size_t a0, size_t a1)
{
    const char *s = c->s;
    next_info ni;
    next_token(c, nlpos, &ni);
    if (ni.kind == NX_END || ni.nl >= 2)
        return 1;
    /* Separator lines ("----------", "* * *") stand alone. */
    if (!has_alnum(s, a0, a1) || !has_alnum(s, ni.pos, c->len))
        return 1;
    size_t st;
    int32_t last = dec_back(s, a0, a1, &st);
    int a_list = line_is_list(c, a0);
    int b_lower = ni.kind == NX_LOWER || ni.kind == NX_OPEN_LOWER || ni.kind == NX_DASH_LOWER;
    if (ni.list) {
        if (ni.kind == NX_DASH_LOWER && !a_list && last != ':' && last != ';' && last != ',')
            return 0;
        return 1;
    }
    if (enclosed(c, nlpos))
        return 0;
    if (last == ':')
        return !b_lower;
    if (a_list)
        return !(b_lower || wrapped(c, a0, a1, &ni));
    if (last == ',' || last == ';' || is_dash(last) || is_opener(last) || last == '/' ||
        last == '&' || last == '+' || last == '=')
        return 0;
    if (structural_line(c, a0, a1))
        return 1;
    if (b_lower || ni.kind == NX_PUNCT || ni.kind == NX_TERM)
        return 0;
    /* The next line opens with a byline or credit word, or a dateline. */
    size_t bl = word_len(s, c->len, ni.pos, 40);
    if (bl && word_flags(c->sp, s + ni.pos, bl, W_LINE))
        return 1;
    if (dateline_at(c, ni.pos))
        return 1;
    size_t ws = word_start_back(s, a0, a1, 40);
    intptr_t wf = ws < a1 ? word_flags(c->sp, s + ws, a1 - ws, W_JOIN | W_PRENAME) : 0;
    if (wf & W_JOIN)
        return 0;
    /* "Prime Minister\nNikol Pashinyan": a title noun, then a name; "le
     * président russe\nVladimir Poutine": a title noun and an adjective,
     * then a first name and a surname. */
    upper_details(c, &ni);
    if ((wf & W_PRENAME) && ni.kind == NX_UPPER && !ni.start)
        return 0;
    if (ni.kind == NX_UPPER && !ni.start && ws < a1 && is_lower(dec(s, a1, ws, NULL))) {
        size_t p = ws, st;
        while (p > a0 && is_hspace(dec_back(s, a0, p, &st)))
            p = st;
        size_t pws = word_start_back(s, a0, p, 40);
        size_t bw = word_len(s, c->len, ni.pos, 40), q = ni.pos + bw, nx;
        int32_t d;
        while ((d = dec(s, c->len, q, &nx)) >= 0 && is_hspace(d) && q - ni.pos < 64)
            q = nx;
        if (pws < p && p < ws && word_flags(c->sp, s + pws, p - pws, W_PRENAME) &&
            bw && is_upper(d))
            return 0;
    }
    return !(wrapped(c, a0, a1, &ni) || (!c->wrap_w && short_last_line(c, a0, a1, &ni)));
}

/* Finds a dateline at the line start i ("MOSCOU (Reuters) - ", "PARIS, 21
 * oct. (AFP) - ", "ST. LOUIS (AP) — ", "WASHINGTON — "); returns the offset
 * after its dash, or 0. */
static size_t dateline_end(const ctx *c, size_t i)
{
    const char *s = c->s;
    size_t len = c->len, j;
    int32_t cp = dec(s, len, i, &j);
    if (!is_upper(cp))
        return 0;
    size_t lim = i + 160 < len ? i + 160 : len;
    /* Cheap test first: a dateline opens with a word in capitals
     * ("MOSCOU", "ST. LOUIS") or has "(" early on ("Bakou (AFP)"). */
    if (!is_upper(dec(s, len, j, NULL))) {
        size_t near = i + 50 < lim ? i + 50 : lim;
        const char *paren = memchr(s + i, '(', near - i);
        const char *nl = memchr(s + i, '\n', near - i);
        if (!paren || (nl && nl < paren))
            return 0;
    }
    size_t k = i, paren = 0, caps = 0, lower_seen = 0;
    size_t caps_end = 0;
    while (k < lim) {
        cp = dec(s, len, k, &j);
        if (cp == '\n' || cp == 0xAB || cp == 0xBB || cp == '"' || cp == ':' || cp == ';' ||
            cp == '?' || cp == '!' || cp == 0x201C)
            return 0;
        if (cp == '(') {
            paren = k;
            break;
        }
        if (is_dash(cp) && k > i && is_hspace(dec_back(s, i, k, &j)) &&
            is_hspace(dec(s, len, k + (size_t)(cp == '-' ? 1 : 3), NULL)) && caps_end) {
            return k + (cp == '-' ? 1 : 3);
        }
        if (!lower_seen && is_upper(cp))
            caps++;
        if (is_lower(cp) && !lower_seen) {
            lower_seen = 1;
            if (caps < 3)
                caps_end = 0;
        }
        if (!lower_seen && caps >= 3 && (cp == ',' || is_hspace(cp)))
            caps_end = k;
        dec(s, len, k, &k);
    }
    if (!paren || paren - i > 90)
        return 0;
    size_t q = paren + 1;
    cp = dec(s, len, q, NULL);
    if (!is_upper(cp))
        return 0;
    while (q < len && q - paren < 40 && s[q] != ')' && s[q] != '(' && s[q] != '\n')
        q++;
    if (q >= len || s[q] != ')')
        return 0;
    q++;
    while ((cp = dec(s, len, q, &j)) >= 0 && is_hspace(cp))
        q = j;
    if (!is_dash(cp))
        return 0;
    int32_t after = dec(s, len, j, NULL);
    if (after >= 0 && !wa_split_is_space(after))
        return 0;
    return j;
}

/* dateline_end(c, i), remembered for the last i: decide_joint() asks it
 * about the next line's start, which suppressed() may ask again. */
static size_t dateline_at(ctx *c, size_t i)
{
    if (c->dl_at != i) {
        c->dl_end = dateline_end(c, i);
        c->dl_at = i;
    }
    return c->dl_end;
}

/* The end of a dateline opening the current line, or 0.  Asked only where
 * a boundary is about to be made (a line start pays for its dateline test
 * only then: most lines of wrapped text have no boundary). */
static size_t line_dateline(ctx *c)
{
    size_t i = c->line_first;
    if (i >= c->len || c->s[i] == '\n')
        return 0;
    return dateline_at(c, i);
}

static void start_line(ctx *c, size_t i)
{
    size_t j;
    int32_t cp;
    c->ls = i;
    while ((cp = dec(c->s, c->len, i, &j)) >= 0 && is_hspace(cp))
        i = j;
    c->line_first = i;
}

/* ---------------------------------------------------------------- pass 1 */

/* The bytes a pass stops at, twice: as a table (nonzero for a marked byte,
 * which the pass may read for the byte's kind) and, for the 16-byte scan,
 * as a list of single bytes plus a range [lo, hi] within 0x81..0xFE (lo >
 * hi for none). The two name the same set. */
typedef struct {
    const unsigned char *table;
    unsigned char one[12];
    int none;
    unsigned char lo, hi;
} markset;

#ifdef __SSE2__
/* Bit k set for each marked byte p[k] of the 16 at p. Bytes >= 0x80 are
 * negative as signed bytes, so the range needs no unsigned compare. */
__attribute__((always_inline)) static inline unsigned marked16(const unsigned char *p, const markset *m)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i hit = _mm_setzero_si128();
    if (m->lo <= m->hi)
        hit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(m->lo - 1))),
                            _mm_cmplt_epi8(v, _mm_set1_epi8((char)(m->hi + 1))));
    /* Unrolled, so that the compares take constant operands. */
#pragma GCC unroll 12
    for (int k = 0; k < m->none; k++)
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)m->one[k])));
    return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* The first offset from i on whose byte is marked in m, or len: sixteen
 * bytes at a time while none of them is (most of a text is letters and
 * spaces that neither pass looks at). */
__attribute__((always_inline)) static inline size_t next_marked(const char *s, size_t i, size_t len, const markset *m)
{
    const unsigned char *u = (const unsigned char *)s;
#ifdef __SSE2__
    for (; i + 16 <= len; i += 16) {
        unsigned bits = marked16(u + i, m);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    while (i < len && !m->table[u[i]])
        i++;
    return i;
}

/* Brackets and quotations, matched within paragraphs, and the statistics
 * that tell hard-wrapped text: lines that are clearly continued (the next
 * line starts in lowercase, the line ends with a comma or a word like
 * "de"), whose longest length estimates the wrap width. */
static int attribution_after(const ctx *c, size_t open, size_t close, int kind)
{
    const char *s = c->s;
    size_t st, j;
    int32_t before = dec_back(s, open, close, &st);
    while (is_hspace(before))
        before = dec_back(s, open, st, &st);
    if (before == ',')
        return 1;
    size_t k = close;
    dec(s, c->len, k, &k);
    int32_t cp;
    int n = 0;
    while ((cp = dec(s, c->len, k, &j)) >= 0 && is_hspace(cp) && n++ < 16)
        k = j;
    (void)kind;
    return cp == ',' || is_lower(cp);
}

static int close_region(ctx *c, int kind, size_t close)
{
    wa_splitter *sp = c->sp;
    size_t open = sp->stk[sp->nstk - 1].pos;
    sp->nstk--;
    size_t span = close - open;
    int rc = 0;
    if (span <= ENCL_MAX && kind != K_STRAIGHT)
        rc = push_region(&sp->encl, &sp->nencl, &sp->capencl, open, close);
    int supp = 0;
    if (kind == K_PAREN || kind == K_SQUARE || kind == K_CURLY)
        supp = span <= PAREN_MAX;
    else
        supp = span <= QUOTE_MAX && attribution_after(c, open, close, kind);
    if (!rc && supp)
        rc = push_region(&sp->supp, &sp->nsupp, &sp->capsupp, open, close);
    return rc;
}

static int pass1(ctx *c)
{
    wa_splitter *sp = c->sp;
    const char *s = c->s;
    size_t len = c->len;
    /* Brackets, quotes, line feeds; CR and the lead bytes of characters
     * that may be sentence terminators of other scripts (not 0xC3: the
     * Latin letters of U+00C0..U+00FF). */
    static const unsigned char interesting[256] = {
        ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, ['"'] = 1,
        ['\n'] = 1, ['\r'] = 1, [0xC2] = 1,
        [0xC4] = 1, [0xC5] = 1, [0xC6] = 1, [0xC7] = 1, [0xC8] = 1, [0xC9] = 1, [0xCA] = 1,
        [0xCB] = 1, [0xCC] = 1, [0xCD] = 1, [0xCE] = 1, [0xCF] = 1, [0xD0] = 1, [0xD1] = 1,
        [0xD2] = 1, [0xD3] = 1, [0xD4] = 1, [0xD5] = 1, [0xD6] = 1, [0xD7] = 1, [0xD8] = 1,
        [0xD9] = 1, [0xDA] = 1, [0xDB] = 1, [0xDC] = 1, [0xDD] = 1, [0xDE] = 1, [0xDF] = 1,
        [0xE0] = 1, [0xE1] = 1, [0xE2] = 1, [0xE3] = 1, [0xE4] = 1, [0xE5] = 1, [0xE6] = 1,
        [0xE7] = 1, [0xE8] = 1, [0xE9] = 1, [0xEA] = 1, [0xEB] = 1, [0xEC] = 1, [0xED] = 1,
        [0xEE] = 1, [0xEF] = 1, [0xF0] = 1, [0xF1] = 1, [0xF2] = 1, [0xF3] = 1, [0xF4] = 1,
    };
    static const markset marks = {
        interesting, {'(', ')', '[', ']', '{', '}', '"', '\n', '\r', 0xC2}, 10, 0xC4, 0xF4,
    };
    size_t cnt[K_N] = {0};
    size_t ls = 0, wrap_w = 0, wrap_n = 0;
    sp->nstk = sp->nsupp = sp->nencl = sp->nicu_at = 0;
    size_t i = 0;
    while ((i = next_marked(s, i, len, &marks)) < len) {
        size_t j;
        int32_t cp = dec(s, len, i, &j);
        int open = -1, close = -1;
        switch (cp) {
        case '(': open = K_PAREN; break;
        case '[': open = K_SQUARE; break;
        case '{': open = K_CURLY; break;
        case ')': close = K_PAREN; break;
        case ']': close = K_SQUARE; break;
        case '}': close = K_CURLY; break;
        case 0xAB: open = K_GUIL; break;
        case 0xBB: close = K_GUIL; break;
        case 0x201E: open = K_LOW9; break;
        case 0x201C:
            if (sp->nstk && sp->stk[sp->nstk - 1].kind == K_LOW9)
                close = K_LOW9;
            else
                open = K_DQ;
            break;
        case 0x201D:
            if (cnt[K_DQ])
                close = K_DQ;
            else if (is_alnum(dec(s, len, j, NULL)))
                open = K_DQ;
            break;
        case '"': {
            size_t st;
            int32_t p = i > ls ? dec_back(s, ls, i, &st) : -1;
            int32_t n = dec(s, len, j, NULL);
            int p_open = p < 0 || wa_split_is_space(p) || is_opener(p) || is_dash(p);
            int n_close = n < 0 || wa_split_is_space(n) || is_term(n) || n == ',' ||
                          n == ';' || n == ':' || is_closer(n);
            if (p_open && !n_close)
                open = K_STRAIGHT;
            else if (n_close && !p_open)
                close = K_STRAIGHT;
            else if (cnt[K_STRAIGHT])
                close = K_STRAIGHT;
            else
                open = K_STRAIGHT;
            break;
        }
        case '\n': {
            /* The line [ls, i): blank lines end paragraphs (and reset the
             * bracket stack); other lines feed the wrap statistics. */
            size_t a1 = i, st;
            while (a1 > ls) {
                int32_t q = dec_back(s, ls, a1, &st);
                if (!wa_split_is_space(q))
                    break;
                a1 = st;
            }
            if (a1 == ls) {
                sp->nstk = 0;
                memset(cnt, 0, sizeof cnt);
            } else {
                int32_t last = dec_back(s, ls, a1, &st);
                size_t k = j, kj;
                int32_t n;
                while ((n = dec(s, len, k, &kj)) >= 0 && is_hspace(n))
                    k = kj;
                if (n >= 0 && n != '\n' && !is_term(last) && last != ':' &&
                    !list_marker(s, len, k)) {
                    /* Continued: the next line starts in lowercase, or
                     * with a word and a comma ("Michel, Azerbaijani..."),
                     * or this one ends with a comma or a word like "de". */
                    int wrapish = last == ',' || is_lower(n);
                    if (!wrapish && is_letter(last) && is_upper(n)) {
                        size_t wl = word_len(s, len, k, 40);
                        wrapish = wl && k + wl < len && s[k + wl] == ',' && a1 - ls >= 40 &&
                                  !word_flags(sp, s + k, wl, W_LINE);
                    }
                    if (!wrapish) {
                        size_t ws = word_start_back(s, ls, a1, 40);
                        wrapish = ws < a1 && word_flags(sp, s + ws, a1 - ws, W_JOIN);
                    }
                    if (wrapish) {
                        size_t a0 = ls;
                        while ((n = dec(s, len, a0, &kj)) >= 0 && is_hspace(n))
                            a0 = kj;
                        size_t w = char_count(s, a0, a1);
                        if (w > wrap_w)
                            wrap_w = w;
                        wrap_n++;
                    }
                }
            }
            ls = j;
            break;
        }
        default:
            if (icu_relevant(cp) && push_size(&sp->icu_at, &sp->nicu_at, &sp->capicu_at, i))
                return WA_ENOMEM;
            break;
        }
        if (open >= 0) {
            if (grow((void **)&sp->stk, &sp->capstk, sp->nstk + 1, sizeof *sp->stk))
                return WA_ENOMEM;
            sp->stk[sp->nstk].pos = i;
            sp->stk[sp->nstk].kind = open;
            sp->nstk++;
            cnt[open]++;
        } else if (close >= 0 && cnt[close]) {
            while (sp->stk[sp->nstk - 1].kind != close) {
                cnt[sp->stk[sp->nstk - 1].kind]--;
                sp->nstk--;
            }
            cnt[close]--;
            if (close_region(c, close, i))
                return WA_ENOMEM;
        }
        i = j;
    }
    c->wrap_w = (wrap_n >= 1 && wrap_w >= 30) ? wrap_w : 0;
    return 0;
}

/* ---------------------------------------------------------------- pass 2 */

static int pass2(ctx *c)
{
    const char *s = c->s;
    size_t len = c->len;
    static const unsigned char interesting[256] = {
        ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 2, [0xE2] = 3,
    };
    static const markset marks = {interesting, {'.', '!', '?', '\n', 0xE2}, 5, 0xFF, 0x80};
    start_line(c, 0);
    size_t i = 0;
    while ((i = next_marked(s, i, len, &marks)) < len) {
        int k = interesting[(unsigned char)s[i]];
        if (k == 2) {
            size_t a1 = i, st;
            while (a1 > c->ls) {
                int32_t q = dec_back(s, c->ls, a1, &st);
                if (!wa_split_is_space(q))
                    break;
                a1 = st;
            }
            if (a1 > c->ls && c->term_b < a1 && decide_joint(c, i, c->line_first, a1)) {
                if (add_break(c, i))
                    return WA_ENOMEM;
            }
            start_line(c, i + 1);
            i++;
            continue;
        }
        if (k == 3 && !(i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                        (unsigned char)s[i + 2] == 0xA6)) {
            i++;
            continue;
        }
        size_t t = i, r = i, nx;
        int np = 0, nq = 0, nell = 0;
        for (;;) {
            int32_t cp = dec(s, len, r, &nx);
            if (cp == '.')
                np++;
            else if (cp == '!' || cp == '?')
                nq++;
            else if (cp == 0x2026)
                nell++;
            else
                break;
            r = nx;
        }
        if (term_candidate(c, t, r, np, nq, nell))
            return WA_ENOMEM;
        i = r;
    }
    return 0;
}

/* ---------------------------------------------------------------- split */

static int emit(const char *s, size_t a, size_t b, wa_span_fn fn, void *ctxp)
{
    size_t j;
    while (a < b) {
        int32_t cp = dec(s, b, a, &j);
        if (!wa_split_is_space(cp))
            break;
        a = j;
    }
    while (b > a) {
        int32_t cp = dec_back(s, a, b, &j);
        if (!wa_split_is_space(cp))
            break;
        b = j;
    }
    if (a >= b)
        return 0;
    wa_span sp = {a, b};
    return fn(ctxp, sp);
}

int wa_split_each(wa_splitter *sp, const char *s, size_t len, wa_span_fn fn, void *fn_ctx,
                  wa_error *err)
{
    if (!sp || (!s && len) || !fn)
        return wa_fail(err, WA_EINVAL, "wa_split_each: invalid argument");
    if (len == 0)
        return 0;
    ctx c;
    memset(&c, 0, sizeof c);
    c.sp = sp;
    c.s = s;
    c.len = len;
    c.dl_at = SIZE_MAX;
    sp->nbrk = 0;
    if (pass1(&c))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    int rc = icu_pass(sp, s, len, err);
    if (rc)
        return rc;
    if (pass2(&c))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    /* Merge the two sorted lists of boundaries; ICU's are dropped inside
     * parentheses and datelines like the rules' own. */
    size_t bi = 0, fi = 0, prev = 0, ks = 0;
    for (;;) {
        size_t x;
        if (bi < sp->nbrk && (fi >= sp->nforeign || sp->brk[bi] <= sp->foreign[fi])) {
            x = sp->brk[bi++];
        } else if (fi < sp->nforeign) {
            x = sp->foreign[fi++];
            while (ks < sp->nsupp && sp->supp[ks].b < x)
                ks++;
            if (ks < sp->nsupp && sp->supp[ks].a < x)
                continue;
        } else {
            break;
        }
        if (x <= prev)
            continue;
        if ((rc = emit(s, prev, x, fn, fn_ctx)) != 0)
            return rc;
        prev = x;
    }
    return emit(s, prev, len, fn, fn_ctx);
}

typedef struct collect {
    wa_span *v;
    size_t n, cap;
} collect;

static int collect_fn(void *p, wa_span span)
{
    collect *cl = p;
    if (grow((void **)&cl->v, &cl->cap, cl->n + 1, sizeof *cl->v))
        return WA_ENOMEM;
    cl->v[cl->n++] = span;
    return 0;
}

int wa_split(wa_splitter *sp, const char *s, size_t len, wa_span **out, size_t *n,
             wa_error *err)
{
    collect cl = {0};
    *out = NULL;
    *n = 0;
    int rc = wa_split_each(sp, s, len, collect_fn, &cl, err);
    if (rc) {
        free(cl.v);
        if (rc == WA_ENOMEM)
            wa_fail(err, rc, "out of memory");
        return rc;
    }
    *out = cl.v;
    *n = cl.n;
    return 0;
}
