#!/bin/sh
# valgrind.sh (`make valgrind`): the program over every fixture input, with the default
# options and with --no-strip, and every cmocka test binary, under valgrind memcheck.
# Any memory error or leak fails the run.
# SPDX-License-Identifier: MIT

LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: valgrind not installed (apt-get install valgrind)" >&2
    exit 1
fi
VG="valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect -q"
# The split-point loop of test_stream is quadratic in the file size; a sample is enough
# under valgrind's 30-50x slowdown.
MOJICLEAN_SPLITS=${MOJICLEAN_SPLITS:-40}
export MOJICLEAN_SPLITS
passed=0
failed=0

run() {
    name=$1
    shift
    if "$@" >/dev/null 2>"${TMPDIR:-/tmp}/mojiclean-vg.$$"; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        sed 's/^/    /' "${TMPDIR:-/tmp}/mojiclean-vg.$$" | head -n 40
    fi
    rm -f "${TMPDIR:-/tmp}/mojiclean-vg.$$"
}

inputs=$(find fixtures -name '*.txt' ! -name '*.gold.txt' | sort)
seed=../shared/seed/000_f5963ccac3830ccb.txt
[ -f "$seed" ] && inputs="$inputs $seed"
for f in $inputs; do
    run "mojiclean $f" $VG "$BUILD/mojiclean" "$f"
    run "mojiclean --no-strip $f" $VG "$BUILD/mojiclean" --no-strip "$f"
done
# All of them in one run: the handle is reset between documents.
# shellcheck disable=SC2086
run "mojiclean --mark (all fixtures in one run)" $VG "$BUILD/mojiclean" --mark $inputs
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run "${t##*/}" $VG "$t"
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
