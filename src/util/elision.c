/* The elided words of dictionaries/elisions.txt, shared by the tokenizer
 * and the names stage. */
#include <string.h>
#include "util.h"

typedef struct reader {
    const char *lang; /* NULL: every language */
    wa_elisions *out;
} reader;

/* "LANG: form form ..." */
static int elision_line(void *ctx, const char *line, size_t n)
{
    reader *r = ctx;
    const char *colon = memchr(line, ':', n);
    if (!colon || colon == line)
        return WA_EDATA;
    size_t ll = (size_t)(colon - line);
    int mine = !r->lang || (strlen(r->lang) == ll && memcmp(line, r->lang, ll) == 0);
    const char *p = colon + 1, *w;
    size_t wl;
    while ((w = wa_next_word(&p, line + n, &wl))) {
        if (!wa_lower_ascii_word(w, wl, WA_ELISION_MAX - 1))
            return WA_EDATA;
        if (!mine || wa_elision_is(r->out, w, wl))
            continue;
        if (r->out->n == WA_ELISION_COUNT)
            return WA_EDATA;
        memcpy(r->out->form[r->out->n], w, wl);
        r->out->form[r->out->n++][wl] = '\0';
    }
    return 0;
}

int wa_elisions_read(const char *dir, const char *lang, wa_elisions *out, wa_error *err)
{
    memset(out, 0, sizeof *out);
    reader r = {lang, out};
    return wa_read_list(dir, "elisions.txt", elision_line, &r, err);
}

int wa_elision_is(const wa_elisions *e, const char *s, size_t n)
{
    if (n == 0 || n >= WA_ELISION_MAX)
        return 0;
    /* The forms are NUL-padded to WA_ELISION_MAX bytes (wa_elisions_read
     * zeroes them): one comparison of the whole arrays each, no strcmp
     * calls.  The word ends at a NUL, as a string. */
    char low[WA_ELISION_MAX] = {0};
    for (size_t i = 0; i < n && s[i]; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    for (size_t k = 0; k < e->n; k++)
        if (memcmp(e->form[k], low, WA_ELISION_MAX) == 0)
            return 1;
    return 0;
}
