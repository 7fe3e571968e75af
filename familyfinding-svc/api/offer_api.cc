// FamilyFindingService.OfferHousehold / WithdrawHouseholdOffer: partner agencies offer
// their approved households to the agency's family finders through the API
// (docs/domain.md §2 "Partner agencies"), and read their own back.
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

namespace {
constexpr int kMostReferenceCharacters = 64;

PlacementProvider ProviderOf(const platform::PartnerAgency& partner) {
  return partner.type == platform::AgencyType::kVoluntaryAdoptionAgency ? PlacementProvider::kVoluntaryAdoptionAgency
                                                                         : PlacementProvider::kOtherLaOrRaa;
}
}  // namespace

const platform::PartnerAgency* FamilyFindingApi::PartnerNamed(const std::string& name) const {
  if (name.empty()) return nullptr;
  for (const auto& partner : agency_->partners()) {
    if (partner.name == name) return &partner;
  }
  return nullptr;
}

platform::Coverage FamilyFindingApi::ByPartnerName(platform::Coverage coverage) const {
  if (!coverage.partner_agency.empty()) {
    const platform::PartnerAgency* partner = agency_->FindPartner(coverage.partner_agency);
    coverage.partner_agency = partner ? partner->name : "";
  }
  return coverage;
}

platform::RecordScope FamilyFindingApi::ScopeOfProfile(const HouseholdProfile& p) const {
  platform::RecordScope scope{.local_authorities = {p.facts.home_local_authority}, .household = p.id};
  if (const platform::PartnerAgency* partner = PartnerNamed(p.agency)) scope.partner_agency = partner->id;
  return scope;
}

grpc::Status FamilyFindingApi::OfferHousehold(Ctx* ctx, const pb::OfferHouseholdRequest* request,
                                              pb::HouseholdProfile* response) {
  return rpc_->Run(ctx, "OfferHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string reference =
        platform::CleanText(request->reference(), platform::TextKind::kSingleLine, "reference", v);
    v.Check(!reference.empty() && platform::CharacterCount(reference) <= kMostReferenceCharacters, "reference",
            absl::StrCat("is required: your own reference for the household, at most ", kMostReferenceCharacters,
                         " characters, no names"));
    v.Check(request->has_household_profile(), "household_profile", "is required");
    const pb::HouseholdProfile& in = request->household_profile();
    HouseholdProfile offer;
    offer.facts = PartnerFactsFromProto(in, v);
    if (v.Check(in.has_terms(), "household_profile.terms", "is required: the terms the household was approved on")) {
      offer.terms = TermsFromProto(in.terms(), "household_profile.terms.", v);
    }
    if (v.Check(in.has_approval_date(), "household_profile.approval_date", "is required: the day of the approval")) {
      offer.approval_date = platform::DateFromProto(in.approval_date(), "household_profile.approval_date", v);
      v.Check(*offer.approval_date <= clock_->Today(), "household_profile.approval_date", "must not be in the future");
      v.Check(*offer.approval_date >= offer.facts.enquiry_date, "household_profile.approval_date",
              "must not be before the enquiry_date");
    }
    RETURN_IF_ERROR(v.Status());
    // The policy admits partner tokens; the offer is that partner's, so the agency is
    // one of ours by its configuration (a token of another agency offers nothing).
    const platform::PartnerAgency* partner = agency_->FindPartner(call.coverage().partner_agency);
    if (!partner) {
      return absl::PermissionDeniedError("only a partner agency of this agency (config/agency.tsv) offers households");
    }
    offer.provider = ProviderOf(*partner);
    offer.agency = partner->name;
    offer.offer_reference = reference;
    offer.approved = true;
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<HouseholdProfile> stored = profiles_->FindOffer(tx, partner->name, reference);
      if (stored) {
        if (stored->matched) {
          return platform::FailedPrecondition(
              "a matched household's offer does not change",
              {{"STATE", HouseholdProfileName(stored->id), "a match was agreed with this household"}});
        }
        offer.id = stored->id;
        offer.source_sequence = stored->source_sequence;
      } else {
        offer.id = platform::NewId();
      }
      offer.updated_at = clock_->NowMicros();
      profiles_->Save(tx, offer);
      call.Audit(tx, kHouseholdProfile, offer.id);
      *response = ToProto(offer);
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::WithdrawHouseholdOffer(Ctx* ctx, const pb::WithdrawHouseholdOfferRequest* request,
                                                      pb::HouseholdProfile* response) {
  return rpc_->Run(ctx, "WithdrawHouseholdOffer", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "householdProfiles", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<HouseholdProfile> p = profiles_->Get(tx, id);
      // Only an offer is withdrawn, by the partner that made it: any other is not there.
      if (!p || !p->offer_reference) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOfProfile(*p), request->name()));
      if (p->matched) {
        return platform::FailedPrecondition(
            "a matched household's offer stands",
            {{"STATE", request->name(), "a match was agreed with this household: the family finder ends it"}});
      }
      if (p->approved) {
        p->approved = false;
        p->updated_at = clock_->NowMicros();
        profiles_->Save(tx, *p);
      }
      call.Audit(tx, kHouseholdProfile, p->id);
      *response = ToProto(*p);
      return absl::OkStatus();
    });
  });
}

}  // namespace familyfinding
