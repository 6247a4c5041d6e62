/*
 * wirealign/check.h - the proofreader: garbled English in translated French
 * wires (loanword), leftover site lines (boilerplate), misspellings
 * (spelling), words run together (glued), doubled words and fragments
 * (repeat) and, once the names module provides clusters, name variants
 * (variant); each finding with suggestions, best first.
 *
 * Use: open a checker, optionally show it every document of the set with
 * wa_check_learn() (lines repeated across documents are boilerplate), then
 * wa_check() each document.
 */
#ifndef WIREALIGN_CHECK_H
#define WIREALIGN_CHECK_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Finding categories; bit (1 << category) selects one in
 *  wa_check_opts.categories. */
typedef enum wa_check_category {
    WA_CHECK_LOANWORD = 0,
    WA_CHECK_BOILERPLATE,
    WA_CHECK_SPELLING,
    WA_CHECK_GLUED,
    WA_CHECK_REPEAT,
    WA_CHECK_VARIANT,
    WA_CHECK_NCATEGORIES
} wa_check_category;

struct wa_mention;     /* wirealign/names.h */
struct wa_spell_share; /* wirealign/spell.h */
struct wa_speller;     /* wirealign/spell.h */

/** A checker: Hunspell dictionaries, the thesaurus, the word lists and
 *  patterns of the data folder, and their caches.  Opaque; one per thread. */
typedef struct wa_checker wa_checker;

typedef struct wa_check_opts {
    /** Language of the texts: "fr" (default when NULL) or "en". */
    const char *lang;
    /** wirealign's data folder (dictionaries/); required: the word lists
     *  (anglicisms-fr.txt, media-names.txt, gazetteer.txt,
     *  homographs-fr-en.txt) and boilerplate patterns (boilerplate.txt). */
    const char *data_dir;
    /** Hunspell folders to search, NULL-terminated (see wa_speller_opts). */
    const char *const *dict_dirs;
    /** The MyThes thesaurus (.idx/.dat) for loanword suggestions;
     *  required. */
    const char *thes_idx;
    const char *thes_dat;
    /** Bit set of (1 << WA_CHECK_*) to report; 0 means all. */
    unsigned categories;
    /** More alias files for the `variant` category (format of
     *  <data_dir>/aliases.tsv), NULL-terminated; may be NULL. */
    const char *const *alias_files;
    /** Do not read <data_dir>/aliases.tsv when non-zero. */
    int no_default_aliases;
    /** Given to the checker's spellers (see wa_spell_share): checkers of
     *  several threads then look each word up once.  NULL for none. */
    struct wa_spell_share *spell_share;
} wa_check_opts;

/** One finding: the half-open byte span [start, end) into the text given
 *  to wa_check(), its category, a one-line message, and suggestions (best
 *  first; may be none). */
typedef struct wa_finding {
    wa_span span;
    wa_check_category category;
    char *message;
    char **suggestions;
    size_t nsuggestions;
} wa_finding;

/** Opens a checker: both Hunspell dictionaries (fr and en), the thesaurus,
 *  the data files (the sentence splitter's word lists in abbrev/ too).  Returns 0; WA_EINVAL (unknown language); WA_ENOTFOUND,
 *  WA_EIO, WA_EDATA (a dictionary, the thesaurus or a data file is missing
 *  or malformed: the message names the file); WA_ELIB; WA_ENOMEM. */
WA_API int wa_checker_open(wa_checker **out, const wa_check_opts *opts, wa_error *err);

/** Frees a checker; accepts NULL. */
WA_API void wa_checker_free(wa_checker *ck);

/** Shows the checker one document of the set before checking: its short
 *  lines are counted so that a line found in two documents counts as
 *  boilerplate in each.  Returns 0 or WA_ENOMEM. */
WA_API int wa_check_learn(wa_checker *ck, const char *s, size_t len);

/** Gives `dst` what `src` has learned with wa_check_learn() (adding to
 *  what dst knows), so that checkers of several threads learn the set once.
 *  Returns 0 or WA_ENOMEM. */
WA_API int wa_check_learn_from(wa_checker *dst, const wa_checker *src);

/** The checker's Hunspell speller of its language, for callers that want
 *  the same verdicts (the names module's common-word test).  Borrowed,
 *  valid until wa_checker_free(); used on the checker's thread only. */
WA_API struct wa_speller *wa_checker_speller(wa_checker *ck);

/** The name-key handle of the checker's `variant` category (NULL without
 *  it), for a names handle of the same thread (wa_names_opts.translit):
 *  then each name word is transliterated once for both.  Borrowed, valid
 *  until wa_checker_free(). */
WA_API struct wa_translit *wa_checker_translit(wa_checker *ck);

/** Checks `len` bytes of normalized UTF-8.  *out gets *n findings sorted by
 *  position (caller frees with wa_findings_free(); NULL when *n is 0).
 *  Returns 0, WA_ENOMEM or WA_ELIB. */
WA_API int wa_check(wa_checker *ck, const char *s, size_t len, wa_finding **out, size_t *n,
                    wa_error *err);

/** As wa_check(), with the text's sentences given: `sent` holds `nsent`
 *  spans in order, as wa_split() returns them for the same text (for a
 *  caller that has split it already; wa_check() splits it itself).
 *  Sentence starts decide which capitalized words are names and which
 *  repeats are defects.  The spans are borrowed for the call. */
WA_API int wa_check_split(wa_checker *ck, const char *s, size_t len, const wa_span *sent,
                          size_t nsent, wa_finding **out, size_t *n, wa_error *err);

/** As wa_check_split(), with the text's name mentions given too: `m`
 *  holds `nm` mentions found by wa_names_find() on the same text and
 *  sentences, by a names handle opened with this checker's data_dir and
 *  alias options (a caller that needs them anyway, like `report`, then
 *  does not have the `variant` category search them again).  Borrowed;
 *  m may be NULL when nm is 0. */
WA_API int wa_check_mentions(wa_checker *ck, const char *s, size_t len, const wa_span *sent,
                             size_t nsent, const struct wa_mention *m, size_t nm,
                             wa_finding **out, size_t *n, wa_error *err);

/** Frees findings returned by wa_check(); accepts NULL. */
WA_API void wa_findings_free(wa_finding *f, size_t n);

/** The category's name ("loanword", "boilerplate", "spelling", "glued",
 *  "repeat", "variant"); static. */
WA_API const char *wa_check_category_name(wa_check_category c);

/** The category named `name`, or -1. */
WA_API int wa_check_category_parse(const char *name);

#ifdef __cplusplus
}
#endif

#endif
