#include "platform/core/figures.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace platform {

Period Period::Month(int year, int month) {
  const Date first(year, month, 1);
  return {first, AddMonths(first, 1) - 1};
}

double RoundFigure(double value, int decimals, Rounding rounding) {
  const double scale = std::pow(10.0, decimals);
  // The nudge is far below any printed precision and above binary representation error.
  const double scaled = value * scale;
  const double nudged = scaled + (scaled >= 0 ? 1e-9 : -1e-9);
  const double whole = rounding == Rounding::kTruncate ? std::trunc(nudged)
                                                       : (nudged >= 0 ? std::floor(nudged + 0.5)
                                                                      : std::ceil(nudged - 0.5));
  return whole / scale;
}

std::optional<double> Percentage(long long count, long long of, int decimals, Rounding rounding) {
  if (of == 0) return std::nullopt;
  return RoundFigure(100.0 * static_cast<double>(count) / static_cast<double>(of), decimals, rounding);
}

std::optional<double> Mean(long long total, long long n, int decimals, Rounding rounding) {
  if (n == 0) return std::nullopt;
  return RoundFigure(static_cast<double>(total) / static_cast<double>(n), decimals, rounding);
}

Share ShareOf(int count, int of, Precision precision) {
  return {count, of, Percentage(count, of, precision.decimals, precision.rounding)};
}

absl::StatusOr<Rounding> ParseRounding(absl::string_view name) {
  const std::string upper = absl::AsciiStrToUpper(name);
  if (upper == "HALF_UP") return Rounding::kHalfUp;
  if (upper == "TRUNCATE") return Rounding::kTruncate;
  return absl::InvalidArgumentError(absl::StrCat("rounding must be HALF_UP or TRUNCATE, not \"", name, "\""));
}

}  // namespace platform
