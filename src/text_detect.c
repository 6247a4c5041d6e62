/* Encoding detection: BOM, forced name, binary check, UTF-16/32 without BOM,
 * UTF-8 validity, ICU charset detection on a sample, windows-1252 fallback. */
#include <ctype.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ucsdet.h>
#include "text_internal.h"

/* Bytes looked at by the heuristics (binary, UTF-16/32). */
#define PREFIX_BYTES 65536
/* Bytes given to ICU's detector: it is slow (a few MB/s). */
#ifndef UCSDET_SAMPLE
#define UCSDET_SAMPLE 8192
#endif
/* Below this ICU confidence the fallback is used. */
#define UCSDET_MIN_CONFIDENCE 15
/* ... and when valid UTF-8 sequences make a real share (one in five) of
 * the non-ASCII ones: such input is most often UTF-8 mixed with
 * windows-1252, which windows-1252 plus the mojibake repair recovers
 * without loss. */
#define UCSDET_MIN_CONFIDENCE_MIXED 50
/* A confidence from UCSDET_LOW_CONFIDENCE up counts when it beats the
 * next candidate by UCSDET_LOW_MARGIN. */
#define UCSDET_LOW_CONFIDENCE 10
#define UCSDET_LOW_MARGIN 3
/* Fewest non-ASCII bytes in the sample for ICU to be asked at all. */
#define UCSDET_MIN_HIGH 16

int32_t wa_text_utf8_decode(const unsigned char *s, size_t n, size_t *i)
{
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    int len;
    int32_t cp;
    unsigned lo = 0x80, hi = 0xBF; /* range allowed for the second byte */
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        else if (c == 0xED) hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F;
    } else {
        *i = p + 1;
        return -1;
    }
    for (int k = 1; k < len; k++) {
        if (p + (size_t)k >= n) {
            *i = p + (size_t)k;
            return -1;
        }
        unsigned b = s[p + (size_t)k];
        unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            *i = p + (size_t)k;
            return -1;
        }
        cp = (cp << 6) | (int32_t)(b & 0x3F);
    }
    *i = p + (size_t)len;
    return cp;
}

static void set_name(wa_detect *d, const char *name)
{
    snprintf(d->namebuf, sizeof d->namebuf, "%s", name);
    d->name = d->namebuf;
}

/* Upper-cased alphanumerics of an encoding name: "utf-16le" -> "UTF16LE". */
static void canonical(const char *name, char *out, size_t cap)
{
    size_t k = 0;
    for (; *name && k + 1 < cap; name++)
        if (isalnum((unsigned char)*name))
            out[k++] = (char)toupper((unsigned char)*name);
    out[k] = '\0';
}

static int kind_of_name(const char *name)
{
    char c[64];
    canonical(name, c, sizeof c);
    if (strcmp(c, "UTF8") == 0)
        return WA_DEC_UTF8;
    if (strcmp(c, "UTF16LE") == 0)
        return WA_DEC_UTF16LE;
    if (strcmp(c, "UTF16BE") == 0)
        return WA_DEC_UTF16BE;
    if (strcmp(c, "UTF32LE") == 0)
        return WA_DEC_UTF32LE;
    if (strcmp(c, "UTF32BE") == 0)
        return WA_DEC_UTF32BE;
    return WA_DEC_ICONV;
}

