// SupportService's adoption allowances (docs/domain.md §4): regular means-tested
// allowances reviewed annually, suspended, resumed and ended, one-off payments, the
// authorities' yearly budgets, and what was paid against them.
#include <soci/soci.h>

#include "platform/core/ids.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/report.h"
#include "support-svc/api/allowance_mapping.h"
#include "support-svc/api/support_api.h"
#include "support-svc/domain/financial_years.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr const auto& kResource = kAdoptionAllowanceResource;
constexpr char kCollection[] = "adoptionAllowances";
constexpr char kPrefix[] = "adoption_allowance.";

// An allowance is its paying authority's.
platform::RecordScope ScopeOf(const AdoptionAllowance& a) {
  return {.local_authorities = {a.details.local_authority}};
}
}  // namespace

absl::StatusOr<int> SupportApi::ReviewMonths(platform::Date day) const {
  return ReviewMonthsOn(*statutory_, day);
}

grpc::Status SupportApi::CreateAdoptionAllowance(Ctx* ctx, const pb::CreateAdoptionAllowanceRequest* request,
                                                 pb::AdoptionAllowance* response) {
  return rpc_->Run(ctx, "CreateAdoptionAllowance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_adoption_allowance(), "adoption_allowance", "is required");
    AllowanceDetails details = AllowanceDetailsFromProto(request->adoption_allowance(), kPrefix, v);
    const platform::Date today = clock_->Today();
    ValidateAllowanceDetails(details, today, kPrefix, v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold({.local_authorities = {details.local_authority}}));
    // One-off payments have no review; a regular allowance's period is the one in
    // force when it starts.
    int review_months = 0;
    if (details.kind == AllowanceKind::kRegular) {
      ASSIGN_OR_RETURN(review_months, ReviewMonths(details.start_date));
    }

    AdoptionAllowance created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
                                                              AdoptionAllowance a = AgreeAllowance(
                                                                  platform::NewId(), details, review_months, today,
                                                                  call.principal().subject, clock_->NowMicros());
                                                              allowances_.Insert(tx, a);
                                                              return a.id;
                                                            }));
      std::optional<AdoptionAllowance> a = allowances_.Get(tx, id);
      if (!a) return absl::InternalError("allowance recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(*a)));
      call.Audit(tx, kResource, id);
      created = *std::move(a);
      return absl::OkStatus();
    }));
    *response = ToProto(created, today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::GetAdoptionAllowance(Ctx* ctx, const pb::GetAdoptionAllowanceRequest* request,
                                              pb::AdoptionAllowance* response) {
  return rpc_->Run(ctx, "GetAdoptionAllowance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), kCollection, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<AdoptionAllowance> a = allowances_.Get(sql, id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*a), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*a, clock_->Today());
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListAdoptionAllowances(Ctx* ctx, const pb::ListAdoptionAllowancesRequest* request,
                                                pb::ListAdoptionAllowancesResponse* response) {
  return rpc_->Run(ctx, "ListAdoptionAllowances", [&](Call& call) -> absl::Status {
    platform::Validation v;
    AllowanceQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(
        request->filter(), {"household", "child", "local_authority", "kind", "status", "review_overdue"}, v);
    if (const std::string* h = filter.Find("household")) {
      query.household_id = platform::IdFromName(*h, "households", "filter", v);
    }
    if (const std::string* c = filter.Find("child")) query.child_reference = *c;
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    query.kind = platform::EnumFilter<AllowanceKind>(filter, "kind", pb::AllowanceKind_descriptor(), v);
    query.status = platform::EnumFilter<AllowanceStatus>(filter, "status", pb::AllowanceStatus_descriptor(), v);
    const platform::Date today = clock_->Today();
    if (platform::BoolFilter(filter, "review_overdue", v).value_or(false)) query.review_overdue_on = today;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<AdoptionAllowance> page = allowances_.List(sql, query);
      for (const auto& a : page) {
        call.AuditRead(kResource, a.id);
        *response->add_adoption_allowances() = ToProto(a, today);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ReviewAdoptionAllowance(Ctx* ctx, const pb::ReviewAdoptionAllowanceRequest* request,
                                                 pb::AdoptionAllowance* response) {
  return rpc_->Run(ctx, "ReviewAdoptionAllowance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->review_date(), "review_date", v);
    std::optional<long long> pence;
    if (request->has_amount()) pence = PenceFromProto(request->amount(), "amount", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    std::optional<int> months;
    if (v.ok()) {
      // The period in force on the review's day sets the next.
      ASSIGN_OR_RETURN(months, ReviewMonths(day));
    }
    ASSIGN_OR_RETURN(AdoptionAllowance a,
                     (ChangeNamed(
                         call, allowances_, kCollection, kResource, request->name(), request->etag(), std::move(v),
                         ScopeOf, [&](AdoptionAllowance& a) { return ReviewAllowance(a, day, pence, *months, by); })));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::SuspendAdoptionAllowance(Ctx* ctx, const pb::SuspendAdoptionAllowanceRequest* request,
                                                  pb::AdoptionAllowance* response) {
  return rpc_->Run(ctx, "SuspendAdoptionAllowance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->suspended_date(), "suspended_date", v);
    const std::string reason =
        platform::CleanText(request->reason(), platform::TextKind::kSingleLine, "reason", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AdoptionAllowance a,
                     (ChangeNamed(
                         call, allowances_, kCollection, kResource, request->name(), request->etag(), std::move(v),
                         ScopeOf, [&](AdoptionAllowance& a) { return SuspendAllowance(a, day, reason, by); })));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ResumeAdoptionAllowance(Ctx* ctx, const pb::ResumeAdoptionAllowanceRequest* request,
                                                 pb::AdoptionAllowance* response) {
  return rpc_->Run(ctx, "ResumeAdoptionAllowance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->resumed_date(), "resumed_date", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AdoptionAllowance a,
                     (ChangeNamed(
                         call, allowances_, kCollection, kResource, request->name(), request->etag(), std::move(v),
                         ScopeOf, [&](AdoptionAllowance& a) { return ResumeAllowance(a, day, by); })));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::EndAdoptionAllowance(Ctx* ctx, const pb::EndAdoptionAllowanceRequest* request,
                                              pb::AdoptionAllowance* response) {
  return rpc_->Run(ctx, "EndAdoptionAllowance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->end_date(), "end_date", v);
    const std::string reason =
        platform::CleanText(request->reason(), platform::TextKind::kSingleLine, "reason", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AdoptionAllowance a,
                     (ChangeNamed(
                         call, allowances_, kCollection, kResource, request->name(), request->etag(), std::move(v),
                         ScopeOf, [&](AdoptionAllowance& a) { return EndAllowance(a, day, reason, by); })));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::SetAllowanceBudget(Ctx* ctx, const pb::SetAllowanceBudgetRequest* request,
                                            pb::AllowanceBudget* response) {
  return rpc_->Run(ctx, "SetAllowanceBudget", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::AllowanceBudget& in = request->allowance_budget();
    v.Check(request->has_allowance_budget(), "allowance_budget", "is required");
    AllowanceBudget budget{in.local_authority(), in.financial_year(), 0};
    v.Check(platform::IsLocalAuthorityCode(budget.local_authority), "allowance_budget.local_authority",
            "is required: an ONS local authority code such as E09000006");
    v.Check(platform::FinancialYear::ParseLabel(budget.financial_year).ok(), "allowance_budget.financial_year",
            "is required: a financial year such as 2025-26");
    if (v.Check(in.has_budget(), "allowance_budget.budget", "is required: an amount in GBP")) {
      budget.pence = PenceFromProto(in.budget(), "allowance_budget.budget", v);
      v.Check(budget.pence >= 0, "allowance_budget.budget", "must not be negative");
    }
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold({.local_authorities = {budget.local_authority}}));
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      const StoredBudget stored = allowances_.SetBudget(tx, budget, call.principal().subject, clock_->NowMicros());
      call.Audit(tx, "allowance_budget", absl::StrCat(budget.local_authority, "/", budget.financial_year));
      response->set_local_authority(stored.budget.local_authority);
      response->set_financial_year(stored.budget.financial_year);
      *response->mutable_budget() = platform::MoneyToProto(platform::Money{stored.budget.pence, "GBP"});
      *response->mutable_record_info() = platform::RecordInfoOf(stored);
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ReportAllowances(Ctx* ctx, const pb::ReportAllowancesRequest* request,
                                          pb::AllowanceFigures* response) {
  return rpc_->Run(ctx, "ReportAllowances", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    const auto years = FinancialYearsStartingIn(period);
    if (!years) return absl::OkStatus();
    const platform::Period covered{years->first.first_day(), years->second.last_day()};
    std::vector<AdoptionAllowance> allowances;
    std::vector<AllowanceBudget> budgets;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      allowances = allowances_.RunningIn(sql, covered, la, call.coverage());
      for (AllowanceBudget& b : allowances_.Budgets(sql, years->first.Label(), years->second.Label(), la)) {
        if (call.coverage().Covers({.local_authorities = {b.local_authority}})) budgets.push_back(std::move(b));
      }
      call.AuditRead("reports", "allowances");
      return absl::OkStatus();
    }));
    for (const AllowanceYearFigures& f :
         MeasureAllowances(allowances, budgets, years->first, years->second, clock_->Today(),
                           platform::PrecisionFromProto(request->precision()))) {
      pb::AllowanceYear* row = response->add_years();
      row->set_financial_year(f.financial_year);
      row->set_local_authority(f.local_authority);
      row->set_regular_allowances_paid(f.regular_allowances_paid);
      row->set_one_off_payments(f.one_off_payments);
      row->set_families_paid(f.families_paid);
      *row->mutable_paid() = platform::MoneyToProto(platform::Money{f.paid_pence, "GBP"});
      if (f.budget_pence) *row->mutable_budget() = platform::MoneyToProto(platform::Money{*f.budget_pence, "GBP"});
      if (f.percent_of_budget) row->mutable_percent_of_budget()->set_value(*f.percent_of_budget);
      row->set_reviews_overdue(f.reviews_overdue);
    }
    return absl::OkStatus();
  });
}

}  // namespace support
