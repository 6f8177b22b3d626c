#!/usr/bin/env python3
"""stylised_latin.py: legitimate stylised Latin text, and how many of its lines the program changes.

    python3 tools/stylised_latin.py [--bin build/mojiclean] [--lines N] [--seed S]
                                    [--show N] [--write FILE]

Names and headings are spelt out with signs between their letters (`É·L·I·T·E`, `T•Ö•R•Ü•S`),
brands end in a sign (`PÖ™`, `CAFÉ®`), a dash or an ellipsis follows a capital (`Ö—Ä`,
`FERMÉ…`).  A capital from Â to ß (bytes C2-DF in latin-1) followed by a sign that
windows-1252 writes from 80 to BF (`•`, `·`, `—`, `™`, `®`, `€`, `„`, `«`, `°`...) is
also a two-byte UTF-8 sequence read as windows-1252: a Cyrillic, Hebrew, Arabic or Syriac
letter, or a combining mark.  Every such line is legitimate, so every line the program
changes is a false positive.

The tool writes N lines (default 4000, the same lines for the same --seed) from words and
sentences of its own, in several shapes (spelt: a word spelt out with one sign; end: a word
ending in a sign; quoted: a word or a capital in quotation marks; joined: two words joined
by a sign; letters: two capitals joined by a sign; heading: three words; small: a small word
spelt out), placed alone, at the start or end of a sentence, inside brackets or quotation
marks, with and without other clean non-ASCII text on the line (`naïve`, `Grüße`, Greek,
Russian, curly quotes), runs `BIN --no-strip` over them and prints the number of lines
changed, by the shape and sign of the line's first stylised word, and with --show the first
N changed lines (before, after).  --write FILE keeps the lines.
"""
import argparse
import collections
import os
import random
import subprocess
import sys

# Capitals whose latin-1 bytes are UTF-8 leads of two-byte sequences (C2-DF).
LEAD_CAPS = 'ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß'
# ... those of them that languages write most (a single one quoted, or two joined: `„Ü“`,
# `Ö—Ä`); `Ã` and `Â` before a sign are the commonest mojibake of all (`Ã©`, `Â·`), and come
# in words here (`SÃO`, `ÂGE`).
COMMON_CAPS = 'ÄÅÆÇÈÉÊÍÎÑÓÔÖØÚÜ'
WORDS = [
    'ÉLITE', 'NOÑO', 'TÖRÜS', 'MÜNCHEN', 'ÅRHUS', 'SØREN', 'FRANÇOIS', 'ÎLE', 'HÔTEL', 'ÉTÉ',
    'PÖ', 'BJÖRK', 'GÖDEL', 'DÜRER', 'ÁGUA', 'CORAÇÃO', 'ÞING', 'ÐAN', 'ÆON', 'ÌSOLA', 'ÒRGAN',
    'ÙLTIM', 'ÈRE', 'NOËL', 'NAÏF', 'ÕUN', 'ÂGE', 'ÄRGER', 'ÍSLAND', 'ÓPERA', 'ÚNICO', 'ÝMIR',
    'ÛRSULA', 'ÊTRE', 'CRÈME', 'ZOË', 'JOSÉ', 'ÖSTERREICH', 'SÃO', 'MÅNE', 'ØL', 'ÇA', 'ÑU',
    'STRAßE', 'ÉCOLE', 'ÜBER', 'MÖBEL', 'FÜNF', 'TORUS', 'VALGRIND', 'ZÜRICH', 'GÉANT',
]
SMALL = ['élite', 'noño', 'törüs', 'café', 'crème', 'über', 'ñu', 'été', 'öl', 'zoë']
# Signs that stylised text writes between letters, after a word, or around one; most are bytes
# 80-BF of windows-1252 (the last few of each list are not).
SEPS = ['•', '·', '‧', '–', '—', '…', '˜', 'ˆ', '€', '°', '†', '»', '›', '|', '/', '★', '*']
AFTER = ['™', '®', '©', '°', '¹', '²', '³', '†', '‡', '…', '’', '”', '“', '»', '›', '¬', '*', '!']
QUOTES = ['„“', '‚‘', '«»', '‹›', '“”', '‘’', '»«', '›‹', '¡!', '¿?', '""']
FRAMES = [
    '{}',
    '{} is the name we chose for the new release.',
    'The poster said {} in large letters.',
    'Tickets for {} go on sale tomorrow',
    'doc: capitalize the project name ({})',
    '– {} –',
    '“{}”',
    '[{}] updated the manual',
    'Der Titel lautet {} und nicht anders.',
    'Le groupe {} joue ce soir à Lyon.',
    'El disco {} salió en marzo.',
    '{}: a short heading',
    'See also {}, {} and the index.',
]
EXTRAS = ['', '', '', ' — naïve café crème', ' (Grüße aus Köln)', ' Ελληνικά', ' по-русски',
          ' “quoted” text', ' ©2026', ' 20 °C', ' ½ price', ' déjà vu', ' Ærø og Øresund']


