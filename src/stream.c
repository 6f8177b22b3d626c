/* stream.c: the streaming handle: lines in, repaired lines through, boilerplate out.
 * SPDX-License-Identifier: MIT
 *
 * Input is cut into lines at LF, CR LF or a lone CR; the terminator bytes are kept as they
 * came.  A line longer than LINE_WINDOW is repaired in pieces cut where no mojibake run can
 * straddle the cut (mojiclean__fix_split_point), and the pieces are always taken from the
 * start of the line in windows of LINE_WINDOW bytes, so the cut points, and therefore the
 * output, do not depend on how the caller chunks its input.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The most bytes of one line held before a piece of it is repaired and passed on. */
#define LINE_WINDOW ((size_t)64 << 10)
/* Stop taking input while this much output is waiting for room in the caller's buffer. */
#define OUT_HIGH ((size_t)64 << 10)

enum { PH_INPUT, PH_EMIT, PH_DONE };

struct mojiclean {
    unsigned flags;
    int phase;
    int finishing;   /* mojiclean_finish() started: the emit phase ends the document */
    int pending_cr;  /* the last input byte was a CR; an LF may follow in the next feed */
    int hold;        /* the current document is being held for boilerplate analysis */
    int at_bol;      /* the next byte written to outq starts a line (for --mark) */
    int fix_paragraph; /* the fixer saw a line since the last blank line (mojiclean__fix_forget()) */
    mojiclean__fixer *fx;
    mojiclean__bp *bp;
    mojiclean__buf carry;  /* raw bytes of the current, unterminated line */
    mojiclean__buf fixed;  /* scratch: the repaired text of one line or piece */
    mojiclean__buf outq;   /* output waiting for room in the caller's buffer */
    size_t outq_pos;
    mojiclean__buf doc;    /* the held document: repaired lines with their terminators */
    mojiclean__line *lines;
    uint8_t *reason;
    size_t nlines, lines_cap;
    int line_open;       /* the last held line is a piece; the next piece continues it */
    size_t emit_line;    /* next held line to write in the emit phase */
    size_t emit_pos;     /* bytes of that line already written (a long line goes in slices) */
    int emit_all;        /* emit every held line as kept (document too large) */
    uint64_t doc_in;     /* input bytes consumed in this document */
    uint64_t next_off;   /* document offset of the first input byte not yet given to take_line */
    mojiclean_event_fn ev_fn;
    void *ev_ctx;
    mojiclean_stats st;
};

static int fail(mojiclean_error *err, int code, uint64_t offset) {
    if (err) {
        err->code = code;
        err->msg = mojiclean_strerror(code);
        err->offset = offset;
    }
    return code;
}

const char *mojiclean_strerror(int code) {
    switch (code) {
    case MOJICLEAN_OK: return "success";
    case MOJICLEAN_EINVAL: return "invalid argument";
    case MOJICLEAN_ENOMEM: return "out of memory";
    case MOJICLEAN_ESTATE: return "input after mojiclean_finish() without mojiclean_reset()";
    default: return "unknown error";
    }
}

unsigned mojiclean_version(void) { return MOJICLEAN_VERSION; }
const char *mojiclean_version_string(void) { return MOJICLEAN_VERSION_STRING; }

mojiclean *mojiclean_new(unsigned flags, mojiclean_error *err) {
    if (flags & ~(unsigned)MOJICLEAN_ALL_FLAGS) {
        fail(err, MOJICLEAN_EINVAL, 0);
        return NULL;
    }
    mojiclean *mc = calloc(1, sizeof *mc);
    if (!mc) {
        fail(err, MOJICLEAN_ENOMEM, 0);
        return NULL;
    }
    mc->flags = flags;
    if (flags & MOJICLEAN_MARK)
        mc->flags |= MOJICLEAN_STRIP;
    if (flags & (MOJICLEAN_FIX | MOJICLEAN_ENTITIES | MOJICLEAN_NFC)) {
        mc->fx = mojiclean__fixer_new(flags);
        if (!mc->fx)
            goto oom;
    }
    if (mc->flags & MOJICLEAN_STRIP) {
        mc->bp = mojiclean__bp_new();
        if (!mc->bp)
            goto oom;
    }
    mojiclean_reset(mc);
    return mc;
oom:
    mojiclean_free(mc);
    fail(err, MOJICLEAN_ENOMEM, 0);
    return NULL;
}

