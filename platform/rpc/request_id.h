#pragma once
// The one rule for a caller's request id (the `x-request-id` header or metadata),
// shared by the gateway and the services so an id accepted at one hop is accepted
// at the next: 1 to 64 characters of [A-Za-z0-9-_.]. Anything else is replaced by a
// freshly minted id, so a caller cannot push arbitrary text (or a person's details)
// into every log line.
#include "absl/strings/string_view.h"

namespace platform {

bool UsableRequestId(absl::string_view id);

}  // namespace platform
