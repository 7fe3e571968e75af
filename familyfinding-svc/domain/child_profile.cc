#include "familyfinding-svc/domain/child_profile.h"

#include "absl/strings/match.h"

namespace familyfinding {

std::string AgeBand(int age) {
  return age < 1 ? "UNDER_1" : age < 5 ? "1_TO_4" : age < 10 ? "5_TO_9" : age < 16 ? "10_TO_15" : "16_AND_OVER";
}

bool OfferedToPartners(const Child& child) {
  return child.milestones.should_be_placed_decision.has_value() &&
         (child.status == FamilyFindingStatus::kActivelyFamilyFinding || child.status == FamilyFindingStatus::kLinked);
}

std::optional<AnonymisedChild> AnonymisedProfile(const Child& child, const ChildrenToPlace& place,
                                                 const std::string& region, platform::Date today) {
  if (!OfferedToPartners(child)) return std::nullopt;
  const ChildDetails& d = child.details;
  AnonymisedChild p;
  p.child_id = child.id;
  p.age_band = AgeBand(d.date_of_birth ? AgeInYears(*d.date_of_birth, today) : 0);
  p.sex = d.sex;
  p.ethnicity = d.ethnicity;
  p.disability = d.disability;
  p.children_to_place = place.children;
  p.early_permanence = d.early_permanence;
  p.region = !region.empty()                            ? region
             : absl::StartsWith(d.local_authority, "W") ? "Wales"
                                                        : "England";
  p.placement_authorised = d.legal_status == LegalStatus::kPlacementOrder || d.legal_status == LegalStatus::kConsent;
  const platform::Date decided = *child.milestones.should_be_placed_decision;
  while (platform::AddMonths(decided, p.months_waiting + 1) <= today) ++p.months_waiting;
  return p;
}

}  // namespace familyfinding
