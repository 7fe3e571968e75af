#include <gtest/gtest.h>

#include <cmath>

#include "platform/core/statutory.h"
#include "recruitment-svc/domain/reports.h"

namespace recruitment {
namespace {

using platform::Date;
using platform::Period;
using E = JourneyEvent;
using S = HouseholdStatus;

// Where each step leaves a household (the journey's rules are tested in journey_domain_test).
S After(E e, S before) {
  switch (e) {
    case E::kInfoSessionBooked: return S::kInfoSessionBooked;
    case E::kInfoSessionAttended: return S::kInfoSessionAttended;
    case E::kInitialVisit: return S::kInitialVisit;
    case E::kRoiReceived: return S::kRoiReceived;
    case E::kRoiAccepted: return before;
    case E::kRoiDeclined: return S::kRoiDeclined;
    case E::kStageOneStarted: return S::kStageOne;
    case E::kStageOneCompleted: return S::kStageOneCompleted;
    case E::kBreakStarted: return S::kBreak;
    case E::kStageTwoStarted: return S::kStageTwo;
    case E::kReferredToPanel: return S::kAwaitingPanel;
    case E::kApproved: return S::kApproved;
    case E::kNotApproved: return S::kNotApproved;
    case E::kLinked: return S::kLinked;
    case E::kMatched: return S::kMatched;
    case E::kChildPlaced: return S::kChildPlaced;
    case E::kAdoptionOrder: return S::kAdoptionOrder;
    case E::kWithdrawn: return S::kWithdrawn;
    case E::kCounselledOut: return S::kCounselledOut;
    case E::kApprovalTerminated: return S::kApprovalTerminated;
    case E::kUnlinked: return S::kApproved;
    case E::kApprovalReviewed: return before;
  }
  return before;
}

struct Step {
  E event;
  Date date;
  std::string reason = "";
};

HouseholdHistory History(std::string id, Date enquiry, std::vector<Step> steps, Route route = Route::kStandard) {
  HouseholdHistory h{.id = std::move(id), .ethnicity = "WBRI", .route = route, .enquiry_date = enquiry};
  S status = S::kEnquiry;
  for (const Step& s : steps) {
    S to = After(s.event, status);
    h.journey.push_back(JourneyStep{.event = s.event, .date = s.date, .from = status, .to = to, .reason = s.reason});
    status = to;
  }
  return h;
}

// A standard assessment: ROI accepted the day it came, Stage 1, Stage 2, approval.
HouseholdHistory Approved(std::string id, Date roi, Date stage_one, Date completed, Date notice, Date approved) {
  return History(std::move(id), roi - 30,
                 {{E::kRoiReceived, roi},
                  {E::kRoiAccepted, roi},
                  {E::kStageOneStarted, stage_one},
                  {E::kStageOneCompleted, completed},
                  {E::kStageTwoStarted, notice},
                  {E::kApproved, approved}});
}

const Period kFy2017 = Period::Of(platform::FinancialYear{2017});
const platform::StatutoryTable& Table() { return platform::StatutoryTable::Defaults(); }

TEST(Funnel, CountsEachHouseholdOncePerStepInThePeriodAndKnownChildAssessmentsApart) {
  std::vector<HouseholdHistory> hs = {
      History("a", Date(2017, 3, 31), {{E::kInfoSessionBooked, Date(2017, 4, 1)},
                                       {E::kInfoSessionAttended, Date(2017, 4, 20)},
                                       {E::kRoiReceived, Date(2017, 5, 1)},
                                       {E::kRoiAccepted, Date(2017, 5, 2)},
                                       {E::kStageOneStarted, Date(2017, 5, 2)}}),
      History("b", Date(2017, 4, 1), {{E::kInfoSessionBooked, Date(2017, 4, 2)}}),
      History("c", Date(2018, 3, 31), {}),
      History("d", Date(2018, 4, 1), {}),  // the day after the year
      History("e", Date(2017, 6, 1), {{E::kStageTwoStarted, Date(2017, 6, 1)}, {E::kApproved, Date(2017, 11, 1)}},
              Route::kKnownChild),
  };
  hs.push_back(Approved("f", Date(2016, 9, 1), Date(2016, 9, 2), Date(2016, 11, 1), Date(2016, 11, 3),
                        Date(2017, 4, 1)));
  hs.back().dual_approvals = {Date(2017, 4, 1)};
  const Funnel f = CountFunnel(hs, kFy2017);
  EXPECT_EQ(f.enquiries, 2);  // b and c: a enquired the day before, d the day after, e is apart
  EXPECT_EQ(f.info_sessions_booked, 2);
  EXPECT_EQ(f.info_sessions_attended, 1);
  EXPECT_EQ(f.registrations_of_interest, 1);
  EXPECT_EQ(f.stage_one_started, 1);
  EXPECT_EQ(f.approvals, 1);
  EXPECT_EQ(f.dual_approvals, 1);
  EXPECT_EQ(f.known_child_assessments, 1);
}

// A review of a dual approval stores its terms on the review's day: the year it falls
// in gains no dual approval, nor any approval.
TEST(Funnel, AReviewOfADualApprovalIsNotAnotherDualApproval) {
  HouseholdHistory h = Approved("g", Date(2016, 4, 1), Date(2016, 4, 2), Date(2016, 6, 1), Date(2016, 6, 3),
                                Date(2016, 12, 1));
  h.journey.push_back(JourneyStep{
      .event = E::kApprovalReviewed, .date = Date(2017, 12, 1), .from = S::kApproved, .to = S::kApproved});
  h.dual_approvals = {Date(2016, 12, 1), Date(2017, 12, 1)};
  const Funnel f = CountFunnel({h}, kFy2017);
  EXPECT_EQ(f.approvals, 0);
  EXPECT_EQ(f.dual_approvals, 0);
  EXPECT_EQ(CountFunnel({h}, Period::Of(platform::FinancialYear{2016})).dual_approvals, 1);
}

TEST(StageAt, SameDayStepsCountInJourneyOrderAndTheDayBeforeTheEnquiryIsNothing) {
  // Stage 1 completed and Stage 2 notice on the same day: at that day, Stage 2.
  HouseholdHistory h = History("a", Date(2017, 1, 10),
                               {{E::kRoiReceived, Date(2017, 2, 1)},
                                {E::kRoiAccepted, Date(2017, 2, 1)},
                                {E::kStageOneStarted, Date(2017, 2, 1)},
                                {E::kStageOneCompleted, Date(2017, 4, 3)},
                                {E::kStageTwoStarted, Date(2017, 4, 3)},
                                {E::kReferredToPanel, Date(2017, 7, 1)},
                                {E::kApproved, Date(2017, 8, 1)},
                                {E::kLinked, Date(2017, 9, 1)}});
  EXPECT_FALSE(StageAt(h, Date(2017, 1, 9)).has_value());
  EXPECT_EQ(StageAt(h, Date(2017, 1, 10)), Stage::kEnquiry);
  EXPECT_EQ(StageAt(h, Date(2017, 2, 1)), Stage::kStageOne);
  EXPECT_EQ(StageAt(h, Date(2017, 4, 2)), Stage::kStageOne);
  EXPECT_EQ(StageAt(h, Date(2017, 4, 3)), Stage::kStageTwo);
  EXPECT_EQ(StageAt(h, Date(2017, 7, 1)), Stage::kStageTwo);  // referred: still Stage 2
  EXPECT_EQ(StageAt(h, Date(2017, 9, 1)), Stage::kApproved);  // linked is still approved
  const std::map<Stage, int> counts = CountStages({h}, Date(2017, 5, 1));
  EXPECT_EQ(counts.size(), 14u);
  EXPECT_EQ(counts.at(Stage::kStageTwo), 1);
  EXPECT_EQ(counts.at(Stage::kStageOne), 0);
}

TEST(ApprovedNotMatched, ALinkedHouseholdWaitsAMatchOrExitEndsTheWait) {
  std::vector<HouseholdHistory> hs = {
      Approved("linked", Date(2016, 1, 4), Date(2016, 1, 5), Date(2016, 3, 1), Date(2016, 3, 2), Date(2016, 7, 1)),
      Approved("matched", Date(2016, 1, 4), Date(2016, 1, 5), Date(2016, 3, 1), Date(2016, 3, 2), Date(2016, 6, 1)),
      Approved("left", Date(2016, 1, 4), Date(2016, 1, 5), Date(2016, 3, 1), Date(2016, 3, 2), Date(2016, 5, 1)),
      Approved("later", Date(2016, 1, 4), Date(2016, 1, 5), Date(2016, 3, 1), Date(2016, 3, 2), Date(2017, 5, 1)),
  };
  hs[0].journey.push_back({.event = E::kLinked, .date = Date(2017, 1, 1), .to = S::kLinked});
  hs[1].journey.push_back({.event = E::kMatched, .date = Date(2017, 3, 31), .to = S::kMatched});
  hs[2].journey.push_back({.event = E::kWithdrawn, .date = Date(2017, 2, 1), .to = S::kWithdrawn});
  std::vector<WaitingHousehold> waiting = ApprovedNotMatched(hs, Date(2017, 3, 31));
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].id, "linked");
  EXPECT_EQ(waiting[0].days_waiting, Date(2017, 3, 31) - Date(2016, 7, 1));
  // The day before its match, "matched" was still waiting, approved before "linked".
  waiting = ApprovedNotMatched(hs, Date(2017, 3, 30));
  ASSERT_EQ(waiting.size(), 2u);
  EXPECT_EQ(waiting[0].id, "matched");
}

