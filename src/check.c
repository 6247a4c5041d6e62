/* The proofreader: loanword, boilerplate, spelling, glued, repeat (and the
 * variant hook) over tokens, Hunspell verdicts, word lists and context. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_boiler.h"
#include "check_internal.h"
#include "check_media.h"
#include "wirealign/spell.h"
#include "wirealign/names.h"
#include "wirealign/split.h"
#include "wirealign/thes.h"
#include "wirealign/token.h"

/* Word information bits (cached per distinct token text): the verdicts,
 * and what the rules ask of the word itself, so that each distinct word
 * pays its look-ups once and each token reads bits. */
enum {
    W_DONE = 1,
    W_FR = 2,      /* French: Hunspell fr, or an accepted anglicism */
    W_EN = 4,      /* English: Hunspell en */
    W_LIST = 8,    /* in a word list (anglicism, name, media word) */
    W_EN_FUNC = 16, /* an English function word that is not French */
    W_STARTS = 32,  /* some key of the proper, media or accepted lists starts with it */
    W_UNGLUED = 64, /* spelling() found no glued split (remember()) */
    W_CLASS_SHIFT = 8 /* the bits above: the word's classes (tok_classes) */
};
_Static_assert(W_CLASS_SHIFT + CK_NCLASSES <= sizeof(unsigned) * CHAR_BIT,
               "the class bits fit in an unsigned");

/* Per-token context bits of the document being checked. */
enum {
    T_SENT = 1,      /* first word of a sentence (the splitter's spans) */
    T_BOILER = 2,    /* inside a boilerplate line */
    T_NAME = 4,      /* part of a known name or phrase */
    T_ENGRUN = 8,    /* part of a run of three English words or more */
    T_ENGQUOTE = 16, /* inside quotation marks holding English */
    T_NEWLINE = 32,  /* a line break lies between this token and the previous */
    T_STOP = 64,     /* sentence punctuation lies before this token */
    T_DONE = 128,    /* already reported */
    T_SENTPUNCT = 256, /* . ! ? or an ellipsis lies before this token */
    T_PROPER = 1u << 12 /* part of a known name of a person, place, medium (not an anglicism) */
};

/* A line of the document being checked: where it ends (its '\n' or the
 * text's end) and its folded text in ck->lines, fold == (size_t)-1 when
 * the line is too long to fold. */
struct fline {
    size_t end, fold, flen;
    int is_short; /* line_is_short() of the fold, -1 when not worked out */
};

struct wa_checker {
    int french;
    const char *lang;  /* "fr" or "en" (static) */
    wa_names *nm;      /* mentions and entities, for `variant`; NULL when not asked */
    ck_vcache *vc;     /* what the variant pre-test knows of capitalized words */
    wa_span *capw;     /* scratch: the capitalized words of the document */
    size_t capcapw;
    unsigned cats;
    wa_speller *fr, *en, *main;
    struct {
        char from[8], to[8];
    } british[32]; /* spelling-variants-en.txt: British to American */
    size_t nbritish;
    wa_thesaurus *th;
    wa_tokenizer *tk;
    wa_splitter *split; /* sentence spans (wa_split) */
    const wa_span *sents; /* the sentences of the document being checked (borrowed) */
    size_t nsents;
    const wa_mention *ments; /* its name mentions when the caller found them (borrowed) */
    size_t nments;
    wa_map *words;     /* token text -> W_* bits */
    wa_map *morph;     /* token text -> its French readings (wa_spell_morph) << 1 | 1 */
    wa_map *accepted;  /* folded anglicism (word or phrase) -> 1 */
    wa_map *proper;    /* folded name of a person, place, medium -> 1 */
    wa_map *media;     /* folded media name without "the" -> index + 1 */
    wa_map *firsts;    /* first words of the keys of proper, media and accepted */
    wa_map *classes;   /* word -> CK_CL_* bits (word-classes.txt) */
    wa_map *homographs;/* folded French-English homographs */
    wa_map *reverse;   /* English word -> index + 1 into rev_lists */
    wa_buf *rev_lists; /* NUL-separated homographs per reverse entry */
    size_t nrev, caprev;
    ck_media *spun;    /* known names for spun-name matching (check_media.c) */
    char **patterns;   /* sorted by first byte: */
    size_t npatterns, cappatterns;
    size_t pat_at[257]; /* patterns starting with byte c: [pat_at[c], pat_at[c + 1]) */
    wa_buf lines;      /* scratch: the folded lines of a document, NUL after each */
    struct fline *fl;  /* scratch: the lines of a document (fold_lines) */
    size_t capfl;
    wa_map *learned;   /* folded short line -> number of documents */
    wa_map *close;     /* unknown word -> its close word (malloc'd), or &close for none */
    ck_boiler *boiler; /* the line classifier (check_boiler.c) */
    wa_map *sugg;      /* gender, determiner, word -> loanword suggestions (malloc'd) */
    wa_buf key, key2;  /* scratch */
    unsigned *ctx;     /* per-token context bits */
    unsigned *tinfo;   /* per-token W_* bits (word_info once per token) */
    size_t capctx;
    int *quote;        /* per-token quote id, 0 outside quotes */
    size_t capquote;
    wa_finding *found;
    size_t nfound, capfound;
};

/* ------------------------------------------------------------------ */
/* Loading */

static int add_folded(wa_checker *ck, wa_map *m, const char *s, size_t n)
{
    ck->key.len = 0;
    ck_fold(s, n, &ck->key);
    if (ck->key.failed)
        return WA_ENOMEM;
    void **v = wa_map_put(m, ck->key.data, ck->key.len, NULL);
    if (!v)
        return WA_ENOMEM;
    *v = (void *)1;
    return 0;
}

static int add_accepted(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    return add_folded(ck, ck->accepted, s, n);
}

static int add_proper(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    return add_folded(ck, ck->proper, s, n);
}

#define BYTE_ONES 0x0101010101010101ull
#define BYTE_HIGHS 0x8080808080808080ull

/* Bit 7 set in each byte of x equal to c (no byte carries into the next). */
static inline uint64_t bytes_eq(uint64_t x, unsigned char c)
{
    uint64_t t = x ^ (BYTE_ONES * c);
    return ~(((t & ~BYTE_HIGHS) + ~BYTE_HIGHS) | t) & BYTE_HIGHS;
}

/* The bytes of a block of eight that make separators (bit 7 of each):
 * spaces, and when wide also tabs and CR (tab, 9, and CR, 13, are the only
 * bytes that are 13 with bit 2 set) and the bytes of the no-break spaces
 * C2 A0 and E2 80 AF. */
typedef struct sep_marks {
    uint64_t sep, c2, e2, a0, b80, af;
} sep_marks;

static inline sep_marks block_marks(uint64_t x, int wide)
{
    if (!wide)
        return (sep_marks){bytes_eq(x, ' '), 0, 0, 0, 0, 0};
    return (sep_marks){bytes_eq(x, ' ') | bytes_eq(x | BYTE_ONES * 4, '\r'), bytes_eq(x, 0xC2),
                       bytes_eq(x, 0xE2), bytes_eq(x, 0xA0), bytes_eq(x, 0x80), bytes_eq(x, 0xAF)};
}

/* Where count_runs() is between two blocks. */
typedef struct run_state {
    size_t words;
    uint64_t in;           /* bit 7: the last byte was in a run */
    uint64_t nbsp2, nbsp3; /* where no-break spaces started in the last block */
} run_state;

/* Counts the runs starting in block c (valid: its bytes inside the text);
 * n, the next block, tells whether a C2 or E2 at its end starts a no-break
 * space.  Whole sequences are matched, and none of their bytes can start
 * one, so this marks what a scan from the start would. */
static inline void count_block(run_state *st, const sep_marks *c, const sep_marks *n, uint64_t valid)
{
    uint64_t s2 = c->c2 & (c->a0 >> 8 | n->a0 << 56);
    uint64_t s3 = c->e2 & (c->b80 >> 8 | n->b80 << 56) & (c->af >> 16 | n->af << 48);
    uint64_t sep = c->sep | s2 | s2 << 8 | st->nbsp2 >> 56 | s3 | s3 << 8 | s3 << 16 |
                   st->nbsp3 >> 56 | st->nbsp3 >> 48;
    uint64_t word = ~sep & valid, starts = word & ~(word << 8 | st->in);
    st->words += (size_t)(((starts >> 7) * BYTE_ONES) >> 56);
    st->in = word >> 56;
    st->nbsp2 = s2;
    st->nbsp3 = s3;
}

/* Runs of bytes between separators (block_marks()) in s, counted up to 7.
 * Eight bytes at a time: a branch per byte missed at about every word's
 * end.  The last bytes (fewer than 16) go through a copy padded with
 * zeros, so that the loop reads a whole next block without a test.
 * Inlined, so that each caller's `wide` is a constant. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t count_runs(const char *s, size_t n, int wide)
{
    const unsigned char *p = (const unsigned char *)s;
    run_state st = {0, 0, 0, 0};
    size_t i = 0;
    sep_marks c = block_marks(n >= 16 ? wa_load_le64(p) : 0, wide), nx;
    for (; i + 16 <= n; i += 8) {
        nx = block_marks(wa_load_le64(p + i + 8), wide);
        count_block(&st, &c, &nx, BYTE_HIGHS);
        if (st.words >= 7)
            return 7;
        c = nx;
    }
    unsigned char tail[24] = {0};
    memcpy(tail, p + i, n - i);
    size_t rest = n - i;
    c = block_marks(wa_load_le64(tail), wide);
    for (size_t j = 0; j < rest; j += 8) {
        nx = block_marks(wa_load_le64(tail + j + 8), wide);
        uint64_t valid = rest - j >= 8 ? BYTE_HIGHS : BYTE_HIGHS & ((1ull << (8 * (rest - j))) - 1);
        count_block(&st, &c, &nx, valid);
        c = nx;
    }
    return st.words < 7 ? st.words : 7;
}

/* Words of s, counted up to 7: callers ask "more than six?" (a short
 * line, a line long enough to be a repeat), and long lines stop early. */
static size_t count_words(const char *s, size_t n)
{
    return count_runs(s, n, 0);
}

/* Whether a line, before folding, has seven words or more, counting runs
 * between spaces, tabs, CR and no-break spaces: each such run folds to at
 * least one byte and runs stay apart, so the folded line has as many words
 * (count_words) and cannot be short. */
static int many_words(const char *s, size_t n)
{
    return count_runs(s, n, 1) >= 7;
}

/* Strips a leading "the " from a folded name. */
static size_t skip_the(const char *s, size_t n)
{
    return n > 4 && memcmp(s, "the ", 4) == 0 ? 4 : 0;
}

static int add_media(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    int rc = add_proper(c, s, n);
    if (rc)
        return rc;
    if ((rc = ck_media_add(ck->spun, s, n)))
        return rc;
    ck->key.len = 0;
    ck_fold(s, n, &ck->key);
    size_t off = skip_the(ck->key.data, ck->key.len);
    void **v = wa_map_put(ck->media, ck->key.data + off, ck->key.len - off, NULL);
    if (!v)
        return WA_ENOMEM;
    *v = (void *)1;
    return 0;
}

static int add_spin(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    return ck_media_spin(ck->spun, s, n);
}

static int add_pattern(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    if (ck->npatterns == ck->cappatterns) {
        size_t cap = ck->cappatterns ? ck->cappatterns * 2 : 64;
        char **p = wa_realloc(ck->patterns, cap * sizeof *p);
        if (!p)
            return WA_ENOMEM;
        ck->patterns = p;
        ck->cappatterns = cap;
    }
    ck->key.len = 0;
    ck_fold(s, n, &ck->key);
    if (ck->key.failed || !(ck->patterns[ck->npatterns] = wa_strndup(ck->key.data, ck->key.len)))
        return WA_ENOMEM;
    ck->npatterns++;
    return 0;
}

static int first_byte_cmp(const void *a, const void *b)
{
    return (int)(unsigned char)**(char *const *)a - (int)(unsigned char)**(char *const *)b;
}

/* Indexes the first word of every key of m into ck->firsts. */
static int add_firsts(wa_checker *ck, const wa_map *m)
{
    size_t it = 0, kl;
    const char *k;
    void **v;
    while (wa_map_next(m, &it, &k, &kl, &v)) {
        const char *sp = memchr(k, ' ', kl);
        if (!wa_map_put(ck->firsts, k, sp ? (size_t)(sp - k) : kl, NULL))
            return WA_ENOMEM;
    }
    return 0;
}

/* Sorts the patterns by first byte and indexes them, so that a line is
 * matched only against those starting with its own first byte or a
 * wildcard. */
static void index_patterns(wa_checker *ck)
{
    qsort(ck->patterns, ck->npatterns, sizeof *ck->patterns, first_byte_cmp);
    size_t k = 0;
    for (int c = 0; c < 256; c++) {
        ck->pat_at[c] = k;
        while (k < ck->npatterns && (unsigned char)ck->patterns[k][0] == c)
            k++;
    }
    ck->pat_at[256] = k;
}

static int add_to(wa_map *m, const char *s, size_t n)
{
    void **v = wa_map_put(m, s, n, NULL);
    if (!v)
        return WA_ENOMEM;
    *v = (void *)1;
    return 0;
}

static int add_homograph(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    return add_to(ck->homographs, s, n);
}

