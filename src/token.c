/* Words from ICU's word BreakIterator, with elision (the language's forms
 * of dictionaries/elisions.txt), hyphenated compounds, and numbers, URLs
 * and e-mail addresses left out. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include "token_internal.h"
#include "util/util.h"
#include "wirealign/token.h"

enum { LC_TABLE = 0x800 }; /* the code points of one or two UTF-8 bytes */

struct wa_tokenizer {
    UBreakIterator *bi;
    wa_elisions elis; /* none without a data directory */
    wa_token *tok;
    size_t n, cap;
    wa_span *skip; /* URL and e-mail spans of the current text, in order,
                    * and past them one that starts and ends at SIZE_MAX */
    size_t nskip, capskip;
    unsigned char kind[256]; /* KIND_* bits of each byte, from wb_class */
    unsigned char lcase[LC_TABLE]; /* LC_* of each code point below LC_TABLE */
};

static void fill_kinds(unsigned char kind[256]);
static void fill_letter_cases(unsigned char lcase[LC_TABLE]);
static size_t letter_at(const char *s, size_t len, size_t i);

int wa_tokenizer_open(wa_tokenizer **out, const wa_tokenizer_opts *opts, wa_error *err)
{
    *out = NULL;
    const char *lang = opts && opts->lang ? opts->lang : "fr";
    if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
        return wa_fail(err, WA_EINVAL, "unknown language '%s' (fr or en)", lang);
    wa_tokenizer *tk = wa_calloc(1, sizeof *tk);
    if (!tk)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    int rc = opts && opts->data_dir ? wa_elisions_read(opts->data_dir, lang, &tk->elis, err) : 0;
    if (rc) {
        free(tk);
        return rc;
    }
    fill_kinds(tk->kind);
    fill_letter_cases(tk->lcase);
    UErrorCode st = U_ZERO_ERROR;
    tk->bi = ubrk_open(UBRK_WORD, lang, NULL, 0, &st);
    if (U_FAILURE(st)) {
        free(tk);
        return wa_fail(err, WA_ELIB, "ICU word break iterator: %s", u_errorName(st));
    }
    *out = tk;
    return 0;
}

void wa_tokenizer_free(wa_tokenizer *tk)
{
    if (!tk)
        return;
    if (tk->bi)
        ubrk_close(tk->bi);
    free(tk->tok);
    free(tk->skip);
    free(tk);
}

static inline int push(wa_tokenizer *tk, size_t start, size_t end, unsigned flags)
{
    if (tk->n == tk->cap && wa_grow(&tk->tok, &tk->cap, tk->n, sizeof *tk->tok, 256))
        return WA_ENOMEM;
    tk->tok[tk->n++] = (wa_token){start, end, flags};
    return 0;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* Bytes that end a URL when they close it: punctuation and closing quotes. */
static size_t trim_url_end(const char *s, size_t a, size_t b)
{
    while (b > a) {
        unsigned char c = (unsigned char)s[b - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '!' || c == '?' ||
            c == '"' || c == '\'')
            b--;
        else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xC2 && c == 0xBB) /* » */
            b -= 2;
        else
            break;
    }
    return b;
}

/* Where byte c next stands in s from `from` on, or len. */
static size_t next_byte(const char *s, size_t len, size_t from, char c)
{
    const char *p = from < len ? memchr(s + from, c, len - from) : NULL;
    return p ? (size_t)(p - s) : len;
}

/* Where the next "www." (in any case) starts from `from` on, or len. */
static size_t next_www(const char *s, size_t len, size_t from)
{
    for (size_t j = from + 3; j < len;) {
        size_t d = next_byte(s, len, j, '.');
        if (d >= len)
            return len;
        if ((s[d - 1] | 0x20) == 'w' && (s[d - 2] | 0x20) == 'w' && (s[d - 3] | 0x20) == 'w')
            return d - 3;
        j = d + 1;
    }
    return len;
}

/* Whether a URL or address cue stands at s[i]: "://" after a non-space,
 * '@' between non-spaces, or "www." not inside a word. */
