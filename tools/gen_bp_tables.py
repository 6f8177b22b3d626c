#!/usr/bin/env python3
# gen_bp_tables.py: build src/bp_tables.inc (stop words, phrase lexicon, date words) for the
# boilerplate classifier from the plain-text lists in tools/bp_data/.
# SPDX-License-Identifier: MIT
"""Generate src/bp_tables.inc from tools/bp_data/.

Inputs (all hand-written, see the header comment of each file):
  tools/bp_data/stopwords/XX.txt  one stop word per line (20 to 64 languages); '@name' gives
                                  the language name, '@typical' the stop-word density of
                                  ordinary prose
  tools/bp_data/phrases.txt       CLASS|LANG|phrase lines ("phrase:" with a final colon: only
                                  as the label that opens a line, "Credit: ..."); each phrase
                                  is also entered without the accents of its Latin letters; a
                                  one-word phrase that is a stop word of another language is
                                  refused unless written as a label
  tools/bp_data/dates.txt         month and weekday names
  tools/bp_data/words.txt         CLASS word lines: relative-time words ("ago"), comment-header
                                  verbs ("says"), image file extensions
  tools/bp_data/weights.txt       STAGE NAME VALUE lines: the fitted weights of the two linear
                                  models (written by tools/fit_bp_weights.py)

Output: one open-addressing hash table keyed by a 64-bit hash of a token sequence (each
token's bytes hashed eight at a time, the tokens' hashes folded in order), exactly as
src/boilerplate.c tokenises, lowercases and hashes text.
Each slot carries the stop-word language mask of a single token, the phrase class of a full
phrase, a "prefix" bit when a longer phrase continues, a "date word" bit and the word-class
bits of words.txt.  The weights become two initialiser macros, BP_W1_INIT and BP_W2_INIT,
indexed by the feature enums of src/boilerplate.c.

Usage: gen_bp_tables.py [--check] [-o FILE | FILE]
  --check  regenerate into a temporary file and compare with src/bp_tables.inc; exit 1 on drift.
The output depends only on the input files (sorted traversal, no timestamps).
"""
import argparse
import os
import re
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tools", "bp_data")
OUT = os.path.join(ROOT, "src", "bp_tables.inc")

# Phrase classes; the numbers are the codes boilerplate.c uses (0 = none).
CLASSES = ["comment", "share", "cookie", "newsletter", "copyright", "related", "nav", "legal",
           "ad", "selfdesc", "tags"]
MAX_PHRASE_TOKENS = 12
# Word classes of words.txt and their info bits.
WORD_CLASSES = {"ago": 0x40, "say": 0x80, "image": 0x100, "by": 0x400, "posted": 0x800,
                "byafter": 0x1000}
# Info bit of a phrase written with a final colon: it only counts as a line's label.
LABEL_ONLY = 0x200

HASH_MUL = 0x9e3779b97f4a7c15
HASH_SEED = 0x243f6a8885a308d3
HASH_STEP = 0x632be59bd9b4e019
MASK64 = (1 << 64) - 1


def fail(msg):
    sys.stderr.write("gen_bp_tables.py: %s\n" % msg)
    sys.exit(2)


# --- character classes: must match cp_class() and cp_lower() in src/boilerplate.c ---------
SEP, WORD, CJK = 0, 1, 2

PUNCT_IN_LETTER_RANGES = {0x37E, 0x387, 0x589, 0x5BE, 0x5C0, 0x5C3, 0x60C, 0x61B, 0x61F, 0x6D4,
                          0x964, 0x965, 0x104A, 0x104B, 0x1362, 0x1363, 0x1364, 0x1365, 0x1366,
                          0x1367, 0x1368, 0x17D4, 0x17D5}


def cp_class(c):
    if c < 0x80:
        return WORD if (0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A) else SEP
    if c < 0xC0 or c == 0xD7 or c == 0xF7:
        return SEP
    if c < 0x2000:
        return SEP if c in PUNCT_IN_LETTER_RANGES else WORD
    if c < 0x2C00:
        return SEP
    if 0x2E00 <= c < 0x2E80:
        return SEP
    if 0x3000 <= c < 0x3040:
        return SEP
    if 0x3040 <= c < 0x3100:
        return SEP if c == 0x30FB else CJK
    if 0x3400 <= c < 0x4DC0 or 0x4E00 <= c < 0xA000 or 0xF900 <= c < 0xFB00:
        return CJK
    if 0xE000 <= c < 0xF900:
        return SEP
    if 0xFE10 <= c < 0xFE70:
        return SEP
    if 0xFF00 <= c < 0xFFF0:
        if 0xFF10 <= c <= 0xFF19 or 0xFF21 <= c <= 0xFF3A or 0xFF41 <= c <= 0xFF5A:
            return WORD
        if 0xFF66 <= c <= 0xFF9F:
            return CJK
        return SEP
    if 0xFFF0 <= c < 0x10000:
        return SEP
    if 0x1F000 <= c < 0x20000:
        return SEP
    if 0x20000 <= c < 0x40000:
        return CJK
    return WORD


