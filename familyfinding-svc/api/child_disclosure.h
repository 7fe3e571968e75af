#pragma once
// What familyfinding-svc holds on a person, for their disclosure (docs/records.md,
// "Disclosure"): for a child, the child's record, its links to households considered
// and its family-finding referrals; for adopters, their household's profile and the
// links that considered them for children.
#include "familyfinding-svc/store/child_store.h"
#include "familyfinding-svc/store/household_profile_store.h"
#include "familyfinding-svc/store/link_store.h"
#include "familyfinding-svc/store/referral_store.h"
#include "platform/core/statutory.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/disclosure.h"

namespace familyfinding {

class FamilyFindingDisclosure final : public platform::DisclosureSource {
 public:
  FamilyFindingDisclosure(ChildStore* children, HouseholdProfileStore* profiles,
                          const platform::StatutoryTable* statutory, const platform::Clock* clock)
      : children_(children), profiles_(profiles), statutory_(statutory), clock_(clock) {}

  std::vector<adoption::records::v1::DisclosureItem> About(soci::session& sql,
                                                           const platform::DisclosureSubject& subject) override;

 private:
  ChildStore* children_;
  HouseholdProfileStore* profiles_;
  LinkStore links_;
  ReferralStore referrals_;
  const platform::StatutoryTable* statutory_;
  const platform::Clock* clock_;
};

}  // namespace familyfinding
