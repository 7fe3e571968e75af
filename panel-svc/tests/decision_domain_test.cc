// The decision maker's decisions: what each kind needs, the working-day deadlines
// across bank holidays, the qualifying determination, the household statuses a
// decision may be taken in, and what each decision publishes.
#include <gtest/gtest.h>

#include "panel-svc/domain/decision.h"
#include "platform/core/statutory.h"

namespace panel {
namespace {

using platform::Date;

ApprovalTerms OneChildUnderFive() {
  return ApprovalTerms{.min_children = 1, .max_children = 1, .min_age_years = 0, .max_age_years = 4};
}

Decision Approval(Date day) {
  Decision d;
  d.kind = DecisionKind::kAdopterApproval;
  d.outcome = DecisionOutcome::kAgreed;
  d.decision_date = day;
  d.household_id = "h1";
  d.approval_terms = OneChildUnderFive();
  d.reasons = "Warm, reflective applicants with a strong network.";
  d.decision_maker = "A. Director";
  return d;
}

std::vector<std::string> Fields(const Decision& d, Provenance provenance = Provenance::kLive,
                                Date today = Date(2025, 6, 30)) {
  platform::Validation v;
  ValidateDecision(d, today, provenance, "decision.", v);
  std::vector<std::string> out;
  for (const auto& violation : v.violations()) out.push_back(violation.field);
  return out;
}

DecisionRules Rules() { return DecisionRules::On(platform::StatutoryTable::Defaults(), Date(2025, 4, 1)).value(); }
const platform::WorkingDayCalendar& Calendar() { return platform::WorkingDayCalendar::EnglandAndWales(); }

TEST(Decision, TheDefaultsAreTheStatutoryTimescales) {
  EXPECT_EQ(Rules().decision_working_days, 7);
  EXPECT_EQ(Rules().representations_working_days, 40);
}

TEST(Decision, AnAgreedApprovalNeedsItsTermsAndNothingOfChildren) {
  EXPECT_TRUE(Fields(Approval(Date(2025, 6, 2))).empty());
  Decision no_terms = Approval(Date(2025, 6, 2));
  no_terms.approval_terms.reset();
  EXPECT_EQ(Fields(no_terms), std::vector<std::string>{"decision.approval_terms"});
  Decision with_child = Approval(Date(2025, 6, 2));
  with_child.child_ids = {"c1"};
  EXPECT_EQ(Fields(with_child), std::vector<std::string>{"decision.children"});
  Decision nobody = Approval(Date(2025, 6, 2));
  nobody.household_id.clear();
  EXPECT_EQ(Fields(nobody), std::vector<std::string>{"decision.household"});
  // The agency's own decision maker decides on adopters, live or in the old system.
  Decision by_authority = Approval(Date(2025, 6, 2));
  by_authority.decision_maker_local_authority = "E09000006";
  EXPECT_EQ(Fields(by_authority), std::vector<std::string>{"decision.decision_maker_local_authority"});
  EXPECT_EQ(Fields(by_authority, Provenance::kImported),
            std::vector<std::string>{"decision.decision_maker_local_authority"});
}

TEST(Decision, ADecisionOnChildrenIsRecordedByADecisionMakerOfTheAuthorityItNames) {
  Decision d;
  d.kind = DecisionKind::kShouldBePlaced;
  d.child_ids = {"c1"};
  d.decision_maker_local_authority = "E09000006";
  EXPECT_TRUE(CheckDecisionMakerSpeaksFor(d, {"E08000018", "E09000006"}).ok());
  EXPECT_EQ(CheckDecisionMakerSpeaksFor(d, {"E08000018"}).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckDecisionMakerSpeaksFor(d, {}).code(), absl::StatusCode::kPermissionDenied);
  // On adopters: the agency's decision maker, whatever authorities the token names.
  EXPECT_TRUE(CheckDecisionMakerSpeaksFor(Approval(Date(2025, 6, 2)), {}).ok());
}

TEST(Decision, TermsThatCannotBeAreNamedFieldByField) {
  Decision d = Approval(Date(2025, 6, 2));
  d.approval_terms = ApprovalTerms{.min_children = 0, .max_children = 3, .min_age_years = 5, .max_age_years = 18};
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"decision.approval_terms.min_children",
                                                  "decision.approval_terms.max_age_years",
                                                  "decision.approval_terms.sibling_groups"}));
  d.approval_terms = ApprovalTerms{.min_children = 2, .max_children = 1, .min_age_years = 6, .max_age_years = 4};
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"decision.approval_terms.max_children",
                                                  "decision.approval_terms.max_age_years"}));
  d.approval_terms = ApprovalTerms{.min_children = 1, .max_children = 2, .max_age_years = 8, .sibling_groups = true,
                                   .ethnicities = {"WBRI", ""}};
  EXPECT_EQ(Fields(d), std::vector<std::string>{"decision.approval_terms.ethnicities[1]"});
}

