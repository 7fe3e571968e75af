#include "platform/rpc/import.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"

namespace platform {

namespace {
// Old systems' ids are short; the stores' source_id columns hold 64.
constexpr size_t kMaxSourceIdLength = 64;
}  // namespace

std::string SourceIdFromRequest(const std::string& source_id, const std::string& record, Validation& v) {
  const std::string cleaned = CleanText(source_id, TextKind::kSingleLine, "source_id", v);
  v.Check(!cleaned.empty() && CharacterCount(cleaned) <= kMaxSourceIdLength, "source_id",
          absl::StrCat("is required: the old system's id for the ", record, ", at most ", kMaxSourceIdLength,
                       " characters"));
  return cleaned;
}

}  // namespace platform
