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
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/server/log.h"

namespace platform {
namespace {

constexpr int kMaxAttempts = 5;
// How long a caller waits for a free pooled session before UNAVAILABLE.
constexpr int kLeaseTimeoutMillis = 10000;
// A MySQL URL's timeouts unless it names its own: connecting, and each read or write
// on the wire (the longest statement a report may run). Readiness's own session uses
// the short one throughout, so a hung database shows as NOT_SERVING within seconds.
constexpr absl::string_view kConnectTimeout = "5", kReadWriteTimeout = "30", kPingTimeout = "5";

enum class Failure { kRetry, kReconnect, kFatal };

// MySQL: 1213 deadlock, 1205 lock wait timeout, 1062 (below) retried; the connection
// gone or going — 2002/2003 cannot connect, 2006 gone away, 2013/2055 lost, 1053
// shutdown in progress, 1927 connection killed, 4031 disconnected for inactivity —
// reconnected. SQLite: BUSY (5) / LOCKED (6).
Failure Classify(const soci::soci_error& e) {
  if (auto* m = dynamic_cast<const soci::mysql_soci_error*>(&e)) {
    // 1062 (duplicate key) too: two concurrent creates with one request id race on
    // idempotency_keys, and the retry then finds the winner's row.
    switch (m->err_num_) {
      case 1213: case 1205: case 1062:
        return Failure::kRetry;
      case 2002: case 2003: case 2006: case 2013: case 2055: case 1053: case 1927: case 4031:
        return Failure::kReconnect;
      default:
        return Failure::kFatal;
    }
  }
  if (auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int rc = s->result() & 0xff;
    if (rc == 5 || rc == 6) return Failure::kRetry;
  }
  // SOCI's sqlite backend reports some busy errors only in the message; a session
  // whose reconnect failed has no backend until the next one succeeds.
  if (absl::StrContains(e.what(), "database is locked")) return Failure::kRetry;
  if (absl::StrContains(e.what(), "Session is not connected")) return Failure::kReconnect;
  return Failure::kFatal;
}

}  // namespace

bool IsDuplicateKey(const soci::soci_error& e) {
  if (auto* m = dynamic_cast<const soci::mysql_soci_error*>(&e)) return m->err_num_ == 1062;
  if (auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return (s->result() & 0xff) == 19 && absl::StrContains(e.what(), "UNIQUE constraint failed");
  }
  return false;
}

namespace {

// What every session needs, at open and again after a reconnect.
void ApplySessionSettings(soci::session& s, Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    // WAL lets readers run beside the writer; NORMAL is durable in WAL mode
    // across application crashes (stack.md: the default journal gave ~1.5k tx/s).
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA synchronous=NORMAL";
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA busy_timeout=10000";
  } else {
    // Read committed: a transaction sees rows committed before each statement,
    // which the outbox sequencer relies on.
    s << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
    s << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'";
  }
}

// A SOCI connection string ("key=value key=value") with `key` set to `value`: only
// when it names no `key` of its own, unless `replace`.
std::string WithOption(absl::string_view params, absl::string_view key, absl::string_view value, bool replace) {
  std::vector<std::string> parts = absl::StrSplit(params, ' ');
  const std::string prefix = absl::StrCat(key, "=");
  bool named = false;
  for (std::string& part : parts) {
    if (!absl::StartsWith(part, prefix)) continue;
    named = true;
    if (replace) part = absl::StrCat(prefix, value);
  }
  if (!named) parts.push_back(absl::StrCat(prefix, value));
  return absl::StrJoin(parts, " ");
}

void Pause(int attempt) { std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt)); }

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
    : dialect_(dialect),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      lost_(static_cast<std::size_t>(pool_size), 0) {}

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
  if (dialect == Dialect::kSqlite) {
    params = WithOption(params, "timeout", "10", false);
  } else {
    params = WithOption(params, "connect_timeout", kConnectTimeout, false);
    params = WithOption(params, "read_timeout", kReadWriteTimeout, false);
    params = WithOption(params, "write_timeout", kReadWriteTimeout, false);
  }
  try {
    for (int i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (dialect == Dialect::kSqlite) {
        s.open(soci::sqlite3, params);
      } else {
        s.open(soci::mysql, params);
      }
      ApplySessionSettings(s, dialect);
    }
    if (dialect == Dialect::kMysql) {
      std::string ping = params;
      for (const char* key : {"connect_timeout", "read_timeout", "write_timeout"}) {
        ping = WithOption(ping, key, kPingTimeout, true);
      }
      db->ping_session_ = std::make_unique<soci::session>(soci::mysql, ping);
    }
  } catch (const soci::soci_error& e) {
    // The message may contain the connection string: log only the kind of failure.
    return absl::UnavailableError(absl::StrCat("cannot open database: ", e.get_error_message()));
  }
  return db;
}

