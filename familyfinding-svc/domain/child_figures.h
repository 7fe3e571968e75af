#pragma once
// The children's published counts and states (docs/reports.md "Children"): milestones
// in a period, who is waiting on a day and how, and what became of the children decided
// in a period. Pure, over each child's dated milestones, like the scorecard.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/child.h"
#include "platform/core/calendar.h"
#include "platform/core/figures.h"

namespace familyfinding {

// Children with each milestone dated in a period, each child once per kind.
struct MilestoneCounts {
  int referrals = 0;
  int decisions = 0;         // should-be-placed decisions (BIDs, "adoption plan decisions")
  int placement_orders = 0;
  int matches = 0;
  int placements = 0;        // placed for adoption: the adoption placement's day in the period
  int early_permanence_placements = 0;  // of those, early permanence
  int adoption_orders = 0;
  int plan_changes = 0;
  int disruptions = 0;
  bool operator==(const MilestoneCounts&) const = default;
};
// Taken from the adopters' agency's side (docs/reports.md "Perspectives") when
// `adopters` is given: only the milestones about one of its own households — the match
// with it, the adoption placement with it, the adoption order and a disruption of that
// placement — whichever authority the child came from; `adopters(household_id)` says
// whether a household is the agency's own.
using OwnHousehold = std::function<bool(const std::string& household_id)>;
MilestoneCounts CountMilestones(const std::vector<Child>& children, platform::Period period,
                                const OwnHousehold* adopters = nullptr);

// The same by calendar month of the period (every month listed, none omitted), first
// month first.
std::vector<std::pair<std::string, MilestoneCounts>> CountMilestonesByMonth(const std::vector<Child>& children,
                                                                            platform::Period period,
                                                                            const OwnHousehold* adopters = nullptr);

// The same for each local authority's children apart, by ONS code; only authorities
// with a count are listed.
std::map<std::string, MilestoneCounts> CountMilestonesByLocalAuthority(const std::vector<Child>& children,
                                                                       platform::Period period,
                                                                       const OwnHousehold* adopters = nullptr);

// Living with prospective adopters on `day`: placed on or before it, no disruption
// since on or before it.
bool LivingWithAdopters(const Child& child, platform::Date day);

// Where the children stand on a day (docs/reports.md "Waiting at d" and after).
struct ChildrenAt {
  // A decision on or before the day, not living with adopters, no change of plan or
  // adoption order: by the furthest step since the last disruption.
  int waiting = 0;
  int waiting_matched = 0;
  int waiting_family_found = 0;   // linked, not matched
  int waiting_family_finding = 0; // neither
  // A placement order, no match, change of plan or order, not living with adopters.
  int active_family_finding = 0;
  // A placement order and a link, no match or change of plan, not living with adopters.
  int linked_awaiting_panel = 0;
  // A placement order, not yet placed (nor plan changed nor adopted): how long since it.
  int placement_order_not_placed = 0;
  std::optional<double> mean_days_since_order;
  int longest_days_since_order = 0;
};
ChildrenAt ChildrenOn(const std::vector<Child>& children, platform::Date day, platform::Precision precision);

// What became, by `day`, of the children decided (should be placed) in `period`: the
// first that applies — adopted, placed (living with adopters), plan reverted, waiting.
struct DecisionCohort {
  int decided = 0;
  platform::Share adopted, placed, plan_reverted, waiting;
};
DecisionCohort DecisionCohortOn(const std::vector<Child>& children, platform::Period period, platform::Date day,
                                platform::Precision precision);

// Breakdowns of a period's decisions and adoption orders (docs/reports.md "Children"),
// each a count of children by a label.
struct ChildBreakdowns {
  std::map<int, int> decisions_by_age;  // completed years at the decision (under one: 0)
  int decisions_entered_care_before_5 = 0;
  std::map<std::string, int> orders_by_age_band;  // UNDER_1, 1_TO_4, 5_TO_9, 10_TO_15, 16_AND_OVER
  std::map<std::string, int> orders_by_sex;       // FEMALE, MALE, NOT_KNOWN
  std::map<std::string, int> orders_by_ethnicity; // census code; NOT_RECORDED when none
  int orders_in_sibling_group = 0;
  std::map<std::string, int> orders_by_provider;  // the adoption placement's household's
};
ChildBreakdowns BreakDown(const std::vector<Child>& children, platform::Period period);

}  // namespace familyfinding
