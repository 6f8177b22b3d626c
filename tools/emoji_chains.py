#!/usr/bin/env python3
# emoji_chains.py: measure the repair of emoji and symbols whose bytes were lost on the way.
# SPDX-License-Identifier: MIT
"""Measure the repair of emoji and symbols whose bytes were lost on the way.

Social text is full of emoji and symbols, and their UTF-8 holds the bytes windows-1252
leaves undefined (81 8D 8F 90 9D: the variation selector U+FE0F is EF B8 8F, a smiling face
F0 9F 98 8D) and A0 (U+2800, the blank Braille pattern used as an invisible spacer, is
E2 A0 80; the warning sign U+26A0 is E2 9A A0).  The sentences below (written for this tool,
in eight languages) go through windows-1252 (or --page) as synth_chains.py makes its chains: the
undefined bytes kept as C1 controls (WHATWG), written as U+FFFD ([fffd]) or '?' ([qmark]) or
dropped ([drop]), each also with no-break spaces turned into spaces (+nbsp), and two layers.
Prints the exact repairs per chain, the total, and the clean sentences the program changed
(must be 0).  --failures FILE writes every failed case (chain, expected, got).

    python3 tools/emoji_chains.py --bin build/mojiclean [--page cp1250]
"""
import argparse
import os
import subprocess
import sys

SENTENCES = [
    "Warning ⚠️ the bridge on Elm Street is closed until Friday.",
    "I love you ❤️ see you tonight!",
    "Thanks for the lovely dinner ☺️",
    "Done ✔️ all the boxes are packed.",
    "Sunny morning ☀️ perfect for a walk by the river.",
    "The new album is out 🎉🎉 go listen to it!",
    "Best pizza in town 😍 🍕 highly recommended.",
    "Great job everyone 👍 see you on Monday.",
    "My cat knocked the plant over again 🙄",
    "We made it to the summit ⛰️ what a view!",
    "Snow day ❄️ schools are closed tomorrow.",
    "Call me ☎️ when you land.",
    "Peace ✌️ and love to all of you.",
    "Happy birthday Ana 🎂🎈 have a wonderful year!",
    "Our shop opens at 9 ⏰ don't be late.",
    "Recycling day ♻️ bring your bottles.",
    "⠀",
    "Regulamento: ⠀ ⚠️ leia com atenção.",
    "Obrigado a todos ❤️ vocês são demais!",
    "Promoção só hoje ⚠️ corra para a loja!",
    "Bom dia ☀️ tenha uma ótima semana.",
    "Que alegria 😍 🎉 nos vemos no sábado.",
    "Gracias por venir ❤️ fue una noche increíble.",
    "Atención ⚠️ el parque cierra a las ocho.",
    "Listo ✔️ ya enviamos tu pedido.",
    "Merci pour tout ❤️ à bientôt !",
    "Attention ⚠️ la route est fermée ce soir.",
    "Il fait beau ☀️ on va à la plage.",
    "Danke für alles ❤️ bis bald!",
    "Achtung ⚠️ die Straße ist gesperrt.",
    "Grazie mille ☺️ a presto!",
    "Dank je wel ❤️ tot morgen!",
    "Dziękuję ❤️ do zobaczenia!",
    "Спасибо за вечер ❤️ до встречи!",
    "New post ⠀⠀ link in bio ⬇️",
    "Scroll down ⬇️ for the recipe.",
    "Next stop ➡️ Lisbon!",
    "Rated ⭐⭐⭐⭐⭐ by our guests.",
    "Weather: 🌧️ rain all day.",
    "Pin 📌 this post for later.",
    "Tap the ❤️ if you agree.",
    "Coffee ☕ and a good book.",
    "Time to vote 🗳️ polls close at 8.",
    "⚠️ Spoiler alert ⚠️",
    "Family trip 👨‍👩‍👧 to the mountains.",
    "Well done 👏🏽 team!",
    "Go Portugal 🇵🇹 go!",
    "Hot day 🔥 stay hydrated 💧",
    "Meeting moved ➡️ 3 pm, room ✅ booked.",
    "Question ❓ ask us in the comments.",
    "Mail sent ✉️ check your inbox.",
    "Happy ☺️ and grateful ❤️ for this year.",
    "She wrote “best day ever 🎉” under the photo.",
    "He called it “a win 🏆”, and we agreed.",
    "The sign said ‘no dogs 🐕’ in red letters.",
    "Café naïve façade: plain Latin letters ¸ and all.",
    "Hi 👋🏽 everyone, welcome to the group.",
    "Strong finish 💪🏾 proud of you.",
    "Thumbs up 👍🏻 from the whole office.",
    "Salut 🙋🏼‍♀️ à toutes et à tous !",
]

# windows-1252 as WHATWG reads it, '?' for an undefined byte, one line: as synth_chains.py.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_chains import layer  # noqa: E402


def chains(page):
    out = []
    for name, err in (('', 'synth-c1'), ('[fffd]', 'replace'), ('[qmark]', 'synth-qmark'),
                      ('[drop]', 'ignore')):
        out.append((page + name, lambda s, e=err: layer(s, page, e)))
        out.append((page + name + '+nbsp', lambda s, e=err: layer(s, page, e).replace('\xa0', ' ')))
    out.append((page + 'x2', lambda s: layer(layer(s, page), page)))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'mojiclean'))
    ap.add_argument('--page', default='cp1252', help="the code page (a Python codec name; default cp1252)")
    ap.add_argument('--failures', help='write every failed case (chain, expected, got) here')
    a = ap.parse_args()
    cases = []
    for s in SENTENCES:
        cases.append(('clean', s, s))
        for chain, make in chains(a.page):
            b = make(s)
            if b != s:
                cases.append((chain, s, b))
    text = ''.join(c[2] + '\n' for c in cases).encode('utf-8')
    out = subprocess.run([a.bin, '--no-strip'], input=text, stdout=subprocess.PIPE,
                         check=True).stdout.decode('utf-8', 'replace').split('\n')
    stat = {}
    bad = []
    for c, o in zip(cases, out):
        st = stat.setdefault(c[0], [0, 0])
        st[1] += 1
        if o == c[1]:
            st[0] += 1
        else:
            bad.append((c[0], c[1], o))
    total = [0, 0]
    for k in sorted(stat, key=lambda k: (stat[k][0] / stat[k][1], k)):
        if k == 'clean':
            continue
        ok, n = stat[k]
        total[0] += ok
        total[1] += n
        print('%-20s %4d/%4d  %.3f' % (k, ok, n, ok / n))
    clean = stat['clean']
    print('clean changed %d of %d' % (clean[1] - clean[0], clean[1]))
    print('total %d/%d = %.4f' % (total[0], total[1], total[0] / max(total[1], 1)))
    if a.failures:
        with open(a.failures, 'w', encoding='utf-8') as f:
            for b in bad:
                f.write('\t'.join(b) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
