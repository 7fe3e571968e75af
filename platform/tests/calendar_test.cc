#include <gtest/gtest.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "platform/core/calendar.h"
#include "platform/core/embedded.h"
#include "platform/core/figures.h"
#include "platform/core/statutory.h"

namespace platform {

const std::vector<EmbeddedFile>& ConfigTables();  // config/*, compiled in

namespace {

TEST(DayOfMicros, IsTheDayInLondonNotUtc) {
  // 2026-06-30 23:30 UTC is 1 July in London (BST); 2026-12-31 23:30 UTC still 31 December (GMT).
  EXPECT_EQ(DayOfMicros(1782862200LL * 1000000), Date(2026, 7, 1));
  EXPECT_EQ(DayOfMicros(1798759800LL * 1000000), Date(2026, 12, 31));
}

const WorkingDayCalendar& Cal() { return WorkingDayCalendar::EnglandAndWales(); }

bool Holiday(Date d) { return Cal().IsBankHoliday(d).value(); }
bool Working(Date d) { return Cal().IsWorkingDay(d).value(); }

std::string Embedded(absl::string_view name) {
  for (const auto& f : ConfigTables()) {
    if (f.name == name) return f.content;
  }
  ADD_FAILURE() << name << " is not compiled in";
  return "";
}

const char kChangesHeader[] = "rules_date\tdate\tname\tproclamation\n";

TEST(WorkingDays, SkipWeekendsAndEasterBankHolidays) {
  // Friday 11 April 2025 + 5 working days: 14-17 April, then Good Friday (18th) and
  // Easter Monday (21st) are skipped, so the fifth is Tuesday 22nd.
  EXPECT_EQ(*Cal().AddWorkingDays(Date(2025, 4, 11), 5), Date(2025, 4, 22));
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2025, 4, 11), Date(2025, 4, 22)), 5);
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2025, 4, 22), Date(2025, 4, 11)), 0);
  EXPECT_EQ(*Cal().AddWorkingDays(Date(2025, 4, 11), 0), Date(2025, 4, 11));
  EXPECT_FALSE(Cal().AddWorkingDays(Date(2025, 4, 11), -1).ok());
}

TEST(WorkingDays, ChristmasSubstituteDaysAreNotWorkingDays) {
  // 2027: Christmas Day is a Saturday, so Monday 27 and Tuesday 28 December are bank holidays.
  EXPECT_FALSE(Working(Date(2027, 12, 27)));
  EXPECT_FALSE(Working(Date(2027, 12, 28)));
  EXPECT_TRUE(Working(Date(2027, 12, 29)));
  EXPECT_EQ(*Cal().AddWorkingDays(Date(2027, 12, 24), 1), Date(2027, 12, 29));
}

TEST(WorkingDays, AWeekendHolidayIsKeptOnTheNextWeekdayThatIsNotAlreadyOne) {
  // 2021 and 2010: Christmas Saturday, Boxing Day Sunday -> Monday 27 and Tuesday 28.
  for (int year : {2010, 2021}) {
    EXPECT_TRUE(Holiday(Date(year, 12, 27))) << year;
    EXPECT_TRUE(Holiday(Date(year, 12, 28))) << year;
    EXPECT_FALSE(Holiday(Date(year, 12, 25))) << year;  // the Saturday itself is no bank holiday
    EXPECT_TRUE(Working(Date(year, 12, 29))) << year;
  }
  // 2016: Christmas Sunday, Boxing Day Monday -> Christmas is kept on Tuesday 27.
  EXPECT_TRUE(Holiday(Date(2016, 12, 26)));
  EXPECT_TRUE(Holiday(Date(2016, 12, 27)));
  EXPECT_TRUE(Working(Date(2016, 12, 28)));
  // 2015: Boxing Day Saturday -> Monday 28 (Christmas Friday stays).
  EXPECT_TRUE(Holiday(Date(2015, 12, 28)));
  EXPECT_TRUE(Working(Date(2015, 12, 29)));
  // New Year's Day on a Saturday (2022, 2000) or a Sunday (2017).
  EXPECT_TRUE(Holiday(Date(2022, 1, 3)));
  EXPECT_TRUE(Holiday(Date(2000, 1, 3)));
  EXPECT_TRUE(Holiday(Date(2017, 1, 2)));
  EXPECT_TRUE(Working(Date(2017, 1, 3)));
  auto y2021 = Cal().BankHolidaysIn(2021).value();
  EXPECT_EQ(y2021.back(), (BankHoliday{Date(2021, 12, 28), "Boxing Day (substitute day)"}));
}

