#include "recruitment-svc/store/household_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>

#include "absl/container/flat_hash_map.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_join.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace recruitment {
namespace {

constexpr char kColumns[] =
    "id, family_structure, home_local_authority, enquiry_date, status, second_time_adopters, foster_carers, "
    "connected_persons, early_permanence_interest, route, dual_approval_sought, next_due, home_study_sessions, "
    "final_training_date, early_permanence_training_date, par_completed_date, source_id, version, created_at, "
    "updated_at, created_by, updated_by";

// household_history keeps what a version changes, not who created the household.
constexpr platform::VersionedTable kHouseholds{
    "households", "household_history",
    "family_structure, home_local_authority, enquiry_date, status, second_time_adopters, foster_carers, "
    "connected_persons, early_permanence_interest, route, dual_approval_sought, next_due, home_study_sessions, "
    "final_training_date, early_permanence_training_date, par_completed_date, updated_at, updated_by"};

Household FromRow(const platform::StoredRow& r) {
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
  h.details.route = r.Enum("route", ParseRoute);
  h.dual_approval_sought = r.Bool("dual_approval_sought");
  h.next_due = r.OptionalDate("next_due");
  h.stage_two.home_study_sessions = static_cast<int>(r.Int("home_study_sessions"));
  h.stage_two.final_training = r.OptionalDate("final_training_date");
  h.stage_two.early_permanence_training = r.OptionalDate("early_permanence_training_date");
  h.stage_two.par_completed = r.OptionalDate("par_completed_date");
  h.source_id = r.OptionalText("source_id");
  platform::ReadBookkeeping(r, h);
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
      .Text("route", RouteName(h.details.route))
      .Bool("dual_approval_sought", h.dual_approval_sought)
      .OptionalDate("next_due", h.next_due)
      .Int("home_study_sessions", h.stage_two.home_study_sessions)
      .OptionalDate("final_training_date", h.stage_two.final_training)
      .OptionalDate("early_permanence_training_date", h.stage_two.early_permanence_training)
      .OptionalDate("par_completed_date", h.stage_two.par_completed);
  platform::UpdatedColumns(row, h);
  return row;
}

// A household's parts: read with the household in one statement (Get), or a query per
// part for a page of households (List).
const platform::PartsQuery kApplicants{
    .table = "household_applicants", .owner_column = "household_id",
    .columns = "given_name, family_name, date_of_birth, ethnicity", .condition = "superseded_at IS NULL",
    .order = "version, position"};  // the key's order (the current rows share a version): no sort
const platform::PartsQuery kJourney{
    .table = "household_journey", .owner_column = "household_id",
    .columns = "event, effective_date, from_status, to_status, reason, recorded_at, recorded_by",
    .order = "position"};
const platform::PartsQuery kChecks{
    .table = "household_stage_one_checks", .owner_column = "household_id",
    .columns = "kind, applicant, ordinal, requested_date, received_date, outcome, notes, recorded_at, recorded_by",
    .condition = "superseded_at IS NULL"};
// The approval in force is the last one recorded.
const platform::PartsQuery kApprovals{
    .table = "household_approvals", .owner_column = "household_id",
    .columns = "max_children, min_age_years, max_age_years, dual_approval, min_children, sibling_groups, "
               "disability_acceptable, health_needs_acceptable, ethnicities",
    .order = "position"};
const platform::PartsOfRecords kChecksOfHouseholds({kChecks});

Applicant ReadApplicant(const platform::StoredRow& r) {
  Applicant a;
  a.given_name = r.Text("given_name");
  a.family_name = r.Text("family_name");
  a.date_of_birth = r.OptionalDate("date_of_birth");
  a.ethnicity = r.Text("ethnicity");
  return a;
}

// The rows of the household's applicants, appended to `rows`.
void ApplicantRows(const Household& h, std::vector<platform::Row>& rows) {
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
    rows.push_back(std::move(row));
  }
}

void InsertApplicants(soci::session& tx, const Household& h) {
  std::vector<platform::Row> rows;
  ApplicantRows(h, rows);
  platform::InsertRows(tx, "household_applicants", rows);
}

JourneyStep ReadStep(const platform::StoredRow& r) {
  JourneyStep step;
  step.event = r.Enum("event", ParseEvent);
  step.date = r.RequiredDate("effective_date");
  step.from = r.Enum("from_status", ParseStatus);
  step.to = r.Enum("to_status", ParseStatus);
  step.reason = r.Text("reason");
  step.recorded_at = r.Int("recorded_at");
  step.recorded_by = r.Text("recorded_by");
  return step;
}

