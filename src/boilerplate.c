/* boilerplate.c: decides which lines of a held document are publisher boilerplate.
 * SPDX-License-Identifier: MIT
 *
 * The method is a plain-text version of the block classifiers of the literature (jusText,
 * boilerpipe; see shared/notes/boilerplate-anchors.md), in five passes, all O(lines):
 *   1. scan every line once: CJK-aware length, tokens, stop-word hits per language,
 *      phrase-lexicon matches (hash of lowercased token n-grams, tables in bp_tables.inc),
 *      punctuation, bullets, indentation, dates, handles/URLs, w3m form artefacts, a
 *      normalised hash;
 *   2. cut the document into blocks: one per line, or one per blank-line separated
 *      paragraph when the lines are hard-wrapped prose;
 *   3. score each block with a linear model over its features (logit of "article text"),
 *      weights fitted on the scrapinghub and WCXB dumps, plus hard rules for lexicon-only
 *      blocks, label lines ("Tags: ...", "Photo: ...", "Read more: ..."), author lines ("By
 *      Jane Doe"), captions ending in a picture credit, lines opening with a promotion,
 *      artefacts and lines repeated across documents;
 *   4. context: an end marker (comment form, "related" or tag heading) after which nothing is
 *      article, unless it heads a box of links that the article's prose goes on after; the
 *      article span as the maximum-sum run of block scores (Kadane); clear prose kept in a
 *      span whatever its neighbours; a bulleted list in the article span kept whole when
 *      the model kept half of its items; short headings kept when article prose follows them,
 *      and prose right below an author line; an author's box (the author line's name
 *      again) and bio go, and so does what lies in no span
 *      and far past the article's end; then what the article holds besides prose comes back
 *      with it: a title over a picture and its credit, a lede above the author's header,
 *      a list item's second line, a listing of code, a table of properties and its heading,
 *      a list announced by a colon or a heading (its items one a line, or one blank line
 *      apart), a quoted post;
 *   5. blank lines: kept between kept lines, dropped where they only separated removed text.
 * When in doubt, keep: a document without any clear article block, or a short one in a
 * language without a stop-word list, keeps all of its text that is not plainly boilerplate,
 * and a document is never emptied by these rules.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The generated tables; the weight fitter (tools/fit_bp_weights.py) builds with its own. */
#ifdef MOJICLEAN_BP_TABLES
#include MOJICLEAN_BP_TABLES
#else
#include "bp_tables.inc"
#endif

#define TOP_TITLES 3 /* title-like lines kept above the first kept block */

/* MARK: - Reasons */

enum {
    R_KEEP = MOJICLEAN__BP_KEEP,
    R_BLANK,    /* blank line that only separated removed text */
    R_LOW,      /* scored as not article text */
    R_OUTSIDE,  /* outside the article span */
    R_AFTER,    /* after the end marker (comment form, related list) */
    R_REPEATED, /* the same line in many documents */
    R_ARTEFACT, /* dump artefact: "[    ]", "[image]", a bare bullet */
    R_BYLINE,   /* author line: "By Jane Doe", "von Anja Muster am 14. Mai 2014" */
    R_PHRASE    /* R_PHRASE + lexicon class (1..BP_NCLASS) */
};

static const char *const reason_names[R_PHRASE] = {
    "keep", "blank", "not-prose", "outside-article", "after-end", "repeated", "artefact", "byline"};

const char *mojiclean__bp_reason_name(int reason)
{
    if (reason >= 0 && reason < R_PHRASE)
        return reason_names[reason];
    if (reason > R_PHRASE && reason <= R_PHRASE + BP_NCLASS)
        return bp_class_name[reason - R_PHRASE];
    return "unknown";
}

/* Lexicon classes (codes from the generator, in CLASSES order). */
enum { C_COMMENT = 1, C_SHARE, C_COOKIE, C_NEWSLETTER, C_COPYRIGHT, C_RELATED, C_NAV, C_LEGAL,
       C_AD, C_SELFDESC, C_TAGS };
/* Classes that mark a block as boilerplate wherever they occur in a block that is not long
 * prose ("Your email address will not be published" inside a comment-form sentence). */
#define STRONG_CLASSES ((1u << C_COMMENT) | (1u << C_COOKIE) | (1u << C_COPYRIGHT) | (1u << C_SELFDESC))
/* Classes whose phrase, opening a line and followed by a colon, labels the whole line as
 * boilerplate ("Tags: ...", "Photo: ...", "Read more: ...", "Share:"): the label names
 * what the rest of the line is, however many tokens that rest has.  Not the comment class
 * ("Comment: ..." also heads opinion pieces) nor navigation and legal words. */
#define LABEL_CLASSES                                                                       \
    ((1u << C_SHARE) | (1u << C_NEWSLETTER) | (1u << C_COPYRIGHT) | (1u << C_RELATED) |     \
     (1u << C_AD) | (1u << C_TAGS))
/* A label line longer than this many tokens is prose that happens to start with a lexicon
 * word ... */
#define LABEL_MAX 30
/* ... and a "Read more: ..." line, or one ending in '?' or '!', is a label and one headline,
 * not a sentence with a list. */
#define LABEL_MAX_RELATED 18
/* A line of at most this many tokens that opens with a newsletter or app promotion of three
 * or more words is that promotion. */
#define PROMO_MAX 20
/* A line of at most this many tokens that ends in a picture credit is a caption (16 ->
 * 40: scrapinghub w3m F1 0.9180 -> 0.9190, flat 0.9215 -> 0.9223) ... */
#define CREDIT_MAX 40
/* ... and so is one whose last sentence is a byline of 2 to this many words. */
#define CREDIT_WORDS 7
/* A whole line in brackets of at most this many tokens is w3m's image alt text. */
#define BRACKET_MAX 20
/* A line of at most this many tokens with a date and an item separator is a date line, and
 * so is one of at most DATETIME_MAX tokens with a date and a time. */
#define DATELINE_MAX 12
#define DATETIME_MAX 8

/* MARK: - Line statistics */

enum {
    F_TERM = 1u << 0,      /* ends in . ! ? 。 ！ ？ (after closing quotes/brackets) */
    F_COLON = 1u << 1,     /* ends in ':' */
    F_ELLIPSIS = 1u << 2,  /* ends in "..." or "…" (teasers) */
    F_BULLET = 1u << 3,    /* starts with a bullet or "1." */
    F_ARTEFACT = 1u << 4,  /* w3m form field "[   ]", checkbox "[ ]", image "[name]" */
    F_COPYSIGN = 1u << 5,  /* contains © */
    F_LINKISH = 1u << 6,   /* @handle, #hashtag, URL or e-mail address */
    F_INDENT = 1u << 7,    /* starts with white space (w3m nesting) */
    F_BLANK = 1u << 8,     /* only white space */
    F_BRACKETED = 1u << 9, /* whole line is one [...] (w3m image alt text) */
    F_AGO = 1u << 10,      /* short line with a number and a relative-time word: "2H ago" */
    F_SAYS = 1u << 11,     /* comment header: short, ends in "says:" / "schreibt:" */
    F_IMGFILE = 1u << 12,  /* one word ending in an image extension: "cow-620x350.jpg" */
    F_LABEL = 1u << 13,    /* opens with a lexicon phrase and a colon: "Tags:", "Foto:";
                            * pclass is then that phrase's class */
    F_BYLINE = 1u << 14,   /* a byline word ("By", "von", "par") and a few names after it */
    F_CREDIT = 1u << 15    /* ends in a picture credit of two or more words ("Getty Images") */
};

typedef struct bp_lstat {
    uint64_t hash;        /* hash of the lowercased tokens, digits as '0' (never 0) */
    uint32_t clen;        /* length in Latin-character equivalents (CJK/Hangul count 3) */
    uint32_t toks;        /* tokens: words, and each CJK character */
    uint32_t letters, digits, cjk;
    uint16_t stop_any;    /* tokens that are a stop word in some language */
    uint16_t top_cnt[3];  /* stop-word hits of the line's three best languages */
    uint8_t top_lang[3];
    uint8_t pclass;       /* lexicon class of the longest phrase match */
    uint8_t sents;        /* sentence ends (saturating): . ! ? after a lowercase letter and
                           * before a space, 。！？ (a byte: the struct stays 64 bytes) */
    uint16_t covered;     /* tokens covered by phrase matches */
    uint16_t pmask;       /* bit per lexicon class matched */
    uint16_t smask;       /* bit per lexicon class matched by a phrase of 3 or more tokens */
    uint16_t title, lower, caps; /* tokens starting upper case / lower case; all-caps words */
    uint16_t seps;        /* item separators: | · • / between spaces */
    uint16_t dates, times;
    uint16_t flags;
    uint16_t repeat;      /* documents (this one included) in which the line was seen */
    uint8_t lead;         /* lexicon class of the phrase that opens the line, or 0 */
    uint8_t lead_len;     /* tokens of that phrase (saturating) */
    uint8_t indent;       /* leading white-space characters (saturating) */
} bp_lstat;

typedef struct bp_block {
    uint32_t first, last; /* line indexes, inclusive */
    uint32_t clen;
    float z;              /* logit of "article text", moved toward the neighbours' scores */
    float z1;             /* the block's own stage-1 logit */
    uint16_t flags;       /* F_* of the block */
    uint16_t toks;
    uint16_t sents;       /* sentence ends (bp_lstat.sents summed) */
    uint8_t hard;         /* reason when a hard rule removes it, else 0 */
    uint8_t cls;          /* 2 good, 1 neutral, 0 bad */
    uint8_t inspan;       /* inside an article span */
    uint8_t spanv;        /* value of the span it lies in, in 255ths of the best span's */
    uint8_t caption;      /* a picture caption (see caption_twice()) */
    uint8_t boxed;        /* a box of links inside the article: its heading and links */
} bp_block;

/* Cross-document memory: a bounded open-addressing table of normalised line hashes. */
#define XT_BITS 16
#define XT_SIZE ((size_t)1 << XT_BITS)
/* One slot is 64 bits: the low XK_BITS bits of the line hash (never 0; 0 = empty slot;
 * the low XT_BITS of them choose the home slot), then the number of documents the line was
 * seen in (16 bits, saturating), then the low 12 bits of the last document that counted it
 * (a line seen again exactly a multiple of 4096 documents later is not counted again). */
typedef uint64_t bp_xent;
#define XK_BITS 36
#define XK_MASK (((uint64_t)1 << XK_BITS) - 1)
#define XE_KEY(e) ((e) & XK_MASK)
#define XE_COUNT(e) ((uint32_t)((e) >> XK_BITS) & 0xFFFFu)
#define XE_DOC(e) ((uint32_t)((e) >> (XK_BITS + 16)))
#define XE_MAKE(key, count, doc) \
    ((key) | ((uint64_t)(count) << XK_BITS) | ((uint64_t)((doc) & 0xFFFu) << (XK_BITS + 16)))

/* Filter of the lexicon: one bit per value of the top FILT_BITS bits of a key, set for
 * every key in bp_table, so most tokens (those in no list) skip the table probe. */
#define FILT_BITS 16

struct mojiclean__bp {
    bp_lstat *ls;
    size_t ls_cap;
    bp_block *bl;
    size_t bl_cap;
    bp_xent *xt;
    size_t xt_used;
    uint32_t ndocs;
    uint64_t filt[((size_t)1 << FILT_BITS) / 64];
};

mojiclean__bp *mojiclean__bp_new(void)
{
    mojiclean__bp *bp = calloc(1, sizeof *bp);
    if (!bp)
        return NULL;
    bp->xt = calloc(XT_SIZE, sizeof *bp->xt);
    if (!bp->xt) {
        free(bp);
        return NULL;
    }
    for (size_t i = 0; i < ((size_t)1 << BP_TABLE_BITS); i++)
        if (bp_table[i].key) {
            uint64_t f = bp_table[i].key >> (64 - FILT_BITS);
            bp->filt[f >> 6] |= (uint64_t)1 << (f & 63);
        }
    return bp;
}

void mojiclean__bp_free(mojiclean__bp *bp)
{
    if (!bp)
        return;
    free(bp->ls);
    free(bp->bl);
    free(bp->xt);
    free(bp);
}

/* MARK: - Characters and tokens (must match tools/gen_bp_tables.py) */

/* Token and phrase keys: a token's key hashes its lowercased UTF-8 bytes eight at a time
 * (little-endian words, the last one padded with zero bytes, which no token contains); a
 * phrase's key folds its tokens' keys in order. */
#define HASH_MUL 0x9e3779b97f4a7c15u
#define HASH_SEED 0x243f6a8885a308d3u
#define HASH_STEP 0x632be59bd9b4e019u

enum { K_SEP = 0, K_WORD = 1, K_CJK = 2 };

static inline int cp_class(uint32_t c)
{
    if (c < 0x80)
        return ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ? K_WORD : K_SEP;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return K_SEP;
    if (c < 0x2000) {
        switch (c) {
        case 0x37E: case 0x387: case 0x589: case 0x5BE: case 0x5C0: case 0x5C3: case 0x60C:
        case 0x61B: case 0x61F: case 0x6D4: case 0x964: case 0x965: case 0x104A: case 0x104B:
        case 0x1362: case 0x1363: case 0x1364: case 0x1365: case 0x1366: case 0x1367:
        case 0x1368: case 0x17D4: case 0x17D5:
            return K_SEP;
        default:
            return K_WORD;
        }
    }
    if (c < 0x2C00 || (c >= 0x2E00 && c < 0x2E80) || (c >= 0x3000 && c < 0x3040))
        return K_SEP;
    if (c < 0x3040)
        return K_WORD;
    if (c < 0x3100)
        return c == 0x30FB ? K_SEP : K_CJK;
    if ((c >= 0x3400 && c < 0x4DC0) || (c >= 0x4E00 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00))
        return K_CJK;
    if ((c >= 0xE000 && c < 0xF900) || (c >= 0xFE10 && c < 0xFE70))
        return K_SEP;
    if (c >= 0xFF00 && c < 0xFFF0) {
        if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
            return K_WORD;
        return (c >= 0xFF66 && c <= 0xFF9F) ? K_CJK : K_SEP;
    }
    if ((c >= 0xFFF0 && c < 0x10000) || (c >= 0x1F000 && c < 0x20000))
        return K_SEP;
    if (c >= 0x20000 && c < 0x40000)
        return K_CJK;
    return K_WORD;
}

/* Simple lowercase for Latin-1, Latin Extended-A, Greek, Cyrillic and Vietnamese: enough for
 * the lexicon, which is written in lowercase under this same mapping. */
static inline uint32_t cp_lower(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    if (c < 0xC0)
        return c;
    if (c <= 0xDE)
        return c == 0xD7 ? c : c + 0x20;
    if (c == 0x130)
        return 'i'; /* Turkish dotted capital I */
    if (c >= 0x100 && c <= 0x137)
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c & 1) ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177)
        return c | 1;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 0x20;
    if (c == 0x386)
        return 0x3AC;
    if (c >= 0x388 && c <= 0x38A)
        return c + 0x25;
    if (c == 0x38C)
        return 0x3CC;
    if (c >= 0x38E && c <= 0x38F)
        return c + 0x3F;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (c == 0x1A0 || c == 0x1AF)
        return c + 1; /* Vietnamese horned O and U */
    if ((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF))
        return c | 1; /* Latin Extended Additional (Vietnamese): capital even, small odd */
    return c;
}

/* Decode one UTF-8 sequence at s[0..n).  Returns its length and sets *cp; an invalid or
 * cut-off sequence is taken as one byte with *cp = 0xFFFD, so any bytes can be scanned. */
static size_t dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (b >= 0xE0 && b <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        uint32_t c = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
            *cp = c;
            return 3;
        }
    }
    if (b >= 0xF0 && b <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        uint32_t c = ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
                     ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        if (c >= 0x10000 && c <= 0x10FFFF) {
            *cp = c;
            return 4;
        }
    }
    *cp = 0xFFFD;
    return 1;
}

static inline uint64_t load_le(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    for (size_t k = n; k-- > 0;)
        w = (w << 8) | p[k];
    return w;
}

/* Fold the next eight key bytes `w` (little-endian word) into a token key. */
static inline uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * HASH_MUL;
    return h ^ (h >> 32);
}

static inline uint64_t tok_hash(const unsigned char *p, size_t n)
{
    uint64_t h = HASH_SEED;
    for (; n >= 8; p += 8, n -= 8)
        h = mix(h, load_le(p, 8));
    if (n)
        h = mix(h, load_le(p, n));
    return h;
}

