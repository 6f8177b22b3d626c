#!/usr/bin/env python3
"""unseen_clean.py: run the program over clean text it was never trained on, and list what it changes.

    python3 tools/unseen_clean.py [--bin build/mojiclean] [--sources locale,man,i18n,doc]
                                  [--keep DIR] [--max-lines N] [--show N] [--strip]
                                  [--synth DIR] [--check PER_MILLION]

The model and the word table are learnt from ../shared/corpus/clean, so that corpus coming
out unchanged says little about text the tables never saw.  This machine holds another,
independent multilingual source: the translations of its programs.  The tool gathers, per
language (one file each, in a temporary directory that is removed unless --keep names one:
the text is somebody else's and is never committed):

  locale  the msgstr texts of /usr/share/locale/*/LC_MESSAGES/*.mo (read with Python's own
          .mo reader, decoded by the catalogue's charset), one line per line of a message;
  man     translated man pages /usr/share/man/LANG/, rendered by groff -Tutf8 as plain text;
  i18n    the strings of /usr/share/i18n/locales/* (month and day names, language names...),
          written as <Uxxxx> there;
  doc     the lines of /usr/share/doc/*/ text files (changelogs, READMEs, copyright files)
          that hold a character outside ASCII (people's names, signs), under the language "doc".

A scraper's user meets text like these after conversion to plain text, so some catalogue
quirks are undone first: a menu accelerator inside a word (`Fi_chier`, `&Édition`, Qt's and
GTK's marks of the key) is taken out, since no web page writes one; format directives (`%s`,
`%1$d`), markup (`<b>`) and HTML character references are kept, since a scraped page may
hold all three.  Empty lines and lines seen before in the same language are dropped.

Then it runs `BIN --no-strip` over the files (one run, one document per language) and lists
every changed line with its language and source, and the count per language.  A changed
line is not always a false positive: catalogues and man pages hold mojibake of their own
(read the list).  Lines with control characters (terminal escapes in en@boldquot) are left
out and counted.

With --strip it also runs default mode (--mark) over each catalogue and each man page as
a document of its own and counts the lines it would remove per language; for man pages
also the prose lines among them (12 words or more, ending a sentence), listed.  A
catalogue's lines are short UI strings, most of which look like boilerplate: that count
is for reading, not a bar.

With --synth DIR, lines of the locale and man sources that the program left unchanged (40
to 249 characters, five words or more, not all ASCII; languages with 50 such lines or
more) are written to DIR in a shuffled order, as a corpus for `tools/synth_chains.py
--corpus DIR`.  groff drops soft hyphens and C1 controls, so a man page that holds
mojibake loses those bytes on the way (`Ã` and a soft hyphen for `í` in the Spanish
fakeroot page): what the program makes of those lines is no measure.

With --escape named|numeric every non-ASCII character is first written as an HTML
character reference, as a page escaped whole (named where HTML 4 has a name): the
references must stay, since no mojibake hides in them (a sample of 52,621 catalogue
lines, named or numeric: only the 13 that hold mojibake changed).

With --check N it exits 1 if more than N lines per million changed in --no-strip mode
(tests/unseen_clean.sh); it judges 200,000 lines or more, and only lists fewer.
Where a source is absent it says so in one line and goes on; with none at all it
exits 0 after saying so.
"""
import argparse
import collections
import glob
import gzip
import html.entities
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile


def read_mo(path):
    """The msgstr texts of a .mo file (plural forms apart), decoded by its charset."""
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) < 28:
        return []
    magic = struct.unpack('<I', data[:4])[0]
    end = '<' if magic == 0x950412de else '>' if magic == 0xde120495 else None
    if end is None:
        return []
    n, otab, ttab = struct.unpack(end + 'III', data[8:20])
    if otab + 8 * n > len(data) or ttab + 8 * n > len(data):
        return []
    olens = struct.unpack(end + '%dI' % (2 * n), data[otab:otab + 8 * n])[0::2]
    tt = struct.unpack(end + '%dI' % (2 * n), data[ttab:ttab + 8 * n])
    charset = 'utf-8'
    out = []
    for i in range(n):
        msgstr = data[tt[2 * i + 1]:tt[2 * i + 1] + tt[2 * i]]
        if olens[i] == 0:    # the header
            m = re.search(rb'charset=([-\w]+)', msgstr)
            if m and m.group(1).lower() not in (b'charset', b'utf-8', b'utf8'):
                charset = m.group(1).decode('ascii')
            continue
        out.append(msgstr)
    texts = []
    for s in out:
        for part in s.split(b'\0'):
            try:
                texts.append(part.decode(charset))
            except (UnicodeError, LookupError):
                texts.append(None)
    return texts


