#!/usr/bin/env python3
# gen_model.py: write src/model.inc, the plausibility model of the mojibake repairer.
# SPDX-License-Identifier: MIT
"""Learn the plausibility model from clean text.

The model (documented in doc/plausibility.md) has two parts, both learned here:

1. Character classes.  Every code point gets one of ~50 classes (script + case +
   punctuation role, see cls() below), from Python's unicodedata plus block ranges.  The
   C side gets the same assignment as a two-stage table over the BMP.
2. Class bigram log-probabilities T[a][b] = log P(class b follows class a), counted over
   every line of the training text with a BOUNDARY class at both ends, each file weighted
   equally (so no language dominates), add-k smoothed towards the unigram distribution.
3. Character rarity R(c) <= 0 for non-ASCII characters: how much rarer c is than a
   typical member of its class; characters never seen get a floor.

Training text: the clean corpus (../shared/corpus/clean: udhr/, leipzig/, literature/; the
hand-made traps in tricky/ are left out), read at generation time and never copied into
the repo.  Without that corpus, --check skips.  Scores are stored as integers in units of
1/16 nat.
"""
import argparse
import collections
import math
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import write_or_check  # noqa: E402

SCALE = 16  # fixed-point units per nat

CLASSES = [
    "BOUND", "SPACE", "CTRL", "LOW_A", "UP_A", "DIGIT", "TERM", "OPEN_BR", "CLOSE_BR",
    "APOS_A", "DQUOTE_A", "PUNCT_A", "C1", "NBSP", "SHY", "REPL", "UNASSIGNED", "PRIVATE",
    "LAT1_UP", "LAT1_LOW", "LATX_UP", "LATX_LOW", "QOPEN", "QCLOSE", "APOS", "DASH",
    "ELLIPSIS", "BULLET", "DAGGER", "CURRENCY", "MATH", "NUMSYM", "MODIFIER", "SYMBOL",
    "COPYREG", "INVPUNCT", "PUNCT_X", "BOX", "GR_UP", "GR_LOW", "CY_UP", "CY_LOW",
    "ARMENIAN", "HEBREW", "ARABIC", "INDIC", "THAI", "SEASIA", "GEORGIAN", "HANGUL",
    "KANA", "HAN", "CJK_PUNCT", "ETHIOPIC", "OTHER_L", "MARK", "FORMAT", "EMOJI",
]
CI = {n: i for i, n in enumerate(CLASSES)}

RANGES = [  # (first, last, uppercase class, lowercase/other class)
    (0x0370, 0x03FF, "GR_UP", "GR_LOW"), (0x1F00, 0x1FFF, "GR_UP", "GR_LOW"),
    (0x0400, 0x052F, "CY_UP", "CY_LOW"), (0x1C80, 0x1C8F, "CY_UP", "CY_LOW"),
    (0x2DE0, 0x2DFF, "CY_UP", "CY_LOW"), (0xA640, 0xA69F, "CY_UP", "CY_LOW"),
    (0x0530, 0x058F, "ARMENIAN", "ARMENIAN"), (0x0590, 0x05FF, "HEBREW", "HEBREW"),
    (0xFB1D, 0xFB4F, "HEBREW", "HEBREW"), (0x0600, 0x08FF, "ARABIC", "ARABIC"),
    (0xFB50, 0xFDFF, "ARABIC", "ARABIC"), (0xFE70, 0xFEFF, "ARABIC", "ARABIC"),
    (0x0900, 0x0DFF, "INDIC", "INDIC"), (0xA8E0, 0xA8FF, "INDIC", "INDIC"),
    (0x0E00, 0x0E7F, "THAI", "THAI"), (0x0E80, 0x109F, "SEASIA", "SEASIA"),
    (0x1780, 0x19FF, "SEASIA", "SEASIA"), (0x10A0, 0x10FF, "GEORGIAN", "GEORGIAN"),
    (0x2D00, 0x2D2F, "GEORGIAN", "GEORGIAN"), (0x1C90, 0x1CBF, "GEORGIAN", "GEORGIAN"),
    (0x1100, 0x11FF, "HANGUL", "HANGUL"), (0x3130, 0x318F, "HANGUL", "HANGUL"),
    (0xAC00, 0xD7AF, "HANGUL", "HANGUL"), (0x3040, 0x30FF, "KANA", "KANA"),
    (0x31F0, 0x31FF, "KANA", "KANA"), (0x3400, 0x4DBF, "HAN", "HAN"),
    (0x4E00, 0x9FFF, "HAN", "HAN"), (0xF900, 0xFAFF, "HAN", "HAN"),
    (0x1200, 0x139F, "ETHIOPIC", "ETHIOPIC"), (0x2D80, 0x2DDF, "ETHIOPIC", "ETHIOPIC"),
]
QOPEN = "“‘„‚«‹‛‟"
QCLOSE = "”»›"
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u1680"


