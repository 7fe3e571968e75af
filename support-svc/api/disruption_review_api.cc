// SupportService's disruption reviews (docs/domain.md §4): made due by a disrupted
// placement (family_events.cc), arranged with their chair and recorded.
#include <soci/soci.h>

#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "support-svc/api/family_mapping.h"
#include "support-svc/api/support_api.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr const auto& kResource = kDisruptionReviewResource;
constexpr char kCollection[] = "disruptionReviews";

// A review is the placing authority's; with none known, every support worker's.
platform::RecordScope ScopeOf(const DisruptionReview& r) {
  return {.local_authorities = {r.local_authority}, .unallocated = r.local_authority.empty()};
}
}  // namespace

grpc::Status SupportApi::GetDisruptionReview(Ctx* ctx, const pb::GetDisruptionReviewRequest* request,
                                             pb::DisruptionReview* response) {
  return rpc_->Run(ctx, "GetDisruptionReview", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), kCollection, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<DisruptionReview> r = disruption_reviews_.Get(sql, id);
      if (!r) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*r), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*r);
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListDisruptionReviews(Ctx* ctx, const pb::ListDisruptionReviewsRequest* request,
                                               pb::ListDisruptionReviewsResponse* response) {
  return rpc_->Run(ctx, "ListDisruptionReviews", [&](Call& call) -> absl::Status {
    platform::Validation v;
    DisruptionReviewQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(request->filter(), {"status", "local_authority"}, v);
    query.status =
        platform::EnumFilter<DisruptionReviewStatus>(filter, "status", pb::DisruptionReviewStatus_descriptor(), v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<DisruptionReview> page = disruption_reviews_.List(sql, query);
      for (const auto& r : page) {
        call.AuditRead(kResource, r.id);
        *response->add_disruption_reviews() = ToProto(r);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ScheduleDisruptionReview(Ctx* ctx, const pb::ScheduleDisruptionReviewRequest* request,
                                                  pb::DisruptionReview* response) {
  return rpc_->Run(ctx, "ScheduleDisruptionReview", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->scheduled_date(), "scheduled_date", v);
    const std::string chair = platform::CleanText(request->chair(), platform::TextKind::kSingleLine, "chair", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(DisruptionReview r,
                     ChangeNamed(call, disruption_reviews_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](DisruptionReview& r) {
                                   return support::ScheduleDisruptionReview(r, day, chair, by);
                                 }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

grpc::Status SupportApi::RecordDisruptionReview(Ctx* ctx, const pb::RecordDisruptionReviewRequest* request,
                                                pb::DisruptionReview* response) {
  return rpc_->Run(ctx, "RecordDisruptionReview", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date held = platform::DateFromProto(request->held_date(), "held_date", v);
    const std::string chair = platform::CleanText(request->chair(), platform::TextKind::kSingleLine, "chair", v);
    const std::string findings =
        platform::CleanText(request->findings(), platform::TextKind::kMultiLine, "findings", v);
    const std::string recommendations =
        platform::CleanText(request->recommendations(), platform::TextKind::kMultiLine, "recommendations", v);
    const platform::Revision by = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(DisruptionReview r,
                     ChangeNamed(call, disruption_reviews_, kCollection, kResource, request->name(), request->etag(),
                                 std::move(v), ScopeOf, [&](DisruptionReview& r) {
                                   return support::RecordDisruptionReview(r, held, chair, findings, recommendations,
                                                                          by);
                                 }));
    *response = ToProto(r);
    return absl::OkStatus();
  });
}

}  // namespace support
