#!/bin/sh
# cli.sh: the mojiclean program as a user meets it: stdout, stderr and exit status of each
# case checked separately, plus the golden fixtures (fixtures/README.md gives the reasons).
# SPDX-License-Identifier: MIT
#
# Usage: BUILD=build sh tests/cli.sh   (run from anywhere; paths are taken from the repo)

LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
MC=$BUILD/mojiclean
if [ ! -x "$MC" ]; then
    echo "cli.sh: $MC not built" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mojiclean-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
work=$tmp/work
mkdir "$work"
passed=0
failed=0
failures=

# expect_run NAME EXIT STDOUT STDERR_GLOB -- CMD...
#   Runs CMD in a scratch directory, standard input from the file named by $IN (then
#   cleared; /dev/null when unset), and checks, each on its own:
#   EXIT    the exit status, exactly;
#   STDOUT  ''             standard output must be empty,
#           '*'            anything,
#           glob:PATTERN   the whole output (less trailing newlines) matches PATTERN,
#           line1:TEXT     the first line is exactly TEXT,
#           anything else  a file the output must equal byte for byte;
#   STDERR  a shell pattern the whole of standard error (less trailing newlines) must
#           match; '' means it must be empty.
#   The output and error stay in $tmp/out and $tmp/err for further checks.
expect_run() {
    name=$1 want_exit=$2 want_out=$3 want_err=$4
    shift 4
    [ "$1" = -- ] && shift
    stdin=${IN:-/dev/null}
    IN=
    (cd "$work" && exec "$@") <"$stdin" >"$tmp/out" 2>"$tmp/err"
    got_exit=$?
    why=
    [ "$got_exit" = "$want_exit" ] || why="$why
    exit status $got_exit, want $want_exit"
    case $want_out in
    '') [ -s "$tmp/out" ] && why="$why
    stdout should be empty" ;;
    '*') ;;
    glob:*)
        out=$(cat "$tmp/out")
        # shellcheck disable=SC2254
        case $out in ${want_out#glob:}) ;; *) why="$why
    stdout does not match '${want_out#glob:}'" ;; esac
        ;;
    line1:*)
        [ "$(sed -n 1p "$tmp/out")" = "${want_out#line1:}" ] || why="$why
    stdout line 1 is '$(sed -n 1p "$tmp/out")', want '${want_out#line1:}'"
        ;;
    *)
        if ! cmp -s "$tmp/out" "$want_out"; then
            why="$why
    stdout differs from $want_out: $(cmp "$tmp/out" "$want_out" 2>&1 | head -n 1)"
            # A few lines of the difference ('<' expected, '>' got), for a text file.
            why="$why
$(diff "$want_out" "$tmp/out" 2>&1 | head -n 8 | sed 's/^/      /')"
        fi
        ;;
    esac
    err=$(cat "$tmp/err")
    if [ -z "$want_err" ]; then
        [ -n "$err" ] && why="$why
    stderr should be empty"
    else
        # shellcheck disable=SC2254
        case $err in $want_err) ;; *) why="$why
    stderr does not match '$want_err'" ;; esac
    fi
    if [ -n "$err" ] && [ -n "$why" ]; then
        why="$why
    stderr was: $(head -n 3 "$tmp/err")"
    fi
    report "$name" "$why"
}

# report NAME WHY: a pass when WHY is empty.
report() {
    if [ -z "$2" ]; then
        passed=$((passed + 1))
        echo "ok   $1"
    else
        failed=$((failed + 1))
        failures="$failures $1"
        echo "FAIL $1$2"
    fi
}

# check NAME CONDITION-COMMAND...: a further check on the last run's files.
check() {
    name=$1
    shift
    if "$@"; then report "$name" ""; else report "$name" "
    failed: $*"; fi
}

lines_of() { wc -l <"$1" | tr -d ' '; }

version=$(sed -n 's/^#define MOJICLEAN_VERSION_STRING "\(.*\)"/\1/p' include/mojiclean.h)
try="Try 'mojiclean --help' for more information."

# --- Inputs made here, so the exact bytes are in plain sight.
printf 'first file\n' >"$work/a.txt"
printf 'second file\n' >"$work/b.txt"
printf 'first file\nsecond file\n' >"$tmp/ab.want"
printf 'from stdin\n' >"$tmp/stdin.txt"
printf 'first file\nfrom stdin\nsecond file\n' >"$tmp/a-stdin-b.want"
mkdir "$work/adir"
printf 'dash file\n' >"$work/-x.txt"
# Not UTF-8: a lone 0xFF 0xFE, and a lead byte cut off by the line end.
printf 'a\377\376 b\303\n' >"$tmp/invalid.txt"
# CR LF, a lone CR, NUL bytes, mojibake (left alone by --no-fix) and no final newline.
printf 'one\r\ntwo\rthree\000four\r\n\000\nCaf\303\203\302\251 \342\200\234x\r\r\n\nlast' \
    >"$tmp/raw.txt"
