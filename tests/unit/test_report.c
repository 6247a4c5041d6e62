/* Unit tests of the report writer: escaping, overlapping spans, entity
 * colours, the spool, the terminal summary. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wirealign.h"

/* ------------------------------------------------------------ helpers */

static char *page(wa_report *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f);
    wa_error err = {0};
    cr_assert_eq(wa_report_write_html(r, f, &err), 0, "%s", err.message);
    fclose(f);
    return buf;
}

static char *terminal(wa_report *r, wa_report_part **parts, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wa_error err = {0};
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(wa_report_add(r, parts[i], f, &err), 0, "%s", err.message);
    cr_assert_eq(wa_report_write_text(r, f, &err), 0);
    fclose(f);
    return buf;
}

static wa_report *open_report(int sections, FILE *spool)
{
    wa_report *r = NULL;
    wa_report_opts o = {0};
    o.sections = sections;
    o.spool = spool;
    wa_error err = {0};
    cr_assert_eq(wa_report_open(&r, &o, &err), 0);
    return r;
}

static wa_report_part *render(const wa_report_doc *d)
{
    wa_report_part *p = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_report_render(&p, d, 1, &err), 0, "%s", err.message);
    return p;
}

static void add(wa_report *r, const wa_report_doc *d)
{
    wa_error err = {0};
    cr_assert_eq(wa_report_add(r, render(d), NULL, &err), 0, "%s", err.message);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || (n == 2 && *p < 0xC2))
            return 0;
        for (int k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

/* Checks that the elements of the page's body nest properly (script and
 * style contents skipped, void elements allowed) and that no attribute
 * value holds a raw < or an unbalanced quote. */
static int well_formed(const char *s, char *why, size_t whylen)
{
    static const char *voids[] = {"meta", "input", "br", "hr", "img", "link", NULL};
    char stack[256][24];
    int depth = 0;
    const char *p = s;
    while ((p = strchr(p, '<'))) {
        if (strncmp(p, "<!DOCTYPE", 9) == 0) {
            p = strchr(p, '>');
            continue;
        }
        int closing = p[1] == '/';
        const char *n = p + 1 + closing;
        size_t nl = strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789");
        if (nl == 0 || nl >= 16) {
            snprintf(why, whylen, "bad tag at %.20s", p);
            return 0;
        }
        /* Find the end of the tag, honouring quoted attribute values. */
        const char *q = n + nl;
        char quote = 0;
        for (; *q && (quote || *q != '>'); q++) {
            if (quote && *q == quote)
                quote = 0;
            else if (!quote && (*q == '"' || *q == '\''))
                quote = *q;
            else if (quote && *q == '<') {
                snprintf(why, whylen, "raw < in an attribute at %.40s", p);
                return 0;
            }
        }
        if (!*q) {
            snprintf(why, whylen, "unterminated tag at %.20s", p);
            return 0;
        }
        char name[16];
        memcpy(name, n, nl);
        name[nl] = '\0';
        int isvoid = 0;
        for (int k = 0; voids[k]; k++)
            isvoid |= strcmp(name, voids[k]) == 0;
        if (closing) {
            if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
                snprintf(why, whylen, "</%s> closes <%s>", name, depth ? stack[depth - 1] : "");
                return 0;
            }
            depth--;
        } else if (!isvoid) {
            if (depth == 256)
                return 0;
            strcpy(stack[depth++], name);
            if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
                char end[24];
                snprintf(end, sizeof end, "</%s>", name);
                const char *e = strstr(q, end);
                if (!e)
                    return 0;
                p = e;
                continue;
            }
        }
        p = q + 1;
    }
    if (depth != 0) {
        snprintf(why, whylen, "<%s> never closed", stack[depth - 1]);
        return 0;
    }
    return 1;
}

/* The text shown in the first document's text block: tags and entity
 * numbers removed, entities decoded. */
