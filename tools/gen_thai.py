#!/usr/bin/env python3
# gen_thai.py: write src/thai.inc, the Thai character four-gram model that fills lost bytes.
# SPDX-License-Identifier: MIT
"""Learn a character four-gram model of Thai from clean text.

UTF-8 Thai read as windows-874 is "เธ" or "เน" and a third character for each letter (E0 B8
xx, E0 B9 xx), and windows-874 leaves 23 of the third bytes undefined (81-84, 86-90,
98-9F): where one was lost (dropped, or written as U+FFFD or '?'), "เธ" may stand for 23
consonants (ก ข ฃ ค ฆ ง จ ฉ ช ซ ฌ ญ ฎ ฏ ฐ ธ น บ ป ผ ฝ พ ฟ) and "เน" for vowels, tone marks
and digits.  Thai writes no spaces between words, so the word table of src/words.inc
cannot judge such a word; src/fix.c asks this model which readings of the lost bytes of a
stretch of Thai make the likeliest text (see doc/plausibility.md).

Alphabet: the Thai block U+0E01-U+0E5B as symbols 1-91; every other character (spaces,
digits, punctuation, other scripts) is symbol 0, a boundary, and a run of them one.

Model: interpolated absolute discounting (Kneser-Ney style, D = DISCOUNT) of four-grams over
trigrams over bigrams over add-one unigrams:
    P(c | a b) = max(n(abc) - D, 0) / n(ab.) + D * t(ab.) / n(ab.) * P(c | b)
where t(ab.) is the number of different c seen after ab (and so on for the other orders).
Written: the log-probability of every bigram (a dense table), and of every trigram and
four-gram seen (sorted keys, binary search), with each context's backoff weight
log(D * t / n) for the rest; all in 1/16 nat (the units of src/model.inc).  On the Thai
lines of the development and synthetic sets, held out of the training text, with every
third byte that windows-874 leaves undefined lost: 26% of such letters wrong with trigrams,
17% with four-grams, 16% with five-grams (a table three times as large).

Training text: the clean corpus (../shared/corpus/clean: udhr/, leipzig/, literature/),
read at generation time and never copied into the repo.  Without that corpus, --check skips
and -o leaves the table as it is.  --exclude FILE leaves out every training line that
overlaps a line of FILE (as tools/gen_words.py does), to measure on held-out text.
"""
import collections
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import corpus_args, corpus_missing, corpus_texts, write_or_check  # noqa: E402
from gen_words import HeldOut  # noqa: E402

FIRST, LAST = 0x0E01, 0x0E5B
NSYM = LAST - FIRST + 2  # symbols: 0 (boundary) and the Thai block
DISCOUNT = 0.75
SCALE = 16  # units per nat


def sym(ch):
    o = ord(ch)
    return o - FIRST + 1 if FIRST <= o <= LAST else 0


def train(root, exclude):
    held = HeldOut(exclude) if exclude else ()
    uni, bi, tri, quad = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
    nfiles = dropped = 0
    for text in corpus_texts(root):
        nfiles += 1
        if not any(FIRST <= ord(c) <= LAST for c in text):
            continue
        for line in text.split("\n"):
            if not any(FIRST <= ord(c) <= LAST for c in line):
                continue
            if held and line.rstrip("\r") in held:
                dropped += 1
                continue
            s = [0]
            for ch in line.rstrip("\r"):
                v = sym(ch)
                if v or s[-1]:
                    s.append(v)
            if s[-1]:
                s.append(0)
            for i, c in enumerate(s):
                if i:
                    uni[c] += 1
                    bi[s[i - 1], c] += 1
                if i >= 2:
                    tri[s[i - 2], s[i - 1], c] += 1
                if i >= 3:
                    quad[s[i - 3], s[i - 2], s[i - 1], c] += 1
    return uni, bi, tri, quad, nfiles, dropped


def units(p):
    return max(-32767, int(round(math.log(p) * SCALE)))


