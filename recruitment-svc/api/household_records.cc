#include "recruitment-svc/api/household_records.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/core/errors.h"
#include "recruitment-svc/api/household_mapping.h"

namespace recruitment {

std::string HouseholdRecords::type() const { return kHouseholdResource; }

std::vector<platform::RetainedRecord> HouseholdRecords::Due(soci::session& sql, platform::Date through) {
  // Only a household that closed or saw an adoption order has a retention date
  // (RetentionOf); those are read whole and reckoned.
  const std::vector<std::string> closed = {
      StatusName(HouseholdStatus::kWithdrawn), StatusName(HouseholdStatus::kCounselledOut),
      StatusName(HouseholdStatus::kNotApproved), StatusName(HouseholdStatus::kRoiDeclined),
      StatusName(HouseholdStatus::kApprovalTerminated)};
  const std::string order = EventName(JourneyEvent::kAdoptionOrder);
  std::vector<std::string> ids;
  std::string id;
  soci::statement st = (sql.prepare << "SELECT id FROM households WHERE status IN (:a, :b, :c, :d, :e) OR id IN "
                                       "(SELECT household_id FROM household_journey WHERE event = :order) ORDER BY id",
                        soci::use(closed[0]), soci::use(closed[1]), soci::use(closed[2]), soci::use(closed[3]),
                        soci::use(closed[4]), soci::use(order), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  std::vector<platform::RetainedRecord> due;
  for (const std::string& each : ids) {
    std::optional<Household> h = store_->Get(sql, each);
    if (!h) continue;
    std::optional<platform::Retention> retention = RetentionOf(*h, *statutory_);
    if (retention && retention->retain_until <= through) due.push_back({each, *retention});
  }
  return due;
}

absl::StatusOr<std::optional<platform::Retention>> HouseholdRecords::Find(soci::session& sql, const std::string& id) {
  std::optional<Household> h = store_->Get(sql, id);
  if (!h) return platform::NotFound(absl::StrCat("households/", id));
  return RetentionOf(*h, *statutory_);
}

std::vector<platform::ContentTable> HouseholdRecords::Content() const {
  // The applicants' names and dates of birth, the journey with its reasons, the checks,
  // the approval's terms, the sessions booked, every earlier version; then the household.
  return {{"household_applicants", "household_id = :id"},
          {"household_journey", "household_id = :id"},
          {"household_stage_one_checks", "household_id = :id"},
          {"household_approvals", "household_id = :id"},
          {"information_session_bookings", "household_id = :id"},
          {"household_history", "id = :id"},
          {"households", "id = :id"}};
}

}  // namespace recruitment
