/* test_stream.c: the public API through <mojiclean.h> only: arguments, errors, versions,
 * and streaming equivalence (any chunking of input and output gives the one-shot bytes).
 * SPDX-License-Identifier: MIT
 *
 * Fixtures are found under $MOJICLEAN_FIXTURES (default "fixtures", relative to the repo
 * root, where tests/run.sh runs us); the seed article is added from ../shared/seed when it
 * is there.  $MOJICLEAN_SPLITS caps the split points tried per file (valgrind runs use it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mojiclean.h>

/* MARK: - Helpers */

typedef struct bytes {
    char *p;
    size_t len, cap;
} bytes;

static void bytes_add(bytes *b, const char *s, size_t n) {
    if (n == 0)
        return;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n)
            cap *= 2;
        b->p = realloc(b->p, cap);
        assert_non_null(b->p);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* A copy of s[0..n) in a heap block of exactly n bytes, so that ASan and valgrind report a
 * read past the end of what the caller handed over. */
static char *exact_copy(const char *s, size_t n) {
    char *p = malloc(n ? n : 1);
    assert_non_null(p);
    if (n)
        memcpy(p, s, n);
    return p;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    bytes b = {0};
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        bytes_add(&b, buf, n);
    assert_false(ferror(f));
    fclose(f);
    *len = b.len;
    /* Re-home the contents in an exact-size block. */
    char *p = exact_copy(b.p, b.len);
    free(b.p);
    return p;
}

/* Fail with the first differing offset and a little context, since a plain memory compare
 * of two 5 KB articles says nothing useful. */
static void expect_same(const char *what, const char *want, size_t want_len, const char *got,
                        size_t got_len) {
    if (want_len == got_len && (want_len == 0 || memcmp(want, got, want_len) == 0))
        return;
    size_t i = 0;
    while (i < want_len && i < got_len && want[i] == got[i])
        i++;
    size_t from = i > 20 ? i - 20 : 0;
    size_t wn = want_len - from < 40 ? want_len - from : 40;
    size_t gn = got_len - from < 40 ? got_len - from : 40;
    print_error("%s: outputs differ at byte %zu (lengths %zu vs %zu)\n"
                "  one-shot: \"%.*s\"\n  streamed: \"%.*s\"\n",
                what, i, want_len, got_len, (int)wn, want + from, (int)gn, got + from);
    fail();
}

static void one_shot(const char *src, size_t n, unsigned flags, char **out, size_t *out_len) {
    mojiclean_error err = {0, NULL, 0};
    int r = mojiclean_clean(src, n, flags, out, out_len, &err);
    if (r != 0)
        fail_msg("mojiclean_clean: %d %s", r, err.msg ? err.msg : "(no message)");
    assert_non_null(*out);
    assert_int_equal((*out)[*out_len], '\0');
}

/* Feed one chunk (copied to an exact-size block) with an output buffer of `osz` bytes. */
static void feed_chunk(mojiclean *mc, const char *s, size_t n, size_t osz, bytes *res) {
    char *chunk = exact_copy(s, n);
    char *obuf = malloc(osz);
    assert_non_null(obuf);
    mojiclean_in in = {chunk, n, 0};
    size_t stuck = 0;
    while (in.pos < in.size) {
        mojiclean_out out = {obuf, osz, 0};
        size_t before = in.pos;
        mojiclean_error err;
        int r = mojiclean_feed(mc, &in, &out, &err);
        if (r < 0)
            fail_msg("mojiclean_feed: %d %s", r, err.msg);
        assert_true(in.pos <= in.size && out.pos <= out.size);
        bytes_add(res, obuf, out.pos);
        /* Each call must make progress one way or the other. */
        stuck = (in.pos == before && out.pos == 0) ? stuck + 1 : 0;
        if (stuck > 2)
            fail_msg("mojiclean_feed makes no progress (in %zu/%zu)", in.pos, in.size);
    }
    free(obuf);
    free(chunk);
}

