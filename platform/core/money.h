#pragma once
// Money in integer minor units (pence) with its currency. Never floating point.
#include <cstdint>
#include <string>

#include "absl/strings/str_format.h"

namespace platform {

struct Money {
  int64_t minor_units = 0;
  std::string currency = "GBP";

  static Money Pounds(int64_t pounds) { return Money{pounds * 100, "GBP"}; }
  friend bool operator==(const Money&, const Money&) = default;
  // Amounts of different currencies are never added: callers check currency first.
  Money operator+(const Money& o) const { return Money{minor_units + o.minor_units, currency}; }
  Money operator-(const Money& o) const { return Money{minor_units - o.minor_units, currency}; }
  // "£1,234.56"-style display without separators: "GBP 1234.56".
  std::string ToString() const {
    int64_t abs = minor_units < 0 ? -minor_units : minor_units;
    return absl::StrFormat("%s %s%d.%02d", currency, minor_units < 0 ? "-" : "", abs / 100, abs % 100);
  }
};

}  // namespace platform
