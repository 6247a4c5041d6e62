/*
 * wirealign/translit.h - name keys and name matching across languages and
 * scripts, plus curated aliases.
 *
 * A name key is where spelling variants of one name meet: every token goes
 * to Latin through an ICU transliterator chosen by its script (BGN/PCGN for
 * Cyrillic, Armenian, Georgian, Greek; ICU's general one elsewhere), has its
 * diacritics folded, then passes through wirealign's own phonetic rules
 * (dictionaries/translit/ *.txt, ICU transform rules) that undo the ways
 * French, English and German press romanize the same sounds.  So
 * "Sergueï Choïgou", "Sergei Shoigu", "Sergej Schoigu" and "Сергей Шойгу"
 * all get the key "sergei xoigu".
 *
 * Matching is token-aware (surname key must agree; a first name may be
 * missing, an initial matches a full name, particles and hyphens do not
 * count) with hard vetoes (different first names, Jr./Sr., a place name that
 * extends another) and curated aliases for what transliteration cannot reach
 * (Moscou / Moscow / Moskau, Haut-Karabakh / Artsakh).
 *
 * A wa_translit handle caches the key of every distinct token it has seen;
 * it is not safe to use from two threads at once: open one per thread.
 */
#ifndef WIREALIGN_TRANSLIT_H
#define WIREALIGN_TRANSLIT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The fixed decision threshold of wa_translit_match(): a pair whose score
 *  reaches it (and that no veto stopped) is the same name. */
#define WA_MATCH_THRESHOLD 0.85

/** Name keys, matching and aliases.  Opaque. */
typedef struct wa_translit wa_translit;

typedef struct wa_translit_opts {
    /** Directory holding wirealign's data files (the dictionaries/ folder):
     *  translit/prefold.txt, translit/phonetic.txt, names/titles.txt and
     *  aliases.tsv are read from it.  Required. */
    const char *data_dir;
    /** More alias files (same format as aliases.tsv), read after the
     *  default one; NULL-terminated array, may be NULL. */
    const char *const *alias_files;
    /** Do not read <data_dir>/aliases.tsv when non-zero. */
    int no_default_aliases;
} wa_translit_opts;

/** Opens a handle: compiles the rule files, reads the title list and the
 *  alias files.  Returns 0, WA_EINVAL (no data_dir), WA_ENOTFOUND (a data
 *  file is missing), WA_EDATA (a rule or alias file is malformed; the
 *  message names the file and line), WA_ELIB (ICU), WA_ENOMEM. */
WA_API int wa_translit_open(wa_translit **out, const wa_translit_opts *opts,
                            wa_error *err);

/** Frees a handle; accepts NULL. */
WA_API void wa_translit_free(wa_translit *t);

/** The key of the name in `name` (`len` bytes of UTF-8): the keys of its
 *  tokens, titles and particles left out, joined by single spaces, a
 *  generation marker (jr, sr, ii, ...) last.  *out gets a NUL-terminated
 *  string (caller frees with wa_free()); it is "" for a name with no
 *  letters.  Returns 0, WA_ENOMEM or WA_ELIB. */
WA_API int wa_translit_key(wa_translit *t, const char *name, size_t len,
                           char **out, wa_error *err);

/** The result of comparing two names. */
typedef struct wa_match {
    /** Similarity in [0, 1]: 1 for equal keys or the same alias entry. */
    double score;
    /** 1 when the names are taken for the same person or place (the score
     *  reaches WA_MATCH_THRESHOLD and no veto applied), else 0. */
    int same;
    /** Why, in a few words ("equal keys", "alias", "first names differ",
     *  ...).  Static storage. */
    const char *reason;
} wa_match;

/** Compares two names (UTF-8).  Fills *out.  Returns 0, WA_ENOMEM or
 *  WA_ELIB. */
WA_API int wa_translit_match(wa_translit *t, const char *a, size_t alen,
                             const char *b, size_t blen, wa_match *out,
                             wa_error *err);

/** The alias entry a name belongs to: its id as written in the alias file
 *  (borrowed, valid until wa_translit_free()), or NULL when the name is in
 *  no alias entry.  Returns NULL as well when out of memory. */
WA_API const char *wa_translit_alias(wa_translit *t, const char *name,
                                     size_t len);

/** The usual form in language `lang` ("en", "fr" or "de": the form
 *  tagged "lang:" in the alias file) of the alias entry the name belongs
 *  to.  *tag (may be NULL) gets the tag of the entry's variant the name is
 *  (same key: case, accents and transliteration do not matter; `lang`'s
 *  tag when the name is several tagged variants, as Ukraine is en: and
 *  fr:), or "" when that variant is untagged or the name is in no entry.  Returns the
 *  form (borrowed, valid until wa_translit_free()) or NULL when the name
 *  is in no entry, the entry has no form for `lang`, or out of memory. */
WA_API const char *wa_translit_alias_usual(wa_translit *t, const char *name, size_t len,
                                           const char *lang, const char **tag);

/** Number of distinct tokens whose key is cached in the handle. */
WA_API size_t wa_translit_cached(const wa_translit *t);

#ifdef __cplusplus
}
#endif

#endif
