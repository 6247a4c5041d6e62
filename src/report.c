/* The report: documents rendered to HTML fragments (any thread), assembled
 * in order through a spool, written as one self-contained page and as a
 * terminal summary. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wirealign/report.h"
#include "report_internal.h"

/* Deeper nesting than this is not drawn inline (the finding still appears
 * in the document's list): it bounds the sweep's cost per boundary. */
#define MAX_DEPTH 24
/* A finding's text shown in the list is cut after this many bytes. */
#define QUOTE_MAX 120
/* A document's list of findings starts open when it is at most this long. */
#define LIST_OPEN_MAX 40

/* ---------------------------------------------------------------- escaping */

/* Bytes copied as they are: printable ASCII but & < > " ', and tab and
 * line break; bit 0 in text, bit 1 in attribute values (no quotes, no
 * line break). */
static const unsigned char html_plain[256] = {
    ['\t'] = 3, ['\n'] = 1,
    [' '] = 3, ['!'] = 3, ['"'] = 1, ['#'] = 3, ['$'] = 3, ['%'] = 3, ['\''] = 1,
    ['('] = 3, [')'] = 3, ['*'] = 3, ['+'] = 3, [','] = 3, ['-'] = 3, ['.'] = 3, ['/'] = 3,
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3,
    ['8'] = 3, ['9'] = 3, [':'] = 3, [';'] = 3, ['='] = 3, ['?'] = 3, ['@'] = 3,
    ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3, ['H'] = 3,
    ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3,
    ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3,
    ['Y'] = 3, ['Z'] = 3, ['['] = 3, ['\\'] = 3, [']'] = 3, ['^'] = 3, ['_'] = 3, ['`'] = 3,
    ['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3,
    ['i'] = 3, ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3,
    ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3, ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3,
    ['y'] = 3, ['z'] = 3, ['{'] = 3, ['|'] = 3, ['}'] = 3, ['~'] = 3,
};

void wa_html_escape(wa_buf *b, const char *s, size_t n, int attr)
{
    size_t i = 0, run = 0;
    const unsigned char bit = attr ? 2 : 1;
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        while (i < n && (html_plain[u[i]] & bit))
            i++;
        if (i >= n)
            break;
        unsigned char c = u[i];
        /* Two-byte sequences from U+00A0 on (Latin letters): as they are. */
        if (c >= 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            (c > 0xC2 || (unsigned char)s[i + 1] >= 0xA0) && c < 0xE0) {
            i += 2;
            continue;
        }
        const char *rep = NULL;
        char tmp[8];
        size_t replen = 0, adv = 1;
        if (c >= 0x20 && c < 0x7F) {
            if (c == '&') rep = "&amp;";
            else if (c == '<') rep = "&lt;";
            else if (c == '>') rep = "&gt;";
            else if (attr && c == '"') rep = "&quot;";
            else if (attr && c == '\'') rep = "&#39;";
            else { i++; continue; }
            replen = strlen(rep);
        } else if (c < 0x80) {
            if (c == '\n' && !attr) { i++; continue; }
            if (c == '\t') { i++; continue; }
            if (c == '\n') {
                rep = "&#10;";
                replen = 5;
            } else {
                /* C0 controls and DEL as their control pictures, visible
                 * to the proofreader and harmless to the page. */
                replen = wa_utf8_encode(c == 0x7F ? 0x2421 : 0x2400 + c, tmp);
                rep = tmp;
            }
        } else {
            size_t j = i;
            int32_t cp = wa_utf8_next(s, n, &j);
            if (cp >= 0 && cp >= 0xA0) { i = j; continue; }
            adv = cp < 0 ? 1 : j - i;
            replen = wa_utf8_encode(0xFFFD, tmp);
            rep = tmp;
        }
        wa_buf_add(b, s + run, i - run);
        wa_buf_add(b, rep, replen);
        i += adv;
        run = i;
    }
    wa_buf_add(b, s + run, n - run);
}

/* Appends a string literal. */
#define ADDL(b, lit) wa_buf_add((b), (lit), sizeof(lit) - 1)

/* A placeholder: PH_OPEN, its type, the number, PH_CLOSE. */
static void add_placeholder(wa_buf *b, char type, size_t id)
{
    char t[2] = {PH_OPEN, type};
    wa_buf_add(b, t, 2);
    wa_buf_add_uint(b, id);
    wa_buf_addc(b, PH_CLOSE);
}

/* Category names become class names: [a-z0-9-] only. */
static void add_class_name(wa_buf *b, const char *cat)
{
    for (const char *p = cat; *p; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            c = '-';
        wa_buf_addc(b, c);
    }
}

/* ------------------------------------------------------------- categories */

typedef struct catcount {
    char *cat;
    size_t n;
} catcount;

/* Known categories come first, in this order; others follow by name. */
static const char *const known_cats[] = {"loanword", "boilerplate", "spelling",
                                         "glued",    "repeat",      "variant"};

static int cat_rank(const char *c)
{
    for (size_t i = 0; i < sizeof known_cats / sizeof *known_cats; i++)
        if (strcmp(c, known_cats[i]) == 0)
            return (int)i;
    return (int)(sizeof known_cats / sizeof *known_cats);
}

static int cat_cmp(const char *a, const char *b)
{
    int ra = cat_rank(a), rb = cat_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(a, b);
}

/* Adds n to category cat in a sorted array; returns 0 or -1 (ENOMEM). */
static int cat_add(catcount **arr, size_t *len, const char *cat, size_t n)
{
    /* A category already counted: the usual case, found by name. */
    for (size_t k = 0; k < *len; k++)
        if (strcmp((*arr)[k].cat, cat) == 0) {
            (*arr)[k].n += n;
            return 0;
        }
    size_t i = 0;
    while (i < *len && cat_cmp((*arr)[i].cat, cat) < 0)
        i++;
    if (i < *len && strcmp((*arr)[i].cat, cat) == 0) {
        (*arr)[i].n += n;
        return 0;
    }
    catcount *a = realloc(*arr, (*len + 1) * sizeof **arr);
    if (!a)
        return -1;
    *arr = a;
    char *copy = wa_strndup(cat, strlen(cat));
    if (!copy)
        return -1;
    memmove(a + i + 1, a + i, (*len - i) * sizeof *a);
    a[i].cat = copy;
    a[i].n = n;
    (*len)++;
    return 0;
}

static void cats_free(catcount *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(a[i].cat);
    free(a);
}

/* ------------------------------------------------------------------ rows */

/* What the summary keeps of one document. */
typedef struct row {
    char *name;
    char *encoding;
    char *source;
    char *error; /* non-NULL: the document could not be processed */
    int confidence;
    int has_html;
    size_t index;
    size_t bytes, replaced, repairs, sentences, names, findings;
    catcount *cats;
    size_t ncats;
} row;

static void row_free(row *r)
{
    free(r->name);
    free(r->encoding);
    free(r->source);
    free(r->error);
    cats_free(r->cats, r->ncats);
    memset(r, 0, sizeof *r);
}

struct wa_report_part {
    row row;
    char *html; /* fragment with placeholders; NULL without HTML */
    size_t html_len;
    char *names; /* distinct name forms, each ending in NUL; placeholders
                    hold their index */
    size_t nnames;
};

void wa_report_part_free(wa_report_part *p)
{
    if (!p)
        return;
    row_free(&p->row);
    free(p->html);
    free(p->names);
    free(p);
}

/* ------------------------------------------------------------- rendering */

enum { IV_SENT, IV_FIND, IV_NAME, IV_REPAIR };

