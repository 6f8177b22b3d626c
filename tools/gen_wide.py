#!/usr/bin/env python3
# gen_wide.py: write src/wide.inc, a character trigram model of the characters of three bytes.
# SPDX-License-Identifier: MIT
"""Learn a character trigram model of the characters UTF-8 writes in three bytes from clean text.

The model of src/model.inc has character bigrams only for the ~660 characters code pages
produce and ASCII; every other character has its class's unigram alone.  Where a lost
continuation byte of a character of three bytes (Indic scripts, CJK, Hangul, Georgian,
Myanmar, Ethiopic...) leaves several readings in one script, that model tells them by
little more than their frequency: a Tamil vowel sign u against the virama (E0 AF 81 and 8D,
both undefined in windows-1252), Georgian `ო` against `ა`.  src/fix.c asks this model
which reading makes the likelier text around it (wide_pick(), see doc/plausibility.md).

Alphabet: every code point U+0800-U+FFFF but U+FFFD is its own symbol; everything else
(ASCII, spaces, characters of two or four bytes) is symbol 0, a boundary, and a run of
them one.

Model: interpolated absolute discounting (Kneser-Ney style, D = DISCOUNT) of trigrams over
bigrams over add-one unigrams, as tools/gen_thai.py; trigrams seen fewer than MIN_TRI
times are left out (they back off to the bigram).  Written: the characters of training
text of each block (block()), and, each as a cost (-log P in 1/COST_SCALE nat, at most 255): the unigrams with each symbol's backoff weight as a context,
the bigrams (exact keys b << 16 | c) with each pair's backoff weight as a context, and the
trigrams (keys: a 32-bit hash of a, b, c; wide_key() in src/fix.c).

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

DISCOUNT = 0.75
MIN_TRI = 2
COST_SCALE = 8  # cost units per nat
MASK64 = (1 << 64) - 1


def sym(ch):
    o = ord(ch)
    return o if 0x800 <= o <= 0xFFFF and o != 0xFFFD else 0


def wide_key(a, b, c):
    """The trigram's key: as wide_key() in src/fix.c."""
    x = (a << 32 | b << 16 | c) * 0x9E3779B97F4A7C15 & MASK64
    x ^= x >> 29
    x = x * 0xBF58476D1CE4E5B9 & MASK64
    return x >> 32


def block(o):
    """A symbol's block for MC_WIDE_BLOCK: its 128 code points, but the CJK ideographs
    (U+4E00-U+9FFF) and the Hangul syllables (U+AC00-U+D7AF), each one script over many
    blocks, are one block each (as wide_block() in src/fix.c)."""
    if 0x4E00 <= o <= 0x9FFF:
        return 0x4E00 >> 7
    if 0xAC00 <= o <= 0xD7AF:
        return 0xAC00 >> 7
    return o >> 7


def train(root, exclude):
    held = HeldOut(exclude) if exclude else ()
    uni, bi, tri = collections.Counter(), collections.Counter(), collections.Counter()
    nfiles = dropped = 0
    for text in corpus_texts(root):
        nfiles += 1
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if not any(sym(c) for c in line):
                continue
            if held and line in held:
                dropped += 1
                continue
            s = [0]
            for ch in line:
                v = sym(ch)
                if v or s[-1]:
                    s.append(v)
            if s[-1]:
                s.append(0)
            for i in range(1, len(s)):
                uni[s[i]] += 1
                bi[s[i - 1], s[i]] += 1
                if i >= 2:
                    tri[s[i - 2], s[i - 1], s[i]] += 1
    return uni, bi, tri, nfiles, dropped


def cost(p):
    return min(255, max(0, int(round(-math.log(p) * COST_SCALE))))