def cls(cp):
    """The class name of code point `cp` (the C side reads the generated table)."""
    if cp < 0x80:
        c = chr(cp)
        if c in " \t":
            return "SPACE"
        if cp < 0x20 or cp == 0x7F:
            return "CTRL"
        if c.islower():
            return "LOW_A"
        if c.isupper():
            return "UP_A"
        if c.isdigit():
            return "DIGIT"
        if c in ".,;:!?":
            return "TERM"
        if c in "([{":
            return "OPEN_BR"
        if c in ")]}":
            return "CLOSE_BR"
        if c == "'":
            return "APOS_A"
        if c == '"':
            return "DQUOTE_A"
        return "PUNCT_A"
    if 0x80 <= cp <= 0x9F:
        return "C1"
    if 0xD800 <= cp <= 0xDFFF:
        return "UNASSIGNED"
    c = chr(cp)
    if c in SPACES:
        return "NBSP"
    if cp == 0xAD:
        return "SHY"
    if cp == 0xFFFD:
        return "REPL"
    if c in QOPEN:
        return "QOPEN"
    if c in QCLOSE:
        return "QCLOSE"
    if c in "’ʼ":
        return "APOS"
    if c in "‐‑‒–—―":
        return "DASH"
    if c == "…":
        return "ELLIPSIS"
    if c in "•·‧∙●◦▪":
        return "BULLET"
    if c in "†‡‰‱′″":
        return "DAGGER"
    if c in "©®™":
        return "COPYREG"
    if c in "¡¿":
        return "INVPUNCT"
    if 0x2500 <= cp <= 0x259F:
        return "BOX"
    cat = unicodedata.category(c)
    if cat == "Cn":
        return "UNASSIGNED"
    if cat == "Co":
        return "PRIVATE"
    if cat in ("Mn", "Me"):
        return "MARK"
    if cat == "Cf":
        return "FORMAT"
    if cat == "Sc":
        return "CURRENCY"
    if cat == "Sm":
        return "MATH"
    if cat == "No":
        return "NUMSYM"
    if cat in ("Sk", "Lm"):
        return "MODIFIER"
    if cp >= 0x1F000 and cat == "So":
        return "EMOJI"
    if cat == "So":
        return "SYMBOL"
    if 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF or 0xFE30 <= cp <= 0xFE4F:
        return "CJK_PUNCT"
    if cat[0] in "PZ":
        return "PUNCT_X"
    if cat[0] == "C":
        return "CTRL"
    for lo, hi, up, low in RANGES:
        if lo <= cp <= hi:
            return up if cat == "Lu" or cat == "Lt" else low
    if cat[0] in "LM" and (cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF or 0x0250 <= cp <= 0x02AF
                           or 0x2C60 <= cp <= 0x2C7F or 0xA720 <= cp <= 0xA7FF or 0xFB00 <= cp <= 0xFB06):
        latin1 = cp <= 0xFF
        if cat in ("Lu", "Lt"):
            return "LAT1_UP" if latin1 else "LATX_UP"
        return "LAT1_LOW" if latin1 else "LATX_LOW"
    if 0x20000 <= cp <= 0x3FFFF:
        return "HAN"
    if cat == "Nd":
        return "DIGIT"
    if cat[0] in "LM":
        return "OTHER_L"
    if cat[0] == "N":
        return "NUMSYM"
    return "SYMBOL"


