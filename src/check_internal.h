/* Internal pieces of the proofreader shared by check.c and check_data.c. */
#ifndef WA_CHECK_INTERNAL_H
#define WA_CHECK_INTERNAL_H

#include "util/util.h"
#include "wirealign/check.h"
#include "wirealign/names.h"

/* Appends the case-folded form of s to out: ASCII and Latin-1 capitals to
 * lower case, ’ to ', runs of white space (and no-break spaces) to one
 * space, leading and trailing white space dropped. */
void ck_fold(const char *s, size_t n, wa_buf *out);

/* Glob match of a folded line: '*' any run, '#' one or more digits. */
int ck_glob(const char *pattern, const char *s);


/* Closed classes of words that the proofreader's rules name, read from
 * <data>/word-classes.txt ("NAME: word ..." lines): a word's classes are
 * the bits 1u << CK_CL_*.  The names are ck_class_names[]. */
enum {
    CK_CL_GOVERNOR, CK_CL_FEM_DET, CK_CL_MAS_DET, CK_CL_NO_ELISION, CK_CL_CONNECTOR,
    CK_CL_INSTITUTION, CK_CL_RUN_PARTICLE, CK_CL_RUN_LEAD, CK_CL_REMEMBERED_ARTICLE,
    CK_CL_SHORT_FUNCTION, CK_CL_DOUBLED_OK, CK_CL_ARTICLE, CK_CL_DEF_ARTICLE,
    CK_CL_PREPOSITION, CK_CL_CARDINAL, CK_CL_PLURAL_DET, CK_CL_NUMBER_LABEL,
    CK_CL_EN_FUNCTION, CK_CL_MEDIA_HEAD, CK_CL_PRENOMINAL, CK_CL_NAME_CONNECTOR,
    CK_CL_ORG_HEAD, CK_CL_NEWSPAPER_TITLE, CK_CL_INVARIANT_PLURAL, CK_NCLASSES
};
extern const char *const ck_class_names[CK_NCLASSES];

/* Reads dir/word-classes.txt into a new map (word -> class bits); every
 * class must have a word.  Errors name the file (and line). */
int ck_classes_read(const char *dir, wa_map **out, wa_error *err);

/* The class bits of word w (as the file writes it: lower case, '), 0 for
 * a word of no class. */
unsigned ck_classes_of(const wa_map *classes, const char *w, size_t n);

/* What ck_variants() reports to: emit() gets each finding (span, message,
 * suggestion or NULL; both copied by the callee); english() (may be NULL)
 * tells whether a span sits in English (a quote, an English run), where an
 * English exonym is no defect. */
typedef struct ck_variant_cb {
    void (*emit)(void *ctx, size_t start, size_t end, const char *msg, const char *sugg);
    int (*english)(void *ctx, size_t start, size_t end);
    /* Whether a folded word (lower case) is a dictionary word of French or
     * English; may be NULL. */
    int (*common)(void *ctx, const char *w, size_t n);
    void *ctx;
} ck_variant_cb;

/* Name variants of one document (language `lang`, "fr" or "en"): the
 * mentions (through nm, which is reset first) clustered into entities;
 * within an entity, a word spelled otherwise than the spelling the text
 * uses most for it (ties: the first written), and an alias form tagged
 * with another language beside a form tagged with `lang`.  `sent` holds the
 * sentence spans (may be NULL).  `found` (may be NULL) holds the mentions
 * already found by wa_names_find() on the same text and sentences.
 * Returns 0, WA_ENOMEM or WA_ELIB. */
int ck_variants(wa_names *nm, const char *lang, const char *s, size_t len, const wa_span *sent,
                size_t nsent, const wa_mention *found, size_t nfound, const ck_variant_cb *cb,
                wa_error *err);

/* Per-checker cache of what ck_variant_possible() learns about each
 * capitalized word (its key's consonant skeleton, whether it is a
 * dictionary word, whether it is an exonym of another language). */
typedef struct ck_vcache ck_vcache;
int ck_vcache_new(ck_vcache **out);
void ck_vcache_free(ck_vcache *vc);

/* Whether a document whose capitalized words (not in capitals) are the
 * spans `w` may hold a variant: two words of one consonant skeleton
 * spelled differently, one of them no dictionary word, or a word or pair
 * of words that aliases.tsv tags with another language than `lang`.
 * Returns 1, 0, or a negative WA_E* code. */
int ck_variant_possible(ck_vcache *vc, wa_translit *tl, const char *lang, const char *s,
                        const wa_span *w, size_t nw, const ck_variant_cb *cb, wa_error *err);

#endif
