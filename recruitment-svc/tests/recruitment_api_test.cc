// The API in-process over a real gRPC port, on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::recruitment::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::ViolatedFields;

pb::CreateHouseholdRequest ValidCreate(const std::string& request_id) {
  pb::CreateHouseholdRequest r;
  r.set_request_id(request_id);
  auto* h = r.mutable_household();
  auto* a = h->add_applicants();
  a->mutable_person()->set_given_name("Priya");
  a->mutable_person()->set_family_name("Shah");
  a->set_ethnicity("ASIAN_INDIAN");
  h->set_family_structure(pb::FAMILY_STRUCTURE_SINGLE);
  h->set_home_local_authority("E09000006");
  h->mutable_enquiry_date()->set_year(2025);
  h->mutable_enquiry_date()->set_month(4);
  h->mutable_enquiry_date()->set_day(7);
  return r;
}

class RecruitmentApiTest : public platform::testing::ApiTest<pb::RecruitmentService> {
 protected:
  RecruitmentApiTest() : ApiTest("recruitment", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    return std::make_unique<RecruitmentApi>(host.Runner(&Policies()), &host.db(), &clock_, &store_);
  }

  grpc::Status Create(const pb::CreateHouseholdRequest& r, pb::Household* out,
                      std::vector<Role> roles = {Role::kRecruitmentWorker}) {
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreateHousehold(&ctx, r, out);
  }
  grpc::Status Update(const pb::UpdateHouseholdRequest& r, pb::Household* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    return stub_->UpdateHousehold(&ctx, r, out);
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  HouseholdStore store_;
};

TEST_P(RecruitmentApiTest, ACreatedHouseholdCanBeReadBack) {
  pb::Household created;
  ASSERT_TRUE(Create(ValidCreate("r-1"), &created).ok());
  EXPECT_EQ(created.status(), pb::HOUSEHOLD_STATUS_ENQUIRY);
  EXPECT_EQ(created.etag(), "1");
  EXPECT_EQ(created.record_info().created_by(), "worker-1");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetHouseholdRequest get;
  get.set_name(created.name());
  pb::Household got;
  ASSERT_TRUE(stub_->GetHousehold(&ctx, get, &got).ok());
  EXPECT_EQ(got.applicants(0).person().family_name(), "Shah");
  EXPECT_EQ(got.enquiry_date().day(), 7);
  // Create and read are both audited; the create wrote one event.
  EXPECT_EQ(Rows("audit_log"), 2);
  EXPECT_EQ(Rows("outbox"), 1);
}

TEST_P(RecruitmentApiTest, AStoredStatusNotInTheTableIsDataLossNotADefault) {
  pb::Household created;
  ASSERT_TRUE(Create(ValidCreate("r-corrupt"), &created).ok());
  ASSERT_TRUE(host_->db()
                  .Transaction([](soci::session& tx) {
                    tx << "UPDATE households SET status = 'ADOPTED_SOMEWHERE'";
                    return absl::OkStatus();
                  })
                  .ok());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetHouseholdRequest get;
  get.set_name(created.name());
  pb::Household got;
  grpc::Status status = stub_->GetHousehold(&ctx, get, &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS) << status.error_message();
  EXPECT_EQ(status.error_message().find("ADOPTED_SOMEWHERE"), std::string::npos);
}

TEST_P(RecruitmentApiTest, ARetriedCreateReturnsTheFirstResult) {
  pb::Household first, second;
  ASSERT_TRUE(Create(ValidCreate("same"), &first).ok());
  ASSERT_TRUE(Create(ValidCreate("same"), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(Rows("households"), 1);
  EXPECT_EQ(Rows("outbox"), 1);
}

TEST_P(RecruitmentApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  auto r = ValidCreate("");
  r.mutable_household()->set_family_structure(pb::FAMILY_STRUCTURE_COUPLE_SAME_SEX);
  r.mutable_household()->set_home_local_authority("nowhere");
  r.mutable_household()->mutable_enquiry_date()->set_month(2);
  r.mutable_household()->mutable_enquiry_date()->set_day(30);
  pb::Household out;
  grpc::Status s = Create(r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"request_id", "household.enquiry_date",
                                                         "household.family_structure",
                                                         "household.home_local_authority"}));
  EXPECT_EQ(Rows("households"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
  EXPECT_EQ(Rows("create_requests"), 0);
}

TEST_P(RecruitmentApiTest, NoTokenIsUnauthenticatedAndAWrongRoleIsDenied) {
  pb::Household out;
  EXPECT_EQ(Create(ValidCreate("a"), &out, {}).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create(ValidCreate("b"), &out, {Role::kBirthRelative}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer not-a-jwt");
  EXPECT_EQ(stub_->CreateHousehold(&ctx, ValidCreate("c"), &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Rows("households"), 0);
  EXPECT_EQ(Rows("audit_log"), 3);  // refusals are audited
}

TEST_P(RecruitmentApiTest, UpdateChangesOnlyMaskedFieldsAndRejectsAStaleEtag) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("u"), &h).ok());
  pb::UpdateHouseholdRequest up;
  *up.mutable_household() = h;
  up.mutable_household()->set_home_local_authority("E08000018");
  up.mutable_household()->set_foster_carers(true);  // not in the mask: ignored
  up.mutable_update_mask()->add_paths("home_local_authority");
  pb::Household updated;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    ASSERT_TRUE(stub_->UpdateHousehold(&ctx, up, &updated).ok());
  }
  EXPECT_EQ(updated.home_local_authority(), "E08000018");
  EXPECT_FALSE(updated.foster_carers());
  EXPECT_EQ(updated.etag(), "2");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kRecruitmentWorker});
  EXPECT_EQ(stub_->UpdateHousehold(&ctx, up, &updated).error_code(), grpc::StatusCode::ABORTED);  // etag 1 is stale
  up.mutable_update_mask()->set_paths(0, "status");
  grpc::ClientContext ctx2;
  Authorize(ctx2, {Role::kRecruitmentWorker});
  grpc::Status s = stub_->UpdateHousehold(&ctx2, up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"update_mask"});
}

