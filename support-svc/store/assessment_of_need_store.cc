#include "support-svc/store/assessment_of_need_store.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

using nlohmann::json;

constexpr char kTable[] = "assessments_of_need";
constexpr char kChangingColumns[] =
    "support_request, local_authority, requested_date, start_date, target_date, social_worker, needs, "
    "support_plan, status, completed_date, outcome, plan, plan_review_date, close_reason, household, updated_at, "
    "updated_by";

constexpr platform::VersionedTable kAssessments{kTable, "assessment_of_need_history", kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

std::string OptionalDateText(const std::optional<platform::Date>& d) { return d ? platform::FormatDate(*d) : ""; }

// The plan as one JSON document: its names are the contract's field names, its enums
// the domain's stored names.
std::string PlanJson(const SupportPlan& plan) {
  json services = json::array();
  for (const PlannedService& s : plan.services) {
    services.push_back({{"kind", SupportServiceKindName(s.kind.value_or(SupportServiceKind::kOther))},
                        {"provider", s.provider},
                        {"frequency", s.frequency},
                        {"funding_source", FundingSourceName(s.funding_source.value_or(FundingSource::kOther))}});
  }
  return json{{"goals", plan.goals},
              {"services", services},
              {"review_date", OptionalDateText(plan.review_date)},
              {"last_reviewed_date", OptionalDateText(plan.last_reviewed_date)}}
      .dump();
}

std::optional<platform::Date> DateIn(const json& j, const char* key) {
  const std::string text = j.at(key).get<std::string>();
  if (text.empty()) return std::nullopt;
  absl::StatusOr<platform::Date> d = platform::ParseDate(text);
  if (!d.ok()) throw std::invalid_argument(key);
  return *d;
}

// Throws CorruptRecord naming the record, never the text, when it is not a plan.
SupportPlan PlanFrom(const std::string& text, const std::string& id) {
  try {
    const json j = json::parse(text);
    SupportPlan plan;
    plan.goals = j.at("goals").get<std::vector<std::string>>();
    for (const json& s : j.at("services")) {
      PlannedService service;
      service.kind = ParseSupportServiceKind(s.at("kind").get<std::string>());
      service.provider = s.at("provider").get<std::string>();
      service.frequency = s.at("frequency").get<std::string>();
      service.funding_source = ParseFundingSource(s.at("funding_source").get<std::string>());
      if (!service.kind || !service.funding_source) throw std::invalid_argument("enum");
      plan.services.push_back(std::move(service));
    }
    plan.review_date = DateIn(j, "review_date");
    plan.last_reviewed_date = DateIn(j, "last_reviewed_date");
    return plan;
  } catch (const std::exception&) {
    throw platform::CorruptRecord(kTable, "plan", id);
  }
}

AssessmentOfNeed FromRow(const soci::row& row) {
  platform::StoredRow r(row, kTable);
  AssessmentOfNeed a;
  AssessmentDetails& d = a.details;
  a.id = r.Text("id");
  d.support_request_id = r.Text("support_request");
  d.local_authority = r.Text("local_authority");
  d.requested_date = r.RequiredDate("requested_date");
  d.start_date = r.OptionalDate("start_date");
  d.target_date = r.OptionalDate("target_date");
  d.social_worker = r.Text("social_worker");
  d.needs = r.Text("needs");
  d.support_plan_summary = r.Text("support_plan");
  a.status = r.Enum("status", ParseAssessmentStatus);
  a.completed_date = r.OptionalDate("completed_date");
  a.outcome = r.OptionalEnum("outcome", ParseAssessmentOutcome);
  if (std::optional<std::string> plan = r.OptionalText("plan")) a.plan = PlanFrom(*plan, a.id);
  a.close_reason = r.Text("close_reason");
  d.household_id = r.Text("household");
  platform::ReadBookkeeping(r, a);
  return a;
}

platform::Row ChangingRow(const AssessmentOfNeed& a) {
  const AssessmentDetails& d = a.details;
  platform::Row row;
  row.Text("support_request", d.support_request_id)
      .Text("local_authority", d.local_authority)
      .Date("requested_date", d.requested_date)
      .OptionalDate("start_date", d.start_date)
      .OptionalDate("target_date", d.target_date)
      .Text("social_worker", d.social_worker)
      .Text("needs", d.needs)
      .Text("support_plan", d.support_plan_summary)
      .Text("status", AssessmentStatusName(a.status))
      .OptionalDate("completed_date", a.completed_date)
      .OptionalText("outcome", a.outcome ? std::optional(AssessmentOutcomeName(*a.outcome)) : std::nullopt)
      .OptionalText("plan", a.plan ? std::optional(PlanJson(*a.plan)) : std::nullopt)
      .OptionalDate("plan_review_date", a.plan ? a.plan->review_date : std::nullopt)
      .Text("close_reason", a.close_reason)
      .Text("household", d.household_id);
  platform::UpdatedColumns(row, a);
  return row;
}

}  // namespace

