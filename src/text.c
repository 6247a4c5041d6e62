/* Reading wires: bytes in any encoding to normalized UTF-8 (NFC, LF, U+FFFD,
 * mojibake repaired) with a map from every output offset back to the input. */
#define _POSIX_C_SOURCE 200809L /* open, read */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "text_internal.h"

/* Longest stretch of output (bytes) one checkpoint of the offset map
 * covers when offsets must be found by counting characters. */
#define SEG_SPAN 4096
/* Block size of the character-count index used for columns. */
#define CK_BLOCK 4096
/* Mojibake repairs reported one by one through the warning callback. */
#define MAX_REPAIR_WARNINGS 10

/* A checkpoint of the map from the first-stage text (transcoded, line ends
 * and bad bytes fixed) back to the input.  From `norm` on, up to the next
 * checkpoint: width SEG_COPY means a byte-for-byte copy of the input at
 * `orig`; width w means each character came from w input bytes (0 for the
 * extra characters of an input sequence that gives several). */
#define SEG_COPY ((size_t)-1)
typedef struct seg {
    size_t norm;
    size_t orig;
    size_t width;
} seg;

struct wa_text {
    char *data; /* final text */
    size_t len;
    size_t orig_len;
    char *t1; /* first-stage text when it differs from data (for the map) */
    size_t t1_len;
    seg *segs;
    size_t nseg;
    wa_edits repair_edits; /* stage 2 (T1 -> T2) */
    wa_edits nfc_edits;    /* stage 3 (T2 -> final) */
    char encoding[64];
    const char *source;
    int confidence;
    wa_text_stats stats;
    wa_repair *repairs;
    wa_span *repair_t1; /* the repaired stretches in T1 */
    size_t nrepairs;
    size_t *lines; /* start offset of each line */
    size_t nlines;
    size_t *ck; /* ck[k]: characters in data[0 .. k * CK_BLOCK) */
};

/* ------------------------------------------------------------------ */
/* Stage 1: the emitter builds T1 and its checkpoints.                */

typedef struct emitter {
    wa_buf out;
    seg *segs;
    size_t nseg, capseg;
    size_t seg_chars; /* characters in the last checkpoint (width > 0) */
    size_t orig;      /* input offset of the next character */
    int pending_cr;
    int failed;
    wa_text_stats *st;
    size_t first_bad, first_nul; /* T1 offsets, SIZE_MAX when none */
} emitter;

static void em_init(emitter *e, wa_text_stats *st, size_t reserve, size_t orig)
{
    memset(e, 0, sizeof *e);
    wa_buf_init(&e->out);
    wa_buf_reserve(&e->out, reserve + 1);
    e->st = st;
    e->orig = orig;
    e->first_bad = e->first_nul = SIZE_MAX;
}

/* Makes sure the last checkpoint describes a character of `width` input
 * bytes starting at e->orig; adds one otherwise. */
static void em_seg(emitter *e, size_t width)
{
    if (e->nseg) {
        seg *s = &e->segs[e->nseg - 1];
        if (s->width == width) {
            if (width == SEG_COPY && e->orig == s->orig + (e->out.len - s->norm))
                return;
            if (width != SEG_COPY && e->orig == s->orig + width * e->seg_chars &&
                e->out.len - s->norm < SEG_SPAN)
                return;
        }
        if (s->norm == e->out.len) { /* empty checkpoint: reuse it */
            s->orig = e->orig;
            s->width = width;
            e->seg_chars = 0;
            return;
        }
    }
    if (wa_grow(&e->segs, &e->capseg, e->nseg, sizeof *e->segs, 64)) {
        e->failed = 1;
        return;
    }
    e->segs[e->nseg++] = (seg){e->out.len, e->orig, width};
    e->seg_chars = 0;
}

/* Appends n bytes that are an exact copy of the input at e->orig. */
static void em_copy(emitter *e, const char *s, size_t n)
{
    if (!n)
        return;
    em_seg(e, SEG_COPY);
    wa_buf_add(&e->out, s, n);
    e->orig += n;
}

/* Appends n ASCII bytes, each one character of one input byte. */
static void em_ascii1(emitter *e, const char *s, size_t n)
{
    while (n) {
        size_t k = n < 1024 ? n : 1024;
        em_seg(e, 1);
        wa_buf_add(&e->out, s, k);
        e->seg_chars += k;
        e->orig += k;
        s += k;
        n -= k;
    }
}

