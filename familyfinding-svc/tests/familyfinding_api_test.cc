// The API in-process over a real gRPC port, on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adoption/events/v1/events.pb.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/household_events.h"
#include "familyfinding-svc/api/panel_events.h"
#include "platform/core/ids.h"
#include "platform/rpc/proto_convert.h"
#include "platform/testing/testing.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::familyfinding::v1;
namespace ev = adoption::events::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::SetDate;
using platform::testing::ViolatedFields;

pb::CreateChildRequest ValidCreate(const std::string& request_id) {
  pb::CreateChildRequest r;
  r.set_request_id(request_id);
  auto* c = r.mutable_child();
  c->set_given_name("Amy");
  c->set_family_name("Jones");
  c->set_local_authority("E08000018");
  // A two-year-old who came into care at six months: relative to today, so the
  // child stays under five (not harder to place by age) whenever the test runs.
  const platform::Date born = platform::Today() - 730;
  *c->mutable_date_of_birth() = platform::DateToProto(born);
  c->set_sex(pb::SEX_FEMALE);
  c->set_ethnicity("WHITE_BRITISH");
  c->set_legal_status(pb::LEGAL_STATUS_PLACEMENT_ORDER);
  *c->mutable_entered_care_date() = platform::DateToProto(born + 182);
  return r;
}

class FamilyFindingApiTest : public platform::testing::ApiTest<pb::FamilyFindingService> {
 protected:
  FamilyFindingApiTest() : ApiTest("familyfinding", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    return std::make_unique<FamilyFindingApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                              &platform::StatutoryTable::Defaults(), &children_, &profiles_);
  }

  grpc::Status Create(const pb::CreateChildRequest& r, pb::Child* out,
                      std::vector<Role> roles = {Role::kChildsSocialWorker}) {
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreateChild(&ctx, r, out);
  }
  grpc::Status Update(const pb::UpdateChildRequest& r, pb::Child* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    return stub_->UpdateChild(&ctx, r, out);
  }
  grpc::Status List(const pb::ListChildrenRequest& r, pb::ListChildrenResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ListChildren(&ctx, r, out);
  }
  // A profile as recruitment's log would create it, through the consumer's handler.
  std::string SeedProfile(long long sequence, const std::string& la, int enquiry_day) {
    const std::string id = platform::NewId();
    ev::HouseholdRegistered e;
    e.set_household("households/" + id);
    e.set_home_local_authority(la);
    e.set_family_structure("FAMILY_STRUCTURE_SINGLE");
    SetDate(e.mutable_enquiry_date(), 2025, 4, enquiry_day);
    ev::EventRecord record;
    record.set_sequence(sequence);
    record.set_event_type("adoption.events.v1.HouseholdRegistered");
    record.mutable_payload()->PackFrom(e);
    auto handlers = HouseholdEventHandlers(&profiles_, &clock_);
    EXPECT_TRUE(host_->db()
                    .Transaction([&](soci::session& tx) { return handlers.at(record.event_type())(tx, record); })
                    .ok());
    return id;
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  ChildStore children_;
  HouseholdProfileStore profiles_;
};

TEST_P(FamilyFindingApiTest, ACreatedChildCanBeReadBack) {
  pb::Child created;
  ASSERT_TRUE(Create(ValidCreate("r-1"), &created).ok());
  EXPECT_EQ(created.status(), pb::FAMILY_FINDING_STATUS_TRACKING);
  EXPECT_EQ(created.etag(), "1");
  EXPECT_EQ(created.record_info().created_by(), "worker-1");
  EXPECT_FALSE(created.harder_to_place());  // white British, two, single, not disabled
  EXPECT_FALSE(created.has_placement_order_date());  // output only: set by later verbs
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  pb::GetChildRequest get;
  get.set_name(created.name());
  pb::Child got;
  ASSERT_TRUE(stub_->GetChild(&ctx, get, &got).ok());
  EXPECT_EQ(got.family_name(), "Jones");
  EXPECT_EQ(got.date_of_birth().year(), created.date_of_birth().year());
  EXPECT_EQ(got.date_of_birth().day(), created.date_of_birth().day());
  EXPECT_EQ(got.entered_care_date().month(), created.entered_care_date().month());
  EXPECT_TRUE(got.has_entered_care_date());
  EXPECT_EQ(got.legal_status(), pb::LEGAL_STATUS_PLACEMENT_ORDER);
  EXPECT_EQ(got.sex(), pb::SEX_FEMALE);
  // Create and read are both audited; the create wrote one ChildRegistered event.
  EXPECT_EQ(Rows("audit_log"), 2);
  EXPECT_EQ(Rows("outbox"), 1);
  std::string type;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT type FROM outbox", soci::into(type);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(type, "adoption.events.v1.ChildRegistered");
}

