#include "familyfinding-svc/domain/child_clocks.h"

#include <algorithm>

#include "familyfinding-svc/domain/milestone.h"

namespace familyfinding {
namespace {

using K = MilestoneKind;

// A clock of one kind, while it runs.
struct Open {
  ChildClock clock;
  bool open = false;
};

void Close(Open& o, platform::Date day, ChildClockState state, std::vector<ChildClock>& out) {
  if (!o.open) return;
  o.clock.stopped = day;
  o.clock.state = state;
  out.push_back(o.clock);
  o.open = false;
}

void Start(Open& o, ChildClockKind kind, platform::Date day, const char* key, int days_per_unit,
           const platform::StatutoryTable& table) {
  absl::StatusOr<long long> length = table.ValueOn(key, day);
  if (!length.ok()) return;  // no number in force that day: no clock
  o.clock = ChildClock{.kind = kind, .started = day, .due = day + static_cast<int>(*length) * days_per_unit};
  o.open = true;
}

}  // namespace

const std::vector<std::string>& ChildClockKeys() {
  static const std::vector<std::string> keys = {"care_proceedings_weeks", "placement_order_appeal_days"};
  return keys;
}

std::vector<ChildClock> ChildClocks(const Child& child, const platform::StatutoryTable& table, platform::Date today) {
  std::vector<ChildClock> out;
  Open proceedings, appeal;
  for (const Milestone& m : child.journey) {
    if (m.date > today) break;
    // An appeal period that ran out before this milestone ended then, unchallenged.
    if (appeal.open && appeal.clock.due < m.date) Close(appeal, appeal.clock.due, ChildClockState::kExpired, out);
    switch (m.kind) {
      case K::kCareProceedingsStarted:
        Start(proceedings, ChildClockKind::kCareProceedings, m.date, "care_proceedings_weeks", 7, table);
        break;
      case K::kPlacementOrder:
        if (proceedings.open) {
          Close(proceedings, m.date,
                m.date <= proceedings.clock.due ? ChildClockState::kMet : ChildClockState::kMissed, out);
        }
        Start(appeal, ChildClockKind::kAppealPeriod, m.date, "placement_order_appeal_days", 1, table);
        break;
      case K::kPlacementOrderAppeal:
      case K::kRevocationApplication:
        if (appeal.open && m.date <= appeal.clock.due) Close(appeal, m.date, ChildClockState::kChallenged, out);
        break;
      case K::kChallengeDismissed:
        // The hearing that dismissed it has an appeal period of its own.
        Start(appeal, ChildClockKind::kAppealPeriod, m.date, "placement_order_appeal_days", 1, table);
        break;
      case K::kPlanChanged:
        Close(proceedings, m.date, ChildClockState::kStopped, out);
        Close(appeal, m.date, ChildClockState::kStopped, out);
        break;
      default:
        break;
    }
  }
  for (Open* o : {&proceedings, &appeal}) {
    if (!o->open) continue;
    ChildClock c = o->clock;
    if (c.kind == ChildClockKind::kAppealPeriod) {
      if (c.due < today) {
        c.stopped = c.due;
        c.state = ChildClockState::kExpired;
      }
    } else {
      c.state = c.due < today ? ChildClockState::kOverdue : ChildClockState::kRunning;
    }
    out.push_back(c);
  }
  std::stable_sort(out.begin(), out.end(), [](const ChildClock& a, const ChildClock& b) { return a.started < b.started; });
  return out;
}

}  // namespace familyfinding
