// Complaints through their statutory stages, each answered by its due working day;
// compliments recorded.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/core/errors.h"
#include "platform/core/statutory.h"
#include "support-svc/domain/feedback.h"

namespace support {
namespace {

using platform::Date;

const platform::Revision kBy{"sw-1", 1'000, Date(2026, 6, 30)};

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

ComplaintRules Rules(Date day) {
  return ComplaintRules::On(platform::StatutoryTable::Defaults(), platform::WorkingDayCalendar::EnglandAndWales(),
                            day)
      .value();
}

FeedbackDetails Complaint(Date received) {
  FeedbackDetails d;
  d.kind = FeedbackKind::kComplaint;
  d.from = RequesterKind::kAdoptiveFamily;
  d.received_date = received;
  d.summary = "No reply to our request for a support plan review";
  d.local_authority = "E08000018";
  return d;
}

TEST(Complaint, EachStagesResponseIsDueItsWorkingDaysAfterItOpensOverBankHolidays) {
  // Thursday 17 April 2025: 10 working days, without Good Friday, Easter Monday and
  // the early May bank holiday, is Tuesday 6 May.
  Feedback f = ReceiveFeedback("f-1", Complaint(Date(2025, 4, 17)), Rules(Date(2025, 4, 17)), "sw-1", 1).value();
  ASSERT_EQ(f.stages.size(), 1u);
  EXPECT_EQ(f.stages[0].stage, ComplaintStage::kLocalResolution);
  EXPECT_EQ(f.stages[0].due, Date(2025, 5, 6));
  EXPECT_FALSE(ResponseOverdue(f, Date(2025, 5, 6)));
  EXPECT_TRUE(ResponseOverdue(f, Date(2025, 5, 7)));
  // Unanswered and not yet overdue it cannot be escalated; overdue it can.
  EXPECT_EQ(Violations(EscalateComplaint(f, Date(2025, 5, 6), Rules(Date(2025, 5, 6)), kBy)),
            std::vector<std::string>{"STATE status"});
  ASSERT_TRUE(EscalateComplaint(f, Date(2025, 5, 7), Rules(Date(2025, 5, 7)), kBy).ok());
  ASSERT_EQ(f.stages.size(), 2u);
  EXPECT_EQ(f.stages[1].stage, ComplaintStage::kInvestigation);
  // Wednesday 7 May 2025 + 25 working days (the Spring bank holiday, 26 May, between):
  // Thursday 12 June.
  EXPECT_EQ(f.stages[1].due, Date(2025, 6, 12));
  ASSERT_TRUE(RespondToComplaint(f, Date(2025, 6, 10), ComplaintOutcome::kPartlyUpheld, "Plan reviewed late", kBy).ok());
  EXPECT_EQ(f.status, FeedbackStatus::kResponded);
  ASSERT_TRUE(EscalateComplaint(f, Date(2025, 6, 20), Rules(Date(2025, 6, 20)), kBy).ok());
  EXPECT_EQ(f.stages[2].stage, ComplaintStage::kReviewPanel);
  ASSERT_TRUE(RespondToComplaint(f, Date(2025, 7, 25), ComplaintOutcome::kNotUpheld, "Panel agreed", kBy).ok());
  EXPECT_EQ(Violations(EscalateComplaint(f, Date(2025, 7, 28), Rules(Date(2025, 7, 28)), kBy)),
            std::vector<std::string>{"STATE stage"});
  EXPECT_EQ(Violations(CloseFeedback(f, Date(2025, 7, 24), kBy)), std::vector<std::string>{"ORDER closed_date"});
  ASSERT_TRUE(CloseFeedback(f, Date(2025, 7, 28), kBy).ok());
  EXPECT_EQ(f.status, FeedbackStatus::kClosed);
}

TEST(Complaint, AResponseNeedsItsOutcomeAndWordsAndComesAfterTheStageOpened) {
  Feedback f = ReceiveFeedback("f-1", Complaint(Date(2025, 4, 17)), Rules(Date(2025, 4, 17)), "sw-1", 1).value();
  EXPECT_EQ(Fields(RespondToComplaint(f, Date(2026, 7, 1), std::nullopt, "", kBy)),
            (std::vector<std::string>{"responded_date", "outcome", "response"}));
  EXPECT_EQ(Violations(RespondToComplaint(f, Date(2025, 4, 16), ComplaintOutcome::kUpheld, "Sorry", kBy)),
            std::vector<std::string>{"ORDER responded_date"});
}

TEST(Compliment, IsRecordedClosedAndTakesNoComplaintStep) {
  FeedbackDetails d = Complaint(Date(2025, 4, 17));
  d.kind = FeedbackKind::kCompliment;
  Feedback f = ReceiveFeedback("f-1", d, Rules(Date(2025, 4, 17)), "sw-1", 1).value();
  EXPECT_EQ(f.status, FeedbackStatus::kClosed);
  EXPECT_EQ(f.closed_date, Date(2025, 4, 17));
  EXPECT_TRUE(f.stages.empty());
  EXPECT_EQ(Violations(RespondToComplaint(f, Date(2025, 4, 18), ComplaintOutcome::kUpheld, "Thanks", kBy)),
            std::vector<std::string>{"STATE kind"});
}

TEST(Complaint, TheTimescalesAreDatedFromTheRegulations) {
  EXPECT_EQ(ComplaintRules::On(platform::StatutoryTable::Defaults(), platform::WorkingDayCalendar::EnglandAndWales(),
                               Date(2006, 8, 31))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  const ComplaintRules r = Rules(Date(2006, 9, 1));
  EXPECT_EQ(r.local_resolution_days, 10);
  EXPECT_EQ(r.investigation_days, 25);
  EXPECT_EQ(r.review_panel_days, 30);
}

}  // namespace
}  // namespace support
