#pragma once
// familyfinding-svc's word on a child, asked before a case on it is booked or decided
// (docs/domain.md §3: the subject is checked with its owning service).
#include <string>

#include "absl/status/statusor.h"
#include "panel-svc/domain/decision.h"
#include "platform/rpc/upstream.h"

namespace panel {

class FamilyFindingChildren {
 public:
  explicit FamilyFindingChildren(const platform::Upstream* familyfinding) : familyfinding_(familyfinding) {}
  // What familyfinding-svc holds on "children/{id}". FAILED_PRECONDITION (EXISTS) when
  // it has no such child; UNAVAILABLE when it could not be asked in time.
  absl::StatusOr<ChildFacts> Facts(const std::string& child_name) const;

 private:
  const platform::Upstream* familyfinding_;
};

}  // namespace panel
