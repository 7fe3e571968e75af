#pragma once
// Mapping between platform value types and the contracts' shared types, for the
// api layer of every service.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

#include "adoption/type/v1/audit.pb.h"
#include "adoption/type/v1/date.pb.h"
#include "adoption/type/v1/money.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/money.h"

namespace platform {

adoption::type::v1::Date DateToProto(Date d);
// A required date: a violation on `field` when unset or impossible.
Date DateFromProto(const adoption::type::v1::Date& d, absl::string_view field, Validation& v);
// An optional date: nullopt when unset (year 0); a violation when set but impossible.
std::optional<Date> OptionalDateFromProto(const adoption::type::v1::Date& d, absl::string_view field, Validation& v);
google::protobuf::Timestamp MicrosToTimestamp(long long micros);
adoption::type::v1::Money MoneyToProto(const Money& m);

// Domain enums list the contract's values in order, without its UNSPECIFIED zero.
// The contract's value of a domain value; UNSPECIFIED for an unset optional one.
template <typename Proto, typename Domain>
Proto EnumToProto(Domain value) {
  return static_cast<Proto>(static_cast<int>(value) + 1);
}
template <typename Proto, typename Domain>
Proto EnumToProto(const std::optional<Domain>& value) {
  return value ? EnumToProto<Proto>(*value) : static_cast<Proto>(0);
}
// The domain value of a contract value: nullopt for UNSPECIFIED or a number the
// contract does not define (`is_valid` is the generated Enum_IsValid).
template <typename Domain>
std::optional<Domain> EnumFromProto(int value, bool (*is_valid)(int)) {
  if (value == 0 || !is_valid(value)) return std::nullopt;
  return static_cast<Domain>(value - 1);
}

// Who created and last changed a record, and when: any domain record with
// created_at / updated_at (microseconds) and created_by / updated_by.
template <typename Record>
adoption::type::v1::RecordInfo RecordInfoOf(const Record& r) {
  adoption::type::v1::RecordInfo info;
  *info.mutable_create_time() = MicrosToTimestamp(r.created_at);
  *info.mutable_update_time() = MicrosToTimestamp(r.updated_at);
  info.set_created_by(r.created_by);
  info.set_updated_by(r.updated_by);
  return info;
}

// "households/{id}" -> id, adding a violation on `field` when malformed.
std::string IdFromName(absl::string_view name, absl::string_view collection, absl::string_view field, Validation& v);

namespace internal {
// IdsFromName for any number of collections.
std::vector<std::string> IdsFromName(absl::string_view name, absl::Span<const absl::string_view> collections,
                                     absl::string_view field, Validation& v);
}  // namespace internal

// A resource name of several segments (AIP-122), each collection followed by an id:
//   auto [panel_id, meeting_id] = IdsFromName(name, {"panels", "meetings"}, "name", v);
// The ids in order, or all empty with a violation on `field` when malformed.
template <size_t N>
std::array<std::string, N> IdsFromName(absl::string_view name, const absl::string_view (&collections)[N],
                                       absl::string_view field, Validation& v) {
  std::vector<std::string> ids = internal::IdsFromName(name, collections, field, v);
  std::array<std::string, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = std::move(ids[i]);
  return out;
}

}  // namespace platform
