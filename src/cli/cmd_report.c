/* wirealign report: every stage over a set of wires in parallel, as a
 * terminal summary and one self-contained HTML page. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

/* The page shows the text of the first files, in the order given, up to
 * this many input bytes; the summary and the alias table cover every file. */
#define HTML_LIMIT_MB 20
#define MAX_JOBS 256

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign report [-o FILE.html] [--aliases-out FILE] [--jobs N]\n"
            "                        [--html-limit MB] [--lang fr|en] [options] FILE...\n\n"
            "Runs every stage over the wires given (reading, sentences, names, the\n"
            "proofreader) and prints, per file, the encoding and repairs, the sentence\n"
            "and name counts and the findings by category; then the alias table (the\n"
            "entities, their variants and counts) and the totals.\n\n"
            "  -o, --output FILE  also write the report as one self-contained HTML page\n"
            "                     (written to a temporary file, renamed when complete)\n"
            "  --aliases-out FILE also write the alias table, in the format its name\n"
            "                     ends with: .tsv, .json or .txt (Solr synonyms)\n"
            "  --jobs N           process N files at a time (default: the number of cores);\n"
            "                     the output does not depend on N\n"
            "  --html-limit MB    show the text of the first files up to MB megabytes of\n"
            "                     input in the page (default %d; 0: no limit); the summary\n"
            "                     always covers every file\n"
            "  --lang fr|en       language of the wires (default fr)\n"
            "  --encoding NAME    read the input in this encoding\n"
            "  --prefer en|fr     on a tie, an entity is named by this language's form\n"
            "  --aliases FILE     more curated aliases (format of dictionaries/aliases.tsv),\n"
            "                     for the alias table and the variant findings\n"
            "  --no-default-aliases  do not read dictionaries/aliases.tsv\n"
            "  --thesaurus BASE   the English thesaurus BASE.idx/.dat (for suggestions)\n"
            "  --only LIST        report only these finding categories (comma-separated:\n"
            "                     loanword, boilerplate, spelling, glued, repeat, variant)\n"
            "  --help             this help\n\n"
            "Exit status: 0 ok, 2 when a file could not be read or an output not written\n"
            "(the other files are still processed).\n",
            HTML_LIMIT_MB);
}

/* What a worker hands back for one file. */
typedef struct result {
    int ready;
    char *error;    /* the file could not be processed */
    char *warnings; /* content warnings, one per line, printed in order */
    wa_report_part *part; /* pass 2 */
    wa_text *text;        /* pass 1: the text, for learning */
} result;

/* One set of stage handles; each is used by one thread at a time. */
typedef struct handles {
    wa_splitter *sp;
    wa_checker *ck;
    wa_speller *common; /* tells common words from names (the checker's; borrowed) */
    wa_names *nm;       /* finds mentions and counts those of this thread's files */
    int rc;
    wa_error err;
} handles;

/* When the main thread has to wait for a result, it sleeps until this
 * many are ready in a row (or the pass's last one is): one wake-up, one
 * pair of futex calls, per batch rather than per file. */
enum { TAKE_BATCH = 8 };
#define NO_WAKE ((size_t)-1)

typedef struct job {
    char **files;
    size_t nfiles;
    const unsigned char *want_html;
    wa_text_opts text_opts;
    wa_split_opts split_opts;
    wa_check_opts check_opts;
    wa_names_opts names_opts;
    int pass; /* 1: read for learning; 2: every stage */
    pthread_mutex_t mu;
    pthread_cond_t ready_cv; /* a result is ready */
    pthread_cond_t room_cv;  /* the window moved */
    size_t next_take, next_emit, window;
    result *slots; /* ring of `window` results, by file index */
    size_t wake_at; /* the main thread sleeps until the results up to this
                       file are ready; NO_WAKE when it does not */
    /* With several threads: the set's names, into which each thread merges
     * its own (under names_mu) and then frees its handles, once the last
     * file of pass 2 is taken. */
    wa_names *names;
    pthread_mutex_t names_mu;
    pthread_mutex_t open_mu; /* handles are created one thread at a time */
} job;

