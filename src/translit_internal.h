/* Internals of the translit module shared with the names module: parsed
 * names, token keys, the comparison and the alias entries. */
#ifndef WA_TRANSLIT_INTERNAL_H
#define WA_TRANSLIT_INTERNAL_H

#include "wirealign/translit.h"
#include "util/util.h"

/* What a token is, from the word lists in dictionaries/names/. */
enum {
    WA_TK_TITLE = 1,    /* titles.txt: stripped before a name */
    WA_TK_PARTICLE = 2, /* particles.txt: ignored inside a name */
    WA_TK_MARKER = 4,   /* markers.txt: Jr., Sr., III after a name */
    WA_TK_SURFIRST = 8  /* surname-first.txt: a family name written first */
};

/* Everything known about one distinct token (cached per handle; the
 * pointers stay valid until wa_translit_free()). */
typedef struct wa_tokinfo {
    const char *key;    /* phonetic key: a-z letters only, may be "" */
    const char *fold;   /* the token folded to lower-case ASCII letters */
    const char *alt;    /* key of the German reading (j as y, z as ts), or
                         * NULL when it is the key */
    const char *marker; /* canonical marker when WA_TK_MARKER */
    unsigned short klen;
    unsigned short flen;
    unsigned short alen;
    unsigned flags;
} wa_tokinfo;

/* One content token of a parsed name. */
typedef struct wa_ptok {
    const wa_tokinfo *info;
    int initial; /* a one-letter token: "V." or "J" */
    int joined;  /* hyphenated to the token before it: Jean-Marie */
} wa_ptok;

/* A name split into content tokens: titles, particles and the generation
 * marker taken out; the last token is the surname (or the place name). */
typedef struct wa_pname {
    wa_ptok *tok;
    size_t ntok;
    const char *marker; /* canonical marker ("jr") or NULL */
    int alias;          /* alias entry index, -1 for none */
    int particles;      /* particles taken out after the first word (bin, de) */
} wa_pname;

/* Parses a name; *out must be released with wa_pname_free().  Returns 0,
 * WA_ENOMEM or WA_ELIB. */
int wa_tl_parse(wa_translit *t, const char *s, size_t n, wa_pname *out,
                wa_error *err);
void wa_pname_free(wa_pname *p);

/* Appends the name's key (token keys joined by spaces, marker last). */
void wa_tl_fullkey(const wa_pname *p, wa_buf *b);

/* Compares two parsed names (see wa_translit_match). */
void wa_tl_compare(wa_translit *t, const wa_pname *a, const wa_pname *b,
                   wa_match *out);

/* Hard conflict between two parsed names: different alias entries,
 * different markers, or first names that cannot be the same person.  Used
 * by clustering to refuse a merge whatever the chain of matches. */
int wa_tl_conflict(wa_translit *t, const wa_pname *a, const wa_pname *b);

/* The cached information on one raw token (UTF-8).  Returns NULL on
 * failure (err filled). */
const wa_tokinfo *wa_tl_token(wa_translit *t, const char *s, size_t n,
                              wa_error *err);

/* Similarity in [0,1] of two keys: 1 - weighted edit distance / length. */
double wa_tl_keysim(const char *a, size_t an, const char *b, size_t bn);

/* Alias entries. */
size_t wa_tl_alias_count(const wa_translit *t);
const char *wa_tl_alias_id(const wa_translit *t, size_t i);
size_t wa_tl_alias_variants(const wa_translit *t, size_t i);
/* Variant j of entry i: its form and its language tag ("en", "fr", "de"
 * or ""). */
const char *wa_tl_alias_variant(const wa_translit *t, size_t i, size_t j,
                                const char **lang);
/* Language tag of a name form that is an alias variant ("" otherwise). */
const char *wa_tl_alias_lang(wa_translit *t, const char *s, size_t n);
/* Variants of the default alias file whose key already belonged to
 * another entry (0 for a consistent file). */
size_t wa_tl_alias_conflicts(const wa_translit *t);

#endif
