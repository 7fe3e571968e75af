#include "platform/rpc/report.h"

#include "absl/strings/str_cat.h"
#include "platform/core/local_authority.h"
#include "platform/rpc/proto_convert.h"

namespace platform {

Period PeriodFromProto(const adoption::type::v1::DatePeriod& period, bool present, absl::string_view field,
                       Validation& v) {
  if (!v.Check(present, field, "is required: a first_day and a last_day")) return {};
  const size_t before = v.violations().size();
  const Date first = DateFromProto(period.first_day(), absl::StrCat(field, ".first_day"), v);
  const Date last = DateFromProto(period.last_day(), absl::StrCat(field, ".last_day"), v);
  // Compared only when both days are good (other fields' violations aside).
  if (v.violations().size() == before) {
    v.Check(last >= first, absl::StrCat(field, ".last_day"), "must not be before first_day");
  }
  return {first, last};
}

adoption::type::v1::DatePeriod PeriodToProto(const Period& period) {
  adoption::type::v1::DatePeriod out;
  *out.mutable_first_day() = DateToProto(period.first);
  *out.mutable_last_day() = DateToProto(period.last);
  return out;
}

Precision PrecisionFromProto(const adoption::type::v1::ReportPrecision& precision) {
  namespace t = adoption::type::v1;
  Precision out;
  switch (precision.places()) {
    case t::REPORT_PLACES_WHOLE:
      out.decimals = 0;
      break;
    case t::REPORT_PLACES_TWO:
      out.decimals = 2;
      break;
    default:
      out.decimals = 1;
  }
  out.rounding = precision.rounding() == t::REPORT_ROUNDING_TRUNCATE ? Rounding::kTruncate : Rounding::kHalfUp;
  return out;
}

adoption::type::v1::Share ShareToProto(const Share& share) {
  adoption::type::v1::Share out;
  out.set_count(share.count);
  out.set_of(share.of);
  if (share.percent) out.mutable_percent()->set_value(*share.percent);
  return out;
}

std::optional<std::string> ReportLocalAuthority(const std::string& code, Validation& v) {
  if (code.empty()) return std::nullopt;
  v.Check(IsLocalAuthorityCode(code), "local_authority", "must be an ONS local authority code");
  return code;
}

}  // namespace platform
