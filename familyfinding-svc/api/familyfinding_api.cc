#include "familyfinding-svc/api/familyfinding_api.h"

#include <soci/soci.h>

#include "familyfinding-svc/api/child_mapping.h"
#include "platform/core/ids.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/update_mask.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;
using platform::Reach;
using platform::Role;

// A child's record is the LA's: its social workers and the agency's family finders
// keep it; panel advisers and the ADM read it for panel and decisions. The household
// profiles are the family finders' search space.
// recruitment-svc moves households on their links and the placements and orders of
// their children.
const platform::EventVisibility& EventVisibility() {
  static const platform::EventVisibility visibility = {
      {"recruitment",
       {"adoption.events.v1.ChildPlaced", "adoption.events.v1.AdoptionOrderGranted",
        "adoption.events.v1.HouseholdLinksChanged"}},
      // Placements, orders and disruptions open adoption support and letterbox contact.
      {"support",
       {"adoption.events.v1.ChildPlaced", "adoption.events.v1.AdoptionOrderGranted",
        "adoption.events.v1.PlacementDisrupted"}},
      {"letterbox", {"adoption.events.v1.AdoptionOrderGranted", "adoption.events.v1.PlacementDisrupted"}},
      // A child's record disposed of takes the panel's cases about the child with it.
      {"panel", {"adoption.events.v1.RecordDisposed"}},
  };
  return visibility;
}

void AddGauges(platform::DatabaseGauges& gauges, ChildStore* children) {
  gauges.AddEach("familyfinding_children",
                 "Children by family-finding status (waiting: tracking, actively family finding, linked, matched "
                 "awaiting placement, on hold).",
                 "status", [children](soci::session& sql) -> absl::StatusOr<std::map<std::string, double>> {
                   std::vector<std::string> names;
                   for (int i = 0; i <= static_cast<int>(FamilyFindingStatus::kDisrupted); ++i) {
                     names.push_back(StatusName(static_cast<FamilyFindingStatus>(i)));
                   }
                   return platform::CountsByName(names, children->CountByStatus(sql));
                 });
}

