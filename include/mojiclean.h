/* mojiclean.h: the public API of libmojiclean, a streaming cleaner for scraped article text.
 * SPDX-License-Identifier: MIT
 *
 * NAME
 *   libmojiclean - repair mojibake and strip publisher boilerplate from UTF-8 text
 *
 * DESCRIPTION
 *   Text that was UTF-8, was decoded with the wrong legacy code page and was written out
 *   again as UTF-8 ("Ã©" for "é", "â€œ" for "“", "Ð¿Ñ€Ð¸" for "при") is put back, run by
 *   run, and only where the repaired text is clearly more plausible than what came in.
 *   Publisher boilerplate (footers, "Follow us on ...", comment forms, "Back to top") is
 *   removed block by block.  Every other byte comes out as it went in: invalid UTF-8 passes
 *   through unchanged (but windows-1252 plainly pasted into UTF-8 text, such as a raw E9
 *   for e-acute between letters or Word's quotes 93 and 94 around a word, is written as
 *   UTF-8), line ends are kept, nothing is normalised.
 *
 *   The one-call way:
 *
 *       char *out; size_t out_len;
 *       if (mojiclean_clean(text, len, MOJICLEAN_DEFAULT, &out, &out_len, NULL) == 0) {
 *           fwrite(out, 1, out_len, stdout);
 *           free(out);
 *       }
 *
 *   The streaming way (constant memory, any chunk sizes): see mojiclean_feed().
 *
 * THREADS
 *   A handle is used by one thread at a time.  Different handles share nothing, and the
 *   library keeps no global mutable state, so any number of threads may each use their own.
 */
#ifndef MOJICLEAN_H
#define MOJICLEAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* MARK: - Version */

#define MOJICLEAN_VERSION_MAJOR 0
#define MOJICLEAN_VERSION_MINOR 1
#define MOJICLEAN_VERSION_PATCH 0
/* (major << 16) | (minor << 8) | patch, for compile-time comparisons. */
#define MOJICLEAN_VERSION                                                                   \
    ((MOJICLEAN_VERSION_MAJOR << 16) | (MOJICLEAN_VERSION_MINOR << 8) | MOJICLEAN_VERSION_PATCH)
#define MOJICLEAN_VERSION_STRING "0.1.0"

#if defined(_WIN32) && defined(MOJICLEAN_SHARED_BUILD)
#define MOJICLEAN_API __declspec(dllexport)
#elif defined(__GNUC__)
#define MOJICLEAN_API __attribute__((visibility("default")))
#else
#define MOJICLEAN_API
#endif

/* The MOJICLEAN_VERSION of the library actually linked.  Compare it with the header's
 * MOJICLEAN_VERSION to catch a header/library mismatch. */
MOJICLEAN_API unsigned mojiclean_version(void);

/* The version of the linked library as a static string, e.g. "0.1.0". */
MOJICLEAN_API const char *mojiclean_version_string(void);

/* MARK: - Options */

enum {
    /* Repair mojibake (wrongly decoded UTF-8, lost bytes, leftover C1 controls). */
    MOJICLEAN_FIX = 1u << 0,
    /* Remove publisher boilerplate blocks.  The document is held (up to
     * MOJICLEAN_DOC_MAX bytes) until its end is known; past that, the rest is kept. */
    MOJICLEAN_STRIP = 1u << 1,
    /* Instead of removing boilerplate, prefix every line with the decision: "+ " for a
     * kept line, "- [reason] " for a line that would be removed.  Implies the analysis of
     * MOJICLEAN_STRIP but removes nothing. */
    MOJICLEAN_MARK = 1u << 2,
    /* With MOJICLEAN_FIX: read HTML character references (&eacute; &#233; &#xE9;) as the
     * characters they stand for when looking for mojibake, so "&Atilde;&copy;" is repaired
     * to "é".  A line where that happened was escaped after the damage: all its references
     * ("&quot;", "&amp;") are decoded, then it is repaired, and so are those of the lines
     * after it up to a blank line or the document's end.  In other lines, and in lines
     * with markup ('<' before a letter, '/', '!' or '?') or that start like JSON,
     * references stay as written ("Fish &amp; Chips"). */
    MOJICLEAN_ENTITIES = 1u << 3,
    /* Apply Unicode NFC normalisation (utf8proc) to every line.  Off by default: the
     * library does not make cosmetic changes unless asked. */
    MOJICLEAN_NFC = 1u << 4,

    MOJICLEAN_DEFAULT = MOJICLEAN_FIX | MOJICLEAN_STRIP | MOJICLEAN_ENTITIES,
    MOJICLEAN_ALL_FLAGS = (1u << 5) - 1
};

/* The most bytes of one document held for boilerplate analysis.  A larger document is
 * analysed no further: what was held and everything after it is kept. */
#define MOJICLEAN_DOC_MAX ((size_t)4 << 20)

/* MARK: - Errors */

/* Error codes.  All are negative; 0 is success. */
enum {
    MOJICLEAN_OK = 0,
    MOJICLEAN_EINVAL = -1, /* a bad argument: NULL where a pointer is needed, unknown flag */
    MOJICLEAN_ENOMEM = -2, /* out of memory; the handle stays usable after a reset */
    MOJICLEAN_ESTATE = -3  /* misuse: mojiclean_feed() after mojiclean_finish() without reset */
};

/* What went wrong.  `msg` is a static string (never freed); `offset` is the number of input
 * bytes consumed on this handle, since the last reset, when the error happened. */
typedef struct mojiclean_error {
    int code;
    const char *msg;
    uint64_t offset;
} mojiclean_error;

/* A static, human-readable message for an error `code` ("success" for 0, "unknown error"
 * for anything that is not a code above). */
