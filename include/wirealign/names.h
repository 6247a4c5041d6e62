/*
 * wirealign/names.h - name mentions in text, clustered into entities, and
 * alias tables (tsv, json, Solr synonyms).
 *
 * Usage: open a wa_names handle, feed it documents (wa_names_add_text) or
 * ready-made mentions (wa_names_add) or alias tables made elsewhere
 * (wa_names_add_table), call wa_names_cluster(), then read the entities or
 * write the table (wa_names_write).
 *
 * What goes in is reduced to counts: for each name form, how many times it
 * occurs in each document.  Clustering is a function of those counts only,
 * and the tsv table carries all of them, so tables made on shards of a
 * corpus merge (wa_names_add_table on each, then cluster) into exactly the
 * table one run over the whole corpus gives, whatever the order.
 *
 * Clustering never compares every name with every other: names are blocked
 * on the consonant skeleton of their surname key (and on alias entries);
 * only names within a block are compared (wa_translit_match rules).  Memory
 * grows with the number of distinct (form, document) pairs.
 *
 * A handle is not safe to use from two threads at once: open one per
 * thread.
 */
#ifndef WIREALIGN_NAMES_H
#define WIREALIGN_NAMES_H

#include "common.h"
#include "translit.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Mentions, entities and alias tables.  Opaque. */
typedef struct wa_names wa_names;

/** Tells whether a word is a common word of the language (so that a
 *  capitalized occurrence at the start of a sentence is no name).  `w` is
 *  the word in lower case, UTF-8, `n` bytes, not NUL-terminated.  Returns 1
 *  for a common word, 2 for a common word that cannot start a name even
 *  before one (an imperative: Retrouvez Emmanuel Macron), 0 otherwise.
 *  wa_spell_common_word() is one, on a speller. */
typedef int (*wa_common_word_fn)(void *ctx, const char *w, size_t n);

typedef struct wa_names_opts {
    /** Directory holding wirealign's data files; required. */
    const char *data_dir;
    /** More alias files (format of aliases.tsv), NULL-terminated; may be
     *  NULL. */
    const char *const *alias_files;
    /** Do not read <data_dir>/aliases.tsv when non-zero. */
    int no_default_aliases;
    /** Decides which capitalized words are common words (a dictionary);
     *  NULL uses the word list <data_dir>/names/common-words.txt. */
    wa_common_word_fn is_common_word;
    void *common_ctx;
    /** Language whose form wins a tie for the canonical form: "en", "fr"
     *  or NULL (ties go to the first form in byte order). */
    const char *prefer;
    /** Keep every mention found by wa_names_add_text() with its span, so
     *  that wa_names_mentions() can give each one its entity. */
    int keep_mentions;
    /** A name-key handle to use instead of opening one (borrowed: it must
     *  outlive this handle; used on one thread at a time), so that two
     *  handles of a thread transliterate each name word once: opened with
     *  this data_dir, alias_files and no_default_aliases, which it then
     *  stands for.  NULL opens one. */
    wa_translit *translit;
} wa_names_opts;

/** A name mention in a text. */
typedef struct wa_mention {
    /** The name as written, half-open byte span into the text: titles
     *  ("le président"), an elided article (l', d') and an English 's are
     *  left out. */
    wa_span span;
    /** The entity id (1..wa_names_entity_count()) after wa_names_cluster()
     *  for mentions kept by the handle; 0 otherwise. */
    size_t entity;
} wa_mention;

/** Opens a handle (loads the rules, word lists and aliases).  Returns 0,
 *  WA_EINVAL (no data_dir, prefer not "en"/"fr"), WA_ENOTFOUND, WA_EDATA
 *  (the message names the file and line), WA_ELIB, WA_ENOMEM. */
WA_API int wa_names_open(wa_names **out, const wa_names_opts *opts, wa_error *err);

/** Frees a handle; accepts NULL. */
WA_API void wa_names_free(wa_names *nm);

/** Forgets every document, count, mention and entity, keeping the loaded
 *  data and the key caches, so that one handle serves batch after batch
 *  (opening one costs tens of milliseconds).  Out of memory, the handle
 *  refuses every later add with WA_ENOMEM. */
WA_API void wa_names_reset(wa_names *nm);

/** The name-key handle this handle uses, for wa_translit_key(),
 *  wa_translit_match() and the alias look-ups on the same thread.
 *  Borrowed, valid until wa_names_free(). */
WA_API wa_translit *wa_names_translit(wa_names *nm);

/** Finds the name mentions in `len` bytes of normalized UTF-8.  `sent`
 *  holds `nsent` sentence spans in order (from wa_split()); when NULL, a
 *  sentence is taken to start after . ! ? or a line break.  *out gets an
 *  array of *n mentions in text order (caller frees with wa_free(); NULL
 *  when *n is 0); their entity is 0.  Nothing is added to the handle.
 *  Returns 0, WA_ENOMEM or WA_ELIB. */
WA_API int wa_names_find(wa_names *nm, const char *s, size_t len, const wa_span *sent,
                         size_t nsent, wa_mention **out, size_t *n, wa_error *err);

