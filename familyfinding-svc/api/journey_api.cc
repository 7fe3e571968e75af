// FamilyFindingService's journey: RecordMilestone (a child's milestones as verbs),
// ImportChild and ImportPartnerHousehold (`adoptctl import`, docs/import.md).
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/ids.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/import.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

absl::StatusOr<MilestoneRules> FamilyFindingApi::MilestoneRulesOn(platform::Date day) const {
  auto rules = MilestoneRules::On(*statutory_, day);
  if (rules.ok()) return rules;
  return platform::InvalidArgument(
      {{"milestone.date", absl::StrCat("no adoption timescales were in force on ", platform::FormatDate(day))}});
}

void FamilyFindingApi::SaveMilestones(Call& call, soci::session& tx, const Child& c, size_t from) {
  for (const auto& event : MilestoneEvents(c, from)) call.Emit(tx, kChild, c.id, *event);
}

grpc::Status FamilyFindingApi::RecordMilestone(Ctx* ctx, const pb::RecordMilestoneRequest* request,
                                               pb::Child* response) {
  return rpc_->Run(ctx, "RecordMilestone", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    const std::string id = platform::IdFromName(request->child(), "children", "child", v);
    v.Check(request->has_milestone(), "milestone", "is required");
    Milestone m = MilestoneFromProto(request->milestone(), "milestone.", v);
    if (v.ok() && FromDecisionMaker(m.kind)) {
      v.Add("milestone.kind", absl::StrCat(MilestoneKindName(m.kind),
                                           " is the agency decision maker's: record it in panel-svc (RecordDecision)"));
    }
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(MilestoneRules rules, MilestoneRulesOn(m.date));
    Child recorded;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string done, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                              [&]() -> absl::StatusOr<std::string> {
        std::optional<Child> c = children_->Get(tx, id);
        if (!c) return platform::NotFound(request->child());
        RETURN_IF_ERROR(call.Reveal(ScopeOf(c->details), request->child()));
        const long long version = c->version;
        const size_t before = c->journey.size();
        ASSIGN_OR_RETURN(bool added, familyfinding::RecordMilestone(*c, m, rules,
                                                                    platform::RevisionBy(call.principal().subject, *clock_)));
        if (added) {
          if (!children_->Update(tx, *c, version)) return platform::ChangedDuringUpdate(request->child());
          SaveMilestones(call, tx, *c, before);
        }
        return c->id;
      }));
      std::optional<Child> c = children_->Get(tx, done);
      if (!c) return absl::InternalError("child recorded under this request_id is missing");
      RETURN_IF_ERROR(call.Reveal(ScopeOf(c->details), request->child()));
      call.Audit(tx, kChild, c->id);
      recorded = *std::move(c);
      return absl::OkStatus();
    }));
    *response = ToProto(recorded, clock_->Today(), *statutory_);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ImportChild(Ctx* ctx, const pb::ImportChildRequest* request,
                                           pb::ImportChildResponse* response) {
  return rpc_->Run(ctx, "ImportChild", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "child", v);
    v.Check(request->has_child(), "child", "is required");
    ChildDetails details = DetailsFromProto(request->child(), "child.", v);
    ValidateDetails(details, today, "child.", v);
    std::vector<Milestone> history;
    for (int i = 0; i < request->milestones_size(); ++i) {
      history.push_back(MilestoneFromProto(request->milestones(i), absl::StrCat("milestones[", i, "]."), v));
    }
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(ScopeOf(details)));
    // Today's numbers judge the history (the 10-week rule has not changed since 2005).
    ASSIGN_OR_RETURN(MilestoneRules rules, MilestoneRulesOn(today));
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);

    Child recorded;
    adoption::type::v1::ImportResult result = adoption::type::v1::IMPORT_RESULT_UNSPECIFIED;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<Child> c = children_->FindBySource(tx, source_id);
      const bool fresh = !c.has_value();
      size_t before = 0;
      if (fresh) {
        c = RegisterChild(platform::NewId(), details, revision.actor, revision.at);
        c->source_id = source_id;
      } else {
        RETURN_IF_ERROR(call.Reveal(ScopeOf(c->details), ChildName(c->id)));
        before = c->journey.size();
      }
      const long long version = c->version;
      ASSIGN_OR_RETURN(int added, ApplyHistory(*c, history, rules, revision));
      if (fresh) {
        children_->Insert(tx, *c);
        call.Emit(tx, kChild, c->id, RegisteredEvent(*c));
        result = adoption::type::v1::IMPORT_RESULT_CREATED;
      } else if (added > 0) {
        if (!children_->Update(tx, *c, version)) return platform::ChangedDuringUpdate(ChildName(c->id));
        result = adoption::type::v1::IMPORT_RESULT_EXTENDED;
      } else {
        result = adoption::type::v1::IMPORT_RESULT_UNCHANGED;
      }
      SaveMilestones(call, tx, *c, before);
      call.Audit(tx, kChild, c->id);
      recorded = *std::move(c);
      return absl::OkStatus();
    }));
    *response->mutable_child() = ToProto(recorded, today, *statutory_);
    response->set_result(result);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::ImportPartnerHousehold(Ctx* ctx, const pb::ImportPartnerHouseholdRequest* request,
                                                      pb::ImportPartnerHouseholdResponse* response) {
  return rpc_->Run(ctx, "ImportPartnerHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "household", v);
    v.Check(request->has_household_profile(), "household_profile", "is required");
    const pb::HouseholdProfile& in = request->household_profile();
    HouseholdProfile p;
    p.facts = PartnerFactsFromProto(in, v);
    auto provider = platform::EnumFromProto<PlacementProvider>(in.provider(), pb::PlacementProvider_IsValid);
    if (v.Check(provider.has_value() && *provider != PlacementProvider::kInHouse, "household_profile.provider",
                "is required and is a partner's: OTHER_LA_OR_RAA or VOLUNTARY_ADOPTION_AGENCY (the agency's own "
                "households come from recruitment-svc)")) {
      p.provider = *provider;
    }
    p.agency = platform::CleanText(in.agency(), platform::TextKind::kSingleLine, "household_profile.agency", v);
    v.Check(!p.agency.empty() && platform::CharacterCount(p.agency) <= 200, "household_profile.agency",
            "is required: the partner agency's name (at most 200 characters)");
    if (in.has_terms()) p.terms = TermsFromProto(in.terms(), "household_profile.terms.", v);
    RETURN_IF_ERROR(v.Status());
    p.approved = true;  // offered to us as approved adopters
    p.source_id = source_id;
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      if (std::optional<HouseholdProfile> stored = profiles_->FindBySource(tx, source_id)) {
        const bool same = stored->facts.home_local_authority == p.facts.home_local_authority &&
                          stored->facts.family_structure == p.facts.family_structure &&
                          stored->facts.enquiry_date == p.facts.enquiry_date &&
                          stored->facts.early_permanence_interest == p.facts.early_permanence_interest &&
                          stored->provider == p.provider && stored->agency == p.agency && stored->terms == p.terms;
        if (!same) {
          return platform::FailedPrecondition(
              "another household was imported under this source_id",
              {{"IMPORT", absl::StrCat("source_id ", source_id),
                absl::StrCat(HouseholdProfileName(stored->id), " is recorded differently; an import does not change it")}});
        }
        call.Audit(tx, kHouseholdProfile, stored->id);
        *response->mutable_household_profile() = ToProto(*stored);
        response->set_result(adoption::type::v1::IMPORT_RESULT_UNCHANGED);
        return absl::OkStatus();
      }
      p.id = platform::NewId();
      p.updated_at = clock_->NowMicros();
      profiles_->Save(tx, p);
      call.Audit(tx, kHouseholdProfile, p.id);
      *response->mutable_household_profile() = ToProto(p);
      response->set_result(adoption::type::v1::IMPORT_RESULT_CREATED);
      return absl::OkStatus();
    });
  });
}

}  // namespace familyfinding