def render(uni, bi, tri, quad, nfiles, excluded):
    total = sum(uni.values())
    p_uni = [(uni[c] + 1) / (total + NSYM) for c in range(NSYM)]
    # Bigrams over unigrams.
    n_b = collections.Counter()
    t_b = collections.Counter()
    for (b, c), v in bi.items():
        n_b[b] += v
        t_b[b] += 1
    p_bi = [[0.0] * NSYM for _ in range(NSYM)]
    for b in range(NSYM):
        for c in range(NSYM):
            if n_b[b]:
                p = max(bi[b, c] - DISCOUNT, 0) / n_b[b] + DISCOUNT * t_b[b] / n_b[b] * p_uni[c]
            else:
                p = p_uni[c]
            p_bi[b][c] = p
    # Trigrams over bigrams.
    n_ab = collections.Counter()
    t_ab = collections.Counter()
    for (a, b, c), v in tri.items():
        n_ab[a, b] += v
        t_ab[a, b] += 1
    bow = [[0] * NSYM for _ in range(NSYM)]
    for (a, b), n in n_ab.items():
        bow[a][b] = units(DISCOUNT * t_ab[a, b] / n)
    keys = []
    p_tri = {}
    for (a, b, c), v in sorted(tri.items()):
        n = n_ab[a, b]
        p = (v - DISCOUNT) / n + DISCOUNT * t_ab[a, b] / n * p_bi[b][c]
        p_tri[a, b, c] = p
        keys.append(((a * NSYM + b) * NSYM + c, units(p)))

    def p3(a, b, c):
        if (a, b, c) in p_tri:
            return p_tri[a, b, c]
        n = n_ab[a, b]
        return DISCOUNT * t_ab[a, b] / n * p_bi[b][c] if n else p_bi[b][c]
    # Four-grams over trigrams.
    n_abc = collections.Counter()
    t_abc = collections.Counter()
    for (a, b, c, d), v in quad.items():
        n_abc[a, b, c] += v
        t_abc[a, b, c] += 1
    qkeys = []
    for (a, b, c, d), v in sorted(quad.items()):
        n = n_abc[a, b, c]
        p = (v - DISCOUNT) / n + DISCOUNT * t_abc[a, b, c] / n * p3(b, c, d)
        qkeys.append((((a * NSYM + b) * NSYM + c) * NSYM + d, units(p)))
    ckeys = [((a * NSYM + b) * NSYM + c, units(DISCOUNT * t_abc[a, b, c] / n))
             for (a, b, c), n in sorted(n_abc.items())]
    out = ["/* Generated by tools/gen_thai.py from ../shared/corpus/clean (udhr, leipzig,",
           " * literature; %d files%s). Do not edit; run `make tables`." % (
               nfiles, "; lines of %s held out" % os.path.basename(excluded) if excluded else ""),
           " * A character four-gram model of Thai (U+0E01-U+0E5B as symbols 1-%d, anything else 0):" % (NSYM - 1),
           " * %d characters of training text, %d trigrams, %d four-grams, log-probabilities in 1/%d nat," % (
               total, len(keys), len(qkeys), SCALE),
           " * interpolated absolute discounting (D = %.2f) over trigrams, bigrams, add-one unigrams. */" % DISCOUNT,
           "",
           "#define MC_THAI_FIRST 0x%04X" % FIRST,
           "#define MC_THAI_LAST 0x%04X" % LAST,
           "#define MC_THAI_NSYM %d" % NSYM,
           "#define MC_THAI_NTRI %d" % len(keys),
           "/* log P(c | b), [b][c] */",
           "static const int16_t mc_thai_bi[MC_THAI_NSYM][MC_THAI_NSYM] = {"]
    for b in range(NSYM):
        out.append("    {%s}," % ",".join(str(units(p_bi[b][c])) for c in range(NSYM)))
    out.append("};")
    out.append("/* log of the weight of P(c | b) in P(c | a b) for a c never seen after a b, [a][b]"
               " (0: the context was never seen) */")
    out.append("static const int16_t mc_thai_bow[MC_THAI_NSYM][MC_THAI_NSYM] = {")
    for a in range(NSYM):
        out.append("    {%s}," % ",".join(str(bow[a][b]) for b in range(NSYM)))
    out.append("};")
    out.append("/* (a * MC_THAI_NSYM + b) * MC_THAI_NSYM + c of the trigrams seen, in order, and log P(c | a b) */")
    out.append("static const uint32_t mc_thai_tri_key[MC_THAI_NTRI] = {")
    for i in range(0, len(keys), 12):
        out.append("    %s," % ",".join(str(k) for k, _ in keys[i:i + 12]))
    out.append("};")
    out.append("static const int16_t mc_thai_tri_val[MC_THAI_NTRI] = {")
    for i in range(0, len(keys), 16):
        out.append("    %s," % ",".join(str(v) for _, v in keys[i:i + 16]))
    out.append("};")
    for name, what, ks in (("quad", "the four-grams seen, ((a b) c) d, and log P(d | a b c)", qkeys),
                           ("ctx", "the contexts a b c seen, and the log of the weight of P(d | b c) in P(d | a b c)"
                                   " for a d never seen after them", ckeys)):
        out.append("/* %s */" % what)
        out.append("#define MC_THAI_N%s %d" % (name.upper(), len(ks)))
        out.append("static const uint32_t mc_thai_%s_key[MC_THAI_N%s] = {" % (name, name.upper()))
        for i in range(0, len(ks), 10):
            out.append("    %s," % ",".join(str(k) for k, _ in ks[i:i + 10]))
        out.append("};")
        out.append("static const int16_t mc_thai_%s_val[MC_THAI_N%s] = {" % (name, name.upper()))
        for i in range(0, len(ks), 16):
            out.append("    %s," % ",".join(str(v) for _, v in ks[i:i + 16]))
        out.append("};")
    return "\n".join(out) + "\n"


def main():
    ap = corpus_args(__doc__)
    a = ap.parse_args()
    if corpus_missing("gen_thai", a):
        return
    uni, bi, tri, quad, nfiles, dropped = train(a.corpus, a.exclude)
    if a.exclude:
        print("gen_thai: %d training lines held out" % dropped, file=sys.stderr)
    text = render(uni, bi, tri, quad, nfiles, a.exclude)
    write_or_check("gen_thai", text, a.check, a.output, 20)


if __name__ == "__main__":
    main()
