// An approval decided at panel reaches the household exactly once, whoever dies when:
// recruitment-svc and panel-svc run as real processes on MariaDB; a household is
// referred, heard by a quorate panel and approved by the decision maker; panel-svc is
// SIGKILLed right after the decision and recruitment-svc is down while the decision
// is sequenced into panel-svc's log; the client retries the decision; and the
// household shows one APPROVED step with the decision's terms.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "adoption/panel/v1/panel_service.grpc.pb.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "platform/core/calendar.h"
#include "platform/db/db.h"
#include "platform/rpc/proto_convert.h"
#include "platform/testing/testing.h"
#include "tests/support/process.h"

namespace e2e {
namespace {

namespace pb = adoption::panel::v1;
namespace rpb = adoption::recruitment::v1;

long long Count(const std::string& url, const std::string& query) {
  long long n = -1;
  auto db = platform::Database::Open(url, 1).value();
  EXPECT_TRUE(db->Read([&](soci::session& sql) {
                  sql << query, soci::into(n);
                  return absl::OkStatus();
                }).ok());
  return n;
}

std::shared_ptr<grpc::Channel> ChannelAt(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
}

// One unary call as `role`, retried while the service is restarting.
template <typename Call>
grpc::Status Retried(const std::string& role, Call call) {
  grpc::Status s;
  for (int attempt = 0; attempt < 100; ++attempt) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + Token({role}));
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    s = call(ctx);
    if (s.error_code() != grpc::StatusCode::UNAVAILABLE) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return s;
}

TEST(PanelDecisionUnderKills, AnApprovalReachesTheHouseholdExactlyOnce) {
  platform::testing::ScratchDatabase recruitment_db("mysql"), panel_db("mysql");
  SKIP_IF_UNAVAILABLE(recruitment_db);
  const int recruitment_port = FreePort(), panel_port = FreePort();
  auto args = [](const platform::testing::ScratchDatabase& db, int port) {
    return std::vector<std::string>{absl::StrCat("--grpc-address=127.0.0.1:", port), "--metrics-address=127.0.0.1",
                                    "--metrics-port=0", "--db-url=" + db.url(), "--jwt-secret=" + Secret()};
  };
  std::vector<std::string> recruitment_args = args(recruitment_db, recruitment_port);
  recruitment_args.push_back(absl::StrCat("--panel-address=127.0.0.1:", panel_port));
  recruitment_args.push_back("--familyfinding-address=127.0.0.1:1");  // not running: its consumer waits
  Process recruitment("recruitment", BuildDir() + "/recruitment-svc/recruitment-svc", recruitment_args);
  std::vector<std::string> panel_args = args(panel_db, panel_port);
  panel_args.push_back(absl::StrCat("--recruitment-address=127.0.0.1:", recruitment_port));
  panel_args.push_back("--familyfinding-address=127.0.0.1:1");  // not running: an approval asks about no child
  Process panel("panel", BuildDir() + "/panel-svc/panel-svc", panel_args);
  ASSERT_TRUE(recruitment.Start()) << recruitment.LogTail();
  ASSERT_TRUE(panel.Start()) << panel.LogTail();
  auto households = rpb::RecruitmentService::NewStub(ChannelAt(recruitment_port));
  auto panels = pb::PanelService::NewStub(ChannelAt(panel_port));

  // A household in Stage 2 (its history imported), then referred to the panel as a
  // social worker does: recruitment-svc publishes the referral and panel-svc lists it.
  const platform::Date today = platform::Today();
  rpb::ImportHouseholdRequest history;
  history.set_source_id("KILL-1");
  rpb::Household* h = history.mutable_household();
  h->add_applicants()->set_ethnicity("WBRI");
  h->set_family_structure(rpb::FAMILY_STRUCTURE_SINGLE);
  h->set_home_local_authority("E08000018");
  platform::testing::SetDate(h->mutable_enquiry_date(), 2024, 1, 10);
  int month = 2;
  for (rpb::JourneyEvent e : {rpb::JOURNEY_EVENT_ROI_RECEIVED, rpb::JOURNEY_EVENT_ROI_ACCEPTED,
                              rpb::JOURNEY_EVENT_STAGE_ONE_STARTED, rpb::JOURNEY_EVENT_STAGE_ONE_COMPLETED,
                              rpb::JOURNEY_EVENT_STAGE_TWO_STARTED}) {
    rpb::JourneyStep* step = history.add_steps();
    step->set_event(e);
    platform::testing::SetDate(step->mutable_effective_date(), 2024, month++, 1);
  }
  rpb::ImportHouseholdResponse imported;
  ASSERT_TRUE(Retried("manager", [&](grpc::ClientContext& ctx) {
                return households->ImportHousehold(&ctx, history, &imported);
              }).ok());
  const std::string household = imported.household().name();
  ASSERT_EQ(imported.household().status(), rpb::HOUSEHOLD_STATUS_STAGE_TWO);
  rpb::RecordStageTwoProgressRequest progress;
  progress.set_name(household);
  progress.set_etag(imported.household().etag());
  progress.mutable_progress()->set_home_study_sessions(5);
  platform::testing::SetDate(progress.mutable_progress()->mutable_final_training_date(), 2024, 7, 1);
  *progress.mutable_progress()->mutable_par_completed_date() = platform::DateToProto(today - 21);
  rpb::Household assessed;
  grpc::Status s = Retried("recruitment_worker", [&](grpc::ClientContext& ctx) {
    return households->RecordStageTwoProgress(&ctx, progress, &assessed);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  rpb::ReferHouseholdToPanelRequest refer;
  refer.set_name(household);
  refer.set_etag(assessed.etag());
  *refer.mutable_effective_date() = platform::DateToProto(today - 14);
  rpb::Household referred;
  s = Retried("recruitment_worker", [&](grpc::ClientContext& ctx) {
    return households->ReferHouseholdToPanel(&ctx, refer, &referred);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(referred.status(), rpb::HOUSEHOLD_STATUS_AWAITING_PANEL);
  auto awaiting = [&] {
    pb::ListPanelReferralsRequest list;
    list.set_filter("awaiting = true");
    pb::ListPanelReferralsResponse out;
    EXPECT_TRUE(Retried("panel_coordinator", [&](grpc::ClientContext& ctx) {
                  return panels->ListPanelReferrals(&ctx, list, &out);
                }).ok());
    std::vector<std::string> names;
    for (const auto& r : out.panel_referrals()) names.push_back(r.household());
    return names;
  };
  std::vector<std::string> waiting;
  for (int i = 0; i < 200 && waiting.empty(); ++i) {
    waiting = awaiting();
    if (waiting.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(waiting, std::vector<std::string>{household}) << "panel-svc never listed the referral";

  // The panel sat a week ago; everyone came; the case was heard and recommended.
  pb::CreatePanelRequest create;
  create.set_request_id("kill-panel");
  pb::Panel* p = create.mutable_panel();
  p->set_display_name("Panel K");
  p->set_local_authority_agency(true);
  for (auto [name, role, years] : {std::tuple{"Chair", pb::PANEL_MEMBER_ROLE_CHAIR, 0},
                                   std::tuple{"Vice", pb::PANEL_MEMBER_ROLE_VICE_CHAIR, 0},
                                   std::tuple{"Social worker", pb::PANEL_MEMBER_ROLE_SOCIAL_WORKER, 8},
                                   std::tuple{"Adopter", pb::PANEL_MEMBER_ROLE_INDEPENDENT_MEMBER, 0},
                                   std::tuple{"Adopted adult", pb::PANEL_MEMBER_ROLE_INDEPENDENT_MEMBER, 0}}) {
    pb::PanelMember* m = p->add_members();
    m->set_display_name(name);
    m->set_role(role);
    m->set_social_work_experience_years(years);
    m->set_active(true);
  }
  pb::Panel created;
  ASSERT_TRUE(Retried("panel_adviser", [&](grpc::ClientContext& ctx) {
                return panels->CreatePanel(&ctx, create, &created);
              }).ok());
  pb::CreateMeetingRequest schedule;
  schedule.set_parent(created.name());
  schedule.set_request_id("kill-meeting");
  *schedule.mutable_meeting()->mutable_meeting_date() = platform::DateToProto(today - 7);
  schedule.mutable_meeting()->set_case_capacity(3);
  pb::Meeting meeting;
  ASSERT_TRUE(Retried("panel_coordinator", [&](grpc::ClientContext& ctx) {
                return panels->CreateMeeting(&ctx, schedule, &meeting);
              }).ok());
  pb::CreateAgendaItemRequest book;
  book.set_parent(meeting.name());
  book.set_request_id("kill-case");
  book.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_ADOPTER_APPROVAL);
  book.mutable_agenda_item()->set_household(household);
  pb::AgendaItem item;
  s = Retried("panel_coordinator", [&](grpc::ClientContext& ctx) {
    return panels->CreateAgendaItem(&ctx, book, &item);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(awaiting().empty()) << "the referral is still awaiting a date once its case is booked";
  pb::UpdateMeetingRequest hold;
  *hold.mutable_meeting() = meeting;
  for (const auto& m : created.members()) hold.mutable_meeting()->add_attendance(m.member_id());
  hold.mutable_meeting()->set_status(pb::MEETING_STATUS_HELD);
  hold.mutable_update_mask()->add_paths("attendance");
  hold.mutable_update_mask()->add_paths("status");
  ASSERT_TRUE(Retried("panel_adviser", [&](grpc::ClientContext& ctx) {
                return panels->UpdateMeeting(&ctx, hold, &meeting);
              }).ok());
  pb::RecordRecommendationRequest minute;
  minute.set_parent(item.name());
  minute.set_request_id("kill-rec");
  minute.mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_RECOMMENDED);
  minute.mutable_recommendation()->set_reasons("Recommended unanimously.");
  minute.mutable_recommendation()->set_votes_for(5);
  *minute.mutable_recommendation()->mutable_minutes_final_date() = platform::DateToProto(today - 2);
  pb::Recommendation recommendation;
  s = Retried("panel_adviser", [&](grpc::ClientContext& ctx) {
    return panels->RecordRecommendation(&ctx, minute, &recommendation);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();

  // The decision; panel-svc dies the moment it answers, recruitment-svc right after.
  pb::RecordDecisionRequest decide;
  decide.set_request_id("kill-decision");
  pb::Decision* d = decide.mutable_decision();
  d->set_kind(pb::DECISION_KIND_ADOPTER_APPROVAL);
  d->set_outcome(pb::DECISION_OUTCOME_AGREED);
  *d->mutable_decision_date() = platform::DateToProto(today);
  d->set_recommendation(recommendation.name());
  *d->mutable_recommendation_received_date() = platform::DateToProto(today - 2);
  d->set_household(household);
  pb::ApprovalTerms* terms = d->mutable_approval_terms();
  terms->set_min_children(1);
  terms->set_max_children(2);
  terms->set_max_age_years(5);
  terms->set_sibling_groups(true);
  d->set_reasons("Agreed.");
  d->set_decision_maker("Head of Service");
  pb::Decision decision;
  s = Retried("decision_maker", [&](grpc::ClientContext& ctx) { return panels->RecordDecision(&ctx, decide, &decision); });
  ASSERT_TRUE(s.ok()) << s.error_message();
  panel.Kill();
  recruitment.Kill();
  const long long applied_before = Count(recruitment_db.url(),
                                         "SELECT COUNT(*) FROM consumer_inbox WHERE upstream = 'panel'");

  // panel-svc back alone: its sequencer numbers the decision's event while
  // recruitment-svc is down; the decision maker's client retries the same request.
  ASSERT_TRUE(panel.Start()) << panel.LogTail();
  pb::Decision again;
  ASSERT_TRUE(Retried("decision_maker", [&](grpc::ClientContext& ctx) {
                return panels->RecordDecision(&ctx, decide, &again);
              }).ok());
  EXPECT_EQ(again.name(), decision.name());
  for (int i = 0; i < 100 && Count(panel_db.url(), "SELECT COUNT(*) FROM outbox WHERE sequence IS NULL") != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(Count(panel_db.url(), "SELECT COUNT(*) FROM outbox WHERE sequence IS NULL"), 0);

  // recruitment-svc back: it reads the log from its cursor.
  ASSERT_TRUE(recruitment.Start()) << recruitment.LogTail();
  rpb::Household approved;
  for (int i = 0; i < 200; ++i) {
    rpb::GetHouseholdRequest get;
    get.set_name(household);
    grpc::Status got = Retried("manager", [&](grpc::ClientContext& ctx) {
      return households->GetHousehold(&ctx, get, &approved);
    });
    ASSERT_TRUE(got.ok()) << got.error_message();
    if (approved.status() == rpb::HOUSEHOLD_STATUS_APPROVED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(approved.status(), rpb::HOUSEHOLD_STATUS_APPROVED) << recruitment.LogTail();
  EXPECT_EQ(approved.approval_terms().max_children(), 2);
  EXPECT_EQ(approved.approval_terms().max_age_years(), 5);
  EXPECT_TRUE(approved.approval_terms().sibling_groups());
  int approvals = 0;
  for (const auto& step : approved.journey()) approvals += step.event() == rpb::JOURNEY_EVENT_APPROVED;
  EXPECT_EQ(approvals, 1);

  // Exactly once on both sides: one decision, one event, applied once.
  EXPECT_EQ(Count(panel_db.url(), "SELECT COUNT(*) FROM decisions"), 1);
  EXPECT_EQ(Count(panel_db.url(), "SELECT COUNT(*) FROM outbox WHERE type = 'adoption.events.v1.AdopterApproved'"), 1);
  EXPECT_EQ(Count(recruitment_db.url(), "SELECT COUNT(*) FROM consumer_inbox WHERE upstream = 'panel' AND "
                                        "type = 'adoption.events.v1.AdopterApproved'"),
            1);
  EXPECT_EQ(Count(recruitment_db.url(), "SELECT COUNT(*) FROM household_approvals"), 1);
  std::printf("panel kill test: the approval was %s applied before the kills\n",
              applied_before > 0 ? "already" : "not yet");
}

}  // namespace
}  // namespace e2e
