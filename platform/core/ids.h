#pragma once
// Identifiers: time-ordered (sortable by creation, so lists page by id) and
// unguessable (80 random bits from the kernel's CSPRNG). 26 lowercase Crockford
// base32 characters, like a ULID.
#include <string>
#include "absl/strings/string_view.h"

namespace platform {

std::string NewId();

// True when `id` has the shape NewId() produces (used to validate resource names).
bool IsWellFormedId(absl::string_view id);

}  // namespace platform
