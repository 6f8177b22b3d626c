#!/bin/sh
# man_lint.sh: both manual pages format without a warning, and mojiclean.1 documents every
# long option that `mojiclean --help` lists, and no other.
# SPDX-License-Identifier: MIT
#
# groff exits 0 even when it warns, so any output on its stderr counts as a failure.
# mandoc -Tlint is stricter: it reports STYLE notes as well (long source lines, sentence
# breaks).  The pages are written to pass with no message at all, STYLE included, so any
# output fails here too.

LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
status=0

for page in man/mojiclean.1 man/mojiclean.3; do
    if ! command -v groff >/dev/null 2>&1; then
        echo "FAIL $page: groff not installed (tools/deps.sh installs groff-base)"
        status=1
    else
        msgs=$(groff -man -ww -z "$page" 2>&1 >/dev/null)
        if [ -n "$msgs" ]; then
            echo "FAIL $page: groff -man -ww -z:"
            echo "$msgs" | sed 's/^/    /'
            status=1
        else
            echo "ok   $page: groff"
        fi
    fi
    if ! command -v mandoc >/dev/null 2>&1; then
        echo "FAIL $page: mandoc not installed (tools/deps.sh installs mandoc)"
        status=1
    else
        msgs=$(mandoc -Tlint "$page" 2>&1)
        if [ -n "$msgs" ]; then
            echo "FAIL $page: mandoc -Tlint:"
            echo "$msgs" | sed 's/^/    /'
            status=1
        else
            echo "ok   $page: mandoc -Tlint"
        fi
    fi
done

# Every long option in --help must be in the page, written as roff writes it (\-\-name).
if [ -x "$BUILD/mojiclean" ]; then
    opts=$("$BUILD/mojiclean" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
    [ -n "$opts" ] || { echo "FAIL no long options found in --help"; status=1; }
    for o in $opts; do
        roff=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
        if grep -Eq -- "$roff([^a-z0-9\\]|\\\\[^-]|$)" man/mojiclean.1; then
            echo "ok   mojiclean.1 documents $o"
        else
            echo "FAIL mojiclean.1 does not document $o"
            status=1
        fi
    done
    # And the page names no option that --help does not list.
    for o in $(sed -n 's/\\-/-/gp' man/mojiclean.1 | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        case "
$opts
" in *"
$o
"*) ;; *)
            echo "FAIL mojiclean.1 names $o, which --help does not list"
            status=1
            ;;
        esac
    done
else
    echo "FAIL $BUILD/mojiclean not built: cannot compare --help with mojiclean.1"
    status=1
fi
exit $status
