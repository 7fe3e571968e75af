#include "platform/core/calendar.h"

#include <algorithm>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "platform/core/status_macros.h"
#include "platform/core/table.h"

namespace platform {

absl::StatusOr<Date> MakeDate(int year, int month, int day) {
  Date d(year, month, day);
  if (year < 1 || year > 9999 || d.year() != year || d.month() != month || d.day() != day) {
    return absl::InvalidArgumentError(absl::StrFormat("%04d-%02d-%02d is not a calendar date", year, month, day));
  }
  return d;
}

std::string FormatDate(Date d) { return absl::FormatCivilTime(d); }

Date AddMonths(Date d, int months) {
  const absl::CivilMonth month = absl::CivilMonth(d) + months;
  // The first of the month after, less a day: the month's last day.
  const int last_day = (absl::CivilDay(month + 1) - 1).day();
  return Date(month.year(), month.month(), std::min<int>(d.day(), last_day));
}

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

namespace {
const absl::TimeZone& London() {
  static const absl::TimeZone london = [] {
    absl::TimeZone tz;
    return absl::LoadTimeZone("Europe/London", &tz) ? tz : absl::UTCTimeZone();
  }();
  return london;
}
}  // namespace

Date Today() { return absl::ToCivilDay(absl::Now(), London()); }

Date DayOfMicros(long long micros) { return absl::ToCivilDay(absl::FromUnixMicros(micros), London()); }

Date EasterSunday(int year) {
  // The anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return Date(year, n / 31, n % 31 + 1);
}

namespace {

bool IsWeekend(Date d) {
  const absl::Weekday w = absl::GetWeekday(d);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

Date FirstMonday(int year, int month) {
  return absl::NextWeekday(Date(year, month, 1) - 1, absl::Weekday::monday);
}

Date LastMonday(int year, int month) {
  return absl::PrevWeekday(Date(year, month + 1, 1), absl::Weekday::monday);
}

// The first year of the early May bank holiday; the other rules coded here are older.
constexpr int kRulesFirstYear = 1978;

// The bank holidays of `year` under the standing rules, before one-off changes.
std::map<Date, std::string> StandingRules(int year) {
  std::map<Date, std::string> days;
  const Date easter = EasterSunday(year);
  days[Date(year, 1, 1)] = "New Year's Day";
  days[easter - 2] = "Good Friday";
  days[easter + 1] = "Easter Monday";
  days[FirstMonday(year, 5)] = "Early May bank holiday";
  days[LastMonday(year, 5)] = "Spring bank holiday";
  days[LastMonday(year, 8)] = "Summer bank holiday";
  days[Date(year, 12, 25)] = "Christmas Day";
  days[Date(year, 12, 26)] = "Boxing Day";
  // A holiday on a Saturday or Sunday is kept on the next weekday that is not
  // already one (sch. 1: 27 December when Christmas or Boxing Day is a Sunday; the
  // proclamation for a Saturday). Christmas before Boxing Day: in 2016 Christmas
  // (Sunday) moves past Boxing Day (Monday) to Tuesday 27th.
  for (const Date d : {Date(year, 1, 1), Date(year, 12, 25), Date(year, 12, 26)}) {
    if (!IsWeekend(d)) continue;
    Date sub = d + 1;
    while (IsWeekend(sub) || days.contains(sub)) ++sub;
    days[sub] = absl::StrCat(days[d], " (substitute day)");
  }
  for (auto it = days.begin(); it != days.end();) {
    it = IsWeekend(it->first) ? days.erase(it) : std::next(it);
  }
  return days;
}

// A row of config/bank_holiday_changes.tsv: the day the rules give (none for an
// extra day), the day kept instead (none when cancelled), its name and authority.
struct Change {
  int line = 0;
  std::optional<Date> rules_date, date;
  std::string name, proclamation;
  int year() const { return static_cast<int>(rules_date ? rules_date->year() : date->year()); }
};

// The well-formed rows; each malformed one is a problem of `reading` (the rest are
// still checked against the rules, so one reading reports every problem).
std::vector<Change> ParseChanges(absl::string_view text, TableReading& reading) {
  std::vector<Change> changes;
  for (const TableRow& row : reading.Rows(text, 4, "expected rules_date, date, name, proclamation")) {
    const auto& cols = row.cells;
    auto problem = [&](absl::string_view what) { reading.Problem(row.line, what); };
    Change c;
    c.line = row.line;
    bool ok = true;
    for (int i : {0, 1}) {
      if (cols[i].empty()) continue;
      auto d = ParseDate(cols[i]);
      if (!d.ok()) {
        problem(d.status().message());
        ok = false;
        continue;
      }
      (i == 0 ? c.rules_date : c.date) = *d;
    }
    if (!ok) continue;
    c.name = std::string(absl::StripAsciiWhitespace(cols[2]));
    c.proclamation = std::string(absl::StripAsciiWhitespace(cols[3]));
    if (!c.rules_date && !c.date) {
      problem("names neither a day the rules give nor a day kept");
    } else if (c.rules_date && c.date && c.rules_date->year() != c.date->year()) {
      problem("moves a holiday into another year");
    } else if (c.date && c.name.empty()) {
      problem("the day kept needs a name");
    } else if (c.proclamation.empty()) {
      problem("needs the proclamation that made the change");
    } else if (c.year() < kRulesFirstYear) {
      problem(absl::StrCat("before ", kRulesFirstYear, ", whose rules are not coded"));
    } else {
      changes.push_back(std::move(c));
    }
  }
  return changes;
}

// Applies the changes of one year to its standing-rules holidays; every change is
// checked against them so that a mistyped date is an error, not a silent extra day.
void ApplyChanges(const std::vector<Change>& changes, int year, std::map<Date, std::string>& days,
                  TableReading& reading) {
  for (const Change& c : changes) {
    if (c.year() != year) continue;
    if (c.rules_date) {
      if (!days.contains(*c.rules_date)) {
        reading.Problem(c.line, absl::StrCat(FormatDate(*c.rules_date), " is not a bank holiday under the standing rules"));
        continue;
      }
      days.erase(*c.rules_date);
    }
    if (c.date) {
      if (days.contains(*c.date)) {
        reading.Problem(c.line, absl::StrCat(FormatDate(*c.date), " is already a bank holiday"));
        continue;
      }
      if (IsWeekend(*c.date)) {
        reading.Problem(c.line, absl::StrCat(FormatDate(*c.date), " is a weekend"));
        continue;
      }
      days[*c.date] = c.name;
    }
  }
}

}  // namespace

absl::StatusOr<WorkingDayCalendar> WorkingDayCalendar::Compute(int first_year, int last_year,
                                                               absl::string_view changes_tsv) {
  if (first_year < kRulesFirstYear || last_year > 9999 || first_year > last_year) {
    return absl::InvalidArgumentError(absl::StrCat("bank holidays: cannot compute ", first_year, "..", last_year,
                                                   " (the rules hold from ", kRulesFirstYear, ")"));
  }
  TableReading reading("bank holiday changes");
  const std::vector<Change> changes = ParseChanges(changes_tsv, reading);
  // Every change is checked, including those outside the years asked for.
  int min_year = first_year, max_year = last_year;
  for (const Change& c : changes) {
    min_year = std::min(min_year, c.year());
    max_year = std::max(max_year, c.year());
  }
  WorkingDayCalendar cal;
  for (int year = min_year; year <= max_year; ++year) {
    std::map<Date, std::string> days = StandingRules(year);
    ApplyChanges(changes, year, days, reading);
    if (year >= first_year && year <= last_year) cal.holidays_.merge(days);
  }
  RETURN_IF_ERROR(reading.Status());
  cal.first_ = Date(first_year, 1, 1);
  cal.last_ = Date(last_year, 12, 31);
  return cal;
}

absl::StatusOr<WorkingDayCalendar> WorkingDayCalendar::Parse(absl::string_view text) {
  WorkingDayCalendar cal;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    auto date = ParseDate(line.substr(0, space));
    if (!date.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("bank holidays line ", line_no, ": ", date.status().message()));
    }
    const absl::string_view name =
        space == absl::string_view::npos ? "" : absl::StripAsciiWhitespace(line.substr(space + 1));
    if (!cal.holidays_.emplace(*date, std::string(name)).second) {
      return absl::InvalidArgumentError(absl::StrCat("bank holidays line ", line_no, ": ", FormatDate(*date),
                                                     " is listed twice"));
    }
  }
  if (cal.holidays_.empty()) return absl::InvalidArgumentError("bank holidays: no dates");
  cal.first_ = Date(cal.holidays_.begin()->first.year(), 1, 1);
  cal.last_ = Date(cal.holidays_.rbegin()->first.year(), 12, 31);
  return cal;
}

