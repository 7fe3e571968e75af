// The audit log asked through AuditService on both backends, over gRPC: by record (id,
// or type and id), by caller, by period ([start, end)), every condition together, paged
// with tokens bound to the conditions; bad input names its field and writes nothing;
// managers only; each question is itself audited.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "adoption/audit/v1/audit.grpc.pb.h"
#include "platform/rpc/audit.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

namespace au = adoption::audit::v1;

// Seconds since the epoch, as the log's microseconds.
constexpr long long kSecond = 1000000, kT0 = 1767225600LL * kSecond;  // 2026-01-01T00:00:00Z

class AuditServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*scratch_);
    host_ = testing::CreateHost("recruitment", *scratch_, {});
    ASSERT_TRUE(host_->Start().ok());
    stub_ = testing::StubFor<au::AuditService>(*host_);
    // A day's log: two workers reading and changing two households and a child, and a
    // refused call (which names no record).
    Seed(kT0 + 1 * kSecond, "sw-1", "recruitment_worker", "GetHousehold", "household", "h1");
    Seed(kT0 + 2 * kSecond, "sw-2", "recruitment_worker,manager", "UpdateHousehold", "household", "h1");
    Seed(kT0 + 3 * kSecond, "sw-1", "recruitment_worker", "GetHousehold", "household", "h2");
    Seed(kT0 + 4 * kSecond, "sw-2", "childs_social_worker", "GetChild", "child", "h1");
    Seed(kT0 + 5 * kSecond, "sw-3", "adopter", "GetHousehold", "-", "-", "PERMISSION_DENIED");
    Seed(kT0 + 6 * kSecond, "sw-1", "recruitment_worker", "ListHouseholds", "household", "h1");
  }
  void TearDown() override {
    if (host_) host_->Shutdown();
  }

  void Seed(long long at, const std::string& actor, const std::string& roles, const std::string& method,
            const std::string& type, const std::string& id, const std::string& outcome = "OK") {
    ASSERT_TRUE(host_->db()
                    .Transaction([&](soci::session& tx) {
                      tx << "INSERT INTO audit_log (occurred_at, actor, actor_roles, action, resource_type, "
                            "resource_id, outcome, request_id, unwritten_before) "
                            "VALUES (:t, :a, :r, :m, :ty, :id, :o, 'req', 0)",
                          soci::use(at), soci::use(actor), soci::use(roles), soci::use(method), soci::use(type),
                          soci::use(id), soci::use(outcome);
                      return absl::OkStatus();
                    })
                    .ok());
  }

  grpc::Status List(const au::ListAuditEntriesRequest& request, au::ListAuditEntriesResponse* response,
                    Role role = Role::kManager, const std::string& subject = "manager-1") {
    grpc::ClientContext ctx;
    testing::Authorize(ctx, TokenRequest{.subject = subject, .roles = {role}});
    return stub_->ListAuditEntries(&ctx, request, response);
  }

  // "method resource_type/resource_id by actor" for each entry of every page, asked
  // `page_size` at a time.
  std::vector<std::string> All(au::ListAuditEntriesRequest request, int page_size = 0) {
    std::vector<std::string> seen;
    request.set_page_size(page_size);
    for (int pages = 0; pages < 20; ++pages) {
      au::ListAuditEntriesResponse response;
      grpc::Status s = List(request, &response);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const auto& e : response.audit_entries()) {
        if (e.method() == "ListAuditEntries") continue;  // the questions themselves
        seen.push_back(e.method() + " " + e.resource_type() + "/" + e.resource_id() + " by " + e.actor());
      }
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return seen;
  }

  static google::protobuf::Timestamp At(long long micros) {
    google::protobuf::Timestamp t;
    t.set_seconds(micros / kSecond);
    t.set_nanos(static_cast<int>(micros % kSecond) * 1000);
    return t;
  }

  std::unique_ptr<testing::ScratchDatabase> scratch_;
  std::unique_ptr<ServiceHost> host_;
  std::unique_ptr<au::AuditService::Stub> stub_;
};

