/*
 * wirealign/report.h - the report of a whole job: every wire's text with
 * its sentences, findings and name mentions marked, a summary table, the
 * alias table, as one self-contained HTML page (inline CSS and script, no
 * network) and as a plain-text summary for the terminal.
 *
 * The work is split so that documents can be rendered in parallel and the
 * page assembled in order with bounded memory:
 *   1. wa_report_render() turns one document into a wa_report_part (its HTML
 *      fragment and its summary row).  It touches no shared state: call it
 *      from any thread.
 *   2. wa_report_add() appends parts to a wa_report in document order (one
 *      thread).  The fragment goes to a spool (a caller-given file, or
 *      memory); only the summary row stays in memory.
 *   3. wa_report_set_aliases() gives the alias table (entities and their
 *      variants), once every document is in.
 *   4. wa_report_write_html() writes the page; wa_report_write_text() writes
 *      the terminal summary (alias table and totals).
 *
 * Name mentions are resolved to entities only at step 4, by their variant
 * form, so that documents can be rendered before names are clustered.
 */
#ifndef WIREALIGN_REPORT_H
#define WIREALIGN_REPORT_H

#include <stdio.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of marked spans. */
enum {
    WA_MARK_FINDING = 1, /* a finding: category, message, suggestions */
    WA_MARK_NAME = 2,    /* a name mention: `name` is its variant form */
    WA_MARK_REPAIR = 3   /* a mojibake repair made while reading */
};

/** One marked span of a document.  Spans may overlap each other and the
 *  sentences in any way; the writer nests or splits the elements. */
typedef struct wa_report_mark {
    wa_span span;       /* byte span into the document's text */
    int kind;           /* WA_MARK_* */
    const char *category; /* FINDING: "loanword", "spelling", ...; required */
    const char *name;   /* NAME: the variant as the alias table lists it */
    const char *message;  /* FINDING/REPAIR: one line; may be NULL */
    const char *const *suggestions; /* FINDING: best first; may be NULL */
    size_t n_suggestions;
} wa_report_mark;

/** One document, as the stages left it.  Everything is borrowed for the
 *  call to wa_report_render() only. */
typedef struct wa_report_doc {
    const char *name;       /* display name (a path); any bytes */
    size_t index;           /* position in the report from 0; unique */
    const char *text;       /* normalized UTF-8 */
    size_t len;
    const char *encoding;   /* e.g. "UTF-8", "windows-1252"; may be NULL */
    const char *encoding_source; /* "valid-utf8", "detected", ...; may be NULL */
    int confidence;         /* 0..100 */
    size_t replaced;        /* bytes replaced by U+FFFD */
    const wa_span *sentences; /* in order; ignored unless WA_REPORT_SENTENCES */
    size_t n_sentences;
    const wa_report_mark *marks; /* any order */
    size_t n_marks;
} wa_report_doc;

/** The sections a report has: one flag per stage that ran.  A section whose
 *  stage did not run is left out (no empty columns, no zero counts). */
enum {
    WA_REPORT_SENTENCES = 1,
    WA_REPORT_FINDINGS = 2,
    WA_REPORT_NAMES = 4
};

typedef struct wa_report_opts {
    /** Page title; NULL means "wirealign report". */
    const char *title;
    /** Language of the wires' text (the lang attribute); NULL means "fr". */
    const char *lang;
    /** WA_REPORT_* flags. */
    int sections;
    /** Where document fragments wait until the page is written: a file
     *  opened for reading and writing (e.g. from tmpfile()), owned by the
     *  caller, positioned at its start.  NULL keeps them in memory. */
    FILE *spool;
} wa_report_opts;

/** One rendered document.  Opaque. */
typedef struct wa_report_part wa_report_part;

/** A report being assembled.  Opaque; not safe to share between threads. */
typedef struct wa_report wa_report;

/** One variant of an entity in the alias table. */
typedef struct wa_report_variant {
    const char *form;   /* as NAME marks give it in `name` */
    size_t count;       /* mentions */
    size_t docs;        /* documents it appears in */
} wa_report_variant;

