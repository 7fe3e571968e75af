#include <gtest/gtest.h>

#include "support-svc/domain/support_request.h"

namespace support {
namespace {

using platform::Date;

const Date kToday(2025, 6, 20);

SupportRequestDetails Helpline() {
  SupportRequestDetails d;
  d.requester_kind = RequesterKind::kAdoptiveFamily;
  d.requester = Requester{"Dana", "Reid", std::nullopt};
  d.channel = Channel::kHelpline;
  d.received_date = Date(2025, 6, 2);
  d.summary = "Asked about therapeutic parenting courses";
  d.local_authority = "E09000006";
  return d;
}

// The rules in force on `received`, from `table` (the compiled-in one unless given).
SupportRules RulesOn(Date received, const platform::StatutoryTable& table = platform::StatutoryTable::Defaults()) {
  return SupportRules::On(table, platform::WorkingDayCalendar::EnglandAndWales(), received);
}

std::vector<std::string> Fields(const SupportRequestDetails& d) {
  platform::Validation v;
  ValidateDetails(d, kToday, RulesOn(d.received_date), "support_request.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

Date DueFor(Date received, const platform::StatutoryTable& table = platform::StatutoryTable::Defaults()) {
  return SupportCallDueDate(received, RulesOn(received, table)).value();
}

// A statutory table of our own: proves the timescale is read, not assumed.
platform::StatutoryTable Table(const std::string& rows) {
  return platform::StatutoryTable::Parse("key\teffective_from\tvalue\tsource\n" + rows).value();
}

TEST(SupportRequestDetails, AHelplineRequestIsValid) { EXPECT_TRUE(Fields(Helpline()).empty()); }

TEST(SupportRequestDetails, TheRequesterAndLocalAuthorityMayBeUnknown) {
  auto d = Helpline();
  d.requester.reset();
  d.local_authority = "";
  EXPECT_TRUE(Fields(d).empty());
}

TEST(SupportRequestDetails, EveryProblemIsReportedWithItsField) {
  auto d = Helpline();
  d.requester_kind.reset();
  d.requester->date_of_birth = Date(2030, 1, 1);
  d.channel.reset();
  d.received_date = Date(2025, 6, 21);
  d.summary = " \t ";
  d.local_authority = "Bromley";
  EXPECT_EQ(Fields(d), (std::vector<std::string>{
                           "support_request.requester_kind", "support_request.requester.date_of_birth",
                           "support_request.channel", "support_request.received_date", "support_request.summary",
                           "support_request.local_authority"}));
}

TEST(SupportRequestDetails, ReceivedTodayIsNotInTheFuture) {
  auto d = Helpline();
  d.received_date = kToday;
  EXPECT_TRUE(Fields(d).empty());
}

TEST(SupportRequestDetails, TheSummaryLimitCountsCharactersNotBytes) {
  auto d = Helpline();
  d.summary = "";
  for (size_t i = 0; i < kMaxSummaryLength; ++i) d.summary += "\xC3\xA9";  // é, two bytes each
  EXPECT_TRUE(Fields(d).empty());
  d.summary += "e";
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.summary"});
}

TEST(SupportRequestDetails, NamesAndOutcomeHaveLengthLimits) {
  auto d = Helpline();
  d.requester->given_name = std::string(kMaxNameLength + 1, 'a');
  d.requester->family_name = std::string(kMaxNameLength + 1, 'b');
  d.outcome = std::string(kMaxOutcomeLength + 1, 'c');
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"support_request.requester.given_name",
                                                 "support_request.requester.family_name",
                                                 "support_request.outcome"}));
}

TEST(SupportRequestDetails, InProgressNeedsATriageAndClosedNeedsAnOutcome) {
  auto d = Helpline();
  d.status = SupportRequestStatus::kInProgress;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.triage"});
  d.status = SupportRequestStatus::kClosed;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.outcome"});
  d.outcome = "Signposted to the post-adoption support group";
  EXPECT_TRUE(Fields(d).empty());
}

TEST(SupportRequestDetails, ACallDateBelongsToASupportCallBetweenReceiptAndToday) {
  auto d = Helpline();
  d.support_call_date = Date(2025, 6, 5);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.support_call_date"});
  d.triage = Triage::kSupportCall;
  EXPECT_TRUE(Fields(d).empty());
  d.support_call_date = Date(2025, 6, 1);  // before it was received
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.support_call_date"});
  d.support_call_date = Date(2025, 6, 23);  // not yet
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.support_call_date"});
}

TEST(SupportCallDueDate, IsTheConfiguredWorkingDaysAfterReceiptSkippingTheWeekend) {
  // support_call_working_days is 5 in config/statutory.tsv: Monday -> next Monday.
  EXPECT_EQ(DueFor(Date(2025, 6, 2)), Date(2025, 6, 9));
  // Received on a Saturday: the count starts on Monday.
  EXPECT_EQ(DueFor(Date(2025, 6, 7)), Date(2025, 6, 13));
}

TEST(SupportCallDueDate, SkipsGoodFridayAndEasterMonday) {
  // Friday 11 April 2025: Mon 14 .. Thu 17 are four days, Good Friday (18) and
  // Easter Monday (21) are not working days, so the fifth is Tuesday 22.
  EXPECT_EQ(DueFor(Date(2025, 4, 11)), Date(2025, 4, 22));
  // Maundy Thursday 17 April 2025: Tue 22 .. Mon 28.
  EXPECT_EQ(DueFor(Date(2025, 4, 17)), Date(2025, 4, 28));
  // Easter 2026 falls in early April: Thursday 2 April -> Monday 13 April.
  EXPECT_EQ(DueFor(Date(2026, 4, 2)), Date(2026, 4, 13));
}

TEST(SupportCallDueDate, SkipsChristmasBoxingDayAndNewYear) {
  // Monday 22 December 2025: 23, 24, then 29, 30, 31.
  EXPECT_EQ(DueFor(Date(2025, 12, 22)), Date(2025, 12, 31));
  // Christmas Eve 2025: 29, 30, 31, 2 January (New Year's Day is not), 5 January.
  EXPECT_EQ(DueFor(Date(2025, 12, 24)), Date(2026, 1, 5));
  // 2026: Boxing Day is a Saturday, so Monday 28 December is the substitute day.
  EXPECT_EQ(DueFor(Date(2026, 12, 24)), Date(2027, 1, 5));
}

TEST(SupportCallDueDate, TheNumberOfDaysComesFromTheDatedStatutoryTable) {
  platform::StatutoryTable table = Table(
      "support_call_working_days\t2015-04-01\t3\ttest\n"
      "support_call_working_days\t2026-01-01\t10\ttest\n");
  EXPECT_EQ(DueFor(Date(2025, 6, 2), table), Date(2025, 6, 5));
  // The value in force on the day received: 10 working days from Monday 1 June 2026.
  EXPECT_EQ(DueFor(Date(2026, 6, 1), table), Date(2026, 6, 15));
}

TEST(SupportCallDueDate, FailsBeforeTheTimescaleAndBeyondTheBankHolidayTable) {
  EXPECT_EQ(SupportCallDueDate(Date(2015, 3, 2), RulesOn(Date(2015, 3, 2))).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(SupportCallDueDate(Date(2040, 12, 24), RulesOn(Date(2040, 12, 24))).status().code(),
            absl::StatusCode::kOutOfRange);
  // A request that cannot be given a due date is refused, naming the triage.
  auto d = Helpline();
  d.received_date = Date(2015, 3, 2);
  d.triage = Triage::kSupportCall;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"support_request.triage"});
}

