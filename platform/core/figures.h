#pragma once
// The arithmetic of published figures (docs/reports.md "Conventions"): reporting
// periods with both ends included, and percentages and means rounded as the agency
// prints them.
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "platform/core/calendar.h"

namespace platform {

// A reporting period: `first` to `last`, both days included.
struct Period {
  Date first, last;
  bool Contains(Date d) const { return d >= first && d <= last; }
  static Period Of(FinancialYear fy) { return {fy.first_day(), fy.last_day()}; }
  static Period Month(int year, int month);
};

// How a figure is rounded to the precision printed: half-up (the default), or
// truncated, as some agencies print (Rotherham: 4 of 14 as 28.5%).
enum class Rounding { kHalfUp, kTruncate };

// `value` to `decimals` places (0..4). Values carry a tiny nudge first so that a
// binary fraction just under a half (28.57142… is fine, 2.675 is stored as 2.67499…)
// rounds as the decimal it stands for.
double RoundFigure(double value, int decimals, Rounding rounding);

// count / of as a percentage rounded as asked; nullopt when `of` is 0 (no cohort:
// the report prints no percentage rather than 0%).
std::optional<double> Percentage(long long count, long long of, int decimals, Rounding rounding);

// The mean of `total` over `n`, rounded as asked; nullopt when n is 0.
std::optional<double> Mean(long long total, long long n, int decimals, Rounding rounding);

// How a report prints its figures: decimal places (0..4) and rounding.
struct Precision {
  int decimals = 1;
  Rounding rounding = Rounding::kHalfUp;
};

// A count out of a cohort, with its percentage (nullopt when the cohort is empty).
struct Share {
  int count = 0;
  int of = 0;
  std::optional<double> percent;
};
Share ShareOf(int count, int of, Precision precision);

// "HALF_UP" / "TRUNCATE".
absl::StatusOr<Rounding> ParseRounding(absl::string_view name);

}  // namespace platform
