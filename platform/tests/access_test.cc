// Object-level access: what a grant's claim reaches, a List filtered in its query (on
// both backends, paging kept right), event logs readable by service tokens only, and
// a flood of refused calls counted in full but written to the audit log at a bounded
// rate while good calls go on.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "adoption/events/v1/events.grpc.pb.h"
#include "platform/rpc/access.h"
#include "platform/db/listing.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

namespace ev = adoption::events::v1;

TEST(Coverage, AGrantReachesOnlyWhatItsClaimCovers) {
  PolicyTable table({{"GetThing",
                      {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
                       {Role::kAdopter, Reach::kHousehold},
                       {Role::kBirthRelative, Reach::kParty},
                       {Role::kPartnerAgency, Reach::kPartnerAgency},
                       {Role::kPanelMember, Reach::kSubject},
                       {Role::kManager, Reach::kAgency}}}});
  RecordScope bromley_household{.local_authorities = {"E09000006"}, .household = "h1", .parties = {"p1"},
                                .partner_agency = "vaa-1", .subjects = {"member-7"}};
  Principal worker{.subject = "w", .roles = {Role::kRecruitmentWorker}, .local_authorities = {"E09000006"}};
  EXPECT_TRUE(table.CoverageFor("GetThing", worker).Covers(bromley_household));
  worker.local_authorities = {"E08000018"};
  EXPECT_FALSE(table.CoverageFor("GetThing", worker).Covers(bromley_household));
  worker.local_authorities = {};
  EXPECT_TRUE(table.CoverageFor("GetThing", worker).Empty());  // no claim: nothing, not everything

  Principal adopter{.subject = "a", .roles = {Role::kAdopter}, .household = "h1"};
  EXPECT_TRUE(table.CoverageFor("GetThing", adopter).Covers(bromley_household));
  adopter.household = "h2";
  EXPECT_FALSE(table.CoverageFor("GetThing", adopter).Covers(bromley_household));
  // An adopter's local authority claim, if a token carried one, is not what the grant reads.
  adopter.local_authorities = {"E09000006"};
  EXPECT_FALSE(table.CoverageFor("GetThing", adopter).Covers(bromley_household));

  Principal relative{.subject = "r", .roles = {Role::kBirthRelative}, .party = "p1"};
  EXPECT_TRUE(table.CoverageFor("GetThing", relative).Covers(bromley_household));
  Principal partner{.subject = "g", .roles = {Role::kPartnerAgency}, .agency = "vaa-2"};
  EXPECT_FALSE(table.CoverageFor("GetThing", partner).Covers(bromley_household));
  // A panel member reaches what names them, by their token's subject only.
  Principal member{.subject = "member-7", .roles = {Role::kPanelMember}};
  EXPECT_TRUE(table.CoverageFor("GetThing", member).Covers(bromley_household));
  member.subject = "member-8";
  EXPECT_FALSE(table.CoverageFor("GetThing", member).Covers(bromley_household));
  EXPECT_FALSE(table.CoverageFor("GetThing", member).Covers(RecordScope{}));

  Principal manager{.subject = "m", .roles = {Role::kManager}};
  EXPECT_TRUE(table.CoverageFor("GetThing", manager).Covers(bromley_household));
  EXPECT_TRUE(table.CoverageFor("GetThing", manager).Covers(RecordScope{}));
  // A method outside the table reaches nothing, whoever calls.
  EXPECT_TRUE(table.CoverageFor("Other", manager).Empty());
  // A record with no local authority is no worker's by authority.
  Principal everywhere{.subject = "w", .roles = {Role::kRecruitmentWorker}, .local_authorities = {"E09000006"}};
  EXPECT_FALSE(table.CoverageFor("GetThing", everywhere).Covers(RecordScope{.local_authorities = {""}}));
  // ...unless it is awaiting one: then every worker by authority reaches it, and no
  // family does.
  EXPECT_TRUE(table.CoverageFor("GetThing", everywhere).Covers(RecordScope{.unallocated = true}));
  Principal family{.subject = "a", .roles = {Role::kAdopter}, .household = "h1"};
  EXPECT_FALSE(table.CoverageFor("GetThing", family).Covers(RecordScope{.unallocated = true}));
}