/* Appends one decoded character that came from `width` input bytes;
 * cp < 0 marks an invalid sequence.  Handles CR, CRLF and NUL. */
static void em_char(emitter *e, int32_t cp, size_t width)
{
    if (e->pending_cr) {
        e->pending_cr = 0;
        if (cp == '\n') { /* the LF of a CRLF: already written */
            e->orig += width;
            e->st->crlf++;
            e->st->cr--;
            return;
        }
    }
    if (cp == 0xFEFF && e->out.len == 0) { /* a BOM the decoder produced (UTF-7, UTF-16) */
        e->orig += width;
        return;
    }
    if (cp == '\r') {
        cp = '\n';
        e->pending_cr = 1;
        e->st->cr++;
    } else if (cp == 0) {
        if (e->first_nul == SIZE_MAX)
            e->first_nul = e->out.len;
        e->st->nul++;
        cp = 0xFFFD;
    } else if (cp < 0) {
        if (e->first_bad == SIZE_MAX)
            e->first_bad = e->out.len;
        e->st->invalid++;
        e->st->invalid_bytes += width;
        cp = 0xFFFD;
    }
    em_seg(e, width);
    char enc[4];
    wa_buf_add(&e->out, enc, wa_utf8_encode(cp, enc));
    e->seg_chars++;
    e->orig += width;
}

/* Bytes of a 64-bit word: any of them NUL, CR or >= 0x80? */
static int word_special(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t cr = v ^ (ones * '\r');
    return ((v | ((v - ones) & ~v) | ((cr - ones) & ~cr)) & highs) != 0;
}

/* Bytes of a 64-bit word: any of them NUL or CR? */
static int word_cr_nul(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t cr = v ^ (ones * '\r');
    return ((((v - ones) & ~v) | ((cr - ones) & ~cr)) & highs) != 0;
}

/* UTF-8 (valid or not): copies valid stretches, U+FFFD for each maximal
 * invalid subpart and NUL, LF for CR and CRLF.  `valid`: the input is known
 * to be valid UTF-8, so only CR and NUL need looking for; 2: it holds
 * neither, it is copied as it is. */
static void decode_utf8(emitter *e, const char *in, size_t n, int valid)
{
    const unsigned char *u = (const unsigned char *)in;
    size_t i = 0;
    /* The text never starts with U+FEFF: it reads as a byte-order mark. */
    while (i + 3 <= n && memcmp(in + i, "\xEF\xBB\xBF", 3) == 0) {
        i += 3;
        e->orig += 3;
    }
    if (valid == 2) {
        em_copy(e, in + i, n - i);
        return;
    }
    while (i < n) {
        size_t run = i;
        if (valid) { /* straight to the next CR or NUL */
            while (i + 8 <= n) {
                uint64_t v;
                memcpy(&v, u + i, 8);
                if (word_cr_nul(v))
                    break;
                i += 8;
            }
            while (i < n && u[i] != '\r' && u[i] != 0)
                i++;
        }
        for (;;) {
            while (i + 8 <= n) {
                uint64_t v;
                memcpy(&v, u + i, 8);
                if (word_special(v))
                    break;
                i += 8;
            }
            if (i >= n)
                break;
            unsigned c = u[i];
            if (c == '\r' || c == 0)
                break;
            if (c < 0x80) {
                i++;
                continue;
            }
            size_t k = i;
            if (wa_text_utf8_decode(u, n, &k) < 0)
                break;
            i = k;
        }
        em_copy(e, in + run, i - run);
        if (i >= n)
            break;
        unsigned c = u[i];
        if (c == '\r') {
            em_copy(e, "\n", 1);
            e->st->cr++;
            i++;
            if (i < n && u[i] == '\n') {
                e->st->cr--;
                e->st->crlf++;
                e->orig++;
                i++;
            }
        } else if (c == 0) {
            em_char(e, 0, 1);
            i++;
        } else {
            size_t k = i;
            wa_text_utf8_decode(u, n, &k);
            em_char(e, -1, k - i);
            i = k;
        }
    }
}

/* Probes an iconv converter byte by byte: when every byte converts alone to
 * exactly one character (or is invalid), fills table[] and returns 1. */
