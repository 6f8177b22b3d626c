#!/bin/sh
# cli_bulk.sh: the program on many files and on records: -r with --include/--exclude,
# -i (atomic, kill -9 safe), --check, --diff, -v, --jsonl, -j, gzip, --warc, and the GNU
# parallel recipes of the README.  Stdout, stderr and exit status are checked separately.
# SPDX-License-Identifier: MIT
#
# Usage: BUILD=build sh tests/cli_bulk.sh   (run from anywhere; paths are taken from the repo)
# Reads nothing outside the repo but ../shared/corpus/warc (skipped when absent).

LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
MC=$BUILD/mojiclean
if [ ! -x "$MC" ]; then
    echo "cli_bulk.sh: $MC not built" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mojiclean-bulk.XXXXXX") || exit 1
bgpid=
trap '[ -n "$bgpid" ] && kill -9 "$bgpid" 2>/dev/null; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
work=$tmp/work
mkdir "$work"
passed=0
failed=0
failures=

# expect_run NAME EXIT STDOUT STDERR_GLOB -- CMD...  (as in tests/cli.sh)
#   Runs CMD in $work, stdin from $IN (then cleared; /dev/null when unset).  STDOUT: ''
#   empty, '*' anything, glob:PATTERN, or a file to equal byte for byte.  STDERR: a shell
#   pattern for the whole of stderr ('' = empty).  Output stays in $tmp/out and $tmp/err.
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
    *)
        if ! cmp -s "$tmp/out" "$want_out"; then
            why="$why
    stdout differs from $want_out: $(cmp "$tmp/out" "$want_out" 2>&1 | head -n 1)
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
    stderr was: $(head -n 6 "$tmp/err")"
    fi
    report "$name" "$why"
}

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

check() {
    name=$1
    shift
    if "$@"; then report "$name" ""; else report "$name" "
    failed: $*"; fi
}

lines_of() { wc -l <"$1" | tr -d ' '; }
mtime_of() { ls -l --time-style=+%s.%N "$1" 2>/dev/null | awk '{print $6}'; }
no_temps() { [ -z "$(find "$1" -name '.*.mojiclean.*' 2>/dev/null)" ]; }

# Mojibake (cp1252 "é", "’" and "“ ”") and the same text repaired.
moji='Caf\303\203\302\251 and the caf\303\251\342\200\231s \303\242\342\202\254\305\223menu\303\242\342\202\254\302\235'
good='Caf\303\251 and the caf\303\251\342\200\231s \342\200\234menu\342\200\235'

echo "# trees: -r, --include, --exclude"
mkdir -p "$work/t/sub" "$work/t/loop"
printf "b $moji\n" >"$work/t/b.txt"
printf 'a clean\n' >"$work/t/a.txt"
printf 'C upper\n' >"$work/t/C.txt"
printf 'bin\000ary\n' >"$work/t/sub/bin.txt"
printf "sub $moji\n" >"$work/t/sub/s.md"
ln -s .. "$work/t/loop/up"
ln -s self.txt "$work/t/self.txt"
printf 'C upper\na clean\n' >"$tmp/want.t1"
printf "b $good\nsub $good\n" >>"$tmp/want.t1"
expect_run "-r: byte order, problems reported, the run goes on" 1 "$tmp/want.t1" \
    "mojiclean: t/loop/up: recursive directory loop, skipped
mojiclean: t/self.txt: *symbolic links*
mojiclean: t/sub/bin.txt: binary file (a NUL byte in its first 8 KiB), skipped" -- \
    "$MC" -S -r t
rm -f "$work/t/self.txt" "$work/t/loop/up"
printf "b $good\n" >"$tmp/want.t2"
expect_run "--include and --exclude on the base name" 0 "$tmp/want.t2" "" -- \
    "$MC" -S -r --include='*.txt' --include='*.md' --exclude='[aCs]*' --exclude=bin.txt t
