/* Fuzz target: the alias-table reader behind `names --merge`
 * (wa_names_add_table, the tsv format wa_names_write makes), then
 * clustering and every output format.  The input is the table, made valid
 * UTF-8 as the CLI does (it reads tables through wa_text).  Checks: it
 * is read or refused with WA_EDATA and a one-line "NAME:LINE: ..." message;
 * a table read back from what was written writes the same again (the merge
 * is exact); every output is UTF-8; entity ids and canonical forms agree. */
#include "fuzz.h"

static wa_names *open_names(void)
{
    wa_names *nm = NULL;
    wa_names_opts o = {0};
    o.data_dir = fuzz_data_dir();
    o.no_default_aliases = 1;
    wa_error err;
    FUZZ_CHECK(wa_names_open(&nm, &o, &err) == 0, "open: %s", err.message);
    return nm;
}

static char *write_fmt(wa_names *nm, int fmt, size_t *len)
{
    char *out = NULL;
    wa_error err;
    int rc = wa_names_write(nm, fmt, &out, len, &err);
    FUZZ_CHECK(rc == 0 && out, "write format %d: %d %s", fmt, rc, err.message);
    FUZZ_CHECK(fuzz_utf8_ok(out, *len), "format %d output is not UTF-8 without NUL", fmt);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384)
        return 0;
    /* `names --merge` reads a table through wa_text, as every input: the
     * table is valid UTF-8 by the time wa_names_add_table sees it. */
    size_t len;
    char *in = fuzz_utf8_input(data, size, &len);
    if (!in)
        return 0;
    wa_names *nm = open_names();
    wa_error err;
    memset(&err, 0x55, sizeof err);
    int rc = wa_names_add_table(nm, in, len, "fuzz.tsv", &err);
    free(in);
    if (rc != 0) {
        FUZZ_CHECK(rc == WA_EDATA || rc == WA_ENOMEM, "failure %d: %s", rc, err.message);
        FUZZ_CHECK(memchr(err.message, '\0', sizeof err.message) && !strchr(err.message, '\n'),
                   "message not one line");
        FUZZ_CHECK(rc != WA_EDATA || !strncmp(err.message, "fuzz.tsv:", 9),
                   "message does not start with the table's name: %s", err.message);
        wa_names_free(nm);
        return 0;
    }
    rc = wa_names_cluster(nm, &err);
    FUZZ_CHECK(rc == 0, "cluster: %d %s", rc, err.message);
    size_t ne = wa_names_entity_count(nm);
    for (size_t id = 1; id <= ne; id++) {
        const char *c = wa_names_canonical(nm, id);
        FUZZ_CHECK(c && *c && fuzz_utf8_ok(c, strlen(c)), "entity %zu: bad canonical form", id);
    }
    FUZZ_CHECK(wa_names_canonical(nm, 0) == NULL && wa_names_canonical(nm, ne + 1) == NULL,
               "canonical form for a bad id");
    size_t l1, lj;
    char *t1 = write_fmt(nm, WA_NAMES_TSV, &l1);
    wa_free(write_fmt(nm, WA_NAMES_JSON, &lj));
    wa_free(write_fmt(nm, WA_NAMES_SOLR, &lj));
    wa_free(write_fmt(nm, WA_NAMES_SOLR_EQUIV, &lj));
    char *bad = NULL;
    FUZZ_CHECK(wa_names_write(nm, 99, &bad, &lj, &err) == WA_EINVAL, "format 99 accepted");
    wa_names_free(nm);

    /* Read what was written: the same table comes out. */
    nm = open_names();
    rc = wa_names_add_table(nm, t1, l1, "written.tsv", &err);
    FUZZ_CHECK(rc == 0, "the written table is refused: %s", err.message);
    FUZZ_CHECK(wa_names_cluster(nm, &err) == 0, "cluster again: %s", err.message);
    size_t l2;
    char *t2 = write_fmt(nm, WA_NAMES_TSV, &l2);
    FUZZ_CHECK(l1 == l2 && memcmp(t1, t2, l1) == 0,
               "writing, reading and writing a table changes it (%zu -> %zu bytes)", l1, l2);
    FUZZ_CHECK(wa_names_entity_count(nm) == ne, "entity count %zu, then %zu", ne,
               wa_names_entity_count(nm));
    wa_free(t1);
    wa_free(t2);
    wa_names_free(nm);
    return 0;
}
