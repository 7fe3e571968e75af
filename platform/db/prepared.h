#pragma once
// A statement the MariaDB server keeps parsed, for the reads run on every call
// (docs/operations.md, "The hot path"). SOCI's MySQL backend sends each statement as
// text for the server to parse and plan again; for a record read with its parts, the
// parsing alone was a fifth of the server's work. So the statement is prepared once per
// connection (PREPARE name FROM '...') and run as EXECUTE name USING <values>, whose
// values SOCI still binds and escapes. A connection that does not hold it yet (new, or
// reconnected) is told so by the server (error 1243), and the statement is prepared
// then. SQLite, and a server that takes no values in EXECUTE ... USING (MySQL takes
// only user variables there), run the plain statement.
#include <soci/soci.h>

#include <atomic>
#include <functional>
#include <string>

namespace platform {

class ServerPrepared {
 public:
  // `sql`: one statement whose values are :name placeholders, bound by position.
  explicit ServerPrepared(std::string sql);

  // A statement on `sql` with the intos and uses `exchange` gives it, executed (its rows
  // are then fetched by the caller).
  soci::statement Execute(soci::session& sql, const std::function<void(soci::statement&)>& exchange) const;

  const std::string& sql() const { return sql_; }
  // The server-side form: "EXECUTE p_<hash of sql> USING :v0, ...", and what prepares it.
  const std::string& execute_text() const { return execute_; }
  const std::string& prepare_text() const { return prepare_; }

 private:
  std::string sql_, execute_, prepare_;
  // The server refused EXECUTE ... USING values: plain statements from then on.
  mutable std::atomic<bool> plain_only_{false};
};

}  // namespace platform