typedef struct worker {
    job *jb;
    handles *h;
    pthread_t tid;
    int open_late; /* opens its handles in its thread, in pass 1 */
} worker;

/* Content warnings are collected per file and printed by the main thread
 * in file order, so that stderr does not depend on --jobs either. */
typedef struct warnings {
    char *buf;
    size_t len;
    FILE *f;
    const char *name;
} warnings;

static void collect_warning(void *ctx, const char *msg)
{
    warnings *w = ctx;
    if (w->f)
        fprintf(w->f, "wirealign: warning: %s: %s\n", w->name, msg);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void open_handles(worker *wk)
{
    handles *h = wk->h;
    job *jb = wk->jb;
    h->rc = wa_splitter_open(&h->sp, &jb->split_opts, &h->err);
    if (h->rc == 0)
        h->rc = wa_checker_open(&h->ck, &jb->check_opts, &h->err);
    if (h->rc == 0) {
        /* The checker's speller of the language tells common words from
         * names (one dictionary fewer to load per thread). */
        h->common = wa_checker_speller(h->ck);
        wa_names_opts no = jb->names_opts;
        if (h->common) {
            no.is_common_word = wa_spell_common_word;
            no.common_ctx = h->common;
        }
        /* the checker's name keys (same data and alias files) */
        no.translit = wa_checker_translit(h->ck);
        h->rc = wa_names_open(&h->nm, &no, &h->err);
    }
}

static void close_handles(handles *h)
{
    wa_splitter_free(h->sp);
    wa_names_free(h->nm); /* first: it borrows the checker's name keys */
    wa_checker_free(h->ck);
    memset(h, 0, sizeof *h);
}

/* A name form as the names module counts it: runs of white space (and
 * no-break spaces) become one space. */
static size_t normalize_form(const char *s, size_t n, char *out)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t skip = 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            skip = 1;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
            skip = 2;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0xAF)
            skip = 3;
        if (skip) {
            space = 1;
            i += skip - 1;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}

/* Pass 1: only the text, which the main thread shows every checker. */
static void read_only(worker *wk, size_t i, result *res)
{
    job *jb = wk->jb;
    if (wa_text_read_file(&res->text, jb->files[i], &jb->text_opts, NULL) != 0)
        res->text = NULL; /* reported in pass 2 */
}

