/* Fuzz target: text ingestion (wa_text_decode) with any encoding flag.
 * Checks every property include/wirealign/text.h documents.
 * Input: byte 0 chooses the options (bits 0-4: the encoding from the list
 * below, bit 5: no_repair); the rest are the wire's bytes. */
#include "fuzz.h"

static const char *const encodings[] = {
    NULL, "", "UTF-8", "utf8", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32",
    "UTF-32LE", "UTF-32BE", "windows-1252", "ISO-8859-1", "latin1",
    "ISO-8859-15", "windows-1251", "KOI8-R", "MACINTOSH", "CP850",
    "SHIFT_JIS", "EUC-JP", "GB18030", "BIG5", "EUC-KR", "UTF-7",
    "ISO-2022-JP", "ASCII", "no-such-encoding", "UTF-8//IGNORE",
    "WINDOWS-1256", "TIS-620", "CP437", "UTF-8//TRANSLIT",
};

typedef struct warn_state {
    size_t calls;
} warn_state;

static void on_warn(void *ctx, const char *msg)
{
    FUZZ_CHECK(msg != NULL, "NULL warning");
    FUZZ_CHECK(strchr(msg, '\n') == NULL, "warning spans lines: %s", msg);
    ((warn_state *)ctx)->calls++;
}

