// Assessments of need and the support activity figures: the rules at their boundaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/core/errors.h"
#include "support-svc/domain/assessment_of_need.h"
#include "support-svc/domain/support_activity.h"

namespace support {
namespace {

using platform::Date;

const platform::Revision kBy{"sw-1", 1'000, Date(2026, 6, 1)};

std::vector<std::string> Violations(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(s)) out.push_back(v.type + " " + v.subject);
  return out;
}
std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::FieldViolationsOf(s)) out.push_back(v.field);
  return out;
}

AssessmentOfNeed Waiting(Date requested) {
  AssessmentDetails d;
  d.local_authority = "E08000018";
  d.requested_date = requested;
  return RecordAssessmentOfNeed("a-1", d, "sw-1", 1);
}

SupportPlan Plan(Date review, size_t goals = 1, size_t services = 1) {
  SupportPlan p;
  for (size_t i = 0; i < goals; ++i) p.goals.push_back("A goal");
  for (size_t i = 0; i < services; ++i) {
    p.services.push_back({SupportServiceKind::kPeerSupport, "The agency's group", "monthly", FundingSource::kNone});
  }
  p.review_date = review;
  return p;
}

TEST(SupportPlan, HoldsOneToTwentyGoalsAndOneToThirtyServicesAndIsReviewedAfterItIsAgreed) {
  const Date agreed(2026, 5, 1);
  auto fields = [&](const SupportPlan& p) {
    platform::Validation v;
    ValidatePlan(p, agreed, "plan.", v);
    return Fields(v.Status());
  };
  EXPECT_TRUE(fields(Plan(agreed + 1, 20, 30)).empty());
  EXPECT_EQ(fields(Plan(agreed + 1, 21, 30)), std::vector<std::string>{"plan.goals"});
  EXPECT_EQ(fields(Plan(agreed + 1, 1, 31)), std::vector<std::string>{"plan.services"});
  EXPECT_EQ(fields(Plan(agreed, 0, 0)), (std::vector<std::string>{"plan.goals", "plan.services", "plan.review_date"}));
  SupportPlan unnamed = Plan(agreed + 1);
  unnamed.services[0].kind.reset();
  unnamed.services[0].frequency = "";
  EXPECT_EQ(fields(unnamed), (std::vector<std::string>{"plan.services[0].kind", "plan.services[0].frequency"}));
}

TEST(AssessmentOfNeed, TheWaitRunsFromTheRequestToTheStartOrTheCloseOrToday) {
  AssessmentOfNeed a = Waiting(Date(2026, 3, 31));
  EXPECT_EQ(a.status, AssessmentStatus::kWaiting);
  EXPECT_EQ(DaysWaiting(a, Date(2026, 3, 31)), 0);
  EXPECT_EQ(DaysWaiting(a, Date(2026, 4, 1)), 1);
  ASSERT_TRUE(StartAssessment(a, Date(2026, 3, 31), "", std::nullopt, kBy).ok());  // the day requested is allowed
  EXPECT_EQ(DaysWaiting(a, Date(2026, 6, 1)), 0);
  AssessmentOfNeed closed = Waiting(Date(2026, 3, 1));
  ASSERT_TRUE(CloseAssessment(closed, Date(2026, 3, 11), "Withdrawn", kBy).ok());
  EXPECT_EQ(DaysWaiting(closed, Date(2026, 6, 1)), 10);
  // Created already under way: in progress.
  AssessmentDetails d = Waiting(Date(2026, 3, 1)).details;
  d.start_date = Date(2026, 3, 2);
  EXPECT_EQ(RecordAssessmentOfNeed("a-2", d, "sw-1", 1).status, AssessmentStatus::kInProgress);
}

