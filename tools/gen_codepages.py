#!/usr/bin/env python3
# gen_codepages.py: write src/codepages.inc, the legacy code-page tables used to undo mojibake.
# SPDX-License-Identifier: MIT
"""Generate the single-byte code-page tables from the C library's iconv.

Source of the facts: glibc iconv (iconv_open(3)), one call per byte 0x80-0xFF for each
code page below.  Differences from iconv that real software has are data here, with their
source named:

* WHATWG Encoding Standard (encoding.spec.whatwg.org, "windows-874" and "windows-1252"
  indexes): bytes that a code page leaves undefined decode to the C1 control of the same
  number (browsers, Python's latin-1 view).  So U+0080-U+009F map back to the byte of the
  same number in every code page that leaves that byte undefined.
* The mixed table "windows-874+1252" is what a decoder produces that uses windows-874 where
  it defines a byte and windows-1252 where it does not (the seed article's `โ€œ`).

Output layout (see the banner of the .inc): a sorted list of every non-ASCII character that
some code page can produce, and for each character the byte it came from in every code page
(0 = not in that code page), plus bit masks of the code pages in which that byte is a UTF-8
lead byte (C2-F4) or continuation byte (80-BF).  A two-stage index over the BMP finds a
character's row without searching.
"""
import argparse
import ctypes
import ctypes.util
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gentable import write_or_check  # noqa: E402

# (name used in reports, iconv name).  Order matters only for ties: earlier wins.
CODEPAGES = [
    ("windows-1252", "CP1252"),
    ("latin-1", "ISO-8859-1"),
    ("windows-1250", "CP1250"),
    ("windows-1251", "CP1251"),
    ("windows-1253", "CP1253"),
    ("windows-1254", "CP1254"),
    ("windows-1257", "CP1257"),
    ("iso-8859-2", "ISO-8859-2"),
    ("iso-8859-15", "ISO-8859-15"),
    ("mac-roman", "MACINTOSH"),
    ("cp437", "CP437"),
    ("cp850", "CP850"),
    ("koi8-r", "KOI8-R"),
    ("windows-874", "CP874"),
    ("windows-874+1252", None),  # mixed: built from the two above
]

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
_libc.iconv_open.restype = ctypes.c_void_p
_libc.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
_libc.iconv.restype = ctypes.c_size_t
_libc.iconv.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p),
                        ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_char_p),
                        ctypes.POINTER(ctypes.c_size_t)]
_libc.iconv_close.argtypes = [ctypes.c_void_p]


def iconv_byte(name, b):
    """Decode the single byte `b` from code page `name` with iconv; None if undefined."""
    cd = _libc.iconv_open(b"UTF-32LE", name.encode())
    if cd in (None, ctypes.c_void_p(-1).value):
        sys.exit("gen_codepages: iconv does not know %s" % name)
    try:
        src = ctypes.create_string_buffer(bytes([b]), 1)
        dst = ctypes.create_string_buffer(16)
        ps, pd = ctypes.c_char_p(ctypes.addressof(src)), ctypes.c_char_p(ctypes.addressof(dst))
        ns, nd = ctypes.c_size_t(1), ctypes.c_size_t(16)
        r = _libc.iconv(cd, ctypes.byref(ps), ctypes.byref(ns), ctypes.byref(pd), ctypes.byref(nd))
        if r == ctypes.c_size_t(-1).value or ns.value != 0 or 16 - nd.value != 4:
            return None
        return int.from_bytes(dst.raw[:4], "little")
    finally:
        _libc.iconv_close(cd)


def build_tables():
    tables = {}
    for name, iname in CODEPAGES:
        if iname is None:
            continue
        t = [None] * 256
        for b in range(0x80, 0x100):
            t[b] = iconv_byte(iname, b)
        tables[name] = t
    mixed = [None] * 256
    for b in range(0x80, 0x100):
        mixed[b] = tables["windows-874"][b]
        if mixed[b] is None:
            mixed[b] = tables["windows-1252"][b]
    tables["windows-874+1252"] = mixed
    # Invariants: every defined high byte gives a non-ASCII character, and no code page
    # gives one character for two bytes (else the reverse map would be ambiguous).
    for name, t in tables.items():
        seen = {}
        for b in range(0x80, 0x100):
            cp = t[b]
            if cp is None:
                continue
            if cp < 0x80:
                sys.exit("gen_codepages: %s byte %02X gives ASCII U+%04X" % (name, b, cp))
            if cp in seen:
                sys.exit("gen_codepages: %s gives U+%04X for %02X and %02X" % (name, cp, seen[cp], b))
            seen[cp] = b
    return tables


