#include "recruitment-svc/api/registration_pause_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;

pb::RegistrationPause ToProto(const RegistrationPause& p) {
  pb::RegistrationPause out;
  out.set_name(absl::StrCat("registrationPauses/", p.id));
  *out.mutable_start_date() = platform::DateToProto(p.details.start_date);
  if (p.details.end_date) *out.mutable_end_date() = platform::DateToProto(*p.details.end_date);
  out.set_reason(p.details.reason);
  out.set_etag(absl::StrCat(p.version));
  *out.mutable_record_info() = platform::RecordInfoOf(p);
  return out;
}

RegistrationPauseDetails PauseDetailsFromProto(const pb::RegistrationPause& p, const std::string& prefix,
                                               platform::Validation& v) {
  RegistrationPauseDetails d;
  d.start_date = platform::DateFromProto(p.start_date(), prefix + "start_date", v);
  d.end_date = platform::OptionalDateFromProto(p.end_date(), prefix + "end_date", v);
  d.reason = platform::CleanText(p.reason(), platform::TextKind::kSingleLine, prefix + "reason", v);
  return d;
}

}  // namespace recruitment
