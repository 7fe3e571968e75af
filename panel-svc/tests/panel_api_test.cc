// Panels and meetings through the API (panel_api_fixture.h): over a real gRPC port,
// on SQLite (unit) and MariaDB (integration).
#include <soci/soci.h>

#include <thread>

#include "adoption/events/v1/events.pb.h"
#include "panel-svc/tests/panel_api_fixture.h"
#include "platform/core/ids.h"

namespace panel {
namespace {

namespace pb = adoption::panel::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::ViolatedFields;

using testing::AddMember;
using testing::ValidPanel;

class PanelApiTest : public testing::PanelApiTest {
 protected:
  grpc::Status CreatePanel(const pb::CreatePanelRequest& r, pb::Panel* out,
                           std::vector<Role> roles = {Role::kPanelAdviser}) {
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreatePanel(&ctx, r, out);
  }
  grpc::Status UpdatePanel(const pb::UpdatePanelRequest& r, pb::Panel* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    return stub_->UpdatePanel(&ctx, r, out);
  }
  pb::Panel MakePanel(const std::string& request_id = "p") {
    pb::Panel p;
    EXPECT_TRUE(CreatePanel(ValidPanel(request_id), &p).ok());
    return p;
  }
  grpc::Status CreateMeeting(const std::string& parent, const std::string& request_id, platform::Date date,
                             int capacity, pb::Meeting* out, std::vector<Role> roles = {Role::kPanelCoordinator}) {
    pb::CreateMeetingRequest r;
    r.set_parent(parent);
    r.set_request_id(request_id);
    *r.mutable_meeting()->mutable_meeting_date() = platform::DateToProto(date);
    r.mutable_meeting()->set_case_capacity(capacity);
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreateMeeting(&ctx, r, out);
  }
  grpc::Status UpdateMeeting(const pb::Meeting& m, std::vector<std::string> paths, pb::Meeting* out) {
    pb::UpdateMeetingRequest r;
    *r.mutable_meeting() = m;
    for (auto& p : paths) r.mutable_update_mask()->add_paths(p);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    return stub_->UpdateMeeting(&ctx, r, out);
  }
};

// --- Panel ---------------------------------------------------------------------

TEST_P(PanelApiTest, ACreatedPanelCanBeReadBack) {
  pb::Panel created;
  ASSERT_TRUE(CreatePanel(ValidPanel("r-1"), &created).ok());
  EXPECT_EQ(created.etag(), "1");
  EXPECT_EQ(created.record_info().created_by(), "worker-1");
  ASSERT_EQ(created.members_size(), 6);
  EXPECT_TRUE(platform::IsWellFormedId(created.members(0).member_id()));
  EXPECT_TRUE(created.members(3).voting());
  EXPECT_FALSE(created.members(5).voting());  // the medical adviser
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kPanelCoordinator});
  pb::GetPanelRequest get;
  get.set_name(created.name());
  pb::Panel got;
  ASSERT_TRUE(stub_->GetPanel(&ctx, get, &got).ok());
  EXPECT_EQ(got.display_name(), "Panel A (Tuesdays)");
  EXPECT_TRUE(got.local_authority_agency());
  EXPECT_EQ(got.members(2).social_work_experience_years(), 6);
  EXPECT_EQ(got.members(2).member_id(), created.members(2).member_id());
  EXPECT_EQ(Rows("audit_log"), 2);  // the create and the read
}

