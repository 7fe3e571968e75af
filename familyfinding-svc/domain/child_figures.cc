#include "familyfinding-svc/domain/child_figures.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_format.h"
#include "familyfinding-svc/domain/journey.h"

namespace familyfinding {
namespace {

using K = MilestoneKind;

void Count(const Child& c, platform::Period period, const OwnHousehold* adopters, MilestoneCounts& counts) {
  std::set<K> seen;
  bool placed = false, early_permanence = false;
  const Milestone* placement = nullptr;
  for (const Milestone& m : c.journey) {
    if (m.kind == K::kPlaced) placement = &m;
    if (!period.Contains(m.date)) continue;
    if (adopters) {
      // The adopters' side: a milestone about one of the agency's own households.
      const Milestone* about = m.kind == K::kMatched ? &m
                               : (m.kind == K::kPlaced || m.kind == K::kAdoptionPlacement ||
                                  m.kind == K::kAdoptionOrder || m.kind == K::kDisruption)
                                   ? placement
                                   : nullptr;
      if (!about || !(*adopters)(about->household_id)) continue;
    }
    seen.insert(m.kind);
    // Placed for adoption: the day a placement became one (an early-permanence or
    // foster carers' placement later, at ADOPTION_PLACEMENT).
    const bool adoption_placement =
        (m.kind == K::kPlaced && !m.early_permanence && !m.foster_carer_adoption) ||
        (m.kind == K::kAdoptionPlacement && placement);
    if (adoption_placement && !placed) {
      placed = true;
      early_permanence = placement->early_permanence;
    }
  }
  counts.referrals += seen.contains(K::kFamilyFindingReferral);
  counts.decisions += seen.contains(K::kShouldBePlacedDecision);
  counts.placement_orders += seen.contains(K::kPlacementOrder);
  counts.matches += seen.contains(K::kMatched);
  counts.placements += placed;
  counts.early_permanence_placements += placed && early_permanence;
  counts.adoption_orders += seen.contains(K::kAdoptionOrder);
  counts.plan_changes += seen.contains(K::kPlanChanged);
  counts.disruptions += seen.contains(K::kDisruption);
}

// A child's state after every milestone dated on or before a day.
struct StateOn {
  const Milestone* decision = nullptr;
  const Milestone* placement_order = nullptr;  // the first
  bool linked = false, matched = false;  // since the last disruption
  bool living = false, plan_changed = false, adopted = false;
};

StateOn StateOf(const Child& c, platform::Date day) {
  StateOn s;
  for (const Milestone& m : c.journey) {
    if (m.date > day) break;
    switch (m.kind) {
      case K::kShouldBePlacedDecision:
        if (!s.decision) s.decision = &m;
        break;
      case K::kPlacementOrder:
        if (!s.placement_order) s.placement_order = &m;
        break;
      case K::kLinked:
        s.linked = true;
        break;
      case K::kMatched:
        s.matched = true;
        break;
      case K::kPlaced:
        s.living = true;
        break;
      case K::kDisruption:
        s.living = s.linked = s.matched = false;
        break;
      case K::kAdoptionOrder:
        s.adopted = true;
        break;
      case K::kPlanChanged:
        s.plan_changed = true;
        break;
      default:
        break;
    }
  }
  return s;
}

}  // namespace

MilestoneCounts CountMilestones(const std::vector<Child>& children, platform::Period period,
                                const OwnHousehold* adopters) {
  MilestoneCounts counts;
  for (const Child& c : children) Count(c, period, adopters, counts);
  return counts;
}

std::map<std::string, MilestoneCounts> CountMilestonesByLocalAuthority(const std::vector<Child>& children,
                                                                       platform::Period period,
                                                                       const OwnHousehold* adopters) {
  std::map<std::string, MilestoneCounts> by_la;
  for (const Child& c : children) {
    MilestoneCounts one;
    Count(c, period, adopters, one);
    if (one != MilestoneCounts{}) {
      MilestoneCounts& total = by_la[c.details.local_authority];
      total.referrals += one.referrals;
      total.decisions += one.decisions;
      total.placement_orders += one.placement_orders;
      total.matches += one.matches;
      total.placements += one.placements;
      total.early_permanence_placements += one.early_permanence_placements;
      total.adoption_orders += one.adoption_orders;
      total.plan_changes += one.plan_changes;
      total.disruptions += one.disruptions;
    }
  }
  return by_la;
}

std::vector<std::pair<std::string, MilestoneCounts>> CountMilestonesByMonth(const std::vector<Child>& children,
                                                                            platform::Period period,
                                                                            const OwnHousehold* adopters) {
  std::vector<std::pair<std::string, MilestoneCounts>> out;
  for (absl::CivilMonth month(period.first); month <= absl::CivilMonth(period.last); ++month) {
    platform::Period in = platform::Period::Month(static_cast<int>(month.year()), month.month());
    in.first = std::max(in.first, period.first);
    in.last = std::min(in.last, period.last);
    out.emplace_back(absl::StrFormat("%04d-%02d", month.year(), month.month()), CountMilestones(children, in, adopters));
  }
  return out;
}

bool LivingWithAdopters(const Child& child, platform::Date day) { return StateOf(child, day).living; }

ChildrenAt ChildrenOn(const std::vector<Child>& children, platform::Date day, platform::Precision precision) {
  ChildrenAt at;
  long long days_since_order = 0;
  for (const Child& c : children) {
    const StateOn s = StateOf(c, day);
    const bool open = !s.living && !s.plan_changed && !s.adopted;
    if (s.decision && open) {
      ++at.waiting;
      if (s.matched) {
        ++at.waiting_matched;
      } else if (s.linked) {
        ++at.waiting_family_found;
      } else {
        ++at.waiting_family_finding;
      }
    }
    if (s.placement_order && open) {
      if (!s.matched) ++at.active_family_finding;
      if (s.linked && !s.matched) ++at.linked_awaiting_panel;
      const int waited = static_cast<int>(day - s.placement_order->date);
      ++at.placement_order_not_placed;
      days_since_order += waited;
      at.longest_days_since_order = std::max(at.longest_days_since_order, waited);
    }
  }
  at.mean_days_since_order =
      platform::Mean(days_since_order, at.placement_order_not_placed, precision.decimals, precision.rounding);
  return at;
}

DecisionCohort DecisionCohortOn(const std::vector<Child>& children, platform::Period period, platform::Date day,
                                platform::Precision precision) {
  DecisionCohort cohort;
  int adopted = 0, placed = 0, reverted = 0, waiting = 0;
  for (const Child& c : children) {
    const Milestone* decision = FirstOf(c, K::kShouldBePlacedDecision);
    if (!decision || !period.Contains(decision->date)) continue;
    ++cohort.decided;
    const StateOn s = StateOf(c, day);
    if (s.adopted) {
      ++adopted;
    } else if (s.living) {
      ++placed;
    } else if (s.plan_changed) {
      ++reverted;
    } else {
      ++waiting;
    }
  }
  cohort.adopted = platform::ShareOf(adopted, cohort.decided, precision);
  cohort.placed = platform::ShareOf(placed, cohort.decided, precision);
  cohort.plan_reverted = platform::ShareOf(reverted, cohort.decided, precision);
  cohort.waiting = platform::ShareOf(waiting, cohort.decided, precision);
  return cohort;
}

ChildBreakdowns BreakDown(const std::vector<Child>& children, platform::Period period) {
  ChildBreakdowns b;
  for (const Child& c : children) {
    const ChildDetails& d = c.details;
    if (const Milestone* decision = FirstOf(c, K::kShouldBePlacedDecision);
        decision && period.Contains(decision->date)) {
      ++b.decisions_by_age[d.date_of_birth ? AgeInYears(*d.date_of_birth, decision->date) : 0];
      constexpr int kYoung = 5;  // "entered care before 5" (docs/reports.md)
      b.decisions_entered_care_before_5 +=
          d.date_of_birth && d.entered_care_date && AgeInYears(*d.date_of_birth, *d.entered_care_date) < kYoung;
    }
    const Milestone* order = LastOf(c, K::kAdoptionOrder);
    if (!order || !period.Contains(order->date)) continue;
    const int age = d.date_of_birth ? AgeInYears(*d.date_of_birth, order->date) : 0;
    ++b.orders_by_age_band[age < 1 ? "UNDER_1" : age < 5 ? "1_TO_4" : age < 10 ? "5_TO_9" : age < 16 ? "10_TO_15"
                                                                                              : "16_AND_OVER"];
    ++b.orders_by_sex[SexName(d.sex)];
    ++b.orders_by_ethnicity[d.ethnicity.empty() ? "NOT_RECORDED" : d.ethnicity];
    b.orders_in_sibling_group += !d.sibling_group.empty();
    if (const Milestone* placed = AdoptionPlacement(c, order->date)) ++b.orders_by_provider[ProviderName(placed->provider)];
  }
  return b;
}

}  // namespace familyfinding
