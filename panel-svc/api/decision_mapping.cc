#include "panel-svc/api/decision_mapping.h"

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "panel-svc/api/panel_mapping.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace panel {

namespace pb = adoption::panel::v1;
namespace ev = adoption::events::v1;
using platform::CleanText;
using platform::TextKind;

namespace {
std::string HouseholdName(const std::string& id) { return absl::StrCat("households/", id); }
std::string ChildName(const std::string& id) { return absl::StrCat("children/", id); }
}  // namespace

std::string DecisionName(const std::string& id) { return absl::StrCat("decisions/", id); }

pb::Decision ToProto(const Decision& d) {
  pb::Decision out;
  out.set_name(DecisionName(d.id));
  out.set_kind(platform::EnumToProto<pb::DecisionKind>(d.kind));
  out.set_outcome(platform::EnumToProto<pb::DecisionOutcome>(d.outcome));
  *out.mutable_decision_date() = platform::DateToProto(d.decision_date);
  if (d.panel_date) *out.mutable_panel_date() = platform::DateToProto(*d.panel_date);
  out.set_recommendation(d.recommendation);
  if (d.recommendation_received_date) {
    *out.mutable_recommendation_received_date() = platform::DateToProto(*d.recommendation_received_date);
  }
  if (d.decision_due_date) *out.mutable_decision_due_date() = platform::DateToProto(*d.decision_due_date);
  out.set_contrary_to_recommendation(d.contrary_to_recommendation);
  if (!d.household_id.empty()) out.set_household(HouseholdName(d.household_id));
  for (const auto& c : d.child_ids) out.add_children(ChildName(c));
  if (d.approval_terms) {
    const ApprovalTerms& t = *d.approval_terms;
    pb::ApprovalTerms* pt = out.mutable_approval_terms();
    pt->set_min_children(t.min_children);
    pt->set_max_children(t.max_children);
    pt->set_min_age_years(t.min_age_years);
    pt->set_max_age_years(t.max_age_years);
    pt->set_sibling_groups(t.sibling_groups);
    pt->set_disability_acceptable(t.disability_acceptable);
    pt->set_health_needs_acceptable(t.health_needs_acceptable);
    for (const auto& e : t.ethnicities) pt->add_ethnicities(e);
    pt->set_dual_approval(t.dual_approval);
  }
  out.set_new_plan(platform::EnumToProto<pb::ChildPlan>(d.new_plan));
  out.set_reasons(d.reasons);
  out.set_decision_maker(d.decision_maker);
  out.set_decision_maker_local_authority(d.decision_maker_local_authority);
  out.set_qualifying_determination(d.qualifying_determination);
  if (d.representations_deadline) {
    *out.mutable_representations_deadline() = platform::DateToProto(*d.representations_deadline);
  }
  out.set_determination_state(platform::EnumToProto<pb::DeterminationState>(d.determination_state));
  out.set_imported(d.imported());
  if (d.representations_date) *out.mutable_representations_date() = platform::DateToProto(*d.representations_date);
  out.set_etag(Etag(d.version));
  *out.mutable_record_info() = platform::RecordInfoOf(d);
  return out;
}

Decision DecisionFromProto(const pb::Decision& in, const std::string& prefix, platform::Validation& v) {
  Decision d;
  if (auto kind = platform::EnumFromProto<DecisionKind>(in.kind(), pb::DecisionKind_IsValid)) {
    d.kind = *kind;
  } else {
    v.Add(prefix + "kind", "is required: a DecisionKind such as DECISION_KIND_ADOPTER_APPROVAL");
  }
  if (auto outcome = platform::EnumFromProto<DecisionOutcome>(in.outcome(), pb::DecisionOutcome_IsValid)) {
    d.outcome = *outcome;
  } else {
    v.Add(prefix + "outcome", "is required: DECISION_OUTCOME_AGREED or DECISION_OUTCOME_NOT_AGREED");
  }
  d.decision_date = platform::DateFromProto(in.decision_date(), prefix + "decision_date", v);
  d.panel_date = platform::OptionalDateFromProto(in.panel_date(), prefix + "panel_date", v);
  d.recommendation = in.recommendation();
  d.recommendation_received_date =
      platform::OptionalDateFromProto(in.recommendation_received_date(), prefix + "recommendation_received_date", v);
  if (!in.household().empty()) d.household_id = platform::IdFromName(in.household(), "households", prefix + "household", v);
  for (int i = 0; i < in.children_size(); ++i) {
    d.child_ids.push_back(platform::IdFromName(in.children(i), "children", absl::StrCat(prefix, "children[", i, "]"), v));
  }
  if (in.has_approval_terms()) {
    const pb::ApprovalTerms& pt = in.approval_terms();
    const std::string field = prefix + "approval_terms.";
    ApprovalTerms t;
    t.min_children = pt.min_children();
    t.max_children = pt.max_children();
    t.min_age_years = pt.min_age_years();
    t.max_age_years = pt.max_age_years();
    t.sibling_groups = pt.sibling_groups();
    t.disability_acceptable = pt.disability_acceptable();
    t.health_needs_acceptable =
        CleanText(pt.health_needs_acceptable(), TextKind::kMultiLine, field + "health_needs_acceptable", v);
    for (int i = 0; i < pt.ethnicities_size(); ++i) {
      t.ethnicities.push_back(
          CleanText(pt.ethnicities(i), TextKind::kSingleLine, absl::StrCat(field, "ethnicities[", i, "]"), v));
    }
    t.dual_approval = pt.dual_approval();
    d.approval_terms = std::move(t);
  }
  if (in.new_plan() != pb::CHILD_PLAN_UNSPECIFIED) {
    d.new_plan = platform::EnumFromProto<ChildPlan>(in.new_plan(), pb::ChildPlan_IsValid);
    v.Check(d.new_plan.has_value(), prefix + "new_plan", "must be a ChildPlan");
  }
  d.reasons = CleanText(in.reasons(), TextKind::kMultiLine, prefix + "reasons", v);
  d.decision_maker = CleanText(in.decision_maker(), TextKind::kSingleLine, prefix + "decision_maker", v);
  d.decision_maker_local_authority = in.decision_maker_local_authority();
  return d;
}

