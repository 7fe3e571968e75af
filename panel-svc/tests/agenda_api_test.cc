// The panel's live work over a real port (panel_api_fixture.h): a case booked on a
// meeting once recruitment-svc says the household awaits panel, its papers due, the
// recommendation of a quorate panel, and the decision maker's decision published.
#include <prometheus/registry.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <optional>
#include <thread>

#include "adoption/events/v1/events.pb.h"
#include "google/protobuf/util/json_util.h"
#include "panel-svc/api/followed_records.h"
#include "panel-svc/tests/panel_api_fixture.h"

namespace panel {
namespace {

namespace pb = adoption::panel::v1;
namespace rpb = adoption::recruitment::v1;
namespace fpb = adoption::familyfinding::v1;
namespace ev = adoption::events::v1;
using platform::Date;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::PreconditionViolations;
using platform::testing::ViolatedFields;

class AgendaApiTest : public testing::PanelCaseTest {
 protected:
  // The cases whose decision is overdue today, as the decision maker lists them, by name.
  std::vector<std::string> Overdue() {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kDecisionMaker});
    pb::ListAgendaItemsRequest r;
    r.set_parent("panels/-/meetings/-");
    r.set_filter("decision_overdue = true");
    pb::ListAgendaItemsResponse out;
    EXPECT_TRUE(stub_->ListAgendaItems(&ctx, r, &out).ok());
    std::vector<std::string> names;
    for (const auto& i : out.agenda_items()) names.push_back(i.name());
    std::sort(names.begin(), names.end());
    return names;
  }

  // The members at `positions` on the list sign in with `accounts`.
  void LinkAccounts(const std::vector<std::pair<int, std::string>>& accounts) {
    pb::UpdatePanelRequest r;
    *r.mutable_panel() = panel_;
    for (const auto& [position, account] : accounts) r.mutable_panel()->mutable_members(position)->set_account(account);
    r.mutable_update_mask()->add_paths("members");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    grpc::Status s = stub_->UpdatePanel(&ctx, r, &panel_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
};

TEST_P(AgendaApiTest, AnApprovalHeardByAQuoratePanelIsDecidedAndPublished) {
  const std::string household = Household("A1");
  pb::AgendaItem item;
  grpc::Status s = Book(Case(meeting_, household, "book-1"), &item);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // Ten working days before Tuesday 10 June: Tuesday 27 May.
  EXPECT_EQ(item.papers(0).due_date().month(), 5);
  EXPECT_EQ(item.papers(0).due_date().day(), 27);
  EXPECT_TRUE(item.papers(0).late());  // still outstanding on 20 June
  EXPECT_TRUE(item.recommendation().empty());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::GetMeetingRequest get;
    get.set_name(meeting_.name());
    pb::Meeting m;
    ASSERT_TRUE(stub_->GetMeeting(&ctx, get, &m).ok());
    EXPECT_EQ(m.agenda_item_count(), 1);
  }

  // Not before the meeting was held.
  pb::Recommendation rec;
  s = Minute(Recommend(item, "rec-early"), &rec);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"STATE meeting " + meeting_.name().substr(meeting_.name().rfind('/') + 1)});
  Hold(meeting_);
  s = Minute(Recommend(item, "rec-1"), &rec);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(rec.name(), item.name() + "/recommendation");
  EXPECT_EQ(rec.quorum_members_size(), 5);  // the medical adviser does not vote
  pb::Recommendation again;
  ASSERT_TRUE(Minute(Recommend(item, "rec-1"), &again).ok());  // a retry
  EXPECT_EQ(again.record_info().create_time().seconds(), rec.record_info().create_time().seconds());
  EXPECT_EQ(PreconditionViolations(Minute(Recommend(item, "rec-2"), &again)),
            std::vector<std::string>{"STATE agenda item " + item.name().substr(item.name().rfind('/') + 1)});

  pb::Decision decided;
  s = Decide(Approve(item, rec.name(), "adm-1"), &decided);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(decided.recommendation(), rec.name());
  EXPECT_EQ(decided.panel_date().day(), 10);
  // Seven working days after Monday 16 June: Wednesday 25 June.
  EXPECT_EQ(decided.decision_due_date().day(), 25);
  EXPECT_FALSE(decided.contrary_to_recommendation());
  EXPECT_FALSE(decided.imported());
  EXPECT_EQ(decided.record_info().created_by(), "worker-1");
  std::vector<std::string> published;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    soci::rowset<std::string> rows = sql.prepare << "SELECT type FROM outbox ORDER BY outbox_pk";
                    for (const auto& t : rows) published.push_back(t);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(published, std::vector<std::string>{"adoption.events.v1.AdopterApproved"});
  // One decision per recommendation.
  pb::Decision second;
  EXPECT_EQ(PreconditionViolations(Decide(Approve(item, rec.name(), "adm-2"), &second)),
            std::vector<std::string>{"STATE " + rec.name()});
  EXPECT_EQ(Rows("decisions"), 1);
}

TEST_P(AgendaApiTest, ACaseIsBookedOnlyForAHouseholdAwaitingPanelOnAMeetingWithRoom) {
  const std::string between = Household("B1", /*stage_two=*/false);
  pb::AgendaItem item;
  grpc::Status s = Book(Case(meeting_, between, "b-1"), &item);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"STATE " + between});
  // In Stage 2 but not yet referred by recruitment-svc: its assessment is not done.
  const std::string assessing = Household("B0", /*stage_two=*/true, /*referred=*/false);
  s = Book(Case(meeting_, assessing, "b-0"), &item);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"STATE " + assessing});
  EXPECT_NE(s.error_message().find("HOUSEHOLD_STATUS_STAGE_TWO"), std::string::npos) << s.error_message();
  ASSERT_TRUE(Book(Case(meeting_, Household("B2"), "b-2"), &item).ok());
  ASSERT_TRUE(Book(Case(meeting_, Household("B3"), "b-3"), &item).ok());
  s = Book(Case(meeting_, Household("B4"), "b-4"), &item);
  EXPECT_EQ(PreconditionViolations(s),
            std::vector<std::string>{"CAPACITY meeting " + meeting_.name().substr(meeting_.name().rfind('/') + 1)});
  EXPECT_EQ(Rows("agenda_items"), 2);

  // Bad input names each field and books nothing.
  pb::CreateAgendaItemRequest bad = Case(meeting_, "", "b-5");
  bad.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_MATCH);
  bad.mutable_agenda_item()->mutable_papers(0)->set_kind(pb::PAPER_KIND_UNSPECIFIED);
  bad.mutable_agenda_item()->add_conflicts()->set_member_id("nobody");
  s = Book(bad, &item);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"agenda_item.papers[0].kind"}));
  bad.mutable_agenda_item()->mutable_papers(0)->set_kind(pb::PAPER_KIND_OTHER);
  s = Book(bad, &item);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"agenda_item.household", "agenda_item.children",
                                                          "agenda_item.dual_approval_sought",
                                                          "agenda_item.conflicts[0].member_id"}));
  EXPECT_EQ(Rows("agenda_items"), 2);
}

TEST_P(AgendaApiTest, AConflictedMemberLeavesThePanelInquorateForThatCase) {
  pb::CreateAgendaItemRequest r = Case(meeting_, Household("C1"), "c-1");
  pb::ConflictDeclaration* conflict = r.mutable_agenda_item()->add_conflicts();
  conflict->set_member_id(panel_.members(2).member_id());  // the only social worker
  conflict->set_description("Supervised the assessment");
  pb::AgendaItem item;
  ASSERT_TRUE(Book(r, &item).ok());
  Hold(meeting_);
  pb::Recommendation rec;
  grpc::Status s = Minute(Recommend(item, "c-rec"), &rec);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const std::string subject = "QUORUM agenda item " + item.name().substr(item.name().rfind('/') + 1);
  EXPECT_EQ(PreconditionViolations(s), (std::vector<std::string>{subject, subject}));
  EXPECT_EQ(Rows("recommendations"), 0);
}