/* Pass 2: every stage, then the document's part of the report. */
static void process(worker *wk, size_t i, result *res)
{
    job *jb = wk->jb;
    const char *path = jb->files[i];
    const char *name = cli_input_name(path);
    warnings w = {NULL, 0, NULL, name};
    w.f = open_memstream(&w.buf, &w.len);
    wa_text_opts to = jb->text_opts;
    to.warn = collect_warning;
    to.warn_ctx = &w;
    wa_error err = {0};
    wa_text *t = NULL;
    wa_report_mark *marks = NULL;
    char (*msgs)[64] = NULL;
    wa_span *sents = NULL;
    wa_finding *finds = NULL;
    wa_mention *ments = NULL;
    char *forms = NULL;
    size_t nsents = 0, nfinds = 0, nments = 0;
    if (wa_text_read_file(&t, path, &to, &err) != 0) {
        res->error = dup_str(err.message[0] ? err.message : wa_strerror(err.code));
        goto done;
    }
    size_t len, nrep;
    const char *s = wa_text_data(t, &len);
    const wa_repair *rep = wa_text_repairs(t, &nrep);
    /* The mentions' spans for the page, and their counts (with what each
     * lone surname refers to) in this thread's table, merged at the end. */
    /* Split and names once: check's `variant` category takes both. */
    if (wa_split(wk->h->sp, s, len, &sents, &nsents, &err) != 0 ||
        wa_names_find(wk->h->nm, s, len, sents, nsents, &ments, &nments, &err) != 0 ||
        wa_names_add_mentions(wk->h->nm, name, s, len, ments, nments, &err) != 0 ||
        wa_check_mentions(wk->h->ck, s, len, sents, nsents, ments, nments, &finds, &nfinds,
                          &err) != 0) {
        res->error = malloc(strlen(name) + strlen(err.message) + 3);
        if (res->error)
            sprintf(res->error, "%s: %s", name, err.message);
        goto done;
    }
    marks = calloc(nrep + nfinds + nments + 1, sizeof *marks);
    msgs = calloc(nrep + 1, sizeof *msgs);
    size_t forms_cap = 0;
    for (size_t k = 0; k < nments; k++)
        forms_cap += ments[k].span.end - ments[k].span.start + 1;
    forms = malloc(forms_cap + 1);
    if (!marks || !msgs || !forms) {
        res->error = dup_str("out of memory");
        goto done;
    }
    size_t nm = 0;
    for (size_t k = 0; k < nrep; k++, nm++) {
        snprintf(msgs[k], sizeof msgs[k], "mojibake repaired (%d layer%s of wrong decoding)",
                 rep[k].layers, rep[k].layers > 1 ? "s" : "");
        marks[nm].span = rep[k].span;
        marks[nm].kind = WA_MARK_REPAIR;
        marks[nm].message = msgs[k];
    }
    for (size_t k = 0; k < nfinds; k++, nm++) {
        marks[nm].span = finds[k].span;
        marks[nm].kind = WA_MARK_FINDING;
        marks[nm].category = wa_check_category_name(finds[k].category);
        marks[nm].message = finds[k].message;
        marks[nm].suggestions = (const char *const *)finds[k].suggestions;
        marks[nm].n_suggestions = finds[k].nsuggestions;
    }
    /* Name mentions: the page resolves them to entities at the end. */
    size_t forms_len = 0;
    for (size_t k = 0; k < nments; k++) {
        char *f = forms + forms_len;
        size_t n = normalize_form(s + ments[k].span.start,
                                  ments[k].span.end - ments[k].span.start, f);
        if (!n)
            continue;
        forms_len += n + 1;
        marks[nm].span = ments[k].span;
        marks[nm].kind = WA_MARK_NAME;
        marks[nm].name = f;
        nm++;
    }
    wa_report_doc doc = {0};
    doc.name = name;
    doc.index = i;
    doc.text = s;
    doc.len = len;
    doc.encoding = wa_text_encoding(t);
    doc.encoding_source = wa_text_encoding_source(t);
    doc.confidence = wa_text_confidence(t);
    doc.replaced = wa_text_replaced(t);
    doc.sentences = sents;
    doc.n_sentences = nsents;
    doc.marks = marks;
    doc.n_marks = nm;
    if (wa_report_render(&res->part, &doc, jb->want_html[i], &err) != 0)
        res->error = dup_str(err.message);
done:
    free(marks);
    free(msgs);
    wa_free(ments);
    free(forms);
    wa_free(sents);
    wa_findings_free(finds, nfinds);
    wa_text_free(t);
    if (w.f) {
        fclose(w.f);
        if (w.len)
            res->warnings = w.buf;
        else
            free(w.buf);
    }
}

/* A thread done with pass 2: its name counts go to the set's (merging is
 * exact in any order), then its handles are freed while the others work. */
static void finish(worker *wk)
{
    job *jb = wk->jb;
    handles *h = wk->h;
    pthread_mutex_lock(&jb->names_mu);
    int rc = wa_names_merge(jb->names, h->nm, &h->err);
    pthread_mutex_unlock(&jb->names_mu);
    wa_error err = h->err;
    close_handles(h);
    h->rc = rc;
    h->err = err;
}

/* Opens a thread's handles, one thread at a time: creating Hunspell
 * dictionaries from two threads at once races on Hunspell's shared tables
 * (helgrind shows it). */
static void open_turn(worker *wk)
{
    pthread_mutex_lock(&wk->jb->open_mu);
    open_handles(wk);
    pthread_mutex_unlock(&wk->jb->open_mu);
    wk->open_late = 0;
}

/* Whether the results of files a..b are all ready (under jb->mu). */
static int ready_through(const job *jb, size_t a, size_t b)
{
    for (size_t k = a; k <= b; k++)
        if (!jb->slots[k % jb->window].ready)
            return 0;
    return 1;
}

