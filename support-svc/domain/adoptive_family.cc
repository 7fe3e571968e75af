#include "support-svc/domain/adoptive_family.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"

namespace support {

absl::StatusOr<int> PlacingAuthorityYearsOn(const platform::StatutoryTable& table, platform::Date day) {
  absl::StatusOr<long long> years = table.ValueOn(kPlacingAuthorityYears, day);
  if (!years.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(kPlacingAuthorityYears, " is not configured for ", platform::FormatDate(day)));
  }
  return static_cast<int>(*years);
}

AdoptiveFamily FamilyPlaced(std::string id, std::string child_id, std::string household_id,
                            std::string local_authority, platform::Date placed, platform::Date moved_in,
                            bool early_permanence, const std::string& actor, long long now) {
  AdoptiveFamily f;
  f.id = std::move(id);
  f.child_id = std::move(child_id);
  f.household_id = std::move(household_id);
  f.local_authority = std::move(local_authority);
  f.placed_date = placed;
  f.moved_in_date = moved_in;
  f.early_permanence = early_permanence;
  f.created_at = f.updated_at = now;
  f.created_by = f.updated_by = actor;
  return f;
}

absl::Status AdoptionOrderMade(AdoptiveFamily& f, platform::Date order, int years, const platform::Revision& by) {
  if (f.status != FamilyStatus::kPlaced) {
    return platform::RefuseStep("a family", FamilyStatusName(f.status), "given an adoption order",
                                FamilyStatusName(FamilyStatus::kPlaced));
  }
  RETURN_IF_ERROR(platform::NotBefore(order, f.placed_date, "adoption_order_date", "placement"));
  f.status = FamilyStatus::kAdopted;
  f.adoption_order_date = order;
  // "For three years from the order": to the day before its third anniversary.
  f.placing_authority_responsible_until = platform::AddMonths(order, 12 * years) - 1;
  platform::Stamp(f, by);
  return absl::OkStatus();
}

absl::Status PlacementDisruptedOn(AdoptiveFamily& f, platform::Date day, const platform::Revision& by) {
  if (f.status == FamilyStatus::kDisrupted) {
    return platform::RefuseStep("a family", FamilyStatusName(f.status), "disrupted",
                                absl::StrCat(FamilyStatusName(FamilyStatus::kPlaced), " or ",
                                             FamilyStatusName(FamilyStatus::kAdopted)));
  }
  RETURN_IF_ERROR(platform::NotBefore(day, f.moved_in_date, "disruption_date", "placement"));
  f.status = FamilyStatus::kDisrupted;
  f.disruption_date = day;
  platform::Stamp(f, by);
  return absl::OkStatus();
}

bool PlacingAuthorityResponsible(const AdoptiveFamily& f, platform::Date day) {
  if (day < f.moved_in_date) return false;
  if (f.disruption_date && day >= *f.disruption_date) return false;
  return !f.placing_authority_responsible_until || day <= *f.placing_authority_responsible_until;
}

namespace {
constexpr const char* kStatusNames[] = {"PLACED", "ADOPTED", "DISRUPTED"};
}  // namespace

std::string FamilyStatusName(FamilyStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<FamilyStatus> ParseFamilyStatus(const std::string& name) {
  return platform::EnumFromName<FamilyStatus>(kStatusNames, name);
}

}  // namespace support