expect_run "a directory without -r is an error" 1 "" "mojiclean: t: *" -- "$MC" t
expect_run "explicit file with NUL bytes is cleaned" 0 "*" "" -- "$MC" -S t/sub/bin.txt
if [ "$(id -u)" != 0 ]; then
    printf 'secret\n' >"$work/t/sub/unreadable.txt"
    chmod 000 "$work/t/sub/unreadable.txt"
    expect_run "-r: unreadable file" 1 "*" "*mojiclean: t/sub/unreadable.txt: Permission denied*" \
        -- "$MC" -S -r t
    rm -f "$work/t/sub/unreadable.txt"
else
    echo "skip -r: unreadable file (running as root)"
fi
rm -f "$work/t/sub/bin.txt"

echo "# in place"
mkdir "$work/ip"
printf "one $moji\n" >"$work/ip/one.txt"
printf 'two clean\n' >"$work/ip/two.txt"
chmod 640 "$work/ip/one.txt"
touch -d '2001-02-03 04:05:06' "$work/ip/two.txt"
two_mtime=$(mtime_of "$work/ip/two.txt")
expect_run "-i rewrites what changes" 0 "" "" -- "$MC" -S -i ip/one.txt ip/two.txt
printf "one $good\n" >"$tmp/want.one"
check "-i: new content" cmp -s "$work/ip/one.txt" "$tmp/want.one"
check "-i: mode kept" [ "$(ls -l "$work/ip/one.txt" | cut -c1-10)" = "-rw-r-----" ]
check "-i: an unchanged file is not rewritten (mtime kept)" \
    [ "$(mtime_of "$work/ip/two.txt")" = "$two_mtime" ]
check "-i: no temporary file left" no_temps "$work/ip"
printf "one $moji\n" >"$work/ip/one.txt"
expect_run "-i.bak keeps a backup" 0 "" "" -- "$MC" -S -i.bak ip/one.txt
check "-i.bak: backup holds the original" [ "$(cat "$work/ip/one.txt.bak")" = "$(printf "one $moji")" ]
check "-i.bak: file holds the new text" cmp -s "$work/ip/one.txt" "$tmp/want.one"
printf "one $moji\n" >"$work/ip/one.txt"
expect_run "-r -i.bak again: backups are not taken" 0 "" "" -- "$MC" -S -r -i.bak ip
check "-r -i.bak again: no backup of a backup" [ ! -e "$work/ip/one.txt.bak.bak" ]
check "-r -i.bak again: the first backup kept" [ "$(cat "$work/ip/one.txt.bak")" = "$(printf "one $moji")" ]
printf "one $moji\n" >"$work/ip/one.txt"
expect_run "--in-place=.orig" 0 "" "" -- "$MC" -S --in-place=.orig ip/one.txt
check "--in-place=.orig: backup made" [ -f "$work/ip/one.txt.orig" ]
rm -f "$work/ip/"*.orig "$work/ip/"*.bak
ln -s one.txt "$work/ip/link.txt"
printf "one $moji\n" >"$work/ip/one.txt"
expect_run "-i through a symbolic link edits its target" 0 "" "" -- "$MC" -S -i ip/link.txt
check "-i: the link stays a link" [ -L "$work/ip/link.txt" ]
check "-i: the target is cleaned" cmp -s "$work/ip/one.txt" "$tmp/want.one"
rm -f "$work/ip/link.txt"
IN=$tmp/want.one
expect_run "-i on standard input" 1 "" "mojiclean: (standard input): cannot edit standard input in place" \
    -- "$MC" -i -
expect_run "-i without files" 2 "" "mojiclean: --in-place needs FILE arguments
Try 'mojiclean --help' for more information." -- "$MC" -i
expect_run "-i with --check" 2 "" "mojiclean: --in-place, --check and --diff exclude each other
Try*" -- "$MC" -i --check ip/one.txt
# SIGTERM in the middle of a big file: the original stays, the temp file goes.
cp fixtures/sample/article.txt "$work/ip/big.txt"
i=0
while [ $i -lt 12 ]; do # 4096 copies, 11 MB
    cat "$work/ip/big.txt" "$work/ip/big.txt" >"$tmp/big.2" && mv "$tmp/big.2" "$work/ip/big.txt"
    i=$((i + 1))