// The operators see the children by status, every status a series.
TEST_P(FamilyFindingApiTest, TheChildrenByStatusAreAGaugeReadFromTheDatabase) {
  platform::DatabaseGauges gauges(&host_->db(), &host_->metrics().registry(), std::chrono::seconds(60));
  AddGauges(gauges, &children_);
  auto children = [&](const std::string& status) {
    gauges.Refresh();
    return platform::testing::MetricValue(host_->metrics().registry(), "familyfinding_children", {{"status", status}});
  };
  EXPECT_EQ(children("tracking"), 0);
  pb::Child out;
  ASSERT_TRUE(Create(ValidCreate("g-1"), &out).ok());
  ASSERT_TRUE(Create(ValidCreate("g-2"), &out).ok());
  EXPECT_EQ(children("tracking"), 2);
  EXPECT_EQ(children("matched_awaiting_placement"), 0);
  EXPECT_EQ(children("disrupted"), 0);
}

TEST_P(FamilyFindingApiTest, OutputOnlyFieldsInACreateAreIgnored) {
  auto r = ValidCreate("o");
  r.mutable_child()->set_status(pb::FAMILY_FINDING_STATUS_ADOPTED);
  SetDate(r.mutable_child()->mutable_adoption_order_date(), 2025, 1, 1);
  r.mutable_child()->set_harder_to_place(true);
  pb::Child created;
  ASSERT_TRUE(Create(r, &created).ok());
  EXPECT_EQ(created.status(), pb::FAMILY_FINDING_STATUS_TRACKING);
  EXPECT_FALSE(created.has_adoption_order_date());
  EXPECT_FALSE(created.harder_to_place());
}

TEST_P(FamilyFindingApiTest, ARetriedCreateReturnsTheFirstResult) {
  pb::Child first, second;
  ASSERT_TRUE(Create(ValidCreate("same"), &first).ok());
  ASSERT_TRUE(Create(ValidCreate("same"), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(Rows("children"), 1);
  EXPECT_EQ(Rows("outbox"), 1);
}

TEST_P(FamilyFindingApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  auto r = ValidCreate("");
  auto* c = r.mutable_child();
  c->set_local_authority("Rotherham");
  SetDate(c->mutable_date_of_birth(), 2023, 2, 30);
  c->set_sex(pb::SEX_UNSPECIFIED);
  c->set_legal_status(pb::LEGAL_STATUS_UNSPECIFIED);
  c->set_ethnicity("white british");
  c->set_sibling_group("jones");
  c->clear_entered_care_date();  // else also reported: a child with no date of birth cannot have entered care
  pb::Child out;
  grpc::Status s = Create(r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"request_id", "child.date_of_birth", "child.sex", "child.legal_status",
                                      "child.local_authority", "child.ethnicity", "child.sibling_placement"}));
  EXPECT_EQ(Rows("children"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
  EXPECT_EQ(Rows("create_requests"), 0);
}

TEST_P(FamilyFindingApiTest, NoTokenIsUnauthenticatedAndAWrongRoleIsDenied) {
  pb::Child out;
  EXPECT_EQ(Create(ValidCreate("a"), &out, {}).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create(ValidCreate("b"), &out, {Role::kRecruitmentWorker}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Create(ValidCreate("c"), &out, {Role::kPartnerAgency}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Rows("children"), 0);
  EXPECT_EQ(Rows("audit_log"), 3);  // refusals are audited
}

TEST_P(FamilyFindingApiTest, UpdateChangesOnlyMaskedFieldsAndRejectsAStaleEtag) {
  pb::Child c;
  ASSERT_TRUE(Create(ValidCreate("u"), &c).ok());
  pb::UpdateChildRequest up;
  *up.mutable_child() = c;
  up.mutable_child()->set_ethnicity("BLACK_CARIBBEAN");
  up.mutable_child()->set_disability(true);  // not in the mask: ignored
  up.mutable_update_mask()->add_paths("ethnicity");
  pb::Child updated;
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.ethnicity(), "BLACK_CARIBBEAN");
  EXPECT_FALSE(updated.disability());
  EXPECT_TRUE(updated.harder_to_place());  // now BME
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(Update(up, &updated).error_code(), grpc::StatusCode::ABORTED);  // etag 1 is stale
  EXPECT_EQ(Rows("child_history"), 1);
  // Output-only milestones and status cannot be named in a mask.
  up.mutable_child()->set_etag("2");
  up.mutable_update_mask()->set_paths(0, "placement_order_date");
  grpc::Status s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"update_mask"});
  // A masked field is checked, together with the record it makes.
  up.mutable_update_mask()->set_paths(0, "sibling_group");
  up.mutable_child()->set_sibling_group("jones");
  s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"child.sibling_placement"});
  up.mutable_update_mask()->add_paths("sibling_placement");
  up.mutable_child()->set_sibling_placement(pb::SIBLING_PLACEMENT_ASSESSMENT_PENDING);
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.sibling_placement(), pb::SIBLING_PLACEMENT_ASSESSMENT_PENDING);
  EXPECT_EQ(updated.etag(), "3");
  EXPECT_EQ(Rows("children"), 1);
  EXPECT_EQ(Rows("child_history"), 2);
}

