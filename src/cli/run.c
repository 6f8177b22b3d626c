/* run.c: cleaning the list of files: one job per file, in order or with -j N worker
 * threads (each with its own handle), output and diagnostics always in list order, the
 * progress line, and --diff through diff(1).
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* open_memstream is POSIX; timespec arithmetic helpers */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* MARK: - Diagnostics */

static void progress_clear(void);

static void vdiag(job *j, unsigned long long line, int fail, const char *fmt, va_list ap) {
    if (j->err == stderr)
        progress_clear();
    const char *name = strcmp(j->path, "-") ? j->path : "(standard input)";
    if (line)
        fprintf(j->err, "%s: %s:%llu: ", progname, name, line);
    else
        fprintf(j->err, "%s: %s: ", progname, name);
    vfprintf(j->err, fmt, ap);
    fputc('\n', j->err);
    if (fail)
        j->failed = 1;
}

void job_diag(job *j, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(j, 0, 1, fmt, ap);
    va_end(ap);
}

void job_warn(job *j, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(j, 0, 0, fmt, ap);
    va_end(ap);
}

void job_diag_at(job *j, unsigned long long line, int fail, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(j, line, fail, fmt, ap);
    va_end(ap);
}

/* MARK: - Progress */

/* Shown on a terminal only, and only once a run has taken 2 s: short runs and logs stay
 * clean. */
static int prog_on;
static struct timespec prog_t0;
static double prog_last;
static int prog_shown;
static size_t prog_done, prog_total;
static _Atomic uint64_t prog_bytes;
static pthread_t prog_thread; /* only this thread prints */

static double since_t0(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - prog_t0.tv_sec) + (double)(t.tv_nsec - prog_t0.tv_nsec) / 1e9;
}

static void progress_show(void) {
    if (!prog_on)
        return;
    double el = since_t0();
    if (el < 2.0 || el - prog_last < 0.25)
        return;
    prog_last = el;
    double mb = (double)atomic_load(&prog_bytes) / 1e6;
    char eta[32] = "";
    if (prog_done > 0 && prog_done < prog_total) {
        long s = (long)(el * (double)(prog_total - prog_done) / (double)prog_done);
        snprintf(eta, sizeof eta, ", ETA %ld:%02ld", s / 60, s % 60);
    }
    fprintf(stderr, "\r%s: %zu/%zu files, %.1f MB, %.1f MB/s%s\033[K", progname, prog_done,
            prog_total, mb, mb / el, eta);
    fflush(stderr);
    prog_shown = 1;
}

static void progress_clear(void) {
    if (prog_shown && pthread_equal(pthread_self(), prog_thread)) {
        fputs("\r\033[K", stderr);
        prog_shown = 0;
    }
}

void progress_bytes(uint64_t n) {
    atomic_fetch_add(&prog_bytes, n);
    if (prog_on && pthread_equal(pthread_self(), prog_thread))
        progress_show();
}

/* MARK: - Cleaning */

int clean_doc(worker *w, const char *p, size_t len, buf *out, const char **msg) {
    w->doc_record++;
    mojiclean_error err;
    mojiclean_reset(w->mc);
    out->len = 0;
    mojiclean_in in = {p, len, 0};
    while (in.pos < in.size) {
        buf_reserve(out, len - in.pos + 256);
        mojiclean_out o = {out->p + out->len, out->cap - out->len, 0};
        if (mojiclean_feed(w->mc, &in, &o, &err) < 0) {
            *msg = err.msg;
            return -1;
        }
        out->len += o.pos;
    }
    int r;
    do {
        buf_reserve(out, 4096);
        mojiclean_out o = {out->p + out->len, out->cap - out->len, 0};
        r = mojiclean_finish(w->mc, &o, &err);
        if (r < 0) {
            *msg = err.msg;
            return -1;
        }
        out->len += o.pos;
    } while (r > 0);
    return 0;
}