static int cue_at(const char *s, size_t len, size_t i)
{
    char c = s[i];
    if (c == ':')
        return i + 2 < len && s[i + 1] == '/' && s[i + 2] == '/' && i > 0 &&
               !is_space((unsigned char)s[i - 1]);
    if (c == '@')
        return i > 0 && i + 1 < len && !is_space((unsigned char)s[i - 1]) &&
               !is_space((unsigned char)s[i + 1]);
    return (c | 0x20) == 'w' && i + 4 < len && (s[i + 1] | 0x20) == 'w' &&
           (s[i + 2] | 0x20) == 'w' && s[i + 3] == '.' &&
           (i == 0 || !((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z')));
}

/* Finds URLs (scheme:// or www.) and e-mail addresses: the runs of
 * non-space bytes around them.  Only the places where a cue may stand are
 * visited (the library's memchr finds them). */
static int find_skips(wa_tokenizer *tk, const char *s, size_t len)
{
    tk->nskip = 0;
    size_t last_end = 0;
    size_t pc = next_byte(s, len, 0, ':'), pa = next_byte(s, len, 0, '@'),
           pw = next_www(s, len, 0);
    for (;;) {
        size_t i = pc < pa ? pc : pa;
        if (pw < i)
            i = pw;
        if (i >= len)
            break;
        size_t next = i + 1;
        if (cue_at(s, len, i)) {
            size_t a = i, b = i;
            while (a > last_end && !is_space((unsigned char)s[a - 1]))
                a--;
            while (b < len && !is_space((unsigned char)s[b]))
                b++;
            b = trim_url_end(s, a, b);
            if (b > i) {
                if (wa_grow(&tk->skip, &tk->capskip, tk->nskip, sizeof *tk->skip, 16))
                    return WA_ENOMEM;
                tk->skip[tk->nskip++] = (wa_span){a, b};
                last_end = b;
                next = b + 1;
            }
        }
        if (pc < next)
            pc = next_byte(s, len, next, ':');
        if (pa < next)
            pa = next_byte(s, len, next, '@');
        if (pw < next)
            pw = next_www(s, len, next);
    }
    if (wa_grow(&tk->skip, &tk->capskip, tk->nskip, sizeof *tk->skip, 16))
        return WA_ENOMEM;
    tk->skip[tk->nskip] = (wa_span){SIZE_MAX, SIZE_MAX}; /* ends in_skip's walk */
    return 0;
}

/* Whether code point cp is a letter, and an upper- or title-case one;
 * LC_FAST in the table marks the letters of two bytes the fast path takes
 * (letter_at). */
enum { LC_NONE = 0, LC_LETTER, LC_UPPER, LC_CASE = 3, LC_FAST = 4 };

static int icu_letter_case(int32_t cp)
{
    if (!u_isalpha(cp))
        return LC_NONE;
    return u_isupper(cp) || u_istitle(cp) ? LC_UPPER : LC_LETTER;
}

/* A fast letter that ICU does not count as one would leave case_flags and
 * run_end's flags apart: it goes without LC_FAST, and its stretch to
 * fast_words, which gives the same words. */
static void fill_letter_cases(unsigned char lcase[LC_TABLE])
{
    for (int32_t cp = 0; cp < LC_TABLE; cp++) {
        char b[4];
        int lc = icu_letter_case(cp);
        if (cp >= 0x80 && lc != LC_NONE && letter_at(b, wa_utf8_encode(cp, b), 0))
            lc |= LC_FAST;
        lcase[cp] = (unsigned char)lc;
    }
}

/* icu_letter_case(cp), from the tokenizer's table below U+0800. */
static int letter_case(const wa_tokenizer *tk, int32_t cp)
{
    return cp < LC_TABLE ? tk->lcase[cp] & LC_CASE : icu_letter_case(cp);
}

/* Length of the letter of two bytes at s[i] (not ASCII) that the fast path
 * takes, as letter_at, or 0; its LC_* in *lc.  A table look-up instead of
 * wb_class's tests: most accented letters of the text pass here. */
static inline size_t fast_letter(const wa_tokenizer *tk, const char *s, size_t len, size_t i,
                                 int *lc)
{
    unsigned char c = (unsigned char)s[i], d;
    if (c < 0xC2 || c >= 0xE0 || i + 1 >= len || ((d = (unsigned char)s[i + 1]) & 0xC0) != 0x80)
        return 0;
    unsigned char t = tk->lcase[(c & 0x1F) << 6 | (d & 0x3F)];
    *lc = t & LC_CASE;
    return t & LC_FAST ? 2 : 0;
}

/* Case and ASCII flags of a word. */
static unsigned case_flags(const wa_tokenizer *tk, const char *s, size_t a, size_t b)
{
    unsigned flags = WA_TOK_ASCII;
    size_t letters = 0, i = a;
    int lower = 0;
    while (i < b) {
        int32_t cp = (unsigned char)s[i];
        if (cp < 0x80) {
            i++;
        } else {
            flags &= ~(unsigned)WA_TOK_ASCII;
            if ((cp = wa_utf8_next_multi(s, b, &i)) < 0)
                continue;
        }
        int lc = letter_case(tk, cp);
        if (lc == LC_NONE)
            continue;
        if (letters++ == 0 && lc == LC_UPPER)
            flags |= WA_TOK_CAP;
        lower |= lc == LC_LETTER;
    }
    if (letters >= 2 && !lower)
        flags |= WA_TOK_UPPER;
    return flags;
}

static int has_digit(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* Length of the hyphen at s[i] (-, U+2010, U+2011), or 0. */
static inline size_t hyphen_at(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == '-')
        return 1;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x90 || (unsigned char)s[i + 2] == 0x91))
        return 3;
    return 0;
}

/* Adds the word [a, b): joins it to the previous one across one hyphen,
 * splits a leading elision (of the tokenizer's language) off. */
static inline int join_or_push(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b,
                               unsigned f);

static int add_word(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b)
{
    if (tk->elis.n) {
        for (size_t i = a; i < b && i - a <= 7; i++) {
            size_t al = 0;
            if (s[i] == '\'')
                al = 1;
            else if (i + 2 < b && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                     (unsigned char)s[i + 2] == 0x99)
                al = 3;
            if (!al)
                continue;
            if (i > a && i + al < b && wa_elision_is(&tk->elis, s + a, i - a)) {
                int rc = push(tk, a, i + al, WA_TOK_ELISION | case_flags(tk, s, a, i + al));
                if (rc)
                    return rc;
                a = i + al;
            }
            break;
        }
    }
    return join_or_push(tk, s, len, a, b, case_flags(tk, s, a, b));
}

/* Joins the word ending at b, with case flags f, to the last one across a
 * hyphen of h bytes. */
static inline void join_last(wa_tokenizer *tk, size_t b, unsigned f, size_t h)
{
    wa_token *last = &tk->tok[tk->n - 1];
    last->end = b;
    last->flags |= WA_TOK_COMPOUND;
    if (!(f & WA_TOK_ASCII) || h > 1) /* h > 1: a non-ASCII hyphen */
        last->flags &= ~(unsigned)WA_TOK_ASCII;
    if (!(f & WA_TOK_UPPER))
        last->flags &= ~(unsigned)WA_TOK_UPPER;
}

/* Adds the word [a, b) with case flags f, or joins it to the previous one
 * across one hyphen. */
static inline int join_or_push(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b,
                               unsigned f)
{
    if (tk->n > 0) {
        wa_token *last = &tk->tok[tk->n - 1];
        size_t h = hyphen_at(s, len, last->end);
        if (h && last->end + h == a && !(last->flags & WA_TOK_ELISION)) {
            join_last(tk, b, f, h);
            return 0;
        }
    }
    return push(tk, a, b, f);
}

/* ------------------------------------------------------------------ */
/* A fast path for the characters of French and English text: UAX #29's
 * word rules as ICU applies them, for letters of Latin-1 and Latin
 * Extended-A, digits, the ASCII signs and a few quotes, dashes and spaces.
 * A stretch between spaces holding any other character goes to ICU whole:
 * the rules never join across a space, so both give the same words
 * (tests/unit/test_token.c compares them). */

enum {
    WB_UNKNOWN = 0, /* not handled here: ICU */
    WB_OTHER,       /* a break before and after */
    WB_LETTER,      /* ALetter */
    WB_NUM,         /* Numeric */
    WB_EXTNUM,      /* ExtendNumLet: _ and the narrow no-break space */
    WB_MIDLETTER,   /* MidLetter: the middle dot */
    WB_MIDNUMLET,   /* MidNumLet: . and the curly single quotes */
    WB_MIDNUM,      /* MidNum: , ; */
    WB_SQUOTE       /* Single_Quote: ' */
};

/* The class of the character at s[i] (not a space), its length in *cl. */
static int wb_class(const char *s, size_t len, size_t i, size_t *cl)
{
    unsigned char c = (unsigned char)s[i];
    *cl = 1;
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@')
            return WB_LETTER; /* ICU counts @ as a letter (handles, addresses) */
        if (c >= '0' && c <= '9')
            return WB_NUM;
        switch (c) {
        case '_':
            return WB_EXTNUM;
        case '.':
            return WB_MIDNUMLET;
        case ',': case ';':
            return WB_MIDNUM;
        case '\'':
            return WB_SQUOTE;
        default:
            return c >= 0x20 && c < 0x7F ? WB_OTHER : WB_UNKNOWN;
        }
    }
    if (i + 1 >= len)
        return WB_UNKNOWN;
    unsigned char d = (unsigned char)s[i + 1];
    if ((d & 0xC0) != 0x80)
        return WB_UNKNOWN;
    if (c == 0xC3) { /* U+00C0..U+00FF: letters but for the signs × ÷ */
        *cl = 2;
        return d == 0x97 || d == 0xB7 ? WB_OTHER : WB_LETTER;
    }
    if (c == 0xC4 || c == 0xC5) { /* Latin Extended-A */
        *cl = 2;
        return WB_LETTER;
    }
    if (c == 0xC2) {
        *cl = 2;
        switch (d) {
        case 0xAB: case 0xBB: case 0xB0: case 0xA7: case 0xA0: /* « » ° § no-break space */
            return WB_OTHER;
        case 0xAA: case 0xB5: case 0xBA: /* ª µ º */
            return WB_LETTER;
        case 0xB7: /* middle dot */
            return WB_MIDLETTER;
        default:
            return WB_UNKNOWN;
        }
    }
    if (c == 0xE2 && i + 2 < len && d == 0x80) {
        unsigned char e = (unsigned char)s[i + 2];
        *cl = 3;
        switch (e) {
        case 0x98: case 0x99: /* ‘ ’ */
            return WB_MIDNUMLET;
        case 0x93: case 0x94: case 0x9C: case 0x9D: case 0xA6: /* – — “ ” … */
            return WB_OTHER;
        case 0xAF: /* narrow no-break space */
            return WB_EXTNUM;
        default:
            return WB_UNKNOWN;
        }
    }
    return WB_UNKNOWN;
}

