/*
 * wirealign/split.h - sentence splitting for wire text: ICU's sentence
 * BreakIterator plus wirealign's own rules (abbreviations, initials,
 * numbers, quotes, ellipses, parentheses, datelines, line structure).
 *
 * The split is lossless: the spans, in order, cover every non-space
 * character of the input exactly once; spans never start or end with white
 * space (Unicode White_Space), never overlap and are never empty.
 *
 * Word lists come from <data_dir>/abbrev/common.txt (every language) and
 * <data_dir>/abbrev/<lang>.txt (the language's own, when there is one); the
 * format is documented at the top of each file.
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
    /** Language code ("fr", "en", "de", "fr-CA", ...); NULL means "fr".  Any
     *  language ICU knows is accepted; one without its own list in
     *  data_dir/abbrev/ gets the common list and a warning. */
    const char *lang;
    /** Directory holding wirealign's data files (the dictionaries/ folder);
     *  required. */
    const char *data_dir;
    /** Warnings about the set-up (a language without its own list); may be
     *  NULL. */
    wa_warn_fn warn;
    void *warn_ctx;
} wa_split_opts;

/** Opens a splitter for opts->lang, loading its word lists from
 *  opts->data_dir.  Returns 0, WA_EINVAL (no data_dir, or a language code
 *  ICU does not know), WA_ENOTFOUND (abbrev/common.txt missing), WA_EDATA
 *  (a malformed list; err names file and line), WA_ELIB (ICU), WA_ENOMEM.
 *  *out is set to NULL on failure. */
WA_API int wa_splitter_open(wa_splitter **out, const wa_split_opts *opts,
                            wa_error *err);

/** Frees a splitter; accepts NULL. */
WA_API void wa_splitter_free(wa_splitter *sp);

/** The primary language subtag the splitter was opened for ("fr").
 *  Borrowed, valid until wa_splitter_free(). */
WA_API const char *wa_splitter_lang(const wa_splitter *sp);

/** Splits `len` bytes of normalized UTF-8 into sentences.  *out gets an
 *  array of *n spans, half-open byte offsets into s, in order (caller frees
 *  with wa_free(); NULL when *n is 0).  Invalid UTF-8 does not fail (it is
 *  read as U+FFFD).  Returns 0 or WA_ENOMEM / WA_ELIB. */
WA_API int wa_split(wa_splitter *sp, const char *s, size_t len,
                    wa_span **out, size_t *n, wa_error *err);

/** Called once per sentence by wa_split_each(); a non-zero return stops
 *  the split and is returned by wa_split_each(). */
typedef int (*wa_span_fn)(void *ctx, wa_span span);

/** Splits like wa_split() without building an array: calls fn(ctx, span)
 *  for each sentence, in order.  Returns 0, WA_EINVAL (NULL splitter or
 *  callback), WA_ENOMEM, WA_ELIB, or the callback's non-zero value. */
WA_API int wa_split_each(wa_splitter *sp, const char *s, size_t len,
                         wa_span_fn fn, void *ctx, wa_error *err);

#ifdef __cplusplus
}
#endif

#endif
