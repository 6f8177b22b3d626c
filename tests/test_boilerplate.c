/* test_boilerplate.c: unit tests of the boilerplate classifier (src/boilerplate.c).
 * SPDX-License-Identifier: MIT
 *
 * Table-driven: each row is a document, the text it must come out as (the kept lines with
 * their terminators), and why.  Rows with `prior` documents run those through the same
 * classifier first, to test what it learns across documents.  Every text here was written
 * for these tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct bp_case {
    const char *name;
    const char *in;
    const char *want;
    const char *why;
    const char *const *prior; /* NULL-terminated documents classified before `in`, or NULL */
} bp_case;

/* MARK: - Shared text */

/* Prose whose last sentence has no final punctuation. */
#define UNTERM                                                                              \
    "Most people think bees need a field and a farmer, but a small colony can do well on a " \
    "city balcony. The hive sits in a sheltered corner and the bees fly out over the roofs. " \
    "Neighbours were worried at first and now they ask when the next jar will be ready"

#define P1                                                                                  \
    "The harbour authority approved a plan on Tuesday to rebuild the old stone pier, "    \
    "which has been closed to visitors since a winter storm cracked its foundations two " \
    "years ago. Engineers expect the work to take most of next summer."
#define P2                                                                                  \
    "Local fishermen, who have moored their boats at a temporary pontoon since the "       \
    "closure, said they were relieved that the council had finally found the money. "      \
    "Several of them had feared that the pier would be left to crumble into the sea."
#define P3                                                                                  \
    "The new design keeps the original granite facing but adds a steel frame inside the " \
    "structure, and the walkway will be widened so that wheelchair users can reach the "   \
    "end of the pier for the first time in its history."

/* A paragraph cut short with an ellipsis (52 tokens), and a second one. */
#define CUT                                                                                 \
    "In her book about the coast, the historian Jane Roe describes the pier as the heart of " \
    "the town, the place where people met the boats and said goodbye to those who left for "  \
    "the cities. In the old photographs the pier is always full of people waiting for the "   \
    "evening ferry\xE2\x80\xA6"
#define CUT2                                                                                \
    "The ferry company says that its new boats will be quieter and faster than the old ones, " \
    "and that the crossing to the island will take twenty minutes less than it does today, "  \
    "once the harbour has been dredged and the new landing stage at the north end of the "    \
    "pier is\xE2\x80\xA6"

static const char *const footer_docs[] = {
    "Bees in the city\n\nUrban beekeepers say that rooftop hives in the town centre "
    "produced more honey this year than those in the surrounding farmland, and they think "
    "the variety of flowers in parks and gardens is the reason for it.\n\n"
    "Harbourside Weekly is printed in the old mill and posted to every house in the valley.\n",
    "Night trains return\n\nA night train between the two capitals will run again from "
    "the spring, after a gap of more than ten years, and the operator says that the first "
    "months of tickets were sold within a few days of going on sale.\n\n"
    "Harbourside Weekly is printed in the old mill and posted to every house in the valley.\n",
    NULL};

#define SW                                                                                  \
    "Mvua kubwa ilinyesha jana usiku na mto ukafurika karibu na soko la samaki.\n"          \
    "Wavuvi wa kijiji walisema kwamba mashua zao zilikuwa salama na kazi itaendelea "       \
    "kesho asubuhi.\n"                                                                      \
    "Mwalimu wa shule ya msingi aliwaambia wazazi kwamba watoto watarudi darasani wiki "    \
    "ijayo na barabara ya soko itakarabatiwa.\n"                                            \
    "Wakulima wa mpunga wanasema maji ya mto yatasaidia mashamba yao mwaka huu na "         \
    "bei ya mchele itashuka.\n"                                                             \
    "Mzee wa kijiji aliomba serikali ijenge daraja jipya ya mawe karibu na shule ya "       \
    "msingi na soko.\n"

#define ES1                                                                                 \
    "El ayuntamiento ha decidido plantar más de dos mil árboles en las avenidas del centro " \
    "antes del verano, porque las calles sin sombra son cada año más calurosas para los "   \
    "vecinos y los comerciantes."
#define ES2                                                                                 \
    "Los técnicos municipales han elegido especies que necesitan poca agua y que dan una "  \
    "sombra amplia, y el riego se hará por la noche para que se pierda menos por el calor."
#define TR1                                                                                 \
    "Belediye, şehir merkezindeki eski taş köprünün bu yaz yeniden yapılacağını açıkladı "  \
    "ve çalışmaların en az iki yıl süreceğini söyledi. Köprü, geçen kış yaşanan sel "       \
    "nedeniyle bir süredir kullanılamıyordu."
#define TR2                                                                                 \
    "Çarşıdaki esnaf, köprünün kapanmasından bu yana müşterilerin azaldığını ve yeni "      \
    "yapının bir an önce bitmesini istediklerini belirtti. Belediye başkanı da bütçenin "   \
    "hazır olduğunu ve ihale sürecinin başladığını söyledi."

#define BN \
    "আমাদের গ্রামের নদীর উপর একটি নতুন সেতু " \
    "তৈরি করা হবে এবং এই কাজ আগামী মাসে শুরু " \
    "হবে।\n" \
    "গ্রামের মানুষ বলেন যে তারা অনেক দিন ধরে " \
    "এই সেতুর জন্য অপেক্ষা করছেন, কারণ বর্ষার " \
    "সময় নৌকা ছাড়া নদী পার হওয়া যায় না।\n" \
    "স্থানীয় স্কুলের শিক্ষক জানান, সেতু তৈরি " \
    "হলে ছাত্রছাত্রীরা সহজে স্কুলে আসতে পারবে " \
    "এবং তাদের সময়ও কম লাগবে।\n" \
    "তবে কিছু কৃষক মনে করেন যে সেতুর কাজের " \
    "সময় নদীর পাশের জমিতে চাষ করা কঠিন হতে " \
    "পারে।\n"

/* The messages of a sign-in dialog that a page carries hidden: more sentences than a short
 * article has. */
#define SIGNIN_MSGS                                                                         \
    "This email address does not look right: it must contain an at sign and a domain.\n" \
    "There is no account for this email address, or the password is wrong.\n" \
    "Please choose a display name.\n" \
    "The password must be at least eight characters long.\n" \
    "The password must contain at least one capital letter.\n" \
    "The password must contain at least one small letter.\n" \
    "The password must contain at least one digit.\n" \
    "Please agree to the terms of use.\n" \
    "Please agree to the privacy policy.\n" \
    "Sorry, the registration did not work. Please check what you entered.\n" \
    "We have sent you an email with a link to reset your password.\n" \
    "The two passwords you entered are not the same. Please try again.\n" \
    "Something went wrong while resetting your password. Please click the link again.\n" \
    "Welcome! We will send you an email shortly. Please confirm the link in it within a "   \
    "day to finish signing up.\n"                                                           \
    "Your registration is being checked. Please wait a moment until it is done.\n" \
    "Nice to have you here. You can now use every part of your account.\n"

/* MARK: - Cases */