// The rows of the journey's steps from position `first` on, appended to `rows`.
void StepRows(const Household& h, size_t first, std::vector<platform::Row>& rows) {
  for (size_t i = first; i < h.journey.size(); ++i) {
    const JourneyStep& step = h.journey[i];
    platform::Row row;
    row.Text("household_id", h.id)
        .Int("position", static_cast<long long>(i))
        .Text("event", EventName(step.event))
        .Date("effective_date", step.date)
        .Text("from_status", StatusName(step.from))
        .Text("to_status", StatusName(step.to))
        .Text("reason", step.reason)
        .Int("recorded_at", step.recorded_at)
        .Text("recorded_by", step.recorded_by);
    rows.push_back(std::move(row));
  }
}

// Steps are only ever appended: those past the stored ones are new.
void AppendJourney(soci::session& tx, const Household& h) {
  if (h.journey.empty()) return;
  long long stored = 0;
  tx << "SELECT COUNT(*) FROM household_journey WHERE household_id = :id", soci::use(h.id), soci::into(stored);
  std::vector<platform::Row> rows;
  StepRows(h, static_cast<size_t>(stored), rows);
  platform::InsertRows(tx, "household_journey", rows);
}

StageOneCheck ReadCheck(const platform::StoredRow& r) {
  StageOneCheck c;
  c.kind = r.Enum("kind", ParseCheckKind);
  c.applicant = static_cast<int>(r.Int("applicant"));
  c.ordinal = static_cast<int>(r.Int("ordinal"));
  c.requested = r.OptionalDate("requested_date");
  c.received = r.OptionalDate("received_date");
  c.outcome = r.Enum("outcome", ParseCheckOutcome);
  c.notes = r.Text("notes");
  c.recorded_at = r.Int("recorded_at");
  c.recorded_by = r.Text("recorded_by");
  return c;
}

// A check that differs from the stored one of its kind, applicant and ordinal replaces
// it; the stored one is kept, superseded.
void SaveChecks(soci::session& tx, const Household& h) {
  if (h.stage_one_checks.empty()) return;  // before Stage 1: nothing stored to compare
  std::vector<StageOneCheck> stored;
  kChecksOfHouseholds.ForEach(tx, {h.id}, [&](size_t, const std::string&, const platform::StoredRow& r) {
    stored.push_back(ReadCheck(r));
  });
  for (const StageOneCheck& c : h.stage_one_checks) {
    bool unchanged = false;
    for (const StageOneCheck& s : stored) {
      unchanged = unchanged || (!CheckOrder(c, s) && !CheckOrder(s, c) && s.requested == c.requested &&
                                s.received == c.received && s.outcome == c.outcome && s.notes == c.notes);
    }
    if (unchanged) continue;
    const std::string kind = CheckKindName(c.kind);
    const int applicant = c.applicant, ordinal = c.ordinal;
    tx << "UPDATE household_stage_one_checks SET superseded_at = :t WHERE household_id = :id AND kind = :kind AND "
          "applicant = :applicant AND ordinal = :ordinal AND superseded_at IS NULL",
        soci::use(c.recorded_at), soci::use(h.id), soci::use(kind), soci::use(applicant), soci::use(ordinal);
    platform::Row row;
    row.Text("household_id", h.id)
        .Text("kind", kind)
        .Int("applicant", applicant)
        .Int("ordinal", ordinal)
        .OptionalDate("requested_date", c.requested)
        .OptionalDate("received_date", c.received)
        .Text("outcome", CheckOutcomeName(c.outcome))
        .Text("notes", c.notes)
        .Int("recorded_at", c.recorded_at)
        .Text("recorded_by", c.recorded_by);
    platform::InsertRow(tx, "household_stage_one_checks", row);
  }
}

ApprovalTerms ReadApproval(const platform::StoredRow& r) {
  return ApprovalTerms{.max_children = static_cast<int>(r.Int("max_children")),
                       .min_age_years = static_cast<int>(r.Int("min_age_years")),
                       .max_age_years = static_cast<int>(r.Int("max_age_years")),
                       .dual_approval = r.Bool("dual_approval"),
                       .min_children = static_cast<int>(r.Int("min_children")),
                       .sibling_groups = r.Bool("sibling_groups"),
                       .disability_acceptable = r.Bool("disability_acceptable"),
                       .health_needs_acceptable = r.Text("health_needs_acceptable"),
                       .ethnicities = absl::StrSplit(r.Text("ethnicities"), ',', absl::SkipEmpty())};
}