/* "FROM TO" of spelling-variants-en.txt. */
static int add_british(void *c, const char *s, size_t n)
{
    wa_checker *ck = c;
    const char *sp = memchr(s, ' ', n);
    if (!sp || ck->nbritish == sizeof ck->british / sizeof ck->british[0])
        return WA_EDATA;
    size_t fl = (size_t)(sp - s), tl = n - fl - 1;
    size_t max = sizeof ck->british[0].from - 1;
    if (!wa_lower_ascii_word(s, fl, max) || !wa_lower_ascii_word(sp + 1, tl, max))
        return WA_EDATA;
    memcpy(ck->british[ck->nbritish].from, s, fl);
    memcpy(ck->british[ck->nbritish].to, sp + 1, tl);
    ck->british[ck->nbritish].from[fl] = ck->british[ck->nbritish].to[tl] = '\0';
    ck->nbritish++;
    return 0;
}

/* Reverse index: every true synonym S of each homograph H maps S -> H. */
static int add_reverse(wa_checker *ck, const char *h, size_t hl);

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The homographs' words in byte order: the reverse lists, and so the order
 * of equal suggestions, do not depend on the hash map's layout. */
static const char **sorted_keys(const wa_map *m, size_t *n)
{
    *n = wa_map_count(m);
    const char **k = wa_malloc((*n ? *n : 1) * sizeof *k);
    if (!k)
        return NULL;
    size_t it = 0, kl, i = 0;
    const char *key;
    void **v;
    while (wa_map_next(m, &it, &key, &kl, &v))
        k[i++] = key;
    qsort(k, *n, sizeof *k, cmp_key);
    return k;
}

static int build_reverse(wa_checker *ck)
{
    size_t nh;
    const char **hs = sorted_keys(ck->homographs, &nh);
    if (!hs)
        return WA_ENOMEM;
    int rc = 0;
    for (size_t k = 0; k < nh && !rc; k++)
        rc = add_reverse(ck, hs[k], strlen(hs[k]));
    free(hs);
    return rc;
}

/* Lists homograph h under each strict synonym of it. */
static int add_reverse(wa_checker *ck, const char *h, size_t hl)
{
    const wa_synonym *syn;
    size_t n;
    if (wa_thesaurus_lookup(ck->th, h, hl, &syn, &n))
        return WA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (syn[i].loose || memchr(syn[i].text, ' ', syn[i].len))
            continue;
        int created;
        void **v = wa_map_put(ck->reverse, syn[i].text, syn[i].len, &created);
        if (!v)
            return WA_ENOMEM;
        if (created) {
            if (wa_grow(&ck->rev_lists, &ck->caprev, ck->nrev, sizeof *ck->rev_lists, 1024))
                return WA_ENOMEM;
            wa_buf_init(&ck->rev_lists[ck->nrev]);
            *v = (void *)(uintptr_t)++ck->nrev;
        }
        wa_buf *b = &ck->rev_lists[(uintptr_t)*v - 1];
        wa_buf_addc(b, (char)('0' + syn[i].pos)); /* the sense's part of speech */
        wa_buf_add(b, h, hl);
        wa_buf_addc(b, '\0');
        if (b->failed)
            return WA_ENOMEM;
    }
    return 0;
}


/* Common words (not names) for the names module: the text's dictionary. */
int wa_checker_open(wa_checker **out, const wa_check_opts *opts, wa_error *err)
{
    *out = NULL;
    if (!opts || !opts->data_dir || !opts->dict_dirs || !opts->thes_idx || !opts->thes_dat)
        return wa_fail(err, WA_EINVAL, "checker options incomplete (data_dir, dict_dirs, thesaurus)");
    const char *lang = opts->lang ? opts->lang : "fr";
    if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
        return wa_fail(err, WA_EINVAL, "unknown language '%s' (fr or en)", lang);
    wa_checker *ck = wa_calloc(1, sizeof *ck);
    if (!ck)
        return wa_fail(err, WA_ENOMEM, "out of memory");
    ck->french = strcmp(lang, "fr") == 0;
    ck->lang = ck->french ? "fr" : "en";
    ck->cats = opts->categories ? opts->categories : ~0u;
    wa_buf_init(&ck->key);
    wa_buf_init(&ck->key2);
    wa_buf_init(&ck->lines);
    int rc = 0;
    wa_speller_opts so = {.lang = "fr", .dict_dirs = opts->dict_dirs, .share = opts->spell_share};
    wa_tokenizer_opts to = {.lang = lang, .data_dir = opts->data_dir};
    wa_thesaurus_opts tho = {opts->thes_idx, opts->thes_dat};
    if ((rc = wa_speller_open(&ck->fr, &so, err)))
        goto fail;
    so.lang = "en";
    if ((rc = wa_speller_open(&ck->en, &so, err)))
        goto fail;
    ck->main = ck->french ? ck->fr : ck->en;
    wa_split_opts spo = {0};
    spo.lang = lang;
    spo.data_dir = opts->data_dir;
    if ((rc = wa_thesaurus_open(&ck->th, &tho, err)) || (rc = wa_tokenizer_open(&ck->tk, &to, err)) ||
        (rc = wa_splitter_open(&ck->split, &spo, err)))
        goto fail;
    ck->words = wa_map_new(8192);
    ck->morph = wa_map_new(4096);
    ck->accepted = wa_map_new(4096);
    ck->proper = wa_map_new(4096);
    ck->media = wa_map_new(1024);
    ck->homographs = wa_map_new(1024);
    ck->reverse = wa_map_new(8192);
    ck->learned = wa_map_new(256);
    ck->close = wa_map_new(1024);
    ck->sugg = wa_map_new(1024);
    if (!ck->words || !ck->morph || !ck->accepted || !ck->proper || !ck->media ||
        !ck->homographs || !ck->reverse || !ck->learned || !ck->close || !ck->sugg) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = ck_classes_read(opts->data_dir, &ck->classes, err)))
        goto fail;
    if ((rc = ck_media_open(&ck->spun, ck->th, ck->classes))) {
        rc = rc == WA_EDATA ? wa_fail(err, rc, "%s/word-classes.txt: en-newspaper-titles: more "
                                               "than %d words, or one of %d bytes or more",
                                      opts->data_dir, CK_MEDIA_TITLES, CK_MEDIA_TITLE_BYTES)
                            : wa_fail(err, rc, "out of memory");
        goto fail;
    }
    if ((rc = wa_read_list(opts->data_dir, "anglicisms-fr.txt", add_accepted, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "words-fr.txt", add_accepted, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "gazetteer.txt", add_proper, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "media-names.txt", add_media, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "spin-synonyms.txt", add_spin, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "boilerplate.txt", add_pattern, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "homographs-fr-en.txt", add_homograph, ck, err)) ||
        (rc = wa_read_list(opts->data_dir, "spelling-variants-en.txt", add_british, ck, err)))
        goto fail;
    index_patterns(ck);
    if (!(ck->firsts = wa_map_new(8192)) || add_firsts(ck, ck->proper) ||
        add_firsts(ck, ck->media) || add_firsts(ck, ck->accepted)) {
        rc = wa_fail(err, WA_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = ck_boiler_open(&ck->boiler, opts->data_dir, err)))
        goto fail;
    if ((rc = ck_media_index(ck->spun))) {
        rc = wa_fail(err, rc, "out of memory");
        goto fail;
    }
    if ((rc = build_reverse(ck))) {
        rc = wa_fail(err, rc, "out of memory");
        goto fail;
    }
    if (ck->cats & (1u << WA_CHECK_VARIANT)) {
        wa_names_opts no = {0};
        no.data_dir = opts->data_dir;
        no.alias_files = opts->alias_files;
        no.no_default_aliases = opts->no_default_aliases;
        no.is_common_word = wa_spell_common_word;
        no.common_ctx = ck->main;
        no.keep_mentions = 1;
        if ((rc = wa_names_open(&ck->nm, &no, err)))
            goto fail;
        if (ck_vcache_new(&ck->vc)) {
            rc = wa_fail(err, WA_ENOMEM, "out of memory");
            goto fail;
        }
    }
    *out = ck;
    return 0;
fail:
    wa_checker_free(ck);
    return rc;
}

void wa_checker_free(wa_checker *ck)
{
    if (!ck)
        return;
    wa_names_free(ck->nm);
    ck_vcache_free(ck->vc);
    free(ck->capw);
    wa_speller_free(ck->fr);
    wa_speller_free(ck->en);
    wa_thesaurus_free(ck->th);
    wa_tokenizer_free(ck->tk);
    wa_splitter_free(ck->split);
    wa_map_free(ck->words);
    wa_map_free(ck->morph);
    wa_map_free(ck->accepted);
    wa_map_free(ck->proper);
    wa_map_free(ck->media);
    wa_map_free(ck->firsts);
    wa_map_free(ck->classes);
    wa_map_free(ck->homographs);
    wa_map_free(ck->reverse);
    wa_map_free(ck->learned);
    if (ck->close) {
        size_t it = 0, kl;
        const char *k;
        void **v;
        while (wa_map_next(ck->close, &it, &k, &kl, &v))
            if (*v != (void *)&ck->close)
                free(*v);
        wa_map_free(ck->close);
    }
    ck_boiler_free(ck->boiler);
    if (ck->sugg) {
        size_t it = 0, kl;
        const char *k;
        void **v;
        while (wa_map_next(ck->sugg, &it, &k, &kl, &v))
            free(*v);
        wa_map_free(ck->sugg);
    }
    for (size_t i = 0; i < ck->nrev; i++)
        wa_buf_free(&ck->rev_lists[i]);
    free(ck->rev_lists);
    ck_media_free(ck->spun);
    for (size_t i = 0; i < ck->npatterns; i++)
        free(ck->patterns[i]);
    free(ck->patterns);
    wa_buf_free(&ck->key);
    wa_buf_free(&ck->key2);
    wa_buf_free(&ck->lines);
    free(ck->fl);
    free(ck->ctx);
    free(ck->quote);
    free(ck->tinfo);
    wa_findings_free(ck->found, ck->nfound);
    free(ck);
}

/* ------------------------------------------------------------------ */
/* Words */

/* In the anglicism list, or (for a capitalized word) a known name. */
static int is_accepted(wa_checker *ck, const char *s, size_t n, int cap)
{
    ck->key.len = 0;
    ck_fold(s, n, &ck->key);
    if (ck->key.failed)
        return 0;
    return wa_map_get(ck->accepted, ck->key.data, ck->key.len) != NULL ||
           (cap && wa_map_get(ck->proper, ck->key.data, ck->key.len) != NULL);
}


/* Whether some key of the proper, media or accepted lists starts with the
 * word s (folded as run_key folds it). */
static int starts_known(wa_checker *ck, const char *s, size_t n)
{
    ck->key.len = 0;
    ck_fold(s, n, &ck->key);
    if (ck->key.failed)
        return 0;
    const char *sp = memchr(ck->key.data, ' ', ck->key.len);
    return wa_map_get(ck->firsts, ck->key.data, sp ? (size_t)(sp - ck->key.data) : ck->key.len) !=
           NULL;
}

/* Whether word w (lower case) is of class cls (CK_CL_*). */
static int word_is(const wa_checker *ck, int cls, const char *w, size_t n)
{
    return (ck_classes_of(ck->classes, w, n) >> cls) & 1;
}

/* The class bits (1u << CK_CL_*) of the word s: its ASCII letters
 * lower-cased, a final ’ read as '. */
static unsigned word_classes(const wa_checker *ck, const char *s, size_t n)
{
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (n >= 3 && (unsigned char)low[n - 3] == 0xE2 && (unsigned char)low[n - 2] == 0x80 &&
        (unsigned char)low[n - 1] == 0x99) {
        low[n - 3] = '\'';
        n -= 2;
    }
    return ck_classes_of(ck->classes, low, n);
}

/* The class bits of token k (word_info() worked them out). */
static unsigned tok_classes(const wa_checker *ck, size_t k)
{
    return ck->tinfo[k] >> W_CLASS_SHIFT;
}

/* Whether token k is of class cls. */
static int tok_is(const wa_checker *ck, size_t k, int cls)
{
    return (tok_classes(ck, k) >> cls) & 1;
}

#define CL(c) (1u << CK_CL_##c)

static int is_en_function(const wa_checker *ck, const char *s, size_t n)
{
    char low[8];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return word_is(ck, CK_CL_EN_FUNCTION, low, n);
}

static int parts_ok(wa_speller *sp, const char *s, size_t n);

/* Hunspell verdicts for a hyphenated compound: every part, else the whole
 * (the parts first: they are mostly known already, the whole mostly not). */
static int compound_ok(wa_speller *sp, const char *s, size_t n)
{
    return parts_ok(sp, s, n) || wa_spell(sp, s, n) == 1;
}

static int parts_ok(wa_speller *sp, const char *s, size_t n)
{
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        int hy = i < n && s[i] == '-';
        int uhy = i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                  ((unsigned char)s[i + 2] == 0x90 || (unsigned char)s[i + 2] == 0x91);
        if (i < n && !hy && !uhy)
            continue;
        int combining = i < n && i - a >= 4 && s[i - 1] == 'o'; /* arméno-, russo- */
        if (i > a && !combining && wa_spell(sp, s + a, i - a) != 1)
            return 0;
        if (uhy)
            i += 2;
        a = i + 1;
    }
    return 1;
}