static int probe_single_byte(iconv_t cd, int32_t table[256])
{
    for (int b = 0; b < 256; b++) {
        char c = (char)b, *ip = &c, out[16], *op = out;
        size_t il = 1, ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r == (size_t)-1) {
            if (errno != EILSEQ)
                return 0;
            table[b] = -1;
            continue;
        }
        if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1 || il != 0 ||
            sizeof out - ol != 4)
            return 0;
        const unsigned char *q = (const unsigned char *)out;
        table[b] = (int32_t)((uint32_t)q[0] | (uint32_t)q[1] << 8 |
                             (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24);
    }
    iconv(cd, NULL, NULL, NULL, NULL);
    return 1;
}

/* A single-byte encoding through the table iconv gave. */
static void decode_table(emitter *e, const char *in, size_t n, const int32_t table[256])
{
    const unsigned char *u = (const unsigned char *)in;
    unsigned char plain[256]; /* bytes that are themselves: ASCII, not CR/NUL */
    for (int b = 0; b < 256; b++)
        plain[b] = b < 0x80 && b != '\r' && b != 0 && table[b] == b;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (i < n && plain[u[i]])
            i++;
        if (i > run) {
            if (e->pending_cr && u[run] == '\n') {
                em_char(e, '\n', 1);
                run++;
            }
            e->pending_cr = 0;
            em_ascii1(e, in + run, i - run);
        }
        if (i < n) {
            em_char(e, table[u[i]], 1);
            i++;
        }
    }
}

static uint32_t le32(const char *p)
{
    const unsigned char *q = (const unsigned char *)p;
    return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
}

/* UTF-16/UTF-32 through iconv in large chunks: the input width of each
 * character follows from the code point. */
static int decode_wide(emitter *e, iconv_t cd, const char *in, size_t n, int unit)
{
    char buf[16384];
    char *ip = (char *)in;
    size_t il = n;
    while (il > 0) {
        char *op = buf;
        size_t ol = sizeof buf;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        int err = r == (size_t)-1 ? errno : 0;
        for (char *p = buf; p < op; p += 4) {
            uint32_t cp = le32(p);
            em_char(e, (int32_t)cp, unit == 2 && cp > 0xFFFF ? 4 : (size_t)unit);
        }
        if (err == EILSEQ) {
            size_t skip = il < (size_t)unit ? il : (size_t)unit;
            em_char(e, -1, skip);
            ip += skip;
            il -= skip;
            iconv(cd, NULL, NULL, NULL, NULL);
        } else if (err == EINVAL) { /* truncated at the end */
            em_char(e, -1, il);
            break;
        } else if (err && err != E2BIG) {
            return -1;
        }
    }
    return 0;
}

/* Any other encoding: one character per iconv call, so that the input
 * bytes of each character are known exactly (stateful encodings too). */
static int decode_per_char(emitter *e, iconv_t cd, const char *in, size_t n)
{
    char *ip = (char *)in;
    size_t il = n;
    while (il > 0) {
        char out[64], *op = out;
        char *before = ip;
        size_t ol = 4; /* room for exactly one UTF-32 character */
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        int err = r == (size_t)-1 ? errno : 0;
        if (err == E2BIG && op == out) { /* one input gives several */
            ol = sizeof out;
            r = iconv(cd, &ip, &il, &op, &ol);
            err = r == (size_t)-1 ? errno : 0;
        }
        size_t used = (size_t)(ip - before), got = (size_t)(op - out) / 4;
        for (size_t k = 0; k < got; k++) /* extra characters: width 0 */
            em_char(e, (int32_t)le32(out + 4 * k), k + 1 == got ? used : 0);
        if (!got)
            e->orig += used; /* shift sequences without output */
        if (err == EILSEQ) {
            em_char(e, -1, 1);
            ip++;
            il--;
            iconv(cd, NULL, NULL, NULL, NULL);
        } else if (err == EINVAL) {
            em_char(e, -1, il);
            break;
        } else if (err && err != E2BIG) {
            return -1;
        } else if (!err && !got && !used) {
            break; /* no progress: cannot happen, but never loop */
        }
    }
    return 0;
}