// An approval is added by the save whose change took the APPROVED step, or an agreed
// review's (so that step is the journey's newest), unless that one is already stored;
// the newest row is the approval's terms as they stand.
void SaveApproval(soci::session& tx, const Household& h) {
  if (!h.approval || h.journey.empty()) return;
  const JourneyEvent newest = h.journey.back().event;
  if (newest != JourneyEvent::kApproved && newest != JourneyEvent::kApprovalReviewed) return;
  const platform::Date approved = h.journey.back().date;
  long long stored = 0;
  std::string last_date;
  soci::indicator last_ind = soci::i_null;
  tx << "SELECT COUNT(*), MAX(decision_date) FROM household_approvals WHERE household_id = :id", soci::use(h.id),
      soci::into(stored), soci::into(last_date, last_ind);
  if (last_ind == soci::i_ok && last_date >= platform::FormatDate(approved)) return;
  platform::Row row;
  row.Text("household_id", h.id)
      .Int("position", stored)
      .Date("decision_date", approved)
      .Int("max_children", h.approval->max_children)
      .Int("min_age_years", h.approval->min_age_years)
      .Int("max_age_years", h.approval->max_age_years)
      .Bool("dual_approval", h.approval->dual_approval)
      .Int("min_children", h.approval->min_children)
      .Bool("sibling_groups", h.approval->sibling_groups)
      .Bool("disability_acceptable", h.approval->disability_acceptable)
      .Text("health_needs_acceptable", h.approval->health_needs_acceptable)
      .Text("ethnicities", absl::StrJoin(h.approval->ethnicities, ","))
      .Int("recorded_at", h.updated_at);
  platform::InsertRow(tx, "household_approvals", row);
}

// Part `part` of the household (the order of kParts), from its row.
void ReadPart(size_t part, const platform::StoredRow& r, Household& h) {
  switch (part) {
    case 0:
      h.details.applicants.push_back(ReadApplicant(r));
      break;
    case 1:
      h.journey.push_back(ReadStep(r));
      break;
    case 2:
      h.stage_one_checks.push_back(ReadCheck(r));
      break;
    default:
      h.approval = ReadApproval(r);  // the newest is the last
  }
}
// A household's row keeps a copy of its parts (migration 0011), so a Get reads one row.
const platform::RecordWithParts kHouseholdWithParts("households", kColumns,
                                                    {kApplicants, kJourney, kChecks, kApprovals},
                                                    platform::KeptParts{.column = "parts"});
const platform::PartsOfRecords kPartsOfHouseholds({kApplicants, kJourney, kChecks, kApprovals});

// The parts of a page of households: one statement, whatever their number.
void Load(soci::session& sql, const std::vector<Household*>& households) {
  if (households.empty()) return;
  absl::flat_hash_map<std::string, Household*> by_id;
  std::vector<std::string> ids;
  for (Household* h : households) {
    by_id.emplace(h->id, h);
    ids.push_back(h->id);
  }
  kPartsOfHouseholds.ForEach(sql, ids, [&](size_t part, const std::string& id, const platform::StoredRow& r) {
    ReadPart(part, r, *by_id.at(id));
  });
}

}  // namespace

void HouseholdStore::Insert(soci::session& tx, const Household& h) { Insert(tx, std::vector<const Household*>{&h}); }

