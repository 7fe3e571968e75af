#include "support-svc/api/records_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::CleanText;
using platform::TextKind;

std::string RecordsAccessRequestName(const std::string& id) { return absl::StrCat("recordsAccessRequests/", id); }

namespace {
void SetDate(const std::optional<platform::Date>& d, adoption::type::v1::Date* out) {
  if (d) *out = platform::DateToProto(*d);
}
}  // namespace

pb::RecordsAccessRequest ToProto(const RecordsAccessRequest& r) {
  const RecordsAccessDetails& d = r.details;
  pb::RecordsAccessRequest p;
  p.set_name(RecordsAccessRequestName(r.id));
  p.mutable_applicant()->set_given_name(d.applicant.given_name);
  p.mutable_applicant()->set_family_name(d.applicant.family_name);
  SetDate(d.applicant.date_of_birth, p.mutable_applicant()->mutable_date_of_birth());
  p.set_birth_name(d.birth_name);
  *p.mutable_received_date() = platform::DateToProto(d.received_date);
  p.set_adopted_before_12_nov_1975(d.adopted_before_12_nov_1975);
  p.set_counselling_required(CounsellingRequired(d));
  p.set_local_authority(d.local_authority);
  p.set_status(platform::EnumToProto<pb::RecordsAccessStatus>(r.status));
  SetDate(r.counselling_completed_date, p.mutable_counselling_completed_date());
  p.set_etag(absl::StrCat(r.version));
  *p.mutable_record_info() = platform::RecordInfoOf(r);
  p.set_kind(platform::EnumToProto<pb::RecordsAccessKind>(d.kind));
  p.set_relationship(d.relationship);
  SetDate(r.records_sought_date, p.mutable_records_sought_date());
  SetDate(r.shared_date, p.mutable_shared_date());
  SetDate(r.closed_date, p.mutable_closed_date());
  p.set_close_reason(r.close_reason);
  for (const CounsellingSession& s : r.sessions) {
    pb::CounsellingSession* out = p.add_counselling_sessions();
    *out->mutable_held_date() = platform::DateToProto(s.held);
    out->set_counsellor(s.counsellor);
    out->set_commissioned(s.commissioned);
  }
  p.set_prioritised(Prioritised(d));
  return p;
}

RecordsAccessDetails RecordsAccessDetailsFromProto(const pb::RecordsAccessRequest& p, const std::string& prefix,
                                                   platform::Validation& v) {
  RecordsAccessDetails d;
  d.kind = platform::EnumFromProto<RecordsAccessKind>(p.kind(), pb::RecordsAccessKind_IsValid);
  d.applicant.given_name =
      CleanText(p.applicant().given_name(), TextKind::kSingleLine, prefix + "applicant.given_name", v);
  d.applicant.family_name =
      CleanText(p.applicant().family_name(), TextKind::kSingleLine, prefix + "applicant.family_name", v);
  d.applicant.date_of_birth =
      platform::OptionalDateFromProto(p.applicant().date_of_birth(), prefix + "applicant.date_of_birth", v);
  d.birth_name = CleanText(p.birth_name(), TextKind::kSingleLine, prefix + "birth_name", v);
  d.relationship = CleanText(p.relationship(), TextKind::kSingleLine, prefix + "relationship", v);
  d.received_date = platform::DateFromProto(p.received_date(), prefix + "received_date", v);
  d.adopted_before_12_nov_1975 = p.adopted_before_12_nov_1975();
  d.local_authority = p.local_authority();
  return d;
}

CounsellingSession SessionFromProto(const pb::CounsellingSession& p, const std::string& prefix,
                                    platform::Validation& v) {
  CounsellingSession s;
  s.held = platform::DateFromProto(p.held_date(), prefix + "held_date", v);
  s.counsellor = CleanText(p.counsellor(), TextKind::kSingleLine, prefix + "counsellor", v);
  s.commissioned = p.commissioned();
  return s;
}

}  // namespace support
