#include "support-svc/store/asf_application_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

constexpr char kChangingColumns[] =
    "child_reference, family_reference, child_category, child_age_years, education_health_care_plan, "
    "local_authority, assessment_of_need, service_type, provider, cost_pence, financial_year, status, "
    "submitted_date, decision_due_date, decision_date, delivery_start_date, completed_date, fund_pence, "
    "match_pence, decline_reason, updated_at, updated_by";

constexpr platform::VersionedTable kApplications{"asf_applications", "asf_application_history", kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

AsfApplication FromRow(const soci::row& row) {
  platform::StoredRow r(row, "asf_applications");
  AsfApplication a;
  AsfDetails& d = a.details;
  a.id = r.Text("id");
  d.child_reference = r.Text("child_reference");
  d.family_reference = r.Text("family_reference");
  d.child_category = r.Enum("child_category", ParseChildCategory);
  d.child_age_years = static_cast<int>(r.Int("child_age_years"));
  d.education_health_care_plan = r.Bool("education_health_care_plan");
  d.local_authority = r.Text("local_authority");
  d.assessment_of_need_id = r.Text("assessment_of_need");
  d.service_type = r.Enum("service_type", ParseAsfServiceType);
  d.provider = r.Text("provider");
  d.cost_pence = r.Int("cost_pence");
  d.financial_year = r.Text("financial_year");
  a.status = r.Enum("status", ParseAsfStatus);
  a.submitted_date = r.OptionalDate("submitted_date");
  a.decision_due_date = r.OptionalDate("decision_due_date");
  a.decision_date = r.OptionalDate("decision_date");
  a.delivery_start_date = r.OptionalDate("delivery_start_date");
  a.completed_date = r.OptionalDate("completed_date");
  a.fund_pence = r.Int("fund_pence");
  a.match_pence = r.Int("match_pence");
  a.decline_reason = r.Text("decline_reason");
  platform::ReadBookkeeping(r, a);
  return a;
}

platform::Row ChangingRow(const AsfApplication& a) {
  const AsfDetails& d = a.details;
  platform::Row row;
  row.Text("child_reference", d.child_reference)
      .Text("family_reference", d.family_reference)
      .Text("child_category", ChildCategoryName(d.child_category.value_or(ChildCategory::kAdopted)))
      .Int("child_age_years", d.child_age_years)
      .Bool("education_health_care_plan", d.education_health_care_plan)
      .Text("local_authority", d.local_authority)
      .Text("assessment_of_need", d.assessment_of_need_id)
      .Text("service_type", AsfServiceTypeName(d.service_type.value_or(AsfServiceType::kOtherTherapy)))
      .Text("provider", d.provider)
      .Int("cost_pence", d.cost_pence)
      .Text("financial_year", d.financial_year)
      .Text("status", AsfStatusName(a.status))
      .OptionalDate("submitted_date", a.submitted_date)
      .OptionalDate("decision_due_date", a.decision_due_date)
      .OptionalDate("decision_date", a.decision_date)
      .OptionalDate("delivery_start_date", a.delivery_start_date)
      .OptionalDate("completed_date", a.completed_date)
      .Int("fund_pence", a.fund_pence)
      .Int("match_pence", a.match_pence)
      .Text("decline_reason", a.decline_reason);
  platform::UpdatedColumns(row, a);
  return row;
}

// The statuses that count against the limits, as the domain says, quoted for an IN
// list (names are fixed text, not input).
std::vector<std::string> CountedStatuses() {
  std::vector<std::string> counted;
  for (AsfStatus s : {AsfStatus::kDraft, AsfStatus::kSubmitted, AsfStatus::kApproved, AsfStatus::kDeclined,
                      AsfStatus::kInDelivery, AsfStatus::kCompleted}) {
    if (CountsAgainstLimits(s)) counted.push_back(absl::StrCat("'", AsfStatusName(s), "'"));
  }
  return counted;
}

}  // namespace

void AsfApplicationStore::Insert(soci::session& tx, const AsfApplication& a) {
  platform::Row row = ChangingRow(a);
  platform::CreatedColumns(row, a);
  platform::InsertRow(tx, "asf_applications", row);
}

std::optional<AsfApplication> AsfApplicationStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "asf_applications", Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<AsfApplication> AsfApplicationStore::List(soci::session& sql, const AsfApplicationQuery& q) {
  platform::KeysetQuery query("asf_applications", Columns(), q.page);
  query.Equal("child_reference", q.child_reference)
      .Equal("family_reference", q.family_reference)
      .Equal("local_authority", q.local_authority)
      .Equal("financial_year", q.financial_year)
      .Equal("service_type", q.service_type ? std::optional(AsfServiceTypeName(*q.service_type)) : std::nullopt)
      .Equal("status", q.status ? std::optional(AsfStatusName(*q.status)) : std::nullopt)
      .Within(q.coverage, {.local_authority = "local_authority"});
  std::vector<AsfApplication> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool AsfApplicationStore::Update(soci::session& tx, AsfApplication& a, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kApplications, a.id, expected_version, ChangingRow(a))) return false;
  a.version = expected_version + 1;
  return true;
}

