#!/usr/bin/env python3
# fit_bp_weights.py: refit the weights of the boilerplate classifier (src/boilerplate.c).
# SPDX-License-Identifier: MIT
"""Refit the two linear models of the boilerplate classifier from the shared benchmark.

The classifier (src/boilerplate.c) scores each block of a document twice:
  stage 1 (w1, features X_*)  the block on its own: length, stop words, punctuation, lexicon...
  stage 2 (w2, features Y_*)  the block in its context: its stage-1 score, its neighbours'
                              scores, the article span, the end marker, list structure.
Both are logistic regressions of "this block is article text".  This script

  1. builds a small driver around src/boilerplate.c (with a C compiler, $CC or cc) that
     prints every block's features, using tables generated from tools/bp_data/ with the
     weights being fitted;
  2. runs it over the plain-text dumps of the training sets (default: scrapinghub w3m and
     flat, WCXB w3m; trafilatura_eval is left out as the held-out check);
  3. labels each block from the gold text: article when at least half of its token bigrams
     (one token: the token) occur in the page's gold article (tokens are \\w+ runs, as the
     scorer tokenises);
  4. fits stage 1 on all blocks that no hard rule removes, then re-runs the driver with the
     new stage-1 weights and fits stage 2 on the blocks whose fate it decides;
  5. writes tools/bp_data/weights.txt (or prints it with -o -).

Then run tools/gen_bp_tables.py to put the weights into src/bp_tables.inc, rebuild, and
score with tests/bp_score.sh.  The fit is deterministic (Newton's method, L2 penalty, no
random initialisation).  Only the Python standard library is used.
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import gen_bp_tables  # noqa: E402

DEFAULT_CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "boilerplate")
DEFAULT_SETS = "scrapinghub/w3m,scrapinghub/flat,wcxb/w3m"
WEIGHTS = os.path.join(ROOT, "tools", "bp_data", "weights.txt")
TOKEN = re.compile(r"\w+")

DRIVER = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static float *g_x1, *g_y;
static unsigned char *g_has_y;
static size_t g_cap, g_nb;
static void fit_need(size_t b);
#define MOJICLEAN_BP_DUMP1(b, x) \
    (fit_need(b), memcpy(g_x1 + (b) * NX, (x), sizeof(float) * NX), g_has_y[b] = 0)
#define MOJICLEAN_BP_DUMP2(b, y) (memcpy(g_y + (b) * NY, (y), sizeof(float) * NY), g_has_y[b] = 1)
#include "boilerplate.c"
static void fit_need(size_t b)
{
    g_nb = b + 1;
    if (b < g_cap)
        return;
    size_t nc = g_cap ? g_cap * 2 : 4096;
    while (nc <= b)
        nc *= 2;
    g_x1 = realloc(g_x1, nc * NX * sizeof(float));
    g_y = realloc(g_y, nc * NY * sizeof(float));
    g_has_y = realloc(g_has_y, nc);
    if (!g_x1 || !g_y || !g_has_y)
        exit(3);
    g_cap = nc;
}
int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f)
            return 2;
        size_t cap = 1 << 20, n = 0, got;
        char *d = malloc(cap);
        while (d && (got = fread(d + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap)
                d = realloc(d, cap *= 2);
        }
        fclose(f);
        if (!d)
            return 3;
        size_t nl = 0, lcap = 1024, i = 0, st = 0;
        mojiclean__line *L = malloc(lcap * sizeof *L);
        while (L && i <= n) {
            if (i == n || d[i] == '\n' || d[i] == '\r') {
                uint32_t t = i == n ? 0 : (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') ? 2 : 1;
                if (i == n && st == n)
                    break;
                if (nl == lcap)
                    L = realloc(L, (lcap *= 2) * sizeof *L);
                L[nl].off = (uint32_t)st;
                L[nl].len = (uint32_t)(i - st);
                L[nl].term = t;
                nl++;
                if (i == n)
                    break;
                i += t;
                st = i;
            } else {
                i++;
            }
        }
        uint8_t *R = malloc(nl + 1);
        mojiclean__bp *bp = mojiclean__bp_new();
        if (!L || !R || !bp)
            return 3;
        g_nb = 0;
        if (mojiclean__bp_classify(bp, d, L, nl, R))
            return 3;
        printf("F %s\n", argv[a]);
        for (size_t b = 0; b < g_nb; b++) {
            printf("B %u %u %u", bp->bl[b].first, bp->bl[b].last, (unsigned)bp->bl[b].hard);
            for (int k = 0; k < NX; k++)
                printf(" %.5g", g_x1[b * NX + k]);
            if (g_has_y[b] && !bp->bl[b].hard)
                for (int k = 0; k < NY; k++)
                    printf(" %.5g", g_y[b * NY + k]);
            printf("\n");
        }
        mojiclean__bp_free(bp);
        free(R);
        free(L);
        free(d);
    }
    return 0;
}
"""


