#include "letterbox-svc/api/contact_arrangement_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/rpc/proto_convert.h"
#include "platform/core/text.h"

namespace letterbox {

namespace pb = adoption::letterbox::v1;
using platform::CleanText;
using platform::TextKind;

std::optional<DetailKind> DetailKindFromProto(int kind) {
  if (kind <= 0 || !pb::IdentifyingDetailKind_IsValid(kind)) return std::nullopt;
  return static_cast<DetailKind>(kind - 1);
}

std::string ArrangementName(const std::string& id) { return absl::StrCat("contactArrangements/", id); }
std::string Etag(const ContactArrangement& a) { return absl::StrCat(a.version); }

pb::ContactArrangement ToProto(const ContactArrangement& a) {
  const ArrangementDetails& d = a.details;
  pb::ContactArrangement p;
  p.set_name(ArrangementName(a.id));
  p.set_child(d.child);
  if (d.child_date_of_birth) *p.mutable_child_date_of_birth() = platform::DateToProto(*d.child_date_of_birth);
  p.set_local_authority(d.local_authority);
  p.set_kind(platform::EnumToProto<pb::ContactKind>(d.kind));
  for (const Party& party : d.parties) {
    auto* out = p.add_parties();
    out->set_party_id(party.party_id);
    out->set_role(platform::EnumToProto<pb::PartyRole>(party.role));
    out->set_display_name(party.display_name);
    out->set_account(party.account);
    for (const KnownDetail& k : party.known_details) {
      auto* detail = out->add_known_details();
      detail->set_kind(static_cast<pb::IdentifyingDetailKind>(static_cast<int>(k.kind) + 1));
      detail->set_text(k.text);
    }
  }
  p.set_frequency(platform::EnumToProto<pb::ContactFrequency>(d.frequency));
  for (int m : d.exchange_months) p.add_exchange_months(m);
  p.set_two_way(d.two_way);
  *p.mutable_start_date() = platform::DateToProto(d.start_date);
  if (d.end_date) *p.mutable_end_date() = platform::DateToProto(*d.end_date);
  p.set_status(platform::EnumToProto<pb::ArrangementStatus>(d.status));
  p.set_status_reason(d.status_reason);
  if (d.next_review_date) *p.mutable_next_review_date() = platform::DateToProto(*d.next_review_date);
  if (a.last_review_date) *p.mutable_last_review_date() = platform::DateToProto(*a.last_review_date);
  p.set_etag(Etag(a));
  *p.mutable_record_info() = platform::RecordInfoOf(a);
  return p;
}

ArrangementDetails DetailsFromProto(const pb::ContactArrangement& p, const std::string& prefix,
                                    platform::Validation& v) {
  ArrangementDetails d;
  d.child = CleanText(p.child(), TextKind::kSingleLine, prefix + "child", v);
  d.child_date_of_birth =
      platform::OptionalDateFromProto(p.child_date_of_birth(), prefix + "child_date_of_birth", v);
  d.local_authority = p.local_authority();
  d.kind = platform::EnumFromProto<ContactKind>(p.kind(), pb::ContactKind_IsValid);
  for (int i = 0; i < p.parties_size(); ++i) {
    const auto& in = p.parties(i);
    const std::string field = absl::StrCat(prefix, "parties[", i, "].");
    Party party;
    party.party_id = in.party_id();
    party.role = platform::EnumFromProto<PartyRole>(in.role(), pb::PartyRole_IsValid);
    party.display_name = CleanText(in.display_name(), TextKind::kSingleLine, field + "display_name", v);
    party.account = CleanText(in.account(), TextKind::kSingleLine, field + "account", v);
    for (int k = 0; k < in.known_details_size(); ++k) {
      const auto& detail = in.known_details(k);
      const std::string known = absl::StrCat(field, "known_details[", k, "].");
      std::optional<DetailKind> kind = DetailKindFromProto(detail.kind());
      v.Check(kind.has_value(), known + "kind", "is required: an IdentifyingDetailKind");
      party.known_details.push_back(
          {kind.value_or(DetailKind::kSurname), CleanText(detail.text(), TextKind::kSingleLine, known + "text", v)});
    }
    d.parties.push_back(std::move(party));
  }
  d.frequency = platform::EnumFromProto<ContactFrequency>(p.frequency(), pb::ContactFrequency_IsValid);
  d.exchange_months.assign(p.exchange_months().begin(), p.exchange_months().end());
  d.two_way = p.two_way();
  d.start_date = platform::DateFromProto(p.start_date(), prefix + "start_date", v);
  d.end_date = platform::OptionalDateFromProto(p.end_date(), prefix + "end_date", v);
  d.status = platform::EnumFromProto<ArrangementStatus>(p.status(), pb::ArrangementStatus_IsValid);
  v.Check(p.status() == 0 || d.status, prefix + "status", "must be ACTIVE, ON_HOLD, ENDED or PLANNED");
  d.status_reason = CleanText(p.status_reason(), TextKind::kMultiLine, prefix + "status_reason", v);
  d.next_review_date = platform::OptionalDateFromProto(p.next_review_date(), prefix + "next_review_date", v);
  return d;
}

adoption::events::v1::ContactArrangementCreated CreatedEvent(const ContactArrangement& a) {
  adoption::events::v1::ContactArrangementCreated e;
  e.set_contact_arrangement(ArrangementName(a.id));
  if (a.details.kind) e.set_kind(KindName(*a.details.kind));
  return e;
}

}  // namespace letterbox