/* Whether the rules keep no break between classes b and c, given the class
 * a before b and d after c (WB_OTHER at the ends). */
static int wb_joined(int a, int b, int c, int d)
{
    int mid_b = b == WB_MIDLETTER || b == WB_MIDNUMLET || b == WB_SQUOTE;
    int mid_c = c == WB_MIDLETTER || c == WB_MIDNUMLET || c == WB_SQUOTE;
    if (b == WB_LETTER && c == WB_LETTER)
        return 1; /* WB5 */
    if (b == WB_LETTER && mid_c && d == WB_LETTER)
        return 1; /* WB6 */
    if (a == WB_LETTER && mid_b && c == WB_LETTER)
        return 1; /* WB7 */
    if ((b == WB_NUM || b == WB_LETTER) && (c == WB_NUM || c == WB_LETTER))
        return 1; /* WB8, WB9, WB10 */
    if (a == WB_NUM && (b == WB_MIDNUM || b == WB_MIDNUMLET || b == WB_SQUOTE) && c == WB_NUM)
        return 1; /* WB11 */
    if (b == WB_NUM && (c == WB_MIDNUM || c == WB_MIDNUMLET || c == WB_SQUOTE) && d == WB_NUM)
        return 1; /* WB12 */
    if ((b == WB_LETTER || b == WB_NUM || b == WB_EXTNUM) && c == WB_EXTNUM)
        return 1; /* WB13a */
    if (b == WB_EXTNUM && (c == WB_LETTER || c == WB_NUM))
        return 1; /* WB13b */
    return 0;
}