TEST_P(AuditServiceTest, WhoSawARecordIsEveryEntryNamingItsIdOldestFirst) {
  au::ListAuditEntriesRequest by_id;
  by_id.set_resource_id("h1");
  EXPECT_EQ(All(by_id), (std::vector<std::string>{"GetHousehold household/h1 by sw-1",
                                                  "UpdateHousehold household/h1 by sw-2",
                                                  "GetChild child/h1 by sw-2",
                                                  "ListHouseholds household/h1 by sw-1"}));
  by_id.set_resource_type("household");
  EXPECT_EQ(All(by_id), (std::vector<std::string>{"GetHousehold household/h1 by sw-1",
                                                  "UpdateHousehold household/h1 by sw-2",
                                                  "ListHouseholds household/h1 by sw-1"}));

  au::ListAuditEntriesResponse response;
  ASSERT_TRUE(List(by_id, &response).ok());
  ASSERT_EQ(response.audit_entries_size(), 3);
  const au::AuditEntry& update = response.audit_entries(1);
  EXPECT_EQ(update.occur_time().seconds(), kT0 / kSecond + 2);
  EXPECT_EQ(std::vector<std::string>(update.actor_roles().begin(), update.actor_roles().end()),
            (std::vector<std::string>{"recruitment_worker", "manager"}));
  EXPECT_EQ(update.outcome(), "OK");
  EXPECT_EQ(update.request_id(), "req");
  EXPECT_LT(response.audit_entries(0).position(), update.position());
  EXPECT_LT(update.position(), response.audit_entries(2).position());
}

TEST_P(AuditServiceTest, ACallersEntriesAndAPeriodsEntries) {
  au::ListAuditEntriesRequest by_actor;
  by_actor.set_actor("sw-1");
  EXPECT_EQ(All(by_actor), (std::vector<std::string>{"GetHousehold household/h1 by sw-1",
                                                     "GetHousehold household/h2 by sw-1",
                                                     "ListHouseholds household/h1 by sw-1"}));
  // From the start (inclusive) to the end (exclusive): seconds 2, 3, 4 and the refusal at 5.
  au::ListAuditEntriesRequest period;
  *period.mutable_start_time() = At(kT0 + 2 * kSecond);
  *period.mutable_end_time() = At(kT0 + 6 * kSecond);
  EXPECT_EQ(All(period), (std::vector<std::string>{"UpdateHousehold household/h1 by sw-2",
                                                   "GetHousehold household/h2 by sw-1", "GetChild child/h1 by sw-2",
                                                   "GetHousehold -/- by sw-3"}));
  // Every condition at once.
  period.set_actor("sw-2");
  period.set_resource_id("h1");
  EXPECT_EQ(All(period),
            (std::vector<std::string>{"UpdateHousehold household/h1 by sw-2", "GetChild child/h1 by sw-2"}));
  period.set_resource_type("family");
  EXPECT_TRUE(All(period).empty());
}