/** Finds the mentions of one document (as wa_names_find does) and counts
 *  them under the document name `doc` (copied).  Adding text again under
 *  the same name adds to its counts.  Returns 0, WA_ENOMEM or WA_ELIB. */
WA_API int wa_names_add_text(wa_names *nm, const char *doc, const char *s, size_t len,
                             const wa_span *sent, size_t nsent, wa_error *err);

/** As wa_names_add_text(), with the document's mentions already found by
 *  wa_names_find() on the same text and sentences (by this handle or one
 *  opened with the same data_dir, alias files and common-word test): they
 *  are counted without searching the text again.  `m` is copied.  Returns
 *  0, WA_EINVAL (a mention outside the text), WA_ENOMEM, WA_ELIB. */
WA_API int wa_names_add_mentions(wa_names *nm, const char *doc, const char *s, size_t len,
                                 const wa_mention *m, size_t n, wa_error *err);

/** Counts `count` mentions of the name `form` (UTF-8, `n` bytes; runs of
 *  white space count as one space) in document `doc`.  Returns 0, WA_EINVAL
 *  (an empty form, or a NUL byte in it), WA_ENOMEM. */
WA_API int wa_names_add(wa_names *nm, const char *doc, const char *form, size_t n,
                        unsigned long long count, wa_error *err);

/** Adds every row of an alias table in the tsv format of wa_names_write()
 *  (`len` bytes; `name` names it in error messages).  Returns 0, WA_EDATA
 *  (a malformed row: the message gives name:line), WA_ENOMEM. */
WA_API int wa_names_add_table(wa_names *nm, const char *tsv, size_t len, const char *name,
                              wa_error *err);

/** Adds every count of `src` (its documents, forms and antecedents) to
 *  `dst`, as wa_names_add_table() would from src's tsv table, without
 *  clustering src or writing the table.  `src` is only read.  Returns 0,
 *  WA_EINVAL (dst is src), WA_ENOMEM. */
WA_API int wa_names_merge(wa_names *dst, const wa_names *src, wa_error *err);

/** Clusters everything added so far into entities, numbered from 1 in the
 *  byte order of their canonical forms.  May be called again after more
 *  adds.  Returns 0, WA_ENOMEM or WA_ELIB. */
WA_API int wa_names_cluster(wa_names *nm, wa_error *err);

/** Number of entities after wa_names_cluster(). */
WA_API size_t wa_names_entity_count(const wa_names *nm);

/** Canonical form of entity `id` (1-based): its most frequent full form.
 *  Borrowed, valid until the next add or cluster; NULL for a bad id. */
WA_API const char *wa_names_canonical(const wa_names *nm, size_t id);

/** Number of variants (rows of the tsv table) of entity `id`; 0 for a bad
 *  id or before clustering. */
WA_API size_t wa_names_variant_count(const wa_names *nm, size_t id);

/** Variant k (0-based, in the tsv table's order) of entity `id`: its form
 *  (borrowed, valid until the next add or cluster), with its mention count
 *  in *count and the number of its document entries in *docs (either may be
 *  NULL); NULL for a bad id or k. */
WA_API const char *wa_names_variant(const wa_names *nm, size_t id, size_t k,
                                    unsigned long long *count, size_t *docs);

/** The entity of the name `form` as counted in document `doc`, or 0 when
 *  that form was not counted there (or before clustering). */
WA_API size_t wa_names_entity_of(const wa_names *nm, const char *doc, const char *form,
                                 size_t n);

/** The mentions kept for document `doc` (opts.keep_mentions), in text
 *  order, with their entity after wa_names_cluster().  Borrowed, valid
 *  until the next add or free.  Returns 0, or WA_ENOTFOUND for a document
 *  never added or mentions not kept. */
WA_API int wa_names_mentions(const wa_names *nm, const char *doc, const wa_mention **out,
                             size_t *n);

/** Output formats of wa_names_write(). */
enum {
    /** One variant per row: entity, canonical, variant, key, count,
     *  documents ("doc=count;doc=count", '%' ';' '=' TAB LF CR escaped as
     *  %XX); '#' lines are comments.  Merges exactly. */
    WA_NAMES_TSV = 0,
    /** A JSON array, one object per entity with its variants. */
    WA_NAMES_JSON = 1,
    /** Solr/Elasticsearch synonyms, explicit form: "a, b => canonical". */
    WA_NAMES_SOLR = 2,
    /** Solr/Elasticsearch synonyms, equivalence form: "canonical, a, b". */
    WA_NAMES_SOLR_EQUIV = 3
};

/** Writes the alias table of the last wa_names_cluster() in `format`.
 *  *out gets the text (caller frees with wa_free()), *len its length.
 *  Returns 0, WA_EINVAL (unknown format), WA_ENOMEM. */
WA_API int wa_names_write(const wa_names *nm, int format, char **out, size_t *len,
                          wa_error *err);

#ifdef __cplusplus
}
#endif

#endif
