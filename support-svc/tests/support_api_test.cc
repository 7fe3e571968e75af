// The API in-process over a real gRPC port, on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "platform/core/status_macros.h"
#include "platform/server/log.h"
#include "platform/testing/testing.h"
#include "adoption/events/v1/event_log.pb.h"
#include "adoption/events/v1/events.pb.h"
#include "support-svc/api/family_events.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace {

namespace pb = adoption::support::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::ViolatedFields;

using namespace support::testing;  // NOLINT: the fixture and its requests

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

// The operators' gauges, read from the database: a support call past its due day, and
// the fund's limits in force on the clock's day beside this year's (empty) spend.
TEST_P(SupportApiTest, TheGaugesShowACallPastItsDueDayAndTheLimitsInForce) {
  platform::DatabaseGauges gauges(&host_->db(), &host_->metrics().registry(), std::chrono::seconds(60));
  AsfApplicationStore asf;
  FeedbackStore feedback;
  AddGauges(gauges, &store_, &asf, &feedback, &platform::StatutoryTable::Defaults(), &clock_);
  auto value = [&](const std::string& name, std::map<std::string, std::string> labels = {}) {
    return platform::testing::MetricValue(host_->metrics().registry(), name, labels);
  };
  auto r = ValidCreate("g-1");
  r.mutable_support_request()->set_triage(pb::TRIAGE_SUPPORT_CALL);
  pb::SupportRequest created;
  ASSERT_TRUE(Create(r, &created).ok());  // received Friday 11 April 2025, call due on the 22nd
  clock_.Set(platform::Date(2025, 4, 22));
  gauges.Refresh();
  EXPECT_EQ(value("support_calls_overdue"), 0);
  clock_.Set(platform::Date(2025, 4, 23));
  gauges.Refresh();
  EXPECT_EQ(value("support_calls_overdue"), 1);
  EXPECT_EQ(value("support_asf_decisions_overdue"), 0);
  EXPECT_EQ(value("support_complaints_overdue"), 0);
  EXPECT_EQ(value("support_asf_spend_pence", {{"part", "fund"}}), 0);
  EXPECT_EQ(value("support_asf_children_funded"), 0);
  // From April 2025 one limit of £3,000 for therapy and assessment together.
  EXPECT_EQ(value("support_asf_limit_pence", {{"limit", "total"}}), 300000);
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
  EXPECT_EQ(Create(ValidCreate("b"), &out, {Role::kFamilyFinder}).error_code(), grpc::StatusCode::PERMISSION_DENIED);
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
  ASSERT_TRUE(Create(FamilyCreate("fixture"), &fixture).ok());
  // An application of the same authority, for a year whose rules are in force today.
  pb::CreateAsfApplicationRequest asf_create = AsfCreate("fixture-asf", 100);
  asf_create.mutable_asf_application()->set_financial_year(platform::FinancialYear::Of(platform::Today()).Label());
  pb::AsfApplication asf;
  ASSERT_TRUE(CreateAsf(asf_create, &asf).ok());
  // An assessment of the same authority, waiting.
  pb::AssessmentOfNeed assessment;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    ASSERT_TRUE(
        stub_->CreateAssessmentOfNeed(&ctx, AssessmentCreate("fixture-aon", platform::Today()), &assessment).ok());
  }
  auto today = [] { return platform::DateToProto(platform::Today()); };
  // An allowance of the same authority, active.
  pb::AdoptionAllowance allowance;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    ASSERT_TRUE(stub_->CreateAdoptionAllowance(&ctx, AllowanceCreate("fixture-aa", platform::Today()), &allowance).ok());
  }
  // A records access request of the same authority.
  pb::RecordsAccessRequest records;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    ASSERT_TRUE(stub_->CreateRecordsAccessRequest(&ctx, RecordsCreate("fixture-ra", platform::Today()), &records).ok());
  }
  auto records_verb = [&](auto r) {
    r->set_name(records.name());
    r->set_etag("1");
    return r;
  };
  // A complaint of the same authority, open.
  pb::Feedback complaint;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    ASSERT_TRUE(stub_->CreateFeedback(&ctx, FeedbackCreate("fixture-fb", platform::Today()), &complaint).ok());
  }
  auto feedback_verb = [&](auto r) {
    r->set_name(complaint.name());
    r->set_etag("1");
    return r;
  };
  // An adoptive family of the same authority, as family finding's log tells of it.
  {
    adoption::events::v1::ChildPlaced placed;
    placed.set_child("children/01j00000000000000000000c77");
    placed.set_household("households/01j00000000000000000000h77");
    *placed.mutable_placed_date() = today();
    *placed.mutable_moved_in_date() = today();
    placed.set_local_authority("E09000006");
    adoption::events::v1::EventRecord record;
    record.set_sequence(1);
    record.set_event_id("scope-family");
    record.mutable_payload()->PackFrom(placed);
    AdoptiveFamilyStore families;
    DisruptionReviewStore reviews;
    auto handlers = FamilyFindingEventHandlers(&families, &reviews, &platform::StatutoryTable::Defaults(), &clock_);
    ASSERT_TRUE(host_->db()
                    .Transaction([&](soci::session& tx) {
                      return handlers.at(placed.GetDescriptor()->full_name())(tx, record);
                    })
                    .ok());
    // A second child of the household placed and disrupted: its review is due.
    placed.set_child("children/01j00000000000000000000c78");
    record.set_sequence(2);
    record.set_event_id("scope-family-2");
    record.mutable_payload()->PackFrom(placed);
    adoption::events::v1::PlacementDisrupted disrupted;
    disrupted.set_child(placed.child());
    disrupted.set_household(placed.household());
    *disrupted.mutable_disruption_date() = today();
    adoption::events::v1::EventRecord ended;
    ended.set_sequence(3);
    ended.set_event_id("scope-family-3");
    ended.mutable_payload()->PackFrom(disrupted);
    ASSERT_TRUE(host_->db()
                    .Transaction([&](soci::session& tx) -> absl::Status {
                      RETURN_IF_ERROR(handlers.at(placed.GetDescriptor()->full_name())(tx, record));
                      return handlers.at(disrupted.GetDescriptor()->full_name())(tx, ended);
                    })
                    .ok());
  }
  std::string review_name;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::ListDisruptionReviewsResponse page;
    ASSERT_TRUE(stub_->ListDisruptionReviews(&ctx, pb::ListDisruptionReviewsRequest(), &page).ok());
    ASSERT_EQ(page.disruption_reviews_size(), 1);
    review_name = page.disruption_reviews(0).name();
  }
  std::string family_name;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::ListAdoptiveFamiliesResponse page;
    ASSERT_TRUE(stub_->ListAdoptiveFamilies(&ctx, pb::ListAdoptiveFamiliesRequest(), &page).ok());
    ASSERT_EQ(page.adoptive_families_size(), 2);
    family_name = page.adoptive_families(0).name();
  }
  auto allowance_verb = [&](auto r) {
    r->set_name(allowance.name());
    r->set_etag("1");
    return r;
  };
  int creates = 0;
  using Kind = platform::testing::ScopeCase::Kind;
  std::map<std::string, platform::testing::ScopeCase> cases = {
      {"CreateSupportRequest",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateSupportRequestRequest>(FamilyCreate("scope-" + std::to_string(++creates)));
        }}},
      {"GetSupportRequest",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetSupportRequestRequest>();
          r->set_name(fixture.name());
          return r;
        }}},
      {"ListSupportRequests", {Kind::kList, [] { return std::make_unique<pb::ListSupportRequestsRequest>(); }}},
      {"CreateAsfApplication",
       {Kind::kCreate,
        [&] {
          const int n = ++creates;
          return std::make_unique<pb::CreateAsfApplicationRequest>(AsfCreate(
              "scope-asf-" + std::to_string(n), 100, pb::ASF_SERVICE_TYPE_THERAPLAY, "C-" + std::to_string(5000 + n)));
        }}},
      {"GetAsfApplication",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetAsfApplicationRequest>();
          r->set_name(asf.name());
          return r;
        }}},
      {"ListAsfApplications", {Kind::kList, [] { return std::make_unique<pb::ListAsfApplicationsRequest>(); }}},
      {"ReportAsfFunding",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportAsfFundingRequest>();
          *r->mutable_period()->mutable_first_day() = platform::DateToProto(platform::Date(2025, 4, 1));
          *r->mutable_period()->mutable_last_day() = platform::DateToProto(platform::Date(2026, 3, 31));
          return r;
        }}},
      {"SubmitAsfApplication",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::SubmitAsfApplicationRequest>();
          r->set_name(asf.name());
          r->set_etag(asf.etag());
          *r->mutable_submitted_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"ApproveAsfApplication",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::ApproveAsfApplicationRequest>();
          r->set_name(asf.name());
          r->set_etag("1");
          *r->mutable_decision_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"DeclineAsfApplication",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::DeclineAsfApplicationRequest>();
          r->set_name(asf.name());
          r->set_etag("1");
          *r->mutable_decision_date() = platform::DateToProto(platform::Today());
          r->set_reason("Out of scope");
          return r;
        }}},
      {"StartAsfDelivery",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::StartAsfDeliveryRequest>();
          r->set_name(asf.name());
          r->set_etag("1");
          *r->mutable_start_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"CompleteAsfApplication",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::CompleteAsfApplicationRequest>();
          r->set_name(asf.name());
          r->set_etag("1");
          *r->mutable_completed_date() = platform::DateToProto(platform::Today());
          return r;
        }}},
      {"CreateAssessmentOfNeed",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateAssessmentOfNeedRequest>(
              AssessmentCreate("scope-aon-" + std::to_string(++creates), platform::Today()));
        }}},
      {"GetAssessmentOfNeed",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetAssessmentOfNeedRequest>();
          r->set_name(assessment.name());
          return r;
        }}},
      {"ListAssessmentsOfNeed", {Kind::kList, [] { return std::make_unique<pb::ListAssessmentsOfNeedRequest>(); }}},
      {"StartAssessmentOfNeed",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::StartAssessmentOfNeedRequest>();
          r->set_name(assessment.name());
          r->set_etag("1");
          *r->mutable_start_date() = today();
          return r;
        }}},
      {"CompleteAssessmentOfNeed",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::CompleteAssessmentOfNeedRequest>();
          r->set_name(assessment.name());
          r->set_etag("1");
          *r->mutable_completed_date() = today();
          r->set_outcome(pb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED);
          return r;
        }}},
      {"CloseAssessmentOfNeed",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::CloseAssessmentOfNeedRequest>();
          r->set_name(assessment.name());
          r->set_etag("1");
          *r->mutable_closed_date() = today();
          r->set_reason("The family moved away");
          return r;
        }}},
      {"ReviewSupportPlan",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::ReviewSupportPlanRequest>();
          r->set_name(assessment.name());
          r->set_etag("1");
          *r->mutable_reviewed_date() = today();
          *r->mutable_plan() = ValidPlan(platform::Today() + 180);
          return r;
        }}},
      {"ReportSupportActivity",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportSupportActivityRequest>();
          *r->mutable_period()->mutable_first_day() = platform::DateToProto(platform::Date(2025, 4, 1));
          *r->mutable_period()->mutable_last_day() = platform::DateToProto(platform::Date(2026, 3, 31));
          return r;
        }}},
      {"ImportSupportRequest",
       {Kind::kCreate, [&] {
          auto r = std::make_unique<pb::ImportSupportRequestRequest>();
          r->set_source_id("OLD-SR-" + std::to_string(++creates));
          *r->mutable_support_request() = ValidCreate("unused").support_request();
          return r;
        }}},
      {"ImportAssessmentOfNeed",
       {Kind::kCreate, [&] {
          auto r = std::make_unique<pb::ImportAssessmentOfNeedRequest>();
          r->set_source_id("OLD-AN-" + std::to_string(++creates));
          *r->mutable_assessment_of_need() = AssessmentCreate("unused", platform::Date(2021, 3, 1)).assessment_of_need();
          return r;
        }}},
      {"CreateAdoptionAllowance",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateAdoptionAllowanceRequest>(
              AllowanceCreate("scope-aa-" + std::to_string(++creates), platform::Today()));
        }}},
      {"GetAdoptionAllowance",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetAdoptionAllowanceRequest>();
          r->set_name(allowance.name());
          return r;
        }}},
      {"ListAdoptionAllowances",
       {Kind::kList, [] { return std::make_unique<pb::ListAdoptionAllowancesRequest>(); }}},
      {"ReviewAdoptionAllowance",
       {Kind::kRead, [&] {
          auto r = allowance_verb(std::make_unique<pb::ReviewAdoptionAllowanceRequest>());
          *r->mutable_review_date() = today();
          return r;
        }}},
      {"SuspendAdoptionAllowance",
       {Kind::kRead, [&] {
          auto r = allowance_verb(std::make_unique<pb::SuspendAdoptionAllowanceRequest>());
          *r->mutable_suspended_date() = today();
          r->set_reason("Change of circumstances");
          return r;
        }}},
      {"ResumeAdoptionAllowance",
       {Kind::kRead, [&] {
          auto r = allowance_verb(std::make_unique<pb::ResumeAdoptionAllowanceRequest>());
          *r->mutable_resumed_date() = today();
          return r;
        }}},
      {"EndAdoptionAllowance",
       {Kind::kRead, [&] {
          auto r = allowance_verb(std::make_unique<pb::EndAdoptionAllowanceRequest>());
          *r->mutable_end_date() = today();
          r->set_reason("The child turned 18");
          return r;
        }}},
      {"SetAllowanceBudget",
       {Kind::kCreate, [] {
          auto r = std::make_unique<pb::SetAllowanceBudgetRequest>();
          r->mutable_allowance_budget()->set_local_authority("E09000006");
          r->mutable_allowance_budget()->set_financial_year("2025-26");
          r->mutable_allowance_budget()->mutable_budget()->set_currency_code("GBP");
          r->mutable_allowance_budget()->mutable_budget()->set_minor_units(100000);
          return r;
        }}},
      {"ReportAllowances",
       {Kind::kFigures, [] {
          auto r = std::make_unique<pb::ReportAllowancesRequest>();
          *r->mutable_period()->mutable_first_day() = platform::DateToProto(platform::Date(2025, 4, 1));
          *r->mutable_period()->mutable_last_day() = platform::DateToProto(platform::Date(2026, 3, 31));
          return r;
        }}},
      {"CreateRecordsAccessRequest",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateRecordsAccessRequestRequest>(
              RecordsCreate("scope-ra-" + std::to_string(++creates), platform::Today()));
        }}},
      {"GetRecordsAccessRequest",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetRecordsAccessRequestRequest>();
          r->set_name(records.name());
          return r;
        }}},
      {"ListRecordsAccessRequests",
       {Kind::kList, [] { return std::make_unique<pb::ListRecordsAccessRequestsRequest>(); }}},
      {"RecordCounsellingSession",
       {Kind::kRead, [&] {
          auto r = records_verb(std::make_unique<pb::RecordCounsellingSessionRequest>());
          *r->mutable_session()->mutable_held_date() = today();
          r->mutable_session()->set_counsellor("Alex Reid");
          return r;
        }}},
      {"CompleteCounselling",
       {Kind::kRead, [&] {
          auto r = records_verb(std::make_unique<pb::CompleteCounsellingRequest>());
          *r->mutable_completed_date() = today();
          return r;
        }}},
      {"SeekRecords",
       {Kind::kRead, [&] {
          auto r = records_verb(std::make_unique<pb::SeekRecordsRequest>());
          *r->mutable_sought_date() = today();
          return r;
        }}},
      {"ShareRecords",
       {Kind::kRead, [&] {
          auto r = records_verb(std::make_unique<pb::ShareRecordsRequest>());
          *r->mutable_shared_date() = today();
          return r;
        }}},
      {"CloseRecordsAccessRequest",
       {Kind::kRead, [&] {
          auto r = records_verb(std::make_unique<pb::CloseRecordsAccessRequestRequest>());
          *r->mutable_closed_date() = today();
          r->set_reason("Withdrawn");
          return r;
        }}},
      {"CreateFeedback",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateFeedbackRequest>(
              FeedbackCreate("scope-fb-" + std::to_string(++creates), platform::Today()));
        }}},
      {"GetFeedback",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetFeedbackRequest>();
          r->set_name(complaint.name());
          return r;
        }}},
      {"ListFeedback", {Kind::kList, [] { return std::make_unique<pb::ListFeedbackRequest>(); }}},
      {"RespondToComplaint",
       {Kind::kRead, [&] {
          auto r = feedback_verb(std::make_unique<pb::RespondToComplaintRequest>());
          *r->mutable_responded_date() = today();
          r->set_outcome(pb::COMPLAINT_OUTCOME_UPHELD);
          r->set_response("Apologised; the review is booked");
          return r;
        }}},
      {"EscalateComplaint",
       {Kind::kRead, [&] {
          auto r = feedback_verb(std::make_unique<pb::EscalateComplaintRequest>());
          *r->mutable_escalated_date() = today();
          return r;
        }}},
      {"CloseFeedback",
       {Kind::kRead, [&] {
          auto r = feedback_verb(std::make_unique<pb::CloseFeedbackRequest>());
          *r->mutable_closed_date() = today();
          return r;
        }}},
      {"GetAdoptiveFamily",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetAdoptiveFamilyRequest>();
          r->set_name(family_name);
          return r;
        }}},
      {"ListAdoptiveFamilies",
       {Kind::kList, [] { return std::make_unique<pb::ListAdoptiveFamiliesRequest>(); }}},
      {"GetDisruptionReview",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::GetDisruptionReviewRequest>();
          r->set_name(review_name);
          return r;
        }}},
      {"ListDisruptionReviews",
       {Kind::kList, [] { return std::make_unique<pb::ListDisruptionReviewsRequest>(); }}},
      {"ScheduleDisruptionReview",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::ScheduleDisruptionReviewRequest>();
          r->set_name(review_name);
          r->set_etag("1");
          *r->mutable_scheduled_date() = today();
          r->set_chair("An independent chair");
          return r;
        }}},
      {"RecordDisruptionReview",
       {Kind::kRead, [&] {
          auto r = std::make_unique<pb::RecordDisruptionReviewRequest>();
          r->set_name(review_name);
          r->set_etag("1");
          *r->mutable_held_date() = today();
          r->set_chair("An independent chair");
          r->set_findings("What happened");
          return r;
        }}},
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
                                               {.local_authorities = {"E09000006"}, .household = kFamily}, cases),
            std::vector<std::string>{});
}

