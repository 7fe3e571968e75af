// The API in-process over a real gRPC port, on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "platform/server/log.h"
#include "platform/testing/testing.h"
#include "support-svc/api/support_api.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::support::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::ViolatedFields;

constexpr char kSummary[] = "Adoptive mum: school exclusion, asks for DDP therapy";

pb::CreateSupportRequestRequest ValidCreate(const std::string& request_id) {
  pb::CreateSupportRequestRequest r;
  r.set_request_id(request_id);
  auto* s = r.mutable_support_request();
  s->set_requester_kind(pb::REQUESTER_KIND_ADOPTIVE_FAMILY);
  s->mutable_requester()->set_given_name("Morgan");
  s->mutable_requester()->set_family_name("Achebe");
  s->set_channel(pb::CHANNEL_HELPLINE);
  // The Friday before Easter 2025.
  s->mutable_received_date()->set_year(2025);
  s->mutable_received_date()->set_month(4);
  s->mutable_received_date()->set_day(11);
  s->set_summary(kSummary);
  s->set_local_authority("E09000006");
  return r;
}

class SupportApiTest : public platform::testing::ApiTest<pb::SupportService> {
 protected:
  SupportApiTest() : ApiTest("support", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    return std::make_unique<SupportApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                        &platform::StatutoryTable::Defaults(),
                                        &platform::WorkingDayCalendar::EnglandAndWales(), &store_);
  }

  grpc::Status Create(const pb::CreateSupportRequestRequest& r, pb::SupportRequest* out,
                      std::vector<Role> roles = {Role::kSupportWorker}) {
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreateSupportRequest(&ctx, r, out);
  }
  grpc::Status Update(const pb::UpdateSupportRequestRequest& r, pb::SupportRequest* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    return stub_->UpdateSupportRequest(&ctx, r, out);
  }
  grpc::Status List(const pb::ListSupportRequestsRequest& r, pb::ListSupportRequestsResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ListSupportRequests(&ctx, r, out);
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  SupportRequestStore store_;
};

TEST_P(SupportApiTest, ACreatedSupportRequestCanBeReadBack) {
  auto r = ValidCreate("r-1");
  r.mutable_support_request()->set_triage(pb::TRIAGE_SUPPORT_CALL);
  pb::SupportRequest created;
  ASSERT_TRUE(Create(r, &created).ok());
  EXPECT_EQ(created.status(), pb::SUPPORT_REQUEST_STATUS_IN_PROGRESS);
  // Five working days after Friday 11 April 2025, without Good Friday and Easter Monday.
  EXPECT_EQ(created.support_call_due_date().month(), 4);
  EXPECT_EQ(created.support_call_due_date().day(), 22);
  EXPECT_EQ(created.etag(), "1");
  EXPECT_EQ(created.record_info().created_by(), "worker-1");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetSupportRequestRequest get;
  get.set_name(created.name());
  pb::SupportRequest got;
  ASSERT_TRUE(stub_->GetSupportRequest(&ctx, get, &got).ok());
  EXPECT_EQ(got.summary(), kSummary);
  EXPECT_EQ(got.requester().family_name(), "Achebe");
  EXPECT_EQ(got.received_date().day(), 11);
  EXPECT_EQ(got.triage(), pb::TRIAGE_SUPPORT_CALL);
  // Create and read are both audited; the create wrote one event.
  EXPECT_EQ(Rows("audit_log"), 2);
  EXPECT_EQ(Rows("outbox"), 1);
}

TEST_P(SupportApiTest, AStoredChannelNotInTheTableIsDataLossNotADefault) {
  pb::SupportRequest created;
  ASSERT_TRUE(Create(ValidCreate("r-corrupt"), &created).ok());
  ASSERT_TRUE(host_->db()
                  .Transaction([](soci::session& tx) {
                    tx << "UPDATE support_requests SET channel = 'CARRIER_PIGEON'";
                    return absl::OkStatus();
                  })
                  .ok());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetSupportRequestRequest get;
  get.set_name(created.name());
  pb::SupportRequest got;
  grpc::Status status = stub_->GetSupportRequest(&ctx, get, &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS) << status.error_message();
  EXPECT_EQ(status.error_message().find("CARRIER_PIGEON"), std::string::npos);
}

