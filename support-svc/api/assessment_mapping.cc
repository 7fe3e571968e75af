#include "support-svc/api/assessment_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::CleanText;
using platform::TextKind;

std::string AssessmentOfNeedName(const std::string& id) { return absl::StrCat("assessmentsOfNeed/", id); }

namespace {

void SetDate(const std::optional<platform::Date>& d, adoption::type::v1::Date* out) {
  if (d) *out = platform::DateToProto(*d);
}

pb::SupportPlan PlanToProto(const SupportPlan& plan) {
  pb::SupportPlan p;
  for (const std::string& goal : plan.goals) p.add_goals(goal);
  for (const PlannedService& s : plan.services) {
    pb::PlannedService* out = p.add_services();
    out->set_kind(platform::EnumToProto<pb::SupportServiceKind>(s.kind));
    out->set_provider(s.provider);
    out->set_frequency(s.frequency);
    out->set_funding_source(platform::EnumToProto<pb::FundingSource>(s.funding_source));
  }
  SetDate(plan.review_date, p.mutable_review_date());
  SetDate(plan.last_reviewed_date, p.mutable_last_reviewed_date());
  return p;
}

}  // namespace

pb::AssessmentOfNeed ToProto(const AssessmentOfNeed& a, platform::Date today) {
  const AssessmentDetails& d = a.details;
  pb::AssessmentOfNeed p;
  p.set_name(AssessmentOfNeedName(a.id));
  if (!d.support_request_id.empty()) p.set_support_request(absl::StrCat("supportRequests/", d.support_request_id));
  p.set_local_authority(d.local_authority);
  *p.mutable_requested_date() = platform::DateToProto(d.requested_date);
  SetDate(d.start_date, p.mutable_start_date());
  SetDate(d.target_date, p.mutable_target_date());
  p.set_social_worker(d.social_worker);
  p.set_needs(d.needs);
  p.set_support_plan(d.support_plan_summary);
  p.set_status(platform::EnumToProto<pb::AssessmentStatus>(a.status));
  SetDate(a.completed_date, p.mutable_completed_date());
  p.set_outcome(platform::EnumToProto<pb::AssessmentOutcome>(a.outcome));
  if (a.plan) *p.mutable_plan() = PlanToProto(*a.plan);
  p.set_close_reason(a.close_reason);
  p.set_days_waiting(DaysWaiting(a, today));
  p.set_review_due(ReviewDue(a, today));
  if (!d.household_id.empty()) p.set_household(absl::StrCat("households/", d.household_id));
  p.set_etag(absl::StrCat(a.version));
  *p.mutable_record_info() = platform::RecordInfoOf(a);
  return p;
}

AssessmentDetails AssessmentDetailsFromProto(const pb::AssessmentOfNeed& p, const std::string& prefix,
                                             platform::Validation& v) {
  AssessmentDetails d;
  if (!p.support_request().empty()) {
    d.support_request_id = platform::IdFromName(p.support_request(), "supportRequests", prefix + "support_request", v);
  }
  d.local_authority = p.local_authority();
  d.requested_date = platform::DateFromProto(p.requested_date(), prefix + "requested_date", v);
  d.start_date = platform::OptionalDateFromProto(p.start_date(), prefix + "start_date", v);
  d.target_date = platform::OptionalDateFromProto(p.target_date(), prefix + "target_date", v);
  d.social_worker = CleanText(p.social_worker(), TextKind::kSingleLine, prefix + "social_worker", v);
  d.needs = CleanText(p.needs(), TextKind::kMultiLine, prefix + "needs", v);
  d.support_plan_summary = CleanText(p.support_plan(), TextKind::kMultiLine, prefix + "support_plan", v);
  if (!p.household().empty()) {
    d.household_id = platform::IdFromName(p.household(), "households", prefix + "household", v);
  }
  return d;
}

SupportPlan PlanFromProto(const pb::SupportPlan& p, const std::string& prefix, platform::Validation& v) {
  SupportPlan plan;
  for (int i = 0; i < p.goals_size(); ++i) {
    plan.goals.push_back(CleanText(p.goals(i), TextKind::kMultiLine, absl::StrCat(prefix, "goals[", i, "]"), v));
  }
  for (int i = 0; i < p.services_size(); ++i) {
    const pb::PlannedService& s = p.services(i);
    const std::string at = absl::StrCat(prefix, "services[", i, "].");
    PlannedService service;
    service.kind = platform::EnumFromProto<SupportServiceKind>(s.kind(), pb::SupportServiceKind_IsValid);
    service.provider = CleanText(s.provider(), TextKind::kSingleLine, at + "provider", v);
    service.frequency = CleanText(s.frequency(), TextKind::kSingleLine, at + "frequency", v);
    service.funding_source = platform::EnumFromProto<FundingSource>(s.funding_source(), pb::FundingSource_IsValid);
    plan.services.push_back(std::move(service));
  }
  plan.review_date = platform::OptionalDateFromProto(p.review_date(), prefix + "review_date", v);
  return plan;
}

}  // namespace support