TEST_P(PanelApiTest, APanelMemberReadsTheirOwnPlaceWholeAndOfTheOthersOnlyWhoTheyAre) {
  pb::CreatePanelRequest r = ValidPanel("seen");
  for (int i = 0; i < r.panel().members_size(); ++i) {
    auto* m = r.mutable_panel()->mutable_members(i);
    m->set_account(absl::StrCat("member-", i));
    m->add_declared_interests(absl::StrCat("interest of member ", i));
    *m->mutable_last_training_date() = platform::DateToProto(platform::Date(2024, 3, 1));
    *m->mutable_last_appraisal_date() = platform::DateToProto(platform::Date(2024, 4, 1));
  }
  pb::Panel created;
  ASSERT_TRUE(CreatePanel(r, &created).ok());
  auto read_as = [&](const std::string& subject, std::vector<Role> roles) {
    grpc::ClientContext ctx;
    platform::TokenRequest token;
    token.subject = subject;
    token.roles = std::move(roles);
    Authorize(ctx, token);
    pb::GetPanelRequest get;
    get.set_name(created.name());
    pb::Panel got;
    EXPECT_TRUE(stub_->GetPanel(&ctx, get, &got).ok());
    return got;
  };
  const pb::Panel as_member = read_as("member-2", {Role::kPanelMember});
  ASSERT_EQ(as_member.members_size(), created.members_size());
  for (int i = 0; i < as_member.members_size(); ++i) {
    const auto& m = as_member.members(i);
    EXPECT_EQ(m.display_name(), created.members(i).display_name());
    EXPECT_EQ(m.role(), created.members(i).role());
    EXPECT_EQ(m.member_id(), created.members(i).member_id());
    EXPECT_TRUE(m.active());
    const bool self = i == 2;
    EXPECT_EQ(m.account(), self ? "member-2" : "") << i;
    EXPECT_EQ(m.declared_interests_size(), self ? 1 : 0) << i;
    EXPECT_EQ(m.has_last_training_date(), self) << i;
    EXPECT_EQ(m.has_last_appraisal_date(), self) << i;
    EXPECT_EQ(m.has_training_due_date(), self) << i;
    EXPECT_EQ(m.social_work_experience_years(), self ? 6 : 0) << i;
  }
  // The same person as the panel's adviser reads everyone's record.
  const pb::Panel as_adviser = read_as("member-2", {Role::kPanelMember, Role::kPanelAdviser});
  EXPECT_EQ(as_adviser.members(0).declared_interests(0), "interest of member 0");
  EXPECT_EQ(as_adviser.members(0).account(), "member-0");
  // Listing shows a member the same.
  grpc::ClientContext ctx;
  platform::TokenRequest token;
  token.subject = "member-4";
  token.roles = {Role::kPanelMember};
  Authorize(ctx, token);
  pb::ListPanelsResponse list;
  ASSERT_TRUE(stub_->ListPanels(&ctx, pb::ListPanelsRequest(), &list).ok());
  ASSERT_EQ(list.panels_size(), 1);
  EXPECT_EQ(list.panels(0).members(4).account(), "member-4");
  EXPECT_EQ(list.panels(0).members(2).declared_interests_size(), 0);
  EXPECT_EQ(list.panels(0).members(2).display_name(), created.members(2).display_name());
}

TEST_P(PanelApiTest, ARetriedCreateReturnsTheFirstPanel) {
  pb::Panel first, second;
  ASSERT_TRUE(CreatePanel(ValidPanel("same"), &first).ok());
  ASSERT_TRUE(CreatePanel(ValidPanel("same"), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.members(0).member_id(), second.members(0).member_id());
  EXPECT_EQ(Rows("panels"), 1);
  EXPECT_EQ(Rows("panel_members"), 6);
}

TEST_P(PanelApiTest, BadPanelInputNamesEveryFieldAndWritesNothing) {
  auto r = ValidPanel("");
  auto* p = r.mutable_panel();
  p->set_display_name("");
  p->mutable_members(0)->set_role(pb::PANEL_MEMBER_ROLE_INDEPENDENT_MEMBER);  // no chair left
  p->mutable_members(1)->set_display_name("");
  p->mutable_members(2)->set_social_work_experience_years(2);  // below the configured 3 years
  p->mutable_members(3)->set_role(pb::PANEL_MEMBER_ROLE_UNSPECIFIED);
  p->mutable_members(4)->mutable_last_training_date()->set_year(2025);
  p->mutable_members(4)->mutable_last_training_date()->set_month(13);
  p->mutable_members(4)->mutable_last_training_date()->set_day(1);
  pb::Panel out;
  grpc::Status s = CreatePanel(r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"request_id", "panel.members[3].role", "panel.members[4].last_training_date",
                                      "panel.display_name", "panel.members[1].display_name",
                                      "panel.members[2].social_work_experience_years", "panel.members"}));
  EXPECT_EQ(Rows("panels"), 0);
  EXPECT_EQ(Rows("panel_members"), 0);
  EXPECT_EQ(Rows("create_requests"), 0);
}

