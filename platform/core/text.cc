#include "platform/core/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace platform {

size_t CharacterCount(absl::string_view utf8) {
  size_t n = 0;
  // Every byte but a continuation byte (10xxxxxx) starts a character.
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsBlank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

namespace {

bool IsControl(UChar32 c) { return c <= 0x1F || (c >= 0x7F && c <= 0x9F); }

// Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
bool IsBidiControl(UChar32 c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Invisible characters a name or reference never needs (see text.h).
bool IsInvisibleInOneLine(UChar32 c) {
  switch (c) {
    case 0x061C:  // ARABIC LETTER MARK
    case 0x200B:  // ZERO WIDTH SPACE
    case 0x200E:  // LEFT-TO-RIGHT MARK
    case 0x200F:  // RIGHT-TO-LEFT MARK
    case 0x2060:  // WORD JOINER
    case 0xFEFF:  // BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE)
      return true;
    default:
      return false;
  }
}

const icu::Normalizer2& NfcNormalizer() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) {
      // Only a broken ICU installation (its data missing) gets here: storing text
      // unnormalised would break comparisons silently, so stop instead.
      std::fprintf(stderr, "ICU NFC normaliser unavailable: %s\n", u_errorName(status));
      std::abort();
    }
    return n;
  }();
  return *nfc;
}

std::string ToNfc(const std::string& text) {
  const icu::Normalizer2& nfc = NfcNormalizer();
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return text;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  status = U_ZERO_ERROR;
  nfc.normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    // The input is already known to be well-formed UTF-8; this is memory exhaustion.
    std::fprintf(stderr, "ICU NFC normalisation failed: %s\n", u_errorName(status));
    std::abort();
  }
  return out;
}

// `text` without Unicode White_Space at either end.
absl::string_view TrimWhiteSpace(absl::string_view text) {
  const char* s = text.data();
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t begin = 0, end = length;
  while (begin < end) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(s, next, length, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    begin = next;
  }
  while (end > begin) {
    int32_t previous = end;
    UChar32 c;
    U8_PREV(s, 0, previous, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    end = previous;
  }
  return text.substr(begin, end - begin);
}

std::string At(UChar32 c, size_t character) { return absl::StrFormat("U+%04X at character %d", c, character); }

}  // namespace

std::string CleanText(absl::string_view in, TextKind kind, absl::string_view field, Validation& v) {
  const bool multi_line = kind == TextKind::kMultiLine;
  const auto refuse = [&](absl::string_view rule, const std::string& where) {
    v.Add(field, absl::StrCat(rule, " (", where, ")"));
    return std::string(in);
  };
  std::string unified;  // `in` with its line breaks as LF
  unified.reserve(in.size());
  const char* s = in.data();
  const int32_t length = static_cast<int32_t>(in.size());
  size_t character = 0;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    ++character;
    if (c < 0) {
      return refuse("must be valid UTF-8",
                    absl::StrFormat("invalid byte 0x%02X at byte %d", static_cast<unsigned char>(s[start]), start + 1));
    }
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!multi_line) return refuse("must be a single line, without line breaks or tabs", At(c, character));
      if (c == '\r') {
        // CRLF and a lone CR are both one line break.
        unified.push_back('\n');
        if (i < length && s[i] == '\n') {
          ++i;
          ++character;
        }
        continue;
      }
    } else if (IsControl(c)) {
      return refuse("must not contain control characters", At(c, character));
    } else if (IsBidiControl(c)) {
      return refuse("must not contain bidirectional formatting characters", At(c, character));
    } else if (c == 0x2028 || c == 0x2029) {
      return multi_line
                 ? refuse("must not contain Unicode line or paragraph separators: use a new line", At(c, character))
                 : refuse("must be a single line, without line breaks or tabs", At(c, character));
    } else if (!multi_line && IsInvisibleInOneLine(c)) {
      return refuse("must not contain invisible formatting characters", At(c, character));
    } else if (u_charType(c) == U_UNASSIGNED) {
      // Noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...) are unassigned too (Cn).
      return refuse("must not contain unassigned code points or noncharacters", At(c, character));
    }
    unified.append(s + start, i - start);
  }
  return std::string(TrimWhiteSpace(ToNfc(unified)));
}

}  // namespace platform
