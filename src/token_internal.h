/* Internal entry of the token module, for the tests. */
#ifndef WA_TOKEN_INTERNAL_H
#define WA_TOKEN_INTERNAL_H

#include "wirealign/token.h"

/* wa_tokenize() with every stretch of the text given to ICU's word
 * iterator, without the fast path: what wa_tokenize() must equal. */
int wa_tokenize_icu(wa_tokenizer *tk, const char *s, size_t len, const wa_token **out,
                    size_t *n, wa_error *err);

#endif