static int iconv_knows(const char *name)
{
    iconv_t cd = iconv_open("UTF-32LE", name);
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

static int starts(const unsigned char *b, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(b, magic, m) == 0;
}

/* Known binary formats by their magic numbers; returns a description. */
static const char *magic_binary(const unsigned char *b, size_t n)
{
    static const struct { const char *magic; size_t len; const char *what; } tab[] = {
        {"\x7F" "ELF", 4, "an ELF executable"},
        {"\x89PNG\r\n\x1A\n", 8, "a PNG image"},
        {"GIF87a", 6, "a GIF image"},
        {"GIF89a", 6, "a GIF image"},
        {"\xFF\xD8\xFF", 3, "a JPEG image"},
        {"%PDF-", 5, "a PDF document"},
        {"PK\x03\x04", 4, "a ZIP archive (or an office document)"},
        {"PK\x05\x06", 4, "a ZIP archive"},
        {"\x1F\x8B", 2, "gzip data"},
        {"\xFD" "7zXZ", 5, "xz data"},
        {"7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive"},
        {"\x28\xB5\x2F\xFD", 4, "zstd data"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an OLE document (old Office format)"},
        {"\xCA\xFE\xBA\xBE", 4, "a Mach-O or Java class file"},
        {"\xCF\xFA\xED\xFE", 4, "a Mach-O executable"},
        {"\xCE\xFA\xED\xFE", 4, "a Mach-O executable"},
        {"\0asm", 4, "WebAssembly"},
        {"SQLite format 3", 16, "an SQLite database"},
        {"OggS", 4, "Ogg media"},
        {"fLaC", 4, "FLAC audio"},
        {"II*", 4, "a TIFF image"},
        {"MM\0*", 4, "a TIFF image"},
        {"!<arch>\n", 8, "an ar archive"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (starts(b, n, tab[i].magic, tab[i].len))
            return tab[i].what;
    if (starts(b, n, "RIFF", 4) && n >= 12 &&
        (memcmp(b + 8, "WAVE", 4) == 0 || memcmp(b + 8, "AVI ", 4) == 0 ||
         memcmp(b + 8, "WEBP", 4) == 0))
        return "RIFF media (WAV, AVI, WebP)";
    if (starts(b, n, "BZh", 3) && n >= 10 && b[3] >= '1' && b[3] <= '9' &&
        memcmp(b + 4, "1AY&SY", 6) == 0)
        return "bzip2 data";
    if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0)
        return "ISO media (MP4, HEIF)";
    return NULL;
}

/* Control bytes that do not occur in text in any ASCII-based encoding
 * (tab, LF, VT, FF, CR and ESC do). */
static int is_binary_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
            c != '\r' && c != 0x1B) || c == 0x7F;
}

/* What one pass over the input learns: the UTF-8 sequences (valid and
 * invalid maximal subparts) in b[0, pos), the NUL and binary control bytes
 * in the first PREFIX_BYTES, and whether a CR or NUL occurs at all. */
typedef struct scan {
    size_t pos;
    size_t multibyte, invalid;
    size_t nul, ctl;
    int cr_nul;
    size_t nfc_from; /* the first character NFC must look at, or SIZE_MAX */
} scan;

/* Scans b[sc->pos, stop) (a sequence that starts before `stop` is read
 * whole, up to n): eight bytes at a time, straight to the first one that
 * is not printable ASCII (a line break or a non-ASCII letter, mostly). */
static void scan_bytes(const unsigned char *b, size_t n, size_t stop, size_t pre, scan *sc)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = sc->pos;
    while (i < stop) {
        if (i + 8 <= n) {
            uint64_t v, d;
            memcpy(&v, b + i, 8);
            d = v ^ (0x7F * ones);
            /* Bytes >= 0x80, < 0x20 or 0x7F (exact up to the first one). */
            uint64_t m = (v | ((v - 0x20 * ones) & ~v) | ((d - ones) & ~d)) & highs;
            if (!m) {
                i += 8;
                continue;
            }
            i += wa_first_marked_byte(m);
        }
        unsigned c = b[i];
        if (c < 0x80) {
            if (i < pre) {
                sc->nul += c == 0;
                sc->ctl += is_binary_control((unsigned char)c);
            }
            sc->cr_nul |= c == '\r' || c == 0;
            i++;
            continue;
        }
        /* The common cases inline: 2 bytes, and 3 bytes outside E0/ED. */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (b[i + 1] & 0xC0) == 0x80) {
            if (c >= 0xCC && sc->nfc_from == SIZE_MAX) /* U+0300 on */
                sc->nfc_from = i;
            i += 2;
            sc->multibyte++;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (b[i + 1] & 0xC0) == 0x80 &&
            (b[i + 2] & 0xC0) == 0x80) {
            if (sc->nfc_from == SIZE_MAX && !wa_text_nfc_inert(b + i, n - i))
                sc->nfc_from = i;
            i += 3;
            sc->multibyte++;
            continue;
        }
        size_t at = i;
        if (wa_text_utf8_decode(b, n, &i) < 0) {
            sc->invalid++;
        } else {
            sc->multibyte++;
            if (sc->nfc_from == SIZE_MAX) /* U+0800 on */
                sc->nfc_from = at;
        }
    }
    sc->pos = i;
}

