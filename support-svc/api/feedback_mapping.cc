#include "support-svc/api/feedback_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace support {

namespace pb = adoption::support::v1;

std::string FeedbackName(const std::string& id) { return absl::StrCat("feedback/", id); }

pb::Feedback ToProto(const Feedback& f, platform::Date today) {
  const FeedbackDetails& d = f.details;
  pb::Feedback p;
  p.set_name(FeedbackName(f.id));
  p.set_kind(platform::EnumToProto<pb::FeedbackKind>(d.kind));
  p.set_from(platform::EnumToProto<pb::RequesterKind>(d.from));
  *p.mutable_received_date() = platform::DateToProto(d.received_date);
  p.set_summary(d.summary);
  p.set_local_authority(d.local_authority);
  p.set_status(platform::EnumToProto<pb::FeedbackStatus>(f.status));
  for (const ComplaintStageRecord& s : f.stages) {
    pb::ComplaintStageRecord* out = p.add_stages();
    out->set_stage(platform::EnumToProto<pb::ComplaintStage>(s.stage));
    *out->mutable_opened_date() = platform::DateToProto(s.opened);
    *out->mutable_due_date() = platform::DateToProto(s.due);
    if (s.responded) *out->mutable_responded_date() = platform::DateToProto(*s.responded);
    out->set_outcome(platform::EnumToProto<pb::ComplaintOutcome>(s.outcome));
    out->set_response(s.response);
  }
  if (f.closed_date) *p.mutable_closed_date() = platform::DateToProto(*f.closed_date);
  p.set_response_overdue(ResponseOverdue(f, today));
  p.set_etag(absl::StrCat(f.version));
  *p.mutable_record_info() = platform::RecordInfoOf(f);
  return p;
}

FeedbackDetails FeedbackDetailsFromProto(const pb::Feedback& p, const std::string& prefix, platform::Validation& v) {
  FeedbackDetails d;
  d.kind = platform::EnumFromProto<FeedbackKind>(p.kind(), pb::FeedbackKind_IsValid);
  d.from = platform::EnumFromProto<RequesterKind>(p.from(), pb::RequesterKind_IsValid);
  d.received_date = platform::DateFromProto(p.received_date(), prefix + "received_date", v);
  d.summary = platform::CleanText(p.summary(), platform::TextKind::kMultiLine, prefix + "summary", v);
  d.local_authority = p.local_authority();
  return d;
}

}  // namespace support
