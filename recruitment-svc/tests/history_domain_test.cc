#include <gtest/gtest.h>

#include "platform/core/errors.h"
#include "recruitment-svc/domain/history.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {

using platform::Date;
using E = JourneyEvent;
using S = HouseholdStatus;

// "TYPE subject" of each precondition violation the status carries.
std::vector<std::string> PreconditionSubjects(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(status)) out.push_back(v.type + " " + v.subject);
  return out;
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : platform::FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

Household Imported() {
  HouseholdDetails d;
  d.applicants = {{"", "", std::nullopt, "White British"}};
  d.family_structure = FamilyStructure::kSingle;
  d.home_local_authority = "E08000018";
  d.enquiry_date = Date(2017, 3, 28);
  return RegisterHousehold("h1", d, "importer", 1);
}

const JourneyRules kRules{.stage_one = {.personal_references_min = 3}};
const platform::Revision kBy{.actor = "importer", .at = 100, .today = Date(2025, 12, 1)};

// Rotherham-like: ROI accepted and Stage 1 started the same day, Stage 2 after a break.
const std::vector<Move> kHistory = {
    {E::kInfoSessionBooked, Date(2017, 4, 22)},  {E::kInfoSessionAttended, Date(2017, 5, 3)},
    {E::kRoiReceived, Date(2017, 6, 27)},        {E::kRoiAccepted, Date(2017, 6, 27)},
    {E::kStageOneStarted, Date(2017, 6, 27)},    {E::kStageOneCompleted, Date(2017, 9, 5)},
    {E::kBreakStarted, Date(2017, 9, 5), "moving house"}, {E::kStageTwoStarted, Date(2017, 12, 1)},
};

TEST(History, TakesTheOldSystemsStepsWithoutItsChecksAndAgainChangesNothing) {
  Household h = Imported();
  auto added = ApplyHistory(h, kHistory, kRules, kBy);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 8);
  EXPECT_EQ(h.status, S::kStageTwo);  // Stage 1 completed with no checks recorded: the old system held them
  EXPECT_EQ(h.journey[6].reason, "moving house");
  EXPECT_EQ(h.journey[5].recorded_by, "importer");
  EXPECT_EQ(*ApplyHistory(h, kHistory, kRules, kBy), 0);
  EXPECT_EQ(h.journey.size(), 8u);
}

TEST(History, ALongerHistoryAppendsAShorterOneChangesNothingAndADifferentOneIsRefusedNamingTheStep) {
  Household h = Imported();
  std::vector<Move> first(kHistory.begin(), kHistory.begin() + 5);
  ASSERT_EQ(*ApplyHistory(h, first, kRules, kBy), 5);
  EXPECT_EQ(*ApplyHistory(h, kHistory, kRules, kBy), 3);
  EXPECT_EQ(h.status, S::kStageTwo);

  std::vector<Move> moved = kHistory;
  moved[2].date = Date(2017, 6, 26);
  absl::Status s = ApplyHistory(h, moved, kRules, kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(PreconditionSubjects(s), std::vector<std::string>{"IMPORT steps[2]"});
  // The first part again (an import in parts sends the steps before an approval
  // first) changes nothing; a differing first part is still refused.
  std::vector<Move> shorter(kHistory.begin(), kHistory.begin() + 6);
  EXPECT_EQ(*ApplyHistory(h, shorter, kRules, kBy), 0);
  shorter[5].date = shorter[5].date + 1;
  EXPECT_EQ(PreconditionSubjects(ApplyHistory(h, shorter, kRules, kBy).status()),
            std::vector<std::string>{"IMPORT steps[5]"});
  EXPECT_EQ(h.journey.size(), 8u);
}

TEST(History, OnlyRecruitmentsOwnStepsAndInJourneyOrder) {
  Household h = Imported();
  std::vector<Move> approved = kHistory;
  approved.push_back({E::kApproved, Date(2018, 3, 1)});
  absl::Status s = ApplyHistory(h, approved, kRules, kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(s), std::vector<std::string>{"steps[8].event"});
  EXPECT_TRUE(h.journey.empty());

  // Stage 1 completed before it started: the journey's own refusal, naming the step.
  std::vector<Move> backwards = {{E::kRoiReceived, Date(2017, 6, 27)},
                                 {E::kRoiAccepted, Date(2017, 6, 27)},
                                 {E::kStageOneStarted, Date(2017, 6, 29)},
                                 {E::kStageOneCompleted, Date(2017, 6, 28)}};
  s = ApplyHistory(h, backwards, kRules, kBy).status();
  EXPECT_EQ(PreconditionSubjects(s), std::vector<std::string>{"ORDER steps[3].effective_date"});
  EXPECT_NE(s.message().find("steps[3] (STAGE_ONE_COMPLETED on 2017-06-28)"), std::string::npos) << s.message();
  // A step the status does not allow.
  Household other = Imported();
  s = ApplyHistory(other, {{E::kStageOneCompleted, Date(2017, 6, 28)}}, kRules, kBy).status();
  EXPECT_EQ(PreconditionSubjects(s), std::vector<std::string>{"STATE status"});
}

TEST(History, CounsellingOutReasonsFromTheWordsAgenciesReportThem) {
  EXPECT_EQ(CounsellingOutReasonFromWording("referee concerns"), CounsellingOutReason::kRefereeConcerns);
  EXPECT_EQ(CounsellingOutReasonFromWording("Poor understanding of a child's needs"),
            CounsellingOutReason::kUnderstandingOfNeeds);
  EXPECT_EQ(CounsellingOutReasonFromWording("length/stability of relationship"),
            CounsellingOutReason::kRelationshipStability);
  EXPECT_EQ(CounsellingOutReasonFromWording("ability to meet longer-term needs"),
            CounsellingOutReason::kLongerTermNeeds);
  EXPECT_EQ(CounsellingOutReasonFromWording("FINANCIAL_OPENNESS"), CounsellingOutReason::kFinancialOpenness);
  EXPECT_FALSE(CounsellingOutReasonFromWording("did not like them").has_value());
}

}  // namespace
}  // namespace recruitment