/* Reads code unit k (UTF-16: 2 bytes, UTF-32: 4 bytes) in the given order. */
static uint32_t unit(const unsigned char *b, size_t k, int width, int le)
{
    const unsigned char *p = b + k * (size_t)width;
    if (width == 2)
        return le ? (uint32_t)(p[0] | p[1] << 8) : (uint32_t)(p[1] | p[0] << 8);
    return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
              : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

/* Does the prefix read well as UTF-16/UTF-32 in this byte order?  Text in
 * one script keeps its high bytes to a few values (0 for Latin text, 0x04
 * for Cyrillic, ...) while the low bytes vary; and decoded it holds almost
 * no controls, NULs or broken surrogates.  Returns a confidence 0..100. */
static int wide_score(const unsigned char *b, size_t n, int width, int le)
{
    size_t units = n / (size_t)width;
    if (units < 2)
        return 0;
    size_t bad = 0, zero_high = 0, low_zero = 0;
    size_t hist[256] = {0};
    for (size_t k = 0; k < units; k++) {
        uint32_t u = unit(b, k, width, le);
        if (width == 4) {
            if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
                return 0;
        } else if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t v = k + 1 < units ? unit(b, k + 1, 2, le) : 0;
            if (v >= 0xDC00 && v <= 0xDFFF)
                k++;
            else
                bad++;
            continue;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            bad++;
            continue;
        }
        if (u == 0 || (u < 0x20 && is_binary_control((unsigned char)u)) ||
            (u >= 0x7F && u < 0xA0) || u == 0xFFFE || u == 0xFFFF)
            bad++;
        if (u > 0xFF && (u & 0xFF) == 0)
            low_zero++; /* U+0100, U+0400, U+3000 ...: rare */
        uint32_t high = (u >> 8) & 0xFF;
        if (width == 4)
            high = u >> 8 > 0xFF ? 0xFF : u >> 8;
        hist[high]++;
        if (high == 0)
            zero_high++;
    }
    if (bad * 100 > units) /* more than 1 % of units are not text */
        return 0;
    /* Zero bytes sit on one side only: the high byte of ASCII. */
    if (width == 2 && low_zero * 20 > units)
        return 0;
    /* Share of the two most frequent high bytes. */
    size_t top1 = 0, top2 = 0;
    for (int h = 0; h < 256; h++) {
        if (hist[h] > top1) {
            top2 = top1;
            top1 = hist[h];
        } else if (hist[h] > top2) {
            top2 = hist[h];
        }
    }
    if ((top1 + top2) * 10 < units * 9)
        return 0;
    /* An ASCII file read as UTF-16 has ASCII letters as high bytes: diverse,
     * so it fails above.  Require some zero high bytes too: spaces, digits,
     * punctuation and line ends are ASCII in every alphabetic script. */
    if (zero_high * 20 < units)
        return 0;
    return 100 - (int)(bad * 100 / units);
}

/* Builds the sample given to ICU: from a little before the first non-ASCII
 * byte (the ASCII prefix tells nothing), at most UCSDET_SAMPLE bytes. */