DOCS = []  # (language, source, name, lines): the documents of --strip (catalogues, man pages)


ENTITY = re.compile(r'&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);')


def unaccelerate(s):
    """Take out menu accelerators: `_` or `&` before a letter or digit (`&&` is an ampersand),
    keeping HTML character references and `&` between spaces."""
    if '_' not in s and '&' not in s:
        return s
    keep = {m.start() for m in ENTITY.finditer(s)}
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == '&' and s[i + 1:i + 2] == '&':
            out.append('&')
            i += 2
            continue
        if c in '_&' and i not in keep and i + 1 < len(s) and s[i + 1].isalnum() and \
                (c == '&' or s.count('_') == 1):
            i += 1
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def gather_locale(add, note):
    files = sorted(glob.glob('/usr/share/locale/*/LC_MESSAGES/*.mo'))
    if not files:
        note('locale: no .mo files under /usr/share/locale, skipped')
        return
    bad = 0
    for path in files:
        lang = path.split('/')[4]
        doc = []
        for t in read_mo(path):
            if t is None:
                bad += 1
                continue
            for line in t.split('\n'):
                line = unaccelerate(line.strip())
                add(lang, line, 'locale')
                doc.append(line)
        DOCS.append((lang, 'locale', path, doc))
    note('locale: %d catalogues%s' % (len(files), ', %d texts not in their charset' % bad if bad else ''))


