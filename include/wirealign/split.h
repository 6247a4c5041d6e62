/*
 * wirealign/split.h - sentence splitting for wire text: ICU's sentence
 * BreakIterator plus wirealign's own rules (abbreviations, initials,
 * numbers, quotes, ellipses, parentheses, datelines, line structure).
 *
 * The split is lossless: the spans, in order, cover every non-space
 * character of the input exactly once; spans never start or end with white
 * space.
 */
#ifndef WIREALIGN_SPLIT_H
#define WIREALIGN_SPLIT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A sentence splitter for one language.  Opaque.  A splitter is not safe
 *  to use from two threads at once: open one per thread. */
typedef struct wa_splitter wa_splitter;

typedef struct wa_split_opts {
    /** Language code ("fr", "en", ...); NULL means "fr". */
    const char *lang;
    /** Directory holding wirealign's data files (the dictionaries/ folder);
     *  required. */
    const char *data_dir;
} wa_split_opts;

/** Opens a splitter for opts->lang, loading its abbreviation lists from
 *  opts->data_dir.  Returns 0, WA_EINVAL (unknown language), WA_ENOTFOUND or
 *  WA_EDATA (data files), WA_ELIB (ICU), WA_ENOMEM. */
WA_API int wa_splitter_open(wa_splitter **out, const wa_split_opts *opts,
                            wa_error *err);

/** Frees a splitter; accepts NULL. */
WA_API void wa_splitter_free(wa_splitter *sp);

/** Splits `len` bytes of normalized UTF-8 into sentences.  *out gets an
 *  array of *n spans (caller frees with wa_free(); NULL when *n is 0).
 *  Returns 0 or WA_ENOMEM / WA_ELIB. */
WA_API int wa_split(wa_splitter *sp, const char *s, size_t len,
                    wa_span **out, size_t *n, wa_error *err);

#ifdef __cplusplus
}
#endif

#endif