TEST_P(PanelApiTest, NoTokenIsUnauthenticatedAndAWrongRoleIsDenied) {
  pb::Panel out;
  EXPECT_EQ(CreatePanel(ValidPanel("a"), &out, {}).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CreatePanel(ValidPanel("b"), &out, {Role::kPanelMember}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CreatePanel(ValidPanel("c"), &out, {Role::kDecisionMaker}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::Meeting m;
  EXPECT_EQ(CreateMeeting("panels/" + platform::NewId(), "d", platform::Today(), 4, &m, {}).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CreateMeeting("panels/" + platform::NewId(), "e", platform::Today(), 4, &m, {Role::kFamilyFinder})
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Rows("panels"), 0);
  EXPECT_EQ(Rows("meetings"), 0);
  EXPECT_EQ(Rows("audit_log"), 5);  // refusals are audited
}

TEST_P(PanelApiTest, UpdatingMembersKeepsTheirIdsAndRejectsAStaleEtag) {
  pb::Panel p = MakePanel();
  pb::UpdatePanelRequest up;
  *up.mutable_panel() = p;
  up.mutable_panel()->mutable_members(4)->set_active(false);  // retire Joe
  AddMember(up.mutable_panel(), "Kim (independent)", pb::PANEL_MEMBER_ROLE_INDEPENDENT_MEMBER);
  up.mutable_panel()->set_display_name("ignored: not in the mask");
  up.mutable_update_mask()->add_paths("members");
  pb::Panel updated;
  ASSERT_TRUE(UpdatePanel(up, &updated).ok());
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(updated.display_name(), "Panel A (Tuesdays)");
  ASSERT_EQ(updated.members_size(), 7);
  EXPECT_EQ(updated.members(4).member_id(), p.members(4).member_id());
  EXPECT_FALSE(updated.members(4).active());
  EXPECT_TRUE(platform::IsWellFormedId(updated.members(6).member_id()));
  EXPECT_EQ(UpdatePanel(up, &updated).error_code(), grpc::StatusCode::ABORTED);  // etag 1 is stale
  EXPECT_EQ(Rows("panel_history"), 1);

  // Removing a member, or dropping the chair, is refused whole.
  pb::UpdatePanelRequest bad;
  *bad.mutable_panel() = updated;
  bad.mutable_panel()->mutable_members()->RemoveLast();
  bad.mutable_panel()->mutable_members(0)->set_active(false);
  bad.mutable_update_mask()->add_paths("members");
  grpc::Status s = UpdatePanel(bad, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"panel.members", "panel.members"}));
  bad.mutable_update_mask()->set_paths(0, "voting");
  s = UpdatePanel(bad, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"update_mask"});
  EXPECT_EQ(Rows("panel_history"), 1);
}

TEST_P(PanelApiTest, PanelsListPagesAndFilters) {
  for (int i = 0; i < 3; ++i) {
    auto r = ValidPanel("l" + std::to_string(i));
    if (i == 1) r.mutable_panel()->set_local_authority_agency(false);
    pb::Panel out;
    ASSERT_TRUE(CreatePanel(r, &out).ok());
  }
  pb::ListPanelsRequest list;
  list.set_page_size(2);
  pb::ListPanelsResponse page;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ListPanels(&ctx, list, &page).ok());
  }
  EXPECT_EQ(page.panels_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ListPanels(&ctx, list, &page).ok());
  }
  EXPECT_EQ(page.panels_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());
  pb::ListPanelsRequest filtered;
  filtered.set_filter("local_authority_agency = false");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelCoordinator});
    ASSERT_TRUE(stub_->ListPanels(&ctx, filtered, &page).ok());
  }
  EXPECT_EQ(page.panels_size(), 1);
  filtered.set_filter("members = \"x\"");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  grpc::Status s = stub_->ListPanels(&ctx, filtered, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"filter"});
}

// --- Meeting -------------------------------------------------------------------

