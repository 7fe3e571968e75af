#include "familyfinding-svc/domain/referral.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace familyfinding {
namespace {
constexpr size_t kMaxNameLength = 100;
constexpr const char* kOutcomeNames[] = {"OPEN", "MATCHED", "PLAN_CHANGED", "PLACEMENT_ORDER_REVOKED", "WITHDRAWN"};
constexpr const char* kActivityNames[] = {"IN_HOUSE_SEARCH", "REGIONAL_SEARCH", "NATIONAL_PROFILE",
                                          "EXCHANGE_DAY",    "ACTIVITY_DAY",    "PROFILING_EVENT"};

absl::Status Closed(const Referral& r) {
  return platform::FailedPrecondition(
      "the referral is closed",
      {{"STATE", absl::StrCat("family finding referral ", r.id),
        absl::StrCat("outcome is ", ReferralOutcomeName(r.outcome))}});
}
}  // namespace

void ValidateReferral(const Referral& r, platform::Date today, const std::string& prefix, platform::Validation& v) {
  v.Check(r.referral_date <= today, prefix + "referral_date", "must not be in the future");
  v.Check(platform::CharacterCount(r.plan.referring_social_worker) <= kMaxNameLength,
          prefix + "referring_social_worker", "must be at most 100 characters");
  v.Check(platform::CharacterCount(r.plan.family_finder) <= 255, prefix + "family_finder",
          "must be at most 255 characters");
  std::set<FamilyFindingActivity> seen;
  for (size_t i = 0; i < r.plan.activities.size(); ++i) {
    v.Check(seen.insert(r.plan.activities[i]).second, absl::StrCat(prefix, "activities[", i, "]"), "appears twice");
  }
  if (r.plan.next_plan_review_date) {
    v.Check(*r.plan.next_plan_review_date >= r.referral_date, prefix + "next_plan_review_date",
            "must not be before the referral");
  }
}

absl::Status RevisePlan(Referral& r, ReferralPlan revised, const platform::Revision& revision,
                        const std::string& prefix, platform::Validation v) {
  if (r.outcome != ReferralOutcome::kOpen) return Closed(r);
  Referral next = r;
  next.plan = std::move(revised);
  ValidateReferral(next, revision.today, prefix, v);
  RETURN_IF_ERROR(v.Status());
  platform::Stamp(next, revision);
  r = std::move(next);
  return absl::OkStatus();
}

absl::Status CloseReferral(Referral& r, ReferralOutcome outcome, platform::Date day, const std::string& reason,
                           const platform::Revision& revision, const std::string& field) {
  if (r.outcome != ReferralOutcome::kOpen) return Closed(r);
  if (day < r.referral_date || day > revision.today) {
    return platform::InvalidArgument(
        {{field, absl::StrCat("must be from the referral (", platform::FormatDate(r.referral_date), ") to today")}});
  }
  r.outcome = outcome;
  r.closed_date = day;
  r.closed_reason = reason;
  platform::Stamp(r, revision);
  return absl::OkStatus();
}

std::string ReferralOutcomeName(ReferralOutcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<ReferralOutcome> ParseReferralOutcome(const std::string& name) {
  return platform::EnumFromName<ReferralOutcome>(kOutcomeNames, name);
}
std::string ActivityName(FamilyFindingActivity a) { return kActivityNames[static_cast<int>(a)]; }
std::optional<FamilyFindingActivity> ParseActivity(const std::string& name) {
  return platform::EnumFromName<FamilyFindingActivity>(kActivityNames, name);
}

}  // namespace familyfinding
