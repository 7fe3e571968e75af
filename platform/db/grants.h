#pragma once
// A service's two MySQL users (docs/deployment.md, "Database users"): the migrating user
// owns the schema; the runtime user the service runs as reads and writes its tables but
// may only add to the audit log — never change or delete what it says — and may not
// change the schema. MySQL cannot take one table out of a database-wide grant, so the
// runtime user's privileges are granted table by table, after each migration run.
#include <string>

#include "absl/status/status.h"
#include "platform/db/db.h"

namespace platform {

// What the runtime user may do with `table`: "SELECT, INSERT" on the audit log, "SELECT"
// on the migrations' own record, "SELECT, INSERT, UPDATE, DELETE" on every other.
std::string RuntimePrivileges(const std::string& table);

// `user_at_host` ("recruitment_svc", or "recruitment_svc@10.0.%"; host "%" when none) as
// MySQL writes an account ('recruitment_svc'@'%'); INVALID_ARGUMENT when it is not one.
absl::StatusOr<std::string> MysqlAccount(const std::string& user_at_host);

// Grants `user_at_host` its privileges on every table of `db`'s database (MySQL only),
// as a user holding them WITH GRANT OPTION (the migrating user). Safe to repeat.
absl::Status GrantRuntimeUser(Database& db, const std::string& user_at_host);

}  // namespace platform
