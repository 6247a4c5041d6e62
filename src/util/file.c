/* Reading a whole data file into memory (rules, lists, tables). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int wa_read_file(const char *path, char **out, size_t *len, wa_error *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return wa_fail(err, errno == ENOENT ? WA_ENOTFOUND : WA_EIO, "%s: %s", path,
                       strerror(errno));
    wa_buf b;
    wa_buf_init(&b);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        wa_buf_add(&b, chunk, got);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        wa_buf_free(&b);
        return wa_fail(err, WA_EIO, "%s: read error", path);
    }
    if (b.failed) {
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "%s: out of memory", path);
    }
    *out = wa_buf_steal(&b, len);
    return 0;
}

int wa_read_text_file(const char *path, char **out, size_t *len, wa_error *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    char *text = NULL;
    size_t n = 0;
    int rc = wa_read_file(path, &text, &n, err);
    if (rc)
        return rc;
    const char *nul = memchr(text, '\0', n);
    size_t valid = wa_utf8_valid_prefix(text, n);
    if (nul || valid != n) {
        size_t at = valid;
        int is_nul = nul && (size_t)(nul - text) < valid;
        if (is_nul)
            at = (size_t)(nul - text);
        size_t line = 1;
        for (size_t i = 0; i < at; i++)
            line += text[i] == '\n';
        free(text);
        return wa_fail(err, WA_EDATA, "%s:%zu: %s", path, line,
                       is_nul ? "NUL byte: not a text file" : "not valid UTF-8");
    }
    *out = text;
    if (len)
        *len = n;
    return 0;
}

int wa_read_list(const char *dir, const char *name, wa_line_fn fn, void *ctx, wa_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = NULL;
    size_t len = 0;
    /* NUL bytes and invalid UTF-8 refused for the whole file, naming it. */
    int rc = wa_read_text_file(path, &text, &len, err);
    if (rc)
        return rc;
    int lineno = 0;
    for (char *line = text; !rc && line < text + len;) {
        lineno++;
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *next = nl ? nl + 1 : text + len;
        size_t n = (size_t)((nl ? nl : text + len) - line);
        if (n >= 1023) {
            rc = wa_fail(err, WA_EDATA, "%s:%d: line too long", path, lineno);
            break;
        }
        line[n] = '\0';
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        line = next;
        if (*p == '\0' || *p == '#')
            continue;
        rc = fn(ctx, p, strlen(p));
        if (rc)
            rc = wa_fail(err, rc, "%s:%d: %s", path, lineno,
                         rc == WA_EDATA ? "malformed entry" : "out of memory");
    }
    free(text);
    return rc;
}

const char *wa_next_word(const char **p, const char *end, size_t *n)
{
    const char *q = *p;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    const char *w = q;
    while (q < end && *q != ' ' && *q != '\t')
        q++;
    *p = q;
    *n = (size_t)(q - w);
    return q > w ? w : NULL;
}

int wa_lower_ascii_word(const char *s, size_t n, size_t max)
{
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}
