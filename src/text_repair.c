/* Mojibake repair: UTF-8 that was decoded once or more as windows-1252 or
 * Latin-1 ("lâ€™Arménie", "AzerbaÃƒÂ¯djan") is turned back, run by run. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "text_internal.h"

#define MAX_LAYERS 3
/* Longest run (bytes) examined at once. */
#define MAX_RUN 16384

/* windows-1252 bytes 0x80-0x9F; 0 marks the five undefined bytes, which
 * Windows decodes as the C1 controls U+0081 ... (as Latin-1 does). */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The byte a non-ASCII character came from if it was produced by decoding
 * one byte as windows-1252 or Latin-1; -1 when it cannot have been. */
static int byte_of(int32_t cp)
{
    if (cp >= 0x80 && cp <= 0xFF)
        return (int)cp;
    if (cp < 0x152 || cp > 0x2122)
        return -1;
    for (int k = 0; k < 32; k++)
        if (CP1252_HIGH[k] == cp)
            return 0x80 + k;
    return -1;
}

/* Bytes whose windows-1252 character legitimately follows a word (an
 * accented capital at the end of "LIBERTÉ»" or "MANHÃ…"): ‚ „ … ‹ ‘ ’ “ ”
 * – — › NBSP « ° ² ³ · ¹ ». */
static int after_word(int b)
{
    switch (b) {
    case 0x82: case 0x84: case 0x85: case 0x8B: case 0x91: case 0x92:
    case 0x93: case 0x94: case 0x96: case 0x97: case 0x9B: case 0xA0:
    case 0xAB: case 0xB0: case 0xB2: case 0xB3: case 0xB7: case 0xB9:
    case 0xBB:
        return 1;
    default:
        return 0;
    }
}

enum { NO = 0, YES = 1, IN_RUN = 2, AFTER_LETTER = 3, IN_WORD = 4 };

/* Is cp a character that real text holds, so that producing it is a
 * plausible repair?  YES: alone.  IN_RUN: only next to another repaired
 * character (a single CJK, Indic or Hebrew-point character between Latin
 * letters is far more likely a coincidence, such as "é" NBSP "»" reading as
 * U+983B).  AFTER_LETTER: a common combining mark (U+0300-U+033F), right
 * after a letter (NFD).  IN_WORD: the rarer Latin Extended-B and IPA
 * letters (ɛ, ǽ), only followed by a letter: at a word end "É…", "É»",
 * "É’" are French capitals before punctuation. */
static int plausible(int32_t cp)
{
    if (cp < 0xA0)
        return NO; /* C1 controls */
    if (cp <= 0x17F)
        return YES; /* Latin-1, Latin Extended-A */
    if (cp < 0x250) {
        switch (cp) {
        case 0x18F: case 0x192: case 0x1A0: case 0x1A1: case 0x1AF:
        case 0x1B0: case 0x1E6: case 0x1E7: case 0x218: case 0x219:
        case 0x21A: case 0x21B:
            return YES;
        default:
            return cp >= 0x1CD && cp <= 0x1DC ? YES : IN_WORD;
        }
    }
    if (cp < 0x300)
        return (cp == 0x259 || cp == 0x2BB || cp == 0x2BC || cp == 0x2BE ||
                cp == 0x2BF || (cp >= 0x2C6 && cp <= 0x2DD)) ? YES : IN_WORD;
    if (cp <= 0x33F)
        return AFTER_LETTER;
    if (cp <= 0x36F)
        return NO;
    if ((cp >= 0x384 && cp <= 0x3CE) || (cp >= 0x400 && cp <= 0x4FF) ||
        (cp >= 0x531 && cp <= 0x58A) || (cp >= 0x5D0 && cp <= 0x5EA) ||
        (cp >= 0x5F0 && cp <= 0x5F4) ||
        (cp >= 0x60C && cp <= 0x6FF && !(cp >= 0x64B && cp <= 0x65F)))
        return YES; /* Greek, Cyrillic, Armenian, Hebrew and Arabic letters */
    if ((cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x27BF))
        return YES; /* Vietnamese; punctuation, currency, symbols */
    if ((cp >= 0xFB00 && cp <= 0xFB06) || cp == 0xFEFF || cp == 0xFFFD ||
        (cp >= 0x1F000 && cp <= 0x1FAFF))
        return YES; /* ligatures, BOM, replacement character, emoji */
    if (cp >= 0xE000 && cp <= 0xF8FF)
        return NO; /* private use */
    int gc = u_charType(cp);
    if (gc == U_UNASSIGNED || gc == U_CONTROL_CHAR || gc == U_PRIVATE_USE_CHAR ||
        gc == U_SURROGATE || gc == U_FORMAT_CHAR)
        return cp == 0x200B || cp == 0x200C || cp == 0x200D ? IN_RUN : NO;
    return IN_RUN; /* any other script */
}