void mojiclean_free(mojiclean *mc) {
    if (!mc)
        return;
    mojiclean__fixer_free(mc->fx);
    mojiclean__bp_free(mc->bp);
    mojiclean__buf_free(&mc->carry);
    mojiclean__buf_free(&mc->fixed);
    mojiclean__buf_free(&mc->outq);
    mojiclean__buf_free(&mc->doc);
    free(mc->lines);
    free(mc->reason);
    free(mc);
}

void mojiclean_reset(mojiclean *mc) {
    if (!mc)
        return;
    mc->phase = PH_INPUT;
    mc->finishing = 0;
    mc->pending_cr = 0;
    mc->hold = (mc->flags & MOJICLEAN_STRIP) != 0;
    mc->at_bol = 1;
    mc->carry.len = 0;
    mc->outq.len = mc->outq_pos = 0;
    mc->doc.len = 0;
    mc->nlines = 0;
    mc->line_open = 0;
    mc->emit_line = 0;
    mc->emit_pos = 0;
    mc->emit_all = 0;
    mc->doc_in = 0;
    mc->next_off = 0;
    mc->fix_paragraph = 0;
    if (mc->fx)
        mojiclean__fix_forget(mc->fx);
}

void mojiclean_set_events(mojiclean *mc, mojiclean_event_fn fn, void *ctx) {
    if (!mc)
        return;
    mc->ev_fn = fn;
    mc->ev_ctx = ctx;
    if (mc->fx)
        mojiclean__fix_events(mc->fx, fn != NULL);
}

void mojiclean_get_stats(const mojiclean *mc, mojiclean_stats *st) {
    if (mc && st)
        *st = mc->st;
}

/* Append text to the output queue; in --mark mode every line that starts there gets the
 * "+ " (kept) prefix, since only held lines can be judged. */
static int queue(mojiclean *mc, const char *s, size_t n, const char *term, size_t tn) {
    if ((mc->flags & MOJICLEAN_MARK) && mc->at_bol && (n || tn)) {
        if (mojiclean__buf_append(&mc->outq, "+ ", 2) < 0)
            return MOJICLEAN_ENOMEM;
    }
    if (mojiclean__buf_append(&mc->outq, s, n) < 0 ||
        mojiclean__buf_append(&mc->outq, term, tn) < 0)
        return MOJICLEAN_ENOMEM;
    if (n || tn)
        mc->at_bol = tn > 0;
    return 0;
}

/* Hold one repaired line (or piece of a line) of the document.  When the document grows
 * past MOJICLEAN_DOC_MAX or MOJICLEAN__LINES_MAX lines, stop holding: everything held is
 * emitted as kept and the rest of the document streams straight through. */
static int hold_line(mojiclean *mc, const char *s, size_t n, const char *term, size_t tn,
                     uint64_t in_off) {
    if (!mc->line_open) {
        if (mc->nlines == mc->lines_cap) {
            size_t cap = mc->lines_cap ? mc->lines_cap * 2 : 256;
            mojiclean__line *l = realloc(mc->lines, cap * sizeof *l);
            if (!l)
                return MOJICLEAN_ENOMEM;
            mc->lines = l;
            uint8_t *r = realloc(mc->reason, cap);
            if (!r)
                return MOJICLEAN_ENOMEM;
            mc->reason = r;
            mc->lines_cap = cap;
        }
        mc->lines[mc->nlines].off = (uint32_t)mc->doc.len;
        mc->lines[mc->nlines].len = 0;
        mc->lines[mc->nlines].term = 0;
        mc->lines[mc->nlines].in_off = in_off;
        mc->nlines++;
    }
    if (mojiclean__buf_append(&mc->doc, s, n) < 0 || mojiclean__buf_append(&mc->doc, term, tn) < 0)
        return MOJICLEAN_ENOMEM;
    mojiclean__line *l = &mc->lines[mc->nlines - 1];
    l->len += (uint32_t)n;
    l->term = (uint32_t)tn;
    mc->line_open = tn == 0;
    if (mc->doc.len > MOJICLEAN_DOC_MAX || mc->nlines >= MOJICLEAN__LINES_MAX) {
        mc->hold = 0;
        mc->emit_all = 1;
        mc->emit_line = 0;
        mc->phase = PH_EMIT;
    }
    return 0;
}