typedef struct iv {
    size_t start, end;
    int kind;   /* IV_* (also the nesting priority: lower is outer) */
    size_t ref; /* sentence number, mark index */
    size_t seq; /* finding number or name index */
    int drawn;  /* opened at least once */
} iv;

static int iv_cmp(const void *pa, const void *pb)
{
    const iv *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->ref < b->ref ? -1 : a->ref > b->ref;
}

static inline int iv_less(const iv *a, const iv *b)
{
    if (a->start != b->start)
        return a->start < b->start;
    if (a->end != b->end)
        return a->end > b->end;
    if (a->kind != b->kind)
        return a->kind < b->kind;
    return a->ref < b->ref;
}

/* Sorts by iv_cmp, a total order (ref is unique within a kind), so the
 * result is the one qsort gives.  The intervals come in sorted runs
 * (sentences, then each kind of mark): a merge sort that finds those runs
 * does little work.  tmp holds n entries. */
static void sort_ivs(iv *a, size_t n, iv *tmp)
{
    /* Run boundaries: ascending runs, extended to at least 16 entries by
     * insertion. */
    size_t *runs = NULL, nruns = 0;
    runs = malloc((n + 2) * sizeof *runs);
    if (!runs) {
        qsort(a, n, sizeof *a, iv_cmp);
        return;
    }
    size_t i = 0;
    while (i < n) {
        runs[nruns++] = i;
        size_t j = i + 1;
        while (j < n && iv_less(&a[j - 1], &a[j]))
            j++;
        size_t want = i + 16 < n ? i + 16 : n;
        for (; j < want; j++) {
            iv x = a[j];
            size_t k = j;
            while (k > i && iv_less(&x, &a[k - 1])) {
                a[k] = a[k - 1];
                k--;
            }
            a[k] = x;
            while (j + 1 < n && iv_less(&a[j], &a[j + 1]))
                j++;
        }
        i = j;
    }
    runs[nruns] = n;
    /* Merge neighbouring runs until one is left. */
    while (nruns > 1) {
        size_t out = 0;
        for (size_t r = 0; r < nruns; r += 2) {
            size_t lo = runs[r], mid = runs[r + 1], hi = r + 2 <= nruns ? runs[r + 2] : n;
            runs[out++] = lo;
            if (r + 1 >= nruns)
                break;
            size_t p = lo, q = mid, o = 0;
            while (p < mid && q < hi)
                tmp[o++] = iv_less(&a[q], &a[p]) ? a[q++] : a[p++];
            while (p < mid)
                tmp[o++] = a[p++];
            /* What is left of the right run is in place already. */
            memcpy(a + lo, tmp, o * sizeof *a);
        }
        runs[out] = n;
        nruns = out;
    }
    free(runs);
}

typedef struct render {
    const wa_report_doc *doc;
    wa_buf *b;
    iv *ivs;
    size_t n;
    char fid[32]; /* "dD-f": the document's part of its finding ids */
    size_t fidlen;
} render;

/* "dD-fN": a finding's id in the page, written five times per finding. */
static void add_fid(const render *r, wa_buf *b, size_t seq)
{
    wa_buf_add(b, r->fid, r->fidlen);
    wa_buf_add_uint(b, seq);
}

static void add_finding_title(wa_buf *b, const wa_report_mark *m)
{
    wa_html_escapes(b, m->category, 1);
    if (m->message && *m->message) {
        wa_buf_adds(b, ": ");
        wa_html_escapes(b, m->message, 1);
    }
    if (m->n_suggestions) {
        wa_buf_adds(b, " \xe2\x86\x92 ");
        for (size_t k = 0; k < m->n_suggestions; k++) {
            if (k)
                wa_buf_adds(b, ", ");
            wa_html_escapes(b, m->suggestions[k], 1);
        }
    }
}

static void open_tag(render *r, iv *v)
{
    wa_buf *b = r->b;
    const wa_report_mark *m = v->kind == IV_SENT ? NULL : &r->doc->marks[v->ref];
    int first = !v->drawn;
    v->drawn = 1;
    switch (v->kind) {
    case IV_SENT:
        /* Alternate shades show where each sentence starts and ends. */
        if (v->ref % 2)
            ADDL(b, "<span class=\"s sb\">");
        else
            ADDL(b, "<span class=\"s sa\">");
        (void)first;
        break;
    case IV_FIND:
        ADDL(b, "<mark class=\"f f-");
        add_class_name(b, m->category);
        ADDL(b, "\" data-f=\"");
        add_fid(r, b, v->seq);
        wa_buf_addc(b, '"');
        if (first) {
            ADDL(b, " id=\"");
            add_fid(r, b, v->seq);
            ADDL(b, "\" tabindex=\"0\" aria-describedby=\"");
            add_fid(r, b, v->seq);
            ADDL(b, "-d\"");
        }
        ADDL(b, " title=\"");
        add_finding_title(b, m);
        wa_buf_adds(b, "\">");
        break;
    case IV_NAME:
        ADDL(b, "<span class=\"n\"");
        add_placeholder(b, 'a', v->seq);
        wa_buf_addc(b, '>');
        break;
    default:
        wa_buf_adds(b, "<span class=\"r\" title=\"");
        wa_html_escapes(b, m->message && *m->message ? m->message : "mojibake repaired", 1);
        wa_buf_adds(b, "\">");
        break;
    }
}

static void close_tag(render *r, const iv *v, int final)
{
    if (v->kind == IV_NAME && final)
        add_placeholder(r->b, 'z', v->seq);
    if (v->kind == IV_FIND)
        ADDL(r->b, "</mark>");
    else
        ADDL(r->b, "</span>");
}

/* Draws the text with every interval as an element.  Intervals are sorted
 * (start, longer first, outer kind first); when one closes below others
 * still open, those are closed and reopened after it, so that elements
 * always nest and a crossing span becomes two elements. */
static void sweep(render *r)
{
    const char *s = r->doc->text;
    size_t len = r->doc->len, pos = 0, k = 0, depth = 0;
    iv *stack[MAX_DEPTH], *reopen[MAX_DEPTH];
    for (;;) {
        size_t next = len;
        if (k < r->n && r->ivs[k].start < next)
            next = r->ivs[k].start;
        for (size_t j = 0; j < depth; j++)
            if (stack[j]->end < next)
                next = stack[j]->end;
        wa_html_escape(r->b, s + pos, next - pos, 0);
        pos = next;
        size_t low = depth;
        for (size_t j = 0; j < depth; j++)
            if (stack[j]->end <= pos) {
                low = j;
                break;
            }
        if (low < depth) {
            size_t nre = 0;
            for (size_t j = depth; j-- > low;) {
                close_tag(r, stack[j], stack[j]->end <= pos);
                if (stack[j]->end > pos)
                    reopen[nre++] = stack[j];
            }
            depth = low;
            while (nre) {
                iv *v = reopen[--nre];
                open_tag(r, v);
                stack[depth++] = v;
            }
        }
        while (k < r->n && r->ivs[k].start == pos) {
            iv *v = &r->ivs[k++];
            if (depth >= MAX_DEPTH)
                continue;
            open_tag(r, v);
            stack[depth++] = v;
        }
        if (pos >= len && k >= r->n && depth == 0)
            break;
    }
}

/* Line and column (characters, from 1) of each finding, in order of start:
 * one pass over the text for all of them. */
typedef struct linecol {
    size_t pos, line, col;
} linecol;