/* Whether the unknown lower-case ASCII word s is a British spelling of an
 * English word (one substitution of spelling-variants-en.txt, anywhere but
 * at the start). */
static int british_english(wa_checker *ck, const char *s, size_t n)
{
    char v[64];
    if (n < 5 || n + 2 > sizeof v)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    for (size_t r = 0; r < ck->nbritish; r++) {
        const char *from = ck->british[r].from, *to = ck->british[r].to;
        size_t fl = strlen(from), tl = strlen(to);
        if (n - fl + tl > sizeof v)
            continue;
        for (size_t i = 1; i + fl <= n; i++) {
            if (memcmp(s + i, from, fl) != 0)
                continue;
            memcpy(v, s, i);
            memcpy(v + i, to, tl);
            memcpy(v + i + tl, s + i + fl, n - i - fl);
            if (wa_spell(ck->en, v, n - fl + tl) == 1)
                return 1;
        }
    }
    return 0;
}

/* How many words ahead the verdict loop prefetches its map slot. */
enum { PREFETCH_AHEAD = 6 };

static unsigned word_info(wa_checker *ck, const char *s, size_t n, unsigned tflags)
{
    int created;
    void **v = wa_map_put(ck->words, s, n, &created);
    if (!v)
        return 0;
    uintptr_t bits = (uintptr_t)*v;
    if (bits & W_DONE)
        return (unsigned)bits;
    bits = W_DONE;
    int compound = (tflags & WA_TOK_COMPOUND) != 0;
    if (compound ? compound_ok(ck->fr, s, n) : wa_spell(ck->fr, s, n) == 1)
        bits |= W_FR;
    if (compound ? compound_ok(ck->en, s, n) : wa_spell(ck->en, s, n) == 1)
        bits |= W_EN;
    if (is_accepted(ck, s, n, (tflags & WA_TOK_CAP) != 0))
        bits |= W_LIST;
    if (is_en_function(ck, s, n) && !(bits & W_FR))
        bits |= W_EN_FUNC;
    if (!(bits & (W_FR | W_EN)) && british_english(ck, s, n))
        bits |= W_EN;
    if (starts_known(ck, s, n))
        bits |= W_STARTS;
    bits |= (uintptr_t)word_classes(ck, s, n) << W_CLASS_SHIFT;
    /* the map may have grown: look the slot up again */
    v = wa_map_get(ck->words, s, n);
    if (v)
        *v = (void *)bits;
    return (unsigned)bits;
}

/* ASCII lower-case copy into ck->key2 (for sentence-initial words). */
static const char *lower_ascii(wa_checker *ck, const char *s, size_t n)
{
    ck->key2.len = 0;
    for (size_t i = 0; i < n; i++)
        wa_buf_addc(&ck->key2, (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]));
    return ck->key2.failed ? NULL : ck->key2.data;
}

/* lower_ascii() copied into lw (cap bytes), for a caller that looks other
 * words up meanwhile (which reuses ck->key2); NULL when it does not fit. */
static const char *lower_copy(wa_checker *ck, const char *s, size_t n, char *lw, size_t cap)
{
    const char *low = lower_ascii(ck, s, n);
    if (!low || n >= cap)
        return NULL;
    memcpy(lw, low, n);
    lw[n] = '\0';
    return lw;
}

/* The French readings of token k (wa_spell_morph), kept in a map of the
 * few thousand words asked: smaller than the speller's cache of every word
 * it has seen, so a look-up mostly stays in the processor's cache. */
static unsigned tok_morph(wa_checker *ck, const char *s, const wa_token *t, size_t k)
{
    const char *w = s + t[k].start;
    size_t n = t[k].end - t[k].start;
    int created;
    void **v = wa_map_put(ck->morph, w, n, &created);
    if (!v)
        return wa_spell_morph(ck->fr, w, n);
    if (created)
        *v = (void *)(((uintptr_t)wa_spell_morph(ck->fr, w, n) << 1) | 1);
    return (unsigned)((uintptr_t)*v >> 1);
}

/* ------------------------------------------------------------------ */
/* Findings */

static wa_finding *add_finding(wa_checker *ck, wa_check_category cat, size_t a, size_t b,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#include <stdarg.h>
static wa_finding *add_findingv(wa_checker *ck, wa_check_category cat, size_t a, size_t b,
                                const char *fmt, va_list ap)
{
    if (!(ck->cats & (1u << cat)))
        return NULL;
    if (wa_grow(&ck->found, &ck->capfound, ck->nfound, sizeof *ck->found, 32))
        return NULL;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    wa_finding *f = &ck->found[ck->nfound];
    *f = (wa_finding){{a, b}, cat, wa_strndup(msg, strlen(msg)), NULL, 0};
    if (!f->message)
        return NULL;
    ck->nfound++;
    return f;
}

static wa_finding *add_finding(wa_checker *ck, wa_check_category cat, size_t a, size_t b,
                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    wa_finding *f = add_findingv(ck, cat, a, b, fmt, ap);
    va_end(ap);
    return f;
}

static void add_suggestion(wa_finding *f, const char *s, size_t n)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nsuggestions; i++)
        if (strlen(f->suggestions[i]) == n && memcmp(f->suggestions[i], s, n) == 0)
            return;
    char **l = wa_realloc(f->suggestions, (f->nsuggestions + 1) * sizeof *l);
    if (!l)
        return;
    f->suggestions = l;
    if ((l[f->nsuggestions] = wa_strndup(s, n)))
        f->nsuggestions++;
}

void wa_findings_free(wa_finding *f, size_t n)
{
    if (!f)
        return;
    for (size_t i = 0; i < n; i++) {
        free(f[i].message);
        wa_spell_list_free(f[i].suggestions, f[i].nsuggestions);
    }
    free(f);
}

static const char *const cat_names[] = {"loanword", "boilerplate", "spelling",
                                        "glued",    "repeat",      "variant"};

const char *wa_check_category_name(wa_check_category c)
{
    return (unsigned)c < WA_CHECK_NCATEGORIES ? cat_names[c] : "unknown";
}

int wa_check_category_parse(const char *name)
{
    for (int i = 0; i < WA_CHECK_NCATEGORIES; i++)
        if (strcmp(name, cat_names[i]) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Lines and boilerplate */

static const char line_reason_related[] = "title of another article";
static const char line_reason_site[] = "site or publisher line";
static const char line_reason_nav[] = "navigation line";
static const char line_reason_iface[] = "site interface line";

static int line_is_short(const char *f, size_t n)
{
    if (n == 0 || n > 80 || count_words(f, n) > 6)
        return 0;
    char last = f[n - 1];
    return last != '.' && last != '?' && last != '!' && last != ':' && last != ',';
}

static int learn_line(wa_map *seen, wa_map *doc, const char *f, size_t n)
{
    int created;
    void **v = wa_map_put(doc, f, n, &created);
    if (!v)
        return WA_ENOMEM;
    if (!created)
        return 0;
    if (!(v = wa_map_put(seen, f, n, NULL)))
        return WA_ENOMEM;
    *v = (void *)((uintptr_t)*v + 1);
    return 0;
}

int wa_check_learn_from(wa_checker *dst, const wa_checker *src)
{
    size_t it = 0;
    const char *k;
    size_t kl;
    void **v;
    while (wa_map_next(src->learned, &it, &k, &kl, &v)) {
        void **d = wa_map_put(dst->learned, k, kl, NULL);
        if (!d)
            return WA_ENOMEM;
        *d = (void *)((uintptr_t)*d + (uintptr_t)*v);
    }
    return 0;
}

wa_speller *wa_checker_speller(wa_checker *ck) { return ck->main; }

wa_translit *wa_checker_translit(wa_checker *ck) { return ck->nm ? wa_names_translit(ck->nm) : NULL; }

int wa_check_learn(wa_checker *ck, const char *s, size_t len)
{
    wa_map *doc = wa_map_new(64);
    if (!doc)
        return WA_ENOMEM;
    int rc = 0;
    for (size_t a = 0; a < len && !rc;) {
        const char *nl = memchr(s + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - s) : len;
        if (b - a <= 200 && !many_words(s + a, b - a)) {
            ck->key.len = 0;
            ck_fold(s + a, b - a, &ck->key);
            if (line_is_short(ck->key.data, ck->key.len))
                rc = learn_line(ck->learned, doc, ck->key.data, ck->key.len);
        }
        a = b + 1;
    }
    wa_map_free(doc);
    return rc;
}

static int digits_only(const char *f, size_t n)
{
    if (n == 0 || n > 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(f[i] >= '0' && f[i] <= '9') && f[i] != ' ')
            return 0;
    return 1;
}

/* Whether a line starts with a lower-case letter (ASCII, or à to ÿ). */
static int lower_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    unsigned char c = i < n ? (unsigned char)s[i] : 0;
    return (c >= 'a' && c <= 'z') ||
           (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0xA0);
}

/* The separator word of a breadcrumb trail at f[i] (">", "›", "|", "/"
 * standing alone between spaces): its length, or 0. */
static size_t crumb_sep(const char *f, size_t n, size_t i)
{
    size_t l = 0;
    if (f[i] == '>' || f[i] == '|' || f[i] == '/')
        l = 1;
    else if (i + 2 < n && (unsigned char)f[i] == 0xE2 && (unsigned char)f[i + 1] == 0x80 &&
             (unsigned char)f[i + 2] == 0xBA) /* › */
        l = 3;
    if (!l || i == 0 || f[i - 1] != ' ' || i + l >= n || f[i + l] != ' ')
        return 0;
    return l;
}

/* A breadcrumb trail: three parts or more of one to four words between
 * separators, and no sentence punctuation, bracket, '*', '=' or word
 * starting with a dash ("Accueil > Monde > Moyen-Orient", "Home | World |
 * Europe"; not a command synopsis "[ -a | -b ]"). */
static int breadcrumb(const char *f, size_t n)
{
    static const char stops[] = ".,;:!?[(*=";
    static const unsigned char sep_byte[256] = {['>'] = 1, ['|'] = 1, ['/'] = 1, [0xBA] = 1};
    if (n > 120)
        return 0;
    /* three parts need two separators: most lines have fewer of their
     * bytes ('>', '|', '/', the last byte of ›) and are done here */
    size_t seps = 0;
    for (size_t i = 0; i < n; i++)
        seps += sep_byte[(unsigned char)f[i]];
    if (seps < 2)
        return 0;
    size_t parts = 1, words = 0;
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = crumb_sep(f, n, i);
        if (l) {
            if (words == 0 || words > 4)
                return 0;
            parts++;
            words = 0;
            in_word = 0;
            i += l - 1;
        } else if (memchr(stops, f[i], sizeof stops - 1) || (f[i] == '-' && !in_word)) {
            return 0; /* a dash starting a word: an option, "-a" */
        } else if (f[i] == ' ') {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    return parts >= 3 && words >= 1 && words <= 4;
}

/* Why the folded line f is boilerplate, or NULL. */
static const char *boiler_reason(wa_checker *ck, wa_map *doc_lines, const char *f, size_t n,
                                 int is_short, int first_line, int lower_start)
{
    if (n == 0)
        return NULL;
    if (n <= 160) {
        /* a pattern starting with a letter matches only lines starting with it */
        const unsigned char firsts[3] = {(unsigned char)f[0], '*', '#'};
        for (int k = 0; k < 3; k++) {
            if (k && firsts[k] == firsts[0])
                continue;
            for (size_t i = ck->pat_at[firsts[k]]; i < ck->pat_at[firsts[k] + 1]; i++)
                if (ck_glob(ck->patterns[i], f))
                    return line_reason_site;
        }
    }
    if (digits_only(f, n))
        return "stray number line";
    if (breadcrumb(f, n))
        return line_reason_nav;
    if (ck_boiler_is(ck->boiler, f, n, lower_start))
        return line_reason_iface;
    if (!(is_short >= 0 ? is_short : line_is_short(f, n)))
        return NULL;
    void **v = wa_map_get(doc_lines, f, n);
    if (v && (uintptr_t)*v >= 2)
        return "short line repeated in the document";
    v = wa_map_get(ck->learned, f, n);
    if (v && (uintptr_t)*v >= 2)
        return "short line repeated across the documents";
    if (!first_line && wa_map_get(ck->media, f, n))
        return "publisher line";
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Context */

/* Marks the first word of each sentence (T_SENT) from the splitter's
 * spans: after an abbreviation (Dr. Brown, M. Fight) or at a hard-wrapped
 * line break no sentence starts, after a headline line one does. */
static void sentence_starts(wa_checker *ck, const wa_token *t, size_t n, const wa_span *sent,
                            size_t nsent)
{
    size_t i = 0;
    for (size_t k = 0; k < nsent && i < n; k++) {
        while (i < n && t[i].start < sent[k].start)
            i++;
        if (i < n && t[i].start < sent[k].end)
            ck->ctx[i] |= T_SENT;
    }
}
/* Marks quotes: « » “ ” and straight double quotes; ids from 1. */
static int mark_quotes(wa_checker *ck, const char *s, const wa_token *t, size_t n, int *nq)
{
    int depth = 0, id = 0, cur = 0, straight = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = i ? t[i - 1].end : 0, b = t[i].start;
        for (size_t k = a; k < b; k++) {
            unsigned char c = (unsigned char)s[k];
            int open = 0, close = 0;
            if (c == 0xC2 && k + 1 < b && (unsigned char)s[k + 1] == 0xAB)
                open = 1;
            else if (c == 0xC2 && k + 1 < b && (unsigned char)s[k + 1] == 0xBB)
                close = 1;
            else if (c == 0xE2 && k + 2 < b && (unsigned char)s[k + 1] == 0x80 &&
                     (unsigned char)s[k + 2] == 0x9C)
                open = 1;
            else if (c == 0xE2 && k + 2 < b && (unsigned char)s[k + 1] == 0x80 &&
                     (unsigned char)s[k + 2] == 0x9D)
                close = 1;
            else if (c == '"') {
                straight = !straight;
                open = straight;
                close = !straight;
            } else if (c == '\n' && k + 1 < b && s[k + 1] == '\n') {
                depth = 0; /* a paragraph ends every quote */
                straight = 0;
            }
            if (open) {
                if (depth++ == 0)
                    cur = ++id;
            } else if (close && depth > 0) {
                depth--;
            }
        }
        ck->quote[i] = depth > 0 ? cur : 0;
    }
    *nq = id;
    return 0;
}




static int starts_with_vowel(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (strchr("aeiouAEIOU", c) && c)
        return 1;
    /* é è ê à â î ô û */
    return n >= 2 && c == 0xC3 &&
           strchr("\xa9\xa8\xaa\xa0\xa2\xae\xb4\xbb", s[1]) != NULL;
}

/* ------------------------------------------------------------------ */
/* Suggestions */

typedef struct cand {
    char text[64];
    int score;
    unsigned routes; /* 1 direct synonym, 2 reverse (homograph), 4 context/sense scored */
    int order;       /* when it was first found: breaks ties in score */
} cand;

/* Adds or updates a candidate: a second route adds its score, the same
 * route keeps the best. */
static cand *add_cand(cand *c, int *nc, const char *s, size_t n, int score, unsigned route)
{
    if (n == 0 || n >= sizeof c[0].text)
        return NULL;
    for (int i = 0; i < *nc; i++)
        if (strlen(c[i].text) == n && memcmp(c[i].text, s, n) == 0) {
            if (!(c[i].routes & route))
                c[i].score += score;
            c[i].routes |= route;
            return &c[i];
        }
    if (*nc >= 64)
        return NULL;
    memcpy(c[*nc].text, s, n);
    c[*nc].text[n] = '\0';
    c[*nc].score = score;
    c[*nc].routes = route;
    c[*nc].order = *nc;
    return &c[(*nc)++];
}

/* Best score first; among equal scores, the first found (a total order:
 * the result does not depend on qsort's stability). */
static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->score != y->score ? y->score - x->score : x->order - y->order;
}

/* English lemma of a plural: events -> event, parties -> party. */
static size_t lemma(const char *w, size_t n, char *out, size_t cap, int *plural)
{
    *plural = 0;
    if (n >= cap)
        return 0;
    memcpy(out, w, n);
    if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0) {
        memcpy(out + n - 3, "y", 1);
        *plural = 1;
        return n - 2;
    }
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's') {
        *plural = 1;
        return n - 1;
    }
    return n;
}

