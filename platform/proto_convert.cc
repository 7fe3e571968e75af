#include "platform/proto_convert.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "platform/ids.h"

namespace platform {

adoption::type::v1::Date DateToProto(Date d) {
  adoption::type::v1::Date out;
  out.set_year(static_cast<int>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

Date DateFromProto(const adoption::type::v1::Date& d, absl::string_view field, Validation& v) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) {
    v.Add(field, "is required");
    return Date();
  }
  auto opt = OptionalDateFromProto(d, field, v);
  return opt.value_or(Date());
}

std::optional<Date> OptionalDateFromProto(const adoption::type::v1::Date& d, absl::string_view field,
                                          Validation& v) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return std::nullopt;
  auto date = MakeDate(d.year(), d.month(), d.day());
  if (!date.ok()) {
    v.Add(field, std::string(date.status().message()));
    return std::nullopt;
  }
  return *date;
}

google::protobuf::Timestamp MicrosToTimestamp(long long micros) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(micros);
}

adoption::type::v1::Money MoneyToProto(const Money& m) {
  adoption::type::v1::Money out;
  out.set_currency_code(m.currency);
  out.set_minor_units(m.minor_units);
  return out;
}

std::string IdFromName(absl::string_view name, absl::string_view collection, absl::string_view field,
                       Validation& v) {
  std::string prefix = absl::StrCat(collection, "/");
  if (name.empty()) {
    v.Add(field, "is required");
    return "";
  }
  if (!absl::StartsWith(name, prefix) || !IsWellFormedId(name.substr(prefix.size()))) {
    v.Add(field, absl::StrCat("must be ", collection, "/{id}"));
    return "";
  }
  return std::string(name.substr(prefix.size()));
}

}  // namespace platform
