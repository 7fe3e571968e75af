// The letterbox's flagging of identifying details (letterbox-svc/domain/
// identifying_details.h) over a letter as the service receives it: the text rule every
// letter passes first (platform::CleanText, multi-line), then the flagger with the
// lexicon the service compiles in. Input: optional lines "known KIND text" (what the
// agency's records hold, KIND as in DetailKindName) and "allowed name", a line "---",
// then the letter; without "---" the whole input is the letter. What the record side
// gives is cleaned and bounded as a contact arrangement's validation would.
// Checked beyond not crashing: spans in order of their start, each a non-empty slice of
// the letter in code points whose text is that slice, none overlapping another but a
// photo's description over other kinds (the header's promise).
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "letterbox-svc/domain/identifying_details.h"
#include "platform/core/errors.h"
#include "platform/core/text.h"

namespace {

using letterbox::DetailKind;

constexpr size_t kMaxContentCharacters = 20000;  // letterbox-svc/domain/exchange.h
constexpr size_t kMaxKnownDetailCharacters = 200, kMaxNameCharacters = 100;

void Fail(const std::string& what, absl::string_view input) {
  fprintf(stderr, "violated: %s\ninput: %.*s\n", what.c_str(), static_cast<int>(input.size()), input.data());
  abort();
}

// Byte offsets of each code point of well-formed UTF-8 `text`, and its size at the end.
std::vector<size_t> CodePointOffsets(const std::string& text) {
  std::vector<size_t> offsets;
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(text.size());
  while (i < length) {
    offsets.push_back(static_cast<size_t>(i));
    UChar32 c;
    U8_NEXT(text.data(), i, length, c);
    (void)c;
  }
  offsets.push_back(text.size());
  return offsets;
}

// Single-line text from the records side, or "" when a record could not hold it.
std::string RecordText(absl::string_view text, size_t max_characters) {
  platform::Validation v;
  std::string cleaned = platform::CleanText(text, platform::TextKind::kSingleLine, "text", v);
  if (!v.ok() || platform::IsBlank(cleaned) || platform::CharacterCount(cleaned) > max_characters) return "";
  return cleaned;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  letterbox::Lexicon::Embedded();  // built once, as in the service
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  absl::string_view letter = input;
  std::vector<letterbox::KnownDetail> known;
  std::vector<std::string> allowed;
  const size_t separator = input.substr(0, 4) == "---\n" ? 0 : input.find("\n---\n");
  if (separator != absl::string_view::npos) {
    const absl::string_view head = input.substr(0, separator);
    letter = input.substr(separator == 0 ? 4 : separator + 5);
    for (absl::string_view line : absl::StrSplit(head, '\n')) {
      std::vector<absl::string_view> words = absl::StrSplit(line, absl::MaxSplits(' ', 2));
      if (words.size() == 3 && words[0] == "known") {
        auto kind = letterbox::ParseDetailKind(std::string(words[1]));
        std::string text = RecordText(words[2], kMaxKnownDetailCharacters);
        if (kind && !text.empty()) known.push_back({*kind, text});
      } else if (words.size() >= 2 && words[0] == "allowed") {
        std::string name = RecordText(line.substr(8), kMaxNameCharacters);
        if (!name.empty()) allowed.push_back(name);
      }
    }
  }
  platform::Validation v;
  const std::string content = platform::CleanText(letter, platform::TextKind::kMultiLine, "content", v);
  if (!v.ok() || platform::CharacterCount(content) > kMaxContentCharacters) return 0;  // refused before flagging

  const std::vector<letterbox::Span> spans =
      letterbox::FlagIdentifyingDetails(std::string_view(content), known, allowed, letterbox::Lexicon::Embedded());
  const std::vector<size_t> offsets = CodePointOffsets(content);
  const int characters = static_cast<int>(offsets.size()) - 1;
  for (size_t i = 0; i < spans.size(); ++i) {
    const letterbox::Span& s = spans[i];
    const std::string which = absl::StrCat("span ", i, " (", letterbox::DetailKindName(s.kind), " ", s.start, "..",
                                           s.end, " '", s.text, "')");
    if (s.start < 0 || s.start >= s.end || s.end > characters) Fail(which + " within the letter", input);
    const absl::string_view slice(content.data() + offsets[s.start], offsets[s.end] - offsets[s.start]);
    if (s.text != slice) Fail(absl::StrCat(which, " holds its slice '", slice, "'"), input);
    if (s.reason.empty()) Fail(which + " says why", input);
    if (i > 0 && spans[i - 1].start > s.start) Fail(which + " in order of start", input);
    for (size_t j = 0; j < i; ++j) {
      const letterbox::Span& o = spans[j];
      const bool overlap = s.start < o.end && o.start < s.end;
      if (overlap && (s.kind == DetailKind::kPhoto) == (o.kind == DetailKind::kPhoto)) {
        Fail(absl::StrCat(which, " overlaps span ", j, " (", letterbox::DetailKindName(o.kind), ")"), input);
      }
    }
  }
  return 0;
}
