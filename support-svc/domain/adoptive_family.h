#pragma once
// The adoptive families adoption support serves (docs/domain.md §4), as family finding's
// events tell of them: a child placed for adoption with a household (the support plan is
// offered at placement), the adoption order (post-order support opens; the placing
// authority stays responsible for assessing and providing support for
// `post_order_support_placing_authority_years` after it, then the authority where the
// family lives), a placement that disrupted. Pure.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace support {

// Names match the contract's enum (without its prefix), in the same order.
enum class FamilyStatus { kPlaced, kAdopted, kDisrupted };

struct AdoptiveFamily {
  std::string id;
  std::string child_id, household_id;  // family finding's and recruitment's ids
  std::string local_authority;         // the placing authority: the child's
  platform::Date placed_date;          // placed for adoption
  platform::Date moved_in_date;        // earlier for early permanence
  bool early_permanence = false;
  FamilyStatus status = FamilyStatus::kPlaced;
  std::optional<platform::Date> adoption_order_date, disruption_date;
  // The last day the placing authority is responsible for post-order support.
  std::optional<platform::Date> placing_authority_responsible_until;
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

inline constexpr char kPlacingAuthorityYears[] = "post_order_support_placing_authority_years";

// The years in force on `day`; FAILED_PRECONDITION when not configured.
absl::StatusOr<int> PlacingAuthorityYearsOn(const platform::StatutoryTable& table, platform::Date day);

// A child placed for adoption with a household.
AdoptiveFamily FamilyPlaced(std::string id, std::string child_id, std::string household_id,
                            std::string local_authority, platform::Date placed, platform::Date moved_in,
                            bool early_permanence, const std::string& actor, long long now);
// The adoption order: ADOPTED, the placing authority responsible until the day before
// the order's anniversary `years` on. FAILED_PRECONDITION (STATE status) unless placed;
// (ORDER adoption_order_date) before the placement.
absl::Status AdoptionOrderMade(AdoptiveFamily& f, platform::Date order, int years, const platform::Revision& by);
// The placement ended: DISRUPTED (after the order too: the family is no longer the
// child's). FAILED_PRECONDITION (STATE status) when already disrupted; (ORDER
// disruption_date) before the placement.
absl::Status PlacementDisruptedOn(AdoptiveFamily& f, platform::Date day, const platform::Revision& by);

// The placing authority is responsible for the family's support on `day`: from the
// placement until its post-order years end (always, before an order; never after a
// disruption).
bool PlacingAuthorityResponsible(const AdoptiveFamily& f, platform::Date day);

std::string FamilyStatusName(FamilyStatus s);
std::optional<FamilyStatus> ParseFamilyStatus(const std::string& name);

}  // namespace support
