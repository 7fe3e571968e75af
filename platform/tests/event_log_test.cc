// The event log on both backends: gap-free sequencing under concurrent writers and
// two sequencers, rolled-back events never published, reading by type and how far a
// read reaches, a consumer applying each event exactly once with its cursor and
// passing the types it does not read, an unreadable stored payload, and waiting reads
// bounded and released on shutdown.
#include <grpcpp/grpcpp.h>
#include <prometheus/registry.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <future>
#include <thread>

#include "adoption/events/v1/events.pb.h"
#include "platform/events/events.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
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

TEST_P(EventLogTest, ABacklogIsNumberedInTheOrderItWasWrittenAcrossStatementsAndPasses) {
  // More rows than one numbering statement takes, and more than one pass's 500 after a
  // first sequenced row: each numbered once, in the order written, none left.
  ASSERT_TRUE(Append(0).ok());
  Sequencer sequencer(db_.get(), nullptr);
  ASSERT_EQ(sequencer.SequenceOnce().value(), 1);
  constexpr int kBacklog = 617;
  for (int i = 1; i <= kBacklog; ++i) ASSERT_TRUE(Append(i).ok());
  EXPECT_EQ(sequencer.SequenceOnce().value(), 500);
  EXPECT_EQ(sequencer.SequenceOnce().value(), kBacklog - 500);
  EXPECT_EQ(sequencer.SequenceOnce().value(), 0);
  EXPECT_EQ(sequencer.head(), kBacklog + 1);
  std::vector<std::pair<long long, std::string>> numbered;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) {
                   soci::rowset<soci::row> rows =
                       (sql.prepare << "SELECT sequence, aggregateid FROM outbox ORDER BY outbox_pk");
                   for (const auto& r : rows) {
                     numbered.emplace_back(r.get<long long>(0), r.get<std::string>(1));
                   }
                   return absl::OkStatus();
                 }).ok());
  ASSERT_EQ(numbered.size(), static_cast<size_t>(kBacklog + 1));
  for (size_t i = 0; i < numbered.size(); ++i) {
    EXPECT_EQ(numbered[i], std::make_pair(static_cast<long long>(i + 1), std::to_string(i))) << i;
  }
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

TEST_P(EventLogTest, AReadSaysHowFarItReachedPastTheTypesNotAskedFor) {
  // 1..3 households, 4..10 matches.
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Append(i).ok());
  for (int i = 4; i <= 10; ++i) {
    ASSERT_TRUE(db_->Transaction([&](soci::session& tx) {
                     ev::MatchAgreed m;
                     m.set_household("households/" + std::to_string(i));
                     AppendToOutbox(tx, "match", std::to_string(i), m, "req");
                     return absl::OkStatus();
                   }).ok());
  }
  Sequencer s(db_.get(), nullptr);
  ASSERT_EQ(s.SequenceOnce().value(), 10);
  const std::set<std::string> households = {"adoption.events.v1.HouseholdRegistered"};
  auto read = [&](long long after, int limit) {
    ev::ReadEventsResponse out;
    EXPECT_TRUE(db_->Read([&](soci::session& sql) { return ReadLog(sql, after, limit, households, &out); }).ok());
    return out;
  };
  auto id_at = [&](long long sequence) {
    std::string id;
    (void)db_->Read([&](soci::session& sql) {
      sql << "SELECT id FROM outbox WHERE sequence = :s", soci::use(sequence), soci::into(id);
      return absl::OkStatus();
    });
    return id;
  };
  // Fewer than asked for: read through the head, past the matches.
  ev::ReadEventsResponse all = read(0, 100);
  ASSERT_EQ(all.events_size(), 3);
  EXPECT_EQ(all.read_through_sequence(), 10);
  EXPECT_EQ(all.read_through_event_id(), id_at(10));
  // A full page: only as far as its last event.
  ev::ReadEventsResponse page = read(0, 2);
  ASSERT_EQ(page.events_size(), 2);
  EXPECT_EQ(page.read_through_sequence(), 2);
  EXPECT_EQ(page.read_through_event_id(), page.events(1).event_id());
  // Nothing left of the type: through the head, and the ids at both ends.
  ev::ReadEventsResponse rest = read(3, 100);
  EXPECT_EQ(rest.events_size(), 0);
  EXPECT_EQ(rest.read_through_sequence(), 10);
  EXPECT_EQ(rest.after_event_id(), id_at(3));
  EXPECT_EQ(rest.read_through_event_id(), id_at(10));
}