const platform::PolicyTable& Policies() {
  // Figures over the children the caller reaches: a worker's boroughs, a manager's agency.
  static const std::vector<platform::Grant> kFigures = {{Role::kManager, Reach::kAgency},
                                                        {Role::kFamilyFinder, Reach::kLocalAuthorities},
                                                        {Role::kChildsSocialWorker, Reach::kLocalAuthorities}};
  static const platform::PolicyTable table({
      {"CreateChild",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities}, {Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      {"GetChild",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kPanelAdviser, Reach::kAgency},
        {Role::kDecisionMaker, Reach::kAgency},
        // panel-svc asks about a child before a case on it is booked or decided.
        {Role::kService, Reach::kAgency}}},
      {"ListChildren",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency}}},
      {"UpdateChild",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities}, {Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      // The agency's adopters are one pool for its family finders, whichever borough
      // they live in; a child's social worker sees those of their own authorities.
      // A partner agency reads the households it offered.
      {"GetHouseholdProfile",
       {{Role::kFamilyFinder, Reach::kAgency},
        {Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kPartnerAgency, Reach::kPartnerAgency}}},
      {"ListHouseholdProfiles",
       {{Role::kFamilyFinder, Reach::kAgency},
        {Role::kManager, Reach::kAgency},
        {Role::kPartnerAgency, Reach::kPartnerAgency}}},
      // A partner agency offers its approved households, and withdraws its offers.
      {"OfferHousehold", {{Role::kPartnerAgency, Reach::kPartnerAgency}}},
      {"WithdrawHouseholdOffer", {{Role::kPartnerAgency, Reach::kPartnerAgency}}},
      {"RecordMilestone",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities}, {Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      // Anonymised profiles: a partner agency's token (its agency one of the agency's
      // partners: ProfileCoverage), and staff who see what partners see.
      {"ListChildProfiles",
       {{Role::kPartnerAgency, Reach::kPartnerAgency},
        {Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency}}},
      {"GetChildProfile",
       {{Role::kPartnerAgency, Reach::kPartnerAgency},
        {Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency}}},
      // The child's local authority refers, the family-finding team keeps the plan;
      // both, and managers, read the referrals.
      {"CreateFamilyFindingReferral",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities}, {Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      {"UpdateFamilyFindingReferral",
       {{Role::kFamilyFinder, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"WithdrawFamilyFindingReferral",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities}, {Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      {"GetFamilyFindingReferral",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency}}},
      {"ListFamilyFindingReferrals",
       {{Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency}}},
      // The family finder links and explores households for the children of their
      // authorities; the child's social worker and managers read the links.
      {"CreateLink", {{Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      {"ActivateLink", {{Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      {"CloseLink", {{Role::kFamilyFinder, Reach::kLocalAuthorities}}},
      // A partner agency reads its own households' links (without the finder's words).
      {"GetLink",
       {{Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kPartnerAgency, Reach::kPartnerAgency}}},
      {"ListLinks",
       {{Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kPartnerAgency, Reach::kPartnerAgency}}},
      // An agency's history is brought in by its managers.
      {"ImportChild", platform::AgencyWide({Role::kManager})},
      {"ImportPartnerHousehold", platform::AgencyWide({Role::kManager})},
      // A child's family finder and social worker search for the child; a manager for any.
      {"SearchHouseholds",
       {{Role::kFamilyFinder, Reach::kLocalAuthorities},
        {Role::kChildsSocialWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency}}},
      {"ReportScorecard", kFigures},
      // The agency's money: its managers and finance officers.
      {"ReportInterAgencyFees", platform::AgencyWide({Role::kManager, Role::kFinanceOfficer})},
      {"ReportChildMilestones", kFigures},
      {"ReportChildBreakdowns", kFigures},
      {"ReportChildrenWaiting", kFigures},
      {"ReportDecisionCohort", kFigures},
  });
  return table;
}

platform::RecordScope ScopeOf(const ChildDetails& d) { return {.local_authorities = {d.local_authority}}; }

namespace {
// The fields UpdateChild may change. The status and milestones are not among
// them: verbs and panel decisions record those.
const platform::UpdatableFields<ChildDetails>& Updatable() {
  static const platform::UpdatableFields<ChildDetails> fields({
      {"given_name", &ChildDetails::given_name},
      {"family_name", &ChildDetails::family_name},
      {"local_authority", &ChildDetails::local_authority},
      {"date_of_birth", &ChildDetails::date_of_birth},
      {"sex", &ChildDetails::sex},
      {"ethnicity", &ChildDetails::ethnicity},
      {"disability", &ChildDetails::disability},
      {"health_and_development_needs", &ChildDetails::health_and_development_needs},
      {"sibling_group", &ChildDetails::sibling_group},
      {"sibling_placement", &ChildDetails::sibling_placement},
      {"legal_status", &ChildDetails::legal_status},
      {"early_permanence", &ChildDetails::early_permanence},
      {"entered_care_date", &ChildDetails::entered_care_date},
  });
  return fields;
}

// A ListChildren request as a query: its page and the filter's conditions.
ChildQuery QueryFrom(const pb::ListChildrenRequest& request, const Call& call, platform::Date today,
                     platform::Validation& v) {
  ChildQuery query;
  query.on = today;
  query.page = call.ParsePage(request.page_size(), request.page_token(), request.filter(), v);
  platform::Filter filter =
      platform::ParseFilter(request.filter(),
                            {"local_authority", "status", "legal_status", "sex", "early_permanence",
                             "harder_to_place", "sibling_group", "household"},
                            v);
  if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
  query.status = platform::EnumFilter<FamilyFindingStatus>(filter, "status", pb::FamilyFindingStatus_descriptor(), v);
  query.legal_status = platform::EnumFilter<LegalStatus>(filter, "legal_status", pb::LegalStatus_descriptor(), v);
  query.sex = platform::EnumFilter<Sex>(filter, "sex", pb::Sex_descriptor(), v);
  query.early_permanence = platform::BoolFilter(filter, "early_permanence", v);
  query.harder_to_place = platform::BoolFilter(filter, "harder_to_place", v);
  if (const std::string* g = filter.Find("sibling_group")) query.sibling_group = *g;
  if (const std::string* h = filter.Find("household")) {
    query.household_id = platform::IdFromName(*h, "households", "filter", v);
  }
  return query;
}

}  // namespace

grpc::Status FamilyFindingApi::CreateChild(Ctx* ctx, const pb::CreateChildRequest* request, pb::Child* response) {
  return rpc_->Run(ctx, "CreateChild", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_child(), "child", "is required");
    ChildDetails details = DetailsFromProto(request->child(), "child.", v);
    ValidateDetails(details, today, "child.", v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(ScopeOf(details)));

    Child created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        Child c = RegisterChild(platform::NewId(), details, call.principal().subject, clock_->NowMicros());
        children_->Insert(tx, c);
        call.Emit(tx, kChild, c.id, RegisteredEvent(c));
        return absl::StatusOr<std::string>(c.id);
      }));
      auto c = children_->Get(tx, id);
      if (!c) return absl::InternalError("child recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(c->details)));
      call.Audit(tx, kChild, id);
      created = *std::move(c);
      return absl::OkStatus();
    }));
    *response = ToProto(created, today, *statutory_);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::GetChild(Ctx* ctx, const pb::GetChildRequest* request, pb::Child* response) {
  return rpc_->Run(ctx, "GetChild", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "children", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto c = children_->Get(sql, id);
      if (!c) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(c->details), request->name()));
      call.AuditRead(kChild, id);
      *response = ToProto(*c, clock_->Today(), *statutory_);
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::ListChildren(Ctx* ctx, const pb::ListChildrenRequest* request,
                                            pb::ListChildrenResponse* response) {
  return rpc_->Run(ctx, "ListChildren", [&](Call& call) -> absl::Status {
    platform::Validation v;
    ChildQuery query = QueryFrom(*request, call, clock_->Today(), v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Child> page = children_->List(sql, query);
      for (const auto& c : page) {
        call.AuditRead(kChild, c.id);
        *response->add_children() = ToProto(c, query.on, *statutory_);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::UpdateChild(Ctx* ctx, const pb::UpdateChildRequest* request, pb::Child* response) {
  return rpc_->Run(ctx, "UpdateChild", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const pb::Child& in = request->child();
    std::string id = platform::IdFromName(in.name(), "children", "child.name", v);
    long long version = platform::ParseEtag(in.etag(), "child.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), Updatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    ASSIGN_OR_RETURN(
        Child updated,
        platform::ChangeRecord(
            call, *db_, *children_, in.name(), id, version, [](const Child& c) { return ScopeOf(c.details); },
            [&](Child& c, soci::session&) {
              // Read every field so shape errors are reported, then take the masked ones;
              // only violations in masked fields count, and the result is judged whole.
              platform::Validation fields;
              ChildDetails given = DetailsFromProto(in, "child.", fields);
              return ReviseChild(c, Updatable().Apply(paths, given, c.details),
                                 platform::RevisionBy(call.principal().subject, *clock_), "child.",
                                 platform::MaskedViolations(fields, "child.", paths));
            },
            [&](const Child& c, soci::session& tx) { call.Audit(tx, kChild, c.id); }));
    *response = ToProto(updated, today, *statutory_);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::GetHouseholdProfile(Ctx* ctx, const pb::GetHouseholdProfileRequest* request,
                                                   pb::HouseholdProfile* response) {
  return rpc_->Run(ctx, "GetHouseholdProfile", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "householdProfiles", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto p = profiles_->Get(sql, id);
      if (!p) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOfProfile(*p), request->name()));
      call.AuditRead(kHouseholdProfile, id);
      *response = ToProto(*p);
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::ListHouseholdProfiles(Ctx* ctx, const pb::ListHouseholdProfilesRequest* request,
                                                     pb::ListHouseholdProfilesResponse* response) {
  return rpc_->Run(ctx, "ListHouseholdProfiles", [&](Call& call) -> absl::Status {
    platform::Validation v;
    HouseholdProfileQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(request->filter(), {"home_local_authority", "approved"}, v);
    if (const std::string* la = filter.Find("home_local_authority")) query.home_local_authority = *la;
    query.approved = platform::BoolFilter(filter, "approved", v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = ByPartnerName(call.coverage());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<HouseholdProfile> page = profiles_->List(sql, query);
      for (const auto& p : page) {
        call.AuditRead(kHouseholdProfile, p.id);
        *response->add_household_profiles() = ToProto(p);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

}  // namespace familyfinding