def cp_lower(c):
    if 0x41 <= c <= 0x5A:
        return c + 0x20
    if c < 0xC0:
        return c
    if c <= 0xDE:
        return c if c == 0xD7 else c + 0x20
    if c == 0x130:
        return 0x69  # Turkish dotted capital I
    if 0x100 <= c <= 0x137:
        return c | 1
    if 0x139 <= c <= 0x148 or 0x179 <= c <= 0x17E:
        return c + 1 if c & 1 else c
    if 0x14A <= c <= 0x177:
        return c | 1
    if c == 0x178:
        return 0xFF
    if 0x391 <= c <= 0x3A9 and c != 0x3A2:
        return c + 0x20
    if c == 0x386:
        return 0x3AC
    if 0x388 <= c <= 0x38A:
        return c + 0x25
    if c == 0x38C:
        return 0x3CC
    if 0x38E <= c <= 0x38F:
        return c + 0x3F
    if 0x410 <= c <= 0x42F:
        return c + 0x20
    if 0x400 <= c <= 0x40F:
        return c + 0x50
    if c == 0x1A0 or c == 0x1AF:
        return c + 1  # Vietnamese horned O and U
    if 0x1E00 <= c <= 0x1E95 or 0x1EA0 <= c <= 0x1EFF:
        return c | 1  # Latin Extended Additional (Vietnamese): capital even, small odd
    return c


def tokens(text):
    """Split text into lowercased tokens the way boilerplate.c does: runs of WORD characters,
    and every CJK character on its own."""
    out, cur = [], []
    for ch in text:
        c = ord(ch)
        k = cp_class(c)
        if k == WORD:
            cur.append(chr(cp_lower(c)))
            continue
        if cur:
            out.append("".join(cur))
            cur = []
        if k == CJK:
            out.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def tok_hash(data):
    """Key of one token: its UTF-8 bytes eight at a time (little-endian words, the last one
    padded with zero bytes), as tok_hash() and the word scanner of src/boilerplate.c."""
    h = HASH_SEED
    for i in range(0, len(data), 8):
        w = int.from_bytes(data[i:i + 8], "little")
        h = ((h ^ w) * HASH_MUL) & MASK64
        h ^= h >> 32
    return h


def key_of(toks):
    """Key of a token sequence: the tokens' keys folded in order, as seq_hash()."""
    h = tok_hash(toks[0].encode("utf-8"))
    for t in toks[1:]:
        h = ((h ^ ((tok_hash(t.encode("utf-8")) + HASH_STEP) & MASK64)) * HASH_MUL) & MASK64
        h ^= h >> 29
    return h


def unaccented(word):
    """`word` without the combining marks of its Latin letters ("síguenos" -> "siguenos");
    other scripts' marks (Arabic vowels, Devanagari signs) are part of their spelling."""
    out = []
    for ch in word:
        d = unicodedata.normalize("NFD", ch)
        if len(d) > 1 and d[0] < "\u0250" and all(unicodedata.combining(m) for m in d[1:]):
            ch = d[0]
        out.append(ch)
    return "".join(out)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield n, line


