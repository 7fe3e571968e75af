#pragma once
// recruitment-svc's word on a household, asked before a decision is taken on it
// (docs/domain.md §3: the subject is checked with its owning service).
#include <string>

#include "absl/status/statusor.h"
#include "platform/rpc/upstream.h"

namespace panel {

class RecruitmentHouseholds {
 public:
  explicit RecruitmentHouseholds(const platform::Upstream* recruitment) : recruitment_(recruitment) {}
  // The household's status as recruitment-svc names it ("HOUSEHOLD_STATUS_STAGE_TWO").
  // FAILED_PRECONDITION (EXISTS) when recruitment-svc has no such household;
  // UNAVAILABLE when it could not be asked in time.
  absl::StatusOr<std::string> Status(const std::string& household_name) const;

 private:
  const platform::Upstream* recruitment_;
};

}  // namespace panel
