#!/bin/sh
# tables.sh: the checked-in generated tables must equal what their generators write now.
# SPDX-License-Identifier: MIT
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
PYTHON=${PYTHON:-python3}
fail=0
"$PYTHON" tools/gen_codepages.py --check src/codepages.inc || fail=1
"$PYTHON" tools/gen_entities.py --check src/entities.inc || fail=1
"$PYTHON" tools/gen_bp_tables.py --check src/bp_tables.inc || fail=1
# The model is learned from ../shared/corpus/clean; without it the check says so and skips.
"$PYTHON" tools/gen_model.py --check src/model.inc || fail=1
"$PYTHON" tools/gen_words.py --check src/words.inc || fail=1
"$PYTHON" tools/gen_thai.py --check src/thai.inc || fail=1
"$PYTHON" tools/gen_thai_abbr.py --check src/thai_abbr.inc || fail=1
"$PYTHON" tools/gen_lang.py --check src/lang.inc || fail=1
# The Thai word list comes from Debian's hunspell-th (.ci/run installs it); without it, skips.
"$PYTHON" tools/gen_thai_words.py --check src/thai_words.inc || fail=1
# The emoji tables come from Debian's unicode-data (.ci/run installs it); without it, skips.
"$PYTHON" tools/gen_emoji.py --check src/emoji.inc || fail=1
[ "$fail" -eq 0 ] && echo "tables: generated tables match their generators"
exit $fail