/* One character of a run: what it is now and where it came from in the
 * input text. */
typedef struct unit {
    int32_t cp;
    int byte; /* byte_of(cp) */
    size_t start, end;
    int layers;
    int weak;
    int seqlen; /* bytes of the UTF-8 sequence it was decoded from */
    int in_run; /* plausible only as part of a longer repaired stretch */
    size_t from; /* index of its first part in the previous layer */
} unit;

typedef struct run_ctx {
    const char *s;
    size_t n;
    unit *lay[MAX_LAYERS + 1]; /* units after each layer (0: as read) */
    size_t nlay[MAX_LAYERS + 1];
    unit *tmp; /* candidates of the layer being built */
    size_t cap;
    wa_edits *edits;
    int strong; /* a repair that is not weak was found */
} run_ctx;

/* The character before s[at], looking through combining marks to their
 * base (the text is not in NFC yet: "z" U+0301 is "ź"); -1 at the start. */
static int32_t char_before(const char *s, size_t at)
{
    while (at > 0) {
        size_t p = at - 1;
        while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        size_t q = p;
        int32_t cp = wa_text_utf8_decode((const unsigned char *)s, at, &q);
        if (cp < 0 || u_charType(cp) != U_NON_SPACING_MARK)
            return cp;
        at = p;
    }
    return -1;
}

static int32_t char_at(const char *s, size_t n, size_t at)
{
    if (at >= n)
        return -1;
    return wa_text_utf8_decode((const unsigned char *)s, n, &at);
}

static int same_case_letters(int32_t a, int32_t b)
{
    if (a < 0 || b < 0 || !u_isalpha(a) || !u_isalpha(b))
        return 0;
    return (u_isupper(a) && u_isupper(b)) || (u_islower(a) && u_islower(b));
}

/* Text that merely looks like mojibake: an accented letter continuing a
 * word of the same case, followed only by punctuation that can end a word,
 * at the end of the word ("LIBERTÉ»", "MANHÃ”"), or a one-letter word
 * ("Ô…"); or capitals inside a capitalized word ("ÚŽASNÝ", "PROHLÍŽEČ"). */
static int looks_legit(const run_ctx *c, const unit *u, int len)
{
    int32_t prev = char_before(c->s, u[0].start);
    int32_t next = char_at(c->s, c->n, u[len - 1].end);
    int caps = 1;
    for (int k = 0; k < len; k++)
        caps = caps && u_isupper(u[k].cp);
    if (caps && ((prev >= 0 && u_isupper(prev)) || (next >= 0 && u_isupper(next))))
        return 1;
    if (prev >= 0 && u_isalpha(prev)) {
        if (!same_case_letters(prev, u[0].cp))
            return 0;
    } else if (!u_isupper(u[0].cp) || u[0].byte == 0xC2 || u[0].byte == 0xC3) {
        return 0; /* a capital alone may be a word ("Ô", "É"), never Â or Ã */
    }
    for (int k = 1; k < len; k++)
        if (!after_word(u[k].byte))
            return 0;
    return !(next >= 0 && u_isalpha(next));
}