TEST_P(AgendaApiTest, AnApprovalWithoutTheRecommendationOrBeforeFinalMinutesIsRefused) {
  const std::string household = Household("D1");
  pb::RecordDecisionRequest r = Approve(pb::AgendaItem(), "", "adm-none");
  r.mutable_decision()->set_household(household);
  pb::Decision d;
  grpc::Status s = Decide(r, &d);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"RECOMMENDATION decision.recommendation"});

  pb::AgendaItem item;
  ASSERT_TRUE(Book(Case(meeting_, household, "d-1"), &item).ok());
  Hold(meeting_);
  pb::RecordRecommendationRequest draft = Recommend(item, "d-rec");
  draft.mutable_recommendation()->clear_minutes_final_date();
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(draft, &rec).ok());
  s = Decide(Approve(item, rec.name(), "adm-draft"), &d);
  EXPECT_EQ(PreconditionViolations(s),
            std::vector<std::string>{"MINUTES agenda item " + item.name().substr(item.name().rfind('/') + 1)});
  s = Decide(Approve(item, "panels/x/recommendation", "adm-bad"), &d);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"decision.recommendation"});
  // Adopters are the agency's: its own decision maker decides on them, for no authority.
  pb::RecordDecisionRequest by_authority = Approve(item, rec.name(), "adm-la");
  by_authority.mutable_decision()->set_decision_maker_local_authority("E09000006");
  EXPECT_EQ(ViolatedFields(Decide(by_authority, &d)),
            std::vector<std::string>{"decision.decision_maker_local_authority"});
  EXPECT_EQ(Rows("decisions"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
}

// A retry — the same request id, the same request — is answered from what the first
// call recorded, even with recruitment-svc down; a new request then cannot be checked.
TEST_P(AgendaApiTest, RetriesAreAnsweredWithoutAskingRecruitmentAgain) {
  const std::string household = Household("R1");
  pb::AgendaItem item, item_again;
  const pb::CreateAgendaItemRequest booking = Case(meeting_, household, "r-book");
  ASSERT_TRUE(Book(booking, &item).ok());
  Hold(meeting_);
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(item, "r-rec"), &rec).ok());
  pb::Decision decided, decided_again;
  const pb::RecordDecisionRequest decision = Approve(item, rec.name(), "r-adm");
  ASSERT_TRUE(Decide(decision, &decided).ok());

  StopRecruitment();
  ASSERT_TRUE(Book(booking, &item_again).ok());
  EXPECT_EQ(item_again.name(), item.name());
  grpc::Status s = Decide(decision, &decided_again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(decided_again.name(), decided.name());
  pb::RecordDecisionRequest changed = decision;
  changed.mutable_decision()->set_reasons("Other reasons");
  EXPECT_EQ(ViolatedFields(Decide(changed, &decided_again)), std::vector<std::string>{"request_id"});
  pb::Meeting later = Meeting("m-later", Date(2025, 7, 8), 2);
  EXPECT_EQ(Book(Case(later, household, "r-book-2"), &item_again).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Rows("decisions"), 1);
  EXPECT_EQ(Rows("agenda_items"), 1);
  EXPECT_EQ(Rows("outbox"), 1);
}

// The decision maker does not approve (contrary to the panel): a qualifying
// determination open for 40 working days — 16 June 2025 + 40 is 11 August. It is made
// final only after that, and then ends the household's journey (AdopterNotApproved,
// final); another applicants' representations within the period reopen theirs.
TEST_P(AgendaApiTest, ANonApprovalIsAQualifyingDeterminationMadeFinalAfterItsWindow) {
  pb::Decision refused[2];
  pb::AgendaItem items[2];
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(
        Book(Case(meeting_, Household("Q" + std::to_string(i)), "q-book-" + std::to_string(i)), &items[i]).ok());
  }
  Hold(meeting_);
  for (int i = 0; i < 2; ++i) {
    const pb::AgendaItem& item = items[i];
    pb::Recommendation rec;
    ASSERT_TRUE(Minute(Recommend(item, "q-rec-" + std::to_string(i)), &rec).ok());
    pb::RecordDecisionRequest r = Approve(item, rec.name(), "q-adm-" + std::to_string(i));
    r.mutable_decision()->set_outcome(pb::DECISION_OUTCOME_NOT_AGREED);
    r.mutable_decision()->clear_approval_terms();
    *r.mutable_decision()->mutable_decision_date() = platform::DateToProto(Date(2025, 6, 16));
    ASSERT_TRUE(Decide(r, &refused[i]).ok());
    EXPECT_TRUE(refused[i].contrary_to_recommendation());
    EXPECT_TRUE(refused[i].qualifying_determination());
    EXPECT_EQ(refused[i].determination_state(), pb::DETERMINATION_STATE_OPEN);
    EXPECT_EQ(refused[i].representations_deadline().month(), 8);
    EXPECT_EQ(refused[i].representations_deadline().day(), 11);
  }
  auto finalise = [&](const pb::Decision& d, pb::Decision* out) {
    pb::FinaliseDeterminationRequest r;
    r.set_name(d.name());
    r.set_etag(d.etag());
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kDecisionMaker});
    return stub_->FinaliseDetermination(&ctx, r, out);
  };
  pb::Decision out;
  const std::string id = refused[0].name().substr(std::string("decisions/").size());
  EXPECT_EQ(PreconditionViolations(finalise(refused[0], &out)), std::vector<std::string>{"WINDOW decisions/" + id});
  clock_.Set(Date(2025, 8, 12));
  grpc::Status s = finalise(refused[0], &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.determination_state(), pb::DETERMINATION_STATE_FINAL);
  EXPECT_EQ(out.etag(), "2");
  EXPECT_EQ(finalise(refused[0], &out).error_code(), grpc::StatusCode::ABORTED);  // a stale etag

  pb::ReconsiderDeterminationRequest reconsider;
  reconsider.set_name(refused[1].name());
  reconsider.set_etag(refused[1].etag());
  *reconsider.mutable_representations_date() = platform::DateToProto(Date(2025, 7, 30));
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kDecisionMaker});
    ASSERT_TRUE(stub_->ReconsiderDetermination(&ctx, reconsider, &out).ok());
  }
  EXPECT_EQ(out.determination_state(), pb::DETERMINATION_STATE_RECONSIDERED);
  EXPECT_EQ(out.representations_date().day(), 30);

  // Published: the two qualifying determinations, then the one made final.
  std::vector<std::pair<std::string, bool>> published;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    soci::rowset<soci::row> rows = sql.prepare << "SELECT type, payload FROM outbox ORDER BY outbox_pk";
                    for (const auto& row : rows) {
                      ev::AdopterNotApproved e;
                      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(row.get<std::string>(1), &e).ok());
                      published.emplace_back(e.household(), e.final());
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(published, (std::vector<std::pair<std::string, bool>>{
                           {refused[0].household(), false}, {refused[1].household(), false},
                           {refused[0].household(), true}}));
}