static int decode_iconv(emitter *e, const wa_detect *d, const char *in, size_t n,
                        wa_error *err)
{
    iconv_t cd = iconv_open("UTF-32LE", d->name);
    if (cd == (iconv_t)-1)
        return wa_fail(err, WA_EENCODING, "unknown encoding '%s'", d->name);
    int rc;
    if (d->kind == WA_DEC_UTF16LE || d->kind == WA_DEC_UTF16BE) {
        rc = decode_wide(e, cd, in, n, 2);
    } else if (d->kind == WA_DEC_UTF32LE || d->kind == WA_DEC_UTF32BE) {
        rc = decode_wide(e, cd, in, n, 4);
    } else {
        int32_t table[256];
        if (probe_single_byte(cd, table)) {
            decode_table(e, in, n, table);
            rc = 0;
        } else {
            rc = decode_per_char(e, cd, in, n);
        }
    }
    iconv_close(cd);
    if (rc)
        return wa_fail(err, WA_ELIB, "iconv failed converting from %s: %s", d->name,
                       strerror(errno));
    return 0;
}

/* ------------------------------------------------------------------ */
/* Edits of the later stages.                                          */

int wa_edits_push(wa_edits *e, wa_edit ed)
{
    if (wa_grow(&e->v, &e->cap, e->n, sizeof *e->v, 16))
        return WA_ENOMEM;
    e->v[e->n++] = ed;
    return 0;
}

size_t wa_edits_to_old(const wa_edits *e, size_t x)
{
    size_t lo = 0, hi = e->n; /* first edit with new_start > x */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e->v[mid].new_start <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return x;
    const wa_edit *ed = &e->v[lo - 1];
    if (x < ed->new_end)
        return ed->old_start;
    return ed->old_end + (x - ed->new_end);
}

size_t wa_edits_to_new(const wa_edits *e, size_t x, int end)
{
    size_t lo = 0, hi = e->n; /* first edit starting after x (at or after, for end) */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (end ? e->v[mid].old_start < x : e->v[mid].old_start <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return x;
    const wa_edit *ed = &e->v[lo - 1];
    if (end ? x <= ed->old_end : x < ed->old_end)
        return end ? ed->new_end : ed->new_start;
    return ed->new_end + (x - ed->old_end);
}

/* ------------------------------------------------------------------ */
/* Offsets.                                                            */

static int is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* Characters (UTF-8 lead bytes) in s[0..n), eight bytes at a time. */
static size_t count_chars(const char *s, size_t n)
{
    size_t i = 0, cont = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        uint64_t m = v & ~(v << 1) & 0x8080808080808080ull; /* 10xxxxxx */
        cont += (size_t)(((m >> 7) * 0x0101010101010101ull) >> 56); /* sum of 0/1 bytes */
    }
    for (; i < n; i++)
        cont += is_cont(s[i]);
    return n - cont;
}

/* T1 offset to input offset. */
static size_t t1_to_orig(const wa_text *t, size_t x)
{
    if (t->nseg == 0 || x >= t->t1_len)
        return t->orig_len;
    size_t lo = 0, hi = t->nseg;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->segs[mid].norm <= x)
            lo = mid;
        else
            hi = mid;
    }
    const seg *s = &t->segs[lo];
    if (s->width == SEG_COPY)
        return s->orig + (x - s->norm);
    const char *d = t->t1 ? t->t1 : t->data;
    size_t chars = count_chars(d + s->norm, x - s->norm);
    if (chars && is_cont(d[x]))
        chars--; /* inside a character: its start */
    size_t o = s->orig + s->width * chars;
    return o > t->orig_len ? t->orig_len : o;
}

size_t wa_text_source_offset(const wa_text *t, size_t offset)
{
    if (offset >= t->len)
        return t->orig_len;
    size_t x = wa_edits_to_old(&t->nfc_edits, offset);
    x = wa_edits_to_old(&t->repair_edits, x);
    return t1_to_orig(t, x);
}

/* T1 offset to final offset. */
static size_t t1_to_final(const wa_text *t, size_t x, int end)
{
    x = wa_edits_to_new(&t->repair_edits, x, end);
    return wa_edits_to_new(&t->nfc_edits, x, end);
}