static int take_word(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b,
                     size_t *k);

/* Words of the stretch [a, b) by ICU (offsets into s). */
static int icu_words(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b, size_t *k,
                     wa_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, s + a, (int64_t)(b - a), &st);
    if (U_FAILURE(st))
        return wa_fail(err, WA_ELIB, "ICU UText: %s", u_errorName(st));
    ubrk_setUText(tk->bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return wa_fail(err, WA_ELIB, "ICU word break: %s", u_errorName(st));
    }
    int rc = 0;
    int32_t prev = ubrk_first(tk->bi);
    for (int32_t cur = ubrk_next(tk->bi); cur != UBRK_DONE && !rc;
         prev = cur, cur = ubrk_next(tk->bi)) {
        int32_t status = ubrk_getRuleStatus(tk->bi);
        if (status < UBRK_WORD_LETTER || status >= UBRK_WORD_IDEO_LIMIT)
            continue; /* spaces, punctuation, numbers */
        rc = take_word(tk, s, len, a + (size_t)prev, a + (size_t)cur, k);
    }
    utext_close(ut);
    return rc ? wa_fail(err, rc, "out of memory") : 0;
}

/* Whether [a, b) lies in a URL or address (skip spans from *k on). */
static int in_skip(wa_tokenizer *tk, size_t a, size_t b, size_t *k)
{
    while (tk->skip[*k].end <= a)
        (*k)++;
    return tk->skip[*k].start < b;
}

