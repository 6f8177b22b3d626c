/* fuzz_records.c: libFuzzer target for the program's record readers (src/cli/): JSON
 * Lines, WARC/WET, and gzip underneath either.
 * SPDX-License-Identifier: MIT
 *
 * Input: byte 0 chooses the framing (bit 0: WARC, else JSON Lines) and whether the rest
 * is fed gzip-compressed (bit 1); byte 1 the cleaning flags (fz_flags); the rest is the
 * file.  Properties, beyond "no crash":
 *   - flags 0: the output is the input, byte for byte (every framing passes what it does
 *     not clean through unchanged);
 *   - JSON Lines: exactly one output line per input line, whatever the flags;
 *   - valid UTF-8 in gives valid UTF-8 out;
 *   - gzip: the same file compressed gives the same output as plain;
 *   - JSON Lines: streaming every line longer than a few bytes (the path of lines over
 *     1 MiB) gives the same output as holding each line whole;
 *   - the whole file as one plain document cleans without error (fz_clean).
 */
#include "fuzz_common.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>

#include "cli/cli.h"

/* The program's globals (src/main.c is not linked into the target). */
const char *progname = "mojiclean";
cli_opts opt;

/* Run one framing over data[0..n) (written to a temporary file, gzipped when `gz`) and
 * return the output in a malloc'd buffer of *out_n bytes; *failed says the framing
 * refused the file (after a diagnostic). */
static char *run(const uint8_t *data, size_t n, int warc, int gz, unsigned flags, size_t hold,
                 size_t *out_n, int *failed) {
    char path[] = "/tmp/fuzz_records.XXXXXX";
    int fd = mkstemp(path);
    FZ_ASSERT(fd >= 0, "mkstemp: %s", strerror(errno));
    if (gz) {
        gzFile g = gzdopen(dup(fd), "wb");
        FZ_ASSERT(g != NULL, "gzdopen");
        FZ_ASSERT(n == 0 || gzwrite(g, data, (unsigned)n) == (int)n, "gzwrite");
        FZ_ASSERT(gzclose(g) == Z_OK, "gzclose");
    } else {
        FZ_ASSERT(n == 0 || write(fd, data, n) == (ssize_t)n, "write");
    }
    close(fd);

    memset(&opt, 0, sizeof opt);
    opt.flags = flags;
    opt.frame = warc ? FRAME_WARC : FRAME_JSONL;
    opt.field = "text";
    opt.field_len = 4;
    opt.jobs = 1;
    opt.jsonl_hold = hold;

    worker w;
    memset(&w, 0, sizeof w);
    mojiclean_error err;
    w.mc = mojiclean_new(flags, &err);
    FZ_ASSERT(w.mc != NULL, "mojiclean_new: %s", err.msg);
    job j;
    memset(&j, 0, sizeof j);
    j.path = path;
    char *errs = NULL;
    size_t errs_n = 0;
    j.err = open_memstream(&errs, &errs_n);
    char *out = NULL;
    size_t on = 0;
    FILE *of = open_memstream(&out, &on);
    FZ_ASSERT(j.err && of, "open_memstream");

    insrc s;
    FZ_ASSERT(src_open(&s, path, 0) == 0, "src_open: %s", strerror(errno));
    outsink o;
    memset(&o, 0, sizeof o);
    o.f = of;
    int r = warc ? frame_warc(&w, &j, &s, &o) : frame_jsonl(&w, &j, &s, &o);
    fflush(j.err);
    /* A framing may refuse a file (a WARC record whose Content-Length runs past the end),
     * but then it must say why. */
    FZ_ASSERT(r == 0 || errs_n > 0, "the framing failed without a diagnostic");
    *failed = r != 0;
    sink_finish(&o);
    sink_free(&o);
    src_close(&s);
    unlink(path);
    fclose(of);
    fclose(j.err);
    free(errs);
    mojiclean_free(w.mc);
    buf_free(&w.rec);
    buf_free(&w.txt);
    buf_free(&w.cln);
    buf_free(&w.esc);
    *out_n = on;
    return out;
}

static size_t count_lines(const char *p, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == '\n';
    return k + (n && p[n - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2)
        return 0;
    unsigned sel = data[0];
    unsigned flags = fz_flags(data[1]);
    data += 2;
    size -= 2;
    int warc = sel & 1, gz = (sel >> 1) & 1;

    size_t on;
    int failed, gfailed;
    char *out = run(data, size, warc, 0, flags, 0, &on, &failed);
    if (failed) {
        free(out);
        return 0;
    }
    if (flags == 0)
        fz_same(warc ? "--warc with no flags changed the input" : "--jsonl with no flags changed the input",
                (const char *)data, size, out, on);
    if (fz_utf8_valid(data, size))
        FZ_ASSERT(fz_utf8_valid((const unsigned char *)out, on), "valid UTF-8 in, invalid out");
    size_t cn;
    free(fz_clean((const char *)data, size, flags, &cn));
    if (!warc)
        FZ_ASSERT(count_lines(out, on) == count_lines((const char *)data, size),
                  "--jsonl wrote %zu lines for %zu", count_lines(out, on),
                  count_lines((const char *)data, size));
    if (!warc) {
        /* The streaming path: lines over 1 to 32 bytes, staged in memory up to as much. */
        size_t sn;
        int sfailed;
        char *st = run(data, size, 0, gz, flags, 1 + (sel >> 2 & 31), &sn, &sfailed);
        FZ_ASSERT(!sfailed, "a streamed line failed where the held line did not");
        fz_same("streamed lines gave other output than held lines", out, on, st, sn);
        free(st);
    }
    if (gz) {
        size_t gn;
        char *g = run(data, size, warc, 1, flags, 0, &gn, &gfailed);
        FZ_ASSERT(!gfailed, "gzip input refused where plain input was not");
        fz_same("gzip input gave other output than plain", out, on, g, gn);
        free(g);
    }
    free(out);
    return 0;
}