static void ucsdet_sample(const char *b, size_t n, const char **s, size_t *len)
{
    size_t first = 0;
    while (first < n && (unsigned char)b[first] < 0x80)
        first++;
    size_t start = first > 512 ? first - 512 : 0;
    *s = b + start;
    *len = n - start < UCSDET_SAMPLE ? n - start : UCSDET_SAMPLE;
}

/* How a high byte reads in windows-1252 text of a Western European
 * language: 1 a letter used there (not ð þ ý Ð Þ Ý ×, which are Turkish ğ
 * ş ı İ Ş in windows-1254, nor ã õ Ã Õ, Romanian ă and Hungarian ő in
 * ISO-8859-2), 2 common punctuation (’ “ ” – — … € « » NBSP
 * ‚ „ • ° § SHY), 3 a mark that never comes before a letter (² ³ º ª), 4
 * one that never comes after a letter (¿ ¡), 5 a symbol never between two
 * letters (© ® ™ ± · µ £ ¢ ¤ ¥ ¦ ¶ ´ × ÷ ƒ † ‡); 0 anything else: Š š Ž ž,
 * which windows-1250 shares, so that Czech, whose č ě ř ů read as è ì ø ù,
 * goes to ICU.  Where 0xBA,
 * 0xB3, 0xBF are ş, ł, ż (ISO-8859-2, windows-1250) they break these. */
static int western_class(unsigned char b)
{
    if (b >= 0xC0) /* ã õ are also ă ő of ISO-8859-2: left to ICU */
        return b == 0xD7 || b == 0xF7
                   ? 5 /* × ÷ */
                   : b != 0xC3 && b != 0xD0 && b != 0xD5 && b != 0xDD && b != 0xDE && b != 0xE3 &&
                         b != 0xF0 && b != 0xF5 && b != 0xFD && b != 0xFE;
    switch (b) {
    case 0x8C: case 0x9C:
        return 1; /* Œ œ */
    case 0x80: case 0x82: case 0x84: case 0x85: case 0x91: case 0x92: case 0x93:
    case 0x94: case 0x95: case 0x96: case 0x97: case 0xA0: case 0xA7: case 0xAB:
    case 0xAD: case 0xB0: case 0xBB:
        return 2;
    case 0xAA: case 0xB2: case 0xB3: case 0xBA:
        return 3;
    case 0xA1: case 0xBF:
        return 4;
    case 0x83: case 0x86: case 0x87: case 0x99: case 0xA2: case 0xA3: case 0xA4:
    case 0xA5: case 0xA6: case 0xA9: case 0xAE: case 0xB1: case 0xB4: case 0xB5:
    case 0xB6: case 0xB7:
        return 5;
    default:
        return 0;
    }
}

/* A fast check that settles the common legacy case before ICU (which costs
 * about 3 ms per 8 KB): text whose high bytes all read as Western European
 * windows-1252 (western_class), never more than two in a row not counting
 * NBSP (Cyrillic, Greek, Hebrew, Arabic and CJK 8-bit text has whole words
 * of them), with accented letters mostly next to an ASCII letter (inside
 * words), is windows-1252.  Looks at most PREFIX_BYTES from the first high
 * byte.  Returns a confidence, 0 when the check does not apply. */
static int western_1252(const unsigned char *b, size_t n)
{
    size_t i = 0, letters = 0, in_word = 0, runlen = 0;
    while (i < n && b[i] < 0x80)
        i++;
    size_t end = n - i > PREFIX_BYTES ? i + PREFIX_BYTES : n;
    for (; i < end; i++) {
        if (b[i] < 0x80 || b[i] == 0xA0) {
            runlen = 0;
            continue;
        }
        int cls = western_class(b[i]);
        int left = i > 0 && isalpha(b[i - 1]), right = i + 1 < n && isalpha(b[i + 1]);
        if (cls == 0 || ++runlen > 2 || (cls == 3 && right) || (cls == 4 && left) ||
            (cls == 5 && left && right))
            return 0;
        if (cls == 1) {
            letters++;
            in_word += left || right;
        }
    }
    if (letters < 4 || in_word * 4 < letters * 3)
        return 0;
    return (int)(50 + in_word * 50 / letters);
}

