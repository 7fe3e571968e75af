// The event log on both backends: gap-free sequencing under concurrent writers and
// two sequencers, rolled-back events never published, reading by type, and a
// consumer applying each event exactly once with its cursor.
#include <grpcpp/grpcpp.h>
#include <prometheus/registry.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <thread>

#include "adoption/events/v1/events.pb.h"
#include "platform/events/events.h"
#include "platform/core/ids.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

namespace ev = adoption::events::v1;

ev::HouseholdRegistered Event(int i) {
  ev::HouseholdRegistered e;
  e.set_household("households/" + std::to_string(i));
  e.set_home_local_authority("E09000006");
  return e;
}

class EventLogTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*scratch_);
    db_ = Database::Open(scratch_->url(), 8).value();
    ASSERT_TRUE(db_->Migrate("platform", PlatformMigrations()).ok());
  }
  absl::Status Append(int i, bool commit = true) {
    absl::Status s = db_->Transaction([&](soci::session& tx) {
      AppendToOutbox(tx, "household", std::to_string(i), Event(i), "req");
      return commit ? absl::OkStatus() : absl::AbortedError("rolled back on purpose");
    });
    return commit ? s : absl::OkStatus();
  }
  std::vector<long long> Sequences() {
    std::vector<long long> seqs;
    (void)db_->Read([&](soci::session& sql) {
      soci::rowset<long long> rows = (sql.prepare << "SELECT sequence FROM outbox ORDER BY sequence");
      for (long long s : rows) seqs.push_back(s);
      return absl::OkStatus();
    });
    return seqs;
  }
  std::unique_ptr<testing::ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

TEST_P(EventLogTest, ConcurrentWritersAndTwoSequencersGiveAGapFreeSequence) {
  Sequencer a(db_.get(), nullptr);
  auto replica_db = Database::Open(scratch_->url(), 2).value();  // a second replica of the service
  Sequencer b(replica_db.get(), nullptr);
  a.Start();
  b.Start();
  constexpr int kWriters = 6, kEach = 40;
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        if (!Append(w * 1000 + i).ok()) failures++;
        if (i % 7 == 0) a.Notify();
        // Some writers also roll back: their events must never appear.
        if (i % 10 == 3) (void)Append(-1, /*commit=*/false);
      }
    });
  }
  for (auto& t : writers) t.join();
  a.Stop();
  b.Stop();
  while (a.SequenceOnce().value() > 0) {
  }
  ASSERT_EQ(failures.load(), 0);
  std::vector<long long> seqs = Sequences();
  ASSERT_EQ(seqs.size(), static_cast<size_t>(kWriters * kEach));
  for (size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], static_cast<long long>(i + 1));
  EXPECT_EQ(a.head(), kWriters * kEach);
}

TEST_P(EventLogTest, ReadingPagesInSequenceOrderAndFiltersByType) {
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(Append(i).ok());
  Sequencer s(db_.get(), nullptr);
  ASSERT_EQ(s.SequenceOnce().value(), 25);
  ev::ReadEventsResponse page;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) { return ReadLog(sql, 10, 10, {}, &page); }).ok());
  ASSERT_EQ(page.events_size(), 10);
  EXPECT_EQ(page.events(0).sequence(), 11);
  EXPECT_EQ(page.events(9).sequence(), 20);
  EXPECT_EQ(page.head_sequence(), 25);
  ev::HouseholdRegistered e;
  ASSERT_TRUE(page.events(0).payload().UnpackTo(&e));
  EXPECT_EQ(e.household(), "households/10");
  ev::ReadEventsResponse none;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) {
                    return ReadLog(sql, 0, 100, {"adoption.events.v1.MatchAgreed"}, &none);
                  }).ok());
  EXPECT_EQ(none.events_size(), 0);
}

