#include "panel-svc/store/meeting_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace panel {
namespace {

// The meetings a member attends, by their account: a panel member's reach.
constexpr char kAttendedBy[] =
    "id IN (SELECT a.meeting_id FROM meeting_attendance a JOIN panel_members pm ON pm.member_id = a.member_id AND "
    "pm.superseded_at IS NULL WHERE a.superseded_at IS NULL AND pm.account = :subject)";

constexpr char kColumns[] =
    "id, panel_id, meeting_date, case_capacity, mode, status, quorate, imported, version, created_at, updated_at, "
    "created_by, updated_by, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = meetings.id) AS agenda_item_count";

// meeting_history keeps what a version changes; attendance is kept by superseding it.
constexpr platform::VersionedTable kMeetings{
    "meetings", "meeting_history", "panel_id, meeting_date, case_capacity, mode, status, quorate, updated_at, updated_by"};

Meeting FromRow(const soci::row& row) {
  platform::StoredRow r(row, "meetings");
  Meeting m;
  m.id = r.Text("id");
  m.panel_id = r.Text("panel_id");
  m.meeting_date = r.RequiredDate("meeting_date");
  m.case_capacity = static_cast<int>(r.Int("case_capacity"));
  m.mode = r.Enum("mode", ParseMeetingMode);
  m.status = r.Enum("status", ParseMeetingStatus);
  m.quorate = r.Bool("quorate");
  m.imported = r.Bool("imported");
  m.agenda_item_count = static_cast<int>(r.Int("agenda_item_count"));
  platform::ReadBookkeeping(r, m);
  return m;
}

// The columns a version changes (a meeting stays with its panel).
platform::Row ChangingRow(const Meeting& m) {
  platform::Row row;
  row.Date("meeting_date", m.meeting_date)
      .Int("case_capacity", m.case_capacity)
      .Text("mode", MeetingModeName(m.mode))
      .Text("status", MeetingStatusName(m.status))
      .Bool("quorate", m.quorate);
  platform::UpdatedColumns(row, m);
  return row;
}

void LoadAttendance(soci::session& sql, Meeting& m) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT member_id FROM meeting_attendance WHERE meeting_id = :id "
                                                 "AND superseded_at IS NULL ORDER BY position",
                                  soci::use(m.id));
  m.attendance.clear();
  for (const auto& row : rows) {
    m.attendance.push_back(platform::StoredRow(row, "meeting_attendance", m.id).Text("member_id"));
  }
}

void InsertAttendance(soci::session& tx, const Meeting& m) {
  for (size_t i = 0; i < m.attendance.size(); ++i) {
    platform::Row row;
    row.Text("meeting_id", m.id)
        .Int("version", m.version)
        .Int("position", static_cast<long long>(i))
        .Text("member_id", m.attendance[i]);
    platform::InsertRow(tx, "meeting_attendance", row);
  }
}

}  // namespace

void MeetingStore::Insert(soci::session& tx, const Meeting& m) {
  platform::Row row = ChangingRow(m);
  row.Text("panel_id", m.panel_id).Bool("imported", m.imported);
  platform::CreatedColumns(row, m);
  platform::InsertRow(tx, "meetings", row);
  InsertAttendance(tx, m);
}

std::optional<Meeting> MeetingStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "meetings", kColumns, id, row)) return std::nullopt;
  Meeting m = FromRow(row);
  LoadAttendance(sql, m);
  return m;
}

std::optional<Meeting> MeetingStore::FindImported(soci::session& sql, const std::string& panel_id,
                                                 platform::Date meeting_date) {
  const std::string day = platform::FormatDate(meeting_date);
  std::optional<std::string> id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM meetings WHERE panel_id = :p AND imported = 1 AND meeting_date = :d ORDER BY id",
       soci::use(panel_id), soci::use(day));
  for (const auto& row : rows) {
    id = platform::StoredRow(row, "meetings").Text("id");
    break;
  }
  return id ? Get(sql, *id) : std::nullopt;
}

std::vector<Meeting> MeetingStore::List(soci::session& sql, const MeetingQuery& q) {
  // Keyset paging on (meeting_date, id): the token names the last meeting seen.
  auto query = platform::KeysetQuery::OrderedBy("meetings", kColumns, q.page, "meeting_date");
  query.Equal("panel_id", q.panel_id)
      .Equal("status", q.status ? std::optional(MeetingStatusName(*q.status)) : std::nullopt)
      .Equal("meeting_date", q.meeting_date ? std::optional(platform::FormatDate(*q.meeting_date)) : std::nullopt)
      .Within(q.coverage, {.subject_condition = kAttendedBy});
  std::vector<Meeting> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& m : out) LoadAttendance(sql, m);
  return out;
}

bool MeetingStore::Update(soci::session& tx, Meeting& m, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kMeetings, m.id, expected_version, ChangingRow(m))) return false;
  tx << "UPDATE meeting_attendance SET superseded_at = :t WHERE meeting_id = :id AND superseded_at IS NULL",
      soci::use(m.updated_at), soci::use(m.id);
  m.version = expected_version + 1;
  InsertAttendance(tx, m);
  return true;
}

}  // namespace panel