/* Two common damaged forms that the generic rule cannot decode, at the end
 * of a run or before a character that cannot come from one byte:
 * "â€" whose third byte 0x9D (undefined in windows-1252) was dropped or
 * became U+FFFD is "”"; "Ã" followed by a plain space is "à" whose 0xA0
 * (no-break space) became a space, unless it ends a capitalized word
 * ("IRMÃ E").  Fills *v and returns 1 when one applies. */
static int special(const run_ctx *c, const unit *u, size_t nu, size_t i, int layer, unit *v)
{
    if (u[i].byte == 0xE2 && i + 2 <= nu && u[i + 1].byte == 0x80 &&
        (i + 2 == nu || u[i + 2].byte < 0)) {
        size_t end = u[i + 1].end;
        if (end + 3 <= c->n && memcmp(c->s + end, "\xEF\xBF\xBD", 3) == 0)
            end += 3;
        *v = (unit){0x201D, byte_of(0x201D), u[i].start, end, layer, 0, 2, 0, i};
        return 1;
    }
    if (u[i].byte == 0xC3 && i + 1 == nu && u[i].end < c->n && c->s[u[i].end] == ' ') {
        int32_t prev = char_before(c->s, u[i].start);
        if (prev >= 0 && u_isupper(prev))
            return 0;
        int weak = u[i].layers == 0 && !(prev >= 0 && u_islower(prev));
        *v = (unit){0xE0, 0xE0, u[i].start, u[i].end + 1, layer, weak, 1, 0, i};
        return 1;
    }
    return 0;
}

/* One layer of decoding: each stretch of units whose bytes form one valid
 * UTF-8 character, plausible or possibly an intermediate of a deeper layer
 * (a C1 control from a windows-1252 hole), becomes one unit.  On layer 1
 * the units are as read; later layers need at least one unit that the
 * layer before decoded (so that a decoded character joins an untouched
 * neighbour now, as a second pass would).  Reads c->lay[layer - 1], writes c->lay[layer]; every
 * unit's `from` indexes the array of the layer below its own.  Returns 1
 * when anything was decoded. */
