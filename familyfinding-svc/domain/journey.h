#pragma once
// A child's journey as dated milestones (docs/domain.md §2): each is recorded once, in
// date order, and kept; the child's status, legal status and milestone dates are
// where the milestones leave it. Family finding records most itself; the agency
// decision maker's should-be-placed decisions and matches arrive from panel-svc.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/milestone.h"
#include "platform/core/calendar.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// The numbers the milestones are judged by (config/statutory.tsv).
struct MilestoneRules {
  int placement_to_application_weeks = 10;  // ACA 2002 s.42(2)
  int foster_carer_application_months = 12;  // ACA 2002 s.42(4)
  static const std::vector<std::string>& Keys();
  // NOT_FOUND when a number was not in force on `day`.
  static absl::StatusOr<MilestoneRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// Records `m` on `child` (its milestones, status, legal status, milestone dates and
// household), stamped by `revision`. INVALID_ARGUMENT for a date in the future or a
// missing household or reason (fields under `prefix`); FAILED_PRECONDITION naming the
// rule (type ORDER or STATE, subject the milestone) when it is out of order: before
// the last milestone or before entering care, a placement order without a decision
// (or consent), a match without a decision, a placement (not early permanence)
// without a placement order and a match with that household, an application sooner
// than the rules allow after moving in, an order without an adoption placement,
// anything after a change of plan or (but a disruption) after the order. Early
// permanence and foster carers adopting are placed first and become adoption
// placements later (ADOPTION_PLACEMENT, after the order and the match). The same
// milestone on the same day as the last of its kind, whoever records it (a replayed
// event, a sibling's match), changes nothing: returns false. True when recorded.
absl::StatusOr<bool> RecordMilestone(Child& child, Milestone m, const MilestoneRules& rules,
                                     const platform::Revision& revision, const std::string& prefix = "milestone.");

// Takes `history` (the old system's milestones that family finding records itself,
// in order) on `child`. The child's stored milestones of origin kHistory or
// kFamilyFinding and the history must agree as far as both go (SameAs): those are
// skipped and the rest recorded in order (a shorter history changes nothing); the
// decisions from panel-svc stay where they are. Returns
// how many were added (0: unchanged). Refusals name milestones[i]: FAILED_PRECONDITION
// IMPORT when the stored milestones differ from the history's, the milestone's own
// refusals otherwise.
absl::StatusOr<int> ApplyHistory(Child& child, const std::vector<Milestone>& history, const MilestoneRules& rules,
                                 const platform::Revision& revision);

// True for the milestones panel-svc's decisions bring (never imported or recorded here).
bool FromDecisionMaker(MilestoneKind kind);

// The life story book is late: the child moved in with no draft by then, or the
// adoption order was made with the book not finished by then (docs/domain.md §2).
bool LifeStoryBookLate(const Child& child, platform::Date today);

// The child's adoption placement: the last PLACED on or before `on` (the adoption
// order, for the scorecard), nullptr when there is none.
const Milestone* AdoptionPlacement(const Child& child, platform::Date on);
// The day a placement became an adoption placement: the PLACED day, or for early
// permanence and foster carers adopting the ADOPTION_PLACEMENT after it (nullopt
// while it is not yet one).
std::optional<platform::Date> AdoptionPlacementDate(const Child& child, const Milestone& placed);
// The first milestone of `kind`, or the last; nullptr when none.
const Milestone* FirstOf(const Child& child, MilestoneKind kind);
const Milestone* LastOf(const Child& child, MilestoneKind kind, std::optional<platform::Date> on = std::nullopt);

std::string MilestoneKindName(MilestoneKind k);
std::optional<MilestoneKind> ParseMilestoneKind(const std::string& name);
std::string ProviderName(PlacementProvider p);
std::optional<PlacementProvider> ParseProvider(const std::string& name);
std::string OriginName(MilestoneOrigin o);
std::optional<MilestoneOrigin> ParseOrigin(const std::string& name);

}  // namespace familyfinding
