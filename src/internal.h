/* internal.h: what the library's modules share with each other (never installed).
 * SPDX-License-Identifier: MIT
 *
 * Data flow of one document (see DESIGN in README.md):
 *   stream.c  cuts input into lines (LF, CR LF or lone CR), holding back at most one line
 *   fix.c     repairs the mojibake runs of each line (or of each 64 KiB piece of a long line)
 *   stream.c  holds the repaired lines of the document when boilerplate stripping is on
 *   boilerplate.c  decides per line: keep, or a reason for removing it
 *   stream.c  writes the kept lines to the caller's buffer
 * Cross-file internal names carry a double underscore (mojiclean__) so they pass the
 * exported-symbol check and are hidden by -fvisibility=hidden.
 */
#ifndef MOJICLEAN_INTERNAL_H
#define MOJICLEAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mojiclean.h"

/* MARK: - Growable byte buffer */

typedef struct mojiclean__buf {
    char *p;
    size_t len;
    size_t cap;
} mojiclean__buf;

/* Make room for `extra` more bytes after len.  Returns 0, or MOJICLEAN_ENOMEM (the buffer is
 * then unchanged). */
int mojiclean__buf_reserve(mojiclean__buf *b, size_t extra);
/* Append `n` bytes at `src` (src may be NULL when n is 0).  0 or MOJICLEAN_ENOMEM. */
int mojiclean__buf_append(mojiclean__buf *b, const void *src, size_t n);
/* Free the storage and zero the struct. */
void mojiclean__buf_free(mojiclean__buf *b);

/* MARK: - UTF-8 */

/* Decode one UTF-8 sequence at s[0..n) (n >= 1).  Returns its length (1-4) and sets *cp,
 * or returns 0 when the bytes there are not a complete, well-formed sequence (overlong,
 * surrogate, > U+10FFFF, stray continuation, or cut off by n).  Strict UTF-8 as in Unicode
 * table 3-7; a sequence cut off by `n` is not decoded either: the caller decides whether
 * more bytes may still come.  (Inline: the token search of fix.c decodes candidate
 * sequences by the hundred thousand.) */
static inline size_t mojiclean__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
        return 0;
    *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
          ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
}

/* Encode `cp` (must be <= U+10FFFF and not a surrogate) into out[0..4); returns the length. */
size_t mojiclean__utf8_encode(uint32_t cp, unsigned char *out);
/* Length of the leading run of bytes < 0x80 in s[0..n). */
size_t mojiclean__ascii_prefix(const unsigned char *s, size_t n);

/* MARK: - Mojibake repair (fix.c) */

typedef struct mojiclean__fixer mojiclean__fixer;

/* A repair made by the last mojiclean__fix() call, for events.  Offsets index the piece
 * given to it (`in_*`) and the output buffer it appended to (`out_*`). */
typedef struct mojiclean__change {
    size_t in_off, in_len;
    size_t out_off, out_len;
    unsigned code_pages;  /* bit k: mojiclean__cp_name(k) took part */
    int first;            /* the outermost code page, or MOJICLEAN__RAW */
} mojiclean__change;

/* mojiclean__change.first for bytes that were not UTF-8 at all (raw windows-1252). */
#define MOJICLEAN__RAW (-2)
/* The code-page index (bit in code_pages, and `first`) of HTML character references
 * decoded; mojiclean__cp_name() calls it "html". */
#define MOJICLEAN__HTML 31

/* The name of code page `k` ("windows-1252"). */
const char *mojiclean__cp_name(int k);

/* New fixer for option `flags` (MOJICLEAN_* bits).  NULL when out of memory. */
mojiclean__fixer *mojiclean__fixer_new(unsigned flags);
void mojiclean__fixer_free(mojiclean__fixer *fx);

/* Repair the piece s[0..n) of one line (no line terminator in it) and append the result to
 * `out`.  Returns the number of runs repaired and references decoded (>= 0) or
 * MOJICLEAN_ENOMEM.  Invalid UTF-8 is copied through.  The result must not depend on
 * anything but the piece itself and one fact of its paragraph so far: that a line of it was
 * repaired through its character references (then the piece decodes its references too). */
