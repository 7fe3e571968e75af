// FamilyFindingService's anonymised child profiles for partner agencies (docs/domain.md
// §2 "Partner agencies"): the children still looking for a family, without anything
// that identifies them.
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/child_profile.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

namespace {

pb::ChildProfile ToProto(const AnonymisedChild& p) {
  pb::ChildProfile out;
  out.set_name(absl::StrCat("childProfiles/", p.child_id));
  out.set_age_band(p.age_band);
  out.set_sex(platform::EnumToProto<pb::Sex>(p.sex));
  out.set_ethnicity(p.ethnicity);
  out.set_disability(p.disability);
  out.set_children_to_place(p.children_to_place);
  out.set_early_permanence(p.early_permanence);
  out.set_region(p.region);
  out.set_placement_authorised(p.placement_authorised);
  out.set_months_waiting(p.months_waiting);
  return out;
}

}  // namespace

platform::Coverage FamilyFindingApi::ProfileCoverage(const Call& call) const {
  platform::Coverage c = call.coverage();
  if (!c.partner_agency.empty()) {
    // Profiles are shared with this agency's partners (config/agency.tsv), every one.
    const bool partner = agency_->FindPartner(c.partner_agency) != nullptr;
    c.partner_agency.clear();
    if (partner) return platform::Coverage::Everything();
  }
  return c;
}

absl::StatusOr<std::optional<AnonymisedChild>> FamilyFindingApi::ProfileOf(soci::session& tx, const Child& child,
                                                                          platform::Date today) {
  if (!OfferedToPartners(child)) return std::optional<AnonymisedChild>();
  // Siblings are counted whoever asks (only their number is shown).
  return AnonymisedProfile(child, ToPlace(child, SiblingsOf(platform::Coverage::Everything(), tx, child, today), today),
                           agency_->RegionOf(child.details.local_authority), today);
}

grpc::Status FamilyFindingApi::ListChildProfiles(Ctx* ctx, const pb::ListChildProfilesRequest* request,
                                                 pb::ListChildProfilesResponse* response) {
  return rpc_->Run(ctx, "ListChildProfiles", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    ChildQuery query;
    query.on = today;
    query.page = call.ParsePage(request->page_size(), request->page_token(), "", v);
    RETURN_IF_ERROR(v.Status());
    query.offered_to_partners = true;
    query.coverage = ProfileCoverage(call);
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Child> page = children_->List(sql, query);
      for (const auto& c : page) {
        ASSIGN_OR_RETURN(std::optional<AnonymisedChild> p, ProfileOf(sql, c, today));
        if (!p) continue;
        call.AuditRead(kChild, c.id);
        *response->add_child_profiles() = ToProto(*p);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::GetChildProfile(Ctx* ctx, const pb::GetChildProfileRequest* request,
                                               pb::ChildProfile* response) {
  return rpc_->Run(ctx, "GetChildProfile", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "childProfiles", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto c = children_->Get(sql, id);
      if (!c || !ProfileCoverage(call).Covers(ScopeOf(c->details))) return platform::NotFound(request->name());
      ASSIGN_OR_RETURN(std::optional<AnonymisedChild> p, ProfileOf(sql, *c, clock_->Today()));
      if (!p) return platform::NotFound(request->name());
      call.AuditRead(kChild, id);
      *response = ToProto(*p);
      return absl::OkStatus();
    });
  });
}

}  // namespace familyfinding
