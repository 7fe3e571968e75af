#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/journey.h"
#include "familyfinding-svc/domain/scorecard.h"
#include "platform/core/figures.h"
#include "platform/core/statutory.h"

namespace familyfinding {
namespace {

using platform::Date;
using platform::Precision;
using platform::Rounding;
using K = MilestoneKind;

const Date kToday(2025, 6, 1);
const platform::Revision kBy{"ff-1", 1'000'000, kToday};
const Precision kOneDecimal{1, Rounding::kHalfUp};

platform::Period Fy(int start_year) { return platform::Period::Of(platform::FinancialYear{start_year}); }

const platform::StatutoryTable& Defaults() { return platform::StatutoryTable::Defaults(); }

ChildDetails Kid(Sex sex, Date born, std::optional<Date> entered_care) {
  ChildDetails d;
  d.local_authority = "E08000018";
  d.date_of_birth = born;
  d.sex = sex;
  d.ethnicity = "WHITE_BRITISH";
  d.legal_status = LegalStatus::kCareOrder;
  d.entered_care_date = entered_care;
  return d;
}

Milestone M(K kind, Date date, std::string household = "") {
  Milestone m;
  m.kind = kind;
  m.date = date;
  m.household_id = std::move(household);
  if (kind == K::kShouldBePlacedDecision || kind == K::kMatched) m.origin = MilestoneOrigin::kPanel;
  return m;
}

// A child registered with `details` and `steps` recorded in turn, as family finding
// and panel-svc would; a refusal fails the test, naming the child and the milestone.
Child Build(const std::string& id, const ChildDetails& details, const std::vector<Milestone>& steps) {
  Child c = RegisterChild(id, details, "sw-1", 1'000);
  const MilestoneRules rules = MilestoneRules::On(Defaults(), kToday).value();
  for (const Milestone& m : steps) {
    absl::StatusOr<bool> r = RecordMilestone(c, m, rules, kBy);
    EXPECT_TRUE(r.ok() && *r) << id << " " << MilestoneKindName(m.kind) << " on " << platform::FormatDate(m.date)
                              << ": " << (r.ok() ? std::string("a replay") : r.status().ToString());
  }
  return c;
}

// The dates of a child's journey to (or towards) its adoption order.
struct Dates {
  Date decision;
  std::optional<Date> placement_order;  // none: placed with the parents' consent
  Date match;
  Date placed;                    // moved in (early permanence: with the dual-approved carers)
  std::optional<Date> converted;  // early permanence: the day it became an adoption placement
  std::optional<Date> order;      // none: not adopted (yet)
  std::string household = "h1";
};

// The milestones of `d` in date order (same-day ones in journey order), with the
// adopters' application at the earliest the ten weeks allow.
std::vector<Milestone> Steps(const Dates& d) {
  std::vector<Milestone> steps = {M(K::kShouldBePlacedDecision, d.decision), M(K::kMatched, d.match, d.household)};
  if (d.placement_order) steps.push_back(M(K::kPlacementOrder, *d.placement_order));
  Milestone placed = M(K::kPlaced, d.placed, d.household);
  placed.early_permanence = d.converted.has_value();
  steps.push_back(placed);
  if (d.converted) steps.push_back(M(K::kAdoptionPlacement, *d.converted));
  if (d.order) {
    const Date application = std::max(d.placed + 70, d.converted.value_or(d.placed));
    if (application <= *d.order) steps.push_back(M(K::kAdoptionApplication, application));
    steps.push_back(M(K::kAdoptionOrder, *d.order));
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Milestone& a, const Milestone& b) {
    return a.date != b.date ? a.date < b.date : a.kind < b.kind;
  });
  return steps;
}

Child Adopted(const std::string& id, const ChildDetails& details, const Dates& d) {
  return Build(id, details, Steps(d));
}

// Five children adopted in 2023/24 (1 April 2023 – 31 March 2024), one reason each
// for being harder to place but Amy, and three children who were not:
//
//        entered     decision    order(PO)   match       moved in    adoption    A1   A2   care→order
//  amy   2021-05-01  2021-12-01  2022-03-01  2022-06-15  2022-07-01  2023-05-15  426  106  744
//  ben   2020-09-14  2021-03-01  2021-06-01  2021-05-10  2021-11-01  2023-08-01  413    0  1051
//  cara  2022-10-03  2023-01-05  2023-03-01  2023-07-09  2022-10-20  2023-10-02   17  130  364 (EP)
//  dan   2020-01-06  2020-03-20  2020-10-01  2021-03-15  2021-04-01  2024-01-15  451  165  1470
//  eli   2022-02-01  2022-06-01  2022-08-01  2022-11-30  2022-12-12  2024-03-31  314  121  789
//
// amy: 2022-07-01 − 2021-05-01 = 426 exactly (met A1, but not under the A3 window).
// ben: matched before the placement order: A2 0. White Other: harder to place. Aged 4.
// cara: early permanence, placed with the carers 17 days after entering care; the
//       placement became an adoption placement on 2023-07-17; A2 2023-07-09 − 2023-03-01
//       = 130. In a sibling group.
// dan: born 2019-01-15, five on the day of his order; moved in 2021-04-01, not before
//      add_months(2020-03-20, 12) = 2021-03-20.
// eli: A2 2022-11-30 − 2022-08-01 = 121 exactly (met). Disabled. Sex not known. Adopted
//      on the last day of the year.
//
// A1 total 426 + 413 + 17 + 451 + 314 = 1621, mean 324.2; A2 total 106 + 0 + 130 + 165 +
// 121 = 522, mean 104.4. Care → order: EP 364 (cara); others 744 + 1051 + 1470 + 789 =
// 4054 over 4 = 1013.5.
std::vector<Child> Cohort() {
  ChildDetails amy = Kid(Sex::kFemale, Date(2021, 4, 20), Date(2021, 5, 1));
  ChildDetails ben = Kid(Sex::kMale, Date(2019, 2, 1), Date(2020, 9, 14));
  ben.ethnicity = "WHITE_OTHER";
  ChildDetails cara = Kid(Sex::kFemale, Date(2022, 9, 30), Date(2022, 10, 3));
  cara.sibling_group = "g-cara";
  cara.sibling_placement = SiblingPlacement::kTogether;
  cara.early_permanence = true;
  ChildDetails dan = Kid(Sex::kMale, Date(2019, 1, 15), Date(2020, 1, 6));
  ChildDetails eli = Kid(Sex::kNotKnown, Date(2022, 1, 1), Date(2022, 2, 1));
  eli.disability = true;
  return {
      Adopted("amy", amy,
              {.decision = Date(2021, 12, 1), .placement_order = Date(2022, 3, 1), .match = Date(2022, 6, 15),
               .placed = Date(2022, 7, 1), .order = Date(2023, 5, 15), .household = "h-a"}),
      Adopted("ben", ben,
              {.decision = Date(2021, 3, 1), .placement_order = Date(2021, 6, 1), .match = Date(2021, 5, 10),
               .placed = Date(2021, 11, 1), .order = Date(2023, 8, 1), .household = "h-b"}),
      Adopted("cara", cara,
              {.decision = Date(2023, 1, 5), .placement_order = Date(2023, 3, 1), .match = Date(2023, 7, 9),
               .placed = Date(2022, 10, 20), .converted = Date(2023, 7, 17), .order = Date(2023, 10, 2),
               .household = "h-c"}),
      Adopted("dan", dan,
              {.decision = Date(2020, 3, 20), .placement_order = Date(2020, 10, 1), .match = Date(2021, 3, 15),
               .placed = Date(2021, 4, 1), .order = Date(2024, 1, 15), .household = "h-d"}),
      Adopted("eli", eli,
              {.decision = Date(2022, 6, 1), .placement_order = Date(2022, 8, 1), .match = Date(2022, 11, 30),
               .placed = Date(2022, 12, 12), .order = Date(2024, 3, 31), .household = "h-e"}),
  };
}

// Children not adopted in 2023/24: fin the day after it, gus the day before it, hal not yet.
std::vector<Child> Others() {
  return {
      Adopted("fin", Kid(Sex::kMale, Date(2022, 4, 1), Date(2022, 5, 3)),
              {.decision = Date(2022, 9, 1), .placement_order = Date(2022, 11, 1), .match = Date(2023, 2, 1),
               .placed = Date(2023, 2, 15), .order = Date(2024, 4, 1)}),
      Adopted("gus", Kid(Sex::kMale, Date(2020, 12, 1), Date(2021, 1, 4)),
              {.decision = Date(2021, 5, 4), .placement_order = Date(2021, 7, 1), .match = Date(2021, 10, 1),
               .placed = Date(2021, 10, 15), .order = Date(2023, 3, 31)}),
      Adopted("hal", Kid(Sex::kFemale, Date(2021, 12, 1), Date(2022, 3, 1)),
              {.decision = Date(2022, 8, 1), .placement_order = Date(2022, 10, 3), .match = Date(2023, 5, 15),
               .placed = Date(2023, 6, 1)}),
  };
}

std::vector<Child> Everyone() {
  std::vector<Child> all = Cohort();
  for (Child& c : Others()) all.push_back(std::move(c));
  return all;
}

Scorecard Measure(const std::vector<Child>& children, platform::Period period, Precision precision = kOneDecimal,
                  int care_leavers = 0, const platform::StatutoryTable& table = Defaults()) {
  absl::StatusOr<Scorecard> s = MeasureScorecard(children, period, table, care_leavers, precision);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : Scorecard{};
}

TEST(Scorecard, TheCohortIsTheChildrenWithAnAdoptionOrderInThePeriod) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  EXPECT_EQ(s.adopted, 5);  // not fin (1 April 2024), gus (31 March 2023) or hal (placed only)
  EXPECT_EQ(s.a1.children, 5);
  EXPECT_EQ(s.a1.total_days, 1621);
  EXPECT_TRUE(s.incomplete.empty());
  // gus is 2022/23's, fin 2024/25's.
  EXPECT_EQ(Measure(Everyone(), Fy(2022)).adopted, 1);
  EXPECT_EQ(Measure(Everyone(), Fy(2024)).adopted, 1);
  // A period of one day: the last of the year, eli's order.
  EXPECT_EQ(Measure(Everyone(), {Date(2024, 3, 31), Date(2024, 3, 31)}).adopted, 1);
}

TEST(Scorecard, SexIsCountedOfTheAdopted) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  EXPECT_EQ(s.female, 2);  // amy, cara (hal is not adopted)
  EXPECT_EQ(s.male, 2);    // ben, dan (fin and gus are other years')
  EXPECT_EQ(s.sex_not_known, 1);
}