/* Scores a French candidate for the context: the governing determiner's
 * gender and number, the part of speech a determiner calls for. */
static int context_score(wa_checker *ck, const char *c, size_t n, int gender, int after_det)
{
    unsigned m = wa_spell_morph(ck->fr, c, n);
    int sc = 0;
    /* gender 1: a feminine determiner governs the word; 2: masculine.  The
     * spinner changed the word, not its determiner: a noun of the other
     * gender (and no adjective) cannot be the original ("le ground" is not
     * "la base"). */
    int other = (gender == 1 && (m & WA_MORPH_NOUN_MAS) && !(m & WA_MORPH_NOUN_FEM)) ||
                (gender == 2 && (m & WA_MORPH_NOUN_FEM) && !(m & WA_MORPH_NOUN_MAS));
    if (other)
        sc -= (m & WA_MORPH_ADJ) ? 6 : 25;
    if (gender && (m & (gender == 1 ? WA_MORPH_NOUN_FEM : WA_MORPH_NOUN_MAS)))
        sc += 2;
    if (after_det && !(m & (WA_MORPH_NOUN | WA_MORPH_ADJ)))
        sc -= 3;
    return sc;
}

/* Whether a thesaurus sense of part of speech pos fits the flagged word's
 * use (noun_only: it stands after a determiner and English has it as a noun
 * or an adjective). */
static int sense_fits(int pos, int noun_only)
{
    return !noun_only || pos != WA_POS_VERB;
}

/* French originals for an English word: homographs whose synonyms hold it
 * (the reverse index), then its own synonyms that are French words; only
 * senses that fit the context, and none when no candidate fits well (a
 * wrong first suggestion is worse than none). */
static void suggest_french_raw(wa_checker *ck, wa_finding *f, const char *w, size_t n,
                               int gender, int after_det)
{
    if (!f)
        return;
    char low[64], lem[64];
    if (n >= sizeof low)
        return;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    int plural;
    size_t ln = lemma(low, n, lem, sizeof lem, &plural);
    cand c[64];
    int nc = 0;
    /* After a determiner the word is a noun (or an adjective) when English
     * has it so: "leurs troops" is not the verb "to troop" (parade); a
     * word that is only a verb ("le prepare") was spun through a verb. */
    int noun_only = 0;
    if (after_det) {
        const wa_synonym *syn;
        size_t ns;
        for (int pass = 0; pass < 2 && !noun_only; pass++)
            if (!wa_thesaurus_lookup(ck->th, pass ? lem : low, pass ? ln : n, &syn, &ns))
                for (size_t i = 0; i < ns && !noun_only; i++)
                    noun_only = syn[i].pos == WA_POS_NOUN || syn[i].pos == WA_POS_ADJ;
    }
    for (int pass = 0; pass < 2; pass++) {
        const char *key = pass ? lem : low;
        size_t kl = pass ? ln : n;
        int pl = plural; /* "troops": its own entry lists "force"; "leurs forces" */
        if (pass && ln == n)
            break;
        void **v = wa_map_get(ck->reverse, key, kl);
        if (v) {
            wa_buf *b = &ck->rev_lists[(uintptr_t)*v - 1];
            for (size_t i = 0; i < b->len; i += strlen(b->data + i) + 1) {
                char form[64];
                size_t hl = strlen(b->data + i) - 1;
                if (hl + 2 >= sizeof form || !sense_fits(b->data[i] - '0', noun_only))
                    continue;
                memcpy(form, b->data + i + 1, hl);
                if (pl && form[hl - 1] != 's' && form[hl - 1] != 'x')
                    form[hl++] = 's';
                if (wa_spell(ck->fr, form, hl) == 1)
                    add_cand(c, &nc, form, hl, 32, 2);
            }
        }
        const wa_synonym *syn;
        size_t ns;
        if (wa_thesaurus_lookup(ck->th, key, kl, &syn, &ns))
            return;
        for (size_t i = 0; i < ns; i++) {
            char form[64];
            size_t sl = syn[i].len;
            if (sl + 2 >= sizeof form || memchr(syn[i].text, ' ', sl) ||
                memchr(syn[i].text, '-', sl) || syn[i].loose == WA_SYN_RELATED ||
                !sense_fits(syn[i].pos, noun_only))
                continue;
            memcpy(form, syn[i].text, sl);
            if (pl && form[sl - 1] != 's' && form[sl - 1] != 'x')
                form[sl++] = 's';
            if (wa_spell(ck->fr, form, sl) != 1)
                continue;
            /* a more general term (overthrow -> conclusion) is a weak
             * lead; an adjective's similar term (lengthy -> long) a good one */
            int sc = 6 - (syn[i].meaning > 5 ? 5 : syn[i].meaning) -
                     (syn[i].loose == WA_SYN_GENERIC                               ? 6
                      : syn[i].loose == WA_SYN_SIMILAR && syn[i].pos == WA_POS_ADJ ? 0
                      : syn[i].loose                                               ? 3
                                                                                   : 0);
            ck->key.len = 0;
            ck_fold(syn[i].text, syn[i].len, &ck->key);
            if (wa_map_get(ck->homographs, ck->key.data, ck->key.len))
                sc += 6;
            add_cand(c, &nc, form, sl, sc * 4, 1);
        }
    }
    /* Context (determiner gender, part of speech) and commonness: a word
     * with many senses in the thesaurus is a common word. */
    for (int i = 0; i < nc; i++) {
        size_t cl = strlen(c[i].text);
        c[i].score += 4 * context_score(ck, c[i].text, cl, gender, after_det);
        const wa_synonym *syn;
        size_t ns;
        int pl2;
        char lem2[64];
        size_t l2 = lemma(c[i].text, cl, lem2, sizeof lem2, &pl2);
        ck->key.len = 0;
        ck_fold(lem2, l2, &ck->key);
        int homograph = wa_map_get(ck->homographs, c[i].text, cl) ||
                        (!ck->key.failed && wa_map_get(ck->homographs, ck->key.data, ck->key.len));
        if (homograph && l2 && !wa_thesaurus_lookup(ck->th, lem2, l2, &syn, &ns) && ns)
            c[i].score += syn[ns - 1].meaning + 1 > 20 ? 20 : syn[ns - 1].meaning + 1;
    }
    qsort(c, (size_t)nc, sizeof *c, cand_cmp);
    for (int i = 0; i < nc && i < 3; i++)
        if (c[i].score >= 36)
            add_suggestion(f, c[i].text, strlen(c[i].text));
}

/* suggest_french_raw, cached per (word, determiner gender, after a
 * determiner): the same English word comes back often, and each search
 * costs thesaurus and dictionary look-ups.  The cache holds the list as
 * NUL-terminated strings followed by an empty one. */
