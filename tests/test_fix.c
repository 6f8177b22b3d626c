/* test_fix.c: unit tests of the mojibake repair, through the public one-shot call.
 * SPDX-License-Identifier: MIT
 *
 * Each row's input was made from its expected text with Python's own codecs (an
 * implementation independent of ours): the text was encoded as UTF-8 and decoded with the
 * code page the row names.  The expected text is the sentence as written by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mojiclean.h>

typedef struct row {
    const char *name;
    const char *in;
    const char *want;
    const char *why;
} row;

/* Damaged text that must be repaired. */
static const row repairs[] = {
    {"cp1252_french", "Le caf\xc3\x83\xc2\xa9 est tr\xc3\x83\xc2\xa8s bon \xc3\x83\xc2\xa0 No\xc3\x83\xc2\xabl.", "Le caf\xc3\xa9 est tr\xc3\xa8s bon \xc3\xa0 No\xc3\xabl.", "UTF-8 read as windows-1252: the textbook case"},
    {"cp1252_quotes", "He said \xc3\xa2\xe2\x82\xac\xc5\x93hello\xc3\xa2\xe2\x82\xac\xc2\x9d \xc3\xa2\xe2\x82\xac\xe2\x80\x9d it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s fine.", "He said \xe2\x80\x9chello\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s fine.", "three-byte punctuation; the closing quote's 0x9D kept as U+009D"},
    {"cp1251_russian", "\xd0\xa0\xd1\x9f\xd0\xa1\xd0\x82\xd0\xa0\xd1\x91\xd0\xa0\xd0\x86\xd0\xa0\xc2\xb5\xd0\xa1\xe2\x80\x9a, \xd0\xa0\xd1\x98\xd0\xa0\xd1\x91\xd0\xa1\xd0\x82!", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80!", "UTF-8 Russian read as windows-1251"},
    {"cp1252_russian", "\xc3\x90\xc5\xb8\xc3\x91\xe2\x82\xac\xc3\x90\xc2\xb8\xc3\x90\xc2\xb2\xc3\x90\xc2\xb5\xc3\x91\xe2\x80\x9a, \xc3\x90\xc2\xbc\xc3\x90\xc2\xb8\xc3\x91\xe2\x82\xac!", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80!", "UTF-8 Russian read as windows-1252"},
    {"koi8r_russian", "\xd0\xbf\xe2\x95\x91\xd0\xbf\xe2\x95\xa3\xd0\xbf\xd0\x81\xd0\xbf\xe2\x95\xac\xd0\xbf\xe2\x95\xa2\xd0\xbf\xe2\x95\xab\xd1\x8f\xe2\x96\x90 \xd1\x8f\xe2\x94\x98\xd0\xbf\xe2\x95\xac\xd1\x8f\xe2\x94\x80\xd0\xbf\xe2\x95\xac\xd1\x8f\xe2\x94\xac\xd0\xbf\xe2\x95\x9f\xd1\x8f\xe2\x96\x90 \xd0\xbf\xc2\xa9\xd0\xbf\xe2\x95\xac\xd0\xbf\xd0\x81\xd0\xbf\xe2\x95\xac\xd0\xbf\xe2\x95\xa2\xd0\xbf\xe2\x95\x9f", "\xd0\xa1\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xbd\xd1\x8f \xd1\x85\xd0\xbe\xd1\x80\xd0\xbe\xd1\x88\xd0\xb0\xd1\x8f \xd0\xbf\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xb0", "UTF-8 Russian read as KOI8-R"},
    {"macroman_swedish", "Jag \xe2\x88\x9a\xc2\xa7r h\xe2\x88\x9a\xc2\xa7r p\xe2\x88\x9a\xe2\x80\xa2 s\xe2\x88\x9a\xe2\x88\x82ndag", "Jag \xc3\xa4r h\xc3\xa4r p\xc3\xa5 s\xc3\xb6ndag", "UTF-8 Swedish read as Mac Roman"},
    {"cp437_german", "Gr\xe2\x94\x9c\xe2\x95\x9d\xe2\x94\x9c\xc6\x92""e aus K\xe2\x94\x9c\xe2\x95\xa2ln", "Gr\xc3\xbc\xc3\x9f""e aus K\xc3\xb6ln", "UTF-8 German read as code page 437"},
    {"cp1250_polish", "Za\xc4\xb9\xc4\xbd\xc4\x82\xc5\x82\xc4\xb9\xe2\x80\x9a\xc3\x84\xe2\x80\xa1 g\xc3\x84\xe2\x84\xa2\xc4\xb9\xe2\x80\xbal\xc3\x84\xe2\x80\xa6 ja\xc4\xb9\xc5\x9f\xc4\xb9\xe2\x80\x9e", "Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85 ja\xc5\xba\xc5\x84", "UTF-8 Polish read as windows-1250"},
    {"cp1253_greek", "\xce\x9e\xc2\x9a\xce\x9e\xc2\xb1\xce\x9e\xc2\xbb\xce\x9e\xc2\xb7\xce\x9e\xce\x8c\xce\x9e\xc2\xad\xce\x9f\xc2\x81\xce\x9e\xc2\xb1 \xce\x9e\xce\x8a\xce\x9f\xc2\x8c\xce\x9f\xc6\x92\xce\x9e\xce\x8c\xce\x9e\xc2\xb5", "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1 \xce\xba\xcf\x8c\xcf\x83\xce\xbc\xce\xb5", "UTF-8 Greek read as windows-1253, undefined bytes as C1 (WHATWG)"},
    {"cp874_mixed_quotes", "The \xe0\xb9\x82\xe2\x82\xac\xc5\x93""Ascend\xe0\xb9\x82\xe2\x82\xac\xc2\x9d platform\xe0\xb9\x82\xe2\x82\xac\xe2\x84\xa2s launch", "The \xe2\x80\x9c""Ascend\xe2\x80\x9d platform\xe2\x80\x99s launch", "windows-874 where it defines a byte, windows-1252 elsewhere (the seed article's damage)"},
    {"double_cp1252", "na\xc3\x83\xc6\x92\xc3\x82\xc2\xafve \xc3\x83\xc2\xa2\xc3\xa2\xe2\x80\x9a\xc2\xac\xc3\x85\xe2\x80\x9cquotes\xc3\x83\xc2\xa2\xc3\xa2\xe2\x80\x9a\xc2\xac\xc3\x82\xc2\x9d", "na\xc3\xafve \xe2\x80\x9cquotes\xe2\x80\x9d", "two layers of windows-1252"},
    {"latin1_c1_leftovers", "l\xc3\xa2\xc2\x80\xc2\x99\xc3\x83\xc2\xa9t\xc3\x83\xc2\xa9", "l\xe2\x80\x99\xc3\xa9t\xc3\xa9", "latin-1 leaves C1 controls (U+0080-U+009F) for the quote bytes"},
    {"thai_cp874", "\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x8a\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x87\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x91\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x8a\xe0\xb9\x80\xe0\xb8\x98\xe2\x80\x9d\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x95\xe0\xb9\x80\xe0\xb8\x98\xc2\x84\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x83\xe0\xb9\x80\xe0\xb8\x98\xe0\xb8\x91\xe0\xb9\x80\xe0\xb8\x98\xc2\x9a", "\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x94\xe0\xb8\xb5\xe0\xb8\x84\xe0\xb8\xa3\xe0\xb8\xb1\xe0\xb8\x9a", "UTF-8 Thai read as windows-874"},
    {"nbsp_became_space", "Il est l\xc3\x83  \xc3\x83  midi.", "Il est l\xc3\xa0 \xc3\xa0 midi.", "à = C3 A0: its A0 became NBSP and then a plain space"},
    {"entities_hide_mojibake", "caf&Atilde;&copy;", "caf\xc3\xa9", "character references spelling windows-1252 mojibake"},
    {"lost_9d_before_space", "\xe0\xb9\x82\xe2\x82\xac\xc5\x93hi\xe0\xb9\x82\xe2\x82\xac there", "\xe2\x80\x9chi\xe2\x80\x9d there", "the 0x9D of ” undefined in both tables and dropped: restore ” and keep the space"},
    {"raw_1252_in_utf8", "Le caf\xe9 est tr\xe8s bon, Stra\xdf" "e", "Le caf\xc3\xa9 est tr\xc3\xa8s bon, Stra\xc3\x9f" "e",
     "raw windows-1252 bytes (E9, E8, DF) between letters in otherwise UTF-8 text are transcoded"},
    {"reference_outside_repair", "caf&Atilde;&copy;&Atilde;.", "caf\xc3\xa9\xc3\x83.",
     "a line whose mojibake was escaped is decoded whole: the trailing &Atilde; is the A-tilde it names"},
    {"escaped_line_decoded_whole", "&Atilde;&copy;t&Atilde;&copy; &quot;chaud&quot; &amp;amp; s&#233;v&egrave;re",
     "\xc3\xa9t\xc3\xa9 \"chaud\" & s\xc3\xa9v\xc3\xa8re",
     "the mojibake was HTML-escaped after the damage, so every reference in the line is an escape: "
     "&quot; is a quote, &amp;amp; (escaped twice) one ampersand, &#233; and &egrave; their letters"},
    {"escaped_question_mark_is_lost_byte", "&acirc;&euro;&#339;hi&acirc;&euro;&#63;",
     "\xe2\x80\x9chi\xe2\x80\x9d",
     "&#63; decodes to '?', which stands for the lost 9D of the closing quote (judged after decoding)"},
    /* Lost bytes the character model cannot tell: the word table (src/words.inc) decides. */
    {"lost_byte_word_qmark", "\xc3\x90\xc2\xa0\xc3\x91\xc6\x92\xc3\x91\x3f\xc3\x91\x3f\xc3\x90\xc2\xba\xc3\x90\xc2\xb8\xc3\x90\xc2\xb9 \xc3\x91\x3f\xc3\x90\xc2\xb7\xc3\x91\xe2\x80\xb9\xc3\x90\xc2\xba",
     "\xd0\xa0\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9 \xd1\x8f\xd0\xb7\xd1\x8b\xd0\xba",
     "the 81 of \xd1\x81 and the 8F of \xd1\x8f, undefined in windows-1252, became '?': \xd1\x81, \xd1\x8d, \xd1\x8f, \xd1\x90 and \xd1\x9d read alike to the "
     "character model, and only one reading of each word is a known word"},
    {"lost_byte_word_dropped", "\xc3\xa0\xc2\xa4\xc2\xb9\xc3\xa0\xc2\xa4\xc2\xbf\xc3\xa0\xc2\xa4\xc2\xa8\xc3\xa0\xc2\xa5\xc3\xa0\xc2\xa4\xc2\xa6\xc3\xa0\xc2\xa5\xe2\x82\xac \xc3\xa0\xc2\xa4\xc2\xad\xc3\xa0\xc2\xa4\xc2\xbe\xc3\xa0\xc2\xa4\xc2\xb7\xc3\xa0\xc2\xa4\xc2\xbe",
     "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80 \xe0\xa4\xad\xe0\xa4\xbe\xe0\xa4\xb7\xe0\xa4\xbe",
     "the 8D of the virama dropped: virama (E0 A5 8D) and vowel sign u (E0 A5 81) read alike; only the virama makes a known word"},
    {"lost_byte_word_final", "\xc3\xa0\xc2\xae\xc2\xae\xc3\xa0\xc2\xae\xc2\xa9\xc3\xa0\xc2\xae\xc2\xbf\xc3\xa0\xc2\xae\xc2\xa4 \xc3\xa0\xc2\xae\xe2\x80\xb0\xc3\xa0\xc2\xae\xc2\xb0\xc3\xa0\xc2\xae\xc2\xbf\xc3\xa0\xc2\xae\xc2\xae\xc3\xa0\xc2\xaf\xcb\x86\xc3\xa0\xc2\xae\xe2\x80\xa2\xc3\xa0\xc2\xae\xc2\xb3\xc3\xa0\xc2\xaf",
     "\xe0\xae\xae\xe0\xae\xa9\xe0\xae\xbf\xe0\xae\xa4 \xe0\xae\x89\xe0\xae\xb0\xe0\xae\xbf\xe0\xae\xae\xe0\xaf\x88\xe0\xae\x95\xe0\xae\xb3\xe0\xaf\x8d",
     "a Tamil virama's 8D dropped at the end of the line: the word ends where the run does"},
    {"macroman_increment", "Ng\xe2\x88\x86\xe2\x88\x9e\xc2\xb7\xc2\xaa\xc3\xb9i Vi\xc2\xb7\xc2\xaa\xc3\xa1t th\xe2\x88\x86\xe2\x88\x9e\xe2\x88\x86\xc2\xb0ng nhau nh\xe2\x88\x86\xe2\x88\x9e anh em.",
     "Ng\xc6\xb0\xe1\xbb\x9di Vi\xe1\xbb\x87t th\xc6\xb0\xc6\xa1ng nhau nh\xc6\xb0 anh em.",
     "Vietnamese read as Mac OS Roman by Apple's table (Python's mac_roman): C6 is U+2206, not iconv's U+0394"},
    {"quoted_repair", "He wrote \xe2\x80\x9cM\xc3\x83\xc2\xbcller\xe2\x80\x9d on the form.",
     "He wrote \xe2\x80\x9cM\xc3\xbcller\xe2\x80\x9d on the form.",
     "a quoted word is repaired when the line does not also hold its repaired form"},
    {"nbsp_word_eaten", "Chegamos \xc3\x83 s tr\xc3\x83\xc2\xaas horas da tarde.",
     "Chegamos \xc3\xa0s tr\xc3\xaas horas da tarde.",
     "à (C3 A0) whose A0 became a space: the word table knows Portuguese \"às\", so the space went with the A0"},
    {"nbsp_word_kept", "Et voil\xc3\x83 le h\xc3\x83\xc2\xa9ros de la f\xc3\x83\xc2\xaate.",
     "Et voil\xc3\xa0 le h\xc3\xa9ros de la f\xc3\xaate.",
     "the same after a word: \"voilàle\" is no word and \"voilà\" is one, so the space stays"},
    {"nbsp_word_elision", "Il commence \xc3\x83 s'\xc3\x83\xc2\xa9loigner de la f\xc3\x83\xc2\xaate.",
     "Il commence \xc3\xa0 s'\xc3\xa9loigner de la f\xc3\xaate.",
     "an apostrophe after the letters (French s') makes them a word of their own, though \"às\" is known"},
    {"lost_byte_fffd_word", "\xc3\x90\xc2\xa0\xc3\x91\xc6\x92\xc3\x91\xef\xbf\xbd\xc3\x91\xef\xbf\xbd\xc3\x90\xc2\xba\xc3\x90\xc2\xb8\xc3\x90\xc2\xb9 \xc3\x91\xef\xbf\xbd\xc3\x90\xc2\xb7\xc3\x91\xe2\x80\xb9\xc3\x90\xc2\xba",
     "\xd0\xa0\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9 \xd1\x8f\xd0\xb7\xd1\x8b\xd0\xba",
     "\"Русский язык\" with the 0x81 of both с and the 0x8F of я written as U+FFFD: each could be "
     "any of с/я/ё/ђ..., and only one reading makes a known word (ftfy writes U+FFFD there)"},
};

/* Legitimate text that must pass unchanged (traps for a careless repairer). */
static const row keeps[] = {
    {"french_guillemets", "\xc2\xab un caf\xc3\xa9\xc2\xa0\xc2\xbb", "\xc2\xab un caf\xc3\xa9\xc2\xa0\xc2\xbb",
     "e-acute, NBSP, guillemet re-encode to E9 A0 BB, valid UTF-8 for a CJK ideograph"},
    {"russian_caps_yo", "\xd0\x92\xd0\xa1\xd0\x81 \xd0\xa5\xd0\x9e\xd0\xa0\xd0\x9e\xd0\xa8\xd0\x9e",
     "\xd0\x92\xd0\xa1\xd0\x81 \xd0\xa5\xd0\x9e\xd0\xa0\xd0\x9e\xd0\xa8\xd0\x9e",
     "\"ВСЁ ХОРОШО\": С Ё are D1 A8 in windows-1251, a valid UTF-8 sequence"},
    {"portuguese_caps", "S\xc3\x83O PAULO E A IRM\xc3\x83 DELE", "S\xc3\x83O PAULO E A IRM\xc3\x83 DELE",
     "capital A-tilde followed by a space is Portuguese, not a lost no-break space"},
    {"ampersand_entity", "Fish &amp; Chips &eacute;t&eacute;", "Fish &amp; Chips &eacute;t&eacute;",
     "references that hide no mojibake stay as written"},
    {"markup_keeps_references", "<b>caf&Atilde;&copy; &amp; cr&egrave;me</b>",
     "<b>caf\xc3\xa9 &amp; cr&egrave;me</b>",
     "in a line with markup only the mojibake is replaced; &amp; and &egrave; would change the markup's meaning"},
    {"json_keeps_references", "{\"t\": \"caf&Atilde;&copy; &quot;x&quot;\"}",
     "{\"t\": \"caf\xc3\xa9 &quot;x&quot;\"}",
     "in a JSON line a decoded &quot; would end the string"},
    {"thai_plain", "\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x94\xe0\xb8\xb5 \xe0\xb9\x80\xe0\xb8\x82\xe0\xb8\x95",
     "\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x94\xe0\xb8\xb5 \xe0\xb9\x80\xe0\xb8\x82\xe0\xb8\x95",
     "Thai whose windows-874 bytes (E0 A2 B5 for the second word) are valid UTF-8"},
    {"curly_quotes_english", "\xe2\x80\x9cIt\xe2\x80\x99s fine,\xe2\x80\x9d she said \xe2\x80\x94 na\xc3\xafve caf\xc3\xa9s.",
     "\xe2\x80\x9cIt\xe2\x80\x99s fine,\xe2\x80\x9d she said \xe2\x80\x94 na\xc3\xafve caf\xc3\xa9s.",
     "correct typography is not touched: no quote straightening, no NFC"},
    {"nbsp_bullet_byline", "Jane Doe \xc2\xa0\xe2\x80\xa2\xc2\xa0 Nov 18", "Jane Doe \xc2\xa0\xe2\x80\xa2\xc2\xa0 Nov 18",
     "a by-line with no-break spaces round a bullet: in mac-roman NBSP + bullet are CA A5, valid UTF-8 for an IPA letter"},
    {"invalid_bytes", "a \xff\xfe b\xc3 c\xed\xa0\x80 d", "a \xff\xfe b\xc3 c\xed\xa0\x80 d",
     "invalid UTF-8 that is not plainly windows-1252 text passes through byte for byte"},
    {"crlf_kept", "caf\xc3\xa9\r\nna\xc3\xafve\r\n", "caf\xc3\xa9\r\nna\xc3\xafve\r\n",
     "CR LF line ends are kept"},
    {"caps_ellipsis_portuguese", "ELA DISSE: MINHA IRM\xc3\x83\xe2\x80\xa6 E FOI EMBORA.",
     "ELA DISSE: MINHA IRM\xc3\x83\xe2\x80\xa6 E FOI EMBORA.",
     "a word in capitals ending in Ã before an ellipsis: read as \"ã…\" it is ordinary text, not Å + a lost no-break space"},
    {"caps_ellipsis_french", "L\xe2\x80\x99H\xc3\x94TEL DE LA GARE EST FERM\xc3\x89\xe2\x80\xa6 POUR TOUJOURS.",
     "L\xe2\x80\x99H\xc3\x94TEL DE LA GARE EST FERM\xc3\x89\xe2\x80\xa6 POUR TOUJOURS.",
     "É + … is C9 85, valid UTF-8 for the IPA letter Ʌ: in a word in capitals it is \"é…\""},
    {"layered_caps_ellipsis", "TOUT EST FERM\xc3\x83\xc2\x89\xc3\xa2\xc2\x80\xc2\xa6",
     "TOUT EST FERM\xc3\x89\xe2\x80\xa6",
     "legitimate \"FERMÉ…\" under one latin-1 layer: the outer layer goes, and what it uncovers is judged as a line of its own (it stays, not \"FERMɅ\")"},
    {"layered_dash_infinity", "prix 2012\xc3\xa2\xc2\x80\xc2\x94\xc3\xa2\xc2\x88\xc2\x9e",
     "prix 2012\xe2\x80\x94\xe2\x88\x9e",
     "em dash + infinity under one latin-1 layer: E2 80 94 E2 88 9E read again would be \"Ѱ\"; the inner layer alone gains too little"},
    {"layered_one_token", "Le caf\xc3\x83\xc6\x92\xc3\x82\xc2\xa9 est pr\xc3\x83\xc6\x92\xc3\x82\xc2\xaat",
     "Le caf\xc3\xa9 est pr\xc3\xaat",
     "two real windows-1252 layers with two tokens: the inner layer pays for itself"},
    {"hyphen_lost_qmark",
     "\xc3\x90\xc2\xad\xc3\x91\xe2\x80\x9a\xc3\x90\xc2\xbe \xc3\x90\xc2\xb1\xc3\x91\xe2\x80\xb9\xc3\x90\xc2\xbb\xc3\x90\xc2\xb8 \xc3\x90\xc2\xb2\xc3\x90\xc2\xbe\xc3\x90\xc2\xb5\xc3\x90\xc2\xbd\xc3\x90\xc2\xbd\xc3\x90\xc2\xbe\xc3\xa2\xe2\x82\xac?\xc3\x90\xc2\xb2\xc3\x90\xc2\xbe\xc3\x90\xc2\xb7\xc3\x90\xc2\xb4\xc3\x91\xc6\x92\xc3\x91\xcb\x86\xc3\x90\xc2\xbd\xc3\x91\xe2\x80\xb9\xc3\x90\xc2\xb5 \xc3\x90\xc2\xb2\xc3\x90\xc2\xbe\xc3\x90\xc2\xb9\xc3\x91?\xc3\x90\xc2\xba\xc3\x90\xc2\xb0, \xc3\xa2\xe2\x82\xac\xc5\x93\xc3\x90\xc2\xbb\xc3\x91\xc6\x92\xc3\x91\xe2\x80\xa1\xc3\x91\xcb\x86\xc3\x90\xc2\xb8\xc3\x90\xc2\xb5\xc3\xa2\xe2\x82\xac? \xc3\x90\xc2\xb2 \xc3\x90\xc2\xbc\xc3\x90\xc2\xb8\xc3\x91\xe2\x82\xac\xc3\x90\xc2\xb5.",
     "\xd0\xad\xd1\x82\xd0\xbe \xd0\xb1\xd1\x8b\xd0\xbb\xd0\xb8 \xd0\xb2\xd0\xbe\xd0\xb5\xd0\xbd\xd0\xbd\xd0\xbe\xe2\x80\x90\xd0\xb2\xd0\xbe\xd0\xb7\xd0\xb4\xd1\x83\xd1\x88\xd0\xbd\xd1\x8b\xd0\xb5 \xd0\xb2\xd0\xbe\xd0\xb9\xd1\x81\xd0\xba\xd0\xb0, \xe2\x80\x9c\xd0\xbb\xd1\x83\xd1\x87\xd1\x88\xd0\xb8\xd0\xb5\xe2\x80\x9d \xd0\xb2 \xd0\xbc\xd0\xb8\xd1\x80\xd0\xb5.",
     "E2 80 90 (hyphen U+2010) with its 90 lost as '?' between two Cyrillic letters: the hyphen, not a closing quotation mark; the ” before a space stays ”, and войска's lost 81 is с by the word table"},
    {"soft_lost_byte_word",
     "\xc3\x90\xc2\xa0\xc3\x90\xc2\xbe\xc3\x91\xef\xbf\xbd\xc3\x91\xe2\x80\x9a \xc3\x91\xef\xbf\xbd\xc3\x90\xc2\xba\xc3\x90\xc2\xbe\xc3\x90\xc2\xbd\xc3\x90\xc2\xbe\xc3\x90\xc2\xbc\xc3\x90\xc2\xb8\xc3\x90\xc2\xba\xc3\x90\xc2\xb8 \xc3\x91\xef\xbf\xbd\xc3\x91\xe2\x80\x9a\xc3\x90\xc2\xbe\xc3\x90\xc2\xb9 \xc3\x91\xef\xbf\xbd\xc3\x91\xe2\x80\x9a\xc3\x91\xe2\x82\xac\xc3\x90\xc2\xb0\xc3\x90\xc2\xbd\xc3\x91\xe2\x80\xb9 \xc3\x90\xc2\xb1\xc3\x91\xe2\x80\xb9\xc3\x90\xc2\xbb \xc3\x90\xc2\xb2\xc3\x91\xe2\x80\xb9\xc3\x91\xef\xbf\xbd\xc3\x90\xc2\xbe\xc3\x90\xc2\xba\xc3\x90\xc2\xb8\xc3\x90\xc2\xbc.",
     "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x82 \xd1\x8d\xd0\xba\xd0\xbe\xd0\xbd\xd0\xbe\xd0\xbc\xd0\xb8\xd0\xba\xd0\xb8 \xd1\x8d\xd1\x82\xd0\xbe\xd0\xb9 \xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd1\x8b \xd0\xb1\xd1\x8b\xd0\xbb \xd0\xb2\xd1\x8b\xd1\x81\xd0\xbe\xd0\xba\xd0\xb8\xd0\xbc.",
     "Cyrillic with D1's second byte lost (U+FFFD): the model prefers с (D1 81) over э (D1 8D) at a word start, but \"скономики\", \"стой\" are no words and \"экономики\", \"этой\" are"},
    {"quoted_letters", "Die Noten \xe2\x80\x9e\xc3\x84\xe2\x80\x9c und \xe2\x80\x9e\xc3\x96\xe2\x80\x9c fehlen.",
     "Die Noten \xe2\x80\x9e\xc3\x84\xe2\x80\x9c und \xe2\x80\x9e\xc3\x96\xe2\x80\x9c fehlen.",
     "Ä“ is C4 93, UTF-8 for ē; but its “ closes the „ before it: a quoted letter, not „ē"},
    {"quote_mark_in_repair", "M\xc3\xb3wi\xc5\x82 \xe2\x80\x9eko\xc3\x85\xe2\x80\x9e\xe2\x80\x9d i wyszed\xc5\x82, bo Zarz\xc3\x84\xe2\x80\xa6" "d tak chcia\xc3\x85\xe2\x80\x9a.",
     "M\xc3\xb3wi\xc5\x82 \xe2\x80\x9eko\xc5\x84\xe2\x80\x9d i wyszed\xc5\x82, bo Zarz\xc4\x85" "d tak chcia\xc5\x82.",
     "Å„ (ń) reads a „ inside a quotation the ” after it closes: the repair breaks no pair"},
    {"lost_lead_byte",
     "\xce\xa0\xe2\x80\x93\xce\xa0\xc2\xb0\xef\xbf\xbd\xc2\xa3\xce\xa0\xc2\xb0 \xef\xbf\xbd\xe2\x80\x9c\xce\xa0\xce\x88\xce\xa0\xce\x8c\xce\xa0\xc2\xb0\xce\xa1\xe2\x82\xac\xce\xa0\xc2\xb0\xce\xa1\xe2\x80\x9a \xef\xbf\xbd\xe2\x80\xba\xce\xa0\xc2\xb0\xce\xa0\xc2\xbb\xce\xa0\xc2\xb0\xce\xa0\xc2\xbd\xce\xa1\xe2\x80\xb9\xef\xbf\xbd\xc2\xa3 \xce\xa0\xce\x8e\xce\xa1\xe2\x82\xac\xce\xa1\xe2\x80\x9a\xce\xa0\xc2\xb0\xce\xa0\xc2\xbb\xce\xa1\xe2\x80\xb9\xef\xbf\xbd\xe2\x80\x9c\xce\xa1\xe2\x80\xb9\xce\xa0\xc2\xbd\xce\xa0\xce\x84\xce\xa0\xc2\xb0 \xce\xa1\xe2\x80\x9a\xef\xbf\xbd\xc2\xb1\xce\xa1\xe2\x82\xac.",
     "\xd0\x96\xd0\xb0\xd2\xa3\xd0\xb0 \xd2\x93\xd0\xb8\xd0\xbc\xd0\xb0\xd1\x80\xd0\xb0\xd1\x82 \xd2\x9b\xd0\xb0\xd0\xbb\xd0\xb0\xd0\xbd\xd1\x8b\xd2\xa3 \xd0\xbe\xd1\x80\xd1\x82\xd0\xb0\xd0\xbb\xd1\x8b\xd2\x93\xd1\x8b\xd0\xbd\xd0\xb4\xd0\xb0 \xd1\x82\xd2\xb1\xd1\x80.",
     "Kazakh read as windows-1253, which leaves D2 undefined (U+FFFD): D2 is the lead of ғ қ ң ұ, and the only undefined lead of the page"},
    {"caps_lowercase_repair", "Tot ce a spus a fost ACAS\xc4\x82\xc2\xa0",
     "Tot ce a spus a fost ACAS\xc4\x82\xc2\xa0",
     "Romanian \"ACASĂ\" and a no-break space: C3 A0 under windows-1250 would be \"à\", a lowercase letter at the end of a word in capitals"},
    {"caps_sharp_s", "VIELE GR\xc3\x83\xc5\x93\xc3\x83\xc5\xb8" "E AUS K\xc3\x83\xe2\x80\x93LN",
     "VIELE GR\xc3\x9c\xc3\x9f" "E AUS K\xc3\x96LN",
     "ß is written inside capitals (its capital ẞ is rare): it pays no case cost"},
    {"caps_nbsp", "DAS LAND DER BERGE GR\xc3\x84\xc2\xa0" "ENDET HIER",
     "DAS LAND DER BERGE GR\xc3\x84\xc2\xa0" "ENDET HIER",
     "a capital and a no-break space inside capitals: \"Ä\" + A0 is C4 A0, UTF-8 for \"Ġ\", but judged in lowercase the two read as text"},
    {"increment_sign", "The change \xe2\x88\x86\xc2\xb0 in temperature was small.",
     "The change \xe2\x88\x86\xc2\xb0 in temperature was small.",
     "an increment sign before a degree sign, in a line with no other mac-roman damage: C6 A1 would be Vietnamese ơ"},
    {"quoted_mention", "Seen in old e-mails: \xe2\x80\x9cM\xc3\x83\xc2\xbcller\xe2\x80\x9d instead of \xe2\x80\x9cM\xc3\xbcller\xe2\x80\x9d.",
     "Seen in old e-mails: \xe2\x80\x9cM\xc3\x83\xc2\xbcller\xe2\x80\x9d instead of \xe2\x80\x9cM\xc3\xbcller\xe2\x80\x9d.",
     "a sentence about mojibake quotes it beside its repaired form, which it also holds"},
    {"quoted_mention_guillemets", "Le titre \xc2\xab d\xc3\x83\xc2\xa9j\xc3\x83  vu \xc2\xbb devait \xc3\xaatre \xc2\xab d\xc3\xa9j\xc3\xa0 vu \xc2\xbb.",
     "Le titre \xc2\xab d\xc3\x83\xc2\xa9j\xc3\x83  vu \xc2\xbb devait \xc3\xaatre \xc2\xab d\xc3\xa9j\xc3\xa0 vu \xc2\xbb.",
     "the same with French spacing, a quotation of two words, and a lost no-break space"},
};

/* Run one row through mojiclean_clean() with the input in an exact-size heap buffer, so
 * that ASan sees any read past its end. */
static void check_row(const row *r) {
    size_t n = strlen(r->in);
    char *in = malloc(n ? n : 1);
    assert_non_null(in);
    memcpy(in, r->in, n);
    char *out = NULL;
    size_t out_len = 0;
    mojiclean_error err;
    int rc = mojiclean_clean(in, n, MOJICLEAN_FIX | MOJICLEAN_ENTITIES, &out, &out_len, &err);
    free(in);
    assert_int_equal(rc, 0);
    if (out_len != strlen(r->want) || memcmp(out, r->want, out_len) != 0)
        print_error("%s (%s)\n  got:  %.*s\n  want: %s\n", r->name, r->why, (int)out_len, out,
                    r->want);
    assert_int_equal(out_len, strlen(r->want));
    assert_memory_equal(out, r->want, out_len);
    free(out);
}

static void test_row(void **state) { check_row((const row *)*state); }

/* Repairing repaired text changes nothing. */
static void test_idempotent(void **state) {
    const row *r = *state;
    char *once = NULL, *twice = NULL;
    size_t n1 = 0, n2 = 0;
    unsigned f = MOJICLEAN_FIX | MOJICLEAN_ENTITIES;
    assert_int_equal(mojiclean_clean(r->in, strlen(r->in), f, &once, &n1, NULL), 0);
    assert_int_equal(mojiclean_clean(once, n1, f, &twice, &n2, NULL), 0);
    assert_int_equal(n1, n2);
    assert_memory_equal(once, twice, n1);
    free(once);
    free(twice);
}

/* Without MOJICLEAN_FIX the same inputs come back unchanged. */
static void test_no_fix(void **state) {
    const row *r = *state;
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(mojiclean_clean(r->in, strlen(r->in), 0, &out, &n, NULL), 0);
    assert_int_equal(n, strlen(r->in));
    assert_memory_equal(out, r->in, n);
    free(out);
}

/* Events: each repair is reported with its input offset, the text before and after, and
 * the code pages that explain it; one byte at a time gives the same events. */
typedef struct seen_events {
    int n;
    char log[1024];
} seen_events;

static void on_event(const mojiclean_event *ev, void *ctx) {
    seen_events *se = ctx;
    size_t used = strlen(se->log);
    snprintf(se->log + used, sizeof se->log - used, "%d@%llu:%.*s>%.*s(%s);", ev->kind,
             (unsigned long long)ev->offset, (int)ev->before_len, ev->before,
             (int)ev->after_len, ev->after, ev->why);
    se->n++;
}

static void test_events(void **state) {
    (void)state;
    /* "caf" (3 bytes) + "Ã©" (4) at byte 3, CR LF (2), "He said " (8), so "â€œ" (7) at
     * byte 17, "hi" (2), so "â€\x9d" at byte 26. */
    const char *in = "caf\xc3\x83\xc2\xa9\r\nHe said \xc3\xa2\xe2\x82\xac\xc5\x93hi"
                     "\xc3\xa2\xe2\x82\xac\xc2\x9d.\n";
    const char *want = "1@3:\xc3\x83\xc2\xa9>\xc3\xa9(windows-1252);"
                       "1@17:\xc3\xa2\xe2\x82\xac\xc5\x93>\xe2\x80\x9c(windows-1252);"
                       "1@26:\xc3\xa2\xe2\x82\xac\xc2\x9d>\xe2\x80\x9d(windows-1252);";
    for (size_t chunk = 1; chunk <= 64; chunk += 63) {
        seen_events se = {0, ""};
        mojiclean *mc = mojiclean_new(MOJICLEAN_FIX, NULL);
        assert_non_null(mc);
        mojiclean_set_events(mc, on_event, &se);
        char buf[256];
        size_t n = strlen(in);
        for (size_t pos = 0; pos < n; pos += chunk) {
            mojiclean_in mi = {in + pos, n - pos < chunk ? n - pos : chunk, 0};
            while (mi.pos < mi.size) {
                mojiclean_out mo = {buf, sizeof buf, 0};
                assert_true(mojiclean_feed(mc, &mi, &mo, NULL) >= 0);
            }
        }
        mojiclean_out mo = {buf, sizeof buf, 0};
        while (mojiclean_finish(mc, &mo, NULL) > 0)
            mo.pos = 0;
        mojiclean_free(mc);
        assert_int_equal(se.n, 3);
        assert_string_equal(se.log, want);
    }
}

#define NREP (sizeof repairs / sizeof repairs[0])
#define NKEEP (sizeof keeps / sizeof keeps[0])

int main(void) {
    struct CMUnitTest tests[3 * NREP + NKEEP + 1];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest){.name = "events", .test_func = test_events};
    for (size_t i = 0; i < NREP; i++)
        tests[n++] = (struct CMUnitTest){.name = repairs[i].name, .test_func = test_row,
                                         .initial_state = (void *)&repairs[i]};
    for (size_t i = 0; i < NKEEP; i++)
        tests[n++] = (struct CMUnitTest){.name = keeps[i].name, .test_func = test_row,
                                         .initial_state = (void *)&keeps[i]};
    for (size_t i = 0; i < NREP; i++)
        tests[n++] = (struct CMUnitTest){.name = "idempotent", .test_func = test_idempotent,
                                         .initial_state = (void *)&repairs[i]};
    for (size_t i = 0; i < NREP; i++)
        tests[n++] = (struct CMUnitTest){.name = "no_fix", .test_func = test_no_fix,
                                         .initial_state = (void *)&repairs[i]};
    return _cmocka_run_group_tests("fix", tests, n, NULL, NULL);
}