static void *work(void *arg)
{
    worker *wk = arg;
    job *jb = wk->jb;
    if (wk->open_late)
        open_turn(wk); /* while the other threads read */
    for (;;) {
        pthread_mutex_lock(&jb->mu);
        while (jb->next_take < jb->nfiles && jb->next_take >= jb->next_emit + jb->window)
            pthread_cond_wait(&jb->room_cv, &jb->mu);
        if (jb->next_take >= jb->nfiles) {
            pthread_mutex_unlock(&jb->mu);
            if (jb->pass == 2 && jb->names)
                finish(wk);
            return NULL;
        }
        size_t i = jb->next_take++;
        pthread_mutex_unlock(&jb->mu);
        result res = {0};
        if (jb->pass == 1)
            read_only(wk, i, &res);
        else
            process(wk, i, &res);
        res.ready = 1;
        pthread_mutex_lock(&jb->mu);
        jb->slots[i % jb->window] = res;
        if (jb->wake_at != NO_WAKE && ready_through(jb, jb->next_emit, jb->wake_at))
            pthread_cond_broadcast(&jb->ready_cv);
        pthread_mutex_unlock(&jb->mu);
    }
}

/* Starts n threads running fn; returns how many started. */
static long start_threads(worker *w, long n, void *(*fn)(void *))
{
    long k = 0;
    for (; k < n; k++)
        if (pthread_create(&w[k].tid, NULL, fn, &w[k]) != 0)
            break;
    return k;
}

static void join_threads(worker *w, long n)
{
    for (long k = 0; k < n; k++)
        pthread_join(w[k].tid, NULL);
}

/* Waits for file i's result and takes it out of the window. */
static result take_result(job *jb, size_t i)
{
    pthread_mutex_lock(&jb->mu);
    if (!jb->slots[i % jb->window].ready) {
        /* the workers may run TAKE_BATCH files ahead: the window holds them */
        size_t last = i + TAKE_BATCH - 1 < jb->nfiles ? i + TAKE_BATCH - 1 : jb->nfiles - 1;
        jb->wake_at = last;
        while (!ready_through(jb, i, last))
            pthread_cond_wait(&jb->ready_cv, &jb->mu);
        jb->wake_at = NO_WAKE;
    }
    result res = jb->slots[i % jb->window];
    memset(&jb->slots[i % jb->window], 0, sizeof res);
    jb->next_emit = i + 1;
    pthread_cond_broadcast(&jb->room_cv);
    pthread_mutex_unlock(&jb->mu);
    return res;
}

static void start_pass(job *jb, int pass)
{
    jb->pass = pass;
    jb->next_take = 0;
    jb->next_emit = 0;
    jb->wake_at = NO_WAKE;
}

/* The progress bar, on stderr when it is a terminal. */
typedef struct progress {
    int on;
    const char *what;
    size_t done, total;
    struct timespec last;
} progress;

static void progress_clear(progress *pg)
{
    if (pg->on)
        fputs("\r\033[K", stderr);
}

static void progress_draw(progress *pg, int force)
{
    if (!pg->on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - pg->last.tv_sec) + (now.tv_nsec - pg->last.tv_nsec) / 1e9;
    if (!force && dt < 0.1)
        return;
    pg->last = now;
    int width = 30, fill = pg->total ? (int)(width * pg->done / pg->total) : width;
    fprintf(stderr, "\r\033[K[%.*s%*s] %zu/%zu files %s", fill,
            "##############################", width - fill, "", pg->done, pg->total, pg->what);
    fflush(stderr);
}

static int parse_jobs(const char *v, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || end == v || n < 1 || n > MAX_JOBS)
        return -1;
    *out = n;
    return 0;
}

/* The alias table for the page and the terminal: the entities of the
 * names module, each with its variants in the tsv table's order. */
typedef struct aliases {
    wa_report_entity *ents;
    wa_report_variant *vars;
    size_t nents, nvars;
} aliases;