int Database::sessions_in_use() const { return in_use_.load(); }
double Database::lease_wait_seconds() const { return static_cast<double>(lease_wait_micros_.load()) / 1e6; }

absl::Status Database::Transaction(const Work& work) { return Run(work, Mode::kTransaction); }
absl::Status Database::Read(const Work& work) { return Run(work, Mode::kRead); }
absl::Status Database::Statement(const Work& work) { return Run(work, Mode::kStatement); }

absl::Status Database::Run(const Work& work, Mode mode) {
  const bool transaction = mode == Mode::kTransaction;
  for (int attempt = 1;; ++attempt) {
    const auto asked = std::chrono::steady_clock::now();
    std::size_t position = 0;
    if (!pool_->try_lease(position, kLeaseTimeoutMillis)) {
      return absl::UnavailableError("every database session is busy; try again");
    }
    lease_wait_micros_ += std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - asked).count();
    in_use_++;
    struct GiveBack {
      Database& db;
      std::size_t position;
      ~GiveBack() {
        db.in_use_--;
        db.pool_->give_back(position);
      }
    } give_back{*this, position};
    if (lost_[position] && !Reconnect(position)) {
      if (attempt >= kMaxAttempts) return absl::UnavailableError("the database cannot be reached; try again");
      Pause(attempt);
      continue;
    }
    soci::session& sql = pool_->at(position);
    // Where a failure struck decides what may be retried: a lost COMMIT may have landed.
    enum class Stage { kBegin, kWork, kCommit, kRollback } stage = Stage::kBegin;
    absl::Status status;
    try {
      if (transaction) {
        // IMMEDIATE takes SQLite's write lock up front, so two writers never
        // deadlock upgrading a read lock (which SQLite reports as BUSY at once).
        sql << (dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION");
      }
      stage = Stage::kWork;
      status = work(sql);
      if (transaction) {
        stage = status.ok() ? Stage::kCommit : Stage::kRollback;
        sql << (status.ok() ? "COMMIT" : "ROLLBACK");
      }
      return status;
    } catch (const soci::soci_error& e) {
      Failure failure = Classify(e);
      if (transaction && stage == Stage::kWork) {
        try {
          sql << "ROLLBACK";
        } catch (const soci::soci_error&) {
          failure = Failure::kReconnect;
        }
      }
      if (failure == Failure::kReconnect) lost_[position] = true;
      // The work's own refusal stands; a transaction on a lost connection is rolled back.
      if (stage == Stage::kRollback) return status;
      // A statement that commits itself may have landed like a COMMIT.
      const bool committing = stage == Stage::kCommit || (mode == Mode::kStatement && stage == Stage::kWork);
      if (committing && failure == Failure::kReconnect) {
        log::Error("db_commit_outcome_unknown", {{"error", e.get_error_message()}});
        return absl::UnavailableError(
            "the database connection was lost while committing, so the change may or may not have been made; "
            "repeat the request with the same request id");
      }
      if (failure == Failure::kFatal) {
        log::Error("db_error", {{"error", e.get_error_message()}, {"attempt", absl::StrCat(attempt)}});
        return absl::InternalError("database error");
      }
      if (attempt >= kMaxAttempts) {
        log::Warn("db_unavailable", {{"error", e.get_error_message()}, {"attempt", absl::StrCat(attempt)}});
        return absl::UnavailableError(failure == Failure::kReconnect ? "the database cannot be reached; try again"
                                                                     : "database busy; try again");
      }
      if (failure == Failure::kReconnect) (void)Reconnect(position);
      Pause(attempt);
    } catch (const RunAgain&) {
      // Not a failure: the work learnt what it needs to run right (db.h). At once.
      if (transaction && stage == Stage::kWork) {
        try {
          sql << "ROLLBACK";
        } catch (const soci::soci_error&) {
          lost_[position] = true;
        }
      }
      if (attempt >= kMaxAttempts) return absl::InternalError("the transaction had to begin again too often");
    } catch (...) {
      if (transaction && stage == Stage::kWork) {
        try {
          sql << "ROLLBACK";
        } catch (...) {
        }
      }
      throw;
    }
  }
}

