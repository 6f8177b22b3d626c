#!/usr/bin/env python3
"""make_corpus.py: writes the seed inputs of tests/fuzz/corpus/{oneshot,stream}/.
SPDX-License-Identifier: MIT

Usage: python3 tests/fuzz/make_corpus.py   (from the repo root; rewrites seed-* files only,
so crash-*, slow-unit-* and other files found by fuzzing stay).

Bodies: every fixture input (fixtures/**/*.txt, gold files too: clean text must survive)
plus hand-made hostile inputs (invalid UTF-8 of every kind, NUL, CR, BOMs, UTF-16, long
runs of mojibake tokens, lines past the 64 KiB window, entities good and broken).
oneshot files are one flag byte + body (fuzz_oneshot.c); stream files are the 6-byte
header of fuzz_stream.c + body, including tiny bodies amplified past the line window,
the 2^17-line limit and MOJICLEAN_DOC_MAX.
"""
import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")

FIX, STRIP, MARK, ENT, NFC = 1, 2, 4, 8, 16
DEFAULT = FIX | STRIP | ENT
W = 65536  # the library's line window (stream.c LINE_WINDOW)


def u(s):
    return s.encode("utf-8")


def bodies():
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*", "*.txt"))):
        rel = os.path.relpath(path, os.path.join(ROOT, "fixtures"))
        with open(path, "rb") as f:
            out["fx-" + rel.replace("/", "-")[:-4]] = f.read()
    para = u("The turbines came out of the water on Tuesday, the harbour master said. ")
    out.update({
        "overlong": b"a\xc0\x80b \xc1\xbf c\xe0\x80\x80d \xe0\x9f\xbf e\xf0\x80\x80\x80f \xf0\x8f\xbf\xbf\n",
        "surrogates": b"x\xed\xa0\x80y \xed\xbf\xbf z\xed\xa0\xbd\xed\xb8\x80 caf\xc3\xa9\n",
        "past-10ffff": b"\xf4\x90\x80\x80 \xf5\x80\x80\x80 \xf7\xbf\xbf\xbf \xf8\x88\x80\x80\x80 \xfc\x84\x80\x80\x80\x80 \xfe\xff\n",
        "truncated-eof-2": u("café déjà ") + b"\xc3",
        "truncated-eof-3": u("quote ") + b"\xe2\x80",
        "truncated-eof-4": u("emoji ") + b"\xf0\x9f\x98",
        "truncated-mid": b"a\xc3 b\xe2\x80 c\xf0\x9f\x98 d\xe2\x80\n\xc3\r\n\xe2\r",
        "stray-cont": b"\x80\x81\x8d\x8f\x90\x9d\xbf text \x80\n",
        "nul": b"a\x00b\x00\x00 caf\xc3\x83\xc2\xa9\x00\n\x00\r\n\x00",
        "lone-cr": u("line one\rline two Ã©\rline three\r\rend"),
        "crlf-mixed": u("one\r\ntwo â€œxâ€\r\nthree\nfour\rfive\r\n\r\n\n\r"),
        "only-cr": b"\r" * 300,
        "only-lf": b"\n" * 300,
        "only-crlf": b"\r\n" * 300,
        "bom": u("\ufeffcafÃ© au lait\n\ufeffagain\n"),
        "utf16le": b"\xff\xfe" + "café “quoted” text\r\n".encode("utf-16-le"),
        "utf16be": b"\xfe\xff" + "café “quoted” text\n".encode("utf-16-be"),
        "A-tilde-1000": u("Ã" * 1000),
        "A-tilde-copy-1000": u("Ã©" * 1000 + "\n"),
        "a-euro-1000": u("â€" * 1000),
        "a-euro-sp-1000": u("â€ " * 1000),
        "thai-euro-1000": u("โ€œ" * 500 + "โ€ " * 500),
        "double-1000": u("Ã¢â‚¬Å“" * 1000),
        "mixed-valid-invalid": bytes(b for i in range(2000) for b in ((0x61,) if i % 2 else (0xE9,))),
        "alt-moji-invalid": u("Ã") + b"\xff" + u("©Ã") + b"\xa9\xc3" + u("â€") + b"\x9d\xe2\x80" * 50,
        "cp1252-raw": b"caf\xe9 cr\xe8me br\xfbl\xe9e \x93quoted\x94 \x85\n",
        "c1": u("a\u0080b\u0081c\u008dd\u009de\u009ff \u0093x\u0094\n"),
        "nbsp-lost": u("Ã  la carte, Ã\u00a0 bientôt, Â\u00a0 Â \n"),
        "entities": b"&Atilde;&copy; &acirc;&euro;&trade; &eacute; &#233; &#xE9; &amp; &#195;&#169;\n",
        "entities-broken": b"&#99999999; &#x110000; &#xD800; &#0; &#; &#x; &Atilde &copy &#233 &#x80; &#128;&" * 4,
        "entities-long": b"&#" + b"9" * 5000 + b";&" + b"a" * 5000 + b";",
        "fffd": u("caf\ufffd \u00e2\u20ac\ufffd x \u00e2\u20ac? y Ã? z\n"),
        "boilerplate": para * 3 + u("\n\nFollow Us on Twitter, Instagram, Facebook, & LinkedIn\n\n"
                                   "Leave a Reply\n\nYour email address will not be published. "
                                   "Required fields are marked *\n\nBack to top button\n"),
        "all-boilerplate": u("Home | News | Sport\nShare this:\nTweet\nRelated Posts\n"
                             "© 2024 All rights reserved.\nPrivacy Policy\nBack to top\n") * 20,
        "blank-blocks": (para + u("\n\n")) * 10 + u("\n") * 50,
        "nfc": u("e\u0301 A\u030a \u1e9b\u0323 \uac00\u11a8 Ã©\u0301\n"),
        "emoji-zwj": u("👩\u200d👩\u200d👧 🇫🇷 👍🏽 Ã© 😀\n"),
        "long-ascii-70k": b"a" * 70000,
        "long-words-70k": u("word " * 14000),
        "long-moji-70k": u("Ã©" * 35000),
        "long-moji-sp-70k": u("cafÃ© " * 10000),
        "straddle-65536": b"a" * (W - 1) + u("Ã©â€œ bonjour") + b"\n",
        "straddle-65535": b"a" * (W - 2) + u("Ã©â€œ") + b"\n",
        "straddle-cr-lf": b"b" * (W - 1) + b"\r\nnext\r",
        "straddle-utf8": b"c" * (W - 2) + u("😀") + b"tail",
        "long-invalid-70k": bytes((0xC3, 0x28, 0xE2, 0x82)) * 17500,
        "two-long-lines": (b"x " * 33000 + b"\n") * 2,
    })
    return out