std::vector<AsfApplication> AsfApplicationStore::InYears(soci::session& sql, const std::string& first,
                                                         const std::string& last,
                                                         const std::optional<std::string>& local_authority,
                                                         const platform::Coverage& coverage) {
  // Labels like "2024-25" sort as their years do.
  soci::rowset<soci::row> rows = (sql.prepare << absl::StrCat("SELECT ", Columns(),
                                                              " FROM asf_applications WHERE financial_year BETWEEN "
                                                              ":first AND :last ORDER BY id"),
                                  soci::use(first), soci::use(last));
  std::vector<AsfApplication> out;
  for (const auto& row : rows) {
    AsfApplication a = FromRow(row);
    if (local_authority && a.details.local_authority != *local_authority) continue;
    if (!coverage.Covers({.local_authorities = {a.details.local_authority}})) continue;
    out.push_back(std::move(a));
  }
  return out;
}

long long AsfApplicationStore::CountDecisionsOverdue(soci::session& sql, platform::Date today) {
  return platform::CountRowsWhere(sql, "asf_applications", "status = :submitted AND decision_due_date < :today",
                                  {AsfStatusName(AsfStatus::kSubmitted), platform::FormatDate(today)});
}

AsfYearSpend AsfApplicationStore::YearSpend(soci::session& sql, const std::string& financial_year) {
  const std::string counted =
      absl::StrCat("financial_year = :y AND status IN (", absl::StrJoin(CountedStatuses(), ", "), ")");
  AsfYearSpend spend;
  long long fund = 0, match = 0, highest = 0;
  soci::indicator fund_ind = soci::i_ok, match_ind = soci::i_ok, highest_ind = soci::i_ok;
  sql << absl::StrCat("SELECT SUM(fund_pence), SUM(match_pence), COUNT(DISTINCT child_reference) "
                      "FROM asf_applications WHERE ", counted),
      soci::use(financial_year), soci::into(fund, fund_ind), soci::into(match, match_ind), soci::into(spend.children);
  sql << absl::StrCat("SELECT MAX(spent) FROM (SELECT SUM(fund_pence) AS spent FROM asf_applications WHERE ", counted,
                      " GROUP BY child_reference) per_child"),
      soci::use(financial_year), soci::into(highest, highest_ind);
  spend.fund = fund_ind == soci::i_ok ? fund : 0;
  spend.match = match_ind == soci::i_ok ? match : 0;
  spend.highest = highest_ind == soci::i_ok ? highest : 0;
  return spend;
}

ChildYearSpend AsfApplicationStore::ChildYearSpendFor(soci::session& tx, const std::string& child_reference,
                                                     const std::string& financial_year, const std::string& except_id) {
  // The child's year row first: its update holds a row lock until the transaction ends.
  soci::statement touch = (tx.prepare << "UPDATE asf_child_years SET changes = changes + 1 "
                                         "WHERE child_reference = :c AND financial_year = :y",
                           soci::use(child_reference), soci::use(financial_year));
  touch.execute(true);
  if (touch.get_affected_rows() == 0) {
    tx << "INSERT INTO asf_child_years (child_reference, financial_year, changes) VALUES (:c, :y, 1)",
        soci::use(child_reference), soci::use(financial_year);
  }
  const std::vector<std::string> counted = CountedStatuses();
  const std::string assessment = AsfServiceTypeName(AsfServiceType::kSpecialistAssessment);
  ChildYearSpend spent;
  long long therapy = 0, assessed = 0;
  soci::indicator therapy_ind = soci::i_ok, assessed_ind = soci::i_ok;
  tx << absl::StrCat("SELECT SUM(CASE WHEN service_type = :a THEN 0 ELSE fund_pence END), "
                     "SUM(CASE WHEN service_type = :a2 THEN fund_pence ELSE 0 END) FROM asf_applications "
                     "WHERE child_reference = :c AND financial_year = :y AND id <> :x AND status IN (",
                     absl::StrJoin(counted, ", "), ")"),
      soci::use(assessment, "a"), soci::use(assessment, "a2"), soci::use(child_reference, "c"),
      soci::use(financial_year, "y"), soci::use(except_id, "x"), soci::into(therapy, therapy_ind),
      soci::into(assessed, assessed_ind);
  spent.therapy = therapy_ind == soci::i_ok ? therapy : 0;
  spent.assessment = assessed_ind == soci::i_ok ? assessed : 0;
  return spent;
}

}  // namespace support
