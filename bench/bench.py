#!/usr/bin/env python3
"""bench.py: time `cat` and `mojiclean` over the inputs of gen.py; print one table.

SPDX-License-Identifier: MIT

For each input: MB, cat MB/s, mojiclean MB/s in fix mode (--no-strip) and in the default
mode, each as a ratio to cat in the same run, and the peak RSS of mojiclean.  Each figure
is the median of --runs runs (stdin from the file, stdout to /dev/null).  Then a
linear-time check: the default mode on the first half of each input and on all of it; the
time ratio should be about 2 (reported as failing above 2.2).  BENCH_CALLGRIND=1 adds
instructions per byte (valgrind --tool=callgrind) on a 1 MB slice.  A run slower than
BENCH_SLOW_SECONDS (5) is not repeated.

Bulk section (the "bulk" input of gen.py: a directory of documents and a gzipped copy):
wall time, MB/s of uncompressed input, CPU seconds, CPUs used (CPU seconds / wall) of
`cat`, `gzip -dc` over the .gz copies, and `mojiclean -j 1` and `-j 2` (with peak RSS) over
the plain and the gzipped files (default mode, stdout to /dev/null, the files as
arguments).  The commands run in rounds, one run of each per round, so a change in the
machine's load hits all of them alike; each figure is the median over the rounds.  It
prints the -j 2 / -j 1 throughput ratio (bar: 1.6), what .gz input costs at -j 1 and
-j 2, and gzip -dc alone as a multiple of the -j 1 cleaning rate (each worker inflates
its own files on its own core, so decoding is not the bottleneck when one core decodes at
least twice as fast as it cleans).  Because a parallel figure means little without it, it also
prints the CPU count, the load average and, from /proc/stat, how many CPUs other
processes and the hypervisor (steal) took while the section ran.

Usage: bench.py --build DIR [--runs N] --inputs FILE
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


# Peak RSS.  The ru_maxrss that wait4 gives for a child spawned by this Python process is at
# least this process's own RSS (Linux carries the pre-exec high-water mark over exec), so
# a small program would show Python's 14-15 MB.  GNU time's child starts from GNU time's
# own small image, so where /usr/bin/time is GNU time it measures the runs that report an
# RSS (not the cat and gzip baselines: its fork costs a millisecond).
GNU_TIME = "/usr/bin/time"
try:
    HAVE_GNU_TIME = subprocess.run([GNU_TIME, "-f", "%M", "true"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE).stderr.strip().isdigit()
except OSError:
    HAVE_GNU_TIME = False


def run_once(argv, stdin_path, cwd=None, cpu=None, rss=False):
    """Run argv once; returns (seconds, peak RSS in KiB, exit status).  With a list `cpu`,
    appends the child's user + system CPU seconds to it.  With rss and GNU time, the RSS
    is measured by GNU time (see above)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    rss_file = None
    if rss and HAVE_GNU_TIME:
        fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file, "--"] + argv
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, cwd=cwd)
        # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) would be the
        # maximum over every child so far).
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if cpu is not None:
            cpu.append(ru.ru_utime + ru.ru_stime)
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
    finally:
        if stdin_path:
            stdin.close()
    maxrss = ru.ru_maxrss
    if rss_file:
        try:
            with open(rss_file) as f:
                maxrss = int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(rss_file)
    if p.returncode != 0:
        print("bench: %s exited %d: %s" % (" ".join(argv[:3]), p.returncode, err.strip()[:200]),
              file=sys.stderr)
    return dt, maxrss, p.returncode


# A run slower than this is not repeated: one slow figure says enough, and a slow build
# should not keep `make bench` busy for hours.
SLOW_SECONDS = float(os.environ.get("BENCH_SLOW_SECONDS", "5"))


def timed(argv, stdin_path, runs, cwd=None, rss_wanted=False):
    times, rss = [], 0
    for _ in range(runs):
        dt, r, _ = run_once(argv, stdin_path, cwd, rss=rss_wanted)
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
    if prog != "cat":
        opts = item.get("args", []) + opts
    if item["dir"]:
        files = sorted(os.listdir(item["path"]))
        return [prog] + opts + files, None, item["path"]
    return [prog] + opts, item["path"], None


