#include "recruitment-svc/store/household_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/columns.h"
#include "platform/db.h"
#include "platform/listing.h"

namespace recruitment {
namespace {

constexpr char kColumns[] =
    "id, family_structure, home_local_authority, enquiry_date, status, second_time_adopters, foster_carers, "
    "connected_persons, early_permanence_interest, version, created_at, updated_at, created_by, updated_by";

Household FromRow(const soci::row& r) {
  Household h;
  h.id = r.get<std::string>(0);
  h.details.family_structure = ParseStructure(r.get<std::string>(1)).value_or(FamilyStructure::kSingle);
  h.details.home_local_authority = r.get<std::string>(2);
  h.details.enquiry_date = platform::ParseDate(r.get<std::string>(3)).value_or(platform::Date());
  h.status = ParseStatus(r.get<std::string>(4)).value_or(HouseholdStatus::kEnquiry);
  h.details.second_time_adopters = r.get<int>(5) != 0;
  h.details.foster_carers = r.get<int>(6) != 0;
  h.details.connected_persons = r.get<int>(7) != 0;
  h.details.early_permanence_interest = r.get<int>(8) != 0;
  h.version = r.get<long long>(9);
  h.created_at = r.get<long long>(10);
  h.updated_at = r.get<long long>(11);
  h.created_by = r.get<std::string>(12);
  h.updated_by = r.get<std::string>(13);
  return h;
}

void LoadApplicants(soci::session& sql, Household& h) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT given_name, family_name, date_of_birth, ethnicity "
                                                 "FROM household_applicants WHERE household_id = :id AND "
                                                 "superseded_at IS NULL ORDER BY position",
                                  soci::use(h.id));
  h.details.applicants.clear();
  for (const auto& r : rows) {
    Applicant a;
    a.given_name = r.get<std::string>(0);
    a.family_name = r.get<std::string>(1);
    if (r.get_indicator(2) == soci::i_ok) a.date_of_birth = platform::ParseDate(r.get<std::string>(2)).value();
    a.ethnicity = r.get<std::string>(3);
    h.details.applicants.push_back(std::move(a));
  }
}

void InsertApplicants(soci::session& tx, const Household& h) {
  for (size_t i = 0; i < h.details.applicants.size(); ++i) {
    const Applicant& a = h.details.applicants[i];
    int position = static_cast<int>(i);
    platform::NullableText dob = platform::DateText(a.date_of_birth);
    tx << "INSERT INTO household_applicants (household_id, version, position, given_name, family_name, "
          "date_of_birth, ethnicity) VALUES (:h, :v, :p, :g, :f, :d, :e)",
        soci::use(h.id), soci::use(h.version), soci::use(position), soci::use(a.given_name),
        soci::use(a.family_name), soci::use(dob.value, dob.ind), soci::use(a.ethnicity);
  }
}

}  // namespace

void HouseholdStore::Insert(soci::session& tx, const Household& h) {
  std::string structure = StructureName(h.details.family_structure), status = StatusName(h.status),
              enquiry = platform::FormatDate(h.details.enquiry_date);
  int second = h.details.second_time_adopters, foster = h.details.foster_carers,
      connected = h.details.connected_persons, ep = h.details.early_permanence_interest;
  tx << absl::StrCat("INSERT INTO households (", kColumns,
                     ") VALUES (:id, :fs, :la, :ed, :st, :sta, :fc, :cp, :ep, :v, :ca, :ua, :cb, :ub)"),
      soci::use(h.id), soci::use(structure), soci::use(h.details.home_local_authority), soci::use(enquiry),
      soci::use(status), soci::use(second), soci::use(foster), soci::use(connected), soci::use(ep),
      soci::use(h.version), soci::use(h.created_at), soci::use(h.updated_at), soci::use(h.created_by),
      soci::use(h.updated_by);
  InsertApplicants(tx, h);
}

std::optional<Household> HouseholdStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", kColumns, " FROM households WHERE id = :id"), soci::use(id), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
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
  // Keep the version being replaced.
  tx << "INSERT INTO household_history (id, version, family_structure, home_local_authority, enquiry_date, "
        "status, second_time_adopters, foster_carers, connected_persons, early_permanence_interest, updated_at, "
        "updated_by) SELECT id, version, family_structure, home_local_authority, enquiry_date, status, "
        "second_time_adopters, foster_carers, connected_persons, early_permanence_interest, updated_at, "
        "updated_by FROM households WHERE id = :id AND version = :v",
      soci::use(h.id), soci::use(expected_version);
  std::string structure = StructureName(h.details.family_structure), status = StatusName(h.status),
              enquiry = platform::FormatDate(h.details.enquiry_date);
  int second = h.details.second_time_adopters, foster = h.details.foster_carers,
      connected = h.details.connected_persons, ep = h.details.early_permanence_interest;
  long long next = expected_version + 1;
  soci::statement st =
      (tx.prepare << "UPDATE households SET family_structure = :fs, home_local_authority = :la, "
                     "enquiry_date = :ed, status = :st, second_time_adopters = :sta, foster_carers = :fc, "
                     "connected_persons = :cp, early_permanence_interest = :ep, version = :next, "
                     "updated_at = :ua, updated_by = :ub WHERE id = :id AND version = :v",
       soci::use(structure), soci::use(h.details.home_local_authority), soci::use(enquiry), soci::use(status),
       soci::use(second), soci::use(foster), soci::use(connected), soci::use(ep), soci::use(next),
       soci::use(h.updated_at), soci::use(h.updated_by), soci::use(h.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  tx << "UPDATE household_applicants SET superseded_at = :t WHERE household_id = :id AND superseded_at IS NULL",
      soci::use(h.updated_at), soci::use(h.id);
  h.version = next;
  InsertApplicants(tx, h);
  return true;
}

long long HouseholdStore::Count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM households", soci::into(n);
  return n;
}

}  // namespace recruitment
