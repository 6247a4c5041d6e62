/* The proofreader's data: word lists and patterns from dictionaries/, case
 * folding, and glob matching of boilerplate lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_internal.h"

void ck_fold(const char *s, size_t n, wa_buf *out)
{
    /* Folding never lengthens the text: reserve once, write in place. */
    if (wa_buf_reserve(out, n + 1) != 0)
        return;
    char *o = out->data + out->len;
    const char *start = out->data;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && o > start)
            *o++ = ' ';
        space = 0;
        if (c >= 'A' && c <= 'Z') {
            *o++ = (char)(c + 32);
        } else if (c < 0x80) {
            *o++ = (char)c;
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
            *o++ = (char)c;
            *o++ = (char)(s[i + 1] + 0x20);
            i++;
        } else if (c == 0xC5 && i + 1 < n && (unsigned char)s[i + 1] == 0x92) { /* Œ */
            *o++ = (char)0xC5;
            *o++ = (char)0x93;
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x99) { /* ’ */
            *o++ = '\'';
            i += 2;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* nbsp */
            space = 1;
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0xAF) { /* narrow nbsp */
            space = 1;
            i += 2;
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    out->len = (size_t)(o - out->data);
}

int ck_glob(const char *p, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p == '#' && *s >= '0' && *s <= '9') {
            while (s[1] >= '0' && s[1] <= '9')
                s++;
            p++;
            s++;
        } else if (*p == *s) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

int ck_read_list(const char *dir, const char *name, ck_line_fn fn, void *ctx, wa_error *err)
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