static const bp_case cases[] = {
    {"document_title_above_heading",
     "HARBOUR DISTRICT PLANNING CHARTER\n\nPreamble\nWhereas the harbour belongs to all,\n" P1
     "\n" P2 "\n",
     "HARBOUR DISTRICT PLANNING CHARTER\n\nPreamble\nWhereas the harbour belongs to all,\n" P1
     "\n" P2 "\n",
     "the document's title stays when a kept heading, not prose, comes right below it", NULL},
    {"copyright_sign_inside_a_word",
     P1 "\n\nWhy cafÃ© turned into nonsense on the menu\n\n" P2 "\n",
     P1 "\n\nWhy cafÃ© turned into nonsense on the menu\n\n" P2 "\n",
     "a copyright sign inside a word (mojibake quoted in a heading) marks no copyright line", NULL},
    {"copyright_sign_drawn_as_text",
     P1 "\n\n" P2 "\n\nThe menu board drew its signs as text, \xC2\xA9\xEF\xB8\x8E "
     "\xC2\xAE\xEF\xB8\x8E, beside the prices\n",
     P1 "\n\n" P2 "\n\nThe menu board drew its signs as text, \xC2\xA9\xEF\xB8\x8E "
     "\xC2\xAE\xEF\xB8\x8E, beside the prices\n",
     "a copyright sign with a variation selector (U+FE0E, drawn as text) before another sign "
     "marks no copyright line: what follows the selector decides", NULL},
    {"copyright_sign_with_selector_then_year",
     P1 "\n\n" P2 "\n\n\xC2\xA9\xEF\xB8\x8F 2024 The Harbour Gazette\n",
     P1 "\n\n" P2 "\n",
     "a copyright sign drawn as emoji (U+FE0F) and then a year is a copyright line", NULL},
    {"footer_follow_comment_backtotop",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n\n"
     "Follow us on Twitter, Facebook and Instagram\n\n"
     "Leave a Reply\n\n"
     "Your email address will not be published. Required fields are marked *\n\n"
     "Copyright © 2024 The Harbour Gazette. All rights reserved.\n\n"
     "Back to top\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "social line, comment form, copyright and back-to-top go; the article ends with one newline",
     NULL},
    {"app_pitch_and_author_bio_inside_article",
     "Pier to be rebuilt\n\n" P1 "\n\nGet the app\n\n" P2 "\n\n"
     "Mara Quill is a reporter at the Harbour Gazette. Follow her on Twitter.\n\n" P3 "\n",
     "Pier to be rebuilt\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "an app pitch and an author bio between article paragraphs go", NULL},
    {"headings_between_paragraphs",
     "Pier to be rebuilt\n\n" P1 "\n\nWhat the fishermen say\n\n" P2 "\n\nThe new design\n\n" P3
     "\n",
     "Pier to be rebuilt\n\n" P1 "\n\nWhat the fishermen say\n\n" P2 "\n\nThe new design\n\n" P3
     "\n",
     "short lines followed by article prose are headings and stay", NULL},
    {"short_article_unchanged",
     "\nA short note.\n\nThe meeting moved to Thursday.\n",
     "\nA short note.\n\nThe meeting moved to Thursday.\n",
     "nothing is boilerplate, so every byte stays, blank lines included", NULL},
    {"all_short_lines_not_emptied",
     "flour\neggs\nmilk\nbutter\nsugar\n",
     "flour\neggs\nmilk\nbutter\nsugar\n",
     "a list with no prose at all is kept, never emptied", NULL},
    {"w3m_nav_and_bullets",
     "  • Home\n  • News\n  • Sport\n  • Weather\nSearch [                    ]\n\n"
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "Share this article\n\n  • Facebook\n  • Twitter\n  • Email\n\n"
     "© 2024 The Harbour Gazette\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n",
     "w3m-style menu bullets, a form field and the share list go", NULL},
    {"german_comment_form",
     "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu sanieren, "
     "weil die Pfeiler seit dem letzten Hochwasser Risse zeigen und der Verkehr nur noch "
     "einspurig fließen darf.\n\n"
     "Die Arbeiten sollen im Frühjahr beginnen und werden nach Angaben der Verwaltung etwa "
     "zwei Jahre dauern, in denen Fußgänger eine Behelfsbrücke nutzen können.\n\n"
     "Schreibe einen Kommentar\n\n"
     "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * "
     "markiert\n",
     "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu sanieren, "
     "weil die Pfeiler seit dem letzten Hochwasser Risse zeigen und der Verkehr nur noch "
     "einspurig fließen darf.\n\n"
     "Die Arbeiten sollen im Frühjahr beginnen und werden nach Angaben der Verwaltung etwa "
     "zwei Jahre dauern, in denen Fußgänger eine Behelfsbrücke nutzen können.\n",
     "a German comment form is removed", NULL},
    {"french_comment_form",
     "La mairie a annoncé que la bibliothèque du quartier resterait ouverte le dimanche "
     "pendant tout l’été, pour permettre aux familles de profiter des nouvelles salles de "
     "lecture et du jardin.\n\n"
     "Laisser un commentaire\n\n"
     "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\n",
     "La mairie a annoncé que la bibliothèque du quartier resterait ouverte le dimanche "
     "pendant tout l’été, pour permettre aux familles de profiter des nouvelles salles de "
     "lecture et du jardin.\n",
     "a French comment form is removed", NULL},
    {"spanish_comment_form",
     "El ayuntamiento ha decidido plantar más de dos mil árboles en las avenidas del centro "
     "antes del verano, porque las calles sin sombra son cada año más calurosas para los "
     "vecinos y los comerciantes.\n\n"
     "Deja una respuesta\n\n"
     "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están "
     "marcados con *\n",
     "El ayuntamiento ha decidido plantar más de dos mil árboles en las avenidas del centro "
     "antes del verano, porque las calles sin sombra son cada año más calurosas para los "
     "vecinos y los comerciantes.\n",
     "a Spanish comment form is removed", NULL},
    {"cross_document_footer",
     "Library hours extended\n\nThe town library will stay open until nine in the evening "
     "on weekdays from next month, after a survey found that many readers could only visit "
     "after work.\n\n"
     "Harbourside Weekly is printed in the old mill and posted to every house in the valley.\n",
     "Library hours extended\n\nThe town library will stay open until nine in the evening "
     "on weekdays from next month, after a survey found that many readers could only visit "
     "after work.\n",
     "the same footer sentence in a third document is the publisher's, not the article's",
     footer_docs},
    {"crlf_and_invalid_utf8",
     "Pier rebuilt\r\n\r\n" P1 " \xff\xfe\r\n\r\nBack to top\r\n",
     "Pier rebuilt\r\n\r\n" P1 " \xff\xfe\r\n",
     "CR LF terminators are kept, invalid bytes pass, the back-to-top line goes", NULL},
    {"no_final_newline",
     P1 "\n\n" P2,
     P1 "\n\n" P2,
     "a last line without a terminator stays as it is", NULL},
    {"comment_thread_after_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "3 Comments\n\n"
     "  • harbourwatcher on May 2, 2024 at 4:10 pm said:\n\n"
     "    About time too, the old pier has been an eyesore for as long as I can remember it.\n\n"
     "  • Jenny K on May 2, 2024 at 6:45 pm said:\n\n"
     "    My grandfather fished from that pier every Sunday, so I am glad it will be saved.\n\n"
     "  • oldsalt on May 3, 2024 at 9:02 am said:\n\n"
     "    I hope they keep the benches at the far end where you can watch the boats.\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "three comment headers (\"... said:\") make a comment thread: it ends the article",
     NULL},
    {"byline_under_title",
     "Pier to be rebuilt after storm damage\n\nBy Mara Quill and Tom Reed\n\n" P1 "\n\n" P2
     "\n\nvon Anja Muster am 14. Mai 2014, 15:40 Uhr\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "an author line (a byline word, names, perhaps a date) goes; the title above it stays",
     NULL},
    {"prose_below_author_line",
     "Skip to content\nHome\nNews\nSport\nWeather\nSearch\n\nPier to be rebuilt after storm "
     "damage\n\nBy Mara Quill\n\n" P1 "\n\n3 min\n\nMore from the harbour desk\n\nAbout us\n"
     "Contact\nPrivacy policy\nTerms of use\n\nSign in\n\nPlease enter your email address.\n"
     SIGNIN_MSGS,
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" SIGNIN_MSGS,
     "prose right below an author line opens an article even where a longer run of sentences "
     "(a hidden sign-in dialog, kept as the page's longest text) is elsewhere", NULL},
    {"author_box_repeats_byline_name",
     "Pier to be rebuilt after storm damage\n\nvon Mara Quill\n\n" P1 "\n\n" P2 "\n\n"
     "Mara Quill Portrait\n\nMara Quill\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "short lines that open with the name of the page's author line are the author's box",
     NULL},
    {"author_name_in_longer_line",
     "Pier to be rebuilt after storm damage\n\nBy Mara Quill\n\n" P1 "\n\n"
     "Mara Quill spoke to the harbour master\n\n" P2 "\n\nTom Reed\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "Mara Quill spoke to the harbour master\n\n" P2 "\n\nTom Reed\n\n" P3 "\n",
     "a heading that goes on past the author's name, or another name, stays", NULL},
    {"by_headline_not_byline",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nBy the numbers\n\n" P2
     "\n\nVon der Mole bis zum Leuchtturm\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nBy the numbers\n\n" P2
     "\n\nVon der Mole bis zum Leuchtturm\n\n" P3 "\n",
     "a heading that opens with \"By\" or \"Von\" and a lowercase word is no byline", NULL},
    {"participle_before_byline_word",
     "Pier to be rebuilt after storm damage\n\nPosted by Mara Quill\n\n" P1 "\n\n"
     "Publicado por Ana Ruiz\n\n" P2 "\n\nPubblicato da Marco Rossi\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "an author line may open with a participle before its byline word (\"Posted by\", "
     "\"Publicado por\", and Italian \"da\" only after one)", NULL},
    {"participle_before_lowercase_word",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nWritten by hand in the harbour log\n\n" P2
     "\n\nDa Roma a Napoli in treno\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nWritten by hand in the harbour log\n\n" P2
     "\n\nDa Roma a Napoli in treno\n\n" P3 "\n",
     "a heading with a participle, a byline word and a lowercase word is no author line, nor "
     "is one that opens with Italian \"Da\" alone", NULL},
    {"promotion_opening_a_line",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "Get the latest news straight to your phone with the Harbour Gazette app.\n\n" P2 "\n\n" P3
     "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a short line that opens with an app or newsletter pitch is that pitch, however much of "
     "it the lexicon covers", NULL},
    {"caption_with_picture_credit",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nThe old pier before the storm. "
     "Jane Roe/Getty Images\n\n" P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a short line that ends in a picture credit of two or more words is a caption", NULL},
    {"long_caption_and_byline_credit",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nFishermen mend their nets on the old "
     "pier on a grey morning in the last week before the storm closed it. Jane Roe/Getty "
     "Images\n\n" P2 "\n\nThe pier seen from the lighthouse at low tide in the winter before "
     "the storm. By TOM REED\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a caption of one sentence may run to 40 tokens before its credit, and a last sentence of "
     "a byline and names is a credit too", NULL},
    {"caption_with_credit_after_slash",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nThe harbour wall at dusk / "
     "Shutterstock\n\n" P2 "\n\nThe old pier after the storm / (C) Jane Roe\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a short line whose last words after a slash are capitalised, on a line with a picture "
     "agency's name or a \"(C)\" after the slash, is a caption and its credit", NULL},
    {"credit_label_inside_a_line",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nThe cracked stones of the old pier, "
     "photo: Harbour Office archive\n\n" P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a credit label and a colon inside a short line, with a few words after them, end a "
     "caption", NULL},
    {"caption_twice_with_label_credit",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nGulls wait on the railing of the "
     "closed pier.\n\nGulls wait on the railing of the closed pier.Photo: Jane Roe\n\n" P2
     "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a caption shown twice goes both times when its second copy ends in a credit label",
     NULL},
    {"caption_twice_with_credit_in_brackets",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nGulls wait on the railing of the "
     "closed pier.\n\nGulls wait on the railing of the closed pier. (Jane Roe)\n\n" P2
     "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a caption shown twice goes both times when its second copy adds a credit in brackets "
     "after a space", NULL},
    {"credit_label_before_a_sentence",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nThe mayor brought a photo: it "
     "showed the pier in 1950 when the ferry still called there every day.\n\n" P2 "\n\n" P3
     "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nThe mayor brought a photo: it "
     "showed the pier in 1950 when the ferry still called there every day.\n\n" P2 "\n\n" P3
     "\n",
     "a credit word before a colon that opens a sentence is prose", NULL},
    {"headline_below_related_label",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nSee also:\n\nHarbour cafe opens "
     "again after a long winter\n\n" P2 "\n\nSee also:\n\n  \xe2\x80\xa2 Ferry times change "
     "for the summer season\n  \xe2\x80\xa2 Lighthouse tours sold out within a day\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a \"related\" label alone on its line takes the headline below it, or the run of "
     "bulleted headlines", NULL},
    {"headline_run_and_bullets_below_related_heading",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nRead also:\n\nHarbour cafe opens "
     "again after a long winter\n\nNew ferry timetable starts in May\n\n" P2 "\n\nRelated stories\n\n"
     "  \xe2\x80\xa2 Ferry times change for the summer season\n  \xe2\x80\xa2 Lighthouse tours "
     "sold out within a day\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a \"related\" label takes the whole run of headlines below it, and one without a colon "
     "the bulleted headlines below it", NULL},
    {"sentence_below_related_label",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nSee also:\n\nThe council will "
     "publish the full plans next week.\n\n" P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nThe council will "
     "publish the full plans next week.\n\n" P2 "\n\n" P3 "\n",
     "a sentence below a \"related\" label is prose", NULL},
    {"comment_calls_beyond_english",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nDo\xc5\x82\xc4\x85" "cz do dyskusji\n\n"
     P2 "\n\nBli med i diskusjonen\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "the lexicon's calls to join the comments in Polish and Norwegian", NULL},
    {"phrase_typed_without_accents",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nSiguenos en Mastodon\n\n" P2 "\n\n"
     P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a lexicon phrase matches without its accents (\"siguenos en\" for \"s\xc3\xadguenos en\")",
     NULL},
    {"follow_call_opening_a_line",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nFollow us on Mastodon and Bluesky "
     "for live updates from the harbour works\n\n" P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a short line that opens with a share or follow phrase of two or more words is that call",
     NULL},
    {"promotion_line_is_no_wrapped_paragraph",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The ferry will keep its winter timetable until the work on the pier is done.\n"
     "Follow us on Mastodon and Bluesky for live news of the harbour works\n"
     "The council thanked the volunteers who cleared the beach after the storm.\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The ferry will keep its winter timetable until the work on the pier is done.\n"
     "The council thanked the volunteers who cleared the beach after the storm.\n\n" P3 "\n",
     "a line after a sentence end that is boilerplate on its own breaks lines of one width "
     "into blocks: they are no hard-wrapped paragraph", NULL},
    {"slash_without_credit",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nFerries and buses / Timetables\n\n"
     P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nFerries and buses / Timetables\n\n"
     P2 "\n\n" P3 "\n",
     "a heading with a slash and no credit word is no caption", NULL},
    {"two_sentences_before_byline",
     "Pier to be rebuilt after storm damage\n\n" P1 " By Mara Quill\n\n" P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 " By Mara Quill\n\n" P2 "\n\n" P3 "\n",
     "a paragraph of two sentences is no caption, whatever byline ends it", NULL},
    {"bracketed_paragraph_is_no_alt_text",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n[Photo of the old pier]\n\n"
     "[As the tide comes in, the fishermen carry their nets up the steps, and the harbour "
     "master rings the bell twice to call the last boats home before the storm]\n\n" P2 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "[As the tide comes in, the fishermen carry their nets up the steps, and the harbour "
     "master rings the bell twice to call the last boats home before the storm]\n\n" P2 "\n",
     "a short line in brackets is a picture's alt text; a long one is a paragraph in "
     "brackets, judged as text", NULL},
    {"image_file_name_line",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nold-stone-pier-620x350.jpg\n\n" P2
     "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n",
     "a line that is only an image file name is a picture's alt text", NULL},
    {"teaser_list_with_time_stamps",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "Town hall clock will chime again\n"
     "Volunteers spent the winter repairing the old mechanism.\n"
     "2H ago\n"
     "Ferry timetable changes next month\n"
     "Two early sailings are moving to a later slot.\n"
     "5H ago\n"
     "Lifeboat crew rescues stranded walkers\n"
     "The walkers were cut off by the rising tide near the cliffs.\n"
     "14H ago\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "after the article, headline + sentence + \"2H ago\" repeated is a list of teasers",
     NULL},    {"chance_stop_word_language",
     SW, SW,
     "Swahili has no stop-word list, though \"na\", \"ya\", \"wa\" are stop words of other "
     "languages: its prose must still stay, judged by length and punctuation (a regression "
     "row: these lines stay with or without the distinct-stop-word guard)",
     NULL},
    {"unterminated_prose_between_paragraphs",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" UNTERM "\n\n" P2 "\n\n"
     "Share this article\n\n  \u2022 Facebook\n  \u2022 Twitter\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" UNTERM "\n\n" P2 "\n",
     "a paragraph of several sentences whose last one lost its full stop (a dump that cut a "
     "link off the end) is still prose: its inner sentence ends count for it; the share row "
     "after the article goes",
     NULL},
    {"label_lines",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\nPhoto: Jane Roe / Harbour Gazette\n\n" P2
     "\n\nRead more: Council approves the harbour budget\n\n" P3
     "\n\nTags: harbour, storms, town council, fishing\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a lexicon word and a colon opening a short line label all of it: a photo credit, a "
     "\"read more\" link and a tag list go, and the first two do not split the article",
     NULL},
    {"label_word_then_sentence",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "Photo: the drone pictures taken on Monday show deep cracks running through the old "
     "stone of the pier.\n\n" P2 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "Photo: the drone pictures taken on Monday show deep cracks running through the old "
     "stone of the pier.\n\n" P2 "\n",
     "a line whose rest after \"Photo:\" is a sentence is prose, not a credit", NULL},
    {"label_only_word_in_heading",
     "Pier to be rebuilt\n\n" P1 "\n\nCredit cards at the kiosk\n\n" P2 "\n",
     "Pier to be rebuilt\n\n" P1 "\n\nCredit cards at the kiosk\n\n" P2 "\n",
     "\"credit:\" counts only as a label: a heading that starts with the word stays", NULL},
    {"spanish_labels",
     "Más árboles para el centro\n\n" ES1 "\n\nFoto: Ana Pérez\n\n" ES2
     "\n\nEtiquetas: árboles, ciudad, verano\n",
     "Más árboles para el centro\n\n" ES1 "\n\n" ES2 "\n",
     "a Spanish photo credit and tag line go", NULL},
    {"blog_share_buttons_in_two_languages",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "Weitersagen:\n\n"
     "  \xE2\x80\xA2 Klick, um \xC3\xBC" "ber Mastodon zu teilen (Wird in neuem Fenster "
     "ge\xC3\xB6" "ffnet)\n"
     "  \xE2\x80\xA2 Click to share on Tumblr (Opens in new window)\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "the share buttons a blog carries under each post go, in whatever language", NULL},
    {"list_cut_off_from_the_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "News\nSport\nWeather\nTravel\nFood\nCulture\nPodcasts\nPuzzles\nJobs\nArchive\n"
     "Music\nFilm\nBooks\nGardens\nCars\nHomes\nSchools\nHealth\nMoney\nTides\n\n"
     "  \xE2\x80\xA2 posts that insult other readers or the people in a story;\n"
     "  \xE2\x80\xA2 posts that advertise goods, services or other web sites;\n"
     "  \xE2\x80\xA2 posts written in capital letters from start to end.\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a list after the article span and a long run of removed lines, in no span of its own, "
     "is not the article's (a comment policy below the footer menus)", NULL},
    {"spanish_comment_form",
     "Más árboles para el centro\n\n" ES1 "\n\n" ES2 "\n\nDeja tu comentario\n\n"
     "Cancelar respuesta\n\n"
     "Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que "
     "comente.\n\nEste sitio usa Akismet para reducir el spam.\n",
     "Más árboles para el centro\n\n" ES1 "\n\n" ES2 "\n",
     "a Spanish blog's comment form (its heading, cancel link, consent box and spam notice) "
     "goes", NULL},
    {"bengali_menus",
     "প্রচ্ছদ\nজাতীয়\nরাজনীতি\nখেলা\nবিনোদন\nঅর্থনীতি\nপ্রযুক্তি\nমতামত\n"
     "নদীর উপর নতুন সেতু\n\n" BN "\n"
     "জাতীয়\nরাজনীতি\nখেলা\nবিনোদন\nঅর্থনীতি\nপ্রযুক্তি\n",
     "নদীর উপর নতুন সেতু\n\n" BN,
     "Bengali has a stop-word list: a short page in it is scored in context and its section "
     "menus go", NULL},
    {"unlisted_language_web_page",
     "Mto wafurika karibu na soko\n\n" SW "\n"
     "Habari Za Kitaifa\nHabari Za Kimataifa\nMichezo Na Burudani\nAfrika Mashariki Leo\n"
     "Biashara Na Uchumi\nAfya Na Lishe\nElimu Kwa Wote\nKilimo Cha Kisasa\n"
     "Teknolojia Mpya Leo\nMazingira Na Hali\nUtalii Wa Ndani\nUtamaduni Wetu Leo\n"
     "Maoni Ya Wasomaji\nPicha Za Wiki\nMatukio Ya Wiki\nMikoa Yote Leo\n"
     "Soko La Hisa\nMziki Wa Kizazi\nFilamu Za Wiki\nMpira Wa Miguu\n"
     "Riadha Na Mbio\nMasumbwi Ya Kulipwa\nMashindano Ya Shule\nSafari Za Ndege\n"
     "Kazi Na Ajira\n",
     "Mto wafurika karibu na soko\n\n" SW,
     "a long document in a language without a stop-word list is still scored in context: the "
     "section list after its article goes (a short one keeps all its text)", NULL},
    {"spanish_menu_and_footer_links",
     "Menú principal\nPortada\nMás árboles para el centro\n\n" ES1 "\n\n" ES2
     "\n\nQuiénes somos\nCondiciones de uso\nMapa del sitio\n",
     "Más árboles para el centro\n\n" ES1 "\n\n" ES2 "\n",
     "Spanish menu, account and footer links go as the English and German ones do", NULL},
    {"turkish_capital_dotted_i",
     TR1 "\n\n" TR2 "\n\nİLGİLİ HABERLER\n\n",
     TR1 "\n\n" TR2 "\n",
     "\"İ\" lowercases to \"i\", so an upper-case Turkish \"related news\" heading matches",
     NULL},
    {"vietnamese_capital_credit",
     "Pier to be rebuilt\n\n" P1 "\n\nẢnh: Nguyễn Văn An\n\n" P2 "\n",
     "Pier to be rebuilt\n\n" P1 "\n\n" P2 "\n",
     "Vietnamese capitals (Latin Extended Additional) lowercase, so \"Ảnh:\" is a credit",
     NULL},
    {"related_opening_line_ends_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "More from the harbour desk\n\n"
     "Ferry timetable changes next month\n"
     "Lifeboat crew rescues stranded walkers\n"
     "Town hall clock will chime again\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a short line opening with a \"related\" phrase, followed by headlines after the "
     "article, ends it",
     NULL},
    {"related_box_inside_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "More from the harbour desk\n\n"
     "Ferry timetable changes next month\n"
     "Lifeboat crew rescues stranded walkers\n"
     "Town hall clock will chime again\n\n" P2 "\n\n" P3 "\n\n" UNTERM ".\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "More from the harbour desk\n\n"
     "Ferry timetable changes next month\n"
     "Lifeboat crew rescues stranded walkers\n"
     "Town hall clock will chime again\n\n" P2 "\n\n" P3 "\n\n" UNTERM ".\n",
     "the same box with most of the article after it is a box inside the article, not its "
     "end: the article goes on after it (and the box, between paragraphs, is kept)",
     NULL},
    {"buy_buttons_in_buying_guide",
     "Three kettles we liked\n\n" P1 "\n\nBuy now\n\n" P2 "\n\nBuy now\n\n" P3 "\n\nBuy now\n",
     "Three kettles we liked\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "\"Buy now\" buttons between the items of a buying guide go without cutting it up",
     NULL},
    {"comment_thread_after_tag_line",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "Filed under News\n\n"
     "Post navigation\n\n"
     "Previous post: Ferry timetable changes next month\n\n"
     "Next post: Town hall clock will chime again\n\n"
     "harbourwatcher says:\n\n"
     "May 2, 2024 at 4:10 pm\n\n"
     "About time too. The old pier has been an eyesore for as long as I can remember, and "
     "every winter another piece of the railing falls into the water while the council "
     "argues about who should pay for it. I walked my dog there every morning for twenty "
     "years, and I would like to do it again before my knees give up on me. I hope the "
     "builders keep the old lamps, because they are the best thing about the whole place.\n\n"
     "Jenny K says:\n\n"
     "May 2, 2024 at 6:45 pm\n\n"
     "My grandfather fished from that pier every Sunday.\n\n"
     "oldsalt says:\n\n"
     "May 3, 2024 at 9:02 am\n\n"
     "Keep the benches at the far end.\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a tag heading (\"Filed under ...\") ends the article; the pager and the comment thread "
     "after it go, a long comment included (a regression row: the thread is also looked for "
     "after an earlier end marker, which matters only where its comments score as prose)",
     NULL},
    {"title_above_picture_and_caption",
     "  * Home\n  * Harbour\n  * Weather\n  * Letters\n\nShare on Facebook\n\n"
     "Divers find the old pier weaker than the council feared\n\n[pier]\n"
     "Divers in the water below the cracked pier.\nPhoto: Jane Roe\n\n" P1 "\n\n" P2
     "\n\n" P3 "\n",
     "Divers find the old pier weaker than the council feared\n\n"
     "Divers in the water below the cracked pier.\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a headline over a picture, its caption and the caption's credit heads the article text "
     "below them, where the menus above leave it no other rule to stay by", NULL},
    {"list_item_continued_on_next_line",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nSources\n\n"
     " 1. The harbour authority, minutes of the meeting held in March.\n"
     " 2. A survey of the pier by divers, a chapter in the book\n"
     "    called Under the Pier.\n\nPosted by Jane Roe at 2:33 PM\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nSources\n\n"
     " 1. The harbour authority, minutes of the meeting held in March.\n"
     " 2. A survey of the pier by divers, a chapter in the book\n"
     "    called Under the Pier.\n",
     "an indented line in lower case right below a kept list item without final punctuation "
     "is the rest of that item", NULL},
    {"lede_above_author_header",
     "  * Home\n  * Harbour\n  * Weather\n  * Letters\n\n"
     "Pier to be rebuilt after the winter storm\n\n"
     "The council finds the money for the repair of the old stone pier at last\n\n"
     "Jane Roe\n\nBy Jane Roe\n\n3 May 2024\n\nShare\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "The council finds the money for the repair of the old stone pier at last\n\n" P1
     "\n\n" P2 "\n\n" P3 "\n",
     "the line of prose below the title and above an author's header (name, author line, "
     "date, share row) over the first paragraph is the lede; the title alone stays out",
     NULL},
    {"data_listing_between_paragraphs",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "{\n   \"pier\": \"North Pier\",\n   \"length_m\": 412,\n   \"cracks\": {\n      \"count\": 17\n   },\n}\n\n"
     P2 "\n\n" P3 "\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n"
     "{\n   \"pier\": \"North Pier\",\n   \"length_m\": 412,\n   \"cracks\": {\n      \"count\": 17\n   },\n}\n\n"
     P2 "\n\n" P3 "\n",
     "a listing of data or code between two kept paragraphs (lines of brackets, quotes and "
     "colons, none of them prose) is part of the article", NULL},
    {"embedded_post_after_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "    Finally some good news for the north pier https://t.co/AbCdEf\n\n"
     "    \xE2\x80\x94 Harbour Watch (@harbourwatch) May 3, 2024\n\nShare on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "    Finally some good news for the north pier https://t.co/AbCdEf\n\n"
     "    \xE2\x80\x94 Harbour Watch (@harbourwatch) May 3, 2024\n",
     "a quoted post (indented text, then an indented line of an em dash, a name, a handle "
     "in brackets and a date) is quoted in the article", NULL},
    {"table_of_properties_below_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nFacts\n\n"
     "Length:        412 m\nBuilt:         1871\nMaterial:      granite and oak\n\n"
     "Reopening:     spring\nOwner:         harbour authority\nVisitors:      open daily\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "Length:        412 m\nBuilt:         1871\nMaterial:      granite and oak\n\n"
     "Reopening:     spring\nOwner:         harbour authority\nVisitors:      open daily\n",
     "rows of label, colon and a value in one column below the article (w3m's two-column "
     "table) describe its subject and stay, a second table below the first as well", NULL},
    {"table_with_heading_and_accented_labels",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nPier details\n"
     "Length:        412 m\nCaf\xC3\xA9:          open daily\nFa\xC3\xA7" "ade:        granite\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nPier details\n"
     "Length:        412 m\nCaf\xC3\xA9:          open daily\nFa\xC3\xA7" "ade:        granite\n",
     "a table whose values line up in characters (accented labels take more bytes) is one "
     "table, and its heading right above it goes with it", NULL},
    {"related_box_inside_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nRelated articles\n\n"
     "  \xE2\x80\xA2 Ferry timetable changes next month\n  \xE2\x80\xA2 New bus route to the harbour opens\n"
     "  \xE2\x80\xA2 Lighthouse keepers remember the great storm\n\n"
     P3 "\n\nThe council will meet again in June to approve the final budget.\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3
     "\n\nThe council will meet again in June to approve the final budget.\n",
     "a 'related' heading over a short box of links with two paragraphs of prose below it "
     "is a box inside the article, not its end: the box goes, the paragraphs stay", NULL},
    {"related_box_inside_article_short_paragraphs",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nDon't miss\n\n"
     "Ferry timetable changes next month [VIDEO]\n\nNew bus route to the harbour opens [INSIGHT]\n\n"
     "Lighthouse keepers remember the great storm [NEWS]\n\n"
     "The old stone pier was built in 1871 and it has survived many winter storms since that year.\n\n"
     "The council will meet again in June to approve the final budget.\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The old stone pier was built in 1871 and it has survived many winter storms since that year.\n\n"
     "The council will meet again in June to approve the final budget.\n",
     "a box of links inside the article may be followed by short paragraphs (15 and 10 "
     "tokens): the story goes on after it", NULL},
    {"related_box_then_questions",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nDon't miss\n\n"
     "Ferry timetable changes next month [VIDEO]\n\nNew bus route to the harbour opens [INSIGHT]\n\n"
     "Lighthouse keepers remember the great storm [NEWS]\n\n"
     "How long will the old pier stay closed to visitors and fishing boats this year?\n\n"
     "The council will meet again in June to approve the final budget.\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n",
     "questions after a box of links open a list of questions and answers below the "
     "article, not the story going on", NULL},
    {"author_bio_after_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nJane Roe\n\n"
     "Jane Roe has written about the harbour and its ferries for the weekly paper since she "
     "moved to the town in 2010.\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a name line and a paragraph that opens with the name, at the end of the article, are "
     "the author's bio", NULL},
    {"author_bio_below_follow_row",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nMeg Roe\n\n"
     "Follow us\n\nTwitter\n\nFacebook\n\n"
     "Meg Roe has written about the harbour and its ferries for the weekly paper since she "
     "moved to the town ten years ago. Before that she reported on farming in the valley for "
     "many years. She lives near the old pier with her family. Her two dogs walk the beach "
     "with her every morning.\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a follow row may sit between the author's name and the bio, and a name may hold a "
     "word that is a stop word of another language ('meg' is Norwegian): still the bio", NULL},
    {"product_heading_is_no_author",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3
     "\n\nPierWatch Results\n\nPierWatch is a set of sensors that the engineers fixed to the "
     "old granite to measure how far the cracks have grown since the storm.\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3
     "\n\nPierWatch Results\n\nPierWatch is a set of sensors that the engineers fixed to the "
     "old granite to measure how far the cracks have grown since the storm.\n",
     "a heading that names a product in camel case over a paragraph that opens with that "
     "name is a section of the article, not an author's bio", NULL},
    {"clear_prose_stays_whatever_its_neighbours",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nProgramme of the open day:\n\n"
     "10:00 Welcome\n\nGuided walk on the beach\n\nJane Roe, harbour master\n\nLunch\n\n"
     "Questions and answers\n\nTickets and travel\n\n"
     "The open day is free for everyone who lives in the valley. The council asks visitors "
     "to book a place at the town hall before the end of the month. Buses to the harbour "
     "leave from the station every hour on the day.\n\n"
     "\xE2\x86\x90 Previous post\n\nNext post \xE2\x86\x92\n\nRelated posts\n\n"
     "  \xE2\x80\xA2 Ferry timetable changes next month\n  \xE2\x80\xA2 New bus route to the harbour opens\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nProgramme of the open day:\n\n"
     "Questions and answers\n\nTickets and travel\n\n"
     "The open day is free for everyone who lives in the valley. The council asks visitors "
     "to book a place at the town hall before the end of the month. Buses to the harbour "
     "leave from the station every hour on the day.\n",
     "a paragraph of three sentences that is clear prose on its own stays inside the article "
     "span however short and removed its neighbours are (here the last paragraph, above a "
     "'Previous post' row; the headings above it stay with it)", NULL},
    {"paragraph_cut_short_stays",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "A pier with a history\n\n" CUT "\n\nJane Roe\n\nThe whole article is in our spring issue\n\n"
     "Buy the issue\n\nShare this article\n\nRelated posts\n\n"
     "  \xE2\x80\xA2 Ferry timetable changes next month\n  \xE2\x80\xA2 New bus route to the harbour opens\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "A pier with a history\n\n" CUT "\n",
     "a long paragraph that ends in an ellipsis, alone of its kind, is the article cut short "
     "by the page (the rest is in the print issue), not a teaser; its heading comes with it",
     NULL},
    {"teaser_cut_short_next_to_another_goes",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "A pier with a history\n\n" CUT "\n\nFerries\n\n" CUT2 "\n\nJane Roe\n\n"
     "The whole article is in our spring issue\n\nBuy the issue\n\nShare this article\n\n"
     "Related posts\n\n"
     "  \xE2\x80\xA2 Ferry timetable changes next month\n  \xE2\x80\xA2 New bus route to the harbour opens\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
     "A pier with a history\n\n" CUT "\n",
     "a long line cut short with an ellipsis two blocks from another is one of a list of "
     "teasers and is not brought back (the first stays on the model's own score)", NULL},
    {"list_announced_by_colon",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The works will close the pier on these dates:\n\n"
     "May 3 -- the north walkway and the steps down to the beach\nMay 17 -- the kiosk\n"
     "June 2 -- the whole pier\n\nShare on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The works will close the pier on these dates:\n\n"
     "May 3 -- the north walkway and the steps down to the beach\nMay 17 -- the kiosk\n"
     "June 2 -- the whole pier\n",
     "a kept sentence ending in a colon announces the run of short lines below it: they are "
     "its list, however little prose each line has", NULL},
    {"list_announced_by_colon_blank_lines_apart",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The works will close the pier on these dates:\n\n"
     "May 3 -- the north walkway\n\nMay 17 -- the kiosk\n\nJune 2 -- the whole pier\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The works will close the pier on these dates:\n\n"
     "May 3 -- the north walkway\n\nMay 17 -- the kiosk\n\nJune 2 -- the whole pier\n",
     "in a dump with a blank line between all blocks, a list's items are one blank line "
     "apart: three or more short lines that each hold a number below the colon are its list",
     NULL},
    {"teaser_ending_in_colon_over_title_author_date",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The council also looked at the old ferry terminal, and here is what it decided:\n\n"
     "Ferry terminal to close for the winter\n\nJane Roe\n\nTuesday 3 May 2024\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\n"
     "The council also looked at the old ferry terminal, and here is what it decided:\n",
     "short lines one blank line apart below a colon are no list when they do not each "
     "hold a number (a teaser's title, author and date)", NULL},
    {"schedule_below_heading_after_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nClosing dates\n\n"
     "May 3 - north walkway\nMay 17 - the kiosk\nJune 2 - the whole pier\n\n"
     "Share on Facebook\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nClosing dates\n\n"
     "May 3 - north walkway\nMay 17 - the kiosk\nJune 2 - the whole pier\n",
     "a heading right below the article's last paragraph over a run of short lines that each "
     "hold a number (a schedule) belongs to the article, and so does the schedule", NULL},
    {"indented_page_text",
     "  \xE2\x80\xA2 Home\n  \xE2\x80\xA2 News\n  \xE2\x80\xA2 Sport\n  \xE2\x80\xA2 Weather\n\n"
     "        Pier to be rebuilt after storm damage\n\n        " P1 "\n\n        " P2
     "\n\n        " P3 "\n\n"
     "  \xE2\x80\xA2 Cinema listings\n  \xE2\x80\xA2 Tide tables\n  \xE2\x80\xA2 Contact\n",
     "        Pier to be rebuilt after storm damage\n\n        " P1 "\n\n        " P2
     "\n\n        " P3 "\n",
     "where w3m indents all of a page's prose, its article is not scored as indented (only "
     "lines out of the column of the page's least indented long line are): the article is clear "
     "prose and the menu below it goes", NULL},
    {"spanish_heading_with_del",
     ES1 "\n\nDel campo\n\n" ES2 "\n",
     ES1 "\n\nDel campo\n\n" ES2 "\n",
     "Spanish \"del\" is no Danish or Norwegian share label inside a heading: a one-word "
     "phrase that is another language's stop word counts only as a label (\"Del: ...\")",
     NULL},
    {"lede_above_header_with_share_row",
     "  \xE2\x80\xA2 Home\n  \xE2\x80\xA2 News\n  \xE2\x80\xA2 Sport\n\n"
     "Council finds the money to rebuild the storm-damaged pier\n\n"
     "The old stone pier, closed since a winter storm two years ago, will get a steel frame "
     "and a wider walkway\n\n"
     "Tuesday, 3 May 2024\n\nBy Mara Quill\n\n"
     "  \xE2\x80\xA2 Facebook\n  \xE2\x80\xA2 Twitter\n  \xE2\x80\xA2 WhatsApp\n"
     "  \xE2\x80\xA2 Email\n  \xE2\x80\xA2 Print\n\n"
     "The pier after the storm. Photo: Jane Doe\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "The old stone pier, closed since a winter storm two years ago, will get a steel frame "
     "and a wider walkway\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "the lede above an author's header stays when the header holds a share row: the row's "
     "lines (no blank line between them) count as one part of the header, not five", NULL},
    {"short_lines_before_date_line",
     "Pier to be rebuilt\n\n" P1 "\n\nImage\nPolitics\nHarbour\n3 May 2024 | 12:30\n\n" P2
     "\n\n" P3 "\n",
     "Pier to be rebuilt\n\n" P1 "\n\n" P2 "\n\n" P3 "\n",
     "a run of short lines that are no prose over a removed date line goes whole: each one's "
     "next line is decided before it (from the last back), so the first lines of the run do "
     "not stay because the lines after them were still kept when they were looked at", NULL},
    {"kicker_above_author_line",
     "  \xE2\x80\xA2 Home\n  \xE2\x80\xA2 News\n  \xE2\x80\xA2 Sport\n\n"
     "This story first appeared in the spring issue of our magazine, and we have brought it "
     "up to date for the web.\n\n 1. News\n 2. Harbour\n 3. The pier\n\n"
     "A pier for the next hundred years: part 1\n\nFeatures\nBy Mara Quill\n"
     "published 3 May 2024\n\nThe pier is closed, but not for long.\n\n" P1 "\n\n" P2
     "\n\n" P3 "\n",
     "This story first appeared in the spring issue of our magazine, and we have brought it "
     "up to date for the web.\n\n 1. News\n 2. Harbour\n 3. The pier\n\n"
     "A pier for the next hundred years: part 1\n\nFeatures\n"
     "published 3 May 2024\n\nThe pier is closed, but not for long.\n\n" P1 "\n\n" P2
     "\n\n" P3 "\n",
     "a short line above an author line over kept text (a kicker) is followed by kept text, "
     "as the heading rule counts it, and so is the title above it", NULL},
    {"lexicon_gaps_es_related",
     ES1 "\n\nLe puede interesar: El puerto tendrá un muelle nuevo antes del invierno\n\n" ES2
     "\n",
     ES1 "\n\n" ES2 "\n",
     "a formal Spanish \"related\" label (\"Le puede interesar:\"; the lexicon had only the "
     "informal \"te puede interesar\") heads a teaser, which goes", NULL},
    {"lexicon_gaps_pl_cookie",
     "Rada miasta zdecydowała we wtorek, że stary drewniany most nad rzeką zostanie "
     "odbudowany jeszcze w tym roku, ponieważ od zimy jest zamknięty dla pieszych i "
     "rowerzystów.\n\n"
     "Mieszkańcy okolicznych ulic mówią, że czekali na tę decyzję od wielu miesięcy, a sklepy "
     "przy moście straciły w tym czasie wielu klientów.\n\n"
     "Zapraszamy do regularnych odwiedzin naszej strony. Informujemy, że korzystamy z cookies.\n",
     "Rada miasta zdecydowała we wtorek, że stary drewniany most nad rzeką zostanie "
     "odbudowany jeszcze w tym roku, ponieważ od zimy jest zamknięty dla pieszych i "
     "rowerzystów.\n\n"
     "Mieszkańcy okolicznych ulic mówią, że czekali na tę decyzję od wielu miesięcy, a sklepy "
     "przy moście straciły w tym czasie wielu klientów.\n",
     "a Polish cookie notice (\"korzystamy z cookies\") goes", NULL},
    {"lexicon_gaps_en_signup",
     "Pier to be rebuilt\n\n" P1 "\n\n" P2
     "\n\nSign up to get the week's best stories from the harbour, picked by our editors.\n",
     "Pier to be rebuilt\n\n" P1 "\n\n" P2 "\n",
     "a line that opens with \"Sign up to get\" is a newsletter promotion", NULL},
    {"labelled_list_below_heading_after_article",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nWho builds what\n\n"
     "  \xE2\x80\xA2 North walkway: Harbour Works\n"
     "  \xE2\x80\xA2 Steel frame (inside): Vale Steel\n"
     "  \xE2\x80\xA2 Granite facing: Stone and Sons\n"
     "  \xE2\x80\xA2 The kiosk: the town council\n",
     "Pier to be rebuilt after storm damage\n\n" P1 "\n\n" P2 "\n\nWho builds what\n\n"
     "  \xE2\x80\xA2 North walkway: Harbour Works\n"
     "  \xE2\x80\xA2 Steel frame (inside): Vale Steel\n"
     "  \xE2\x80\xA2 Granite facing: Stone and Sons\n"
     "  \xE2\x80\xA2 The kiosk: the town council\n",
     "a heading right below the article's last paragraph over a run of lines that each hold a "
     "label and its value (no number) belongs to the article, as a schedule does", NULL},
    {"pros_and_cons_list_in_article",
     P1 "\n\n" P2 "\n\nSteel frame\n\nPros\n\n"
     "  \xE2\x80\xA2 Lasts longer\n"
     "  \xE2\x80\xA2 Cheap to repair\n"
     "  \xE2\x80\xA2 Wide walkway\n\nCons\n\n"
     "  \xE2\x80\xA2 Heavy\n"
     "  \xE2\x80\xA2 Rusts near salt water\n\n" P3 "\n",
     P1 "\n\n" P2 "\n\nSteel frame\n\nPros\n\n"
     "  \xE2\x80\xA2 Lasts longer\n"
     "  \xE2\x80\xA2 Cheap to repair\n"
     "  \xE2\x80\xA2 Wide walkway\n\nCons\n\n"
     "  \xE2\x80\xA2 Heavy\n"
     "  \xE2\x80\xA2 Rusts near salt water\n\n" P3 "\n",
     "a list of pros and cons between two paragraphs stays whole: the model kept two of the "
     "three pros, so the third ('Lasts longer') stays too, and with it the headings above",
     NULL},
    {"shell_listing_between_paragraphs",
     P1 "\n\n$ sudo mkdir /usr/src/tide\n$ cd /usr/src\n$ git clone https://example.org/tide.git\n"
     "$ cd tide\n$ make\n\n" P2 "\n",
     P1 "\n\n$ sudo mkdir /usr/src/tide\n$ cd /usr/src\n$ git clone https://example.org/tide.git\n"
     "$ cd tide\n$ make\n\n" P2 "\n",
     "a listing of shell commands (each line opens with a '$ ' prompt) between two paragraphs "
     "is code the article shows: the model kept only its last line",
     NULL},
    {"chance_language_then_footer",
     SW "\nHarbourside Weekly is printed in the old mill and posted to every house in the valley.\n",
     SW "\nHarbourside Weekly is printed in the old mill and posted to every house in the valley.\n",
     "a one-off sentence after prose of a language without a stop-word list is kept: with no "
     "language the classifier keeps what is not plainly boilerplate",
     NULL},
};

/* MARK: - Helpers */

/* Split `text` at LF, CR LF and lone CR into `lines`; returns the number of lines. */
static size_t split_lines(const char *text, size_t n, mojiclean__line *lines)
{
    size_t nl = 0, start = 0, i = 0;
    while (i < n) {
        if (text[i] == '\n' || text[i] == '\r') {
            uint32_t t = (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
            lines[nl].off = (uint32_t)start;
            lines[nl].len = (uint32_t)(i - start);
            lines[nl].term = t;
            nl++;
            i += t;
            start = i;
        } else {
            i++;
        }
    }
    if (start < n) {
        lines[nl].off = (uint32_t)start;
        lines[nl].len = (uint32_t)(n - start);
        lines[nl].term = 0;
        nl++;
    }
    return nl;
}

/* Classify `text` with `bp` and return the kept lines (malloc'd, length in *out_len). */
static char *run_doc(mojiclean__bp *bp, const char *text, size_t *out_len)
{
    size_t n = strlen(text);
    /* exact-size copy, so ASan sees any read past the end */
    char *doc = malloc(n ? n : 1);
    assert_non_null(doc);
    memcpy(doc, text, n);
    mojiclean__line *lines = calloc(n + 1, sizeof *lines);
    uint8_t *reason = calloc(n + 1, 1);
    assert_non_null(lines);
    assert_non_null(reason);
    size_t nl = split_lines(doc, n, lines);
    assert_int_equal(mojiclean__bp_classify(bp, doc, lines, nl, reason), 0);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t o = 0;
    for (size_t i = 0; i < nl; i++) {
        assert_non_null(mojiclean__bp_reason_name(reason[i]));
        if (reason[i] == 0) {
            memcpy(out + o, doc + lines[i].off, lines[i].len + lines[i].term);
            o += lines[i].len + lines[i].term;
        }
    }
    free(doc);
    free(lines);
    free(reason);
    *out_len = o;
    return out;
}

static void run_case(void **state)
{
    const bp_case *row = *state;
    mojiclean__bp *bp = mojiclean__bp_new();
    size_t len;
    assert_non_null(bp);
    for (const char *const *p = row->prior; p && *p; p++)
        free(run_doc(bp, *p, &len));
    char *out = run_doc(bp, row->in, &len);
    if (len != strlen(row->want) || memcmp(out, row->want, len) != 0)
        print_error("%s: %s\n--- got ---\n%.*s--- want ---\n%s", row->name, row->why, (int)len,
                    out, row->want);
    assert_int_equal(len, strlen(row->want));
    assert_memory_equal(out, row->want, len);
    free(out);
    mojiclean__bp_free(bp);
}

/* The cross-document footer is kept in the first documents that carry it: it is only
 * learnt to be boilerplate after it has been seen in several. */
static void test_footer_kept_in_first_document(void **state)
{
    (void)state;
    mojiclean__bp *bp = mojiclean__bp_new();
    size_t len;
    char *out = run_doc(bp, footer_docs[0], &len);
    const char *footer = "Harbourside Weekly is printed";
    int found = 0;
    for (size_t i = 0; i + strlen(footer) <= len; i++)
        if (memcmp(out + i, footer, strlen(footer)) == 0)
            found = 1;
    assert_true(found);
    free(out);
    mojiclean__bp_free(bp);
}

/* Edge cases: no lines at all, only blank lines, a line of nothing but invalid bytes. */
static void test_degenerate_inputs(void **state)
{
    (void)state;
    mojiclean__bp *bp = mojiclean__bp_new();
    uint8_t reason[4] = {9, 9, 9, 9};
    size_t len;
    assert_int_equal(mojiclean__bp_classify(bp, "", NULL, 0, reason), 0);
    char *out = run_doc(bp, "\n\n\n", &len);
    assert_int_equal(len, 3);
    free(out);
    out = run_doc(bp, "\xff\xfe\xfd\xc3\n\x80\x80\n", &len);
    assert_int_equal(len, 8);
    free(out);
    assert_string_equal(mojiclean__bp_reason_name(0), "keep");
    assert_non_null(mojiclean__bp_reason_name(255));
    mojiclean__bp_free(bp);
    mojiclean__bp_free(NULL);
}

int main(void)
{
    enum { NCASES = sizeof cases / sizeof cases[0] };
    struct CMUnitTest tests[NCASES + 2];
    for (size_t i = 0; i < NCASES; i++) {
        memset(&tests[i], 0, sizeof tests[i]);
        tests[i].name = cases[i].name;
        tests[i].test_func = run_case;
        tests[i].initial_state = (void *)&cases[i];
    }
    struct CMUnitTest extra[] = {
        cmocka_unit_test(test_footer_kept_in_first_document),
        cmocka_unit_test(test_degenerate_inputs),
    };
    tests[NCASES] = extra[0];
    tests[NCASES + 1] = extra[1];
    return _cmocka_run_group_tests("boilerplate", tests, NCASES + 2, NULL, NULL);
}
