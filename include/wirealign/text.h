/*
 * wirealign/text.h - reading wires: bytes in any encoding to normalized
 * UTF-8 (NFC, LF line ends, U+FFFD for invalid bytes and NUL), with mojibake
 * repair and a map from normalized offsets back to the original bytes.
 *
 * This is the only module that sees text that is not UTF-8.
 */
#ifndef WIREALIGN_TEXT_H
#define WIREALIGN_TEXT_H

#include <stdio.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A decoded document.  Opaque; free with wa_text_free(). */
typedef struct wa_text wa_text;

/** Options for decoding.  Zero-initialise and set what you need. */
typedef struct wa_text_opts {
    /** Force this encoding (any name iconv knows); NULL or "" detects. */
    const char *encoding;
    /** Do not repair mojibake when non-zero. */
    int no_repair;
    /** Warnings about the content (replaced bytes, repairs); may be NULL. */
    wa_warn_fn warn;
    void *warn_ctx;
} wa_text_opts;

/** One mojibake repair: the span in the normalized text that was repaired
 *  and how many layers of wrong decoding were undone (1 or 2). */
typedef struct wa_repair {
    wa_span span;
    int layers;
} wa_repair;

/** Decodes `len` bytes into a new wa_text stored in *out.
 *  Encoding: a BOM (UTF-8/16/32) wins; otherwise opts->encoding if given;
 *  otherwise valid UTF-8 is taken as is; otherwise ICU charset detection,
 *  windows-1252 as the fallback.  Content never fails: invalid sequences and
 *  NUL become U+FFFD (counted, and reported through opts->warn).
 *  Returns 0, WA_EENCODING for an unknown opts->encoding, WA_EINPUT when the
 *  bytes are binary (not text), WA_ENOMEM.  `opts` and `err` may be NULL. */
WA_API int wa_text_decode(wa_text **out, const char *bytes, size_t len,
                          const wa_text_opts *opts, wa_error *err);

/** Reads a whole file (`path`; NULL or "-" reads `stdin`) and decodes it as
 *  wa_text_decode() does.  Returns WA_ENOTFOUND, WA_EIO (unreadable, a
 *  directory) or what wa_text_decode() returns; err names the file. */
WA_API int wa_text_read_file(wa_text **out, const char *path,
                             const wa_text_opts *opts, wa_error *err);

/** Frees a wa_text; accepts NULL. */
WA_API void wa_text_free(wa_text *t);

/** The normalized UTF-8 text (NUL-terminated, no NUL inside) and its length
 *  in bytes.  Borrowed, valid until wa_text_free(). */
WA_API const char *wa_text_data(const wa_text *t, size_t *len);

/** The encoding the bytes were read as ("UTF-8", "UTF-16LE", "windows-1252",
 *  ...).  Borrowed, valid until wa_text_free(). */
WA_API const char *wa_text_encoding(const wa_text *t);

/** How the encoding was chosen: "bom", "forced", "valid-utf8", "detected"
 *  or "fallback".  Static storage. */
WA_API const char *wa_text_encoding_source(const wa_text *t);

/** Confidence of the encoding choice, 0..100 (100 for BOM, forced or valid
 *  UTF-8; ICU's confidence when detected). */
WA_API int wa_text_confidence(const wa_text *t);

/** Number of invalid byte sequences and NUL bytes replaced by U+FFFD. */
WA_API size_t wa_text_replaced(const wa_text *t);

/** The mojibake repairs made, in text order; *n gets their count.
 *  Borrowed, valid until wa_text_free(). */
WA_API const wa_repair *wa_text_repairs(const wa_text *t, size_t *n);

/** Maps a byte offset into the normalized text (0..len) to the byte offset
 *  in the original input it came from.  Offsets past the end map to the
 *  input's length. */
WA_API size_t wa_text_source_offset(const wa_text *t, size_t offset);

/** Line (from 1) and column (in characters, from 1) of a byte offset into
 *  the normalized text. */
WA_API void wa_text_line_col(const wa_text *t, size_t offset, size_t *line,
                             size_t *col);

#ifdef __cplusplus
}
#endif

#endif
