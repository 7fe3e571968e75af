#pragma once
// gRPC handlers of adoption.familyfinding.v1.FamilyFindingService: validate,
// authorise, map proto <-> domain, call the domain, save in one transaction with
// audit and outbox rows: children with their milestones, the import, the reports,
// household profiles, the matching search, referrals, links and the anonymised
// profiles partner agencies read (docs/domain.md §2). Every method of the contract.
#include <functional>

#include "adoption/familyfinding/v1/familyfinding_service.grpc.pb.h"
#include "familyfinding-svc/api/matching_pool.h"
#include "familyfinding-svc/domain/child_profile.h"
#include "familyfinding-svc/domain/journey.h"
#include "familyfinding-svc/store/child_store.h"
#include "familyfinding-svc/store/household_profile_store.h"
#include "familyfinding-svc/store/link_store.h"
#include "familyfinding-svc/store/referral_store.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/events/events.h"
#include "platform/core/agency.h"
#include "platform/core/statutory.h"
#include "platform/server/database_gauges.h"
#include "platform/rpc/rpc.h"

namespace familyfinding {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// The operators' gauge (docs/operations.md, "Metrics"): children by family-finding
// status, the waiting among them.
void AddGauges(platform::DatabaseGauges& gauges, ChildStore* children);

// Which contexts may read which of familyfinding's events from its event log.
const platform::EventVisibility& EventVisibility();

// What audit and outbox rows call each record.
inline constexpr char kChild[] = "child";
inline constexpr char kHouseholdProfile[] = "household_profile";
inline constexpr char kLink[] = "link";
inline constexpr char kReferral[] = "family_finding_referral";
// A child's record is its local authority's.
platform::RecordScope ScopeOf(const ChildDetails& d);
// A link and a family-finding referral as the API answers them (link_api.cc,
// referral_api.cc); a child and a profile in child_mapping.h.
adoption::familyfinding::v1::Link ToProto(const Link& l);
adoption::familyfinding::v1::FamilyFindingReferral ToProto(const Referral& r);

class FamilyFindingApi final : public adoption::familyfinding::v1::FamilyFindingService::Service {
 public:
  FamilyFindingApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
                   const platform::StatutoryTable* statutory, ChildStore* children, HouseholdProfileStore* profiles,
                   const platform::Agency* agency = &platform::Agency::Default())
      : rpc_(rpc),
        db_(db),
        clock_(clock),
        statutory_(statutory),
        children_(children),
        profiles_(profiles),
        agency_(agency),
        pool_(std::make_unique<MatchingPool>(
            profiles, [this](const std::string& agency_name) { return PartnerNamed(agency_name) != nullptr; })) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateChild(Ctx* ctx, const adoption::familyfinding::v1::CreateChildRequest* request,
                           adoption::familyfinding::v1::Child* response) override;
  grpc::Status GetChild(Ctx* ctx, const adoption::familyfinding::v1::GetChildRequest* request,
                        adoption::familyfinding::v1::Child* response) override;
  grpc::Status ListChildren(Ctx* ctx, const adoption::familyfinding::v1::ListChildrenRequest* request,
                            adoption::familyfinding::v1::ListChildrenResponse* response) override;
  grpc::Status UpdateChild(Ctx* ctx, const adoption::familyfinding::v1::UpdateChildRequest* request,
                           adoption::familyfinding::v1::Child* response) override;
  grpc::Status RecordMilestone(Ctx* ctx, const adoption::familyfinding::v1::RecordMilestoneRequest* request,
                               adoption::familyfinding::v1::Child* response) override;
  grpc::Status ImportChild(Ctx* ctx, const adoption::familyfinding::v1::ImportChildRequest* request,
                           adoption::familyfinding::v1::ImportChildResponse* response) override;
  grpc::Status ImportPartnerHousehold(Ctx* ctx,
                                      const adoption::familyfinding::v1::ImportPartnerHouseholdRequest* request,
                                      adoption::familyfinding::v1::ImportPartnerHouseholdResponse* response) override;
  grpc::Status ReportScorecard(Ctx* ctx, const adoption::familyfinding::v1::ReportScorecardRequest* request,
                               adoption::familyfinding::v1::Scorecard* response) override;
  grpc::Status ReportChildMilestones(Ctx* ctx, const adoption::familyfinding::v1::ReportChildMilestonesRequest* request,
                                     adoption::familyfinding::v1::ChildMilestones* response) override;
  grpc::Status ReportChildrenWaiting(Ctx* ctx, const adoption::familyfinding::v1::ReportChildrenWaitingRequest* request,
                                     adoption::familyfinding::v1::ChildrenWaiting* response) override;
  grpc::Status ReportDecisionCohort(Ctx* ctx, const adoption::familyfinding::v1::ReportDecisionCohortRequest* request,
                                    adoption::familyfinding::v1::DecisionCohort* response) override;
  grpc::Status SearchHouseholds(Ctx* ctx, const adoption::familyfinding::v1::SearchHouseholdsRequest* request,
                                adoption::familyfinding::v1::SearchHouseholdsResponse* response) override;
  grpc::Status ReportInterAgencyFees(Ctx* ctx, const adoption::familyfinding::v1::ReportInterAgencyFeesRequest* request,
                                     adoption::familyfinding::v1::InterAgencyFees* response) override;
  grpc::Status ReportChildBreakdowns(Ctx* ctx, const adoption::familyfinding::v1::ReportChildBreakdownsRequest* request,
                                     adoption::familyfinding::v1::ChildBreakdowns* response) override;
  grpc::Status GetHouseholdProfile(Ctx* ctx, const adoption::familyfinding::v1::GetHouseholdProfileRequest* request,
                                   adoption::familyfinding::v1::HouseholdProfile* response) override;
  grpc::Status ListHouseholdProfiles(Ctx* ctx, const adoption::familyfinding::v1::ListHouseholdProfilesRequest* request,
                                     adoption::familyfinding::v1::ListHouseholdProfilesResponse* response) override;
  grpc::Status ListChildProfiles(Ctx* ctx, const adoption::familyfinding::v1::ListChildProfilesRequest* request,
                                 adoption::familyfinding::v1::ListChildProfilesResponse* response) override;
  grpc::Status GetChildProfile(Ctx* ctx, const adoption::familyfinding::v1::GetChildProfileRequest* request,
                               adoption::familyfinding::v1::ChildProfile* response) override;
  grpc::Status CreateFamilyFindingReferral(Ctx* ctx,
                                           const adoption::familyfinding::v1::CreateFamilyFindingReferralRequest* request,
                                           adoption::familyfinding::v1::FamilyFindingReferral* response) override;
  grpc::Status GetFamilyFindingReferral(Ctx* ctx,
                                        const adoption::familyfinding::v1::GetFamilyFindingReferralRequest* request,
                                        adoption::familyfinding::v1::FamilyFindingReferral* response) override;
  grpc::Status ListFamilyFindingReferrals(Ctx* ctx,
                                          const adoption::familyfinding::v1::ListFamilyFindingReferralsRequest* request,
                                          adoption::familyfinding::v1::ListFamilyFindingReferralsResponse* response) override;
  grpc::Status UpdateFamilyFindingReferral(Ctx* ctx,
                                           const adoption::familyfinding::v1::UpdateFamilyFindingReferralRequest* request,
                                           adoption::familyfinding::v1::FamilyFindingReferral* response) override;
  grpc::Status WithdrawFamilyFindingReferral(
      Ctx* ctx, const adoption::familyfinding::v1::WithdrawFamilyFindingReferralRequest* request,
      adoption::familyfinding::v1::FamilyFindingReferral* response) override;
  grpc::Status CreateLink(Ctx* ctx, const adoption::familyfinding::v1::CreateLinkRequest* request,
                          adoption::familyfinding::v1::Link* response) override;
  grpc::Status GetLink(Ctx* ctx, const adoption::familyfinding::v1::GetLinkRequest* request,
                       adoption::familyfinding::v1::Link* response) override;
  grpc::Status ListLinks(Ctx* ctx, const adoption::familyfinding::v1::ListLinksRequest* request,
                         adoption::familyfinding::v1::ListLinksResponse* response) override;
  grpc::Status ActivateLink(Ctx* ctx, const adoption::familyfinding::v1::ActivateLinkRequest* request,
                            adoption::familyfinding::v1::Link* response) override;
  grpc::Status CloseLink(Ctx* ctx, const adoption::familyfinding::v1::CloseLinkRequest* request,
                         adoption::familyfinding::v1::Link* response) override;
  grpc::Status OfferHousehold(Ctx* ctx, const adoption::familyfinding::v1::OfferHouseholdRequest* request,
                              adoption::familyfinding::v1::HouseholdProfile* response) override;
  grpc::Status WithdrawHouseholdOffer(Ctx* ctx,
                                      const adoption::familyfinding::v1::WithdrawHouseholdOfferRequest* request,
                                      adoption::familyfinding::v1::HouseholdProfile* response) override;

