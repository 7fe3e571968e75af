#pragma once
// Free text as people type it: UTF-8, limited by characters rather than bytes.
#include <cstddef>

#include "absl/strings/string_view.h"

namespace platform {

// The characters (code points) in well-formed UTF-8 `utf8`: what a length limit a
// worker is told about counts. "Siân" is 4 characters, 5 bytes.
size_t CharacterCount(absl::string_view utf8);

// Empty or only ASCII white space.
bool IsBlank(absl::string_view text);

}  // namespace platform