static void finish_all(mojiclean *mc, size_t osz, bytes *res) {
    char *obuf = malloc(osz);
    assert_non_null(obuf);
    int r;
    size_t empty = 0;
    do {
        mojiclean_out out = {obuf, osz, 0};
        mojiclean_error err;
        r = mojiclean_finish(mc, &out, &err);
        if (r < 0)
            fail_msg("mojiclean_finish: %d %s", r, err.msg);
        bytes_add(res, obuf, out.pos);
        empty = (r > 0 && out.pos == 0) ? empty + 1 : 0;
        if (empty > 2)
            fail_msg("mojiclean_finish returns > 0 but writes nothing");
    } while (r > 0);
    free(obuf);
}

/* Stream s[0..n) through a fresh handle: cut at `split` (when < n), else in chunks of
 * `chunk` bytes (0: whole), with an output buffer of `osz` bytes. */
static void streamed(const char *s, size_t n, unsigned flags, size_t split, size_t chunk,
                     size_t osz, bytes *res) {
    mojiclean_error err;
    mojiclean *mc = mojiclean_new(flags, &err);
    assert_non_null(mc);
    res->len = 0;
    if (split < n) {
        feed_chunk(mc, s, split, osz, res);
        feed_chunk(mc, s + split, n - split, osz, res);
    } else {
        size_t step = chunk ? chunk : (n ? n : 1);
        for (size_t i = 0; i < n; i += step)
            feed_chunk(mc, s + i, n - i < step ? n - i : step, osz, res);
    }
    finish_all(mc, osz, res);
    mojiclean_free(mc);
}

/* A small deterministic PRNG (xorshift64*), so failures replay. */
static uint64_t rng_state;
static uint32_t rng(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

/* MARK: - Streaming equivalence over the fixtures */

typedef struct equiv_case {
    char name[320];
    char path[256];
    unsigned flags;
} equiv_case;

static const struct {
    const char *name;
    unsigned flags;
} flag_sets[] = {
    {"DEFAULT", MOJICLEAN_DEFAULT}, {"FIX", MOJICLEAN_FIX}, {"STRIP", MOJICLEAN_STRIP},
    {"0", 0},                       {"MARK", MOJICLEAN_MARK},
};

static size_t max_splits(size_t n) {
    const char *e = getenv("MOJICLEAN_SPLITS");
    size_t cap = e ? (size_t)strtoul(e, NULL, 10) : 0;
    size_t all = n < 8192 ? n + 1 : 200;
    return cap && cap < all ? cap : all;
}

static void test_equiv(void **state) {
    const equiv_case *c = *state;
    size_t n;
    char *src = read_file(c->path, &n);
    char *want;
    size_t want_len;
    one_shot(src, n, c->flags, &want, &want_len);
    if (c->flags == 0)
        expect_same("flags 0 is the identity", src, n, want, want_len);

    bytes got = {0};
    char what[400];
    snprintf(what, sizeof what, "%s fed whole", c->name);
    streamed(src, n, c->flags, SIZE_MAX, 0, 65536, &got);
    expect_same(what, want, want_len, got.p, got.len);

    snprintf(what, sizeof what, "%s fed 1 byte at a time", c->name);
    streamed(src, n, c->flags, SIZE_MAX, 1, 65536, &got);
    expect_same(what, want, want_len, got.p, got.len);

    snprintf(what, sizeof what, "%s with a 1-byte output buffer", c->name);
    streamed(src, n, c->flags, SIZE_MAX, 0, 1, &got);
    expect_same(what, want, want_len, got.p, got.len);

    /* Every split point of a small file (0 and n included: an empty chunk on either side);
     * evenly spread ones plus random ones for a large file or a capped run. */
    size_t k = max_splits(n);
    rng_state = UINT64_C(0x9E3779B97F4A7C15) ^ n;
    for (size_t i = 0; i < k; i++) {
        size_t at = k == n + 1 ? i : (i % 2 ? rng() % (n + 1) : i * (n + 1) / k);
        snprintf(what, sizeof what, "%s split at %zu", c->name, at);
        streamed(src, n, c->flags, at, 0, 4096, &got);
        expect_same(what, want, want_len, got.p, got.len);
    }
    free(got.p);
    free(want);
    free(src);
}

static int is_input(const char *name) {
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 4, ".txt") != 0)
        return 0;
    return !(n >= 9 && strcmp(name + n - 9, ".gold.txt") == 0);
}

static equiv_case *cases;
static size_t ncases, cases_cap;

