#pragma once
// What recruitment-svc holds on a person, for their disclosure (docs/records.md): for
// adopters, their household as staff see it — applicants, journey, Stage 1 checks with
// their notes — with the notes that carry other people's words flagged (a referee's, an
// employer's, an ex-partner's). Recruitment holds nothing on a child.
#include "platform/core/statutory.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/disclosure.h"
#include "recruitment-svc/store/household_store.h"

namespace recruitment {

class HouseholdDisclosure final : public platform::DisclosureSource {
 public:
  HouseholdDisclosure(HouseholdStore* households, const platform::StatutoryTable* statutory,
                      const platform::Clock* clock)
      : households_(households), statutory_(statutory), clock_(clock) {}

  std::vector<adoption::records::v1::DisclosureItem> About(soci::session& sql,
                                                           const platform::DisclosureSubject& subject) override;

 private:
  HouseholdStore* households_;
  const platform::StatutoryTable* statutory_;
  const platform::Clock* clock_;
};

}  // namespace recruitment
