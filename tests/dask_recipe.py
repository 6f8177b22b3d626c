#!/usr/bin/env python3
"""dask_recipe.py: the README's Dask distributed recipe, run as a test.

SPDX-License-Identifier: MIT

Starts a Dask scheduler and two single-threaded workers on 127.0.0.1 (as `dask scheduler`
and `dask worker` processes, the shape of a real deployment; --local-cluster uses a
LocalCluster instead), writes JSON Lines shards into a temporary directory, and maps
clean_shard() over them with client.map: each task runs `mojiclean --jsonl` on one shard
file in a subprocess and writes its output atomically (temporary file in the output
directory, fsync, rename), so a retried or killed task never leaves a partial file.  Then
checks that the shard outputs, concatenated in order, equal one `mojiclean --jsonl`
process over the concatenated shards, prints one summary line and exits 0 (1 on a
mismatch or a failed task).

The records have no line in common, so the footer learning across documents (which a
shard only does over its own records) cannot tell the two runs apart.

Usage: dask_recipe.py [--mojiclean PATH] [--shards N] [--records N] [--workers N]
                      [--local-cluster] [--keep]
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time


# MARK: - The recipe: what each task runs

def clean_shard(src, dst, prog="mojiclean", field="text"):
    """Clean one JSON Lines shard `src` into `dst` with `mojiclean --jsonl=FIELD`.

    The output goes to a temporary file beside `dst` and is renamed over it only once
    mojiclean has exited 0 and the data is on disk, so `dst` is either absent, or old, or
    complete; any failure raises (and Dask may retry the task).  Returns (dst, input
    bytes, output bytes, mojiclean's stderr)."""
    out_dir = os.path.dirname(os.path.abspath(dst))
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix="." + os.path.basename(dst) + ".")
    try:
        with open(src, "rb") as fin, os.fdopen(fd, "wb") as fout:
            p = subprocess.run([prog, "--jsonl=" + field], stdin=fin, stdout=fout,
                               stderr=subprocess.PIPE)
            if p.returncode != 0:
                raise RuntimeError("mojiclean exited %d on %s: %s" %
                                   (p.returncode, src, p.stderr.decode(errors="replace")))
            os.fchmod(fout.fileno(), 0o644)  # mkstemp made it 0600
            fout.flush()
            os.fsync(fout.fileno())
        os.replace(tmp, dst)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return dst, os.path.getsize(src), os.path.getsize(dst), p.stderr.decode(errors="replace")


# MARK: - Test data

MOJI_SOURCES = [
    # (text, code page it is mis-decoded with)
    ("Le café de la gare était fermé jusqu’à l’été", "cp1252"),
    ("Die Brücke über die Straße wurde für Fußgänger geöffnet", "cp1252"),
    ("Городской совет утвердил новый бюджет на следующий год", "cp1251"),
    ("“Quoted” words and an em dash — in English copy", "cp1252"),
    ("Zażółć gęślą jaźń, powiedział burmistrz", "cp1252"),
]


WORDS = """amber basalt cedar delta ember fjord garnet harbor indigo juniper kestrel lagoon
meadow nectar orchid pebble quartz raven saffron tundra umber violet willow yarrow zephyr
anchor beacon canyon dune estuary falcon glacier heron island jetty kelp lantern marsh
nebula oasis prairie quarry reef summit thistle upland vale wharf""".split()