done
cp "$work/ip/big.txt" "$tmp/big.old"
"$MC" -S -i "$work/ip/big.txt" 2>/dev/null &
bgpid=$!
sleep 0.05
kill -TERM "$bgpid" 2>/dev/null
{ wait "$bgpid"; } 2>/dev/null
st=$?
bgpid=
"$MC" -S "$tmp/big.old" >"$tmp/big.new"
if [ "$st" -ne 0 ]; then
    # Killed before the rename: the old file; after it (before exit): the new one.
    check "SIGTERM: the file is old or new, never partial" \
        sh -c 'cmp -s "$0" "$1" || cmp -s "$0" "$2"' "$work/ip/big.txt" "$tmp/big.old" "$tmp/big.new"
    check "SIGTERM: exit by the signal" [ "$st" -eq 143 ]
else
    echo "note: the run ended before SIGTERM came; its result is checked instead"
    check "SIGTERM: finished file is the new one" cmp -s "$work/ip/big.txt" "$tmp/big.new"
fi
check "SIGTERM: no temporary file left" no_temps "$work/ip"

echo "# kill -9 during -r -i -j 2"
mkdir "$work/k" "$tmp/k.old"
# 400 files of about 60 KiB, each with mojibake on every line.
awk -v m="$(printf "$moji")" 'BEGIN { for (i = 0; i < 400 * 600; i++) printf "line %d %s\n", i, m }' \
    >"$tmp/k.all"
