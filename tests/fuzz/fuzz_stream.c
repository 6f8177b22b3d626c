/* fuzz_stream.c: libFuzzer target for the streaming API (mojiclean_feed/finish/reset).
 * SPDX-License-Identifier: MIT
 *
 * Input: a 6-byte header, then the document.
 *   byte 0  flags (fz_flags, low five bits); 0x20: feed a prefix of the document and
 *           reset before the first real one; 0x40: an empty feed after every chunk
 *   byte 1  chunking of document 1 (bits 0-1) and of document 2 (bits 2-3):
 *           0 fixed size (byte 2 + 1), 1 random sizes up to byte 2 + 1, 2 one byte at a
 *           time, 3 random sizes up to 70 000 (crossing the 64 KiB line window)
 *   byte 2  chunk size parameter, and seed of the chunk-size generator with byte 5
 *   byte 3  output buffer size: 1-128 bytes below 0x80, else (byte 3 - 127) * 512
 *   byte 4  0xF0-0xFF: amplify the document by repetition to one of the sizes in
 *           amp_sizes[] (around the 64 KiB window and the 2^17-line limit), so small
 *           inputs reach the long-line and many-line paths; the last size, past
 *           MOJICLEAN_DOC_MAX, only when byte 5 is 0xA5 as well (it is slow)
 *   byte 5  seed, see above
 * Properties checked:
 *   - streamed output (any chunk sizes, any output buffer size) == mojiclean_clean();
 *   - every call makes progress (consumes input or writes output) and never fails;
 *   - after finish() returned 0, feed() fails with MOJICLEAN_ESTATE and finish() is 0
 *     with no more output;
 *   - a reset after a partly fed document leaves no trace of it;
 *   - the same document fed again after reset, chunked differently, gives the same bytes
 *     (two documents are below the cross-document repeat threshold of boilerplate.c);
 *   - the statistics count bytes in, bytes out and documents exactly;
 *   - valid UTF-8 in gives valid UTF-8 out; and, for amplified documents, repair is
 *     idempotent (the one-shot target checks it for the small ones);
 *   - repair of a repeated body is periodic across the 64 KiB window: when the body
 *     repaired twice and three times over gives its own repair twice and three times
 *     over, the body repeated past the window must give it every time too (a cut at the
 *     window must not leave mojibake behind).  -DFUZZ_CHECK_PERIODIC=0 skips it.
 * The amplification past MOJICLEAN_DOC_MAX is replay-only: under libFuzzer
 * (-DFUZZ_LIBFUZZER, set by fuzz.mk) one such input takes seconds.
 */
#include "fuzz_common.h"

#ifndef FUZZ_CHECK_IDEMPOTENT
#define FUZZ_CHECK_IDEMPOTENT 1
#endif

#ifndef FUZZ_CHECK_PERIODIC
#define FUZZ_CHECK_PERIODIC 1
#endif
#ifndef FUZZ_LIBFUZZER
#define FUZZ_LIBFUZZER 0
#endif

#define HEADER 6

static const size_t amp_sizes[16] = {
    65535, 65536, 65537, 65539, 65536 + 4096, 2 * 65536 - 1, 2 * 65536, 2 * 65536 + 1,
    3 * 65536 + 5, 131071, 131072, 131073, 140000, 200000, 262147, MOJICLEAN_DOC_MAX + 7};

typedef struct {
    char *p;
    size_t len, cap;
} fz_buf;

