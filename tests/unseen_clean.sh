#!/bin/sh
# unseen_clean.sh: the repairer over clean text its tables never saw: the translations in
# this machine's message catalogues (tools/unseen_clean.py --sources locale, --no-strip).
# SPDX-License-Identifier: MIT
#
# Skips with one line where /usr/share/locale holds no .mo file, or Python is missing.
# The catalogues hold some mojibake of their own (on the machine of the notes: 61 of
# 1,532,548 lines, 40 per million, in the Norwegian Nynorsk, Bokmal, Dutch, Welsh and
# Asturian catalogues: all mojibake, all repaired), so the bar is a rate: more than 100
# changed lines per million is a regression that reads legitimate text as mojibake
# somewhere (the koi8-r no-break-space rule of doc/plausibility.md changed one line here,
# a rule that broke every Russian "я" before a no-break space would change hundreds).
# Every changed line is listed, with its language.  About 20 seconds (9 s of CPU).
# Fewer than 200,000 lines (a minimal machine image) are listed but not judged.
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
if ! ls /usr/share/locale/*/LC_MESSAGES/*.mo >/dev/null 2>&1; then
    echo "unseen_clean: no .mo files under /usr/share/locale, skipped"
    exit 0
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "unseen_clean: no $PYTHON, skipped"
    exit 0
fi
exec "$PYTHON" tools/unseen_clean.py --bin "$BUILD/mojiclean" --sources locale --check 100
