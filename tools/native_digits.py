#!/usr/bin/env python3
# native_digits.py: measure the repair of mojibake of text that writes its own script's digits.
# SPDX-License-Identifier: MIT
"""Arabic writes numbers in Arabic-Indic digits (U+0660-0669, D9 A0-A9 in UTF-8), Persian and
Urdu in Extended Arabic-Indic digits (U+06F0-06F9, DB B0-B9).  Under windows-1252 the zero
`٠` is `Ù` and a no-break space, and a scraper that writes the no-break space as a space
leaves `Ù ` (the same as `ف`, D9 81, with its undefined 81 dropped, before a space).  The
clean corpus writes its numbers in ASCII digits, so this tool gives them the script's own:

  * sentences of this file's own (SENTENCES, written for this tool), and
  * the lines of the corpus files of those languages (ar.txt, fa.txt, ur.txt, ps.txt, ckb.txt
    in --corpus, default ../shared/corpus/clean/leipzig) that hold an ASCII digit, at most
    --per-lang of them each, read at run time and never copied anywhere,

with every ASCII digit turned into the language's own (Arabic and Sorani: U+0660 on,
Persian, Urdu and Pashto: U+06F0 on); then each line goes through the chains of
tools/synth_chains.py that a scraper makes of windows-1252: one layer (`cp1252`), the
no-break spaces written as spaces (`cp1252+nbsp`), the undefined bytes dropped
(`cp1252[drop]`), as U+FFFD (`cp1252[fffd]`) and twice (`cp1252x2`).  With --other, the
same for the other scripts of the corpus with digits of their own (Devanagari, Bengali,
Gujarati, Gurmukhi, Telugu, Thai), whose digits the change this tool was written for
scores as well.  All cases go through one run of the program (`--no-strip`); prints the
exact repairs per chain and source, the total, and how many of the clean lines (the
converted sentences, no damage) the program changed (must be 0).

    python3 tools/native_digits.py --bin build/mojiclean [--per-lang N] [--corpus DIR]
                                   [--other] [--failures FILE]
"""
import argparse
import collections
import os
import subprocess
import sys

# The row of digits each language writes (its zero).
ZERO = {'ar': 0x660, 'ckb': 0x660, 'fa': 0x6F0, 'ur': 0x6F0, 'ps': 0x6F0}
OTHER = {'hi': 0x966, 'mr': 0x966, 'bn': 0x9E6, 'gu': 0xAE6, 'pa': 0xA66, 'te': 0xC66, 'th': 0xE50}

# Sentences written for this tool (ASCII digits; turned into the language's own).
SENTENCES = {
    'ar': [
        'ارتفع عدد سكان القرية إلى 100 ألف نسمة في عام 2020.',
        'وصل سعر البرميل إلى 80 دولارا يوم 10 مارس.',
        'افتتحت المكتبة الجديدة أبوابها في 2005 وتضم أكثر من 30000 كتاب.',
        'لم يسجل الفريق أي هدف في الشوط الأول وسجل 2 في الشوط الثاني.',
        'تبلغ مساحة الحديقة 4050 مترا مربعا.',
        'ولد الشاعر سنة 1908 وتوفي سنة 1970 في القاهرة.',
        'شارك في المؤتمر 250 باحثا من 40 دولة.',
        'انخفضت نسبة البطالة إلى 9.0 بالمئة في الربع الأخير.',
        'يبدأ الاجتماع في الساعة 10:00 صباحا ويستمر حتى الظهر.',
        'بلغت الميزانية 1000000 دينار للعام 2010.',
        'قطع العداء مسافة 800 متر في أقل من دقيقتين.',
        'صدر الكتاب في 300 صفحة عن دار نشر صغيرة.',
    ],
    'fa': [
        'این شهر در سال 1390 حدود 600 هزار نفر جمعیت داشت.',
        'قیمت نان از 2000 به 3000 تومان رسید.',
        'مدرسه ما 50 سال پیش ساخته شد.',
        'او در 20 سالگی به تهران آمد.',
        'مسابقه ساعت 8 شب شروع می‌شود و 90 دقیقه طول می‌کشد.',
        'کتابخانه شهر بیش از 10000 جلد کتاب دارد.',
    ],
    'ur': [
        'اس گاؤں کی آبادی 1500 کے قریب ہے۔',
        'پاکستان 1947 میں آزاد ہوا۔',
        'میچ میں 300 رنز بنے اور 10 وکٹیں گریں۔',
        'یہ سڑک 2008 میں 40 کروڑ روپے سے بنی۔',
        'کلاس میں 30 طلبہ اور 2 استاد ہیں۔',
    ],
}


