#pragma once
// Test support shared by every service's tests: databases on both backends, an
// in-process service host on port 0, and tokens.
//
// MySQL/MariaDB tests use the server named by ADOPTION_TEST_MYSQL_URL (an admin
// URL without db=, as scripts/test sets it); each test gets its own scratch
// database. Without it they are skipped, unless ADOPTION_REQUIRE_MYSQL=1 (as
// scripts/test sets), when they fail.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "platform/auth.h"
#include "platform/db.h"
#include "platform/rpc.h"
#include "platform/server.h"

namespace platform::testing {

// "sqlite" and "mysql": the backends a store test runs on.
std::vector<std::string> Backends();

// A fresh, empty database on `backend`; the URL stays valid for the test's life.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& backend);
  ~ScratchDatabase();
  // Empty when the backend is unavailable (the test should skip).
  const std::string& url() const { return url_; }
  bool available() const { return !url_.empty(); }
  std::string skip_reason() const { return skip_reason_; }

 private:
  std::string url_, dir_, mysql_admin_, mysql_db_, skip_reason_;
};

// Skips (or fails, under ADOPTION_REQUIRE_MYSQL=1) when the scratch database is unavailable.
#define SKIP_IF_UNAVAILABLE(db)                                                 \
  do {                                                                          \
    if (!(db).available()) {                                                    \
      if (::platform::testing::MysqlRequired()) FAIL() << (db).skip_reason();   \
      GTEST_SKIP() << (db).skip_reason();                                       \
    }                                                                           \
  } while (0)
bool MysqlRequired();

// The dev secret tests sign with.
const AuthConfig& TestAuth();
std::string TokenFor(std::vector<Role> roles, const std::string& subject = "worker-1");

// Metadata for a call: bearer token for `roles` (none: no authorization header).
void Authorize(grpc::ClientContext& ctx, std::vector<Role> roles);

// A ServiceHost on 127.0.0.1:0 with metrics on port 0, over `db_url`.
ServiceConfig TestConfig(const std::string& name, const std::string& db_url);

// Calls every RPC of `service` that `policies` lists with a token for each role in
// turn (and an empty request) and returns "Method as role: ..." for each call whose
// PERMISSION_DENIED-or-not disagrees with the table. RPCs the table does not list
// are declared for later issues and answered UNIMPLEMENTED by gRPC; they are
// reported if they answer anything else.
std::vector<std::string> PolicyMismatches(int port, const std::string& service, const PolicyTable& policies);

// Counts rows in a table (row-count checks that bad input wrote nothing).
long long CountRows(Database& db, const std::string& table);

}  // namespace platform::testing