void AssessmentOfNeedStore::Insert(soci::session& tx, const AssessmentOfNeed& a, const std::string& source_id) {
  platform::Row row = ChangingRow(a);
  platform::CreatedColumns(row, a);
  row.TextOrNull("source_id", source_id);
  platform::InsertRow(tx, kTable, row);
}

std::optional<AssessmentOfNeed> AssessmentOfNeedStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, kTable, Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

std::optional<AssessmentOfNeed> AssessmentOfNeedStore::FindBySource(soci::session& sql, const std::string& source_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", Columns(), " FROM ", kTable, " WHERE source_id = :s"),
       soci::use(source_id));
  for (const auto& row : rows) return FromRow(row);
  return std::nullopt;
}

std::vector<AssessmentOfNeed> AssessmentOfNeedStore::List(soci::session& sql, const AssessmentQuery& q) {
  platform::KeysetQuery query(kTable, Columns(), q.page);
  query.Equal("support_request", q.support_request_id)
      .Equal("local_authority", q.local_authority)
      .Equal("status", q.status ? std::optional(AssessmentStatusName(*q.status)) : std::nullopt)
      .Within(q.coverage, {.local_authority = "local_authority", .household = "household"});
  if (q.review_due_on) {
    query.Where(absl::StrCat("status = '", AssessmentStatusName(AssessmentStatus::kCompleted),
                             "' AND plan_review_date IS NOT NULL AND plan_review_date <= :review_due"),
                {platform::FormatDate(*q.review_due_on)});
  }
  std::vector<AssessmentOfNeed> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool AssessmentOfNeedStore::Update(soci::session& tx, AssessmentOfNeed& a, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kAssessments, a.id, expected_version, ChangingRow(a))) return false;
  a.version = expected_version + 1;
  return true;
}

std::vector<AssessmentOfNeed> AssessmentOfNeedStore::ActiveIn(soci::session& sql, platform::Period period,
                                                              const std::optional<std::string>& local_authority,
                                                              const platform::Coverage& coverage) {
  // Every day of an assessment falls between its request and its completion, so one
  // with a day in the period was requested by its end and not completed before it.
  const std::string first = platform::FormatDate(period.first), last = platform::FormatDate(period.last);
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", Columns(), " FROM ", kTable,
                                   " WHERE requested_date <= :last AND (completed_date IS NULL OR completed_date >= "
                                   ":first) ORDER BY id"),
       soci::use(last, "last"), soci::use(first, "first"));
  std::vector<AssessmentOfNeed> out;
  for (const auto& row : rows) {
    AssessmentOfNeed a = FromRow(row);
    if (local_authority && a.details.local_authority != *local_authority) continue;
    if (!coverage.Covers({.local_authorities = {a.details.local_authority}})) continue;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace support
