#!/usr/bin/env python3
"""raw_lines.py: how much of text written in windows-1252 inside UTF-8 the program restores.

    python3 tools/raw_lines.py [--bin build/mojiclean] [--langs en,fr,de,...] [--per-lang N]
                               [--corpus DIR] [--encoding ENC] [--urandom N] [--show N]

Bytes that are not UTF-8 pass through unchanged except windows-1252 plainly pasted into
UTF-8 text (doc/plausibility.md, "Bytes that are not UTF-8").  This tool takes the first
--per-lang lines with a character outside ASCII of each language's Leipzig file in
../shared/corpus/clean/leipzig that windows-1252 can write, writes each line whole in
windows-1252 (its letters and its punctuation raw), runs `BIN --no-strip` over them, and
counts the lines that come back as the UTF-8 line (exact), as they went in (unchanged),
with some raw bytes written right and the others left (partial), and with a character
written that the line did not hold (wrong: the one outcome that must stay 0).

With --urandom N it also runs N samples of 100,000 bytes of /dev/urandom through the
program and counts the changes --explain reports: binary data should come out as it went
in, and only "lines" of a few bytes between line ends can look like text.

With --encoding (a Python codec: cp1254, cp1250, cp1257, mac_roman) the lines are written in
that code page instead, e.g. `--encoding cp1254 --langs tr,az`: raw_plan() reads a line's raw
bytes in the code page whose reading the line's language prefers (RAW_PAGES).

With --quotes N it takes instead the first N lines of all the Leipzig files (in name order)
that hold a curly quote or a guillemet, writes each such mark raw in windows-1252 or leaves
it in UTF-8 at random (seed 1), the rest in UTF-8: raw quotes pair with UTF-8 ones
(RAW_VALID_QUOTES).
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(HERE, '..', 'build', 'mojiclean'))
    ap.add_argument('--langs', default='en,fr,de,es,it,pt,nl,sv,da,ca,is')
    ap.add_argument('--per-lang', type=int, default=400)
    ap.add_argument('--corpus', default=os.path.join(HERE, '..', '..', 'shared', 'corpus', 'clean', 'leipzig'))
    ap.add_argument('--encoding', default='cp1252')
    ap.add_argument('--quotes', type=int, default=0)
    ap.add_argument('--urandom', type=int, default=0)
    ap.add_argument('--show', type=int, default=0, help='print this many lines not restored exactly')
    a = ap.parse_args()
    rows = []
    if a.quotes:
        import glob
        import random
        random.seed(1)
        for path in sorted(glob.glob(os.path.join(a.corpus, '*.txt'))):
            with open(path, encoding='utf-8') as f:
                for line in f:
                    line = line.rstrip('\n')
                    if len(rows) < a.quotes and any(q in line for q in '\u201c\u201d\u2018\u2019\u201e\xab\xbb'):
                        raw = b''.join(ch.encode('cp1252') if ch in '\u201c\u201d\u2018\u2019\u201e\xab\xbb' and
                                       random.random() < 0.5 else ch.encode('utf-8') for ch in line)
                        rows.append((os.path.basename(path)[:-4], line, raw))
    for lang in (a.langs.split(',') if not a.quotes else []):
        path = os.path.join(a.corpus, lang + '.txt')
        if not os.path.exists(path):
            print(f'raw_lines: {path} not found', file=sys.stderr)
            continue
        n = 0
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if line.isascii():
                    continue
                try:
                    raw = line.encode(a.encoding)
                except UnicodeEncodeError:
                    continue
                rows.append((lang, line, raw))
                n += 1
                if n >= a.per_lang:
                    break
    inp = b''.join(r[2] + b'\n' for r in rows)
    out = subprocess.run([a.bin, '--no-strip'], input=inp, capture_output=True, check=True).stdout
    out = out.split(b'\n')
    per = {}
    shown = 0
    for (lang, line, raw), o in zip(rows, out):
        s = per.setdefault(lang, [0, 0, 0, 0, 0])
        s[0] += 1
        if o == line.encode('utf-8'):
            s[1] += 1
            continue
        if o == raw:
            s[2] += 1
            kind = 'unchanged'
        else:
            # Every character written must be the line's own; raw bytes left are surrogates.
            od = o.decode('utf-8', 'surrogateescape')
            right = len(od) == len(line) and all(x == y or 0xDC80 <= ord(x) <= 0xDCFF for x, y in zip(od, line))
            s[3 if right else 4] += 1
            kind = 'partial' if right else 'WRONG'
        if shown < a.show:
            print(f'{kind} {lang}: {o[:160]!r}')
            shown += 1
    tot = [0] * 5
    for lang, s in per.items():
        print(f'{lang}: {s[0]} lines, exact {s[1]}, unchanged {s[2]}, partial {s[3]}, wrong {s[4]}')
        tot = [x + y for x, y in zip(tot, s)]
    print(f'total: {tot[0]} lines, exact {tot[1]}, unchanged {tot[2]}, partial {tot[3]}, wrong {tot[4]}')
    if a.urandom:
        changes = 0
        for _ in range(a.urandom):
            data = os.urandom(100000)
            r = subprocess.run([a.bin, '--no-strip', '--explain'], input=data, capture_output=True)
            changes += r.stderr.count(b'"kind":"repair"')
        print(f'urandom: {changes} changes in {a.urandom} x 100,000 bytes')
    return 1 if tot[4] else 0


if __name__ == '__main__':
    sys.exit(main())
