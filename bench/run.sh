#!/bin/sh
# run.sh (`make bench`): generate the labelled inputs in $BUILD/bench (once), then time
# cat and mojiclean over them and print the table.  See bench/gen.py and bench/bench.py.
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (default build), PYTHON (default python3), BENCH_MB (size of the main
# inputs, default 64), BENCH_RUNS (default 5), BENCH_CALLGRIND=1 (instructions per byte),
# BENCH_SLOW_SECONDS (a run slower than this is not repeated; default 5), BENCH_BULK_FILES
# (documents for the -j 1 / -j 2 and gzip section, default 200 at BENCH_MB=64 and in
# proportion to it, at least 20; 0 skips the section), BENCH_BULK_KB (their mean size in
# KiB, default 256), BENCH_BIG_GB (size of the very large streams of bench/big.py, default
# 1; 0 skips them).

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
out=$BUILD/bench
mkdir -p "$out" || exit 1
[ -x "$BUILD/mojiclean" ] || { echo "bench: $BUILD/mojiclean not built" >&2; exit 1; }
set -- --out "$out" --mb "${BENCH_MB:-64}" --bulk-kb "${BENCH_BULK_KB:-256}"
[ -z "$BENCH_BULK_FILES" ] || set -- "$@" --bulk-files "$BENCH_BULK_FILES"
"$PYTHON" bench/gen.py "$@" || exit 1
"$PYTHON" bench/gen.py "$@" --list >"$out/inputs.json" || exit 1
echo "mojiclean $("$BUILD/mojiclean" --version | sed -n 1p | cut -d' ' -f2), $(uname -m)," \
    "$(getconf _NPROCESSORS_ONLN) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)," \
    "median of ${BENCH_RUNS:-5} runs"
"$PYTHON" bench/bench.py --build "$BUILD" --runs "${BENCH_RUNS:-5}" --inputs "$out/inputs.json" ||
    exit 1
[ "${BENCH_BIG_GB:-1}" = 0 ] && exit 0
echo
echo "very large streams, generated and piped in (bench/big.py):"
exec "$PYTHON" bench/big.py --build "$BUILD" --source "$out/mixed_script.txt" \
    --mojibake "$out/mojibake.txt" --gb "${BENCH_BIG_GB:-1}"
