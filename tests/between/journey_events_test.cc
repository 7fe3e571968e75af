// Other contexts' events reach the household, in one process: a panel host and a
// familyfinding host serve their event logs (the events appended to their outboxes
// here, as their verbs will), and recruitment's consumers read them with a service
// token and move the household. Every database on SQLite (unit) and MariaDB
// (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <thread>

#include "adoption/events/v1/events.pb.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "google/protobuf/util/json_util.h"
#include "panel-svc/api/panel_api.h"
#include "platform/events/events.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/journey_events.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
}
namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
}
namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::recruitment::v1;
namespace ev = adoption::events::v1;
using platform::Role;
using platform::testing::Authorize;

class JourneyEventsTest : public platform::testing::ApiTest<pb::RecruitmentService> {
 protected:
  JourneyEventsTest() : ApiTest("recruitment", Migrations(), EventVisibility()) {}

  // The panel and family finding first, with the visibility their main.cc serves;
  // then recruitment, whose consumers read their logs.
  void SetUp() override {
    panel_db_ = std::make_unique<platform::testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*panel_db_);
    panel_ = platform::testing::CreateHost("panel", *panel_db_, panel::Migrations(), panel::EventVisibility());
    ASSERT_TRUE(panel_->Start().ok());
    familyfinding_db_ = std::make_unique<platform::testing::ScratchDatabase>(GetParam());
    familyfinding_ = platform::testing::CreateHost("familyfinding", *familyfinding_db_, familyfinding::Migrations(),
                                                   familyfinding::EventVisibility());
    ASSERT_TRUE(familyfinding_->Start().ok());
    ApiTest::SetUp();
  }
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    host.AddConsumer(platform::Consumer::Options{
        .upstream = "panel",
        .target = "127.0.0.1:" + std::to_string(panel_->port()),
        .handlers = PanelEventHandlers(&households_, &host.statutory(), &clock_),
        .wait = std::chrono::milliseconds(200),
    });
    host.AddConsumer(platform::Consumer::Options{
        .upstream = "familyfinding",
        .target = "127.0.0.1:" + std::to_string(familyfinding_->port()),
        .handlers = FamilyFindingEventHandlers(&households_, &host.statutory(), &clock_),
        .wait = std::chrono::milliseconds(200),
    });
    return std::make_unique<RecruitmentApi>(host.Runner(&Policies()), &host.db(), &clock_, &host.statutory(),
                                            &households_, &sessions_, &pauses_);
  }
  void TearDown() override {
    ApiTest::TearDown();
    if (panel_) panel_->Shutdown();
    if (familyfinding_) familyfinding_->Shutdown();
  }

  // A fast-track household referred to panel, as recruitment answers it.
  pb::Household Referred(const std::string& request_id) {
    pb::CreateHouseholdRequest create;
    create.set_request_id(request_id);
    auto* h = create.mutable_household();
    auto* a = h->add_applicants();
    a->mutable_person()->set_given_name("Priya");
    a->mutable_person()->set_family_name("Shah");
    h->set_family_structure(pb::FAMILY_STRUCTURE_SINGLE);
    h->set_home_local_authority("E09000006");
    platform::testing::SetDate(h->mutable_enquiry_date(), 2025, 4, 7);
    h->set_foster_carers(true);
    h->set_route(pb::ADOPTION_ROUTE_FAST_TRACK);
    pb::Household out;
    {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kRecruitmentWorker});
      EXPECT_TRUE(stub_->CreateHousehold(&ctx, create, &out).ok());
    }
    pb::StartStageTwoRequest two;
    two.set_name(out.name());
    two.set_etag(out.etag());
    platform::testing::SetDate(two.mutable_effective_date(), 2025, 5, 1);
    {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kRecruitmentWorker});
      EXPECT_TRUE(stub_->StartStageTwo(&ctx, two, &out).ok());
    }
    pb::RecordStageTwoProgressRequest progress;
    progress.set_name(out.name());
    progress.set_etag(out.etag());
    progress.mutable_progress()->set_home_study_sessions(5);
    platform::testing::SetDate(progress.mutable_progress()->mutable_final_training_date(), 2025, 6, 1);
    platform::testing::SetDate(progress.mutable_progress()->mutable_early_permanence_training_date(), 2025, 6, 8);
    platform::testing::SetDate(progress.mutable_progress()->mutable_par_completed_date(), 2025, 7, 20);
    {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kRecruitmentWorker});
      EXPECT_TRUE(stub_->RecordStageTwoProgress(&ctx, progress, &out).ok());
    }
    pb::ReferHouseholdToPanelRequest refer;
    refer.set_name(out.name());
    refer.set_etag(out.etag());
    platform::testing::SetDate(refer.mutable_effective_date(), 2025, 8, 1);
    refer.set_dual_approval_sought(true);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    grpc::Status s = stub_->ReferHouseholdToPanel(&ctx, refer, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // Appends `event` about `household` to the panel's outbox, as panel-svc's verbs do.
  void Decide(const std::string& household, const google::protobuf::Message& event) {
    Publish(*panel_, "household", household, event);
  }
  // Appends `event` to `host`'s outbox.
  void Publish(platform::ServiceHost& host, const std::string& type, const std::string& id,
               const google::protobuf::Message& event) {
    ASSERT_TRUE(host.db()
                    .Transaction([&](soci::session& tx) {
                      platform::AppendToOutbox(tx, type, id, event, "test-event");
                      return absl::OkStatus();
                    })
                    .ok());
  }

  // Polls GetHousehold for up to 10 s until `done` holds.
  bool WaitFor(const std::string& name, const std::function<bool(const pb::Household&)>& done, pb::Household* out) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kManager});
      pb::GetHouseholdRequest get;
      get.set_name(name);
      if (stub_->GetHousehold(&ctx, get, out).ok() && done(*out)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  std::unique_ptr<platform::testing::ScratchDatabase> panel_db_;
  std::unique_ptr<platform::ServiceHost> panel_;
  std::unique_ptr<platform::testing::ScratchDatabase> familyfinding_db_;
  std::unique_ptr<platform::ServiceHost> familyfinding_;
  platform::FixedClock clock_{platform::Date(2025, 12, 1)};
  HouseholdStore households_;
  InformationSessionStore sessions_;
  RegistrationPauseStore pauses_;
};