(cd "$tmp/k.old" && split -l 600 -a 3 "$tmp/k.all" f)
cp -p "$tmp/k.old/"* "$work/k/"
cp -r "$tmp/k.old" "$tmp/k.new"
"$MC" -S -r -i "$tmp/k.new"
"$MC" -S -r -i -j 2 "$work/k" 2>/dev/null &
bgpid=$!
# Kill as soon as the first file is replaced, so the run is cut in the middle.
n=0
while cmp -s "$work/k/faaa" "$tmp/k.old/faaa" && [ $n -lt 2000 ]; do n=$((n + 1)); done
kill -9 "$bgpid" 2>/dev/null
{ wait "$bgpid"; } 2>/dev/null
bgpid=
bad=0 old=0 new=0
for f in "$tmp/k.old/"*; do
    b=${f##*/}
    if cmp -s "$work/k/$b" "$f"; then
        old=$((old + 1))
    elif cmp -s "$work/k/$b" "$tmp/k.new/$b"; then
        new=$((new + 1))
    else
        bad=$((bad + 1))
        echo "    partial: $b"
    fi
done
echo "    after kill -9: $new new, $old old, $bad partial"
check "kill -9: every file old or new" [ "$bad" -eq 0 ]
expect_run "re-run after kill -9 finishes the job" 0 "" "*" -- "$MC" -S -r -i -j 2 k
check "re-run: its only messages are about removed temporary files" \
    sh -c '! grep -v "removed the temporary file of an interrupted in-place run" "$0"' "$tmp/err"
check "re-run: no temporary file left" no_temps "$work/k"
check "re-run: every file new" diff -r "$work/k" "$tmp/k.new"
rm -rf "$work/k" "$tmp/k.old" "$tmp/k.new" "$tmp/k.all"

echo "# --check, --diff, -v"
mkdir "$work/c"
printf "x $moji\n" >"$work/c/dirty.txt"
printf 'clean line\n' >"$work/c/clean.txt"
expect_run "--check: clean" 0 "" "" -- "$MC" -S --check c/clean.txt
expect_run "--check: would change" 1 "" "" -- "$MC" -S --check c/clean.txt c/dirty.txt
check "--check writes nothing" [ "$(cat "$work/c/dirty.txt")" = "$(printf "x $moji")" ]
expect_run "--check -v names the file" 1 "" "mojiclean: c/dirty.txt: would change
mojiclean: 2 files, 1 changed, 0 failed; *" -- "$MC" -S --check -v c/clean.txt c/dirty.txt
{
    echo "--- c/dirty.txt"
    echo "+++ c/dirty.txt"
    echo "@@ -1 +1 @@"
    printf -- "-x $moji\n+x $good\n"
} >"$tmp/want.diff"
expect_run "--diff: unified diff" 1 "$tmp/want.diff" "" -- "$MC" -S --diff c/clean.txt c/dirty.txt
expect_run "--diff: nothing to show" 0 "" "" -- "$MC" -S --diff c/clean.txt
IN=$work/c/dirty.txt
expect_run "--diff on standard input" 1 "*" "" -- "$MC" -S --diff
expect_run "-v summary" 0 "*" \
    "mojiclean: 2 files, 1 changed, 0 failed; 58 bytes in, 48 bytes out; 2 documents, 3 repairs, 0 lines removed" \
    -- "$MC" -S -v c/clean.txt c/dirty.txt

echo "# --jsonl"
{
    printf '%s\n' '{"id":1,"text":"Caf\u00c3\u00a9 \"q\" \\ ok","n":1.50e3}'
    printf '%s\n' '{"id": 2, "text" : "plain \u00e9 kept as written", "x":[1,{"a":"}"}]}'
    printf '%s\n' 'not json' '{"id":3}' '{"text":5}' ''
    printf '%s\r\n' '{"text":"surrogates \ud83d\ude00 Caf\u00e2\u20ac\u2122s","raw":"\u00c3"}  '
    printf '%s\n' '{"text":"bad \ud800 x"}'
    printf '%s' '{"text":"no newline Ã©\t","z":null}'
} >"$work/r.jsonl"
{
    printf '%s\n' '{"id":1,"text":"Café \"q\" \\ ok","n":1.50e3}'
    printf '%s\n' '{"id": 2, "text" : "plain \u00e9 kept as written", "x":[1,{"a":"}"}]}'
    printf '%s\n' 'not json' '{"id":3}' '{"text":5}' ''
    printf '%s\r\n' '{"text":"surrogates 😀 Caf’s","raw":"\u00c3"}  '
    printf '%s\n' '{"text":"bad \ud800 x"}'
    printf '%s' '{"text":"no newline é\t","z":null}'
} >"$tmp/want.jsonl"
jerr="mojiclean: r.jsonl:3: not a JSON object
mojiclean: r.jsonl:4: no field \"text\"
mojiclean: r.jsonl:5: field \"text\" is not a string
mojiclean: r.jsonl:8: lone surrogate \\\\u escape in the string"
expect_run "--jsonl: one field cleaned, every other byte kept" 0 "$tmp/want.jsonl" "$jerr" -- \
    "$MC" -S --jsonl r.jsonl
check "--jsonl: line count kept" [ "$(lines_of "$tmp/out")" = "$(lines_of "$work/r.jsonl")" ]
expect_run "--jsonl --strict fails on a malformed line" 1 "$tmp/want.jsonl" "$jerr" -- \
    "$MC" -S --jsonl --strict r.jsonl
expect_run "--jsonl -F -S is the identity" 0 "$work/r.jsonl" "*" -- "$MC" -F -S --jsonl r.jsonl
printf '%s\n' '{"text":"x","raw_content":"Caf\u00c3\u00a9"}' >"$work/cc.jsonl"
printf '%s\n' '{"text":"x","raw_content":"Café"}' >"$tmp/want.cc"
IN=$work/cc.jsonl
expect_run "--jsonl=raw_content on standard input" 0 "$tmp/want.cc" "" -- "$MC" -S --jsonl=raw_content

echo "# --jsonl: long records, streamed"
# A line longer than MOJICLEAN_JSONL_HOLD bytes (1 MiB unless set) is parsed as it is read
# and its field staged (in a temporary file past 64 KiB or the hold): the output and the
# messages must be those of the line held whole.  With a hold of 1 every record streams.
expect_run "--jsonl: every line streamed, same bytes and messages" 0 "$tmp/want.jsonl" "$jerr" -- \
    env MOJICLEAN_JSONL_HOLD=1 "$MC" -S --jsonl r.jsonl
expect_run "--jsonl --strict: every line streamed" 1 "$tmp/want.jsonl" "$jerr" -- \
    env MOJICLEAN_JSONL_HOLD=1 "$MC" -S --jsonl --strict r.jsonl
expect_run "--jsonl -F -S: every line streamed is the identity" 0 "$work/r.jsonl" "*" -- \
    env MOJICLEAN_JSONL_HOLD=1 "$MC" -F -S --jsonl r.jsonl
# Records past a hold of 64 bytes, each with its hand-made expectation: the field after a
# long other one; escapes kept when the text does not change, all written again when it
# does; an escaped key (the first "text" counts, a nested one does not); truncated and
# malformed records written unchanged, whatever was already written of them; a blank line.
pad='the quick brown fox jumps over the lazy dog, the quick brown fox jumps over the lazy dog'
{
    printf '%s\n' "{\"meta\":\"$pad\",\"text\":\"Caf\\u00c3\\u00a9 au lait\",\"n\":1}"
    printf '%s\n' "{\"text\":\"d\\u00e9j\\u00e0 vu \\/ $pad\"}"
    printf '%s\n' "{\"text\":\"Caf\\u00c3\\u00a9 \\/ d\\u00e9j\\u00e0 \\\"q\\\" $pad\"}"
    printf '%s\n' "{\"t\\u0065xt\":\"Caf\\u00c3\\u00a9 $pad\",\"text\":\"second\"}"
    printf '%s\n' "{\"a\":{\"text\":\"Caf\\u00c3\\u00a9\"},\"text\":\"Caf\\u00c3\\u00a9 $pad\"}"
    printf '%s\n' "{\"text\":\"\\ud83d\\ude00 Caf\\u00c3\\u00a9 $pad\"}"
    printf '%s\n' "{\"text\":\"Caf\\u00c3\\u00a9 $pad"
    printf '%s\n' "{\"text\":\"Caf\\u00c3\\u00a9 $pad \\x\"}"
    printf '%s\n' "{\"text\":\"Caf\\u00c3\\u00a9 $pad\" \"n\":1}"
    printf '%s\n' "{\"text\":\"Caf\\u00c3\\u00a9 $pad\"} trailing"
    printf '%s\n' "{\"text\":\"Caf\\u00c3\\u00a9 $pad \\ud83d\"}"
    printf '%s\n' "{\"other\":\"$pad\"}"
    printf '%s\n' "{\"text\":[\"Caf\\u00c3\\u00a9 $pad\"]}"
    printf '%80s\n' ''
    printf '%s' "{\"text\":\"Caf\\u00c3\\u00a9 $pad\"}"
} >"$work/long.jsonl"
{
    printf '%s\n' "{\"meta\":\"$pad\",\"text\":\"Café au lait\",\"n\":1}"
    printf '%s\n' "{\"text\":\"d\\u00e9j\\u00e0 vu \\/ $pad\"}"
    printf '%s\n' "{\"text\":\"Café / déjà \\\"q\\\" $pad\"}"
    printf '%s\n' "{\"t\\u0065xt\":\"Café $pad\",\"text\":\"second\"}"
    printf '%s\n' "{\"a\":{\"text\":\"Caf\\u00c3\\u00a9\"},\"text\":\"Café $pad\"}"
    printf '%s\n' "{\"text\":\"😀 Café $pad\"}"
    sed -n '7,13p' "$work/long.jsonl"
    printf '%80s\n' ''
    printf '%s' "{\"text\":\"Café $pad\"}"
} >"$tmp/want.long"
lerr="mojiclean: long.jsonl:7: malformed JSON: bad value
mojiclean: long.jsonl:8: bad escape in the string
mojiclean: long.jsonl:9: malformed JSON: ',' or '}' was expected
mojiclean: long.jsonl:10: malformed JSON: text after the object
mojiclean: long.jsonl:11: lone surrogate \\\\u escape in the string
mojiclean: long.jsonl:12: no field \"text\"
mojiclean: long.jsonl:13: field \"text\" is not a string"
expect_run "--jsonl: records held whole (the expectation)" 0 "$tmp/want.long" "$lerr" -- \
    "$MC" -S --jsonl long.jsonl
expect_run "--jsonl: records streamed past a 64-byte hold" 0 "$tmp/want.long" "$lerr" -- \
    env MOJICLEAN_JSONL_HOLD=64 "$MC" -S --jsonl long.jsonl
check "--jsonl: long records, line count kept" [ "$(lines_of "$tmp/out")" = "$(lines_of "$work/long.jsonl")" ]
gzip -c "$work/long.jsonl" >"$work/long.jsonl.gz"
expect_run "--jsonl -i: records streamed from gzip, written to gzip" 0 "" \
    "mojiclean: long.jsonl.gz:7: malformed JSON: bad value*:13: field \"text\" is not a string" -- \
    env MOJICLEAN_JSONL_HOLD=64 "$MC" -S --jsonl -i long.jsonl.gz
check "--jsonl -i: the gzip file holds the expected records" \
    sh -c 'gzip -dc "$1" | cmp -s - "$2"' sh "$work/long.jsonl.gz" "$tmp/want.long"
expect_run "--jsonl --check: streamed records, cleaned already" 0 "" "*:13: field*" -- \
    env MOJICLEAN_JSONL_HOLD=64 "$MC" -S --jsonl --check long.jsonl.gz
expect_run "--jsonl: no temporary file, long records held in memory" 0 "$tmp/want.long" \
    "mojiclean: long.jsonl: cannot create a temporary file (No such file or directory): long records are held in memory
$lerr" -- env TMPDIR="$tmp/none" MOJICLEAN_JSONL_HOLD=64 "$MC" -S --jsonl long.jsonl
# A temporary file that cannot be written (past the file size limit, SIGXFSZ ignored): the
# file fails as on a write error.  Standard output is a pipe, which the limit spares.
awk 'BEGIN { printf "{\"text\":\""; for (i = 0; i < 100; i++) printf "Caf\\u00c3\\u00a9 au lait. "; print "\"}" }' \
    >"$work/fsz.jsonl"
(
    cd "$work" || exit 1
    trap '' XFSZ
    ulimit -f 1
    { MOJICLEAN_JSONL_HOLD=64 "$MC" -S --jsonl fsz.jsonl 2>"$tmp/err"; echo $? >"$tmp/status"; } | cat >"$tmp/out"
)
check "--jsonl: temporary file not writable: exit 1" [ "$(cat "$tmp/status")" = 1 ]
check "--jsonl: temporary file not writable: the message" [ "$(cat "$tmp/err")" = \
    "mojiclean: fsz.jsonl: cannot stage a long record in a temporary file: File too large" ]
IN=$work/long.jsonl
expect_run "MOJICLEAN_JSONL_HOLD must be a number" 2 "" "mojiclean: invalid MOJICLEAN_JSONL_HOLD 'x'" -- \
    env MOJICLEAN_JSONL_HOLD=x "$MC" --jsonl

echo "# -j"
mkdir "$work/j"
i=0
while [ $i -lt 40 ]; do
    printf "file $i $moji\nsecond line of file $i\n" >"$work/j/f$i.txt"
    i=$((i + 1))
done
printf 'bin\000\n' >"$work/j/f20.txt"
(cd "$work" && "$MC" -r j) >"$tmp/j1.out" 2>"$tmp/j1.err"
expect_run "-j 4: the same output and diagnostics as one job, in order" 1 "$tmp/j1.out" \
    "mojiclean: j/f20.txt: binary file*" -- "$MC" -r -j 4 j
check "-j 4: stderr equals one job's" cmp -s "$tmp/err" "$tmp/j1.err"
expect_run "-j 0 is a usage error" 2 "" "mojiclean: invalid number of jobs '0'*
Try*" -- "$MC" -j 0 j/f1.txt
rm -f "$work/j/f20.txt"
cp -r "$work/j" "$work/j2"
expect_run "-j 3 -i" 0 "" "" -- "$MC" -r -i -j 3 j2
(cd "$work" && "$MC" -r j) >"$tmp/j1.out"
check "-j 3 -i: files equal the one-job output" sh -c 'cat "$0"/f*.txt | cmp -s - "$1"' \
    "$work/j2" "$tmp/j1.out"

echo "# gzip"
printf "gz $moji\n" | gzip -c >"$work/g.txt.gz"
printf "gz $good\n" >"$tmp/want.gz"
expect_run "gzip read transparently" 0 "$tmp/want.gz" "" -- "$MC" -S g.txt.gz
cp "$work/g.txt.gz" "$work/noname"
expect_run "gzip found by its magic bytes, not its name" 0 "$tmp/want.gz" "" -- "$MC" -S noname
IN=$work/g.txt.gz
expect_run "gzip on standard input" 0 "$tmp/want.gz" "" -- "$MC" -S
expect_run "-i writes gzip back" 0 "" "" -- "$MC" -S -i g.txt.gz
check "-i gzip: still gzip" [ "$(od -An -tx1 -N2 "$work/g.txt.gz" | tr -d ' ')" = 1f8b ]
check "-i gzip: new text" sh -c 'gzip -dc "$0" | cmp -s - "$1"' "$work/g.txt.gz" "$tmp/want.gz"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "line %d of a longer file\n", i }' | gzip -c >"$tmp/long.gz"
head -c 600 "$tmp/long.gz" >"$work/cut.gz"
cp "$work/cut.gz" "$tmp/cut.old"
expect_run "truncated gzip names the file" 1 "*" \
    "mojiclean: cut.gz: unexpected end of file (truncated gzip data)" -- "$MC" -S cut.gz