static void add_cases(const char *path) {
    for (size_t i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++) {
        if (ncases == cases_cap) {
            cases_cap = cases_cap ? cases_cap * 2 : 64;
            cases = realloc(cases, cases_cap * sizeof *cases);
            if (!cases)
                abort();
        }
        equiv_case *c = &cases[ncases++];
        snprintf(c->path, sizeof c->path, "%s", path);
        snprintf(c->name, sizeof c->name, "equiv %s %s", path, flag_sets[i].name);
        c->flags = flag_sets[i].flags;
    }
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the inputs under `dir` recursively, in sorted order so the report is stable. */
static void walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names || !names[n])
            abort();
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        const char *base = strrchr(names[i], '/') + 1;
        if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk(names[i]);
        else if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && is_input(base))
            add_cases(names[i]);
        free(names[i]);
    }
    free(names);
}

/* MARK: - Streaming equivalence on generated input */

/* A 300 KB line with a mojibake run every 1000 bytes crosses the library's line window
 * several times; fed in 7-byte chunks it must still match one-shot. */
static char *long_line(size_t *len, int repaired) {
    bytes b = {0};
    const char *word = repaired ? "caf\xC3\xA9 " : "caf\xC3\x83\xC2\xA9 ";
    size_t wl = strlen(word);
    size_t chars = 0;
    while (chars < 300000) {
        for (size_t i = 0; i < 1000 - 5; i += 5)
            bytes_add(&b, "abcd ", 5);
        bytes_add(&b, word, wl);
        chars += 1000;
    }
    bytes_add(&b, "\n", 1);
    *len = b.len;
    char *p = exact_copy(b.p, b.len);
    free(b.p);
    return p;
}

static void test_long_line_7_byte_chunks(void **state) {
    (void)state;
    size_t n;
    char *src = long_line(&n, 0);
    const unsigned sets[] = {MOJICLEAN_DEFAULT, MOJICLEAN_FIX, 0};
    bytes got = {0};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        char *want;
        size_t want_len;
        one_shot(src, n, sets[i], &want, &want_len);
        streamed(src, n, sets[i], SIZE_MAX, 7, 4096, &got);
        char what[64];
        snprintf(what, sizeof what, "300 KB line, flags %u, 7-byte chunks", sets[i]);
        expect_same(what, want, want_len, got.p, got.len);
        free(want);
    }
    free(got.p);
    free(src);
}

/* The same line must come out repaired, every run of it: no run may be cut where the
 * library splits the line into windows.  Needs the real fixer. */
static void test_long_line_repaired(void **state) {
    (void)state;
    size_t n, good_len;
    char *src = long_line(&n, 0);
    char *good = long_line(&good_len, 1);
    bytes got = {0};
    streamed(src, n, MOJICLEAN_FIX, SIZE_MAX, 7, 4096, &got);
    expect_same("300 KB line repaired (caf\xC3\x83\xC2\xA9 -> caf\xC3\xA9)", good, good_len,
                got.p, got.len);
    free(got.p);
    free(good);
    free(src);
}

/* A document larger than MOJICLEAN_DOC_MAX is not analysed: the header promises that what
 * was held and everything after it is kept, so stripping changes nothing, and chunked
 * feeding still equals one-shot. */
static void test_over_doc_max(void **state) {
    (void)state;
    static const char block[] =
        "The council approved the budget for the new bridge on Tuesday, after a long debate "
        "about the cost of the works and the closure of the old crossing.\n\n"
        "Follow Us on Twitter, Instagram, Facebook, & LinkedIn\n\n"
        "Leave a Reply\n\n";
    bytes doc = {0};
    while (doc.len <= MOJICLEAN_DOC_MAX + 4096)
        bytes_add(&doc, block, sizeof block - 1);
    size_t n = doc.len;
    char *src = exact_copy(doc.p, n);
    free(doc.p);

    char *want, *kept;
    size_t want_len, kept_len;
    one_shot(src, n, MOJICLEAN_DEFAULT, &want, &want_len);
    one_shot(src, n, MOJICLEAN_DEFAULT & ~(unsigned)MOJICLEAN_STRIP, &kept, &kept_len);
    expect_same("over MOJICLEAN_DOC_MAX: everything kept", kept, kept_len, want, want_len);

    bytes got = {0};
    streamed(src, n, MOJICLEAN_DEFAULT, SIZE_MAX, 4093, 1000, &got);
    expect_same("over MOJICLEAN_DOC_MAX, 4093-byte chunks", want, want_len, got.p, got.len);
    free(got.p);
    free(kept);
    free(want);
    free(src);
}

