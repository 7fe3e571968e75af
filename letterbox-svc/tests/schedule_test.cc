// The letterbox schedule: who owes an item, since when, reminders, overdue and no
// reply, across months and years.
#include "letterbox-svc/domain/schedule.h"

#include <gtest/gtest.h>

namespace letterbox {
namespace {

using platform::Date;

constexpr ScheduleRules kRules{.reminder_days_before = 14, .overdue_grace_days = 28, .reply_expected_days = 56};

// A yearly arrangement in May, from 1 April 2024: the family writes; two-way when asked.
ContactArrangement Yearly(bool two_way, std::vector<int> months = {5}) {
  ContactArrangement a;
  a.id = "a";
  ArrangementDetails& d = a.details;
  d.kind = ContactKind::kIndirect;
  d.parties = {{.party_id = "family", .role = PartyRole::kAdoptiveFamily, .display_name = "Mum and Dad"},
               {.party_id = "mother", .role = PartyRole::kBirthMother, .display_name = "Kelly"}};
  d.frequency = ContactFrequency::kYearly;
  d.exchange_months = std::move(months);
  d.two_way = two_way;
  d.start_date = Date(2024, 4, 1);
  d.end_date = Date(2030, 3, 1);
  d.status = ArrangementStatus::kActive;
  return a;
}

ExchangeDates Sent(const std::string& from, const std::string& to, Date due, Date received,
                   std::optional<Date> forwarded = std::nullopt) {
  return {.sender = from, .recipient = to, .due_date = due, .received_date = received, .forwarded_date = forwarded};
}

TEST(Schedule, EachSenderOwesItsOldestUnansweredDueDate) {
  std::vector<PartySchedule> s = ScheduleOf(Yearly(true), {});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].next_due, Date(2024, 5, 31));
  EXPECT_EQ(s[1].next_due, Date(2024, 5, 31));
  // One-way: the birth side sends nothing.
  s = ScheduleOf(Yearly(false), {});
  EXPECT_EQ(s[0].next_due, Date(2024, 5, 31));
  EXPECT_FALSE(s[1].next_due);
  // The family answered May 2024; the next is May 2025; a skipped year stays owed.
  s = ScheduleOf(Yearly(true), {Sent("family", "mother", Date(2024, 5, 31), Date(2024, 5, 20), Date(2024, 6, 3)),
                                Sent("family", "mother", Date(2026, 5, 31), Date(2026, 5, 2))});
  EXPECT_EQ(s[0].next_due, Date(2025, 5, 31));
  EXPECT_EQ(s[0].last_sent, Date(2026, 5, 2));
  EXPECT_EQ(s[1].last_forwarded, Date(2024, 6, 3));
  EXPECT_EQ(s[1].next_due, Date(2024, 5, 31));
}

TEST(Schedule, NothingIsDueAfterTheEndOrForDirectContact) {
  ContactArrangement a = Yearly(false);
  a.details.end_date = Date(2024, 5, 30);  // ends the day before the first due date
  EXPECT_FALSE(ScheduleOf(a, {})[0].next_due);
  a = Yearly(false);
  a.details.kind = ContactKind::kDirect;
  EXPECT_FALSE(ScheduleOf(a, {})[0].next_due);
}

TEST(Schedule, TwiceYearlyAcrossTheYearEndAndLeapFebruary) {
  ContactArrangement a = Yearly(false, {2, 12});
  a.details.start_date = Date(2027, 12, 15);
  std::vector<PartySchedule> s = ScheduleOf(a, {});
  EXPECT_EQ(s[0].next_due, Date(2027, 12, 31));
  s = ScheduleOf(a, {Sent("family", "mother", Date(2027, 12, 31), Date(2027, 12, 20))});
  EXPECT_EQ(s[0].next_due, Date(2028, 2, 29));  // a leap year
}

TEST(Schedule, RemindersOverdueAndMissedCount) {
  const ContactArrangement a = Yearly(true);
  const PartySchedule s = ScheduleOf(a, {})[0];  // owes 31 May 2024
  struct Case {
    Date today;
    bool reminder, overdue;
    int missed;
  };
  for (const Case& c : std::vector<Case>{{Date(2024, 5, 16), false, false, 0},
                                         {Date(2024, 5, 17), true, false, 0},
                                         {Date(2024, 5, 31), true, false, 1},
                                         {Date(2024, 6, 28), false, false, 1},
                                         {Date(2024, 6, 29), false, true, 1},
                                         {Date(2026, 6, 1), false, true, 3}}) {
    Standing st = StandingOf(s, a, c.today, kRules);
    EXPECT_EQ(st.reminder_due, c.reminder) << platform::FormatDate(c.today);
    EXPECT_EQ(st.overdue, c.overdue) << platform::FormatDate(c.today);
    EXPECT_EQ(st.missed, c.missed) << platform::FormatDate(c.today);
  }
}

TEST(Schedule, NoReplyAfterTheExpectedDays) {
  ContactArrangement a = Yearly(true);
  std::vector<ExchangeDates> items = {
      Sent("family", "mother", Date(2024, 5, 31), Date(2024, 5, 20), Date(2024, 6, 3))};
  const PartySchedule mother = ScheduleOf(a, items)[1];
  EXPECT_FALSE(StandingOf(mother, a, Date(2024, 7, 29), kRules).awaiting_reply);  // day 56
  EXPECT_TRUE(StandingOf(mother, a, Date(2024, 7, 30), kRules).awaiting_reply);
  // She replied: no longer waiting.
  items.push_back(Sent("mother", "family", Date(2024, 5, 31), Date(2024, 7, 1)));
  EXPECT_FALSE(StandingOf(ScheduleOf(a, items)[1], a, Date(2024, 9, 1), kRules).awaiting_reply);
  // One-way: nobody waits for a reply.
  a.details.two_way = false;
  EXPECT_FALSE(StandingOf(ScheduleOf(a, {items[0]})[1], a, Date(2024, 9, 1), kRules).awaiting_reply);
}

TEST(Schedule, AnItemWithoutADueDateAnswersTheOneOwed) {
  std::vector<PartySchedule> s = ScheduleOf(Yearly(true), {});
  EXPECT_EQ(DueDateAnswered(s, "family", Date(2024, 5, 17), kRules), Date(2024, 5, 31));
  EXPECT_EQ(DueDateAnswered(s, "family", Date(2024, 8, 1), kRules), Date(2024, 5, 31));  // late, still owed
  EXPECT_FALSE(DueDateAnswered(s, "family", Date(2024, 4, 20), kRules));                // too early
  EXPECT_FALSE(DueDateAnswered(s, "nobody", Date(2024, 5, 20), kRules));
}

TEST(Schedule, TheRulesComeFromTheDatedTable) {
  absl::StatusOr<ScheduleRules> r = ScheduleRules::On(platform::StatutoryTable::Defaults(), Date(2025, 1, 1));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->reminder_days_before, 14);
  EXPECT_EQ(r->overdue_grace_days, 28);
  EXPECT_EQ(r->reply_expected_days, 56);
  EXPECT_FALSE(ScheduleRules::On(platform::StatutoryTable::Defaults(), Date(2019, 1, 1)).ok());
}

}  // namespace
}  // namespace letterbox
