#pragma once
// What support-svc holds on a person, for their disclosure (docs/records.md): for
// adopters, their family's adoption support record — the support requests, assessments
// of need, adoption allowances, placements and disruption reviews filed under their
// household; for a child (the adult they became), their placements and the reviews of
// those that disrupted, with the words naming their adopters flagged — the allowances
// paid for the child are the adopters' (means-tested on their finances) and stay in the
// family's record. ASF applications (named by the local authority's own references),
// adopted adults' records-access requests and feedback are filed under no child's or
// household's id: they are not found from here.
#include "platform/core/calendar.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/disclosure.h"
#include "support-svc/store/adoption_allowance_store.h"
#include "support-svc/store/adoptive_family_store.h"
#include "support-svc/store/assessment_of_need_store.h"
#include "support-svc/store/disruption_review_store.h"
#include "support-svc/store/support_request_store.h"

namespace support {

class FamilyDisclosure final : public platform::DisclosureSource {
 public:
  // `calendar` counts a support request's wait, as its Get does.
  FamilyDisclosure(SupportRequestStore* requests, const platform::Clock* clock,
                   const platform::WorkingDayCalendar* calendar)
      : requests_(requests), clock_(clock), calendar_(calendar) {}

  std::vector<adoption::records::v1::DisclosureItem> About(soci::session& sql,
                                                           const platform::DisclosureSubject& subject) override;

 private:
  // The names the adopters of `household` gave when they asked for support: how they
  // are known in the words of a child's records.
  std::vector<std::string> AdoptersNames(soci::session& sql, const std::string& household);

  SupportRequestStore* requests_;
  AssessmentOfNeedStore assessments_;
  AdoptionAllowanceStore allowances_;
  AdoptiveFamilyStore families_;
  DisruptionReviewStore reviews_;
  const platform::Clock* clock_;
  const platform::WorkingDayCalendar* calendar_;
};

}  // namespace support