// recruitment-svc refers a household (its own verbs, its event log): the panel lists it
// as awaiting a date until its approval is booked on a meeting after the referral.
TEST_P(AgendaApiTest, AReferredHouseholdAwaitsADateUntilItsCaseIsBooked) {
  const rpb::Household referred = Referred("ref-1");
  auto list = [&](const std::string& filter) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelCoordinator});
    pb::ListPanelReferralsRequest r;
    r.set_filter(filter);
    pb::ListPanelReferralsResponse out;
    EXPECT_TRUE(stub_->ListPanelReferrals(&ctx, r, &out).ok()) << filter;
    return out;
  };
  pb::ListPanelReferralsResponse awaiting;
  for (int i = 0; i < 100 && awaiting.panel_referrals_size() == 0; ++i) {
    awaiting = list("awaiting = true");
    if (awaiting.panel_referrals_size() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(awaiting.panel_referrals_size(), 1);
  const pb::PanelReferral& r = awaiting.panel_referrals(0);
  EXPECT_EQ(r.household(), referred.name());
  EXPECT_EQ(r.referral_date().month(), 5);
  EXPECT_TRUE(r.dual_approval_sought());
  EXPECT_TRUE(r.agenda_item().empty());

  pb::AgendaItem item;
  ASSERT_TRUE(Book(Case(meeting_, referred.name(), "ref-book"), &item).ok());
  EXPECT_EQ(list("awaiting = true").panel_referrals_size(), 0);
  pb::ListPanelReferralsResponse all = list("");
  ASSERT_EQ(all.panel_referrals_size(), 1);
  EXPECT_EQ(all.panel_referrals(0).agenda_item(), item.name());
}

// Minutes final on Monday 16 June 2025: the decision is due seven working days later,
// Wednesday 25 June, and overdue from the 26th until it is recorded — listed, and
// counted by the panel_decisions_overdue gauge.
TEST_P(AgendaApiTest, ADecisionPastItsDueDayIsListedAndCountedUntilRecorded) {
  pb::AgendaItem item, deferred_item;
  ASSERT_TRUE(Book(Case(meeting_, Household("O1"), "o-book"), &item).ok());
  ASSERT_TRUE(Book(Case(meeting_, Household("O2"), "o-book-2"), &deferred_item).ok());
  Hold(meeting_);
  pb::Recommendation rec, deferred;
  ASSERT_TRUE(Minute(Recommend(item, "o-rec"), &rec).ok());
  EXPECT_EQ(rec.decision_due_date().month(), 6);
  EXPECT_EQ(rec.decision_due_date().day(), 25);
  pb::RecordRecommendationRequest defer = Recommend(deferred_item, "o-rec-2");
  defer.mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_DEFERRED);
  ASSERT_TRUE(Minute(defer, &deferred).ok());
  EXPECT_FALSE(deferred.has_decision_due_date());

  platform::DatabaseGauges gauges(&host_->db(), &host_->metrics().registry(), std::chrono::seconds(60));
  AddGauges(gauges, &panels_, &agenda_, &platform::StatutoryTable::Defaults(), &clock_);
  auto gauge = [&] {
    gauges.Refresh();
    return platform::testing::MetricValue(host_->metrics().registry(), "panel_decisions_overdue").value_or(-1);
  };
  clock_.Set(Date(2025, 6, 25));
  EXPECT_EQ(Overdue(), std::vector<std::string>{});
  EXPECT_EQ(gauge(), 0.0);
  clock_.Set(Date(2025, 6, 26));
  EXPECT_EQ(Overdue(), std::vector<std::string>{item.name()});
  EXPECT_EQ(gauge(), 1.0);
  pb::Decision decided;
  ASSERT_TRUE(Decide(Approve(item, rec.name(), "o-adm"), &decided).ok());
  EXPECT_EQ(Overdue(), std::vector<std::string>{});
  EXPECT_EQ(gauge(), 0.0);
}

// The old system's panel heard two approvals on Tuesday 3 June 2025 and its extract has
// no decision on either (docs/import.md): imported as this panel's hearings on one
// imported meeting, recommended, minutes final that day, the decisions due on Thursday
// 12 June and overdue on the 20th. The decision maker decides the first here (the
// household's referral was the old system's: it is in Stage 2 at recruitment-svc) and
// recruitment-svc approves it; the second's decision arrives in a later extract and
// decides that case. Neither hearing is the panel's work here; the live decision is.
TEST_P(AgendaApiTest, AHearingTheOldSystemLeftUndecidedIsDecidedHereAndReachesTheHousehold) {
  const std::string first = Household("I1", /*stage_two=*/true, /*referred=*/false);
  const std::string second = Household("I2", /*stage_two=*/true, /*referred=*/false);
  auto hearing = [&](const std::string& household, const std::string& source) {
    pb::ImportRecommendationRequest r;
    r.set_source_id(source);
    r.set_parent(panel_.name());
    *r.mutable_meeting_date() = platform::DateToProto(Date(2025, 6, 3));
    r.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_ADOPTER_APPROVAL);
    r.mutable_agenda_item()->set_household(household);
    r.mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_RECOMMENDED);
    return r;
  };
  auto import = [&](const pb::ImportRecommendationRequest& r, pb::ImportRecommendationResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ImportRecommendation(&ctx, r, out);
  };
  pb::ImportRecommendationResponse heard, heard_second;
  grpc::Status s = import(hearing(first, "I1/PANEL_RECOMMENDATION/2025-06-03"), &heard);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(heard.result(), adoption::type::v1::IMPORT_RESULT_CREATED);
  EXPECT_TRUE(heard.agenda_item().imported());
  EXPECT_EQ(heard.recommendation().name(), heard.agenda_item().recommendation());
  EXPECT_EQ(heard.recommendation().minutes_final_date().day(), 3);
  EXPECT_EQ(heard.recommendation().decision_due_date().month(), 6);
  EXPECT_EQ(heard.recommendation().decision_due_date().day(), 12);
  s = import(hearing(second, "I2/PANEL_RECOMMENDATION/2025-06-03"), &heard_second);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // One imported meeting holds the day's cases: held, nobody's attendance known.
  const std::string meeting = heard.agenda_item().name().substr(0, heard.agenda_item().name().find("/agendaItems/"));
  EXPECT_EQ(heard_second.agenda_item().name().rfind(meeting + "/agendaItems/", 0), 0u)
      << heard_second.agenda_item().name();
  pb::Meeting held;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    pb::GetMeetingRequest get;
    get.set_name(meeting);
    ASSERT_TRUE(stub_->GetMeeting(&ctx, get, &held).ok());
  }
  EXPECT_TRUE(held.imported());
  EXPECT_EQ(held.status(), pb::MEETING_STATUS_HELD);
  EXPECT_EQ(held.attendance_size(), 0);
  EXPECT_EQ(held.case_capacity(), 2);
  EXPECT_EQ(held.agenda_item_count(), 2);

  // The same extract again writes nothing; another hearing under the same id is refused.
  const long long items = Rows("agenda_items"), meetings = Rows("meetings");
  pb::ImportRecommendationResponse again;
  ASSERT_TRUE(import(hearing(first, "I1/PANEL_RECOMMENDATION/2025-06-03"), &again).ok());
  EXPECT_EQ(again.result(), adoption::type::v1::IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(again.agenda_item().name(), heard.agenda_item().name());
  pb::ImportRecommendationRequest other = hearing(first, "I1/PANEL_RECOMMENDATION/2025-06-03");
  other.mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_NOT_RECOMMENDED);
  s = import(other, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"IMPORT source_id I1/PANEL_RECOMMENDATION/2025-06-03"});
  EXPECT_EQ(Rows("agenda_items"), items);
  EXPECT_EQ(Rows("meetings"), meetings);

  // Bad input names each field and writes nothing.
  pb::ImportRecommendationRequest bad = hearing(first, "");
  bad.set_parent("meetings/x");
  bad.mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_UNSPECIFIED);
  s = import(bad, &again);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"source_id", "parent", "recommendation.outcome"}))
      << s.error_message();
  bad = hearing(first, "I1/PANEL_RECOMMENDATION/2025-06-21");
  *bad.mutable_meeting_date() = platform::DateToProto(Date(2025, 6, 21));
  bad.mutable_agenda_item()->add_papers()->set_kind(pb::PAPER_KIND_PROSPECTIVE_ADOPTER_REPORT);
  bad.mutable_recommendation()->set_votes_for(-1);
  s = import(bad, &again);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"agenda_item.papers", "meeting_date",
                                                         "recommendation.votes_for",
                                                         "recommendation.minutes_final_date"}))
      << s.error_message();
  bad = hearing("", "I9/PANEL_RECOMMENDATION/2025-06-03");
  s = import(bad, &again);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"agenda_item.household"}) << s.error_message();
  bad = hearing(first, "I1/PANEL_RECOMMENDATION/2025-06-04");
  bad.set_parent("panels/01j00000000000000000000000");
  EXPECT_EQ(import(bad, &again).error_code(), grpc::StatusCode::NOT_FOUND);
  // A household that is not at recruitment-svc, or has moved past the panel, is refused.
  const std::string approved = Household("I3");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::ImportDecisionResponse out;
    ASSERT_TRUE(stub_->ImportDecision(&ctx, ApprovalOf(approved, "I3/ADM"), &out).ok());
  }
  FollowPanel();
  s = import(hearing(approved, "I3/PANEL_RECOMMENDATION/2025-06-03"), &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(Rows("agenda_items"), items);
  EXPECT_EQ(Rows("meetings"), meetings);
  // Only a manager imports.
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    EXPECT_EQ(stub_->ImportRecommendation(&ctx, hearing(first, "I1/x"), &again).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }

  // Overdue on 20 June, both; the decision maker decides the first here.
  std::vector<std::string> both = {heard.agenda_item().name(), heard_second.agenda_item().name()};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(Overdue(), both);
  pb::Decision decided;
  s = Decide(Approve(heard.agenda_item(), heard.recommendation().name(), "i-adm"), &decided);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(decided.panel_date().day(), 3);
  EXPECT_FALSE(decided.contrary_to_recommendation());
  FollowPanel();
  EXPECT_EQ(StatusAtRecruitment(first), rpb::HOUSEHOLD_STATUS_APPROVED);
  EXPECT_EQ(Overdue(), std::vector<std::string>{heard_second.agenda_item().name()});

  // The second's decision, in a later extract, decides its case.
  pb::ImportDecisionResponse imported;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    s = stub_->ImportDecision(&ctx, ApprovalOf(second, "I2/ADM_APPROVAL/2025-06-10", Date(2025, 6, 10)), &imported);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(imported.decision().recommendation(), heard_second.recommendation().name());
  EXPECT_EQ(Overdue(), std::vector<std::string>{});

  // June's figures: no meeting held and no case heard here; one decision, within seven
  // working days of the decision maker receiving the case (16 June).
  pb::ReportPanelWorkRequest r;
  *r.mutable_period()->mutable_first_day() = platform::DateToProto(Date(2025, 6, 1));
  *r.mutable_period()->mutable_last_day() = platform::DateToProto(Date(2025, 6, 30));
  pb::PanelWork work;
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  ASSERT_TRUE(stub_->ReportPanelWork(&ctx, r, &work).ok());
  EXPECT_EQ(work.meetings_held(), 0);
  EXPECT_EQ(work.cases_heard(), 0);
  EXPECT_EQ(work.decisions(), 1);
  EXPECT_EQ(work.decided_in_timescale().count(), 1);
}

