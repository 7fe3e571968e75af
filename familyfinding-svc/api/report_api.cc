// FamilyFindingService's reports (docs/reports.md "Children"): the adoption
// scorecard, the milestones in a period, the children on a day, and a decision cohort.
// Each reads the journeys of the children the caller reaches and is audited.
#include <soci/soci.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/child_figures.h"
#include "familyfinding-svc/domain/fees.h"
#include "familyfinding-svc/domain/scorecard.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/report.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

namespace {
void CountsToProto(const MilestoneCounts& c, pb::MilestoneCounts* out) {
  out->set_referrals(c.referrals);
  out->set_decisions(c.decisions);
  out->set_placement_orders(c.placement_orders);
  out->set_matches(c.matches);
  out->set_placements(c.placements);
  out->set_early_permanence_placements(c.early_permanence_placements);
  out->set_adoption_orders(c.adoption_orders);
  out->set_plan_changes(c.plan_changes);
  out->set_disruptions(c.disruptions);
}
}  // namespace

absl::StatusOr<std::vector<Child>> FamilyFindingApi::Journeys(Call& call, const std::string& report,
                                                              const std::optional<std::string>& local_authority) {
  std::vector<Child> children;
  RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
    children = children_->Journeys(sql, local_authority, call.coverage());
    call.AuditRead("reports", report);
    return absl::OkStatus();
  }));
  return children;
}

