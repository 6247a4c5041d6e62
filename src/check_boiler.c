/* The boilerplate line classifier: scores a folded line with weighted cues
 * (site vocabulary, interface commands, the reader addressed, the site
 * speaking, counts, credits) against reporting vocabulary. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check_boiler.h"
#include "check_internal.h"

enum { K_SITE, K_VERB, K_READER, K_VOICE, K_NEWS, K_STOP, K_NKINDS };

static const char *const kind_names[K_NKINDS] = {"site", "verb", "reader", "voice", "news", "stop"};

enum { MAX_CUE_WORDS = 6, MAX_LINE_WORDS = 96 };

typedef struct cue {
    unsigned char kind, weight, nwords, prefix; /* prefix: last word ends in '*' */
    unsigned short off[MAX_CUE_WORDS], len[MAX_CUE_WORDS]; /* into text */
    char *text;
    int next; /* next cue with the same first word, -1 at the end */
} cue;

struct ck_boiler {
    cue *cues;
    size_t ncues, capcues;
    wa_map *first;    /* exact first word -> index + 1 of the first cue */
    wa_map *prefixed; /* first 3 bytes -> index + 1 of the first one-word prefix cue
                       * (abonn*), chained by `next` */
    uint64_t heads[1024]; /* bit head_bit(): some cue starts with these bytes */
    uint64_t starts[1024]; /* a site or verb cue of some weight may start so
                            * (start_key()) when both bits of the key are set */
    uint64_t prefix_lens[256]; /* bit l: such a cue is a one-word prefix of l
                                * bytes (63 or more when l is 63), by pair_slot() */
    wa_buf key;
};

/* A bit for the first three bytes of a word (all of a shorter one): a word
 * whose bit is clear starts no cue, and costs no lookup. */
static unsigned head_bit(const char *s, size_t n)
{
    uint32_t h = (uint32_t)n < 3 ? (uint32_t)n : 3;
    for (size_t i = 0; i < n && i < 3; i++)
        h = h * 0x01000193u ^ (unsigned char)s[i];
    h *= 0x9E3779B1u;
    return h >> 16;
}

/* The start of a site or verb cue of some weight, hashed: its first word
 * (the whole word; the prefix of a one-word prefix cue, its first 63 bytes
 * at most), what follows (the first byte of the second word, 0 for a
 * one-word cue, '*' for a prefix) and its kind, as verbs count only where
 * they open a segment.  Only these cues can raise a line to the threshold
 * (ck_boiler_is).  The whole word, not a few bytes of it: common words
 * sharing a cue's first bytes and length (mais, mail; confirmé, connecté)
 * sent a line in three to the scoring for nothing.  The first word of such
 * a cue (not a prefix) also has a key of its own, next = ANY_NEXT (no byte
 * of a word is 1), that most words fail at one probe. */
enum { PREFIX_KEY_MAX = 63, ANY_NEXT = 1 };

/* A slot for the first two bytes of a word of two bytes or more (one-word
 * prefix cues have three): most words share theirs with no prefix cue. */
static unsigned pair_slot(const char *s)
{
    return ((unsigned char)s[0] * 33u + (unsigned char)s[1]) & 255;
}

static uint32_t start_bytes(const char *s, size_t n)
{
    uint64_t h = wa_map_hash(s, n);
    return (uint32_t)(h ^ h >> 32);
}

static uint32_t start_key(uint32_t word, unsigned char next, int verb)
{
    return ((word ^ next) * 0x01000193u ^ (verb ? 0x5BD1E995u : 0)) * 0x9E3779B1u;
}

static int start_bit(const ck_boiler *b, uint32_t k)
{
    unsigned hi = k >> 16, lo = k & 0xFFFF;
    return (b->starts[hi >> 6] >> (hi & 63)) & (b->starts[lo >> 6] >> (lo & 63)) & 1;
}

static void set_start_bit(ck_boiler *b, uint32_t k)
{
    b->starts[k >> 22] |= 1ull << (k >> 16 & 63);
    b->starts[(k & 0xFFFF) >> 6] |= 1ull << (k & 63);
}

/* Whether a site cue, or at the opening of a segment a verb cue, may
 * start so. */