int frame_plain(worker *w, job *j, insrc *s, outsink *o) {
    mojiclean_error err;
    int ok = 1;
    mojiclean_reset(w->mc);
    for (;;) {
        ssize_t n = src_read(s, w->inbuf, sizeof w->inbuf);
        if (n < 0) {
            job_diag(j, "%s", src_error(s));
            ok = 0;
            break;
        }
        if (n == 0)
            break;
        mojiclean_in in = {w->inbuf, (size_t)n, 0};
        while (in.pos < in.size) {
            mojiclean_out out = {w->outbuf, sizeof w->outbuf, 0};
            if (mojiclean_feed(w->mc, &in, &out, &err) < 0) {
                job_diag(j, "%s (at input byte %llu)", err.msg, (unsigned long long)err.offset);
                return -1;
            }
            if (sink_write(o, w->outbuf, out.pos) < 0)
                return -1;
        }
    }
    /* Even after a read error, what was read is cleaned and written: nothing is lost. */
    int r;
    do {
        mojiclean_out out = {w->outbuf, sizeof w->outbuf, 0};
        r = mojiclean_finish(w->mc, &out, &err);
        if (r < 0) {
            job_diag(j, "%s (at input byte %llu)", err.msg, (unsigned long long)err.offset);
            return -1;
        }
        if (sink_write(o, w->outbuf, out.pos) < 0)
            return -1;
    } while (r > 0);
    return ok ? 0 : -1;
}

/* MARK: - --diff */

extern char **environ;