/* The characters (bytes that do not continue a UTF-8 sequence) of s[0..n). */
static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* Continuation bytes: bit 7 set, bit 6 clear. */
        uint64_t cont = x & ~(x << 1) & 0x8080808080808080ULL;
        c += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void advance(const char *s, linecol *lc, size_t to)
{
    while (lc->pos < to) {
        const char *nl = memchr(s + lc->pos, '\n', to - lc->pos);
        size_t stop = nl ? (size_t)(nl - s) : to;
        lc->col += count_chars(s + lc->pos, stop - lc->pos);
        lc->pos = stop;
        if (nl) {
            lc->line++;
            lc->col = 1;
            lc->pos++;
        }
    }
}

static void add_quote(wa_buf *b, const char *s, size_t start, size_t end)
{
    size_t n = end - start;
    int cut = 0;
    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[start + n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    wa_html_escape(b, s + start, n, 0);
    if (cut)
        wa_buf_adds(b, "\xe2\x80\xa6");
}

static void findings_list(render *r, size_t nfind)
{
    wa_buf *b = r->b;
    const wa_report_doc *doc = r->doc;
    wa_buf_adds(b, nfind <= LIST_OPEN_MAX ? "<details class=\"fl\" open><summary>"
                                          : "<details class=\"fl\"><summary>");
    wa_buf_add_uint(b, nfind);
    wa_buf_adds(b, nfind == 1 ? " finding</summary><ol>\n" : " findings</summary><ol>\n");
    linecol lc = {0, 1, 1};
    for (size_t k = 0; k < r->n; k++) {
        iv *v = &r->ivs[k];
        if (v->kind != IV_FIND)
            continue;
        const wa_report_mark *m = &doc->marks[v->ref];
        advance(doc->text, &lc, v->start);
        ADDL(b, "<li id=\"");
        add_fid(r, b, v->seq);
        ADDL(b, "-d\">");
        if (v->drawn) {
            ADDL(b, "<a href=\"#");
            add_fid(r, b, v->seq);
            ADDL(b, "\">");
        }
        wa_buf_add_uint(b, lc.line);
        wa_buf_addc(b, ':');
        wa_buf_add_uint(b, lc.col);
        if (v->drawn)
            ADDL(b, "</a>");
        wa_buf_addc(b, ' ');
        ADDL(b, "<span class=\"cat c-");
        add_class_name(b, m->category);
        wa_buf_adds(b, "\">");
        wa_html_escapes(b, m->category, 0);
        wa_buf_adds(b, "</span> <q>");
        add_quote(b, doc->text, v->start, v->end);
        wa_buf_adds(b, "</q>");
        if (m->message && *m->message) {
            wa_buf_adds(b, " <span class=\"msg\">");
            wa_html_escapes(b, m->message, 0);
            wa_buf_adds(b, "</span>");
        }
        if (m->n_suggestions) {
            wa_buf_adds(b, " <span class=\"sug\">\xe2\x86\x92 ");
            for (size_t j = 0; j < m->n_suggestions; j++) {
                if (j)
                    wa_buf_adds(b, ", ");
                wa_buf_adds(b, "<b>");
                wa_html_escapes(b, m->suggestions[j], 0);
                wa_buf_adds(b, "</b>");
            }
            wa_buf_adds(b, "</span>");
        }
        wa_buf_adds(b, "</li>\n");
    }
    wa_buf_adds(b, "</ol></details>\n");
}

static size_t char_start(const char *s, size_t len, size_t at)
{
    if (at > len)
        at = len;
    while (at > 0 && at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
        at--;
    return at;
}

static size_t char_end(const char *s, size_t len, size_t at)
{
    if (at > len)
        at = len;
    while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* Interns a name form in the part's local table, whose forms go one after
 * the other into `text`; returns its index or (size_t)-1 on ENOMEM.  `map`
 * maps forms to index + 1. */
static size_t part_name(wa_report_part *p, wa_map *map, wa_buf *text, const char *form)
{
    size_t n = strlen(form);
    int created;
    void **slot = wa_map_put(map, form, n, &created);
    if (!slot)
        return (size_t)-1;
    if (!created)
        return (size_t)(uintptr_t)*slot - 1;
    wa_buf_add(text, form, n + 1);
    if (text->failed)
        return (size_t)-1;
    *slot = (void *)(uintptr_t)(p->nnames + 1);
    return p->nnames++;
}

static char *dup_or_null(const char *s)
{
    return s ? wa_strndup(s, strlen(s)) : NULL;
}

int wa_report_render(wa_report_part **out, const wa_report_doc *doc, int html,
                     wa_error *err)
{
    *out = NULL;
    if (!doc || (!doc->text && doc->len) || (!doc->sentences && doc->n_sentences) ||
        (!doc->marks && doc->n_marks))
        return wa_fail(err, WA_EINVAL, "report: invalid document");
    for (size_t i = 0; i < doc->n_marks; i++) {
        const wa_report_mark *m = &doc->marks[i];
        if (m->kind == WA_MARK_FINDING && !m->category)
            return wa_fail(err, WA_EINVAL, "report: a finding without a category");
        if (m->kind == WA_MARK_NAME && !m->name)
            return wa_fail(err, WA_EINVAL, "report: a name mention without a name");
        if (m->kind < WA_MARK_FINDING || m->kind > WA_MARK_REPAIR)
            return wa_fail(err, WA_EINVAL, "report: unknown mark kind %d", m->kind);
        if (m->n_suggestions && !m->suggestions)
            return wa_fail(err, WA_EINVAL, "report: suggestions missing");
    }
    const char *s = doc->text ? doc->text : "";
    size_t len = doc->len;
    int rc = WA_ENOMEM;
    wa_map *names = NULL;
    wa_buf b, name_text;
    wa_buf_init(&b);
    wa_buf_init(&name_text);
    iv *ivs = NULL;
    wa_report_part *p = calloc(1, sizeof *p);
    if (!p)
        goto cleanup;
    row *rw = &p->row;
    rw->name = wa_strndup(doc->name ? doc->name : "<stdin>",
                          strlen(doc->name ? doc->name : "<stdin>"));
    rw->encoding = dup_or_null(doc->encoding);
    rw->source = dup_or_null(doc->encoding_source);
    if (!rw->name || (doc->encoding && !rw->encoding) ||
        (doc->encoding_source && !rw->source))
        goto cleanup;
    rw->confidence = doc->confidence;
    rw->index = doc->index;
    rw->bytes = len;
    rw->replaced = doc->replaced;
    rw->sentences = doc->n_sentences;

    size_t n = 0, nfind = 0;
    ivs = malloc((doc->n_sentences + doc->n_marks + 1) * sizeof *ivs);
    if (!ivs)
        goto cleanup;
    for (size_t i = 0; i < doc->n_sentences; i++) {
        size_t a = char_start(s, len, doc->sentences[i].start);
        size_t e = char_end(s, len, doc->sentences[i].end);
        if (a < e)
            ivs[n++] = (iv){a, e, IV_SENT, i, 0, 0};
    }
    for (size_t i = 0; i < doc->n_marks; i++) {
        const wa_report_mark *m = &doc->marks[i];
        int kind = m->kind == WA_MARK_FINDING ? IV_FIND
                   : m->kind == WA_MARK_NAME  ? IV_NAME
                                              : IV_REPAIR;
        /* Counts do not depend on whether the span is drawable. */
        if (kind == IV_FIND) {
            rw->findings++;
            if (cat_add(&rw->cats, &rw->ncats, m->category, 1))
                goto cleanup;
        } else if (kind == IV_NAME) {
            rw->names++;
        } else {
            rw->repairs++;
        }
        size_t a = char_start(s, len, m->span.start);
        size_t e = char_end(s, len, m->span.end);
        if (a < e)
            ivs[n++] = (iv){a, e, kind, i, 0, 0};
    }
    if (html) {
        iv *tmp = malloc((n + 1) * sizeof *tmp);
        if (!tmp)
            goto cleanup;
        sort_ivs(ivs, n, tmp);
        free(tmp);
        names = wa_map_new(16);
        if (!names)
            goto cleanup;
        for (size_t i = 0; i < n; i++) {
            if (ivs[i].kind == IV_FIND)
                ivs[i].seq = ++nfind;
            else if (ivs[i].kind == IV_NAME) {
                ivs[i].seq = part_name(p, names, &name_text, doc->marks[ivs[i].ref].name);
                if (ivs[i].seq == (size_t)-1)
                    goto cleanup;
            }
        }
        if (p->nnames && !(p->names = wa_buf_steal(&name_text, NULL)))
            goto cleanup;
        render r = {doc, &b, ivs, n, {0}, 0};
        r.fidlen = (size_t)snprintf(r.fid, sizeof r.fid, "d%zu-f", doc->index);
        /* Room for the whole fragment at once (a little more than the 600
         * first corpus files take), not a copy at every doubling; a
         * failure sets b.failed, checked below. */
        wa_buf_reserve(&b, len + 32 * doc->n_sentences + 48 * doc->n_marks + 400 * nfind + 256);
        wa_buf_adds(&b, "<div class=\"text\">");
        sweep(&r);
        wa_buf_adds(&b, "</div>\n");
        if (nfind)
            findings_list(&r, nfind);
        if (b.failed)
            goto cleanup;
        p->html = wa_buf_steal(&b, &p->html_len);
        if (!p->html)
            goto cleanup;
        rw->has_html = 1;
    }
    *out = p;
    p = NULL;
    rc = 0;
cleanup:
    wa_buf_free(&b);
    wa_buf_free(&name_text);
    wa_map_free(names);
    free(ivs);
    wa_report_part_free(p);
    if (rc)
        return wa_fail(err, rc, "report: out of memory");
    return 0;
}

/* ---------------------------------------------------------------- report */

typedef struct entity {
    char *canonical;
    wa_report_variant *variants; /* forms owned here */
    size_t n_variants;
    size_t mentions, docs;
    int hue, style;
} entity;

struct wa_report {
    char *title;
    char *lang;
    int sections;
    FILE *spool;
    wa_buf mem; /* the spool when no file was given */
    row *rows;
    size_t nrows, caprows;
    size_t failed, html_docs;
    size_t bytes, replaced, repairs, sentences, names, findings;
    catcount *cats;
    size_t ncats;
    /* The (document, form) of each name id: "doc\0form\0" at form_off[id]
     * in form_text.  A document's forms are distinct (the part interned
     * them); pairs repeat only when a document name does (doc_repeat), and
     * are then told apart when they are resolved. */
    wa_buf form_text;
    size_t *form_off;
    size_t nforms, capforms;
    wa_map *doc_names;
    int doc_repeat;
    entity *ents;
    size_t nents;
    size_t *form_entity; /* global name id -> entity index + 1, at write time */
    int page_failed;     /* the spool failed: the page cannot be written */
    wa_report_entity_fn entity_of;
    void *entity_ctx;
};

int wa_report_open(wa_report **out, const wa_report_opts *opts, wa_error *err)
{
    *out = NULL;
    wa_report *r = calloc(1, sizeof *r);
    if (!r)
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    const char *title = opts && opts->title ? opts->title : "wirealign report";
    const char *lang = opts && opts->lang ? opts->lang : "fr";
    r->title = wa_strndup(title, strlen(title));
    r->lang = wa_strndup(lang, strlen(lang));
    wa_buf_init(&r->form_text);
    r->doc_names = wa_map_new(64);
    if (!r->title || !r->lang || !r->doc_names) {
        wa_report_free(r);
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    }
    r->sections = opts ? opts->sections : 0;
    r->spool = opts ? opts->spool : NULL;
    wa_buf_init(&r->mem);
    *out = r;
    return 0;
}

static void free_entities(wa_report *r)
{
    for (size_t i = 0; i < r->nents; i++) {
        free(r->ents[i].canonical);
        for (size_t k = 0; k < r->ents[i].n_variants; k++)
            free((char *)r->ents[i].variants[k].form);
        free(r->ents[i].variants);
    }
    free(r->ents);
    r->ents = NULL;
    r->nents = 0;
}

void wa_report_free(wa_report *r)
{
    if (!r)
        return;
    free(r->title);
    free(r->lang);
    wa_buf_free(&r->mem);
    for (size_t i = 0; i < r->nrows; i++)
        row_free(&r->rows[i]);
    free(r->rows);
    cats_free(r->cats, r->ncats);
    wa_buf_free(&r->form_text);
    free(r->form_off);
    wa_map_free(r->doc_names);
    free_entities(r);
    free(r->form_entity);
    free(r);
}

static int push_row(wa_report *r, row *rw)
{
    if (wa_grow(&r->rows, &r->caprows, r->nrows, sizeof *r->rows, 16))
        return -1;
    r->rows[r->nrows++] = *rw;
    memset(rw, 0, sizeof *rw);
    return 0;
}

/* Gives a (document, form) pair its id: the entity of a form may depend
 * on the document it is in. */
static size_t global_name(wa_report *r, const char *doc, size_t dlen, const char *form,
                          size_t flen)
{
    if (wa_grow(&r->form_off, &r->capforms, r->nforms, sizeof *r->form_off, 256))
        return (size_t)-1;
    r->form_off[r->nforms] = r->form_text.len;
    wa_buf_add(&r->form_text, doc, dlen + 1);
    wa_buf_add(&r->form_text, form, flen + 1);
    if (r->form_text.failed)
        return (size_t)-1;
    return r->nforms++;
}

static void spool_write(wa_report *r, const char *s, size_t n)
{
    if (r->spool)
        fwrite(s, 1, n, r->spool);
    else
        wa_buf_add(&r->mem, s, n);
}

static void add_count(wa_buf *b, int *first, size_t n, const char *what, const char *plural)
{
    if (!*first)
        ADDL(b, ", ");
    wa_buf_add_uint(b, n);
    wa_buf_addc(b, ' ');
    wa_buf_adds(b, n == 1 ? what : plural);
    *first = 0;
}

/* "UTF-8 (valid-utf8)" or "windows-1252 (detected, 62%)"; escaped when html. */
static void add_encoding(wa_buf *b, const row *rw, int html)
{
    const char *enc = rw->encoding ? rw->encoding : "unknown encoding";
    if (html)
        wa_html_escapes(b, enc, 0);
    else
        wa_buf_adds(b, enc);
    if (rw->source) {
        wa_buf_adds(b, " (");
        if (html)
            wa_html_escapes(b, rw->source, 0);
        else
            wa_buf_adds(b, rw->source);
        if (rw->confidence < 100)
            wa_buf_printf(b, ", %d%%", rw->confidence);
        wa_buf_adds(b, ")");
    }
}

/* The per-document facts, as one line: shared by the terminal and the
 * page's document headers. */
static void add_facts(const wa_report *r, wa_buf *b, const row *rw, int html)
{
    int first = 0;
    add_encoding(b, rw, html);
    add_count(b, &first, rw->bytes, "byte", "bytes");
    add_count(b, &first, rw->repairs, "repair", "repairs");
    add_count(b, &first, rw->replaced, "replaced", "replaced");
    if (r->sections & WA_REPORT_SENTENCES)
        add_count(b, &first, rw->sentences, "sentence", "sentences");
    if (r->sections & WA_REPORT_NAMES)
        add_count(b, &first, rw->names, "name", "names");
    if (r->sections & WA_REPORT_FINDINGS) {
        wa_buf_adds(b, ", findings: ");
        if (!rw->ncats)
            wa_buf_adds(b, "none");
        for (size_t i = 0; i < rw->ncats; i++) {
            if (i)
                wa_buf_adds(b, ", ");
            if (html)
                wa_html_escapes(b, rw->cats[i].cat, 0);
            else
                wa_buf_adds(b, rw->cats[i].cat);
            wa_buf_addc(b, ' ');
            wa_buf_add_uint(b, rw->cats[i].n);
        }
    }
}

/* Gives the part's names their report ids, consecutive from the one
 * returned (or (size_t)-1 on ENOMEM): the fragment's placeholders count
 * from there. */
static size_t register_names(wa_report *r, const wa_report_part *p)
{
    size_t base = r->nforms;
    if (!p->nnames)
        return base;
    int created;
    size_t dlen = strlen(p->row.name);
    if (!wa_map_put(r->doc_names, p->row.name, dlen, &created))
        return (size_t)-1;
    if (!created)
        r->doc_repeat = 1;
    const char *form = p->names;
    for (size_t i = 0; i < p->nnames; i++) {
        size_t flen = strlen(form);
        if (global_name(r, p->row.name, dlen, form, flen) == (size_t)-1)
            return (size_t)-1;
        form += flen + 1;
    }
    return base;
}

/* Spools a document's article: header, facts, fragment.  The fragment goes
 * out as it is, in one write, behind the placeholder of its first name id. */
static int spool_article(wa_report *r, wa_report_part *p, wa_buf *b, wa_error *err)
{
    row *rw = &p->row;
    size_t d = rw->index;
    size_t base = register_names(r, p);
    if (base == (size_t)-1)
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    ADDL(b, "<article class=\"doc\" id=\"d");
    wa_buf_add_uint(b, d);
    ADDL(b, "\" aria-labelledby=\"d");
    wa_buf_add_uint(b, d);
    ADDL(b, "-h\">\n<h2 id=\"d");
    wa_buf_add_uint(b, d);
    ADDL(b, "-h\">");
    wa_html_escapes(b, rw->name, 0);
    wa_buf_adds(b, "</h2>\n<p class=\"facts\">");
    add_facts(r, b, rw, 1);
    wa_buf_adds(b, "</p>\n");
    if (p->nnames)
        add_placeholder(b, 'b', base);
    if (b->failed)
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    spool_write(r, b->data, b->len);
    b->len = 0;
    spool_write(r, p->html, p->html_len);
    spool_write(r, "</article>\n", sizeof "</article>\n" - 1);
    if (r->mem.failed)
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    if (r->spool && ferror(r->spool))
        return wa_fail(err, WA_EIO, "cannot write the page's scratch file: %s", strerror(errno));
    return 0;
}

int wa_report_add(wa_report *r, wa_report_part *p, FILE *text_out, wa_error *err)
{
    int rc = 0;
    wa_buf b;
    wa_buf_init(&b);
    row *rw = &p->row;
    r->bytes += rw->bytes;
    r->replaced += rw->replaced;
    r->repairs += rw->repairs;
    r->sentences += rw->sentences;
    r->names += rw->names;
    r->findings += rw->findings;
    for (size_t i = 0; i < rw->ncats; i++)
        if (cat_add(&r->cats, &r->ncats, rw->cats[i].cat, rw->cats[i].n)) {
            rc = wa_fail(err, WA_ENOMEM, "report: out of memory");
            r->page_failed = 1;
        }
    if (p->html && !r->page_failed) {
        rc = spool_article(r, p, &b, err);
        if (rc)
            r->page_failed = 1;
        else
            r->html_docs++;
    }
    rw->has_html = p->html && !r->page_failed;
    if (text_out && !rc) {
        b.len = 0;
        wa_buf_adds(&b, rw->name);
        wa_buf_adds(&b, ": ");
        add_facts(r, &b, rw, 0);
        wa_buf_addc(&b, '\n');
        if (b.failed)
            rc = wa_fail(err, WA_ENOMEM, "report: out of memory");
        else if (fwrite(b.data, 1, b.len, text_out) != b.len)
            rc = wa_fail(err, WA_EIO, "cannot write the summary: %s", strerror(errno));
    }
    if (push_row(r, rw)) {
        rc = wa_fail(err, WA_ENOMEM, "report: out of memory");
        r->page_failed = 1;
    }
    wa_buf_free(&b);
    wa_report_part_free(p);
    return rc;
}

int wa_report_add_failed(wa_report *r, const char *name, const char *message,
                         wa_error *err)
{
    row rw = {0};
    name = name ? name : "<stdin>";
    message = message ? message : "failed";
    rw.name = wa_strndup(name, strlen(name));
    rw.error = wa_strndup(message, strlen(message));
    if (!rw.name || !rw.error || push_row(r, &rw)) {
        row_free(&rw);
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    }
    r->failed++;
    return 0;
}

/* Twelve hues that stay apart to the eye (greens and blues are wide
 * bands, so they get fewer stops), each with three underline styles: 36
 * looks, chosen by a stable hash of the canonical form. */
static const int palette[12] = {0, 22, 40, 58, 95, 150, 180, 205, 225, 262, 290, 325};

int wa_report_entity_hue(const char *canonical)
{
    return palette[wa_hash(canonical, strlen(canonical)) % 12];
}

static int entity_style(const char *canonical)
{
    return (int)((wa_hash(canonical, strlen(canonical)) / 12) % 3);
}

int wa_report_set_aliases(wa_report *r, const wa_report_entity *e, size_t n,
                          wa_report_entity_fn entity_of, void *ctx, wa_error *err)
{
    free_entities(r);
    r->entity_of = entity_of;
    r->entity_ctx = ctx;
    if (!n)
        return 0;
    r->ents = calloc(n, sizeof *r->ents);
    if (!r->ents)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        entity *d = &r->ents[i];
        const char *canon = e[i].canonical ? e[i].canonical : "";
        r->nents = i + 1;
        d->canonical = wa_strndup(canon, strlen(canon));
        d->variants = calloc(e[i].n_variants + 1, sizeof *d->variants);
        if (!d->canonical || !d->variants)
            goto nomem;
        d->hue = wa_report_entity_hue(canon);
        d->style = entity_style(canon);
        for (size_t k = 0; k < e[i].n_variants; k++) {
            const wa_report_variant *v = &e[i].variants[k];
            const char *form = v->form ? v->form : "";
            d->variants[k] = *v;
            d->variants[k].form = wa_strndup(form, strlen(form));
            if (!d->variants[k].form)
                goto nomem;
            d->n_variants = k + 1;
            d->mentions += v->count;
            if (v->docs > d->docs)
                d->docs = v->docs;
        }
    }
    return 0;
nomem:
    free_entities(r);
    return wa_fail(err, WA_ENOMEM, "report: out of memory");
}

/* ----------------------------------------------------------- the page */

/* Resolves every (document, form) seen to its entity: through the
 * caller's function when there is one, else by the form alone. */
static int resolve_names(wa_report *r)
{
    free(r->form_entity);
    r->form_entity = calloc(r->nforms + 1, sizeof *r->form_entity);
    if (!r->form_entity)
        return -1;
    wa_map *by_form = NULL;
    if (!r->entity_of) {
        by_form = wa_map_new(64);
        if (!by_form)
            return -1;
        for (size_t i = r->nents; i-- > 0;) /* the first entity listing a form wins */
            for (size_t k = 0; k < r->ents[i].n_variants; k++) {
                const char *f = r->ents[i].variants[k].form;
                void **slot = wa_map_put(by_form, f, strlen(f), NULL);
                if (!slot) {
                    wa_map_free(by_form);
                    return -1;
                }
                *slot = (void *)(uintptr_t)(i + 1);
            }
    }
    /* One look-up per distinct (document, form). */
    wa_map *seen = r->doc_repeat ? wa_map_new(r->nforms) : NULL;
    if (r->doc_repeat && !seen) {
        wa_map_free(by_form);
        return -1;
    }
    for (size_t id = 0; id < r->nforms; id++) {
        const char *doc = r->form_text.data + r->form_off[id], *form = doc + strlen(doc) + 1;
        size_t e = 0;
        if (seen) {
            int created;
            void **slot = wa_map_put(seen, doc, (size_t)(form - doc) + strlen(form), &created);
            if (!slot) {
                wa_map_free(seen);
                wa_map_free(by_form);
                return -1;
            }
            if (!created) {
                r->form_entity[id] = r->form_entity[(size_t)(uintptr_t)*slot - 1];
                continue;
            }
            *slot = (void *)(uintptr_t)(id + 1);
        }
        if (r->entity_of) {
            e = r->entity_of(r->entity_ctx, doc, form, strlen(form));
        } else {
            void **slot = wa_map_get(by_form, form, strlen(form));
            e = slot ? (size_t)(uintptr_t)*slot : 0;
        }
        r->form_entity[id] = e <= r->nents ? e : 0;
    }
    wa_map_free(seen);
    wa_map_free(by_form);
    return 0;
}

static void entity_attrs(wa_buf *b, const wa_report *r, size_t ei)
{
    const entity *e = &r->ents[ei];
    /* style and hue are small non-negative numbers. */
    ADDL(b, " data-e=\"");
    wa_buf_add_uint(b, ei + 1);
    ADDL(b, "\" data-u=\"");
    wa_buf_add_uint(b, (unsigned)e->style);
    ADDL(b, "\" style=\"--h:");
    wa_buf_add_uint(b, (unsigned)e->hue);
    wa_buf_addc(b, '"');
}

/* What a placeholder of an entity becomes, drawn once per entity: the
 * attributes of a mention ('a') and the number after it ('z'). */
typedef struct expansions {
    wa_buf text;
    size_t *off; /* entity i: 'a' is [off[2i], off[2i+1]), 'z' up to off[2i+2] */
} expansions;

static void expand_one(const wa_report *r, wa_buf *b, char type, size_t ei)
{
    if (type == 'a') {
        entity_attrs(b, r, ei);
        wa_buf_adds(b, " title=\"");
        wa_html_escapes(b, r->ents[ei].canonical, 1);
        ADDL(b, " (entity ");
        wa_buf_add_uint(b, ei + 1);
        ADDL(b, ")\"");
    } else {
        ADDL(b, "<sup class=\"e\"><span class=\"vh\">entity </span>");
        wa_buf_add_uint(b, ei + 1);
        ADDL(b, "</sup>");
    }
}

static int expansions_make(const wa_report *r, expansions *x)
{
    wa_buf_init(&x->text);
    x->off = malloc((2 * r->nents + 1) * sizeof *x->off);
    if (!x->off)
        return -1;
    x->off[0] = 0;
    for (size_t i = 0; i < r->nents; i++) {
        expand_one(r, &x->text, 'a', i);
        x->off[2 * i + 1] = x->text.len;
        expand_one(r, &x->text, 'z', i);
        x->off[2 * i + 2] = x->text.len;
    }
    return x->text.failed ? -1 : 0;
}

static void expansions_free(expansions *x)
{
    wa_buf_free(&x->text);
    free(x->off);
}

static void expand_placeholder(wa_report *r, const expansions *x, wa_buf *b, char type,
                               size_t id)
{
    size_t ei = id < r->nforms ? r->form_entity[id] : 0;
    if (!ei)
        return;
    ei--;
    size_t k = 2 * ei + (type == 'a' ? 0 : 1);
    wa_buf_add(b, x->text.data + x->off[k], x->off[k + 1] - x->off[k]);
}

/* A placeholder being read from the spool; it may straddle two reads. */
typedef struct phread {
    int state; /* 0 outside, 1 before the type, 2 in the number */
    char type;
    size_t num;
    size_t base; /* the current document's first name id ('b') */
} phread;

/* Reads the placeholder bytes of s[i, n) (after PH_OPEN), expanding it at
 * PH_CLOSE; returns the position after what was read. */
static size_t read_placeholder(wa_report *r, const expansions *x, wa_buf *b, phread *ph,
                               const char *s, size_t i, size_t n)
{
    if (ph->state == 1 && i < n) {
        ph->type = s[i++];
        ph->num = 0;
        ph->state = 2;
    }
    while (i < n) {
        char c = s[i++];
        if (c == PH_CLOSE) {
            if (ph->type == 'b')
                ph->base = ph->num;
            else
                expand_placeholder(r, x, b, ph->type, ph->base + ph->num);
            ph->state = 0;
            break;
        }
        if (c >= '0' && c <= '9')
            ph->num = ph->num * 10 + (size_t)(c - '0');
    }
    return i;
}

/* Copies the spool to out, expanding placeholders. */
static int copy_spool(wa_report *r, const expansions *x, FILE *out, wa_buf *b)
{
    char chunk[1 << 16];
    phread ph = {0, 0, 0, 0};
    const char *src = r->mem.data;
    size_t srclen = r->mem.len, srcpos = 0;
    if (r->spool) {
        if (fflush(r->spool) != 0 || fseek(r->spool, 0, SEEK_SET) != 0)
            return -1;
    }
    for (;;) {
        const char *s;
        size_t n;
        if (r->spool) {
            n = fread(chunk, 1, sizeof chunk, r->spool);
            if (n == 0)
                break;
            s = chunk;
        } else {
            if (srcpos >= srclen)
                break;
            n = srclen - srcpos < sizeof chunk ? srclen - srcpos : sizeof chunk;
            s = src + srcpos;
            srcpos += n;
        }
        size_t i = 0;
        while (i < n) {
            if (!ph.state) {
                const char *p = memchr(s + i, PH_OPEN, n - i);
                size_t upto = p ? (size_t)(p - s) : n;
                wa_buf_add(b, s + i, upto - i);
                i = upto;
                if (p) {
                    ph.state = 1;
                    i++;
                }
            } else {
                i = read_placeholder(r, x, b, &ph, s, i, n);
            }
        }
        if (b->len >= sizeof chunk) {
            if (fwrite(b->data, 1, b->len, out) != b->len)
                return -1;
            b->len = 0;
        }
    }
    if (r->spool && ferror(r->spool))
        return -1;
    return 0;
}

static void add_cat_legend(wa_buf *b, const char *cat)
{
    wa_buf_adds(b, "<li><mark class=\"f f-");
    add_class_name(b, cat);
    wa_buf_adds(b, "\">");
    wa_html_escapes(b, cat, 0);
    wa_buf_adds(b, "</mark></li>");
}

static void add_num_cell(wa_buf *b, size_t v)
{
    ADDL(b, "<td class=\"num\">");
    wa_buf_add_uint(b, v);
    ADDL(b, "</td>");
}

static void summary_table(const wa_report *r, wa_buf *b)
{
    int sent = r->sections & WA_REPORT_SENTENCES, nam = r->sections & WA_REPORT_NAMES,
        fnd = r->sections & WA_REPORT_FINDINGS;
    wa_buf_adds(b, "<section id=\"summary\" aria-labelledby=\"summary-h\">\n"
                   "<h2 id=\"summary-h\">Summary</h2>\n<div class=\"scroll\"><table class=\"sum\">\n"
                   "<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Encoding</th>"
                   "<th scope=\"col\" class=\"num\">Bytes</th><th scope=\"col\" class=\"num\">Repairs</th>"
                   "<th scope=\"col\" class=\"num\">Replaced</th>");
    if (sent)
        wa_buf_adds(b, "<th scope=\"col\" class=\"num\">Sentences</th>");
    if (nam)
        wa_buf_adds(b, "<th scope=\"col\" class=\"num\">Names</th>");
    if (fnd) {
        for (size_t c = 0; c < r->ncats; c++) {
            wa_buf_adds(b, "<th scope=\"col\" class=\"num\"><span class=\"cat c-");
            add_class_name(b, r->cats[c].cat);
            wa_buf_adds(b, "\">");
            wa_html_escapes(b, r->cats[c].cat, 0);
            wa_buf_adds(b, "</span></th>");
        }
        wa_buf_adds(b, "<th scope=\"col\" class=\"num\">Findings</th>");
    }
    wa_buf_adds(b, "</tr></thead>\n<tbody>\n");
    size_t ncols = 5 + (sent ? 1 : 0) + (nam ? 1 : 0) + (fnd ? r->ncats + 1 : 0);
    for (size_t i = 0; i < r->nrows; i++) {
        const row *rw = &r->rows[i];
        wa_buf_adds(b, rw->error ? "<tr class=\"failed\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
        if (rw->has_html) {
            ADDL(b, "<a href=\"#d");
            wa_buf_add_uint(b, rw->index);
            ADDL(b, "\">");
        }
        wa_html_escapes(b, rw->name, 0);
        wa_buf_adds(b, rw->has_html ? "</a></th>" : "</th>");
        if (rw->error) {
            wa_buf_printf(b, "<td colspan=\"%zu\">not processed: ", ncols - 1);
            wa_html_escapes(b, rw->error, 0);
            wa_buf_adds(b, "</td></tr>\n");
            continue;
        }
        /* The encoding's name; how it was chosen in the tooltip, and the
         * confidence when it was guessed. */
        wa_buf_adds(b, "<td class=\"enc\" title=\"");
        add_encoding(b, rw, 1);
        wa_buf_adds(b, "\">");
        wa_html_escapes(b, rw->encoding ? rw->encoding : "?", 0);
        if (rw->confidence < 100 && rw->source)
            wa_buf_printf(b, " <small>%d%%</small>", rw->confidence);
        ADDL(b, "</td>");
        add_num_cell(b, rw->bytes);
        add_num_cell(b, rw->repairs);
        add_num_cell(b, rw->replaced);
        if (sent)
            add_num_cell(b, rw->sentences);
        if (nam)
            add_num_cell(b, rw->names);
        if (fnd) {
            size_t k = 0;
            for (size_t c = 0; c < r->ncats; c++) {
                size_t v = 0;
                if (k < rw->ncats && strcmp(rw->cats[k].cat, r->cats[c].cat) == 0)
                    v = rw->cats[k++].n;
                if (v) {
                    add_num_cell(b, v);
                } else {
                    ADDL(b, "<td class=\"num zero\">0</td>");
                }
            }
            ADDL(b, "<td class=\"num\"><b>");
            wa_buf_add_uint(b, rw->findings);
            ADDL(b, "</b></td>");
        }
        wa_buf_adds(b, "</tr>\n");
    }
    wa_buf_printf(b, "</tbody>\n<tfoot><tr><th scope=\"row\">Total: %zu file%s",
                  r->nrows, r->nrows == 1 ? "" : "s");
    if (r->failed)
        wa_buf_printf(b, " (%zu not processed)", r->failed);
    wa_buf_printf(b, "</th><td></td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                     "<td class=\"num\">%zu</td>",
                  r->bytes, r->repairs, r->replaced);
    if (sent)
        wa_buf_printf(b, "<td class=\"num\">%zu</td>", r->sentences);
    if (nam)
        wa_buf_printf(b, "<td class=\"num\">%zu</td>", r->names);
    if (fnd) {
        for (size_t c = 0; c < r->ncats; c++)
            wa_buf_printf(b, "<td class=\"num\">%zu</td>", r->cats[c].n);
        wa_buf_printf(b, "<td class=\"num\"><b>%zu</b></td>", r->findings);
    }
    wa_buf_adds(b, "</tr></tfoot>\n</table></div>\n");
    size_t omitted = r->nrows - r->failed - r->html_docs;
    if (omitted)
        wa_buf_printf(b, "<p class=\"note\">The text of %zu file%s is not shown, to keep the "
                         "page small enough for a browser; the counts above cover every "
                         "file.</p>\n",
                      omitted, omitted == 1 ? "" : "s");
    wa_buf_adds(b, "</section>\n");
}

static void alias_table(const wa_report *r, wa_buf *b)
{
    wa_buf_printf(b, "<aside id=\"aliases\" aria-labelledby=\"aliases-h\">\n"
                     "<h2 id=\"aliases-h\">Alias table <small>%zu entit%s</small></h2>\n",
                  r->nents, r->nents == 1 ? "y" : "ies");
    if (!r->nents) {
        wa_buf_adds(b, "<p class=\"note\">No names were found.</p>\n</aside>\n");
        return;
    }
    wa_buf_adds(b, "<table class=\"al\">\n<thead><tr><th scope=\"col\">#</th>"
                   "<th scope=\"col\">Entity and variants</th><th scope=\"col\" class=\"num\">"
                   "Mentions</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->nents; i++) {
        const entity *e = &r->ents[i];
        ADDL(b, "<tr id=\"e");
        wa_buf_add_uint(b, i + 1);
        ADDL(b, "\"><td><span class=\"chip\"");
        entity_attrs(b, r, i);
        ADDL(b, " tabindex=\"0\">");
        wa_buf_add_uint(b, i + 1);
        ADDL(b, "</span></td><td><span class=\"canon\">");
        wa_html_escapes(b, e->canonical, 0);
        wa_buf_adds(b, "</span>");
        if (e->n_variants == 1 && strcmp(e->variants[0].form, e->canonical) == 0) {
            /* One form, the canonical one: its counts only. */
            const wa_report_variant *v = &e->variants[0];
            if (v->docs)
                wa_buf_printf(b, " <small class=\"in\">in %zu file%s</small>", v->docs,
                              v->docs == 1 ? "" : "s");
        } else {
            wa_buf_adds(b, "<ul class=\"vars\">");
            for (size_t k = 0; k < e->n_variants; k++) {
                const wa_report_variant *v = &e->variants[k];
                wa_buf_adds(b, "<li>");
                wa_html_escapes(b, v->form, 0);
                ADDL(b, " <small>");
                wa_buf_add_uint(b, v->count);
                ADDL(b, "\xc3\x97");
                if (v->docs) {
                    ADDL(b, " in ");
                    wa_buf_add_uint(b, v->docs);
                    wa_buf_adds(b, v->docs == 1 ? " file" : " files");
                }
                wa_buf_adds(b, "</small></li>");
            }
            wa_buf_adds(b, "</ul>");
        }
        ADDL(b, "</td><td class=\"num\">");
        wa_buf_add_uint(b, e->mentions);
        ADDL(b, "</td></tr>\n");
    }
    wa_buf_adds(b, "</tbody></table>\n</aside>\n");
}

int wa_report_write_html(wa_report *r, FILE *out, wa_error *err)
{
    wa_buf b;
    wa_buf_init(&b);
    if (r->page_failed)
        return wa_fail(err, WA_EIO, "the page's scratch file could not be written");
    if (resolve_names(r))
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    wa_buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
                      "<meta name=\"generator\" content=\"wirealign %s\">\n<title>",
                  wa_version());
    wa_html_escapes(&b, r->title, 0);
    wa_buf_adds(&b, "</title>\n<style>\n");
    for (size_t i = 0; wa_report_css[i]; i++)
        wa_buf_adds(&b, wa_report_css[i]);
    wa_buf_adds(&b, "</style>\n</head>\n<body class=\"show-s\">\n"
                    "<a class=\"skip\" href=\"#docs\">Skip to the texts</a>\n<header>\n<h1>");
    wa_html_escapes(&b, r->title, 0);
    wa_buf_printf(&b, "</h1>\n<p class=\"lead\">%zu file%s, %zu bytes", r->nrows,
                  r->nrows == 1 ? "" : "s", r->bytes);
    if (r->sections & WA_REPORT_SENTENCES)
        wa_buf_printf(&b, ", %zu sentences", r->sentences);
    if (r->sections & WA_REPORT_NAMES)
        wa_buf_printf(&b, ", %zu name mentions in %zu entities", r->names, r->nents);
    if (r->sections & WA_REPORT_FINDINGS)
        wa_buf_printf(&b, ", %zu findings", r->findings);
    if (r->failed)
        wa_buf_printf(&b, ", %zu not processed", r->failed);
    wa_buf_adds(&b, ".</p>\n<p id=\"js-status\" class=\"lead\" role=\"status\"></p>\n");
    /* The legend: what each highlight means, with the same styles. */
    size_t legend_at = b.len;
    wa_buf_adds(&b, "<div class=\"legend\"><span>Key:</span><ul>");
    size_t legend_empty = b.len;
    if (r->sections & WA_REPORT_FINDINGS)
        for (size_t c = 0; c < r->ncats; c++)
            add_cat_legend(&b, r->cats[c].cat);
    if (r->repairs)
        wa_buf_adds(&b, "<li><span class=\"r\">repaired mojibake</span></li>");
    if (r->sections & WA_REPORT_NAMES)
        wa_buf_adds(&b, "<li><span class=\"n\" data-e=\"0\" style=\"--h:210\">name<sup "
                        "class=\"e\"><span class=\"vh\">entity </span>n</sup></span> "
                        "same colour, line and number: same entity</li>");
    if (r->sections & WA_REPORT_SENTENCES)
        wa_buf_adds(&b, "<li><label><input type=\"checkbox\" id=\"show-s\" checked> "
                        "<span class=\"s sa\">sentence</span> <span class=\"s sb\">by sentence</span>"
                        "</label></li>");
    if (b.len == legend_empty)
        b.len = legend_at; /* nothing is marked: no key */
    else
        wa_buf_adds(&b, "</ul></div>\n");
    wa_buf_adds(&b, "</header>\n<main>\n");
    summary_table(r, &b);
    wa_buf_adds(&b, r->sections & WA_REPORT_NAMES ? "<div class=\"cols\">\n<div id=\"docs\">\n"
                                                  : "<div>\n<div id=\"docs\">\n");
    if (b.failed) {
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    }
    /* The texts go in the wires' language. */
    wa_buf_adds(&b, "<div lang=\"");
    wa_html_escapes(&b, r->lang, 1);
    wa_buf_adds(&b, "\">\n");
    if (fwrite(b.data, 1, b.len, out) != b.len)
        goto io;
    b.len = 0;
    expansions x;
    if (expansions_make(r, &x)) {
        expansions_free(&x);
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    }
    int copied = copy_spool(r, &x, out, &b);
    expansions_free(&x);
    if (copied)
        goto io;
    wa_buf_adds(&b, "</div>\n</div>\n");
    if (r->sections & WA_REPORT_NAMES)
        alias_table(r, &b);
    wa_buf_adds(&b, "</div>\n</main>\n<div id=\"pop\" role=\"dialog\" aria-label=\"Finding\" "
                    "hidden></div>\n<script>\n");
    for (size_t i = 0; wa_report_js[i]; i++)
        wa_buf_adds(&b, wa_report_js[i]);
    wa_buf_adds(&b, "</script>\n</body>\n</html>\n");
    if (b.failed) {
        wa_buf_free(&b);
        return wa_fail(err, WA_ENOMEM, "report: out of memory");
    }
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out))
        goto io;
    wa_buf_free(&b);
    return 0;
io:
    wa_buf_free(&b);
    return wa_fail(err, WA_EIO, "report: cannot write the page: %s",
                   errno ? strerror(errno) : "write error");
}