def enum_names(prefix):
    """Feature names in enum order, read from src/boilerplate.c (the one source)."""
    src = open(os.path.join(ROOT, "src", "boilerplate.c"), encoding="utf-8").read()
    m = re.search(r"enum \{\s*(%s_BIAS[^}]*)\}" % prefix, src)
    if not m:
        sys.exit("fit_bp_weights.py: no %s_* enum in src/boilerplate.c" % prefix)
    names = [t.strip() for t in m.group(1).split(",") if t.strip()]
    return names[:names.index("N" + prefix)]


def build_driver(tmp, weights, cc):
    langs, phrases, dates, words, _ = gen_bp_tables.load()
    tables = os.path.join(tmp, "bp_tables.inc")
    with open(tables, "w", encoding="utf-8") as f:
        f.write(gen_bp_tables.render(langs, phrases, dates, words, weights))
    with open(os.path.join(tmp, "drv.c"), "w", encoding="utf-8") as f:
        f.write(DRIVER)
    exe = os.path.join(tmp, "drv")
    cmd = [cc, "-O2", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-I", os.path.join(ROOT, "include"),
           "-I", os.path.join(ROOT, "src"), '-DMOJICLEAN_BP_TABLES="%s"' % tables,
           os.path.join(tmp, "drv.c"), os.path.join(ROOT, "src", "util.c"), "-o", exe]
    subprocess.run(cmd, check=True)
    return exe


def gold_of(path):
    t = TOKEN.findall(open(path, encoding="utf-8", errors="replace").read())
    return set(t), set(zip(t, t[1:]))


def run_driver(exe, corpus, sets, nx, ny, pos_weight):
    """Yield (set, file, block rows) with rows = (label, weight, hard, x, y or None)."""
    for st in sets:
        d = os.path.join(corpus, st)
        gold_dir = os.path.join(os.path.dirname(d), "gold")
        files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))
        proc = subprocess.run([exe] + files, stdout=subprocess.PIPE)
        if proc.returncode:
            sys.exit("fit_bp_weights.py: the feature driver failed (status %d) on %s" % (proc.returncode, d))
        out = proc.stdout
        cur, rows, lines, g1, g2 = None, [], [], set(), set()
        for raw in out.decode("utf-8", "replace").split("\n"):
            if raw.startswith("F "):
                if cur:
                    yield st, cur, rows
                cur, rows = raw[2:], []
                text = open(cur, "rb").read().decode("utf-8", "replace")
                lines = re.split(r"\r\n|\n|\r", text)
                g1, g2 = gold_of(os.path.join(gold_dir, os.path.basename(cur)))
            elif raw.startswith("B "):
                p = raw.split()
                first, last, hard = int(p[1]), int(p[2]), int(p[3])
                vals = [float(v) for v in p[4:]]
                x, y = vals[:nx], (vals[nx:nx + ny] if len(vals) >= nx + ny else None)
                toks = TOKEN.findall(" ".join(lines[first:last + 1]))
                if not toks:
                    continue
                if len(toks) >= 2:
                    cov = sum(1 for b in zip(toks, toks[1:]) if b in g2) / (len(toks) - 1)
                else:
                    cov = 1.0 if toks[0] in g1 else 0.0
                lab = 1 if cov >= 0.5 else 0
                w = math.sqrt(min(len(toks), 200)) * (pos_weight if lab else 1.0)
                rows.append((lab, w, hard, x, y))
        if cur:
            yield st, cur, rows


