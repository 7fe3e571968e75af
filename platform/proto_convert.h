#pragma once
#include <optional>
#include <string>
// Mapping between platform value types and the contracts' shared types, for the
// api layer of every service.
#include "absl/strings/string_view.h"

#include "adoption/type/v1/date.pb.h"
#include "adoption/type/v1/money.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "platform/calendar.h"
#include "platform/errors.h"
#include "platform/money.h"

namespace platform {

adoption::type::v1::Date DateToProto(Date d);
// A required date: a violation on `field` when unset or impossible.
Date DateFromProto(const adoption::type::v1::Date& d, absl::string_view field, Validation& v);
// An optional date: nullopt when unset (year 0); a violation when set but impossible.
std::optional<Date> OptionalDateFromProto(const adoption::type::v1::Date& d, absl::string_view field, Validation& v);
google::protobuf::Timestamp MicrosToTimestamp(long long micros);
adoption::type::v1::Money MoneyToProto(const Money& m);

// "households/{id}" -> id, adding a violation on `field` when malformed.
std::string IdFromName(absl::string_view name, absl::string_view collection, absl::string_view field, Validation& v);

}  // namespace platform
