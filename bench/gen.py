#!/usr/bin/env python3
"""gen.py: write the labelled benchmark inputs of `make bench`, deterministically.

SPDX-License-Identifier: MIT

Every input is made from this file's own word lists and templates.  When the project's
shared clean corpus is beside the repo (../shared/corpus/clean/leipzig), its sentences are
read at generation time for realistic mixed-script text; nothing from it is copied into
the repo.  Without it the synthetic word lists below are used.

Inputs (each about --mb megabytes unless said otherwise):
  ascii_en        pure ASCII English prose, paragraphs separated by blank lines
  mixed_script    clean text mixing Latin with accents, Cyrillic, Greek, CJK, Thai, Arabic
  non_latin       clean text that is mostly not Latin script
  mojibake        mixed-script lines, most of them UTF-8 mis-decoded as cp1252, cp1251
                  or cp874 (Python codecs) and encoded again; some double-encoded;
                  every line drawn afresh (the other inputs repeat a pool of paragraphs)
  boilerplate     articles with navigation lines, share lines, footers and comment forms,
                  as JSON Lines (one article per record, run with --jsonl), so that every
                  byte goes through the classifier (one 64 MB plain file would be one
                  document, analysed only up to MOJICLEAN_DOC_MAX)
  boilerplate_docs  the same articles, one per file, in a directory: the realistic case
  path_a_tilde    lines of 100 000 'Ã' in a row
  path_mojipair   one line, no newline at all, of 'â€' repeated
  path_alt_invalid  valid and invalid bytes alternating ('é', 0xFF, 'a', 0xC3 ...)
  legacy_1252     a legacy file: Latin-script lines written whole in windows-1252 (no line
                  is UTF-8; each is read as text in the page its language reads best)

Bulk inputs (the -j and gzip section of bench.py; --bulk-files 0 writes none):
  files/          --bulk-files documents of about --bulk-kb KiB each (0.75x to 1.25x, so
                  workers do not finish in lockstep), each a mix of articles with
                  boilerplate (about 85 % of the bytes) and, in equal numbers, clean
                  mixed-script and mojibake paragraphs (about 8 % each)
  files_gz/       the same documents gzipped (level 6, no name or time stamp)

Usage: gen.py [--out DIR] [--mb N] [--shared DIR] [--bulk-files N] [--bulk-kb N] [--list]
Files are rewritten only when missing or made with other parameters (a stamp file says).
"""

import argparse
import gzip
import json
import os
import random
import sys

VERSION = 4  # bump when the output changes, so old files are regenerated
# An input's own version, for a change to that input alone (its seed and stamp take it).
INPUT_VERSION = {"mojibake": 2}

# MARK: - Word lists (written for this benchmark)

EN_NOUNS = """council harbour river market school bridge station garden museum library
village county farmer teacher engineer report budget season storm road railway ferry
factory festival hospital court museum island valley company committee survey project
plan study minister winter summer spring autumn weather price power water energy
network service program tower coast forest mountain lake field crop family visitor
officer neighbour builder driver student record account decision result question
answer problem reason change change growth level rate share number group team""".split()
EN_VERBS = """opened closed announced reported said expected planned built moved started
finished raised reduced approved rejected described explained confirmed delayed visited
reached measured checked repaired replaced added removed improved supported""".split()
EN_ADJ = """new old local regional national small large early late public private
strong weak quiet busy narrow wide long short recent annual final first second
important careful simple difficult heavy light warm cold""".split()
EN_ADV = """quickly slowly again already still nearly almost finally recently mostly
carefully clearly openly briefly""".split()
EN_NAMES = """Carrow Fenwick Marston Ashby Holloway Brenton Kelso Dunmore Whitby Penrose
Alder Greaves Lindqvist Okafor Moreau Tanaka""".split()
EN_TEMPLATES = [
    "The {adj} {noun} {verb} the {noun} {adv}.",
    "{name} {verb} that the {noun} would be {adj} by the {season}.",
    "According to the {noun}, the {adj} {noun} was {verb} last {season}.",
    "Officials in {name} {verb} a {adj} {noun} for the {noun}.",
    "It is {adj} to see how the {noun} and the {noun} will change.",
    "A {adj} {noun} near {name} was {verb} after the {noun} {verb}.",
    "The {noun} has {adv} {verb} its {adj} {noun}, {name} said.",
    "Residents of {name} say the {noun} is {adj}, but the {noun} is not.",
]
SEASONS = ["spring", "summer", "autumn", "winter", "year", "month", "week"]