TEST(RoiCohort, SortsTheYearsRoisByWhereTheyStoodAtTheDay) {
  std::vector<HouseholdHistory> hs = {
      Approved("approved", Date(2017, 4, 1), Date(2017, 4, 2), Date(2017, 6, 1), Date(2017, 6, 2), Date(2017, 10, 1)),
      Approved("approved-after", Date(2017, 5, 1), Date(2017, 5, 2), Date(2017, 7, 1), Date(2017, 7, 2),
               Date(2018, 4, 1)),  // approved after the day: Stage 2 then
      History("counselled", Date(2017, 4, 1), {{E::kRoiReceived, Date(2017, 6, 1)},
                                               {E::kRoiAccepted, Date(2017, 6, 1)},
                                               {E::kStageOneStarted, Date(2017, 6, 2)},
                                               {E::kCounselledOut, Date(2017, 8, 1), "REFEREE_CONCERNS"}}),
      History("break", Date(2017, 4, 1), {{E::kRoiReceived, Date(2017, 6, 1)},
                                          {E::kRoiAccepted, Date(2017, 6, 1)},
                                          {E::kStageOneStarted, Date(2017, 6, 2)},
                                          {E::kStageOneCompleted, Date(2017, 8, 2)},
                                          {E::kBreakStarted, Date(2017, 8, 3)}}),
      History("registered", Date(2018, 2, 1), {{E::kRoiReceived, Date(2018, 3, 31)}}),
      History("last-year", Date(2017, 1, 1), {{E::kRoiReceived, Date(2017, 3, 31)}}),
  };
  const RoiCohort c = RoiCohortAt(hs, kFy2017, Date(2018, 3, 31));
  EXPECT_EQ(c.households, 5);
  EXPECT_EQ(c.approved, 1);
  EXPECT_EQ(c.stage_two, 1);
  EXPECT_EQ(c.exited, 1);
  EXPECT_EQ(c.stage_one, 2);  // on a break, and registered
}