TEST(Scorecard, AOneIsTheMeanFromEnteringCareToMovingIn) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  EXPECT_EQ(s.a1.total_days, 1621);
  EXPECT_EQ(s.a1.children, 5);
  EXPECT_EQ(s.a1.mean, 324.2);
}

TEST(Scorecard, ATwoRunsFromThePlacementOrderToTheMatchAndAnEarlierMatchCountsZero) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  EXPECT_EQ(s.a2.total_days, 522);  // ben's match, three weeks before his order, adds 0
  EXPECT_EQ(s.a2.children, 5);
  EXPECT_EQ(s.a2.mean, 104.4);
}

TEST(Scorecard, MetAOneAndATwoAreWithinTheThresholdsIncluded) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  // A1 ≤ 426: amy (426), ben, cara, eli; not dan (451).
  EXPECT_EQ(s.met_a1.count, 4);
  EXPECT_EQ(s.met_a1.of, 5);
  EXPECT_EQ(s.met_a1.percent, 80.0);
  // A2 ≤ 121: amy (106), ben (0), eli (121); not cara (130) or dan (165).
  EXPECT_EQ(s.met_a2.count, 3);
  EXPECT_EQ(s.met_a2.of, 5);
  EXPECT_EQ(s.met_a2.percent, 60.0);
}

