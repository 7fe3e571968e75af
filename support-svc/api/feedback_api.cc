// SupportService's complaints and compliments (docs/domain.md §4): a complaint through
// its statutory stages, each answered by its due day; a compliment recorded.
#include <soci/soci.h>

#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "support-svc/api/feedback_mapping.h"
#include "support-svc/api/support_api.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr char kResource[] = "feedback";
constexpr char kCollection[] = "feedback";
constexpr char kPrefix[] = "feedback.";

// Feedback is its authority's; with none recorded, every support worker's.
platform::RecordScope ScopeOf(const Feedback& f) {
  const std::string& la = f.details.local_authority;
  return {.local_authorities = {la}, .unallocated = la.empty()};
}
}  // namespace

absl::StatusOr<ComplaintRules> SupportApi::ComplaintRulesOn(platform::Date day) const {
  return ComplaintRules::On(*statutory_, *calendar_, day);
}

grpc::Status SupportApi::CreateFeedback(Ctx* ctx, const pb::CreateFeedbackRequest* request, pb::Feedback* response) {
  return rpc_->Run(ctx, "CreateFeedback", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_feedback(), "feedback", "is required");
    FeedbackDetails details = FeedbackDetailsFromProto(request->feedback(), kPrefix, v);
    const platform::Date today = clock_->Today();
    ValidateFeedbackDetails(details, today, kPrefix, v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold({.local_authorities = {details.local_authority},
                                  .unallocated = details.local_authority.empty()}));
    // The timescales in force on the day it was received.
    ASSIGN_OR_RETURN(ComplaintRules rules, ComplaintRulesOn(details.received_date));

    Feedback created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
                                                              ASSIGN_OR_RETURN(
                                                                  Feedback f,
                                                                  ReceiveFeedback(platform::NewId(), details, rules,
                                                                                  call.principal().subject,
                                                                                  clock_->NowMicros()));
                                                              feedback_.Insert(tx, f);
                                                              return f.id;
                                                            }));
      std::optional<Feedback> f = feedback_.Get(tx, id);
      if (!f) return absl::InternalError("feedback recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(*f)));
      call.Audit(tx, kResource, id);
      created = *std::move(f);
      return absl::OkStatus();
    }));
    *response = ToProto(created, today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::GetFeedback(Ctx* ctx, const pb::GetFeedbackRequest* request, pb::Feedback* response) {
  return rpc_->Run(ctx, "GetFeedback", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), kCollection, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<Feedback> f = feedback_.Get(sql, id);
      if (!f) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*f), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*f, clock_->Today());
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListFeedback(Ctx* ctx, const pb::ListFeedbackRequest* request,
                                      pb::ListFeedbackResponse* response) {
  return rpc_->Run(ctx, "ListFeedback", [&](Call& call) -> absl::Status {
    platform::Validation v;
    FeedbackQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"kind", "status", "local_authority", "response_overdue"}, v);
    query.kind = platform::EnumFilter<FeedbackKind>(filter, "kind", pb::FeedbackKind_descriptor(), v);
    query.status = platform::EnumFilter<FeedbackStatus>(filter, "status", pb::FeedbackStatus_descriptor(), v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    const platform::Date today = clock_->Today();
    if (platform::BoolFilter(filter, "response_overdue", v).value_or(false)) query.overdue_on = today;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Feedback> page = feedback_.List(sql, query);
      for (const auto& f : page) {
        call.AuditRead(kResource, f.id);
        *response->add_feedback() = ToProto(f, today);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::RespondToComplaint(Ctx* ctx, const pb::RespondToComplaintRequest* request,
                                            pb::Feedback* response) {
  return rpc_->Run(ctx, "RespondToComplaint", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->responded_date(), "responded_date", v);
    const std::optional<ComplaintOutcome> outcome =
        platform::EnumFromProto<ComplaintOutcome>(request->outcome(), pb::ComplaintOutcome_IsValid);
    const std::string answer =
        platform::CleanText(request->response(), platform::TextKind::kMultiLine, "response", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Feedback f, ChangeNamed(call, feedback_, kCollection, kResource, request->name(),
                                             request->etag(), std::move(v), ScopeOf, [&](Feedback& f) {
                                               return support::RespondToComplaint(f, day, outcome, answer, by);
                                             }));
    *response = ToProto(f, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::EscalateComplaint(Ctx* ctx, const pb::EscalateComplaintRequest* request,
                                           pb::Feedback* response) {
  return rpc_->Run(ctx, "EscalateComplaint", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->escalated_date(), "escalated_date", v);
    std::optional<ComplaintRules> rules;
    if (v.ok()) {
      // The next stage's timescale is the one in force on the day it opens.
      ASSIGN_OR_RETURN(rules, ComplaintRulesOn(day));
    }
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Feedback f, ChangeNamed(call, feedback_, kCollection, kResource, request->name(),
                                             request->etag(), std::move(v), ScopeOf, [&](Feedback& f) {
                                               return support::EscalateComplaint(f, day, *rules, by);
                                             }));
    *response = ToProto(f, by.today);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::CloseFeedback(Ctx* ctx, const pb::CloseFeedbackRequest* request, pb::Feedback* response) {
  return rpc_->Run(ctx, "CloseFeedback", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->closed_date(), "closed_date", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Feedback f, ChangeNamed(call, feedback_, kCollection, kResource, request->name(),
                                             request->etag(), std::move(v), ScopeOf,
                                             [&](Feedback& f) { return support::CloseFeedback(f, day, by); }));
    *response = ToProto(f, by.today);
    return absl::OkStatus();
  });
}

}  // namespace support