static int layer_pass(run_ctx *c, int layer)
{
    const unit *u = c->lay[layer - 1];
    size_t nu = c->nlay[layer - 1];
    unit *o = c->tmp;
    size_t no = 0, i = 0;
    int changed = 0;
    while (i < nu) {
        int lead = u[i].byte, len = 0;
        if (lead >= 0xC2 && lead <= 0xDF) len = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) len = 3;
        else if (lead >= 0xF0 && lead <= 0xF4) len = 4;
        int ok = len > 0 && i + (size_t)len <= nu;
        unsigned char bytes[4];
        int fresh = 1, top = 0; /* all parts as read; deepest part */
        for (int k = 0; ok && k < len; k++) {
            ok = u[i + k].byte >= 0;
            fresh = fresh && u[i + k].layers == 0;
            if (u[i + k].layers > top)
                top = u[i + k].layers;
            bytes[k] = (unsigned char)u[i + k].byte;
        }
        /* Something new to decode: at least one part decoded by the last
         * layer, or, on the first, parts as read. */
        ok = ok && (layer == 1 ? fresh : top == layer - 1);
        int32_t cp = -1;
        if (ok) {
            size_t p = 0;
            cp = wa_text_utf8_decode(bytes, (size_t)len, &p);
            ok = cp >= 0 && p == (size_t)len;
        }
        int pl = ok ? plausible(cp) : NO;
        if (pl == AFTER_LETTER) {
            int32_t prev = no > 0 && o[no - 1].end == u[i].start ? o[no - 1].cp
                                                                 : char_before(c->s, u[i].start);
            pl = prev >= 0 && u_isalpha(prev) ? YES : NO;
        } else if (pl == IN_WORD) {
            /* ... but not across an apostrophe ("CAFÉ’S"). */
            int32_t next = char_at(c->s, c->n, u[i + (size_t)len - 1].end);
            pl = next >= 0 && u_isalpha(next) && bytes[1] != 0x91 && bytes[1] != 0x92 &&
                         bytes[1] != 0xB4
                     ? YES
                     : NO;
        }
        if (pl == NO && ok && layer < MAX_LAYERS && cp >= 0x80 && cp < 0xA0)
            pl = YES; /* provisional: expanded back unless decoded further */
        if (pl == NO && special(c, u, nu, i, layer, &o[no]) &&
            (layer == 1 ? u[i].layers == 0
                        : u[i].layers == layer - 1 ||
                              (o[no].seqlen == 2 && u[i + 1].layers == layer - 1))) {
            i = o[no].from + (size_t)o[no].seqlen;
            no++;
            changed = 1;
            continue;
        }
        if (pl == NO) {
            o[no++] = u[i++];
            continue;
        }
        unit v = {cp, byte_of(cp), u[i].start, u[i + (size_t)len - 1].end, layer,
                  fresh && looks_legit(c, u + i, len), len, pl == IN_RUN, i};
        o[no++] = v;
        i += (size_t)len;
        changed = 1;
    }
    /* A character plausible only inside a longer stretch of repaired
     * characters stands alone: undo it. */
    unit *f = c->lay[layer];
    size_t nf = 0;
    for (size_t k = 0; k < no; k++) {
        unit v = o[k];
        int alone = 0;
        if (v.in_run && v.layers == layer) {
            int left = k > 0 && o[k - 1].layers == layer && o[k - 1].seqlen >= 2;
            int right = k + 1 < no && o[k + 1].layers == layer && o[k + 1].seqlen >= 2;
            alone = !left && !right;
            if (alone) {
                /* Alone but not touching a letter (a one-character word):
                 * kept as a weak repair, made only in a text that has
                 * certain ones. */
                int32_t prev = k > 0 ? o[k - 1].cp : char_before(c->s, v.start);
                int32_t next = k + 1 < no ? o[k + 1].cp : char_at(c->s, c->n, v.end);
                if (!(prev >= 0 && u_isalpha(prev)) && !(next >= 0 && u_isalpha(next))) {
                    alone = 0;
                    v.weak = 1;
                }
            }
        }
        if (!alone) {
            f[nf++] = v;
            continue;
        }
        for (size_t q = v.from; q < v.from + (size_t)v.seqlen; q++)
            f[nf++] = u[q];
    }
    c->nlay[layer] = nf;
    return changed;
}

static int grow(run_ctx *c, size_t need)
{
    if (need <= c->cap)
        return 0;
    size_t cap = c->cap ? c->cap : 64;
    while (cap < need)
        cap *= 2;
    for (int k = 0; k <= MAX_LAYERS + 1; k++) {
        unit **b = k <= MAX_LAYERS ? &c->lay[k] : &c->tmp;
        unit *m = realloc(*b, cap * sizeof *m);
        if (!m)
            return WA_ENOMEM;
        *b = m;
    }
    c->cap = cap;
    return 0;
}

/* Records the edits of a final unit; a unit whose character is not
 * plausible (a provisional intermediate) is replaced by its parts. */
static int emit(run_ctx *c, const unit *v)
{
    if (v->layers == 0)
        return 0;
    if (v->cp >= 0x80 && v->cp < 0xA0) {
        const unit *parts = c->lay[v->layers - 1];
        for (size_t q = v->from; q < v->from + (size_t)v->seqlen; q++)
            if (emit(c, &parts[q]))
                return WA_ENOMEM;
        return 0;
    }
    wa_edit e = {v->start, v->end, 0, 0, v->layers, v->weak, v->cp};
    if (!e.weak)
        c->strong = 1;
    return wa_edits_push(c->edits, e);
}

/* Repairs the run s[a..b) of characters that may come from single bytes. */
static int do_run(run_ctx *c, size_t a, size_t b)
{
    size_t nu = 0;
    for (size_t i = a; i < b;) {
        size_t st = i;
        int32_t cp = wa_text_utf8_decode((const unsigned char *)c->s, c->n, &i);
        if (grow(c, nu + 1))
            return WA_ENOMEM;
        c->lay[0][nu++] = (unit){cp, byte_of(cp), st, i, 0, 0, 0, 0, 0};
    }
    c->nlay[0] = nu;
    int top = 0;
    while (top < MAX_LAYERS && layer_pass(c, top + 1))
        top++;
    for (size_t k = 0; k < c->nlay[top]; k++)
        if (emit(c, &c->lay[top][k]))
            return WA_ENOMEM;
    return 0;
}

