// TLS to MySQL (docs/operations.md, "Transport security"): a MariaDB of the test's own
// that refuses connections without TLS (require_secure_transport), and a service that
// reaches it with --db-tls-ca-file — its migrations run, its session is encrypted —
// while the same URL without TLS is refused by the server.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>

#include "platform/testing/certificates.h"
#include "platform/testing/testing.h"
#include "tests/support/mariadb.h"

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

}  // namespace
}  // namespace e2e