def render(uni, bi, tri, nfiles, excluded):
    total = sum(uni.values())
    nsym = len(uni) + 1  # and one for the symbols never seen
    p_uni = {c: (v + 1) / (total + nsym) for c, v in uni.items()}
    unseen = 1 / (total + nsym)
    n_b, t_b = collections.Counter(), collections.Counter()
    for (b, c), v in bi.items():
        n_b[b] += v
        t_b[b] += 1
    p_bi = {}
    for (b, c), v in bi.items():
        p_bi[b, c] = (v - DISCOUNT) / n_b[b] + DISCOUNT * t_b[b] / n_b[b] * p_uni[c]
    n_ab, t_ab = collections.Counter(), collections.Counter()
    for (a, b, c), v in tri.items():
        n_ab[a, b] += v
        t_ab[a, b] += 1

    def p2(b, c):
        if (b, c) in p_bi:
            return p_bi[b, c]
        pu = p_uni.get(c, unseen)
        return DISCOUNT * t_b[b] / n_b[b] * pu if n_b[b] else pu
    tkeys = {}
    for (a, b, c), v in sorted(tri.items()):
        if v < MIN_TRI:
            continue
        p = (v - DISCOUNT) / n_ab[a, b] + DISCOUNT * t_ab[a, b] / n_ab[a, b] * p2(b, c)
        k = wide_key(a, b, c)
        if k not in tkeys:  # (a clash of two keys: the first kept)
            tkeys[k] = cost(p)
    ukeys = sorted(uni)
    bkeys = sorted(bi)
    blocks = collections.Counter()
    for c, v in uni.items():
        if c:
            blocks[block(c)] += v
    out = ["/* Generated by tools/gen_wide.py from ../shared/corpus/clean (udhr, leipzig,",
           " * literature; %d files%s). Do not edit; run `make tables`." % (
               nfiles, "; lines of %s held out" % os.path.basename(excluded) if excluded else ""),
           " * A character trigram model of U+0800-U+FFFF (each its own symbol; anything else 0):",
           " * %d characters of training text, %d symbols, %d bigrams, %d trigrams seen %d times or more;" % (
               total, len(ukeys), len(bkeys), len(tkeys), MIN_TRI),
           " * costs (-log P) in 1/%d nat, at most 255; interpolated absolute discounting (D = %.2f)" % (
               COST_SCALE, DISCOUNT),
           " * over bigrams and add-one unigrams. */",
           "",
           "#define MC_WIDE_SCALE %d" % COST_SCALE,
           "#define MC_WIDE_UNSEEN %d /* the cost of a symbol never seen */" % cost(unseen),
           "#define MC_WIDE_NUNI %d" % len(ukeys),
           "#define MC_WIDE_NBI %d" % len(bkeys),
           "#define MC_WIDE_NTRI %d" % len(tkeys),
           "/* the symbols seen, in order; the cost of each, and of its backoff weight as a context */",
           "static const uint32_t mc_wide_uni_key[MC_WIDE_NUNI] = {"]

    def rows(vals, per):
        for i in range(0, len(vals), per):
            out.append("    %s," % ",".join(str(v) for v in vals[i:i + per]))
        out.append("};")
    rows(ukeys, 12)
    out.append("/* the characters of training text of each block of 128 code points (wide_block()),"
               " from U+0800 */")
    out.append("static const uint32_t mc_wide_block[0x10000 / 128 - 16] = {")
    rows([blocks[b] for b in range(16, 0x10000 // 128)], 16)
    out.append("static const uint8_t mc_wide_uni_cost[MC_WIDE_NUNI] = {")
    rows([cost(p_uni[c]) for c in ukeys], 24)
    out.append("static const uint8_t mc_wide_uni_bow[MC_WIDE_NUNI] = {")
    rows([cost(DISCOUNT * t_b[c] / n_b[c]) if n_b[c] else 0 for c in ukeys], 24)
    out.append("/* the bigrams seen, b << 16 | c, in order; the cost of c after b, and of the pair's"
               " backoff weight as a context (0: never a context) */")
    out.append("static const uint32_t mc_wide_bi_key[MC_WIDE_NBI] = {")
    rows([b << 16 | c for b, c in bkeys], 10)
    out.append("static const uint8_t mc_wide_bi_cost[MC_WIDE_NBI] = {")
    rows([cost(p_bi[k]) for k in bkeys], 24)
    out.append("static const uint8_t mc_wide_bi_bow[MC_WIDE_NBI] = {")
    rows([cost(DISCOUNT * t_ab[k] / n_ab[k]) if n_ab[k] else 0 for k in bkeys], 24)
    out.append("/* the trigrams' keys (wide_key()), in order, and the cost of c after a b */")
    tk = sorted(tkeys)
    out.append("static const uint32_t mc_wide_tri_key[MC_WIDE_NTRI] = {")
    rows(tk, 10)
    out.append("static const uint8_t mc_wide_tri_cost[MC_WIDE_NTRI] = {")
    rows([tkeys[k] for k in tk], 24)
    return "\n".join(out) + "\n"


def main():
    ap = corpus_args(__doc__)
    a = ap.parse_args()
    if corpus_missing("gen_wide", a):
        return
    uni, bi, tri, nfiles, dropped = train(a.corpus, a.exclude)
    if a.exclude:
        print("gen_wide: %d training lines held out" % dropped, file=sys.stderr)
    text = render(uni, bi, tri, nfiles, a.exclude)
    write_or_check("gen_wide", text, a.check, a.output, 20)


if __name__ == "__main__":
    main()