static void suggest_french(wa_checker *ck, wa_finding *f, const char *w, size_t n, int gender,
                           int after_det)
{
    if (!f || f->nsuggestions)
        return;
    char key[80];
    if (n + 3 > sizeof key)
        return;
    key[0] = (char)('0' + gender);
    key[1] = (char)('0' + (after_det != 0));
    memcpy(key + 2, w, n);
    int created;
    void **v = wa_map_put(ck->sugg, key, n + 2, &created);
    if (!v)
        return;
    if (!created) {
        for (const char *p = *v; p && *p; p += strlen(p) + 1)
            add_suggestion(f, p, strlen(p));
        return;
    }
    suggest_french_raw(ck, f, w, n, gender, after_det);
    wa_buf b;
    wa_buf_init(&b);
    for (size_t i = 0; i < f->nsuggestions; i++)
        wa_buf_add(&b, f->suggestions[i], strlen(f->suggestions[i]) + 1);
    wa_buf_addc(&b, '\0');
    *v = b.failed ? NULL : wa_buf_steal(&b, NULL);
    wa_buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Capitalized runs: known names, spun media names */

/* Folded text of tokens [a, b) joined by single spaces, into ck->key. */
static void run_key(wa_checker *ck, const char *s, const wa_token *t, size_t a, size_t b)
{
    ck->key.len = 0;
    for (size_t i = a; i < b; i++) {
        if (i > a)
            wa_buf_addc(&ck->key, ' ');
        ck_fold(s + t[i].start, t[i].end - t[i].start, &ck->key);
    }
}

/* A spun word that the thesaurus does not relate to the real one: still
 * accepted when it is plain English (not French, not a media or
 * institution word that would make another real name). */
static int odd_english(wa_checker *ck, const char *w, size_t n)
{
    if (ck_classes_of(ck->classes, w, n) &
        ((1u << CK_CL_INSTITUTION) | (1u << CK_CL_MEDIA_HEAD)))
        return 0;
    return wa_spell(ck->en, w, n) == 1 && wa_spell(ck->fr, w, n) != 1;
}

/* Whether token k can sit inside a capitalized run before a capitalized
 * word: a connector (of, the, for) or a lower-case English word ("Medical
 * doctors With out Borders"). */
static int run_inner(const wa_checker *ck, const wa_token *t, size_t k)
{
    if (ck->ctx[k] & (T_NEWLINE | T_STOP) || (t[k].flags & (WA_TOK_CAP | WA_TOK_ELISION)))
        return 0;
    if (tok_is(ck, k, CK_CL_CONNECTOR) || tok_is(ck, k, CK_CL_RUN_PARTICLE))
        return 1;
    unsigned info = ck->tinfo[k];
    return ((info & W_EN) && !(info & (W_FR | W_LIST))) || (info & W_EN_FUNC);
}

/* Looks for a spun media or organisation name in the run [ka, b);
 * the_before: "The" stands just before ka.  Reports it and returns 1. */
static int spun_name(wa_checker *ck, const char *s, const wa_token *t, size_t a, size_t ka,
                     size_t b, int the_before)
{
    /* one word is a spun name only as "The X" for a name "The Y" */
    if (b - ka < 2 && !the_before)
        return 0;
    ck_mword w[16];
    char buf[1024];
    size_t used = 0, nw = 0;
    int english = 0;
    for (size_t k = ka; k < b && nw < 16; k++) {
        size_t l = t[k].end - t[k].start;
        english |= (ck->tinfo[k] & (W_EN | W_EN_FUNC)) != 0; /* Instances, Occasions: French too */
        ck->key.len = 0;
        ck_fold(s + t[k].start, l, &ck->key);
        if (ck->key.failed || used + ck->key.len + 1 > sizeof buf)
            return 0;
        memcpy(buf + used, ck->key.data, ck->key.len);
        w[nw] = (ck_mword){buf + used, ck->key.len, 0, (ck->ctx[k] & T_PROPER) != 0,
                           ck->quote[k] != 0};
        /* a word swapped outside the thesaurus keeps the capital */
        w[nw].odd = (t[k].flags & WA_TOK_CAP) && odd_english(ck, buf + used, ck->key.len);
        used += ck->key.len;
        nw++;
    }
    if (!english || nw < 1 || nw != b - ka)
        return 0;
    ck_mmatch mm;
    if (ck_media_spun(ck->spun, w, nw, the_before, &mm) != 1)
        return 0;
    size_t x = ka + mm.first, y = ka + mm.last;
    /* a name starts with a capital: "Medical doctors With out Borders" */
    if (x > ka && !(t[x].flags & WA_TOK_CAP) && (t[x - 1].flags & WA_TOK_CAP))
        x--, mm.first--;
    int with_the = the_before && mm.first == 0;
    if (with_the)
        x = ka - 1;
    int listed_the;
    const char *name = ck_media_text(ck->spun, mm.name, &listed_the);
    wa_finding *f = add_finding(ck, WA_CHECK_LOANWORD, t[x].start, t[y - 1].end,
                                "\"%.*s\" looks like a spun \"%s\"",
                                (int)(t[y - 1].end - t[x].start), s + t[x].start, name);
    /* the suggestion takes the text's article: "The Related Press" -> "The
     * Associated Press", "Related Press" -> "Associated Press" */
    wa_buf sug;
    wa_buf_init(&sug);
    const char *bare = listed_the ? name + 4 : name;
    if (with_the)
        wa_buf_add(&sug, s + t[x].start, t[x].end - t[x].start), wa_buf_addc(&sug, ' ');
    wa_buf_adds(&sug, bare);
    if (!sug.failed)
        add_suggestion(f, sug.data, sug.len);
    wa_buf_free(&sug);
    for (size_t k = a; k < b; k++)
        ck->ctx[k] |= T_NAME | T_DONE;
    return 1;
}

static void check_runs(wa_checker *ck, const char *s, const wa_token *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!(t[i].flags & WA_TOK_CAP) || (t[i].flags & WA_TOK_ELISION) ||
            (ck->ctx[i] & T_BOILER)) {
            i++;
            continue;
        }
        size_t a = i, b = i + 1;
        while (b < n && !(ck->ctx[b] & (T_NEWLINE | T_STOP))) {
            if (t[b].flags & WA_TOK_CAP && !(t[b].flags & WA_TOK_ELISION)) {
                b++;
                continue;
            }
            /* up to three connectors or lower-case English words, then a
             * capitalized word (looked for first: it is cheaper) */
            size_t k = b, cap = b + 1;
            while (cap < n && cap <= b + 3 && !(t[cap].flags & WA_TOK_CAP))
                cap++;
            if (cap >= n || cap > b + 3)
                break;
            while (k < cap && run_inner(ck, t, k))
                k++;
            if (k > b && k < n && (t[k].flags & WA_TOK_CAP) && !(t[k].flags & WA_TOK_ELISION) &&
                !(ck->ctx[k] & (T_NEWLINE | T_STOP)))
                b = k + 1;
            else
                break;
        }
        /* Leading articles and "selon" are not part of the name key; "The"
         * is remembered. */
        size_t ka = a;
        int the_before = 0;
        while (b - ka > 1 && tok_is(ck, ka, CK_CL_RUN_LEAD)) {
            the_before = tok_is(ck, ka, CK_CL_REMEMBERED_ARTICLE);
            ka++;
        }
        /* Known names and phrases inside the run: mark their words. */
        for (size_t x = ka; x < b; x++) {
            if (!(ck->tinfo[x] & W_STARTS))
                continue; /* no known name starts with this word */
            for (size_t y = b; y > x; y--) {
                run_key(ck, s, t, x, y);
                int proper = wa_map_get(ck->proper, ck->key.data, ck->key.len) ||
                             wa_map_get(ck->media, ck->key.data, ck->key.len);
                if (proper || wa_map_get(ck->accepted, ck->key.data, ck->key.len)) {
                    for (size_t k = x; k < y; k++)
                        ck->ctx[k] |= T_NAME | (proper ? T_PROPER : 0);
                    x = y - 1;
                    break;
                }
            }
        }
        size_t len = b - ka;
        /* Spun media and organisation names. */
        int found = spun_name(ck, s, t, a, ka, b, the_before);
        /* Unknown title whose last word is a synonym of a media head word
         * (Occasions ~ Times), governed by a French determiner. */
        if (!found && len >= 2 && ka > 0 && !(ck->ctx[b - 1] & T_NAME) &&
            (t[ka - 1].flags & WA_TOK_ELISION || tok_is(ck, ka - 1, CK_CL_GOVERNOR))) {
            size_t x = b - 1, sl = t[x].end - t[x].start;
            ck->key.len = 0;
            ck_fold(s + t[x].start, sl, &ck->key);
            const char *head = (t[x].flags & WA_TOK_CAP) && !word_is(ck, CK_CL_MEDIA_HEAD, ck->key.data, ck->key.len)
                                   ? ck_media_head_for(ck->spun, ck->key.data, ck->key.len)
                                   : NULL;
            if (head) {
                wa_finding *f = add_finding(ck, WA_CHECK_LOANWORD, t[ka].start, t[b - 1].end,
                                            "\"%.*s\" looks like a spun media name",
                                            (int)(t[b - 1].end - t[ka].start), s + t[ka].start);
                wa_buf sug;
                wa_buf_init(&sug);
                wa_buf_add(&sug, s + t[ka].start, t[x].start - t[ka].start);
                wa_buf_addc(&sug, (char)(head[0] - 32));
                wa_buf_adds(&sug, head + 1);
                if (!sug.failed)
                    add_suggestion(f, sug.data, sug.len);
                wa_buf_free(&sug);
                for (size_t q = a; q < b; q++)
                    ck->ctx[q] |= T_NAME | T_DONE;
            }
        }
        i = b;
    }
}

/* English phrases of the anglicism list spanning several words. */
static void mark_phrases(wa_checker *ck, const char *s, const wa_token *t, size_t n, size_t i)
{
    for (size_t a = i >= 3 ? i - 3 : 0; a <= i; a++) {
        if (!(ck->tinfo[a] & W_STARTS))
            continue; /* no phrase starts with this word */
        for (size_t b = a + 2; b <= a + 5 && b <= n; b++) {
            if (b <= i)
                continue;
            int broken = 0;
            for (size_t k = a + 1; k < b; k++)
                broken |= (ck->ctx[k] & (T_NEWLINE | T_STOP)) != 0;
            if (broken)
                break;
            run_key(ck, s, t, a, b);
            if (wa_map_get(ck->accepted, ck->key.data, ck->key.len)) {
                for (size_t k = a; k < b; k++)
                    ck->ctx[k] |= T_NAME;
                return;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Glued words and spelling */


/* Finds the split of a glued word: both halves French, one a function word
 * or both four bytes or more.  Returns the split offset or 0. */
static size_t glued_split(wa_checker *ck, const char *s, size_t n)
{
    size_t best = 0;
    int best_score = -1;
    for (size_t i = 2; i + 2 <= n; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (wa_spell(ck->fr, s, i) != 1 || wa_spell(ck->fr, s + i, n - i) != 1)
            continue;
        int lf = word_is(ck, CK_CL_SHORT_FUNCTION, s, i),
            rf = word_is(ck, CK_CL_SHORT_FUNCTION, s + i, n - i);
        size_t mn = i < n - i ? i : n - i;
        int score;
        if (lf || rf)
            score = 100 + (int)(lf ? n - i : i);
        else if (mn >= 4)
            score = (int)mn;
        else
            continue;
        if (score > best_score) {
            best_score = score;
            best = i;
        }
    }
    return best;
}

/* Code and file names (nb_bloc, x86, utf8): not words to correct. */
static int identifier(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] == '_' || (w[i] >= '0' && w[i] <= '9'))
            return 1;
    return 0;
}

/* Adds bits (learned about the word of token k) to its W_* bits, in
 * ck->tinfo and in the word map: the next tokens of the word get them from
 * word_info(). */
static void remember(wa_checker *ck, const char *s, const wa_token *t, size_t k, unsigned bits)
{
    ck->tinfo[k] |= bits;
    void **v = wa_map_get(ck->words, s + t[k].start, t[k].end - t[k].start);
    if (v)
        *v = (void *)((uintptr_t)*v | bits);
}

/* The finding on token k, a word of no dictionary: glued words, else a
 * spelling mistake.  A glued split found for nothing (most unknown words
 * are names) is remembered with the word, not searched again; the close
 * word has a cache of its own (ck->close). */
static void spelling(wa_checker *ck, const char *s, const wa_token *t, size_t k)
{
    const wa_token *tk = &t[k];
    size_t n = tk->end - tk->start;
    const char *w = s + tk->start;
    if (!(tk->flags & WA_TOK_COMPOUND) && n >= 6 && !(ck->tinfo[k] & W_UNGLUED)) {
        size_t cut = glued_split(ck, w, n);
        if (cut) {
            wa_finding *f = add_finding(ck, WA_CHECK_GLUED, tk->start, tk->end,
                                        "\"%.*s\" looks like two words run together", (int)n, w);
            char buf[256];
            if (n + 2 < sizeof buf) {
                snprintf(buf, sizeof buf, "%.*s %.*s", (int)cut, w, (int)(n - cut), w + cut);
                add_suggestion(f, buf, strlen(buf));
            }
            return;
        }
        remember(ck, s, t, k, W_UNGLUED);
    }
    wa_finding *f = add_finding(ck, WA_CHECK_SPELLING, tk->start, tk->end,
                                "\"%.*s\" is not in the %s dictionary", (int)n, w,
                                ck->french ? "French" : "English");
    if (!f)
        return;
    /* Only the one close word (accents, or one edit on a long word): a
     * wrong first suggestion is worse than none.  Cached per word: the
     * search costs about a millisecond. */
    int created;
    void **v = wa_map_put(ck->close, w, n, &created);
    if (!v)
        return;
    if (created) {
        char *c = NULL;
        wa_spell_close(ck->main, w, n, &c);
        *v = c ? (void *)c : (void *)&ck->close;
    }
    if (*v != (void *)&ck->close)
        add_suggestion(f, *v, strlen(*v));
}

/* ------------------------------------------------------------------ */
/* Repeats */

static char fold_byte(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static int same_word(const char *s, const wa_token *x, const wa_token *y)
{
    size_t n = x->end - x->start;
    if (n != y->end - y->start)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (fold_byte(s[x->start + i]) != fold_byte(s[y->start + i]))
            return 0;
    }
    return 1;
}

/* Repeats, with the sentence spans: the two copies may not hold a sentence
 * start inside them; when the second copy starts a sentence, it is a
 * defect only in lower case ("dans un communiqué. un communiqué," is a
 * doubled fragment, "la paix. La paix est possible" is rhetoric).  A line
 * break that ends no sentence (hard-wrapped text) does not hide a doubled
 * word ("le\nle"). */
static uint64_t first_sig(const char *s, const wa_token *x)
{
    size_t n = x->end - x->start;
    return ((uint64_t)n << 8) | (n ? (unsigned char)fold_byte(s[x->start]) : 0u);
}

static void repeats(wa_checker *ck, const char *s, const wa_token *t, size_t n)
{
    /* the length and folded first byte of the last eight tokens: two
     * copies start with the same word, which most pairs do not; and, for
     * each of 256 buckets of signatures, the last token (+ 1) whose
     * signature falls in it: when that token lies further back than the
     * copies can reach, no earlier token within reach has the signature */
    uint64_t sig[8];
    size_t last[256] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t si = sig[i & 7] = first_sig(s, &t[i]);
        size_t bucket = (size_t)((si * 0x9E3779B97F4A7C15u) >> 56), prev = last[bucket];
        last[bucket] = i + 1;
        if (i == 0 || (ck->ctx[i] & (T_BOILER | T_DONE)))
            continue;
        size_t kmax = i < 6 ? i : 6;
        if (n - i < kmax)
            kmax = n - i;
        if (prev == 0 || i - (prev - 1) > kmax)
            continue;
        for (size_t k = 1; k <= kmax; k++) {
            /* tokens [i-k, i) and [i, i+k) */
            if (sig[(i - k) & 7] != si)
                continue;
            int eq = 1, inside = 0, content = 0;
            for (size_t j = 0; j < k && eq; j++) {
                eq = same_word(s, &t[i - k + j], &t[i + j]);
                inside |= j > 0 && (ck->ctx[i - k + j] & T_SENT);
                inside |= j > 0 && (ck->ctx[i + j] & T_SENT);
                content |= t[i + j].end - t[i + j].start >= 4;
            }
            if (!eq || inside)
                continue;
            if ((ck->ctx[i] & T_SENT) && (t[i].flags & WA_TOK_CAP))
                continue;
            if (k == 1) {
                /* a doubled word: only white space between (one line break
                 * at most), not "nous nous" */
                if (t[i].start - t[i - 1].end > 2 || tok_is(ck, i, CK_CL_DOUBLED_OK) ||
                    (t[i].flags & WA_TOK_ELISION) || (ck->ctx[i] & T_SENT))
                    continue;
                int other = 0;
                for (size_t g = t[i - 1].end; g < t[i].start; g++)
                    other |= s[g] != ' ' && s[g] != '\n';
                if (other || t[i].start == t[i - 1].end)
                    continue;
            } else if (!content) {
                continue;
            }
            wa_finding *f = add_finding(ck, WA_CHECK_REPEAT, t[i].start, t[i + k - 1].end,
                                        "\"%.*s\" repeated", (int)(t[i + k - 1].end - t[i].start),
                                        s + t[i].start);
            (void)f;
            for (size_t j = 0; j < k; j++)
                ck->ctx[i + j] |= T_DONE;
            break;
        }
    }
}

/* Narrows [*x, *y) past the spaces and tabs at its ends (and a '\r' at
 * the end). */
static void trim_line(const char *s, size_t *x, size_t *y)
{
    while (*x < *y && (s[*x] == ' ' || s[*x] == '\t'))
        (*x)++;
    while (*y > *x && (s[*y - 1] == ' ' || s[*y - 1] == '\t' || s[*y - 1] == '\r'))
        (*y)--;
}

/* Lines repeated whole (a headline printed twice): the later copies.  The
 * lines are kept by the hash of their text (eight bytes, stored in the
 * map's slot, no copy of the line), with where the first copy starts; a hit
 * is compared with that copy.  The map's own hash (eight bytes a step): the
 * hashes live only as long as the document's check. */
static void repeated_lines(wa_checker *ck, const char *s, size_t len)
{
    wa_map *seen = wa_map_new(64);
    if (!seen)
        return;
    for (size_t a = 0; a < len;) {
        const char *nl = memchr(s + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - s) : len;
        size_t x = a, y = b;
        trim_line(s, &x, &y);
        if (count_words(s + x, y - x) >= 7) {
            uint64_t h = wa_map_hash(s + x, y - x);
            int created;
            void **v = wa_map_put(seen, (const char *)&h, sizeof h, &created);
            if (v && created) {
                *v = (void *)(uintptr_t)(x + 1);
            } else if (v) {
                size_t fx = (uintptr_t)*v - 1;
                const char *fe = memchr(s + fx, '\n', len - fx);
                size_t fy = fe ? (size_t)(fe - s) : len;
                trim_line(s, &fx, &fy);
                if (fy - fx == y - x && memcmp(s + fx, s + x, y - x) == 0)
                    add_finding(ck, WA_CHECK_REPEAT, x, y, "line repeated");
            }
        }
        a = b + 1;
    }
    wa_map_free(seen);
}

/* ------------------------------------------------------------------ */
/* Name variants (check_variant.c over the names module) */

typedef struct vctx {
    wa_checker *ck;
    const wa_token *t;
    size_t n;
} vctx;

static void variant_emit(void *ctx, size_t a, size_t b, const char *msg, const char *sugg)
{
    vctx *v = ctx;
    wa_finding *f = add_finding(v->ck, WA_CHECK_VARIANT, a, b, "%s", msg);
    if (f && sugg)
        add_suggestion(f, sugg, strlen(sugg));
}

/* A span in English quotes, an English run or a boilerplate line. */
static int variant_english(void *ctx, size_t a, size_t b)
{
    vctx *v = ctx;
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->t[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < v->n && v->t[i].start < b; i++)
        if (v->ck->ctx[i] & (T_ENGQUOTE | T_ENGRUN | T_BOILER))
            return 1;
    return 0;
}

static int variant_common(void *ctx, const char *w, size_t n)
{
    vctx *v = ctx;
    return (word_info(v->ck, w, n, 0) & (W_FR | W_EN)) != 0;
}

static int variants(wa_checker *ck, const char *s, size_t len, const wa_token *t, size_t n,
                    wa_error *err)
{
    if (!ck->nm)
        return 0;
    vctx v = {ck, t, n};
    ck_variant_cb cb = {variant_emit, variant_english, variant_common, &v};
    /* The names stage only where a variant is possible. */
    size_t nw = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned fl = t[i].flags;
        if ((fl & (WA_TOK_UPPER | WA_TOK_ELISION)) || !(fl & (WA_TOK_CAP | WA_TOK_COMPOUND)))
            continue;
        if (wa_grow(&ck->capw, &ck->capcapw, nw, sizeof *ck->capw, 256))
            return wa_fail(err, WA_ENOMEM, "out of memory");
        ck->capw[nw++] = (wa_span){t[i].start, t[i].end};
    }
    int possible = ck_variant_possible(ck->vc, wa_names_translit(ck->nm), ck->lang, s, ck->capw,
                                       nw, &cb, err);
    if (possible <= 0)
        return possible;
    return ck_variants(ck->nm, ck->lang, s, len, ck->sents, ck->nsents, ck->ments, ck->nments,
                       &cb, err);
}

