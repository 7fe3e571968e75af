#pragma once
// The agency decision maker's decisions (docs/domain.md §3; AAR 2005 regs 19, 27, 30,
// 33): what was decided, on whom, when it was due, and for an adverse decision on
// adopters the qualifying determination and its window for representations.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/statutory.h"

namespace panel {

// In the contract's order.
enum class DecisionKind { kAdopterApproval, kMatch, kShouldBePlaced, kApprovalReview, kApprovalTermination, kPlanChange };
enum class DecisionOutcome { kAgreed, kNotAgreed };
enum class ChildPlan {
  kReturnedHome, kSpecialGuardianship, kLongTermFostering, kPlacementOrderRefused, kPlacementOrderRevoked,
  kAdoptersNotFound, kOther,
};
// Where a qualifying determination stands.
enum class DeterminationState { kOpen, kFinal, kReconsidered };

// The terms of an approval: hard filters in matching, except ethnicities (weighed).
struct ApprovalTerms {
  int min_children = 0, max_children = 0;
  int min_age_years = 0, max_age_years = 0;
  bool sibling_groups = false;
  bool disability_acceptable = false;
  std::string health_needs_acceptable;
  std::vector<std::string> ethnicities;  // census codes
  bool dual_approval = false;            // also approved as foster carers for early permanence
  bool operator==(const ApprovalTerms&) const = default;
};

struct Decision {
  std::string id;
  DecisionKind kind = DecisionKind::kAdopterApproval;
  DecisionOutcome outcome = DecisionOutcome::kAgreed;
  platform::Date decision_date;
  std::optional<platform::Date> panel_date;  // the day the panel heard the case
  // The recommendation followed, when the case went to panel: its agenda item, and
  // its resource name ("panels/{p}/meetings/{m}/agendaItems/{a}/recommendation").
  std::string agenda_item_id;
  std::string recommendation;
  std::optional<platform::Date> recommendation_received_date, decision_due_date;
  bool contrary_to_recommendation = false;
  std::string household_id;            // households/{id} in recruitment-svc
  std::vector<std::string> child_ids;  // children/{id} in familyfinding-svc
  std::optional<ApprovalTerms> approval_terms;
  std::optional<ChildPlan> new_plan;
  std::string reasons, decision_maker;
  std::string decision_maker_local_authority;  // ONS code; empty: the agency's ADM
  bool qualifying_determination = false;
  std::optional<platform::Date> representations_deadline;
  std::optional<DeterminationState> determination_state;
  std::optional<platform::Date> representations_date;  // a reconsidered determination's
  std::string source_id;  // the old system's id, for an imported decision
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;

