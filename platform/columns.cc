#include "platform/columns.h"

namespace platform {

std::optional<Date> OptionalDateAt(const soci::row& row, size_t i) {
  if (row.get_indicator(i) != soci::i_ok) return std::nullopt;
  auto d = ParseDate(row.get<std::string>(i));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

std::string OptionalTextAt(const soci::row& row, size_t i) {
  return row.get_indicator(i) == soci::i_ok ? row.get<std::string>(i) : std::string();
}

NullableText DateText(const std::optional<Date>& date) {
  return date ? NullableText{FormatDate(*date), soci::i_ok} : NullableText{};
}

NullableText Text(const std::string& text) { return text.empty() ? NullableText{} : NullableText{text, soci::i_ok}; }

}  // namespace platform
