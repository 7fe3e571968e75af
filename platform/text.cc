#include "platform/text.h"

#include "absl/strings/ascii.h"

namespace platform {

size_t CharacterCount(absl::string_view utf8) {
  size_t n = 0;
  // Every byte but a continuation byte (10xxxxxx) starts a character.
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsBlank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

}  // namespace platform