static void check_text(const wa_text *t, size_t in_len)
{
    size_t len = (size_t)-1;
    const char *s = wa_text_data(t, &len);
    FUZZ_CHECK(s != NULL, "no data");
    FUZZ_CHECK(s[len] == '\0', "not NUL-terminated at len %zu", len);
    FUZZ_CHECK(fuzz_utf8_ok(s, len), "output is not valid UTF-8 without NUL");
    FUZZ_CHECK(memchr(s, '\r', len) == NULL, "CR left in the output");

    const char *enc = wa_text_encoding(t);
    FUZZ_CHECK(enc && *enc, "no encoding name");
    const char *src = wa_text_encoding_source(t);
    FUZZ_CHECK(src && (!strcmp(src, "bom") || !strcmp(src, "forced") ||
                       !strcmp(src, "valid-utf8") || !strcmp(src, "mostly-utf8") ||
                       !strcmp(src, "detected") || !strcmp(src, "fallback")),
               "unknown encoding source '%s'", src ? src : "(null)");
    int conf = wa_text_confidence(t);
    FUZZ_CHECK(conf >= 0 && conf <= 100, "confidence %d", conf);

    size_t nrep = 0;
    const wa_repair *rep = wa_text_repairs(t, &nrep);
    /* A repair may be empty: a BOM read as mojibake ("ï»¿") is dropped. */
    FUZZ_CHECK(nrep == 0 || rep != NULL, "repairs NULL with count %zu", nrep);
    size_t prev_end = 0, prev_src = 0;
    for (size_t i = 0; i < nrep; i++) {
        FUZZ_CHECK(rep[i].span.start <= rep[i].span.end && rep[i].span.end <= len,
                   "repair %zu span [%zu,%zu) out of [0,%zu]", i, rep[i].span.start,
                   rep[i].span.end, len);
        FUZZ_CHECK(rep[i].span.start >= prev_end, "repair %zu overlaps or is out of order", i);
        FUZZ_CHECK(fuzz_boundary(s, len, rep[i].span.start) &&
                       fuzz_boundary(s, len, rep[i].span.end),
                   "repair %zu splits a character", i);
        FUZZ_CHECK(rep[i].source.start <= rep[i].source.end && rep[i].source.end <= in_len &&
                       rep[i].source.start >= prev_src,
                   "repair %zu source [%zu,%zu) out of order or past the input (%zu)", i,
                   rep[i].source.start, rep[i].source.end, in_len);
        FUZZ_CHECK(rep[i].layers >= 1, "repair layers %d", rep[i].layers);
        size_t olen = (size_t)-1;
        const char *orig = wa_text_repair_original(t, i, &olen);
        FUZZ_CHECK(orig != NULL && fuzz_utf8_ok(orig, olen),
                   "repair %zu: original text missing or not UTF-8", i);
        prev_end = rep[i].span.end;
        prev_src = rep[i].source.end;
    }
    size_t olen;
    FUZZ_CHECK(wa_text_repair_original(t, nrep, &olen) == NULL, "repair_original past the end");

    wa_text_stats st;
    memset(&st, 0x55, sizeof st);
    wa_text_get_stats(t, &st);
    FUZZ_CHECK(st.input_bytes == in_len, "stats.input_bytes %zu, input %zu", st.input_bytes,
               in_len);
    FUZZ_CHECK(st.repairs == nrep, "stats.repairs %zu, repairs %zu", st.repairs, nrep);
    FUZZ_CHECK(wa_text_replaced(t) == st.invalid + st.nul,
               "replaced %zu != invalid %zu + nul %zu", wa_text_replaced(t), st.invalid, st.nul);

    /* The map back to the input: within it, never going back, the end to
     * the input's length.  (Inside a character the offset maps to its start
     * or, where the bytes were copied as they are, to the same byte.) */
    size_t prev = 0, step = len / 512 + 1; /* each lookup may count 4 KB */
    for (size_t o = 0;; o = o + step < len ? o + step : len) {
        size_t so = wa_text_source_offset(t, o);
        FUZZ_CHECK(so <= in_len, "source_offset(%zu) = %zu > input length %zu", o, so, in_len);
        FUZZ_CHECK(so >= prev, "source_offset(%zu) = %zu goes back from %zu", o, so, prev);
        prev = so;
        if (o == len)
            break;
    }
    FUZZ_CHECK(wa_text_source_offset(t, len) == in_len &&
                   wa_text_source_offset(t, len + 1) == in_len,
               "the end maps to %zu, not the input length %zu", wa_text_source_offset(t, len),
               in_len);

    /* Line and column, against a count made here, at a few offsets. */
    size_t probes[4] = {0, len / 2, len, nrep ? rep[0].span.start : len};
    for (int k = 0; k < 4; k++) {
        size_t o = probes[k];
        while (!fuzz_boundary(s, len, o))
            o--;
        size_t line = 1, col = 1;
        for (size_t i = 0; i < o; i++) {
            if (s[i] == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        size_t gl = 0, gc = 0;
        wa_text_line_col(t, o, &gl, &gc);
        FUZZ_CHECK(gl == line && gc == col, "line_col(%zu) = %zu:%zu, expected %zu:%zu", o,
                   gl, gc, line, col);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned sel = data[0];
    const char *in = (const char *)data + 1;
    size_t in_len = size - 1;
    warn_state ws = {0};
    wa_text_opts opts = {0};
    opts.encoding = encodings[(sel & 0x1F) % (sizeof encodings / sizeof *encodings)];
    opts.no_repair = (sel >> 5) & 1;
    opts.warn = on_warn;
    opts.warn_ctx = &ws;

    wa_text *t = NULL;
    wa_error err;
    memset(&err, 0x55, sizeof err);
    int rc = wa_text_decode(&t, in, in_len, &opts, &err);
    if (rc != 0) {
        FUZZ_CHECK(t == NULL, "failure %d left a handle", rc);
        FUZZ_CHECK(rc == WA_EENCODING || rc == WA_EINPUT || rc == WA_ENOMEM || rc == WA_ELIB,
                   "unexpected failure %d for content", rc);
        FUZZ_CHECK(rc != WA_EINPUT || !opts.encoding || !*opts.encoding,
                   "binary refusal despite the forced encoding '%s'", opts.encoding);
        FUZZ_CHECK(rc != WA_EINPUT || in_len > 0, "empty input refused as binary");
        FUZZ_CHECK(err.code == rc, "err.code %d, returned %d", err.code, rc);
        FUZZ_CHECK(memchr(err.message, '\0', sizeof err.message) != NULL,
                   "error message not terminated");
        FUZZ_CHECK(err.message[0] && !strchr(err.message, '\n'),
                   "error message empty or spans lines");
        FUZZ_CHECK(wa_strerror(rc) != NULL, "no strerror");
        return 0;
    }
    FUZZ_CHECK(t != NULL, "success without a handle");
    check_text(t, in_len);

    /* The normalized text is a fixed point: reading it again (as UTF-8,
     * same repair setting) gives it back unchanged, as text.h promises.
     * (corpus/text/regress-repair-one-layer-short once broke it.) */
    size_t len;
    const char *s = wa_text_data(t, &len);
    char *copy = fuzz_exact_copy(s, len);
    wa_text_opts again = opts;
    again.encoding = NULL;
    wa_text *t2 = NULL;
    int rc2 = wa_text_decode(&t2, copy, len, &again, NULL);
    if (rc2 == 0) {
        size_t len2;
        const char *s2 = wa_text_data(t2, &len2);
        FUZZ_SOFT_CHECK("text-fixed-point", len2 == len && memcmp(s, s2, len) == 0,
                   "decoding the output again changes it (%zu -> %zu bytes)", len, len2);
        if (len2 == len && memcmp(s, s2, len) == 0)
            check_text(t2, len);
    } else {
        /* Only a binary verdict may reject text the module itself produced
         * from something it accepted; that is worth knowing, not a crash. */
        FUZZ_CHECK(rc2 == WA_EINPUT, "re-decoding the output failed with %d", rc2);
    }
    wa_text_free(t2);
    free(copy);
    wa_text_free(t);
    return 0;
}