static char *shown_text(const char *html)
{
    const char *a = strstr(html, "<div class=\"text\">");
    cr_assert(a);
    a += strlen("<div class=\"text\">");
    const char *e = strstr(a, "</div>");
    cr_assert(e);
    char *out = malloc((size_t)(e - a) + 1);
    size_t n = 0;
    for (const char *p = a; p < e;) {
        if (strncmp(p, "<sup", 4) == 0) {
            p = strstr(p, "</sup>") + 6;
        } else if (*p == '<') {
            p = strchr(p, '>') + 1;
        } else if (*p == '&') {
            static const char *ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                           {"&quot;", "\""}, {"&#39;", "'"}};
            int ok = 0;
            for (int k = 0; k < 5; k++)
                if (strncmp(p, ent[k][0], strlen(ent[k][0])) == 0) {
                    out[n++] = ent[k][1][0];
                    p += strlen(ent[k][0]);
                    ok = 1;
                    break;
                }
            cr_assert(ok, "unknown entity at %.10s", p);
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return out;
}

/* ------------------------------------------------------------- tests */

Test(report, escapes_text_names_messages)
{
    const char *text = "<script>alert('x')</script> & \"q\" \x01 ctl \xc2\x85 c1\n";
    const char *sug[] = {"<b>", "a\"b"};
    wa_report_mark m = {{0, 8}, WA_MARK_FINDING, "loan<word>", NULL, "say \"<hi>\" & 'bye'",
                        sug, 2};
    wa_report_doc d = {0};
    d.name = "dir/<evil>&\"name\".txt";
    d.text = text;
    d.len = strlen(text);
    d.encoding = "UTF-8";
    d.marks = &m;
    d.n_marks = 1;
    wa_report *r = open_report(WA_REPORT_FINDINGS, NULL);
    add(r, &d);
    char *h = page(r);
    cr_assert_null(strstr(h, "<script>alert"));
    cr_assert_null(strstr(h, "<evil>"));
    cr_assert_null(strstr(h, "<hi>"));
    cr_assert(strstr(h, "&lt;script&gt;</mark>alert('x')&lt;/script&gt; &amp; \"q\""));
    cr_assert(strstr(h, "dir/&lt;evil&gt;&amp;&quot;name&quot;.txt") ||
              strstr(h, "dir/&lt;evil&gt;&amp;\"name\".txt"));
    cr_assert(strstr(h, "say &quot;&lt;hi&gt;&quot; &amp; &#39;bye&#39;"), "message in title");
    /* A control character is shown as its picture, a C1 control as U+FFFD. */
    cr_assert(strstr(h, "\xe2\x90\x81 ctl"));
    cr_assert(strstr(h, "\xef\xbf\xbd c1"));
    cr_assert_null(strchr(h, '\x01'));
    cr_assert_null(strchr(h, '\x02'));
    /* The category becomes a safe class name. */
    cr_assert(strstr(h, "f-loan-word-"));
    char why[128] = "";
    cr_assert(well_formed(h, why, sizeof why), "%s", why);
    cr_assert(valid_utf8(h));
    free(h);
    wa_report_free(r);
}

Test(report, invalid_utf8_in_names_becomes_replacement)
{
    const char text[] = "abc";
    wa_report_doc d = {0};
    d.name = "bad\xff\xfe.txt";
    d.text = text;
    d.len = 3;
    wa_report *r = open_report(0, NULL);
    add(r, &d);
    char *h = page(r);
    cr_assert(valid_utf8(h));
    cr_assert(strstr(h, "bad\xef\xbf\xbd\xef\xbf\xbd.txt"));
    free(h);
    wa_report_free(r);
}

Test(report, finding_across_sentences_is_split_in_two)
{
    const char *text = "Il dit dans un communiqué. un communiqué, puis part.";
    /* "communiqué. un communiqué," crosses the sentence boundary at 28. */
    const char *start = strstr(text, "communiqué.");
    size_t a = (size_t)(start - text), e = (size_t)(strstr(text, ", puis") - text) + 1;
    wa_span sents[2] = {{0, (size_t)(strstr(text, " un communiqué,") - text)},
                        {(size_t)(strstr(text, "un communiqué,") - text), strlen(text)}};
    wa_report_mark m = {{a, e}, WA_MARK_FINDING, "repeat", NULL, "repeated fragment", NULL, 0};
    wa_report_doc d = {0};
    d.name = "x.txt";
    d.text = text;
    d.len = strlen(text);
    d.sentences = sents;
    d.n_sentences = 2;
    d.marks = &m;
    d.n_marks = 1;
    wa_report *r = open_report(WA_REPORT_FINDINGS | WA_REPORT_SENTENCES, NULL);
    add(r, &d);
    char *h = page(r);
    cr_assert_eq(count(h, "<mark class=\"f f-repeat\" data-f=\"d0-f1\""), 2);
    cr_assert_eq(count(h, "id=\"d0-f1\""), 1, "only the first piece has the id");
    cr_assert_geq(count(h, "<span class=\"s sb\">"), 2, "the second sentence is shaded");
    char why[128] = "";
    cr_assert(well_formed(h, why, sizeof why), "%s", why);
    char *shown = shown_text(h);
    cr_assert_str_eq(shown, text);
    free(shown);
    free(h);
    wa_report_free(r);
}

Test(report, same_entity_same_colour_across_documents)
{
    const char *t0 = "Nikol Pachinian a parlé à Vladimir Poutine.";
    const char *t1 = "Pashinyan spoke with Putin.";
    wa_report_mark m0[2] = {{{6, 15}, WA_MARK_NAME, NULL, "Pachinian", NULL, NULL, 0},
                            {{35, 42}, WA_MARK_NAME, NULL, "Poutine", NULL, NULL, 0}};
    wa_report_mark m1[2] = {{{0, 9}, WA_MARK_NAME, NULL, "Pashinyan", NULL, NULL, 0},
                            {{21, 26}, WA_MARK_NAME, NULL, "Putin", NULL, NULL, 0}};
    wa_report_doc d0 = {0}, d1 = {0};
    d0.name = "a.txt";
    d0.text = t0;
    d0.len = strlen(t0);
    d0.marks = m0;
    d0.n_marks = 2;
    d1.name = "b.txt";
    d1.index = 1;
    d1.text = t1;
    d1.len = strlen(t1);
    d1.marks = m1;
    d1.n_marks = 2;
    wa_report *r = open_report(WA_REPORT_NAMES, NULL);
    add(r, &d0);
    add(r, &d1);
    wa_report_variant v1[] = {{"Pashinyan", 1, 1}, {"Pachinian", 1, 1}};
    wa_report_variant v2[] = {{"Putin", 1, 1}, {"Poutine", 1, 1}};
    wa_report_entity ents[] = {{"Nikol Pashinyan", v1, 2}, {"Vladimir Putin", v2, 2}};
    cr_assert_eq(wa_report_set_aliases(r, ents, 2, NULL, NULL, NULL), 0);
    char *h = page(r);
    int h1 = wa_report_entity_hue("Nikol Pashinyan");
    /* Both variants of entity 1 carry the same number and colour. */
    const char *p0 = strstr(h, ">Pachinian");
    const char *p1 = strstr(h, ">Pashinyan");
    cr_assert(p0 && p1);
    int u;
    const char *e0 = strstr(h, "<span class=\"n\" data-e=\"1\"");
    cr_assert(e0);
    cr_assert_eq(sscanf(e0, "<span class=\"n\" data-e=\"1\" data-u=\"%d\"", &u), 1);
    char exact1[160];
    snprintf(exact1, sizeof exact1, "<span class=\"n\" data-e=\"1\" data-u=\"%d\" style=\"--h:%d\"",
             u, h1);
    /* Two mentions (the alias table's chip has class "chip"). */
    cr_assert_eq(count(h, exact1), 2, "%s", exact1);
    cr_assert_eq(count(h, "<span class=\"n\" data-e=\"2\""), 2);
    cr_assert_eq(count(h, "<sup class=\"e\"><span class=\"vh\">entity </span>1</sup>"), 2);
    /* The alias table lists both variants of the first entity. */
    cr_assert(strstr(h, "Nikol Pashinyan</span><ul class=\"vars\"><li>Pashinyan"));
    free(h);
    wa_report_free(r);
}

Test(report, hue_is_stable_and_in_range)
{
    int a = wa_report_entity_hue("Sergei Shoigu");
    cr_assert_eq(a, wa_report_entity_hue("Sergei Shoigu"));
    cr_assert(a >= 0 && a < 360);
    /* Different names spread over the whole palette. */
    int seen[360] = {0}, distinct = 0;
    char name[32];
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "Name %d", i);
        int hh = wa_report_entity_hue(name);
        distinct += !seen[hh];
        seen[hh] = 1;
    }
    cr_assert_eq(distinct, 12);
}