TEST_P(JourneyEventsTest, AnApprovalFromThePanelsLogApprovesTheHouseholdOnItsTerms) {
  pb::Household h = Referred("approve");
  ASSERT_EQ(h.status(), pb::HOUSEHOLD_STATUS_AWAITING_PANEL);
  const std::string id = h.name().substr(std::string("households/").size());

  // A qualifying determination not to approve is not final: nothing moves.
  ev::AdopterNotApproved qualifying;
  qualifying.set_household(h.name());
  platform::testing::SetDate(qualifying.mutable_decision_date(), 2025, 9, 1);
  Decide(id, qualifying);
  ev::AdopterApproved approved;
  approved.set_household(h.name());
  platform::testing::SetDate(approved.mutable_decision_date(), 2025, 9, 10);
  approved.set_max_children(2);
  approved.set_min_age_years(0);
  approved.set_max_age_years(4);
  approved.set_dual_approval(true);
  approved.set_min_children(2);
  approved.set_sibling_groups(true);
  approved.set_health_needs_acceptable("Foetal alcohol exposure");
  Decide(id, approved);

  pb::Household seen;
  ASSERT_TRUE(WaitFor(h.name(), [](const pb::Household& x) { return x.status() == pb::HOUSEHOLD_STATUS_APPROVED; },
                      &seen))
      << seen.DebugString();
  EXPECT_EQ(seen.approval_terms().max_children(), 2);
  EXPECT_EQ(seen.approval_terms().max_age_years(), 4);
  EXPECT_TRUE(seen.approval_terms().dual_approval());
  EXPECT_EQ(seen.approval_terms().min_children(), 2);
  EXPECT_TRUE(seen.approval_terms().sibling_groups());
  EXPECT_FALSE(seen.approval_terms().disability_acceptable());
  EXPECT_EQ(seen.approval_terms().health_needs_acceptable(), "Foetal alcohol exposure");
  const pb::JourneyStep& step = seen.journey(seen.journey_size() - 1);
  EXPECT_EQ(step.event(), pb::JOURNEY_EVENT_APPROVED);
  EXPECT_EQ(step.recorded_by(), "panel-svc");
  EXPECT_EQ(step.effective_date().day(), 10);
  // Stage 2 and ROI-to-approval clocks stop on the decision.
  for (const auto& clock : seen.clocks()) EXPECT_NE(clock.state(), pb::JOURNEY_CLOCK_STATE_RUNNING);

  // Family finding hears of it: the status change is in recruitment's outbox, once.
  long long changed = 0;
  ASSERT_TRUE(host_->db()
                  .Transaction([&](soci::session& tx) {
                    tx << "SELECT COUNT(*) FROM outbox WHERE type = 'adoption.events.v1.HouseholdStatusChanged' "
                          "AND payload LIKE '%HOUSEHOLD_STATUS_APPROVED%'",
                        soci::into(changed);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(changed, 1);
  EXPECT_EQ(Rows("household_approvals"), 1);

  // A year on, the ADM agrees the approval's review on new terms: the household stays
  // approved, on them, and family finding hears of them.
  ev::ApprovalReviewed reviewed;
  *reviewed.mutable_approval() = approved;
  platform::testing::SetDate(reviewed.mutable_approval()->mutable_decision_date(), 2025, 10, 6);
  reviewed.mutable_approval()->set_max_children(3);
  reviewed.mutable_approval()->set_max_age_years(6);
  reviewed.mutable_approval()->set_dual_approval(false);
  Decide(id, reviewed);
  ASSERT_TRUE(WaitFor(
      h.name(),
      [](const pb::Household& x) {
        return x.journey(x.journey_size() - 1).event() == pb::JOURNEY_EVENT_APPROVAL_REVIEWED;
      },
      &seen))
      << seen.DebugString();
  EXPECT_EQ(seen.status(), pb::HOUSEHOLD_STATUS_APPROVED);
  EXPECT_EQ(seen.approval_terms().max_children(), 3);
  EXPECT_EQ(seen.approval_terms().max_age_years(), 6);
  EXPECT_FALSE(seen.approval_terms().dual_approval());
  EXPECT_EQ(seen.approval_terms().health_needs_acceptable(), "Foetal alcohol exposure");
  EXPECT_EQ(seen.journey(seen.journey_size() - 1).recorded_by(), "panel-svc");
  EXPECT_EQ(Rows("household_approvals"), 2);
  std::string payload;
  ASSERT_TRUE(host_->db()
                  .Transaction([&](soci::session& tx) {
                    tx << "SELECT payload FROM outbox WHERE type = 'adoption.events.v1.HouseholdStatusChanged' "
                          "ORDER BY outbox_pk DESC LIMIT 1",
                        soci::into(payload);
                    return absl::OkStatus();
                  })
                  .ok());
  ev::HouseholdStatusChanged review_change;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(payload, &review_change).ok()) << payload;
  EXPECT_EQ(review_change.journey_event(), "JOURNEY_EVENT_APPROVAL_REVIEWED");
  EXPECT_EQ(review_change.from_status(), "HOUSEHOLD_STATUS_APPROVED");
  EXPECT_EQ(review_change.to_status(), "HOUSEHOLD_STATUS_APPROVED");
  EXPECT_EQ(review_change.approval().max_children(), 3);
  // The same review again (a replay) changes nothing.
  Decide(id, reviewed);

  // Later, the approval is terminated on review.
  ev::ApprovalTerminated terminated;
  terminated.set_household(h.name());
  platform::testing::SetDate(terminated.mutable_decision_date(), 2025, 11, 3);
  Decide(id, terminated);
  ASSERT_TRUE(WaitFor(
      h.name(), [](const pb::Household& x) { return x.status() == pb::HOUSEHOLD_STATUS_APPROVAL_TERMINATED; }, &seen));
  int reviews = 0;
  for (const auto& step : seen.journey()) reviews += step.event() == pb::JOURNEY_EVENT_APPROVAL_REVIEWED;
  EXPECT_EQ(reviews, 1);
}

TEST_P(JourneyEventsTest, AMatchAgreedAtPanelAndTheChildrensPlacementAndOrderBringTheHouseholdToAdoption) {
  pb::Household h = Referred("adopt");
  const std::string id = h.name().substr(std::string("households/").size());
  ev::AdopterApproved approved;
  approved.set_household(h.name());
  platform::testing::SetDate(approved.mutable_decision_date(), 2025, 9, 10);
  approved.set_max_children(2);
  approved.set_max_age_years(6);
  Decide(id, approved);
  ev::MatchAgreed match;
  match.add_children("children/c1");
  match.add_children("children/c2");
  match.set_household(h.name());
  platform::testing::SetDate(match.mutable_decision_date(), 2025, 10, 1);
  Decide(id, match);
  // Family finding places children only once it has heard of the match.
  pb::Household matched;
  ASSERT_TRUE(WaitFor(h.name(), [](const pb::Household& x) { return x.status() == pb::HOUSEHOLD_STATUS_MATCHED; },
                      &matched))
      << matched.DebugString();
  // Two siblings placed the same day: one step for the household.
  for (const char* child : {"children/c1", "children/c2"}) {
    ev::ChildPlaced placed;
    placed.set_child(child);
    placed.set_household(h.name());
    platform::testing::SetDate(placed.mutable_placed_date(), 2025, 10, 20);
    Publish(*familyfinding_, "child", child, placed);
  }
  ev::AdoptionOrderGranted order;
  order.set_child("children/c1");
  order.set_household(h.name());
  platform::testing::SetDate(order.mutable_order_date(), 2025, 11, 28);
  Publish(*familyfinding_, "child", "c1", order);

  pb::Household seen;
  ASSERT_TRUE(WaitFor(
      h.name(), [](const pb::Household& x) { return x.status() == pb::HOUSEHOLD_STATUS_ADOPTION_ORDER; }, &seen))
      << seen.DebugString();
  std::vector<int> events;
  for (const auto& step : seen.journey()) events.push_back(step.event());
  EXPECT_EQ(events, (std::vector<int>{pb::JOURNEY_EVENT_STAGE_TWO_STARTED, pb::JOURNEY_EVENT_REFERRED_TO_PANEL,
                                      pb::JOURNEY_EVENT_APPROVED, pb::JOURNEY_EVENT_MATCHED,
                                      pb::JOURNEY_EVENT_CHILD_PLACED, pb::JOURNEY_EVENT_ADOPTION_ORDER}));
  EXPECT_EQ(seen.journey(4).recorded_by(), "familyfinding-svc");
  EXPECT_EQ(seen.journey(3).recorded_by(), "panel-svc");
}

// Family finding's links: LINKED while the approved household has a live link, approved
// again when the last closes; once matched, a links change moves it no more.
TEST_P(JourneyEventsTest, AnApprovedHouseholdIsLinkedWhileItHasALiveLink) {
  pb::Household h = Referred("linked");
  const std::string id = h.name().substr(std::string("households/").size());
  ev::AdopterApproved approved;
  approved.set_household(h.name());
  platform::testing::SetDate(approved.mutable_decision_date(), 2025, 9, 10);
  approved.set_max_children(1);
  Decide(id, approved);
  auto links = [&](int live, int day) {
    ev::HouseholdLinksChanged e;
    e.set_household(h.name());
    e.set_live_links(live);
    platform::testing::SetDate(e.mutable_effective_date(), 2025, 9, day);
    Publish(*familyfinding_, "household_profile", id, e);
  };
  auto status_is = [&](pb::HouseholdStatus want) {
    pb::Household seen;
    EXPECT_TRUE(WaitFor(h.name(), [&](const pb::Household& x) { return x.status() == want; }, &seen))
        << pb::HouseholdStatus_Name(want) << " " << seen.DebugString();
    return seen;
  };
  // The two logs are read independently: family finding links only a household it has
  // heard is approved, so the approval lands first, as it does between the services.
  status_is(pb::HOUSEHOLD_STATUS_APPROVED);
  links(1, 15);
  status_is(pb::HOUSEHOLD_STATUS_LINKED);
  links(0, 20);
  status_is(pb::HOUSEHOLD_STATUS_APPROVED);
  links(1, 22);
  status_is(pb::HOUSEHOLD_STATUS_LINKED);
  ev::MatchAgreed match;
  match.add_children("children/c1");
  match.set_household(h.name());
  platform::testing::SetDate(match.mutable_decision_date(), 2025, 9, 29);
  Decide(id, match);
  status_is(pb::HOUSEHOLD_STATUS_MATCHED);
  links(0, 30);  // the match closed its other links: still matched
  ev::ChildPlaced placed;
  placed.set_child("children/c1");
  placed.set_household(h.name());
  platform::testing::SetDate(placed.mutable_placed_date(), 2025, 10, 6);
  Publish(*familyfinding_, "child", "c1", placed);
  pb::Household seen = status_is(pb::HOUSEHOLD_STATUS_CHILD_PLACED);
  std::vector<int> events;
  for (const auto& step : seen.journey()) events.push_back(step.event());
  EXPECT_EQ(events, (std::vector<int>{pb::JOURNEY_EVENT_STAGE_TWO_STARTED, pb::JOURNEY_EVENT_REFERRED_TO_PANEL,
                                      pb::JOURNEY_EVENT_APPROVED, pb::JOURNEY_EVENT_LINKED, pb::JOURNEY_EVENT_UNLINKED,
                                      pb::JOURNEY_EVENT_LINKED, pb::JOURNEY_EVENT_MATCHED,
                                      pb::JOURNEY_EVENT_CHILD_PLACED}));
}

// The path an imported history takes (adoptctl import): recruitment's steps, the
// approval from the panel's log, then the steps after it; the reports count them all.
TEST_P(JourneyEventsTest, AnImportedHistoryApprovedByThePanelAndWithdrawnAfterIsCountedByTheReports) {
  auto step = [](pb::ImportHouseholdRequest& r, pb::JourneyEvent event, int y, int m, int d, std::string reason = "") {
    pb::JourneyStep* s = r.add_steps();
    s->set_event(event);
    platform::testing::SetDate(s->mutable_effective_date(), y, m, d);
    s->set_reason(std::move(reason));
  };
  pb::ImportHouseholdRequest request;
  request.set_source_id("OLD-H1");
  auto* h = request.mutable_household();
  h->add_applicants()->set_ethnicity("White British");
  h->set_family_structure(pb::FAMILY_STRUCTURE_SINGLE);
  h->set_home_local_authority("E09000006");
  platform::testing::SetDate(h->mutable_enquiry_date(), 2017, 3, 28);
  step(request, pb::JOURNEY_EVENT_ROI_RECEIVED, 2017, 4, 3);
  step(request, pb::JOURNEY_EVENT_ROI_ACCEPTED, 2017, 4, 3);
  step(request, pb::JOURNEY_EVENT_STAGE_ONE_STARTED, 2017, 4, 3);
  step(request, pb::JOURNEY_EVENT_STAGE_ONE_COMPLETED, 2017, 6, 30);
  step(request, pb::JOURNEY_EVENT_BREAK_STARTED, 2017, 6, 30, "moving house");
  step(request, pb::JOURNEY_EVENT_STAGE_TWO_STARTED, 2017, 8, 1);
  pb::ImportHouseholdResponse imported;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ImportHousehold(&ctx, request, &imported).ok());
  }
  const std::string name = imported.household().name();
  ev::AdopterApproved approved;
  approved.set_household(name);
  platform::testing::SetDate(approved.mutable_decision_date(), 2017, 11, 30);
  approved.set_max_children(1);
  approved.set_max_age_years(3);
  approved.set_dual_approval(true);
  Decide(name.substr(std::string("households/").size()), approved);
  pb::Household seen;
  ASSERT_TRUE(WaitFor(name, [](const pb::Household& x) { return x.status() == pb::HOUSEHOLD_STATUS_APPROVED; },
                      &seen));
  // The next import carries the withdrawal after approval; the approval stays the panel's.
  step(request, pb::JOURNEY_EVENT_WITHDRAWN, 2018, 2, 1, "pregnancy");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ImportHousehold(&ctx, request, &imported).ok());
  }
  EXPECT_EQ(imported.outcome(), pb::IMPORT_OUTCOME_EXTENDED);
  EXPECT_EQ(imported.household().status(), pb::HOUSEHOLD_STATUS_WITHDRAWN);

  auto year = [](auto& r) {
    platform::testing::SetDate(r.mutable_period()->mutable_first_day(), 2017, 4, 1);
    platform::testing::SetDate(r.mutable_period()->mutable_last_day(), 2018, 3, 31);
  };
  pb::ReportAssessmentTimelinessRequest timeliness_request;
  year(timeliness_request);
  timeliness_request.mutable_precision()->set_places(adoption::type::v1::REPORT_PLACES_WHOLE);
  pb::AssessmentTimeliness timeliness;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ReportAssessmentTimeliness(&ctx, timeliness_request, &timeliness).ok());
  }
  EXPECT_EQ(timeliness.approvals(), 1);
  EXPECT_EQ(timeliness.mean_roi_to_approval_days().value(), 241);             // 3 April → 30 November
  EXPECT_EQ(timeliness.mean_roi_to_approval_days_without_break().value(), 209);  // less 30 June → 1 August
  EXPECT_EQ(timeliness.approved_within_target().count(), 0);                 // six months on was 3 October
  EXPECT_EQ(timeliness.stage_one_in_timescale().count(), 0);                 // two months on was 3 June
  EXPECT_EQ(timeliness.stage_two_in_timescale().count(), 1);                 // four months on was 1 December
  pb::ReportWithdrawalsRequest withdrawals_request;
  year(withdrawals_request);
  pb::Withdrawals withdrawals;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ReportWithdrawals(&ctx, withdrawals_request, &withdrawals).ok());
  }
  EXPECT_EQ(withdrawals.withdrawn(), 1);
  EXPECT_EQ(withdrawals.after_approval(), 1);
  pb::ReportAdopterFunnelRequest funnel_request;
  year(funnel_request);
  pb::AdopterFunnel funnel;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ReportAdopterFunnel(&ctx, funnel_request, &funnel).ok());
  }
  EXPECT_EQ(funnel.enquiries(), 0);  // 28 March: the year before
  EXPECT_EQ(funnel.registrations_of_interest(), 1);
  EXPECT_EQ(funnel.approvals(), 1);
  EXPECT_EQ(funnel.dual_approvals(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyEventsTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace recruitment