bool Database::Reconnect(std::size_t position) {
  soci::session& s = pool_->at(position);
  try {
    s.reconnect();
    ApplySessionSettings(s, dialect_);
    lost_[position] = false;
    return true;
  } catch (const soci::soci_error&) {
    lost_[position] = true;
    return false;
  }
}

absl::Status Database::Ping() {
  auto select_one = [](soci::session& sql) {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return one == 1 ? absl::OkStatus() : absl::UnavailableError("database ping failed");
  };
  if (!ping_session_) return Read(select_one);
  std::lock_guard<std::mutex> lock(ping_mu_);
  try {
    if (ping_lost_) {
      ping_session_->reconnect();
      ping_lost_ = false;
    }
    return select_one(*ping_session_);
  } catch (const soci::soci_error& e) {
    ping_lost_ = true;
    return absl::UnavailableError(absl::StrCat("the database cannot be reached: ", e.get_error_message()));
  }
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
      // In short waits, each inside the session's read timeout: two minutes in all.
      int got = 0;
      for (int wait = 0; wait < 12 && got != 1; ++wait) {
        soci::indicator ind;
        sql << "SELECT GET_LOCK('schema_migrations', 10)", soci::into(got, ind);
      }
      if (got != 1) return absl::UnavailableError("could not take the migrations lock");
    }
    // A service's runtime user may not change the schema (MySQL: docs/deployment.md,
    // "Database users"): with everything applied, nothing here needs more than SELECT.
    int has_table = 0;
    if (dialect_ == Dialect::kMysql) {
      sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
             "AND table_name = 'schema_migrations'",
          soci::into(has_table);
    }
    if (!has_table) {
      sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
             "component VARCHAR(64) NOT NULL, version INTEGER NOT NULL, name VARCHAR(255) NOT NULL, "
             "applied_at BIGINT NOT NULL, PRIMARY KEY (component, version))";
    }
    for (const auto& [version, file] : by_version) {
      int seen = 0;
      sql << "SELECT COUNT(*) FROM schema_migrations WHERE component = :c AND version = :v",
          soci::use(component), soci::use(version), soci::into(seen);
      if (seen) continue;
      try {
        for (const auto& statement : Statements(file->content)) sql << statement;
      } catch (const soci::soci_error& e) {
        const std::string why = e.get_error_message();
        // MySQL's "command denied" (1142) and "access denied" (1044): this user may not.
        if (why.find("command denied") == std::string::npos && why.find("Access denied") == std::string::npos) {
          throw;
        }
        if (dialect_ == Dialect::kMysql) {
          int released = 0;
          sql << "SELECT RELEASE_LOCK('schema_migrations')", soci::into(released);
        }
        return absl::FailedPreconditionError(absl::StrCat(
            component, " migration ", file->name, " is not applied, and this database user may not apply it (",
            why, "): run `adoptctl migrate` as the service's migrating user (docs/deployment.md, \"Database users\")"));
      }
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