def load():
    langs = []  # (code, name, typical, [words])
    sdir = os.path.join(DATA, "stopwords")
    for fn in sorted(os.listdir(sdir)):
        if not fn.endswith(".txt"):
            continue
        code = fn[:-4]
        name, typical, words = code, None, []
        for n, line in read_lines(os.path.join(sdir, fn)):
            if line.startswith("@name "):
                name = line[6:].strip()
            elif line.startswith("@typical "):
                typical = float(line[9:])
            else:
                t = tokens(line)
                if len(t) != 1 or t[0] != line:
                    fail("%s:%d: %r is not one lowercase token" % (fn, n, line))
                words.append(line)
        if typical is None:
            fail("%s: no @typical line" % fn)
        if not 0.05 <= typical <= 0.8:
            fail("%s: @typical %.3f out of range" % (fn, typical))
        langs.append((code, name, typical, words))
    if len(langs) < 20 or len(langs) > 64:
        fail("need 20..64 stop-word languages, have %d" % len(langs))

    phrases = []  # (tokens, class index)
    for n, line in read_lines(os.path.join(DATA, "phrases.txt")):
        parts = line.split("|")
        if len(parts) != 3:
            fail("phrases.txt:%d: want CLASS|LANG|phrase" % n)
        cls, lang, text = parts
        if cls not in CLASSES:
            fail("phrases.txt:%d: unknown class %r" % (n, cls))
        label_only = text.endswith(":")
        if label_only:
            text = text[:-1]
        t = tokens(text)
        if not t or len(t) > MAX_PHRASE_TOKENS:
            fail("phrases.txt:%d: phrase has %d tokens" % (n, len(t)))
        if "".join(t) != "".join(ch for ch in text if cp_class(ord(ch)) != SEP):
            fail("phrases.txt:%d: %r is not lowercase" % (n, text))
        # A one-word phrase that is a stop word of another language would fire inside that
        # language's prose (Danish "del", share, in Spanish and Italian text): only as a label.
        if len(t) == 1 and not label_only:
            other = sorted(code for code, _, _, words in langs if code != lang and t[0] in words)
            if other:
                fail("phrases.txt:%d: %r is a stop word of %s: write it as a label (%r)"
                     % (n, text, ", ".join(other), text + ":"))
        phrases.append((t, CLASSES.index(cls) + 1, label_only))
    # The same phrase typed without its accents ("siguenos en" for "síguenos en", "zobacz
    # rowniez"): scraped pages and hurried editors drop them.  Not where that spelling is
    # already a phrase, a stop word or a word of another list ("crédit" would make the
    # label-only "credit:" a phrase anywhere), nor where two classes would claim it.
    taken = {tuple(t) for t, _, _ in phrases} | {(w,) for l in langs for w in l[3]}
    taken |= {(line,) for _, line in read_lines(os.path.join(DATA, "dates.txt"))}
    taken |= {(line.split()[-1],) for _, line in read_lines(os.path.join(DATA, "words.txt"))}
    bare = {}
    for t, cls, lab in phrases:
        b = tuple(unaccented(w) for w in t)
        if b == tuple(t) or b in taken:
            continue
        if b in bare and bare[b][0] != cls:
            taken.add(b)
            del bare[b]
            continue
        bare[b] = (cls, bare.get(b, (cls, True))[1] and lab)
    phrases += [(list(b), cls, lab) for b, (cls, lab) in sorted(bare.items())]
    langs_in_phrases = {line.split("|")[1] for _, line in read_lines(os.path.join(DATA, "phrases.txt"))}
    if len(langs_in_phrases) < 20:
        fail("phrase lexicon covers %d languages, need >= 20" % len(langs_in_phrases))

    dates = []
    for n, line in read_lines(os.path.join(DATA, "dates.txt")):
        t = tokens(line)
        if len(t) != 1 or t[0] != line:
            fail("dates.txt:%d: %r is not one lowercase token" % (n, line))
        dates.append(line)

    words = []  # (word, info bit)
    for n, line in read_lines(os.path.join(DATA, "words.txt")):
        parts = line.split()
        if len(parts) != 2 or parts[0] not in WORD_CLASSES:
            fail("words.txt:%d: want CLASS word with CLASS in %s" % (n, "/".join(WORD_CLASSES)))
        t = tokens(parts[1])
        if len(t) != 1 or t[0] != parts[1]:
            fail("words.txt:%d: %r is not one lowercase token" % (n, parts[1]))
        words.append((parts[1], WORD_CLASSES[parts[0]]))

    weights = {"w1": [], "w2": []}
    for n, line in read_lines(os.path.join(DATA, "weights.txt")):
        parts = line.split()
        if len(parts) != 3 or parts[0] not in weights or not re.match(r"^[XY]_[A-Z0-9_]+$", parts[1]):
            fail("weights.txt:%d: want w1|w2 X_NAME VALUE" % n)
        try:
            v = float(parts[2])
        except ValueError:
            fail("weights.txt:%d: %r is not a number" % (n, parts[2]))
        weights[parts[0]].append((parts[1], v))
    if not weights["w1"] or not weights["w2"]:
        fail("weights.txt: both w1 and w2 weights are needed")
    return langs, phrases, dates, words, weights


def build(langs, phrases, dates, wordcls):
    # key -> [stopmask, cls, prefix, date]
    ent = {}
    texts = {}

    def slot(toks):
        k = key_of(toks)
        s = " ".join(toks)
        if k in texts and texts[k] != s:
            fail("hash collision between %r and %r" % (texts[k], s))
        texts[k] = s
        return ent.setdefault(k, [0, 0, 0, 0, 0])

    for i, (_, _, _, words) in enumerate(langs):
        for w in words:
            slot([w])[0] |= 1 << i
    label_only = {}
    for toks, cls, lab in phrases:
        e = slot(toks)
        if e[1] and e[1] != cls:
            fail("phrase %r has two classes" % " ".join(toks))
        e[1] = cls
        k = key_of(toks)
        label_only[k] = label_only.get(k, True) and lab
        for j in range(1, len(toks)):
            slot(toks[:j])[2] = 1
    for w in dates:
        slot([w])[3] = 1
    for w, bit in wordcls:
        slot([w])[4] |= bit
    for k, lab in label_only.items():
        if lab:
            ent[k][4] |= LABEL_ONLY

    size = 1
    while 3 * size < 5 * len(ent):  # load at most 3/5: linear probing stays short, and the table small (its pages count towards the peak RSS bar)
        size *= 2
    table = [None] * size
    for k in sorted(ent):
        i = k & (size - 1)
        while table[i] is not None:
            i = (i + 1) & (size - 1)
        table[i] = k
    return ent, table, size