def solve(a, b):
    """Solve a x = b (a symmetric positive definite, small) by Gaussian elimination."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        if abs(m[c][c]) < 1e-12:
            continue
        x[c] = (m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))) / m[c][c]
    return x


def fit(data, dim, l2, iters, log):
    """Weighted L2-penalised logistic regression by Newton's method.  data: (y, w, x)."""
    rows = [(y, w, [(k, v) for k, v in enumerate(x) if v]) for y, w, x in data]
    wsum = sum(w for _, w, _ in rows) or 1.0
    beta = [0.0] * dim
    for it in range(iters):
        g = [0.0] * dim
        h = [[0.0] * dim for _ in range(dim)]
        loss = 0.0
        for y, w, nz in rows:
            z = sum(beta[k] * v for k, v in nz)
            p = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 1e-13
            loss -= w * math.log(max(p if y else 1.0 - p, 1e-12))
            r, s = w * (p - y), w * p * (1.0 - p)
            for i, (k, v) in enumerate(nz):
                g[k] += r * v
                hk = h[k]
                sv = s * v
                for k2, v2 in nz[i:]:
                    hk[k2] += sv * v2
        for k in range(dim):
            for k2 in range(k):
                h[k][k2] = h[k2][k]
            g[k] /= wsum
            for k2 in range(dim):
                h[k][k2] /= wsum
            if k:
                g[k] += l2 * beta[k]
                h[k][k] += l2
            h[k][k] += 1e-9
        step = solve(h, g)
        beta = [b - d for b, d in zip(beta, step)]
        log("  iteration %d: loss %.5f, step %.2e" % (it + 1, loss / wsum, max(abs(d) for d in step)))
        if max(abs(d) for d in step) < 1e-5:
            break
    right = sum(w for y, w, nz in rows if (sum(beta[k] * v for k, v in nz) >= 0) == (y == 1))
    log("  weighted accuracy %.4f on %d blocks" % (right / wsum, len(rows)))
    return beta


def render_weights(w1, w2, names1, names2):
    o = ["# Fitted weights of the boilerplate classifier, written by tools/fit_bp_weights.py",
         "# (see its --help; regenerate src/bp_tables.inc with tools/gen_bp_tables.py after).",
         "# Format: STAGE NAME VALUE.  w1: stage 1, a block on its own (X_* of src/boilerplate.c);",
         "# w2: stage 2, a block in its context (Y_*).  A block is kept when its stage-2 logit >= 0."]
    o += ["w1 %s %.4f" % (n, v) for n, v in zip(names1, w1)]
    o += ["w2 %s %.4f" % (n, v) for n, v in zip(names2, w2)]
    return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS,
                    help="the boilerplate benchmark folder (default ../shared/corpus/boilerplate)")
    ap.add_argument("--sets", default=DEFAULT_SETS,
                    help="comma-separated SET/STYLE dump folders with a SET/gold (default %s)" % DEFAULT_SETS)
    ap.add_argument("-o", "--out", default=WEIGHTS,
                    help="where to write the weights ('-' prints them; default tools/bp_data/weights.txt)")
    ap.add_argument("--l2", type=float, default=1e-3, help="L2 penalty (default 1e-3)")
    ap.add_argument("--pos-weight", type=float, default=1.25,
                    help="weight of article blocks relative to boilerplate blocks; above 1 favours "
                         "keeping text (default 1.25)")
    ap.add_argument("--iters", type=int, default=25, help="most Newton iterations (default 25)")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"), help="C compiler (default $CC or cc)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    a = ap.parse_args()
    log = (lambda m: None) if a.quiet else (lambda m: sys.stderr.write(m + "\n"))
    sets = [s for s in a.sets.split(",") if s]
    for s in sets:
        if not os.path.isdir(os.path.join(a.corpus, s)):
            sys.exit("fit_bp_weights.py: no folder %s" % os.path.join(a.corpus, s))
    names1, names2 = enum_names("X"), enum_names("Y")
    weights = gen_bp_tables.load()[4]
    with tempfile.TemporaryDirectory(prefix="fit_bp.") as tmp:
        log("stage 1: %d features" % len(names1))
        exe = build_driver(tmp, weights, a.cc)
        data = [(y, w, x) for _, _, rows in run_driver(exe, a.corpus, sets, len(names1), len(names2), a.pos_weight)
                for y, w, hard, x, _ in rows if not hard]
        w1 = fit(data, len(names1), a.l2, a.iters, log)
        weights = {"w1": list(zip(names1, w1)), "w2": weights["w2"]}
        log("stage 2: %d features" % len(names2))
        exe = build_driver(tmp, weights, a.cc)
        data = [(y, w, yv) for _, _, rows in run_driver(exe, a.corpus, sets, len(names1), len(names2), a.pos_weight)
                for y, w, hard, _, yv in rows if yv is not None]
        w2 = fit(data, len(names2), a.l2, a.iters, log)
    text = render_weights(w1, w2, names1, names2)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
        log("wrote %s; now run tools/gen_bp_tables.py" % a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