static int start_known(const ck_boiler *b, uint32_t word, unsigned char next, int seg)
{
    for (int verb = 0; verb <= seg; verb++)
        if (start_bit(b, start_key(word, next, verb)))
            return 1;
    return 0;
}

/* Whether a cue can raise the score: a site or verb cue of some weight. */
static int raises(const cue *c) { return (c->kind == K_SITE || c->kind == K_VERB) && c->weight; }

/* Fills starts[] from the cues, once all are read. */
static void index_starts(ck_boiler *b)
{
    for (size_t j = 0; j < b->ncues; j++) {
        const cue *c = &b->cues[j];
        if (!raises(c))
            continue;
        int pre = c->prefix && c->nwords == 1;
        size_t l = pre && c->len[0] > PREFIX_KEY_MAX ? PREFIX_KEY_MAX : c->len[0];
        if (pre)
            b->prefix_lens[pair_slot(c->text)] |= 1ull << l;
        uint32_t word = start_bytes(c->text, l);
        unsigned char next = pre ? '*' : c->nwords > 1 ? (unsigned char)c->text[c->off[1]] : 0;
        set_start_bit(b, start_key(word, next, c->kind == K_VERB));
        if (!pre)
            set_start_bit(b, start_key(word, ANY_NEXT, 0));
    }
}

/* A word of a line or of a cue. */
typedef struct bword {
    const char *s;
    unsigned short len;
    unsigned char num, quote, seg, clitic; /* clitic: joined by '-' to the previous */
} bword;

/* ------------------------------------------------------------------ */
/* Words */

/* ASCII letters and digits: 1 for a letter, 2 for a digit. */
#define WB1(c) (unsigned char)(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ? 1 : (c) >= '0' && (c) <= '9' ? 2 : 0)
#define WB4(c) WB1(c), WB1((c) + 1), WB1((c) + 2), WB1((c) + 3)
#define WB16(c) WB4(c), WB4((c) + 4), WB4((c) + 8), WB4((c) + 12)
static const unsigned char ascii_word[128] = {WB16(0x00), WB16(0x10), WB16(0x20), WB16(0x30),
                                              WB16(0x40), WB16(0x50), WB16(0x60), WB16(0x70)};

/* Whether byte c at s[i] starts a letter: ASCII letters and digits, and
 * non-ASCII characters except the Latin-1 symbols (C2 xx: no-break space,
 * « », ©, °) and general punctuation and currency (E2 80 xx, E2 82 xx).
 * Returns the bytes of the letter, 0 when it is none. */
static inline size_t letter_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return ascii_word[c] != 0;
    if (c < 0xC0)
        return 0;
    size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + l > n)
        return 0;
    if (c == 0xC2)
        return 0;
    if (c == 0xE2 && ((unsigned char)s[i + 1] == 0x80 || (unsigned char)s[i + 1] == 0x82))
        return 0;
    return l;
}

