#include "recruitment-svc/store/information_session_store.h"

#include <soci/soci.h>

#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace recruitment {
namespace {

constexpr char kColumns[] =
    "id, session_date, capacity, mode, venue, booked, attended, version, created_at, updated_at, created_by, "
    "updated_by";

constexpr platform::VersionedTable kSessions{
    "information_sessions", "information_session_history",
    "session_date, capacity, mode, venue, booked, attended, updated_at, updated_by"};

InformationSession FromRow(const soci::row& row) {
  platform::StoredRow r(row, "information_sessions");
  InformationSession s;
  s.id = r.Text("id");
  s.details.session_date = r.RequiredDate("session_date");
  s.details.capacity = static_cast<int>(r.Int("capacity"));
  s.details.mode = r.Enum("mode", ParseSessionMode);
  s.details.venue = r.Text("venue");
  s.booked = static_cast<int>(r.Int("booked"));
  s.attended = static_cast<int>(r.Int("attended"));
  platform::ReadBookkeeping(r, s);
  return s;
}

platform::Row ChangingRow(const InformationSession& s) {
  platform::Row row;
  row.Date("session_date", s.details.session_date)
      .Int("capacity", s.details.capacity)
      .Text("mode", SessionModeName(s.details.mode))
      .Text("venue", s.details.venue)
      .Int("booked", s.booked)
      .Int("attended", s.attended);
  platform::UpdatedColumns(row, s);
  return row;
}

}  // namespace

void InformationSessionStore::Insert(soci::session& tx, const InformationSession& s) {
  platform::Row row = ChangingRow(s);
  platform::CreatedColumns(row, s);
  platform::InsertRow(tx, "information_sessions", row);
}

std::optional<InformationSession> InformationSessionStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "information_sessions", kColumns, id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<InformationSession> InformationSessionStore::List(soci::session& sql, const platform::Page& page) {
  platform::KeysetQuery query("information_sessions", kColumns, page);
  std::vector<InformationSession> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool InformationSessionStore::Update(soci::session& tx, InformationSession& s, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kSessions, s.id, expected_version, ChangingRow(s))) return false;
  s.version = expected_version + 1;
  return true;
}

std::optional<SessionBooking> InformationSessionStore::FindBooking(soci::session& sql, const std::string& session_id,
                                                                   const std::string& household_id) {
  soci::row row;
  sql << "SELECT session_id, household_id, booked_on, attended, recorded_at, recorded_by "
         "FROM information_session_bookings WHERE session_id = :s AND household_id = :h",
      soci::use(session_id), soci::use(household_id), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  platform::StoredRow r(row, "information_session_bookings", session_id);
  return SessionBooking{.session_id = r.Text("session_id"),
                        .household_id = r.Text("household_id"),
                        .booked_on = r.RequiredDate("booked_on"),
                        .attended = r.Bool("attended"),
                        .recorded_at = r.Int("recorded_at"),
                        .recorded_by = r.Text("recorded_by")};
}

void InformationSessionStore::InsertBooking(soci::session& tx, const SessionBooking& b) {
  platform::Row row;
  row.Text("session_id", b.session_id)
      .Text("household_id", b.household_id)
      .Date("booked_on", b.booked_on)
      .Bool("attended", b.attended)
      .Int("recorded_at", b.recorded_at)
      .Text("recorded_by", b.recorded_by);
  platform::InsertRow(tx, "information_session_bookings", row);
}

void InformationSessionStore::UpdateBooking(soci::session& tx, const SessionBooking& b) {
  // Attendance is the one change a booking sees; the household's journey keeps the step.
  const int attended = b.attended ? 1 : 0;
  tx << "UPDATE information_session_bookings SET attended = :a, recorded_at = :t, recorded_by = :by "
        "WHERE session_id = :s AND household_id = :h",
      soci::use(attended), soci::use(b.recorded_at), soci::use(b.recorded_by), soci::use(b.session_id),
      soci::use(b.household_id);
}

}  // namespace recruitment