def byte_lists(w, names, tables, lo, hi, tag, flag, width, comment):
    """Write the undefined bytes lo..hi-1 of each code page as C lists: mc_cp_n<tag> (how
    many), MC_CP_<flag> (the pages with any) and mc_cp_<tag>[MC_NCP][width] (the bytes)."""
    lost = [[b for b in range(lo, hi) if tables[n][b] is None] for n in names]
    for i, line in enumerate(comment):
        w(("/* " if i == 0 else " * ") + line + (" */" if i == len(comment) - 1 else ""))
    w("static const uint8_t mc_cp_n%s[MC_NCP] = {%s};" % (tag, ",".join(str(len(l)) for l in lost)))
    w("#define MC_CP_%s 0x%04Xu /* the code pages with any (mc_cp_n%s > 0) */" % (
        flag, sum(1 << k for k, l in enumerate(lost) if l), tag))
    w("static const uint8_t mc_cp_%s[MC_NCP][%d] = {" % (tag, width))
    for name, l in zip(names, lost):
        w("    {" + ",".join("0x%02X" % b for b in l) + "}, /* %s */" % name if l else "    {0}, /* %s */" % name)
    w("};")
    w("")


def pages_where(bs, lo, hi):
    """The code pages (a bit each) where a character's byte, bs[k], is in lo..hi."""
    return sum(1 << k for k, b in enumerate(bs) if lo <= b <= hi)


def gate_value(bs):
    """mc_cp_gate2's and mc_cp_gate3's word for a character with a row: bit 30, and the code
    pages where its byte is a lead (bits 0-14) or a continuation (bits 15-29)."""
    return 1 << 30 | pages_where(bs, 0x80, 0xBF) << 15 | pages_where(bs, 0xC2, 0xF4)


