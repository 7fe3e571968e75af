#pragma once
// Calendar dates (absl::CivilDay), England and Wales working days and the
// financial year (1 April – 31 March).
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace platform {

using Date = absl::CivilDay;

// A date from its parts, rejecting impossible ones (31 February) rather than
// normalising them as CivilDay would.
absl::StatusOr<Date> MakeDate(int year, int month, int day);
// "2025-04-01".
std::string FormatDate(Date d);
absl::StatusOr<Date> ParseDate(absl::string_view iso);

// `months` calendar months after `d`, keeping the day of the month and clamping it to
// the month's last day (31 August + 6 months is 28 or 29 February): the "within N
// months" of the agencies' reports (docs/domain.md).
Date AddMonths(Date d, int months);

// Today in the UK (Europe/London).
Date Today();
// The UK day (Europe/London) of an instant, microseconds since the Unix epoch: the day a
// stored time stamp fell on, as the agency's staff count days.
Date DayOfMicros(long long micros);

// Easter Sunday of `year` by the Gregorian computus: Good Friday is two days
// before, Easter Monday (Banking and Financial Dealings Act 1971 sch. 1) the day after.
Date EasterSunday(int year);

// The years whose bank holidays the compiled-in calendar knows. 2000 reaches back
// past the oldest history we import (2010); 2040 reaches past the longest timescale
// counted from today. Beyond the latest published year the days are the standing
// rules only: a later proclamation (a jubilee, a funeral) is added to
// config/bank_holiday_changes.tsv when it is made.
inline constexpr int kBankHolidaysFirstYear = 2000;
inline constexpr int kBankHolidaysLastYear = 2040;

struct BankHoliday {
  Date date;
  std::string name;
  friend bool operator==(const BankHoliday&, const BankHoliday&) = default;
};

// Working days in England and Wales: not a Saturday, Sunday or bank holiday.
// Every question about a date outside the years covered is OUT_OF_RANGE: a date
// whose holidays are unknown is never silently a working day.
class WorkingDayCalendar {
 public:
  // The bank holidays of first_year..last_year computed from the standing rules
  // (Banking and Financial Dealings Act 1971 s.1 and sch. 1, with New Year's Day,
  // the early May holiday and weekend substitutes by the annual royal proclamation)
  // and the one-off changes in `changes_tsv` (config/bank_holiday_changes.tsv
  // format). Every malformed or inconsistent change is reported. The rules hold
  // from 1978, the first year of the early May bank holiday.
  static absl::StatusOr<WorkingDayCalendar> Compute(int first_year, int last_year, absl::string_view changes_tsv);
  // A published list: "YYYY-MM-DD name" per line, # comments. It covers the whole
  // years from its first date's to its last date's.
  static absl::StatusOr<WorkingDayCalendar> Parse(absl::string_view text);
  // kBankHolidaysFirstYear..kBankHolidaysLastYear computed with
  // config/bank_holiday_changes.tsv, compiled in.
  static const WorkingDayCalendar& EnglandAndWales();

  bool Covers(Date d) const { return d >= first_ && d <= last_; }
  // OK when covered, else OUT_OF_RANGE naming the years that are.
  absl::Status CheckCovered(Date d) const;
  absl::StatusOr<bool> IsBankHoliday(Date d) const;
  absl::StatusOr<bool> IsWorkingDay(Date d) const;
  // The date `n` working days after `from` (n >= 0); `from` itself does not count.
  // 5 working days after Friday 2025-04-11 is Tuesday 2025-04-22 (Good Friday and
  // Easter Monday excluded). OUT_OF_RANGE when `from` or any day counted is not
  // covered.
  absl::StatusOr<Date> AddWorkingDays(Date from, int n) const;
  // Working days in (from, to]: 0 when to <= from. OUT_OF_RANGE unless both are
  // covered.
  absl::StatusOr<int> WorkingDaysBetween(Date from, Date to) const;
  // The bank holidays of `year` in date order; OUT_OF_RANGE when not covered.
  absl::StatusOr<std::vector<BankHoliday>> BankHolidaysIn(int year) const;

  Date first_covered() const { return first_; }
  Date last_covered() const { return last_; }

 private:
  std::map<Date, std::string> holidays_;  // date -> name
  Date first_, last_;
};

// The financial year containing a date: 2025-26 runs 2025-04-01..2026-03-31.
struct FinancialYear {
  int start_year = 0;
  Date first_day() const { return Date(start_year, 4, 1); }
  Date last_day() const { return Date(start_year + 1, 3, 31); }
  std::string Label() const;  // "2025-26"
  static FinancialYear Of(Date d) { return {d.month() >= 4 ? int(d.year()) : int(d.year()) - 1}; }
  static absl::StatusOr<FinancialYear> ParseLabel(absl::string_view label);
  friend bool operator==(const FinancialYear&, const FinancialYear&) = default;
};

}  // namespace platform
