#pragma once
// Stage 2, the agency's assessment (docs/domain.md §1): home-study sessions, the final
// preparation training (and early-permanence training when dual approval is sought),
// and the Prospective Adopter Report. A household is referred to panel only when they
// are done.
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace recruitment {

struct Household;
struct JourneyRules;

struct StageTwoProgress {
  int home_study_sessions = 0;
  std::optional<platform::Date> final_training, early_permanence_training, par_completed;
  friend bool operator==(const StageTwoProgress&, const StageTwoProgress&) = default;
};

// Replaces the household's Stage 2 progress: INVALID_ARGUMENT (fields under `prefix`)
// for a count outside 0..50 or a date in the future or before the Stage 2 notice;
// FAILED_PRECONDITION outside Stage 2.
absl::Status RecordStageTwo(Household& household, const StageTwoProgress& progress,
                            const platform::Revision& revision, const std::string& prefix);

// What stands between `household` and panel: one "STAGE_TWO" violation per missing
// piece (home study, final training, early-permanence training when `dual_approval`
// is sought, the PAR).
std::vector<platform::PreconditionViolation> OutstandingForPanel(const Household& household, bool dual_approval);

// Refers the household to panel on `date`, seeking dual approval or not: the
// REFERRED_TO_PANEL step, refused (FAILED_PRECONDITION) while Stage 2 lacks anything.
absl::Status ReferToPanel(Household& household, platform::Date date, bool dual_approval, const JourneyRules& rules,
                          const platform::Revision& revision);

}  // namespace recruitment