expect_run "truncated gzip -i: an error" 1 "" \
    "mojiclean: cut.gz: unexpected end of file (truncated gzip data)" -- "$MC" -S -i cut.gz
check "truncated gzip -i: original untouched" cmp -s "$work/cut.gz" "$tmp/cut.old"
check "truncated gzip -i: no temporary file" no_temps "$work"
{ head -c 20 "$tmp/long.gz"; printf 'garbage garbage garbage'; } >"$work/bad.gz"
expect_run "corrupt gzip names the file" 1 "*" "mojiclean: bad.gz: *" -- "$MC" -S bad.gz
{ gzip -c "$tmp/want.gz"; printf 'trailing'; } >"$work/trail.gz"
expect_run "trailing garbage after gzip" 1 "*" \
    "mojiclean: trail.gz: trailing garbage after gzip data" -- "$MC" trail.gz

echo "# --warc"
# A warcinfo record (passed through) and a conversion record with mojibake.
crlf=$(printf '\r')
body=$(printf "Title line\n$moji\n")
blen=$(printf '%s\n' "$body" | wc -c | tr -d ' ')
{
    printf 'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nabc\r\n\r\n\r\n'
    printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Block-Digest: sha1:AAAA\r\n'
    printf 'WARC-Payload-Digest: md5:xyz\r\nContent-Type: text/plain\r\n'
    printf 'Content-Length: %s\r\n\r\n%s\n\r\n\r\n' "$blen" "$body"
} >"$work/m.warc"
"$MC" -S --warc m.warc >/dev/null 2>&1 # warm nothing; checked below
expect_run "--warc -F -S is the identity" 0 "$work/m.warc" "" -- "$MC" -F -S --warc m.warc
expect_run "--warc cleans the conversion record" 0 "*" "" -- "$MC" -S --warc m.warc
cp "$tmp/out" "$tmp/m.out"
check "--warc: warcinfo record unchanged" sh -c '[ "$(head -c 69 "$0")" = "$(head -c 69 "$1")" ]' \
    "$tmp/m.out" "$work/m.warc"
