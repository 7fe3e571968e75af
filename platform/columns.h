#pragma once
// The nullable columns every store reads and binds, the same on both backends:
// dates are 'YYYY-MM-DD' text and an absent value is NULL. For store/ code, which
// speaks SOCI.
#include <soci/soci.h>

#include <cstddef>
#include <optional>
#include <string>

#include "platform/calendar.h"

namespace platform {

// Column `i` of `row` as a date: nullopt when NULL (or not a date).
std::optional<Date> OptionalDateAt(const soci::row& row, size_t i);
// Column `i` of `row` as text: empty when NULL.
std::string OptionalTextAt(const soci::row& row, size_t i);

// A value to bind where NULL stands for absent: soci::use(n.value, n.ind). It must
// outlive the statement that uses it.
struct NullableText {
  std::string value;
  soci::indicator ind = soci::i_null;
};
// NULL when there is no date.
NullableText DateText(const std::optional<Date>& date);
// NULL when `text` is empty.
NullableText Text(const std::string& text);

}  // namespace platform