TEST(Decision, ANonApprovalCarriesNoTermsAndAPlanChangeNeedsItsPlan) {
  Decision d = Approval(Date(2025, 6, 2));
  d.outcome = DecisionOutcome::kNotAgreed;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"decision.approval_terms"});
  d.approval_terms.reset();
  EXPECT_TRUE(Fields(d).empty());

  Decision plan;
  plan.kind = DecisionKind::kPlanChange;
  plan.decision_date = Date(2025, 6, 2);
  plan.child_ids = {"c1", "c1"};
  plan.reasons = "Returning home";
  plan.decision_maker = "LA ADM";
  EXPECT_EQ(Fields(plan), (std::vector<std::string>{"decision.children[1]", "decision.new_plan"}));
  plan.child_ids = {"c1"};
  plan.new_plan = ChildPlan::kReturnedHome;
  EXPECT_TRUE(Fields(plan).empty());
  plan.household_id = "h1";
  EXPECT_EQ(Fields(plan), std::vector<std::string>{"decision.household"});
}

TEST(Decision, DatesRunPanelThenMinutesThenDecisionAndNotBeyondToday) {
  Decision d = Approval(Date(2025, 6, 2));
  d.panel_date = Date(2025, 6, 3);
  d.recommendation_received_date = Date(2025, 6, 1);
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"decision.panel_date", "decision.recommendation_received_date"}));
  d.panel_date = Date(2025, 5, 20);
  d.recommendation_received_date = Date(2025, 5, 27);
  EXPECT_TRUE(Fields(d).empty());
  EXPECT_EQ(Fields(d, Provenance::kLive, Date(2025, 6, 1)), std::vector<std::string>{"decision.decision_date"});
}

TEST(Decision, ALiveDecisionSaysWhoDecidedAndWhyAnImportedOneMayNot) {
  Decision d = Approval(Date(2025, 6, 2));
  d.reasons.clear();
  d.decision_maker.clear();
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"decision.reasons", "decision.decision_maker"}));
  EXPECT_TRUE(Fields(d, Provenance::kImported).empty());
}

// Received Monday 14 April 2025: Good Friday (18th) and Easter Monday (21st) do not
// count, so the seventh working day is Friday the 25th.
TEST(Decision, TheDecisionIsDueSevenWorkingDaysAfterTheMinutesAcrossEaster) {
  Decision d = Approval(Date(2025, 4, 24));
  d.recommendation_received_date = Date(2025, 4, 14);
  ASSERT_TRUE(DeriveDeadlines(d, Rules(), Calendar(), Date(2025, 6, 30)).ok());
  EXPECT_EQ(d.decision_due_date, Date(2025, 4, 25));
  EXPECT_FALSE(d.qualifying_determination);
  EXPECT_FALSE(d.representations_deadline.has_value());
  EXPECT_FALSE(d.determination_state.has_value());
}