TEST_P(AuditServiceTest, PagesFollowOneAnotherAndATokenIsGoodOnlyForItsConditions) {
  au::ListAuditEntriesRequest request;
  *request.mutable_end_time() = At(kT0 + 7 * kSecond);  // the seeded day only, not the questions
  const std::vector<std::string> whole = All(request);
  ASSERT_EQ(whole.size(), 6u);
  EXPECT_EQ(All(request, 4), whole);
  EXPECT_EQ(All(request, 1), whole);

  request.set_page_size(4);
  au::ListAuditEntriesResponse first;
  ASSERT_TRUE(List(request, &first).ok());
  ASSERT_EQ(first.audit_entries_size(), 4);
  ASSERT_FALSE(first.next_page_token().empty());
  au::ListAuditEntriesRequest other = request;
  other.set_page_token(first.next_page_token());
  other.set_actor("sw-1");
  au::ListAuditEntriesResponse refused;
  grpc::Status s = List(other, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolatedFields(s), (std::vector<std::string>{"page_token"}));
  // Nor is it another manager's.
  other = request;
  other.set_page_token(first.next_page_token());
  s = List(other, &refused, Role::kManager, "manager-2");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(AuditServiceTest, BadInputNamesItsFieldAndWritesNothing) {
  const long long before = testing::CountRows(host_->db(), "audit_log");
  struct Case {
    std::string field;
    std::function<void(au::ListAuditEntriesRequest&)> set;
  };
  const std::vector<Case> cases = {
      {"page_size", [](auto& r) { r.set_page_size(-1); }},
      {"page_token", [](auto& r) { r.set_page_token("not-a-token"); }},
      {"resource_type", [](auto& r) { r.set_resource_type(std::string(65, 'x')); }},
      {"resource_id", [](auto& r) { r.set_resource_id(std::string(65, 'x')); }},
      {"actor", [](auto& r) { r.set_actor(std::string(256, 'x')); }},
      {"start_time", [](auto& r) { r.mutable_start_time()->set_nanos(-1); }},
      {"end_time", [](auto& r) { r.mutable_end_time()->set_seconds(253402300800LL); }},
      {"end_time",
       [](auto& r) {
         *r.mutable_start_time() = At(kT0 + 5 * kSecond);
         *r.mutable_end_time() = At(kT0 + 5 * kSecond);
       }},
  };
  for (const Case& c : cases) {
    au::ListAuditEntriesRequest request;
    c.set(request);
    au::ListAuditEntriesResponse response;
    grpc::Status s = List(request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(testing::ViolatedFields(s), (std::vector<std::string>{c.field})) << c.field;
  }
  EXPECT_EQ(testing::CountRows(host_->db(), "audit_log"), before);
}

TEST_P(AuditServiceTest, OnlyAManagerAsksAndEachQuestionIsAudited) {
  au::ListAuditEntriesRequest request;
  request.set_resource_id("h1");
  au::ListAuditEntriesResponse response;
  EXPECT_EQ(List(request, &response, Role::kRecruitmentWorker, "sw-1").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(response.audit_entries_size(), 0);
  ASSERT_TRUE(List(request, &response).ok());
  EXPECT_EQ(response.audit_entries_size(), 4);

  // The manager's question is in the log, under the record it asked about.
  au::ListAuditEntriesRequest questions;
  questions.set_actor("manager-1");
  au::ListAuditEntriesResponse asked;
  ASSERT_TRUE(List(questions, &asked).ok());
  ASSERT_EQ(asked.audit_entries_size(), 1);
  EXPECT_EQ(asked.audit_entries(0).method(), "ListAuditEntries");
  EXPECT_EQ(asked.audit_entries(0).resource_type(), "audit_log");
  EXPECT_EQ(asked.audit_entries(0).resource_id(), "h1");
  EXPECT_EQ(asked.audit_entries(0).detail(), "resource_id=h1");
  // A question naming no record is kept with its conditions: who, and when.
  au::ListAuditEntriesRequest by_actor;
  by_actor.set_actor("sw-1");
  by_actor.mutable_start_time()->set_seconds(1767225600);  // 2026-01-01
  ASSERT_TRUE(List(by_actor, &response).ok());
  questions.set_resource_type("audit_log");
  questions.set_resource_id("-");
  ASSERT_TRUE(List(questions, &asked).ok());
  ASSERT_EQ(asked.audit_entries_size(), 2);  // the question above, by the manager's name alone, and this one
  EXPECT_EQ(asked.audit_entries(0).detail(), "actor=manager-1");
  EXPECT_EQ(asked.audit_entries(1).detail(), "actor=sw-1 start_time=2026-01-01T00:00:00Z");
  questions.clear_resource_type();
  questions.clear_resource_id();
  // And the worker's refusal is recorded as refusals are (counted; written at a bounded rate).
  questions.set_actor("sw-1");
  questions.set_resource_type("-");
  ASSERT_TRUE(List(questions, &asked).ok());
  ASSERT_EQ(asked.audit_entries_size(), 1);
  EXPECT_EQ(asked.audit_entries(0).method(), "ListAuditEntries");
  EXPECT_EQ(asked.audit_entries(0).outcome(), "PERMISSION_DENIED");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditServiceTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
