#pragma once
// Free text as people type it: UTF-8, limited by characters rather than bytes, and
// cleaned by one rule wherever it enters (CleanText).
#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "platform/core/errors.h"

namespace platform {

// The characters (code points) in well-formed UTF-8 `utf8`: what a length limit a
// worker is told about counts. "Siân" is 4 characters, 5 bytes.
size_t CharacterCount(absl::string_view utf8);

// Empty or only ASCII white space.
bool IsBlank(absl::string_view text);

// What a text field holds, which decides whether it may have line breaks and tabs.
enum class TextKind {
  // Names, references, codes, accounts: one line, compared and searched.
  kSingleLine,
  // Summaries, notes, outcomes, reasons: prose, with line breaks (LF) and tabs.
  kMultiLine,
};

// The one rule for free text entering from a request. Returns the text to store;
// when `in` breaks the rule, adds one violation naming `field` and the rule (with
// the first offending code point and its position, counted in characters from 1)
// and returns `in` unchanged (nothing is written when there is a violation).
//
// Refused everywhere:
//  - bytes that are not well-formed UTF-8 (overlong forms, surrogates, truncation);
//  - control characters: C0 (U+0000-U+001F) but for TAB and line breaks in
//    multi-line text, DEL (U+007F) and C1 (U+0080-U+009F). They are invisible, end
//    strings in C, drive terminals (ESC) and split log lines and CSV exports;
//  - bidirectional embeddings, overrides and isolates (U+202A-U+202E,
//    U+2066-U+2069): they reorder what is displayed, so a record can show one name
//    and hold another (CVE-2021-42574, "Trojan Source");
//  - the line and paragraph separators U+2028 and U+2029: a line break is LF;
//  - unassigned code points and noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...):
//    they mean nothing yet, and Unicode's normalisation stability covers assigned
//    characters only, so their NFC form could change under a later ICU.
// Refused in single-line text too:
//  - line breaks (LF, CR) and TAB;
//  - invisible characters that make equal-looking values differ, which breaks
//    search and duplicate checks on names: the bidirectional marks LRM, RLM and ALM
//    (U+200E, U+200F, U+061C), ZERO WIDTH SPACE (U+200B), WORD JOINER (U+2060) and
//    the byte order mark (U+FEFF). Multi-line prose keeps the marks, which only
//    settle the direction of neutral characters (digits, punctuation) next to
//    right-to-left words and cannot reorder letters; ZWJ and ZWNJ are allowed
//    everywhere, as Persian and Indic spellings and emoji sequences need them.
// Then, for text that passes:
//  - in multi-line text CRLF and a lone CR become LF: browsers submit a textarea's
//    line breaks as CRLF (the HTML standard's form submission), old Mac files have a
//    lone CR, and stored text should mean one thing by a line break;
//  - the text is normalised to NFC (Unicode UAX #15), so "e" + U+0301 and "é" are
//    stored, compared and counted alike;
//  - white space (Unicode White_Space, NBSP included) is trimmed from both ends,
//    for both kinds: it is never meant, and " Smith" would not match "Smith".
//    White space inside the text is kept as typed. Trimming comes after the checks,
//    so a line break at the end of a single-line value is refused, not dropped.
// Length limits stay with each field's validator, counted with CharacterCount on
// the cleaned text.
std::string CleanText(absl::string_view in, TextKind kind, absl::string_view field, Validation& v);

}  // namespace platform
