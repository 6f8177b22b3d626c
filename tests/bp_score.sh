#!/bin/sh
# bp_score.sh: score the boilerplate stripper on the shared plain-text benchmark, fail on regression.
# SPDX-License-Identifier: MIT
#
# Runs `mojiclean --no-fix` over every dump of ../shared/corpus/boilerplate (scrapinghub w3m and
# flat, WCXB w3m, trafilatura_eval w3m), scores the outputs with ../shared/tools/bpscore.py and
# fails when a score falls below its floor.  The floors sit a little under what the classifier
# reached when they were set, so they catch regressions, not noise.  Also checks that the seed
# article comes out exactly as fixtures/seed/000.gold.txt (when that file exists).
# trafilatura_eval is also scored on its two halves (see the split-half protocol below;
# the halves are reported, not checked).
#   MOJICLEAN   the program to test (default $BUILD/mojiclean, BUILD defaulting to build)
#   SHARED      the shared folder (default ../shared)
set -u

MOJICLEAN=${MOJICLEAN:-${BUILD:-build}/mojiclean}
SHARED=${SHARED:-../shared}
CORPUS=$SHARED/corpus/boilerplate
SCORE=$SHARED/tools/bpscore.py

if [ ! -d "$CORPUS" ] || [ ! -f "$SCORE" ]; then
    echo "bp_score: ../shared absent, skipped"
    exit 0
fi
if [ ! -x "$MOJICLEAN" ]; then
    echo "bp_score: $MOJICLEAN not built" >&2
    exit 1
fi

# Floors (measured values in the comments; see the report of the classifier's author).
MIN_SH_W3M_F1=0.9276 # scrapinghub w3m macro F1, measured 0.9279 (0.92684 -> 0.92682 with the page's
                     # indentation, -> 0.92667 without "del" as a share phrase: a chance hit had
                     # removed an Italian author's box; -> 0.92703 short lines from the last back;
                     # -> 0.92763 a heading's list of labels and values; -> 0.92787 a bulleted
                     # list in the article kept whole when half of it is kept)
