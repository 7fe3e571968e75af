#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "familyfinding-svc/domain/household_profile.h"
#include "familyfinding-svc/domain/matching.h"
#include "familyfinding-svc/domain/milestone.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"

namespace familyfinding {
namespace {

using platform::Date;
using F = MatchingFilter;
using P = PlacementProvider;
using Counts = std::map<std::string, int>;
using Ids = std::vector<std::string>;

const Date kToday(2025, 6, 1);
const char kChildLa[] = "E08000018";  // Rotherham: the children's local authority
const char kOtherLa[] = "E09000006";  // Bromley

// The agency's policy (config/statutory.tsv): heritage 30, waiting 25, needs 20,
// location 10, cost 15 — 100 points in all.
MatchingWeights Policy() { return MatchingWeights::On(platform::StatutoryTable::Defaults(), kToday).value(); }

platform::StatutoryTable Table(const std::string& rows) {
  return platform::StatutoryTable::Parse("key\teffective_from\tvalue\tsource\n" + rows).value();
}

// One White British (census code WBRI) child of three from Rotherham, no disability,
// not early permanence.
ChildrenToPlace OneChild() {
  ChildrenToPlace c;
  c.children = 1;
  c.youngest_age_years = c.oldest_age_years = 3;
  c.ethnicities = {"WBRI"};
  c.local_authority = kChildLa;
  return c;
}

// A sibling group of `n` aged `youngest`..`oldest`, placed together.
ChildrenToPlace Siblings(int n, int youngest, int oldest) {
  ChildrenToPlace c = OneChild();
  c.children = n;
  c.youngest_age_years = youngest;
  c.oldest_age_years = oldest;
  return c;
}

// Terms no child of these tests fails: one to three children of any age, siblings,
// disability, dual approval; White British or White Irish heritage.
MatchingTerms OpenTerms() {
  MatchingTerms t;
  t.min_children = 1;
  t.max_children = 3;
  t.min_age_years = 0;
  t.max_age_years = 17;
  t.sibling_groups = true;
  t.disability_acceptable = true;
  t.dual_approval = true;
  t.ethnicities = {"WBRI", "WIRI"};
  return t;
}

// An approved, unmatched household of the agency's own in the children's local
// authority, approved on open terms `days_waited` days before today.
HouseholdProfile Own(const std::string& id, int days_waited = 365) {
  HouseholdProfile h;
  h.id = id;
  h.facts.home_local_authority = kChildLa;
  h.facts.family_structure = "FAMILY_STRUCTURE_COUPLE";
  h.facts.enquiry_date = kToday - days_waited - 200;
  h.approved = true;
  h.provider = P::kInHouse;
  h.terms = OpenTerms();
  h.approval_date = kToday - days_waited;
  return h;
}

// The same, of a partner agency.
HouseholdProfile Partner(const std::string& id, int days_waited = 365, P provider = P::kVoluntaryAdoptionAgency,
                         const std::string& agency = "Adoption Focus") {
  HouseholdProfile h = Own(id, days_waited);
  h.provider = provider;
  h.agency = agency;
  return h;
}

HouseholdProfile WithTerms(HouseholdProfile h, const MatchingTerms& t) {
  h.terms = t;
  return h;
}

// A search's result with the pool it points into, kept alive as long as the result.
struct Found : SearchResult {
  std::shared_ptr<const std::vector<HouseholdProfile>> pool;
};

Found Find(const ChildrenToPlace& c, std::vector<HouseholdProfile> pool, const std::vector<F>& set_aside = {},
           int limit = 1000, const MatchingWeights& weights = Policy()) {
  Found found;
  found.pool = std::make_shared<const std::vector<HouseholdProfile>>(std::move(pool));
  static_cast<SearchResult&>(found) = SearchHouseholds(c, *found.pool, weights, set_aside, kToday, limit);
  return found;
}

Ids IdsOf(const SearchResult& r) {
  Ids ids;
  for (const Candidate& c : r.candidates) ids.push_back(c.household->id);
  return ids;
}

// The candidate for household `id`; nullptr (and a failure) when it is not one.
const Candidate* CandidateFor(const SearchResult& r, const std::string& id) {
  for (const Candidate& c : r.candidates) {
    if (c.household->id == id) return &c;
  }
  ADD_FAILURE() << id << " is not a candidate";
  return nullptr;
}

const ScorePart* PartOf(const Candidate* c, const std::string& factor) {
  if (c == nullptr) return nullptr;
  for (const ScorePart& p : c->parts) {
    if (p.factor == factor) return &p;
  }
  ADD_FAILURE() << c->household->id << " has no " << factor << " part";
  return nullptr;
}

// The points of `factor` for household `id`; -1 (and a failure) when there are none.
int PointsOf(const SearchResult& r, const std::string& id, const std::string& factor) {
  const ScorePart* p = PartOf(CandidateFor(r, id), factor);
  return p ? p->points : -1;
}

std::string ReasonOf(const SearchResult& r, const std::string& id, const std::string& factor) {
  const ScorePart* p = PartOf(CandidateFor(r, id), factor);
  return p ? p->reason : "";
}

int ScoreOf(const SearchResult& r, const std::string& id) {
  const Candidate* c = CandidateFor(r, id);
  return c ? c->score : -1;
}

// `a` is rightly ranked before `b`: tier, then the higher score, then the earlier
// approval (none known: last), then the id.
bool RankedBefore(const Candidate& a, const Candidate& b) {
  if (a.tier != b.tier) return a.tier < b.tier;
  if (a.score != b.score) return a.score > b.score;
  const Date da = a.household->approval_date.value_or(Date::max());
  const Date db = b.household->approval_date.value_or(Date::max());
  if (da != db) return da < db;
  return a.household->id < b.household->id;
}

// Every candidate's parts: the five factors in order (and "terms" when none are
// recorded), each with a reason, adding up to its score.
void ExpectExplained(const SearchResult& r) {
  const Ids factors = {"heritage", "waiting", "needs", "location", "cost"};
  for (const Candidate& c : r.candidates) {
    SCOPED_TRACE(c.household->id);
    Ids got;
    int sum = 0;
    for (const ScorePart& p : c.parts) {
      got.push_back(p.factor);
      sum += p.points;
      EXPECT_FALSE(p.reason.empty()) << p.factor;
      EXPECT_GE(p.points, 0) << p.factor;
    }
    Ids want = factors;
    if (!c.household->terms) want.push_back("terms");
    EXPECT_EQ(got, want);
    EXPECT_EQ(sum, c.score);
  }
}

// A household on `terms` is kept out of the search for `children` by `filter` alone;
// one on open terms beside it is not.
void ExpectKeptOutBy(const ChildrenToPlace& children, const MatchingTerms& terms, const std::string& filter) {
  const Found r = Find(children, {WithTerms(Own("h-out"), terms), Own("h-in")});
  EXPECT_EQ(r.considered, 2);
  EXPECT_EQ(IdsOf(r), Ids{"h-in"});
  EXPECT_EQ(r.filtered_out, (Counts{{filter, 1}}));
}

// ---------------------------------------------------------------------------------
// The pool

TEST(MatchingPool, HouseholdsNotApprovedOrAlreadyMatchedAreNotConsidered) {
  HouseholdProfile pending = Own("h-pending");
  pending.approved = false;
  pending.approval_date.reset();
  HouseholdProfile matched = Own("h-matched");
  matched.matched = true;
  HouseholdProfile partner_matched = Partner("p-matched");
  partner_matched.matched = true;
  HouseholdProfile partner_pending = Partner("p-pending");
  partner_pending.approved = false;
  const Found r =
      Find(OneChild(), {pending, Own("h-ready"), matched, partner_matched, Partner("p-ready"), partner_pending});
  EXPECT_EQ(r.considered, 2);
  EXPECT_EQ(IdsOf(r), (Ids{"h-ready", "p-ready"}));
  EXPECT_TRUE(r.filtered_out.empty());
}

TEST(MatchingPool, AnEmptyPoolGivesNoCandidates) {
  const Found r = Find(OneChild(), {});
  EXPECT_EQ(r.considered, 0);
  EXPECT_TRUE(r.candidates.empty());
  EXPECT_TRUE(r.filtered_out.empty());
}

// ---------------------------------------------------------------------------------
// The filters: the household's approval terms

TEST(MatchingFilters, MoreOrFewerChildrenThanTheTermsKeepTheHouseholdOut) {
  MatchingTerms up_to_two = OpenTerms();
  up_to_two.max_children = 2;
  ExpectKeptOutBy(Siblings(3, 2, 6), up_to_two, "number_of_children");
  MatchingTerms two_or_more = OpenTerms();
  two_or_more.min_children = 2;
  ExpectKeptOutBy(OneChild(), two_or_more, "number_of_children");
  // At the bounds the household is in.
  EXPECT_EQ(IdsOf(Find(Siblings(2, 2, 6), {WithTerms(Own("h"), up_to_two)})), Ids{"h"});
  EXPECT_EQ(IdsOf(Find(Siblings(2, 2, 6), {WithTerms(Own("h"), two_or_more)})), Ids{"h"});
}

TEST(MatchingFilters, ASiblingGroupNeedsAHouseholdApprovedForSiblings) {
  MatchingTerms no_siblings = OpenTerms();
  no_siblings.sibling_groups = false;  // up to three children, but not a sibling group
  ExpectKeptOutBy(Siblings(2, 2, 6), no_siblings, "sibling_group");
  EXPECT_EQ(IdsOf(Find(OneChild(), {WithTerms(Own("h"), no_siblings)})), Ids{"h"});  // one child: no group
}

TEST(MatchingFilters, AChildOutsideTheAgeRangeKeepsTheHouseholdOut) {
  MatchingTerms up_to_four = OpenTerms();
  up_to_four.max_age_years = 4;
  MatchingTerms two_and_over = OpenTerms();
  two_and_over.min_age_years = 2;
  ChildrenToPlace six = OneChild();
  six.youngest_age_years = six.oldest_age_years = 6;
  ChildrenToPlace one = OneChild();
  one.youngest_age_years = one.oldest_age_years = 1;
  ExpectKeptOutBy(six, up_to_four, "age_range");
  ExpectKeptOutBy(one, two_and_over, "age_range");
  // A group is judged by its youngest and its oldest: 2 and 6 do not fit 0–4 nor 3–17.
  ExpectKeptOutBy(Siblings(2, 2, 6), up_to_four, "age_range");
  MatchingTerms three_and_over = OpenTerms();
  three_and_over.min_age_years = 3;
  ExpectKeptOutBy(Siblings(2, 2, 6), three_and_over, "age_range");
  // At the bounds the household is in: a four-year-old for 0–4, a group of 2 and 4 for 2–4.
  ChildrenToPlace four = OneChild();
  four.youngest_age_years = four.oldest_age_years = 4;
  EXPECT_EQ(IdsOf(Find(four, {WithTerms(Own("h"), up_to_four)})), Ids{"h"});
  MatchingTerms two_to_four = OpenTerms();
  two_to_four.min_age_years = 2;
  two_to_four.max_age_years = 4;
  EXPECT_EQ(IdsOf(Find(Siblings(2, 2, 4), {WithTerms(Own("h"), two_to_four)})), Ids{"h"});
}

TEST(MatchingFilters, ADisabledChildNeedsAHouseholdApprovedForDisability) {
  MatchingTerms no_disability = OpenTerms();
  no_disability.disability_acceptable = false;
  ChildrenToPlace disabled = OneChild();
  disabled.disability = true;
  ExpectKeptOutBy(disabled, no_disability, "disability");
  EXPECT_EQ(IdsOf(Find(OneChild(), {WithTerms(Own("h"), no_disability)})), Ids{"h"});
}

TEST(MatchingFilters, EarlyPermanenceNeedsADualApprovedHousehold) {
  MatchingTerms adopters_only = OpenTerms();
  adopters_only.dual_approval = false;
  ChildrenToPlace ep = OneChild();
  ep.early_permanence = true;
  ExpectKeptOutBy(ep, adopters_only, "early_permanence");
  EXPECT_EQ(IdsOf(Find(OneChild(), {WithTerms(Own("h"), adopters_only)})), Ids{"h"});
}

TEST(MatchingFilters, EachHouseholdIsCountedUnderTheFirstFilterItFailsOnly) {
  // Two disabled siblings aged 5 and 7 for early permanence. The filters are checked
  // number of children, sibling group, age range, disability, early permanence.
  ChildrenToPlace group = Siblings(2, 5, 7);
  group.disability = true;
  group.early_permanence = true;
  MatchingTerms fails_all = OpenTerms();
  fails_all.max_children = 1;
  fails_all.sibling_groups = false;
  fails_all.max_age_years = 4;
  fails_all.disability_acceptable = false;
  fails_all.dual_approval = false;
  MatchingTerms from_siblings = fails_all;
  from_siblings.max_children = 3;
  MatchingTerms from_age = from_siblings;
  from_age.sibling_groups = true;
  MatchingTerms from_disability = from_age;
  from_disability.max_age_years = 17;
  MatchingTerms from_ep = from_disability;
  from_ep.disability_acceptable = true;
  const Found r = Find(group, {WithTerms(Own("h-1"), fails_all), WithTerms(Own("h-2"), from_siblings),
                                      WithTerms(Own("h-3"), from_age), WithTerms(Partner("p-4"), from_age),
                                      WithTerms(Own("h-5"), from_disability), WithTerms(Own("h-6"), from_ep),
                                      Own("h-7")});
  EXPECT_EQ(r.considered, 7);
  EXPECT_EQ(IdsOf(r), Ids{"h-7"});
  EXPECT_EQ(r.filtered_out, (Counts{{"number_of_children", 1},
                                    {"sibling_group", 1},
                                    {"age_range", 2},
                                    {"disability", 1},
                                    {"early_permanence", 1}}));
}

// ---------------------------------------------------------------------------------
// Filters set aside by the family finder for this child

TEST(MatchingSetAside, AFilterSetAsideLetsTheHouseholdThroughAndSaysSo) {
  ChildrenToPlace disabled = OneChild();
  disabled.disability = true;
  MatchingTerms no_disability = OpenTerms();
  no_disability.disability_acceptable = false;
  const std::vector<HouseholdProfile> pool = {WithTerms(Own("h-not-approved-for-it"), no_disability),
                                              Own("h-approved-for-it")};
  const Found kept = Find(disabled, pool);
  EXPECT_EQ(IdsOf(kept), Ids{"h-approved-for-it"});
  EXPECT_EQ(kept.filtered_out, (Counts{{"disability", 1}}));

  const Found r = Find(disabled, pool, {F::kDisability});
  EXPECT_EQ(r.considered, 2);
  EXPECT_TRUE(r.filtered_out.empty());
  EXPECT_EQ(IdsOf(r), (Ids{"h-approved-for-it", "h-not-approved-for-it"}));
  const Candidate* through = CandidateFor(r, "h-not-approved-for-it");
  ASSERT_NE(through, nullptr);
  EXPECT_EQ(through->filters_set_aside, Ids{"disability"});
  EXPECT_TRUE(CandidateFor(r, "h-approved-for-it")->filters_set_aside.empty());
  // Set aside, the filter gives no needs points: 30 + 25 + 0 + 10 + 15 = 80, against
  // 30 + 25 + 20 + 10 + 15 = 100 for the household approved for it.
  EXPECT_EQ(PointsOf(r, "h-not-approved-for-it", "needs"), 0);
  EXPECT_EQ(ReasonOf(r, "h-not-approved-for-it", "needs"), "not approved to parent a disabled child");
  EXPECT_EQ(ScoreOf(r, "h-not-approved-for-it"), 80);
  EXPECT_EQ(PointsOf(r, "h-approved-for-it", "needs"), 20);
  EXPECT_EQ(ScoreOf(r, "h-approved-for-it"), 100);
}

TEST(MatchingSetAside, OnlyTheFiltersFailedAreListedAndTheOthersStillApply) {
  // A disabled six-year-old; the household: 0–4, no disability.
  ChildrenToPlace child = OneChild();
  child.youngest_age_years = child.oldest_age_years = 6;
  child.disability = true;
  MatchingTerms terms = OpenTerms();
  terms.max_age_years = 4;
  terms.disability_acceptable = false;
  const std::vector<HouseholdProfile> pool = {WithTerms(Own("h"), terms)};

  const Found age_still_applies = Find(child, pool, {F::kDisability});
  EXPECT_TRUE(age_still_applies.candidates.empty());
  EXPECT_EQ(age_still_applies.filtered_out, (Counts{{"age_range", 1}}));

  const Found disability_still_applies = Find(child, pool, {F::kAgeRange});
  EXPECT_TRUE(disability_still_applies.candidates.empty());
  EXPECT_EQ(disability_still_applies.filtered_out, (Counts{{"disability", 1}}));

  // Everything set aside: only the two it fails are listed.
  const Found r =
      Find(child, pool, {F::kSiblingGroup, F::kEarlyPermanence, F::kDisability, F::kNumberOfChildren, F::kAgeRange});
  ASSERT_EQ(IdsOf(r), Ids{"h"});
  EXPECT_EQ(r.candidates[0].filters_set_aside, (Ids{"age_range", "disability"}));
  EXPECT_TRUE(r.filtered_out.empty());
  EXPECT_EQ(r.candidates[0].score, 80);  // 30 + 25 + 0 + 10 + 15
}

TEST(MatchingSetAside, ASetAsideFilterAHouseholdPassesIsNotListed) {
  ChildrenToPlace disabled = OneChild();
  disabled.disability = true;
  const Found r = Find(disabled, {Own("h")}, {F::kDisability, F::kAgeRange});
  ASSERT_EQ(IdsOf(r), Ids{"h"});
  EXPECT_TRUE(r.candidates[0].filters_set_aside.empty());
  EXPECT_EQ(PointsOf(r, "h", "needs"), 20);  // approved for it: the needs are met
}

// ---------------------------------------------------------------------------------
// Heritage: weighed, never a filter

TEST(MatchingHeritage, EthnicityIsNeverAFilterButWeighsInTheScore) {
  MatchingTerms african = OpenTerms();
  african.ethnicities = {"BAFR"};
  MatchingTerms not_recorded = OpenTerms();
  not_recorded.ethnicities.clear();
  const Found r = Find(OneChild(), {WithTerms(Own("h-african"), african),
                                           WithTerms(Own("h-not-recorded"), not_recorded), Own("h-white-british")});
  EXPECT_EQ(r.considered, 3);
  EXPECT_TRUE(r.filtered_out.empty());
  // 30 + 25 + 20 + 10 + 15 = 100; without the heritage 70 (tied: approved the same
  // day, so by id).
  EXPECT_EQ(IdsOf(r), (Ids{"h-white-british", "h-african", "h-not-recorded"}));
  EXPECT_EQ(PointsOf(r, "h-white-british", "heritage"), 30);
  EXPECT_EQ(ScoreOf(r, "h-white-british"), 100);
  EXPECT_EQ(PointsOf(r, "h-african", "heritage"), 0);
  EXPECT_EQ(ScoreOf(r, "h-african"), 70);
  EXPECT_EQ(PointsOf(r, "h-not-recorded", "heritage"), 0);
  EXPECT_EQ(ScoreOf(r, "h-not-recorded"), 70);
  const std::string why = ReasonOf(r, "h-african", "heritage");
  EXPECT_TRUE(absl::StrContains(why, "BAFR") && absl::StrContains(why, "WBRI")) << why;
  EXPECT_TRUE(absl::StrContains(ReasonOf(r, "h-not-recorded", "heritage"), "not recorded"));
}

TEST(MatchingHeritage, ASiblingGroupOfTwoHeritagesCoveredByOneGetsHalf) {
  ChildrenToPlace group = Siblings(2, 2, 5);
  group.ethnicities = {"WBRI", "BCRB"};
  MatchingTerms one = OpenTerms();
  one.ethnicities = {"WBRI"};
  MatchingTerms both = OpenTerms();
  both.ethnicities = {"BCRB", "WBRI", "WIRI"};
  MatchingTerms neither = OpenTerms();
  neither.ethnicities = {"PKAN"};
  const std::vector<HouseholdProfile> pool = {WithTerms(Own("h-one"), one), WithTerms(Own("h-both"), both),
                                              WithTerms(Own("h-neither"), neither)};
  const Found r = Find(group, pool);
  EXPECT_EQ(PointsOf(r, "h-one", "heritage"), 15);  // 30 × 1 / 2
  EXPECT_EQ(PointsOf(r, "h-both", "heritage"), 30);
  EXPECT_EQ(PointsOf(r, "h-neither", "heritage"), 0);
  EXPECT_EQ(IdsOf(r), (Ids{"h-both", "h-one", "h-neither"}));  // 100, 85, 70

  // Integer arithmetic truncates: 25 × 1 / 2 = 12 (not 12.5 nor 13).
  const MatchingWeights odd{.heritage = 25, .waiting = 25, .needs = 20, .location = 10, .cost = 15};
  EXPECT_EQ(PointsOf(Find(group, pool, {}, 10, odd), "h-one", "heritage"), 12);
  // Three heritages, two covered: 25 × 2 / 3 = 16 (16.67 truncated).
  ChildrenToPlace three = Siblings(3, 2, 5);
  three.ethnicities = {"WBRI", "BCRB", "WIRI"};
  EXPECT_EQ(PointsOf(Find(three, pool, {}, 10, odd), "h-both", "heritage"), 25);
  EXPECT_EQ(PointsOf(Find(three, pool, {}, 10, odd), "h-one", "heritage"), 8);  // 25 × 1 / 3 = 8.33
  MatchingTerms two_of_three = OpenTerms();
  two_of_three.ethnicities = {"WBRI", "WIRI"};
  EXPECT_EQ(PointsOf(Find(three, {WithTerms(Own("h-two"), two_of_three)}, {}, 10, odd), "h-two", "heritage"), 16);
}

// ---------------------------------------------------------------------------------
// Waiting, location, cost

TEST(MatchingWaiting, WaitingPointsGrowWithTheDaysSinceApprovalUpToAYear) {
  // 25 × min(days, 365) / 365, truncated.
  const std::vector<std::pair<int, int>> days_points = {
      {0, 0},     {1, 0},     {15, 1},    {73, 5},    {146, 10},  {182, 12},  {183, 12},
      {200, 13},  {292, 20},  {364, 24},  {365, 25},  {366, 25},  {1000, 25},
  };
  std::vector<HouseholdProfile> pool;
  for (const auto& [days, points] : days_points) pool.push_back(Own(absl::StrCat("h-", days), days));
  const Found r = Find(OneChild(), pool);
  ASSERT_EQ(r.candidates.size(), days_points.size());
  for (const auto& [days, points] : days_points) {
    const std::string id = absl::StrCat("h-", days);
    EXPECT_EQ(PointsOf(r, id, "waiting"), points) << id;
    EXPECT_EQ(ScoreOf(r, id), 75 + points) << id;  // 30 + 20 + 10 + 15 besides
  }
  EXPECT_EQ(ReasonOf(r, "h-200", "waiting"), "waited 200 days since approval on 2024-11-13");
  // Longest waiting first: the full 25 points reached on 2024-06-01, a year before.
  EXPECT_EQ(IdsOf(r), (Ids{"h-1000", "h-366", "h-365", "h-364", "h-292", "h-200", "h-183", "h-182", "h-146", "h-73",
                           "h-15", "h-1", "h-0"}));
}

TEST(MatchingWaiting, NoApprovalDateOrOneInTheFutureGivesNoWaitingPoints) {
  HouseholdProfile unknown = Own("h-unknown");
  unknown.approval_date.reset();
  HouseholdProfile future = Own("h-future");
  future.approval_date = kToday + 10;
  const Found r = Find(OneChild(), {unknown, future});
  EXPECT_EQ(PointsOf(r, "h-unknown", "waiting"), 0);
  EXPECT_EQ(ReasonOf(r, "h-unknown", "waiting"), "approval date not known");
  EXPECT_EQ(PointsOf(r, "h-future", "waiting"), 0);
  // Both 75; the one with an approval date first.
  EXPECT_EQ(IdsOf(r), (Ids{"h-future", "h-unknown"}));
}

TEST(MatchingLocation, LocationPointsOnlyInTheChildsLocalAuthority) {
  HouseholdProfile away = Own("h-away");
  away.facts.home_local_authority = kOtherLa;
  HouseholdProfile partner_away = Partner("p-away");
  partner_away.facts.home_local_authority = kOtherLa;
  const Found r = Find(OneChild(), {away, Own("h-here"), partner_away, Partner("p-here")});
  EXPECT_EQ(PointsOf(r, "h-here", "location"), 10);
  EXPECT_EQ(PointsOf(r, "h-away", "location"), 0);
  EXPECT_EQ(PointsOf(r, "p-here", "location"), 10);
  EXPECT_EQ(PointsOf(r, "p-away", "location"), 0);
  EXPECT_TRUE(absl::StrContains(ReasonOf(r, "h-away", "location"), kOtherLa));
  EXPECT_EQ(ReasonOf(r, "h-here", "location"), "lives in the children's local authority");
  EXPECT_EQ(IdsOf(r), (Ids{"h-here", "h-away", "p-here", "p-away"}));  // 100, 90 | 85, 75
}

TEST(MatchingCost, CostPointsOnlyForTheAgencysOwn) {
  const Found r = Find(OneChild(), {Partner("p-vaa"), Partner("p-raa", 365, P::kOtherLaOrRaa, ""), Own("h")});
  EXPECT_EQ(PointsOf(r, "h", "cost"), 15);
  EXPECT_EQ(PointsOf(r, "p-vaa", "cost"), 0);
  EXPECT_EQ(PointsOf(r, "p-raa", "cost"), 0);
  EXPECT_EQ(ScoreOf(r, "h"), 100);
  EXPECT_EQ(ScoreOf(r, "p-vaa"), 85);
  const std::string vaa = ReasonOf(r, "p-vaa", "cost");
  EXPECT_TRUE(absl::StrContains(vaa, "Adoption Focus") && absl::StrContains(vaa, "inter-agency fee")) << vaa;
  EXPECT_TRUE(absl::StrContains(ReasonOf(r, "p-raa", "cost"), "OTHER_LA_OR_RAA"));  // no agency name: the provider
  EXPECT_TRUE(absl::StrContains(ReasonOf(r, "h", "cost"), "no inter-agency fee"));
}

TEST(MatchingNeeds, NeedsPointsWhenTheHouseholdCanMeetTheChildsNeeds) {
  // No disability: every household meets the needs, whatever its terms say.
  MatchingTerms no_disability = OpenTerms();
  no_disability.disability_acceptable = false;
  const Found r = Find(OneChild(), {WithTerms(Own("h"), no_disability)});
  EXPECT_EQ(PointsOf(r, "h", "needs"), 20);
  EXPECT_EQ(ReasonOf(r, "h", "needs"), "no disability or health needs recorded");
  ChildrenToPlace disabled = OneChild();
  disabled.disability = true;
  const Found d = Find(disabled, {Own("h")});
  EXPECT_EQ(PointsOf(d, "h", "needs"), 20);
  EXPECT_EQ(ReasonOf(d, "h", "needs"), "approved to parent a disabled child");
}

TEST(MatchingNeeds, HealthNeedsAreAShareOfTheNeedsPointsQuotedFromBothSides) {
  ChildrenToPlace child = OneChild();
  child.health_needs = {"Foetal alcohol spectrum disorder; speech delay"};
  MatchingTerms can_meet = OpenTerms();
  can_meet.health_needs = "Foetal alcohol exposure, developmental delay";
  const Found r = Find(child, {WithTerms(Own("h-names-needs"), can_meet), Own("h-names-none")});
  EXPECT_EQ(PointsOf(r, "h-names-needs", "needs"), 20);
  EXPECT_EQ(ReasonOf(r, "h-names-needs", "needs"),
            "the children's health and developmental needs: Foetal alcohol spectrum disorder; speech delay; "
            "approved to meet: Foetal alcohol exposure, developmental delay");
  EXPECT_EQ(PointsOf(r, "h-names-none", "needs"), 0);
  EXPECT_TRUE(absl::StrContains(ReasonOf(r, "h-names-none", "needs"), "names no health needs they can meet"));
  // Never a filter: both are candidates.
  EXPECT_EQ(r.candidates.size(), 2u);

  // A disabled child with health needs: each is half of the points.
  child.disability = true;
  const Found both = Find(child, {WithTerms(Own("h-names-needs"), can_meet), Own("h-names-none")});
  EXPECT_EQ(PointsOf(both, "h-names-needs", "needs"), 20);
  EXPECT_EQ(PointsOf(both, "h-names-none", "needs"), 10);  // approved for a disability only
  const std::string half = ReasonOf(both, "h-names-none", "needs");
  EXPECT_TRUE(absl::StrContains(half, "approved to parent a disabled child") &&
              absl::StrContains(half, "names no health needs"))
      << half;
}

TEST(MatchingNeeds, EachChildsHealthNeedsComeFromTheirRecords) {
  Child a, b;
  a.id = "a";
  b.id = "b";
  a.details.sibling_group = b.details.sibling_group = "g";
  a.details.sibling_placement = b.details.sibling_placement = SiblingPlacement::kTogether;
  a.details.health_and_development_needs = "Asthma";
  const ChildrenToPlace p = ToPlace(a, {a, b}, kToday);
  EXPECT_EQ(p.children, 2);
  EXPECT_EQ(p.health_needs, std::vector<std::string>{"Asthma"});
}

TEST(MatchingTiers, AnotherAgencysHouseholdNotAPartnersIsFoundNationallyAfterThePartners) {
  std::vector<HouseholdProfile> profiles = {Partner("national", 700, P::kVoluntaryAdoptionAgency, "Far Away Adoption"),
                                            Partner("partner", 10), Own("own", 5)};
  const CandidatePool pool(profiles, [](const std::string& agency) { return agency == "Adoption Focus"; });
  const SearchResult r = SearchHouseholds(OneChild(), pool, Policy(), {}, kToday, 10);
  ASSERT_EQ(r.candidates.size(), 3u);
  EXPECT_EQ(r.candidates[0].household->id, "own");
  EXPECT_EQ(r.candidates[0].tier, 0);
  EXPECT_EQ(r.candidates[1].household->id, "partner");
  EXPECT_EQ(r.candidates[1].tier, 1);
  EXPECT_EQ(r.candidates[2].household->id, "national");  // waited longest, still last
  EXPECT_EQ(r.candidates[2].tier, 2);
}

TEST(MatchingHeritage, APoolWithMoreHeritagesThanThePackedBitsStillScoresEachExactly) {
  // 70 households, each approved for its own made-up code: past the 64 the packed pool
  // numbers, the search reads the household's own list.
  std::vector<HouseholdProfile> pool;
  for (int i = 0; i < 70; ++i) {
    MatchingTerms t = OpenTerms();
    t.ethnicities = {absl::StrCat("CODE_", i)};
    pool.push_back(WithTerms(Own(absl::StrCat("h", i)), t));
  }
  for (int i : {0, 63, 64, 69}) {
    ChildrenToPlace child = OneChild();
    child.ethnicities = {absl::StrCat("CODE_", i)};
    const Found r = Find(child, pool);
    ASSERT_FALSE(r.candidates.empty());
    EXPECT_EQ(r.candidates[0].household->id, absl::StrCat("h", i)) << i;
    EXPECT_EQ(PointsOf(r, absl::StrCat("h", i), "heritage"), 30) << i;
  }
  const CandidatePool packed(pool);
  EXPECT_EQ(packed.ethnicity_codes().size(), 64u);
  EXPECT_EQ(packed.packed().size(), 70u);
}

// ---------------------------------------------------------------------------------
// Ranking

TEST(MatchingTiers, TheAgencysOwnComeBeforePartnersEvenWithALowerScore) {
  // The own household: another LA, another heritage, approved today:
  // 0 + 0 + 20 + 0 + 15 = 35. The partners': 30 + 25 + 20 + 10 + 0 = 85.
  HouseholdProfile own = Own("h-low", 0);
  own.facts.home_local_authority = kOtherLa;
  MatchingTerms african = OpenTerms();
  african.ethnicities = {"BAFR"};
  own.terms = african;
  const Found r =
      Find(OneChild(), {Partner("p-vaa"), Partner("p-raa", 365, P::kOtherLaOrRaa, "Adopt South"), own, Own("h-top")});
  EXPECT_EQ(ScoreOf(r, "h-low"), 35);
  EXPECT_EQ(ScoreOf(r, "p-vaa"), 85);
  EXPECT_EQ(ScoreOf(r, "p-raa"), 85);
  EXPECT_EQ(IdsOf(r), (Ids{"h-top", "h-low", "p-raa", "p-vaa"}));  // partners tied: by id
  std::vector<int> tiers;
  for (const Candidate& c : r.candidates) tiers.push_back(c.tier);
  EXPECT_EQ(tiers, (std::vector<int>{0, 0, 1, 1}));
}

TEST(MatchingOrder, WithinATierHigherScoreFirstThenEarlierApprovalThenId) {
  // Over a year's wait all score 100; h-a's 100 days give 25 × 100 / 365 = 6: 81.
  // Partners: 30 + waiting + 20 + 10: p-x 25 × 200 / 365 = 13 → 73, p-y 20 → 80.
  const Found r = Find(OneChild(), {Own("h-a", 100), Own("h-e", 450), Partner("p-x", 200), Own("h-b", 400),
                                           Own("h-d", 450), Partner("p-y", 292), Own("h-c", 500)});
  EXPECT_EQ(ScoreOf(r, "h-a"), 81);
  EXPECT_EQ(ScoreOf(r, "h-b"), 100);
  EXPECT_EQ(ScoreOf(r, "p-x"), 73);
  EXPECT_EQ(ScoreOf(r, "p-y"), 80);
  // h-c approved earliest, h-d and h-e the same day (by id), then h-b, then the lower h-a.
  EXPECT_EQ(IdsOf(r), (Ids{"h-c", "h-d", "h-e", "h-b", "h-a", "p-y", "p-x"}));
}

TEST(MatchingLimit, LimitCutsTheListWhileConsideredCountsEveryone) {
  MatchingTerms too_young = OpenTerms();
  too_young.max_age_years = 1;
  HouseholdProfile pending = Own("h-pending");
  pending.approved = false;
  const std::vector<HouseholdProfile> pool = {Own("h-1", 10),  Own("h-2", 400), Own("h-3", 100),
                                              WithTerms(Own("h-out"), too_young), pending,
                                              Own("h-4", 200), Partner("p-5", 500)};
  const Ids all = {"h-2", "h-4", "h-3", "h-1", "p-5"};
  const Found two = Find(OneChild(), pool, {}, 2);
  EXPECT_EQ(IdsOf(two), (Ids{"h-2", "h-4"}));
  EXPECT_EQ(two.considered, 6);
  EXPECT_EQ(two.filtered_out, (Counts{{"age_range", 1}}));

  const Found none = Find(OneChild(), pool, {}, 0);
  EXPECT_TRUE(none.candidates.empty());
  EXPECT_EQ(none.considered, 6);
  EXPECT_EQ(none.filtered_out, (Counts{{"age_range", 1}}));

  EXPECT_EQ(IdsOf(Find(OneChild(), pool, {}, 5)), all);
  const Found more = Find(OneChild(), pool, {}, 50);
  EXPECT_EQ(IdsOf(more), all);
  EXPECT_EQ(more.considered, 6);
  // The cut list is the head of the whole one, explained alike.
  ASSERT_EQ(two.candidates.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(two.candidates[i].score, more.candidates[i].score);
    EXPECT_EQ(two.candidates[i].parts.size(), more.candidates[i].parts.size());
  }
}

// ---------------------------------------------------------------------------------
// A partner's household imported without its terms

TEST(MatchingUnknownTerms, APartnersHouseholdWithNoTermsPassesTheFiltersAndSaysSo) {
  // Three disabled siblings aged 2 to 9 for early permanence: every filter would apply.
  ChildrenToPlace group = Siblings(3, 2, 9);
  group.disability = true;
  group.early_permanence = true;
  HouseholdProfile unknown = Partner("p-unknown", 365, P::kVoluntaryAdoptionAgency, "Adoption Matters");
  unknown.terms.reset();
  unknown.source_id = "AM-0042";
  const Found r = Find(group, {unknown});
  EXPECT_EQ(r.considered, 1);
  EXPECT_TRUE(r.filtered_out.empty());
  ASSERT_EQ(IdsOf(r), Ids{"p-unknown"});
  const Candidate& c = r.candidates[0];
  EXPECT_EQ(c.tier, 1);
  EXPECT_TRUE(c.filters_set_aside.empty());
  ASSERT_FALSE(c.parts.empty());
  EXPECT_EQ(c.parts.back().factor, "terms");
  EXPECT_EQ(c.parts.back().points, 0);
  EXPECT_TRUE(absl::StrContains(c.parts.back().reason, "not recorded")) << c.parts.back().reason;
  // No heritage or needs it was approved for can be shown: 0 + 25 + 0 + 10 + 0 = 35.
  EXPECT_EQ(PointsOf(r, "p-unknown", "heritage"), 0);
  EXPECT_EQ(PointsOf(r, "p-unknown", "needs"), 0);
  EXPECT_EQ(c.score, 35);
  ExpectExplained(r);
}

// ---------------------------------------------------------------------------------
// Explanation

TEST(MatchingExplanation, EveryCandidatesPartsAddUpToItsScoreEachWithAReason) {
  ChildrenToPlace group = Siblings(2, 1, 4);
  group.disability = true;
  group.ethnicities = {"WBRI", "MWBC"};
  MatchingTerms no_disability = OpenTerms();
  no_disability.disability_acceptable = false;
  MatchingTerms mixed = OpenTerms();
  mixed.ethnicities = {"MWBC", "WBRI"};
  HouseholdProfile away = Partner("p-away", 40, P::kOtherLaOrRaa, "");
  away.facts.home_local_authority = kOtherLa;
  HouseholdProfile unknown = Partner("p-unknown", 700);
  unknown.terms.reset();
  HouseholdProfile no_date = Own("h-no-date");
  no_date.approval_date.reset();
  const std::vector<HouseholdProfile> pool = {Own("h-open", 30), WithTerms(Own("h-mixed", 800), mixed),
                                              WithTerms(Own("h-no-disability", 120), no_disability),
                                              away, unknown, no_date};
  for (const MatchingWeights& w :
       {Policy(), MatchingWeights{.heritage = 7, .waiting = 11, .needs = 13, .location = 3, .cost = 5}}) {
    const Found r = Find(group, pool, {F::kDisability}, 100, w);
    ASSERT_EQ(r.candidates.size(), pool.size());
    ExpectExplained(r);
  }
  // Under the policy, by hand: h-mixed 30 + 25 + 20 + 10 + 15 = 100; h-open 15 + 2
  // (25 × 30 / 365) + 20 + 10 + 15 = 62; h-no-disability 15 + 8 (25 × 120 / 365) + 0 +
  // 10 + 15 = 48; h-no-date 15 + 0 + 20 + 10 + 15 = 60; p-away 15 + 2 + 20 + 0 + 0 = 37;
  // p-unknown 0 + 25 + 0 + 10 + 0 = 35.
  const Found r = Find(group, pool, {F::kDisability});
  EXPECT_EQ(IdsOf(r), (Ids{"h-mixed", "h-open", "h-no-date", "h-no-disability", "p-away", "p-unknown"}));
  std::vector<int> scores;
  for (const Candidate& c : r.candidates) scores.push_back(c.score);
  EXPECT_EQ(scores, (std::vector<int>{100, 62, 60, 48, 37, 35}));
}

TEST(MatchingExplanation, AFactorWeighedAtNothingStillGivesATrueReason) {
  // The policy may weigh a factor at 0 (a dated row of the table). The reason then
  // still says what is true of the household: h-here lives in the child's LA and is
  // approved to parent a disabled child, with no points for either.
  ChildrenToPlace disabled = OneChild();
  disabled.disability = true;
  const MatchingWeights no_location_or_needs{.heritage = 30, .waiting = 25, .needs = 0, .location = 0, .cost = 15};
  const Found r = Find(disabled, {Own("h-here")}, {}, 10, no_location_or_needs);
  EXPECT_EQ(PointsOf(r, "h-here", "location"), 0);
  EXPECT_EQ(PointsOf(r, "h-here", "needs"), 0);
  EXPECT_EQ(ScoreOf(r, "h-here"), 70);
  EXPECT_EQ(ReasonOf(r, "h-here", "location"), "lives in the children's local authority");
  EXPECT_EQ(ReasonOf(r, "h-here", "needs"), "approved to parent a disabled child");
}

// ---------------------------------------------------------------------------------
// The weights, from the statutory table

TEST(MatchingWeightsTable, ThePolicyWeightsAreTheConfiguredOnes) {
  const MatchingWeights w = Policy();
  EXPECT_EQ(w.heritage, 30);
  EXPECT_EQ(w.waiting, 25);
  EXPECT_EQ(w.needs, 20);
  EXPECT_EQ(w.location, 10);
  EXPECT_EQ(w.cost, 15);
  for (const std::string& key : MatchingWeights::Keys()) {
    EXPECT_TRUE(platform::StatutoryTable::Defaults().Has(key)) << key;
  }
  EXPECT_EQ(MatchingWeights::Keys().size(), 5u);
  // In force from 13 May 2014 (the Children and Families Act's s.3).
  EXPECT_EQ(MatchingWeights::On(platform::StatutoryTable::Defaults(), Date(2014, 5, 12)).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(MatchingWeights::On(platform::StatutoryTable::Defaults(), Date(2014, 5, 13)).ok());
}

TEST(MatchingWeightsTable, AHandMadeTableIsReadOnTheDay) {
  const platform::StatutoryTable table = Table(
      "matching_weight_heritage\t2020-01-01\t40\tpolicy\n"
      "matching_weight_waiting\t2020-01-01\t5\tpolicy\n"
      "matching_weight_needs\t2020-01-01\t30\tpolicy\n"
      "matching_weight_location\t2020-01-01\t10\tpolicy\n"
      "matching_weight_location\t2025-01-01\t40\tpolicy: local placements first\n"
      "matching_weight_cost\t2020-01-01\t1\tpolicy\n");
  const MatchingWeights before = MatchingWeights::On(table, Date(2024, 12, 31)).value();
  EXPECT_EQ(before.location, 10);
  const MatchingWeights w = MatchingWeights::On(table, kToday).value();
  EXPECT_EQ(w.heritage, 40);
  EXPECT_EQ(w.waiting, 5);
  EXPECT_EQ(w.needs, 30);
  EXPECT_EQ(w.location, 40);
  EXPECT_EQ(w.cost, 1);
  EXPECT_EQ(MatchingWeights::On(table, Date(2019, 12, 31)).status().code(), absl::StatusCode::kNotFound);
}

TEST(MatchingWeightsTable, AMissingKeyIsNotFound) {
  for (const std::string& missing : MatchingWeights::Keys()) {
    std::string rows;
    for (const std::string& key : MatchingWeights::Keys()) {
      if (key != missing) rows += key + "\t2014-05-13\t10\tpolicy\n";
    }
    const absl::StatusOr<MatchingWeights> w = MatchingWeights::On(Table(rows), kToday);
    EXPECT_EQ(w.status().code(), absl::StatusCode::kNotFound) << missing;
    EXPECT_TRUE(absl::StrContains(w.status().message(), missing)) << w.status();
  }
}

TEST(MatchingWeightsTable, ADifferentConfiguredWeightChangesTheRanking) {
  // h-near: the child's LA, approved today; h-long: another LA, approved a year ago.
  // Policy: h-near 30 + 0 + 20 + 10 + 15 = 75, h-long 30 + 25 + 20 + 0 + 15 = 90.
  // Waiting 5, location 40: h-near 30 + 0 + 20 + 40 + 15 = 105, h-long 30 + 5 + 20 + 0
  // + 15 = 70.
  HouseholdProfile long_wait = Own("h-long", 365);
  long_wait.facts.home_local_authority = kOtherLa;
  const std::vector<HouseholdProfile> pool = {Own("h-near", 0), long_wait};
  const Found policy = Find(OneChild(), pool);
  EXPECT_EQ(IdsOf(policy), (Ids{"h-long", "h-near"}));
  EXPECT_EQ(ScoreOf(policy, "h-long"), 90);
  EXPECT_EQ(ScoreOf(policy, "h-near"), 75);

  const platform::StatutoryTable local = Table(
      "matching_weight_heritage\t2014-05-13\t30\tpolicy\n"
      "matching_weight_waiting\t2014-05-13\t5\tpolicy\n"
      "matching_weight_needs\t2014-05-13\t20\tpolicy\n"
      "matching_weight_location\t2014-05-13\t40\tpolicy\n"
      "matching_weight_cost\t2014-05-13\t15\tpolicy\n");
  const Found r = Find(OneChild(), pool, {}, 10, MatchingWeights::On(local, kToday).value());
  EXPECT_EQ(IdsOf(r), (Ids{"h-near", "h-long"}));
  EXPECT_EQ(ScoreOf(r, "h-near"), 105);
  EXPECT_EQ(ScoreOf(r, "h-long"), 70);
}

// ---------------------------------------------------------------------------------
// Filter names

TEST(MatchingFilterNames, EachFilterHasAStableNameThatParsesBack) {
  const std::vector<std::pair<F, std::string>> names = {{F::kNumberOfChildren, "number_of_children"},
                                                        {F::kAgeRange, "age_range"},
                                                        {F::kDisability, "disability"},
                                                        {F::kEarlyPermanence, "early_permanence"},
                                                        {F::kSiblingGroup, "sibling_group"}};
  for (const auto& [filter, name] : names) {
    EXPECT_EQ(MatchingFilterName(filter), name);
    EXPECT_EQ(ParseMatchingFilter(name), filter) << name;
  }
  EXPECT_FALSE(ParseMatchingFilter("ethnicity").has_value());  // never a filter
  EXPECT_FALSE(ParseMatchingFilter("").has_value());
  EXPECT_FALSE(ParseMatchingFilter("location").has_value());
}

// ---------------------------------------------------------------------------------
// A large pool

TEST(MatchingScale, FiftyThousandHouseholdsRankTheBestOwnFirstAndInOrder) {
  // Generated: a third each own, other LA/RAA, voluntary agency; 1 in 13 not approved,
  // 1 in 17 matched; waits of 0–699 days; a quarter in the child's LA; five heritages;
  // 1 in 7 approved for under-threes only (the child is three); 1 in 29 partners
  // without terms. Some own households score the full 100, but h-best, also 100, was
  // approved in 2017, before any of them: it comes first.
  constexpr int kPool = 50'000;
  const std::string heritages[] = {"WBRI", "BAFR", "MWBC", "PKAN", "WIRI"};
  std::vector<HouseholdProfile> pool;
  pool.reserve(kPool + 1);
  int considered = 0, too_young = 0;
  for (int i = 0; i < kPool; ++i) {
    if (i == kPool / 2) {
      pool.push_back(Own("h-best", 3000));  // approved 2017-03-15
      ++considered;
    }
    const P provider = i % 3 == 0 ? P::kInHouse : i % 3 == 1 ? P::kOtherLaOrRaa : P::kVoluntaryAdoptionAgency;
    const std::string id = absl::StrCat("g-", absl::Dec(i, absl::kZeroPad5));
    HouseholdProfile h = provider == P::kInHouse
                             ? Own(id, i % 700)
                             : Partner(id, i % 700, provider, i % 2 ? "Adoption Focus" : "");
    h.approved = i % 13 != 0;
    h.matched = i % 17 == 0;
    if (i % 4 != 0) h.facts.home_local_authority = kOtherLa;
    h.terms->ethnicities = {heritages[i % 5]};
    const bool under_threes = i % 7 == 0;
    if (under_threes) h.terms->max_age_years = 2;
    const bool no_terms = provider != P::kInHouse && i % 29 == 0;
    if (no_terms) h.terms.reset();
    if (h.approved && !h.matched) {
      ++considered;
      if (under_threes && !no_terms) ++too_young;
    }
    pool.push_back(std::move(h));
  }
  const Found r = Find(OneChild(), pool, {}, kPool + 1);
  EXPECT_EQ(r.considered, considered);
  EXPECT_EQ(r.filtered_out, (Counts{{"age_range", too_young}}));
  ASSERT_EQ(static_cast<int>(r.candidates.size()), considered - too_young);
  EXPECT_EQ(r.candidates.front().household->id, "h-best");
  EXPECT_EQ(r.candidates.front().score, 100);
  EXPECT_EQ(r.candidates[1].score, 100);  // an own household in the LA, WBRI, a year's wait
  for (size_t i = 1; i < r.candidates.size(); ++i) {
    if (!RankedBefore(r.candidates[i - 1], r.candidates[i])) {
      ADD_FAILURE() << "out of order at " << i << ": " << r.candidates[i - 1].household->id << " before "
                    << r.candidates[i].household->id;
      break;
    }
  }
  for (const Candidate& c : r.candidates) {
    if (!c.household->approved || c.household->matched) {
      ADD_FAILURE() << c.household->id << " is not approved or already matched";
      break;
    }
  }
  // A short list is the head of the whole one.
  const Found top = Find(OneChild(), pool, {}, 20);
  ASSERT_EQ(top.candidates.size(), 20u);
  for (size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(top.candidates[i].household->id, r.candidates[i].household->id) << i;
  }
  EXPECT_EQ(top.considered, considered);
}

}  // namespace
}  // namespace familyfinding
