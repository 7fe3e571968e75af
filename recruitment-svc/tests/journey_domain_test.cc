#include <gtest/gtest.h>

#include <algorithm>

#include "platform/core/errors.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/journey.h"

namespace recruitment {
namespace {

using platform::Date;
using E = JourneyEvent;
using S = HouseholdStatus;

const Date kToday(2025, 12, 1);

Household Registered(Route route = Route::kStandard) {
  HouseholdDetails d;
  d.applicants = {{"Sam", "Okafor", Date(1985, 3, 2), ""}};
  d.family_structure = FamilyStructure::kSingle;
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 1, 6);
  d.route = route;
  d.second_time_adopters = route == Route::kFastTrack;
  d.foster_carers = route == Route::kKnownChild;
  return RegisterHousehold("h1", d, "worker", 1);
}

platform::Revision By(const std::string& actor, long long at = 100) {
  return {.actor = actor, .at = at, .today = kToday};
}

const JourneyRules kRules{.stage_one = {.personal_references_min = 3}};

absl::Status Take(Household& h, E event, Date date, std::string reason = "",
                  StepOrigin origin = StepOrigin::kRecruitment) {
  return TakeStep(h, Move{event, date, std::move(reason)}, origin, kRules, By("worker"));
}

// Every Stage 1 check of a single adopter, satisfactory (stage_one_domain_test has the rest).
void SatisfyStageOne(Household& h) {
  for (CheckKind kind :
       {CheckKind::kEnhancedDbs, CheckKind::kMedical, CheckKind::kLocalAuthority, CheckKind::kEmployerReference,
        CheckKind::kExPartner, CheckKind::kFinancial, CheckKind::kHomeSafety, CheckKind::kPreparationTraining,
        CheckKind::kPersonalReference, CheckKind::kPersonalReference, CheckKind::kPersonalReference}) {
    StageOneCheck c;
    c.kind = kind;
    c.ordinal = static_cast<int>(h.stage_one_checks.size()) + 1;
    c.received = Date(2025, 2, 1);
    c.outcome = CheckOutcome::kSatisfactory;
    ASSERT_TRUE(RecordCheck(h, c, By("worker"), "check.").ok());
  }
}

// The standard route from enquiry to approval, each step a day apart.
void Standard(Household& h, E until) {
  const std::vector<std::pair<E, StepOrigin>> path = {{E::kInfoSessionBooked, StepOrigin::kRecruitment},
                                                      {E::kInfoSessionAttended, StepOrigin::kRecruitment},
                                                      {E::kRoiReceived, StepOrigin::kRecruitment},
                                                      {E::kRoiAccepted, StepOrigin::kRecruitment},
                                                      {E::kStageOneStarted, StepOrigin::kRecruitment},
                                                      {E::kStageOneCompleted, StepOrigin::kRecruitment},
                                                      {E::kStageTwoStarted, StepOrigin::kRecruitment},
                                                      {E::kReferredToPanel, StepOrigin::kRecruitment},
                                                      {E::kApproved, StepOrigin::kPanel},
                                                      {E::kMatched, StepOrigin::kPanel},
                                                      {E::kChildPlaced, StepOrigin::kFamilyFinding},
                                                      {E::kAdoptionOrder, StepOrigin::kFamilyFinding}};
  Date day(2025, 2, 1);
  for (const auto& [event, origin] : path) {
    if (event == E::kStageOneCompleted) SatisfyStageOne(h);
    if (event == E::kReferredToPanel) {
      ASSERT_TRUE(RecordStageTwo(h, {.home_study_sessions = 6, .final_training = day, .par_completed = day},
                                 By("worker"), "progress.")
                      .ok());
    }
    ASSERT_TRUE(Take(h, event, day, "", origin).ok()) << EventName(event) << " from " << StatusName(h.status);
    day = day + 1;
    if (event == until) return;
  }
}

TEST(Journey, TheStandardRouteRunsFromEnquiryToAdoptionOrder) {
  Household h = Registered();
  Standard(h, E::kAdoptionOrder);
  EXPECT_EQ(h.status, S::kAdoptionOrder);
  ASSERT_EQ(h.journey.size(), 12u);
  EXPECT_EQ(h.journey[3].event, E::kRoiAccepted);
  EXPECT_EQ(h.journey[3].from, S::kRoiReceived);
  EXPECT_EQ(h.journey[3].to, S::kRoiReceived);  // a decision that does not move the status
  EXPECT_EQ(h.journey[4].to, S::kStageOne);
  EXPECT_EQ(h.journey[4].recorded_by, "worker");
  EXPECT_EQ(LastDateOf(h, E::kStageOneStarted), Date(2025, 2, 5));
  EXPECT_EQ(LastDateOf(h, E::kBreakStarted), std::nullopt);
}

TEST(Journey, EachStepStampsTheHousehold) {
  Household h = Registered();
  ASSERT_TRUE(
      TakeStep(h, Move{E::kInitialVisit, Date(2025, 2, 1), ""}, StepOrigin::kRecruitment, kRules, By("another", 555))
          .ok());
  EXPECT_EQ(h.updated_by, "another");
  EXPECT_EQ(h.updated_at, 555);
  EXPECT_EQ(h.journey.back().recorded_at, 555);
}

TEST(Journey, AMoveTheStatusDoesNotAllowNamesTheStatusAndTheAllowedMoves) {
  Household h = Registered();
  absl::Status s = Take(h, E::kStageOneCompleted, Date(2025, 2, 1));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("ENQUIRY"), std::string::npos) << s;
  EXPECT_TRUE(h.journey.empty());
  EXPECT_EQ(h.status, S::kEnquiry);
  EXPECT_EQ(NextSteps(h, StepOrigin::kRecruitment),
            (std::vector<E>{E::kInfoSessionBooked, E::kInitialVisit, E::kRoiReceived, E::kWithdrawn}));
}