static int build_index(wa_text *t)
{
    size_t cap = 64, n = 0;
    size_t *lines = malloc(cap * sizeof *lines);
    if (!lines)
        return WA_ENOMEM;
    lines[n++] = 0;
    const char *p = t->data, *end = t->data + t->len;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        p++;
        if (n == cap) {
            size_t *m = realloc(lines, cap * 2 * sizeof *m);
            if (!m) {
                free(lines);
                return WA_ENOMEM;
            }
            lines = m;
            cap *= 2;
        }
        lines[n++] = (size_t)(p - t->data);
    }
    t->lines = lines;
    t->nlines = n;
    size_t nb = t->len / CK_BLOCK + 1;
    t->ck = malloc(nb * sizeof *t->ck);
    if (!t->ck)
        return WA_ENOMEM;
    size_t chars = 0;
    for (size_t k = 0; k < nb; k++) {
        t->ck[k] = chars;
        size_t a = k * CK_BLOCK, b = a + CK_BLOCK < t->len ? a + CK_BLOCK : t->len;
        if (a < b)
            chars += count_chars(t->data + a, b - a);
    }
    return 0;
}

static size_t chars_before(const wa_text *t, size_t x)
{
    size_t k = x / CK_BLOCK, c = t->ck[k] + count_chars(t->data + k * CK_BLOCK, x - k * CK_BLOCK);
    if (c && x < t->len && is_cont(t->data[x]))
        c--;
    return c;
}

void wa_text_line_col(const wa_text *t, size_t offset, size_t *line, size_t *col)
{
    if (offset > t->len)
        offset = t->len;
    size_t lo = 0, hi = t->nlines; /* last line start <= offset */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = chars_before(t, offset) - chars_before(t, t->lines[lo]) + 1;
}

/* ------------------------------------------------------------------ */
/* Decoding.                                                           */