def render(langs, phrases, dates, words, weights):
    ent, table, size = build(langs, phrases, dates, words)
    o = []
    o.append("/* Generated by tools/gen_bp_tables.py from tools/bp_data/ (stopwords/XX.txt, "
             "phrases.txt, dates.txt, words.txt, weights.txt). Do not edit. */")
    o.append("/* SPDX-License-Identifier: MIT */")
    o.append("")
    o.append("#define BP_NLANG %d" % len(langs))
    o.append("#define BP_MAX_PHRASE_TOKENS %d" % MAX_PHRASE_TOKENS)
    o.append("#define BP_TABLE_BITS %d" % (size.bit_length() - 1))
    o.append("#define BP_NCLASS %d" % len(CLASSES))
    o.append("")
    o.append("static const char *const bp_lang_code[BP_NLANG] = {")
    o.append("    " + ", ".join('"%s"' % c for c, _, _, _ in langs))
    o.append("};")
    o.append("")
    o.append("/* Stop-word density of ordinary prose, in thousandths, per language. */")
    o.append("static const uint16_t bp_lang_typical[BP_NLANG] = {")
    o.append("    " + ", ".join("%d" % round(t * 1000) for _, _, t, _ in langs))
    o.append("};")
    o.append("")
    o.append("static const char *const bp_class_name[BP_NCLASS + 1] = {")
    o.append("    \"none\", " + ", ".join('"%s"' % c for c in CLASSES))
    o.append("};")
    o.append("")
    o.append("/* Slot: key (hash of the lowercased tokens, see key_of(); 0 = empty slot),")
    o.append(" * stop-word language mask, info = phrase class | 0x10 prefix | 0x20 date word")
    o.append(" * | 0x40 relative-time word | 0x80 comment-header verb | 0x100 image extension")
    o.append(" * | 0x200 label only (a phrase written with a final colon) | 0x400 byline word")
    o.append(" * | 0x800 participle before a byline word | 0x1000 byline word after one. */")
    o.append("static const struct bp_slot {")
    o.append("    uint64_t key;")
    o.append("    uint64_t stop;")
    o.append("    uint32_t info;")
    o.append("} bp_table[1u << BP_TABLE_BITS] = {")
    for k in table:
        if k is None:
            o.append("    {0, 0, 0},")
            continue
        if k == 0:
            fail("a key hashes to 0, which marks empty slots")
        stop, cls, pre, date, wbits = ent[k]
        info = cls | (0x10 if pre else 0) | (0x20 if date else 0) | wbits
        o.append("    {0x%016xu, 0x%016xu, 0x%02xu}," % (k, stop, info))
    o.append("};")
    o.append("")
    o.append("/* Fitted weights (tools/bp_data/weights.txt, from tools/fit_bp_weights.py): stage 1")
    o.append(" * scores a block from its own features, stage 2 from its score and its context. */")
    for stage, macro in (("w1", "BP_W1_INIT"), ("w2", "BP_W2_INIT")):
        items = ["[%s] = %.4ff" % (name, v) for name, v in weights[stage]]
        o.append("#define %s { \\" % macro)
        for i in range(0, len(items), 4):
            o.append("    %s, \\" % ", ".join(items[i:i + 4]))
        o.append("}")
    return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true",
                    help="compare a fresh rendering with FILE; exit 1 if they differ")
    ap.add_argument("-o", "--out", default=None, help="output file (default src/bp_tables.inc)")
    ap.add_argument("file", nargs="?", default=None, help="same as --out")
    a = ap.parse_args()
    a.out = a.out or a.file or OUT
    text = render(*load())
    if a.check:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".inc", delete=False) as t:
            t.write(text)
            tmp = t.name
        try:
            with open(a.out, encoding="utf-8") as f:
                cur = f.read()
        except OSError:
            cur = None
        os.unlink(tmp)
        if cur != text:
            sys.stderr.write("gen_bp_tables.py: %s is out of date; run tools/gen_bp_tables.py\n" % a.out)
            return 1
        return 0
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
