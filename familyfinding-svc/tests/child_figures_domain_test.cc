#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/child_figures.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/figures.h"
#include "platform/core/statutory.h"

namespace familyfinding {
namespace {

using platform::Date;
using platform::Period;
using platform::Precision;
using platform::Rounding;
using K = MilestoneKind;

const Date kRecordedOn(2025, 6, 1);
const platform::Revision kFinder{"ff-figures", 2'000'000, kRecordedOn};
const Precision kOneDp{1, Rounding::kHalfUp};

Period FinancialYear(int start_year) { return Period::Of(platform::FinancialYear{start_year}); }

// A child in care since 6 September 2021 under a care order: every milestone below is
// after that day (a referral may come before it anyway).
ChildDetails InCareSince2021() {
  ChildDetails d;
  d.local_authority = "E08000018";
  d.date_of_birth = Date(2021, 3, 1);
  d.sex = Sex::kFemale;
  d.ethnicity = "WHITE_BRITISH";
  d.legal_status = LegalStatus::kCareOrder;
  d.entered_care_date = Date(2021, 9, 6);
  return d;
}

// A milestone; the decision maker's (decision, match) arrive from panel-svc's log.
Milestone Step(K kind, Date date, std::string household = "") {
  Milestone m;
  m.kind = kind;
  m.date = date;
  m.household_id = std::move(household);
  if (FromDecisionMaker(kind)) m.origin = MilestoneOrigin::kPanel;
  return m;
}
Milestone MovedIn(Date date, std::string household, bool early_permanence = false, bool foster_carers = false) {
  Milestone m = Step(K::kPlaced, date, std::move(household));
  m.early_permanence = early_permanence;
  m.foster_carer_adoption = foster_carers;
  return m;
}
Milestone PlanChange(Date date) {
  Milestone m = Step(K::kPlanChanged, date);
  m.reason = "special guardianship";
  return m;
}
Milestone Breakdown(Date date) {
  Milestone m = Step(K::kDisruption, date);
  m.reason = "the placement ended";
  return m;
}

// A child registered and `steps` recorded in turn by RecordMilestone, with the rules
// in force on the day recorded; a refusal or a replay fails the test.
Child ChildWith(const std::string& id, const std::vector<Milestone>& steps, ChildDetails d = InCareSince2021()) {
  Child c = RegisterChild(id, std::move(d), "sw-1", 1'000);
  const MilestoneRules rules = MilestoneRules::On(platform::StatutoryTable::Defaults(), kRecordedOn).value();
  for (const Milestone& m : steps) {
    absl::StatusOr<bool> r = RecordMilestone(c, m, rules, kFinder);
    EXPECT_TRUE(r.ok() && *r) << id << ": " << MilestoneKindName(m.kind) << " on " << platform::FormatDate(m.date)
                              << ": " << (r.ok() ? std::string("taken as a replay") : r.status().ToString());
  }
  return c;
}

// The usual steps to moving in with `household`: decision, placement order, match, placed.
std::vector<Milestone> DecidedToPlaced(Date decision, Date order, Date match, Date placed,
                                       const std::string& household) {
  return {Step(K::kShouldBePlacedDecision, decision), Step(K::kPlacementOrder, order),
          Step(K::kMatched, match, household), MovedIn(placed, household)};
}

std::vector<Milestone> Then(std::vector<Milestone> steps, const std::vector<Milestone>& more) {
  steps.insert(steps.end(), more.begin(), more.end());
  return steps;
}

// Counts as one line, so that a failure shows every figure.
std::string Line(const MilestoneCounts& c) {
  return absl::StrCat("referrals ", c.referrals, ", decisions ", c.decisions, ", placement orders ", c.placement_orders,
                      ", matches ", c.matches, ", placements ", c.placements, " (EP ", c.early_permanence_placements,
                      "), adoption orders ", c.adoption_orders, ", plan changes ", c.plan_changes, ", disruptions ",
                      c.disruptions);
}

// Where the children stand, as one line (the days since the order apart).
std::string Line(const ChildrenAt& at) {
  return absl::StrCat("waiting ", at.waiting, " (matched ", at.waiting_matched, ", family found ",
                      at.waiting_family_found, ", family finding ", at.waiting_family_finding,
                      "), active family finding ", at.active_family_finding, ", linked awaiting panel ",
                      at.linked_awaiting_panel, ", placement order not placed ", at.placement_order_not_placed);
}

ChildrenAt On(const std::vector<Child>& children, Date day, Precision precision = kOneDp) {
  return ChildrenOn(children, day, precision);
}

// ---- Milestones in a period -------------------------------------------------------

// 2023/24 runs 1 April 2023 – 31 March 2024.
//  rae  decision 2023-04-01 (the first day), order 2023-06-01, matched h1 2023-07-03,
//       moved in 2023-07-17, disrupted 2023-09-04, matched h2 2023-11-06, moved in
//       2023-11-20, applied 2024-01-29 (+70 days), adopted 2024-03-31 (the last day):
//       one of each, though matched and placed twice.
//  sol  referral 2022-09-01 and decision 2023-03-31 (the day before: neither counts),
//       order 2023-04-03 (counts), plan changed 2024-04-01 (the day after: not counted).
//  tia  referral 2024-03-31 (the last day) and nothing else.
//  uma  decision 2022-06-01, order 2022-09-01, plan changed 2023-10-02 (counts).
std::vector<Child> YearOfMilestones() {
  return {
      ChildWith("rae",
                Then(DecidedToPlaced(Date(2023, 4, 1), Date(2023, 6, 1), Date(2023, 7, 3), Date(2023, 7, 17), "h1"),
                     {Breakdown(Date(2023, 9, 4)), Step(K::kMatched, Date(2023, 11, 6), "h2"),
                      MovedIn(Date(2023, 11, 20), "h2"), Step(K::kAdoptionApplication, Date(2024, 1, 29)),
                      Step(K::kAdoptionOrder, Date(2024, 3, 31))})),
      ChildWith("sol",
                {Step(K::kFamilyFindingReferral, Date(2022, 9, 1)), Step(K::kShouldBePlacedDecision, Date(2023, 3, 31)),
                 Step(K::kPlacementOrder, Date(2023, 4, 3)), PlanChange(Date(2024, 4, 1))}),
      ChildWith("tia", {Step(K::kFamilyFindingReferral, Date(2024, 3, 31))}),
      ChildWith("uma", {Step(K::kShouldBePlacedDecision, Date(2022, 6, 1)), Step(K::kPlacementOrder, Date(2022, 9, 1)),
                        PlanChange(Date(2023, 10, 2))}),
  };
}

TEST(ChildFiguresCounts, EachChildCountsOncePerKindInThePeriod) {
  const MilestoneCounts c = CountMilestones(YearOfMilestones(), FinancialYear(2023));
  EXPECT_EQ(c.matches, 1) << "rae, matched twice (h1, then h2 after the disruption), is one child matched";
  EXPECT_EQ(c.placements, 1) << "rae, placed twice, is one child placed";
  EXPECT_EQ(Line(c), Line({.referrals = 1,         // tia (sol's was before the year)
                           .decisions = 1,         // rae (sol's the day before)
                           .placement_orders = 2,  // rae, sol
                           .matches = 1,
                           .placements = 1,
                           .early_permanence_placements = 0,
                           .adoption_orders = 1,  // rae, on the last day
                           .plan_changes = 1,     // uma (sol's the day after)
                           .disruptions = 1}));
}

// The adopters' agency's side: rae was placed with h1 (another agency's household)
// and, after the disruption, matched with, placed with and adopted by h2 (ours).
TEST(ChildFiguresCounts, TheAdoptersSideCountsOnlyTheMilestonesAboutTheAgencysOwnHouseholds) {
  const OwnHousehold h2_is_ours = [](const std::string& household) { return household == "h2"; };
  const MilestoneCounts ours = CountMilestones(YearOfMilestones(), FinancialYear(2023), &h2_is_ours);
  EXPECT_EQ(Line(ours), Line({.matches = 1, .placements = 1, .adoption_orders = 1}))
      << "h1's disruption is the other agency's; referrals, decisions, orders and plan changes are the child's LA's";
  const OwnHousehold h1_is_ours = [](const std::string& household) { return household == "h1"; };
  EXPECT_EQ(Line(CountMilestones(YearOfMilestones(), FinancialYear(2023), &h1_is_ours)),
            Line({.matches = 1, .placements = 1, .disruptions = 1}));
  const OwnHousehold none = [](const std::string&) { return false; };
  EXPECT_EQ(Line(CountMilestones(YearOfMilestones(), FinancialYear(2023), &none)), Line(MilestoneCounts{}));
}

// Each local authority's children apart: wes is Bromley's; the rest Rotherham's.
TEST(ChildFiguresCounts, EachLocalAuthoritysChildrenAreCountedApartInOneAnswer) {
  std::vector<Child> children = YearOfMilestones();
  ChildDetails bromley = InCareSince2021();
  bromley.local_authority = "E09000006";
  children.push_back(ChildWith("wes", {Step(K::kShouldBePlacedDecision, Date(2023, 5, 2))}, bromley));
  children.push_back(ChildWith("xan", {Step(K::kShouldBePlacedDecision, Date(2021, 10, 4))}, bromley));  // before
  const std::map<std::string, MilestoneCounts> by_la = CountMilestonesByLocalAuthority(children, FinancialYear(2023));
  ASSERT_EQ(by_la.size(), 2u);
  EXPECT_EQ(Line(by_la.at("E09000006")), Line({.decisions = 1}));
  EXPECT_EQ(Line(by_la.at("E08000018")), Line(CountMilestones(YearOfMilestones(), FinancialYear(2023))));
  const OwnHousehold h2_is_ours = [](const std::string& household) { return household == "h2"; };
  const auto ours = CountMilestonesByLocalAuthority(children, FinancialYear(2023), &h2_is_ours);
  ASSERT_EQ(ours.size(), 1u);  // an authority with nothing on the adopters' side is not listed
  EXPECT_EQ(ours.at("E08000018").adoption_orders, 1);
}

TEST(ChildFiguresCounts, ThePeriodIncludesBothEndsAndNothingOutside) {
  // vin in June 2023: decided 31 May (the day before), order 1 June (the first day),
  // matched 30 June (the last day), moved in 1 July (the day after).
  const std::vector<Child> children = {ChildWith(
      "vin", DecidedToPlaced(Date(2023, 5, 31), Date(2023, 6, 1), Date(2023, 6, 30), Date(2023, 7, 1), "h1"))};
  EXPECT_EQ(Line(CountMilestones(children, Period::Month(2023, 6))),
            Line({.decisions = 0, .placement_orders = 1, .matches = 1, .placements = 0}));
  EXPECT_EQ(Line(CountMilestones(children, Period::Month(2023, 5))), Line({.decisions = 1}));
  EXPECT_EQ(Line(CountMilestones(children, Period::Month(2023, 7))), Line({.placements = 1}));
  // A period of one day.
  EXPECT_EQ(Line(CountMilestones(children, {Date(2023, 6, 30), Date(2023, 6, 30)})), Line({.matches = 1}));
  EXPECT_EQ(CountMilestones({}, FinancialYear(2023)), MilestoneCounts{});
}

// Spring 2023: three children placed three ways.
//  xan  ordinary: order 2023-01-09, matched h-x 2023-03-14, moved in 2023-03-20,
//       applied 2023-06-05 (+77 days), adopted 2023-08-11.
//  vic  early permanence: decided 2023-02-06, placed with dual-approved carers h-v
//       2023-03-06, order 2023-04-17, matched h-v 2023-05-08, adoption placement
//       2023-05-15.
//  wyn  her foster carers adopting: decided 2023-01-09, order 2023-02-20, moved in with
//       them (h-w) 2023-03-13, matched h-w 2023-05-02, adoption placement 2023-05-22.
//  yas  referral 2023-03-15, decision 2023-08-10.
std::vector<Child> SpringPlacements() {
  return {
      ChildWith("xan",
                Then(DecidedToPlaced(Date(2022, 10, 3), Date(2023, 1, 9), Date(2023, 3, 14), Date(2023, 3, 20), "h-x"),
                     {Step(K::kAdoptionApplication, Date(2023, 6, 5)), Step(K::kAdoptionOrder, Date(2023, 8, 11))})),
      ChildWith("vic", {Step(K::kShouldBePlacedDecision, Date(2023, 2, 6)), MovedIn(Date(2023, 3, 6), "h-v", true),
                        Step(K::kPlacementOrder, Date(2023, 4, 17)), Step(K::kMatched, Date(2023, 5, 8), "h-v"),
                        Step(K::kAdoptionPlacement, Date(2023, 5, 15))}),
      ChildWith("wyn", {Step(K::kShouldBePlacedDecision, Date(2023, 1, 9)), Step(K::kPlacementOrder, Date(2023, 2, 20)),
                        MovedIn(Date(2023, 3, 13), "h-w", false, true), Step(K::kMatched, Date(2023, 5, 2), "h-w"),
                        Step(K::kAdoptionPlacement, Date(2023, 5, 22))}),
      ChildWith("yas", {Step(K::kFamilyFindingReferral, Date(2023, 3, 15)),
                        Step(K::kShouldBePlacedDecision, Date(2023, 8, 10))}),
  };
}

TEST(ChildFiguresCounts, AnEarlyPermanenceChildIsPlacedWhenThePlacementBecomesAnAdoptionPlacement) {
  const std::vector<Child> children = SpringPlacements();
  // March: xan only. vic and wyn moved in then, but not yet for adoption.
  const MilestoneCounts march = CountMilestones(children, Period::Month(2023, 3));
  EXPECT_EQ(march.placements, 1);
  EXPECT_EQ(march.early_permanence_placements, 0);
  // May: vic (early permanence) and wyn (her foster carers'), on their adoption placements.
  const MilestoneCounts may = CountMilestones(children, Period::Month(2023, 5));
  EXPECT_EQ(may.placements, 2);
  EXPECT_EQ(may.early_permanence_placements, 1) << "vic's placement is early permanence, wyn's is not";
  // vic alone: counted once, in May, as early permanence; wyn alone: in May, not EP.
  EXPECT_EQ(Line(CountMilestones({children[1]}, {Date(2023, 3, 1), Date(2023, 5, 31)})),
            Line({.placement_orders = 1, .matches = 1, .placements = 1, .early_permanence_placements = 1}));
  EXPECT_EQ(Line(CountMilestones({children[2]}, Period::Month(2023, 5))), Line({.matches = 1, .placements = 1}));
  EXPECT_EQ(CountMilestones({children[2]}, Period::Month(2023, 3)).placements, 0);
}

TEST(ChildFiguresCounts, AnEarlyPermanencePlacementNotYetConvertedIsNotPlaced) {
  // zoe: with dual-approved carers since 2024-02-05, no adoption placement yet.
  const std::vector<Child> children = {
      ChildWith("zoe", {Step(K::kShouldBePlacedDecision, Date(2024, 1, 8)), MovedIn(Date(2024, 2, 5), "h-z", true)})};
  EXPECT_EQ(Line(CountMilestones(children, FinancialYear(2023))), Line({.decisions = 1}));
}

TEST(ChildFiguresByMonth, EveryMonthIsListedAndTheFirstAndLastAreClippedToThePeriod) {
  // 15 March – 10 August 2023: March from the 15th, August to the 10th.
  //   2023-03: yas's referral (15th); xan moved in (20th). xan's match on the 14th
  //            is before the period.
  //   2023-04: vic's placement order.
  //   2023-05: wyn and vic matched; vic (EP) and wyn became adoption placements.
  //   2023-06, 2023-07: nothing counted (xan's application is not a counted kind).
  //   2023-08: yas's decision (10th); xan's adoption order (11th) is after the period.
  const auto months = CountMilestonesByMonth(SpringPlacements(), {Date(2023, 3, 15), Date(2023, 8, 10)});
  ASSERT_EQ(months.size(), 6u);
  const std::vector<std::pair<std::string, MilestoneCounts>> expected = {
      {"2023-03", {.referrals = 1, .placements = 1}},
      {"2023-04", {.placement_orders = 1}},
      {"2023-05", {.matches = 2, .placements = 2, .early_permanence_placements = 1}},
      {"2023-06", {}},
      {"2023-07", {}},
      {"2023-08", {.decisions = 1}},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(months[i].first, expected[i].first);
    EXPECT_EQ(Line(months[i].second), Line(expected[i].second)) << expected[i].first;
  }
}

TEST(ChildFiguresByMonth, MonthsRunAcrossTheYearEndAndAOneDayPeriodIsOneMonth) {
  const auto across = CountMilestonesByMonth(YearOfMilestones(), {Date(2023, 11, 20), Date(2024, 2, 5)});
  std::vector<std::string> labels;
  for (const auto& [month, counts] : across) labels.push_back(month);
  EXPECT_EQ(labels, (std::vector<std::string>{"2023-11", "2023-12", "2024-01", "2024-02"}));
  // rae moved in with h2 on 20 November (the period's first day); her match on the 6th
  // is before it.
  EXPECT_EQ(Line(across[0].second), Line({.placements = 1}));
  const auto one_day = CountMilestonesByMonth(YearOfMilestones(), {Date(2024, 3, 31), Date(2024, 3, 31)});
  ASSERT_EQ(one_day.size(), 1u);
  EXPECT_EQ(one_day[0].first, "2024-03");
  EXPECT_EQ(Line(one_day[0].second), Line({.referrals = 1, .adoption_orders = 1}));  // tia, rae
}

// ---- Living with adopters ---------------------------------------------------------

TEST(LivingWithAdopters, FromTheDayPlacedUntilTheDayOfADisruption) {
  // zak: moved in with h1 2022-08-15, disrupted 2022-10-03, moved in with h2 2023-01-23.
  const Child zak = ChildWith(
      "zak", Then(DecidedToPlaced(Date(2022, 4, 4), Date(2022, 6, 6), Date(2022, 8, 1), Date(2022, 8, 15), "h1"),
                  {Breakdown(Date(2022, 10, 3)), Step(K::kMatched, Date(2023, 1, 9), "h2"),
                   MovedIn(Date(2023, 1, 23), "h2")}));
  EXPECT_FALSE(LivingWithAdopters(zak, Date(2022, 8, 1)));  // matched only
  EXPECT_FALSE(LivingWithAdopters(zak, Date(2022, 8, 14)));
  EXPECT_TRUE(LivingWithAdopters(zak, Date(2022, 8, 15)));
  EXPECT_TRUE(LivingWithAdopters(zak, Date(2022, 10, 2)));
  EXPECT_FALSE(LivingWithAdopters(zak, Date(2022, 10, 3))) << "a disruption on the day ends it";
  EXPECT_FALSE(LivingWithAdopters(zak, Date(2023, 1, 22)));
  EXPECT_TRUE(LivingWithAdopters(zak, Date(2023, 1, 23))) << "placed again after the disruption";
  EXPECT_TRUE(LivingWithAdopters(zak, Date(2024, 1, 1)));
}

TEST(LivingWithAdopters, AnEarlyPermanencePlacementIsLivingWithThem) {
  const Child vic = SpringPlacements()[1];  // with the carers from 2023-03-06
  EXPECT_FALSE(LivingWithAdopters(vic, Date(2023, 3, 5)));
  EXPECT_TRUE(LivingWithAdopters(vic, Date(2023, 3, 6)));
  EXPECT_FALSE(LivingWithAdopters(SpringPlacements()[3], Date(2024, 1, 1)));  // yas, never placed
}

// ---- Where the children stand on a day ----------------------------------------------

// ava's journey: decided 2024-01-10, order 2024-03-01, linked h1 2024-04-02, matched h1
// 2024-06-03, moved in 2024-06-24, disrupted 2024-09-02, linked h2 2024-10-07, matched
// h2 2024-12-02, moved in 2024-12-16.
Child Ava() {
  return ChildWith(
      "ava", {Step(K::kFamilyFindingReferral, Date(2023, 11, 6)), Step(K::kShouldBePlacedDecision, Date(2024, 1, 10)),
              Step(K::kPlacementOrder, Date(2024, 3, 1)), Step(K::kLinked, Date(2024, 4, 2), "h1"),
              Step(K::kMatched, Date(2024, 6, 3), "h1"), MovedIn(Date(2024, 6, 24), "h1"), Breakdown(Date(2024, 9, 2)),
              Step(K::kLinked, Date(2024, 10, 7), "h2"), Step(K::kMatched, Date(2024, 12, 2), "h2"),
              MovedIn(Date(2024, 12, 16), "h2")});
}

// One child's figures: waiting (matched, found, finding), active, linked, not placed.
std::string Only(int matched, int found, int finding, int active, int linked, int not_placed) {
  ChildrenAt at;
  at.waiting = matched + found + finding;
  at.waiting_matched = matched;
  at.waiting_family_found = found;
  at.waiting_family_finding = finding;
  at.active_family_finding = active;
  at.linked_awaiting_panel = linked;
  at.placement_order_not_placed = not_placed;
  return Line(at);
}

TEST(ChildrenOn, AChildWaitsFromTheDecisionByTheFurthestStepSinceTheLastDisruption) {
  const std::vector<Child> ava = {Ava()};
  // Only(matched, family found, family finding, active family finding, linked awaiting panel, order not placed)
  EXPECT_EQ(Line(On(ava, Date(2024, 1, 9))), Only(0, 0, 0, 0, 0, 0)) << "referred, not decided";
  EXPECT_EQ(Line(On(ava, Date(2024, 1, 10))), Only(0, 0, 1, 0, 0, 0)) << "decided: family finding, no order yet";
  EXPECT_EQ(Line(On(ava, Date(2024, 3, 1))), Only(0, 0, 1, 1, 0, 1)) << "the order: active family finding";
  EXPECT_EQ(Line(On(ava, Date(2024, 4, 2))), Only(0, 1, 0, 1, 1, 1)) << "linked: family found, awaiting panel";
  EXPECT_EQ(Line(On(ava, Date(2024, 6, 3))), Only(1, 0, 0, 0, 0, 1)) << "matched, not yet placed";
  EXPECT_EQ(Line(On(ava, Date(2024, 6, 23))), Only(1, 0, 0, 0, 0, 1));
  EXPECT_EQ(Line(On(ava, Date(2024, 6, 24))), Only(0, 0, 0, 0, 0, 0)) << "placed: not waiting";
  EXPECT_EQ(Line(On(ava, Date(2024, 9, 1))), Only(0, 0, 0, 0, 0, 0));
  EXPECT_EQ(Line(On(ava, Date(2024, 9, 2))), Only(0, 0, 1, 1, 0, 1))
      << "disrupted: waiting again, and the link and match with h1 before it no longer count";
  EXPECT_EQ(Line(On(ava, Date(2024, 10, 7))), Only(0, 1, 0, 1, 1, 1)) << "linked with h2";
  EXPECT_EQ(Line(On(ava, Date(2024, 12, 2))), Only(1, 0, 0, 0, 0, 1)) << "matched with h2";
  EXPECT_EQ(Line(On(ava, Date(2024, 12, 16))), Only(0, 0, 0, 0, 0, 0)) << "placed with h2";
}

TEST(ChildrenOn, DaysSinceThePlacementOrderCountFromTheOrderWhileNotPlaced) {
  const std::vector<Child> ava = {Ava()};
  // From 2024-03-01: 0 on the day, 32 on 2024-04-02, 94 on 2024-06-03; after the
  // disruption 185 on 2024-09-02 (still from the order, not the disruption).
  struct Case {
    Date day;
    int days;
  };
  for (const Case& c : {Case{Date(2024, 3, 1), 0}, Case{Date(2024, 4, 2), 32}, Case{Date(2024, 6, 3), 94},
                        Case{Date(2024, 9, 2), 185}}) {
    const ChildrenAt at = On(ava, c.day);
    EXPECT_EQ(at.longest_days_since_order, c.days) << platform::FormatDate(c.day);
    EXPECT_EQ(at.mean_days_since_order, std::optional<double>(c.days)) << platform::FormatDate(c.day);
  }
  const ChildrenAt placed = On(ava, Date(2024, 7, 1));
  EXPECT_EQ(placed.placement_order_not_placed, 0);
  EXPECT_EQ(placed.mean_days_since_order, std::nullopt) << "no child waiting on an order: no mean";
  EXPECT_EQ(placed.longest_days_since_order, 0);
}

TEST(ChildrenOn, APlanChangeEndsWaitingAndFamilyFinding) {
  // kai: decided 2024-01-15, order 2024-03-04, linked h1 2024-04-08, plan changed 2024-05-01.
  const std::vector<Child> kai = {
      ChildWith("kai", {Step(K::kShouldBePlacedDecision, Date(2024, 1, 15)), Step(K::kPlacementOrder, Date(2024, 3, 4)),
                        Step(K::kLinked, Date(2024, 4, 8), "h1"), PlanChange(Date(2024, 5, 1))})};
  EXPECT_EQ(Line(On(kai, Date(2024, 4, 30))), Only(0, 1, 0, 1, 1, 1));
  EXPECT_EQ(Line(On(kai, Date(2024, 5, 1))), Only(0, 0, 0, 0, 0, 0)) << "the plan changed on the day";
  EXPECT_EQ(On(kai, Date(2024, 5, 1)).mean_days_since_order, std::nullopt);
}

TEST(ChildrenOn, AnAdoptedChildIsNotWaitingEvenAfterTheAdoptionBreaksDown) {
  // lea: decided 2023-11-01, order 2023-11-20, matched 2023-12-04, moved in 2023-12-18,
  // applied 2024-02-26, adopted 2024-05-20, the adoption broke down 2024-08-05: no
  // longer living with her adopters, but adopted, so not waiting.
  const Child lea = ChildWith(
      "lea", Then(DecidedToPlaced(Date(2023, 11, 1), Date(2023, 11, 20), Date(2023, 12, 4), Date(2023, 12, 18), "h1"),
                  {Step(K::kAdoptionApplication, Date(2024, 2, 26)), Step(K::kAdoptionOrder, Date(2024, 5, 20)),
                   Breakdown(Date(2024, 8, 5))}));
  EXPECT_TRUE(LivingWithAdopters(lea, Date(2024, 8, 4)));
  EXPECT_FALSE(LivingWithAdopters(lea, Date(2024, 8, 5)));
  EXPECT_EQ(Line(On({lea}, Date(2024, 8, 5))), Only(0, 0, 0, 0, 0, 0));
  EXPECT_EQ(On({lea}, Date(2024, 8, 5)).mean_days_since_order, std::nullopt);
}

TEST(ChildrenOn, ActiveFamilyFindingAndLinkedAwaitingPanelNeedAPlacementOrder) {
  // mo: decided 2024-02-05, linked h1 2024-03-11, order 2024-04-15: family found from
  // the link, but active family finding and linked awaiting panel only from the order.
  const std::vector<Child> mo = {
      ChildWith("mo", {Step(K::kShouldBePlacedDecision, Date(2024, 2, 5)), Step(K::kLinked, Date(2024, 3, 11), "h1"),
                       Step(K::kPlacementOrder, Date(2024, 4, 15))})};
  EXPECT_EQ(Line(On(mo, Date(2024, 3, 11))), Only(0, 1, 0, 0, 0, 0));
  EXPECT_EQ(Line(On(mo, Date(2024, 4, 14))), Only(0, 1, 0, 0, 0, 0));
  EXPECT_EQ(Line(On(mo, Date(2024, 4, 15))), Only(0, 1, 0, 1, 1, 1));
}

// On 1 July 2024 (2024 is a leap year):
//  bea  order 2023-10-25 (250 days), matched h-b 2024-05-20: waiting matched, not
//       active, still not placed.
//  cal  order 2024-03-23 (100 days), linked h-c 2024-06-10: family found, active,
//       linked awaiting panel.
//  dee  order 2024-05-17 (45 days): active family finding.
//  eve  order 2024-01-08, moved in 2024-04-15: living with adopters, in none.
//  fox  order 2024-02-01, plan changed 2024-06-03: in none.
//  gia  decided 2024-06-03, no order: waiting, family finding; no order to count from.
// Not placed: 3, (250 + 100 + 45) / 3 = 131.666…: 131.7 (half up), 131.6 (truncated),
// 132 whole; the longest 250.
std::vector<Child> SummerWaiters() {
  return {
      ChildWith("bea", {Step(K::kShouldBePlacedDecision, Date(2023, 9, 4)),
                        Step(K::kPlacementOrder, Date(2023, 10, 25)), Step(K::kMatched, Date(2024, 5, 20), "h-b")}),
      ChildWith("cal", {Step(K::kShouldBePlacedDecision, Date(2024, 1, 22)),
                        Step(K::kPlacementOrder, Date(2024, 3, 23)), Step(K::kLinked, Date(2024, 6, 10), "h-c")}),
      ChildWith("dee",
                {Step(K::kShouldBePlacedDecision, Date(2024, 3, 4)), Step(K::kPlacementOrder, Date(2024, 5, 17))}),
      ChildWith("eve",
                DecidedToPlaced(Date(2023, 11, 6), Date(2024, 1, 8), Date(2024, 3, 25), Date(2024, 4, 15), "h-e")),
      ChildWith("fox", {Step(K::kShouldBePlacedDecision, Date(2023, 12, 4)), Step(K::kPlacementOrder, Date(2024, 2, 1)),
                        PlanChange(Date(2024, 6, 3))}),
      ChildWith("gia", {Step(K::kShouldBePlacedDecision, Date(2024, 6, 3))}),
  };
}

TEST(ChildrenOn, EachChildIsCountedInEveryFigureItMeets) {
  const ChildrenAt at = On(SummerWaiters(), Date(2024, 7, 1));
  EXPECT_EQ(at.waiting, 4);                 // bea, cal, dee, gia
  EXPECT_EQ(at.waiting_matched, 1);         // bea
  EXPECT_EQ(at.waiting_family_found, 1);    // cal
  EXPECT_EQ(at.waiting_family_finding, 2);  // dee, gia
  EXPECT_EQ(at.active_family_finding, 2);   // cal, dee (not bea, matched)
  EXPECT_EQ(at.linked_awaiting_panel, 1);   // cal
  EXPECT_EQ(at.placement_order_not_placed, 3) << "bea, cal, dee: a match is not a placement";
  EXPECT_EQ(at.longest_days_since_order, 250);  // bea
  EXPECT_EQ(at.mean_days_since_order, 131.7);
}

TEST(ChildrenOn, TheMeanDaysSinceTheOrderAreRoundedAsAsked) {
  const std::vector<Child> children = SummerWaiters();
  EXPECT_EQ(On(children, Date(2024, 7, 1), {1, Rounding::kHalfUp}).mean_days_since_order, 131.7);
  EXPECT_EQ(On(children, Date(2024, 7, 1), {1, Rounding::kTruncate}).mean_days_since_order, 131.6);
  EXPECT_EQ(On(children, Date(2024, 7, 1), {0, Rounding::kHalfUp}).mean_days_since_order, 132.0);
  EXPECT_EQ(On(children, Date(2024, 7, 1), {0, Rounding::kTruncate}).mean_days_since_order, 131.0);
  EXPECT_EQ(On(children, Date(2024, 7, 1), {2, Rounding::kHalfUp}).mean_days_since_order, 131.67);
}

TEST(ChildrenOn, NoChildrenWaitingHaveNoMean) {
  const ChildrenAt none = On({}, Date(2024, 7, 1));
  EXPECT_EQ(Line(none), Only(0, 0, 0, 0, 0, 0));
  EXPECT_EQ(none.mean_days_since_order, std::nullopt);
  EXPECT_EQ(none.longest_days_since_order, 0);
  // Before any of the summer waiters' orders (bea's is 2023-10-25): bea decided only.
  const ChildrenAt early = On(SummerWaiters(), Date(2023, 10, 24));
  EXPECT_EQ(Line(early), Only(0, 0, 1, 0, 0, 0));
  EXPECT_EQ(early.mean_days_since_order, std::nullopt);
}

// ---- What became of the children decided in a period --------------------------------

// Decided in 2023/24 (1 April 2023 – 31 March 2024), seen on 30 September 2024:
//  ada  decided 2023-04-01 (the first day), adopted 2024-06-03 .......... adopted
//  bo   decided 2023-06-01, moved in 2024-02-05, adopted 2024-10-01 ..... placed (adopted the day after)
//  cy   decided 2023-07-03, moved in 2024-01-15, plan changed 2024-05-06 placed (living with them comes first)
//  di   decided 2023-08-01, plan changed 2024-01-08 ..................... plan reverted
//  ed   decided 2023-09-04, moved in 2024-02-12, disrupted 2024-07-01 ... waiting
//  flo  decided 2024-03-31 (the last day) ................................ waiting
//  gil  decided 2023-10-02, order 2023-12-04, linked 2024-03-04 ......... waiting (linked)
//  hu   decided 2023-11-01, adopted 2024-05-20, broke down 2024-08-05 ... adopted
// Not in the cohort: ivo decided 2023-03-31 (adopted 2024-01-29), jo 2024-04-01.
// 8 decided: adopted 2 (25%), placed 2 (25%), plan reverted 1 (12.5%), waiting 3 (37.5%).
std::vector<Child> DecidedIn2023() {
  return {
      ChildWith("ada",
                Then(DecidedToPlaced(Date(2023, 4, 1), Date(2023, 5, 15), Date(2023, 8, 7), Date(2023, 8, 21), "h-a"),
                     {Step(K::kAdoptionApplication, Date(2023, 10, 30)), Step(K::kAdoptionOrder, Date(2024, 6, 3))})),
      ChildWith("bo",
                Then(DecidedToPlaced(Date(2023, 6, 1), Date(2023, 9, 4), Date(2024, 1, 22), Date(2024, 2, 5), "h-b"),
                     {Step(K::kAdoptionApplication, Date(2024, 4, 15)), Step(K::kAdoptionOrder, Date(2024, 10, 1))})),
      ChildWith("cy",
                Then(DecidedToPlaced(Date(2023, 7, 3), Date(2023, 9, 18), Date(2024, 1, 2), Date(2024, 1, 15), "h-c"),
                     {PlanChange(Date(2024, 5, 6))})),
      ChildWith("di", {Step(K::kShouldBePlacedDecision, Date(2023, 8, 1)), PlanChange(Date(2024, 1, 8))}),
      ChildWith("ed",
                Then(DecidedToPlaced(Date(2023, 9, 4), Date(2023, 11, 6), Date(2024, 1, 29), Date(2024, 2, 12), "h-d"),
                     {Breakdown(Date(2024, 7, 1))})),
      ChildWith("flo", {Step(K::kShouldBePlacedDecision, Date(2024, 3, 31))}),
      ChildWith("gil", {Step(K::kShouldBePlacedDecision, Date(2023, 10, 2)),
                        Step(K::kPlacementOrder, Date(2023, 12, 4)), Step(K::kLinked, Date(2024, 3, 4), "h-g")}),
      ChildWith("hu", Then(DecidedToPlaced(Date(2023, 11, 1), Date(2023, 11, 20), Date(2023, 12, 4), Date(2023, 12, 18),
                                           "h-h"),
                           {Step(K::kAdoptionApplication, Date(2024, 2, 26)),
                            Step(K::kAdoptionOrder, Date(2024, 5, 20)), Breakdown(Date(2024, 8, 5))})),
      ChildWith("ivo",
                Then(DecidedToPlaced(Date(2023, 3, 31), Date(2023, 5, 2), Date(2023, 6, 5), Date(2023, 6, 19), "h-i"),
                     {Step(K::kAdoptionApplication, Date(2023, 9, 4)), Step(K::kAdoptionOrder, Date(2024, 1, 29))})),
      ChildWith("jo", {Step(K::kShouldBePlacedDecision, Date(2024, 4, 1))}),
  };
}

std::string Line(const platform::Share& s) {
  return absl::StrCat(s.count, " of ", s.of, " = ", s.percent ? absl::StrCat(*s.percent, "%") : "none");
}

TEST(DecisionCohortOn, TheCohortIsTheChildrenFirstDecidedInThePeriod) {
  const DecisionCohort c = DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 9, 30), kOneDp);
  EXPECT_EQ(c.decided, 8) << "ada (the first day) and flo (the last) in; ivo (the day before) and jo (after) out";
  EXPECT_EQ(DecisionCohortOn(DecidedIn2023(), FinancialYear(2024), Date(2024, 9, 30), kOneDp).decided, 1);  // jo
  EXPECT_EQ(DecisionCohortOn(DecidedIn2023(), FinancialYear(2022), Date(2024, 9, 30), kOneDp).decided, 1);  // ivo
}

TEST(DecisionCohortOn, TheFirstOutcomeThatAppliesOnTheDayCountsAndSharesAreOfTheCohort) {
  const DecisionCohort c = DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 9, 30), kOneDp);
  EXPECT_EQ(Line(c.adopted), "2 of 8 = 25%") << "ada, and hu though her adoption broke down";
  EXPECT_EQ(Line(c.placed), "2 of 8 = 25%") << "bo (adopted only the day after), cy (placed before plan reverted)";
  EXPECT_EQ(Line(c.plan_reverted), "1 of 8 = 12.5%") << "di";
  EXPECT_EQ(Line(c.waiting), "3 of 8 = 37.5%") << "ed (disrupted), flo, gil (linked)";
}