static void aliases_free(aliases *a)
{
    free(a->ents);
    free(a->vars);
    memset(a, 0, sizeof *a);
}

static int aliases_read(aliases *a, const wa_names *nm)
{
    size_t nent = wa_names_entity_count(nm), rows = 0;
    for (size_t e = 0; e < nent; e++)
        rows += wa_names_variant_count(nm, e + 1);
    a->ents = calloc(nent + 1, sizeof *a->ents);
    a->vars = calloc(rows + 1, sizeof *a->vars);
    if (!a->ents || !a->vars)
        return -1;
    for (size_t e = 0; e < nent; e++) {
        wa_report_entity *ent = &a->ents[e];
        ent->canonical = wa_names_canonical(nm, e + 1);
        ent->variants = &a->vars[a->nvars];
        size_t nv = wa_names_variant_count(nm, e + 1);
        for (size_t k = 0; k < nv; k++) {
            wa_report_variant *v = &a->vars[a->nvars++];
            unsigned long long count = 0;
            v->form = wa_names_variant(nm, e + 1, k, &count, &v->docs);
            v->count = (size_t)count;
        }
        ent->n_variants = nv;
    }
    a->nents = nent;
    return 0;
}

static size_t entity_of(void *ctx, const char *doc, const char *form, size_t n)
{
    return wa_names_entity_of(ctx, doc, form, n);
}

/* --only: a comma-separated list of finding categories. */
static int parse_only(const char *list, unsigned *cats)
{
    *cats = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char tok[64];
        snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok ? n : sizeof tok - 1), p);
        int c = wa_check_category_parse(tok);
        if (c < 0) {
            cli_error("report: unknown category '%s' (loanword, boilerplate, spelling, glued, "
                      "repeat, variant)", tok);
            return -1;
        }
        *cats |= 1u << c;
        p += n + (p[n] == ',');
    }
    if (!*cats) {
        cli_error("report: --only needs at least one category");
        return -1;
    }
    return 0;
}

/* --aliases-out: the format from the file's extension. */
static int aliases_format(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && strchr(dot, '/'))
        dot = NULL;
    if (dot && strcmp(dot, ".tsv") == 0)
        return WA_NAMES_TSV;
    if (dot && strcmp(dot, ".json") == 0)
        return WA_NAMES_JSON;
    if (dot && strcmp(dot, ".txt") == 0)
        return WA_NAMES_SOLR;
    return -1;
}

/* Writes a whole buffer to path atomically; returns 0 or -1 (reported). */
static int write_atomic(const char *path, const char *s, size_t n)
{
    cli_out o;
    if (cli_out_open(&o, path) != 0)
        return -1;
    if (fwrite(s, 1, n, o.f) != n) {
        cli_error("%s: cannot write: %s (the previous file, if any, is left as it was)", path,
                  strerror(errno));
        cli_out_abort(&o);
        return -1;
    }
    return cli_out_commit(&o);
}

