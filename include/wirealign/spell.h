/*
 * wirealign/spell.h - spelling with Hunspell behind a verdict cache.
 *
 * One speller wraps one Hunspell dictionary (French or English).  It checks
 * the .aff/.dic files itself before handing them to Hunspell (which cannot
 * report a failed load), converts words to the dictionary's encoding, and
 * caches every verdict and analysis: news vocabulary repeats, a cache hit
 * costs a hash lookup, a first lookup tens of microseconds.
 *
 * Words are UTF-8 (const char *w, size_t n), not NUL-terminated.
 */
#ifndef WIREALIGN_SPELL_H
#define WIREALIGN_SPELL_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A Hunspell dictionary with its caches.  Opaque.  Not safe to use from
 *  two threads at once: open one per thread. */
typedef struct wa_speller wa_speller;

/** What several spellers of one process share (report --jobs N: one set
 *  per thread): verdicts, analyses, close words and the word-form filter
 *  of each dictionary.  Each is a pure function of the dictionary and the
 *  word, so sharing changes no result, only who computes it first.  Safe to
 *  use from many threads (a mutex inside, taken only on a speller's own
 *  cache misses).  Opaque. */
typedef struct wa_spell_share wa_spell_share;

/** Makes an empty share.  Returns 0 or WA_ENOMEM (then *out is NULL). */
WA_API int wa_spell_share_new(wa_spell_share **out, wa_error *err);

/** Frees a share once no speller uses it any more; accepts NULL. */
WA_API void wa_spell_share_free(wa_spell_share *sh);

typedef struct wa_speller_opts {
    /** Language: "fr" or "en"; NULL means "fr".  Chooses the dictionary
     *  names tried (fr: fr_FR, fr; en: en_US, en_GB, en). */
    const char *lang;
    /** Folders to search, in order, NULL-terminated (the CLI passes
     *  cli_dict_dirs()); required. */
    const char *const *dict_dirs;
    /** A dictionary base name to use instead of the language's usual ones
     *  (e.g. "fr_CA"); NULL for the defaults. */
    const char *dict_name;
    /** A share to read and feed (see wa_spell_share); NULL for none.
     *  Borrowed: it must outlive the speller. */
    wa_spell_share *share;
} wa_speller_opts;

/** Finds NAME.aff and NAME.dic in the first folder of opts->dict_dirs that
 *  holds NAME.dic, checks them (readable, .dic starting with a word count,
 *  .aff naming an encoding iconv knows) and loads them.
 *  Returns 0; WA_EINVAL (unknown language, no dict_dirs); WA_ENOTFOUND (no
 *  dictionary in any folder: the message lists the folders; or the .aff
 *  beside a .dic is missing: the message names it); WA_EDATA (a file is not
 *  a Hunspell dictionary: the message names it); WA_EENCODING; WA_ELIB;
 *  WA_ENOMEM. */
WA_API int wa_speller_open(wa_speller **out, const wa_speller_opts *opts,
                           wa_error *err);

/** Frees a speller; accepts NULL. */
WA_API void wa_speller_free(wa_speller *sp);

/** Path of the .dic file in use.  Borrowed, valid until wa_speller_free(). */
WA_API const char *wa_speller_dic_path(const wa_speller *sp);

/** The language the speller was opened for ("fr" or "en"); static. */
WA_API const char *wa_speller_lang(const wa_speller *sp);

/** 1 when the dictionary accepts the word (Hunspell's rules: a capitalized
 *  or upper-case form of a lower-case entry is accepted), 0 when not (also
 *  for a word that cannot be written in the dictionary's encoding or is
 *  longer than 100 bytes), WA_ENOMEM.  Cached. */
WA_API int wa_spell(wa_speller *sp, const char *w, size_t n);

