/* Fuzz target: mentions, clustering and alias tables (wa_names_find,
 * wa_names_add_text, wa_names_cluster, wa_names_write, wa_names_add_table)
 * on any bytes.  Checks spans, that the tsv reads back into the same table,
 * and that any bytes given as a table are accepted or refused cleanly. */
#include "fuzz.h"

/* Three handles opened once and reset for every input (opening costs
 * tens of milliseconds, more under the sanitizers). */
static wa_names *open_names(void)
{
    static wa_names *pool[3];
    static int next;
    int k = next++ % 3;
    if (pool[k]) {
        wa_names_reset(pool[k]);
        return pool[k];
    }
    wa_names_opts o = {0};
    o.data_dir = fuzz_data_dir();
    o.keep_mentions = 1;
    wa_names *nm = NULL;
    wa_error err = {0};
    FUZZ_CHECK(wa_names_open(&nm, &o, &err) == 0, "%s", err.message);
    pool[k] = nm;
    return nm;
}

static char *write_tsv(wa_names *nm)
{
    wa_error err = {0};
    FUZZ_CHECK(wa_names_cluster(nm, &err) == 0, "%s", err.message);
    char *out = NULL;
    size_t len = 0;
    FUZZ_CHECK(wa_names_write(nm, WA_NAMES_TSV, &out, &len, &err) == 0, "%s", err.message);
    FUZZ_CHECK(strlen(out) == len, "NUL inside the table");
    for (int f = WA_NAMES_JSON; f <= WA_NAMES_SOLR_EQUIV; f++) {
        char *o2 = NULL;
        size_t l2 = 0;
        FUZZ_CHECK(wa_names_write(nm, f, &o2, &l2, &err) == 0, "%s", err.message);
        FUZZ_CHECK(fuzz_utf8_ok(o2, l2) || !fuzz_utf8_ok(out, len), "format %d not UTF-8", f);
        wa_free(o2);
    }
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_exact_copy((const char *)data, size);
    wa_names *nm = open_names();
    wa_mention *m = NULL;
    size_t n = 0;
    wa_error err = {0};
    FUZZ_CHECK(wa_names_find(nm, s, size, NULL, 0, &m, &n, &err) == 0, "%s", err.message);
    /* Input is meant to be normalized UTF-8; on anything else spans must
     * only stay in bounds and in order. */
    int valid = fuzz_utf8_ok(s, size);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(m[i].span.start < m[i].span.end && m[i].span.end <= size,
                   "span %zu-%zu of %zu", m[i].span.start, m[i].span.end, size);
        FUZZ_CHECK(i == 0 || m[i].span.start >= m[i - 1].span.end, "spans overlap");
        FUZZ_CHECK(!valid || (fuzz_boundary(s, size, m[i].span.start) &&
                              fuzz_boundary(s, size, m[i].span.end)),
                   "span cuts a character");
    }
    /* Two documents, so that merging has something to do. */
    size_t half = size / 2;
    while (half < size && !fuzz_boundary(s, size, half))
        half++;
    FUZZ_CHECK(wa_names_add_text(nm, "a", s, half, NULL, 0, &err) == 0, "%s", err.message);
    FUZZ_CHECK(wa_names_add_text(nm, "b", s + half, size - half, NULL, 0, &err) == 0, "%s",
               err.message);
    char *tsv = write_tsv(nm);
    const wa_mention *km;
    size_t kn;
    FUZZ_CHECK(wa_names_mentions(nm, "a", &km, &kn) == 0, "no mentions kept");
    for (size_t i = 0; i < kn; i++)
        FUZZ_CHECK(km[i].entity >= 1 && km[i].entity <= wa_names_entity_count(nm),
                   "entity %zu of %zu", km[i].entity, wa_names_entity_count(nm));
    wa_names *back = open_names();
    FUZZ_CHECK(wa_names_add_table(back, tsv, strlen(tsv), "tsv", &err) == 0, "%s",
               err.message);
    char *tsv2 = write_tsv(back);
    FUZZ_CHECK(strcmp(tsv, tsv2) == 0, "table does not read back:\n%s\n---\n%s", tsv, tsv2);
    /* The input as a table: taken or refused, never more. */
    wa_names *t = open_names();
    int rc = wa_names_add_table(t, s, size, "input", &err);
    FUZZ_CHECK(rc == 0 || rc == WA_EDATA || rc == WA_EINVAL, "add_table returned %d", rc);
    if (rc == 0)
        wa_free(write_tsv(t));
    wa_free(tsv);
    wa_free(tsv2);
    wa_free(m);
    free(s);
    return 0;
}
