#include "panel-svc/domain/decision.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"

namespace panel {

namespace {
constexpr const char* kKindNames[] = {"ADOPTER_APPROVAL",     "MATCH",
                                      "SHOULD_BE_PLACED",     "APPROVAL_REVIEW",
                                      "APPROVAL_TERMINATION", "PLAN_CHANGE"};
constexpr const char* kOutcomeNames[] = {"AGREED", "NOT_AGREED"};
constexpr const char* kPlanNames[] = {"RETURNED_HOME",            "SPECIAL_GUARDIANSHIP",      "LONG_TERM_FOSTERING",
                                      "PLACEMENT_ORDER_REFUSED",  "PLACEMENT_ORDER_REVOKED",   "ADOPTERS_NOT_FOUND",
                                      "OTHER"};
constexpr const char* kStateNames[] = {"OPEN", "FINAL", "RECONSIDERED"};

constexpr int kOldestAgeYears = 17;  // a child is under 18 when placed
}  // namespace

const std::vector<std::string>& DecisionRules::Keys() {
  static const std::vector<std::string> keys = {"adm_decision_working_days", "qualifying_determination_working_days"};
  return keys;
}

absl::StatusOr<DecisionRules> DecisionRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long decide, table.ValueOn("adm_decision_working_days", day));
  ASSIGN_OR_RETURN(long long represent, table.ValueOn("qualifying_determination_working_days", day));
  return DecisionRules{.decision_working_days = static_cast<int>(decide),
                       .representations_working_days = static_cast<int>(represent)};
}

bool OnHousehold(DecisionKind kind) { return kind != DecisionKind::kShouldBePlaced && kind != DecisionKind::kPlanChange; }
bool OnChildren(DecisionKind kind) {
  return kind == DecisionKind::kMatch || kind == DecisionKind::kShouldBePlaced || kind == DecisionKind::kPlanChange;
}

void ValidateDecision(const Decision& d, platform::Date today, Provenance provenance, const std::string& prefix,
                      platform::Validation& v) {
  const std::string kind = DecisionKindName(d.kind);
  if (OnHousehold(d.kind)) {
    v.Check(!d.household_id.empty(), prefix + "household", absl::StrCat("is required for a ", kind, " decision"));
  } else {
    v.Check(d.household_id.empty(), prefix + "household", absl::StrCat("is not part of a ", kind, " decision"));
  }
  if (OnChildren(d.kind)) {
    v.Check(!d.child_ids.empty(), prefix + "children", absl::StrCat("at least one child is required for a ", kind,
                                                                     " decision"));
  } else {
    v.Check(d.child_ids.empty(), prefix + "children", absl::StrCat("are not part of a ", kind, " decision"));
  }
  for (size_t i = 0; i < d.child_ids.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      v.Check(d.child_ids[i] != d.child_ids[j], absl::StrCat(prefix, "children[", i, "]"), "names a child twice");
    }
  }

  const bool terms_needed = d.outcome == DecisionOutcome::kAgreed &&
                            (d.kind == DecisionKind::kAdopterApproval || d.kind == DecisionKind::kApprovalReview);
  const std::string terms = prefix + "approval_terms";
  if (!terms_needed) {
    v.Check(!d.approval_terms, terms, "are given only with an agreed adopter approval or review");
  } else if (v.Check(d.approval_terms.has_value(), terms, "are required with an agreed adopter approval or review")) {
    const ApprovalTerms& t = *d.approval_terms;
    v.Check(t.min_children >= 1, terms + ".min_children", "must be at least 1");
    v.Check(t.max_children >= t.min_children, terms + ".max_children", "must not be below min_children");
    v.Check(t.min_age_years >= 0 && t.min_age_years <= kOldestAgeYears, terms + ".min_age_years",
            absl::StrCat("must be 0 to ", kOldestAgeYears));
    v.Check(t.max_age_years >= t.min_age_years && t.max_age_years <= kOldestAgeYears, terms + ".max_age_years",
            absl::StrCat("must be min_age_years to ", kOldestAgeYears));
    v.Check(t.sibling_groups || t.max_children <= 1, terms + ".sibling_groups",
            "must be true when more than one child may be placed together");
    for (size_t i = 0; i < t.ethnicities.size(); ++i) {
      v.Check(!t.ethnicities[i].empty() && t.ethnicities[i].size() <= 64,
              absl::StrCat(terms, ".ethnicities[", i, "]"), "must be a census ethnicity code");
    }
  }
  const bool plan_needed = d.kind == DecisionKind::kPlanChange && d.outcome == DecisionOutcome::kAgreed;
  if (plan_needed) {
    v.Check(d.new_plan.has_value(), prefix + "new_plan", "is required with an agreed plan change");
  } else {
    v.Check(!d.new_plan, prefix + "new_plan", "is given only with an agreed plan change");
  }

  v.Check(d.decision_date <= today, prefix + "decision_date",
          absl::StrCat("must not be after today (", platform::FormatDate(today), ")"));
  if (d.panel_date) {
    v.Check(*d.panel_date <= d.decision_date, prefix + "panel_date",
            absl::StrCat("must not be after the decision (", platform::FormatDate(d.decision_date), ")"));
  }
  if (d.recommendation_received_date) {
    v.Check(*d.recommendation_received_date <= d.decision_date, prefix + "recommendation_received_date",
            "must not be after the decision");
    if (d.panel_date) {
      v.Check(*d.recommendation_received_date >= *d.panel_date, prefix + "recommendation_received_date",
              "must not be before the panel heard the case");
    }
  }
  if (!d.decision_maker_local_authority.empty()) {
    // Adopters are the agency's: its own decision maker decides on them; a child's local
    // authority's decides on its children (and their matches).
    if (v.Check(OnChildren(d.kind), prefix + "decision_maker_local_authority",
                absl::StrCat("is given only for a decision on children: the agency's own decision maker takes a ",
                             kind, " decision"))) {
      v.Check(platform::IsLocalAuthorityCode(d.decision_maker_local_authority),
              prefix + "decision_maker_local_authority", "must be the ONS code of a local authority");
    }
  }
  if (provenance == Provenance::kLive) {
    v.Check(!d.reasons.empty(), prefix + "reasons", "is required: the decision maker's reasons");
    v.Check(!d.decision_maker.empty(), prefix + "decision_maker", "is required: who decided");
  }
}

