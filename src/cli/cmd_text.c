/* wirealign text: print the normalized text, or what was found (--info). */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign text [--encoding NAME] [--no-repair] [--info] [FILE...]\n\n"
            "Prints each wire as normalized UTF-8: NFC, LF line ends, mojibake repaired,\n"
            "invalid bytes and NUL as U+FFFD.\n\n"
            "  --encoding NAME  read the input in this encoding (any name iconv knows)\n"
            "  --no-repair      do not repair mojibake\n"
            "  --info           print, per file, the encoding, how it was chosen, the\n"
            "                   confidence, the repairs and the replaced bytes, not the text\n"
            "  --help           this help\n");
}

/* One summary line of key=value fields, then one line per repair. */
static void print_info(const char *name, const wa_text *t)
{
    size_t nrep, len;
    wa_text_stats st;
    const wa_repair *rep = wa_text_repairs(t, &nrep);
    wa_text_data(t, &len);
    wa_text_get_stats(t, &st);
    printf("%s\tencoding=%s\tsource=%s\tconfidence=%d\tbytes_in=%zu\tbytes_out=%zu"
           "\tlines=%zu\tinvalid=%zu\tinvalid_bytes=%zu\tnul=%zu\tcrlf=%zu\tcr=%zu"
           "\tnfc=%zu\trepairs=%zu\n",
           name, wa_text_encoding(t), wa_text_encoding_source(t), wa_text_confidence(t),
           st.input_bytes, len, st.lines, st.invalid, st.invalid_bytes, st.nul, st.crlf, st.cr,
           st.nfc_changes, nrep);
    for (size_t i = 0; i < nrep; i++) {
        size_t line, col, olen;
        const char *orig = wa_text_repair_original(t, i, &olen);
        wa_text_line_col(t, rep[i].span.start, &line, &col);
        printf("%s:%zu:%zu: repaired \"%.*s\" -> \"%.*s\" (%d layer%s, input bytes %zu-%zu)\n",
               name, line, col, (int)olen, orig, (int)(rep[i].span.end - rep[i].span.start),
               wa_text_data(t, NULL) + rep[i].span.start, rep[i].layers,
               rep[i].layers > 1 ? "s" : "", rep[i].source.start, rep[i].source.end);
    }
}

int cmd_text(int argc, char **argv)
{
    wa_text_opts opts = {0};
    int info = 0, nfiles = 0;
    char **files = argv + 1;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        int rc = cli_common_option(argc, argv, &i);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if ((v = cli_opt_value(argc, argv, &i, "--encoding", &missing))) {
            opts.encoding = v;
        } else if (!missing && strcmp(argv[i], "--info") == 0) {
            info = 1;
        } else if (!missing && strcmp(argv[i], "--no-repair") == 0) {
            opts.no_repair = 1;
        } else {
            int ex = cli_other_arg("text", argv[i], missing, help);
            if (ex >= 0)
                return ex;
            files[nfiles++] = argv[i];
        }
    }
    int status = EXIT_OK;
    for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        const char *path = nfiles ? files[k] : NULL;
        wa_text *t = cli_read_text(path, &opts);
        if (!t) {
            status = EXIT_ERROR;
            continue;
        }
        size_t len;
        const char *s = wa_text_data(t, &len);
        if (info)
            print_info(cli_input_name(path), t);
        else
            fwrite(s, 1, len, stdout);
        wa_text_free(t);
    }
    if (fflush(stdout) != 0) {
        cli_error("write error on standard output");
        return EXIT_ERROR;
    }
    return status;
}
