#include <gtest/gtest.h>

#include "platform/core/statutory.h"
#include "recruitment-svc/domain/clocks.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {

using platform::Date;
using E = JourneyEvent;

// Steps written as the store would read them back: the clocks read only the journey.
Household With(std::vector<std::pair<E, Date>> steps) {
  Household h;
  h.id = "h1";
  for (const auto& [event, date] : steps) h.journey.push_back(JourneyStep{.event = event, .date = date});
  return h;
}

std::vector<JourneyClock> On(const Household& h, Date today) {
  auto clocks = Clocks(h, platform::StatutoryTable::Defaults(), platform::WorkingDayCalendar::EnglandAndWales(), today);
  EXPECT_TRUE(clocks.ok()) << clocks.status();
  return clocks.ok() ? *clocks : std::vector<JourneyClock>{};
}

TEST(Clocks, TheRoiDecisionIsDueFiveWorkingDaysOnSkippingEaster) {
  // Friday 11 April 2025: Good Friday the 18th and Easter Monday the 21st are not working days.
  Household h = With({{E::kRoiReceived, Date(2025, 4, 11)}});
  std::vector<JourneyClock> clocks = On(h, Date(2025, 4, 22));
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].kind, ClockKind::kRoiDecision);
  EXPECT_EQ(clocks[0].due, Date(2025, 4, 22));
  EXPECT_EQ(clocks[0].state, ClockState::kRunning);  // due today: not yet overdue
  EXPECT_EQ(On(h, Date(2025, 4, 23))[0].state, ClockState::kOverdue);
  EXPECT_EQ(clocks[1].kind, ClockKind::kRoiToApproval);
  EXPECT_EQ(clocks[1].due, Date(2025, 10, 11));
}

TEST(Clocks, AStageThatEndsOnItsDueDateIsMetAndADayLaterMissed) {
  // Stage 1 from 31 August: two months on is 31 October; Stage 2 from 31 October is due 28 February.
  Household h = With({{E::kRoiReceived, Date(2025, 8, 20)},
                      {E::kRoiAccepted, Date(2025, 8, 21)},
                      {E::kStageOneStarted, Date(2025, 8, 31)},
                      {E::kStageOneCompleted, Date(2025, 10, 31)},
                      {E::kStageTwoStarted, Date(2025, 10, 31)},
                      {E::kApproved, Date(2026, 3, 1)}});
  std::vector<JourneyClock> clocks = On(h, Date(2026, 6, 1));
  ASSERT_EQ(clocks.size(), 5u);
  EXPECT_EQ(clocks[0].state, ClockState::kMet);  // ROI decided the next day
  const JourneyClock& one = clocks[2];
  EXPECT_EQ(one.kind, ClockKind::kStageOne);
  EXPECT_EQ(one.due, Date(2025, 10, 31));
  EXPECT_EQ(one.state, ClockState::kMet);
  EXPECT_EQ(clocks[3].kind, ClockKind::kBreak);
  EXPECT_EQ(clocks[3].state, ClockState::kMet);
  const JourneyClock& two = clocks[4];
  EXPECT_EQ(two.due, Date(2026, 2, 28));  // clamped to the month's last day
  EXPECT_EQ(two.state, ClockState::kMissed);
  EXPECT_EQ(clocks[1].kind, ClockKind::kRoiToApproval);
  EXPECT_EQ(clocks[1].due, Date(2026, 2, 20));
  EXPECT_EQ(clocks[1].state, ClockState::kMissed);
  EXPECT_EQ(NextDue(clocks), std::nullopt);
}

TEST(Clocks, LeavingTheJourneyStopsWhatRuns) {
  Household h = With({{E::kRoiReceived, Date(2025, 1, 6)},
                      {E::kRoiAccepted, Date(2025, 1, 7)},
                      {E::kStageOneStarted, Date(2025, 1, 8)},
                      {E::kWithdrawn, Date(2025, 2, 1)}});
  std::vector<JourneyClock> clocks = On(h, Date(2025, 12, 1));
  ASSERT_EQ(clocks.size(), 3u);
  EXPECT_EQ(clocks[1].state, ClockState::kStopped);
  EXPECT_EQ(clocks[2].state, ClockState::kStopped);
  EXPECT_EQ(clocks[2].stopped, Date(2025, 2, 1));
}

TEST(Clocks, TheBreakRunsSixMonthsAndTheEarliestRunningDueIsNext) {
  Household h = With({{E::kRoiReceived, Date(2025, 1, 6)},
                      {E::kRoiAccepted, Date(2025, 1, 7)},
                      {E::kStageOneStarted, Date(2025, 1, 8)},
                      {E::kStageOneCompleted, Date(2025, 3, 1)},
                      {E::kBreakStarted, Date(2025, 3, 2)}});
  std::vector<JourneyClock> clocks = On(h, Date(2025, 8, 1));
  ASSERT_EQ(clocks.size(), 4u);
  EXPECT_EQ(clocks[3].kind, ClockKind::kBreak);
  EXPECT_EQ(clocks[3].due, Date(2025, 9, 1));
  EXPECT_EQ(clocks[1].state, ClockState::kOverdue);  // ROI to approval: due 6 July
  EXPECT_EQ(NextDue(clocks), Date(2025, 7, 6));
}

TEST(Clocks, AWorkingDayClockOutsideTheCalendarIsAnError) {
  Household h = With({{E::kRoiReceived, Date(2045, 1, 6)}});
  EXPECT_EQ(Clocks(h, platform::StatutoryTable::Defaults(), platform::WorkingDayCalendar::EnglandAndWales(),
                   Date(2045, 2, 1))
                .status()
                .code(),
            absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace recruitment
