#include "platform/local_authority.h"

#include "absl/strings/ascii.h"

namespace platform {

bool IsLocalAuthorityCode(absl::string_view code) {
  if (code.size() != 9) return false;
  const absl::string_view prefix = code.substr(0, 3);
  if (prefix != "E06" && prefix != "E07" && prefix != "E08" && prefix != "E09" && prefix != "W06") return false;
  for (size_t i = 3; i < code.size(); ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(code[i]))) return false;
  }
  return true;
}

}  // namespace platform