Test(report, unknown_name_form_is_plain)
{
    const char *t = "Ilham Aliyev";
    wa_report_mark m = {{0, 12}, WA_MARK_NAME, NULL, "Ilham Aliyev", NULL, NULL, 0};
    wa_report_doc d = {0};
    d.name = "a";
    d.text = t;
    d.len = strlen(t);
    d.marks = &m;
    d.n_marks = 1;
    wa_report *r = open_report(WA_REPORT_NAMES, NULL);
    add(r, &d);
    char *h = page(r);
    cr_assert(strstr(h, "<span class=\"n\">Ilham Aliyev</span>"));
    free(h);
    wa_report_free(r);
}

/* Random documents with random overlapping spans: the page always nests,
 * shows exactly the text, and is valid UTF-8. */
Test(report, random_overlaps_nest_and_keep_the_text)
{
    static const char *pieces[] = {"a", "é", "<", "&", "\n", " ", "Ж", "»", "'", "\"", "x", "🙂"};
    static const char *cats[] = {"loanword", "spelling", "glued", "repeat", "variant"};
    static const char *names[] = {"Alpha", "Beta", "Gamma"};
    uint32_t seed = 12345;
#define RND() (seed = seed * 1103515245u + 12345u, (seed >> 8))
    for (int round = 0; round < 300; round++) {
        char text[2048];
        size_t len = 0;
        int np = 1 + (int)(RND() % 120);
        for (int k = 0; k < np; k++) {
            const char *pc = pieces[RND() % 12];
            memcpy(text + len, pc, strlen(pc));
            len += strlen(pc);
        }
        text[len] = '\0';
        wa_span sents[20];
        size_t ns = 0, at = 0;
        while (ns < 20 && at < len) {
            size_t e = at + 1 + RND() % (len - at);
            sents[ns++] = (wa_span){at + RND() % 2, e};
            at = e + RND() % 3;
        }
        wa_report_mark marks[60];
        size_t nm = RND() % 60;
        for (size_t k = 0; k < nm; k++) {
            /* Arbitrary byte offsets: inside characters, past the end, empty. */
            size_t a = RND() % (len + 4), e = a + RND() % 30;
            int kind = 1 + (int)(RND() % 3);
            const char *cat = cats[RND() % 5];
            const char *name = names[RND() % 3];
            marks[k] = (wa_report_mark){{a, e}, kind, cat, name, "msg <&>", NULL, 0};
        }
        wa_report_doc d = {0};
        d.name = "r.txt";
        d.text = text;
        d.len = len;
        d.sentences = sents;
        d.n_sentences = ns;
        d.marks = marks;
        d.n_marks = nm;
        wa_report *r = open_report(WA_REPORT_FINDINGS | WA_REPORT_NAMES | WA_REPORT_SENTENCES,
                                   NULL);
        add(r, &d);
        wa_report_variant v[] = {{"Alpha", 1, 1}, {"Gamma", 1, 1}};
        wa_report_entity ent = {"Alpha", v, 2};
        wa_report_set_aliases(r, &ent, 1, NULL, NULL, NULL);
        char *h = page(r);
        char why[128] = "";
        cr_assert(well_formed(h, why, sizeof why), "round %d: %s", round, why);
        cr_assert(valid_utf8(h), "round %d", round);
        char *shown = shown_text(h);
        cr_assert_str_eq(shown, text, "round %d", round);
        free(shown);
        free(h);
        wa_report_free(r);
    }
}