// --- Adoption Support Fund applications ----------------------------------------------

// One application through every verb, its decision due 20 working days after it was
// sent, and every change kept as a version.
TEST_P(SupportApiTest, AnAsfApplicationIsDraftedSubmittedDecidedDeliveredAndCompleted) {
  clock_.Set(platform::Date(2025, 9, 30));
  pb::AsfApplication a;
  grpc::Status s = CreateAsf(AsfCreate("asf-1", 180000), &a);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(a.status(), pb::ASF_APPLICATION_STATUS_DRAFT);
  EXPECT_EQ(a.fund_amount().minor_units(), 180000);
  EXPECT_EQ(a.match_funding().minor_units(), 0);
  // Thursday 1 May 2025: 20 working days over the two May bank holidays.
  ASSERT_TRUE(Submit(a, platform::Date(2025, 5, 1), &a).ok());
  EXPECT_EQ(a.status(), pb::ASF_APPLICATION_STATUS_SUBMITTED);
  EXPECT_EQ(a.decision_due_date().month(), 6);
  EXPECT_EQ(a.decision_due_date().day(), 2);
  auto verb = [&](auto method, auto request) {
    request.set_name(a.name());
    request.set_etag(a.etag());
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    return ((*stub_).*method)(&ctx, request, &a);
  };
  pb::ApproveAsfApplicationRequest approve;
  *approve.mutable_decision_date() = platform::DateToProto(platform::Date(2025, 5, 22));
  ASSERT_TRUE(verb(&pb::SupportService::Stub::ApproveAsfApplication, approve).ok());
  pb::StartAsfDeliveryRequest start;
  *start.mutable_start_date() = platform::DateToProto(platform::Date(2025, 6, 9));
  ASSERT_TRUE(verb(&pb::SupportService::Stub::StartAsfDelivery, start).ok());
  pb::CompleteAsfApplicationRequest complete;
  *complete.mutable_completed_date() = platform::DateToProto(platform::Date(2025, 9, 26));
  ASSERT_TRUE(verb(&pb::SupportService::Stub::CompleteAsfApplication, complete).ok());
  EXPECT_EQ(a.status(), pb::ASF_APPLICATION_STATUS_COMPLETED);
  EXPECT_EQ(a.etag(), "5");
  EXPECT_EQ(Rows("asf_application_history"), 4);
  // Out of order: a completed application is not declined.
  pb::DeclineAsfApplicationRequest decline;
  *decline.mutable_decision_date() = platform::DateToProto(platform::Date(2025, 9, 29));
  decline.set_reason("Not a therapeutic service");
  s = verb(&pb::SupportService::Stub::DeclineAsfApplication, decline);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"STATE status"});
  // Read back, and listed by the child's year.
  pb::ListAsfApplicationsRequest list;
  list.set_filter("child_reference = \"C-1042\" AND financial_year = \"2025-26\"");
  pb::ListAsfApplicationsResponse listed;
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFinanceOfficer});
  ASSERT_TRUE(stub_->ListAsfApplications(&ctx, list, &listed).ok());
  ASSERT_EQ(listed.asf_applications_size(), 1);
  EXPECT_EQ(listed.asf_applications(0).completed_date().day(), 26);
  // The year's figures: one application, approved, one child and family, £1,800.
  pb::ReportAsfFundingRequest report;
  *report.mutable_period()->mutable_first_day() = platform::DateToProto(platform::Date(2025, 4, 1));
  *report.mutable_period()->mutable_last_day() = platform::DateToProto(platform::Date(2026, 3, 31));
  pb::AsfFunding funding;
  grpc::ClientContext report_ctx;
  Authorize(report_ctx, {Role::kManager});
  ASSERT_TRUE(stub_->ReportAsfFunding(&report_ctx, report, &funding).ok());
  ASSERT_EQ(funding.years_size(), 1);
  EXPECT_EQ(funding.years(0).financial_year(), "2025-26");
  EXPECT_EQ(funding.years(0).applications(), 1);
  EXPECT_EQ(funding.years(0).approved(), 1);
  EXPECT_EQ(funding.years(0).children_benefiting(), 1);
  EXPECT_EQ(funding.years(0).families_benefiting(), 1);
  EXPECT_EQ(funding.years(0).funding_secured().minor_units(), 180000);
  // A period holding no year's first day counts nothing.
  *report.mutable_period()->mutable_first_day() = platform::DateToProto(platform::Date(2025, 4, 2));
  grpc::ClientContext none_ctx;
  Authorize(none_ctx, {Role::kManager});
  ASSERT_TRUE(stub_->ReportAsfFunding(&none_ctx, report, &funding).ok());
  EXPECT_EQ(funding.years_size(), 0);
}

