#!/usr/bin/env python3
# gen_lang.py: write src/lang.inc, per-language letter bigrams for the lost-byte guesses.
# SPDX-License-Identifier: MIT
"""Learn, for each language of a script that several languages of the training text write,
a letter bigram model, so that src/fix.c can guess a line's language from its intact text
and weigh the readings of a lost byte by it (see doc/plausibility.md, "The line's language").

The character model of src/model.inc and the word table's trigrams of src/words.inc are
learnt over all the training text of a script at once: in a Russian line they score the
readings of a lost byte as much by Kabardian or Serbian as by Russian ("стулья" came out
"стульэ", Kabardian writes "ьэ" everywhere; Serbian "ј" came out "с").

Languages: the files of the clean corpus's manifest, grouped by language code (the code
before any "-" or ";": "sr-Cyrl" is "sr", "fa-AF" is "fa").  A file counts for its language
where at least 60% of its letters are of one of SCRIPTS; a script is kept where two
languages or more write it (Cyrillic, Arabic, Hebrew and Latin in the corpus of these
notes).  A Latin-script language counts where its files hold LATIN_MIN letters or more
(counted before --exclude, so that held-out tables have the same languages): 49 of the
corpus's 360, those with Leipzig sentences; the others' UDHR alone is too little text to
tell neighbours apart, and "und" (undetermined) is none.  Latin letters include ASCII's,
which src/fix.c reads as Latin only (latin_letter(); for the other scripts they are word
boundaries, as before).

Letters: lowercased (simple case mapping), of the script's ranges; everything else (ASCII,
digits, punctuation, spaces, letters of other scripts) is a word boundary, index 0.  The
letters of a script are those some language of it writes at least LETTER_MIN times.

Model per language: Witten-Bell interpolated bigrams P(b | a) = (c(a,b) + T(a) P(b)) /
(c(a) + T(a)), T(a) the number of distinct letters seen after a, P(b) the language's letter
unigrams add-half smoothed over the script's letters.  Stored as -log P in eighths of a nat
(uint8, at most 255): the bigrams seen (sorted keys a << 8 | b per language), for each letter
a the back-off weight -log(T(a) / (c(a) + T(a))), and the unigrams -log P(b).

Training text: ../shared/corpus/clean (udhr/, leipzig/, literature/, via its manifest.tsv),
read at generation time and never copied into the repo.  Without that corpus, --check skips
and -o leaves the table as it is.  --exclude FILE leaves out every training line that
contains, or is contained in, a line of FILE (as tools/gen_words.py does).
"""
import collections
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import c_array, corpus_args, corpus_missing, write_or_check  # noqa: E402
from gen_words import HeldOut, lower  # noqa: E402
import unicodedata

# Scripts whose letters are two-byte UTF-8 (their second byte the one a legacy code page
# loses): name, ranges.
SCRIPTS = (("Greek", ((0x370, 0x3FF),)),
           ("Cyrillic", ((0x400, 0x52F),)),
           ("Armenian", ((0x530, 0x58F),)),
           ("Hebrew", ((0x590, 0x5FF),)),
           ("Arabic", ((0x600, 0x6FF), (0x750, 0x77F))),
           ("Syriac", ((0x700, 0x74F),)),
           ("Thaana", ((0x780, 0x7BF),)),
           # Latin last (its letters are one-byte ASCII or two-byte: a lost byte's readings,
           # and the readings of two code pages of the same bytes, differ in its letters)
           ("Latin", ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))))
LATIN = len(SCRIPTS) - 1
LATIN_MIN = 70000  # a Latin-script language counts where its training text has this many letters
FILE_SHARE = 0.6   # a file counts where this share of its letters is of one script
LETTER_MIN = 5     # a letter of the script: written this often by one of its languages
Q = 8              # units per nat
QMAX = 255


def script_of(c):
    o = ord(c)
    for i, (_, ranges) in enumerate(SCRIPTS):
        for lo, hi in ranges:
            if lo <= o <= hi:
                return i
    return -1


def is_letter(c):
    return unicodedata.category(c)[0] in "LM"


def lang_code(field):
    # "Russian (ru; udhr:rus)" -> "ru"; "Serbian (Cyrillic) (sr-Cyrl; udhr:srp_cyrl)" -> "sr"
    code = field[field.rfind("(") + 1:].rstrip(")")
    return code.split(";")[0].split("-")[0].strip()


