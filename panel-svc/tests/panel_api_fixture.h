#pragma once
// The panel's API in-process over a real gRPC port, on SQLite (unit) and MariaDB
// (integration), with a real recruitment-svc beside it on its own database: the
// panel asks it about the households it decides on, with a service token.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "panel-svc/api/panel_api.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/upstream.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
}
namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace panel::testing {

namespace pb = adoption::panel::v1;
namespace rpb = adoption::recruitment::v1;

class PanelApiTest : public platform::testing::ApiTest<pb::PanelService> {
 protected:
  PanelApiTest() : ApiTest("panel", Migrations(), EventVisibility()) {}

  void SetUp() override {
    recruitment_db_ = std::make_unique<platform::testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*recruitment_db_);
    recruitment_host_ = platform::testing::CreateHost("recruitment", *recruitment_db_, recruitment::Migrations(),
                                                      recruitment::EventVisibility());
    recruitment_api_ = std::make_unique<recruitment::RecruitmentApi>(
        recruitment_host_->Runner(&recruitment::Policies()), &recruitment_host_->db(), &clock_,
        &recruitment_host_->statutory(), &household_store_, &sessions_, &pauses_);
    recruitment_host_->Register(recruitment_api_.get());
    ASSERT_TRUE(recruitment_host_->Start().ok());
    upstream_ = std::make_unique<platform::Upstream>(
        "recruitment", "127.0.0.1:" + std::to_string(recruitment_host_->port()),
        [] { return platform::testing::TokenFor({platform::Role::kService}, "panel"); });
    households_ = std::make_unique<RecruitmentHouseholds>(upstream_.get());
    ApiTest::SetUp();
  }
  void TearDown() override {
    ApiTest::TearDown();
    StopRecruitment();
  }
  void StopRecruitment() {
    if (recruitment_host_) recruitment_host_->Shutdown();
  }

  // A household imported into recruitment-svc: registered in January 2024, Stage 1
  // done by April, and (unless `stage_two` is false) its Stage 2 notice on 10 April.
  std::string Household(const std::string& source, bool stage_two = true) {
    rpb::ImportHouseholdRequest r;
    r.set_source_id(source);
    rpb::Household* h = r.mutable_household();
    h->add_applicants()->set_ethnicity("WBRI");
    h->set_family_structure(rpb::FAMILY_STRUCTURE_SINGLE);
    h->set_home_local_authority("E09000006");
    platform::testing::SetDate(h->mutable_enquiry_date(), 2024, 1, 10);
    auto step = [&](rpb::JourneyEvent e, int month, int day) {
      rpb::JourneyStep* s = r.add_steps();
      s->set_event(e);
      platform::testing::SetDate(s->mutable_effective_date(), 2024, month, day);
    };
    step(rpb::JOURNEY_EVENT_ROI_RECEIVED, 2, 1);
    step(rpb::JOURNEY_EVENT_ROI_ACCEPTED, 2, 2);
    step(rpb::JOURNEY_EVENT_STAGE_ONE_STARTED, 2, 5);
    step(rpb::JOURNEY_EVENT_STAGE_ONE_COMPLETED, 4, 1);
    if (stage_two) step(rpb::JOURNEY_EVENT_STAGE_TWO_STARTED, 4, 10);
    auto stub = platform::testing::StubFor<rpb::RecruitmentService>(*recruitment_host_);
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kManager});
    rpb::ImportHouseholdResponse out;
    grpc::Status s = stub->ImportHousehold(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.household().name();
  }

  // An agreed approval of `household` imported under `source`: heard at panel a week
  // before `day`, for one or two children up to six, dual approval.
  static pb::ImportDecisionRequest ApprovalOf(const std::string& household, const std::string& source,
                                              platform::Date day = platform::Date(2024, 9, 12)) {
    pb::ImportDecisionRequest r;
    r.set_source_id(source);
    pb::Decision* d = r.mutable_decision();
    d->set_kind(pb::DECISION_KIND_ADOPTER_APPROVAL);
    d->set_outcome(pb::DECISION_OUTCOME_AGREED);
    *d->mutable_decision_date() = platform::DateToProto(day);
    *d->mutable_panel_date() = platform::DateToProto(day - 7);
    d->set_household(household);
    pb::ApprovalTerms* t = d->mutable_approval_terms();
    t->set_min_children(1);
    t->set_max_children(2);
    t->set_max_age_years(6);
    t->set_sibling_groups(true);
    t->add_ethnicities("WBRI");
    t->set_dual_approval(true);
    return r;
  }

  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    return std::make_unique<PanelApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                      &platform::StatutoryTable::Defaults(),
                                      PanelApi::Stores{&panels_, &meetings_, &decisions_}, households_.get());
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  PanelStore panels_;
  MeetingStore meetings_;
  DecisionStore decisions_;

  std::unique_ptr<platform::testing::ScratchDatabase> recruitment_db_;
  std::unique_ptr<platform::ServiceHost> recruitment_host_;
  recruitment::HouseholdStore household_store_;
  recruitment::InformationSessionStore sessions_;
  recruitment::RegistrationPauseStore pauses_;
  std::unique_ptr<recruitment::RecruitmentApi> recruitment_api_;
  std::unique_ptr<platform::Upstream> upstream_;
  std::unique_ptr<RecruitmentHouseholds> households_;
};

}  // namespace panel::testing
