/* Internal declarations of the split module shared with its tests: the
 * character classes the splitter and its invariant checks agree on. */
#ifndef WA_SPLIT_INTERNAL_H
#define WA_SPLIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Non-zero when cp is white space (Unicode White_Space): what spans are
 * trimmed of and what the lossless invariant ignores. */
int wa_split_is_space(int32_t cp);

#endif
