#include "familyfinding-svc/store/household_profile_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"

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
  std::string where = "1 = 1";
  std::string after_date;
  if (!q.page.after_id.empty()) {
    sql << "SELECT enquiry_date FROM household_profiles WHERE id = :id", soci::use(q.page.after_id),
        soci::into(after_date);
    if (!sql.got_data()) return {};  // profiles are never removed: not a token of ours
    where = "(enquiry_date > :d OR (enquiry_date = :d2 AND id > :after))";
  }
  int approved = q.approved.value_or(false);
  if (q.home_local_authority) where += " AND home_local_authority = :la";
  if (q.approved) where += " AND approved = :ap";
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  if (!q.page.after_id.empty()) {
    st.exchange(soci::use(after_date));
    st.exchange(soci::use(after_date));
    st.exchange(soci::use(q.page.after_id));
  }
  if (q.home_local_authority) st.exchange(soci::use(*q.home_local_authority));
  if (q.approved) st.exchange(soci::use(approved));
  st.alloc();
  st.prepare(absl::StrCat("SELECT ", kColumns, " FROM household_profiles WHERE ", where,
                          " ORDER BY enquiry_date, id LIMIT ", q.page.size));
  st.define_and_bind();
  st.execute();
  std::vector<HouseholdProfile> out;
  while (st.fetch()) out.push_back(FromRow(row));
  return out;
}

}  // namespace familyfinding