// June 2025 at this panel: one meeting held, three approvals heard (one recommended and
// decided within its seven working days, one deferred, one referred by recruitment-svc
// on 1 May and recommended), their PARs never received before the meeting.
TEST_P(AgendaApiTest, ThePanelsWorkInAPeriodComesOutOfWhatItHeardAndDecided) {
  const rpb::Household referred = Referred("rep-ref");
  for (int i = 0; i < 100 && Rows("panel_referrals") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  pb::Meeting june = Meeting("june", Date(2025, 6, 10), 3);
  pb::AgendaItem decided_item, deferred_item, referred_item;
  ASSERT_TRUE(Book(Case(june, Household("P1"), "p-1"), &decided_item).ok());
  ASSERT_TRUE(Book(Case(june, Household("P2"), "p-2"), &deferred_item).ok());
  ASSERT_TRUE(Book(Case(june, referred.name(), "p-3"), &referred_item).ok());
  Hold(june);
  pb::Recommendation rec, deferred, referred_rec;
  ASSERT_TRUE(Minute(Recommend(decided_item, "p-rec-1"), &rec).ok());
  pb::RecordRecommendationRequest defer = Recommend(deferred_item, "p-rec-2");
  defer.mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_DEFERRED);
  ASSERT_TRUE(Minute(defer, &deferred).ok());
  ASSERT_TRUE(Minute(Recommend(referred_item, "p-rec-3"), &referred_rec).ok());
  pb::Decision decided;
  ASSERT_TRUE(Decide(Approve(decided_item, rec.name(), "p-adm"), &decided).ok());

  pb::ReportPanelWorkRequest r;
  *r.mutable_period()->mutable_first_day() = platform::DateToProto(Date(2025, 6, 1));
  *r.mutable_period()->mutable_last_day() = platform::DateToProto(Date(2025, 6, 30));
  pb::PanelWork work;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    grpc::Status s = stub_->ReportPanelWork(&ctx, r, &work);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(work.meetings_held(), 1);  // the fixture's meeting of the 10th was never held
  EXPECT_EQ(work.cases_heard(), 3);
  ASSERT_EQ(work.by_kind_size(), 5);
  EXPECT_EQ(work.by_kind(0).kind(), pb::AGENDA_ITEM_KIND_ADOPTER_APPROVAL);
  EXPECT_EQ(work.by_kind(0).recommended(), 2);
  EXPECT_EQ(work.by_kind(0).deferred(), 1);
  EXPECT_EQ(work.decisions(), 1);
  EXPECT_EQ(work.decided_in_timescale().count(), 1);
  EXPECT_DOUBLE_EQ(work.decided_in_timescale().percent().value(), 100);
  EXPECT_EQ(work.papers_late().count(), 3);
  EXPECT_EQ(work.papers_late().of(), 3);
  EXPECT_EQ(work.approvals_referred(), 1);
  EXPECT_DOUBLE_EQ(work.mean_days_referral_to_panel().value(), 40);
  // A period with no work has no percentages.
  *r.mutable_period()->mutable_first_day() = platform::DateToProto(Date(2024, 6, 1));
  *r.mutable_period()->mutable_last_day() = platform::DateToProto(Date(2024, 6, 30));
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kPanelAdviser});
  ASSERT_TRUE(stub_->ReportPanelWork(&ctx, r, &work).ok());
  EXPECT_EQ(work.cases_heard(), 0);
  EXPECT_FALSE(work.decided_in_timescale().has_percent());
}

