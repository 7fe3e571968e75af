#include "familyfinding-svc/store/child_store.h"

#include <functional>
#include <map>

#include <soci/soci.h>

#include "familyfinding-svc/domain/journey.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace familyfinding {
namespace {

// Every column but id and version, which child_history keeps whole.
constexpr char kDataColumns[] =
    "given_name, family_name, local_authority, date_of_birth, sex, ethnicity, disability, "
    "health_and_development_needs, sibling_group, sibling_placement, legal_status, early_permanence, status, "
    "status_reason, entered_care_date, should_be_placed_decision_date, placement_order_date, match_date, placed_date, "
    "early_permanence_placed_date, adoption_application_date, adoption_order_date, household_id, created_at, "
    "updated_at, created_by, updated_by";

constexpr platform::VersionedTable kChildren{"children", "child_history", kDataColumns};

const std::string& Columns() {
  static const std::string* columns = new std::string(absl::StrCat("id, version, source_id, ", kDataColumns));
  return *columns;
}

constexpr char kMilestoneColumns[] =
    "child_id, kind, milestone_date, household_id, provider, early_permanence, foster_carer_adoption, reason, origin, "
    "recorded_at, recorded_by";

Milestone MilestoneFromRow(const platform::StoredRow& r) {
  Milestone m;
  m.kind = r.Enum("kind", ParseMilestoneKind);
  m.date = r.RequiredDate("milestone_date");
  m.household_id = r.OptionalText("household_id").value_or("");
  m.provider = r.Enum("provider", ParseProvider);
  m.early_permanence = r.Bool("early_permanence");
  m.foster_carer_adoption = r.Bool("foster_carer_adoption");
  m.reason = r.Text("reason");
  m.origin = r.Enum("origin", ParseOrigin);
  m.recorded_at = r.Int("recorded_at");
  m.recorded_by = r.Text("recorded_by");
  return m;
}

void LoadJourney(soci::session& sql, Child& c) {
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", kMilestoneColumns,
                                   " FROM child_milestones WHERE child_id = :id ORDER BY position"),
       soci::use(c.id));
  c.journey.clear();
  for (const auto& row : rows) c.journey.push_back(MilestoneFromRow(platform::StoredRow(row, "child_milestones", c.id)));
}

// The journeys of a page of children in one statement (not one per child).
void LoadJourneys(soci::session& sql, std::vector<Child>& children) {
  if (children.empty()) return;
  std::map<std::string, size_t> index;
  std::vector<std::string> marks;
  for (size_t i = 0; i < children.size(); ++i) {
    children[i].journey.clear();
    index.emplace(children[i].id, i);
    marks.push_back(absl::StrCat(":c", i));
  }
  soci::row row;
  soci::statement st = (sql.prepare << absl::StrCat("SELECT ", kMilestoneColumns,
                                                    " FROM child_milestones WHERE child_id IN (",
                                                    absl::StrJoin(marks, ", "), ") ORDER BY child_id, position"));
  st.exchange(soci::into(row));
  for (const Child& c : children) st.exchange(soci::use(c.id));
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) {
    const std::string id = row.get<std::string>(0);
    children[index.at(id)].journey.push_back(MilestoneFromRow(platform::StoredRow(row, "child_milestones", id)));
  }
}

// Milestones are only ever appended: those past the stored ones are new.
void AppendJourney(soci::session& tx, const Child& c) {
  if (c.journey.empty()) return;
  long long stored = 0;
  tx << "SELECT COUNT(*) FROM child_milestones WHERE child_id = :id", soci::use(c.id), soci::into(stored);
  for (size_t i = static_cast<size_t>(stored); i < c.journey.size(); ++i) {
    const Milestone& m = c.journey[i];
    platform::Row row;
    row.Text("child_id", c.id)
        .Int("position", static_cast<long long>(i))
        .Text("kind", MilestoneKindName(m.kind))
        .Date("milestone_date", m.date)
        .TextOrNull("household_id", m.household_id)
        .Text("provider", ProviderName(m.provider))
        .Bool("early_permanence", m.early_permanence)
        .Bool("foster_carer_adoption", m.foster_carer_adoption)
        .Text("reason", m.reason)
        .Text("origin", OriginName(m.origin))
        .Int("recorded_at", m.recorded_at)
        .Text("recorded_by", m.recorded_by);
    platform::InsertRow(tx, "child_milestones", row);
  }
}