/** Morphology bits of wa_spell_morph(). */
enum {
    WA_MORPH_NOUN = 1 << 0,
    WA_MORPH_VERB = 1 << 1,
    WA_MORPH_ADJ = 1 << 2,
    WA_MORPH_ADV = 1 << 3,
    WA_MORPH_OTHER = 1 << 4,    /* determiners, prepositions, pronouns... */
    WA_MORPH_NOUN_MAS = 1 << 5, /* a noun reading is masculine */
    WA_MORPH_NOUN_FEM = 1 << 6, /* a noun reading is feminine */
    WA_MORPH_PLURAL = 1 << 7,   /* some reading is plural */
    WA_MORPH_SINGULAR = 1 << 8, /* some reading is singular */
    WA_MORPH_KNOWN = 1 << 9,    /* the dictionary analysed the word */
    WA_MORPH_ADJ_MAS = 1 << 10, /* an adjective reading is masculine */
    WA_MORPH_ADJ_FEM = 1 << 11, /* an adjective reading is feminine */
    WA_MORPH_FINITE = 1 << 12,  /* a verb reading is a finite form (indicative,
                                   subjunctive, conditional, imperative) */
    WA_MORPH_NONFINITE = 1 << 13, /* a verb reading is an infinitive or participle */
    WA_MORPH_PARTICIPLE = 1 << 14, /* a verb reading is a participle */
    WA_MORPH_TRANSITIVE = 1 << 15, /* a verb reading's lemma takes a direct object
                                      (the 't' of fr_FR's po:v1_it... tag), so it
                                      can follow an object pronoun (le, la, les) */
    WA_MORPH_SECOND_PLURAL = 1 << 16 /* a verb reading is of the second person
                                        plural (mangez, connectez, retrouvez) */
};

/** The union of the WA_MORPH_* bits over Hunspell's analyses of the word
 *  (from the dictionary's po:/is: fields, which fr_FR has and en_US lacks);
 *  0 for an unknown word or a dictionary without morphology.  Cached. */
WA_API unsigned wa_spell_morph(wa_speller *sp, const char *w, size_t n);

/** A wa_common_word_fn (names.h) on a speller (ctx is the wa_speller *):
 *  0 for a word the dictionary does not know, 2 for a known word whose
 *  every reading is a verb of the second person plural (Retrouvez,
 *  Connectez: an imperative, which can never start a name, even before
 *  one), 1 for any other known word. */
WA_API int wa_spell_common_word(void *ctx, const char *w, size_t n);

/** Hunspell's suggestions for the word, best first, in UTF-8.  *out gets an
 *  array of *count NUL-terminated strings (caller frees with
 *  wa_spell_list_free(); NULL when *count is 0).  Returns 0 or WA_ENOMEM.
 *  Slow (milliseconds): call it for findings, not for every word. */
WA_API int wa_spell_suggest(wa_speller *sp, const char *w, size_t n,
                            char ***out, size_t *count);

/** The one dictionary word close to `w` (UTF-8, `n` bytes), for a
 *  suggestion that is right or absent: first the words that differ from it
 *  only in the accents of at most two letters (desormais -> désormais);
 *  when there is none, for a word of five letters or more, the words one
 *  edit away with ASCII letters (a letter deleted, inserted, replaced, two
 *  neighbours swapped).  When exactly one word is found at the first level
 *  that finds any, *out gets it (caller frees with wa_free()); otherwise
 *  *out is NULL.  Bounded (a few hundred dictionary lookups, not cached,
 *  no Hunspell suggestion engine): about a millisecond, against tens of
 *  milliseconds for wa_spell_suggest().  Returns 0 or WA_ENOMEM. */
WA_API int wa_spell_close(wa_speller *sp, const char *w, size_t n, char **out);

/** Frees a list returned by wa_spell_suggest(); accepts NULL. */
WA_API void wa_spell_list_free(char **list, size_t count);

/** Adds a word to the speller's run-time dictionary (accepted from now on;
 *  its capitalized forms too when it is lower case).  Returns 0 or
 *  WA_ENOMEM. */
WA_API int wa_spell_add(wa_speller *sp, const char *w, size_t n);

#ifdef __cplusplus
}
#endif

#endif
