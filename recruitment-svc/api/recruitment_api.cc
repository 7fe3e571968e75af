#include "recruitment-svc/api/recruitment_api.h"

#include <soci/soci.h>

#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/update_mask.h"
#include "recruitment-svc/api/household_mapping.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;
using platform::Call;
using platform::Reach;
using platform::Role;

const platform::PolicyTable& Policies() {
  // Workers reach the households of their local authorities; the panel's adviser and
  // the ADM hear cases from every borough of the agency; an adopter reaches their own.
  static const platform::PolicyTable table({
      {"CreateHousehold", {{Role::kRecruitmentWorker, Reach::kLocalAuthorities}}},
      {"GetHousehold",
       {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kPanelAdviser, Reach::kAgency},
        {Role::kDecisionMaker, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"ListHouseholds",
       {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"UpdateHousehold", {{Role::kRecruitmentWorker, Reach::kLocalAuthorities}}},
  });
  return table;
}

// familyfinding keeps a read model of households; the other contexts learn of
// households through panel decisions.
const platform::EventVisibility& EventVisibility() {
  static const platform::EventVisibility visibility = {
      {"familyfinding", {"adoption.events.v1.HouseholdRegistered", "adoption.events.v1.HouseholdDetailsChanged",
                         "adoption.events.v1.HouseholdStatusChanged"}},
      {"panel", {"adoption.events.v1.HouseholdReferredToPanel"}},
  };
  return visibility;
}

namespace {
constexpr char kResource[] = "household";

// The fields UpdateHousehold may change. The status is not one: verbs move it.
const platform::UpdatableFields<HouseholdDetails>& Updatable() {
  static const platform::UpdatableFields<HouseholdDetails> fields({
      {"applicants", &HouseholdDetails::applicants},
      {"family_structure", &HouseholdDetails::family_structure},
      {"home_local_authority", &HouseholdDetails::home_local_authority},
      {"enquiry_date", &HouseholdDetails::enquiry_date},
      {"second_time_adopters", &HouseholdDetails::second_time_adopters},
      {"foster_carers", &HouseholdDetails::foster_carers},
      {"connected_persons", &HouseholdDetails::connected_persons},
      {"early_permanence_interest", &HouseholdDetails::early_permanence_interest},
  });
  return fields;
}

// A household is scoped by its home local authority and its own id.
platform::RecordScope ScopeOf(const std::string& id, const HouseholdDetails& d) {
  return {.local_authorities = {d.home_local_authority}, .household = id};
}
}  // namespace

grpc::Status RecruitmentApi::CreateHousehold(Ctx* ctx, const pb::CreateHouseholdRequest* request,
                                             pb::Household* response) {
  return rpc_->Run(ctx, "CreateHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_household(), "household", "is required");
    HouseholdDetails details = DetailsFromProto(request->household(), "household.", v);
    ValidateDetails(details, clock_->Today(), "household.", v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(ScopeOf("", details)));

    Household created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<Household> fresh;
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        fresh = RegisterHousehold(platform::NewId(), details, call.principal().subject, clock_->NowMicros());
        households_->Insert(tx, *fresh);
        call.Emit(tx, kResource, fresh->id, RegisteredEvent(*fresh));
        return absl::StatusOr<std::string>(fresh->id);
      }));
      // A retry returns what the first call made; a new household is returned as written.
      std::optional<Household> h = fresh ? fresh : households_->Get(tx, id);
      if (!h) return absl::InternalError("household recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(h->id, h->details)));
      call.Audit(tx, kResource, id);
      created = *std::move(h);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::GetHousehold(Ctx* ctx, const pb::GetHouseholdRequest* request,
                                          pb::Household* response) {
  return rpc_->Run(ctx, "GetHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "households", "name", v);
    RETURN_IF_ERROR(v.Status());
    // A transaction, because the read of personal data is audited.
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      auto h = households_->Get(tx, id);
      if (!h) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(h->id, h->details), request->name()));
      call.Audit(tx, kResource, id);
      *response = ToProto(*h);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::ListHouseholds(Ctx* ctx, const pb::ListHouseholdsRequest* request,
                                            pb::ListHouseholdsResponse* response) {
  return rpc_->Run(ctx, "ListHouseholds", [&](Call& call) -> absl::Status {
    platform::Validation v;
    HouseholdQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"status", "home_local_authority", "family_structure"}, v);
    query.status = platform::EnumFilter<HouseholdStatus>(filter, "status", pb::HouseholdStatus_descriptor(), v);
    if (const std::string* la = filter.Find("home_local_authority")) query.home_local_authority = *la;
    query.family_structure =
        platform::EnumFilter<FamilyStructure>(filter, "family_structure", pb::FamilyStructure_descriptor(), v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::vector<Household> page = households_->List(tx, query);
      for (const auto& h : page) {
        call.Audit(tx, kResource, h.id);
        *response->add_households() = ToProto(h);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::UpdateHousehold(Ctx* ctx, const pb::UpdateHouseholdRequest* request,
                                             pb::Household* response) {
  return rpc_->Run(ctx, "UpdateHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::Household& in = request->household();
    std::string id = platform::IdFromName(in.name(), "households", "household.name", v);
    long long version = platform::ParseEtag(in.etag(), "household.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), Updatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    Household updated;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      auto h = households_->Get(tx, id);
      if (!h) return platform::NotFound(in.name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(h->id, h->details), in.name()));
      RETURN_IF_ERROR(platform::CheckEtag(version, h->version, in.name()));
      // Read every field so shape errors are reported, then take the masked ones;
      // only violations in masked fields count, and the result is judged whole.
      platform::Validation fields;
      HouseholdDetails given = DetailsFromProto(in, "household.", fields);
      RETURN_IF_ERROR(ReviseHousehold(*h, Updatable().Apply(paths, given, h->details),
                                      platform::RevisionBy(call.principal().subject, *clock_), "household.",
                                      platform::MaskedViolations(fields, "household.", paths)));
      RETURN_IF_ERROR(call.MayHold(ScopeOf(h->id, h->details)));
      if (!households_->Update(tx, *h, version)) {
        return platform::ChangedDuringUpdate(in.name());
      }
      call.Emit(tx, kResource, h->id, DetailsChangedEvent(*h));
      call.Audit(tx, kResource, h->id);
      updated = *std::move(h);
      return absl::OkStatus();
    }));
    *response = ToProto(updated);
    return absl::OkStatus();
  });
}

}  // namespace recruitment
