/* jsonl.c: --jsonl[=FIELD]: clean one string field of each JSON Lines record and leave
 * every other byte of the record as it was (no re-serialisation).
 * SPDX-License-Identifier: MIT
 *
 * The record contract, which engines that split input by lines rely on: exactly one output
 * line per input line, in order.  A line that is not a JSON object with a string FIELD is
 * reported with its line number and written unchanged.  A field whose cleaned text equals
 * its decoded text is written with its original escapes; a changed one is re-escaped with
 * non-ASCII kept as UTF-8 and only '"', '\' and control characters escaped.
 *
 * A line longer than the hold (JSONL_HOLD, or MOJICLEAN_JSONL_HOLD) is not held whole: it
 * is parsed as it is read, its bytes before FIELD's string are written at once (they come
 * out unchanged whatever the rest holds), and the rest of it is staged (in memory up to
 * 64 KiB, then in an unlinked temporary file).  Only when the line has ended, and so is
 * known to be a record we can clean, is the field decoded from the stage into the
 * library: the library sees exactly what it would see for the line held whole, and the
 * output and the messages are the same, byte for byte, a malformed record included
 * (issue 6).  Holding only the decoded field would not do: whether it is written with
 * its own escapes or escaped again is known only at its end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static const char *skip_ws(const char *p, const char *e) {
    while (p < e && is_ws(*p))
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

/* A hex digit's value plus one; 0 for any other byte. */
static const unsigned char HEXV[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,
    ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
    ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
    ['F'] = 16};

static int hex4(const char *p, const char *e, unsigned *v) {
    if (e - p < 4)
        return -1;
    unsigned a = HEXV[(unsigned char)p[0]], b = HEXV[(unsigned char)p[1]],
             c = HEXV[(unsigned char)p[2]], d = HEXV[(unsigned char)p[3]];
    if (!a || !b || !c || !d)
        return -1;
    *v = (a - 1) << 12 | (b - 1) << 8 | (c - 1) << 4 | (d - 1);
    return 0;
}

