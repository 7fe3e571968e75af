// The API in-process over a real gRPC port, on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <soci/soci.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/recruitment_api.h"
#include "recruitment-svc/domain/clocks.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::recruitment::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::ViolatedFields;
using Message = std::unique_ptr<google::protobuf::Message>;

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

pb::CreateInformationSessionRequest SessionCreate(const std::string& request_id, int year, int month, int day,
                                                  int capacity = 12) {
  pb::CreateInformationSessionRequest r;
  r.set_request_id(request_id);
  platform::testing::SetDate(r.mutable_information_session()->mutable_session_date(), year, month, day);
  r.mutable_information_session()->set_capacity(capacity);
  r.mutable_information_session()->set_mode(pb::SESSION_MODE_ONLINE);
  r.mutable_information_session()->set_venue("Online, evening");
  return r;
}

pb::CreateRegistrationPauseRequest PauseCreate(const std::string& request_id, int year, int month, int day) {
  pb::CreateRegistrationPauseRequest r;
  r.set_request_id(request_id);
  platform::testing::SetDate(r.mutable_registration_pause()->mutable_start_date(), year, month, day);
  r.mutable_registration_pause()->set_reason("assessment capacity");
  return r;
}

class RecruitmentApiTest : public platform::testing::ApiTest<pb::RecruitmentService> {
 protected:
  RecruitmentApiTest() : ApiTest("recruitment", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    return std::make_unique<RecruitmentApi>(host.Runner(&Policies()), &host.db(), &clock_, &host.statutory(), &store_,
                                            &sessions_, &pauses_);
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
  InformationSessionStore sessions_;
  RegistrationPauseStore pauses_;
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

TEST_P(RecruitmentApiTest, AReadThatCannotBeAuditedIsNotAnswered) {
  pb::Household created;
  ASSERT_TRUE(Create(ValidCreate("r-1"), &created).ok());
  auto get = [&](pb::Household* got) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::GetHouseholdRequest request;
    request.set_name(created.name());
    return stub_->GetHousehold(&ctx, request, got);
  };
  auto exec = [&](const std::string& sql) {
    ASSERT_TRUE(host_->db().Transaction([&](soci::session& tx) {
      tx << sql;
      return absl::OkStatus();
    }).ok());
  };
  exec("ALTER TABLE audit_log RENAME TO audit_log_away");
  pb::Household got;
  grpc::Status refused = get(&got);
  exec("ALTER TABLE audit_log_away RENAME TO audit_log");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();
  EXPECT_NE(refused.error_message().find("audit log"), std::string::npos) << refused.error_message();
  EXPECT_TRUE(got.name().empty());  // nothing of the household went out
  EXPECT_EQ(Rows("audit_log"), 1);  // the create's
  ASSERT_TRUE(get(&got).ok());
  EXPECT_EQ(got.name(), created.name());
  EXPECT_EQ(Rows("audit_log"), 2);
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

// A create is recorded before its request id's key: retries of one create arriving
// together (a client that timed out and tried again at once) make one household, each
// later one undone when it finds the key taken and answered with the first's.
TEST_P(RecruitmentApiTest, RetriesOfOneCreateArrivingTogetherMakeOneHousehold) {
  constexpr int kCallers = 8;
  const pb::CreateHouseholdRequest request = ValidCreate("raced");
  std::vector<pb::Household> out(kCallers);
  std::vector<grpc::Status> status(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) callers.emplace_back([&, i] { status[i] = Create(request, &out[i]); });
  for (std::thread& t : callers) t.join();
  for (int i = 0; i < kCallers; ++i) {
    ASSERT_TRUE(status[i].ok()) << status[i].error_message();
    EXPECT_EQ(out[i].name(), out[0].name());
  }
  EXPECT_EQ(Rows("households"), 1);
  EXPECT_EQ(Rows("household_applicants"), request.household().applicants_size());
  EXPECT_EQ(Rows("outbox"), 1);
  EXPECT_EQ(Rows("create_requests"), 1);
  EXPECT_EQ(Rows("audit_log"), kCallers);  // every answer audited once: an undone create left nothing
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
  // Each verb addresses the fixture at its etag: in scope the answer may be a refusal
  // of the move (FAILED_PRECONDITION, ABORTED once an earlier verb moved it), never
  // NOT_FOUND.
  auto verb = [&](auto request) {
    return platform::testing::ScopeCase{Kind::kRead, [&fixture, request]() -> Message {
      auto r = std::make_unique<decltype(request)>(request);
      r->set_name(fixture.name());
      r->set_etag(fixture.etag());
      platform::testing::SetDate(r->mutable_effective_date(), 2025, 4, 8);
      return r;
    }};
  };
  cases.emplace("RecordInitialVisit", verb(pb::RecordInitialVisitRequest()));
  cases.emplace("ReceiveRegistrationOfInterest", verb(pb::ReceiveRegistrationOfInterestRequest()));
  cases.emplace("DecideRegistrationOfInterest", verb(pb::DecideRegistrationOfInterestRequest()));
  cases.emplace("StartStageOne", verb(pb::StartStageOneRequest()));
  cases.emplace("CompleteStageOne", verb(pb::CompleteStageOneRequest()));
  cases.emplace("StartBreak", verb(pb::StartBreakRequest()));
  cases.emplace("StartStageTwo", verb(pb::StartStageTwoRequest()));
  cases.emplace("ReferHouseholdToPanel", verb(pb::ReferHouseholdToPanelRequest()));
  pb::WithdrawHouseholdRequest withdraw;
  withdraw.set_reason("moving abroad");
  cases.emplace("WithdrawHousehold", verb(withdraw));
  pb::CounselOutHouseholdRequest counsel;
  counsel.set_reason(pb::COUNSELLING_OUT_REASON_OTHER);
  cases.emplace("CounselOutHousehold", verb(counsel));
  // A session for the session RPCs and the booking verbs.
  pb::InformationSession session;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    ASSERT_TRUE(stub_->CreateInformationSession(&ctx, SessionCreate("scope-session", 2025, 4, 20), &session).ok());
  }
  cases.emplace("CreateInformationSession",
                platform::testing::ScopeCase{Kind::kCreate, [&creates]() -> Message {
                  return std::make_unique<pb::CreateInformationSessionRequest>(
                      SessionCreate(absl::StrCat("scope-s-", ++creates), 2025, 4, 20));
                }});
  cases.emplace("GetInformationSession",
                platform::testing::ScopeCase{Kind::kRead, [&session]() -> Message {
                  auto r = std::make_unique<pb::GetInformationSessionRequest>();
                  r->set_name(session.name());
                  return r;
                }});
  cases.emplace("ListInformationSessions", platform::testing::ScopeCase{Kind::kList, [] {
                  return std::make_unique<pb::ListInformationSessionsRequest>();
                }});
  pb::BookInformationSessionRequest book;
  book.set_information_session(session.name());
  cases.emplace("BookInformationSession", verb(book));
  cases.emplace("RecordInformationSessionAttendance",
                platform::testing::ScopeCase{Kind::kRead, [&fixture, &session]() -> Message {
                  auto r = std::make_unique<pb::RecordInformationSessionAttendanceRequest>();
                  r->set_name(fixture.name());
                  r->set_etag(fixture.etag());
                  r->set_information_session(session.name());
                  return r;
                }});
  pb::RegistrationPause pause;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->CreateRegistrationPause(&ctx, PauseCreate("scope-pause", 2025, 1, 1), &pause).ok());
  }
  cases.emplace("CreateRegistrationPause",
                platform::testing::ScopeCase{Kind::kCreate, [&creates]() -> Message {
                  return std::make_unique<pb::CreateRegistrationPauseRequest>(
                      PauseCreate(absl::StrCat("scope-p-", ++creates), 2025, 1, 1));
                }});
  cases.emplace("ListRegistrationPauses", platform::testing::ScopeCase{Kind::kList, [] {
                  return std::make_unique<pb::ListRegistrationPausesRequest>();
                }});
  cases.emplace("EndRegistrationPause", platform::testing::ScopeCase{Kind::kRead, [&pause]() -> Message {
                  auto r = std::make_unique<pb::EndRegistrationPauseRequest>();
                  r->set_name(pause.name());
                  r->set_etag(pause.etag());
                  platform::testing::SetDate(r->mutable_end_date(), 2025, 2, 1);
                  return r;
                }});
  pb::RecordStageTwoProgressRequest progress;
  progress.mutable_progress()->set_home_study_sessions(1);
  cases.emplace("RecordStageTwoProgress", platform::testing::ScopeCase{Kind::kRead, [&fixture, progress]() -> Message {
                  auto r = std::make_unique<pb::RecordStageTwoProgressRequest>(progress);
                  r->set_name(fixture.name());
                  r->set_etag(fixture.etag());
                  return r;
                }});
  cases.emplace("RecordStageOneCheck", platform::testing::ScopeCase{Kind::kRead, [&fixture]() -> Message {
                  auto r = std::make_unique<pb::RecordStageOneCheckRequest>();
                  r->set_name(fixture.name());
                  r->set_etag(fixture.etag());
                  r->mutable_check()->set_kind(pb::STAGE_ONE_CHECK_KIND_FINANCIAL);
                  return r;
                }});
  cases.emplace("ImportHousehold", platform::testing::ScopeCase{Kind::kCreate, [&creates]() -> Message {
                  auto r = std::make_unique<pb::ImportHouseholdRequest>();
                  r->set_source_id(absl::StrCat("OLD-", ++creates));
                  *r->mutable_household() = ValidCreate("unused").household();
                  return r;
                }});
  // The reports count what the caller reaches: the fixture enquired on 7 April 2025.
  cases.emplace("ReportAdopterFunnel", platform::testing::ScopeCase{
                                           Kind::kList,
                                           [] {
                                             auto r = std::make_unique<pb::ReportAdopterFunnelRequest>();
                                             platform::testing::SetDate(r->mutable_period()->mutable_first_day(),
                                                                        2025, 4, 1);
                                             platform::testing::SetDate(r->mutable_period()->mutable_last_day(),
                                                                        2026, 3, 31);
                                             return r;
                                           },
                                           [](const google::protobuf::Message& m) {
                                             return static_cast<const pb::AdopterFunnel&>(m).enquiries();
                                           }});
  cases.emplace("ReportHouseholdStages",
                platform::testing::ScopeCase{Kind::kList,
                                             [] {
                                               auto r = std::make_unique<pb::ReportHouseholdStagesRequest>();
                                               platform::testing::SetDate(r->mutable_at(), 2025, 12, 1);
                                               return r;
                                             },
                                             [](const google::protobuf::Message& m) {
                                               int n = 0;
                                               for (const auto& row : static_cast<const pb::HouseholdStages&>(m).stages())
                                                 n += row.households();
                                               return n;
                                             }});
  auto figures = [](auto request, bool period, bool at) {
    return platform::testing::ScopeCase{Kind::kFigures, [request, period, at]() -> Message {
      auto r = std::make_unique<decltype(request)>(request);
      if constexpr (requires { r->mutable_period(); }) {
        if (period) {
          platform::testing::SetDate(r->mutable_period()->mutable_first_day(), 2025, 4, 1);
          platform::testing::SetDate(r->mutable_period()->mutable_last_day(), 2026, 3, 31);
        }
      }
      if constexpr (requires { r->mutable_at(); }) {
        if (at) platform::testing::SetDate(r->mutable_at(), 2025, 12, 1);
      }
      return r;
    }};
  };
  cases.emplace("ReportApprovedNotMatched", figures(pb::ReportApprovedNotMatchedRequest(), false, true));
  cases.emplace("ReportRoiCohort", figures(pb::ReportRoiCohortRequest(), true, true));
  cases.emplace("ReportWithdrawals", figures(pb::ReportWithdrawalsRequest(), true, false));
  cases.emplace("ReportAssessmentTimeliness", figures(pb::ReportAssessmentTimelinessRequest(), true, false));
  cases.emplace("ReportApprovals", figures(pb::ReportApprovalsRequest(), true, false));
  cases.emplace("ReportAdopterPlacements", figures(pb::ReportAdopterPlacementsRequest(), true, false));
  cases.emplace("ReportMatchWaits", figures(pb::ReportMatchWaitsRequest(), true, false));
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