/* Asks ICU; returns 1 and fills d when it names a usable 8-bit or CJK
 * encoding with at least `min_conf` confidence.  ICU's statistics mean
 * little on a few bytes: below UCSDET_MIN_HIGH non-ASCII bytes in the
 * sample it is not asked. */
static int ucsdet_pick(const char *b, size_t n, int min_conf, wa_detect *d)
{
    const char *s;
    size_t len, high = 0;
    ucsdet_sample(b, n, &s, &len);
    for (size_t i = 0; i < len; i++)
        high += (unsigned char)s[i] >= 0x80;
    if (high < UCSDET_MIN_HIGH)
        return 0;
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&e);
    if (U_FAILURE(e))
        return 0;
    ucsdet_setText(det, s, (int32_t)len, &e);
    int32_t nm = 0;
    const UCharsetMatch **m = ucsdet_detectAll(det, &nm, &e);
    /* The first two usable answers: Unicode forms were ruled out by the
     * checks before, and ICU's UTF-16 recognizers answer 10 to anything. */
    const char *name[2] = {NULL, NULL};
    int conf[2] = {0, 0}, got = 0;
    for (int32_t k = 0; U_SUCCESS(e) && k < nm && got < 2; k++) {
        const char *nk = ucsdet_getName(m[k], &e);
        int ck = ucsdet_getConfidence(m[k], &e);
        if (U_FAILURE(e) || !nk || strncmp(nk, "UTF-", 4) == 0)
            continue;
        /* ISO-8859-1 is read as windows-1252, as browsers do: the sample
         * may have missed bytes 0x80-0x9F (curly quotes) further on.
         * ISO-8859-8-I only says the Hebrew is in logical order. */
        if (strcmp(nk, "ISO-8859-1") == 0)
            nk = "windows-1252";
        else if (strcmp(nk, "ISO-8859-8-I") == 0)
            nk = "ISO-8859-8";
        if (got == 1 && strcmp(nk, name[0]) == 0)
            continue;
        if (!iconv_knows(nk))
            continue;
        name[got] = nk;
        conf[got++] = ck;
    }
    /* ICU's confidences stay low on short or technical text (12-14 for
     * Russian in windows-1251 or KOI8-R): a low one counts when it clearly
     * beats the runner-up. */
    int found = got > 0 && (conf[0] >= min_conf ||
                            (min_conf <= UCSDET_MIN_CONFIDENCE && conf[0] >= UCSDET_LOW_CONFIDENCE &&
                             conf[0] - conf[1] >= UCSDET_LOW_MARGIN));
    if (found) {
        set_name(d, name[0]);
        d->kind = WA_DEC_ICONV;
        d->source = "detected";
        d->confidence = conf[0];
    }
    ucsdet_close(det);
    return found;
}