TEST(ReceiveSupportRequest, StartsOpenAtVersionOne) {
  SupportRequest r =
      ReceiveSupportRequest("id", Helpline(), "worker", 42, kToday, RulesOn(Helpline().received_date)).value();
  EXPECT_EQ(r.details.status, SupportRequestStatus::kOpen);
  EXPECT_EQ(r.support_call_due_date, std::nullopt);
  EXPECT_EQ(r.closed_date, std::nullopt);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.created_by, "worker");
}

TEST(ReceiveSupportRequest, ATriagedRequestIsInProgressAndASupportCallHasItsDueDate) {
  auto d = Helpline();
  d.triage = Triage::kSupportCall;
  SupportRequest r = ReceiveSupportRequest("id", d, "worker", 42, kToday, RulesOn(d.received_date)).value();
  EXPECT_EQ(r.details.status, SupportRequestStatus::kInProgress);
  EXPECT_EQ(r.support_call_due_date, Date(2025, 6, 9));
  d.triage = Triage::kSignposting;
  r = ReceiveSupportRequest("id", d, "worker", 42, kToday, RulesOn(d.received_date)).value();
  EXPECT_EQ(r.support_call_due_date, std::nullopt);
}

TEST(ReceiveSupportRequest, ARequestClosedAtOnceIsClosedToday) {
  auto d = Helpline();
  d.status = SupportRequestStatus::kClosed;
  d.outcome = "Information given on the phone";
  SupportRequest r = ReceiveSupportRequest("id", d, "worker", 42, kToday, RulesOn(d.received_date)).value();
  EXPECT_EQ(r.closed_date, kToday);
}

