// PanelService's figures: the panel's work in a period (docs/domain.md §3, "Figures").
#include <soci/soci.h>

#include "panel-svc/api/panel_api.h"
#include "panel-svc/domain/panel_report.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/report.h"

namespace panel {

namespace pb = adoption::panel::v1;
using platform::Call;

grpc::Status PanelApi::ReportPanelWork(Ctx* ctx, const pb::ReportPanelWorkRequest* request, pb::PanelWork* response) {
  return rpc_->Run(ctx, "ReportPanelWork", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    RETURN_IF_ERROR(v.Status());
    PanelWorkFigures f;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
      f = CountPanelWork(agenda_->MeetingStatusesIn(sql, period), agenda_->HeardIn(sql, period),
                         decisions_->DecidedIn(sql, period), platform::PrecisionFromProto(request->precision()));
      // Figures, not records: the run itself is audited.
      call.AuditRead("reports", "panel-work");
      return absl::OkStatus();
    }));
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_meetings_held(f.meetings_held);
    response->set_meetings_cancelled(f.meetings_cancelled);
    response->set_cases_heard(f.cases_heard);
    for (const auto& [kind, c] : f.by_kind) {
      pb::CasesHeard* row = response->add_by_kind();
      row->set_kind(platform::EnumToProto<pb::AgendaItemKind>(kind));
      row->set_cases(c.cases);
      row->set_recommended(c.recommended);
      row->set_not_recommended(c.not_recommended);
      row->set_deferred(c.deferred);
    }
    response->set_decisions(f.decisions);
    *response->mutable_decided_in_timescale() = platform::ShareToProto(f.decided_in_timescale);
    response->set_contrary_to_recommendation(f.contrary);
    for (const auto& [rating, n] : f.papers_by_rating) {
      pb::PapersRated* row = response->add_papers_by_rating();
      row->set_rating(platform::EnumToProto<pb::QualityRating>(rating));
      row->set_papers(n);
    }
    *response->mutable_papers_late() = platform::ShareToProto(f.papers_late);
    response->set_approvals_referred(f.approvals_referred);
    if (f.mean_days_referral_to_panel) {
      response->mutable_mean_days_referral_to_panel()->set_value(*f.mean_days_referral_to_panel);
    }
    return absl::OkStatus();
  });
}

}  // namespace panel