// --- the journey's verbs -------------------------------------------------------

template <typename Request>
Request At(const pb::Household& h, int year, int month, int day) {
  Request r;
  r.set_name(h.name());
  r.set_etag(h.etag());
  platform::testing::SetDate(r.mutable_effective_date(), year, month, day);
  return r;
}

class JourneyApiTest : public RecruitmentApiTest {
 protected:
  JourneyApiTest() { clock_.Set(platform::Date(2025, 12, 1)); }

  // Calls a verb as a worker of the household's authority; `h` becomes the answer.
  template <typename Request, typename Method>
  grpc::Status Verb(Method method, const Request& r, pb::Household* h) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    pb::Household out;
    grpc::Status s = (stub_.get()->*method)(&ctx, r, &out);
    if (s.ok()) *h = out;
    return s;
  }

  std::vector<std::string> OutboxTypes() {
    std::vector<std::string> types;
    EXPECT_TRUE(host_->db()
                    .Transaction([&](soci::session& tx) {
                      soci::rowset<std::string> rows = tx.prepare << "SELECT type FROM outbox ORDER BY outbox_pk";
                      for (const auto& t : rows) types.push_back(t.substr(t.rfind('.') + 1));
                      return absl::OkStatus();
                    })
                    .ok());
    return types;
  }

  using Stub = pb::RecruitmentService::Stub;

  // Records a satisfactory check of `kind` for the (single) applicant.
  grpc::Status Satisfied(pb::Household* h, pb::StageOneCheckKind kind, int ordinal = 1,
                         const std::string& notes = "") {
    pb::RecordStageOneCheckRequest r;
    r.set_name(h->name());
    r.set_etag(h->etag());
    r.mutable_check()->set_kind(kind);
    r.mutable_check()->set_ordinal(ordinal);
    platform::testing::SetDate(r.mutable_check()->mutable_received_date(), 2025, 6, 1);
    r.mutable_check()->set_outcome(pb::STAGE_ONE_CHECK_OUTCOME_SATISFACTORY);
    r.mutable_check()->set_notes(notes);
    return Verb(&Stub::RecordStageOneCheck, r, h);
  }

  void SatisfyStageOne(pb::Household* h) {
    for (auto kind : {pb::STAGE_ONE_CHECK_KIND_ENHANCED_DBS, pb::STAGE_ONE_CHECK_KIND_MEDICAL,
                      pb::STAGE_ONE_CHECK_KIND_LOCAL_AUTHORITY, pb::STAGE_ONE_CHECK_KIND_EMPLOYER_REFERENCE,
                      pb::STAGE_ONE_CHECK_KIND_EX_PARTNER, pb::STAGE_ONE_CHECK_KIND_FINANCIAL,
                      pb::STAGE_ONE_CHECK_KIND_HOME_SAFETY, pb::STAGE_ONE_CHECK_KIND_PREPARATION_TRAINING}) {
      ASSERT_TRUE(Satisfied(h, kind).ok()) << pb::StageOneCheckKind_Name(kind);
    }
    for (int referee = 1; referee <= 3; ++referee) {
      ASSERT_TRUE(Satisfied(h, pb::STAGE_ONE_CHECK_KIND_PERSONAL_REFERENCE, referee, "knows them well").ok());
    }
  }
};