// Thursday 20 March 2025 + 40 working days, without Good Friday, Easter Monday and
// the early May bank holiday: Tuesday 20 May.
TEST(Decision, ANonApprovalIsAQualifyingDeterminationOpenForFortyWorkingDays) {
  Decision d = Approval(Date(2025, 3, 20));
  d.outcome = DecisionOutcome::kNotAgreed;
  d.approval_terms.reset();
  ASSERT_TRUE(DeriveDeadlines(d, Rules(), Calendar(), Date(2025, 6, 30)).ok());
  EXPECT_TRUE(d.qualifying_determination);
  EXPECT_EQ(d.representations_deadline, Date(2025, 5, 20));
  EXPECT_EQ(d.determination_state, DeterminationState::kOpen);  // live: closed only by a decision to
  EXPECT_FALSE(FinalNotApproved(d));
  EXPECT_EQ(PublicationOf(d), Publication::kAdopterNotApproved);

  // The old system's determination whose window closed before today was made final there.
  d.source_id = "OLD-1";
  ASSERT_TRUE(DeriveDeadlines(d, Rules(), Calendar(), Date(2025, 5, 21)).ok());
  EXPECT_EQ(d.determination_state, DeterminationState::kFinal);
  EXPECT_TRUE(FinalNotApproved(d));
  ASSERT_TRUE(DeriveDeadlines(d, Rules(), Calendar(), Date(2025, 5, 20)).ok());
  EXPECT_EQ(d.determination_state, DeterminationState::kOpen);

  // A termination not agreed is no determination about suitability.
  Decision kept = d;
  kept.kind = DecisionKind::kApprovalTermination;
  ASSERT_TRUE(DeriveDeadlines(kept, Rules(), Calendar(), Date(2025, 6, 30)).ok());
  EXPECT_FALSE(kept.qualifying_determination);
}

