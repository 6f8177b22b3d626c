#!/usr/bin/env python3
"""bench.py: time `cat` and `mojiclean` over the inputs of gen.py; print one table.

SPDX-License-Identifier: MIT

For each input: MB, cat MB/s, mojiclean MB/s in fix mode (--no-strip) and in the default
mode, each as a ratio to cat in the same run, and the peak RSS of mojiclean.  Each figure
is the median of --runs runs (stdin from the file, stdout to /dev/null).  Then a
linear-time check: the default mode on the first half of each input and on all of it; the
time ratio should be about 2 (reported as failing above 2.2).  BENCH_CALLGRIND=1 adds
instructions per byte (valgrind --tool=callgrind) on a 1 MB slice.  A run slower than
BENCH_SLOW_SECONDS (20) is not repeated.

Usage: bench.py --build DIR [--runs N] [--mb N]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time


def run_once(argv, stdin_path, cwd=None):
    """Run argv once; returns (seconds, peak RSS in KiB, exit status)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, cwd=cwd)
        # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) would be the
        # maximum over every child so far).
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
    finally:
        if stdin_path:
            stdin.close()
    if p.returncode != 0:
        print("bench: %s exited %d: %s" % (" ".join(argv[:3]), p.returncode, err.strip()[:200]),
              file=sys.stderr)
    return dt, ru.ru_maxrss, p.returncode


# A run slower than this is not repeated: one slow figure says enough, and a slow build
# should not keep `make bench` busy for hours.
SLOW_SECONDS = float(os.environ.get("BENCH_SLOW_SECONDS", "20"))


def timed(argv, stdin_path, runs, cwd=None):
    times, rss = [], 0
    for _ in range(runs):
        dt, r, _ = run_once(argv, stdin_path, cwd)
        times.append(dt)
        rss = max(rss, r)
        if dt > SLOW_SECONDS:
            break
    return statistics.median(times), rss


def size_of(item):
    if item["dir"]:
        d = item["path"]
        return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    return os.path.getsize(item["path"])


def commands(item, prog, opts):
    """argv, stdin, cwd for one input: a file goes to stdin, a directory of documents is
    given as file arguments (one document each)."""
    if item["dir"]:
        files = sorted(os.listdir(item["path"]))
        return [prog] + opts + files, None, item["path"]
    return [prog] + opts, item["path"], None


def callgrind(prog, opts, path, nbytes):
    """Instructions per byte of `prog opts < first nbytes of path`."""
    slice_path = path + ".1mb"
    with open(path, "rb") as f, open(slice_path, "wb") as g:
        g.write(f.read(nbytes))
    with open(slice_path, "rb") as f:
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            prog] + opts, stdin=f, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    m = re.search(rb"Collected : (\d+)", p.stderr)
    size = os.path.getsize(slice_path)
    os.unlink(slice_path)
    return int(m.group(1)) / size if m and size else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--inputs", required=True, help="JSON list from gen.py --list")
    args = ap.parse_args()
    prog = os.path.abspath(os.path.join(args.build, "mojiclean"))
    items = json.load(open(args.inputs))
    cat = "cat"

    rows = []
    hdr = ("input", "MB", "cat MB/s", "fix MB/s", "fix/cat", "default MB/s", "def/cat",
           "peak RSS")
    fmt = "%-17s %7s %9s %9s %8s %12s %8s %9s"
    print(fmt % hdr)
    for it in items:
        n = size_of(it)
        mb = n / 1e6
        argv, stdin, cwd = commands(it, cat, [])
        t_cat, _ = timed(argv, stdin, args.runs, cwd)
        argv, stdin, cwd = commands(it, prog, ["--no-strip"])
        t_fix, rss_fix = timed(argv, stdin, args.runs, cwd)
        argv, stdin, cwd = commands(it, prog, [])
        t_def, rss_def = timed(argv, stdin, args.runs, cwd)
        row = {"input": it["name"], "bytes": n, "cat_mbs": mb / t_cat, "fix_mbs": mb / t_fix,
               "default_mbs": mb / t_def, "rss_kib": max(rss_fix, rss_def)}
        rows.append(row)
        print(fmt % (it["name"], "%.1f" % mb, "%.0f" % row["cat_mbs"], "%.1f" % row["fix_mbs"],
                     "%.3f" % (row["fix_mbs"] / row["cat_mbs"]), "%.1f" % row["default_mbs"],
                     "%.3f" % (row["default_mbs"] / row["cat_mbs"]),
                     "%.1f MB" % (row["rss_kib"] / 1024)))
        sys.stdout.flush()

    print()
    print("linear time: default mode, first half (n) vs whole input (2n); want t(2n)/t(n) <= 2.2")
    for it, row in zip(items, rows):
        if it["dir"]:
            continue
        half = it["path"] + ".half"
        with open(it["path"], "rb") as f, open(half, "wb") as g:
            g.write(f.read(row["bytes"] // 2))
        t1, _ = timed([prog], half, args.runs)
        t2, _ = timed([prog], it["path"], args.runs)
        os.unlink(half)
        ratio = t2 / t1 if t1 > 0 else float("nan")
        row["linear_ratio"] = ratio
        print("  %-17s t(n) %.3fs  t(2n) %.3fs  ratio %.2f  %s" %
              (it["name"], t1, t2, ratio, "ok" if ratio <= 2.2 else "NOT LINEAR"))

    if os.environ.get("BENCH_CALLGRIND") == "1":
        print()
        print("instructions per byte (callgrind, first 1 MB of each input)")
        for it, row in zip(items, rows):
            if it["dir"]:
                continue
            fix = callgrind(prog, ["--no-strip"], it["path"], 1 << 20)
            dflt = callgrind(prog, [], it["path"], 1 << 20)
            row["ipb_fix"], row["ipb_default"] = fix, dflt
            print("  %-17s fix %.1f  default %.1f" % (it["name"], fix, dflt))

    out = os.path.join(os.path.dirname(items[0]["path"]) if items else ".", "results.json")
    with open(out, "w") as f:
        json.dump(rows, f, indent=1)
    print()
    print("bench: results in %s" % out)


if __name__ == "__main__":
    main()
