#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "familyfinding-svc/domain/child_clocks.h"
#include "familyfinding-svc/domain/milestone.h"
#include "platform/core/statutory.h"

namespace familyfinding {
namespace {

using platform::Date;
using K = MilestoneKind;
using S = ChildClockState;

// A child whose journey is `milestones` (ChildClocks reads nothing else).
Child With(std::vector<std::pair<K, Date>> milestones) {
  Child c;
  for (const auto& [kind, date] : milestones) {
    Milestone m;
    m.kind = kind;
    m.date = date;
    c.journey.push_back(m);
  }
  return c;
}

const platform::StatutoryTable& Defaults() { return platform::StatutoryTable::Defaults(); }

TEST(ChildClocks, ProceedingsRunTwentySixWeeksToThePlacementOrder) {
  const Child c = With({{K::kCareProceedingsStarted, Date(2024, 1, 8)}});
  std::vector<ChildClock> clocks = ChildClocks(c, Defaults(), Date(2024, 7, 8));
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].kind, ChildClockKind::kCareProceedings);
  EXPECT_EQ(clocks[0].due, Date(2024, 7, 8));  // 26 weeks: 182 days
  EXPECT_EQ(clocks[0].state, S::kRunning);
  EXPECT_EQ(ChildClocks(c, Defaults(), Date(2024, 7, 9))[0].state, S::kOverdue);
}

TEST(ChildClocks, APlacementOrderInTimeMeetsTheTimescaleAndOpensTheAppealPeriod) {
  const Child c = With({{K::kCareProceedingsStarted, Date(2024, 1, 8)},
                        {K::kShouldBePlacedDecision, Date(2024, 4, 2)},
                        {K::kPlacementOrder, Date(2024, 7, 1)}});
  std::vector<ChildClock> clocks = ChildClocks(c, Defaults(), Date(2024, 7, 20));
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].state, S::kMet);
  EXPECT_EQ(clocks[0].stopped, Date(2024, 7, 1));
  EXPECT_EQ(clocks[1].kind, ChildClockKind::kAppealPeriod);
  EXPECT_EQ(clocks[1].started, Date(2024, 7, 1));
  EXPECT_EQ(clocks[1].due, Date(2024, 7, 29));  // 28 days
  EXPECT_EQ(clocks[1].state, S::kRunning);
  EXPECT_FALSE(clocks[1].stopped.has_value());
  // The last day of the period is still in it; the day after, the order stands.
  EXPECT_EQ(ChildClocks(c, Defaults(), Date(2024, 7, 29))[1].state, S::kRunning);
  const ChildClock ran_out = ChildClocks(c, Defaults(), Date(2024, 7, 30))[1];
  EXPECT_EQ(ran_out.state, S::kExpired);
  EXPECT_EQ(ran_out.stopped, Date(2024, 7, 29));
}

TEST(ChildClocks, AnOrderAfterTwentySixWeeksMissesTheTimescale) {
  const Child c = With({{K::kCareProceedingsStarted, Date(2024, 1, 8)}, {K::kPlacementOrder, Date(2024, 7, 9)}});
  EXPECT_EQ(ChildClocks(c, Defaults(), Date(2024, 7, 9))[0].state, S::kMissed);
}

TEST(ChildClocks, AnAppealWithinThePeriodChallengesItAndItsDismissalOpensAnother) {
  const Child c = With({{K::kPlacementOrder, Date(2024, 7, 1)},
                        {K::kPlacementOrderAppeal, Date(2024, 7, 15)},
                        {K::kChallengeDismissed, Date(2024, 10, 1)}});
  std::vector<ChildClock> clocks = ChildClocks(c, Defaults(), Date(2024, 11, 15));
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].state, S::kChallenged);
  EXPECT_EQ(clocks[0].stopped, Date(2024, 7, 15));
  EXPECT_EQ(clocks[1].started, Date(2024, 10, 1));
  EXPECT_EQ(clocks[1].due, Date(2024, 10, 29));
  EXPECT_EQ(clocks[1].state, S::kExpired);
}

TEST(ChildClocks, AnAppealOutOfTimeLeavesThePeriodExpiredAndARevocationWithinItChallengesIt) {
  const Child late = With({{K::kPlacementOrder, Date(2024, 7, 1)}, {K::kPlacementOrderAppeal, Date(2024, 9, 2)}});
  std::vector<ChildClock> clocks = ChildClocks(late, Defaults(), Date(2024, 9, 10));
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].state, S::kExpired);
  EXPECT_EQ(clocks[0].stopped, Date(2024, 7, 29));
  const Child revoked = With({{K::kPlacementOrder, Date(2024, 7, 1)}, {K::kRevocationApplication, Date(2024, 7, 29)}});
  EXPECT_EQ(ChildClocks(revoked, Defaults(), Date(2024, 9, 10))[0].state, S::kChallenged);
}

TEST(ChildClocks, AChangeOfPlanStopsWhatRunsButNotAPeriodAlreadyRunOut) {
  const Child c = With({{K::kCareProceedingsStarted, Date(2024, 1, 8)}, {K::kPlanChanged, Date(2024, 3, 1)}});
  std::vector<ChildClock> clocks = ChildClocks(c, Defaults(), Date(2024, 9, 1));
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].state, S::kStopped);
  EXPECT_EQ(clocks[0].stopped, Date(2024, 3, 1));
  const Child after = With({{K::kPlacementOrder, Date(2024, 7, 1)}, {K::kPlanChanged, Date(2024, 12, 1)}});
  EXPECT_EQ(ChildClocks(after, Defaults(), Date(2024, 12, 2))[0].state, S::kExpired);
}

TEST(ChildClocks, ProceedingsIssuedBeforeTheTimescaleExistedHaveNoClock) {
  const Child c = With({{K::kCareProceedingsStarted, Date(2013, 6, 3)}, {K::kPlacementOrder, Date(2014, 6, 2)}});
  std::vector<ChildClock> clocks = ChildClocks(c, Defaults(), Date(2014, 6, 3));
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].kind, ChildClockKind::kAppealPeriod);
}

TEST(ChildClocks, EachClockRunsToTheNumberInForceWhenItStarted) {
  const platform::StatutoryTable table =
      platform::StatutoryTable::Parse(
          "key\teffective_from\tvalue\tsource\n"
          "care_proceedings_weeks\t2014-04-22\t26\ts\n"
          "placement_order_appeal_days\t2005-12-30\t28\ts\n"
          "placement_order_appeal_days\t2024-09-01\t21\ttest\n")
          .value();
  const Child c = With({{K::kPlacementOrder, Date(2024, 7, 1)},
                        {K::kPlacementOrderAppeal, Date(2024, 7, 2)},
                        {K::kChallengeDismissed, Date(2024, 9, 2)}});
  std::vector<ChildClock> clocks = ChildClocks(c, table, Date(2024, 9, 3));
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].due, Date(2024, 7, 29));
  EXPECT_EQ(clocks[1].due, Date(2024, 9, 23));
}

TEST(ChildClocks, MilestonesAfterTheDayAreNotYetKnown) {
  const Child c = With({{K::kCareProceedingsStarted, Date(2024, 1, 8)}, {K::kPlacementOrder, Date(2024, 7, 1)}});
  std::vector<ChildClock> clocks = ChildClocks(c, Defaults(), Date(2024, 6, 1));
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].state, S::kRunning);
}

}  // namespace
}  // namespace familyfinding
