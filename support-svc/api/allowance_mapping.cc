#include "support-svc/api/allowance_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/money.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace support {

namespace pb = adoption::support::v1;

std::string AdoptionAllowanceName(const std::string& id) { return absl::StrCat("adoptionAllowances/", id); }

namespace {
adoption::type::v1::Money Gbp(long long pence) { return platform::MoneyToProto(platform::Money{pence, "GBP"}); }
void SetDate(const std::optional<platform::Date>& d, adoption::type::v1::Date* out) {
  if (d) *out = platform::DateToProto(*d);
}
}  // namespace

long long PenceFromProto(const adoption::type::v1::Money& m, const std::string& field, platform::Validation& v) {
  v.Check(m.currency_code() == "GBP", field + ".currency_code", "must be GBP");
  return m.minor_units();
}

pb::AdoptionAllowance ToProto(const AdoptionAllowance& a, platform::Date today) {
  const AllowanceDetails& d = a.details;
  pb::AdoptionAllowance p;
  p.set_name(AdoptionAllowanceName(a.id));
  if (!d.household_id.empty()) p.set_household(absl::StrCat("households/", d.household_id));
  p.set_child(d.child_reference);
  p.set_local_authority(d.local_authority);
  p.set_kind(platform::EnumToProto<pb::AllowanceKind>(d.kind));
  *p.mutable_amount() = Gbp(AmountOn(a, today));
  p.set_frequency(platform::EnumToProto<pb::PaymentFrequency>(d.frequency));
  p.set_means_tested(d.means_tested);
  *p.mutable_start_date() = platform::DateToProto(d.start_date);
  SetDate(d.end_date, p.mutable_end_date());
  SetDate(a.reviews.empty() ? d.last_review_date : std::optional(a.reviews.back().held), p.mutable_last_review_date());
  SetDate(a.review_due_date, p.mutable_review_due_date());
  p.set_status(platform::EnumToProto<pb::AllowanceStatus>(a.status));
  for (const AllowanceRate& r : a.rates) {
    pb::AllowanceRate* out = p.add_rates();
    *out->mutable_effective_date() = platform::DateToProto(r.effective_date);
    *out->mutable_amount() = Gbp(r.pence);
  }
  for (const AllowanceSuspension& s : a.suspensions) {
    pb::AllowanceSuspension* out = p.add_suspensions();
    *out->mutable_suspended_date() = platform::DateToProto(s.suspended);
    SetDate(s.resumed, out->mutable_resumed_date());
    out->set_reason(s.reason);
  }
  p.set_end_reason(a.end_reason);
  p.set_review_overdue(ReviewOverdue(a, today));
  p.set_etag(absl::StrCat(a.version));
  *p.mutable_record_info() = platform::RecordInfoOf(a);
  return p;
}

AllowanceDetails AllowanceDetailsFromProto(const pb::AdoptionAllowance& p, const std::string& prefix,
                                           platform::Validation& v) {
  AllowanceDetails d;
  if (!p.household().empty()) {
    d.household_id = platform::IdFromName(p.household(), "households", prefix + "household", v);
  }
  d.child_reference = platform::CleanText(p.child(), platform::TextKind::kSingleLine, prefix + "child", v);
  d.local_authority = p.local_authority();
  d.kind = platform::EnumFromProto<AllowanceKind>(p.kind(), pb::AllowanceKind_IsValid);
  if (p.has_amount()) d.amount_pence = PenceFromProto(p.amount(), prefix + "amount", v);
  d.frequency = platform::EnumFromProto<PaymentFrequency>(p.frequency(), pb::PaymentFrequency_IsValid);
  d.means_tested = p.means_tested();
  d.start_date = platform::DateFromProto(p.start_date(), prefix + "start_date", v);
  d.end_date = platform::OptionalDateFromProto(p.end_date(), prefix + "end_date", v);
  d.last_review_date = platform::OptionalDateFromProto(p.last_review_date(), prefix + "last_review_date", v);
  return d;
}

}  // namespace support