def seq(line):
    """The line as letter/boundary symbols: a lowercased letter of SCRIPTS, or None."""
    out = []
    for c in line:
        if is_letter(c):
            c = lower(c)
            out.append(c if script_of(c) >= 0 else None)
        else:
            out.append(None)
    return out


def corpus_files(root):
    """The corpus files a language is learnt from, in the manifest's order: (path, text,
    script, language code, letters of that script) for each file of udhr, leipzig or
    literature whose letters are FILE_SHARE of one script (a Latin file of an undetermined
    language left out)."""
    rows = list(csv.reader(open(os.path.join(root, "manifest.tsv"), encoding="utf-8"), delimiter="\t"))[1:]
    for r in rows:
        path = os.path.join(root, r[0])
        if r[0].split("/")[0] not in ("udhr", "leipzig", "literature") or not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        per = collections.Counter()
        nlet = 0
        for c in text:
            if is_letter(c):
                nlet += 1
                per[script_of(c)] += 1
        s, v = max(((k, x) for k, x in per.items() if k >= 0), key=lambda t: t[1], default=(-1, 0))
        if s < 0 or v < FILE_SHARE * max(1, nlet):
            continue
        code = lang_code(r[1])
        if s == LATIN and code == "und":
            continue
        yield path, text, s, code, v


def train(root, exclude):
    held = HeldOut(exclude) if exclude else ()
    langs = {}  # (script, code) -> [unigram Counter, bigram Counter]
    size = collections.Counter()  # Latin: letters of the whole files, held-out lines too
    dropped = 0
    for path, text, s, code, v in corpus_files(root):
        if s == LATIN:
            size[code] += v
        uni, bi = langs.setdefault((s, code), [collections.Counter(), collections.Counter()])
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if held and line in held:
                dropped += 1
                continue
            prev = None
            for c in seq(line) + [None]:
                if c is not None and script_of(c) != s:
                    c = None
                if c is not None:
                    uni[c] += 1
                if c is not None or prev is not None:
                    bi[(prev, c)] += 1
                prev = c
    per_script = collections.Counter(s for s, _ in langs)
    langs = {k: v for k, v in langs.items() if per_script[k[0]] >= 2 and (k[0] != LATIN or size[k[1]] >= LATIN_MIN)}
    return langs, dropped


def q(nats):
    return min(QMAX, max(0, int(round(nats * Q))))


