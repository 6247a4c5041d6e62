/* Reading wires: bytes to normalized UTF-8 with a map back to the input.
 * (First cut: UTF-8 input, invalid bytes and NUL to U+FFFD, CRLF/CR to LF.) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util/util.h"
#include "wirealign/text.h"

/* A checkpoint of the offset map: from norm offset `norm` on, the text is a
 * byte-for-byte copy of the input starting at `orig`, until the next one. */
typedef struct checkpoint {
    size_t norm;
    size_t orig;
} checkpoint;

struct wa_text {
    char *data;
    size_t len;
    size_t orig_len;
    checkpoint *map;
    size_t nmap, capmap;
    const char *encoding;
    const char *source;
    int confidence;
    size_t replaced;
    wa_repair *repairs;
    size_t nrepairs;
    size_t *lines; /* byte offset of each line start, built on demand */
    size_t nlines;
};

static int add_checkpoint(wa_text *t, size_t norm, size_t orig)
{
    if (t->nmap && t->map[t->nmap - 1].norm == norm) {
        t->map[t->nmap - 1].orig = orig;
        return 0;
    }
    if (t->nmap == t->capmap) {
        size_t cap = t->capmap ? t->capmap * 2 : 16;
        checkpoint *m = realloc(t->map, cap * sizeof *m);
        if (!m)
            return -1;
        t->map = m;
        t->capmap = cap;
    }
    t->map[t->nmap++] = (checkpoint){norm, orig};
    return 0;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Copies valid UTF-8 from `in`, replacing invalid sequences and NUL with
 * U+FFFD and turning CRLF and CR into LF, recording checkpoints wherever the
 * copy stops being byte-for-byte. */
static int normalize_utf8(wa_text *t, const char *in, size_t n)
{
    wa_buf b;
    wa_buf_init(&b);
    wa_buf_reserve(&b, n);
    size_t i = 0;
    if (add_checkpoint(t, 0, 0))
        goto nomem;
    while (i < n) {
        size_t run = i;
        while (i < n && in[i] != '\r' && in[i] != '\0' && (unsigned char)in[i] < 0x80)
            i++;
        size_t j = i;
        while (i < n) {
            unsigned char c = (unsigned char)in[i];
            if (c == '\r' || c == '\0')
                break;
            if (c < 0x80) { i++; continue; }
            size_t k = i;
            if (wa_utf8_next(in, n, &k) < 0)
                break;
            i = k;
        }
        (void)j;
        wa_buf_add(&b, in + run, i - run);
        if (i >= n)
            break;
        unsigned char c = (unsigned char)in[i];
        if (c == '\r') {
            wa_buf_addc(&b, '\n');
            i += (i + 1 < n && in[i + 1] == '\n') ? 2 : 1;
        } else {
            size_t k = i;
            if (c == 0)
                k = i + 1;
            else
                wa_utf8_next(in, n, &k);
            wa_buf_add(&b, REPLACEMENT, 3);
            t->replaced++;
            i = k;
        }
        if (add_checkpoint(t, b.len, i))
            goto nomem;
    }
    if (b.failed)
        goto nomem;
    t->data = wa_buf_steal(&b, &t->len);
    return 0;
nomem:
    wa_buf_free(&b);
    return WA_ENOMEM;
}

int wa_text_decode(wa_text **out, const char *bytes, size_t len,
                   const wa_text_opts *opts, wa_error *err)
{
    (void)opts;
    *out = NULL;
    wa_text *t = calloc(1, sizeof *t);
    if (!t)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    t->orig_len = len;
    t->encoding = "UTF-8";
    t->source = "valid-utf8";
    t->confidence = 100;
    if (normalize_utf8(t, bytes, len)) {
        wa_text_free(t);
        return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    *out = t;
    return 0;
}

static int read_all(FILE *f, char **data, size_t *len)
{
    wa_buf b;
    wa_buf_init(&b);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        wa_buf_add(&b, chunk, got);
    if (ferror(f) || b.failed) {
        int code = b.failed ? WA_ENOMEM : WA_EIO;
        wa_buf_free(&b);
        return code;
    }
    *data = wa_buf_steal(&b, len);
    return *data ? 0 : WA_ENOMEM;
}

int wa_text_read_file(wa_text **out, const char *path,
                      const wa_text_opts *opts, wa_error *err)
{
    *out = NULL;
    int use_stdin = !path || strcmp(path, "-") == 0;
    const char *name = use_stdin ? "<stdin>" : path;
    FILE *f = stdin;
    if (!use_stdin) {
        struct stat st;
        if (stat(path, &st) != 0)
            return wa_fail(err, errno == ENOENT ? WA_ENOTFOUND : WA_EIO,
                           "%s: %s", name, strerror(errno));
        if (S_ISDIR(st.st_mode))
            return wa_fail(err, WA_EIO, "%s: is a directory", name);
        f = fopen(path, "rb");
        if (!f)
            return wa_fail(err, WA_EIO, "%s: %s", name, strerror(errno));
    }
    char *data = NULL;
    size_t len = 0;
    int rc = read_all(f, &data, &len);
    if (!use_stdin)
        fclose(f);
    if (rc)
        return wa_fail(err, rc, "%s: %s", name,
                       rc == WA_EIO ? "read error" : "out of memory");
    rc = wa_text_decode(out, data, len, opts, err);
    free(data);
    return rc;
}

void wa_text_free(wa_text *t)
{
    if (!t)
        return;
    free(t->data);
    free(t->map);
    free(t->repairs);
    free(t->lines);
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
size_t wa_text_replaced(const wa_text *t) { return t->replaced; }

const wa_repair *wa_text_repairs(const wa_text *t, size_t *n)
{
    *n = t->nrepairs;
    return t->repairs;
}

size_t wa_text_source_offset(const wa_text *t, size_t offset)
{
    if (offset >= t->len)
        return t->orig_len;
    size_t lo = 0, hi = t->nmap;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->map[mid].norm <= offset)
            lo = mid;
        else
            hi = mid;
    }
    size_t o = t->map[lo].orig + (offset - t->map[lo].norm);
    return o > t->orig_len ? t->orig_len : o;
}

void wa_text_line_col(const wa_text *t, size_t offset, size_t *line, size_t *col)
{
    if (offset > t->len)
        offset = t->len;
    size_t ln = 1, start = 0;
    for (size_t i = 0; i < offset; i++)
        if (t->data[i] == '\n') {
            ln++;
            start = i + 1;
        }
    size_t c = 1;
    for (size_t i = start; i < offset; i++)
        if (((unsigned char)t->data[i] & 0xC0) != 0x80)
            c++;
    *line = ln;
    *col = c;
}