TEST_P(SupportApiTest, TheEventAndTheLogsCarryNoSummaryOrName) {
  platform::log::SetMinLevel("debug");
  ::testing::internal::CaptureStderr();
  pb::SupportRequest created;
  grpc::Status s = Create(ValidCreate("r-1"), &created);
  auto bad = ValidCreate("r-2");
  bad.mutable_support_request()->set_local_authority("nowhere");
  pb::SupportRequest ignored;
  grpc::Status refused = Create(bad, &ignored);
  std::string logs = ::testing::internal::GetCapturedStderr();
  platform::log::SetMinLevel("warn");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(logs.find("CreateSupportRequest"), std::string::npos) << logs;  // the calls were logged
  EXPECT_EQ(logs.find("DDP"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("Achebe"), std::string::npos) << logs;
  std::string type, payload;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT type, payload FROM outbox", soci::into(type), soci::into(payload);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(type, "adoption.events.v1.SupportRequestReceived");
  EXPECT_NE(payload.find(created.name()), std::string::npos) << payload;
  EXPECT_NE(payload.find("ADOPTIVE_FAMILY"), std::string::npos) << payload;
  EXPECT_EQ(payload.find("DDP"), std::string::npos) << payload;
  EXPECT_EQ(payload.find("Achebe"), std::string::npos) << payload;
}

TEST_P(SupportApiTest, ARetriedCreateReturnsTheFirstResult) {
  pb::SupportRequest first, second;
  ASSERT_TRUE(Create(ValidCreate("same"), &first).ok());
  ASSERT_TRUE(Create(ValidCreate("same"), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.record_info().create_time().seconds(), second.record_info().create_time().seconds());
  EXPECT_EQ(Rows("support_requests"), 1);
  EXPECT_EQ(Rows("outbox"), 1);
}

TEST_P(SupportApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  auto r = ValidCreate("");
  auto* s = r.mutable_support_request();
  s->set_requester_kind(pb::REQUESTER_KIND_UNSPECIFIED);
  s->set_channel(pb::CHANNEL_UNSPECIFIED);
  s->mutable_received_date()->set_month(2);
  s->mutable_received_date()->set_day(30);
  s->set_summary("");
  s->set_local_authority("nowhere");
  s->mutable_requester()->mutable_date_of_birth()->set_year(2990);
  s->mutable_requester()->mutable_date_of_birth()->set_month(1);
  s->mutable_requester()->mutable_date_of_birth()->set_day(1);
  s->set_status(pb::SUPPORT_REQUEST_STATUS_CLOSED);  // without an outcome
  pb::SupportRequest out;
  grpc::Status status = Create(r, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status),
            (std::vector<std::string>{"request_id", "support_request.received_date", "support_request.requester_kind",
                                      "support_request.requester.date_of_birth", "support_request.channel",
                                      "support_request.summary", "support_request.local_authority",
                                      "support_request.outcome"}));
  EXPECT_EQ(Rows("support_requests"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
  EXPECT_EQ(Rows("create_requests"), 0);
  // A request received in the future, and a missing body.
  r = ValidCreate("future");
  r.mutable_support_request()->mutable_received_date()->set_year(2999);
  EXPECT_EQ(ViolatedFields(Create(r, &out)), std::vector<std::string>{"support_request.received_date"});
  pb::CreateSupportRequestRequest empty;
  empty.set_request_id("empty");
  std::vector<std::string> fields = ViolatedFields(Create(empty, &out));
  ASSERT_FALSE(fields.empty());
  EXPECT_EQ(fields[0], "support_request");
  EXPECT_EQ(Rows("support_requests"), 0);
}

TEST_P(SupportApiTest, NoTokenIsUnauthenticatedAndAWrongRoleIsDenied) {
  pb::SupportRequest out;
  EXPECT_EQ(Create(ValidCreate("a"), &out, {}).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create(ValidCreate("b"), &out, {Role::kAdopter}).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Create(ValidCreate("c"), &out, {Role::kBirthRelative}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer not-a-jwt");
  EXPECT_EQ(stub_->CreateSupportRequest(&ctx, ValidCreate("d"), &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Rows("support_requests"), 0);
  EXPECT_EQ(Rows("audit_log"), 4);  // refusals are audited
}

TEST_P(SupportApiTest, AMissingOrMalformedNameIsReported) {
  pb::GetSupportRequestRequest get;
  get.set_name("supportRequests/" + std::string(26, '0'));
  pb::SupportRequest out;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    EXPECT_EQ(stub_->GetSupportRequest(&ctx, get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  get.set_name("households/01");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kSupportWorker});
  grpc::Status s = stub_->GetSupportRequest(&ctx, get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"name"});
}

TEST_P(SupportApiTest, UpdateChangesOnlyMaskedFieldsAndRejectsAStaleEtag) {
  pb::SupportRequest r;
  ASSERT_TRUE(Create(ValidCreate("u"), &r).ok());
  EXPECT_EQ(r.status(), pb::SUPPORT_REQUEST_STATUS_OPEN);
  pb::UpdateSupportRequestRequest up;
  *up.mutable_support_request() = r;
  up.mutable_support_request()->set_triage(pb::TRIAGE_SUPPORT_CALL);
  up.mutable_support_request()->set_summary("not in the mask: ignored");
  up.mutable_update_mask()->add_paths("triage");
  pb::SupportRequest updated;
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.triage(), pb::TRIAGE_SUPPORT_CALL);
  EXPECT_EQ(updated.status(), pb::SUPPORT_REQUEST_STATUS_IN_PROGRESS);
  EXPECT_EQ(updated.support_call_due_date().day(), 22);
  EXPECT_EQ(updated.summary(), kSummary);
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(Rows("support_request_history"), 1);

  // etag 1 is stale now.
  EXPECT_EQ(Update(up, &updated).error_code(), grpc::StatusCode::ABORTED);

  // Closing needs an outcome; the violation names it and nothing is written.
  up.mutable_support_request()->set_etag("2");
  up.mutable_support_request()->set_status(pb::SUPPORT_REQUEST_STATUS_CLOSED);
  up.mutable_update_mask()->set_paths(0, "status");
  grpc::Status s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"support_request.outcome"});
  up.mutable_support_request()->set_outcome("Call held; referred for an assessment of need");
  up.mutable_update_mask()->add_paths("outcome");
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.status(), pb::SUPPORT_REQUEST_STATUS_CLOSED);
  EXPECT_NE(updated.closed_date().year(), 0);

  // A closed request cannot go back to OPEN.
  up.mutable_support_request()->set_etag("3");
  up.mutable_support_request()->set_status(pb::SUPPORT_REQUEST_STATUS_OPEN);
  up.mutable_support_request()->set_triage(pb::TRIAGE_UNSPECIFIED);
  up.mutable_update_mask()->Clear();
  up.mutable_update_mask()->add_paths("status");
  up.mutable_update_mask()->add_paths("triage");
  EXPECT_EQ(Update(up, &updated).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Unknown paths in the mask are refused.
  up.mutable_update_mask()->set_paths(0, "support_call_due_date");
  s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"update_mask"});
  EXPECT_EQ(Rows("support_request_history"), 2);
}

