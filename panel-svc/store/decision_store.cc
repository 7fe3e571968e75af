#include "panel-svc/store/decision_store.h"

#include <soci/soci.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace panel {
namespace {

constexpr char kColumns[] =
    "id, kind, outcome, decision_date, panel_date, agenda_item_id, recommendation, recommendation_received_date, decision_due_date, "
    "contrary_to_recommendation, household_id, has_terms, min_children, max_children, min_age_years, max_age_years, "
    "sibling_groups, disability_acceptable, health_needs_acceptable, ethnicities, dual_approval, new_plan, reasons, "
    "decision_maker, decision_maker_local_authority, qualifying_determination, representations_deadline, "
    "determination_state, representations_date, source_id, version, created_at, updated_at, created_by, updated_by";

// A decision stands as taken; a version changes only where a determination stands.
constexpr platform::VersionedTable kDecisions{"decisions", "decision_history",
                                              "determination_state, representations_date, updated_at, updated_by"};

// Census ethnicity codes hold no comma.
constexpr char kListSeparator[] = ",";

Decision FromRow(const soci::row& row) {
  platform::StoredRow r(row, "decisions");
  Decision d;
  d.id = r.Text("id");
  d.kind = r.Enum("kind", ParseDecisionKind);
  d.outcome = r.Enum("outcome", ParseDecisionOutcome);
  d.decision_date = r.RequiredDate("decision_date");
  d.panel_date = r.OptionalDate("panel_date");
  d.agenda_item_id = r.OptionalText("agenda_item_id").value_or("");
  d.recommendation = r.OptionalText("recommendation").value_or("");
  d.recommendation_received_date = r.OptionalDate("recommendation_received_date");
  d.decision_due_date = r.OptionalDate("decision_due_date");
  d.contrary_to_recommendation = r.Bool("contrary_to_recommendation");
  d.household_id = r.OptionalText("household_id").value_or("");
  if (r.Bool("has_terms")) {
    ApprovalTerms t;
    t.min_children = static_cast<int>(r.Int("min_children"));
    t.max_children = static_cast<int>(r.Int("max_children"));
    t.min_age_years = static_cast<int>(r.Int("min_age_years"));
    t.max_age_years = static_cast<int>(r.Int("max_age_years"));
    t.sibling_groups = r.Bool("sibling_groups");
    t.disability_acceptable = r.Bool("disability_acceptable");
    t.health_needs_acceptable = r.Text("health_needs_acceptable");
    t.ethnicities = absl::StrSplit(r.Text("ethnicities"), kListSeparator, absl::SkipEmpty());
    t.dual_approval = r.Bool("dual_approval");
    d.approval_terms = std::move(t);
  }
  d.new_plan = r.OptionalEnum("new_plan", ParseChildPlan);
  d.reasons = r.Text("reasons");
  d.decision_maker = r.Text("decision_maker");
  d.decision_maker_local_authority = r.Text("decision_maker_local_authority");
  d.qualifying_determination = r.Bool("qualifying_determination");
  d.representations_deadline = r.OptionalDate("representations_deadline");
  d.determination_state = r.OptionalEnum("determination_state", ParseDeterminationState);
  d.representations_date = r.OptionalDate("representations_date");
  d.source_id = r.OptionalText("source_id").value_or("");
  platform::ReadBookkeeping(r, d);
  return d;
}

void LoadChildren(soci::session& sql, Decision& d) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT child_id FROM decision_children WHERE decision_id = :id ORDER BY position",
       soci::use(d.id));
  d.child_ids.clear();
  for (const auto& row : rows) d.child_ids.push_back(platform::StoredRow(row, "decision_children", d.id).Text("child_id"));
}

std::optional<Decision> FindOne(soci::session& sql, const std::string& column, const std::string& value) {
  std::optional<Decision> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM decisions WHERE " << column << " = :v", soci::use(value));
  for (const auto& row : rows) out = FromRow(row);
  if (out) LoadChildren(sql, *out);
  return out;
}

}  // namespace