def render(tables):
    names = [n for n, _ in CODEPAGES]
    rows = {}  # cp -> list of bytes per code page
    for k, name in enumerate(names):
        t = tables[name]
        for b in range(0x80, 0x100):
            cp = t[b]
            if cp is None:
                continue
            rows.setdefault(cp, [0] * len(names))[k] = b
    # WHATWG: an undefined byte decodes to the C1 control of the same number.
    for k, name in enumerate(names):
        t = tables[name]
        for b in range(0x80, 0xA0):
            if t[b] is None:
                rows.setdefault(b, [0] * len(names))[k] = b
    chars = sorted(rows)
    if len(chars) >= 65535:
        sys.exit("gen_codepages: too many characters for a 16-bit index")
    if any(cp > 0xFFFF for cp in chars):
        sys.exit("gen_codepages: a code page maps outside the BMP")
    out = []
    w = out.append
    w("/* Generated by tools/gen_codepages.py from glibc iconv (and WHATWG data, see the")
    w(" * script). Do not edit; run `make tables`. */")
    w("")
    w("#define MC_NCP %d" % len(names))
    w("#define MC_NCHARS %d" % len(chars))
    w("")
    w("static const char *const mc_cp_names[MC_NCP] = {")
    for n in names:
        w('    "%s",' % n)
    w("};")
    w("")
    w("/* Undefined bytes of each code page (they can be dropped or replaced on the way). */")
    w("static const uint8_t mc_cp_undefined[MC_NCP][32] = {")
    for name in names:
        t = tables[name]
        bits = [0] * 32
        for b in range(0x80, 0x100):
            if t[b] is None:
                bits[b >> 3] |= 1 << (b & 7)
        w("    {" + ",".join("0x%02X" % x for x in bits) + "}, /* %s */" % name)
    w("};")
    w("")
    byte_lists(w, names, tables, 0x80, 0xC0, "lost", "LOSSY", 64,
               ["The undefined continuation bytes (80-BF) of each code page, as lists: the bytes that",
                "can have been lost inside a UTF-8 sequence."])
    w("/* The code pages that decode byte AD to U+00AD SOFT HYPHEN, which HTML-to-text converters")
    w(" * drop as invisible: there a UTF-8 sequence may have lost an AD (fix.c, LOST_SHY). */")
    w("#define MC_CP_SHY 0x%04Xu" % sum(1 << k for k, n in enumerate(names) if tables[n][0xAD] == 0xAD))
    byte_lists(w, names, tables, 0xC2, 0xF5, "lostlead", "LOSTLEAD", 52,
               ["The undefined lead bytes (C2-F4) of each code page: a U+FFFD before continuations",
                "may stand for one (windows-1253 leaves D2 undefined, the lead of U+0480-U+04BF;",
                "windows-874 DB-DE)."])
    w("/* Byte 0x80-0xFF -> code point (0 = undefined). */")
    w("static const uint16_t mc_cp_decode[MC_NCP][128] = {")
    for name in names:
        t = tables[name]
        w("    { /* %s */" % name)
        vals = [t[b] or 0 for b in range(0x80, 0x100)]
        for i in range(0, 128, 16):
            w("        " + ",".join("0x%04X" % v for v in vals[i:i + 16]) + ",")
        w("    },")
    w("};")
    w("")
    w("/* Row 1..MC_NCHARS: character, its byte in each code page (0 = absent), and the")
    w(" * code pages where that byte is a UTF-8 lead (C2-F4), a continuation (80-BF), and a")
    w(" * lead of a two-byte sequence (C2-DF: one lost byte can complete it). */")
    w("typedef struct mc_cprow { uint16_t cp; uint8_t byte[MC_NCP]; uint16_t lead, cont, lead2; } mc_cprow;")
    w("static const mc_cprow mc_cp_rows[MC_NCHARS + 1] = {")
    w("    {0, {0}, 0, 0, 0},")
    for cp in chars:
        bs = rows[cp]
        lead = pages_where(bs, 0xC2, 0xF4)
        cont = pages_where(bs, 0x80, 0xBF)
        lead2 = pages_where(bs, 0xC2, 0xDF)
        w("    {0x%04X, {%s}, 0x%04X, 0x%04X, 0x%04X}," % (cp, ",".join("0x%02X" % b for b in bs),
                                                       lead, cont, lead2))
    w("};")
    w("")
    w("/* The same bytes by code page, then row (row 0: none), for reading a text's bytes in")
    w(" * one code page. */")
    w("static const uint8_t mc_cp_page_bytes[MC_NCP][MC_NCHARS + 1] = {")
    for k in range(len(names)):
        vals = [0] + [rows[cp][k] for cp in chars]
        w("    { /* %s */" % names[k])
        for i in range(0, len(vals), 24):
            w("        " + ",".join("0x%02X" % v for v in vals[i:i + 24]) + ",")
        w("    },")
    w("};")
    w("")
    # Two-stage index: stage1[cp >> 8] -> block number, block 0 is all zero.
    blocks = [[0] * 256]
    stage1 = [0] * 256
    for hi in range(256):
        blk = [0] * 256
        for i, cp in enumerate(chars):
            if cp >> 8 == hi:
                blk[cp & 0xFF] = i + 1
        if any(blk):
            stage1[hi] = len(blocks)
            blocks.append(blk)
    w("static const uint8_t mc_cp_stage1[256] = {")
    for i in range(0, 256, 32):
        w("    " + ",".join(str(v) for v in stage1[i:i + 32]) + ",")
    w("};")
    w("static const uint16_t mc_cp_stage2[%d][256] = {" % len(blocks))
    for blk in blocks:
        w("    {")
        for i in range(0, 256, 32):
            w("        " + ",".join(str(v) for v in blk[i:i + 32]) + ",")
        w("    },")
    w("};")
    w("")
    # The same rows as UTF-8 reads them, for fix.c's gate_skip(): a two-byte sequence is its
    # code point's row directly, a three-byte one is looked into only where its block needs it.
    lead2 = max([0xC1] + [0xC0 | cp >> 6 for cp in chars if 0x80 <= cp < 0x800]) + 1
    w("/* Two-byte sequences with this lead byte or a higher one have no row (U+%04X on). */" % ((lead2 & 0x1F) << 6))
    w("#define MC_CP_ROWLESS_LEAD2 0x%02X" % lead2)
    w("/* Each character U+0080-U+07FF (a two-byte sequence) with a row: bit 30, and the code")
    w(" * pages where its byte is a lead (bits 0-14) or a continuation (bits 15-29) as in")
    w(" * mc_cp_rows; bit 31 for the C1 controls (row or not), which fix.c treats apart; 0 for")
    w(" * the others without a row. */")
    w("static const uint32_t mc_cp_gate2[0x780] = {")
    if len(names) > 15:
        sys.exit("gen_codepages: mc_cp_gate2 holds 15 code pages")
    vals = []
    for cp in range(0x80, 0x800):
        if cp not in rows:
            vals.append(1 << 31 if cp < 0xA0 else 0)
            continue
        vals.append(gate_value(rows[cp]) | (1 << 31 if cp < 0xA0 else 0))
    for i in range(0, len(vals), 16):
        w("    " + ",".join("0x%08X" % v for v in vals[i:i + 16]) + ",")
    w("};")
    lossy = sum(1 << k for k, n in enumerate(names) if any(tables[n][b] is None for b in range(0x80, 0xC0)))
    w("/* Each character U+0080-U+07FF, bit (cp & 7) of byte (cp - 0x80) >> 3: whether it is the")
    w(" * lead of a two-byte sequence in a code page that can lose bytes (mc_cp_rows' lead2 &")
    w(" * (MC_CP_LOSSY | MC_CP_SHY)). */")
    lossy |= sum(1 << k for k, n in enumerate(names) if tables[n][0xAD] == 0xAD)
    bits = [0] * 0xF0
    for cp in range(0x80, 0x800):
        if cp in rows and pages_where(rows[cp], 0xC2, 0xDF) & lossy:
            bits[(cp - 0x80) >> 3] |= 1 << (cp & 7)
    w("static const uint8_t mc_cp_lossy2[0xF0] = {")
    for i in range(0, 0xF0, 24):
        w("    " + ",".join("0x%02X" % v for v in bits[i:i + 24]) + ",")
    w("};")
    w("/* Each block of 64 code points U+0000-U+FFFF, as the first two bytes of a three-byte")
    w(" * sequence select it (index: lead & 0x0F, then the continuation's low 6 bits): 0 when it")
    w(" * needs no closer look, 2 when no three-byte sequence means it (overlong below U+0800,")
    w(" * surrogates), else 3 + its block of mc_cp_gate3 (it holds a character with a row or one")
    w(" * that fix.c treats apart, U+FFFD and U+2206). */")
    apart = {0xFFFD, 0x2206}
    if any(cp in rows for cp in apart):
        sys.exit("gen_codepages: a character fix.c treats apart has a row")
    blk3 = []
    gate3 = []
    for b in range(1024):
        lo, hi = b << 6, (b << 6) + 64
        if hi <= 0x800 or 0xD800 <= lo < 0xE000:
            blk3.append(2)
        elif any(lo <= cp < hi for cp in chars) or any(lo <= cp < hi for cp in apart):
            blk3.append(3 + len(gate3))
            gate3.append(b)
        else:
            blk3.append(0)
    if 3 + len(gate3) > 256:
        sys.exit("gen_codepages: mc_cp_blk3 holds 253 blocks of mc_cp_gate3")
    w("static const uint8_t mc_cp_blk3[1024] = {")
    for i in range(0, 1024, 64):
        w("    " + ",".join(str(v) for v in blk3[i:i + 64]) + ",")
    w("};")
    w("/* The characters of those blocks as mc_cp_gate2 gives the two-byte ones (no C1 control")
    w(" * among them): bit 30, and the code pages where its byte is a lead (bits 0-14) or a")
    w(" * continuation (bits 15-29), for a character with a row; bit 31 alone for one that fix.c")
    w(" * treats apart; 0 for the others. */")
    w("static const uint32_t mc_cp_gate3[%d] = {" % (64 * len(gate3)))
    for b in gate3:
        vals = []
        for cp in range(b << 6, (b << 6) + 64):
            if cp in apart:
                vals.append(1 << 31)
            elif cp not in rows:
                vals.append(0)
            else:
                vals.append(gate_value(rows[cp]))
        w("    /* U+%04X */" % (b << 6))
        for i in range(0, 64, 16):
            w("    " + ",".join("0x%08X" % v for v in vals[i:i + 16]) + ",")
    w("};")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", help="write the table here")
    ap.add_argument("--check", metavar="FILE", help="fail if FILE differs from a fresh generation")
    a = ap.parse_args()
    text = render(build_tables())
    write_or_check("gen_codepages", text, a.check, a.output, None)


if __name__ == "__main__":
    main()