/* ------------------------------------------------------------------ */
/* The check */

static int inner_upper(const char *w, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (w[i] >= 'A' && w[i] <= 'Z')
            return 1;
    return 0;
}

static int find_cmp(const void *a, const void *b)
{
    const wa_finding *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    return (int)x->category - (int)y->category;
}

static int grow_ctx(wa_checker *ck, size_t n)
{
    if (n <= ck->capctx)
        return 0;
    size_t cap = n + n / 2 + 64;
    unsigned *c = wa_realloc(ck->ctx, cap * sizeof *c);
    if (!c)
        return WA_ENOMEM;
    ck->ctx = c;
    int *q = wa_realloc(ck->quote, cap * sizeof *q);
    if (!q)
        return WA_ENOMEM;
    ck->quote = q;
    unsigned *ti = wa_realloc(ck->tinfo, cap * sizeof *ti);
    if (!ti)
        return WA_ENOMEM;
    ck->tinfo = ti;
    ck->capctx = cap;
    return 0;
}

/* Cuts the document into lines (ck->fl), folds those of up to `max` bytes
 * into ck->lines and counts the short ones in doc.  Returns the number of
 * lines, or (size_t)-1 when out of memory. */
static size_t fold_lines(wa_checker *ck, const char *s, size_t len, size_t max, wa_map *doc)
{
    size_t nl = 0;
    ck->lines.len = 0;
    for (size_t a = 0; a < len; nl++) {
        const char *e = memchr(s + a, '\n', len - a);
        size_t b = e ? (size_t)(e - s) : len;
        if (nl == ck->capfl) {
            size_t cap = nl ? nl * 2 : 256;
            struct fline *p = wa_realloc(ck->fl, cap * sizeof *p);
            if (!p)
                return (size_t)-1;
            ck->fl = p;
            ck->capfl = cap;
        }
        ck->fl[nl] = (struct fline){b, (size_t)-1, 0, -1};
        if (b - a <= max) {
            ck->key.len = 0;
            ck_fold(s + a, b - a, &ck->key);
            ck->fl[nl].fold = ck->lines.len;
            ck->fl[nl].flen = ck->key.len;
            wa_buf_add(&ck->lines, ck->key.data, ck->key.len + 1);
            if (ck->key.failed || ck->lines.failed)
                return (size_t)-1;
            if (b - a <= 200)
                ck->fl[nl].is_short = line_is_short(ck->key.data, ck->key.len);
            if (ck->fl[nl].is_short > 0) {
                void **v = wa_map_put(doc, ck->key.data, ck->key.len, NULL);
                if (!v)
                    return (size_t)-1;
                *v = (void *)((uintptr_t)*v + 1);
            }
        }
        a = b + 1;
    }
    return nl;
}

/* A line shaped like the title of an article: a capital first, two to
 * fifteen words, no tab, not ended by . , ; or : (a label). */
static int title_shaped(const char *s, size_t a, size_t b)
{
    size_t x = a, y = b;
    trim_line(s, &x, &y);
    size_t nw = x < y ? count_words(s + x, y - x) : 0;
    if (nw < 2 || nw > 15 || y - x > 150 || s[y - 1] == '.' || s[y - 1] == ',' ||
        s[y - 1] == ';' || s[y - 1] == ':' || memchr(s + x, '\t', y - x))
        return 0;
    /* a line ending with a short lower-case word ("à la", "de") is a
     * hard-wrapped sentence */
    size_t w = y;
    while (w > x && s[w - 1] >= 'a' && s[w - 1] <= 'z')
        w--;
    if (y - w <= 3 && (w == x || s[w - 1] == ' '))
        return 0;
    unsigned char c = (unsigned char)s[x];
    return (c >= 'A' && c <= 'Z') || c == 0xC3 || c == 0xC5; /* À-Þ, Œ */
}

/* Line k of the document without its outer spaces: [*x, *y). */
static void line_span(const wa_checker *ck, const char *s, size_t k, size_t *x, size_t *y)
{
    *x = k ? ck->fl[k - 1].end + 1 : 0;
    *y = ck->fl[k].end;
    trim_line(s, x, y);
}

/* Whether line k goes on into the next one: the next line starts with a
 * lower-case letter (a hard-wrapped sentence, not a title). */
static int wrapped_on(const wa_checker *ck, const char *s, size_t k, size_t nl)
{
    if (k + 1 >= nl)
        return 0;
    size_t x, y;
    line_span(ck, s, k + 1, &x, &y);
    return x < y && lower_start(s + x, y - x);
}

/* Titles of other articles left with the site's lines: a run of
 * title-shaped lines (at most eight) right after a short site line ("À
 * lire aussi", "Les plus lus", a breadcrumb), up to the end of the text or
 * to another boilerplate line.
 * A run that goes on into the story (a standfirst) is the story's. */
static void related_titles(wa_checker *ck, const char *s, const char **why, size_t nl)
{
    int after_boiler = 0;
    for (size_t k = 0; k < nl;) {
        size_t x, y;
        line_span(ck, s, k, &x, &y);
        if (why[k] || x == y) {
            /* the site's own lines, not lines repeated across documents */
            if (why[k])
                after_boiler = (why[k] == line_reason_site || why[k] == line_reason_nav ||
                                why[k] == line_reason_iface) &&
                               count_words(s + x, y - x) <= 5;
            k++;
            continue;
        }
        if (!after_boiler) {
            k++; /* a run not after a site line marks nothing */
            continue;
        }
        size_t e = k;
        int titles = 1;
        for (; e < nl && !why[e]; e++) {
            line_span(ck, s, e, &x, &y);
            if (x != y && (!title_shaped(s, x, y) || wrapped_on(ck, s, e, nl))) {
                titles = 0;
                break;
            }
        }
        if (titles && e - k <= 8)
            for (size_t q = k; q < e; q++) {
                line_span(ck, s, q, &x, &y);
                if (x != y)
                    why[q] = line_reason_related;
            }
        after_boiler = 0;
        k = e > k ? e : k + 1;
    }
}

/* Marks boilerplate lines and reports them. */
static int boilerplate(wa_checker *ck, const char *s, size_t len, const wa_token *t, size_t n)
{
    wa_map *doc = wa_map_new(256);
    if (!doc)
        return WA_ENOMEM;
    size_t nl = fold_lines(ck, s, len, 300, doc);
    const char **why = nl != (size_t)-1 ? wa_calloc(nl + 1, sizeof *why) : NULL;
    if (!why) {
        wa_map_free(doc);
        return WA_ENOMEM;
    }
    int first = 1;
    size_t a = 0;
    for (size_t k = 0; k < nl; k++) {
        size_t b = ck->fl[k].end;
        if (ck->fl[k].fold != (size_t)-1) {
            size_t fl = ck->fl[k].flen;
            why[k] = boiler_reason(ck, doc, ck->lines.data + ck->fl[k].fold, fl,
                                   ck->fl[k].is_short, first, lower_start(s + a, b - a));
            if (fl)
                first = 0;
        } else {
            first = 0;
        }
        a = b + 1;
    }
    related_titles(ck, s, why, nl);
    size_t ti = 0;
    a = 0;
    for (size_t k = 0; k < nl; k++) {
        size_t b = ck->fl[k].end;
        while (ti < n && t[ti].start < a)
            ti++;
        if (why[k]) {
            size_t x = a, y = b;
            trim_line(s, &x, &y);
            add_finding(ck, WA_CHECK_BOILERPLATE, x, y, "%s", why[k]);
            for (size_t q = ti; q < n && t[q].start < b; q++)
                ck->ctx[q] |= T_BOILER;
        }
        a = b + 1;
    }
    free(why);
    wa_map_free(doc);
    return 0;
}

/* Whether a word valid in French cannot agree with a determiner of the
 * gender given (1 feminine, 2 masculine): every noun or adjective reading
 * is of the other gender ("la scenario", "la capital", "un sure nombre",
 * "au massive"), and no verb reading can follow the determiner (verb_ok,
 * from verb_after_det()).  Returns the gender or 0. */
static int wrong_gender(unsigned m, int gender, int verb_ok)
{
    const unsigned mas = WA_MORPH_NOUN_MAS | WA_MORPH_ADJ_MAS,
                   fem = WA_MORPH_NOUN_FEM | WA_MORPH_ADJ_FEM;
    if (!(m & (WA_MORPH_NOUN | WA_MORPH_ADJ)) || ((m & WA_MORPH_VERB) && verb_ok))
        return 0;
    if ((m & WA_MORPH_VERB) && (m & (WA_MORPH_ADV | WA_MORPH_OTHER)))
        return 0; /* "la plus grande": plus is also an adverb (and "je plus") */
    if (gender == 1 && (m & mas) && !(m & fem))
        return 1;
    if (gender == 2 && (m & fem) && !(m & mas))
        return 2;
    return 0;
}

