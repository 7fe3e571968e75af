// SupportService's access to birth records and intermediary requests (docs/domain.md
// §4): the queue with those adopted before 12 November 1975 first, counselling before
// the records where the law requires it, the sessions counted, each step a verb.
#include <soci/soci.h>

#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "support-svc/api/records_mapping.h"
#include "support-svc/api/support_api.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr char kResource[] = "records_access_request";
constexpr char kCollection[] = "recordsAccessRequests";
constexpr char kPrefix[] = "records_access_request.";

// A request is its authority's; one whose authority is not known yet is every
// support worker's until it is.
platform::RecordScope ScopeOf(const RecordsAccessRequest& r) {
  const std::string& la = r.details.local_authority;
  return {.local_authorities = {la}, .unallocated = la.empty()};
}
}  // namespace

grpc::Status SupportApi::CreateRecordsAccessRequest(Ctx* ctx, const pb::CreateRecordsAccessRequestRequest* request,
                                                    pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "CreateRecordsAccessRequest", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_records_access_request(), "records_access_request", "is required");
    RecordsAccessDetails details = RecordsAccessDetailsFromProto(request->records_access_request(), kPrefix, v);
    ValidateRecordsAccessDetails(details, clock_->Today(), kPrefix, v);
    RETURN_IF_ERROR(v.Status());
    const RecordsAccessRequest draft = ReceiveRecordsAccessRequest("", details, "", 0);
    RETURN_IF_ERROR(call.MayHold(ScopeOf(draft)));

    RecordsAccessRequest created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
                                                              RecordsAccessRequest r = ReceiveRecordsAccessRequest(
                                                                  platform::NewId(), details,
                                                                  call.principal().subject, clock_->NowMicros());
                                                              records_.Insert(tx, r);
                                                              return r.id;
                                                            }));
      std::optional<RecordsAccessRequest> r = records_.Get(tx, id);
      if (!r) return absl::InternalError("records access request recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(*r)));
      call.Audit(tx, kResource, id);
      created = *std::move(r);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::GetRecordsAccessRequest(Ctx* ctx, const pb::GetRecordsAccessRequestRequest* request,
                                                 pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "GetRecordsAccessRequest", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), kCollection, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<RecordsAccessRequest> r = records_.Get(sql, id);
      if (!r) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*r), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*r);
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListRecordsAccessRequests(Ctx* ctx, const pb::ListRecordsAccessRequestsRequest* request,
                                                   pb::ListRecordsAccessRequestsResponse* response) {
  return rpc_->Run(ctx, "ListRecordsAccessRequests", [&](Call& call) -> absl::Status {
    platform::Validation v;
    RecordsAccessQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(
        request->filter(), {"status", "kind", "adopted_before_12_nov_1975", "local_authority"}, v);
    query.status =
        platform::EnumFilter<RecordsAccessStatus>(filter, "status", pb::RecordsAccessStatus_descriptor(), v);
    query.kind = platform::EnumFilter<RecordsAccessKind>(filter, "kind", pb::RecordsAccessKind_descriptor(), v);
    query.adopted_before_12_nov_1975 = platform::BoolFilter(filter, "adopted_before_12_nov_1975", v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<RecordsAccessRequest> page = records_.List(sql, query);
      for (const auto& r : page) {
        call.AuditRead(kResource, r.id);
        *response->add_records_access_requests() = ToProto(r);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::RecordCounsellingSession(Ctx* ctx, const pb::RecordCounsellingSessionRequest* request,
                                                  pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "RecordCounsellingSession", [&](Call& call) -> absl::Status {
    platform::Validation v;
    v.Check(request->has_session(), "session", "is required");
    CounsellingSession session = SessionFromProto(request->session(), "session.", v);
    std::optional<int> limit;
    if (v.ok()) {
      // The agency's number in force on the day of the session.
      absl::StatusOr<long long> n = statutory_->ValueOn(kCommissionedCounsellingSessions, session.held);
      if (!n.ok()) {
        return absl::FailedPreconditionError(
            absl::StrCat("the number of commissioned counselling sessions (", kCommissionedCounsellingSessions,
                         ") is not configured for ", platform::FormatDate(session.held)));
      }
      limit = static_cast<int>(*n);
    }
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(RecordsAccessRequest r,
                     ChangeNamed(call, records_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](RecordsAccessRequest& r) {
                                   return support::RecordCounsellingSession(r, session, *limit, by);
                                 }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::CompleteCounselling(Ctx* ctx, const pb::CompleteCounsellingRequest* request,
                                             pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "CompleteCounselling", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->completed_date(), "completed_date", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(RecordsAccessRequest r,
                     ChangeNamed(call, records_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](RecordsAccessRequest& r) {
                                   return support::CompleteCounselling(r, day, by);
                                 }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::SeekRecords(Ctx* ctx, const pb::SeekRecordsRequest* request,
                                     pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "SeekRecords", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->sought_date(), "sought_date", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(RecordsAccessRequest r,
                     ChangeNamed(call, records_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf,
                                 [&](RecordsAccessRequest& r) { return support::SeekRecords(r, day, by); }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::ShareRecords(Ctx* ctx, const pb::ShareRecordsRequest* request,
                                      pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "ShareRecords", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->shared_date(), "shared_date", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(RecordsAccessRequest r,
                     ChangeNamed(call, records_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf,
                                 [&](RecordsAccessRequest& r) { return support::ShareRecords(r, day, by); }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::CloseRecordsAccessRequest(Ctx* ctx, const pb::CloseRecordsAccessRequestRequest* request,
                                                   pb::RecordsAccessRequest* response) {
  return rpc_->Run(ctx, "CloseRecordsAccessRequest", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->closed_date(), "closed_date", v);
    const std::string reason =
        platform::CleanText(request->reason(), platform::TextKind::kSingleLine, "reason", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(RecordsAccessRequest r,
                     ChangeNamed(call, records_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](RecordsAccessRequest& r) {
                                   return CloseRecordsAccess(r, day, reason, by);
                                 }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

}  // namespace support