TEST(Scorecard, AThreeIsStrictlyUnderTheWindow) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  // < 426: ben (413), cara (17), eli (314); not amy (426 exactly) or dan.
  EXPECT_EQ(s.a3.count, 3);
  EXPECT_EQ(s.a3.of, 5);
  EXPECT_EQ(s.a3.percent, 60.0);
}

TEST(Scorecard, EarlyPermanenceAndOtherChildrenFromCareToOrder) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  EXPECT_EQ(s.early_permanence, 1);  // cara
  EXPECT_EQ(s.early_permanence_care_to_order.total_days, 364);
  EXPECT_EQ(s.early_permanence_care_to_order.children, 1);
  EXPECT_EQ(s.early_permanence_care_to_order.mean, 364.0);
  EXPECT_EQ(s.other_care_to_order.total_days, 4054);
  EXPECT_EQ(s.other_care_to_order.children, 4);
  EXPECT_EQ(s.other_care_to_order.mean, 1013.5);
}

TEST(Scorecard, EarlyPermanenceCountsFromTheDayPlacedWithTheCarers) {
  Scorecard s = Measure(Cohort(), {Date(2023, 10, 2), Date(2023, 10, 2)});  // cara alone
  EXPECT_EQ(s.a1.total_days, 17);   // 2022-10-20 − 2022-10-03, not from 2023-07-17
  EXPECT_EQ(s.a10.total_days, 17);
  EXPECT_EQ(s.a2.total_days, 130);  // the match with the carers' household
  EXPECT_EQ(s.placed_within_12_months_of_decision.count, 1);
}

