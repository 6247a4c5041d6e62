/* wirealign names: the alias table of the name mentions in wires, or the
 * merge of alias tables made on shards of a corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void help(FILE *out)
{
    fprintf(out,
            "usage: wirealign names [--format tsv|json|solr|solr-equiv] [--prefer en|fr]\n"
            "                       [--aliases FILE] [--lang LANG] [--no-spell] FILE...\n"
            "       wirealign names --merge [--format ...] [--prefer en|fr] TABLE...\n\n"
            "Finds the names of people and places in the wires, clusters their spellings\n"
            "into entities (Pachinian, Pashinyan, Nikol Pashinyan) and prints the alias\n"
            "table.  --merge reads tsv tables made by this command on shards of a corpus\n"
            "and prints the table one run over the whole corpus gives.\n\n"
            "  --format tsv         one variant per row: entity, canonical, variant, key,\n"
            "                       count, documents (DOC=COUNT;...) - the default; the\n"
            "                       only format --merge reads\n"
            "  --format json        one object per entity with its variants\n"
            "  --format solr        Solr/Elasticsearch synonyms: 'a, b => canonical'\n"
            "  --format solr-equiv  Solr/Elasticsearch synonyms: 'canonical, a, b'\n"
            "  --prefer en|fr       on a tie, the canonical form is this language's form\n"
            "  --aliases FILE       read more aliases (format of dictionaries/aliases.tsv)\n"
            "  --no-default-aliases do not read dictionaries/aliases.tsv\n"
            "  --lang LANG          language of the wires (sentence splitting and the\n"
            "                       dictionary that tells common words from names): fr\n"
            "  --no-spell           tell common words by dictionaries/names/common-words.txt\n"
            "                       instead of the Hunspell dictionary\n"
            "  --merge              the FILEs are tsv alias tables to merge\n"
            "  --help               this help\n");
}

static int parse_format(const char *v)
{
    if (!strcmp(v, "tsv"))
        return WA_NAMES_TSV;
    if (!strcmp(v, "json"))
        return WA_NAMES_JSON;
    if (!strcmp(v, "solr"))
        return WA_NAMES_SOLR;
    if (!strcmp(v, "solr-equiv"))
        return WA_NAMES_SOLR_EQUIV;
    return -1;
}

int cmd_names(int argc, char **argv)
{
    cli_alias_opts ao = {0};
    int format = WA_NAMES_TSV, merge = 0, no_spell = 0, nfiles = 0;
    const char *prefer = NULL, *lang = "fr";
    char **files = argv + 1;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        int rc = cli_name_command_option(argc, argv, &i, &ao);
        if (rc < 0)
            return EXIT_ERROR;
        if (rc > 0)
            continue;
        if ((v = cli_opt_value(argc, argv, &i, "--format", &missing))) {
            if ((format = parse_format(v)) < 0) {
                cli_error("names: unknown format '%s' (tsv, json, solr, solr-equiv)", v);
                return EXIT_ERROR;
            }
        } else if ((v = cli_opt_value(argc, argv, &i, "--prefer", &missing))) {
            if (strcmp(v, "en") && strcmp(v, "fr")) {
                cli_error("names: --prefer takes en or fr, not '%s'", v);
                return EXIT_ERROR;
            }
            prefer = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--lang", &missing))) {
            lang = v;
        } else if (!missing && !strcmp(argv[i], "--merge")) {
            merge = 1;
        } else if (!missing && !strcmp(argv[i], "--no-spell")) {
            no_spell = 1;
        } else {
            int ex = cli_other_arg("names", argv[i], missing, help);
            if (ex >= 0)
                return ex;
            files[nfiles++] = argv[i];
        }
    }
    const char *data = cli_data_dir();
    if (!data)
        return EXIT_ERROR;
    wa_error err = {0};
    wa_speller *sp = NULL;
    wa_splitter *split = NULL;
    if (!merge) {
        if (!no_spell) {
            wa_speller_opts so = {0};
            so.lang = lang;
            so.dict_dirs = cli_dict_dirs();
            if (wa_speller_open(&sp, &so, &err) != 0) {
                cli_warn("%s; telling common words by names/common-words.txt", err.message);
                sp = NULL;
            }
        }
        wa_split_opts po = {0};
        po.lang = lang;
        po.data_dir = data;
        if (wa_splitter_open(&split, &po, &err) != 0) {
            cli_error("%s", err.message);
            wa_speller_free(sp);
            return EXIT_ERROR;
        }
    }
    wa_names_opts no = {0};
    no.data_dir = data;
    no.alias_files = ao.n ? ao.files : NULL;
    no.no_default_aliases = ao.no_default;
    no.prefer = prefer;
    if (sp) {
        no.is_common_word = wa_spell_common_word;
        no.common_ctx = sp;
    }
    wa_names *nm = NULL;
    if (wa_names_open(&nm, &no, &err) != 0) {
        cli_error("%s", err.message);
        wa_speller_free(sp);
        wa_splitter_free(split);
        return EXIT_ERROR;
    }
    int status = EXIT_OK;
    for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
        const char *path = nfiles ? files[k] : NULL;
        const char *name = cli_input_name(path);
        wa_text *t = cli_read_text(path, NULL);
        if (!t) {
            status = EXIT_ERROR;
            continue;
        }
        size_t len;
        const char *s = wa_text_data(t, &len);
        int rc;
        if (merge) {
            rc = wa_names_add_table(nm, s, len, name, &err);
        } else {
            wa_span *sent = NULL;
            size_t nsent = 0;
            rc = wa_split(split, s, len, &sent, &nsent, &err);
            if (rc == 0)
                rc = wa_names_add_text(nm, name, s, len, sent, nsent, &err);
            wa_free(sent);
        }
        if (rc) {
            cli_error("%s", err.message);
            status = EXIT_ERROR;
            if (rc != WA_EDATA) {
                wa_text_free(t);
                break;
            }
        }
        wa_text_free(t);
    }
    char *out = NULL;
    size_t outlen = 0;
    if (wa_names_cluster(nm, &err) != 0 || wa_names_write(nm, format, &out, &outlen, &err) != 0) {
        cli_error("%s", err.message);
        status = EXIT_ERROR;
    } else {
        fwrite(out, 1, outlen, stdout);
    }
    wa_free(out);
    wa_names_free(nm);
    wa_speller_free(sp);
    wa_splitter_free(split);
    if (fflush(stdout) != 0) {
        cli_error("write error on standard output");
        return EXIT_ERROR;
    }
    return status;
}
