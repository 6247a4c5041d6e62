/* Internal: the boilerplate line classifier of the proofreader (site and
 * publisher interface lines told from news lines by weighted cues). */
#ifndef WA_CHECK_BOILER_H
#define WA_CHECK_BOILER_H

#include <stddef.h>
#include "wirealign/common.h"

typedef struct ck_boiler ck_boiler;

/* Score at or above which a line is boilerplate. */
#define CK_BOILER_THRESHOLD 5

/* Reads the cue list data_dir/boilerplate-cues.txt (format in its header).
 * Returns 0, WA_ENOTFOUND / WA_EIO / WA_EDATA (the message names the file
 * and line) or WA_ENOMEM. */
int ck_boiler_open(ck_boiler **out, const char *data_dir, wa_error *err);

/* Frees; accepts NULL. */
void ck_boiler_free(ck_boiler *b);

/* Scores one line, already folded by ck_fold() (lower case, one space
 * between words); lower_start tells that the original line starts with a
 * lower-case letter (the rest of a hard-wrapped sentence).  The higher, the
 * more the line looks like a site or publisher interface line; boilerplate
 * from CK_BOILER_THRESHOLD up.  Words inside quotation marks do not count.
 * No allocation, no state: the handle is only read. */
int ck_boiler_score(const ck_boiler *b, const char *line, size_t n, int lower_start);

/* Whether the line is boilerplate: ck_boiler_score() >= CK_BOILER_THRESHOLD,
 * with the same arguments, but a line with neither an interface cue nor a
 * © is refused before it is scored. */
int ck_boiler_is(const ck_boiler *b, const char *line, size_t n, int lower_start);

#endif