int mojiclean__fix(mojiclean__fixer *fx, const char *s, size_t n, mojiclean__buf *out);

/* A blank line or a new document: the paragraph mojiclean__fix() remembers has ended. */
void mojiclean__fix_forget(mojiclean__fixer *fx);

/* Whether mojiclean__fix() would copy s[0..n) through at once, repairing nothing (ASCII,
 * with no character reference to read where MOJICLEAN_ENTITIES asks): then the caller may
 * take the piece as it is, and the fixer has forgotten the last call's repairs as that
 * call would have.  0 where mojiclean__fix() is to be called. */
int mojiclean__fix_plain(mojiclean__fixer *fx, const char *s, size_t n);

/* The repairs of the last mojiclean__fix() call (*changes stays valid until the next). */
size_t mojiclean__fix_changes(const mojiclean__fixer *fx, const mojiclean__change **changes);
/* Whether the caller reads the changes of each mojiclean__fix() (off: they may not be kept). */
void mojiclean__fix_events(mojiclean__fixer *fx, int on);

/* Where an over-long line may be cut without cutting a mojibake run or a UTF-8 sequence:
 * returns k in (0, n] such that s[0..k) can be repaired on its own, or 0 when there is no
 * such point (the caller then cuts at n anyway, after a complete UTF-8 sequence). */
size_t mojiclean__fix_split_point(const char *s, size_t n);

/* MARK: - HTML character references (entities.c) */

/* Read the character reference at s[0..n) ("&eacute;", "&#233;", "&#xE9;"; the semicolon
 * is required).  Returns its length in bytes and sets *cp, or returns 0 when there is no
 * valid reference there.  Numeric references 0x80-0x9F give their windows-1252 characters,
 * as in HTML. */
size_t mojiclean__entity(const char *s, size_t n, uint32_t *cp);

/* Decode every character reference in s[0..n) (except those to control characters and
 * noncharacters), to a fixed point ("&amp;eacute;" gives "é"), appending the text to `out`.
 * Returns the number of references decoded; when that is 0, nothing is appended.  Or
 * MOJICLEAN_ENOMEM. */
int mojiclean__unescape(const char *s, size_t n, mojiclean__buf *out);

/* MARK: - Boilerplate (boilerplate.c) */

/* One line of a held document: content doc[off .. off+len), then `term` terminator bytes
 * (0: last line without one, 1: LF or CR, 2: CR LF). */
typedef struct mojiclean__line {
    uint32_t off;
    uint32_t len;
    uint32_t term;
    uint64_t in_off; /* where the line started in the document's input */
} mojiclean__line;

/* The most lines held for one document; past it, the document is kept whole. */
#define MOJICLEAN__LINES_MAX ((size_t)1 << 17)

/* Reason codes: 0 keeps the line; anything else removes it. */
enum {
    MOJICLEAN__BP_KEEP = 0
    /* further codes are defined by boilerplate.c; mojiclean__bp_reason_name() names them */
};

typedef struct mojiclean__bp mojiclean__bp;

/* Classifier state.  It lives as long as the handle, so what it learns about lines that
 * repeat across documents (a publisher's footer) carries from one document to the next. */
mojiclean__bp *mojiclean__bp_new(void);
void mojiclean__bp_free(mojiclean__bp *bp);

/* Decide for each of the `n` lines of one document whether it stays: sets reason[i] to
 * MOJICLEAN__BP_KEEP or to the reason for removing it.  Blank lines are decided too (a blank
 * line next to removed text usually goes with it).  The lines are in document order and
 * together cover doc.  Returns 0 or MOJICLEAN_ENOMEM. */
int mojiclean__bp_classify(mojiclean__bp *bp, const char *doc, const mojiclean__line *lines,
                           size_t n, uint8_t *reason);

/* A short static name for a reason code ("keep", "footer", "comment-form", ...). */
const char *mojiclean__bp_reason_name(int reason);

#endif /* MOJICLEAN_INTERNAL_H */
