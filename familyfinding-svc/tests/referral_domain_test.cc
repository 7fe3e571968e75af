// Family-finding referrals (docs/domain.md §2 "Referrals"): the plan's rules, and a
// referral changed only while open, closed once.
#include <gtest/gtest.h>

#include "familyfinding-svc/domain/referral.h"

namespace familyfinding {
namespace {

using platform::Date;

const platform::Revision kBy{.actor = "finder", .at = 7, .today = Date(2025, 6, 1)};

Referral Open() {
  Referral r;
  r.id = "r1";
  r.child_id = "c1";
  r.referral_date = Date(2025, 3, 3);
  return r;
}

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& f : platform::FieldViolationsOf(s)) out.push_back(f.field);
  return out;
}

TEST(Referrals, ThePlanIsKeptWhileOpen) {
  Referral r = Open();
  ReferralPlan plan{.family_finder = "finder-7",
                    .activities = {FamilyFindingActivity::kInHouseSearch, FamilyFindingActivity::kExchangeDay},
                    .next_plan_review_date = Date(2025, 7, 1)};
  ASSERT_TRUE(RevisePlan(r, plan, kBy, "family_finding_referral.", {}).ok());
  EXPECT_EQ(r.plan, plan);
  EXPECT_EQ(r.updated_by, "finder");
  ReferralPlan bad = plan;
  bad.activities.push_back(FamilyFindingActivity::kInHouseSearch);
  bad.next_plan_review_date = Date(2025, 3, 2);
  EXPECT_EQ(Fields(RevisePlan(r, bad, kBy, "family_finding_referral.", {})),
            (std::vector<std::string>{"family_finding_referral.activities[2]",
                                      "family_finding_referral.next_plan_review_date"}));
  EXPECT_EQ(r.plan, plan);  // unchanged
}

TEST(Referrals, CloseOnceOnADayFromTheReferralToToday) {
  Referral r = Open();
  EXPECT_EQ(CloseReferral(r, ReferralOutcome::kWithdrawn, Date(2025, 3, 2), "x", kBy, "withdrawn_date").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CloseReferral(r, ReferralOutcome::kWithdrawn, Date(2025, 6, 2), "x", kBy, "withdrawn_date").code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(CloseReferral(r, ReferralOutcome::kWithdrawn, Date(2025, 5, 1), "Returning home", kBy, "d").ok());
  EXPECT_EQ(r.outcome, ReferralOutcome::kWithdrawn);
  EXPECT_EQ(r.closed_date, Date(2025, 5, 1));
  EXPECT_EQ(r.closed_reason, "Returning home");
  EXPECT_EQ(CloseReferral(r, ReferralOutcome::kMatched, Date(2025, 5, 2), "", kBy, "d").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RevisePlan(r, ReferralPlan{}, kBy, "p.", {}).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Referrals, ActivitiesAndOutcomesHaveStableNames) {
  for (int i = 0; i <= static_cast<int>(FamilyFindingActivity::kProfilingEvent); ++i) {
    auto a = static_cast<FamilyFindingActivity>(i);
    EXPECT_EQ(ParseActivity(ActivityName(a)), a);
  }
  for (int i = 0; i <= static_cast<int>(ReferralOutcome::kWithdrawn); ++i) {
    auto o = static_cast<ReferralOutcome>(i);
    EXPECT_EQ(ParseReferralOutcome(ReferralOutcomeName(o)), o);
  }
}

}  // namespace
}  // namespace familyfinding
