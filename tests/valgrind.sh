#!/bin/sh
# valgrind.sh (`make valgrind`): the program over every fixture input, with the default
# options and with --no-strip, over JSON Lines records held whole and streamed, and every
# cmocka test binary, under valgrind memcheck.
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
# --jsonl, each record held whole, and each record streamed and staged in a temporary file
# (MOJICLEAN_JSONL_HOLD=1): valid, changed, malformed and truncated records.
jl=${TMPDIR:-/tmp}/mojiclean-vg.$$.jsonl
{
    printf '%s\n' '{"id":1,"text":"Caf\u00c3\u00a9 \"q\" \\ ok","n":[1,{"a":"}"}]}' \
        '{"t\u0065xt":"\ud83d\ude00 d\u00e9j\u00e0","text":"dup"}' '{"text":"bad \ud800 x"}' \
        'not json' '{"text":5}' '{"a":1}' '{"text":"x"} trailing'
    printf '{"a":"%s","text":"%s"}\n' "$(head -c 3000 fixtures/sample/article.txt | tr -d '"\\\n')" \
        "$(tr -d '"\\' <fixtures/sample/article.txt | tr '\n' '\t')"
    printf '{"text":"truncated'
} >"$jl"
run "mojiclean --jsonl" $VG "$BUILD/mojiclean" --jsonl "$jl"
run "mojiclean --jsonl, every record streamed" env MOJICLEAN_JSONL_HOLD=1 $VG "$BUILD/mojiclean" --jsonl "$jl"
rm -f "$jl"
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run "${t##*/}" $VG "$t"
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