TEST_P(PanelApiTest, ACreatedMeetingCanBeReadBack) {
  pb::Panel p = MakePanel();
  const platform::Date date = platform::Today() + 14;
  pb::Meeting created;
  ASSERT_TRUE(CreateMeeting(p.name(), "m-1", date, 4, &created).ok());
  EXPECT_EQ(created.name().rfind(p.name() + "/meetings/", 0), 0u);
  EXPECT_EQ(created.status(), pb::MEETING_STATUS_SCHEDULED);
  EXPECT_EQ(created.attendance_size(), 0);
  EXPECT_FALSE(created.quorate());
  EXPECT_EQ(created.etag(), "1");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kDecisionMaker});
  pb::GetMeetingRequest get;
  get.set_name(created.name());
  pb::Meeting got;
  ASSERT_TRUE(stub_->GetMeeting(&ctx, get, &got).ok());
  EXPECT_EQ(got.meeting_date().day(), platform::DateToProto(date).day());
  EXPECT_EQ(got.case_capacity(), 4);
  EXPECT_EQ(got.mode(), pb::MEETING_MODE_IN_PERSON);  // unless said otherwise
  // Moved online while scheduled; a mode the contract does not know is refused.
  got.set_mode(pb::MEETING_MODE_ONLINE);
  pb::Meeting online;
  ASSERT_TRUE(UpdateMeeting(got, {"mode"}, &online).ok());
  EXPECT_EQ(online.mode(), pb::MEETING_MODE_ONLINE);
  online.set_mode(static_cast<pb::MeetingMode>(7));
  EXPECT_EQ(ViolatedFields(UpdateMeeting(online, {"mode"}, &got)), std::vector<std::string>{"meeting.mode"});
  // A meeting is read only under its own panel.
  grpc::ClientContext other;
  Authorize(other, {Role::kDecisionMaker});
  get.set_name("panels/" + platform::NewId() + "/meetings/" + created.name().substr(created.name().rfind('/') + 1));
  EXPECT_EQ(stub_->GetMeeting(&other, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(PanelApiTest, AStoredMeetingStatusNotInTheTableIsDataLossNotADefault) {
  pb::Panel p = MakePanel();
  pb::Meeting created;
  ASSERT_TRUE(CreateMeeting(p.name(), "m-corrupt", platform::Today() + 14, 4, &created).ok());
  ASSERT_TRUE(host_->db()
                  .Transaction([](soci::session& tx) {
                    tx << "UPDATE meetings SET status = 'POSTPONED'";
                    return absl::OkStatus();
                  })
                  .ok());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kDecisionMaker});
  pb::GetMeetingRequest get;
  get.set_name(created.name());
  pb::Meeting got;
  grpc::Status status = stub_->GetMeeting(&ctx, get, &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS) << status.error_message();
  EXPECT_EQ(status.error_message().find("POSTPONED"), std::string::npos);
}

TEST_P(PanelApiTest, ARetriedMeetingCreateReturnsTheFirstResult) {
  pb::Panel p = MakePanel();
  pb::Meeting first, second;
  ASSERT_TRUE(CreateMeeting(p.name(), "same", platform::Today(), 4, &first).ok());
  ASSERT_TRUE(CreateMeeting(p.name(), "same", platform::Today(), 4, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(Rows("meetings"), 1);
}

TEST_P(PanelApiTest, BadMeetingInputNamesEveryFieldAndWritesNothing) {
  pb::Panel p = MakePanel();
  pb::CreateMeetingRequest r;
  r.set_parent("panels/nope");
  r.mutable_meeting()->set_case_capacity(0);
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kPanelCoordinator});
  pb::Meeting out;
  grpc::Status s = stub_->CreateMeeting(&ctx, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"parent", "request_id", "meeting.meeting_date", "meeting.case_capacity"}));
  // A date before any configured quorum rule cannot be checked for quorum.
  s = CreateMeeting(p.name(), "old", platform::Date(2010, 1, 5), 4, &out);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"meeting.meeting_date"});
  EXPECT_EQ(CreateMeeting("panels/" + platform::NewId(), "x", platform::Today(), 4, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Rows("meetings"), 0);
  EXPECT_EQ(Rows("create_requests"), 1);  // the panel's create only
}

TEST_P(PanelApiTest, RecordingAttendanceDerivesTheQuorum) {
  pb::Panel p = MakePanel();
  pb::Meeting m;
  ASSERT_TRUE(CreateMeeting(p.name(), "q", platform::Today() - 1, 4, &m).ok());
  // Chair, social worker, two independents and the medical adviser: four voting.
  for (int i : {0, 2, 3, 4, 5}) m.add_attendance(p.members(i).member_id());
  m.set_status(pb::MEETING_STATUS_HELD);
  pb::Meeting held;
  ASSERT_TRUE(UpdateMeeting(m, {"status", "attendance"}, &held).ok());
  EXPECT_EQ(held.status(), pb::MEETING_STATUS_HELD);
  EXPECT_EQ(held.attendance_size(), 5);
  EXPECT_FALSE(held.quorate());  // advisers do not count
  held.add_attendance(p.members(1).member_id());  // the vice-chair was there too
  pb::Meeting corrected;
  ASSERT_TRUE(UpdateMeeting(held, {"attendance"}, &corrected).ok());
  EXPECT_TRUE(corrected.quorate());
  EXPECT_EQ(corrected.etag(), "3");
  // Someone not on the panel's list cannot attend.
  corrected.add_attendance(platform::NewId());
  grpc::Status s = UpdateMeeting(corrected, {"attendance"}, &held);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"meeting.attendance[6]"});
  EXPECT_EQ(Rows("meeting_history"), 2);
}