/* The UTF-8 form of `cp` at `u`; returns its length. */
static size_t utf8_to(char *u, unsigned cp) {
    if (cp < 0x80) {
        u[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (char)(0xF0 | cp >> 18);
    u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void put_utf8(buf *b, unsigned cp) {
    char u[4];
    buf_add(b, u, utf8_to(u, cp));
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

/* The verdicts on a line that is no record to clean; find_field() gives them for a line
 * held whole and lr_verdict() for one streamed, and the two must agree. */
static const char NOT_OBJECT[] = "not a JSON object";
static const char NO_KEY[] = "malformed JSON: a key was expected";
static const char UNTERMINATED[] = "malformed JSON: unterminated string";
static const char NO_COLON[] = "malformed JSON: ':' was expected";
static const char BAD_VALUE[] = "malformed JSON: bad value";
static const char NO_COMMA[] = "malformed JSON: ',' or '}' was expected";
static const char TRAILING[] = "malformed JSON: text after the object";
static const char NO_FIELD[] = "no such field";
static const char NOT_STRING[] = "the field is not a string";

/* Find FIELD's string value in the object p..e: sets [*vs, *ve) to it, quotes included.
 * Returns NULL, or why the line is not a record we can clean. */
static const char *find_field(worker *w, const char *p, const char *e, const char **vs,
                              const char **ve) {
    *vs = *ve = NULL;
    p = skip_ws(p, e);
    if (p == e || *p != '{')
        return NOT_OBJECT;
    p = skip_ws(p + 1, e);
    if (p < e && *p == '}') {
        p++;
    } else {
        for (;;) {
            if (p == e || *p != '"')
                return NO_KEY;
            const char *ks = p;
            p = scan_string(p, e);
            if (!p)
                return UNTERMINATED;
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
                return NO_COLON;
            p = skip_ws(p + 1, e);
            const char *v = p;
            p = skip_value(p, e);
            if (!p)
                return BAD_VALUE;
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
            return NO_COMMA;
        }
    }
    if (skip_ws(p, e) != e)
        return TRAILING;
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
    /* (An empty field may have no buffer at all: memcmp() must not see NULL.) */
    if (w->cln.len == w->txt.len && (w->txt.len == 0 || memcmp(w->cln.p, w->txt.p, w->txt.len) == 0))
        return sink_write(o, line, len);
    escape(w->cln.p, w->cln.len, &w->esc);
    if (sink_write(o, line, (size_t)(vs + 1 - line)) < 0 ||
        sink_write(o, w->esc.p, w->esc.len) < 0 ||
        sink_write(o, ve - 1, (size_t)(line + len - (ve - 1))) < 0)
        return -1;
    return 0;
}

/* MARK: - Long records */

/* Lines of up to this many bytes (their '\n' included) are held whole by do_line(); a
 * longer one is streamed by the functions below.  MOJICLEAN_JSONL_HOLD overrides it, so
 * that the tests can send short records down the streaming path. */
#define JSONL_HOLD ((size_t)1 << 20)
/* The chunk in which a staged field is read back, decoded and cleaned; also the most of a
 * long line staged in memory before the temporary file takes the rest. */
#define CHUNK ((size_t)1 << 16)

/* The staged part of a long line: bytes appended in order and read back by offset.  The
 * first `cap` bytes stay in memory, the rest go to an unlinked temporary file. */
typedef struct spool {
    buf mem;
    size_t cap;
    FILE *f;       /* the temporary file, made at the first overflow, or NULL */
    int nofile;    /* no temporary file could be made: memory it is, as before issue 6 */
    uint64_t size; /* bytes staged for the current line */
} spool;

static int spool_add(spool *sp, job *j, const char *p, size_t n) {
    if (!sp->nofile && !sp->f && sp->size + n > sp->cap) {
        sp->f = anon_tmpfile(NULL);
        if (!sp->f) {
            job_warn(j, "cannot create a temporary file (%s): long records are held in memory",
                     strerror(errno));
            sp->nofile = 1;
        }
    }
    size_t room = sp->size < sp->cap ? (size_t)(sp->cap - sp->size) : 0;
    size_t k = sp->nofile || n < room ? n : room;
    buf_add(&sp->mem, p, k);
    sp->size += k;
    p += k;
    n -= k;
    while (n) {
        ssize_t r = pwrite(fileno(sp->f), p, n, (off_t)(sp->size - sp->cap));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            job_diag(j, "cannot stage a long record in a temporary file: %s",
                     r < 0 ? strerror(errno) : "short write");
            return -1;
        }
        sp->size += (uint64_t)r;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Read the `n` staged bytes at `off` into `p`. */
static int spool_read(const spool *sp, job *j, uint64_t off, char *p, size_t n) {
    if (off < sp->mem.len) {
        size_t k = sp->mem.len - (size_t)off < n ? sp->mem.len - (size_t)off : n;
        memcpy(p, sp->mem.p + off, k);
        off += k;
        p += k;
        n -= k;
    }
    while (n) {
        ssize_t r = pread(fileno(sp->f), p, n, (off_t)(off - sp->cap));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            job_diag(j, "reading back a long record: %s", r < 0 ? strerror(errno) : "short read");
            return -1;
        }
        off += (uint64_t)r;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static void spool_reset(spool *sp) {
    sp->mem.len = 0;
    sp->size = 0;
    if (sp->f && ftruncate(fileno(sp->f), 0) != 0) {
        /* Only the disk space is not given back: every offset is explicit. */
    }
}

/* An incremental JSON string decoder, with unescape()'s rules and messages: the body of a
 * string (between its quotes) may arrive in pieces cut anywhere, even inside an escape. */
typedef struct jdec {
    char pend[12];   /* an escape sequence not yet complete ("\ud83d\ude0" at most) */
    size_t npend;
    const char *err; /* why the string cannot be decoded, once known */
} jdec;

static unsigned hexval(char c) { return HEXV[(unsigned char)c] - 1u; /* > 15 for a non-digit */ }

static const char BAD_ESC[] = "bad escape in the string";
static const char BAD_U[] = "bad \\u escape in the string";
static const char LONE[] = "lone surrogate \\u escape in the string";
static const char SIMPLE_FROM[] = "\"\\/bfnrt", SIMPLE_TO[] = "\"\\/\b\f\n\r\t";

/* pend holds an escape with one byte just added: decode it to `o` (NULL: only check it)
 * when it is complete, note the error when it cannot be one.  Returns `o` advanced. */
static char *jdec_step(jdec *d, char *o) {
    size_t k = d->npend;
    char c = d->pend[k - 1];
    if (k == 1)
        return o;
    if (k == 2) {
        const char *f = c ? strchr(SIMPLE_FROM, c) : NULL;
        if (f) {
            if (o)
                *o++ = SIMPLE_TO[f - SIMPLE_FROM];
            d->npend = 0;
        } else if (c != 'u') {
            d->err = BAD_ESC;
        }
        return o;
    }
    if (k <= 6) {
        if (hexval(c) > 15) {
            d->err = BAD_U;
            return o;
        }
        if (k < 6)
            return o;
        unsigned v;
        hex4(d->pend + 2, d->pend + 6, &v);
        if (v >= 0xDC00 && v <= 0xDFFF) {
            d->err = LONE;
        } else if (v < 0xD800 || v > 0xDBFF) {
            if (o)
                o += utf8_to(o, v);
            d->npend = 0;
        }
        return o;
    }
    /* The low half a high surrogate needs: "\uDC00" to "\uDFFF". */
    if (!(k == 7 ? c == '\\' : k == 8 ? c == 'u' : hexval(c) <= 15)) {
        d->err = LONE;
        return o;
    }
    if (k < 12)
        return o;
    unsigned hi, lo;
    hex4(d->pend + 2, d->pend + 6, &hi);
    hex4(d->pend + 8, d->pend + 12, &lo);
    if (lo < 0xDC00 || lo > 0xDFFF) {
        d->err = LONE;
        return o;
    }
    if (o)
        o += utf8_to(o, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
    d->npend = 0;
    return o;
}

/* Decode `n` more bytes of a string body, appending to `out` (NULL: only check them).
 * Returns -1 once the body is known to be undecodable (d->err says why). */
static int jdec_feed(jdec *d, const char *p, size_t n, buf *out) {
    char *o = NULL;
    if (out) {
        /* Decoding never grows the text, but an escape completed here may give up to 4
         * bytes for its last byte. */
        buf_reserve(out, n + 4);
        o = out->p + out->len;
    }
    const char *e = p + n;
    while (p < e && !d->err) {
        if (!d->npend) {
            /* Text runs between escapes are short in escaped text: look at a few bytes
             * before asking memchr. */
            const char *q = p;
            while (q < e && *q != '\\' && q - p < 16)
                q++;
            if (q < e && *q != '\\' && !(q = memchr(q, '\\', (size_t)(e - q))))
                q = e;
            if (o) {
                memcpy(o, p, (size_t)(q - p));
                o += q - p;
            }
            p = q;
            if (p == e)
                break;
            /* A whole, valid escape in sight is decoded in place; the byte-by-byte way
             * below is for an escape cut by the end of `p`, and for errors. */
            if (e - p >= 12) {
                unsigned v, lo;
                if (p[1] != 'u') {
                    const char *f = p[1] ? strchr(SIMPLE_FROM, p[1]) : NULL;
                    if (f) {
                        if (o)
                            *o++ = SIMPLE_TO[f - SIMPLE_FROM];
                        p += 2;
                        continue;
                    }
                } else if (hex4(p + 2, e, &v) == 0) {
                    size_t used = 0;
                    if (v < 0xD800 || v > 0xDFFF) {
                        used = 6;
                    } else if (v <= 0xDBFF && p[6] == '\\' && p[7] == 'u' &&
                               hex4(p + 8, e, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                        used = 12;
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    if (used) {
                        if (o)
                            o += utf8_to(o, v);
                        p += used;
                        continue;
                    }
                }
            }
        }
        d->pend[d->npend++] = *p++;
        o = jdec_step(d, o);
    }
    if (out)
        out->len = (size_t)(o - out->p);
    return d->err ? -1 : 0;
}

/* The body has ended: an escape still open is an error. */
static int jdec_end(jdec *d) {
    if (!d->err && d->npend)
        d->err = d->npend == 1 ? BAD_ESC : d->npend < 6 ? BAD_U : LONE;
    return d->err ? -1 : 0;
}

/* Parser states of a long line, in find_field()'s order. */
enum {
    P_OPEN,    /* white space before '{' (a line that ends here is blank) */
    P_FIRST,   /* after '{': a key or '}' */
    P_NEXTKEY, /* after ',': a key */
    P_KEY,     /* in a key */
    P_COLON,
    P_VALUE,   /* before a value */
    P_STR,     /* in a string value that is not FIELD's */
    P_FIELD,   /* in FIELD's string (the part that is staged starts here) */
    P_NEST,    /* in an object or array value, `depth` deep */
    P_NESTSTR, /* in a string inside one */
    P_SCALAR,  /* in a number, true, false, null or anything else up to a delimiter */
    P_AFTER,   /* after a value: ',' or '}' */
    P_TRAIL,   /* after the object: white space only */
    P_STOP     /* the verdict (`why`) is known: the rest of the line is not looked at */
};

/* A line being streamed, and the buffers its field is cleaned with. */
typedef struct longrec {
    int st;
    int esc;           /* in a string, the last byte was a backslash */
    size_t depth;
    int is_field;      /* the key just read is FIELD (the first such key only) */
    int have_field;    /* FIELD's string has been read to its closing quote */
    int key_long;      /* the key is longer than any spelling of FIELD */
    int staging;       /* FIELD's opening quote has been written: the rest is staged */
    const char *why;   /* P_STOP: why the line is not a record we can clean */
    jdec dec;          /* checks FIELD's escapes as they are read */
    uint64_t body_len; /* FIELD's body, staged from offset 0 */
    buf key;           /* the key being read, while it may be FIELD */
    spool sp;
    /* Cleaning: the decoded bytes fed to the library (d), those of the comparison (d2),
     * escaped output (eo). */
    buf d, d2, eo;
    jdec cmpdec;
    uint64_t rb;       /* staged offset the comparison reads next */
    size_t d2pos;
    uint64_t matched;  /* cleaned bytes found equal to the decoded field so far */
    int changed;       /* they differ: escaped cleaned text is being written */
    char raw[CHUNK];
    char obuf[CHUNK];
} longrec;

static void lr_free(longrec *lr) {
    if (!lr)
        return;
    buf_free(&lr->key);
    buf_free(&lr->sp.mem);
    if (lr->sp.f)
        fclose(lr->sp.f);
    buf_free(&lr->d);
    buf_free(&lr->d2);
    buf_free(&lr->eo);
    free(lr);
}

static void lr_begin(longrec *lr) {
    lr->st = P_OPEN;
    lr->esc = 0;
    lr->depth = 0;
    lr->is_field = lr->have_field = lr->key_long = lr->staging = 0;
    lr->why = NULL;
    memset(&lr->dec, 0, sizeof lr->dec);
    lr->body_len = 0;
    spool_reset(&lr->sp);
}

static void lr_stop(longrec *lr, const char *why) {
    lr->st = P_STOP;
    lr->why = why;
}

/* The end of a value: FIELD's, if it is not a string, ends the parse as in find_field(). */
static void lr_value_end(longrec *lr, int is_string) {
    if (lr->is_field && !is_string)
        lr_stop(lr, NOT_STRING);
    else
        lr->st = P_AFTER;
    lr->is_field = 0;
}

/* In a string at `p` (lr->esc: the previous byte was a backslash): its closing quote, or
 * `e`.  scan_string()'s rule: a backslash takes the next byte with it, whatever it is. */
static const char *lr_string_end(longrec *lr, const char *p, const char *e) {
    while (p < e) {
        if (lr->esc) {
            lr->esc = 0;
            p++;
            continue;
        }
        p = special(p, e);
        if (p == e)
            break;
        if (*p == '"')
            return p;
        lr->esc = *p == '\\';
        p++;
    }
    return e;
}

/* Whether the key collected in lr->key is FIELD, compared decoded as find_field() does. */
static int lr_key_is_field(longrec *lr) {
    if (lr->key_long)
        return 0;
    const char *k = lr->key.p ? lr->key.p : "";
    if (memchr(k, '\\', lr->key.len))
        return !unescape(k, k + lr->key.len, &lr->d) && lr->d.len == opt.field_len &&
               memcmp(lr->d.p, opt.field, opt.field_len) == 0;
    return lr->key.len == opt.field_len && memcmp(k, opt.field, opt.field_len) == 0;
}

/* The states in which the parser stands between two tokens. */
static int between_tokens(int st) {
    return st == P_OPEN || st == P_FIRST || st == P_NEXTKEY || st == P_COLON || st == P_VALUE ||
           st == P_AFTER || st == P_TRAIL;
}

/* At p, the one character `c` that state `st` waits for: step over it into state `to`, or
 * stop with `why`.  Returns where parsing goes on. */
static const char *lr_expect(longrec *lr, const char *p, char c, int to, const char *why) {
    if (*p != c) {
        lr_stop(lr, why);
        return p;
    }
    lr->st = to;
    return p + 1;
}

/* Parse `n` more bytes of the line (without its '\n').  *stage is set to the offset in
 * p[] just after FIELD's opening quote when it is in these bytes, else to n + 1. */
static void lr_parse(longrec *lr, const char *p, size_t n, size_t *stage) {
    const char *s = p, *e = p + n;
    *stage = n + 1;
    while (p < e) {
        /* Between tokens white space is skipped, as find_field() skips it. */
        if (between_tokens(lr->st) && is_ws(*p)) {
            p++;
            continue;
        }
        switch (lr->st) {
        case P_STOP: return;
        case P_OPEN:
            p = lr_expect(lr, p, '{', P_FIRST, NOT_OBJECT);
            break;
        case P_FIRST:
        case P_NEXTKEY:
            if (*p == '}' && lr->st == P_FIRST) {
                p++;
                lr->st = P_TRAIL;
            } else if (*p == '"') {
                p++;
                lr->st = P_KEY;
                lr->esc = 0;
                lr->key.len = 0;
                lr->key_long = 0;
            } else {
                lr_stop(lr, NO_KEY);
            }
            break;
        case P_KEY:
        case P_STR:
        case P_NESTSTR:
        case P_FIELD: {
            const char *q = lr_string_end(lr, p, e);
            if (lr->st == P_KEY && !lr->have_field && !lr->key_long) {
                /* No spelling of FIELD is longer than 6 bytes ("\u0041") per byte. */
                if (lr->key.len + (size_t)(q - p) > 6 * opt.field_len)
                    lr->key_long = 1;
                else
                    buf_add(&lr->key, p, (size_t)(q - p));
            } else if (lr->st == P_FIELD) {
                jdec_feed(&lr->dec, p, (size_t)(q - p), NULL);
                lr->body_len += (uint64_t)(q - p);
            }
            p = q;
            if (p == e)
                break;
            p++;
            if (lr->st == P_KEY) {
                lr->is_field = !lr->have_field && lr_key_is_field(lr);
                lr->st = P_COLON;
            } else if (lr->st == P_NESTSTR) {
                lr->st = P_NEST;
            } else {
                if (lr->st == P_FIELD) {
                    jdec_end(&lr->dec);
                    lr->have_field = 1;
                }
                lr_value_end(lr, 1);
            }
            break;
        }
        case P_COLON:
            p = lr_expect(lr, p, ':', P_VALUE, NO_COLON);
            break;
        case P_VALUE:
            if (*p == '"') {
                p++;
                lr->esc = 0;
                if (lr->is_field) {
                    lr->st = P_FIELD;
                    lr->staging = 1;
                    *stage = (size_t)(p - s);
                } else {
                    lr->st = P_STR;
                }
            } else if (*p == '{' || *p == '[') {
                p++;
                lr->depth = 1;
                lr->st = P_NEST;
            } else if (*p == ',' || *p == '}' || *p == ']' || *p == '\0') {
                lr_stop(lr, BAD_VALUE); /* an empty scalar */
            } else {
                p++;
                lr->st = P_SCALAR;
            }
            break;
        case P_NEST:
            if (*p == '"') {
                lr->st = P_NESTSTR;
                lr->esc = 0;
            } else if (*p == '{' || *p == '[') {
                lr->depth++;
            } else if ((*p == '}' || *p == ']') && --lr->depth == 0) {
                lr_value_end(lr, 0);
            }
            p++;
            break;
        case P_SCALAR:
            /* skip_value()'s delimiters, NUL included (strchr finds the terminator). */
            while (p < e && !strchr(",}] \t\r\n", *p))
                p++;
            if (p < e)
                lr_value_end(lr, 0);
            break;
        case P_AFTER:
            if (*p == ',') {
                p++;
                lr->st = P_NEXTKEY;
            } else if (*p == '}') {
                p++;
                lr->st = P_TRAIL;
            } else {
                lr_stop(lr, NO_COMMA);
            }
            break;
        case P_TRAIL:
            lr_stop(lr, TRAILING);
            break;
        }
    }
}

/* The verdict on a line that has ended, as find_field() and unescape() would give it:
 * NULL for a record to clean, BLANK for a blank line, else the reason. */
static const char BLANK[] = "blank";

static const char *lr_verdict(longrec *lr) {
    switch (lr->st) {
    case P_OPEN: return BLANK;
    case P_STOP: return lr->why;
    case P_FIRST:
    case P_NEXTKEY: return NO_KEY;
    case P_KEY: return UNTERMINATED;
    case P_COLON: return NO_COLON;
    case P_SCALAR:
        if (lr->is_field)
            return NOT_STRING;
        return NO_COMMA;
    case P_AFTER: return NO_COMMA;
    case P_TRAIL: return !lr->have_field ? NO_FIELD : lr->dec.err;
    default: return BAD_VALUE; /* the line ended inside a value */
    }
}

/* Write the staged bytes [from, to). */
static int lr_copy(longrec *lr, job *j, uint64_t from, uint64_t to, outsink *o) {
    while (from < to) {
        size_t n = to - from < CHUNK ? (size_t)(to - from) : CHUNK;
        if (spool_read(&lr->sp, j, from, lr->raw, n) < 0 || sink_write(o, lr->raw, n) < 0)
            return -1;
        from += n;
    }
    return 0;
}

static int lr_escaped(longrec *lr, const char *p, size_t n, outsink *o) {
    escape(p, n, &lr->eo);
    return sink_write(o, lr->eo.p, lr->eo.len);
}

/* Decode more of the staged field into lr->d2 for the comparison; d2 stays empty at the
 * end of the field. */
static int lr_refill(longrec *lr, job *j) {
    lr->d2.len = lr->d2pos = 0;
    while (!lr->d2.len && lr->rb < lr->body_len) {
        size_t n = lr->body_len - lr->rb < CHUNK ? (size_t)(lr->body_len - lr->rb) : CHUNK;
        if (spool_read(&lr->sp, j, lr->rb, lr->raw, n) < 0)
            return -1;
        lr->rb += n;
        jdec_feed(&lr->cmpdec, lr->raw, n, &lr->d2);
    }
    return 0;
}

/* The cleaned text differs from the decoded field after lr->matched bytes: from now on it
 * is written escaped, beginning with those bytes (decoded once more from the stage). */
static int lr_diverge(longrec *lr, job *j, outsink *o) {
    lr->changed = 1;
    jdec dc;
    memset(&dc, 0, sizeof dc);
    uint64_t r = 0, left = lr->matched;
    while (left) {
        size_t n = lr->body_len - r < CHUNK ? (size_t)(lr->body_len - r) : CHUNK;
        if (spool_read(&lr->sp, j, r, lr->raw, n) < 0)
            return -1;
        r += n;
        lr->d2.len = 0;
        jdec_feed(&dc, lr->raw, n, &lr->d2);
        size_t k = lr->d2.len < left ? lr->d2.len : (size_t)left;
        if (lr_escaped(lr, lr->d2.p, k, o) < 0)
            return -1;
        left -= k;
    }
    return 0;
}

/* `n` bytes of cleaned text: compared with the decoded field while they are equal, then
 * written escaped. */
static int lr_out(longrec *lr, job *j, const char *c, size_t n, outsink *o) {
    size_t i = 0;
    while (!lr->changed && i < n) {
        if (lr->d2pos == lr->d2.len) {
            if (lr_refill(lr, j) < 0)
                return -1;
            if (!lr->d2.len)
                break; /* the cleaned text is longer */
        }
        size_t k = n - i < lr->d2.len - lr->d2pos ? n - i : lr->d2.len - lr->d2pos;
        size_t m = 0;
        const char *d = lr->d2.p + lr->d2pos;
        if (memcmp(c + i, d, k) == 0)
            m = k;
        else
            while (c[i + m] == d[m])
                m++;
        i += m;
        lr->d2pos += m;
        lr->matched += m;
        if (m < k)
            break;
    }
    if (i == n)
        return 0;
    if (!lr->changed && lr_diverge(lr, j, o) < 0)
        return -1;
    return lr_escaped(lr, c + i, n - i, o);
}

/* Clean the staged field of a valid record and write it: with its own escapes when the
 * cleaned text equals the decoded text, else escaped again (do_line()'s rule). */
static int lr_clean(longrec *lr, worker *w, job *j, unsigned long long lineno, outsink *o) {
    mojiclean_error err;
    jdec fd;
    memset(&fd, 0, sizeof fd);
    memset(&lr->cmpdec, 0, sizeof lr->cmpdec);
    lr->rb = lr->matched = 0;
    lr->d2.len = lr->d2pos = 0;
    lr->changed = 0;
    w->doc_record++;
    mojiclean_reset(w->mc);
    uint64_t ra = 0;
    int r;
    do {
        size_t n = lr->body_len - ra < CHUNK ? (size_t)(lr->body_len - ra) : CHUNK;
        if (n && spool_read(&lr->sp, j, ra, lr->raw, n) < 0)
            return -1;
        ra += n;
        lr->d.len = 0;
        jdec_feed(&fd, lr->raw, n, &lr->d);
        mojiclean_in in = {lr->d.p, lr->d.len, 0};
        while (in.pos < in.size) {
            mojiclean_out out = {lr->obuf, CHUNK, 0};
            if (mojiclean_feed(w->mc, &in, &out, &err) < 0)
                goto fail;
            if (lr_out(lr, j, lr->obuf, out.pos, o) < 0)
                return -1;
        }
    } while (ra < lr->body_len);
    do {
        mojiclean_out out = {lr->obuf, CHUNK, 0};
        r = mojiclean_finish(w->mc, &out, &err);
        if (r < 0)
            goto fail;
        if (lr_out(lr, j, lr->obuf, out.pos, o) < 0)
            return -1;
    } while (r > 0);
    if (lr->changed)
        return 0;
    /* Equal so far: unchanged only if the decoded field has no bytes left over. */
    if (lr->d2pos == lr->d2.len && lr_refill(lr, j) < 0)
        return -1;
    if (lr->d2pos < lr->d2.len)
        return lr_diverge(lr, j, o);
    return lr_copy(lr, j, 0, lr->body_len, o);
fail:
    job_diag_at(j, lineno, 1, "%s", err.msg);
    return -1;
}

/* `n` more bytes of a long line (not its '\n'): parsed, and written or staged. */
static int lr_feed(longrec *lr, job *j, const char *p, size_t n, outsink *o) {
    if (!n)
        return 0;
    int was_staging = lr->staging;
    size_t k;
    lr_parse(lr, p, n, &k);
    if (was_staging)
        return spool_add(&lr->sp, j, p, n);
    if (!lr->staging)
        return sink_write(o, p, n);
    return sink_write(o, p, k) < 0 || spool_add(&lr->sp, j, p + k, n - k) < 0 ? -1 : 0;
}

/* The long line has ended (with a '\n' when `nl`): report it as do_line() would, write
 * what is staged, cleaned when it is a record to clean. */
static int lr_end(longrec *lr, worker *w, job *j, int nl, unsigned long long lineno,
                  outsink *o) {
    if (nl && (lr->staging ? spool_add(&lr->sp, j, "\n", 1) : sink_write(o, "\n", 1)) < 0)
        return -1;
    const char *why = lr_verdict(lr);
    if (why == BLANK)
        return 0;
    j->records++;
    if (why) {
        j->bad_records++;
        if (why == NO_FIELD)
            job_diag_at(j, lineno, opt.strict, "no field \"%s\"", opt.field);
        else if (why == NOT_STRING)
            job_diag_at(j, lineno, opt.strict, "field \"%s\" is not a string", opt.field);
        else
            job_diag_at(j, lineno, opt.strict, "%s", why);
        return lr->staging ? lr_copy(lr, j, 0, lr->sp.size, o) : 0;
    }
    if (lr_clean(lr, w, j, lineno, o) < 0)
        return -1;
    return lr_copy(lr, j, lr->body_len, lr->sp.size, o);
}

int frame_jsonl(worker *w, job *j, insrc *s, outsink *o) {
    unsigned long long lineno = 0;
    size_t hold = opt.jsonl_hold ? opt.jsonl_hold : JSONL_HOLD;
    longrec *lr = NULL; /* made at the first long line, kept for the file */
    int streaming = 0;  /* the current line is a long one, going through lr */
    int rc = 0;
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
            size_t k = (size_t)((nl ? nl : e) - p);
            if (!streaming && w->rec.len + k + (nl != NULL) > hold) {
                /* Too long to hold: what was gathered goes first. */
                if (!lr) {
                    lr = xmalloc(sizeof *lr);
                    memset(lr, 0, sizeof *lr);
                    lr->sp.cap = hold < CHUNK ? hold : CHUNK;
                }
                lr_begin(lr);
                streaming = 1;
                if (lr_feed(lr, j, w->rec.p, w->rec.len, o) < 0)
                    goto fail;
                /* Its memory too: the bar is on the peak (bench/big.py). */
                buf_free(&w->rec);
            }
            if (streaming) {
                if (lr_feed(lr, j, p, k, o) < 0)
                    goto fail;
                if (!nl)
                    break;
                streaming = 0;
                if (lr_end(lr, w, j, 1, ++lineno, o) < 0)
                    goto fail;
                p = nl + 1;
                continue;
            }
            if (!nl) {
                buf_add(&w->rec, p, k);
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
    /* The last line, without a newline: still a record, and still without one.  (After a
     * read error too: what was read is written.) */
    if (streaming && lr_end(lr, w, j, 0, ++lineno, o) < 0)
        goto fail;
    if (w->rec.len && do_line(w, j, w->rec.p, w->rec.len, ++lineno, o) < 0)
        goto fail;
    rc = j->failed ? -1 : 0;
    goto done;
fail:
    if (!j->failed)
        job_diag(j, "write error: %s", o->err > 0 ? strerror(o->err) : "compression failed");
    rc = -1;
done:
    w->rec.len = 0;
    lr_free(lr);
    return rc;
}
