// The letterbox report's figures, counted by hand for a small agency.
#include "letterbox-svc/domain/letterbox_figures.h"

#include <gtest/gtest.h>

namespace letterbox {
namespace {

using platform::Date;

constexpr ScheduleRules kRules{.reminder_days_before = 14, .overdue_grace_days = 28, .reply_expected_days = 56};

ContactArrangement Arrangement(const std::string& id, const std::string& child, std::vector<int> months,
                               bool two_way, ArrangementStatus status = ArrangementStatus::kActive,
                               ContactKind kind = ContactKind::kIndirect) {
  ContactArrangement a;
  a.id = id;
  ArrangementDetails& d = a.details;
  d.child = child;
  d.kind = kind;
  d.parties = {{.party_id = id + "-f", .role = PartyRole::kAdoptiveFamily, .display_name = "Mum"},
               {.party_id = id + "-b", .role = PartyRole::kBirthMother, .display_name = "Kelly"}};
  d.exchange_months = std::move(months);
  d.frequency = d.exchange_months.size() == 1 ? ContactFrequency::kYearly : ContactFrequency::kTwiceYearly;
  d.two_way = two_way;
  d.start_date = Date(2024, 1, 1);
  d.status = status;
  d.status_reason = status == ArrangementStatus::kActive ? "" : "asked for a pause";
  d.next_review_date = Date(2025, 1, 1);
  return a;
}

TEST(LetterboxFigures, AYearOfASmallAgency) {
  // a1: yearly in May, two-way; a2: May and November, one-way; a3 on hold; a4 direct;
  // a2 and a3 are the same child's.
  std::vector<ContactArrangement> arrangements = {
      Arrangement("a1", "C-1", {5}, true), Arrangement("a2", "C-2", {5, 11}, false),
      Arrangement("a3", "C-2", {5}, false, ArrangementStatus::kOnHold),
      Arrangement("a4", "C-3", {5}, false, ArrangementStatus::kActive, ContactKind::kDirect)};
  arrangements[0].last_review_date = Date(2024, 12, 1);
  arrangements[0].details.next_review_date = Date(2026, 12, 1);
  std::vector<ExchangeFacts> items = {
      // a1's family answered May 2025 (received 20 May, approved 2 June, forwarded 3 June).
      {.arrangement_id = "a1", .sender = "a1-f", .status = ExchangeStatus::kForwarded, .due_date = Date(2025, 5, 31),
       .received_date = Date(2025, 5, 20), .approved_date = Date(2025, 6, 2), .forwarded_date = Date(2025, 6, 3)},
      // a2's family answered May late (received 9 July), withheld for safeguarding.
      {.arrangement_id = "a2", .sender = "a2-f", .status = ExchangeStatus::kWithheld, .due_date = Date(2025, 5, 31),
       .received_date = Date(2025, 7, 9), .withheld_reason = WithheldReason::kSafeguarding},
      // a2's family answered November, approved after 10 days.
      {.arrangement_id = "a2", .sender = "a2-f", .status = ExchangeStatus::kApproved, .due_date = Date(2025, 11, 30),
       .received_date = Date(2025, 11, 10), .approved_date = Date(2025, 11, 20)},
  };
  const platform::Period year{Date(2025, 4, 1), Date(2026, 3, 31)};
  LetterboxFigures f = MeasureLetterbox(arrangements, items, year, Date(2026, 4, 15), kRules, {});
  // By kind then status: indirect active 2 (2 children), on hold 1, direct active 1.
  ASSERT_EQ(f.arrangements.size(), 3u);
  EXPECT_EQ(f.arrangements[0].arrangements, 2);
  EXPECT_EQ(f.arrangements[0].children, 2);
  EXPECT_EQ(f.arrangements[1].status, ArrangementStatus::kOnHold);
  EXPECT_EQ(f.arrangements[2].kind, ContactKind::kDirect);
  // Twelve months; May: a1's two parties and a2's family = 3 due, 2 answered, 1 not
  // (Kelly). November: a2's family, answered.
  ASSERT_EQ(f.months.size(), 12u);
  EXPECT_EQ(f.months[1].month, "2025-05");
  EXPECT_EQ(f.months[1].due, 3);
  EXPECT_EQ(f.months[1].answered, 2);
  EXPECT_EQ(f.months[1].unanswered, 1);
  EXPECT_EQ(f.months[1].received, 1);
  EXPECT_EQ(f.months[2].forwarded, 1);  // June
  EXPECT_EQ(f.months[3].withheld, 1);   // July
  EXPECT_EQ(f.months[7].due, 1);        // November
  EXPECT_EQ(f.total.due, 4);
  EXPECT_EQ(f.total.answered, 3);
  EXPECT_EQ(f.total.received, 3);
  EXPECT_EQ(f.answered_share.count, 3);
  EXPECT_EQ(f.answered_share.of, 4);
  EXPECT_EQ(f.answered_share.percent, 75.0);
  ASSERT_EQ(f.withheld.size(), 1u);
  EXPECT_EQ(f.withheld[0].reason, WithheldReason::kSafeguarding);
  // Review: 13 days (20 May to 2 June) and 10 days: mean 11.5, median 10.
  EXPECT_EQ(f.approved, 2);
  EXPECT_EQ(f.mean_days_in_review, 11.5);
  EXPECT_EQ(f.median_days_in_review, 10);
  // Reviews: a2, a3 and a4 were due 1 January 2025 and never held; a1 was reviewed.
  EXPECT_EQ(f.reviews_overdue, 3);
  EXPECT_EQ(f.never_reviewed, 3);
}

TEST(LetterboxFigures, BeforeTheGraceDaysNothingIsUnanswered) {
  std::vector<ContactArrangement> arrangements = {Arrangement("a1", "C-1", {5}, false)};
  const platform::Period may{Date(2025, 5, 1), Date(2025, 5, 31)};
  LetterboxFigures f = MeasureLetterbox(arrangements, {}, may, Date(2025, 6, 10), kRules, {});
  EXPECT_EQ(f.total.due, 1);
  EXPECT_EQ(f.total.unanswered, 0);
  EXPECT_EQ(f.answered_share.of, 0);
  EXPECT_FALSE(f.answered_share.percent);
}

}  // namespace
}  // namespace letterbox
