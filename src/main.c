/* main.c: the mojiclean command-line filter, a thin user of the public API.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mojiclean.h>

static const char *progname = "mojiclean";

static void usage(int status) {
    if (status != 0) {
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
        exit(status);
    }
    printf("Usage: %s [OPTION]... [FILE]...\n", progname);
    fputs("Repair mojibake and strip publisher boilerplate from scraped article text.\n"
          "With no FILE, or when FILE is -, read standard input.  Each FILE is one\n"
          "document; the cleaned text goes to standard output.\n"
          "\n"
          "  -F, --no-fix        do not repair mojibake\n"
          "  -S, --no-strip      do not remove boilerplate\n"
          "  -m, --mark          keep boilerplate but prefix each line with the decision:\n"
          "                      '+ ' kept, '- [reason] ' would be removed\n"
          "  -E, --no-entities   do not look inside HTML character references\n"
          "                      (&Atilde;&copy;) for mojibake\n"
          "      --nfc           also normalise to Unicode NFC (off by default)\n"
          "  -h, --help          display this help and exit\n"
          "  -V, --version       output version information and exit\n"
          "\n"
          "Exit status: 0 success, 1 a file could not be read or output not written,\n"
          "2 usage error.  Invalid UTF-8 passes through unchanged.\n"
          "\n"
          "Example: curl -s https://example.com/a.txt | mojiclean > clean.txt\n",
          stdout);
    exit(0);
}

enum { OPT_NFC = 256 };

static const struct option longopts[] = {
    {"no-fix", no_argument, NULL, 'F'},      {"no-strip", no_argument, NULL, 'S'},
    {"mark", no_argument, NULL, 'm'},        {"no-entities", no_argument, NULL, 'E'},
    {"nfc", no_argument, NULL, OPT_NFC},     {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},     {NULL, 0, NULL, 0}};

static char inbuf[1 << 16];
static char outbuf[1 << 16];

/* Write `n` bytes to stdout; on failure report once and exit 1, since no later file could
 * be written either. */
static void put(const char *p, size_t n) {
    if (n && fwrite(p, 1, n, stdout) != n) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        exit(1);
    }
}

static void die_lib(const char *name, const mojiclean_error *err) {
    fprintf(stderr, "%s: %s: %s (at input byte %llu)\n", progname, name, err->msg,
            (unsigned long long)err->offset);
    exit(1);
}

/* Clean one file (or stdin when `name` is "-") as one document.  Returns 1 when it could
 * be read to the end, 0 after reporting why not. */
static int clean_file(mojiclean *mc, const char *name) {
    int is_stdin = strcmp(name, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(name, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", progname, name, strerror(errno));
        return 0;
    }
    mojiclean_error err;
    int ok = 1;
    mojiclean_reset(mc);
    for (;;) {
        size_t n = fread(inbuf, 1, sizeof inbuf, f);
        if (n == 0) {
            if (ferror(f)) {
                fprintf(stderr, "%s: %s: %s\n", progname, is_stdin ? "(standard input)" : name,
                        strerror(errno));
                ok = 0;
            }
            break;
        }
        mojiclean_in in = {inbuf, n, 0};
        while (in.pos < in.size) {
            mojiclean_out out = {outbuf, sizeof outbuf, 0};
            if (mojiclean_feed(mc, &in, &out, &err) < 0)
                die_lib(name, &err);
            put(outbuf, out.pos);
        }
    }
    /* Even after a read error, what was read is cleaned and written: nothing is lost. */
    int r;
    do {
        mojiclean_out out = {outbuf, sizeof outbuf, 0};
        r = mojiclean_finish(mc, &out, &err);
        if (r < 0)
            die_lib(name, &err);
        put(outbuf, out.pos);
    } while (r > 0);
    if (!is_stdin)
        fclose(f);
    else
        clearerr(stdin);
    return ok;
}

int main(int argc, char **argv) {
    unsigned flags = MOJICLEAN_DEFAULT;
    int c;
    while ((c = getopt_long(argc, argv, "FSmEhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'F': flags &= ~(unsigned)MOJICLEAN_FIX; break;
        case 'S': flags &= ~(unsigned)MOJICLEAN_STRIP; break;
        case 'm': flags |= MOJICLEAN_MARK; break;
        case 'E': flags &= ~(unsigned)MOJICLEAN_ENTITIES; break;
        case OPT_NFC: flags |= MOJICLEAN_NFC; break;
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
    /* --no-fix turns off every text change, entity decoding included. */
    if (!(flags & MOJICLEAN_FIX))
        flags &= ~(unsigned)MOJICLEAN_ENTITIES;
    mojiclean_error err;
    mojiclean *mc = mojiclean_new(flags, &err);
    if (!mc) {
        fprintf(stderr, "%s: %s\n", progname, err.msg);
        return 1;
    }
    int ok = 1;
    if (optind == argc) {
        ok = clean_file(mc, "-");
    } else {
        for (int i = optind; i < argc; i++)
            ok &= clean_file(mc, argv[i]);
    }
    mojiclean_free(mc);
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return ok ? 0 : 1;
}
