#include "familyfinding-svc/store/household_profile_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"
#include "familyfinding-svc/domain/journey.h"

namespace familyfinding {
namespace {

constexpr char kColumns[] =
    "id, home_local_authority, family_structure, enquiry_date, early_permanence_interest, approved, "
    "source_sequence, updated_at, provider, agency, source_id, terms_recorded, min_children, max_children, "
    "min_age_years, max_age_years, sibling_groups, disability_acceptable, dual_approval, ethnicities, approval_date, "
    "matched, offer_reference, health_needs_acceptable";

HouseholdProfile FromRow(const soci::row& row) {
  platform::StoredRow r(row, "household_profiles");
  HouseholdProfile p;
  p.id = r.Text("id");
  p.facts.home_local_authority = r.Text("home_local_authority");
  p.facts.family_structure = r.Text("family_structure");
  p.facts.enquiry_date = r.RequiredDate("enquiry_date");
  p.facts.early_permanence_interest = r.Bool("early_permanence_interest");
  p.approved = r.Bool("approved");
  p.source_sequence = r.Int("source_sequence");
  p.updated_at = r.Int("updated_at");
  p.provider = r.Enum("provider", ParseProvider);
  p.agency = r.Text("agency");
  p.source_id = r.OptionalText("source_id");
  if (r.Bool("terms_recorded")) {
    MatchingTerms& t = p.terms.emplace();
    t.min_children = static_cast<int>(r.Int("min_children"));
    t.max_children = static_cast<int>(r.Int("max_children"));
    t.min_age_years = static_cast<int>(r.Int("min_age_years"));
    t.max_age_years = static_cast<int>(r.Int("max_age_years"));
    t.sibling_groups = r.Bool("sibling_groups");
    t.disability_acceptable = r.Bool("disability_acceptable");
    t.dual_approval = r.Bool("dual_approval");
    t.ethnicities = absl::StrSplit(r.Text("ethnicities"), ',', absl::SkipEmpty());
    t.health_needs = r.Text("health_needs_acceptable");
  }
  p.approval_date = r.OptionalDate("approval_date");
  p.matched = r.Bool("matched");
  p.offer_reference = r.OptionalText("offer_reference");
  return p;
}

}  // namespace

std::optional<HouseholdProfile> HouseholdProfileStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "household_profiles", kColumns, id, row)) return std::nullopt;
  return FromRow(row);
}

long long HouseholdProfileStore::PoolVersion(soci::session& sql) {
  long long version = 0;
  sql << "SELECT version FROM household_profile_pool WHERE id = 1", soci::into(version);
  return version;
}

void HouseholdProfileStore::Erase(soci::session& tx, const std::string& id) {
  tx << "UPDATE household_profile_pool SET version = version + 1 WHERE id = 1";
  tx << "DELETE FROM household_profiles WHERE id = :id", soci::use(id);
}

void HouseholdProfileStore::Save(soci::session& tx, const HouseholdProfile& p) {
  // Every write moves the pool's version, so in-memory pools see the change.
  tx << "UPDATE household_profile_pool SET version = version + 1 WHERE id = 1";
  // A read model: overwritten from events, so it keeps no history.
  platform::Row row;
  row.Text("home_local_authority", p.facts.home_local_authority)
      .Text("family_structure", p.facts.family_structure)
      .Date("enquiry_date", p.facts.enquiry_date)
      .Bool("early_permanence_interest", p.facts.early_permanence_interest)
      .Bool("approved", p.approved)
      .Int("source_sequence", p.source_sequence)
      .Int("updated_at", p.updated_at)
      .Text("provider", ProviderName(p.provider))
      .Text("agency", p.agency)
      .OptionalDate("approval_date", p.approval_date)
      .Bool("matched", p.matched)
      .Bool("terms_recorded", p.terms.has_value());
  const MatchingTerms t = p.terms.value_or(MatchingTerms{});
  row.Int("min_children", t.min_children)
      .Int("max_children", t.max_children)
      .Int("min_age_years", t.min_age_years)
      .Int("max_age_years", t.max_age_years)
      .Bool("sibling_groups", t.sibling_groups)
      .Bool("disability_acceptable", t.disability_acceptable)
      .Bool("dual_approval", t.dual_approval)
      .Text("ethnicities", absl::StrJoin(t.ethnicities, ","))
      .Text("health_needs_acceptable", t.health_needs)
      .OptionalText("offer_reference", p.offer_reference);
  if (platform::UpdateRow(tx, "household_profiles", "id", p.id, row)) return;
  row.Text("id", p.id).Text("household", absl::StrCat("households/", p.id)).OptionalText("source_id", p.source_id);
  platform::InsertRow(tx, "household_profiles", row);
}

std::optional<HouseholdProfile> HouseholdProfileStore::FindBySource(soci::session& sql, const std::string& source_id) {
  std::optional<std::string> id = platform::IdBySource(sql, "household_profiles", source_id);
  if (!id) return std::nullopt;
  return Get(sql, *id);
}

std::optional<HouseholdProfile> HouseholdProfileStore::FindOffer(soci::session& sql, const std::string& agency,
                                                                const std::string& reference) {
  std::string id;
  soci::indicator found = soci::i_null;
  sql << "SELECT id FROM household_profiles WHERE agency = :agency AND offer_reference = :reference",
      soci::use(agency), soci::use(reference), soci::into(id, found);
  if (!sql.got_data() || found != soci::i_ok) return std::nullopt;
  return Get(sql, id);
}

std::vector<std::string> HouseholdProfileStore::OwnHouseholdIds(soci::session& sql) {
  soci::rowset<std::string> rows = (sql.prepare << "SELECT id FROM household_profiles WHERE provider = 'IN_HOUSE'");
  return std::vector<std::string>(rows.begin(), rows.end());
}

std::vector<HouseholdProfile> HouseholdProfileStore::Available(soci::session& sql) {
  soci::rowset<soci::row> rows = (sql.prepare << absl::StrCat("SELECT ", kColumns,
                                                              " FROM household_profiles WHERE approved = 1 AND "
                                                              "matched = 0 ORDER BY id"));
  std::vector<HouseholdProfile> out;
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

std::vector<HouseholdProfile> HouseholdProfileStore::List(soci::session& sql, const HouseholdProfileQuery& q) {
  // Keyset paging on (enquiry_date, id): the token names the last profile seen.
  auto query = platform::KeysetQuery::OrderedBy("household_profiles", kColumns, q.page, "enquiry_date");
  query.Equal("home_local_authority", q.home_local_authority)
      .Equal("approved", q.approved)
      .Within(q.coverage, {.local_authority = "home_local_authority", .household = "id", .partner_agency = "agency"});
  std::vector<HouseholdProfile> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

}  // namespace familyfinding