const WorkingDayCalendar& WorkingDayCalendar::EnglandAndWales() {
  // Checked by calendar_test: value() fails only in a broken build.
  static const WorkingDayCalendar* cal = new WorkingDayCalendar(
      Compute(kBankHolidaysFirstYear, kBankHolidaysLastYear, EmbeddedTable("bank_holiday_changes.tsv")).value());
  return *cal;
}

absl::Status WorkingDayCalendar::CheckCovered(Date d) const {
  if (Covers(d)) return absl::OkStatus();
  return absl::OutOfRangeError(absl::StrCat("bank holidays are known for ", FormatDate(first_), " to ",
                                            FormatDate(last_), ", not ", FormatDate(d)));
}

absl::StatusOr<bool> WorkingDayCalendar::IsBankHoliday(Date d) const {
  if (absl::Status s = CheckCovered(d); !s.ok()) return s;
  return holidays_.contains(d);
}

absl::StatusOr<bool> WorkingDayCalendar::IsWorkingDay(Date d) const {
  if (absl::Status s = CheckCovered(d); !s.ok()) return s;
  return !IsWeekend(d) && !holidays_.contains(d);
}

absl::StatusOr<Date> WorkingDayCalendar::AddWorkingDays(Date from, int n) const {
  if (n < 0) return absl::InvalidArgumentError(absl::StrCat("cannot add ", n, " working days"));
  if (absl::Status s = CheckCovered(from); !s.ok()) return s;
  Date d = from;
  while (n > 0) {
    ++d;
    if (absl::Status s = CheckCovered(d); !s.ok()) return s;
    if (!IsWeekend(d) && !holidays_.contains(d)) --n;
  }
  return d;
}

absl::StatusOr<int> WorkingDayCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (absl::Status s = CheckCovered(from); !s.ok()) return s;
  if (absl::Status s = CheckCovered(to); !s.ok()) return s;
  int n = 0;
  for (Date d = from + 1; d <= to; ++d) n += !IsWeekend(d) && !holidays_.contains(d) ? 1 : 0;
  return n;
}

absl::StatusOr<std::vector<BankHoliday>> WorkingDayCalendar::BankHolidaysIn(int year) const {
  if (year < first_.year() || year > last_.year()) {
    return absl::OutOfRangeError(absl::StrCat("bank holidays are known for ", first_.year(), " to ", last_.year(),
                                              ", not ", year));
  }
  std::vector<BankHoliday> out;
  for (auto it = holidays_.lower_bound(Date(year, 1, 1)); it != holidays_.end() && it->first.year() == year; ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
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