// Papers arrive and are rated after booking, conflicts are declared at the meeting; a
// case never loses a paper, and a stale etag changes nothing.
TEST_P(AgendaApiTest, PapersAreReceivedAndRatedAndConflictsDeclaredAfterBooking) {
  pb::AgendaItem item;
  ASSERT_TRUE(Book(Case(meeting_, Household("U1"), "u-book"), &item).ok());
  auto update = [&](pb::AgendaItem changed, std::vector<std::string> paths, pb::AgendaItem* out) {
    pb::UpdateAgendaItemRequest r;
    *r.mutable_agenda_item() = std::move(changed);
    for (auto& p : paths) r.mutable_update_mask()->add_paths(p);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    return stub_->UpdateAgendaItem(&ctx, r, out);
  };
  pb::AgendaItem changed = item;
  *changed.mutable_papers(0)->mutable_received_date() = platform::DateToProto(Date(2025, 5, 26));
  changed.mutable_papers(0)->set_quality_rating(pb::QUALITY_RATING_GOOD);
  changed.mutable_papers(0)->set_quality_feedback("A thorough PAR");
  pb::Paper* medical = changed.add_papers();
  medical->set_kind(pb::PAPER_KIND_MEDICAL_REPORT);
  medical->set_title("Medical adviser's summary");
  pb::ConflictDeclaration* conflict = changed.add_conflicts();
  conflict->set_member_id(panel_.members(2).member_id());  // the only social worker
  conflict->set_description("Supervised the assessment");
  pb::AgendaItem updated;
  grpc::Status s = update(changed, {"papers", "conflicts"}, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_FALSE(updated.papers(0).late());
  EXPECT_EQ(updated.papers(0).quality_rating(), pb::QUALITY_RATING_GOOD);
  EXPECT_EQ(updated.papers(1).due_date().day(), 27);  // as at booking
  EXPECT_TRUE(updated.papers(1).late());               // still outstanding on 20 June
  ASSERT_EQ(updated.conflicts_size(), 1);
  EXPECT_EQ(Rows("agenda_paper_history"), 1);

  // Stale, or losing a paper: nothing changes.
  EXPECT_EQ(update(changed, {"papers"}, &item).error_code(), grpc::StatusCode::ABORTED);
  pb::AgendaItem fewer = updated;
  fewer.mutable_papers()->RemoveLast();
  EXPECT_EQ(ViolatedFields(update(fewer, {"papers"}, &item)), std::vector<std::string>{"agenda_item.papers"});
  EXPECT_EQ(Rows("agenda_paper_history"), 1);

  // The declared conflict leaves the panel without a social worker for this case.
  Hold(meeting_);
  pb::Recommendation rec;
  EXPECT_EQ(Minute(Recommend(updated, "u-rec"), &rec).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

// The meeting of 10 June is cancelled: its case moves to the meeting of 24 June (the
// item's name follows its meeting); a heard case, a full meeting and another panel's
// meeting refuse it.
TEST_P(AgendaApiTest, ACaseMovesOffACancelledMeetingToOneWithRoom) {
  pb::AgendaItem item, other;
  ASSERT_TRUE(Book(Case(meeting_, Household("M1"), "mv-1"), &item).ok());
  ASSERT_TRUE(Book(Case(meeting_, Household("M2"), "mv-2"), &other).ok());
  meeting_.set_status(pb::MEETING_STATUS_CANCELLED);
  {
    pb::UpdateMeetingRequest r;
    *r.mutable_meeting() = meeting_;
    r.mutable_update_mask()->add_paths("status");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelCoordinator});
    ASSERT_TRUE(stub_->UpdateMeeting(&ctx, r, &meeting_).ok());
  }
  pb::Meeting later = Meeting("m-24", Date(2025, 6, 24), 1);
  auto move = [&](const pb::AgendaItem& i, const std::string& to, pb::AgendaItem* out) {
    pb::MoveAgendaItemRequest r;
    r.set_name(i.name());
    r.set_etag(i.etag());
    r.set_meeting(to);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelCoordinator});
    return stub_->MoveAgendaItem(&ctx, r, out);
  };
  pb::AgendaItem moved;
  grpc::Status s = move(item, later.name(), &moved);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(moved.name().rfind(later.name() + "/agendaItems/", 0), 0u);
  EXPECT_EQ(moved.etag(), "2");
  // Its PAR, due by default ten working days before 10 June, is now due ten before 24 June.
  EXPECT_EQ(moved.papers(0).due_date().month(), 6);
  EXPECT_EQ(moved.papers(0).due_date().day(), 10);
  EXPECT_EQ(PreconditionViolations(move(other, later.name(), &moved)),
            std::vector<std::string>{"CAPACITY meeting " + later.name().substr(later.name().rfind('/') + 1)});
  pb::Panel second;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    ASSERT_TRUE(stub_->CreatePanel(&ctx, testing::ValidPanel("second"), &second).ok());
  }
  EXPECT_EQ(ViolatedFields(move(other, second.name() + "/meetings/" + later.name().substr(later.name().rfind('/') + 1),
                                &moved)),
            std::vector<std::string>{"meeting"});
  // The old name is gone; the case reads under its new meeting.
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetAgendaItemRequest get;
  get.set_name(item.name());
  EXPECT_EQ(stub_->GetAgendaItem(&ctx, get, &moved).error_code(), grpc::StatusCode::NOT_FOUND);
}

// A child not relinquished is decided on by its own LA's decision maker without panel;
// familyfinding-svc is asked first and follows the decision from the panel's log.
TEST_P(AgendaApiTest, AShouldBePlacedDecisionWithoutPanelIsTheChildsOwnAuthoritysAndReachesFamilyFinding) {
  const std::string child = Child("sbp-1", fpb::LEGAL_STATUS_CARE_ORDER);
  const std::string relinquished = Child("sbp-2", fpb::LEGAL_STATUS_CONSENT);
  const std::string nobody = "children/01j00000000000000000000009";
  pb::Decision d;
  EXPECT_EQ(PreconditionViolations(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E08000018", "s-1"), &d)),
            std::vector<std::string>{"AUTHORITY " + child});
  EXPECT_EQ(PreconditionViolations(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {nobody}, "E09000006", "s-2"), &d)),
            std::vector<std::string>{"EXISTS " + nobody});
  EXPECT_EQ(
      PreconditionViolations(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {relinquished}, "E09000006", "s-3"), &d)),
      std::vector<std::string>{"CONSENT " + relinquished});
  // The decision maker it names must be the one recording it: the agency's own, or
  // another authority's, may not speak for the child's.
  for (const std::vector<std::string>& speaks_for : {std::vector<std::string>{}, {"E08000018"}}) {
    grpc::Status denied = Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E09000006", "s-7"), &d,
                                 "adm@elsewhere", speaks_for);
    EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED) << denied.error_message();
    EXPECT_NE(denied.error_message().find("decision_maker_local_authority E09000006"), std::string::npos)
        << denied.error_message();
  }
  EXPECT_EQ(Rows("decisions"), 0);
  EXPECT_EQ(Rows("outbox"), 0);

  grpc::Status s = Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E09000006", "s-4"), &d);
  ASSERT_TRUE(s.ok()) << s.error_message();
  FollowPanel();
  fpb::Child followed = ChildAtFamilyFinding(child);
  EXPECT_EQ(followed.should_be_placed_decision_date().day(), 18);
  EXPECT_EQ(PreconditionViolations(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E09000006", "s-5"), &d)),
            std::vector<std::string>{"STATE " + child});
  // A retry is answered from the record, familyfinding-svc or not.
  familyfinding_host_->Shutdown();
  pb::Decision again;
  ASSERT_TRUE(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E09000006", "s-4"), &again).ok());
  EXPECT_EQ(again.name(), d.name());
  s = Decide(OnChildren(pb::DECISION_KIND_PLAN_CHANGE, {child}, "E09000006", "s-6"), &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_NE(s.error_message().find("familyfinding"), std::string::npos) << s.error_message();
  EXPECT_EQ(Rows("decisions"), 1);
}

// The journey across the three services: an approval heard and decided reaches the
// household; a match is booked only for a child with its decision, heard, its minutes
// made final, decided by the child's LA, and reaches both the child and the household.
TEST_P(AgendaApiTest, AMatchHeardAtPanelReachesTheChildAndTheHousehold) {
  const std::string household = Household("J1");
  pb::AgendaItem approval;
  ASSERT_TRUE(Book(Case(meeting_, household, "j-approval"), &approval).ok());
  Hold(meeting_);
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(approval, "j-rec"), &rec).ok());
  pb::Decision approved;
  ASSERT_TRUE(Decide(Approve(approval, rec.name(), "j-adm"), &approved).ok());
  FollowPanel();
  EXPECT_EQ(StatusAtRecruitment(household), rpb::HOUSEHOLD_STATUS_APPROVED);

  const std::string child = Child("j-child", fpb::LEGAL_STATUS_PLACEMENT_ORDER);
  pb::Meeting july = Meeting("m-july", Date(2025, 7, 1), 2);
  pb::CreateAgendaItemRequest match;
  match.set_parent(july.name());
  match.set_request_id("j-match");
  match.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_MATCH);
  match.mutable_agenda_item()->set_household(household);
  match.mutable_agenda_item()->add_children(child);
  match.mutable_agenda_item()->add_papers()->set_kind(pb::PAPER_KIND_CHILD_PERMANENCE_REPORT);
  pb::AgendaItem item;
  // No match before the child's should-be-placed decision.
  EXPECT_EQ(PreconditionViolations(Book(match, &item)), std::vector<std::string>{"DECISION " + child});
  pb::Decision decided;
  ASSERT_TRUE(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E09000006", "j-sbp"), &decided).ok());
  FollowPanel();
  grpc::Status s = Book(match, &item);
  ASSERT_TRUE(s.ok()) << s.error_message();

  clock_.Set(Date(2025, 7, 4));
  Hold(july);
  pb::RecordRecommendationRequest minute = Recommend(item, "j-match-rec");
  minute.mutable_recommendation()->clear_minutes_final_date();
  ASSERT_TRUE(Minute(minute, &rec).ok());
  EXPECT_FALSE(rec.has_decision_due_date());
  // Not decided on draft minutes; the adviser makes them final (once).
  auto finalise = [&](const pb::Recommendation& r, Date day, pb::Recommendation* out) {
    pb::FinaliseMinutesRequest f;
    f.set_name(r.name());
    f.set_etag(r.etag());
    *f.mutable_minutes_final_date() = platform::DateToProto(day);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    return stub_->FinaliseMinutes(&ctx, f, out);
  };
  pb::Recommendation final;
  {
    pb::FinaliseMinutesRequest bad;
    bad.set_name(item.name());  // the case, not its recommendation; no etag, no day
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    std::vector<std::string> fields = ViolatedFields(stub_->FinaliseMinutes(&ctx, bad, &final));
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"etag", "minutes_final_date", "name"}));
  }
  EXPECT_EQ(ViolatedFields(finalise(rec, Date(2025, 6, 30), &final)), std::vector<std::string>{"minutes_final_date"});
  s = finalise(rec, Date(2025, 7, 3), &final);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(final.minutes_final_date().day(), 3);
  EXPECT_EQ(final.decision_due_date().day(), 14);  // Thursday 3 July + 7 working days
  EXPECT_EQ(final.etag(), "2");
  EXPECT_EQ(finalise(rec, Date(2025, 7, 3), &final).error_code(), grpc::StatusCode::ABORTED);  // stale etag
  EXPECT_EQ(PreconditionViolations(finalise(final, Date(2025, 7, 4), &final)),
            std::vector<std::string>{"STATE agenda item " + item.name().substr(item.name().rfind('/') + 1)});

  pb::RecordDecisionRequest agree;
  agree.set_request_id("j-match-adm");
  pb::Decision* d = agree.mutable_decision();
  d->set_kind(pb::DECISION_KIND_MATCH);
  d->set_outcome(pb::DECISION_OUTCOME_AGREED);
  *d->mutable_decision_date() = platform::DateToProto(Date(2025, 7, 4));
  d->set_recommendation(rec.name());
  *d->mutable_recommendation_received_date() = platform::DateToProto(Date(2025, 7, 3));
  d->set_household(household);
  d->add_children(child);
  d->set_reasons("A good match.");
  d->set_decision_maker("Director of Children's Services");
  d->set_decision_maker_local_authority("E08000018");  // another authority's ADM
  EXPECT_EQ(PreconditionViolations(Decide(agree, &decided)), std::vector<std::string>{"AUTHORITY " + child});
  d->set_decision_maker_local_authority("E09000006");
  s = Decide(agree, &decided);
  ASSERT_TRUE(s.ok()) << s.error_message();
  FollowPanel();
  EXPECT_EQ(ChildAtFamilyFinding(child).status(), fpb::FAMILY_FINDING_STATUS_MATCHED_AWAITING_PLACEMENT);
  EXPECT_EQ(StatusAtRecruitment(household), rpb::HOUSEHOLD_STATUS_MATCHED);
}