int cmd_report(int argc, char **argv)
{
    const char *html_path = NULL, *thes = NULL, *aliases_path = NULL, *prefer = NULL;
    cli_alias_opts ao = {0};
    int aliases_fmt = -1;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    double limit_mb = HTML_LIMIT_MB;
    job jb;
    memset(&jb, 0, sizeof jb);
    const char *lang = "fr";
    size_t nfiles = 0;
    char **files = argv + 1;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        int rc = cli_name_command_option(argc, argv, &i, &ao);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if ((v = cli_opt_value(argc, argv, &i, "--aliases-out", &missing))) {
            if ((aliases_fmt = aliases_format(v)) < 0) {
                cli_error("report: %s: --aliases-out needs a name ending in .tsv, .json or "
                          ".txt (Solr synonyms)", v);
                return EXIT_ERROR;
            }
            aliases_path = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--prefer", &missing))) {
            if (strcmp(v, "en") != 0 && strcmp(v, "fr") != 0) {
                cli_error("report: --prefer takes en or fr, not '%s'", v);
                return EXIT_ERROR;
            }
            prefer = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--output", &missing)) ||
            (v = cli_opt_value(argc, argv, &i, "-o", &missing))) {
            if (!*v || strcmp(v, "-") == 0) {
                cli_error("report: -o needs a file name");
                return EXIT_ERROR;
            }
            html_path = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--jobs", &missing))) {
            if (parse_jobs(v, &jobs)) {
                cli_error("report: --jobs needs a number from 1 to %d, not '%s'", MAX_JOBS, v);
                return EXIT_ERROR;
            }
        } else if ((v = cli_opt_value(argc, argv, &i, "--html-limit", &missing))) {
            char *end;
            limit_mb = strtod(v, &end);
            if (*end || end == v || !(limit_mb >= 0)) {
                cli_error("report: --html-limit needs a size in megabytes, not '%s'", v);
                return EXIT_ERROR;
            }
        } else if ((v = cli_opt_value(argc, argv, &i, "--encoding", &missing))) {
            jb.text_opts.encoding = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--lang", &missing))) {
            lang = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--thesaurus", &missing))) {
            thes = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--only", &missing))) {
            if (parse_only(v, &jb.check_opts.categories) != 0)
                return EXIT_ERROR;
        } else {
            int ex = cli_other_arg("report", argv[i], missing, help);
            if (ex >= 0)
                return ex;
            files[nfiles++] = argv[i];
        }
    }
    static char *stdin_only[] = {"-"};
    if (!nfiles) {
        files = stdin_only;
        nfiles = 1;
    }
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > nfiles)
        jobs = (long)nfiles;

    const char *data = cli_data_dir();
    char idx[4096], dat[4096];
    if (!data || cli_find_thesaurus(thes, idx, dat, sizeof idx) != 0)
        return EXIT_ERROR;
    jb.split_opts.lang = lang;
    jb.split_opts.data_dir = data;
    jb.check_opts.lang = lang;
    jb.check_opts.data_dir = data;
    jb.check_opts.dict_dirs = cli_dict_dirs();
    jb.check_opts.thes_idx = idx;
    jb.check_opts.thes_dat = dat;
    jb.check_opts.alias_files = ao.n ? ao.files : NULL;
    jb.check_opts.no_default_aliases = ao.no_default;
    jb.names_opts.data_dir = data;
    jb.names_opts.alias_files = ao.n ? ao.files : NULL;
    jb.names_opts.no_default_aliases = ao.no_default;
    jb.names_opts.prefer = prefer;

    int status = EXIT_OK;
    wa_error err = {0};
    wa_report *rep = NULL;
    wa_names *names = NULL; /* the whole set's names, clustered at the end */
    wa_spell_share *share = NULL;
    aliases al = {0};
    FILE *spool = NULL;
    worker *workers = calloc((size_t)jobs, sizeof *workers);
    handles *hs = calloc((size_t)jobs, sizeof *hs);
    unsigned char *want_html = calloc(nfiles, 1);
    long started = 0;
    jb.window = (size_t)jobs * 2 + TAKE_BATCH;
    jb.slots = calloc(jb.window, sizeof *jb.slots);
    if (!want_html || !workers || !hs || !jb.slots) {
        cli_error("report: out of memory");
        status = EXIT_ERROR;
        goto cleanup;
    }
    pthread_mutex_init(&jb.mu, NULL);
    pthread_mutex_init(&jb.names_mu, NULL);
    pthread_mutex_init(&jb.open_mu, NULL);
    pthread_cond_init(&jb.ready_cv, NULL);
    pthread_cond_init(&jb.room_cv, NULL);
    jb.files = files;
    jb.nfiles = nfiles;
    jb.want_html = want_html;
    for (long k = 0; k < jobs; k++) {
        workers[k].jb = &jb;
        workers[k].h = &hs[k];
    }

    /* The threads' spellers share verdicts, close words and form filters:
     * each thread would otherwise look up the whole vocabulary again. */
    if (wa_spell_share_new(&share, &err) != 0) {
        cli_error("report: %s", err.message);
        status = EXIT_ERROR;
        goto cleanup;
    }
    jb.check_opts.spell_share = share;

    /* Pass 1, when there are several files (standard input cannot be read
     * twice): every checker sees every text, so that lines repeated across
     * the documents count as boilerplate whichever thread checks them. */
    int two_passes = nfiles > 1;
    for (size_t i = 0; i < nfiles && two_passes; i++)
        if (strcmp(files[i], "-") == 0)
            two_passes = 0;

    /* One set of handles per thread.  The first thread's are opened here
     * (its checker learns the set in pass 1); with two passes the others
     * open theirs in their threads while pass 1 reads. */
    for (long k = 0; k < jobs; k++)
        workers[k].open_late = two_passes && k > 0;
    open_turn(&workers[0]);
    for (long k = 1; k < jobs && !two_passes; k++)
        open_turn(&workers[k]);
    for (long k = 0; k < jobs; k++)
        if (!workers[k].open_late && hs[k].rc != 0) {
            cli_error("%s", hs[k].err.message[0] ? hs[k].err.message : wa_strerror(hs[k].rc));
            status = EXIT_ERROR;
            goto cleanup;
        }
    if (jobs > 1 && wa_names_open(&names, &jb.names_opts, &err) != 0) {
        cli_error("%s", err.message);
        status = EXIT_ERROR;
        goto cleanup;
    }

    /* Which files the page shows in full: a prefix of the list, by size. */
    if (html_path) {
        double limit = limit_mb * 1024 * 1024, total = 0;
        for (size_t i = 0; i < nfiles; i++) {
            struct stat st;
            if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0)
                total += (double)st.st_size;
            if (limit_mb > 0 && total > limit)
                break;
            want_html[i] = 1;
        }
        spool = cli_spool_open(html_path);
        if (!spool) {
            cli_error("%s: cannot create a scratch file: %s", html_path, strerror(errno));
            status = EXIT_ERROR;
            goto cleanup;
        }
    }
    wa_report_opts ro = {0};
    ro.spool = spool;
    ro.lang = lang;
    ro.sections = WA_REPORT_SENTENCES | WA_REPORT_FINDINGS | WA_REPORT_NAMES;
    if (wa_report_open(&rep, &ro, &err) != 0) {
        cli_error("%s", err.message);
        status = EXIT_ERROR;
        goto cleanup;
    }

    progress pg = {isatty(STDERR_FILENO), "", 0, nfiles, {0, 0}};
    if (two_passes) {
        start_pass(&jb, 1);
        pg.what = "read (pass 1 of 2)";
        started = start_threads(workers, jobs, work);
        if (started == 0) {
            cli_error("report: cannot start a thread");
            status = EXIT_ERROR;
            goto cleanup;
        }
        for (size_t i = 0; i < nfiles; i++) {
            result res = take_result(&jb, i);
            if (res.text) {
                size_t len;
                const char *s = wa_text_data(res.text, &len);
                if (wa_check_learn(hs[0].ck, s, len) != 0) {
                    cli_error("report: out of memory");
                    status = EXIT_ERROR;
                }
                wa_text_free(res.text);
            }
            pg.done = i + 1;
            progress_draw(&pg, i + 1 == nfiles);
        }
        join_threads(workers, started);
        started = 0;
        progress_clear(&pg);
        for (long k = 1; k < jobs; k++) {
            if (workers[k].open_late) /* its thread did not start */
                open_turn(&workers[k]);
            if (hs[k].rc != 0) {
                cli_error("%s", hs[k].err.message[0] ? hs[k].err.message : wa_strerror(hs[k].rc));
                status = EXIT_ERROR;
                goto cleanup;
            }
        }
        /* The other threads' checkers get what the first one learned. */
        for (long k = 1; k < jobs; k++)
            if (wa_check_learn_from(hs[k].ck, hs[0].ck) != 0) {
                cli_error("report: out of memory");
                status = EXIT_ERROR;
            }
    }

    jb.names = jobs > 1 ? names : NULL;
    start_pass(&jb, 2);
    pg.what = two_passes ? "checked (pass 2 of 2)" : "checked";
    pg.done = 0;
    started = start_threads(workers, jobs, work);
    if (started == 0) {
        cli_error("report: cannot start a thread");
        status = EXIT_ERROR;
        goto cleanup;
    }
    int stdout_failed = 0, html_failed = 0;
    for (size_t i = 0; i < nfiles; i++) {
        result res = take_result(&jb, i);
        progress_clear(&pg);
        if (res.warnings) {
            fputs(res.warnings, stderr);
            free(res.warnings);
        }
        if (res.error || !res.part) {
            const char *msg = res.error ? res.error : "out of memory";
            if (res.error)
                cli_error("%s", msg);
            else
                cli_error("%s: %s", cli_input_name(files[i]), msg);
            wa_report_add_failed(rep, cli_input_name(files[i]), msg, NULL);
            free(res.error);
            wa_report_part_free(res.part);
            status = EXIT_ERROR;
        } else if (wa_report_add(rep, res.part, stdout_failed ? NULL : stdout, &err) != 0) {
            if (ferror(stdout)) {
                cli_error("write error on standard output");
                stdout_failed = 1;
            } else {
                cli_error("%s: %s (the previous file, if any, is left as it was)",
                          html_path ? html_path : "report", err.message);
                html_failed = 1;
            }
            status = EXIT_ERROR;
        }
        fflush(stdout);
        pg.done = i + 1;
        progress_draw(&pg, i + 1 == nfiles);
    }
    progress_clear(&pg);
    join_threads(workers, started);
    started = 0;

    /* Each thread merged its counts into the set's as it finished (see
     * finish()).  With one thread, its table is the set's. */
    if (jobs == 1) {
        names = hs[0].nm;
        hs[0].nm = NULL;
    }
    for (long k = 0; k < jobs && jobs > 1; k++)
        if (hs[k].rc != 0) {
            cli_error("report: names: %s", hs[k].err.message);
            status = EXIT_ERROR;
            goto cleanup;
        }
    if (wa_names_cluster(names, &err) != 0 || aliases_read(&al, names) != 0 ||
        wa_report_set_aliases(rep, al.ents, al.nents, entity_of, names, &err) != 0) {
        cli_error("report: names: %s", err.message[0] ? err.message : "out of memory");
        status = EXIT_ERROR;
        goto cleanup;
    }
    if (wa_report_write_text(rep, stdout, &err) != 0 || fflush(stdout) != 0) {
        cli_error("write error on standard output");
        status = EXIT_ERROR;
    }
    if (html_path && !html_failed) {
        cli_out o;
        if (cli_out_open(&o, html_path) != 0) {
            status = EXIT_ERROR;
        } else if (wa_report_write_html(rep, o.f, &err) != 0) {
            cli_error("%s: %s", html_path, err.message);
            cli_out_abort(&o);
            status = EXIT_ERROR;
        } else if (cli_out_commit(&o) != 0) {
            status = EXIT_ERROR;
        }
    }
    if (aliases_path) {
        char *table = NULL;
        size_t tlen = 0;
        if (wa_names_write(names, aliases_fmt, &table, &tlen, &err) != 0) {
            cli_error("%s: %s", aliases_path, err.message);
            status = EXIT_ERROR;
        } else if (write_atomic(aliases_path, table, tlen) != 0) {
            status = EXIT_ERROR;
        }
        wa_free(table);
    }
cleanup:
    join_threads(workers, started);
    if (jb.slots)
        for (size_t k = 0; k < jb.window; k++) {
            free(jb.slots[k].error);
            free(jb.slots[k].warnings);
            wa_report_part_free(jb.slots[k].part);
            wa_text_free(jb.slots[k].text);
        }
    if (hs)
        for (long k = 0; k < jobs; k++)
            close_handles(&hs[k]);
    free(hs);
    wa_spell_share_free(share);
    free(jb.slots);
    free(workers);
    free(want_html);
    wa_report_free(rep);
    aliases_free(&al);
    wa_names_free(names);
    if (spool)
        fclose(spool);
    return status;
}