MIN_SH_FLAT_F1=0.9283 # scrapinghub flat macro F1, measured 0.9285 (0.9277 before)
MAX_SH_CATLOSS=0.02  # scrapinghub pages losing over half of their gold words, measured 0.011 (w3m), 0.017 (flat)
MIN_WCXB_F1=0.9375   # WCXB w3m macro F1, measured 0.93765 (0.93755 before the list kept whole)
# trafilatura_eval, split-half protocol, stratified by language: the pages of each language
# (the "lang" field of snippets.json, the corpus's own metadata; its 8 pages marked "??" are
# one more stratum), sorted by id, go alternately to "dev" (the first) and "held".  That puts
# 30 de, 23 en, 6 es, 5 fr, 4 pl, 2 pt, 2 it, 1 fi, 1 ar, 1 hu, 1 no and 4 "??" pages in dev
# (78) and the rest in held (77; a language with one page has none there).  Failures may be
# looked at on the dev half only (and on scrapinghub and WCXB); the held half is only scored,
# before and after each change, and a change stays only when it does not hurt the held half
# (nor scrapinghub or WCXB).  The lead
# re-measures on unseen pages, so fitting the held half would be worthless.  When this split
# replaced the cut of the id-sorted list in two (whose first half held only de and en pages,
# so nobody had looked at the other languages' failures): keep 0.9091 (dev), 0.9296 (held);
# leak 0.1193 (dev), 0.1327 (held), where the pages in neither de nor en leak 0.250 (dev)
# and 0.221 (held), de 0.043 and 0.122, en 0.071 and 0.059.  Since: a caption whose
# credit follows a slash ("... / Shutterstock", "... / (C) Jane Doe"): leak 0.1193 -> 0.1070
# (dev), 0.1327 -> 0.1239 (held), keep unchanged.  A credit label inside a caption line
# ("..., photo: Jane Doe"): leak 0.1070 -> 0.1029 (dev), 0.1239 -> 0.1195 (held).  The
# headline or bulleted headlines below a "related" label alone on its line ("Leggi anche:"):
# leak 0.1029 -> 0.0947 (dev), 0.1195 -> 0.1150 (held); the whole run of them, and bullets
# below such a heading without a colon: 0.0947 -> 0.0864 (dev), 0.1150 -> 0.1150 (held).
# Comment-section phrases in pl, es, fr, pt, it, fi, hu, no: 0.0864 -> 0.0823 (dev), 0.1150
# -> 0.1150 (held).  Phrases also without their accents, a share or follow call opening a
# short line, and such a line after a sentence end keeping lines of one width from being
# read as one hard-wrapped paragraph (only all three together change a score): 0.0823 ->
# 0.0782 (dev), 0.1150 -> 0.1150 (held).  A headline over pictures and a caption with its
# credit, right above the article text: keep 0.9091 -> 0.9174 (dev), 0.9296 -> 0.9296 (held).
# An indented lower-case line below a kept list item continues it: keep 0.9174 -> 0.9215
# (dev), 0.9296 -> 0.9296 (held).  A lede between a title and an author's header over the
# first paragraph: keep 0.9215 -> 0.9256 (dev), 0.9296 -> 0.9296 (held).  A listing of
# code or data between two kept paragraphs: keep 0.9256 -> 0.9298 (dev), 0.9296 -> 0.9296
# (held).  An embedded post ("— Jane Doe (@janedoe) May 3, 2024" below its indented text):
# keep 0.9298 -> 0.9339 (dev), 0.9296 -> 0.9296 (held).  A table of "Label:   value"
# rows near kept prose: keep 0.9339 -> 0.9380 (dev), 0.9296 -> 0.9296 (held).  Table
# columns counted in characters and a table's heading right above it: keep 0.9380 ->
# 0.9421 (dev), 0.9296 -> 0.9296 (held).  Clear prose (3+ sentences, no lexicon phrase)
# kept inside an article span whatever its neighbours: keep 0.9421 -> 0.9421 (dev),
# 0.9296 -> 0.9437 (held), leak unchanged.  A long paragraph cut short with an ellipsis,
# alone of its kind: keep 0.9421 -> 0.9421 (dev), 0.9437 -> 0.9484 (held).  (From the
# table change on, the lead's brief had the failures of both halves studied, so the held
# half is no longer unseen: the lead's fresh pages are the held-out check.)  Indentation
# scored against the page's own (the least indentation of its long lines), so a page that
# w3m indents whole has its article scored as prose: keep 0.9421 -> 0.9421 (dev), 0.9484
# -> 0.9577 (held); leak 0.0782 -> 0.0782 (dev), 0.1106 -> 0.1150 (held).  One-word
# phrases that are another language's stop word ("del") or word ("relacionadas") only as
# labels, and a share row counted as one part of an author's header below a lede: keep
# 0.9421 -> 0.9421 (dev), 0.9577 -> 0.9624 (held), leak unchanged.  Short non-prose lines
# judged from the last back (a run of them over removed text goes whole) and an author line
# between one and the kept text after it passed over: keep unchanged, leak 0.0782 -> 0.0782
# (dev), 0.1150 -> 0.1106 (held).  Lexicon gaps ("le puede interesar", Polish "korzystamy
# z cookies", "sign up to get"): leak 0.0782 -> 0.0700 (dev), 0.1106 -> 0.1018 (held).  A
# heading's list below the last prose whose lines hold a label and its value, not only a
# number: trafilatura_eval unchanged (scrapinghub w3m 0.9270 -> 0.9276, flat 0.9279 -> 0.9285).
# A bulleted list in the article span kept whole when the model kept half of its items:
# trafilatura_eval unchanged (scrapinghub w3m 0.92763 -> 0.92787, WCXB 0.93755 -> 0.93765).
# A shell prompt ("$ make") as a mark of code in a listing: no score changes (the listing of
# commands of t047 kept whole; its snippets do not count those lines).
# The history of the id-sorted cut (dev t001-t078, held t079-t155): since that protocol
# started (stage-2 threshold, author lines, captions, promotions, short non-prose lines,
# lexicon; then related lists, captions shown twice, promotions, bios, category lines, footer
# links, date lines, breadcrumbs, teasers, menus): keep 0.8908 -> 0.8908 (dev), 0.9336 ->
# 0.9336 (held); leak 0.2025 -> 0.1350 -> 0.0886 (dev), 0.2371 -> 0.2069 -> 0.1983 (held).
# Lexicon parity for the languages beyond de/en: leak 0.0886 -> 0.0886 (dev), 0.1983 ->
# 0.1897 (held); a long page in no listed language scored in context: 0.0886 -> 0.0886
# (dev), 0.1897 -> 0.1853 (held); a Bengali stop-word list: 0.0886 -> 0.0802 (dev), 0.1853
# -> 0.1853 (held).  Prose right below an author line above the article span stays: keep
# 0.8908 -> 0.9039 (dev), 0.9336 -> 0.9336 (held).  Captions of up to 40 tokens, and a last
# sentence "By Jane Doe" as a credit: leak 0.0802 -> 0.0717 (dev), 0.1853 -> 0.1853 (held).
# An author's box (a short line that opens with the author line's name): leak 0.0717 ->
# 0.0675 (dev), 0.1853 -> 0.1853 (held).
# Idempotency: pages of the four scored dumps whose output changes when cleaned again
# (`mojiclean --no-fix < page | mojiclean --no-fix`).  Each is a decision near the stage-2
# threshold whose neighbours' features change once the removed neighbours are gone (a list
# of pros and cons, a price below a product's name, a gallery counter).  Measured 11 (9 w3m
# pages, 2 scrapinghub flat ones; 19 before the short-line rule ran from the last block back,
# 13 before a bulleted list in the article was kept whole when half of it is kept, 11 before
# a shell prompt counted as a mark of code).
MAX_NOT_IDEMPOTENT=10
MIN_TE_KEEP=0.951    # trafilatura_eval: "with" snippets kept, measured 0.9516 (0.9451 before)
MAX_TE_LEAK=0.087    # trafilatura_eval: "without" snippets leaked, measured 0.0853 (0.0938 before)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bp_score.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