// The April 2025 rules: £3,000 a child a year in all, no match funding; the refusal
// names the limit, the spend so far and what remains, and writes nothing. A declined
// application does not count; a draft does not either.
TEST_P(SupportApiTest, AnApplicationOverTheChildsLimitIsRefusedWithTheSpendAndTheRemainder) {
  clock_.Set(platform::Date(2025, 9, 30));
  pb::AsfApplication first, second, declined;
  ASSERT_TRUE(CreateAsf(AsfCreate("limit-1", 200000), &first).ok());
  ASSERT_TRUE(Submit(first, platform::Date(2025, 6, 2), &first).ok());
  ASSERT_TRUE(CreateAsf(AsfCreate("limit-2", 90000, pb::ASF_SERVICE_TYPE_SPECIALIST_ASSESSMENT), &declined).ok());
  ASSERT_TRUE(Submit(declined, platform::Date(2025, 6, 3), &declined).ok());
  pb::DeclineAsfApplicationRequest decline;
  decline.set_name(declined.name());
  decline.set_etag(declined.etag());
  *decline.mutable_decision_date() = platform::DateToProto(platform::Date(2025, 6, 20));
  decline.set_reason("An assessment was made last year");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    ASSERT_TRUE(stub_->DeclineAsfApplication(&ctx, decline, &declined).ok());
  }
  EXPECT_EQ(declined.decline_reason(), "An assessment was made last year");
  const long long rows = Rows("asf_applications");
  grpc::Status s = CreateAsf(AsfCreate("limit-3", 100001), &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"FAIR_ACCESS_LIMIT therapy"});
  EXPECT_NE(s.error_message().find("so far that year is £2000.00, so £1000.00 remains"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(Rows("asf_applications"), rows);
  // Within what remains: drafted; another child's year is its own.
  ASSERT_TRUE(CreateAsf(AsfCreate("limit-4", 100000), &second).ok());
  pb::AsfApplication other;
  ASSERT_TRUE(CreateAsf(AsfCreate("limit-5", 300000, pb::ASF_SERVICE_TYPE_THERAPLAY, "C-2001"), &other).ok());
  // Two drafts for the same £1,000: the second sent is judged with the first.
  pb::AsfApplication third;
  ASSERT_TRUE(CreateAsf(AsfCreate("limit-6", 100000), &third).ok());
  ASSERT_TRUE(Submit(second, platform::Date(2025, 7, 1), &second).ok());
  s = Submit(third, platform::Date(2025, 7, 2), &third);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"FAIR_ACCESS_LIMIT therapy"});
}