int wa_text_detect(const char *bytes, size_t len, const char *forced,
                   wa_detect *d, wa_error *err)
{
    const unsigned char *b = (const unsigned char *)bytes;
    memset(d, 0, sizeof *d);
    if (forced && *forced) {
        if (strlen(forced) >= sizeof d->namebuf || !iconv_knows(forced))
            return wa_fail(err, WA_EENCODING, "unknown encoding '%s' (see iconv -l)", forced);
    }
    /* A BOM wins, even over a forced encoding. */
    static const struct { const char *bom; size_t len; int kind; const char *name; } boms[] = {
        {"\xEF\xBB\xBF", 3, WA_DEC_UTF8, "UTF-8"},
        {"\xFF\xFE\0\0", 4, WA_DEC_UTF32LE, "UTF-32LE"},
        {"\0\0\xFE\xFF", 4, WA_DEC_UTF32BE, "UTF-32BE"},
        {"\xFF\xFE", 2, WA_DEC_UTF16LE, "UTF-16LE"},
        {"\xFE\xFF", 2, WA_DEC_UTF16BE, "UTF-16BE"},
    };
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        if (starts(b, len, boms[i].bom, boms[i].len)) {
            d->kind = boms[i].kind;
            d->name = boms[i].name;
            d->source = "bom";
            d->confidence = 100;
            d->skip = boms[i].len;
            return 0;
        }
    }
    if (forced && *forced) {
        set_name(d, forced);
        d->kind = kind_of_name(forced);
        d->source = "forced";
        d->confidence = 100;
        return 0;
    }
    d->kind = WA_DEC_UTF8;
    d->name = "UTF-8";
    d->source = "valid-utf8";
    d->confidence = 100;
    if (len == 0)
        return 0;

    size_t pre = len < PREFIX_BYTES ? len : PREFIX_BYTES;
    const char *what = magic_binary(b, len);
    if (what)
        return wa_fail(err, WA_EINPUT, "binary file (%s), not text", what);

    /* UTF-32 before UTF-16: UTF-32 text also has UTF-16-like zero units. */
    static const struct { int width, le, kind; const char *name; } wides[] = {
        {4, 1, WA_DEC_UTF32LE, "UTF-32LE"}, {4, 0, WA_DEC_UTF32BE, "UTF-32BE"},
        {2, 1, WA_DEC_UTF16LE, "UTF-16LE"}, {2, 0, WA_DEC_UTF16BE, "UTF-16BE"},
    };
    /* The prefix first: the checks below may stop at it. */
    scan sc = {0};
    sc.nfc_from = SIZE_MAX;
    scan_bytes(b, len, pre, pre, &sc);
    size_t nul = sc.nul, ctl = sc.ctl;
    if (nul * 50 >= pre) { /* wide text is at least 2 % NUL bytes */
        for (size_t i = 0; i < sizeof wides / sizeof wides[0]; i++) {
            int score = wide_score(b, pre, wides[i].width, wides[i].le);
            if (score > 0) {
                d->kind = wides[i].kind;
                d->name = wides[i].name;
                d->source = "detected";
                d->confidence = score;
                return 0;
            }
        }
    }

    if (ctl >= 8 && ctl * 20 > pre)
        return wa_fail(err, WA_EINPUT,
                       "binary data (%zu of the first %zu bytes are control bytes or NUL), "
                       "not text; --encoding reads it anyway",
                       ctl, pre);

    scan_bytes(b, len, len, pre, &sc);
    size_t mb = sc.multibyte, bad = sc.invalid;
    if (bad == 0) {
        d->valid = sc.cr_nul ? 1 : 2;
        d->nfc_from = sc.nfc_from < len ? sc.nfc_from : len;
        return 0;
    }
    /* UTF-8 with a few broken bytes: keep UTF-8, the bad bytes become
     * U+FFFD.  Many broken bytes mean a legacy encoding (where any UTF-8 is
     * mojibake, which the repair stage undoes). */
    if (mb >= 4 * bad) {
        d->source = "mostly-utf8";
        d->confidence = (int)(mb * 100 / (mb + bad));
        return 0;
    }
    int conf = western_1252(b, len);
    if (conf > 0) {
        d->kind = WA_DEC_ICONV;
        d->name = "windows-1252";
        d->source = "detected";
        d->confidence = conf;
        return 0;
    }
    if (ucsdet_pick(bytes, len, mb * 4 >= bad ? UCSDET_MIN_CONFIDENCE_MIXED : UCSDET_MIN_CONFIDENCE,
                    d))
        return 0;
    d->kind = WA_DEC_ICONV;
    d->name = "windows-1252";
    d->source = "fallback";
    d->confidence = 0;
    return 0;
}