run_set() { # run_set SET STYLE
    out=$tmp/$1_$2
    mkdir -p "$out"
    for f in "$CORPUS/$1/$2"/*.txt; do
        "$MOJICLEAN" --no-fix "$f" > "$out/${f##*/}" || {
            echo "bp_score: $MOJICLEAN failed on $f" >&2
            fail=1
        }
    done
}

# value NAME JSONFILE: one field of the JSON summary line bpscore.py appended
value() {
    python3 -c 'import json,sys; print(json.loads(open(sys.argv[2]).read().splitlines()[-1])[sys.argv[1]])' "$1" "$2"
}

# check LABEL VALUE OP LIMIT: OP is "min" or "max"
check() {
    if python3 -c 'import sys; v,l=float(sys.argv[2]),float(sys.argv[4]); sys.exit(0 if (v>=l if sys.argv[3]=="min" else v<=l) else 1)' "$@"; then
        printf 'bp_score: %-28s %.4f (%s %s) ok\n' "$1" "$2" "$3" "$4"
    else
        printf 'bp_score: %-28s %.4f (%s %s) FAILED\n' "$1" "$2" "$3" "$4"
        fail=1
    fi
}

gold_score() { # gold_score SET STYLE -> writes $tmp/SET_STYLE.json
    python3 "$SCORE" --gold "$CORPUS/$1/gold" --pred "$tmp/$1_$2" --input "$CORPUS/$1/$2" \
        --name "$1/$2" --json "$tmp/$1_$2.json" > /dev/null
}

run_set scrapinghub w3m
run_set scrapinghub flat
run_set wcxb w3m
run_set trafilatura_eval w3m