/* Whether French reads a word only as a finite verb ("pressure": je
 * pressure, il pressure), never as a noun, adjective, adverb, function word,
 * infinitive or participle. */
static int finite_only(unsigned m)
{
    return (m & WA_MORPH_FINITE) &&
           !(m & (WA_MORPH_NOUN | WA_MORPH_ADJ | WA_MORPH_ADV | WA_MORPH_OTHER |
                   WA_MORPH_NONFINITE));
}


/* Whether the token before t[i] is an article (not a clitic pronoun):
 * after a determiner that is never a pronoun; after "de la", "dans les"
 * (a preposition), after a verb, or opening a sentence, le/la/les are
 * articles (a pronoun le/la/les stands before a verb only after its
 * subject). */
static int article_before(wa_checker *ck, const char *s, const wa_token *t, size_t i)
{
    if (i == 0 || (ck->ctx[i] & T_NEWLINE))
        return 0;
    unsigned c = tok_classes(ck, i - 1);
    if (c & CL(ARTICLE))
        return 1;
    if (!(c & CL(DEF_ARTICLE)))
        return 0;
    if (ck->ctx[i - 1] & T_SENT)
        return 1;
    if (i < 2 || (ck->ctx[i - 1] & T_NEWLINE))
        return 0;
    if (tok_is(ck, i - 2, CK_CL_PREPOSITION))
        return 1;
    /* After a word that can only be a verb ("réduire la", "veut la"): the
     * subject of a clitic cannot be a verb. */
    unsigned m = tok_morph(ck, s, t, i - 2);
    return (m & WA_MORPH_VERB) &&
           !(m & (WA_MORPH_NOUN | WA_MORPH_ADJ | WA_MORPH_ADV | WA_MORPH_OTHER));
}

/* Whether a verb reading of t[i] (morphology m) can follow the token
 * before it, a determiner-like word: a participle always may (it is read as
 * an adjective); a finite form unless t[i-1] is surely an article; an
 * infinitive only after a clitic le/la/les/l' and when its verb takes a
 * direct object ("pour la placer", but not "à la flipper": flipper is
 * intransitive, and not "une booster": une is never a pronoun). */
static int verb_after_det(wa_checker *ck, const char *s, const wa_token *t, size_t i, unsigned m)
{
    if (!(m & WA_MORPH_VERB))
        return 0;
    if (m & WA_MORPH_PARTICIPLE)
        return 1;
    if ((m & WA_MORPH_FINITE) && !article_before(ck, s, t, i))
        return 1;
    return (m & WA_MORPH_NONFINITE) && (m & WA_MORPH_TRANSITIVE) &&
           (tok_is(ck, i - 1, CK_CL_DEF_ARTICLE) || (t[i - 1].flags & WA_TOK_ELISION));
}



/* Whether only spaces lie between offsets a and b. */
static int next_to(const char *s, size_t a, size_t b)
{
    for (; a < b; a++)
        if (s[a] != ' ')
            return 0;
    return 1;
}


/* Whether t[i] follows a count above one: a cardinal word ("deux") or a
 * number written in digits, with a decimal comma or thousands spaces ("7,2",
 * "12 000"), whose whole part is 2 or more and that is not a year (4 digits
 * from 1000 to 2199) nor glued to letters ("A320", "G7", "Covid-19"). */
static int after_count(wa_checker *ck, const char *s, const wa_token *t, size_t i, size_t *from)
{
    size_t p = t[i].start;
    if (i > 0 && (tok_classes(ck, i - 1) & (CL(CARDINAL) | CL(PLURAL_DET)))) {
        *from = t[i - 1].start;
        return next_to(s, t[i - 1].end, p);
    }
    size_t e = p;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    if (e == p || e == 0 || s[e - 1] < '0' || s[e - 1] > '9')
        return 0;
    size_t b = e, comma = 0;
    while (b > 0) {
        char c = s[b - 1];
        if (c >= '0' && c <= '9')
            b--;
        else if ((c == ',' || c == ' ') && b >= 2 && s[b - 2] >= '0' && s[b - 2] <= '9') {
            if (c == ',')
                comma = b - 1;
            b--;
        } else
            break;
    }
    if (b > 0) {
        unsigned char c = (unsigned char)s[b - 1];
        if (c != ' ' && c != '(' && c != '\n' && c != '\t' && c != 0xA0 && c != 0xAF)
            return 0; /* A320, G7, Covid-19, 3.5 */
    }
    size_t whole_end = comma ? comma : e;
    unsigned long v = 0;
    size_t digits = 0;
    for (size_t k = b; k < whole_end; k++)
        if (s[k] >= '0' && s[k] <= '9') {
            v = v < 1000000 ? v * 10 + (unsigned long)(s[k] - '0') : v;
            digits++;
        }
    if (!comma && digits == whole_end - b && digits == 4 && v >= 1000 && v <= 2199)
        return 0;
    /* A label, not a count: "article 49 alinéa", "Ligue 1 match", "COP 28" */
    if (i > 0 && t[i - 1].end < b && next_to(s, t[i - 1].end, b) &&
        (tok_is(ck, i - 1, CK_CL_NUMBER_LABEL) || (t[i - 1].flags & (WA_TOK_CAP | WA_TOK_UPPER))))
        return 0;
    *from = b;
    return v >= 2;
}

/* Whether French reads t[i] only as an infinitive and the word before is an
 * article it cannot follow: a determiner that is never a pronoun ("un
 * observer", "une border"), or le/la/les/l' before an intransitive verb
 * (a clitic needs a verb with an object: "pour l'observer" stays). */
static int infinitive_after_article(const wa_checker *ck, size_t i, unsigned m)
{
    const unsigned other = WA_MORPH_NOUN | WA_MORPH_ADJ | WA_MORPH_ADV | WA_MORPH_OTHER |
                           WA_MORPH_FINITE | WA_MORPH_PARTICIPLE;
    if (!(m & WA_MORPH_NONFINITE) || (m & other))
        return 0;
    unsigned c = tok_classes(ck, i - 1);
    if (c & CL(ARTICLE))
        return 1;
    return (c & CL(DEF_ARTICLE)) && !(m & WA_MORPH_TRANSITIVE);
}

/* The gender a determiner gives word i across one adjective of the
 * fr-prenominal-adjectives class that agrees with it ("au second
 * excursion": au, masculine, then second, a masculine adjective): 1
 * feminine, 2 masculine, 0 when the words are not so. */
static int gender_over_adjective(wa_checker *ck, const char *s, const wa_token *t, size_t i)
{
    if (i < 2 || (ck->ctx[i] & (T_NEWLINE | T_STOP)) || (ck->ctx[i - 1] & (T_NEWLINE | T_STOP)) ||
        !next_to(s, t[i - 2].end, t[i - 1].start) || !next_to(s, t[i - 1].end, t[i].start) ||
        (t[i - 1].flags & (WA_TOK_CAP | WA_TOK_ELISION)))
        return 0;
    unsigned d = tok_classes(ck, i - 2);
    int g = (d & CL(FEM_DET)) ? 1 : (d & CL(MAS_DET)) ? 2 : 0;
    if (!g || !tok_is(ck, i - 1, CK_CL_PRENOMINAL))
        return 0;
    unsigned pm = tok_morph(ck, s, t, i - 1);
    unsigned agree = g == 1 ? WA_MORPH_ADJ_FEM : WA_MORPH_ADJ_MAS;
    if (!(pm & WA_MORPH_ADJ) || !(pm & agree) || (pm & (WA_MORPH_VERB | WA_MORPH_OTHER)))
        return 0;
    return g;
}