check "--warc: repaired text" grep -q "$(printf "$good")" "$tmp/m.out"
check "--warc: unknown digest removed" sh -c '! grep -q "Payload-Digest" "$0"' "$tmp/m.out"
if command -v "$PYTHON" >/dev/null 2>&1; then
    cat >"$tmp/warccheck.py" <<'EOF'
import base64, hashlib, re, sys
d = open(sys.argv[1], 'rb').read()
pos, n = 0, 0
while pos < len(d):
    h = d.index(b'\r\n\r\n', pos) + 4
    hdr = d[pos:h].decode('utf-8')
    ln = int(re.search(r'Content-Length: (\d+)', hdr).group(1))
    body = d[h:h + ln]
    m = re.search(r'WARC-Block-Digest: sha1:(\w+)', hdr)
    if m and m.group(1) != base64.b32encode(hashlib.sha1(body).digest()).decode():
        sys.exit('record %d: wrong WARC-Block-Digest' % n)
    if d[h + ln:h + ln + 4] != b'\r\n\r\n':
        sys.exit('record %d: wrong Content-Length %d' % (n, ln))
    pos, n = h + ln + 4, n + 1
print(n)
EOF
    check "--warc: Content-Length and sha1 block digest right" \
        sh -c '[ "$("$0" "$1" "$2")" = 2 ]' "$PYTHON" "$tmp/warccheck.py" "$tmp/m.out"
