/* jsonl.c: --jsonl[=FIELD]: clean one string field of each JSON Lines record and leave
 * every other byte of the record as it was (no re-serialisation).
 * SPDX-License-Identifier: MIT
 *
 * The record contract, which engines that split input by lines rely on: exactly one output
 * line per input line, in order.  A line that is not a JSON object with a string FIELD is
 * reported with its line number and written unchanged.  A field whose cleaned text equals
 * its decoded text is written with its original escapes; a changed one is re-escaped with
 * non-ASCII kept as UTF-8 and only '"', '\' and control characters escaped. */
#include <string.h>

#include "cli/cli.h"

static const char *skip_ws(const char *p, const char *e) {
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

/* The first byte at or after `p` (before `e`) that a JSON string treats apart: a quote,
 * a backslash or a control character; `e` when there is none.  Eight bytes at a time. */
static const char *special(const char *p, const char *e) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (e - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
        /* A lane is flagged when it is below 0x20 or equal to a quote or a backslash; a
         * lane above the first flagged one may be flagged wrongly (a borrow), never one
         * below it. */
        uint64_t m = (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
        if (m)
            return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
    while (p < e && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
    return p;
}

/* `p` at an opening quote: the byte after the closing one, or NULL. */
static const char *scan_string(const char *p, const char *e) {
    for (p++; p < e; p++) {
        p = special(p, e);
        if (p == e)
            break;
        if (*p == '"')
            return p + 1;
        if (*p == '\\')
            p++;
    }
    return NULL;
}

/* Any JSON value at `p`: the byte after it, or NULL.  Nested values are matched by their
 * brackets (strings respected), not validated: only FIELD's string needs to be exact. */
static const char *skip_value(const char *p, const char *e) {
    if (p >= e)
        return NULL;
    if (*p == '"')
        return scan_string(p, e);
    if (*p == '{' || *p == '[') {
        size_t depth = 0;
        while (p < e) {
            if (*p == '"') {
                p = scan_string(p, e);
                if (!p)
                    return NULL;
                continue;
            }
            if (*p == '{' || *p == '[')
                depth++;
            else if (*p == '}' || *p == ']')
                depth--;
            p++;
            if (depth == 0)
                return p;
        }
        return NULL;
    }
    const char *s = p;
    while (p < e && !strchr(",}] \t\r\n", *p))
        p++;
    return p > s ? p : NULL;
}

static int hex4(const char *p, const char *e, unsigned *v) {
    if (e - p < 4)
        return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;
        if (d == 16)
            return -1;
        *v = *v << 4 | d;
    }
    return 0;
}

static void put_utf8(buf *b, unsigned cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_add(b, u, n);
}

/* Decode the JSON string body p..e (between the quotes) into `out` (replaced).  Returns
 * NULL, or why it cannot be decoded.  A lone surrogate has no UTF-8 form, so it fails the
 * record rather than being replaced. */
static const char *unescape(const char *p, const char *e, buf *out) {
    out->len = 0;
    while (p < e) {
        const char *q = memchr(p, '\\', (size_t)(e - p));
        if (!q)
            q = e;
        buf_add(out, p, (size_t)(q - p));
        p = q;
        if (p == e)
            break;
        if (++p == e)
            return "bad escape in the string";
        char c = *p++, r;
        switch (c) {
        case '"': r = '"'; break;
        case '\\': r = '\\'; break;
        case '/': r = '/'; break;
        case 'b': r = '\b'; break;
        case 'f': r = '\f'; break;
        case 'n': r = '\n'; break;
        case 'r': r = '\r'; break;
        case 't': r = '\t'; break;
        case 'u': {
            unsigned v, lo;
            if (hex4(p, e, &v) != 0)
                return "bad \\u escape in the string";
            p += 4;
            if (v >= 0xDC00 && v <= 0xDFFF)
                return "lone surrogate \\u escape in the string";
            if (v >= 0xD800 && v <= 0xDBFF) {
                if (e - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, e, &lo) != 0 ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return "lone surrogate \\u escape in the string";
                p += 6;
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(out, v);
            continue;
        }
        default: return "bad escape in the string";
        }
        buf_add(out, &r, 1);
    }
    return NULL;
}

/* JSON-escape `n` bytes into `out` (replaced). */
static void escape(const char *p, size_t n, buf *out) {
    static const char hexd[] = "0123456789abcdef";
    out->len = 0;
    buf_reserve(out, n + n / 8 + 16);
    const char *e = p + n;
    while (p < e) {
        const char *s = p;
        p = special(p, e);
        buf_add(out, s, (size_t)(p - s));
        if (p == e)
            break;
        unsigned char c = (unsigned char)*p++;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t k = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hexd[c >> 4];
            esc[5] = hexd[c & 15];
            k = 6;
        }
        buf_add(out, esc, k);
    }
}

static const char NO_FIELD[] = "no such field";
static const char NOT_STRING[] = "the field is not a string";

/* Find FIELD's string value in the object p..e: sets [*vs, *ve) to it, quotes included.
 * Returns NULL, or why the line is not a record we can clean. */
static const char *find_field(worker *w, const char *p, const char *e, const char **vs,
                              const char **ve) {
    *vs = *ve = NULL;
    p = skip_ws(p, e);
    if (p == e || *p != '{')
        return "not a JSON object";
    p = skip_ws(p + 1, e);
    if (p < e && *p == '}') {
        p++;
    } else {
        for (;;) {
            if (p == e || *p != '"')
                return "malformed JSON: a key was expected";
            const char *ks = p;
            p = scan_string(p, e);
            if (!p)
                return "malformed JSON: unterminated string";
            int is_field = 0;
            if (!*vs) {
                /* Keys are compared decoded, so "t\u0065xt" is "text". */
                if (memchr(ks, '\\', (size_t)(p - ks))) {
                    is_field = !unescape(ks + 1, p - 1, &w->esc) &&
                               w->esc.len == opt.field_len &&
                               memcmp(w->esc.p, opt.field, opt.field_len) == 0;
                } else {
                    is_field = (size_t)(p - ks - 2) == opt.field_len &&
                               memcmp(ks + 1, opt.field, opt.field_len) == 0;
                }
            }
            p = skip_ws(p, e);
            if (p == e || *p != ':')
                return "malformed JSON: ':' was expected";
            p = skip_ws(p + 1, e);
            const char *v = p;
            p = skip_value(p, e);
            if (!p)
                return "malformed JSON: bad value";
            if (is_field) {
                if (*v != '"')
                    return NOT_STRING;
                *vs = v;
                *ve = p;
            }
            p = skip_ws(p, e);
            if (p < e && *p == ',') {
                p = skip_ws(p + 1, e);
                continue;
            }
            if (p < e && *p == '}') {
                p++;
                break;
            }
            return "malformed JSON: ',' or '}' was expected";
        }
    }
    if (skip_ws(p, e) != e)
        return "malformed JSON: text after the object";
    if (!*vs)
        return NO_FIELD;
    return NULL;
}

/* One line (its '\n' included when it has one). */
static int do_line(worker *w, job *j, const char *line, size_t len, unsigned long long lineno,
                   outsink *o) {
    const char *e = line + len;
    if (e > line && e[-1] == '\n')
        e--;
    if (skip_ws(line, e) == e) /* a blank line is kept, and is not a record */
        return sink_write(o, line, len);
    j->records++;
    const char *vs, *ve;
    const char *why = find_field(w, line, e, &vs, &ve);
    if (!why)
        why = unescape(vs + 1, ve - 1, &w->txt);
    if (why) {
        j->bad_records++;
        if (why == NO_FIELD)
            job_diag_at(j, lineno, opt.strict, "no field \"%s\"", opt.field);
        else if (why == NOT_STRING)
            job_diag_at(j, lineno, opt.strict, "field \"%s\" is not a string", opt.field);
        else
            job_diag_at(j, lineno, opt.strict, "%s", why);
        return sink_write(o, line, len);
    }
    const char *msg;
    if (clean_doc(w, w->txt.p, w->txt.len, &w->cln, &msg) != 0) {
        job_diag_at(j, lineno, 1, "%s", msg);
        return -1;
    }
    if (w->cln.len == w->txt.len && memcmp(w->cln.p, w->txt.p, w->txt.len) == 0)
        return sink_write(o, line, len);
    escape(w->cln.p, w->cln.len, &w->esc);
    if (sink_write(o, line, (size_t)(vs + 1 - line)) < 0 ||
        sink_write(o, w->esc.p, w->esc.len) < 0 ||
        sink_write(o, ve - 1, (size_t)(line + len - (ve - 1))) < 0)
        return -1;
    return 0;
}

int frame_jsonl(worker *w, job *j, insrc *s, outsink *o) {
    unsigned long long lineno = 0;
    w->rec.len = 0;
    for (;;) {
        ssize_t n = src_read(s, w->inbuf, sizeof w->inbuf);
        if (n < 0) {
            job_diag(j, "%s", src_error(s));
            break;
        }
        if (n == 0)
            break;
        const char *p = w->inbuf, *e = w->inbuf + n;
        while (p < e) {
            const char *nl = memchr(p, '\n', (size_t)(e - p));
            if (!nl) {
                buf_add(&w->rec, p, (size_t)(e - p));
                break;
            }
            nl++;
            int r;
            /* A line wholly inside the buffer is used where it is; a longer one is
             * gathered in w->rec. */
            if (w->rec.len) {
                buf_add(&w->rec, p, (size_t)(nl - p));
                r = do_line(w, j, w->rec.p, w->rec.len, ++lineno, o);
                w->rec.len = 0;
            } else {
                r = do_line(w, j, p, (size_t)(nl - p), ++lineno, o);
            }
            if (r < 0)
                goto fail;
            p = nl;
        }
    }
    /* The last line, without a newline: still a record, and still without one. */
    if (w->rec.len && do_line(w, j, w->rec.p, w->rec.len, ++lineno, o) < 0)
        goto fail;
    w->rec.len = 0;
    return j->failed ? -1 : 0;
fail:
    w->rec.len = 0;
    if (!j->failed)
        job_diag(j, "write error: %s", o->err > 0 ? strerror(o->err) : "compression failed");
    return -1;
}
