#!/usr/bin/env python3
# gen_lang3.py: write src/lang3.inc, per-language letter trigrams for a word's lost bytes.
# SPDX-License-Identifier: MIT
"""Learn, for each language of src/lang.inc whose script is not Latin (Cyrillic, Hebrew,
Arabic in the corpus of these notes), the letter trigrams of its training text, so that
src/fix.c can read a word that lost several letters (a Cyrillic word under windows-874 loses
every "с т у ф ц ч ш щ ъ ы ь э ю я") by the line's language, letter by letter
(lang_joint(); see doc/plausibility.md, "The line's language").  The bigrams of lang.inc see
one neighbour, and two lost letters side by side read each other's guess.

Languages, letters and their indices are lang.inc's (tools/gen_lang.py's train(), same
corpus, same --exclude), in its order, so that fix.c indexes both tables alike; the Latin
languages get no trigrams (empty ranges).  A line is read as lang.inc reads it: lowercased
letters of the language's script, everything else a word boundary (index 0), a run of
boundaries one boundary.  For each context (a, b), b a letter and a a letter or the
boundary, the trigrams (a, b, c) seen TRI_MIN times or more are kept; and across a word
boundary, a the last letter of a word and b the boundary, the first letters c of the next
word (fix.c reads a word's first letter, a one-letter word above all, after the word before
it: Belarusian "у" after a consonant, "ў" after a vowel).

Model: Witten-Bell interpolated with lang.inc's bigram, P(c | a, b) = (n(a,b,c) + T(a,b)
P(c | b)) / (n(a,b) + T(a,b)), T(a,b) the number of distinct letters seen after a, b (pruned
ones too).  Stored in eighths of a nat (uint8, at most 255): per language its contexts
(sorted keys a << 8 | b) with the back-off weight -log(T / (n + T)) and the range of their
trigrams, and per trigram the letter c (sorted) and -log P(c | a, b).  A context or
trigram not stored costs what fix.c's bigram costs, plus the context's back-off weight
where the context is stored.

Training text: ../shared/corpus/clean, as tools/gen_lang.py reads it, never copied into
the repo.  Without that corpus, --check skips and -o leaves the table as it is.
"""
import collections
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import c_array, corpus_args, corpus_missing, write_or_check  # noqa: E402
from gen_lang import (LATIN, LETTER_MIN, SCRIPTS, corpus_files, q, script_of, seq,  # noqa: E402
                      train)
from gen_words import HeldOut  # noqa: E402

TRI_MIN = 2  # a trigram is kept where its language's text has it this often


def count(root, exclude, keep):
    """Trigram counts per (script, code) of `keep`, read as gen_lang.train() reads."""
    held = HeldOut(exclude) if exclude else ()
    tri = {k: collections.Counter() for k in keep}
    for path, text, s, code, v in corpus_files(root):
        if (s, code) not in tri:
            continue
        t = tri[(s, code)]
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if held and line in held:
                continue
            syms = []
            for c in seq(line) + [None]:
                if c is not None and script_of(c) != s:
                    c = None
                if c is None and syms and syms[-1] is None:
                    continue
                syms.append(c)
            syms = [None] + syms if syms and syms[0] is not None else syms
            for i in range(2, len(syms)):
                if syms[i - 1] is not None or (syms[i - 2] is not None and syms[i] is not None):
                    t[(syms[i - 2], syms[i - 1], syms[i])] += 1
    return tri