TEST_P(FamilyFindingApiTest, UpdatingAMissingChildIsNotFound) {
  pb::UpdateChildRequest up;
  *up.mutable_child() = ValidCreate("x").child();
  up.mutable_child()->set_name("children/" + platform::NewId());
  up.mutable_child()->set_etag("1");
  up.mutable_update_mask()->add_paths("ethnicity");
  pb::Child out;
  EXPECT_EQ(Update(up, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(FamilyFindingApiTest, ListPagesAndFilters) {
  for (int i = 0; i < 3; ++i) {
    pb::Child out;
    auto r = ValidCreate("l" + std::to_string(i));
    if (i == 2) {
      r.mutable_child()->set_local_authority("E09000006");
      r.mutable_child()->set_legal_status(pb::LEGAL_STATUS_CONSENT);
      r.mutable_child()->set_disability(true);
    }
    ASSERT_TRUE(Create(r, &out).ok());
  }
  pb::ListChildrenRequest list;
  list.set_page_size(2);
  pb::ListChildrenResponse page;
  ASSERT_TRUE(List(list, &page).ok());
  EXPECT_EQ(page.children_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(List(list, &page).ok());
  EXPECT_EQ(page.children_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());

  pb::ListChildrenRequest filtered;
  filtered.set_filter("local_authority = \"E09000006\" AND legal_status = LEGAL_STATUS_CONSENT");
  ASSERT_TRUE(List(filtered, &page).ok());
  EXPECT_EQ(page.children_size(), 1);
  filtered.set_filter("status = FAMILY_FINDING_STATUS_TRACKING AND harder_to_place = true");
  ASSERT_TRUE(List(filtered, &page).ok());
  ASSERT_EQ(page.children_size(), 1);
  EXPECT_TRUE(page.children(0).disability());
  filtered.set_filter("harder_to_place = false");
  ASSERT_TRUE(List(filtered, &page).ok());
  EXPECT_EQ(page.children_size(), 2);
  for (const char* bad : {"given_name = \"Amy\"", "legal_status = CONSENT", "harder_to_place = yes"}) {
    filtered.set_filter(bad);
    grpc::Status s = List(filtered, &page);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"filter"}) << bad;
  }
}

TEST_P(FamilyFindingApiTest, HouseholdProfilesAreReadFromTheReadModel) {
  const std::string later = SeedProfile(1, "E09000006", 20);
  const std::string earlier = SeedProfile(2, "E08000018", 3);
  pb::HouseholdProfile got;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::GetHouseholdProfileRequest get;
    get.set_name("householdProfiles/" + later);
    ASSERT_TRUE(stub_->GetHouseholdProfile(&ctx, get, &got).ok());
  }
  EXPECT_EQ(got.household(), "households/" + later);
  EXPECT_EQ(got.home_local_authority(), "E09000006");
  EXPECT_EQ(got.family_structure(), "FAMILY_STRUCTURE_SINGLE");
  EXPECT_EQ(got.enquiry_date().day(), 20);
  EXPECT_FALSE(got.approved());
  EXPECT_EQ(got.source_sequence(), 1);
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    pb::GetHouseholdProfileRequest get;
    get.set_name("householdProfiles/" + platform::NewId());
    EXPECT_EQ(stub_->GetHouseholdProfile(&ctx, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  pb::ListHouseholdProfilesRequest list;
  list.set_page_size(1);
  pb::ListHouseholdProfilesResponse page;
  std::vector<std::string> names;
  do {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ListHouseholdProfiles(&ctx, list, &page).ok());
    for (const auto& p : page.household_profiles()) names.push_back(p.name());
    list.set_page_token(page.next_page_token());
  } while (!page.next_page_token().empty());
  // Oldest enquiry first.
  EXPECT_EQ(names, (std::vector<std::string>{"householdProfiles/" + earlier, "householdProfiles/" + later}));
  pb::ListHouseholdProfilesRequest filtered;
  filtered.set_filter("approved = false AND home_local_authority = \"E08000018\"");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  ASSERT_TRUE(stub_->ListHouseholdProfiles(&ctx, filtered, &page).ok());
  ASSERT_EQ(page.household_profiles_size(), 1);
  EXPECT_EQ(page.household_profiles(0).name(), "householdProfiles/" + earlier);
}

// recruitment-svc disposed of a household's record (docs/records.md): its profile goes
// from the read model and the matching pool, a tombstone says whose disposal it
// followed, and a replay changes nothing.
TEST_P(FamilyFindingApiTest, AHouseholdsProfileGoesWithItsRecord) {
  const std::string gone = SeedProfile(1, "E09000006", 20);
  const std::string kept = SeedProfile(2, "E08000018", 3);
  auto pool_version = [&] {
    long long v = 0;
    EXPECT_TRUE(host_->db()
                    .Read([&](soci::session& sql) {
                      v = profiles_.PoolVersion(sql);
                      return absl::OkStatus();
                    })
                    .ok());
    return v;
  };
  const long long pool = pool_version();
  ev::RecordDisposed e;
  e.set_record_type("household");
  e.set_record_id(gone);
  e.set_disposal("disposals/01j00000000000000000000d02");
  SetDate(e.mutable_retain_until(), 2027, 4, 20);
  e.set_basis("2 years from the day the enquiry closed of 2025-04-20 (retention_enquiry_record_years)");
  ev::EventRecord record;
  record.set_sequence(3);
  record.set_event_type("adoption.events.v1.RecordDisposed");
  record.mutable_payload()->PackFrom(e);
  auto handlers = HouseholdEventHandlers(&profiles_, &clock_);
  for (int replay = 0; replay < 2; ++replay) {
    absl::Status applied =
        host_->db().Transaction([&](soci::session& tx) { return handlers.at(record.event_type())(tx, record); });
    ASSERT_TRUE(applied.ok()) << applied;
  }
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), gone), (std::set<std::string>{"record_disposals"}));
  EXPECT_EQ(Rows("household_profiles"), 1);
  EXPECT_EQ(Rows("record_disposals"), 1);
  EXPECT_FALSE(platform::testing::TablesHolding(host_->db(), kept).empty());
  EXPECT_GT(pool_version(), pool);  // the matching pool reloads without it
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  pb::GetHouseholdProfileRequest get;
  get.set_name("householdProfiles/" + gone);
  pb::HouseholdProfile got;
  EXPECT_EQ(stub_->GetHouseholdProfile(&ctx, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
}

// Every RPC of the service x every role: allowed exactly when the policy says so;
// every RPC of the contract is served.
TEST_P(FamilyFindingApiTest, EveryRpcAndRoleFollowsThePolicyTable) {
  EXPECT_EQ(platform::testing::PolicyMismatches(host_->port(), "adoption.familyfinding.v1.FamilyFindingService",
                                                Policies()),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("children"), 0);
}

// The scope axis: each granted role in and out of the fixture child's and profile's scope.
TEST_P(FamilyFindingApiTest, EveryGrantReachesOnlyWhatItsClaimCovers) {
  pb::Child child;
  ASSERT_TRUE(Create(ValidCreate("fixture"), &child).ok());
  const std::string profile = SeedProfile(1, "E08000018", 3);
  // The child waits for a family (the decision maker's decision, from panel-svc's log),
  // and is linked with a household of the example partner agency, as CreateLink would
  // have made it.
  {
    ev::ShouldBePlacedDecided e;
    e.set_child(child.name());
    *e.mutable_decision_date() = platform::DateToProto(platform::Today());
    ev::EventRecord record;
    record.set_sequence(1);
    record.set_event_type(ev::ShouldBePlacedDecided::descriptor()->full_name());
    record.mutable_payload()->PackFrom(e);
    auto handlers = PanelEventHandlers(&children_, &profiles_, &platform::StatutoryTable::Defaults(), &clock_);
    ASSERT_TRUE(
        host_->db().Transaction([&](soci::session& tx) { return handlers.at(record.event_type())(tx, record); }).ok());
  }
  HouseholdProfile partners;
  partners.id = platform::NewId();
  partners.facts.home_local_authority = "E08000018";
  partners.facts.enquiry_date = platform::Date(2024, 1, 10);
  partners.provider = PlacementProvider::kVoluntaryAdoptionAgency;
  partners.agency = "Example Voluntary Adoption Agency";
  partners.offer_reference = "VAA-SCOPE-1";  // offered through the API
  partners.approved = true;
  ASSERT_TRUE(host_->db()
                  .Transaction([&](soci::session& tx) {
                    profiles_.Save(tx, partners);
                    return absl::OkStatus();
                  })
                  .ok());
  Link seeded;
  seeded.id = platform::NewId();
  seeded.child_id = child.name().substr(std::string("children/").size());
  seeded.household_id = partners.id;
  seeded.reason = "Lives near the child's school";
  seeded.link_date = platform::Today();
  ASSERT_TRUE(host_->db()
                  .Transaction([&](soci::session& tx) {
                    LinkStore().Insert(tx, seeded);
                    return absl::OkStatus();
                  })
                  .ok());
  const std::string link = child.name() + "/links/" + seeded.id;
  Referral referral;
  referral.id = platform::NewId();
  referral.child_id = seeded.child_id;
  referral.referral_date = platform::Today();
  ASSERT_TRUE(host_->db()
                  .Transaction([&](soci::session& tx) {
                    ReferralStore().Insert(tx, referral);
                    return absl::OkStatus();
                  })
                  .ok());
  const std::string referral_name = "familyFindingReferrals/" + referral.id;
  int creates = 0;
  using Kind = platform::testing::ScopeCase::Kind;
  std::map<std::string, platform::testing::ScopeCase> cases = {
      {"CreateChild",
       {Kind::kCreate,
        [&] { return std::make_unique<pb::CreateChildRequest>(ValidCreate("scope-" + std::to_string(++creates))); }}},
      {"GetChild",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetChildRequest>();
          r->set_name(child.name());
          return r;
        }}},
      {"ListChildren", {Kind::kList, [] { return std::make_unique<pb::ListChildrenRequest>(); }}},
      {"UpdateChild",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdateChildRequest>();
          *r->mutable_child() = child;
          r->mutable_child()->set_ethnicity("WHITE_IRISH");
          r->mutable_update_mask()->add_paths("ethnicity");
          return r;
        }}},
      {"GetHouseholdProfile",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetHouseholdProfileRequest>();
          r->set_name("householdProfiles/" + partners.id);
          return r;
        }}},
      {"OfferHousehold",
       {Kind::kCreate, [&] {
          auto r = std::make_unique<pb::OfferHouseholdRequest>();
          r->set_reference("VAA-" + std::to_string(++creates));
          pb::HouseholdProfile* p = r->mutable_household_profile();
          p->set_home_local_authority("E08000018");
          p->set_family_structure("FAMILY_STRUCTURE_SINGLE");
          SetDate(p->mutable_enquiry_date(), 2024, 1, 6);
          SetDate(p->mutable_approval_date(), 2024, 9, 6);
          p->mutable_terms()->set_min_children(1);
          p->mutable_terms()->set_max_children(1);
          p->mutable_terms()->set_max_age_years(4);
          return r;
        }}},
      {"WithdrawHouseholdOffer",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::WithdrawHouseholdOfferRequest>();
          r->set_name("householdProfiles/" + partners.id);
          return r;
        }}},
      {"ListHouseholdProfiles", {Kind::kList, [] { return std::make_unique<pb::ListHouseholdProfilesRequest>(); }}},
      {"RecordMilestone",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::RecordMilestoneRequest>();
          r->set_child(child.name());
          r->set_request_id("milestone-" + std::to_string(++creates));
          r->mutable_milestone()->set_kind(pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL);
          *r->mutable_milestone()->mutable_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"ImportChild",
       {Kind::kCreate, [&] {
          auto r = std::make_unique<pb::ImportChildRequest>();
          r->set_source_id("OLD-" + std::to_string(++creates));
          *r->mutable_child() = ValidCreate("unused").child();
          return r;
        }}},
      {"ImportPartnerHousehold",
       {Kind::kCreate, [&] {
          auto r = std::make_unique<pb::ImportPartnerHouseholdRequest>();
          r->set_source_id("PARTNER-" + std::to_string(++creates));
          pb::HouseholdProfile* p = r->mutable_household_profile();
          p->set_home_local_authority("E08000018");
          p->set_family_structure("FAMILY_STRUCTURE_SINGLE");
          SetDate(p->mutable_enquiry_date(), 2025, 1, 6);
          p->set_provider(pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
          p->set_agency("Caritas Care");
          return r;
        }}},
      {"ReportScorecard",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportScorecardRequest>();
          SetDate(r->mutable_period()->mutable_first_day(), 2024, 4, 1);
          SetDate(r->mutable_period()->mutable_last_day(), 2025, 3, 31);
          return r;
        }}},
      {"CreateFamilyFindingReferral",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::CreateFamilyFindingReferralRequest>();
          r->set_request_id("referral-" + std::to_string(++creates));
          r->mutable_family_finding_referral()->set_child(child.name());
          *r->mutable_family_finding_referral()->mutable_referral_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"GetFamilyFindingReferral",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetFamilyFindingReferralRequest>();
          r->set_name(referral_name);
          return r;
        }}},
      {"ListFamilyFindingReferrals",
       {Kind::kList, [] { return std::make_unique<pb::ListFamilyFindingReferralsRequest>(); }}},
      {"UpdateFamilyFindingReferral",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdateFamilyFindingReferralRequest>();
          r->mutable_family_finding_referral()->set_name(referral_name);
          r->mutable_family_finding_referral()->set_etag("1");
          r->mutable_family_finding_referral()->set_family_finder("finder-7");
          r->mutable_update_mask()->add_paths("family_finder");
          return r;
        }}},
      {"WithdrawFamilyFindingReferral",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::WithdrawFamilyFindingReferralRequest>();
          r->set_name(referral_name);
          r->set_etag("1");
          *r->mutable_withdrawn_date() = platform::DateToProto(platform::Today());
          r->set_reason("The child is to return home");
          return r;
        }}},
      {"ListChildProfiles", {Kind::kList, [] { return std::make_unique<pb::ListChildProfilesRequest>(); }}},
      {"GetChildProfile",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetChildProfileRequest>();
          r->set_name("childProfiles/" + seeded.child_id);
          return r;
        }}},
      {"CreateLink",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::CreateLinkRequest>();
          r->set_parent(child.name());
          r->set_request_id("link-" + std::to_string(++creates));
          r->mutable_link()->set_household("households/" + profile);
          r->mutable_link()->set_provider(pb::PLACEMENT_PROVIDER_IN_HOUSE);
          r->mutable_link()->set_reason("Near the child's school");
          *r->mutable_link()->mutable_link_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"GetLink",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetLinkRequest>();
          r->set_name(link);
          return r;
        }}},
      {"ListLinks",
       {Kind::kList, [] {
          auto r = std::make_unique<pb::ListLinksRequest>();
          r->set_parent("children/-");
          return r;
        }}},
      {"ActivateLink",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::ActivateLinkRequest>();
          r->set_name(link);
          r->set_etag("1");
          return r;
        }}},
      {"CloseLink",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::CloseLinkRequest>();
          r->set_name(link);
          r->set_etag("1");
          r->set_reason("The family withdrew");
          return r;
        }}},
      {"SearchHouseholds",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::SearchHouseholdsRequest>();
          r->set_child(child.name());
          return r;
        }}},
      {"ReportInterAgencyFees",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportInterAgencyFeesRequest>();
          SetDate(r->mutable_period()->mutable_first_day(), 2024, 4, 1);
          SetDate(r->mutable_period()->mutable_last_day(), 2025, 3, 31);
          return r;
        }}},
      {"ReportChildBreakdowns",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportChildBreakdownsRequest>();
          SetDate(r->mutable_period()->mutable_first_day(), 2024, 4, 1);
          SetDate(r->mutable_period()->mutable_last_day(), 2025, 3, 31);
          return r;
        }}},
      {"ReportChildMilestones",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportChildMilestonesRequest>();
          SetDate(r->mutable_period()->mutable_first_day(), 2024, 4, 1);
          SetDate(r->mutable_period()->mutable_last_day(), 2025, 3, 31);
          return r;
        }}},
      {"ReportChildrenWaiting",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportChildrenWaitingRequest>();
          SetDate(r->mutable_at(), 2025, 3, 31);
          return r;
        }}},
      {"ReportDecisionCohort",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportDecisionCohortRequest>();
          SetDate(r->mutable_period()->mutable_first_day(), 2024, 4, 1);
          SetDate(r->mutable_period()->mutable_last_day(), 2025, 3, 31);
          SetDate(r->mutable_at(), 2025, 3, 31);
          return r;
        }}},
  };
  // The child and the profiles are all Rotherham's; the profile is household `profile`;
  // the link's household, offered, is the example partner's (config/agency.tsv).
  EXPECT_EQ(platform::testing::ScopeMismatches(
                host_->port(), "adoption.familyfinding.v1.FamilyFindingService", Policies(),
                {.local_authorities = {"E08000018"}, .household = profile, .partner_agency = "example-vaa"}, cases),
            std::vector<std::string>{});
}

