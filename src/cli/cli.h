/* cli.h: what the parts of the mojiclean program (not the library) share: options, the
 * per-file job, input and output streams, and the framings (plain, JSON Lines, WARC).
 * SPDX-License-Identifier: MIT
 *
 * Only the program includes this; it uses the library through <mojiclean.h> alone. */
#ifndef MOJICLEAN_CLI_H
#define MOJICLEAN_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <mojiclean.h>
#include <zlib.h>

/* MARK: - Options */

enum { MODE_STDOUT, MODE_INPLACE, MODE_CHECK, MODE_DIFF };
enum { FRAME_PLAIN, FRAME_JSONL, FRAME_WARC };

typedef struct cli_opts {
    unsigned flags;       /* MOJICLEAN_* bits */
    int mode;             /* MODE_* */
    int frame;            /* FRAME_* */
    const char *field;    /* --jsonl field name */
    size_t field_len;
    size_t jsonl_hold;    /* --jsonl: lines longer than this are streamed (0: default) */
    const char *suffix;   /* -i backup suffix, or NULL */
    int recursive;
    int strict;           /* --strict: a malformed record fails the file */
    int verbose;
    int jobs;
    FILE *explain;        /* --explain: JSON Lines of every change go here, or NULL */
    char **include;       /* --include globs (NULL-terminated), or NULL */
    char **exclude;
} cli_opts;

extern cli_opts opt;
extern const char *progname;

/* MARK: - Growable byte buffer */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

/* Make room for `n` more bytes; exits with "out of memory" when there is none. */
void buf_reserve(buf *b, size_t n);
void buf_add(buf *b, const void *p, size_t n);
void buf_free(buf *b);

/* malloc/realloc that report and exit(1) on failure. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* MARK: - Jobs */

/* One file to process (or "-").  The walk fills the first fields; processing the rest. */
typedef struct job {
    char *path;      /* the name as shown in diagnostics */
    int walked;      /* found by -r inside a directory: binary files are skipped */
    int skip_errno;  /* the walk already found it unusable: report this errno and skip */
    const char *skip_msg; /* ... or this message (errno 0); "" = skip quietly */
    int64_t disk_size; /* bytes on disk (for progress), -1 unknown */
    /* Results. */
    int failed;      /* a diagnostic was given: exit 1 */
    int changed;     /* the output differs from the input */
    int processed;   /* read to the end */
    uint64_t bytes_in, bytes_out;
    mojiclean_stats st; /* library totals for this job */
    uint64_t records, bad_records;
    FILE *out;       /* where this job's standard output goes */
    FILE *err;       /* where its diagnostics go */
    char *errbuf;    /* open_memstream buffer of `err` in parallel runs */
    size_t errlen;
    int done;        /* parallel runs: finished, ready to emit */
} job;

/* Print "mojiclean: WHAT: message" to the job's diagnostics and mark it failed.
 * `what` is usually the file name; `fmt` the reason. */
