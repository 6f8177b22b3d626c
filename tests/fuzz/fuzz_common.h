/* fuzz_common.h: what the fuzz targets share: a strict UTF-8 validator written apart from
 * the library's, a failure report that names the input, and small byte helpers.
 * SPDX-License-Identifier: MIT
 *
 * Include it from exactly one file per binary (the target): it defines fz_input_name,
 * which the replay driver (replay_main.c) sets to the corpus file being run so that a
 * failed property names its reproducer.  Under libFuzzer it stays NULL and libFuzzer
 * writes the crashing input itself.
 */
#ifndef MOJICLEAN_FUZZ_COMMON_H
#define MOJICLEAN_FUZZ_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mojiclean.h>

/* The libFuzzer entry point each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const char *fz_input_name;
const char *fz_input_name = NULL;

/* Print where the input is, a few bytes of each side of a comparison, and abort: libFuzzer
 * catches the abort and saves the input; the replay driver dies with it and so fails
 * `make check`. */
static void fz_fail(const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "fuzz property failed");
    if (fz_input_name)
        fprintf(stderr, " on %s", fz_input_name);
    fputs(": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

#define FZ_ASSERT(cond, ...)                                                                \
    do {                                                                                    \
        if (!(cond))                                                                        \
            fz_fail(__VA_ARGS__);                                                           \
    } while (0)

/* Show up to 48 bytes of s[0..n) from `at` on, escaped, on stderr. */
static void fz_show(const char *label, const char *s, size_t n, size_t at) {
    fprintf(stderr, "  %s (%zu bytes) @%zu: \"", label, n, at);
    for (size_t i = at; i < n && i < at + 48; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02X", c);
    }
    fputs("\"\n", stderr);
}

/* Fail with `what` unless a[0..an) and b[0..bn) are the same bytes; shows both from the
 * first difference. */
static void fz_same(const char *what, const char *a, size_t an, const char *b, size_t bn) {
    if (an == bn && (an == 0 || memcmp(a, b, an) == 0))
        return;
    size_t i = 0;
    while (i < an && i < bn && a[i] == b[i])
        i++;
    size_t from = i > 16 ? i - 16 : 0;
    fprintf(stderr, "%s: first difference at byte %zu\n", what, i);
    fz_show("want", a, an, from);
    fz_show("got ", b, bn, from);
    fz_fail("%s", what);
}

/* Strict UTF-8 (Unicode 15, table 3-7), byte by byte, written from the table and not from
 * the library: rejects overlongs (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF),
 * code points past U+10FFFF (F4 90-BF, F5-FF), stray continuation bytes and sequences cut
 * off by the end.  NUL is valid.  Returns 1 when all of s[0..n) is well-formed. */
static int fz_utf8_valid(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        unsigned char lo = 0x80, hi = 0xBF;
        size_t len;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k < len; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += len;
    }
    return 1;
}

/* The one-shot call that must succeed: on any error the property "cleaning never fails on
 * input" is broken (out of memory is not expected at fuzzing sizes). */
static char *fz_clean(const char *s, size_t n, unsigned flags, size_t *out_len) {
    char *out = NULL;
    mojiclean_error err = {0, NULL, 0};
    int r = mojiclean_clean(s, n, flags, &out, out_len, &err);
    FZ_ASSERT(r == 0 && out != NULL, "mojiclean_clean(flags %#x, %zu bytes) returned %d (%s)",
              flags, n, r, err.msg ? err.msg : "no message");
    FZ_ASSERT(out[*out_len] == '\0', "mojiclean_clean result not NUL-terminated");
    return out;
}

/* Flags as a fuzz byte chooses them: the low five bits are MOJICLEAN_FIX, _STRIP, _MARK,
 * _ENTITIES and _NFC, so every combination of them is reachable. */
static unsigned fz_flags(uint8_t b) {
    return (unsigned)b & (MOJICLEAN_FIX | MOJICLEAN_STRIP | MOJICLEAN_MARK |
                          MOJICLEAN_ENTITIES | MOJICLEAN_NFC);
}

#endif /* MOJICLEAN_FUZZ_COMMON_H */