def records(n):
    """n JSON Lines records: a third with mojibake in text, one malformed line (passed
    through unchanged with a warning), other fields that must come out byte for byte.
    Every text line is its own: the footer learning counts lines with digits as 0, so a
    record number would not make a line unique; four random words do."""
    rng = random.Random("mojiclean-dask-recipe")
    out = []
    for i in range(n):
        src, cp = MOJI_SOURCES[i % len(MOJI_SOURCES)]
        tag = lambda: " ".join(rng.choice(WORDS) for _ in range(5))
        text = "A headline about the %s\n" % tag()
        if i % 3 == 0:
            text += "%s, near the %s\n" % (src.encode("utf-8").decode(cp, "replace"), tag())
        else:
            text += "%s, near the %s\n" % (src, tag())
        text += "A closing sentence about the %s, and nothing else." % tag()
        rec = {"id": i, "url": "https://example.org/a/%d" % i, "text": text,
               "lang": "x-%d" % (i % 7)}
        line = json.dumps(rec, ensure_ascii=(i % 2 == 0))
        # Bytes a re-serialiser would change: a float spelling, key order, spacing.
        line = line[:-1] + ', "score": 1.50e3 , "meta": {"b": 1, "a": [true, null]}}'
        out.append(line)
    out[n // 2] = '{"id": "broken", "text": "no closing quote}'
    return out


# MARK: - Cluster

def scheduler_ready(path):
    try:
        with open(path) as f:
            return "address" in json.load(f)
    except (OSError, ValueError):
        return False


def start_processes(workdir, nworkers, procs):
    """`dask scheduler` and `dask worker` on 127.0.0.1 as child processes, appended to
    `procs` (and in this process group, so a timeout that signals the group ends them
    too).  Returns the scheduler file."""
    sched_file = os.path.join(workdir, "scheduler.json")
    py = sys.executable
    with open(os.path.join(workdir, "dask.log"), "wb") as log:
        procs.append(subprocess.Popen(
            [py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
             "--scheduler-file", sched_file],
            stdout=log, stderr=subprocess.STDOUT, cwd=workdir))
        deadline = time.monotonic() + 60
        while not scheduler_ready(sched_file):
            if procs[0].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the scheduler did not start")
            time.sleep(0.1)
        procs.append(subprocess.Popen(
            [py, "-m", "distributed.cli.dask_worker", "--scheduler-file", sched_file,
             "--host", "127.0.0.1", "--nworkers", str(nworkers), "--nthreads", "1",
             "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
             "--local-directory", os.path.join(workdir, "worker-space"),
             "--death-timeout", "60"],
            stdout=log, stderr=subprocess.STDOUT, cwd=workdir))
    return sched_file


def stop_processes(procs, grace):
    """End the scheduler and worker processes: `grace` seconds to exit by themselves
    (after client.shutdown() they do; a SIGTERM racing with that shutdown makes the
    nannies wait 6 s for their workers), then SIGTERM, then SIGKILL."""
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
    for p in reversed(procs):
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


# MARK: - Main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    default_prog = os.path.join(here, "..", os.environ.get("BUILD", "build"), "mojiclean")
    ap.add_argument("--mojiclean", default=default_prog)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--records", type=int, default=400, help="records per shard")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--local-cluster", action="store_true",
                    help="a LocalCluster in this process instead of scheduler/worker processes")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    prog = os.path.abspath(args.mojiclean)
    if not os.access(prog, os.X_OK):
        print("dask_recipe: %s is not an executable (make first)" % prog, file=sys.stderr)
        return 1

    # A timeout's SIGTERM runs the finally blocks below (and so stops the cluster).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from distributed import Client, LocalCluster  # late: the .sh checks it is there

    t0 = time.monotonic()
    work = tempfile.mkdtemp(prefix="mojiclean-dask-")
    procs, cluster, client, log, grace = [], None, None, None, 0
    try:
        shard_dir, out_dir = os.path.join(work, "shards"), os.path.join(work, "clean")
        os.makedirs(shard_dir)
        os.makedirs(out_dir)
        lines = records(args.shards * args.records)
        shards = []
        for k in range(args.shards):
            path = os.path.join(shard_dir, "shard-%05d.jsonl" % k)
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines[k * args.records:(k + 1) * args.records]) + "\n")
            shards.append(path)

        if args.local_cluster:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                   processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0",
                                   local_directory=os.path.join(work, "worker-space"))
            client = Client(cluster)
        else:
            log = os.path.join(work, "dask.log")
            sched_file = start_processes(work, args.workers, procs)
            client = Client(scheduler_file=sched_file, timeout=60)
        client.wait_for_workers(args.workers, timeout=60)

        # The recipe: one task per shard; outputs named after the shards.
        outs = [os.path.join(out_dir, os.path.basename(s)) for s in shards]
        futures = client.map(clean_shard, shards, outs, prog=prog, retries=2, pure=False)
        results = client.gather(futures)
        who = client.run(os.getpid)  # the workers really are separate processes

        # The check: the shard outputs in order equal one process over all the shards.
        joined = b"".join(open(o, "rb").read() for o in outs)
        with open(os.path.join(work, "all.jsonl"), "wb") as f:
            for s in shards:
                f.write(open(s, "rb").read())
        with open(os.path.join(work, "all.jsonl"), "rb") as f:
            single = subprocess.run([prog, "--jsonl"], stdin=f, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, check=True).stdout
        inp = open(os.path.join(work, "all.jsonl"), "rb").read()
        changed = sum(a != b for a, b in zip(inp.split(b"\n"), joined.split(b"\n")))
        leftovers = [f for f in os.listdir(out_dir) if f.startswith(".")]
        problems = []
        if joined != single:
            problems.append("the shard outputs differ from one mojiclean --jsonl process")
        if joined.count(b"\n") != inp.count(b"\n"):
            problems.append("line count %d, input had %d" % (joined.count(b"\n"),
                                                              inp.count(b"\n")))
        if changed == 0:
            problems.append("no record was repaired: the test data is wrong")
        if leftovers:
            problems.append("temporary files left: %s" % " ".join(leftovers))
        if len(set(who.values()) - {os.getpid()}) < args.workers:
            problems.append("fewer than %d worker processes ran" % args.workers)
        if problems:
            for p in problems:
                print("dask_recipe: FAILED: %s" % p)
            return 1
        print("dask_recipe: %d shards on %d workers (%s), %d records, %d repaired, "
              "output equals one mojiclean --jsonl process (%.1f s)" %
              (len(results), len(who), "LocalCluster" if args.local_cluster
               else "dask scheduler + dask worker", inp.count(b"\n"), changed,
               time.monotonic() - t0))
        return 0
    except Exception as e:
        print("dask_recipe: FAILED: %s: %s" % (type(e).__name__, e))
        if log and os.path.exists(log):
            sys.stdout.write(open(log, errors="replace").read()[-3000:])
        return 1
    finally:
        # Tear down whatever happens: a second SIGTERM (a timeout signals the whole group)
        # must not skip the rest.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            if client is not None:
                if not args.local_cluster:
                    client.shutdown()  # closes the scheduler and its workers
                    grace = 10
                client.close()
            if cluster is not None:
                cluster.close()
        except Exception:
            pass
        finally:
            try:
                stop_processes(procs, grace)
            finally:
                if args.keep:
                    print("dask_recipe: kept %s" % work, file=sys.stderr)
                else:
                    shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    sys.exit(main())
