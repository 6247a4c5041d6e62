/* Allocation wrappers and the growable byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

void *wa_malloc(size_t n) { return malloc(n ? n : 1); }
void *wa_calloc(size_t n, size_t size) { return calloc(n ? n : 1, size ? size : 1); }
void *wa_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }

char *wa_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

int wa_grow(void *arrp, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : first;
    if (nc <= n)
        nc = n + 1;
    if (size && nc > SIZE_MAX / size)
        return -1;
    void *old;
    memcpy(&old, arrp, sizeof old);
    void *p = wa_realloc(old, nc * size);
    if (!p)
        return -1;
    memcpy(arrp, &p, sizeof p);
    *cap = nc;
    return 0;
}

void wa_buf_init(wa_buf *b) { memset(b, 0, sizeof *b); }

void wa_buf_free(wa_buf *b)
{
    free(b->data);
    wa_buf_init(b);
}

int wa_buf_reserve(wa_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX / 2 - b->len) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    /* Terminated even when nothing is appended after the reserve. */
    b->data[b->len] = '\0';
    return 0;
}

void wa_buf_add_grow(wa_buf *b, const char *s, size_t n)
{
    if (wa_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void wa_buf_add_uint(wa_buf *b, unsigned long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    wa_buf_add(b, tmp + i, sizeof tmp - i);
}

void wa_buf_printf(wa_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || wa_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void wa_buf_add_json(wa_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* JSON text is Unicode: bytes that are not UTF-8 (a Latin-1
             * file name, say) become U+FFFD. */
            size_t k = i;
            if (wa_utf8_next(s, n, &k) >= 0) {
                i = k;
                continue;
            }
            wa_buf_add(b, s + run, i - run);
            wa_buf_adds(b, "\\ufffd");
            run = i = k;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        wa_buf_add(b, s + run, i - run);
        run = ++i;
        switch (c) {
        case '"': wa_buf_adds(b, "\\\""); break;
        case '\\': wa_buf_adds(b, "\\\\"); break;
        case '\n': wa_buf_adds(b, "\\n"); break;
        case '\t': wa_buf_adds(b, "\\t"); break;
        case '\r': wa_buf_adds(b, "\\r"); break;
        default: wa_buf_printf(b, "\\u%04x", c); break;
        }
    }
    wa_buf_add(b, s + run, n - run);
}

char *wa_buf_steal(wa_buf *b, size_t *len)
{
    if (len)
        *len = b->len;
    char *d = b->data;
    if (!d)
        d = calloc(1, 1);
    wa_buf_init(b);
    return d;
}
