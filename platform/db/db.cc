#include "platform/db/db.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cstring>
#include <chrono>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/server/log.h"

namespace platform {
namespace {

constexpr int kMaxAttempts = 5;

enum class Failure { kRetry, kReconnect, kFatal };

// MySQL: 1213 deadlock, 1205 lock wait timeout, 2006/2013 connection lost.
// SQLite: BUSY (5) / LOCKED (6).
Failure Classify(const soci::soci_error& e) {
  if (auto* m = dynamic_cast<const soci::mysql_soci_error*>(&e)) {
    // 1062 (duplicate key) too: two concurrent creates with one request id race on
    // idempotency_keys, and the retry then finds the winner's row.
    if (m->err_num_ == 1213 || m->err_num_ == 1205 || m->err_num_ == 1062) return Failure::kRetry;
    if (m->err_num_ == 2006 || m->err_num_ == 2013) return Failure::kReconnect;
    return Failure::kFatal;
  }
  if (auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int rc = s->result() & 0xff;
    if (rc == 5 || rc == 6) return Failure::kRetry;
  }
  // SOCI's sqlite backend reports some busy errors only in the message.
  if (absl::StrContains(e.what(), "database is locked")) return Failure::kRetry;
  return Failure::kFatal;
}

// Splits a migration into statements: ';' at the end of a line ends one; lines
// starting with "--" are comments.
std::vector<std::string> Statements(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(trimmed, ";")) {
      current = std::string(absl::StripTrailingAsciiWhitespace(current));
      current.pop_back();
      out.push_back(current);
      current.clear();
    }
  }
  if (!std::string(absl::StripAsciiWhitespace(current)).empty()) out.push_back(current);
  return out;
}

}  // namespace

long long NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Database::Database(Dialect dialect, int pool_size)
    : dialect_(dialect), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& url, int pool_size) {
  Dialect dialect;
  std::string params;
  if (absl::StartsWith(url, "sqlite3://")) {
    dialect = Dialect::kSqlite;
    params = url.substr(strlen("sqlite3://"));
  } else if (absl::StartsWith(url, "mysql://")) {
    dialect = Dialect::kMysql;
    params = url.substr(strlen("mysql://"));
    if (!absl::StrContains(params, "charset=")) absl::StrAppend(&params, " charset=utf8mb4");
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("database URL must start with sqlite3:// or mysql:// (got '", url.substr(0, 10), "...')"));
  }
  if (pool_size < 1) return absl::InvalidArgumentError("database pool size must be at least 1");
  std::unique_ptr<Database> db(new Database(dialect, pool_size));
  try {
    for (int i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (dialect == Dialect::kSqlite) {
        if (!absl::StrContains(params, "timeout=")) absl::StrAppend(&params, " timeout=10");
        s.open(soci::sqlite3, params);
        // WAL lets readers run beside the writer; NORMAL is durable in WAL mode
        // across application crashes (stack.md: the default journal gave ~1.5k tx/s).
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=NORMAL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=10000";
      } else {
        s.open(soci::mysql, params);
        // Read committed: a transaction sees rows committed before each statement,
        // which the outbox sequencer relies on.
        s << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
        s << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'";
      }
    }
  } catch (const soci::soci_error& e) {
    // The message may contain the connection string: log only the kind of failure.
    return absl::UnavailableError(absl::StrCat("cannot open database: ", e.get_error_message()));
  }
  return db;
}

int Database::sessions_in_use() const { return in_use_.load(); }
double Database::lease_wait_seconds() const { return static_cast<double>(lease_wait_micros_.load()) / 1e6; }

absl::Status Database::Transaction(const Work& work) { return Run(work, true); }
absl::Status Database::Read(const Work& work) { return Run(work, false); }