// An approved household's review (AAR 2005 reg 29) heard and agreed on new terms:
// published as ApprovalReviewed, it reaches recruitment-svc as the household's
// APPROVAL_REVIEWED step on those terms, the household staying approved.
TEST_P(AgendaApiTest, AnAgreedReviewGoesOnWithTheApprovalOnItsNewTerms) {
  const std::string household = Household("V1");
  pb::AgendaItem approval;
  ASSERT_TRUE(Book(Case(meeting_, household, "v-approval"), &approval).ok());
  Hold(meeting_);
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(approval, "v-rec"), &rec).ok());
  pb::Decision approved;
  ASSERT_TRUE(Decide(Approve(approval, rec.name(), "v-adm"), &approved).ok());
  FollowPanel();
  ASSERT_EQ(StatusAtRecruitment(household), rpb::HOUSEHOLD_STATUS_APPROVED);

  pb::Meeting july = Meeting("m-v-july", Date(2025, 7, 1), 2);
  pb::CreateAgendaItemRequest review;
  review.set_parent(july.name());
  review.set_request_id("v-review");
  review.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_APPROVAL_REVIEW);
  review.mutable_agenda_item()->set_household(household);
  review.mutable_agenda_item()->add_papers()->set_kind(pb::PAPER_KIND_REVIEW_REPORT);
  pb::AgendaItem item;
  grpc::Status s = Book(review, &item);
  ASSERT_TRUE(s.ok()) << s.error_message();
  clock_.Set(Date(2025, 7, 4));
  Hold(july);
  pb::RecordRecommendationRequest minute = Recommend(item, "v-review-rec");
  *minute.mutable_recommendation()->mutable_minutes_final_date() = platform::DateToProto(Date(2025, 7, 2));
  ASSERT_TRUE(Minute(minute, &rec).ok());

  pb::RecordDecisionRequest agree = Approve(item, rec.name(), "v-review-adm");
  pb::Decision* d = agree.mutable_decision();
  d->set_kind(pb::DECISION_KIND_APPROVAL_REVIEW);
  *d->mutable_decision_date() = platform::DateToProto(Date(2025, 7, 3));
  *d->mutable_recommendation_received_date() = platform::DateToProto(Date(2025, 7, 2));
  d->mutable_approval_terms()->set_max_children(2);
  d->mutable_approval_terms()->set_sibling_groups(true);
  d->mutable_approval_terms()->set_max_age_years(7);
  pb::Decision decided;
  s = Decide(agree, &decided);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<std::string> published;
  std::string payload;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    soci::rowset<soci::row> rows = sql.prepare << "SELECT type, payload FROM outbox ORDER BY outbox_pk";
                    for (const auto& row : rows) {
                      published.push_back(row.get<std::string>(0));
                      payload = row.get<std::string>(1);
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(published, (std::vector<std::string>{"adoption.events.v1.AdopterApproved",
                                                 "adoption.events.v1.ApprovalReviewed"}));
  adoption::events::v1::ApprovalReviewed event;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(payload, &event).ok()) << payload;
  EXPECT_EQ(event.approval().household(), household);
  EXPECT_EQ(event.approval().decision(), decided.name());
  EXPECT_EQ(event.approval().max_children(), 2);
  EXPECT_EQ(event.approval().decision_date().day(), 3);

  FollowPanel();
  auto stub = platform::testing::StubFor<rpb::RecruitmentService>(*recruitment_host_);
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  rpb::GetHouseholdRequest get;
  get.set_name(household);
  rpb::Household h;
  ASSERT_TRUE(stub->GetHousehold(&ctx, get, &h).ok());
  EXPECT_EQ(h.status(), rpb::HOUSEHOLD_STATUS_APPROVED);
  EXPECT_EQ(h.approval_terms().max_children(), 2);
  EXPECT_EQ(h.approval_terms().max_age_years(), 7);
  EXPECT_EQ(h.journey(h.journey_size() - 1).event(), rpb::JOURNEY_EVENT_APPROVAL_REVIEWED);
  EXPECT_EQ(h.journey(h.journey_size() - 1).effective_date().day(), 3);
}

