#!/bin/sh
# moji_score.sh: score the repairer on the shared corpora, so a regression fails `make check`.
# SPDX-License-Identifier: MIT
#
# Needs ../shared (beside the repo root); skips with one line where it is absent.
# Thresholds sit a little under what the repairer reaches (see the closing notes of the
# issues); raise them as it improves, never lower them to make a change pass.
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
shared=../shared
if [ ! -d "$shared/corpus" ] || [ ! -d "$shared/tools" ]; then
    echo "moji_score: ../shared absent, skipped"
    exit 0
fi
bin="$BUILD/mojiclean --no-strip"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# 1. The development set and the clean corpus (mojiscore.py, batch mode).
"$PYTHON" "$shared/tools/mojiscore.py" --cases "$shared/corpus/mojibake_dev.jsonl" --cmd "$bin" \
    --worst 0 --clean-corpus "$shared/corpus/clean" --json "$tmp/ms.json" > "$tmp/ms.txt" 2>&1
sed -n '1,4p' "$tmp/ms.txt"
"$PYTHON" - "$tmp/ms.json" <<'PY' || fail=1
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
# repair rate measured 0.995 (1592 of 1600) with the word tables learnt from the whole clean
# corpus; the dev originals are sentences of that corpus: with them held out of the tables
# (tools/held_out.sh) 0.9869 (1579).  0.98875 (1582) before session 17's ESCAPED_PARA,
# LATIN1_MEND, WIDE_ADMIT, WIDE_SEEN, THAI_ACRO, WIDE_SIGN, TWO_SEEN, LANG_JOINT and
# NBSP_NEXT_END; 0.9875 (1580) before the Thai abbreviations (THAI_ABBR).
bars = [("repair rate", t["repair_rate"], ">=", 0.9945),
        # 0.99 until the rare-code-page prior: it gave up two single-token mac-roman lines
        # (dev-00459, dev-01112) to stop a real false positive (a by-line "\u00a0•\u00a0"
        # read as mac-roman, scrapinghub page e100c96…).
        ("lossless repair rate", t["lossless_repair_rate"], ">=", 0.998),  # measured 0.998 (1497 of 1500)
        ("false positives on clean dev cases", t["false_positives"], "<=", 0),  # 12 before quoted mentions and capitals, 1 before kept script words
        ("worse than the input", t["worse"], "<=", 0)]
bad = 0
for name, v, op, lim in bars:
    ok = v >= lim if op == ">=" else v <= lim
    print("moji_score: %-36s %-8s %s %s  %s" % (name, round(v, 4), op, lim, "ok" if ok else "FAIL"))
    bad += not ok
sys.exit(1 if bad else 0)
PY