static inline uint64_t seq_hash(uint64_t prev, uint64_t th)
{
    uint64_t h = (prev ^ (th + HASH_STEP)) * HASH_MUL;
    return h ^ (h >> 29);
}

static inline const struct bp_slot *lookup(const uint64_t *filt, uint64_t key)
{
    uint64_t f = key >> (64 - FILT_BITS);
    if (!(filt[f >> 6] >> (f & 63) & 1))
        return NULL;
    size_t mask = ((size_t)1 << BP_TABLE_BITS) - 1;
    for (size_t i = (size_t)key & mask; bp_table[i].key; i = (i + 1) & mask)
        if (bp_table[i].key == key)
            return &bp_table[i];
    return NULL;
}

static inline int is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

static inline int is_bullet_cp(uint32_t c)
{
    switch (c) {
    case '*': case '-': case '+': case 0x2022: case 0x25E6: case 0x25AA: case 0x25A0:
    case 0x25A1: case 0x2606: case 0x2605: case 0x25CF: case 0x25CB: case 0x2023: case 0x2043:
    case 0x00B7: case 0x25BA: case 0x25B6: case 0x203A: case 0x00BB: case 0x2013: case 0x2014:
    case 0x2501: case 0x2192:
        return 1;
    default:
        return 0;
    }
}

/* Characters skipped when looking for a line's final punctuation. */
static inline int is_closer_cp(uint32_t c)
{
    switch (c) {
    case ')': case ']': case '"': case '\'': case 0x201D: case 0x2019: case 0x00BB: case 0x300D:
    case 0x300F: case 0xFF09: case 0x201C: case '*':
        return 1;
    default:
        return 0;
    }
}

/* MARK: - Pass 1: scanning one line */

typedef struct bp_partial {
    uint64_t h;
    uint16_t start;
    uint8_t n;
} bp_partial;

typedef struct bp_scan {
    bp_lstat *st;
    const uint64_t *filt;       /* the lexicon filter, see FILT_BITS */
    uint32_t lang_cnt[BP_NLANG]; /* hits of the current line */
    uint64_t lang_touched;
    bp_partial act[BP_MAX_PHRASE_TOKENS + 1];
    int nact;
    uint16_t cov_end;   /* covered tokens end at this token index */
    uint8_t best_plen;
    int prev_num;       /* previous token was a day number or year */
    int prev_month;     /* previous token was a month name */
    int ago;            /* a relative-time word was seen */
    uint32_t last_info; /* lexicon info of the last token */
    uint16_t lead_end;  /* tokens covered by the longest phrase that starts the line */
    uint16_t colon_tok; /* tokens before the line's first colon (0: none) */
    uint8_t lead_cls;   /* class of that phrase */
    uint8_t by_first;   /* words up to the byline word that opens the line: 1 for "By Jane
                         * Doe", 2 for "Posted by Jane Doe"; 0 when it opens with none */
    uint16_t credit_end; /* tokens up to the end of the last copyright phrase of 2+ tokens */
    uint16_t sent_tok;   /* tokens before the last sentence end (0: none) */
    uint16_t sent_lower; /* lowercase words before it */
    uint8_t by_sent;     /* the word after it is a byline word */
    uint16_t slash_tok;  /* tokens before the last " / " (0: none) */
    uint16_t slash_lower; /* lowercase words before it */
    uint8_t slash_mark;  /* "(C)" follows it */
    uint16_t cred_end;   /* tokens up to the end of the last credit phrase that does not open
                          * the line ("photo", "foto", label-only ones too; 0: none) */
    uint16_t cred_colon; /* tokens before a colon right after it (0: none) */
    uint64_t seen[((size_t)1 << BP_TABLE_BITS) / 64]; /* stop-word slots hit in the document */
    uint32_t distinct[BP_NLANG]; /* of them, the stop words of each language */
} bp_scan;

/* Lexicon info bit of a phrase written with a final colon ("credit:"): it only counts as
 * the label that opens a line, never as a phrase inside one ("credit cards"). */
#define INFO_LABEL_ONLY 0x200u
/* Lexicon info bit of a word that opens a byline ("by", "von", "par", words.txt). */
#define INFO_BYLINE 0x400u
/* Lexicon info bits of a participle that may come before it ("posted", "publicado") and of a
 * word that is a byline word only after such a participle (Italian "da"; words.txt). */
#define INFO_POSTED 0x800u
#define INFO_BYAFTER 0x1000u

/* The lexicon matches of the token at index `idx` (key `h`, slot `s` or NULL) of the line:
 * every open phrase prefix it extends, then the phrase it starts.  Called only when there
 * is something to do (an open prefix, or a token that is a phrase or starts one). */
static void take_phrases(bp_scan *sc, uint64_t h, const struct bp_slot *s, uint16_t idx)
{
    bp_lstat *st = sc->st;

    /* Extend the open phrase prefixes by this token, then open a new one here. */
    int keep = 0;
    for (int i = 0; i < sc->nact; i++) {
        bp_partial p = sc->act[i];
        p.h = seq_hash(p.h, h);
        p.n++;
        const struct bp_slot *q = lookup(sc->filt, p.h);
        if (!q)
            continue;
        if ((q->info & 0x0F) == C_COPYRIGHT && p.start > 0)
            sc->cred_end = (uint16_t)(idx + 1);
        if ((q->info & 0x0F) && (q->info & INFO_LABEL_ONLY)) {
            if (p.start == 0) {
                sc->lead_end = (uint16_t)(idx + 1);
                sc->lead_cls = (uint8_t)(q->info & 0x0F);
            }
        } else if (q->info & 0x0F) {
            uint16_t end = (uint16_t)(idx + 1);
            uint16_t from = p.start > sc->cov_end ? p.start : sc->cov_end;
            if (end > from)
                st->covered = (uint16_t)(st->covered + (end - from));
            if (end > sc->cov_end)
                sc->cov_end = end;
            st->pmask |= (uint16_t)(1u << (q->info & 0x0F));
            if (p.n >= 3)
                st->smask |= (uint16_t)(1u << (q->info & 0x0F));
            if (p.n >= 2 && (q->info & 0x0F) == C_COPYRIGHT)
                sc->credit_end = end;
            if (p.n >= sc->best_plen) {
                sc->best_plen = p.n;
                st->pclass = (uint8_t)(q->info & 0x0F);
            }
            if (p.start == 0) {
                sc->lead_end = end;
                sc->lead_cls = (uint8_t)(q->info & 0x0F);
            }
        }
        if ((q->info & 0x10) && p.n < BP_MAX_PHRASE_TOKENS)
            sc->act[keep++] = p;
    }
    sc->nact = keep;
    if (s && (s->info & 0x0F) == C_COPYRIGHT && idx > 0)
        sc->cred_end = (uint16_t)(idx + 1);
    if (s) {
        if ((s->info & 0x0F) && (s->info & INFO_LABEL_ONLY)) {
            if (idx == 0) {
                sc->lead_end = 1;
                sc->lead_cls = (uint8_t)(s->info & 0x0F);
            }
        } else if (s->info & 0x0F) {
            uint16_t from = idx > sc->cov_end ? idx : sc->cov_end;
            if (idx + 1 > from)
                st->covered = (uint16_t)(st->covered + (idx + 1 - from));
            if (idx + 1 > sc->cov_end)
                sc->cov_end = (uint16_t)(idx + 1);
            st->pmask |= (uint16_t)(1u << (s->info & 0x0F));
            if (sc->best_plen < 1) {
                sc->best_plen = 1;
                st->pclass = (uint8_t)(s->info & 0x0F);
            }
            if (idx == 0) {
                sc->lead_end = 1;
                sc->lead_cls = (uint8_t)(s->info & 0x0F);
            }
        }
        if ((s->info & 0x10) && sc->nact < BP_MAX_PHRASE_TOKENS) {
            bp_partial p = {h, idx, 1};
            sc->act[sc->nact++] = p;
        }
    }
}

/* Count one finished token (key `h`; `daynum`: it is a day number or a year) of the line
 * being scanned: stop words, date words and lexicon phrases (every match that ends here). */
static void take_token(bp_scan *sc, uint64_t h, int daynum)
{
    bp_lstat *st = sc->st;
    uint16_t idx = (uint16_t)(st->toks < 0xFFFF ? st->toks : 0xFFFF);
    const struct bp_slot *s = lookup(sc->filt, h);
    int is_month = 0;

    st->toks++;
    if (s) {
        uint64_t m = s->stop;
        if (m) {
            size_t slot = (size_t)(s - bp_table);
            uint64_t bit = (uint64_t)1 << (slot & 63);
            if (!(sc->seen[slot >> 6] & bit)) {
                /* a stop word new to the document: counted once, for distinct[] */
                sc->seen[slot >> 6] |= bit;
                for (uint64_t d = m; d; d &= d - 1)
                    sc->distinct[__builtin_ctzll(d)]++;
            }
            st->stop_any++;
            sc->lang_touched |= m;
            while (m) {
                int b = __builtin_ctzll(m);
                sc->lang_cnt[b]++;
                m &= m - 1;
            }
        }
        is_month = (s->info & 0x20) != 0;
        if (s->info & 0x40)
            sc->ago = 1;
    }
    if (idx == 0 && s && (s->info & INFO_BYLINE))
        sc->by_first = 1;
    if (idx == 1 && (sc->last_info & INFO_POSTED) && s && (s->info & (INFO_BYLINE | INFO_BYAFTER)))
        sc->by_first = 2; /* "Posted by", "Publicado por", "Pubblicato da" */
    if (idx && idx == sc->sent_tok)
        sc->by_sent = s && (s->info & INFO_BYLINE); /* "... in 1950. By Jane Doe" */
    sc->last_info = s ? s->info : 0;
    /* A date is a month name next to a day number or a year ("Nov 19, 2019", "19. März"). */
    if (daynum) {
        if (sc->prev_month)
            st->dates++;
        sc->prev_num = 1;
    } else {
        if (is_month && sc->prev_num)
            st->dates++;
        sc->prev_num = 0;
    }
    sc->prev_month = is_month;

    /* phrases: only when one is open, or the token is a phrase (0x0F) or starts one (0x10) */
    if (sc->nact || (s && (s->info & 0x1F)))
        take_phrases(sc, h, s, idx);
}

/* The word token being read: its key so far, the same key with the digits 1-9 read as '0'
 * (for the line hash), the bytes not yet folded in, and what the line statistics need. */
typedef struct bp_tok {
    uint64_t h, hz;    /* keys of the folded words */
    uint64_t w, wz;    /* pending bytes (little-endian), `sh` bits of them */
    unsigned sh;
    uint32_t bytes, chars, digits;
    unsigned char first; /* first byte */
    uint8_t upper;       /* starts with a capital */
    uint8_t letter;      /* starts with a letter, not a digit */
    uint8_t allcaps;     /* no lowercase letter in it */
} bp_tok;

static inline void tok_reset(bp_tok *t)
{
    t->h = t->hz = HASH_SEED;
    t->w = t->wz = 0;
    t->sh = 0;
    t->bytes = t->chars = t->digits = 0;
    t->first = 0;
    t->upper = t->letter = 0;
    t->allcaps = 1;
}

/* Append `nb` (1..8) key bytes: `part` as read, `partz` with the digits 1-9 as '0'. */
static inline void tok_add(bp_tok *t, uint64_t part, uint64_t partz, unsigned nb)
{
    unsigned sh = t->sh, s2 = sh + 8 * nb;
    t->w |= part << sh;
    t->wz |= partz << sh;
    t->bytes += nb;
    if (s2 >= 64) {
        t->h = mix(t->h, t->w);
        t->hz = mix(t->hz, t->wz);
        s2 -= 64;
        /* the bytes of `part` that did not fit: none when it filled the word exactly */
        t->w = s2 ? part >> (64 - sh) : 0;
        t->wz = s2 ? partz >> (64 - sh) : 0;
    }
    t->sh = s2;
}

/* A word token has ended: count it (stop words, dates, lexicon), its case, and fold it into
 * the line hash `lh` with its digits as '0'.  Returns the new line hash. */
static inline uint64_t tok_end(bp_scan *sc, bp_lstat *st, bp_tok *t, uint64_t lh)
{
    uint64_t h = t->h, hz = t->hz;
    if (t->sh) {
        h = mix(h, t->w);
        hz = mix(hz, t->wz);
    }
    int dig = t->digits == t->chars;
    take_token(sc, h, dig && t->bytes <= 4 && (t->bytes <= 2 || t->first == '1' || t->first == '2'));
    if (t->letter) {
        if (t->upper)
            st->title++;
        else
            st->lower++;
        if (t->allcaps && t->chars >= 2)
            st->caps++;
    }
    lh = seq_hash(lh, t->digits ? hz : h);
    tok_reset(t);
    return lh;
}

/* SWAR on eight ASCII bytes: the byte lanes (high bit of each) where `y` (bytes < 0x80)
 * lies in [lo, hi]. */
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u
static inline uint64_t in_range(uint64_t y, unsigned lo, unsigned hi)
{
    return ((y + (0x80u - lo) * ONES) & ~(y + (0x7Fu - hi) * ONES)) & HIGHS;
}

static inline size_t ctz64(uint64_t x)
{
    return (size_t)__builtin_ctzll(x);
}

/* Count the ASCII word x[0..nb) (nb < 8; little-endian, `letters` and `digs`: its lanes
 * from in_range()) as one finished token, as tok_add() then tok_end() would, and return the
 * line hash `lh` with it folded in. */
static inline uint64_t short_word(bp_scan *sc, bp_lstat *st, uint64_t x, uint64_t letters,
                                  uint64_t digs, unsigned nb, uint64_t lh)
{
    uint64_t keep = ((uint64_t)1 << (8 * nb)) - 1;
    uint64_t up = letters & ~((x & ~HIGHS) << 2) & HIGHS & keep; /* 0x20 clear: capital */
    uint64_t dg = digs & keep;
    uint64_t part = (x | (up >> 2)) & keep;
    unsigned nd = (unsigned)(((dg >> 7) * ONES) >> 56); /* lanes set */
    uint64_t h = mix(HASH_SEED, part);
    unsigned char first = (unsigned char)x;

    st->digits += nd;
    st->letters += nb - nd;
    if (!(dg & 0x80u)) {
        if (up & 0x80u)
            st->title++;
        else
            st->lower++;
        if (nb >= 2 && !(letters & keep & ~up))
            st->caps++;
    }
    /* the line hash reads the digits 1-9 as '0' */
    lh = seq_hash(lh, nd ? mix(HASH_SEED, part & ~((dg >> 7) * 0x0Fu)) : h);
    /* last, so that little has to survive the call */
    take_token(sc, h, nd == nb && nb <= 4 && (nb <= 2 || first == '1' || first == '2'));
    return lh;
}

/* Whether the line s[0..n) with statistics `st`, which opens with a byline word (after
 * `words` - 1 words: "Posted by"), is an author line: the next word is capitalised, a few
 * more names follow (more words when a date or a time is there: "von Anja Muster am 14. Mai
 * 2014, 15:40 Uhr"), at most two lowercase words besides the opening ones ("by ... and
 * ..."; four with a date: "on", "at"), no sentence and no label colon ("By the numbers: ..."
 * and "Von der Leyen besucht Kiew" are headlines, not bylines: their second word is
 * lowercase). */
static int is_byline(const unsigned char *s, size_t n, const bp_lstat *st, uint16_t colon_tok,
                     uint32_t lastsig, int words)
{
    int dated = st->dates || st->times;
    size_t i = 0;
    uint32_t c = 0;

    if (st->toks < (unsigned)words + 1 || st->toks > (dated ? 14u : 6u) + (unsigned)words - 1 ||
        st->sents ||
        (colon_tok && colon_tok != 0xFFFF) || lastsig == '.' || lastsig == '!' ||
        lastsig == '?' || lastsig == ':')
        return 0;
    /* the by-word itself may be either case; the other lowercase words are counted (a
     * participle before it is one of them) */
    if (st->lower > (dated ? 4u : 2u) + (unsigned)words - 1)
        return 0;
    /* past the bullet or indentation, the opening words and what follows each, to the next
     * word */
    for (int part = 0; part < 2 * words + 1; part++) {
        for (;;) {
            size_t k = i < n ? dec(s + i, n - i, &c) : 0;
            if (!k || (cp_class(c) == K_WORD) != (part & 1))
                break;
            i += k;
        }
    }
    return i < n && cp_class(c) == K_WORD && cp_lower(c) != c;
}