// A consumer against a real producer host over gRPC.
TEST_P(EventLogTest, AConsumerAppliesEachEventOnceAndResumesAfterAFailure) {
  auto host = ServiceHost::Create(testing::TestConfig("producer", scratch_->url()), {},
                                  {{"consumer-x", {"adoption.events.v1.HouseholdRegistered"}}})
                  .value();
  ASSERT_TRUE(host->Start().ok());
  for (int i = 1; i <= 30; ++i) ASSERT_TRUE(Append(i).ok());
  testing::ScratchDatabase consumer_scratch(GetParam());
  auto consumer_db = Database::Open(consumer_scratch.url(), 2).value();
  ASSERT_TRUE(consumer_db->Migrate("platform", PlatformMigrations()).ok());
  ASSERT_TRUE(consumer_db->Transaction([](soci::session& tx) {
                           tx << "CREATE TABLE applied (sequence BIGINT PRIMARY KEY, household VARCHAR(64))";
                           return absl::OkStatus();
                         }).ok());
  bool fail_once = true;
  Consumer::Options options;
  options.upstream = "producer";
  options.target = "127.0.0.1:" + std::to_string(host->port());
  options.token = [] {
    TokenRequest r{.subject = "consumer-x", .roles = {Role::kService}};
    return MintToken(r, testing::TestAuth()).value();
  };
  options.handlers["adoption.events.v1.HouseholdRegistered"] = [&](soci::session& tx, const ev::EventRecord& r) {
    if (r.sequence() == 17 && fail_once) {
      fail_once = false;
      return absl::UnavailableError("a dependency was down");
    }
    ev::HouseholdRegistered e;
    if (!r.payload().UnpackTo(&e)) return absl::InternalError("bad payload");
    long long seq = r.sequence();
    std::string household = e.household();
    tx << "INSERT INTO applied (sequence, household) VALUES (:s, :h)", soci::use(seq), soci::use(household);
    return absl::OkStatus();
  };
  options.batch = 8;
  prometheus::Registry registry;
  Consumer consumer(consumer_db.get(), &registry, options);
  auto metric = [&](const std::string& name, std::map<std::string, std::string> labels) {
    labels["upstream"] = "producer";
    return testing::MetricValue(registry, name, labels).value_or(-1);
  };
  // Stopped at 17: the blocked sequence and the failure are shown, the lag is kept.
  while (consumer.PollOnce().ok()) {
  }
  EXPECT_EQ(consumer.cursor(), 16);
  EXPECT_EQ(metric("event_consumer_blocked_sequence", {}), 17);
  EXPECT_EQ(metric("event_consumer_failures_total", {{"stage", "apply"}}), 1);
  EXPECT_EQ(metric("event_consumer_failures_total", {{"stage", "read"}}), 0);
  EXPECT_EQ(metric("event_consumer_lag", {}), 14);
  int polls = 0;
  while (consumer.cursor() < 30 && polls++ < 50) (void)consumer.PollOnce();
  EXPECT_EQ(consumer.cursor(), 30);
  EXPECT_FALSE(fail_once);
  EXPECT_EQ(metric("event_consumer_blocked_sequence", {}), 0);
  EXPECT_EQ(metric("event_consumer_lag", {}), 0);
  EXPECT_EQ(testing::CountRows(*consumer_db, "applied"), 30);
  EXPECT_EQ(testing::CountRows(*consumer_db, "consumer_inbox"), 30);
  // Polling again applies nothing twice.
  EXPECT_EQ(consumer.PollOnce().value(), 0);
  EXPECT_EQ(testing::CountRows(*consumer_db, "applied"), 30);

  // A service the producer does not list may not read its log.
  options.token = [] {
    TokenRequest r{.subject = "stranger", .roles = {Role::kService}};
    return MintToken(r, testing::TestAuth()).value();
  };
  Consumer stranger(consumer_db.get(), nullptr, options);
  EXPECT_FALSE(stranger.PollOnce().ok());
  host->Shutdown();
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLogTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
