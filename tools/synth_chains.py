#!/usr/bin/env python3
"""synth_chains.py: measure the repairer on corruption chains made from clean sentences.

    python3 tools/synth_chains.py [--corpus DIR] [--per-lang N] [--bin build/mojiclean]
                                  [--failures FILE]

Takes N sentences (default 6, from line 300 on) of every file in DIR (default
../shared/corpus/clean/leipzig), and for each of 14 legacy code pages makes the chains a
scraper makes: one layer (an undefined byte below A0 kept as the C1 control of the same
number, as WHATWG decoders do, one at A0 or above as U+FFFD), two layers, the undefined
bytes as U+FFFD ([fffd]), '?' ([qmark]) or dropped ([drop]), and no-break spaces turned
into spaces (+nbsp).  All cases go through one run of the program (`--no-strip`, one
sentence per line); prints the exact-repair count per chain, worst first, and the total.

Apart from these (printed first, with their own total, and not in the last line's total,
which tests/moji_score.sh checks): the lost soft hyphen.  HTML-to-text converters and groff
drop U+00AD, so under each code page that decodes 0xAD to U+00AD a character whose UTF-8
ends in AD (Spanish `í`, C3 AD; Russian `Э`, D0 AD; Greek `έ`, CE AD; Thai `อ`, E0 B8 AD)
leaves its lead bytes only (`todavÃa`).  The chain `PAGE-shy` is one layer of PAGE with
every U+00AD dropped, made from the first N sentences (from line 300 on) of each file that
hold such a character.

The model and the word table are trained on the same corpus, so the figures are
optimistic in absolute terms; the tool is for comparing two builds (which chains a change
helps or hurts), not for the issue's bars, which the development set measures.
"""
import argparse
import codecs
import collections
import os
import subprocess
import sys

PAGES = ['cp1252', 'cp1250', 'cp1251', 'cp1253', 'cp1254', 'cp1257', 'latin-1', 'iso8859-2',
         'iso8859-15', 'mac_roman', 'cp437', 'cp850', 'koi8_r', 'cp874']


def whatwg(err):
    b = err.object[err.start:err.end]
    return (''.join(chr(x) if x < 0xA0 else '\ufffd' for x in b), err.end)


def qmark(err):
    return ('?', err.end)


codecs.register_error('synth-c1', whatwg)
codecs.register_error('synth-qmark', qmark)


def layer(s, page, errors='synth-c1'):
    return s.encode('utf-8').decode(page, errors=errors)


def chains(page):
    return [(page, lambda s: layer(s, page)),
            (page + 'x2', lambda s: layer(layer(s, page), page)),
            (page + '[fffd]', lambda s: layer(s, page, 'replace')),
            (page + '[qmark]', lambda s: layer(s, page, 'synth-qmark')),
            (page + '[drop]', lambda s: layer(s, page, 'ignore')),
            (page + '+nbsp', lambda s: layer(s, page).replace('\xa0', ' '))]


# The code pages that decode 0xAD to U+00AD (the soft hyphen a converter drops).
SHY_PAGES = [p for p in PAGES if bytes([0xAD]).decode(p, errors='replace') == '\xad']


def shy_layer(s, page):
    return layer(s, page).replace('\xad', '')


def one_line(s):
    return s == ' '.join(s.splitlines()) and not any(c in s for c in '\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'corpus', 'clean', 'leipzig'))
    ap.add_argument('--per-lang', type=int, default=6)
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'mojiclean'))
    ap.add_argument('--failures', help='write every failed case (chain, language, expected, got) here')
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        sys.exit('synth_chains: no corpus at %s' % a.corpus)
    cases = []
    shy = []
    for name in sorted(os.listdir(a.corpus)):
        if not name.endswith('.txt'):
            continue
        with open(os.path.join(a.corpus, name), encoding='utf-8') as f:
            lines = [l for l in f.read().split('\n') if 20 < len(l) < 300]
        for s in lines[300:300 + a.per_lang]:
            for page in PAGES:
                for chain, make in chains(page):
                    try:
                        b = make(s)
                    except UnicodeError:
                        continue
                    if b != s and one_line(b):
                        cases.append((chain, name[:-4], s, b))
        for page in SHY_PAGES:
            n = 0
            for s in lines[300:]:
                if n == a.per_lang:
                    break
                if '\xad' in s:
                    continue
                try:
                    if '\xad' not in layer(s, page):
                        continue
                    b = shy_layer(s, page)
                except UnicodeError:
                    continue
                if one_line(b):
                    shy.append((page + '-shy', name[:-4], s, b))
                    n += 1
    cases += shy
    text = '\n'.join(c[3] for c in cases) + '\n'
    out = subprocess.run([a.bin, '--no-strip'], input=text.encode(), stdout=subprocess.PIPE,
                         check=True).stdout.decode('utf-8', 'replace').split('\n')
    stat = collections.defaultdict(lambda: [0, 0])
    bad = []
    for c, o in zip(cases, out):
        stat[c[0]][1] += 1
        if o == c[2]:
            stat[c[0]][0] += 1
        else:
            bad.append((c[0], c[1], c[2], o))
    def block(keys, label):
        total = [0, 0]
        for k in sorted(keys, key=lambda k: (stat[k][0] / stat[k][1], k)):
            ok, n = stat[k]
            total[0] += ok
            total[1] += n
            print('%-20s %5d/%5d  %.3f' % (k, ok, n, ok / n))
        print('%s %d/%d = %.4f' % (label, total[0], total[1], total[0] / max(total[1], 1)))
    block([k for k in stat if k.endswith('-shy')], 'shy total')
    block([k for k in stat if not k.endswith('-shy')], 'total')
    if a.failures:
        with open(a.failures, 'w', encoding='utf-8') as f:
            for b in bad:
                f.write('\t'.join(b) + '\n')


if __name__ == '__main__':
    main()
