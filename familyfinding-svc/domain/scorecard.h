#pragma once
// The children's published figures (docs/reports.md "Children"), worked out from each
// child's dated milestones: live work and imported history give the same answers.
// Pure: the store loads the children, the API maps the results.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "familyfinding-svc/domain/child.h"
#include "platform/core/calendar.h"
#include "platform/core/figures.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// The scorecard's dated thresholds (config/statutory.tsv), in force on a child's
// adoption order.
struct ScorecardRules {
  int a1_threshold_days = 426;
  int a2_threshold_days = 121;
  int a3_window_days = 426;
  static const std::vector<std::string>& Keys();
  static absl::StatusOr<ScorecardRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// A mean in days over a cohort, with its parts so that periods can be pooled.
struct MeanDays {
  long long total_days = 0;
  int children = 0;
  std::optional<double> mean;  // rounded as asked; nullopt for an empty cohort
};

// The children adopted in a period (an adoption order dated in it), as the adoption
// scorecard and the agencies' annual reports count them.
struct Scorecard {
  int adopted = 0;
  int female = 0, male = 0, sex_not_known = 0;
  platform::Share harder_to_place;  // aged 5+ at the order, not White British, siblings, disabled
  MeanDays a1;   // entering care → moving in with the adoptive family
  MeanDays a2;   // placement order → match (0 when matched before the order)
  MeanDays a10;  // as A1, foster carers adopting counted from moving in with them
  platform::Share met_a1, met_a2;  // within the thresholds in force on each order
  platform::Share a3;               // moved in within the A3 window of entering care
  platform::Share placed_within_12_months_of_decision;
  int early_permanence = 0;  // the adoption placement was early permanence
  MeanDays early_permanence_care_to_order, other_care_to_order;
  std::optional<double> care_leavers_adopted_percent;  // when the LA's care leavers are given
  // Children adopted whose milestones lack a date a measure needs (entered care, the
  // placement order, the match with the adoption placement's household): left out
  // of that measure only, and named so the record can be put right.
  std::vector<std::string> incomplete;
};

// The children of `children` adopted in `period`. `care_leavers` (0: not given) is
// the LA's total of children leaving care that year, an input, not an event.
absl::StatusOr<Scorecard> MeasureScorecard(const std::vector<Child>& children, platform::Period period,
                                           const platform::StatutoryTable& statutory, int care_leavers,
                                           platform::Precision precision);

// The reports' "harder to place" (docs/reports.md): aged 5 or over at `on`, ethnicity
// recorded and other than White British, in a sibling group, or disabled.
bool HarderToPlaceAt(const ChildDetails& details, platform::Date on);

}  // namespace familyfinding