absl::Status Database::Run(const Work& work, bool transaction) {
  for (int attempt = 1;; ++attempt) {
    auto asked = std::chrono::steady_clock::now();
    soci::session sql(*pool_);
    lease_wait_micros_ += std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - asked).count();
    in_use_++;
    struct Release {
      std::atomic<int>& n;
      ~Release() { n--; }
    } release{in_use_};
    bool open = false;
    try {
      if (transaction) {
        // IMMEDIATE takes SQLite's write lock up front, so two writers never
        // deadlock upgrading a read lock (which SQLite reports as BUSY at once).
        sql << (dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION");
        open = true;
      }
      absl::Status status = work(sql);
      if (transaction) {
        open = false;
        if (status.ok()) {
          sql << "COMMIT";
        } else {
          sql << "ROLLBACK";
        }
      }
      return status;
    } catch (const soci::soci_error& e) {
      Failure failure = Classify(e);
      if (open) {
        try {
          sql << "ROLLBACK";
        } catch (const soci::soci_error&) {
          failure = Failure::kReconnect;
        }
      }
      if (failure == Failure::kReconnect) {
        try {
          sql.reconnect();
          if (dialect_ == Dialect::kMysql) sql << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
        } catch (const soci::soci_error&) {
          if (attempt >= kMaxAttempts) return absl::UnavailableError("database unavailable");
        }
      }
      if (failure == Failure::kFatal || attempt >= kMaxAttempts) {
        log::Error("db_error", {{"error", e.get_error_message()}, {"attempt", absl::StrCat(attempt)}});
        return failure == Failure::kFatal ? absl::InternalError("database error")
                                          : absl::UnavailableError("database busy; try again");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
    } catch (...) {
      if (open) {
        try {
          sql << "ROLLBACK";
        } catch (...) {
        }
      }
      throw;
    }
  }
}

absl::Status Database::Ping() {
  return Read([](soci::session& sql) {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return one == 1 ? absl::OkStatus() : absl::UnavailableError("database ping failed");
  });
}

absl::Status Database::Migrate(const std::string& component, const std::vector<EmbeddedFile>& files) {
  // version -> file, for this dialect; a plain .sql and a dialect file of the
  // same version would be ambiguous.
  const std::string mine = dialect_ == Dialect::kSqlite ? ".sqlite.sql" : ".mysql.sql";
  const std::string other = dialect_ == Dialect::kSqlite ? ".mysql.sql" : ".sqlite.sql";
  std::map<int, const EmbeddedFile*> by_version;
  for (const auto& f : files) {
    if (absl::EndsWith(f.name, other)) continue;
    int version;
    if (f.name.size() < 6 || f.name[4] != '_' || !absl::SimpleAtoi(f.name.substr(0, 4), &version)) {
      return absl::InvalidArgumentError(absl::StrCat(component, " migration '", f.name, "' is not named NNNN_name.sql"));
    }
    if (!by_version.emplace(version, &f).second) {
      return absl::InvalidArgumentError(absl::StrCat(component, " has two migrations numbered ", version));
    }
  }
  return Transaction([&](soci::session& sql) -> absl::Status {
    if (dialect_ == Dialect::kMysql) {
      // Replicas starting together: one migrates, the others wait for it.
      int got = 0;
      sql << "SELECT GET_LOCK('schema_migrations', 120)", soci::into(got);
      if (got != 1) return absl::UnavailableError("could not take the migrations lock");
    }
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "component VARCHAR(64) NOT NULL, version INTEGER NOT NULL, name VARCHAR(255) NOT NULL, "
           "applied_at BIGINT NOT NULL, PRIMARY KEY (component, version))";
    for (const auto& [version, file] : by_version) {
      int seen = 0;
      sql << "SELECT COUNT(*) FROM schema_migrations WHERE component = :c AND version = :v",
          soci::use(component), soci::use(version), soci::into(seen);
      if (seen) continue;
      for (const auto& statement : Statements(file->content)) sql << statement;
      long long now = NowMicros();
      sql << "INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (:c, :v, :n, :t)",
          soci::use(component), soci::use(version), soci::use(file->name), soci::use(now);
      log::Info("migration_applied", {{"component", component}, {"migration", file->name}});
    }
    if (dialect_ == Dialect::kMysql) {
      int released = 0;
      sql << "SELECT RELEASE_LOCK('schema_migrations')", soci::into(released);
    }
    return absl::OkStatus();
  });
}

}  // namespace platform
