/* Internal declarations of the split module shared with its tests: the
 * character classes the splitter and its invariant checks agree on. */
#ifndef WA_SPLIT_INTERNAL_H
#define WA_SPLIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Non-zero when cp is white space (Unicode White_Space): what spans are
 * trimmed of and what the lossless invariant ignores. */
int wa_split_is_space(int32_t cp);

struct wa_splitter;
/* Runs ICU on every chunk (on = 1) instead of only on chunks holding a
 * character that can make ICU report a boundary the rules do not decide:
 * the result must be the same, this is for tests and benchmarks. */
void wa_split_icu_always(struct wa_splitter *sp, int on);

#endif