absl::Status DeriveDeadlines(Decision& d, const DecisionRules& rules, const platform::WorkingDayCalendar& calendar,
                             platform::Date today) {
  d.decision_due_date.reset();
  if (d.recommendation_received_date) {
    ASSIGN_OR_RETURN(d.decision_due_date,
                     calendar.AddWorkingDays(*d.recommendation_received_date, rules.decision_working_days));
  }
  d.qualifying_determination = d.kind == DecisionKind::kAdopterApproval && d.outcome == DecisionOutcome::kNotAgreed;
  d.representations_deadline.reset();
  d.determination_state.reset();
  if (d.qualifying_determination) {
    ASSIGN_OR_RETURN(d.representations_deadline,
                     calendar.AddWorkingDays(d.decision_date, rules.representations_working_days));
    // The old system's determination whose window has closed was made final there.
    d.determination_state = d.imported() && *d.representations_deadline < today ? DeterminationState::kFinal
                                                                                  : DeterminationState::kOpen;
  }
  return absl::OkStatus();
}

namespace {
absl::Status OpenDetermination(const Decision& d) {
  if (d.qualifying_determination && d.determination_state == DeterminationState::kOpen) return absl::OkStatus();
  const std::string state =
      d.determination_state ? DeterminationStateName(*d.determination_state) : std::string("no determination");
  return platform::FailedPrecondition(
      "only an open qualifying determination is made final or reconsidered",
      {{"STATE", absl::StrCat("decisions/", d.id),
        d.qualifying_determination ? absl::StrCat("the determination is ", state)
                                   : "the decision is not a qualifying determination"}});
}
}  // namespace

absl::Status FinaliseDetermination(Decision& d, platform::Date today) {
  RETURN_IF_ERROR(OpenDetermination(d));
  if (today <= *d.representations_deadline) {
    return platform::FailedPrecondition(
        "the applicants may still make representations or apply to the IRM",
        {{"WINDOW", absl::StrCat("decisions/", d.id),
          absl::StrCat("open until ", platform::FormatDate(*d.representations_deadline))}});
  }
  d.determination_state = DeterminationState::kFinal;
  return absl::OkStatus();
}