Test(report, deep_nesting_is_bounded_and_listed)
{
    const char *t = "un deux trois quatre";
    wa_report_mark m[100];
    for (int k = 0; k < 100; k++)
        m[k] = (wa_report_mark){{(size_t)(k % 3), strlen(t) - (size_t)(k % 5)}, WA_MARK_FINDING,
                                "repeat", NULL, NULL, NULL, 0};
    wa_report_doc d = {0};
    d.name = "deep";
    d.text = t;
    d.len = strlen(t);
    d.marks = m;
    d.n_marks = 100;
    wa_report *r = open_report(WA_REPORT_FINDINGS, NULL);
    add(r, &d);
    char *h = page(r);
    char why[128] = "";
    cr_assert(well_formed(h, why, sizeof why), "%s", why);
    cr_assert_eq(count(h, "<li id=\"d0-f"), 100, "every finding is listed");
    cr_assert_lt(count(h, "<mark class=\"f f-repeat\" data-f="), 100, "not all drawn inline");
    free(h);
    wa_report_free(r);
}

Test(report, spool_file_and_memory_give_the_same_page)
{
    const char *t = "Pashinyan et Choïgou.";
    wa_report_mark m[] = {{{0, 9}, WA_MARK_NAME, NULL, "Pashinyan", NULL, NULL, 0},
                          {{13, 21}, WA_MARK_NAME, NULL, "Choïgou", NULL, NULL, 0},
                          {{3, 5}, WA_MARK_FINDING, "spelling", NULL, "m", NULL, 0}};
    wa_report_variant v[] = {{"Pashinyan", 1, 1}};
    wa_report_variant w[] = {{"Choïgou", 1, 1}};
    wa_report_entity e[] = {{"Nikol Pashinyan", v, 1}, {"Sergei Shoigu", w, 1}};
    char *pages[2];
    for (int mode = 0; mode < 2; mode++) {
        FILE *spool = mode ? tmpfile() : NULL;
        wa_report *r = open_report(WA_REPORT_NAMES | WA_REPORT_FINDINGS, spool);
        /* Enough documents to cross the copy's chunk size many times. */
        for (size_t i = 0; i < 3000; i++) {
            wa_report_doc d = {0};
            d.name = "n";
            d.index = i;
            d.text = t;
            d.len = strlen(t);
            d.marks = m;
            d.n_marks = 3;
            add(r, &d);
        }
        wa_report_set_aliases(r, e, 2, NULL, NULL, NULL);
        pages[mode] = page(r);
        wa_report_free(r);
        if (spool)
            fclose(spool);
    }
    cr_assert_str_eq(pages[0], pages[1]);
    cr_assert_eq(count(pages[0], "<span class=\"vh\">entity </span>1</sup>"), 3000);
    cr_assert_eq(count(pages[0], "<span class=\"vh\">entity </span>2</sup>"), 3000);
    free(pages[0]);
    free(pages[1]);
}