TEST(Scorecard, PlacedWithinTwelveMonthsOfTheDecisionIsStrict) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  // dan moved in 2021-04-01, after add_months(2020-03-20, 12) = 2021-03-20.
  EXPECT_EQ(s.placed_within_12_months_of_decision.count, 4);
  EXPECT_EQ(s.placed_within_12_months_of_decision.of, 5);
  EXPECT_EQ(s.placed_within_12_months_of_decision.percent, 80.0);
  // Moving in on add_months(decision, 12) itself is not within.
  ChildDetails d = Kid(Sex::kFemale, Date(2021, 1, 5), Date(2021, 2, 1));
  std::vector<Child> on_the_day = {
      Adopted("ivy", d,
              {.decision = Date(2021, 6, 30), .placement_order = Date(2021, 9, 1), .match = Date(2022, 6, 1),
               .placed = Date(2022, 6, 30), .order = Date(2023, 6, 1)})};
  s = Measure(on_the_day, Fy(2023));
  EXPECT_EQ(s.placed_within_12_months_of_decision.count, 0);
  EXPECT_EQ(s.placed_within_12_months_of_decision.of, 1);
}

TEST(Scorecard, HarderToPlaceIsJudgedAtTheOrder) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  // ben (White Other), cara (sibling group), dan (five at the order), eli (disabled).
  EXPECT_EQ(s.harder_to_place.count, 4);
  EXPECT_EQ(s.harder_to_place.of, 5);
  EXPECT_EQ(s.harder_to_place.percent, 80.0);
}

