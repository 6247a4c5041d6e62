/* Internal interfaces of the text module: encoding detection, the offset map
 * pieces, mojibake repair and NFC.  Shared by src/text*.c only. */
#ifndef WA_TEXT_INTERNAL_H
#define WA_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "util/util.h"
#include "wirealign/text.h"

/* How the input bytes are turned into code points. */
enum wa_dec_kind {
    WA_DEC_UTF8,    /* own decoder, maximal-subpart U+FFFD replacement */
    WA_DEC_UTF16LE, /* iconv, chunked; widths 2 or 4 */
    WA_DEC_UTF16BE,
    WA_DEC_UTF32LE, /* iconv, chunked; width 4 */
    WA_DEC_UTF32BE,
    WA_DEC_ICONV    /* any other iconv encoding: single-byte table or per char */
};

/* What detection decided.  `name` points into `namebuf` or to a literal. */
typedef struct wa_detect {
    int kind;
    const char *name;
    char namebuf[64];
    const char *source; /* "bom", "forced", "valid-utf8", ... (static) */
    int confidence;
    size_t skip; /* bytes of BOM to skip */
    int valid;   /* known to be valid UTF-8 (no need to check again); 2: also
                  * without CR and NUL, a copy as it is */
    size_t nfc_from; /* valid == 2: offset of the first character that NFC
                      * must look at (see wa_text_nfc), or len; skip is 0
                      * then (a BOM returns first), so the offset holds in
                      * the decoded copy too */
} wa_detect;

/* Chooses the encoding of bytes[0..len) (BOM, forced, heuristics, ICU
 * detection, fallback).  Returns 0, WA_EENCODING (unknown forced name) or
 * WA_EINPUT (binary input), with err filled. */
int wa_text_detect(const char *bytes, size_t len, const char *forced,
                   wa_detect *d, wa_error *err);

/* Decodes one UTF-8 character at s[*i]: returns the code point and advances
 * *i, or returns -1 and advances *i past the maximal subpart (Unicode 3.9,
 * W3C/WHATWG practice: one U+FFFD per maximal subpart). */
int32_t wa_text_utf8_decode(const unsigned char *s, size_t n, size_t *i);

/* An edit made by a later stage: bytes [old_start, old_end) of the previous
 * text became [new_start, new_end) of the new one.  Sorted, disjoint. */
typedef struct wa_edit {
    size_t old_start, old_end;
    size_t new_start, new_end;
    int layers; /* repair only: layers of mojibake undone */
    int weak;   /* repair only, internal */
    int32_t cp; /* repair only: the repaired character */
} wa_edit;

typedef struct wa_edits {
    wa_edit *v;
    size_t n, cap;
} wa_edits;

int wa_edits_push(wa_edits *e, wa_edit ed);
/* Maps an offset of the new text back to the previous one (offsets inside
 * an edit map to its start). */
size_t wa_edits_to_old(const wa_edits *e, size_t x);
/* Maps an offset of the previous text forward (inside an edit: its start,
 * or its end when `end` is set). */
size_t wa_edits_to_new(const wa_edits *e, size_t x, int end);

/* Mojibake repair of valid UTF-8 s[0..n): when something is repaired, fills
 * *out with the new text (NUL-terminated), *edits with one edit per repaired
 * character, and sets *changed.  Returns 0 or WA_ENOMEM. */
int wa_text_repair(const char *s, size_t n, wa_buf *out, wa_edits *edits,
                   int *changed);

/* True when s[0..n) may hold mojibake at all (a cheap byte scan). */
int wa_text_repair_candidate(const char *s, size_t n);

/* U+2002..U+20BF (general punctuation: quotes, dashes, the ellipsis; and
 * currency signs), the common characters from U+0300 on in Latin-script
 * text: NFC quick check yes, combining class 0, so a boundary before them
 * (U+2000 and U+2001 are not: they decompose to U+2002 and U+2003).  True
 * when u[0..n) starts with one. */
static inline int wa_text_nfc_inert(const unsigned char *u, size_t n)
{
    return n >= 3 && u[0] == 0xE2 && (u[2] & 0xC0) == 0x80 &&
           (u[1] == 0x81 || u[1] == 0x82 || (u[1] == 0x80 && u[2] >= 0x82));
}

/* NFC of valid UTF-8 s[0..n), of which s[0..from) is known to hold only
 * characters below U+0300 and wa_text_nfc_inert ones (from = n: all of it,
 * nothing to do): when the text is not already NFC, fills *out and *edits
 * (one per changed segment) and sets *changed.  Returns 0, WA_ENOMEM or
 * WA_ELIB (err filled). */
int wa_text_nfc(const char *s, size_t n, size_t from, wa_buf *out, wa_edits *edits,
                int *changed, wa_error *err);

#endif
