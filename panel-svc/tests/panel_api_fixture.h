#pragma once
// The panel's API in-process over a real gRPC port, on SQLite (unit) and MariaDB
// (integration), with a real recruitment-svc and a real familyfinding-svc beside it,
// each on its own database: the panel asks them about the households and children it
// decides on, with a service token; familyfinding-svc follows the panel's decisions
// from its event log (FollowPanel).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <soci/soci.h>

#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "adoption/familyfinding/v1/familyfinding_service.grpc.pb.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/panel_events.h"
#include "panel-svc/api/case_disclosure.h"
#include "panel-svc/api/followed_records.h"
#include "panel-svc/api/panel_api.h"
#include "panel-svc/api/recruitment_events.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/upstream.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/journey_events.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
}
namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
}
namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace panel::testing {

namespace pb = adoption::panel::v1;
namespace rpb = adoption::recruitment::v1;
namespace fpb = adoption::familyfinding::v1;

inline pb::PanelMember* AddMember(pb::Panel* p, const std::string& name, pb::PanelMemberRole role, int years = 0) {
  auto* m = p->add_members();
  m->set_display_name(name);
  m->set_role(role);
  m->set_social_work_experience_years(years);
  m->set_active(true);
  return m;
}

// A local authority's panel with exactly a quorum's worth of voting members and an adviser.
inline pb::CreatePanelRequest ValidPanel(const std::string& request_id) {
  pb::CreatePanelRequest r;
  r.set_request_id(request_id);
  auto* p = r.mutable_panel();
  p->set_display_name("Panel A (Tuesdays)");
  p->set_local_authority_agency(true);
  AddMember(p, "Ruth (chair)", pb::PANEL_MEMBER_ROLE_CHAIR);
  AddMember(p, "Sam (vice-chair)", pb::PANEL_MEMBER_ROLE_VICE_CHAIR);
  AddMember(p, "Pat (social worker)", pb::PANEL_MEMBER_ROLE_SOCIAL_WORKER, 6);
  AddMember(p, "Ann (adopter)", pb::PANEL_MEMBER_ROLE_INDEPENDENT_MEMBER);
  AddMember(p, "Joe (adopted adult)", pb::PANEL_MEMBER_ROLE_INDEPENDENT_MEMBER);
  AddMember(p, "Dr Lee (medical adviser)", pb::PANEL_MEMBER_ROLE_MEDICAL_ADVISER);
  return r;
}

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
        [] { return platform::testing::TokenFor({platform::Role::kService}, "panel"); },
        platform::Transport::Plaintext());
    households_ = std::make_unique<RecruitmentHouseholds>(upstream_.get());
    familyfinding_db_ = std::make_unique<platform::testing::ScratchDatabase>(GetParam());
    familyfinding_host_ = platform::testing::CreateHost("familyfinding", *familyfinding_db_,
                                                        familyfinding::Migrations(), familyfinding::EventVisibility());
    familyfinding_api_ = std::make_unique<familyfinding::FamilyFindingApi>(
        familyfinding_host_->Runner(&familyfinding::Policies()), &familyfinding_host_->db(), &clock_,
        &platform::StatutoryTable::Defaults(), &child_store_, &profile_store_);
    familyfinding_host_->Register(familyfinding_api_.get());
    ASSERT_TRUE(familyfinding_host_->Start().ok());
    familyfinding_upstream_ = std::make_unique<platform::Upstream>(
        "familyfinding", "127.0.0.1:" + std::to_string(familyfinding_host_->port()),
        [] { return platform::testing::TokenFor({platform::Role::kService}, "panel"); },
        platform::Transport::Plaintext());
    children_ = std::make_unique<FamilyFindingChildren>(familyfinding_upstream_.get());
    ApiTest::SetUp();
    // recruitment-svc and familyfinding-svc read the panel's log as their main.cc do,
    // one poll at a time (FollowPanel).
    auto follow = [&](platform::ServiceHost& reader, const std::string& service, auto handlers) {
      followers_.push_back(std::make_unique<platform::Consumer>(
          &reader.db(), &follower_metrics_,
          platform::Consumer::Options{
              .upstream = "panel",
              .target = "127.0.0.1:" + std::to_string(host_->port()),
              .token = [service] { return platform::testing::TokenFor({platform::Role::kService}, service); },
              .handlers = std::move(handlers),
              .wait = std::chrono::milliseconds(10),
          }));
    };
    follow(*recruitment_host_, "recruitment",
           recruitment::PanelEventHandlers(&household_store_, &platform::StatutoryTable::Defaults(), &clock_));
    follow(*familyfinding_host_, "familyfinding",
           familyfinding::PanelEventHandlers(&child_store_, &profile_store_, &platform::StatutoryTable::Defaults(),
                                             &clock_));
  }
  void TearDown() override {
    ApiTest::TearDown();
    StopRecruitment();
    if (familyfinding_host_) familyfinding_host_->Shutdown();
  }
  void StopRecruitment() {
    if (recruitment_host_) recruitment_host_->Shutdown();
  }

  // A household imported into recruitment-svc: registered in January 2024, Stage 1
  // done by April, and (unless `stage_two` is false) its Stage 2 notice on 10 April and
  // (unless `referred` is false) its referral to the panel on 1 August.
  std::string Household(const std::string& source, bool stage_two = true, bool referred = true) {
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
    if (stage_two && referred) step(rpb::JOURNEY_EVENT_REFERRED_TO_PANEL, 8, 1);
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

  // A case for the panel: the approval of `household`, dual approval sought, its PAR due
  // on the default day.
  static pb::CreateAgendaItemRequest Case(const pb::Meeting& m, const std::string& household,
                                          const std::string& request_id) {
    pb::CreateAgendaItemRequest r;
    r.set_parent(m.name());
    r.set_request_id(request_id);
    pb::AgendaItem* item = r.mutable_agenda_item();
    item->set_kind(pb::AGENDA_ITEM_KIND_ADOPTER_APPROVAL);
    item->set_household(household);
    item->set_dual_approval_sought(true);
    pb::Paper* par = item->add_papers();
    par->set_kind(pb::PAPER_KIND_PROSPECTIVE_ADOPTER_REPORT);
    par->set_title("PAR");
    return r;
  }
  // The panel's recommendation to approve, unanimous, minutes final on 16 June 2025.
  static pb::RecordRecommendationRequest Recommend(const pb::AgendaItem& item, const std::string& request_id) {
    pb::RecordRecommendationRequest r;
    r.set_parent(item.name());
    r.set_request_id(request_id);
    pb::Recommendation* rec = r.mutable_recommendation();
    rec->set_outcome(pb::RECOMMENDATION_OUTCOME_RECOMMENDED);
    rec->set_reasons("Warm, reflective applicants; a strong support network.");
    rec->set_votes_for(5);
    *rec->mutable_minutes_final_date() = platform::DateToProto(platform::Date(2025, 6, 16));
    return r;
  }
  // The decision maker's agreement to approve, following `recommendation`.
  static pb::RecordDecisionRequest Approve(const pb::AgendaItem& item, const std::string& recommendation,
                                           const std::string& request_id) {
    pb::RecordDecisionRequest r;
    r.set_request_id(request_id);
    pb::Decision* d = r.mutable_decision();
    d->set_kind(pb::DECISION_KIND_ADOPTER_APPROVAL);
    d->set_outcome(pb::DECISION_OUTCOME_AGREED);
    *d->mutable_decision_date() = platform::DateToProto(platform::Date(2025, 6, 19));
    d->set_recommendation(recommendation);
    *d->mutable_recommendation_received_date() = platform::DateToProto(platform::Date(2025, 6, 16));
    d->set_household(item.household());
    pb::ApprovalTerms* t = d->mutable_approval_terms();
    t->set_min_children(1);
    t->set_max_children(1);
    t->set_max_age_years(4);
    t->set_dual_approval(true);
    d->set_reasons("I agree with the panel's recommendation and reasons.");
    d->set_decision_maker("Head of Service");
    return r;
  }
  // A foster carer adopting, assessed on the fast track and referred to panel on
  // 1 May 2025 with dual approval sought, through recruitment-svc's own verbs (which
  // publish HouseholdReferredToPanel).
  rpb::Household Referred(const std::string& request_id) {
    auto stub = platform::testing::StubFor<rpb::RecruitmentService>(*recruitment_host_);
    auto call = [&](auto method, const auto& request, rpb::Household* out) {
      grpc::ClientContext ctx;
      platform::testing::Authorize(ctx, {platform::Role::kRecruitmentWorker});
      grpc::Status s = ((*stub).*method)(&ctx, request, out);
      EXPECT_TRUE(s.ok()) << s.error_message();
    };
    rpb::CreateHouseholdRequest create;
    create.set_request_id(request_id);
    rpb::Household* h = create.mutable_household();
    rpb::Applicant* a = h->add_applicants();
    a->mutable_person()->set_given_name("Priya");
    a->mutable_person()->set_family_name("Shah");
    h->set_family_structure(rpb::FAMILY_STRUCTURE_SINGLE);
    h->set_home_local_authority("E09000006");
    platform::testing::SetDate(h->mutable_enquiry_date(), 2025, 1, 6);
    h->set_foster_carers(true);
    h->set_route(rpb::ADOPTION_ROUTE_FAST_TRACK);
    rpb::Household out;
    call(&rpb::RecruitmentService::Stub::CreateHousehold, create, &out);
    rpb::StartStageTwoRequest two;
    two.set_name(out.name());
    two.set_etag(out.etag());
    platform::testing::SetDate(two.mutable_effective_date(), 2025, 2, 3);
    call(&rpb::RecruitmentService::Stub::StartStageTwo, two, &out);
    rpb::RecordStageTwoProgressRequest progress;
    progress.set_name(out.name());
    progress.set_etag(out.etag());
    progress.mutable_progress()->set_home_study_sessions(5);
    platform::testing::SetDate(progress.mutable_progress()->mutable_final_training_date(), 2025, 3, 3);
    platform::testing::SetDate(progress.mutable_progress()->mutable_early_permanence_training_date(), 2025, 3, 10);
    platform::testing::SetDate(progress.mutable_progress()->mutable_par_completed_date(), 2025, 4, 14);
    call(&rpb::RecruitmentService::Stub::RecordStageTwoProgress, progress, &out);
    rpb::ReferHouseholdToPanelRequest refer;
    refer.set_name(out.name());
    refer.set_etag(out.etag());
    platform::testing::SetDate(refer.mutable_effective_date(), 2025, 5, 1);
    refer.set_dual_approval_sought(true);
    call(&rpb::RecruitmentService::Stub::ReferHouseholdToPanel, refer, &out);
    return out;
  }

  // recruitment-svc and familyfinding-svc apply what the panel has published so far:
  // once its sequencer has numbered every event committed, each reads to the head.
  void FollowPanel() {
    for (int i = 0; i < 200; ++i) {
      long long unsequenced = 0;
      EXPECT_TRUE(host_->db()
                      .Read([&](soci::session& sql) {
                        sql << "SELECT COUNT(*) FROM outbox WHERE sequence IS NULL", soci::into(unsequenced);
                        return absl::OkStatus();
                      })
                      .ok());
      if (unsequenced == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    for (auto& follower : followers_) {
      absl::StatusOr<int> applied;
      do {
        applied = follower->PollOnce();
        EXPECT_TRUE(applied.ok()) << applied.status();
      } while (applied.ok() && *applied > 0);
    }
  }

  // A child in care recorded at familyfinding-svc by the child's social worker of
  // `la`: born three years before `today`, in care a year later, in `legal` status.
  std::string Child(const std::string& request_id, fpb::LegalStatus legal, const std::string& la = "E09000006") {
    fpb::CreateChildRequest r;
    r.set_request_id(request_id);
    fpb::Child* c = r.mutable_child();
    c->set_given_name("Mia");
    c->set_local_authority(la);
    *c->mutable_date_of_birth() = platform::DateToProto(clock_.Today() - 3 * 365);
    *c->mutable_entered_care_date() = platform::DateToProto(clock_.Today() - 2 * 365);
    c->set_sex(fpb::SEX_FEMALE);
    c->set_ethnicity("WHITE_BRITISH");
    c->set_legal_status(legal);
    auto stub = platform::testing::StubFor<fpb::FamilyFindingService>(*familyfinding_host_);
    grpc::ClientContext ctx;
    platform::TokenRequest token;
    token.subject = "childs-worker-1";
    token.roles = {platform::Role::kChildsSocialWorker};
    token.local_authorities = {la};
    platform::testing::Authorize(ctx, token);
    fpb::Child out;
    grpc::Status s = stub->CreateChild(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.name();
  }
  // The household's status as recruitment-svc now holds it.
  rpb::HouseholdStatus StatusAtRecruitment(const std::string& household) {
    auto stub = platform::testing::StubFor<rpb::RecruitmentService>(*recruitment_host_);
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kManager});
    rpb::GetHouseholdRequest get;
    get.set_name(household);
    rpb::Household h;
    grpc::Status s = stub->GetHousehold(&ctx, get, &h);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return h.status();
  }
  // The child as familyfinding-svc now holds it.
  fpb::Child ChildAtFamilyFinding(const std::string& name) {
    auto stub = platform::testing::StubFor<fpb::FamilyFindingService>(*familyfinding_host_);
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kManager});
    fpb::GetChildRequest r;
    r.set_name(name);
    fpb::Child out;
    grpc::Status s = stub->GetChild(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    // The households recruitment-svc refers to panel, and those whose records it
    // disposes of, read from its log as main.cc does.
    std::map<std::string, platform::Consumer::Handler> from_recruitment = RecruitmentEventHandlers(&referrals_);
    from_recruitment.merge(HouseholdDisposalHandlers(&clock_));
    host.AddConsumer(platform::Consumer::Options{
        .upstream = "recruitment",
        .target = "127.0.0.1:" + std::to_string(recruitment_host_->port()),
        .handlers = std::move(from_recruitment),
        .wait = std::chrono::milliseconds(200),
    });
    // What its cases and decisions hold on a person, disclosed as main.cc does.
    disclosure_ = std::make_unique<CaseDisclosure>(&agenda_, &decisions_, &clock_);
    host.DiscloseFrom({disclosure_.get()});
    return std::make_unique<PanelApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                      &platform::StatutoryTable::Defaults(),
                                      PanelApi::Stores{&panels_, &meetings_, &decisions_, &agenda_, &referrals_},
                                      households_.get(), children_.get());
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  PanelStore panels_;
  MeetingStore meetings_;
  DecisionStore decisions_;
  AgendaStore agenda_;
  ReferralStore referrals_;
  std::unique_ptr<CaseDisclosure> disclosure_;

  std::unique_ptr<platform::testing::ScratchDatabase> recruitment_db_;
  std::unique_ptr<platform::ServiceHost> recruitment_host_;
  recruitment::HouseholdStore household_store_;
  recruitment::InformationSessionStore sessions_;
  recruitment::RegistrationPauseStore pauses_;
  std::unique_ptr<recruitment::RecruitmentApi> recruitment_api_;
  std::unique_ptr<platform::Upstream> upstream_;
  std::unique_ptr<RecruitmentHouseholds> households_;

  std::unique_ptr<platform::testing::ScratchDatabase> familyfinding_db_;
  std::unique_ptr<platform::ServiceHost> familyfinding_host_;
  familyfinding::ChildStore child_store_;
  familyfinding::HouseholdProfileStore profile_store_;
  std::unique_ptr<familyfinding::FamilyFindingApi> familyfinding_api_;
  std::unique_ptr<platform::Upstream> familyfinding_upstream_;
  std::unique_ptr<FamilyFindingChildren> children_;
  prometheus::Registry follower_metrics_;
  std::vector<std::unique_ptr<platform::Consumer>> followers_;
};