absl::Status ReconsiderDetermination(Decision& d, platform::Date received, platform::Date today) {
  RETURN_IF_ERROR(OpenDetermination(d));
  platform::Validation v;
  v.Check(received >= d.decision_date && received <= today, "representations_date",
          absl::StrCat("must be from the decision (", platform::FormatDate(d.decision_date), ") to today"));
  RETURN_IF_ERROR(v.Status());
  if (received > *d.representations_deadline) {
    return platform::FailedPrecondition(
        "the representations came after the period for them",
        {{"WINDOW", absl::StrCat("decisions/", d.id),
          absl::StrCat("the period ended on ", platform::FormatDate(*d.representations_deadline))}});
  }
  d.determination_state = DeterminationState::kReconsidered;
  d.representations_date = received;
  return absl::OkStatus();
}

const std::vector<std::string>& HouseholdStatusesFor(DecisionKind kind, Provenance provenance) {
  static const std::vector<std::string> referred = {"HOUSEHOLD_STATUS_AWAITING_PANEL"};
  static const std::vector<std::string> assessed = {"HOUSEHOLD_STATUS_STAGE_TWO", "HOUSEHOLD_STATUS_AWAITING_PANEL"};
  static const std::vector<std::string> approved = {"HOUSEHOLD_STATUS_APPROVED", "HOUSEHOLD_STATUS_LINKED",
                                                    "HOUSEHOLD_STATUS_MATCHED"};
  static const std::vector<std::string> none;
  switch (kind) {
    case DecisionKind::kAdopterApproval:
      return provenance == Provenance::kLive ? referred : assessed;
    case DecisionKind::kApprovalReview:
    case DecisionKind::kApprovalTermination:
      return approved;
    case DecisionKind::kMatch:
      return approved;
    default:
      return none;
  }
}

absl::Status CheckHouseholdStatus(DecisionKind kind, Provenance provenance, const std::string& household_name,
                                  const std::string& status) {
  const auto& allowed = HouseholdStatusesFor(kind, provenance);
  for (const auto& s : allowed) {
    if (s == status) return absl::OkStatus();
  }
  return platform::FailedPrecondition(
      absl::StrCat("a ", DecisionKindName(kind), " decision cannot be taken on a household that is ", status),
      {{"STATE", household_name,
        absl::StrCat("status is ", status, "; a ", DecisionKindName(kind), " decision needs one of ",
                     absl::StrJoin(allowed, ", "))}});
}

namespace {
constexpr char kConsented[] = "LEGAL_STATUS_CONSENT";
bool Among(const std::string& status, std::initializer_list<const char*> statuses) {
  for (const char* s : statuses) {
    if (status == s) return true;
  }
  return false;
}
}  // namespace

absl::Status CheckChild(DecisionKind kind, bool with_panel, const ChildFacts& child) {
  const std::string what = DecisionKindName(kind);
  auto refuse = [&](const char* type, const std::string& description) {
    return platform::FailedPrecondition(absl::StrCat("a ", what, " decision cannot be taken on ", child.name, ": ",
                                                     description),
                                        {{type, child.name, description}});
  };
  const bool ended = Among(child.status, {"FAMILY_FINDING_STATUS_ADOPTED", "FAMILY_FINDING_STATUS_PLAN_CHANGED"});
  switch (kind) {
    case DecisionKind::kShouldBePlaced:
      if (with_panel && child.legal_status != kConsented) {
        return refuse("CONSENT", absl::StrCat("legal status is ", child.legal_status,
                                              "; the panel hears should-be-placed cases only for a relinquished "
                                              "child (LEGAL_STATUS_CONSENT): the ADM decides the others without panel"));
      }
      if (!with_panel && child.legal_status == kConsented) {
        return refuse("CONSENT", "the child is relinquished (LEGAL_STATUS_CONSENT): the case goes to panel first");
      }
      if (child.should_be_placed_decided || ended) {
        return refuse("STATE", child.should_be_placed_decided
                                   ? "a should-be-placed decision is already recorded"
                                   : absl::StrCat("status is ", child.status));
      }
      return absl::OkStatus();
    case DecisionKind::kMatch:
      if (!child.should_be_placed_decided) {
        return refuse("DECISION", "no should-be-placed decision is recorded: a child is matched only after it");
      }
      if (ended || Among(child.status, {"FAMILY_FINDING_STATUS_MATCHED_AWAITING_PLACEMENT",
                                        "FAMILY_FINDING_STATUS_PLACED"})) {
        return refuse("STATE", absl::StrCat("status is ", child.status));
      }
      return absl::OkStatus();
    case DecisionKind::kPlanChange:
      if (ended) return refuse("STATE", absl::StrCat("status is ", child.status));
      return absl::OkStatus();
    case DecisionKind::kAdopterApproval:
    case DecisionKind::kApprovalReview:
    case DecisionKind::kApprovalTermination:
      break;
  }
  return absl::OkStatus();
}

