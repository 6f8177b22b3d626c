"""The last step every table generator of tools/ shares: write the generated text, or check it.

write_or_check(prog, text, check, output, diff_lines): with `check`, compare the file with
`text` and exit non-zero (printing the first `diff_lines` lines of a unified diff, all of
them when None) when they differ; else write `text` to `output` atomically (a temporary
file renamed over it), or to standard output when `output` is None.

c_array(decl, values, per_row, fmt): the lines of a C array `decl = { ... };`, its values
written with `fmt`, `per_row` to a line.

corpus_missing(prog, a), package_missing(prog, source, present, a, package): where the
corpus or a package's data file is absent, skip a --check or -o run with a line, fail
otherwise.

corpus_texts(root): the text of each training file of the clean corpus at `root` (its .txt
files of udhr/, leipzig/ and literature/, in that order and sorted by name; the
hand-made traps of tricky/ are left out), for gen_words, gen_thai and gen_thai_words.
"""
# SPDX-License-Identifier: MIT

import argparse
import difflib
import os
import sys


def write_or_check(prog, text, check, output, diff_lines=None):
    if check:
        with open(check, encoding="utf-8") as f:
            old = f.read()
        if old != text:
            diff = list(difflib.unified_diff(old.splitlines(True), text.splitlines(True), check, "generated"))
            sys.stderr.writelines(diff if diff_lines is None else diff[:diff_lines])
            sys.exit("%s: %s is out of date; run `make tables`" % (prog, check))
        return
    if output:
        tmp = output + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, output)
    else:
        sys.stdout.write(text)


def c_array(decl, values, per_row, fmt):
    out = ["%s = {" % decl]
    for i in range(0, len(values), per_row):
        out.append("    %s," % ",".join(fmt % v for v in values[i:i + per_row]))
    out.append("};")
    return out


CORPUS_PARTS = ("udhr", "leipzig", "literature")


def corpus_texts(root):
    for sub in CORPUS_PARTS:
        d = os.path.join(root, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    yield f.read()


def corpus_args(doc):
    """The options of a generator that learns from the clean corpus: --corpus, --exclude
    (hold lines out), -o and --check."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "clean"))
    ap.add_argument("--exclude", metavar="FILE", help="leave out training lines that overlap a line of FILE")
    ap.add_argument("-o", "--output")
    ap.add_argument("--check", metavar="FILE")
    return ap


def corpus_missing(prog, a):
    """Where the corpus is absent: with --check or -o, say what is skipped and return True
    (the caller stops, successfully); without either, fail.  False where it is there."""
    if os.path.isdir(a.corpus):
        return False
    if a.check or a.output:
        print("%s: %s absent, %s" % (prog, a.corpus, "check skipped" if a.check else "%s left as it is" % a.output))
        return True
    sys.exit("%s: no training corpus at %s" % (prog, a.corpus))


def package_missing(prog, source, present, a, package):
    """The same for a data file of a Debian package (`present`: whether all it needs is
    there; `source` is named in the messages)."""
    if present:
        return False
    if a.check or a.output:
        print("%s: %s absent (apt-get install %s), %s" % (
            prog, source, package, "check skipped" if a.check else "%s left as it is" % a.output))
        return True
    sys.exit("%s: no %s (apt-get install %s)" % (prog, source, package))
