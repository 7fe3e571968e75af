#pragma once
// Calendar dates (absl::CivilDay), England and Wales working days and the
// financial year (1 April – 31 March).
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace platform {

using Date = absl::CivilDay;

// A date from its parts, rejecting impossible ones (31 February) rather than
// normalising them as CivilDay would.
absl::StatusOr<Date> MakeDate(int year, int month, int day);
// "2025-04-01".
std::string FormatDate(Date d);
absl::StatusOr<Date> ParseDate(absl::string_view iso);

// Today in the UK (Europe/London).
Date Today();

// Bank holidays from the data file config/bank_holidays_england_wales.txt (one
// "YYYY-MM-DD name" per line, # comments). Working days exclude weekends and these.
class WorkingDayCalendar {
 public:
  static absl::StatusOr<WorkingDayCalendar> Parse(absl::string_view text);
  // The table compiled into the binary from config/.
  static const WorkingDayCalendar& EnglandAndWales();

  bool IsBankHoliday(Date d) const { return holidays_.contains(d); }
  bool IsWorkingDay(Date d) const;
  // The date `n` working days after `from` (n >= 0); `from` itself does not count.
  // 5 working days after Friday 2025-04-11 is Tuesday 2025-04-22 (Good Friday and
  // Easter Monday excluded).
  Date AddWorkingDays(Date from, int n) const;
  // Working days in (from, to]: 0 when to <= from.
  int WorkingDaysBetween(Date from, Date to) const;
  Date first_covered() const { return first_; }
  Date last_covered() const { return last_; }

 private:
  absl::flat_hash_set<Date> holidays_;
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