Test(report, terminal_lines_and_totals)
{
    const char *t = "Le lengthy de la frontière. Les deux events.";
    const char *sug[] = {"long"};
    wa_report_mark m[] = {{{3, 10}, WA_MARK_FINDING, "loanword", NULL, "English", sug, 1},
                          {{37, 43}, WA_MARK_FINDING, "loanword", NULL, "English", NULL, 0},
                          {{0, 2}, WA_MARK_FINDING, "boilerplate", NULL, NULL, NULL, 0}};
    wa_span s[] = {{0, 28}, {29, strlen(t)}};
    wa_report_doc d = {0};
    d.name = "spun.txt";
    d.text = t;
    d.len = strlen(t);
    d.encoding = "windows-1252";
    d.encoding_source = "detected";
    d.confidence = 62;
    d.sentences = s;
    d.n_sentences = 2;
    d.marks = m;
    d.n_marks = 3;
    wa_report *r = open_report(WA_REPORT_FINDINGS | WA_REPORT_SENTENCES, NULL);
    wa_report_part *parts[2] = {render(&d), NULL};
    d.index = 1;
    d.name = "b.txt";
    d.n_marks = 0;
    parts[1] = render(&d);
    cr_assert_eq(wa_report_add_failed(r, "missing.txt", "missing.txt: not found", NULL), 0);
    char *out = terminal(r, parts, 2);
    cr_assert(strstr(out, "spun.txt: windows-1252 (detected, 62%), 45 bytes, 0 repairs, "
                          "0 replaced, 2 sentences, findings: loanword 2, boilerplate 1\n"),
              "%s", out);
    cr_assert(strstr(out, "b.txt: windows-1252 (detected, 62%), 45 bytes, 0 repairs, "
                          "0 replaced, 2 sentences, findings: none\n"), "%s", out);
    cr_assert(strstr(out, "total: 3 files (1 not processed), 90 bytes, 0 repairs, 0 replaced, "
                          "4 sentences, 3 findings (loanword 2, boilerplate 1)\n"), "%s", out);
    cr_assert_null(strstr(out, "alias table"), "no names section without the names stage");
    char *h = page(r);
    cr_assert(strstr(h, "not processed: missing.txt: not found"));
    cr_assert(strstr(h, "<b>long</b>"));
    cr_assert(strstr(h, "<span class=\"cat c-loanword\">loanword</span> <q>lengthy</q>"));
    /* The list gives line:column of each finding. */
    cr_assert(strstr(h, "<a href=\"#d0-f2\">1:4</a>"), "%s", h);
    free(h);
    free(out);
    wa_report_free(r);
}

