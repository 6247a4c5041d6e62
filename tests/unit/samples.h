/* The five sample wires of samples/, for unit tests that run over real
 * text (paths from the project root, where the tests run). */
#ifndef WA_TEST_SAMPLES_H
#define WA_TEST_SAMPLES_H

static const char *const sample_wires[] = {
    "samples/fr-reuters-ceasefire.txt", "samples/fr-translated-agency-wire.txt",
    "samples/fr-afp-style.txt", "samples/fr-blog-rewrite.txt",
    "samples/fr-spun-machine-translation.txt", NULL};

#endif
