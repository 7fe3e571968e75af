// adoptctl against real things: a token the services accept, health of a running
// service, migrations on a scratch database, least-privilege MySQL provisioning,
// and an event log read.
#include <gtest/gtest.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "platform/auth.h"
#include "platform/db.h"
#include "platform/testing/testing.h"
#include "tests/support/process.h"

namespace e2e {
namespace {

std::string Adoptctl() { return BuildDir() + "/tools/adoptctl/adoptctl"; }

// "mysql://host=H port=P user=U password=W" -> its fields.
std::map<std::string, std::string> UrlFields(const std::string& url) {
  std::map<std::string, std::string> out;
  for (absl::string_view part : absl::StrSplit(url.substr(strlen("mysql://")), ' ', absl::SkipEmpty())) {
    auto eq = part.find('=');
    out[std::string(part.substr(0, eq))] = std::string(part.substr(eq + 1));
  }
  return out;
}

TEST(Adoptctl, TokenHealthMigrateAndEventsWorkAgainstARealService) {
  platform::testing::ScratchDatabase db("sqlite");
  std::string out;
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " migrate --service recruitment --db-url '", db.url(), "'"), &out), 0) << out;
  auto opened = platform::Database::Open(db.url(), 1).value();
  EXPECT_EQ(platform::testing::CountRows(*opened, "households"), 0);  // the table exists
  EXPECT_EQ(platform::testing::CountRows(*opened, "schema_migrations"), 3);  // platform 0001-0002, recruitment 0001

  Process svc("recruitment", BuildDir() + "/recruitment-svc/recruitment-svc",
              {"--grpc-address=127.0.0.1:0", "--metrics-port=0", "--metrics-address=127.0.0.1",
               "--db-url=" + db.url(), "--jwt-secret=" + Secret()});
  ASSERT_TRUE(svc.Start()) << svc.LogTail();
  const std::string target = absl::StrCat("127.0.0.1:", svc.Port("grpc_port"));
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " health --target ", target), &out), 0) << out;
  EXPECT_NE(out.find("SERVING"), std::string::npos);
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(Adoptctl(), " health --target 127.0.0.1:1"), &out), 0);  // nothing listens there

  // A minted token carries the role and verifies with the services' secret.
  std::string token;
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " token --role recruitment_worker --jwt-secret ", Secret()), &token), 0);
  token.erase(token.find_last_not_of("\n") + 1);
  platform::AuthConfig auth;
  auth.hs256_secret = Secret();
  auto principal = platform::TokenVerifier::Create(auth).value()->Verify(token);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->Has(platform::Role::kRecruitmentWorker));
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(Adoptctl(), " token --role superuser --jwt-secret ", Secret()), &out), 0);
  EXPECT_NE(out.find("unknown role"), std::string::npos);
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " events tail --target ", target, " --jwt-secret ", Secret()), &out), 0)
      << out;
}

TEST(Adoptctl, MysqlProvisioningGivesEachServiceItsOwnDatabaseAndNothingElse) {
  const char* admin = getenv("ADOPTION_TEST_MYSQL_URL");
  if (!admin) {
    if (platform::testing::MysqlRequired()) FAIL() << "needs MariaDB";
    GTEST_SKIP() << "needs MariaDB (scripts/test)";
  }
  auto f = UrlFields(admin);
  char dir[] = "/tmp/adoptctl-secrets-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string out;
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " mysql provision --admin-url tcp://", f["host"], ":", f["port"],
                             " --admin-user ", f["user"], " --admin-password ", f["password"],
                             " --host-pattern 127.0.0.1 --secrets-dir ", dir),
                &out),
            0)
      << out;
  for (const std::string ctx : {"recruitment", "panel"}) {
    std::string password;
    ASSERT_EQ(Shell(absl::StrCat("cat ", dir, "/", ctx, ".password"), &password), 0);
    password.erase(password.find_last_not_of("\n") + 1);
    auto own = platform::Database::Open(absl::StrCat("mysql://host=", f["host"], " port=", f["port"], " db=adoption_",
                                                     ctx, " user=", ctx, "_svc password=", password),
                                        1);
    ASSERT_TRUE(own.ok()) << ctx << ": " << own.status();
    // The service's migrations run with its own user.
    out.clear();
    EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " migrate --service ", ctx, " --db-url 'mysql://host=", f["host"],
                               " port=", f["port"], " db=adoption_", ctx, " user=", ctx, "_svc password=", password,
                               "'"),
                  &out),
              0)
        << out;
    const std::string other = ctx == "panel" ? "recruitment" : "panel";
    auto foreign = platform::Database::Open(absl::StrCat("mysql://host=", f["host"], " port=", f["port"],
                                                         " db=adoption_", other, " user=", ctx,
                                                         "_svc password=", password),
                                            1);
    EXPECT_FALSE(foreign.ok()) << ctx << " must not reach adoption_" << other;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace e2e
