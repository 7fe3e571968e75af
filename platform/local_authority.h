#pragma once
// Local authorities are named by their ONS codes in every context (the household's
// home authority, the child's authority of origin, the requester's authority).
#include "absl/strings/string_view.h"

namespace platform {

// An ONS local authority code: E06/E07/E08/E09 (England: unitary, non-metropolitan
// district, metropolitan district, London borough) or W06 (Wales) + 6 digits.
// County (E10) and Scottish (S12) codes are not authorities under these regulations.
bool IsLocalAuthorityCode(absl::string_view code);

}  // namespace platform
