#include "recruitment-svc/domain/clocks.h"

#include <map>

#include "platform/core/status_macros.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {

using E = JourneyEvent;

// A clock as data: the steps that start it and those that stop it against its target.
struct ClockRule {
  ClockKind kind;
  std::vector<E> starts, stops;
};

const std::vector<ClockRule>& ClockTable() {
  static const std::vector<ClockRule> table = {
      {ClockKind::kRoiDecision, {E::kRoiReceived}, {E::kRoiAccepted, E::kRoiDeclined}},
      {ClockKind::kRoiToApproval, {E::kRoiReceived}, {E::kApproved, E::kNotApproved}},
      {ClockKind::kStageOne, {E::kStageOneStarted}, {E::kStageOneCompleted}},
      {ClockKind::kBreak, {E::kStageOneCompleted}, {E::kStageTwoStarted}},
      // The ADM's decision ends Stage 2 (AAR 2005 reg 30B: within 4 months of the notice).
      {ClockKind::kStageTwo, {E::kStageTwoStarted}, {E::kApproved, E::kNotApproved}},
  };
  return table;
}

// Steps that end the journey: a clock they do not stop as its target is stopped.
bool EndsJourney(E e) {
  return e == E::kRoiDeclined || e == E::kWithdrawn || e == E::kCounselledOut || e == E::kNotApproved ||
         e == E::kApprovalTerminated;
}

bool Lists(const std::vector<E>& events, E e) {
  for (E x : events) {
    if (x == e) return true;
  }
  return false;
}

absl::StatusOr<platform::Date> DueDate(ClockKind kind, platform::Date started, const ClockRules& r,
                                       const platform::WorkingDayCalendar& calendar) {
  switch (kind) {
    case ClockKind::kRoiDecision:
      return calendar.AddWorkingDays(started, r.roi_decision_working_days);
    case ClockKind::kStageOne:
      return platform::AddMonths(started, r.stage_one_months);
    case ClockKind::kBreak:
      return platform::AddMonths(started, r.break_months);
    case ClockKind::kStageTwo:
      return platform::AddMonths(started, r.stage_two_months);
    case ClockKind::kRoiToApproval:
      return platform::AddMonths(started, r.roi_to_approval_months);
  }
  return absl::InternalError("unknown clock");
}

}  // namespace

const std::vector<std::string>& ClockRules::Keys() {
  static const std::vector<std::string> keys = {"roi_decision_working_days", "stage_one_target_months",
                                                "break_max_months", "stage_two_target_months",
                                                "roi_to_approval_target_months"};
  return keys;
}

absl::StatusOr<ClockRules> ClockRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ClockRules r;
  ASSIGN_OR_RETURN(long long roi, table.ValueOn("roi_decision_working_days", day));
  ASSIGN_OR_RETURN(long long one, table.ValueOn("stage_one_target_months", day));
  ASSIGN_OR_RETURN(long long pause, table.ValueOn("break_max_months", day));
  ASSIGN_OR_RETURN(long long two, table.ValueOn("stage_two_target_months", day));
  ASSIGN_OR_RETURN(long long whole, table.ValueOn("roi_to_approval_target_months", day));
  r.roi_decision_working_days = static_cast<int>(roi);
  r.stage_one_months = static_cast<int>(one);
  r.break_months = static_cast<int>(pause);
  r.stage_two_months = static_cast<int>(two);
  r.roi_to_approval_months = static_cast<int>(whole);
  return r;
}

absl::StatusOr<std::vector<JourneyClock>> Clocks(const Household& household, const platform::StatutoryTable& table,
                                                 const platform::WorkingDayCalendar& calendar, platform::Date today) {
  std::vector<JourneyClock> clocks;
  std::map<ClockKind, size_t> running;  // kind -> index in clocks
  for (const JourneyStep& step : household.journey) {
    for (const ClockRule& rule : ClockTable()) {
      auto it = running.find(rule.kind);
      if (it != running.end() && (Lists(rule.stops, step.event) || EndsJourney(step.event))) {
        JourneyClock& c = clocks[it->second];
        c.stopped = step.date;
        c.state = !Lists(rule.stops, step.event) ? ClockState::kStopped
                  : step.date <= c.due           ? ClockState::kMet
                                                 : ClockState::kMissed;
        running.erase(it);
      }
      if (Lists(rule.starts, step.event)) {
        ASSIGN_OR_RETURN(ClockRules rules, ClockRules::On(table, step.date));
        ASSIGN_OR_RETURN(platform::Date due, DueDate(rule.kind, step.date, rules, calendar));
        // A clock started again (a second ROI) replaces the one still running.
        if (auto again = running.find(rule.kind); again != running.end()) {
          clocks[again->second] = JourneyClock{rule.kind, step.date, due, std::nullopt, ClockState::kRunning};
        } else {
          running[rule.kind] = clocks.size();
          clocks.push_back(JourneyClock{rule.kind, step.date, due, std::nullopt, ClockState::kRunning});
        }
      }
    }
  }
  for (const auto& [kind, index] : running) {
    JourneyClock& c = clocks[index];
    c.state = c.due < today ? ClockState::kOverdue : ClockState::kRunning;
  }
  return clocks;
}

std::optional<platform::Date> NextDue(const std::vector<JourneyClock>& clocks) {
  std::optional<platform::Date> next;
  for (const JourneyClock& c : clocks) {
    if (c.stopped) continue;
    if (!next || c.due < *next) next = c.due;
  }
  return next;
}

namespace {
constexpr const char* kKindNames[] = {"ROI_DECISION", "STAGE_ONE", "BREAK", "STAGE_TWO", "ROI_TO_APPROVAL"};
constexpr const char* kStateNames[] = {"RUNNING", "OVERDUE", "MET", "MISSED", "STOPPED"};
}  // namespace

std::string ClockKindName(ClockKind k) { return kKindNames[static_cast<int>(k)]; }
std::string ClockStateName(ClockState s) { return kStateNames[static_cast<int>(s)]; }

}  // namespace recruitment