TEST(WorkingDays, OneOffBankHolidaysAreKnown) {
  EXPECT_TRUE(Holiday(Date(2022, 9, 19)));  // State funeral of Queen Elizabeth II
  EXPECT_TRUE(Holiday(Date(2023, 5, 8)));   // Coronation
  EXPECT_TRUE(Holiday(Date(2020, 5, 8)));   // VE day (early May moved)
  EXPECT_FALSE(Holiday(Date(2020, 5, 4)));
  EXPECT_TRUE(Holiday(Date(2011, 4, 29)));  // Royal wedding
  // Jubilees: the spring holiday moved and an extra day beside it.
  EXPECT_FALSE(Holiday(Date(2002, 5, 27)));
  EXPECT_TRUE(Holiday(Date(2002, 6, 3)));
  EXPECT_TRUE(Holiday(Date(2002, 6, 4)));
  EXPECT_FALSE(Holiday(Date(2012, 5, 28)));
  EXPECT_TRUE(Holiday(Date(2012, 6, 4)));
  EXPECT_TRUE(Holiday(Date(2012, 6, 5)));
  EXPECT_FALSE(Holiday(Date(2022, 5, 30)));
  EXPECT_TRUE(Holiday(Date(2022, 6, 2)));
  EXPECT_TRUE(Holiday(Date(2022, 6, 3)));
  // An ordinary year keeps the rules: 2013's spring holiday is the last Monday of May.
  EXPECT_TRUE(Holiday(Date(2013, 5, 27)));
  EXPECT_EQ(Cal().BankHolidaysIn(2013)->size(), 8u);
  EXPECT_EQ(Cal().BankHolidaysIn(2022)->size(), 10u);
}

TEST(Easter, IsTheGregorianComputusForKnownYears) {
  EXPECT_EQ(EasterSunday(2000), Date(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2008), Date(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2011), Date(2011, 4, 24));
  EXPECT_EQ(EasterSunday(2016), Date(2016, 3, 27));
  EXPECT_EQ(EasterSunday(2019), Date(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2024), Date(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), Date(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2038), Date(2038, 4, 25));  // the latest possible
  EXPECT_EQ(EasterSunday(2285), Date(2285, 3, 22));  // the earliest possible
  EXPECT_TRUE(Holiday(Date(2038, 4, 23)));  // Good Friday
  EXPECT_TRUE(Holiday(Date(2038, 4, 26)));  // Easter Monday
}

TEST(WorkingDays, TheComputedHolidaysAreExactlyThePublishedListForEveryYearItCovers) {
  auto published = WorkingDayCalendar::Parse(Embedded("bank_holidays_england_wales.txt"));
  ASSERT_TRUE(published.ok()) << published.status();
  ASSERT_EQ(published->first_covered(), Date(2015, 1, 1));
  ASSERT_EQ(published->last_covered(), Date(2030, 12, 31));
  for (int year = 2015; year <= 2030; ++year) {
    EXPECT_EQ(Cal().BankHolidaysIn(year).value(), published->BankHolidaysIn(year).value()) << year;
  }
}