/* Fill `st` with the statistics of the line s[0..n).  Any bytes are accepted; s[0..lim)
 * may be read (lim >= n: the rest of the document, so words can be read eight bytes at a
 * time). */
static void scan_line(bp_scan *sc, bp_lstat *st, const unsigned char *s, size_t n, size_t lim)
{
    bp_tok t;
    uint64_t lh = HASH_SEED;
    uint32_t last = 0, lastsig = 0, prevcp = ' ';
    int started = 0, dots = 0, num_join = 0;
    size_t i = 0;

    memset(st, 0, sizeof *st);
    tok_reset(&t);
    sc->st = st;
    sc->lang_touched = 0;
    sc->nact = 0;
    sc->cov_end = 0;
    sc->best_plen = 0;
    sc->prev_num = sc->prev_month = 0;
    sc->ago = 0;
    sc->last_info = 0;
    sc->lead_end = sc->colon_tok = 0;
    sc->lead_cls = 0;
    sc->by_first = 0;
    sc->credit_end = 0;
    sc->sent_tok = sc->sent_lower = 0;
    sc->by_sent = 0;
    sc->slash_tok = sc->slash_lower = 0;
    sc->slash_mark = 0;
    sc->cred_end = sc->cred_colon = 0;
    int inner_space = 0;

    /* Skip the indentation. */
    while (i < n && (s[i] == ' ' || s[i] == '\t')) {
        st->flags |= F_INDENT;
        st->indent = (uint8_t)(st->indent + (st->indent < 0xFF));
        i++;
    }
    while (i < n) {
        uint32_t c;
        size_t k;
        if (started && i + 8 <= lim) {
            /* Fast path: eight bytes at a time through a run of ASCII letters and digits,
             * the bulk of most text. */
            uint64_t x;
            memcpy(&x, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            x = __builtin_bswap64(x);
#endif
            uint64_t y = x & ~HIGHS;
            uint64_t letters = in_range(y | 0x20u * ONES, 'a', 'z');
            uint64_t digs = in_range(y, '0', '9');
            uint64_t alnum = (letters | digs) & ~x & HIGHS;
            if (alnum & 0x80u) {
                /* Faster still: a whole word of under eight bytes is one token, counted
                 * without going through `t`, when what ends it cannot continue it (not an
                 * accented letter: an ASCII byte or the end of the line) and is not the
                 * separator of a number ("10:31", "19.11.2019"), which the slow path below
                 * must see with the token still open.  Same statistics as those paths. */
                if (t.chars == 0 && (~alnum & HIGHS)) {
                    size_t nb = ctz64(~alnum & HIGHS) >> 3;
                    if (nb > n - i)
                        nb = n - i;
                    if (i + nb == n || s[i + nb] == ' ' ||
                        (s[i + nb] < 0x80 && (letters & (((uint64_t)1 << (8 * nb)) - 1)))) {
                        lh = short_word(sc, st, x, letters, digs, (unsigned)nb, lh);
                        st->clen += (uint32_t)nb;
                        last = lastsig = prevcp = s[i + nb - 1];
                        dots = 0;
                        num_join = 0; /* as the end of a word that is not a number does */
                        i += nb;
                        if (i < n && s[i] == ' ') {
                            /* the space: as in the space fast path below */
                            inner_space = 1;
                            st->clen++;
                            prevcp = ' ';
                            i++;
                        }
                        continue;
                    }
                }
                size_t run = 0;
                for (;;) {
                    uint64_t stop = ~alnum & HIGHS;
                    size_t nb = stop ? ctz64(stop) >> 3 : 8;
                    if (nb > n - i)
                        nb = n - i;
                    uint64_t keep = nb == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * nb)) - 1;
                    uint64_t up = letters & ~(y << 2) & HIGHS & keep; /* 0x20 clear: capital */
                    uint64_t dg = digs & keep;
                    if (t.chars == 0) {
                        t.first = (unsigned char)x;
                        t.upper = (up & 0x80u) != 0;
                        t.letter = !(dg & 0x80u);
                    }
                    uint64_t part = (x | (up >> 2)) & keep;
                    uint64_t partz = part & ~((dg >> 7) * 0x0Fu);
                    tok_add(&t, part, partz, (unsigned)nb);
                    unsigned nd = (unsigned)(((dg >> 7) * ONES) >> 56); /* lanes set */
                    t.chars += (uint32_t)nb;
                    t.digits += nd;
                    st->digits += nd;
                    st->letters += (uint32_t)nb - nd;
                    if ((letters & keep & ~up) != 0)
                        t.allcaps = 0;
                    run += nb;
                    i += nb;
                    if (nb < 8 || i >= n || i + 8 > lim)
                        break;
                    memcpy(&x, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
                    x = __builtin_bswap64(x);
#endif
                    y = x & ~HIGHS;
                    letters = in_range(y | 0x20u * ONES, 'a', 'z');
                    digs = in_range(y, '0', '9');
                    alnum = (letters | digs) & ~x & HIGHS;
                    if (!(alnum & 0x80u))
                        break;
                }
                st->clen += (uint32_t)run;
                last = lastsig = prevcp = s[i - 1];
                dots = 0;
                continue;
            }
        }
        if (s[i] < 0x80) {
            c = s[i];
            k = 1;
            if (c == ' ' && started) {
                /* Fast path: a space after a word. */
                if (t.chars)
                    lh = tok_end(sc, st, &t, lh);
                num_join = 0;
                inner_space = 1;
                if (prevcp != ' ' && !is_space_cp(prevcp))
                    st->clen++;
                prevcp = ' ';
                i++;
                continue;
            }
        } else {
            k = dec(s + i, n - i, &c);
        }
        int cls = cp_class(c);
        int space = is_space_cp(c), closer = is_closer_cp(c);
        if (!started) {
            if (space) {
                st->flags |= F_INDENT;
                st->indent = (uint8_t)(st->indent + (st->indent < 0xFF));
                i += k;
                continue;
            }
            started = 1;
            /* A bullet is a bullet character followed by a space, or "12." / "3)" + space. */
            if (is_bullet_cp(c) && (i + k >= n || s[i + k] == ' ' || s[i + k] == 0xC2))
                st->flags |= F_BULLET;
            else if (c >= '0' && c <= '9') {
                size_t j = i;
                while (j < n && j < i + 3 && s[j] >= '0' && s[j] <= '9')
                    j++;
                if (j + 1 < n && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
                    st->flags |= F_BULLET;
            }
            if (c == '[')
                st->flags |= F_BRACKETED;
        }
        if (cls == K_WORD) {
            uint32_t lc = cp_lower(c);
            int isdig = c >= '0' && c <= '9';
            if (t.chars == 0) {
                t.upper = lc != c;
                t.letter = !isdig;
                t.first = (unsigned char)lc;
            }
            if (lc == c && !isdig)
                t.allcaps = 0;
            t.chars++;
            if (isdig) {
                st->digits++;
                t.digits++;
                tok_add(&t, c, '0', 1);
            } else {
                st->letters++;
                if (c >= 0xAC00 && c <= 0xD7AF) {
                    st->cjk++;
                    st->clen += 2; /* a Hangul syllable carries about 3 Latin letters */
                }
                unsigned char e[4];
                size_t el = mojiclean__utf8_encode(lc, e);
                uint64_t part = load_le(e, el);
                tok_add(&t, part, part, (unsigned)el);
            }
        } else {
            if (t.chars) {
                /* End of a word token: "10:31" and "2019-11-19" / "19.11.2019" follow. */
                int tdig = t.digits == t.chars;
                lh = tok_end(sc, st, &t, lh);
                if (tdig && c == ':' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
                    st->times++;
                if (tdig && (c == '/' || c == '.' || c == '-') && i + 1 < n && s[i + 1] >= '0' &&
                    s[i + 1] <= '9') {
                    if (++num_join == 2)
                        st->dates++;
                } else {
                    num_join = 0;
                }
            } else if (!(c == '/' || c == '.' || c == '-')) {
                num_join = 0;
            }
            if (cls == K_CJK) {
                uint64_t eh = tok_hash(s + i, k <= 4 ? k : 4);
                take_token(sc, eh, 0);
                lh = seq_hash(lh, eh);
                st->cjk++;
                st->letters++;
                st->clen += 2;
            } else {
                switch (c) {
                case '.': case '!': case '?':
                    /* A sentence end inside or at the end of the line: after a lowercase
                     * letter (not "U.S." or "J. Smith") and before a space.  Several of them
                     * make a line prose even when it does not end in punctuation itself. */
                    if ((i + k >= n || s[i + k] == ' ') && cp_class(prevcp) == K_WORD &&
                        cp_lower(prevcp) == prevcp && !(prevcp >= '0' && prevcp <= '9') &&
                        st->sents < 0xFF) {
                        st->sents++;
                        sc->sent_tok = (uint16_t)(st->toks < 0xFFFF ? st->toks : 0xFFFF);
                        sc->sent_lower = st->lower;
                    }
                    break;
                case 0x3002: case 0xFF01: case 0xFF1F:
                    if (st->sents < 0xFF)
                        st->sents++;
                    break;
                case '@':
                    if (i + 1 < n && cp_class(s[i + 1]) == K_WORD)
                        st->flags |= F_LINKISH;
                    break;
                case '#':
                    if (is_space_cp(prevcp) && i + 1 < n && cp_class(s[i + 1]) == K_WORD &&
                        !(s[i + 1] >= '0' && s[i + 1] <= '9'))
                        st->flags |= F_LINKISH;
                    break;
                case ':':
                    if (i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')
                        st->flags |= F_LINKISH;
                    /* fall through */
                case 0xFF1A:
                    /* the first colon that ends a label ("Tags: ", "Foto:"), not "10:31" */
                    if (!sc->colon_tok && st->toks && st->toks < 0xFFFF &&
                        (i + k >= n || s[i + k] == ' ' || c == 0xFF1A || s[i + k] >= 0x80))
                        sc->colon_tok = (uint16_t)st->toks;
                    else if (!sc->colon_tok)
                        sc->colon_tok = 0xFFFF; /* a colon inside a token: no label */
                    /* a credit label inside the line: "The pier, photo: Jane Doe" */
                    if (sc->cred_end && sc->cred_end == st->toks && st->toks < 0xFFFF &&
                        (i + k >= n || s[i + k] == ' ' || c == 0xFF1A || s[i + k] >= 0x80))
                        sc->cred_colon = (uint16_t)st->toks;
                    break;
                case 0xA9: {
                    /* A copyright mark stands alone and is followed by a year or a name
                     * ("© 2024 Acme"): not one inside a word ("Ã©", mojibake quoted in the
                     * text) or before more symbols (a list of them, "©︎"). */
                    size_t j = i + k;
                    uint32_t nx = 0;
                    if (j < n && s[j] == ' ')
                        j++;
                    if (j < n && !mojiclean__utf8_decode((const unsigned char *)s + j, n - j, &nx))
                        nx = 0;
                    /* (A variation selector only says how the sign is drawn, "©︎" as text:
                     * what follows it decides.) */
                    if (nx >= 0xFE00 && nx <= 0xFE0F) {
                        j += 3;
                        if (j < n && s[j] == ' ')
                            j++;
                        if (j >= n || !mojiclean__utf8_decode((const unsigned char *)s + j, n - j, &nx))
                            nx = 0;
                    }
                    if (cp_class(prevcp) != K_WORD && cp_class(nx) == K_WORD)
                        st->flags |= F_COPYSIGN;
                    break;
                }
                case '|': case 0xB7: case 0x2022: case '/': case 0x203A: case 0xBB: case '>':
                    if (is_space_cp(prevcp) && (i + k >= n || s[i + k] == ' ')) {
                        st->seps++;
                        if (c == '/' && st->toks) {
                            sc->slash_tok = (uint16_t)st->toks;
                            sc->slash_lower = st->lower;
                            sc->slash_mark = i + k + 5 <= n && memcmp(s + i + k, " (C) ", 5) == 0;
                        }
                    }
                    break;
                case '[':
                    /* "[ ]", "[*]", "[    ]": check boxes and text fields of a w3m form */
                    {
                        size_t j = i + 1;
                        while (j < n && (s[j] == ' ' || s[j] == '_'))
                            j++;
                        if (j < n && s[j] == '*' && j + 1 < n && s[j + 1] == ']')
                            j++;
                        if (j < n && s[j] == ']' && (j > i + 1 || i + 2 >= n || s[i + 1] == ']'))
                            st->flags |= F_ARTEFACT;
                    }
                    break;
                default:
                    break;
                }
            }
        }
        if (space) {
            inner_space = 1;
            if (prevcp != ' ' && !is_space_cp(prevcp))
                st->clen++; /* one space between words counts */
        } else {
            if (!closer)
                lastsig = c;
            last = c;
            st->clen++;
        }
        if (c == '.')
            dots = (prevcp == '.') ? dots + 1 : 1;
        else if (!closer && !space)
            dots = 0;
        prevcp = c;
        i += k;
    }
    if (t.chars)
        lh = tok_end(sc, st, &t, lh);
    if (!started) {
        st->flags = F_BLANK;
        return;
    }
    if (last == ']' && (st->flags & F_BRACKETED))
        ; /* whole line bracketed: kept as F_BRACKETED */
    else
        st->flags &= (uint16_t)~F_BRACKETED;
    switch (lastsig) {
    case '.':
        st->flags |= dots >= 3 ? F_ELLIPSIS : F_TERM;
        break;
    case 0x2026:
        st->flags |= F_ELLIPSIS;
        break;
    case '!': case '?': case 0x3002: case 0xFF01: case 0xFF1F: case 0x61F: case 0x6D4: case 0x964:
    case 0x965: case 0x1362: case ';': case 0xFF0E: case 0x104B: case 0x0F0D: case 0x1803:
    case 0xA9C8: case 0xA9C9: case 0x11141: case 0x11142: case 0x11143:
        st->flags |= F_TERM;
        break;
    case ':': case 0xFF1A:
        st->flags |= F_COLON;
        break;
    default:
        break;
    }
    if (sc->ago && st->digits && st->toks <= 8)
        st->flags |= F_AGO;
    if ((st->flags & F_COLON) && (sc->last_info & 0x80) && st->toks <= 16)
        st->flags |= F_SAYS;
    if ((sc->last_info & 0x100) && !inner_space && lastsig != '.')
        st->flags |= F_IMGFILE;
    /* A label line: "Tags: a, b", "Photo: J. Smith/Reuters", "Read more: Title?"; a line
     * whose rest is a sentence ("Foto: Jan Novak. The mayor opened ...") is not one. */
    st->lead = sc->lead_cls;
    st->lead_len = (uint8_t)(sc->lead_end < 0xFF ? sc->lead_end : 0xFF);
    if (sc->lead_cls && sc->lead_end == sc->colon_tok && lastsig != '.' && lastsig != 0x3002 &&
        st->sents <= ((lastsig == '?' || lastsig == '!' || lastsig == 0xFF1F) &&
                      st->toks <= LABEL_MAX_RELATED ? 1 : 0)) {
        st->flags |= F_LABEL;
        st->pclass = sc->lead_cls;
    }
    if (sc->credit_end && sc->credit_end == st->toks)
        st->flags |= F_CREDIT;
    /* ... so does a slash and a few capitalised words, on a line that names a picture
     * ("The pier at dusk / Shutterstock", "Fot. Jan Nowak / Agencja Foto", "The pier /
     * (C) Jane Doe"). */
    if (sc->slash_tok && st->toks - sc->slash_tok <= (uint32_t)CREDIT_WORDS + sc->slash_mark &&
        st->lower == sc->slash_lower && !(st->flags & F_TERM) &&
        (sc->slash_mark || (st->pmask & (1u << C_COPYRIGHT))))
        st->flags |= F_CREDIT;
    /* ... and so does a last sentence that is a byline of names: "The boat was seized off
     * the coast. By Jane Doe", "... in 1950. By U.S. COAST GUARD" (the photographer). */
    if (sc->by_sent && st->toks - sc->sent_tok >= 2 + 1 &&
        st->toks - sc->sent_tok <= CREDIT_WORDS + 1 && st->lower - sc->sent_lower <= 1 &&
        lastsig != '.')
        st->flags |= F_CREDIT;
    /* ... and so does a credit label and a few words after it ("The pier at dusk, photo:
     * Harbour Office archive"). */
    if (sc->cred_colon && st->toks > sc->cred_colon &&
        st->toks - sc->cred_colon <= (uint32_t)CREDIT_WORDS && !(st->flags & F_TERM))
        st->flags |= F_CREDIT;
    if (sc->by_first && is_byline(s, n, st, sc->colon_tok, lastsig, sc->by_first))
        st->flags |= F_BYLINE;
    st->hash = lh ? lh : 1;
    /* Keep the three languages with the most hits on this line. */
    uint64_t m = sc->lang_touched;
    while (m) {
        int b = __builtin_ctzll(m);
        m &= m - 1;
        uint32_t cnt = sc->lang_cnt[b];
        sc->lang_cnt[b] = 0;
        for (int j = 0; j < 3; j++) {
            if (cnt > st->top_cnt[j]) {
                for (int q = 2; q > j; q--) {
                    st->top_cnt[q] = st->top_cnt[q - 1];
                    st->top_lang[q] = st->top_lang[q - 1];
                }
                st->top_cnt[j] = (uint16_t)(cnt < 0xFFFF ? cnt : 0xFFFF);
                st->top_lang[j] = (uint8_t)b;
                break;
            }
        }
    }
}

/* MARK: - Cross-document memory */

/* Forget the lines seen in only one document (and halve the counts when that is not
 * enough), so the table stays bounded however many documents go through. */
static void xt_prune(mojiclean__bp *bp)
{
    bp_xent *old = bp->xt;
    bp_xent *nt = calloc(XT_SIZE, sizeof *nt);
    uint32_t floor_count = 1;
    if (!nt) {
        memset(old, 0, XT_SIZE * sizeof *old);
        bp->xt_used = 0;
        return;
    }
    for (;;) {
        size_t used = 0;
        for (size_t i = 0; i < XT_SIZE; i++)
            if (old[i] && XE_COUNT(old[i]) > floor_count)
                used++;
        if (used <= XT_SIZE / 2)
            break;
        floor_count *= 2;
    }
    bp->xt_used = 0;
    for (size_t i = 0; i < XT_SIZE; i++) {
        uint32_t count = XE_COUNT(old[i]);
        if (!old[i] || count <= floor_count)
            continue;
        size_t j = (size_t)XE_KEY(old[i]) & (XT_SIZE - 1);
        while (nt[j])
            j = (j + 1) & (XT_SIZE - 1);
        nt[j] = XE_MAKE(XE_KEY(old[i]), floor_count > 1 ? count / 2 : count, XE_DOC(old[i]));
        bp->xt_used++;
    }
    free(old);
    bp->xt = nt;
}

/* The key stored for line hash `h`: its low XK_BITS bits, never 0. */
static inline uint64_t xt_key(uint64_t h)
{
    uint64_t k = h & XK_MASK;
    return k ? k : 1;
}

/* Count line hash `h` for the current document (once per document) and return the
 * number of documents it has been seen in, this one included. */
static uint32_t xt_see(mojiclean__bp *bp, uint64_t h)
{
    if (bp->xt_used >= XT_SIZE / 4 * 3)
        xt_prune(bp);
    uint64_t key = xt_key(h);
    uint32_t doc = bp->ndocs & 0xFFFu;
    size_t j = (size_t)key & (XT_SIZE - 1);
    while (bp->xt[j] && XE_KEY(bp->xt[j]) != key)
        j = (j + 1) & (XT_SIZE - 1);
    bp_xent *e = &bp->xt[j];
    if (!*e) {
        *e = XE_MAKE(key, 1u, doc);
        bp->xt_used++;
        return 1;
    }
    uint32_t count = XE_COUNT(*e);
    if (XE_DOC(*e) != doc) {
        if (count < 0xFFFF)
            count++;
        *e = XE_MAKE(key, count, doc);
    }
    return count;
}

/* MARK: - Block model */

/* Stage 1: the features of a block on its own. */
enum {
    X_BIAS, X_LEN, X_REL, X_NOLANG, X_ANYD, X_TERM, X_COLON, X_ELLIPSIS, X_TITLE, X_CAPS,
    X_DIGIT, X_BULLET, X_DATE, X_TIME, X_LINK, X_COVER, X_STRONG, X_SEPS, X_ARTEFACT,
    X_COPY, X_INDENT, X_RELLEN, X_TERMLEN, X_SHORT, X_AGO, X_SAYS, X_SENTS, NX
};

/* Stage 2: a block's stage-1 score in its context (neighbours, article span, position). */
enum {
    Y_BIAS, Y_Z, Y_ZNEAR, Y_ZWIDE, Y_INBEST, Y_INSPAN, Y_AFTER, Y_BEFORE, Y_PAST, Y_GOODBEFORE,
    Y_AGONEAR, Y_HEADSHARE, Y_BULLSHARE, Y_SAYS, Y_SHORT, Y_LEN, Y_TERM, Y_NOLANG, Y_SPANV,
    Y_SENTS, NY
};

/* Logistic-regression weights of "this block is article text", fitted by
 * tools/fit_bp_weights.py on the lines of the scrapinghub and WCXB dumps labelled by their
 * gold text; the values live in tools/bp_data/weights.txt and come here through
 * bp_tables.inc. */
static const float W1[NX] = BP_W1_INIT;
static const float W2[NY] = BP_W2_INIT;

/* log2(x + 1), piecewise linear between powers of two: good enough for a length feature. */
static float lg(uint32_t x)
{
    uint32_t v = x + 1;
    int e = 31 - __builtin_clz(v);
    return (float)e + (float)(v - (1u << e)) / (float)(1u << e);
}

typedef struct bp_doc {
    int lang;        /* index into bp_lang_code, or -1 */
    float typical;   /* stop-word density of prose in that language */
    int body;        /* indentation of the page's prose (see body_indent()) */
} bp_doc;

static uint32_t lang_hits(const bp_lstat *st, int lang)
{
    for (int j = 0; j < 3; j++)
        if (st->top_cnt[j] && st->top_lang[j] == lang)
            return st->top_cnt[j];
    return 0;
}

/* Sum the statistics of lines first..last into `a` (flags of position from the first line
 * for bullets and indents, from the last line for the final punctuation). */
static void block_stats(const bp_lstat *ls, uint32_t first, uint32_t last, bp_lstat *a,
                        const bp_doc *dc, uint32_t *hits)
{
    *a = ls[first];
    *hits = dc->lang >= 0 ? lang_hits(&ls[first], dc->lang) : 0;
    for (uint32_t i = first + 1; i <= last; i++) {
        const bp_lstat *b = &ls[i];
        a->clen += b->clen;
        a->toks += b->toks;
        a->letters += b->letters;
        a->digits += b->digits;
        a->cjk += b->cjk;
        a->stop_any = (uint16_t)(a->stop_any + b->stop_any);
        a->covered = (uint16_t)(a->covered + b->covered);
        a->pmask |= b->pmask;
        a->smask |= b->smask;
        a->title = (uint16_t)(a->title + b->title);
        a->lower = (uint16_t)(a->lower + b->lower);
        a->caps = (uint16_t)(a->caps + b->caps);
        a->seps = (uint16_t)(a->seps + b->seps);
        a->dates = (uint16_t)(a->dates + b->dates);
        a->times = (uint16_t)(a->times + b->times);
        a->sents = (uint8_t)(a->sents + b->sents < 0xFF ? a->sents + b->sents : 0xFF);
        a->flags = (uint16_t)((a->flags & (F_BULLET | F_INDENT)) |
                              (b->flags & (F_TERM | F_COLON | F_ELLIPSIS)) |
                              (b->flags & F_SAYS) |
                              ((a->flags | b->flags) & (F_COPYSIGN | F_LINKISH | F_ARTEFACT)));
        if (dc->lang >= 0)
            *hits += lang_hits(b, dc->lang);
    }
}

/* The feature vector of a block with summed statistics `a` and `hits` stop words of the
 * document's language. */
static void features(const bp_lstat *a, uint32_t hits, const bp_doc *dc, float *x)
{
    float toks = a->toks ? (float)a->toks : 1.0f;
    float len = lg(a->clen);
    float words = (float)(a->title + a->lower);
    float rel = 0.0f;

    memset(x, 0, NX * sizeof *x);
    if (dc->lang >= 0) {
        rel = (float)hits / toks / dc->typical;
        if (rel > 2.0f)
            rel = 2.0f;
    }
    x[X_BIAS] = 1.0f;
    x[X_LEN] = len;
    x[X_REL] = rel;
    x[X_NOLANG] = dc->lang < 0;
    x[X_ANYD] = (float)a->stop_any / toks;
    x[X_TERM] = (a->flags & F_TERM) != 0;
    x[X_COLON] = (a->flags & F_COLON) != 0;
    x[X_ELLIPSIS] = (a->flags & F_ELLIPSIS) != 0;
    x[X_TITLE] = words >= 2.0f ? (float)a->title / words : 0.0f;
    x[X_CAPS] = (float)a->caps / toks;
    x[X_DIGIT] = (a->letters + a->digits) ? (float)a->digits / (float)(a->letters + a->digits) : 0.0f;
    x[X_BULLET] = (a->flags & F_BULLET) != 0;
    x[X_DATE] = a->dates != 0;
    x[X_TIME] = a->times != 0;
    x[X_LINK] = (a->flags & F_LINKISH) != 0;
    x[X_COVER] = (float)a->covered / toks;
    if (x[X_COVER] > 1.0f)
        x[X_COVER] = 1.0f;
    x[X_STRONG] = (a->smask & STRONG_CLASSES) != 0;
    x[X_SEPS] = a->seps * 3.0f / toks > 1.0f ? 1.0f : a->seps * 3.0f / toks;
    x[X_ARTEFACT] = (a->flags & (F_ARTEFACT | F_BRACKETED)) != 0;
    x[X_COPY] = (a->flags & F_COPYSIGN) != 0;
    /* (out of the column of the page's prose: where w3m indents a whole page, its article
     * too, and its menus differently) */
    x[X_INDENT] = a->indent != dc->body;
    x[X_RELLEN] = rel * len / 10.0f;
    x[X_TERMLEN] = x[X_TERM] * len / 10.0f;
    x[X_SHORT] = a->toks <= 3;
    x[X_AGO] = (a->flags & F_AGO) != 0;
    x[X_SAYS] = (a->flags & F_SAYS) != 0;
    x[X_SENTS] = a->sents >= 7 ? 1.0f : lg(a->sents) / 3.0f;
}

/* Hard rules: a reason when the block is plainly boilerplate whatever its score, else 0. */
static int hard_reason(const bp_lstat *a)
{
    unsigned strong = a->smask & STRONG_CLASSES;
    if (a->toks == 0 && (a->flags & (F_BULLET | F_ARTEFACT | F_BRACKETED | F_INDENT)))
        return R_ARTEFACT; /* a bare bullet, an empty form field; "* * *" may be a scene break */
    /* A picture's alt text ("[harbour-view]", "[Photo of the pier]"), not a paragraph in
     * brackets (a stage direction, an editor's note), which the model judges. */
    if (((a->flags & F_BRACKETED) && a->toks <= BRACKET_MAX) || (a->flags & F_IMGFILE) ||
        ((a->flags & F_ARTEFACT) && a->toks <= 4))
        return R_ARTEFACT;
    if (a->flags & F_BYLINE)
        return R_BYLINE;
    /* A short dated line with item separators or a time is the page's date and section
     * ("8. November 2021 | News", "May 3, 2022 · 23:57", "29.04.2020, 15:59 Uhr"), not a
     * sentence. */
    /* A breadcrumb trail: a navigation word, then separators ("Home » Blog » Title"). */
    if (a->lead == C_NAV && a->seps && a->toks <= 20 && !a->sents && !(a->flags & F_TERM))
        return R_PHRASE + C_NAV;
    if (a->dates && !a->sents && !(a->flags & F_TERM) &&
        ((a->seps && a->toks <= DATELINE_MAX) || (a->times && a->toks <= DATETIME_MAX)))
        return R_LOW;
    /* A line of one sentence at most that ends in a picture credit is a caption ("Dee Dee
     * Myers Getty Images", "The old pier in 1950. Picture Alliance", "The harbour after the
     * storm of 1953. By John Smith"). */
    if ((a->flags & F_CREDIT) && a->toks <= CREDIT_MAX && a->sents <= 1)
        return R_PHRASE + C_COPYRIGHT;
    if (a->covered * 2u >= a->toks && a->toks <= 12 && a->pclass)
        return R_PHRASE + a->pclass;
    if ((a->flags & F_LABEL) && ((LABEL_CLASSES >> a->pclass) & 1u) &&
        a->toks <= (a->pclass == C_RELATED ? LABEL_MAX_RELATED : LABEL_MAX))
        return R_PHRASE + a->pclass;
    if (strong && a->toks < 80) {
        /* Comment-form sentences are short; cookie notices, copyright lines and publisher
         * self-descriptions can run to a long paragraph. */
        int c = (strong & (1u << C_SELFDESC)) ? C_SELFDESC
                : (strong & (1u << C_COOKIE)) ? C_COOKIE
                : (strong & (1u << C_COPYRIGHT)) ? C_COPYRIGHT : C_COMMENT;
        if (c != C_COMMENT || a->toks < 30)
            return R_PHRASE + c;
    }
    if ((a->flags & F_COPYSIGN) && a->toks < 30)
        return R_PHRASE + C_COPYRIGHT;
    /* A short line that opens with a promotion of three or more words is that promotion
     * ("Get the latest news straight to your phone with our app.", "Subscribe now to our
     * e-edition for the full story."), however little of it the phrases cover. */
    if (a->lead == C_NEWSLETTER && a->lead_len >= 3 && a->toks <= PROMO_MAX)
        return R_PHRASE + C_NEWSLETTER;
    /* A short line of one sentence at most that opens with a share or follow phrase of two
     * or more words is that call ("Follow us on Mastodon and Bluesky for live updates",
     * "Síguenos en Telegram y ..."), however long its list of networks. */
    if (a->lead == C_SHARE && a->lead_len >= 2 && a->toks <= PROMO_MAX && a->sents == 0)
        return R_PHRASE + C_SHARE;
    /* ... and so is one with such a promotion anywhere when it is no sentence ("Get the
     * Daily Edition by email and never miss our top stories Free Sign Up"). */
    if ((a->smask & (1u << C_NEWSLETTER)) && a->toks <= PROMO_MAX && a->sents == 0 &&
        !(a->flags & F_TERM))
        return R_PHRASE + C_NEWSLETTER;
    return 0;
}

/* MARK: - Classification */

#ifndef T_GOOD
#define T_GOOD 1.0f    /* clear article text */
#define T_IN (-1.5f)   /* kept inside the article span */
#define T_OUT 3.0f     /* kept even outside the span (a second article part) */
#define KZ (-0.5f)     /* score that neither extends nor shrinks the article span */
#define NEGMIN 20      /* a block below KZ costs at least this many characters' worth */
#define ALPHA 0.3f     /* weight of the neighbours' mean score in a block's context score */
#define SPAN_FRAC 0.12f/* a further span must be worth this share of the best one */
#endif
#ifndef T_KEEP2
#define T_KEEP2 (0.3f) /* stage-2 logit at which a block is kept: chosen on scrapinghub
                         * and WCXB (0.15 -> 0.3: w3m F1 0.9109 -> 0.9128, WCXB 0.9339 ->
                         * 0.9350), then checked on both halves of trafilatura_eval (keep
                         * unchanged, leak 0.2025 -> 0.1983 on the first, 0.2371 -> 0.2241
                         * on the second); 0.5 loses kept snippets on both halves */
#endif
#ifndef LANG_MIN
#define LANG_MIN 0.35f /* a language needs this share of its typical stop-word density */
#endif
#ifndef LANG_DISTINCT
#define LANG_DISTINCT 15u /* ... and at least this many different stop words of it */
#endif
#define Z_WORDS (-1.5f) /* stage-1 logit under which a line of 1-3 words is not prose ... */
#define Z_LINE (-0.5f)  /* ... and a longer one of at most LOW_LINE_MAX tokens */
#define LOW_LINE_MAX 16
#define TAIL_GAP 8 /* removed blocks after the article span that cut it from a later kept
                    * block outside any span (3: WCXB 0.9361 -> 0.9360; 8: 0.9363) */
#define NOLANG_BLOCKS 30 /* a document in no known language is scored in context from
                          * this many blocks on (scrapinghub F1 0.9168 -> 0.9172, held
                          * trafilatura_eval leak 0.1897 -> 0.1853; the 474 texts of
                          * corpus/clean in no listed language lose no line) */
#define CAPTION_MIN_BYTES 20 /* caption_twice(): a caption of at least this many bytes, */
#define CAPTION_CREDIT_BYTES 48 /* a credit of at most this many bytes */
#define CAPTION_CREDIT_WORDS 6 /* and words */
#define BIO_TAIL 0.3f /* an author's bio lies in this last share of the article text ... */
#define BIO_MAX 100 /* ... and has at most this many tokens */
#define BIO_GAP 6 /* hard-rule blocks between the name and the bio (a follow row) */
#define PROSE_Z 1.5f /* stage-1 logit of a block of prose kept whatever its neighbours, */
#define PROSE_SENTS 3 /* with this many sentence ends */
#define CUT_MIN 40 /* tokens of a paragraph cut short with an ellipsis that stays, */
#define CUT_NEAR 15 /* when no other line of this many tokens so cut lies */
#define CUT_GAP 3   /* within this many blocks of it */
#define FOOTER_AFTER 0.8f /* share of the article text before a footer link that ends it */
#define TEASER_RUN 1 /* headlines after the last article paragraph that are teasers */
#define TEASER_PARA 100
#define MENU_RUN 4     /* a run of this many lines of at most three words ... */
#define MENU_LEXICON 1 /* ... with this many navigation or account words is a menu */
#define RELATED_LABEL_MAX 4 /* a "related" label alone on its line has at most this many */
#define RELATED_LINK_MIN 3 /* a headline below a "related" label has this many tokens */
#define LIST_ITEM_MAX 12 /* a bulleted line of at most this many tokens is a list item */
#define LIST_RUN_MIN 2 /* bulleted lines of a list in the article kept whole (3: WCXB 0.93765 ->
                        * 0.93762) */
#define LIST_AFTER_MAX 0.2f /* share of the article text that may follow a list heading */
#define BOX_BLOCKS 8 /* blocks of a box of links inside the article, below its heading, */
#define BOX_PROSE1 15 /* and tokens of the first paragraph of prose after it */
#define BOX_PROSE2 10 /* and of the second */
#define BODY_TOKS 8 /* tokens of a line whose indentation tells the page's (body_indent()) */
#define CONT_MAX 20 /* tokens of an indented line that continues a list item */
#define HEADER_GAP 5 /* parts of an article's header between its lede and its text (a block, or a
                      * row of lines with no blank line between them) */
#define LEDE_MIN 8 /* tokens of a lede */
#define CODE_LINES 4 /* lines of a listing between two kept paragraphs */
#define CODE_PROSE 20 /* tokens of each of those paragraphs' nearest lines */
#define TABLE_ROWS 3 /* rows of a table of properties */
#define TABLE_GAP 8 /* non-blank lines between it and kept prose above it */
#define TABLE_HEAD_MAX 6 /* tokens of the heading right above it */
#define COLON_INTRO_MIN 3 /* tokens of a sentence that announces a list with a colon */
#define COLON_ITEM_MAX 20 /* tokens of each line of the list it announces (12: no change) */
#define LIST_HEAD_MAX 8 /* tokens of a heading over a list below the article's prose */
#define PICTURE_GAP 3 /* pictures and captions between a title and its article text */
#define BYLINE_GAP 3 /* blocks looked at below an author line above the article span */
#define BYLINE_PROSE 20 /* tokens of the prose there that opens the article */
#define AUTHOR_BOX 4 /* a line of at most this many tokens that opens with the author's name */
#define AUTHOR_LINES 4 /* author lines whose names are looked for */
#define REPEAT_MIN 3u  /* a line seen in this many documents ... */
#define REPEAT_SHARE 200u /* ... and in at least 1/200 of them is a publisher's line */

static int grow(void **p, size_t *cap, size_t want, size_t elem)
{
    if (want <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 256;
    while (nc < want)
        nc *= 2;
    void *q = realloc(*p, nc * elem);
    if (!q)
        return MOJICLEAN_ENOMEM;
    *p = q;
    *cap = nc;
    return 0;
}

/* The indentation of the page's prose: the least indentation of its lines of BODY_TOKS or
 * more tokens (w3m indents a whole page's text inside a nested layout; where any long line
 * is not indented, 0). */
static int body_indent(const bp_lstat *ls, size_t n)
{
    int body = 0xFF;
    for (size_t i = 0; i < n && body > 0; i++)
        if (ls[i].toks >= BODY_TOKS && ls[i].indent < body)
            body = ls[i].indent;
    return body == 0xFF ? 0 : body;
}

/* Whether the non-blank lines first..last are one hard-wrapped paragraph (lines of about
 * the same width, mostly not ending a sentence) rather than separate blocks. */
static int is_wrapped(const bp_lstat *ls, uint32_t first, uint32_t last)
{
    uint32_t maxl = 0, open = 0;
    if (last == first)
        return 0;
    for (uint32_t i = first; i < last; i++) {
        if (ls[i].flags & F_BULLET)
            return 0;
        if (ls[i].clen > maxl)
            maxl = ls[i].clen;
        if (!(ls[i].flags & F_TERM))
            open++;
    }
    if (maxl < 40 || maxl > 120 || open * 2 < last - first)
        return 0;
    /* A line after a sentence end that is plainly boilerplate on its own (a promotion under
     * the last paragraph) starts a block of its own: the lines are not one paragraph. */
    for (uint32_t i = first + 1; i <= last; i++)
        if ((ls[i - 1].flags & F_TERM) && hard_reason(&ls[i]) > R_BYLINE)
            return 0;
    for (uint32_t i = first; i < last; i++)
        if (ls[i].clen * 4 < maxl * 3)
            return 0;
    return 1;
}

/* Decide the blank lines: a run of blank lines between two kept lines stays when nothing
 * was removed between them; otherwise only the blank lines right after the first kept line
 * stay (the document's own paragraph separator).  Blank lines before the first or after
 * the last kept line go unless nothing at all was removed there. */
static void settle_blanks(const bp_lstat *ls, size_t n, uint8_t *reason)
{
    size_t i = 0;
    size_t prev_kept = (size_t)-1;
    while (i < n) {
        if (!(ls[i].flags & F_BLANK) && reason[i] == R_KEEP) {
            prev_kept = i;
            i++;
            continue;
        }
        /* a gap: lines i..j-1 are blank or removed */
        size_t j = i;
        int removed = 0;
        while (j < n && ((ls[j].flags & F_BLANK) || reason[j] != R_KEEP)) {
            if (!(ls[j].flags & F_BLANK))
                removed = 1;
            j++;
        }
        int leading = prev_kept == (size_t)-1, trailing = j == n;
        if (!removed) {
            for (size_t q = i; q < j; q++)
                reason[q] = R_KEEP;
        } else {
            int first_run = !leading && !trailing;
            for (size_t q = i; q < j; q++) {
                if (!(ls[q].flags & F_BLANK)) {
                    first_run = 0;
                    continue;
                }
                reason[q] = first_run ? R_KEEP : R_BLANK;
            }
        }
        i = j;
    }
}

/* Whether block `b` is boilerplate that sits inside articles as well as around them: a
 * picture or form field, an author line, a label line ("Photo: ...", "Read more: ..."), a
 * button ("Buy now" between the products of a buying guide). */
static int inline_widget(const bp_block *b)
{
    return b->hard == R_ARTEFACT || b->hard == R_BYLINE || (b->flags & F_LABEL) || b->caption ||
           b->boxed ||
           (b->hard == R_PHRASE + C_AD && b->toks <= 4);
}

/* What block `b` brings to an article span: its length weighted by how far its score is
 * above KZ (clipped to +-3); hard-rule boilerplate costs its length, artefacts nothing. */
static float span_value(const bp_block *b)
{
    float z = b->z > 3.0f ? 3.0f : b->z < -3.0f ? -3.0f : b->z;
    float len = (float)b->clen;
    if (inline_widget(b))
        return 0.0f; /* images and form fields are neutral: galleries sit inside articles;
                      * so are label lines ("Photo: ...", "Read more: ...") and buttons */
    if (z < KZ && len < NEGMIN)
        len = NEGMIN;
    else if (len < 20.0f)
        len = 20.0f;
    return b->hard ? -len : (z - KZ) * len / 3.0f;
}

/* Clip x to [-m, m]. */
static float clip(float x, float m)
{
    return x > m ? m : x < -m ? -m : x;
}

/* A short line without final punctuation that could be a headline ("Woman risks her life to
 * save a koala"): many of them among a block's neighbours make a list of teasers. */
static int headline_like(const bp_block *b)
{
    return !b->hard && b->toks >= 3 && b->toks <= 16 &&
           !(b->flags & (F_TERM | F_BULLET | F_COLON | F_BLANK));
}

/* The stage-2 features of block `b` of bl[0..nb): its score, its neighbours' scores, where it
 * lies relative to the article span [bs, be) and the end marker, and the list structure
 * around it.  `good_before` is the article text (good blocks' length) before it. */
static void context_features(const bp_block *bl, size_t nb, size_t b, size_t bs, size_t be,
                             size_t end, float good_before, float good_total, int says_from,
                             const bp_doc *dc, float *y)
{
    const bp_block *k = &bl[b];
    float zn = 0.0f, zw = 0.0f, ww = 0.0f;
    int nn = 0, heads = 0, nh = 0, bulls = 0, nbu = 0, ago = (k->flags & F_AGO) != 0;

    memset(y, 0, NY * sizeof *y);
    for (size_t q = b >= 8 ? b - 8 : 0; q < nb && q <= b + 8; q++) {
        if (q == b)
            continue;
        const bp_block *o = &bl[q];
        size_t d = q < b ? b - q : q - b;
        float oz = o->hard ? -3.0f : clip(o->z1, 3.0f);
        if (inline_widget(o))
            continue; /* neutral, as in span_value() */
        if (d <= 2) {
            zn += oz;
            nn++;
        }
        float w = o->clen < 400 ? (float)o->clen + 20.0f : 420.0f;
        zw += w * oz;
        ww += w;
        if (d <= 4) {
            heads += headline_like(o);
            nh++;
        }
        if (d <= 3) {
            bulls += (o->flags & F_BULLET) != 0;
            nbu++;
        }
        if ((d == 1 || (q == b + 2)) && (o->flags & F_AGO))
            ago = 1;
    }
    y[Y_BIAS] = 1.0f;
    y[Y_Z] = clip(k->z1, 4.0f);
    y[Y_ZNEAR] = nn ? zn / (float)nn : 0.0f;
    y[Y_ZWIDE] = ww > 0.0f ? zw / ww : 0.0f;
    y[Y_INBEST] = b >= bs && b < be;
    y[Y_INSPAN] = k->inspan;
    y[Y_AFTER] = b >= end;
    y[Y_BEFORE] = b < bs;
    y[Y_PAST] = b >= be;
    y[Y_GOODBEFORE] = good_total > 0.0f ? good_before / good_total : 0.0f;
    y[Y_AGONEAR] = (float)ago;
    y[Y_HEADSHARE] = nh ? (float)heads / (float)nh : 0.0f;
    y[Y_BULLSHARE] = nbu ? (float)bulls / (float)nbu : 0.0f;
    y[Y_SAYS] = says_from >= 0 && b >= (size_t)says_from;
    y[Y_SHORT] = k->toks <= 3;
    y[Y_LEN] = lg(k->clen) / 8.0f;
    y[Y_TERM] = (k->flags & F_TERM) != 0;
    y[Y_NOLANG] = dc->lang < 0;
    y[Y_SPANV] = (float)k->spanv / 255.0f;
    y[Y_SENTS] = k->sents >= 7 ? 1.0f : lg(k->sents) / 3.0f;
}

/* Whether line b[0..nb) repeats line a[0..na) with a picture credit glued to its end: the
 * caption once as the picture's title and once with its credit ("Snow on the fields" then
 * "Snow on the fieldsJane Doe", "... in 2019.Credit...John Smith/Reuters").  The credit is
 * glued (no space before it), opens with a capital and has at most CAPTION_CREDIT_WORDS
 * words, or it follows a space in brackets ("... in 2019. (Photo: John Smith)"); the
 * caption itself has a few words. */
static int caption_twice(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
    uint32_t c;
    size_t spaces = 0;
    while (na && (*a == ' ' || *a == '\t'))
        a++, na--;
    while (nb && (*b == ' ' || *b == '\t'))
        b++, nb--;
    while (na && (a[na - 1] == ' ' || a[na - 1] == '\r'))
        na--;
    while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\r'))
        nb--;
    if (na < CAPTION_MIN_BYTES || nb <= na || nb - na > CAPTION_CREDIT_BYTES ||
        memcmp(a, b, na) != 0 || a[na - 1] == ' ')
        return 0;
    /* ... or set off by a space and in brackets: "... the pier. (Jane Doe/Reuters)" */
    if (nb - na >= 4 && b[na] == ' ' && b[na + 1] == '(' && b[nb - 1] == ')')
        return 1;
    dec(b + na, nb - na, &c);
    if (cp_class(c) != K_WORD || cp_lower(c) == c)
        return 0;
    for (size_t i = na; i < nb; i++)
        spaces += b[i] == ' ';
    return spaces < CAPTION_CREDIT_WORDS;
}

/* Whether line s[0..n) holds a mark of code or data: a bracket, a quote, a colon, = or ;, or
 * opens with a shell prompt ("$ make", "$ cd /usr/src": a listing of commands). */
static int code_marks(const unsigned char *s, size_t n)
{
    size_t p = 0;
    while (p < n && s[p] == ' ')
        p++;
    if (p + 1 < n && s[p] == '$' && s[p + 1] == ' ')
        return 1;
    for (size_t i = 0; i < n; i++)
        switch (s[i]) {
        case '{': case '}': case '(': case ')': case '[': case ']': case '=': case ';': case ':':
        case '"':
            return 1;
        default:
            break;
        }
    return 0;
}

/* Whether line s[0..n) is the attribution of an embedded post: after its indentation an
 * em dash and a space, then a "(@handle)" ("— Jane Doe (@janedoe) May 3, 2024"). */
static int post_credit(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (n - i < 4 || memcmp(s + i, "\xE2\x80\x94 ", 4) != 0)
        return 0;
    for (i += 4; i + 2 < n; i++)
        if (s[i] == '(' && s[i + 1] == '@') {
            for (i += 2; i < n && s[i] != ')' && s[i] != ' '; i++)
                ;
            return i < n && s[i] == ')';
        }
    return 0;
}

/* The column where the value of the table row s[0..n) starts ("Region:      Napa"): a
 * label of at most three words and a colon, two or more spaces, a value; 0 when the line
 * is not such a row.  The column counts characters, as w3m lays the table out ("Größe:"
 * is six wide, not eight). */
static uint32_t table_row(const unsigned char *s, size_t n)
{
    size_t i = 0, words = 1;
    while (i < n && s[i] != ':') {
        if (s[i] == ' ' && i > 0 && s[i - 1] != ' ' && ++words > 3)
            return 0; /* (a label has at most 3 words: no need to read on) */
        if (i == 0 && s[i] == ' ')
            return 0;
        i++;
    }
    if (i == 0 || i >= n)
        return 0;
    size_t j = i + 1;
    while (j < n && s[j] == ' ')
        j++;
    if (j - i < 3 || j >= n)
        return 0;
    uint32_t col = (uint32_t)j;
    for (size_t k = 0; k < i; k++)
        col -= (s[k] & 0xC0) == 0x80; /* (UTF-8 continuation bytes) */
    return col;
}

/* The first word of line s[0..n) (after indentation and bullets): sets *w and returns its
 * length in bytes, 0 when the line does not open with a word. */
static size_t first_word(const unsigned char *s, size_t n, const unsigned char **w)
{
    size_t i = 0, k;
    uint32_t c = 0;
    while (i < n && (k = dec(s + i, n - i, &c)) && cp_class(c) != K_WORD)
        i += k;
    *w = s + i;
    size_t j = i;
    while (j < n && (k = dec(s + j, n - j, &c)) && cp_class(c) == K_WORD)
        j += k;
    return j - i;
}

/* Whether line s[0..n) is a list of items separated by commas (at least three of them:
 * "News, Blog, Events, Dates", a tag or category line), which no heading is; a row of a
 * table (cells apart by runs of spaces) is not one. */
static int comma_list(const unsigned char *s, size_t n)
{
    int commas = 0;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (; i + 1 < n; i++) {
        if (s[i] == ' ' && s[i + 1] == ' ')
            return 0;
        if (s[i] == ',' && s[i + 1] == ' ')
            commas++;
    }
    return commas >= 3;
}

/* Whether the paragraph p[0..np) is the bio of the person named on line nm[0..nn) above it
 * ("Jane Doe" / "Jane is a reporter ..."): it opens with the name's first or last word. */
static int bio_of(const unsigned char *nm, size_t nn, const unsigned char *p, size_t np)
{
    const unsigned char *pw, *w;
    size_t pl = first_word(p, np, &pw), l = first_word(nm, nn, &w);
    if (pl < 2 || l < 2)
        return 0;
    for (size_t i = 0; i < nn; i++) { /* a name: words, spaces, points and hyphens */
        if (nm[i] < 0x80 && nm[i] != ' ' && nm[i] != '.' && nm[i] != '-' && nm[i] != '\r' &&
            cp_class(nm[i]) != K_WORD)
            return 0;
        if (i > 0 && nm[i] >= 'A' && nm[i] <= 'Z' && nm[i - 1] >= 'a' && nm[i - 1] <= 'z')
            return 0; /* (camel case) */
    }
    if (pl == l && memcmp(pw, w, l) == 0)
        return 1;
    /* the name's last word */
    size_t e = nn;
    uint32_t c = 0;
    while (e > 0 && (nm[e - 1] == ' ' || nm[e - 1] == '\r'))
        e--;
    size_t st = e;
    while (st > 0) {
        size_t b0 = st - 1;
        while (b0 > 0 && (nm[b0] & 0xC0) == 0x80)
            b0--;
        dec(nm + b0, e - b0, &c);
        if (cp_class(c) != K_WORD)
            break;
        st = b0;
    }
    return e - st == pl && pl >= 2 && memcmp(nm + st, pw, pl) == 0;
}

/* The name on the author line s[0..n) ("By Jane Doe and ...", "von Anja Muster am 14. Mai",
 * "Posted by Jane Doe"): the first two words from the first capitalised word after the
 * line's first word.  Sets *from and returns the end of the name in s, 0 when there is no
 * such name of two words. */
static size_t author_name(const unsigned char *s, size_t n, size_t *from)
{
    size_t i = 0, k;
    uint32_t c = 0;
    int words = 0;

    for (;;) { /* to the first capitalised word after the first word */
        while (i < n && (k = dec(s + i, n - i, &c)) && cp_class(c) != K_WORD)
            i += k;
        if (i >= n)
            return 0;
        if (words && cp_lower(c) != c)
            break;
        while (i < n && (k = dec(s + i, n - i, &c)) && cp_class(c) == K_WORD)
            i += k;
        words++;
    }
    *from = i;
    for (int w = 0; w < 2; w++) { /* two words, one space between, the second capitalised */
        size_t w0 = i;
        while (i < n && (k = dec(s + i, n - i, &c)) && (cp_class(c) == K_WORD || c == '-'))
            i += k;
        if (i == w0)
            return 0;
        if (w == 0) {
            if (i + 1 >= n || s[i] != ' ')
                return 0;
            i++;
            dec(s + i, n - i, &c);
            if (cp_class(c) != K_WORD || cp_lower(c) == c)
                return 0;
        }
    }
    return i;
}

/* Whether line s[0..n) holds a label and its value: a colon and a space inside it, not at its
 * end ("England (Group A): Tenth appearance"). */
static int inner_label(const unsigned char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == ':' && s[i + 1] == ' ')
            return 1;
    return 0;
}

/* Whether line i of the document (text `doc`, lines `lines`) is an item of a short list that
 * no rule kept: removed as not prose or outside the article, of 1 to COLON_ITEM_MAX tokens,
 * holding a digit or a label and its value if `digit` (a schedule, a table of results: not
 * a list of headlines; no link). */
static int list_item(const bp_lstat *ls, const uint8_t *reason, const char *doc,
                     const mojiclean__line *lines, size_t i, int digit)
{
    return !(ls[i].flags & F_BLANK) &&
           (reason[i] == R_LOW || reason[i] == R_OUTSIDE || reason[i] == R_AFTER) &&
           ls[i].toks > 0 && ls[i].toks <= COLON_ITEM_MAX &&
           (!digit || ls[i].digits ||
            (!(ls[i].flags & F_LINKISH) &&
             inner_label((const unsigned char *)doc + lines[i].off, lines[i].len)));
}

/* The end of the list whose first item is line a of ls[0..n): a run of list items (with a
 * digit or a label and its value each if `digit`), one a line, up to a blank line (two items or more, three with
 * digits); or three or more items of one line each that hold a digit, one blank line apart
 * (a dump that puts a blank line between all blocks), up to the first line that is no such
 * item.  Returns the line after the list, or 0 when there is no such list. */
static size_t list_run(const bp_lstat *ls, const uint8_t *reason, const char *doc,
                       const mojiclean__line *lines, size_t n, size_t a, int digit)
{
    size_t e = a, items = 0, min = digit ? 3 : 2;
    while (e < n && list_item(ls, reason, doc, lines, e, digit))
        e++, items++;
    if (items == 1 && e + 1 < n && (ls[e].flags & F_BLANK) && ls[a].digits) {
        /* (one item, a blank line, another item: the blank-separated form, where nothing
         * ends the list but its items, so each holds a number: dates, prices, scores) */
        while (e + 1 < n && (ls[e].flags & F_BLANK) && list_item(ls, reason, doc, lines, e + 1, 1) &&
               (e + 2 >= n || (ls[e + 2].flags & F_BLANK)))
            e += 2, items++;
        return items >= 3 ? e : 0;
    }
    if (items < min || (e < n && !(ls[e].flags & F_BLANK)))
        return 0; /* no list, or not the whole run */
    return e;
}

int mojiclean__bp_classify(mojiclean__bp *bp, const char *doc, const mojiclean__line *lines,
                           size_t n, uint8_t *reason)
{
    bp_scan sc;
    uint32_t doc_lang[BP_NLANG], all_lang[BP_NLANG];
    uint32_t doc_toks = 0, all_toks = 0;
    size_t nb = 0;

    if (n == 0)
        return 0;
    if (grow((void **)&bp->ls, &bp->ls_cap, n, sizeof *bp->ls) ||
        grow((void **)&bp->bl, &bp->bl_cap, n, sizeof *bp->bl))
        return MOJICLEAN_ENOMEM;
    bp_lstat *ls = bp->ls;
    bp->ndocs++;

    /* Pass 1: line statistics, document language, cross-document counts.  The language is
     * taken from the longer lines (menus of short lines carry few stop words and would hide
     * it), or from all lines when there are too few long ones. */
    memset(&sc, 0, sizeof sc);
    sc.filt = bp->filt;
    memset(doc_lang, 0, sizeof doc_lang);
    memset(all_lang, 0, sizeof all_lang);
    size_t doc_end = (size_t)lines[n - 1].off + lines[n - 1].len;
    for (size_t i = 0; i < n; i++) {
        scan_line(&sc, &ls[i], (const unsigned char *)doc + lines[i].off, lines[i].len,
                  doc_end - lines[i].off);
        reason[i] = R_KEEP;
        if (ls[i].flags & F_BLANK)
            continue;
        int longl = ls[i].toks >= 8;
        all_toks += ls[i].toks;
        if (longl)
            doc_toks += ls[i].toks;
        for (int j = 0; j < 3; j++)
            if (ls[i].top_cnt[j]) {
                all_lang[ls[i].top_lang[j]] += ls[i].top_cnt[j];
                if (longl)
                    doc_lang[ls[i].top_lang[j]] += ls[i].top_cnt[j];
            }
    }
    /* Cross-document counts, in a loop of their own so the slots can be fetched ahead. */
    for (size_t i = 0; i < n; i++) {
        if (i + 8 < n)
            __builtin_prefetch(&bp->xt[(size_t)xt_key(ls[i + 8].hash) & (XT_SIZE - 1)], 1);
        if (!(ls[i].flags & F_BLANK))
            ls[i].repeat = (uint16_t)xt_see(bp, ls[i].hash);
    }
    bp_doc dc = {-1, 0.3f, body_indent(ls, n)};
    for (int pass = 0; pass < 2 && dc.lang < 0; pass++) {
        const uint32_t *cnt = pass ? all_lang : doc_lang;
        uint32_t toks = pass ? all_toks : doc_toks, best = 0;
        int lang = -1;
        for (int l = 0; l < BP_NLANG; l++)
            if (cnt[l] > best) {
                best = cnt[l];
                lang = l;
            }
        /* A language counts only when its stop words are a fair part of the text; else
         * the structural features (length, punctuation) decide alone.  It also needs
         * enough different stop words: one that only shares a few short words with the
         * text ("na", "ya") is a chance match, not the text's language. */
        if (lang >= 0 && best >= 5 &&
            (float)best >= LANG_MIN * (bp_lang_typical[lang] / 1000.0f) * (float)toks &&
            sc.distinct[lang] >= LANG_DISTINCT) {
            dc.lang = lang;
            dc.typical = bp_lang_typical[lang] / 1000.0f;
        }
    }

    /* Pass 2: blocks and their scores. */
    bp_block *bl = bp->bl;
    float good_total = 0.0f, good_rep = 0.0f;
    for (size_t i = 0; i < n;) {
        if (ls[i].flags & F_BLANK) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && !(ls[j + 1].flags & F_BLANK))
            j++;
        int wrapped = is_wrapped(ls, (uint32_t)i, (uint32_t)j);
        for (size_t a = i; a <= j; a = wrapped ? j + 1 : a + 1) {
            size_t b = wrapped ? j : a;
            bp_lstat agg;
            uint32_t hits;
            float x[NX], z = 0.0f;
            block_stats(ls, (uint32_t)a, (uint32_t)b, &agg, &dc, &hits);
            features(&agg, hits, &dc, x);
            for (int k = 0; k < NX; k++)
                z += W1[k] * x[k];
#ifdef MOJICLEAN_BP_DUMP1
            MOJICLEAN_BP_DUMP1(nb, x);
#endif
            bp_block *blk = &bl[nb++];
            blk->first = (uint32_t)a;
            blk->last = (uint32_t)b;
            blk->clen = agg.clen;
            blk->z = blk->z1 = z;
            blk->flags = agg.flags;
            blk->toks = (uint16_t)(agg.toks < 0xFFFF ? agg.toks : 0xFFFF);
            blk->sents = agg.sents;
            blk->spanv = 0;
            blk->caption = 0;
            blk->boxed = 0;
            blk->hard = (uint8_t)hard_reason(&agg);
            blk->cls = z >= T_GOOD ? 2 : z >= T_IN ? 1 : 0;
            if (!blk->hard && blk->cls == 2) {
                good_total += (float)agg.clen;
                if (ls[a].repeat >= REPEAT_MIN &&
                    (uint64_t)ls[a].repeat * REPEAT_SHARE >= bp->ndocs)
                    good_rep += (float)agg.clen;
            }
        }
        i = j + 1;
    }
    /* A caption shown twice, the second time with its credit glued on: both are the
     * picture's. */
    for (size_t b = 0; b + 1 < nb; b++) {
        bp_block *p = &bl[b], *q = p;
        uint32_t l1 = p->first, l2 = l1 + 1;
        if (p->first != p->last) {
            if (p->last != l2) /* a wrapped block of the two lines */
                continue;
        } else {
            q = &bl[b + 1];
            l2 = q->first;
            if (q->first != q->last)
                continue;
        }
        /* (the second line may already be known for its credit: "...tragen.Foto: Jane Doe") */
        int q_credit = q != p && q->hard == R_PHRASE + C_COPYRIGHT && (q->flags & F_CREDIT);
        if (p->hard || (q->hard && !q_credit) ||
            !caption_twice((const unsigned char *)doc + lines[l1].off, lines[l1].len,
                           (const unsigned char *)doc + lines[l2].off, lines[l2].len))
            continue;
        for (bp_block *k = p; k <= q; k++) {
            if (!k->hard && k->cls == 2)
                good_total -= (float)k->clen;
            k->hard = R_PHRASE + C_COPYRIGHT;
            k->caption = 1;
        }
    }
    /* Lines repeated across documents are the publisher's, unless that would take most of
     * this document's article text (a syndicated or duplicated article). */
    if (good_rep * 2.0f <= good_total) {
        for (size_t b = 0; b < nb; b++) {
            const bp_lstat *st = &ls[bl[b].first];
            if (!bl[b].hard && bl[b].first == bl[b].last && st->repeat >= REPEAT_MIN &&
                (uint64_t)st->repeat * REPEAT_SHARE >= bp->ndocs) {
                bl[b].hard = R_REPEATED;
                if (bl[b].cls == 2)
                    good_total -= (float)bl[b].clen;
            }
        }
    }

    /* Context: each block's score moves toward the mean score of its two neighbours, so a
     * teaser among headlines sinks and a heading between paragraphs rises. */
    if (ALPHA > 0.0f && nb > 1) {
        float prev = bl[0].z;
        for (size_t b = 0; b < nb; b++) {
            float here = bl[b].z;
            float l = b > 0 ? prev : bl[1].z;
            float r = b + 1 < nb ? bl[b + 1].z : prev;
            bl[b].z = here + ALPHA * (0.5f * (clip(l, 3.0f) + clip(r, 3.0f)) - here);
            prev = here;
            int was_good = bl[b].cls == 2;
            bl[b].cls = bl[b].z >= T_GOOD ? 2 : bl[b].z >= T_IN ? 1 : 0;
            if (!bl[b].hard && was_good != (bl[b].cls == 2))
                good_total += was_good ? -(float)bl[b].clen : (float)bl[b].clen;
        }
    }

    /* Pass 3: end marker.  A comment-form or "related" heading after most of the article
     * text ends the article: nothing after it is kept.  So does a comment thread: three or
     * more comment headers ("jane says:") after some article text; the thread starts at the
     * first of them, or at the "Comments" heading just above it. */
    size_t end = nb;
    int says_from = -1;
    {
        float before = 0.0f;
        int nsays = 0;
        for (size_t b = 0; b < nb; b++)
            nsays += (bl[b].flags & F_SAYS) != 0;
        for (size_t b = 0; b < nb; b++) {
            int h = bl[b].hard;
            const bp_lstat *st = &ls[bl[b].first];
            /* "Don't miss:" introduces an inline promotion, "Related articles" a list. */
            int heading = st->toks <= 8 && st->covered * 2u >= st->toks;
            /* ... or a short line that opens with a "related" phrase ("More from our
             * science desk", "Related coverage from ..."). */
            int listhead = h == R_PHRASE + C_RELATED || h == R_PHRASE + C_TAGS ||
                           (!h && st->lead == C_RELATED && bl[b].first == bl[b].last &&
                            st->toks <= 8 && !(st->flags & (F_TERM | F_COLON)));
            /* Such a line with much article text after it introduces a box inside the
             * article ("Recommended by our editors" and three headlines), not the end. */
            if (listhead && !h && good_total - before > LIST_AFTER_MAX * good_total)
                listhead = 0;
            heading |= listhead && !h;
            int marker = heading && (h == R_PHRASE + C_COMMENT ||
                                     (listhead && st->toks >= 2 && !(st->flags & F_COLON)));
            /* A "related" heading must be followed by a list, not by more prose. */
            if (marker && listhead)
                for (size_t q = b + 1; q < nb && q <= b + 3; q++)
                    if (!bl[q].hard && bl[q].cls == 2 &&
                        !((bl[q].flags & F_BULLET) && bl[q].toks <= LIST_ITEM_MAX))
                        marker = 0;
            /* ... nor by a short box of links (at most BOX_BLOCKS headlines, pictures and
             * removed lines) and then two or more paragraphs of prose: the box sits inside
             * the article ("Related articles" / two headlines / the story goes on). */
            if (marker && listhead) {
                size_t q = b + 1;
                while (q < nb && q <= b + BOX_BLOCKS &&
                       (bl[q].hard || (bl[q].toks <= LABEL_MAX_RELATED && !(bl[q].flags & F_TERM))))
                    q++;
                int paras = 0;
                for (; q < nb && paras < 2; q++) {
                    if (bl[q].hard && inline_widget(&bl[q]))
                        continue;
                    if (bl[q].hard || bl[q].z1 < T_GOOD || !(bl[q].flags & F_TERM) ||
                        bl[q].toks < (paras ? BOX_PROSE2 : BOX_PROSE1))
                        break;
                    /* (statements: a question opens a list of questions and answers) */
                    const char *t = doc + lines[bl[q].last].off;
                    size_t tn = lines[bl[q].last].len;
                    while (tn > 0 && (t[tn - 1] == ' ' || t[tn - 1] == '\r'))
                        tn--;
                    if (tn > 0 && t[tn - 1] == '?')
                        break;
                    paras++;
                }
                if (paras >= 2) {
                    marker = 0;
                    /* (the headlines of the box are its links; the box is neutral to the
                     * article span, as a picture is) */
                    bl[b].boxed = 1;
                    for (size_t k = b + 1; k < nb && k <= b + BOX_BLOCKS; k++) {
                        if (!bl[k].hard && (bl[k].flags & F_TERM))
                            break;
                        if (!bl[k].hard && !(bl[k].flags & F_COLON) &&
                            bl[k].toks >= RELATED_LINK_MIN && bl[k].toks <= LABEL_MAX_RELATED &&
                            !table_row((const unsigned char *)doc + lines[bl[k].first].off,
                                       lines[bl[k].first].len)) {
                            if (bl[k].cls == 2)
                                good_total -= (float)bl[k].clen;
                            bl[k].hard = R_PHRASE + C_RELATED;
                        }
                        bl[k].boxed = 1;
                    }
                }
            }
            /* A footer link ("About us", "Imprint") after nearly all of the article text, with
             * no more prose right after it, starts the footer. */
            if (!marker && h == R_PHRASE + C_LEGAL && st->lead == C_LEGAL &&
                st->lead_len >= st->toks && before >= FOOTER_AFTER * good_total) {
                marker = 1;
                for (size_t q = b + 1; q < nb && q <= b + 3; q++)
                    if (!bl[q].hard && bl[q].cls == 2)
                        marker = 0;
            }
            if (marker && before >= 0.5f * good_total && before > 0.0f) {
                end = b;
                break;
            }
            if (nsays >= 3 && (bl[b].flags & F_SAYS) && before > 0.0f) {
                size_t e = b;
                while (e > 0 && b - e < 3 && bl[e - 1].hard == R_PHRASE + C_COMMENT)
                    e--;
                end = e;
                says_from = (int)b;
                break;
            }
            if (!h && bl[b].cls == 2)
                before += (float)bl[b].clen;
        }
        /* A comment thread after an earlier end marker (a tag line) is still one. */
        if (says_from < 0 && nsays >= 3)
            for (size_t b = end; b < nb; b++)
                if (bl[b].flags & F_SAYS) {
                    says_from = (int)b;
                    break;
                }
    }

    /* Pass 4: the article spans.  A span is a run of blocks whose score-weighted lengths
     * have a locally maximal positive sum (Kadane); boilerplate between article paragraphs
     * costs less than the paragraphs bring, so a gallery caption does not split the article.
     * The best span [bs, be) is the article; other spans worth at least SPAN_FRAC of it are
     * further parts of it (a list of sentences, an article interrupted by an advertisement). */
    int have_good = 0;
    size_t bs = 0, be = 0;
    {
        float best = 0.0f;
        for (int round = 0; round < 2; round++) {
            float cur = 0.0f, rbest = 0.0f;
            size_t s_cur = 0, rs = 0, re = 0;
            for (size_t b = 0; b <= end; b++) {
                float v = 0.0f;
                if (b < end) {
                    bl[b].inspan = round ? bl[b].inspan : 0;
                    v = span_value(&bl[b]);
                    if (!bl[b].hard && bl[b].cls == 2)
                        have_good = 1;
                }
                if (b == end || cur + v <= 0.0f) {
                    /* the run ends: mark its best part when it is worth keeping */
                    if (round && rbest > 0.0f) {
                        for (size_t q = rs; q < re; q++) {
                            bl[q].inspan = rbest >= SPAN_FRAC * best;
                            bl[q].spanv = (uint8_t)(255.0f * rbest / best + 0.5f);
                        }
                    }
                    if (!round && rbest > best) {
                        best = rbest;
                        bs = rs;
                        be = re;
                    }
                    cur = 0.0f;
                    rbest = 0.0f;
                    s_cur = b + 1;
                    continue;
                }
                cur += v;
                if (cur > rbest) {
                    rbest = cur;
                    rs = s_cur;
                    re = b + 1;
                }
            }
        }
        for (size_t b = end; b < nb; b++)
            bl[b].inspan = 0;
    }

    /* Pass 5: decisions per block, by the stage-2 model over each block's context. */
    {
        float good_before = 0.0f;
        for (size_t b = 0; b < nb; b++) {
            int r;
            if (bl[b].hard) {
                r = bl[b].hard;
            } else if (!have_good || (dc.lang < 0 && nb < NOLANG_BLOCKS)) {
                r = R_KEEP; /* no clear article, or a short text in a language without a
                             * stop-word list: keep what is not plainly boilerplate.  A long
                             * one is a web page: length, punctuation and position still tell
                             * its menus from its article (X_NOLANG, Y_NOLANG) */
            } else {
                float y[NY], z2 = 0.0f;
                context_features(bl, nb, b, bs, be, end, good_before, good_total, says_from,
                                 &dc, y);
                for (int k = 0; k < NY; k++)
                    z2 += W2[k] * y[k];
#ifdef MOJICLEAN_BP_DUMP2
                MOJICLEAN_BP_DUMP2(b, y);
#endif
                r = z2 >= T_KEEP2 ? R_KEEP : b >= end ? R_AFTER : bl[b].inspan ? R_LOW : R_OUTSIDE;
                /* Clear prose stays whatever its neighbours: a block that scores as clear
                 * article text on its own, of PROSE_SENTS or more sentences and no lexicon
                 * phrase, inside an article span and not past the best one (the last
                 * paragraph above a "Previous post" row, one between a rating widget and
                 * an address). */
                if (r != R_KEEP && b < end && b < be && bl[b].inspan && bl[b].z1 >= PROSE_Z &&
                    bl[b].sents >= PROSE_SENTS && bl[b].toks >= CODE_PROSE) {
                    int lex = 0;
                    for (uint32_t i = bl[b].first; i <= bl[b].last; i++)
                        lex |= ls[i].pmask != 0;
                    if (!lex)
                        r = R_KEEP;
                }
                /* ... and so does a paragraph cut short: a block of CUT_MIN or more tokens
                 * that ends in an ellipsis, with no other long line so cut (CUT_NEAR tokens)
                 * within CUT_GAP blocks, as a list of teasers has, and no phrase of three or
                 * more words or of a strong class, is the article's text that the page
                 * cut (a paywall, "the whole article is in our print issue"). */
                if (r != R_KEEP && b < end && (bl[b].flags & F_ELLIPSIS) &&
                    bl[b].toks >= CUT_MIN) {
                    int other = 0;
                    for (size_t q = b >= CUT_GAP ? b - CUT_GAP : 0; q < nb && q <= b + CUT_GAP; q++)
                        other |= q != b && (bl[q].flags & F_ELLIPSIS) && bl[q].toks >= CUT_NEAR;
                    for (uint32_t i = bl[b].first; i <= bl[b].last; i++)
                        other |= ls[i].smask != 0 || (ls[i].pmask & STRONG_CLASSES);
                    if (!other)
                        r = R_KEEP;
                }
            }
            if (!bl[b].hard && bl[b].cls == 2)
                good_before += (float)bl[b].clen;
            for (uint32_t i = bl[b].first; i <= bl[b].last; i++)
                reason[i] = (uint8_t)r;
        }
    }
    /* A bulleted list inside the best span (a run of LIST_RUN_MIN or more bulleted lines of at
     * most LABEL_MAX tokens, each right below the last) of which the model kept at least half
     * the items stays whole: its items are alike, and a short one ("Heavy", "Lasts longer")
     * scores low only for its length and its neighbours (a pros and cons list between
     * headings, whose kept items then fell out when the output was cleaned again). */
    for (size_t b = bs; b < be && b < end;) {
        size_t e = b, kept = 0;
        while (e < be && e < end && !bl[e].hard && bl[e].first == bl[e].last &&
               (bl[e].flags & F_BULLET) && bl[e].toks <= LABEL_MAX &&
               (e == b || bl[e].first == bl[e - 1].last + 1)) {
            kept += reason[bl[e].first] == R_KEEP;
            e++;
        }
        if (e - b >= LIST_RUN_MIN && kept * 2 >= e - b)
            for (size_t q = b; q < e; q++)
                if (reason[bl[q].first] == R_LOW)
                    reason[bl[q].first] = R_KEEP;
        b = e > b ? e : b + 1;
    }
    /* Prose right below an author line above the article span opens an article: a short
     * article on a page whose longest run of text is something else (the messages of a
     * sign-in dialog, a list of other stories).  It stays; hard-rule lines between the two
     * (a date line, a share row) are passed over. */
    for (size_t b = 0; b < bs; b++) {
        if (bl[b].hard != R_BYLINE)
            continue;
        for (size_t q = b + 1; q < nb && q <= b + BYLINE_GAP; q++) {
            if (bl[q].hard)
                continue;
            if (bl[q].z1 >= T_GOOD && bl[q].toks >= BYLINE_PROSE)
                for (uint32_t i = bl[q].first; i <= bl[q].last; i++)
                    reason[i] = R_KEEP;
            break;
        }
    }
    /* A "related" label alone on its line ("Read also:", "Leggi anche:") names what comes
     * next: the run of headlines below it, bulleted or not, are its links (pictures and
     * form fields between them are passed over); without a colon ("Related stories") only
     * a run of bulleted ones, since a heading may follow "Read more".  Such a link is
     * hard-rule boilerplate from here on, so no later rule takes it for a heading. */
    for (size_t b = 0; b + 1 < nb; b++) {
        const bp_lstat *st = &ls[bl[b].first];
        if (bl[b].hard != R_PHRASE + C_RELATED || bl[b].first != bl[b].last ||
            st->toks > RELATED_LABEL_MAX)
            continue;
        size_t q = b + 1;
        while (q < nb && bl[q].hard == R_ARTEFACT)
            q++;
        int bullets = q < nb && (bl[q].flags & F_BULLET);
        if (!bullets && !(st->flags & F_COLON))
            continue; /* "Read more" above a heading */
        for (; q < nb; q++) {
            const bp_block *k = &bl[q];
            if (k->hard || k->first != k->last || k->toks < RELATED_LINK_MIN ||
                k->toks > LABEL_MAX_RELATED || (k->flags & (F_TERM | F_COLON)) ||
                !(k->flags & F_BULLET) != !bullets)
                break;
            reason[k->first] = R_PHRASE + C_RELATED;
            bl[q].hard = R_PHRASE + C_RELATED;
        }
    }
    /* A short line that is no sentence and scores as not prose on its own (a button or a
     * menu entry: "Buch bestellen", "Einfach"; a date, a link, a rating, a teaser headline)
     * stays inside the article span only when kept text follows it right away (a heading,
     * a lead-in such as "Now, therefore,").  From the last block back, so the text that
     * follows a line is already decided (a run of such lines goes whole, as it would when
     * the output is cleaned again). */
    for (size_t b = nb; b-- > 0;) {
        const bp_block *k = &bl[b];
        size_t q = b + 1;
        while (q < nb && bl[q].hard == R_BYLINE)
            q++;
        if (reason[k->first] != R_KEEP || k->hard || k->toks > LOW_LINE_MAX ||
            k->z1 >= (k->toks <= 3 ? Z_WORDS : Z_LINE) || (k->flags & (F_TERM | F_COLON)) ||
            k->first != k->last || (q < nb && reason[bl[q].first] == R_KEEP))
            continue;
        reason[k->first] = R_LOW;
    }
    /* A menu: a run of MENU_RUN or more lines of at most three words each (or removed
     * ones), MENU_LEXICON or more of them navigation, share, legal or account words; its
     * kept lines go too ("Aktuell", "Kameras" between "Menu" and "Facebook"). */
    for (size_t b = 0; b < nb;) {
        size_t e = b;
        int lex = 0;
        while (e < nb && (bl[e].hard || (bl[e].toks <= 3 && bl[e].first == bl[e].last &&
                                         !(bl[e].flags & (F_TERM | F_COLON))))) {
            int h = bl[e].hard;
            lex += h == R_PHRASE + C_NAV || h == R_PHRASE + C_SHARE ||
                   h == R_PHRASE + C_LEGAL || h == R_PHRASE + C_NEWSLETTER;
            e++;
        }
        if (e - b >= MENU_RUN && lex >= MENU_LEXICON)
            for (size_t q = b; q < e; q++)
                if (!bl[q].hard && reason[bl[q].first] == R_KEEP)
                    reason[bl[q].first] = R_LOW;
        b = e > b ? e : b + 1;
    }
    /* Headlines after the last kept article paragraph (of TEASER_PARA characters or more),
     * with nothing else kept after them and removed text still to come, are teasers of other
     * articles ("Liberman: Both parties are to blame"); the document's own last lines are
     * not (a closing line of a charter). */
    {
        size_t lastgood = nb, run = 0;
        for (size_t b = nb; b-- > 0;)
            if (reason[bl[b].first] == R_KEEP && !bl[b].hard && bl[b].cls == 2 &&
                bl[b].clen >= TEASER_PARA) {
                lastgood = b;
                break;
            }
        if (lastgood < nb) {
            size_t lastkept = lastgood;
            for (size_t b = lastgood + 1; b < nb; b++)
                if (reason[bl[b].first] == R_KEEP) {
                    run += headline_like(&bl[b]) ? 1 : 100;
                    lastkept = b;
                }
            if (run >= TEASER_RUN && run < 100 && lastkept + 1 < nb)
                for (size_t b = lastgood + 1; b < nb; b++)
                    if (reason[bl[b].first] == R_KEEP)
                        for (uint32_t i = bl[b].first; i <= bl[b].last; i++)
                            reason[i] = R_LOW;
        }
    }
    /* An author's bio after the article: a line of two to four capitalised words (a name)
     * and a paragraph that opens with the name's first or last word ("Jane Doe" / "Jane is
     * a reporter ...", "Doe writes about ...") in the last BIO_TAIL of the article text.
     * A name has no word written in camel case: "MediaWiki Configuration" over "MediaWiki
     * comes with ...", "HubSpot Sales Pricing" are a product's section headings. */
    {
        float gb = 0.0f;
        for (size_t b = 0; b < nb; b++) {
            const bp_block *k = &bl[b];
            if (b > 0 && !k->hard && reason[k->first] == R_KEEP &&
                good_total - gb <= BIO_TAIL * good_total && k->toks <= BIO_MAX) {
                /* (a follow row may sit between the name and the bio; a name may hold a
                 * word that is a stop word elsewhere: "Meg" in Norwegian) */
                size_t hb = b - 1;
                while (hb > 0 && b - hb <= BIO_GAP && bl[hb].hard)
                    hb--;
                const bp_block *h = &bl[hb];
                const bp_lstat *st = &ls[h->first];
                if (h->first == h->last && !h->hard && st->toks >= 2 && st->toks <= 4 &&
                    st->title == st->toks &&
                    (st->stop_any == 0 || (dc.lang >= 0 && lang_hits(st, dc.lang) == 0)) &&
                    !(st->flags & (F_TERM | F_COLON | F_BULLET)) &&
                    bio_of((const unsigned char *)doc + lines[h->first].off, lines[h->first].len,
                           (const unsigned char *)doc + lines[k->first].off,
                           lines[k->first].len)) {
                    for (uint32_t i = h->first; i <= k->last; i++)
                        if (!(ls[i].flags & F_BLANK) && reason[i] == R_KEEP)
                            reason[i] = R_PHRASE + C_SELFDESC;
                }
            }
            if (!k->hard && k->cls == 2)
                gb += (float)k->clen;
        }
    }
    /* Headings: a short line directly followed by kept article prose stays (a title, a
     * section heading), wherever it is; an author line between them does not count
     * ("Title" / "By Jane Doe" / prose). */
    int chain = 0;
    for (size_t b = nb; b-- > 1;) {
        size_t q = b;
        while (q + 1 < nb && bl[q].hard == R_BYLINE)
            q++;
        const bp_block *nx = &bl[q];
        bp_block *hd = &bl[b - 1];
        const bp_lstat *h = &ls[hd->first];
        int rescued = chain > 0;
        chain = 0;
        if (reason[nx->first] != R_KEEP || reason[hd->first] == R_KEEP ||
            !(nx->cls == 2 || nx->clen >= 100 || (rescued && nx->clen < 100)))
            continue;
        if (hd->hard || hd->first != hd->last || h->toks == 0 || h->toks > 20 ||
            (h->flags & (F_TERM | F_BULLET | F_ELLIPSIS | F_LINKISH)) || h->dates || h->times ||
            comma_list((const unsigned char *)doc + lines[hd->first].off, lines[hd->first].len))
            continue;
        reason[hd->first] = R_KEEP;
        chain = rescued ? 0 : 1; /* a title above a section heading, not more */
    }
    /* A title above a picture: a headline (as above) over at most PICTURE_GAP pictures and
     * captions, one of them with a picture credit, and kept article text right below them
     * heads that text ("Robot draws blood" / [photo] / "The prototype." / "Photo: Jane
     * Doe" / prose). */
    for (size_t b = 1; b < nb; b++) {
        const bp_block *nx = &bl[b];
        if (reason[nx->first] != R_KEEP || nx->hard ||
            !(nx->cls == 2 || nx->clen >= 100 || (nx->toks >= 10 && (nx->flags & F_TERM))))
            continue;
        size_t q = b, pics = 0, credits = 0;
        /* (a caption may stay as text when its credit has a line of its own below it) */
        while (q > 0 && pics <= PICTURE_GAP &&
               (bl[q - 1].hard == R_ARTEFACT || bl[q - 1].hard == R_PHRASE + C_COPYRIGHT ||
                bl[q - 1].caption ||
                (!bl[q - 1].hard && bl[q].hard == R_PHRASE + C_COPYRIGHT &&
                 bl[q - 1].first == bl[q - 1].last && bl[q - 1].toks <= CREDIT_MAX))) {
            q--;
            pics++;
            credits += bl[q].hard == R_PHRASE + C_COPYRIGHT;
        }
        if (q == 0 || !credits || pics > PICTURE_GAP)
            continue;
        /* (the title's own line: the last one of lines taken for a wrapped paragraph, a
         * title below its section and date line) */
        const bp_block *hd = &bl[q - 1];
        uint32_t t = hd->last;
        const bp_lstat *h = &ls[t];
        /* (a sentence-like line: some stop word, no lexicon phrase, not opening in lower
         * case; "Share to Facebook", "chevron_left Browse All Posts" are no titles) */
        const unsigned char *w;
        if (reason[t] == R_KEEP || hd->hard || h->toks < 3 || h->toks > 20 ||
            (h->flags & (F_TERM | F_BULLET | F_ELLIPSIS | F_LINKISH)) || h->dates || h->times ||
            h->stop_any == 0 || h->covered || h->lead ||
            !first_word((const unsigned char *)doc + lines[t].off, lines[t].len, &w) ||
            (*w >= 'a' && *w <= 'z') ||
            comma_list((const unsigned char *)doc + lines[t].off, lines[t].len))
            continue;
        /* A headline right below its date line ("11.14.2019 09:00 AM", "1 day ago") is the
         * page's own title, which extractors' gold leaves out (scrapinghub). */
        if (hd->first == hd->last && q >= 2) {
            const bp_lstat *a = &ls[bl[q - 2].last];
            if (a->dates || a->times || (a->flags & F_AGO))
                continue;
        }
        reason[t] = R_KEEP;
    }
    /* The top of the document: up to TOP_TITLES short title-like lines right above the
     * first kept block stay (a title, a subtitle, the first section's heading: "CHARTER",
     * "Preamble" above "Whereas ..."). */
    {
        size_t fk = 0;
        while (fk < nb && reason[bl[fk].first] != R_KEEP)
            fk++;
        int titles = fk < nb && fk > 0 && fk <= TOP_TITLES;
        for (size_t b = 0; titles && b < fk; b++) {
            const bp_lstat *h = &ls[bl[b].first];
            if (bl[b].hard || bl[b].first != bl[b].last || h->toks == 0 || h->toks > 20 ||
                (h->flags & (F_TERM | F_BULLET | F_ELLIPSIS | F_LINKISH)) || h->dates || h->times)
                titles = 0;
        }
        for (size_t b = 0; titles && b < fk; b++)
            reason[bl[b].first] = R_KEEP;
    }

    /* Past the article: a block after the best span that lies in no span and comes after
     * TAIL_GAP or more removed blocks is no part of the article, whatever kept it (a comment
     * policy, a disclaimer, a teaser's lead after the footer menus); one right after the
     * span's end may still close the article. */
    {
        size_t gap = 0;
        for (size_t b = be; b < nb; b++) {
            if (reason[bl[b].first] != R_KEEP) {
                gap++;
                continue;
            }
            if (!bl[b].inspan && gap >= TAIL_GAP)
                for (uint32_t i = bl[b].first; i <= bl[b].last; i++)
                    reason[i] = R_OUTSIDE;
        }
    }

    /* An author box: a short line that opens with the name on the page's author line
     * ("Jane Doe", "Jane Doe Portrait" above her bio, where "By Jane Doe" heads the article)
     * is the author's, not the article's.  The first AUTHOR_LINES author lines are looked
     * at, so a page of author lines costs linear time. */
    for (size_t b = 0, seen = 0; b < nb && seen < AUTHOR_LINES; b++) {
        size_t from = 0, to;
        if (bl[b].hard == R_BYLINE)
            seen++;
        if (bl[b].hard != R_BYLINE ||
            !(to = author_name((const unsigned char *)doc + lines[bl[b].first].off,
                               lines[bl[b].first].len, &from)))
            continue;
        const char *name = doc + lines[bl[b].first].off + from;
        size_t len = to - from;
        for (size_t q = 0; q < nb; q++) {
            const bp_block *k = &bl[q];
            if (k->hard || k->first != k->last || reason[k->first] != R_KEEP ||
                k->toks > AUTHOR_BOX)
                continue;
            const char *t = doc + lines[k->first].off;
            size_t tn = lines[k->first].len, j = 0;
            while (j < tn && (t[j] == ' ' || t[j] == '\t'))
                j++;
            if (tn - j >= len && memcmp(t + j, name, len) == 0 &&
                (tn - j == len || t[j + len] == ' ' || t[j + len] == '\r'))
                reason[k->first] = R_PHRASE + C_SELFDESC;
        }
    }

    /* A list item's next line: an indented line that opens in lower case right below a kept
     * line without final punctuation continues that line's sentence ("2. The chapter on
     * ... in the book" / "   entitled Beautiful Programs.") and goes or stays with it. */
    for (size_t i = 1; i < n; i++) {
        const bp_lstat *st = &ls[i], *up = &ls[i - 1];
        const unsigned char *w;
        if (reason[i] == R_KEEP || reason[i] > R_AFTER || !(st->flags & F_INDENT) ||
            (st->flags & (F_BLANK | F_BULLET)) || st->toks > CONT_MAX ||
            reason[i - 1] != R_KEEP || (up->flags & (F_BLANK | F_TERM | F_COLON)) ||
            !first_word((const unsigned char *)doc + lines[i].off, lines[i].len, &w) ||
            !(*w >= 'a' && *w <= 'z'))
            continue;
        reason[i] = R_KEEP;
    }

    /* A lede above the author line: where the article's first kept paragraph sits below a
     * header of at most HEADER_GAP blocks with an author line (the author's name, "By Jane
     * Doe", a date, a share row), the line of prose right above that header is the
     * article's lede ("Title" / "Lede ..." / "By Jane Doe" / "3 May" / "Share" / prose). */
    {
        size_t fk = 0;
        while (fk < nb && (reason[bl[fk].first] != R_KEEP || bl[fk].hard))
            fk++;
        size_t q = fk, gap = 0;
        int byl = 0;
        while (fk < nb && q > 0 && gap <= HEADER_GAP &&
               (bl[q - 1].hard || bl[q - 1].toks <= 4 || ls[bl[q - 1].last].dates ||
                ls[bl[q - 1].last].times)) {
            q--;
            /* (a row of lines with no blank line between them counts once: a share row) */
            gap += q + 1 >= fk || bl[q + 1].first > bl[q].last + 1;
            byl |= bl[q].hard == R_BYLINE;
        }
        if (fk < nb && bl[fk].cls == 2 && q > 0 && byl && gap <= HEADER_GAP) {
            const bp_block *ld = &bl[q - 1];
            const bp_lstat *st = &ls[ld->first];
            const unsigned char *w;
            if (ld->first == ld->last && reason[ld->first] != R_KEEP && st->toks >= LEDE_MIN &&
                st->toks <= CREDIT_MAX && st->stop_any >= 2 && !st->covered &&
                !(st->flags & (F_BULLET | F_LINKISH | F_COLON | F_ELLIPSIS)) &&
                first_word((const unsigned char *)doc + lines[ld->first].off,
                           lines[ld->first].len, &w) &&
                !(*w >= 'a' && *w <= 'z') && q >= 2) {
                /* ... below its title: a lone headline right above a headline-like line
                 * is the page's title (which scrapinghub's gold leaves out), not a lede */
                const bp_block *tt = &bl[q - 2];
                const bp_lstat *ts = &ls[tt->first];
                if (tt->first == tt->last && !tt->hard && reason[tt->first] != R_KEEP &&
                    ts->toks >= 4 && ts->toks <= 20 && !ts->covered &&
                    !(ts->flags & (F_TERM | F_BULLET | F_LINKISH | F_COLON | F_ELLIPSIS)) &&
                    (float)st->toks >= 0.8f * (float)ts->toks)
                    reason[ld->first] = R_KEEP;
            }
        }
    }

    /* A listing inside the article: a run of CODE_LINES or more lines without a blank
     * between them, every one scored as not prose or a line of bare punctuation ("}," of a
     * data listing), with kept text right above and right below it (blank lines apart), is
     * a piece of code or data the article shows, not page furniture. */
    for (size_t i = 0; i < n;) {
        if (ls[i].flags & F_BLANK) {
            i++;
            continue;
        }
        size_t e = i, low = 0;
        int ok = 1;
        while (e < n && !(ls[e].flags & F_BLANK)) {
            low += reason[e] == R_LOW;
            ok &= (reason[e] == R_KEEP || reason[e] == R_LOW ||
                   (reason[e] == R_ARTEFACT && ls[e].letters == 0 && ls[e].digits == 0)) &&
                  !(ls[e].flags & (F_BRACKETED | F_ARTEFACT | F_BULLET | F_AGO));
            e++;
        }
        size_t above = i, below = e;
        while (above > 0 && (ls[above - 1].flags & F_BLANK))
            above--;
        while (below < n && (ls[below].flags & F_BLANK))
            below++;
        if (ok && e - i >= CODE_LINES && 2 * low >= e - i && above > 0 && below < n &&
            reason[above - 1] == R_KEEP && reason[below] == R_KEEP &&
            ls[above - 1].toks >= CODE_PROSE && ls[below].toks >= CODE_PROSE) {
            /* ... written as code: most of its lines hold a bracket, a quote, a colon or
             * an '=', or open with a shell prompt (not a column of line numbers); a
             * comment's header ("2 days ago") is no code */
            size_t code = 0;
            for (size_t k = i; k < e; k++)
                code += code_marks((const unsigned char *)doc + lines[k].off, lines[k].len);
            if (2 * code >= e - i)
                for (size_t k = i; k < e; k++)
                    reason[k] = R_KEEP;
        }
        i = e;
    }

    /* A table of properties: a run of TABLE_ROWS or more lines "Label:   value" whose
     * values start in one column (w3m's rendering of a two-column table: "Region:
     * Napa Valley"), with a kept line of prose (or a kept table) at most TABLE_GAP
     * non-blank lines above it, describes what the article is about; so does its heading,
     * a short line right above it (no blank line between: "Details", "Technical data"). */
    for (size_t i = 0; i < n;) {
        size_t e = i;
        uint32_t col = 0;
        while (e < n) {
            if (reason[e] != R_LOW && reason[e] != R_OUTSIDE)
                break;
            uint32_t c = table_row((const unsigned char *)doc + lines[e].off, lines[e].len);
            if (!c || (col && c != col))
                break;
            col = c;
            e++;
        }
        if (e - i >= TABLE_ROWS) {
            int near = 0;
            for (size_t k = i, seen = 0; k-- > 0 && seen < TABLE_GAP;) {
                if (ls[k].flags & F_BLANK)
                    continue;
                seen++;
                near |= reason[k] == R_KEEP &&
                        (ls[k].toks >= CODE_PROSE ||
                         table_row((const unsigned char *)doc + lines[k].off, lines[k].len));
            }
            if (near) {
                for (size_t k = i; k < e; k++)
                    reason[k] = R_KEEP;
                const bp_lstat *h = i > 0 ? &ls[i - 1] : NULL;
                if (h && reason[i - 1] != R_KEEP && reason[i - 1] <= R_AFTER && h->toks > 0 &&
                    h->toks <= TABLE_HEAD_MAX && !h->covered &&
                    !(h->flags & (F_BLANK | F_TERM | F_BULLET | F_ARTEFACT | F_LINKISH)) &&
                    !table_row((const unsigned char *)doc + lines[i - 1].off, lines[i - 1].len))
                    reason[i - 1] = R_KEEP;
            }
        }
        i = e > i ? e : i + 1;
    }

    /* A list announced by a kept sentence that ends in a colon ("The tour dates:"): the
     * run of two or more short lines right below it (after at most one blank line) is
     * that list. */
    for (size_t i = 0; i + 1 < n; i++) {
        if (reason[i] != R_KEEP || (ls[i].flags & (F_BLANK | F_LABEL)) ||
            !(ls[i].flags & F_COLON) || ls[i].toks < COLON_INTRO_MIN)
            continue;
        size_t a = i + 1;
        if (ls[a].flags & F_BLANK)
            a++;
        size_t e = list_run(ls, reason, doc, lines, n, a, 0);
        if (e == 0)
            continue;
        for (size_t k = a; k < e; k++)
            if (!(ls[k].flags & F_BLANK))
                reason[k] = R_KEEP;
    }

    /* ... and so is one announced by a heading right below the last kept prose ("Tour
     * dates" / "June 9 - Tampa, FL" ...), when each of its lines holds a number (dates,
     * prices, scores: a schedule or a table, not a list of headlines) or a label and its
     * value ("Qualified teams" / "England (Group A): Tenth appearance" ...). */
    for (size_t i = 1; i + 2 < n; i++) {
        const bp_lstat *h = &ls[i];
        if ((reason[i] != R_LOW && reason[i] != R_OUTSIDE) || h->toks < 2 ||
            h->toks > LIST_HEAD_MAX || (h->flags & (F_BLANK | F_TERM | F_COLON | F_BULLET)) ||
            !(ls[i - 1].flags & F_BLANK) || !(ls[i + 1].flags & F_BLANK))
            continue;
        size_t up = i - 1;
        while (up > 0 && (ls[up].flags & F_BLANK))
            up--;
        if (reason[up] != R_KEEP || ls[up].toks < CODE_PROSE)
            continue;
        size_t e = list_run(ls, reason, doc, lines, n, i + 2, 1);
        if (e == 0)
            continue;
        for (size_t k = i; k < e; k++)
            if (!(ls[k].flags & F_BLANK))
                reason[k] = R_KEEP;
    }

    /* An embedded post: an indented attribution line ("— Jane Doe (@janedoe) May 3, 2024",
     * how w3m shows a quoted tweet) and the indented lines of the post right above it are
     * quoted in the article, where the page did not remove them as something else. */
    for (size_t i = 1; i < n; i++) {
        if (!(ls[i].flags & F_INDENT) || !ls[i].dates || (reason[i] != R_LOW &&
            reason[i] != R_OUTSIDE && reason[i] != R_KEEP) ||
            !post_credit((const unsigned char *)doc + lines[i].off, lines[i].len))
            continue;
        size_t a = i;
        while (a > 0 && i - a <= 2 && (ls[a - 1].flags & F_BLANK))
            a--;
        size_t top = a;
        while (top > 0 && (ls[top - 1].flags & F_INDENT) && !(ls[top - 1].flags & F_BLANK) &&
               (reason[top - 1] == R_LOW || reason[top - 1] == R_OUTSIDE ||
                reason[top - 1] == R_KEEP))
            top--;
        if (top == a || (top > 0 && !(ls[top - 1].flags & F_BLANK)))
            continue; /* no post above, or only the end of one */
        reason[i] = R_KEEP;
        for (size_t k = top; k < a; k++)
            reason[k] = R_KEEP;
    }

    /* Never empty a document that had text: keep all but the plainly boilerplate, and if
     * even that is nothing, keep everything. */
    {
        int any = 0, anytext = 0;
        for (size_t i = 0; i < n; i++) {
            if (ls[i].flags & F_BLANK)
                continue;
            anytext = 1;
            if (reason[i] == R_KEEP) {
                any = 1;
                break;
            }
        }
        if (anytext && !any) {
            for (size_t b = 0; b < nb; b++)
                if (!bl[b].hard)
                    for (uint32_t i = bl[b].first; i <= bl[b].last; i++)
                        reason[i] = R_KEEP, any = 1;
            if (!any)
                memset(reason, R_KEEP, n);
        }
    }
    settle_blanks(ls, n, reason);
    return 0;
}
