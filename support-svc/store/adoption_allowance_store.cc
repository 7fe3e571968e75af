#include "support-svc/store/adoption_allowance_store.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

using nlohmann::json;

constexpr char kTable[] = "adoption_allowances";
constexpr char kChangingColumns[] =
    "household, child_reference, local_authority, kind, amount_pence, frequency, means_tested, start_date, "
    "end_date, last_review_date, status, first_review_due_date, review_due_date, timeline, end_reason, updated_at, "
    "updated_by";

constexpr platform::VersionedTable kAllowances{kTable, "adoption_allowance_history", kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

std::string DateText(platform::Date d) { return platform::FormatDate(d); }
platform::Date DateIn(const json& j, const char* key) {
  absl::StatusOr<platform::Date> d = platform::ParseDate(j.at(key).get<std::string>());
  if (!d.ok()) throw std::invalid_argument(key);
  return *d;
}

// The rates, suspensions and reviews as one JSON document.
std::string TimelineJson(const AdoptionAllowance& a) {
  json rates = json::array(), suspensions = json::array(), reviews = json::array();
  for (const AllowanceRate& r : a.rates) rates.push_back({{"from", DateText(r.effective_date)}, {"pence", r.pence}});
  for (const AllowanceSuspension& s : a.suspensions) {
    suspensions.push_back(
        {{"from", DateText(s.suspended)}, {"resumed", s.resumed ? DateText(*s.resumed) : ""}, {"reason", s.reason}});
  }
  for (const AllowanceReview& r : a.reviews) {
    reviews.push_back({{"held", DateText(r.held)}, {"next_due", DateText(r.next_due)}});
  }
  return json{{"rates", rates}, {"suspensions", suspensions}, {"reviews", reviews}}.dump();
}

// Throws CorruptRecord naming the record, never the text, when it is not a timeline.
void ReadTimeline(const std::string& text, AdoptionAllowance& a) {
  try {
    const json j = json::parse(text);
    for (const json& r : j.at("rates")) a.rates.push_back({DateIn(r, "from"), r.at("pence").get<long long>()});
    for (const json& s : j.at("suspensions")) {
      AllowanceSuspension out{DateIn(s, "from"), std::nullopt, s.at("reason").get<std::string>()};
      if (!s.at("resumed").get<std::string>().empty()) out.resumed = DateIn(s, "resumed");
      a.suspensions.push_back(std::move(out));
    }
    for (const json& r : j.at("reviews")) a.reviews.push_back({DateIn(r, "held"), DateIn(r, "next_due")});
  } catch (const std::exception&) {
    throw platform::CorruptRecord(kTable, "timeline", a.id);
  }
}

AdoptionAllowance FromRow(const soci::row& row) {
  platform::StoredRow r(row, kTable);
  AdoptionAllowance a;
  AllowanceDetails& d = a.details;
  a.id = r.Text("id");
  d.household_id = r.Text("household");
  d.child_reference = r.Text("child_reference");
  d.local_authority = r.Text("local_authority");
  d.kind = r.Enum("kind", ParseAllowanceKind);
  d.amount_pence = r.Int("amount_pence");
  d.frequency = r.Enum("frequency", ParsePaymentFrequency);
  d.means_tested = r.Bool("means_tested");
  d.start_date = r.RequiredDate("start_date");
  d.end_date = r.OptionalDate("end_date");
  d.last_review_date = r.OptionalDate("last_review_date");
  a.status = r.Enum("status", ParseAllowanceStatus);
  a.first_review_due_date = r.OptionalDate("first_review_due_date");
  a.review_due_date = r.OptionalDate("review_due_date");
  ReadTimeline(r.Text("timeline"), a);
  a.end_reason = r.Text("end_reason");
  platform::ReadBookkeeping(r, a);
  return a;
}

platform::Row ChangingRow(const AdoptionAllowance& a) {
  const AllowanceDetails& d = a.details;
  platform::Row row;
  row.Text("household", d.household_id)
      .Text("child_reference", d.child_reference)
      .Text("local_authority", d.local_authority)
      .Text("kind", AllowanceKindName(d.kind.value_or(AllowanceKind::kRegular)))
      .Int("amount_pence", d.amount_pence)
      .Text("frequency", PaymentFrequencyName(d.frequency.value_or(PaymentFrequency::kMonthly)))
      .Bool("means_tested", d.means_tested)
      .Date("start_date", d.start_date)
      .OptionalDate("end_date", d.end_date)
      .OptionalDate("last_review_date", d.last_review_date)
      .Text("status", AllowanceStatusName(a.status))
      .OptionalDate("first_review_due_date", a.first_review_due_date)
      .OptionalDate("review_due_date", a.review_due_date)
      .Text("timeline", TimelineJson(a))
      .Text("end_reason", a.end_reason);
  platform::UpdatedColumns(row, a);
  return row;
}

}  // namespace

void AdoptionAllowanceStore::Insert(soci::session& tx, const AdoptionAllowance& a) {
  platform::Row row = ChangingRow(a);
  platform::CreatedColumns(row, a);
  platform::InsertRow(tx, kTable, row);
}