TEST_P(JourneyApiTest, AHouseholdWalksFromRoiToPanelAndEachMoveIsAnEvent) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("walk"), &h).ok());
  ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                   At<pb::ReceiveRegistrationOfInterestRequest>(h, 2025, 5, 1), &h).ok());
  auto accept = At<pb::DecideRegistrationOfInterestRequest>(h, 2025, 5, 6);
  accept.set_accepted(true);
  ASSERT_TRUE(Verb(&Stub::DecideRegistrationOfInterest, accept, &h).ok());
  ASSERT_TRUE(Verb(&Stub::StartStageOne, At<pb::StartStageOneRequest>(h, 2025, 5, 6), &h).ok());
  SatisfyStageOne(&h);
  ASSERT_TRUE(Verb(&Stub::CompleteStageOne, At<pb::CompleteStageOneRequest>(h, 2025, 7, 1), &h).ok());
  auto pause = At<pb::StartBreakRequest>(h, 2025, 7, 2);
  pause.set_reason("bereavement");
  ASSERT_TRUE(Verb(&Stub::StartBreak, pause, &h).ok());
  ASSERT_TRUE(Verb(&Stub::StartStageTwo, At<pb::StartStageTwoRequest>(h, 2025, 9, 1), &h).ok());
  auto refer = At<pb::ReferHouseholdToPanelRequest>(h, 2025, 11, 20);
  refer.set_dual_approval_sought(true);
  grpc::Status s = Verb(&Stub::ReferHouseholdToPanel, refer, &h);
  EXPECT_EQ(platform::testing::PreconditionViolations(s),
            (std::vector<std::string>{"STAGE_TWO home_study_sessions", "STAGE_TWO final_training_date",
                                      "STAGE_TWO early_permanence_training_date", "STAGE_TWO par_completed_date"}));
  pb::RecordStageTwoProgressRequest progress;
  progress.set_name(h.name());
  progress.set_etag(h.etag());
  progress.mutable_progress()->set_home_study_sessions(6);
  platform::testing::SetDate(progress.mutable_progress()->mutable_final_training_date(), 2025, 10, 1);
  platform::testing::SetDate(progress.mutable_progress()->mutable_early_permanence_training_date(), 2025, 10, 8);
  platform::testing::SetDate(progress.mutable_progress()->mutable_par_completed_date(), 2025, 11, 14);
  ASSERT_TRUE(Verb(&Stub::RecordStageTwoProgress, progress, &h).ok());
  EXPECT_EQ(h.stage_two().home_study_sessions(), 6);
  refer.set_etag(h.etag());
  s = Verb(&Stub::ReferHouseholdToPanel, refer, &h);
  ASSERT_TRUE(s.ok()) << s.error_message();

  EXPECT_EQ(h.status(), pb::HOUSEHOLD_STATUS_AWAITING_PANEL);
  EXPECT_TRUE(h.dual_approval_sought());
  EXPECT_EQ(h.etag(), "20");  // 7 steps, 11 checks and the Stage 2 progress
  ASSERT_EQ(h.journey_size(), 7);
  EXPECT_EQ(h.journey(1).event(), pb::JOURNEY_EVENT_ROI_ACCEPTED);
  EXPECT_EQ(h.journey(1).to_status(), pb::HOUSEHOLD_STATUS_ROI_RECEIVED);
  EXPECT_EQ(h.journey(3).to_status(), pb::HOUSEHOLD_STATUS_STAGE_ONE_COMPLETED);
  EXPECT_EQ(h.journey(4).reason(), "bereavement");
  EXPECT_EQ(h.journey(6).effective_date().day(), 20);
  EXPECT_EQ(h.journey(6).recorded_by(), "worker-1");
  // The accepted ROI moves no status, so it is no HouseholdStatusChanged.
  EXPECT_EQ(OutboxTypes(), (std::vector<std::string>{"HouseholdRegistered", "HouseholdStatusChanged",
                                                     "HouseholdStatusChanged", "HouseholdStatusChanged",
                                                     "HouseholdStatusChanged", "HouseholdStatusChanged",
                                                     "HouseholdReferredToPanel", "HouseholdStatusChanged"}));
  EXPECT_EQ(Rows("household_journey"), 7);
  EXPECT_EQ(h.stage_one_checks_size(), 11);
  EXPECT_EQ(h.stage_one_checks(7).notes(), "knows them well");

  // The household's own adopters see the same history and their checks, without the
  // referees' contents.
  grpc::ClientContext ctx;
  Authorize(ctx, platform::TokenRequest{.subject = "adopter-1", .roles = {Role::kAdopter},
                                       .household = h.name().substr(std::string("households/").size())});
  pb::GetHouseholdRequest get;
  get.set_name(h.name());
  pb::Household seen;
  ASSERT_TRUE(stub_->GetHousehold(&ctx, get, &seen).ok());
  EXPECT_EQ(seen.journey_size(), 7);
  ASSERT_EQ(seen.stage_one_checks_size(), 11);
  EXPECT_EQ(seen.stage_one_checks(7).notes(), "");
  EXPECT_EQ(seen.stage_one_checks(7).outcome(), pb::STAGE_ONE_CHECK_OUTCOME_SATISFACTORY);
}

TEST_P(JourneyApiTest, StageOneCompletesOnlyWithEveryCheckSatisfactoryAndSaysWhichAreNot) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("checks"), &h).ok());
  // No checks before Stage 1.
  EXPECT_EQ(Satisfied(&h, pb::STAGE_ONE_CHECK_KIND_MEDICAL).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                   At<pb::ReceiveRegistrationOfInterestRequest>(h, 2025, 5, 1), &h).ok());
  auto accept = At<pb::DecideRegistrationOfInterestRequest>(h, 2025, 5, 2);
  accept.set_accepted(true);
  ASSERT_TRUE(Verb(&Stub::DecideRegistrationOfInterest, accept, &h).ok());
  ASSERT_TRUE(Verb(&Stub::StartStageOne, At<pb::StartStageOneRequest>(h, 2025, 5, 2), &h).ok());
  SatisfyStageOne(&h);

  // A concern on the medical and a referee still pending: both are named.
  pb::RecordStageOneCheckRequest concern;
  concern.set_name(h.name());
  concern.set_etag(h.etag());
  concern.mutable_check()->set_kind(pb::STAGE_ONE_CHECK_KIND_MEDICAL);
  platform::testing::SetDate(concern.mutable_check()->mutable_received_date(), 2025, 6, 2);
  concern.mutable_check()->set_outcome(pb::STAGE_ONE_CHECK_OUTCOME_CONCERN);
  ASSERT_TRUE(Verb(&Stub::RecordStageOneCheck, concern, &h).ok());
  pb::RecordStageOneCheckRequest pending;
  pending.set_name(h.name());
  pending.set_etag(h.etag());
  pending.mutable_check()->set_kind(pb::STAGE_ONE_CHECK_KIND_PERSONAL_REFERENCE);
  pending.mutable_check()->set_ordinal(3);
  ASSERT_TRUE(Verb(&Stub::RecordStageOneCheck, pending, &h).ok());
  EXPECT_EQ(Rows("household_stage_one_checks"), 13);  // two superseded, kept

  grpc::Status s = Verb(&Stub::CompleteStageOne, At<pb::CompleteStageOneRequest>(h, 2025, 7, 1), &h);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::testing::PreconditionViolations(s),
            (std::vector<std::string>{"STAGE_ONE_CHECKS applicants[0].MEDICAL",
                                      "STAGE_ONE_CHECKS PERSONAL_REFERENCE"}));
  EXPECT_EQ(h.status(), pb::HOUSEHOLD_STATUS_STAGE_ONE);

  ASSERT_TRUE(Satisfied(&h, pb::STAGE_ONE_CHECK_KIND_MEDICAL).ok());
  ASSERT_TRUE(Satisfied(&h, pb::STAGE_ONE_CHECK_KIND_PERSONAL_REFERENCE, 3).ok());
  s = Verb(&Stub::CompleteStageOne, At<pb::CompleteStageOneRequest>(h, 2025, 7, 1), &h);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(h.status(), pb::HOUSEHOLD_STATUS_STAGE_ONE_COMPLETED);
}

