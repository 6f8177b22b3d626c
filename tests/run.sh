#!/bin/sh
# run.sh: what `make check` runs: every test suite in turn, each one's output shown, then
# one summary line "check: N passed, M failed".  Exits 1 when any suite failed.
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (the build directory, default build), PYTHON (default python3).

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
export BUILD PYTHON

passed=0
failed=0
failures=

# suite NAME CMD...: run one suite, show its output, count it.
suite() {
    name=$1
    shift
    echo "=== $name"
    start=$(date +%s)
    "$@"
    status=$?
    secs=$(($(date +%s) - start))
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "=== $name: ok (${secs}s)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        echo "=== $name: FAILED, status $status (${secs}s)"
    fi
    echo
}

# The unit tests: one cmocka binary per module, run from the repo root (they read
# fixtures/).  Whatever the Makefile built is run; none at all is a failure.
found=0
for t in "$BUILD"/tests/test_*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    found=1
    suite "${t##*/}" "$t"
done
[ "$found" -eq 1 ] || suite "unit tests" sh -c "echo 'no test binaries in $BUILD/tests' >&2; false"

# Scripted suites, in order.  The first four are always there; the others belong to
# other parts of the project and run when they exist.
for s in cli cli_bulk stream_equiv man_lint symbols header_compile installed moji_score unseen_clean bp_score tables fuzz_replay debug_check hostile dask_recipe; do
    case $s in
    cli | man_lint | symbols | header_compile) ;;
    *) [ -f "tests/$s.sh" ] || continue ;;
    esac
    suite "$s" sh "tests/$s.sh"
done

[ -z "$failures" ] || echo "failed:$failures"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
