#include "panel-svc/store/meeting_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/listing.h"

namespace panel {
namespace {

constexpr char kColumns[] =
    "id, panel_id, meeting_date, case_capacity, status, quorate, version, created_at, updated_at, created_by, "
    "updated_by";

Meeting FromRow(const soci::row& r) {
  Meeting m;
  m.id = r.get<std::string>(0);
  m.panel_id = r.get<std::string>(1);
  m.meeting_date = platform::ParseDate(r.get<std::string>(2)).value_or(platform::Date());
  m.case_capacity = r.get<int>(3);
  m.status = ParseMeetingStatus(r.get<std::string>(4)).value_or(MeetingStatus::kScheduled);
  m.quorate = r.get<int>(5) != 0;
  m.version = r.get<long long>(6);
  m.created_at = r.get<long long>(7);
  m.updated_at = r.get<long long>(8);
  m.created_by = r.get<std::string>(9);
  m.updated_by = r.get<std::string>(10);
  return m;
}

void LoadAttendance(soci::session& sql, Meeting& m) {
  soci::rowset<std::string> rows = (sql.prepare << "SELECT member_id FROM meeting_attendance WHERE meeting_id = :id "
                                                   "AND superseded_at IS NULL ORDER BY position",
                                    soci::use(m.id));
  m.attendance.assign(rows.begin(), rows.end());
}

void InsertAttendance(soci::session& tx, const Meeting& m) {
  for (size_t i = 0; i < m.attendance.size(); ++i) {
    int position = static_cast<int>(i);
    tx << "INSERT INTO meeting_attendance (meeting_id, version, position, member_id) VALUES (:m, :v, :p, :id)",
        soci::use(m.id), soci::use(m.version), soci::use(position), soci::use(m.attendance[i]);
  }
}

}  // namespace

void MeetingStore::Insert(soci::session& tx, const Meeting& m) {
  std::string date = platform::FormatDate(m.meeting_date), status = MeetingStatusName(m.status);
  int quorate = m.quorate;
  tx << absl::StrCat("INSERT INTO meetings (", kColumns, ") VALUES (:id, :p, :d, :c, :s, :q, :v, :ca, :ua, :cb, :ub)"),
      soci::use(m.id), soci::use(m.panel_id), soci::use(date), soci::use(m.case_capacity), soci::use(status),
      soci::use(quorate), soci::use(m.version), soci::use(m.created_at), soci::use(m.updated_at),
      soci::use(m.created_by), soci::use(m.updated_by);
  InsertAttendance(tx, m);
}

std::optional<Meeting> MeetingStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", kColumns, " FROM meetings WHERE id = :id"), soci::use(id), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  Meeting m = FromRow(row);
  LoadAttendance(sql, m);
  return m;
}

std::vector<Meeting> MeetingStore::List(soci::session& sql, const MeetingQuery& q) {
  // Keyset paging on (meeting_date, id): the token names the last meeting seen.
  auto query = platform::KeysetQuery::OrderedBy("meetings", kColumns, q.page, "meeting_date");
  query.Equal("panel_id", q.panel_id)
      .Equal("status", q.status ? std::optional(MeetingStatusName(*q.status)) : std::nullopt)
      .Equal("meeting_date", q.meeting_date ? std::optional(platform::FormatDate(*q.meeting_date)) : std::nullopt);
  std::vector<Meeting> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& m : out) LoadAttendance(sql, m);
  return out;
}

bool MeetingStore::Update(soci::session& tx, Meeting& m, long long expected_version) {
  // Keep the version being replaced (nothing when the version is stale).
  tx << "INSERT INTO meeting_history (id, version, panel_id, meeting_date, case_capacity, status, quorate, "
        "updated_at, updated_by) SELECT id, version, panel_id, meeting_date, case_capacity, status, quorate, "
        "updated_at, updated_by FROM meetings WHERE id = :id AND version = :v",
      soci::use(m.id), soci::use(expected_version);
  std::string date = platform::FormatDate(m.meeting_date), status = MeetingStatusName(m.status);
  int quorate = m.quorate;
  long long next = expected_version + 1;
  soci::statement st =
      (tx.prepare << "UPDATE meetings SET meeting_date = :d, case_capacity = :c, status = :s, quorate = :q, "
                     "version = :next, updated_at = :ua, updated_by = :ub WHERE id = :id AND version = :v",
       soci::use(date), soci::use(m.case_capacity), soci::use(status), soci::use(quorate), soci::use(next),
       soci::use(m.updated_at), soci::use(m.updated_by), soci::use(m.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  tx << "UPDATE meeting_attendance SET superseded_at = :t WHERE meeting_id = :id AND superseded_at IS NULL",
      soci::use(m.updated_at), soci::use(m.id);
  m.version = next;
  InsertAttendance(tx, m);
  return true;
}

}  // namespace panel