std::optional<AdoptionAllowance> AdoptionAllowanceStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, kTable, Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<AdoptionAllowance> AdoptionAllowanceStore::List(soci::session& sql, const AllowanceQuery& q) {
  platform::KeysetQuery query(kTable, Columns(), q.page);
  query.Equal("household", q.household_id)
      .Equal("child_reference", q.child_reference)
      .Equal("local_authority", q.local_authority)
      .Equal("kind", q.kind ? std::optional(AllowanceKindName(*q.kind)) : std::nullopt)
      .Equal("status", q.status ? std::optional(AllowanceStatusName(*q.status)) : std::nullopt)
      .Within(q.coverage, {.local_authority = "local_authority"});
  if (q.review_overdue_on) {
    query.Where(absl::StrCat("status <> '", AllowanceStatusName(AllowanceStatus::kEnded),
                             "' AND review_due_date IS NOT NULL AND review_due_date < :overdue_on"),
                {platform::FormatDate(*q.review_overdue_on)});
  }
  std::vector<AdoptionAllowance> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool AdoptionAllowanceStore::Update(soci::session& tx, AdoptionAllowance& a, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kAllowances, a.id, expected_version, ChangingRow(a))) return false;
  a.version = expected_version + 1;
  return true;
}

std::vector<AdoptionAllowance> AdoptionAllowanceStore::RunningIn(soci::session& sql, platform::Period period,
                                                                 const std::optional<std::string>& local_authority,
                                                                 const platform::Coverage& coverage) {
  const std::string first = platform::FormatDate(period.first), last = platform::FormatDate(period.last);
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", Columns(), " FROM ", kTable,
                                   " WHERE start_date <= :last AND (end_date IS NULL OR end_date >= :first) "
                                   "ORDER BY id"),
       soci::use(last, "last"), soci::use(first, "first"));
  std::vector<AdoptionAllowance> out;
  for (const auto& row : rows) {
    AdoptionAllowance a = FromRow(row);
    if (local_authority && a.details.local_authority != *local_authority) continue;
    if (!coverage.Covers({.local_authorities = {a.details.local_authority}})) continue;
    out.push_back(std::move(a));
  }
  return out;
}

StoredBudget AdoptionAllowanceStore::SetBudget(soci::session& tx, const AllowanceBudget& b, const std::string& actor,
                                               long long now) {
  StoredBudget stored;
  soci::indicator found = soci::i_null;
  long long version = 0, created_at = 0;
  std::string created_by;
  tx << "SELECT version, created_at, created_by FROM allowance_budgets WHERE local_authority = :la AND "
        "financial_year = :fy",
      soci::use(b.local_authority, "la"), soci::use(b.financial_year, "fy"), soci::into(version, found),
      soci::into(created_at), soci::into(created_by);
  if (tx.got_data() && found == soci::i_ok) {
    tx << "INSERT INTO allowance_budget_history (local_authority, financial_year, version, budget_pence, "
          "updated_at, updated_by) SELECT local_authority, financial_year, version, budget_pence, updated_at, "
          "updated_by FROM allowance_budgets WHERE local_authority = :la AND financial_year = :fy",
        soci::use(b.local_authority, "la"), soci::use(b.financial_year, "fy");
    const long long next = version + 1;
    tx << "UPDATE allowance_budgets SET budget_pence = :p, version = :v, updated_at = :t, updated_by = :u WHERE "
          "local_authority = :la AND financial_year = :fy",
        soci::use(b.pence, "p"), soci::use(next, "v"), soci::use(now, "t"), soci::use(actor, "u"),
        soci::use(b.local_authority, "la"), soci::use(b.financial_year, "fy");
    stored.version = next;
    stored.created_at = created_at;
    stored.created_by = created_by;
  } else {
    const long long first = 1;
    tx << "INSERT INTO allowance_budgets (local_authority, financial_year, budget_pence, version, created_at, "
          "updated_at, created_by, updated_by) VALUES (:la, :fy, :p, :v, :t, :t2, :u, :u2)",
        soci::use(b.local_authority, "la"), soci::use(b.financial_year, "fy"), soci::use(b.pence, "p"),
        soci::use(first, "v"), soci::use(now, "t"), soci::use(now, "t2"), soci::use(actor, "u"),
        soci::use(actor, "u2");
    stored.version = first;
    stored.created_at = now;
    stored.created_by = actor;
  }
  stored.budget = b;
  stored.updated_at = now;
  stored.updated_by = actor;
  return stored;
}

std::vector<AllowanceBudget> AdoptionAllowanceStore::Budgets(soci::session& sql, const std::string& first,
                                                             const std::string& last,
                                                             const std::optional<std::string>& local_authority) {
  // Labels like "2024-25" sort as their years do.
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT local_authority, financial_year, budget_pence FROM allowance_budgets WHERE "
                      "financial_year BETWEEN :first AND :last ORDER BY financial_year, local_authority",
       soci::use(first, "first"), soci::use(last, "last"));
  std::vector<AllowanceBudget> out;
  for (const auto& row : rows) {
    platform::StoredRow r(row, "allowance_budgets", "budget");
    AllowanceBudget b{r.Text("local_authority"), r.Text("financial_year"), r.Int("budget_pence")};
    if (local_authority && b.local_authority != *local_authority) continue;
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace support