class ReviseSupportRequestTest : public ::testing::Test {
 protected:
  absl::Status Revise(SupportRequestDetails d, platform::Validation v = {}) {
    const SupportRules rules = RulesOn(d.received_date);
    return ReviseSupportRequest(request_, std::move(d), rules, {.actor = "manager-2", .at = 99, .today = kToday},
                                "support_request.", std::move(v));
  }
  SupportRequest request_ =
      ReceiveSupportRequest("id", Helpline(), "worker", 42, kToday, RulesOn(Helpline().received_date)).value();
};

TEST_F(ReviseSupportRequestTest, TriagingToACallSetsTheDueDateAndStampsTheChange) {
  auto d = request_.details;
  d.triage = Triage::kSupportCall;
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(request_.details.status, SupportRequestStatus::kInProgress);
  EXPECT_EQ(request_.support_call_due_date, Date(2025, 6, 9));
  EXPECT_EQ(request_.updated_by, "manager-2");
  EXPECT_EQ(request_.created_by, "worker");
  // A correction of the day received moves the due date with it.
  d = request_.details;
  d.received_date = Date(2025, 6, 3);
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(request_.support_call_due_date, Date(2025, 6, 10));
}

TEST_F(ReviseSupportRequestTest, ClosingNeedsAnOutcomeAndReopeningClearsTheClosingDay) {
  auto d = request_.details;
  d.status = SupportRequestStatus::kClosed;
  absl::Status s = Revise(d);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::FieldViolationsOf(s).at(0).field, "support_request.outcome");
  EXPECT_EQ(request_.details.status, SupportRequestStatus::kOpen);  // unchanged on failure
  d.outcome = "Advice given";
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(request_.closed_date, kToday);
  d = request_.details;
  d.status = SupportRequestStatus::kInProgress;
  d.triage = Triage::kAssessmentOfNeed;
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(request_.closed_date, std::nullopt);
}

TEST_F(ReviseSupportRequestTest, ATriagedRequestCannotGoBackToOpen) {
  auto d = request_.details;
  d.triage = Triage::kInformationAdvice;
  ASSERT_TRUE(Revise(d).ok());
  d = request_.details;
  d.triage.reset();
  d.status = SupportRequestStatus::kOpen;
  absl::Status s = Revise(d);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(request_.details.status, SupportRequestStatus::kInProgress);
}

TEST_F(ReviseSupportRequestTest, AStatusIsRequiredAndEarlierViolationsAreKept) {
  auto d = request_.details;
  d.status.reset();
  platform::Validation shape;
  shape.Add("support_request.support_call_date", "2025-02-30 is not a calendar date");
  absl::Status s = Revise(d, shape);
  std::vector<std::string> fields;
  for (const auto& fv : platform::FieldViolationsOf(s)) fields.push_back(fv.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"support_request.support_call_date", "support_request.status"}));
}

TEST(SupportRequestStatus, EveryChangeFollowsTheTable) {
  const std::vector<SupportRequestStatus> all = {SupportRequestStatus::kOpen, SupportRequestStatus::kInProgress,
                                                 SupportRequestStatus::kClosed};
  for (auto from : all) {
    for (auto to : all) {
      bool listed = from == to;
      for (const auto& change : AllowedStatusChanges()) listed |= change.from == from && change.to == to;
      EXPECT_EQ(CanChangeStatus(from, to), listed) << StatusName(from) << " -> " << StatusName(to);
    }
  }
  EXPECT_FALSE(CanChangeStatus(SupportRequestStatus::kInProgress, SupportRequestStatus::kOpen));
  EXPECT_TRUE(CanChangeStatus(SupportRequestStatus::kClosed, SupportRequestStatus::kInProgress));
}

TEST(SupportRequestNames, RoundTripForEveryValue) {
  for (int i = 0; i <= static_cast<int>(RequesterKind::kOther); ++i) {
    EXPECT_EQ(ParseRequesterKind(RequesterKindName(static_cast<RequesterKind>(i))), static_cast<RequesterKind>(i));
  }
  for (int i = 0; i <= static_cast<int>(Channel::kWeb); ++i) {
    EXPECT_EQ(ParseChannel(ChannelName(static_cast<Channel>(i))), static_cast<Channel>(i));
  }
  for (int i = 0; i <= static_cast<int>(Triage::kAssessmentOfNeed); ++i) {
    EXPECT_EQ(ParseTriage(TriageName(static_cast<Triage>(i))), static_cast<Triage>(i));
  }
  for (int i = 0; i <= static_cast<int>(SupportRequestStatus::kClosed); ++i) {
    EXPECT_EQ(ParseStatus(StatusName(static_cast<SupportRequestStatus>(i))), static_cast<SupportRequestStatus>(i));
  }
  EXPECT_EQ(ParseTriage("NOPE"), std::nullopt);
}

}  // namespace
}  // namespace support
