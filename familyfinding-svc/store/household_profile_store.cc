#include "familyfinding-svc/store/household_profile_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/listing.h"

namespace familyfinding {
namespace {

constexpr char kColumns[] =
    "id, home_local_authority, family_structure, enquiry_date, early_permanence_interest, approved, "
    "source_sequence, updated_at";

HouseholdProfile FromRow(const soci::row& r) {
  HouseholdProfile p;
  p.id = r.get<std::string>(0);
  p.facts.home_local_authority = r.get<std::string>(1);
  p.facts.family_structure = r.get<std::string>(2);
  p.facts.enquiry_date = platform::ParseDate(r.get<std::string>(3)).value_or(platform::Date());
  p.facts.early_permanence_interest = r.get<int>(4) != 0;
  p.approved = r.get<int>(5) != 0;
  p.source_sequence = r.get<long long>(6);
  p.updated_at = r.get<long long>(7);
  return p;
}

}  // namespace

std::optional<HouseholdProfile> HouseholdProfileStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", kColumns, " FROM household_profiles WHERE id = :id"), soci::use(id), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

void HouseholdProfileStore::Save(soci::session& tx, const HouseholdProfile& p) {
  std::string enquiry = platform::FormatDate(p.facts.enquiry_date), household = absl::StrCat("households/", p.id);
  int ep = p.facts.early_permanence_interest, approved = p.approved;
  int exists = 0;
  tx << "SELECT COUNT(*) FROM household_profiles WHERE id = :id", soci::use(p.id), soci::into(exists);
  if (exists) {
    tx << "UPDATE household_profiles SET home_local_authority = :la, family_structure = :fs, enquiry_date = :ed, "
          "early_permanence_interest = :ep, approved = :ap, source_sequence = :seq, updated_at = :ua WHERE id = :id",
        soci::use(p.facts.home_local_authority), soci::use(p.facts.family_structure), soci::use(enquiry), soci::use(ep),
        soci::use(approved), soci::use(p.source_sequence), soci::use(p.updated_at), soci::use(p.id);
  } else {
    tx << absl::StrCat("INSERT INTO household_profiles (household, ", kColumns,
                       ") VALUES (:h, :id, :la, :fs, :ed, :ep, :ap, :seq, :ua)"),
        soci::use(household), soci::use(p.id), soci::use(p.facts.home_local_authority),
        soci::use(p.facts.family_structure), soci::use(enquiry), soci::use(ep), soci::use(approved),
        soci::use(p.source_sequence), soci::use(p.updated_at);
  }
}

std::vector<HouseholdProfile> HouseholdProfileStore::List(soci::session& sql, const HouseholdProfileQuery& q) {
  // Keyset paging on (enquiry_date, id): the token names the last profile seen.
  auto query = platform::KeysetQuery::OrderedBy("household_profiles", kColumns, q.page, "enquiry_date");
  query.Equal("home_local_authority", q.home_local_authority)
      .Equal("approved", q.approved)
      .Within(q.coverage, {.local_authority = "home_local_authority", .household = "id"});
  std::vector<HouseholdProfile> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

}  // namespace familyfinding