 private:
  // The milestone rules in force on `day`; INVALID_ARGUMENT on milestone.date when none were.
  absl::StatusOr<MilestoneRules> MilestoneRulesOn(platform::Date day) const;
  // Every journey of the children the caller reaches (of `local_authority` when
  // set), the run audited as `report`.
  absl::StatusOr<std::vector<Child>> Journeys(platform::Call& call, const std::string& report,
                                              const std::optional<std::string>& local_authority);
  // The children of `child`'s sibling group within `coverage` (none without a group).
  std::vector<Child> SiblingsOf(const platform::Coverage& coverage, soci::session& tx, const Child& child,
                                platform::Date today);
  // What profiles the caller reaches: staff by their grants; a partner agency's token
  // every child's when its agency is one of this agency's partners, else none.
  platform::Coverage ProfileCoverage(const platform::Call& call) const;
  // The child's anonymised profile, when it is offered to partners.
  absl::StatusOr<std::optional<AnonymisedChild>> ProfileOf(soci::session& tx, const Child& child,
                                                           platform::Date today);
  // A partner's households carry the partner's configured name: the partner so named.
  const platform::PartnerAgency* PartnerNamed(const std::string& name) const;
  // `coverage` with a partner token's agency id as that partner's name (what the
  // profiles' agency column holds); a partner not configured reaches nothing.
  platform::Coverage ByPartnerName(platform::Coverage coverage) const;
  // A household profile is its home authority's, and a partner's for its households.
  platform::RecordScope ScopeOfProfile(const HouseholdProfile& p) const;
  // Whose a link is: its child's local authority's, and a partner's for its household.
  // (HouseholdLinksChanged, for recruitment-svc, is LinksChangedEvent in panel_events.h.)
  platform::RecordScope ScopeOfLink(soci::session& sql, const Link& link);
  // Changes the link `name` names (of a child the caller reaches) by `change`.
  absl::StatusOr<Link> ChangeLink(platform::Call& call, const std::string& name, const std::string& etag,
                                  const std::function<absl::Status(Link&)>& change);
  // Changes the referral `name` names (of a child the caller reaches) by `change`;
  // violations name fields under `prefix` ("family_finding_referral.").
  absl::StatusOr<Referral> ChangeReferral(platform::Call& call, const std::string& name, const std::string& etag,
                                          const std::string& prefix,
                                          const std::function<absl::Status(Referral&)>& change);
  // Publishes the events of c's milestones from `from` on, in the change's transaction.
  void SaveMilestones(platform::Call& call, soci::session& tx, const Child& c, size_t from);

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  ChildStore* children_;
  HouseholdProfileStore* profiles_;
  LinkStore links_;
  ReferralStore referrals_;
  const platform::Agency* agency_;  // the local authorities it acts for: whose children are ours
  std::unique_ptr<MatchingPool> pool_;  // the matching search's, in memory between searches
};

}  // namespace familyfinding
