#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/calendar.h"
#include "platform/statutory.h"

namespace platform {
namespace {

const WorkingDayCalendar& Cal() { return WorkingDayCalendar::EnglandAndWales(); }

TEST(WorkingDays, SkipWeekendsAndEasterBankHolidays) {
  // Friday 11 April 2025 + 5 working days: 14-17 April, then Good Friday (18th) and
  // Easter Monday (21st) are skipped, so the fifth is Tuesday 22nd.
  EXPECT_EQ(Cal().AddWorkingDays(Date(2025, 4, 11), 5), Date(2025, 4, 22));
  EXPECT_EQ(Cal().WorkingDaysBetween(Date(2025, 4, 11), Date(2025, 4, 22)), 5);
  EXPECT_EQ(Cal().WorkingDaysBetween(Date(2025, 4, 22), Date(2025, 4, 11)), 0);
}

TEST(WorkingDays, ChristmasSubstituteDaysAreNotWorkingDays) {
  // 2027: Christmas Day is a Saturday, so Monday 27 and Tuesday 28 December are bank holidays.
  EXPECT_FALSE(Cal().IsWorkingDay(Date(2027, 12, 27)));
  EXPECT_FALSE(Cal().IsWorkingDay(Date(2027, 12, 28)));
  EXPECT_TRUE(Cal().IsWorkingDay(Date(2027, 12, 29)));
  EXPECT_EQ(Cal().AddWorkingDays(Date(2027, 12, 24), 1), Date(2027, 12, 29));
}

TEST(WorkingDays, OneOffBankHolidaysAreKnown) {
  EXPECT_TRUE(Cal().IsBankHoliday(Date(2022, 9, 19)));  // State funeral of Queen Elizabeth II
  EXPECT_TRUE(Cal().IsBankHoliday(Date(2023, 5, 8)));   // Coronation
  EXPECT_TRUE(Cal().IsBankHoliday(Date(2020, 5, 8)));   // VE day (early May moved)
  EXPECT_FALSE(Cal().IsBankHoliday(Date(2020, 5, 4)));
}

TEST(WorkingDays, TheTableCovers2015To2030) {
  EXPECT_EQ(Cal().first_covered(), Date(2015, 1, 1));
  EXPECT_EQ(Cal().last_covered().year(), 2030);
}

TEST(WorkingDays, AMalformedTableIsRejectedWithItsLine) {
  auto cal = WorkingDayCalendar::Parse("# c\n2025-01-01 New Year\n2025-02-30 nope\n");
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.status().message().find("line 3"), absl::string_view::npos);
}

TEST(Dates, ImpossibleDatesAreRejectedNotNormalised) {
  EXPECT_FALSE(MakeDate(2025, 2, 29).ok());
  EXPECT_TRUE(MakeDate(2024, 2, 29).ok());
  EXPECT_FALSE(ParseDate("2025-13-01").ok());
  EXPECT_EQ(FormatDate(*ParseDate("2025-04-01")), "2025-04-01");
}

TEST(FinancialYear, RunsFromAprilToMarch) {
  EXPECT_EQ(FinancialYear::Of(Date(2025, 3, 31)).Label(), "2024-25");
  EXPECT_EQ(FinancialYear::Of(Date(2025, 4, 1)).Label(), "2025-26");
  EXPECT_EQ(FinancialYear::Of(Date(1999, 12, 31)).Label(), "1999-00");
  EXPECT_EQ(FinancialYear::ParseLabel("2025-26")->first_day(), Date(2025, 4, 1));
  EXPECT_EQ(FinancialYear::ParseLabel("2025-26")->last_day(), Date(2026, 3, 31));
  EXPECT_FALSE(FinancialYear::ParseLabel("2025-27").ok());
}

TEST(StatutoryTable, TheValueInForceOnADateIsTheLatestBeforeIt) {
  const auto& t = StatutoryTable::Defaults();
  EXPECT_EQ(*t.ValueOn("scorecard_a1_threshold_days", Date(2013, 3, 31)), 639);
  EXPECT_EQ(*t.ValueOn("scorecard_a1_threshold_days", Date(2013, 4, 1)), 547);
  EXPECT_EQ(*t.ValueOn("scorecard_a1_threshold_days", Date(2020, 1, 1)), 426);
  EXPECT_FALSE(t.ValueOn("scorecard_a1_threshold_days", Date(2010, 1, 1)).ok());
  EXPECT_FALSE(t.ValueOn("no_such_rule", Date(2020, 1, 1)).ok());
}

TEST(StatutoryTable, ADeploymentsOwnFileReplacesTheDefaultsAndMustHaveTheKeysNeeded) {
  char path[] = "/tmp/statutory-XXXXXX";
  int fd = mkstemp(path);
  const std::string text = "key\teffective_from\tvalue\tsource\nsupport_call_working_days\t2015-04-01\t3\tlocal policy\n";
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  auto table = StatutoryTable::Load(path, {"support_call_working_days"});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(*table->ValueOn("support_call_working_days", Date(2025, 1, 1)), 3);
  EXPECT_FALSE(StatutoryTable::Load(path, {"panel_quorum_members"}).ok());
  EXPECT_FALSE(StatutoryTable::Load("/nonexistent/statutory.tsv", {}).ok());
  EXPECT_TRUE(StatutoryTable::Load("", {"panel_quorum_members"}).ok());  // the defaults have it
  unlink(path);
}

TEST(StatutoryTable, MalformedRowsAreAllReported) {
  auto t = StatutoryTable::Parse("key\teffective_from\tvalue\tsource\na\t2020-01-01\tx\ts\nb\t2020-02-31\t1\ts\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("line 2"), absl::string_view::npos);
  EXPECT_NE(t.status().message().find("line 3"), absl::string_view::npos);
}

}  // namespace
}  // namespace platform