def callgrind(prog, opts, path, nbytes):
    """Instructions per byte of `prog opts < first nbytes of path`."""
    slice_path = path + ".1mb"
    with open(path, "rb") as f, open(slice_path, "wb") as g:
        data = f.read(nbytes)
        if "--jsonl" in opts:  # whole records only
            data = data[:data.rfind(b"\n") + 1]
        g.write(data)
    with open(slice_path, "rb") as f:
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            prog] + opts, stdin=f, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    m = re.search(rb"Collected : (\d+)", p.stderr)
    size = os.path.getsize(slice_path)
    os.unlink(slice_path)
    return int(m.group(1)) / size if m and size else float("nan")


def proc_stat():
    """(busy, steal) CPU seconds of the whole machine so far, from /proc/stat, or None."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    hz = os.sysconf("SC_CLK_TCK")
    # user nice system idle iowait irq softirq steal (guest time is inside user)
    busy = v[0] + v[1] + v[2] + v[5] + v[6]
    steal = v[7] if len(v) > 7 else 0
    return busy / hz, steal / hz


def self_cpu():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def ncpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def bulk(it, prog, runs):
    """The bulk section: -j 1 against -j 2, plain against gzipped files.  Returns its row."""
    plain, gz = it["path"], it["gz"]
    names = sorted(os.listdir(plain))
    gz_names = sorted(os.listdir(gz))
    n = sum(os.path.getsize(os.path.join(plain, f)) for f in names)
    n_gz = sum(os.path.getsize(os.path.join(gz, f)) for f in gz_names)
    mb = n / 1e6
    cmds = [
        ("cat", ["cat"] + names, plain),
        ("gzip -dc (.gz)", ["gzip", "-dc"] + gz_names, gz),
        ("mojiclean -j 1", [prog, "-j", "1"] + names, plain),
        ("mojiclean -j 2", [prog, "-j", "2"] + names, plain),
        ("mojiclean -j 1 (.gz)", [prog, "-j", "1"] + gz_names, gz),
        ("mojiclean -j 2 (.gz)", [prog, "-j", "2"] + gz_names, gz),
    ]
    print("bulk mode: %d files, %.1f MB (%.1f MB gzipped), default mode, %d CPUs, "
          "load average %s" % (len(names), mb, n_gz / 1e6, ncpus(),
                               " ".join("%.2f" % x for x in os.getloadavg())))
    for _, argv, cwd in cmds[:2]:  # warm the page cache
        run_once(argv, None, cwd)
    wall = {c[0]: [] for c in cmds}
    cpu = {c[0]: [] for c in cmds}
    rss = {c[0]: 0 for c in cmds}
    st0, t0, own = proc_stat(), time.perf_counter(), -self_cpu()
    for _ in range(runs):
        t_round = time.perf_counter()
        for name, argv, cwd in cmds:
            dt, r, _ = run_once(argv, None, cwd, cpu[name], argv[0] == prog)
            wall[name].append(dt)
            rss[name] = max(rss[name], r)
            own += cpu[name][-1]
        if time.perf_counter() - t_round > 2 * SLOW_SECONDS:  # a slow build: one round
            break
    st1, elapsed = proc_stat(), time.perf_counter() - t0
    own += self_cpu()  # this script's own share is not "other processes"
    fmt = "  %-21s %8s %9s %8s %6s %9s"
    print(fmt % ("command", "wall s", "MB/s", "cpu s", "CPUs", "peak RSS"))
    row = {"input": "bulk", "files": len(names), "bytes": n, "gz_bytes": n_gz,
           "ncpus": ncpus(), "runs": runs}
    med = {}
    for name, _, _ in cmds:
        t, c = statistics.median(wall[name]), statistics.median(cpu[name])
        med[name] = t
        row[name] = {"seconds": t, "mbs": mb / t, "cpu_seconds": c, "rss_kib": rss[name]}
        print(fmt % (name, "%.3f" % t, "%.1f" % (mb / t), "%.3f" % c, "%.2f" % (c / t),
                     "%.1f MB" % (rss[name] / 1024) if name.startswith("mojiclean") else "-"))
    j1, j2 = med["mojiclean -j 1"], med["mojiclean -j 2"]
    speedup = j1 / j2
    row["j2_over_j1"] = speedup
    verdict = "ok" if speedup >= 1.6 else "BELOW THE 1.6 BAR"
    if ncpus() < 2:
        verdict += " (one CPU: no parallel speed-up is possible)"
    print("  -j 2 / -j 1 throughput: %.2fx (bar >= 1.6): %s" % (speedup, verdict))
    # Each worker inflates its own files (zlib, in its own thread), so decoding competes
    # with cleaning for the same core: it is not the bottleneck when one core decodes
    # (gzip -dc) at least twice as fast as it cleans (-j 1).
    gz_cost = med["mojiclean -j 1 (.gz)"] / j1
    gz_cost2 = med["mojiclean -j 2 (.gz)"] / j2
    decode = med["mojiclean -j 1"] / med["gzip -dc (.gz)"]
    row["gz_j1_over_plain_j1"], row["gz_j2_over_plain_j2"] = gz_cost, gz_cost2
    row["gzip_dc_over_j1"] = decode
    print("  gzip: .gz input takes %.2fx the time of plain input at -j 1, %.2fx at -j 2; "
          "gzip -dc alone runs at %.1fx the -j 1 cleaning rate: %s" %
          (gz_cost, gz_cost2, decode, "ok, decoding is not the bottleneck" if decode >= 2
           else "DECODING IS A BOTTLENECK"))
    if st0 and st1 and elapsed > 0:
        busy, steal = st1[0] - st0[0], st1[1] - st0[1]
        other = max(0.0, busy - own) / elapsed
        row["other_cpus"], row["steal_cpus"] = other, steal / elapsed
        print("  while this ran (%.0f s): other processes used %.2f CPUs on average, the "
              "hypervisor took %.2f (steal); load average now %s" %
              (elapsed, other, steal / elapsed,
               " ".join("%.2f" % x for x in os.getloadavg())))
        if other + steal / elapsed > 0.25:
            print("  (a busy machine: the -j 2 figure is a lower bound; rerun when it is idle)")
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--inputs", required=True, help="JSON list from gen.py --list")
    args = ap.parse_args()
    prog = os.path.abspath(os.path.join(args.build, "mojiclean"))
    items = json.load(open(args.inputs))
    bulk_items = [it for it in items if it.get("bulk")]
    items = [it for it in items if not it.get("bulk")]
    cat = "cat"

    rows = []
    hdr = ("input", "MB", "cat MB/s", "fix MB/s", "fix/cat", "default MB/s", "def/cat",
           "peak RSS")
    fmt = "%-17s %7s %9s %9s %8s %12s %8s %9s"
    if not HAVE_GNU_TIME:
        print("(no GNU time at %s: each peak RSS is at least this Python's own)" % GNU_TIME)
    print(fmt % hdr)
    for it in items:
        n = size_of(it)
        mb = n / 1e6
        argv, stdin, cwd = commands(it, cat, [])
        t_cat, _ = timed(argv, stdin, args.runs, cwd)
        argv, stdin, cwd = commands(it, prog, ["--no-strip"])
        t_fix, rss_fix = timed(argv, stdin, args.runs, cwd, True)
        argv, stdin, cwd = commands(it, prog, [])
        t_def, rss_def = timed(argv, stdin, args.runs, cwd, True)
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
        if it.get("args"):
            # Whole records only: cut the half after a line end.
            with open(half, "rb+") as g:
                data = g.read()
                g.seek(0)
                g.truncate()
                g.write(data[:data.rfind(b"\n") + 1])
        t1, _ = timed([prog] + it.get("args", []), half, args.runs)
        t2, _ = timed([prog] + it.get("args", []), it["path"], args.runs)
        os.unlink(half)
        ratio = t2 / t1 if t1 > 0 else float("nan")
        row["linear_ratio"] = ratio
        print("  %-17s t(n) %.3fs  t(2n) %.3fs  ratio %.2f  %s" %
              (it["name"], t1, t2, ratio, "ok" if ratio <= 2.2 else "NOT LINEAR"))

    for it in bulk_items:
        print()
        rows.append(bulk(it, prog, args.runs))
        sys.stdout.flush()

    if os.environ.get("BENCH_CALLGRIND") == "1":
        print()
        print("instructions per byte (callgrind, first 1 MB of each input)")
        for it, row in zip(items, rows):
            if it["dir"]:
                continue
            fix = callgrind(prog, it.get("args", []) + ["--no-strip"], it["path"], 1 << 20)
            dflt = callgrind(prog, it.get("args", []), it["path"], 1 << 20)
            row["ipb_fix"], row["ipb_default"] = fix, dflt
            print("  %-17s fix %.1f  default %.1f" % (it["name"], fix, dflt))

    every = items + bulk_items
    out = os.path.join(os.path.dirname(every[0]["path"]) if every else ".", "results.json")
    with open(out, "w") as f:
        json.dump(rows, f, indent=1)
    print()
    print("bench: results in %s" % out)


if __name__ == "__main__":
    main()
