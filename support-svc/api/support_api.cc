#include "support-svc/api/support_api.h"

#include <soci/soci.h>

#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/update_mask.h"
#include "platform/rpc/import.h"
#include "platform/rpc/report.h"
#include "platform/core/local_authority.h"
#include "support-svc/domain/support_activity.h"
#include "support-svc/api/support_request_mapping.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;
using platform::Reach;
using platform::Role;

// Support workers reach the requests of their local authorities, and those whose
// authority is not yet known (every support worker, until one is recorded). (The
// requester as a scope key, for families reaching their own requests, needs the
// requester's household or party on the record: not in the v1 contract yet.)
void AddGauges(platform::DatabaseGauges& gauges, SupportRequestStore* requests, AsfApplicationStore* asf,
               FeedbackStore* feedback, const platform::StatutoryTable* statutory, const platform::Clock* clock) {
  gauges.Add("support_calls_overdue",
             "Support requests whose support & advice call is past its due day (the configured working days after "
             "the request) and not held.",
             [requests, clock](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(requests->CountCallsOverdue(sql, clock->Today()));
             });
  gauges.Add("support_asf_decisions_overdue",
             "Adoption Support Fund applications submitted and past their decision due day, undecided.",
             [asf, clock](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(asf->CountDecisionsOverdue(sql, clock->Today()));
             });
  gauges.Add("support_complaints_overdue",
             "Complaints whose current stage's response (stage 1 or 2) is past its due day.",
             [feedback, clock](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(feedback->CountComplaintsOverdue(sql, clock->Today()));
             });
  auto this_year = [asf, clock](soci::session& sql) {
    return asf->YearSpend(sql, platform::FinancialYear::Of(clock->Today()).Label());
  };
  gauges.AddEach("support_asf_spend_pence",
                 "This financial year's Adoption Support Fund spend on applications that count against the limits: "
                 "the fund's part and the agency's match funding.",
                 "part", [this_year](soci::session& sql) -> absl::StatusOr<std::map<std::string, double>> {
                   AsfYearSpend spend = this_year(sql);
                   return std::map<std::string, double>{{"fund", static_cast<double>(spend.fund)},
                                                       {"match", static_cast<double>(spend.match)}};
                 });
  gauges.Add("support_asf_children_funded", "Children with Adoption Support Fund spend this financial year.",
             [this_year](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(this_year(sql).children);
             });
  gauges.Add("support_asf_child_highest_pence",
             "The most the Adoption Support Fund pays for one child this financial year (against the per-child "
             "limits).",
             [this_year](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(this_year(sql).highest);
             });
  gauges.AddEach("support_asf_limit_pence",
                 "The fair access limits per child per financial year in force today (therapy, specialist "
                 "assessment, or one total).",
                 "limit", [statutory, clock](soci::session&) -> absl::StatusOr<std::map<std::string, double>> {
                   ASSIGN_OR_RETURN(FairAccessRules rules, FairAccessRules::On(*statutory, clock->Today()));
                   std::map<std::string, double> limits;
                   if (rules.therapy_limit) limits["therapy"] = static_cast<double>(*rules.therapy_limit);
                   if (rules.assessment_limit) limits["assessment"] = static_cast<double>(*rules.assessment_limit);
                   if (rules.total_limit) limits["total"] = static_cast<double>(*rules.total_limit);
                   return limits;
                 });
}

