#pragma once
// What every context's import RPC shares (docs/import.md): the old system's id for a
// record, kept so that importing the same extract again finds it.
#include <string>

#include "platform/core/errors.h"

namespace platform {

// The request's source_id, cleaned: required, one line of at most 64 characters.
// `record` names what it identifies in the violation ("household", "decision").
std::string SourceIdFromRequest(const std::string& source_id, const std::string& record, Validation& v);

}  // namespace platform
