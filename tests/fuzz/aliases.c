/* Fuzz target: the alias-file reader behind `--aliases FILE` (the format of
 * dictionaries/aliases.tsv), through wa_translit_open with that file only.
 * The input is the file.  Checks: it opens or fails with WA_EDATA (or
 * WA_ENOMEM) and a one-line message naming the file; when it opens, every
 * field of every line can be looked up, keyed and matched. */
#define _DEFAULT_SOURCE
#include <unistd.h>
#include "fuzz.h"

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384)
        return 0;
    if (!path[0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof path, "%s/wa-fuzz-aliases-%ld.tsv", dir, (long)getpid());
    }
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL, "cannot write %s", path);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);

    const char *files[] = {path, NULL};
    wa_translit_opts o = {0};
    o.data_dir = fuzz_data_dir();
    o.alias_files = files;
    o.no_default_aliases = 1;
    wa_translit *tl = NULL;
    wa_error err;
    memset(&err, 0x55, sizeof err);
    int rc = wa_translit_open(&tl, &o, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == WA_EDATA || rc == WA_ENOMEM, "failure %d: %s", rc, err.message);
        FUZZ_CHECK(tl == NULL, "a handle after a failure");
        FUZZ_CHECK(memchr(err.message, '\0', sizeof err.message) && !strchr(err.message, '\n'),
                   "message not one line");
        FUZZ_CHECK(strstr(err.message, path) != NULL, "message does not name the file: %s",
                   err.message);
        unlink(path);
        return 0;
    }
    /* Every tab- or line-separated field, as it is in the file. */
    const char *s = (const char *)data, *end = s + size, *first = NULL;
    size_t first_n = 0;
    while (s < end) {
        const char *e = s;
        while (e < end && *e != '\t' && *e != '\n')
            e++;
        size_t n = (size_t)(e - s);
        if (n && fuzz_utf8_ok(s, n)) {
            const char *id = wa_translit_alias(tl, s, n);
            FUZZ_CHECK(!id || *id, "empty alias id");
            char *k = NULL;
            FUZZ_CHECK(wa_translit_key(tl, s, n, &k, &err) == 0, "key: %s", err.message);
            wa_free(k);
            if (first) {
                wa_match m;
                FUZZ_CHECK(wa_translit_match(tl, first, first_n, s, n, &m, &err) == 0,
                           "match: %s", err.message);
                FUZZ_CHECK(m.score >= 0.0 && m.score <= 1.0, "score %g", m.score);
            } else {
                first = s;
                first_n = n;
            }
        }
        s = e + 1;
    }
    wa_translit_free(tl);
    unlink(path);
    return 0;
}