TEST(HarderToPlaceAt, AnyOneReasonOnTheDay) {
  const Date order(2024, 1, 15);
  ChildDetails d = Kid(Sex::kMale, Date(2019, 1, 16), Date(2020, 1, 6));  // five tomorrow
  EXPECT_FALSE(HarderToPlaceAt(d, order));
  d.date_of_birth = Date(2019, 1, 15);
  EXPECT_TRUE(HarderToPlaceAt(d, order));
  EXPECT_FALSE(HarderToPlaceAt(d, Date(2024, 1, 14)));
  d.date_of_birth = Date(2022, 1, 1);
  struct Case {
    const char* ethnicity;
    bool harder;
  };
  for (const Case& c : {Case{"WHITE_BRITISH", false}, Case{"WHITE_OTHER", true}, Case{"WHITE_IRISH", true},
                        Case{"BLACK_AFRICAN", true}, Case{"MIXED_WHITE_AND_ASIAN", true}, Case{"", false},
                        Case{"NOT_STATED", false}, Case{"NOT_KNOWN", false}}) {
    d.ethnicity = c.ethnicity;
    EXPECT_EQ(HarderToPlaceAt(d, order), c.harder) << c.ethnicity;
  }
  d.ethnicity = "WHITE_BRITISH";
  d.sibling_group = "g1";
  EXPECT_TRUE(HarderToPlaceAt(d, order));
  d.sibling_group.clear();
  d.disability = true;
  EXPECT_TRUE(HarderToPlaceAt(d, order));
  d.disability = false;
  d.date_of_birth.reset();  // unborn when recorded, no date since: not evidence of age
  EXPECT_FALSE(HarderToPlaceAt(d, order));
}

TEST(Scorecard, ADifferentConfiguredThresholdChangesWhoMeetsIt) {
  // Tightened from 1 October 2023 (not the law: a table to show the numbers are read
  // on each child's order): amy and ben are judged on 426/121/426, the others on
  // 300/100/300.
  const platform::StatutoryTable table =
      platform::StatutoryTable::Parse(
          "key\teffective_from\tvalue\tsource\n"
          "scorecard_a1_threshold_days\t2015-04-01\t426\tscorecard\n"
          "scorecard_a1_threshold_days\t2023-10-01\t300\ttest\n"
          "scorecard_a2_threshold_days\t2015-04-01\t121\tscorecard\n"
          "scorecard_a2_threshold_days\t2023-10-01\t100\ttest\n"
          "scorecard_a3_window_days\t2015-04-01\t426\tscorecard\n"
          "scorecard_a3_window_days\t2023-10-01\t300\ttest\n")
          .value();
  Scorecard s = Measure(Everyone(), Fy(2023), kOneDecimal, 0, table);
  EXPECT_EQ(s.met_a1.count, 3);  // amy 426 ≤ 426, ben, cara 17 ≤ 300; not eli (314 > 300) or dan
  EXPECT_EQ(s.met_a1.percent, 60.0);
  EXPECT_EQ(s.met_a2.count, 2);  // amy 106 ≤ 121, ben 0; not eli (121 > 100)
  EXPECT_EQ(s.met_a2.percent, 40.0);
  EXPECT_EQ(s.a3.count, 2);  // ben 413 < 426, cara 17 < 300; not eli (314)
  EXPECT_EQ(s.a3.percent, 40.0);
  EXPECT_EQ(s.a1.mean, 324.2);  // the means do not depend on the thresholds
}

TEST(Scorecard, AThresholdNotInForceOnAnOrderIsNotFound) {
  const platform::StatutoryTable table =
      platform::StatutoryTable::Parse(
          "key\teffective_from\tvalue\tsource\n"
          "scorecard_a1_threshold_days\t2024-01-01\t426\ttest\n"
          "scorecard_a2_threshold_days\t2024-01-01\t121\ttest\n"
          "scorecard_a3_window_days\t2024-01-01\t426\ttest\n")
          .value();
  EXPECT_EQ(MeasureScorecard(Everyone(), Fy(2023), table, 0, kOneDecimal).status().code(),
            absl::StatusCode::kNotFound);  // amy's order, 2023-05-15
  EXPECT_TRUE(MeasureScorecard(Everyone(), {Date(2024, 1, 1), Date(2024, 3, 31)}, table, 0, kOneDecimal).ok());
}

