// SupportService's adoptive families (docs/domain.md §4): read-only, as family finding's
// events tell of them (family_events.cc).
#include <soci/soci.h>

#include "platform/core/status_macros.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "support-svc/api/family_mapping.h"
#include "support-svc/api/support_api.h"

namespace support {

namespace pb = adoption::support::v1;
using platform::Call;

namespace {
constexpr const auto& kResource = kAdoptiveFamilyResource;
constexpr char kCollection[] = "adoptiveFamilies";

// A family is its placing authority's; with none known, every support worker's.
platform::RecordScope ScopeOf(const AdoptiveFamily& f) {
  return {.local_authorities = {f.local_authority}, .unallocated = f.local_authority.empty()};
}
}  // namespace

grpc::Status SupportApi::GetAdoptiveFamily(Ctx* ctx, const pb::GetAdoptiveFamilyRequest* request,
                                           pb::AdoptiveFamily* response) {
  return rpc_->Run(ctx, "GetAdoptiveFamily", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), kCollection, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<AdoptiveFamily> f = families_.Get(sql, id);
      if (!f) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(*f), request->name()));
      call.AuditRead(kResource, id);
      *response = ToProto(*f, clock_->Today());
      return absl::OkStatus();
    });
  });
}

grpc::Status SupportApi::ListAdoptiveFamilies(Ctx* ctx, const pb::ListAdoptiveFamiliesRequest* request,
                                              pb::ListAdoptiveFamiliesResponse* response) {
  return rpc_->Run(ctx, "ListAdoptiveFamilies", [&](Call& call) -> absl::Status {
    platform::Validation v;
    FamilyQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"local_authority", "status", "household", "child"}, v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    query.status = platform::EnumFilter<FamilyStatus>(filter, "status", pb::FamilyStatus_descriptor(), v);
    if (const std::string* h = filter.Find("household")) {
      query.household_id = platform::IdFromName(*h, "households", "filter", v);
    }
    if (const std::string* c = filter.Find("child")) query.child_id = platform::IdFromName(*c, "children", "filter", v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    const platform::Date today = clock_->Today();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<AdoptiveFamily> page = families_.List(sql, query);
      for (const auto& f : page) {
        call.AuditRead(kResource, f.id);
        *response->add_adoptive_families() = ToProto(f, today);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

}  // namespace support
