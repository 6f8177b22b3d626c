#!/bin/sh
# header_compile.sh: <mojiclean.h> compiles alone as strict C99 and as C++11, and the
# examples in man/mojiclean.3 and README.md compile against the static library, run, and
# give the same bytes as the program.
# SPDX-License-Identifier: MIT

LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
CXX=${CXX:-c++}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
LIBS="$BUILD/libmojiclean.a $($PKG_CONFIG --libs libutf8proc 2>/dev/null || echo -lutf8proc)"
# A sanitizer build's library needs the sanitizer runtimes at link time: take the
# -fsanitize flags from EXTRA_CFLAGS (`make asan` passes it down), or assume the Makefile's
# when only the build directory says asan.
SAN=
for f in ${EXTRA_CFLAGS:-}; do
    case $f in -fsanitize=*) SAN="$SAN $f" ;; esac
done
if [ -z "$SAN" ]; then
    case $BUILD in *asan*) SAN="-fsanitize=address,undefined" ;; esac
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mojiclean-hdr.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

ok() { echo "ok   $1"; }
bad() {
    echo "FAIL $1"
    [ -s "$tmp/log" ] && sed 's/^/    /' "$tmp/log" | head -n 20
    status=1
}

cat >"$tmp/only.c" <<'C'
#include <mojiclean.h>
#include <stdio.h>

int main(void)
{
    if (mojiclean_version() != MOJICLEAN_VERSION) {
        printf("header %s, library %s\n", MOJICLEAN_VERSION_STRING, mojiclean_version_string());
        return 1;
    }
    printf("%s\n", mojiclean_version_string());
    return 0;
}
C
# The header first and alone: it must bring what it uses (size_t, uint64_t).
sed -n '1p' "$tmp/only.c" >"$tmp/alone.c"
echo 'int mojiclean_header_alone;' >>"$tmp/alone.c"

if $CC -std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude -c -o "$tmp/alone.o" \
    "$tmp/alone.c" >"$tmp/log" 2>&1; then ok "header alone, C99"; else bad "header alone, C99"; fi
if $CC -std=c99 -Wall -Wextra -Wpedantic -Werror $SAN -Iinclude -o "$tmp/only" "$tmp/only.c" \
    $LIBS >"$tmp/log" 2>&1 && "$tmp/only" >"$tmp/log" 2>&1; then
    ok "C99 program calling mojiclean_version(), linked with $BUILD/libmojiclean.a"
else
    bad "C99 program calling mojiclean_version()"
fi
cp "$tmp/alone.c" "$tmp/alone.cpp"
if $CXX -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude -c -o "$tmp/alone_cpp.o" \
    "$tmp/alone.cpp" >"$tmp/log" 2>&1; then ok "header alone, C++11"; else bad "header alone, C++11"; fi
cp "$tmp/only.c" "$tmp/only.cpp"
if $CXX -std=c++11 -Wall -Wextra -Wpedantic -Werror $SAN -Iinclude -o "$tmp/only_cpp" \
    "$tmp/only.cpp" $LIBS >"$tmp/log" 2>&1 && "$tmp/only_cpp" >"$tmp/log" 2>&1; then
    ok "C++11 program linked with $BUILD/libmojiclean.a (extern \"C\" works)"
else
    bad "C++11 program linked with $BUILD/libmojiclean.a"
fi

# example NAME SOURCE: compile an extracted example and run it over the sample article;
# it must print exactly what `mojiclean` prints.
example() {
    if [ ! -s "$2" ]; then
        : >"$tmp/log"
        bad "$1: no example found"
        return
    fi
    if ! $CC -std=c99 -Wall -Wextra -Wpedantic -Werror $SAN -Iinclude -o "$tmp/ex" "$2" $LIBS \
        >"$tmp/log" 2>&1; then
        bad "$1 compiles"
        return
    fi
    "$tmp/ex" <fixtures/sample/article.txt >"$tmp/ex.out" 2>"$tmp/log" &&
        "$BUILD/mojiclean" <fixtures/sample/article.txt >"$tmp/cli.out" 2>>"$tmp/log"
    if [ $? -eq 0 ] && cmp -s "$tmp/ex.out" "$tmp/cli.out"; then
        ok "$1 compiles, runs, and matches mojiclean"
    else
        cmp "$tmp/ex.out" "$tmp/cli.out" >>"$tmp/log" 2>&1
        bad "$1 runs and matches mojiclean"
    fi
}

# man/mojiclean.3: the first .EX/.EE block, with roff escapes undone.
sed -n '/^\.EX/,/^\.EE/{/^\.E[XE]/d;p;}' man/mojiclean.3 | awk '/^cc /{exit} {print}' |
    sed -e 's/\\e/\\/g' -e 's/\\-/-/g' -e 's/^\\&//' >"$tmp/man3.c"
example "man/mojiclean.3 EXAMPLES" "$tmp/man3.c"

# README.md: the ```c block after the line "<!-- example: clean -->".
if [ -f README.md ]; then
    awk '/<!-- example: clean -->/ { f = 1; next } f && /^```c/ { g = 1; next }
         g && /^```/ { exit } g { print }' README.md >"$tmp/readme.c"
    example "README.md library example" "$tmp/readme.c"
fi
exit $status