static void warn(const wa_text_opts *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warn(const wa_text_opts *o, const char *fmt, ...)
{
    if (!o || !o->warn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    o->warn(o->warn_ctx, msg);
}

/* Groups adjacent repaired characters into wa_repair entries, in final
 * offsets. */
static int collect_repairs(wa_text *t)
{
    const wa_edits *r = &t->repair_edits;
    if (!r->n)
        return 0;
    t->repairs = malloc(r->n * sizeof *t->repairs);
    t->repair_t1 = malloc(r->n * sizeof *t->repair_t1);
    if (!t->repairs || !t->repair_t1)
        return WA_ENOMEM;
    for (size_t k = 0; k < r->n;) {
        size_t j = k;
        int layers = r->v[k].layers;
        while (j + 1 < r->n && r->v[j + 1].old_start == r->v[j].old_end) {
            j++;
            if (r->v[j].layers > layers)
                layers = r->v[j].layers;
        }
        wa_repair rep;
        t->repair_t1[t->nrepairs] = (wa_span){r->v[k].old_start, r->v[j].old_end};
        rep.span.start = wa_edits_to_new(&t->nfc_edits, r->v[k].new_start, 0);
        rep.span.end = wa_edits_to_new(&t->nfc_edits, r->v[j].new_end, 1);
        rep.source.start = t1_to_orig(t, r->v[k].old_start);
        rep.source.end = r->v[j].old_end >= t->t1_len ? t->orig_len
                                                      : t1_to_orig(t, r->v[j].old_end);
        rep.layers = layers;
        t->repairs[t->nrepairs++] = rep;
        k = j + 1;
    }
    t->stats.repairs = t->nrepairs;
    return 0;
}

static void report(wa_text *t, const wa_text_opts *o, const emitter *e)
{
    size_t line, col;
    if (!o || !o->warn)
        return;
    if (!strcmp(t->source, "fallback"))
        warn(o, "encoding not recognized; read as %s", t->encoding);
    if (t->stats.invalid) {
        wa_text_line_col(t, t1_to_final(t, e->first_bad, 0), &line, &col);
        warn(o, "%zu invalid byte sequence%s (%zu byte%s) replaced by U+FFFD, first at line %zu, column %zu",
             t->stats.invalid, t->stats.invalid > 1 ? "s" : "", t->stats.invalid_bytes,
             t->stats.invalid_bytes > 1 ? "s" : "", line, col);
    }
    if (t->stats.nul) {
        wa_text_line_col(t, t1_to_final(t, e->first_nul, 0), &line, &col);
        warn(o, "%zu NUL byte%s replaced by U+FFFD, first at line %zu, column %zu",
             t->stats.nul, t->stats.nul > 1 ? "s" : "", line, col);
    }
    for (size_t k = 0; k < t->nrepairs && k < MAX_REPAIR_WARNINGS; k++) {
        const wa_repair *r = &t->repairs[k];
        wa_text_line_col(t, r->span.start, &line, &col);
        size_t olen;
        const char *orig = wa_text_repair_original(t, k, &olen);
        int wa = (int)(olen > 200 ? 200 : olen);
        int wb = (int)(r->span.end - r->span.start > 200 ? 200 : r->span.end - r->span.start);
        warn(o, "line %zu, column %zu: repaired mojibake \"%.*s\" -> \"%.*s\" (%d layer%s)", line,
             col, wa, orig, wb, t->data + r->span.start, r->layers, r->layers > 1 ? "s" : "");
    }
    if (t->nrepairs > MAX_REPAIR_WARNINGS)
        warn(o, "%zu more mojibake repairs", t->nrepairs - MAX_REPAIR_WARNINGS);
}

int wa_text_decode(wa_text **out, const char *bytes, size_t len,
                   const wa_text_opts *opts, wa_error *err)
{
    *out = NULL;
    wa_detect d;
    int rc = wa_text_detect(bytes, len, opts ? opts->encoding : NULL, &d, err);
    if (rc)
        return rc;
    wa_text *t = calloc(1, sizeof *t);
    if (!t)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    t->orig_len = len;
    snprintf(t->encoding, sizeof t->encoding, "%s", d.name);
    t->source = d.source;
    t->confidence = d.confidence;
    t->stats.input_bytes = len;

    emitter e;
    em_init(&e, &t->stats, len, d.skip);
    if (d.kind == WA_DEC_UTF8)
        decode_utf8(&e, bytes + d.skip, len - d.skip, d.valid);
    else if ((rc = decode_iconv(&e, &d, bytes + d.skip, len - d.skip, err)))
        goto fail;
    wa_buf_add(&e.out, "", 0); /* NUL-terminated even when empty */
    if (e.out.failed || e.failed)
        goto nomem;
    t->segs = e.segs;
    t->nseg = e.nseg;
    e.segs = NULL;
    size_t n1;
    char *t1 = wa_buf_steal(&e.out, &n1);
    if (!t1)
        goto nomem;
    t->t1 = t1;
    t->t1_len = n1;

    /* Stage 2: mojibake. */
    char *t2 = t1;
    size_t n2 = n1;
    if (!(opts && opts->no_repair) && wa_text_repair_candidate(t1, n1)) {
        wa_buf b;
        wa_buf_init(&b);
        int changed = 0;
        if (wa_text_repair(t1, n1, &b, &t->repair_edits, &changed)) {
            wa_buf_free(&b);
            goto nomem;
        }
        if (changed)
            t2 = wa_buf_steal(&b, &n2);
        wa_buf_free(&b);
        if (!t2)
            goto nomem;
    }

    /* Stage 3: NFC. */
    char *t3 = t2;
    size_t n3 = n2;
    {
        wa_buf b;
        wa_buf_init(&b);
        int changed = 0;
        /* The detection's scan already looked at the characters of a
         * text that went through unchanged. */
        size_t from = d.kind == WA_DEC_UTF8 && d.valid == 2 && t2 == t1 ? d.nfc_from : 0;
        if ((rc = wa_text_nfc(t2, n2, from, &b, &t->nfc_edits, &changed, err))) {
            wa_buf_free(&b);
            if (t2 != t1)
                free(t2);
            goto fail;
        }
        if (changed)
            t3 = wa_buf_steal(&b, &n3);
        wa_buf_free(&b);
        if (!t3) {
            if (t2 != t1)
                free(t2);
            goto nomem;
        }
    }
    if (t2 != t1 && t2 != t3)
        free(t2);
    t->data = t3;
    t->len = n3;
    if (t3 == t1)
        t->t1 = NULL; /* the map reads the final text */
    t->stats.nfc_changes = t->nfc_edits.n;
    if (build_index(t) || collect_repairs(t))
        goto nomem;
    t->stats.lines = t->len == 0 ? 0 : t->nlines - (t->data[t->len - 1] == '\n');
    report(t, opts, &e);
    *out = t;
    return 0;
nomem:
    rc = wa_fail(err, WA_ENOMEM, "out of memory");
fail:
    wa_buf_free(&e.out);
    free(e.segs);
    wa_text_free(t);
    return rc;
}

/* Reads the whole of fd straight into one buffer (no stdio buffer in
 * between): as much as fstat says at once, then until the end. */
static int read_all(int fd, char **data, size_t *len)
{
    wa_buf b;
    wa_buf_init(&b);
    struct stat st;
    size_t want = 65536;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        want = (size_t)st.st_size + 1; /* room left: the next read sees the end */
    for (;;) {
        if (wa_buf_reserve(&b, want)) {
            wa_buf_free(&b);
            return WA_ENOMEM;
        }
        ssize_t got = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            wa_buf_free(&b);
            return WA_EIO;
        }
        if (got == 0)
            break;
        b.len += (size_t)got;
        b.data[b.len] = '\0';
        want = 65536;
    }
    *data = wa_buf_steal(&b, len);
    return *data ? 0 : WA_ENOMEM;
}

/* The error of a file that would not open, as a stat before the open
 * would have reported it (missing, a directory, or unreadable). */
static int open_failed(const char *path, int open_errno, wa_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return wa_fail(err, errno == ENOENT ? WA_ENOTFOUND : WA_EIO, "%s: %s", path,
                       strerror(errno));
    if (S_ISDIR(st.st_mode))
        return wa_fail(err, WA_EIO, "%s: is a directory", path);
    return wa_fail(err, WA_EIO, "%s: cannot open: %s", path, strerror(open_errno));
}

int wa_text_read_file(wa_text **out, const char *path,
                      const wa_text_opts *opts, wa_error *err)
{
    *out = NULL;
    int use_stdin = !path || strcmp(path, "-") == 0;
    const char *name = use_stdin ? "<stdin>" : path;
    int fd = STDIN_FILENO;
    if (!use_stdin) {
        /* Opened first and checked with fstat: one path look-up, not two. */
        fd = open(path, O_RDONLY);
        if (fd < 0)
            return open_failed(path, errno, err);
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            return wa_fail(err, WA_EIO, "%s: is a directory", name);
        }
    }
    char *data = NULL;
    size_t len = 0;
    errno = 0;
    int rc = read_all(fd, &data, &len);
    int saved = errno;
    if (!use_stdin)
        close(fd);
    if (rc)
        return wa_fail(err, rc, "%s: %s%s", name,
                       rc == WA_EIO ? "cannot read: " : "out of memory",
                       rc == WA_EIO ? strerror(saved ? saved : EIO) : "");
    wa_error local = {0};
    rc = wa_text_decode(out, data, len, opts, &local);
    free(data);
    if (rc)
        return wa_fail(err, rc, "%s: %s", name, local.message);
    return 0;
}