void HouseholdStore::Insert(soci::session& tx, const std::vector<const Household*>& households) {
  // A statement per table, whatever the number of households.
  std::vector<platform::Row> rows, applicants, steps;
  std::vector<size_t> first_applicant, first_step;
  for (const Household* h : households) {
    first_applicant.push_back(applicants.size());
    first_step.push_back(steps.size());
    ApplicantRows(*h, applicants);
    StepRows(*h, 0, steps);  // new households: none stored
  }
  first_applicant.push_back(applicants.size());
  first_step.push_back(steps.size());
  for (size_t i = 0; i < households.size(); ++i) {
    const Household& h = *households[i];
    platform::Row row = ChangingRow(h);
    row.OptionalText("source_id", h.source_id);  // set once, when imported
    platform::CreatedColumns(row, h);
    // The copy of its parts is made from the rows about to be written; an imported
    // household's checks and approval are saved by the code that compares them with
    // what is stored, and its copy is read back after them.
    std::optional<std::string> kept;
    if (h.stage_one_checks.empty() && !h.approval) {
      std::vector<std::vector<const platform::Row*>> parts(4);
      for (size_t a = first_applicant[i]; a < first_applicant[i + 1]; ++a) parts[0].push_back(&applicants[a]);
      for (size_t s = first_step[i]; s < first_step[i + 1]; ++s) parts[1].push_back(&steps[s]);
      kept = kHouseholdWithParts.KeptText(h.version, parts);
    }
    row.OptionalText("parts", std::move(kept));
    rows.push_back(std::move(row));
  }
  platform::InsertRows(tx, "households", rows);
  platform::InsertRows(tx, "household_applicants", applicants);
  platform::InsertRows(tx, "household_journey", steps);
  // An imported household may already hold checks and an approval.
  for (const Household* h : households) {
    if (h->stage_one_checks.empty() && !h->approval) continue;
    SaveChecks(tx, *h);
    SaveApproval(tx, *h);
    kHouseholdWithParts.Keep(tx, h->id);
  }
}

std::optional<Household> HouseholdStore::Get(soci::session& sql, const std::string& id) {
  Household h;
  const bool found = kHouseholdWithParts.Find(
      sql, id, [&](const platform::StoredRow& r) { h = FromRow(r); },
      [&](size_t part, const platform::StoredRow& r) { ReadPart(part, r, h); });
  if (!found) return std::nullopt;
  std::sort(h.stage_one_checks.begin(), h.stage_one_checks.end(), CheckOrder);
  return h;
}

std::optional<Household> HouseholdStore::FindBySource(soci::session& sql, const std::string& source_id) {
  std::optional<std::string> id = platform::IdBySource(sql, "households", source_id);
  if (!id) return std::nullopt;
  return Get(sql, *id);
}

std::vector<Household> HouseholdStore::List(soci::session& sql, const HouseholdQuery& q) {
  platform::KeysetQuery query("households", absl::StrCat(kColumns, ", parts"), q.page);
  query.Equal("status", q.status ? std::optional(StatusName(*q.status)) : std::nullopt)
      .Equal("home_local_authority", q.home_local_authority)
      .Equal("family_structure", q.family_structure ? std::optional(StructureName(*q.family_structure)) : std::nullopt)
      .Within(q.coverage, {.local_authority = "home_local_authority", .household = "id"});
  if (q.waiting) {
    // The accepted ROI is the journey's last step while the household waits.
    query.Where(
        "status = 'ROI_RECEIVED' AND EXISTS (SELECT 1 FROM household_journey j WHERE j.household_id = households.id "
        "AND j.event = 'ROI_ACCEPTED')",
        {});
  }
  if (q.overdue_on) {
    query.Where("next_due IS NOT NULL AND next_due < :today", {platform::FormatDate(*q.overdue_on)});
  }
  std::vector<Household> out;
  std::vector<std::optional<std::string>> kept;
  query.ForEach(sql, [&](const soci::row& row) {
    const platform::StoredRow r(row, "households");
    out.push_back(FromRow(r));
    kept.push_back(r.OptionalText("parts"));
  });
  // Each household's parts from the copy in its row; those without one of their version
  // from the parts' tables, in one statement.
  std::vector<Household*> assemble;
  for (size_t i = 0; i < out.size(); ++i) {
    Household& h = out[i];
    const bool read = kHouseholdWithParts.ReadKept(
        kept[i], h.version, h.id, [&](size_t part, const platform::StoredRow& r) { ReadPart(part, r, h); });
    if (!read) assemble.push_back(&h);
  }
  Load(sql, assemble);
  for (Household& h : out) std::sort(h.stage_one_checks.begin(), h.stage_one_checks.end(), CheckOrder);
  return out;
}

bool HouseholdStore::Update(soci::session& tx, Household& h, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kHouseholds, h.id, expected_version, ChangingRow(h))) return false;
  tx << "UPDATE household_applicants SET superseded_at = :t WHERE household_id = :id AND superseded_at IS NULL",
      soci::use(h.updated_at), soci::use(h.id);
  h.version = expected_version + 1;
  InsertApplicants(tx, h);
  AppendJourney(tx, h);
  SaveChecks(tx, h);
  SaveApproval(tx, h);
  // The copy of its parts as this change leaves them (read back: a change writes only
  // what differs from what is stored).
  kHouseholdWithParts.Keep(tx, h.id);
  return true;
}

