#!/usr/bin/env python3
# gen_words.py: write src/words.inc, the word table that breaks ties between lost bytes.
# SPDX-License-Identifier: MIT
"""Learn a compact table of known words from clean text.

Where a byte was lost (dropped, or written as U+FFFD or '?'), several characters can fill
the gap ('Ñ�' is с, э, я, ѐ or ѝ), and the character model of src/model.inc often cannot
tell them apart.  src/fix.c then asks this table which of the readings makes a known word
(see doc/plausibility.md).

A *word* is a maximal run of letters and marks (Unicode categories L* and M*), lowercased
character by character with the simple case mapping (as utf8proc_tolower() does).  Kept:
the words seen at least --min-count times in the training text that contain a character
whose UTF-8 form has a continuation byte that can be lost (80-AA: the undefined bytes of
the legacy code pages, A0 for a no-break space) -- only such a word can ever be asked for.

The table is a Bloom filter: a word's 64-bit hash (FNV-1a over its code points, then the
splitmix64 finaliser) gives K bit positions h1 + i*h2 (mod M); all must be set.

It also says how common a word is, in bands: a word whose rate in some training file (per
million words of that file, seen at least BAND_MIN times there) reaches BANDS[b-1] is also
entered with band b, its hash then taken over the word followed by the code point
0x110000 + b (which no text holds).  Where several readings make known words (Arabic "ولم"
and "فلم", Norwegian "på" and Hungarian "pá"), a reading two bands above every other is the
word (see fix.c, break_ties()).  The bits
(16 per word: about 0.05% false positives) are written as 64-bit words, bit b of the
filter bit b % 64 of word b / 64, so the C side tests a bit without any set-up and the
table takes M/8 bytes of memory: a lookup touches pages all over it, so all of it is
resident (written as 6-bit digits, as before, it took a third more).

Training text: the clean corpus (../shared/corpus/clean: udhr/, leipzig/, literature/; the
hand-made traps in tricky/ are left out), read at generation time and never copied into the
repo.  Without that corpus, --check skips and -o leaves the table as it is.  --exclude FILE leaves out every training line
that contains, or is contained in, a line of FILE (to measure on held-out text).
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import c_array, corpus_args, corpus_missing, corpus_texts, write_or_check  # noqa: E402
import unicodedata

BANDS = (30, 300, 3000)  # words per million for bands 1, 2, 3
# Character trigrams, for words the table does not hold: the trigrams of every word (with
# U+0002 before it and U+0003 after it) that contain a character a lost byte could touch,
# seen at least NGRAM_MIN times in all (counted once per word occurrence), entered with
# their band (counts NGRAM_BANDS) hashed after U+110000 + NGRAM_SALT + band.
# Alphabets: for each training file, the letters U+0080-U+07FF it writes (lowercased) at
# least ALPHA_MIN times and ALPHA_RATE of its letters; fix.c asks which files write every
# letter a piece's repairs wrote, and which readings of a lost byte such a file writes too.
ALPHA_MIN = 3
ALPHA_RATE = 0.0005
NGRAM = 3
NGRAM_MIN = 2
NGRAM_BANDS = (20, 200, 2000)
NGRAM_SALT = 8
# Plain words: every other word seen (no character of it one a lost byte could touch, most
# of them ASCII), in a Bloom filter of their own, so that fix.c can tell a word after a
# space from letters that lost a no-break space before them ("Ã quele" is "àquele": no
# word "quele" was seen; "Ã noite" is "à noite").  Its false positives only keep a space
# where the model put it, so it takes fewer bits per word.
PLAIN_BITS_PER_WORD = 8
PLAIN_K = 6
BAND_MIN = 3  # ... and seen this often in that file (a small file says little about rates)
MIN_COUNT = 1  # every word seen: held out, words seen once helped (+3 dev cases, 0 at 2)
K = 10            # hashes: bits set per word
BITS_PER_WORD = 16  # M / words, rounded up to whole rows: false positives ~0.05%
ROW = 96            # M is a multiple of 6 * ROW (the size the table had as 6-bit digits)
MASK = (1 << 64) - 1
# Continuation bytes a lost-byte token may assume (mc_cp_lost in src/codepages.inc, and A0).
LOSSY_BYTES = set(range(0x81, 0xA0)) | {0xA0, 0xA1, 0xA5, 0xAA}


def is_letter(c):
    return unicodedata.category(c)[0] in "LM"


def lower(c):
    low = c.lower()
    if len(low) == 1:
        return low
    return "i" if c == "\u0130" else c  # simple case mapping, as utf8proc_tolower()


# An Assamese letter is hashed as the Bengali one (as_bengali() in src/fix.c, ASSAMESE_FOLD):
# the table's Bengali words answer for Assamese ones.
AS_BENGALI = {0x9F0: 0x9B0, 0x9F1: 0x9AC}


def word_hash(word, band=0):
    h = 0xCBF29CE484222325
    for c in word:
        o = ord(c)
        h = ((h ^ AS_BENGALI.get(o, o)) * 0x100000001B3) & MASK
    if band:
        h = ((h ^ (0x110000 + band)) * 0x100000001B3) & MASK
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & MASK
    return h ^ (h >> 31)


def lossy_char(c):
    return ord(c) >= 0x80 and any(b in LOSSY_BYTES for b in c.encode("utf-8")[1:])


def grams(word):
    p = "\x02" + word + "\x03"
    for i in range(len(p) - NGRAM + 1):
        g = p[i:i + NGRAM]
        if any(lossy_char(c) for c in g):
            yield g


def askable(word):
    """Whether a lost-byte reading could ever produce this word."""
    return any(any(b in LOSSY_BYTES for b in c.encode("utf-8")[1:]) for c in word if ord(c) >= 0x80)


class HeldOut:
    """The lines of a file, and which training lines overlap one of them."""

    W = 24  # window length of the index

    def __init__(self, path):
        self.lines = set()
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    self.lines.add(line)
        self.prefix = collections.defaultdict(list)  # first W characters -> lines
        self.window = collections.defaultdict(list)  # every W characters -> lines
        for line in sorted(self.lines):
            self.prefix[line[:self.W]].append(line)
            for i in range(max(1, len(line) - self.W + 1)):
                self.window[line[i:i + self.W]].append(line)

    def __contains__(self, line):
        s = line.strip()
        if not s:
            return False
        if s in self.lines:
            return True
        # The training line inside a held-out line ...
        if len(s) >= self.W:
            if any(s in ex for ex in self.window.get(s[:self.W], ())):
                return True
        elif any(s in ex for ex in self.lines):
            return True
        # ... or a held-out line inside the training line.
        for i in range(len(s) - self.W + 1):
            if any(ex in s for ex in self.prefix.get(s[i:i + self.W], ())):
                return True
        return False


def train(root, exclude):
    held = HeldOut(exclude) if exclude else ()
    counts = collections.Counter()
    bands = collections.Counter()  # word -> highest band in any file
    alphabets = []  # per file, its letters U+0080-U+07FF
    nfiles = dropped = 0
    for text in corpus_texts(root):
        nfiles += 1
        here = collections.Counter()
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if held and line in held:
                dropped += 1
                continue
            w = []
            for c in line + "\n":
                if is_letter(c):
                    w.append(lower(c))
                elif w:
                    here["".join(w)] += 1
                    w = []
        counts.update(here)
        letters = collections.Counter()
        for word, v in here.items():
            for c in word:
                letters[c] += v
        nl = sum(letters.values())
        alphabets.append(sorted(c for c, v in letters.items()
                                if 0x80 <= ord(c) < 0x800 and v >= max(ALPHA_MIN, ALPHA_RATE * nl)))
        total = sum(here.values())
        for word, v in here.items():
            if v < BAND_MIN:
                continue
            rate = v * 1e6 / total
            b = sum(1 for r in BANDS if rate >= r)
            if b > bands[word]:
                bands[word] = b
    return counts, bands, alphabets, nfiles, dropped


def render_alphabets(alphabets):
    letters = sorted(set(c for a in alphabets for c in a))
    words = (len(alphabets) + 63) // 64
    out = ["",
           "/* Alphabets (tools/gen_words.py): the letters U+0080-U+07FF that some training file",
           " * writes often (ALPHA_MIN, ALPHA_RATE), sorted, and for each the files that write it,",
           " * as bits (file f is bit f %% 64 of word f / 64): %d letters, %d files. */" % (len(letters), len(alphabets)),
           "#define MC_ALPHA_LETTERS %d" % len(letters),
           "#define MC_ALPHA_WORDS %d" % words,
           "static const uint16_t mc_alpha_letter[MC_ALPHA_LETTERS] = {"]
    for i in range(0, len(letters), 12):
        out.append("    " + ", ".join("0x%04X" % ord(c) for c in letters[i:i + 12]) + ",")
    out.append("};")
    out.append("static const uint64_t mc_alpha_files[MC_ALPHA_LETTERS][MC_ALPHA_WORDS] = {")
    for c in letters:
        m = [0] * words
        for f, a in enumerate(alphabets):
            if c in a:
                m[f // 64] |= 1 << (f % 64)
        out.append("    {" + ", ".join("0x%Xu" % x for x in m) + "},")
    out.append("};")
    return out


def render_plain(counts, min_count):
    words = sorted(w for w, v in counts.items() if v >= min_count and not askable(w))
    unit = 6 * ROW
    m = max(unit, -(-len(words) * PLAIN_BITS_PER_WORD // unit) * unit)
    bits = bytearray(m // 8)
    for w in words:
        h = word_hash(w)
        h1, h2 = h & 0xFFFFFFFF, (h >> 32) | 1
        for i in range(PLAIN_K):
            b = (h1 + i * h2) % m
            bits[b >> 3] |= 1 << (b & 7)
    ones = sum(bin(x).count("1") for x in bits)
    words64 = [int.from_bytes(bits[i:i + 8], "little") for i in range(0, m // 8, 8)]
    out = ["",
           "/* The other words seen (tools/gen_words.py, PLAIN_BITS_PER_WORD): %d words none of" % len(words),
           " * whose characters a lost byte could touch, in a Bloom filter of the same hash:",
           " * %d bits, %d hashes, about %.1f%% false positives. */" % (m, PLAIN_K, 100 * (ones / m) ** PLAIN_K),
           "#define MC_PLAIN_BITS %du" % m,
           "#define MC_PLAIN_HASHES %d" % PLAIN_K]
    out += c_array("static const uint64_t mc_plain_bits[MC_PLAIN_BITS / 64]", words64, 6, "0x%016xu")
    return out


def render(counts, bands, alphabets, nfiles, min_count, excluded):
    words = sorted(w for w, v in counts.items() if v >= min_count and askable(w))
    keys = [(w, b) for w in words for b in range(bands[w] + 1)]
    ngrams = collections.Counter()
    for w, v in counts.items():
        if askable(w):
            for g in grams(w):
                ngrams[g] += v
    nkeys = [(g, NGRAM_SALT + b) for g, v in sorted(ngrams.items()) if v >= NGRAM_MIN
             for b in range(1 + sum(1 for t in NGRAM_BANDS if v >= t))]
    keys += nkeys
    unit = 6 * ROW
    m = max(unit, -(-len(keys) * BITS_PER_WORD // unit) * unit)
    bits = bytearray(m // 8)
    for w, b in keys:
        h = word_hash(w, b)
        h1, h2 = h & 0xFFFFFFFF, (h >> 32) | 1
        for i in range(K):
            b = (h1 + i * h2) % m
            bits[b >> 3] |= 1 << (b & 7)
    ones = sum(bin(x).count("1") for x in bits)
    fp = (ones / m) ** K
    words64 = [int.from_bytes(bits[i:i + 8], "little") for i in range(0, m // 8, 8)]
    out = ["/* Generated by tools/gen_words.py from ../shared/corpus/clean (udhr, leipzig,",
           " * literature; %d files%s). Do not edit; run `make tables`." % (
               nfiles, "; lines of %s held out" % os.path.basename(excluded) if excluded else ""),
           " * A Bloom filter of the %d words seen %s that a lost byte could touch" % (
               len(words), "at least once" if min_count == 1 else "at least %d times" % min_count),
           " * and %d entries in frequency bands (%s per million), and %d of their" % (
               len(keys) - len(words) - len(nkeys), ", ".join(str(r) for r in BANDS), len(nkeys)),
           " * trigrams with their bands (seen %s times):" % ", ".join(str(r) for r in (NGRAM_MIN,) + NGRAM_BANDS),
           " * %d bits, %d per entry, %d hashes, about %.2f%% false positives. */" % (
               m, m // max(1, len(keys)), K, 100 * fp),
           "",
           "#define MC_WORD_BITS %du" % m,
           "#define MC_WORD_HASHES %d" % K,
           "#define MC_WORD_BANDS %d /* frequency bands above 0 */" % len(BANDS),
           "#define MC_NGRAM %d /* characters of a trigram entry */" % NGRAM,
           "#define MC_NGRAM_SALT %d /* its band b is entered as band MC_NGRAM_SALT + b */" % NGRAM_SALT,
           "#define MC_NGRAM_BANDS %d" % len(NGRAM_BANDS),
           "/* Continuation bytes a lost byte can be (bit b - 0x80): only words with a character"
           " holding one are entered. */",
           "#define MC_WORD_LOSSY_CONT UINT64_C(0x%016X)" % sum(1 << (b - 0x80) for b in LOSSY_BYTES)]
    out += c_array("static const uint64_t mc_word_bits[MC_WORD_BITS / 64]", words64, 6, "0x%016xu")
    out += render_plain(counts, min_count)
    out += render_alphabets(alphabets)
    return "\n".join(out) + "\n"


def main():
    ap = corpus_args(__doc__)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    a = ap.parse_args()
    if corpus_missing("gen_words", a):
        return
    counts, bands, alphabets, nfiles, dropped = train(a.corpus, a.exclude)
    if a.exclude:
        print("gen_words: %d training lines held out" % dropped, file=sys.stderr)
    text = render(counts, bands, alphabets, nfiles, a.min_count, a.exclude)
    write_or_check("gen_words", text, a.check, a.output, 20)


if __name__ == "__main__":
    main()
