/* fuzz_oneshot.c: libFuzzer target for mojiclean_clean(), the one-call API.
 * SPDX-License-Identifier: MIT
 *
 * Input: byte 0 chooses the flags (fz_flags: every combination of FIX, STRIP, MARK,
 * ENTITIES and NFC); the rest is the document.  Properties checked, beyond "no crash":
 *   - the call succeeds and its result is NUL-terminated;
 *   - flags 0: the output is the input, byte for byte;
 *   - valid UTF-8 in gives valid UTF-8 out (fz_utf8_valid, not the library's decoder);
 *   - repair is idempotent: with the repair flags alone (FIX plus ENTITIES/NFC as chosen),
 *     clean(clean(x)) == clean(x).  Build with -DFUZZ_CHECK_IDEMPOTENT=0 to skip it;
 *   - MARK agrees with the other modes: with every "+ " / "- [reason] " prefix taken off,
 *     the MARK output is the output without STRIP, and its "+ " lines alone are the STRIP
 *     output.
 */
#include "fuzz_common.h"

#ifndef FUZZ_CHECK_IDEMPOTENT
#define FUZZ_CHECK_IDEMPOTENT 1
#endif

/* Length of the line starting at s[0..n), terminator (LF, CR LF or lone CR) included. */
static size_t line_len(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            return i + 1;
        if (s[i] == '\r')
            return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
    }
    return n;
}

/* Split MARK output m[0..mn) into its lines, check each line's prefix, and write the lines
 * without prefixes to all[] and the kept lines alone (also without prefixes) to kept[];
 * both must have room for mn bytes. */
static void unmark(const char *m, size_t mn, char *all, size_t *all_n, char *kept,
                   size_t *kept_n) {
    size_t i = 0;
    *all_n = *kept_n = 0;
    while (i < mn) {
        size_t len = line_len(m + i, mn - i);
        const char *l = m + i;
        size_t skip;
        int keep;
        if (len >= 2 && l[0] == '+' && l[1] == ' ') {
            skip = 2;
            keep = 1;
        } else if (len >= 3 && l[0] == '-' && l[1] == ' ' && l[2] == '[') {
            skip = 3;
            while (skip + 1 < len && !(l[skip] == ']' && l[skip + 1] == ' '))
                skip++;
            FZ_ASSERT(skip + 1 < len, "MARK line at output byte %zu: no \"] \" after \"- [\"", i);
            skip += 2;
            keep = 0;
        } else {
            fz_show("MARK output", m, mn, i);
            fz_fail("MARK line at output byte %zu has no \"+ \" or \"- [reason] \" prefix", i);
            return;
        }
        memcpy(all + *all_n, l + skip, len - skip);
        *all_n += len - skip;
        if (keep) {
            memcpy(kept + *kept_n, l + skip, len - skip);
            *kept_n += len - skip;
        }
        i += len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    unsigned flags = fz_flags(data[0]);
    /* An exact-size copy, so that ASan sees any read past the end of the input. */
    size_t n = size - 1;
    char *in = malloc(n ? n : 1);
    if (!in)
        return 0;
    memcpy(in, data + 1, n);

    size_t on;
    char *out = fz_clean(in, n, flags, &on);

    if (flags == 0)
        fz_same("flags 0: output must equal input", in, n, out, on);

    if (fz_utf8_valid((const unsigned char *)in, n) &&
        !fz_utf8_valid((const unsigned char *)out, on)) {
        fz_show("input", in, n, 0);
        fz_fail("valid UTF-8 in, invalid UTF-8 out (flags %#x)", flags);
    }

#if FUZZ_CHECK_IDEMPOTENT
    if (flags & MOJICLEAN_FIX) {
        unsigned rf = flags & (MOJICLEAN_FIX | MOJICLEAN_ENTITIES | MOJICLEAN_NFC);
        size_t once_n, twice_n;
        char *once = rf == flags ? out : fz_clean(in, n, rf, &once_n);
        if (once == out)
            once_n = on;
        char *twice = fz_clean(once, once_n, rf, &twice_n);
        if (once_n != twice_n || memcmp(once, twice, once_n) != 0) {
            fz_show("input", in, n, 0);
            fprintf(stderr, "  repair flags %#x\n", rf);
        }
        fz_same("repair is not idempotent: clean(clean(x)) != clean(x)", once, once_n, twice,
                twice_n);
        free(twice);
        if (once != out)
            free(once);
    }
#endif

    if (flags & MOJICLEAN_MARK) {
        size_t plain_n, strip_n, all_n, kept_n;
        char *plain = fz_clean(in, n, flags & ~(unsigned)(MOJICLEAN_MARK | MOJICLEAN_STRIP),
                               &plain_n);
        char *strip = fz_clean(in, n, (flags & ~(unsigned)MOJICLEAN_MARK) | MOJICLEAN_STRIP,
                               &strip_n);
        char *all = malloc(on ? on : 1), *kept = malloc(on ? on : 1);
        if (all && kept) {
            unmark(out, on, all, &all_n, kept, &kept_n);
            fz_same("MARK output without prefixes must equal the output without STRIP", plain,
                    plain_n, all, all_n);
            fz_same("MARK output's \"+ \" lines must equal the STRIP output", strip, strip_n,
                    kept, kept_n);
        }
        free(all);
        free(kept);
        free(plain);
        free(strip);
    }

    free(out);
    free(in);
    return 0;
}