// An update reads every field but answers only for those its mask changes: a bad
// value outside the mask is ignored, the same value inside it is refused.
TEST_P(RecruitmentApiTest, UpdateAnswersOnlyForTheMaskedFields) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("m"), &h).ok());
  pb::UpdateHouseholdRequest up;
  *up.mutable_household() = h;
  up.mutable_household()->set_home_local_authority("E08000018");
  up.mutable_household()->mutable_enquiry_date()->set_month(2);
  up.mutable_household()->mutable_enquiry_date()->set_day(30);
  up.mutable_household()->mutable_applicants(0)->mutable_person()->mutable_date_of_birth()->set_year(1980);
  up.mutable_household()->mutable_applicants(0)->mutable_person()->mutable_date_of_birth()->set_month(13);
  up.mutable_household()->mutable_applicants(0)->mutable_person()->mutable_date_of_birth()->set_day(1);
  up.mutable_update_mask()->add_paths("home_local_authority");
  pb::Household updated;
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.home_local_authority(), "E08000018");
  EXPECT_EQ(updated.enquiry_date().month(), 4);
  up.mutable_household()->set_etag(updated.etag());
  up.mutable_update_mask()->add_paths("enquiry_date");
  up.mutable_update_mask()->add_paths("applicants");
  grpc::Status s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"household.applicants[0].person.date_of_birth",
                                                         "household.enquiry_date"}));
}