TEST_P(SupportApiTest, AShapeErrorCountsOnlyWhenItsFieldIsMasked) {
  pb::SupportRequest r;
  ASSERT_TRUE(Create(ValidCreate("m"), &r).ok());
  pb::UpdateSupportRequestRequest up;
  *up.mutable_support_request() = r;
  up.mutable_support_request()->mutable_requester()->mutable_date_of_birth()->set_month(13);
  up.mutable_support_request()->set_requester_kind(pb::REQUESTER_KIND_ADOPTED_ADULT);
  up.mutable_update_mask()->add_paths("requester_kind");
  pb::SupportRequest updated;
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.requester_kind(), pb::REQUESTER_KIND_ADOPTED_ADULT);
  up.mutable_support_request()->set_etag("2");
  up.mutable_update_mask()->add_paths("requester");
  grpc::Status s = Update(up, &updated);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"support_request.requester.date_of_birth"});
}

TEST_P(SupportApiTest, ListPagesByDateReceivedAndFilters) {
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    pb::SupportRequest out;
    auto r = ValidCreate("l" + std::to_string(i));
    r.mutable_support_request()->mutable_received_date()->set_day(12 - i);  // newest recorded first
    if (i == 2) {
      r.mutable_support_request()->set_local_authority("E08000018");
      r.mutable_support_request()->set_triage(pb::TRIAGE_SUPPORT_CALL);
    }
    ASSERT_TRUE(Create(r, &out).ok());
    names.push_back(out.name());
  }
  pb::ListSupportRequestsRequest list;
  list.set_page_size(2);
  pb::ListSupportRequestsResponse page;
  ASSERT_TRUE(List(list, &page).ok());
  ASSERT_EQ(page.support_requests_size(), 2);
  EXPECT_EQ(page.support_requests(0).name(), names[2]);  // received 10 April
  EXPECT_EQ(page.support_requests(1).name(), names[1]);
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(List(list, &page).ok());
  ASSERT_EQ(page.support_requests_size(), 1);
  EXPECT_EQ(page.support_requests(0).name(), names[0]);
  EXPECT_TRUE(page.next_page_token().empty());

  pb::ListSupportRequestsRequest filtered;
  filtered.set_filter(
      "local_authority = \"E08000018\" AND triage = TRIAGE_SUPPORT_CALL AND "
      "status = \"SUPPORT_REQUEST_STATUS_IN_PROGRESS\" AND requester_kind = REQUESTER_KIND_ADOPTIVE_FAMILY AND "
      "channel = CHANNEL_HELPLINE");
  ASSERT_TRUE(List(filtered, &page).ok());
  ASSERT_EQ(page.support_requests_size(), 1);
  EXPECT_EQ(page.support_requests(0).name(), names[2]);
  filtered.set_filter("status = SUPPORT_REQUEST_STATUS_CLOSED");
  ASSERT_TRUE(List(filtered, &page).ok());
  EXPECT_EQ(page.support_requests_size(), 0);

  filtered.set_filter("summary = \"x\"");
  grpc::Status s = List(filtered, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"filter"});
  filtered.set_filter("triage = SUPPORT_CALL");
  EXPECT_EQ(List(filtered, &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Every RPC of the service x every role: allowed exactly when the policy says so;
// the RPCs declared for later issues answer UNIMPLEMENTED.
TEST_P(SupportApiTest, EveryRpcAndRoleFollowsThePolicyTable) {
  EXPECT_EQ(platform::testing::PolicyMismatches(host_->port(), "adoption.support.v1.SupportService", Policies()),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("support_requests"), 0);
}

// A request whose authority is not known yet is every support worker's until one is
// recorded; then only that authority's workers reach it.
TEST_P(SupportApiTest, ARequestAwaitingItsAuthorityIsReachedByEveryWorkerUntilItHasOne) {
  auto r = ValidCreate("unknown-la");
  r.mutable_support_request()->clear_local_authority();
  pb::SupportRequest created;
  platform::TokenRequest bromley{.subject = "sw-b", .roles = {Role::kSupportWorker}, .local_authorities = {"E09000006"}};
  platform::TokenRequest rotherham{.subject = "sw-r", .roles = {Role::kSupportWorker},
                                   .local_authorities = {"E08000018"}};
  {
    grpc::ClientContext ctx;
    Authorize(ctx, bromley);
    ASSERT_TRUE(stub_->CreateSupportRequest(&ctx, r, &created).ok());
  }
  auto get = [&](const platform::TokenRequest& who) {
    grpc::ClientContext ctx;
    Authorize(ctx, who);
    pb::GetSupportRequestRequest g;
    g.set_name(created.name());
    pb::SupportRequest out;
    return stub_->GetSupportRequest(&ctx, g, &out).error_code();
  };
  EXPECT_EQ(get(rotherham), grpc::StatusCode::OK);
  {
    grpc::ClientContext ctx;
    Authorize(ctx, rotherham);
    pb::ListSupportRequestsResponse page;
    ASSERT_TRUE(stub_->ListSupportRequests(&ctx, pb::ListSupportRequestsRequest(), &page).ok());
    EXPECT_EQ(page.support_requests_size(), 1);
  }
  pb::UpdateSupportRequestRequest up;
  *up.mutable_support_request() = created;
  up.mutable_support_request()->set_local_authority("E09000006");
  up.mutable_update_mask()->add_paths("local_authority");
  pb::SupportRequest updated;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, bromley);
    ASSERT_TRUE(stub_->UpdateSupportRequest(&ctx, up, &updated).ok());
  }
  EXPECT_EQ(get(rotherham), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(get(bromley), grpc::StatusCode::OK);
}

// The scope axis: each granted role in and out of the fixture request's authority.
TEST_P(SupportApiTest, EveryGrantReachesOnlyWhatItsClaimCovers) {
  pb::SupportRequest fixture;
  ASSERT_TRUE(Create(ValidCreate("fixture"), &fixture).ok());
  int creates = 0;
  using Kind = platform::testing::ScopeCase::Kind;
  std::map<std::string, platform::testing::ScopeCase> cases = {
      {"CreateSupportRequest",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateSupportRequestRequest>(ValidCreate("scope-" + std::to_string(++creates)));
        }}},
      {"GetSupportRequest",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetSupportRequestRequest>();
          r->set_name(fixture.name());
          return r;
        }}},
      {"ListSupportRequests", {Kind::kList, [] { return std::make_unique<pb::ListSupportRequestsRequest>(); }}},
      {"UpdateSupportRequest",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::UpdateSupportRequestRequest>();
          *r->mutable_support_request() = fixture;
          r->mutable_support_request()->set_outcome("Signposted to the local support group.");
          r->mutable_update_mask()->add_paths("outcome");
          return r;
        }}},
  };
  EXPECT_EQ(platform::testing::ScopeMismatches(host_->port(), "adoption.support.v1.SupportService", Policies(),
                                               {.local_authorities = {"E09000006"}}, cases),
            std::vector<std::string>{});
}

