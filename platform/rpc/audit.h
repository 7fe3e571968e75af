#pragma once
// The audit log every service keeps (docs/architecture.md, "Audit"): who did what to
// which record, when, with what outcome. A change's row is written in the change's
// own transaction; a read's rows go through the AuditJournal, which commits the rows
// of every read of the moment together, before any of those reads is answered. For
// store/ and platform code, which speak SOCI.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "platform/rpc/auth.h"

namespace soci {
class session;
}

namespace platform {

class Database;

// One row of audit_log, as written.
struct AuditRow {
  long long occurred_at = 0;
  std::string actor, actor_roles, action, resource_type, resource_id, outcome, request_id;
  // Refusals of the same outcome counted but not written since the previous such row
  // (see RefusalRecorder).
  long long unwritten_before = 0;
  // What the call asked beyond the record it names (at most 512 characters).
  std::string detail;
};

// The row for `who` doing `action` now.
AuditRow MakeAuditRow(const Principal& who, absl::string_view action, absl::string_view resource_type,
                      absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id,
                      long long unwritten = 0, absl::string_view detail = "");

// Writes `rows` in `tx`, many to a statement.
void WriteAuditRows(soci::session& tx, const std::vector<AuditRow>& rows);

// Writes one audit row in `tx`.
void WriteAudit(soci::session& tx, const Principal& who, absl::string_view action, absl::string_view resource_type,
                absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id,
                long long unwritten = 0, absl::string_view detail = "");

// Reads' audit rows, committed in groups. A caller's Write returns once a transaction
// holding its rows has committed, or with that transaction's error: the read is then
// not answered. Concurrent callers share one transaction — the first to find no
// commit under way writes every row waiting (its own and those that queued during
// the previous commit) while the others wait — so a read costs its share of one
// commit, not a commit of its own (docs/architecture.md, "Audit").
class AuditJournal {
 public:
  explicit AuditJournal(Database* db);
  ~AuditJournal();
  absl::Status Write(std::vector<AuditRow> rows);

  // What it has done and holds now (tests).
  struct Counts {
    long long commits = 0;  // commits made (each holding one or more calls' rows)
    long long rows = 0;     // rows those transactions wrote
    size_t queued = 0;      // rows waiting for the next commit
    bool committing = false;
  };
  Counts counts();

 private:
  struct Group;
  Database* db_;
  std::mutex mu_;
  std::shared_ptr<Group> waiting_;  // rows queued for the next commit
  bool committing_ = false;
  long long commits_ = 0, rows_ = 0;
};

}  // namespace platform