def render(langs, tri, excluded):
    scripts = sorted(set(s for s, _ in langs))
    letters = {}
    for s in scripts:
        ls = set()
        for (s2, _), (uni, _) in langs.items():
            if s2 == s:
                ls |= set(c for c, v in uni.items() if v >= LETTER_MIN)
        letters[s] = sorted(ls)
    order = sorted(langs, key=lambda k: (k[0], k[1]))
    coff, ckey, cbow, cfirst, tc, tv = [0], [], [], [], [], []
    nlang = 0
    for s, code in order:
        if s == LATIN:
            coff.append(len(ckey))
            continue
        nlang += 1
        uni, bi = langs[(s, code)]
        L = letters[s]
        ix = {c: i + 1 for i, c in enumerate(L)}
        ix[None] = 0
        # lang.inc's bigram P(c | b), as gen_lang.render() makes it (unquantised)
        V = len(L)
        n = sum(uni[c] for c in L)
        pu = {c: (uni[c] + 0.5) / (n + 0.5 * V) for c in L}
        nb = sum(v for (a, b), v in bi.items() if b is None)
        pu[None] = (nb + 0.5) / (n + nb + 0.5 * V)
        for c in L:
            pu[c] *= 1 - pu[None]
        ca, ta = collections.Counter(), collections.Counter()
        for (a, b), v in bi.items():
            if (a is None or a in ix) and (b is None or b in ix):
                ca[a] += v
                ta[a] += 1

        def p2(b, c):
            return (bi.get((b, c), 0) + ta[b] * pu[c]) / (ca[b] + ta[b])

        ctx_n, ctx_t = collections.Counter(), collections.Counter()
        by_ctx = collections.defaultdict(list)
        for (a, b, c), v in tri[(s, code)].items():
            if a not in ix or b not in ix or c not in ix:
                continue
            ctx_n[(a, b)] += v
            ctx_t[(a, b)] += 1
            if v >= TRI_MIN:
                by_ctx[(a, b)].append((c, v))
        for (a, b) in sorted(by_ctx, key=lambda k: ix[k[0]] << 8 | ix[k[1]]):
            nn, tt = ctx_n[(a, b)], ctx_t[(a, b)]
            ckey.append(ix[a] << 8 | ix[b])
            cbow.append(q(-math.log(tt / (nn + tt))))
            cfirst.append(len(tc))
            for c, v in sorted(by_ctx[(a, b)], key=lambda t: ix[t[0]]):
                tc.append(ix[c])
                tv.append(q(-math.log((v + tt * p2(b, c)) / (nn + tt))))
        coff.append(len(ckey))
    cfirst.append(len(tc))
    assert len(ckey) < 1 << 32 and all(k < 1 << 16 for k in ckey)
    out = ["/* Generated by tools/gen_lang3.py from ../shared/corpus/clean (its manifest's udhr,",
           " * leipzig and literature files%s). Do not edit; run `make tables`." % (
               "; lines of %s held out" % os.path.basename(excluded) if excluded else ""),
           " * Letter trigrams of the %d languages of lang.inc not written in Latin letters, in its" % nlang,
           " * order and letter indices (index 0: a word boundary): %d contexts a, b with their" % len(ckey),
           " * Witten-Bell back-off weight, and the %d trigrams seen %d times or more, -log P(c | a, b)" % (
               len(tc), TRI_MIN),
           " * in 1/MC_LANG_Q nats. */",
           "",
           "#define MC_L3_CTX %d" % len(ckey),
           "#define MC_L3_TRI %d" % len(tc),
           "/* Per language l: its contexts mc_l3_key[mc_l3_off[l] .. mc_l3_off[l + 1]); context i's",
           " * trigrams mc_l3_c[mc_l3_first[i] .. mc_l3_first[i + 1]). */"]
    out += c_array("static const uint32_t mc_l3_off[%d]" % len(coff), coff, 12, "%d")
    out += c_array("static const uint16_t mc_l3_key[MC_L3_CTX]", ckey, 12, "0x%04X")
    out += c_array("static const uint8_t mc_l3_bow[MC_L3_CTX]", cbow, 24, "%d")
    out += c_array("static const uint32_t mc_l3_first[MC_L3_CTX + 1]", cfirst, 12, "%d")
    out += c_array("static const uint8_t mc_l3_c[MC_L3_TRI]", tc, 24, "%d")
    out += c_array("static const uint8_t mc_l3_v[MC_L3_TRI]", tv, 24, "%d")
    return "\n".join(out) + "\n"


def main():
    ap = corpus_args(__doc__)
    a = ap.parse_args()
    if corpus_missing("gen_lang3", a):
        return
    langs, _ = train(a.corpus, a.exclude)
    tri = count(a.corpus, a.exclude, [k for k in langs if k[0] != LATIN])
    write_or_check("gen_lang3", render(langs, tri, a.exclude), a.check, a.output, 20)


if __name__ == "__main__":
    main()