/* A held line longer than the output queue's high-water mark (64 KiB) leaves in slices:
 * the output must still be the line whole, with one "+ " in front of it under
 * MOJICLEAN_MARK and none inside it, for a 200 KB line of a judged document and for a
 * 5 MB line (past MOJICLEAN_DOC_MAX, emitted as kept), whatever the output buffer size. */
static void test_long_held_line(void **state) {
    (void)state;
    const size_t sizes[] = {200000, MOJICLEAN_DOC_MAX + 1000000};
    for (size_t z = 0; z < 2; z++) {
        bytes b = {0};
        bytes_add(&b, "+ ", 2);
        while (b.len < sizes[z])
            bytes_add(&b, "plain words of a very long paragraph ", 37);
        bytes_add(&b, "\n", 1);
        const char *src = b.p + 2; /* the input; b.p is the marked output */
        size_t n = b.len - 2;
        const unsigned sets[] = {MOJICLEAN_DEFAULT, MOJICLEAN_DEFAULT | MOJICLEAN_MARK};
        for (size_t i = 0; i < 2; i++) {
            const char *want = i ? b.p : src;
            size_t want_len = i ? b.len : n;
            char *one;
            size_t one_len;
            char what[80];
            snprintf(what, sizeof what, "%zu-byte held line, flags %u, one-shot", n, sets[i]);
            one_shot(src, n, sets[i], &one, &one_len);
            expect_same(what, want, want_len, one, one_len);
            free(one);
            bytes got = {0};
            streamed(src, n, sets[i], SIZE_MAX, 65537, 1000, &got);
            snprintf(what, sizeof what, "%zu-byte held line, flags %u, streamed", n, sets[i]);
            expect_same(what, want, want_len, got.p, got.len);
            free(got.p);
        }
        free(b.p);
    }
}

/* Random bytes biased towards what breaks line and UTF-8 handling: CR, LF, NUL, stray
 * continuation bytes, cut sequences, mojibake lead pairs. */
static char *random_input(size_t n) {
    static const char *const pieces[] = {"\r", "\n", "\r\n", "\0", "\xC3", "\xC3\x83",
                                         "\xC3\xA9", "\xE2\x80", "\xC3\xA2\xE2\x82\xAC",
                                         "\xE0\xB9\x82\xE2\x82\xAC", "\xFF", "\xFE", "\x80",
                                         "\xF0\x9F\x98", " the ", "Leave a Reply\n\n"};
    char *p = malloc(n ? n : 1);
    assert_non_null(p);
    size_t i = 0;
    while (i < n) {
        uint32_t r = rng();
        if (r % 3 == 0) {
            const char *s = pieces[(r >> 8) % (sizeof pieces / sizeof pieces[0])];
            size_t l = s[0] ? strlen(s) : 1;
            for (size_t j = 0; j < l && i < n; j++)
                p[i++] = s[j];
        } else if (r % 3 == 1) {
            p[i++] = (char)(r >> 8);
        } else {
            p[i++] = (char)('a' + (r >> 8) % 26);
        }
    }
    return p;
}

/* Stream with chunk and output sizes drawn at random for every call. */
static void streamed_random(const char *s, size_t n, unsigned flags, bytes *res) {
    mojiclean *mc = mojiclean_new(flags, NULL);
    assert_non_null(mc);
    res->len = 0;
    size_t i = 0;
    while (i < n) {
        size_t k = 1 + rng() % 97;
        if (k > n - i)
            k = n - i;
        feed_chunk(mc, s + i, k, 1 + rng() % 64, res);
        i += k;
    }
    finish_all(mc, 1 + rng() % 64, res);
    mojiclean_free(mc);
}

