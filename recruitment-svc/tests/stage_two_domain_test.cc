#include <gtest/gtest.h>

#include "platform/core/errors.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/journey.h"
#include "recruitment-svc/domain/stage_two.h"

namespace recruitment {
namespace {

using platform::Date;

const platform::Revision kBy{.actor = "worker", .at = 3, .today = Date(2025, 12, 1)};
const JourneyRules kRules{.stage_one = {.personal_references_min = 3}};

// A fast-track household whose Stage 2 notice was given on 1 May 2025.
Household InStageTwo() {
  HouseholdDetails d;
  d.applicants = {{"Jo", "Smith", std::nullopt, ""}};
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 4, 1);
  d.route = Route::kFastTrack;
  d.second_time_adopters = true;
  Household h = RegisterHousehold("h1", d, "worker", 1);
  EXPECT_TRUE(
      TakeStep(h, {JourneyEvent::kStageTwoStarted, Date(2025, 5, 1), ""}, StepOrigin::kRecruitment, kRules, kBy)
          .ok());
  return h;
}

std::vector<std::string> Outstanding(const Household& h, bool dual) {
  std::vector<std::string> out;
  for (const auto& v : OutstandingForPanel(h, dual)) out.push_back(v.subject);
  return out;
}

TEST(StageTwo, ReferralNeedsHomeStudyTrainingAndThePar) {
  Household h = InStageTwo();
  EXPECT_EQ(Outstanding(h, false),
            (std::vector<std::string>{"home_study_sessions", "final_training_date", "par_completed_date"}));
  absl::Status s = ReferToPanel(h, Date(2025, 9, 1), false, kRules, kBy);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("3 pieces"), std::string::npos) << s;
  EXPECT_EQ(h.status, HouseholdStatus::kStageTwo);

  ASSERT_TRUE(RecordStageTwo(h, {.home_study_sessions = 7, .final_training = Date(2025, 7, 1),
                                 .par_completed = Date(2025, 8, 20)},
                             kBy, "progress.")
                  .ok());
  // Dual approval sought: the early-permanence training too.
  EXPECT_EQ(Outstanding(h, true), std::vector<std::string>{"early_permanence_training_date"});
  EXPECT_EQ(ReferToPanel(h, Date(2025, 9, 1), true, kRules, kBy).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(h.dual_approval_sought);
  ASSERT_TRUE(ReferToPanel(h, Date(2025, 9, 1), false, kRules, kBy).ok());
  EXPECT_EQ(h.status, HouseholdStatus::kAwaitingPanel);
}

TEST(StageTwo, ProgressIsDatedWithinStageTwoAndRecordedOnlyThere) {
  Household h = InStageTwo();
  absl::Status s = RecordStageTwo(h, {.home_study_sessions = 51, .final_training = Date(2025, 4, 30),
                                      .par_completed = Date(2025, 12, 2)},
                                  kBy, "progress.");
  std::vector<std::string> fields;
  for (const auto& f : platform::FieldViolationsOf(s)) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"progress.home_study_sessions", "progress.final_training_date",
                                              "progress.par_completed_date"}));
  HouseholdDetails d;
  d.applicants = {{"Jo", "Smith", std::nullopt, ""}};
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 4, 1);
  Household enquiry = RegisterHousehold("h2", d, "worker", 1);
  EXPECT_EQ(RecordStageTwo(enquiry, {.home_study_sessions = 1}, kBy, "progress.").code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace recruitment
