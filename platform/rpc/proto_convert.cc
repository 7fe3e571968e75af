#include "platform/rpc/proto_convert.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "platform/core/ids.h"

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
  return IdsFromName(name, {collection}, field, v)[0];
}

namespace internal {

std::vector<std::string> IdsFromName(absl::string_view name, absl::Span<const absl::string_view> collections,
                                     absl::string_view field, Validation& v) {
  std::vector<std::string> ids(collections.size());
  if (name.empty()) {
    v.Add(field, "is required");
    return ids;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  bool ok = parts.size() == 2 * collections.size();
  for (size_t i = 0; ok && i < collections.size(); ++i) {
    ok = parts[2 * i] == collections[i] && IsWellFormedId(parts[2 * i + 1]);
  }
  if (!ok) {
    std::vector<std::string> pattern;
    for (absl::string_view c : collections) pattern.push_back(absl::StrCat(c, "/{id}"));
    v.Add(field, absl::StrCat("must be ", absl::StrJoin(pattern, "/")));
    return ids;
  }
  for (size_t i = 0; i < collections.size(); ++i) ids[i] = std::string(parts[2 * i + 1]);
  return ids;
}

}  // namespace internal

}  // namespace platform