def write(dirname, name, data):
    d = os.path.join(CORPUS, dirname)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def main():
    for d in ("oneshot", "stream"):
        for p in glob.glob(os.path.join(CORPUS, d, "seed-*")):
            os.remove(p)
    bs = bodies()
    flag_sets = [0, FIX, DEFAULT, DEFAULT | MARK, STRIP, FIX | NFC | ENT]
    for name, body in bs.items():
        for fl in flag_sets:
            # Long bodies once, in the mode that checks the most (idempotence and MARK).
            if len(body) > 20000 and fl != DEFAULT | MARK:
                continue
            write("oneshot", "%s-f%02x" % (name, fl), bytes([fl]) + body)
    # Stream: header = flags|bits, chunk modes, chunk param, output size code, amp, seed.
    headers = [
        ("whole", bytes([DEFAULT, 0x00, 0xFF, 0xFF, 0x00, 0x00])),
        ("bytewise-out1", bytes([FIX | 0x40, 0x0A, 0x00, 0x00, 0x00, 0x00])),
        ("rand7-out3", bytes([DEFAULT | MARK | 0x20, 0x05, 0x06, 0x02, 0x00, 0x11])),
        ("raw-rand", bytes([0x00, 0x0D, 0x40, 0x10, 0x00, 0x22])),
    ]
    for name, body in bs.items():
        if len(body) > 20000:
            continue  # the amplified seeds below reach the long-line paths more cheaply
        for hname, h in headers:
            write("stream", "%s-%s" % (name, hname), h + body)
    # Tiny bodies amplified by fuzz_stream.c: (name, flags, amp index, body).
    amps = [
        ("amp-moji-65537", DEFAULT, 2, u("Ã©")),
        ("amp-quote-65536", FIX, 1, u("â€œ")),
        ("amp-thai-65539", DEFAULT | ENT, 3, u("โ€ ")),
        ("amp-words-131073", DEFAULT, 7, u("Ã© word ")),
        ("amp-lf-140000", DEFAULT, 12, b"\n"),
        ("amp-crlf-131072", DEFAULT | MARK, 10, b"\r\n"),
        ("amp-cr-131073", STRIP, 11, b"a\r"),
        ("amp-lines-200000", DEFAULT | MARK, 13, u("Ã©\n")),
        ("amp-invalid-65537", FIX, 2, b"\xe2\x80"),
        ("amp-entity-65536", DEFAULT, 1, b"&Atilde;&copy;"),
        ("amp-utf8-4-65535", FIX | NFC, 0, u("😀")),
    ]
    for name, fl, idx, body in amps:
        write("stream", name, bytes([fl, 0x0F, 0x80, 0xC0, 0xF0 | idx, 0x44]) + body)
    # One document past MOJICLEAN_DOC_MAX (amp index 15 needs seed byte 0xA5): the held
    # document is let go and the rest streams through.
    write("stream", "amp-docmax", bytes([DEFAULT | MARK, 0x0F, 0x80, 0xFF, 0xFF, 0xA5]) +
          u("A short sentence of article text, with cafÃ© in it.\nShare this:\n"))


if __name__ == "__main__":
    main()