# Short word lists per script for the synthetic fallback (and to spice up corpus text).
SCRIPT_WORDS = {
    "fr": "été café élève déjà garçon naïve forêt château où très après première "
          "fenêtre hôpital réunion théâtre".split(),
    "de": "Straße Brücke Mädchen schön Größe über für König Bäcker Übung "
          "Fußgänger Gemüse".split(),
    "es": "niño año mañana corazón canción está jamás también árbol pingüino".split(),
    "pl": "źródło żółw łąka gęś ćma środa mąka święto".split(),
    "ru": "привет город река погода вечер школа работа дорога письмо дождь "
          "солнце книга".split(),
    "el": "καλημέρα θάλασσα πόλη ήλιος νερό σχολείο δρόμος βιβλίο ουρανός".split(),
    "zh": "今天 天气 城市 学校 河流 工作 朋友 新闻 市场 火车 图书馆 北京".split(),
    "ja": "こんにちは 東京 学校 電車 天気 ありがとう 図書館 ニュース 川 山".split(),
    "th": "สวัสดี โรงเรียน ประเทศ ภาษา ทะเล ตลาด หนังสือ ฝน".split(),
    "ar": "مرحبا مدينة مدرسة كتاب بحر سوق مطر شمس طريق".split(),
    "hi": "नमस्ते शहर नदी विद्यालय किताब बारिश सूरज".split(),
}
LEIPZIG_MIXED = ["fr", "de", "es", "pl", "cs", "tr", "vi", "ru", "uk", "el", "zh", "ja",
                 "ko", "th", "ar", "he", "hi", "en", "pt", "it"]
LEIPZIG_NON_LATIN = ["ru", "uk", "bg", "el", "zh", "ja", "ko", "th", "ar", "he", "hi",
                     "fa", "ka", "hy", "ta", "bn"]

BP_NAV = ["Home", "News", "Sport", "Business", "Opinion", "Culture", "Weather", "Contact",
          "Subscribe", "Sign in", "Menu", "Search"]
BP_FOOTER = [
    "{pub} is the one stop site for local news, opinion, weather and much more.",
    "Follow Us on Twitter, Instagram, Facebook, & LinkedIn",
    "Share this article: Facebook | Twitter | WhatsApp | Email",
    "Related Posts",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment",
    "Name *",
    "Email *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Back to top button",
    "Copyright © 2024 {pub}. All rights reserved.",
    "Privacy Policy | Terms of Use | Cookie Settings",
]
BP_PUBS = ["Harbour Ledger", "Valley Courier", "Northgate Post", "Island Herald",
           "County Chronicle"]


# MARK: - Text makers

def en_sentence(rng):
    t = rng.choice(EN_TEMPLATES)
    out = []
    i = 0
    while i < len(t):
        if t[i] == "{":
            j = t.index("}", i)
            key = t[i + 1:j]
            out.append(rng.choice({"adj": EN_ADJ, "noun": EN_NOUNS, "verb": EN_VERBS,
                                   "adv": EN_ADV, "name": EN_NAMES,
                                   "season": SEASONS}[key]))
            i = j + 1
        else:
            out.append(t[i])
            i += 1
    s = "".join(out)
    return s[0].upper() + s[1:]


def en_paragraph(rng):
    return " ".join(en_sentence(rng) for _ in range(rng.randint(3, 7)))


def synthetic_line(rng, langs):
    lang = rng.choice(langs)
    words = SCRIPT_WORDS[lang]
    sep = "" if lang in ("zh", "ja") else " "
    line = sep.join(rng.choice(words) for _ in range(rng.randint(6, 16)))
    end = "。" if lang in ("zh", "ja") else "."
    return line + end


