#!/bin/sh
# installed.sh: `make install` into a staging directory, then build examples/stream.c with
# nothing but the installed header and `pkg-config mojiclean`, linked both shared and
# static, and check it cleans the sample article as the program does.  Also checks the
# soname and that `make uninstall` removes every installed file.
# SPDX-License-Identifier: MIT
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
MAKE=${MAKE:-make}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
case $BUILD in
*asan*) echo "installed: skipped in the sanitizer build (the installed library is the plain one)"; exit 0 ;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mojiclean-inst.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
prefix=/opt/mojiclean-test
status=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; status=1; }

$MAKE -s BUILD="$BUILD" PREFIX=$prefix DESTDIR="$tmp/stage" install >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; bad "make install"; exit 1; }
ok "make install PREFIX=$prefix DESTDIR=..."
root_dir=$tmp/stage$prefix
# pkg-config sees the staged tree as if installed: sysroot for -I/-L, its .pc dir on the path.
PKG_CONFIG_PATH=$root_dir/lib/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$tmp/stage
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
[ "$($PKG_CONFIG --modversion mojiclean)" = "$(sed -n 's/^#define MOJICLEAN_VERSION_STRING "\(.*\)"/\1/p' include/mojiclean.h)" ] &&
    ok "pkg-config --modversion mojiclean" || bad "pkg-config --modversion mojiclean"
cflags=$($PKG_CONFIG --cflags mojiclean)
libs=$($PKG_CONFIG --libs mojiclean)
# Shared: the soname link must resolve at run time too.
if $CC -std=c99 -Wall -Wextra -Werror $cflags -o "$tmp/stream_shared" examples/stream.c $libs 2>"$tmp/err"; then
    ok "examples/stream.c builds with pkg-config (shared)"
else
    cat "$tmp/err"; bad "examples/stream.c builds with pkg-config (shared)"
fi
soname=$(objdump -p "$root_dir/lib/libmojiclean.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
[ "$soname" = "libmojiclean.so.$(sed -n 's/^#define MOJICLEAN_VERSION_MAJOR \([0-9]*\)/\1/p' include/mojiclean.h)" ] &&
    ok "soname $soname" || bad "soname '$soname'"
# Static: the library's own dependencies come from Libs.private.
if $CC -std=c99 -Wall -Wextra -Werror $cflags -o "$tmp/stream_static" examples/stream.c \
    "$root_dir/lib/libmojiclean.a" $($PKG_CONFIG --static --libs mojiclean | sed 's/-lmojiclean//') 2>"$tmp/err"; then
    ok "examples/stream.c builds with pkg-config --static"
else
    cat "$tmp/err"; bad "examples/stream.c builds with pkg-config --static"
fi
"$BUILD/mojiclean" fixtures/sample/article.txt >"$tmp/want"
for kind in shared static; do
    [ -x "$tmp/stream_$kind" ] || continue
    if LD_LIBRARY_PATH=$root_dir/lib "$tmp/stream_$kind" <fixtures/sample/article.txt >"$tmp/got" &&
        cmp -s "$tmp/got" "$tmp/want"; then
        ok "the $kind example cleans the sample article as the program does"
    else
        bad "the $kind example cleans the sample article as the program does"
    fi
done
$MAKE -s BUILD="$BUILD" PREFIX=$prefix DESTDIR="$tmp/stage" uninstall >"$tmp/log" 2>&1
left=$(find "$tmp/stage" -type f -o -type l | head -5)
[ -z "$left" ] && ok "make uninstall removes every file" || { bad "make uninstall left:"; echo "$left"; }
exit $status