long long HouseholdStore::CountOverdue(soci::session& sql, platform::Date today) {
  long long n = 0;
  const std::string day = platform::FormatDate(today);
  sql << "SELECT COUNT(*) FROM households WHERE next_due IS NOT NULL AND next_due < :today", soci::use(day),
      soci::into(n);
  return n;
}

std::map<std::string, long long> HouseholdStore::CountByStatus(soci::session& sql) {
  return platform::CountRowsBy(sql, "households", "status");
}

long long HouseholdStore::Count(soci::session& sql) {
  return platform::CountRows(sql, "households");
}


std::vector<HouseholdHistory> HouseholdStore::Histories(soci::session& sql, const HistoryQuery& q) {
  std::vector<HouseholdHistory> out;
  absl::flat_hash_map<std::string, size_t> index;
  // Every row the condition selects and the caller reaches (a household read twice is kept once).
  auto read_households = [&](const std::string& condition, const std::vector<std::string>& values) {
    platform::KeysetQuery households("households", "id, family_structure, route, enquiry_date",
                                     platform::Page{.size = std::numeric_limits<int>::max()});
    households.Within(q.coverage, {.local_authority = "home_local_authority", .household = "id"});
    if (!condition.empty()) households.Where(condition, values);
    households.ForEach(sql, [&](const soci::row& row) {
      platform::StoredRow r(row, "households");
      HouseholdHistory h;
      h.id = r.Text("id");
      if (index.contains(h.id)) return;
      h.family_structure = r.Enum("family_structure", ParseStructure);
      h.route = r.Enum("route", ParseRoute);
      h.enquiry_date = r.RequiredDate("enquiry_date");
      index.emplace(h.id, out.size());
      out.push_back(std::move(h));
    });
  };
  // With a period: the households that enquired in it, and those with a step in it
  // (their whole journeys). Each read is one index range, never a scan of every
  // household's steps (docs/reports.md).
  std::string stepped;
  std::vector<std::string> bounds;
  if (q.touching) {
    bounds = {platform::FormatDate(q.touching->first), platform::FormatDate(q.touching->last)};
    read_households("enquiry_date BETWEEN :first AND :last", bounds);
    read_households(
        "id IN (SELECT household_id FROM household_journey WHERE effective_date BETWEEN :first AND :last)", bounds);
    // A join on the period's stepped households, materialised once (an IN on the same
    // table would be probed for every stored step).
    stepped =
        " JOIN (SELECT DISTINCT household_id AS stepped_id FROM household_journey WHERE effective_date BETWEEN "
        ":first AND :last) stepped ON stepped.stepped_id = t.household_id";
  } else {
    read_households("", {});
  }
  if (out.empty()) return out;
  // Rows of households outside the caller's reach are skipped here.
  auto each = [&](const std::string& select, const std::function<void(HouseholdHistory&, platform::StoredRow&)>& read,
                  const char* table) {
    soci::statement st = (sql.prepare << select);
    soci::row row;
    st.exchange(soci::into(row));
    for (std::string& b : bounds) st.exchange(soci::use(b));
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      const std::string id = row.get<std::string>(0);  // every select leads with household_id
      auto it = index.find(id);
      if (it == index.end()) continue;
      platform::StoredRow r(row, table, id);
      read(out[it->second], r);
    }
  };
  each(absl::StrCat("SELECT t.household_id, t.ethnicity FROM household_applicants t", stepped,
                    " WHERE t.superseded_at IS NULL AND t.position = 0"),
       [](HouseholdHistory& h, platform::StoredRow& r) { h.ethnicity = r.Text("ethnicity"); },
       "household_applicants");
  each(absl::StrCat("SELECT t.household_id, t.event, t.effective_date, t.from_status, t.to_status, t.reason FROM "
                    "household_journey t",
                    stepped, " ORDER BY t.household_id, t.position"),
       [](HouseholdHistory& h, platform::StoredRow& r) {
         h.journey.push_back(JourneyStep{.event = r.Enum("event", ParseEvent),
                                         .date = r.RequiredDate("effective_date"),
                                         .from = r.Enum("from_status", ParseStatus),
                                         .to = r.Enum("to_status", ParseStatus),
                                         .reason = r.Text("reason")});
       },
       "household_journey");
  each(absl::StrCat("SELECT t.household_id, t.decision_date FROM household_approvals t", stepped,
                    " WHERE t.dual_approval = 1"),
       [](HouseholdHistory& h, platform::StoredRow& r) { h.dual_approvals.push_back(r.RequiredDate("decision_date")); },
       "household_approvals");
  return out;
}


