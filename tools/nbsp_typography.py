#!/usr/bin/env python3
# nbsp_typography.py: measure the repair of typographic no-break spaces under mojibake.
# SPDX-License-Identifier: MIT
"""Sentences of ten languages from the clean corpus (../shared/corpus/clean/leipzig) are given
the no-break spaces French typography puts before ; : ! ? % € », after «, and between groups
of digits; those that got one are read as windows-1252 (and latin-1) mojibake with every
no-break space then written as a plain space, as many HTML-to-text tools do.  Prints how many
the repairer restores exactly, per chain, and the clean sentences it changed (must be 0).

    python3 tools/nbsp_typography.py --bin build/mojiclean
"""
import argparse
import os
import random
import re
import subprocess
import sys

LANGS = ['fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'cs', 'ru', 'sv']


def sentences(root, limit):
    out = []
    for lang in LANGS:
        path = os.path.join(root, 'leipzig', lang + '.txt')
        if not os.path.exists(path):
            continue
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            t = re.sub(r' ([;:!?%€»])', '\u00a0\\1', line)
            t = re.sub(r'« ', '«\u00a0', t)
            t = re.sub(r'(\d) (\d{3})\b', '\\1\u00a0\\2', t)
            if t != line:
                out.append(t)
    random.Random(7).shuffle(out)
    return out[:limit]


def cp1252(s):
    # windows-1252 with its five undefined bytes kept as C1 controls (WHATWG)
    return ''.join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode('cp1252')
                   for b in s.encode('utf-8'))


CHAINS = {
    'cp1252': cp1252,
    'cp1252+nbsp': lambda s: cp1252(s).replace('\u00a0', ' '),
    'latin1+nbsp': lambda s: s.encode('utf-8').decode('latin-1').replace('\u00a0', ' '),
    'clean': lambda s: s,
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'mojiclean'))
    ap.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'corpus', 'clean'))
    ap.add_argument('--limit', type=int, default=3000)
    a = ap.parse_args()
    lines = sentences(a.corpus, a.limit)
    if not lines:
        print('nbsp_typography: no sentences under %s, skipped' % a.corpus)
        return 0
    res = []
    for name, f in CHAINS.items():
        inp = ''.join(f(s) + '\n' for s in lines).encode('utf-8')
        out = subprocess.run([a.bin, '--no-strip'], input=inp, capture_output=True, check=True).stdout
        got = out.decode('utf-8', 'replace').split('\n')
        ok = sum(1 for g, s in zip(got, lines) if g == s)
        res.append('%s %d/%d' % (name, ok, len(lines)))
    print('nbsp_typography: ' + ' | '.join(res))
    return 0


if __name__ == '__main__':
    sys.exit(main())