gold_score scrapinghub w3m
gold_score scrapinghub flat
gold_score wcxb w3m
python3 "$SCORE" --snippets "$CORPUS/trafilatura_eval/snippets.json" \
    --pred "$tmp/trafilatura_eval_w3m" --json "$tmp/te.json" > /dev/null
# The two halves (bpscore.py's --ids does not apply to snippet mode, so each half gets a
# snippets file of its own): stratified by language, see the protocol above.
python3 -c 'import json,sys
d = json.load(open(sys.argv[1], encoding="utf-8")); halves = {"dev": {}, "held": {}}
for lang in sorted(set(d[i].get("lang") or "??" for i in d)):
    ids = sorted(i for i in d if (d[i].get("lang") or "??") == lang)
    for n, i in enumerate(ids):
        halves["held" if n % 2 else "dev"][i] = d[i]
for name, part in halves.items():
    json.dump(part, open(sys.argv[2] + "/te_" + name + ".snippets", "w"))' \
    "$CORPUS/trafilatura_eval/snippets.json" "$tmp"
for half in dev held; do
    python3 "$SCORE" --snippets "$tmp/te_$half.snippets" --pred "$tmp/trafilatura_eval_w3m" \
        --json "$tmp/te_$half.json" > /dev/null
done

# The outputs cleaned again: count the pages whose text changes.
again=0
for d in "$tmp"/scrapinghub_w3m "$tmp"/scrapinghub_flat "$tmp"/wcxb_w3m "$tmp"/trafilatura_eval_w3m; do
    for f in "$d"/*.txt; do
        "$MOJICLEAN" --no-fix "$f" | cmp -s - "$f" || again=$((again + 1))
    done
done

check "scrapinghub w3m F1" "$(value macro_f1 "$tmp/scrapinghub_w3m.json")" min $MIN_SH_W3M_F1
check "scrapinghub w3m cat.loss" "$(value cat_loss "$tmp/scrapinghub_w3m.json")" max $MAX_SH_CATLOSS
check "scrapinghub flat F1" "$(value macro_f1 "$tmp/scrapinghub_flat.json")" min $MIN_SH_FLAT_F1
check "scrapinghub flat cat.loss" "$(value cat_loss "$tmp/scrapinghub_flat.json")" max $MAX_SH_CATLOSS
check "wcxb w3m F1" "$(value macro_f1 "$tmp/wcxb_w3m.json")" min $MIN_WCXB_F1
check "trafilatura_eval keep" "$(value keep "$tmp/te.json")" min $MIN_TE_KEEP
check "trafilatura_eval leak" "$(value leak "$tmp/te.json")" max $MAX_TE_LEAK
if [ "$again" -le "$MAX_NOT_IDEMPOTENT" ]; then
    printf 'bp_score: %-28s %d (max %d) ok\n' "pages changed by a 2nd run" "$again" "$MAX_NOT_IDEMPOTENT"
else
    printf 'bp_score: %-28s %d (max %d) FAILED\n' "pages changed by a 2nd run" "$again" "$MAX_NOT_IDEMPOTENT"
    fail=1
fi
for half in dev held; do
    printf 'bp_score: trafilatura_eval %-4s keep %.4f leak %.4f (not checked)\n' "$half" \
        "$(value keep "$tmp/te_$half.json")" "$(value leak "$tmp/te_$half.json")"
done

# The seed article: with repair and stripping, exactly the reviewed golden output.
seed=$SHARED/seed/000_f5963ccac3830ccb.txt
if [ -f fixtures/seed/000.gold.txt ] && [ -f "$seed" ]; then
    if "$MOJICLEAN" "$seed" | cmp -s - fixtures/seed/000.gold.txt; then
        echo "bp_score: seed article                 exact ok"
    else
        echo "bp_score: seed article differs from fixtures/seed/000.gold.txt FAILED"
        fail=1
    fi
fi
exit $fail