TEST(Withdrawals, ByReasonWithThoseAfterApproval) {
  HouseholdHistory after = Approved("after", Date(2016, 4, 1), Date(2016, 4, 2), Date(2016, 6, 1),
                                    Date(2016, 6, 2), Date(2016, 10, 1));
  after.journey.push_back({.event = E::kWithdrawn, .date = Date(2017, 5, 1), .to = S::kWithdrawn,
                           .reason = "pregnancy"});
  std::vector<HouseholdHistory> hs = {
      after,
      History("x", Date(2017, 4, 1), {{E::kRoiReceived, Date(2017, 4, 5)},
                                      {E::kCounselledOut, Date(2017, 5, 1), "REFEREE_CONCERNS"}}),
      History("y", Date(2017, 4, 1), {{E::kRoiReceived, Date(2017, 4, 5)},
                                      {E::kCounselledOut, Date(2018, 3, 31), "REFEREE_CONCERNS"}}),
      History("z", Date(2017, 4, 1), {{E::kRoiReceived, Date(2017, 4, 5)},
                                      {E::kCounselledOut, Date(2018, 4, 1), "OTHER"}}),  // next year
  };
  const Withdrawals w = CountWithdrawals(hs, kFy2017);
  EXPECT_EQ(w.total, 3);
  EXPECT_EQ(w.withdrawn, 1);
  EXPECT_EQ(w.counselled_out, 2);
  EXPECT_EQ(w.after_approval, 1);
  ASSERT_EQ(w.by_reason.size(), 2u);
  EXPECT_EQ(w.by_reason[0].exit, E::kWithdrawn);
  EXPECT_EQ(w.by_reason[0].after_approval, 1);
  EXPECT_EQ(w.by_reason[1].reason, "REFEREE_CONCERNS");
  EXPECT_EQ(w.by_reason[1].households, 2);
}