/* v right-aligned in `width` columns, as printf's %*zu. */
static void add_uint_width(wa_buf *b, size_t v, size_t width)
{
    size_t digits = 1;
    for (size_t x = v; x >= 10; x /= 10)
        digits++;
    for (; digits < width; digits++)
        wa_buf_addc(b, ' ');
    wa_buf_add_uint(b, v);
}

int wa_report_write_text(const wa_report *r, FILE *out, wa_error *err)
{
    wa_buf b;
    wa_buf_init(&b);
    if (r->sections & WA_REPORT_NAMES) {
        wa_buf_printf(&b, "\nalias table: %zu entit%s\n", r->nents, r->nents == 1 ? "y" : "ies");
        for (size_t i = 0; i < r->nents; i++) {
            const entity *e = &r->ents[i];
            /* "%4zu  %s  (%zu mention%s):" */
            add_uint_width(&b, i + 1, 4);
            ADDL(&b, "  ");
            wa_buf_adds(&b, e->canonical);
            ADDL(&b, "  (");
            wa_buf_add_uint(&b, e->mentions);
            wa_buf_adds(&b, e->mentions == 1 ? " mention):" : " mentions):");
            for (size_t k = 0; k < e->n_variants; k++) {
                if (k)
                    wa_buf_addc(&b, ',');
                wa_buf_addc(&b, ' ');
                wa_buf_adds(&b, e->variants[k].form);
                wa_buf_addc(&b, ' ');
                wa_buf_add_uint(&b, e->variants[k].count);
            }
            wa_buf_addc(&b, '\n');
        }
    }
    wa_buf_printf(&b, "\ntotal: %zu file%s", r->nrows, r->nrows == 1 ? "" : "s");
    if (r->failed)
        wa_buf_printf(&b, " (%zu not processed)", r->failed);
    wa_buf_printf(&b, ", %zu bytes, %zu repairs, %zu replaced", r->bytes, r->repairs, r->replaced);
    if (r->sections & WA_REPORT_SENTENCES)
        wa_buf_printf(&b, ", %zu sentences", r->sentences);
    if (r->sections & WA_REPORT_NAMES)
        wa_buf_printf(&b, ", %zu names in %zu entities", r->names, r->nents);
    if (r->sections & WA_REPORT_FINDINGS) {
        wa_buf_printf(&b, ", %zu findings", r->findings);
        for (size_t c = 0; c < r->ncats; c++)
            wa_buf_printf(&b, "%s%s %zu", c ? ", " : " (", r->cats[c].cat, r->cats[c].n);
        if (r->ncats)
            wa_buf_addc(&b, ')');
    }
    wa_buf_addc(&b, '\n');
    int rc = 0;
    if (b.failed)
        rc = wa_fail(err, WA_ENOMEM, "report: out of memory");
    else if (fwrite(b.data, 1, b.len, out) != b.len)
        rc = wa_fail(err, WA_EIO, "report: cannot write the summary: %s", strerror(errno));
    wa_buf_free(&b);
    return rc;
}