: >"$tmp/empty.txt"
# Big enough to overflow stdio's buffer, so the write error shows before the end.
i=0
: >"$tmp/big.txt"
while [ $i -lt 64 ]; do
    cat fixtures/sample/article.gold.txt >>"$tmp/big.txt"
    i=$((i + 1))
done

echo "# options"
expect_run "--help" 0 "glob:Usage: mojiclean *" "" -- "$MC" --help
check "--help lists every option" grep -q -- '--no-strip' "$tmp/out"
expect_run "-h" 0 "glob:Usage: mojiclean *" "" -- "$MC" -h
expect_run "--version" 0 "line1:mojiclean $version" "" -- "$MC" --version
expect_run "-V" 0 "line1:mojiclean $version" "" -- "$MC" -V
expect_run "bad long option" 2 "" "*mojiclean: *--bogus*
$try" -- "$MC" --bogus a.txt
check "bad long option: two lines on stderr" [ "$(lines_of "$tmp/err")" = 2 ]
expect_run "bad short option" 2 "" "*mojiclean: *Z*
$try" -- "$MC" -Z
check "bad short option: two lines on stderr" [ "$(lines_of "$tmp/err")" = 2 ]
expect_run "argument to --help" 2 "" "*mojiclean: *help*
$try" -- "$MC" --help=x
expect_run "option after file" 0 "$tmp/ab.want" "" -- "$MC" a.txt b.txt --no-strip
expect_run "-- ends options" 0 "glob:dash file" "" -- "$MC" -F -S -- -x.txt

echo "# input and output"
IN=$tmp/stdin.txt
expect_run "no file reads stdin" 0 "$tmp/stdin.txt" "" -- "$MC" --no-strip
IN=$tmp/stdin.txt
expect_run "- reads stdin" 0 "$tmp/stdin.txt" "" -- "$MC" --no-strip -
IN=$tmp/stdin.txt
expect_run "- between files" 0 "$tmp/a-stdin-b.want" "" -- "$MC" -F -S a.txt - b.txt
expect_run "files in order" 0 "$tmp/ab.want" "" -- "$MC" --no-fix --no-strip a.txt b.txt
expect_run "missing file among good ones" 1 "$tmp/ab.want" \
    "mojiclean: nosuch.txt: No such file or directory" -- \
    "$MC" --no-fix --no-strip a.txt nosuch.txt b.txt
expect_run "directory as a file" 1 "$tmp/ab.want" "mojiclean: adir: *" -- \
    "$MC" --no-fix --no-strip a.txt adir b.txt
check "directory error is one line" [ "$(lines_of "$tmp/err")" = 1 ]
expect_run "write error at close" 1 "" "mojiclean: write error: *" -- \
    sh -c 'exec "$0" "$@" >/dev/full' "$MC" a.txt
expect_run "write error while writing" 1 "" "mojiclean: write error: *" -- \
    sh -c 'exec "$0" "$@" >/dev/full' "$MC" --no-strip "$tmp/big.txt"
check "write error reported once" [ "$(lines_of "$tmp/err")" = 1 ]

echo "# bytes through"
expect_run "invalid UTF-8 passes through" 0 "$tmp/invalid.txt" "" -- \
    "$MC" --no-strip "$tmp/invalid.txt"
expect_run "--no-fix --no-strip is the identity" 0 "$tmp/raw.txt" "" -- \
    "$MC" --no-fix --no-strip "$tmp/raw.txt"
IN=$tmp/raw.txt
expect_run "-F -S on stdin is the identity" 0 "$tmp/raw.txt" "" -- "$MC" -F -S
for opts in "" "--no-strip" "--no-fix --no-strip" "--mark" "--nfc"; do
    # shellcheck disable=SC2086
    expect_run "empty input ${opts:-(defaults)}" 0 "" "" -- "$MC" $opts "$tmp/empty.txt"
done
IN=$tmp/empty.txt
expect_run "empty stdin" 0 "" "" -- "$MC"

echo "# golden fixtures"
seed=../shared/seed/000_f5963ccac3830ccb.txt
if [ -f "$seed" ]; then
    IN=$seed
    expect_run "seed article" 0 fixtures/seed/000.gold.txt "" -- "$MC"
    IN=$seed
    expect_run "seed article --no-strip" 0 fixtures/seed/000.nostrip.gold.txt "" -- \
        "$MC" --no-strip
else
    echo "skip seed article: $seed not found"
fi
expect_run "sample article" 0 fixtures/sample/article.gold.txt "" -- \
    "$MC" "$root/fixtures/sample/article.txt"
expect_run "sample article --no-strip" 0 fixtures/sample/article.nostrip.gold.txt "" -- \
    "$MC" --no-strip "$root/fixtures/sample/article.txt"