// Two submissions for one child at once, each within the limit alone but not together:
// the child's year is taken in turn, so exactly one is sent and the other is refused.
TEST_P(SupportApiTest, TwoSubmissionsForOneChildAtOnceTakeTurnsAndOnlyOneFits) {
  clock_.Set(platform::Date(2025, 9, 30));
  pb::AsfApplication a, b;
  ASSERT_TRUE(CreateAsf(AsfCreate("race-1", 200000), &a).ok());
  ASSERT_TRUE(CreateAsf(AsfCreate("race-2", 200000), &b).ok());
  grpc::Status first, second;
  pb::AsfApplication out_a, out_b;
  std::thread one([&] { first = Submit(a, platform::Date(2025, 9, 1), &out_a); });
  std::thread two([&] { second = Submit(b, platform::Date(2025, 9, 1), &out_b); });
  one.join();
  two.join();
  EXPECT_NE(first.ok(), second.ok()) << first.error_message() << " / " << second.error_message();
  const grpc::Status& refused = first.ok() ? second : first;
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
}

// Before April 2025 the part above the £5,000 therapy limit was match-funded: half by
// the agency, recorded on the application.
TEST_P(SupportApiTest, AnApplicationAboveTheLimitBeforeApril2025RecordsTheAgencysMatchFunding) {
  clock_.Set(platform::Date(2025, 3, 31));
  pb::CreateAsfApplicationRequest r = AsfCreate("match-1", 700000);
  r.mutable_asf_application()->set_financial_year("2024-25");
  pb::AsfApplication a;
  ASSERT_TRUE(CreateAsf(r, &a).ok());
  EXPECT_EQ(a.match_funding().minor_units(), 100000);
  EXPECT_EQ(a.fund_amount().minor_units(), 600000);
  // The same on 31 March for next year is judged by next year's rules: refused.
  r = AsfCreate("match-2", 700000);
  EXPECT_EQ(CreateAsf(r, &a).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

// Bad input names every field and writes nothing; an ineligible child is refused.
TEST_P(SupportApiTest, BadAsfInputNamesEveryFieldAndAnIneligibleChildIsRefused) {
  pb::CreateAsfApplicationRequest r = AsfCreate("", 0);
  pb::AsfApplication* a = r.mutable_asf_application();
  a->set_child_reference("Amy Jones");
  a->set_child_category(pb::CHILD_CATEGORY_UNSPECIFIED);
  a->set_local_authority("Bromley");
  a->set_service_type(static_cast<pb::AsfServiceType>(99));
  a->set_financial_year("2025/26");
  a->mutable_cost()->set_currency_code("EUR");
  pb::AsfApplication out;
  grpc::Status s = CreateAsf(r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"request_id", "asf_application.cost.currency_code",
                                      "asf_application.child_reference", "asf_application.child_category",
                                      "asf_application.local_authority", "asf_application.service_type",
                                      "asf_application.cost", "asf_application.financial_year"}));
  pb::CreateAsfApplicationRequest old = AsfCreate("old-1", 1000);
  old.mutable_asf_application()->set_child_age_years(22);
  s = CreateAsf(old, &out);
  EXPECT_EQ(platform::testing::PreconditionViolations(s), std::vector<std::string>{"ELIGIBILITY child_age_years"});
  old.set_request_id("old-2");
  old.mutable_asf_application()->set_education_health_care_plan(true);
  EXPECT_TRUE(CreateAsf(old, &out).ok());
  // A verb names a bad name, etag and date together.
  pb::SubmitAsfApplicationRequest submit;
  submit.set_name("asfApplications/nope");
  submit.set_etag("x");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kSupportWorker});
  s = stub_->SubmitAsfApplication(&ctx, submit, &out);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"name", "etag", "submitted_date"}));
  EXPECT_EQ(Rows("asf_applications"), 1);
}

