/* wirealign: the command-line entry point and its table of commands. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

typedef struct command {
    const char *name;
    cli_command_fn fn;
    const char *summary;
} command;

static const command commands[] = {
    {"report", cmd_report, "the whole job: every stage over a set of wires, as an HTML page"},
    {"text", cmd_text, "print the normalized text of wires (encoding, mojibake, NFC)"},
    {"split", cmd_split, "split wires into sentences (text or JSON lines)"},
    {"check", cmd_check, "proofread wires: garbled English, boilerplate, spelling, repeats"},
    {"key", cmd_key, "print the transliteration key of names"},
    {"match", cmd_match, "score pairs of names: same person or place, or not"},
    {"names", cmd_names, "alias table of the names in wires (tsv, json, Solr), or merge tables"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wirealign [--data-dir DIR] [--dict DIR] <command> [options] [FILE...]\n"
            "       wirealign --show-paths | --version | --help\n\n"
            "A translation-alignment workbench for news wires.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nFILE '-' or no FILE reads standard input.  '--files-from LIST' after the\n"
            "command adds the FILEs named in LIST (one per line or NUL-separated; '-' is\n"
            "stdin), for more files than a command line holds.  'wirealign COMMAND --help'\n"
            "describes a command.  Exit status: 0 ok, 1 findings (check), 2 error.\n");
}

int main(int argc, char **argv)
{
    cli_g.argv0 = argv[0];
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        int rc = cli_common_option(argc, argv, &i);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("wirealign %s\n", wa_version());
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--show-paths") == 0) {
            cli_show_paths(stdout);
            return EXIT_OK;
        }
        cli_error("unknown option '%s' (see wirealign --help)", argv[i]);
        return EXIT_ERROR;
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_ERROR;
    }
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++) {
        if (strcmp(argv[i], commands[k].name) != 0)
            continue;
        int cargc = argc - i;
        char **cargv = argv + i;
        int rc = cli_expand_files_from(&cargc, &cargv);
        if (rc == 0)
            rc = commands[k].fn(cargc, cargv);
        else
            rc = rc < 0 ? EXIT_ERROR : EXIT_OK;
        cli_files_from_free();
        return rc;
    }
    cli_error("unknown command '%s' (see wirealign --help)", argv[i]);
    return EXIT_ERROR;
}