// Dates are judged on the clock's day: pinned to 10 April 2025, a request received
// on the 11th is in the future; one closed on the 14th is closed that day.
TEST_P(SupportApiTest, DatesAreJudgedOnTheClocksDay) {
  clock_.Set(platform::Date(2025, 4, 10));
  pb::SupportRequest r;
  grpc::Status s = Create(ValidCreate("pinned"), &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"support_request.received_date"});
  clock_.Set(platform::Date(2025, 4, 14));
  ASSERT_TRUE(Create(ValidCreate("pinned"), &r).ok());
  pb::UpdateSupportRequestRequest up;
  *up.mutable_support_request() = r;
  up.mutable_support_request()->set_status(pb::SUPPORT_REQUEST_STATUS_CLOSED);
  up.mutable_support_request()->set_outcome("Signposted to a local support group");
  up.mutable_update_mask()->add_paths("status");
  up.mutable_update_mask()->add_paths("outcome");
  pb::SupportRequest closed;
  ASSERT_TRUE(Update(up, &closed).ok());
  EXPECT_EQ(closed.closed_date().year(), 2025);
  EXPECT_EQ(closed.closed_date().month(), 4);
  EXPECT_EQ(closed.closed_date().day(), 14);
}

INSTANTIATE_TEST_SUITE_P(Backends, SupportApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each domain value is the contract value of its name: the number mapping
// (domain = contract - 1) is proved, not assumed.
TEST(SupportRequestMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  using K = RequesterKind;
  EXPECT_EQ(EnumMismatches(pb::RequesterKind_descriptor(),
                           {K::kAdoptiveFamily, K::kAdoptedAdult, K::kBirthRelative, K::kSpecialGuardian, K::kOther},
                           RequesterKindName),
            none);
  using C = Channel;
  EXPECT_EQ(EnumMismatches(pb::Channel_descriptor(), {C::kHelpline, C::kEmail, C::kDuty, C::kReferral, C::kWeb},
                           ChannelName),
            none);
  using T = Triage;
  EXPECT_EQ(EnumMismatches(pb::Triage_descriptor(),
                           {T::kInformationAdvice, T::kSignposting, T::kSupportCall, T::kAssessmentOfNeed}, TriageName),
            none);
  using S = SupportRequestStatus;
  EXPECT_EQ(EnumMismatches(pb::SupportRequestStatus_descriptor(), {S::kOpen, S::kInProgress, S::kClosed}, StatusName),
            none);
}

}  // namespace
}  // namespace support