/* A line (complete when `tn` > 0) or a piece of one, as it came in: repair it, then hold it
 * or queue it. */
static int take_line(mojiclean *mc, const char *s, size_t n, const char *term, size_t tn) {
    uint64_t off = mc->next_off;
    mc->next_off += n + tn;
    /* (A line of ASCII, most of English, is taken as it is, without a copy.) */
    if (mc->fx && n && !mojiclean__fix_plain(mc->fx, s, n)) {
        mc->fixed.len = 0;
        int r = mojiclean__fix(mc->fx, s, n, &mc->fixed);
        if (r < 0)
            return r;
        mc->st.repairs += (uint64_t)r;
        if (mc->ev_fn) {
            const mojiclean__change *ch;
            size_t nc = mojiclean__fix_changes(mc->fx, &ch);
            for (size_t i = 0; i < nc; i++) {
                char why[256];
                size_t w = 0;
                if (ch[i].first == MOJICLEAN__RAW) {
                    memcpy(why, "raw:", 4);
                    w = 4;
                }
                /* The outermost code page first, then the others; HTML references, taken
                 * off before any of them, last. */
                int html = ch[i].first == MOJICLEAN__HTML;
                for (int pass = 0; pass < 3; pass++)
                    for (int k = 0; k < 32; k++) {
                        int when = k == MOJICLEAN__HTML ? 2 : k == ch[i].first ? 0 : 1;
                        if (!(ch[i].code_pages >> k & 1) || when != pass)
                            continue;
                        const char *name = mojiclean__cp_name(k);
                        size_t l = strlen(name);
                        if (w + l + 2 >= sizeof why)
                            break;
                        if (w && why[w - 1] != ':')
                            why[w++] = ',';
                        memcpy(why + w, name, l);
                        w += l;
                    }
                why[w] = '\0';
                /* Report the change itself: what before and after share at either end
                 * (a space a run took in and gave back) is left out. */
                const char *b = s + ch[i].in_off, *a = mc->fixed.p + ch[i].out_off;
                size_t bl = ch[i].in_len, al = ch[i].out_len, pre = 0, suf = 0;
                while (!html && pre < bl && pre < al && b[pre] == a[pre] && (unsigned char)b[pre] < 0x80)
                    pre++;
                while (!html && suf < bl - pre && suf < al - pre && b[bl - 1 - suf] == a[al - 1 - suf] &&
                       (unsigned char)b[bl - 1 - suf] < 0x80)
                    suf++;
                mojiclean_event ev = {MOJICLEAN_EVENT_REPAIR, off + ch[i].in_off + pre, b + pre,
                                      bl - pre - suf, a + pre, al - pre - suf, why};
                mc->ev_fn(&ev, mc->ev_ctx);
            }
        }
        s = mc->fixed.p;
        n = mc->fixed.len;
        mc->fix_paragraph = 1;
    } else if (mc->fix_paragraph && tn) {
        /* A blank line ends the paragraph the fixer may remember (mojiclean__fix()). */
        size_t b = 0;
        while (b < n && (s[b] == ' ' || s[b] == '\t'))
            b++;
        if (b == n) {
            mojiclean__fix_forget(mc->fx);
            mc->fix_paragraph = 0;
        }
    }
    return mc->hold ? hold_line(mc, s, n, term, tn, off) : queue(mc, s, n, term, tn);
}

