#include "familyfinding-svc/domain/matching.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <iterator>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"

namespace familyfinding {
namespace {

constexpr int kWaitingFullDays = 365;  // a year's wait earns every waiting point

template <typename T>
bool Contains(const std::vector<T>& list, const T& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

int WaitingDays(const HouseholdProfile& h, platform::Date today) {
  return h.approval_date ? static_cast<int>(std::max<long long>(0, today - *h.approval_date)) : 0;
}

// The children's needs the approval speaks to, each an equal share of the points: a
// disability (approved to parent a disabled child, not set aside), and health and
// developmental needs — free text on both sides, so an approval that names needs it
// can meet earns the share and the reason quotes both for the family finder to judge.
bool DisabilityMet(const HouseholdProfile& h, const std::vector<MatchingFilter>& overridden) {
  return h.terms && h.terms->disability_acceptable && !Contains(overridden, MatchingFilter::kDisability);
}
bool HealthNeedsMet(const HouseholdProfile& h) { return h.terms && !h.terms->health_needs.empty(); }

// The score's parts as numbers; Explain() words the same for the few shown.
struct Points {
  int heritage = 0, waiting = 0, needs = 0, location = 0, cost = 0;
  int total() const { return heritage + waiting + needs + location + cost; }
};

std::vector<ScorePart> Explain(const HouseholdProfile& h, const ChildrenToPlace& c, const Points& p,
                               platform::Date today, const std::vector<MatchingFilter>& overridden) {
  std::vector<ScorePart> parts;
  std::string heritage;
  if (c.ethnicities.empty()) {
    heritage = "the children's ethnicity is not recorded";
  } else if (!h.terms || h.terms->ethnicities.empty()) {
    heritage = "the heritage they can parent is not recorded in their approval";
  } else {
    heritage = absl::StrCat("approved to parent ", absl::StrJoin(h.terms->ethnicities, ", "), "; the children: ",
                            absl::StrJoin(c.ethnicities, ", "));
  }
  parts.push_back({"heritage", p.heritage, heritage});
  parts.push_back({"waiting", p.waiting,
                   h.approval_date ? absl::StrCat("waited ", WaitingDays(h, today), " days since approval on ",
                                                  platform::FormatDate(*h.approval_date))
                                   : "approval date not known"});
  // The words follow the facts, not the points: a factor weighted at nothing still
  // says what is true.
  std::vector<std::string> needs;
  if (c.disability) {
    if (!h.terms) {
      needs.push_back("not known whether they can parent a disabled child");
    } else if (DisabilityMet(h, overridden)) {
      needs.push_back("approved to parent a disabled child");
    } else {
      needs.push_back("not approved to parent a disabled child");
    }
  }
  if (!c.health_needs.empty()) {
    const std::string children = absl::StrCat("the children's health and developmental needs: ",
                                              absl::StrJoin(c.health_needs, "; "));
    if (!h.terms) {
      needs.push_back(absl::StrCat(children, "; the needs they can meet are not known"));
    } else if (HealthNeedsMet(h)) {
      needs.push_back(absl::StrCat(children, "; approved to meet: ", h.terms->health_needs));
    } else {
      needs.push_back(absl::StrCat(children, "; their approval names no health needs they can meet"));
    }
  }
  parts.push_back({"needs", p.needs, needs.empty() ? "no disability or health needs recorded" : absl::StrJoin(needs, "; ")});
  parts.push_back({"location", p.location,
                   h.facts.home_local_authority == c.local_authority
                       ? "lives in the children's local authority"
                       : absl::StrCat("lives in ", h.facts.home_local_authority, ", another local authority")});
  parts.push_back({"cost", p.cost,
                   h.provider == PlacementProvider::kInHouse
                       ? "the agency's own household: no inter-agency fee"
                       : absl::StrCat("a partner's household (", h.agency.empty() ? ProviderName(h.provider) : h.agency,
                                      "): an inter-agency fee is payable")});
  if (!h.terms) parts.push_back({"terms", 0, "approval terms not recorded: check them with the household's agency"});
  return parts;
}

}  // namespace

const std::vector<std::string>& MatchingWeights::Keys() {
  static const std::vector<std::string> keys = {"matching_weight_heritage", "matching_weight_waiting",
                                                "matching_weight_needs", "matching_weight_location",
                                                "matching_weight_cost"};
  return keys;
}

absl::StatusOr<MatchingWeights> MatchingWeights::On(const platform::StatutoryTable& table, platform::Date day) {
  MatchingWeights w;
  ASSIGN_OR_RETURN(long long heritage, table.ValueOn("matching_weight_heritage", day));
  ASSIGN_OR_RETURN(long long waiting, table.ValueOn("matching_weight_waiting", day));
  ASSIGN_OR_RETURN(long long needs, table.ValueOn("matching_weight_needs", day));
  ASSIGN_OR_RETURN(long long location, table.ValueOn("matching_weight_location", day));
  ASSIGN_OR_RETURN(long long cost, table.ValueOn("matching_weight_cost", day));
  w.heritage = static_cast<int>(heritage);
  w.waiting = static_cast<int>(waiting);
  w.needs = static_cast<int>(needs);
  w.location = static_cast<int>(location);
  w.cost = static_cast<int>(cost);
  return w;
}

namespace {

using Packed = CandidatePool::Packed;

uint8_t Bit(MatchingFilter f) { return static_cast<uint8_t>(1u << static_cast<int>(f)); }

// The first filter of a packed household's terms the children fail, if any; the filters
// set aside that it fails go in `overridden` (bits).
std::optional<MatchingFilter> FirstFailed(const Packed& h, const ChildrenToPlace& c, uint8_t set_aside,
                                          uint8_t& overridden) {
  auto check = [&](bool ok, MatchingFilter f) {
    if (ok) return true;
    if (set_aside & Bit(f)) {
      overridden |= Bit(f);
      return true;
    }
    return false;
  };
  if (!check(c.children >= h.min_children && c.children <= h.max_children, MatchingFilter::kNumberOfChildren)) {
    return MatchingFilter::kNumberOfChildren;
  }
  if (!check(c.children == 1 || (h.flags & CandidatePool::kSiblings), MatchingFilter::kSiblingGroup)) {
    return MatchingFilter::kSiblingGroup;
  }
  if (!check(c.youngest_age_years >= h.min_age && c.oldest_age_years <= h.max_age, MatchingFilter::kAgeRange)) {
    return MatchingFilter::kAgeRange;
  }
  if (!check(!c.disability || (h.flags & CandidatePool::kDisability), MatchingFilter::kDisability)) {
    return MatchingFilter::kDisability;
  }
  if (!check(!c.early_permanence || (h.flags & CandidatePool::kDualApproval), MatchingFilter::kEarlyPermanence)) {
    return MatchingFilter::kEarlyPermanence;
  }
  return std::nullopt;
}

// The children as one search reads them against the pool's numbering.
struct ChildrenKey {
  uint64_t heritages = 0;                // the numbered codes
  std::vector<std::string> unnumbered;   // codes no household has numbered
  int heritage_count = 0;
  int authority = -1;
  int32_t today = 0;
};

// The same points as Score() over the profile, from the packed household.
Points PackedScore(const Packed& h, const HouseholdProfile& profile, const ChildrenToPlace& c, const ChildrenKey& k,
                   const MatchingWeights& w, uint8_t overridden) {
  Points p;
  const bool terms = h.flags & CandidatePool::kTerms;
  if (terms && k.heritage_count > 0 && (h.heritages != 0 || (h.flags & CandidatePool::kMoreHeritages))) {
    int met = std::popcount(h.heritages & k.heritages);
    if (h.flags & CandidatePool::kMoreHeritages) {
      for (const auto& code : k.unnumbered) met += Contains(profile.terms->ethnicities, code);
    }
    p.heritage = w.heritage * met / k.heritage_count;
  }
  const int waited = h.approved_day == CandidatePool::kNoApprovalDay ? 0 : std::max(0, k.today - h.approved_day);
  p.waiting = w.waiting * std::min(waited, kWaitingFullDays) / kWaitingFullDays;
  const bool health = !c.health_needs.empty();
  const int shares = int(c.disability) + int(health);
  if (shares == 0) {
    p.needs = w.needs;
  } else {
    const bool disability_met = terms && (h.flags & CandidatePool::kDisability) &&
                                !(overridden & Bit(MatchingFilter::kDisability));
    const bool health_met = terms && (h.flags & CandidatePool::kHealthNeeds);
    p.needs = w.needs * (int(c.disability && disability_met) + int(health && health_met)) / shares;
  }
  p.location = k.authority >= 0 && h.authority == k.authority ? w.location : 0;
  p.cost = (h.flags & CandidatePool::kInHouse) ? w.cost : 0;
  return p;
}

// In the order the filters are checked (and listed when set aside).
constexpr MatchingFilter kFilters[] = {MatchingFilter::kNumberOfChildren, MatchingFilter::kSiblingGroup,
                                       MatchingFilter::kAgeRange, MatchingFilter::kDisability,
                                       MatchingFilter::kEarlyPermanence};

}  // namespace

SearchResult SearchHouseholds(const ChildrenToPlace& children, const CandidatePool& pool,
                              const MatchingWeights& weights, const std::vector<MatchingFilter>& set_aside,
                              platform::Date today, int limit) {
  SearchResult result;
  ChildrenKey key;
  for (const auto& code : children.ethnicities) {
    const int n = pool.EthnicityNumber(code);
    if (n < 0) {
      key.unnumbered.push_back(code);
    } else {
      key.heritages |= uint64_t{1} << n;
    }
  }
  key.heritage_count = static_cast<int>(children.ethnicities.size());
  key.authority = pool.AuthorityNumber(children.local_authority);
  key.today = static_cast<int32_t>(today - platform::Date(1970, 1, 1));
  uint8_t aside = 0;
  for (MatchingFilter f : set_aside) aside |= Bit(f);

  // One pass over the packed pool keeping the best `limit` in a heap (its front the one
  // ranked last); only those few are explained from their profiles.
  struct Scored {
    const Packed* household;
    int tier;
    Points points;
    uint8_t overridden;
  };
  const std::vector<HouseholdProfile>& profiles = pool.profiles();
  auto before = [&](const Scored& a, const Scored& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.points.total() != b.points.total()) return a.points.total() > b.points.total();
    const auto approved = [](const Scored& s) {
      return s.household->approved_day == CandidatePool::kNoApprovalDay ? INT32_MAX : s.household->approved_day;
    };
    if (approved(a) != approved(b)) return approved(a) < approved(b);
    return profiles[a.household->index].id < profiles[b.household->index].id;
  };
  const size_t keep = static_cast<size_t>(std::max(0, limit));
  std::vector<Scored> best;
  best.reserve(keep + 1);
  int failed[std::size(kFilters)] = {};  // by MatchingFilter's value
  for (const Packed& h : pool.packed()) {
    ++result.considered;
    uint8_t overridden = 0;
    if (h.flags & CandidatePool::kTerms) {
      if (auto f = FirstFailed(h, children, aside, overridden)) {
        ++failed[static_cast<int>(*f)];
        continue;
      }
    }
    if (keep == 0) continue;
    const HouseholdProfile& profile = profiles[h.index];
    Scored s{&h, h.tier,
             PackedScore(h, profile, children, key, weights, overridden), overridden};
    if (best.size() < keep) {
      best.push_back(s);
      std::push_heap(best.begin(), best.end(), before);
    } else if (before(s, best.front())) {
      std::pop_heap(best.begin(), best.end(), before);
      best.back() = s;
      std::push_heap(best.begin(), best.end(), before);
    }
  }
  for (MatchingFilter f : kFilters) {
    if (failed[static_cast<int>(f)] > 0) result.filtered_out[MatchingFilterName(f)] = failed[static_cast<int>(f)];
  }
  std::sort_heap(best.begin(), best.end(), before);
  for (const Scored& s : best) {
    const HouseholdProfile& profile = profiles[s.household->index];
    std::vector<MatchingFilter> overridden;
    for (MatchingFilter f : kFilters) {
      if (s.overridden & Bit(f)) overridden.push_back(f);
    }
    Candidate c{.household = &profile, .tier = s.tier, .score = s.points.total()};
    c.parts = Explain(profile, children, s.points, today, overridden);
    for (MatchingFilter f : overridden) c.filters_set_aside.push_back(MatchingFilterName(f));
    result.candidates.push_back(std::move(c));
  }
  return result;
}

SearchResult SearchHouseholds(const ChildrenToPlace& children, const std::vector<HouseholdProfile>& pool,
                              const MatchingWeights& weights, const std::vector<MatchingFilter>& set_aside,
                              platform::Date today, int limit) {
  return SearchHouseholds(children, CandidatePool(pool), weights, set_aside, today, limit);
}

ChildrenToPlace ToPlace(const Child& child, const std::vector<Child>& siblings, platform::Date today) {
  ChildrenToPlace p;
  p.local_authority = child.details.local_authority;
  std::vector<const Child*> group = {&child};
  for (const Child& s : siblings) {
    if (s.id != child.id && s.details.sibling_placement == SiblingPlacement::kTogether &&
        s.status != FamilyFindingStatus::kAdopted && s.status != FamilyFindingStatus::kPlanChanged) {
      group.push_back(&s);
    }
  }
  p.children = static_cast<int>(group.size());
  p.youngest_age_years = 17;
  p.oldest_age_years = 0;
  std::set<std::string> ethnicities;
  for (const Child* c : group) {
    const int age = c->details.date_of_birth ? AgeInYears(*c->details.date_of_birth, today) : 0;
    p.youngest_age_years = std::min(p.youngest_age_years, age);
    p.oldest_age_years = std::max(p.oldest_age_years, age);
    p.disability = p.disability || c->details.disability;
    if (!c->details.health_and_development_needs.empty()) {
      p.health_needs.push_back(c->details.health_and_development_needs);
    }
    p.early_permanence = p.early_permanence || c->details.early_permanence;
    if (!c->details.ethnicity.empty()) ethnicities.insert(c->details.ethnicity);
  }
  p.ethnicities.assign(ethnicities.begin(), ethnicities.end());
  return p;
}

namespace {
constexpr const char* kFilterNames[] = {"number_of_children", "age_range", "disability", "early_permanence",
                                        "sibling_group"};
}  // namespace

std::string MatchingFilterName(MatchingFilter f) { return kFilterNames[static_cast<int>(f)]; }
std::optional<MatchingFilter> ParseMatchingFilter(const std::string& name) {
  return platform::EnumFromName<MatchingFilter>(kFilterNames, name);
}

}  // namespace familyfinding
