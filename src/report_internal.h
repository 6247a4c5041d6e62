/* Internals of the report module shared by report.c (rendering and
 * assembly) and report_page.c (the page's fixed CSS and script). */
#ifndef WA_REPORT_INTERNAL_H
#define WA_REPORT_INTERNAL_H

#include <string.h>
#include "util/util.h"

/* Placeholders in a spooled fragment for what is only known once names are
 * clustered: PH_OPEN 'a' NUMBER PH_CLOSE becomes the attributes of a name
 * mention, PH_OPEN 'z' NUMBER PH_CLOSE its entity number.  NUMBER is the
 * document's own name number; the spool puts PH_OPEN 'b' BASE PH_CLOSE
 * before a document's fragment, BASE its first name id in the report, so
 * the fragment is spooled as the worker rendered it.  The escaper never
 * emits these control bytes, so they cannot come from the text. */
#define PH_OPEN '\x01'
#define PH_CLOSE '\x02'

/* HTML escaping of UTF-8: & < > (and " ' when attr), control characters as
 * visible control pictures, invalid UTF-8 and C1 controls as U+FFFD. */
void wa_html_escape(wa_buf *b, const char *s, size_t n, int attr);
static inline void wa_html_escapes(wa_buf *b, const char *s, int attr)
{
    wa_html_escape(b, s, s ? strlen(s) : 0, attr);
}

/* The page's fixed style sheet and script, as NULL-terminated lists of
 * lines (C11 only promises string literals of 4095 bytes). */
extern const char *const wa_report_css[];
extern const char *const wa_report_js[];

#endif
