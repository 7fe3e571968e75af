#pragma once
// A child's court clocks (docs/domain.md §2 "Legal states"): the 26-week timescale of
// care proceedings (Children and Families Act 2014 s.14), and the appeal period after
// a placement order or after a hearing that dismissed a challenge to it, in which
// the family finder waits before the order is safe to act on. Each runs against the
// number in force on the day it started (config/statutory.tsv); a clock started
// before its number existed (proceedings issued before 22 April 2014) has none.
#include <optional>
#include <vector>

#include "familyfinding-svc/domain/child.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// Names match the contract's ChildClockKind.
enum class ChildClockKind {
  kCareProceedings,  // proceedings issued -> the placement order, within 26 weeks
  kAppealPeriod,     // a placement order or a dismissed challenge -> the end of its appeal period
};

// Where a clock stands on a day. Names match the contract's ChildClockState.
enum class ChildClockState {
  kRunning,     // started, not stopped, due on or after the day
  kOverdue,     // a timescale past its due date, not stopped
  kMet,         // a timescale stopped on or before its due date
  kMissed,      // a timescale stopped after its due date
  kStopped,     // the plan changed (or the child was placed out of the proceedings) while it ran
  kExpired,     // an appeal period that ran out with no challenge: the order stands
  kChallenged,  // an appeal or a revocation application lodged within the period
};

struct ChildClock {
  ChildClockKind kind = ChildClockKind::kCareProceedings;
  platform::Date started, due;
  std::optional<platform::Date> stopped;
  ChildClockState state = ChildClockState::kRunning;
};

// The child's clocks on `today`, from its milestones, in the order they started. (A
// child placed on its parents' consent has no placement order, so no appeal period.)
std::vector<ChildClock> ChildClocks(const Child& child, const platform::StatutoryTable& table, platform::Date today);

// The keys the clocks read: care_proceedings_weeks, placement_order_appeal_days.
const std::vector<std::string>& ChildClockKeys();

}  // namespace familyfinding