TEST(Scorecard, RoundsHalfUpOrTruncatesAsAsked) {
  // Other care → order: 4054 / 4 = 1013.5.
  EXPECT_EQ(Measure(Everyone(), Fy(2023), {0, Rounding::kHalfUp}).other_care_to_order.mean, 1014.0);
  EXPECT_EQ(Measure(Everyone(), Fy(2023), {0, Rounding::kTruncate}).other_care_to_order.mean, 1013.0);
  // amy, ben and cara alone (orders to 2 October 2023): A2 (106 + 0 + 130) / 3 = 78.67;
  // met A2 2 of 3 = 66.67%.
  const platform::Period to_october{Date(2023, 4, 1), Date(2023, 10, 2)};
  Scorecard up = Measure(Everyone(), to_october, {1, Rounding::kHalfUp});
  Scorecard down = Measure(Everyone(), to_october, {1, Rounding::kTruncate});
  EXPECT_EQ(up.adopted, 3);
  EXPECT_EQ(up.a2.mean, 78.7);
  EXPECT_EQ(down.a2.mean, 78.6);
  EXPECT_EQ(up.met_a2.percent, 66.7);
  EXPECT_EQ(down.met_a2.percent, 66.6);
  EXPECT_EQ(Measure(Everyone(), to_october, {2, Rounding::kHalfUp}).met_a2.percent, 66.67);
}

TEST(Scorecard, AnEmptyCohortHasNoMeansOrPercentages) {
  Scorecard s = Measure(Everyone(), Fy(2020), kOneDecimal, 190);
  EXPECT_EQ(s.adopted, 0);
  EXPECT_EQ(s.a1.mean, std::nullopt);
  EXPECT_EQ(s.a2.mean, std::nullopt);
  EXPECT_EQ(s.met_a1.percent, std::nullopt);
  EXPECT_EQ(s.harder_to_place.percent, std::nullopt);
  EXPECT_EQ(s.care_leavers_adopted_percent, 0.0);  // 0 of 190 leavers is a figure
}

TEST(Scorecard, CareLeaversAdoptedIsTheAdoptedOverTheLeaversGiven) {
  // Rotherham 2017/18: 27 children adopted, 190 leaving care: 27 / 190 = 14.2105…%.
  std::vector<Child> children;
  for (int i = 0; i < 27; ++i) {
    children.push_back(Adopted("r" + std::to_string(i), Kid(Sex::kFemale, Date(2015, 2, 1), Date(2015, 6, 1)),
                               {.decision = Date(2015, 11, 2), .placement_order = Date(2016, 2, 1),
                                .match = Date(2016, 5, 2), .placed = Date(2016, 5, 16), .order = Date(2017, 9, 4)}));
  }
  EXPECT_EQ(Measure(children, Fy(2017), {2, Rounding::kHalfUp}, 190).care_leavers_adopted_percent, 14.21);
  EXPECT_EQ(Measure(children, Fy(2017), {1, Rounding::kHalfUp}, 190).care_leavers_adopted_percent, 14.2);
  // 5 of the cohort over 190: 2.6315…
  EXPECT_EQ(Measure(Everyone(), Fy(2023), {2, Rounding::kHalfUp}, 190).care_leavers_adopted_percent, 2.63);
  EXPECT_EQ(Measure(Everyone(), Fy(2023), {2, Rounding::kTruncate}, 190).care_leavers_adopted_percent, 2.63);
  EXPECT_EQ(Measure(Everyone(), Fy(2023), {1, Rounding::kTruncate}, 190).care_leavers_adopted_percent, 2.6);
  // Not given: no percentage.
  EXPECT_EQ(Measure(children, Fy(2017), kOneDecimal, 0).care_leavers_adopted_percent, std::nullopt);
}

