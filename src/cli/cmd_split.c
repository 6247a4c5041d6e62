/* wirealign split: print the sentences of wires, as text or JSON lines. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "util/util.h"

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign split [--lang LANG] [--format text|jsonl] [--encoding NAME] [FILE...]\n\n"
            "Splits each wire into sentences (ICU's sentence rules plus wirealign's rules\n"
            "for wire text: abbreviations, initials, numbers, quotes, datelines, headlines,\n"
            "hard-wrapped lines).\n\n"
            "  --lang LANG      language of the text: fr (default), en, or any language code\n"
            "                   ICU knows (without a list in dictionaries/abbrev/ it gets\n"
            "                   the common list, with a warning)\n"
            "  --format text    one sentence per line, a line break inside a sentence\n"
            "                   printed as a space (default)\n"
            "  --format jsonl   one JSON object per sentence: file, n (from 1), start and\n"
            "                   end (byte offsets into the normalized text), text\n"
            "  --encoding NAME  read the input in this encoding\n"
            "  --help           this help\n");
}

typedef struct out_ctx {
    const char *s;
    const char *name;
    int jsonl;
    size_t n;
    wa_buf buf;
} out_ctx;

static int print_span(void *p, wa_span sp)
{
    out_ctx *o = p;
    wa_buf *b = &o->buf;
    o->n++;
    b->len = 0;
    if (o->jsonl) {
        wa_buf_adds(b, "{\"file\":\"");
        wa_buf_add_json(b, o->name, strlen(o->name));
        wa_buf_printf(b, "\",\"n\":%zu,\"start\":%zu,\"end\":%zu,\"text\":\"", o->n, sp.start,
                      sp.end);
        wa_buf_add_json(b, o->s + sp.start, sp.end - sp.start);
        wa_buf_adds(b, "\"}\n");
    } else {
        size_t a = sp.start;
        for (size_t i = sp.start; i < sp.end; i++) {
            if (o->s[i] == '\n') {
                wa_buf_add(b, o->s + a, i - a);
                wa_buf_addc(b, ' ');
                a = i + 1;
            }
        }
        wa_buf_add(b, o->s + a, sp.end - a);
        wa_buf_addc(b, '\n');
    }
    if (b->failed)
        return WA_ENOMEM;
    fwrite(b->data, 1, b->len, stdout);
    return 0;
}

static void warn_cb(void *ctx, const char *msg)
{
    (void)ctx;
    cli_warn("%s", msg);
}

int cmd_split(int argc, char **argv)
{
    wa_text_opts topts = {0};
    const char *lang = "fr", *format = "text";
    int nfiles = 0;
    char **files = argv + 1;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        int rc = cli_common_option(argc, argv, &i);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if ((v = cli_opt_value(argc, argv, &i, "--lang", &missing))) {
            lang = v;
        } else if (!missing && (v = cli_opt_value(argc, argv, &i, "--format", &missing))) {
            format = v;
        } else if (!missing && (v = cli_opt_value(argc, argv, &i, "--encoding", &missing))) {
            topts.encoding = v;
        } else {
            int ex = cli_other_arg("split", argv[i], missing, help);
            if (ex >= 0)
                return ex;
            files[nfiles++] = argv[i];
        }
    }
    int jsonl;
    if (strcmp(format, "text") == 0)
        jsonl = 0;
    else if (strcmp(format, "jsonl") == 0)
        jsonl = 1;
    else {
        cli_error("split: unknown format '%s' (text or jsonl)", format);
        return EXIT_ERROR;
    }
    const char *data = cli_data_dir();
    if (!data)
        return EXIT_ERROR;
    wa_split_opts sopts = {lang, data, warn_cb, NULL};
    wa_splitter *sp = NULL;
    wa_error err = {0};
    if (wa_splitter_open(&sp, &sopts, &err) != 0) {
        cli_error("split: %s", err.message);
        return EXIT_ERROR;
    }
    out_ctx o;
    memset(&o, 0, sizeof o);
    wa_buf_init(&o.buf);
    o.jsonl = jsonl;
    int status = EXIT_OK;
    for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        const char *path = nfiles ? files[k] : NULL;
        wa_text *t = cli_read_text(path, &topts);
        if (!t) {
            status = EXIT_ERROR;
            continue;
        }
        size_t len;
        o.s = wa_text_data(t, &len);
        o.name = cli_input_name(path);
        o.n = 0;
        if (wa_split_each(sp, o.s, len, print_span, &o, &err) != 0) {
            cli_error("%s: %s", o.name, err.message[0] ? err.message : "out of memory");
            status = EXIT_ERROR;
        }
        wa_text_free(t);
    }
    wa_buf_free(&o.buf);
    wa_splitter_free(sp);
    if (fflush(stdout) != 0) {
        cli_error("write error on standard output");
        return EXIT_ERROR;
    }
    return status;
}