# 2. The clean corpus byte for byte: natural text (udhr, leipzig, literature) must come
#    out unchanged.  tricky/ holds hand-made traps, reported apart (see the notes).
changed=0
for f in "$shared"/corpus/clean/udhr/*.txt "$shared"/corpus/clean/leipzig/*.txt \
         "$shared"/corpus/clean/literature/*.txt; do
    if ! $bin < "$f" | cmp -s - "$f"; then
        echo "moji_score: changed clean file $f"
        changed=$((changed + 1))
    fi
done
tricky=0
for f in "$shared"/corpus/clean/tricky/*.txt; do
    $bin < "$f" | cmp -s - "$f" || tricky=$((tricky + 1))
done
echo "moji_score: natural clean files changed: $changed (must be 0); tricky files changed: $tricky (must be 0)"
[ "$changed" -eq 0 ] && [ "$tricky" -eq 0 ] || fail=1

# 3. Idempotence: the repaired development set, repaired again, is unchanged.
"$PYTHON" -c '
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for line in open(sys.argv[2], encoding="utf-8"):
        out.write(json.loads(line)["broken"] + "\n\n")
' "$tmp/broken.txt" "$shared/corpus/mojibake_dev.jsonl"
$bin < "$tmp/broken.txt" > "$tmp/once.txt"
$bin < "$tmp/once.txt" > "$tmp/twice.txt"
if cmp -s "$tmp/once.txt" "$tmp/twice.txt"; then
    echo "moji_score: idempotent on the development set: ok"
else
    echo "moji_score: NOT idempotent on the development set:"
    diff "$tmp/once.txt" "$tmp/twice.txt" | head -6
    fail=1
fi

# 4. ftfy's own test cases (peer suite).  Floors at what we pass now; see issue 3.  A miss
#    whose expected text holds U+FFFD where our output has the letter, mark, punctuation or
#    symbol that was lost (ftfy expects "Ру��кий", we write "Русский"; "“lossy decoding�", we
#    close the quotation with ”; "�(⌣˛⌣)�", we write the face's box-drawing arms
#    "┒(⌣˛⌣)┎": the 9D lost was the last byte of an outer "”", the inner bytes all came
#    through) is counted apart as
#    "restored": the
#    issue asks for the most probable byte, and the output equals ftfy's everywhere else.
"$PYTHON" "$shared/tools/ftfy_cases.py" --cmd "$bin" -v > "$tmp/ftfy.txt" 2>&1
tail -1 "$tmp/ftfy.txt"
"$PYTHON" - "$tmp/ftfy.txt" <<'PY' || fail=1
import ast, re, sys, unicodedata
lines = open(sys.argv[1]).read().strip().splitlines()
m = re.search(r"pass (\d+)/\d+, layer (\d+)/\d+, beyond (\d+)/\d+", lines[-1])
if not m:
    sys.exit("moji_score: cannot read ftfy_cases.py summary")
p, l, b = map(int, m.groups())
restored = {"pass": 0, "layer": 0}
for i, line in enumerate(lines):
    k = re.match(r"MISS (pass|layer) ", line)
    if not k or i + 3 >= len(lines):
        continue
    want = ast.literal_eval(lines[i + 2].split(":", 1)[1].strip())
    got = ast.literal_eval(lines[i + 3].split(":", 1)[1].strip())
    if "\ufffd" in want and len(want) == len(got) and all(
            w == g or (w == "\ufffd" and unicodedata.category(g)[0] in "LMPS") for w, g in zip(want, got)):
        restored[k.group(1)] += 1
floors = (150, 150, 9)  # pass and layer counting the restored cases (12 and 11)
pr, lr = p + restored["pass"], l + restored["layer"]
ok = pr >= floors[0] and lr >= floors[1] and b >= floors[2]
print("moji_score: ftfy pass %d + %d restored (>= %d), layer %d + %d restored (>= %d), beyond %d (>= %d): %s"
      % (p, restored["pass"], floors[0], l, restored["layer"], floors[1], b, floors[2], "ok" if ok else "FAIL"))
sys.exit(0 if ok else 1)
PY

# 5. The synthetic chains of tools/synth_chains.py (Leipzig sentences through 14 code pages,
#    6 chains each: 26,880 cases, and 1,881 of one layer whose soft hyphens were dropped).
#    The word table was learnt from the same sentences, so the rates are optimistic (held
#    out of the tables: 0.9267 and 0.7943); the floors catch regressions.  Measured 0.9478
#    (25,476) and 0.7996 (1,504); 0.9426 (25,336) before session 17's WIDE_ADMIT, WIDE_SEEN
#    and LANG_JOINT; 0.9407 (25,287) before LANG_MEND, SCRIPT_MEND, WIDE_BEST, WIDE_CHAIN,
#    WIDE_LEAN, INWORD_LETTERS and NGRAM_JOINT.
out=$("$PYTHON" tools/synth_chains.py --corpus "$shared/corpus/clean/leipzig" --bin "${bin%% *}")
synth=$(echo "$out" | tail -1)
shy=$(echo "$out" | grep '^shy total')
echo "moji_score: synthetic chains: $synth (floor 0.947)"
echo "$synth" | awk '{ exit !($NF >= 0.947) }' || fail=1
echo "moji_score: soft-hyphen chains: $shy (floor 0.79)"
echo "$shy" | awk '{ exit !($NF >= 0.79) }' || fail=1
exit $fail
