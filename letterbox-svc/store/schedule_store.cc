#include "letterbox-svc/store/schedule_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace letterbox {
namespace {

constexpr char kColumns[] = "id, arrangement_id, party_id, next_due_date, last_sent_date, last_forwarded_date";
// The schedule counts for arrangements that are running letterbox contact.
constexpr char kRunning[] =
    "arrangement_id IN (SELECT id FROM contact_arrangements WHERE status = 'ACTIVE' AND kind = 'INDIRECT')";

ScheduleRow FromRow(const soci::row& row) {
  platform::StoredRow r(row, "letterbox_schedule");
  ScheduleRow out;
  out.id = r.Text("id");
  out.arrangement_id = r.Text("arrangement_id");
  out.schedule.party_id = r.Text("party_id");
  out.schedule.next_due = r.OptionalDate("next_due_date");
  out.schedule.last_sent = r.OptionalDate("last_sent_date");
  out.schedule.last_forwarded = r.OptionalDate("last_forwarded_date");
  return out;
}

std::string Text(platform::Date d) { return platform::FormatDate(d); }

}  // namespace

void ScheduleStore::Save(soci::session& tx, const std::string& arrangement_id,
                         const std::vector<PartySchedule>& schedule, long long now) {
  // A party no longer on the arrangement owes and awaits nothing: its row is cleared,
  // and the rows of those still on it rewritten.
  tx << "UPDATE letterbox_schedule SET next_due_date = NULL, last_sent_date = NULL, last_forwarded_date = NULL, "
        "updated_at = :t WHERE arrangement_id = :a",
      soci::use(now), soci::use(arrangement_id);
  for (const PartySchedule& s : schedule) {
    platform::Row row;
    row.OptionalDate("next_due_date", s.next_due)
        .OptionalDate("last_sent_date", s.last_sent)
        .OptionalDate("last_forwarded_date", s.last_forwarded)
        .Int("updated_at", now);
    const std::string id = absl::StrCat(arrangement_id, ":", s.party_id);
    if (platform::UpdateRow(tx, "letterbox_schedule", "id", id, row)) continue;
    row.Text("id", id).Text("arrangement_id", arrangement_id).Text("party_id", s.party_id);
    platform::InsertRow(tx, "letterbox_schedule", row);
  }
}

std::vector<PartySchedule> ScheduleStore::Of(soci::session& sql, const std::string& arrangement_id) {
  std::vector<PartySchedule> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM letterbox_schedule WHERE arrangement_id = :a ORDER BY id",
       soci::use(arrangement_id));
  for (const auto& row : rows) out.push_back(FromRow(row).schedule);
  return out;
}

std::vector<ScheduleRow> ScheduleStore::List(soci::session& sql, const ScheduleQuery& q) {
  platform::KeysetQuery query("letterbox_schedule", kColumns, q.page);
  query.Equal("arrangement_id", q.arrangement_id)
      .Where(kRunning, {})
      .Where("(next_due_date IS NOT NULL OR last_sent_date IS NOT NULL OR last_forwarded_date IS NOT NULL)", {});
  if (q.local_authority) {
    query.Where("arrangement_id IN (SELECT id FROM contact_arrangements WHERE local_authority = :la)",
                {*q.local_authority});
  }
  if (q.due_before) query.Where("next_due_date < :before", {Text(*q.due_before)});
  if (q.due_from && q.due_until) {
    query.Where("next_due_date >= :from AND next_due_date <= :until", {Text(*q.due_from), Text(*q.due_until)});
  }
  if (q.forwarded_before) {
    query.Where(
        "last_forwarded_date < :fwd AND (last_sent_date IS NULL OR last_sent_date < last_forwarded_date) AND "
        "arrangement_id IN (SELECT id FROM contact_arrangements WHERE two_way = 1)",
        {Text(*q.forwarded_before)});
  }
  query.Within(q.coverage, {.local_authority = "(SELECT a.local_authority FROM contact_arrangements a "
                                               "WHERE a.id = letterbox_schedule.arrangement_id)",
                            .empty_authority_is_unallocated = true});
  std::vector<ScheduleRow> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

long long ScheduleStore::CountDueBefore(soci::session& sql, platform::Date day) {
  long long n = 0;
  const std::string before = Text(day);
  sql << "SELECT COUNT(*) FROM letterbox_schedule WHERE next_due_date < :d AND " << kRunning, soci::use(before),
      soci::into(n);
  return n;
}

}  // namespace letterbox