/* The carry buffer holds a full window of an unterminated line: repair and pass on its
 * longest prefix that can be repaired on its own, keep the rest. */
static int take_piece(mojiclean *mc) {
    const unsigned char *s = (const unsigned char *)mc->carry.p;
    size_t n = mc->carry.len;
    size_t k = mojiclean__fix_split_point(mc->carry.p, n);
    if (k == 0) {
        /* No safe point: cut before the last UTF-8 sequence that may be incomplete. */
        k = n;
        for (size_t j = n; j > 0 && j + 4 > n; j--) {
            if ((s[j - 1] & 0xC0) != 0x80) {
                if (s[j - 1] >= 0xC0)
                    k = j - 1;
                break;
            }
        }
        if (k == 0)
            k = n;
    }
    int r = take_line(mc, mc->carry.p, k, NULL, 0);
    memmove(mc->carry.p, mc->carry.p + k, n - k);
    mc->carry.len = n - k;
    return r;
}

/* What find_eol() knows of the CRs of the input it reads: [from, end) was searched, and
 * `at` is the first CR there (then end is at + 1), or NULL. */
typedef struct cr_seen {
    const char *from, *end, *at;
} cr_seen;

/* Index of the first CR or LF in p[0..n), or n.  The CR is looked for in all of p[0..n) at
 * once and `cs` remembers what was found, so that text without CRs (most) is searched for
 * one once, not once for each of its lines. */
static size_t find_eol(const char *p, size_t n, cr_seen *cs) {
    const char *lf = memchr(p, '\n', n);
    size_t k = lf ? (size_t)(lf - p) : n;
    if (!(cs->from && cs->from <= p && p + k <= cs->end && (!cs->at || cs->at >= p))) {
        cs->from = p;
        cs->at = memchr(p, '\r', n);
        cs->end = cs->at ? cs->at + 1 : p + n;
    }
    return cs->at && cs->at < p + k ? (size_t)(cs->at - p) : k;
}

static int consume(mojiclean *mc, mojiclean_in *in) {
    cr_seen cs = {NULL, NULL, NULL}; /* (of in->src, for this call only) */
    while (in->pos < in->size && mc->phase == PH_INPUT && mc->outq.len - mc->outq_pos < OUT_HIGH) {
        const char *p = in->src + in->pos;
        size_t avail = in->size - in->pos;
        size_t before = in->pos;
        int r = 0;
        if (mc->pending_cr) {
            mc->pending_cr = 0;
            int lf = p[0] == '\n';
            r = take_line(mc, mc->carry.p, mc->carry.len, lf ? "\r\n" : "\r", lf ? 2u : 1u);
            mc->carry.len = 0;
            in->pos += (size_t)lf;
        } else {
            size_t room = LINE_WINDOW - mc->carry.len;
            size_t look = avail < room ? avail : room;
            size_t k = find_eol(p, look, &cs);
            if (k == look) {
                r = mojiclean__buf_append(&mc->carry, p, look);
                in->pos += look;
                if (r == 0 && mc->carry.len == LINE_WINDOW)
                    r = take_piece(mc);
            } else if (p[k] == '\r' && k + 1 == avail) {
                r = mojiclean__buf_append(&mc->carry, p, k);
                mc->pending_cr = 1;
                in->pos += k + 1;
            } else {
                size_t tn = (p[k] == '\r' && p[k + 1] == '\n') ? 2 : 1;
                if (mc->carry.len == 0) {
                    r = take_line(mc, p, k, p + k, tn);
                } else {
                    r = mojiclean__buf_append(&mc->carry, p, k);
                    if (r == 0)
                        r = take_line(mc, mc->carry.p, mc->carry.len, p + k, tn);
                    mc->carry.len = 0;
                }
                in->pos += k + tn;
            }
        }
        mc->doc_in += in->pos - before;
        mc->st.bytes_in += in->pos - before;
        if (r < 0)
            return r;
    }
    return 0;
}

