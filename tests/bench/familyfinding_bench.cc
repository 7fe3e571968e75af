// familyfinding's in-process figures (scripts/bench, release build; not in CI), each
// beside a baseline measured in the same run on the same machine:
//   a bare linear scan of 50,000 compact candidates keeping the top 20
//       -> SearchHouseholds, top 20 over 50,000 household profiles (target p99 <= 5 ms)
//   a bare pass over 100,000 children's milestones counting orders in a year
//       -> MeasureScorecard and ChildrenOn over the same 100,000 children (target <= 0.5 s)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "familyfinding-svc/domain/child_figures.h"
#include "familyfinding-svc/domain/journey.h"
#include "familyfinding-svc/domain/matching.h"
#include "familyfinding-svc/domain/scorecard.h"
#include "platform/core/statutory.h"
#include "tests/bench/household_profiles.h"

namespace {

using namespace familyfinding;
using Clock = std::chrono::steady_clock;
using platform::Date;

const Date kToday(2025, 6, 1);
using bench::kAuthorities;
using bench::kEthnicities;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Timing {
  double p50 = 0, p99 = 0;
};
template <typename F>
Timing Time(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f(i);
    ms.push_back(Ms(Clock::now() - start));
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

// The baseline: what any search must at least do — read each candidate once, score
// it, and keep the best 20.
struct Compact {
  int min_age, max_age, days, id;
  bool ok;
};
int BareScan(const std::vector<Compact>& pool, int age) {
  std::vector<std::pair<int, int>> scored;
  scored.reserve(pool.size());
  for (const Compact& c : pool) {
    if (!c.ok || age < c.min_age || age > c.max_age) continue;
    scored.emplace_back(-std::min(c.days, 365), c.id);
  }
  const size_t top = std::min<size_t>(20, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(top), scored.end());
  return top > 0 ? scored[0].second : -1;
}

// 100,000 children with whole journeys, adopted over five years.
std::vector<Child> Children(int n, std::mt19937& rng) {
  const MilestoneRules rules = MilestoneRules::On(platform::StatutoryTable::Defaults(), kToday).value();
  const platform::Revision by{.actor = "bench", .at = 1, .today = kToday};
  std::vector<Child> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    ChildDetails d;
    d.local_authority = kAuthorities[rng() % 5];
    const Date entered = Date(2019, 1, 1) + static_cast<int>(rng() % 1500);
    d.date_of_birth = entered - static_cast<int>(rng() % 2000);
    d.entered_care_date = entered;
    d.sex = rng() % 2 ? Sex::kFemale : Sex::kMale;
    d.ethnicity = kEthnicities[rng() % 8];
    Child c = RegisterChild(std::to_string(i), d, "bench", 1);
    Date day = entered + 60 + static_cast<int>(rng() % 120);
    auto record = [&](MilestoneKind kind, int after, const std::string& household = "") {
      day = day + after;
      if (day > kToday) return false;
      Milestone m{.kind = kind, .date = day, .household_id = household};
      return RecordMilestone(c, m, rules, by).ok();
    };
    const std::string household = std::to_string(rng() % 50000);
    (void)(record(MilestoneKind::kShouldBePlacedDecision, 0) &&
           record(MilestoneKind::kPlacementOrder, static_cast<int>(rng() % 120)) &&
           (rng() % 6 != 0 || !record(MilestoneKind::kPlanChanged, 30)) &&
           record(MilestoneKind::kLinked, static_cast<int>(rng() % 200), household) &&
           record(MilestoneKind::kMatched, 20 + static_cast<int>(rng() % 60), household) &&
           record(MilestoneKind::kPlaced, 7 + static_cast<int>(rng() % 30), household) &&
           record(MilestoneKind::kAdoptionOrder, 100 + static_cast<int>(rng() % 200)));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

int main() {
  std::mt19937 rng(20261201);
  std::printf("matching search, 50,000 household profiles, top 20\n");
  const std::vector<HouseholdProfile> pool = bench::HouseholdProfiles(50000, rng, kToday);
  std::vector<Compact> compact;
  for (const auto& h : pool) {
    compact.push_back({h.terms->min_age_years, h.terms->max_age_years,
                       static_cast<int>(kToday - *h.approval_date), static_cast<int>(compact.size()),
                       h.approved && !h.matched});
  }
  int sink = 0;
  const Timing bare = Time(300, [&](int i) { sink += BareScan(compact, i % 6); });
  const MatchingWeights weights = MatchingWeights::On(platform::StatutoryTable::Defaults(), kToday).value();
  // Packed once, as the service does when the profiles' version moves.
  const auto packing = Clock::now();
  const CandidatePool packed(pool);
  std::printf("  (the pool packed in %.1f ms)\n", Ms(Clock::now() - packing));
  const Timing search = Time(300, [&](int i) {
    ChildrenToPlace c;
    c.youngest_age_years = c.oldest_age_years = i % 6;
    c.disability = i % 7 == 0;
    c.ethnicities = {kEthnicities[i % 8]};
    c.local_authority = kAuthorities[i % 5];
    sink += static_cast<int>(SearchHouseholds(c, packed, weights, {}, kToday, 20).candidates.size());
  });
  std::printf("  bare scan (baseline)        p50 %7.3f ms  p99 %7.3f ms\n", bare.p50, bare.p99);
  std::printf("  SearchHouseholds            p50 %7.3f ms  p99 %7.3f ms  ratio p99 %.1fx baseline (target p99 <= 5 ms%s)\n",
              search.p50, search.p99, search.p99 / bare.p99, search.p99 <= 5 ? "" : ", MISSED");

  std::printf("children's figures, 100,000 children\n");
  const auto built = Clock::now();
  const std::vector<Child> children = Children(100000, rng);
  std::printf("  (journeys recorded through the rules in %.0f ms)\n", Ms(Clock::now() - built));
  const platform::Period fy{Date(2023, 4, 1), Date(2024, 3, 31)};
  const Timing pass = Time(5, [&](int) {
    int orders = 0;
    for (const Child& c : children) {
      for (const Milestone& m : c.journey) orders += m.kind == MilestoneKind::kAdoptionOrder && fy.Contains(m.date);
    }
    sink += orders;
  });
  const Timing scorecard = Time(5, [&](int) {
    sink += MeasureScorecard(children, fy, platform::StatutoryTable::Defaults(), 0, {}).value().adopted;
  });
  const Timing on_day = Time(5, [&](int) { sink += ChildrenOn(children, fy.last, {}).waiting; });
  std::printf("  bare pass (baseline)        p50 %7.1f ms\n", pass.p50);
  std::printf("  MeasureScorecard            p50 %7.1f ms  ratio %.1fx baseline (target <= 500 ms%s)\n", scorecard.p50,
              scorecard.p50 / pass.p50, scorecard.p50 <= 500 ? "" : ", MISSED");
  std::printf("  ChildrenOn                  p50 %7.1f ms  ratio %.1fx baseline\n", on_day.p50, on_day.p50 / pass.p50);
  std::printf("(checksum %d)\n", sink);
  return 0;
}