Test(report, sections_left_out_when_their_stage_did_not_run)
{
    const char *t = "Texte.";
    wa_report_doc d = {0};
    d.name = "a";
    d.text = t;
    d.len = strlen(t);
    wa_report *r = open_report(0, NULL);
    wa_report_part *p = render(&d);
    char *out = terminal(r, &p, 1);
    cr_assert_null(strstr(out, "sentence"));
    cr_assert_null(strstr(out, "finding"));
    cr_assert_null(strstr(out, "name"));
    char *h = page(r);
    cr_assert_null(strstr(h, ">Sentences<"));
    cr_assert_null(strstr(h, ">Findings<"));
    free(h);
    free(out);
    wa_report_free(r);
}

Test(report, rejects_invalid_marks)
{
    wa_report_mark m = {{0, 1}, WA_MARK_FINDING, NULL, NULL, NULL, NULL, 0};
    wa_report_doc d = {0};
    d.text = "a";
    d.len = 1;
    d.marks = &m;
    d.n_marks = 1;
    wa_report_part *p = NULL;
    wa_error err = {0};
    cr_assert_eq(wa_report_render(&p, &d, 1, &err), WA_EINVAL);
    cr_assert_null(p);
    m.kind = 99;
    m.category = "x";
    cr_assert_eq(wa_report_render(&p, &d, 1, &err), WA_EINVAL);
    d.text = NULL;
    d.n_marks = 0;
    cr_assert_eq(wa_report_render(&p, &d, 1, &err), WA_EINVAL);
}

Test(report, page_is_self_contained)
{
    const char *t = "Texte.";
    wa_report_doc d = {0};
    d.name = "a";
    d.text = t;
    d.len = strlen(t);
    wa_report *r = open_report(WA_REPORT_FINDINGS | WA_REPORT_NAMES | WA_REPORT_SENTENCES, NULL);
    add(r, &d);
    char *h = page(r);
    cr_assert_null(strstr(h, "http://"));
    cr_assert_null(strstr(h, "https://"));
    cr_assert_null(strstr(h, "src="));
    cr_assert_null(strstr(h, "@import"));
    cr_assert_null(strstr(h, "url("));
    cr_assert(strstr(h, "default-src 'none'"));
    cr_assert(strstr(h, "@media print"));
    free(h);
    wa_report_free(r);
}

