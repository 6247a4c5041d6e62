/* The proofreader's data: word lists and patterns from dictionaries/, case
 * folding, and glob matching of boilerplate lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_internal.h"

void ck_fold(const char *s, size_t n, wa_buf *out)
{
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && out->len > 0)
            wa_buf_addc(out, ' ');
        space = 0;
        if (c >= 'A' && c <= 'Z') {
            wa_buf_addc(out, (char)(c + 32));
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
            wa_buf_addc(out, (char)c);
            wa_buf_addc(out, (char)(s[i + 1] + 0x20));
            i++;
        } else if (c == 0xC5 && i + 1 < n && (unsigned char)s[i + 1] == 0x92) { /* Œ */
            wa_buf_add(out, "\xc5\x93", 2);
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x99) { /* ’ */
            wa_buf_addc(out, '\'');
            i += 2;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* nbsp */
            space = 1;
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0xAF) { /* narrow nbsp */
            space = 1;
            i += 2;
        } else {
            wa_buf_addc(out, (char)c);
        }
    }
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
    FILE *f = fopen(path, "r");
    if (!f)
        return wa_fail(err, errno == ENOENT ? WA_ENOTFOUND : WA_EIO, "%s: %s", path,
                       strerror(errno));
    char line[1024];
    int lineno = 0, rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            rc = wa_fail(err, WA_EDATA, "%s:%d: line too long", path, lineno);
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                     line[n - 1] == '\t'))
            line[--n] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        if (wa_utf8_valid_prefix(p, strlen(p)) != strlen(p)) {
            rc = wa_fail(err, WA_EDATA, "%s:%d: not UTF-8", path, lineno);
            break;
        }
        rc = fn(ctx, p, strlen(p));
        if (rc)
            rc = wa_fail(err, rc, "%s:%d: %s", path, lineno,
                         rc == WA_EDATA ? "malformed entry" : "out of memory");
    }
    fclose(f);
    return rc;
}
