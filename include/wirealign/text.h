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

/** One mojibake repair: `span` is the repaired stretch in the normalized
 *  text, `source` the bytes it came from in the original input, `layers`
 *  how many rounds of wrong decoding were undone (1 or more).  Adjacent
 *  repaired characters form one repair.  Repair runs until nothing changes,
 *  so decoding the normalized text again gives it back unchanged. */
typedef struct wa_repair {
    wa_span span;
    wa_span source;
    int layers;
} wa_repair;

/** Counts of what decoding changed. */
typedef struct wa_text_stats {
    size_t input_bytes;   /**< length of the input, BOM included */
    size_t invalid;       /**< invalid sequences replaced by U+FFFD */
    size_t invalid_bytes; /**< input bytes in those sequences */
    size_t nul;           /**< NUL characters replaced by U+FFFD */
    size_t crlf;          /**< CRLF pairs turned into LF */
    size_t cr;            /**< lone CRs turned into LF */
    size_t repairs;       /**< mojibake repairs (see wa_text_repairs) */
    size_t nfc_changes;   /**< stretches changed by NFC normalization */
    size_t lines;         /**< lines in the normalized text */
} wa_text_stats;

/** Decodes `len` bytes into a new wa_text stored in *out (free it with
 *  wa_text_free()).  `bytes` is only read during the call.
 *
 *  Encoding, in this order: a BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins
 *  and is dropped; then opts->encoding (any name iconv knows); then, for
 *  empty input, UTF-8.  Otherwise the bytes are checked: known binary
 *  formats (ELF, PNG, PDF, ZIP, ...) and input whose first 64 KB are more
 *  than 5 % control bytes or NUL are refused with WA_EINPUT (a forced
 *  encoding skips this check); UTF-32 and UTF-16 without BOM are recognized
 *  by their pattern of zero bytes (alphabetic scripts; CJK text in UTF-16
 *  needs a BOM or a forced encoding); valid UTF-8 is taken as is; UTF-8 with
 *  a few invalid sequences (at least 4 valid multi-byte characters per
 *  invalid one) stays UTF-8; anything else goes to ICU's charset detector
 *  on an 8 KB sample starting near the first non-ASCII byte, and if it is
 *  not confident enough, windows-1252.  ISO-8859-1 is read as
 *  windows-1252, as browsers do.
 *
 *  Then: conversion through iconv(3); invalid sequences (one per maximal
 *  subpart in UTF-8) and NUL become U+FFFD; CRLF and CR become LF; unless
 *  opts->no_repair, mojibake (UTF-8 decoded once to three times as
 *  windows-1252 or Latin-1) is repaired; the result is put in NFC.
 *  Content never fails: every change is counted (wa_text_get_stats) and
 *  reported through opts->warn.
 *
 *  Returns 0, WA_EENCODING for an unknown opts->encoding, WA_EINPUT when
 *  the bytes are binary, WA_ELIB (iconv or ICU failure), WA_ENOMEM.  `opts`
 *  and `err` may be NULL.  The resulting wa_text is immutable: every
 *  accessor below is safe to call from several threads at once. */
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

/** How the encoding was chosen: "bom", "forced", "valid-utf8",
 *  "mostly-utf8" (UTF-8 with a few invalid sequences), "detected" (ICU, or
 *  the zero-byte pattern of UTF-16/32) or "fallback".  Static storage. */
WA_API const char *wa_text_encoding_source(const wa_text *t);

/** Confidence of the encoding choice, 0..100: 100 for BOM, forced or valid
 *  UTF-8; the share of valid multi-byte sequences for "mostly-utf8"; ICU's
 *  confidence, or the share of plausible code units for UTF-16/32, when
 *  detected; 0 for the fallback. */
WA_API int wa_text_confidence(const wa_text *t);

/** Number of invalid byte sequences and NUL bytes replaced by U+FFFD. */
WA_API size_t wa_text_replaced(const wa_text *t);

/** Fills *out with the counts of what decoding changed. */
WA_API void wa_text_get_stats(const wa_text *t, wa_text_stats *out);

/** The mojibake repairs made, in text order; *n gets their count.
 *  Borrowed, valid until wa_text_free(). */
WA_API const wa_repair *wa_text_repairs(const wa_text *t, size_t *n);

/** The text that repair `i` (index into wa_text_repairs()) replaced, as it
 *  read before the repair (UTF-8, e.g. "Ã©"), and its length in *len.  Not
 *  NUL-terminated.  Borrowed, valid until wa_text_free(); NULL when `i` is
 *  out of range. */
WA_API const char *wa_text_repair_original(const wa_text *t, size_t i,
                                           size_t *len);

/** Maps a byte offset into the normalized text (0..len) to the byte offset
 *  in the original input where the character at that offset starts, through
 *  every stage (BOM, transcoding, CRLF, U+FFFD, repairs, NFC).  An offset
 *  inside a character, or inside a stretch that a repair or NFC produced
 *  from several characters, maps to the start of that stretch's source.
 *  Offsets at or past the end map to the input's length.  O(log n) plus at
 *  most 4 KB of counting. */
WA_API size_t wa_text_source_offset(const wa_text *t, size_t offset);

/** Line (from 1) and column (in characters, i.e. code points, from 1) of a
 *  byte offset into the normalized text; offsets past the end are clamped.
 *  Uses an index built by decoding: O(log n) plus at most 4 KB of counting
 *  per call, and safe from several threads. */
WA_API void wa_text_line_col(const wa_text *t, size_t offset, size_t *line,
                             size_t *col);

#ifdef __cplusplus
}
#endif

#endif