static void test_random_bytes(void **state) {
    (void)state;
    rng_state = UINT64_C(20240601);
    bytes got = {0};
    for (int round = 0; round < 40; round++) {
        size_t n = round == 0 ? 0 : rng() % 20000;
        char *src = random_input(n);
        char *want;
        size_t want_len;
        char what[80];
        /* Flags 0: the identity, whatever the bytes. */
        one_shot(src, n, 0, &want, &want_len);
        snprintf(what, sizeof what, "random round %d, flags 0, one-shot", round);
        expect_same(what, src, n, want, want_len);
        streamed_random(src, n, 0, &got);
        snprintf(what, sizeof what, "random round %d, flags 0, streamed", round);
        expect_same(what, src, n, got.p, got.len);
        free(want);
        /* Any flags: random chunking equals one-shot. */
        unsigned flags = flag_sets[round % 5].flags;
        one_shot(src, n, flags, &want, &want_len);
        streamed_random(src, n, flags, &got);
        snprintf(what, sizeof what, "random round %d, flags %u", round, flags);
        expect_same(what, want, want_len, got.p, got.len);
        free(want);
        free(src);
    }
    free(got.p);
}

/* A CR that ends one feed and the LF that starts the next are one line end. */
static void test_crlf_across_feeds(void **state) {
    (void)state;
    mojiclean *mc = mojiclean_new(0, NULL);
    assert_non_null(mc);
    bytes got = {0};
    feed_chunk(mc, "a\r", 2, 16, &got);
    feed_chunk(mc, "\nb\r", 3, 16, &got);
    finish_all(mc, 16, &got);
    expect_same("CR | LF", "a\r\nb\r", 5, got.p, got.len);
    mojiclean_free(mc);
    free(got.p);
}

/* MARK: - Arguments and errors */

#define assert_error(err, want_code, want_offset)                                        \
    do {                                                                                 \
        assert_int_equal((err).code, (want_code));                                       \
        assert_non_null((err).msg);                                                      \
        assert_string_equal((err).msg, mojiclean_strerror(want_code));                   \
        assert_int_equal((err).offset, (want_offset));                                   \
    } while (0)

static void test_new_unknown_flag(void **state) {
    (void)state;
    mojiclean_error err = {0, NULL, 99};
    assert_null(mojiclean_new(MOJICLEAN_ALL_FLAGS + 1u, &err));
    assert_error(err, MOJICLEAN_EINVAL, 0);
    err.msg = NULL;
    assert_null(mojiclean_new(~0u, &err));
    assert_error(err, MOJICLEAN_EINVAL, 0);
    assert_null(mojiclean_new(1u << 31, NULL)); /* err may be NULL */
    for (unsigned f = 0; f <= MOJICLEAN_ALL_FLAGS; f++) {
        mojiclean *mc = mojiclean_new(f, &err);
        assert_non_null(mc);
        mojiclean_free(mc);
    }
}

static void test_free_null(void **state) {
    (void)state;
    mojiclean_free(NULL);
    mojiclean_reset(NULL);
}

static void test_feed_bad_args(void **state) {
    (void)state;
    mojiclean_error err;
    char obuf[64];
    mojiclean *mc = mojiclean_new(MOJICLEAN_DEFAULT, &err);
    assert_non_null(mc);

    /* Consume 4 bytes first, so the offset has something to report. */
    mojiclean_in in = {"abc\n", 4, 0};
    mojiclean_out out = {obuf, sizeof obuf, 0};
    assert_true(mojiclean_feed(mc, &in, &out, &err) >= 0);
    assert_int_equal(in.pos, 4);

    mojiclean_in good_in = {"x", 1, 0};
    mojiclean_out good_out = {obuf, sizeof obuf, 0};

    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(NULL, &good_in, &good_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 0);

    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, NULL, &good_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, &good_in, NULL, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    mojiclean_in bad_in = {NULL, 3, 0};
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, &bad_in, &good_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    mojiclean_in past_in = {"xy", 2, 3};
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, &past_in, &good_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    mojiclean_out bad_out = {NULL, 10, 0};
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, &good_in, &bad_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    mojiclean_out past_out = {obuf, 4, 5};
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, &good_in, &past_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    /* err may be NULL on the error path too. */
    assert_int_equal(mojiclean_feed(mc, NULL, &good_out, NULL), MOJICLEAN_EINVAL);

    /* An empty input with a NULL src is no error. */
    mojiclean_in empty = {NULL, 0, 0};
    assert_true(mojiclean_feed(mc, &empty, &good_out, &err) >= 0);

    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_finish(NULL, &good_out, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 0);
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_finish(mc, NULL, &err), MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 4);

    mojiclean_free(mc);
}

