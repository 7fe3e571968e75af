#include "recruitment-svc/api/information_session_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;

std::string SessionName(const std::string& id) { return absl::StrCat("informationSessions/", id); }

pb::InformationSession ToProto(const InformationSession& s) {
  pb::InformationSession p;
  p.set_name(SessionName(s.id));
  *p.mutable_session_date() = platform::DateToProto(s.details.session_date);
  p.set_capacity(s.details.capacity);
  p.set_mode(platform::EnumToProto<pb::SessionMode>(s.details.mode));
  p.set_venue(s.details.venue);
  p.set_booked(s.booked);
  p.set_attended(s.attended);
  p.set_etag(absl::StrCat(s.version));
  *p.mutable_record_info() = platform::RecordInfoOf(s);
  return p;
}

InformationSessionDetails SessionDetailsFromProto(const pb::InformationSession& p, const std::string& prefix,
                                                  platform::Validation& v) {
  InformationSessionDetails d;
  d.session_date = platform::DateFromProto(p.session_date(), prefix + "session_date", v);
  d.capacity = p.capacity();
  // Clients that predate the mode send none: sessions were held in person.
  if (p.mode() != pb::SESSION_MODE_UNSPECIFIED) {
    if (!pb::SessionMode_IsValid(p.mode())) {
      v.Add(prefix + "mode", "must be IN_PERSON or ONLINE");
    } else {
      d.mode = static_cast<SessionMode>(p.mode() - 1);
    }
  }
  d.venue = platform::CleanText(p.venue(), platform::TextKind::kSingleLine, prefix + "venue", v);
  return d;
}

}  // namespace recruitment
