/* Unit tests of the data-file readers: a data file that is not text (NUL
 * bytes, invalid UTF-8) is refused with WA_EDATA naming the file and line. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/util.h"

/* Writes n bytes to a fresh temporary file; returns its path (static). */
static const char *temp_with(const char *bytes, size_t n)
{
    static char path[64];
    strcpy(path, "/tmp/wa-test-file-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    return path;
}

#define ROW(s, rc, what) {s, sizeof s - 1, rc, what}
struct row {
    const char *bytes;
    size_t n;
    int rc;           /* expected return */
    const char *what; /* expected in the message after "PATH:" */
};

Test(util_file, text_file_refuses_nul_and_invalid_utf8)
{
    static const struct row rows[] = {
        ROW("", 0, NULL),
        ROW("caf\xc3\xa9\nna\xc3\xafve\r\n", 0, NULL),
        ROW("\xef\xbb\xbfwith BOM\n", 0, NULL),
        ROW("a\nb\nc\0d\n", WA_EDATA, ":3: NUL byte"),
        ROW("\x7f" "ELF\x02\x01\x01\0\0\0", WA_EDATA, ":1: NUL byte"),
        ROW("ok\nD\xe9p\xea" "che\n", WA_EDATA, ":2: not valid UTF-8"),
        ROW("a\n\xc0\xaf overlong\n", WA_EDATA, ":2: not valid UTF-8"),
        ROW("a\nb\n\xed\xa0\x80 surrogate", WA_EDATA, ":3: not valid UTF-8"),
        ROW("truncated \xe2\x82", WA_EDATA, ":1: not valid UTF-8"),
        /* the first problem is named, whichever kind it is */
        ROW("\xff\n\0", WA_EDATA, ":1: not valid UTF-8"),
        ROW("\n\0\n\xff", WA_EDATA, ":2: NUL byte"),
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *path = temp_with(rows[i].bytes, rows[i].n);
        char *text = (char *)1;
        size_t len = 99;
        wa_error err = {0};
        int rc = wa_read_text_file(path, &text, &len, &err);
        cr_assert_eq(rc, rows[i].rc, "row %zu: %d", i, rc);
        if (rc == 0) {
            cr_assert_eq(len, rows[i].n, "row %zu", i);
            cr_assert(memcmp(text, rows[i].bytes, len) == 0 && text[len] == '\0', "row %zu", i);
            free(text);
        } else {
            cr_assert_null(text, "row %zu", i);
            char want[128];
            snprintf(want, sizeof want, "%s%s", path, rows[i].what);
            cr_assert(strstr(err.message, want), "row %zu: '%s', want '%s'", i, err.message,
                      want);
        }
        unlink(path);
    }
}

Test(util_file, missing_file_is_not_found)
{
    char *text = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_read_text_file("/nonexistent/list.txt", &text, NULL, &err), WA_ENOTFOUND);
    cr_assert(strstr(err.message, "/nonexistent/list.txt"), "%s", err.message);
}