// A sitting panel: cases booked on its meetings, heard, minuted and decided through the
// panel's own verbs, from the requests above.
class PanelCaseTest : public PanelApiTest {
 protected:
  // A panel with exactly a quorum of voting members, and a meeting of 10 June 2025
  // for `capacity` cases, seen from 20 June.
  void SetUp() override {
    PanelApiTest::SetUp();
    if (IsSkipped()) return;
    clock_.Set(platform::Date(2025, 6, 20));
    {
      grpc::ClientContext ctx;
      platform::testing::Authorize(ctx, {platform::Role::kPanelAdviser});
      ASSERT_TRUE(stub_->CreatePanel(&ctx, ValidPanel("agenda"), &panel_).ok());
    }
    meeting_ = Meeting("m", platform::Date(2025, 6, 10), 2);
  }

  pb::Meeting Meeting(const std::string& request_id, platform::Date day, int capacity) {
    pb::CreateMeetingRequest r;
    r.set_parent(panel_.name());
    r.set_request_id(request_id);
    *r.mutable_meeting()->mutable_meeting_date() = platform::DateToProto(day);
    r.mutable_meeting()->set_case_capacity(capacity);
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kPanelCoordinator});
    pb::Meeting out;
    EXPECT_TRUE(stub_->CreateMeeting(&ctx, r, &out).ok());
    return out;
  }

  // Everyone on the list present, and the meeting held.
  void Hold(pb::Meeting& m) {
    for (const auto& member : panel_.members()) m.add_attendance(member.member_id());
    m.set_status(pb::MEETING_STATUS_HELD);
    pb::UpdateMeetingRequest r;
    *r.mutable_meeting() = m;
    r.mutable_update_mask()->add_paths("attendance");
    r.mutable_update_mask()->add_paths("status");
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kPanelAdviser});
    grpc::Status s = stub_->UpdateMeeting(&ctx, r, &m);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Book(const pb::CreateAgendaItemRequest& r, pb::AgendaItem* out) {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kPanelCoordinator});
    return stub_->CreateAgendaItem(&ctx, r, out);
  }

  grpc::Status Minute(const pb::RecordRecommendationRequest& r, pb::Recommendation* out) {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kPanelAdviser});
    return stub_->RecordRecommendation(&ctx, r, out);
  }

  // By `account`, a decision maker for `authorities` (unless given: the agency's own,
  // and the local authority the decision names).
  grpc::Status Decide(const pb::RecordDecisionRequest& r, pb::Decision* out, const std::string& account = "worker-1",
                      std::optional<std::vector<std::string>> authorities = std::nullopt) {
    grpc::ClientContext ctx;
    platform::TokenRequest token;
    token.subject = account;
    token.roles = {platform::Role::kDecisionMaker};
    if (authorities) {
      token.local_authorities = *authorities;
    } else if (!r.decision().decision_maker_local_authority().empty()) {
      token.local_authorities = {r.decision().decision_maker_local_authority()};
    }
    platform::testing::Authorize(ctx, token);
    return stub_->RecordDecision(&ctx, r, out);
  }

  // The ADM's decision on `children` with no panel (should-be-placed, plan change), by
  // the decision maker of `local_authority`.
  static pb::RecordDecisionRequest OnChildren(pb::DecisionKind kind, const std::vector<std::string>& children,
                                              const std::string& local_authority, const std::string& request_id) {
    pb::RecordDecisionRequest r;
    r.set_request_id(request_id);
    pb::Decision* d = r.mutable_decision();
    d->set_kind(kind);
    d->set_outcome(pb::DECISION_OUTCOME_AGREED);
    *d->mutable_decision_date() = platform::DateToProto(platform::Date(2025, 6, 18));
    for (const auto& c : children) d->add_children(c);
    if (kind == pb::DECISION_KIND_PLAN_CHANGE) d->set_new_plan(pb::CHILD_PLAN_SPECIAL_GUARDIANSHIP);
    d->set_reasons("Adoption is in her best interests.");
    d->set_decision_maker("Director of Children's Services");
    d->set_decision_maker_local_authority(local_authority);
    return r;
  }

  pb::Panel panel_;
  pb::Meeting meeting_;
};

}  // namespace panel::testing
