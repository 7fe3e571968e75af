#pragma once
// The database: a SOCI connection pool opened from one URL, transactions, and the
// migrations runner. The same store code runs on SQLite (embedded default, unit
// tests) and MySQL/MariaDB (production, integration suite).
//   sqlite3://db=var/recruitment.db
//   mysql://host=127.0.0.1 port=3306 db=adoption_recruitment user=u password=p
// A MySQL URL gets connect/read/write timeouts unless it names its own, and a session
// whose connection was lost is reconnected, with its settings, when next leased
// (docs/operations.md, "The database going away").
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/embedded.h"

namespace soci {
class session;
class connection_pool;
class soci_error;
}  // namespace soci

namespace platform {

enum class Dialect { kSqlite, kMysql };

class Database {
 public:
  using Work = std::function<absl::Status(soci::session&)>;

  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& url, int pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  int pool_size() const { return pool_size_; }

  // Runs `work` in one transaction: commits when it returns OK, rolls back when it
  // returns an error or throws. A deadlock, a busy database or a lost connection is
  // retried (bounded), so `work` must be safe to run again. SOCI errors become
  // INTERNAL, or UNAVAILABLE when trying again later can succeed — including a
  // connection lost during COMMIT, which is not retried: the change may have been made,
  // so only the caller can repeat it (with its request id).
  absl::Status Transaction(const Work& work);
  // Runs `work` on a pooled session outside an explicit transaction (plain reads).
  absl::Status Read(const Work& work);
  // Runs `work`, one statement that commits itself (a multi-row INSERT), outside an
  // explicit transaction: a write in one round trip, not three. A deadlock or a busy
  // database is retried (the statement was undone); a connection lost while it ran is
  // not — it may have committed — and is UNAVAILABLE, as for a lost COMMIT.
  absl::Status Statement(const Work& work);
  // A round trip on a session of its own with short timeouts: readiness. It answers
  // within seconds when the database hangs, and does not wait for a busy pool.
  absl::Status Ping();

  // Applies the migrations of `component` not yet recorded in schema_migrations, in
  // version order. Files: NNNN_name.sql, or NNNN_name.mysql.sql / .sqlite.sql for
  // the one dialect. Statements are separated by ';' at the end of a line.
  absl::Status Migrate(const std::string& component, const std::vector<EmbeddedFile>& files);

  // Sessions in use now, and the time callers have waited for one since start (the
  // pool's saturation: db_pool_* in docs/operations.md, "Metrics").
  int sessions_in_use() const;
  double lease_wait_seconds() const;

 private:
  Database(Dialect dialect, int pool_size);
  enum class Mode { kRead, kTransaction, kStatement };
  absl::Status Run(const Work& work, Mode mode);
  // Reopens a pooled session and re-applies its settings; false while the database
  // cannot be reached (the session stays marked for the next lease).
  bool Reconnect(std::size_t position);

  Dialect dialect_;
  int pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  // Per pool position: the connection was lost. Only the session's lessee touches its
  // flag; the pool's lock orders one lessee after the next.
  std::vector<char> lost_;
  std::mutex ping_mu_;
  std::unique_ptr<soci::session> ping_session_;
  bool ping_lost_ = false;
  std::atomic<int> in_use_{0};
  std::atomic<long long> lease_wait_micros_{0};
};

// Thrown by a transaction's work that finds it must be undone and begun again: a
// create that learns only at its last statement that its request id was taken
// (CreateOnce). Database::Run rolls the transaction back and runs the work again at
// once, as often as it retries a deadlock; the work keeps what it learnt (in its Call).
class RunAgain : public std::exception {
 public:
  const char* what() const noexcept override { return "the transaction must run again"; }
};

// A unique key refused the row: MySQL's error 1062, SQLite's UNIQUE constraint. The
// statement is undone; the transaction goes on.
bool IsDuplicateKey(const soci::soci_error& e);

// Microseconds since the Unix epoch: how instants are stored (BIGINT on both).
long long NowMicros();

}  // namespace platform
