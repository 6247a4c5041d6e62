/* Scorer: runs `check` on an annotated case file and prints precision and
 * recall (loanword + boilerplate), recall on spun lines, false alarms on
 * clean lines, suggestion accuracy, then every miss and false alarm.
 * Usage: score_check CASES DATA_DIR (make score-check). */
#include <stdio.h>
#include "../unit/check_eval.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: score_check CASES DATA_DIR\n");
        return 2;
    }
    const char *dirs[] = {"/usr/share/hunspell", "/usr/local/share/hunspell", NULL};
    wa_check_opts o = {.lang = "fr", .data_dir = argv[2], .dict_dirs = dirs,
                       .thes_idx = "/usr/share/mythes/th_en_US_v2.idx",
                       .thes_dat = "/usr/share/mythes/th_en_US_v2.dat"};
    wa_checker *ck = NULL;
    wa_error err = {0};
    if (wa_checker_open(&ck, &o, &err) != 0) {
        fprintf(stderr, "score_check: %s\n", err.message);
        return 2;
    }
    ev_score s;
    if (ev_run(ck, argv[1], &s, stdout) != 0) {
        fprintf(stderr, "score_check: %s: cannot read\n", argv[1]);
        wa_checker_free(ck);
        return 2;
    }
    ev_print(&s, stdout);
    wa_checker_free(ck);
    return 0;
}