const platform::PolicyTable& Policies() {
  static const platform::PolicyTable table({
      // An adoptive family asks through the gateway for its own household, and reads its
      // own requests.
      {"CreateSupportRequest",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kAdopter, Reach::kHousehold}}},
      {"GetSupportRequest",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"ListSupportRequests",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"UpdateSupportRequest", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      // The agency applies to the fund for its authorities' children; managers and
      // finance officers read the applications (the money), across the agency.
      {"CreateAsfApplication", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"SubmitAsfApplication", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"ApproveAsfApplication", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"DeclineAsfApplication", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"StartAsfDelivery", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"CompleteAsfApplication", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"GetAsfApplication",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kFinanceOfficer, Reach::kAgency}}},
      {"ListAsfApplications",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kFinanceOfficer, Reach::kAgency}}},
      {"ReportAsfFunding",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kFinanceOfficer, Reach::kAgency}}},
      {"ReportSupportActivity",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      // Assessments of need are their authority's support workers' work; managers
      // read them across the agency.
      {"CreateAssessmentOfNeed", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      // The family reads its own assessments and support plans.
      {"GetAssessmentOfNeed",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"ListAssessmentsOfNeed",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"StartAssessmentOfNeed", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"CompleteAssessmentOfNeed", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"CloseAssessmentOfNeed", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"ReviewSupportPlan", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      // Allowances are their paying authority's support workers' work; managers and
      // finance officers (the payments) read them across the agency and set budgets.
      {"CreateAdoptionAllowance", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"ReviewAdoptionAllowance", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"SuspendAdoptionAllowance", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"ResumeAdoptionAllowance", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"EndAdoptionAllowance", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"GetAdoptionAllowance",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kFinanceOfficer, Reach::kAgency}}},
      {"ListAdoptionAllowances",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kFinanceOfficer, Reach::kAgency}}},
      {"SetAllowanceBudget", platform::AgencyWide({Role::kManager, Role::kFinanceOfficer})},
      {"ReportAllowances",
       {{Role::kSupportWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kFinanceOfficer, Reach::kAgency}}},
      // Birth records and intermediary requests are the support workers' of the
      // authority holding the records; managers read them across the agency.
      {"CreateRecordsAccessRequest", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"GetRecordsAccessRequest",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ListRecordsAccessRequests",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"RecordCounsellingSession", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"CompleteCounselling", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"SeekRecords", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"ShareRecords", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"CloseRecordsAccessRequest", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      // Complaints and compliments are recorded and answered by the authority's support
      // workers; managers read them, and answer and escalate them, across the agency.
      {"CreateFeedback", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"GetFeedback", {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ListFeedback", {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"RespondToComplaint",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"EscalateComplaint",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"CloseFeedback", {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      // The families support serves, by their placing authority.
      {"GetAdoptiveFamily",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ListAdoptiveFamilies",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      // Disruption reviews are arranged and recorded by the placing authority's
      // support workers; managers read them across the agency.
      {"GetDisruptionReview",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ListDisruptionReviews",
       {{Role::kSupportWorker, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ScheduleDisruptionReview", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      {"RecordDisruptionReview", {{Role::kSupportWorker, Reach::kLocalAuthorities}}},
      // An old system's history is carried over by a manager, as in every context.
      {"ImportSupportRequest", platform::AgencyWide({Role::kManager})},
      {"ImportAssessmentOfNeed", platform::AgencyWide({Role::kManager})},
  });
  return table;
}

namespace {
constexpr const auto& kResource = kSupportRequestResource;
constexpr char kPrefix[] = "support_request.";

// The fields UpdateSupportRequest may change; ReviseSupportRequest judges the status
// change against the request's table of allowed changes.
const platform::UpdatableFields<SupportRequestDetails>& Updatable() {
  using D = SupportRequestDetails;
  static const platform::UpdatableFields<D> fields({
      {"requester_kind", &D::requester_kind},
      {"requester", &D::requester},
      {"channel", &D::channel},
      {"received_date", &D::received_date},
      {"summary", &D::summary},
      {"local_authority", &D::local_authority},
      {"triage", &D::triage},
      {"support_call_date", &D::support_call_date},
      {"status", &D::status},
      {"outcome", &D::outcome},
      {"household", &D::household_id},
  });
  return fields;
}

// A support request is scoped by its local authority.
platform::RecordScope ScopeOf(const SupportRequestDetails& d) {
  return {.local_authorities = {d.local_authority},
          .household = d.household_id,
          .unallocated = d.local_authority.empty()};
}
}  // namespace

pb::SupportRequest SupportApi::Show(const SupportRequest& r) const { return Shown(r, clock_->Today(), *calendar_); }

grpc::Status SupportApi::CreateSupportRequest(Ctx* ctx, const pb::CreateSupportRequestRequest* request,
                                              pb::SupportRequest* response) {
  return rpc_->Run(ctx, "CreateSupportRequest", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_support_request(), "support_request", "is required");
    SupportRequestDetails details = DetailsFromProto(request->support_request(), kPrefix, v);
    const platform::Date today = clock_->Today();
    const SupportRules rules = RulesOn(details.received_date);
    ValidateDetails(details, today, rules, kPrefix, v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(ScopeOf(details)));

    SupportRequest created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        absl::StatusOr<SupportRequest> r = ReceiveSupportRequest(platform::NewId(), details, call.principal().subject,
                                                                 clock_->NowMicros(), today, rules);
        if (!r.ok()) return absl::StatusOr<std::string>(r.status());
        requests_->Insert(tx, *r);
        call.Emit(tx, kResource, r->id, ReceivedEvent(*r));
        return absl::StatusOr<std::string>(r->id);
      }));
      auto r = requests_->Get(tx, id);
      if (!r) return absl::InternalError("support request recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(r->details)));
      call.Audit(tx, kResource, id);
      created = *std::move(r);
      return absl::OkStatus();
    }));
    *response = Show(created);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::GetSupportRequest(Ctx* ctx, const pb::GetSupportRequestRequest* request,
                                           pb::SupportRequest* response) {
  return rpc_->Run(ctx, "GetSupportRequest", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "supportRequests", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto r = requests_->Get(sql, id);
      if (!r) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(r->details), request->name()));
      call.AuditRead(kResource, id);
      *response = Show(*r);
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListSupportRequests(Ctx* ctx, const pb::ListSupportRequestsRequest* request,
                                             pb::ListSupportRequestsResponse* response) {
  return rpc_->Run(ctx, "ListSupportRequests", [&](Call& call) -> absl::Status {
    platform::Validation v;
    SupportRequestQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(
        request->filter(), {"requester_kind", "channel", "triage", "status", "local_authority"}, v);
    query.requester_kind = platform::EnumFilter<RequesterKind>(filter, "requester_kind", pb::RequesterKind_descriptor(), v);
    query.channel = platform::EnumFilter<Channel>(filter, "channel", pb::Channel_descriptor(), v);
    query.triage = platform::EnumFilter<Triage>(filter, "triage", pb::Triage_descriptor(), v);
    query.status = platform::EnumFilter<SupportRequestStatus>(filter, "status", pb::SupportRequestStatus_descriptor(), v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<SupportRequest> page = requests_->List(sql, query);
      for (const auto& r : page) {
        call.AuditRead(kResource, r.id);
        *response->add_support_requests() = Show(r);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::UpdateSupportRequest(Ctx* ctx, const pb::UpdateSupportRequestRequest* request,
                                              pb::SupportRequest* response) {
  return rpc_->Run(ctx, "UpdateSupportRequest", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::SupportRequest& in = request->support_request();
    std::string id = platform::IdFromName(in.name(), "supportRequests", "support_request.name", v);
    long long version = platform::ParseEtag(in.etag(), "support_request.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), Updatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    ASSIGN_OR_RETURN(
        SupportRequest updated,
        platform::ChangeRecord(
            call, *db_, *requests_, in.name(), id, version,
            [](const SupportRequest& r) { return ScopeOf(r.details); },
            [&](SupportRequest& r, soci::session&) {
              // Read every field so shape errors are reported, then take the masked ones;
              // only violations in masked fields count, and the result is judged whole.
              platform::Validation fields;
              SupportRequestDetails given = DetailsFromProto(in, kPrefix, fields);
              SupportRequestDetails revised = Updatable().Apply(paths, given, r.details);
              const SupportRules rules = RulesOn(revised.received_date);
              return ReviseSupportRequest(r, std::move(revised), rules,
                                          platform::RevisionBy(call.principal().subject, *clock_), kPrefix,
                                          platform::MaskedViolations(fields, kPrefix, paths));
            },
            [&](const SupportRequest& r, soci::session& tx) { call.Audit(tx, kResource, r.id); }));
    *response = Show(updated);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ImportSupportRequest(Ctx* ctx, const pb::ImportSupportRequestRequest* request,
                                              pb::ImportSupportRequestResponse* response) {
  return rpc_->Run(ctx, "ImportSupportRequest", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "support request", v);
    v.Check(request->has_support_request(), "support_request", "is required");
    SupportRequestDetails details = DetailsFromProto(request->support_request(), kPrefix, v);
    const SupportRules rules = RulesOn(details.received_date);
    ValidateDetails(details, today, rules, kPrefix, v);
    const std::optional<platform::Date> closed =
        platform::OptionalDateFromProto(request->closed_date(), "closed_date", v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(ScopeOf(details)));
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(SupportRequest given,
                     ReceiveSupportRequest(platform::NewId(), details, by.actor, by.at, today, rules));
    RETURN_IF_ERROR(CloseOnRecordedDay(given, closed, today, "closed_date"));

    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      if (std::optional<SupportRequest> stored = requests_->FindBySource(tx, source_id)) {
        if (!SameRequest(*stored, given)) {
          return platform::FailedPrecondition(
              "another support request was imported under this source_id",
              {{"IMPORT", absl::StrCat("source_id ", source_id),
                absl::StrCat("the stored ", SupportRequestName(stored->id),
                             " differs; an import does not change a recorded request")}});
        }
        RETURN_IF_ERROR(call.Reveal(ScopeOf(stored->details), SupportRequestName(stored->id)));
        call.Audit(tx, kResource, stored->id);
        *response->mutable_support_request() = Show(*stored);
        response->set_result(adoption::type::v1::IMPORT_RESULT_UNCHANGED);
        return absl::OkStatus();
      }
      requests_->Insert(tx, given, source_id);
      call.Emit(tx, kResource, given.id, ReceivedEvent(given));
      call.Audit(tx, kResource, given.id);
      *response->mutable_support_request() = Show(given);
      response->set_result(adoption::type::v1::IMPORT_RESULT_CREATED);
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ReportSupportActivity(Ctx* ctx, const pb::ReportSupportActivityRequest* request,
                                               pb::SupportActivity* response) {
  return rpc_->Run(ctx, "ReportSupportActivity", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Period period = platform::PeriodFromProto(request->period(), request->has_period(), "period", v);
    const std::optional<std::string> la = platform::ReportLocalAuthority(request->local_authority(), v);
    RETURN_IF_ERROR(v.Status());
    std::vector<SupportRequest> requests;
    std::vector<AssessmentOfNeed> assessments;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      requests = requests_->ReceivedIn(sql, period, la, call.coverage());
      assessments = assessments_.ActiveIn(sql, period, la, call.coverage());
      call.AuditRead("reports", "support-activity");
      return absl::OkStatus();
    }));
    ASSIGN_OR_RETURN(SupportActivity activity,
                     MeasureSupportActivity(requests, assessments, period, *calendar_,
                                            platform::PrecisionFromProto(request->precision())));
    auto to_proto = [](const SupportActivityFigures& f, pb::SupportActivityFigures* out) {
      out->set_local_authority(f.local_authority);
      out->set_month(f.month);
      out->set_requests(f.requests);
      out->set_support_calls(f.support_calls);
      *out->mutable_calls_within_timescale() = platform::ShareToProto(f.calls_within_timescale);
      if (f.mean_working_days_to_call) {
        out->mutable_mean_working_days_to_call()->set_value(*f.mean_working_days_to_call);
      }
      out->set_assessments_requested(f.assessments_requested);
      out->set_assessments_started(f.assessments_started);
      out->set_assessments_completed(f.assessments_completed);
      if (f.mean_days_waiting_for_assessment) {
        out->mutable_mean_days_waiting_for_assessment()->set_value(*f.mean_days_waiting_for_assessment);
      }
    };
    *response->mutable_period() = platform::PeriodToProto(period);
    response->set_local_authority(la.value_or(""));
    for (const auto& f : activity.months) to_proto(f, response->add_months());
    for (const auto& f : activity.local_authorities) to_proto(f, response->add_local_authorities());
    to_proto(activity.total, response->mutable_total());
    return absl::OkStatus();
  });
}

}  // namespace support
