#include "support-svc/store/disruption_review_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

constexpr char kTable[] = "disruption_reviews";
// What changes after the review is made due; history keeps it.
constexpr char kChangingColumns[] =
    "status, scheduled_date, held_date, chair, findings, recommendations, updated_at, updated_by";
constexpr platform::VersionedTable kReviews{kTable, "disruption_review_history", kChangingColumns};

std::string Columns() {
  return absl::StrCat("id, version, created_at, created_by, family, child, household, local_authority, "
                      "disruption_date, after_order, ",
                      kChangingColumns);
}

DisruptionReview FromRow(const soci::row& row) {
  platform::StoredRow r(row, kTable);
  DisruptionReview out;
  out.id = r.Text("id");
  out.family_id = r.Text("family");
  out.child_id = r.Text("child");
  out.household_id = r.Text("household");
  out.local_authority = r.Text("local_authority");
  out.disruption_date = r.RequiredDate("disruption_date");
  out.after_order = r.Bool("after_order");
  out.status = r.Enum("status", ParseDisruptionReviewStatus);
  out.scheduled_date = r.OptionalDate("scheduled_date");
  out.held_date = r.OptionalDate("held_date");
  out.chair = r.Text("chair");
  out.findings = r.Text("findings");
  out.recommendations = r.Text("recommendations");
  platform::ReadBookkeeping(r, out);
  return out;
}

platform::Row ChangingRow(const DisruptionReview& r) {
  platform::Row row;
  row.Text("status", DisruptionReviewStatusName(r.status))
      .OptionalDate("scheduled_date", r.scheduled_date)
      .OptionalDate("held_date", r.held_date)
      .Text("chair", r.chair)
      .Text("findings", r.findings)
      .Text("recommendations", r.recommendations);
  platform::UpdatedColumns(row, r);
  return row;
}

}  // namespace

void DisruptionReviewStore::Insert(soci::session& tx, const DisruptionReview& r) {
  platform::Row row = ChangingRow(r);
  platform::CreatedColumns(row, r);
  row.Text("family", r.family_id)
      .Text("child", r.child_id)
      .Text("household", r.household_id)
      .Text("local_authority", r.local_authority)
      .Date("disruption_date", r.disruption_date)
      .Bool("after_order", r.after_order);
  platform::InsertRow(tx, kTable, row);
}

std::optional<DisruptionReview> DisruptionReviewStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, kTable, Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<DisruptionReview> DisruptionReviewStore::List(soci::session& sql, const DisruptionReviewQuery& q) {
  platform::KeysetQuery query(kTable, Columns(), q.page);
  query.Equal("status", q.status ? std::optional(DisruptionReviewStatusName(*q.status)) : std::nullopt)
      .Equal("local_authority", q.local_authority)
      .Within(q.coverage, {.local_authority = "local_authority", .empty_authority_is_unallocated = true});
  std::vector<DisruptionReview> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool DisruptionReviewStore::Update(soci::session& tx, DisruptionReview& r, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kReviews, r.id, expected_version, ChangingRow(r))) return false;
  r.version = expected_version + 1;
  return true;
}

}  // namespace support