// A consumer of a real producer host, reading household events only.
class ProducerAndConsumer : public EventLogTest {
 protected:
  void StartProducer(int waiting_reads = 8) {
    ServiceConfig config = testing::TestConfig("producer", scratch_->url());
    config.event_log_waiting_reads = waiting_reads;
    host_ = ServiceHost::Create(config, {}, {{"consumer-x", {"adoption.events.v1.HouseholdRegistered"}}}).value();
    ASSERT_TRUE(host_->Start().ok());
    consumer_scratch_ = std::make_unique<testing::ScratchDatabase>(GetParam());
    consumer_db_ = Database::Open(consumer_scratch_->url(), 2).value();
    ASSERT_TRUE(consumer_db_->Migrate("platform", PlatformMigrations()).ok());
    ASSERT_TRUE(consumer_db_->Transaction([](soci::session& tx) {
                               tx << "CREATE TABLE applied (sequence BIGINT PRIMARY KEY, household VARCHAR(64))";
                               return absl::OkStatus();
                             }).ok());
  }
  void TearDown() override {
    if (host_) host_->Shutdown();
  }
  void AppendMatches(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(db_->Transaction([&](soci::session& tx) {
                       AppendToOutbox(tx, "match", "m", ev::MatchAgreed(), "req");
                       return absl::OkStatus();
                     }).ok());
    }
  }
  void Sequence() {
    while (host_->sequencer().SequenceOnce().value() > 0) {
    }
  }
  static std::string Token() {
    TokenRequest r{.subject = "consumer-x", .roles = {Role::kService}};
    return MintToken(r, testing::TestAuth()).value();
  }
  Consumer::Options Options() {
    Consumer::Options options;
    options.upstream = "producer";
    options.target = "127.0.0.1:" + std::to_string(host_->port());
    options.token = [] { return Token(); };
    options.dead_letter_after = 2;
    options.handlers["adoption.events.v1.HouseholdRegistered"] = [](soci::session& tx, const ev::EventRecord& r) {
      ASSIGN_OR_RETURN(ev::HouseholdRegistered e, UnpackEvent<ev::HouseholdRegistered>(r));
      long long seq = r.sequence();
      std::string household = e.household();
      tx << "INSERT INTO applied (sequence, household) VALUES (:s, :h)", soci::use(seq), soci::use(household);
      return absl::OkStatus();
    };
    return options;
  }
  double Metric(prometheus::Registry& registry, const std::string& name, std::map<std::string, std::string> labels) {
    return testing::MetricValue(registry, name, labels).value_or(-1);
  }
  std::unique_ptr<ServiceHost> host_;
  std::unique_ptr<testing::ScratchDatabase> consumer_scratch_;
  std::unique_ptr<Database> consumer_db_;
};

TEST_P(ProducerAndConsumer, AConsumerPassesTheEventsItDoesNotRead) {
  StartProducer();
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Append(i).ok());
  AppendMatches(20);
  Sequence();
  prometheus::Registry registry;
  Consumer consumer(consumer_db_.get(), &registry, Options());
  EXPECT_EQ(consumer.PollOnce().value(), 3);
  // The cursor stands at the head, past the 20 matches it may not read: no false lag.
  EXPECT_EQ(consumer.cursor(), 23);
  EXPECT_EQ(Metric(registry, "event_consumer_lag", {{"upstream", "producer"}}), 0);
  EXPECT_EQ(testing::CountRows(*consumer_db_, "consumer_inbox"), 3);
  // The next household is applied from there, and the log is still seen as the same one.
  ASSERT_TRUE(Append(4).ok());
  Sequence();
  EXPECT_EQ(consumer.PollOnce().value(), 1);
  EXPECT_EQ(consumer.cursor(), 24);
  EXPECT_EQ(Metric(registry, "event_consumer_upstream_diverged", {{"upstream", "producer"}}), 0);
  EXPECT_EQ(testing::CountRows(*consumer_db_, "applied"), 4);
  EXPECT_EQ(consumer.PollOnce().value(), 0);
  EXPECT_EQ(testing::CountRows(*consumer_db_, "applied"), 4);
}

