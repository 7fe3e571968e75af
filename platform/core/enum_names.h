#pragma once
// Domain enums are stored (and logged) by stable names, kept as a table in the enum's
// order, one name per value:
//   constexpr const char* kStatusNames[] = {"OPEN", "IN_PROGRESS", "CLOSED"};
//   std::string StatusName(Status s) { return kStatusNames[static_cast<int>(s)]; }
//   std::optional<Status> ParseStatus(const std::string& name) {
//     return platform::EnumFromName<Status>(kStatusNames, name);
//   }
#include <cstddef>
#include <optional>

#include "absl/strings/string_view.h"

namespace platform {

// The value whose name in `names` is `name`; nullopt for a name not in the table.
template <typename E, size_t N>
std::optional<E> EnumFromName(const char* const (&names)[N], absl::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace platform