static void buf_add(fz_buf *b, const char *s, size_t n) {
    if (n == 0)
        return;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        FZ_ASSERT(p != NULL, "out of memory in the fuzz target");
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

typedef struct {
    int mode;
    size_t param;
    uint32_t rng;
} chunker;

static uint32_t next_rand(uint32_t *s) {
    /* xorshift32: any sequence will do, it only has to be reproducible from the input. */
    uint32_t x = *s ? *s : 0x9E3779B9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static size_t next_chunk(chunker *c) {
    switch (c->mode) {
    case 0: return c->param + 1;
    case 1: return 1 + next_rand(&c->rng) % (c->param + 1);
    case 2: return 1;
    default: return 1 + next_rand(&c->rng) % 70000;
    }
}

/* Feed doc[0..n) to `mc` in chunks chosen by `ch` (each copied to an exact-size heap
 * block, so ASan sees over-reads), draining into an exact-size `osize` output buffer;
 * finish unless `partial`.  The output is appended to `res`. */
static void run(mojiclean *mc, const char *doc, size_t n, chunker *ch, size_t osize,
                int empty_feeds, int partial, fz_buf *res) {
    char *obuf = malloc(osize);
    FZ_ASSERT(obuf != NULL, "out of memory in the fuzz target");
    mojiclean_error err = {0, NULL, 0};
    size_t pos = 0;
    while (pos < n) {
        size_t c = next_chunk(ch);
        if (c > n - pos)
            c = n - pos;
        char *chunk = malloc(c);
        FZ_ASSERT(chunk != NULL, "out of memory in the fuzz target");
        memcpy(chunk, doc + pos, c);
        mojiclean_in in = {chunk, c, 0};
        while (in.pos < in.size) {
            mojiclean_out out = {obuf, osize, 0};
            size_t before = in.pos;
            int r = mojiclean_feed(mc, &in, &out, &err);
            FZ_ASSERT(r >= 0, "feed at document byte %zu returned %d (%s)", pos + before, r,
                      err.msg ? err.msg : "");
            FZ_ASSERT(in.pos <= in.size && out.pos <= out.size, "feed moved pos past size");
            FZ_ASSERT(in.pos > before || out.pos > 0,
                      "feed made no progress at document byte %zu (returned %d, %zu-byte "
                      "output buffer)", pos + before, r, osize);
            FZ_ASSERT(r > 0 || in.pos == in.size,
                      "feed returned 0 with input left and no output waiting");
            buf_add(res, obuf, out.pos);
        }
        free(chunk);
        pos += c;
        if (empty_feeds) {
            /* An empty feed only drains: it must accept a NULL src with size 0. */
            mojiclean_in none = {NULL, 0, 0};
            int r;
            do {
                mojiclean_out out = {obuf, osize, 0};
                r = mojiclean_feed(mc, &none, &out, &err);
                FZ_ASSERT(r >= 0, "empty feed returned %d", r);
                FZ_ASSERT(r == 0 || out.pos > 0, "empty feed: output waiting but none written");
                buf_add(res, obuf, out.pos);
            } while (r > 0);
        }
    }
    if (!partial) {
        int r;
        do {
            mojiclean_out out = {obuf, osize, 0};
            r = mojiclean_finish(mc, &out, &err);
            FZ_ASSERT(r >= 0, "finish returned %d (%s)", r, err.msg ? err.msg : "");
            FZ_ASSERT(r == 0 || out.pos > 0, "finish: output waiting but none written");
            buf_add(res, obuf, out.pos);
        } while (r > 0);
        /* The document is over: more input is misuse, finishing again is harmless. */
        char one = 'x';
        mojiclean_in in = {&one, 1, 0};
        mojiclean_out out = {obuf, osize, 0};
        err.code = 0;
        r = mojiclean_feed(mc, &in, &out, &err);
        FZ_ASSERT(r == MOJICLEAN_ESTATE && err.code == MOJICLEAN_ESTATE && in.pos == 0 &&
                      out.pos == 0,
                  "feed after finish: returned %d, consumed %zu, wrote %zu (want ESTATE)", r,
                  in.pos, out.pos);
        r = mojiclean_finish(mc, &out, &err);
        FZ_ASSERT(r == 0 && out.pos == 0, "second finish returned %d and wrote %zu bytes", r,
                  out.pos);
    }
    free(obuf);
}

#if FUZZ_CHECK_PERIODIC
/* `reps` copies of s[0..n) in a new heap block. */
static char *repeat(const char *s, size_t n, size_t reps) {
    char *p = malloc(n * reps + 1);
    FZ_ASSERT(p != NULL, "out of memory in the fuzz target");
    for (size_t i = 0; i < reps; i++)
        memcpy(p + i * n, s, n);
    return p;
}

/* The periodicity property (see the top): body[0..bn) repeated to at least `n` bytes. */
static void check_periodic(const char *body, size_t bn, size_t n, unsigned rf) {
    size_t un, u2n, u3n;
    char *u = fz_clean(body, bn, rf, &un);
    char *b2 = repeat(body, bn, 2), *b3 = repeat(body, bn, 3);
    char *u2 = fz_clean(b2, 2 * bn, rf, &u2n), *u3 = fz_clean(b3, 3 * bn, rf, &u3n);
    char *w2 = repeat(u, un, 2), *w3 = repeat(u, un, 3);
    if (u2n == 2 * un && u3n == 3 * un && memcmp(u2, w2, u2n) == 0 &&
        memcmp(u3, w3, u3n) == 0) {
        size_t reps = (n + bn - 1) / bn, fn;
        char *big = repeat(body, bn, reps);
        char *full = fz_clean(big, reps * bn, rf, &fn);
        char *wf = repeat(u, un, reps);
        fz_same("repair of a repeated body is not periodic past the line window", wf,
                reps * un, full, fn);
        free(big);
        free(full);
        free(wf);
    }
    free(u);
    free(b2);
    free(b3);
    free(u2);
    free(u3);
    free(w2);
    free(w3);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < HEADER)
        return 0;
    unsigned flags = fz_flags(data[0]);
    int reset_first = (data[0] & 0x20) != 0;
    int empty_feeds = (data[0] & 0x40) != 0;
    chunker ch1 = {data[1] & 3, data[2], (uint32_t)data[2] << 8 | data[5] | 1u << 20};
    chunker ch2 = {(data[1] >> 2) & 3, data[2], (uint32_t)data[5] << 8 | data[2] | 1u << 21};
    size_t osize = data[3] < 0x80 ? (size_t)data[3] + 1 : (size_t)(data[3] - 127) * 512;
    const char *body = (const char *)data + HEADER;
    size_t bn = size - HEADER;

    /* The document: the body as it is, or repeated up to an amplified size. */
    int amplified = 0;
    size_t n = bn;
    if ((data[4] & 0xF0) == 0xF0 && bn > 0) {
        size_t want = amp_sizes[data[4] & 0xF];
        if ((data[4] & 0xF) != 15 || (data[5] == 0xA5 && !FUZZ_LIBFUZZER)) {
            n = want;
            amplified = 1;
        }
    }
    char *doc = malloc(n ? n : 1);
    FZ_ASSERT(doc != NULL, "out of memory in the fuzz target");
    for (size_t i = 0; i < n; i += bn)
        memcpy(doc + i, body, n - i < bn ? n - i : bn);

    size_t want_n;
    char *want = fz_clean(doc, n, flags, &want_n);

    mojiclean_error err = {0, NULL, 0};
    mojiclean *mc = mojiclean_new(flags, &err);
    FZ_ASSERT(mc != NULL, "mojiclean_new(%#x) failed: %s", flags, err.msg ? err.msg : "");

    uint64_t in_total = 0;
    if (reset_first) {
        /* A document abandoned halfway must leave nothing behind. */
        fz_buf junk = {NULL, 0, 0};
        chunker chp = ch1;
        run(mc, doc, n / 2, &chp, osize, 0, 1, &junk);
        mojiclean_stats st;
        mojiclean_get_stats(mc, &st);
        in_total = st.bytes_in;
        FZ_ASSERT(in_total == n / 2, "stats: %llu bytes in after a %zu-byte partial feed",
                  (unsigned long long)in_total, n / 2);
        free(junk.p);
        mojiclean_reset(mc);
    }
    mojiclean_stats st0;
    mojiclean_get_stats(mc, &st0);

    fz_buf got = {NULL, 0, 0};
    run(mc, doc, n, &ch1, osize, empty_feeds, 0, &got);
    fz_same("streamed output must equal mojiclean_clean()", want, want_n, got.p, got.len);

    mojiclean_reset(mc);
    fz_buf again = {NULL, 0, 0};
    run(mc, doc, n, &ch2, osize, 0, 0, &again);
    fz_same("the same document after reset must give the same output", want, want_n, again.p,
            again.len);

    mojiclean_stats st;
    mojiclean_get_stats(mc, &st);
    FZ_ASSERT(st.bytes_in == in_total + 2 * (uint64_t)n,
              "stats: bytes_in %llu, want %llu", (unsigned long long)st.bytes_in,
              (unsigned long long)(in_total + 2 * (uint64_t)n));
    FZ_ASSERT(st.bytes_out - st0.bytes_out == 2 * (uint64_t)want_n,
              "stats: bytes_out grew by %llu, want %llu",
              (unsigned long long)(st.bytes_out - st0.bytes_out),
              (unsigned long long)(2 * (uint64_t)want_n));
    FZ_ASSERT(st.documents == 2, "stats: %llu documents, want 2",
              (unsigned long long)st.documents);
    mojiclean_free(mc);

    if (fz_utf8_valid((const unsigned char *)doc, n))
        FZ_ASSERT(fz_utf8_valid((const unsigned char *)want, want_n),
                  "valid UTF-8 in, invalid UTF-8 out (flags %#x, %zu bytes)", flags, n);
    if (flags == 0)
        fz_same("flags 0: output must equal input", doc, n, want, want_n);

    (void)amplified;
#if FUZZ_CHECK_IDEMPOTENT
    if (amplified && (flags & MOJICLEAN_FIX)) {
        unsigned rf = flags & (MOJICLEAN_FIX | MOJICLEAN_ENTITIES | MOJICLEAN_NFC);
        size_t once_n, twice_n;
        char *once = fz_clean(doc, n, rf, &once_n);
        char *twice = fz_clean(once, once_n, rf, &twice_n);
        fz_same("repair is not idempotent on an amplified document", once, once_n, twice,
                twice_n);
        free(once);
        free(twice);
    }
#endif

#if FUZZ_CHECK_PERIODIC
    if (amplified && (flags & MOJICLEAN_FIX))
        check_periodic(body, bn, n, flags & (MOJICLEAN_FIX | MOJICLEAN_ENTITIES | MOJICLEAN_NFC));
#endif

    free(got.p);
    free(again.p);
    free(want);
    free(doc);
    return 0;
}