TEST_P(JourneyApiTest, ABadCheckNamesItsFieldsAndWritesNothing) {
  auto create = ValidCreate("fast-checks");
  create.mutable_household()->set_route(pb::ADOPTION_ROUTE_FAST_TRACK);
  create.mutable_household()->set_foster_carers(true);
  pb::Household h;
  ASSERT_TRUE(Create(create, &h).ok());
  ASSERT_TRUE(Verb(&Stub::StartStageTwo, At<pb::StartStageTwoRequest>(h, 2025, 5, 1), &h).ok());
  pb::RecordStageOneCheckRequest r;
  r.set_name(h.name());
  r.set_etag(h.etag());
  r.mutable_check()->set_applicant(1);  // a single adopter has applicant 0 only
  platform::testing::SetDate(r.mutable_check()->mutable_requested_date(), 2025, 2, 30);
  r.mutable_check()->set_notes("fine\x07");
  EXPECT_EQ(ViolatedFields(Verb(&Stub::RecordStageOneCheck, r, &h)),
            (std::vector<std::string>{"check.kind", "check.requested_date", "check.notes"}));
  r.mutable_check()->set_kind(pb::STAGE_ONE_CHECK_KIND_MEDICAL);
  r.mutable_check()->clear_requested_date();
  r.mutable_check()->set_notes("seen by the medical adviser");
  r.mutable_check()->set_outcome(pb::STAGE_ONE_CHECK_OUTCOME_SATISFACTORY);
  EXPECT_EQ(ViolatedFields(Verb(&Stub::RecordStageOneCheck, r, &h)),
            (std::vector<std::string>{"check.applicant", "check.received_date"}));
  EXPECT_EQ(Rows("household_stage_one_checks"), 0);
  // A fast track's checks are recorded in Stage 2.
  r.mutable_check()->set_applicant(0);
  platform::testing::SetDate(r.mutable_check()->mutable_received_date(), 2025, 6, 1);
  ASSERT_TRUE(Verb(&Stub::RecordStageOneCheck, r, &h).ok());
  EXPECT_EQ(Rows("household_stage_one_checks"), 1);
}

TEST_P(JourneyApiTest, AMoveTheStatusDoesNotAllowIsAPreconditionAndWritesNothing) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("early"), &h).ok());
  const long long audit = Rows("audit_log");
  grpc::Status s = Verb(&Stub::CompleteStageOne, At<pb::CompleteStageOneRequest>(h, 2025, 5, 1), &h);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("ENQUIRY"), std::string::npos) << s.error_message();
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"STATE status"});
  // A standard household cannot skip to Stage 2: its route says why.
  s = Verb(&Stub::StartStageTwo, At<pb::StartStageTwoRequest>(h, 2025, 5, 1), &h);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"ROUTE route"});
  // Nor date a step before the enquiry.
  s = Verb(&Stub::RecordInitialVisit, At<pb::RecordInitialVisitRequest>(h, 2025, 4, 6), &h);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"ORDER effective_date"});
  EXPECT_EQ(h.etag(), "1");
  EXPECT_EQ(Rows("household_journey"), 0);
  EXPECT_EQ(Rows("outbox"), 1);
  EXPECT_EQ(Rows("household_history"), 0);
  EXPECT_EQ(Rows("audit_log"), audit);
}

TEST_P(JourneyApiTest, BadInputNamesEveryFieldOfTheVerb) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("bad"), &h).ok());
  pb::DecideRegistrationOfInterestRequest empty;
  grpc::Status s = Verb(&Stub::DecideRegistrationOfInterest, empty, &h);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"name", "etag", "effective_date"}));

  auto future = At<pb::ReceiveRegistrationOfInterestRequest>(h, 2025, 12, 2);
  EXPECT_EQ(ViolatedFields(Verb(&Stub::ReceiveRegistrationOfInterest, future, &h)),
            std::vector<std::string>{"effective_date"});
  ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                   At<pb::ReceiveRegistrationOfInterestRequest>(h, 2025, 5, 1), &h).ok());
  auto decline = At<pb::DecideRegistrationOfInterestRequest>(h, 2025, 5, 2);
  decline.set_decline_reason("out of area\x1b[2J");
  EXPECT_EQ(ViolatedFields(Verb(&Stub::DecideRegistrationOfInterest, decline, &h)),
            std::vector<std::string>{"decline_reason"});
  decline.set_decline_reason("");
  EXPECT_EQ(ViolatedFields(Verb(&Stub::DecideRegistrationOfInterest, decline, &h)),
            std::vector<std::string>{"decline_reason"});
  auto counsel = At<pb::CounselOutHouseholdRequest>(h, 2025, 5, 2);
  EXPECT_EQ(ViolatedFields(Verb(&Stub::CounselOutHousehold, counsel, &h)), std::vector<std::string>{"reason"});
  EXPECT_EQ(Rows("household_journey"), 1);

  decline.set_decline_reason("lives outside the agency's area");
  ASSERT_TRUE(Verb(&Stub::DecideRegistrationOfInterest, decline, &h).ok());
  EXPECT_EQ(h.status(), pb::HOUSEHOLD_STATUS_ROI_DECLINED);
}

TEST_P(JourneyApiTest, AStaleEtagIsAbortedAndAnotherAuthoritysWorkerFindsNothing) {
  pb::Household h;
  ASSERT_TRUE(Create(ValidCreate("stale"), &h).ok());
  const pb::Household before = h;
  ASSERT_TRUE(Verb(&Stub::RecordInitialVisit, At<pb::RecordInitialVisitRequest>(h, 2025, 4, 20), &h).ok());
  auto again = At<pb::ReceiveRegistrationOfInterestRequest>(before, 2025, 5, 1);
  EXPECT_EQ(Verb(&Stub::ReceiveRegistrationOfInterest, again, &h).error_code(), grpc::StatusCode::ABORTED);

  grpc::ClientContext ctx;
  Authorize(ctx, platform::TokenRequest{.subject = "worker-r", .roles = {Role::kRecruitmentWorker},
                                       .local_authorities = {"E08000018"}});
  pb::Household out;
  EXPECT_EQ(stub_->ReceiveRegistrationOfInterest(&ctx, At<pb::ReceiveRegistrationOfInterestRequest>(h, 2025, 5, 1),
                                                 &out)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Rows("household_journey"), 1);
}