TEST_P(PanelApiTest, MeetingUpdatesFollowTheStatusAndRejectAStaleEtag) {
  pb::Panel p = MakePanel();
  pb::Meeting m;
  ASSERT_TRUE(CreateMeeting(p.name(), "s", platform::Today() + 7, 4, &m).ok());
  // Not held before its date.
  m.set_status(pb::MEETING_STATUS_HELD);
  pb::Meeting out;
  EXPECT_EQ(UpdateMeeting(m, {"status"}, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  m.set_case_capacity(6);
  ASSERT_TRUE(UpdateMeeting(m, {"case_capacity"}, &out).ok());
  EXPECT_EQ(out.case_capacity(), 6);
  EXPECT_EQ(out.status(), pb::MEETING_STATUS_SCHEDULED);
  EXPECT_EQ(UpdateMeeting(m, {"case_capacity"}, &out).error_code(), grpc::StatusCode::ABORTED);  // etag 1
  m.set_etag(out.etag());
  m.set_case_capacity(0);
  grpc::Status s = UpdateMeeting(m, {"case_capacity"}, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"meeting.case_capacity"});
  m.set_status(pb::MEETING_STATUS_CANCELLED);
  ASSERT_TRUE(UpdateMeeting(m, {"status"}, &out).ok());
  m.set_etag(out.etag());
  m.set_case_capacity(5);
  EXPECT_EQ(UpdateMeeting(m, {"case_capacity"}, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  m.set_status(pb::MEETING_STATUS_SCHEDULED);
  EXPECT_EQ(UpdateMeeting(m, {"status"}, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Rows("meetings"), 1);
  EXPECT_EQ(Rows("meeting_history"), 2);
}

TEST_P(PanelApiTest, MeetingsListByDatePagesAndFilters) {
  pb::Panel a = MakePanel("a"), b = MakePanel("b");
  const platform::Date today = platform::Today();
  pb::Meeting m;
  ASSERT_TRUE(CreateMeeting(a.name(), "1", today + 21, 4, &m).ok());
  ASSERT_TRUE(CreateMeeting(a.name(), "2", today + 7, 4, &m).ok());
  const std::string second = m.name();
  ASSERT_TRUE(CreateMeeting(b.name(), "3", today + 14, 4, &m).ok());
  auto list = [&](const std::string& parent, const std::string& filter, int size) {
    pb::ListMeetingsRequest r;
    r.set_parent(parent);
    r.set_filter(filter);
    r.set_page_size(size);
    std::vector<std::string> names;
    pb::ListMeetingsResponse page;
    do {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kPanelCoordinator});
      EXPECT_TRUE(stub_->ListMeetings(&ctx, r, &page).ok());
      for (const auto& meeting : page.meetings()) names.push_back(meeting.name());
      r.set_page_token(page.next_page_token());
    } while (!page.next_page_token().empty());
    return names;
  };
  auto every = list("panels/-", "", 1);
  ASSERT_EQ(every.size(), 3u);
  EXPECT_EQ(every[0], second);  // soonest first
  EXPECT_EQ(every[1], m.name());
  EXPECT_EQ(list(a.name(), "", 1).size(), 2u);
  EXPECT_EQ(list(a.name(), "status = MEETING_STATUS_SCHEDULED AND meeting_date = \"" +
                               platform::FormatDate(today + 7) + "\"",
                 50),
            std::vector<std::string>{second});
  EXPECT_TRUE(list(b.name(), "status = MEETING_STATUS_CANCELLED", 50).empty());
  pb::ListMeetingsRequest bad;
  bad.set_parent("panels/" + platform::NewId());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::ListMeetingsResponse page;
  EXPECT_EQ(stub_->ListMeetings(&ctx, bad, &page).error_code(), grpc::StatusCode::NOT_FOUND);
  bad.set_parent(a.name());
  bad.set_filter("meeting_date = \"next week\"");
  grpc::ClientContext ctx2;
  Authorize(ctx2, {Role::kManager});
  grpc::Status s = stub_->ListMeetings(&ctx2, bad, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"filter"});
}

// Every RPC of the service x every role: allowed exactly when the policy says so;
// every RPC of the contract is served.
TEST_P(PanelApiTest, EveryRpcAndRoleFollowsThePolicyTable) {
  EXPECT_EQ(platform::testing::PolicyMismatches(host_->port(), "adoption.panel.v1.PanelService", Policies()),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("panels"), 0);
  EXPECT_EQ(Rows("meetings"), 0);
}

// The scope axis: panels, meetings, agendas and decisions are the agency's own,
// reached agency-wide; a panel member reaches the meeting they attend and its cases by
// their account (the fixture's subject).
TEST_P(PanelApiTest, EveryGrantReachesOnlyWhatItsClaimCovers) {
  clock_.Set(platform::Date(2025, 6, 20));
  pb::Panel panel = MakePanel("fixture");
  {
    pb::UpdatePanelRequest link;
    *link.mutable_panel() = panel;
    link.mutable_panel()->mutable_members(3)->set_account("scope-member");
    link.mutable_update_mask()->add_paths("members");
    ASSERT_TRUE(UpdatePanel(link, &panel).ok());
  }
  pb::Meeting meeting;
  ASSERT_TRUE(CreateMeeting(panel.name(), "m-fixture", platform::Date(2030, 1, 15), 4, &meeting).ok());
  const std::string household = Household("scope");
  pb::ImportDecisionResponse decision;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->ImportDecision(&ctx, ApprovalOf(household, "scope-fixture"), &decision).ok());
  }
  // A meeting held on 10 June with two cases: one heard and recommended, one waiting.
  pb::Meeting held;
  ASSERT_TRUE(CreateMeeting(panel.name(), "m-held", platform::Date(2025, 6, 10), 4, &held).ok());
  pb::AgendaItem heard, waiting;
  pb::Recommendation recommendation;
  {
    grpc::ClientContext book_heard, book_waiting, minute;
    Authorize(book_heard, {Role::kPanelCoordinator});
    Authorize(book_waiting, {Role::kPanelCoordinator});
    Authorize(minute, {Role::kPanelAdviser});
    ASSERT_TRUE(stub_->CreateAgendaItem(&book_heard, Case(held, Household("scope-a"), "heard"), &heard).ok());
    ASSERT_TRUE(stub_->CreateAgendaItem(&book_waiting, Case(held, Household("scope-b"), "waiting"), &waiting).ok());
    for (const auto& member : panel.members()) held.add_attendance(member.member_id());
    held.set_status(pb::MEETING_STATUS_HELD);
    ASSERT_TRUE(UpdateMeeting(held, {"attendance", "status"}, &held).ok());
    ASSERT_TRUE(stub_->RecordRecommendation(&minute, Recommend(heard, "heard-rec"), &recommendation).ok());
  }
  // A household referred by recruitment-svc, once the panel has read it.
  Referred("scope-referred");
  for (int i = 0; i < 100 && Rows("panel_referrals") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(Rows("panel_referrals"), 1);
  int creates = 0;
  using Kind = platform::testing::ScopeCase::Kind;
  std::map<std::string, platform::testing::ScopeCase> cases = {
      {"CreatePanel",
       {Kind::kCreate,
        [&] { return std::make_unique<pb::CreatePanelRequest>(ValidPanel("scope-" + std::to_string(++creates))); }}},
      {"GetPanel",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetPanelRequest>();
          r->set_name(panel.name());
          return r;
        }}},
      {"ListPanels", {Kind::kList, [] { return std::make_unique<pb::ListPanelsRequest>(); }}},
      {"UpdatePanel",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdatePanelRequest>();
          *r->mutable_panel() = panel;
          r->mutable_update_mask()->add_paths("display_name");
          return r;
        }}},
      {"CreateMeeting",
       {Kind::kCreate, [&] {
          auto r = std::make_unique<pb::CreateMeetingRequest>();
          r->set_parent(panel.name());
          r->set_request_id("scope-m-" + std::to_string(++creates));
          *r->mutable_meeting()->mutable_meeting_date() = platform::DateToProto(platform::Date(2030, 2, 12));
          r->mutable_meeting()->set_case_capacity(3);
          return r;
        }}},
      {"GetMeeting",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetMeetingRequest>();
          r->set_name(held.name());
          return r;
        }}},
      {"ListMeetings",
       {Kind::kList, [&] {
          auto r = std::make_unique<pb::ListMeetingsRequest>();
          r->set_parent(panel.name());
          return r;
        }}},
      {"UpdateMeeting",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdateMeetingRequest>();
          *r->mutable_meeting() = meeting;
          r->mutable_update_mask()->add_paths("case_capacity");
          return r;
        }}},
      {"GetDecision",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetDecisionRequest>();
          r->set_name(decision.decision().name());
          return r;
        }}},
      {"ListDecisions", {Kind::kList, [] { return std::make_unique<pb::ListDecisionsRequest>(); }}},
      {"ListPanelReferrals", {Kind::kList, [] { return std::make_unique<pb::ListPanelReferralsRequest>(); }}},
      {"ReportPanelWork",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportPanelWorkRequest>();
          *r->mutable_period()->mutable_first_day() = platform::DateToProto(platform::Date(2025, 4, 1));
          *r->mutable_period()->mutable_last_day() = platform::DateToProto(platform::Date(2026, 3, 31));
          return r;
        }}},
      {"FinaliseDetermination",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::FinaliseDeterminationRequest>();
          r->set_name(decision.decision().name());
          r->set_etag(decision.decision().etag());
          return r;
        }}},
      {"ReconsiderDetermination",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::ReconsiderDeterminationRequest>();
          r->set_name(decision.decision().name());
          r->set_etag(decision.decision().etag());
          *r->mutable_representations_date() = platform::DateToProto(platform::Date(2025, 6, 1));
          return r;
        }}},
      {"CreateAgendaItem",
       {Kind::kCreate,
        [&] {
          return std::make_unique<pb::CreateAgendaItemRequest>(
              Case(meeting, household, "scope-case-" + std::to_string(++creates)));
        }}},
      {"UpdateAgendaItem",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdateAgendaItemRequest>();
          *r->mutable_agenda_item() = heard;
          r->mutable_update_mask()->add_paths("papers");
          return r;
        }}},
      {"MoveAgendaItem",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::MoveAgendaItemRequest>();
          r->set_name(heard.name());
          r->set_etag(heard.etag());
          r->set_meeting(meeting.name());
          return r;
        }}},
      {"GetAgendaItem",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetAgendaItemRequest>();
          r->set_name(heard.name());
          return r;
        }}},
      {"ListAgendaItems",
       {Kind::kList, [&] {
          auto r = std::make_unique<pb::ListAgendaItemsRequest>();
          r->set_parent(held.name());
          return r;
        }}},
      {"RecordRecommendation",
       {Kind::kCreate,
        [&] {
          return std::make_unique<pb::RecordRecommendationRequest>(
              Recommend(waiting, "scope-rec-" + std::to_string(++creates)));
        }}},
      {"FinaliseMinutes",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::FinaliseMinutesRequest>();
          r->set_name(recommendation.name());
          r->set_etag(recommendation.etag());
          *r->mutable_minutes_final_date() = platform::DateToProto(platform::Date(2025, 6, 16));
          return r;
        }}},
      {"GetRecommendation",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetRecommendationRequest>();
          r->set_name(recommendation.name());
          return r;
        }}},
      {"RecordDecision",
       {Kind::kCreate,
        [&] {
          return std::make_unique<pb::RecordDecisionRequest>(
              Approve(heard, recommendation.name(), "scope-adm-" + std::to_string(++creates)));
        }}},
      {"ImportDecision",
       {Kind::kCreate,
        [&] {
          return std::make_unique<pb::ImportDecisionRequest>(
              ApprovalOf(household, "scope-" + std::to_string(++creates)));
        }}},
      {"ImportRecommendation",
       {Kind::kCreate,
        [&] {
          auto r = std::make_unique<pb::ImportRecommendationRequest>();
          r->set_source_id("scope-heard-" + std::to_string(++creates));
          r->set_parent(panel.name());
          *r->mutable_meeting_date() = platform::DateToProto(platform::Date(2025, 6, 3));
          r->mutable_agenda_item()->set_kind(pb::AGENDA_ITEM_KIND_ADOPTER_APPROVAL);
          r->mutable_agenda_item()->set_household(household);
          r->mutable_recommendation()->set_outcome(pb::RECOMMENDATION_OUTCOME_RECOMMENDED);
          return r;
        }}},
  };
  EXPECT_EQ(platform::testing::ScopeMismatches(host_->port(), "adoption.panel.v1.PanelService", Policies(),
                                               {.subjects = {"scope-member"}}, cases),
            std::vector<std::string>{});
}

