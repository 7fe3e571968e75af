// SupportService's Adoption Support Fund applications (docs/domain.md §4): drafted by
// the agency for one child and service, judged against the fair access limits of the
// child's financial year, then submitted, decided, delivered and completed, each a verb.
#include <soci/soci.h>

#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/core/local_authority.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/report.h"
#include "platform/rpc/resource.h"
#include "support-svc/api/asf_mapping.h"
#include "support-svc/api/support_api.h"
#include "support-svc/domain/financial_years.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr char kResource[] = "asf_application";
constexpr char kPrefix[] = "asf_application.";
constexpr int kMostReasonCharacters = 500;

// An application is its applying authority's.
platform::RecordScope ScopeOf(const AsfApplication& a) { return {.local_authorities = {a.details.local_authority}}; }
}  // namespace

absl::StatusOr<FairAccessRules> SupportApi::FairAccessOn(const std::string& financial_year, platform::Date day) const {
  ASSIGN_OR_RETURN(platform::Date judged, RulesDay(financial_year, day));
  absl::StatusOr<FairAccessRules> rules = FairAccessRules::On(*statutory_, judged);
  if (!rules.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the Adoption Support Fund's rules are not configured for ", platform::FormatDate(judged), ": ",
                     rules.status().message()));
  }
  return rules;
}

