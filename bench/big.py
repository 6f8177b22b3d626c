#!/usr/bin/env python3
"""big.py: peak memory and time of mojiclean on very large streams (the end of `make bench`).

SPDX-License-Identifier: MIT

The inputs are generated on the fly and piped in, so nothing of their size is written to
disk.  Each row gives the input, its size, the time, the throughput and the peak resident
set size (GNU time's %M) of mojiclean in the default mode (repair and strip), which holds
a document of up to MOJICLEAN_DOC_MAX bytes for the boilerplate analysis.  The bar is a
peak RSS of 16 MB whatever the size, for plain text and for JSON Lines: --jsonl holds a
record whole only up to 1 MiB and streams a longer one (the line from its field on staged
in an unlinked temporary file past 64 KiB, see src/cli/jsonl.c), so the 100 MB records
count too.

Inputs (SIZE from --gb, default 1):
  one_line      SIZE GB without a single newline: the bench's clean mixed-script text with
                its newlines turned into spaces, repeated
  short_lines   SIZE GB of short lines (the same text, a line break every 40-80 bytes)
  empty_lines   10 million empty lines
  jsonl_line    one JSON Lines record whose text is 100 MB (run with --jsonl), non-ASCII
                written as UTF-8
  jsonl_ascii   the same record with every non-ASCII character escaped (\u00e9, as
                Python's json.dumps writes it by default), after a 20 MB field
  mojibake_line 1/8 of SIZE of mojibake-heavy text on one line (the slow path)

Usage: big.py --build DIR --source FILE [--mojibake FILE] [--gb N] [--only ROW,...]
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

GNU_TIME = "/usr/bin/time"
BAR_KB = 16 * 1024


def feed(proc, chunks):
    try:
        for c in chunks:
            proc.stdin.write(c)
        proc.stdin.close()
    except BrokenPipeError:
        pass


def run(prog, args, chunks, total):
    """Pipe `chunks` into prog under GNU time: (seconds, peak RSS in KiB, exit status)."""
    argv = [GNU_TIME, "-f", "%M", prog] + args
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    th = threading.Thread(target=feed, args=(p, chunks))
    th.start()
    err = p.stderr.read()
    p.wait()
    th.join()
    dt = time.perf_counter() - t0
    lines = err.decode(errors="replace").strip().splitlines()
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else -1
    return dt, rss, p.returncode


def repeat(block, total):
    n = 0
    while n + len(block) <= total:
        yield block
        n += len(block)
    if total - n:
        yield block[:total - n]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--source", required=True, help="clean mixed-script text to repeat")
    ap.add_argument("--mojibake", help="mojibake-heavy text to repeat")
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--only", help="comma-separated row names to run (default: all)")
    a = ap.parse_args()
    prog = os.path.abspath(os.path.join(a.build, "mojiclean"))
    if subprocess.run([GNU_TIME, "-f", "%M", "true"], stderr=subprocess.DEVNULL).returncode:
        print("big: no GNU time at %s, skipped" % GNU_TIME)
        return 0
    with open(a.source, "rb") as f:
        text = f.read(4 << 20)
    text = text[:text.rfind(b"\n") + 1]
    size = int(a.gb * 1e9)
    one = text.replace(b"\n", b" ")
    # Short lines: break the text every 40-80 bytes, at a space.
    out, i = [], 0
    while i < len(one):
        j = one.find(b" ", i + 40)
        if j < 0 or j > i + 80:
            j = min(i + 80, len(one))
            while j < len(one) and (one[j] & 0xC0) == 0x80:
                j += 1  # not inside a character
        out.append(one[i:j].strip(b" ") + b"\n")
        i = j + 1
    short = b"".join(out)
    rows = [("one_line", [], lambda: repeat(one, size), size),
            ("short_lines", [], lambda: repeat(short, size), size),
            ("empty_lines", [], lambda: repeat(b"\n" * 1000000, 10000000), 10000000)]
    rec_text = one.decode("utf-8", "replace")
    rec_text = (rec_text * (100000000 // len(rec_text) + 1))[:100000000]
    body = json.dumps({"text": rec_text}, ensure_ascii=False).encode() + b"\n"
    rows.append(("jsonl_line", ["--jsonl"], lambda: iter([body]), len(body)))
    body2 = (b'{"pre":' + json.dumps("x" * 20000000).encode() + b',"text":' +
             json.dumps(rec_text).encode() + b'}\n')
    del rec_text
    rows.append(("jsonl_ascii", ["--jsonl"], lambda: iter([body2]), len(body2)))
    if a.mojibake:
        with open(a.mojibake, "rb") as f:
            m = f.read(4 << 20)
        m = m[:m.rfind(b"\n") + 1].replace(b"\n", b" ")
        rows.append(("mojibake_line", [], lambda: repeat(m, size // 8), size // 8))
    print("%-14s %9s %9s %9s %10s" % ("input", "MB", "seconds", "MB/s", "peak RSS"))
    worst = 0
    if a.only:
        rows = [r for r in rows if r[0] in a.only.split(",")]
    for name, args, chunks, total in rows:
        dt, rss, rc = run(prog, args, chunks(), total)
        worst = max(worst, rss)
        print("%-14s %9.0f %9.2f %9.1f %7.1f MB%s" % (name, total / 1e6, dt, total / 1e6 / dt,
                                                     rss / 1024, "" if rc == 0 else
                                                     "  (exit %d)" % rc))
        sys.stdout.flush()
    print("peak RSS at most %.1f MB (bar %d MB): %s" % (worst / 1024, BAR_KB // 1024,
                                                        "ok" if worst <= BAR_KB else "OVER"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