// A relinquished child's should-be-placed case goes to panel (a child in care
// proceedings' may not); heard and decided by the child's LA, it reaches family finding.
TEST_P(AgendaApiTest, ARelinquishedChildsShouldBePlacedCaseIsHeardAtPanelAndReachesFamilyFinding) {
  const std::string relinquished = Child("sp-1", fpb::LEGAL_STATUS_CONSENT);
  const std::string in_proceedings = Child("sp-2", fpb::LEGAL_STATUS_CARE_ORDER);
  auto sbp_case = [&](const std::string& child, const std::string& request_id) {
    pb::CreateAgendaItemRequest r;
    r.set_parent(meeting_.name());
    r.set_request_id(request_id);
    r.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_SHOULD_BE_PLACED);
    r.mutable_agenda_item()->add_children(child);
    r.mutable_agenda_item()->add_papers()->set_kind(pb::PAPER_KIND_CHILD_PERMANENCE_REPORT);
    return r;
  };
  pb::AgendaItem item;
  EXPECT_EQ(PreconditionViolations(Book(sbp_case(in_proceedings, "sp-book-2"), &item)),
            std::vector<std::string>{"CONSENT " + in_proceedings});
  grpc::Status s = Book(sbp_case(relinquished, "sp-book-1"), &item);
  ASSERT_TRUE(s.ok()) << s.error_message();
  Hold(meeting_);
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(item, "sp-rec"), &rec).ok());
  pb::RecordDecisionRequest agree = OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {relinquished}, "E09000006", "sp-adm");
  agree.mutable_decision()->set_recommendation(rec.name());
  *agree.mutable_decision()->mutable_recommendation_received_date() = platform::DateToProto(Date(2025, 6, 16));
  pb::Decision decided;
  s = Decide(agree, &decided);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(decided.panel_date().day(), 10);
  EXPECT_EQ(Rows("outbox"), 1);
  FollowPanel();
  EXPECT_EQ(ChildAtFamilyFinding(relinquished).should_be_placed_decision_date().day(), 18);
}

// An approval ended on review at panel: ApprovalTerminated, and recruitment-svc ends the
// household's approval.
TEST_P(AgendaApiTest, AnApprovalTerminatedAtPanelEndsTheHouseholdsApproval) {
  const std::string household = Household("T1");
  pb::AgendaItem approval;
  ASSERT_TRUE(Book(Case(meeting_, household, "t-approval"), &approval).ok());
  Hold(meeting_);
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(approval, "t-rec"), &rec).ok());
  pb::Decision approved;
  ASSERT_TRUE(Decide(Approve(approval, rec.name(), "t-adm"), &approved).ok());
  FollowPanel();
  ASSERT_EQ(StatusAtRecruitment(household), rpb::HOUSEHOLD_STATUS_APPROVED);

  pb::Meeting july = Meeting("m-t-july", Date(2025, 7, 1), 2);
  pb::CreateAgendaItemRequest termination;
  termination.set_parent(july.name());
  termination.set_request_id("t-termination");
  termination.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_APPROVAL_TERMINATION);
  termination.mutable_agenda_item()->set_household(household);
  termination.mutable_agenda_item()->add_papers()->set_kind(pb::PAPER_KIND_REVIEW_REPORT);
  pb::AgendaItem item;
  grpc::Status s = Book(termination, &item);
  ASSERT_TRUE(s.ok()) << s.error_message();
  clock_.Set(Date(2025, 7, 4));
  Hold(july);
  pb::RecordRecommendationRequest minute = Recommend(item, "t-term-rec");
  *minute.mutable_recommendation()->mutable_minutes_final_date() = platform::DateToProto(Date(2025, 7, 2));
  ASSERT_TRUE(Minute(minute, &rec).ok());
  pb::RecordDecisionRequest agree = Approve(item, rec.name(), "t-term-adm");
  pb::Decision* d = agree.mutable_decision();
  d->set_kind(pb::DECISION_KIND_APPROVAL_TERMINATION);
  d->clear_approval_terms();  // terms go only with an approval or a review
  *d->mutable_decision_date() = platform::DateToProto(Date(2025, 7, 3));
  *d->mutable_recommendation_received_date() = platform::DateToProto(Date(2025, 7, 2));
  pb::Decision decided;
  s = Decide(agree, &decided);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Rows("outbox"), 2);  // AdopterApproved, ApprovalTerminated
  FollowPanel();
  EXPECT_EQ(StatusAtRecruitment(household), rpb::HOUSEHOLD_STATUS_APPROVAL_TERMINATED);
  // Nothing more to decide on an approval that has ended.
  pb::CreateAgendaItemRequest again = termination;
  again.set_request_id("t-termination-2");
  again.set_parent(july.name());
  EXPECT_EQ(Book(again, &item).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

// A member reads the meetings they attend and the cases on them, except those they
// declared a conflict on; a decision maker who sat on a case may not decide it.
TEST_P(AgendaApiTest, APanelMemberReadsTheirMeetingsAndCasesAndNeverDecidesThem) {
  LinkAccounts({{1, "sam@agency"}, {3, "ann@agency"}});
  pb::AgendaItem open, conflicted;
  ASSERT_TRUE(Book(Case(meeting_, Household("K1"), "k-1"), &open).ok());
  pb::CreateAgendaItemRequest r = Case(meeting_, Household("K2"), "k-2");
  pb::ConflictDeclaration* conflict = r.mutable_agenda_item()->add_conflicts();
  conflict->set_member_id(panel_.members(3).member_id());
  conflict->set_description("Knows the applicants");
  ASSERT_TRUE(Book(r, &conflicted).ok());
  pb::Meeting other = Meeting("m-other", Date(2025, 6, 17), 2);
  Hold(meeting_);

  auto as = [](grpc::ClientContext& ctx, const std::string& account) {
    platform::TokenRequest t;
    t.subject = account;
    t.roles = {Role::kPanelMember};
    Authorize(ctx, t);
  };
  auto meetings = [&](const std::string& account) {
    grpc::ClientContext ctx;
    as(ctx, account);
    pb::ListMeetingsRequest list;
    list.set_parent("panels/-");
    pb::ListMeetingsResponse out;
    EXPECT_TRUE(stub_->ListMeetings(&ctx, list, &out).ok());
    std::vector<std::string> names;
    for (const auto& m : out.meetings()) names.push_back(m.name());
    return names;
  };
  auto cases = [&](const std::string& account) {
    grpc::ClientContext ctx;
    as(ctx, account);
    pb::ListAgendaItemsRequest list;
    list.set_parent("panels/-/meetings/-");
    pb::ListAgendaItemsResponse out;
    EXPECT_TRUE(stub_->ListAgendaItems(&ctx, list, &out).ok());
    std::vector<std::string> names;
    for (const auto& i : out.agenda_items()) names.push_back(i.name());
    return names;
  };
  auto get_case = [&](const std::string& account, const std::string& name) {
    grpc::ClientContext ctx;
    as(ctx, account);
    pb::GetAgendaItemRequest get;
    get.set_name(name);
    pb::AgendaItem out;
    return stub_->GetAgendaItem(&ctx, get, &out).error_code();
  };
  auto get_meeting = [&](const std::string& account, const std::string& name) {
    grpc::ClientContext ctx;
    as(ctx, account);
    pb::GetMeetingRequest get;
    get.set_name(name);
    pb::Meeting out;
    return stub_->GetMeeting(&ctx, get, &out).error_code();
  };
  EXPECT_EQ(meetings("ann@agency"), std::vector<std::string>{meeting_.name()});
  EXPECT_EQ(get_meeting("ann@agency", meeting_.name()), grpc::StatusCode::OK);
  EXPECT_EQ(get_meeting("ann@agency", other.name()), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(cases("ann@agency"), std::vector<std::string>{open.name()});
  EXPECT_EQ(get_case("ann@agency", open.name()), grpc::StatusCode::OK);
  EXPECT_EQ(get_case("ann@agency", conflicted.name()), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(cases("sam@agency"), (std::vector<std::string>{open.name(), conflicted.name()}));
  EXPECT_TRUE(meetings("stranger@agency").empty());
  EXPECT_TRUE(cases("stranger@agency").empty());

  // Sam, the vice-chair, is also one of the agency's decision makers: not on this case.
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(open, "k-rec"), &rec).ok());
  pb::Decision d;
  EXPECT_EQ(PreconditionViolations(Decide(Approve(open, rec.name(), "k-adm-sam"), &d, "sam@agency")),
            std::vector<std::string>{"DECISION_MAKER agenda item " + open.name().substr(open.name().rfind('/') + 1)});
  EXPECT_EQ(Rows("decisions"), 0);
  grpc::Status s = Decide(Approve(open, rec.name(), "k-adm"), &d, "adm@agency");
  EXPECT_TRUE(s.ok()) << s.error_message();
}

// A member who has left no longer sits; training and appraisal fall due a year on.
TEST_P(AgendaApiTest, AMemberWhoLeftIsNotCountedAndTrainingFallsDue) {
  pb::UpdatePanelRequest r;
  *r.mutable_panel() = panel_;
  pb::PanelMember* ann = r.mutable_panel()->mutable_members(3);
  *ann->mutable_notice_date() = platform::DateToProto(Date(2025, 5, 2));
  *ann->mutable_left_date() = platform::DateToProto(Date(2025, 6, 1));  // not a month after
  *ann->mutable_last_training_date() = platform::DateToProto(Date(2024, 9, 30));
  ann->add_declared_interests("Foster carer for the council");
  r.mutable_update_mask()->add_paths("members");
  pb::Panel updated;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    EXPECT_EQ(ViolatedFields(stub_->UpdatePanel(&ctx, r, &updated)),
              std::vector<std::string>{"panel.members[3].left_date"});
  }
  *ann->mutable_left_date() = platform::DateToProto(Date(2025, 6, 2));
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    grpc::Status s = stub_->UpdatePanel(&ctx, r, &updated);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(updated.members(3).training_due_date().year(), 2025);
  EXPECT_EQ(updated.members(3).training_due_date().month(), 9);
  EXPECT_EQ(updated.members(3).declared_interests(0), "Foster carer for the council");
  EXPECT_FALSE(updated.members(3).has_appraisal_due_date());
  panel_ = updated;
  // The adviser's reminders on 20 June 2025: Ann has left; the five still on the list
  // have no training or appraisal recorded.
  platform::DatabaseGauges gauges(&host_->db(), &host_->metrics().registry(), std::chrono::seconds(60));
  AddGauges(gauges, &panels_, &agenda_, &platform::StatutoryTable::Defaults(), &clock_);
  gauges.Refresh();
  EXPECT_EQ(platform::testing::MetricValue(host_->metrics().registry(), "panel_member_training_due"), 5);
  EXPECT_EQ(platform::testing::MetricValue(host_->metrics().registry(), "panel_member_appraisal_due"), 5);
  // On 10 June Ann has left: the meeting may not record her as present.
  pb::Meeting m = meeting_;
  for (const auto& member : panel_.members()) m.add_attendance(member.member_id());
  pb::UpdateMeetingRequest u;
  *u.mutable_meeting() = m;
  u.mutable_update_mask()->add_paths("attendance");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kPanelAdviser});
  EXPECT_EQ(ViolatedFields(stub_->UpdateMeeting(&ctx, u, &m)), std::vector<std::string>{"meeting.attendance[3]"});
}