class KeysetQueryTest : public testing::StoreTest {
 protected:
  KeysetQueryTest() : StoreTest("access_test", Tables()) {}
  static const std::vector<EmbeddedFile>& Tables() {
    static const std::vector<EmbeddedFile> files = {
        {"0001_things.sql",
         "CREATE TABLE things (id VARCHAR(26) NOT NULL PRIMARY KEY, la VARCHAR(9) NOT NULL, "
         "household VARCHAR(26) NOT NULL, seen CHAR(10) NOT NULL, flag SMALLINT NOT NULL);\n"
         "CREATE TABLE thing_parties (thing_id VARCHAR(26) NOT NULL, account VARCHAR(64) NOT NULL);\n"}};
    return files;
  }
  void SetUp() override {
    StoreTest::SetUp();
    if (!db_) return;
    // 30 things over three authorities; every third has party "p-<i>".
    Write([](soci::session& tx) {
      const char* las[] = {"E09000006", "E08000018", "E06000001"};
      for (int i = 0; i < 30; ++i) {
        std::string id = absl::StrCat("t", i < 10 ? "0" : "", i), la = las[i % 3], hh = absl::StrCat("h", i),
                    seen = absl::StrCat("2025-01-", 30 - i < 10 ? "0" : "", 30 - i);
        int flag = i % 2;
        tx << "INSERT INTO things (id, la, household, seen, flag) VALUES (:i, :l, :h, :s, :f)", soci::use(id),
            soci::use(la), soci::use(hh), soci::use(seen), soci::use(flag);
        if (i % 3 == 0) {
          std::string account = absl::StrCat("p-", i);
          tx << "INSERT INTO thing_parties (thing_id, account) VALUES (:i, :a)", soci::use(id), soci::use(account);
        }
      }
    });
  }
  // Every id the query lists, page after page of `size`.
  std::vector<std::string> All(const Coverage& coverage, std::optional<bool> flag, int size, bool by_seen = false) {
    std::vector<std::string> ids;
    Page page{size, ""};
    Read([&](soci::session& sql) {
      while (true) {
        KeysetQuery q = by_seen ? KeysetQuery::OrderedBy("things", "id, la", page, "seen")
                                : KeysetQuery("things", "id, la", page);
        q.Equal("flag", flag).Within(coverage, kColumns);
        std::vector<std::string> got;
        q.ForEach(sql, [&](const soci::row& r) { got.push_back(r.get<std::string>("id")); });
        ids.insert(ids.end(), got.begin(), got.end());
        if (static_cast<int>(got.size()) < size) break;
        page.after_id = got.back();
      }
    });
    return ids;
  }
  const ScopeColumns kColumns{.local_authority = "la",
                              .household = "household",
                              .party_condition = "id IN (SELECT thing_id FROM thing_parties WHERE account = :party)",
                              .subject_condition = "id IN (SELECT thing_id FROM thing_parties WHERE account = :subject)"};
};

TEST_P(KeysetQueryTest, AListHoldsOnlyWhatTheCallerReachesPageAfterPage) {
  Coverage bromley{.local_authorities = {"E09000006"}};
  std::vector<std::string> ids = All(bromley, std::nullopt, 4);
  ASSERT_EQ(ids.size(), 10u);  // every third thing, all of them, in pages of 4
  EXPECT_EQ(ids.front(), "t00");
  EXPECT_EQ(ids.back(), "t27");
  // Two authorities and a condition: pages stay full until the end.
  Coverage two{.local_authorities = {"E09000006", "E08000018"}};
  EXPECT_EQ(All(two, true, 3).size(), 10u);  // odd i among the 20 of the two authorities
  // A household, a party, or several claims at once (their union).
  EXPECT_EQ(All(Coverage{.household = "h7"}, std::nullopt, 5), std::vector<std::string>{"t07"});
  EXPECT_EQ(All(Coverage{.party = "p-9"}, std::nullopt, 5), std::vector<std::string>{"t09"});
  EXPECT_EQ(All(Coverage{.subject = "p-12"}, std::nullopt, 5), std::vector<std::string>{"t12"});
  EXPECT_EQ(All(Coverage{.local_authorities = {"E06000001"}, .household = "h3"}, std::nullopt, 50).size(), 11u);
  // Nothing reaches nothing; the agency reaches all.
  EXPECT_TRUE(All(Coverage{}, std::nullopt, 5).empty());
  EXPECT_EQ(All(Coverage::Everything(), std::nullopt, 7).size(), 30u);
  // Ordered by another column (newest `seen` is the highest id here), paged the same way.
  std::vector<std::string> by_seen = All(bromley, std::nullopt, 4, true);
  ASSERT_EQ(by_seen.size(), 10u);
  EXPECT_EQ(by_seen.front(), "t27");
  EXPECT_EQ(by_seen.back(), "t00");
}