fi
wet=../shared/corpus/warc
if [ -f "$wet/whirlwind.warc.wet" ] && command -v "$PYTHON" >/dev/null 2>&1; then
    expect_run "WET round trip with -F -S" 0 "$root/$wet/whirlwind.warc.wet" "" -- \
        "$MC" -F -S --warc "$root/$wet/whirlwind.warc.wet"
    gzip -dc "$wet/whirlwind.warc.gz" >"$tmp/ww.warc"
    expect_run "WARC (.gz) round trip with -F -S" 0 "$tmp/ww.warc" "" -- \
        "$MC" -F -S --warc "$root/$wet/whirlwind.warc.gz"
    expect_run "WET cleaned" 0 "*" "" -- "$MC" --warc "$root/$wet/whirlwind.warc.wet"
    check "WET cleaned: every Content-Length and digest right" \
        sh -c '[ "$("$0" "$1" "$2")" = 2 ]' "$PYTHON" "$tmp/warccheck.py" "$tmp/out"
    cp "$wet/whirlwind.warc.wet.gz" "$work/w.wet.gz"
    chmod u+w "$work/w.wet.gz"
    expect_run "WET .gz in place" 0 "" "" -- "$MC" --warc -i w.wet.gz
    cat >"$tmp/members.py" <<'EOF'
