/*
 * wirealign/thes.h - a reader of the MyThes thesaurus format (Debian's
 * mythes-en-us: th_en_US_v2.idx and .dat), in plain C.
 *
 * Format: the .idx starts with the encoding and the entry count, then
 * "word|byte offset into .dat" lines sorted by word (bytes); at that offset
 * the .dat holds "word|number of meanings" followed by that many lines
 * "(pos)|synonym|synonym (generic term)|...".  Both files are mapped, not
 * loaded: opening costs nothing, each first lookup a binary search and a
 * parse, and the result is cached.
 */
#ifndef WIREALIGN_THES_H
#define WIREALIGN_THES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An open thesaurus.  Opaque; one per thread. */
typedef struct wa_thesaurus wa_thesaurus;

typedef struct wa_thesaurus_opts {
    /** The .idx and .dat files (e.g. /usr/share/mythes/th_en_US_v2.idx). */
    const char *idx_path;
    const char *dat_path;
} wa_thesaurus_opts;

/** Parts of speech of a synonym's meaning. */
enum { WA_POS_OTHER = 0, WA_POS_NOUN, WA_POS_VERB, WA_POS_ADJ, WA_POS_ADV };

/** Values of wa_synonym.loose: the file's note after a term. */
enum { WA_SYN_TRUE = 0, WA_SYN_GENERIC = 1, WA_SYN_SIMILAR = 2, WA_SYN_RELATED = 3 };

/** One synonym: its text (not NUL-terminated, without the "(generic term)"
 *  kind of note), the meaning it belongs to (0 = first listed), the part of
 *  speech of that meaning, and whether the file marks it as a more general,
 *  similar or merely related term rather than a true synonym (loose: one of
 *  WA_SYN_*, non-zero for all but true synonyms; antonyms are left out). */
typedef struct wa_synonym {
    const char *text;
    size_t len;
    unsigned short meaning;
    unsigned char pos;
    unsigned char loose;
} wa_synonym;

/** Opens (maps) the two files after checking their headers.  Returns 0,
 *  WA_ENOTFOUND / WA_EIO (a file is missing or unreadable: the message names
 *  it), WA_EDATA (not a MyThes file: the message names it), WA_ENOMEM. */
WA_API int wa_thesaurus_open(wa_thesaurus **out, const wa_thesaurus_opts *opts,
                             wa_error *err);

/** Unmaps and frees; accepts NULL. */
WA_API void wa_thesaurus_free(wa_thesaurus *th);

/** The synonyms of a word (looked up in lower case; ASCII case folding),
 *  meaning by meaning, in file order.  *out gets *n entries, borrowed, valid
 *  until wa_thesaurus_free(); *n is 0 for an unknown word.  Returns 0 or
 *  WA_ENOMEM.  Cached. */
WA_API int wa_thesaurus_lookup(wa_thesaurus *th, const char *w, size_t len,
                               const wa_synonym **out, size_t *n);

#ifdef __cplusplus
}
#endif

#endif
