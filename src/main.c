/* main.c: the mojiclean command-line filter: options, the list of files, the summary.  The
 * work is in src/cli/ (run.c runs the jobs; io.c, walk.c, inplace.c, jsonl.c, warc.c); all
 * of it uses the library through the public header only.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mojiclean.h>

#include "cli/cli.h"

const char *progname = "mojiclean";
cli_opts opt;

static void usage(int status) {
    if (status != 0) {
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
        exit(status);
    }
    printf("Usage: %s [OPTION]... [FILE]...\n", progname);
    fputs("Repair mojibake and strip publisher boilerplate from scraped article text.\n"
          "With no FILE, or when FILE is -, read standard input.  Each FILE is one\n"
          "document; the cleaned text goes to standard output.  Gzip input is read\n"
          "transparently.\n"
          "\n"
          "Cleaning:\n"
          "  -F, --no-fix        do not repair mojibake\n"
          "  -S, --no-strip      do not remove boilerplate\n"
          "  -m, --mark          keep boilerplate but prefix each line with the decision:\n"
          "                      '+ ' kept, '- [reason] ' would be removed\n"
          "  -E, --no-entities   do not look inside HTML character references\n"
          "                      (&Atilde;&copy;) for mojibake, nor decode the other\n"
          "                      references of a line escaped that way\n"
          "      --nfc           also normalise to Unicode NFC (off by default)\n"
          "      --explain[=FILE]  write one JSON line per change (repair: offset,\n"
          "                      before, after, code-page chain; removal: reason) to\n"
          "                      FILE, or standard error; implies --jobs=1\n"
          "\n"
          "Records:\n"
          "      --jsonl[=FIELD] JSON Lines: clean the string FIELD (default text) of\n"
          "                      each record; one output line per input line\n"
          "      --strict        with --jsonl, a malformed line fails the file\n"
          "      --warc          WARC/WET: clean conversion records and text/plain\n"
          "                      responses; pass the others through\n"
          "\n"
          "Files:\n"
          "  -r, --recursive     clean the regular files under directories, sorted\n"
          "      --include=GLOB  with -r, only files whose name matches GLOB\n"
          "      --exclude=GLOB  with -r, skip files whose name matches GLOB\n"
          "  -i, --in-place[=SUFFIX]  rewrite each FILE (atomically; gzip stays gzip);\n"
          "                      with SUFFIX, keep the original as FILE+SUFFIX\n"
          "      --check         write nothing; exit 1 if any file would change\n"
          "      --diff          write a unified diff of what would change\n"
          "  -j, --jobs=N        clean N files at a time (output stays in order)\n"
          "  -v, --verbose       print a summary on standard error at the end\n"
          "\n"
          "  -h, --help          display this help and exit\n"
          "  -V, --version       output version information and exit\n"
          "\n"
          "Exit status: 0 success, 1 a file could not be read or written (the others\n"
          "are still done) or --check/--diff found a change, 2 usage error.  Invalid\n"
          "UTF-8 passes through unchanged, except windows-1252 bytes plainly pasted\n"
          "into UTF-8 text (raw E9 for e-acute between letters, Word's 93/94 quotes\n"
          "paired on a line), which become UTF-8.\n"
          "\n"
          "Example: curl -s https://example.com/a.txt | mojiclean > clean.txt\n",
          stdout);
    exit(0);
}

enum {
    OPT_NFC = 256,
    OPT_INCLUDE,
    OPT_EXCLUDE,
    OPT_CHECK,
    OPT_DIFF,
    OPT_JSONL,
    OPT_STRICT,
    OPT_WARC,
    OPT_EXPLAIN
};

static const struct option longopts[] = {
    {"no-fix", no_argument, NULL, 'F'},
    {"no-strip", no_argument, NULL, 'S'},
    {"mark", no_argument, NULL, 'm'},
    {"no-entities", no_argument, NULL, 'E'},
    {"nfc", no_argument, NULL, OPT_NFC},
    {"jsonl", optional_argument, NULL, OPT_JSONL},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"warc", no_argument, NULL, OPT_WARC},
    {"explain", optional_argument, NULL, OPT_EXPLAIN},
    {"recursive", no_argument, NULL, 'r'},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"in-place", optional_argument, NULL, 'i'},
    {"check", no_argument, NULL, OPT_CHECK},
    {"diff", no_argument, NULL, OPT_DIFF},
    {"jobs", required_argument, NULL, 'j'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

static void bad_usage(const char *msg) {
    fprintf(stderr, "%s: %s\n", progname, msg);
    usage(2);
}

static char **add_glob(char **v, const char *g) {
    size_t n = 0;
    while (v && v[n])
        n++;
    v = xrealloc(v, (n + 2) * sizeof *v);
    v[n] = (char *)g;
    v[n + 1] = NULL;
    return v;
}

static void set_mode(int mode) {
    if (opt.mode != MODE_STDOUT && opt.mode != mode)
        bad_usage("--in-place, --check and --diff exclude each other");
    opt.mode = mode;
}

/* The -v summary, from the jobs' counts and the library's statistics. */
static void summary(const joblist *list) {
    uint64_t files = 0, changed = 0, failed = 0, in = 0, out = 0, rec = 0, bad = 0;
    mojiclean_stats t = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < list->n; i++) {
        const job *j = &list->v[i];
        failed += j->failed != 0;
        if (!j->processed)
            continue;
        files++;
        changed += j->changed != 0;
        in += j->bytes_in;
        out += j->bytes_out;
        rec += j->records;
        bad += j->bad_records;
        t.repairs += j->st.repairs;
        t.lines_removed += j->st.lines_removed;
        t.documents += j->st.documents;
    }
    fprintf(stderr,
            "%s: %llu files, %llu changed, %llu failed; %llu bytes in, %llu bytes out; "
            "%llu documents, %llu repairs, %llu lines removed",
            progname, (unsigned long long)files, (unsigned long long)changed,
            (unsigned long long)failed, (unsigned long long)in, (unsigned long long)out,
            (unsigned long long)t.documents, (unsigned long long)t.repairs,
            (unsigned long long)t.lines_removed);
    if (opt.frame != FRAME_PLAIN)
        fprintf(stderr, "; %llu records, %llu malformed", (unsigned long long)rec,
                (unsigned long long)bad);
    fputc('\n', stderr);
}

