#include "platform/db/grants.h"

#include <soci/soci.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace platform {

std::string RuntimePrivileges(const std::string& table) {
  // What happened stays as it was written: who saw what, and what was disposed of.
  if (table == "audit_log" || table == "record_disposals") return "SELECT, INSERT";
  if (table == "schema_migrations") return "SELECT";
  return "SELECT, INSERT, UPDATE, DELETE";
}

absl::StatusOr<std::string> MysqlAccount(const std::string& user_at_host) {
  const size_t at = user_at_host.find('@');
  const std::string user = user_at_host.substr(0, at);
  const std::string host = at == std::string::npos ? "%" : user_at_host.substr(at + 1);
  // They go inside SQL quotes: letters, digits and the few marks accounts use, nothing else.
  auto only = [](const std::string& s, const std::string& marks) {
    if (s.empty() || s.size() > 80) return false;
    for (unsigned char c : s) {
      if (!absl::ascii_isalnum(c) && marks.find(static_cast<char>(c)) == std::string::npos) return false;
    }
    return true;
  };
  if (!only(user, "_-") || !only(host, ".%_-:")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", user_at_host, "' is not a MySQL account: USER or USER@HOST (letters, digits, _ and -; a host pattern)"));
  }
  return absl::StrCat("'", user, "'@'", host, "'");
}

absl::Status GrantRuntimeUser(Database& db, const std::string& user_at_host) {
  if (db.dialect() != Dialect::kMysql) {
    return absl::FailedPreconditionError("database users are MySQL's: a SQLite file has none to grant");
  }
  absl::StatusOr<std::string> account = MysqlAccount(user_at_host);
  if (!account.ok()) return account.status();
  return db.Read([&](soci::session& sql) -> absl::Status {
    std::string schema;
    sql << "SELECT DATABASE()", soci::into(schema);
    std::vector<std::string> tables(1000);
    sql << "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
           "AND table_type = 'BASE TABLE'",
        soci::into(tables);
    for (const auto& table : tables) {
      // Table-level grants only: none at the database's level, which would reach the audit
      // log too (adoptctl mysql provision takes those away).
      sql << absl::StrCat("GRANT ", RuntimePrivileges(table), " ON `", schema, "`.`", table, "` TO ", *account);
    }
    return absl::OkStatus();
  });
}

}  // namespace platform