import sys, zlib
d, n = open(sys.argv[1], 'rb').read(), 0
while d:
    z = zlib.decompressobj(16 + zlib.MAX_WBITS)
    z.decompress(d)
    d, n = z.unused_data, n + 1
print(n)
EOF
    check "WET .gz in place: one gzip member per record" \
        sh -c '[ "$("$0" "$1" "$2")" = 2 ]' "$PYTHON" "$tmp/members.py" "$work/w.wet.gz"
    gzip -dc "$work/w.wet.gz" >"$tmp/w.wet"
    check "WET .gz in place: Content-Length and digests right" \
        sh -c '[ "$("$0" "$1" "$2")" = 2 ]' "$PYTHON" "$tmp/warccheck.py" "$tmp/w.wet"
else
    echo "skip WET round trip: $wet not found"
fi

echo "# GNU parallel recipes (README)"
if command -v parallel >/dev/null 2>&1; then
    awk -v m="$(printf "$moji")" 'BEGIN { for (i = 0; i < 2000; i++)
        printf "{\"id\":%d,\"text\":\"record %d: %s\\nits own second line %d\"}\n", i, i, m, i }' \
        >"$work/p.jsonl"
    (cd "$work" && "$MC" --jsonl p.jsonl) >"$tmp/p1.out"
    expect_run "parallel --pipe over JSON Lines equals one process" 0 "$tmp/p1.out" "" -- \
        sh -c 'parallel --will-cite --pipe -k --block 20k -j 4 "$0" --jsonl <p.jsonl' "$MC"
    (cd "$work" && "$MC" j/*.txt) >"$tmp/pf1.out"
    expect_run "parallel per-file jobs equal one process" 0 "$tmp/pf1.out" "" -- \
        sh -c 'parallel --will-cite -k -j 4 "$0" ::: j/*.txt' "$MC"
else
    echo "skip GNU parallel recipes: parallel not installed (apt-get install parallel)"
fi

echo "cli_bulk: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || {
    echo "cli_bulk: failed:$failures"
    exit 1
}