// Not approved on 20 March 2025; representations are open to 20 May.
TEST(Decision, ADeterminationIsMadeFinalOnlyAfterItsWindowAndReconsideredOnlyWithinIt) {
  Decision d = Approval(Date(2025, 3, 20));
  d.id = "d1";
  d.outcome = DecisionOutcome::kNotAgreed;
  d.approval_terms.reset();
  ASSERT_TRUE(DeriveDeadlines(d, Rules(), Calendar(), Date(2025, 3, 20)).ok());
  absl::Status early = FinaliseDetermination(d, Date(2025, 5, 20));
  EXPECT_EQ(early.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(early.message().find("representations"), std::string::npos);
  EXPECT_EQ(d.determination_state, DeterminationState::kOpen);

  Decision late = d;
  EXPECT_EQ(ReconsiderDetermination(late, Date(2025, 5, 21), Date(2025, 6, 1)).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReconsiderDetermination(late, Date(2025, 3, 19), Date(2025, 6, 1)).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReconsiderDetermination(late, Date(2025, 6, 2), Date(2025, 6, 1)).code(),
            absl::StatusCode::kInvalidArgument);
  Decision reconsidered = d;
  ASSERT_TRUE(ReconsiderDetermination(reconsidered, Date(2025, 5, 20), Date(2025, 6, 1)).ok());
  EXPECT_EQ(reconsidered.determination_state, DeterminationState::kReconsidered);
  EXPECT_EQ(reconsidered.representations_date, Date(2025, 5, 20));
  EXPECT_EQ(FinaliseDetermination(reconsidered, Date(2025, 6, 1)).code(), absl::StatusCode::kFailedPrecondition);

  ASSERT_TRUE(FinaliseDetermination(d, Date(2025, 5, 21)).ok());
  EXPECT_TRUE(FinalNotApproved(d));
  EXPECT_EQ(FinaliseDetermination(d, Date(2025, 5, 22)).code(), absl::StatusCode::kFailedPrecondition);
  Decision approval = Approval(Date(2025, 3, 20));
  EXPECT_EQ(FinaliseDetermination(approval, Date(2025, 6, 1)).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Decision, ADateBeyondTheCalendarIsOutOfRange) {
  Decision d = Approval(Date(2040, 12, 20));
  d.outcome = DecisionOutcome::kNotAgreed;
  d.approval_terms.reset();
  EXPECT_EQ(DeriveDeadlines(d, Rules(), Calendar(), Date(2041, 1, 1)).code(), absl::StatusCode::kOutOfRange);
}

TEST(Decision, AnApprovalIsTakenOnlyOnAReferredHouseholdAndATerminationOnAnApprovedOne) {
  constexpr auto kLive = Provenance::kLive;
  constexpr auto kImported = Provenance::kImported;
  const std::string h = "households/h1";
  EXPECT_TRUE(CheckHouseholdStatus(DecisionKind::kAdopterApproval, kLive, h, "HOUSEHOLD_STATUS_AWAITING_PANEL").ok());
  // Live, the household is heard once recruitment-svc has referred it.
  absl::Status unreferred = CheckHouseholdStatus(DecisionKind::kAdopterApproval, kLive, h, "HOUSEHOLD_STATUS_STAGE_TWO");
  EXPECT_EQ(unreferred.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(unreferred.ToString().find("needs one of HOUSEHOLD_STATUS_AWAITING_PANEL"), std::string::npos) << unreferred;
  // Imported history often has no referral recorded.
  EXPECT_TRUE(CheckHouseholdStatus(DecisionKind::kAdopterApproval, kImported, h, "HOUSEHOLD_STATUS_STAGE_TWO").ok());
  EXPECT_TRUE(
      CheckHouseholdStatus(DecisionKind::kAdopterApproval, kImported, h, "HOUSEHOLD_STATUS_AWAITING_PANEL").ok());
  absl::Status again = CheckHouseholdStatus(DecisionKind::kAdopterApproval, kImported, h, "HOUSEHOLD_STATUS_APPROVED");
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(again.message().find("HOUSEHOLD_STATUS_APPROVED"), std::string::npos) << again;
  EXPECT_TRUE(CheckHouseholdStatus(DecisionKind::kApprovalTermination, kLive, h, "HOUSEHOLD_STATUS_MATCHED").ok());
  EXPECT_EQ(CheckHouseholdStatus(DecisionKind::kApprovalTermination, kLive, h, "HOUSEHOLD_STATUS_STAGE_TWO").code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(Decision, TheSameDecisionIsTheSameKindOutcomeDaySubjectAndTerms) {
  Decision a = Approval(Date(2025, 6, 2));
  Decision b = a;
  b.id = "other";
  b.reasons = "worded differently";
  EXPECT_TRUE(SameDecision(a, b));
  b.decision_date = Date(2025, 6, 3);
  EXPECT_FALSE(SameDecision(a, b));
  b = a;
  b.approval_terms->dual_approval = true;
  EXPECT_FALSE(SameDecision(a, b));
  b = a;
  b.panel_date = Date(2025, 5, 20);
  EXPECT_FALSE(SameDecision(a, b));
}

TEST(Decision, EachAgreedDecisionPublishesWhatTheOtherContextsFollow) {
  Decision d = Approval(Date(2025, 6, 2));
  EXPECT_EQ(PublicationOf(d), Publication::kAdopterApproved);
  d.kind = DecisionKind::kApprovalTermination;
  EXPECT_EQ(PublicationOf(d), Publication::kApprovalTerminated);
  d.kind = DecisionKind::kMatch;
  EXPECT_EQ(PublicationOf(d), Publication::kMatchAgreed);
  d.kind = DecisionKind::kShouldBePlaced;
  EXPECT_EQ(PublicationOf(d), Publication::kShouldBePlacedDecided);
  d.kind = DecisionKind::kPlanChange;
  EXPECT_EQ(PublicationOf(d), Publication::kChildPlanChanged);
  d.kind = DecisionKind::kApprovalReview;
  EXPECT_EQ(PublicationOf(d), Publication::kApprovalReviewed);
  d.kind = DecisionKind::kMatch;
  d.outcome = DecisionOutcome::kNotAgreed;
  EXPECT_EQ(PublicationOf(d), Publication::kNone);
  d.kind = DecisionKind::kApprovalReview;
  EXPECT_EQ(PublicationOf(d), Publication::kNone);
}

TEST(Decision, NamesRoundTrip) {
  for (auto k : {DecisionKind::kAdopterApproval, DecisionKind::kMatch, DecisionKind::kShouldBePlaced,
                 DecisionKind::kApprovalReview, DecisionKind::kApprovalTermination, DecisionKind::kPlanChange}) {
    EXPECT_EQ(ParseDecisionKind(DecisionKindName(k)), k);
  }
  EXPECT_FALSE(ParseDecisionKind("APPROVED").has_value());
  EXPECT_EQ(ParseDeterminationState("FINAL"), DeterminationState::kFinal);
}

}  // namespace
}  // namespace panel