TEST_P(JourneyApiTest, AFastTrackHouseholdStartsAtStageTwoAndCounsellingOutTakesTheReportedReason) {
  auto create = ValidCreate("fast");
  create.mutable_household()->set_route(pb::ADOPTION_ROUTE_FAST_TRACK);
  pb::Household h;
  grpc::Status s = Create(create, &h);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household.route"});  // no previous adoption said
  create.mutable_household()->set_second_time_adopters(true);
  ASSERT_TRUE(Create(create, &h).ok());
  EXPECT_EQ(h.route(), pb::ADOPTION_ROUTE_FAST_TRACK);
  ASSERT_TRUE(Verb(&Stub::StartStageTwo, At<pb::StartStageTwoRequest>(h, 2025, 5, 1), &h).ok());
  auto counsel = At<pb::CounselOutHouseholdRequest>(h, 2025, 6, 1);
  counsel.set_reason(pb::COUNSELLING_OUT_REASON_RELATIONSHIP_STABILITY);
  ASSERT_TRUE(Verb(&Stub::CounselOutHousehold, counsel, &h).ok());
  EXPECT_EQ(h.status(), pb::HOUSEHOLD_STATUS_COUNSELLED_OUT);
  EXPECT_EQ(h.journey(1).reason(), "RELATIONSHIP_STABILITY");

  // The route is fixed once the journey has begun.
  pb::UpdateHouseholdRequest up;
  *up.mutable_household() = h;
  up.mutable_household()->set_route(pb::ADOPTION_ROUTE_STANDARD);
  up.mutable_update_mask()->add_paths("route");
  EXPECT_EQ(ViolatedFields(Update(up, &h)), std::vector<std::string>{"household.route"});
}

TEST_P(JourneyApiTest, SessionsAreScheduledBookedToCapacityAndAttended) {
  pb::InformationSession session;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    ASSERT_TRUE(stub_->CreateInformationSession(&ctx, SessionCreate("s-1", 2025, 5, 20, 1), &session).ok());
  }
  EXPECT_EQ(session.mode(), pb::SESSION_MODE_ONLINE);
  EXPECT_EQ(session.capacity(), 1);

  pb::Household first, second;
  ASSERT_TRUE(Create(ValidCreate("first"), &first).ok());
  ASSERT_TRUE(Create(ValidCreate("second"), &second).ok());
  auto book = At<pb::BookInformationSessionRequest>(first, 2025, 5, 1);
  book.set_information_session(session.name());
  grpc::Status s = Verb(&Stub::BookInformationSession, book, &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(first.status(), pb::HOUSEHOLD_STATUS_INFO_SESSION_BOOKED);

  // The one place is taken: the second household is refused and nothing is written.
  auto full = At<pb::BookInformationSessionRequest>(second, 2025, 5, 2);
  full.set_information_session(session.name());
  s = Verb(&Stub::BookInformationSession, full, &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"CAPACITY information_session"});
  EXPECT_EQ(second.status(), pb::HOUSEHOLD_STATUS_ENQUIRY);
  EXPECT_EQ(Rows("information_session_bookings"), 1);

  // A household not booked cannot attend; the booked one attends on the session's day.
  auto attendance = [&](const pb::Household& h) {
    pb::RecordInformationSessionAttendanceRequest r;
    r.set_name(h.name());
    r.set_etag(h.etag());
    r.set_information_session(session.name());
    return r;
  };
  auto stray = attendance(second);
  EXPECT_EQ(platform::testing::PreconditionViolations(Verb(&Stub::RecordInformationSessionAttendance, stray, &second)),
            std::vector<std::string>{"BOOKING information_session"});
  s = Verb(&Stub::RecordInformationSessionAttendance, attendance(first), &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(first.status(), pb::HOUSEHOLD_STATUS_INFO_SESSION_ATTENDED);
  EXPECT_EQ(first.journey(1).effective_date().day(), 20);

  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetInformationSessionRequest get;
  get.set_name(session.name());
  pb::InformationSession seen;
  ASSERT_TRUE(stub_->GetInformationSession(&ctx, get, &seen).ok());
  EXPECT_EQ(seen.booked(), 1);
  EXPECT_EQ(seen.attended(), 1);
  EXPECT_EQ(seen.etag(), "3");
}

TEST_P(JourneyApiTest, ABadSessionNamesItsFieldsAndARetryReturnsTheFirst) {
  auto r = SessionCreate("", 2025, 2, 30, 0);
  r.mutable_information_session()->set_venue("Hall\nB");
  grpc::ClientContext bad;
  Authorize(bad, {Role::kRecruitmentWorker});
  pb::InformationSession out;
  grpc::Status s = stub_->CreateInformationSession(&bad, r, &out);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"request_id", "information_session.session_date",
                                                         "information_session.venue",
                                                         "information_session.capacity"}));
  EXPECT_EQ(Rows("information_sessions"), 0);
  pb::InformationSession a, b;
  for (auto* got : {&a, &b}) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    ASSERT_TRUE(stub_->CreateInformationSession(&ctx, SessionCreate("again", 2025, 6, 3), got).ok());
  }
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(Rows("information_sessions"), 1);
}

TEST_P(JourneyApiTest, ClocksAreShownAndOverdueHouseholdsAreListed) {
  pb::Household late, fresh;
  ASSERT_TRUE(Create(ValidCreate("late"), &late).ok());
  ASSERT_TRUE(Create(ValidCreate("fresh"), &fresh).ok());
  // ROI on Friday 11 April 2025: the decision is due five working days on, after Easter.
  ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                   At<pb::ReceiveRegistrationOfInterestRequest>(late, 2025, 4, 11), &late).ok());
  ASSERT_EQ(late.clocks_size(), 2);
  EXPECT_EQ(late.clocks(0).kind(), pb::JOURNEY_CLOCK_KIND_ROI_DECISION);
  EXPECT_EQ(late.clocks(0).due_date().day(), 22);
  EXPECT_EQ(late.clocks(0).state(), pb::JOURNEY_CLOCK_STATE_OVERDUE);  // the clock says 2025-12-01
  {
    // An update answers the household as a Get shows it: its clocks too.
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    pb::UpdateHouseholdRequest update;
    *update.mutable_household() = late;
    update.mutable_household()->set_second_time_adopters(true);
    update.mutable_update_mask()->add_paths("second_time_adopters");
    grpc::Status s = stub_->UpdateHousehold(&ctx, update, &late);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(late.clocks_size(), 2);
    EXPECT_EQ(late.clocks(0).state(), pb::JOURNEY_CLOCK_STATE_OVERDUE);
  }
  EXPECT_EQ(late.clocks(1).kind(), pb::JOURNEY_CLOCK_KIND_ROI_TO_APPROVAL);
  // What can come next: the ROI decision, or leaving.
  EXPECT_EQ(std::vector<int>(late.next_steps().begin(), late.next_steps().end()),
            (std::vector<int>{pb::JOURNEY_EVENT_ROI_ACCEPTED, pb::JOURNEY_EVENT_ROI_DECLINED,
                              pb::JOURNEY_EVENT_WITHDRAWN, pb::JOURNEY_EVENT_COUNSELLED_OUT}));

  auto list = [&](const std::string& filter) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::ListHouseholdsRequest r;
    r.set_filter(filter);
    pb::ListHouseholdsResponse out;
    grpc::Status s = stub_->ListHouseholds(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> names;
    for (const auto& h : out.households()) names.push_back(h.name());
    return names;
  };
  EXPECT_EQ(list("overdue = true"), std::vector<std::string>{late.name()});
  EXPECT_EQ(list(""), (std::vector<std::string>{late.name(), fresh.name()}));

  // Operations see the count as a gauge read from the database.
  platform::DatabaseGauges gauges(&host_->db(), &host_->metrics().registry(), std::chrono::seconds(60));
  AddGauges(gauges, &store_, &clock_);
  auto overdue_gauge = [&] {
    gauges.Refresh();
    return platform::testing::MetricValue(host_->metrics().registry(), "recruitment_households_overdue").value_or(-1);
  };
  EXPECT_EQ(overdue_gauge(), 1.0);
  clock_.Set(platform::Date(2025, 4, 22));  // the day the decision is due: not yet overdue
  EXPECT_EQ(overdue_gauge(), 0.0);
  clock_.Set(platform::Date(2025, 12, 1));

  // Deciding the ROI stops its clock (missed: it was late); approval's is still overdue.
  auto accept = At<pb::DecideRegistrationOfInterestRequest>(late, 2025, 5, 1);
  accept.set_accepted(true);
  ASSERT_TRUE(Verb(&Stub::DecideRegistrationOfInterest, accept, &late).ok());
  EXPECT_EQ(late.clocks(0).state(), pb::JOURNEY_CLOCK_STATE_MISSED);
  EXPECT_EQ(late.clocks(0).stop_date().day(), 1);
  EXPECT_EQ(list("overdue = true"), std::vector<std::string>{late.name()});
  EXPECT_FALSE(late.has_retain_until());  // open: kept, no date
  auto withdraw = At<pb::WithdrawHouseholdRequest>(late, 2025, 5, 2);
  withdraw.set_reason("moved away");
  ASSERT_TRUE(Verb(&Stub::WithdrawHousehold, withdraw, &late).ok());
  // An enquiry that went no further (it never started Stage 1): the agency's 2 years.
  EXPECT_EQ(late.retain_until().year(), 2027);
  EXPECT_EQ(late.retain_until().month(), 5);
  EXPECT_EQ(late.retain_until().day(), 2);
  EXPECT_EQ(late.clocks(1).state(), pb::JOURNEY_CLOCK_STATE_STOPPED);
  EXPECT_EQ(list("overdue = true"), std::vector<std::string>{});

  // The pipeline by stage: one withdrawn, one at enquiry, every other stage at 0.
  gauges.Refresh();
  auto households = [&](const std::string& status) {
    return platform::testing::MetricValue(host_->metrics().registry(), "recruitment_households", {{"status", status}});
  };
  EXPECT_EQ(households("withdrawn"), 1);
  EXPECT_EQ(households("enquiry"), 1);
  EXPECT_EQ(households("stage_two"), 0);
  EXPECT_EQ(households("roi_declined"), 0);
  EXPECT_EQ(households("WITHDRAWN"), std::nullopt);

  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::ListHouseholdsRequest bad;
  bad.set_filter("overdue = false");
  pb::ListHouseholdsResponse out;
  EXPECT_EQ(ViolatedFields(stub_->ListHouseholds(&ctx, bad, &out)), std::vector<std::string>{"filter"});
}

