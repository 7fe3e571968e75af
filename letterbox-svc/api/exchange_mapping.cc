#include "letterbox-svc/api/exchange_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace letterbox {

namespace pb = adoption::letterbox::v1;
using platform::CleanText;
using platform::TextKind;

std::string ExchangeName(const std::string& arrangement_id, const std::string& id) {
  return absl::StrCat("contactArrangements/", arrangement_id, "/exchanges/", id);
}
std::string Etag(const Exchange& e) { return absl::StrCat(e.version); }

adoption::events::v1::ExchangeForwarded ForwardedEvent(const Exchange& e) {
  adoption::events::v1::ExchangeForwarded out;
  out.set_exchange(ExchangeName(e.arrangement_id, e.id));
  if (e.forwarded_date) *out.mutable_forwarded_date() = platform::DateToProto(*e.forwarded_date);
  return out;
}

namespace {

void SpanToProto(const Span& s, pb::IdentifyingDetail* out) {
  out->set_kind(platform::EnumToProto<pb::IdentifyingDetailKind>(s.kind));
  out->set_start_offset(s.start);
  out->set_end_offset(s.end);
  out->set_text(s.text);
  out->set_reason(s.reason);
}

void AttachmentToProto(const Attachment& a, pb::Attachment* out) {
  out->set_media_type(a.media_type);
  out->set_description(a.description);
  out->set_sha256(a.sha256);
  out->set_size_bytes(a.size_bytes);
}

void VersionToProto(const ExchangeVersion& v, pb::ExchangeVersion* out) {
  out->set_number(v.number);
  out->set_origin(platform::EnumToProto<pb::VersionOrigin>(v.origin));
  out->set_content(v.content);
  out->set_content_sha256(v.content_sha256);
  for (const Attachment& a : v.attachments) AttachmentToProto(a, out->add_attachments());
  *out->mutable_record_time() = platform::MicrosToTimestamp(v.recorded_at);
  out->set_recorded_by(v.recorded_by);
}

void OptionalDate(const std::optional<platform::Date>& d, adoption::type::v1::Date* out) {
  if (d) *out = platform::DateToProto(*d);
}

}  // namespace

pb::Exchange ToProto(const Exchange& e, Reader reader) {
  pb::Exchange p;
  p.set_name(ExchangeName(e.arrangement_id, e.id));
  p.set_sender(e.sender);
  p.set_recipient(e.recipient);
  p.set_item_kind(platform::EnumToProto<pb::ItemKind>(e.item_kind));
  p.set_status(platform::EnumToProto<pb::ExchangeStatus>(e.status));
  OptionalDate(e.due_date, p.mutable_due_date());
  *p.mutable_received_date() = platform::DateToProto(e.received_date);
  OptionalDate(e.forwarded_date, p.mutable_forwarded_date());
  OptionalDate(e.read_date, p.mutable_read_date());
  p.set_etag(Etag(e));
  *p.mutable_record_info() = platform::RecordInfoOf(e);

  const ExchangeVersion* redacted = VersionForRecipient(e);
  if (redacted != nullptr) p.set_redacted_content(redacted->content);
  if (reader == Reader::kRecipient) {
    // Only the redacted version: not the original, not who reviewed it or how.
    if (redacted != nullptr) {
      p.set_content_sha256(redacted->content_sha256);
      for (const Attachment& a : redacted->attachments) AttachmentToProto(a, p.add_attachments());
    }
    p.clear_record_info();
    return p;
  }
  const ExchangeVersion* latest = LatestSenderVersion(e);
  if (latest != nullptr) {
    p.set_content(latest->content);
    p.set_content_sha256(latest->content_sha256);
    for (const Attachment& a : latest->attachments) AttachmentToProto(a, p.add_attachments());
  }
  p.set_return_note(e.return_note);
  p.set_withheld_reason(platform::EnumToProto<pb::WithheldReason>(e.withheld_reason));
  OptionalDate(e.review_started_date, p.mutable_review_started_date());
  OptionalDate(e.approved_date, p.mutable_approved_date());
  for (const ExchangeVersion& v : e.versions) {
    if (reader == Reader::kSender && v.origin == ExchangeVersion::Origin::kRedacted) continue;
    VersionToProto(v, p.add_versions());
  }
  if (reader == Reader::kSender) {
    p.clear_record_info();  // the coordinators' accounts are the agency's
    return p;
  }
  p.set_withheld_note(e.withheld_note);
  for (const Span& s : e.flags) SpanToProto(s, p.add_flags());
  for (const Span& s : e.redactions) SpanToProto(s, p.add_redactions());
  return p;
}

std::vector<Attachment> AttachmentsFromProto(const google::protobuf::RepeatedPtrField<pb::Attachment>& in,
                                             const std::string& prefix, FileData& files, platform::Validation& v) {
  std::vector<Attachment> out;
  for (int i = 0; i < in.size(); ++i) {
    const pb::Attachment& a = in[i];
    const std::string field = absl::StrCat(prefix, "[", i, "].");
    Attachment att;
    att.media_type = a.media_type();
    att.description = CleanText(a.description(), TextKind::kMultiLine, field + "description", v);
    att.size_bytes = static_cast<long long>(a.data().size());
    if (v.Check(!a.data().empty(), field + "data", "is required")) {
      att.sha256 = Sha256Hex(a.data());
      files.emplace(att.sha256, a.data());
    }
    out.push_back(std::move(att));
  }
  return out;
}

ReceivedItem ItemFromProto(const pb::Exchange& p, const std::string& prefix, FileData& files,
                           platform::Validation& v) {
  ReceivedItem item;
  item.sender = p.sender();
  item.recipient = p.recipient();
  item.item_kind = platform::EnumFromProto<ItemKind>(p.item_kind(), pb::ItemKind_IsValid);
  // Cleaned (and refused when it breaks the text rule) by ReceiveExchange.
  item.content = p.content();
  item.attachments = AttachmentsFromProto(p.attachments(), prefix + "attachments", files, v);
  item.due_date = platform::OptionalDateFromProto(p.due_date(), prefix + "due_date", v);
  item.received_date = platform::OptionalDateFromProto(p.received_date(), prefix + "received_date", v);
  return item;
}

std::vector<Span> RedactionsFromProto(const google::protobuf::RepeatedPtrField<pb::IdentifyingDetail>& in,
                                      const std::string& prefix, platform::Validation& v) {
  std::vector<Span> out;
  for (int i = 0; i < in.size(); ++i) {
    const pb::IdentifyingDetail& d = in[i];
    const std::string field = absl::StrCat(prefix, "[", i, "].");
    std::optional<DetailKind> kind = platform::EnumFromProto<DetailKind>(d.kind(), pb::IdentifyingDetailKind_IsValid);
    v.Check(kind.has_value(), field + "kind", "is required: an IdentifyingDetailKind");
    out.push_back(Span{.kind = kind.value_or(DetailKind::kSurname),
                       .start = d.start_offset(),
                       .end = d.end_offset(),
                       .text = d.text(),
                       .reason = ""});
  }
  return out;
}

}  // namespace letterbox
