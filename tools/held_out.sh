#!/bin/sh
# held_out.sh: measure the repairer with its learnt tables held out of the test sentences.
# SPDX-License-Identifier: MIT
#
#     sh tools/held_out.sh [WORKDIR]
#
# The word tables (src/words.inc, src/thai.inc, src/thai_words.inc, src/thai_abbr.inc), the trigrams of the
# characters of three bytes (src/wide.inc), the line's language
# (src/lang.inc, and its trigrams src/lang3.inc) and its languages' quotation marks (src/quotes.inc) are learnt from ../shared/corpus/clean, and the development set and the
# synthetic chains are made from sentences of that same corpus, so the scores of
# tests/moji_score.sh are optimistic.  This script copies the tree to WORKDIR (default: a
# temporary directory, removed at the end), writes the sentences the measures use (the
# originals of ../shared/corpus/mojibake_dev.jsonl, and lines 300-339 of every Leipzig file
# that tools/synth_chains.py reads), regenerates those eight tables with --exclude of them,
# builds, and prints the development repair rate and the synthetic totals (the chains and
# the soft-hyphen family) of that build.  About a minute and a half on two cores.
# Needs ../shared; skips with one line where it is absent.
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
PYTHON=${PYTHON:-python3}
shared=$(cd .. && pwd)/shared
if [ ! -d "$shared/corpus/clean" ]; then
    echo "held_out: ../shared absent, skipped"
    exit 0
fi
if [ -n "$1" ]; then
    work=$1
    mkdir -p "$work" || exit 1
else
    work=$(mktemp -d) || exit 1
    trap 'rm -rf "$work"' EXIT
fi
cp -r src include mk tools Makefile "$work"/ || exit 1

"$PYTHON" - "$shared" "$work/exclude.txt" <<'PY' || exit 1
import json, os, sys
shared, out = sys.argv[1], sys.argv[2]
with open(out, 'w', encoding='utf-8') as f:
    for line in open(os.path.join(shared, 'corpus', 'mojibake_dev.jsonl'), encoding='utf-8'):
        for s in json.loads(line)['original'].split('\n'):
            if len(s.strip()) >= 8:
                f.write(s + '\n')
    leipzig = os.path.join(shared, 'corpus', 'clean', 'leipzig')
    for name in sorted(os.listdir(leipzig)):
        if name.endswith('.txt'):
            lines = [l for l in open(os.path.join(leipzig, name), encoding='utf-8').read().split('\n')
                     if 20 < len(l) < 300]  # as tools/synth_chains.py reads them
            for s in lines[300:340]:
                f.write(s + '\n')
PY

cd "$work" || exit 1
corpus="--corpus $shared/corpus/clean --exclude $work/exclude.txt"
for gen in words thai thai_words thai_abbr wide lang lang3 quotes; do
    # shellcheck disable=SC2086
    "$PYTHON" tools/gen_$gen.py $corpus -o src/$gen.inc || exit 1
done
make -s -j2 >/dev/null || exit 1
bin="$work/build/mojiclean"

cd "$root" || exit 1
"$PYTHON" "$shared/tools/mojiscore.py" --cases "$shared/corpus/mojibake_dev.jsonl" \
    --cmd "$bin --no-strip" --worst 0 --json "$work/dev.json" >/dev/null 2>&1 || exit 1
"$PYTHON" -c "import json, sys; t = json.load(open(sys.argv[1]))['totals']
print('held_out: development repair rate %.4f (%d of %d)' % (t['repair_rate'], t['fixed'], t['mojibake_cases']))" \
    "$work/dev.json" || exit 1
"$PYTHON" tools/synth_chains.py --bin "$bin" | grep 'total' | sed 's/^/held_out: synthetic /'
