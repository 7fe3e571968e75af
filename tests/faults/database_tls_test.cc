// TLS to MySQL (docs/operations.md, "Transport security"): a MariaDB of the test's own
// that refuses connections without TLS (require_secure_transport), and a service that
// reaches it with --db-tls-ca-file — its migrations run, its session is encrypted —
// while the same URL without TLS is refused by the server; and adoptctl's provisioning
// and migrations, which a deployment runs against such a server, likewise.
#include <gtest/gtest.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "platform/testing/certificates.h"
#include "platform/testing/testing.h"
#include "tests/support/mariadb.h"
#include "tests/support/process.h"

namespace e2e {
namespace {

TEST(DatabaseTls, AServiceReachesADatabaseThatRequiresTlsOverTls) {
  platform::testing::TestCertificates certs;
  const std::string ca = certs.NewAuthority("database-ca");
  const auto server = certs.Issue(ca, "mariadb", "mariadb");
  MariaDbServer database({"--ssl-ca=" + ca, "--ssl-cert=" + server.cert, "--ssl-key=" + server.key,
                          "--require-secure-transport=ON"});
  std::string error;
  ASSERT_TRUE(database.Start(&error)) << error;
  ASSERT_TRUE(database.CreateDatabase("adoption_recruitment", &error)) << error;
  const std::string url = database.Url("adoption_recruitment");

  // Without TLS, the server refuses the connection.
  auto plain = platform::Database::Open(url, 1);
  EXPECT_FALSE(plain.ok());

  // With the CA: the service's host opens it, migrates, and its session is encrypted.
  platform::ServiceConfig config = platform::testing::TestConfig("recruitment", url);
  config.transport.plaintext_development = true;  // gRPC's TLS is not what this test is about
  config.db_tls_ca_file = ca;
  auto with_tls = platform::DatabaseUrl(config);
  ASSERT_TRUE(with_tls.ok()) << with_tls.status();
  EXPECT_NE(with_tls->find(" sslca=" + ca), std::string::npos);
  auto host = platform::ServiceHost::Create(config, {});
  ASSERT_TRUE(host.ok()) << host.status();
  std::string cipher;
  ASSERT_TRUE((*host)->db().Read([&](soci::session& sql) {
                        std::string name;
                        sql << "SHOW SESSION STATUS LIKE 'Ssl_cipher'", soci::into(name), soci::into(cipher);
                        return absl::OkStatus();
                      }).ok());
  EXPECT_FALSE(cipher.empty()) << "the session is not encrypted";
  EXPECT_GT(platform::testing::CountRows((*host)->db(), "schema_migrations"), 0);
}

TEST(DatabaseTls, AdoptctlProvisionsAndMigratesOverTls) {
  platform::testing::TestCertificates certs;
  const std::string ca = certs.NewAuthority("database-ca");
  const auto server = certs.Issue(ca, "mariadb", "mariadb");
  MariaDbServer database({"--ssl-ca=" + ca, "--ssl-cert=" + server.cert, "--ssl-key=" + server.key,
                          "--require-secure-transport=ON"});
  std::string error;
  ASSERT_TRUE(database.Start(&error)) << error;
  const std::string adoptctl = BuildDir() + "/tools/adoptctl/adoptctl";
  const std::string dir = ::testing::TempDir() + "/adoptctl-tls-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  // The test's user and password, from the URL the server gives its services.
  const std::string url = database.Url("adoption_panel");
  const std::string password = url.substr(url.find("password=") + 9);
  std::ofstream(dir + "/admin.password") << password << "\n";
  const std::string provision =
      absl::StrCat(adoptctl, " mysql provision --admin-url tcp://127.0.0.1:", database.port(),
                   " --admin-user permanence --admin-password-file ", dir, "/admin.password",
                   " --host-pattern 127.0.0.1 --secrets-dir ", dir, "/secrets");
  std::string out;
  EXPECT_NE(Shell(provision, &out), 0) << "provisioned without TLS: " << out;
  out.clear();
  ASSERT_EQ(Shell(provision + " --admin-tls-ca-file " + ca, &out), 0) << out;
  EXPECT_NE(out.find("adoption_panel"), std::string::npos) << out;

  std::ofstream(dir + "/panel.url") << url << "\n";
  const std::string migrate = absl::StrCat(adoptctl, " migrate --service panel --db-url-file ", dir, "/panel.url");
  out.clear();
  EXPECT_NE(Shell(migrate, &out), 0) << "migrated without TLS: " << out;
  out.clear();
  ASSERT_EQ(Shell(migrate + " --db-tls-ca-file " + ca, &out), 0) << out;
  EXPECT_NE(out.find("panel: migrations applied"), std::string::npos) << out;

  // Two users (docs/deployment.md, "Database users"): the migrating user owns the schema
  // and grants the runtime user its tables; the runtime user adds to the audit log but
  // can neither change nor delete it, nor change the schema.
  auto read = [](const std::string& path) {
    std::ifstream in(path);
    std::string s;
    std::getline(in, s);
    return s;
  };
  const std::string at = absl::StrCat("mysql://host=127.0.0.1 port=", database.port(), " db=adoption_panel user=");
  std::ofstream(dir + "/panel.migrate.url") << at << "panel_migrate password=" << read(dir + "/secrets/panel.migrate.password")
                                            << "\n";
  const std::string runtime_url = at + "panel_svc password=" + read(dir + "/secrets/panel.password");
  auto runtime_may = [&](const std::string& statement) -> std::string {
    try {
      soci::session sql(soci::mysql, runtime_url.substr(8) + " sslca=" + ca);
      sql << statement;
      return "";
    } catch (const soci::soci_error& e) {
      return e.what();
    }
  };
  // Before the runtime user is granted anything, it reaches nothing.
  EXPECT_NE(runtime_may("SELECT COUNT(*) FROM audit_log"), "");
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(adoptctl, " migrate --service panel --db-url-file ", dir,
                               "/panel.migrate.url --db-tls-ca-file ", ca, " --grant-to panel_svc@127.0.0.1"),
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("panel_svc@127.0.0.1 granted its tables"), std::string::npos) << out;
  EXPECT_EQ(runtime_may("SELECT COUNT(*) FROM audit_log"), "");
  EXPECT_EQ(runtime_may("INSERT INTO audit_log SELECT * FROM audit_log WHERE 1 = 0"), "");
  EXPECT_EQ(runtime_may("UPDATE outbox SET type = type WHERE 1 = 0"), "");
  EXPECT_EQ(runtime_may("DELETE FROM consumer_inbox WHERE 1 = 0"), "");
  EXPECT_EQ(runtime_may("INSERT INTO record_disposals SELECT * FROM record_disposals WHERE 1 = 0"), "");
  EXPECT_EQ(runtime_may("UPDATE legal_holds SET reason = reason WHERE 1 = 0"), "");
  // A tombstone, like an audit entry, stays as it was written.
  for (const char* refused : {"UPDATE audit_log SET actor = actor WHERE 1 = 0", "DELETE FROM audit_log WHERE 1 = 0",
                              "UPDATE record_disposals SET decision = decision WHERE 1 = 0",
                              "DELETE FROM record_disposals WHERE 1 = 0",
                              "DROP TABLE audit_log", "TRUNCATE TABLE audit_log", "CREATE TABLE extra (a INT)",
                              "ALTER TABLE outbox ADD COLUMN extra INT", "DELETE FROM schema_migrations"}) {
    EXPECT_NE(runtime_may(refused).find("denied"), std::string::npos) << refused << ": " << runtime_may(refused);
  }
  // The service, as its runtime user: a migrated database opens; one with a migration
  // pending is refused, naming what to run.
  {
    auto db = platform::Database::Open(runtime_url + " sslca=" + ca, 1);
    ASSERT_TRUE(db.ok()) << db.status();
    EXPECT_TRUE((*db)->Migrate("platform", platform::PlatformMigrations()).ok());
    const absl::Status pending =
        (*db)->Migrate("extra", {platform::EmbeddedFile{"0001_extra.mysql.sql", "CREATE TABLE extra (a INT)"}});
    EXPECT_EQ(pending.code(), absl::StatusCode::kFailedPrecondition) << pending;
    EXPECT_NE(pending.message().find("run `adoptctl migrate` as the service's migrating user"), std::string::npos)
        << pending;
  }

  // A server beyond this machine is not reached without TLS, unless development says so.
  std::ofstream(dir + "/far.url") << "mysql://host=db.example.org port=3306 db=adoption_panel user=u password=p\n";
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(adoptctl, " migrate --service panel --db-url-file ", dir, "/far.url"), &out), 0);
  EXPECT_NE(out.find("is reached over the network: give --db-tls-ca-file"), std::string::npos) << out;
  out.clear();
  EXPECT_NE(Shell(absl::StrCat("ADOPTION_ADMIN_PASSWORD=x ", adoptctl, " mysql provision --admin-url tcp://db.example.org:3306"),
                  &out), 0);
  EXPECT_NE(out.find("give --admin-tls-ca-file"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace e2e
