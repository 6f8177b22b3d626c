#!/bin/sh
# debug_check.sh: the program built with -DMOJICLEAN_DEBUG, whose checks abort where a cache or
# shortcut of the repairer disagrees with the plain computation it stands for (the lost-byte
# token caches against tokens_at(), and the others marked MOJICLEAN_DEBUG in src/fix.c), run
# over generated stress inputs (tests/fuzz/gen_stress.py, fixed seed) and the fixtures.
# Fails when any run aborts or exits non-zero.
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (default build), PYTHON (default python3), MAKE (default make),
# DEBUG_CHECK_COUNT (stress inputs, default 6000: the four that found the
# mismatch of the lost-byte token cache fixed in session 9 are among the last 1500).

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
MAKE=${MAKE:-make}
count=${DEBUG_CHECK_COUNT:-6000}
dbg="$BUILD/debug"

$MAKE -s --no-print-directory BUILD="$dbg" EXTRA_CFLAGS="-DMOJICLEAN_DEBUG" "$dbg/mojiclean" >/dev/null ||
    { echo "debug_check: build failed" >&2; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
$PYTHON tests/fuzz/gen_stress.py --out "$tmp/stress" --count "$count" --seed 11 >/dev/null ||
    { echo "debug_check: gen_stress.py failed" >&2; exit 1; }
bad=0
n=0
for f in "$tmp"/stress/*; do
    n=$((n + 1))
    # (A stress input is a 6-byte header for the fuzz drivers, then the text.)
    if ! tail -c +7 "$f" | "$dbg/mojiclean" --no-strip >/dev/null 2>"$tmp/err"; then
        bad=$((bad + 1))
        cp "$f" "$tmp/fail"
        echo "debug_check: failed on stress input ${f##*/} (seed 11): $(head -c 200 "$tmp/err")" >&2
    fi
done
for f in $(find fixtures -type f -name '*.txt' | sort); do
    n=$((n + 1))
    if ! "$dbg/mojiclean" --no-strip <"$f" >/dev/null 2>"$tmp/err"; then
        bad=$((bad + 1))
        echo "debug_check: failed on $f: $(head -c 200 "$tmp/err")" >&2
    fi
done
echo "debug_check: $n inputs, $bad failed"
[ "$bad" -eq 0 ]