/* Length of the sign at s[i], by wb_class: a character that neither makes
 * a word nor joins letters but between two of them (punctuation, quotes,
 * dashes, no-break space); 0 for any other character. */
static size_t sign_at(const char *s, size_t len, size_t i)
{
    size_t cl;
    int c = wb_class(s, len, i, &cl);
    return c == WB_UNKNOWN || c == WB_LETTER || c == WB_NUM || c == WB_EXTNUM ? 0 : cl;
}

/* Length of the letter at s[i] by wb_class, or 0 (and for @, which ICU
 * counts as a letter but take_word treats apart). */
static size_t letter_at(const char *s, size_t len, size_t i)
{
    size_t cl;
    return s[i] != '@' && wb_class(s, len, i, &cl) == WB_LETTER ? cl : 0;
}

/* Length of an apostrophe (' or ’) at s[i], or 0. */
static size_t apos_at(const char *s, size_t b, size_t i)
{
    if (s[i] == '\'')
        return 1;
    return i + 2 < b && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x99
               ? 3
               : 0;
}

/* Byte kinds for the common stretch, from is_space, letter_at and sign_at:
 * an ASCII letter (lower or upper case), an ASCII sign, a space, the first
 * byte of a longer character (wb_class decides), or an ASCII digit (a
 * number makes no word).  Other bytes (@, _, controls) have none: the
 * stretch is not a common one. */
enum { KIND_LOWER = 1, KIND_UPPER = 2, KIND_SIGN = 4, KIND_SPACE = 8, KIND_MULTI = 16,
       KIND_DIGIT = 32 };

static void fill_kinds(unsigned char kind[256])
{
    for (int c = 0; c < 256; c++) {
        char ch = (char)c;
        if (is_space((unsigned char)c))
            kind[c] = KIND_SPACE;
        else if (c >= 0x80)
            kind[c] = KIND_MULTI;
        else if (letter_at(&ch, 1, 0))
            kind[c] = c <= 'Z' ? KIND_UPPER : KIND_LOWER;
        else if (sign_at(&ch, 1, 0))
            kind[c] = KIND_SIGN;
        else if (c >= '0' && c <= '9')
            kind[c] = KIND_DIGIT;
        else
            kind[c] = 0;
    }
}

static unsigned char kind_at(const wa_tokenizer *tk, const char *s, size_t i)
{
    return tk->kind[(unsigned char)s[i]];
}