def corpus_lines(shared, langs):
    """Sentences of the shared clean corpus for these languages, or [] without it."""
    if not shared:
        return []
    base = os.path.join(shared, "corpus", "clean", "leipzig")
    lines = []
    for lang in langs:
        path = os.path.join(base, lang + ".txt")
        try:
            with open(path, encoding="utf-8") as f:
                lines.extend(l.rstrip("\n") for l in f if l.strip())
        except OSError:
            continue
    return lines


def pool_writer(path, target, pool, rng, sep=b"\n\n"):
    """Write paragraphs drawn at random from `pool` (bytes) until about `target` bytes."""
    n = 0
    with open(path, "wb") as f:
        while n < target:
            p = pool[rng.randrange(len(pool))]
            f.write(p)
            f.write(sep)
            n += len(p) + len(sep)
    return n


def mojibake(text, rng):
    """`text` mis-decoded once (sometimes twice) by a legacy code page, or None when that
    code page cannot decode its bytes."""
    cps = ["cp1252", "cp1252", "cp1251", "cp874"]
    cp = rng.choice(cps)
    try:
        out = text.encode("utf-8").decode(cp)
        if rng.random() < 0.15:
            out = out.encode("utf-8").decode(cp)
        return out
    except UnicodeDecodeError:
        for cp in cps:  # another one may define every byte this text needs
            try:
                return text.encode("utf-8").decode(cp)
            except UnicodeDecodeError:
                pass
        return None


def article(rng, pub):
    lines = []
    if rng.random() < 0.7:
        lines.append(" | ".join(rng.sample(BP_NAV, rng.randint(4, 8))))
        lines.append("")
    lines.append(en_sentence(rng).rstrip("."))
    lines.append("")
    for _ in range(rng.randint(3, 8)):
        if rng.random() < 0.2:
            lines.append(rng.choice(EN_NAMES) + " " + rng.choice(EN_NOUNS).title())
            lines.append("")
        lines.append(en_paragraph(rng))
        lines.append("")
    lines.append("")
    for f in rng.sample(BP_FOOTER, rng.randint(4, len(BP_FOOTER))):
        lines.append(f.format(pub=pub))
        lines.append("")
    return "\n".join(lines)


# MARK: - Inputs

def gen_ascii_en(path, target, rng, shared):
    pool = [en_paragraph(rng).encode() for _ in range(3000)]
    return pool_writer(path, target, pool, rng)


def mixed_pool(rng, shared, langs, synth_langs, n=6000):
    lines = corpus_lines(shared, langs)
    pool = []
    for _ in range(n):
        k = rng.randint(1, 4)
        if lines:
            para = " ".join(rng.choice(lines) for _ in range(k))
        else:
            para = " ".join(synthetic_line(rng, synth_langs) for _ in range(k))
        pool.append(para)
    return pool


