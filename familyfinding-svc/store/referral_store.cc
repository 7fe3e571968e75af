#include "familyfinding-svc/store/referral_store.h"

#include <soci/soci.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace familyfinding {
namespace {

constexpr char kColumns[] =
    "id, child_id, referral_date, referring_social_worker, family_finder, activities, next_plan_review_date, "
    "outcome, closed_date, closed_reason, version, created_at, updated_at, created_by, updated_by";

constexpr platform::VersionedTable kReferrals{
    "family_finding_referrals", "family_finding_referral_history",
    "referring_social_worker, family_finder, activities, next_plan_review_date, outcome, closed_date, closed_reason, "
    "updated_at, updated_by"};

// A referral is reached as its child is: by the child's local authority.
const platform::ScopeColumns kScope{
    .local_authority = "(SELECT c.local_authority FROM children c WHERE c.id = family_finding_referrals.child_id)"};

Referral FromRow(const soci::row& row) {
  platform::StoredRow r(row, "family_finding_referrals");
  Referral out;
  out.id = r.Text("id");
  out.child_id = r.Text("child_id");
  out.referral_date = r.RequiredDate("referral_date");
  out.plan.referring_social_worker = r.Text("referring_social_worker");
  out.plan.family_finder = r.Text("family_finder");
  for (absl::string_view name : absl::StrSplit(r.Text("activities"), ',', absl::SkipEmpty())) {
    auto activity = ParseActivity(std::string(name));
    if (!activity) throw platform::CorruptRecord("family_finding_referrals", "activities", out.id);
    out.plan.activities.push_back(*activity);
  }
  out.plan.next_plan_review_date = r.OptionalDate("next_plan_review_date");
  out.outcome = r.Enum("outcome", ParseReferralOutcome);
  out.closed_date = r.OptionalDate("closed_date");
  out.closed_reason = r.Text("closed_reason");
  platform::ReadBookkeeping(r, out);
  return out;
}

// The columns a version changes.
platform::Row ChangingRow(const Referral& r) {
  std::vector<std::string> activities;
  for (auto a : r.plan.activities) activities.push_back(ActivityName(a));
  platform::Row row;
  row.Text("referring_social_worker", r.plan.referring_social_worker)
      .Text("family_finder", r.plan.family_finder)
      .Text("activities", absl::StrJoin(activities, ","))
      .OptionalDate("next_plan_review_date", r.plan.next_plan_review_date)
      .Text("outcome", ReferralOutcomeName(r.outcome))
      .OptionalDate("closed_date", r.closed_date)
      .Text("closed_reason", r.closed_reason);
  platform::UpdatedColumns(row, r);
  return row;
}

}  // namespace

void ReferralStore::Insert(soci::session& tx, const Referral& r) {
  platform::Row row = ChangingRow(r);
  row.Text("child_id", r.child_id).Date("referral_date", r.referral_date);
  platform::CreatedColumns(row, r);
  platform::InsertRow(tx, "family_finding_referrals", row);
}

std::optional<Referral> ReferralStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "family_finding_referrals", kColumns, id, row)) return std::nullopt;
  return FromRow(row);
}

std::optional<Referral> ReferralStore::OpenFor(soci::session& sql, const std::string& child_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM family_finding_referrals WHERE child_id = :c AND "
                      "outcome = 'OPEN' ORDER BY id",
       soci::use(child_id));
  for (const auto& row : rows) return FromRow(row);
  return std::nullopt;
}

std::vector<Referral> ReferralStore::List(soci::session& sql, const ReferralQuery& q) {
  platform::KeysetQuery query("family_finding_referrals", kColumns, q.page);
  query.Equal("child_id", q.child_id)
      .Equal("family_finder", q.family_finder)
      .Equal("outcome", q.outcome ? std::optional(ReferralOutcomeName(*q.outcome)) : std::nullopt)
      .Within(q.coverage, kScope);
  if (q.review_due_on) {
    query.Where("outcome = 'OPEN' AND next_plan_review_date IS NOT NULL AND next_plan_review_date <= :due",
                {platform::FormatDate(*q.review_due_on)});
  }
  std::vector<Referral> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool ReferralStore::Update(soci::session& tx, Referral& r, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kReferrals, r.id, expected_version, ChangingRow(r))) return false;
  r.version = expected_version + 1;
  return true;
}

}  // namespace familyfinding