/* Emit phase: queue the held lines that stay (all of them when the document was too large
 * to judge), a bounded amount at a time.  A long line goes out in slices of at most
 * OUT_HIGH bytes (emit_pos is how much of it is out), so that the output queue never holds
 * a whole held line: one line of MOJICLEAN_DOC_MAX bytes would otherwise be copied into it
 * at once and add its size to the peak memory. */
static int emit_held(mojiclean *mc) {
    int mark = (mc->flags & MOJICLEAN_MARK) != 0;
    while (mc->emit_line < mc->nlines && mc->outq.len - mc->outq_pos < OUT_HIGH) {
        const mojiclean__line *l = &mc->lines[mc->emit_line];
        int why = mc->emit_all ? MOJICLEAN__BP_KEEP : mc->reason[mc->emit_line];
        const char *s = mc->doc.p + l->off;
        size_t pos = mc->emit_pos;
        if (why != MOJICLEAN__BP_KEEP) {
            if (pos == 0) {
                mc->st.lines_removed++;
                if (mc->ev_fn) {
                    mojiclean_event ev = {MOJICLEAN_EVENT_REMOVE, l->in_off, s, l->len, "", 0,
                                          mojiclean__bp_reason_name(why)};
                    mc->ev_fn(&ev, mc->ev_ctx);
                }
                if (!mark) {
                    mc->emit_line++;
                    continue;
                }
                const char *name = mojiclean__bp_reason_name(why);
                if (mojiclean__buf_append(&mc->outq, "- [", 3) < 0 ||
                    mojiclean__buf_append(&mc->outq, name, strlen(name)) < 0 ||
                    mojiclean__buf_append(&mc->outq, "] ", 2) < 0)
                    return MOJICLEAN_ENOMEM;
            }
            size_t all = (size_t)l->len + l->term, k = all - pos < OUT_HIGH ? all - pos : OUT_HIGH;
            if (mojiclean__buf_append(&mc->outq, s + pos, k) < 0)
                return MOJICLEAN_ENOMEM;
            if (pos + k < all) {
                mc->emit_pos = pos + k;
                continue;
            }
            mc->at_bol = l->term > 0;
        } else {
            size_t k = l->len - pos < OUT_HIGH ? l->len - pos : OUT_HIGH;
            int last = pos + k == l->len;
            int r = queue(mc, s + pos, k, s + l->len, last ? l->term : 0);
            if (r < 0)
                return r;
            if (!last) {
                mc->emit_pos = pos + k;
                continue;
            }
        }
        mc->emit_pos = 0;
        mc->emit_line++;
    }
    if (mc->emit_line < mc->nlines)
        return 0;
    /* All held lines are out. */
    mc->doc.len = 0;
    mc->nlines = 0;
    mc->line_open = 0;
    mc->emit_line = 0;
    if (mc->finishing) {
        mc->phase = PH_DONE;
        mc->st.documents++;
    } else {
        mc->phase = PH_INPUT;
    }
    return 0;
}

/* Copy queued output into the caller's buffer; > 0 while some is still waiting. */
static int drain(mojiclean *mc, mojiclean_out *out) {
    size_t have = mc->outq.len - mc->outq_pos;
    size_t room = out->size - out->pos;
    size_t n = have < room ? have : room;
    if (n) {
        memcpy(out->dst + out->pos, mc->outq.p + mc->outq_pos, n);
        out->pos += n;
        mc->outq_pos += n;
        mc->st.bytes_out += n;
    }
    if (mc->outq_pos == mc->outq.len) {
        mc->outq.len = mc->outq_pos = 0;
        return 0;
    }
    return 1;
}