# --mark keeps every byte behind a prefix: without the prefixes it is the --no-strip
# output, and the "+ " lines alone are the default output.
expect_run "sample article --mark" 0 "*" "" -- "$MC" --mark "$root/fixtures/sample/article.txt"
sed -e 's/^+ //' -e 's/^- \[[^]]*\] //' "$tmp/out" >"$tmp/unmarked"
check "--mark less its prefixes is --no-strip" \
    cmp -s "$tmp/unmarked" fixtures/sample/article.nostrip.gold.txt
sed -n 's/^+ //p' "$tmp/out" >"$tmp/kept"
check "--mark '+ ' lines are the default output" \
    cmp -s "$tmp/kept" fixtures/sample/article.gold.txt
# Idempotence: clean text stays as it is.
expect_run "sample gold is a fixed point" 0 fixtures/sample/article.gold.txt "" -- \
    "$MC" "$root/fixtures/sample/article.gold.txt"
for fx_in in fixtures/repair/*.in.txt; do
    fx=${fx_in#fixtures/repair/}
    fx=${fx%.in.txt}
    fx_gold=fixtures/repair/$fx.gold.txt
    expect_run "repair $fx" 0 "$fx_gold" "" -- "$MC" --no-strip "$root/$fx_in"
    expect_run "repair $fx: gold is a fixed point" 0 "$fx_gold" "" -- \
        "$MC" --no-strip "$root/$fx_gold"
done

# --explain: one JSON line per change, written by hand from the input: "Ã©" at byte 3 is
# windows-1252 mojibake of é (bytes 3-6); " and x" is bytes 7-12, so the raw byte E9 at
# byte 13 was windows-1252, not UTF-8.
printf 'caf\303\203\302\251 and x\351y\n' >"$work/explain.txt"
printf '{"file":"explain.txt","offset":3,"kind":"repair","before":"\303\203\302\251","after":"\303\251","chain":["utf-8","windows-1252"]}\n{"file":"explain.txt","offset":13,"kind":"repair","before":"\\\\xe9","after":"\303\251","chain":["windows-1252"]}\n' >"$tmp/explain.want"
expect_run "--explain to a file" 0 "glob:caf* and x*y" "" -- \
    "$MC" --no-strip --explain=explain.jsonl explain.txt
check "--explain lines" cmp -s "$work/explain.jsonl" "$tmp/explain.want"
expect_run "--explain on stderr" 0 "*" '{"file":"explain.txt","offset":3,*' -- \
    "$MC" --no-strip --explain explain.txt
# Raw windows-1252 quotes: reported as bytes read as windows-1252, with no UTF-8 step.
printf 'He said \223yes\224.\n' >"$work/raw_explain.txt"
printf '{"file":"raw_explain.txt","offset":8,"kind":"repair","before":"\\\\x93","after":"\342\200\234","chain":["windows-1252"]}\n{"file":"raw_explain.txt","offset":12,"kind":"repair","before":"\\\\x94","after":"\342\200\235","chain":["windows-1252"]}\n' >"$tmp/raw_explain.want"
expect_run "raw windows-1252 quotes" 0 "glob:He said *yes*." "" -- \
    "$MC" --no-strip --explain=raw_explain.jsonl raw_explain.txt
check "--explain of raw quotes" cmp -s "$work/raw_explain.jsonl" "$tmp/raw_explain.want"
# A line whose mojibake was written as references is decoded whole (&quot; too) and
# reported as one change from its first difference to its last, with "html" last in the
# chain; a line with a plain reference and no mojibake stays as it is.
printf 'Fish &amp; chips\nIt&acirc;&euro;&trade;s &quot;ok&quot;\n' >"$work/html.txt"
printf 'Fish &amp; chips\nIt\342\200\231s "ok"\n' >"$tmp/html.want"
printf '{"file":"html.txt","offset":19,"kind":"repair","before":"&acirc;&euro;&trade;s &quot;ok&quot;","after":"\342\200\231s \\"ok\\"","chain":["utf-8","windows-1252","html"]}\n' >"$tmp/html_explain.want"
expect_run "escaped line decoded whole, plain reference kept" 0 "$tmp/html.want" "" -- \
    "$MC" --no-strip --explain=html.jsonl html.txt
check "--explain of an escaped line" cmp -s "$work/html.jsonl" "$tmp/html_explain.want"
# --nfc composes; without it decomposed text stays decomposed.
printf 'cafe\314\201\n' >"$work/nfd.txt"
printf 'caf\303\251\n' >"$tmp/nfc.want"
expect_run "--nfc composes" 0 "$tmp/nfc.want" "" -- "$MC" --nfc nfd.txt
expect_run "no --nfc, no composing" 0 "$work/nfd.txt" "" -- "$MC" nfd.txt

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || {
    echo "cli: failed:$failures"
    exit 1
}