TEST_P(ProducerAndConsumer, AnUnreadableStoredPayloadIsSentMarkedAndItsConsumerSetsItAside) {
  StartProducer();
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Append(i).ok());
  Sequence();
  ASSERT_TRUE(db_->Transaction([](soci::session& tx) {
                   tx << "UPDATE outbox SET payload = 'not the JSON of an event' WHERE sequence = 2";
                   return absl::OkStatus();
                 }).ok());
  // Read directly: the others whole, the damaged one in its place without a payload.
  ev::ReadEventsResponse read;
  int unreadable = 0;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) { return ReadLog(sql, 0, 100, {}, &read, &unreadable); }).ok());
  ASSERT_EQ(read.events_size(), 3);
  EXPECT_FALSE(read.events(0).payload_unreadable());
  EXPECT_TRUE(read.events(1).payload_unreadable());
  EXPECT_FALSE(read.events(1).has_payload());
  EXPECT_EQ(read.events(1).event_type(), "adoption.events.v1.HouseholdRegistered");
  EXPECT_FALSE(read.events(2).payload_unreadable());
  EXPECT_EQ(unreadable, 1);
  // Through gRPC: the consumer applies 1 and 3 and sets 2 aside after its tries.
  prometheus::Registry registry;
  Consumer consumer(consumer_db_.get(), &registry, Options());
  int polls = 0;
  while (consumer.cursor() < 3 && polls++ < 10) (void)consumer.PollOnce();
  EXPECT_EQ(consumer.cursor(), 3);
  EXPECT_EQ(testing::CountRows(*consumer_db_, "applied"), 2);
  std::string error;
  long long sequence = 0;
  (void)consumer_db_->Read([&](soci::session& sql) {
    sql << "SELECT sequence, error FROM consumer_dead_letters WHERE upstream = 'producer'", soci::into(sequence),
        soci::into(error);
    return absl::OkStatus();
  });
  EXPECT_EQ(sequence, 2);
  EXPECT_NE(error.find("could not read its stored event 2"), std::string::npos) << error;
  EXPECT_GE(Metric(host_->metrics().registry(), "event_log_unreadable_payloads_total", {}), 2);
}

TEST_P(ProducerAndConsumer, WaitingReadsAreBoundedAndReleasedOnShutdown) {
  StartProducer(/*waiting_reads=*/1);
  auto stub = ev::EventLogService::NewStub(testing::ChannelTo(*host_));
  auto read = [&](int wait_seconds, ev::ReadEventsResponse* out) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + Token());
    ev::ReadEventsRequest request;
    request.mutable_wait()->set_seconds(wait_seconds);
    return stub->ReadEvents(&ctx, request, out);
  };
  prometheus::Registry& registry = host_->metrics().registry();
  const auto began = std::chrono::steady_clock::now();
  auto first = std::async(std::launch::async, [&] {
    ev::ReadEventsResponse out;
    grpc::Status s = read(30, &out);
    return std::make_pair(s.ok(), std::chrono::steady_clock::now());
  });
  for (int i = 0; i < 200 && Metric(registry, "event_log_waiting_reads", {}) < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(Metric(registry, "event_log_waiting_reads", {}), 1);
  // The one slot is taken: the second read is answered without waiting, and counted.
  ev::ReadEventsResponse second;
  ASSERT_TRUE(read(30, &second).ok());
  EXPECT_EQ(second.events_size(), 0);
  EXPECT_EQ(Metric(registry, "event_log_reads_not_waited_total", {}), 1);
  // Shutting down ends the first read's wait: it answers long before its 30 seconds.
  host_->Shutdown();
  auto [ok, answered] = first.get();
  EXPECT_TRUE(ok);
  EXPECT_LT(answered - began, std::chrono::seconds(20));
  EXPECT_EQ(Metric(registry, "event_log_waiting_reads", {}), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProducerAndConsumer, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Backends, EventLogTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
