/* replay_main.c: runs a fuzz target over files without libFuzzer, so `make check` replays
 * the corpus with the ordinary compiler (as utf8proc test/fuzz_main.c and zstd
 * tests/fuzz/regression_driver.c do).
 * SPDX-License-Identifier: MIT
 *
 * Usage: replay_TARGET [-v] [-n] PATH...
 *   Each PATH is a file, or a directory whose regular files (not recursing) are each run
 *   once, in name order.  Each input runs in a child process, so a failed property (the
 *   target prints it and aborts) or a crash is counted and the other inputs still run.
 *   -v prints each file's name before it runs; -n runs everything in this process (for a
 *   debugger), stopping at the first failure.  Exit status 0 when every input passed, 1
 *   when any failed or could not be read, 2 on a usage error.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern const char *fz_input_name;

static int verbose, no_fork;
static unsigned long files_run, files_failed;

/* Run the target on data[0..n) named `path`, in a child process unless -n; returns 1 when
 * it passed. */
static int run_one(const char *path, const unsigned char *data, size_t n) {
    fz_input_name = path;
    if (no_fork) {
        LLVMFuzzerTestOneInput(data, n);
        return 1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 0;
    }
    if (pid == 0) {
        LLVMFuzzerTestOneInput(data, n);
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 1;
    if (WIFSIGNALED(status))
        fprintf(stderr, "replay: FAILED %s (signal %d)\n", path, WTERMSIG(status));
    else
        fprintf(stderr, "replay: FAILED %s (exit %d)\n", path, WEXITSTATUS(status));
    return 0;
}

/* Read all of `path` into an exact-size heap block (so ASan sees over-reads). */
static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 0;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *p = malloc(cap);
    for (;;) {
        if (!p) {
            fprintf(stderr, "%s: out of memory\n", path);
            fclose(f);
            return 0;
        }
        n += fread(p + n, 1, cap - n, f);
        if (n < cap)
            break;
        unsigned char *q = realloc(p, cap *= 2);
        if (!q)
            free(p);
        p = q;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        perror(path);
        free(p);
        return 0;
    }
    unsigned char *exact = malloc(n ? n : 1);
    if (!exact) {
        free(p);
        return 0;
    }
    memcpy(exact, p, n);
    free(p);
    if (verbose)
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    int ok = run_one(path, exact, n);
    fz_input_name = NULL;
    free(exact);
    files_run++;
    files_failed += !ok;
    return ok;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int ok = 1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                ok = 0;
                break;
            }
            names = nn;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n]) {
            ok = 0;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            ok &= run_file(names[i]);
        free(names[i]);
    }
    free(names);
    return ok;
}

int main(int argc, char **argv) {
    int i = 1, ok = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (strcmp(argv[i], "-n") == 0) {
            no_fork = 1;
        } else {
            i = argc;
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [-v] [-n] PATH...\n", argv[0]);
        return 2;
    }
    for (; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            ok = 0;
        } else if (S_ISDIR(st.st_mode)) {
            ok &= run_dir(argv[i]);
        } else {
            ok &= run_file(argv[i]);
        }
    }
    printf("%s: %lu inputs replayed, %lu failed\n", argv[0], files_run, files_failed);
    return ok ? 0 : 1;
}