TEST(WorkingDays, EveryYearFrom2000To2040IsComputedAndNothingOutside) {
  EXPECT_EQ(Cal().first_covered(), Date(kBankHolidaysFirstYear, 1, 1));
  EXPECT_EQ(Cal().last_covered(), Date(kBankHolidaysLastYear, 12, 31));
  EXPECT_EQ(kBankHolidaysFirstYear, 2000);
  EXPECT_EQ(kBankHolidaysLastYear, 2040);
  for (int year = 2000; year <= 2040; ++year) {
    auto days = Cal().BankHolidaysIn(year);
    ASSERT_TRUE(days.ok()) << year;
    // Eight a year, more in the years of a one-off change.
    EXPECT_GE(days->size(), 8u) << year;
    EXPECT_LE(days->size(), 10u) << year;
    for (const BankHoliday& h : *days) {
      EXPECT_EQ(h.date.year(), year);
      EXPECT_FALSE(h.name.empty());
      EXPECT_NE(absl::GetWeekday(h.date), absl::Weekday::saturday) << FormatDate(h.date);
      EXPECT_NE(absl::GetWeekday(h.date), absl::Weekday::sunday) << FormatDate(h.date);
    }
  }
  // The millennium holiday (1999) and the 1995 VE day move are before the range.
  EXPECT_EQ(Cal().IsBankHoliday(Date(1999, 12, 31)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Cal().BankHolidaysIn(1995).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(WorkingDays, ADateOutsideTheCalendarIsAnErrorNeverAWorkingDay) {
  EXPECT_EQ(Cal().IsWorkingDay(Date(2041, 1, 2)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Cal().IsBankHoliday(Date(2041, 1, 1)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Cal().IsWorkingDay(Date(1999, 12, 30)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_TRUE(Working(Date(2040, 12, 31)));  // a Monday, the last day covered
  // Counting that runs past 31 December 2040 fails rather than ignoring 2041's holidays.
  auto late = Cal().AddWorkingDays(Date(2040, 12, 24), 5);
  EXPECT_EQ(late.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_NE(late.status().message().find("2041-01-01"), std::string::npos) << late.status();
  EXPECT_EQ(*Cal().AddWorkingDays(Date(2040, 12, 24), 2), Date(2040, 12, 28));  // 25, 26 are holidays
  EXPECT_EQ(Cal().AddWorkingDays(Date(1999, 12, 31), 1).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Cal().WorkingDaysBetween(Date(2040, 1, 1), Date(2041, 1, 1)).status().code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Cal().BankHolidaysIn(2041).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(WorkingDays, TheRangeIsAParameterOfTheComputation) {
  auto cal = WorkingDayCalendar::Compute(2030, 2031, Embedded("bank_holiday_changes.tsv"));
  ASSERT_TRUE(cal.ok()) << cal.status();
  EXPECT_TRUE(*cal->IsBankHoliday(Date(2031, 4, 11)));  // Good Friday 2031
  EXPECT_FALSE(cal->IsBankHoliday(Date(2029, 12, 25)).ok());
  EXPECT_FALSE(WorkingDayCalendar::Compute(1977, 2000, kChangesHeader).ok());  // before the rules
  EXPECT_FALSE(WorkingDayCalendar::Compute(2030, 2029, kChangesHeader).ok());
}

TEST(BankHolidayChanges, AChangeThatDoesNotFitTheRulesIsRejectedWithEveryProblem) {
  const std::string bad = absl::StrCat(kChangesHeader,
                                       "2020-05-05\t2020-05-08\tVE day\tp\n",  // 5 May was no holiday
                                       "\t2020-12-25\tExtra\tp\n",             // already Christmas
                                       "\t2020-06-06\tExtra\tp\n",             // a Saturday
                                       "\t2020-02-30\tExtra\tp\n",             // no such date
                                       "\t2020-07-01\tExtra\t\n",              // no proclamation
                                       "2020-05-25\t2021-05-24\tMoved\tp\n");  // into another year
  auto cal = WorkingDayCalendar::Compute(2020, 2020, bad);
  ASSERT_FALSE(cal.ok());
  for (const char* line : {"line 2", "line 3", "line 4", "line 5", "line 6", "line 7"}) {
    EXPECT_NE(cal.status().message().find(line), absl::string_view::npos) << line << ": " << cal.status();
  }
  // Changes outside the years computed are checked too.
  EXPECT_FALSE(WorkingDayCalendar::Compute(2030, 2030, absl::StrCat(kChangesHeader, "2020-05-05\t\t\tp\n")).ok());
}

TEST(BankHolidayChanges, AnExtraDayMovedOrCancelledHolidayApplies) {
  const std::string changes = absl::StrCat(kChangesHeader, "2030-05-06\t\t\tcancelled\n",
                                           "2030-05-27\t2030-06-04\tSpring bank holiday\tmoved\n",
                                           "\t2030-06-03\tExtra\textra\n");
  auto cal = WorkingDayCalendar::Compute(2030, 2030, changes);
  ASSERT_TRUE(cal.ok()) << cal.status();
  EXPECT_FALSE(*cal->IsBankHoliday(Date(2030, 5, 6)));
  EXPECT_FALSE(*cal->IsBankHoliday(Date(2030, 5, 27)));
  EXPECT_TRUE(*cal->IsBankHoliday(Date(2030, 6, 3)));
  EXPECT_TRUE(*cal->IsBankHoliday(Date(2030, 6, 4)));
  EXPECT_FALSE(*cal->IsBankHoliday(Date(2030, 5, 4)));
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

namespace platform {
namespace {

TEST(AddMonths, KeepsTheDayAndClampsToTheMonthsLastDay) {
  EXPECT_EQ(AddMonths(Date(2025, 1, 15), 2), Date(2025, 3, 15));
  EXPECT_EQ(AddMonths(Date(2025, 8, 31), 6), Date(2026, 2, 28));
  EXPECT_EQ(AddMonths(Date(2023, 8, 31), 6), Date(2024, 2, 29));  // a leap year
  EXPECT_EQ(AddMonths(Date(2025, 10, 31), 1), Date(2025, 11, 30));
  EXPECT_EQ(AddMonths(Date(2025, 11, 30), 2), Date(2026, 1, 30));
  EXPECT_EQ(AddMonths(Date(2025, 3, 31), -1), Date(2025, 2, 28));
  EXPECT_EQ(AddMonths(Date(2025, 3, 31), 0), Date(2025, 3, 31));
}

TEST(Figures, RoundHalfUpOrTruncateAtThePrecisionPrinted) {
  // Rotherham 2017/18: 13 of 14 in timescale printed 93%, 4 of 14 printed 28.5% (truncated).
  EXPECT_EQ(*Percentage(13, 14, 0, Rounding::kHalfUp), 93);
  EXPECT_EQ(*Percentage(4, 14, 1, Rounding::kTruncate), 28.5);
  EXPECT_EQ(*Percentage(4, 14, 1, Rounding::kHalfUp), 28.6);
  EXPECT_EQ(*Percentage(1, 8, 0, Rounding::kHalfUp), 13);  // 12.5: the half goes up
  EXPECT_EQ(*Percentage(1, 8, 0, Rounding::kTruncate), 12);
  EXPECT_EQ(RoundFigure(2.675, 2, Rounding::kHalfUp), 2.68);  // stored as 2.67499..., printed 2.675
  EXPECT_EQ(*Mean(2912, 14, 0, Rounding::kHalfUp), 208);
  EXPECT_EQ(*Mean(1747, 14, 1, Rounding::kHalfUp), 124.8);  // 124.785...
  EXPECT_FALSE(Percentage(0, 0, 1, Rounding::kHalfUp).has_value());
  EXPECT_FALSE(Mean(0, 0, 1, Rounding::kHalfUp).has_value());
  EXPECT_EQ(*ParseRounding("truncate"), Rounding::kTruncate);
  EXPECT_FALSE(ParseRounding("up").ok());
}

TEST(Figures, PeriodsIncludeBothEnds) {
  const Period fy = Period::Of(FinancialYear{2017});
  EXPECT_TRUE(fy.Contains(Date(2017, 4, 1)));
  EXPECT_TRUE(fy.Contains(Date(2018, 3, 31)));
  EXPECT_FALSE(fy.Contains(Date(2018, 4, 1)));
  const Period feb = Period::Month(2024, 2);
  EXPECT_EQ(feb.first, Date(2024, 2, 1));
  EXPECT_EQ(feb.last, Date(2024, 2, 29));
}

}  // namespace
}  // namespace platform