TEST(Journey, StageOneStartsOnlyOnAnAcceptedRoiAcceptedOnce) {
  Household h = Registered();
  ASSERT_TRUE(Take(h, E::kRoiReceived, Date(2025, 2, 1)).ok());
  EXPECT_EQ(Take(h, E::kStageOneStarted, Date(2025, 2, 2)).code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(Take(h, E::kRoiAccepted, Date(2025, 2, 3)).ok());
  EXPECT_EQ(Take(h, E::kRoiAccepted, Date(2025, 2, 3)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Take(h, E::kRoiDeclined, Date(2025, 2, 3), "changed our mind").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Take(h, E::kStageOneStarted, Date(2025, 2, 4)).ok());
}

TEST(Journey, ADeclinedRoiNeedsAReasonAndEndsTheJourney) {
  Household h = Registered();
  ASSERT_TRUE(Take(h, E::kRoiReceived, Date(2025, 2, 1)).ok());
  absl::Status s = Take(h, E::kRoiDeclined, Date(2025, 2, 3));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(platform::FieldViolationsOf(s).size(), 1u);
  EXPECT_EQ(platform::FieldViolationsOf(s)[0].field, "reason");
  ASSERT_TRUE(Take(h, E::kRoiDeclined, Date(2025, 2, 3), "lives outside the area").ok());
  EXPECT_EQ(h.status, S::kRoiDeclined);
  EXPECT_TRUE(NextSteps(h, StepOrigin::kRecruitment).empty());
}

TEST(Journey, StageTwoFollowsStageOneOrABreak) {
  Household h = Registered();
  Standard(h, E::kStageOneCompleted);
  ASSERT_TRUE(Take(h, E::kBreakStarted, Date(2025, 3, 1), "house move").ok());
  EXPECT_EQ(h.status, S::kBreak);
  ASSERT_TRUE(Take(h, E::kStageTwoStarted, Date(2025, 8, 1)).ok());
  EXPECT_EQ(h.status, S::kStageTwo);
}

TEST(Journey, OnlyFastTrackAndKnownChildRoutesStartAtStageTwo) {
  Household standard = Registered();
  absl::Status s = Take(standard, E::kStageTwoStarted, Date(2025, 2, 1));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("STANDARD"), std::string::npos) << s;

  for (Route route : {Route::kFastTrack, Route::kKnownChild}) {
    Household h = Registered(route);
    EXPECT_TRUE(Take(h, E::kStageTwoStarted, Date(2025, 2, 1)).ok()) << RouteName(route);
    EXPECT_EQ(h.status, S::kStageTwo);
  }
}

TEST(Journey, RecordedOnlyRoutesCanOnlyLeave) {
  for (Route route : {Route::kNonAgency, Route::kIntercountry}) {
    Household h = Registered(route);
    EXPECT_EQ(NextSteps(h, StepOrigin::kRecruitment), std::vector<E>{E::kWithdrawn}) << RouteName(route);
    EXPECT_EQ(Take(h, E::kRoiReceived, Date(2025, 2, 1)).code(), absl::StatusCode::kFailedPrecondition);
  }
}

TEST(Journey, ApprovalComesOnlyFromThePanel) {
  Household h = Registered();
  Standard(h, E::kReferredToPanel);
  EXPECT_EQ(Take(h, E::kApproved, Date(2025, 3, 1)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Take(h, E::kApproved, Date(2025, 3, 1), "", StepOrigin::kPanel).ok());
  EXPECT_EQ(h.status, S::kApproved);
}

// Family finding links an approved household and unlinks it when its last link closes.
TEST(Journey, ALinkedHouseholdIsApprovedAgainWhenUnlinked) {
  Household h = Registered();
  Standard(h, E::kReferredToPanel);
  ASSERT_TRUE(Take(h, E::kApproved, Date(2025, 3, 1), "", StepOrigin::kPanel).ok());
  EXPECT_EQ(Take(h, E::kUnlinked, Date(2025, 3, 2), "", StepOrigin::kFamilyFinding).code(),
            absl::StatusCode::kFailedPrecondition);  // not linked
  ASSERT_TRUE(Take(h, E::kLinked, Date(2025, 3, 3), "", StepOrigin::kFamilyFinding).ok());
  EXPECT_EQ(h.status, S::kLinked);
  EXPECT_EQ(Take(h, E::kUnlinked, Date(2025, 3, 4)).code(), absl::StatusCode::kFailedPrecondition);  // family finding's
  ASSERT_TRUE(Take(h, E::kUnlinked, Date(2025, 3, 4), "", StepOrigin::kFamilyFinding).ok());
  EXPECT_EQ(h.status, S::kApproved);
}

// The decision maker's terms come whole; terms that cannot be are refused naming
// each field, and nothing moves.
TEST(Journey, AnApprovalCarriesTermsThatCanBe) {
  Household h = Registered();
  Standard(h, E::kReferredToPanel);
  const ApprovalTerms odd{.max_children = 1, .min_age_years = 5, .max_age_years = 4, .min_children = 2};
  absl::Status s = RecordUpstreamStep(h, E::kApproved, Date(2025, 3, 1), StepOrigin::kPanel, odd, kRules, By("panel"));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : platform::FieldViolationsOf(s)) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"min_children", "min_age_years"}));
  EXPECT_EQ(h.status, S::kAwaitingPanel);
  const ApprovalTerms siblings{.max_children = 2, .min_age_years = 0, .max_age_years = 6, .min_children = 2,
                               .sibling_groups = true, .health_needs_acceptable = "Hearing impairment"};
  ASSERT_TRUE(
      RecordUpstreamStep(h, E::kApproved, Date(2025, 3, 1), StepOrigin::kPanel, siblings, kRules, By("panel")).ok());
  EXPECT_EQ(h.approval, siblings);
}