def charset():
    """The characters the character-bigram layer covers: every character a code page can
    produce (the raw material of mojibake and of most repairs) plus printable ASCII."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_codepages
    chars = set()
    for t in gen_codepages.build_tables().values():
        chars.update(cp for cp in t if cp)
    chars.update(range(0x80, 0xA0))
    chars.update(range(0x20, 0x7F))
    chars.add(0x09)
    return [None] + sorted(chars)  # index 0 is the line boundary


def train(root, cset):
    cindex = {cp: i for i, cp in enumerate(cset) if cp is not None}
    pairs = collections.Counter()
    follow = collections.Counter()
    distinct = set()
    files = []
    for sub in ("udhr", "leipzig", "literature"):
        d = os.path.join(root, sub)
        for n in sorted(os.listdir(d)):
            if n.endswith(".txt"):
                files.append(os.path.join(d, n))
    nc = len(CLASSES)
    big = [[0.0] * nc for _ in range(nc)]
    chars = collections.Counter()
    ccls = collections.Counter()
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        loc = [[0] * nc for _ in range(nc)]
        lchars = collections.Counter()
        lpairs = collections.Counter()
        total = 0
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if not line:
                continue
            prev = CI["BOUND"]
            pch = 0
            for ch in line:
                c = CI[cls(ord(ch))]
                loc[prev][c] += 1
                prev = c
                lchars[ch] += 1
                ci = cindex.get(ord(ch), -1)
                if pch >= 0:
                    follow[pch] += 1
                    distinct.add((pch, ord(ch)))
                    if ci >= 0:
                        lpairs[pch, ci] += 1
                pch = ci
            loc[prev][CI["BOUND"]] += 1
            if pch >= 0:
                follow[pch] += 1
                distinct.add((pch, -1))
                lpairs[pch, 0] += 1
            total += len(line) + 1
        if not total:
            continue
        for a in range(nc):
            for b in range(nc):
                if loc[a][b]:
                    big[a][b] += loc[a][b] / total
        for ch, k in lchars.items():
            chars[ch] += k / total
        for pr, k in lpairs.items():
            pairs[pr] += k
    for ch, p in chars.items():
        ccls[cls(ord(ch))] += p
    ntypes = collections.Counter(a for a, _ in distinct)
    return big, chars, ccls, len(files), pairs, (follow, ntypes)


# Classes the training text has (next to) none of, scored as another class: emoji are
# symbols (category So) written where other symbols are, but prose corpora hold almost none,
# and a class never seen makes every emoji the least plausible character there is (a
# dropped byte of "👍" was read as the mathematical digit "𝟑" rather than as an emoji).
BORROW = {"EMOJI": "SYMBOL"}


def model_tables(big, chars, ccls):
    nc = len(CLASSES)
    big = [row[:] for row in big]
    for to, frm in BORROW.items():
        t, f = CI[to], CI[frm]
        for a in range(nc):
            big[a][t] += big[a][f]
        for b in range(nc):
            big[t][b] += big[f][b]
    uni = [sum(big[a][b] for a in range(nc)) for b in range(nc)]
    tot = sum(uni)
    # Never-seen classes still get a small unigram share so nothing is -inf.
    uni = [(u + tot * 1e-7) / (tot * (1 + nc * 1e-7)) for u in uni]
    k = 1e-4  # smoothing mass, relative to a row's total
    T = [[0] * nc for _ in range(nc)]
    for a in range(nc):
        row = sum(big[a])
        for b in range(nc):
            p = (big[a][b] + k * max(row, 1e-3) * uni[b]) / (row + k * max(row, 1e-3))
            T[a][b] = max(-32767, int(round(math.log(p) * SCALE)))
    # Emission: log P(c | class of c), from per-file-weighted frequencies.  A character
    # never seen gets half the smallest share seen in its class.
    emis = []
    floor = {}
    for ch, p in chars.items():
        c = cls(ord(ch))
        e = math.log(p / ccls[c])
        floor[c] = min(floor.get(c, 0.0), e)
        emis.append((ord(ch), max(-32767, int(round(e * SCALE)))))
    emis.sort()
    for to, frm in BORROW.items():
        if frm in floor:
            floor[to] = min(floor.get(to, 0.0), floor[frm])
    floors = [int(round((floor[n] - math.log(2)) * SCALE)) if n in floor else int(-16 * SCALE)
              for n in CLASSES]
    return T, (emis, floors)


def pair_tables(cset, pairs, fol):
    """Witten-Bell smoothed bigrams: P(b|a) = (c(a,b) + T(a) Pbo(b)) / (c(a) + T(a)), where
    T(a) is the number of distinct characters seen after a.  Stored: log(c(a,b)/(c(a)+T(a)))
    for pairs seen at least twice, and the backoff weight log(T(a)/(c(a)+T(a))) per a."""
    follow, ntypes = fol
    if len(cset) > 1024:
        sys.exit("gen_model: character set too large for 10-bit indexes")
    out = []
    for (a, b), k in pairs.items():
        if k >= 2:
            out.append(((a << 10) | b, max(-32767, int(round(math.log(k / (follow[a] + ntypes[a])) * SCALE)))))
    out.sort()
    bow = [0 if not follow[a] else int(round(math.log(ntypes[a] / (follow[a] + ntypes[a])) * SCALE))
           for a in range(len(cset))]
    return out, bow


def render(T, rare, nfiles, cset, ptab):
    out = []
    w = out.append
    w("/* Generated by tools/gen_model.py from ../shared/corpus/clean (udhr, leipzig,")
    w(" * literature; %d files). Do not edit; run `make model`. */" % nfiles)
    w("")
    w("enum {")
    for i, n in enumerate(CLASSES):
        w("    MC_C_%s = %d," % (n, i))
    w("    MC_NCLASSES = %d" % len(CLASSES))
    w("};")
    w("")
    w("#define MC_SCALE %d /* score units per nat */" % SCALE)
    w("")
    # Two-stage class table over the BMP.
    blocks = []
    index = {}
    stage1 = []
    for hi in range(256):
        blk = tuple(CI[cls((hi << 8) | lo)] for lo in range(256))
        if blk not in index:
            index[blk] = len(blocks)
            blocks.append(blk)
        stage1.append(index[blk])
    w("static const uint8_t mc_cls_stage1[256] = {")
    for i in range(0, 256, 32):
        w("    " + ",".join(str(v) for v in stage1[i:i + 32]) + ",")
    w("};")
    w("static const uint8_t mc_cls_stage2[%d][256] = {" % len(blocks))
    for blk in blocks:
        w("    {")
        for i in range(0, 256, 32):
            w("        " + ",".join(str(v) for v in blk[i:i + 32]) + ",")
        w("    },")
    w("};")
    w("")
    w("/* T[a][b]: log P(class b follows class a), in 1/MC_SCALE nats. */")
    w("static const int16_t mc_trans[MC_NCLASSES][MC_NCLASSES] = {")
    for a, row in enumerate(T):
        w("    {" + ",".join(str(v) for v in row) + "}, /* %s */" % CLASSES[a])
    w("};")
    w("")
    emis, floors = rare
    w("/* Emission: log P(character | its class) for every character seen; unseen ones get")
    w(" * their class's floor. */")
    w("static const int16_t mc_emis_floor[MC_NCLASSES] = {" + ",".join(str(v) for v in floors) + "};")
    w("#define MC_NEMIS %d" % len(emis))
    w("static const uint32_t mc_emis_cp[MC_NEMIS] = {")
    for i in range(0, len(emis), 12):
        w("    " + ",".join("0x%X" % cp for cp, _ in emis[i:i + 12]) + ",")
    w("};")
    w("static const int16_t mc_emis_val[MC_NEMIS] = {")
    for i in range(0, len(emis), 16):
        w("    " + ",".join(str(v) for _, v in emis[i:i + 16]) + ",")
    w("};")
    w("")
    w("/* Character bigrams over the covered set (index 0 = line boundary): key (a << 10) | b,")
    w(" * value log P(b | a). */")
    w("#define MC_NCSET %d" % len(cset))
    w("static const uint32_t mc_cset[MC_NCSET] = {")
    vals = [0xFFFFFFFF if c is None else c for c in cset]
    vals[0] = 0
    for i in range(0, len(vals), 12):
        w("    " + ",".join("0x%X" % v for v in vals[i:i + 12]) + ",")
    w("};")
    ptab, bow = ptab
    w("static const int16_t mc_bow[MC_NCSET] = {")
    for i in range(0, len(bow), 16):
        w("    " + ",".join(str(v) for v in bow[i:i + 16]) + ",")
    w("};")
    # Pairs grouped by their first character: the b's of a are
    # mc_pair_b[mc_pair_start[a] .. mc_pair_start[a + 1]), sorted.
    w("#define MC_NPAIRS %d" % len(ptab))
    starts = [0] * (len(cset) + 1)
    for key, _ in ptab:
        starts[(key >> 10) + 1] += 1
    for i in range(len(cset)):
        starts[i + 1] += starts[i]
    if len(ptab) > 65535:
        sys.exit("gen_model: too many pairs for 16-bit starts")
    w("static const uint16_t mc_pair_start[MC_NCSET + 1] = {")
    for i in range(0, len(starts), 16):
        w("    " + ",".join(str(v) for v in starts[i:i + 16]) + ",")
    w("};")
    w("static const uint16_t mc_pair_b[MC_NPAIRS] = {")
    for i in range(0, len(ptab), 16):
        w("    " + ",".join(str(k & 1023) for k, _ in ptab[i:i + 16]) + ",")
    w("};")
    w("static const int16_t mc_pair_val[MC_NPAIRS] = {")
    for i in range(0, len(ptab), 16):
        w("    " + ",".join(str(v) for _, v in ptab[i:i + 16]) + ",")
    w("};")
    w("")
    # Direct lookups over the BMP: character -> bigram-set index, character -> emission.
    def two_stage(name, ctype, value, default):
        blocks, index, stage1 = [], {}, []
        for hi in range(256):
            blk = tuple(value((hi << 8) | lo) for lo in range(256))
            if blk not in index:
                index[blk] = len(blocks)
                blocks.append(blk)
            stage1.append(index[blk])
        if len(blocks) > 255:
            sys.exit("gen_model: too many blocks for %s" % name)
        w("static const uint8_t %s_stage1[256] = {" % name)
        for i in range(0, 256, 32):
            w("    " + ",".join(str(v) for v in stage1[i:i + 32]) + ",")
        w("};")
        w("static const %s %s_stage2[%d][256] = {" % (ctype, name, len(blocks)))
        for blk in blocks:
            w("    {")
            for i in range(0, 256, 32):
                w("        " + ",".join(str(v) for v in blk[i:i + 32]) + ",")
            w("    },")
        w("};")
    cidx = {c: i for i, c in enumerate(cset) if c is not None}
    two_stage("mc_cset", "uint16_t", lambda cp: cidx.get(cp, 0), 0)
    ev = dict(emis)
    w("#define MC_EMIS_UNSEEN (-32768) /* use the class floor */")
    two_stage("mc_emis", "int16_t", lambda cp: ev.get(cp, -32768), -32768)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "clean"))
    ap.add_argument("-o", "--output")
    ap.add_argument("--check", metavar="FILE")
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        if a.check:
            print("gen_model: %s absent, check skipped" % a.corpus)
            return
        sys.exit("gen_model: no training corpus at %s" % a.corpus)
    cset = charset()
    big, chars, ccls, nfiles, pairs, follow = train(a.corpus, cset)
    T, rare = model_tables(big, chars, ccls)
    text = render(T, rare, nfiles, cset, pair_tables(cset, pairs, follow))
    write_or_check("gen_model", text, a.check, a.output, 40)


if __name__ == "__main__":
    main()