// Dates are judged on the clock's day: pinned to 9 June 2025, a meeting of the
// 10th cannot be held yet and a member's training of the 10th is in the future.
TEST_P(PanelApiTest, DatesAreJudgedOnTheClocksDay) {
  clock_.Set(platform::Date(2025, 6, 9));
  pb::Panel p = MakePanel();
  pb::Meeting m;
  ASSERT_TRUE(CreateMeeting(p.name(), "pinned", platform::Date(2025, 6, 10), 4, &m).ok());
  m.set_status(pb::MEETING_STATUS_HELD);
  pb::Meeting held;
  EXPECT_EQ(UpdateMeeting(m, {"status"}, &held).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  pb::UpdatePanelRequest up;
  *up.mutable_panel() = p;
  *up.mutable_panel()->mutable_members(0)->mutable_last_training_date() =
      platform::DateToProto(platform::Date(2025, 6, 10));
  up.mutable_update_mask()->add_paths("members");
  pb::Panel updated;
  grpc::Status s = UpdatePanel(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"panel.members[0].last_training_date"});
  clock_.Set(platform::Date(2025, 6, 10));
  ASSERT_TRUE(UpdateMeeting(m, {"status"}, &held).ok());
  EXPECT_EQ(held.status(), pb::MEETING_STATUS_HELD);
  ASSERT_TRUE(UpdatePanel(up, &updated).ok());
  EXPECT_EQ(updated.members(0).last_training_date().day(), 10);
}

