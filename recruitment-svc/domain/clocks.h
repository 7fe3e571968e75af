#pragma once
// The journey's clocks (docs/domain.md §1): each runs from a step to the step that
// stops it, against a dated target — the ROI decision in working days, Stage 1, the
// break, Stage 2 and ROI to approval in months. A clock is met, missed, running or
// overdue; an exit stops every running clock.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"

namespace recruitment {

struct Household;

// Names match the contract's JourneyClockKind.
enum class ClockKind { kRoiDecision, kStageOne, kBreak, kStageTwo, kRoiToApproval };

// Where a clock stands on a day.
enum class ClockState {
  kRunning,  // started, not stopped, due on or after the day
  kOverdue,  // started, not stopped, due before the day
  kMet,      // stopped on or before its due date
  kMissed,   // stopped after its due date
  kStopped,  // the household left the journey while it ran
};

struct JourneyClock {
  ClockKind kind = ClockKind::kRoiDecision;
  platform::Date started, due;
  std::optional<platform::Date> stopped;
  ClockState state = ClockState::kRunning;
};

// The targets, from config/statutory.tsv on the day each clock started.
struct ClockRules {
  int roi_decision_working_days = 0;      // roi_decision_working_days
  int stage_one_months = 0;               // stage_one_target_months
  int break_months = 0;                   // break_max_months
  int stage_two_months = 0;               // stage_two_target_months
  int roi_to_approval_months = 0;         // roi_to_approval_target_months
  static const std::vector<std::string>& Keys();
  static absl::StatusOr<ClockRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// The household's clocks on `today`, in the order they start: each rule set is the one
// in force when its clock started. OUT_OF_RANGE when a working-day clock falls outside
// the calendar's years; NOT_FOUND when no rules were in force.
absl::StatusOr<std::vector<JourneyClock>> Clocks(const Household& household, const platform::StatutoryTable& table,
                                                 const platform::WorkingDayCalendar& calendar, platform::Date today);

// The earliest due date of a running clock, if any: what "overdue" lists filter on.
std::optional<platform::Date> NextDue(const std::vector<JourneyClock>& clocks);

std::string ClockKindName(ClockKind k);
std::string ClockStateName(ClockState s);

}  // namespace recruitment