// Every column a correction or a later verb may change.
platform::Row ChangingRow(const Child& c) {
  const ChildDetails& d = c.details;
  const Milestones& m = c.milestones;
  platform::Row row;
  row.Text("given_name", d.given_name)
      .Text("family_name", d.family_name)
      .Text("local_authority", d.local_authority)
      .OptionalDate("date_of_birth", d.date_of_birth)
      .Text("sex", SexName(d.sex))
      .Text("ethnicity", d.ethnicity)
      .Bool("disability", d.disability)
      .Text("health_and_development_needs", d.health_and_development_needs)
      .Text("sibling_group", d.sibling_group)
      .OptionalText("sibling_placement",
                    d.sibling_placement ? std::optional(SiblingPlacementName(*d.sibling_placement)) : std::nullopt)
      .Text("legal_status", LegalStatusName(d.legal_status))
      .Bool("early_permanence", d.early_permanence)
      .Text("status", StatusName(c.status))
      .Text("status_reason", c.status_reason)
      .OptionalDate("entered_care_date", d.entered_care_date)
      .OptionalDate("should_be_placed_decision_date", m.should_be_placed_decision)
      .OptionalDate("placement_order_date", m.placement_order)
      .OptionalDate("match_date", m.match)
      .OptionalDate("placed_date", m.placed)
      .OptionalDate("early_permanence_placed_date", m.early_permanence_placed)
      .OptionalDate("adoption_application_date", m.adoption_application)
      .OptionalDate("adoption_order_date", m.adoption_order)
      .TextOrNull("household_id", c.household_id);
  platform::UpdatedColumns(row, c);
  return row;
}

Child FromRow(const soci::row& row) {
  platform::StoredRow r(row, "children");
  Child c;
  c.id = r.Text("id");
  platform::ReadBookkeeping(r, c);
  ChildDetails& d = c.details;
  d.given_name = r.Text("given_name");
  d.family_name = r.Text("family_name");
  d.local_authority = r.Text("local_authority");
  d.date_of_birth = r.OptionalDate("date_of_birth");
  d.sex = r.Enum("sex", ParseSex);
  d.ethnicity = r.Text("ethnicity");
  d.disability = r.Bool("disability");
  d.health_and_development_needs = r.Text("health_and_development_needs");
  d.sibling_group = r.Text("sibling_group");
  d.sibling_placement = r.OptionalEnum("sibling_placement", ParseSiblingPlacement);
  d.legal_status = r.Enum("legal_status", ParseLegalStatus);
  d.early_permanence = r.Bool("early_permanence");
  c.status = r.Enum("status", ParseStatus);
  c.status_reason = r.Text("status_reason");
  d.entered_care_date = r.OptionalDate("entered_care_date");
  Milestones& m = c.milestones;
  m.should_be_placed_decision = r.OptionalDate("should_be_placed_decision_date");
  m.placement_order = r.OptionalDate("placement_order_date");
  m.match = r.OptionalDate("match_date");
  m.placed = r.OptionalDate("placed_date");
  m.early_permanence_placed = r.OptionalDate("early_permanence_placed_date");
  m.adoption_application = r.OptionalDate("adoption_application_date");
  m.adoption_order = r.OptionalDate("adoption_order_date");
  c.household_id = r.OptionalText("household_id").value_or("");
  c.source_id = r.OptionalText("source_id");
  return c;
}

// One page of rows matching the query's column conditions, after `after`.
std::vector<Child> Fetch(soci::session& sql, const ChildQuery& q, const std::string& after, int limit) {
  platform::KeysetQuery query("children", Columns(), platform::Page{limit, after});
  query.Equal("local_authority", q.local_authority)
      .Equal("status", q.status ? std::optional(StatusName(*q.status)) : std::nullopt)
      .Equal("legal_status", q.legal_status ? std::optional(LegalStatusName(*q.legal_status)) : std::nullopt)
      .Equal("sex", q.sex ? std::optional(SexName(*q.sex)) : std::nullopt)
      .Equal("early_permanence", q.early_permanence)
      .Equal("sibling_group", q.sibling_group)
      .Equal("household_id", q.household_id)
      .Within(q.coverage, {.local_authority = "local_authority"});
  // As OfferedToPartners (child_profile.h) says.
  if (q.offered_to_partners) {
    query.Where("should_be_placed_decision_date IS NOT NULL AND status IN ('ACTIVELY_FAMILY_FINDING', 'LINKED')", {});
  }
  std::vector<Child> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

}  // namespace

