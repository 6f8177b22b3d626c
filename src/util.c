/* util.c: growable buffers and UTF-8 primitives shared by the library's modules.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int mojiclean__buf_reserve(mojiclean__buf *b, size_t extra) {
    if (b->cap - b->len >= extra)
        return 0;
    if (extra > SIZE_MAX / 2 - b->len)
        return MOJICLEAN_ENOMEM;
    size_t want = b->len + extra;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < want)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return MOJICLEAN_ENOMEM;
    b->p = p;
    b->cap = cap;
    return 0;
}

int mojiclean__buf_append(mojiclean__buf *b, const void *src, size_t n) {
    if (n == 0)
        return 0;
    if (mojiclean__buf_reserve(b, n) < 0)
        return MOJICLEAN_ENOMEM;
    memcpy(b->p + b->len, src, n);
    b->len += n;
    return 0;
}

void mojiclean__buf_free(mojiclean__buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

size_t mojiclean__utf8_encode(uint32_t cp, unsigned char *out) {
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Thirty-two bytes at a time, then eight: clean English is almost all ASCII, and this loop
 * is what makes the 1 GB/s target reachable. */
size_t mojiclean__ascii_prefix(const unsigned char *s, size_t n) {
    const uint64_t high = UINT64_C(0x8080808080808080);
    size_t i = 0;
    while (i + 32 <= n) {
        uint64_t w[4];
        memcpy(w, s + i, 32);
        if ((w[0] | w[1] | w[2] | w[3]) & high)
            break;
        i += 32;
    }
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & high) {
            /* (the first byte with its high bit set, without a loop over the bytes) */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + (size_t)__builtin_ctzll(w & high) / 8;
#elif __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            return i + (size_t)__builtin_clzll(w & high) / 8;
#else
            break;
#endif
        }
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}