def render(langs, excluded):
    scripts = sorted(set(s for s, _ in langs))
    letters = {}  # script -> sorted letters
    for s in scripts:
        ls = set()
        for (s2, _), (uni, _) in langs.items():
            if s2 == s:
                ls |= set(c for c, v in uni.items() if v >= LETTER_MIN)
        letters[s] = sorted(ls)
        assert len(letters[s]) < 255
        # (src/fix.c reads ASCII letters as Latin letters 1 to 26 without a search)
        assert s != LATIN or "".join(letters[s][:26]) == "abcdefghijklmnopqrstuvwxyz"
    idx = {c: (s, i + 1) for s in scripts for i, c in enumerate(letters[s])}
    order = sorted(langs, key=lambda k: (k[0], k[1]))
    out_letters = sorted(idx, key=ord)
    keys, vals, boff, unis, bows, names, lscript, off = [], [], [0], [], [], [], [], []
    uoff = [0]
    for s, code in order:
        uni, bi = langs[(s, code)]
        L = letters[s]
        V = len(L)
        n = sum(uni[c] for c in L)
        pu = {c: (uni[c] + 0.5) / (n + 0.5 * V) for c in L}
        # the boundary as a "letter" for P(. | a) and P(b | .): its unigram is the share of
        # word ends among all symbols
        nb = sum(v for (a, b), v in bi.items() if b is None)
        pu[None] = (nb + 0.5) / (n + nb + 0.5 * V)
        scale = 1 - pu[None]
        for c in L:
            pu[c] *= scale
        ca = collections.Counter()
        ta = collections.Counter()
        for (a, b), v in bi.items():
            if (a is None or a in idx) and (b is None or b in idx):
                ca[a] += v
                ta[a] += 1
        ent = []
        for (a, b), v in bi.items():
            if (a is not None and a not in idx) or (b is not None and b not in idx):
                continue
            p = (v + ta[a] * pu[b]) / (ca[a] + ta[a])
            ka = 0 if a is None else idx[a][1]
            kb = 0 if b is None else idx[b][1]
            ent.append((ka << 8 | kb, q(-math.log(p))))
        ent.sort()
        keys += [k for k, _ in ent]
        vals += [v for _, v in ent]
        boff.append(len(keys))
        # per letter index 0..V: the unigram cost and the back-off weight
        for i, c in enumerate([None] + L):
            unis.append(q(-math.log(pu[c])))
            t, cc = ta[c], ca[c]
            bows.append(q(-math.log(t / (cc + t))) if cc else 0)
        uoff.append(len(unis))
        names.append(code)
        lscript.append(scripts.index(s))
    out = ["/* Generated by tools/gen_lang.py from ../shared/corpus/clean (its manifest's udhr,",
           " * leipzig and literature files%s). Do not edit; run `make tables`." % (
               "; lines of %s held out" % os.path.basename(excluded) if excluded else ""),
           " * Letter bigrams of %d languages of %d scripts (%s): Witten-Bell interpolated" % (
               len(order), len(scripts), ", ".join(SCRIPTS[s][0] for s in scripts)),
           " * -log P(b | a) in 1/%d nats for the %d pairs seen, and per letter (index 0: a word" % (Q, len(keys)),
           " * boundary) the unigram cost and the back-off weight. */",
           "",
           "#define MC_LANG_N %d" % len(order),
           "#define MC_LANG_SCRIPTS %d" % len(scripts),
           "#define MC_LANG_LETTERS %d" % len(out_letters),
           "#define MC_LANG_Q %d /* units per nat */" % Q,
           "#define MC_LANG_LATIN %d /* the index of the Latin script (-1: none) */" % (
               scripts.index(LATIN) if LATIN in scripts else -1),
           "#define MC_LANG_LATIN_FIRST %d /* its first language (they follow each other) */" % (
               min([i for i, (s, _) in enumerate(order) if s == LATIN], default=len(order))),
           "/* Languages: their codes and scripts (index into mc_lang_script_name). */",
           "static const char *const mc_lang_name[MC_LANG_N] = {",
           "    " + ", ".join('"%s"' % c for c in names) + ",",
           "};",
           "static const char *const mc_lang_script_name[MC_LANG_SCRIPTS] = {",
           "    " + ", ".join('"%s"' % SCRIPTS[s][0] for s in scripts) + ",",
           "};"]
    out += c_array("static const uint8_t mc_lang_script[MC_LANG_N]", lscript, 20, "%d")
    out.append("/* The letters (sorted code points), each with its script and index there (from 1). */")
    out += c_array("static const uint16_t mc_lang_letter[MC_LANG_LETTERS]", [ord(c) for c in out_letters], 12, "0x%04X")
    out += c_array("static const uint8_t mc_lang_letter_script[MC_LANG_LETTERS]",
                   [scripts.index(idx[c][0]) for c in out_letters], 24, "%d")
    out += c_array("static const uint8_t mc_lang_letter_idx[MC_LANG_LETTERS]", [idx[c][1] for c in out_letters], 20, "%d")
    out.append("/* Per language l: its pairs mc_lang_key[mc_lang_off[l] .. mc_lang_off[l + 1]), and its")
    out.append(" * letters' costs from mc_lang_uoff[l] (index 0 the boundary). */")
    out += c_array("static const uint32_t mc_lang_off[MC_LANG_N + 1]", boff, 12, "%d")
    out += c_array("static const uint32_t mc_lang_uoff[MC_LANG_N + 1]", uoff, 12, "%d")
    out += c_array("static const uint16_t mc_lang_key[%d]" % len(keys), keys, 12, "0x%04X")
    out += c_array("static const uint8_t mc_lang_val[%d]" % len(vals), vals, 24, "%d")
    out += c_array("static const uint8_t mc_lang_uni[%d]" % len(unis), unis, 24, "%d")
    out += c_array("static const uint8_t mc_lang_bow[%d]" % len(bows), bows, 24, "%d")
    return "\n".join(out) + "\n"


def main():
    ap = corpus_args(__doc__)
    a = ap.parse_args()
    if corpus_missing("gen_lang", a):
        return
    langs, dropped = train(a.corpus, a.exclude)
    if a.exclude:
        print("gen_lang: %d training lines held out" % dropped, file=sys.stderr)
    write_or_check("gen_lang", render(langs, a.exclude), a.check, a.output, 20)


if __name__ == "__main__":
    main()