/* Where the signs (and the bytes of kinds `also`) from s[i] on end. */
static inline size_t signs_end(const wa_tokenizer *tk, const char *s, size_t len, size_t i,
                               unsigned also)
{
    while (i < len) {
        unsigned char k = kind_at(tk, s, i);
        size_t n = k & (KIND_SIGN | also) ? 1 : k == KIND_MULTI ? sign_at(s, len, i) : 0;
        if (!n)
            break;
        i += n;
    }
    return i;
}

enum { SIMPLE_MAX = 8 };

/* One run of letters of a common stretch, with apostrophes between them. */
typedef struct simple_run {
    size_t start, end;
    unsigned flags;     /* its case_flags, when it has no apostrophe */
    unsigned char apos; /* an apostrophe */
} simple_run;

/* Scans the run from s[i] on into *r; returns its end (i: no run).  The
 * case flags come along, without branches: the run starts with a letter
 * of one byte (ASCII) or two, and all its characters are letters. */
static size_t run_end(const wa_tokenizer *tk, const char *s, size_t len, size_t i, simple_run *r)
{
    size_t n;
    int lc, lower = 0, cap = 0;
    unsigned ascii = WA_TOK_ASCII;
    r->start = i;
    r->apos = 0;
    while (i < len) {
        unsigned char k = kind_at(tk, s, i);
        if (k & (KIND_LOWER | KIND_UPPER)) { /* ASCII letters first: most of the text */
            int low;
            i = wa_ascii_letters_end(s, len, i, &low);
            lower |= low;
        } else if (k == KIND_MULTI && (n = fast_letter(tk, s, len, i, &lc))) {
            ascii = 0;
            lower |= lc == LC_LETTER;
            cap |= (i == r->start) & (lc == LC_UPPER);
            i += n;
        } else if (i > r->start && (n = apos_at(s, len, i)) && i + n < len &&
                   letter_at(s, len, i + n)) {
            r->apos = 1;
            i += n;
        } else {
            break;
        }
    }
    r->end = i;
    if (i == r->start)
        return i;
    unsigned char c0 = (unsigned char)s[r->start];
    cap |= (unsigned char)(c0 - 'A') < 26;
    size_t first = 1 + (c0 >> 7); /* bytes of the first letter */
    r->flags = ascii | (cap ? WA_TOK_CAP : 0) |
               (i - r->start > first && !lower ? WA_TOK_UPPER : 0);
    return i;
}

/* Adds the words of the nr runs of a common stretch (but those in a URL or
 * address).  A run joins the word of the run before it, across the one
 * hyphen between them, when that one was added (join_or_push would find
 * it so); the first run joins none: a space stands before its stretch. */
static int add_runs(wa_tokenizer *tk, const char *s, size_t len, const simple_run *run,
                    size_t nr, size_t *k)
{
    int added = 0;
    for (size_t r = 0; r < nr; r++) {
        size_t x = run[r].start, y = run[r].end;
        int rc = 0;
        if (in_skip(tk, x, y, k))
            added = 0;
        else if (run[r].apos)
            rc = add_word(tk, s, len, x, y), added = 1; /* the elision split off */
        else if (added)
            join_last(tk, y, run[r].flags, 1);
        else
            rc = push(tk, x, y, run[r].flags), added = 1;
        if (rc)
            return rc;
    }
    return 0;
}

/* The words of a common stretch from s[a] (not a space) on: signs, then
 * runs of Latin letters joined by single hyphens, each run with
 * apostrophes between letters ("(mot", "mot,", "«l'accord»",
 * "cessez-le-feu."), then signs, then a space or the end of the text; or
 * signs and digits only ("12,5", "(2024)", "«").  The rules join letters
 * across such an apostrophe and never to a sign, and the signs make no
 * word, so each run is one word.  Returns 1 when the
 * stretch has this shape (*end: where it ends; *rc: the result of adding
 * its words), 0 when not (*end: where the scan stopped, all bytes before
 * it in the stretch; nothing added). */