INSTANTIATE_TEST_SUITE_P(Backends, KeysetQueryTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

class EventLogAccessTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*scratch_);
    host_ = testing::CreateHost("recruitment", *scratch_, {},
                                {{"familyfinding", {"adoption.events.v1.HouseholdRegistered"}}});
    ASSERT_TRUE(host_->Start().ok());
    stub_ = testing::StubFor<ev::EventLogService>(*host_);
  }
  void TearDown() override {
    if (host_) host_->Shutdown();
  }
  grpc::Status Read(const std::string& token, ev::ReadEventsResponse* out) {
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    return stub_->ReadEvents(&ctx, ev::ReadEventsRequest(), out);
  }
  std::unique_ptr<testing::ScratchDatabase> scratch_;
  std::unique_ptr<ServiceHost> host_;
  std::unique_ptr<ev::EventLogService::Stub> stub_;
};

TEST_P(EventLogAccessTest, OnlyAServiceGrantedVisibilityReadsTheLog) {
  ev::ReadEventsResponse out;
  EXPECT_TRUE(Read(testing::TokenFor({Role::kService}, "familyfinding"), &out).ok());
  EXPECT_EQ(Read(testing::TokenFor({Role::kService}, "letterbox"), &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read(testing::TokenFor({Role::kManager}, "familyfinding"), &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  for (Role role : AllRoles()) {
    if (role == Role::kService) continue;
    EXPECT_EQ(Read(testing::TokenFor({role}, "familyfinding"), &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << RoleName(role);
  }
}

// 10,000 calls with a forged token while a service reads its log: every refusal is
// counted (metric and audit rows together account for all of them), the audit log
// gets a bounded stream of rows, and the good calls are all answered.
TEST_P(EventLogAccessTest, AFloodOfRefusedCallsIsCountedButNotWrittenRowByRow) {
  constexpr int kBad = 10000;
  const auto start = std::chrono::steady_clock::now();
  std::atomic<int> next{0}, refused{0};
  std::atomic<bool> flooding{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto stub = testing::StubFor<ev::EventLogService>(*host_);
      while (next.fetch_add(1) < kBad) {
        grpc::ClientContext ctx;
        ctx.AddMetadata("authorization", "Bearer not.a.token");
        ev::ReadEventsResponse out;
        if (stub->ReadEvents(&ctx, ev::ReadEventsRequest(), &out).error_code() ==
            grpc::StatusCode::UNAUTHENTICATED) {
          ++refused;
        }
      }
    });
  }
  std::vector<double> good_ms;
  std::thread good([&] {
    const std::string token = testing::TokenFor({Role::kService}, "familyfinding");
    while (flooding) {
      auto t0 = std::chrono::steady_clock::now();
      ev::ReadEventsResponse out;
      ASSERT_TRUE(Read(token, &out).ok());
      good_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  });
  for (auto& t : threads) t.join();
  flooding = false;
  good.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(refused, kBad);
  // One more refusal after a pause is written, and says how many went unwritten since
  // the last row: with it the audit log accounts for every refusal.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  {
    ev::ReadEventsResponse out;
    EXPECT_EQ(Read("not.a.token", &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }

  long long rows = 0, unwritten = 0;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT COUNT(*), COALESCE(SUM(unwritten_before), 0) FROM audit_log WHERE outcome = "
                           "'UNAUTHENTICATED'",
                        soci::into(rows), soci::into(unwritten);
                    return absl::OkStatus();
                  })
                  .ok());
  // At most the burst plus the configured rate for the time the flood took (and the
  // one after it).
  const double bound = 2.0 * host_->config().refusal_audits_per_second +
                       host_->config().refusal_audits_per_second * (seconds + 0.3) + 2;
  EXPECT_LE(rows, bound);
  EXPECT_GE(rows, 2);
  EXPECT_EQ(rows + unwritten, kBad + 1);

  double counted = 0;
  for (const auto& family : host_->metrics().registry().Collect()) {
    if (family.name != "rpc_refusals_total") continue;
    for (const auto& m : family.metric) counted += m.counter.value;
  }
  EXPECT_EQ(counted, kBad + 1);

  ASSERT_FALSE(good_ms.empty());
  std::sort(good_ms.begin(), good_ms.end());
  printf("flood: %d refused calls in %.1f s; %lld audit rows (bound %.0f); %zu good calls during it, "
         "p50 %.2f ms, p99 %.2f ms\n",
         kBad, seconds, rows, bound, good_ms.size(), good_ms[good_ms.size() / 2],
         good_ms[good_ms.size() * 99 / 100]);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLogAccessTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