/** One entity of the alias table. */
typedef struct wa_report_entity {
    const char *canonical;
    const wa_report_variant *variants;
    size_t n_variants;
} wa_report_entity;

/** Renders one document into *out: its HTML fragment when `html` is
 *  non-zero (otherwise only its summary row) and its counts.  Spans past the
 *  text are clamped, spans inside a UTF-8 sequence are widened to whole
 *  characters, empty spans are ignored.  Thread-safe (no shared state).
 *  Free with wa_report_part_free() or hand to wa_report_add().  Returns 0,
 *  WA_EINVAL (a NULL text with a non-zero length, a finding without a
 *  category), WA_ENOMEM. */
WA_API int wa_report_render(wa_report_part **out, const wa_report_doc *doc,
                            int html, wa_error *err);

/** Frees a part; accepts NULL. */
WA_API void wa_report_part_free(wa_report_part *p);

/** Opens an empty report.  opts is copied (the spool stays the caller's).
 *  Returns 0 or WA_ENOMEM. */
WA_API int wa_report_open(wa_report **out, const wa_report_opts *opts,
                          wa_error *err);

/** Frees a report; accepts NULL.  Does not close the spool. */
WA_API void wa_report_free(wa_report *r);

/** Appends a rendered document (consumed, even on failure).  When
 *  `text_out` is not NULL, writes the document's terminal line to it: name,
 *  encoding and repairs, sentences, names, findings by category.  Returns 0,
 *  WA_EIO (the spool or text_out could not be written), WA_ENOMEM.  The
 *  document is counted in the summary even then; once the spool has failed,
 *  later documents skip it (no second error) and wa_report_write_html()
 *  returns WA_EIO, so that no partial page is ever written. */
WA_API int wa_report_add(wa_report *r, wa_report_part *part, FILE *text_out,
                         wa_error *err);

/** Appends a document that could not be processed: the summary shows its
 *  name and `message` (both copied).  Returns 0 or WA_ENOMEM. */
WA_API int wa_report_add_failed(wa_report *r, const char *name,
                                const char *message, wa_error *err);

/** Tells which entity a name mention belongs to: the form `form` (`n`
 *  bytes, as a NAME mark's `name`) in the document named `doc` (as
 *  wa_report_doc.name).  Returns the entity's number in the table given to
 *  wa_report_set_aliases() (from 1), or 0 for none. */
typedef size_t (*wa_report_entity_fn)(void *ctx, const char *doc, const char *form,
                                      size_t n);

/** Sets the alias table (copied; replaces a previous one).  Entities are
 *  numbered from 1 in the order given.  A NAME mark is shown as the entity
 *  `entity_of` gives for its document and form (called once per distinct
 *  pair by wa_report_write_html(); `entity_of` and `ctx` must stay valid
 *  until then).  Without `entity_of` (NULL), a mark whose form is a
 *  variant of an entity is shown as that entity, and a form listed by two
 *  entities belongs to the first.  Returns 0 or WA_ENOMEM. */
WA_API int wa_report_set_aliases(wa_report *r, const wa_report_entity *e, size_t n,
                                 wa_report_entity_fn entity_of, void *ctx,
                                 wa_error *err);

/** Writes the whole page to `out`: summary table, the documents' texts,
 *  the alias table, inline CSS and script.  Call once, after the last
 *  wa_report_add() and wa_report_set_aliases().  Returns 0, WA_EIO (the
 *  spool could not be read or `out` written), WA_ENOMEM. */
WA_API int wa_report_write_html(wa_report *r, FILE *out, wa_error *err);

/** Writes the terminal summary that follows the per-document lines: the
 *  alias table (entities, variants and counts) and the totals.  Returns 0
 *  or WA_EIO. */
WA_API int wa_report_write_text(const wa_report *r, FILE *out, wa_error *err);

/** The colour hue (0..359) of an entity in the page: one of twelve
 *  well-separated hues, chosen by a stable hash of its canonical form, so
 *  that the same person has the same colour in every report. */
WA_API int wa_report_entity_hue(const char *canonical);

#ifdef __cplusplus
}
#endif

#endif
