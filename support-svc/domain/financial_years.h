#pragma once
// The financial years a yearly report covers: those whose first day (1 April) falls in
// the period asked (a period of one financial year gives that year). Pure.
#include <optional>
#include <utility>

#include "platform/core/calendar.h"
#include "platform/core/figures.h"

namespace support {

// The first and last such year; nullopt when no 1 April falls in the period.
inline std::optional<std::pair<platform::FinancialYear, platform::FinancialYear>> FinancialYearsStartingIn(
    platform::Period period) {
  platform::FinancialYear first = platform::FinancialYear::Of(period.first);
  if (first.first_day() < period.first) ++first.start_year;
  const platform::FinancialYear last = platform::FinancialYear::Of(period.last);
  if (first.start_year > last.start_year) return std::nullopt;
  return std::pair(first, last);
}

}  // namespace support
