#!/usr/bin/env python3
"""gen_stress.py: write generated inputs for the replay drivers, to look for what the fuzzers
find slowly (idempotence and periodicity of repairs mixing HTML references, mojibake of
several code pages, lost bytes and long lines).

SPDX-License-Identifier: MIT

Each file is a 6-byte header (the same layout as fuzz_stream.c and, byte 0, fuzz_oneshot.c:
flags, chunking, output size, amplification; byte 4 amplifies about 15 % of the inputs past
the 64 KiB line window) and a body drawn from the fragments below.  Not part of make check:
the inputs that fail are known (tests/fuzz/README.md, "Known failures").

    python3 tests/fuzz/gen_stress.py --out /tmp/stress --count 6000 --seed 11
    make fuzz-replay-bins
    build/fuzz/replay_oneshot /tmp/stress; build/fuzz/replay_stream /tmp/stress
"""

import argparse
import os
import random

FRAGMENTS = [
    "&amp;", "&quot;", "&#63;", "&eacute;", "&Atilde;", "&copy;", "&acirc;", "&euro;",
    "&trade;", "&#195;", "&#169;", "&nbsp;", "&#x9D;",
    "Ã©", "â€™", "â€œ", "â€", "â€ ", "Ð¿Ñ€Ð¸", "Ñ\ufffd", "à¤¹à¤¿", "à¥?", "เธ", "โ€œ", "โ€",
    "Ã ", "Ã¼", "Ã\x83Â©", "Â ", "Å¡", "Ä\x8d", "Ã±",
    "caf", "word", "the", " ", "  ", "?", "\n", "\r", "\t", "<p>", '{"a": ', '"}', "é",
    "\u00a0", "€", "\ufffd", "ü", "ß", "Ω", "Я", "ก", "中", "😀", "\u0301", "\x16",
]
FLAG_BYTES = [0x09, 0x0B, 0x19, 0x01, 0x08, 0x11, 0x1B]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.count):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 80)))
        body = text.encode("utf-8")
        if rng.random() < 0.2:
            body = body.replace(b"\xc3\xa9", b"\xe9", 1)  # a raw windows-1252 byte
        if rng.random() < 0.1:
            body = body.replace(b"\xc2\x9d", b"", 1)  # a dropped byte
        amp = (0xF0 | rng.randrange(15)) if rng.random() < 0.15 else rng.randrange(0xF0)
        head = bytes([rng.choice(FLAG_BYTES), rng.randrange(256), rng.randrange(256),
                      rng.randrange(256), amp, rng.randrange(256)])
        with open(os.path.join(a.out, "in_%05d" % i), "wb") as f:
            f.write(head + body)


if __name__ == "__main__":
    main()