grpc::Status FamilyFindingApi::ReportChildMilestones(Ctx* ctx, const pb::ReportChildMilestonesRequest* request,
                                                     pb::ChildMilestones* response) {
  return rpc_->Run(ctx, "ReportChildMilestones", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    v.Check(adoption::type::v1::ReportPerspective_IsValid(request->perspective()), "perspective",
            "must be REPORT_PERSPECTIVE_CHILD or REPORT_PERSPECTIVE_ADOPTER");
    RETURN_IF_ERROR(v.Status());
    const bool adopters_side = request->perspective() == adoption::type::v1::REPORT_PERSPECTIVE_ADOPTER;
    ASSIGN_OR_RETURN(std::vector<Child> children, Journeys(call, "child-milestones", la));
    // The agency's own households: recruitment's (in the profiles) and any the journeys
    // place a child with as the agency's own (an imported history).
    std::set<std::string> own;
    if (adopters_side) {
      RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
        for (std::string& id : profiles_->OwnHouseholdIds(sql)) own.insert(std::move(id));
        return absl::OkStatus();
      }));
      for (const Child& c : children) {
        for (const Milestone& m : c.journey) {
          if (m.kind == MilestoneKind::kPlaced && m.provider == PlacementProvider::kInHouse) own.insert(m.household_id);
        }
      }
    }
    const OwnHousehold is_own = [&own](const std::string& household) { return own.contains(household); };
    const OwnHousehold* adopters = adopters_side ? &is_own : nullptr;
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    response->set_perspective(adopters_side ? adoption::type::v1::REPORT_PERSPECTIVE_ADOPTER
                                            : adoption::type::v1::REPORT_PERSPECTIVE_CHILD);
    CountsToProto(CountMilestones(children, period, adopters), response->mutable_total());
    for (const auto& [month, counts] : CountMilestonesByMonth(children, period, adopters)) {
      pb::MonthMilestones* row = response->add_months();
      row->set_month(month);
      CountsToProto(counts, row->mutable_counts());
    }
    if (request->by_local_authority()) {
      for (const auto& [code, counts] : CountMilestonesByLocalAuthority(children, period, adopters)) {
        pb::LocalAuthorityMilestones* row = response->add_local_authorities();
        row->set_local_authority(code);
        CountsToProto(counts, row->mutable_counts());
      }
    }
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ReportChildrenWaiting(Ctx* ctx, const pb::ReportChildrenWaitingRequest* request,
                                                     pb::ChildrenWaiting* response) {
  return rpc_->Run(ctx, "ReportChildrenWaiting", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date at = platform::DateFromProto(request->at(), "at", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<Child> children, Journeys(call, "children-waiting", la));
    const ChildrenAt w = ChildrenOn(children, at, platform::PrecisionFromProto(request->precision()));
    *response->mutable_at() = platform::DateToProto(at);
    response->set_local_authority(la.value_or(""));
    response->set_waiting(w.waiting);
    response->set_waiting_matched(w.waiting_matched);
    response->set_waiting_family_found(w.waiting_family_found);
    response->set_waiting_family_finding(w.waiting_family_finding);
    response->set_active_family_finding(w.active_family_finding);
    response->set_linked_awaiting_panel(w.linked_awaiting_panel);
    response->set_placement_order_not_placed(w.placement_order_not_placed);
    if (w.mean_days_since_order) response->mutable_mean_days_since_order()->set_value(*w.mean_days_since_order);
    response->set_longest_days_since_order(w.longest_days_since_order);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ReportDecisionCohort(Ctx* ctx, const pb::ReportDecisionCohortRequest* request,
                                                    pb::DecisionCohort* response) {
  return rpc_->Run(ctx, "ReportDecisionCohort", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const platform::Date at = platform::DateFromProto(request->at(), "at", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<Child> children, Journeys(call, "decision-cohort", la));
    const DecisionCohort c = DecisionCohortOn(children, period, at, platform::PrecisionFromProto(request->precision()));
    *response->mutable_period() = platform::PeriodToProto(period);
    *response->mutable_at() = platform::DateToProto(at);
    response->set_local_authority(la.value_or(""));
    response->set_decided(c.decided);
    *response->mutable_adopted() = platform::ShareToProto(c.adopted);
    *response->mutable_placed() = platform::ShareToProto(c.placed);
    *response->mutable_plan_reverted() = platform::ShareToProto(c.plan_reverted);
    *response->mutable_waiting() = platform::ShareToProto(c.waiting);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ReportScorecard(Ctx* ctx, const pb::ReportScorecardRequest* request,
                                               pb::Scorecard* response) {
  return rpc_->Run(ctx, "ReportScorecard", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    v.Check(request->care_leavers() >= 0, "care_leavers", "must not be negative (0: not given)");
    RETURN_IF_ERROR(v.Status());
    std::vector<Child> adopted;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
      adopted = children_->AdoptedIn(sql, period, la, call.coverage());
      call.AuditRead("reports", "scorecard");
      return absl::OkStatus();
    }));
    absl::StatusOr<Scorecard> s = MeasureScorecard(adopted, period, *statutory_, request->care_leavers(),
                                                   platform::PrecisionFromProto(request->precision()));
    if (!s.ok()) {
      return absl::FailedPreconditionError(absl::StrCat("a scorecard threshold is not configured: ", s.status().message()));
    }
    auto mean = [](const MeanDays& m, pb::MeanDays* out) {
      if (m.mean) out->mutable_mean()->set_value(*m.mean);
      out->set_children(m.children);
      out->set_total_days(m.total_days);
    };
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    response->set_adopted(s->adopted);
    response->set_female(s->female);
    response->set_male(s->male);
    *response->mutable_harder_to_place() = platform::ShareToProto(s->harder_to_place);
    mean(s->a1, response->mutable_a1());
    mean(s->a2, response->mutable_a2());
    mean(s->a10, response->mutable_a10());
    *response->mutable_met_a1() = platform::ShareToProto(s->met_a1);
    *response->mutable_met_a2() = platform::ShareToProto(s->met_a2);
    *response->mutable_a3() = platform::ShareToProto(s->a3);
    *response->mutable_placed_within_12_months_of_decision() =
        platform::ShareToProto(s->placed_within_12_months_of_decision);
    response->set_early_permanence(s->early_permanence);
    mean(s->early_permanence_care_to_order, response->mutable_early_permanence_care_to_order());
    mean(s->other_care_to_order, response->mutable_other_care_to_order());
    if (s->care_leavers_adopted_percent) {
      response->mutable_care_leavers_adopted_percent()->set_value(*s->care_leavers_adopted_percent);
    }
    for (const std::string& id : s->incomplete) response->add_incomplete(ChildName(id));
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ReportInterAgencyFees(Ctx* ctx, const pb::ReportInterAgencyFeesRequest* request,
                                                     pb::InterAgencyFees* response) {
  return rpc_->Run(ctx, "ReportInterAgencyFees", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<Child> children, Journeys(call, "inter-agency-fees", std::nullopt));
    // The adopters' agency is a London one when the adopters live in a London borough.
    std::set<std::string> in_london;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      for (const Placement& p : PlacementsIn(children, period)) {
        std::optional<HouseholdProfile> h = profiles_->Get(sql, p.household_id);
        if (h && InLondon(h->facts.home_local_authority)) in_london.insert(p.household_id);
      }
      return absl::OkStatus();
    }));
    absl::StatusOr<InterAgencyFees> fees = MeasureFees(
        children, period, *statutory_,
        [&](const std::string& la, platform::Date day) { return agency_->Serves(la, day); },
        [&](const std::string& household) { return in_london.contains(household); });
    if (!fees.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("no inter-agency fee is configured for a placement in the period: ", fees.status().message()));
    }
    auto totals = [](const FeeTotals& t, pb::FeeTotals* out) {
      out->set_families(t.families);
      out->set_children(t.children);
      out->mutable_amount()->set_currency_code("GBP");
      out->mutable_amount()->set_minor_units(t.pence);
    };
    *response->mutable_period() = platform::PeriodToProto(period);
    totals(fees->payable_other_la, response->mutable_payable_other_la());
    totals(fees->payable_voluntary, response->mutable_payable_voluntary());
    totals(fees->receivable, response->mutable_receivable());
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ReportChildBreakdowns(Ctx* ctx, const pb::ReportChildBreakdownsRequest* request,
                                                     pb::ChildBreakdowns* response) {
  return rpc_->Run(ctx, "ReportChildBreakdowns", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<Child> children, Journeys(call, "child-breakdowns", la));
    const ChildBreakdowns b = BreakDown(children, period);
    auto rows = [](const auto& counts, auto* out) {
      for (const auto& [label, n] : counts) {
        pb::LabelledCount* row = out->Add();
        row->set_label(absl::StrCat(label));
        row->set_children(n);
      }
    };
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    rows(b.decisions_by_age, response->mutable_decisions_by_age());
    response->set_decisions_entered_care_before_5(b.decisions_entered_care_before_5);
    rows(b.orders_by_age_band, response->mutable_orders_by_age_band());
    rows(b.orders_by_sex, response->mutable_orders_by_sex());
    rows(b.orders_by_ethnicity, response->mutable_orders_by_ethnicity());
    response->set_orders_in_sibling_group(b.orders_in_sibling_group);
    rows(b.orders_by_provider, response->mutable_orders_by_provider());
    return absl::OkStatus();
  });
}

}  // namespace familyfinding