TEST(Scorecard, ATwoCountsToTheMatchWithTheHouseholdTheChildWasPlacedWith) {
  // ned: matched with h-x and placed there, the placement ended, matched with h-y and
  // adopted there. A2 = 2022-08-01 − 2022-02-01 = 181 (not 28 to the first match);
  // A1 = 2022-08-15 − 2021-10-01 = 318 (the adoption placement, not the first).
  ChildDetails d = Kid(Sex::kMale, Date(2020, 5, 5), Date(2021, 10, 1));
  Child ned = Build("ned", d,
                    {M(K::kShouldBePlacedDecision, Date(2022, 1, 4)), M(K::kPlacementOrder, Date(2022, 2, 1)),
                     M(K::kMatched, Date(2022, 3, 1), "h-x"), M(K::kPlaced, Date(2022, 3, 15), "h-x"),
                     M(K::kDisruption, Date(2022, 5, 1)), M(K::kMatched, Date(2022, 8, 1), "h-y"),
                     M(K::kPlaced, Date(2022, 8, 15), "h-y"), M(K::kAdoptionApplication, Date(2022, 10, 24)),
                     M(K::kAdoptionOrder, Date(2023, 5, 2))});
  Scorecard s = Measure({ned}, Fy(2023));
  EXPECT_EQ(s.a2.total_days, 181);
  EXPECT_EQ(s.a1.total_days, 318);
  EXPECT_TRUE(s.incomplete.empty());
}

TEST(Scorecard, AChildMissingADateIsLeftOutOfThatMeasureOnlyAndListed) {
  // kit: placed with her parents' consent, so no placement order: A1 2022-07-15 −
  // 2022-03-01 = 136 counts, A2 cannot. lou: no entered-care date recorded: A2
  // 2022-05-02 − 2022-02-01 = 90 counts, A1 cannot. amy as in the cohort (A1 426, A2 106).
  ChildDetails kit = Kid(Sex::kFemale, Date(2022, 2, 20), Date(2022, 3, 1));
  kit.legal_status = LegalStatus::kConsent;
  ChildDetails lou = Kid(Sex::kMale, Date(2021, 6, 1), std::nullopt);
  std::vector<Child> children = {
      Cohort()[0],
      Adopted("kit", kit,
              {.decision = Date(2022, 5, 2), .match = Date(2022, 7, 1), .placed = Date(2022, 7, 15),
               .order = Date(2023, 6, 1)}),
      Adopted("lou", lou,
              {.decision = Date(2021, 12, 1), .placement_order = Date(2022, 2, 1), .match = Date(2022, 5, 2),
               .placed = Date(2022, 5, 16), .order = Date(2023, 7, 3)}),
  };
  Scorecard s = Measure(children, Fy(2023));
  EXPECT_EQ(s.adopted, 3);
  EXPECT_EQ(s.incomplete, (std::vector<std::string>{"kit", "lou"}));
  EXPECT_EQ(s.a1.children, 2);  // amy, kit
  EXPECT_EQ(s.a1.total_days, 426 + 136);
  EXPECT_EQ(s.met_a1.of, 2);
  EXPECT_EQ(s.a2.children, 2);  // amy, lou
  EXPECT_EQ(s.a2.total_days, 106 + 90);
  EXPECT_EQ(s.met_a2.of, 2);
  EXPECT_EQ(s.female + s.male, 3);
  EXPECT_EQ(s.harder_to_place.of, 3);
}