  bool imported() const { return !source_id.empty(); }
};

// The dated numbers decisions are judged by.
struct DecisionRules {
  int decision_working_days = 0;         // adm_decision_working_days: after the final minutes
  int representations_working_days = 0;  // qualifying_determination_working_days
  static const std::vector<std::string>& Keys();
  // NOT_FOUND when a number was not in force on `day`.
  static absl::StatusOr<DecisionRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// Decisions about a household (approval, review, termination) and about children.
bool OnHousehold(DecisionKind kind);
bool OnChildren(DecisionKind kind);

// Whether the old system's records are required to say who decided and why: a live
// decision must; an imported one may lack them.
enum class Provenance { kLive, kImported };

// A decision's own rules, every violation named under `prefix` ("decision."): the
// subject its kind needs (a household, children, or both for a match); approval
// terms with an agreed approval or review and nowhere else (at least one child,
// maximum not below minimum, ages 0-17 in order); a new plan with a plan change and
// nowhere else; the panel heard the case on or before the decision, which is not
// after `today`; reasons and the decision maker for a live decision.
void ValidateDecision(const Decision& d, platform::Date today, Provenance provenance, const std::string& prefix,
                      platform::Validation& v);

// Fills what follows from the decision under `rules` and `calendar`: an adopter
// approval not agreed is a qualifying determination with its deadline for
// representations (open, or final when it has passed by `today` for an imported
// one); the due date after the recommendation was received. OUT_OF_RANGE when a
// date is beyond the calendar.
absl::Status DeriveDeadlines(Decision& d, const DecisionRules& rules, const platform::WorkingDayCalendar& calendar,
                             platform::Date today);

// Makes an open qualifying determination final, judged on `today`:
// FAILED_PRECONDITION STATE when it is no open determination, WINDOW while the
// period for representations runs (its deadline included).
absl::Status FinaliseDetermination(Decision& d, platform::Date today);
// Reconsiders an open qualifying determination on representations (or an IRM
// application) received on `received`: STATE unless open; INVALID_ARGUMENT
// (representations_date) before the decision or after `today`; WINDOW when they
// came after the deadline.
absl::Status ReconsiderDetermination(Decision& d, platform::Date received, platform::Date today);

// The household statuses (recruitment-svc's names, e.g. "HOUSEHOLD_STATUS_AWAITING_PANEL")
// a decision of `kind` may be taken in. Empty for decisions on children. A live
// approval is of a household recruitment-svc referred to the panel; imported history
// often goes from Stage 2 to the panel with no referral recorded.
const std::vector<std::string>& HouseholdStatusesFor(DecisionKind kind, Provenance provenance);
// FAILED_PRECONDITION (STATE "household {name}") when `status` is not one of them.
absl::Status CheckHouseholdStatus(DecisionKind kind, Provenance provenance, const std::string& household_name,
                                  const std::string& status);

// What familyfinding-svc says of a child, as far as a decision on it needs (its
// names for statuses, e.g. "FAMILY_FINDING_STATUS_LINKED", "LEGAL_STATUS_CONSENT").
struct ChildFacts {
  std::string name;             // "children/{id}"
  std::string local_authority;  // ONS code of the child's LA
  std::string status;
  std::string legal_status;
  bool should_be_placed_decided = false;
};

// FAILED_PRECONDITION naming the child unless a decision of `kind` may be taken on it
// (docs/domain.md §3), heard at panel or not (`with_panel`): a should-be-placed case
// goes to panel for a relinquished child (CONSENT) and to the ADM alone for any
// other, and is decided once (STATE); a match needs the child's should-be-placed
// decision (DECISION) and a child not already matched, placed, adopted or with a new
// plan (STATE); a plan change a child not adopted nor already moved away from
// adoption (STATE). Other kinds take no child.
absl::Status CheckChild(DecisionKind kind, bool with_panel, const ChildFacts& child);

// FAILED_PRECONDITION (AUTHORITY) unless `decision_maker_local_authority` is the
// local authority of every child: a decision on children is their LA's ADM's.
absl::Status CheckChildrensAuthority(const std::string& decision_maker_local_authority,
                                     const std::vector<ChildFacts>& children);
// PERMISSION_DENIED unless a live decision on children is recorded by a decision maker
// of the local authority it names: one of `callers_authorities` (the token's claim).
// A decision on adopters is the agency's own decision maker's and names none.
absl::Status CheckDecisionMakerSpeaksFor(const Decision& d, const std::vector<std::string>& callers_authorities);

// True when `a` and `b` record the same decision (kind, outcome, day, subject, panel
// day, terms, plan): an import given it again changes nothing.
bool SameDecision(const Decision& a, const Decision& b);

// What other contexts hear of a decision (docs/architecture.md "Events").
enum class Publication {
  kNone, kAdopterApproved, kAdopterNotApproved, kApprovalTerminated, kShouldBePlacedDecided, kMatchAgreed,
  kChildPlanChanged, kApprovalReviewed,
};
Publication PublicationOf(const Decision& d);
// An adverse adopter decision is final once its state is FINAL.
bool FinalNotApproved(const Decision& d);

std::string DecisionKindName(DecisionKind k);
std::optional<DecisionKind> ParseDecisionKind(const std::string& name);
std::string DecisionOutcomeName(DecisionOutcome o);
std::optional<DecisionOutcome> ParseDecisionOutcome(const std::string& name);
std::string ChildPlanName(ChildPlan p);
std::optional<ChildPlan> ParseChildPlan(const std::string& name);
std::string DeterminationStateName(DeterminationState s);
std::optional<DeterminationState> ParseDeterminationState(const std::string& name);

}  // namespace panel