TEST(Timeliness, MeansWithAndWithoutTheBreakAndSharesInTimescale) {
  // ROI 31 August, approved 28 February: within six months (add_months clamps to the 28th).
  HouseholdHistory clamp = Approved("clamp", Date(2017, 8, 31), Date(2017, 9, 1), Date(2017, 11, 1),
                                    Date(2017, 11, 1), Date(2018, 2, 28));
  // A break: Stage 1 completed 1 June, notice 1 September (92 days between the stages).
  HouseholdHistory with_break = History("break", Date(2017, 1, 1),
                                        {{E::kRoiReceived, Date(2017, 3, 1)},
                                         {E::kRoiAccepted, Date(2017, 3, 1)},
                                         {E::kStageOneStarted, Date(2017, 3, 1)},
                                         {E::kStageOneCompleted, Date(2017, 6, 1)},
                                         {E::kBreakStarted, Date(2017, 6, 2)},
                                         {E::kStageTwoStarted, Date(2017, 9, 1)},
                                         {E::kApproved, Date(2018, 1, 2)}});
  // A fast track: no ROI, no Stage 1; Stage 2 on 1 June, approved 1 October.
  HouseholdHistory fast = History("fast", Date(2017, 5, 1),
                                  {{E::kStageTwoStarted, Date(2017, 6, 1)}, {E::kApproved, Date(2017, 10, 1)}},
                                  Route::kFastTrack);
  auto t = MeasureTimeliness({clamp, with_break, fast}, kFy2017, Table(), {.decimals = 1});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->approvals, 3);
  EXPECT_EQ(t->without_roi, 1);
  const int clamp_days = Date(2018, 2, 28) - Date(2017, 8, 31);  // 181
  const int break_days = Date(2018, 1, 2) - Date(2017, 3, 1);    // 307
  EXPECT_EQ(*t->mean_roi_to_approval_days, (clamp_days + break_days) / 2.0);
  EXPECT_EQ(*t->mean_roi_to_approval_days_no_break, (clamp_days + break_days - 92) / 2.0);
  EXPECT_EQ(t->within_roi_to_approval_target.count, 1);
  EXPECT_EQ(t->within_roi_to_approval_target.of, 3);
  EXPECT_EQ(*t->within_roi_to_approval_target.percent, 33.3);
  EXPECT_EQ(t->stage_one_in_timescale.count, 1);  // clamp: 1 Sep → 1 Nov; break: 1 Mar → 1 Jun is late
  EXPECT_EQ(t->stage_two_in_timescale.count, 2);  // fast: 1 Jun → 1 Oct is on the day; break: a day late
  auto truncated = MeasureTimeliness({clamp, with_break, fast}, kFy2017, Table(),
                                     {.decimals = 0, .rounding = platform::Rounding::kTruncate});
  EXPECT_EQ(*truncated->within_roi_to_approval_target.percent, 33);
  EXPECT_FALSE(MeasureTimeliness({}, kFy2017, Table(), {})->within_roi_to_approval_target.percent.has_value());
}