static int simple_words(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t *end,
                        size_t *k, int *rc)
{
    simple_run run[SIMPLE_MAX];
    size_t nr = 0, i = signs_end(tk, s, len, a, 0);
    for (;;) {
        size_t e = run_end(tk, s, len, i, &run[nr]);
        if (e == i) { /* no letter: signs and digits alone make no word */
            *end = i = signs_end(tk, s, len, i, KIND_DIGIT);
            *rc = 0;
            return i == len || kind_at(tk, s, i) == KIND_SPACE;
        }
        i = e;
        nr++;
        if (i + 1 < len && s[i] == '-' && letter_at(s, len, i + 1) && nr < SIMPLE_MAX) {
            i++;
            continue;
        }
        break;
    }
    i = signs_end(tk, s, len, i, 0);
    *end = i;
    if (i < len && kind_at(tk, s, i) != KIND_SPACE)
        return 0;
    *rc = add_runs(tk, s, len, run, nr, k);
    return 1;
}

/* Words of the stretch [a, b) (no spaces in it) when all its characters
 * have a class here; returns -1, having added nothing, when one has none
 * (or the stretch is long: URLs, code). */
static int fast_words(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b, size_t *k)
{
    int cls[64];
    size_t pos[65], m = 0;
    for (size_t i = a; i < b;) {
        size_t cl;
        int c = wb_class(s, len, i, &cl);
        if (c == WB_UNKNOWN || m == 64)
            return -1;
        pos[m] = i;
        cls[m++] = c;
        i += cl;
    }
    pos[m] = b;
    size_t start = 0;
    int letter = 0, ext = 0;
    for (size_t j = 0; j < m; j++) {
        letter |= cls[j] == WB_LETTER;
        ext += cls[j] == WB_EXTNUM;
        int prev = j > 0 ? cls[j - 1] : WB_OTHER;
        int next = j + 1 < m ? cls[j + 1] : WB_OTHER;
        int after = j + 2 < m ? cls[j + 2] : WB_OTHER;
        if (j + 1 < m && wb_joined(prev, cls[j], next, after))
            continue;
        /* ICU's letter status: a letter, or two ExtendNumLet (__) */
        if (letter || ext >= 2) {
            int rc = take_word(tk, s, len, pos[start], pos[j + 1], k);
            if (rc)
                return rc;
        }
        start = j + 1;
        letter = ext = 0;
    }
    return 0;
}

int wa_tokenize(wa_tokenizer *tk, const char *s, size_t len, const wa_token **out, size_t *n,
                wa_error *err)
{
    *out = NULL;
    *n = 0;
    tk->n = 0;
    if (find_skips(tk, s, len))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t a = 0; a < len;) {
        while (a < len && kind_at(tk, s, a) == KIND_SPACE)
            a++;
        if (a == len)
            break;
        size_t b;
        int rc;
        if (!simple_words(tk, s, len, a, &b, &k, &rc)) {
            while (b < len && kind_at(tk, s, b) != KIND_SPACE)
                b++;
            if ((rc = fast_words(tk, s, len, a, b, &k)) < 0)
                rc = icu_words(tk, s, len, a, b, &k, err); /* sets err */
            else if (rc)
                rc = wa_fail(err, rc, "out of memory");
        } else if (rc) {
            rc = wa_fail(err, rc, "out of memory");
        }
        if (rc)
            return rc;
        a = b;
    }
    *out = tk->tok;
    *n = tk->n;
    return 0;
}

/* The filters and joins of one word [a, b) found by either path. */
static int take_word(wa_tokenizer *tk, const char *s, size_t len, size_t a, size_t b, size_t *k)
{
    if (in_skip(tk, a, b, k))
        return 0; /* inside a URL or address */
    if (has_digit(s, a, b) || memchr(s + a, '.', b - a) || s[a] == '@' || s[a] == '#')
        return 0; /* 9h00, COVID19, U.S, example.com, @handle, #tag */
    return add_word(tk, s, len, a, b);
}

int wa_tokenize_icu(wa_tokenizer *tk, const char *s, size_t len, const wa_token **out,
                    size_t *n, wa_error *err)
{
    *out = NULL;
    *n = 0;
    tk->n = 0;
    if (find_skips(tk, s, len))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    size_t k = 0;
    int rc = icu_words(tk, s, len, 0, len, &k, err);
    if (rc)
        return rc;
    *out = tk->tok;
    *n = tk->n;
    return 0;
}
