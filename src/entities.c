/* entities.c: HTML character references (&eacute; &#233; &#xE9;), read where mojibake hides.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "internal.h"

#include "entities.inc"

/* HTML5 maps numeric references 0x80-0x9F to windows-1252 ("&#150;" is an en dash). */
static const uint16_t c1_1252[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t mojiclean__entity(const char *s, size_t n, uint32_t *cp) {
    if (n < 4 || s[0] != '&')
        return 0;
    size_t i = 1;
    if (s[1] == '#') {
        int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
        i = hex ? 3 : 2;
        uint32_t v = 0;
        size_t d0 = i;
        for (; i < n && i - d0 < 8; i++) {
            int h = hex ? hexval((unsigned char)s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
            if (h < 0)
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)h;
        }
        if (i == d0 || i >= n || s[i] != ';')
            return 0;
        /* Invalid numbers would become U+FFFD: not worth reading as text. */
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        if (v >= 0x80 && v <= 0x9F)
            v = c1_1252[v - 0x80];
        *cp = v;
        return i + 1;
    }
    size_t lo = 0, hi = MC_NENTITIES;
    size_t len = 0;
    while (1 + len < n && len < 32) {
        unsigned char c = (unsigned char)s[1 + len];
        if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9')))
            break;
        len++;
    }
    if (len == 0 || len >= 32 || 1 + len >= n || s[1 + len] != ';')
        return 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(mc_entities[mid].name, s + 1, len);
        if (c == 0 && mc_entities[mid].name[len] != '\0')
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else {
            *cp = mc_entities[mid].cp;
            return len + 2;
        }
    }
    return 0;
}

/* Whether a reference to `cp` is decoded: not to a control character (a reference to a
 * line feed would break the line it sits in; a C0 control is never text), nor to a
 * noncharacter. */
static int decodable(uint32_t cp) {
    if (cp < 0x20 || cp == 0x7F)
        return 0;
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF))
        return 0;
    return 1;
}

/* The reference at s[i..n), read as if an '&' stood at s[i-1] instead of the text there:
 * "&amp;" followed by "eacute;" is "&eacute;" once the first is decoded. */
static size_t entity_after_amp(const char *s, size_t n, size_t i, uint32_t *cp) {
    char tmp[48];
    size_t k = n - i < sizeof tmp - 1 ? n - i : sizeof tmp - 1;
    tmp[0] = '&';
    memcpy(tmp + 1, s + i, k);
    size_t l = mojiclean__entity(tmp, k + 1, cp);
    return l ? l - 1 : 0;
}

int mojiclean__unescape(const char *s, size_t n, mojiclean__buf *out) {
    int count = 0;
    size_t done = 0;
    for (const char *q = memchr(s, '&', n); q; q = memchr(q, '&', n - (size_t)(q - s))) {
        size_t i = (size_t)(q - s);
        uint32_t cp;
        size_t l = mojiclean__entity(q, n - i, &cp);
        if (!l || !decodable(cp)) {
            q++;
            continue;
        }
        size_t end = i + l;
        /* An escaped ampersand may have escaped a reference: decode to a fixed point, so
         * that the output holds no reference left to decode. */
        size_t more;
        uint32_t c2;
        while (cp == '&' && (more = entity_after_amp(s, n, end, &c2)) != 0 && decodable(c2)) {
            cp = c2;
            end += more;
        }
        unsigned char u[4];
        size_t ul = mojiclean__utf8_encode(cp, u);
        if (mojiclean__buf_append(out, s + done, i - done) < 0 || mojiclean__buf_append(out, u, ul) < 0)
            return MOJICLEAN_ENOMEM;

        done = end;
        count++;
        q = s + end;
        if (end >= n)
            break;
    }
    if (count && mojiclean__buf_append(out, s + done, n - done) < 0)
        return MOJICLEAN_ENOMEM;
    return count;
}
