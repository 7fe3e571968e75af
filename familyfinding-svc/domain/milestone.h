#pragma once
// A child's milestone as recorded (docs/domain.md §2); journey.h holds the rules.
#include <string>

#include "platform/core/calendar.h"

namespace familyfinding {

// What happened, in journey order (same-day milestones read in this order). Names
// match the contract's MilestoneKind.
enum class MilestoneKind {
  kCareProceedingsStarted,   // the 26-week clock
  kFamilyFindingReferral,    // often before the decision
  kShouldBePlacedDecision,   // the ADM's SHOBPA / BID, from panel-svc
  kPlacementOrder,           // granted by the court (or consent given)
  kPlacementOrderAppeal,     // family finding on hold
  kLinked,                   // a household being explored
  kMatched,                  // the ADM's match, from panel-svc
  kIntroductionsStarted,     // the planned move between match and placement
  kPlaced,                   // moved in (early permanence: with dual-approved carers)
  kAdoptionPlacement,        // an early-permanence placement became an adoption placement
  kAdoptionApplication,      // the adopters applied to the court
  kAdoptionOrder,
  kDisruption,               // the placement ended (before or after the order)
  kPlanChanged,              // adoption is no longer the plan
  kRevocationApplication,    // an application to revoke the placement order: on hold
  kContestedApplication,     // the adoption application is contested
  kChallengeDismissed,       // the appeal, revocation application or contest failed
  kLifeStoryBookDrafted,     // due before the child moves in
  kLifeStoryBookFinished,    // due before the adoption order
};

// Who the household placed with belongs to (reports and inter-agency fees).
enum class PlacementProvider { kInHouse, kOtherLaOrRaa, kVoluntaryAdoptionAgency };

// Who recorded a milestone: family finding itself, the decision maker through
// panel-svc's log, or the agency's old system (an import).
enum class MilestoneOrigin { kFamilyFinding, kPanel, kHistory };

struct Milestone {
  MilestoneKind kind = MilestoneKind::kFamilyFindingReferral;
  platform::Date date;
  std::string household_id;  // linked, matched, introduced to, placed with; empty otherwise
  PlacementProvider provider = PlacementProvider::kInHouse;  // PLACED
  bool early_permanence = false;       // PLACED: with dual-approved carers, before the order
  bool foster_carer_adoption = false;  // PLACED: the child's foster carers adopting
  std::string reason;                  // PLAN_CHANGED, PLACEMENT_ORDER_APPEAL, DISRUPTION
  MilestoneOrigin origin = MilestoneOrigin::kFamilyFinding;
  long long recorded_at = 0;
  std::string recorded_by;
  // Same milestone: kind, date, household and what it says (not who recorded it when).
  bool SameAs(const Milestone& other) const;
};

}  // namespace familyfinding
