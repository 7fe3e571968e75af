#include "platform/rpc/last_entry_records.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"

namespace platform {

std::string LastEntryRecordKind::LastEntries(bool one) const {
  std::string union_all;
  for (const Part& part : d_.parts) {
    if (!union_all.empty()) union_all += " UNION ALL ";
    absl::StrAppend(&union_all, "SELECT ", part.record_column, " AS record_id, updated_at FROM ", part.table,
                    " WHERE ", part.record_column, " <> ''",
                    one ? absl::StrCat(" AND ", part.record_column, " = :id") : "");
  }
  return absl::StrCat("SELECT record_id, MAX(updated_at) FROM (", union_all,
                      ") entries GROUP BY record_id ORDER BY record_id");
}

std::optional<Retention> LastEntryRecordKind::RetentionFrom(long long last_entry_micros) const {
  // No rule in force on the day (a statutory table without it): no date, so kept.
  absl::StatusOr<Retention> r = RetentionOf(*statutory_, d_.rule, DayOfMicros(last_entry_micros));
  return r.ok() ? std::optional<Retention>(*r) : std::nullopt;
}

std::vector<RetainedRecord> LastEntryRecordKind::Due(soci::session& sql, Date through) {
  std::vector<RetainedRecord> due;
  std::string id;
  long long last = 0;
  soci::statement st = (sql.prepare << LastEntries(false), soci::into(id), soci::into(last));
  st.execute();
  while (st.fetch()) {
    std::optional<Retention> r = RetentionFrom(last);
    if (r && r->retain_until <= through) due.push_back({id, *r});
  }
  return due;
}

absl::StatusOr<std::optional<Retention>> LastEntryRecordKind::Find(soci::session& sql, const std::string& id) {
  std::string found;
  long long last = 0;
  soci::statement st = (sql.prepare << LastEntries(true), soci::use(id, "id"), soci::into(found), soci::into(last));
  st.execute();
  if (!st.fetch()) return NotFound(absl::StrCat(d_.record_name, id));
  return RetentionFrom(last);
}

}  // namespace platform