TEST_P(RecruitmentApiTest, ListPagesAndFilters) {
  for (int i = 0; i < 3; ++i) {
    pb::Household out;
    auto r = ValidCreate("l" + std::to_string(i));
    if (i == 2) r.mutable_household()->set_home_local_authority("E08000018");
    ASSERT_TRUE(Create(r, &out).ok());
  }
  pb::ListHouseholdsRequest list;
  list.set_page_size(2);
  pb::ListHouseholdsResponse page;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ListHouseholds(&ctx, list, &page).ok());
  }
  EXPECT_EQ(page.households_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ListHouseholds(&ctx, list, &page).ok());
  }
  EXPECT_EQ(page.households_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());
  // A page token resumes only its own list: not under another filter, nor for another caller.
  {
    pb::ListHouseholdsRequest other = list;
    other.set_filter("home_local_authority = \"E09000006\"");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    grpc::Status s = stub_->ListHouseholds(&ctx, other, &page);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"page_token"});
  }
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {.subject = "another-manager", .roles = {Role::kManager}});
    grpc::Status s = stub_->ListHouseholds(&ctx, list, &page);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"page_token"});
  }
  pb::ListHouseholdsRequest filtered;
  filtered.set_filter("home_local_authority = \"E08000018\" AND status = HOUSEHOLD_STATUS_ENQUIRY");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  ASSERT_TRUE(stub_->ListHouseholds(&ctx, filtered, &page).ok());
  EXPECT_EQ(page.households_size(), 1);
  filtered.set_filter("applicants = \"x\"");
  grpc::ClientContext bad;
  Authorize(bad, {Role::kManager});
  EXPECT_EQ(stub_->ListHouseholds(&bad, filtered, &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Every RPC of the service x every role: allowed exactly when the policy says so.
TEST_P(RecruitmentApiTest, EveryRpcAndRoleFollowsThePolicyTable) {
  EXPECT_EQ(platform::testing::PolicyMismatches(host_->port(), "adoption.recruitment.v1.RecruitmentService",
                                                Policies()),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("households"), 0);
}

// The scope axis: each granted role in and out of the fixture household's scope.
TEST_P(RecruitmentApiTest, EveryGrantReachesOnlyWhatItsClaimCovers) {
  pb::Household fixture;
  ASSERT_TRUE(Create(ValidCreate("fixture"), &fixture).ok());
  const std::string id = fixture.name().substr(std::string("households/").size());
  int creates = 0;
  using Kind = platform::testing::ScopeCase::Kind;
  std::map<std::string, platform::testing::ScopeCase> cases = {
      {"CreateHousehold",
       {Kind::kCreate, [&] { return std::make_unique<pb::CreateHouseholdRequest>(
                                 ValidCreate(absl::StrCat("scope-", ++creates))); }}},
      {"GetHousehold",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetHouseholdRequest>();
          r->set_name(fixture.name());
          return r;
        }}},
      {"ListHouseholds", {Kind::kList, [] { return std::make_unique<pb::ListHouseholdsRequest>(); }}},
      {"UpdateHousehold",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdateHouseholdRequest>();
          *r->mutable_household() = fixture;
          r->mutable_household()->set_early_permanence_interest(true);
          r->mutable_update_mask()->add_paths("early_permanence_interest");
          return r;
        }}},
  };
  EXPECT_EQ(platform::testing::ScopeMismatches(host_->port(), "adoption.recruitment.v1.RecruitmentService",
                                               Policies(), {.local_authorities = {"E09000006"}, .household = id},
                                               cases),
            std::vector<std::string>{});
}

