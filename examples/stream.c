/* stream.c: the streaming loop of man 3 mojiclean, as a program: standard input to
 * standard output through one handle, in constant memory.  Built by tests/installed.sh
 * against an installed copy of the library, with only <mojiclean.h> and pkg-config.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include <mojiclean.h>

int main(void) {
    static char ibuf[1 << 16], obuf[1 << 16];
    mojiclean_error err;
    mojiclean *mc = mojiclean_new(MOJICLEAN_DEFAULT, &err);
    if (!mc) {
        fprintf(stderr, "stream: %s\n", err.msg);
        return 1;
    }
    size_t n;
    while ((n = fread(ibuf, 1, sizeof ibuf, stdin)) > 0) {
        mojiclean_in in = {ibuf, n, 0};
        while (in.pos < in.size) {
            mojiclean_out out = {obuf, sizeof obuf, 0};
            if (mojiclean_feed(mc, &in, &out, &err) < 0)
                goto fail;
            fwrite(obuf, 1, out.pos, stdout);
        }
    }
    int r;
    do {
        mojiclean_out out = {obuf, sizeof obuf, 0};
        r = mojiclean_finish(mc, &out, &err);
        if (r < 0)
            goto fail;
        fwrite(obuf, 1, out.pos, stdout);
    } while (r > 0);
    mojiclean_free(mc);
    return ferror(stdin) || fflush(stdout) != 0 ? 1 : 0;
fail:
    fprintf(stderr, "stream: %s at input byte %llu\n", err.msg, (unsigned long long)err.offset);
    mojiclean_free(mc);
    return 1;
}