void ChildStore::Insert(soci::session& tx, const Child& c) {
  platform::Row row = ChangingRow(c);
  platform::CreatedColumns(row, c);
  row.OptionalText("source_id", c.source_id);
  platform::InsertRow(tx, "children", row);
  AppendJourney(tx, c);
}

std::optional<Child> ChildStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "children", Columns(), id, row)) return std::nullopt;
  Child c = FromRow(row);
  LoadJourney(sql, c);
  return c;
}

std::optional<Child> ChildStore::FindBySource(soci::session& sql, const std::string& source_id) {
  std::optional<std::string> id = platform::IdBySource(sql, "children", source_id);
  if (!id) return std::nullopt;
  return Get(sql, *id);
}

namespace {
// The children (of `local_authority` when set, within `coverage`) with their
// milestones, in two statements: every child, or those of the ids `cohort` selects
// with :first and :last bound to `period`.
std::vector<Child> WithJourneys(soci::session& sql, const std::string& cohort, std::optional<platform::Period> period,
                                const std::optional<std::string>& local_authority,
                                const platform::Coverage& coverage) {
  std::string first, last;
  if (period) first = platform::FormatDate(period->first), last = platform::FormatDate(period->last);
  std::vector<Child> out;
  std::map<std::string, size_t> index;
  auto run = [&](const std::string& text, const std::function<void(const soci::row&)>& each) {
    soci::row row;
    soci::statement st = (sql.prepare << text);
    st.exchange(soci::into(row));
    if (!cohort.empty()) {
      st.exchange(soci::use(first, "first"));
      st.exchange(soci::use(last, "last"));
    }
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) each(row);
  };
  const std::string where = cohort.empty() ? "" : absl::StrCat(" WHERE ", cohort);
  run(absl::StrCat("SELECT ", Columns(), " FROM children", absl::StrReplaceAll(where, {{"@id", "id"}}), " ORDER BY id"),
      [&](const soci::row& row) {
        Child c = FromRow(row);
        if (local_authority && c.details.local_authority != *local_authority) return;
        if (!coverage.Covers({.local_authorities = {c.details.local_authority}})) return;
        index.emplace(c.id, out.size());
        out.push_back(std::move(c));
      });
  run(absl::StrCat("SELECT ", kMilestoneColumns, " FROM child_milestones",
                   absl::StrReplaceAll(where, {{"@id", "child_id"}}), " ORDER BY child_id, position"),
      [&](const soci::row& row) {
        const std::string id = row.get<std::string>(0);
        auto it = index.find(id);
        if (it == index.end()) return;
        out[it->second].journey.push_back(MilestoneFromRow(platform::StoredRow(row, "child_milestones", id)));
      });
  return out;
}
}  // namespace

std::vector<Child> ChildStore::AdoptedIn(soci::session& sql, platform::Period period,
                                         const std::optional<std::string>& local_authority,
                                         const platform::Coverage& coverage) {
  // One index range finds the cohort.
  return WithJourneys(sql,
                      "@id IN (SELECT child_id FROM child_milestones WHERE kind = 'ADOPTION_ORDER' AND "
                      "milestone_date BETWEEN :first AND :last)",
                      period, local_authority, coverage);
}

std::vector<Child> ChildStore::Journeys(soci::session& sql, const std::optional<std::string>& local_authority,
                                        const platform::Coverage& coverage) {
  return WithJourneys(sql, "", std::nullopt, local_authority, coverage);
}

std::vector<Child> ChildStore::List(soci::session& sql, const ChildQuery& q) {
  std::vector<Child> out;
  std::string after = q.page.after_id;
  const size_t wanted = static_cast<size_t>(q.page.size);
  // Without a derived condition one fetch is the page; with one, read on until the
  // page is full or the rows run out.
  while (out.size() < wanted) {
    std::vector<Child> batch = Fetch(sql, q, after, q.page.size);
    for (auto& c : batch) {
      after = c.id;
      if (q.harder_to_place && HarderToPlace(c.details, q.on) != *q.harder_to_place) continue;
      out.push_back(std::move(c));
      if (out.size() == wanted) break;
    }
    if (batch.size() < wanted) break;
  }
  LoadJourneys(sql, out);
  return out;
}

bool ChildStore::Update(soci::session& tx, Child& c, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kChildren, c.id, expected_version, ChangingRow(c))) return false;
  c.version = expected_version + 1;
  AppendJourney(tx, c);
  return true;
}

std::map<std::string, long long> ChildStore::CountByStatus(soci::session& sql) {
  return platform::CountRowsBy(sql, "children", "status");
}

}  // namespace familyfinding