TEST(Scorecard, AnEarlyPermanenceChildWithoutAnEnteredCareDateIsStillEarlyPermanence) {
  // mia: placed with dual-approved carers 2022-01-20, no entered-care date recorded.
  // Only the measures counted from entering care need that date: she is adopted
  // through early permanence, and moved in (2022-01-20) within twelve months of the
  // decision (2022-03-01).
  ChildDetails mia = Kid(Sex::kFemale, Date(2022, 1, 10), std::nullopt);
  mia.early_permanence = true;
  std::vector<Child> children = {
      Adopted("mia", mia,
              {.decision = Date(2022, 3, 1), .placement_order = Date(2022, 5, 3), .match = Date(2022, 6, 1),
               .placed = Date(2022, 1, 20), .converted = Date(2022, 6, 8), .order = Date(2022, 11, 1)})};
  Scorecard s = Measure(children, Fy(2022));
  EXPECT_EQ(s.adopted, 1);
  EXPECT_EQ(s.incomplete, std::vector<std::string>{"mia"});
  EXPECT_EQ(s.a1.children, 0);
  EXPECT_EQ(s.early_permanence_care_to_order.children, 0);
  EXPECT_EQ(s.a2.total_days, 29);  // 2022-06-01 − 2022-05-03
  EXPECT_EQ(s.early_permanence, 1) << "the adoption placement was early permanence";
  EXPECT_EQ(s.placed_within_12_months_of_decision.of, 1) << "moving in and the decision are both known";
  EXPECT_EQ(s.placed_within_12_months_of_decision.count, 1);
}

TEST(Scorecard, ATenEqualsAOneUnlessFosterCarersAdopt) {
  Scorecard s = Measure(Everyone(), Fy(2023));
  EXPECT_EQ(s.a10.total_days, s.a1.total_days);
  EXPECT_EQ(s.a10.children, 5);
  EXPECT_EQ(s.a10.mean, 324.2);
}

TEST(Scorecard, ATenCountsAFosterCarerAdoptionFromMovingInWithTheCarers) {
  // fay moved in with her foster carers (h-f) on 2021-02-01, a month after entering
  // care on 2021-01-04; they were matched with her 2022-03-01 and the placement became
  // an adoption placement on 2022-03-08 (recorded as early permanence is: PLACED
  // first, ADOPTION_PLACEMENT after the order and the match).
  //   A1  = 2022-03-08 − 2021-01-04 = 428 (moving in with the adoptive family)
  //   A10 = 2021-02-01 − 2021-01-04 = 28 (moving in with those carers)
  // gil, an ordinary adoption: A1 = A10 = 2022-02-14 − 2021-06-01 = 258.
  // Means: A1 (428 + 258) / 2 = 343.0; A10 (28 + 258) / 2 = 143.0.
  Child fay = RegisterChild("fay", Kid(Sex::kFemale, Date(2020, 11, 1), Date(2021, 1, 4)), "sw-1", 1'000);
  Milestone with_carers = M(K::kPlaced, Date(2021, 2, 1), "h-f");
  with_carers.foster_carer_adoption = true;
  fay.journey = {with_carers,
                 M(K::kShouldBePlacedDecision, Date(2021, 9, 1)),
                 M(K::kPlacementOrder, Date(2021, 12, 1)),
                 M(K::kMatched, Date(2022, 3, 1), "h-f"),
                 M(K::kAdoptionPlacement, Date(2022, 3, 8)),
                 M(K::kAdoptionApplication, Date(2022, 3, 15)),
                 M(K::kAdoptionOrder, Date(2022, 6, 1))};
  Child gil = Adopted("gil", Kid(Sex::kMale, Date(2021, 3, 1), Date(2021, 6, 1)),
                      {.decision = Date(2021, 10, 1), .placement_order = Date(2021, 12, 1),
                       .match = Date(2022, 2, 1), .placed = Date(2022, 2, 14), .order = Date(2022, 9, 1)});
  Scorecard s = Measure({fay, gil}, Fy(2022));
  EXPECT_EQ(s.adopted, 2);
  EXPECT_EQ(s.a10.total_days, 28 + 258);
  EXPECT_EQ(s.a10.mean, 143.0);
  EXPECT_EQ(s.a1.total_days, 428 + 258) << "A1 counts a foster-carer adoption from the adoption placement";
  EXPECT_EQ(s.a1.mean, 343.0);
}

}  // namespace
}  // namespace familyfinding
