// What a service shows the operators about its database, on both backends: the pool's
// size and the time callers waited for a session, gauges read per label value, the
// URL read from a file (a mounted Secret); and on MySQL, connections lost and regained.
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <soci/soci.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "health/v1/health.grpc.pb.h"
#include "platform/server/database_gauges.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*scratch_);
  }
  std::unique_ptr<testing::ScratchDatabase> scratch_;
};

TEST_P(DatabaseTest, TimeSpentWaitingForAFreeSessionIsCounted) {
  auto db = Database::Open(scratch_->url(), 1).value();
  EXPECT_EQ(db->lease_wait_seconds(), 0);
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    (void)db->Read([&](soci::session&) {
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return absl::OkStatus();
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(db->sessions_in_use(), 1);
  ASSERT_TRUE(db->Read([](soci::session&) { return absl::OkStatus(); }).ok());
  holder.join();
  // The second caller waited for the holder's session (most of its 300 ms).
  EXPECT_GT(db->lease_wait_seconds(), 0.1);
  EXPECT_EQ(db->sessions_in_use(), 0);
}

TEST_P(DatabaseTest, AGaugeFamilyHasASeriesPerValueAndAValueNoLongerReadFallsToZero) {
  auto db = Database::Open(scratch_->url(), 2).value();
  prometheus::Registry registry;
  DatabaseGauges gauges(db.get(), &registry, std::chrono::seconds(60));
  std::map<std::string, double> read = {{"stage_one", 3}, {"approved", 1}};
  bool fail = false;
  gauges.AddEach("things", "Things by status.", "status",
                 [&](soci::session&) -> absl::StatusOr<std::map<std::string, double>> {
                   if (fail) return absl::UnavailableError("down");
                   return read;
                 });
  gauges.Refresh();
  EXPECT_EQ(testing::MetricValue(registry, "things", {{"status", "stage_one"}}), 3);
  EXPECT_EQ(testing::MetricValue(registry, "things", {{"status", "approved"}}), 1);
  read = {{"stage_one", 2}};
  gauges.Refresh();
  EXPECT_EQ(testing::MetricValue(registry, "things", {{"status", "stage_one"}}), 2);
  EXPECT_EQ(testing::MetricValue(registry, "things", {{"status", "approved"}}), 0);
  // A read that fails keeps the last values.
  fail = true;
  read = {{"stage_one", 9}};
  gauges.Refresh();
  EXPECT_EQ(testing::MetricValue(registry, "things", {{"status", "stage_one"}}), 2);
}

TEST_P(DatabaseTest, AServiceReadsItsDatabaseUrlFromAFileAndShowsItsPool) {
  auto dir = std::filesystem::temp_directory_path() / ("db-url-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "url") << scratch_->url() << "\n";  // a Secret's file ends with a newline
  ServiceConfig config = testing::TestConfig("producer", "sqlite3://db=/nonexistent/dir/never.db");
  config.db_url_file = (dir / "url").string();
  auto host = ServiceHost::Create(config, {});
  ASSERT_TRUE(host.ok()) << host.status();
  ASSERT_TRUE((*host)->Start().ok());
  EXPECT_EQ(testing::MetricValue((*host)->metrics().registry(), "db_pool_connections"), config.db_pool);
  EXPECT_TRUE(testing::MetricValue((*host)->metrics().registry(), "db_pool_wait_seconds_total").has_value());
  // Health: the whole service, and "liveness" (the process answers, whatever its database).
  auto health = grpc::health::v1::Health::NewStub(testing::ChannelTo(**host));
  for (const std::string service : {"", "liveness"}) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&ctx, request, &response).ok()) << service;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
  (*host)->Shutdown();

  config.db_url_file = (dir / "missing").string();
  EXPECT_FALSE(ServiceHost::Create(config, {}).ok());
  std::filesystem::remove_all(dir);
}

// MySQL: a connection the server killed (as a restart does) is reconnected with its
// settings; a statement that failed on it runs again, a COMMIT that failed does not.
TEST_P(DatabaseTest, AKilledConnectionIsReconnectedWithItsSettingsAndALostCommitIsNotRepeated) {
  if (GetParam() != "mysql") GTEST_SKIP() << "connections are killed on MySQL";
  auto db = Database::Open(scratch_->url(), 1).value();
  auto admin = Database::Open(scratch_->url(), 1).value();
  auto connection = [&] {
    long long id = 0;
    EXPECT_TRUE(db->Read([&](soci::session& sql) {
                    sql << "SELECT CONNECTION_ID()", soci::into(id);
                    return absl::OkStatus();
                  }).ok());
    return id;
  };
  auto kill = [&](long long id) {
    return admin->Read([&](soci::session& sql) {
      sql << "KILL CONNECTION " + std::to_string(id);
      return absl::OkStatus();
    });
  };
  ASSERT_TRUE(db->Transaction([](soci::session& sql) {
                  sql << "CREATE TABLE kept (x INTEGER NOT NULL)";
                  return absl::OkStatus();
                }).ok());

  const long long first = connection();
  ASSERT_TRUE(kill(first).ok());
  std::string isolation, mode;
  ASSERT_TRUE(db->Read([&](soci::session& sql) {
                  sql << "SELECT @@session.tx_isolation, @@session.sql_mode", soci::into(isolation), soci::into(mode);
                  return absl::OkStatus();
                }).ok());
  EXPECT_NE(connection(), first);
  EXPECT_EQ(isolation, "READ-COMMITTED");
  EXPECT_NE(mode.find("STRICT_ALL_TABLES"), std::string::npos) << mode;

  // Killed before the work's first statement: the work runs again and lands once.
  const long long second = connection();
  int runs = 0;
  absl::Status status = db->Transaction([&](soci::session& sql) {
    if (++runs == 1) {
      EXPECT_TRUE(kill(second).ok());
    }
    sql << "INSERT INTO kept (x) VALUES (1)";
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(runs, 2);

  // Killed after the work, so COMMIT is what fails: not run again, UNAVAILABLE, and the
  // server rolled the transaction back.
  const long long third = connection();
  runs = 0;
  status = db->Transaction([&](soci::session& sql) {
    ++runs;
    sql << "INSERT INTO kept (x) VALUES (2)";
    return kill(third);
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_NE(status.message().find("same request id"), std::string::npos) << status;
  EXPECT_EQ(runs, 1);
  int rows = 0, twos = 0;
  ASSERT_TRUE(db->Read([&](soci::session& sql) {
                  sql << "SELECT COUNT(*), COALESCE(SUM(x = 2), 0) FROM kept", soci::into(rows), soci::into(twos);
                  return absl::OkStatus();
                }).ok());
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(twos, 0);
  EXPECT_TRUE(db->Ping().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