TEST(AssessmentOfNeed, APlanIsDueForReviewOnItsReviewDateAndEachReviewFollowsTheLast) {
  AssessmentOfNeed a = Waiting(Date(2026, 1, 5));
  ASSERT_TRUE(StartAssessment(a, Date(2026, 1, 12), "Sam", Date(2026, 3, 12), kBy).ok());
  ASSERT_TRUE(CompleteAssessment(a, {Date(2026, 3, 2), AssessmentOutcome::kSupportPlan, "", Plan(Date(2026, 5, 1)), ""},
                                 kBy)
                  .ok());
  EXPECT_FALSE(ReviewDue(a, Date(2026, 4, 30)));
  EXPECT_TRUE(ReviewDue(a, Date(2026, 5, 1)));
  // A review before the plan was agreed is out of order; one on the day is not.
  EXPECT_EQ(Violations(ReviewSupportPlan(a, Date(2026, 3, 1), Plan(Date(2026, 9, 1)), kBy)),
            std::vector<std::string>{"ORDER reviewed_date"});
  ASSERT_TRUE(ReviewSupportPlan(a, Date(2026, 5, 1), Plan(Date(2026, 9, 1)), kBy).ok());
  EXPECT_EQ(a.plan->last_reviewed_date, Date(2026, 5, 1));
  EXPECT_EQ(Violations(ReviewSupportPlan(a, Date(2026, 4, 30), Plan(Date(2026, 9, 1)), kBy)),
            std::vector<std::string>{"ORDER reviewed_date"});
  // The next review must come after the review that sets it.
  EXPECT_EQ(Fields(ReviewSupportPlan(a, Date(2026, 5, 20), Plan(Date(2026, 5, 20)), kBy)),
            std::vector<std::string>{"plan.review_date"});
  // Closed or completed, it cannot close again.
  EXPECT_EQ(Violations(CloseAssessment(a, Date(2026, 5, 2), "Moved", kBy)), std::vector<std::string>{"STATE status"});
}

TEST(AssessmentOfNeed, ACloseBeforeTheStartOrAStartInTheFutureIsRefused) {
  AssessmentOfNeed a = Waiting(Date(2026, 1, 5));
  EXPECT_EQ(Fields(StartAssessment(a, Date(2026, 6, 2), "", std::nullopt, kBy)), std::vector<std::string>{"start_date"});
  EXPECT_EQ(Fields(StartAssessment(a, Date(2026, 1, 6), "", Date(2026, 1, 5), kBy)),
            std::vector<std::string>{"target_date"});
  ASSERT_TRUE(StartAssessment(a, Date(2026, 1, 12), "", std::nullopt, kBy).ok());
  EXPECT_EQ(Violations(CloseAssessment(a, Date(2026, 1, 11), "Moved", kBy)),
            std::vector<std::string>{"ORDER closed_date"});
  EXPECT_EQ(Violations(StartAssessment(a, Date(2026, 1, 13), "", std::nullopt, kBy)),
            std::vector<std::string>{"STATE status"});
}

// A request and an assessment on either side of a period's first day: only what
// falls inside counts, each in its own month.
TEST(SupportActivity, EachFigureCountsInTheMonthItsOwnDayFallsIn) {
  const auto& calendar = platform::WorkingDayCalendar::EnglandAndWales();
  SupportRequest before, inside;
  before.details.local_authority = inside.details.local_authority = "E08000018";
  before.details.received_date = Date(2026, 3, 31);
  inside.details.received_date = Date(2026, 4, 1);
  inside.details.support_call_date = Date(2026, 4, 10);  // Good Friday 3rd, Easter Monday 6th between
  inside.support_call_due_date = Date(2026, 4, 10);
  AssessmentOfNeed started_before = Waiting(Date(2026, 3, 2));
  ASSERT_TRUE(StartAssessment(started_before, Date(2026, 3, 31), "", std::nullopt, kBy).ok());
  ASSERT_TRUE(CompleteAssessment(started_before,
                                 {Date(2026, 4, 1), AssessmentOutcome::kNoSupportNeeded, "", std::nullopt, ""}, kBy)
                  .ok());
  absl::StatusOr<SupportActivity> a =
      MeasureSupportActivity({before, inside}, {started_before}, platform::Period::Of(platform::FinancialYear{2026}),
                             calendar, {});
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_EQ(a->months.size(), 1u);
  const SupportActivityFigures& april = a->months[0];
  EXPECT_EQ(april.month, "2026-04");
  EXPECT_EQ(april.requests, 1);
  EXPECT_EQ(april.support_calls, 1);
  EXPECT_EQ(april.calls_within_timescale.count, 1);  // called on the day it was due
  EXPECT_EQ(april.mean_working_days_to_call, 5.0);   // 2, 7, 8, 9, 10 April
  EXPECT_EQ(april.assessments_requested, 0);
  EXPECT_EQ(april.assessments_started, 0);
  EXPECT_EQ(april.assessments_completed, 1);
  EXPECT_FALSE(april.mean_days_waiting_for_assessment.has_value());
  // A day the calendar cannot count is an error, not a guess.
  SupportRequest ancient = inside;
  ancient.details.received_date = Date(1990, 4, 2);
  ancient.details.support_call_date = Date(1990, 4, 3);
  EXPECT_EQ(MeasureSupportActivity({ancient}, {}, {Date(1990, 4, 1), Date(1990, 4, 30)}, calendar, {})
                .status()
                .code(),
            absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace support
