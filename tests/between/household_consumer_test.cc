// The consumer end to end, in one process: a recruitment host serves its event log;
// a familyfinding host's consumer reads it with a service token and builds the
// household profiles. Both databases on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <thread>

#include "familyfinding-svc/api/familyfinding_api.h"
#include "adoption/events/v1/events.pb.h"
#include "familyfinding-svc/api/household_events.h"
#include "platform/events/events.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
}
namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::familyfinding::v1;
namespace rpb = adoption::recruitment::v1;
using platform::Role;
using platform::testing::Authorize;

class HouseholdConsumerTest : public platform::testing::ApiTest<pb::FamilyFindingService> {
 protected:
  HouseholdConsumerTest() : ApiTest("familyfinding", Migrations()) {}

  // Recruitment first, with the event visibility recruitment-svc/main.cc serves; then
  // familyfinding, whose consumer reads recruitment's log.
  void SetUp() override {
    recruitment_db_ = std::make_unique<platform::testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*recruitment_db_);
    recruitment_ = platform::testing::CreateHost("recruitment", *recruitment_db_, recruitment::Migrations(),
                                                 recruitment::EventVisibility());
    recruitment_api_ = std::make_unique<recruitment::RecruitmentApi>(
        recruitment_->Runner(&recruitment::Policies()), &recruitment_->db(), &clock_, &recruitment_->statutory(),
        &households_, &sessions_, &pauses_);
    recruitment_->Register(recruitment_api_.get());
    ASSERT_TRUE(recruitment_->Start().ok());
    households_stub_ = platform::testing::StubFor<rpb::RecruitmentService>(*recruitment_);
    ApiTest::SetUp();
  }
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    host.AddConsumer(platform::Consumer::Options{
        .upstream = "recruitment",
        .target = "127.0.0.1:" + std::to_string(recruitment_->port()),
        .handlers = HouseholdEventHandlers(&profiles_, &clock_),
    });
    return std::make_unique<FamilyFindingApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                              &platform::StatutoryTable::Defaults(), &children_, &profiles_);
  }
  void TearDown() override {
    ApiTest::TearDown();
    if (recruitment_) recruitment_->Shutdown();
  }

  // Polls GetHouseholdProfile for up to 10 s until `done` holds for the profile.
  bool WaitForProfile(const std::string& name, const std::function<bool(const pb::HouseholdProfile&)>& done,
                      pb::HouseholdProfile* out) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kFamilyFinder});
      pb::GetHouseholdProfileRequest get;
      get.set_name(name);
      if (stub_->GetHouseholdProfile(&ctx, get, out).ok() && done(*out)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // A household registered in recruitment-svc, as its answer.
  rpb::Household Register(const std::string& request_id) {
    rpb::CreateHouseholdRequest create;
    create.set_request_id(request_id);
    auto* h = create.mutable_household();
    auto* a = h->add_applicants();
    a->mutable_person()->set_given_name("Priya");
    a->mutable_person()->set_family_name("Shah");
    h->set_family_structure(rpb::FAMILY_STRUCTURE_SINGLE);
    h->set_home_local_authority("E09000006");
    h->mutable_enquiry_date()->set_year(2025);
    h->mutable_enquiry_date()->set_month(4);
    h->mutable_enquiry_date()->set_day(7);
    h->set_early_permanence_interest(true);
    rpb::Household household;
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    // The first call opens the channel: on a loaded machine its first connect can fail,
    // and a create is safe to retry (idempotent on request_id).
    ctx.set_wait_for_ready(true);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::Status status = households_stub_->CreateHousehold(&ctx, create, &household);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return household;
  }
  // Moves the household to `la` in recruitment-svc.
  void Move(rpb::Household& household, const std::string& la) {
    rpb::UpdateHouseholdRequest update;
    *update.mutable_household() = household;
    update.mutable_household()->set_home_local_authority(la);
    update.mutable_update_mask()->add_paths("home_local_authority");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    grpc::Status status = households_stub_->UpdateHousehold(&ctx, update, &household);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // Runs `sql` on familyfinding's database.
  void Exec(const std::string& sql) {
    ASSERT_TRUE(host_->db()
                    .Transaction([&](soci::session& tx) {
                      tx << sql;
                      return absl::OkStatus();
                    })
                    .ok());
  }

  std::unique_ptr<platform::testing::ScratchDatabase> recruitment_db_;
  std::unique_ptr<platform::ServiceHost> recruitment_;
  platform::SystemClock clock_;
  recruitment::HouseholdStore households_;
  recruitment::InformationSessionStore sessions_;
  recruitment::RegistrationPauseStore pauses_;
  std::unique_ptr<recruitment::RecruitmentApi> recruitment_api_;
  std::unique_ptr<rpb::RecruitmentService::Stub> households_stub_;
  ChildStore children_;
  HouseholdProfileStore profiles_;
};

TEST_P(HouseholdConsumerTest, AHouseholdRegisteredInRecruitmentAppearsAsAProfileAndFollowsCorrections) {
  rpb::Household household = Register("e2e-1");
  const std::string id = household.name().substr(std::string("households/").size());
  const std::string name = "householdProfiles/" + id;

  pb::HouseholdProfile profile;
  ASSERT_TRUE(WaitForProfile(
      name, [](const pb::HouseholdProfile&) { return true; }, &profile))
      << "no profile within 10 s";
  EXPECT_EQ(profile.household(), household.name());
  EXPECT_EQ(profile.home_local_authority(), "E09000006");
  EXPECT_EQ(profile.family_structure(), "FAMILY_STRUCTURE_SINGLE");
  EXPECT_EQ(profile.enquiry_date().day(), 7);
  EXPECT_TRUE(profile.early_permanence_interest());
  EXPECT_FALSE(profile.approved());
  EXPECT_EQ(profile.source_sequence(), 1);

  Move(household, "E08000018");
  ASSERT_TRUE(WaitForProfile(
      name, [](const pb::HouseholdProfile& p) { return p.home_local_authority() == "E08000018"; }, &profile))
      << "the correction did not arrive within 10 s";
  EXPECT_EQ(profile.source_sequence(), 2);
  EXPECT_EQ(Rows("household_profiles"), 1);
  EXPECT_EQ(Rows("consumer_inbox"), 2);
}

// recruitment-svc's status changes as it writes them when panel-svc's decisions reach
// it: the approval with its terms, then an agreed review on new terms (status stays).
TEST_P(HouseholdConsumerTest, AReviewedApprovalsTermsReplaceTheApprovalsForMatching) {
  rpb::Household household = Register("review-1");
  const std::string id = household.name().substr(std::string("households/").size());
  const std::string name = "householdProfiles/" + id;
  auto change = [&](const std::string& from, const std::string& to, const std::string& journey_event, int day,
                    int max_children) {
    adoption::events::v1::HouseholdStatusChanged e;
    e.set_household(household.name());
    e.set_from_status(from);
    e.set_to_status(to);
    e.set_journey_event(journey_event);
    platform::testing::SetDate(e.mutable_effective_date(), 2025, 9, day);
    auto* a = e.mutable_approval();
    a->set_household(household.name());
    *a->mutable_decision_date() = e.effective_date();
    a->set_min_children(1);
    a->set_max_children(max_children);
    a->set_sibling_groups(max_children > 1);
    a->set_max_age_years(4);
    ASSERT_TRUE(recruitment_->db()
                    .Transaction([&](soci::session& tx) {
                      platform::AppendToOutbox(tx, "household", id, e, "test-event");
                      return absl::OkStatus();
                    })
                    .ok());
  };
  change("HOUSEHOLD_STATUS_AWAITING_PANEL", "HOUSEHOLD_STATUS_APPROVED", "JOURNEY_EVENT_APPROVED", 10, 1);
  change("HOUSEHOLD_STATUS_APPROVED", "HOUSEHOLD_STATUS_APPROVED", "JOURNEY_EVENT_APPROVAL_REVIEWED", 24, 2);
  pb::HouseholdProfile profile;
  ASSERT_TRUE(WaitForProfile(
      name, [](const pb::HouseholdProfile& p) { return p.terms().max_children() == 2; }, &profile))
      << profile.DebugString();
  EXPECT_TRUE(profile.approved());
  EXPECT_FALSE(profile.matched());
  EXPECT_EQ(profile.approval_date().day(), 10);  // approved then; reviewed since
  EXPECT_TRUE(profile.terms().sibling_groups());
  EXPECT_EQ(profile.terms().max_age_years(), 4);
}

TEST_P(HouseholdConsumerTest, ACorruptProfileStopsTheConsumerAndIsDataLossUntilRepaired) {
  rpb::Household household = Register("e2e-2");
  const std::string name = "householdProfiles/" + household.name().substr(std::string("households/").size());
  pb::HouseholdProfile profile;
  ASSERT_TRUE(WaitForProfile(
      name, [](const pb::HouseholdProfile&) { return true; }, &profile));
  Exec("UPDATE household_profiles SET enquiry_date = 'April'");

  // Read, it is DATA_LOSS, not a default date.
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  pb::GetHouseholdProfileRequest get;
  get.set_name(name);
  grpc::Status status = stub_->GetHouseholdProfile(&ctx, get, &profile);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS) << status.error_message();

  // The next event for it cannot be applied: the consumer stops there (the process
  // lives on), and resumes once the row is repaired.
  Move(household, "E08000018");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(Rows("consumer_inbox"), 1);
  Exec("UPDATE household_profiles SET enquiry_date = '2025-04-07'");
  ASSERT_TRUE(WaitForProfile(
      name, [](const pb::HouseholdProfile& p) { return p.home_local_authority() == "E08000018"; }, &profile))
      << "the consumer did not resume within 10 s";
  EXPECT_EQ(Rows("consumer_inbox"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, HouseholdConsumerTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace familyfinding