def shape(rng):
    """One stylised token, and the name of its shape and of its sign."""
    kind = rng.choice(['spelt', 'spelt', 'end', 'quoted', 'joined', 'letters', 'heading', 'small'])
    if kind == 'spelt':      # É·L·I·T·E
        sign = rng.choice(SEPS)
        return kind, sign, sign.join(rng.choice(WORDS))
    if kind == 'end':        # PÖ™
        sign = rng.choice(AFTER)
        return kind, sign, rng.choice(WORDS) + sign
    if kind == 'quoted':     # „Ü“, «ÉTÉ»
        q = rng.choice(QUOTES)
        w = rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(COMMON_CAPS)
        return kind, q, q[0] + w + q[1]
    if kind == 'joined':     # CAFÉ—BAR
        sign = rng.choice(SEPS)
        return kind, sign, rng.choice(WORDS) + sign + rng.choice(WORDS)
    if kind == 'letters':    # Ö—Ä
        sign = rng.choice(SEPS)
        return kind, sign, rng.choice(COMMON_CAPS) + sign + rng.choice(COMMON_CAPS)
    if kind == 'heading':    # MÜNCHEN • ÅRHUS • ÉTÉ
        sign = rng.choice(SEPS)
        ws = rng.sample(WORDS, 3)
        return kind, sign, (' ' + sign + ' ').join(ws) if rng.random() < 0.5 else sign.join(ws)
    sign = rng.choice(SEPS)  # é·l·i·t·e
    return kind, sign, sign.join(rng.choice(SMALL))


def make(n, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        frame = rng.choice(FRAMES)
        parts = [shape(rng) for _ in range(frame.count('{}'))]
        line = frame.format(*(p[2] for p in parts)) + rng.choice(EXTRAS)
        out.append((parts[0][0], parts[0][1], line))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'mojiclean'))
    ap.add_argument('--lines', type=int, default=4000)
    ap.add_argument('--seed', type=int, default=12)
    ap.add_argument('--show', type=int, default=0)
    ap.add_argument('--write')
    a = ap.parse_args()
    rows = make(a.lines, a.seed)
    text = ''.join(r[2] + '\n' for r in rows)
    if a.write:
        with open(a.write, 'w', encoding='utf-8') as f:
            f.write(text)
    r = subprocess.run([a.bin, '--no-strip'], input=text.encode('utf-8'), stdout=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit('%s exited %d' % (a.bin, r.returncode))
    got = r.stdout.decode('utf-8', 'replace').split('\n')
    if len(got) != len(rows) + 1:
        sys.exit('%d lines in, %d out' % (len(rows), len(got) - 1))
    by_kind, by_sign, shown = collections.Counter(), collections.Counter(), 0
    changed = 0
    for (kind, sign, line), o in zip(rows, got):
        if o == line:
            continue
        changed += 1
        by_kind[kind] += 1
        by_sign[sign] += 1
        if shown < a.show:
            print('%s\n  -> %s' % (line, o))
            shown += 1
    print('by shape: ' + ', '.join('%s %d' % kv for kv in sorted(by_kind.items())))
    print('by sign: ' + ', '.join('%s %d' % kv for kv in by_sign.most_common()))
    print('changed %d of %d lines' % (changed, len(rows)))


if __name__ == '__main__':
    main()