def gather_man(add, note):
    groff = shutil.which('groff')
    dirs = sorted(d for d in glob.glob('/usr/share/man/*') if os.path.basename(d) not in ('man', 'local')
                  and not os.path.basename(d).startswith('man'))
    if not groff or not dirs:
        note('man: no translated man pages or no groff, skipped')
        return
    n = 0
    for d in dirs:
        lang = os.path.basename(d)
        for path in sorted(glob.glob(d + '/man*/*')):
            if os.path.islink(path):
                continue
            try:
                raw = gzip.open(path).read() if path.endswith('.gz') else open(path, 'rb').read()
            except OSError:
                continue
            if raw.startswith(b'.so '):
                continue
            r = subprocess.run([groff, '-k', '-man', '-Tutf8', '-rLL=4000n', '-rHY=0', '-P-cbou'],
                               input=raw, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            n += 1
            text = r.stdout.decode('utf-8', 'replace')
            doc = []
            for line in text.split('\n'):
                line = ' '.join(line.split())
                add(lang, line, 'man')
                if line or (doc and doc[-1]):
                    doc.append(line)
            DOCS.append((lang, 'man', path, doc))
    note('man: %d pages' % n)


UCODE = re.compile(r'<U([0-9A-Fa-f]{4,6})>')


def gather_i18n(add, note):
    files = sorted(glob.glob('/usr/share/i18n/locales/*'))
    if not files:
        note('i18n: no /usr/share/i18n/locales, skipped')
        return
    for path in files:
        name = os.path.basename(path)
        lang = name.split('_')[0].split('@')[0]
        if not lang.islower():
            continue
        try:
            text = open(path, encoding='utf-8', errors='replace').read()
        except OSError:
            continue
        for q in re.findall(r'"((?:<U[0-9A-Fa-f]{4,6}>|[^"<])*)"', text):
            if '<U' not in q:
                continue
            for part in q.split(';'):
                s = UCODE.sub(lambda m: chr(int(m.group(1), 16)), part)
                add(lang, s.strip(), 'i18n')
    note('i18n: %d locale files' % len(files))


def gather_doc(add, note):
    files = [p for p in glob.glob('/usr/share/doc/**/*', recursive=True)
             if os.path.isfile(p) and not os.path.islink(p)
             and re.search(r'(changelog|readme|copyright|news|authors|thanks|todo|\.txt|\.md)(\.gz)?$',
                           p, re.I)]
    if not files:
        note('doc: no text files under /usr/share/doc, skipped')
        return
    for path in sorted(files):
        try:
            raw = gzip.open(path).read() if path.endswith('.gz') else open(path, 'rb').read()
        except (OSError, EOFError):
            continue
        if b'\0' in raw[:4096]:
            continue
        try:
            text = raw.decode('utf-8')
        except UnicodeError:
            continue                 # not UTF-8: a legacy file is no clean UTF-8 text
        for line in text.split('\n'):
            if not line.isascii():
                add('doc', line.strip(), 'doc')
    note('doc: %d files' % len(files))


def escape(s, how):
    """s with each non-ASCII character as an HTML character reference."""
    names = html.entities.codepoint2name if how == 'named' else {}
    return ''.join(c if c < '\x80' else '&%s;' % names[ord(c)] if ord(c) in names else '&#%d;' % ord(c)
                   for c in s)


PROSE = re.compile(r'[.!?\u3002\u0964\u061f]$')


def prose(line):
    """A line that reads as a sentence of running text: 12 words or more, ending a sentence."""
    return len(line.split()) >= 12 and PROSE.search(line) is not None


def strip_report(a, tmp):
    """Default mode over each catalogue and man page as a document of its own (--mark): the
    lines it would remove per language, and of those the prose lines of man pages (a
    catalogue's lines are short UI strings, most of which look like boilerplate)."""
    d = os.path.join(tmp, 'docs')
    os.makedirs(d, exist_ok=True)
    docs = [x for x in DOCS if x[3]]
    files = []
    for n, (lang, src, name, lines) in enumerate(docs):
        p = os.path.join(d, '%05d.txt' % n)
        with open(p, 'w', encoding='utf-8') as f:
            f.write('\n'.join(l for l in lines if not any(c in l for c in '\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029')) + '\n')
        files.append(p)
    out = []
    for k in range(0, len(files), 500):
        out += run(a.bin, ['--mark'], files[k:k + 500])[:-1]
    stat = collections.defaultdict(lambda: [0, 0, 0, 0])  # lines, removed, prose, prose removed
    lost = []
    i = 0
    for (lang, src, name, lines), p in zip(docs, files):
        with open(p, encoding='utf-8') as f:
            got = f.read().split('\n')[:-1]
        for line in got:
            o = out[i] if i < len(out) else ''
            i += 1
            st = stat[(src, lang)]
            st[0] += 1
            gone = o.startswith('- ')
            st[1] += gone
            if src == 'man' and prose(line):
                st[2] += 1
                st[3] += gone
                if gone:
                    lost.append((lang, name, o))
    if i != len(out):
        sys.exit('unseen_clean: --mark: %d lines in, %d out' % (i, len(out)))
    for src in ('locale', 'man'):
        keys = sorted(k for k in stat if k[0] == src)
        if not keys:
            continue
        t = [sum(stat[k][j] for k in keys) for j in range(4)]
        print('unseen_clean: default mode, %s: %d of %d lines removed%s' % (
            src, t[1], t[0], '; prose lines: %d of %d removed' % (t[3], t[2]) if src == 'man' else ''))
        for k in keys:
            st = stat[k]
            print('unseen_clean:   %-12s %6d of %6d removed%s' % (
                k[1], st[1], st[0], ', prose %d of %d' % (st[3], st[2]) if src == 'man' else ''))
    for lang, name, o in lost[:a.show]:
        print('%s\t%s\t%s' % (lang, name, o))


SOURCES = {'locale': gather_locale, 'man': gather_man, 'i18n': gather_i18n, 'doc': gather_doc}


def run(bin_, args, files):
    r = subprocess.run([bin_] + args + files, stdout=subprocess.PIPE, check=True)
    return r.stdout.decode('utf-8', 'surrogateescape').split('\n')


# --check is applied only to this many lines or more.
CHECK_MIN_LINES = 200000


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'mojiclean'))
    ap.add_argument('--sources', default='locale,man,i18n,doc')
    ap.add_argument('--keep', help='write the gathered text here and keep it')
    ap.add_argument('--max-lines', type=int, default=0, help='at most N lines per language (0: all)')
    ap.add_argument('--show', type=int, default=1000000, help='list at most N changed lines')
    ap.add_argument('--strip', action='store_true', help='also count the lines default mode removes')
    ap.add_argument('--synth', metavar='DIR', help='write a corpus for synth_chains.py --corpus here')
    ap.add_argument('--escape', choices=('named', 'numeric'),
                    help='write every non-ASCII character as an HTML character reference first '
                         '(named where HTML 4 has a name), as an escaping CMS would')
    ap.add_argument('--check', type=float, metavar='N',
                    help='exit 1 if more than N lines per million changed in --no-strip mode')
    a = ap.parse_args()

    lines = collections.OrderedDict()
    seen = collections.defaultdict(set)
    origin = {}
    controls = collections.Counter()

    def add(lang, s, src):
        if '\n' in s:
            for part in s.split('\n'):
                add(lang, part.strip(), src)
            return
        if not s or s in seen[lang]:
            return
        if a.max_lines and len(seen[lang]) >= a.max_lines:
            return
        if any(c in s for c in '\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'):
            return                   # a line break of its own: the line split differs
        if any(c < ' ' and c != '\t' for c in s):
            controls[src] += 1       # terminal escapes (en@boldquot), out of scope
            return
        seen[lang].add(s)
        lines.setdefault(lang, []).append(s)
        origin[(lang, s)] = src

    def note(msg):
        print('unseen_clean: ' + msg, file=sys.stderr)

    for src in a.sources.split(','):
        SOURCES[src](add, note)
    for src, n in sorted(controls.items()):
        note('%s: %d lines with control characters left out' % (src, n))
    if not lines:
        print('unseen_clean: no unseen text on this machine, skipped')
        return 0

    tmp = a.keep or tempfile.mkdtemp(prefix='unseen_clean.')
    os.makedirs(tmp, exist_ok=True)
    try:
        langs = sorted(lines)
        files = []
        for lang in langs:
            p = os.path.join(tmp, lang.replace('/', '_') + '.txt')
            if a.escape:
                lines[lang] = [escape(x, a.escape) for x in lines[lang]]
                for x in lines[lang]:
                    origin.setdefault((lang, x), 'escaped')
            with open(p, 'w', encoding='utf-8') as f:
                f.write('\n'.join(lines[lang]) + '\n')
            files.append(p)
        out = run(a.bin, ['--no-strip'], files)
        total = sum(len(lines[l]) for l in langs)
        if len(out) != total + 1:
            sys.exit('unseen_clean: %d lines in, %d out: the line split differs' % (total, len(out) - 1))
        changed = collections.Counter()
        bad = set()                  # lines changed: not written to --synth's corpus
        shown = 0
        i = 0
        for lang in langs:
            for s in lines[lang]:
                o = out[i]
                i += 1
                if o != s:
                    bad.add(s)
                    changed[lang] += 1
                    if shown < a.show:
                        print('%s\t%s\t%s\t%s' % (lang, origin[(lang, s)], s, o))
                        shown += 1
        if a.synth:
            os.makedirs(a.synth, exist_ok=True)
            for lang in langs:
                ss = [s for s in lines[lang] if origin[(lang, s)] in ('locale', 'man') and s not in bad
                      and 40 <= len(s) < 250 and s.count(' ') >= 4 and not s.isascii()]
                if len(ss) >= 50:
                    random.Random(lang).shuffle(ss)
                    with open(os.path.join(a.synth, lang.replace('/', '_') + '.txt'), 'w',
                              encoding='utf-8') as f:
                        # synth_chains.py takes its sentences from line 300 on (of the lines
                        # of 21 to 299 characters): 300 filler lines first
                        f.write('\n'.join(['filler line, not a sentence of it'] * 300 + ss) + '\n')
        print('unseen_clean: --no-strip: %d of %d lines changed in %d of %d languages'
              % (sum(changed.values()), total, len(changed), len(langs)))
        for lang, n in changed.most_common():
            print('unseen_clean:   %-12s %4d of %6d' % (lang, n, len(lines[lang])))
        if a.strip:
            strip_report(a, tmp)
        if a.check is not None and total < CHECK_MIN_LINES:
            # A machine with few catalogues (a minimal image) gives a rate that a single
            # catalogue's own mojibake can push past any bar: the lines are listed above,
            # the bar is not applied.
            print('unseen_clean: only %d lines (fewer than %d): bar not applied'
                  % (total, CHECK_MIN_LINES))
            return 0
        if a.check is not None:
            rate = sum(changed.values()) * 1e6 / total
            print('unseen_clean: %.1f lines per million changed (bar %g): %s'
                  % (rate, a.check, 'ok' if rate <= a.check else 'FAIL'))
            return 1 if rate > a.check else 0
        return 0
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