/* The entity of a form may depend on the document: "Aliyev" is Ilham in
 * one wire and Heydar in another. */
static size_t aliyev_of(void *ctx, const char *doc, const char *form, size_t n)
{
    (*(int *)ctx)++;
    if (n == 6 && memcmp(form, "Aliyev", 6) == 0)
        return strcmp(doc, "ilham.txt") == 0 ? 1 : 2;
    return 0;
}

Test(report, entity_per_document_through_the_callback)
{
    const char *t = "Aliyev a parlé. Aliyev encore.";
    wa_report_mark m[] = {{{0, 6}, WA_MARK_NAME, NULL, "Aliyev", NULL, NULL, 0},
                          {{18, 24}, WA_MARK_NAME, NULL, "Aliyev", NULL, NULL, 0}};
    wa_report *r = open_report(WA_REPORT_NAMES, NULL);
    const char *docs[] = {"ilham.txt", "heydar.txt", "ilham.txt"};
    for (size_t i = 0; i < 3; i++) {
        wa_report_doc d = {0};
        d.name = docs[i];
        d.index = i;
        d.text = t;
        d.len = strlen(t);
        d.marks = m;
        d.n_marks = 2;
        add(r, &d);
    }
    wa_report_variant v1[] = {{"Aliyev", 4, 2}};
    wa_report_variant v2[] = {{"Aliyev", 2, 1}};
    wa_report_entity e[] = {{"Ilham Aliyev", v1, 1}, {"Heydar Aliyev", v2, 1}};
    int calls = 0;
    cr_assert_eq(wa_report_set_aliases(r, e, 2, aliyev_of, &calls, NULL), 0);
    char *h = page(r);
    cr_assert_eq(calls, 2, "one call per distinct (document, form)");
    const char *d0 = strstr(h, "id=\"d0\""), *d1 = strstr(h, "id=\"d1\""), *d2 = strstr(h, "id=\"d2\"");
    cr_assert(d0 && d1 && d2);
    const char *n0 = strstr(d0, "<span class=\"n\""), *n1 = strstr(d1, "<span class=\"n\""),
               *n2 = strstr(d2, "<span class=\"n\"");
    cr_assert(strncmp(n0, "<span class=\"n\" data-e=\"1\"", 26) == 0);
    cr_assert(strncmp(n1, "<span class=\"n\" data-e=\"2\"", 26) == 0);
    cr_assert(strncmp(n2, "<span class=\"n\" data-e=\"1\"", 26) == 0);
    free(h);
    wa_report_free(r);
}

Test(report, line_and_column_count_characters_not_bytes)
{
    /* Lines longer than eight bytes, with two- and three-byte characters
     * before the findings: columns count characters, lines start at 1. */
    const char *t = "Premi\xc3\xa8re ligne, d\xc3\xa9j\xc3\xa0 longue.\n"
                    "\xc3\x89t\xc3\xa9 \xe2\x80\x94 tr\xc3\xa8s chaud.\n"
                    "L\xc3\xa0 o\xc3\xb9 l'\xc3\xa9t\xc3\xa9 \xc3\xa9" "clate, fin.";
    size_t a = (size_t)(strstr(t, "chaud") - t), b = (size_t)(strstr(t, "clate") - t) - 2;
    wa_report_mark m[] = {{{a, a + 5}, WA_MARK_FINDING, "repeat", NULL, "m", NULL, 0},
                          {{b, b + 7}, WA_MARK_FINDING, "repeat", NULL, "m", NULL, 0}};
    wa_report_doc d = {0};
    d.name = "a";
    d.text = t;
    d.len = strlen(t);
    d.marks = m;
    d.n_marks = 2;
    wa_report *r = open_report(WA_REPORT_FINDINGS, NULL);
    add(r, &d);
    char *h = page(r);
    cr_assert(strstr(h, "<a href=\"#d0-f1\">2:12</a>"), "%s", h);
    cr_assert(strstr(h, "<a href=\"#d0-f2\">3:13</a>"), "%s", h);
    free(h);
    wa_report_free(r);
}

