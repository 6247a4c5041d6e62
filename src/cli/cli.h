/* Shared pieces of the command-line front end: the command table, data-path
 * search, reading inputs, diagnostics.  The CLI uses only the public API. */
#ifndef WA_CLI_H
#define WA_CLI_H

#include <stdio.h>
#include "wirealign.h"

/* Exit codes: 0 ok, 1 findings (check), 2 usage or runtime error. */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

typedef int (*cli_command_fn)(int argc, char **argv);

/* Global settings given before the command (or through the environment). */
typedef struct cli_globals {
    const char *data_dir_flag; /* --data-dir */
    const char *dict_flag;     /* --dict */
    const char *argv0;
} cli_globals;

extern cli_globals cli_g;

/* Prints "wirealign: <msg>" to stderr, one line. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Prints "wirealign: warning: <msg>" to stderr. */
void cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The wirealign data directory (dictionaries/): flag, WIREALIGN_DATA, the
 * compiled-in install path, then paths relative to the executable.  Returns
 * the first that holds the marker file, or NULL after printing an error that
 * lists every place tried. Static storage. */
const char *cli_data_dir(void);

/* Directories to search for Hunspell dictionaries, in order: --dict,
 * DICPATH (colon-separated), <data>/hunspell, the system folders.
 * NULL-terminated, static storage. */
const char *const *cli_dict_dirs(void);

/* The English thesaurus: BASE.idx/.dat when base is given, otherwise
 * th_en_US_v2 in <data>/mythes, /usr/share/mythes, /usr/local/share/mythes.
 * Fills idx and dat (sz bytes each); returns 0, or -1 after printing an
 * error that lists the places tried. */
int cli_find_thesaurus(const char *base, char *idx, char *dat, size_t sz);

/* Prints the search order and what was chosen (wirealign --show-paths). */
void cli_show_paths(FILE *out);

/* Reads and decodes one input (NULL or "-" is stdin), printing a one-line
 * error naming the file on failure and forwarding content warnings to
 * stderr prefixed with the file name.  Returns NULL on failure. */
wa_text *cli_read_text(const char *path, const wa_text_opts *opts);

/* Display name of an input path ("-" and NULL are "<stdin>"). */
const char *cli_input_name(const char *path);

/* Handles options every command takes (--data-dir DIR, --dict DIR) at
 * argv[*i]; returns 1 when consumed (advancing *i), 0 when not, -1 on a
 * missing argument (after printing an error). */
int cli_common_option(int argc, char **argv, int *i);

/* The end of a command's option loop, for an argument none of the
 * command's options took: an option left without its value (`missing`),
 * --help (printed with `help`), an unknown option (errors as "CMD: ...").
 * Returns the exit status to leave the command with, or -1 when arg is no
 * option but an input. */
int cli_other_arg(const char *cmd, const char *arg, int missing, void (*help)(FILE *));

/* Parses "--name VALUE" or "--name=VALUE" at argv[*i]; returns the value
 * (advancing *i past it) or NULL when argv[*i] is not that option.  Sets
 * *missing when the option is present without a value. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name,
                          int *missing);

/* An output file written atomically: a temporary file in the same folder,
 * renamed over `path` by cli_out_commit(); cli_out_abort() or a fatal signal
 * removes it, so a failed run leaves any previous file as it was. */
typedef struct cli_out {
    const char *path;
    char *tmp;
    FILE *f; /* write here */
} cli_out;

/* Each prints a one-line error naming the file and returns -1 on failure. */
int cli_out_open(cli_out *o, const char *path);
int cli_out_commit(cli_out *o);
void cli_out_abort(cli_out *o);

/* A scratch file for reading and writing, already unlinked, in the folder
 * of `near` (a path) when possible, else from tmpfile(); NULL on failure. */
FILE *cli_spool_open(const char *near);

/* --aliases FILE (repeatable) and --no-default-aliases, for the name
 * commands (translit_opts.c). */
typedef struct cli_alias_opts {
    const char *files[64];
    size_t n;
    int no_default;
} cli_alias_opts;
/* Consumes one of those options at argv[*i]: 1 consumed, 0 not, -1 error
 * (printed). */
int cli_alias_option(int argc, char **argv, int *i, cli_alias_opts *o);
/* The options of a command that reads names: cli_common_option(), then
 * cli_alias_option(); same return values. */
int cli_name_command_option(int argc, char **argv, int *i, cli_alias_opts *o);
/* Opens a translit handle on the data directory with those options;
 * prints the error and returns NULL on failure. */
wa_translit *cli_open_translit(const cli_alias_opts *o);

/* Expands every "--files-from LIST" (or --files-from=LIST) among a
 * command's arguments (argv[0] is the command name) into the file names
 * LIST holds, appended after the other arguments, so that any number of
 * files can be given without hitting the system's argument-size limit.
 * LIST is a file ('-' is stdin) with one name per line (a trailing CR is
 * dropped), or NUL-separated names when it holds a NUL (find -print0);
 * empty entries are skipped; a name starting with '-' is taken as a file
 * ("./-x").  On success *argc and *argv are replaced by a new vector.
 * Returns 0 (nothing to expand leaves them alone), 1 when the lists name
 * no file (after a warning: the command has nothing to do), -1 after
 * printing an error.  Call cli_files_from_free() when the command is done. */
int cli_expand_files_from(int *argc, char ***argv);

/* Frees what cli_expand_files_from() allocated. */
void cli_files_from_free(void);

/* Commands, one file each in src/cli/. */
int cmd_text(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_names(int argc, char **argv);

#endif
