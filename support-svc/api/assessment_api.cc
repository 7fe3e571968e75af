// SupportService's assessments of need (docs/domain.md §4): requested (the family
// waits), started, completed with an outcome and a support plan, or closed; plans
// reviewed at their review dates; and assessments carried over from an old system.
#include <soci/soci.h>

#include "platform/core/ids.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/change.h"
#include "platform/rpc/import.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "support-svc/api/assessment_mapping.h"
#include "support-svc/api/support_api.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr const auto& kResource = kAssessmentOfNeedResource;
constexpr char kCollection[] = "assessmentsOfNeed";
constexpr char kPrefix[] = "assessment_of_need.";

// An assessment is its local authority's.
platform::RecordScope ScopeOf(const AssessmentOfNeed& a) {
  return {.local_authorities = {a.details.local_authority}, .household = a.details.household_id};
}
}  // namespace

absl::Status SupportApi::CheckRequestExists(soci::session& tx, const std::string& id, const std::string& field) {
  if (id.empty() || requests_->Get(tx, id)) return absl::OkStatus();
  platform::Validation v;
  v.Add(field, absl::StrCat("names no support request: supportRequests/", id, " is not recorded"));
  return v.Status();
}

grpc::Status SupportApi::CreateAssessmentOfNeed(Ctx* ctx, const pb::CreateAssessmentOfNeedRequest* request,
                                                pb::AssessmentOfNeed* response) {
  return rpc_->Run(ctx, "CreateAssessmentOfNeed", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_assessment_of_need(), "assessment_of_need", "is required");
    AssessmentDetails details = AssessmentDetailsFromProto(request->assessment_of_need(), kPrefix, v);
    const platform::Date today = clock_->Today();
    ValidateAssessmentDetails(details, today, kPrefix, v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold({.local_authorities = {details.local_authority}, .household = details.household_id}));

    AssessmentOfNeed created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
        RETURN_IF_ERROR(CheckRequestExists(tx, details.support_request_id, "assessment_of_need.support_request"));
        AssessmentOfNeed a =
            RecordAssessmentOfNeed(platform::NewId(), details, call.principal().subject, clock_->NowMicros());
        assessments_.Insert(tx, a);
        return a.id;
      }));
      std::optional<AssessmentOfNeed> a = assessments_.Get(tx, id);
      if (!a) return absl::InternalError("assessment recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(*a)));
      call.Audit(tx, kResource, id);
      created = *std::move(a);
      return absl::OkStatus();
    }));
    *response = ToProto(created, today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::GetAssessmentOfNeed(Ctx* ctx, const pb::GetAssessmentOfNeedRequest* request,
                                             pb::AssessmentOfNeed* response) {
  return rpc_->Run(ctx, "GetAssessmentOfNeed", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "assessmentsOfNeed", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<AssessmentOfNeed> a = assessments_.Get(sql, id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*a), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*a, clock_->Today());
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListAssessmentsOfNeed(Ctx* ctx, const pb::ListAssessmentsOfNeedRequest* request,
                                               pb::ListAssessmentsOfNeedResponse* response) {
  return rpc_->Run(ctx, "ListAssessmentsOfNeed", [&](Call& call) -> absl::Status {
    platform::Validation v;
    AssessmentQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"support_request", "local_authority", "status", "review_due"}, v);
    if (const std::string* r = filter.Find("support_request")) {
      query.support_request_id = platform::IdFromName(*r, "supportRequests", "filter", v);
    }
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    query.status = platform::EnumFilter<AssessmentStatus>(filter, "status", pb::AssessmentStatus_descriptor(), v);
    const platform::Date today = clock_->Today();
    if (platform::BoolFilter(filter, "review_due", v).value_or(false)) query.review_due_on = today;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<AssessmentOfNeed> page = assessments_.List(sql, query);
      for (const auto& a : page) {
        call.AuditRead(kResource, a.id);
        *response->add_assessments_of_need() = ToProto(a, today);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::StartAssessmentOfNeed(Ctx* ctx, const pb::StartAssessmentOfNeedRequest* request,
                                               pb::AssessmentOfNeed* response) {
  return rpc_->Run(ctx, "StartAssessmentOfNeed", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->start_date(), "start_date", v);
    const std::optional<platform::Date> target =
        platform::OptionalDateFromProto(request->target_date(), "target_date", v);
    const std::string worker =
        platform::CleanText(request->social_worker(), platform::TextKind::kSingleLine, "social_worker", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AssessmentOfNeed a,
                     ChangeNamed(call, assessments_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](AssessmentOfNeed& a) {
                       return StartAssessment(a, day, worker, target, by);
                     }));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::CompleteAssessmentOfNeed(Ctx* ctx, const pb::CompleteAssessmentOfNeedRequest* request,
                                                  pb::AssessmentOfNeed* response) {
  return rpc_->Run(ctx, "CompleteAssessmentOfNeed", [&](Call& call) -> absl::Status {
    platform::Validation v;
    AssessmentCompletion completion;
    completion.day = platform::DateFromProto(request->completed_date(), "completed_date", v);
    completion.outcome =
        platform::EnumFromProto<AssessmentOutcome>(request->outcome(), pb::AssessmentOutcome_IsValid);
    completion.needs = platform::CleanText(request->needs(), platform::TextKind::kMultiLine, "needs", v);
    completion.support_plan_summary =
        platform::CleanText(request->support_plan(), platform::TextKind::kMultiLine, "support_plan", v);
    if (request->has_plan()) completion.plan = PlanFromProto(request->plan(), "plan.", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AssessmentOfNeed a,
                     ChangeNamed(call, assessments_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](AssessmentOfNeed& a) {
                       return CompleteAssessment(a, completion, by);
                     }));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::CloseAssessmentOfNeed(Ctx* ctx, const pb::CloseAssessmentOfNeedRequest* request,
                                               pb::AssessmentOfNeed* response) {
  return rpc_->Run(ctx, "CloseAssessmentOfNeed", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->closed_date(), "closed_date", v);
    const std::string reason =
        platform::CleanText(request->reason(), platform::TextKind::kSingleLine, "reason", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AssessmentOfNeed a,
                     ChangeNamed(call, assessments_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](AssessmentOfNeed& a) {
                       return CloseAssessment(a, day, reason, by);
                     }));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ReviewSupportPlan(Ctx* ctx, const pb::ReviewSupportPlanRequest* request,
                                           pb::AssessmentOfNeed* response) {
  return rpc_->Run(ctx, "ReviewSupportPlan", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->reviewed_date(), "reviewed_date", v);
    v.Check(request->has_plan(), "plan", "is required: the plan as the review left it, with its next review date");
    SupportPlan plan = PlanFromProto(request->plan(), "plan.", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(AssessmentOfNeed a,
                     ChangeNamed(call, assessments_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](AssessmentOfNeed& a) {
                       return support::ReviewSupportPlan(a, day, plan, by);
                     }));
    *response = ToProto(a, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ImportAssessmentOfNeed(Ctx* ctx, const pb::ImportAssessmentOfNeedRequest* request,
                                                pb::ImportAssessmentOfNeedResponse* response) {
  return rpc_->Run(ctx, "ImportAssessmentOfNeed", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "assessment", v);
    v.Check(request->has_assessment_of_need(), "assessment_of_need", "is required");
    pb::AssessmentOfNeed given_proto = request->assessment_of_need();
    given_proto.clear_support_request();
    AssessmentDetails details = AssessmentDetailsFromProto(given_proto, kPrefix, v);
    ValidateAssessmentDetails(details, today, kPrefix, v);
    const std::string request_source =
        platform::CleanText(request->support_request_source_id(), platform::TextKind::kSingleLine,
                            "support_request_source_id", v);
    const std::optional<platform::Date> completed =
        platform::OptionalDateFromProto(request->completed_date(), "completed_date", v);
    const std::optional<platform::Date> closed =
        platform::OptionalDateFromProto(request->closed_date(), "closed_date", v);
    v.Check(!(completed && closed), "closed_date", "an assessment is completed or closed, not both");
    AssessmentCompletion completion;
    if (completed) {
      completion.day = *completed;
      completion.outcome =
          platform::EnumFromProto<AssessmentOutcome>(request->outcome(), pb::AssessmentOutcome_IsValid);
      if (request->has_plan()) completion.plan = PlanFromProto(request->plan(), "plan.", v);
    }
    const std::string reason =
        platform::CleanText(request->close_reason(), platform::TextKind::kSingleLine, "close_reason", v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold({.local_authorities = {details.local_authority}}));

    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      if (!request_source.empty()) {
        std::optional<SupportRequest> from = requests_->FindBySource(tx, request_source);
        if (!from) {
          platform::Validation missing;
          missing.Add("support_request_source_id",
                      absl::StrCat("no support request was imported with source_id ", request_source));
          return missing.Status();
        }
        details.support_request_id = from->id;
      }
      // The old system's steps, each by its verb's rules, as of the day they were taken.
      const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
      AssessmentOfNeed given = RecordAssessmentOfNeed(platform::NewId(), details, by.actor, by.at);
      if (completed) RETURN_IF_ERROR(CompleteAssessment(given, completion, by));
      if (closed) RETURN_IF_ERROR(CloseAssessment(given, *closed, reason, by));

      if (std::optional<AssessmentOfNeed> stored = assessments_.FindBySource(tx, source_id)) {
        if (!SameAssessment(*stored, given)) {
          return platform::FailedPrecondition(
              "another assessment was imported under this source_id",
              {{"IMPORT", absl::StrCat("source_id ", source_id),
                absl::StrCat("the stored ", AssessmentOfNeedName(stored->id),
                             " differs; an import does not change a recorded assessment")}});
        }
        RETURN_IF_ERROR(call.Reveal(ScopeOf(*stored), AssessmentOfNeedName(stored->id)));
        call.Audit(tx, kResource, stored->id);
        *response->mutable_assessment_of_need() = ToProto(*stored, today);
        response->set_result(adoption::type::v1::IMPORT_RESULT_UNCHANGED);
        return absl::OkStatus();
      }
      assessments_.Insert(tx, given, source_id);
      call.Audit(tx, kResource, given.id);
      *response->mutable_assessment_of_need() = ToProto(given, today);
      response->set_result(adoption::type::v1::IMPORT_RESULT_CREATED);
      return absl::OkStatus();
    });
  });
}

}  // namespace support
