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
import difflib
import math
import os
import sys
import unicodedata

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


def train(root):
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
        total = 0
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if not line:
                continue
            prev = CI["BOUND"]
            for ch in line:
                c = CI[cls(ord(ch))]
                loc[prev][c] += 1
                prev = c
                if ord(ch) >= 0x80:
                    lchars[ch] += 1
            loc[prev][CI["BOUND"]] += 1
            total += len(line) + 1
        if not total:
            continue
        for a in range(nc):
            for b in range(nc):
                if loc[a][b]:
                    big[a][b] += loc[a][b] / total
        for ch, k in lchars.items():
            chars[ch] += k / total
    for ch, p in chars.items():
        ccls[cls(ord(ch))] += p
    return big, chars, ccls, len(files)


def model_tables(big, chars, ccls):
    nc = len(CLASSES)
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
    # Rarity: compare a character with the "typical" member of its class: the mass of its
    # class divided by how many characters it takes to cover 90 % of that mass.
    typical = {}
    bycls = collections.defaultdict(list)
    for ch, p in chars.items():
        bycls[cls(ord(ch))].append(p)
    for c, ps in bycls.items():
        ps.sort(reverse=True)
        acc, n = 0.0, 0
        for p in ps:
            acc += p
            n += 1
            if acc >= 0.9 * ccls[c]:
                break
        typical[c] = ccls[c] / n
    rare = []
    for ch, p in chars.items():
        t = typical[cls(ord(ch))]
        r = math.log(p / t) - math.log(0.05)  # within 1/20 of typical costs nothing
        if r < 0:
            rare.append((ord(ch), max(-32767, int(round(r * SCALE)))))
        else:
            rare.append((ord(ch), 0))
    rare.sort()
    return T, rare


def render(T, rare, nfiles):
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
    w("/* Seen non-ASCII characters and their rarity (<= 0), sorted; unseen ones get")
    w(" * MC_RARE_UNSEEN. */")
    w("#define MC_NRARE %d" % len(rare))
    w("#define MC_RARE_UNSEEN %d" % int(-9 * SCALE))
    w("static const uint32_t mc_rare_cp[MC_NRARE] = {")
    for i in range(0, len(rare), 12):
        w("    " + ",".join("0x%X" % cp for cp, _ in rare[i:i + 12]) + ",")
    w("};")
    w("static const int16_t mc_rare_val[MC_NRARE] = {")
    for i in range(0, len(rare), 16):
        w("    " + ",".join(str(v) for _, v in rare[i:i + 16]) + ",")
    w("};")
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
    big, chars, ccls, nfiles = train(a.corpus)
    T, rare = model_tables(big, chars, ccls)
    text = render(T, rare, nfiles)
    if a.check:
        with open(a.check, encoding="utf-8") as f:
            old = f.read()
        if old != text:
            sys.stderr.writelines(list(difflib.unified_diff(old.splitlines(True), text.splitlines(True), a.check, "generated"))[:40])
            sys.exit("gen_model: %s is out of date; run `make tables`" % a.check)
        return
    if a.output:
        tmp = a.output + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, a.output)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
