/* warc.c: --warc: clean the text of WARC/WET records and pass every other record through
 * byte for byte; plus the SHA-1 and base32 that WARC digests are written in.
 * SPDX-License-Identifier: MIT
 *
 * Cleaned: the block of `conversion` records (WET text) and the payload of `response`
 * records whose HTTP Content-Type is text/plain, not compressed and not chunked.  A record
 * whose text changes gets a new Content-Length (and HTTP Content-Length), and its
 * WARC-Block-Digest and WARC-Payload-Digest are recomputed when they are sha1, removed
 * when they use an algorithm this program does not compute.  A record that does not change
 * is written exactly as it was read, digests and all. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

/* MARK: - SHA-1 (FIPS 180-4) */

static uint32_t rol(uint32_t x, int n) { return x << n | x >> (32 - n); }

static void sha1_block(sha1 *s, const unsigned char *b) {
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
               (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = s->h[0], bb = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20)
            f = (bb & c) | (~bb & d), k = 0x5A827999;
        else if (i < 40)
            f = bb ^ c ^ d, k = 0x6ED9EBA1;
        else if (i < 60)
            f = (bb & c) | (bb & d) | (c & d), k = 0x8F1BBCDC;
        else
            f = bb ^ c ^ d, k = 0xCA62C1D6;
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol(bb, 30);
        bb = a;
        a = t;
    }
    s->h[0] += a;
    s->h[1] += bb;
    s->h[2] += c;
    s->h[3] += d;
    s->h[4] += e;
}

void sha1_init(sha1 *s) {
    static const uint32_t h0[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    memcpy(s->h, h0, sizeof h0);
    s->len = 0;
    s->n = 0;
}

void sha1_update(sha1 *s, const void *p, size_t n) {
    const unsigned char *c = p;
    s->len += n;
    while (n) {
        if (s->n == 0 && n >= 64) {
            sha1_block(s, c);
            c += 64;
            n -= 64;
            continue;
        }
        size_t m = 64 - s->n < n ? 64 - s->n : n;
        memcpy(s->blk + s->n, c, m);
        s->n += m;
        c += m;
        n -= m;
        if (s->n == 64) {
            sha1_block(s, s->blk);
            s->n = 0;
        }
    }
}

void sha1_final(sha1 *s, unsigned char out[20]) {
    uint64_t bits = s->len * 8;
    unsigned char pad = 0x80;
    sha1_update(s, &pad, 1);
    pad = 0;
    while (s->n != 56)
        sha1_update(s, &pad, 1);
    unsigned char lb[8];
    for (int i = 0; i < 8; i++)
        lb[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_update(s, lb, 8);
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (unsigned char)(s->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)s->h[i];
    }
}

void sha1_base32(const void *p, size_t n, char out[38]) {
    static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    unsigned char d[20];
    sha1 s;
    sha1_init(&s);
    sha1_update(&s, p, n);
    sha1_final(&s, d);
    memcpy(out, "sha1:", 5);
    /* 160 bits are 32 base32 digits exactly: no padding. */
    for (int i = 0; i < 32; i++) {
        int bit = i * 5;
        unsigned v = (unsigned)d[bit / 8] << 8 | (bit / 8 + 1 < 20 ? d[bit / 8 + 1] : 0u);
        out[5 + i] = b32[(v >> (11 - bit % 8)) & 31];
    }
    out[37] = '\0';
}

/* MARK: - Reading records */

typedef struct rd {
    insrc *s;
    char *b;
    size_t pos, len;
    int eof, err;
} rd;

/* Make bytes available in the buffer; 0 at the end (or an error, in r->err). */
static size_t rd_avail(rd *r) {
    if (r->pos < r->len)
        return r->len - r->pos;
    if (r->eof || r->err)
        return 0;
    ssize_t n = src_read(r->s, r->b, IO_BUF);
    if (n < 0) {
        r->err = 1;
        return 0;
    }
    if (n == 0)
        r->eof = 1;
    r->pos = 0;
    r->len = (size_t)n;
    return (size_t)n;
}

/* Append the header to `h` up to and including its empty line (CRLF CRLF, or LF LF).
 * Returns 1 with a header, 0 at the end of input (h holds whatever was left), -1 when
 * the header grows past 1 MiB. */
static int read_header(rd *r, buf *h) {
    h->len = 0;
    for (;;) {
        if (!rd_avail(r))
            return 0;
        char c = r->b[r->pos++];
        buf_add(h, &c, 1);
        if (c == '\n') {
            size_t n = h->len;
            if ((n >= 4 && memcmp(h->p + n - 4, "\r\n\r\n", 4) == 0) ||
                (n >= 2 && h->p[n - 2] == '\n'))
                return 1;
            if (n > (1u << 20))
                return -1;
        }
    }
}

/* Read `n` bytes into `b` (appended).  Returns the count actually read. */
static size_t read_block(rd *r, buf *b, uint64_t n) {
    size_t got = 0;
    while (got < n && rd_avail(r)) {
        size_t m = r->len - r->pos;
        if (m > n - got)
            m = (size_t)(n - got);
        buf_add(b, r->b + r->pos, m);
        r->pos += m;
        got += m;
    }
    return got;
}

/* Copy `n` bytes to the output.  Returns the count copied, or -1 on a write error. */
static int64_t copy_block(rd *r, outsink *o, uint64_t n) {
    uint64_t got = 0;
    while (got < n && rd_avail(r)) {
        size_t m = r->len - r->pos;
        if (m > n - got)
            m = (size_t)(n - got);
        if (sink_write(o, r->b + r->pos, m) < 0)
            return -1;
        r->pos += m;
        got += m;
    }
    return (int64_t)got;
}

/* MARK: - Header fields */

/* The value of field `name` in the header block h..e (lines "Name: value"), trimmed; its
 * length in *vlen.  NULL when absent. */
static const char *field(const char *h, const char *e, const char *name, size_t *vlen) {
    size_t nl = strlen(name);
    for (const char *p = h; p < e;) {
        const char *eol = memchr(p, '\n', (size_t)(e - p));
        if (!eol)
            eol = e;
        if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1, *ve = eol;
            while (v < ve && (*v == ' ' || *v == '\t'))
                v++;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            *vlen = (size_t)(ve - v);
            return v;
        }
        p = eol + 1;
    }
    return NULL;
}