# windows-1252 as WHATWG reads it, and what one line is: as synth_chains.py.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_chains import layer, one_line  # noqa: E402


CHAINS = [
    ('cp1252', lambda s: layer(s, 'cp1252')),
    ('cp1252+nbsp', lambda s: layer(s, 'cp1252').replace('\xa0', ' ')),
    ('cp1252[drop]', lambda s: layer(s, 'cp1252', 'ignore')),
    ('cp1252[fffd]', lambda s: layer(s, 'cp1252', 'replace')),
    ('cp1252x2', lambda s: layer(layer(s, 'cp1252'), 'cp1252')),
]


def native(s, zero):
    return ''.join(chr(zero + ord(c) - 48) if '0' <= c <= '9' else c for c in s)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'corpus', 'clean', 'leipzig'))
    ap.add_argument('--per-lang', type=int, default=150)
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'mojiclean'))
    ap.add_argument('--other', action='store_true', help='also the other scripts with digits of their own')
    ap.add_argument('--failures', help='write every failed case (chain, source, expected, got) here')
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        sys.exit('native_digits: no corpus at %s' % a.corpus)
    rows = dict(ZERO, **(OTHER if a.other else {}))
    clean = []  # (source, sentence)
    for lang, ss in SENTENCES.items():
        clean += [('own-' + lang, native(s, ZERO[lang])) for s in ss]
    for lang in sorted(rows):
        path = os.path.join(a.corpus, lang + '.txt')
        if not os.path.exists(path):
            continue
        with open(path, encoding='utf-8') as f:
            lines = [l for l in f.read().split('\n') if any('0' <= c <= '9' for c in l) and 10 < len(l) < 300]
        clean += [(lang, native(s, rows[lang])) for s in lines[:a.per_lang]]
    cases = [('clean', src, s, s) for src, s in clean]
    for src, s in clean:
        for chain, make in CHAINS:
            b = make(s)
            if b != s and one_line(b):
                cases.append((chain, src, s, b))
    text = '\n'.join(c[3] for c in cases) + '\n'
    out = subprocess.run([a.bin, '--no-strip'], input=text.encode(), stdout=subprocess.PIPE,
                         check=True).stdout.decode('utf-8', 'replace').split('\n')
    stat = collections.defaultdict(lambda: [0, 0])
    bad = []
    for c, o in zip(cases, out):
        for key in (c[0], '%s %s' % (c[0], c[1].replace('own-', 'own'))):
            stat[key][1] += 1
            stat[key][0] += o == c[2]
        if o != c[2]:
            bad.append((c[0], c[1], c[2], o))
    for k in sorted(stat, key=lambda k: (' ' not in k, k)):
        if k.startswith('clean'):
            continue
        ok, n = stat[k]
        print('%-24s %5d/%5d  %.3f' % (k, ok, n, ok / n))
    ok, n = stat['clean']
    print('clean changed %d of %d' % (n - ok, n))
    total = [sum(stat[c][i] for c, _ in CHAINS) for i in (0, 1)]
    print('total %d/%d = %.4f' % (total[0], total[1], total[0] / max(total[1], 1)))
    if a.failures:
        with open(a.failures, 'w', encoding='utf-8') as f:
            for b in bad:
                f.write('\t'.join(b) + '\n')


if __name__ == '__main__':
    main()