absl::Status CheckChildrensAuthority(const std::string& decision_maker_local_authority,
                                     const std::vector<ChildFacts>& children) {
  std::vector<platform::PreconditionViolation> problems;
  for (const auto& child : children) {
    if (child.local_authority == decision_maker_local_authority) continue;
    problems.push_back({"AUTHORITY", child.name,
                        absl::StrCat("the child's local authority is ", child.local_authority,
                                     "; a decision on a child is taken by its own local authority's decision maker "
                                     "(decision_maker_local_authority ",
                                     decision_maker_local_authority.empty() ? "is empty"
                                                                            : "is " + decision_maker_local_authority,
                                     ")")});
  }
  if (problems.empty()) return absl::OkStatus();
  return platform::FailedPrecondition("a decision on a child is its local authority's decision maker's",
                                      std::move(problems));
}

absl::Status CheckDecisionMakerSpeaksFor(const Decision& d, const std::vector<std::string>& callers_authorities) {
  if (!OnChildren(d.kind) || d.decision_maker_local_authority.empty()) return absl::OkStatus();
  for (const auto& la : callers_authorities) {
    if (la == d.decision_maker_local_authority) return absl::OkStatus();
  }
  return platform::PermissionDenied(absl::StrCat(
      "decision_maker_local_authority ", d.decision_maker_local_authority,
      " is not an authority this decision maker decides for (the token's local_authorities): a decision on a "
      "child is recorded by its own local authority's decision maker"));
}

bool SameDecision(const Decision& a, const Decision& b) {
  return a.kind == b.kind && a.outcome == b.outcome && a.decision_date == b.decision_date &&
         a.household_id == b.household_id && a.child_ids == b.child_ids && a.panel_date == b.panel_date &&
         a.approval_terms == b.approval_terms && a.new_plan == b.new_plan;
}

Publication PublicationOf(const Decision& d) {
  switch (d.kind) {
    case DecisionKind::kAdopterApproval:
      return d.outcome == DecisionOutcome::kAgreed ? Publication::kAdopterApproved : Publication::kAdopterNotApproved;
    case DecisionKind::kApprovalTermination:
      return d.outcome == DecisionOutcome::kAgreed ? Publication::kApprovalTerminated : Publication::kNone;
    case DecisionKind::kMatch:
      return d.outcome == DecisionOutcome::kAgreed ? Publication::kMatchAgreed : Publication::kNone;
    case DecisionKind::kShouldBePlaced:
      return d.outcome == DecisionOutcome::kAgreed ? Publication::kShouldBePlacedDecided : Publication::kNone;
    case DecisionKind::kPlanChange:
      return d.outcome == DecisionOutcome::kAgreed ? Publication::kChildPlanChanged : Publication::kNone;
    case DecisionKind::kApprovalReview:
      // The approval goes on, on the review's terms (a review ending it is a termination).
      return d.outcome == DecisionOutcome::kAgreed ? Publication::kApprovalReviewed : Publication::kNone;
  }
  return Publication::kNone;
}

bool FinalNotApproved(const Decision& d) {
  return d.qualifying_determination && d.determination_state == DeterminationState::kFinal;
}

std::string DecisionKindName(DecisionKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<DecisionKind> ParseDecisionKind(const std::string& name) {
  return platform::EnumFromName<DecisionKind>(kKindNames, name);
}
std::string DecisionOutcomeName(DecisionOutcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<DecisionOutcome> ParseDecisionOutcome(const std::string& name) {
  return platform::EnumFromName<DecisionOutcome>(kOutcomeNames, name);
}
std::string ChildPlanName(ChildPlan p) { return kPlanNames[static_cast<int>(p)]; }
std::optional<ChildPlan> ParseChildPlan(const std::string& name) {
  return platform::EnumFromName<ChildPlan>(kPlanNames, name);
}
std::string DeterminationStateName(DeterminationState s) { return kStateNames[static_cast<int>(s)]; }
std::optional<DeterminationState> ParseDeterminationState(const std::string& name) {
  return platform::EnumFromName<DeterminationState>(kStateNames, name);
}

}  // namespace panel
