/*
 * wirealign/common.h - error codes, error details, warnings and memory rules
 * shared by every wirealign module.
 *
 * Ownership in one sentence: every pointer a wa_ function hands out is either
 * "caller frees with wa_free()" (or with the named *_free function for a
 * handle), or "borrowed, valid until <event>", and each declaration says which.
 *
 * Errors: content never fails (bad bytes become U+FFFD plus a warning); real
 * failures (I/O, missing or malformed data files, library set-up, memory)
 * return a negative WA_E* code, with details in an optional caller-owned
 * wa_error.  The library never prints, never exits and never reads the
 * environment.
 *
 * Text: UTF-8 inside, passed as (const char *s, size_t len).  Positions are
 * half-open byte spans [start, end) into the normalized text.
 */
#ifndef WIREALIGN_COMMON_H
#define WIREALIGN_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(WA_BUILDING)
#define WA_API __attribute__((visibility("default")))
#else
#define WA_API
#endif

/** Return codes: 0 is success, every failure is negative. */
enum {
    WA_OK = 0,
    WA_ENOMEM = -1,    /* out of memory */
    WA_EIO = -2,       /* a file could not be opened, read or written */
    WA_ENOTFOUND = -3, /* a file or data file was not found */
    WA_EINVAL = -4,    /* an argument was invalid (unknown option value) */
    WA_EDATA = -5,     /* a data file (rules, list, table) is malformed */
    WA_EENCODING = -6, /* an encoding name is unknown to iconv/ICU */
    WA_ELIB = -7,      /* ICU, Hunspell or iconv failed to set up */
    WA_EINPUT = -8     /* the input is not text (binary) or is unusable */
};

/** Details of a failure, filled by the library when the caller passes one.
 *  `message` is one line without a trailing newline. */
typedef struct wa_error {
    int code;
    char message[512];
} wa_error;

/** A half-open byte span [start, end) into normalized UTF-8 text. */
typedef struct wa_span {
    size_t start;
    size_t end;
} wa_span;

/** Warning callback: the library reports recoverable problems in the input
 *  through it (never prints).  `msg` is borrowed for the call only. */
typedef void (*wa_warn_fn)(void *ctx, const char *msg);

/** Static English text for a WA_E* code; never NULL. */
WA_API const char *wa_strerror(int code);

/** Frees memory that a wa_ function documented as "caller frees with
 *  wa_free()".  Accepts NULL. */
WA_API void wa_free(void *p);

/** The library version as "MAJOR.MINOR.PATCH"; static storage. */
WA_API const char *wa_version(void);

#ifdef __cplusplus
}
#endif

#endif
