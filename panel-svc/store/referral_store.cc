#include "panel-svc/store/referral_store.h"

#include <soci/soci.h>

#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace panel {
namespace {

constexpr char kColumns[] = "id, referral_date, dual_approval_sought, source_sequence, recorded_at";
// An approval case for the referred household on a meeting on or after the referral.
constexpr char kBooked[] =
    "SELECT a.id, a.panel_id, a.meeting_id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE "
    "a.household_id = :h AND a.kind = 'ADOPTER_APPROVAL' AND m.meeting_date >= :d ORDER BY m.meeting_date DESC, a.id "
    "DESC";

PanelReferral FromRow(const soci::row& row) {
  platform::StoredRow r(row, "panel_referrals");
  PanelReferral out;
  out.household_id = r.Text("id");
  out.referral_date = r.RequiredDate("referral_date");
  out.dual_approval_sought = r.Bool("dual_approval_sought");
  out.source_sequence = r.Int("source_sequence");
  return out;
}

void LoadBooking(soci::session& sql, PanelReferral& r) {
  const std::string day = platform::FormatDate(r.referral_date);
  soci::rowset<soci::row> rows = (sql.prepare << kBooked, soci::use(r.household_id), soci::use(day));
  for (const auto& row : rows) {
    platform::StoredRow item(row, "agenda_items");
    r.agenda_item_id = item.Text("id");
    r.panel_id = item.Text("panel_id");
    r.meeting_id = item.Text("meeting_id");
    break;
  }
}

}  // namespace

void ReferralStore::Record(soci::session& tx, const PanelReferral& r) {
  std::optional<PanelReferral> stored = Get(tx, r.household_id);
  platform::Row row;
  row.Date("referral_date", r.referral_date)
      .Bool("dual_approval_sought", r.dual_approval_sought)
      .Int("source_sequence", r.source_sequence)
      .Int("recorded_at", platform::NowMicros());
  if (!stored) {
    row.Text("id", r.household_id);
    platform::InsertRow(tx, "panel_referrals", row);
  } else if (Replaces(r, *stored)) {
    platform::UpdateRow(tx, "panel_referrals", "id", r.household_id, row);
  }
}

std::optional<PanelReferral> ReferralStore::Get(soci::session& sql, const std::string& household_id) {
  soci::row row;
  if (!platform::FindById(sql, "panel_referrals", kColumns, household_id, row)) return std::nullopt;
  PanelReferral r = FromRow(row);
  LoadBooking(sql, r);
  return r;
}

std::vector<PanelReferral> ReferralStore::List(soci::session& sql, const ReferralQuery& q) {
  auto query = platform::KeysetQuery::OrderedBy("panel_referrals", kColumns, q.page, "referral_date");
  if (q.awaiting) {
    query.Where(
        "NOT EXISTS (SELECT 1 FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.household_id = "
        "panel_referrals.id AND a.kind = 'ADOPTER_APPROVAL' AND m.meeting_date >= panel_referrals.referral_date)",
        {});
  }
  std::vector<PanelReferral> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& r : out) LoadBooking(sql, r);
  return out;
}

}  // namespace panel
