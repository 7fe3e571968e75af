#include "platform/rpc/audit.h"

#include <soci/soci.h>

#include <condition_variable>
#include <exception>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "platform/db/db.h"
#include "platform/db/record.h"

namespace platform {

AuditRow MakeAuditRow(const Principal& who, absl::string_view action, absl::string_view resource_type,
                      absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id,
                      long long unwritten, absl::string_view detail) {
  std::vector<std::string> role_names;
  for (Role r : who.roles) role_names.push_back(RoleName(r));
  return AuditRow{.occurred_at = NowMicros(),
                  .actor = who.subject.empty() ? "anonymous" : who.subject,
                  .actor_roles = absl::StrJoin(role_names, ","),
                  .action = std::string(action),
                  .resource_type = std::string(resource_type),
                  .resource_id = std::string(resource_id),
                  .outcome = std::string(outcome),
                  .request_id = std::string(request_id),
                  .unwritten_before = unwritten,
                  .detail = std::string(detail)};
}

namespace {
constexpr size_t kAuditColumns = 10;
}  // namespace

void WriteAuditRows(soci::session& tx, const std::vector<AuditRow>& rows) {
  std::vector<Row> written;
  for (const AuditRow& a : rows) {
    Row row;
    row.Int("occurred_at", a.occurred_at)
        .Text("actor", a.actor)
        .Text("actor_roles", a.actor_roles)
        .Text("action", a.action)
        .Text("resource_type", a.resource_type)
        .Text("resource_id", a.resource_id)
        .Text("outcome", a.outcome)
        .Text("request_id", a.request_id)
        .Int("unwritten_before", a.unwritten_before)
        .Text("detail", a.detail);
    written.push_back(std::move(row));
  }
  InsertRows(tx, "audit_log", written);
}

void WriteAudit(soci::session& tx, const Principal& who, absl::string_view action, absl::string_view resource_type,
                absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id,
                long long unwritten, absl::string_view detail) {
  WriteAuditRows(tx, {MakeAuditRow(who, action, resource_type, resource_id, outcome, request_id, unwritten, detail)});
}

struct AuditJournal::Group {
  std::vector<AuditRow> rows;
  bool done = false;
  absl::Status status;
  // Its callers wait here: for its commit, or for their turn to make it. Each group has
  // its own, so a commit wakes the callers it answers and one caller of the next group,
  // not every caller waiting.
  std::condition_variable settled;
};

AuditJournal::AuditJournal(Database* db) : db_(db) {}
AuditJournal::~AuditJournal() = default;

absl::Status AuditJournal::Write(std::vector<AuditRow> rows) {
  if (rows.empty()) return absl::OkStatus();
  std::unique_lock<std::mutex> lock(mu_);
  if (!waiting_) waiting_ = std::make_shared<Group>();
  std::shared_ptr<Group> mine = waiting_;
  std::move(rows.begin(), rows.end(), std::back_inserter(mine->rows));
  for (;;) {
    mine->settled.wait(lock, [&] { return mine->done || !committing_; });
    if (mine->done) return mine->status;
    // No commit under way: this caller commits every row waiting (the group it is in).
    committing_ = true;
    std::shared_ptr<Group> group = std::move(waiting_);
    waiting_.reset();
    lock.unlock();
    absl::Status status;
    try {
      auto write = [&](soci::session& tx) {
        WriteAuditRows(tx, group->rows);
        return absl::OkStatus();
      };
      // Rows that go in one INSERT need no transaction around it: one round trip.
      status = group->rows.size() <= RowsPerInsert(kAuditColumns) ? db_->Statement(write) : db_->Transaction(write);
    } catch (const std::exception& e) {  // the waiters must hear of it, whatever it was
      status = absl::InternalError(e.what());
    }
    lock.lock();
    if (status.ok()) {
      commits_++;
      rows_ += static_cast<long long>(group->rows.size());
    }
    group->status = status;
    group->done = true;
    committing_ = false;
    group->settled.notify_all();
    if (waiting_) waiting_->settled.notify_one();  // the next group's commit
  }
}

AuditJournal::Counts AuditJournal::counts() {
  std::lock_guard<std::mutex> lock(mu_);
  return {.commits = commits_, .rows = rows_, .queued = waiting_ ? waiting_->rows.size() : 0,
          .committing = committing_};
}

}  // namespace platform
