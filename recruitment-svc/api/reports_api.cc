// The adopters' reports of RecruitmentService (docs/reports.md "Adopters"): each reads
// the histories of the households the caller reaches and maps the domain's figures.
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/report.h"
#include "recruitment-svc/api/recruitment_api.h"
#include "recruitment-svc/domain/reports.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;
using platform::Call;

absl::StatusOr<std::vector<HouseholdHistory>> RecruitmentApi::Histories(Call& call, const std::string& report,
                                                                        std::optional<platform::Period> touching) {
  HistoryQuery query{.touching = touching, .coverage = call.coverage()};
  std::vector<HouseholdHistory> histories;
  RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
    histories = households_->Histories(sql, query);
    call.AuditRead("reports", report);
    return absl::OkStatus();
  }));
  return histories;
}

grpc::Status RecruitmentApi::ReportAdopterFunnel(Ctx* ctx, const pb::ReportAdopterFunnelRequest* request,
                                                 pb::AdopterFunnel* response) {
  return rpc_->Run(ctx, "ReportAdopterFunnel", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    // Counted in SQL (HouseholdStore::CountFunnel, equal to the domain's CountFunnel).
    Funnel f;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
      f = households_->CountFunnel(sql, period, call.coverage());
      call.AuditRead("reports", "adopter-funnel");
      return absl::OkStatus();
    }));
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_enquiries(f.enquiries);
    response->set_info_sessions_booked(f.info_sessions_booked);
    response->set_info_sessions_attended(f.info_sessions_attended);
    response->set_registrations_of_interest(f.registrations_of_interest);
    response->set_stage_one_started(f.stage_one_started);
    response->set_stage_two_started(f.stage_two_started);
    response->set_approvals(f.approvals);
    response->set_dual_approvals(f.dual_approvals);
    response->set_known_child_assessments(f.known_child_assessments);
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportHouseholdStages(Ctx* ctx, const pb::ReportHouseholdStagesRequest* request,
                                                   pb::HouseholdStages* response) {
  return rpc_->Run(ctx, "ReportHouseholdStages", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date at = platform::DateFromProto(request->at(), "at", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "household-stages", std::nullopt));
    *response->mutable_at() = platform::DateToProto(at);
    for (const auto& [stage, households] : CountStages(histories, at)) {
      pb::StageCount* row = response->add_stages();
      row->set_stage(platform::EnumToProto<pb::HouseholdStage>(stage));
      row->set_households(households);
    }
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportApprovedNotMatched(Ctx* ctx, const pb::ReportApprovedNotMatchedRequest* request,
                                                      pb::ApprovedNotMatched* response) {
  return rpc_->Run(ctx, "ReportApprovedNotMatched", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date at = platform::DateFromProto(request->at(), "at", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "approved-not-matched", std::nullopt));
    const std::vector<WaitingHousehold> waiting = ApprovedNotMatched(histories, at);
    *response->mutable_at() = platform::DateToProto(at);
    response->set_households(static_cast<int>(waiting.size()));
    for (const WaitingHousehold& w : waiting) {
      pb::WaitingHousehold* row = response->add_waiting();
      row->set_household("households/" + w.id);
      *row->mutable_approved_date() = platform::DateToProto(w.approved);
      row->set_days_waiting(w.days_waiting);
    }
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportRoiCohort(Ctx* ctx, const pb::ReportRoiCohortRequest* request,
                                             pb::RoiCohort* response) {
  return rpc_->Run(ctx, "ReportRoiCohort", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const platform::Date at = platform::DateFromProto(request->at(), "at", v);
    RETURN_IF_ERROR(v.Status());
    const platform::Precision precision = platform::PrecisionFromProto(request->precision());
    // The cohort's ROIs lie in the period; where they stood later needs their whole journeys.
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "roi-cohort", period));
    const RoiCohort c = RoiCohortAt(histories, period, at);
    *response->mutable_period() = platform::PeriodToProto(period);
    *response->mutable_at() = platform::DateToProto(at);
    response->set_households(c.households);
    auto share = [&](int count) { return platform::ShareToProto(platform::ShareOf(count, c.households, precision)); };
    *response->mutable_approved() = share(c.approved);
    *response->mutable_exited() = share(c.exited);
    *response->mutable_stage_two() = share(c.stage_two);
    *response->mutable_stage_one() = share(c.stage_one);
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportWithdrawals(Ctx* ctx, const pb::ReportWithdrawalsRequest* request,
                                               pb::Withdrawals* response) {
  return rpc_->Run(ctx, "ReportWithdrawals", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "withdrawals", period));
    const Withdrawals w = CountWithdrawals(histories, period);
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_total(w.total);
    response->set_withdrawn(w.withdrawn);
    response->set_counselled_out(w.counselled_out);
    response->set_after_approval(w.after_approval);
    for (const ExitCount& c : w.by_reason) {
      pb::WithdrawalCount* row = response->add_by_reason();
      row->set_exit(platform::EnumToProto<pb::JourneyEvent>(c.exit));
      row->set_reason(c.reason);
      row->set_households(c.households);
      row->set_after_approval(c.after_approval);
    }
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportAssessmentTimeliness(Ctx* ctx, const pb::ReportAssessmentTimelinessRequest* request,
                                                        pb::AssessmentTimeliness* response) {
  return rpc_->Run(ctx, "ReportAssessmentTimeliness", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "assessment-timeliness", period));
    absl::StatusOr<Timeliness> t =
        MeasureTimeliness(histories, period, *statutory_, platform::PrecisionFromProto(request->precision()));
    if (!t.ok()) {
      // A clock that started before its target was in force (config/statutory.tsv).
      return absl::FailedPreconditionError(absl::StrCat("a timescale is not configured: ", t.status().message()));
    }
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_approvals(t->approvals);
    if (t->mean_roi_to_approval_days) {
      response->mutable_mean_roi_to_approval_days()->set_value(*t->mean_roi_to_approval_days);
    }
    if (t->mean_roi_to_approval_days_no_break) {
      response->mutable_mean_roi_to_approval_days_without_break()->set_value(*t->mean_roi_to_approval_days_no_break);
    }
    *response->mutable_approved_within_target() = platform::ShareToProto(t->within_roi_to_approval_target);
    *response->mutable_stage_one_in_timescale() = platform::ShareToProto(t->stage_one_in_timescale);
    *response->mutable_stage_two_in_timescale() = platform::ShareToProto(t->stage_two_in_timescale);
    response->set_approvals_without_roi(t->without_roi);
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportMatchWaits(Ctx* ctx, const pb::ReportMatchWaitsRequest* request,
                                              pb::MatchWaits* response) {
  return rpc_->Run(ctx, "ReportMatchWaits", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const int months = request->months() == 0 ? 3 : request->months();
    v.Check(months >= 1 && months <= 24, "months", "must be 1 to 24 (0 for 3)");
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "match-waits", period));
    const MatchWaits w =
        MeasureMatchWaits(histories, period, months, platform::PrecisionFromProto(request->precision()));
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_months(months);
    response->set_matched(w.matched);
    *response->mutable_matched_within() = platform::ShareToProto(w.within);
    if (w.mean_days) response->mutable_mean_days_from_approval()->set_value(*w.mean_days);
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportApprovals(Ctx* ctx, const pb::ReportApprovalsRequest* request,
                                             pb::Approvals* response) {
  return rpc_->Run(ctx, "ReportApprovals", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "approvals", period));
    const Approvals a = CountApprovals(histories, period);
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_approvals(a.total);
    response->set_dual_approvals(a.dual);
    for (const auto& [structure, households] : a.by_family_structure) {
      pb::ApprovalsByFamilyStructure* row = response->add_by_family_structure();
      row->set_family_structure(platform::EnumToProto<pb::FamilyStructure>(structure));
      row->set_households(households);
    }
    for (const auto& [ethnicity, households] : a.by_ethnicity) {
      pb::ApprovalsByEthnicity* row = response->add_by_ethnicity();
      row->set_ethnicity(ethnicity);
      row->set_households(households);
    }
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::ReportAdopterPlacements(Ctx* ctx, const pb::ReportAdopterPlacementsRequest* request,
                                                     pb::AdopterPlacements* response) {
  return rpc_->Run(ctx, "ReportAdopterPlacements", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(std::vector<HouseholdHistory> histories, Histories(call, "adopter-placements", period));
    const Placements p = CountPlacements(histories, period);
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_matched(p.matched);
    response->set_placed(p.placed);
    response->set_adoption_orders(p.adoption_orders);
    return absl::OkStatus();
  });
}

}  // namespace recruitment
