#include "recruitment-svc/store/registration_pause_store.h"

#include <soci/soci.h>

#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace recruitment {
namespace {

constexpr char kColumns[] =
    "id, start_date, end_date, reason, version, created_at, updated_at, created_by, updated_by";

constexpr platform::VersionedTable kPauses{"registration_pauses", "registration_pause_history",
                                           "start_date, end_date, reason, updated_at, updated_by"};

RegistrationPause FromRow(const soci::row& row) {
  platform::StoredRow r(row, "registration_pauses");
  RegistrationPause p;
  p.id = r.Text("id");
  p.details.start_date = r.RequiredDate("start_date");
  p.details.end_date = r.OptionalDate("end_date");
  p.details.reason = r.Text("reason");
  platform::ReadBookkeeping(r, p);
  return p;
}

platform::Row ChangingRow(const RegistrationPause& p) {
  platform::Row row;
  row.Date("start_date", p.details.start_date)
      .OptionalDate("end_date", p.details.end_date)
      .Text("reason", p.details.reason);
  platform::UpdatedColumns(row, p);
  return row;
}

}  // namespace

void RegistrationPauseStore::Insert(soci::session& tx, const RegistrationPause& p) {
  platform::Row row = ChangingRow(p);
  platform::CreatedColumns(row, p);
  platform::InsertRow(tx, "registration_pauses", row);
}

std::optional<RegistrationPause> RegistrationPauseStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "registration_pauses", kColumns, id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<RegistrationPause> RegistrationPauseStore::List(soci::session& sql, const platform::Page& page) {
  platform::KeysetQuery query("registration_pauses", kColumns, page);
  std::vector<RegistrationPause> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

std::vector<RegistrationPause> RegistrationPauseStore::InForceOn(soci::session& sql, platform::Date day) {
  const std::string d = platform::FormatDate(day);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns
                   << " FROM registration_pauses WHERE start_date <= :d AND (end_date IS NULL OR end_date >= :d2) "
                      "ORDER BY id",
       soci::use(d), soci::use(d));
  std::vector<RegistrationPause> out;
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

bool RegistrationPauseStore::Update(soci::session& tx, RegistrationPause& p, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kPauses, p.id, expected_version, ChangingRow(p))) return false;
  p.version = expected_version + 1;
  return true;
}

}  // namespace recruitment