def gen_mixed(path, target, rng, shared):
    pool = mixed_pool(rng, shared, LEIPZIG_MIXED, list(SCRIPT_WORDS))
    # A third English, as mixed feeds usually are.
    pool += [en_paragraph(rng) for _ in range(len(pool) // 2)]
    return pool_writer(path, target, [p.encode() for p in pool], rng, b"\n")


def gen_non_latin(path, target, rng, shared):
    pool = mixed_pool(rng, shared, LEIPZIG_NON_LATIN,
                      ["ru", "el", "zh", "ja", "th", "ar", "hi"])
    return pool_writer(path, target, [p.encode() for p in pool], rng, b"\n")


def gen_mojibake(path, target, rng, shared):
    """Every line drawn afresh (no pool of paragraphs written over and over, as the other
    inputs are): 1 to 4 corpus sentences, or one English paragraph in five, and 80 % of
    them put through mojibake().  A pool of 5,000 lines repeated about 28 times would let a
    cache keyed by lines or runs look fast on this input without helping real text; drawn
    afresh, a line repeats only where the same single sentence is drawn twice."""
    lines = corpus_lines(shared, LEIPZIG_MIXED)
    synth = list(SCRIPT_WORDS)
    n = 0
    with open(path, "wb") as f:
        while n < target:
            if rng.random() < 0.2:
                p = en_paragraph(rng).replace(" the ", " the \u201c") + "\u2019s"
            elif lines:
                p = " ".join(rng.choice(lines) for _ in range(rng.randint(1, 4)))
            else:
                p = " ".join(synthetic_line(rng, synth) for _ in range(rng.randint(1, 4)))
            m = mojibake(p, rng) if rng.random() < 0.8 else None
            b = (m if m is not None else p).encode() + b"\n"
            f.write(b)
            n += len(b)
    return n


def gen_boilerplate(path, target, rng, shared):
    pool = [json.dumps({"id": i, "text": article(rng, rng.choice(BP_PUBS))},
                       ensure_ascii=False).encode() for i in range(1500)]
    return pool_writer(path, target, pool, rng, b"\n")


def gen_boilerplate_docs(path, target, rng, shared):
    os.makedirs(path, exist_ok=True)
    n = 0
    i = 0
    while n < target:
        doc = article(rng, rng.choice(BP_PUBS)).encode()
        with open(os.path.join(path, "%05d.txt" % i), "wb") as f:
            f.write(doc)
        n += len(doc)
        i += 1
    return n


def gen_a_tilde(path, target, rng, shared):
    line = "Ã" * 100000 + "\n"
    return pool_writer(path, target, [line.encode()], rng, b"")


def gen_mojipair(path, target, rng, shared):
    unit = "â€".encode() * 4096
    n = 0
    with open(path, "wb") as f:
        while n < target:
            f.write(unit)
            n += len(unit)
    return n


def gen_alt_invalid(path, target, rng, shared):
    unit = b"".join([b"\xc3\xa9\xff", b"a\xc3", b"\xe2\x82", b"x\x80", b"\xd0\xbf\xfe",
                     b"\xf0\x9f\x98\x80\xc0"] * 700) + b"\n"
    return pool_writer(path, target, [unit], rng, b"")


def gen_legacy_1252(path, target, rng, shared):
    """Lines of western European languages encoded in windows-1252, as old archived pages
    are (the characters that page lacks become '?')."""
    pool = mixed_pool(rng, shared, ["fr", "de", "es", "pt", "it", "en"], ["fr", "de", "es"], 3000)
    return pool_writer(path, target, [p.encode("cp1252", errors="replace") for p in pool],
                       rng, b"\n")


INPUTS = [
    ("ascii_en", gen_ascii_en, 1.0),
    ("mixed_script", gen_mixed, 1.0),
    ("non_latin", gen_non_latin, 1.0),
    ("mojibake", gen_mojibake, 1.0),
    ("boilerplate", gen_boilerplate, 1.0),
    ("boilerplate_docs", gen_boilerplate_docs, 0.5),
    ("path_a_tilde", gen_a_tilde, 0.25),
    ("path_mojipair", gen_mojipair, 0.25),
    ("path_alt_invalid", gen_alt_invalid, 0.25),
    ("legacy_1252", gen_legacy_1252, 0.25),
]


def gen_bulk(out, nfiles, kib, rng, shared):
    """files/NNNN.txt and files_gz/NNNN.txt.gz: the documents of the bulk section."""
    arts = [article(rng, rng.choice(BP_PUBS)) + "\n" for _ in range(600)]
    mixed = mixed_pool(rng, shared, LEIPZIG_MIXED, list(SCRIPT_WORDS), 2000)
    moji = [m for m in (mojibake(p, rng) for p in mixed_pool(rng, shared, LEIPZIG_MIXED,
                                                                list(SCRIPT_WORDS), 2000))
            if m is not None]
    pools = [[a.encode() for a in arts], [p.encode() + b"\n" for p in mixed],
             [p.encode() + b"\n" for p in moji]]
    plain, gz = os.path.join(out, "files"), os.path.join(out, "files_gz")
    for d in (plain, gz):
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):  # a smaller --bulk-files must not leave old files behind
            os.unlink(os.path.join(d, f))
    total = 0
    for i in range(nfiles):
        target = int(kib * 1024 * rng.uniform(0.75, 1.25))
        parts, n = [], 0
        while n < target:
            pool = pools[rng.choices((0, 1, 2), (2, 1, 1))[0]]
            p = pool[rng.randrange(len(pool))]
            parts.append(p)
            n += len(p)
        data = b"".join(parts)
        name = "%04d.txt" % i
        with open(os.path.join(plain, name), "wb") as f:
            f.write(data)
        with open(os.path.join(gz, name + ".gz"), "wb") as f:
            f.write(gzip.compress(data, compresslevel=6, mtime=0))
        total += n
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="build/bench")
    ap.add_argument("--mb", type=float, default=64.0, help="size of the main inputs in MB")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--list", action="store_true", help="print the inputs as JSON and exit")
    ap.add_argument("--bulk-files", type=int, default=None,
                    help="documents in files/ (default 200 at --mb 64, in proportion, >= 20)")
    ap.add_argument("--bulk-kb", type=float, default=256.0,
                    help="mean size of a bulk document in KiB (default 256)")
    args = ap.parse_args()
    shared = args.shared if os.path.isdir(os.path.join(args.shared, "corpus")) else None
    os.makedirs(args.out, exist_ok=True)
    made = []
    for name, fn, scale in INPUTS:
        ext = ".jsonl" if name == "boilerplate" else ".txt"
        path = os.path.join(args.out, name if name.endswith("_docs") else name + ext)
        target = int(args.mb * scale * 1e6)
        stamp_path = os.path.join(args.out, name + ".stamp")
        iv = INPUT_VERSION.get(name, 1)
        stamp = json.dumps({"v": VERSION, "target": target, "corpus": bool(shared)} if iv == 1
                           else {"v": VERSION, "iv": iv, "target": target, "corpus": bool(shared)})
        try:
            fresh = open(stamp_path).read() == stamp and os.path.exists(path)
        except OSError:
            fresh = False
        if not fresh and not args.list:
            print("gen.py: writing %s (%.0f MB%s)" % (path, target / 1e6,
                  ", corpus sentences" if shared and name in ("mixed_script", "non_latin",
                                                               "mojibake") else ""),
                  file=sys.stderr)
            # One generator per input, seeded by its name: inputs do not depend on order.
            rng = random.Random("mojiclean-bench-%d-%s" % (VERSION, name) +
                                ("" if iv == 1 else "-%d" % iv))
            fn(path, target, rng, shared)
            with open(stamp_path, "w") as f:
                f.write(stamp)
        made.append({"name": name, "path": path, "dir": name.endswith("_docs"),
                     "args": ["--jsonl"] if name == "boilerplate" else []})
    nfiles = args.bulk_files
    if nfiles is None:
        nfiles = max(20, round(200 * args.mb / 64))
    if nfiles > 0:
        stamp_path = os.path.join(args.out, "files.stamp")
        stamp = json.dumps({"v": VERSION, "files": nfiles, "kib": args.bulk_kb,
                            "corpus": bool(shared)})
        try:
            fresh = (open(stamp_path).read() == stamp and
                     len(os.listdir(os.path.join(args.out, "files"))) == nfiles and
                     len(os.listdir(os.path.join(args.out, "files_gz"))) == nfiles)
        except OSError:
            fresh = False
        if not fresh and not args.list:
            print("gen.py: writing %d files of about %g KiB in %s/files and files_gz" %
                  (nfiles, args.bulk_kb, args.out), file=sys.stderr)
            rng = random.Random("mojiclean-bench-%d-bulk" % VERSION)
            gen_bulk(args.out, nfiles, args.bulk_kb, rng, shared)
            with open(stamp_path, "w") as f:
                f.write(stamp)
        made.append({"name": "bulk", "path": os.path.join(args.out, "files"),
                     "gz": os.path.join(args.out, "files_gz"), "dir": True, "bulk": True})
    if args.list:
        json.dump(made, sys.stdout)
        print()


if __name__ == "__main__":
    main()