Funnel HouseholdStore::CountFunnel(soci::session& sql, platform::Period period, const platform::Coverage& coverage) {
  Funnel f;
  platform::ScopeCondition scope =
      platform::CoverageCondition(coverage, {.local_authority = "h.home_local_authority", .household = "h.id"});
  if (scope.nothing) return f;
  const std::string within = scope.sql.empty() ? "" : " AND " + scope.sql;
  std::vector<std::string> values = {platform::FormatDate(period.first), platform::FormatDate(period.last)};
  values.insert(values.end(), scope.values.begin(), scope.values.end());
  auto run = [&](const std::string& select, const std::function<void(const soci::row&)>& each) {
    soci::statement st = (sql.prepare << select);
    soci::row row;
    st.exchange(soci::into(row));
    for (std::string& v : values) st.exchange(soci::use(v));
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) each(row);
  };
  // Known-child households are counted apart, by their Stage 2 (reports.h).
  run(absl::StrCat("SELECT COUNT(*) AS n FROM households h WHERE h.enquiry_date BETWEEN :first AND :last AND "
                   "h.route <> 'KNOWN_CHILD'",
                   within),
      [&](const soci::row& row) { f.enquiries = static_cast<int>(platform::StoredRow(row, "households", "").Int("n")); });
  // Households per event in the period, known-child ones apart.
  std::map<std::pair<bool, JourneyEvent>, int> per_event;
  auto add = [&](const soci::row& row, bool known_child, int sign) {
    platform::StoredRow r(row, "household_journey", "");
    if (std::optional<JourneyEvent> event = ParseEvent(r.Text("event"))) {
      per_event[{known_child, *event}] += sign * static_cast<int>(r.Int("n"));
    }
  };
  const std::string known_child_steps = absl::StrCat(
      "SELECT t.event AS event, COUNT(DISTINCT t.household_id) AS n FROM household_journey t JOIN households h ON "
      "h.id = t.household_id WHERE t.effective_date BETWEEN :first AND :last AND h.route = 'KNOWN_CHILD'",
      within, " GROUP BY t.event");
  run(known_child_steps, [&](const soci::row& row) { add(row, true, 1); });
  if (scope.sql.empty()) {
    // The whole agency: every household's steps from the date index alone, less the
    // known-child households' (a join per step would cost a lookup each).
    run("SELECT t.event AS event, COUNT(DISTINCT t.household_id) AS n FROM household_journey t WHERE "
        "t.effective_date BETWEEN :first AND :last GROUP BY t.event",
        [&](const soci::row& row) { add(row, false, 1); });
    run(known_child_steps, [&](const soci::row& row) { add(row, false, -1); });
  } else {
    run(absl::StrCat("SELECT t.event AS event, COUNT(DISTINCT t.household_id) AS n FROM household_journey t JOIN "
                     "households h ON h.id = t.household_id WHERE t.effective_date BETWEEN :first AND :last AND "
                     "h.route <> 'KNOWN_CHILD'",
                     within, " GROUP BY t.event"),
        [&](const soci::row& row) { add(row, false, 1); });
  }
  auto count = [&](bool known_child, JourneyEvent e) {
    auto it = per_event.find({known_child, e});
    return it == per_event.end() ? 0 : it->second;
  };
  f.info_sessions_booked = count(false, JourneyEvent::kInfoSessionBooked);
  f.info_sessions_attended = count(false, JourneyEvent::kInfoSessionAttended);
  f.registrations_of_interest = count(false, JourneyEvent::kRoiReceived);
  f.stage_one_started = count(false, JourneyEvent::kStageOneStarted);
  f.stage_two_started = count(false, JourneyEvent::kStageTwoStarted);
  f.approvals = count(false, JourneyEvent::kApproved);
  f.known_child_assessments = count(true, JourneyEvent::kStageTwoStarted);
  run(absl::StrCat("SELECT COUNT(DISTINCT a.household_id) AS n FROM household_approvals a JOIN households h ON "
                   "h.id = a.household_id WHERE a.decision_date BETWEEN :first AND :last AND a.dual_approval = 1 AND "
                   "h.route <> 'KNOWN_CHILD'",
                   within),
      [&](const soci::row& row) {
        f.dual_approvals = static_cast<int>(platform::StoredRow(row, "household_approvals", "").Int("n"));
      });
  return f;
}

}  // namespace recruitment