// A date of birth is judged on the clock's day: pinned to 1 June 2025, a child
// born on the 2nd is refused on create and on update.
TEST_P(FamilyFindingApiTest, ABirthDateIsJudgedOnTheClocksDay) {
  clock_.Set(platform::Date(2025, 6, 1));
  pb::CreateChildRequest r = ValidCreate("pinned");
  *r.mutable_child()->mutable_date_of_birth() = platform::DateToProto(platform::Date(2025, 6, 2));
  r.mutable_child()->clear_entered_care_date();
  pb::Child c;
  grpc::Status s = Create(r, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"child.date_of_birth"});
  *r.mutable_child()->mutable_date_of_birth() = platform::DateToProto(platform::Date(2025, 5, 1));
  ASSERT_TRUE(Create(r, &c).ok());
  pb::UpdateChildRequest up;
  *up.mutable_child() = c;
  *up.mutable_child()->mutable_entered_care_date() = platform::DateToProto(platform::Date(2025, 6, 2));
  up.mutable_update_mask()->add_paths("entered_care_date");
  pb::Child updated;
  s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"child.entered_care_date"});
  clock_.Set(platform::Date(2025, 6, 2));
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.entered_care_date().day(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, FamilyFindingApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each domain value is the contract value of its name: the number mapping
// (domain = contract - 1) is proved, not assumed.
TEST(ChildMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  EXPECT_EQ(EnumMismatches(pb::Sex_descriptor(), {Sex::kFemale, Sex::kMale, Sex::kNotKnown}, SexName), none);
  using L = LegalStatus;
  EXPECT_EQ(EnumMismatches(pb::LegalStatus_descriptor(),
                           {L::kAccommodated, L::kInCareProceedings, L::kCareOrder, L::kPlacementOrder, L::kConsent,
                            L::kPlacementOrderAppeal, L::kRevocationApplication, L::kContestedAdoptionApplication,
                            L::kAdoptionOrder, L::kPlacementOrderRefusedOrRevoked},
                           LegalStatusName),
            none);
  using F = FamilyFindingStatus;
  EXPECT_EQ(EnumMismatches(pb::FamilyFindingStatus_descriptor(),
                           {F::kTracking, F::kActivelyFamilyFinding, F::kLinked, F::kMatchedAwaitingPlacement,
                            F::kPlaced, F::kAdopted, F::kOnHold, F::kPlanChanged, F::kDisrupted},
                           StatusName),
            none);
  using P = SiblingPlacement;
  EXPECT_EQ(EnumMismatches(pb::SiblingPlacement_descriptor(), {P::kAssessmentPending, P::kTogether, P::kApart},
                           SiblingPlacementName),
            none);
}

}  // namespace
}  // namespace familyfinding