TEST(DecisionCohortOn, AnAdoptionAfterTheDayCountsAsPlacedAndOnItsDayAsAdopted) {
  const DecisionCohort before = DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 9, 30), kOneDp);
  const DecisionCohort on = DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 10, 1), kOneDp);
  EXPECT_EQ(before.adopted.count, 2);
  EXPECT_EQ(before.placed.count, 2);
  EXPECT_EQ(on.adopted.count, 3) << "bo's order on 2024-10-01";
  EXPECT_EQ(on.placed.count, 1);
  // On 31 March 2024, the year's last day: ada, bo, cy, ed, hu living with adopters
  // (none adopted yet), di plan reverted, flo and gil waiting.
  const DecisionCohort year_end = DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 3, 31), kOneDp);
  EXPECT_EQ(year_end.adopted.count, 0);
  EXPECT_EQ(year_end.placed.count, 5);
  EXPECT_EQ(year_end.plan_reverted.count, 1);
  EXPECT_EQ(year_end.waiting.count, 2);
}

TEST(DecisionCohortOn, PercentagesAreRoundedAsAskedAndAnEmptyCohortHasNone) {
  // 1 of 8 = 12.5%, 3 of 8 = 37.5%: whole numbers half up 13 and 38, truncated 12 and 37.
  const DecisionCohort up =
      DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 9, 30), {0, Rounding::kHalfUp});
  const DecisionCohort down =
      DecisionCohortOn(DecidedIn2023(), FinancialYear(2023), Date(2024, 9, 30), {0, Rounding::kTruncate});
  EXPECT_EQ(up.plan_reverted.percent, 13.0);
  EXPECT_EQ(up.waiting.percent, 38.0);
  EXPECT_EQ(down.plan_reverted.percent, 12.0);
  EXPECT_EQ(down.waiting.percent, 37.0);
  const DecisionCohort none = DecisionCohortOn(DecidedIn2023(), FinancialYear(2021), Date(2024, 9, 30), kOneDp);
  EXPECT_EQ(none.decided, 0);
  EXPECT_EQ(Line(none.adopted), "0 of 0 = none");
  EXPECT_EQ(Line(none.placed), "0 of 0 = none");
  EXPECT_EQ(Line(none.plan_reverted), "0 of 0 = none");
  EXPECT_EQ(Line(none.waiting), "0 of 0 = none");
}

}  // namespace
}  // namespace familyfinding

