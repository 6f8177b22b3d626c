#!/bin/sh
# fuzz_replay.sh: every input in tests/fuzz/corpus/TARGET/ through its fuzz target, built
# with the ordinary compiler and a plain main() (tests/fuzz/replay_main.c), no libFuzzer:
# the seeds, and every crash or property failure fuzzing ever found, stay fixed.
# SPDX-License-Identifier: MIT
#
# Usage: BUILD=build sh tests/fuzz_replay.sh   (run by make check, from anywhere)
# Under `make asan` the sanitizer flags reach the replay binaries through MAKEFLAGS.
# One input's failure does not stop the others: each runs in its own process and the
# failing ones are named at the end (reproduce with BUILD/fuzz/replay_TARGET -n FILE).

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
exec $MAKE -s --no-print-directory BUILD="$BUILD" fuzz-replay