int wa_text_repair_candidate(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while ((p = memchr(p, 0xC3, (size_t)(end - p))) && p + 1 < end) {
        unsigned char nx = (unsigned char)p[1];
        if (nx >= 0x82 && nx <= 0xB4) /* U+00C2..U+00F4: a UTF-8 lead byte */
            return 1;
        p++;
    }
    return 0;
}

/* One pass over s[0..n) (see wa_text_repair). */
static int repair_pass(const char *s, size_t n, wa_buf *out, wa_edits *edits, int *changed)
{
    run_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.n = n;
    wa_edits found = {0};
    c.edits = &found;
    int rc = 0;
    *changed = 0;
    const char *p = s, *end = s + n;
    while ((p = memchr(p, 0xC3, (size_t)(end - p))) && p + 1 < end) {
        unsigned char nx = (unsigned char)p[1];
        if (nx < 0x82 || nx > 0xB4) {
            p++;
            continue;
        }
        /* Mojibake needs two non-ASCII characters in a row, except "Ã "
         * (see special()): a lead followed by ASCII, like the "é" of
         * legitimate text, is skipped at once. */
        if (p + 2 < end && (unsigned char)p[2] < 0x80 && !(nx == 0x83 && p[2] == ' ')) {
            p += 2;
            continue;
        }
        /* A run: maximal stretch of non-ASCII characters that can each come
         * from one byte, starting at a possible lead. */
        size_t a = (size_t)(p - s), b = a;
        while (b < n && (unsigned char)s[b] >= 0x80) {
            /* Bound the work on pathological runs: cut before a lead. */
            if (b - a >= MAX_RUN && (unsigned char)s[b] == 0xC3)
                break;
            size_t q = b;
            int32_t cp = wa_text_utf8_decode((const unsigned char *)s, n, &q);
            if (byte_of(cp) < 0)
                break;
            b = q;
        }
        if (b > a && (rc = do_run(&c, a, b)))
            goto done;
        p = s + (b > a ? b : a + 1);
    }
    /* Weak repairs count only in a text that has certain ones. */
    size_t copied = 0;
    for (size_t k = 0; k < found.n; k++) {
        wa_edit e = found.v[k];
        if (e.weak && !c.strong)
            continue;
        if (!*changed) {
            wa_buf_reserve(out, n);
            *changed = 1;
        }
        wa_buf_add(out, s + copied, e.old_start - copied);
        e.new_start = out->len;
        /* A byte-order mark that went through mojibake is dropped at the
         * start of the text (elsewhere dropping it could join neighbours
         * into something new: it stays U+FEFF). */
        if (e.cp != 0xFEFF || e.old_start != 0) {
            char enc[4];
            wa_buf_add(out, enc, wa_utf8_encode(e.cp, enc));
        }
        e.new_end = out->len;
        copied = e.old_end;
        if (wa_edits_push(edits, e)) {
            rc = WA_ENOMEM;
            goto done;
        }
    }
    if (*changed) {
        wa_buf_add(out, s + copied, n - copied);
        if (out->failed)
            rc = WA_ENOMEM;
    }
done:
    for (int k = 0; k <= MAX_LAYERS; k++)
        free(c.lay[k]);
    free(c.tmp);
    free(found.v);
    return rc;
}

/* A T2 offset to T1 through A as the end of a span: inside an edit (or at
 * its end) it maps to the edit's old end. */
static size_t to_old_end(const wa_edits *a, size_t x)
{
    size_t lo = 0, hi = a->n; /* first edit with new_start >= x */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->v[mid].new_start < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return x;
    const wa_edit *ed = &a->v[lo - 1];
    return x <= ed->new_end ? ed->old_end : ed->old_end + (x - ed->new_end);
}

