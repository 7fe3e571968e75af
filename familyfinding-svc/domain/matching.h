#pragma once
// The matching search (docs/domain.md §2 "Matching"): for a child or a sibling group,
// the approved households not yet matched, in tiers — the agency's own, then partner
// agencies', then other agencies' found nationally — each passed through the hard filters of its approval terms (unless the
// family finder set one aside for this child, with a reason) and ranked by weighted
// factors, every point with its reason. Social workers match; the search ranks and
// explains. Ethnicity is a weighted factor, never a filter (Children and Families Act
// 2014 s.3). Pure: the pool is given.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "familyfinding-svc/domain/candidate_pool.h"
#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/household_profile.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// The filters of the approval terms, each one the family finder may set aside.
enum class MatchingFilter { kNumberOfChildren, kAgeRange, kDisability, kEarlyPermanence, kSiblingGroup };

// The weights of the ranking's factors (config/statutory.tsv, the agency's policy):
// the most points each factor gives.
struct MatchingWeights {
  int heritage = 0;   // the household can parent the child's heritage (their ethnicities)
  int waiting = 0;    // how long the household has waited since approval (a year or more: all)
  int needs = 0;      // the household can meet the child's needs (disability; health and development)
  int location = 0;   // the household lives in the child's local authority (contact feasible)
  int cost = 0;       // no inter-agency fee (the agency's own household)
  static const std::vector<std::string>& Keys();
  static absl::StatusOr<MatchingWeights> On(const platform::StatutoryTable& table, platform::Date day);
};

// The child, or the sibling group placed together, the search is for.
struct ChildrenToPlace {
  int children = 1;
  int youngest_age_years = 0, oldest_age_years = 0;
  bool disability = false;         // any of them
  std::vector<std::string> health_needs;  // each child's health and developmental needs, as described
  bool early_permanence = false;   // to be placed with dual-approved carers
  std::vector<std::string> ethnicities;  // census codes of the children
  std::string local_authority;     // the children's
};

// One part of a candidate's score.
struct ScorePart {
  std::string factor;  // "heritage", "waiting", "needs", "location", "cost"
  int points = 0;
  std::string reason;
};

struct Candidate {
  const HouseholdProfile* household = nullptr;
  int tier = 0;  // 0: the agency's own; 1: a partner agency's; 2: another agency's (national)
  int score = 0;
  std::vector<ScorePart> parts;
  std::vector<std::string> filters_set_aside;  // the filters it would have failed
};

struct SearchResult {
  std::vector<Candidate> candidates;  // tier first, then score, then longest waiting
  int considered = 0;                 // approved, unmatched households looked at
  std::map<std::string, int> filtered_out;  // by the first filter each failed
};

// `child` with those of `siblings` (its sibling group) to be placed with it and still
// waiting, as the search and a link read them, their ages on `today`.
ChildrenToPlace ToPlace(const Child& child, const std::vector<Child>& siblings, platform::Date today);

// At most `limit` candidates from `pool` for `children` on `today`.
SearchResult SearchHouseholds(const ChildrenToPlace& children, const CandidatePool& pool,
                              const MatchingWeights& weights, const std::vector<MatchingFilter>& set_aside,
                              platform::Date today, int limit);
// The same over profiles packed for this one search.
SearchResult SearchHouseholds(const ChildrenToPlace& children, const std::vector<HouseholdProfile>& pool,
                              const MatchingWeights& weights, const std::vector<MatchingFilter>& set_aside,
                              platform::Date today, int limit);

// "number_of_children", "age_range", "disability", "early_permanence", "sibling_group".
std::string MatchingFilterName(MatchingFilter f);
std::optional<MatchingFilter> ParseMatchingFilter(const std::string& name);

}  // namespace familyfinding