// The panel's cases are part of the records of those they are about (docs/records.md):
// when recruitment-svc disposes of a household's record, its approval goes with it and
// the match stays with the child's record; when familyfinding-svc disposes of the
// child's, the match and the child's own decision go. Each leaves a tombstone; a replay
// changes nothing.
TEST_P(AgendaApiTest, CasesGoWithTheRecordsTheyArePartOfAndAMatchOnlyWithTheLastOfThem) {
  const std::string household = Household("R1");
  pb::AgendaItem approval;
  ASSERT_TRUE(Book(Case(meeting_, household, "r-approval"), &approval).ok());
  Hold(meeting_);
  pb::Recommendation rec;
  ASSERT_TRUE(Minute(Recommend(approval, "r-rec"), &rec).ok());
  pb::Decision approved;
  ASSERT_TRUE(Decide(Approve(approval, rec.name(), "r-adm"), &approved).ok());
  FollowPanel();
  const std::string child = Child("r-child", fpb::LEGAL_STATUS_PLACEMENT_ORDER);
  pb::Decision placed;
  ASSERT_TRUE(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child}, "E09000006", "r-sbp"), &placed).ok());
  FollowPanel();
  pb::Meeting july = Meeting("r-july", Date(2025, 7, 1), 2);
  pb::CreateAgendaItemRequest match_case;
  match_case.set_parent(july.name());
  match_case.set_request_id("r-match");
  match_case.mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_MATCH);
  match_case.mutable_agenda_item()->set_household(household);
  match_case.mutable_agenda_item()->add_children(child);
  match_case.mutable_agenda_item()->add_papers()->set_kind(pb::PAPER_KIND_CHILD_PERMANENCE_REPORT);
  pb::AgendaItem match;
  grpc::Status s = Book(match_case, &match);
  ASSERT_TRUE(s.ok()) << s.error_message();

  const std::string household_id = household.substr(household.rfind('/') + 1);
  const std::string child_id = child.substr(child.rfind('/') + 1);
  auto disposed = [&](const std::map<std::string, platform::Consumer::Handler>& handlers, const std::string& type,
                      const std::string& id) {
    ev::RecordDisposed e;
    e.set_record_type(type);
    e.set_record_id(id);
    e.set_disposal("disposals/01j00000000000000000000d01");
    *e.mutable_retain_until() = platform::DateToProto(Date(2125, 9, 1));
    e.set_basis("100 years from the adoption order of 2025-09-01 (retention_adoption_case_record_years)");
    ev::EventRecord record;
    record.set_sequence(7);
    record.mutable_payload()->PackFrom(e);
    absl::Status applied = host_->db().Transaction([&](soci::session& tx) {
      return handlers.at(ev::RecordDisposed::descriptor()->full_name())(tx, record);
    });
    EXPECT_TRUE(applied.ok()) << applied;
  };
  auto found = [&](const std::string& name) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    grpc::Status got;
    if (name.find("/agendaItems/") != std::string::npos) {
      pb::GetAgendaItemRequest r;
      r.set_name(name);
      pb::AgendaItem out;
      got = stub_->GetAgendaItem(&ctx, r, &out);
    } else {
      pb::GetDecisionRequest r;
      r.set_name(name);
      pb::Decision out;
      got = stub_->GetDecision(&ctx, r, &out);
    }
    EXPECT_TRUE(got.ok() || got.error_code() == grpc::StatusCode::NOT_FOUND) << got.error_message();
    return got.ok();
  };

  // A disposal of a kind the panel does not follow passes by.
  disposed(HouseholdDisposalHandlers(&clock_), "information_session", household_id);
  EXPECT_EQ(Rows("record_disposals"), 0);
  disposed(HouseholdDisposalHandlers(&clock_), "household", household_id);
  EXPECT_FALSE(found(approval.name()));
  EXPECT_FALSE(found(approved.name()));
  EXPECT_TRUE(found(match.name()));
  EXPECT_TRUE(found(placed.name()));
  EXPECT_EQ(Rows("panel_referrals"), 0);
  EXPECT_EQ(Rows("recommendations"), 0);
  // The household is named now only by the match (part of the child's record), the
  // logs and its tombstone.
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), household_id),
            (std::set<std::string>{"agenda_items", "outbox", "record_disposals"}));

  disposed(ChildDisposalHandlers(&clock_), "child", child_id);
  EXPECT_FALSE(found(match.name()));
  EXPECT_FALSE(found(placed.name()));
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), household_id),
            (std::set<std::string>{"outbox", "record_disposals"}));
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), child_id),
            (std::set<std::string>{"outbox", "record_disposals"}));
  EXPECT_EQ(Rows("agenda_items"), 0);
  EXPECT_EQ(Rows("decisions"), 0);
  // Replayed, nothing changes; each tombstone says whose disposal it followed.
  disposed(ChildDisposalHandlers(&clock_), "child", child_id);
  disposed(HouseholdDisposalHandlers(&clock_), "household", household_id);
  EXPECT_EQ(Rows("record_disposals"), 2);
  std::string by, decision;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT disposed_by, decision FROM record_disposals WHERE record_type = 'child'",
                        soci::into(by), soci::into(decision);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(by, "familyfinding");
  EXPECT_EQ(decision, "Disposed of with familyfinding's record (disposals/01j00000000000000000000d01)");
}

INSTANTIATE_TEST_SUITE_P(Backends, AgendaApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace panel
