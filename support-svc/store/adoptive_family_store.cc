#include "support-svc/store/adoptive_family_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

constexpr char kTable[] = "adoptive_families";
// Only these change after the placement; history keeps them.
constexpr char kChangingColumns[] =
    "status, adoption_order_date, disruption_date, placing_authority_responsible_until, updated_at, updated_by";
constexpr platform::VersionedTable kFamilies{kTable, "adoptive_family_history", kChangingColumns};

std::string Columns() {
  return absl::StrCat("id, version, created_at, created_by, child, household, local_authority, placed_date, "
                      "moved_in_date, early_permanence, ",
                      kChangingColumns);
}

AdoptiveFamily FromRow(const soci::row& row) {
  platform::StoredRow r(row, kTable);
  AdoptiveFamily f;
  f.id = r.Text("id");
  f.child_id = r.Text("child");
  f.household_id = r.Text("household");
  f.local_authority = r.Text("local_authority");
  f.placed_date = r.RequiredDate("placed_date");
  f.moved_in_date = r.RequiredDate("moved_in_date");
  f.early_permanence = r.Bool("early_permanence");
  f.status = r.Enum("status", ParseFamilyStatus);
  f.adoption_order_date = r.OptionalDate("adoption_order_date");
  f.disruption_date = r.OptionalDate("disruption_date");
  f.placing_authority_responsible_until = r.OptionalDate("placing_authority_responsible_until");
  platform::ReadBookkeeping(r, f);
  return f;
}

platform::Row ChangingRow(const AdoptiveFamily& f) {
  platform::Row row;
  row.Text("status", FamilyStatusName(f.status))
      .OptionalDate("adoption_order_date", f.adoption_order_date)
      .OptionalDate("disruption_date", f.disruption_date)
      .OptionalDate("placing_authority_responsible_until", f.placing_authority_responsible_until);
  platform::UpdatedColumns(row, f);
  return row;
}

}  // namespace

void AdoptiveFamilyStore::Insert(soci::session& tx, const AdoptiveFamily& f, const std::string& source_event) {
  platform::Row row = ChangingRow(f);
  platform::CreatedColumns(row, f);
  row.Text("child", f.child_id)
      .Text("household", f.household_id)
      .Text("local_authority", f.local_authority)
      .Date("placed_date", f.placed_date)
      .Date("moved_in_date", f.moved_in_date)
      .Bool("early_permanence", f.early_permanence)
      .Text("source_event", source_event);
  platform::InsertRow(tx, kTable, row);
}

std::optional<AdoptiveFamily> AdoptiveFamilyStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, kTable, Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

bool AdoptiveFamilyStore::HasSource(soci::session& sql, const std::string& source_event) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM adoptive_families WHERE source_event = :s", soci::use(source_event), soci::into(n);
  return n > 0;
}

std::optional<AdoptiveFamily> AdoptiveFamilyStore::Latest(soci::session& sql, const std::string& child_id,
                                                          const std::string& household_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", Columns(), " FROM ", kTable,
                                   " WHERE child = :c AND household = :h ORDER BY placed_date DESC, id DESC"),
       soci::use(child_id, "c"), soci::use(household_id, "h"));
  for (const auto& row : rows) return FromRow(row);
  return std::nullopt;
}

std::vector<AdoptiveFamily> AdoptiveFamilyStore::List(soci::session& sql, const FamilyQuery& q) {
  platform::KeysetQuery query(kTable, Columns(), q.page);
  query.Equal("local_authority", q.local_authority)
      .Equal("household", q.household_id)
      .Equal("child", q.child_id)
      .Equal("status", q.status ? std::optional(FamilyStatusName(*q.status)) : std::nullopt)
      .Within(q.coverage, {.local_authority = "local_authority", .empty_authority_is_unallocated = true});
  std::vector<AdoptiveFamily> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool AdoptiveFamilyStore::Update(soci::session& tx, AdoptiveFamily& f, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kFamilies, f.id, expected_version, ChangingRow(f))) return false;
  f.version = expected_version + 1;
  return true;
}

}  // namespace support