// The application names no one: no field of the contract's AsfApplication can hold a
// person's name, address or date of birth, and what is stored is what the contract says.
TEST_P(SupportApiTest, AnAsfApplicationHoldsNoIdentifyingDetailInAnyField) {
  const google::protobuf::Descriptor* d = pb::AsfApplication::descriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    for (const char* identifying : {"given_name", "family_name", "date_of_birth", "address", "postcode", "phone",
                                    "email", "school", "person"}) {
      EXPECT_EQ(f->name().find(identifying), std::string::npos) << f->name();
    }
    if (f->message_type()) {
      const std::string type = f->message_type()->full_name();
      EXPECT_TRUE(type == "adoption.type.v1.Date" || type == "adoption.type.v1.Money" ||
                  type == "adoption.type.v1.RecordInfo")
          << f->name() << " is a " << type;
    }
  }
  // Stored: the columns are the contract's fields, none of them a person's.
  clock_.Set(platform::Date(2025, 9, 30));
  pb::AsfApplication a;
  ASSERT_TRUE(CreateAsf(AsfCreate("plain-1", 1000), &a).ok());
  std::string columns;
  ASSERT_TRUE(host_->db()
                  .Transaction([&](soci::session& tx) {
                    soci::row row;
                    tx << "SELECT * FROM asf_applications", soci::into(row);
                    for (std::size_t i = 0; i < row.size(); ++i) columns += row.get_properties(i).get_name() + " ";
                    return absl::OkStatus();
                  })
                  .ok());
  for (const char* identifying : {"name", "address", "birth", "postcode"}) {
    EXPECT_EQ(columns.find(identifying), std::string::npos) << columns;
  }
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
  EXPECT_EQ(EnumMismatches(pb::Channel_descriptor(), {C::kHelpline, C::kEmail, C::kDuty, C::kReferral, C::kWeb, C::kOther},
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