/* The index of the lowest set bit of m (m != 0). */
static inline unsigned low_bit(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    while (!(m & 1)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* Bits [a, b) of a 64-bit mask, 0 <= a <= b <= 64. */
static inline uint64_t bit_range(unsigned a, unsigned b)
{
    uint64_t upto_b = b >= 64 ? ~0ull : (1ull << b) - 1;
    return upto_b & ~((1ull << a) - 1);
}

/* Words of a block of a line, as bits (word_block()). */
typedef struct wblock {
    uint64_t word, other;
} wblock;

/* Bit i set for each byte i of m with its bit 7 set (m: bits 7 only). */
static inline uint64_t byte_bits(uint64_t m)
{
    return ((m >> 7) * 0x0102040810204080ull) >> 56;
}

/* The ASCII letters (wa_ascii_letter_bits), ASCII digits and non-ASCII
 * bytes of eight bytes, each as a bit 7 in its byte: each byte's range is
 * tested at once in all eight (bit 7 cleared first, so that no sum carries
 * into the next byte). */
static inline void ascii_kinds(uint64_t x, uint64_t *letter, uint64_t *digit, uint64_t *high)
{
    const uint64_t b7 = 0x8080808080808080ull, each = 0x0101010101010101ull;
    uint64_t y = x & ~b7;
    *letter = wa_ascii_letter_bits(x);
    *digit = (y + (0x80 - '0') * each) & ~(y + (0x80 - '9' - 1) * each) & ~x & b7;
    *high = x & b7;
}

/* The bytes of a line by 64 (bit j for byte base + j): those inside words
 * (`word`) and those inside words that are no ASCII digit (`other`).  A
 * letter of several bytes takes its bytes whatever they are (as letter_len
 * reads them), here or in the next block: *taken is where the last one
 * ends.  Masks instead of a loop per word: where words end cannot be
 * predicted, and a branch per byte missed about once a word. */
static wblock word_block(const char *s, size_t n, size_t base, size_t *taken)
{
    size_t len = n - base < 64 ? n - base : 64;
    uint64_t word = 0, digit = 0, high = 0;
    for (size_t j = 0; j < len; j += 8) {
        unsigned char tail[8] = {0}; /* past the end: no letter */
        const unsigned char *p = (const unsigned char *)s + base + j;
        if (len - j < 8)
            p = memcpy(tail, p, len - j);
        uint64_t l, d, h;
        ascii_kinds(wa_load_le64(p), &l, &d, &h);
        word |= byte_bits(l | d) << j;
        digit |= byte_bits(d) << j;
        high |= byte_bits(h) << j;
    }
    uint64_t other = word & ~digit;
    if (*taken > base) { /* the end of a letter from the block before */
        uint64_t rest = bit_range(0, (unsigned)(*taken - base < 64 ? *taken - base : 64));
        word |= rest;
        other |= rest;
        high &= ~rest;
    }
    while (high) {
        unsigned j = low_bit(high);
        high &= high - 1;
        size_t l = letter_len(s, n, base + j);
        if (!l)
            continue;
        *taken = base + j + l;
        uint64_t bits = bit_range(j, j + l < 64 ? (unsigned)(j + l) : 64);
        word |= bits;
        other |= bits;
        high &= ~bits;
    }
    return (wblock){word, other};
}

/* What split_words() knows between words. */
typedef struct wstate {
    int quote, straight, seg, hyphen, credit;
} wstate;

/* Reads the bytes between words, s[a, b): segment ends, quotes, a ©, a
 * hyphen right after the last word. */
static void between_words(const char *s, size_t n, size_t a, size_t b, const bword *w, size_t nw,
                          wstate *st)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        st->hyphen = c == '-' && nw > 0 && w[nw - 1].s + w[nw - 1].len == s + i;
        if (c == ' ')
            continue;
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
            st->seg = 1;
        else if (c == '"')
            st->straight = !st->straight;
        else if (c == 0xC2 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d == 0xAB)
                st->quote++;
            else if (d == 0xBB && st->quote > 0)
                st->quote--;
            else if (d == 0xA9)
                st->credit = 1 + (int)nw; /* 1 + the words before the © */
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            if (d == 0x9C)
                st->quote++;
            else if (d == 0x9D && st->quote > 0)
                st->quote--;
        }
    }
}

/* Splits a folded line into words: letters and digits; an apostrophe stays
 * on the word it ends (l', s'); hyphens split (connectez-vous: "connectez"
 * then the clitic "vous").  Sets quote (inside « », “ ” or "..."), seg
 * (first word of the line or after . ! ? : ;), num (all digits).  Also
 * reports a © sign and whether the line ends with a full stop or !. */
static size_t split_words(const char *s, size_t n, bword *w, size_t cap, int *credit, int *ends)
{
    size_t nw = 0;
    wstate st = {0, 0, 1, 0, 0};
    size_t start = 0, gap = 0, taken = 0; /* the word's start, the gap's start */
    int in = 0;                             /* inside a word */
    uint64_t other = 0;                     /* its non-digit bytes */
    for (size_t base = 0; base < n || in; base += 64) {
        wblock k = base < n ? word_block(s, n, base, &taken) : (wblock){0, 0};
        /* the bits where a word starts or ends */
        uint64_t edges = k.word ^ (k.word << 1 | (uint64_t)in);
        unsigned from = start > base ? (unsigned)(start - base) : 0;
        while (edges) {
            unsigned j = low_bit(edges);
            edges &= edges - 1;
            size_t p = base + j;
            if (!in) {
                if (p == gap + 1 && s[gap] == ' ')
                    st.hyphen = 0; /* the usual gap: one space */
                else
                    between_words(s, n, gap, p, w, nw, &st);
                start = p;
                from = j;
                other = 0;
                in = 1;
                continue;
            }
            other |= k.other & bit_range(from, j);
            size_t e = p < n && s[p] == '\'' ? p + 1 : p;
            if (nw < cap) {
                w[nw] = (bword){s + start, (unsigned short)(e - start), (unsigned char)!other,
                                (unsigned char)(st.quote || st.straight), (unsigned char)st.seg,
                                (unsigned char)st.hyphen};
                nw++;
            }
            st.seg = st.hyphen = 0;
            gap = e;
            in = 0;
        }
        if (in)
            other |= k.other & bit_range(from, 64);
    }
    between_words(s, n, gap, n, w, nw, &st);
    *credit = st.credit;
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ')' || s[e - 1] == '"'))
        e--;
    *ends = e > 0 && (s[e - 1] == '.' || s[e - 1] == '!');
    /* an ellipsis ends nothing: "Lire la suite..." */
    if (e >= 2 && s[e - 1] == '.' && s[e - 2] == '.')
        *ends = 0;
    return nw;
}

