// What a service shows the operators about its database, on both backends: the pool's
// size and the time callers waited for a session, gauges read per label value, and the
// URL read from a file (a mounted Secret).
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

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