int main(int argc, char **argv) {
    opt.flags = MOJICLEAN_DEFAULT;
    opt.jobs = 1;
    opt.field = "text";
    int c;
    while ((c = getopt_long(argc, argv, "FSmEhVri::j:v", longopts, NULL)) != -1) {
        switch (c) {
        case 'F': opt.flags &= ~(unsigned)MOJICLEAN_FIX; break;
        case 'S': opt.flags &= ~(unsigned)MOJICLEAN_STRIP; break;
        case 'm': opt.flags |= MOJICLEAN_MARK; break;
        case 'E': opt.flags &= ~(unsigned)MOJICLEAN_ENTITIES; break;
        case OPT_NFC: opt.flags |= MOJICLEAN_NFC; break;
        case OPT_JSONL:
            if (opt.frame == FRAME_WARC)
                bad_usage("--jsonl and --warc exclude each other");
            opt.frame = FRAME_JSONL;
            if (optarg) {
                if (!*optarg)
                    bad_usage("--jsonl: empty field name");
                opt.field = optarg;
            }
            break;
        case OPT_STRICT: opt.strict = 1; break;
        case OPT_WARC:
            if (opt.frame == FRAME_JSONL)
                bad_usage("--jsonl and --warc exclude each other");
            opt.frame = FRAME_WARC;
            break;
        case 'r': opt.recursive = 1; break;
        case OPT_INCLUDE: opt.include = add_glob(opt.include, optarg); break;
        case OPT_EXCLUDE: opt.exclude = add_glob(opt.exclude, optarg); break;
        case 'i':
            set_mode(MODE_INPLACE);
            opt.suffix = optarg;
            break;
        case OPT_CHECK: set_mode(MODE_CHECK); break;
        case OPT_DIFF: set_mode(MODE_DIFF); break;
        case 'j': {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || n < 1 || n > 256) {
                fprintf(stderr, "%s: invalid number of jobs '%s' (1 to 256)\n", progname,
                        optarg);
                usage(2);
            }
            opt.jobs = (int)n;
            break;
        }
        case 'v': opt.verbose = 1; break;
        case OPT_EXPLAIN:
            if (!optarg || strcmp(optarg, "-") == 0) {
                opt.explain = stderr;
            } else if (!(opt.explain = fopen(optarg, "w"))) {
                fprintf(stderr, "%s: %s: %s\n", progname, optarg, strerror(errno));
                return 1;
            }
            break;
        case 'h': usage(0); break;
        case 'V':
            printf("%s %s\n", progname, mojiclean_version_string());
            return 0;
        default: usage(2);
        }
    }
    if (mojiclean_version() != MOJICLEAN_VERSION) {
        fprintf(stderr, "%s: library version %s does not match header version %s\n", progname,
                mojiclean_version_string(), MOJICLEAN_VERSION_STRING);
        return 1;
    }
    if (opt.mode == MODE_INPLACE && optind == argc)
        bad_usage("--in-place needs FILE arguments");
    opt.field_len = strlen(opt.field);
    /* For the tests: the longest JSON Lines record held whole (see cli/jsonl.c). */
    const char *hold = getenv("MOJICLEAN_JSONL_HOLD");
    if (hold && *hold) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(hold, &end, 10);
        if (errno || *end || n < 1 || n > SIZE_MAX / 2) {
            fprintf(stderr, "%s: invalid MOJICLEAN_JSONL_HOLD '%s'\n", progname, hold);
            return 2;
        }
        opt.jsonl_hold = (size_t)n;
    }
    /* One report stream, in input order. */
    if (opt.explain)
        opt.jobs = 1;
    /* --no-fix turns off every text change, entity decoding included. */
    if (!(opt.flags & MOJICLEAN_FIX))
        opt.flags &= ~(unsigned)MOJICLEAN_ENTITIES;

    joblist list = {NULL, 0, 0};
    if (optind == argc)
        walk_add(&list, "-");
    for (int i = optind; i < argc; i++)
        walk_add(&list, argv[i]);
    if (opt.mode == MODE_INPLACE)
        inplace_signals();
    run_jobs(&list);
    if (opt.mode == MODE_INPLACE)
        inplace_sync_dirs();

    int failed = 0, changed = 0;
    for (size_t i = 0; i < list.n; i++) {
        failed |= list.v[i].failed;
        changed |= list.v[i].changed;
    }
    if (opt.verbose)
        summary(&list);
    for (size_t i = 0; i < list.n; i++)
        free(list.v[i].path);
    free(list.v);
    free(opt.include);
    free(opt.exclude);
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    if (opt.explain && opt.explain != stderr &&
        (fflush(opt.explain) != 0 || ferror(opt.explain) || fclose(opt.explain) != 0)) {
        fprintf(stderr, "%s: --explain: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    if (failed)
        return 1;
    return (opt.mode == MODE_CHECK || opt.mode == MODE_DIFF) && changed ? 1 : 0;
}