static int value_is(const char *v, size_t n, const char *want) {
    size_t k = strlen(want);
    return v && n >= k && strncasecmp(v, want, k) == 0 &&
           (n == k || v[k] == ';' || v[k] == ' ' || v[k] == '\t');
}

/* Parse a decimal Content-Length; -1 when it is not one. */
static int64_t parse_len(const char *v, size_t n) {
    if (!v || n == 0 || n > 18)
        return -1;
    int64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return -1;
        x = x * 10 + (v[i] - '0');
    }
    return x;
}

/* Copy the header lines of h..e to `out`, replacing the value of Content-Length with
 * `len` and the digests named in `digests` (NULL-terminated pairs name, new value; a NULL
 * value removes the line).  Line ends and the spelling of names are kept. */
static void rewrite_header(const char *h, const char *e, uint64_t len, const char *const *dg,
                           buf *out) {
    out->len = 0;
    for (const char *p = h; p < e;) {
        const char *eol = memchr(p, '\n', (size_t)(e - p));
        eol = eol ? eol + 1 : e;
        const char *colon = memchr(p, ':', (size_t)(eol - p));
        const char *repl = NULL;
        int drop = 0;
        char num[24];
        if (colon) {
            size_t nl = (size_t)(colon - p);
            if (nl == 14 && strncasecmp(p, "Content-Length", 14) == 0) {
                snprintf(num, sizeof num, "%llu", (unsigned long long)len);
                repl = num;
            }
            for (const char *const *d = dg; d && *d; d += 2) {
                if (strlen(d[0]) == nl && strncasecmp(p, d[0], nl) == 0) {
                    if (d[1])
                        repl = d[1];
                    else
                        drop = 1;
                }
            }
        }
        if (drop) {
            p = eol;
            continue;
        }
        if (!repl) {
            buf_add(out, p, (size_t)(eol - p));
        } else {
            const char *v = colon + 1;
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            const char *ve = eol;
            while (ve > v && (ve[-1] == '\n' || ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            buf_add(out, p, (size_t)(v - p));
            buf_add(out, repl, strlen(repl));
            buf_add(out, ve, (size_t)(eol - ve));
        }
        p = eol;
    }
}

/* MARK: - Records */

/* The new digest value for field value `old` of `data`: sha1 recomputed, other algorithms
 * dropped (NULL). */
static const char *new_digest(const char *old, size_t oldn, const char *data, size_t n,
                              char out[38]) {
    if (oldn >= 5 && strncasecmp(old, "sha1:", 5) == 0) {
        sha1_base32(data, n, out);
        return out;
    }
    return NULL;
}

/* Clean one record whose header is w->rec (h_len bytes) and whose block is in `blk`;
 * write it.  Returns 0 or -1 (write or library error, reported). */
static int clean_record(worker *w, job *j, outsink *o, const char *hdr, size_t hlen,
                        const buf *blk, int is_response, unsigned long long recno) {
    /* An empty block may have no storage at all (p NULL): point at an empty string, since
     * even NULL + 0 is undefined behaviour (found by the records fuzz target). */
    static const char none[1] = "";
    const char *b = blk->len ? blk->p : none, *be = b + blk->len;
    size_t pay_off = 0;
    if (is_response) {
        /* The HTTP header ends at its empty line; only text/plain, unencoded, unchunked
         * payloads are text this program may touch. */
        const char *end = NULL;
        for (const char *p = b; p + 1 < be; p++) {
            if (p[0] == '\n' && (p[1] == '\n' || (p + 2 < be && p[1] == '\r' && p[2] == '\n'))) {
                end = p + (p[1] == '\n' ? 2 : 3);
                break;
            }
        }
        size_t n;
        const char *ct, *ce, *te;
        if (!end || !(ct = field(b, end, "Content-Type", &n)) || !value_is(ct, n, "text/plain") ||
            ((ce = field(b, end, "Content-Encoding", &n)) && !value_is(ce, n, "identity")) ||
            ((te = field(b, end, "Transfer-Encoding", &n)) && value_is(te, n, "chunked")))
            goto unchanged;
        pay_off = (size_t)(end - b);
    }
    const char *msg;
    if (clean_doc(w, b + pay_off, blk->len - pay_off, &w->cln, &msg) != 0) {
        job_diag(j, "record %llu: %s", recno, msg);
        return -1;
    }
    if (w->cln.len == blk->len - pay_off && memcmp(w->cln.p, b + pay_off, w->cln.len) == 0)
        goto unchanged;
    /* The new block: the HTTP header (its Content-Length fixed) and the cleaned text. */
    buf nb = {NULL, 0, 0};
    buf_reserve(&nb, 1); /* storage even when the new block is empty: no NULL + 0 below */
    if (is_response) {
        size_t n;
        if (field(b, b + pay_off, "Content-Length", &n))
            rewrite_header(b, b + pay_off, w->cln.len, NULL, &nb);
        else
            buf_add(&nb, b, pay_off);
    }
    size_t new_pay_off = nb.len;
    buf_add(&nb, w->cln.p, w->cln.len);
    char bd[38], pd[38];
    size_t n;
    const char *v;
    const char *dg[5] = {NULL, NULL, NULL, NULL, NULL};
    int k = 0;
    if ((v = field(hdr, hdr + hlen, "WARC-Block-Digest", &n))) {
        dg[k++] = "WARC-Block-Digest";
        dg[k++] = new_digest(v, n, nb.p, nb.len, bd);
    }
    if ((v = field(hdr, hdr + hlen, "WARC-Payload-Digest", &n))) {
        dg[k++] = "WARC-Payload-Digest";
        dg[k++] = new_digest(v, n, nb.p + new_pay_off, nb.len - new_pay_off, pd);
    }
    rewrite_header(hdr, hdr + hlen, nb.len, dg, &w->esc);
    int r = sink_write(o, w->esc.p, w->esc.len) < 0 || sink_write(o, nb.p, nb.len) < 0 ? -1 : 0;
    buf_free(&nb);
    return r;
unchanged:
    return sink_write(o, hdr, hlen) < 0 || sink_write(o, blk->p, blk->len) < 0 ? -1 : 0;
}

/* Pass the rest of the input through unchanged (after a malformed record). */
static int pass_rest(rd *r, outsink *o) {
    while (rd_avail(r)) {
        if (sink_write(o, r->b + r->pos, r->len - r->pos) < 0)
            return -1;
        r->pos = r->len;
    }
    return 0;
}

int frame_warc(worker *w, job *j, insrc *s, outsink *o) {
    rd r = {s, w->inbuf, 0, 0, 0, 0};
    buf blk = {NULL, 0, 0};
    unsigned long long recno = 0;
    int ret = 0;
    for (;;) {
        int h = read_header(&r, &w->rec);
        if (h <= 0) {
            /* The end: nothing, or bytes that are no record (reported, kept). */
            if (w->rec.len && sink_write(o, w->rec.p, w->rec.len) < 0)
                goto write_error;
            if (r.err)
                goto read_error;
            if (h < 0 || w->rec.len) {
                job_diag(j, "record %llu: %s", recno + 1,
                         h < 0 ? "header longer than 1 MiB" : "truncated WARC header");
                if (pass_rest(&r, o) < 0)
                    goto write_error;
                ret = -1;
            }
            break;
        }
        recno++;
        const char *hd = w->rec.p;
        size_t hl = w->rec.len;
        size_t n, tn, cn;
        const char *lenv = field(hd, hd + hl, "Content-Length", &n);
        int64_t len = parse_len(lenv, n);
        const char *type = field(hd, hd + hl, "WARC-Type", &tn);
        const char *ct = field(hd, hd + hl, "Content-Type", &cn);
        if (hl < 5 || memcmp(hd, "WARC/", 5) != 0 || len < 0) {
            job_diag(j, "record %llu: %s; the rest is copied unchanged", recno,
                     len < 0 ? "no valid Content-Length" : "not a WARC record");
            if (sink_write(o, hd, hl) < 0 || pass_rest(&r, o) < 0)
                goto write_error;
            ret = -1;
            break;
        }
        int conv = value_is(type, tn, "conversion");
        int resp = value_is(type, tn, "response") && value_is(ct, cn, "application/http");
        if (conv || resp) {
            blk.len = 0;
            if (read_block(&r, &blk, (uint64_t)len) < (size_t)len) {
                if (sink_write(o, hd, hl) < 0 || sink_write(o, blk.p, blk.len) < 0)
                    goto write_error;
                if (r.err)
                    goto read_error;
                job_diag(j, "record %llu: truncated (Content-Length %lld)", recno,
                         (long long)len);
                ret = -1;
                break;
            }
            if (clean_record(w, j, o, hd, hl, &blk, resp, recno) < 0) {
                if (j->failed)
                    break;
                goto write_error;
            }
        } else {
            if (sink_write(o, hd, hl) < 0)
                goto write_error;
            int64_t got = copy_block(&r, o, (uint64_t)len);
            if (got < 0)
                goto write_error;
            if (got < len) {
                if (r.err)
                    goto read_error;
                job_diag(j, "record %llu: truncated (Content-Length %lld)", recno,
                         (long long)len);
                ret = -1;
                break;
            }
        }
        /* The record separator (CRLF CRLF; any run of line ends is taken as one). */
        while (rd_avail(&r) && (r.b[r.pos] == '\r' || r.b[r.pos] == '\n')) {
            if (sink_write(o, r.b + r.pos, 1) < 0)
                goto write_error;
            r.pos++;
        }
        if (r.err)
            goto read_error;
        /* Each record its own gzip member, as Common Crawl writes them. */
        if (sink_member_end(o) < 0)
            goto write_error;
        j->records++;
    }
    buf_free(&blk);
    return ret;
read_error:
    buf_free(&blk);
    job_diag(j, "%s", src_error(s));
    return -1;
write_error:
    buf_free(&blk);
    if (!j->failed)
        job_diag(j, "write error: %s", o->err > 0 ? strerror(o->err) : "compression failed");
    return -1;
}
