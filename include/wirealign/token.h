/*
 * wirealign/token.h - words of a text, from ICU's word BreakIterator plus
 * the rules wire text needs: elision (French l'Arménie is "l'" +
 * "Arménie", with ' or ’; the forms come from the data file elisions.txt),
 * hyphenated compounds kept whole (cessez-le-feu, a-t-il, Haut-Karabakh),
 * numbers, words with digits (9h00, COVID-19), URLs and
 * e-mail addresses skipped.
 */
#ifndef WIREALIGN_TOKEN_H
#define WIREALIGN_TOKEN_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Token flags. */
enum {
    WA_TOK_CAP = 1 << 0,      /* the first letter is upper case */
    WA_TOK_UPPER = 1 << 1,    /* two letters or more, all upper case */
    WA_TOK_ELISION = 1 << 2,  /* an elided word with its apostrophe: l' d' qu' */
    WA_TOK_COMPOUND = 1 << 3, /* words joined by hyphens */
    WA_TOK_ASCII = 1 << 4     /* only ASCII bytes */
};

/** One word: the half-open byte span [start, end) into the text given to
 *  wa_tokenize(), and WA_TOK_* flags. */
typedef struct wa_token {
    size_t start;
    size_t end;
    unsigned flags;
} wa_token;

/** A word tokenizer (an ICU word BreakIterator and a reusable token array).
 *  Opaque; one per thread. */
typedef struct wa_tokenizer wa_tokenizer;

typedef struct wa_tokenizer_opts {
    /** "fr" or "en"; NULL means "fr". */
    const char *lang;
    /** Directory holding wirealign's data: the elided words of `lang` come
     *  from its elisions.txt (French: l' d' qu' jusqu'...; English: none).
     *  NULL: no elision is split. */
    const char *data_dir;
} wa_tokenizer_opts;

/** Opens a tokenizer.  Returns 0, WA_EINVAL (unknown language), WA_ELIB
 *  (ICU), WA_ENOMEM, or the error of reading elisions.txt (WA_ENOTFOUND,
 *  WA_EIO, WA_EDATA; err names the file).  `opts` may be NULL. */
WA_API int wa_tokenizer_open(wa_tokenizer **out, const wa_tokenizer_opts *opts,
                             wa_error *err);

/** Frees a tokenizer; accepts NULL. */
WA_API void wa_tokenizer_free(wa_tokenizer *tk);

/** Splits `len` bytes of UTF-8 into words, in text order.  *out gets the
 *  array of *n tokens: borrowed, valid until the next wa_tokenize() on this
 *  tokenizer or wa_tokenizer_free().  Returns 0, WA_ENOMEM or WA_ELIB. */
WA_API int wa_tokenize(wa_tokenizer *tk, const char *s, size_t len,
                       const wa_token **out, size_t *n, wa_error *err);

#ifdef __cplusplus
}
#endif

#endif