TEST_P(JourneyApiTest, APauseRefusesRegistrationsUntilItEndsAndAcceptedRoisWaitInTheList) {
  pb::RegistrationPause pause;
  {
    auto r = PauseCreate("pause-1", 2025, 5, 1);
    platform::testing::SetDate(r.mutable_registration_pause()->mutable_end_date(), 2025, 4, 1);
    grpc::ClientContext bad;
    Authorize(bad, {Role::kManager});
    EXPECT_EQ(ViolatedFields(stub_->CreateRegistrationPause(&bad, r, &pause)),
              std::vector<std::string>{"registration_pause.end_date"});
    grpc::ClientContext worker;
    Authorize(worker, {Role::kRecruitmentWorker});
    EXPECT_EQ(stub_->CreateRegistrationPause(&worker, PauseCreate("pause-1", 2025, 5, 1), &pause).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->CreateRegistrationPause(&ctx, PauseCreate("pause-1", 2025, 5, 1), &pause).ok());
  }
  pb::Household early, paused;
  ASSERT_TRUE(Create(ValidCreate("early"), &early).ok());
  ASSERT_TRUE(Create(ValidCreate("paused"), &paused).ok());
  // Before the pause, an ROI is received and accepted: the household waits for Stage 1.
  ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                   At<pb::ReceiveRegistrationOfInterestRequest>(early, 2025, 4, 30), &early).ok());
  auto accept = At<pb::DecideRegistrationOfInterestRequest>(early, 2025, 4, 30);
  accept.set_accepted(true);
  ASSERT_TRUE(Verb(&Stub::DecideRegistrationOfInterest, accept, &early).ok());

  grpc::Status s = Verb(&Stub::ReceiveRegistrationOfInterest,
                        At<pb::ReceiveRegistrationOfInterestRequest>(paused, 2025, 6, 1), &paused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::testing::PreconditionViolations(s),
            std::vector<std::string>{"PAUSE " + pause.name()});
  EXPECT_EQ(paused.status(), pb::HOUSEHOLD_STATUS_ENQUIRY);
  EXPECT_EQ(Rows("household_journey"), 2);

  // The manager ends the pause on 30 June: an ROI of 1 July is taken.
  pb::EndRegistrationPauseRequest end;
  end.set_name(pause.name());
  end.set_etag(pause.etag());
  platform::testing::SetDate(end.mutable_end_date(), 2025, 4, 30);  // before it began
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::RegistrationPause unchanged;
    EXPECT_EQ(ViolatedFields(stub_->EndRegistrationPause(&ctx, end, &unchanged)),
              std::vector<std::string>{"end_date"});
  }
  {
    pb::EndRegistrationPauseRequest stale = end;
    stale.set_etag("9");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::RegistrationPause unchanged;
    EXPECT_EQ(stub_->EndRegistrationPause(&ctx, stale, &unchanged).error_code(), grpc::StatusCode::ABORTED);
  }
  EXPECT_EQ(Rows("registration_pause_history"), 0);
  platform::testing::SetDate(end.mutable_end_date(), 2025, 6, 30);
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    ASSERT_TRUE(stub_->EndRegistrationPause(&ctx, end, &pause).ok());
  }
  EXPECT_EQ(pause.end_date().day(), 30);
  EXPECT_EQ(Verb(&Stub::ReceiveRegistrationOfInterest,
                 At<pb::ReceiveRegistrationOfInterestRequest>(paused, 2025, 6, 30), &paused)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                   At<pb::ReceiveRegistrationOfInterestRequest>(paused, 2025, 7, 1), &paused).ok());

  // The waiting list: the accepted ROI, not the one still to decide.
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::ListHouseholdsRequest waiting;
  waiting.set_filter("waiting = true");
  pb::ListHouseholdsResponse listed;
  ASSERT_TRUE(stub_->ListHouseholds(&ctx, waiting, &listed).ok());
  ASSERT_EQ(listed.households_size(), 1);
  EXPECT_EQ(listed.households(0).name(), early.name());
}

// --- the reports ---------------------------------------------------------------

template <typename Request>
Request ForYear(int first_year) {
  Request r;
  platform::testing::SetDate(r.mutable_period()->mutable_first_day(), first_year, 4, 1);
  platform::testing::SetDate(r.mutable_period()->mutable_last_day(), first_year + 1, 3, 31);
  return r;
}