grpc::Status SupportApi::CreateAsfApplication(Ctx* ctx, const pb::CreateAsfApplicationRequest* request,
                                              pb::AsfApplication* response) {
  return rpc_->Run(ctx, "CreateAsfApplication", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_asf_application(), "asf_application", "is required");
    AsfDetails details = AsfDetailsFromProto(request->asf_application(), kPrefix, v);
    ValidateAsfDetails(details, kPrefix, v);
    RETURN_IF_ERROR(v.Status());
    const platform::RecordScope scope{.local_authorities = {details.local_authority}};
    RETURN_IF_ERROR(call.MayHold(scope));
    ASSIGN_OR_RETURN(FairAccessRules rules, FairAccessOn(details.financial_year, clock_->Today()));

    AsfApplication created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        const ChildYearSpend spent = asf_.ChildYearSpendFor(tx, details.child_reference, details.financial_year, "");
        absl::StatusOr<AsfApplication> a =
            DraftAsfApplication(platform::NewId(), details, call.principal().subject, clock_->NowMicros(), rules, spent);
        if (!a.ok()) return absl::StatusOr<std::string>(a.status());
        asf_.Insert(tx, *a);
        return absl::StatusOr<std::string>(a->id);
      }));
      std::optional<AsfApplication> a = asf_.Get(tx, id);
      if (!a) return absl::InternalError("ASF application recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(*a)));
      call.Audit(tx, kResource, id);
      created = *std::move(a);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::GetAsfApplication(Ctx* ctx, const pb::GetAsfApplicationRequest* request,
                                           pb::AsfApplication* response) {
  return rpc_->Run(ctx, "GetAsfApplication", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "asfApplications", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<AsfApplication> a = asf_.Get(sql, id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*a), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*a);
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListAsfApplications(Ctx* ctx, const pb::ListAsfApplicationsRequest* request,
                                             pb::ListAsfApplicationsResponse* response) {
  return rpc_->Run(ctx, "ListAsfApplications", [&](Call& call) -> absl::Status {
    platform::Validation v;
    AsfApplicationQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(
        request->filter(),
        {"child_reference", "family_reference", "local_authority", "service_type", "financial_year", "status"}, v);
    if (const std::string* c = filter.Find("child_reference")) query.child_reference = *c;
    if (const std::string* f = filter.Find("family_reference")) query.family_reference = *f;
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    if (const std::string* y = filter.Find("financial_year")) query.financial_year = *y;
    query.service_type =
        platform::EnumFilter<AsfServiceType>(filter, "service_type", pb::AsfServiceType_descriptor(), v);
    query.status = platform::EnumFilter<AsfStatus>(filter, "status", pb::AsfApplicationStatus_descriptor(), v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<AsfApplication> page = asf_.List(sql, query);
      for (const auto& a : page) {
        call.AuditRead(kResource, a.id);
        *response->add_asf_applications() = ToProto(a);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

SupportApi::AsfTarget SupportApi::TargetOf(const std::string& name, const std::string& etag, platform::Validation& v) {
  return {name, platform::IdFromName(name, "asfApplications", "name", v), platform::ParseEtag(etag, "etag", v)};
}

absl::StatusOr<AsfApplication> SupportApi::ChangeAsf(
    Call& call, const AsfTarget& target, const std::function<absl::Status(AsfApplication&, soci::session&)>& change) {
  return platform::ChangeRecord(
      call, *db_, asf_, target.name, target.id, target.version, ScopeOf, change,
      [&](const AsfApplication& a, soci::session& tx) { call.Audit(tx, kResource, a.id); });
}

grpc::Status SupportApi::SubmitAsfApplication(Ctx* ctx, const pb::SubmitAsfApplicationRequest* request,
                                              pb::AsfApplication* response) {
  return rpc_->Run(ctx, "SubmitAsfApplication", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const AsfTarget target = TargetOf(request->name(), request->etag(), v);
    const platform::Date day = platform::DateFromProto(request->submitted_date(), "submitted_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(AsfApplication a, ChangeAsf(call, target, [&](AsfApplication& a, soci::session& tx) {
                       ASSIGN_OR_RETURN(FairAccessRules rules, FairAccessOn(a.details.financial_year, day));
                       const ChildYearSpend spent =
                           asf_.ChildYearSpendFor(tx, a.details.child_reference, a.details.financial_year, a.id);
                       return support::SubmitAsfApplication(a, day, rules, *calendar_, spent,
                                                            platform::RevisionBy(call.principal().subject, *clock_));
                     }));
    *response = ToProto(a);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::Decide(Ctx* ctx, const char* method, const std::string& name, const std::string& etag,
                                const adoption::type::v1::Date& date, bool approved, const std::string& reason_in,
                                pb::AsfApplication* response) {
  return rpc_->Run(ctx, method, [&](Call& call) -> absl::Status {
    platform::Validation v;
    const AsfTarget target = TargetOf(name, etag, v);
    const platform::Date day = platform::DateFromProto(date, "decision_date", v);
    std::string reason;
    if (!approved) {
      reason = platform::CleanText(reason_in, platform::TextKind::kSingleLine, "reason", v);
      v.Check(!reason.empty() && platform::CharacterCount(reason) <= kMostReasonCharacters, "reason",
              "is required: the fund's reason, at most 500 characters");
    }
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(AsfApplication a, ChangeAsf(call, target, [&](AsfApplication& a, soci::session&) {
                       return DecideAsfApplication(a, approved, day, reason,
                                                   platform::RevisionBy(call.principal().subject, *clock_));
                     }));
    *response = ToProto(a);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ApproveAsfApplication(Ctx* ctx, const pb::ApproveAsfApplicationRequest* request,
                                               pb::AsfApplication* response) {
  return Decide(ctx, "ApproveAsfApplication", request->name(), request->etag(), request->decision_date(), true, "",
                response);
}

grpc::Status SupportApi::DeclineAsfApplication(Ctx* ctx, const pb::DeclineAsfApplicationRequest* request,
                                               pb::AsfApplication* response) {
  return Decide(ctx, "DeclineAsfApplication", request->name(), request->etag(), request->decision_date(), false,
                request->reason(), response);
}

grpc::Status SupportApi::StartAsfDelivery(Ctx* ctx, const pb::StartAsfDeliveryRequest* request,
                                          pb::AsfApplication* response) {
  return rpc_->Run(ctx, "StartAsfDelivery", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const AsfTarget target = TargetOf(request->name(), request->etag(), v);
    const platform::Date day = platform::DateFromProto(request->start_date(), "start_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(AsfApplication a, ChangeAsf(call, target, [&](AsfApplication& a, soci::session&) {
                       return support::StartAsfDelivery(a, day, platform::RevisionBy(call.principal().subject, *clock_));
                     }));
    *response = ToProto(a);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::CompleteAsfApplication(Ctx* ctx, const pb::CompleteAsfApplicationRequest* request,
                                                pb::AsfApplication* response) {
  return rpc_->Run(ctx, "CompleteAsfApplication", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const AsfTarget target = TargetOf(request->name(), request->etag(), v);
    const platform::Date day = platform::DateFromProto(request->completed_date(), "completed_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(AsfApplication a, ChangeAsf(call, target, [&](AsfApplication& a, soci::session&) {
                       return support::CompleteAsfApplication(a, day,
                                                              platform::RevisionBy(call.principal().subject, *clock_));
                     }));
    *response = ToProto(a);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ReportAsfFunding(Ctx* ctx, const pb::ReportAsfFundingRequest* request,
                                          pb::AsfFunding* response) {
  return rpc_->Run(ctx, "ReportAsfFunding", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    std::vector<AsfApplication> applications;
    if (const auto years = FinancialYearsStartingIn(period)) {
      RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
        applications = asf_.InYears(sql, years->first.Label(), years->second.Label(), la, call.coverage());
        call.AuditRead("reports", "asf-funding");
        return absl::OkStatus();
      }));
    }
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    for (const AsfYearFigures& y : MeasureAsf(applications)) {
      pb::AsfYear* row = response->add_years();
      row->set_financial_year(y.financial_year);
      row->set_applications(y.applications);
      row->set_approved(y.approved);
      row->set_declined(y.declined);
      row->set_awaiting_decision(y.awaiting_decision);
      row->set_children_benefiting(y.children_benefiting);
      row->set_families_benefiting(y.families_benefiting);
      *row->mutable_funding_secured() = platform::MoneyToProto(platform::Money{y.funding_secured_pence, "GBP"});
      *row->mutable_match_funding() = platform::MoneyToProto(platform::Money{y.match_funding_pence, "GBP"});
    }
    return absl::OkStatus();
  });
}

}  // namespace support