namespace familyfinding {
namespace {

// A period's decisions by age at the decision (under one: 0) and entering care before
// five; its orders by age band at the order, sex, ethnicity, sibling group, provider.
TEST(ChildBreakdowns, DecisionsByAgeAndOrdersByLabel) {
  const platform::Revision by{.actor = "sw", .at = 2, .today = platform::Date(2026, 1, 1)};
  const MilestoneRules rules = MilestoneRules::On(platform::StatutoryTable::Defaults(), by.today).value();
  auto child = [&](const std::string& id, platform::Date born, platform::Date entered, Sex sex,
                   const std::string& ethnicity, const std::string& group) {
    ChildDetails d;
    d.local_authority = "E08000018";
    d.date_of_birth = born;
    d.entered_care_date = entered;
    d.sex = sex;
    d.ethnicity = ethnicity;
    d.sibling_group = group;
    if (!group.empty()) d.sibling_placement = SiblingPlacement::kTogether;
    return RegisterChild(id, d, "sw", 1);
  };
  auto record = [&](Child& c, MilestoneKind kind, platform::Date day, const std::string& h = "",
                    PlacementProvider provider = PlacementProvider::kInHouse) {
    Milestone m{.kind = kind, .date = day, .household_id = h, .provider = provider};
    EXPECT_TRUE(RecordMilestone(c, m, rules, by).ok()) << MilestoneKindName(kind);
  };
  // Decided at 0 (eleven months) and adopted at 1 with a voluntary agency's adopters.
  Child a = child("a", platform::Date(2022, 5, 1), platform::Date(2022, 5, 2), Sex::kFemale, "WHITE_BRITISH", "");
  record(a, MilestoneKind::kShouldBePlacedDecision, platform::Date(2023, 4, 10));
  record(a, MilestoneKind::kPlacementOrder, platform::Date(2023, 5, 1));
  record(a, MilestoneKind::kMatched, platform::Date(2023, 6, 1), "h1");
  record(a, MilestoneKind::kPlaced, platform::Date(2023, 6, 8), "h1", PlacementProvider::kVoluntaryAdoptionAgency);
  record(a, MilestoneKind::kAdoptionOrder, platform::Date(2024, 1, 8));
  // Decided at 6, entered care at 5: not "before five"; not adopted.
  Child b = child("b", platform::Date(2017, 1, 1), platform::Date(2022, 6, 1), Sex::kMale, "", "g1");
  record(b, MilestoneKind::kShouldBePlacedDecision, platform::Date(2023, 6, 1));
  // Decided the year before, adopted this year at 10, in a sibling group, in-house.
  Child c = child("c", platform::Date(2013, 9, 1), platform::Date(2021, 1, 1), Sex::kMale, "MIXED_OTHER", "g2");
  record(c, MilestoneKind::kShouldBePlacedDecision, platform::Date(2022, 6, 1));
  record(c, MilestoneKind::kPlacementOrder, platform::Date(2022, 9, 1));
  record(c, MilestoneKind::kMatched, platform::Date(2023, 3, 1), "h2");
  record(c, MilestoneKind::kPlaced, platform::Date(2023, 3, 20), "h2");
  record(c, MilestoneKind::kAdoptionOrder, platform::Date(2023, 12, 1));
  const ChildBreakdowns b2 = BreakDown({a, b, c}, {platform::Date(2023, 4, 1), platform::Date(2024, 3, 31)});
  EXPECT_EQ(b2.decisions_by_age, (std::map<int, int>{{0, 1}, {6, 1}}));
  EXPECT_EQ(b2.decisions_entered_care_before_5, 1);
  EXPECT_EQ(b2.orders_by_age_band, (std::map<std::string, int>{{"1_TO_4", 1}, {"10_TO_15", 1}}));
  EXPECT_EQ(b2.orders_by_sex, (std::map<std::string, int>{{"FEMALE", 1}, {"MALE", 1}}));
  EXPECT_EQ(b2.orders_by_ethnicity, (std::map<std::string, int>{{"MIXED_OTHER", 1}, {"WHITE_BRITISH", 1}}));
  EXPECT_EQ(b2.orders_in_sibling_group, 1);
  EXPECT_EQ(b2.orders_by_provider,
            (std::map<std::string, int>{{"IN_HOUSE", 1}, {"VOLUNTARY_ADOPTION_AGENCY", 1}}));
}

}  // namespace
}  // namespace familyfinding
