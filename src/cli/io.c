/* io.c: the program's input and output streams: plain or gzip input (detected by its magic
 * bytes, not its name), plain or gzip output, and the output-equals-input comparison.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* MARK: - Memory */

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(1);
    }
    return p;
}

void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(1);
    }
    return q;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void buf_reserve(buf *b, size_t n) {
    if (b->cap - b->len >= n)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < n)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

void buf_add(buf *b, const void *p, size_t n) {
    if (!n)
        return;
    buf_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

void buf_free(buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* MARK: - Comparison */

/* The queue holds the bytes one side has produced and the other has not yet matched.  While
 * the streams agree, the queue is what the library holds back; at the first difference
 * tracking stops and the memory goes. */
static void cmp_side(cmpq *c, int side, const char *p, size_t n) {
    if (c->differ || !n)
        return;
    size_t have = c->q.len - c->head;
    if (have && c->ahead != side) {
        size_t m = have < n ? have : n;
        if (memcmp(c->q.p + c->head, p, m) != 0) {
            c->differ = 1;
            buf_free(&c->q);
            c->head = 0;
            return;
        }
        c->head += m;
        p += m;
        n -= m;
        if (c->head == c->q.len)
            c->q.len = c->head = 0;
    }
    if (!n)
        return;
    if (c->q.len == c->head) {
        c->q.len = c->head = 0;
        c->ahead = side;
    } else if (c->head > (1u << 16) && c->head * 2 > c->q.len) {
        memmove(c->q.p, c->q.p + c->head, c->q.len - c->head);
        c->q.len -= c->head;
        c->head = 0;
    }
    buf_add(&c->q, p, n);
}

void cmp_input(cmpq *c, const char *p, size_t n) { cmp_side(c, 0, p, n); }
void cmp_output(cmpq *c, const char *p, size_t n) { cmp_side(c, 1, p, n); }

int cmp_differ(cmpq *c) { return c->differ || c->q.len != c->head; }

void cmp_free(cmpq *c) {
    buf_free(&c->q);
    c->head = 0;
}

/* MARK: - Input */

/* read(2) from the file into p[0..n), again after EINTR; notes EOF, errors and the count.
 * Returns bytes read, 0 at EOF, -1 on error (s->err). */
static ssize_t read_fd(insrc *s, void *p, size_t n) {
    for (;;) {
        ssize_t r = read(s->fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            s->err = errno;
            return -1;
        }
        if (r == 0)
            s->raw_eof = 1;
        s->raw_bytes += (uint64_t)r;
        return r;
    }
}

/* Read more raw bytes into s->raw (after what is left).  Returns bytes read, 0 at EOF,
 * -1 on error. */
static ssize_t raw_fill(insrc *s) {
    if (s->raw_eof)
        return 0;
    if (s->rpos > 0) {
        memmove(s->raw, s->raw + s->rpos, s->rlen - s->rpos);
        s->rlen -= s->rpos;
        s->rpos = 0;
    }
    ssize_t r = read_fd(s, s->raw + s->rlen, IO_BUF - s->rlen);
    if (r > 0)
        s->rlen += (size_t)r;
    return r;
}

int src_open(insrc *s, const char *path, int is_stdin) {
    /* All but the peek buffer, which is written before it is read (zeroing its 8 KiB for
     * every small file of a directory was 4 % of the run). */
    memset(s, 0, offsetof(insrc, head));
    s->is_stdin = is_stdin;
    s->fd = is_stdin ? 0 : open(path, O_RDONLY);
    if (s->fd < 0)
        return -1;
    s->raw = xmalloc(IO_BUF);
    /* Two bytes decide: 1F 8B is gzip whatever the name says. */
    while (s->rlen < 2 && !s->raw_eof) {
        if (raw_fill(s) < 0) {
            int e = s->err;
            src_close(s);
            errno = e;
            return -1;
        }
    }
    if (s->rlen >= 2 && (unsigned char)s->raw[0] == 0x1f && (unsigned char)s->raw[1] == 0x8b) {
        s->gz = 1;
        if (inflateInit2(&s->zs, 16 + MAX_WBITS) != Z_OK) {
            src_close(s);
            errno = ENOMEM;
            return -1;
        }
        s->zinit = 1;
    }
    return 0;
}

/* Inflate up to `n` bytes into `p`; several gzip members are read one after another, as
 * gzip(1) does. */
static ssize_t gz_read(insrc *s, char *p, size_t n) {
    if (s->zend)
        return 0;
    s->zs.next_out = (unsigned char *)p;
    s->zs.avail_out = (uInt)n;
    while (s->zs.avail_out == n) {
        if (s->rpos == s->rlen) {
            ssize_t r = raw_fill(s);
            if (r < 0)
                return -1;
            if (r == 0) {
                s->zmsg = "unexpected end of file (truncated gzip data)";
                return -1;
            }
        }
        s->zs.next_in = s->raw + s->rpos;
        s->zs.avail_in = (uInt)(s->rlen - s->rpos);
        int rc = inflate(&s->zs, Z_NO_FLUSH);
        s->rpos = s->rlen - s->zs.avail_in;
        if (rc == Z_STREAM_END) {
            /* Another member may follow; anything else after the data is an error. */
            if (s->rpos == s->rlen && raw_fill(s) < 0)
                return -1;
            if (s->rpos == s->rlen) {
                s->zend = 1;
                break;
            }
            if (s->raw[s->rpos] != 0x1f) {
                s->zmsg = "trailing garbage after gzip data";
                return -1;
            }
            inflateReset(&s->zs);
        } else if (rc == Z_BUF_ERROR) {
            continue; /* needs more input */
        } else if (rc != Z_OK) {
            s->zmsg = rc == Z_MEM_ERROR ? "out of memory"
                      : s->zs.msg       ? s->zs.msg
                                        : "corrupt gzip data";
            return -1;
        }
    }
    return (ssize_t)(n - s->zs.avail_out);
}

/* Decoded bytes, without the head buffer. */
static ssize_t src_read_raw(insrc *s, char *p, size_t n) {
    if (s->err || s->zmsg)
        return -1;
    if (s->gz)
        return gz_read(s, p, n);
    if (s->rpos < s->rlen) {
        size_t m = s->rlen - s->rpos < n ? s->rlen - s->rpos : n;
        memcpy(p, s->raw + s->rpos, m);
        s->rpos += m;
        return (ssize_t)m;
    }
    if (s->raw_eof)
        return 0;
    return read_fd(s, p, n);
}

ssize_t src_peek(insrc *s, const char **p) {
    while (s->hlen < HEAD_MAX) {
        ssize_t r = src_read_raw(s, s->head + s->hlen, HEAD_MAX - s->hlen);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        s->hlen += (size_t)r;
    }
    *p = s->head + s->hpos;
    return (ssize_t)(s->hlen - s->hpos);
}

ssize_t src_read(insrc *s, char *p, size_t n) {
    ssize_t r;
    if (s->hpos < s->hlen) {
        size_t m = s->hlen - s->hpos < n ? s->hlen - s->hpos : n;
        memcpy(p, s->head + s->hpos, m);
        s->hpos += m;
        r = (ssize_t)m;
    } else {
        r = src_read_raw(s, p, n);
    }
    if (r > 0) {
        s->bytes += (uint64_t)r;
        if (s->cmp)
            cmp_input(s->cmp, p, (size_t)r);
        if (s->tee && fwrite(p, 1, (size_t)r, s->tee) != (size_t)r) {
            s->err = errno ? errno : EIO;
            return -1;
        }
        progress_bytes((uint64_t)r);
    }
    return r;
}

const char *src_error(const insrc *s) { return s->zmsg ? s->zmsg : strerror(s->err); }

void src_close(insrc *s) {
    if (s->zinit)
        inflateEnd(&s->zs);
    s->zinit = 0;
    if (!s->is_stdin && s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    free(s->raw);
    s->raw = NULL;
}

/* MARK: - Output */

static int sink_put(outsink *o, const void *p, size_t n) {
    if (o->f && n && fwrite(p, 1, n, o->f) != n) {
        if (o->die) {
            fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
            exit(1);
        }
        o->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* Deflate what is in o->zs with `flush`, writing the compressed bytes. */
static int sink_deflate(outsink *o, int flush) {
    for (;;) {
        o->zs.next_out = o->zbuf;
        o->zs.avail_out = IO_BUF;
        int rc = deflate(&o->zs, flush);
        if (rc == Z_STREAM_ERROR) {
            o->err = -1;
            return -1;
        }
        if (sink_put(o, o->zbuf, IO_BUF - o->zs.avail_out) < 0)
            return -1;
        if (flush == Z_FINISH ? rc == Z_STREAM_END : o->zs.avail_out != 0)
            return 0;
    }
}

int sink_write(outsink *o, const char *p, size_t n) {
    if (o->err)
        return -1;
    if (!n)
        return 0;
    o->bytes += n;
    if (o->cmp)
        cmp_output(o->cmp, p, n);
    if (o->tee && fwrite(p, 1, n, o->tee) != n) {
        o->err = errno ? errno : EIO;
        return -1;
    }
    if (!o->gz)
        return sink_put(o, p, n);
    if (!o->zinit) {
        memset(&o->zs, 0, sizeof o->zs);
        if (deflateInit2(&o->zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            o->err = ENOMEM;
            return -1;
        }
        o->zinit = 1;
        if (!o->zbuf)
            o->zbuf = xmalloc(IO_BUF);
    }
    o->zs.next_in = (unsigned char *)(uintptr_t)p;
    o->zs.avail_in = (uInt)n;
    return sink_deflate(o, Z_NO_FLUSH);
}

int sink_member_end(outsink *o) {
    if (o->err)
        return -1;
    if (!o->gz || !o->zinit)
        return 0;
    o->zs.next_in = NULL;
    o->zs.avail_in = 0;
    if (sink_deflate(o, Z_FINISH) < 0)
        return -1;
    deflateEnd(&o->zs);
    o->zinit = 0;
    return 0;
}

int sink_finish(outsink *o) {
    /* An empty gzip file still gets one (empty) member, so it stays a gzip file. */
    if (o->gz && !o->zinit && !o->err && o->bytes == 0) {
        char nothing = 0;
        if (deflateInit2(&o->zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            o->err = ENOMEM;
            return -1;
        }
        o->zinit = 1;
        if (!o->zbuf)
            o->zbuf = xmalloc(IO_BUF);
        o->zs.next_in = (unsigned char *)&nothing;
        o->zs.avail_in = 0;
    }
    if (sink_member_end(o) < 0)
        return -1;
    if (o->f && fflush(o->f) != 0) {
        if (o->die) {
            fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
            exit(1);
        }
        o->err = errno ? errno : EIO;
        return -1;
    }
    return o->err ? -1 : 0;
}

void sink_free(outsink *o) {
    if (o->zinit)
        deflateEnd(&o->zs);
    o->zinit = 0;
    free(o->zbuf);
    o->zbuf = NULL;
}

FILE *anon_tmpfile(char **keep) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + sizeof "/mojiclean.XXXXXX";
    char *name = xmalloc(n);
    snprintf(name, n, "%s/mojiclean.XXXXXX", dir);
    int fd = mkstemp(name);
    if (fd < 0) {
        free(name);
        return NULL;
    }
    FILE *f = fdopen(fd, "w+b");
    if (!f) {
        close(fd);
        unlink(name);
        free(name);
        return NULL;
    }
    if (keep) {
        *keep = name;
    } else {
        unlink(name);
        free(name);
    }
    return f;
}