static wa_finding *context_finding(wa_checker *ck, const char *s, const wa_token *t, size_t n,
                                   size_t i, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* A loanword finding on token i, a word valid in both languages that its
 * context shows English; none (NULL) when the word lies inside an accepted
 * English phrase ("des swing states": swing is French too).  The phrase is
 * looked up only here, before a finding, not for every such word. */
static wa_finding *context_finding(wa_checker *ck, const char *s, const wa_token *t, size_t n,
                                   size_t i, const char *fmt, ...)
{
    mark_phrases(ck, s, t, n, i);
    if (ck->ctx[i] & T_NAME)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    wa_finding *f = add_findingv(ck, WA_CHECK_LOANWORD, t[i].start, t[i].end, fmt, ap);
    va_end(ap);
    return f;
}

/* The gender finding: the words from token `from` (the determiner) to
 * token i, m the French readings of word i, bad what wrong_gender() said. */
static void gender_finding(wa_checker *ck, const char *s, const wa_token *t, size_t n, size_t i,
                           size_t from, unsigned m, int bad, int gender)
{
    const char *w = s + t[i].start;
    size_t wl = t[i].end - t[i].start;
    wa_finding *f = context_finding(
        ck, s, t, n, i, "\"%.*s\": the French %s is %s; English \"%.*s\" left by a translation?",
        (int)(t[i].end - t[from].start), s + t[from].start,
        (m & WA_MORPH_NOUN) ? "noun" : "adjective", bad == 1 ? "masculine" : "feminine", (int)wl,
        w);
    suggest_french(ck, f, w, wl, gender, 1);
}

static void loanword(wa_checker *ck, const char *s, const wa_token *t, size_t n, size_t i,
                     unsigned info)
{
    const wa_token *tk = &t[i];
    size_t wl = tk->end - tk->start;
    const char *w = s + tk->start;
    int prev_ok = i > 0 && !(ck->ctx[i] & T_NEWLINE);
    int next_ok = i + 1 < n && !(ck->ctx[i + 1] & T_NEWLINE);
    unsigned pinfo = prev_ok ? ck->tinfo[i - 1] : 0;
    unsigned ninfo = next_ok ? ck->tinfo[i + 1] : 0;
    int gender = 0;
    unsigned pclass = prev_ok ? tok_classes(ck, i - 1) : 0;
    int after_det = prev_ok && ((pclass & CL(GOVERNOR)) || (t[i - 1].flags & WA_TOK_ELISION));
    /* the determiner right before the word ("au 12 rue" is an address) */
    int det_ok = prev_ok && next_to(s, t[i - 1].end, tk->start);
    if (det_ok && (pclass & CL(FEM_DET)))
        gender = 1;
    else if (det_ok && (pclass & CL(MAS_DET)))
        gender = 2;
    int english_only = (info & W_EN) && !(info & W_FR);
    if (english_only) {
        int french_prev = prev_ok && (pinfo & W_FR);
        int french_next = next_ok && (ninfo & W_FR) && !(t[i + 1].flags & WA_TOK_CAP);
        if (!french_prev && !french_next && !after_det)
            return;
        wa_finding *f = add_finding(ck, WA_CHECK_LOANWORD, tk->start, tk->end,
                                    "English word \"%.*s\" in French text", (int)wl, w);
        suggest_french(ck, f, w, wl, gender, after_det);
        return;
    }
    if (!(info & W_EN) || !(info & W_FR) || !prev_ok)
        return;
    /* Valid in both: the context shows the English reading. */
    unsigned m = gender || after_det ? tok_morph(ck, s, t, i) : 0;
    int bad_gender = gender ? wrong_gender(m, gender, verb_after_det(ck, s, t, i, m)) : 0;
    if (!gender && !bad_gender) {
        int g = gender_over_adjective(ck, s, t, i);
        if (g) {
            m = tok_morph(ck, s, t, i);
            /* a noun and nothing else: no verb, adjective or function word reading */
            if ((m & WA_MORPH_NOUN) && !(m & (WA_MORPH_ADJ | WA_MORPH_VERB | WA_MORPH_OTHER)))
                bad_gender = wrong_gender(m, g, 0);
            if (bad_gender) {
                gender_finding(ck, s, t, n, i, i - 2, m, bad_gender, g);
                return;
            }
        }
    }
    if (bad_gender) {
        gender_finding(ck, s, t, n, i, i - 1, m, bad_gender, gender);
        return;
    }
    if ((finite_only(m) && article_before(ck, s, t, i)) ||
        (det_ok && infinitive_after_article(ck, i, m))) {
        wa_finding *f = context_finding(
            ck, s, t, n, i,
            "\"%.*s %.*s\": a French verb after an article; English \"%.*s\" left by a "
            "translation?",
            (int)(t[i - 1].end - t[i - 1].start), s + t[i - 1].start, (int)wl, w, (int)wl, w);
        suggest_french(ck, f, w, wl, gender, 1);
        return;
    }
    /* A count above one takes a plural: "7,2 penny", "deux set" (a noun with
     * no plural reading and no other part of speech). */
    size_t from = 0;
    /* (not an accepted anglicism, often invariable: "les must"; not a
     * compound, "les start-up"; not the first of two English nouns, "des
     * crash tests") */
    if (!(info & W_LIST) && !(tk->flags & WA_TOK_COMPOUND) && after_count(ck, s, t, i, &from)) {
        m = tok_morph(ck, s, t, i);
        const unsigned other = WA_MORPH_VERB | WA_MORPH_ADJ | WA_MORPH_ADV | WA_MORPH_OTHER;
        int english_next = next_ok && (ninfo & W_EN) && !(t[i + 1].flags & WA_TOK_CAP);
        if (english_next && (ninfo & W_FR)) {
            unsigned nm = tok_morph(ck, s, t, i + 1);
            english_next = (nm & WA_MORPH_NOUN) && (nm & WA_MORPH_PLURAL);
        }
        if ((m & WA_MORPH_NOUN) && (m & WA_MORPH_SINGULAR) && !(m & (WA_MORPH_PLURAL | other)) &&
            !english_next) {
            const char *c = s + from;
            wa_finding *f = context_finding(
                ck, s, t, n, i,
                "\"%.*s\": a French noun after a plural count or determiner takes the plural; English \"%.*s\" left "
                "by a translation?",
                (int)(tk->end - (size_t)(c - s)), c, (int)wl, w);
            suggest_french(ck, f, w, wl, 0, 0);
            return;
        }
    }
    /* Accepted anglicisms often keep "le" whole: "le one-man-show". */
    if (!(info & W_LIST) && tok_is(ck, i - 1, CK_CL_NO_ELISION) && starts_with_vowel(w, wl) &&
        t[i - 1].end + 1 == tk->start && s[t[i - 1].end] == ' ') { /* not "de 45 ans" */
        wa_finding *f = context_finding(ck, s, t, n, i,
                                    "\"%.*s %.*s\" without elision: English \"%.*s\"?",
                                    (int)(t[i - 1].end - t[i - 1].start), s + t[i - 1].start,
                                    (int)wl, w, (int)wl, w);
        suggest_french(ck, f, w, wl, gender, 1);
    }
}

/* A capitalized English word inside a French phrase: a French article or
 * elided article just before it, a lower-case French word,
 * preposition or article just after it, nothing capitalized on either side
 * ("La Fee européenne", "l'Organisation des Countries unies", "au Trade
 * extérieur", "au Carnival de Cannes": a spinner
 * swapped a word of an institution's name).  Names and titles known to the
 * lists ("la Fed américaine", "le Labour britannique") are not, nor
 * words of two letters ("plus de Vi que de Vim"). */
static int governed_english_cap(wa_checker *ck, const char *s, const wa_token *t, size_t n,
                                size_t i, unsigned info)
{
    if (!ck->french || i == 0 || i + 1 >= n || t[i].end - t[i].start < 3 ||
        !(t[i].flags & WA_TOK_ASCII) ||
        (t[i].flags & WA_TOK_UPPER) || !(info & W_EN) || (info & (W_FR | W_LIST)))
        return 0;
    if ((ck->ctx[i] & (T_NEWLINE | T_STOP)) || (ck->ctx[i + 1] & (T_NEWLINE | T_STOP)) ||
        !next_to(s, t[i - 1].end, t[i].start) || !next_to(s, t[i].end, t[i + 1].start))
        return 0;
    const wa_token *p = &t[i - 1], *q = &t[i + 1];
    /* an article, not a bare preposition: brands go without one ("sur
     * Twitch", "chez Slack"), institutions with one ("la Commission") */
    int governed = (p->flags & WA_TOK_ELISION) ||
                   (tok_classes(ck, i - 1) & (CL(ARTICLE) | CL(DEF_ARTICLE)));
    if (!governed || (q->flags & WA_TOK_CAP))
        return 0;
    /* the next word French only, or a French preposition or article that
     * English may also list ("de", "la") */
    unsigned ni = ck->tinfo[i + 1];
    int french_next = ((ni & W_FR) && !(ni & W_EN)) || (q->flags & WA_TOK_ELISION) ||
                      (tok_classes(ck, i + 1) &
                       (CL(PREPOSITION) | CL(ARTICLE) | CL(DEF_ARTICLE)));
    if (!french_next)
        return 0;
    /* English in lower case too: Hunspell's English list holds proper
     * names (Chardin), which are no loanwords. */
    size_t wl = t[i].end - t[i].start;
    char lw[128];
    if (!lower_copy(ck, s + t[i].start, wl, lw, sizeof lw))
        return 0;
    unsigned li = word_info(ck, lw, wl, t[i].flags & ~(unsigned)WA_TOK_CAP);
    if (!(li & W_EN) || (li & (W_FR | W_LIST)))
        return 0;
    return !is_accepted(ck, s + t[i].start, wl, 1);
}

/* Whether token i follows an elided l' or d' glued to it and starts with
 * a consonant other than h: the elision was made for another word ("L'Bureau
 * national" for l'Office, "à l'write-up" for l'article).  Acronyms (all
 * capitals, skipped before) read their letters: "l'FMI" is not asked. */
static int elided_before_consonant(const char *s, const wa_token *t, size_t i)
{
    if (i == 0 || !(t[i - 1].flags & WA_TOK_ELISION) || t[i - 1].end != t[i].start)
        return 0;
    char e = (char)(s[t[i - 1].start] | 0x20);
    if (e != 'l' && e != 'd')
        return 0;
    char c = s[t[i].start];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        return 0;
    return !strchr("aeiouyh", c | 0x20);
}

int wa_check(wa_checker *ck, const char *s, size_t len, wa_finding **out, size_t *nout,
             wa_error *err)
{
    *out = NULL;
    *nout = 0;
    wa_span *sent = NULL;
    size_t nsent = 0;
    int rc = wa_split(ck->split, s, len, &sent, &nsent, err);
    if (rc)
        return rc;
    rc = wa_check_split(ck, s, len, sent, nsent, out, nout, err);
    wa_free(sent);
    return rc;
}

int wa_check_mentions(wa_checker *ck, const char *s, size_t len, const wa_span *sent,
                      size_t nsent, const wa_mention *m, size_t nm, wa_finding **out,
                      size_t *nout, wa_error *err)
{
    static const wa_mention none;
    ck->ments = m ? m : &none;
    ck->nments = m ? nm : 0;
    int rc = wa_check_split(ck, s, len, sent, nsent, out, nout, err);
    ck->ments = NULL;
    ck->nments = 0;
    return rc;
}

int wa_check_split(wa_checker *ck, const char *s, size_t len, const wa_span *sent, size_t nsent,
                   wa_finding **out, size_t *nout, wa_error *err)
{
    *out = NULL;
    *nout = 0;
    ck->found = NULL;
    ck->nfound = ck->capfound = 0;
    const wa_token *t;
    size_t n;
    int rc = wa_tokenize(ck->tk, s, len, &t, &n, err);
    if (rc)
        return rc;
    ck->sents = sent;
    ck->nsents = nsent;
    if (grow_ctx(ck, n + 1))
        return wa_fail(err, WA_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        size_t a = i ? t[i - 1].end : 0;
        unsigned c = 0;
        for (size_t k = a; k < t[i].start; k++) {
            unsigned char ch = (unsigned char)s[k];
            if (ch == ' ')
                continue;
            if (ch == '\n')
                c |= T_NEWLINE | T_STOP;
            else if (ch == '.' || ch == '!' || ch == '?' ||
                     (ch == 0xE2 && k + 2 < t[i].start && (unsigned char)s[k + 1] == 0x80 &&
                      (unsigned char)s[k + 2] == 0xA6))
                c |= T_STOP | T_SENTPUNCT;
            else if (ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '[' || ch == ']')
                c |= T_STOP;
        }
        ck->ctx[i] = c & ~(unsigned)T_SENT;
    }
    sentence_starts(ck, t, n, sent, nsent);
    int nq = 0;
    mark_quotes(ck, s, t, n, &nq);
    if ((rc = boilerplate(ck, s, len, t, n)))
        goto fail;
    /* Word verdicts, English quotes and English runs. */
    int *qen = wa_calloc((size_t)nq + 1, sizeof *qen), *qfr = wa_calloc((size_t)nq + 1, sizeof *qfr);
    if (!qen || !qfr) {
        free(qen);
        free(qfr);
        rc = WA_ENOMEM;
        goto fail;
    }
    size_t run = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned info = 0;
        int eng = 0;
        if (i < n) {
            if (i + PREFETCH_AHEAD < n)
                wa_map_prefetch(ck->words, s + t[i + PREFETCH_AHEAD].start,
                                t[i + PREFETCH_AHEAD].end - t[i + PREFETCH_AHEAD].start);
            info = ck->tinfo[i] = word_info(ck, s + t[i].start, t[i].end - t[i].start, t[i].flags);
            eng = ((info & W_EN) && !(info & W_FR) && !(info & W_LIST)) || (info & W_EN_FUNC);
            if (ck->quote[i]) {
                if (eng)
                    qen[ck->quote[i]]++;
                else if ((info & W_FR) && !(info & W_EN))
                    qfr[ck->quote[i]]++;
            }
        }
        int breaks = i == n || !eng || (ck->ctx[i] & (T_NEWLINE | T_STOP));
        if (breaks) {
            if (run >= 3)
                for (size_t k = i - run; k < i; k++)
                    ck->ctx[k] |= T_ENGRUN;
            run = 0;
        }
        if (i < n && eng)
            run++;
    }
    for (size_t i = 0; i < n; i++) {
        int q = ck->quote[i];
        if (q && qen[q] >= 1 && (qfr[q] == 0 || qen[q] > 2 * qfr[q]))
            ck->ctx[i] |= T_ENGQUOTE;
    }
    free(qen);
    free(qfr);
    if (ck->french)
        check_runs(ck, s, t, n);
    for (size_t i = 0; i < n; i++) {
        unsigned c = ck->ctx[i];
        if (c & (T_BOILER | T_NAME | T_DONE | T_ENGRUN | T_ENGQUOTE))
            continue;
        const wa_token *tk = &t[i];
        if (tk->flags & (WA_TOK_ELISION | WA_TOK_UPPER))
            continue;
        const char *w = s + tk->start;
        size_t wl = tk->end - tk->start;
        if (inner_upper(w, wl))
            continue; /* iPhone, eBay, McDonald */
        unsigned info = ck->tinfo[i];
        /* (an English-only word is reported below, with a suggestion) */
        if (ck->french && !((info & W_EN) && !(info & W_FR)) &&
            elided_before_consonant(s, t, i)) {
            add_finding(ck, WA_CHECK_LOANWORD, tk->start, tk->end,
                        "\"%.*s\": an elided article before a consonant; a word that started "
                        "with a vowel was replaced?",
                        (int)(tk->end - t[i - 1].start), s + t[i - 1].start);
            continue;
        }
        if (info & W_LIST) {
            /* An accepted anglicism has a French gender: "la stress" still
             * tells a translation left in place. */
            if (ck->french && (info & W_FR) && (info & W_EN))
                loanword(ck, s, t, n, i, info);
            continue;
        }
        if (ck->french && (info & W_EN) && !(info & W_FR) && !(tk->flags & WA_TOK_CAP)) {
            mark_phrases(ck, s, t, n, i);
            if (ck->ctx[i] & T_NAME)
                continue;
        }
        if ((tk->flags & WA_TOK_CAP) && governed_english_cap(ck, s, t, n, i, info)) {
            wa_finding *f = add_finding(ck, WA_CHECK_LOANWORD, tk->start, tk->end,
                                        "English word \"%.*s\" in French text", (int)wl, w);
            char lw[128];
            if (lower_copy(ck, w, wl, lw, sizeof lw))
                suggest_french(ck, f, lw, wl, 0, 0);
            continue;
        }
        if (tk->flags & WA_TOK_CAP) {
            /* Names and titles; only a sentence-initial English word with a
             * French word after it is looked at. */
            if (!ck->french || !(c & T_SENT) || !(tk->flags & WA_TOK_ASCII) || i + 1 >= n ||
                (t[i + 1].flags & WA_TOK_CAP) || (ck->ctx[i + 1] & (T_NEWLINE | T_STOP)))
                continue;
            char lw[128];
            if (!lower_copy(ck, w, wl, lw, sizeof lw))
                continue;
            unsigned li = word_info(ck, lw, wl, tk->flags);
            unsigned ni = ck->tinfo[i + 1];
            if ((li & W_EN) && !(li & (W_FR | W_LIST)) && (ni & W_FR) && !(ni & W_EN) &&
                !is_accepted(ck, w, wl, 1)) {
                wa_finding *f = add_finding(ck, WA_CHECK_LOANWORD, tk->start, tk->end,
                                            "English word \"%.*s\" in French text", (int)wl, w);
                suggest_french(ck, f, lw, wl, 0, 0);
            }
            continue;
        }
        if (ck->french && (info & W_EN)) {
            loanword(ck, s, t, n, i, info);
            continue;
        }
        int ok = ck->french ? (info & W_FR) : (info & W_EN);
        if (!ok && !identifier(w, wl))
            spelling(ck, s, t, i);
    }
    repeats(ck, s, t, n);
    repeated_lines(ck, s, len);
    if ((rc = variants(ck, s, len, t, n, err))) {
        wa_findings_free(ck->found, ck->nfound);
        ck->found = NULL;
        ck->nfound = ck->capfound = 0;
        return rc;
    }
    if (ck->nfound > 1)
        qsort(ck->found, ck->nfound, sizeof *ck->found, find_cmp);
    *out = ck->found;
    *nout = ck->nfound;
    ck->found = NULL;
    ck->nfound = ck->capfound = 0;
    return 0;
fail:
    wa_findings_free(ck->found, ck->nfound);
    ck->found = NULL;
    ck->nfound = ck->capfound = 0;
    return wa_fail(err, rc, "out of memory");
}
