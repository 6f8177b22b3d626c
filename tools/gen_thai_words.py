#!/usr/bin/env python3
# gen_thai_words.py: write src/thai_words.inc, the Thai word list that segments a stretch of Thai.
# SPDX-License-Identifier: MIT
"""Hash the words of a Thai dictionary for src/fix.c's thai_words().

Where bytes of Thai letters were lost (see tools/gen_thai.py), the character four-grams
pick the readings of each lost byte, and sometimes pick a wrong word that reads well
letter by letter ("แรงเรียน" for "โรงเรียน", "ข่า" for "ป่า").  Thai writes no spaces, so
src/fix.c then weighs each reading also by how few dictionary words the stretch breaks
into (maximal matching, the usual way to cut Thai into words): "โรงเรียน" is one word,
"แรงเรียน" two.

Source: the Thai word list of hunspell-th (Debian package hunspell-th,
/usr/share/hunspell/th_TH.dic, NECTEC's dictionary, LGPL), read at generation time.  The
table holds no word, only a 32-bit FNV-1a hash of each word of 2 to MAX_LEN characters of
the Thai block (as the symbols 1-91 of tools/gen_thai.py), sorted, and an index of where
the hashes of each value of their top 12 bits begin (a search then looks at a dozen
keys); and a Bloom filter of the hashes of each shorter beginning of a word, so that a
search for words stops early.  The beginnings outnumber the words almost three to one:
as sorted keys they took 0.9 MB of the program, resident wherever Thai lost bytes are read
(peak RSS over its 16 MB bar); the filter takes 128 KiB, and a false beginning costs only
a longer search.  Each word also
has a frequency class, 2 log2(n + 1) (at most 63), where n is how often it is one of the
cheapest cut (a word 1, a character no word covers 2) of the Thai of the clean corpus
(../shared/corpus/clean: udhr/, leipzig/, literature/, read at generation time); --exclude
FILE leaves out corpus lines that overlap a line of FILE (as tools/gen_thai.py does).
Without the word list or the corpus, --check skips and -o leaves the table as it is
(.ci/run installs hunspell-th).
"""
import argparse
import collections
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import c_array, corpus_texts, write_or_check  # noqa: E402
from gen_words import HeldOut  # noqa: E402

FIRST, LAST = 0x0E01, 0x0E5B
BUCKET_BITS = 12
PRE_BITS = 20  # the Bloom filter of beginnings: 2^20 bits (128 KiB), two bits per beginning
MAX_LEN = 16  # longer words are left out (1.6% of the list); src/fix.c looks no further
DIC = "/usr/share/hunspell/th_TH.dic"


def fnv(syms):
    h = 0x811C9DC5
    for s in syms:
        h = ((h ^ s) * 0x01000193) & 0xFFFFFFFF
    return h


