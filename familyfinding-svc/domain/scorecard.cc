#include "familyfinding-svc/domain/scorecard.h"

#include <algorithm>

#include "familyfinding-svc/domain/journey.h"
#include "platform/core/status_macros.h"

namespace familyfinding {
namespace {
constexpr int kHarderToPlaceAge = 5;
constexpr int kDecisionToPlacementMonths = 12;

void Add(MeanDays& m, long long days) {
  m.total_days += days;
  ++m.children;
}
void Finish(MeanDays& m, platform::Precision p) { m.mean = platform::Mean(m.total_days, m.children, p.decimals, p.rounding); }
}  // namespace

const std::vector<std::string>& ScorecardRules::Keys() {
  static const std::vector<std::string> keys = {"scorecard_a1_threshold_days", "scorecard_a2_threshold_days",
                                                "scorecard_a3_window_days"};
  return keys;
}

absl::StatusOr<ScorecardRules> ScorecardRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long a1, table.ValueOn("scorecard_a1_threshold_days", day));
  ASSIGN_OR_RETURN(long long a2, table.ValueOn("scorecard_a2_threshold_days", day));
  ASSIGN_OR_RETURN(long long a3, table.ValueOn("scorecard_a3_window_days", day));
  return ScorecardRules{.a1_threshold_days = static_cast<int>(a1),
                        .a2_threshold_days = static_cast<int>(a2),
                        .a3_window_days = static_cast<int>(a3)};
}

bool HarderToPlaceAt(const ChildDetails& d, platform::Date on) {
  const bool older = d.date_of_birth && AgeInYears(*d.date_of_birth, on) >= kHarderToPlaceAge;
  const bool heritage = !d.ethnicity.empty() && d.ethnicity != "WHITE_BRITISH" && d.ethnicity != "NOT_STATED" &&
                        d.ethnicity != "NOT_KNOWN";
  return older || heritage || !d.sibling_group.empty() || d.disability;
}

absl::StatusOr<Scorecard> MeasureScorecard(const std::vector<Child>& children, platform::Period period,
                                           const platform::StatutoryTable& statutory, int care_leavers,
                                           platform::Precision precision) {
  Scorecard s;
  int harder = 0, met_a1 = 0, met_a2 = 0, a1_cohort = 0, a2_cohort = 0, a3 = 0, within_year = 0, decided = 0;
  for (const Child& c : children) {
    const Milestone* order = LastOf(c, MilestoneKind::kAdoptionOrder);
    if (!order || !period.Contains(order->date)) continue;
    ++s.adopted;
    switch (c.details.sex) {
      case Sex::kFemale: ++s.female; break;
      case Sex::kMale: ++s.male; break;
      case Sex::kNotKnown: ++s.sex_not_known; break;
    }
    harder += HarderToPlaceAt(c.details, order->date);
    ASSIGN_OR_RETURN(ScorecardRules rules, ScorecardRules::On(statutory, order->date));
    const Milestone* placed = AdoptionPlacement(c, order->date);
    const std::optional<platform::Date> entered = c.details.entered_care_date;
    bool complete = placed && entered;
    // A1 counts from entering care to moving in with the adoptive family: for early
    // permanence the day placed with the carers; for foster carers adopting, the day
    // the placement became an adoption placement (A10 counts their first day).
    std::optional<platform::Date> moved_in;
    if (placed) {
      const std::optional<platform::Date> adoption_placed = AdoptionPlacementDate(c, *placed);
      moved_in = placed->foster_carer_adoption && adoption_placed ? *adoption_placed : placed->date;
      s.early_permanence += placed->early_permanence;
      if (const Milestone* decision = FirstOf(c, MilestoneKind::kShouldBePlacedDecision)) {
        ++decided;
        within_year += *moved_in < platform::AddMonths(decision->date, kDecisionToPlacementMonths);
      }
    }
    if (placed && entered) {
      const long long a1 = *moved_in - *entered;
      Add(s.a1, a1);
      Add(s.a10, placed->date - *entered);
      ++a1_cohort;
      met_a1 += a1 <= rules.a1_threshold_days;
      a3 += a1 < rules.a3_window_days;
      MeanDays& care_to_order = placed->early_permanence ? s.early_permanence_care_to_order : s.other_care_to_order;
      Add(care_to_order, order->date - *entered);
    }
    // A2: the placement order (or none, for consent) to the match with the adoption
    // placement's household; matched before the order counts 0.
    const Milestone* authority = LastOf(c, MilestoneKind::kPlacementOrder, order->date);
    const Milestone* match = nullptr;
    if (placed) {
      for (const Milestone& m : c.journey) {
        if (m.date > order->date) break;
        if (m.kind == MilestoneKind::kMatched && m.household_id == placed->household_id) match = &m;
      }
    }
    if (authority && match) {
      const long long a2 = std::max<long long>(0, match->date - authority->date);
      Add(s.a2, a2);
      ++a2_cohort;
      met_a2 += a2 <= rules.a2_threshold_days;
    } else {
      complete = false;
    }
    if (!complete) s.incomplete.push_back(c.id);
  }
  for (MeanDays* m : {&s.a1, &s.a2, &s.a10, &s.early_permanence_care_to_order, &s.other_care_to_order}) {
    Finish(*m, precision);
  }
  s.harder_to_place = platform::ShareOf(harder, s.adopted, precision);
  s.met_a1 = platform::ShareOf(met_a1, a1_cohort, precision);
  s.met_a2 = platform::ShareOf(met_a2, a2_cohort, precision);
  s.a3 = platform::ShareOf(a3, a1_cohort, precision);
  s.placed_within_12_months_of_decision = platform::ShareOf(within_year, decided, precision);
  if (care_leavers > 0) {
    s.care_leavers_adopted_percent =
        platform::Percentage(s.adopted, care_leavers, precision.decimals, precision.rounding);
  }
  return s;
}

}  // namespace familyfinding