INSTANTIATE_TEST_SUITE_P(Backends, PanelApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each domain value is the contract value of its name: the number mapping
// (domain = contract - 1) is proved, not assumed.
TEST(PanelMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  using R = MemberRole;
  EXPECT_EQ(EnumMismatches(pb::PanelMemberRole_descriptor(),
                           {R::kChair, R::kViceChair, R::kSocialWorker, R::kIndependentMember, R::kMedicalAdviser,
                            R::kLegalAdviser, R::kPanelAdviser},
                           RoleName),
            std::vector<std::string>{});
  EXPECT_EQ(EnumMismatches(pb::MeetingStatus_descriptor(),
                           {MeetingStatus::kScheduled, MeetingStatus::kHeld, MeetingStatus::kCancelled},
                           MeetingStatusName),
            std::vector<std::string>{});
  EXPECT_EQ(EnumMismatches(pb::MeetingMode_descriptor(), {MeetingMode::kInPerson, MeetingMode::kOnline},
                           MeetingModeName),
            std::vector<std::string>{});
  using K = DecisionKind;
  EXPECT_EQ(EnumMismatches(pb::DecisionKind_descriptor(),
                           {K::kAdopterApproval, K::kMatch, K::kShouldBePlaced, K::kApprovalReview,
                            K::kApprovalTermination, K::kPlanChange},
                           DecisionKindName),
            std::vector<std::string>{});
  EXPECT_EQ(EnumMismatches(pb::DecisionOutcome_descriptor(), {DecisionOutcome::kAgreed, DecisionOutcome::kNotAgreed},
                           DecisionOutcomeName),
            std::vector<std::string>{});
  using P = ChildPlan;
  EXPECT_EQ(EnumMismatches(pb::ChildPlan_descriptor(),
                           {P::kReturnedHome, P::kSpecialGuardianship, P::kLongTermFostering,
                            P::kPlacementOrderRefused, P::kPlacementOrderRevoked, P::kAdoptersNotFound, P::kOther},
                           ChildPlanName),
            std::vector<std::string>{});
  using A = AgendaItemKind;
  EXPECT_EQ(EnumMismatches(pb::AgendaItemKind_descriptor(),
                           {A::kAdopterApproval, A::kMatch, A::kShouldBePlaced, A::kApprovalReview,
                            A::kApprovalTermination},
                           AgendaItemKindName),
            std::vector<std::string>{});
  using W = PaperKind;
  EXPECT_EQ(EnumMismatches(pb::PaperKind_descriptor(),
                           {W::kProspectiveAdopterReport, W::kChildPermanenceReport, W::kAdoptionPlacementReport,
                            W::kAdoptionSupportPlan, W::kMedicalReport, W::kReviewReport, W::kOther},
                           PaperKindName),
            std::vector<std::string>{});
  using Q = QualityRating;
  EXPECT_EQ(EnumMismatches(pb::QualityRating_descriptor(),
                           {Q::kGood, Q::kAdequate, Q::kRequiresImprovement, Q::kInadequate}, QualityRatingName),
            std::vector<std::string>{});
  using O = RecommendationOutcome;
  EXPECT_EQ(EnumMismatches(pb::RecommendationOutcome_descriptor(), {O::kRecommended, O::kNotRecommended, O::kDeferred},
                           RecommendationOutcomeName),
            std::vector<std::string>{});
  using D = DeterminationState;
  EXPECT_EQ(EnumMismatches(pb::DeterminationState_descriptor(), {D::kOpen, D::kFinal, D::kReconsidered},
                           DeterminationStateName),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace panel