/* Run `diff -u` on the old and new text of `j`, its output to the job's output. */
static void show_diff(job *j, const char *old_name, const char *new_name) {
    fflush(j->out);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (fileno(j->out) != 1)
        posix_spawn_file_actions_adddup2(&fa, fileno(j->out), 1);
    char *argv[] = {"diff", "-u", "--label", j->path, "--label", j->path,
                    (char *)old_name, (char *)new_name, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, "diff", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        job_diag(j, "cannot run diff: %s", strerror(rc));
        return;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    /* diff exits 1 when the files differ, which is the point; 2 is trouble. */
    if (!WIFEXITED(st) || WEXITSTATUS(st) > 1)
        job_diag(j, "diff failed");
    if (j->out != stdout)
        fseek(j->out, 0, SEEK_END);
}

/* MARK: - One file */

static void library_stats(worker *w, mojiclean_stats *st) { mojiclean_get_stats(w->mc, st); }

static void process_job(worker *w, int wi, job *j) {
    w->doc_name = j->path;
    w->doc_record = 0;
    if (j->skip_errno) {
        job_diag(j, "%s", strerror(j->skip_errno));
        return;
    }
    if (j->skip_msg) {
        const char *base = strrchr(j->path, '/');
        if (!is_temp_name(base ? base + 1 : j->path))
            job_diag(j, "%s, skipped", j->skip_msg);
        else if (opt.mode == MODE_INPLACE && inplace_remove_leftover(j->path))
            job_warn(j, "removed the temporary file of an interrupted in-place run");
        else
            job_warn(j, "%s, skipped", j->skip_msg);
        return;
    }
    int is_stdin = strcmp(j->path, "-") == 0;
    if (is_stdin && opt.mode == MODE_INPLACE) {
        job_diag(j, "cannot edit standard input in place");
        return;
    }
    insrc s;
    if (src_open(&s, j->path, is_stdin) != 0) {
        job_diag(j, "%s", strerror(errno));
        return;
    }
    if (j->walked) {
        const char *head;
        ssize_t n = src_peek(&s, &head);
        if (n < 0) {
            job_diag(j, "%s", src_error(&s));
            src_close(&s);
            return;
        }
        if (memchr(head, '\0', (size_t)n)) {
            job_diag(j, "binary file (a NUL byte in its first 8 KiB), skipped");
            src_close(&s);
            return;
        }
    }
    cmpq cmp = {{NULL, 0, 0}, 0, 0, 0};
    outsink o;
    memset(&o, 0, sizeof o);
    inplace ip;
    memset(&ip, 0, sizeof ip);
    char *old_name = NULL, *new_name = NULL;
    FILE *old_f = NULL, *new_f = NULL;
    if (opt.mode != MODE_STDOUT || opt.verbose) {
        s.cmp = &cmp;
        o.cmp = &cmp;
    }
    switch (opt.mode) {
    case MODE_STDOUT:
        o.f = j->out;
        o.die = j->out == stdout;
        break;
    case MODE_CHECK: break;
    case MODE_DIFF:
        old_f = anon_tmpfile(&old_name);
        new_f = old_f ? anon_tmpfile(&new_name) : NULL;
        if (!new_f) {
            job_diag(j, "cannot create a temporary file: %s", strerror(errno));
            goto done;
        }
        s.tee = old_f;
        o.tee = new_f;
        break;
    case MODE_INPLACE:
        ip.slot = wi;
        if (inplace_begin(&ip, j, j->path) != 0)
            goto done;
        o.f = ip.f;
        o.gz = s.gz;
        break;
    }
    mojiclean_stats before, after;
    library_stats(w, &before);
    int r = opt.frame == FRAME_JSONL  ? frame_jsonl(w, j, &s, &o)
            : opt.frame == FRAME_WARC ? frame_warc(w, j, &s, &o)
                                      : frame_plain(w, j, &s, &o);
    library_stats(w, &after);
    j->st.bytes_in = after.bytes_in - before.bytes_in;
    j->st.bytes_out = after.bytes_out - before.bytes_out;
    j->st.repairs = after.repairs - before.repairs;
    j->st.lines_removed = after.lines_removed - before.lines_removed;
    j->st.documents = after.documents - before.documents;
    if (sink_finish(&o) != 0 && !j->failed)
        job_diag(j, "write error: %s", o.err > 0 ? strerror(o.err) : "compression failed");
    if (!j->failed && (old_f && fflush(old_f) != 0)) {
        job_diag(j, "write error: %s", strerror(errno));
    }
    if (!j->failed && (new_f && fflush(new_f) != 0)) {
        job_diag(j, "write error: %s", strerror(errno));
    }
    (void)r;
    j->bytes_in = s.bytes;
    j->bytes_out = o.bytes;
    j->processed = !j->failed;
    j->changed = cmp_differ(&cmp);
    if (opt.mode == MODE_INPLACE) {
        if (!j->failed && j->changed)
            inplace_commit(&ip, j);
        else
            inplace_abort(&ip);
    } else if (opt.mode == MODE_DIFF && !j->failed && j->changed) {
        show_diff(j, old_name, new_name);
    } else if (opt.mode == MODE_CHECK && j->changed && opt.verbose) {
        job_warn(j, "would change");
    }
done:
    if (opt.mode == MODE_INPLACE && ip.tmp)
        inplace_abort(&ip);
    if (old_f)
        fclose(old_f);
    if (new_f)
        fclose(new_f);
    if (old_name)
        unlink(old_name);
    if (new_name)
        unlink(new_name);
    free(old_name);
    free(new_name);
    sink_free(&o);
    cmp_free(&cmp);
    src_close(&s);
}

/* MARK: - Running the list */

static worker *worker_new(void) {
    worker *w = xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    mojiclean_error err;
    w->mc = mojiclean_new(opt.flags, &err);
    if (!w->mc) {
        fprintf(stderr, "%s: %s\n", progname, err.msg);
        exit(1);
    }
    if (opt.explain)
        mojiclean_set_events(w->mc, explain_event, w);
    return w;
}

static void worker_free(worker *w) {
    mojiclean_free(w->mc);
    buf_free(&w->rec);
    buf_free(&w->txt);
    buf_free(&w->cln);
    buf_free(&w->esc);
    free(w);
}

typedef struct pool {
    joblist *list;
    size_t emitted;   /* jobs 0..emitted-1 are written out */
    size_t window;    /* how far ahead of the writer the workers may run */
    int nworkers;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

typedef struct thread_arg {
    pool *p;
    int index;
    worker *w;
} thread_arg;

/* Worker `index` takes jobs index, index+N, index+2N, ...: a fixed share, so what each
 * handle learns across documents (repeated footer lines) is the same from run to run. */
static void *worker_main(void *arg) {
    thread_arg *ta = arg;
    pool *p = ta->p;
    for (size_t i = (size_t)ta->index; i < p->list->n; i += (size_t)p->nworkers) {
        pthread_mutex_lock(&p->mu);
        while (i >= p->emitted + p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        /* Every job before this one is written out, and no other job is written until
         * this one is done: it may write to standard output and standard error itself,
         * saving the copy and keeping the two interleaved as a one-job run does. */
        int direct = i == p->emitted;
        pthread_mutex_unlock(&p->mu);
        job *j = &p->list->v[i];
        j->err = direct ? stderr : open_memstream(&j->errbuf, &j->errlen);
        if (!j->err) {
            fprintf(stderr, "%s: out of memory\n", progname);
            exit(1);
        }
        if (opt.mode == MODE_STDOUT || opt.mode == MODE_DIFF) {
            j->out = direct ? stdout : anon_tmpfile(NULL);
            if (!j->out)
                job_diag(j, "cannot create a temporary file: %s", strerror(errno));
        }
        if (!j->failed)
            process_job(ta->w, ta->index, j);
        if (j->err != stderr)
            fclose(j->err);
        j->err = NULL;
        pthread_mutex_lock(&p->mu);
        j->done = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

/* Write job `j`'s buffered diagnostics and output, in that order, and release them. */
static void emit(job *j) {
    if (j->errlen) {
        progress_clear();
        fwrite(j->errbuf, 1, j->errlen, stderr);
    }
    free(j->errbuf);
    j->errbuf = NULL;
    if (j->out == stdout) {
        j->out = NULL; /* written directly, see worker_main */
    } else if (j->out) {
        char b[1 << 16];
        size_t n;
        rewind(j->out);
        while ((n = fread(b, 1, sizeof b, j->out)) > 0) {
            if (fwrite(b, 1, n, stdout) != n) {
                fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
                exit(1);
            }
        }
        if (ferror(j->out)) {
            fprintf(stderr, "%s: %s: reading back the output: %s\n", progname, j->path,
                    strerror(errno));
            j->failed = 1;
        }
        fclose(j->out);
        j->out = NULL;
    }
}

void run_jobs(joblist *list) {
    prog_thread = pthread_self();
    prog_total = list->n;
    prog_on = isatty(2) && list->n > 0;
    clock_gettime(CLOCK_MONOTONIC, &prog_t0);
    int nw = opt.jobs;
    if ((size_t)nw > list->n)
        nw = (int)list->n;
    if (nw <= 1) {
        worker *w = worker_new();
        for (size_t i = 0; i < list->n; i++) {
            job *j = &list->v[i];
            j->out = stdout;
            j->err = stderr;
            process_job(w, 0, j);
            j->out = j->err = NULL;
            prog_done = i + 1;
            progress_show();
        }
        worker_free(w);
        progress_clear();
        return;
    }
    pool p;
    p.list = list;
    p.emitted = 0;
    p.window = (size_t)nw * 8;
    p.nworkers = nw;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    thread_arg *ta = xmalloc((size_t)nw * sizeof *ta);
    pthread_t *th = xmalloc((size_t)nw * sizeof *th);
    for (int k = 0; k < nw; k++) {
        ta[k].p = &p;
        ta[k].index = k;
        ta[k].w = worker_new();
        if (pthread_create(&th[k], NULL, worker_main, &ta[k]) != 0) {
            fprintf(stderr, "%s: cannot start a thread\n", progname);
            exit(1);
        }
    }
    for (size_t i = 0; i < list->n; i++) {
        job *j = &list->v[i];
        pthread_mutex_lock(&p.mu);
        while (!j->done) {
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_nsec += 250000000L;
            if (t.tv_nsec >= 1000000000L) {
                t.tv_sec++;
                t.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&p.cv, &p.mu, &t);
            if (!j->done) {
                pthread_mutex_unlock(&p.mu);
                progress_show();
                pthread_mutex_lock(&p.mu);
            }
        }
        pthread_mutex_unlock(&p.mu);
        emit(j);
        prog_done = i + 1;
        progress_show();
        pthread_mutex_lock(&p.mu);
        p.emitted = i + 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
    }
    for (int k = 0; k < nw; k++) {
        pthread_join(th[k], NULL);
        worker_free(ta[k].w);
    }
    free(ta);
    free(th);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    progress_clear();
}
