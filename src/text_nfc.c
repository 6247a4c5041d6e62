/* NFC normalization of UTF-8 text: a quick check in UTF-8 first (text that
 * is already NFC costs one pass), ICU only on the segments that need it. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "text_internal.h"

/* A segment longer than this (a pathological run of combining marks) is
 * normalized in pieces, so the cost stays linear. */
#define MAX_SEGMENT 4096
/* The last boundary is the start of the character before the current one
 * (found only when needed: rarely). */
#define SEG_BEFORE ((size_t)-1)

/* Normalizes s[a..b) into out; returns 0, WA_ENOMEM or WA_ELIB. */
static int normalize_segment(const UNormalizer2 *nfc, const char *s, size_t len,
                             wa_buf *out, wa_error *err)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, s, (int32_t)len, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return wa_fail(err, WA_ELIB, "ICU: %s", u_errorName(e));
    /* NFC of a segment is at most 3 times longer (ICU's documented bound). */
    UChar *src = malloc(((size_t)n16 + 1) * sizeof *src);
    UChar *dst = malloc(((size_t)n16 * 3 + 1) * sizeof *dst);
    char *u8 = NULL;
    int rc = 0;
    if (!src || !dst) {
        rc = WA_ENOMEM;
        goto done;
    }
    e = U_ZERO_ERROR;
    u_strFromUTF8(src, n16 + 1, NULL, s, (int32_t)len, &e);
    int32_t nd = U_SUCCESS(e) ? unorm2_normalize(nfc, src, n16, dst, n16 * 3 + 1, &e) : 0;
    int32_t n8 = 0;
    if (U_SUCCESS(e)) {
        u_strToUTF8(NULL, 0, &n8, dst, nd, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR)
            e = U_ZERO_ERROR;
    }
    if (U_SUCCESS(e) && !(u8 = malloc((size_t)n8 + 1)))
        rc = WA_ENOMEM;
    else if (U_SUCCESS(e))
        u_strToUTF8(u8, n8 + 1, NULL, dst, nd, &e);
    if (!rc && U_FAILURE(e))
        rc = wa_fail(err, WA_ELIB, "ICU normalization: %s", u_errorName(e));
    if (!rc)
        wa_buf_add(out, u8, (size_t)n8);
done:
    free(src);
    free(dst);
    free(u8);
    if (rc == WA_ENOMEM)
        wa_fail(err, rc, "out of memory");
    return rc;
}

int wa_text_nfc(const char *s, size_t n, size_t from, wa_buf *out, wa_edits *edits,
                int *changed, wa_error *err)
{
    const unsigned char *u = (const unsigned char *)s;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfc = NULL;
    size_t i = from, seg = from ? SEG_BEFORE : 0, copied = 0;
    uint8_t last_ccc = 0;
    *changed = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            /* No byte >= 0xCC: every character starting here is below
             * U+0300.  Bytes < 0x80 have (b & 0x7F) + 0x34 < 0x80 only when
             * b < 0x4C, so the test keeps bit 7 of b set as a condition. */
            uint64_t big = ((v & 0x7F7F7F7F7F7F7F7Full) + 0x3434343434343434ull) & v &
                           0x8080808080808080ull;
            /* Straight past the characters before the first big byte (all
             * eight bytes, and a character that straddles their end, when
             * there is none). */
            size_t j = i + (big ? wa_first_marked_byte(big) : 8);
            if (j > i) {
                while (j < n && (u[j] & 0xC0) == 0x80)
                    j++;
                i = j;
                seg = SEG_BEFORE;
                last_ccc = 0;
            }
            if (!big)
                continue;
        }
        /* Characters below U+0300 (lead bytes below 0xCC) are always NFC,
         * have combining class 0 and a boundary before them. */
        if (u[i] < 0xCC) {
            seg = i;
            i += u[i] < 0x80 ? 1 : 2;
            last_ccc = 0;
            continue;
        }
        if (wa_text_nfc_inert(u + i, n - i)) {
            seg = i;
            i += 3;
            last_ccc = 0;
            continue;
        }
        size_t at = i;
        if (seg == SEG_BEFORE) {
            seg = at - 1;
            while (seg > 0 && (u[seg] & 0xC0) == 0x80)
                seg--;
        }
        int32_t cp = wa_text_utf8_decode(u, n, &i);
        if (!nfc) {
            nfc = unorm2_getNFCInstance(&e);
            if (U_FAILURE(e))
                return wa_fail(err, WA_ELIB, "ICU NFC: %s", u_errorName(e));
        }
        uint8_t ccc = u_getCombiningClass(cp);
        int qc = u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK);
        if (qc == UNORM_YES && (ccc == 0 || last_ccc <= ccc)) {
            if (unorm2_hasBoundaryBefore(nfc, cp))
                seg = at;
            last_ccc = ccc;
            continue;
        }
        /* Normalize from the last boundary to the next one. */
        size_t b = i;
        while (b < n && b - seg < MAX_SEGMENT) {
            size_t q = b;
            int32_t c2 = wa_text_utf8_decode(u, n, &q);
            if (unorm2_hasBoundaryBefore(nfc, c2))
                break;
            b = q;
        }
        size_t mark = out->len;
        if (!*changed)
            wa_buf_reserve(out, n + 16);
        wa_buf_add(out, s + copied, seg - copied);
        size_t new_start = out->len;
        int rc = normalize_segment(nfc, s + seg, b - seg, out, err);
        if (rc)
            return rc;
        if (out->failed)
            return wa_fail(err, WA_ENOMEM, "out of memory");
        if (out->len - new_start == b - seg &&
            memcmp(out->data + new_start, s + seg, b - seg) == 0) {
            out->len = mark; /* already normalized (a MAYBE that was fine) */
            if (out->data)
                out->data[mark] = '\0';
        } else {
            wa_edit ed = {seg, b, new_start, out->len, 0, 0, 0};
            if (wa_edits_push(edits, ed))
                return wa_fail(err, WA_ENOMEM, "out of memory");
            copied = b;
            *changed = 1;
        }
        i = b;
        seg = b;
        last_ccc = 0;
    }
    if (*changed) {
        wa_buf_add(out, s + copied, n - copied);
        if (out->failed)
            return wa_fail(err, WA_ENOMEM, "out of memory");
    }
    return 0;
}
