#include "recruitment-svc/store/household_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace recruitment {
namespace {

constexpr char kColumns[] =
    "id, family_structure, home_local_authority, enquiry_date, status, second_time_adopters, foster_carers, "
    "connected_persons, early_permanence_interest, version, created_at, updated_at, created_by, updated_by";

// household_history keeps what a version changes, not who created the household.
constexpr platform::VersionedTable kHouseholds{
    "households", "household_history",
    "family_structure, home_local_authority, enquiry_date, status, second_time_adopters, foster_carers, "
    "connected_persons, early_permanence_interest, updated_at, updated_by"};

Household FromRow(const soci::row& row) {
  platform::StoredRow r(row, "households");
  Household h;
  h.id = r.Text("id");
  h.details.family_structure = r.Enum("family_structure", ParseStructure);
  h.details.home_local_authority = r.Text("home_local_authority");
  h.details.enquiry_date = r.RequiredDate("enquiry_date");
  h.status = r.Enum("status", ParseStatus);
  h.details.second_time_adopters = r.Bool("second_time_adopters");
  h.details.foster_carers = r.Bool("foster_carers");
  h.details.connected_persons = r.Bool("connected_persons");
  h.details.early_permanence_interest = r.Bool("early_permanence_interest");
  h.version = r.Int("version");
  h.created_at = r.Int("created_at");
  h.updated_at = r.Int("updated_at");
  h.created_by = r.Text("created_by");
  h.updated_by = r.Text("updated_by");
  return h;
}

// The columns a version changes.
platform::Row ChangingRow(const Household& h) {
  platform::Row row;
  row.Text("family_structure", StructureName(h.details.family_structure))
      .Text("home_local_authority", h.details.home_local_authority)
      .Date("enquiry_date", h.details.enquiry_date)
      .Text("status", StatusName(h.status))
      .Bool("second_time_adopters", h.details.second_time_adopters)
      .Bool("foster_carers", h.details.foster_carers)
      .Bool("connected_persons", h.details.connected_persons)
      .Bool("early_permanence_interest", h.details.early_permanence_interest)
      .Int("updated_at", h.updated_at)
      .Text("updated_by", h.updated_by);
  return row;
}

void LoadApplicants(soci::session& sql, Household& h) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT given_name, family_name, date_of_birth, ethnicity "
                                                 "FROM household_applicants WHERE household_id = :id AND "
                                                 "superseded_at IS NULL ORDER BY position",
                                  soci::use(h.id));
  h.details.applicants.clear();
  for (const auto& row : rows) {
    platform::StoredRow r(row, "household_applicants", h.id);
    Applicant a;
    a.given_name = r.Text("given_name");
    a.family_name = r.Text("family_name");
    a.date_of_birth = r.OptionalDate("date_of_birth");
    a.ethnicity = r.Text("ethnicity");
    h.details.applicants.push_back(std::move(a));
  }
}

void InsertApplicants(soci::session& tx, const Household& h) {
  for (size_t i = 0; i < h.details.applicants.size(); ++i) {
    const Applicant& a = h.details.applicants[i];
    platform::Row row;
    row.Text("household_id", h.id)
        .Int("version", h.version)
        .Int("position", static_cast<long long>(i))
        .Text("given_name", a.given_name)
        .Text("family_name", a.family_name)
        .OptionalDate("date_of_birth", a.date_of_birth)
        .Text("ethnicity", a.ethnicity);
    platform::InsertRow(tx, "household_applicants", row);
  }
}

}  // namespace

void HouseholdStore::Insert(soci::session& tx, const Household& h) {
  platform::Row row = ChangingRow(h);
  row.Text("id", h.id).Int("version", h.version).Int("created_at", h.created_at).Text("created_by", h.created_by);
  platform::InsertRow(tx, "households", row);
  InsertApplicants(tx, h);
}

std::optional<Household> HouseholdStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "households", kColumns, id, row)) return std::nullopt;
  Household h = FromRow(row);
  LoadApplicants(sql, h);
  return h;
}

std::vector<Household> HouseholdStore::List(soci::session& sql, const HouseholdQuery& q) {
  platform::KeysetQuery query("households", kColumns, q.page);
  query.Equal("status", q.status ? std::optional(StatusName(*q.status)) : std::nullopt)
      .Equal("home_local_authority", q.home_local_authority)
      .Equal("family_structure", q.family_structure ? std::optional(StructureName(*q.family_structure)) : std::nullopt)
      .Within(q.coverage, {.local_authority = "home_local_authority", .household = "id"});
  std::vector<Household> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& h : out) LoadApplicants(sql, h);
  return out;
}

bool HouseholdStore::Update(soci::session& tx, Household& h, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kHouseholds, h.id, expected_version, ChangingRow(h))) return false;
  tx << "UPDATE household_applicants SET superseded_at = :t WHERE household_id = :id AND superseded_at IS NULL",
      soci::use(h.updated_at), soci::use(h.id);
  h.version = expected_version + 1;
  InsertApplicants(tx, h);
  return true;
}

long long HouseholdStore::Count(soci::session& sql) {
  return platform::CountRows(sql, "households");
}

}  // namespace recruitment
