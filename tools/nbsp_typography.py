#!/usr/bin/env python3
# nbsp_typography.py: measure the repair of typographic no-break spaces under mojibake.
# SPDX-License-Identifier: MIT
"""Sentences of ten languages from the clean corpus (../shared/corpus/clean/leipzig) are given
the no-break spaces French typography puts before ; : ! ? % € », after «, and between groups
of digits; those that got one are read as windows-1252 (and latin-1) mojibake with every
no-break space then written as a plain space, as many HTML-to-text tools do.  Prints how many
the repairer restores exactly, per chain, and the clean sentences it changed (must be 0).

With --rules letters the no-break spaces are the ones beside letters instead: after the words
of one letter Czech, Slovak and Polish typography binds to the next word (z, v, k, s, a, i, o,
u, w), and Russian, Ukrainian and Belarusian (в, к, с, у, о, и, а, я, з, і), after the French
abbreviations M., Mme, p. and n°, in German z. B., u. a., d. h., between initials (J. R. R.),
and between a number and the unit or word after it (5 km, 12 mois, 3 Kapitel).  The
sentences are those of eleven languages (--corpus DIR/leipzig/LANG.txt), or of any file
LANG.txt right under --corpus (the unseen text: --corpus /tmp/w2_unseen).

    python3 tools/nbsp_typography.py --bin build/mojiclean
    python3 tools/nbsp_typography.py --rules letters --bin build/mojiclean
"""
import argparse
import os
import random
import re
import subprocess
import sys

LANGS = ['fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'cs', 'ru', 'sv']
LETTER_LANGS = ['cs', 'sk', 'pl', 'ru', 'uk', 'be', 'fr', 'de', 'en', 'sl', 'hr']


def french(line):
    t = re.sub(r' ([;:!?%€»])', '\u00a0\\1', line)
    t = re.sub(r'« ', '«\u00a0', t)
    return re.sub(r'(\d) (\d{3})\b', '\\1\u00a0\\2', t)


# The words of one letter bound to the next word, by language (either case).
ONE_LETTER = {'cs': 'aikosuvz', 'sk': 'aikosuvz', 'pl': 'aiouwz', 'sl': 'kosvz', 'hr': 'aiksuoz',
              'ru': 'авикосуя', 'uk': 'авзіосуй', 'be': 'аўзіоуяк'}


def letters(line, lang):
    one = ONE_LETTER.get(lang)
    t = line
    if one:
        # (twice: "a v Praze" binds both)
        for _ in range(2):
            t = re.sub(r'(?<!\w)([%s]) (?=\w)' % (one + one.upper()), '\\1\u00a0', t)
    t = re.sub(r'(?<!\w)(M\.|Mme|Mlle|Dr\.|p\.|n°|S\.|č\.|s\.) (?=\w)', '\\1\u00a0', t)
    t = re.sub(r'\b([zuds])\. ([BaähT])\.', '\\1.\u00a0\\2.', t)
    t = re.sub(r'\b([A-Z]\.) (?=[A-Z])', '\\1\u00a0', t)
    return re.sub(r'(\d) (?=[^\W\d_])', '\\1\u00a0', t)


def sentences(root, limit, rules):
    out = []
    for lang in (LETTER_LANGS if rules == 'letters' else LANGS):
        path = os.path.join(root, 'leipzig', lang + '.txt')
        if not os.path.exists(path):
            path = os.path.join(root, lang + '.txt')
        if not os.path.exists(path):
            continue
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            t = letters(line, lang) if rules == 'letters' else french(line)
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
    ap.add_argument('--rules', choices=('french', 'letters'), default='french')
    ap.add_argument('--failures', help='write the sentences not restored here (chain, expected, got)')
    a = ap.parse_args()
    lines = sentences(a.corpus, a.limit, a.rules)
    if not lines:
        print('nbsp_typography: no sentences under %s, skipped' % a.corpus)
        return 0
    res = []
    fails = open(a.failures, 'w', encoding='utf-8') if a.failures else None
    for name, f in CHAINS.items():
        inp = ''.join(f(s) + '\n' for s in lines).encode('utf-8')
        out = subprocess.run([a.bin, '--no-strip'], input=inp, capture_output=True, check=True).stdout
        got = out.decode('utf-8', 'replace').split('\n')
        ok = sum(1 for g, s in zip(got, lines) if g == s)
        res.append('%s %d/%d' % (name, ok, len(lines)))
        for g, s in zip(got, lines):
            if fails and g != s:
                fails.write('%s\t%s\t%s\n' % (name, s, g))
    print('nbsp_typography: ' + ' | '.join(res))
    return 0


if __name__ == '__main__':
    sys.exit(main())
