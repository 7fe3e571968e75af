// What a service shows the operators about its database, on both backends: the pool's
// size and the time callers waited for a session, gauges read per label value, the
// URL read from a file (a mounted Secret); and on MySQL, connections lost and regained.
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <soci/soci.h>

#include <chrono>
#include <cstring>
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

// --db-password-file: the password kept out of the URL (and of ps), added to a MySQL URL.
TEST_P(DatabaseTest, APasswordComesFromItsOwnFile) {
  auto dir = std::filesystem::temp_directory_path() / ("db-password-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream((dir / name).string()) << text;
    return (dir / name).string();
  };
  ServiceConfig config = testing::TestConfig("producer", "mysql://host=db port=3306 db=d user=u");
  config.db_password_file = write("password", "s3cretPassw0rd\n");
  EXPECT_EQ(DatabaseUrl(config).value(), "mysql://host=db port=3306 db=d user=u password=s3cretPassw0rd");
  // Refused, each naming why: a password in the URL too, none to read, one the URL
  // syntax would cut short, and SQLite (no password).
  config.db_url = "mysql://host=db db=d user=u password=x";
  EXPECT_NE(DatabaseUrl(config).status().message().find("names a password already"), std::string::npos);
  config.db_url = "mysql://host=db db=d user=u";
  config.db_password_file = write("empty", "\n");
  EXPECT_NE(DatabaseUrl(config).status().message().find("is empty"), std::string::npos);
  config.db_password_file = write("spaced", "two words");
  EXPECT_NE(DatabaseUrl(config).status().message().find("may not hold spaces"), std::string::npos);
  config.db_password_file = (dir / "password").string();
  config.db_url = "sqlite3://db=x.db";
  EXPECT_NE(DatabaseUrl(config).status().message().find("only a mysql://"), std::string::npos);

  // On MariaDB, the service opens its database with the password from the file.
  if (GetParam() == "mysql") {
    std::string url = scratch_->url();
    const size_t at = url.find(" password=");
    ASSERT_NE(at, std::string::npos) << "the test server's URL names its password";
    const size_t end = url.find(' ', at + 1);
    const size_t start = at + strlen(" password=");
    const std::string password = url.substr(start, end == std::string::npos ? end : end - start);
    config.db_url = url.substr(0, at) + (end == std::string::npos ? "" : url.substr(end));
    config.db_password_file = write("mysql", password + "\n");
    auto host = ServiceHost::Create(config, {});
    ASSERT_TRUE(host.ok()) << host.status();
    config.db_password_file = write("wrong", "notThePassword");
    EXPECT_FALSE(ServiceHost::Create(config, {}).ok());
  }
  std::filesystem::remove_all(dir);
}

// --db-tls-*: TLS to MySQL added to the URL; a server beyond this machine refused
// without it, unless plaintext is meant.
TEST_P(DatabaseTest, TlsToMysqlIsAddedAndANetworkServerWithoutItIsRefused) {
  ServiceConfig config = testing::TestConfig("producer", "mysql://host=db.internal port=3306 db=d user=u");
  config.transport.plaintext_development = false;
  EXPECT_NE(DatabaseUrl(config).status().message().find(
                "the MySQL server at db.internal is reached over the network: give --db-tls-ca-file"),
            std::string::npos)
      << DatabaseUrl(config).status();
  config.db_tls_ca_file = "/etc/permanence/db-tls/ca.crt";
  EXPECT_EQ(DatabaseUrl(config).value(),
            "mysql://host=db.internal port=3306 db=d user=u sslca=/etc/permanence/db-tls/ca.crt");
  config.db_tls_cert_file = "/etc/permanence/db-tls/tls.crt";
  EXPECT_NE(DatabaseUrl(config).status().message().find("given together"), std::string::npos);
  config.db_tls_key_file = "/etc/permanence/db-tls/tls.key";
  EXPECT_EQ(DatabaseUrl(config).value(),
            "mysql://host=db.internal port=3306 db=d user=u sslca=/etc/permanence/db-tls/ca.crt "
            "sslcert=/etc/permanence/db-tls/tls.crt sslkey=/etc/permanence/db-tls/tls.key");
  // This machine's server needs no TLS; development may go without it anywhere.
  config = testing::TestConfig("producer", "mysql://host=127.0.0.1 port=3306 db=d user=u");
  config.transport.plaintext_development = false;
  EXPECT_TRUE(DatabaseUrl(config).ok());
  config.db_url = "mysql://host=db.internal db=d user=u";
  config.transport.plaintext_development = true;
  EXPECT_TRUE(DatabaseUrl(config).ok());
  // SQLite takes no TLS files.
  config.db_url = "sqlite3://db=x.db";
  config.db_tls_ca_file = "ca.crt";
  EXPECT_NE(DatabaseUrl(config).status().message().find("only a mysql://"), std::string::npos);
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

TEST_P(DatabaseTest, AStatementCommitsItselfAndIsNotRepeatedWhenItsConnectionIsLost) {
  auto db = Database::Open(scratch_->url(), 1).value();
  auto other = Database::Open(scratch_->url(), 1).value();
  ASSERT_TRUE(db->Transaction([](soci::session& sql) {
                  sql << "CREATE TABLE kept (x INTEGER NOT NULL)";
                  return absl::OkStatus();
                }).ok());
  auto count = [&] {
    int rows = 0;
    EXPECT_TRUE(other->Read([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM kept", soci::into(rows);
                    return absl::OkStatus();
                  }).ok());
    return rows;
  };
  auto insert = [](int x) {
    return [x](soci::session& sql) {
      sql << "INSERT INTO kept (x) VALUES (" + std::to_string(x) + "), (" + std::to_string(x + 1) + ")";
      return absl::OkStatus();
    };
  };
  ASSERT_TRUE(db->Statement(insert(1)).ok());
  EXPECT_EQ(count(), 2);  // committed: another session sees both rows
  // A statement that fails changes nothing: its first row is not kept without its second.
  EXPECT_EQ(db->Statement([](soci::session& sql) {
                sql << "INSERT INTO kept (x) VALUES (3), (NULL)";
                return absl::OkStatus();
              }).code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(count(), 2);

  if (GetParam() != "mysql") return;  // connections are killed on MySQL
  long long id = 0;
  ASSERT_TRUE(db->Read([&](soci::session& sql) {
                  sql << "SELECT CONNECTION_ID()", soci::into(id);
                  return absl::OkStatus();
                }).ok());
  int runs = 0;
  const absl::Status status = db->Statement([&](soci::session& sql) {
    ++runs;
    EXPECT_TRUE(other->Read([&](soci::session& admin) {
                    admin << "KILL CONNECTION " + std::to_string(id);
                    return absl::OkStatus();
                  }).ok());
    return insert(10)(sql);
  });
  // Whether the INSERT landed cannot be known from here: it is not run again.
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(count(), 2);
  EXPECT_TRUE(db->Statement(insert(20)).ok());  // the session is reconnected for the next
  EXPECT_EQ(count(), 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