TEST_P(RecruitmentApiTest, AWorkerOfAnotherAuthorityFindsNothingAndCannotMoveAHouseholdAway) {
  pb::Household bromley;
  ASSERT_TRUE(Create(ValidCreate("b-1"), &bromley).ok());
  platform::TokenRequest rotherham{.subject = "worker-r", .roles = {Role::kRecruitmentWorker},
                                   .local_authorities = {"E08000018"}};
  {
    grpc::ClientContext ctx;
    Authorize(ctx, rotherham);
    pb::GetHouseholdRequest get;
    get.set_name(bromley.name());
    pb::Household got;
    grpc::Status s = stub_->GetHousehold(&ctx, get, &got);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(s.error_message(), absl::StrCat(bromley.name(), " not found"));
  }
  {
    // A page of another authority's worker holds none of Bromley's households.
    grpc::ClientContext ctx;
    Authorize(ctx, rotherham);
    pb::ListHouseholdsResponse page;
    ASSERT_TRUE(stub_->ListHouseholds(&ctx, pb::ListHouseholdsRequest(), &page).ok());
    EXPECT_EQ(page.households_size(), 0);
  }
  {
    // Creating a household in Bromley is not Rotherham's to do.
    pb::Household out;
    grpc::ClientContext ctx;
    Authorize(ctx, rotherham);
    EXPECT_EQ(stub_->CreateHousehold(&ctx, ValidCreate("r-2"), &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    // Bromley's worker may not move a household to an authority it does not act for.
    platform::TokenRequest bromley_only{.subject = "worker-b", .roles = {Role::kRecruitmentWorker},
                                        .local_authorities = {"E09000006"}};
    pb::UpdateHouseholdRequest r;
    *r.mutable_household() = bromley;
    r.mutable_household()->set_home_local_authority("E08000018");
    r.mutable_update_mask()->add_paths("home_local_authority");
    grpc::ClientContext ctx;
    Authorize(ctx, bromley_only);
    pb::Household out;
    EXPECT_EQ(stub_->UpdateHousehold(&ctx, r, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(Rows("households"), 1);
  EXPECT_EQ(Rows("household_history"), 0);
}

TEST_P(RecruitmentApiTest, AnAdopterReachesTheirOwnHouseholdAndNoOther) {
  pb::Household mine, theirs;
  ASSERT_TRUE(Create(ValidCreate("m"), &mine).ok());
  ASSERT_TRUE(Create(ValidCreate("t"), &theirs).ok());
  platform::TokenRequest adopter{.subject = "adopter-1", .roles = {Role::kAdopter},
                                 .household = mine.name().substr(std::string("households/").size())};
  pb::Household got;
  grpc::ClientContext ok_ctx, other_ctx, list_ctx;
  Authorize(ok_ctx, adopter);
  Authorize(other_ctx, adopter);
  Authorize(list_ctx, adopter);
  pb::GetHouseholdRequest get;
  get.set_name(mine.name());
  ASSERT_TRUE(stub_->GetHousehold(&ok_ctx, get, &got).ok());
  EXPECT_EQ(got.name(), mine.name());
  get.set_name(theirs.name());
  EXPECT_EQ(stub_->GetHousehold(&other_ctx, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  pb::ListHouseholdsResponse page;
  ASSERT_TRUE(stub_->ListHouseholds(&list_ctx, pb::ListHouseholdsRequest(), &page).ok());
  ASSERT_EQ(page.households_size(), 1);
  EXPECT_EQ(page.households(0).name(), mine.name());
}

TEST_P(RecruitmentApiTest, RequestIdsArePerCallerAndBoundToTheRequest) {
  pb::Household a, b, again;
  ASSERT_TRUE(Create(ValidCreate("shared-id"), &a).ok());
  // Another worker's create under the same request id is its own household.
  auto other = ValidCreate("shared-id");
  other.mutable_household()->mutable_applicants(0)->mutable_person()->set_family_name("Okafor");
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization",
                    "Bearer " + platform::testing::TokenFor({Role::kRecruitmentWorker}, "worker-2"));
    ASSERT_TRUE(stub_->CreateHousehold(&ctx, other, &b).ok());
  }
  EXPECT_NE(a.name(), b.name());
  EXPECT_EQ(b.applicants(0).person().family_name(), "Okafor");
  // The first worker reusing the id for a different household is told so; nothing is written.
  grpc::Status s = Create(other, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"request_id"});
  EXPECT_EQ(Rows("households"), 2);
  EXPECT_EQ(Rows("create_requests"), 2);
}

// "Not in the future" is judged on the clock's day, not the machine's: pinned to
// 6 April 2025, an enquiry of the 7th is refused on create and on update.
TEST_P(RecruitmentApiTest, AnEnquiryDateIsJudgedOnTheClocksDay) {
  clock_.Set(platform::Date(2025, 4, 6));
  pb::Household h;
  grpc::Status s = Create(ValidCreate("pinned"), &h);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household.enquiry_date"});
  clock_.Set(platform::Date(2025, 4, 7));
  ASSERT_TRUE(Create(ValidCreate("pinned"), &h).ok());
  EXPECT_EQ(h.record_info().update_time().seconds(), 1743984000);  // 2025-04-07T00:00:00Z, as the clock says
  pb::UpdateHouseholdRequest up;
  *up.mutable_household() = h;
  up.mutable_household()->mutable_enquiry_date()->set_day(8);
  up.mutable_update_mask()->add_paths("enquiry_date");
  pb::Household updated;
  s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household.enquiry_date"});
  clock_.Set(platform::Date(2025, 4, 8));
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.enquiry_date().day(), 8);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecruitmentApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(RecruitmentEnums, EachDomainValueIsTheContractValueOfItsName) {
  using S = HouseholdStatus;
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::HouseholdStatus_descriptor(),
                {S::kEnquiry, S::kInfoSessionBooked, S::kInfoSessionAttended, S::kInitialVisit, S::kRoiReceived,
                 S::kStageOne, S::kBreak, S::kStageTwo, S::kAwaitingPanel, S::kApproved, S::kLinked, S::kMatched,
                 S::kChildPlaced, S::kAdoptionOrder, S::kWithdrawn, S::kCounselledOut, S::kNotApproved,
                 S::kApprovalTerminated},
                StatusName),
            std::vector<std::string>{});
  using F = FamilyStructure;
  EXPECT_EQ(platform::testing::EnumMismatches(pb::FamilyStructure_descriptor(),
                                              {F::kCoupleDifferentSex, F::kCoupleSameSex, F::kSingle}, StructureName),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace recruitment