void wa_text_free(wa_text *t)
{
    if (!t)
        return;
    free(t->data);
    free(t->t1);
    free(t->segs);
    free(t->repair_edits.v);
    free(t->nfc_edits.v);
    free(t->repairs);
    free(t->repair_t1);
    free(t->lines);
    free(t->ck);
    free(t);
}

const char *wa_text_data(const wa_text *t, size_t *len)
{
    if (len)
        *len = t->len;
    return t->data;
}

const char *wa_text_encoding(const wa_text *t) { return t->encoding; }
const char *wa_text_encoding_source(const wa_text *t) { return t->source; }
int wa_text_confidence(const wa_text *t) { return t->confidence; }
size_t wa_text_replaced(const wa_text *t) { return t->stats.invalid + t->stats.nul; }

void wa_text_get_stats(const wa_text *t, wa_text_stats *out)
{
    *out = t->stats;
}

const char *wa_text_repair_original(const wa_text *t, size_t i, size_t *len)
{
    if (i >= t->nrepairs) {
        *len = 0;
        return NULL;
    }
    const char *t1 = t->t1 ? t->t1 : t->data;
    *len = t->repair_t1[i].end - t->repair_t1[i].start;
    return t1 + t->repair_t1[i].start;
}

const wa_repair *wa_text_repairs(const wa_text *t, size_t *n)
{
    *n = t->nrepairs;
    return t->repairs;
}
