/* inplace.c: -i/--in-place: write the cleaned file to a temporary file in the same
 * directory, keep the mode, fsync, and rename it over the original; on any failure or on
 * SIGINT/SIGTERM the temporary file goes and the original stays as it was.
 * SPDX-License-Identifier: MIT
 *
 * Temporary files are named ".NAME.mojiclean.XXXXXX" and hold an fcntl write lock while
 * they are written, so a later run that finds one (after a kill -9 or a power cut) can
 * tell a leftover (no lock) from the live file of a run still going (locked). */
#define _DEFAULT_SOURCE /* realpath, fchown */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

/* Temporary files the signal handler removes: one slot per worker.  A slot's path is
 * complete before `used` is set and `used` is cleared before the path changes. */
#define SLOTS 256
static char slot_path[SLOTS][PATH_MAX + 32];
static volatile sig_atomic_t slot_used[SLOTS];

static void on_signal(int sig) {
    for (int i = 0; i < SLOTS; i++)
        if (slot_used[i])
            unlink(slot_path[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void inplace_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Record `path` in `slot`: each worker uses its own slot (its worker number), so no two
 * threads write the same one. */
static int slot_claim(const char *path, int slot) {
    if (slot < 0 || slot >= SLOTS || strlen(path) >= sizeof slot_path[0])
        return -1;
    strcpy(slot_path[slot], path);
    slot_used[slot] = 1;
    return slot;
}

static void slot_release(int slot) {
    if (slot >= 0 && slot < SLOTS)
        slot_used[slot] = 0;
}

/* Lock the whole of `fd` for writing; 0 when locked. */
static int lock_fd(int fd, int cmd) {
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    return fcntl(fd, cmd, &fl);
}

int inplace_begin(inplace *ip, job *j, const char *path) {
    int slot = ip->slot;
    memset(ip, 0, sizeof *ip);
    ip->fd = -1;
    ip->slot = -1;
    struct stat st;
    if (lstat(path, &st) != 0) {
        job_diag(j, "%s", strerror(errno));
        return -1;
    }
    /* Edit what a symbolic link points to, and keep the link. */
    if (S_ISLNK(st.st_mode)) {
        ip->target = realpath(path, NULL);
        if (!ip->target || stat(ip->target, &st) != 0) {
            job_diag(j, "%s", strerror(errno));
            free(ip->target);
            ip->target = NULL;
            return -1;
        }
    } else {
        ip->target = xstrdup(path);
    }
    if (!S_ISREG(st.st_mode)) {
        job_diag(j, "not a regular file, not edited in place");
        free(ip->target);
        ip->target = NULL;
        return -1;
    }
    const char *slash = strrchr(ip->target, '/');
    size_t dl = slash ? (size_t)(slash - ip->target) + 1 : 0;
    const char *base = ip->target + dl;
    size_t n = dl + 1 + strlen(base) + sizeof ".mojiclean.XXXXXX";
    ip->tmp = xmalloc(n);
    snprintf(ip->tmp, n, "%.*s.%s.mojiclean.XXXXXX", (int)dl, ip->target, base);
    ip->fd = mkstemp(ip->tmp);
    if (ip->fd < 0) {
        job_diag(j, "cannot create a temporary file beside it: %s", strerror(errno));
        free(ip->tmp);
        ip->tmp = NULL;
        free(ip->target);
        ip->target = NULL;
        return -1;
    }
    ip->slot = slot_claim(ip->tmp, slot);
    (void)lock_fd(ip->fd, F_SETLK);
    /* The mode always; the owner and group when allowed (root, or the file's group). */
    if (fchmod(ip->fd, st.st_mode & 07777) != 0) {
        job_diag(j, "cannot set the mode of the temporary file: %s", strerror(errno));
        inplace_abort(ip);
        return -1;
    }
    if (fchown(ip->fd, st.st_uid, st.st_gid) != 0)
        (void)fchown(ip->fd, (uid_t)-1, st.st_gid);
    ip->f = fdopen(ip->fd, "wb");
    if (!ip->f) {
        job_diag(j, "%s", strerror(errno));
        inplace_abort(ip);
        return -1;
    }
    return 0;
}

void inplace_abort(inplace *ip) {
    if (ip->f)
        fclose(ip->f);
    else if (ip->fd >= 0)
        close(ip->fd);
    ip->f = NULL;
    ip->fd = -1;
    if (ip->tmp)
        unlink(ip->tmp);
    slot_release(ip->slot);
    ip->slot = -1;
    free(ip->tmp);
    free(ip->target);
    ip->tmp = ip->target = NULL;
}

/* Copy `from` to `to` (a backup where a hard link is not possible), mode kept. */
static int copy_file(const char *from, const char *to) {
    int in = open(from, O_RDONLY);
    if (in < 0)
        return -1;
    struct stat st;
    if (fstat(in, &st) != 0) {
        close(in);
        return -1;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
    if (out < 0) {
        close(in);
        return -1;
    }
    char b[1 << 16];
    ssize_t r;
    int ok = 1;
    while ((r = read(in, b, sizeof b)) != 0) {
        if (r < 0) {
            if (errno == EINTR)
                continue;
            ok = 0;
            break;
        }
        for (ssize_t off = 0; off < r;) {
            ssize_t w = write(out, b + off, (size_t)(r - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                ok = 0;
                break;
            }
            off += w;
        }
        if (!ok)
            break;
    }
    int e = errno;
    if (ok && fsync(out) != 0)
        ok = 0, e = errno;
    if (close(out) != 0 && ok)
        ok = 0, e = errno;
    close(in);
    if (!ok) {
        unlink(to);
        errno = e;
        return -1;
    }
    return 0;
}

/* Directories whose entries were renamed, synced once at the end of the run: the file
 * itself is synced before its rename (so it is never seen empty or partial), and syncing
 * the directory only makes the rename durable, which one fsync per directory does for all
 * the files in it.  Syncing it after every file would double the cost of a tree of small
 * files. */
static pthread_mutex_t dirs_mu = PTHREAD_MUTEX_INITIALIZER;
static char **dirs;
static size_t ndirs, capdirs;

/* Remember `dir` (taking it), unless it is one of the last few remembered. */
static void note_dir(char *dir) {
    pthread_mutex_lock(&dirs_mu);
    for (size_t i = ndirs; i > 0 && i + 8 > ndirs; i--) {
        if (strcmp(dirs[i - 1], dir) == 0) {
            pthread_mutex_unlock(&dirs_mu);
            free(dir);
            return;
        }
    }
    if (ndirs == capdirs) {
        capdirs = capdirs ? capdirs * 2 : 16;
        dirs = xrealloc(dirs, capdirs * sizeof *dirs);
    }
    dirs[ndirs++] = dir;
    pthread_mutex_unlock(&dirs_mu);
}

void inplace_sync_dirs(void) {
    for (size_t i = 0; i < ndirs; i++) {
        /* Best effort: not every file system lets a directory be synced. */
        int dfd = open(dirs[i], O_RDONLY);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
        free(dirs[i]);
    }
    free(dirs);
    dirs = NULL;
    ndirs = capdirs = 0;
}

int inplace_commit(inplace *ip, job *j) {
    FILE *f = ip->f;
    ip->f = NULL;
    int bad = fflush(f) != 0;
    int e = errno;
    if (!bad && fsync(ip->fd) != 0)
        bad = 1, e = errno;
    if (fclose(f) != 0 && !bad)
        bad = 1, e = errno;
    ip->fd = -1;
    if (bad) {
        job_diag(j, "write error: %s", strerror(e));
        inplace_abort(ip);
        return -1;
    }
    if (opt.suffix && *opt.suffix) {
        size_t n = strlen(ip->target) + strlen(opt.suffix) + 1;
        char *bak = xmalloc(n);
        snprintf(bak, n, "%s%s", ip->target, opt.suffix);
        /* A hard link costs nothing; where links are refused, copy. */
        if (unlink(bak) != 0 && errno != ENOENT) {
            job_diag(j, "cannot replace the backup %s: %s", bak, strerror(errno));
            free(bak);
            inplace_abort(ip);
            return -1;
        }
        if (link(ip->target, bak) != 0 && copy_file(ip->target, bak) != 0) {
            job_diag(j, "cannot make the backup %s: %s", bak, strerror(errno));
            free(bak);
            inplace_abort(ip);
            return -1;
        }
        free(bak);
    }
    if (rename(ip->tmp, ip->target) != 0) {
        job_diag(j, "cannot replace the file: %s", strerror(errno));
        inplace_abort(ip);
        return -1;
    }
    slot_release(ip->slot);
    ip->slot = -1;
    const char *slash = strrchr(ip->target, '/');
    char *dir = slash ? xstrdup(ip->target) : xstrdup(".");
    if (slash)
        dir[slash - ip->target + (slash == ip->target)] = '\0';
    note_dir(dir);
    free(ip->tmp);
    free(ip->target);
    ip->tmp = ip->target = NULL;
    return 0;
}

int inplace_remove_leftover(const char *path) {
    int fd = open(path, O_RDWR);
    if (fd < 0)
        return 0;
    /* A live run holds its lock until its rename; no lock means nobody will finish it. */
    int free_to_go = lock_fd(fd, F_SETLK) == 0;
    int removed = free_to_go && unlink(path) == 0;
    close(fd);
    return removed;
}