namespace {
// An approval's or a review's decision as the approval it gives: the household, the
// decision and its date, and the terms.
ev::AdopterApproved ApprovalOf(const Decision& d) {
  ev::AdopterApproved e;
  e.set_household(HouseholdName(d.household_id));
  *e.mutable_decision_date() = platform::DateToProto(d.decision_date);
  const ApprovalTerms& t = *d.approval_terms;
  e.set_min_children(t.min_children);
  e.set_max_children(t.max_children);
  e.set_min_age_years(t.min_age_years);
  e.set_max_age_years(t.max_age_years);
  e.set_sibling_groups(t.sibling_groups);
  e.set_disability_acceptable(t.disability_acceptable);
  e.set_health_needs_acceptable(t.health_needs_acceptable);
  for (const auto& code : t.ethnicities) e.add_ethnicities(code);
  e.set_dual_approval(t.dual_approval);
  e.set_decision(DecisionName(d.id));
  return e;
}
}  // namespace

std::vector<std::unique_ptr<google::protobuf::Message>> PublishedEvents(const Decision& d) {
  const adoption::type::v1::Date date = platform::DateToProto(d.decision_date);
  std::vector<std::unique_ptr<google::protobuf::Message>> out;
  switch (PublicationOf(d)) {
    case Publication::kAdopterApproved:
      out.push_back(std::make_unique<ev::AdopterApproved>(ApprovalOf(d)));
      break;
    case Publication::kApprovalReviewed: {
      auto e = std::make_unique<ev::ApprovalReviewed>();
      *e->mutable_approval() = ApprovalOf(d);
      out.push_back(std::move(e));
      break;
    }
    case Publication::kAdopterNotApproved: {
      auto e = std::make_unique<ev::AdopterNotApproved>();
      e->set_household(HouseholdName(d.household_id));
      *e->mutable_decision_date() = date;
      e->set_final(FinalNotApproved(d));
      e->set_decision(DecisionName(d.id));
      out.push_back(std::move(e));
      break;
    }
    case Publication::kApprovalTerminated: {
      auto e = std::make_unique<ev::ApprovalTerminated>();
      e->set_household(HouseholdName(d.household_id));
      *e->mutable_decision_date() = date;
      e->set_decision(DecisionName(d.id));
      out.push_back(std::move(e));
      break;
    }
    case Publication::kMatchAgreed: {
      auto e = std::make_unique<ev::MatchAgreed>();
      for (const auto& c : d.child_ids) e->add_children(ChildName(c));
      e->set_household(HouseholdName(d.household_id));
      *e->mutable_decision_date() = date;
      out.push_back(std::move(e));
      break;
    }
    // The events about children name one child each.
    case Publication::kShouldBePlacedDecided:
      for (const auto& c : d.child_ids) {
        auto e = std::make_unique<ev::ShouldBePlacedDecided>();
        e->set_child(ChildName(c));
        *e->mutable_decision_date() = date;
        out.push_back(std::move(e));
      }
      break;
    case Publication::kChildPlanChanged:
      for (const auto& c : d.child_ids) {
        auto e = std::make_unique<ev::ChildPlanChanged>();
        e->set_child(ChildName(c));
        *e->mutable_decision_date() = date;
        e->set_new_plan(ChildPlanName(*d.new_plan));
        out.push_back(std::move(e));
      }
      break;
    case Publication::kNone:
      break;
  }
  return out;
}

}  // namespace panel
