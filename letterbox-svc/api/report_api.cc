// The letterbox's report (docs/letterbox.md, "The report"): every figure from the
// arrangements and items the caller reaches, measured by the domain.
#include <soci/soci.h>

#include "letterbox-svc/api/letterbox_api.h"
#include "letterbox-svc/domain/letterbox_figures.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/report.h"

namespace letterbox {

namespace pb = adoption::letterbox::v1;
using platform::Call;

namespace {
void MonthToProto(const LetterboxMonth& m, pb::LetterboxMonth* out) {
  out->set_month(m.month);
  out->set_due(m.due);
  out->set_answered(m.answered);
  out->set_unanswered(m.unanswered);
  out->set_received(m.received);
  out->set_forwarded(m.forwarded);
  out->set_withheld(m.withheld);
}
}  // namespace

grpc::Status LetterboxApi::ReportLetterbox(Ctx* ctx, const pb::ReportLetterboxRequest* request,
                                           pb::LetterboxFigures* response) {
  return rpc_->Run(ctx, "ReportLetterbox", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    const platform::Date today = clock_->Today();
    ASSIGN_OR_RETURN(ScheduleRules rules, ScheduleRules::On(*statutory_, today));
    std::vector<ContactArrangement> arrangements;
    std::vector<ExchangeFacts> items;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      arrangements = arrangements_->AllWithin(sql, call.coverage(), la);
      items = exchanges_->FactsWithin(sql, call.coverage(), la, period.last);
      call.AuditRead("reports", "letterbox");
      return absl::OkStatus();
    }));
    const LetterboxFigures f = MeasureLetterbox(arrangements, items, period, today, rules,
                                                platform::PrecisionFromProto(request->precision()));
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    for (const ArrangementTally& t : f.arrangements) {
      pb::ArrangementCount* out = response->add_arrangements();
      out->set_kind(platform::EnumToProto<pb::ContactKind>(t.kind));
      out->set_status(platform::EnumToProto<pb::ArrangementStatus>(t.status));
      out->set_arrangements(t.arrangements);
      out->set_children(t.children);
    }
    for (const LetterboxMonth& m : f.months) MonthToProto(m, response->add_months());
    MonthToProto(f.total, response->mutable_total());
    for (const WithheldCount& w : f.withheld) {
      pb::WithheldCount* out = response->add_withheld();
      out->set_reason(platform::EnumToProto<pb::WithheldReason>(w.reason));
      out->set_items(w.items);
    }
    response->set_approved(f.approved);
    if (f.mean_days_in_review) response->mutable_mean_days_in_review()->set_value(*f.mean_days_in_review);
    if (f.median_days_in_review) response->mutable_median_days_in_review()->set_value(*f.median_days_in_review);
    *response->mutable_answered() = platform::ShareToProto(f.answered_share);
    response->set_reviews_overdue(f.reviews_overdue);
    response->set_never_reviewed(f.never_reviewed);
    return absl::OkStatus();
  });
}

}  // namespace letterbox