static int a_before(const wa_edit *a, size_t s2)
{
    return a->new_start == a->new_end ? a->new_start < s2 : a->new_end <= s2;
}

static int a_overlaps(const wa_edit *a, size_t s2, size_t e2)
{
    return a->new_start == a->new_end ? a->new_start >= s2 && a->new_start < e2
                                      : a->new_start < e2 && a->new_end > s2;
}

/* C = the edits of A (T1 -> T2) followed by those of B (T2 -> T3), as one
 * list T1 -> T3: an edit of B and the edits of A it touches merge. */
static int compose(const wa_edits *a, const wa_edits *b, wa_edits *c)
{
    size_t ia = 0, ib = 0;
    while (ia < a->n || ib < b->n) {
        if (ib == b->n || (ia < a->n && a_before(&a->v[ia], b->v[ib].old_start))) {
            wa_edit e = a->v[ia++];
            e.new_start = wa_edits_to_new(b, e.new_start, 0);
            e.new_end = wa_edits_to_new(b, e.new_end, 1);
            if (wa_edits_push(c, e))
                return WA_ENOMEM;
            continue;
        }
        const wa_edit *first = &b->v[ib];
        size_t s2 = first->old_start, e2 = first->old_end;
        size_t t1s = wa_edits_to_old(a, s2), t1e = to_old_end(a, e2);
        int below = 0, layers = first->layers;
        for (int grew = 1; grew;) {
            grew = 0;
            while (ia < a->n && a_overlaps(&a->v[ia], s2, e2)) {
                const wa_edit *x = &a->v[ia++];
                if (x->new_start < s2)
                    s2 = x->new_start;
                if (x->new_end > e2)
                    e2 = x->new_end;
                if (x->old_start < t1s)
                    t1s = x->old_start;
                if (x->old_end > t1e)
                    t1e = x->old_end;
                if (x->layers > below)
                    below = x->layers;
                grew = 1;
            }
            while (ib + 1 < b->n && b->v[ib + 1].old_start < e2) {
                const wa_edit *y = &b->v[++ib];
                if (y->old_end > e2)
                    e2 = y->old_end;
                size_t t = to_old_end(a, y->old_end);
                if (t > t1e)
                    t1e = t;
                if (y->layers > layers)
                    layers = y->layers;
                grew = 1;
            }
        }
        ib++;
        wa_edit e = {t1s, t1e, wa_edits_to_new(b, s2, 0), wa_edits_to_new(b, e2, 1),
                     layers + below, 0, first->cp};
        if (wa_edits_push(c, e))
            return WA_ENOMEM;
    }
    return 0;
}

/* Passes until nothing changes, so that the result is a fixed point (a
 * character decoded late can make a pattern that an earlier rule would
 * have taken); at most MAX_PASSES. */
#define MAX_PASSES 4

int wa_text_repair(const char *s, size_t n, wa_buf *out, wa_edits *edits,
                   int *changed)
{
    wa_buf cur;
    wa_buf_init(&cur);
    wa_edits acc = {0};
    int rc = 0;
    *changed = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        wa_buf next;
        wa_buf_init(&next);
        wa_edits e = {0};
        int ch = 0;
        rc = pass == 0 ? repair_pass(s, n, &next, &e, &ch)
                       : repair_pass(cur.data, cur.len, &next, &e, &ch);
        if (rc || !ch) {
            wa_buf_free(&next);
            free(e.v);
            break;
        }
        if (pass == 0) {
            acc = e;
        } else {
            wa_edits c = {0};
            rc = compose(&acc, &e, &c);
            free(acc.v);
            free(e.v);
            acc = c;
            if (rc) {
                wa_buf_free(&next);
                break;
            }
        }
        wa_buf_free(&cur);
        cur = next;
        *changed = 1;
    }
    if (rc || !*changed) {
        wa_buf_free(&cur);
        free(acc.v);
        *changed = 0;
        return rc;
    }
    *out = cur;
    for (size_t k = 0; k < acc.n && !rc; k++)
        rc = wa_edits_push(edits, acc.v[k]);
    free(acc.v);
    return rc;
}
