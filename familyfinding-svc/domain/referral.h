#pragma once
// A family-finding referral (docs/domain.md §2 "Referrals"): the child's local authority
// asks the agency to find a family, often before the should-be-placed decision. A
// family finder is allocated, a plan of activities is kept with its next review, and
// the referral closes with its outcome: matched, the plan changed, the placement order
// refused or revoked (each from the child's journey), or withdrawn by the authority.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace familyfinding {

// In the contract's order.
enum class ReferralOutcome { kOpen, kMatched, kPlanChanged, kPlacementOrderRevoked, kWithdrawn };
enum class FamilyFindingActivity {
  kInHouseSearch, kRegionalSearch, kNationalProfile, kExchangeDay, kActivityDay, kProfilingEvent,
};

// What the family-finding team keeps up to date while the referral is open.
struct ReferralPlan {
  std::string referring_social_worker;  // display name, no contact details
  std::string family_finder;            // the allocated family finder's subject; empty until allocated
  std::vector<FamilyFindingActivity> activities;
  std::optional<platform::Date> next_plan_review_date;
  bool operator==(const ReferralPlan&) const = default;
};

struct Referral {
  std::string id;
  std::string child_id;
  platform::Date referral_date;
  ReferralPlan plan;
  ReferralOutcome outcome = ReferralOutcome::kOpen;
  std::optional<platform::Date> closed_date;
  std::string closed_reason;
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// A referral's own rules, under `prefix` ("family_finding_referral."): received on or
// before `today`; names of at most 100 characters; each activity once; the plan
// reviewed on or after the referral.
void ValidateReferral(const Referral& r, platform::Date today, const std::string& prefix, platform::Validation& v);

// Replaces the open referral's plan with `revised`: FAILED_PRECONDITION STATE once it
// is closed; INVALID_ARGUMENT naming each field (after `v`'s). Stamped on success.
absl::Status RevisePlan(Referral& r, ReferralPlan revised, const platform::Revision& revision,
                        const std::string& prefix, platform::Validation v);

// Closes the open referral on `day` with `outcome` and why: STATE unless open;
// INVALID_ARGUMENT on `field` when `day` is before the referral or after
// revision.today. Stamped on success.
absl::Status CloseReferral(Referral& r, ReferralOutcome outcome, platform::Date day, const std::string& reason,
                           const platform::Revision& revision, const std::string& field);

std::string ReferralOutcomeName(ReferralOutcome o);
std::optional<ReferralOutcome> ParseReferralOutcome(const std::string& name);
std::string ActivityName(FamilyFindingActivity a);
std::optional<FamilyFindingActivity> ParseActivity(const std::string& name);

}  // namespace familyfinding