static void test_feed_after_finish(void **state) {
    (void)state;
    mojiclean_error err;
    char obuf[256];
    mojiclean *mc = mojiclean_new(MOJICLEAN_DEFAULT, &err);
    assert_non_null(mc);
    bytes got = {0};
    feed_chunk(mc, "hello\n", 6, sizeof obuf, &got);
    finish_all(mc, sizeof obuf, &got);
    expect_same("hello", "hello\n", 6, got.p, got.len);

    mojiclean_in in = {"more\n", 5, 0};
    mojiclean_out out = {obuf, sizeof obuf, 0};
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_feed(mc, &in, &out, &err), MOJICLEAN_ESTATE);
    assert_error(err, MOJICLEAN_ESTATE, 6);
    assert_int_equal(in.pos, 0);
    assert_int_equal(out.pos, 0);

    /* finish again is harmless and says nothing is waiting. */
    assert_int_equal(mojiclean_finish(mc, &out, &err), 0);
    assert_int_equal(out.pos, 0);

    /* After a reset the handle takes input again, and the offset starts over. */
    mojiclean_reset(mc);
    got.len = 0;
    feed_chunk(mc, "more\n", 5, sizeof obuf, &got);
    finish_all(mc, sizeof obuf, &got);
    in.pos = 0;
    memset(&err, 0, sizeof err);
    expect_same("after reset", "more\n", 5, got.p, got.len);
    assert_int_equal(mojiclean_feed(mc, &in, &out, &err), MOJICLEAN_ESTATE);
    assert_error(err, MOJICLEAN_ESTATE, 5);
    free(got.p);
    mojiclean_free(mc);
}

/* A reset in the middle of a document drops what is held and starts clean. */
static void test_reset_discards(void **state) {
    (void)state;
    mojiclean *mc = mojiclean_new(MOJICLEAN_FIX, NULL);
    assert_non_null(mc);
    bytes got = {0};
    feed_chunk(mc, "unterminated", 12, 64, &got);
    mojiclean_reset(mc);
    got.len = 0;
    feed_chunk(mc, "next\n", 5, 64, &got);
    finish_all(mc, 64, &got);
    expect_same("reset mid-line", "next\n", 5, got.p, got.len);
    free(got.p);
    mojiclean_free(mc);
}

static void test_clean_bad_args(void **state) {
    (void)state;
    mojiclean_error err;
    char *dst = (char *)&err; /* anything non-NULL: must come back NULL */
    size_t len = 7;

    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_clean("x", 1, MOJICLEAN_DEFAULT, NULL, &len, &err),
                     MOJICLEAN_EINVAL);
    assert_error(err, MOJICLEAN_EINVAL, 0);

    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_clean("x", 1, MOJICLEAN_DEFAULT, &dst, NULL, &err),
                     MOJICLEAN_EINVAL);
    assert_null(dst);
    assert_error(err, MOJICLEAN_EINVAL, 0);

    dst = (char *)&err;
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_clean(NULL, 5, MOJICLEAN_DEFAULT, &dst, &len, &err),
                     MOJICLEAN_EINVAL);
    assert_null(dst);
    assert_error(err, MOJICLEAN_EINVAL, 0);

    dst = (char *)&err;
    memset(&err, 0, sizeof err);
    assert_int_equal(mojiclean_clean("x", 1, ~0u, &dst, &len, &err), MOJICLEAN_EINVAL);
    assert_null(dst);
    assert_error(err, MOJICLEAN_EINVAL, 0);

    assert_int_equal(mojiclean_clean("x", 1, ~0u, &dst, &len, NULL), MOJICLEAN_EINVAL);

    /* NULL with length 0 is an empty document: an empty, NUL-terminated result. */
    assert_int_equal(mojiclean_clean(NULL, 0, MOJICLEAN_DEFAULT, &dst, &len, &err), 0);
    assert_non_null(dst);
    assert_int_equal(len, 0);
    assert_int_equal(dst[0], '\0');
    free(dst);
}

