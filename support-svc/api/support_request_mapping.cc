#include "support-svc/api/support_request_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/rpc/proto_convert.h"
#include "platform/core/text.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::CleanText;
using platform::TextKind;

std::string SupportRequestName(const std::string& id) { return absl::StrCat("supportRequests/", id); }
std::string Etag(const SupportRequest& r) { return absl::StrCat(r.version); }

pb::SupportRequest ToProto(const SupportRequest& r) {
  const SupportRequestDetails& d = r.details;
  pb::SupportRequest p;
  p.set_name(SupportRequestName(r.id));
  p.set_requester_kind(platform::EnumToProto<pb::RequesterKind>(d.requester_kind));
  if (d.requester) {
    auto* who = p.mutable_requester();
    who->set_given_name(d.requester->given_name);
    who->set_family_name(d.requester->family_name);
    if (d.requester->date_of_birth) *who->mutable_date_of_birth() = platform::DateToProto(*d.requester->date_of_birth);
  }
  p.set_channel(platform::EnumToProto<pb::Channel>(d.channel));
  *p.mutable_received_date() = platform::DateToProto(d.received_date);
  p.set_summary(d.summary);
  p.set_local_authority(d.local_authority);
  p.set_triage(platform::EnumToProto<pb::Triage>(d.triage));
  if (r.support_call_due_date) *p.mutable_support_call_due_date() = platform::DateToProto(*r.support_call_due_date);
  if (d.support_call_date) *p.mutable_support_call_date() = platform::DateToProto(*d.support_call_date);
  p.set_status(platform::EnumToProto<pb::SupportRequestStatus>(d.status));
  p.set_outcome(d.outcome);
  if (!d.household_id.empty()) p.set_household(absl::StrCat("households/", d.household_id));
  if (r.closed_date) *p.mutable_closed_date() = platform::DateToProto(*r.closed_date);
  p.set_etag(Etag(r));
  *p.mutable_record_info() = platform::RecordInfoOf(r);
  return p;
}

pb::SupportRequest Shown(const SupportRequest& r, platform::Date today, const platform::WorkingDayCalendar& calendar) {
  pb::SupportRequest p = ToProto(r);
  // A request older than the calendar's years shows no wait rather than a wrong one.
  p.set_working_days_waiting(WorkingDaysWaiting(r, today, calendar).value_or(0));
  return p;
}

SupportRequestDetails DetailsFromProto(const pb::SupportRequest& p, const std::string& prefix,
                                       platform::Validation& v) {
  SupportRequestDetails d;
  d.requester_kind = platform::EnumFromProto<RequesterKind>(p.requester_kind(), pb::RequesterKind_IsValid);
  const auto& who = p.requester();
  std::string given_name =
      CleanText(who.given_name(), TextKind::kSingleLine, prefix + "requester.given_name", v);
  std::string family_name =
      CleanText(who.family_name(), TextKind::kSingleLine, prefix + "requester.family_name", v);
  // A name of only white space is no name (CleanText trims it away).
  if (!given_name.empty() || !family_name.empty() || who.has_date_of_birth()) {
    Requester r;
    r.given_name = std::move(given_name);
    r.family_name = std::move(family_name);
    r.date_of_birth =
        platform::OptionalDateFromProto(who.date_of_birth(), prefix + "requester.date_of_birth", v);
    d.requester = std::move(r);
  }
  d.channel = platform::EnumFromProto<Channel>(p.channel(), pb::Channel_IsValid);
  d.received_date = platform::DateFromProto(p.received_date(), prefix + "received_date", v);
  d.summary = CleanText(p.summary(), TextKind::kMultiLine, prefix + "summary", v);
  d.local_authority = p.local_authority();
  d.triage = platform::EnumFromProto<Triage>(p.triage(), pb::Triage_IsValid);
  v.Check(p.triage() == 0 || d.triage, prefix + "triage",
          "must be INFORMATION_ADVICE, SIGNPOSTING, SUPPORT_CALL or ASSESSMENT_OF_NEED");
  d.support_call_date = platform::OptionalDateFromProto(p.support_call_date(), prefix + "support_call_date", v);
  d.status = platform::EnumFromProto<SupportRequestStatus>(p.status(), pb::SupportRequestStatus_IsValid);
  v.Check(p.status() == 0 || d.status, prefix + "status", "must be OPEN, IN_PROGRESS or CLOSED");
  d.outcome = CleanText(p.outcome(), TextKind::kMultiLine, prefix + "outcome", v);
  if (!p.household().empty()) {
    d.household_id = platform::IdFromName(p.household(), "households", prefix + "household", v);
  }
  return d;
}

adoption::events::v1::SupportRequestReceived ReceivedEvent(const SupportRequest& r) {
  adoption::events::v1::SupportRequestReceived e;
  e.set_support_request(SupportRequestName(r.id));
  *e.mutable_received_date() = platform::DateToProto(r.details.received_date);
  if (r.details.requester_kind) e.set_requester_kind(RequesterKindName(*r.details.requester_kind));
  return e;
}

}  // namespace support
