/* Internal: spun media and organisation names ("Related Press" for
 * "Associated Press", "Save the Kids" for "Save the Children"): a run of
 * words compared with the known names by the share of their words kept,
 * swapped for a thesaurus neighbour or for some other plain English word. */
#ifndef WA_CHECK_MEDIA_H
#define WA_CHECK_MEDIA_H

#include <stddef.h>
#include "wirealign/common.h"
#include "util/util.h"
#include "wirealign/thes.h"

typedef struct ck_media ck_media;

/* At most CK_MEDIA_TITLES newspaper titles, each under CK_MEDIA_TITLE_BYTES
 * bytes. */
enum { CK_MEDIA_TITLES = 64, CK_MEDIA_TITLE_BYTES = 16 };

/* Opens an empty name table using the thesaurus th and the word classes
 * of word-classes.txt (ck_classes_read; connectors, head words, newspaper
 * titles, invariant plurals), both borrowed: they must outlive the table.
 * Returns 0, WA_EDATA (too many newspaper titles, or one too long) or
 * WA_ENOMEM. */
int ck_media_open(ck_media **out, wa_thesaurus *th, const wa_map *classes);

/* Frees; accepts NULL. */
void ck_media_free(ck_media *m);

/* Adds a known name as written ("The Guardian", "Institute for the Study of
 * War").  Returns 0, WA_EDATA (no word, or more than 10 words) or
 * WA_ENOMEM.  Call ck_media_index() once after the last one. */
int ck_media_add(ck_media *m, const char *name, size_t n);

/* Adds a line of spinner substitutes "WORD|SUBSTITUTE|..." (lower case; a
 * substitute may be two words).  Returns 0, WA_EDATA or WA_ENOMEM.  Call
 * before ck_media_index(). */
int ck_media_spin(ck_media *m, const char *line, size_t n);

/* Builds the synonym index of the names' words.  Returns 0 or WA_ENOMEM. */
int ck_media_index(ck_media *m);

/* A word of a run in the text, folded (lower case). */
typedef struct ck_mword {
    const char *s;
    size_t len;
    unsigned char odd;     /* plain English, neither French nor a name-making word */
    unsigned char known;   /* part of a known name of the text */
    unsigned char quoted;  /* inside quotation marks: only thesaurus and spinner swaps */
} ck_mword;

/* The best match of a run with a known name. */
typedef struct ck_mmatch {
    size_t name;        /* index of the name (ck_media_text) */
    size_t first, last; /* run words [first, last) that stand for it */
    int score;
} ck_mmatch;

/* Looks for the known name that the run w[0..n) is a spun form of: some
 * word of the name swapped for a thesaurus neighbour, for two words
 * ("with out" for "without") or for another plain English word, while
 * enough of the other words are kept in order; word counts may differ.
 * `the_before`: the text has "The" just before w[0].  An inflection of a
 * listed name ("Rolling Stones") is not a swap.  Returns 1 and fills *out,
 * 0 when no name fits, or a negative WA_E* code. */
int ck_media_spun(ck_media *m, const ck_mword *w, size_t n, int the_before, ck_mmatch *out);

/* The head word of newspaper titles (times, post, herald...) that the
 * folded word w stands for as a spinner substitute or a true synonym
 * ("occasions" -> "times"), or NULL.  Borrowed static string. */
const char *ck_media_head_for(ck_media *m, const char *w, size_t n);

/* The name as listed, and whether it starts with "The ". */
const char *ck_media_text(const ck_media *m, size_t i, int *has_the);

#endif