static void test_empty_input(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++) {
        bytes got = {0};
        streamed("", 0, flag_sets[i].flags, SIZE_MAX, 0, 16, &got);
        assert_int_equal(got.len, 0);
        free(got.p);
    }
}

static void test_stats(void **state) {
    (void)state;
    static const char text[] = "one\ntwo\r\nthree";
    mojiclean *mc = mojiclean_new(MOJICLEAN_FIX, NULL);
    assert_non_null(mc);
    bytes got = {0};
    feed_chunk(mc, text, sizeof text - 1, 3, &got);
    finish_all(mc, 3, &got);
    mojiclean_stats st;
    mojiclean_get_stats(mc, &st);
    assert_int_equal(st.bytes_in, sizeof text - 1);
    assert_int_equal(st.bytes_out, got.len);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.repairs, 0);
    assert_int_equal(st.lines_removed, 0);
    free(got.p);
    mojiclean_free(mc);
}

static void test_strerror(void **state) {
    (void)state;
    const int codes[] = {MOJICLEAN_OK, MOJICLEAN_EINVAL, MOJICLEAN_ENOMEM, MOJICLEAN_ESTATE};
    const char *unknown = mojiclean_strerror(12345);
    assert_non_null(unknown);
    assert_string_equal(unknown, "unknown error");
    assert_string_equal(mojiclean_strerror(-99), "unknown error");
    assert_string_equal(mojiclean_strerror(MOJICLEAN_OK), "success");
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *m = mojiclean_strerror(codes[i]);
        assert_non_null(m);
        assert_true(m[0] != '\0');
        assert_string_not_equal(m, unknown);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(m, mojiclean_strerror(codes[j]));
    }
    /* Codes are negative and distinct. */
    assert_true(MOJICLEAN_EINVAL < 0 && MOJICLEAN_ENOMEM < 0 && MOJICLEAN_ESTATE < 0);
}

static void test_version(void **state) {
    (void)state;
    assert_int_equal(mojiclean_version(), MOJICLEAN_VERSION);
    assert_int_equal(MOJICLEAN_VERSION, (MOJICLEAN_VERSION_MAJOR << 16) |
                                            (MOJICLEAN_VERSION_MINOR << 8) |
                                            MOJICLEAN_VERSION_PATCH);
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", MOJICLEAN_VERSION_MAJOR, MOJICLEAN_VERSION_MINOR,
             MOJICLEAN_VERSION_PATCH);
    assert_string_equal(MOJICLEAN_VERSION_STRING, want);
    assert_string_equal(mojiclean_version_string(), want);
}

/* MARK: - main */

int main(void) {
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_new_unknown_flag),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_feed_bad_args),
        cmocka_unit_test(test_feed_after_finish),
        cmocka_unit_test(test_reset_discards),
        cmocka_unit_test(test_clean_bad_args),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_crlf_across_feeds),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_long_line_7_byte_chunks),
        cmocka_unit_test(test_long_line_repaired),
        cmocka_unit_test(test_over_doc_max),
        cmocka_unit_test(test_long_held_line),
    };
    const char *dir = getenv("MOJICLEAN_FIXTURES");
    walk(dir ? dir : "fixtures");
    /* The seed article lives beside the repo, not in it. */
    const char *seed = "../shared/seed/000_f5963ccac3830ccb.txt";
    struct stat st;
    if (stat(seed, &st) == 0)
        add_cases(seed);
    if (ncases == 0)
        fprintf(stderr, "test_stream: no fixtures found under %s (run from the repo root)\n",
                dir ? dir : "fixtures");

    size_t nfixed = sizeof fixed / sizeof fixed[0];
    struct CMUnitTest *tests = calloc(nfixed + ncases, sizeof *tests);
    if (!tests)
        return 1;
    memcpy(tests, fixed, sizeof fixed);
    for (size_t i = 0; i < ncases; i++) {
        tests[nfixed + i].name = cases[i].name;
        tests[nfixed + i].test_func = test_equiv;
        tests[nfixed + i].initial_state = &cases[i];
    }
    /* The count is known only now, so call what cmocka_run_group_tests_name() expands to. */
    int failed = _cmocka_run_group_tests("stream", tests, nfixed + ncases, NULL, NULL);
    free(tests);
    free(cases);
    return failed || ncases == 0;
}
