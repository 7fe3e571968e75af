#include "recruitment-svc/domain/reports.h"

#include <algorithm>

#include "platform/core/status_macros.h"
#include "recruitment-svc/domain/clocks.h"

namespace recruitment {
namespace {

using E = JourneyEvent;
using S = HouseholdStatus;

std::optional<platform::Date> FirstIn(const HouseholdHistory& h, E event, platform::Period period) {
  for (const JourneyStep& step : h.journey) {
    if (step.event == event && period.Contains(step.date)) return step.date;
  }
  return std::nullopt;
}

std::optional<platform::Date> First(const HouseholdHistory& h, E event) {
  for (const JourneyStep& step : h.journey) {
    if (step.event == event) return step.date;
  }
  return std::nullopt;
}

// The last step of `event` on or before `day`.
std::optional<platform::Date> LastBy(const HouseholdHistory& h, E event, platform::Date day) {
  std::optional<platform::Date> last;
  for (const JourneyStep& step : h.journey) {
    if (step.date > day) break;
    if (step.event == event) last = step.date;
  }
  return last;
}

bool IsExit(E e) { return e == E::kWithdrawn || e == E::kCounselledOut; }

std::optional<S> StatusAt(const HouseholdHistory& h, platform::Date day) {
  if (h.enquiry_date > day) return std::nullopt;
  S status = S::kEnquiry;
  for (const JourneyStep& step : h.journey) {
    if (step.date > day) break;
    status = step.to;
  }
  return status;
}

Stage StageOf(S status) {
  switch (status) {
    case S::kEnquiry:
    case S::kInfoSessionBooked:
    case S::kInfoSessionAttended:
    case S::kInitialVisit:
      return Stage::kEnquiry;
    case S::kRoiReceived:
      return Stage::kRegistered;
    case S::kStageOne:
      return Stage::kStageOne;
    case S::kStageOneCompleted:
      return Stage::kBetweenStages;
    case S::kBreak:
      return Stage::kOnBreak;
    case S::kStageTwo:
    case S::kAwaitingPanel:
      return Stage::kStageTwo;
    case S::kApproved:
    case S::kLinked:
      return Stage::kApproved;
    case S::kMatched:
      return Stage::kMatched;
    case S::kChildPlaced:
      return Stage::kPlaced;
    case S::kAdoptionOrder:
      return Stage::kAdopted;
    case S::kWithdrawn:
    case S::kCounselledOut:
      return Stage::kExited;
    case S::kRoiDeclined:
      return Stage::kRoiDeclined;
    case S::kNotApproved:
      return Stage::kNotApproved;
    case S::kApprovalTerminated:
      return Stage::kApprovalTerminated;
  }
  return Stage::kEnquiry;
}

constexpr Stage kStages[] = {Stage::kEnquiry,  Stage::kRegistered, Stage::kStageOne,   Stage::kBetweenStages,
                             Stage::kOnBreak,  Stage::kStageTwo,   Stage::kApproved,   Stage::kMatched,
                             Stage::kPlaced,   Stage::kAdopted,    Stage::kExited,     Stage::kRoiDeclined,
                             Stage::kNotApproved, Stage::kApprovalTerminated};

}  // namespace

Funnel CountFunnel(const std::vector<HouseholdHistory>& households, platform::Period period) {
  Funnel f;
  for (const HouseholdHistory& h : households) {
    auto in = [&](E e) { return FirstIn(h, e, period).has_value(); };
    if (h.route == Route::kKnownChild) {
      // No enquiry, ROI or Stage 1: counted apart, in the period their Stage 2 started.
      if (in(E::kStageTwoStarted)) ++f.known_child_assessments;
      continue;
    }
    if (period.Contains(h.enquiry_date)) ++f.enquiries;
    if (in(E::kInfoSessionBooked)) ++f.info_sessions_booked;
    if (in(E::kInfoSessionAttended)) ++f.info_sessions_attended;
    if (in(E::kRoiReceived)) ++f.registrations_of_interest;
    if (in(E::kStageOneStarted)) ++f.stage_one_started;
    if (in(E::kStageTwoStarted)) ++f.stage_two_started;
    if (in(E::kApproved)) ++f.approvals;
    // An approval in the period given also as foster carers (a later review's terms
    // are stored alike, on the review's day: not an approval).
    if (std::any_of(h.journey.begin(), h.journey.end(), [&](const JourneyStep& s) {
          return s.event == E::kApproved && period.Contains(s.date) &&
                 std::count(h.dual_approvals.begin(), h.dual_approvals.end(), s.date) > 0;
        })) {
      ++f.dual_approvals;
    }
  }
  return f;
}

std::optional<Stage> StageAt(const HouseholdHistory& household, platform::Date day) {
  std::optional<S> status = StatusAt(household, day);
  if (!status) return std::nullopt;
  return StageOf(*status);
}

std::map<Stage, int> CountStages(const std::vector<HouseholdHistory>& households, platform::Date day) {
  std::map<Stage, int> counts;
  for (Stage s : kStages) counts[s] = 0;
  for (const HouseholdHistory& h : households) {
    if (std::optional<Stage> stage = StageAt(h, day)) ++counts[*stage];
  }
  return counts;
}

std::vector<WaitingHousehold> ApprovedNotMatched(const std::vector<HouseholdHistory>& households,
                                                 platform::Date day) {
  std::vector<WaitingHousehold> waiting;
  for (const HouseholdHistory& h : households) {
    std::optional<platform::Date> approved = LastBy(h, E::kApproved, day);
    if (!approved) continue;
    bool moved_on = false;
    for (const JourneyStep& step : h.journey) {
      if (step.date > day) break;
      if (step.date < *approved) continue;
      if (step.event == E::kMatched || IsExit(step.event) || step.event == E::kApprovalTerminated) moved_on = true;
    }
    if (!moved_on) waiting.push_back({h.id, *approved, static_cast<int>(day - *approved)});
  }
  std::stable_sort(waiting.begin(), waiting.end(),
                   [](const WaitingHousehold& a, const WaitingHousehold& b) { return a.approved < b.approved; });
  return waiting;
}

MatchWaits MeasureMatchWaits(const std::vector<HouseholdHistory>& households, platform::Period period, int months,
                             platform::Precision precision) {
  MatchWaits w;
  int within = 0;
  long long days = 0;
  for (const HouseholdHistory& h : households) {
    std::optional<platform::Date> matched = FirstIn(h, E::kMatched, period);
    if (!matched) continue;
    std::optional<platform::Date> approved = LastBy(h, E::kApproved, *matched);
    if (!approved) continue;  // a match needs an approval; none recorded, no wait to measure
    ++w.matched;
    days += *matched - *approved;
    if (*matched < platform::AddMonths(*approved, months)) ++within;
  }
  w.within = platform::ShareOf(within, w.matched, precision);
  w.mean_days = platform::Mean(days, w.matched, precision.decimals, precision.rounding);
  return w;
}

RoiCohort RoiCohortAt(const std::vector<HouseholdHistory>& households, platform::Period period,
                      platform::Date day) {
  RoiCohort cohort;
  for (const HouseholdHistory& h : households) {
    if (!FirstIn(h, E::kRoiReceived, period)) continue;
    ++cohort.households;
    switch (StageAt(h, day).value_or(Stage::kRegistered)) {
      case Stage::kApproved:
      case Stage::kMatched:
      case Stage::kPlaced:
      case Stage::kAdopted:
        ++cohort.approved;
        break;
      case Stage::kExited:
      case Stage::kRoiDeclined:
      case Stage::kNotApproved:
      case Stage::kApprovalTerminated:
        ++cohort.exited;
        break;
      case Stage::kStageTwo:
        ++cohort.stage_two;
        break;
      default:
        ++cohort.stage_one;
    }
  }
  return cohort;
}

Withdrawals CountWithdrawals(const std::vector<HouseholdHistory>& households, platform::Period period) {
  Withdrawals w;
  for (const HouseholdHistory& h : households) {
    bool approved = false;
    for (const JourneyStep& step : h.journey) {
      if (step.event == E::kApproved) approved = true;
      if (!IsExit(step.event) || !period.Contains(step.date)) continue;
      auto row = std::find_if(w.by_reason.begin(), w.by_reason.end(), [&](const ExitCount& c) {
        return c.exit == step.event && c.reason == step.reason;
      });
      if (row == w.by_reason.end()) row = w.by_reason.insert(w.by_reason.end(), {step.event, step.reason, 0, 0});
      ++row->households;
      ++w.total;
      ++(step.event == E::kWithdrawn ? w.withdrawn : w.counselled_out);
      if (approved) {
        ++row->after_approval;
        ++w.after_approval;
      }
    }
  }
  std::sort(w.by_reason.begin(), w.by_reason.end(), [](const ExitCount& a, const ExitCount& b) {
    return std::tie(a.exit, a.reason) < std::tie(b.exit, b.reason);
  });
  return w;
}

absl::StatusOr<Timeliness> MeasureTimeliness(const std::vector<HouseholdHistory>& households,
                                             platform::Period period, const platform::StatutoryTable& table,
                                             platform::Precision precision) {
  Timeliness t;
  long long total_days = 0, total_days_no_break = 0;
  int with_roi = 0, within = 0, stage_one_met = 0, stage_two_met = 0;
  for (const HouseholdHistory& h : households) {
    std::optional<platform::Date> approved = FirstIn(h, E::kApproved, period);
    if (!approved) continue;
    ++t.approvals;
    std::optional<platform::Date> roi = First(h, E::kRoiReceived);
    std::optional<platform::Date> notice = LastBy(h, E::kStageTwoStarted, *approved);
    std::optional<platform::Date> stage_one_started = First(h, E::kStageOneStarted);
    std::optional<platform::Date> stage_one_completed = First(h, E::kStageOneCompleted);
    if (roi) {
      ++with_roi;
      const long long gap = stage_one_completed && notice ? (*notice - *stage_one_completed) : 0;
      total_days += *approved - *roi;
      total_days_no_break += (*approved - *roi) - gap;
      ASSIGN_OR_RETURN(ClockRules rules, ClockRules::On(table, *roi));
      if (*approved <= platform::AddMonths(*roi, rules.roi_to_approval_months)) ++within;
    } else {
      ++t.without_roi;
    }
    if (stage_one_started && stage_one_completed) {
      ASSIGN_OR_RETURN(ClockRules rules, ClockRules::On(table, *stage_one_started));
      if (*stage_one_completed <= platform::AddMonths(*stage_one_started, rules.stage_one_months)) ++stage_one_met;
    }
    if (notice) {
      ASSIGN_OR_RETURN(ClockRules rules, ClockRules::On(table, *notice));
      if (*approved <= platform::AddMonths(*notice, rules.stage_two_months)) ++stage_two_met;
    }
  }
  t.mean_roi_to_approval_days = platform::Mean(total_days, with_roi, precision.decimals, precision.rounding);
  t.mean_roi_to_approval_days_no_break =
      platform::Mean(total_days_no_break, with_roi, precision.decimals, precision.rounding);
  t.within_roi_to_approval_target = platform::ShareOf(within, t.approvals, precision);
  t.stage_one_in_timescale = platform::ShareOf(stage_one_met, t.approvals, precision);
  t.stage_two_in_timescale = platform::ShareOf(stage_two_met, t.approvals, precision);
  return t;
}

Approvals CountApprovals(const std::vector<HouseholdHistory>& households, platform::Period period) {
  Approvals a;
  for (const HouseholdHistory& h : households) {
    std::optional<platform::Date> approved = FirstIn(h, E::kApproved, period);
    if (!approved) continue;
    ++a.total;
    if (std::count(h.dual_approvals.begin(), h.dual_approvals.end(), *approved) > 0) ++a.dual;
    ++a.by_family_structure[h.family_structure];
    ++a.by_ethnicity[h.ethnicity];
  }
  return a;
}

Placements CountPlacements(const std::vector<HouseholdHistory>& households, platform::Period period) {
  Placements p;
  for (const HouseholdHistory& h : households) {
    p.matched += FirstIn(h, E::kMatched, period).has_value();
    p.placed += FirstIn(h, E::kChildPlaced, period).has_value();
    p.adoption_orders += FirstIn(h, E::kAdoptionOrder, period).has_value();
  }
  return p;
}

std::string StageName(Stage s) {
  constexpr const char* kNames[] = {"ENQUIRY",  "REGISTERED", "STAGE_ONE", "BETWEEN_STAGES", "ON_BREAK",
                                    "STAGE_TWO", "APPROVED",   "MATCHED",   "PLACED",         "ADOPTED",
                                    "EXITED",   "ROI_DECLINED", "NOT_APPROVED", "APPROVAL_TERMINATED"};
  return kNames[static_cast<int>(s)];
}

}  // namespace recruitment
