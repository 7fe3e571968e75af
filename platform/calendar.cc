#include "platform/calendar.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "platform/embedded.h"

namespace platform {

const std::vector<EmbeddedFile>& ConfigTables();  // config/*, compiled in

absl::StatusOr<Date> MakeDate(int year, int month, int day) {
  Date d(year, month, day);
  if (year < 1 || year > 9999 || d.year() != year || d.month() != month || d.day() != day) {
    return absl::InvalidArgumentError(absl::StrFormat("%04d-%02d-%02d is not a calendar date", year, month, day));
  }
  return d;
}

std::string FormatDate(Date d) { return absl::FormatCivilTime(d); }

absl::StatusOr<Date> ParseDate(absl::string_view iso) {
  std::vector<absl::string_view> parts = absl::StrSplit(iso, '-');
  int y, m, d;
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 || parts[2].size() != 2 ||
      !absl::SimpleAtoi(parts[0], &y) || !absl::SimpleAtoi(parts[1], &m) ||
      !absl::SimpleAtoi(parts[2], &d)) {
    return absl::InvalidArgumentError(absl::StrCat("'", iso, "' is not a date (YYYY-MM-DD)"));
  }
  return MakeDate(y, m, d);
}

Date Today() {
  static const absl::TimeZone london = [] {
    absl::TimeZone tz;
    return absl::LoadTimeZone("Europe/London", &tz) ? tz : absl::UTCTimeZone();
  }();
  return absl::ToCivilDay(absl::Now(), london);
}

absl::StatusOr<WorkingDayCalendar> WorkingDayCalendar::Parse(absl::string_view text) {
  WorkingDayCalendar cal;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    auto date = ParseDate(line.substr(0, line.find(' ')));
    if (!date.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("bank holidays line ", line_no, ": ", date.status().message()));
    }
    if (cal.holidays_.empty() || *date < cal.first_) cal.first_ = *date;
    if (cal.holidays_.empty() || *date > cal.last_) cal.last_ = *date;
    cal.holidays_.insert(*date);
  }
  if (cal.holidays_.empty()) return absl::InvalidArgumentError("bank holidays: no dates");
  return cal;
}

const WorkingDayCalendar& WorkingDayCalendar::EnglandAndWales() {
  static const WorkingDayCalendar* cal = [] {
    for (const auto& f : ConfigTables()) {
      if (f.name == "bank_holidays_england_wales.txt") {
        auto parsed = Parse(f.content);
        if (parsed.ok()) return new WorkingDayCalendar(*std::move(parsed));
      }
    }
    abort();  // The table is compiled in; a build without it is broken.
  }();
  return *cal;
}

bool WorkingDayCalendar::IsWorkingDay(Date d) const {
  absl::Weekday w = absl::GetWeekday(d);
  return w != absl::Weekday::saturday && w != absl::Weekday::sunday && !IsBankHoliday(d);
}

Date WorkingDayCalendar::AddWorkingDays(Date from, int n) const {
  Date d = from;
  while (n > 0) {
    ++d;
    if (IsWorkingDay(d)) --n;
  }
  return d;
}

int WorkingDayCalendar::WorkingDaysBetween(Date from, Date to) const {
  int n = 0;
  for (Date d = from + 1; d <= to; ++d) n += IsWorkingDay(d) ? 1 : 0;
  return n;
}

std::string FinancialYear::Label() const {
  return absl::StrFormat("%04d-%02d", start_year, (start_year + 1) % 100);
}

absl::StatusOr<FinancialYear> FinancialYear::ParseLabel(absl::string_view label) {
  int start, end;
  if (label.size() != 7 || label[4] != '-' || !absl::SimpleAtoi(label.substr(0, 4), &start) ||
      !absl::SimpleAtoi(label.substr(5, 2), &end) || (start + 1) % 100 != end) {
    return absl::InvalidArgumentError(absl::StrCat("'", label, "' is not a financial year like 2025-26"));
  }
  return FinancialYear{start};
}

}  // namespace platform