TEST(MatchWaits, UnderThreeMonthsOfTheApprovalIsBeforeTheDayThreeMonthsOn) {
  auto matched = [](std::string id, Date approved, Date match) {
    HouseholdHistory h = Approved(std::move(id), approved - 200, approved - 199, approved - 140, approved - 138,
                                  approved);
    h.journey.push_back({.event = E::kLinked, .date = match - 10, .to = S::kLinked});
    h.journey.push_back({.event = E::kMatched, .date = match, .to = S::kMatched});
    return h;
  };
  std::vector<HouseholdHistory> hs = {
      matched("quick", Date(2017, 5, 10), Date(2017, 8, 9)),     // a day under three months
      matched("on-the-day", Date(2017, 5, 10), Date(2017, 8, 10)),  // three months exactly: not under
      matched("slow", Date(2016, 11, 30), Date(2017, 6, 1)),
      matched("last-year", Date(2016, 1, 4), Date(2017, 3, 31)),  // matched before the period
  };
  const MatchWaits w = MeasureMatchWaits(hs, kFy2017, 3, {.decimals = 0});
  EXPECT_EQ(w.matched, 3);
  EXPECT_EQ(w.within.count, 1);
  EXPECT_EQ(*w.within.percent, 33);
  const int total = (Date(2017, 8, 9) - Date(2017, 5, 10)) + (Date(2017, 8, 10) - Date(2017, 5, 10)) +
                    (Date(2017, 6, 1) - Date(2016, 11, 30));
  EXPECT_EQ(*w.mean_days, std::floor(total / 3.0 + 0.5));
  EXPECT_FALSE(MeasureMatchWaits({}, kFy2017, 3, {}).mean_days.has_value());
}

TEST(Approvals, ByFamilyStructureAndEthnicity) {
  HouseholdHistory a = Approved("a", Date(2017, 1, 1), Date(2017, 1, 2), Date(2017, 3, 1), Date(2017, 3, 2),
                                Date(2017, 7, 1));
  a.family_structure = FamilyStructure::kCoupleSameSex;
  HouseholdHistory b = a;
  b.id = "b";
  b.ethnicity = "MWBC";
  b.dual_approvals = {Date(2017, 7, 1)};
  HouseholdHistory c = a;
  c.id = "c";
  c.family_structure = FamilyStructure::kSingle;
  c.journey.back().date = Date(2018, 4, 1);  // approved the next year
  const Approvals r = CountApprovals({a, b, c}, kFy2017);
  EXPECT_EQ(r.total, 2);
  EXPECT_EQ(r.dual, 1);
  EXPECT_EQ(r.by_family_structure.at(FamilyStructure::kCoupleSameSex), 2);
  EXPECT_EQ(r.by_family_structure.count(FamilyStructure::kSingle), 0u);
  EXPECT_EQ(r.by_ethnicity.at("WBRI"), 1);
  EXPECT_EQ(r.by_ethnicity.at("MWBC"), 1);
}

// The adopters' agency's figures: each family once per kind, whatever the number of
// siblings (one step for a sibling group placed together), by the step's day.
TEST(Placements, EachFamilyOncePerKindInThePeriod) {
  HouseholdHistory a = Approved("a", Date(2016, 1, 4), Date(2016, 1, 5), Date(2016, 3, 1), Date(2016, 3, 2),
                                Date(2016, 7, 1));
  HouseholdHistory b = a;
  b.id = "b";
  HouseholdHistory c = a;
  c.id = "c";
  auto add = [](HouseholdHistory& h, E event, Date date) {
    h.journey.push_back(JourneyStep{.event = event, .date = date, .from = h.journey.back().to, .to = After(event, h.journey.back().to)});
  };
  add(a, E::kMatched, Date(2017, 4, 1));        // the year's first day
  add(a, E::kChildPlaced, Date(2017, 5, 2));
  add(a, E::kAdoptionOrder, Date(2018, 3, 31));  // its last
  add(b, E::kMatched, Date(2017, 3, 31));       // the year before
  add(b, E::kChildPlaced, Date(2017, 4, 10));
  add(b, E::kAdoptionOrder, Date(2018, 4, 1));   // the year after
  add(c, E::kMatched, Date(2017, 9, 1));
  const Placements p = CountPlacements({a, b, c}, kFy2017);
  EXPECT_EQ(p.matched, 2);
  EXPECT_EQ(p.placed, 2);
  EXPECT_EQ(p.adoption_orders, 1);
}

}  // namespace
}  // namespace recruitment