/* ------------------------------------------------------------------ */
/* Loading */

static int add_cue(void *ctx, const char *line, size_t n)
{
    ck_boiler *b = ctx;
    size_t k = 0;
    while (k < n && line[k] != ' ' && line[k] != '\t')
        k++;
    int kind = -1;
    for (int i = 0; i < K_NKINDS; i++)
        if (strlen(kind_names[i]) == k && memcmp(kind_names[i], line, k) == 0)
            kind = i;
    while (k < n && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (kind < 0 || k >= n || line[k] < '0' || line[k] > '9')
        return WA_EDATA;
    int weight = 0;
    while (k < n && line[k] >= '0' && line[k] <= '9')
        weight = weight * 10 + (line[k++] - '0');
    if (weight > 9 || k >= n || (line[k] != ' ' && line[k] != '\t'))
        return WA_EDATA;
    if (wa_grow(&b->cues, &b->capcues, b->ncues, sizeof *b->cues, 256))
        return WA_ENOMEM;
    b->key.len = 0;
    ck_fold(line + k, n - k, &b->key);
    if (b->key.failed)
        return WA_ENOMEM;
    cue *c = &b->cues[b->ncues];
    memset(c, 0, sizeof *c);
    c->kind = (unsigned char)kind;
    c->weight = (unsigned char)weight;
    c->next = -1;
    size_t tl = b->key.len;
    int prefix = tl > 1 && b->key.data[tl - 1] == '*';
    if (prefix)
        tl--;
    if (!(c->text = wa_strndup(b->key.data, tl)))
        return WA_ENOMEM;
    bword w[MAX_CUE_WORDS + 1];
    int credit, ends;
    size_t nw = split_words(c->text, tl, w, MAX_CUE_WORDS + 1, &credit, &ends);
    if (nw == 0 || nw > MAX_CUE_WORDS || (prefix && w[nw - 1].s + w[nw - 1].len != c->text + tl)) {
        free(c->text);
        return WA_EDATA;
    }
    c->nwords = (unsigned char)nw;
    c->prefix = (unsigned char)prefix;
    for (size_t i = 0; i < nw; i++) {
        c->off[i] = (unsigned short)(w[i].s - c->text);
        c->len[i] = w[i].len;
    }
    int idx = (int)b->ncues++;
    if (prefix && nw == 1 && c->len[0] < 3) {
        free(c->text);
        b->ncues--;
        return WA_EDATA; /* a prefix of three bytes at least */
    }
    unsigned hb = head_bit(c->text, c->len[0]);
    b->heads[hb >> 6] |= 1ull << (hb & 63);
    int pre = prefix && nw == 1;
    void **v = pre ? wa_map_put(b->prefixed, c->text, 3, NULL)
                   : wa_map_put(b->first, c->text, c->len[0], NULL);
    if (!v)
        return WA_ENOMEM;
    /* append to the chain so that the file order is kept */
    if (!*v) {
        *v = (void *)(uintptr_t)(idx + 1);
    } else {
        int j = (int)(uintptr_t)*v - 1;
        while (b->cues[j].next >= 0)
            j = b->cues[j].next;
        b->cues[j].next = idx;
    }
    return 0;
}

int ck_boiler_open(ck_boiler **out, const char *data_dir, wa_error *err)
{
    *out = NULL;
    ck_boiler *b = wa_calloc(1, sizeof *b);
    if (!b)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    wa_buf_init(&b->key);
    if (!(b->first = wa_map_new(512)) || !(b->prefixed = wa_map_new(64))) {
        ck_boiler_free(b);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    int rc = wa_read_list(data_dir, "boilerplate-cues.txt", add_cue, b, err);
    if (rc) {
        ck_boiler_free(b);
        return rc;
    }
    index_starts(b);
    *out = b;
    return 0;
}

void ck_boiler_free(ck_boiler *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->ncues; i++)
        free(b->cues[i].text);
    free(b->cues);
    wa_map_free(b->prefixed);
    wa_map_free(b->first);
    wa_buf_free(&b->key);
    free(b);
}

/* ------------------------------------------------------------------ */
/* Scoring */

/* Whether cue c matches the words from w[i]; none inside quotes. */
static int cue_matches(const cue *c, const bword *w, size_t nw, size_t i)
{
    if (i + c->nwords > nw)
        return 0;
    for (size_t k = 0; k < c->nwords; k++) {
        const bword *x = &w[i + k];
        size_t cl = c->len[k];
        int last_prefix = c->prefix && k + 1 == c->nwords;
        if (x->quote || (last_prefix ? x->len < cl : x->len != cl) ||
            memcmp(x->s, c->text + c->off[k], cl) != 0)
            return 0;
    }
    return 1;
}

/* A French imperative of the second person plural opening a segment
 * (cliquez, recevez, retrouvez), or any word with a "-vous" / "-nous"
 * clitic after it. */
static int imperative(const bword *w, size_t nw, size_t i)
{
    const bword *x = &w[i];
    if (i + 1 < nw && w[i + 1].clitic && !w[i + 1].quote &&
        ((w[i + 1].len == 4 && (memcmp(w[i + 1].s, "vous", 4) == 0 ||
                                memcmp(w[i + 1].s, "nous", 4) == 0))))
        return 1;
    return x->seg && x->len >= 5 && memcmp(x->s + x->len - 2, "ez", 2) == 0 &&
           !(x->len == 5 && memcmp(x->s, "assez", 5) == 0);
}

/* What the cues found on a line so far. */
typedef struct tally {
    int sum[K_NKINDS];
    unsigned char covered[MAX_LINE_WORDS]; /* by any cue */
    unsigned char counted[MAX_LINE_WORDS]; /* bit per kind: weight taken */
    int seen[32], nseen, reader;
} tally;

/* Takes cue j, found at word i, into the tally: each cue counts once a
 * line, overlapping cues of a kind once ("e mail" then "mail"), interface
 * verbs only where they open a segment. */
static void take_cue(const ck_boiler *b, int j, const bword *w, size_t i, tally *t)
{
    const cue *c = &b->cues[j];
    for (size_t k = 0; k < c->nwords; k++)
        t->covered[i + k] = 1;
    int dup = 0, overlap = 0;
    for (int q = 0; q < t->nseen; q++)
        dup |= t->seen[q] == j;
    for (size_t k = 0; k < c->nwords; k++)
        overlap |= t->counted[i + k] & (1u << c->kind);
    if (dup || overlap || !c->weight || (c->kind == K_VERB && !w[i].seg) || t->nseen == 32)
        return;
    for (size_t k = 0; k < c->nwords; k++)
        t->counted[i + k] |= (unsigned char)(1u << c->kind);
    t->seen[t->nseen++] = j;
    t->sum[c->kind] += c->weight;
    if (c->kind == K_READER)
        t->reader = 1;
}

/* The score of a line cut into words by split_words(). */
static int score_words(const ck_boiler *b, const bword *w, size_t nw, int credit, int ends,
                       int lower_start)
{
    if (nw == 0)
        return 0;
    tally t;
    memset(&t, 0, sizeof t);
    int words = 0;
    for (size_t i = 0; i < nw; i++) {
        words += !w[i].num;
        if (w[i].quote)
            continue;
        if (imperative(w, nw, i))
            t.reader = 1;
        /* cues whose first word is this one, then one-word prefix cues */
        unsigned hb = head_bit(w[i].s, w[i].len);
        if (!(b->heads[hb >> 6] & (1ull << (hb & 63))))
            continue;
        void **v = wa_map_get(b->first, w[i].s, w[i].len);
        for (int j = v ? (int)(uintptr_t)*v - 1 : -1; j >= 0; j = b->cues[j].next)
            if (cue_matches(&b->cues[j], w, nw, i))
                take_cue(b, j, w, i, &t);
        v = w[i].len >= 3 && !w[i].num ? wa_map_get(b->prefixed, w[i].s, 3) : NULL;
        for (int j = v ? (int)(uintptr_t)*v - 1 : -1; j >= 0; j = b->cues[j].next)
            if (cue_matches(&b->cues[j], w, nw, i))
                take_cue(b, j, w, i, &t);
    }
    int *sum = t.sum, reader = t.reader;
    const unsigned char *covered = t.covered;
    int iface = sum[K_SITE] + sum[K_VERB];
    int pure = 1, count = w[nw - 1].num && !w[nw - 1].quote;
    for (size_t i = 0; i < nw; i++)
        if (!covered[i] && !w[i].num)
            pure = 0;
    int score = iface - sum[K_NEWS];
    if (iface > 0) {
        score += 2 * reader + (sum[K_VOICE] > 0) + count;
        if (pure)
            score += 2;
        if (!ends && words <= 8)
            score += 1; /* a label or a heading, not a sentence */
        else if (ends && !reader && !sum[K_VOICE])
            score -= 1; /* a sentence about something, not to the reader */
    }
    if (credit && words <= 15)
        score += 4;
    if (words > 30)
        score -= 2;
    if (lower_start)
        score -= 2; /* the rest of a hard-wrapped sentence */
    /* a photo caption ending with its credit, whatever it describes:
     * "..., le 14 janvier. © Thomas Samson / AFP" */
    if (credit && nw + 1 - (size_t)credit <= 6 && words <= 40 && score < CK_BOILER_THRESHOLD)
        score = CK_BOILER_THRESHOLD;
    return score;
}

int ck_boiler_score(const ck_boiler *b, const char *s, size_t n, int lower_start)
{
    bword w[MAX_LINE_WORDS];
    int credit, ends;
    size_t nw = split_words(s, n, w, MAX_LINE_WORDS, &credit, &ends);
    return score_words(b, w, nw, credit, ends, lower_start);
}

/* Whether a site or verb cue of some weight may start at word i. */
static int may_start_cue(const ck_boiler *b, const bword *w, size_t nw, size_t i)
{
    const bword *x = &w[i];
    /* its prefixes of a prefix cue's length (a number matches no prefix
     * cue), taken by their bits: a loop over the lengths missed its end
     * about once a word */
    uint64_t lens = 0;
    if (!x->num && x->len >= 3)
        lens = b->prefix_lens[pair_slot(x->s)] &
               bit_range(0, x->len < PREFIX_KEY_MAX ? x->len + 1u : PREFIX_KEY_MAX + 1u);
    for (; lens; lens &= lens - 1)
        if (start_known(b, start_bytes(x->s, low_bit(lens)), '*', x->seg))
            return 1;
    /* the whole word: first whether such a cue starts with it at all */
    uint32_t h = start_bytes(x->s, x->len);
    if (!start_bit(b, start_key(h, ANY_NEXT, 0)))
        return 0;
    return start_known(b, h, 0, x->seg) ||
           (i + 1 < nw && start_known(b, h, (unsigned char)w[i + 1].s[0], x->seg));
}

/* Whether a site or verb cue of some weight may start at a word out of
 * quotes.  Without one the interface weights are zero, and only a © can
 * lift the score: the news weights, a long line and a lower-case start
 * only take from it. */
static int may_be_interface(const ck_boiler *b, const bword *w, size_t nw)
{
    for (size_t i = 0; i < nw; i++)
        if (!w[i].quote && may_start_cue(b, w, nw, i))
            return 1;
    return 0;
}

int ck_boiler_is(const ck_boiler *b, const char *s, size_t n, int lower_start)
{
    bword w[MAX_LINE_WORDS];
    int credit, ends;
    size_t nw = split_words(s, n, w, MAX_LINE_WORDS, &credit, &ends);
    if (!credit && !may_be_interface(b, w, nw))
        return 0;
    return score_words(b, w, nw, credit, ends, lower_start) >= CK_BOILER_THRESHOLD;
}