void job_diag(job *j, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The same, without marking the job failed (a warning). */
void job_warn(job *j, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* "mojiclean: FILE:LINE: message"; marks the job failed when `fail`. */
void job_diag_at(job *j, unsigned long long line, int fail, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* MARK: - Walking directories (walk.c) */

typedef struct joblist {
    job *v;
    size_t n, cap;
} joblist;

/* Add `path` to `list`: a file as it is, a directory (with -r) as the regular files under
 * it in byte-sorted order, subject to --include/--exclude.  Problems become jobs with
 * `skip_errno`/`skip_msg` set, so they are reported in order. */
void walk_add(joblist *list, const char *path);

/* Whether `name` (a base name) is a temporary file of an in-place run. */
int is_temp_name(const char *name);

/* MARK: - Comparing output with input (io.c) */

/* Tells whether the output of a file equals its input, with memory bounded by how far the
 * two streams are apart (at most what the library holds back, when they are equal). */
typedef struct cmpq {
    buf q;        /* bytes of the side that is ahead */
    size_t head;  /* consumed prefix of q */
    int ahead;    /* 0 input is ahead (or even), 1 output is ahead */
    int differ;   /* a difference was found: no more tracking */
} cmpq;

void cmp_input(cmpq *c, const char *p, size_t n);
void cmp_output(cmpq *c, const char *p, size_t n);
/* After both ends: 1 when the streams differ. */
int cmp_differ(cmpq *c);
void cmp_free(cmpq *c);

/* MARK: - Input (io.c) */

#define IO_BUF (1 << 16)
#define HEAD_MAX 8192

typedef struct insrc {
    int fd;
    int is_stdin;
    int gz;               /* gzip data, inflated as it is read */
    int zinit, zend;      /* inflate set up; the last member ended */
    z_stream zs;
    unsigned char *raw;   /* bytes read from fd, not yet handed out or inflated */
    size_t rpos, rlen;
    int raw_eof;
    size_t hpos, hlen;
    int err;              /* errno of a read error */
    const char *zmsg;     /* a gzip error message */
    uint64_t raw_bytes;   /* bytes read from the file */
    uint64_t bytes;       /* decoded bytes handed out */
    cmpq *cmp;            /* input side of the comparison, or NULL */
    FILE *tee;            /* --diff: a copy of the input, or NULL */
    char head[HEAD_MAX];  /* peeked decoded bytes, handed out first (last: not zeroed) */
} insrc;

/* Open `path` ("-" with is_stdin) for reading, detecting gzip by its magic bytes.
 * Returns 0, or -1 with errno set. */
int src_open(insrc *s, const char *path, int is_stdin);
/* Read up to `n` decoded bytes.  Returns the count, 0 at the end, -1 on an error
 * (src_error() says which). */
ssize_t src_read(insrc *s, char *p, size_t n);
/* The first up to HEAD_MAX decoded bytes, without consuming them. Returns -1 on error. */
ssize_t src_peek(insrc *s, const char **p);
/* A message for the last error. */
const char *src_error(const insrc *s);
void src_close(insrc *s);

/* MARK: - Output (io.c) */

typedef struct outsink {
    FILE *f;             /* destination, or NULL to discard */
    int die;             /* f is standard output: a write error ends the program */
    int gz;              /* compress into f */
    int zinit;
    z_stream zs;
    unsigned char *zbuf;
    cmpq *cmp;           /* output side of the comparison, or NULL */
    FILE *tee;           /* --diff: a copy of the output, or NULL */
    uint64_t bytes;      /* bytes written (before compression) */
    int err;             /* errno of the first write error (or -1 for zlib) */
} outsink;

/* Write `n` bytes; returns 0, or -1 after the first error (recorded in `err`). */
int sink_write(outsink *o, const char *p, size_t n);
/* End the current gzip member (a WARC record in a .gz file); no-op when not gz. */
int sink_member_end(outsink *o);
/* Finish compression (when gz) and flush.  Returns 0 or -1. */
int sink_finish(outsink *o);
void sink_free(outsink *o);

/* A temporary file in $TMPDIR (or /tmp), opened for update.  When `name` is NULL it is
 * unlinked at once; otherwise *name gets its malloc'd path.  NULL with errno on failure. */
FILE *anon_tmpfile(char **name);

/* MARK: - Cleaning (main.c and the framings) */

/* What one worker owns: a handle and its buffers. */
typedef struct worker {
    mojiclean *mc;
    const char *doc_name; /* the file being cleaned, for --explain */
    uint64_t doc_record;  /* its record number (JSON Lines, WARC), 0 for plain files */
    char inbuf[IO_BUF];
    char outbuf[IO_BUF];
    buf rec, txt, cln, esc; /* scratch for records */
} worker;

/* --explain: the library's event callback; writes one JSON line per change. */
void explain_event(const mojiclean_event *ev, void *ctx);

/* Clean `len` bytes at `p` as one document with the worker's handle into `out` (replaced).
 * Returns 0, or -1 after a library error (message in *msg). */
int clean_doc(worker *w, const char *p, size_t len, buf *out, const char **msg);

/* Framings: read `s` to its end, writing to `o`.  Return 0, or -1 after a diagnostic on
 * `j` (read or write error); malformed records are reported and counted in `j`. */
int frame_plain(worker *w, job *j, insrc *s, outsink *o);
int frame_jsonl(worker *w, job *j, insrc *s, outsink *o);
int frame_warc(worker *w, job *j, insrc *s, outsink *o);

/* Progress: called with decoded bytes as they are read (any thread). */
void progress_bytes(uint64_t n);
/* Process every job of `list` (in parallel with -j), writing each one's output and
 * diagnostics in list order (run.c). */
void run_jobs(joblist *list);

/* MARK: - In-place (inplace.c) */

typedef struct inplace {
    char *target;   /* the file to replace (symbolic links resolved) */
    char *tmp;      /* the temporary file, while it exists */
    int fd;
    int slot;       /* signal-handler slot */
    FILE *f;
} inplace;

/* Install the SIGINT/SIGTERM handler that unlinks temporary files. */
void inplace_signals(void);
/* Create the temporary file beside `path`, with its mode.  Returns 0, or -1 after a
 * diagnostic on `j`. */
int inplace_begin(inplace *ip, job *j, const char *path);
/* Flush, fsync and close the temporary file and rename it over the target (making the
 * backup first when --in-place has a suffix).  Returns 0, or -1 after a diagnostic. */
int inplace_commit(inplace *ip, job *j);
/* Sync the directories of the files replaced so far (once each), making the renames
 * durable; called at the end of the run. */
void inplace_sync_dirs(void);
/* Remove the temporary file (on failure, or when nothing changed). */
void inplace_abort(inplace *ip);
/* Remove a leftover temporary file `path` of an interrupted run when no running process
 * holds it; returns 1 when removed. */
int inplace_remove_leftover(const char *path);

/* MARK: - Digests (warc.c) */

typedef struct sha1 {
    uint32_t h[5];
    uint64_t len;
    unsigned char blk[64];
    size_t n;
} sha1;

void sha1_init(sha1 *s);
void sha1_update(sha1 *s, const void *p, size_t n);
void sha1_final(sha1 *s, unsigned char out[20]);
/* "sha1:" plus the base32 of the digest (32 characters), NUL-terminated, into out[38]. */
void sha1_base32(const void *p, size_t n, char out[38]);

#endif /* MOJICLEAN_CLI_H */