MOJICLEAN_API const char *mojiclean_strerror(int code);

/* MARK: - Streaming */

/* One cleaning stream.  Opaque; one per document stream, used by one thread at a time. */
typedef struct mojiclean mojiclean;

/* Input buffer: the library reads src[pos..size) and advances pos. */
typedef struct mojiclean_in {
    const char *src;
    size_t size;
    size_t pos;
} mojiclean_in;

/* Output buffer: the library writes to dst[pos..size) and advances pos. */
typedef struct mojiclean_out {
    char *dst;
    size_t size;
    size_t pos;
} mojiclean_out;

/* Create a handle with option `flags` (MOJICLEAN_* bits).  Returns NULL when `flags` has
 * unknown bits or memory runs out; `err`, when not NULL, then says which. */
MOJICLEAN_API mojiclean *mojiclean_new(unsigned flags, mojiclean_error *err);

/* Free a handle and everything it holds.  NULL is a no-op. */
MOJICLEAN_API void mojiclean_free(mojiclean *mc);

/* Feed input and collect output.  Consumes what it can of `in` (in->pos advances), writes
 * what fits into `out` (out->pos advances).  Input is taken in chunks of any size: the
 * output does not depend on where the chunks split (a UTF-8 sequence, a CR LF pair or a
 * mojibake run may be cut anywhere).  The handle holds back at most one line (up to
 * 64 KiB) plus, in MOJICLEAN_STRIP mode, the current document (up to MOJICLEAN_DOC_MAX).
 *
 * Returns < 0 on error (a MOJICLEAN_E* code; `err` is filled when not NULL), 0 when no
 * output is waiting, > 0 when output is waiting for room in `out`: call again (with the
 * same or more input) after emptying `out`.  It may leave input unconsumed when output is
 * waiting, so loop until in->pos == in->size.
 *
 *     mojiclean_in in = { buf, n, 0 };
 *     while (in.pos < in.size) {
 *         mojiclean_out out = { obuf, sizeof obuf, 0 };
 *         if (mojiclean_feed(mc, &in, &out, &err) < 0) goto fail;
 *         fwrite(obuf, 1, out.pos, stdout);
 *     }
 */
MOJICLEAN_API int mojiclean_feed(mojiclean *mc, mojiclean_in *in, mojiclean_out *out,
                                 mojiclean_error *err);

/* End the document: process what is held back and write it.  Call until it returns 0;
 * > 0 means more output is waiting for room in `out`, < 0 an error.  After it returned 0
 * the handle takes no more input until mojiclean_reset(). */
MOJICLEAN_API int mojiclean_finish(mojiclean *mc, mojiclean_out *out, mojiclean_error *err);

/* Start the next document with the same flags, keeping allocated buffers.  Anything held
 * back and not yet finished is discarded.  What the handle learned about repeated lines
 * (publisher footers) across documents is kept. */
MOJICLEAN_API void mojiclean_reset(mojiclean *mc);

/* MARK: - Events (what was changed, and why) */

enum {
    MOJICLEAN_EVENT_REPAIR = 1, /* mojibake repaired */
    MOJICLEAN_EVENT_REMOVE = 2  /* a line removed (or, with MOJICLEAN_MARK, marked) as boilerplate */
};

/* One change.  All pointers are valid only during the callback. */
typedef struct mojiclean_event {
    int kind;             /* MOJICLEAN_EVENT_* */
    uint64_t offset;      /* byte offset in the document's input where `before` starts */
    const char *before;   /* the text as it came in (for REMOVE: the line, repaired) */
    size_t before_len;
    const char *after;    /* the repaired text; empty for REMOVE */
    size_t after_len;
    const char *why;      /* REPAIR: the code pages that explain it, outermost first, comma
                           * separated ("windows-1252,windows-1252"), with "raw:" before
                           * them for bytes that were not UTF-8 at all ("raw:windows-1252");
                           * REMOVE: the reason ("footer", "comment", "share", ...) */
} mojiclean_event;

typedef void (*mojiclean_event_fn)(const mojiclean_event *ev, void *ctx);

/* Call `fn(event, ctx)` for every repair, as its line is read, and for every removed
 * line, when its document ends (so in MOJICLEAN_STRIP mode the removals of a document
 * come after its repairs), from inside mojiclean_feed() and mojiclean_finish().  `fn`
 * NULL turns it off.  The callback must not call back into the same handle. */
MOJICLEAN_API void mojiclean_set_events(mojiclean *mc, mojiclean_event_fn fn, void *ctx);

/* MARK: - Statistics */

typedef struct mojiclean_stats {
    uint64_t bytes_in;       /* input bytes consumed since the handle was made */
    uint64_t bytes_out;      /* output bytes written */
    uint64_t repairs;        /* mojibake runs repaired */
    uint64_t lines_removed;  /* lines removed (or marked) as boilerplate */
    uint64_t documents;      /* documents finished */
} mojiclean_stats;

/* Copy the handle's running totals into `*st`.  Both must be non-NULL. */
MOJICLEAN_API void mojiclean_get_stats(const mojiclean *mc, mojiclean_stats *st);

/* MARK: - One call */

/* Clean `len` bytes at `src` (NULL is allowed when len is 0) as one document.  On success
 * returns 0 and sets `*dst` to a malloc'd buffer of `*dst_len` bytes, plus a terminating
 * NUL that is not counted; the caller frees it with free().  On error returns a negative
 * code, sets *dst to NULL and fills `err` when not NULL. */
MOJICLEAN_API int mojiclean_clean(const char *src, size_t len, unsigned flags, char **dst,
                                  size_t *dst_len, mojiclean_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MOJICLEAN_H */
