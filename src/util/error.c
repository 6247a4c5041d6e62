/* Error codes, their text, and the wa_error filler used by every module. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "util.h"

int wa_fail(wa_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *wa_strerror(int code)
{
    switch (code) {
    case WA_OK: return "success";
    case WA_ENOMEM: return "out of memory";
    case WA_EIO: return "input/output error";
    case WA_ENOTFOUND: return "not found";
    case WA_EINVAL: return "invalid argument";
    case WA_EDATA: return "malformed data file";
    case WA_EENCODING: return "unknown encoding";
    case WA_ELIB: return "library set-up failed";
    case WA_EINPUT: return "input is not text";
    default: return "unknown error";
    }
}

void wa_free(void *p) { free(p); }

const char *wa_version(void) { return "0.1.0"; }