// An agreed review (AAR 2005 reg 29) keeps the household where it is and gives the
// approval its new terms; only an approved household is reviewed, and only by the panel.
TEST(Journey, AnAgreedReviewKeepsTheStatusAndReplacesTheTerms) {
  Household h = Registered();
  Standard(h, E::kReferredToPanel);
  const ApprovalTerms first{.max_children = 1, .min_age_years = 0, .max_age_years = 4, .min_children = 1};
  const ApprovalTerms revised{.max_children = 2, .min_age_years = 0, .max_age_years = 6, .min_children = 1,
                              .sibling_groups = true};
  EXPECT_EQ(RecordUpstreamStep(h, E::kApprovalReviewed, Date(2025, 3, 1), StepOrigin::kPanel, revised, kRules,
                               By("panel"))
                .code(),
            absl::StatusCode::kFailedPrecondition);  // not approved yet
  ASSERT_TRUE(
      RecordUpstreamStep(h, E::kApproved, Date(2025, 3, 1), StepOrigin::kPanel, first, kRules, By("panel")).ok());
  ASSERT_TRUE(Take(h, E::kLinked, Date(2025, 3, 3), "", StepOrigin::kFamilyFinding).ok());
  EXPECT_EQ(RecordUpstreamStep(h, E::kApprovalReviewed, Date(2025, 3, 5), StepOrigin::kPanel, std::nullopt, kRules,
                               By("panel"))
                .code(),
            absl::StatusCode::kInvalidArgument);  // a review carries its terms
  ASSERT_TRUE(RecordUpstreamStep(h, E::kApprovalReviewed, Date(2025, 3, 5), StepOrigin::kPanel, revised, kRules,
                                 By("panel"))
                  .ok());
  EXPECT_EQ(h.status, S::kLinked);
  EXPECT_EQ(h.approval, revised);
  EXPECT_EQ(h.journey.back().event, E::kApprovalReviewed);
  EXPECT_EQ(h.journey.back().from, S::kLinked);
  EXPECT_EQ(h.journey.back().to, S::kLinked);
  // The same review again (a replayed event) adds nothing.
  ASSERT_TRUE(RecordUpstreamStep(h, E::kApprovalReviewed, Date(2025, 3, 5), StepOrigin::kPanel, revised, kRules,
                                 By("panel"))
                  .ok());
  EXPECT_EQ(h.journey.back().date, Date(2025, 3, 5));
  EXPECT_EQ(std::count_if(h.journey.begin(), h.journey.end(),
                          [](const JourneyStep& s) { return s.event == E::kApprovalReviewed; }),
            1);
  // Recruitment's staff do not record it.
  EXPECT_EQ(Take(h, E::kApprovalReviewed, Date(2025, 3, 6)).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Journey, StepsCannotBeDatedBeforeTheLastOrTheEnquiryNorInTheFuture) {
  Household h = Registered();
  absl::Status before_enquiry = Take(h, E::kInitialVisit, Date(2025, 1, 5));
  EXPECT_EQ(before_enquiry.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(before_enquiry.ToString().find("2025-01-06"), std::string::npos) << before_enquiry;
  ASSERT_TRUE(Take(h, E::kInitialVisit, Date(2025, 1, 6)).ok());  // same day as the enquiry
  ASSERT_TRUE(Take(h, E::kRoiReceived, Date(2025, 3, 1)).ok());
  EXPECT_EQ(Take(h, E::kRoiAccepted, Date(2025, 2, 28)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Take(h, E::kRoiAccepted, kToday + 1).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Take(h, E::kRoiAccepted, Date(2025, 3, 1)).ok());  // same-day steps keep journey order
}

TEST(Journey, CounsellingOutTakesAReportedReason) {
  Household h = Registered();
  Standard(h, E::kStageOneStarted);
  EXPECT_EQ(Take(h, E::kCounselledOut, Date(2025, 3, 1), "did not get on").code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(Take(h, E::kCounselledOut, Date(2025, 3, 1), "REFEREE_CONCERNS").ok());
  EXPECT_EQ(h.status, S::kCounselledOut);
  EXPECT_EQ(h.journey.back().reason, "REFEREE_CONCERNS");
}

TEST(Journey, AWithdrawalAfterApprovalIsAllowedAndNeedsAReason) {
  Household h = Registered();
  Standard(h, E::kApproved);
  EXPECT_EQ(Take(h, E::kWithdrawn, Date(2025, 3, 1)).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(Take(h, E::kWithdrawn, Date(2025, 3, 1), "pregnancy").ok());
  EXPECT_EQ(h.status, S::kWithdrawn);
}

TEST(Journey, StepsWithoutAReasonRefuseOne) {
  Household h = Registered();
  absl::Status s = Take(h, E::kInitialVisit, Date(2025, 2, 1), "because");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST(Journey, EveryEventAndReasonHasAName) {
  for (int i = 0; i <= static_cast<int>(E::kUnlinked); ++i) {
    EXPECT_EQ(ParseEvent(EventName(static_cast<E>(i))), static_cast<E>(i));
  }
  for (int i = 0; i <= static_cast<int>(CounsellingOutReason::kOther); ++i) {
    auto r = static_cast<CounsellingOutReason>(i);
    EXPECT_EQ(ParseCounsellingOutReason(CounsellingOutReasonName(r)), r);
  }
}

}  // namespace
}  // namespace recruitment