def words(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines[1:]:  # (the first line is the count)
        w = line.split("/")[0].strip()
        if 2 <= len(w) <= MAX_LEN and all(FIRST <= ord(c) <= LAST for c in w):
            out.append(w)
    return out


def counts(root, ws, exclude):
    """How often each word of ws is one of the cheapest cut of the corpus's Thai."""
    held = HeldOut(exclude) if exclude else ()
    wset = set(ws)
    n = collections.Counter()
    for text in corpus_texts(root):
        if not any(FIRST <= ord(c) <= LAST for c in text):
            continue
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if held and line in held:
                continue
            for run in re.findall("[\u0e01-\u0e5b]+", line):
                # (cheapest cut: a word 1, a character no word covers 2)
                best = [(0, 0)] + [(1 << 30, 0)] * len(run)
                for i in range(len(run)):
                    if best[i][0] + 2 < best[i + 1][0]:
                        best[i + 1] = (best[i][0] + 2, i)
                    for j in range(i + 2, min(len(run), i + MAX_LEN) + 1):
                        if run[i:j] in wset and best[i][0] + 1 < best[j][0]:
                            best[j] = (best[i][0] + 1, i)
                j = len(run)
                while j:
                    i = best[j][1]
                    if j - i >= 2:
                        n[run[i:j]] += 1
                    j = i
    return n


def bloom_bits(h):
    """The two bits of hash h in the Bloom filter of beginnings (as fix.c, thai_wflags())."""
    return (h >> (32 - PRE_BITS), ((h * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - PRE_BITS))


def render(ws, path, n, excluded=None):
    words = set(fnv([ord(c) - FIRST + 1 for c in w]) for w in ws)
    # The frequency class of each word: 2 log2(count + 1), at most 63, in bits 2-7 of its flags.
    cls = collections.Counter()
    for w in set(ws):
        h = fnv([ord(c) - FIRST + 1 for c in w])
        c = min(63, int(round(2 * math.log2(n[w] + 1))))
        cls[h] = max(cls[h], c)
    pres = set(fnv([ord(c) - FIRST + 1 for c in w[:i]]) for w in ws for i in range(1, len(w)))
    keys = sorted(words)
    flags = [1 | cls[h] << 2 for h in keys]
    # Where the keys of each value of the top BUCKET_BITS bits begin.
    at = [0] * ((1 << BUCKET_BITS) + 1)
    for h in keys:
        at[(h >> (32 - BUCKET_BITS)) + 1] += 1
    for i in range(1, len(at)):
        at[i] += at[i - 1]
    # The beginnings: a Bloom filter of PRE_BITS bits, two per beginning (bloom_bits()).
    bloom = [0] * ((1 << PRE_BITS) // 64)
    for h in pres:
        for b in bloom_bits(h):
            bloom[b >> 6] |= 1 << (b & 63)
    set_bits = sum(bin(x).count("1") for x in bloom)
    false_rate = (set_bits / float(1 << PRE_BITS)) ** 2
    out = ["/* Generated by tools/gen_thai_words.py from %s (Debian package hunspell-th:" % path,
           " * NECTEC's Thai word list, LGPL) and ../shared/corpus/clean (udhr, leipzig, literature%s)." % (
               "; lines of %s held out" % os.path.basename(excluded) if excluded else ""),
           " * Do not edit; run `make tables`.",
           " * The 32-bit FNV-1a hashes (each character as its symbol U+0E01 -> 1 ... U+0E5B -> 91, one",
           " * byte) of its %d words of 2 to %d characters of the Thai block, sorted, each with its" % (
               len(keys), MAX_LEN),
           " * flags (1: a word; bits 2-7: its frequency class, 2 log2(n + 1) for n times in the",
           " * cheapest cuts of the corpus's Thai into words), and where the keys of each value of",
           " * their top %d bits begin; and a Bloom filter of the hashes of the %d shorter beginnings" % (
               BUCKET_BITS, len(pres)),
           " * of words (to stop looking for a word early): %d bits, two per beginning (bit h >> %d" % (
               1 << PRE_BITS, 32 - PRE_BITS),
           " * and bit (h * 0x9E3779B1 mod 2^32) >> %d), %d set; a false beginning (about %.1f%%" % (
               32 - PRE_BITS, set_bits, 100 * false_rate),
           " * of other hashes) costs a longer search, never another result. */",
           "",
           "#define MC_THAI_PREBITS %d" % PRE_BITS,
           "#define MC_THAI_WMAX %d" % MAX_LEN,
           "#define MC_THAI_WBITS %d" % BUCKET_BITS,
           "#define MC_THAI_NWKEY %d" % len(keys)]
    out += c_array("static const uint32_t mc_thai_wkey[MC_THAI_NWKEY]", keys, 8, "0x%08x")
    out += c_array("static const uint8_t mc_thai_wflag[MC_THAI_NWKEY]", flags, 40, "%d")
    out += c_array("static const uint64_t mc_thai_wpre[(1 << MC_THAI_PREBITS) / 64]", bloom, 6, "0x%016xu")
    out += c_array("static const uint32_t mc_thai_wat[(1 << MC_THAI_WBITS) + 1]", at, 12, "%d")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dic", default=DIC)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                     "shared", "corpus", "clean"))
    ap.add_argument("--exclude", metavar="FILE", help="leave out corpus lines that overlap a line of FILE")
    ap.add_argument("-o", "--output")
    ap.add_argument("--check", metavar="FILE")
    a = ap.parse_args()
    if not os.path.isfile(a.dic) or not os.path.isdir(a.corpus):
        if a.check or a.output:
            what = a.dic + " (apt-get install hunspell-th)" if not os.path.isfile(a.dic) else a.corpus
            print("gen_thai_words: %s absent, %s" % (what, "check skipped" if a.check else "%s left as it is" % a.output))
            return
        sys.exit("gen_thai_words: no word list at %s or no corpus at %s" % (a.dic, a.corpus))
    ws = words(a.dic)
    n = counts(a.corpus, ws, a.exclude)
    if a.exclude:
        print("gen_thai_words: corpus lines of %s held out" % a.exclude, file=sys.stderr)
    text = render(ws, a.dic, n, a.exclude)
    write_or_check("gen_thai_words", text, a.check, a.output, 20)


if __name__ == "__main__":
    main()