TEST_P(JourneyApiTest, ReportsCountTheJourneysAsWalkedAndRefuseABadPeriod) {
  // One household reaches Stage 1 (a 1 April ROI), one is counselled out, one only enquires.
  pb::Household one, out, enquiry;
  ASSERT_TRUE(Create(ValidCreate("one"), &one).ok());
  ASSERT_TRUE(Create(ValidCreate("out"), &out).ok());
  ASSERT_TRUE(Create(ValidCreate("enquiry"), &enquiry).ok());
  for (pb::Household* h : {&one, &out}) {
    ASSERT_TRUE(Verb(&Stub::ReceiveRegistrationOfInterest,
                     At<pb::ReceiveRegistrationOfInterestRequest>(*h, 2025, 5, 1), h).ok());
    auto accept = At<pb::DecideRegistrationOfInterestRequest>(*h, 2025, 5, 2);
    accept.set_accepted(true);
    ASSERT_TRUE(Verb(&Stub::DecideRegistrationOfInterest, accept, h).ok());
    ASSERT_TRUE(Verb(&Stub::StartStageOne, At<pb::StartStageOneRequest>(*h, 2025, 5, 2), h).ok());
  }
  auto counsel = At<pb::CounselOutHouseholdRequest>(out, 2025, 6, 30);
  counsel.set_reason(pb::COUNSELLING_OUT_REASON_REFEREE_CONCERNS);
  ASSERT_TRUE(Verb(&Stub::CounselOutHousehold, counsel, &out).ok());

  grpc::ClientContext c1;
  Authorize(c1, {Role::kManager});
  pb::AdopterFunnel funnel;
  ASSERT_TRUE(stub_->ReportAdopterFunnel(&c1, ForYear<pb::ReportAdopterFunnelRequest>(2025), &funnel).ok());
  EXPECT_EQ(funnel.enquiries(), 3);
  EXPECT_EQ(funnel.registrations_of_interest(), 2);
  EXPECT_EQ(funnel.stage_one_started(), 2);
  EXPECT_EQ(funnel.approvals(), 0);
  EXPECT_EQ(funnel.period().last_day().year(), 2026);

  grpc::ClientContext c2;
  Authorize(c2, {Role::kRecruitmentWorker});
  pb::ReportHouseholdStagesRequest stages_at;
  platform::testing::SetDate(stages_at.mutable_at(), 2025, 6, 30);
  pb::HouseholdStages stages;
  ASSERT_TRUE(stub_->ReportHouseholdStages(&c2, stages_at, &stages).ok());
  ASSERT_EQ(stages.stages_size(), 14);
  std::map<std::string, int> by_stage;
  for (const auto& row : stages.stages()) by_stage[pb::HouseholdStage_Name(row.stage())] = row.households();
  EXPECT_EQ(by_stage["HOUSEHOLD_STAGE_ENQUIRY"], 1);
  EXPECT_EQ(by_stage["HOUSEHOLD_STAGE_STAGE_ONE"], 1);
  EXPECT_EQ(by_stage["HOUSEHOLD_STAGE_EXITED"], 1);

  grpc::ClientContext c3;
  Authorize(c3, {Role::kManager});
  auto cohort_request = ForYear<pb::ReportRoiCohortRequest>(2025);
  platform::testing::SetDate(cohort_request.mutable_at(), 2025, 12, 1);
  cohort_request.mutable_precision()->set_places(adoption::type::v1::REPORT_PLACES_WHOLE);
  pb::RoiCohort cohort;
  ASSERT_TRUE(stub_->ReportRoiCohort(&c3, cohort_request, &cohort).ok());
  EXPECT_EQ(cohort.households(), 2);
  EXPECT_EQ(cohort.exited().count(), 1);
  EXPECT_EQ(cohort.exited().percent().value(), 50);
  EXPECT_EQ(cohort.stage_one().count(), 1);
  EXPECT_EQ(cohort.approved().count(), 0);
  EXPECT_TRUE(cohort.approved().has_percent());  // 0 of 2 is 0%, not no figure

  grpc::ClientContext c4;
  Authorize(c4, {Role::kManager});
  pb::Withdrawals withdrawals;
  ASSERT_TRUE(stub_->ReportWithdrawals(&c4, ForYear<pb::ReportWithdrawalsRequest>(2025), &withdrawals).ok());
  EXPECT_EQ(withdrawals.total(), 1);
  EXPECT_EQ(withdrawals.counselled_out(), 1);
  ASSERT_EQ(withdrawals.by_reason_size(), 1);
  EXPECT_EQ(withdrawals.by_reason(0).reason(), "REFEREE_CONCERNS");
  EXPECT_EQ(withdrawals.by_reason(0).exit(), pb::JOURNEY_EVENT_COUNSELLED_OUT);

  grpc::ClientContext c5;
  Authorize(c5, {Role::kManager});
  pb::AssessmentTimeliness timeliness;
  ASSERT_TRUE(
      stub_->ReportAssessmentTimeliness(&c5, ForYear<pb::ReportAssessmentTimelinessRequest>(2025), &timeliness).ok());
  EXPECT_EQ(timeliness.approvals(), 0);
  EXPECT_FALSE(timeliness.has_mean_roi_to_approval_days());  // no cohort, no mean
  EXPECT_FALSE(timeliness.approved_within_target().has_percent());

  grpc::ClientContext c9;
  Authorize(c9, {Role::kManager});
  auto waits_request = ForYear<pb::ReportMatchWaitsRequest>(2025);
  waits_request.set_months(25);
  pb::MatchWaits waits;
  EXPECT_EQ(ViolatedFields(stub_->ReportMatchWaits(&c9, waits_request, &waits)), std::vector<std::string>{"months"});
  grpc::ClientContext c10;
  Authorize(c10, {Role::kManager});
  waits_request.set_months(0);
  ASSERT_TRUE(stub_->ReportMatchWaits(&c10, waits_request, &waits).ok());
  EXPECT_EQ(waits.months(), 3);
  EXPECT_EQ(waits.matched(), 0);

  // A missing period, and a period that ends before it starts, name their fields.
  const long long audits = Rows("audit_log");
  grpc::ClientContext c6;
  Authorize(c6, {Role::kManager});
  pb::Approvals approvals;
  grpc::Status s = stub_->ReportApprovals(&c6, pb::ReportApprovalsRequest(), &approvals);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"period"});
  auto backwards = ForYear<pb::ReportApprovalsRequest>(2025);
  platform::testing::SetDate(backwards.mutable_period()->mutable_last_day(), 2025, 3, 31);
  grpc::ClientContext c7;
  Authorize(c7, {Role::kManager});
  s = stub_->ReportApprovals(&c7, backwards, &approvals);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"period.last_day"});
  pb::ReportHouseholdStagesRequest no_day;
  grpc::ClientContext c8;
  Authorize(c8, {Role::kManager});
  EXPECT_EQ(ViolatedFields(stub_->ReportHouseholdStages(&c8, no_day, &stages)), std::vector<std::string>{"at"});
  EXPECT_EQ(Rows("audit_log"), audits);  // bad input is refused before the report runs
}

// --- importing history ---------------------------------------------------------

pb::ImportHouseholdRequest ImportOf(const std::string& source_id,
                                    std::vector<std::tuple<pb::JourneyEvent, int, int, int, std::string>> steps) {
  pb::ImportHouseholdRequest r;
  r.set_source_id(source_id);
  *r.mutable_household() = ValidCreate("unused").household();
  r.mutable_household()->mutable_applicants(0)->mutable_person()->clear_given_name();  // extracts carry no names
  r.mutable_household()->mutable_applicants(0)->mutable_person()->clear_family_name();
  for (const auto& [event, year, month, day, reason] : steps) {
    pb::JourneyStep* step = r.add_steps();
    step->set_event(event);
    platform::testing::SetDate(step->mutable_effective_date(), year, month, day);
    step->set_reason(reason);
  }
  return r;
}

