#include "support-svc/api/asf_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace support {

namespace pb = adoption::support::v1;

std::string AsfApplicationName(const std::string& id) { return absl::StrCat("asfApplications/", id); }

namespace {
adoption::type::v1::Money Gbp(long long pence) { return platform::MoneyToProto(platform::Money{pence, "GBP"}); }
void SetDate(const std::optional<platform::Date>& d, adoption::type::v1::Date* out) {
  if (d) *out = platform::DateToProto(*d);
}
}  // namespace

pb::AsfApplication ToProto(const AsfApplication& a) {
  const AsfDetails& d = a.details;
  pb::AsfApplication p;
  p.set_name(AsfApplicationName(a.id));
  p.set_child_reference(d.child_reference);
  p.set_family_reference(d.family_reference);
  p.set_child_category(platform::EnumToProto<pb::ChildCategory>(d.child_category));
  p.set_child_age_years(d.child_age_years);
  p.set_education_health_care_plan(d.education_health_care_plan);
  p.set_local_authority(d.local_authority);
  if (!d.assessment_of_need_id.empty()) p.set_assessment_of_need(absl::StrCat("assessmentsOfNeed/", d.assessment_of_need_id));
  p.set_service_type(platform::EnumToProto<pb::AsfServiceType>(d.service_type));
  p.set_provider(d.provider);
  *p.mutable_cost() = Gbp(d.cost_pence);
  p.set_financial_year(d.financial_year);
  p.set_status(platform::EnumToProto<pb::AsfApplicationStatus>(a.status));
  SetDate(a.submitted_date, p.mutable_submitted_date());
  SetDate(a.decision_due_date, p.mutable_decision_due_date());
  SetDate(a.decision_date, p.mutable_decision_date());
  SetDate(a.delivery_start_date, p.mutable_delivery_start_date());
  SetDate(a.completed_date, p.mutable_completed_date());
  *p.mutable_fund_amount() = Gbp(a.fund_pence);
  *p.mutable_match_funding() = Gbp(a.match_pence);
  p.set_decline_reason(a.decline_reason);
  p.set_etag(absl::StrCat(a.version));
  *p.mutable_record_info() = platform::RecordInfoOf(a);
  return p;
}

AsfDetails AsfDetailsFromProto(const pb::AsfApplication& p, const std::string& prefix, platform::Validation& v) {
  AsfDetails d;
  d.child_reference = platform::CleanText(p.child_reference(), platform::TextKind::kSingleLine,
                                          prefix + "child_reference", v);
  d.family_reference = platform::CleanText(p.family_reference(), platform::TextKind::kSingleLine,
                                           prefix + "family_reference", v);
  d.child_category = platform::EnumFromProto<ChildCategory>(p.child_category(), pb::ChildCategory_IsValid);
  d.child_age_years = p.child_age_years();
  d.education_health_care_plan = p.education_health_care_plan();
  d.local_authority = p.local_authority();
  if (!p.assessment_of_need().empty()) {
    d.assessment_of_need_id =
        platform::IdFromName(p.assessment_of_need(), "assessmentsOfNeed", prefix + "assessment_of_need", v);
  }
  d.service_type = platform::EnumFromProto<AsfServiceType>(p.service_type(), pb::AsfServiceType_IsValid);
  d.provider = platform::CleanText(p.provider(), platform::TextKind::kSingleLine, prefix + "provider", v);
  if (p.has_cost()) {
    v.Check(p.cost().currency_code() == "GBP", prefix + "cost.currency_code", "must be GBP");
    d.cost_pence = p.cost().minor_units();
  }
  d.financial_year = p.financial_year();
  return d;
}

}  // namespace support
