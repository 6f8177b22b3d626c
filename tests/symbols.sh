#!/bin/sh
# symbols.sh: every global symbol libmojiclean.a defines carries the mojiclean_ prefix
# (cross-file internals included: they are mojiclean__name), so linking the library never
# clashes with a caller's names.
# SPDX-License-Identifier: MIT

LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
lib=$BUILD/libmojiclean.a
if [ ! -f "$lib" ]; then
    echo "FAIL $lib not built"
    exit 1
fi
# nm lists "name:" headers and "address type name" lines; keep the names.
syms=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u)
if [ -z "$syms" ]; then
    echo "FAIL nm found no global symbols in $lib"
    exit 1
fi
bad=$(printf '%s\n' "$syms" | grep -v '^mojiclean_')
count=$(printf '%s\n' "$syms" | wc -l | tr -d ' ')
if [ -n "$bad" ]; then
    echo "FAIL global symbols without the mojiclean_ prefix in $lib:"
    printf '%s\n' "$bad" | sed 's/^/    /'
    exit 1
fi
echo "ok   $count global symbols in $lib, all mojiclean_*"

# The shared library exports only the public API: internals are hidden by -fvisibility.
so=$BUILD/libmojiclean.so
if [ -f "$so" ]; then
    leaked=$(nm -D --defined-only "$so" | awk 'NF == 3 { print $3 }' | grep -v '^mojiclean_[a-z]' |
        grep -v '^_init$\|^_fini$')
    internal=$(nm -D --defined-only "$so" | awk 'NF == 3 { print $3 }' | grep '^mojiclean__')
    if [ -n "$leaked$internal" ]; then
        echo "FAIL $so exports more than the public API:"
        printf '%s\n' $leaked $internal | sed 's/^/    /'
        exit 1
    fi
    echo "ok   $so exports only public mojiclean_* functions"
fi