/* The page of one document whose marks come in the given order. */
static char *page_of_marks(const char *t, const wa_report_mark *m, size_t n)
{
    const wa_span sents[] = {{0, 40}, {41, 90}, {91, strlen(t)}};
    wa_report_doc d = {0};
    d.name = "a";
    d.text = t;
    d.len = strlen(t);
    d.sentences = sents;
    d.n_sentences = 3;
    d.marks = m;
    d.n_marks = n;
    wa_report *r = open_report(WA_REPORT_FINDINGS | WA_REPORT_NAMES | WA_REPORT_SENTENCES, NULL);
    add(r, &d);
    char *h = page(r);
    wa_report_free(r);
    return h;
}

Test(report, marks_in_any_order_give_the_same_page)
{
    /* Overlapping, nested and crossing spans of three kinds, given sorted
     * and shuffled: the intervals are put in one order whatever the input's
     * (numbering and nesting follow it). */
    const char *t = "Le cessez-le-feu entre Bakou et Erevan tient. Nikol Pachinian et Ilham "
                    "Aliyev se sont parle hier. Le deal est un win-win selon Moscou, qui suit.";
    size_t len = strlen(t);
    enum { N = 300 };
    static wa_report_mark sorted[N], shuffled[N];
    static char names[N][8];
    unsigned seed = 12345;
    size_t n = 0;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t a = (seed >> 8) % (len - 1);
        seed = seed * 1103515245u + 12345u;
        size_t e = a + 1 + (seed >> 8) % 12;
        if (e > len)
            e = len;
        int kind = i % 3 == 0 ? WA_MARK_NAME : i % 3 == 1 ? WA_MARK_FINDING : WA_MARK_REPAIR;
        /* Distinct (start, end, kind): no tie left to the mark's index. */
        int dup = 0;
        for (size_t k = 0; k < n; k++)
            if (sorted[k].span.start == a && sorted[k].span.end == e && (int)sorted[k].kind == kind)
                dup = 1;
        if (dup)
            continue;
        snprintf(names[n], sizeof names[n], "N%zu", i % 17);
        sorted[n].span.start = a;
        sorted[n].span.end = e;
        sorted[n].kind = kind;
        sorted[n].category = kind == WA_MARK_FINDING ? (i % 2 ? "glued" : "loanword") : NULL;
        sorted[n].name = kind == WA_MARK_NAME ? names[n] : NULL;
        sorted[n].message = "m";
        n++;
    }
    /* Sorted by start, longer first, kind: the order the page uses. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0; k--) {
            wa_report_mark *x = &sorted[k - 1], *y = &sorted[k];
            int later = x->span.start > y->span.start ||
                        (x->span.start == y->span.start &&
                         (x->span.end < y->span.end ||
                          (x->span.end == y->span.end && x->kind > y->kind)));
            if (!later)
                break;
            wa_report_mark tmp = *x;
            *x = *y;
            *y = tmp;
        }
    /* The same marks in a shuffled order. */
    memcpy(shuffled, sorted, n * sizeof *sorted);
    for (size_t i = n; i > 1; i--) {
        seed = seed * 1103515245u + 12345u;
        size_t j = (seed >> 8) % i;
        wa_report_mark tmp = shuffled[i - 1];
        shuffled[i - 1] = shuffled[j];
        shuffled[j] = tmp;
    }
    char *a = page_of_marks(t, sorted, n), *b = page_of_marks(t, shuffled, n);
    cr_assert_gt(n, 200);
    cr_assert(strstr(a, "data-f=\"d0-f1\""));
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
}