TEST_P(JourneyApiTest, AnImportedHistoryIsRecordedOnceExtendedByItsLaterStepsAndNeverRewritten) {
  auto import = [&](const pb::ImportHouseholdRequest& r, pb::ImportHouseholdResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ImportHousehold(&ctx, r, out);
  };
  const auto first = ImportOf("OLD-1", {{pb::JOURNEY_EVENT_ROI_RECEIVED, 2025, 5, 1, ""},
                                        {pb::JOURNEY_EVENT_ROI_ACCEPTED, 2025, 5, 1, ""},
                                        {pb::JOURNEY_EVENT_STAGE_ONE_STARTED, 2025, 5, 1, ""},
                                        {pb::JOURNEY_EVENT_STAGE_ONE_COMPLETED, 2025, 7, 1, ""}});
  pb::ImportHouseholdResponse got;
  grpc::Status s = import(first, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(got.outcome(), pb::IMPORT_OUTCOME_CREATED);
  EXPECT_EQ(got.household().status(), pb::HOUSEHOLD_STATUS_STAGE_ONE_COMPLETED);  // no checks: the old system held them
  EXPECT_EQ(got.household().journey(3).recorded_by(), "worker-1");  // the test token's subject
  EXPECT_EQ(OutboxTypes(), (std::vector<std::string>{"HouseholdRegistered", "HouseholdStatusChanged",
                                                     "HouseholdStatusChanged", "HouseholdStatusChanged"}));

  ASSERT_TRUE(import(first, &got).ok());
  EXPECT_EQ(got.outcome(), pb::IMPORT_OUTCOME_UNCHANGED);
  EXPECT_EQ(Rows("households"), 1);
  EXPECT_EQ(Rows("household_journey"), 4);
  EXPECT_EQ(Rows("household_history"), 0);
  EXPECT_EQ(Rows("outbox"), 4);

  auto longer = first;
  pb::JourneyStep* notice = longer.add_steps();
  notice->set_event(pb::JOURNEY_EVENT_STAGE_TWO_STARTED);
  platform::testing::SetDate(notice->mutable_effective_date(), 2025, 7, 14);
  ASSERT_TRUE(import(longer, &got).ok());
  EXPECT_EQ(got.outcome(), pb::IMPORT_OUTCOME_EXTENDED);
  EXPECT_EQ(got.household().status(), pb::HOUSEHOLD_STATUS_STAGE_TWO);
  EXPECT_EQ(Rows("household_journey"), 5);

  // A history that differs from what is stored, or that carries another context's
  // step, is refused and writes nothing.
  auto moved = longer;
  platform::testing::SetDate(moved.mutable_steps(0)->mutable_effective_date(), 2025, 4, 30);
  s = import(moved, &got);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"IMPORT steps[0]"});
  auto approved = longer;
  approved.mutable_steps(4)->set_event(pb::JOURNEY_EVENT_APPROVED);
  s = import(approved, &got);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"steps[4].event"});
  EXPECT_EQ(Rows("household_journey"), 5);
  EXPECT_EQ(Rows("outbox"), 5);
}

TEST_P(JourneyApiTest, ABadImportNamesEveryFieldAndWritesNothing) {
  auto bad = ImportOf("", {{pb::JOURNEY_EVENT_UNSPECIFIED, 2025, 2, 30, ""},
                           {pb::JOURNEY_EVENT_COUNSELLED_OUT, 2025, 6, 1, "did not like them"}});
  bad.mutable_household()->set_home_local_authority("Bromley");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::ImportHouseholdResponse got;
  grpc::Status s = stub_->ImportHousehold(&ctx, bad, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"source_id", "household.home_local_authority",
                                                         "steps[0].event", "steps[0].effective_date"}));
  // A well-formed history the journey does not allow: refused naming the step.
  auto unordered = ImportOf("OLD-2", {{pb::JOURNEY_EVENT_STAGE_ONE_STARTED, 2025, 6, 1, ""}});
  grpc::ClientContext ctx2;
  Authorize(ctx2, {Role::kManager});
  s = stub_->ImportHousehold(&ctx2, unordered, &got);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"STATE status"});
  EXPECT_NE(s.error_message().find("steps[0] (STAGE_ONE_STARTED on 2025-06-01)"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(Rows("households"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(RecruitmentEnums, EachDomainValueIsTheContractValueOfItsName) {
  using S = HouseholdStatus;
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::HouseholdStatus_descriptor(),
                {S::kEnquiry, S::kInfoSessionBooked, S::kInfoSessionAttended, S::kInitialVisit, S::kRoiReceived,
                 S::kStageOne, S::kBreak, S::kStageTwo, S::kAwaitingPanel, S::kApproved, S::kLinked, S::kMatched,
                 S::kChildPlaced, S::kAdoptionOrder, S::kWithdrawn, S::kCounselledOut, S::kNotApproved,
                 S::kApprovalTerminated, S::kStageOneCompleted, S::kRoiDeclined},
                StatusName),
            std::vector<std::string>{});
  using F = FamilyStructure;
  EXPECT_EQ(platform::testing::EnumMismatches(pb::FamilyStructure_descriptor(),
                                              {F::kCoupleDifferentSex, F::kCoupleSameSex, F::kSingle}, StructureName),
            std::vector<std::string>{});
  using R = Route;
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::AdoptionRoute_descriptor(),
                {R::kStandard, R::kFastTrack, R::kKnownChild, R::kNonAgency, R::kIntercountry}, RouteName),
            std::vector<std::string>{});
  using E = JourneyEvent;
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::JourneyEvent_descriptor(),
                {E::kInfoSessionBooked, E::kInfoSessionAttended, E::kInitialVisit, E::kRoiReceived, E::kRoiAccepted,
                 E::kRoiDeclined, E::kStageOneStarted, E::kStageOneCompleted, E::kBreakStarted, E::kStageTwoStarted,
                 E::kReferredToPanel, E::kApproved, E::kNotApproved, E::kLinked, E::kMatched, E::kChildPlaced,
                 E::kAdoptionOrder, E::kWithdrawn, E::kCounselledOut, E::kApprovalTerminated, E::kUnlinked,
                 E::kApprovalReviewed},
                EventName),
            std::vector<std::string>{});
  EXPECT_EQ(platform::testing::EnumMismatches(pb::JourneyClockKind_descriptor(),
                                              {ClockKind::kRoiDecision, ClockKind::kStageOne, ClockKind::kBreak,
                                               ClockKind::kStageTwo, ClockKind::kRoiToApproval},
                                              ClockKindName),
            std::vector<std::string>{});
  EXPECT_EQ(platform::testing::EnumMismatches(pb::JourneyClockState_descriptor(),
                                              {ClockState::kRunning, ClockState::kOverdue, ClockState::kMet,
                                               ClockState::kMissed, ClockState::kStopped},
                                              ClockStateName),
            std::vector<std::string>{});
  EXPECT_EQ(platform::testing::EnumMismatches(pb::SessionMode_descriptor(),
                                              {SessionMode::kInPerson, SessionMode::kOnline}, SessionModeName),
            std::vector<std::string>{});
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::HouseholdStage_descriptor(),
                {Stage::kEnquiry, Stage::kRegistered, Stage::kStageOne, Stage::kBetweenStages, Stage::kOnBreak,
                 Stage::kStageTwo, Stage::kApproved, Stage::kMatched, Stage::kPlaced, Stage::kAdopted, Stage::kExited,
                 Stage::kRoiDeclined, Stage::kNotApproved, Stage::kApprovalTerminated},
                StageName),
            std::vector<std::string>{});
  using C = CounsellingOutReason;
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::CounsellingOutReason_descriptor(),
                {C::kRefereeConcerns, C::kFamilyCircumstances, C::kUnderstandingOfNeeds, C::kRelationshipStability,
                 C::kFinancialOpenness, C::kLongerTermNeeds, C::kOther},
                CounsellingOutReasonName),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace recruitment