static int check_args(mojiclean *mc, mojiclean_out *out, mojiclean_error *err) {
    if (!mc || !out || (!out->dst && out->size) || out->pos > out->size)
        return fail(err, MOJICLEAN_EINVAL, mc ? mc->doc_in : 0);
    return 0;
}

/* Run the machine until it needs more input or more output room. */
static int pump(mojiclean *mc, mojiclean_in *in, mojiclean_out *out, mojiclean_error *err) {
    for (;;) {
        if (drain(mc, out))
            return 1;
        int r = 0;
        if (mc->phase == PH_EMIT) {
            r = emit_held(mc);
        } else if (mc->phase == PH_INPUT && in && in->pos < in->size) {
            r = consume(mc, in);
        } else {
            return 0;
        }
        if (r < 0)
            return fail(err, r, mc->doc_in);
    }
}

int mojiclean_feed(mojiclean *mc, mojiclean_in *in, mojiclean_out *out, mojiclean_error *err) {
    if (check_args(mc, out, err) < 0)
        return MOJICLEAN_EINVAL;
    if (!in || (!in->src && in->size) || in->pos > in->size)
        return fail(err, MOJICLEAN_EINVAL, mc->doc_in);
    if (mc->finishing)
        return fail(err, MOJICLEAN_ESTATE, mc->doc_in);
    return pump(mc, in, out, err);
}

int mojiclean_finish(mojiclean *mc, mojiclean_out *out, mojiclean_error *err) {
    if (check_args(mc, out, err) < 0)
        return MOJICLEAN_EINVAL;
    if (!mc->finishing) {
        /* Whatever is left of the input is the last line, without a terminator (or with the
         * lone CR that ended the input). */
        int r = pump(mc, NULL, out, err);
        if (r != 0)
            return r;
        if (mc->carry.len || mc->pending_cr) {
            r = take_line(mc, mc->carry.p, mc->carry.len, "\r", mc->pending_cr ? 1u : 0u);
            mc->carry.len = 0;
            mc->pending_cr = 0;
            if (r < 0)
                return fail(err, r, mc->doc_in);
        }
        mc->finishing = 1;
        if (mc->phase == PH_EMIT) {
            /* A too-large document is being emitted; it ends when that is done. */
        } else if (mc->hold && mc->nlines) {
            r = mojiclean__bp_classify(mc->bp, mc->doc.p, mc->lines, mc->nlines, mc->reason);
            if (r < 0)
                return fail(err, r, mc->doc_in);
            mc->phase = PH_EMIT;
        } else {
            mc->phase = PH_DONE;
            mc->st.documents++;
        }
    }
    return pump(mc, NULL, out, err);
}

int mojiclean_clean(const char *src, size_t len, unsigned flags, char **dst, size_t *dst_len,
                    mojiclean_error *err) {
    if (dst)
        *dst = NULL;
    if (!dst || !dst_len || (!src && len))
        return fail(err, MOJICLEAN_EINVAL, 0);
    mojiclean_error e;
    mojiclean *mc = mojiclean_new(flags, &e);
    if (!mc) {
        if (err)
            *err = e;
        return e.code;
    }
    mojiclean__buf res = {0};
    mojiclean_in in = {src, len, 0};
    char chunk[16384];
    int r;
    do {
        mojiclean_out out = {chunk, sizeof chunk, 0};
        r = in.pos < in.size ? mojiclean_feed(mc, &in, &out, err) : mojiclean_finish(mc, &out, err);
        if (r >= 0 && mojiclean__buf_append(&res, chunk, out.pos) < 0)
            r = fail(err, MOJICLEAN_ENOMEM, in.pos);
    } while (r > 0 || (r == 0 && mc->phase != PH_DONE));
    mojiclean_free(mc);
    if (r < 0 || mojiclean__buf_append(&res, "", 1) < 0) {
        mojiclean__buf_free(&res);
        return r < 0 ? r : fail(err, MOJICLEAN_ENOMEM, len);
    }
    *dst = res.p;
    *dst_len = res.len - 1;
    return 0;
}
