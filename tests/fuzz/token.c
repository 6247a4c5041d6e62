/* Fuzz target: the word tokenizer (wa_tokenize) on valid UTF-8 (the input
 * when it is, else what wa_text_decode makes of it, as in the pipeline).
 * Byte 0 chooses the language (bit 0: fr/en).  Checks: tokens in order,
 * non-empty, not overlapping, on character boundaries, only known flags,
 * WA_TOK_ASCII exactly when the bytes are ASCII, an elision ending with its
 * apostrophe; tokenizing again gives the same tokens. */
#include "fuzz.h"

static wa_tokenizer *tokenizers[2];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned li = data[0] & 1;
    if (!tokenizers[li]) {
        wa_tokenizer_opts o = {li ? "en" : "fr", fuzz_data_dir()};
        wa_error err;
        FUZZ_CHECK(wa_tokenizer_open(&tokenizers[li], &o, &err) == 0, "open: %s", err.message);
    }
    wa_tokenizer *tk = tokenizers[li];
    size_t len;
    char *s = fuzz_utf8_input(data + 1, size - 1, &len);
    if (!s)
        return 0;
    const wa_token *tok = NULL;
    size_t n = 0;
    wa_error err;
    int rc = wa_tokenize(tk, s, len, &tok, &n, &err);
    FUZZ_CHECK(rc == 0, "wa_tokenize failed: %d %s", rc, err.message);
    FUZZ_CHECK(n == 0 || tok != NULL, "NULL tokens with count %zu", n);
    const unsigned known = WA_TOK_CAP | WA_TOK_UPPER | WA_TOK_ELISION | WA_TOK_COMPOUND |
                           WA_TOK_ASCII;
    size_t prev_end = 0;
    wa_token *copy = malloc((n ? n : 1) * sizeof *copy);
    FUZZ_CHECK(copy != NULL, "out of memory");
    for (size_t k = 0; k < n; k++) {
        size_t a = tok[k].start, b = tok[k].end;
        FUZZ_CHECK(a < b && b <= len, "token %zu [%zu,%zu) empty or past %zu", k, a, b, len);
        FUZZ_CHECK(a >= prev_end, "token %zu [%zu,%zu) overlaps the one before", k, a, b);
        FUZZ_CHECK(fuzz_boundary(s, len, a) && fuzz_boundary(s, len, b),
                   "token %zu [%zu,%zu) splits a character", k, a, b);
        FUZZ_CHECK((tok[k].flags & ~known) == 0, "token %zu: unknown flags %#x", k, tok[k].flags);
        int ascii = 1;
        for (size_t i = a; i < b; i++)
            ascii &= (unsigned char)s[i] < 0x80;
        FUZZ_CHECK(!!(tok[k].flags & WA_TOK_ASCII) == ascii, "token %zu '%.*s': ASCII flag %d",
                   k, (int)(b - a), s + a, !!(tok[k].flags & WA_TOK_ASCII));
        if (tok[k].flags & WA_TOK_ELISION)
            FUZZ_CHECK(s[b - 1] == '\'' || (b - a >= 3 && !memcmp(s + b - 3, "\xe2\x80\x99", 3)),
                       "token %zu '%.*s': an elision not ending with its apostrophe", k,
                       (int)(b - a), s + a);
        copy[k] = tok[k];
        prev_end = b;
    }
    /* Same input, same tokens (the token array is reused between calls). */
    size_t n2 = 0;
    rc = wa_tokenize(tk, s, len, &tok, &n2, &err);
    FUZZ_CHECK(rc == 0 && n2 == n, "second run: rc %d, %zu tokens, first %zu", rc, n2, n);
    for (size_t k = 0; k < n; k++)
        FUZZ_CHECK(tok[k].start == copy[k].start && tok[k].end == copy[k].end &&
                       tok[k].flags == copy[k].flags,
                   "second run differs at token %zu", k);
    free(copy);
    free(s);
    return 0;
}