void DecisionStore::Insert(soci::session& tx, const Decision& d) {
  const ApprovalTerms t = d.approval_terms.value_or(ApprovalTerms{});
  platform::Row row;
  row.Text("kind", DecisionKindName(d.kind))
      .Text("outcome", DecisionOutcomeName(d.outcome))
      .Date("decision_date", d.decision_date)
      .OptionalDate("panel_date", d.panel_date)
      .TextOrNull("agenda_item_id", d.agenda_item_id)
      .TextOrNull("recommendation", d.recommendation)
      .OptionalDate("recommendation_received_date", d.recommendation_received_date)
      .OptionalDate("decision_due_date", d.decision_due_date)
      .Bool("contrary_to_recommendation", d.contrary_to_recommendation)
      .TextOrNull("household_id", d.household_id)
      .Bool("has_terms", d.approval_terms.has_value())
      .Int("min_children", t.min_children)
      .Int("max_children", t.max_children)
      .Int("min_age_years", t.min_age_years)
      .Int("max_age_years", t.max_age_years)
      .Bool("sibling_groups", t.sibling_groups)
      .Bool("disability_acceptable", t.disability_acceptable)
      .Text("health_needs_acceptable", t.health_needs_acceptable)
      .Text("ethnicities", absl::StrJoin(t.ethnicities, kListSeparator))
      .Bool("dual_approval", t.dual_approval)
      .OptionalText("new_plan", d.new_plan ? std::optional(ChildPlanName(*d.new_plan)) : std::nullopt)
      .Text("reasons", d.reasons)
      .Text("decision_maker", d.decision_maker)
      .Text("decision_maker_local_authority", d.decision_maker_local_authority)
      .Bool("qualifying_determination", d.qualifying_determination)
      .OptionalDate("representations_deadline", d.representations_deadline)
      .OptionalText("determination_state", d.determination_state
                                               ? std::optional(DeterminationStateName(*d.determination_state))
                                               : std::nullopt)
      .OptionalDate("representations_date", d.representations_date)
      .TextOrNull("source_id", d.source_id);
  platform::CreatedColumns(row, d);
  platform::UpdatedColumns(row, d);
  platform::InsertRow(tx, "decisions", row);
  for (size_t i = 0; i < d.child_ids.size(); ++i) {
    platform::Row child;
    child.Text("decision_id", d.id).Int("position", static_cast<long long>(i)).Text("child_id", d.child_ids[i]);
    platform::InsertRow(tx, "decision_children", child);
  }
}

std::optional<Decision> DecisionStore::Get(soci::session& sql, const std::string& id) { return FindOne(sql, "id", id); }

std::optional<Decision> DecisionStore::FindBySource(soci::session& sql, const std::string& source_id) {
  return FindOne(sql, "source_id", source_id);
}

std::optional<Decision> DecisionStore::FindByAgendaItem(soci::session& sql, const std::string& agenda_item_id) {
  return FindOne(sql, "agenda_item_id", agenda_item_id);
}

std::vector<Decision> DecisionStore::List(soci::session& sql, const DecisionQuery& q) {
  auto query = platform::KeysetQuery::OrderedBy("decisions", kColumns, q.page, "decision_date");
  query.Equal("kind", q.kind ? std::optional(DecisionKindName(*q.kind)) : std::nullopt)
      .Equal("outcome", q.outcome ? std::optional(DecisionOutcomeName(*q.outcome)) : std::nullopt)
      .Equal("household_id", q.household_id)
      .Equal("qualifying_determination", q.qualifying_determination)
      .Equal("decision_maker_local_authority", q.decision_maker_local_authority);
  if (q.child_id) {
    query.Where("id IN (SELECT decision_id FROM decision_children WHERE child_id = :child)", {*q.child_id});
  }
  std::vector<Decision> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& d : out) LoadChildren(sql, d);
  return out;
}

bool DecisionStore::Update(soci::session& tx, Decision& d, long long expected_version) {
  platform::Row row;
  row.OptionalText("determination_state", d.determination_state
                                              ? std::optional(DeterminationStateName(*d.determination_state))
                                              : std::nullopt)
      .OptionalDate("representations_date", d.representations_date);
  platform::UpdatedColumns(row, d);
  if (!platform::UpdateVersioned(tx, kDecisions, d.id, expected_version, row)) return false;
  d.version = expected_version + 1;
  return true;
}

std::vector<Decision> DecisionStore::DecidedIn(soci::session& sql, const platform::Period& period) {
  std::vector<Decision> out;
  const std::string first = platform::FormatDate(period.first), last = platform::FormatDate(period.last);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM decisions WHERE decision_date BETWEEN :f AND :l ORDER BY "
                      "decision_date, id",
       soci::use(first), soci::use(last));
  for (const auto& row : rows) out.push_back(FromRow(row));
  for (auto& d : out) LoadChildren(sql, d);
  return out;
}

}  // namespace panel
