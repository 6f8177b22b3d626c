/* walk.c: the list of files to clean: FILE arguments as given and, with -r, the regular
 * files under directories, in byte order, filtered by --include/--exclude.
 * SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

/* The directories being walked, outermost first: a directory met again inside itself
 * (through a symbolic link) is a loop. */
typedef struct ancestor {
    dev_t dev;
    ino_t ino;
    const struct ancestor *up;
} ancestor;

static job *push(joblist *list, const char *path) {
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->v = xrealloc(list->v, list->cap * sizeof *list->v);
    }
    job *j = &list->v[list->n++];
    memset(j, 0, sizeof *j);
    j->path = xstrdup(path);
    j->disk_size = -1;
    return j;
}

int is_temp_name(const char *name) {
    return name[0] == '.' && fnmatch(".*.mojiclean.??????", name, 0) == 0;
}

static int any_match(char **globs, const char *name) {
    for (; globs && *globs; globs++)
        if (fnmatch(*globs, name, 0) == 0)
            return 1;
    return 0;
}

/* Whether a file found in a directory is taken: --include (any of them, when given) and
 * no --exclude, both on the base name. */
static int wanted(const char *name) {
    if (opt.include && !any_match(opt.include, name))
        return 0;
    return !any_match(opt.exclude, name);
}

static int bytecmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(joblist *list, const char *dir, const struct stat *st,
                     const ancestor *up);

/* One entry found in a directory (`top` 0) or given as an argument (`top` 1). */
static void walk_path(joblist *list, const char *path, const char *name, int top,
                      const ancestor *up) {
    struct stat st;
    if (stat(path, &st) != 0) {
        /* Unreadable, dangling or a symbolic link loop (ELOOP): reported, skipped; but
         * not when --include/--exclude would not have taken it anyway. */
        if (!top && !wanted(name))
            return;
        job *j = push(list, path);
        j->walked = !top;
        j->skip_errno = errno;
        return;
    }
    if (S_ISDIR(st.st_mode) && opt.recursive) {
        walk_dir(list, path, &st, up);
        return;
    }
    if (top) {
        /* An argument is taken as it is: a FIFO or a device is read like stdin is. */
        job *j = push(list, path);
        j->disk_size = S_ISREG(st.st_mode) ? (int64_t)st.st_size : -1;
        return;
    }
    if (!S_ISREG(st.st_mode))
        return; /* sockets, FIFOs and devices inside a tree are not articles */
    if (is_temp_name(name)) {
        job *j = push(list, path);
        j->walked = 1;
        j->skip_msg = "temporary file of an interrupted in-place run";
        return;
    }
    if (!wanted(name))
        return;
    /* The backups of an earlier -i SUFFIX run are not articles to clean again. */
    if (opt.mode == MODE_INPLACE && opt.suffix && *opt.suffix) {
        size_t n = strlen(name), k = strlen(opt.suffix);
        if (n > k && strcmp(name + n - k, opt.suffix) == 0)
            return;
    }
    job *j = push(list, path);
    j->walked = 1;
    j->disk_size = (int64_t)st.st_size;
}

static void walk_dir(joblist *list, const char *dir, const struct stat *st,
                     const ancestor *up) {
    for (const ancestor *a = up; a; a = a->up) {
        if (a->dev == st->st_dev && a->ino == st->st_ino) {
            job *j = push(list, dir);
            j->walked = 1;
            j->skip_msg = "recursive directory loop";
            return;
        }
    }
    ancestor me = {st->st_dev, st->st_ino, up};
    DIR *d = opendir(dir);
    if (!d) {
        job *j = push(list, dir);
        j->walked = 1;
        j->skip_errno = errno;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(e->d_name);
    }
    int rerr = errno;
    closedir(d);
    if (rerr) {
        job *j = push(list, dir);
        j->walked = 1;
        j->skip_errno = rerr;
    }
    /* Byte order, not the locale's, so every run and every machine lists alike. */
    if (n > 1)
        qsort(names, n, sizeof *names, bytecmp);
    size_t dl = strlen(dir);
    int slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + 1 + strlen(names[i]) + 1;
        char *path = xmalloc(len);
        snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
        walk_path(list, path, names[i], 0, &me);
        free(path);
        free(names[i]);
    }
    free(names);
}

void walk_add(joblist *list, const char *path) {
    if (strcmp(path, "-") == 0) {
        push(list, path);
        return;
    }
    const char *base = strrchr(path, '/');
    walk_path(list, path, base ? base + 1 : path, 1, NULL);
}
