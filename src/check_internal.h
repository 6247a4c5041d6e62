/* Internal pieces of the proofreader shared by check.c and check_data.c. */
#ifndef WA_CHECK_INTERNAL_H
#define WA_CHECK_INTERNAL_H

#include "util/util.h"
#include "wirealign/check.h"

/* Appends the case-folded form of s to out: ASCII and Latin-1 capitals to
 * lower case, ’ to ', runs of white space (and no-break spaces) to one
 * space, leading and trailing white space dropped. */
void ck_fold(const char *s, size_t n, wa_buf *out);

/* Glob match of a folded line: '*' any run, '#' one or more digits. */
int ck_glob(const char *pattern, const char *s);

/* Called for each entry of a list file (trimmed, without comments); returns
 * 0 or a WA_E* code. */
typedef int (*ck_line_fn)(void *ctx, const char *line, size_t n);

/* Reads dir/name: UTF-8, one entry a line, '#' comments and blank lines
 * skipped.  Errors name the file (and line). */
int ck_read_list(const char *dir, const char *name, ck_line_fn fn, void *ctx, wa_error *err);

#endif
